/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv.c - a streaming RFC 4180 reader: one state machine over a fixed input chunk. */
#include "confspend/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CSV_CHUNK 65536

void csv_init(struct csv_reader *r, FILE *fp, int delim)
{
    memset(r, 0, sizeof *r);
    r->fp = fp;
    r->delim = delim;
    r->max_record = CSV_MAX_RECORD;
    r->in = xmalloc(CSV_CHUNK);
    r->cap = 4096;
    r->buf = xmalloc(r->cap);
    r->fcap = 32;
    r->offs = xmalloc(sizeof *r->offs * (size_t)r->fcap);
    r->lens = xmalloc(sizeof *r->lens * (size_t)r->fcap);
    r->fields = xmalloc(sizeof *r->fields * (size_t)r->fcap);
    r->pos_line = 1;
    r->pos_col = 1;
}

void csv_release(struct csv_reader *r)
{
    free(r->in);
    free(r->buf);
    free(r->offs);
    free(r->lens);
    free(r->fields);
    memset(r, 0, sizeof *r);
}

/* Fill the input chunk. Returns 0 (r->in_len 0 at the end of the input) or CS_EFAIL. */
static int refill(struct csv_reader *r, struct cs_err *e)
{
    r->in_pos = 0;
    r->in_len = r->eof ? 0 : fread(r->in, 1, CSV_CHUNK, r->fp);
    if (r->in_len < CSV_CHUNK) {
        if (ferror(r->fp))
            return cs_error(e, CS_EFAIL, "import", NULL, "cannot read the file: %s",
                            strerror(errno ? errno : EIO));
        r->eof = 1;
    }
    if (!r->began) {
        r->began = 1;
        if (r->in_len >= 3 && !memcmp(r->in, "\xEF\xBB\xBF", 3)) {
            r->in_pos = 3;
            r->bytes = 3;
        }
    }
    return 0;
}

/* Fill E and the error position; returns CS_EINPUT. */
static int fail_at(struct csv_reader *r, struct cs_err *e, long line, long col, const char *what)
{
    char where[64];
    r->err_line = line;
    r->err_col = col;
    snprintf(where, sizeof where, "line %ld, column %ld", line, col);
    return cs_error(e, CS_EINPUT, where, NULL, "%s", what);
}

/* Grow the record buffer to hold at least one more byte, within max_record. */
static int grow(struct csv_reader *r, struct cs_err *e, long rec_line)
{
    if (r->len >= r->max_record) {
        char where[32];
        r->err_line = rec_line;
        r->err_col = 1;
        snprintf(where, sizeof where, "line %ld", rec_line);
        return cs_error(e, CS_EINPUT, where, NULL,
                        "record longer than %zu bytes (an unterminated quote?)", r->max_record);
    }
    r->cap *= 2;
    if (r->cap > r->max_record + 2)
        r->cap = r->max_record + 2;
    r->buf = xrealloc(r->buf, r->cap);
    return 0;
}

/* End the field that started at r->offs[r->nfields]: NUL-terminate it. */
static int end_field(struct csv_reader *r, struct cs_err *e, long rec_line)
{
    if (r->len + 1 >= r->cap && grow(r, e, rec_line))
        return CS_EINPUT;
    r->buf[r->len++] = 0;
    r->nfields++;
    if (r->nfields == r->fcap) {
        r->fcap *= 2;
        r->offs = xrealloc(r->offs, sizeof *r->offs * (size_t)r->fcap);
        r->lens = xrealloc(r->lens, sizeof *r->lens * (size_t)r->fcap);
        r->fields = xrealloc(r->fields, sizeof *r->fields * (size_t)r->fcap);
    }
    r->offs[r->nfields] = r->len;
    return 0;
}

enum { ST_START, ST_UNQUOTED, ST_QUOTED, ST_CLOSED };

int csv_read(struct csv_reader *r, struct cs_err *e)
{
    int st = ST_START, any = 0;
    long rec_line = 0, q_line = 0, q_col = 0;
    const int delim = r->delim;

    r->len = 0;
    r->nfields = 0;
    r->offs[0] = 0;
    for (;;) {
        unsigned char c;
        long line, col;
        if (r->in_pos == r->in_len) {
            if (refill(r, e))
                return CS_EFAIL;
            if (r->in_len == r->in_pos)
                break;
        }
        c = (unsigned char)r->in[r->in_pos++];
        r->bytes++;
        line = r->pos_line;
        col = r->pos_col;
        /* advance the position past C */
        if (c == '\r') {
            r->pos_line++;
            r->pos_col = 1;
            r->after_cr = 1;
        } else if (c == '\n') {
            if (!r->after_cr)
                r->pos_line++;
            r->pos_col = 1;
            r->after_cr = 0;
        } else {
            r->after_cr = 0;
            if ((c & 0xC0) != 0x80)
                r->pos_col++;
        }
        if (c == 0)
            return fail_at(r, e, line, col, "a NUL byte in the file");
        if (!any) {
            if (c == '\r' || c == '\n')
                continue; /* an empty line, or the LF of a CRLF */
            any = 1;
            rec_line = line;
        }
        switch (st) {
        case ST_START:
            if (c == '"') {
                st = ST_QUOTED;
                q_line = line;
                q_col = col;
                continue;
            }
            if (c == delim) {
                if (end_field(r, e, rec_line))
                    return CS_EINPUT;
                continue;
            }
            if (c == '\r' || c == '\n')
                goto record;
            st = ST_UNQUOTED;
            break;
        case ST_UNQUOTED:
            if (c == delim) {
                if (end_field(r, e, rec_line))
                    return CS_EINPUT;
                st = ST_START;
                continue;
            }
            if (c == '\r' || c == '\n')
                goto record;
            if (c == '"')
                return fail_at(r, e, line, col,
                               "a quote inside an unquoted field (quote the whole field and "
                               "double the quote)");
            break;
        case ST_QUOTED:
            if (c == '"') {
                st = ST_CLOSED;
                continue;
            }
            break;
        case ST_CLOSED:
            if (c == '"') {
                st = ST_QUOTED;
                break; /* "" is one quote */
            }
            if (c == delim) {
                if (end_field(r, e, rec_line))
                    return CS_EINPUT;
                st = ST_START;
                continue;
            }
            if (c == '\r' || c == '\n')
                goto record;
            return fail_at(r, e, line, col,
                           "text after a closing quote (expected the separator or a line end)");
        }
        if (r->len + 1 >= r->cap && grow(r, e, rec_line))
            return CS_EINPUT;
        r->buf[r->len++] = (char)c;
    }
    /* end of the input */
    if (st == ST_QUOTED)
        return fail_at(r, e, q_line, q_col, "unterminated quoted field");
    if (!any)
        return 0;
record:
    if (end_field(r, e, rec_line))
        return CS_EINPUT;
    for (int i = 0; i < r->nfields; i++) {
        r->fields[i] = r->buf + r->offs[i];
        r->lens[i] = r->offs[i + 1] - r->offs[i] - 1;
    }
    r->line = rec_line;
    return 1;
}

/* Does S start with one of the characters a spreadsheet reads as a formula? */
static int formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

int csv_guard_needed(const char *s)
{
    if (!s)
        return 0;
    while (*s == '\'')
        s++;
    return formula_start(*s);
}

const char *csv_unguard(const char *s)
{
    if (s && s[0] == '\'' && csv_guard_needed(s + 1))
        return s + 1;
    return s;
}
