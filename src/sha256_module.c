/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sha256_module.c - sha256_fns_get() opens confspend-sha256.so (nettle) on first use. */
#include "confspend/sha256.h"

#include "confspend/module.h"

#define MODULE_NAME "confspend-sha256.so"

const struct sha256_fns *sha256_fns_get(struct cs_err *e)
{
    static const struct sha256_fns *fns;
    const struct sha256_fns *(*get)(void) = NULL;
    if (!fns && (*(void **)&get = module_entry(MODULE_NAME, "confspend_sha256_fns", "receipt",
                                               "hashing module", e)))
        fns = get();
    return fns;
}
