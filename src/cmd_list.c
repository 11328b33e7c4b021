/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_list.c - `confspend list`: the expenses of a period, as a table, csv or json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "confspend/args.h"
#include "confspend/claim.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/period.h"
#include "confspend/rate.h"

static const char help[] =
    "List expenses, oldest first.\n\n"
    "options (filters: --category, --provider, --reimbursable, --personal, --merchant,\n"
    "--search, --min, --max; they combine):\n"
    "  --trip SLUG        the trip's expenses\n"
    "  --month YYYY-MM    one month\n"
    "  --since DATE       --until DATE   a date range (inclusive)\n"
    "  --category C       one category\n"
    "  --provider P       rides of one provider\n"
    "  --reimbursable     --personal     only those that are (not) reimbursable\n"
    "  --merchant TEXT    merchants that contain TEXT (ignoring case)\n"
    "  --search TEXT      TEXT in the merchant, note, from, to, driver or recipient\n"
    "  --min AMOUNT       --max AMOUNT   amounts from / up to AMOUNT (inclusive), each in\n"
    "                     its own currency\n"
    "  --claim N          claim N's expenses\n"
    "  --unclaimed        reimbursable expenses in no claim (but a rejected one)\n"
    "  --format F         table (default), csv or json\n"
    "  --wide             the table with every column, uncut\n\n"
    "The table fits the terminal ($COLUMNS, else the terminal's own width, else 100\n"
    "columns): one column holds the merchant or the route FROM \xe2\x86\x92 TO, and long text\n"
    "is cut with \xe2\x80\xa6; on a narrow terminal (a phone's) the note, trip and reimb\n"
    "columns are left out in turn. Its total is in the base currency (confspend rate);\n"
    "an expense with no rate to it is totalled apart.\n\n"

    "csv/json columns: id,date,category,amount,currency,merchant,note,trip,reimbursable,\n"
    "provider,from,to,driver,tip (a refund's amount is negative)\n\n"
    "example:\n"
    "  confspend list --search coffee --trip pycon-2019\n";

/* The table's columns, plain and --wide. */
enum { TBL_NCOLS = 9, WIDE_NCOLS = FULL_NCOLS - 1 };

struct total {
    char currency[4];
    struct money_sum sum; /* exact; a total past int64 is shown as "too large" */
    long count;
};

/* What list_row() reads and keeps: the output, the view, the amount bounds, and the
 * totals: in the base currency, and per currency for those with no rate. */
struct walk {
    struct output *out;
    sqlite3 *db;
    int table, wide;
    int64_t min_e3, max_e3; /* -1: no bound; in thousandths of a unit */
    char base[4];
    struct total in_base;
    struct total apart[16];
    int napart;
    struct cs_err err;
};

/* V minor units of a currency with DIGITS minor digits, in thousandths of a unit. */
static __int128 thousandths(int64_t v, int digits)
{
    __int128 t = v;
    for (int d = digits; d < 3; d++)
        t *= 10;
    for (int d = digits; d > 3; d--)
        t /= 10; /* no known currency has more than 3 digits */
    return t;
}

static void total_add(struct total *t, const char *cur, int64_t v)
{
    if (!t->count)
        memcpy(t->currency, cur, 4);
    money_sum_add(&t->sum, v);
    t->count++;
}

/* One expense: its row (the table's columns, every column with --wide, or the list
 * columns), and in the table its amount into the totals. */
