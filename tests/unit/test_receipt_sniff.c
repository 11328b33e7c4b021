/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_receipt_sniff.c - the receipt sniffer: types by content, image sizes read from the
 * headers, files cut short, and the same verdict whatever the chunks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/receipt.h"

/* The verdict on the N bytes at D fed in chunks of STEP (0: at once); W/H the size. */
static int sniff(const unsigned char *d, size_t n, size_t step, struct cs_err *e, long *w, long *h)
{
    struct receipt_sniff s;
    receipt_sniff_init(&s);
    if (!step)
        receipt_sniff_feed(&s, d, n);
    for (size_t i = 0; step && i < n; i += step)
        receipt_sniff_feed(&s, d + i, n - i < step ? n - i : step);
    return receipt_sniff_end(&s, "f", w, h, e);
}

/* D is accepted as TYPE, W x H, fed whole and in chunks of every size up to 40 bytes. */
static void accepted(const unsigned char *d, size_t n, int type, long w, long h)
{
    for (size_t step = 0; step <= 40; step++) {
        struct cs_err e = CS_ERR_INIT;
        long gw = -1, gh = -1;
        int rc = sniff(d, n, step, &e, &gw, &gh);
        if (rc != type)
            fail_msg("step %zu: got %d (%s), want type %d", step, rc, e.msg, type);
        assert_int_equal(gw, w);
        assert_int_equal(gh, h);
    }
}

/* D is refused with the message MSG ("receipt: ... (f)"), however it is fed. */
static void refused(const unsigned char *d, size_t n, const char *msg)
{
    for (size_t step = 0; step <= 40; step++) {
        struct cs_err e = CS_ERR_INIT;
        assert_int_equal(sniff(d, n, step, &e, NULL, NULL), CS_EINPUT);
        assert_string_equal(e.msg, msg);
    }
}

/* A baseline JPEG's markers: SOI, APP0, DQT, SOF0 (W x H, 1 component), DHT, SOS, two data
 * bytes with a stuffed FF 00 and a restart marker, EOI. Into BUF; returns its length. */
static size_t jpeg(unsigned char *buf, unsigned w, unsigned h)
{
    static const unsigned char head[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x06, 'J',  'F',
                                         'I',  'F',  0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01};
    size_t n = 0;
    memcpy(buf, head, sizeof head);
    n = sizeof head;
    unsigned char sof[] = {0xFF,
                           0xC0,
                           0x00,
                           0x0B,
                           0x08,
                           (unsigned char)(h >> 8),
                           (unsigned char)h,
                           (unsigned char)(w >> 8),
                           (unsigned char)w,
                           0x01,
                           0x01,
                           0x11,
                           0x00};
    memcpy(buf + n, sof, sizeof sof);
    n += sizeof sof;
    static const unsigned char rest[] = {0xFF, 0xC4, 0x00, 0x03, 0x00, /* DHT */
                                         0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00,
                                         0x00, 0x3F, 0x00,                         /* SOS */
                                         0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, /* data */
                                         0xFF, 0xD9};
    memcpy(buf + n, rest, sizeof rest);
    return n + sizeof rest;
}

static void test_jpeg(void **state)
{
    unsigned char b[128], c[128];
    size_t n = jpeg(b, 640, 480);
    (void)state;
    accepted(b, n, RECEIPT_JPEG, 640, 480);
    /* bytes after EOI are ignored */
    memcpy(c, b, n);
    memcpy(c + n, "trail", 5);
    accepted(c, n + 5, RECEIPT_JPEG, 640, 480);
    /* cut anywhere before EOI's last byte: cut short or a damaged header */
    for (size_t k = 8; k < n; k++) {
        struct cs_err e = CS_ERR_INIT;
        assert_int_equal(sniff(b, k, 0, &e, NULL, NULL), CS_EINPUT);
    }
    refused(b, n - 1, "receipt: a JPEG that is cut short (no end marker) (f)");
    /* 30001 wide: one side too many */
    n = jpeg(b, 30001, 10);
    refused(b, n,
            "receipt: a JPEG of 30001x10 pixels is too large (at most 100 megapixels, "
            "30000 a side) (f)");
    /* 20000 x 20000 = 400 megapixels */
    n = jpeg(b, 20000, 20000);
    refused(b, n,
            "receipt: a JPEG of 20000x20000 pixels is too large (at most 100 megapixels, "
            "30000 a side) (f)");
    /* a zero width is no frame */
    n = jpeg(b, 0, 10);
    refused(b, n, "receipt: a JPEG with a damaged or missing frame header (f)");
    /* a segment length below 2 */
    n = jpeg(b, 10, 10);
    b[5] = 0x01;
    refused(b, n, "receipt: a damaged JPEG (a bad marker segment) (f)");
}

/* A PNG: signature, IHDR (W x H, depth 8, colour type 2), IDAT, IEND (CRCs as zeros: not
 * checked). Into BUF; returns its length. */
