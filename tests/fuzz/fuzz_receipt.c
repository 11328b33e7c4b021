/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_receipt.c - the receipt sniffer and its image-header reading (receipt_sniff.c).
 *
 * Input: one byte K, then the file's bytes. The file is fed to one sniffer whole and to
 * another in chunks whose sizes come from K (1 to 256 bytes, cycling), so a structure cut
 * at any chunk end is read the same. Invariants: both give the same verdict and message;
 * an error is CS_EINPUT naming "receipt" on one line; an accepted file starts with its
 * type's magic (FF D8 FF, the PNG signature, %PDF-), an image has dimensions within the
 * limits, a JPEG holds an FF D9 and a PNG an IEND chunk type, a PDF ends (last 1024
 * bytes) with %%EOF; and a file cut one byte short of an accepted JPEG or PNG whose end
 * marker is its last bytes is refused. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <string.h>

#include "confspend/receipt.h"
#include "fuzz.h"

static int verdict(const uint8_t *d, size_t n, size_t step0, struct cs_err *e, long *w, long *h)
{
    struct receipt_sniff s;
    receipt_sniff_init(&s);
    if (!step0) {
        receipt_sniff_feed(&s, d, n);
    } else {
        size_t step = step0;
        for (size_t i = 0; i < n; i += step, step = step % 256 + 1) {
            size_t k = n - i < step ? n - i : step;
            receipt_sniff_feed(&s, d + i, k);
        }
    }
    return receipt_sniff_end(&s, "f", w, h, e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cs_err e1 = CS_ERR_INIT, e2 = CS_ERR_INIT;
    long w1, h1, w2, h2;
    int t1, t2;
    static const uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (size < 1)
        return 0;
    size_t step = data[0] % 256 + 1;
    data++, size--;
    t1 = verdict(data, size, 0, &e1, &w1, &h1);
    t2 = verdict(data, size, step, &e2, &w2, &h2);
    FUZZ_CHECK(t1 == t2);
    if (t1 < 0) {
        fuzz_check_err(&e1, CS_EINPUT);
        FUZZ_CHECK(!strcmp(e1.msg, e2.msg));
        FUZZ_CHECK(!strncmp(e1.msg, "receipt: ", 9));
        return 0;
    }
    FUZZ_CHECK(w1 == w2 && h1 == h2);
    FUZZ_CHECK(size >= 8);
    if (t1 == RECEIPT_JPEG) {
        FUZZ_CHECK(data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF);
        FUZZ_CHECK(memmem(data, size, "\xff\xd9", 2) != NULL);
    } else if (t1 == RECEIPT_PNG) {
        FUZZ_CHECK(!memcmp(data, png_sig, 8));
        FUZZ_CHECK(memmem(data, size, "IEND", 4) != NULL);
    } else {
        size_t tail = size > 1024 ? 1024 : size;
        FUZZ_CHECK(t1 == RECEIPT_PDF && !memcmp(data, "%PDF-", 5));
        FUZZ_CHECK(memmem(data + size - tail, tail, "%%EOF", 5) != NULL);
        FUZZ_CHECK(w1 == 0 && h1 == 0);
    }
    if (t1 != RECEIPT_PDF) {
        FUZZ_CHECK(w1 > 0 && h1 > 0 && w1 <= RECEIPT_MAX_SIDE && h1 <= RECEIPT_MAX_SIDE);
        FUZZ_CHECK((int64_t)w1 * h1 <= RECEIPT_MAX_PIXELS);
        /* the only end marker at the very end: one byte fewer is cut short */
        int only_at_end = t1 == RECEIPT_JPEG ? data[size - 2] == 0xFF && data[size - 1] == 0xD9 &&
                                                   !memmem(data, size - 1, "\xff\xd9", 2)
                                             : size >= 12 && !memcmp(data + size - 8, "IEND", 4) &&
                                                   !memmem(data, size - 8, "IEND", 4);
        if (only_at_end) {
            struct cs_err e3 = CS_ERR_INIT;
            FUZZ_CHECK(verdict(data, size - 1, 0, &e3, NULL, NULL) < 0);
        }
    }
    return 0;
}
