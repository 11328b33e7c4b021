/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx.c - the reimbursement workbook of SPEC.md "Export": Summary, Expenses, Receipts,
 * Budget and Rides (the last two not in a claim or reimbursable-only workbook), each set up
 * to print (print_setup()). The only module, with its other files, that includes
 * xlsxwriter.h.
 *
 * The workbook is written in libxlsxwriter's constant_memory mode: each worksheet streams
 * its rows, in increasing order, to a temporary file of its own, so a million expenses take
 * no more memory than ten. The sheets are independent streams, so Expenses is written first
 * (one pass over the database, summing per category as it goes) and Summary after it, from
 * those sums. Money stays in int64 minor units; a double appears only as a cell's value. */
#include "confspend/xlsx.h"

#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zlib.h>

#include "confspend/arena.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/handoff.h"
#include "confspend/money.h"
#include "confspend/outfile.h"
#include "confspend/packet.h"
#include "confspend/rate.h"
#include "confspend/report.h"
#include "confspend/zlevel.h"

#include "xlsx_book.h"

/* MINOR units with DIGITS decimals as the double a cell holds: the nearest double to the
 * exact decimal, since both operands are exact and the division is correctly rounded. */
double cell_money(int64_t minor, int digits)
{
    return (double)minor / pow10_tab[digits];
}

/* Fill the error of B with libxlsxwriter's ERR after WHAT; returns CS_EFAIL. */
int lxw_fail(struct book *b, lxw_error err, const char *what)
{
    return cs_error(b->err, CS_EFAIL, "export", b->path, "%s: %s", what, lxw_strerror(err));
}

/* A new format with NUM_FORMAT (NULL for none), bold when BOLD. */
lxw_format *new_format(struct book *b, const char *num_format, int bold)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (num_format)
        format_set_num_format(f, num_format);
    if (bold)
        format_set_bold(f);
    return f;
}

/* The number format code of a currency: "#,##0.00 [$USD]", "#,##0 [$JPY]". */
void money_num_format(const char *code, int digits, char *buf, size_t n)
{
    snprintf(buf, n, "#,##0%s%.*s [$%s]", digits ? "." : "", digits, "0000", code);
}

/* The format for amounts of currency CODE, with DIGITS minor digits (made on first use).
 * The reader of the rows has checked that confspend knows the code. */
lxw_format *currency_format(struct book *b, const char *code, int digits)
{
    char nf[48];
    if (b->last >= 0 && !memcmp(b->curs[b->last].code, code, 4))
        return b->curs[b->last].fmt;
    for (int i = 0; i < b->ncurs; i++) {
        if (!memcmp(b->curs[i].code, code, 4)) {
            b->last = i;
            return b->curs[i].fmt;
        }
    }
    b->curs = xrealloc(b->curs, sizeof *b->curs * (size_t)(b->ncurs + 1));
    memcpy(b->curs[b->ncurs].code, code, 4);
    money_num_format(code, digits, nf, sizeof nf);
    b->curs[b->ncurs].fmt = new_format(b, nf, 0);
    b->last = b->ncurs++;
    return b->curs[b->last].fmt;
}

/* Display width of S in characters (UTF-8 lead bytes), counted up to WIDTH_MAX. */
int text_len(const char *s)
{
    int n = 0;
    for (; *s && n < WIDTH_MAX; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/*
 * Write the user's text S (nothing when NULL or empty) as a text cell: never a formula,
 * whatever it starts with. ID names the expense in the message of a text too long for a
 * cell; 0 for text that is not an expense's.
 */
int put_text(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
             lxw_format *f, int64_t id)
{
    lxw_error err;
    if (!s || !*s)
        return 0;
    err = worksheet_write_string(ws, r, c, s, f);
    if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED && id)
        return cs_error(b->err, CS_EFAIL, "export", NULL,
                        "expense %lld: a text is longer than a spreadsheet cell holds (%d "
                        "characters); shorten it with 'confspend edit'",
                        (long long)id, CELL_TEXT_MAX);
    if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        return cs_error(b->err, CS_EFAIL, "export", s,
                        "longer than a spreadsheet cell holds (%d characters)", CELL_TEXT_MAX);
    if (err)
        return lxw_fail(b, err, "cannot write a cell");
    return 0;
}

/* Write a number (a date is one too, with a date format); fill the error on failure. */
int put_num(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    lxw_error err = worksheet_write_number(ws, r, c, v, f);
    return err ? lxw_fail(b, err, "cannot write a cell") : 0;
}

/* Write FORMULA carrying V, the value computed here, for viewers that do not recalculate. */
int put_formula(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *formula,
                lxw_format *f, double v)
{
    lxw_error err = worksheet_write_formula_num(ws, r, c, formula, f, v);
    return err ? lxw_fail(b, err, "cannot write a formula") : 0;
}

/* A fixed label (text confspend wrote, not the user). */
int put_label(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
              lxw_format *f)
{
    return put_text(b, ws, r, c, s, f, 0);
}

void print_setup(struct book *b, lxw_worksheet *ws, long repeat, lxw_row_t last_row,
                 lxw_col_t last_col)
{
    lxw_header_footer_options fo = {.margin = 0.25};
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, (uint8_t)b->paper);
    worksheet_set_margins(ws, 0.5, 0.5, 0.5, 0.6);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many tall as it takes */
    if (repeat >= 0)
        worksheet_repeat_rows(ws, (lxw_row_t)repeat, (lxw_row_t)repeat);
    worksheet_print_area(ws, 0, 0, last_row, last_col);
    worksheet_set_footer_opt(ws, "&CPage &P of &N", &fo);
}

