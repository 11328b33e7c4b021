/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_money.c - money: parsing, formatting, rounding, rates and conversion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/money.h"

/* Parse S with DIGITS and check it gives WANT. */
static void parse_ok(const char *s, int digits, int64_t want)
{
    struct cs_err e = CS_ERR_INIT;
    int64_t v = -12345;
    int rc = money_parse(s, digits, &v, "amount", &e);
    if (rc != 0)
        fail_msg("money_parse(\"%s\", %d) failed: %s", s, digits, e.msg);
    if (v != want)
        fail_msg("money_parse(\"%s\", %d) = %lld, want %lld", s, digits, (long long)v,
                 (long long)want);
}

/* Parse S with DIGITS and check it is refused with exactly the message MSG, *OUT untouched. */
static void parse_bad(const char *s, int digits, const char *msg)
{
    struct cs_err e = CS_ERR_INIT;
    int64_t v = -12345;
    int rc = money_parse(s, digits, &v, "amount", &e);
    if (rc != CS_EINPUT)
        fail_msg("money_parse(\"%s\", %d) = %d, want CS_EINPUT", s, digits, rc);
    assert_int_equal(e.code, CS_EINPUT);
    assert_string_equal(e.msg, msg);
    assert_true(v == -12345);
}

static void test_parse_valid(void **state)
{
    (void)state;
    parse_ok("23.50", 2, 2350);
    parse_ok("23.5", 2, 2350);
    parse_ok("23", 2, 2300);
    parse_ok("0.5", 2, 50);
    parse_ok("0.05", 2, 5);
    parse_ok("0", 2, 0);
    parse_ok("0.00", 2, 0);
    parse_ok("007.10", 2, 710);
    parse_ok("1500", 0, 1500);
    parse_ok("0", 0, 0);
    parse_ok("1.234", 3, 1234);
    parse_ok("1.2", 3, 1200);
    parse_ok("1", 3, 1000);
    parse_ok("0.0067", 9, 6700000);
    parse_ok("189", 2, 18900);
    /* INT64_MAX is the largest amount */
    parse_ok("92233720368547758.07", 2, INT64_MAX);
    parse_ok("9223372036854775807", 0, INT64_MAX);
    parse_ok("9223372036854775.807", 3, INT64_MAX);
    parse_ok("00000000000000000000000000001", 2, 100);
}

static void test_parse_invalid(void **state)
{
    (void)state;
    parse_bad("abc", 2, "amount: not a decimal number (abc)");
    parse_bad("-5", 2, "amount: must be a positive decimal number (-5)");
    parse_bad("+5", 2, "amount: must be a positive decimal number (+5)");
    parse_bad("1e3", 2, "amount: not a decimal number (1e3)");
    parse_bad("12,50", 2, "amount: use '.' as the decimal separator (12,50)");
    parse_bad("1,000.00", 2, "amount: use '.' as the decimal separator (1,000.00)");
    parse_bad("12.345", 2, "amount: at most 2 decimals in this currency (12.345)");
    parse_bad("1.5", 0, "amount: this currency has no minor unit (1.5)");
    parse_bad("1.0", 0, "amount: this currency has no minor unit (1.0)");
    parse_bad("1.2345", 3, "amount: at most 3 decimals in this currency (1.2345)");
    parse_bad("", 2, "amount: an amount is required ()");
    parse_bad(NULL, 2, "amount: an amount is required ()");
    parse_bad(".5", 2, "amount: not a decimal number (.5)");
    parse_bad("5.", 2, "amount: not a decimal number (5.)");
    parse_bad(".", 2, "amount: not a decimal number (.)");
    parse_bad(" 5", 2, "amount: not a decimal number ( 5)");
    parse_bad("5 ", 2, "amount: not a decimal number (5 )");
    parse_bad("1.2.3", 2, "amount: not a decimal number (1.2.3)");
    parse_bad("0x10", 2, "amount: not a decimal number (0x10)");
    parse_bad("5\n", 2, "amount: not a decimal number (5\\n)");
    parse_bad("inf", 2, "amount: not a decimal number (inf)");
    parse_bad("NaN", 2, "amount: not a decimal number (NaN)");
    parse_bad("92233720368547758.08", 2, "amount: too large (92233720368547758.08)");
    parse_bad("92233720368547758.1", 2, "amount: too large (92233720368547758.1)");
    parse_bad("92233720368547759", 2, "amount: too large (92233720368547759)");
    parse_bad("9223372036854775808", 0, "amount: too large (9223372036854775808)");
    parse_bad("99999999999999999999", 2, "amount: too large (99999999999999999999)");
    parse_bad("18446744073709551616", 0, "amount: too large (18446744073709551616)");
    parse_bad("999999999999999999999999999999999999999", 0,
              "amount: too large (999999999999999999999999999999999999999)");
}

