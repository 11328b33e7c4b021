/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_place.c - `confspend place add|list|rm`: short names for the places rides go
 * between, so that `--from home --to venue` stores the places in full. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/output.h"
#include "confspend/place.h"

static const char help[] =
    "Name the places rides go between.\n\n"
    "  place add ALIAS NAME   ALIAS (1-64 of a-z 0-9 - _ .) stands for NAME\n"
    "  place list [--format F]  the aliases (table, csv or json)\n"
    "  place rm ALIAS\n\n"
    "--from and --to (add, edit, again) take an alias, a place already used (among the\n"
    "5000 newest expenses; compared ignoring case, blanks and curly quotes), or the start\n"
    "of one when only one place starts so. A word within two edits of an alias is refused\n"
    "as a mistyped alias; a new place near a known one is stored, with a hint on stderr.\n\n"
    "examples:\n"
    "  confspend place add home \"Friends' place\"\n"
    "  confspend place add venue \"Huntington Convention Center\"\n"
    "  confspend add ride 16.42 --provider lyft --from home --to venue\n";

static int list_row(const char *alias, const char *name, void *arg)
{
    const char *cells[] = {alias, name};
    output_row(arg, cells);
    return 0;
}

static int place_list(struct cs_ctx *ctx, struct cs_opt *o)
{
    static const char *const head[] = {"alias", "name"};
    static const int align[] = {0, 0};
    enum out_format fmt;
    struct output out;
    int rc;
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)))
        return rc;
    output_begin(&out, fmt, stdout, 2, head, align);
    rc = place_each(ctx->db, list_row, &out, &ctx->err);
    output_end(&out);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"format", OPT_VALUE}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[3];
    int npos, rc;
    char *name = NULL;

    if ((rc = cmd_parse(ctx, &cmd_place, argc, argv, o, pos, 3, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos == 0)
        return cs_error(&ctx->err, CS_EINPUT, "place", NULL, "missing subcommand (add, list, rm)");
    if (!strcmp(pos[0], "list")) {
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        return place_list(ctx, o);
    }
    if (strcmp(pos[0], "add") && strcmp(pos[0], "rm"))
        return cs_error(&ctx->err, CS_EINPUT, "place", pos[0],
                        "unknown subcommand (add, list, rm)");
    if (args_has(o, "format"))
        return cs_error(&ctx->err, CS_EINPUT, "--format", args_value(o, "format"),
                        "only for place list");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "alias", NULL, "missing (place %s ALIAS%s)", pos[0],
                        strcmp(pos[0], "add") ? "" : " NAME");
    if (!strcmp(pos[0], "rm")) {
        if (npos > 2)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[2], "unexpected argument");
        if ((rc = ctx_open_write(ctx)) || (rc = place_rm(ctx->db, pos[1], &name, &ctx->err)))
            return rc;
        output_linef(stdout, STYLE_NONE, "removed place %s  %s", pos[1], name);
        ctx_summary(ctx, "place rm %s", pos[1]);
        free(name);
        return 0;
    }
    if (npos < 3)
        return cs_error(&ctx->err, CS_EINPUT, "name", NULL, "missing (place add ALIAS NAME)");
    if (!place_alias_valid(pos[1]))
        return cs_error(&ctx->err, CS_EINPUT, "alias", pos[1], "use 1-64 of a-z 0-9 - _ .");
    if (text_check(pos[2], "name", &ctx->err) || text_length_check(pos[2], "name", &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)) || (rc = place_add(ctx->db, pos[1], pos[2], &ctx->err)))
        return rc;
    output_linef(stdout, STYLE_NONE, "%s  %s", pos[1], pos[2]);
    ctx_summary(ctx, "place add %s", pos[1]);
    return 0;
}

const struct cs_cmd cmd_place = {"place", "place add ALIAS NAME | list | rm ALIAS", help, 0, exec};
