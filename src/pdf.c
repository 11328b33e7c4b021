/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf.c - the claim packet of SPEC.md "Export" (`export pdf`): the report (header block,
 * totals per category, the expenses' table, signature lines), then the receipts
 * (pdf_receipt.c). Drawn with cairo's PDF surface and pango, in the module
 * confspend-pdf.so, the only code that includes their headers.
 *
 * The report is laid out by one function (report_flow()) that both measures and draws:
 * run without drawing it says how many pages the report takes and so on which page each
 * receipt will be (the table's Receipt cells say so, which can change the rows' heights,
 * so it runs until the count holds); run drawing it puts the very same boxes on the
 * pages. Money stays in int64 minor units and is written by money.c. */
#define _GNU_SOURCE /* memmem */
#include "confspend/pdf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/outfile.h"
#include "confspend/rate.h"
#include "confspend/receipt.h"

#include "pdf_packet.h"

/* The expenses' table: its columns, their share of the width, and which are figures. */
enum { C_ID, C_DATE, C_CATEGORY, C_MERCHANT, C_DESC, C_AMOUNT, C_CUR, C_BASE, C_RECEIPT, C_N };
static const char *const col_head[C_N] = {
    "ID",          "Date",   "Category", "Merchant",
    "Description", "Amount", "Currency", "Amount in base currency",
    "Receipt"};
/* fixed widths in points (the figures, dates and codes), and the rest of the width shared
 * by the texts */
static const double col_fixed[C_N] = {24, 54, 46, 0, 0, 50, 46, 54, 0};
static const double col_share[C_N] = {0, 0, 0, 0.27, 0.33, 0, 0, 0, 0.4};
static const int col_right[C_N] = {0, 0, 0, 0, 0, 1, 0, 1, 0};
#define CELL_PAD 2.5
#define CELL_LINES 40 /* a cell holds at most this many lines (ends in "…"): a row fits a page */

double pk_text(struct packet *k, const char *text, PangoFontDescription *font, double x, double y,
               double width, int align, int maxlines, int draw)
{
    PangoLayout *l;
    int w, h;
    if (!text || !*text)
        return 0;
    l = pango_cairo_create_layout(k->cr);
    /* sizes are points, and a point is the page's unit (pango's default is 96 dpi) */
    pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);
    pango_layout_context_changed(l);
    pango_layout_set_font_description(l, font);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l, align == 1   ? PANGO_ALIGN_RIGHT
                                      : align == 2 ? PANGO_ALIGN_CENTER
                                                   : PANGO_ALIGN_LEFT);
    }
    if (maxlines > 0) {
        pango_layout_set_height(l, -maxlines);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    pango_layout_set_text(l, text, -1);
    pango_layout_get_size(l, &w, &h);
    if (draw) {
        cairo_move_to(k->cr, x, y);
        pango_cairo_show_layout(k->cr, l);
    }
    g_object_unref(l);
    return (double)h / PANGO_SCALE;
}

void pk_footer(struct packet *k, long n)
{
    char s[64];
    snprintf(s, sizeof s, "Page %ld of %ld", n, k->pages);
    cairo_set_source_rgb(k->cr, 0.3, 0.3, 0.3);
    pk_text(k, s, k->f_small, PK_MARGIN, k->ph - PK_BOTTOM + 22, k->pw - 2 * PK_MARGIN, 2, 1, 1);
    cairo_set_source_rgb(k->cr, 0, 0, 0);
}

/* A copy of S shown safe (text_show()), or NULL for NULL or empty. */
static char *shown(const char *s)
{
    return s && *s ? text_show(s) : NULL;
}

/* "1,234.50 USD" of V minor units of CUR into BUF. */
static void money_cur(int64_t v, const char *cur, char *buf, size_t n)
{
    char m[48];
    int d = money_digits(cur);
    money_format_grouped(v, d < 0 ? 2 : d, m, sizeof m);
    snprintf(buf, n, "%s %s", m, cur);
}

/* ---- the expenses and their receipts ---- */

struct loader {
    struct packet *k;
    struct rate_conv *conv;
    size_t cap;
    struct money_sum total[CS_NCATEGORIES], reimb[CS_NCATEGORIES], sum, sum_reimb;
};

