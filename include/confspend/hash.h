/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hash.h - MurmurHash3 x64 128 (Austin Appleby, public domain): a fast 128-bit hash for
 * import keys. Not cryptographic: it tells rows apart, it does not resist an attacker. */
#ifndef CONFSPEND_HASH_H
#define CONFSPEND_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The 16-byte hash of the N bytes at DATA with SEED into OUT (h1 then h2, little-endian,
 * as the reference implementation stores them). */
void hash128(const void *data, size_t n, uint32_t seed, unsigned char out[16]);

#endif
