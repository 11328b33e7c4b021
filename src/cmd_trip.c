/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_trip.c - `confspend trip add|list|show|edit|rm|use`: the trips expenses belong to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/budget.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/expense.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/trip.h"

static const char help[] =
    "Manage trips.\n\n"
    "  trip add SLUG --name NAME --start DATE --end DATE [--city CITY] [--currency CUR]\n"
    "                [--reimbursable] [--provider P] [--purpose TEXT] [--budget AMOUNT]\n"
    "  trip list [--format F]\n"
    "  trip show SLUG [--format F]\n"
    "  trip edit SLUG [--name NAME] [--start DATE] [--end DATE] [--city CITY]\n"
    "                 [--currency CUR] [--slug NEW] [--reimbursable | --no-reimbursable]\n"
    "                 [--provider P | --no-provider] [--purpose TEXT] [--budget AMOUNT]\n"
    "  trip rm SLUG        (refused while expenses use it)\n"
    "  trip use SLUG       new expenses get this trip unless --trip/--no-trip says otherwise\n"
    "  trip use --none     no active trip\n\n"
    "SLUG is 1 to 64 of a-z, 0-9, '-', '_', '.'. --currency defaults to the base currency.\n"
    "--reimbursable: the trip's new expenses default to reimbursable (add --personal says\n"
    "otherwise); --no-reimbursable (or --personal) takes that back. --provider P: its new\n"
    "rides default to P (lyft, uber, taxi, direct, transit, other); --no-provider: not.\n"
    "--purpose TEXT: the business purpose a reimbursement desk asks for (\"Attend PyCon\n"
    "US 2019\"), shown in the workbook and the PDF packet; --purpose \"\" clears it.\n"
    "--budget AMOUNT: the trip's total budget in the base currency, the same as\n"
    "`budget set total AMOUNT --trip SLUG`, in the same change.\n";

/* Check the values of --name --start --end --city --currency --slug without the db. */
static int precheck(struct cs_opt *o, struct cs_err *e)
{
    struct cs_date a, b;
    int64_t budget;
    const char *s;
    if ((s = args_value(o, "name")) && (text_check(s, "--name", e)))
        return CS_EINPUT;
    if ((s = args_value(o, "name")) && !*s)
        return cs_error(e, CS_EINPUT, "--name", s, "must not be empty");
    if ((s = args_value(o, "city")) && text_check(s, "--city", e))
        return CS_EINPUT;
    if ((s = args_value(o, "name")) && text_length_check(s, "--name", e))
        return CS_EINPUT;
    if ((s = args_value(o, "city")) && text_length_check(s, "--city", e))
        return CS_EINPUT;
    if ((s = args_value(o, "budget")) && money_parse(s, 3, &budget, "--budget", e))
        return CS_EINPUT;
    if ((s = args_value(o, "purpose")) &&
        (text_check(s, "--purpose", e) || text_length_check(s, "--purpose", e)))
        return CS_EINPUT;
    if ((s = args_value(o, "start")) && date_parse(s, &a, "--start", e))
        return CS_EINPUT;
    if ((s = args_value(o, "end")) && date_parse(s, &b, "--end", e))
        return CS_EINPUT;
    if (args_value(o, "start") && args_value(o, "end") &&
        strcmp(args_value(o, "end"), args_value(o, "start")) < 0)
        return cs_error(e, CS_EINPUT, "--end", args_value(o, "end"), "before --start %s",
                        args_value(o, "start"));
    if ((s = args_value(o, "currency")) && !money_currency_known(s))
        return cs_error(e, CS_EINPUT, "--currency", s, "unknown ISO 4217 currency code");
    if ((s = args_value(o, "slug")) && !trip_slug_valid(s))
        return cs_error(e, CS_EINPUT, "--slug", s, "use 1-64 of a-z 0-9 - _ .");
    if ((s = args_value(o, "provider")) && !provider_canonical(s))
        return provider_refuse("--provider", s, e);
    if (args_has(o, "provider") && args_has(o, "no-provider"))
        return cs_error(e, CS_EINPUT, "--provider", args_value(o, "provider"),
                        "cannot go with --no-provider");
    if (args_has(o, "reimbursable") && (args_has(o, "no-reimbursable") || args_has(o, "personal")))
        return cs_error(e, CS_EINPUT, "--reimbursable", NULL, "cannot go with --%s",
                        args_has(o, "personal") ? "personal" : "no-reimbursable");
    return 0;
}

static void print_trip(const struct trip *t)
{
    output_linef(stdout, STYLE_NONE, "%s  %s  %s to %s%s%s  %s%s%s%s%s%s", t->slug, t->name,
                 t->start, t->end, t->city ? "  " : "", t->city ? t->city : "", t->currency,
                 t->reimbursable ? "  reimbursable" : "", t->provider ? "  rides: " : "",
                 t->provider ? t->provider : "", t->purpose ? "  purpose: " : "",
                 t->purpose ? t->purpose : "");
}

/* The trip defaults O gives (--reimbursable, --no-reimbursable or --personal, --provider,
 * --no-provider) onto T. */
