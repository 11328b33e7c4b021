/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx_module.c - xlsx_export() opens the workbook module (confspend-xlsx.so, the only
 * code that links libxlsxwriter) on first use, so no other command pays for loading it. */
#define _GNU_SOURCE
#include "confspend/xlsx.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef CONFSPEND_MODULE_DIR
#define CONFSPEND_MODULE_DIR "/usr/local/lib/confspend"
#endif
#ifndef CONFSPEND_MODULE_RELDIR
#define CONFSPEND_MODULE_RELDIR "lib/confspend"
#endif
#define MODULE_NAME "confspend-xlsx.so"

typedef int (*export_fn)(sqlite3 *, const char *, const char *, const struct period *, int,
                         struct cs_err *);

/* The module beside the program (a build tree, a .deb's libexec-style layout), else in
 * the libdir it was installed to. */
static void *open_module(char *why, size_t n)
{
    char exe[PATH_MAX], path[PATH_MAX + sizeof CONFSPEND_MODULE_RELDIR + sizeof MODULE_NAME + 8];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    void *h = NULL;
    if (len > 0) {
        char *slash;
        exe[len] = 0;
        if ((slash = strrchr(exe, '/'))) {
            snprintf(path, sizeof path, "%.*s/%s", (int)(slash - exe), exe, MODULE_NAME);
            if (access(path, R_OK) == 0 && (h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
                return h;
            /* installed: PREFIX/bin/confspend and PREFIX/LIBDIR/confspend/ */
            snprintf(path, sizeof path, "%.*s/../%s/%s", (int)(slash - exe), exe,
                     CONFSPEND_MODULE_RELDIR, MODULE_NAME);
            if (access(path, R_OK) == 0 && (h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
                return h;
        }
    }
    snprintf(path, sizeof path, "%s/%s", CONFSPEND_MODULE_DIR, MODULE_NAME);
    if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
        return h;
    snprintf(why, n, "%s", dlerror());
    return NULL;
}

int xlsx_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                int reimbursable_only, struct cs_err *e)
{
    static export_fn fn;
    char why[512] = "";
    if (!fn) {
        void *h = open_module(why, sizeof why);
        if (h)
            *(void **)&fn = dlsym(h, "confspend_xlsx_export");
        if (!fn)
            return cs_error(e, CS_EFAIL, "export", MODULE_NAME,
                            "cannot load the workbook module: %s",
                            *why ? why : "no confspend_xlsx_export in it");
    }
    return fn(db, today, path, p, reimbursable_only, e);
}
