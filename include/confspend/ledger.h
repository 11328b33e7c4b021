/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ledger.h - export ledger: the expenses as a plain-text accounting journal that hledger
 * and ledger read, one transaction per expense. */
#ifndef CONFSPEND_LEDGER_H
#define CONFSPEND_LEDGER_H

#include <stddef.h>
#include <stdio.h>

#include "confspend/expense.h"

/*
 * A journal description made from S (any stored text) into OUT (SIZE bytes): control
 * characters and line ends become blanks, runs of blanks one blank (two blanks end a
 * description in ledger), `;` (a comment) becomes `,`, and a leading `*`, `!` or `(` (a
 * status mark or a transaction code) is left out; trimmed. Cut at a UTF-8 boundary when
 * it does not fit. OUT may end up empty.
 */
void ledger_text(const char *s, char *out, size_t size);

/*
 * The transaction of X, in the journal's words:
 *     DATE DESCRIPTION  ; uid:UID, trip:SLUG
 *         expenses:CATEGORY  AMOUNT CUR
 *         liabilities:reimbursable      (assets:paid for a personal expense)
 * DESCRIPTION is the merchant, else the ride's route "FROM → TO", else the category; a
 * refund's amount is negative. Returns what fprintf returns (negative on a write error).
 */
int ledger_transaction(FILE *fp, const struct expense *x);

#endif
