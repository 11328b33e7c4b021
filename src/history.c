/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.c - the revision-1 history (history_v1, read only), and the per-row triggers a
 * bulk load sets aside. */
#include "confspend/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/db.h"
#include "confspend/money.h"

/* The row triggers a batch sets aside: the history copy of each insert (the batch keeps
 * one entry instead) and the calendar check of 0006 (the batch's writer checks every date
 * itself, with date_parse()). */
#define QUIET_TRIGGERS "('expense_date_insert')"

int history_batch_begin(sqlite3 *db, struct cs_err *e)
{
    /* Dropped inside the caller's transaction and made again by history_batch_end() from
     * their saved text: a rollback or a crash brings them back with everything else, and
     * no other process ever sees them missing. Per row they cost a third of an import. */
    sqlite3_stmt *st = NULL;
    char **names = NULL;
    int n = 0, rc = 0;
    if (db_exec(db,
                "DROP TABLE IF EXISTS temp.quiet_trigger; "
                "CREATE TEMP TABLE quiet_trigger AS SELECT name, sql FROM main.sqlite_master "
                "WHERE type = 'trigger' AND tbl_name = 'expense' AND name IN " QUIET_TRIGGERS,
                e) ||
        db_prepare(db, "SELECT name FROM temp.quiet_trigger", &st, e))
        return CS_EFAIL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        names = xrealloc(names, sizeof *names * (size_t)(n + 1));
        names[n++] = sqlite3_mprintf("DROP TRIGGER main.%w", sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++) {
        if (!rc)
            rc = db_exec(db, names[i], e);
        sqlite3_free(names[i]);
    }
    free(names);
    return rc;
}

int history_batch_end(sqlite3 *db, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    char **sql = NULL;
    int n = 0, rc = 0;
    if (db_prepare(db, "SELECT sql FROM temp.quiet_trigger", &st, e))
        return CS_EFAIL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        sql = xrealloc(sql, sizeof *sql * (size_t)(n + 1));
        sql[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++) {
        if (!rc)
            rc = db_exec(db, sql[i], e);
        free(sql[i]);
    }
    free(sql);
    return rc || db_exec(db, "DROP TABLE temp.quiet_trigger", e) ? CS_EFAIL : 0;
}

/* ---- the revision-1 history: expense rows as JSON, kept by migration 0009 ---- */

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

int history_v1_each(sqlite3 *db, int64_t expense_id,
                    int (*fn)(const struct history_v1_entry *, void *), void *arg, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db,
                   "SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch'), action, before, "
                   "after, undo_of, undone_by FROM history_v1 WHERE expense_id = ?1 OR "
                   "(action = 'import' AND ?1 BETWEEN json_extract(after, '$.first') AND "
                   "json_extract(after, '$.last')) ORDER BY id",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, expense_id);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        char change[32], act[48], *d;
        const char *action = (const char *)sqlite3_column_text(st, 2);
        if (!action)
            action = "update";
        snprintf(change, sizeof change, "v1.%lld", (long long)sqlite3_column_int64(st, 0));
        snprintf(act, sizeof act, "%s%s", action_word(action),
                 sqlite3_column_type(st, 5) != SQLITE_NULL   ? " (undo)"
                 : sqlite3_column_type(st, 6) != SQLITE_NULL ? " (undone)"
                                                             : "");
        d = legacy_detail(db, action, (const char *)sqlite3_column_text(st, 3),
                          (const char *)sqlite3_column_text(st, 4));
        {
            struct history_v1_entry h = {change, (const char *)sqlite3_column_text(st, 1), act, d};
            rc = fn(&h, arg);
        }
        free(d);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the history", e);
}
