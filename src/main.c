/* main.c - global options, the command table, dispatch, and the one place errors print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/expense.h"

#ifndef CONFSPEND_VERSION
#define CONFSPEND_VERSION "0.0.0"
#endif

/* Every command, in the order --help lists them. Reading this tells you the program. */
static const struct cs_cmd *const commands[] = {
    &cmd_add,     &cmd_list,   &cmd_show,   &cmd_edit,   &cmd_rm,
    &cmd_history, &cmd_undo,   &cmd_trip,   &cmd_budget, &cmd_report,
    &cmd_export,  &cmd_import, &cmd_config, &cmd_rate,   NULL,
};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: confspend [--db FILE] COMMAND [ARGS] [OPTIONS]\n\n"
                "Track what a conference trip really costs.\n\ncommands:\n");
    for (const struct cs_cmd *const *c = commands; *c; c++)
        fprintf(fp, "  %s\n", (*c)->usage);
    fprintf(fp, "\nglobal options:\n"
                "  --db FILE    the database (else $CONFSPEND_DB, else\n"
                "               $XDG_DATA_HOME/confspend/confspend.db)\n"
                "  --version    print the version\n"
                "  --help       this text; COMMAND --help for one command\n");
}

int cmd_print_help(const struct cs_cmd *cmd)
{
    printf("usage: confspend [--db FILE] %s\n\n%s", cmd->usage, cmd->help);
    return 0;
}

/* Take VALUE of --db into ctx->db_opt. An empty name is refused: it would otherwise fall
 * through to $CONFSPEND_DB or the default database, which the user did not ask for. */
static int take_db_opt(struct cs_ctx *ctx, const char *value)
{
    if (!*value)
        return cs_error(&ctx->err, CS_EINPUT, "--db", NULL,
                        "an empty file name (give a database file, or leave --db out)");
    ctx->db_opt = value;
    return 0;
}

int cmd_parse(struct cs_ctx *ctx, const struct cs_cmd *cmd, int argc, char **argv, struct cs_opt *o,
              const char **pos, int maxpos, int *npos)
{
    int help_wanted;
    if (args_parse(argc, argv, o, pos, maxpos, npos, &help_wanted, &ctx->err))
        return CS_EINPUT;
    if (help_wanted) {
        cmd_print_help(cmd);
        return CMD_HELPED;
    }
    if (args_value(o, "db") && take_db_opt(ctx, args_value(o, "db")))
        return CS_EINPUT;
    return 0;
}

int ctx_open_db(struct cs_ctx *ctx)
{
    char *path;
    int rc;
    if (ctx->db)
        return 0;
    path = db_resolve_path(ctx->db_opt);
    rc = db_open(path, &ctx->db, &ctx->err);
    free(path);
    if (rc)
        return rc;
    if (schedule_has_due(ctx->db, ctx->today_s, &ctx->err)) {
        int n;
        if (db_begin(ctx->db, &ctx->err))
            return CS_EFAIL;
        if (schedule_post_due(ctx->db, ctx->today_s, &n, &ctx->err)) {
            db_rollback(ctx->db);
            return CS_EFAIL;
        }
        if (db_commit(ctx->db, &ctx->err))
            return CS_EFAIL;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct cs_ctx ctx = {0};
    const struct cs_cmd *cmd = NULL;
    int i = 1, rc;

    for (; i < argc; i++) {
        if ((!strcmp(argv[i], "--db") && i + 1 < argc) || !strncmp(argv[i], "--db=", 5)) {
            if (take_db_opt(&ctx, argv[i][4] ? argv[i] + 5 : argv[++i])) {
                fprintf(stderr, "confspend: %s\n", ctx.err.msg);
                return 2;
            }
        } else if (!strcmp(argv[i], "--version")) {
            printf("confspend %s\n", CONFSPEND_VERSION);
            return 0;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
                   !strcmp(argv[i], "help")) {
            if (i + 1 < argc)
                for (const struct cs_cmd *const *c = commands; *c; c++)
                    if (!strcmp((*c)->name, argv[i + 1]))
                        return cmd_print_help(*c);
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            /* through cs_error, so the word is shown escaped on one line */
            if (!strcmp(argv[i], "--db"))
                cs_error(&ctx.err, CS_EINPUT, "--db", NULL, "a value is required");
            else
                cs_error(&ctx.err, CS_EINPUT, "option", argv[i], "unknown global option");
            fprintf(stderr, "confspend: %s\n", ctx.err.msg);
            return 2;
        } else {
            break;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    for (const struct cs_cmd *const *c = commands; *c; c++)
        if (!strcmp((*c)->name, argv[i]))
            cmd = *c;
    if (!cmd) {
        cs_error(&ctx.err, CS_EINPUT, "command", argv[i], "unknown command");
        fprintf(stderr, "confspend: %s; see 'confspend --help'\n", ctx.err.msg);
        return 2;
    }
    if (date_today(&ctx.today, &ctx.err)) {
        fprintf(stderr, "confspend: %s\n", ctx.err.msg);
        return 2;
    }
    date_format(ctx.today, ctx.today_s);
    rc = cmd->exec(&ctx, argc - i - 1, argv + i + 1);
    if (ctx.db)
        db_rollback(ctx.db);
    db_close(ctx.db);
    if (fflush(stdout) != 0 && rc == 0) {
        fprintf(stderr, "confspend: output: cannot write\n");
        return 1;
    }
    if (rc) {
        fprintf(stderr, "confspend: %s\n", ctx.err.msg[0] ? ctx.err.msg : "failed");
        return cs_exit_status(rc);
    }
    return 0;
}
