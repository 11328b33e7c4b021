/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.h - budgets against actual spending, and the ride model over stored rides.
 * Loads with SQL (filtering and summing there), computes with the pure modules, returns
 * plain structs for the renderers (table, csv, json, xlsx). */
#ifndef CONFSPEND_REPORT_H
#define CONFSPEND_REPORT_H

#include <sqlite3.h>
#include <stdint.h>

#include "confspend/error.h"
#include "confspend/expense.h"
#include "confspend/period.h"
#include "confspend/ridemodel.h"

/* The ride model's options as the user gave them (NULL where not given): --commission,
 * --share, --availability, --min-rides, --trial-days. The command layer fills it (cli.h:
 * RIDE_OPTIONS, ride_opts_of()). */
struct ride_opts {
    const char *commission, *share, *availability, *min_rides, *trial_days;
};

/* Check the ride options' values without the database. */
int ride_params_precheck(const struct ride_opts *ro, struct cs_err *e);

/* The ride options RO (NULL: none) over the defaults: --commission, else config
 * ride.commission, else 0.50; --share 0.5; --availability 1; --min-rides 2;
 * --trial-days 0. */
int ride_params_load(sqlite3 *db, const struct ride_opts *ro, struct ride_params *p,
                     struct cs_err *e);

/*
 * The ride model over the platform rides (provider lyft or uber, refunds too) of the
 * selection P: TRIP_ID's rides when non-zero, else those dated within [SINCE, UNTIL].
 * Each fare (amount - tip) is converted to the base currency as one amount; trial days
 * count from a ride's trip start when it belongs to a trip, else from the selection's
 * first day.
 */
int report_rides(sqlite3 *db, const struct period *p, const struct ride_params *rp,
                 struct ride_result *out, struct cs_err *e);

/* report quote: the quote of every route with RP's min_rides platform rides in the whole
 * history. Release with ridemodel_quote_release(). */
int report_quote(sqlite3 *db, const struct ride_params *rp, struct quote_result *out,
                 struct cs_err *e);

/* report direct: the direct rides (provider direct) of P against the reference fares of
 * the whole history's platform rides. Release with ridemodel_direct_release(). */
int report_direct(sqlite3 *db, const struct period *p, const struct ride_params *rp,
                  struct direct_result *out, struct cs_err *e);

/* report drivers: the drivers of P's rides that name one; candidates over P's platform
 * rides. Release with ridemodel_drivers_release(). */
int report_drivers(sqlite3 *db, const struct period *p, const struct ride_params *rp,
                   struct driver_result *out, struct cs_err *e);

/* One row of report plan: a category, or "total". */
struct plan_row {
    char category[12];
    int64_t past, forecast, with_arrangement;
};
struct plan_report {
    struct plan_row rows[CS_NCATEGORIES + 1];
    int nrows;
    long k, n, trial_days; /* the past trip's days, the next one's, the trial days */
    int64_t expected;      /* E: the model's expected savings over the past trip */
    int64_t saving;        /* round(E * max(N - D, 0) / K) */
};

/*
 * report plan: the next trip of DAYS days from the past trip TRIP (its trip_id, since =
 * start, until = end): over its expenses dated within start..end, per category past (the
 * total, base currency), forecast = round(past * N / K) (ticket and travel: past), and
 * with_arrangement (ride: forecast - saving), then total.
 */
int report_plan(sqlite3 *db, const struct period *trip, long days, const struct ride_params *rp,
                struct plan_report *out, struct cs_err *e);

/* One row of the budget report. */
struct budget_row {
    char category[12]; /* a category, or "total" */
    int has_budget;
    int64_t budget, actual, remaining, direct_actual;
    int has_pct;
    int64_t used_tenths; /* used_pct * 10, half away from zero */
    int has_projection;  /* the block is the current month */
    int64_t projected;   /* to month end (budget_projection); the total row: the rows' sum */
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
 * total rows by the ride model's expected savings. The block of TODAY's month (not for a
 * trip) gets projections (budget_projection per category, over the month's schedule
 * occurrences, each trip's expenses and the rest). Allocates; release with
 * budget_report_release().
 */
int report_budget(sqlite3 *db, const struct period *p, const char *today,
                  const struct ride_params *rp, struct budget_report *out, struct cs_err *e);
void budget_report_release(struct budget_report *r);

/* One trip's part of a category's spending in the month being projected. */
struct projection_trip {
    int64_t within;   /* expenses dated within the trip's start..end, base minor units */
    long days;        /* the trip's days in the month */
    long days_so_far; /* of those, the days up to today (today included) */
};

/*
 * Pure: a category's projection to month end, S + T + round(O * DIM / DAY), all in base
 * minor units: S = SCHEDULED, the month's schedule occurrences (posted or still due this
 * month) at their amounts; T = the month's spending that belongs to a trip, extrapolated
 * only over the trip's own remaining days: each of the NTRIPS trips' WITHIN scaled by
 * DAYS / DAYS_SO_FAR (half away from zero; as it is when the trip has no day up to today
 * yet, and unscaled, days = days so far, once it ended), plus TRIP_OUTSIDE, its expenses
 * dated outside their trip's dates, as they are; O = OTHER, everything else. DIM is the
 * month's days and DAY today's day of the month. CS_EFAIL when it does not fit in int64.
 */
int budget_projection(int64_t scheduled, int64_t trip_outside, const struct projection_trip *trips,
                      size_t ntrips, int64_t other, int dim, int day, int64_t *out);

/* Pure: fill remaining, used_tenths and the total row of BLOCK's category rows.
 * CS_EFAIL when a total does not fit in int64. */
int budget_block_finish(struct budget_block *b, int has_total_budget, int64_t total_budget);

#endif
