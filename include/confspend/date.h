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

#endif
