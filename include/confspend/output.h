/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.h - the table, csv and json writers: the only module that writes records out. */
#ifndef CONFSPEND_OUTPUT_H
#define CONFSPEND_OUTPUT_H

#include <stdio.h>
#include "confspend/error.h"

enum out_format { FMT_TABLE, FMT_CSV, FMT_JSON };

/* Parse "table", "csv" or "json" (NULL gives table); fills E naming --format. */
int output_parse_format(const char *s, enum out_format *out, struct cs_err *e);

enum { ALIGN_LEFT = 0, ALIGN_RIGHT = 1 };

/* How the program itself marks text on a colour terminal (output_color()); the marks are
 * never part of the text, so they are never escaped and never counted in a width. */
enum out_style { STYLE_NONE = 0, STYLE_BOLD, STYLE_RED, STYLE_YELLOW };

/*
 * A report of NCOLS named columns. csv and json rows are written as they come; table rows
 * are kept until output_end() so the columns can be aligned. Rows marked as "rule" rows
 * (the totals) get a line above them in the table view and are written like any other row
 * in csv/json. Cells are copied. In the table view every cell is shown as text_show()
 * shows it (escaped), columns are aligned on that visible text, and a cell's style is
 * applied around it only when output_color(FP).
 */
struct output {
    enum out_format fmt;
    FILE *fp;
    int ncols;
    const char *const *headers;
    const int *align;
    int nrows;
    int cap;
    char **cells;          /* table: nrows * ncols copies, shown by text_show() */
    unsigned char *styles; /* table: nrows * ncols enum out_style */
    int *rule;             /* table: 1 where a rule goes above the row */
    int color;             /* table: styles are applied (output_color(fp)) */
    int json_first;
    int fit;             /* table: the widest a line may be (output_fit()), 0: any */
    const int *fit_cols; /* table: the columns that are cut to fit, -1 ended */
    const int *fit_drop; /* table: the columns left out, in turn, when cutting is not enough */
    int csv_guard;       /* csv: prefix text cells starting with = + - @ TAB CR LF with ' */
    int guard_from;      /* csv_guard applies to columns >= guard_from that are not in no_guard */
    const int *no_guard;
};

void output_begin(struct output *o, enum out_format fmt, FILE *fp, int ncols,
                  const char *const *headers, const int *align);
void output_row(struct output *o, const char *const *cells);
void output_rule_row(struct output *o, const char *const *cells);
/* output_row(), or output_rule_row() when RULE, with STYLES[c] the style of cell c in the
 * table view on a colour terminal (STYLES NULL: none); csv and json ignore the styles. */
void output_styled_row(struct output *o, const char *const *cells, const enum out_style *styles,
                       int rule);
/*
 * The table view is to fit in WIDTH columns: when its lines would be wider, the columns
 * COLS (a list ended by -1) are narrowed, the widest first (the first of COLS is kept
 * twice as wide as the others), none below 6, and their longer cells (and header) cut
 * with "…" (text_cut()). csv and json are never cut.
 */
void output_fit(struct output *o, int width, const int *cols);
/* After output_fit(): when the narrowed columns still do not fit, the columns DROP (a list
 * ended by -1) are left out in turn, the first first, until the lines fit. */
void output_fit_drop(struct output *o, const int *drop);
/* Finish: the table is printed, json's array closed. Frees what it kept. */
void output_end(struct output *o);

/* Write S as one RFC 4180 field (quoted when it holds , " CR LF) into FP. */
void csv_write_field(FILE *fp, const char *s);
/* Write S as a JSON string literal into FP. */
void json_write_string(FILE *fp, const char *s);

/* Display width of UTF-8 text S in terminal columns (code points, combining marks 0). */
int text_width(const char *s);

/* A copy of UTF-8 text S (allocated) at most WIDTH display columns wide (text_width()): S
 * itself when it fits, else its first characters (cut between characters, never inside
 * one) and U+2026 "…" ending it within WIDTH. */
char *text_cut(const char *s, int width);

/* 1 when colour may be used on FP: a TTY and NO_COLOR unset. */
int output_color(FILE *fp);

/*
 * Hold what the command prints until its change is committed (the dispatcher, cli.c): from
 * output_hold() on, standard output goes to a file in memory and output_notes() (stderr
 * otherwise) to another; output_release(KEEP) then writes the output held when KEEP (the
 * change was committed) and drops it when not, then the notes either way. So nothing says
 * "claim 2" of a claim that was rolled back, and a reader that stops early (`| head -1`)
 * stops the program after the commit, not before it. output_color(stdout) answers for the
 * real standard output meanwhile. output_release() is -1 when the output cannot be written.
 */
void output_hold(void);
FILE *output_notes(void);
int output_release(int keep);

/*
 * Print one line for people on FP: FMT and its arguments formatted, every character shown
 * as text_show() shows it (so text the user typed that the arguments carry reaches the
 * terminal escaped), in STYLE when output_color(FP), then a newline. FMT holds no newline.
 */
void output_linef(FILE *fp, enum out_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
