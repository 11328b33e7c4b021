/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* rev 2: the fare converted as one amount, a recorded fee as its own commission.
 * 1.00 EUR with a 0.50 tip and a 0.50 fee, F = 0.51 USD: c = 1, D = 0 (never negative);
 * P = round(25.5) = 26. 10.00 EUR, tip 1.00, fee 3.00, F = 9.09: D = round(909 * 6 / 9)
 * = 606, P = 606 + round(151.5) = 758. */
static void converted_fare_and_fee(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in r = ride(100, 50, 50, "A", "B", 0);
    struct ride_out o;
    r.has_base = 1;
    r.fare_base = 51;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.fare, 51);
    assert_int_equal(o.driver, 0);
    assert_int_equal(o.direct, 26);
    assert_int_equal(o.saving, 25);
    r = ride(1000, 100, 300, "A", "B", 0);
    r.has_base = 1;
    r.fare_base = 909;
    ridemodel_ride(&r, &p, &o);
    assert_int_equal(o.driver, 606);
    assert_int_equal(o.direct, 758);
    assert_int_equal(o.gain, 152);
}

/* A refund: the figures of its size, negated; not counted in rides or eligible, and not a
 * ride of its route for --min-rides. direct_cost = paid - expected (A = 0.5). */
static void refunds_and_direct_cost(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in rides[] = {
        ride(3000, -1, -1, "G", "H", 0),
        ride(-1000, -1, -1, "H", "G", 1),
    };
    struct ride_out o;
    struct ride_result r;
    ridemodel_ride(&rides[1], &p, &o);
    assert_int_equal(o.fare, -1000);
    assert_int_equal(o.driver, -500);
    assert_int_equal(o.direct, -750);
    assert_int_equal(o.expected, -250);
    /* one ride on the route: not eligible at min 2 */
    ridemodel_run(rides, 2, &p, &r);
    assert_int_equal(r.total.rides, 1);
    assert_int_equal(r.total.eligible, 0);
    assert_int_equal(r.total.paid, 2000);
    assert_int_equal(r.total.direct_cost, 2000);
    ridemodel_release(&r);
    /* min 1, A 0.5: E round(0.5 * 750) = 375, refund -125: 250; direct 2000 - 250 */
    p.min_rides = 1;
    p.availability_e9 = E9 / 2;
    ridemodel_run(rides, 2, &p, &r);
    assert_int_equal(r.total.eligible, 1);
    assert_int_equal(r.total.rider_savings, 500);
    assert_int_equal(r.total.expected_savings, 250);
    assert_int_equal(r.total.direct_cost, 1750);
    ridemodel_release(&r);
}

static void medians(void **state)
{
    (void)state;
    int64_t odd[] = {50, 10, 30}, even[] = {2200, 2101, 3000, 2000}, neg[] = {-3, -4};
    int64_t many[40];
    assert_int_equal(ridemodel_median(odd, 3), 30);
    assert_int_equal(ridemodel_median(even, 4), 2151); /* (2101 + 2200) / 2 = 2150.5 */
    assert_int_equal(ridemodel_median(neg, 2), -4);    /* -3.5, half away from zero */
    assert_int_equal(ridemodel_median(NULL, 0), 0);
    for (int i = 0; i < 40; i++)
        many[i] = 40 - i; /* 1..40: (20 + 21) / 2 = 20.5 -> 21 */
    assert_int_equal(ridemodel_median(many, 40), 21);
    assert_int_equal(ridemodel_scale_days(3134, 3, 4), 2351); /* 2350.5 */
    assert_int_equal(ridemodel_scale_days(-3134, 3, 4), -2351);
    assert_int_equal(ridemodel_scale_days(1975, 6, 4), 2963);
}

/* The quote: F 20.00 (fee 8: D 12.00), 21.01 (D 10.51), 22.00, 30.00, and a refund left
 * out: median F 21.51, median D 11.50, offer 11.50 + round(5.005) = 16.51. */
static void quote(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in rides[] = {
        ride(2000, -1, 800, "Home", "Venue", 0), ride(2101, -1, -1, "Venue", "Home", 0),
        ride(2500, 300, -1, "home", "venue", 0), ride(3000, -1, -1, "Home", "Venue", 0),
        ride(-500, -1, -1, "Home", "Venue", 0),  ride(1500, -1, -1, "Hotel", "Venue", 0),
    };
    struct quote_result q;
    ridemodel_quote(rides, 6, &p, &q);
    assert_int_equal(q.nroutes, 1); /* Hotel <-> Venue has one ride */
    assert_string_equal(q.routes[0].label, "Home <-> Venue");
    assert_int_equal(q.routes[0].rides, 4);
    assert_int_equal(q.routes[0].median_fare, 2151);
    assert_int_equal(q.routes[0].driver_take, 1150);
    assert_int_equal(q.routes[0].offer, 1651);
    assert_int_equal(q.routes[0].rider_saves, 500);
    assert_int_equal(q.routes[0].driver_gains, 501);
    ridemodel_quote_release(&q);
    p.min_rides = 1;
    ridemodel_quote(rides, 6, &p, &q);
    assert_int_equal(q.nroutes, 2);
    assert_string_equal(q.routes[1].label, "Hotel <-> Venue");
    assert_int_equal(q.routes[1].offer, 1125);
    ridemodel_quote_release(&q);
}

