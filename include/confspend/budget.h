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

#endif