/* The field name given is the one the message names. */
static void test_parse_field_name(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    int64_t v;
    (void)state;
    assert_int_equal(money_parse("x", 2, &v, "--tip", &e), CS_EINPUT);
    assert_string_equal(e.msg, "--tip: not a decimal number (x)");
    /* a NULL error record is allowed */
    assert_int_equal(money_parse("x", 2, &v, "--tip", NULL), CS_EINPUT);
}

static void fmt_is(int64_t v, int digits, const char *want)
{
    char buf[64];
    money_format(v, digits, buf, sizeof buf);
    if (strcmp(buf, want))
        fail_msg("money_format(%lld, %d) = \"%s\", want \"%s\"", (long long)v, digits, buf, want);
}

static void test_format(void **state)
{
    char small[4];
    (void)state;
    fmt_is(2350, 2, "23.50");
    fmt_is(-2350, 2, "-23.50");
    fmt_is(5, 2, "0.05");
    fmt_is(-5, 2, "-0.05");
    fmt_is(0, 2, "0.00");
    fmt_is(1500, 0, "1500");
    fmt_is(-1500, 0, "-1500");
    fmt_is(0, 0, "0");
    fmt_is(1234, 3, "1.234");
    fmt_is(5, 3, "0.005");
    fmt_is(-1, 3, "-0.001");
    fmt_is(1000, 3, "1.000");
    fmt_is(6700000, 9, "0.006700000");
    fmt_is(INT64_MAX, 2, "92233720368547758.07");
    fmt_is(INT64_MIN, 2, "-92233720368547758.08");
    fmt_is(INT64_MIN + 1, 2, "-92233720368547758.07");
    fmt_is(INT64_MIN, 0, "-9223372036854775808");
    fmt_is(INT64_MIN, 3, "-9223372036854775.808");
    /* a short buffer is cut, never overrun */
    money_format(2350, 2, small, sizeof small);
    assert_string_equal(small, "23.");
}

/* Formatting then parsing gives the value back. */
static void test_format_parse_round_trip(void **state)
{
    static const int64_t vals[] = {0, 1, 9, 10, 99, 100, 101, 2350, 123456789, INT64_MAX};
    (void)state;
    for (int digits = 0; digits <= 3; digits++)
        for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
            char buf[64];
            money_format(vals[i], digits, buf, sizeof buf);
            parse_ok(buf, digits, vals[i]);
        }
}

static void grouped_is(int64_t v, int digits, const char *want)
{
    char buf[64];
    money_format_grouped(v, digits, buf, sizeof buf);
    if (strcmp(buf, want))
        fail_msg("money_format_grouped(%lld, %d) = \"%s\", want \"%s\"", (long long)v, digits, buf,
                 want);
}

static void test_format_grouped(void **state)
{
    (void)state;
    grouped_is(0, 2, "0.00");
    grouped_is(99999, 2, "999.99");
    grouped_is(100000, 2, "1,000.00");
    grouped_is(123456789, 2, "1,234,567.89");
    grouped_is(-123456789, 2, "-1,234,567.89");
    grouped_is(-99999, 2, "-999.99");
    grouped_is(-100000, 2, "-1,000.00");
    grouped_is(123456, 0, "123,456");
    grouped_is(1234567, 0, "1,234,567");
    grouped_is(-1234567, 0, "-1,234,567");
    grouped_is(1234567, 3, "1,234.567");
    grouped_is(INT64_MAX, 2, "92,233,720,368,547,758.07");
    grouped_is(INT64_MIN, 2, "-92,233,720,368,547,758.08");
    grouped_is(INT64_MIN, 0, "-9,223,372,036,854,775,808");
}

