/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx_expenses.c - the workbook's Expenses sheet: its rows read, converted and copied into
 * batches on a thread of their own while this one writes the cells. */
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
#include "confspend/packet.h"
#include "confspend/rate.h"
#include "confspend/ratio.h"

#include "xlsx_book.h"

/*
 * PATH as a file URL ("file:///abs/path"), percent-encoding every byte but the unreserved
 * ones and '/', so that '#', '?' and '%' in a file name stay part of the path. Returns an
 * allocated string, or NULL when PATH does not exist (or cannot be resolved).
 */
static char *receipt_url(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    char *abs = realpath(path, NULL), *url, *o;
    if (!abs)
        return NULL;
    url = xmalloc(strlen(abs) * 3 + 8);
    o = url + sprintf(url, "file://");
    for (const unsigned char *s = (const unsigned char *)abs; *s; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            *s == '/' || *s == '-' || *s == '.' || *s == '_' || *s == '~') {
            *o++ = (char)*s;
        } else {
            *o++ = '%';
            *o++ = hex[*s >> 4];
            *o++ = hex[*s & 15];
        }
    }
    *o = 0;
    free(abs);
    return url;
}

/*
 * The receipt cell: for an expense with stored receipts, a link to the first one's place
 * in the Receipts sheet, shown as its name (and how many more); else a revision-1 path
 * note as a link to the file when it exists (shown as the path the user gave), else as
 * plain text; else "missing" when the policy asks for a receipt (MISSING). Past Excel's
 * limits on links (65,530 a sheet, 2,079 characters each) the text is written alone; they
 * are checked here because libxlsxwriter prints a warning of its own when they are hit.
 */
static int put_receipt(struct book *b, lxw_row_t r, const char *path, int64_t id, int missing)
{
    char *url = NULL, shown[300];
    const char *text = path;
    long count = 0;
    const struct xreceipt *x = receipt_of(b, id, &count);
    lxw_error err = LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED;
    if (x) {
        if (count > 1)
            snprintf(shown, sizeof shown, "%s (+%ld)", x->name, count - 1);
        else
            snprintf(shown, sizeof shown, "%s", x->name);
        text = shown;
        url = xmalloc(48);
        snprintf(url, 48, "internal:Receipts!A%u", (unsigned)x->row + 1);
    } else if (path && *path) {
        url = receipt_url(path);
    } else {
        return missing ? put_label(b, b->expenses, r, X_RECEIPT, "missing", NULL) : 0;
    }
    if (b->nlinks < LXW_MAX_NUMBER_URLS && url && strlen(url) <= URL_MAX)
        err = worksheet_write_url_opt(b->expenses, r, X_RECEIPT, url, NULL, text, NULL);
    free(url);
    if (err == LXW_NO_ERROR) {
        b->nlinks++;
        return 0;
    }
    return put_text(b, b->expenses, r, X_RECEIPT, text, NULL, id);
}

/* The SQL text of the Expenses query: only the columns the sheet shows (and what the card
 * charged, for the conversion, which is rate.c's: rate_conv_expense()), the filter's
 * conditions written out (expense_where()). */
static void expenses_sql(const struct expense_filter *f, char *sql, size_t n)
{
    char where[EXPENSE_WHERE_MAX];
    expense_where(f, where, sizeof where);
    /* a claim's workbook: the amount its submission fixed (0018), and the claim's currency */
    snprintf(sql, n,
             "SELECT e.id, e.date, e.category, e.amount, e.currency, e.merchant, e.note, "
             "t.name, e.reimbursable, e.payment, e.receipt, e.provider, e.origin, e.dest, "
             "e.base_currency, e.base_amount, e.tip, %s FROM expense e LEFT JOIN trip t ON t.id "
             "= e.trip_id%s WHERE 1%s ORDER BY e.date, e.id",
             f->claim_id ? "ce.amount, cl.currency" : "NULL, NULL",
             f->claim_id ? " LEFT JOIN claim_expense ce ON ce.claim_id = ?4 AND ce.expense_id = "
                           "e.id LEFT JOIN claim cl ON cl.id = ?4"
                         : "",
             where);
}

int sums_too_large(struct book *b)
{
    return cs_error(b->err, CS_EFAIL, "export", b->path,
                    "the amounts add up to more than a total can hold");
}

