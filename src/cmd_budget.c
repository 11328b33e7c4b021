/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_budget.c - `confspend budget set|list|rm`: monthly, per-month and per-trip budgets. */
#include <stdio.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/budget.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/trip.h"

static const char help[] =
    "Budgets in the base currency.\n\n"
    "  budget set CATEGORY|total AMOUNT [--month YYYY-MM | --trip SLUG]\n"
    "  budget list [--format F]\n"
    "  budget rm CATEGORY|total [--month YYYY-MM | --trip SLUG]\n\n"
    "Without --month or --trip a budget is the default monthly one, used for every month\n"
    "that has no override. The total row of a report uses the `total` budget when set,\n"
    "else the sum of the category budgets.\n";

struct list_walk {
    struct output *out;
    const char *base;
    int table;
};

static int list_row(const struct budget_row *b, void *arg)
{
    struct list_walk *w = arg;
    char amt[32];
    money_format(b->amount, money_digits(w->base), amt, sizeof amt);
    const char *cells[] = {
        b->category, w->table && !*b->month && !*b->trip ? "(default)" : b->month, b->trip, amt};
    output_row(w->out, cells);
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"month", OPT_VALUE},
                         {"trip", OPT_VALUE},
                         {"format", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {NULL}};
    const char *pos[3];
    int npos, rc;
    struct cs_date m;
    const char *month = "";
    int64_t trip_id = 0, amount = 0;
    char base[4];

    if ((rc = cmd_parse(ctx, &cmd_budget, argc, argv, o, pos, 3, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos >= 1 && !strcmp(pos[0], "list")) {
        enum out_format fmt;
        struct output out;
        struct list_walk w = {&out, base, 0};
        static const char *const head[] = {"category", "month", "trip", "amount"};
        static const int align[] = {0, 0, 0, ALIGN_RIGHT};
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
            return CS_EINPUT;
        if ((rc = ctx_open_db(ctx)) || (rc = config_base_currency(ctx->db, base, &ctx->err)))
            return rc;
        w.table = fmt == FMT_TABLE;
        output_begin(&out, fmt, stdout, 4, head, align);
        rc = budget_each(ctx->db, list_row, &w, &ctx->err);
        output_end(&out);
        return rc;
    }
    if (npos < 1 || (strcmp(pos[0], "set") && strcmp(pos[0], "rm")))
        return cs_error(&ctx->err, CS_EINPUT, "budget", npos ? pos[0] : NULL,
                        "use budget set, budget list or budget rm");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "category", NULL, "missing");
    if (strcmp(pos[1], "total") && !category_valid(pos[1]))
        return cs_error(&ctx->err, CS_EINPUT, "category", pos[1],
                        "unknown category (" CS_CATEGORIES(CS_NAME, ", ") ", total)");
    if (!strcmp(pos[0], "set") && npos < 3)
        return cs_error(&ctx->err, CS_EINPUT, "amount", NULL, "missing");
    if (!strcmp(pos[0], "rm") && npos > 2)
        return cs_error(&ctx->err, CS_EINPUT, "argument", pos[2], "unexpected argument");
    if (args_has(o, "month") && args_has(o, "trip"))
        return cs_error(&ctx->err, CS_EINPUT, "--month", args_value(o, "month"),
                        "cannot go with --trip");
    if (args_value(o, "month")) {
        if (month_parse(args_value(o, "month"), &m, "--month", &ctx->err))
            return CS_EINPUT;
        month = args_value(o, "month");
    }
    if (!strcmp(pos[0], "set") && money_parse(pos[2], 3, &amount, "amount", &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)) || (rc = config_base_currency(ctx->db, base, &ctx->err)))
        return rc;
    if (!strcmp(pos[0], "set") &&
        (rc = money_parse(pos[2], money_digits(base), &amount, "amount", &ctx->err)))
        return rc;
    if (args_value(o, "trip")) {
        struct trip t = TRIP_INIT;
        if ((rc = trip_load(ctx->db, args_value(o, "trip"), &t, &ctx->err)))
            return rc;
        trip_id = t.id;
        trip_release(&t);
    }
    if (!strcmp(pos[0], "set"))
        rc = budget_set(ctx->db, pos[1], month, trip_id, amount, &ctx->err);
    else
        rc = budget_rm(ctx->db, pos[1], month, trip_id, &ctx->err);
    if (rc)
        return rc;
    {
        const char *scope = *month                  ? month
                            : args_value(o, "trip") ? args_value(o, "trip")
                                                    : "every month";
        if (!strcmp(pos[0], "set")) {
            char amt[32];
            money_format(amount, money_digits(base), amt, sizeof amt);
            printf("budget %s %s %s (%s)\n", pos[1], amt, base, scope);
            ctx_summary(ctx, "budget %s %s %s (%s)", pos[1], amt, base, scope);
        } else {
            printf("removed budget %s (%s)\n", pos[1], scope);
            ctx_summary(ctx, "removed budget %s (%s)", pos[1], scope);
        }
    }
    return 0;
}

const struct cs_cmd cmd_budget = {
    "budget", "budget set|list|rm CATEGORY|total [AMOUNT] [--month M | --trip SLUG]", help, 0,
    exec};
