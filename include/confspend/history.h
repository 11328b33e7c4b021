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

/*
 * A bulk write (an import) is kept as one history entry rather than a JSON copy per row:
 * history_batch_begin() quiets the row triggers inside the caller's transaction (the
 * history copy and the calendar check of an insert are set aside: the writer checks every
 * date itself);
 * history_batch_end() turns them back on and, when COUNT > 0, records one 'import' entry
 * for the ids FIRST..LAST (what undo removes) and SOURCE (the file's name).
 */
int history_batch_begin(sqlite3 *db, struct cs_err *e);
int history_batch_end(sqlite3 *db, int64_t first, int64_t last, int64_t count, const char *source,
                      struct cs_err *e);

#endif