static int load_row(const struct expense *x, void *arg)
{
    struct loader *ld = arg;
    struct packet *k = ld->k;
    struct pk_row *r;
    char amount[64];
    const char *merchant;
    char *desc;
    int ci;
    if (k->nrows == ld->cap) {
        ld->cap = ld->cap ? ld->cap * 2 : 64;
        k->rows = xrealloc(k->rows, sizeof *k->rows * ld->cap);
    }
    r = &k->rows[k->nrows];
    memset(r, 0, sizeof *r);
    r->id = x->id;
    r->amount = x->amount;
    r->reimb = x->reimbursable;
    r->digits = money_digits(x->currency); /* known: expense_each checked the row */
    snprintf(r->date, sizeof r->date, "%s", x->date);
    snprintf(r->currency, sizeof r->currency, "%s", x->currency);
    packet_category(x->category, r->category, sizeof r->category);
    if (rate_conv_expense(ld->conv, x->currency, x->date, x->amount,
                          x->base_currency[0] ? x->base_currency : NULL, x->base_amount, &r->conv,
                          NULL, k->e))
        return CS_EFAIL;
    if (k->p->claim_id) {
        /* a claim's packet: an amount its submission fixed that a later rate would change,
         * converted as if the card had charged it (as in the workbook) */
        int64_t fixed = 0;
        char fcur[4];
        int has = claim_fixed_amount(k->db, k->p->claim_id, x->id, &fixed, fcur, k->e);
        if (has < 0 || (has && fixed != r->conv &&
                        rate_conv_expense(ld->conv, x->currency, x->date, x->amount, fcur, fixed,
                                          &r->conv, NULL, k->e)))
            return CS_EFAIL;
    }
    merchant = packet_merchant(x->category, x->merchant, x->provider);
    r->merchant = shown(merchant);
    desc = packet_description(x->category, x->note, x->from, x->to);
    r->desc = shown(desc);
    free(desc);
    money_cur(x->amount, x->currency, amount, sizeof amount);
    {
        const char *m = r->merchant ? r->merchant : r->category;
        size_t n = strlen(m) + strlen(amount) + 64;
        r->caption = xmalloc(n);
        snprintf(r->caption, n, "expense %lld, %s, %s, %s", (long long)x->id, x->date, m, amount);
    }
    k->nrows++;
    ci = category_index(x->category);
    k->count[ci]++;
    money_sum_add(&ld->total[ci], r->conv);
    money_sum_add(&ld->sum, r->conv);
    if (r->reimb) {
        money_sum_add(&ld->reimb[ci], r->conv);
        money_sum_add(&ld->sum_reimb, r->conv);
    }
    return 0;
}

/* An expense id and where its row is, to find a receipt's expense. */
struct id_at {
    int64_t id;
    size_t row;
};

