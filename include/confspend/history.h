/* history.h - the kept changes of expenses, and undoing the newest one. */
#ifndef CONFSPEND_HISTORY_H
#define CONFSPEND_HISTORY_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/*
 * Revert the newest change that is neither an undo nor undone already: an insert is
 * removed, a removal is put back with its id and every field, an edit gets the old fields
 * back. The reverting changes are kept too (marked undo_of), the reverted one is marked
 * undone_by. Runs inside the caller's transaction. *ACTION and *EXPENSE_ID tell what was
 * undone; CS_EINPUT "undo: nothing to undo" when there is none.
 */
int history_undo(sqlite3 *db, char action[8], int64_t *expense_id, int64_t *change,
                 struct cs_err *e);

#endif
