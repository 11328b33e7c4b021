/* report.h - budgets against actual spending, and the ride model over stored rides.
 * Loads with SQL (filtering and summing there), computes with the pure modules, returns
 * plain structs for the renderers (table, csv, json, xlsx). */
#ifndef CONFSPEND_REPORT_H
#define CONFSPEND_REPORT_H

#include <sqlite3.h>
#include <stdint.h>

#include "confspend/args.h"
#include "confspend/error.h"
#include "confspend/expense.h"
#include "confspend/period.h"
#include "confspend/ridemodel.h"

/* The ride model's options, as an initializer list. */
#define RIDE_OPTIONS                                                                               \
    {"commission", OPT_VALUE}, {"share", OPT_VALUE}, {"availability", OPT_VALUE},                  \
        {"min-rides", OPT_VALUE},                                                                  \
    {                                                                                              \
        "trial-days", OPT_VALUE                                                                    \
    }

/* Check the ride options' values without the database. */
int ride_params_precheck(struct cs_opt *o, struct cs_err *e);

/* The ride options over the defaults: --commission, else config ride.commission, else
 * 0.50; --share 0.5; --availability 1; --min-rides 2; --trial-days 0. */
int ride_params_load(sqlite3 *db, struct cs_opt *o, struct ride_params *p, struct cs_err *e);

/*
 * The ride model over the platform rides (provider lyft or uber, amount > 0) of the
 * selection [SINCE, UNTIL] (or TRIP_ID's rides when non-zero; START is the selection's
 * first day for trial days), converted to the base currency ride by ride.
 */
int report_rides(sqlite3 *db, const struct period *p, const struct ride_params *rp,
                 struct ride_result *out, struct cs_err *e);

/* One row of the budget report. */
struct budget_row {
    char category[12]; /* a category, or "total" */
    int has_budget;
    int64_t budget, actual, remaining, direct_actual;
    int has_pct;
    int64_t used_tenths; /* used_pct * 10, half away from zero */
};

/* One block: a month ("2026-11"), or the whole period of a trip (month ""). */
struct budget_block {
    char month[8];
    char since[11], until[11];
    struct budget_row rows[CS_NCATEGORIES + 1]; /* categories with a budget or spending, then
                                                  total */
    int nrows;
    int64_t expected_savings; /* of the ride model over the block */
};

struct budget_report {
    char base[4];
    int digits;
    struct budget_block *blocks;
    int nblocks;
};
#define BUDGET_REPORT_INIT                                                                         \
    {                                                                                              \
        {0}, 2, NULL, 0                                                                            \
    }

/*
 * The budget report of P: one block per month from P's since to until (whole months), or
 * one block for a trip (its budgets, its expenses). actual sums the block's expenses in
 * the base currency (refunds subtract) plus the monthly schedules' occurrences that fall
 * in the block after TODAY (committed). direct_actual differs from actual on the ride and
 * total rows by the ride model's expected savings. Allocates; release with
 * budget_report_release().
 */
int report_budget(sqlite3 *db, const struct period *p, const char *today,
                  const struct ride_params *rp, struct budget_report *out, struct cs_err *e);
void budget_report_release(struct budget_report *r);

/* Pure: fill remaining, used_tenths and the total row of BLOCK's category rows.
 * CS_EFAIL when a total does not fit in int64. */
int budget_block_finish(struct budget_block *b, int has_total_budget, int64_t total_budget);

#endif