static int by_id(const void *a, const void *b)
{
    const struct id_at *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int by_row(const void *a, const void *b)
{
    const struct pk_receipt *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

struct rc_walk {
    struct packet *k;
    struct id_at *ids;
    size_t cap;
};

static int load_receipt(const struct receipt_info *ri, void *arg)
{
    struct rc_walk *w = arg;
    struct packet *k = w->k;
    struct id_at key = {ri->expense_id, 0}, *at;
    struct pk_receipt *r;
    if (!k->nrows || !(at = bsearch(&key, w->ids, k->nrows, sizeof *w->ids, by_id)))
        return 0; /* not a selected expense's */
    if (k->nrc == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 32;
        k->rc = xrealloc(k->rc, sizeof *k->rc * w->cap);
    }
    r = &k->rc[k->nrc++];
    memset(r, 0, sizeof *r);
    r->id = ri->id;
    r->expense_id = ri->expense_id;
    r->data_id = ri->data_id;
    r->bytes = ri->bytes;
    r->type = !strcmp(ri->type, "jpeg")  ? RECEIPT_JPEG
              : !strcmp(ri->type, "png") ? RECEIPT_PNG
              : !strcmp(ri->type, "pdf") ? RECEIPT_PDF
                                         : RECEIPT_UNKNOWN;
    snprintf(r->sha256, sizeof r->sha256, "%s", ri->sha256);
    r->name = xstrdup(ri->name ? ri->name : "");
    r->row = at->row;
    return 0;
}

/* The selected expenses by date and id, their sums, then their receipts in that order. */
static int load(struct packet *k)
{
    struct expense_filter f;
    struct loader ld;
    struct rc_walk w = {k, NULL, 0};
    int rc;
    memset(&ld, 0, sizeof ld);
    ld.k = k;
    ld.conv = rate_conv_new(k->db, k->head.base);
    period_filter(k->p, &f);
    f.reimbursable_only = k->reimbursable_only;
    rc = expense_each(k->db, &f, load_row, &ld, k->e);
    rate_conv_free(ld.conv);
    if (rc)
        return CS_EFAIL;
    for (int ci = 0; ci < CS_NCATEGORIES; ci++)
        if (money_sum_get(ld.total[ci], &k->total[ci]) ||
            money_sum_get(ld.reimb[ci], &k->reimb[ci]))
            return cs_error(k->e, CS_EFAIL, "export", k->path,
                            "the %s total does not fit in 64-bit minor units (amounts too large)",
                            cs_categories[ci]);
    if (money_sum_get(ld.sum, &k->sum) || money_sum_get(ld.sum_reimb, &k->sum_reimb))
        return cs_error(k->e, CS_EFAIL, "export", k->path,
                        "the amounts add up to more than a total can hold");
    w.ids = xmalloc(sizeof *w.ids * (k->nrows ? k->nrows : 1));
    for (size_t i = 0; i < k->nrows; i++)
        w.ids[i] = (struct id_at){k->rows[i].id, i};
    qsort(w.ids, k->nrows, sizeof *w.ids, by_id);
    rc = receipt_each(k->db, 0, load_receipt, &w, k->e);
    free(w.ids);
    if (rc)
        return CS_EFAIL;
    if (k->nrc)
        qsort(k->rc, k->nrc, sizeof *k->rc, by_row);
    for (size_t i = 0; i < k->nrc; i++) {
        struct pk_row *r = &k->rows[k->rc[i].row];
        if (!r->nreceipts++)
            r->first_receipt = i;
    }
    return 0;
}

/* Number the receipts' pages from the report's last page on, and write each row's
 * Receipt cell: "NAME (p. N)", "NAME (pp. N-M)", one a line (joined by ";\n"). */
static void number_receipts(struct packet *k)
{
    long page = k->report_pages;
    for (size_t i = 0; i < k->nrc; i++) {
        k->rc[i].first_page = page + 1;
        page += k->rc[i].pages;
    }
    k->pages = page;
    for (size_t i = 0; i < k->nrows; i++) {
        struct pk_row *r = &k->rows[i];
        size_t n = 1;
        char **parts;
        free(r->receipt);
        r->receipt = NULL;
        if (!r->nreceipts)
            continue;
        parts = xmalloc(sizeof *parts * r->nreceipts);
        for (size_t j = 0; j < r->nreceipts; j++) {
            const struct pk_receipt *c = &k->rc[r->first_receipt + j];
            char *name = text_show(c->name), where[64];
            size_t m;
            if (c->pages > 1)
                snprintf(where, sizeof where, "pp. %ld\u2013%ld", c->first_page,
                         c->first_page + c->pages - 1);
            else
                snprintf(where, sizeof where, "p. %ld", c->first_page);
            m = strlen(name) + strlen(where) + 4;
            parts[j] = xmalloc(m);
            snprintf(parts[j], m, "%s (%s)", name, where);
            free(name);
            n += strlen(parts[j]) + 2;
        }
        r->receipt = xmalloc(n);
        r->receipt[0] = 0;
        for (size_t j = 0; j < r->nreceipts; j++) {
            if (j)
                strcat(r->receipt, ";\n"); /* one a line */
            strcat(r->receipt, parts[j]);
            free(parts[j]);
        }
        free(parts);
    }
}

/* ---- the report's layout ---- */

/* Where the layout is: the page being filled and the height used on it. */
struct flow {
    struct packet *k;
    int draw;
    long page;
    double y;
};

static double content_width(const struct packet *k)
{
    return k->pw - 2 * PK_MARGIN;
}

static double page_end(const struct packet *k)
{
    return k->ph - PK_BOTTOM;
}

/* End the page (its footer, when drawing) and start the next. */
static void next_page(struct flow *f)
{
    if (f->draw) {
        pk_footer(f->k, f->page);
        cairo_show_page(f->k->cr);
    }
    f->page++;
    f->y = PK_TOP;
}

/* One line of the header block: LABEL in bold, VALUE (shown as it is) beside it. */
static void head_line(struct flow *f, const char *label, const char *value)
{
    struct packet *k = f->k;
    double lw = 118, h, hv;
    if (!value || !*value)
        return;
    h = pk_text(k, label, k->f_bold, PK_MARGIN, f->y, lw - 6, 0, 0, 0);
    hv = pk_text(k, value, k->f_text, PK_MARGIN + lw, f->y, content_width(k) - lw, 0, 12, 0);
    if (hv > h)
        h = hv;
    if (f->y + h > page_end(k))
        next_page(f);
    pk_text(k, label, k->f_bold, PK_MARGIN, f->y, lw - 6, 0, 0, f->draw);
    pk_text(k, value, k->f_text, PK_MARGIN + lw, f->y, content_width(k) - lw, 0, 12, f->draw);
    f->y += h + 2;
}

/* The header block: who, which trip or period, which claim, the base currency. */
static void header_block(struct flow *f)
{
    struct packet *k = f->k;
    const struct packet_head *h = &k->head;
    char buf[256], *s;
    f->y +=
        pk_text(k, "Expense report", k->f_title, PK_MARGIN, f->y, content_width(k), 0, 0, f->draw) +
        8;
    s = shown(h->owner);
    head_line(f, "Owner", s ? s : "(not set: confspend config set owner NAME)");
    free(s);
    s = shown(h->department);
    head_line(f, "Department", s);
    free(s);
    head_line(f, "Period", h->label);
    if (h->trip.id) {
        char *name = shown(h->trip.name), *slug = shown(h->trip.slug);
        snprintf(buf, sizeof buf, "%s (%s)", name ? name : "", slug ? slug : "");
        head_line(f, "Trip", buf);
        free(name);
        free(slug);
        s = shown(h->trip.city);
        head_line(f, "City", s);
        free(s);
        if (*h->trip.start) {
            snprintf(buf, sizeof buf, "%s to %s", h->trip.start, h->trip.end);
            head_line(f, "Dates", buf);
        }
        s = shown(h->trip.purpose);
        head_line(f, "Purpose", s);
        free(s);
    }
    if (h->claim.id) {
        char *title = shown(h->claim.title);
        if (title)
            snprintf(buf, sizeof buf, "%lld: %s", (long long)h->claim.id, title);
        else
            snprintf(buf, sizeof buf, "%lld", (long long)h->claim.id);
        free(title);
        head_line(f, "Claim", buf);
        head_line(f, "Status", h->claim.status);
        money_cur(h->claim.claimed, h->claim.currency, buf, sizeof buf);
        head_line(f, "Claimed", buf);
        money_cur(h->claim.paid, h->claim.currency, buf, sizeof buf);
        head_line(f, "Paid", buf);
        money_cur(h->due, h->claim.currency, buf, sizeof buf);
        head_line(f, "Due", buf);
    }
    head_line(f, "Base currency", h->base);
    head_line(f, "Expenses",
              k->reimbursable_only ? "reimbursable only" : "reimbursable and personal");
    head_line(f, "Made", k->made);
}

/* A table row of N cells at the columns X (N+1 edges), right-aligned where RIGHT says;
 * its height, and drawn when the flow draws. A HEAD row has a grey ground. */
static double table_row(struct flow *f, int n, const double *x, const int *right,
                        const char *const *cells, PangoFontDescription *font, int head, int draw)
{
    struct packet *k = f->k;
    double h = 0;
    for (int c = 0; c < n; c++) {
        double ch = pk_text(k, cells[c], font, x[c] + CELL_PAD, f->y + CELL_PAD,
                            x[c + 1] - x[c] - 2 * CELL_PAD, right[c], CELL_LINES, 0);
        if (ch > h)
            h = ch;
    }
    h += 2 * CELL_PAD;
    if (!draw)
        return h;
    if (head) {
        cairo_set_source_rgb(k->cr, 0.88, 0.88, 0.88);
        cairo_rectangle(k->cr, x[0], f->y, x[n] - x[0], h);
        cairo_fill(k->cr);
        cairo_set_source_rgb(k->cr, 0, 0, 0);
    }
    for (int c = 0; c < n; c++)
        pk_text(k, cells[c], font, x[c] + CELL_PAD, f->y + CELL_PAD, x[c + 1] - x[c] - 2 * CELL_PAD,
                right[c], CELL_LINES, 1);
    cairo_set_source_rgb(k->cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(k->cr, 0.5);
    cairo_move_to(k->cr, x[0], f->y + h);
    cairo_line_to(k->cr, x[n], f->y + h);
    cairo_stroke(k->cr);
    cairo_set_source_rgb(k->cr, 0, 0, 0);
    return h;
}

/* The totals per category in the base currency, and the grand total. */
static void totals(struct flow *f)
{
    struct packet *k = f->k;
    static const int right[4] = {0, 1, 1, 1};
    double x[5];
    char head[64], cnt[24], tot[48], rei[48];
    const char *cells[4];
    int d = k->head.base_digits;
    x[0] = PK_MARGIN;
    x[1] = x[0] + 130;
    x[2] = x[1] + 70;
    x[3] = x[2] + 110;
    x[4] = x[3] + 110;
    snprintf(head, sizeof head, "Totals per category (%s)", k->head.base);
    f->y += 10;
    if (f->y + 60 > page_end(k))
        next_page(f);
    f->y += pk_text(k, head, k->f_bold, PK_MARGIN, f->y, content_width(k), 0, 0, f->draw) + 4;
    cells[0] = "Category";
    cells[1] = "Count";
    cells[2] = "Total";
    cells[3] = "Reimbursable";
    f->y += table_row(f, 4, x, right, cells, k->f_cell_bold, 1, f->draw);
    for (int pass = 0; pass <= CS_NCATEGORIES; pass++) {
        int64_t t, r;
        long c;
        char cat[16];
        double h;
        PangoFontDescription *font;
        if (pass < CS_NCATEGORIES) {
            if (!k->count[pass])
                continue;
            packet_category(cs_categories[pass], cat, sizeof cat);
            c = k->count[pass];
            t = k->total[pass];
            r = k->reimb[pass];
        } else {
            snprintf(cat, sizeof cat, "Total");
            c = (long)k->nrows;
            t = k->sum;
            r = k->sum_reimb;
        }
        snprintf(cnt, sizeof cnt, "%ld", c);
        money_format_grouped(t, d, tot, sizeof tot);
        money_format_grouped(r, d, rei, sizeof rei);
        cells[0] = cat;
        cells[1] = cnt;
        cells[2] = tot;
        cells[3] = rei;
        font = pass == CS_NCATEGORIES ? k->f_cell_bold : k->f_cell;
        h = table_row(f, 4, x, right, cells, font, 0, 0);
        if (f->y + h > page_end(k))
            next_page(f);
        if (pass == CS_NCATEGORIES && f->draw) {
            cairo_set_line_width(k->cr, 0.8);
            cairo_move_to(k->cr, x[0], f->y);
            cairo_line_to(k->cr, x[4], f->y);
            cairo_stroke(k->cr);
        }
        f->y += table_row(f, 4, x, right, cells, font, 0, f->draw);
    }
}

/* The columns' edges of the expenses' table. */
static void expense_columns(const struct packet *k, double x[C_N + 1])
{
    double rest = content_width(k);
    for (int c = 0; c < C_N; c++)
        rest -= col_fixed[c];
    x[0] = PK_MARGIN;
    for (int c = 0; c < C_N; c++)
        x[c + 1] = x[c] + col_fixed[c] + col_share[c] * rest;
    x[C_N] = PK_MARGIN + content_width(k);
}

/* The expenses' table: its header on every page it reaches, a row never cut across
 * pages (a row taller than what is left of the page starts the next one). */
static void expenses(struct flow *f)
{
    struct packet *k = f->k;
    double x[C_N + 1], hh;
    char amount[48], base[48], id[24];
    const char *cells[C_N];
    expense_columns(k, x);
    f->y += 12;
    hh = table_row(f, C_N, x, col_right, col_head, k->f_cell_bold, 1, 0);
    if (f->y + 20 + hh + 20 > page_end(k))
        next_page(f);
    f->y += pk_text(k, "Expenses", k->f_bold, PK_MARGIN, f->y, content_width(k), 0, 0, f->draw) + 4;
    if (!k->nrows) {
        f->y += pk_text(k, "No expenses in this selection.", k->f_text, PK_MARGIN, f->y,
                        content_width(k), 0, 0, f->draw) +
                4;
        return;
    }
    f->y += table_row(f, C_N, x, col_right, col_head, k->f_cell_bold, 1, f->draw);
    for (size_t i = 0; i < k->nrows; i++) {
        const struct pk_row *r = &k->rows[i];
        double h;
        snprintf(id, sizeof id, "%lld", (long long)r->id);
        money_format_grouped(r->amount, r->digits, amount, sizeof amount);
        money_format_grouped(r->conv, k->head.base_digits, base, sizeof base);
        cells[C_ID] = id;
        cells[C_DATE] = r->date;
        cells[C_CATEGORY] = r->category;
        cells[C_MERCHANT] = r->merchant;
        cells[C_DESC] = r->desc;
        cells[C_AMOUNT] = amount;
        cells[C_CUR] = r->currency;
        cells[C_BASE] = base;
        cells[C_RECEIPT] = r->receipt;
        h = table_row(f, C_N, x, col_right, cells, k->f_cell, 0, 0);
        if (f->y + h > page_end(k)) {
            next_page(f);
            f->y += table_row(f, C_N, x, col_right, col_head, k->f_cell_bold, 1, f->draw);
        }
        f->y += table_row(f, C_N, x, col_right, cells, k->f_cell, 0, f->draw);
    }
}

/* The signature lines, `Employee signature` and `Approved by`, each with a date line. */
static void signatures(struct flow *f)
{
    struct packet *k = f->k;
    static const char *const who[2] = {"Employee signature", "Approved by"};
    double w = content_width(k), sig = w * 0.6;
    if (f->y + 24 + 2 * 52 > page_end(k))
        next_page(f);
    f->y += 24;
    for (int i = 0; i < 2; i++) {
        f->y += 30;
        if (f->draw) {
            cairo_set_line_width(k->cr, 0.8);
            cairo_move_to(k->cr, PK_MARGIN, f->y);
            cairo_line_to(k->cr, PK_MARGIN + sig, f->y);
            cairo_move_to(k->cr, PK_MARGIN + sig + 24, f->y);
            cairo_line_to(k->cr, PK_MARGIN + w, f->y);
            cairo_stroke(k->cr);
        }
        pk_text(k, who[i], k->f_small, PK_MARGIN, f->y + 3, sig, 0, 0, f->draw);
        pk_text(k, "Date", k->f_small, PK_MARGIN + sig + 24, f->y + 3, w - sig - 24, 0, 0, f->draw);
        f->y += 22;
    }
}

/* Lay the report out from page 1: measured only (DRAW 0), or drawn. Returns how many
 * pages it takes; the last page is ended (drawn: its footer, then the next page). */
static long report_flow(struct packet *k, int draw)
{
    struct flow f = {k, draw, 1, PK_TOP};
    header_block(&f);
    totals(&f);
    expenses(&f);
    signatures(&f);
    if (draw) {
        pk_footer(k, f.page);
        cairo_show_page(k->cr);
    }
    return f.page;
}

/* ---- the file ---- */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int n)
{
    FILE *fp = closure;
    return fwrite(data, 1, n, fp) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void packet_release(struct packet *k)
{
    for (size_t i = 0; i < k->nrows; i++) {
        free(k->rows[i].merchant);
        free(k->rows[i].desc);
        free(k->rows[i].receipt);
        free(k->rows[i].caption);
    }
    free(k->rows);
    for (size_t i = 0; i < k->nrc; i++)
        free(k->rc[i].name);
    free(k->rc);
    packet_head_release(&k->head);
    PangoFontDescription *fonts[] = {k->f_text, k->f_bold,      k->f_title,  k->f_small,
                                     k->f_cell, k->f_cell_bold, k->f_caption};
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
        if (fonts[i])
            pango_font_description_free(fonts[i]);
}

static void make_fonts(struct packet *k)
{
    k->f_text = pango_font_description_from_string("Sans 9.5");
    k->f_bold = pango_font_description_from_string("Sans Bold 9.5");
    k->f_title = pango_font_description_from_string("Sans Bold 18");
    k->f_small = pango_font_description_from_string("Sans 7.5");
    k->f_cell = pango_font_description_from_string("Sans 8");
    k->f_cell_bold = pango_font_description_from_string("Sans Bold 8");
    k->f_caption = pango_font_description_from_string("Sans Bold 11");
}

/* The file must end as a PDF does: "%%EOF" in its last bytes (a cut-short write that
 * went unnoticed would not). */
static int check_tail(struct packet *k, int fd)
{
    char tail[32];
    off_t end = lseek(fd, 0, SEEK_END);
    ssize_t n;
    if (end < (off_t)sizeof tail)
        return cs_error(k->e, CS_EFAIL, "export", k->path, "the PDF came out empty");
    n = pread(fd, tail, sizeof tail, end - (off_t)sizeof tail);
    if (n != (ssize_t)sizeof tail || !memmem(tail, sizeof tail, "%%EOF", 5))
        return cs_error(k->e, CS_EFAIL, "export", k->path, "the PDF was not written whole");
    return 0;
}

__attribute__((visibility("default"))) int
confspend_pdf_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                     int reimbursable_only, long *pages, long *receipts, struct cs_err *e);
int confspend_pdf_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                         int reimbursable_only, long *pages, long *receipts, struct cs_err *e)
{
    struct packet k;
    struct outfile of = OUTFILE_INIT;
    cairo_surface_t *surface = NULL;
    FILE *fp;
    int rc = 0, in_txn = 0;
    time_t now = time(NULL);
    struct tm tm;

    (void)today;
    memset(&k, 0, sizeof k);
    k.db = db;
    k.e = e;
    k.path = path;
    k.p = p;
    k.reimbursable_only = reimbursable_only;
    gmtime_r(&now, &tm);
    strftime(k.made, sizeof k.made, "%Y-%m-%d %H:%M UTC", &tm);
    /* one read transaction: the report and the receipts see the same database */
    if (sqlite3_get_autocommit(db)) {
        if (db_exec(db, "BEGIN", e)) {
            rc = CS_EFAIL;
            goto cleanup;
        }
        in_txn = 1;
    }
    if (packet_head_load(db, p, &k.head, e) || packet_paper(db, k.paper, e) || load(&k)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    if (!strcmp(k.paper, "letter")) {
        k.pw = 612;
        k.ph = 792;
    } else {
        k.pw = 595.276;
        k.ph = 841.89;
    }
    if ((rc = pk_receipts_count(&k)))
        goto cleanup;
    if ((rc = outfile_open(&of, path, db_file_mode(db), "export", e)))
        goto cleanup;
    if (!(fp = outfile_stream(&of, e))) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    surface = cairo_pdf_surface_create_for_stream(write_out, fp, k.pw, k.ph);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Expense report");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "confspend");
    if (k.head.owner) {
        char *owner = text_show(k.head.owner);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, owner);
        free(owner);
    }
    k.cr = cairo_create(surface);
    make_fonts(&k);
    /* the report's page count, with the Receipt cells that count gives, until it holds */
    k.report_pages = 1;
    for (int i = 0; i < 6; i++) {
        long n;
        number_receipts(&k);
        n = report_flow(&k, 0);
        if (n == k.report_pages)
            break;
        k.report_pages = n;
    }
    number_receipts(&k);
    {
        long drawn = report_flow(&k, 1), page = drawn;
        if (drawn != k.report_pages) { /* cannot happen: the same layout measured */
            rc = cs_error(e, CS_EFAIL, "export", path, "the report's layout did not settle");
            goto cleanup;
        }
        if ((rc = pk_receipts_draw(&k, &page)))
            goto cleanup;
    }
    if (cairo_status(k.cr) != CAIRO_STATUS_SUCCESS) {
        rc = cs_error(e, CS_EFAIL, "export", path, "cannot draw the PDF: %s",
                      cairo_status_to_string(cairo_status(k.cr)));
        goto cleanup;
    }
    cairo_destroy(k.cr);
    k.cr = NULL;
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        rc = cs_error(e, CS_EFAIL, "export", path, "cannot write the PDF: %s",
                      cairo_status_to_string(cairo_surface_status(surface)));
        goto cleanup;
    }
    cairo_surface_destroy(surface);
    surface = NULL;
    if (fflush(fp) != 0 || ferror(fp)) {
        rc = cs_error(e, CS_EFAIL, "export", path, "cannot write the file: %s",
                      strerror(errno ? errno : EIO));
        goto cleanup;
    }
    if ((rc = check_tail(&k, of.fd)))
        goto cleanup;
    if (in_txn) {
        db_rollback(db); /* nothing was written; ends the read */
        in_txn = 0;
    }
    if ((rc = outfile_commit(&of, e)))
        goto cleanup;
    if (pages)
        *pages = k.pages;
    if (receipts)
        *receipts = (long)k.nrc;
cleanup:
    if (k.cr)
        cairo_destroy(k.cr);
    if (surface) {
        cairo_surface_finish(surface);
        cairo_surface_destroy(surface);
    }
    if (in_txn)
        db_rollback(db);
    outfile_abort(&of);
    packet_release(&k);
    return rc ? (rc == CS_EINPUT ? CS_EINPUT : CS_EFAIL) : 0;
}
