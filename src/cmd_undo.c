/* cmd_undo.c - `confspend undo`: revert the newest change to the expenses. */
#include <stdio.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/history.h"

static const char help[] =
    "Revert the newest change to the expenses that is not undone yet: an added expense is\n"
    "removed, a removed one comes back exactly (same id), an edit is reverted. Run it again\n"
    "to go further back. The undo itself is kept in the history.\n";

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    char action[8];
    int64_t id, change;

    if ((rc = cmd_parse(ctx, &cmd_undo, argc, argv, o, pos, 0, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((rc = ctx_open_db(ctx)) || (rc = db_begin(ctx->db, &ctx->err)))
        return rc;
    if ((rc = history_undo(ctx->db, action, &id, &change, &ctx->err)) ||
        (rc = db_commit(ctx->db, &ctx->err))) {
        db_rollback(ctx->db);
        return rc;
    }
    if (!strcmp(action, "import"))
        printf("undid change %lld: the import of expenses from %lld on\n", (long long)change,
               (long long)id);
    else
        printf("undid change %lld: %s of expense %lld\n", (long long)change,
               !strcmp(action, "insert")   ? "add"
               : !strcmp(action, "delete") ? "removal"
                                           : "edit",
               (long long)id);
    return 0;
}

const struct cs_cmd cmd_undo = {"undo", "undo", help, 0, exec};
