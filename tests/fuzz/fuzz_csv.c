/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_csv.c - the streaming CSV reader on any bytes.
 *
 * Input: a selector byte, then the file. Selector bits 0-1 pick the separator (, ; TAB |),
 * bit 2 a tiny record cap (64 bytes), bit 3 (with the separator ',' and no cap: it is
 * slow) a second run where the file starts just before the reader's 64 KiB chunk boundary,
 * after a padding line, so records straddle refills; bits 4-7 place the boundary.
 * Invariants: no crash or leak; every call returns 1, 0, CS_EINPUT (with a 1-based error
 * position and a one-line message) or nothing else; line numbers never go back; each
 * field's length is its strlen (no NUL gets through); the record buffer stays within the
 * cap; every record written back (all fields quoted, and with csv_write_field when the
 * separator is ',') reads back as the same fields; and the padded run reads the same
 * records, errors and columns, one line further down. */
#include <stdint.h>

#include "confspend/csv.h"
#include "confspend/output.h"
#include "fuzz.h"

#define CHUNK 65536 /* csv.c's CSV_CHUNK */

struct record {
    int nfields;
    char **fields;
    size_t *lens;
    long line;
};

struct result {
    struct record *recs;
    int n;
    int rc;
    long err_line, err_col;
    char msg[512];
};

static void result_release(struct result *r)
{
    for (int i = 0; i < r->n; i++) {
        for (int f = 0; f < r->recs[i].nfields; f++)
            free(r->recs[i].fields[f]);
        free(r->recs[i].fields);
        free(r->recs[i].lens);
    }
    free(r->recs);
    memset(r, 0, sizeof *r);
}

/* Write one record to FP with DELIM, every field quoted (a lone empty field too, so the
 * line is not skipped as empty). */
static void write_quoted(FILE *fp, const struct record *rec, int delim)
{
    for (int f = 0; f < rec->nfields; f++) {
        if (f)
            fputc(delim, fp);
        fputc('"', fp);
        for (size_t i = 0; i < rec->lens[f]; i++) {
            if (rec->fields[f][i] == '"')
                fputc('"', fp);
            fputc(rec->fields[f][i], fp);
        }
        fputc('"', fp);
    }
    fputs("\r\n", fp);
}

/* Read the N bytes at IN with DELIM and cap MAXREC into RES, checking each record. */
static void read_all(const char *in, size_t n, int delim, size_t maxrec, struct result *res)
{
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    FILE *fp;
    long last_line = 0;
    int rc;
    memset(res, 0, sizeof *res);
    fp = n ? fmemopen((void *)in, n, "r") : fopen("/dev/null", "r");
    FUZZ_CHECK(fp != NULL);
    csv_init(&r, fp, delim);
    r.max_record = maxrec;
    res->recs = calloc(n + 2, sizeof *res->recs); /* a record has at least one byte */
    while ((rc = csv_read(&r, &e)) == 1) {
        struct record *rec;
        FUZZ_CHECK(r.nfields >= 1);
        FUZZ_CHECK(r.line >= 1 && r.line >= last_line);
        FUZZ_CHECK(r.cap <= (maxrec + 2 > 4096 ? maxrec + 2 : 4096)); /* 4096: the first buffer */
        last_line = r.line;
        FUZZ_CHECK((size_t)res->n < n + 2);
        rec = &res->recs[res->n++];
        rec->nfields = r.nfields;
        rec->line = r.line;
        rec->fields = calloc((size_t)r.nfields, sizeof *rec->fields);
        rec->lens = calloc((size_t)r.nfields, sizeof *rec->lens);
        for (int f = 0; f < r.nfields; f++) {
            FUZZ_CHECK(strlen(r.fields[f]) == r.lens[f]);
            rec->lens[f] = r.lens[f];
            rec->fields[f] = malloc(r.lens[f] + 1);
            memcpy(rec->fields[f], r.fields[f], r.lens[f] + 1);
        }
    }
    FUZZ_CHECK(rc == 0 || rc == CS_EINPUT);
    res->rc = rc;
    if (rc == CS_EINPUT) {
        fuzz_check_err(&e, CS_EINPUT);
        FUZZ_CHECK(r.err_line >= 1 && r.err_col >= 1);
        FUZZ_CHECK(r.err_line >= last_line);
        res->err_line = r.err_line;
        res->err_col = r.err_col;
        snprintf(res->msg, sizeof res->msg, "%s", e.msg);
    }
    FUZZ_CHECK(r.bytes <= n);
    csv_release(&r);
    fclose(fp);
}

