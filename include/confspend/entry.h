/* SPDX-License-Identifier: GPL-3.0-or-later */
/* entry.h - turning the options of `add` and `edit` into an expense, and an expense into
 * the cells of the list/show/export columns. */
#ifndef CONFSPEND_ENTRY_H
#define CONFSPEND_ENTRY_H

#include <sqlite3.h>
#include "confspend/error.h"
#include "confspend/expense.h"

/* The options add and edit share, as an initializer list (end it with {NULL}). */
#define ENTRY_OPTIONS                                                                              \
    {"date", OPT_VALUE}, {"currency", OPT_VALUE}, {"merchant", OPT_VALUE}, {"note", OPT_VALUE},    \
        {"trip", OPT_VALUE}, {"no-trip", OPT_FLAG}, {"reimbursable", OPT_FLAG},                    \
        {"personal", OPT_FLAG}, {"payment", OPT_VALUE}, {"receipt", OPT_VALUE},                    \
        {"refund", OPT_FLAG}, {"provider", OPT_VALUE}, {"from", OPT_VALUE}, {"to", OPT_VALUE},     \
        {"driver", OPT_VALUE}, {"tip", OPT_VALUE}, {"platform-fee", OPT_VALUE},                    \
        {"shared", OPT_FLAG}, {"nights", OPT_VALUE}, {"compare-rate", OPT_VALUE},                  \
        {"recipient", OPT_VALUE}, {"base-amount", OPT_VALUE}, {"rating", OPT_VALUE},               \
    {                                                                                              \
        "db", OPT_VALUE                                                                            \
    }

/*
 * The negations only `edit` takes, X(ID, OPTION) each with SEP between: --no-OPTION
 * clears the field that --OPTION sets (--no-refund turns a refund back into an expense).
 * ENTRY_NEGATIONS is their option table entries, as an initializer list.
 */
/* clang-format off */
#define ENTRY_NEGATED(X, SEP) \
    X(MERCHANT, "merchant") SEP X(NOTE, "note") SEP X(PAYMENT, "payment") SEP \
    X(RECEIPT, "receipt") SEP X(REFUND, "refund") SEP X(FROM, "from") SEP X(TO, "to") SEP \
    X(DRIVER, "driver") SEP X(TIP, "tip") SEP X(PLATFORM_FEE, "platform-fee") SEP \
    X(SHARED, "shared") SEP X(NIGHTS, "nights") SEP X(COMPARE_RATE, "compare-rate") SEP \
    X(RECIPIENT, "recipient") SEP X(BASE_AMOUNT, "base-amount") SEP X(RATING, "rating")
#define ENTRY_NEGATION_OPTION(id, option) {"no-" option, OPT_FLAG}
#define ENTRY_NEGATED_NAME(id, option) option
#define ENTRY_NEGATIONS ENTRY_NEGATED(ENTRY_NEGATION_OPTION, CS_COMMA)
/* clang-format on */

/* The number of ENTRY_NEGATED. */
#define ENTRY_NEG_COUNT(id, option) +1
#define ENTRY_NNEG (0 ENTRY_NEGATED(ENTRY_NEG_COUNT, ))

/*
 * The options of add and edit as the user gave them: each value option's text (NULL when
 * not given), each flag 1 when given, and NO[i] for edit's negation i (ENTRY_NEGATED's
 * order). The command layer fills it (cli.h: entry_opts_of()); modules never see the
 * option table.
 */
struct entry_opts {
    const char *date, *currency, *merchant, *note, *trip, *payment, *receipt, *provider, *from, *to,
        *driver, *tip, *platform_fee, *nights, *compare_rate, *recipient;
    int no_trip, reimbursable, personal, refund, shared;
    int no[ENTRY_NNEG];
    const char *base_amount; /* what the card charged in the base currency (rev 2) */
    const char *rating;      /* rev 2: --rating N (1..5), a ride's driver */
};

/*
 * Check what can be checked without the database: the category (when given), the date,
 * every amount's syntax, text as UTF-8, the provider, nights, the currency code, and
 * option pairs that contradict each other, a negation with the option it negates among
 * them. AMOUNT may be NULL (edit without --amount).
 */
int entry_precheck(const struct entry_opts *eo, const char *category, const char *amount,
                   struct cs_err *e);

/*
 * Apply the options EO (and AMOUNT, CATEGORY when not NULL) onto X, loading trips and
 * settings from DB. For a new expense (EDITING 0) X starts as EXPENSE_INIT and gets TODAY
 * (YYYY-MM-DD), the active trip and the default currency, and the trip's defaults
 * (reimbursable unless --personal; a ride's provider unless --provider); for an edit X is the
 * stored expense, and the negations clear their fields. Ends with expense_check().
 */
int entry_apply(sqlite3 *db, const char *today, const struct entry_opts *eo, const char *category,
                const char *amount, struct expense *x, int editing, struct cs_err *e);

/* The list columns (SPEC.md) and the export csv columns (list + the rest, uid last). */
#define LIST_NCOLS 14
#define FULL_NCOLS 22
extern const char *const entry_columns[FULL_NCOLS];

/* Cells of X for the FULL_NCOLS columns into BUF (one line each, 48 bytes) and CELLS.
 * Text cells point into X, so X must outlive CELLS. */
struct entry_cells {
    char buf[8][48];
    const char *cells[FULL_NCOLS];
};
void entry_cells(const struct expense *x, struct entry_cells *c);

/* One-line summary, allocated: "12  2026-11-05  ride  23.50 USD  Lyft  Home -> Venue", shown
 * as text_show() shows it, so it can be printed as it is (merchant, places and trip escaped). */
char *entry_summary(const struct expense *x);

#endif
