/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx.h - the reimbursement workbook (SPEC.md "Export"): the only module that includes
 * xlsxwriter.h. */
#ifndef CONFSPEND_XLSX_H
#define CONFSPEND_XLSX_H

#include <sqlite3.h>
#include "confspend/error.h"
#include "confspend/period.h"

/*
 * Write the workbook of the expenses selected by P (every expense when P selects nothing;
 * only reimbursable ones when REIMBURSABLE_ONLY; a claim's with P->claim_id) to PATH:
 * sheets Summary (the header block of packet.h, the totals, signature lines), Expenses
 * (with each expense's policy findings, policy_scan() as of TODAY, or of a submitted
 * claim's submit date), Receipts (every JPEG and PNG receipt embedded, a PDF listed), then
 * Budget and Rides unless the workbook is reimbursable only or a claim's. Every sheet is set
 * up to print landscape, one page wide. The file is written beside PATH and renamed through
 * outfile (outfile.h: a symlink only when it is the user's, a mode no wider than the
 * database's), so it appears whole or not at all. TODAY (YYYY-MM-DD) dates the Summary.
 * Fills E and returns CS_EINPUT for a stored receipt whose bytes are not the image it was
 * stored as (a database altered by hand), CS_EFAIL on any other failure (no partial file is
 * left either way).
 */
int xlsx_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                int reimbursable_only, struct cs_err *e);

#endif
