/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_date.c - the date and month parsers and the day arithmetic.
 *
 * The whole input is one string given to date_parse and month_parse. Invariants: an
 * accepted date is exactly YYYY-MM-DD with a year 1000..9999 and a real day (checked
 * against an independent calendar), formats back to the same text, survives
 * date_to_days/date_from_days, and its neighbours are one day away; an accepted month
 * formats back, and the days between it and the next month are its length. Refusals are
 * CS_EINPUT with a one-line message. The first four bytes, read as a day number folded
 * into the years 1000..9999, must map to a date that parses back to that day. */
#include <stdint.h>

#include "confspend/date.h"
#include "fuzz.h"

/* An independent calendar: the days of month M of year Y. */
static int month_len(int y, int m)
{
    if (m == 2)
        return 28 + ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}

static int all_digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int eq(struct cs_date a, struct cs_date b)
{
    return a.y == b.y && a.m == b.m && a.d == b.d;
}

static void check_date(const char *s)
{
    struct cs_err e = CS_ERR_INIT;
    struct cs_date d = {-1, -1, -1}, back, next, prev;
    char buf[11];
    int rc = date_parse(s, &d, "--date", &e);
    int want = strlen(s) == 10 && s[4] == '-' && s[7] == '-' && all_digits(s, 4) &&
               all_digits(s + 5, 2) && all_digits(s + 8, 2);
    if (want) {
        int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
        want = y >= 1000 && m >= 1 && m <= 12 && dd >= 1 && dd <= month_len(y, m);
    }
    if (!want) {
        FUZZ_CHECK(rc == CS_EINPUT);
        FUZZ_CHECK(d.y == -1);
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    FUZZ_CHECK(rc == 0);
    date_format(d, buf);
    FUZZ_CHECK(!strcmp(buf, s));
    FUZZ_CHECK(date_days_in_month(d.y, d.m) == month_len(d.y, d.m));
    back = date_from_days(date_to_days(d));
    FUZZ_CHECK(eq(back, d));
    next = date_from_days(date_to_days(d) + 1);
    prev = date_from_days(date_to_days(d) - 1);
    FUZZ_CHECK(date_cmp(prev, d) < 0 && date_cmp(d, next) < 0 && date_cmp(d, d) == 0);
    if (d.d < month_len(d.y, d.m))
        FUZZ_CHECK(next.y == d.y && next.m == d.m && next.d == d.d + 1);
    else
        FUZZ_CHECK(next.d == 1 && (next.m == d.m % 12 + 1));
    if (d.d > 1)
        FUZZ_CHECK(prev.y == d.y && prev.m == d.m && prev.d == d.d - 1);
    else
        FUZZ_CHECK(prev.d == month_len(prev.y, prev.m));
}

static void check_month(const char *s)
{
    struct cs_err e = CS_ERR_INIT;
    struct cs_date m = {-1, -1, -1}, n, p;
    char buf[8];
    int rc = month_parse(s, &m, "--month", &e);
    int want = strlen(s) == 7 && s[4] == '-' && all_digits(s, 4) && all_digits(s + 5, 2) &&
               atoi(s) >= 1000 && atoi(s + 5) >= 1 && atoi(s + 5) <= 12;
    if (!want) {
        FUZZ_CHECK(rc == CS_EINPUT);
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    FUZZ_CHECK(rc == 0 && m.d == 1);
    month_format(m, buf);
    FUZZ_CHECK(!strcmp(buf, s));
    n = month_add(m, 1);
    p = month_add(m, -1);
    FUZZ_CHECK(eq(month_add(m, 0), m));
    FUZZ_CHECK(date_to_days(n) - date_to_days(m) == month_len(m.y, m.m));
    FUZZ_CHECK(date_to_days(m) - date_to_days(p) == month_len(p.y, p.m));
    FUZZ_CHECK(eq(month_add(n, -1), m));
    FUZZ_CHECK(eq(month_add(m, 12), (struct cs_date){m.y + 1, m.m, 1}));
}

/* A day number in [1000-01-01, 9999-12-31] maps to a date that parses back to it. */
static void check_days(const uint8_t *d)
{
    const long lo = date_to_days((struct cs_date){1000, 1, 1});
    const long hi = date_to_days((struct cs_date){9999, 12, 31});
    uint32_t raw;
    long days;
    struct cs_date x, y;
    char buf[11];
    memcpy(&raw, d, 4);
    days = lo + (long)(raw % (uint32_t)(hi - lo + 1));
    x = date_from_days(days);
    date_format(x, buf);
    FUZZ_CHECK(date_parse(buf, &y, "d", NULL) == 0);
    FUZZ_CHECK(eq(x, y) && date_to_days(y) == days);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    check_date(s);
    check_month(s);
    if (size >= 4)
        check_days(data);
    free(s);
    return 0;
}
