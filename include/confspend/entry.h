/* entry.h - turning the options of `add` and `edit` into an expense, and an expense into
 * the cells of the list/show/export columns. */
#ifndef CONFSPEND_ENTRY_H
#define CONFSPEND_ENTRY_H

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/expense.h"

/* The options add and edit share, as an initializer list (end it with {NULL}). */
#define ENTRY_OPTIONS                                                                              \
    {"date", OPT_VALUE}, {"currency", OPT_VALUE}, {"merchant", OPT_VALUE}, {"note", OPT_VALUE},    \
        {"trip", OPT_VALUE}, {"no-trip", OPT_FLAG}, {"reimbursable", OPT_FLAG},                    \
        {"personal", OPT_FLAG}, {"payment", OPT_VALUE}, {"receipt", OPT_VALUE},                    \
        {"refund", OPT_FLAG}, {"provider", OPT_VALUE}, {"from", OPT_VALUE}, {"to", OPT_VALUE},     \
        {"driver", OPT_VALUE}, {"tip", OPT_VALUE}, {"platform-fee", OPT_VALUE},                    \
        {"shared", OPT_FLAG}, {"nights", OPT_VALUE}, {"compare-rate", OPT_VALUE},                  \
        {"recipient", OPT_VALUE},                                                                  \
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
    X(RECIPIENT, "recipient")
#define ENTRY_NEGATION_OPTION(id, option) {"no-" option, OPT_FLAG}
#define ENTRY_NEGATIONS ENTRY_NEGATED(ENTRY_NEGATION_OPTION, CS_COMMA)
/* clang-format on */

/*
 * Check what can be checked without the database: the category (when given), the date,
 * every amount's syntax, text as UTF-8, the provider, nights, the currency code, and
 * option pairs that contradict each other. AMOUNT may be NULL (edit without --amount).
 */
int entry_precheck(struct cs_opt *o, const char *category, const char *amount, struct cs_err *e);
/* (also that no option comes with its negation, when O has ENTRY_NEGATIONS) */

/*
 * Apply the options O (and AMOUNT, CATEGORY when not NULL) onto X. For a new expense
 * (EDITING 0) X starts as EXPENSE_INIT and gets today, the active trip and the default
 * currency; for an edit X is the stored expense, and the negations clear their fields.
 * Ends with expense_check().
 */
int entry_apply(struct cs_ctx *ctx, struct cs_opt *o, const char *category, const char *amount,
                struct expense *x, int editing, struct cs_err *e);

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