/* The Expenses sheet's sums as the figures the sheets show; a total that does not fit in
 * int64 is an error naming it. */
int sums_finish(struct book *b)
{
    for (int ci = 0; ci < NCAT; ci++)
        if (money_sum_get(b->acc_total[ci], &b->total[ci]) ||
            money_sum_get(b->acc_reimb[ci], &b->reimb[ci]))
            return cs_error(&*b->err, CS_EFAIL, "export", b->path,
                            "the %s total does not fit in 64-bit minor units (amounts too large)",
                            cs_categories[ci]);
    if (money_sum_get(b->acc_sum, &b->sum) || money_sum_get(b->acc_sum_reimb, &b->sum_reimb))
        return sums_too_large(b);
    return 0;
}

/* Days since 1970 of "YYYY-MM-DD" (checked by the schema). */
static long iso_days(const char *s)
{
    struct cs_date d = {(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0',
                        (s[5] - '0') * 10 + s[6] - '0', (s[8] - '0') * 10 + s[9] - '0'};
    return date_to_days(d);
}

/*
 * The Expenses rows are read on a thread of their own: it steps the query, converts each
 * amount to the base currency and copies the row's text into a batch, while this thread
 * writes the other batch's cells. The database is used by the reader alone until it is
 * joined, libxlsxwriter by this thread alone.
 */
#define XBATCH 4096
enum {
    XT_CAT,
    XT_CUR,
    XT_MERCHANT,
    XT_NOTE,
    XT_TRIP,
    XT_PAYMENT,
    XT_RECEIPT,
    XT_PROVIDER,
    XT_FROM,
    XT_TO,
    XT_N
};
/* The query's column of each text (expenses_sql). */
static const int xt_column[XT_N] = {2, 4, 5, 6, 7, 9, 10, 11, 12, 13};

struct xrow {
    int64_t id, amount, conv; /* conv: the amount in base minor units */
    int64_t tip;              /* -1: none */
    struct ratio rate;        /* minor units of the currency to minor units of the base */
    long days;                /* the date, as days since 1970 */
    int reimb, digits;        /* digits: the currency's minor digits */
    int is_base;              /* the currency is the base: no rate shown */
    uint32_t text[XT_N];      /* offset + 1 in the batch's arena; 0 for NULL or empty */
};
struct xbatch {
    struct xrow rows[XBATCH];
    int n;
    struct arena text;
};
struct xreader {
    struct handoff h;
    struct xbatch *b[2];
    struct book *book;
    sqlite3_stmt *st;
    int rc;
    struct cs_err err;
    struct stored_texts texts; /* the row's, and what the rows before it had (zeroed) */
    struct rate_conv *conv;    /* into the base, used by the reader alone */
};

/* The text of column C of ST copied into BT: its name, or 0 for NULL or empty. */
static uint32_t xbatch_put(struct xbatch *bt, sqlite3_stmt *st, int c)
{
    const char *s = (const char *)sqlite3_column_text(st, c);
    if (!s || !*s)
        return 0;
    return arena_put(&bt->text, s, (size_t)sqlite3_column_bytes(st, c));
}

/* The text of R's field T in BT, NULL when absent. */
static const char *xtext(const struct xbatch *bt, const struct xrow *r, int t)
{
    return arena_at(&bt->text, r->text[t]);
}

/* The current row of X's query into BT. */
static int xread_row(struct xreader *x, struct xbatch *bt)
{
    sqlite3_stmt *st = x->st;
    struct xrow *r = &bt->rows[bt->n];
    static const struct stored_columns cols = {
        .table = "expense",
        .date_name = "date",
        .id = 0,
        .date = 1,
        .category = 2,
        .amount = 3,
        .currency = 4,
        .provider = 11,
        .tip = -1,
        .platform_fee = -1,
        .nights = -1,
        .compare_rate = -1,
        .reimbursable = 8,
        .until_month = -1,
        .posted_month = -1,
    };
    const char *date, *cur;
    int digits;

    /* a row another program wrote must not be misread: an impossible date has no serial
     * number, an unknown currency no digits, an unknown category no Summary row */
    if (stored_row_read(st, &cols, &x->texts, &x->err))
        return CS_EFAIL;
    date = x->texts.date;
    cur = x->texts.currency;
    digits = money_digits(cur);
    r->digits = digits;
    r->id = sqlite3_column_int64(st, 0);
    r->amount = sqlite3_column_int64(st, 3);
    r->reimb = sqlite3_column_int(st, 8);
    r->tip = sqlite3_column_type(st, 16) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 16);
    r->is_base = !strcmp(cur, x->book->base);
    if (rate_conv_expense(x->conv, cur, date, r->amount, (const char *)sqlite3_column_text(st, 14),
                          sqlite3_column_int64(st, 15), &r->conv, &r->rate, &x->err))
        return CS_EFAIL;
    /* in a claim's workbook, an amount its submission fixed that a later rate would change:
     * converted as if the card had charged it (the Rate shown is the one it implies) */
    if (sqlite3_column_type(st, 17) != SQLITE_NULL && sqlite3_column_int64(st, 17) != 0 &&
        sqlite3_column_int64(st, 17) != r->conv &&
        rate_conv_expense(x->conv, cur, date, r->amount, (const char *)sqlite3_column_text(st, 18),
                          sqlite3_column_int64(st, 17), &r->conv, &r->rate, &x->err))
        return CS_EFAIL;
    r->days = iso_days(date);
    for (int t = 0; t < XT_N; t++)
        r->text[t] = xbatch_put(bt, st, xt_column[t]);
    bt->n++;
    return 0;
}

