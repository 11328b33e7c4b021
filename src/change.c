/* SPDX-License-Identifier: GPL-3.0-or-later */
/* change.c - the change log: one session changeset per command, undone by its inverse. */
#include "confspend/change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/db.h"
#include "confspend/history.h"
#include "confspend/money.h"
#include "confspend/receipt.h"

/* The session's tables: all of main's but the log itself (and, for a bulk change, the
 * expenses, which it records by their ids) and receipt_blob (a receipt's bytes, which the
 * change records by their receipt_data row: receipt.c). Tables without a primary key
 * (sqlite_sequence, parked_expense, receipt_blob) are never recorded by the session
 * extension anyway. */
static int table_filter(void *arg, const char *table)
{
    int bulk = arg != NULL;
    if (!strcmp(table, "change") || !strncmp(table, "sqlite_", 7) || !strcmp(table, "receipt_blob"))
        return 0;
    return !(bulk && !strcmp(table, "expense"));
}

int change_begin(sqlite3 *db, int bulk, struct change_rec *c, struct cs_err *e)
{
    int rc;
    c->bulk = bulk;
    rc = sqlite3session_create(db, "main", &c->session);
    if (rc != SQLITE_OK)
        return cs_error(e, CS_EFAIL, "database", NULL, "cannot record the change: %s",
                        sqlite3_errstr(rc));
    sqlite3session_table_filter(c->session, table_filter, bulk ? (void *)c : NULL);
    rc = sqlite3session_attach(c->session, NULL);
    if (rc != SQLITE_OK) {
        change_release(c);
        return cs_error(e, CS_EFAIL, "database", NULL, "cannot record the change: %s",
                        sqlite3_errstr(rc));
    }
    return 0;
}

void change_pause(struct change_rec *c, int paused)
{
    if (c && c->session)
        sqlite3session_enable(c->session, !paused);
}

void change_release(struct change_rec *c)
{
    if (c->session)
        sqlite3session_delete(c->session);
    c->session = NULL;
}

int change_end(sqlite3 *db, struct change_rec *c, const char *kind, const char *command,
               const char *summary, int64_t first, int64_t last, int64_t count, int64_t *id,
               struct cs_err *e)
{
    void *buf = NULL;
    int n = 0, rc;
    sqlite3_stmt *st = NULL;
    *id = 0;
    rc = sqlite3session_changeset(c->session, &n, &buf);
    change_release(c);
    if (rc != SQLITE_OK)
        return cs_error(e, CS_EFAIL, "database", NULL, "cannot record the change: %s",
                        sqlite3_errstr(rc));
    if (n == 0 && count <= 0) {
        sqlite3_free(buf);
        return 0;
    }
    /* a new change of the user's own ends what redo could bring back, and the receipt
     * bytes only such a redo could have brought back */
    if (!strcmp(kind, "user") &&
        (receipt_blob_forget(db, buf, n, e) ||
         db_exec(db, "UPDATE change SET redoable = 0 WHERE redoable = 1", e))) {
        sqlite3_free(buf);
        return CS_EFAIL;
    }
    if (db_prepare(db,
                   "INSERT INTO change(at, kind, command, summary, changeset, bulk_first, "
                   "bulk_last, bulk_count) VALUES (unixepoch(), ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                   &st, e)) {
        sqlite3_free(buf);
        return CS_EFAIL;
    }
    db_bind_text(st, 1, kind);
    db_bind_text(st, 2, command);
    db_bind_text(st, 3, summary);
    sqlite3_bind_blob(st, 4, buf ? buf : "", n, SQLITE_STATIC);
    if (count > 0) {
        sqlite3_bind_int64(st, 5, first);
        sqlite3_bind_int64(st, 6, last);
        sqlite3_bind_int64(st, 7, count);
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    sqlite3_free(buf);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot record the change", e);
    *id = sqlite3_last_insert_rowid(db);
    return 0;
}

/* A change's stored fields, for undo and redo. */
struct stored {
    int64_t id, first, last, count;
    int bulk;
    char *summary;
    void *cs;
    int n;
};

static void stored_release(struct stored *s)
{
    free(s->summary);
    free(s->cs);
    memset(s, 0, sizeof *s);
}

/* Load the one change SQL selects (id, summary, changeset, bulk_first, bulk_last): 1 when
 * found, 0 when none, CS_EFAIL. */
static int load_one(sqlite3 *db, const char *sql, int64_t arg, struct stored *s, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, sql, &st, e))
        return CS_EFAIL;
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_int64(st, 1, arg);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s->id = sqlite3_column_int64(st, 0);
        s->summary = xstrdup((const char *)sqlite3_column_text(st, 1));
        s->n = sqlite3_column_bytes(st, 2);
        s->cs = xmalloc((unsigned long)s->n + 1);
        if (s->n)
            memcpy(s->cs, sqlite3_column_blob(st, 2), (size_t)s->n);
        s->bulk = sqlite3_column_type(st, 3) != SQLITE_NULL;
        s->first = sqlite3_column_int64(st, 3);
        s->last = sqlite3_column_int64(st, 4);
        s->count = sqlite3_column_count(st) > 5 ? sqlite3_column_int64(st, 5) : 0;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return db_fail(db, "cannot read the change log", e);
}

