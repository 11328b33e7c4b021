/* budget.c - saving and removing budgets. */
#include "confspend/budget.h"

#include <stddef.h>

#include "confspend/db.h"

int budget_set(sqlite3 *db, const char *category, const char *month, int64_t trip_id,
               int64_t amount, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "INSERT INTO budget(category, month, trip_id, amount) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT(category, month, trip_id) DO UPDATE SET amount = excluded.amount",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, trip_id);
    sqlite3_bind_int64(st, 4, amount);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the budget", e);
    return 0;
}

int budget_rm(sqlite3 *db, const char *category, const char *month, int64_t trip_id,
              struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, "DELETE FROM budget WHERE category = ?1 AND month = ?2 AND trip_id = ?3",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, trip_id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot remove the budget", e);
    if (sqlite3_changes(db) == 0)
        return cs_error(e, CS_EINPUT, "budget", category, "no such budget%s%s",
                        *month ? " for " : (trip_id ? " for that trip" : " (default)"), month);
    return 0;
}

int budget_each(sqlite3 *db, int (*fn)(const struct budget_row *, void *), void *arg,
                struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db,
                   "SELECT b.category, b.month, coalesce(t.slug, ''), b.amount "
                   "FROM budget b LEFT JOIN trip t ON t.id = b.trip_id "
                   "ORDER BY b.trip_id <> 0, t.slug, b.month, "
                   "CASE b.category WHEN 'ride' THEN 0 WHEN 'meal' THEN 1 "
                   "WHEN 'lodging' THEN 2 WHEN 'donation' THEN 3 WHEN 'ticket' THEN 4 "
                   "WHEN 'travel' THEN 5 WHEN 'other' THEN 6 ELSE 7 END",
                   &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct budget_row b = {
            (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
            (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3)};
        rc = fn(&b, arg);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the budgets", e);
}
