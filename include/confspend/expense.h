/* expense.h - one expense, its checks, and its load and save. */
#ifndef CONFSPEND_EXPENSE_H
#define CONFSPEND_EXPENSE_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/*
 * An expense as stored. Text fields are allocated (NULL when absent); optional amounts and
 * counts are -1 when absent. amount is in minor units of currency, negative for a refund.
 */
struct expense {
    int64_t id;
    char date[11];
    char category[12];
    int64_t amount;
    char currency[4];
    char *merchant, *note;
    int64_t trip_id; /* 0: no trip */
    char *trip_slug; /* filled on load */
    int reimbursable;
    char *payment, *receipt;
    char *provider, *from, *to, *driver;
    int64_t tip, platform_fee;
    int shared; /* -1 absent, else 0/1 */
    int64_t nights, compare_rate;
    char *recipient;
    int64_t schedule_id;
    char *occurrence;
    char *import_key;
    char uid[33]; /* 32 lowercase hex digits; "" for one not stored yet */
};
#define EXPENSE_INIT                                                                               \
    {                                                                                              \
        .tip = -1, .platform_fee = -1, .shared = -1, .nights = -1, .compare_rate = -1              \
    }

void expense_release(struct expense *x);

/* 1 if C is one of ride meal lodging donation ticket travel other. */
int category_valid(const char *c);
/* 1 if P is one of lyft uber taxi direct transit other. */
int provider_valid(const char *p);

extern const char *const cs_categories[]; /* NULL-terminated, in display order */

/*
 * The cross-field rules of an expense, with minor DIGITS of its currency: amount 0 only
 * for lodging; ride, lodging and donation fields only on their category; tip and platform
 * fee within the amount. Fills E (CS_EINPUT) naming the field and value.
 */
int expense_check(const struct expense *x, int digits, struct cs_err *e);

/* Insert X (its id is set). */
int expense_insert(sqlite3 *db, struct expense *x, struct cs_err *e);
/* Update every field of X by id. */
int expense_update(sqlite3 *db, const struct expense *x, struct cs_err *e);
/* Delete by id; CS_EINPUT when there is no such expense. */
int expense_delete(sqlite3 *db, int64_t id, struct cs_err *e);
/* Load by id into X; CS_EINPUT naming ID when missing. */
int expense_load(sqlite3 *db, int64_t id, struct expense *x, struct cs_err *e);

/* The columns of expense_select(), in order, for expense_from_row(). */
#define EXPENSE_COLUMNS                                                                            \
    "e.id, e.date, e.category, e.amount, e.currency, e.merchant, e.note, e.trip_id, t.slug, "      \
    "e.reimbursable, e.payment, e.receipt, e.provider, e.origin, e.dest, e.driver, e.tip, "        \
    "e.platform_fee, e.shared, e.nights, e.compare_rate, e.recipient, e.schedule_id, "             \
    "e.occurrence, e.import_key, e.uid"
#define EXPENSE_FROM " FROM expense e LEFT JOIN trip t ON t.id = e.trip_id "

/* Fill X from a row whose first columns are EXPENSE_COLUMNS. */
void expense_from_row(sqlite3_stmt *st, struct expense *x);

/* A filter over expenses; zeroed fields do not filter. Dates are inclusive. */
struct expense_filter {
    int64_t trip_id;
    char since[11];
    char until[11];
    char category[12];
    int reimbursable_only;
};

/*
 * Prepare "SELECT EXPENSE_COLUMNS ... WHERE <filter> ORDER BY date, id" into *ST with the
 * filter's values bound.
 */
int expense_select(sqlite3 *db, const struct expense_filter *f, sqlite3_stmt **st,
                   struct cs_err *e);

/* Parse an expense id ("12", "#12"); CS_EINPUT naming "id" otherwise. */
int expense_parse_id(const char *s, int64_t *out, struct cs_err *e);

#endif