/* What stopped an apply: the first conflict's kind and table. */
struct conflict {
    int type;
    char table[64];
};

static int on_conflict(void *arg, int type, sqlite3_changeset_iter *it)
{
    struct conflict *c = arg;
    const char *table = NULL;
    int ncol, op;
    if (type != SQLITE_CHANGESET_FOREIGN_KEY &&
        sqlite3changeset_op(it, &table, &ncol, &op, NULL) == SQLITE_OK) {
        /* a row to remove that is gone already: the state wanted is there */
        if (type == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
            return SQLITE_CHANGESET_OMIT;
    }
    /* A row that changed since, when the change being undone or redone is the newest
     * (undo walks back in order), was changed by a posting of due occurrences (a
     * schedule's posted_month): the change's own values win. */
    if (type == SQLITE_CHANGESET_DATA)
        return SQLITE_CHANGESET_REPLACE;
    if (!c->type) {
        c->type = type;
        snprintf(c->table, sizeof c->table, "%s", table ? table : "");
    }
    return SQLITE_CHANGESET_ABORT;
}

/* Apply changeset CS (N bytes), inverted when INVERT; WHAT names undo or redo. */
static int apply(sqlite3 *db, void *cs, int n, int invert, const char *what, int64_t id,
                 struct cs_err *e)
{
    void *inv = NULL;
    int ninv = 0, rc;
    struct conflict c = {0, ""};
    if (n == 0)
        return 0;
    if (invert) {
        rc = sqlite3changeset_invert(n, cs, &ninv, &inv);
        if (rc != SQLITE_OK)
            return cs_error(e, CS_EFAIL, what, NULL, "cannot invert change %lld: %s", (long long)id,
                            sqlite3_errstr(rc));
        cs = inv;
        n = ninv;
    }
    rc = sqlite3changeset_apply(db, n, cs, NULL, on_conflict, &c);
    sqlite3_free(inv);
    if (rc == SQLITE_OK)
        return 0;
    if (c.type == SQLITE_CHANGESET_FOREIGN_KEY)
        return cs_error(e, CS_EFAIL, what, NULL,
                        "change %lld: rows of later changes depend on it (undo those first)",
                        (long long)id);
    if (c.type)
        return cs_error(e, CS_EFAIL, what, NULL,
                        "change %lld: a row of table %s was changed since by a later change",
                        (long long)id, c.table);
    if ((rc & 0xff) == SQLITE_READONLY)
        return cs_error(e, CS_EFAIL, "database", NULL, "cannot %s: the database file is read-only",
                        what);
    return cs_error(e, CS_EFAIL, what, NULL, "change %lld: %s", (long long)id, sqlite3_errstr(rc));
}

/*
 * Postings the change does not know of: the occurrences that a schedule it created
 * (undo) or removed (redo, after an undo brought the schedule back) posted after that
 * state, and the schedule's posted_month they moved on. They go, and posted_month gets
 * the value in the change, so that the changeset finds the row as the change had it (an
 * undo removes what the change itself posted by the inverse).
 */
static int drop_later_postings(sqlite3 *db, void *cs, int n, int redo, struct cs_err *e)
{
    sqlite3_changeset_iter *it = NULL;
    sqlite3_stmt *del = NULL, *up = NULL;
    int rc = 0, posted_col = -1;
    if (n == 0)
        return 0;
    if (db_prepare(db, "SELECT cid FROM pragma_table_info('schedule') WHERE name = 'posted_month'",
                   &up, e))
        return CS_EFAIL;
    if (sqlite3_step(up) == SQLITE_ROW)
        posted_col = sqlite3_column_int(up, 0);
    sqlite3_finalize(up);
    up = NULL;
    if (db_prepare(db,
                   "DELETE FROM expense WHERE schedule_id = ?1 AND (?2 IS NULL OR occurrence > ?2)",
                   &del, e) ||
        db_prepare(db, "UPDATE schedule SET posted_month = ?2 WHERE id = ?1", &up, e)) {
        rc = CS_EFAIL;
        goto out;
    }
    if (sqlite3changeset_start(&it, n, cs) != SQLITE_OK) {
        rc = cs_error(e, CS_EFAIL, redo ? "redo" : "undo", NULL, "cannot read the change");
        goto out;
    }
    while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *table;
        int ncol, op;
        sqlite3_value *id = NULL, *posted = NULL;
        sqlite3changeset_op(it, &table, &ncol, &op, NULL);
        if (op != (redo ? SQLITE_DELETE : SQLITE_INSERT) || strcmp(table, "schedule") ||
            posted_col < 0 || posted_col >= ncol)
            continue;
        if (redo
                ? sqlite3changeset_old(it, 0, &id) || sqlite3changeset_old(it, posted_col, &posted)
                : sqlite3changeset_new(it, 0, &id) || sqlite3changeset_new(it, posted_col, &posted))
            continue;
        for (int k = 0; k < 2 && !rc; k++) {
            sqlite3_stmt *st = k ? up : del;
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, sqlite3_value_int64(id));
            sqlite3_bind_value(st, 2, posted);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = db_fail(db, redo ? "cannot redo" : "cannot undo", e);
        }
    }