/* A label and the user's text beside it at row *R (nothing when TEXT is NULL or empty);
 * *R moves on when written. */
static int head_line(struct book *b, lxw_row_t *r, const char *label, const char *text)
{
    int rc;
    if (!text || !*text)
        return 0;
    if ((rc = put_label(b, b->summary, *r, 0, label, b->bold)) ||
        (rc = put_text(b, b->summary, *r, 1, text, NULL, 0)))
        return rc;
    (*r)++;
    return 0;
}

/* A label and an amount of the claim's currency at row *R, aligned with the text above. */
static int head_money(struct book *b, lxw_row_t *r, const char *label, int64_t v)
{
    const struct claim *c = &b->ph.claim;
    int d = money_digits(c->currency);
    char nf[48];
    lxw_format *f;
    int rc;
    if (d < 0)
        d = 2;
    money_num_format(c->currency, d, nf, sizeof nf);
    f = new_format(b, nf, 0);
    format_set_align(f, LXW_ALIGN_LEFT);
    if ((rc = put_label(b, b->summary, *r, 0, label, b->bold)) ||
        (rc = put_num(b, b->summary, *r, 1, cell_money(v, d), f)))
        return rc;
    (*r)++;
    return 0;
}

/* The header block of the Summary from row 1 (the title is row 0): owner, department, the
 * trip (name, city, dates, purpose), the claim (number and title, status, claimed, paid,
 * due), then the period, when it was made, the base currency and which expenses. *R gets
 * the next free row. */
static int summary_head(struct book *b, lxw_row_t *r)
{
    const struct packet_head *h = &b->ph;
    struct tm tm;
    lxw_datetime dt;
    char buf[400];
    int rc;

    gmtime_r(&b->now, &tm);
    dt = (lxw_datetime){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                        tm.tm_hour,        tm.tm_min,     (double)tm.tm_sec};
    *r = 1;
    if ((rc = head_line(b, r, "Owner", h->owner)) ||
        (rc = head_line(b, r, "Department", h->department)))
        return rc;
    if (h->trip.id) {
        snprintf(buf, sizeof buf, "%s to %s", h->trip.start, h->trip.end);
        if ((rc = head_line(b, r, "Trip", h->trip.name ? h->trip.name : h->trip.slug)) ||
            (rc = head_line(b, r, "City", h->trip.city)) || (rc = head_line(b, r, "Dates", buf)) ||
            (rc = head_line(b, r, "Purpose", h->trip.purpose)))
            return rc;
    }
    if (h->claim.id) {
        if (h->claim.title && *h->claim.title)
            snprintf(buf, sizeof buf, "%lld: %.300s", (long long)h->claim.id, h->claim.title);
        else
            snprintf(buf, sizeof buf, "%lld", (long long)h->claim.id);
        if ((rc = head_line(b, r, "Claim", buf)) ||
            (rc = head_line(b, r, "Status", h->claim.status)) ||
            (rc = head_money(b, r, "Claimed", h->claim.claimed)) ||
            (rc = head_money(b, r, "Paid", h->claim.paid)) ||
            (rc = head_money(b, r, "Due", h->due)))
            return rc;
    }
    if ((rc = put_label(b, b->summary, *r, 0, "Period", b->bold)) ||
        (rc = put_text(b, b->summary, *r, 1, b->p->label, NULL, 0)) ||
        (rc = put_label(b, b->summary, *r + 1, 0, "Made (UTC)", b->bold)))
        return rc;
    if (worksheet_write_datetime(b->summary, *r + 1, 1, &dt, b->stamp))
        return cs_error(b->err, CS_EFAIL, "export", b->path, "cannot write the date");
    *r += 2;
    if ((rc = put_label(b, b->summary, *r, 0, "Base currency", b->bold)) ||
        (rc = put_label(b, b->summary, *r, 1, b->base, NULL)) ||
        (rc = put_label(b, b->summary, *r + 1, 0, "Expenses", b->bold)) ||
        (rc = put_label(b, b->summary, *r + 1, 1,
                        b->reimbursable_only ? "reimbursable only" : "reimbursable and personal",
                        NULL)))
        return rc;
    *r += 2;
    return 0;
}

/* The signature block from row R: "Employee signature" and "Approved by", each with a line
 * to sign on and a date line. *LAST gets its last row. */
