/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ratio.c - exact rates: decimals as written, rationals, one rounding, overflow refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/ratio.h"

static void dec_ok(const char *s, int64_t mantissa, int scale, const char *shown)
{
    struct cs_err e = CS_ERR_INIT;
    struct rate_dec d = {-1, -1};
    char buf[48];
    if (rate_dec_parse(s, &d, "rate", &e))
        fail_msg("rate_dec_parse(\"%s\") failed: %s", s, e.msg);
    if (d.mantissa != mantissa || d.scale != scale)
        fail_msg("rate_dec_parse(\"%s\") = %lld, %d; want %lld, %d", s, (long long)d.mantissa,
                 d.scale, (long long)mantissa, scale);
    rate_dec_format(d, buf, sizeof buf);
    assert_string_equal(buf, shown);
}

static void dec_bad(const char *s, const char *msg)
{
    struct cs_err e = CS_ERR_INIT;
    struct rate_dec d = {-1, -1};
    assert_int_equal(rate_dec_parse(s, &d, "rate", &e), CS_EINPUT);
    assert_string_equal(e.msg, msg);
    assert_true(d.mantissa == -1 && d.scale == -1);
}

static void test_dec(void **state)
{
    (void)state;
    /* kept as written: the trailing zero of 1.0850 too, so rate list shows what was typed */
    dec_ok("24.67", 2467, 2, "24.67");
    dec_ok("0.0405", 405, 4, "0.0405");
    dec_ok("1.0850", 10850, 4, "1.0850");
    dec_ok("7.4365", 74365, 4, "7.4365");
    dec_ok("7", 7, 0, "7");
    dec_ok("366.9", 3669, 1, "366.9");
    dec_ok("0.5", 5, 1, "0.5");
    dec_ok("007.5", 75, 1, "7.5"); /* leading zeros do not count */
    dec_ok("123456789012345678", 123456789012345678, 0, "123456789012345678"); /* 18 digits */
    dec_ok("0.000000000000000001", 1, 18, "0.000000000000000001");
    dec_ok("15234.5678", 152345678, 4, "15234.5678");
    dec_bad("0", "rate: must be greater than zero (0)");
    dec_bad("0.000", "rate: must be greater than zero (0.000)");
    dec_bad("-1", "rate: must not be negative (-1)");
    dec_bad("+1", "rate: must not be negative (+1)");
    dec_bad("1234567890123456789", "rate: not a decimal number with at most 18 digits "
                                   "(1234567890123456789)");
    dec_bad("0.0000000000000000001", "rate: not a decimal number with at most 18 digits "
                                     "(0.0000000000000000001)");
    dec_bad("1e3", "rate: not a decimal number with at most 18 digits (1e3)");
    dec_bad("", "rate: not a decimal number with at most 18 digits ()");
    dec_bad(".5", "rate: not a decimal number with at most 18 digits (.5)");
    dec_bad("1.", "rate: not a decimal number with at most 18 digits (1.)");
    dec_bad("1..2", "rate: not a decimal number with at most 18 digits (1..2)");
    dec_bad("24,67", "rate: not a decimal number with at most 18 digits (24,67)");
    dec_bad(" 1", "rate: not a decimal number with at most 18 digits ( 1)");
    dec_bad("N/A", "rate: not a decimal number with at most 18 digits (N/A)");
}

static struct ratio R(unsigned long long num, unsigned long long den) {
    struct ratio r = {num, den};
    return r;
}

static void
apply_is(struct ratio r, int64_t amount, int64_t want)
{
    int64_t out = 12345;
    if (ratio_apply(r, amount, &out))
        fail_msg("ratio_apply(%lld) failed", (long long)amount);
    if (out != want)
        fail_msg("ratio_apply(%lld) = %lld, want %lld", (long long)amount, (long long)out,
                 (long long)want);
}

static void apply_fails(struct ratio r, int64_t amount)
{
    int64_t out = 12345;
    assert_int_equal(ratio_apply(r, amount, &out), CS_EFAIL);
    assert_true(out == 12345); /* untouched: never a wrong figure */
}

