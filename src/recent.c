/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recent.c - the newest expense, the newest ride from a place, and the merchants most
 * recently used. */
#include "confspend/recent.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/db.h"
#include "confspend/place.h"

int recent_expense(sqlite3 *db, const char *category, int64_t *id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    *id = 0;
    if (db_prepare(db,
                   "SELECT id FROM expense WHERE ?1 IS NULL OR category = ?1 "
                   "ORDER BY id DESC LIMIT 1",
                   &st, e))
        return CS_EFAIL;
    db_bind_text(st, 1, category);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, "cannot read the expenses", e);
    return 0;
}

int recent_each_merchant(sqlite3 *db, int limit, int (*fn)(const char *name, void *), void *arg,
                         struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db,
                   "SELECT m FROM (SELECT merchant AS m, max(id) AS k FROM expense "
                   "WHERE merchant IS NOT NULL AND merchant <> '' GROUP BY merchant UNION ALL "
                   "SELECT recipient, max(id) FROM expense WHERE recipient IS NOT NULL AND "
                   "recipient <> '' GROUP BY recipient) GROUP BY m ORDER BY max(k) DESC "
                   "LIMIT ?1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int(st, 1, limit);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0), arg);
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the merchants", e);
}

int recent_ride_route(sqlite3 *db, const char *from, const char *to, int64_t *id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    char *ff = place_fold(from), *tf = to ? place_fold(to) : NULL;
    int rc;
    *id = 0;
    if (db_prepare(db,
                   "SELECT id, origin, dest FROM expense WHERE id > (SELECT max(id) FROM expense) "
                   "- ?1 AND category = 'ride' AND origin IS NOT NULL ORDER BY id DESC",
                   &st, e)) {
        free(ff);
        free(tf);
        return CS_EFAIL;
    }
    sqlite3_bind_int(st, 1, PLACE_WINDOW);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *o = place_fold((const char *)sqlite3_column_text(st, 1)), *d = NULL;
        int same = !strcmp(o, ff);
        if (same && tf) {
            d = place_fold((const char *)sqlite3_column_text(st, 2));
            same = !strcmp(d, tf);
        }
        free(o);
        free(d);
        if (same) {
            *id = sqlite3_column_int64(st, 0);
            break;
        }
    }
    sqlite3_finalize(st);
    free(ff);
    free(tf);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, "cannot read the rides", e);
    return 0;
}
