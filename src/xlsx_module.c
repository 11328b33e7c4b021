/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx_module.c - xlsx_export() opens the workbook module (confspend-xlsx.so, the only
 * code that links libxlsxwriter) on first use, so no other command pays for loading it. */
#include "confspend/xlsx.h"

#include "confspend/module.h"

#define MODULE_NAME "confspend-xlsx.so"

typedef int (*export_fn)(sqlite3 *, const char *, const char *, const struct period *, int,
                         struct cs_err *);

int xlsx_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                int reimbursable_only, struct cs_err *e)
{
    static export_fn fn;
    if (!fn)
        *(void **)&fn =
            module_entry(MODULE_NAME, "confspend_xlsx_export", "export", "workbook module", e);
    if (!fn)
        return CS_EFAIL;
    return fn(db, today, path, p, reimbursable_only, e);
}
