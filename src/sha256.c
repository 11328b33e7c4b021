/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sha256.c - the module confspend-sha256.so: nettle's SHA-256 (sha256.h), the only code
 * that links nettle. */
#include "confspend/sha256.h"

__attribute__((visibility("default"))) const struct sha256_fns *confspend_sha256_fns(void);
const struct sha256_fns *confspend_sha256_fns(void)
{
    static const struct sha256_fns f = {sha256_init, sha256_update, sha256_digest};
    return &f;
}
