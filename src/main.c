/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - global options, the command table, and the one place errors print. */
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
const struct cs_cmd *const cs_commands[] = {
    &cmd_add,        &cmd_again,  &cmd_list,    &cmd_show,    &cmd_edit,  &cmd_rm,
    &cmd_history,    &cmd_undo,   &cmd_redo,    &cmd_trip,    &cmd_place, &cmd_schedule,
    &cmd_budget,     &cmd_report, &cmd_export,  &cmd_import,  &cmd_rule,  &cmd_config,
    &cmd_rate,       &cmd_backup, &cmd_restore, &cmd_receipt, &cmd_claim, &cmd_policy,
    &cmd_completion, NULL,
};

/* The command named NAME: one of cs_commands, or the completion's hidden helper. */
static const struct cs_cmd *command_named(const char *name)
{
    for (const struct cs_cmd *const *c = cs_commands; *c; c++)
        if (!strcmp((*c)->name, name))
            return *c;
    return strcmp(name, cmd_complete.name) ? NULL : &cmd_complete;
}

static void usage(FILE *fp)
{
    fprintf(fp, "usage: confspend [--db FILE] COMMAND [ARGS] [OPTIONS]\n\n"
                "Track what a conference trip really costs.\n\ncommands:\n");
    for (const struct cs_cmd *const *c = cs_commands; *c; c++)
        fprintf(fp, "  %s\n", (*c)->usage);
    fprintf(fp, "\nglobal options:\n"
                "  --db FILE    the database (else $CONFSPEND_DB, else\n"
                "               $XDG_DATA_HOME/confspend/confspend.db)\n"
                "  --version    print the version\n"
                "  --help       this text; COMMAND --help for one command\n");
}

int main(int argc, char **argv)
{
    struct cs_ctx ctx = {0};
    const struct cs_cmd *cmd = NULL;
    int i = 1, rc;

    for (; i < argc; i++) {
        if ((!strcmp(argv[i], "--db") && i + 1 < argc) || !strncmp(argv[i], "--db=", 5)) {
            if (ctx_take_db_opt(&ctx, argv[i][4] ? argv[i] + 5 : argv[++i])) {
                fprintf(stderr, "confspend: %s\n", ctx.err.msg);
                return 2;
            }
        } else if (!strcmp(argv[i], "--version")) {
            printf("confspend %s\n"
                   "License GPL-3.0-or-later: GNU GPL version 3 or later "
                   "<https://gnu.org/licenses/gpl.html>.\n"
                   "This is free software: you are free to change and redistribute it.\n"
                   "There is NO WARRANTY, to the extent permitted by law.\n",
                   CONFSPEND_VERSION);
            return 0;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
                   !strcmp(argv[i], "help")) {
            /* `help CMD` is `CMD --help`: the same text, its short options too */
            if (i + 1 < argc && (cmd = command_named(argv[i + 1]))) {
                char help[] = "--help", *words[] = {help, NULL};
                return cmd->exec(&ctx, 1, words) ? 2 : 0;
            }
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
    if (!(cmd = command_named(argv[i]))) {
        cs_error(&ctx.err, CS_EINPUT, "command", argv[i], "unknown command");
        fprintf(stderr, "confspend: %s; see 'confspend --help'\n", ctx.err.msg);
        return 2;
    }
    if (date_today(&ctx.today, &ctx.err)) {
        fprintf(stderr, "confspend: %s\n", ctx.err.msg);
        return 2;
    }
    date_format(ctx.today, ctx.today_s);
    rc = cli_run(&ctx, cmd, argc - i - 1, argv + i + 1);
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
