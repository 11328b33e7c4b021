/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_arena.c - names stay valid as the arena grows; 0 is "none"; clear reuses it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/arena.h"

static void test_names_survive_growth(void **state)
{
    struct arena a = {0};
    uint32_t names[20000];
    char buf[32];
    (void)state;
    assert_null(arena_at(&a, 0));
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(buf, sizeof buf, "row %d", i);
        names[i] = arena_put(&a, buf, (size_t)n);
        assert_int_not_equal(names[i], 0);
    }
    assert_true(a.cap > 1 << 18 || a.used > 100000); /* it grew past its first block */
    for (int i = 0; i < 20000; i += 997) {
        snprintf(buf, sizeof buf, "row %d", i);
        assert_string_equal(arena_at(&a, names[i]), buf);
    }
    arena_release(&a);
}

static void test_put_copies_n_bytes_and_ends_them(void **state)
{
    struct arena a = {0};
    uint32_t x, y;
    (void)state;
    x = arena_put(&a, "hello world", 5);
    y = arena_put(&a, "", 0);
    assert_string_equal(arena_at(&a, x), "hello");
    assert_string_equal(arena_at(&a, y), "");
    arena_clear(&a);
    assert_int_equal(arena_put(&a, "again", 5), 1); /* the first name after a clear */
    assert_string_equal(arena_at(&a, 1), "again");
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_survive_growth),
        cmocka_unit_test(test_put_copies_n_bytes_and_ends_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