static int signatures(struct book *b, lxw_row_t r, lxw_row_t *last)
{
    static const char *const who[] = {"Employee signature", "Approved by"};
    lxw_worksheet *ws = b->summary;
    int rc;
    for (int i = 0; i < 2; i++, r += 2) {
        worksheet_set_row(ws, r, 30, NULL); /* room to sign */
        if ((rc = put_label(b, ws, r, 0, who[i], b->bold)))
            return rc;
        if (worksheet_write_blank(ws, r, 1, b->line) ||
            (rc = put_label(b, ws, r, 2, "Date", b->bold)) ||
            worksheet_write_blank(ws, r, 3, b->line))
            return rc ? rc : cs_error(b->err, CS_EFAIL, "export", b->path, "cannot write a cell");
    }
    *last = r - 2;
    return 0;
}

/*
 * The Summary sheet: title and header block (summary_head()), then one row per category
 * with expenses (count, total, reimbursable total) and a grand total, a note, and the
 * signature lines. Every figure is a formula over the Expenses sheet carrying the value
 * computed here; the categories are named as the Expenses sheet names them ("Ride").
 */
static int write_summary(struct book *b)
{
    lxw_worksheet *ws = b->summary;
    lxw_row_t r, head, last = 0;
    char f[256], range_c[40], range_base[40], range_reimb[40], range_a[40], name[16];
    unsigned end = b->nrows < 1 ? 2 : (unsigned)b->nrows + 1;
    int rc;

    worksheet_set_column(ws, 0, 0, 20, NULL);
    worksheet_set_column(ws, 1, 1, 28, NULL); /* the "made" timestamp, the signature */
    worksheet_set_column(ws, 2, 2, 16, NULL);
    worksheet_set_column(ws, 3, 3, 22, NULL);
    if ((rc = put_label(b, ws, 0, 0, "Expense report", b->title)) || (rc = summary_head(b, &r)))
        return rc;
    head = ++r;
    if ((rc = put_label(b, ws, head, 0, "Category", b->head)) ||
        (rc = put_label(b, ws, head, 1, "Count", b->head_num)) ||
        (rc = put_label(b, ws, head, 2, "Total", b->head_num)) ||
        (rc = put_label(b, ws, head, 3, "Reimbursable", b->head_num)))
        return rc;
    snprintf(range_a, sizeof range_a, "Expenses!$%c$2:$%c$%u", x_letters[X_ID], x_letters[X_ID],
             end);
    snprintf(range_c, sizeof range_c, "Expenses!$%c$2:$%c$%u", x_letters[X_CATEGORY],
             x_letters[X_CATEGORY], end);
    snprintf(range_base, sizeof range_base, "Expenses!$%c$2:$%c$%u", x_letters[X_BASE],
             x_letters[X_BASE], end);
    snprintf(range_reimb, sizeof range_reimb, "Expenses!$%c$2:$%c$%u", x_letters[X_REIMB],
             x_letters[X_REIMB], end);
    r = head + 1;
    for (int ci = 0; ci < NCAT; ci++) {
        if (!b->count[ci])
            continue;
        packet_category(cs_categories[ci], name, sizeof name);
        if ((rc = put_label(b, ws, r, 0, name, NULL)))
            return rc;
        snprintf(f, sizeof f, "=COUNTIF(%s,\"%s\")", range_c, name);
        if ((rc = put_formula(b, ws, r, 1, f, b->whole, (double)b->count[ci])))
            return rc;
        snprintf(f, sizeof f, "=SUMIF(%s,\"%s\",%s)", range_c, name, range_base);
        if ((rc = put_formula(b, ws, r, 2, f, b->base_fmt,
                              cell_money(b->total[ci], b->base_digits))))
            return rc;
        snprintf(f, sizeof f, "=SUMIFS(%s,%s,\"%s\",%s,\"Yes\")", range_base, range_c, name,
                 range_reimb);
        if ((rc = put_formula(b, ws, r, 3, f, b->base_fmt,
                              cell_money(b->reimb[ci], b->base_digits))))
            return rc;
        r++;
    }
    if ((rc = put_label(b, ws, r, 0, "Total", b->total_label)))
        return rc;
    snprintf(f, sizeof f, "=COUNT(%s)", range_a);
    if ((rc = put_formula(b, ws, r, 1, f, b->whole_total, (double)b->nrows)))
        return rc;
    snprintf(f, sizeof f, "=SUM(%s)", range_base);
    if ((rc = put_formula(b, ws, r, 2, f, b->base_total, cell_money(b->sum, b->base_digits))))
        return rc;
    snprintf(f, sizeof f, "=SUMIF(%s,\"Yes\",%s)", range_reimb, range_base);
    if ((rc = put_formula(b, ws, r, 3, f, b->base_total, cell_money(b->sum_reimb, b->base_digits))))
        return rc;
    if ((rc = put_label(b, ws, r + 2, 0,
                        "Amounts are in the base currency; each figure is a formula over the "
                        "Expenses sheet.",
                        NULL)) ||
        (rc = signatures(b, r + 5, &last)))
        return rc;
    print_setup(b, ws, 0, last, 3);
    return 0;
}

