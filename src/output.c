/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.c - table, csv and json writers, and a write command's output held until its
 * change is committed. */
#define _GNU_SOURCE /* memfd_create */
#include "confspend/output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int output_parse_format(const char *s, enum out_format *out, struct cs_err *e)
{
    if (!s || !strcmp(s, "table"))
        *out = FMT_TABLE;
    else if (!strcmp(s, "csv"))
        *out = FMT_CSV;
    else if (!strcmp(s, "json"))
        *out = FMT_JSON;
    else
        return cs_error(e, CS_EINPUT, "--format", s, "must be table, csv or json");
    return 0;
}

/* While held: standard output's descriptor is HELD_FD (a file in memory), the real one is
 * REAL_FD, whether that is a terminal REAL_TTY; the notes go to NOTES (in memory). */
static int held_fd = -1, real_fd = -1, real_tty;
static FILE *notes;
static char *notes_buf;
static size_t notes_len;

int output_color(FILE *fp)
{
    const char *nc = getenv("NO_COLOR");
    int fd = fileno(fp);
    int tty = fd == STDOUT_FILENO && held_fd >= 0 ? real_tty : fd >= 0 && isatty(fd);
    return tty && !(nc && *nc);
}

void output_hold(void)
{
    int fd;
    if (held_fd >= 0 || fflush(stdout) != 0)
        return;
    if ((fd = memfd_create("confspend-output", MFD_CLOEXEC)) < 0)
        return; /* not held: printed as it goes, as before */
    real_tty = isatty(STDOUT_FILENO);
    if ((real_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 || dup2(fd, STDOUT_FILENO) < 0) {
        if (real_fd >= 0)
            close(real_fd);
        real_fd = -1;
        close(fd);
        return;
    }
    held_fd = fd;
    notes = open_memstream(&notes_buf, &notes_len);
}

FILE *output_notes(void)
{
    return notes ? notes : stderr;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int output_release(int keep)
{
    struct sigaction ign, was;
    int rc = 0, pipe_gone = 0;
    char buf[65536];
    ssize_t r;
    off_t off = 0;
    if (held_fd < 0)
        return 0;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    if (fflush(stdout) != 0)
        rc = -1;
    clearerr(stdout);
    if (dup2(real_fd, STDOUT_FILENO) < 0)
        rc = -1;
    close(real_fd);
    real_fd = -1;
    /* a reader gone (EPIPE) stops the output, not the notes: SIGPIPE is held back until
     * they are written, then the program ends by it as it would have */
    sigaction(SIGPIPE, &ign, &was);
    while (keep && !rc && (r = pread(held_fd, buf, sizeof buf, off)) > 0) {
        if ((rc = write_all(STDOUT_FILENO, buf, (size_t)r)) && errno == EPIPE)
            pipe_gone = 1;
        off += r;
    }
    close(held_fd);
    held_fd = -1;
    if (notes) { /* the notes either way: they may say why the command failed */
        fclose(notes);
        notes = NULL;
        fwrite(notes_buf, 1, notes_len, stderr);
        fflush(stderr);
        free(notes_buf);
        notes_buf = NULL;
        notes_len = 0;
    }
    sigaction(SIGPIPE, &was, NULL);
    if (pipe_gone && was.sa_handler == SIG_DFL)
        raise(SIGPIPE);
    return rc;
}

/* The SGR sequence that starts STYLE ("" for none); "\033[0m" ends each. */
static const char *sgr(enum out_style style)
{
    switch (style) {
    case STYLE_BOLD:
        return "\033[1m";
    case STYLE_RED:
        return "\033[31m";
    case STYLE_YELLOW:
        return "\033[33m";
    default:
        return "";
    }
}

/* Write S (already shown safe) to FP, in STYLE when COLOR. */
static void put_styled(FILE *fp, const char *s, enum out_style style, int color)
{
    if (color && style != STYLE_NONE && *s) {
        fputs(sgr(style), fp);
        fputs(s, fp);
        fputs("\033[0m", fp);
    } else {
        fputs(s, fp);
    }
}

void output_linef(FILE *fp, enum out_style style, const char *fmt, ...)
{
    va_list ap, aq;
    int n;
    char *raw, *shown;
    va_start(ap, fmt);
    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    raw = xmalloc(n > 0 ? (unsigned long)n + 1 : 1);
    if (n >= 0)
        vsnprintf(raw, (size_t)n + 1, fmt, ap);
    else
        raw[0] = 0;
    va_end(ap);
    shown = text_show(raw);
    put_styled(fp, shown, style, output_color(fp));
    fputc('\n', fp);
    free(shown);
    free(raw);
}

void csv_write_field(FILE *fp, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

void json_write_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c == '\r')
            fputs("\\r", fp);
        else if (c == '\t')
            fputs("\\t", fp);
        else if (c < 0x20 || c == 0x7f)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

/* 1 for code points a terminal shows two columns wide: East Asian Wide and Fullwidth
 * (CJK, kana, hangul, fullwidth forms) and the common emoji blocks. */
static int is_wide(unsigned long c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

int text_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        unsigned long c = *p++;
        int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if ((c & 0xC0) == 0x80) /* a stray continuation byte */
            continue;
        c &= n ? 0x3Fu >> n : 0x7Fu;
        for (; n > 0 && (*p & 0xC0) == 0x80; n--, p++)
            c = (c << 6) | (*p & 0x3F);
        /* combining diacritical marks take no column */
        if (c >= 0x300 && c <= 0x36F)
            continue;
        w += is_wide(c) ? 2 : 1;
    }
    return w;
}

/* The display width of the code point at P (its LEN bytes into *LEN). */
static int char_width(const unsigned char *p, int *len)
{
    unsigned long c = *p;
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0, k;
    if ((c & 0xC0) == 0x80) { /* a stray continuation byte */
        *len = 1;
        return 0;
    }
    c &= n ? 0x3Fu >> n : 0x7Fu;
    for (k = 1; k <= n && (p[k] & 0xC0) == 0x80; k++)
        c = (c << 6) | (p[k] & 0x3F);
    *len = k;
    if (c >= 0x300 && c <= 0x36F)
        return 0;
    return is_wide(c) ? 2 : 1;
}

char *text_cut(const char *s, int width)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t keep = 0;
    int w = 0, len;
    char *out;
    if (text_width(s) <= width)
        return xstrdup(s);
    if (width < 1)
        return xstrdup("");
    /* the characters that fit in WIDTH - 1 columns, then the ellipsis */
    while (p[keep]) {
        int cw = char_width(p + keep, &len);
        if (w + cw > width - 1)
            break;
        w += cw;
        keep += (size_t)len;
    }
    out = xmalloc(keep + 4);
    memcpy(out, s, keep);
    memcpy(out + keep, "\xe2\x80\xa6", 4);
    return out;
}

