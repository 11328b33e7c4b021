/* SPDX-License-Identifier: GPL-3.0-or-later */
/* period.h - the trip / month / date-range selection shared by list, reports and
 * exports. */
#ifndef CONFSPEND_PERIOD_H
#define CONFSPEND_PERIOD_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/date.h"
#include "confspend/error.h"

/* The selection as the user gave it (NULL where not given): --trip SLUG, --month
 * YYYY-MM, --since and --until (dates, or months for a monthly report). The command layer
 * fills it from its options (cli.h: PERIOD_OPTIONS, period_sel_of()). */
struct period_sel {
    const char *trip, *month, *since, *until;
};

struct period {
    int64_t trip_id; /* 0: none */
    char trip_slug[65];
    char since[11]; /* inclusive; "" for open */
    char until[11];
    char label[96];   /* "2026-11", "trip pycon-2026", "2026-01-01..2026-03-31", "all" */
    int64_t claim_id; /* export --claim N: only the claim's expenses (0: none) */
};

/*
 * Check the period options without the database: --month is YYYY-MM, --since/--until are
 * dates (or months when MONTHS is set, meaning whole months), --until is not before
 * --since, and at most one of --trip, --month, --since/--until is given.
 */
int period_precheck(const struct period_sel *sel, int months, struct cs_err *e);

/*
 * Resolve SEL into P (loading the trip from DB). With none given: DEFAULT_MONTH set gives
 * the month of TODAY, else everything.
 */
int period_resolve(sqlite3 *db, struct cs_date today, const struct period_sel *sel, int months,
                   int default_month, struct period *p, struct cs_err *e);

/* The expense filter of P: a trip's expenses whatever their date (a flight booked months
 * before is still the trip's), else the date range. */
struct expense_filter;
void period_filter(const struct period *p, struct expense_filter *f);

#endif
