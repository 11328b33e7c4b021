/* cmd_list.c - `confspend list`: the expenses of a period, as a table, csv or json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/claim.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/period.h"

static const char help[] =
    "List expenses, oldest first.\n\n"
    "options:\n"
    "  --trip SLUG        the trip's expenses\n"
    "  --month YYYY-MM    one month\n"
    "  --since DATE       --until DATE   a date range (inclusive)\n"
    "  --category C       one category\n"
    "  --claim N          claim N's expenses\n"
    "  --unclaimed        reimbursable expenses in no claim (but a rejected one)\n"
    "  --format F         table (default), csv or json\n\n"
    "csv/json columns: id,date,category,amount,currency,merchant,note,trip,reimbursable,\n"
    "provider,from,to,driver,tip (a refund's amount is negative)\n";

struct total {
    char currency[4];
    struct money_sum sum; /* exact; a total past int64 is shown as "too large" */
    long count;
};

/* What list_row() writes to and keeps: the output, the view, the totals per currency. */
struct walk {
    struct output *out;
    int table;
    struct total *tot;
    int ntot;
};

/* One expense: its row (the table's short columns, or every list column), and in the
 * table its amount into its currency's total. */
static int list_row(const struct expense *x, void *arg)
{
    struct walk *w = arg;
    struct entry_cells c;
    int i;
    entry_cells(x, &c);
    if (!w->table) {
        output_row(w->out, c.cells);
        return 0;
    }
    char route[512] = "";
    if (x->from || x->to)
        snprintf(route, sizeof route, "%s -> %s", x->from ? x->from : "?", x->to ? x->to : "?");
    const char *cells[] = {
        c.cells[0], c.cells[1],
        c.cells[2], c.cells[3],
        c.cells[4], x->merchant ? x->merchant : (x->recipient ? x->recipient : ""),
        route,      c.cells[6],
        c.cells[7], x->reimbursable ? "yes" : ""};
    output_row(w->out, cells);
    for (i = 0; i < w->ntot && strcmp(w->tot[i].currency, x->currency); i++)
        ;
    if (i == w->ntot && w->ntot < 16) {
        memcpy(w->tot[w->ntot].currency, x->currency, 4);
        w->tot[w->ntot].sum = (struct money_sum)MONEY_SUM_INIT;
        w->tot[w->ntot].count = 0;
        w->ntot++;
    }
    if (i < w->ntot) {
        money_sum_add(&w->tot[i].sum, x->amount);
        w->tot[i].count++;
    }
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {PERIOD_OPTIONS,
                         {"category", OPT_VALUE},
                         {"format", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {"claim", OPT_VALUE},
                         {"unclaimed", OPT_FLAG},
                         {NULL}};
    const char *pos[1];
    int npos, rc = 0, ntot = 0;
    enum out_format fmt;
    struct period p;
    struct expense_filter f = {0};
    struct output out;
    struct total tot[16];
    static const char *const tbl_head[] = {"id",       "date",  "category", "amount", "cur",
                                           "merchant", "route", "note",     "trip",   "reimb"};
    static const int tbl_align[] = {ALIGN_RIGHT, 0, 0, ALIGN_RIGHT, 0, 0, 0, 0, 0, 0};
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
    int64_t claim_id = 0; /* claims (claim.h) */
    if (args_has(o, "claim") && claim_parse_id(args_value(o, "claim"), &claim_id, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) ||
        (rc = period_resolve(ctx->db, ctx->today, &sel, 0, 0, &p, &ctx->err)))
        return rc;
    period_filter(&p, &f);
    if (args_value(o, "category"))
        snprintf(f.category, sizeof f.category, "%s", args_value(o, "category"));
    f.claim_id = claim_id;
    f.unclaimed = args_has(o, "unclaimed");
    if (fmt == FMT_TABLE)
        output_begin(&out, fmt, stdout, 10, tbl_head, tbl_align);
    else
        output_begin(&out, fmt, stdout, LIST_NCOLS, entry_columns, list_align);
    {
        struct walk w = {&out, fmt == FMT_TABLE, tot, 0};
        if ((rc = expense_each(ctx->db, &f, list_row, &w, &ctx->err))) {
            output_end(&out);
            return rc;
        }
        ntot = w.ntot;
    }
    for (int i = 0; i < ntot; i++) {
        char amt[32], n[48];
        int64_t sum;
        if (money_sum_get(tot[i].sum, &sum))
            snprintf(amt, sizeof amt, "too large");
        else
            money_format(sum, money_digits(tot[i].currency), amt, sizeof amt);
        snprintf(n, sizeof n, "%ld expense%s", tot[i].count, tot[i].count == 1 ? "" : "s");
        const char *cells[] = {"", "total", n, amt, tot[i].currency, "", "", "", "", ""};
        if (i == 0)
            output_rule_row(&out, cells);
        else
            output_row(&out, cells);
    }
    output_end(&out);
    return 0;
}

const struct cs_cmd cmd_list = {
    "list",
    "list [--trip SLUG] [--month YYYY-MM] [--since DATE] [--until DATE] [--category C] [--format "
    "F]",
    help,
    0,
    exec,
};
