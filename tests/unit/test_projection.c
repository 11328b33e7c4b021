/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_projection.c - budget_projection(), the current month's projection of one category:
 * schedules as they are, trips over their own days, the rest over the month's days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "confspend/error.h"
#include "confspend/report.h"

static void the_rest_over_the_month(void **state)
{
    int64_t p = 0;
    (void)state;
    /* 136.15 on day 10 of 30: 408.45 */
    assert_int_equal(budget_projection(0, 0, NULL, 0, 13615, 30, 10, &p), 0);
    assert_int_equal(p, 40845);
    /* 12.25 * 30 / 20 = 18.375: half away from zero, either sign */
    assert_int_equal(budget_projection(0, 0, NULL, 0, 1225, 30, 20, &p), 0);
    assert_int_equal(p, 1838);
    assert_int_equal(budget_projection(0, 0, NULL, 0, -1225, 30, 20, &p), 0);
    assert_int_equal(p, -1838);
}

static void schedules_and_trips(void **state)
{
    /* conf: 7 days this month, 3 so far; an ended trip; one with no day so far */
    struct projection_trip t[] = {{6635, 7, 3}, {1100, 4, 4}, {15000, 3, 0}, {733, 22, 2}};
    int64_t p = 0;
    (void)state;
    /* 20.00 + 12.10 + round(66.35 * 7 / 3) 154.82 + 11.00 + 150.00 + 80.63
     * + round(12.25 * 3) 36.75 */
    assert_int_equal(budget_projection(2000, 1210, t, 4, 1225, 30, 10, &p), 0);
    assert_int_equal(p, 2000 + 1210 + 15482 + 1100 + 15000 + 8063 + 3675);
    /* a schedule paid on the 3rd is not extrapolated */
    assert_int_equal(budget_projection(2000, 0, NULL, 0, 0, 30, 3, &p), 0);
    assert_int_equal(p, 2000);
}

static void too_large(void **state)
{
    struct projection_trip t[] = {{INT64_MAX / 2, 7, 3}};
    int64_t p = 0;
    (void)state;
    assert_int_equal(budget_projection(0, 0, NULL, 0, INT64_MAX / 2, 31, 1, &p), CS_EFAIL);
    assert_int_equal(budget_projection(0, 0, t, 1, 0, 30, 10, &p), CS_EFAIL);
    assert_int_equal(budget_projection(INT64_MAX, 1, NULL, 0, 0, 30, 10, &p), CS_EFAIL);
    assert_int_equal(budget_projection(0, 0, NULL, 0, 5, 30, 0, &p), CS_EFAIL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_rest_over_the_month),
        cmocka_unit_test(schedules_and_trips),
        cmocka_unit_test(too_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
