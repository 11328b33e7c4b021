/* SPDX-License-Identifier: GPL-3.0-or-later */
/* budget.h - stored budgets: a default month, one month's override, or a trip's. */
#ifndef CONFSPEND_BUDGET_H
#define CONFSPEND_BUDGET_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/* Set CATEGORY's (or "total") budget to AMOUNT base minor units for MONTH ("" = the
 * default month) or TRIP_ID (0 = none). */
int budget_set(sqlite3 *db, const char *category, const char *month, int64_t trip_id,
               int64_t amount, struct cs_err *e);

/* Remove it; CS_EINPUT "budget: no such budget (...)" when there is none. */
int budget_rm(sqlite3 *db, const char *category, const char *month, int64_t trip_id,
              struct cs_err *e);

/* One stored budget: CATEGORY (or "total"), MONTH ("" for the default month), TRIP (the
 * trip's slug, "" for none) and AMOUNT in base minor units. */
struct budget_row {
    const char *category, *month, *trip;
    int64_t amount;
};

/* Call FN on every budget: the default month's first, then months, then trips, each in
 * category order. A non-zero return of FN stops and is returned. */
int budget_each(sqlite3 *db, int (*fn)(const struct budget_row *, void *), void *arg,
                struct cs_err *e);

/* How many budgets are stored, into *N. */
int budget_count(sqlite3 *db, long *n, struct cs_err *e);

/*
 * Re-express every budget, stored in minor units of the base currency FROM, in minor units
 * of TO: each amount on its own at the rate between TO and FROM on DATE (rate_convert_into:
 * the newest pair either way on or before it, else a cross rate), rounded half away from
 * zero once. *N gets how many. Runs inside the
 * caller's transaction; on an error (a missing rate names TO and DATE) some budgets may
 * be converted already, and the caller rolls back.
 */
int budget_convert(sqlite3 *db, const char *from, const char *to, const char *date, long *n,
                   struct cs_err *e);

#endif