/* Direct rides against R = the median F of the route's platform rides: 23.01 from
 * 18.00, 21.01, 25.00, 30.00; 17.00 + 16.00 and a 2.00 refund; one route without R. */
static void direct(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in platform[] = {
        ride(1800, -1, -1, "Home", "Venue", 0),   ride(2101, -1, -1, "Venue", "Home", 0),
        ride(2500, -1, 1000, "Home", "Venue", 0), ride(3200, 200, -1, "Home", "Venue", 0),
        ride(-500, -1, -1, "Home", "Venue", 0),
    };
    struct ride_in d[] = {
        ride(1700, -1, -1, "Home", "Venue", 0),
        ride(1800, 200, -1, "Venue", "Home", 0),
        ride(-200, -1, -1, "Home", "Venue", 0),
        ride(1200, -1, -1, "Hotel", "Venue", 0),
    };
    struct direct_result r;
    ridemodel_direct(platform, 5, d, 4, &p, &r);
    assert_int_equal(r.nroutes, 2);
    assert_string_equal(r.routes[0].label, "Home <-> Venue");
    assert_int_equal(r.routes[0].rides, 2);
    assert_int_equal(r.routes[0].paid, 3100);
    assert_true(r.routes[0].has_ref);
    assert_int_equal(r.routes[0].reference, 2301);
    assert_int_equal(r.routes[0].platform_fare, 4602);
    assert_int_equal(r.routes[0].saved, 1502);
    assert_int_equal(r.routes[0].driver_platform_take, 2302); /* 2 x round(1150.5) */
    assert_int_equal(r.routes[0].driver_gain, 798);
    assert_false(r.routes[1].has_ref);
    assert_int_equal(r.routes[1].paid, 1200);
    assert_int_equal(r.total.rides, 3);
    assert_int_equal(r.total.paid, 4300);
    assert_int_equal(r.total.platform_fare, 4602);
    assert_int_equal(r.total.saved, 1502);
    assert_int_equal(r.total.driver_gain, 798);
    ridemodel_direct_release(&r);
}

/* Drivers: names folded (trimmed, any case), shown as the newest ride writes them; the
 * mean rating half away from zero; candidates need 4.0 and a busy route. */
static void drivers(void **state)
{
    (void)state;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    struct ride_in r[] = {
        ride(2000, -1, -1, "Home", "Venue", 0), ride(2300, 300, -1, "Venue", "Home", 0),
        ride(1500, -1, -1, "Home", "Venue", 0), ride(-1000, -1, -1, "Home", "Venue", 0),
        ride(1000, -1, -1, "A", "B", 0),        ride(1000, -1, -1, "A", "B", 0),
        ride(1000, -1, -1, "A", "B", 0),        ride(1000, -1, -1, "C", "B", 0),
    };
    struct driver_info info[] = {
        {"ana", 1, 0, 4, "2026-11-01"},  {" ANA ", 1, 0, 5, "2026-11-02"},
        {"Ana", 0, 1, -1, "2026-11-03"}, {"ANA", 1, 0, -1, "2026-11-04"},
        {"Eve", 0, 1, 3, "2026-09-01"},  {"eve", 0, 1, 4, "2026-09-02"},
        {"Eve", 0, 1, 4, "2026-09-03"},  {"Eve", 0, 1, 4, "2026-09-04"},
    };
    struct ride_in platform[] = {r[0], r[1], r[3]};
    struct driver_result d;
    ridemodel_drivers(r, info, 8, platform, 3, &p, &d);
    assert_int_equal(d.nrows, 2);
    assert_string_equal(d.rows[0].name, "Eve");
    assert_int_equal(d.rows[0].rides, 4);
    assert_int_equal(d.rows[0].direct_rides, 4);
    assert_int_equal(d.rows[0].routes, 2);
    assert_int_equal(d.rows[0].rating_tenths, 38); /* 3.75 */
    assert_false(d.rows[0].candidate);
    assert_string_equal(d.rows[1].name, "Ana"); /* the newest ride that is not a refund */
    assert_int_equal(d.rows[1].rides, 3);
    assert_int_equal(d.rows[1].platform_rides, 2);
    assert_int_equal(d.rows[1].routes, 1);
    assert_int_equal(d.rows[1].rating_tenths, 45);
    assert_int_equal(d.rows[1].paid, 2000 + 2000 - 1000);
    assert_int_equal(d.rows[1].driver_received, 1000 + 1000 - 500);
    assert_string_equal(d.rows[1].last, "2026-11-03");
    assert_true(d.rows[1].candidate); /* Home <-> Venue: 2 platform rides */
    ridemodel_drivers_release(&d);
    p.min_rides = 3; /* the refund is no ride: the route has 2 */
    ridemodel_drivers(r, info, 8, platform, 3, &p, &d);
    assert_false(d.rows[1].candidate);
    ridemodel_drivers_release(&d);
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
        cmocka_unit_test(converted_fare_and_fee),
        cmocka_unit_test(refunds_and_direct_cost),
        cmocka_unit_test(medians),
        cmocka_unit_test(quote),
        cmocka_unit_test(direct),
        cmocka_unit_test(drivers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
