/* SPDX-License-Identifier: GPL-3.0-or-later */
/* claim.h - claims: the reimbursable expenses handed to a desk, their status, payments
 * and the locks on their expenses. */
#ifndef CONFSPEND_CLAIM_H
#define CONFSPEND_CLAIM_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"
#include "confspend/expense.h"

/*
 * A claim as loaded: its row, and the figures worked out from its expenses and payments.
 * claimed = the sum of its expenses in the claim's currency (the base currency when it
 * was made), each converted by rate_convert() on its own date (refunds count negative);
 * paid = the sum of its payments; outstanding = claimed - paid for a submitted, approved or
 * partly paid claim (never below 0), else 0. paid_on is the newest payment's date ("" for
 * none). TITLE and NOTE are allocated (NULL when absent).
 */
struct claim {
    int64_t id;
    char *title, *note;
    char status[12];
    char currency[4];
    char created[11], submitted[11], approved[11], rejected[11], paid_on[11];
    int64_t expenses, claimed, paid, outstanding;
};
#define CLAIM_INIT                                                                                 \
    {                                                                                              \
        0                                                                                          \
    }
void claim_release(struct claim *c);

/* Parse a claim number ("3", "#3"); CS_EINPUT naming "claim" otherwise. */
int claim_parse_id(const char *s, int64_t *id, struct cs_err *e);

/* Load claim ID with its figures; CS_EINPUT "claim: no such claim (ID)" when missing. */
int claim_load(sqlite3 *db, int64_t id, struct claim *c, struct cs_err *e);

/*
 * A new draft claim, dated TODAY, titled TITLE (may be NULL), of every reimbursable
 * expense F selects that is in no claim other than a rejected one (F's unclaimed is set
 * here). CS_EINPUT "claim: nothing to claim (LABEL)" when there is none. *ID gets it.
 */
int claim_create(sqlite3 *db, const char *today, const struct expense_filter *f, const char *title,
                 const char *label, int64_t *id, struct cs_err *e);

/*
 * Move claim ID to status TO ("submitted", "approved" or "rejected") on DATE, with NOTE
 * for a rejection (may be NULL): from draft for submitted, from submitted for approved,
 * from submitted or approved for rejected. Any other: CS_EINPUT "claim N: only a draft
 * claim can be submitted (STATUS)".
 */
int claim_move(sqlite3 *db, int64_t id, const char *to, const char *date, const char *note,
               struct cs_err *e);

/* Record a payment of AMOUNT (> 0, minor units of the claim's currency) on DATE for an
 * approved or partly paid claim; its status becomes paid when the payments reach the
 * amount claimed, else partly paid. */
int claim_pay(sqlite3 *db, int64_t id, int64_t amount, const char *date, struct cs_err *e);

/* Remove draft claim ID (its expenses are unclaimed again). */
int claim_remove(sqlite3 *db, int64_t id, struct cs_err *e);

/* Call FN on every claim, by id. */
int claim_each(sqlite3 *db, int (*fn)(const struct claim *, void *), void *arg, struct cs_err *e);

/*
 * The claim past draft (submitted, approved, partly paid or paid) that holds expense ID:
 * *CLAIM_ID and STATUS, or *CLAIM_ID 0 when none (the expense may be edited).
 */
int claim_lock_of(sqlite3 *db, int64_t expense_id, int64_t *claim_id, char status[12],
                  struct cs_err *e);

/* After an edit of expense EXPENSE_ID (forced, when its claim is past draft): made
 * personal, it leaves every claim (*LEFT: how many); else, when MONEY (its amount,
 * currency, date or card amount changed), its amount stored in each claim past draft that
 * holds it follows the edit (a claim claims what the history says was forced); either way
 * each such claim's paid or partly paid status follows its new total. */
int claim_expense_changed(sqlite3 *db, int64_t expense_id, int money, int *left, struct cs_err *e);

/* The amount of expense EXPENSE_ID that claim ID's submission fixed (0018), in *V minor
 * units of CUR (the claim's currency): 1; 0 when none is fixed (a draft, or a claim
 * submitted before 0018, or an amount of 0); CS_EFAIL on a database error. */
int claim_fixed_amount(sqlite3 *db, int64_t id, int64_t expense_id, int64_t *v, char cur[4],
                       struct cs_err *e);

/* Take expense ID out of every claim (before it is removed). */
int claim_forget_expense(sqlite3 *db, int64_t expense_id, struct cs_err *e);

/*
 * `report claims`: per status (draft, submitted, approved, partly paid, paid, rejected,
 * those that have claims), then unclaimed (reimbursable expenses in no claim but a
 * rejected one: claims -1, their sum as claimed, paid 0), then the total of the rows
 * above. FN gets each row in that order.
 */
struct claim_report_row {
    const char *status;
    int64_t claims; /* -1: not counted (unclaimed) */
    int64_t expenses, claimed, paid, outstanding;
};
int claim_report(sqlite3 *db, const char *base, int (*fn)(const struct claim_report_row *, void *),
                 void *arg, struct cs_err *e);

/* Amount of expense X in CUR (rate_convert() on its date). */
int claim_amount_in(sqlite3 *db, const struct expense *x, const char *cur, int64_t *out,
                    struct cs_err *e);

#endif
