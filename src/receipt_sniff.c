/* SPDX-License-Identifier: GPL-3.0-or-later */
/* receipt_sniff.c - what a receipt file is, by its content: the JPEG, PNG and PDF walks
 * (pure: no SQLite, no files; tests/fuzz/fuzz_receipt.c drives it). */
#define _GNU_SOURCE /* memmem */
#include "confspend/receipt.h"

#include <string.h>

/* Why a file that starts as a receipt is refused (receipt_sniff.bad). */
enum {
    RS_OK = 0,
    RS_DAMAGED,   /* the structure breaks: a bad marker, chunk or segment */
    RS_SHORT,     /* it ends before its end marker (EOI, IEND) */
    RS_HEADER,    /* the image header is missing or impossible */
    RS_PIXELS,    /* the header claims too many pixels */
    RS_PDF_BODY,  /* a PDF header with no objects after it */
    RS_PDF_END,   /* a PDF that does not end with startxref and %%EOF */
    RS_TOO_LARGE, /* more than RECEIPT_MAX_BYTES */
};

/* The states of the JPEG and PNG walks. */
enum {
    J_FF = 0, /* expecting a marker's 0xFF */
    J_MARKER, /* the marker byte */
    J_LEN1,
    J_LEN2,
    J_SEG,        /* inside a segment of s->left bytes */
    J_ENTROPY,    /* scan data, until a marker */
    J_ENTROPY_FF, /* scan data, after an 0xFF */
    J_DONE,       /* after EOI: the rest is ignored */
    P_LEN = 20,   /* PNG chunk length, 4 bytes */
    P_TYPE,       /* its type, 4 bytes */
    P_DATA,       /* its data, s->left bytes */
    P_CRC,        /* its CRC, 4 bytes */
    P_DONE,       /* after IEND */
};

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

const char *receipt_type_name(int type)
{
    switch (type) {
    case RECEIPT_JPEG:
        return "jpeg";
    case RECEIPT_PNG:
        return "png";
    case RECEIPT_PDF:
        return "pdf";
    }
    return "";
}

void receipt_sniff_init(struct receipt_sniff *s)
{
    memset(s, 0, sizeof *s);
}

/* The type the first 8 bytes H name. */
static int type_of_head(const unsigned char *h)
{
    if (h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
        return RECEIPT_JPEG;
    if (!memcmp(h, png_sig, 8))
        return RECEIPT_PNG;
    if (!memcmp(h, "%PDF-", 5) && h[5] >= '1' && h[5] <= '9' && h[6] == '.' && h[7] >= '0' &&
        h[7] <= '9')
        return RECEIPT_PDF;
    return RECEIPT_UNKNOWN;
}

/* The image size W x H against the limits. */
static int size_bad(long w, long h)
{
    return w <= 0 || h <= 0 || w > RECEIPT_MAX_SIDE || h > RECEIPT_MAX_SIDE ||
           (int64_t)w * h > RECEIPT_MAX_PIXELS;
}

/* A JPEG frame header marker: SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
static int jpeg_sof(int m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* A marker M was read (after its 0xFF): what follows it. */
static void jpeg_marker(struct receipt_sniff *s, int m)
{
    if (m == 0xFF) { /* fill byte */
        s->state = J_MARKER;
    } else if (m == 0xD9) { /* EOI */
        if (!s->seen_frame || !s->seen_data)
            s->bad = RS_HEADER;
        s->done = 1;
        s->state = J_DONE;
    } else if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* standalone */
        s->state = s->seen_data ? J_ENTROPY : J_FF;
    } else if (m == 0x00 || m == 0xD8) {
        s->bad = RS_DAMAGED;
    } else {
        s->marker = m;
        s->state = J_LEN1;
    }
}

/* The segment of s->marker ended: a frame header is read, a scan starts its data. */
static void jpeg_segment_end(struct receipt_sniff *s)
{
    if (jpeg_sof(s->marker)) {
        if (s->segn < 6 || s->seen_frame) {
            s->bad = RS_HEADER;
            return;
        }
        s->height = (long)s->seg[1] << 8 | s->seg[2];
        s->width = (long)s->seg[3] << 8 | s->seg[4];
        if (s->seg[5] == 0 || s->width == 0 || s->height == 0) {
            s->bad = RS_HEADER;
            return;
        }
        if (size_bad(s->width, s->height)) {
            s->bad = RS_PIXELS;
            return;
        }
        s->seen_frame = 1;
    }
    if (s->marker == 0xDA) { /* SOS: entropy-coded data follows */
        if (!s->seen_frame) {
            s->bad = RS_HEADER;
            return;
        }
        s->seen_data = 1;
        s->state = J_ENTROPY;
        return;
    }
    s->state = J_FF;
}

