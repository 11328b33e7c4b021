/* SPDX-License-Identifier: GPL-3.0-or-later */
/* change.h - one command, one change: the change log over every table, undo and redo. */
#ifndef CONFSPEND_CHANGE_H
#define CONFSPEND_CHANGE_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/*
 * A change being recorded: an SQLite session (the session extension) attached to every
 * table of "main" but `change` itself, opened inside the caller's write transaction.
 * Whatever the command does to any table, present or added by a later migration, lands
 * in its changeset; no table needs undo code of its own.
 *
 * BULK (an import) leaves the expense table out of the session: its rows are recorded
 * by their id range (change_end's FIRST..LAST), since a million-row changeset would be
 * held in memory and stored twice.
 */
struct change_rec {
    sqlite3_session *session;
    int bulk;
};
#define CHANGE_REC_INIT                                                                            \
    {                                                                                              \
        NULL, 0                                                                                    \
    }

/* Start recording on DB (inside a transaction the caller began). */
int change_begin(sqlite3 *db, int bulk, struct change_rec *c, struct cs_err *e);

/*
 * Stop recording and store the change: KIND "user" (a command; it ends the redo stack)
 * or "post" (the posting of due schedule occurrences, which undo and redo skip),
 * COMMAND (the command line), SUMMARY (one line), and for a bulk change the expense ids
 * FIRST..LAST (none when COUNT is 0). Nothing is stored when nothing changed; *ID gets
 * the change's number or 0. Releases C either way. A user change ends the redo of the
 * undone ones, and removes the receipt bytes only those could bring back
 * (receipt_blob_forget()).
 */
int change_end(sqlite3 *db, struct change_rec *c, const char *kind, const char *command,
               const char *summary, int64_t first, int64_t last, int64_t count, int64_t *id,
               struct cs_err *e);

/*
 * Pause (PAUSED 1) or resume (0) C's session (when C is NULL or not recording, nothing).
 * For sqlite3_blob_write() into a row this change inserted: the session reads an inserted
 * row's values when the change is stored, so the bytes written land in the changeset
 * anyway, while SQLite's pre-update hook would otherwise read the whole row again at every
 * chunk written (receipt.c).
 */
void change_pause(struct change_rec *c, int paused);

/* Stop recording without storing anything (the command failed). */
void change_release(struct change_rec *c);

/*
 * Revert the newest user change that is done (postings are skipped): the inverse of its
 * changeset is applied, so every row it added goes, every row it removed comes back with
 * the same id and fields, every edited field gets its old value. An import's expense rows
 * are parked until a redo. Expenses that a schedule the undo removes posted later go
 * too (a later posting brings them back after a redo). Runs in the caller's transaction.
 * *ID and *SUMMARY (allocated) tell which change; CS_EINPUT "undo: nothing to undo" when
 * there is none; CS_EFAIL naming the table when a row stands in the way.
 */
int change_undo(sqlite3 *db, int64_t *id, char **summary, struct cs_err *e);

/*
 * Re-apply the most recently undone change, as long as no user change was made since it
 * was undone (CS_EINPUT "redo: nothing to redo" otherwise). Like change_undo otherwise.
 */
int change_redo(sqlite3 *db, int64_t *id, char **summary, struct cs_err *e);

/* How many expense rows the next undo (REDO 0) or redo (REDO 1) moves in bulk: an
 * import's count, 0 for any other change or none. Read before the transaction begins, to
 * choose its journal (db_journal_bulk). */
int64_t change_next_bulk(sqlite3 *db, int redo);

/* One change, as `history` lists it. */
struct change_info {
    int64_t id;
    char at[21]; /* YYYY-MM-DDTHH:MM:SSZ, UTC */
    const char *kind, *command, *summary, *state;
};

/* Call FN on every change, oldest first; a non-zero return stops and is returned. */
int change_each(sqlite3 *db, int (*fn)(const struct change_info *, void *), void *arg,
                struct cs_err *e);

/*
 * One changed field of a row, as `history --change N` lists it: TABLE, KEY (the primary
 * key's values, joined by '/'), ACTION ("insert", "update" or "delete"), FIELD, and OLD
 * and NEW as text shown to a person (NULL when absent or SQL NULL; a trip id is shown as
 * the trip's slug, money in its currency's digits).
 */
struct change_field {
    const char *table, *key, *action, *field, *old, *new;
};

/*
 * Call FN on every changed field of change ID, in the changeset's order (an import's
 * bulk rows as one line per expense id range). CS_EINPUT when there is no change ID.
 */
int change_fields(sqlite3 *db, int64_t id, int (*fn)(const struct change_field *, void *),
                  void *arg, struct cs_err *e);

/*
 * The changes that touched expense ID, oldest first, as history ID shows them: FN gets
 * the change, its action on the row, the old and new row of the expense in the same
 * text form as change_fields (every column in NAMES order; NULL where absent).
 */
struct change_expense {
    const struct change_info *info;
    const char *action; /* insert, update, delete, import */
    int ncols;
    const char *const *names;
    const char *const *old, *const *new;
};
int change_expense_each(sqlite3 *db, int64_t expense_id,
                        int (*fn)(const struct change_expense *, void *), void *arg,
                        struct cs_err *e);

#endif
