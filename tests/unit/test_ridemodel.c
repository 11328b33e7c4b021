/* test_ridemodel.c - the direct-driver model on hand-computed cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "confspend/ridemodel.h"

static struct ride_in ride(int64_t amount, int64_t tip, int64_t fee, const char *from,
                           const char *to, long day)
{
    struct ride_in r = {amount, tip, fee, from, to, day};
    return r;
}

/* 30.00 with a recorded 12.00 fee: c = 0.4, D = 18.00, P = 18.00 + 0.5 * 12.00 = 24.00. */
static void recorded_fee(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in r = ride(3000, -1, 1200, "A", "B", 0);
    struct ride_out o;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.fare, 3000);
    assert_int_equal(o.driver, 1800);
    assert_int_equal(o.direct, 2400);
    assert_int_equal(o.saving, 600);
    assert_int_equal(o.gain, 600);
    assert_int_equal(o.expected, 600);
    /* the fee wins over --commission */
    p.commission_e9 = E9 / 4;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.driver, 1800);
}

/* The tip stays out: 25.00 with a 3.00 tip is a fare of 22.00. */
static void tip_excluded(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in r = ride(2500, 300, -1, "A", "B", 0);
    struct ride_out o;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.fare, 2200);
    assert_int_equal(o.driver, 1100);
    assert_int_equal(o.direct, 1650);
}

/* Half cents: F = 26.15, c = 0.5: D = round(1307.5) = 1308; F - D = 1307;
 * round(0.5 * 1307) = round(653.5) = 654; P = 1962. */
static void half_cent_rounding(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in r = ride(2615, -1, -1, "A", "B", 0);
    struct ride_out o;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.driver, 1308);
    assert_int_equal(o.direct, 1962);
    assert_int_equal(o.saving, 653);
    assert_int_equal(o.gain, 654);
    /* c = 0.25 on 10.02: D = round(751.5) = 752; F - D = 250; P = 752 + 125 = 877 */
    p.commission_e9 = E9 / 4;
    r.amount = 1002;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.driver, 752);
    assert_int_equal(o.direct, 877);
    /* c = 0.35 on 10.01: D = round(650.65) = 651; F - D = 350; S = 0.75: 262.5 -> 263 */
    p.commission_e9 = E9 * 35 / 100;
    p.share_e9 = E9 * 3 / 4;
    r.amount = 1001;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.driver, 651);
    assert_int_equal(o.direct, 914);
    assert_int_equal(o.saving, 87);
    assert_int_equal(o.gain, 263);
}

/* A = 0.5 on a saving of 6.53: round(326.5) = 327; A = 0.3: round(195.9) = 196. */
static void availability(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in r = ride(2615, -1, -1, "A", "B", 0);
    struct ride_out o;
    p.availability_e9 = E9 / 2;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.saving, 653);
    assert_int_equal(o.expected, 327);
    p.availability_e9 = E9 * 3 / 10;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.expected, 196);
    p.availability_e9 = 0;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.expected, 0);
}

/* Routes: case and blanks do not matter, direction does not matter; a single-ride route
 * is not eligible; trial days exclude the first days. */
static void routes_and_eligibility(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in rides[] = {
        ride(2000, -1, -1, "Home", "Venue", 0),   /* trial day 0 */
        ride(2000, -1, -1, " venue ", "HOME", 1), /* trial day 1 */
        ride(2000, -1, -1, "home", "Venue  ", 2), /* eligible */
        ride(3001, -1, -1, "Home", "Airport", 3), /* single ride: not eligible */
    };
    struct ride_result r;
    p.trial_days = 2;
    ridemodel_run(rides, 4, &p, &r);
    assert_int_equal(r.nroutes, 2);
    assert_string_equal(r.routes[0].label, "Home <-> Venue");
    assert_int_equal(r.routes[0].rides, 3);
    assert_int_equal(r.routes[0].eligible, 1);
    assert_int_equal(r.routes[0].paid, 6000);
    assert_int_equal(r.routes[0].driver_received, 3000);
    assert_int_equal(r.routes[0].platform_kept, 3000);
    assert_int_equal(r.routes[0].direct_cost, 2000 + 2000 + 1500);
    assert_int_equal(r.routes[0].rider_savings, 500);
    assert_int_equal(r.routes[0].driver_gain, 500);
    assert_int_equal(r.routes[0].expected_savings, 500);
    assert_string_equal(r.routes[1].label, "Airport <-> Home");
    assert_int_equal(r.routes[1].rides, 1);
    assert_int_equal(r.routes[1].eligible, 0);
    assert_int_equal(r.routes[1].paid, 3001);
    assert_int_equal(r.routes[1].driver_received, 1501); /* round(1500.5) */
    assert_int_equal(r.routes[1].direct_cost, 3001);
    assert_int_equal(r.routes[1].rider_savings, 0);
    assert_string_equal(r.total.label, "TOTAL");
    assert_int_equal(r.total.rides, 4);
    assert_int_equal(r.total.eligible, 1);
    assert_int_equal(r.total.paid, 9001);
    assert_int_equal(r.total.platform_kept, 9001 - 3000 - 1501);
    assert_int_equal(r.total.direct_cost, 5500 + 3001);
    assert_int_equal(r.total.expected_savings, 500);
    ridemodel_release(&r);

    /* --min-rides 1 makes the single ride eligible; no trial days makes all eligible */
    p.trial_days = 0;
    p.min_rides = 1;
    ridemodel_run(rides, 4, &p, &r);
    assert_int_equal(r.total.eligible, 4);
    assert_int_equal(r.routes[1].direct_cost, 1501 + 750); /* 1501 + round(0.5 * 1500) */
    ridemodel_release(&r);
}

static void route_key(void **state)
{
    (void)state;
    char *a = ridemodel_route_key("  Venue", "home "), *b = ridemodel_route_key("HOME", "venue");
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void empty(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_result r;
    ridemodel_run(NULL, 0, &p, &r);
    assert_int_equal(r.nroutes, 0);
    assert_int_equal(r.total.rides, 0);
    assert_int_equal(r.total.paid, 0);
    ridemodel_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(recorded_fee),
        cmocka_unit_test(tip_excluded),
        cmocka_unit_test(half_cent_rounding),
        cmocka_unit_test(availability),
        cmocka_unit_test(routes_and_eligibility),
        cmocka_unit_test(route_key),
        cmocka_unit_test(empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