static void apply_defaults(struct cs_opt *o, struct trip *t)
{
    if (args_has(o, "reimbursable"))
        t->reimbursable = 1;
    if (args_has(o, "no-reimbursable") || args_has(o, "personal"))
        t->reimbursable = 0;
    if (args_value(o, "provider")) {
        free(t->provider);
        t->provider = xstrdup(provider_canonical(args_value(o, "provider")));
    }
    if (args_has(o, "no-provider")) {
        free(t->provider);
        t->provider = NULL;
    }
    if (args_value(o, "purpose")) {
        free(t->purpose);
        t->purpose = *args_value(o, "purpose") ? xstrdup(args_value(o, "purpose")) : NULL;
    }
}

/* --budget AMOUNT: the trip's total budget (budget set total AMOUNT --trip SLUG), in the
 * base currency's digits, printed as budget set prints it. */
static int set_budget(struct cs_ctx *ctx, struct cs_opt *o, const struct trip *t)
{
    char base[4], amt[32];
    int64_t amount;
    int rc;
    if (!args_value(o, "budget"))
        return 0;
    if ((rc = config_base_currency(ctx->db, base, &ctx->err)) ||
        (rc = money_parse(args_value(o, "budget"), money_digits(base), &amount, "--budget",
                          &ctx->err)) ||
        (rc = budget_set(ctx->db, "total", "", t->id, amount, &ctx->err)))
        return rc;
    money_format(amount, money_digits(base), amt, sizeof amt);
    printf("budget total %s %s (%s)\n", amt, base, t->slug);
    return 0;
}

static int trip_add(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    struct trip t = TRIP_INIT;
    int rc;
    if (!trip_slug_valid(slug))
        return cs_error(&ctx->err, CS_EINPUT, "slug", slug, "use 1-64 of a-z 0-9 - _ .");
    if (!args_value(o, "name"))
        return cs_error(&ctx->err, CS_EINPUT, "--name", NULL, "required");
    if (!args_value(o, "start"))
        return cs_error(&ctx->err, CS_EINPUT, "--start", NULL, "required");
    if (!args_value(o, "end"))
        return cs_error(&ctx->err, CS_EINPUT, "--end", NULL, "required");
    if (args_value(o, "slug"))
        return cs_error(&ctx->err, CS_EINPUT, "--slug", args_value(o, "slug"),
                        "only for trip edit");
    if (args_has(o, "no-reimbursable") || args_has(o, "no-provider"))
        return cs_error(&ctx->err, CS_EINPUT,
                        args_has(o, "no-provider") ? "--no-provider" : "--no-reimbursable", NULL,
                        "only for trip edit");
    if ((rc = ctx_open_write(ctx)))
        return rc;
    t.slug = xstrdup(slug);
    t.name = xstrdup(args_value(o, "name"));
    t.city =
        args_value(o, "city") && *args_value(o, "city") ? xstrdup(args_value(o, "city")) : NULL;
    snprintf(t.start, sizeof t.start, "%s", args_value(o, "start"));
    snprintf(t.end, sizeof t.end, "%s", args_value(o, "end"));
    if (args_value(o, "currency"))
        snprintf(t.currency, sizeof t.currency, "%s", args_value(o, "currency"));
    else if ((rc = config_base_currency(ctx->db, t.currency, &ctx->err)))
        goto out;
    apply_defaults(o, &t);
    if ((rc = trip_insert(ctx->db, &t, &ctx->err)))
        goto out;
    print_trip(&t);
    if ((rc = set_budget(ctx, o, &t)))
        goto out;
    ctx_summary(ctx, "trip add %s", t.slug);
out:
    trip_release(&t);
    return rc;
}

static int trip_edit(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    struct trip t = TRIP_INIT;
    int rc;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if ((rc = trip_load(ctx->db, slug, &t, &ctx->err)))
        goto out;
    if (args_value(o, "name")) {
        free(t.name);
        t.name = xstrdup(args_value(o, "name"));
    }
    if (args_value(o, "city")) {
        free(t.city);
        t.city = *args_value(o, "city") ? xstrdup(args_value(o, "city")) : NULL;
    }
    if (args_value(o, "slug")) {
        free(t.slug);
        t.slug = xstrdup(args_value(o, "slug"));
    }
    if (args_value(o, "start"))
        snprintf(t.start, sizeof t.start, "%s", args_value(o, "start"));
    if (args_value(o, "end"))
        snprintf(t.end, sizeof t.end, "%s", args_value(o, "end"));
    if (args_value(o, "currency"))
        snprintf(t.currency, sizeof t.currency, "%s", args_value(o, "currency"));
    apply_defaults(o, &t);
    if (strcmp(t.end, t.start) < 0) {
        rc = cs_error(&ctx->err, CS_EINPUT, "--end", t.end, "before the start %s", t.start);
        goto out;
    }
    if ((rc = trip_update(ctx->db, &t, &ctx->err)))
        goto out;
    print_trip(&t);
    if ((rc = set_budget(ctx, o, &t)))
        goto out;
    ctx_summary(ctx, "trip edit %s", t.slug);
out:
    trip_release(&t);
    return rc;
}

