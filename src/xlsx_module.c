/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx_module.c - xlsx_export() opens the workbook module (confspend-xlsx.so, the only
 * code that links libxlsxwriter) on first use, so no other command pays for loading it. */
#include "confspend/xlsx.h"

#include <dlfcn.h>

#include "confspend/module.h"

#define MODULE_NAME "confspend-xlsx.so"

typedef int (*export_fn)(sqlite3 *, const char *, const char *, const struct period *, int,
                         struct cs_err *);

int xlsx_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                int reimbursable_only, struct cs_err *e)
{
    static export_fn fn;
    char why[512] = "";
    if (!fn) {
        void *h = module_open(MODULE_NAME, why, sizeof why);
        if (h)
            *(void **)&fn = dlsym(h, "confspend_xlsx_export");
        if (!fn)
            return cs_error(e, CS_EFAIL, "export", MODULE_NAME,
                            "cannot load the workbook module: %s",
                            *why ? why : "no confspend_xlsx_export in it");
    }
    return fn(db, today, path, p, reimbursable_only, e);
}
