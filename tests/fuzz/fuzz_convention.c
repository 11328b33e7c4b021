/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_convention.c - the date and amount readers of each file convention (date.c's
 * date_parse_fmt, money.c's money_parse_sep), as profiles use them.
 *
 * The first byte selects: below 0x80, a date format (byte % DATE_FMT_COUNT) and the rest
 * of the input is the date; else an amount with decimal separator ('.' or ','), a thousands
 * separator (none, ',', '.', ' ', '\'', never the decimal one) and 0..3 minor digits from
 * the byte's low bits. Invariants: a refusal is CS_EINPUT with a one-line message and the
 * output untouched. An accepted date is a real date (date_parse of its YYYY-MM-DD text
 * agrees); for a plain format the text is exactly the date written back in that format
 * (so no other text is accepted), for a date with a time, the text starts with the date;
 * the instant's seconds fall on the day it reports. An accepted amount, with the
 * separators taken off by an independent reading (the sign, the groups of three, the
 * decimals), is what money_parse reads from the plain digits, with the sign; written back
 * with money_format it reads again as the same value. */
#include <stdint.h>

#include "confspend/date.h"
#include "confspend/money.h"
#include "fuzz.h"

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

static void put4(char *p, int v)
{
    put2(p, v / 100);
    put2(p + 2, v % 100);
}

/* D written in plain format FMT (not a timed one) into BUF. */
static void write_fmt(struct cs_date d, int fmt, char *buf)
{
    switch (fmt) {
    case DATE_ISO:
        date_format(d, buf);
        break;
    case DATE_MDY_SLASH:
        put2(buf, d.m), buf[2] = '/', put2(buf + 3, d.d), buf[5] = '/', put4(buf + 6, d.y);
        buf[10] = 0;
        break;
    case DATE_DMY_SLASH:
    case DATE_DMY_DASH:
    case DATE_DMY_DOT: {
        char sep = fmt == DATE_DMY_SLASH ? '/' : fmt == DATE_DMY_DASH ? '-' : '.';
        put2(buf, d.d), buf[2] = sep, put2(buf + 3, d.m), buf[5] = sep, put4(buf + 6, d.y);
        buf[10] = 0;
        break;
    }
    case DATE_DMY_DOT2:
        put2(buf, d.d), buf[2] = '.', put2(buf + 3, d.m), buf[5] = '.', put2(buf + 6, d.y % 100);
        buf[8] = 0;
        break;
    case DATE_YMD_PACKED:
        put4(buf, d.y), put2(buf + 4, d.m), put2(buf + 6, d.d);
        buf[8] = 0;
        break;
    }
}

static void check_date(int fmt, const char *s)
{
    struct cs_date d = {-1, -1, -1}, again;
    struct cs_err e = CS_ERR_INIT, e2 = CS_ERR_INIT;
    long long secs = 0;
    char iso[11], back[16];
    int rc = date_parse_fmt(s, fmt, &d, &secs, "date", &e);
    if (rc) {
        FUZZ_CHECK(rc == CS_EINPUT);
        FUZZ_CHECK(d.y == -1);
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    date_format(d, iso);
    FUZZ_CHECK(date_parse(iso, &again, "date", &e2) == 0);
    FUZZ_CHECK(again.y == d.y && again.m == d.m && again.d == d.d);
    if (fmt <= DATE_YMD_PACKED) {
        write_fmt(d, fmt, back);
        FUZZ_CHECK(!strcmp(back, s));
        FUZZ_CHECK(secs == (long long)date_to_days(d) * 86400);
    } else {
        long long day = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
        FUZZ_CHECK(day == date_to_days(d));
        if (fmt == DATE_ISO_TIME)
            FUZZ_CHECK(!strncmp(s, iso, 10));
    }
}

static void check_amount(uint8_t sel, const char *s)
{
    static const int thousands[] = {0, ',', '.', ' ', '\''};
    int dec = sel & 1 ? ',' : '.', digits = (sel >> 1) & 3;
    int thou = thousands[(sel >> 3) % 5];
    int64_t v = INT64_MIN, plain_v, back_v;
    struct cs_err e = CS_ERR_INIT, e2 = CS_ERR_INIT;
    char plain[128], back[64];
    size_t o = 0;
    const char *p = s;
    int neg = 0, ok = 1;
    if (thou == dec)
        thou = 0;
    int rc = money_parse_sep(s, digits, dec, thou, &v, "amount", &e);
    if (rc) {
        FUZZ_CHECK(rc == CS_EINPUT);
        FUZZ_CHECK(v == INT64_MIN);
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    /* an independent reading: sign, groups, decimals */
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    const char *int_end = strchr(p, dec) ? strchr(p, dec) : p + strlen(p);
    int group = -1, lead = 0;
    for (const char *q = p; q < int_end; q++) {
        if (thou && *q == thou) {
            ok &= group == -1 ? (lead >= 1 && lead <= 3) : group == 3;
            group = 0;
        } else {
            ok &= *q >= '0' && *q <= '9';
            if (group >= 0)
                group++;
            else
                lead++;
            if (o < sizeof plain - 2)
                plain[o++] = *q;
        }
    }
    ok &= group == -1 || group == 3;
    if (*int_end) {
        plain[o++] = '.';
        for (const char *q = int_end + 1; *q && o < sizeof plain - 1; q++)
            plain[o++] = *q;
    }
    plain[o] = 0;
    FUZZ_CHECK(ok);
    FUZZ_CHECK(money_parse(plain, digits, &plain_v, "amount", &e2) == 0);
    FUZZ_CHECK(v == (neg ? -plain_v : plain_v));
    money_format(v, digits, back, sizeof back);
    if (dec == ',')
        for (char *q = back; *q; q++)
            if (*q == '.')
                *q = ',';
    FUZZ_CHECK(money_parse_sep(back, digits, dec, thou, &back_v, "amount", &e2) == 0);
    FUZZ_CHECK(back_v == v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;
    if (size == 0)
        return 0;
    s = fuzz_string(data + 1, size - 1);
    if (data[0] < 0x80)
        check_date(data[0] % DATE_FMT_COUNT, s);
    else
        check_amount(data[0], s);
    free(s);
    return 0;
}
