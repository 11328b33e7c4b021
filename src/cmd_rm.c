/* cmd_rm.c - `confspend rm ID`: remove an expense (kept in the history; undo restores). */
#include <stdio.h>
#include <stdlib.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"

static const char help[] = "Remove one expense. It stays in the history and `confspend undo`\n"
                           "brings it back exactly.\n";

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    int64_t id;
    struct expense x = EXPENSE_INIT;
    char *line;

    if ((rc = cmd_parse(ctx, &cmd_rm, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "id", NULL, "missing (usage: confspend rm ID)");
    if (expense_parse_id(pos[0], &id, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if ((rc = expense_load(ctx->db, id, &x, &ctx->err)) ||
        (rc = expense_delete(ctx->db, id, &ctx->err))) {
        expense_release(&x);
        return rc;
    }
    line = entry_summary(&x);
    printf("removed %s\n", line);
    ctx_summary(ctx, "rm %s", line);
    free(line);
    expense_release(&x);
    return 0;
}

const struct cs_cmd cmd_rm = {"rm", "rm ID", help, 0, exec};
