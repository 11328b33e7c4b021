/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf.h - the claim packet (SPEC "Export", `export pdf`): one PDF a reimbursement desk
 * prints and files. Written by the module confspend-pdf.so (src/pdf*.c, the only code that
 * links cairo, pango and poppler), which pdf_export() opens on first use. */
#ifndef CONFSPEND_PDF_H
#define CONFSPEND_PDF_H

#include <sqlite3.h>

#include "confspend/error.h"
#include "confspend/period.h"

/*
 * Write the packet of the expenses P selects (every expense when P selects nothing; only
 * reimbursable ones when REIMBURSABLE_ONLY, always for a claim) to PATH, on the paper
 * packet_paper() names:
 * - the report: the header block (title "Expense report", owner, department, the period
 *   or the trip with its name, city, dates and purpose, for a claim its number, status,
 *   claimed, paid and due, the base currency, when it was made), the totals per category
 *   in the base currency (count, total, reimbursable) with a grand total, then every
 *   expense in a table (ID, Date, Category, Merchant, Description, Amount, Currency, Amount
 *   in base currency, Receipt: the receipts' names and the pages they are on), its header
 *   repeated on each page, a row never cut across pages, then the signature lines;
 * - then every stored receipt of those expenses in expense order, each on a page of its
 *   own under the caption `expense ID, DATE, MERCHANT, AMOUNT CUR`: a JPEG embedded as the
 *   JPEG it is (the same bytes once however many expenses use them), a PNG decoded, both
 *   scaled to fit; every page of a PDF receipt drawn as vectors on a page of its own.
 * Every page has the footer `Page N of M`; all text is text. A receipt whose stored bytes
 * are damaged (not the JPEG, PNG or PDF its type says, cut short, a header claiming too
 * many pixels, a PDF poppler cannot open) is CS_EINPUT naming the receipt and its expense.
 * The file is written beside PATH and renamed through outfile (outfile.h), so it appears
 * whole or not at all. TODAY (YYYY-MM-DD) is the day it is made. *PAGES (may be NULL) gets
 * the page count, *RECEIPTS the number of receipts in it. Fills E on failure.
 */
int pdf_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
               int reimbursable_only, long *pages, long *receipts, struct cs_err *e);

/* The stored receipt bytes DATA_ID (of TYPE, enum receipt_type) as the packet would draw
 * them: a PNG decoded by cairo, a PDF opened by poppler with a page; a JPEG is embedded as
 * it is, so it is not decoded. CS_EINPUT naming FILE when they cannot be: `receipt add`
 * refuses then what `export pdf` would. Opens the PDF module. */
int pdf_receipt_check(sqlite3 *db, int64_t data_id, int type, const char *file, struct cs_err *e);

#endif
