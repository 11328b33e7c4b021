/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_backup.c - `confspend backup FILE` and `confspend restore FILE`. */
#include <stdio.h>
#include <stdlib.h>

#include "confspend/args.h"
#include "confspend/backup.h"
#include "confspend/cli.h"
#include "confspend/db.h"

static const char backup_help[] =
    "Write a consistent copy of the whole database (expenses, trips, budgets, schedules,\n"
    "settings, rates and the change log) to FILE, through SQLite's online backup API, so\n"
    "it works while other commands write. The copy is written beside FILE with mode 0600\n"
    "and renamed into place. Prints `backed up N expenses to FILE`.\n";

static const char restore_help[] =
    "Replace the database with FILE, a confspend database (integrity check ok, schema not\n"
    "newer than this program's; an older one is migrated in a copy). Unless the current\n"
    "database holds no expenses, it is first saved beside itself as\n"
    "DB.before-restore-YYYYMMDDTHHMMSS (mode 0600; -2, -3, ... after it when a copy of\n"
    "that second exists): that copy is the way back, since a restore is not a change\n"
    "`undo` takes back. A bad FILE is exit 2, database untouched.\n";

/* The one positional FILE of backup or restore. */
static int parse_file(struct cs_ctx *ctx, const struct cs_cmd *cmd, int argc, char **argv,
                      const char **file)
{
    struct cs_opt o[] = {{"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    if ((rc = cmd_parse(ctx, cmd, argc, argv, o, pos, 1, &npos)))
        return rc;
    if (npos < 1 || !*pos[0])
        return cs_error(&ctx->err, CS_EINPUT, "FILE", npos ? pos[0] : NULL,
                        "missing (usage: confspend %s)", cmd->usage);
    *file = pos[0];
    return 0;
}

static int backup_exec(struct cs_ctx *ctx, int argc, char **argv)
{
    const char *file = NULL;
    char *path;
    int64_t n = 0;
    int rc;
    if ((rc = parse_file(ctx, &cmd_backup, argc, argv, &file)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((rc = ctx_open_db(ctx)))
        return rc;
    path = db_resolve_path(ctx->db_opt);
    rc = backup_write(ctx->db, path, file, 0, &n, &ctx->err);
    free(path);
    if (!rc)
        printf("backed up %lld expense%s to %s\n", (long long)n, n == 1 ? "" : "s", file);
    return rc;
}

static int restore_exec(struct cs_ctx *ctx, int argc, char **argv)
{
    const char *file = NULL;
    char *path, *saved = NULL;
    int64_t n = 0;
    int rc;
    if ((rc = parse_file(ctx, &cmd_restore, argc, argv, &file)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((rc = ctx_open_db(ctx)))
        return rc;
    path = db_resolve_path(ctx->db_opt);
    rc = backup_restore(ctx->db, path, file, &saved, &n, &ctx->err);
    free(path);
    if (!rc) {
        if (saved)
            printf("saved the database as %s\n", saved);
        printf("restored %lld expense%s from %s\n", (long long)n, n == 1 ? "" : "s", file);
    }
    free(saved);
    return rc;
}

const struct cs_cmd cmd_backup = {"backup", "backup FILE", backup_help, 0, backup_exec};
const struct cs_cmd cmd_restore = {"restore", "restore FILE", restore_help, 0, restore_exec};
