/* SPDX-License-Identifier: GPL-3.0-or-later */
/* budget.c - saving, removing, listing and converting budgets. */
#include "confspend/budget.h"

#include <stddef.h>
#include <stdlib.h>

#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/rate.h"

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
                   "coalesce(nullif(instr(?1, ',' || b.category || ','), 0), 1e9)",
                   &st, e))
        return CS_EFAIL;
    /* the categories in their order, then total */
    sqlite3_bind_text(st, 1, "," CS_CATEGORIES(CS_NAME, ",") ",", -1, SQLITE_STATIC);
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

int budget_count(sqlite3 *db, long *n, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, "SELECT count(*) FROM budget", &st, e))
        return CS_EFAIL;
    rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(db, "cannot read the budgets", e);
}

int budget_convert(sqlite3 *db, const char *from, const char *to, const char *date, long *n,
                   struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int64_t(*v)[2] = NULL; /* id, amount */
    long count = 0, cap = 0;
    int rc = 0, step;
    *n = 0;
    /* read them all first (a handful), then convert and save each */
    if (db_prepare(db, "SELECT id, amount FROM budget ORDER BY id", &st, e))
        return CS_EFAIL;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            v = xrealloc(v, sizeof *v * (unsigned long)cap);
        }
        v[count][0] = sqlite3_column_int64(st, 0);
        v[count++][1] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (step != SQLITE_DONE) {
        rc = db_fail(db, "cannot read the budgets", e);
        goto cleanup;
    }
    if (db_prepare(db, "UPDATE budget SET amount = ?2 WHERE id = ?1", &st, e)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    for (long i = 0; i < count; i++) {
        int64_t amount;
        if ((rc = rate_convert_into(db, from, date, to, v[i][1], &amount, e)))
            goto cleanup;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, v[i][0]);
        sqlite3_bind_int64(st, 2, amount);
        if (sqlite3_step(st) != SQLITE_DONE) {
            rc = db_fail(db, "cannot save the budget", e);
            goto cleanup;
        }
    }
    *n = count;
cleanup:
    sqlite3_finalize(st);
    free(v);
    return rc;
}
