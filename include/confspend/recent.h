/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recent.h - what was entered last: the newest expense (of a category), and the merchants
 * used, newest first; the defaults of --back, again and the interactive add. */
#ifndef CONFSPEND_RECENT_H
#define CONFSPEND_RECENT_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/* The id of the newest expense (the one entered last: the highest id, whatever its date)
 * of CATEGORY, or of any category when CATEGORY is NULL, into *ID; 0 when there is none. */
int recent_expense(sqlite3 *db, const char *category, int64_t *id, struct cs_err *e);

/* The id of the newest ride from place FROM (to place TO, unless TO is NULL) among the
 * PLACE_WINDOW newest expenses, places compared by their folds (place_fold()), into *ID;
 * 0 when there is none. The interactive add's defaults for a route. */
int recent_ride_route(sqlite3 *db, const char *from, const char *to, int64_t *id, struct cs_err *e);

/* Call FN on each distinct merchant (and donation recipient) stored, the most recently
 * used first, at most LIMIT of them. A non-zero return of FN stops and is returned. */
int recent_each_merchant(sqlite3 *db, int limit, int (*fn)(const char *name, void *), void *arg,
                         struct cs_err *e);

#endif
