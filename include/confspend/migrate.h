/* SPDX-License-Identifier: GPL-3.0-or-later */
/* migrate.h - numbered schema steps built into the binary, tracked in PRAGMA user_version. */
#ifndef CONFSPEND_MIGRATE_H
#define CONFSPEND_MIGRATE_H

#include <sqlite3.h>
#include "confspend/error.h"

struct migration {
    const char *name; /* "0001_core.sql" */
    const char *sql;
};

extern const struct migration cs_migrations[];
extern const int cs_migration_count;

/* The schema version this binary writes (the number of migrations). */
int migrate_latest(void);

/* PRAGMA user_version of DB into *VERSION. */
int migrate_version(sqlite3 *db, int *version, struct cs_err *e);

/*
 * Bring DB up to schema version TARGET (1..migrate_latest()), each step in its own
 * transaction with user_version set inside it. A database already past migrate_latest()
 * is refused (CS_EFAIL) and left untouched; one past TARGET is left as it is.
 */
int migrate_apply(sqlite3 *db, int target, struct cs_err *e);

#endif
