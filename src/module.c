/* SPDX-License-Identifier: GPL-3.0-or-later */
/* module.c - finding and opening an export module (module.h). */
#define _GNU_SOURCE
#include "confspend/module.h"

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

void *module_open(const char *name, char *why, size_t n)
{
    char exe[PATH_MAX], path[PATH_MAX + sizeof CONFSPEND_MODULE_RELDIR + 256];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    void *h = NULL;
    if (len > 0) {
        char *slash;
        exe[len] = 0;
        if ((slash = strrchr(exe, '/'))) {
            snprintf(path, sizeof path, "%.*s/%s", (int)(slash - exe), exe, name);
            if (access(path, R_OK) == 0 && (h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
                return h;
            /* installed: PREFIX/bin/confspend and PREFIX/LIBDIR/confspend/ */
            snprintf(path, sizeof path, "%.*s/../%s/%s", (int)(slash - exe), exe,
                     CONFSPEND_MODULE_RELDIR, name);
            if (access(path, R_OK) == 0 && (h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
                return h;
        }
    }
    snprintf(path, sizeof path, "%s/%s", CONFSPEND_MODULE_DIR, name);
    if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
        return h;
    snprintf(why, n, "%s", dlerror());
    return NULL;
}

void *module_entry(const char *name, const char *symbol, const char *field, const char *what,
                   struct cs_err *e)
{
    char why[512] = "";
    void *h = module_open(name, why, sizeof why), *fn = h ? dlsym(h, symbol) : NULL;
    if (!fn && h)
        cs_error(e, CS_EFAIL, field, name, "cannot load the %s: no %s in it", what, symbol);
    else if (!fn)
        cs_error(e, CS_EFAIL, field, name, "cannot load the %s: %s", what, why);
    return fn;
}
