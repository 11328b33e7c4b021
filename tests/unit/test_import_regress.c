/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_import_regress.c - findings of tests/fuzz/fuzz_import.c, kept as unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/import.h"

/* Import the row DATE,meal,1,CUR under the header date,category,amount,currency. */
static int row(const char *cur, struct expense *x, struct cs_err *e)
{
    static char *names[] = {"date", "category", "amount", "currency"};
    char c0[] = "2026-11-05", c1[] = "meal", c2[] = "1", c3[8];
    char *cells[] = {c0, c1, c2, c3};
    struct import_header h;
    snprintf(c3, sizeof c3, "%s", cur);
    assert_int_equal(import_header_parse(names, 4, &h, e), 0);
    return import_row(&h, cells, 4, 2, "USD", 0, x, e);
}

/* A row in an unknown currency overwrote the remembered digits of the last known one, so
 * the next row in that currency got -1 digits (an empty cell: 1 USD stored as 1 cent) or
 * was refused ("unknown ISO 4217 currency code (USD)"). */
static void unknown_currency_does_not_poison_the_next_row(void **state)
{
    struct expense x;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(row("USD", &x, &e), 0);
    assert_int_equal(x.amount, 100);
    assert_int_equal(row("XYZ", &x, &e), CS_EINPUT);
    assert_int_equal(row("", &x, &e), 0);
    assert_int_equal(x.amount, 100);
    assert_string_equal(x.currency, "USD");
    assert_int_equal(row("XYZ", &x, &e), CS_EINPUT);
    assert_int_equal(row("USD", &x, &e), 0);
    assert_int_equal(x.amount, 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unknown_currency_does_not_poison_the_next_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
