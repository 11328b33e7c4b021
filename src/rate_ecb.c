/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rate_ecb.c - the European Central Bank's reference rates (CSV and XML) as pairs: the module
 * confspend-ecb.so, opened by `rate import` alone (src/rate_ecb_module.c), so that no other
 * command pays for loading expat. */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/date.h"
#include "confspend/money.h"
#include "confspend/rate.h"

/* The rows read so far, passed on once the whole file is good. */
struct rows {
    struct rate_file_row *v;
    size_t n, cap;
};

static void rows_add(struct rows *r, const char *date, const char *cur, struct rate_dec d)
{
    struct rate_file_row *x;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 1024;
        r->v = xrealloc(r->v, sizeof *r->v * r->cap);
    }
    x = &r->v[r->n++];
    snprintf(x->date, sizeof x->date, "%s", date);
    snprintf(x->base, sizeof x->base, "EUR");
    snprintf(x->cur, sizeof x->cur, "%s", cur);
    x->d = d;
}

/* Add the currency C to the list "CYP, EEK" in LIST (of N bytes) once, while it fits. */
static void skip_note(char *list, size_t n, const char *c)
{
    size_t len = strlen(list);
    if (strstr(list, c) || len + 6 >= n)
        return;
    snprintf(list + len, n - len, "%s%s", len ? ", " : "", c);
}

/* "FILE line N, FIELD" into BUF, for a message. */
static const char *where(char *buf, size_t n, long line, const char *field)
{
    snprintf(buf, n, "line %ld, %s", line, field);
    return buf;
}

/* S ("2026-04-13" or the daily file's "13 April 2026") as YYYY-MM-DD into OUT. */
static int ecb_date(const char *s, char out[11], long line, const char *field, struct cs_err *e)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    struct cs_date d;
    char w[64], buf[16], name[16];
    int day, year, n = 0;
    if (sscanf(s, "%2d %15[A-Za-z] %4d%n", &day, name, &year, &n) == 3 && s[n] == 0) {
        int m = 0;
        while (m < 12 && strcmp(months[m], name))
            m++;
        if (m == 12)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, field), s, "no such month");
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m + 1, day);
        s = buf;
    }
    if (date_parse(s, &d, where(w, sizeof w, line, field), e))
        return CS_EINPUT;
    date_format(d, out);
    return 0;
}

/* Split the line S (modified) at ',' into at most MAX trimmed fields; returns how many. */
static int split(char *s, char **f, int max)
{
    int n = 0;
    for (;;) {
        char *end = strchr(s, ','), *t;
        if (end)
            *end = 0;
        while (*s == ' ' || *s == '\t')
            s++;
        t = s + strlen(s);
        while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
            *--t = 0;
        if (n == max)
            return max + 1;
        f[n++] = s;
        if (!end)
            return n;
        s = end + 1;
    }
}

#define MAX_COLS 256

