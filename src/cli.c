/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.c - the command layer: parsing, help, the context, and the database and write
 * transaction the dispatcher owns (one command = one transaction = one change). */
#include "confspend/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/output.h"
#include "confspend/place.h"
#include "confspend/report.h"
#include "confspend/schedule.h"

int cmd_print_help(const struct cs_cmd *cmd)
{
    printf("usage: confspend [--db FILE] %s\n\n%s", cmd->usage, cmd->help);
    return 0;
}

int ctx_take_db_opt(struct cs_ctx *ctx, const char *value)
{
    /* an empty name would fall through to $CONFSPEND_DB or the default database, which
     * the user did not ask for */
    if (!*value)
        return cs_error(&ctx->err, CS_EINPUT, "--db", NULL,
                        "an empty file name (give a database file, or leave --db out)");
    ctx->db_opt = value;
    return 0;
}

struct cs_opt *cli_options_wanted;

/* After the help text: the short options among O, as "-d --date". */
static void print_shorts(const struct cs_opt *o)
{
    int n = 0;
    for (; o->name; o++) {
        char c = args_short_letter(o->name);
        if (c)
            printf("%s-%c --%s", n++ ? ", " : "\nshort options: ", c, o->name);
    }
    if (n)
        printf("\n");
}

/* The options that take a day: a value given as a word (`yesterday`, `-2`, `fri`)
 * becomes the date it names, so every command reads YYYY-MM-DD. A month (report's
 * --since 2026-11) is left as it is. */
static int date_words(struct cs_ctx *ctx, struct cs_opt *o)
{
    static const char *const names[] = {"date", "start", "end", "since", "until", NULL};
    int k = 0;
    for (int i = 0; names[i]; i++) {
        struct cs_opt *x = args_find(o, names[i]);
        struct cs_date d;
        char field[16];
        if (!x || !x->value || (x->value[0] >= '0' && x->value[0] <= '9'))
            continue;
        snprintf(field, sizeof field, "--%s", names[i]);
        if (date_word(x->value, ctx->today, &d, field, &ctx->err))
            return CS_EINPUT;
        date_format(d, ctx->dates[k]);
        x->value = ctx->dates[k++];
    }
    return 0;
}

int cmd_parse(struct cs_ctx *ctx, const struct cs_cmd *cmd, int argc, char **argv, struct cs_opt *o,
              const char **pos, int maxpos, int *npos)
{
    int help_wanted;
    if (cli_options_wanted) { /* the completion asks which options the command has */
        size_t n = 0;
        while (o[n].name)
            n++;
        cli_options_wanted = xmalloc(sizeof *o * (n + 1));
        memcpy(cli_options_wanted, o, sizeof *o * (n + 1));
        return CMD_HELPED;
    }
    if (args_parse(argc, argv, o, pos, maxpos, npos, &help_wanted, &ctx->err))
        return CS_EINPUT;
    if (help_wanted) {
        cmd_print_help(cmd);
        print_shorts(o);
        return CMD_HELPED;
    }
    if (args_value(o, "db") && ctx_take_db_opt(ctx, args_value(o, "db")))
        return CS_EINPUT;
    return date_words(ctx, o);
}

/* Post the schedule occurrences that are due, as a change of their own (kind "post",
 * which undo and redo skip), before the command's own. */
static int post_due(struct cs_ctx *ctx)
{
    struct change_rec c = CHANGE_REC_INIT;
    char summary[96];
    int n = 0;
    int64_t id;
    /* a read-only database is read as it is: the occurrences are posted by the next
     * command that can write (a read never fails for a posting it could not make) */
    if (sqlite3_db_readonly(ctx->db, "main") == 1 ||
        !schedule_has_due(ctx->db, ctx->today_s, &ctx->err))
        return 0;
    if (db_begin(ctx->db, &ctx->err))
        return CS_EFAIL;
    if (change_begin(ctx->db, 0, &c, &ctx->err) ||
        schedule_post_due(ctx->db, ctx->today_s, &n, &ctx->err))
        goto fail;
    snprintf(summary, sizeof summary, "posted %d due occurrence%s of schedules", n,
             n == 1 ? "" : "s");
    if (change_end(ctx->db, &c, "post", "post", summary, 0, 0, 0, &id, &ctx->err) ||
        db_commit(ctx->db, &ctx->err))
        goto fail;
    return 0;
fail:
    change_release(&c);
    db_rollback(ctx->db);
    return CS_EFAIL;
}

int ctx_open_db(struct cs_ctx *ctx)
{
    char *path;
    int rc;
    if (ctx->db)
        return 0;
    path = db_resolve_path(ctx->db_opt);
    rc = ctx->journal_direct ? db_open_direct(path, &ctx->db, &ctx->err)
                             : db_open(path, &ctx->db, &ctx->err);
    free(path);
    if (rc)
        return rc;
    return post_due(ctx);
}

int ctx_open_write(struct cs_ctx *ctx)
{
    int rc;
    if (ctx->writing)
        return 0;
    if ((rc = ctx_open_db(ctx)) || (rc = db_begin(ctx->db, &ctx->err)))
        return rc;
    if ((rc = change_begin(ctx->db, 0, &ctx->change, &ctx->err))) {
        db_rollback(ctx->db);
        return rc;
    }
    ctx->writing = 1;
    output_hold(); /* printed once committed (cli_run) */
    return 0;
}

void ctx_summary(struct cs_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    char buf[512];
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(ctx->summary);
    ctx->summary = xstrdup(buf);
}

