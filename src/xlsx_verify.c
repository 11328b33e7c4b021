/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx_verify.c - the written workbook read back before it is put in place: every sheet's
 * zip member inflated whole, its rows counted. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "confspend/arena.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/handoff.h"
#include "confspend/rate.h"

#include "xlsx_book.h"

/* The little-endian 16- and 32-bit numbers of the zip format at P. */
static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* One worksheet member of the zip, as its central directory describes it. */
struct member {
    uint32_t method, crc, csize, usize, offset;
};

/* Copy the bytes of [LO, LO + N) (stream offsets) found in DATA, which holds the stream's
 * bytes from offset AT on (LEN of them), into BUF. */
static void copy_span(char *buf, uint64_t lo, size_t n, const unsigned char *data, uint64_t at,
                      size_t len)
{
    uint64_t a = lo > at ? lo : at, z = lo + n < at + len ? lo + n : at + len;
    if (a < z)
        memcpy(buf + (a - lo), data + (a - at), (size_t)(z - a));
}

/*
 * Inflate the member M of the zip F and check it: its length and CRC-32 are the directory's,
 * it ends with "</worksheet>", and, when ROWS >= 0, the "<sheetData>" in its first 16 KiB is
 * followed ROWS bytes later by "</sheetData>". Returns 0 when all of it holds.
 */
static int verify_member(FILE *f, const struct member *m, long rows)
{
    static const char open_tag[] = "<sheetData>", close_tag[] = "</sheetData>",
                      end_tag[] = "</worksheet>";
    enum { CHUNK = 1 << 16, HEAD = 1 << 14, TAG = sizeof close_tag - 1, END = sizeof end_tag - 1 };
    unsigned char lh[30], *in = xmalloc(CHUNK), *out = xmalloc(CHUNK);
    char head[HEAD + 1] = {0}, close_seen[TAG] = {0}, tail[END] = {0};
    const char *open_at;
    z_stream z = {0};
    uint32_t left = m->csize, crc = (uint32_t)crc32(0L, Z_NULL, 0);
    uint64_t pos = 0, close_at = 0;
    int zr = Z_DATA_ERROR, head_done = 0, ok = 0;

    if (m->method != 8 || fseek(f, (long)m->offset, SEEK_SET) != 0 || fread(lh, 1, 30, f) != 30 ||
        le32(lh) != 0x04034b50 || fseek(f, (long)(le16(lh + 26) + le16(lh + 28)), SEEK_CUR) ||
        inflateInit2(&z, -MAX_WBITS) != Z_OK)
        goto out;
    do {
        size_t n;
        if (z.avail_in == 0) {
            n = fread(in, 1, left < CHUNK ? left : CHUNK, f);
            left -= (uint32_t)n;
            z.next_in = in;
            z.avail_in = (uInt)n;
        }
        z.next_out = out;
        z.avail_out = CHUNK;
        zr = inflate(&z, Z_NO_FLUSH);
        if (zr != Z_OK && zr != Z_STREAM_END)
            break;
        n = CHUNK - z.avail_out;
        crc = (uint32_t)crc32(crc, out, (uInt)n);
        copy_span(head, 0, HEAD, out, pos, n);
        /* once the head is in: where "</sheetData>" must be, and what is there so far */
        if (!head_done && (pos + n >= HEAD || zr == Z_STREAM_END)) {
            head_done = 1;
            if (rows >= 0 && (open_at = strstr(head, open_tag))) {
                close_at = (uint64_t)(open_at - head) + sizeof open_tag - 1 + (uint64_t)rows;
                copy_span(close_seen, close_at, TAG, (unsigned char *)head, 0,
                          pos + n < HEAD ? pos + n : HEAD);
            }
        }
        if (close_at)
            copy_span(close_seen, close_at, TAG, out, pos, n);
        if (n >= END) {
            memcpy(tail, out + n - END, END);
        } else {
            memmove(tail, tail + n, END - n);
            memcpy(tail + END - n, out, n);
        }
        pos += n;
        if (n == 0 && z.avail_in == 0 && left == 0)
            break;
    } while (zr != Z_STREAM_END);
    ok = zr == Z_STREAM_END && crc == m->crc && pos == m->usize && !memcmp(tail, end_tag, END) &&
         (rows < 0 || (close_at && !memcmp(close_seen, close_tag, TAG)));
    inflateEnd(&z);
out:
    free(in);
    free(out);
    return ok ? 0 : -1;
}

/*
 * Read back the zip in the file FD that workbook_close() wrote and check each worksheet with
 * verify_member(): libxlsxwriter copies every sheet's rows through a temporary file in
 * workbook_close() without checking those writes, and a disk that fills up there (and frees
 * space again when the rows' file is removed) leaves a well-formed zip of a cut sheet.
 * SIZES are the bytes of rows flush_sheets() counted. Fills the error when one fails.
 */
int verify_workbook(struct book *b, int fd, const long sizes[NSHEETS_MAX])
{
    int copy = dup(fd);
    FILE *f = copy >= 0 ? fdopen(copy, "rb") : NULL;
    unsigned char *buf = NULL, *eocd = NULL, *p;
    long size = 0, n;
    uint32_t count, cd_size, cd_off;
    int seen = 0, bad = 1;

    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 22)
        goto out;
    /* the end-of-central-directory record, within the last 22 + 65535 bytes */
    n = size < 22 + 65535 ? size : 22 + 65535;
    buf = xmalloc((size_t)n);
    if (fseek(f, size - n, SEEK_SET) != 0 || fread(buf, 1, (size_t)n, f) != (size_t)n)
        goto out;
    for (p = buf + n - 22; p >= buf && !eocd; p--)
        if (le32(p) == 0x06054b50)
            eocd = p;
    if (!eocd)
        goto out;
    count = le16(eocd + 10);
    cd_size = le32(eocd + 12);
    cd_off = le32(eocd + 16);
    if ((long)cd_off + (long)cd_size > size)
        goto out;
    free(buf);
    buf = xmalloc(cd_size + 1);
    if (fseek(f, (long)cd_off, SEEK_SET) != 0 || fread(buf, 1, cd_size, f) != cd_size)
        goto out;
    bad = 0;
    for (p = buf; count-- > 0 && !bad; p += 46 + le16(p + 28) + le16(p + 30) + le16(p + 32)) {
        struct member m;
        char name[64];
        unsigned nlen;
        int sheet;
        if (p + 46 > buf + cd_size || le32(p) != 0x02014b50 ||
            p + 46 + le16(p + 28) > buf + cd_size) {
            bad = 1;
            break;
        }
        nlen = le16(p + 28);
        snprintf(name, sizeof name, "%.*s", nlen < 63 ? (int)nlen : 63, (const char *)p + 46);
        if (sscanf(name, "xl/worksheets/sheet%d.xml", &sheet) != 1 || sheet < 1 ||
            sheet > b->nsheets || strcmp(strrchr(name, '.'), ".xml"))
            continue;
        m = (struct member){le16(p + 10), le32(p + 16), le32(p + 20), le32(p + 24), le32(p + 42)};
        bad = verify_member(f, &m, sizes[sheet - 1]) != 0;
        seen++;
    }
out:
    if (f)
        fclose(f);
    else if (copy >= 0)
        close(copy);
    free(buf);
    if (bad || seen != b->nsheets)
        return cs_error(b->err, CS_EFAIL, "export", b->path,
                        "the workbook came out incomplete (the disk or the temporary folder is "
                        "full?)");
    return 0;
}
