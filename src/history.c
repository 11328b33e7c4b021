/* history.c - a bulk load sets the per-row triggers of expense aside. */
#include "confspend/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/db.h"

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