static void *xreader_main(void *arg)
{
    struct xreader *x = arg;
    struct xbatch *bt = x->b[0];
    int cur = 0, step;
    bt->n = 0;
    arena_clear(&bt->text);
    while ((step = sqlite3_step(x->st)) == SQLITE_ROW) {
        if ((x->rc = xread_row(x, bt))) {
            handoff_end(&x->h);
            return NULL;
        }
        if (bt->n == XBATCH) {
            if ((cur = handoff_put(&x->h, cur, 0)) < 0)
                return NULL; /* the writer failed */
            bt = x->b[cur];
            bt->n = 0;
            arena_clear(&bt->text);
        }
    }
    if (step != SQLITE_DONE) {
        x->rc = db_fail(x->book->db, "cannot read expenses", &x->err);
        handoff_end(&x->h);
        return NULL;
    }
    handoff_put(&x->h, cur, 1);
    return NULL;
}

/* Widen column COL of B to a text W characters wide (W up to WIDTH_MAX). */
static void fit(struct book *b, int col, int w)
{
    if (w > b->width[col])
        b->width[col] = w;
}

/* The lines S takes wrapped in a column of WIDTH_MAX characters (S at least as wide). */
static int text_lines(const char *s)
{
    long lines = 1, col = 0;
    for (; *s && lines < 27; s++) { /* 27 lines of 15 points: Excel's tallest row */
        if (*s == '\n') {
            lines++;
            col = 0;
        } else if (((unsigned char)*s & 0xC0) != 0x80 && ++col > WIDTH_MAX) {
            lines++;
            col = 1;
        }
    }
    return (int)lines;
}

/* The rate R (minor units to minor units) per whole unit of a currency of DIGITS minor
 * digits into the base: the cell's value, the one place it becomes a double. */
static double rate_value(const struct ratio *r, int digits, int base_digits)
{
    long double v = (long double)r->num / (long double)r->den;
    for (int d = digits; d > base_digits; d--)
        v *= 10;
    for (int d = digits; d < base_digits; d++)
        v /= 10;
    return (double)v;
}