/* The CSV files: a header `Date,USD,...,` then one line per date. */
static int read_csv(char *buf, struct rows *rows, long *unknown, char *unknown_list, size_t ulen,
                    struct cs_err *e)
{
    char *line = buf, *next, *head[MAX_COLS + 1], *f[MAX_COLS + 1];
    char cur[MAX_COLS][4], w[80];
    int ncols = 0, known[MAX_COLS];
    long lineno = 0;
    for (; line && *line; line = next) {
        int n;
        char date[11];
        if ((next = strchr(line, '\n')))
            *next++ = 0;
        lineno++;
        if (lineno == 1) {
            ncols = split(line, head, MAX_COLS);
            if (ncols > MAX_COLS)
                return cs_error(e, CS_EINPUT, "line 1", NULL, "more than %d columns", MAX_COLS);
            if (strcmp(head[0], "Date"))
                return cs_error(e, CS_EINPUT, "line 1, column 1", head[0],
                                "not an ECB rates file (the header starts Date,USD,...)");
            if (ncols > 1 && !*head[ncols - 1])
                ncols--; /* the trailing comma */
            if (ncols < 2)
                return cs_error(e, CS_EINPUT, "line 1", NULL, "no currency columns");
            for (int i = 1; i < ncols; i++) {
                const char *c = head[i];
                if (strlen(c) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
                    c[2] < 'A' || c[2] > 'Z')
                    return cs_error(e, CS_EINPUT, where(w, sizeof w, 1, "header"), c,
                                    "not a currency code");
                for (int j = 1; j < i; j++)
                    if (!strcmp(cur[j], c))
                        return cs_error(e, CS_EINPUT, where(w, sizeof w, 1, "header"), c,
                                        "a currency named twice");
                snprintf(cur[i], 4, "%s", c);
                known[i] = money_currency_known(c) && strcmp(c, "EUR");
            }
            continue;
        }
        n = split(line, f, MAX_COLS);
        if (n > MAX_COLS) { /* split() stopped: f[MAX_COLS] was never set */
            snprintf(w, sizeof w, "line %ld", lineno);
            return cs_error(e, CS_EINPUT, w, NULL, "more than %d fields", MAX_COLS);
        }
        if (n == 1 && !*f[0])
            continue; /* an empty line (the last) */
        if (n > ncols && !*f[n - 1])
            n--; /* the trailing comma */
        if (n != ncols) {
            snprintf(w, sizeof w, "line %ld", lineno);
            return cs_error(e, CS_EINPUT, w, NULL, "%d fields where the header has %d", n, ncols);
        }
        if (ecb_date(f[0], date, lineno, "Date", e))
            return CS_EINPUT;
        for (int i = 1; i < ncols; i++) {
            struct rate_dec d;
            char fw[32];
            if (!*f[i] || !strcmp(f[i], "N/A"))
                continue;
            snprintf(fw, sizeof fw, "column %s", cur[i]);
            if (rate_dec_parse(f[i], &d, where(w, sizeof w, lineno, fw), e))
                return CS_EINPUT;
            if (!known[i]) {
                (*unknown)++;
                skip_note(unknown_list, ulen, cur[i]);
                continue;
            }
            rows_add(rows, date, cur[i], d);
        }
    }
    if (lineno == 0)
        return cs_error(e, CS_EINPUT, "rate import", NULL, "the file is empty");
    return 0;
}

/* The XML files: gesmes:Envelope / Cube / Cube time= / Cube currency= rate=. */
struct xml_state {
    XML_Parser p;
    struct rows *rows;
    long *unknown;
    char *unknown_list;
    size_t ulen;
    struct cs_err *e;
    int rc, depth, root_ok;
    char date[11];
};

/* NAME without its namespace prefix. */
static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **a, const char *name)
{
    for (; a[0]; a += 2)
        if (!strcmp(a[0], name))
            return a[1];
    return NULL;
}

static void xml_fail(struct xml_state *x)
{
    x->rc = CS_EINPUT;
    XML_StopParser(x->p, XML_FALSE);
}

static void xml_start(void *arg, const char *name, const char **a)
{
    struct xml_state *x = arg;
    long line = (long)XML_GetCurrentLineNumber(x->p);
    const char *t, *c, *r;
    char w[80];
    if (x->rc)
        return;
    if (x->depth++ == 0) {
        if (strcmp(local(name), "Envelope")) {
            cs_error(x->e, CS_EINPUT, where(w, sizeof w, line, "element"), name,
                     "not an ECB rates file (gesmes:Envelope)");
            xml_fail(x);
        }
        x->root_ok = 1;
        return;
    }
    if (strcmp(local(name), "Cube"))
        return;
    if ((t = attr(a, "time"))) {
        if (ecb_date(t, x->date, line, "time", x->e))
            xml_fail(x);
        return;
    }
    c = attr(a, "currency");
    r = attr(a, "rate");
    if (!c && !r)
        return;
    if (!c || !r) {
        cs_error(x->e, CS_EINPUT, where(w, sizeof w, line, c ? "rate" : "currency"), NULL,
                 "required");
        xml_fail(x);
        return;
    }
    if (!*x->date) {
        cs_error(x->e, CS_EINPUT, where(w, sizeof w, line, "time"), NULL,
                 "a rate outside a Cube time='YYYY-MM-DD'");
        xml_fail(x);
        return;
    }
    if (strlen(c) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2] < 'A' ||
        c[2] > 'Z') {
        cs_error(x->e, CS_EINPUT, where(w, sizeof w, line, "currency"), c, "not a currency code");
        xml_fail(x);
        return;
    }
    {
        struct rate_dec d;
        char fw[32];
        snprintf(fw, sizeof fw, "rate of %s", c);
        if (rate_dec_parse(r, &d, where(w, sizeof w, line, fw), x->e)) {
            xml_fail(x);
            return;
        }
        if (!money_currency_known(c) || !strcmp(c, "EUR")) {
            (*x->unknown)++;
            skip_note(x->unknown_list, x->ulen, c);
            return;
        }
        rows_add(x->rows, x->date, c, d);
    }
}

