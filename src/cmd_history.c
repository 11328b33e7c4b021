/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_history.c - `confspend history [ID | --change N]`: the change log, oldest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/change.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/history.h"
#include "confspend/money.h"
#include "confspend/output.h"

static const char help[] =
    "Without ID: every change, oldest first, one per command that wrote (and one per\n"
    "posting of due monthly occurrences); columns change,at,command,summary,state, where\n"
    "`at` is UTC and state is done or undone.\n"
    "With ID: the changes of expense ID, oldest first: adds, edits with each changed field\n"
    "as old -> new, removals; columns change,at,action,id,detail.\n"
    "With --change N: the rows change N touched, one line per field; columns\n"
    "table,key,action,field,old,new.\n\n"
    "options:\n"
    "  --change N   the rows of change N\n"
    "  --format F   table (default), csv or json\n";

/* The name a person knows a stored column by. */
static const char *field_word(const char *col)
{
    return !strcmp(col, "origin")    ? "from"
           : !strcmp(col, "dest")    ? "to"
           : !strcmp(col, "trip_id") ? "trip"
                                     : col;
}

struct walk {
    struct output *out;
    int64_t id;
    int rows;
};

static int list_change(const struct change_info *ci, void *arg)
{
    struct walk *w = arg;
    char change[24];
    const char *cells[5];
    snprintf(change, sizeof change, "%lld", (long long)ci->id);
    cells[0] = change;
    cells[1] = ci->at;
    cells[2] = ci->command;
    cells[3] = ci->summary;
    cells[4] = ci->state;
    output_row(w->out, cells);
    w->rows++;
    return 0;
}

static int list_field(const struct change_field *f, void *arg)
{
    struct walk *w = arg;
    const char *cells[] = {f->table,
                           f->key,
                           f->action,
                           field_word(f->field),
                           f->old ? f->old : "",
                           f->new ? f->new : ""};
    output_row(w->out, cells);
    w->rows++;
    return 0;
}

/* The column of the expense row named NAME, or -1. */
static int col_of(const struct change_expense *ce, const char *name)
{
    for (int i = 0; i < ce->ncols; i++)
        if (!strcmp(ce->names[i], name))
            return i;
    return -1;
}

static int list_expense(const struct change_expense *ce, void *arg)
{
    struct walk *w = arg;
    char change[24], eid[24], act[48];
    char *buf = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&buf, &size);
    if (!fp)
        die("out of memory");
    const char *word = !strcmp(ce->action, "insert")   ? "add"
                       : !strcmp(ce->action, "delete") ? "rm"
                       : !strcmp(ce->action, "import") ? "import"
                                                       : "edit";
    snprintf(change, sizeof change, "%lld", (long long)ce->info->id);
    snprintf(eid, sizeof eid, "%lld", (long long)w->id);
    snprintf(act, sizeof act, "%s%s%s", word, !strcmp(ce->info->kind, "post") ? " (posted)" : "",
             !strcmp(ce->info->state, "undone") ? " (undone)" : "");
    if (!strcmp(ce->action, "import")) {
        fputs(ce->info->summary, fp);
    } else if (!strcmp(ce->action, "update")) {
        for (int i = 0; i < ce->ncols; i++) {
            if (!ce->new[i] && !ce->old[i])
                continue;
            if (!strcmp(ce->names[i], "created_at"))
                continue;
            if (ftell(fp))
                fputs("; ", fp);
            fputs(field_word(ce->names[i]), fp);
            fputs(": ", fp);
            fputs(ce->old[i] ? ce->old[i] : "(none)", fp);
            fputs(" -> ", fp);
            fputs(ce->new[i] ? ce->new[i] : "(none)", fp);
        }
    } else {
        const char *const *v = !strcmp(ce->action, "insert") ? ce->new : ce->old;
        const char *keys[] = {"date", "category", "amount", "currency"};
        int m = col_of(ce, "merchant"), r = col_of(ce, "recipient");
        for (int k = 0; k < 4; k++) {
            int c = col_of(ce, keys[k]);
            if (k)
                fputs(" ", fp);
            fputs(c >= 0 && v[c] ? v[c] : "", fp);
        }
        if ((m >= 0 && v[m]) || (r >= 0 && v[r])) {
            fputs(" ", fp);
            fputs(m >= 0 && v[m] ? v[m] : v[r], fp);
        }
    }
    fclose(fp);
    {
        const char *cells[] = {change, ce->info->at, act, eid, buf};
        output_row(w->out, cells);
    }
    free(buf);
    w->rows++;
    return 0;
}

