/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_undo.c - `confspend undo` and `confspend redo`: take the newest change back, or
 * put the most recently undone one back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/change.h"
#include "confspend/cli.h"
#include "confspend/db.h"

static const char undo_help[] =
    "Revert the newest change that is not undone yet, whatever it touched: an added\n"
    "expense, trip, budget, schedule or setting is removed, a removed one comes back\n"
    "exactly (same id), an edit gets its old values, an import goes as a whole. Run it\n"
    "again to go further back; `redo` puts it back. The postings of due monthly\n"
    "occurrences are changes of their own that undo skips. Prints\n"
    "`undid change N: SUMMARY`; with nothing to undo, exit 2.\n";

static const char redo_help[] =
    "Re-apply the most recently undone change, as long as no other change (but undos and\n"
    "postings) was made after it was undone. Prints `redid change N: SUMMARY`; with\n"
    "nothing to redo, exit 2.\n";

/* undo or redo, as CMD says */
static int run(struct cs_ctx *ctx, const struct cs_cmd *cmd, int argc, char **argv, int redo)
{
    struct cs_opt o[] = {{"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc, bulk;
    int64_t id;
    char *summary = NULL;

    if ((rc = cmd_parse(ctx, cmd, argc, argv, o, pos, 0, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    /* not a change of its own: it moves one change between done and undone */
    if ((rc = ctx_open_db(ctx)))
        return rc;
    bulk = db_journal_bulk(ctx->db, change_next_bulk(ctx->db, redo));
    if ((rc = db_begin(ctx->db, &ctx->err)) ||
        (rc = (redo ? change_redo : change_undo)(ctx->db, &id, &summary, &ctx->err)) ||
        (rc = db_commit(ctx->db, &ctx->err))) {
        db_rollback(ctx->db);
        if (bulk) {
            struct cs_err ignored;
            db_journal_wal(ctx->db, &ignored);
        }
        free(summary);
        return rc;
    }
    if (bulk) { /* done: should WAL not come back now, the next open brings it back */
        struct cs_err ignored;
        db_journal_wal(ctx->db, &ignored);
    }
    printf("%s change %lld: %s\n", redo ? "redid" : "undid", (long long)id, summary);
    free(summary);
    return 0;
}

static int undo_exec(struct cs_ctx *ctx, int argc, char **argv)
{
    return run(ctx, &cmd_undo, argc, argv, 0);
}

static int redo_exec(struct cs_ctx *ctx, int argc, char **argv)
{
    return run(ctx, &cmd_redo, argc, argv, 1);
}

const struct cs_cmd cmd_undo = {"undo", "undo", undo_help, 0, undo_exec};
const struct cs_cmd cmd_redo = {"redo", "redo", redo_help, 0, redo_exec};