static void jpeg_feed(struct receipt_sniff *s, const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && !s->bad) {
        unsigned char b = p[i];
        switch (s->state) {
        case J_FF:
            if (b != 0xFF) {
                s->bad = RS_DAMAGED;
                return;
            }
            s->state = J_MARKER;
            i++;
            break;
        case J_MARKER:
            jpeg_marker(s, b);
            i++;
            break;
        case J_LEN1:
            s->left = (int64_t)b << 8;
            s->state = J_LEN2;
            i++;
            break;
        case J_LEN2:
            s->left |= b;
            i++;
            if (s->left < 2) {
                s->bad = RS_DAMAGED;
                return;
            }
            s->left -= 2;
            s->segn = 0;
            s->state = J_SEG;
            if (!s->left)
                jpeg_segment_end(s);
            break;
        case J_SEG: {
            size_t k = n - i < (uint64_t)s->left ? n - i : (size_t)s->left;
            for (size_t j = 0; j < k && s->segn < (int)sizeof s->seg; j++)
                s->seg[s->segn++] = p[i + j];
            i += k;
            s->left -= (int64_t)k;
            if (!s->left)
                jpeg_segment_end(s);
            break;
        }
        case J_ENTROPY: {
            const unsigned char *ff = memchr(p + i, 0xFF, n - i);
            if (!ff)
                return;
            i = (size_t)(ff - p) + 1;
            s->state = J_ENTROPY_FF;
            break;
        }
        case J_ENTROPY_FF:
            i++;
            if (b == 0x00 || (b >= 0xD0 && b <= 0xD7))
                s->state = J_ENTROPY;
            else if (b != 0xFF)
                jpeg_marker(s, b);
            break;
        case J_DONE:
            return;
        }
    }
}

/* The PNG chunk in s->seg (type in seg[4..7] once read) ended its data. */
static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The bit depths PNG allows for colour type C. */
static int png_depth_ok(int c, int d)
{
    switch (c) {
    case 0:
        return d == 1 || d == 2 || d == 4 || d == 8 || d == 16;
    case 3:
        return d == 1 || d == 2 || d == 4 || d == 8;
    case 2:
    case 4:
    case 6:
        return d == 8 || d == 16;
    }
    return 0;
}

static void png_feed(struct receipt_sniff *s, const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && !s->bad) {
        switch (s->state) {
        case P_LEN:
        case P_TYPE:
        case P_CRC:
            s->seg[s->segn++] = p[i++];
            if (s->segn < 4)
                break;
            s->segn = 0;
            if (s->state == P_LEN) {
                uint32_t len = be32(s->seg);
                if (len > 0x7fffffffu) {
                    s->bad = RS_DAMAGED;
                    return;
                }
                s->left = len;
                s->state = P_TYPE;
            } else if (s->state == P_TYPE) {
                unsigned char *t = s->seg;
                for (int k = 0; k < 4; k++)
                    if (!((t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= 'a' && t[k] <= 'z'))) {
                        s->bad = RS_DAMAGED;
                        return;
                    }
                s->marker = !memcmp(t, "IHDR", 4)   ? 1
                            : !memcmp(t, "IDAT", 4) ? 2
                            : !memcmp(t, "IEND", 4) ? 3
                                                    : 0;
                if (!s->seen_frame && s->marker != 1) { /* IHDR comes first */
                    s->bad = RS_HEADER;
                    return;
                }
                if (s->marker == 1 && (s->seen_frame || s->left != 13)) {
                    s->bad = RS_HEADER;
                    return;
                }
                if (s->marker == 1) /* its 13 bytes are read into seg[0..12] */
                    s->segn = 0;
                s->state = P_DATA;
                if (!s->left)
                    s->state = P_CRC;
            } else { /* the CRC: the chunk is over */
                if (s->marker == 3) {
                    if (!s->seen_data)
                        s->bad = RS_HEADER;
                    s->done = 1;
                    s->state = P_DONE;
                    return;
                }
                s->state = P_LEN;
            }
            break;
        case P_DATA: {
            size_t k = n - i < (uint64_t)s->left ? n - i : (size_t)s->left;
            if (s->marker == 1)
                for (size_t j = 0; j < k && s->segn < 13; j++)
                    s->seg[s->segn++] = p[i + j];
            i += k;
            s->left -= (int64_t)k;
            if (s->left)
                break;
            if (s->marker == 1) {
                unsigned char *h = s->seg;
                uint32_t w = be32(h), ht = be32(h + 4);
                if (w == 0 || ht == 0 || w > 0x7fffffffu || ht > 0x7fffffffu ||
                    !png_depth_ok(h[9], h[8]) || h[10] != 0 || h[11] != 0 || h[12] > 1) {
                    s->bad = RS_HEADER;
                    return;
                }
                s->width = (long)w;
                s->height = (long)ht;
                if (size_bad(s->width, s->height)) {
                    s->bad = RS_PIXELS;
                    return;
                }
                s->seen_frame = 1;
            } else if (s->marker == 2) {
                s->seen_data = 1;
            }
            s->segn = 0;
            s->state = P_CRC;
            break;
        }
        case P_DONE:
            return;
        }
    }
}

