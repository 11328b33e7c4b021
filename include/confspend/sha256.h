/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sha256.h - SHA-256 of stored receipts, by nettle, which lives in the module
 * confspend-sha256.so (src/sha256.c): only the receipt commands open it, so no other
 * command pays for loading nettle at start. */
#ifndef CONFSPEND_SHA256_H
#define CONFSPEND_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include <nettle/sha2.h>

#include "confspend/error.h"

/* nettle's three calls, as the module hands them over */
struct sha256_fns {
    void (*init)(struct sha256_ctx *h);
    void (*update)(struct sha256_ctx *h, size_t n, const uint8_t *data);
    void (*digest)(struct sha256_ctx *h, size_t n, uint8_t *out);
};

/* The calls, the module opened on first use; NULL with E set (CS_EFAIL) when it cannot be. */
const struct sha256_fns *sha256_fns_get(struct cs_err *e);

#endif