void output_fit(struct output *o, int width, const int *cols)
{
    o->fit = width;
    o->fit_cols = cols;
}

void output_fit_drop(struct output *o, const int *drop)
{
    o->fit_drop = drop;
}

void output_begin(struct output *o, enum out_format fmt, FILE *fp, int ncols,
                  const char *const *headers, const int *align)
{
    memset(o, 0, sizeof *o);
    o->fmt = fmt;
    o->fp = fp;
    o->ncols = ncols;
    o->headers = headers;
    o->align = align;
    o->json_first = 1;
    o->color = fmt == FMT_TABLE && output_color(fp);
    if (fmt == FMT_CSV) {
        for (int c = 0; c < ncols; c++) {
            if (c)
                fputc(',', fp);
            csv_write_field(fp, headers[c]);
        }
        fputs("\r\n", fp);
    } else if (fmt == FMT_JSON) {
        fputc('[', fp);
    }
}

/* Does cell C of a csv row need the formula-injection guard? */
static int guarded(const struct output *o, int c, const char *s)
{
    if (!o->csv_guard || c < o->guard_from || !s || !*s)
        return 0;
    if (o->no_guard)
        for (const int *g = o->no_guard; *g >= 0; g++)
            if (*g == c)
                return 0;
    return strchr("=+-@\t\r\n", s[0]) != NULL;
}

void output_styled_row(struct output *o, const char *const *cells, const enum out_style *styles,
                       int rule)
{
    int c;
    if (o->fmt == FMT_CSV) {
        for (c = 0; c < o->ncols; c++) {
            if (c)
                fputc(',', o->fp);
            if (guarded(o, c, cells[c])) {
                char *g = xmalloc(strlen(cells[c]) + 2);
                g[0] = '\'';
                strcpy(g + 1, cells[c]);
                csv_write_field(o->fp, g);
                free(g);
            } else {
                csv_write_field(o->fp, cells[c]);
            }
        }
        fputs("\r\n", o->fp);
        return;
    }
    if (o->fmt == FMT_JSON) {
        fputs(o->json_first ? "\n  {" : ",\n  {", o->fp);
        o->json_first = 0;
        for (c = 0; c < o->ncols; c++) {
            if (c)
                fputs(", ", o->fp);
            json_write_string(o->fp, o->headers[c]);
            fputs(": ", o->fp);
            json_write_string(o->fp, cells[c] ? cells[c] : "");
        }
        fputc('}', o->fp);
        return;
    }
    if (o->nrows == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 64;
        o->cells = xrealloc(o->cells, sizeof(char *) * (size_t)o->cap * (size_t)o->ncols);
        o->styles = xrealloc(o->styles, (size_t)o->cap * (size_t)o->ncols);
        o->rule = xrealloc(o->rule, sizeof(int) * (size_t)o->cap);
    }
    for (c = 0; c < o->ncols; c++) {
        o->cells[o->nrows * o->ncols + c] = text_show(cells[c] ? cells[c] : "");
        o->styles[o->nrows * o->ncols + c] = (unsigned char)(styles ? styles[c] : STYLE_NONE);
    }
    o->rule[o->nrows++] = rule;
}