/* The PDF's tokens: "endobj" anywhere after the header, across chunk ends too. */
static void pdf_feed(struct receipt_sniff *s, const unsigned char *p, size_t n)
{
    static const char tok[] = "endobj";
    const size_t tl = sizeof tok - 1;
    if (!s->seen_data) {
        unsigned char join[16];
        size_t k = n < tl - 1 ? n : tl - 1;
        memcpy(join, s->carry, (size_t)s->ncarry);
        memcpy(join + s->ncarry, p, k);
        if (memmem(join, (size_t)s->ncarry + k, tok, tl) || memmem(p, n, tok, tl))
            s->seen_data = 1;
        /* the last bytes seen, for a token that a chunk end cuts */
        if (n >= tl - 1) {
            memcpy(s->carry, p + n - (tl - 1), tl - 1);
            s->ncarry = (int)(tl - 1);
        } else {
            size_t keep = (size_t)s->ncarry + n > tl - 1 ? tl - 1 - n : (size_t)s->ncarry;
            memmove(s->carry, s->carry + s->ncarry - keep, keep);
            memcpy(s->carry + keep, p, n);
            s->ncarry = (int)(keep + n);
        }
    }
    /* the file's last sizeof tail bytes */
    if (n >= sizeof s->tail) {
        memcpy(s->tail, p + n - sizeof s->tail, sizeof s->tail);
        s->ntail = (int)sizeof s->tail;
    } else {
        size_t keep = (size_t)s->ntail + n > sizeof s->tail ? sizeof s->tail - n : (size_t)s->ntail;
        memmove(s->tail, s->tail + s->ntail - keep, keep);
        memcpy(s->tail + keep, p, n);
        s->ntail = (int)(keep + n);
    }
}

void receipt_sniff_feed(struct receipt_sniff *s, const unsigned char *p, size_t n)
{
    if (s->n > RECEIPT_MAX_BYTES || s->bad)
        return;
    if (s->n + (int64_t)n > RECEIPT_MAX_BYTES) {
        s->n += (int64_t)n;
        s->bad = RS_TOO_LARGE;
        return;
    }
    /* the first 8 bytes decide the type */
    while (s->n < 8 && n) {
        s->head[s->n++] = *p++;
        n--;
        if (s->n < 8)
            continue;
        s->type = type_of_head(s->head);
        if (s->type == RECEIPT_JPEG) {
            s->state = J_FF;
            jpeg_feed(s, s->head + 2, 6);
        } else if (s->type == RECEIPT_PNG) {
            s->state = P_LEN;
        } else if (s->type == RECEIPT_PDF) {
            pdf_feed(s, s->head, 8);
        }
    }
    if (!n)
        return;
    s->n += (int64_t)n;
    if (s->type == RECEIPT_JPEG)
        jpeg_feed(s, p, n);
    else if (s->type == RECEIPT_PNG)
        png_feed(s, p, n);
    else if (s->type == RECEIPT_PDF)
        pdf_feed(s, p, n);
}

int receipt_sniff_end(const struct receipt_sniff *s, const char *file, long *width, long *height,
                      struct cs_err *e)
{
    const char *what = NULL;
    static const char *const names[] = {"", "JPEG", "PNG", "PDF"};
    if (width)
        *width = 0;
    if (height)
        *height = 0;
    if (s->bad == RS_TOO_LARGE)
        return cs_error(e, CS_EINPUT, "receipt", file, "larger than 25 MiB");
    if (s->n < 8 || s->type == RECEIPT_UNKNOWN)
        return cs_error(e, CS_EINPUT, "receipt", file, "not a JPEG, PNG or PDF");
    if (s->type == RECEIPT_PDF) {
        if (!s->seen_data)
            what = "a PDF header with no objects after it";
        else if (!memmem(s->tail, (size_t)s->ntail, "startxref", 9) ||
                 !memmem(s->tail, (size_t)s->ntail, "%%EOF", 5))
            what = "a PDF that does not end with startxref and %%EOF (cut short?)";
    } else if (s->bad == RS_PIXELS) {
        return cs_error(e, CS_EINPUT, "receipt", file,
                        "a %s of %ldx%ld pixels is too large (at most %ld megapixels, %ld a "
                        "side)",
                        names[s->type], s->width, s->height, RECEIPT_MAX_PIXELS / 1000000,
                        RECEIPT_MAX_SIDE);
    } else if (s->bad == RS_HEADER) {
        what = s->type == RECEIPT_JPEG ? "a JPEG with a damaged or missing frame header"
                                       : "a PNG with a damaged or missing IHDR, IDAT or IEND";
    } else if (s->bad) {
        what = s->type == RECEIPT_JPEG ? "a damaged JPEG (a bad marker segment)"
                                       : "a damaged PNG (a bad chunk)";
    } else if (!s->done) {
        what = s->type == RECEIPT_JPEG ? "a JPEG that is cut short (no end marker)"
                                       : "a PNG that is cut short (no IEND chunk)";
    }
    if (what)
        return cs_error(e, CS_EINPUT, "receipt", file, "%s", what);
    if (width)
        *width = s->width;
    if (height)
        *height = s->height;
    return s->type;
}
