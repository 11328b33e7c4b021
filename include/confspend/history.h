/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.h - the revision-1 history (read only), and the per-row triggers of expense a
 * bulk load (an import) sets aside. */
#ifndef CONFSPEND_HISTORY_H
#define CONFSPEND_HISTORY_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/*
 * history_batch_begin() sets aside, inside the caller's transaction, the calendar check
 * of an inserted expense's date (migration 0006's trigger: the bulk writer checks every
 * date itself with date_parse()); history_batch_end() makes it again from its saved
 * text. A rollback or a crash brings it back with everything else. The change itself is
 * recorded by change_begin()/change_end() (change.h), the bulk rows by their id range.
 */
int history_batch_begin(sqlite3 *db, struct cs_err *e);
int history_batch_end(sqlite3 *db, struct cs_err *e);

/*
 * Revision 1 kept expense rows' changes as JSON (migration 0002); migration 0009 keeps
 * them as history_v1, shown by `history ID` and not undoable. One entry: CHANGE ("v1.N"),
 * AT (UTC, YYYY-MM-DDTHH:MM:SSZ), ACTION (add, edit, rm, import; "(undo)" or "(undone)"
 * after it) and DETAIL (as revision 1 showed it, a trip named by its slug).
 */
struct history_v1_entry {
    const char *change, *at, *action, *detail;
};
/* Call FN on every revision-1 entry of EXPENSE_ID, oldest first; a non-zero return of FN
 * stops and is returned. */
int history_v1_each(sqlite3 *db, int64_t expense_id,
                    int (*fn)(const struct history_v1_entry *, void *), void *arg,
                    struct cs_err *e);

#endif