/* The ride model's assumptions in words, for the Budget and Rides sheets. */
static void ride_assumptions(const struct ride_params *rp, char *buf, size_t n)
{
    char c[32], s[32], a[32];
    money_format_e9(rp->commission_e9 * 100, c, sizeof c);
    money_format_e9(rp->share_e9, s, sizeof s);
    money_format_e9(rp->availability_e9, a, sizeof a);
    snprintf(buf, n,
             "platform commission %s%% where a ride records no fee, share %s, availability "
             "%s, at least %ld rides a route, %ld trial days",
             c, s, a, rp->min_rides, rp->trial_days);
}

/* The ride options at their defaults (and the configured commission). */
static int default_ride_params(struct book *b, struct ride_params *rp)
{
    return ride_params_load(b->db, NULL, rp, b->err) ? CS_EFAIL : 0;
}

/* The header block of the Budget and Rides sheets: TITLE, the period, the base currency and
 * the ride model's assumptions. Returns the next free row in *NEXT. */
static int sheet_head(struct book *b, lxw_worksheet *ws, const char *title, const char *period,
                      const struct ride_params *rp, lxw_row_t *next)
{
    char words[256];
    int rc;
    ride_assumptions(rp, words, sizeof words);
    if ((rc = put_label(b, ws, 0, 0, title, b->title)) ||
        (rc = put_label(b, ws, 1, 0, "Period", b->bold)) ||
        (rc = put_text(b, ws, 1, 1, period, NULL, 0)) ||
        (rc = put_label(b, ws, 2, 0, "Base currency", b->bold)) ||
        (rc = put_label(b, ws, 2, 1, b->base, NULL)) ||
        (rc = put_label(b, ws, 3, 0, "Ride model", b->bold)) ||
        (rc = put_label(b, ws, 3, 1, words, NULL)))
        return rc;
    *next = 5;
    return 0;
}

static const char *const budget_headers[] = {"Category",  "Budget", "Actual",
                                             "Remaining", "Used %", "Direct actual"};

/* One budget row at row R from column C0 (Category, Budget, Actual, Remaining, Used %,
 * Direct actual); budget, remaining and used % are blank when there is no budget. */
static int budget_row(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c0,
                      const struct budget_row *row, int digits)
{
    int is_total = !strcmp(row->category, "total");
    lxw_format *mf = is_total ? b->base_total : b->base_fmt;
    int rc;
    if ((rc = put_label(b, ws, r, c0, row->category, is_total ? b->total_label : NULL)) ||
        (rc = put_num(b, ws, r, c0 + 2, cell_money(row->actual, digits), mf)) ||
        (rc = put_num(b, ws, r, c0 + 5, cell_money(row->direct_actual, digits), mf)))
        return rc;
    if (row->has_budget &&
        ((rc = put_num(b, ws, r, c0 + 1, cell_money(row->budget, digits), mf)) ||
         (rc = put_num(b, ws, r, c0 + 3, cell_money(row->remaining, digits), mf))))
        return rc;
    if (row->has_pct && (rc = put_num(b, ws, r, c0 + 4, (double)row->used_tenths / 1000.0, b->pct)))
        return rc;
    return 0;
}

/* A column chart of budget against actual over the category rows FIRST..LAST of the Budget
 * sheet (Category in column C0), placed at row AT to the right of the table. */
static int budget_chart(struct book *b, lxw_row_t first, lxw_row_t last, lxw_col_t c0, lxw_row_t at)
{
    lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
    lxw_chart_series *s;
    lxw_error err;
    if (!ch)
        return lxw_fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "cannot add a chart");
    chart_title_set_name(ch, "Budget against actual");
    s = chart_add_series(ch, NULL, NULL);
    chart_series_set_name(s, "Budget");
    chart_series_set_categories(s, "Budget", first, c0, last, c0);
    chart_series_set_values(s, "Budget", first, c0 + 1, last, c0 + 1);
    s = chart_add_series(ch, NULL, NULL);
    chart_series_set_name(s, "Actual");
    chart_series_set_categories(s, "Budget", first, c0, last, c0);
    chart_series_set_values(s, "Budget", first, c0 + 2, last, c0 + 2);
    chart_axis_set_name(ch->y_axis, b->base);
    err = worksheet_insert_chart(b->budget, at, c0 + 7, ch);
    return err ? lxw_fail(b, err, "cannot add a chart") : 0;
}

/* Fill P's open ends from the expenses it selects (else today), so that the budget report
 * has whole months to walk; a trip keeps its own dates. */
