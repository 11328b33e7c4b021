/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arena.c - text by offset in one growing buffer. */
#include "confspend/arena.h"

#include <stdlib.h>
#include <string.h>

#include "confspend/error.h"

uint32_t arena_put(struct arena *a, const char *s, size_t n)
{
    uint32_t at;
    if (a->used + n + 1 > a->cap) {
        size_t cap = a->cap ? a->cap : 1 << 18;
        while (a->used + n + 1 > cap)
            cap *= 2;
        if (cap > UINT32_MAX)
            die("out of memory: a batch of rows is larger than 4 GiB");
        a->p = xrealloc(a->p, cap);
        a->cap = cap;
    }
    memcpy(a->p + a->used, s, n);
    a->p[a->used + n] = 0;
    at = (uint32_t)a->used + 1;
    a->used += n + 1;
    return at;
}

const char *arena_at(const struct arena *a, uint32_t at)
{
    return at ? a->p + at - 1 : NULL;
}

void arena_clear(struct arena *a)
{
    a->used = 0;
}

void arena_release(struct arena *a)
{
    free(a->p);
    memset(a, 0, sizeof *a);
}
