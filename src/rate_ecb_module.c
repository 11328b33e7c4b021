/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rate_ecb_module.c - rate_read_ecb() opens the module that reads the ECB's files
 * (confspend-ecb.so, src/rate_ecb.c, the only code that links expat) on first use: expat
 * cost every command's start its loading, and only `rate import` reads XML. */
#include "confspend/rate.h"

#include "confspend/module.h"

#define MODULE_NAME "confspend-ecb.so"

typedef int (*read_fn)(const char *, const char *, size_t,
                       int (*)(const struct rate_file_row *, void *), void *,
                       struct rate_file_skipped *, struct cs_err *);

int rate_read_ecb(const char *path, const char *buf, size_t len,
                  int (*fn)(const struct rate_file_row *, void *), void *arg,
                  struct rate_file_skipped *skipped, struct cs_err *e)
{
    static read_fn read;
    if (!read)
        *(void **)&read = module_entry(MODULE_NAME, "confspend_rate_read_ecb", "rate import",
                                       "module that reads ECB files", e);
    if (!read)
        return CS_EFAIL;
    return read(path, buf, len, fn, arg, skipped, e);
}
