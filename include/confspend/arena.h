/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arena.h - text copied into one growing buffer and named by offset, for the batches that
 * pass rows between threads: a name survives the buffer moving when it grows. */
#ifndef CONFSPEND_ARENA_H
#define CONFSPEND_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena {
    char *p;
    size_t used, cap;
};

/* Copy the N bytes at S and a NUL into A (zero-initialised or cleared); returns the copy's
 * name: its offset + 1, so that 0 can stand for "none". */
uint32_t arena_put(struct arena *a, const char *s, size_t n);
/* The text named AT, NULL for 0. */
const char *arena_at(const struct arena *a, uint32_t at);
/* Forget every copy, keeping the memory. */
void arena_clear(struct arena *a);
void arena_release(struct arena *a);

#endif