/* Row R of the Expenses sheet from the expense X (read into BT), and into the sums. */
static int expense_row(struct book *b, const struct xbatch *bt, const struct xrow *x, lxw_row_t r)
{
    lxw_worksheet *ws = b->expenses;
    const char *cat = xtext(bt, x, XT_CAT), *cur = xtext(bt, x, XT_CUR);
    const char *note = xtext(bt, x, XT_NOTE), *merchant;
    char *desc = NULL, *policy = NULL;
    const char *wide[3];
    lxw_format *wide_fmt[3];
    int ci, rc, missing = 0, lines = 1;
    lxw_format *fmt = currency_format(b, cur, x->digits);
    static const int wide_cols[3] = {X_MERCHANT, X_NOTE, X_POLICY};
    static const int text_cols[][2] = {{X_TRIP, XT_TRIP},
                                       {X_PAYMENT, XT_PAYMENT},
                                       {X_PROVIDER, XT_PROVIDER},
                                       {X_FROM, XT_FROM},
                                       {X_TO, XT_TO}};

    ci = category_index(cat); /* known: the reader checked the row */
    merchant = packet_merchant(cat, xtext(bt, x, XT_MERCHANT), xtext(bt, x, XT_PROVIDER));
    if (!note) /* a ride's route; the note itself is shown as it is, with no copy */
        desc = packet_description(cat, NULL, xtext(bt, x, XT_FROM), xtext(bt, x, XT_TO));
    if (b->nfind || b->nday)
        policy = findings_text(b, x->id, x->days, x->reimb && !strcmp(cat, "meal"), &missing);
    /* the merchant, description and policy: a text wider than a column wraps, in a row as
     * tall as its lines (a spreadsheet does not grow a row it reads with a height) */
    wide[0] = merchant;
    wide[1] = note ? note : desc;
    wide[2] = policy;
    for (int i = 0; i < 3; i++) {
        int w = wide[i] ? text_len(wide[i]) : 0, l;
        fit(b, wide_cols[i], w);
        wide_fmt[i] = w >= WIDTH_MAX ? b->wrap : NULL;
        if (w >= WIDTH_MAX && (l = text_lines(wide[i])) > lines)
            lines = l;
    }
    if ((rc = put_num(b, ws, r, X_ID, (double)x->id, NULL)) ||
        (rc = put_num(b, ws, r, X_DATE, (double)(x->days + EXCEL_1970), b->date)) ||
        (rc = put_label(b, ws, r, X_CATEGORY, b->cat_name[ci], NULL)) ||
        (rc = put_text(b, ws, r, X_MERCHANT, wide[0], wide_fmt[0], x->id)) ||
        (rc = put_text(b, ws, r, X_NOTE, wide[1], wide_fmt[1], x->id)) ||
        (rc = put_num(b, ws, r, X_AMOUNT, cell_money(x->amount, x->digits), fmt)) ||
        (rc = put_text(b, ws, r, X_CURRENCY, cur, NULL, x->id)) ||
        (!x->is_base && (rc = put_num(b, ws, r, X_RATE,
                                      rate_value(&x->rate, x->digits, b->base_digits), b->rate))) ||
        (rc = put_num(b, ws, r, X_BASE, cell_money(x->conv, b->base_digits), b->base_fmt)) ||
        (x->tip >= 0 && (rc = put_num(b, ws, r, X_TIP, cell_money(x->tip, x->digits), fmt))) ||
        (rc = put_label(b, ws, r, X_REIMB, x->reimb ? "Yes" : "No", NULL)) ||
        (rc = put_receipt(b, r, xtext(bt, x, XT_RECEIPT), x->id, missing)) ||
        (rc = put_text(b, ws, r, X_POLICY, wide[2], wide_fmt[2], x->id)))
        goto out;
    if (lines > 1)
        worksheet_set_row(ws, r, 15.0 * lines, NULL);
    for (size_t i = 0; i < sizeof text_cols / sizeof text_cols[0]; i++) {
        const char *s = xtext(bt, x, text_cols[i][1]);
        int col = text_cols[i][0];
        if (!s)
            continue;
        if ((rc = put_text(b, ws, r, (lxw_col_t)col, s, NULL, x->id)))
            goto out;
        if (b->width[col] < WIDTH_MAX) /* once at the widest, no need to measure */
            fit(b, col, text_len(s));
    }
    b->count[ci]++;
    money_sum_add(&b->acc_total[ci], x->conv);
    money_sum_add(&b->acc_sum, x->conv);
    if (x->reimb) {
        money_sum_add(&b->acc_reimb[ci], x->conv);
        money_sum_add(&b->acc_sum_reimb, x->conv);
    }
out:
    free(desc);
    free(policy);
    return rc;
}

/*
 * The rows of ST (expenses_sql) into the Expenses sheet from row 1 on, read on a thread of
 * their own; *ROWS gets their count. More expenses than a sheet holds is an error.
 */