static int count_field(const struct change_field *f, void *arg)
{
    (void)f;
    ++*(int *)arg;
    return 0;
}

static int count_expense(const struct change_expense *ce, void *arg)
{
    (void)ce;
    ++*(int *)arg;
    return 0;
}

static int count_legacy(const struct history_v1_entry *h, void *arg)
{
    (void)h;
    ++*(int *)arg;
    return 0;
}

static int list_legacy(const struct history_v1_entry *h, void *arg)
{
    struct walk *w = arg;
    char eid[24];
    snprintf(eid, sizeof eid, "%lld", (long long)w->id);
    const char *cells[] = {h->change, h->at, h->action, eid, h->detail};
    output_row(w->out, cells);
    w->rows++;
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"format", OPT_VALUE}, {"change", OPT_VALUE}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    int64_t id = 0, change = 0;
    enum out_format fmt;
    struct output out;
    struct walk w = {&out, 0, 0};
    static const char *const list_head[] = {"change", "at", "command", "summary", "state"};
    static const int list_align[] = {ALIGN_RIGHT, 0, 0, 0, 0};
    static const char *const exp_head[] = {"change", "at", "action", "id", "detail"};
    static const int exp_align[] = {ALIGN_RIGHT, 0, 0, ALIGN_RIGHT, 0};
    static const char *const row_head[] = {"table", "key", "action", "field", "old", "new"};
    static const int row_align[] = {0, ALIGN_RIGHT, 0, 0, 0, 0};

    if ((rc = cmd_parse(ctx, &cmd_history, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((npos && expense_parse_id(pos[0], &id, &ctx->err)) ||
        (args_value(o, "change") && row_id_parse(args_value(o, "change"), "--change",
                                                 "not a change number", &change, &ctx->err)) ||
        output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if (id && change)
        return cs_error(&ctx->err, CS_EINPUT, "--change", args_value(o, "change"),
                        "cannot go with an expense id");
    if ((rc = ctx_open_db(ctx)))
        return rc;
    w.id = id;
    if (change) {
        int n = 0;
        if ((rc = change_fields(ctx->db, change, count_field, &n, &ctx->err)))
            return rc;
        output_begin(&out, fmt, stdout, 6, row_head, row_align);
        rc = change_fields(ctx->db, change, list_field, &w, &ctx->err);
    } else if (id) {
        /* an id with no history is an error before anything is printed */
        int n = 0;
        if ((rc = change_expense_each(ctx->db, id, count_expense, &n, &ctx->err)) ||
            (rc = history_v1_each(ctx->db, id, count_legacy, &n, &ctx->err)))
            return rc;
        if (!n) {
            char ids[24];
            snprintf(ids, sizeof ids, "%lld", (long long)id);
            return cs_error(&ctx->err, CS_EINPUT, "id", ids, "no such expense in the history");
        }
        output_begin(&out, fmt, stdout, 5, exp_head, exp_align);
        if (!(rc = history_v1_each(ctx->db, id, list_legacy, &w, &ctx->err)))
            rc = change_expense_each(ctx->db, id, list_expense, &w, &ctx->err);
    } else {
        output_begin(&out, fmt, stdout, 5, list_head, list_align);
        rc = change_each(ctx->db, list_change, &w, &ctx->err);
    }
    output_end(&out);
    return rc;
}

const struct cs_cmd cmd_history = {"history", "history [ID | --change N] [--format F]", help, 0,
                                   exec};
