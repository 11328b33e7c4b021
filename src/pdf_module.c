/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf_module.c - pdf_export() opens the packet module (confspend-pdf.so, the only code
 * that links cairo, pango and poppler) on first use, so no other command pays for loading
 * the PDF stack. */
#include "confspend/pdf.h"

#include "confspend/module.h"

#define MODULE_NAME "confspend-pdf.so"

typedef int (*export_fn)(sqlite3 *, const char *, const char *, const struct period *, int, long *,
                         long *, struct cs_err *);

int pdf_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
               int reimbursable_only, long *pages, long *receipts, struct cs_err *e)
{
    static export_fn fn;
    if (!fn)
        *(void **)&fn =
            module_entry(MODULE_NAME, "confspend_pdf_export", "export", "PDF module", e);
    if (!fn)
        return CS_EFAIL;
    return fn(db, today, path, p, reimbursable_only, pages, receipts, e);
}

int pdf_receipt_check(sqlite3 *db, int64_t data_id, int type, const char *file, struct cs_err *e)
{
    static int (*fn)(sqlite3 *, int64_t, int, const char *, struct cs_err *);
    if (!fn)
        *(void **)&fn =
            module_entry(MODULE_NAME, "confspend_pdf_receipt_check", "receipt", "PDF module", e);
    if (!fn)
        return CS_EFAIL;
    return fn(db, data_id, type, file, e);
}