out:
    sqlite3changeset_finalize(it);
    sqlite3_finalize(del);
    sqlite3_finalize(up);
    return rc;
}

/* The expense table's column names, as one SQL list ("id", "date", ...), allocated. */
static char *expense_columns(sqlite3 *db, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    char *list = xstrdup("");
    size_t len = 0;
    if (db_prepare(db, "SELECT name FROM pragma_table_info('expense') ORDER BY cid", &st, e)) {
        free(list);
        return NULL;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *q = sqlite3_mprintf("%s\"%w\"", len ? ", " : "", sqlite3_column_text(st, 0));
        size_t k = strlen(q);
        list = xrealloc(list, len + k + 1);
        memcpy(list + len, q, k + 1);
        len += k;
        sqlite3_free(q);
    }
    sqlite3_finalize(st);
    return list;
}

/*
 * Run SQL (binding ?1 and ?2 to A and B) with SQLite's secure_delete off: for the rows a bulk
 * undo or redo moves from one table to the other, whose bytes stay in the file all the same
 * (Debian's SQLite zeroes every freed page by default, which for a million rows is a second
 * of writing, and as much again into the rollback journal).
 */
static int exec_moved(sqlite3 *db, const char *sql, int64_t a, int64_t b, const char *what,
                      struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    struct cs_err later;
    int rc, was = 1;
    if (db_prepare(db, "PRAGMA secure_delete", &st, e))
        return CS_EFAIL;
    if (sqlite3_step(st) == SQLITE_ROW)
        was = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (db_exec(db, "PRAGMA secure_delete = OFF", e))
        return CS_EFAIL;
    rc = db_exec2(db, sql, a, b, what, e);
    /* the setting as it was; a failure of its own is told only when the statement's was not */
    if (db_exec(db,
                was == 2 ? "PRAGMA secure_delete = FAST"
                : was    ? "PRAGMA secure_delete = ON"
                         : "PRAGMA secure_delete = OFF",
                rc ? &later : e) &&
        !rc)
        rc = CS_EFAIL;
    return rc;
}

/*
 * The expense table's own indexes (not its key's nor a UNIQUE column's, which cannot be
 * dropped) set aside while a bulk change moves MOVED rows in or out, when they are more
 * than the rows that stay: then sorting the rows once per index after the move costs a
 * fraction of a B-tree insert or delete per row and index (a million-row import's undo
 * and redo). OUT: the rows move out (an undo), so they are among those counted now.
 * ASIDE gets their CREATE and DROP statements (to give to indexes_back()), or NULL.
 */
static int indexes_aside(sqlite3 *db, int64_t moved, int out, char ***aside, int *n,
                         struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int64_t stay = 0;
    int rc = 0;
    *aside = NULL;
    *n = 0;
    if (db_prepare(db, "SELECT count(*) FROM expense", &st, e))
        return CS_EFAIL;
    if (sqlite3_step(st) == SQLITE_ROW)
        stay = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (out)
        stay -= moved;
    if (moved <= stay || moved < 10000)
        return 0;
    /* not the partial indexes (of rides, trips, schedules: a part of the rows at most, kept
     * up as the rows move for less than rebuilding one costs, which reads the whole table),
     * nor, when the rows move in (a redo), the two whose keys follow the rows' id order in
     * an import, as the import keeps them (the period's date first, the import key's date
     * prefix): each row is an append at the end of their B-trees, for less than the sort of
     * a rebuild */
    if (db_prepare(db,
                   out ? "SELECT m.name, m.sql FROM sqlite_master m "
                         "JOIN pragma_index_list('expense') l ON l.name = m.name "
                         "WHERE m.type = 'index' AND m.tbl_name = 'expense' AND m.sql IS NOT NULL "
                         "AND l.partial = 0"
                       : "SELECT m.name, m.sql FROM sqlite_master m "
                         "JOIN pragma_index_list('expense') l ON l.name = m.name "
                         "WHERE m.type = 'index' AND m.tbl_name = 'expense' AND m.sql IS NOT NULL "
                         "AND l.partial = 0 AND m.name NOT IN ('expense_period', "
                         "'expense_import_key')",
                   &st, e))
        return CS_EFAIL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        *aside = xrealloc(*aside, sizeof **aside * (unsigned long)(*n + 2));
        (*aside)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 1));
        (*aside)[(*n)++] = sqlite3_mprintf("DROP INDEX main.\"%w\"", sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    /* (their bytes, derived from the rows, stay in the file with the rows) */
    for (int i = 1; !rc && i < *n; i += 2)
        rc = exec_moved(db, (*aside)[i], 0, 0, "cannot set an index aside", e);
    return rc;
}

