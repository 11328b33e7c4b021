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
 * only reimbursable ones when REIMBURSABLE_ONLY) to PATH: sheets Summary, Expenses, Budget
 * and Rides. The file is written beside PATH and renamed through outfile (outfile.h: a
 * symlink only when it is the user's, a mode no wider than the database's), so it appears
 * whole or not at all. TODAY (YYYY-MM-DD) dates the Summary. Fills E and returns CS_EFAIL on any
 * failure (no partial file is left).
 */
int xlsx_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                int reimbursable_only, struct cs_err *e);

#endif
