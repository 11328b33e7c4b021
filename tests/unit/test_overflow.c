/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_overflow.c - sums of hostile amounts: an amount may be as large as int64 allows,
 * so every sum over expenses is checked instead of wrapping around (signed overflow is
 * undefined behaviour; UBSan reported it in list, report rides and report trip). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/error.h"
#include "confspend/money.h"
#include "confspend/ridemodel.h"

static void money_add_checks(void **state)
{
    int64_t s = 0;
    (void)state;
    assert_int_equal(money_add(&s, 5), 0);
    assert_int_equal(money_add(&s, -7), 0);
    assert_int_equal(s, -2);
    s = INT64_MAX - 1;
    assert_int_equal(money_add(&s, 1), 0);
    assert_true(s == INT64_MAX);
    assert_int_equal(money_add(&s, 1), CS_EFAIL);
    assert_true(s == INT64_MAX); /* left as it was */
    s = INT64_MIN + 1;
    assert_int_equal(money_add(&s, -1), 0);
    assert_int_equal(money_add(&s, -1), CS_EFAIL);
    assert_true(s == INT64_MIN);
    assert_int_equal(money_add(&s, INT64_MAX), 0);
    assert_int_equal(s, -1);
}

/* A total that fits is exact whatever the order of the amounts; only the total is
 * checked (SQLite's sum() and an int64 running total fail on the partial sums). */
static void money_sum_partial_sums(void **state)
{
    struct money_sum s = MONEY_SUM_INIT;
    int64_t v = 1;
    const int64_t e18 = 9000000000000000000;
    (void)state;
    money_sum_add(&s, -e18);
    money_sum_add(&s, -e18);
    assert_int_equal(money_sum_get(s, &v), CS_EFAIL); /* -1.8e19 does not fit ... */
    assert_int_equal(v, 1);                           /* ... and *OUT is left as it was */
    money_sum_add(&s, e18);
    money_sum_add(&s, e18);
    money_sum_add(&s, e18);
    assert_int_equal(money_sum_get(s, &v), 0);
    assert_true(v == e18);
    money_sum_sub(&s, INT64_MIN); /* e18 + 2^63 */
    assert_int_equal(money_sum_get(s, &v), CS_EFAIL);
    s = (struct money_sum)MONEY_SUM_INIT;
    money_sum_add(&s, INT64_MIN);
    assert_int_equal(money_sum_get(s, &v), 0);
    assert_true(v == INT64_MIN);
    money_sum_add(&s, -1);
    assert_int_equal(money_sum_get(s, &v), CS_EFAIL);
    for (int i = 0; i < 1000; i++) /* far past int64 and back */
        money_sum_add(&s, INT64_MAX);
    for (int i = 0; i < 1000; i++)
        money_sum_sub(&s, INT64_MAX);
    money_sum_add(&s, 1);
    assert_int_equal(money_sum_get(s, &v), 0);
    assert_true(v == INT64_MIN);
}

static void ridemodel_flags_overflow(void **state)
{
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_result r = RIDE_RESULT_INIT;
    struct ride_in in[2] = {{INT64_MAX, -1, -1, "Home", "Venue", 0},
                            {INT64_MAX, -1, -1, "Venue", "Home", 1}};
    (void)state;
    ridemodel_run(in, 1, &p, &r);
    assert_int_equal(r.overflow, 0);
    assert_true(r.total.paid == INT64_MAX);
    ridemodel_release(&r);
    ridemodel_run(in, 2, &p, &r);
    assert_int_equal(r.overflow, 1);
    ridemodel_release(&r);
    in[0].amount = in[1].amount = INT64_MAX / 2;
    ridemodel_run(in, 2, &p, &r);
    assert_int_equal(r.overflow, 0);
    assert_true(r.total.paid == INT64_MAX - 1);
    ridemodel_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_add_checks),
        cmocka_unit_test(money_sum_partial_sums),
        cmocka_unit_test(ridemodel_flags_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
