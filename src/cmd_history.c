/* cmd_history.c - `confspend history [ID]`: every kept change, oldest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/money.h"
#include "confspend/output.h"

static const char help[] =
    "Show the kept changes to expenses (all, or those of expense ID), oldest first:\n"
    "adds, edits with each changed field as old -> new, removals, and undos.\n\n"
    "options:\n"
    "  --format F   table (default), csv or json; columns change,at,action,id,detail\n";

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
    size_t n = strlen(s);
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
            int db = money_digits((const char *)sqlite3_column_text(st, 3));
            int da = money_digits((const char *)sqlite3_column_text(st, 4));
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

/*
 * Check the expense copy JSON (a change's before or after, NULL for none) with CHECK, the
 * prepared snapshot query below, as stored_row_check() checks a row: a row that another
 * program wrote is named (its change keeps it), never shown misread.
 */
static int snapshot_check(sqlite3 *db, sqlite3_stmt *check, const char *json, struct cs_err *e)
{
    static const struct stored_columns cols = {
        .table = "expense",
        .date_name = "date",
        .id = 0,
        .date = 1,
        .category = 2,
        .amount = 3,
        .currency = 4,
        .provider = 5,
        .tip = 6,
        .platform_fee = 7,
        .nights = 8,
        .compare_rate = 9,
        .reimbursable = 10,
        .until_month = -1,
        .posted_month = -1,
    };
    int rc;
    if (!json)
        return 0;
    sqlite3_reset(check);
    sqlite3_bind_text(check, 1, json, -1, SQLITE_STATIC);
    rc = sqlite3_step(check);
    rc = rc == SQLITE_ROW ? stored_row_check(check, &cols, e)
                          : db_fail(db, "cannot read the history", e);
    sqlite3_reset(check);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"format", OPT_VALUE}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    int64_t id = 0;
    enum out_format fmt;
    sqlite3_stmt *st = NULL, *check = NULL;
    struct output out;
    static const char *const head[] = {"change", "at", "action", "id", "detail"};
    static const int align[] = {ALIGN_RIGHT, 0, 0, ALIGN_RIGHT, 0};

    if ((rc = cmd_parse(ctx, &cmd_history, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((npos && expense_parse_id(pos[0], &id, &ctx->err)) ||
        output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)))
        return rc;
    /* an id with no history is an error before anything is printed */
    if (id) {
        if (db_prepare(ctx->db,
                       "SELECT 1 FROM history WHERE expense_id = ?1 OR (action = 'import' AND "
                       "?1 BETWEEN json_extract(after, '$.first') AND "
                       "json_extract(after, '$.last')) LIMIT 1",
                       &st, &ctx->err))
            return CS_EFAIL;
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW) {
            char ids[24];
            snprintf(ids, sizeof ids, "%lld", (long long)id);
            if (rc != SQLITE_DONE)
                return db_fail(ctx->db, "cannot read the history", &ctx->err);
            return cs_error(&ctx->err, CS_EINPUT, "id", ids, "no such expense in the history");
        }
    }
    if (db_prepare(ctx->db,
                   "SELECT id, strftime('%Y-%m-%d %H:%M:%S', at, 'unixepoch'), action, "
                   "expense_id, before, after, undo_of, undone_by FROM history "
                   "WHERE ?1 = 0 OR expense_id = ?1 OR (action = 'import' AND ?1 BETWEEN "
                   "json_extract(after, '$.first') AND json_extract(after, '$.last')) "
                   "ORDER BY id",
                   &st, &ctx->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    if (db_prepare(ctx->db,
                   "SELECT json_extract(?1, '$.id'), json_extract(?1, '$.date'), "
                   "json_extract(?1, '$.category'), json_extract(?1, '$.amount'), "
                   "json_extract(?1, '$.currency'), json_extract(?1, '$.provider'), "
                   "json_extract(?1, '$.tip'), json_extract(?1, '$.platform_fee'), "
                   "json_extract(?1, '$.nights'), json_extract(?1, '$.compare_rate'), "
                   "json_extract(?1, '$.reimbursable')",
                   &check, &ctx->err)) {
        sqlite3_finalize(st);
        return CS_EFAIL;
    }
    output_begin(&out, fmt, stdout, 5, head, align);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char change[24], eid[24], act[48], *d;
        const char *action = (const char *)sqlite3_column_text(st, 2);
        /* an import's after is its summary, not an expense */
        if (strcmp(action, "import") &&
            (snapshot_check(ctx->db, check, (const char *)sqlite3_column_text(st, 4), &ctx->err) ||
             snapshot_check(ctx->db, check, (const char *)sqlite3_column_text(st, 5), &ctx->err))) {
            rc = CS_EFAIL;
            break;
        }
        snprintf(change, sizeof change, "%lld", (long long)sqlite3_column_int64(st, 0));
        snprintf(eid, sizeof eid, "%lld", (long long)sqlite3_column_int64(st, 3));
        if (sqlite3_column_type(st, 6) != SQLITE_NULL)
            snprintf(act, sizeof act, "%s (undo of %lld)", action_word(action),
                     (long long)sqlite3_column_int64(st, 6));
        else
            snprintf(act, sizeof act, "%s%s", action_word(action),
                     sqlite3_column_type(st, 7) != SQLITE_NULL ? " (undone)" : "");
        d = detail(ctx->db, action, (const char *)sqlite3_column_text(st, 4),
                   (const char *)sqlite3_column_text(st, 5));
        const char *cells[] = {change, (const char *)sqlite3_column_text(st, 1), act, eid, d};
        output_row(&out, cells);
        free(d);
    }
    if (rc != SQLITE_DONE && rc != CS_EFAIL)
        rc = db_fail(ctx->db, "cannot read the history", &ctx->err);
    sqlite3_finalize(st);
    sqlite3_finalize(check);
    output_end(&out);
    return rc == SQLITE_DONE ? 0 : CS_EFAIL;
}

const struct cs_cmd cmd_history = {"history", "history [ID] [--format F]", help, 0, exec};
