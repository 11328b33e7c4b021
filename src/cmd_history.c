/* cmd_history.c - `confspend history [ID | --change N]`: the change log, oldest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/change.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/expense.h"
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

static int is_money_key(const char *k)
{
    return !strcmp(k, "amount") || !strcmp(k, "tip") || !strcmp(k, "platform_fee") ||
           !strcmp(k, "compare_rate");
}

/* Append the text of a json_each value column (money keys formatted in DIGITS). */
static void append_value(char **buf, size_t *len, sqlite3_stmt *st, int col, const char *key,
                         int digits)
{
    char tmp[48];
    const char *v;
    if (sqlite3_column_type(st, col) == SQLITE_NULL) {
        v = "(none)";
    } else if (is_money_key(key)) {
        money_format(sqlite3_column_int64(st, col), digits, tmp, sizeof tmp);
        v = tmp;
    } else {
        v = (const char *)sqlite3_column_text(st, col);
    }
    size_t n = strlen(v);
    *buf = xrealloc(*buf, *len + n + 1);
    memcpy(*buf + *len, v, n + 1);
    *len += n;
}

static void append(char **buf, size_t *len, const char *s)
{
    size_t n;
    if (!s) /* a revision-1 entry may lack a field */
        s = "";
    n = strlen(s);
    *buf = xrealloc(*buf, *len + n + 1);
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* The detail text of one change, allocated. */
/* The word a change's action is shown as. */
static const char *action_word(const char *action)
{
    return !strcmp(action, "insert")   ? "add"
           : !strcmp(action, "delete") ? "rm"
           : !strcmp(action, "import") ? "import"
                                       : "edit";
}

static char *detail(sqlite3 *db, const char *action, const char *before, const char *after)
{
    sqlite3_stmt *st = NULL;
    char *buf = xstrdup("");
    size_t len = 0;
    if (!strcmp(action, "import")) {
        if (sqlite3_prepare_v2(db,
                               "SELECT printf('%d expenses, ids %d to %d, from %s', "
                               "json_extract(?1, '$.count'), json_extract(?1, '$.first'), "
                               "json_extract(?1, '$.last'), json_extract(?1, '$.source'))",
                               -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, after, -1, SQLITE_STATIC);
            if (sqlite3_step(st) == SQLITE_ROW)
                append(&buf, &len, (const char *)sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
        return buf;
    }
    if (!strcmp(action, "update")) {
        if (sqlite3_prepare_v2(db,
                               "SELECT b.key, b.value, a.value, json_extract(?1, '$.currency'), "
                               "json_extract(?2, '$.currency') "
                               "FROM json_each(?1) b JOIN json_each(?2) a ON a.key = b.key "
                               "WHERE b.value IS NOT a.value AND b.key <> 'created_at' "
                               "ORDER BY b.id",
                               -1, &st, NULL) != SQLITE_OK)
            return buf;
        sqlite3_bind_text(st, 1, before, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, after, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *key = (const char *)sqlite3_column_text(st, 0);
            /* old amounts in the old currency's digits, new ones in the new one's */
            const char *cb = (const char *)sqlite3_column_text(st, 3);
            const char *ca = (const char *)sqlite3_column_text(st, 4);
            int db = money_digits(cb ? cb : "USD");
            int da = money_digits(ca ? ca : "USD");
            if (len)
                append(&buf, &len, "; ");
            /* the stored names of --from and --to are origin and dest */
            append(&buf, &len, !strcmp(key, "origin") ? "from" : !strcmp(key, "dest") ? "to" : key);
            append(&buf, &len, ": ");
            append_value(&buf, &len, st, 1, key, db);
            append(&buf, &len, " -> ");
            append_value(&buf, &len, st, 2, key, da);
        }
    } else {
        if (sqlite3_prepare_v2(db,
                               "SELECT json_extract(?1, '$.date'), json_extract(?1, '$.category'), "
                               "json_extract(?1, '$.amount'), json_extract(?1, '$.currency'), "
                               "coalesce(json_extract(?1, '$.merchant'), "
                               "json_extract(?1, '$.recipient'), '')",
                               -1, &st, NULL) != SQLITE_OK)
            return buf;
        sqlite3_bind_text(st, 1, !strcmp(action, "insert") ? after : before, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            char amt[48];
            const char *cur = (const char *)sqlite3_column_text(st, 3);
            if (!cur)
                cur = "USD";
            money_format(sqlite3_column_int64(st, 2), money_digits(cur), amt, sizeof amt);
            append(&buf, &len, (const char *)sqlite3_column_text(st, 0));
            append(&buf, &len, " ");
            append(&buf, &len, (const char *)sqlite3_column_text(st, 1));
            append(&buf, &len, " ");
            append(&buf, &len, amt);
            append(&buf, &len, " ");
            append(&buf, &len, cur);
            if (*(const char *)sqlite3_column_text(st, 4)) {
                append(&buf, &len, " ");
                append(&buf, &len, (const char *)sqlite3_column_text(st, 4));
            }
        }
    }
    sqlite3_finalize(st);
    return buf;
}

/* The name a person knows a stored column by. */
static const char *field_word(const char *col)
{
    return !strcmp(col, "origin")    ? "from"
           : !strcmp(col, "dest")    ? "to"
           : !strcmp(col, "trip_id") ? "trip"
                                     : col;
}

/* A revision-1 entry names its trip by id: show the slug where the trip is known. */
static char *legacy_detail(sqlite3 *db, const char *action, const char *before, const char *after)
{
    char *d = detail(db, action, before, after), *p;
    sqlite3_stmt *st = NULL;
    if (!(p = strstr(d, "trip_id: ")))
        return d;
    if (sqlite3_prepare_v2(db,
                           "SELECT replace(replace(?1, 'trip_id: ' || ?2 || ' ', 'trip: ' || "
                           "coalesce((SELECT slug FROM trip WHERE id = ?2), ?2) || ' '), "
                           "'-> ' || ?3, '-> ' || coalesce((SELECT slug FROM trip WHERE id = "
                           "?3), ?3))",
                           -1, &st, NULL) == SQLITE_OK) {
        long long a = 0, b = 0;
        sscanf(p, "trip_id: %lld -> %lld", &a, &b);
        sqlite3_bind_text(st, 1, d, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, a);
        sqlite3_bind_int64(st, 3, b);
        if (sqlite3_step(st) == SQLITE_ROW) {
            free(d);
            d = xstrdup((const char *)sqlite3_column_text(st, 0));
        }
    }
    sqlite3_finalize(st);
    return d;
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
    char *buf = xstrdup("");
    size_t len = 0;
    const char *word = !strcmp(ce->action, "insert")   ? "add"
                       : !strcmp(ce->action, "delete") ? "rm"
                       : !strcmp(ce->action, "import") ? "import"
                                                       : "edit";
    snprintf(change, sizeof change, "%lld", (long long)ce->info->id);
    snprintf(eid, sizeof eid, "%lld", (long long)w->id);
    snprintf(act, sizeof act, "%s%s%s", word, !strcmp(ce->info->kind, "post") ? " (posted)" : "",
             !strcmp(ce->info->state, "undone") ? " (undone)" : "");
    if (!strcmp(ce->action, "import")) {
        append(&buf, &len, ce->info->summary);
    } else if (!strcmp(ce->action, "update")) {
        for (int i = 0; i < ce->ncols; i++) {
            if (!ce->new[i] && !ce->old[i])
                continue;
            if (!strcmp(ce->names[i], "created_at"))
                continue;
            if (len)
                append(&buf, &len, "; ");
            append(&buf, &len, field_word(ce->names[i]));
            append(&buf, &len, ": ");
            append(&buf, &len, ce->old[i] ? ce->old[i] : "(none)");
            append(&buf, &len, " -> ");
            append(&buf, &len, ce->new[i] ? ce->new[i] : "(none)");
        }
    } else {
        const char *const *v = !strcmp(ce->action, "insert") ? ce->new : ce->old;
        const char *keys[] = {"date", "category", "amount", "currency"};
        int m = col_of(ce, "merchant"), r = col_of(ce, "recipient");
        for (int k = 0; k < 4; k++) {
            int c = col_of(ce, keys[k]);
            if (k)
                append(&buf, &len, " ");
            append(&buf, &len, c >= 0 && v[c] ? v[c] : "");
        }
        if ((m >= 0 && v[m]) || (r >= 0 && v[r])) {
            append(&buf, &len, " ");
            append(&buf, &len, m >= 0 && v[m] ? v[m] : v[r]);
        }
    }
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

static int count_legacy(struct cs_ctx *ctx, int64_t id, int *n)
{
    sqlite3_stmt *st = NULL;
    if (db_prepare(ctx->db,
                   "SELECT count(*) FROM history_v1 WHERE expense_id = ?1 OR (action = 'import' "
                   "AND ?1 BETWEEN json_extract(after, '$.first') AND "
                   "json_extract(after, '$.last'))",
                   &st, &ctx->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n += sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return 0;
}

/* The revision-1 history of expense ID (kept by migration 0009 as history_v1). */
static int list_legacy(struct cs_ctx *ctx, struct walk *w)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(ctx->db,
                   "SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch'), action, before, "
                   "after, undo_of, undone_by FROM history_v1 WHERE expense_id = ?1 OR "
                   "(action = 'import' AND ?1 BETWEEN json_extract(after, '$.first') AND "
                   "json_extract(after, '$.last')) ORDER BY id",
                   &st, &ctx->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, w->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char change[32], eid[24], act[48], *d;
        const char *action = (const char *)sqlite3_column_text(st, 2);
        if (!action)
            action = "update";
        snprintf(change, sizeof change, "v1.%lld", (long long)sqlite3_column_int64(st, 0));
        snprintf(eid, sizeof eid, "%lld", (long long)w->id);
        snprintf(act, sizeof act, "%s%s", action_word(action),
                 sqlite3_column_type(st, 5) != SQLITE_NULL   ? " (undo)"
                 : sqlite3_column_type(st, 6) != SQLITE_NULL ? " (undone)"
                                                             : "");
        d = legacy_detail(ctx->db, action, (const char *)sqlite3_column_text(st, 3),
                          (const char *)sqlite3_column_text(st, 4));
        const char *cells[] = {change, (const char *)sqlite3_column_text(st, 1), act, eid, d};
        output_row(w->out, cells);
        free(d);
        w->rows++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(ctx->db, "cannot read the history", &ctx->err);
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
        (args_value(o, "change") &&
         expense_parse_id(args_value(o, "change"), &change, &ctx->err)) ||
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
            (rc = count_legacy(ctx, id, &n)))
            return rc;
        if (!n) {
            char ids[24];
            snprintf(ids, sizeof ids, "%lld", (long long)id);
            return cs_error(&ctx->err, CS_EINPUT, "id", ids, "no such expense in the history");
        }
        output_begin(&out, fmt, stdout, 5, exp_head, exp_align);
        if (!(rc = list_legacy(ctx, &w)))
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