static int list_row(const struct expense *x, void *arg)
{
    struct walk *w = arg;
    struct entry_cells c;
    int digits = money_digits(x->currency);
    int64_t v;
    entry_cells(x, &c);
    if (w->min_e3 >= 0 && thousandths(x->amount, digits) < w->min_e3)
        return 0;
    if (w->max_e3 >= 0 && thousandths(x->amount, digits) > w->max_e3)
        return 0;
    if (!w->table) {
        output_row(w->out, c.cells);
        return 0;
    }
    if (w->wide) {
        output_row(w->out, c.cells);
    } else {
        char *what = NULL;
        if (x->from || x->to) {
            const char *a = x->from ? x->from : "?", *b = x->to ? x->to : "?";
            size_t n = strlen(a) + strlen(b) + 8;
            what = xmalloc(n);
            snprintf(what, n, "%s \xe2\x86\x92 %s", a, b);
        }
        const char *cells[TBL_NCOLS] = {
            c.cells[0],
            c.cells[1],
            c.cells[2],
            c.cells[3],
            c.cells[4],
            what ? what : x->merchant ? x->merchant : x->recipient ? x->recipient : "",
            c.cells[6],
            c.cells[7],
            x->reimbursable ? "yes" : ""};
        output_row(w->out, cells);
        free(what);
    }
    /* into the base total through the stored rates; apart when there is none */
    if (!rate_convert(w->db, x->currency, x->date, w->base, x->amount, &v, &w->err)) {
        total_add(&w->in_base, w->base, v);
        return 0;
    }
    int i;
    for (i = 0; i < w->napart && strcmp(w->apart[i].currency, x->currency); i++)
        ;
    if (i == w->napart && w->napart < 16)
        w->apart[w->napart++] = (struct total){.sum = MONEY_SUM_INIT};
    if (i < w->napart)
        total_add(&w->apart[i], x->currency, x->amount);
    return 0;
}

/* The total row of T, labelled LABEL, into OUT (NCOLS columns), with a rule above when
 * RULE. */
static void total_row(struct output *out, int ncols, const struct total *t, const char *label,
                      int rule)
{
    char amt[48], n[48];
    const char *cells[FULL_NCOLS] = {0};
    int64_t sum;
    if (money_sum_get(t->sum, &sum))
        snprintf(amt, sizeof amt, "too large");
    else
        money_format(sum, money_digits(t->currency), amt, sizeof amt);
    snprintf(n, sizeof n, "%ld expense%s", t->count, t->count == 1 ? "" : "s");
    for (int i = 0; i < ncols; i++)
        cells[i] = "";
    cells[1] = label;
    cells[2] = n;
    cells[3] = amt;
    cells[4] = t->currency;
    output_styled_row(out, cells, NULL, rule);
}

/* The table's width: $COLUMNS when it is a number from 20 up; else, on a terminal, its
 * width (bash keeps COLUMNS to itself unless it is exported); else 100. */
