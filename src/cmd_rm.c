/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_rm.c - `confspend rm ID`: remove an expense (kept in the history; undo restores). */
#include <stdio.h>
#include <stdlib.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/claim.h"
#include "confspend/entry.h"
#include "confspend/receipt.h"

static const char help[] =
    "Remove one expense. It stays in the history and `confspend undo`\n"
    "brings it back exactly, with its receipts and its place in a claim.\n\n"
    "options:\n"
    "  --force   remove an expense that is in a claim past draft (submitted, approved,\n"
    "            paid): refused without it; the history records it\n";

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"force", OPT_FLAG}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    int64_t id;
    struct expense x = EXPENSE_INIT;
    char *line, why[64];
    int n;

    if ((rc = cmd_parse(ctx, &cmd_rm, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "id", NULL, "missing (usage: confspend rm ID)");
    if (expense_parse_id(pos[0], &id, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    /* a claimed expense past draft is locked; its receipts and claim places go with it */
    if ((rc = expense_load(ctx->db, id, &x, &ctx->err)) ||
        (rc = claim_lock_check(ctx, id, args_has(o, "force"), why)) ||
        (rc = receipt_detach_all(ctx->db, id, &n, &ctx->err)) ||
        (rc = claim_forget_expense(ctx->db, id, &ctx->err)) ||
        (rc = expense_delete(ctx->db, id, &ctx->err))) {
        expense_release(&x);
        return rc;
    }
    line = entry_summary(&x);
    printf("removed %s\n", line);
    if (*why)
        ctx_summary(ctx, "rm --force (%s) %s", why, line);
    else
        ctx_summary(ctx, "rm %s", line);
    free(line);
    expense_release(&x);
    return 0;
}

const struct cs_cmd cmd_rm = {"rm", "rm ID [--force]", help, 0, exec};