/* The command line as one string, words with blanks or quotes quoted as a shell would. */
static char *command_line(const char *name, int argc, char **argv)
{
    size_t len = strlen(name), cap = len + 1;
    char *s = xmalloc(cap);
    memcpy(s, name, len + 1);
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        int plain = *w != 0;
        for (const char *p = w; *p; p++)
            if (!(*p == '-' || *p == '_' || *p == '.' || *p == '/' || *p == ':' || *p == '=' ||
                  *p == ',' || *p == '+' || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
                  (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80))
                plain = 0;
        cap = len + 4 * strlen(w) + 4;
        s = xrealloc(s, cap);
        s[len++] = ' ';
        if (plain) {
            strcpy(s + len, w);
            len += strlen(w);
            continue;
        }
        s[len++] = '\'';
        for (const char *p = w; *p; p++) {
            if (*p == '\'') {
                memcpy(s + len, "'\\''", 4);
                len += 4;
            } else {
                s[len++] = *p;
            }
        }
        s[len++] = '\'';
        s[len] = 0;
    }
    return s;
}

int ctx_finish(struct cs_ctx *ctx, int rc)
{
    if (ctx->writing) {
        int64_t id;
        if (!rc)
            rc = change_end(ctx->db, &ctx->change, "user", ctx->command,
                            ctx->summary ? ctx->summary : ctx->command, 0, 0, 0, &id, &ctx->err);
        if (!rc)
            rc = db_commit(ctx->db, &ctx->err);
        change_release(&ctx->change);
        ctx->writing = 0;
        if (output_release(rc == 0) && !rc)
            rc = cs_error(&ctx->err, CS_EFAIL, "output", NULL, "cannot write");
    }
    if (ctx->db)
        db_rollback(ctx->db);
    free(ctx->summary);
    ctx->summary = NULL;
    return rc;
}

int cli_run(struct cs_ctx *ctx, const struct cs_cmd *cmd, int argc, char **argv)
{
    int rc;
    ctx->command = command_line(cmd->name, argc, argv);
    rc = ctx_finish(ctx, cmd->exec(ctx, argc, argv));
    free(ctx->command);
    free(ctx->summary);
    ctx->command = ctx->summary = NULL;
    return rc;
}

struct period_sel period_sel_of(struct cs_opt *o)
{
    struct period_sel s = {args_value(o, "trip"), args_value(o, "month"), args_value(o, "since"),
                           args_value(o, "until")};
    return s;
}

struct ride_opts ride_opts_of(struct cs_opt *o)
{
    struct ride_opts r = {args_value(o, "commission"), args_value(o, "share"),
                          args_value(o, "availability"), args_value(o, "min-rides"),
                          args_value(o, "trial-days")};
    return r;
}

int entry_receipt_once(struct cs_ctx *ctx, struct cs_opt *o)
{
    struct cs_opt *r = args_get(o, "receipt");
    if (r->seen > 1)
        return cs_error(&ctx->err, CS_EINPUT, "--receipt", r->value,
                        "given more than once (one file here; more with: confspend receipt "
                        "add ID FILE...)");
    return 0;
}

struct entry_opts entry_opts_of(struct cs_opt *o)
{
    static const char *const negated[ENTRY_NNEG] = {ENTRY_NEGATED(ENTRY_NEGATED_NAME, CS_COMMA)};
    struct entry_opts eo = {args_value(o, "date"),         args_value(o, "currency"),
                            args_value(o, "merchant"),     args_value(o, "note"),
                            args_value(o, "trip"),         args_value(o, "payment"),
                            args_value(o, "receipt"),      args_value(o, "provider"),
                            args_value(o, "from"),         args_value(o, "to"),
                            args_value(o, "driver"),       args_value(o, "tip"),
                            args_value(o, "platform-fee"), args_value(o, "nights"),
                            args_value(o, "compare-rate"), args_value(o, "recipient"),
                            args_has(o, "no-trip"),        args_has(o, "reimbursable"),
                            args_has(o, "personal"),       args_has(o, "refund"),
                            args_has(o, "shared"),         {0}};
    for (int i = 0; i < ENTRY_NNEG; i++) {
        char name[32];
        struct cs_opt *n;
        snprintf(name, sizeof name, "no-%s", negated[i]);
        n = args_find(o, name); /* add has no negations */
        eo.no[i] = n && n->seen > 0;
    }
    eo.base_amount = args_value(o, "base-amount");
    eo.rating = args_value(o, "rating");
    return eo;
}

int entry_places_resolve(struct cs_ctx *ctx, struct entry_opts *eo, struct entry_places *p)
{
    int rc;
    if (eo->from &&
        (rc = place_resolve(ctx->db, "--from", eo->from, &p->from, &p->from_near, &ctx->err)))
        return rc;
    if (eo->to && (rc = place_resolve(ctx->db, "--to", eo->to, &p->to, &p->to_near, &ctx->err)))
        return rc;
    if (p->from)
        eo->from = p->from;
    if (p->to)
        eo->to = p->to;
    return 0;
}

void entry_places_hint(const struct entry_places *p)
{
    if (p->from_near)
        output_linef(output_notes(), STYLE_NONE,
                     "confspend: new place \"%s\" (did you mean \"%s\"?)", p->from, p->from_near);
    if (p->to_near && !(p->from_near && !strcmp(p->from, p->to)))
        output_linef(output_notes(), STYLE_NONE,
                     "confspend: new place \"%s\" (did you mean \"%s\"?)", p->to, p->to_near);
}

void entry_places_release(struct entry_places *p)
{
    free(p->from);
    free(p->to);
    free(p->from_near);
    free(p->to_near);
    p->from = p->to = p->from_near = p->to_near = NULL;
}