static void test_rounding(void **state)
{
    (void)state;
    /* half away from zero, both signs: 0.5 -> 1, -0.5 -> -1, 1.5 -> 2, -1.5 -> -2 */
    apply_is(R(1, 2), 1, 1);
    apply_is(R(1, 2), -1, -1);
    apply_is(R(1, 2), 3, 2);
    apply_is(R(1, 2), -3, -2);
    apply_is(R(1, 2), 5, 3);   /* 2.5 -> 3 (not to even) */
    apply_is(R(1, 2), -5, -3); /* -2.5 -> -3 */
    /* below and above the half: 0.25 -> 0, 0.75 -> 1, -0.25 -> 0, -0.75 -> -1 */
    apply_is(R(1, 4), 1, 0);
    apply_is(R(1, 4), 3, 1);
    apply_is(R(1, 4), -1, 0);
    apply_is(R(1, 4), -3, -1);
    /* 1/3 of 2 is 0.666... -> 1; of -2 -> -1; 0 stays 0 */
    apply_is(R(1, 3), 2, 1);
    apply_is(R(1, 3), -2, -1);
    apply_is(R(7, 3), 0, 0);
}

static void test_cross(void **state)
{
    struct rate_dec eur_usd = {10853, 4}, eur_czk = {2467, 2};
    struct ratio czk_usd, r;
    char buf[96];
    (void)state;
    /* 1 CZK = (1/24.67 EUR) * 1.0853 USD/EUR = (100/2467) * (10853/10000) = 10853/246700 */
    assert_int_equal(
        ratio_mul(ratio_inverse(ratio_of_dec(eur_czk)), ratio_of_dec(eur_usd), &czk_usd), 0);
    ratio_format(czk_usd, buf, sizeof buf);
    assert_string_equal(buf, "10853/246700");
    /* 1234.50 CZK = 123450 * 10853 / 246700 = 1339802850 / 246700 = 5430.899...
     * -> 5431 cents = 54.31 USD, rounded once (CZK and USD both have 2 digits) */
    apply_is(czk_usd, 123450, 5431);
    apply_is(czk_usd, -123450, -5431);
    /* the other way, USD to CZK: 54.31 USD = 5431 * 246700 / 10853 = 123452.289... -> 123452
     * (1234.52 CZK: the rounding of each direction is its own) */
    apply_is(ratio_inverse(czk_usd), 5431, 123452);
    /* into JPY (0 digits) from USD (2): times 10^-2. 1 USD = 150.25 JPY: 19.99 USD =
     * 1999 * 15025 / 100 / 100 = 3003.4975 -> 3003 JPY */
    assert_int_equal(ratio_scale10(ratio_of_dec((struct rate_dec){15025, 2}), -2, &r), 0);
    apply_is(r, 1999, 3003);
    /* an inverse of an inverse is the rate again; a product with its inverse is 1 */
    assert_true(ratio_inverse(ratio_inverse(czk_usd)).num == czk_usd.num);
    assert_int_equal(ratio_mul(czk_usd, ratio_inverse(czk_usd), &r), 0);
    ratio_format(r, buf, sizeof buf);
    assert_string_equal(buf, "1");
}

static void test_huge(void **state)
{
    struct ratio r, big;
    const unsigned long long e18 = 1000000000000000000ULL;
    char buf[96];
    (void)state;
    /* the ends of int64 convert at 1, and not at 2 */
    apply_is(R(1, 1), INT64_MAX, INT64_MAX);
    apply_is(R(1, 1), INT64_MIN, INT64_MIN);
    apply_fails(R(2, 1), INT64_MAX);
    apply_fails(R(2, 1), INT64_MIN);
    apply_fails(R(2, 1), INT64_MIN / 2 - 1);
    apply_is(R(2, 1), INT64_MIN / 2, INT64_MIN);
    /* a product past 128 bits is refused, not wrapped: 10^36 * 10^3 */
    assert_int_equal(ratio_mul(R(e18, 1), R(e18, 1), &big), 0);
    ratio_format(big, buf, sizeof buf);
    assert_string_equal(buf, "1000000000000000000000000000000000000");
    apply_fails(big, 1000);
    apply_fails(big, 1); /* fits in 128 bits, not in int64 */
    assert_int_equal(ratio_scale10(big, 3, &r), CS_EFAIL);
    /* but the same huge legs cancel exactly: 10^36/7 * 7/10^36 is 1 */
    assert_int_equal(ratio_mul(R(e18, 7), R(7, e18), &r), 0);
    assert_true(r.num == 1 && r.den == 1);
    /* two 18-digit legs and 3 digits of scaling fit: (999...9/10^18)^2 * 10^3 */
    assert_int_equal(ratio_mul(R(e18 - 1, 1), R(e18 - 1, 1), &r), 0);
    assert_int_equal(ratio_scale10(r, 2, &r), 0);
    /* the largest amount times a rate just under 1 still rounds exactly:
     * INT64_MAX * (10^18 - 1) / 10^18 = 9223372036854775797.776... -> INT64_MAX - 9 */
    apply_is(R(e18 - 1, e18), INT64_MAX, INT64_MAX - 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dec),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_cross),
        cmocka_unit_test(test_huge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
