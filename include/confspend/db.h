/* SPDX-License-Identifier: GPL-3.0-or-later */
/* db.h - opening the one SQLite file, and the small helpers around statements. */
#ifndef CONFSPEND_DB_H
#define CONFSPEND_DB_H

#include <sqlite3.h>
#include <stdint.h>
#include <sys/types.h>
#include "confspend/error.h"

/*
 * The database path: OPT (--db) when given, else $CONFSPEND_DB, else
 * $XDG_DATA_HOME/confspend/confspend.db, else ~/.local/share/confspend/confspend.db.
 * Returns an allocated string.
 */
char *db_resolve_path(const char *opt);

/*
 * Open PATH: create it with mode 0600 (and, for the default location, its folder) when
 * missing, set WAL mode, a busy timeout and foreign keys, and apply the migrations.
 * A database from a newer confspend is refused and left untouched.
 */
int db_open(const char *path, sqlite3 **out, struct cs_err *e);
/*
 * db_open() for a command that writes many megabytes of new pages (receipt add): the
 * database gets a rollback journal (db_journal_direct()) instead of WAL, so each page is
 * written once rather than into the WAL and again by its checkpoint. A database the
 * previous such command left in rollback mode is not switched to WAL and back (each
 * switch is a transaction synced to disk of its own); any other command's db_open()
 * brings WAL back. Best effort, as db_journal_direct().
 */
int db_open_direct(const char *path, sqlite3 **out, struct cs_err *e);

/*
 * A new database, private until db_publish(): PATH.tmp-XXXXXX (its name into *TMP, to
 * give to db_publish or db_discard), opened as db_open() does, then without a journal and
 * without syncing, for a bulk load that is all or nothing anyway.
 */
int db_create_private(const char *path, char **tmp, sqlite3 **out, struct cs_err *e);
/* Sync DB (made by db_create_private at TMP), close it and give it the name PATH, unless
 * PATH has appeared meanwhile (then it is an error and PATH is untouched). DB and TMP are
 * released either way. */
int db_publish(sqlite3 *db, char *tmp, const char *path, struct cs_err *e);
/* Close DB (may be NULL) and remove the private database TMP (may be NULL), freeing it. */
void db_discard(sqlite3 *db, char *tmp);

/* The permission bits (07777) of DB's main file, for a file written from it
 * (outfile_open()); 0600 when it has none (an in-memory database) or stat() fails. */
mode_t db_file_mode(sqlite3 *db);

/* Close DB (NULL is fine). */
void db_close(sqlite3 *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int db_begin(sqlite3 *db, struct cs_err *e);

/*
 * Before a transaction that writes ROWS rows in bulk (an undo or redo of a large import):
 * when they are many, switch DB from WAL to a rollback journal for it, so the pages are
 * written once instead of into the WAL and again by its checkpoint (a million-row redo:
 * a third of its time). Best effort: while another connection has the database open the
 * switch is refused and the transaction simply runs in WAL mode. Returns 1 when switched;
 * db_journal_wal() then switches back after the commit (or rollback). A crash in between
 * leaves a rollback journal, which the next open plays back before it switches to WAL.
 */
int db_journal_bulk(sqlite3 *db, long long rows);
/* The same switch, whatever the size (receipt add of many megabytes: receipt.h). Any next
 * command's open switches back to WAL. */
int db_journal_direct(sqlite3 *db);
int db_journal_wal(sqlite3 *db, struct cs_err *e);
/* 1 when the database file PATH is in rollback-journal mode now (its header says so: a
 * db_open_direct() left it so), 0 when in WAL mode, missing or unreadable. */
int db_file_rollback(const char *path);
int db_commit(sqlite3 *db, struct cs_err *e);
/* After a commit in WAL mode (synchronous = NORMAL: the commit itself is not synced): copy
 * the WAL into the database file (a passive checkpoint, which syncs both), or, when another
 * connection keeps frames in the WAL, sync the WAL. db_commit() calls it. */
int db_settle(sqlite3 *db, struct cs_err *e);
void db_rollback(sqlite3 *db);

/* Prepare SQL or fill E with the database's message. */
int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct cs_err *e);

/* Fill E (CS_EFAIL) with the database's last error, after WHAT. */
int db_fail(sqlite3 *db, const char *what, struct cs_err *e);

/* Run SQL with no result rows. */
int db_exec(sqlite3 *db, const char *sql, struct cs_err *e);

/* Run one statement SQL of no result rows with ?1 bound to A and, when it has a ?2, ?2 to
 * B (integers); an error is CS_EFAIL after WHAT. */
int db_exec2(sqlite3 *db, const char *sql, int64_t a, int64_t b, const char *what,
             struct cs_err *e);

/* Bind S as text, or NULL when S is NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Bind V, or NULL when V < 0 (the "absent" marker of optional amounts and counts). */
void db_bind_opt(sqlite3_stmt *st, int i, int64_t v);

/* A column as an allocated string (NULL for NULL). */
char *db_col_dup(sqlite3_stmt *st, int i);

/* the settings (config_get, config_set, ...) are config.h's */
#include "confspend/config.h"

#endif