static int budget_period(struct book *b, struct period *p)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (p->trip_id || (*p->since && *p->until))
        return 0;
    /* two single-aggregate subqueries, so each is one seek in the date index */
    if (db_prepare(b->db,
                   "SELECT (SELECT min(date) FROM expense WHERE date >= ?1), "
                   "(SELECT max(date) FROM expense WHERE date <= ?2)",
                   &st, b->err))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, p->since, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, *p->until ? p->until : "9999-12-31", -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = db_fail(b->db, "cannot read expenses", b->err);
    } else {
        const char *lo = (const char *)sqlite3_column_text(st, 0);
        const char *hi = (const char *)sqlite3_column_text(st, 1);
        if (!*p->since)
            snprintf(p->since, sizeof p->since, "%s", lo ? lo : b->today);
        if (!*p->until)
            snprintf(p->until, sizeof p->until, "%s", hi ? hi : b->today);
        if (strcmp(p->until, p->since) < 0)
            snprintf(p->until, sizeof p->until, "%s", p->since);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The whole period of a several-month report: each category's budget, actual and direct
 * actual summed over the months (exactly, whatever their order), and the total row over
 * those sums. Returns 1 when a sum does not fit in int64. */
static int budget_sum_blocks(const struct budget_report *r, struct budget_block *sum)
{
    int over = 0, has_total = 0;
    struct money_sum total_budget = MONEY_SUM_INIT, savings = MONEY_SUM_INIT;
    int64_t tb = 0;
    memset(sum, 0, sizeof *sum);
    for (int ci = 0; ci < NCAT; ci++) {
        struct budget_row row = {{0}};
        struct money_sum actual = MONEY_SUM_INIT, direct = MONEY_SUM_INIT, budget = MONEY_SUM_INIT;
        int seen = 0;
        snprintf(row.category, sizeof row.category, "%s", cs_categories[ci]);
        for (int k = 0; k < r->nblocks; k++) {
            const struct budget_block *blk = &r->blocks[k];
            for (int i = 0; i < blk->nrows; i++) {
                const struct budget_row *x = &blk->rows[i];
                if (strcmp(x->category, row.category))
                    continue;
                seen = 1;
                money_sum_add(&actual, x->actual);
                money_sum_add(&direct, x->direct_actual);
                if (x->has_budget) {
                    row.has_budget = 1;
                    money_sum_add(&budget, x->budget);
                }
            }
        }
        over |= money_sum_get(actual, &row.actual) | money_sum_get(direct, &row.direct_actual) |
                money_sum_get(budget, &row.budget);
        if (seen)
            sum->rows[sum->nrows++] = row;
    }
    for (int k = 0; k < r->nblocks; k++) {
        const struct budget_block *blk = &r->blocks[k];
        money_sum_add(&savings, blk->expected_savings);
        if (blk->nrows > 0 && blk->rows[blk->nrows - 1].has_budget) { /* the total row */
            has_total = 1;
            money_sum_add(&total_budget, blk->rows[blk->nrows - 1].budget);
        }
    }
    over |= money_sum_get(savings, &sum->expected_savings) | money_sum_get(total_budget, &tb);
    /* budget_block_finish() adds the category rows up for the total row */
    if (!over && budget_block_finish(sum, has_total, tb))
        over = 1;
    return over != 0;
}

/*
 * The Budget sheet: the budget report of the period (report_budget()). One block is one
 * table; several months get a table of the whole period (the sums of the months) and then
 * every month's rows with a Month column. The chart shows budget against actual per
 * category over the first table.
 */
static int write_budget(struct book *b)
{
    lxw_worksheet *ws = b->budget;
    struct budget_report rep = BUDGET_REPORT_INIT;
    struct budget_block sum;
    const struct budget_block *top;
    struct ride_params rp;
    struct period bp = *b->p;
    char label[160];
    lxw_row_t r, first, table_head;
    int rc, chart = 0;

    if ((rc = default_ride_params(b, &rp)) || (rc = budget_period(b, &bp)) ||
        (rc = report_budget(b->db, &bp, b->today, &rp, &rep, b->err)))
        return CS_EFAIL;
    if (bp.trip_id || rep.nblocks == 1)
        snprintf(label, sizeof label, "%s", bp.trip_id ? b->p->label : rep.blocks[0].month);
    else
        snprintf(label, sizeof label, "%s to %s (%d months)", rep.blocks[0].month,
                 rep.blocks[rep.nblocks - 1].month, rep.nblocks);
    worksheet_set_column(ws, 0, 0, 16, NULL);
    worksheet_set_column(ws, 1, 6, 14, NULL);
    if ((rc = sheet_head(b, ws, "Budget against actual", label, &rp, &r)))
        goto cleanup;
    top = &rep.blocks[0];
    if (rep.nblocks > 1) {
        if (budget_sum_blocks(&rep, &sum)) {
            rc = sums_too_large(b);
            goto cleanup;
        }
        top = &sum;
        if ((rc = put_label(b, ws, r++, 0, "Whole period (the months added up)", b->bold)))
            goto cleanup;
    }
    for (int c = 0; c < 6; c++)
        if ((rc = put_label(b, ws, r, (lxw_col_t)c, budget_headers[c], b->head)))
            goto cleanup;
    table_head = r;
    first = ++r;
    for (int i = 0; i < top->nrows; i++)
        if ((rc = budget_row(b, ws, r++, 0, &top->rows[i], rep.digits)))
            goto cleanup;
    if (top->nrows > 1 &&
        (rc = budget_chart(b, first, first + (lxw_row_t)top->nrows - 2, 0, first - 1)))
        goto cleanup;
    chart = top->nrows > 1;
    if (top->nrows <= 1 &&
        (rc = put_label(b, ws, r++, 0, "No budgets and no spending in this period.", NULL)))
        goto cleanup;
    if (rep.nblocks > 1) {
        r++;
        if ((rc = put_label(b, ws, r++, 0, "By month", b->bold)) ||
            (rc = put_label(b, ws, r, 0, "Month", b->head)))
            goto cleanup;
        for (int c = 0; c < 6; c++)
            if ((rc = put_label(b, ws, r, (lxw_col_t)c + 1, budget_headers[c], b->head)))
                goto cleanup;
        r++;
        for (int k = 0; k < rep.nblocks; k++) {
            const struct budget_block *blk = &rep.blocks[k];
            for (int i = 0; i < blk->nrows; i++) {
                if ((rc = put_label(b, ws, r, 0, blk->month, NULL)) ||
                    (rc = budget_row(b, ws, r, 1, &blk->rows[i], rep.digits)))
                    goto cleanup;
                r++;
            }
        }
    }
    /* the chart is 480 x 288 pixels from column H of the table's header row: 8 columns of
     * 64 pixels and 15 rows of 20 */
    if (chart && r < table_head + 15)
        r = table_head + 15;
    print_setup(b, ws, (long)table_head, r, chart ? 14 : 6);
cleanup:
    budget_report_release(&rep);
    return rc;
}

static const char *const ride_headers[] = {
    "Route",         "Rides",       "Eligible",      "Paid",        "Driver received",
    "Platform kept", "Direct cost", "Rider savings", "Driver gain", "Expected savings"};

/* One route's row (or the TOTAL row's figures as plain numbers) at row R. */
static int ride_row(struct book *b, lxw_worksheet *ws, lxw_row_t r, const struct ride_route *x,
                    lxw_format *label, lxw_format *money, lxw_format *count)
{
    const int64_t v[] = {x->paid,          x->driver_received, x->platform_kept,   x->direct_cost,
                         x->rider_savings, x->driver_gain,     x->expected_savings};
    int rc;
    if ((rc = put_text(b, ws, r, 0, x->label, label, 0)) ||
        (rc = put_num(b, ws, r, 1, (double)x->rides, count)) ||
        (rc = put_num(b, ws, r, 2, (double)x->eligible, count)))
        return rc;
    for (int i = 0; i < 7; i++)
        if ((rc = put_num(b, ws, r, (lxw_col_t)(3 + i), cell_money(v[i], b->base_digits), money)))
            return rc;
    return 0;
}

/*
 * The Rides sheet: the ride model per route (report_rides()) with the default options, a
 * TOTAL row of SUM formulas over the routes carrying the model's totals, and a column chart
 * of what was paid against the direct cost per route.
 */
static int write_rides(struct book *b)
{
    lxw_worksheet *ws = b->rides;
    struct ride_result res = RIDE_RESULT_INIT;
    struct ride_params rp;
    lxw_row_t r, first, table_head;
    int rc, route_w = 16;

    if ((rc = default_ride_params(b, &rp)) || report_rides(b->db, b->p, &rp, &res, b->err))
        return CS_EFAIL;
    for (size_t i = 0; i < res.nroutes; i++) { /* route names are not cut */
        int w = 2;
        for (const char *c = res.routes[i].label; c && *c && w < 160; c++)
            w += ((unsigned char)*c & 0xC0) != 0x80;
        if (w > route_w)
            route_w = w;
    }
    worksheet_set_column(ws, 0, 0, route_w, NULL);
    worksheet_set_column(ws, 1, 2, 9, NULL);
    worksheet_set_column(ws, 3, 9, 16, NULL);
    if ((rc = sheet_head(b, ws, "Rides: paying the driver directly", b->p->label, &rp, &r)))
        goto cleanup;
    for (int c = 0; c < 10; c++)
        if ((rc = put_label(b, ws, r, (lxw_col_t)c, ride_headers[c], b->head)))
            goto cleanup;
    table_head = r;
    first = ++r;
    for (size_t i = 0; i < res.nroutes; i++)
        if ((rc = ride_row(b, ws, r++, &res.routes[i], NULL, b->base_fmt, b->whole)))
            goto cleanup;
    if (res.nroutes == 0) {
        rc = ride_row(b, ws, r, &res.total, b->total_label, b->base_total, b->whole);
        if (!rc)
            rc = put_label(b, ws, r + 2, 0, "No platform rides (lyft, uber) in this period.", NULL);
        print_setup(b, ws, (long)table_head, r + 2, 9);
        goto cleanup;
    }
    {
        const int64_t v[] = {
            res.total.rides,           res.total.eligible,      res.total.paid,
            res.total.driver_received, res.total.platform_kept, res.total.direct_cost,
            res.total.rider_savings,   res.total.driver_gain,   res.total.expected_savings};
        lxw_chart *ch;
        lxw_chart_series *s;
        lxw_error err;
        if ((rc = put_label(b, ws, r, 0, "TOTAL", b->total_label)))
            goto cleanup;
        for (int c = 1; c < 10; c++) {
            char f[64], col = (char)('A' + c);
            snprintf(f, sizeof f, "=SUM(%c%u:%c%u)", col, (unsigned)first + 1, col, (unsigned)r);
            if ((rc = put_formula(b, ws, r, (lxw_col_t)c, f, c < 3 ? b->whole : b->base_total,
                                  c < 3 ? (double)v[c - 1] : cell_money(v[c - 1], b->base_digits))))
                goto cleanup;
        }
        /* a bar chart: the routes are its categories, down the side, where their names
         * have room, and the chart grows with them so its labels stay inside it */
        ch = workbook_add_chart(b->wb, LXW_CHART_BAR);
        if (!ch) {
            rc = lxw_fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "cannot add a chart");
            goto cleanup;
        }
        chart_title_set_name(ch, "Paid against direct cost per route");
        s = chart_add_series(ch, NULL, NULL);
        chart_series_set_name(s, "Paid");
        chart_series_set_categories(s, "Rides", first, 0, r - 1, 0);
        chart_series_set_values(s, "Rides", first, 3, r - 1, 3);
        s = chart_add_series(ch, NULL, NULL);
        chart_series_set_name(s, "Direct cost");
        chart_series_set_categories(s, "Rides", first, 0, r - 1, 0);
        chart_series_set_values(s, "Rides", first, 6, r - 1, 6);
        /* in a bar chart the x axis is the values' (across), the y axis the routes' */
        chart_axis_set_name(ch->x_axis, b->base);
        chart_axis_set_reverse(ch->y_axis); /* the first route on top, as in the table */
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        {
            /* 480 x 288 pixels by default: as wide as the table's first columns, and 36
             * pixels a route (two bars) plus the title, axis and legend */
            double h = 150.0 + 36.0 * (double)res.nroutes, w = 900.0;
            lxw_chart_options co = {.x_scale = w / 480.0, .y_scale = h / 288.0};
            lxw_row_t rows = (lxw_row_t)(h / 20.0) + 2;
            if ((err = worksheet_insert_chart_opt(ws, r + 2, 0, ch, &co)))
                rc = lxw_fail(b, err, "cannot add a chart");
            print_setup(b, ws, (long)table_head, r + 2 + rows, 9);
        }
    }
cleanup:
    ridemodel_release(&res);
    return rc;
}