/* Make the indexes indexes_aside() set aside again, and free its list. */
static int indexes_back(sqlite3 *db, char **aside, int n, struct cs_err *e)
{
    /* each index is sorted on both cores (the uid index of a million rows in half the
     * time); only here, where nothing else runs: an import's reader has the other core */
    int rc = n ? db_exec(db, "PRAGMA threads = 2", e) : 0;
    for (int i = 0; i < n; i += 2) {
        if (!rc)
            rc = db_exec(db, aside[i], e);
        free(aside[i]);
        sqlite3_free(aside[i + 1]);
    }
    free(aside);
    if (n && db_exec(db, "PRAGMA threads = 0", e) && !rc)
        rc = CS_EFAIL;
    return rc;
}

int change_undo(sqlite3 *db, int64_t *id, char **summary, struct cs_err *e)
{
    struct stored s = {0};
    int rc = load_one(db,
                      "SELECT id, summary, changeset, bulk_first, bulk_last, bulk_count FROM "
                      "change WHERE kind = 'user' AND state = 'done' ORDER BY id DESC LIMIT 1",
                      0, &s, e);
    if (rc <= 0)
        return rc < 0 ? rc : cs_error(e, CS_EINPUT, "undo", NULL, "nothing to undo");
    /* the expenses first: they refer to the trips the change may have made */
    if (s.bulk) {
        char **aside;
        int naside;
        if ((rc = indexes_aside(db, s.count, 1, &aside, &naside, e)))
            goto out;
        if (!(rc = db_exec2(db,
                            "INSERT INTO parked_expense SELECT ?1, * FROM expense "
                            "WHERE id BETWEEN ?2 AND (SELECT bulk_last FROM change WHERE id = ?1)",
                            s.id, s.first, "cannot undo", e)))
            rc = exec_moved(db, "DELETE FROM expense WHERE id BETWEEN ?1 AND ?2", s.first, s.last,
                            "cannot undo", e);
        if (indexes_back(db, aside, naside, e) && !rc)
            rc = CS_EFAIL;
        if (rc)
            goto out;
    }
    if ((rc = drop_later_postings(db, s.cs, s.n, 0, e)) ||
        (rc = apply(db, s.cs, s.n, 1, "undo", s.id, e)) ||
        (rc = db_exec2(db,
                       "UPDATE change SET state = 'undone', redoable = 1, undo_seq = "
                       "(SELECT coalesce(max(undo_seq), 0) + 1 FROM change) WHERE id = ?1",
                       s.id, 0, "cannot record the undo", e)))
        goto out;
    *id = s.id;
    *summary = s.summary;
    s.summary = NULL;
out:
    stored_release(&s);
    return rc;
}

/* Remove the parked rows of change ID: when no other change has rows parked, the whole
 * table at once (a DELETE without WHERE is SQLite's truncate), else row by row. */
