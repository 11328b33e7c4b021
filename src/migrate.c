/* SPDX-License-Identifier: GPL-3.0-or-later */
/* migrate.c - apply the numbered schema steps embedded at build time. */
#include "confspend/migrate.h"

#include "confspend/db.h"

#include <stdio.h>

int migrate_latest(void)
{
    return cs_migration_count;
}

int migrate_version(sqlite3 *db, int *version, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        cs_error(e, CS_EFAIL, "database", NULL, "cannot read the schema version: %s",
                 sqlite3_errmsg(db));
        sqlite3_finalize(st);
        return CS_EFAIL;
    }
    *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return 0;
}

static int migrate_steps(sqlite3 *db, int target, struct cs_err *e);

/* 1 when PRAGMA foreign_key_check finds a row that breaks a foreign key. */
static int foreign_keys_broken(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int broken;
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        return 1;
    broken = sqlite3_step(st) != SQLITE_DONE;
    sqlite3_finalize(st);
    return broken;
}

/* PRAGMA foreign_keys of DB (0 or 1). */
static int foreign_keys_on(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int on = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        on = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return on;
}

int migrate_apply(sqlite3 *db, int target, struct cs_err *e)
{
    int v, fk, rc;
    if (migrate_version(db, &v, e))
        return CS_EFAIL;
    if (v >= target)
        return v > cs_migration_count ? migrate_steps(db, target, e) : 0;
    /* SQLite's way to rebuild a table (0005 does): foreign keys off outside the
     * transaction, checked with foreign_key_check inside it. With them on, dropping a
     * self-referencing table checks every row against every other: hours for a long
     * history. */
    fk = foreign_keys_on(db);
    if (fk)
        sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    rc = migrate_steps(db, target, e);
    if (fk)
        sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}

/* Apply the steps after the current version up to TARGET, one transaction each. */
static int migrate_steps(sqlite3 *db, int target, struct cs_err *e)
{
    int v, i, ran = 0;
    char *err = NULL;
    if (migrate_version(db, &v, e))
        return CS_EFAIL;
    if (v > cs_migration_count)
        return cs_error(e, CS_EFAIL, "database", NULL,
                        "schema version %d is newer than this confspend understands (%d); "
                        "upgrade confspend",
                        v, cs_migration_count);
    for (i = v; i < target && i < cs_migration_count; i++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", i + 1);
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK)
            goto fail;
        /* Another process may have migrated while we waited for the lock. */
        if (migrate_version(db, &v, e)) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return CS_EFAIL;
        }
        if (v > i) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            i = v - 1;
            continue;
        }
        if (sqlite3_exec(db, cs_migrations[i].sql, NULL, NULL, &err) != SQLITE_OK ||
            (foreign_keys_broken(db) &&
             (err = sqlite3_mprintf("it would break a foreign key")) != NULL) ||
            sqlite3_exec(db, pragma, NULL, NULL, &err) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
        ran = 1;
    }
    /* the steps committed, on disk before the command goes on (db.h) */
    return ran ? db_settle(db, e) : 0;
fail:
    cs_error(e, CS_EFAIL, "database", NULL, "migration %s failed: %s",
             i < cs_migration_count ? cs_migrations[i].name : "?", err ? err : sqlite3_errmsg(db));
    sqlite3_free(err);
    return CS_EFAIL;
}
