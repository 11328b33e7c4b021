/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv.h - a streaming, quote-aware RFC 4180 reader over a FILE*, and the formula guard
 * that export csv puts on text cells and import csv takes off. No SQLite, no printing. */
#ifndef CONFSPEND_CSV_H
#define CONFSPEND_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "confspend/error.h"

/* The default cap on one record's size: it bounds memory whatever the file holds. */
#define CSV_MAX_RECORD (1024 * 1024)

/*
 * A reader. Memory is one input chunk plus the largest record, whatever the file's size.
 * The fields of the last record read are FIELDS[0..NFIELDS) (NUL-terminated, LENS bytes
 * each, writable, valid until the next csv_read or csv_release) and LINE is the line the
 * record starts on (1-based, counting LF, CRLF and a lone CR as one line end each).
 */
struct csv_reader {
    FILE *fp;
    int delim;         /* the field separator: ',' unless csv_init was told otherwise */
    size_t max_record; /* a record longer than this is an error (CSV_MAX_RECORD) */

    int nfields;
    char **fields;
    size_t *lens;
    long line;

    unsigned long long bytes; /* bytes of the input consumed so far (for progress) */
    long err_line, err_col;   /* where the last CS_EINPUT error is, 1-based */

    /* private */
    char *in;
    size_t in_len, in_pos;
    int began, eof, after_cr;
    long pos_line, pos_col;
    char *buf;
    size_t len, cap;
    size_t *offs;
    int fcap;
};

/*
 * Start reading FP with DELIM as the separator (any byte but '"', CR, LF and NUL). A UTF-8
 * byte order mark at the start is skipped. csv_release frees what the reader allocates;
 * FP stays the caller's.
 */
void csv_init(struct csv_reader *r, FILE *fp, int delim);
void csv_release(struct csv_reader *r);

/*
 * Read the next record into r->fields. Returns 1 for a record, 0 at the end of the input,
 * CS_EINPUT for malformed input with E "line L, column C: WHAT" and r->err_line/err_col
 * set (an unterminated quoted field is reported where its quote opens; a quote inside an
 * unquoted field, a byte after a closing quote other than the separator or a line end, a
 * NUL byte, and a record longer than max_record are the other errors), CS_EFAIL when
 * reading fails.
 *
 * Fields may be quoted with '"'; inside quotes the separator, CR and LF are data and '""'
 * is one quote. Records end with LF, CRLF or CR outside quotes; the last one needs no line
 * end. Empty lines are skipped, so a record always has at least one byte. Columns count
 * UTF-8 characters from 1.
 */
int csv_read(struct csv_reader *r, struct cs_err *e);

/*
 * 1 when text S must be written with a leading ' so a spreadsheet does not run it as a
 * formula: it starts with = + - @ TAB CR LF, or with one or more ' and then one of those
 * (so that csv_unguard, which takes off exactly one ', gives S back unchanged).
 */
int csv_guard_needed(const char *s);

/* S without the export's guard: S + 1 when S is ' followed by text that needs the guard,
 * else S. */
const char *csv_unguard(const char *s);

#endif