static size_t png(unsigned char *buf, uint32_t w, uint32_t h, int depth, int idat)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    size_t n = 0;
    memcpy(buf, sig, 8);
    n = 8;
    unsigned char ihdr[] = {0,
                            0,
                            0,
                            13,
                            'I',
                            'H',
                            'D',
                            'R',
                            (unsigned char)(w >> 24),
                            (unsigned char)(w >> 16),
                            (unsigned char)(w >> 8),
                            (unsigned char)w,
                            (unsigned char)(h >> 24),
                            (unsigned char)(h >> 16),
                            (unsigned char)(h >> 8),
                            (unsigned char)h,
                            (unsigned char)depth,
                            2,
                            0,
                            0,
                            0,
                            1,
                            2,
                            3,
                            4};
    memcpy(buf + n, ihdr, sizeof ihdr);
    n += sizeof ihdr;
    if (idat) {
        static const unsigned char d[] = {0, 0, 0, 2, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0, 0, 0, 0};
        memcpy(buf + n, d, sizeof d);
        n += sizeof d;
    }
    static const unsigned char end[] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    memcpy(buf + n, end, sizeof end);
    return n + sizeof end;
}

static void test_png(void **state)
{
    unsigned char b[128];
    size_t n = png(b, 1200, 1600, 8, 1);
    (void)state;
    accepted(b, n, RECEIPT_PNG, 1200, 1600);
    refused(b, n - 1, "receipt: a PNG that is cut short (no IEND chunk) (f)");
    n = png(b, 100000, 100000, 8, 1);
    refused(b, n,
            "receipt: a PNG of 100000x100000 pixels is too large (at most 100 megapixels, "
            "30000 a side) (f)");
    n = png(b, 0x80000000u, 1, 8, 1);
    refused(b, n, "receipt: a PNG with a damaged or missing IHDR, IDAT or IEND (f)");
    n = png(b, 10, 10, 3, 1); /* depth 3 is no PNG depth */
    refused(b, n, "receipt: a PNG with a damaged or missing IHDR, IDAT or IEND (f)");
    n = png(b, 10, 10, 8, 0); /* no image data */
    refused(b, n, "receipt: a PNG with a damaged or missing IHDR, IDAT or IEND (f)");
    n = png(b, 10, 10, 8, 1);
    b[12] = 'i'; /* IHDR must come first */
    refused(b, n, "receipt: a PNG with a damaged or missing IHDR, IDAT or IEND (f)");
}

static void test_pdf(void **state)
{
    static const char good[] =
        "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\nstartxref\n9\n%%EOF\n";
    char *late;
    (void)state;
    accepted((const unsigned char *)good, strlen(good), RECEIPT_PDF, 0, 0);
    refused((const unsigned char *)"%PDF-1.4\nno objects here\nstartxref\n0\n%%EOF\n", 44,
            "receipt: a PDF header with no objects after it (f)");
    refused((const unsigned char *)"%PDF-1.4\n1 0 obj endobj\n", 25,
            "receipt: a PDF that does not end with startxref and %%EOF (cut short?) (f)");
    /* %%EOF more than 1024 bytes before the end is not its end */
    late = malloc(strlen(good) + 2000);
    memcpy(late, good, strlen(good));
    memset(late + strlen(good), ' ', 2000);
    refused((const unsigned char *)late, strlen(good) + 2000,
            "receipt: a PDF that does not end with startxref and %%EOF (cut short?) (f)");
    free(late);
}

static void test_other(void **state)
{
    (void)state;
    refused((const unsigned char *)"GIF89a....", 10, "receipt: not a JPEG, PNG or PDF (f)");
    refused((const unsigned char *)"%PDF", 4, "receipt: not a JPEG, PNG or PDF (f)");
    refused((const unsigned char *)"", 0, "receipt: not a JPEG, PNG or PDF (f)");
    refused((const unsigned char *)"%PDF-x.y rest", 13, "receipt: not a JPEG, PNG or PDF (f)");
    assert_string_equal(receipt_type_name(RECEIPT_PNG), "png");
    assert_string_equal(receipt_type_name(RECEIPT_UNKNOWN), "");
}

/* More than 25 MiB is refused however it is fed, without holding it. */
static void test_too_large(void **state)
{
    struct receipt_sniff s;
    struct cs_err e = CS_ERR_INIT;
    static unsigned char chunk[1 << 20];
    (void)state;
    receipt_sniff_init(&s);
    memcpy(chunk, "%PDF-1.4\n", 9);
    for (int i = 0; i < 26; i++)
        receipt_sniff_feed(&s, chunk, sizeof chunk);
    assert_int_equal(receipt_sniff_end(&s, "f", NULL, NULL, &e), CS_EINPUT);
    assert_string_equal(e.msg, "receipt: larger than 25 MiB (f)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jpeg),  cmocka_unit_test(test_png),       cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_other), cmocka_unit_test(test_too_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
