/* period.h - the --trip / --month / --since / --until selection shared by list, reports
 * and exports. */
#ifndef CONFSPEND_PERIOD_H
#define CONFSPEND_PERIOD_H

#include <stdint.h>
#include "confspend/args.h"
#include "confspend/cli.h"

/* The options, as an initializer list. */
#define PERIOD_OPTIONS                                                                             \
    {"trip", OPT_VALUE}, {"month", OPT_VALUE}, {"since", OPT_VALUE},                               \
    {                                                                                              \
        "until", OPT_VALUE                                                                         \
    }

struct period {
    int64_t trip_id; /* 0: none */
    char trip_slug[65];
    char since[11]; /* inclusive; "" for open */
    char until[11];
    char label[96]; /* "2026-11", "trip pycon-2026", "2026-01-01..2026-03-31", "all" */
};

/*
 * Check the period options without the database: --month is YYYY-MM, --since/--until are
 * dates (or months when MONTHS is set, meaning whole months), --until is not before
 * --since, and at most one of --trip, --month, --since/--until is given.
 */
int period_precheck(struct cs_opt *o, int months, struct cs_err *e);

/*
 * Resolve the options into P (loading the trip). With none of them: DEFAULT_MONTH set
 * gives the current month of ctx->today, else everything.
 */
int period_resolve(struct cs_ctx *ctx, struct cs_opt *o, int months, int default_month,
                   struct period *p, struct cs_err *e);

/* The expense filter of P: a trip's expenses whatever their date (a flight booked months
 * before is still the trip's), else the date range. */
struct expense_filter;
void period_filter(const struct period *p, struct expense_filter *f);

#endif
