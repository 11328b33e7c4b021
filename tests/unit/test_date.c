/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_date.c - calendar dates: parsing, day counts, months and "today". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "confspend/date.h"

static void date_ok(const char *s, int y, int m, int d)
{
    struct cs_err e = CS_ERR_INIT;
    struct cs_date got = {-1, -1, -1};
    char back[11];
    if (date_parse(s, &got, "--date", &e))
        fail_msg("date_parse(\"%s\") failed: %s", s, e.msg);
    if (got.y != y || got.m != m || got.d != d)
        fail_msg("date_parse(\"%s\") = %d-%d-%d", s, got.y, got.m, got.d);
    date_format(got, back);
    assert_string_equal(back, s);
}

/* S is refused with exactly MSG and OUT is left alone. */
static void date_bad(const char *s, const char *msg)
{
    struct cs_err e = CS_ERR_INIT;
    struct cs_date got = {-1, -1, -1};
    if (date_parse(s, &got, "--date", &e) != CS_EINPUT)
        fail_msg("date_parse(\"%s\") was accepted", s ? s : "(null)");
    assert_int_equal(e.code, CS_EINPUT);
    assert_string_equal(e.msg, msg);
    assert_int_equal(got.y, -1);
}

static void test_date_parse(void **state)
{
    (void)state;
    date_ok("2020-02-29", 2020, 2, 29);
    date_ok("2000-02-29", 2000, 2, 29);
    date_ok("2019-02-28", 2019, 2, 28);
    date_ok("2026-11-10", 2026, 11, 10);
    date_ok("2019-04-30", 2019, 4, 30);
    date_ok("2019-12-31", 2019, 12, 31);
    date_ok("1000-01-01", 1000, 1, 1);
    date_ok("9999-12-31", 9999, 12, 31);
    date_bad("2019-02-29", "--date: no such calendar date (2019-02-29)");
    date_bad("1900-02-29", "--date: no such calendar date (1900-02-29)");
    date_bad("2100-02-29", "--date: no such calendar date (2100-02-29)");
    date_bad("2020-02-30", "--date: no such calendar date (2020-02-30)");
    date_bad("2019-13-01", "--date: no such calendar date (2019-13-01)");
    date_bad("2019-00-10", "--date: no such calendar date (2019-00-10)");
    date_bad("2019-04-31", "--date: no such calendar date (2019-04-31)");
    date_bad("2019-06-31", "--date: no such calendar date (2019-06-31)");
    date_bad("2019-01-00", "--date: no such calendar date (2019-01-00)");
    date_bad("2019-01-32", "--date: no such calendar date (2019-01-32)");
    date_bad("0999-12-31", "--date: no such calendar date (0999-12-31)");
    date_bad("0000-01-01", "--date: no such calendar date (0000-01-01)");
    date_bad("2019-1-01", "--date: not a date in YYYY-MM-DD form (2019-1-01)");
    date_bad("2019-01-1", "--date: not a date in YYYY-MM-DD form (2019-01-1)");
    date_bad("20190101", "--date: not a date in YYYY-MM-DD form (20190101)");
    date_bad("2019/01/01", "--date: not a date in YYYY-MM-DD form (2019/01/01)");
    date_bad("2019-01-01x", "--date: not a date in YYYY-MM-DD form (2019-01-01x)");
    date_bad("2019-01-01 ", "--date: not a date in YYYY-MM-DD form (2019-01-01 )");
    date_bad(" 2019-01-01", "--date: not a date in YYYY-MM-DD form ( 2019-01-01)");
    date_bad("2019-01-01T00:00", "--date: not a date in YYYY-MM-DD form (2019-01-01T00:00)");
    date_bad("2019-0a-01", "--date: not a date in YYYY-MM-DD form (2019-0a-01)");
    date_bad("+019-01-01", "--date: not a date in YYYY-MM-DD form (+019-01-01)");
    date_bad("2019-+1-01", "--date: not a date in YYYY-MM-DD form (2019-+1-01)");
    date_bad("12019-01-01", "--date: not a date in YYYY-MM-DD form (12019-01-01)");
    date_bad("today", "--date: not a date in YYYY-MM-DD form (today)");
    date_bad("", "--date: not a date in YYYY-MM-DD form ()");
    date_bad(NULL, "--date: not a date in YYYY-MM-DD form ()");
}

