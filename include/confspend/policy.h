/* SPDX-License-Identifier: GPL-3.0-or-later */
/* policy.h - the reimbursement policy a claim is checked against, and its findings. */
#ifndef CONFSPEND_POLICY_H
#define CONFSPEND_POLICY_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"
#include "confspend/expense.h"

/* The keys, in the order `policy list` shows them. */
extern const char *const policy_keys[]; /* receipt-over, meal-per-day, tip-max, claim-within */

/*
 * Set KEY to VALUE: receipt-over and meal-per-day take an amount in the base currency
 * (its minor digits at most; stored with the currency), tip-max a whole percent 0..1000
 * (a trailing % allowed), claim-within a whole number of days 1..36500. An unknown key or a
 * bad value is CS_EINPUT naming it. *SHOWN gets the value as `policy list` shows it.
 */
int policy_set(sqlite3 *db, const char *key, const char *value, char shown[48], struct cs_err *e);

/* Remove KEY; CS_EINPUT "policy: not set (KEY)" when it is not set. */
int policy_rm(sqlite3 *db, const char *key, struct cs_err *e);

/* Call FN with every key that is set and its value as shown ("75.00 USD", "20%", "60
 * days"), and the bare value and its currency ("" for percent and days). */
int policy_each(sqlite3 *db,
                int (*fn)(const char *key, const char *shown, const char *value,
                          const char *currency, void *),
                void *arg, struct cs_err *e);

/*
 * The findings for claim CLAIM_ID's expenses as of date AT (YYYY-MM-DD: the day the claim
 * is, or would be, submitted), one line each, to FN in this order: per expense by date
 * and id, `expense ID: no receipt (AMOUNT > LIMIT)` (a reimbursable expense above
 * receipt-over in the base currency with no stored receipt), `expense ID: tip P% > M%`
 * (P = tip * 100 / (amount - tip), rounded half away from zero), `expense ID: N days old >
 * D` (claim-within); then per day `DATE: meals SUM > LIMIT per day` (the day's reimbursable
 * meals of the claim, refunds subtracting). Amounts in the base currency through
 * rate_convert(). *COUNT gets how many.
 */
int policy_check(sqlite3 *db, int64_t claim_id, const char *at, int (*fn)(const char *line, void *),
                 void *arg, int *count, struct cs_err *e);

/* What a finding is about: an expense's missing receipt, its tip, its age, or a day's
 * meals (expense_id 0). */
enum policy_kind { POLICY_RECEIPT = 1, POLICY_TIP, POLICY_AGE, POLICY_MEALS };

/* One finding as policy_scan() hands it over: valid while the callback runs. */
struct policy_finding {
    int kind;           /* enum policy_kind */
    int64_t expense_id; /* 0 for POLICY_MEALS */
    const char *date;   /* the expense's date, or the day's */
    const char *line;   /* as `claim check` prints it */
};

/*
 * The findings of policy_check() over any selection: the expenses F selects (trip_id,
 * since, before, reimbursable_only and claim_id are read) as of date AT, in the same order
 * and with the same lines, each to FN with its kind and expense. One pass over the
 * selection, amounts converted by one converter (the figures of rate_convert()); when no
 * policy key is set nothing is read. policy_check() is policy_scan() of a claim.
 */
int policy_scan(sqlite3 *db, const struct expense_filter *f, const char *at,
                int (*fn)(const struct policy_finding *, void *), void *arg, int *count,
                struct cs_err *e);

/* *ANY 1 when at least one policy key is set. */
int policy_any(sqlite3 *db, int *any, struct cs_err *e);

#endif
