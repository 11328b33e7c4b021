/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_policy.c - `confspend policy set|list|rm`: the rules a claim is checked against. */
#include <stdio.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/output.h"
#include "confspend/policy.h"

static const char help[] =
    "The reimbursement policy that `claim check` (and `claim new`, `claim submit`) apply.\n\n"
    "  policy set KEY VALUE\n"
    "  policy list [--format F]   csv/json columns: key,value,currency\n"
    "  policy rm KEY\n\n"
    "keys:\n"
    "  receipt-over AMOUNT   a reimbursable expense above AMOUNT (base currency) needs a\n"
    "                        stored receipt (confspend receipt)\n"
    "  meal-per-day AMOUNT   a day's reimbursable meals above AMOUNT\n"
    "  tip-max PERCENT       a ride's tip above PERCENT of its fare (amount - tip)\n"
    "  claim-within DAYS     an expense older than DAYS on the day the claim is submitted\n\n"
    "examples:\n"
    "  confspend policy set receipt-over 75\n"
    "  confspend policy set tip-max 20%\n";

static int list_one(const char *key, const char *shown, const char *value, const char *cur,
                    void *arg)
{
    const char *cells[] = {key, value, cur};
    (void)shown;
    output_row(arg, cells);
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"format", OPT_VALUE}, {"db", OPT_VALUE}, {NULL}};
    static const char *const cols[] = {"key", "value", "currency"};
    static const int align[] = {0, ALIGN_RIGHT, 0};
    const char *pos[4];
    int npos, rc;
    if ((rc = cmd_parse(ctx, &cmd_policy, argc, argv, o, pos, 4, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "policy", NULL,
                        "missing subcommand (set, list or rm)");
    if (strcmp(pos[0], "list") && args_has(o, "format"))
        return cs_error(&ctx->err, CS_EINPUT, "--format", args_value(o, "format"),
                        "only with policy list");
    if (!strcmp(pos[0], "set")) {
        char shown[48];
        if (npos != 3)
            return cs_error(&ctx->err, CS_EINPUT, "policy", npos > 3 ? pos[3] : NULL,
                            "%s (usage: confspend policy set KEY VALUE)",
                            npos > 3 ? "too many words" : "missing");
        if ((rc = ctx_open_write(ctx)) ||
            (rc = policy_set(ctx->db, pos[1], pos[2], shown, &ctx->err)))
            return rc;
        output_linef(stdout, STYLE_NONE, "policy %s: %s", pos[1], shown);
        ctx_summary(ctx, "policy set %s %s", pos[1], shown);
        return 0;
    }
    if (!strcmp(pos[0], "rm")) {
        if (npos != 2)
            return cs_error(&ctx->err, CS_EINPUT, "policy", npos > 2 ? pos[2] : NULL,
                            "%s (usage: confspend policy rm KEY)",
                            npos > 2 ? "too many words" : "missing");
        if ((rc = ctx_open_write(ctx)) || (rc = policy_rm(ctx->db, pos[1], &ctx->err)))
            return rc;
        output_linef(stdout, STYLE_NONE, "policy %s: removed", pos[1]);
        ctx_summary(ctx, "policy rm %s", pos[1]);
        return 0;
    }
    if (!strcmp(pos[0], "list")) {
        enum out_format fmt;
        struct output out;
        if (npos != 1)
            return cs_error(&ctx->err, CS_EINPUT, "policy list", pos[1], "takes no words");
        if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
            return CS_EINPUT;
        if ((rc = ctx_open_db(ctx)))
            return rc;
        output_begin(&out, fmt, stdout, 3, cols, align);
        rc = policy_each(ctx->db, list_one, &out, &ctx->err);
        output_end(&out);
        return rc;
    }
    return cs_error(&ctx->err, CS_EINPUT, "policy", pos[0], "unknown subcommand (set, list or rm)");
}

const struct cs_cmd cmd_policy = {"policy", "policy set|list|rm ...", help, 0, exec};