static void test_month_parse(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    struct cs_date m = {-1, -1, -1};
    char buf[8];
    static const struct {
        const char *s, *msg;
    } bad[] = {
        {"2026-13", "--month: no such month (2026-13)"},
        {"2026-00", "--month: no such month (2026-00)"},
        {"0999-12", "--month: no such month (0999-12)"},
        {"2026-1", "--month: not a month in YYYY-MM form (2026-1)"},
        {"2026-11-01", "--month: not a month in YYYY-MM form (2026-11-01)"},
        {"202611", "--month: not a month in YYYY-MM form (202611)"},
        {"2026/11", "--month: not a month in YYYY-MM form (2026/11)"},
        {"2026-1x", "--month: not a month in YYYY-MM form (2026-1x)"},
        {"nov", "--month: not a month in YYYY-MM form (nov)"},
        {"", "--month: not a month in YYYY-MM form ()"},
    };
    (void)state;
    assert_int_equal(month_parse("2026-11", &m, "--month", &e), 0);
    assert_int_equal(m.y, 2026);
    assert_int_equal(m.m, 11);
    assert_int_equal(m.d, 1);
    month_format(m, buf);
    assert_string_equal(buf, "2026-11");
    assert_int_equal(month_parse("2027-01", &m, "--month", &e), 0);
    assert_int_equal(m.y, 2027);
    assert_int_equal(m.m, 1);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct cs_date keep = {-1, -1, -1};
        if (month_parse(bad[i].s, &keep, "--month", &e) != CS_EINPUT)
            fail_msg("month_parse(\"%s\") was accepted", bad[i].s);
        assert_string_equal(e.msg, bad[i].msg);
        assert_int_equal(keep.y, -1);
    }
}

static void test_days_known(void **state)
{
    (void)state;
    assert_int_equal(date_to_days((struct cs_date){1970, 1, 1}), 0);
    assert_int_equal(date_to_days((struct cs_date){1969, 12, 31}), -1);
    assert_int_equal(date_to_days((struct cs_date){2000, 3, 1}), 11017);
    assert_int_equal(date_to_days((struct cs_date){2020, 2, 29}), 18321);
    assert_int_equal(date_to_days((struct cs_date){2026, 11, 10}), 20767);
    assert_int_equal(date_to_days((struct cs_date){1000, 1, 1}), -354285);
    assert_int_equal(date_to_days((struct cs_date){9999, 12, 31}), 2932896);
}

/* Every day from 1000-01-01 to 9999-12-31: days -> date -> days is the identity, and the
 * dates follow each other as a calendar does. */
static void test_days_round_trip(void **state)
{
    struct cs_date prev = {999, 12, 31};
    long first = date_to_days((struct cs_date){1000, 1, 1});
    long last = date_to_days((struct cs_date){9999, 12, 31});
    (void)state;
    for (long z = first; z <= last; z++) {
        struct cs_date d = date_from_days(z), next;
        if (date_to_days(d) != z)
            fail_msg("day %ld -> %d-%d-%d -> %ld", z, d.y, d.m, d.d, date_to_days(d));
        /* the expected successor of prev */
        next = prev;
        if (++next.d > date_days_in_month(next.y, next.m)) {
            next.d = 1;
            if (++next.m > 12) {
                next.m = 1;
                next.y++;
            }
        }
        if (d.y != next.y || d.m != next.m || d.d != next.d)
            fail_msg("day %ld is %d-%d-%d, want %d-%d-%d", z, d.y, d.m, d.d, next.y, next.m,
                     next.d);
        prev = d;
    }
    /* and a few days before 1970 and far outside the parsable range */
    for (long z = -800000; z <= -700000; z++)
        assert_int_equal(date_to_days(date_from_days(z)), z);
}

static void month_is(struct cs_date d, int delta, int y, int m)
{
    struct cs_date r = month_add(d, delta);
    if (r.y != y || r.m != m || r.d != 1)
        fail_msg("month_add(%d-%d-%d, %d) = %d-%d-%d, want %d-%d-01", d.y, d.m, d.d, delta, r.y,
                 r.m, r.d, y, m);
}

