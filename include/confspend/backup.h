/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backup.h - whole-database copies through SQLite's online backup API. */
#ifndef CONFSPEND_BACKUP_H
#define CONFSPEND_BACKUP_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/*
 * Copy the whole database DB into PATH: a consistent snapshot (one read transaction, so
 * other programs may write meanwhile), written to PATH.tmp-XXXXXX beside it with mode
 * 0600, synced, and renamed over PATH (a symlink is refused; a folder is never replaced).
 * *EXPENSES gets how many expenses the copy holds. PATH naming the database itself is
 * CS_EINPUT. With NO_REPLACE, a PATH that exists when the copy is put in place (made by
 * anyone meanwhile) is left as it is and the copy dropped: CS_EFAIL "already exists".
 */
int backup_write(sqlite3 *db, const char *db_path, const char *path, int no_replace,
                 int64_t *expenses, struct cs_err *e);

/*
 * Replace the database DB (at DB_PATH) with the confspend database FILE: FILE must pass
 * integrity_check and have a schema no newer than this program's (CS_EINPUT otherwise,
 * DB untouched); it is copied beside DB_PATH and migrated there first. Unless DB holds no
 * expenses, DB is saved first as DB_PATH.before-restore-YYYYMMDDTHHMMSS (mode 0600; its
 * name into *SAVED, allocated, else NULL). The replacement is one write transaction of
 * the backup API into DB, so a crash leaves the old database or the new one, whole.
 * *EXPENSES gets the expenses of the restored database.
 */
int backup_restore(sqlite3 *db, const char *db_path, const char *file, char **saved,
                   int64_t *expenses, struct cs_err *e);

#endif