static int unpark(sqlite3 *db, int64_t id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int others;
    if (db_prepare(db, "SELECT EXISTS (SELECT 1 FROM parked_expense WHERE change_id <> ?1)", &st,
                   e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    others = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (!others)
        return exec_moved(db, "DELETE FROM parked_expense", 0, 0, "cannot redo", e);
    return exec_moved(db, "DELETE FROM parked_expense WHERE change_id = ?1", id, 0, "cannot redo",
                      e);
}

int change_redo(sqlite3 *db, int64_t *id, char **summary, struct cs_err *e)
{
    struct stored s = {0};
    char *cols = NULL;
    int rc = load_one(db,
                      "SELECT id, summary, changeset, bulk_first, bulk_last, bulk_count FROM "
                      "change WHERE state = 'undone' AND redoable = 1 ORDER BY undo_seq DESC "
                      "LIMIT 1",
                      0, &s, e);
    if (rc <= 0)
        return rc < 0 ? rc : cs_error(e, CS_EINPUT, "redo", NULL, "nothing to redo");
    if ((rc = drop_later_postings(db, s.cs, s.n, 1, e)) ||
        (rc = apply(db, s.cs, s.n, 0, "redo", s.id, e)))
        goto out;
    if (s.bulk) {
        char *sql, **aside;
        int naside;
        if (!(cols = expense_columns(db, e))) {
            rc = CS_EFAIL;
            goto out;
        }
        if ((rc = indexes_aside(db, s.count, 0, &aside, &naside, e)))
            goto out;
        /* parked in id order by the undo: rowid order is id order, no sort. The rows
         * were checked when they were first stored, so the per-row calendar trigger is
         * set aside as an import sets it aside (it was half the insert), and the
         * columns' CHECKs are not evaluated again (a third of what was left). */
        sql = sqlite3_mprintf("INSERT INTO expense(%s) SELECT %s FROM parked_expense "
                              "WHERE change_id = ?1 ORDER BY rowid",
                              cols, cols);
        if (!(rc = history_batch_begin(db, e)) &&
            !(rc = db_exec(db, "PRAGMA ignore_check_constraints = ON", e))) {
            rc = db_exec2(db, sql, s.id, 0, "cannot redo", e);
            if (db_exec(db, "PRAGMA ignore_check_constraints = OFF", e) && !rc)
                rc = CS_EFAIL;
            if (!rc)
                rc = history_batch_end(db, e);
        }
        sqlite3_free(sql);
        if (indexes_back(db, aside, naside, e) && !rc)
            rc = CS_EFAIL;
        /* the rows of no other change parked: the whole table goes at once (SQLite's
         * truncate of a DELETE without WHERE), not row by row through its index */
        if (rc || (rc = unpark(db, s.id, e)))
            goto out;
    }
    if ((rc = db_exec2(db,
                       "UPDATE change SET state = 'done', redoable = 0, undo_seq = NULL "
                       "WHERE id = ?1",
                       s.id, 0, "cannot record the redo", e)))
        goto out;
    *id = s.id;
    *summary = s.summary;
    s.summary = NULL;
out:
    free(cols);
    stored_release(&s);
    return rc;
}

int64_t change_next_bulk(sqlite3 *db, int redo)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    if (sqlite3_prepare_v2(db,
                           redo ? "SELECT bulk_count FROM change WHERE state = 'undone' AND "
                                  "redoable = 1 ORDER BY undo_seq DESC LIMIT 1"
                                : "SELECT bulk_count FROM change WHERE kind = 'user' AND "
                                  "state = 'done' ORDER BY id DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The first columns of INFO_COLUMNS, read into CI (valid until ST steps on). */
#define INFO_COLUMNS                                                                               \
    "id, strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch'), kind, command, summary, state"
static void info_from_row(sqlite3_stmt *st, struct change_info *ci)
{
    ci->id = sqlite3_column_int64(st, 0);
    snprintf(ci->at, sizeof ci->at, "%s", (const char *)sqlite3_column_text(st, 1));
    ci->kind = (const char *)sqlite3_column_text(st, 2);
    ci->command = (const char *)sqlite3_column_text(st, 3);
    ci->summary = (const char *)sqlite3_column_text(st, 4);
    ci->state = (const char *)sqlite3_column_text(st, 5);
}

int change_each(sqlite3 *db, int (*fn)(const struct change_info *, void *), void *arg,
                struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, "SELECT " INFO_COLUMNS " FROM change ORDER BY id", &st, e))
        return CS_EFAIL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct change_info ci;
        int r;
        info_from_row(st, &ci);
        if ((r = fn(&ci, arg))) {
            sqlite3_finalize(st);
            return r;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "cannot read the change log", e);
}

/* ---- showing changed rows to a person ---- */

/* A table's column names (and where its currency column is), read once per table. */
struct table_cols {
    char name[64];
    int n, currency;
    char **cols;
};

static void table_cols_release(struct table_cols *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->cols[i]);
    free(t->cols);
    memset(t, 0, sizeof *t);
}

static int table_cols_load(sqlite3 *db, const char *table, struct table_cols *t, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    if (!strcmp(t->name, table))
        return 0;
    table_cols_release(t);
    snprintf(t->name, sizeof t->name, "%s", table);
    t->currency = -1;
    if (db_prepare(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", &st, e))
        return CS_EFAIL;
    db_bind_text(st, 1, table);
    while (sqlite3_step(st) == SQLITE_ROW) {
        t->cols = xrealloc(t->cols, sizeof *t->cols * (unsigned long)(t->n + 1));
        t->cols[t->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
        if (!strcmp(t->cols[t->n], "currency"))
            t->currency = t->n;
        t->n++;
    }
    sqlite3_finalize(st);
    return 0;
}

static int is_money(const char *col)
{
    return !strcmp(col, "amount") || !strcmp(col, "tip") || !strcmp(col, "platform_fee") ||
           !strcmp(col, "compare_rate");
}

/* The slug of trip ID: from the trip table, else from the change that removed it. */
static char *trip_slug(sqlite3 *db, int64_t id)
{
    sqlite3_stmt *st = NULL;
    char *slug = NULL;
    if (sqlite3_prepare_v2(db, "SELECT slug FROM trip WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            slug = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (slug || sqlite3_prepare_v2(db, "SELECT changeset FROM change ORDER BY id DESC", -1, &st,
                                   NULL) != SQLITE_OK)
        return slug;
    while (!slug && sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_changeset_iter *it = NULL;
        if (sqlite3changeset_start(&it, sqlite3_column_bytes(st, 0),
                                   (void *)sqlite3_column_blob(st, 0)) != SQLITE_OK)
            continue;
        while (!slug && sqlite3changeset_next(it) == SQLITE_ROW) {
            const char *table;
            int ncol, op;
            sqlite3_value *k = NULL, *v = NULL;
            sqlite3changeset_op(it, &table, &ncol, &op, NULL);
            if (strcmp(table, "trip") || ncol < 2)
                continue;
            if (op == SQLITE_INSERT
                    ? sqlite3changeset_new(it, 0, &k) || sqlite3changeset_new(it, 1, &v)
                    : sqlite3changeset_old(it, 0, &k) || sqlite3changeset_old(it, 1, &v))
                continue;
            if (k && v && sqlite3_value_int64(k) == id && sqlite3_value_type(v) == SQLITE_TEXT)
                slug = xstrdup((const char *)sqlite3_value_text(v));
        }
        sqlite3changeset_finalize(it);
    }
    sqlite3_finalize(st);
    return slug;
}

/* The currency digits of a money column: the row's own currency (CUR, from the change,
 * else read from TABLE's row KEY), else the base currency (budgets). */
static int money_col_digits(sqlite3 *db, const struct table_cols *t, sqlite3_value *cur,
                            sqlite3_value *key)
{
    char base[4];
    struct cs_err e = CS_ERR_INIT;
    if (cur && sqlite3_value_type(cur) == SQLITE_TEXT)
        return money_digits((const char *)sqlite3_value_text(cur));
    if (t->currency >= 0 && key) {
        sqlite3_stmt *st = NULL;
        char *sql = sqlite3_mprintf("SELECT currency FROM \"%w\" WHERE rowid = ?1", t->name);
        int d = -1;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_value(st, 1, key);
            if (sqlite3_step(st) == SQLITE_ROW)
                d = money_digits((const char *)sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
        sqlite3_free(sql);
        if (d >= 0)
            return d;
    }
    if (config_base_currency(db, base, &e))
        return 2;
    return money_digits(base);
}

/* The digits of an expense's base_amount: its base_currency's (the row KEY of TABLE as
 * stored now), else the base currency's (a removed row). */
static int base_amount_digits(sqlite3 *db, const struct table_cols *t, sqlite3_value *key)
{
    sqlite3_stmt *st = NULL;
    char *sql = sqlite3_mprintf("SELECT base_currency FROM \"%w\" WHERE rowid = ?1", t->name);
    char base[4];
    struct cs_err e = CS_ERR_INIT;
    int d = -1;
    if (key && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_value(st, 1, key);
        if (sqlite3_step(st) == SQLITE_ROW)
            d = money_digits((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_free(sql);
    if (d >= 0)
        return d;
    if (config_base_currency(db, base, &e))
        return 2;
    return money_digits(base);
}

/* V as text for a person: NULL for absent or NULL; money and trip ids made readable. */
static char *value_text(sqlite3 *db, const struct table_cols *t, int col, sqlite3_value *v,
                        sqlite3_value *cur, sqlite3_value *key)
{
    const char *name = col < t->n ? t->cols[col] : "";
    if (!v || sqlite3_value_type(v) == SQLITE_NULL)
        return NULL;
    if (sqlite3_value_type(v) == SQLITE_INTEGER && is_money(name) &&
        (t->currency >= 0 || !strcmp(t->name, "budget"))) {
        char buf[48];
        money_format(sqlite3_value_int64(v), money_col_digits(db, t, cur, key), buf, sizeof buf);
        return xstrdup(buf);
    }
    if (sqlite3_value_type(v) == SQLITE_INTEGER && !strcmp(name, "base_amount")) {
        /* what the card charged is money of its own base_currency, not of the row's */
        char buf[48];
        money_format(sqlite3_value_int64(v), base_amount_digits(db, t, key), buf, sizeof buf);
        return xstrdup(buf);
    }
    if (sqlite3_value_type(v) == SQLITE_INTEGER && !strcmp(name, "trip_id") &&
        sqlite3_value_int64(v) > 0) {
        char *slug = trip_slug(db, sqlite3_value_int64(v));
        if (slug)
            return slug;
    }
    if (sqlite3_value_type(v) == SQLITE_BLOB && !sqlite3_value_bytes(v) &&
        !strcmp(t->name, "receipt_data"))
        return xstrdup("(kept apart)"); /* a receipt's bytes are no part of a change */
    if (sqlite3_value_type(v) == SQLITE_BLOB) {
        char buf[48];
        snprintf(buf, sizeof buf, "(%d bytes)", sqlite3_value_bytes(v));
        return xstrdup(buf);
    }
    return xstrdup((const char *)sqlite3_value_text(v));
}

/* The primary key of the iterator's row as text ("12", "USD/2026-05-01"), allocated. */
static char *key_text(sqlite3_changeset_iter *it, int op, int ncol, sqlite3_value **first)
{
    unsigned char *pk = NULL;
    int npk = 0;
    char *out = xstrdup("");
    size_t len = 0;
    *first = NULL;
    sqlite3changeset_pk(it, &pk, &npk);
    for (int i = 0; i < ncol && i < npk; i++) {
        sqlite3_value *v = NULL;
        const char *s;
        size_t k;
        if (!pk[i])
            continue;
        if (op == SQLITE_INSERT ? sqlite3changeset_new(it, i, &v) : sqlite3changeset_old(it, i, &v))
            continue;
        if (!*first)
            *first = v;
        s = v ? (const char *)sqlite3_value_text(v) : "";
        k = strlen(s ? s : "");
        out = xrealloc(out, len + k + 2);
        if (len)
            out[len++] = '/';
        memcpy(out + len, s ? s : "", k + 1);
        len += k;
    }
    return out;
}

static const char *op_word(int op)
{
    return op == SQLITE_INSERT ? "insert" : op == SQLITE_DELETE ? "delete" : "update";
}

/* Walk the rows of changeset CS: for each, ROW gets the iterator, op, table's columns. */
typedef int (*row_fn)(sqlite3 *db, sqlite3_changeset_iter *it, int op, const struct table_cols *t,
                      void *arg);

static int walk(sqlite3 *db, const void *cs, int n, row_fn fn, void *arg, struct cs_err *e)
{
    sqlite3_changeset_iter *it = NULL;
    struct table_cols t = {"", 0, -1, NULL};
    int rc = 0;
    if (n == 0)
        return 0;
    if (sqlite3changeset_start(&it, n, (void *)cs) != SQLITE_OK)
        return cs_error(e, CS_EFAIL, "history", NULL, "cannot read a change");
    while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *table;
        int ncol, op;
        sqlite3changeset_op(it, &table, &ncol, &op, NULL);
        if ((rc = table_cols_load(db, table, &t, e)))
            break;
        rc = fn(db, it, op, &t, arg);
    }
    sqlite3changeset_finalize(it);
    table_cols_release(&t);
    return rc;
}

/* The currency of the iterator's row before (*OLD) and after (*NEW) the change, each the
 * other when the change does not hold it (an update that left it alone), NULL when the
 * table has none. */
static void row_currency(sqlite3_changeset_iter *it, int op, const struct table_cols *t,
                         sqlite3_value **old, sqlite3_value **new)
{
    *old = *new = NULL;
    if (t->currency < 0)
        return;
    if (op != SQLITE_INSERT)
        sqlite3changeset_old(it, t->currency, old);
    if (op != SQLITE_DELETE)
        sqlite3changeset_new(it, t->currency, new);
    if (!*new)
        *new = *old;
    if (!*old)
        *old = *new;
}

struct fields_walk {
    int (*fn)(const struct change_field *, void *);
    void *arg;
};

static int field_rows(sqlite3 *db, sqlite3_changeset_iter *it, int op, const struct table_cols *t,
                      void *arg)
{
    struct fields_walk *w = arg;
    sqlite3_value *key, *oldcur = NULL, *newcur = NULL;
    const char *table;
    int ncol, rc = 0;
    char *k;
    sqlite3changeset_op(it, &table, &ncol, &op, NULL);
    k = key_text(it, op, ncol, &key);
    row_currency(it, op, t, &oldcur, &newcur);
    for (int i = 0; !rc && i < ncol; i++) {
        sqlite3_value *ov = NULL, *nv = NULL;
        char *o, *nw;
        if (op != SQLITE_INSERT)
            sqlite3changeset_old(it, i, &ov);
        if (op != SQLITE_DELETE)
            sqlite3changeset_new(it, i, &nv);
        if (op == SQLITE_UPDATE && !nv)
            continue; /* unchanged */
        o = value_text(db, t, i, ov, oldcur, key);
        nw = value_text(db, t, i, nv, newcur, key);
        if (o || nw) {
            struct change_field f = {table, k, op_word(op), i < t->n ? t->cols[i] : "?", o, nw};
            rc = w->fn(&f, w->arg);
        }
        free(o);
        free(nw);
    }
    free(k);
    return rc;
}

int change_fields(sqlite3 *db, int64_t id, int (*fn)(const struct change_field *, void *),
                  void *arg, struct cs_err *e)
{
    struct stored s = {0};
    struct fields_walk w = {fn, arg};
    int rc = load_one(db,
                      "SELECT id, summary, changeset, bulk_first, bulk_last, bulk_count "
                      "FROM change WHERE id = ?1",
                      id, &s, e);
    if (rc <= 0) {
        char ids[24];
        snprintf(ids, sizeof ids, "%lld", (long long)id);
        return rc < 0 ? rc : cs_error(e, CS_EINPUT, "--change", ids, "no such change");
    }
    rc = 0;
    if (s.bulk) {
        char key[48], what[64];
        struct change_field f = {"expense", key, "insert", "rows", NULL, what};
        snprintf(key, sizeof key, "%lld..%lld", (long long)s.first, (long long)s.last);
        snprintf(what, sizeof what, "%lld expenses", (long long)s.count);
        rc = fn(&f, arg);
    }
    if (!rc)
        rc = walk(db, s.cs, s.n, field_rows, &w, e);
    stored_release(&s);
    return rc;
}

struct expense_walk {
    int64_t id;
    const struct change_info *info;
    int (*fn)(const struct change_expense *, void *);
    void *arg;
};

static int expense_rows(sqlite3 *db, sqlite3_changeset_iter *it, int op, const struct table_cols *t,
                        void *arg)
{
    struct expense_walk *w = arg;
    sqlite3_value *key = NULL, *oldcur = NULL, *newcur = NULL;
    char **o, **nw;
    int rc;
    if (strcmp(t->name, "expense"))
        return 0;
    if (op == SQLITE_INSERT ? sqlite3changeset_new(it, 0, &key) : sqlite3changeset_old(it, 0, &key))
        return 0;
    if (!key || sqlite3_value_int64(key) != w->id)
        return 0;
    o = calloc((size_t)t->n + 1, sizeof *o);
    nw = calloc((size_t)t->n + 1, sizeof *nw);
    if (!o || !nw)
        die("out of memory");
    row_currency(it, op, t, &oldcur, &newcur);
    for (int i = 0; i < t->n; i++) {
        sqlite3_value *ov = NULL, *nv = NULL;
        if (op != SQLITE_INSERT)
            sqlite3changeset_old(it, i, &ov);
        if (op != SQLITE_DELETE)
            sqlite3changeset_new(it, i, &nv);
        if (op == SQLITE_UPDATE && !nv)
            continue; /* unchanged (or the key): both stay NULL */
        o[i] = value_text(db, t, i, ov, oldcur, key);
        nw[i] = value_text(db, t, i, nv, newcur, key);
    }
    {
        struct change_expense ce = {w->info,
                                    op_word(op),
                                    t->n,
                                    (const char *const *)t->cols,
                                    (const char *const *)o,
                                    (const char *const *)nw};
        rc = w->fn(&ce, w->arg);
    }
    for (int i = 0; i < t->n; i++) {
        free(o[i]);
        free(nw[i]);
    }
    free(o);
    free(nw);
    return rc;
}

int change_expense_each(sqlite3 *db, int64_t expense_id,
                        int (*fn)(const struct change_expense *, void *), void *arg,
                        struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db,
                   "SELECT " INFO_COLUMNS ", changeset, bulk_first, bulk_last FROM change "
                   "ORDER BY id",
                   &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct change_info ci;
        struct expense_walk w = {expense_id, &ci, fn, arg};
        info_from_row(st, &ci);
        if (sqlite3_column_type(st, 7) != SQLITE_NULL &&
            expense_id >= sqlite3_column_int64(st, 7) &&
            expense_id <= sqlite3_column_int64(st, 8)) {
            struct change_expense ce = {&ci, "import", 0, NULL, NULL, NULL};
            rc = fn(&ce, arg);
        }
        if (!rc)
            rc = walk(db, sqlite3_column_blob(st, 6), sqlite3_column_bytes(st, 6), expense_rows, &w,
                      e);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the change log", e);
}