static void test_month_add(void **state)
{
    struct cs_date nov = {2026, 11, 15}, jan = {2027, 1, 31};
    (void)state;
    month_is(nov, 0, 2026, 11);
    month_is(nov, 1, 2026, 12);
    month_is(nov, 2, 2027, 1);
    month_is(nov, 4, 2027, 3);
    month_is(nov, 14, 2028, 1);
    month_is(nov, 120, 2036, 11);
    month_is(nov, -1, 2026, 10);
    month_is(nov, -10, 2026, 1);
    month_is(nov, -11, 2025, 12);
    month_is(nov, -23, 2024, 12);
    month_is(nov, -24, 2024, 11);
    month_is(jan, -1, 2026, 12);
    month_is(jan, -12, 2026, 1);
    month_is(jan, -13, 2025, 12);
    month_is(jan, 1, 2027, 2);
    month_is(jan, 11, 2027, 12);
    month_is(jan, 12, 2028, 1);
}

static void test_days_in_month(void **state)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    (void)state;
    for (int m = 1; m <= 12; m++)
        assert_int_equal(date_days_in_month(2019, m), dm[m - 1]);
    assert_int_equal(date_days_in_month(2019, 2), 28);
    assert_int_equal(date_days_in_month(2020, 2), 29);
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(2100, 2), 28);
    assert_int_equal(date_days_in_month(2400, 2), 29);
    assert_int_equal(date_days_in_month(2020, 0), 0);
    assert_int_equal(date_days_in_month(2020, 13), 0);
    assert_int_equal(date_is_leap(2024), 1);
    assert_int_equal(date_is_leap(2026), 0);
    assert_int_equal(date_is_leap(1900), 0);
    assert_int_equal(date_is_leap(2000), 1);
}

static void test_cmp_and_format(void **state)
{
    char buf[11], mb[8];
    (void)state;
    assert_int_equal(date_cmp((struct cs_date){2026, 11, 10}, (struct cs_date){2026, 11, 10}), 0);
    assert_int_equal(date_cmp((struct cs_date){2026, 11, 9}, (struct cs_date){2026, 11, 10}), -1);
    assert_int_equal(date_cmp((struct cs_date){2027, 1, 1}, (struct cs_date){2026, 12, 31}), 1);
    date_format((struct cs_date){1000, 1, 2}, buf);
    assert_string_equal(buf, "1000-01-02");
    month_format((struct cs_date){2026, 3, 9}, mb);
    assert_string_equal(mb, "2026-03");
}

static void test_today(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    struct cs_date d = {0, 0, 0}, keep = {-1, -1, -1};
    time_t now;
    struct tm tm;
    (void)state;
    setenv("CONFSPEND_TODAY", "2026-11-10", 1);
    assert_int_equal(date_today(&d, &e), 0);
    assert_int_equal(d.y, 2026);
    assert_int_equal(d.m, 11);
    assert_int_equal(d.d, 10);
    setenv("CONFSPEND_TODAY", "2024-02-29", 1);
    assert_int_equal(date_today(&d, &e), 0);
    assert_int_equal(d.m, 2);
    assert_int_equal(d.d, 29);

    setenv("CONFSPEND_TODAY", "2026-02-30", 1);
    assert_int_equal(date_today(&keep, &e), CS_EINPUT);
    assert_string_equal(e.msg, "CONFSPEND_TODAY: no such calendar date (2026-02-30)");
    assert_int_equal(keep.y, -1);
    setenv("CONFSPEND_TODAY", "tomorrow", 1);
    assert_int_equal(date_today(&keep, &e), CS_EINPUT);
    assert_string_equal(e.msg, "CONFSPEND_TODAY: not a date in YYYY-MM-DD form (tomorrow)");

    /* unset (or empty): the local date */
    unsetenv("CONFSPEND_TODAY");
    now = time(NULL);
    localtime_r(&now, &tm);
    assert_int_equal(date_today(&d, &e), 0);
    assert_int_equal(d.y, tm.tm_year + 1900);
    assert_int_equal(d.m, tm.tm_mon + 1);
    assert_int_equal(d.d, tm.tm_mday);
    setenv("CONFSPEND_TODAY", "", 1);
    assert_int_equal(date_today(&d, &e), 0);
    assert_int_equal(d.y, tm.tm_year + 1900);
    unsetenv("CONFSPEND_TODAY");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse),     cmocka_unit_test(test_month_parse),
        cmocka_unit_test(test_days_known),     cmocka_unit_test(test_days_round_trip),
        cmocka_unit_test(test_month_add),      cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_cmp_and_format), cmocka_unit_test(test_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