/* The formats every sheet uses. */
static void add_formats(struct book *b)
{
    char nf[48];
    b->title = new_format(b, NULL, 1);
    format_set_font_size(b->title, 14);
    b->bold = new_format(b, NULL, 1);
    b->head = new_format(b, NULL, 1);
    format_set_bottom(b->head, LXW_BORDER_THIN);
    b->head_num = new_format(b, NULL, 1); /* over right-aligned figures */
    format_set_bottom(b->head_num, LXW_BORDER_THIN);
    format_set_align(b->head_num, LXW_ALIGN_RIGHT);
    b->total_label = new_format(b, NULL, 1);
    format_set_top(b->total_label, LXW_BORDER_THIN);
    b->whole_total = new_format(b, "0", 1);
    format_set_top(b->whole_total, LXW_BORDER_THIN);
    b->date = new_format(b, "yyyy-mm-dd", 0);
    b->stamp = new_format(b, "yyyy-mm-dd hh:mm:ss", 0);
    format_set_align(b->stamp, LXW_ALIGN_LEFT);
    b->pct = new_format(b, "0.0%", 0);
    b->whole = new_format(b, "0", 0);
    money_num_format(b->base, b->base_digits, nf, sizeof nf);
    b->base_fmt = new_format(b, nf, 0);
    b->base_total = new_format(b, nf, 1);
    format_set_top(b->base_total, LXW_BORDER_THIN);
    b->rate = new_format(b, "0.0000######", 0); /* the rate's digits, 4 at least */
    b->line = new_format(b, NULL, 0);           /* a line to sign or date on */
    b->wrap = new_format(b, NULL, 0);           /* text wider than its column */
    format_set_text_wrap(b->wrap);
    format_set_bottom(b->line, LXW_BORDER_THIN);
}