static int expense_rows(struct book *b, sqlite3_stmt *st, lxw_row_t *rows)
{
    struct xreader x;
    pthread_t reader;
    lxw_row_t r = 0;
    int rc = 0, i = 0;

    memset(&x, 0, sizeof x);
    handoff_init(&x.h);
    x.book = b;
    x.st = st;
    x.conv = rate_conv_new(b->db, b->base);
    for (int k = 0; k < 2; k++) {
        x.b[k] = xmalloc(sizeof *x.b[k]);
        memset(x.b[k], 0, sizeof *x.b[k]);
    }
    if (pthread_create(&reader, NULL, xreader_main, &x) != 0) {
        rc = cs_error(b->err, CS_EFAIL, "export", b->path, "cannot start a thread");
        goto out;
    }
    while (!rc && handoff_get(&x.h, i)) {
        const struct xbatch *bt = x.b[i];
        for (int k = 0; k < bt->n && !rc; k++) {
            /* the header, the rows, a blank row and the totals row must fit */
            if (r + 3 >= MAX_ROWS)
                rc = cs_error(b->err, CS_EFAIL, "export", b->path,
                              "more than %d expenses do not fit in one worksheet; export a "
                              "smaller period (--month, --since/--until)",
                              MAX_ROWS - 3);
            else
                rc = expense_row(b, bt, &bt->rows[k], ++r);
        }
        handoff_release(&x.h, i, rc != 0);
        i ^= 1;
    }
    pthread_join(reader, NULL);
    if (!rc && x.rc) {
        rc = x.rc;
        *b->err = x.err;
    }
out:
    rate_conv_free(x.conv);
    handoff_destroy(&x.h);
    for (int k = 0; k < 2; k++) {
        arena_release(&x.b[k]->text);
        free(x.b[k]);
    }
    *rows = r;
    return rc;
}

/*
 * The Expenses sheet: a frozen header, one row per selected expense by date and id, an
 * autofilter over header and data, then a blank row and a totals row whose SUBTOTAL(109)
 * follows the filter. Fills B's sums for the Summary. More expenses than a sheet holds is
 * an error, not a cut-short file.
 */
int write_expenses(struct book *b)
{
    lxw_worksheet *ws = b->expenses;
    struct expense_filter f;
    sqlite3_stmt *st = NULL;
    char sql[1024], formula[64];
    lxw_row_t r = 0, last;
    int rc = 0;
    /* the least width of each column; text columns grow to their longest text */
    static const int fixed_width[X_NCOLS] = {6,  10, 8, 8, 10, 6, 12, 8, 8,
                                             14, 8,  6, 6, 7,  6, 6,  6, 6};

    for (int c = 0; c < X_NCOLS; c++) {
        if ((rc = put_label(b, ws, 0, (lxw_col_t)c, x_headers[c], b->head)))
            return rc;
        b->width[c] = fixed_width[c];
    }
    for (int ci = 0; ci < NCAT; ci++) /* "Ride": made once, not per row */
        packet_category(cs_categories[ci], b->cat_name[ci], sizeof b->cat_name[ci]);
    period_filter(b->p, &f);
    f.reimbursable_only = b->reimbursable_only;
    expenses_sql(&f, sql, sizeof sql);
    if (db_prepare(b->db, sql, &st, b->err))
        return CS_EFAIL;
    expense_where_bind(st, &f);
    if ((rc = expense_rows(b, st, &r)) || (rc = sums_finish(b)))
        goto cleanup;
    b->nrows = (long)r;
    /* in constant_memory mode the filter's last row may not be before the current row, so
     * it is set now, before the totals row */
    worksheet_autofilter(ws, 0, 0, r, X_NCOLS - 1);
    worksheet_freeze_panes(ws, 1, 0);
    last = r < 1 ? 2 : r + 1; /* with no expenses the range is the blank row */
    snprintf(formula, sizeof formula, "=SUBTOTAL(109,%c2:%c%u)", x_letters[X_BASE],
             x_letters[X_BASE], (unsigned)last);
    if ((rc = put_label(b, ws, r + 2, X_ID, "Total", b->total_label)) ||
        (rc = put_formula(b, ws, r + 2, X_BASE, formula, b->base_total,
                          cell_money(b->sum, b->base_digits))))
        goto cleanup;
    for (int c = 0; c < X_NCOLS; c++) {
        int hw = (int)strlen(x_headers[c]) + 2, w = b->width[c] + 2;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w > hw ? w : hw, NULL);
    }
    print_setup(b, ws, 0, r + 2, X_NCOLS - 1);
cleanup:
    sqlite3_finalize(st);
    return rc;
}
