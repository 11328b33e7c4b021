/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hash.c - MurmurHash3_x64_128, after the reference implementation in SMHasher. */
#include "confspend/hash.h"

#include <string.h>

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t fmix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

/* Read 8 bytes at P as a little-endian number, whatever the host's order. */
static uint64_t load64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

void hash128(const void *data, size_t n, uint32_t seed, unsigned char out[16])
{
    const unsigned char *p = data;
    const uint64_t c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
    uint64_t h1 = seed, h2 = seed, k1, k2;
    size_t nblocks = n / 16, i;

    for (i = 0; i < nblocks; i++) {
        k1 = load64(p + 16 * i);
        k2 = load64(p + 16 * i + 8);
        k1 *= c1;
        k1 = rotl(k1, 31);
        k1 *= c2;
        h1 ^= k1;
        h1 = rotl(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        k2 *= c2;
        k2 = rotl(k2, 33);
        k2 *= c1;
        h2 ^= k2;
        h2 = rotl(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }
    /* the last 0..15 bytes */
    {
        const unsigned char *t = p + nblocks * 16;
        size_t r = n & 15;
        k1 = k2 = 0;
        for (i = r; i > 8; i--)
            k2 = k2 << 8 | t[i - 1];
        for (i = r < 8 ? r : 8; i > 0; i--)
            k1 = k1 << 8 | t[i - 1];
        if (r > 8) {
            k2 *= c2;
            k2 = rotl(k2, 33);
            k2 *= c1;
            h2 ^= k2;
        }
        if (r > 0) {
            k1 *= c1;
            k1 = rotl(k1, 31);
            k1 *= c2;
            h1 ^= k1;
        }
    }
    h1 ^= (uint64_t)n;
    h2 ^= (uint64_t)n;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    for (i = 0; i < 8; i++) {
        out[i] = (unsigned char)(h1 >> (8 * i));
        out[8 + i] = (unsigned char)(h2 >> (8 * i));
    }
}
