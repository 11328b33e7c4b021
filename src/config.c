/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.c - the settings: one row per key in the config table. */
#include "confspend/config.h"

#include <stdio.h>
#include <stdlib.h>

#include "confspend/db.h"
#include "confspend/money.h"

int config_get(sqlite3 *db, const char *key, char **out, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    *out = NULL;
    if (db_prepare(db, "SELECT value FROM config WHERE key = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = db_col_dup(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, "cannot read config", e);
    return 0;
}

int config_set(sqlite3 *db, const char *key, const char *value, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "INSERT INTO config(key, value) VALUES (?1, ?2) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot write config", e);
    return 0;
}

int config_unset(sqlite3 *db, const char *key, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, "DELETE FROM config WHERE key = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot write config", e);
    return 0;
}

int config_base_currency(sqlite3 *db, char *buf, struct cs_err *e)
{
    char *v = NULL;
    if (config_get(db, "currency", &v, e))
        return CS_EFAIL;
    snprintf(buf, 4, "%s", v && money_currency_known(v) ? v : "USD");
    free(v);
    return 0;
}