static void xml_end(void *arg, const char *name)
{
    struct xml_state *x = arg;
    (void)name;
    x->depth--;
}

static int read_xml(const char *buf, size_t len, struct rows *rows, long *unknown,
                    char *unknown_list, size_t ulen, struct cs_err *e)
{
    struct xml_state x = {0};
    char w[32];
    x.p = XML_ParserCreate("UTF-8");
    if (!x.p)
        die("out of memory");
    x.rows = rows;
    x.unknown = unknown;
    x.unknown_list = unknown_list;
    x.ulen = ulen;
    x.e = e;
    XML_SetUserData(x.p, &x);
    XML_SetElementHandler(x.p, xml_start, xml_end);
    if (XML_Parse(x.p, buf, (int)len, XML_TRUE) == XML_STATUS_ERROR && !x.rc) {
        snprintf(w, sizeof w, "line %lu", (unsigned long)XML_GetCurrentLineNumber(x.p));
        x.rc = cs_error(e, CS_EINPUT, w, NULL, "not well-formed XML: %s",
                        XML_ErrorString(XML_GetErrorCode(x.p)));
    }
    XML_ParserFree(x.p);
    if (!x.rc && !x.root_ok)
        x.rc = cs_error(e, CS_EINPUT, "rate import", NULL, "the file is empty");
    return x.rc;
}

/* Rows by base, currency and date. */
static int row_cmp(const void *a, const void *b)
{
    const struct rate_file_row *x = a, *y = b;
    int c = strcmp(x->base, y->base);
    if (!c)
        c = strcmp(x->cur, y->cur);
    return c ? c : strcmp(x->date, y->date);
}

int rate_read_ecb(const char *path, const char *buf, size_t len,
                  int (*fn)(const struct rate_file_row *, void *), void *arg,
                  struct rate_file_skipped *skipped, struct cs_err *e)
{
    long *unknown = &skipped->values;
    char *unknown_list = skipped->currencies;
    size_t ulen = sizeof skipped->currencies;
    struct rows rows = {0};
    const char *p = buf;
    int rc;
    (void)path;
    *unknown = 0;
    *unknown_list = 0;
    if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3)) {
        p += 3;
        len -= 3;
    }
    if (memchr(p, 0, len))
        return cs_error(e, CS_EINPUT, "rate import", path, "a NUL byte: not a text file");
    {
        size_t i = 0;
        while (i < len && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
            i++;
        if (i < len && p[i] == '<') {
            rc = read_xml(p, len, &rows, unknown, unknown_list, ulen, e);
        } else {
            char *copy = xmalloc(len + 1);
            memcpy(copy, p, len);
            copy[len] = 0;
            rc = read_csv(copy, &rows, unknown, unknown_list, ulen, e);
            free(copy);
        }
    }
    /* in the table's key order (the files are newest first, by date then currency): the
     * inserts then go where the last one went */
    if (!rc && rows.n > 1) /* (qsort of NULL, 0 is undefined) */
        qsort(rows.v, rows.n, sizeof *rows.v, row_cmp);
    for (size_t i = 0; !rc && i < rows.n; i++)
        rc = fn(&rows.v[i], arg);
    free(rows.v);
    return rc;
}

/* the module confspend-ecb.so (the only code that links expat): its entry point, which
 * rate_read_ecb() of src/rate_ecb_module.c calls */
__attribute__((visibility("default"))) int
confspend_rate_read_ecb(const char *path, const char *buf, size_t len,
                        int (*fn)(const struct rate_file_row *, void *), void *arg,
                        struct rate_file_skipped *skipped, struct cs_err *e);
int confspend_rate_read_ecb(const char *path, const char *buf, size_t len,
                            int (*fn)(const struct rate_file_row *, void *), void *arg,
                            struct rate_file_skipped *skipped, struct cs_err *e)
{
    return rate_read_ecb(path, buf, len, fn, arg, skipped, e);
}
