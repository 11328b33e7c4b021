/* history.h - a bulk load (an import) sets the per-row triggers of expense aside. */
#ifndef CONFSPEND_HISTORY_H
#define CONFSPEND_HISTORY_H

#include <sqlite3.h>
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

#endif
