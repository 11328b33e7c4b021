/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sha256_module.c - sha256_fns_get() opens confspend-sha256.so (nettle) on first use. */
#include "confspend/sha256.h"

#include <dlfcn.h>

#include "confspend/module.h"

#define MODULE_NAME "confspend-sha256.so"

const struct sha256_fns *sha256_fns_get(struct cs_err *e)
{
    static const struct sha256_fns *fns;
    const struct sha256_fns *(*get)(void) = NULL;
    char why[512] = "";
    void *h;
    if (fns)
        return fns;
    if ((h = module_open(MODULE_NAME, why, sizeof why)))
        *(void **)&get = dlsym(h, "confspend_sha256_fns");
    if (!get) {
        cs_error(e, CS_EFAIL, "receipt", MODULE_NAME, "cannot load the hashing module: %s",
                 *why ? why : "no confspend_sha256_fns in it");
        return NULL;
    }
    return fns = get();
}
