/* history.c - undo over the history table the triggers of migration 0002 fill. */
#include "confspend/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/db.h"

#define FIELDS                                                                                     \
    "date, category, amount, currency, merchant, note, trip_id, reimbursable, payment, "           \
    "receipt, provider, origin, dest, driver, tip, platform_fee, shared, nights, compare_rate, "   \
    "recipient, schedule_id, occurrence, import_key, created_at"
#define J(k) "json_extract(?1, '$." k "')"
#define VALUES                                                                                                                                                   \
    J("date")                                                                                                                                                    \
    ", " J("category") ", " J("amount") ", " J("currency") ", " J("merchant") ", " J(                                                                            \
        "note") ","                                                                                                                                              \
                " " J("trip_id") ", " J("reimbursable") ", " J(                                                                                                  \
                    "payment") ","                                                                                                                               \
                               " " J("receipt") ", " J("provider") ", " J("origin") ", " J("dest") ", " J("driver") ", " J("tip") ", " J("platform_fee") ", " J( \
                                   "shared") ", " J("nights") ", " J("compare_rate") ", " J("reci"                                                               \
                                                                                            "pien"                                                               \
                                                                                            "t") ", " J("schedule_id") ", " J("occurrence") ", " J("import_key") ", " J("created_at")

static int run(sqlite3 *db, const char *sql, const char *json, int64_t id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, sql, &st, e))
        return CS_EFAIL;
    db_bind_text(st, 1, json);
    sqlite3_bind_int64(st, 2, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot undo", e);
    return 0;
}

int history_undo(sqlite3 *db, char action[8], int64_t *expense_id, int64_t *change,
                 struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    int64_t hid, eid, top = 0;
    char *before = NULL, *after = NULL;
    if (db_prepare(db,
                   "SELECT id, expense_id, action, before, (SELECT max(id) FROM history), after "
                   "FROM history WHERE undo_of IS NULL AND undone_by IS NULL "
                   "ORDER BY id DESC LIMIT 1",
                   &st, e))
        return CS_EFAIL;
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return db_fail(db, "cannot read the history", e);
        return cs_error(e, CS_EINPUT, "undo", NULL, "nothing to undo");
    }
    hid = sqlite3_column_int64(st, 0);
    eid = sqlite3_column_int64(st, 1);
    snprintf(action, 8, "%s", (const char *)sqlite3_column_text(st, 2));
    before = db_col_dup(st, 3);
    top = sqlite3_column_int64(st, 4);
    after = db_col_dup(st, 5);
    sqlite3_finalize(st);

    if (!strcmp(action, "insert"))
        rc = run(db, "DELETE FROM expense WHERE id = ?2", NULL, eid, e);
    else if (!strcmp(action, "import"))
        rc = run(db,
                 "DELETE FROM expense WHERE id BETWEEN json_extract(?1, '$.first') AND "
                 "json_extract(?1, '$.last')",
                 after, eid, e);
    else if (!strcmp(action, "delete"))
        rc = run(db, "INSERT INTO expense(id, " FIELDS ") SELECT ?2, " VALUES, before, eid, e);
    else
        rc = run(db, "UPDATE expense SET (" FIELDS ") = (SELECT " VALUES ") WHERE id = ?2", before,
                 eid, e);
    free(before);
    free(after);
    if (rc == CS_EFAIL && (sqlite3_extended_errcode(db) & 0xff) == SQLITE_CONSTRAINT)
        return cs_error(e, CS_EINPUT, "undo", NULL,
                        "expense %lld cannot come back: its trip was removed since; add the "
                        "trip again first",
                        (long long)eid);
    if (rc)
        return rc;
    if (db_prepare(db, "UPDATE history SET undo_of = ?1 WHERE id > ?2", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, hid);
    sqlite3_bind_int64(st, 2, top);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot record the undo", e);
    if (db_prepare(db, "UPDATE history SET undone_by = (SELECT max(id) FROM history) WHERE id = ?1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, hid);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot record the undo", e);
    *expense_id = eid;
    *change = hid;
    return 0;
}

/* The row triggers a batch sets aside: the history copy of each insert (the batch keeps
 * one entry instead) and the calendar check of 0006 (the batch's writer checks every date
 * itself, with date_parse()). */
#define QUIET_TRIGGERS "('expense_history_insert', 'expense_date_insert')"

int history_batch_begin(sqlite3 *db, struct cs_err *e)
{
    /* Dropped inside the caller's transaction and made again by history_batch_end() from
     * their saved text: a rollback or a crash brings them back with everything else, and
     * no other process ever sees them missing. Per row they cost a third of an import. */
    sqlite3_stmt *st = NULL;
    char **names = NULL;
    int n = 0, rc = 0;
    if (db_exec(db, "INSERT OR REPLACE INTO config(key, value) VALUES ('history.batch', '1')", e) ||
        db_exec(db,
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

/* Make the triggers history_batch_begin() set aside again. */
static int batch_restore(sqlite3 *db, struct cs_err *e)
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

int history_batch_end(sqlite3 *db, int64_t first, int64_t last, int64_t count, const char *source,
                      struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (batch_restore(db, e) || db_exec(db, "DELETE FROM config WHERE key = 'history.batch'", e))
        return CS_EFAIL;
    if (count <= 0)
        return 0;
    if (db_prepare(db,
                   "INSERT INTO history(expense_id, action, after) VALUES (?1, 'import', "
                   "json_object('first', ?1, 'last', ?2, 'count', ?3, 'source', ?4))",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, first);
    sqlite3_bind_int64(st, 2, last);
    sqlite3_bind_int64(st, 3, count);
    db_bind_text(st, 4, source);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot record the import", e);
    return 0;
}