static void rounds(__int128 num, __int128 den, int64_t want)
{
    int64_t got = round_half_away(num, den);
    if (got != want)
        fail_msg("round_half_away(%lld, %lld) = %lld, want %lld", (long long)num, (long long)den,
                 (long long)got, (long long)want);
}

static void test_round_half_away(void **state)
{
    (void)state;
    rounds(5, 2, 3);
    rounds(-5, 2, -3);
    rounds(5, -2, -3);
    rounds(-5, -2, 3);
    rounds(7, 4, 2);   /* 1.75 */
    rounds(-7, 4, -2); /* -1.75 */
    rounds(5, 4, 1);   /* 1.25 */
    rounds(-5, 4, -1);
    rounds(6, 4, 2); /* 1.5 */
    rounds(-6, 4, -2);
    rounds(3, 2, 2);
    rounds(-3, 2, -2);
    rounds(1, 2, 1);
    rounds(-1, 2, -1);
    rounds(1, 3, 0);
    rounds(-1, 3, 0);
    rounds(2, 3, 1);
    rounds(-2, 3, -1);
    rounds(0, 7, 0);
    rounds(4, 2, 2);
    rounds(-4, 2, -2);
    rounds(49, 100, 0);
    rounds(50, 100, 1);
    rounds(-50, 100, -1);
    rounds(149, 100, 1);
    rounds(150, 100, 2);
    rounds((__int128)INT64_MAX * 10 + 4, 10, INT64_MAX);
    rounds(-(__int128)INT64_MAX * 10 - 4, 10, -INT64_MAX);
}

static void e9_ok(const char *s, int allow_zero, int64_t want, const char *back)
{
    struct cs_err e = CS_ERR_INIT;
    int64_t v = -1;
    char buf[64];
    if (money_parse_e9(s, allow_zero, &v, "rate", &e))
        fail_msg("money_parse_e9(\"%s\") failed: %s", s, e.msg);
    if (v != want)
        fail_msg("money_parse_e9(\"%s\") = %lld, want %lld", s, (long long)v, (long long)want);
    money_format_e9(v, buf, sizeof buf);
    assert_string_equal(buf, back);
}

static void e9_bad(const char *s, int allow_zero, const char *msg)
{
    struct cs_err e = CS_ERR_INIT;
    int64_t v = -1;
    assert_int_equal(money_parse_e9(s, allow_zero, &v, "rate", &e), CS_EINPUT);
    assert_string_equal(e.msg, msg);
    assert_true(v == -1);
}

static void test_e9(void **state)
{
    char buf[64];
    (void)state;
    e9_ok("0.0067", 0, 6700000, "0.0067");
    e9_ok("1.08", 0, 1080000000, "1.08");
    e9_ok("1", 0, 1000000000, "1");
    e9_ok("10", 0, 10000000000, "10");
    e9_ok("149.5", 0, 149500000000, "149.5");
    e9_ok("0.000000001", 0, 1, "0.000000001");
    e9_ok("0.50", 1, 500000000, "0.5");
    e9_ok("0", 1, 0, "0");
    e9_ok("9223372036.854775807", 0, INT64_MAX, "9223372036.854775807");
    e9_bad("0", 0, "rate: must be greater than zero (0)");
    e9_bad("0.000", 0, "rate: must be greater than zero (0.000)");
    e9_bad("-1", 0, "rate: must not be negative (-1)");
    e9_bad("+1", 0, "rate: must not be negative (+1)");
    e9_bad("abc", 0, "rate: not a decimal number with at most 9 decimals (abc)");
    e9_bad("0.0000000001", 0, "rate: not a decimal number with at most 9 decimals (0.0000000001)");
    e9_bad("1,5", 0, "rate: not a decimal number with at most 9 decimals (1,5)");
    e9_bad("", 0, "rate: not a decimal number with at most 9 decimals ()");
    e9_bad("9223372036.854775808", 0,
           "rate: not a decimal number with at most 9 decimals (9223372036.854775808)");
    money_format_e9(123456789012, buf, sizeof buf);
    assert_string_equal(buf, "123.456789012");
    money_format_e9(100000000000, buf, sizeof buf);
    assert_string_equal(buf, "100");
}

