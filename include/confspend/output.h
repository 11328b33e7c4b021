/* output.h - the table, csv and json writers: the only module that writes records out. */
#ifndef CONFSPEND_OUTPUT_H
#define CONFSPEND_OUTPUT_H

#include <stdio.h>
#include "confspend/error.h"

enum out_format { FMT_TABLE, FMT_CSV, FMT_JSON };

/* Parse "table", "csv" or "json" (NULL gives table); fills E naming --format. */
int output_parse_format(const char *s, enum out_format *out, struct cs_err *e);

enum { ALIGN_LEFT = 0, ALIGN_RIGHT = 1 };

/*
 * A report of NCOLS named columns. csv and json rows are written as they come; table rows
 * are kept until output_end() so the columns can be aligned. Rows marked as "rule" rows
 * (the totals) get a line above them in the table view and are written like any other row
 * in csv/json. Cells are copied.
 */
struct output {
    enum out_format fmt;
    FILE *fp;
    int ncols;
    const char *const *headers;
    const int *align;
    int nrows;
    int cap;
    char **cells; /* table: nrows * ncols copies */
    int *rule;    /* table: 1 where a rule goes above the row */
    int json_first;
    int csv_guard;  /* csv: prefix text cells starting with = + - @ TAB CR LF with ' */
    int guard_from; /* csv_guard applies to columns >= guard_from that are not in no_guard */
    const int *no_guard;
};

void output_begin(struct output *o, enum out_format fmt, FILE *fp, int ncols,
                  const char *const *headers, const int *align);
void output_row(struct output *o, const char *const *cells);
void output_rule_row(struct output *o, const char *const *cells);
/* Finish: the table is printed, json's array closed. Frees what it kept. */
void output_end(struct output *o);

/* Write S as one RFC 4180 field (quoted when it holds , " CR LF) into FP. */
void csv_write_field(FILE *fp, const char *s);
/* Write S as a JSON string literal into FP. */
void json_write_string(FILE *fp, const char *s);

/* Display width of UTF-8 text S in terminal columns (code points, combining marks 0). */
int text_width(const char *s);

/* 1 when colour may be used on FP: a TTY and NO_COLOR unset. */
int output_color(FILE *fp);

#endif
