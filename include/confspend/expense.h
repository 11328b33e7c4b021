/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expense.h - one expense, its checks, and its load and save. */
#ifndef CONFSPEND_EXPENSE_H
#define CONFSPEND_EXPENSE_H

#include <sqlite3.h>
#include <stddef.h>
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
    /* what the card charged: base_amount minor units of base_currency (the base currency
     * when it was given), with amount's sign; base_currency "" when absent */
    int64_t base_amount;
    char base_currency[4];
    /* rev 2, the arrangement lived: how much the rider liked a ride's driver */
    int rating; /* -1 absent, else 1..5 (--rating) */
};
#define EXPENSE_INIT                                                                               \
    {                                                                                              \
        .tip = -1, .platform_fee = -1, .shared = -1, .nights = -1, .compare_rate = -1,             \
        .rating = -1                                                                               \
    }

void expense_release(struct expense *x);

/*
 * The categories, in display order, and the ride providers: the one definition of each
 * (the schema's CHECKs, which migrations fix, repeat them). X(name) for each, with SEP
 * between two: CS_CATEGORIES(CS_NAME, CS_COMMA) is the names' initializer list,
 * CS_CATEGORIES(CS_NAME, ", ") the text "ride, meal, ..., other".
 */
/* clang-format off */
#define CS_CATEGORIES(X, SEP) \
    X(ride) SEP X(meal) SEP X(lodging) SEP X(donation) SEP X(ticket) SEP X(travel) SEP X(other)
#define CS_PROVIDERS(X, SEP) \
    X(lyft) SEP X(uber) SEP X(taxi) SEP X(direct) SEP X(transit) SEP X(other)
/* clang-format on */
#define CS_NAME(n) #n
#define CS_COMMA ,
#define CS_PLUS_ONE(n) +1

/* How many categories there are. */
enum { CS_NCATEGORIES = 0 CS_CATEGORIES(CS_PLUS_ONE, ) };

extern const char *const cs_categories[]; /* NULL-terminated, in display order */

/* C's index in cs_categories, or -1 when it is not a category. */
int category_index(const char *c);
/* 1 if C is one of ride meal lodging donation ticket travel other. */
int category_valid(const char *c);
/* Fill E (CS_EINPUT): "FIELD: unknown category (ride, meal, ..., other) (VALUE)". */
int category_refuse(const char *field, const char *value, struct cs_err *e);

/* 1 if P is one of lyft uber taxi direct transit other (as stored: lowercase). */
int provider_valid(const char *p);
/* The provider P names, ignoring ASCII case ("Lyft" is "lyft"), as the static name that is
 * stored; NULL when P names none. */
const char *provider_canonical(const char *p);
/* Fill E (CS_EINPUT): "FIELD: unknown provider (lyft, uber, ..., other) (VALUE)". */
int provider_refuse(const char *field, const char *value, struct cs_err *e);

/*
 * The cross-field rules of an expense, with minor DIGITS of its currency: amount 0 only
 * for lodging; ride, lodging and donation fields only on their category; tip and platform
 * fee within the amount (the fee within the fare, amount - tip); a rating 1..5, on rides
 * only. Fills E (CS_EINPUT) naming the field and value.
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
    "e.occurrence, e.import_key, e.uid, e.base_amount, e.base_currency, e.rating"
#define EXPENSE_FROM " FROM expense e LEFT JOIN trip t ON t.id = e.trip_id "

/*
 * The columns of a query over a table's rows that stored_row_check() checks: the row's id
 * and each field the query reads, -1 for one it does not. TABLE names the table in
 * messages ("expense", "schedule"), DATE_NAME the date column ("date" when NULL). With E
 * NULL only the verdict is wanted, and the id is not read.
 */
struct stored_columns {
    const char *table, *date_name;
    int id, date, category, amount, currency, provider, tip, platform_fee, nights, compare_rate,
        reimbursable;
    int until_month, posted_month; /* a schedule's months: YYYY-MM or NULL */
};