static int table_width(void)
{
    const char *s = getenv("COLUMNS");
    long v = s && *s ? strtol(s, NULL, 10) : 0;
    struct winsize ws;
    if (!(s && *s) && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
        v = ws.ws_col;
    return v >= 20 && v <= 10000 ? (int)v : 100;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {
        PERIOD_OPTIONS,          {"category", OPT_VALUE},    {"format", OPT_VALUE},
        {"provider", OPT_VALUE}, {"reimbursable", OPT_FLAG}, {"personal", OPT_FLAG},
        {"merchant", OPT_VALUE}, {"search", OPT_VALUE},      {"min", OPT_VALUE},
        {"max", OPT_VALUE},      {"wide", OPT_FLAG},         {"claim", OPT_VALUE},
        {"unclaimed", OPT_FLAG}, {"db", OPT_VALUE},          {NULL}};
    const char *pos[1], *s;
    int npos, rc = 0;
    enum out_format fmt;
    struct period p;
    struct expense_filter f = {0};
    struct output out;
    struct walk w = {.min_e3 = -1, .max_e3 = -1, .in_base = {.sum = MONEY_SUM_INIT}};
    static const char *const tbl_head[TBL_NCOLS] = {
        "id", "date", "category", "amount", "cur", "merchant/route", "note", "trip", "reimb"};
    static const int tbl_align[TBL_NCOLS] = {ALIGN_RIGHT, 0, 0, ALIGN_RIGHT, 0, 0, 0, 0, 0};
    static const int tbl_fit[] = {5, 6, 7, -1};
    static const int tbl_drop[] = {6, 7, 8, -1}; /* note, trip, reimb: a phone's terminal */
    static const int wide_align[WIDE_NCOLS] = {ALIGN_RIGHT, 0, 0, ALIGN_RIGHT};
    static const int list_align[LIST_NCOLS] = {0};

    if ((rc = cmd_parse(ctx, &cmd_list, argc, argv, o, pos, 0, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    struct period_sel sel = period_sel_of(o);
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err) ||
        period_precheck(&sel, 0, &ctx->err))
        return CS_EINPUT;
    if (args_value(o, "category") && !category_valid(args_value(o, "category")))
        return cs_error(&ctx->err, CS_EINPUT, "--category", args_value(o, "category"),
                        "unknown category");
    if ((s = args_value(o, "provider")) && !provider_canonical(s))
        return provider_refuse("--provider", s, &ctx->err);
    if (args_has(o, "reimbursable") && args_has(o, "personal"))
        return cs_error(&ctx->err, CS_EINPUT, "--reimbursable", NULL, "cannot go with --personal");
    if (((s = args_value(o, "merchant")) && text_check(s, "--merchant", &ctx->err)) ||
        ((s = args_value(o, "search")) && text_check(s, "--search", &ctx->err)))
        return CS_EINPUT;
    if ((s = args_value(o, "min")) && money_parse(s, 3, &w.min_e3, "--min", &ctx->err))
        return CS_EINPUT;
    if ((s = args_value(o, "max")) && money_parse(s, 3, &w.max_e3, "--max", &ctx->err))
        return CS_EINPUT;
    if (w.min_e3 >= 0 && w.max_e3 >= 0 && w.max_e3 < w.min_e3)
        return cs_error(&ctx->err, CS_EINPUT, "--max", args_value(o, "max"), "below --min %s",
                        args_value(o, "min"));
    int64_t claim_id = 0; /* claims (claim.h) */
    if (args_has(o, "claim") && claim_parse_id(args_value(o, "claim"), &claim_id, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) ||
        (rc = period_resolve(ctx->db, ctx->today, &sel, 0, 0, &p, &ctx->err)) ||
        (rc = config_base_currency(ctx->db, w.base, &ctx->err)))
        return rc;
    period_filter(&p, &f);
    if (args_value(o, "category"))
        snprintf(f.category, sizeof f.category, "%s", args_value(o, "category"));
    if (args_value(o, "provider"))
        snprintf(f.provider, sizeof f.provider, "%s",
                 provider_canonical(args_value(o, "provider")));
    f.reimbursable_only = args_has(o, "reimbursable");
    f.personal_only = args_has(o, "personal");
    f.merchant = args_value(o, "merchant");
    f.search = args_value(o, "search");
    f.claim_id = claim_id;
    f.unclaimed = args_has(o, "unclaimed");
    w.out = &out;
    w.db = ctx->db;
    w.table = fmt == FMT_TABLE;
    w.wide = args_has(o, "wide");
    if (fmt == FMT_TABLE && w.wide) {
        output_begin(&out, fmt, stdout, WIDE_NCOLS, entry_columns, wide_align);
    } else if (fmt == FMT_TABLE) {
        output_begin(&out, fmt, stdout, TBL_NCOLS, tbl_head, tbl_align);
        output_fit(&out, table_width(), tbl_fit);
        output_fit_drop(&out, tbl_drop);
    } else {
        output_begin(&out, fmt, stdout, LIST_NCOLS, entry_columns, list_align);
    }
    if ((rc = expense_each(ctx->db, &f, list_row, &w, &ctx->err))) {
        output_end(&out);
        return rc;
    }
    if (w.table) {
        int ncols = w.wide ? WIDE_NCOLS : TBL_NCOLS;
        if (w.in_base.count)
            total_row(&out, ncols, &w.in_base, "total", 1);
        for (int i = 0; i < w.napart; i++)
            total_row(&out, ncols, &w.apart[i], "no rate", !w.in_base.count && i == 0);
    }
    output_end(&out);
    return 0;
}

const struct cs_cmd cmd_list = {
    "list",
    "list [--trip SLUG | --month YYYY-MM | --since DATE --until DATE] [filters] [--format F]",
    help,
    0,
    exec,
};