static int trip_rm(struct cs_ctx *ctx, const char *slug)
{
    struct trip t = TRIP_INIT;
    int rc;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if (!(rc = trip_load(ctx->db, slug, &t, &ctx->err)) &&
        !(rc = trip_delete(ctx->db, &t, &ctx->err))) {
        printf("removed trip %s\n", slug);
        ctx_summary(ctx, "trip rm %s", slug);
    }
    trip_release(&t);
    return rc;
}

static int trip_use(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    struct trip t = TRIP_INIT;
    int rc;
    char id[24];
    if (!slug && !args_has(o, "none"))
        return cs_error(&ctx->err, CS_EINPUT, "slug", NULL, "missing (trip use SLUG | --none)");
    if (slug && args_has(o, "none"))
        return cs_error(&ctx->err, CS_EINPUT, "--none", slug, "cannot go with a slug");
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if (!slug) {
        if (!(rc = config_unset(ctx->db, "trip.active", &ctx->err))) {
            printf("no active trip\n");
            ctx_summary(ctx, "trip use --none");
        }
    } else if (!(rc = trip_load(ctx->db, slug, &t, &ctx->err))) {
        snprintf(id, sizeof id, "%lld", (long long)t.id);
        if (!(rc = config_set(ctx->db, "trip.active", id, &ctx->err))) {
            printf("active trip: %s\n", t.slug);
            ctx_summary(ctx, "trip use %s", t.slug);
        }
    }
    trip_release(&t);
    return rc;
}

struct list_walk {
    struct output *out;
    int64_t active;
};

static int list_row(const struct trip *t, int64_t expenses, void *arg)
{
    struct list_walk *w = arg;
    char n[24];
    snprintf(n, sizeof n, "%lld", (long long)expenses);
    const char *cells[] = {t->slug,
                           t->name,
                           t->start,
                           t->end,
                           t->city ? t->city : "",
                           t->currency,
                           n,
                           t->id == w->active ? "yes" : "no"};
    output_row(w->out, cells);
    return 0;
}

static int trip_list(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    enum out_format fmt;
    struct output out;
    int rc;
    int64_t active;
    static const char *const head[] = {"slug", "name",     "start",    "end",
                                       "city", "currency", "expenses", "active"};
    static const int align[] = {0, 0, 0, 0, 0, 0, ALIGN_RIGHT, 0};
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (rc = trip_active(ctx->db, &active, &ctx->err)))
        return rc;
    /* an unknown trip is an error before anything is printed, not an empty table */
    if (slug) {
        struct trip t = TRIP_INIT;
        if ((rc = trip_load(ctx->db, slug, &t, &ctx->err)))
            return rc;
        trip_release(&t);
    }
    output_begin(&out, fmt, stdout, 8, head, align);
    {
        struct list_walk w = {&out, active};
        rc = trip_each(ctx->db, slug, list_row, &w, &ctx->err);
    }
    output_end(&out);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"name", OPT_VALUE},
                         {"start", OPT_VALUE},
                         {"end", OPT_VALUE},
                         {"city", OPT_VALUE},
                         {"currency", OPT_VALUE},
                         {"slug", OPT_VALUE},
                         {"none", OPT_FLAG},
                         {"format", OPT_VALUE},
                         {"reimbursable", OPT_FLAG},
                         {"no-reimbursable", OPT_FLAG},
                         {"personal", OPT_FLAG},
                         {"provider", OPT_VALUE},
                         {"no-provider", OPT_FLAG},
                         {"purpose", OPT_VALUE},
                         {"budget", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {NULL}};
    const char *pos[2];
    int npos, rc;
    const char *sub;

    if ((rc = cmd_parse(ctx, &cmd_trip, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos == 0)
        return cs_error(&ctx->err, CS_EINPUT, "trip", NULL,
                        "missing subcommand (add, list, show, edit, rm, use)");
    sub = pos[0];
    if (precheck(o, &ctx->err))
        return CS_EINPUT;
    if (!strcmp(sub, "list")) {
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        return trip_list(ctx, o, NULL);
    }
    if (!strcmp(sub, "use"))
        return trip_use(ctx, o, npos > 1 ? pos[1] : NULL);
    if (strcmp(sub, "add") && strcmp(sub, "show") && strcmp(sub, "edit") && strcmp(sub, "rm"))
        return cs_error(&ctx->err, CS_EINPUT, "trip", sub,
                        "unknown subcommand (add, list, show, edit, rm, use)");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "slug", NULL, "missing (trip %s SLUG)", sub);
    if (!strcmp(sub, "add"))
        return trip_add(ctx, o, pos[1]);
    if (!strcmp(sub, "show"))
        return trip_list(ctx, o, pos[1]);
    if (!strcmp(sub, "edit"))
        return trip_edit(ctx, o, pos[1]);
    return trip_rm(ctx, pos[1]);
}

const struct cs_cmd cmd_trip = {"trip", "trip add|list|show|edit|rm|use ...", help, 0, exec};
