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