/*
 * Before workbook_close(): write out each sheet's last row (which libxlsxwriter would write
 * in workbook_close()) and flush its rows' temporary file, checking for errors, which
 * libxlsxwriter does not. SIZES gets the bytes of rows each sheet holds, for
 * verify_workbook().
 */
static int flush_sheets(struct book *b, long sizes[NSHEETS_MAX])
{
    lxw_worksheet *const *sheets = b->sheets;
    for (int i = 0; i < b->nsheets; i++) {
        FILE *f = sheets[i]->optimize_tmpfile;
        sizes[i] = -1;
        if (!f)
            continue;
        if (sheets[i]->optimize_row)
            lxw_worksheet_write_single_row(sheets[i]);
        errno = 0;
        if (fflush(f) != 0 || ferror(f) || (sizes[i] = ftell(f)) < 0)
            return cs_error(b->err, CS_EFAIL, "export", b->path,
                            "cannot write the temporary data: %s", strerror(errno ? errno : EIO));
    }
    return 0;
}

__attribute__((visibility("default"))) int
confspend_xlsx_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                      int reimbursable_only, struct cs_err *e);
int confspend_xlsx_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                          int reimbursable_only, struct cs_err *e)
{
    struct book b = {0};
    struct outfile of = OUTFILE_INIT;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_doc_properties props = {0};
    lxw_error err;
    long sizes[NSHEETS_MAX];
    char paper[8];
    int rc = 0, quiet, analysis;

    b.db = db;
    b.today = today;
    b.err = e;
    b.path = path;
    b.p = p;
    b.reimbursable_only = reimbursable_only;
    b.last = -1;
    b.now = time(NULL);
    /* the Budget and Rides sheets cover personal expenses too: not in a reimbursable-only
     * (or claim) workbook at all */
    analysis = !reimbursable_only && !p->claim_id;
    if (packet_head_load(db, p, &b.ph, e) || packet_paper(db, paper, e)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    memcpy(b.base, b.ph.base, sizeof b.base);
    b.base_digits = money_digits(b.base);
    b.paper = !strcmp(paper, "letter") ? 1 : 9;
    if ((rc = outfile_open(&of, path, db_file_mode(db), "export", e)))
        goto cleanup;
    /* libxlsxwriter's own temporary files go in a folder named after ours, beside the
     * target: a killed export leaves only PATH.tmp-* behind, never a stray tmpXXXXXX (the
     * library unlinks each of its files as soon as it has opened it, so an interrupt finds
     * the folder empty and removes it too). The library writes both by name: of.path and
     * of.scratch reach them through the folder outfile opened. The receipts' images are
     * written there too, and removed once the zip holds them. */
    if ((rc = outfile_scratch(&of, e)))
        goto cleanup;
    opt.tmpdir = of.scratch;
    b.scratch = of.scratch;
    quiet = stderr_quiet_begin();
    b.wb = workbook_new_opt(of.path, &opt);
    if (b.wb) {
        b.sheets[b.nsheets++] = b.summary = workbook_add_worksheet(b.wb, "Summary");
        b.sheets[b.nsheets++] = b.expenses = workbook_add_worksheet(b.wb, "Expenses");
        b.sheets[b.nsheets++] = b.receipts = workbook_add_worksheet(b.wb, "Receipts");
        if (analysis) {
            b.sheets[b.nsheets++] = b.budget = workbook_add_worksheet(b.wb, "Budget");
            b.sheets[b.nsheets++] = b.rides = workbook_add_worksheet(b.wb, "Rides");
        }
    }
    stderr_quiet_end(quiet);
    if (!b.wb || !b.summary || !b.expenses || !b.receipts ||
        (analysis && (!b.budget || !b.rides))) {
        rc = cs_error(e, CS_EFAIL, "export", path, "cannot add the worksheets (temporary files)");
        goto cleanup;
    }
    add_formats(&b);
    /* one read transaction: every sheet sees the same expenses */
    if (sqlite3_get_autocommit(db)) {
        if (db_exec(db, "BEGIN", e)) {
            rc = CS_EFAIL;
            goto cleanup;
        }
        b.in_txn = 1;
    }
    if ((rc = receipts_load(&b)) || (rc = findings_load(&b)) || (rc = write_expenses(&b)) ||
        (rc = write_summary(&b)) || (rc = write_receipts(&b)) ||
        (analysis && ((rc = write_budget(&b)) || (rc = write_rides(&b)))))
        goto cleanup;
    if (b.in_txn) {
        db_rollback(db); /* nothing was written; ends the read */
        b.in_txn = 0;
    }
    props.title = "Expense report";
    props.author = b.ph.owner;
    props.created = b.now;
    if ((err = workbook_set_properties(b.wb, &props))) {
        rc = lxw_fail(&b, err, "cannot set the document properties");
        goto cleanup;
    }
    if ((rc = flush_sheets(&b, sizes)))
        goto cleanup;
    quiet = stderr_quiet_begin();
    zlevel_set(ZLEVEL_WORKBOOK); /* packing the zip is most of the time: see zlevel.c */
    err = workbook_close(b.wb);
    zlevel_set(-2);
    stderr_quiet_end(quiet);
    b.wb = NULL;
    receipts_unlink(&b);
    if (err) {
        rc = lxw_fail(&b, err, "cannot write the workbook");
        goto cleanup;
    }
    if ((rc = verify_workbook(&b, of.fd, sizes)))
        goto cleanup;
    rc = outfile_commit(&of, e);
cleanup:
    if (b.in_txn)
        db_rollback(db);
    if (b.wb)
        lxw_workbook_free(b.wb);
    receipts_unlink(&b);
    outfile_abort(&of);
    receipts_release(&b);
    findings_release(&b);
    packet_head_release(&b.ph);
    free(b.curs);
    return rc == CS_EINPUT ? CS_EINPUT : rc ? CS_EFAIL : 0;
}
