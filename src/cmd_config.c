/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_config.c - `confspend config set|get`: base currency, owner, ride commission. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/budget.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/packet.h"

static const char help[] =
    "Read and change settings.\n\n"
    "  config set KEY VALUE\n"
    "  config set currency CUR [--convert]\n"
    "  config get [KEY]      (no KEY: every setting)\n\n"
    "keys:\n"
    "  currency         the base currency reports convert to (default USD). Budgets are\n"
    "                   amounts of the base currency they were set in: while there are\n"
    "                   any, a new base currency is refused unless --convert, which\n"
    "                   converts each budget into CUR at the newest rates on or before\n"
    "                   today (a pair between the two either way, else a cross rate:\n"
    "                   see rate --help), rounded half away from zero, in the same change\n"
    "  department       the department on exported expense reports\n"
    "  owner            the name on exported expense reports\n"
    "  paper            letter or a4, the paper of export pdf (default letter when the\n"
    "                   base currency is USD or CAD, else a4)\n"
    "  ride.commission  the platform's share of a fare, 0..1, when a ride does not record\n"
    "                   its fee (default 0.50)\n";

static const struct {
    const char *key, *def;
} keys[] = {{"currency", "USD"},
            {"department", ""},
            {"owner", ""},
            {"paper", ""},
            {"ride.commission", "0.5"}};
#define NKEYS (int)(sizeof keys / sizeof keys[0])

static int check_value(const char *key, const char *v, struct cs_err *e)
{
    if (!strcmp(key, "currency") && !money_currency_known(v))
        return cs_error(e, CS_EINPUT, "currency", v, "unknown ISO 4217 currency code");
    if (!strcmp(key, "ride.commission")) {
        int64_t c;
        if (money_parse_e9(v, 1, &c, "ride.commission", e))
            return CS_EINPUT;
        if (c > 1000000000)
            return cs_error(e, CS_EINPUT, "ride.commission", v, "must be between 0 and 1");
    }
    if ((!strcmp(key, "owner") || !strcmp(key, "department")) &&
        (text_check(v, key, e) || text_length_check(v, key, e)))
        return CS_EINPUT;
    if (!strcmp(key, "paper") && strcmp(v, "letter") && strcmp(v, "a4"))
        return cs_error(e, CS_EINPUT, "paper", v, "use letter or a4");
    return 0;
}

/*
 * Before CUR becomes the base currency: the stored one into FROM, and the budgets, which
 * are amounts of FROM. While there are any (and CUR is another currency) the change is
 * refused, unless CONVERT, which converts each of them into CUR at the newest rate on or
 * before today (budget_convert); *N gets how many.
 */
static int rebase_budgets(struct cs_ctx *ctx, const char *cur, int convert, char from[4], long *n)
{
    int rc;
    *n = 0;
    if ((rc = config_base_currency(ctx->db, from, &ctx->err)))
        return rc;
    if (!strcmp(from, cur))
        return 0;
    if ((rc = budget_count(ctx->db, n, &ctx->err)) || !*n)
        return rc;
    if (!convert)
        return cs_error(&ctx->err, CS_EINPUT, "currency", cur,
                        "%ld budget%s in %s; give --convert to convert %s", *n,
                        *n == 1 ? " is" : "s are", from, *n == 1 ? "it" : "them");
    return budget_convert(ctx->db, from, cur, ctx->today_s, n, &ctx->err);
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"convert", OPT_FLAG}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[3];
    int npos, rc, k = -1, currency;

    if ((rc = cmd_parse(ctx, &cmd_config, argc, argv, o, pos, 3, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos == 0 || (strcmp(pos[0], "set") && strcmp(pos[0], "get")))
        return cs_error(&ctx->err, CS_EINPUT, "config", npos ? pos[0] : NULL,
                        "use config set KEY VALUE or config get [KEY]");
    if (npos > 1) {
        for (int i = 0; i < NKEYS; i++)
            if (!strcmp(keys[i].key, pos[1]))
                k = i;
        if (k < 0)
            return cs_error(&ctx->err, CS_EINPUT, "key", pos[1],
                            "unknown setting (currency, department, owner, paper, "
                            "ride.commission)");
    }
    currency = k >= 0 && !strcmp(keys[k].key, "currency");
    if (args_has(o, "convert") && (strcmp(pos[0], "set") || !currency))
        return cs_error(&ctx->err, CS_EINPUT, "--convert", NULL,
                        "only with config set currency CUR");
    if (!strcmp(pos[0], "set")) {
        char from[4];
        long n = 0;
        if (npos != 3)
            return cs_error(&ctx->err, CS_EINPUT, "config", NULL, "usage: config set KEY VALUE");
        if (check_value(pos[1], pos[2], &ctx->err))
            return CS_EINPUT;
        if ((rc = ctx_open_write(ctx)) ||
            (currency && (rc = rebase_budgets(ctx, pos[2], args_has(o, "convert"), from, &n))) ||
            (rc = config_set(ctx->db, pos[1], pos[2], &ctx->err)))
            return rc;
        output_linef(stdout, STYLE_NONE, "%s = %s", pos[1], pos[2]);
        if (n) {
            output_linef(stdout, STYLE_NONE,
                         "converted %ld budget%s from %s to %s at the newest rate on or before %s",
                         n, n == 1 ? "" : "s", from, pos[2], ctx->today_s);
            ctx_summary(ctx, "config %s = %s, %ld budget%s converted from %s", pos[1], pos[2], n,
                        n == 1 ? "" : "s", from);
        } else {
            ctx_summary(ctx, "config %s = %s", pos[1], pos[2]);
        }
        return 0;
    }
    if (npos > 2)
        return cs_error(&ctx->err, CS_EINPUT, "argument", pos[2], "unexpected argument");
    if ((rc = ctx_open_db(ctx)))
        return rc;
    for (int i = 0; i < NKEYS; i++) {
        char *v = NULL;
        if (k >= 0 && i != k)
            continue;
        if ((rc = config_get(ctx->db, keys[i].key, &v, &ctx->err)))
            return rc;
        if (!v && !strcmp(keys[i].key, "paper")) { /* its default follows the currency */
            char paper[8];
            if ((rc = packet_paper(ctx->db, paper, &ctx->err)))
                return rc;
            v = xstrdup(paper);
        }
        if (k >= 0)
            output_linef(stdout, STYLE_NONE, "%s", v ? v : keys[i].def);
        else
            output_linef(stdout, STYLE_NONE, "%s = %s", keys[i].key, v ? v : keys[i].def);
        free(v);
    }
    return 0;
}

const struct cs_cmd cmd_config = {"config", "config set KEY VALUE [--convert] | config get [KEY]",
                                  help, 0, exec};
