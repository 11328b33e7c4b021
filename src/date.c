/* SPDX-License-Identifier: GPL-3.0-or-later */
/* date.c - real calendar dates and "today". */
#include "confspend/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

int date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return dm[m - 1] + (m == 2 && date_is_leap(y));
}

/* Read exactly N digits from S into *V. */
static int digits(const char *s, int n, int *v)
{
    int i;
    *v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int date_parse(const char *s, struct cs_date *out, const char *field, struct cs_err *e)
{
    struct cs_date d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &d.y) ||
        digits(s + 5, 2, &d.m) || digits(s + 8, 2, &d.d))
        return cs_error(e, CS_EINPUT, field, s ? s : "", "not a date in YYYY-MM-DD form");
    if (d.y < DATE_YEAR_MIN || d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
        return cs_error(e, CS_EINPUT, field, s, "no such calendar date");
    *out = d;
    return 0;
}

int month_parse(const char *s, struct cs_date *out, const char *field, struct cs_err *e)
{
    struct cs_date d = {0, 0, 1};
    if (!s || strlen(s) != 7 || s[4] != '-' || digits(s, 4, &d.y) || digits(s + 5, 2, &d.m))
        return cs_error(e, CS_EINPUT, field, s ? s : "", "not a month in YYYY-MM form");
    if (d.y < DATE_YEAR_MIN || d.m < 1 || d.m > 12)
        return cs_error(e, CS_EINPUT, field, s, "no such month");
    *out = d;
    return 0;
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(struct cs_date d)
{
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct cs_date date_from_days(long z)
{
    struct cs_date d;
    long era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.y = (int)(yoe + era * 400 + (d.m <= 2));
    return d;
}

/* Write V as N decimal digits at P. */
static void put(char *p, int v, int n)
{
    while (n-- > 0) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

void date_format(struct cs_date d, char *buf)
{
    put(buf, d.y, 4);
    buf[4] = '-';
    put(buf + 5, d.m, 2);
    buf[7] = '-';
    put(buf + 8, d.d, 2);
    buf[10] = 0;
}

void month_format(struct cs_date d, char *buf)
{
    put(buf, d.y, 4);
    buf[4] = '-';
    put(buf + 5, d.m, 2);
    buf[7] = 0;
}

struct cs_date month_add(struct cs_date d, int delta)
{
    int idx = d.y * 12 + (d.m - 1) + delta;
    struct cs_date r = {idx / 12, idx % 12 + 1, 1};
    return r;
}

void date_text_bounds(const char *since, const char *until, char lo[11], char hi[11])
{
    struct cs_date d;
    lo[0] = hi[0] = 0;
    if (since && !date_parse(since, &d, "since", NULL)) {
        date_format(d, lo);
        if (d.d == 1)
            memcpy(lo + 8, "00", 2);
    }
    if (until && !date_parse(until, &d, "until", NULL)) {
        if (d.d == date_days_in_month(d.y, d.m)) {
            date_format(d, hi);
            memcpy(hi + 8, "32", 2);
        } else {
            d.d++;
            date_format(d, hi);
        }
    }
}

int date_cmp(struct cs_date a, struct cs_date b)
{
    long x = date_to_days(a), y = date_to_days(b);
    return (x > y) - (x < y);
}

int date_today(struct cs_date *out, struct cs_err *e)
{
    const char *env = getenv("CONFSPEND_TODAY");
    if (env && *env)
        return date_parse(env, out, "CONFSPEND_TODAY", e);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    out->y = tm.tm_year + 1900;
    out->m = tm.tm_mon + 1;
    out->d = tm.tm_mday;
    return 0;
}

int date_word(const char *s, struct cs_date today, struct cs_date *out, const char *field,
              struct cs_err *e)
{
    static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    size_t len = strlen(s);
    long t = date_to_days(today);
    int hit = -1, n = 0;
    char names[64] = "";
    if (!strcmp(s, "today")) {
        *out = today;
        return 0;
    }
    if (!strcmp(s, "yesterday")) {
        *out = date_from_days(t - 1);
        return 0;
    }
    if (s[0] == '-' && s[1] >= '0' && s[1] <= '9') {
        long k = 0;
        const char *p = s + 1;
        for (; *p >= '0' && *p <= '9' && k <= 100000; p++)
            k = k * 10 + (*p - '0');
        if (*p || k > 100000)
            return cs_error(e, CS_EINPUT, field, s, "-N is N days ago, N at most 100000");
        *out = date_from_days(t - k);
        if (out->y < DATE_YEAR_MIN)
            return cs_error(e, CS_EINPUT, field, s, "before the year %d", DATE_YEAR_MIN);
        return 0;
    }
    for (int i = 0; len && i < 7; i++) {
        if (strncasecmp(days[i], s, len))
            continue;
        hit = i;
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", n++ ? ", " : "",
                 days[i]);
    }
    if (n == 1) {
        /* 1970-01-01 was a Thursday (3 with Monday 0): the most recent such day */
        long wd = ((t % 7) + 7 + 3) % 7;
        *out = date_from_days(t - ((wd - hit + 7) % 7));
        return 0;
    }
    if (n > 1)
        return cs_error(e, CS_EINPUT, field, s, "ambiguous weekday: %s", names);
    if (date_parse(s, out, field, NULL) == 0)
        return 0;
    if (s[0] >= '0' && s[0] <= '9')
        return date_parse(s, out, field, e); /* its own, more precise, words */
    return cs_error(e, CS_EINPUT, field, s,
                    "not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday)");
}

/* The conventions of real files, by enum date_fmt. */
static const char *const fmt_names[DATE_FMT_COUNT] = {
    "YYYY-MM-DD",
    "MM/DD/YYYY",
    "DD/MM/YYYY",
    "DD-MM-YYYY",
    "DD.MM.YYYY",
    "DD.MM.YY",
    "YYYYMMDD",
    "YYYY-MM-DD H:MM:SS",
    "YYYY-MM-DD HH:MM:SS +0000 UTC",
    "YYYY-MM-DDTHH:MM:SSZ",
};

int date_fmt_named(const char *name)
{
    for (int i = 0; name && i < DATE_FMT_COUNT; i++)
        if (!strcmp(name, fmt_names[i]) || !strcasecmp(name, fmt_names[i]))
            return i;
    return -1;
}

const char *date_fmt_name(int fmt)
{
    return fmt >= 0 && fmt < DATE_FMT_COUNT ? fmt_names[fmt] : "?";
}

int date_fmt_is_instant(int fmt)
{
    return fmt == DATE_UTC_ZONE || fmt == DATE_ISO_UTC;
}

/* Read "H:MM:SS" or "HH:MM:SS" (one-digit hour only when ONE_DIGIT) at S into seconds of
 * the day; returns the bytes read, 0 when S is not a time, -1 for an impossible one. */
static int read_time(const char *s, int one_digit, long *secs)
{
    int h, m, sec, n;
    if (!digits(s, 2, &h))
        n = 2;
    else if (one_digit && !digits(s, 1, &h))
        n = 1;
    else
        return 0;
    if (s[n] != ':' || digits(s + n + 1, 2, &m) || s[n + 3] != ':' || digits(s + n + 4, 2, &sec))
        return 0;
    if (h > 23 || m > 59 || sec > 60)
        return -1;
    *secs = h * 3600L + m * 60L + sec;
    return n + 6;
}

int date_parse_fmt(const char *s, int fmt, struct cs_date *out, long long *secs, const char *field,
                   struct cs_err *e)
{
    struct cs_date d = {0, 0, 0};
    size_t n = s ? strlen(s) : 0;
    long tod = 0, off = 0;
    int bad = 0, t;
    const char *v = s;
    if (!s || fmt < 0 || fmt >= DATE_FMT_COUNT)
        return cs_error(e, CS_EINPUT, field, s ? s : "", "not a date");
    switch (fmt) {
    case DATE_ISO:
        bad = n != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &d.y) ||
              digits(s + 5, 2, &d.m) || digits(s + 8, 2, &d.d);
        break;
    case DATE_MDY_SLASH:
        bad = n != 10 || s[2] != '/' || s[5] != '/' || digits(s, 2, &d.m) ||
              digits(s + 3, 2, &d.d) || digits(s + 6, 4, &d.y);
        break;
    case DATE_DMY_SLASH:
    case DATE_DMY_DASH:
    case DATE_DMY_DOT: {
        char sep = fmt == DATE_DMY_SLASH ? '/' : fmt == DATE_DMY_DASH ? '-' : '.';
        bad = n != 10 || s[2] != sep || s[5] != sep || digits(s, 2, &d.d) ||
              digits(s + 3, 2, &d.m) || digits(s + 6, 4, &d.y);
        break;
    }
    case DATE_DMY_DOT2:
        bad = n != 8 || s[2] != '.' || s[5] != '.' || digits(s, 2, &d.d) ||
              digits(s + 3, 2, &d.m) || digits(s + 6, 2, &d.y);
        if (!bad)
            d.y += d.y < 70 ? 2000 : 1900;
        break;
    case DATE_YMD_PACKED:
        bad = n != 8 || digits(s, 4, &d.y) || digits(s + 4, 2, &d.m) || digits(s + 6, 2, &d.d);
        break;
    case DATE_ISO_TIME:
    case DATE_UTC_ZONE:
    case DATE_ISO_UTC:
        bad = n < 11 || s[4] != '-' || s[7] != '-' || digits(s, 4, &d.y) ||
              digits(s + 5, 2, &d.m) || digits(s + 8, 2, &d.d);
        if (bad)
            break;
        if (fmt == DATE_ISO_UTC ? (s[10] != 'T' && s[10] != ' ') : s[10] != ' ') {
            bad = 1;
            break;
        }
        t = read_time(s + 11, fmt == DATE_ISO_TIME, &tod);
        if (t < 0)
            return cs_error(e, CS_EINPUT, field, v, "no such time of day");
        if (t == 0) {
            bad = 1;
            break;
        }
        s += 11 + t;
        if (fmt == DATE_ISO_TIME) {
            bad = *s != 0;
        } else if (fmt == DATE_ISO_UTC) {
            if (*s == '.') /* a fraction of a second: the date is the same */
                for (s++; *s >= '0' && *s <= '9'; s++)
                    ;
            bad = strcmp(s, "Z") != 0;
        } else {
            /* " +HHMM NAME": the offset from UTC, then the zone's abbreviation */
            int oh, om;
            if (s[0] != ' ' || (s[1] != '+' && s[1] != '-') || digits(s + 2, 2, &oh) ||
                digits(s + 4, 2, &om) || oh > 14 || om > 59 || s[6] != ' ' || !s[7]) {
                bad = 1;
                break;
            }
            for (const char *z = s + 7; *z; z++)
                if (!((*z >= 'A' && *z <= 'Z') || (*z >= 'a' && *z <= 'z')))
                    bad = 1;
            off = (oh * 3600L + om * 60L) * (s[1] == '-' ? -1 : 1);
        }
        break;
    }
    if (bad)
        return cs_error(e, CS_EINPUT, field, v, "not a date in %s form", fmt_names[fmt]);
    if (d.y < DATE_YEAR_MIN || d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
        return cs_error(e, CS_EINPUT, field, v, "no such calendar date");
    if (secs) {
        long long t0 = (long long)date_to_days(d) * 86400 + tod - off;
        *secs = t0;
        if (date_fmt_is_instant(fmt))
            d = date_from_days((long)((t0 >= 0 ? t0 : t0 - 86399) / 86400));
    }
    *out = d;
    return 0;
}

int date_local_of(long long secs, const char *tz, struct cs_date *out)
{
    time_t t = (time_t)secs;
    struct tm tm;
    char *old = NULL;
    const char *was = getenv("TZ");
    int ok;
    if ((long long)t != secs)
        return CS_EFAIL;
    if (tz) {
        if (was)
            old = xstrdup(was);
        setenv("TZ", tz, 1);
        tzset();
    }
    ok = localtime_r(&t, &tm) != NULL;
    if (tz) {
        if (old)
            setenv("TZ", old, 1);
        else
            unsetenv("TZ");
        tzset();
        free(old);
    }
    if (!ok)
        return CS_EFAIL;
    out->y = tm.tm_year + 1900;
    out->m = tm.tm_mon + 1;
    out->d = tm.tm_mday;
    return 0;
}

int date_zone_check(const char *tz, const char *field, struct cs_err *e)
{
    const char *dir = getenv("TZDIR");
    char path[4096];
    struct stat sb;
    if (!tz || !*tz || tz[0] == '/' || tz[0] == ':' || strstr(tz, "..") || strlen(tz) > 200)
        return cs_error(e, CS_EINPUT, field, tz ? tz : "", "not a time zone name (Europe/Prague)");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return cs_error(e, CS_EINPUT, field, tz,
                        "no such time zone in the system's database (Europe/Prague, UTC)");
    return 0;
}