void output_row(struct output *o, const char *const *cells)
{
    output_styled_row(o, cells, NULL, 0);
}

void output_rule_row(struct output *o, const char *const *cells)
{
    output_styled_row(o, cells, NULL, 1);
}

static void pad(FILE *fp, int n)
{
    while (n-- > 0)
        fputc(' ', fp);
}

/* One line of the table: CELLS (shown safe) in STYLES (NULL: none), padded to widths W. */
static void print_line(struct output *o, const char *const *cells, const unsigned char *styles,
                       const int *w)
{
    int c, last = o->ncols - 1, first = 1;
    while (last > 0 && w[last] < 0)
        last--;
    for (c = 0; c < o->ncols; c++) {
        int tw = text_width(cells[c]);
        enum out_style st = styles ? (enum out_style)styles[c] : STYLE_NONE;
        if (w[c] < 0) /* left out to fit */
            continue;
        if (!first)
            fputs("  ", o->fp);
        first = 0;
        if (o->align && o->align[c] == ALIGN_RIGHT) {
            pad(o->fp, w[c] - tw);
            put_styled(o->fp, cells[c], st, o->color);
        } else {
            put_styled(o->fp, cells[c], st, o->color);
            if (c != last)
                pad(o->fp, w[c] - tw);
        }
    }
    fputc('\n', o->fp);
}

/*
 * Narrow the columns of o->fit_cols until the line (*TOTAL wide, widths W) fits o->fit:
 * the widest first, none below 6 and the first of them not below FIRST_MIN; the first
 * counts half its width, so it keeps twice the others'. Its header is cut too.
 */
static void narrow(const struct output *o, int *w, int *total, int first_min)
{
    while (o->fit > 0 && o->fit_cols && *total > o->fit) {
        int best = -1, bw = 0;
        for (const int *f = o->fit_cols; *f >= 0; f++) {
            int v = f == o->fit_cols ? w[*f] : 2 * w[*f];
            if (w[*f] > (f == o->fit_cols ? first_min : 6) && (best < 0 || v > bw)) {
                best = *f;
                bw = v;
            }
        }
        if (best < 0)
            break;
        w[best]--;
        (*total)--;
    }
}

void output_end(struct output *o)
{
    if (o->fmt == FMT_JSON) {
        fputs(o->json_first ? "]\n" : "\n]\n", o->fp);
    } else if (o->fmt == FMT_TABLE) {
        int *w = xmalloc(sizeof(int) * (size_t)o->ncols);
        int c, r, total = 0;
        for (c = 0; c < o->ncols; c++)
            w[c] = text_width(o->headers[c]);
        for (r = 0; r < o->nrows; r++)
            for (c = 0; c < o->ncols; c++) {
                int tw = text_width(o->cells[r * o->ncols + c]);
                if (tw > w[c])
                    w[c] = tw;
            }
        for (c = 0; c < o->ncols; c++)
            total += w[c] + (c ? 2 : 0);
        /* the columns that may be cut first, keeping the first of them (the one that
         * says what the row is) 20 wide while there are columns left to leave out; then
         * those columns out, in turn; then the first cut further */
        narrow(o, w, &total, o->fit_drop && *o->fit_drop >= 0 ? 20 : 6);
        for (const int *d = o->fit_drop; o->fit > 0 && d && *d >= 0 && total > o->fit; d++) {
            total -= w[*d] + 2;
            w[*d] = -1;
        }
        narrow(o, w, &total, 6);
        if (o->fit > 0 && o->fit_cols)
            for (r = 0; r < o->nrows; r++)
                for (const int *f = o->fit_cols; *f >= 0; f++) {
                    char **cell = &o->cells[r * o->ncols + *f];
                    if (w[*f] >= 0 && text_width(*cell) > w[*f]) {
                        char *cut = text_cut(*cell, w[*f]);
                        free(*cell);
                        *cell = cut;
                    }
                }
        {
            char **head = xmalloc(sizeof(char *) * (size_t)o->ncols);
            for (c = 0; c < o->ncols; c++)
                head[c] = text_cut(o->headers[c], w[c] < 0 ? 0 : w[c]);
            print_line(o, (const char *const *)head, NULL, w);
            for (c = 0; c < o->ncols; c++)
                free(head[c]);
            free(head);
        }
        for (r = 0; r < o->nrows; r++) {
            if (o->rule[r]) {
                for (c = 0; c < total; c++)
                    fputs("-", o->fp);
                fputc('\n', o->fp);
            }
            print_line(o, (const char *const *)&o->cells[r * o->ncols], &o->styles[r * o->ncols],
                       w);
        }
        for (r = 0; r < o->nrows * o->ncols; r++)
            free(o->cells[r]);
        free(o->cells);
        free(o->styles);
        free(o->rule);
        free(w);
    }
    o->cells = NULL;
    o->styles = NULL;
    o->rule = NULL;
    o->nrows = o->cap = 0;
}