/*
 * Check the current row of ST as a loader reads it: a row that another program wrote
 * (through sqlite3, say) may break the contract, and no loader may skip it or misread
 * it. The date must be a real calendar date, the category a known one, the amount and
 * the optional amounts whole minor units (stored as integers; tip, platform fee and
 * compare rate at least 0, nights at least 1), the currency a code confspend knows, the
 * provider (when there is one) a listed one, reimbursable 0 or 1, a schedule's months
 * YYYY-MM when set. Fills E (CS_EFAIL)
 * naming the table, the id and the field, with the stored value:
 * "expense 7: category: not a known category (lunch)".
 */
int stored_row_check(sqlite3_stmt *st, const struct stored_columns *c, struct cs_err *e);

/* The texts of the date, category and currency columns stored_row_read() checked (NULL
 * for one not read), valid until ST steps on: a loader over many rows uses these rather
 * than asking SQLite for each column twice. Kept from row to row (start from
 * STORED_TEXTS_INIT), it also remembers the last texts found sound, which the next rows
 * mostly repeat, so that each is checked once. */
struct stored_texts {
    const char *date, *category, *currency;
    char ok_date[11], ok_category[12], ok_currency[4];
};
#define STORED_TEXTS_INIT                                                                          \
    {                                                                                              \
        0                                                                                          \
    }
/* stored_row_check(), filling T. */
int stored_row_read(sqlite3_stmt *st, const struct stored_columns *c, struct stored_texts *t,
                    struct cs_err *e);

/* The columns of EXPENSE_COLUMNS, for stored_row_check(). */
extern const struct stored_columns expense_stored_columns;

/* Fill X from a row whose first columns are EXPENSE_COLUMNS, once stored_row_check() finds
 * it sound (else E is filled, CS_EFAIL, and X is EXPENSE_INIT). */
int expense_from_row(sqlite3_stmt *st, struct expense *x, struct cs_err *e);

/* A filter over expenses; zeroed fields do not filter. The dates are date_text_bounds():
 * since <= date < before. */
struct expense_filter {
    int64_t trip_id;
    char since[11];
    char before[11];
    char category[12];
    int reimbursable_only;
    /* list's queries (SPEC "Quick entry and queries") */
    char provider[8];     /* this provider's rides */
    int personal_only;    /* reimbursable = 0 */
    const char *merchant; /* a case-insensitive (ASCII) substring of the merchant */
    const char *search;   /* ... of the merchant, note, from, to, driver or recipient */
    int64_t claim_id;     /* only claim N's expenses (claim.h) */
    int unclaimed;        /* only reimbursable ones in no claim but a rejected one */
};

/*
 * Call FN on every expense F selects, by date and id, each read and checked as
 * expense_from_row() does (a row that breaks the contract stops it with CS_EFAIL naming
 * the row). The expense handed to FN lives until FN returns. A non-zero return of FN
 * stops the walk and is returned.
 */
int expense_each(sqlite3 *db, const struct expense_filter *f,
                 int (*fn)(const struct expense *, void *), void *arg, struct cs_err *e);

/*
 * For a query of one export's own columns: the conditions of F an export applies (trip,
 * dates, reimbursable only, claim) written out as " AND ..." into OUT (N bytes, at least
 * EXPENSE_WHERE_MAX), so SQLite can use the date, trip and claim indexes, and their values
 * bound to ?1..?4 of ST by expense_where_bind(). The query's text is "... FROM expense e ..
 * WHERE 1" OUT; its own parameters start at ?5.
 */
#define EXPENSE_WHERE_MAX 192
void expense_where(const struct expense_filter *f, char *out, size_t n);
void expense_where_bind(sqlite3_stmt *st, const struct expense_filter *f);

/* CS_EFAIL naming the first ride whose provider is none of CS_PROVIDERS (a row another
 * program wrote), as reading it would; 0 when there is none. For the readers that pick
 * rides by provider, which would leave such a row out. Answered by an index (0019). */
int expense_providers_check(sqlite3 *db, struct cs_err *e);

/* 0 when expense ID is stored; CS_EINPUT "id: no such expense (ID)" when not. */
int expense_exists(sqlite3 *db, int64_t id, struct cs_err *e);

/* Parse an expense id ("12", "#12"); CS_EINPUT naming "id" otherwise. */
int expense_parse_id(const char *s, int64_t *out, struct cs_err *e);

#endif