static void converts(int64_t amount, int from, int64_t rate, int to, int64_t want)
{
    int64_t got = -777;
    if (money_convert(amount, from, rate, to, &got) != 0)
        fail_msg("money_convert(%lld, %d, %lld, %d) failed", (long long)amount, from,
                 (long long)rate, to);
    if (got != want)
        fail_msg("money_convert(%lld, %d, %lld, %d) = %lld, want %lld", (long long)amount, from,
                 (long long)rate, to, (long long)got, (long long)want);
}

static void convert_fails(int64_t amount, int from, int64_t rate, int to)
{
    int64_t got = -777;
    if (money_convert(amount, from, rate, to, &got) != CS_EFAIL)
        fail_msg("money_convert(%lld, %d, %lld, %d) did not fail", (long long)amount, from,
                 (long long)rate, to);
    assert_true(got == -777);
}

static void test_convert(void **state)
{
    (void)state;
    /* 1500 JPY at 0.0067 USD = 10.05 USD */
    converts(1500, 0, 6700000, 2, 1005);
    converts(-1500, 0, 6700000, 2, -1005);
    /* 1 JPY at 0.0067 = 0.67 cents -> 1 cent; 0.0049 -> 0.49 cents -> 0 */
    converts(1, 0, 6700000, 2, 1);
    converts(1, 0, 4900000, 2, 0);
    converts(1, 0, 5000000, 2, 1);
    converts(-1, 0, 5000000, 2, -1);
    /* 23.50 USD at 149.5 JPY = 3513.25 -> 3513 */
    converts(2350, 2, 149500000000, 0, 3513);
    /* 23.50 USD at 149.7 = 3517.95 -> 3518 */
    converts(2350, 2, 149700000000, 0, 3518);
    converts(-2350, 2, 149700000000, 0, -3518);
    /* 1.234 BHD at 2.65 USD = 3.2701 -> 3.27 */
    converts(1234, 3, 2650000000, 2, 327);
    /* 1.00 USD at 0.376 BHD = 0.376 */
    converts(100, 2, 376000000, 3, 376);
    /* BHD to JPY: 0.500 BHD at 396.5 = 198.25 -> 198 */
    converts(500, 3, 396500000000, 0, 198);
    /* halves go away from zero */
    converts(1, 2, 500000000, 2, 1);
    converts(-1, 2, 500000000, 2, -1);
    converts(3, 2, 500000000, 2, 2);
    converts(-3, 2, 500000000, 2, -2);
    converts(5, 2, 1500000000, 2, 8);   /* 7.5 */
    converts(-5, 2, 1500000000, 2, -8); /* -7.5 */
    converts(2350, 2, 1000000000, 2, 2350);
    converts(0, 2, 6700000, 0, 0);
    /* results that do not fit in int64 fail */
    convert_fails(INT64_MAX, 2, 2000000000, 2);
    convert_fails(-INT64_MAX, 2, 2000000000, 2);
    convert_fails(INT64_MAX, 0, 1000000000, 3);
    /* the largest amount at the largest rate must fail cleanly (no overflow on the way) */
    convert_fails(INT64_MAX, 0, INT64_MAX, 3);
    convert_fails(INT64_MIN + 1, 0, INT64_MAX, 3);
    convert_fails(INT64_MAX, 3, INT64_MAX, 0);
}

static void inverts(int64_t amount, int from, int64_t rate, int to, int64_t want)
{
    int64_t got = -777;
    if (money_convert_inverse(amount, from, rate, to, &got) != 0)
        fail_msg("money_convert_inverse(%lld, %d, %lld, %d) failed", (long long)amount, from,
                 (long long)rate, to);
    if (got != want)
        fail_msg("money_convert_inverse(%lld, %d, %lld, %d) = %lld, want %lld", (long long)amount,
                 from, (long long)rate, to, (long long)got, (long long)want);
}

