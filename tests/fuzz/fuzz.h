/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz.h - what the fuzz harnesses share: a checked assertion that names the failed
 * invariant and aborts (so libFuzzer and the replay driver both report it), and the
 * one-line rule every error message must keep. */
#ifndef CONFSPEND_FUZZ_H
#define CONFSPEND_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/error.h"

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* An error record as main.c would print it: a code that maps to exit 2, a message that is
 * not empty, fits, and holds no control byte (so it prints on one line). */
static inline void fuzz_check_err(const struct cs_err *e, int code)
{
    FUZZ_CHECK(e->code == code);
    FUZZ_CHECK(e->msg[0] != 0);
    FUZZ_CHECK(strlen(e->msg) < sizeof e->msg);
    for (const unsigned char *p = (const unsigned char *)e->msg; *p; p++)
        FUZZ_CHECK(*p >= 0x20 && *p != 0x7f);
}

/* DATA[0..N) as a NUL-terminated string (it ends at the first NUL byte, as argv would).
 * Allocated. */
static inline char *fuzz_string(const uint8_t *data, size_t n)
{
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, data, n);
    s[n] = 0;
    return s;
}

#endif
