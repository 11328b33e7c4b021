/* SPDX-License-Identifier: GPL-3.0-or-later */
/* date.h - calendar dates (proleptic Gregorian) as plain structs; no I/O but the clock. */
#ifndef CONFSPEND_DATE_H
#define CONFSPEND_DATE_H

#include "confspend/error.h"

struct cs_date {
    int y, m, d;
};

/* 1 for leap years of the Gregorian calendar. */
int date_is_leap(int y);

/* Days in month M (1..12) of year Y. */
int date_days_in_month(int y, int m);

/* The years a date may have: four digits, as ISO text and the schema write them. */
#define DATE_YEAR_MIN 1000
#define DATE_YEAR_MAX 9999

/* Parse exactly "YYYY-MM-DD" naming a real date (years 1000..9999); fills E naming FIELD. */
int date_parse(const char *s, struct cs_date *out, const char *field, struct cs_err *e);

/*
 * A date as a person types it, on TODAY: "YYYY-MM-DD", `today`, `yesterday`, `-N` (N days
 * ago), or a weekday's name or any prefix naming one day (`mon`, `th`: the most recent such
 * day on or before today). Fills E (CS_EINPUT) naming FIELD: an ambiguous prefix (`t`)
 * names the days it could be.
 */
int date_word(const char *s, struct cs_date today, struct cs_date *out, const char *field,
              struct cs_err *e);

/* Parse exactly "YYYY-MM"; out->d is set to 1. Fills E naming FIELD. */
int month_parse(const char *s, struct cs_date *out, const char *field, struct cs_err *e);

/* Days since 1970-01-01 of D (negative before). */
long date_to_days(struct cs_date d);

/* The date DAYS days after 1970-01-01. */
struct cs_date date_from_days(long days);

/* "YYYY-MM-DD" into BUF (at least 11 bytes). */
void date_format(struct cs_date d, char *buf);

/* "YYYY-MM" into BUF (at least 8 bytes). */
void month_format(struct cs_date d, char *buf);

/* The first day of the month DELTA months after D's month. */
struct cs_date month_add(struct cs_date d, int delta);

/*
 * The bounds, as text, of a query for the dates SINCE to UNTIL (real dates, or "" for an
 * open end): LO <= date < HI. A month's impossible days, which only another program can
 * store ("2019-02-30", "2019-02-00"), sort within that month, so they are read and found
 * rather than skipped: LO is SINCE, or "YYYY-MM-00" for the first of a month; HI is the
 * day after UNTIL, or "YYYY-MM-32" after the last of a month. An open end stays "".
 */
void date_text_bounds(const char *since, const char *until, char lo[11], char hi[11]);

/* -1, 0, 1 as A is before, the same day as, or after B. */
int date_cmp(struct cs_date a, struct cs_date b);

/* Today: $CONFSPEND_TODAY when set (must be a valid date, else E), else the local date. */
int date_today(struct cs_date *out, struct cs_err *e);

/*
 * The date conventions of bank, card and ride-hail files (profile.c reads them), by the
 * name a profile gives them (date_fmt_named). Days and months are two digits, years four
 * (DATE_DMY_DOT2: two, 00..69 being 2000..2069 and 70..99 1970..1999); H is an hour of one
 * or two digits. The last two are instants in UTC, read with their time of day.
 */
enum date_fmt {
    DATE_ISO,        /* YYYY-MM-DD */
    DATE_MDY_SLASH,  /* MM/DD/YYYY */
    DATE_DMY_SLASH,  /* DD/MM/YYYY */
    DATE_DMY_DASH,   /* DD-MM-YYYY */
    DATE_DMY_DOT,    /* DD.MM.YYYY */
    DATE_DMY_DOT2,   /* DD.MM.YY */
    DATE_YMD_PACKED, /* YYYYMMDD */
    DATE_ISO_TIME,   /* YYYY-MM-DD H:MM:SS (a local time: its date is the date) */
    DATE_UTC_ZONE,   /* YYYY-MM-DD HH:MM:SS +HHMM ZONE: Uber's "2018-08-17 03:50:18 +0000 UTC" */
    DATE_ISO_UTC,    /* YYYY-MM-DDTHH:MM:SS[.fraction]Z (or a space for the T): UTC */
    DATE_FMT_COUNT
};

/* The format named NAME (case-sensitive: "MM/DD/YYYY", "dd.mm.yy" is also accepted in lower
 * case), or -1. */
int date_fmt_named(const char *name);

/* The canonical name of format FMT ("MM/DD/YYYY"). */
const char *date_fmt_name(int fmt);

/* 1 when FMT is an instant in UTC (its local date depends on a time zone). */
int date_fmt_is_instant(int fmt);

/*
 * Parse S, all of it, in format FMT into *OUT (a real date, years 1000..9999; for a
 * two-digit year, the pivot above). For an instant format *SECS (when not NULL) is the
 * Unix time it names (the offset applied) and *OUT its date in UTC; for the others *SECS
 * is set to the date's midnight UTC. Fills E naming FIELD: "not a date in FMT form" or
 * "no such calendar date" (02/30/2026), or "no such time of day".
 */
int date_parse_fmt(const char *s, int fmt, struct cs_date *out, long long *secs, const char *field,
                   struct cs_err *e);

/*
 * The calendar date of the Unix time SECS in the IANA zone TZ (NULL: the system's), from
 * the C library's time zone database: $TZ is set to TZ for the call of localtime_r and put
 * back as it was after. Returns 0, or CS_EFAIL when the time is out of range.
 */
int date_local_of(long long secs, const char *tz, struct cs_date *out);

/* 0 when TZ names a zone of the system's time zone database (a file under $TZDIR or
 * /usr/share/zoneinfo: "Europe/Prague", "UTC"), else CS_EINPUT naming FIELD and TZ. */
int date_zone_check(const char *tz, const char *field, struct cs_err *e);

#endif