static void test_convert_inverse(void **state)
{
    int64_t got = -777;
    (void)state;
    /* 150.00 USD when 1 JPY = 0.0064 USD: 23437.5 -> 23438 JPY (half away from zero) */
    inverts(15000, 2, 6400000, 0, 23438);
    inverts(-15000, 2, 6400000, 0, -23438);
    /* 150.00 USD when 1 JPY = 0.008 USD: 18750 exactly */
    inverts(15000, 2, 8000000, 0, 18750);
    /* 23438 JPY back when 1 USD = 156.25 JPY: 150.0008 -> 150.00 */
    inverts(23438, 0, 156250000000, 2, 15000);
    /* 150.00 USD when 1 BHD = 2.65 USD: 56.6037... -> 56.604 BHD */
    inverts(15000, 2, 2650000000, 3, 56604);
    /* 1.500 BHD when 1 EUR = 0.4 BHD: 3.75 EUR */
    inverts(1500, 3, 400000000, 2, 375);
    /* a rate of 1 changes nothing but the digits */
    inverts(2350, 2, 1000000000, 2, 2350);
    inverts(2350, 2, 1000000000, 0, 24); /* 23.5 -> 24 */
    inverts(0, 2, 6700000, 0, 0);
    /* the other way round of money_convert at the same rate, up to rounding */
    inverts(1005, 2, 6700000, 0, 1500);
    /* results that do not fit in int64 fail; the smallest rate does not overflow */
    assert_int_equal(money_convert_inverse(INT64_MAX, 0, 1, 3, &got), CS_EFAIL);
    assert_int_equal(money_convert_inverse(INT64_MIN + 1, 0, 1, 3, &got), CS_EFAIL);
    assert_int_equal(money_convert_inverse(INT64_MAX, 2, 500000000, 2, &got), CS_EFAIL);
    assert_true(got == -777);
    inverts(INT64_MAX, 3, INT64_MAX, 0, 1000000); /* (2^63 / 10^3) / (2^63 / 10^9) */
}

static void test_digits(void **state)
{
    static const struct {
        const char *code;
        int digits;
    } want[] = {
        {"AED", 2}, {"ARS", 2}, {"AUD", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0}, {"BRL", 2},
        {"CAD", 2}, {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CZK", 2}, {"DJF", 0},
        {"DKK", 2}, {"EGP", 2}, {"EUR", 2}, {"GBP", 2}, {"GNF", 0}, {"HKD", 2}, {"HUF", 2},
        {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0},
        {"KES", 2}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3}, {"LYD", 3}, {"MAD", 2}, {"MXN", 2},
        {"MYR", 2}, {"NGN", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PEN", 2}, {"PHP", 2},
        {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RWF", 0}, {"SAR", 2},
        {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"TND", 3}, {"TRY", 2}, {"TWD", 2}, {"UAH", 2},
        {"UGX", 0}, {"USD", 2}, {"UYU", 2}, {"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0},
        {"XPF", 0}, {"ZAR", 2},
    };
    static const char *const unknown[] = {"XXX",  "usd", "Usd",  "",     "US",
                                          "USDD", "ABC", "JPY ", " JPY", "EU"};
    (void)state;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (money_digits(want[i].code) != want[i].digits)
            fail_msg("money_digits(%s) = %d, want %d", want[i].code, money_digits(want[i].code),
                     want[i].digits);
        assert_int_equal(money_currency_known(want[i].code), 1);
    }
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        if (money_digits(unknown[i]) != -1)
            fail_msg("money_digits(\"%s\") = %d, want -1", unknown[i], money_digits(unknown[i]));
        assert_int_equal(money_currency_known(unknown[i]), 0);
    }
    assert_int_equal(money_digits(NULL), -1);
    assert_int_equal(money_currency_known(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_invalid),
        cmocka_unit_test(test_parse_field_name),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_parse_round_trip),
        cmocka_unit_test(test_format_grouped),
        cmocka_unit_test(test_round_half_away),
        cmocka_unit_test(test_e9),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_convert_inverse),
        cmocka_unit_test(test_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