/* Write the records of RES back (every field quoted, or with csv_write_field when PLAIN)
 * and read them again: the same records. */
static void check_roundtrip(const struct result *res, int delim, int plain)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    struct result again;
    FUZZ_CHECK(fp != NULL);
    for (int i = 0; i < res->n; i++) {
        const struct record *rec = &res->recs[i];
        if (!plain) {
            write_quoted(fp, rec, delim);
            continue;
        }
        for (int f = 0; f < rec->nfields; f++) {
            if (f)
                fputc(',', fp);
            csv_write_field(fp, rec->fields[f]);
        }
        fputs("\r\n", fp);
    }
    fclose(fp);
    read_all(buf, len, delim, (size_t)-1 / 4, &again);
    FUZZ_CHECK(again.rc == 0);
    FUZZ_CHECK(again.n == res->n);
    for (int i = 0; i < res->n; i++) {
        const struct record *a = &res->recs[i], *b = &again.recs[i];
        FUZZ_CHECK(a->nfields == b->nfields);
        for (int f = 0; f < a->nfields; f++)
            FUZZ_CHECK(a->lens[f] == b->lens[f] && !memcmp(a->fields[f], b->fields[f], a->lens[f]));
    }
    result_release(&again);
    free(buf);
}

/* csv_write_field leaves a field bare unless it holds , " CR LF: a record that is one
 * empty field, or a first field that starts with a byte order mark, cannot be written that
 * way (export never writes either: it always has 21 columns and quotes nothing else). */
static int plain_writable(const struct result *res)
{
    for (int i = 0; i < res->n; i++)
        if (res->recs[i].nfields == 1 && res->recs[i].lens[0] == 0)
            return 0;
    return !(res->n && res->recs[0].lens[0] >= 3 &&
             !memcmp(res->recs[0].fields[0], "\xEF\xBB\xBF", 3));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {',', ';', '\t', '|'};
    struct result res;
    int delim;
    size_t maxrec;
    const char *in;
    size_t n;
    if (size < 1)
        return 0;
    delim = delims[data[0] & 3];
    maxrec = (data[0] & 4) ? 64 : CSV_MAX_RECORD;
    in = (const char *)data + 1;
    n = size - 1;
    read_all(in, n, delim, maxrec, &res);
    check_roundtrip(&res, delim, 0);
    if (delim == ',' && plain_writable(&res))
        check_roundtrip(&res, delim, 1);
    /* the same file after a padding line that ends K bytes before the chunk boundary */
    if ((data[0] & 0x0f) == 8 && !(n >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3))) {
        size_t k = (size_t)(data[0] >> 4) * (n + 1) / 16;
        size_t pad = CHUNK - k; /* the padding line, its LF included */
        char *buf = malloc(pad + n);
        struct result padded;
        memset(buf, 'a', pad - 1);
        buf[pad - 1] = '\n';
        memcpy(buf + pad, in, n);
        read_all(buf, pad + n, delim, CSV_MAX_RECORD, &padded);
        FUZZ_CHECK(padded.rc == res.rc);
        FUZZ_CHECK(padded.n == res.n + 1);
        for (int i = 0; i < res.n; i++) {
            const struct record *a = &res.recs[i], *b = &padded.recs[i + 1];
            FUZZ_CHECK(b->line == a->line + 1);
            FUZZ_CHECK(a->nfields == b->nfields);
            for (int f = 0; f < a->nfields; f++)
                FUZZ_CHECK(a->lens[f] == b->lens[f] &&
                           !memcmp(a->fields[f], b->fields[f], a->lens[f]));
        }
        if (res.rc == CS_EINPUT) {
            FUZZ_CHECK(padded.err_line == res.err_line + 1);
            FUZZ_CHECK(padded.err_col == res.err_col);
        }
        result_release(&padded);
        free(buf);
    }
    result_release(&res);
    return 0;
}
