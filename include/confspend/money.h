/* SPDX-License-Identifier: GPL-3.0-or-later */
/* money.h - amounts as int64 minor units of an ISO 4217 currency; no floating point. */
#ifndef CONFSPEND_MONEY_H
#define CONFSPEND_MONEY_H

#include <stddef.h>
#include <stdint.h>
#include "confspend/error.h"

/* Minor digits of the ISO 4217 code CODE (USD 2, JPY 0, BHD 3), or -1 when unknown. */
int money_digits(const char *code);

/* 1 if CODE is three upper-case letters of a known currency. */
int money_currency_known(const char *code);

/*
 * Parse the non-negative decimal S ("23.50", "1500", "0.5") with at most DIGITS minor
 * digits into *OUT minor units. Accepts only [0-9]+ optionally followed by '.' and 1..DIGITS
 * digits; refuses signs, exponents, commas, blanks and values past INT64_MAX. On error
 * fills E (CS_EINPUT) naming FIELD and S.
 */
int money_parse(const char *s, int digits, int64_t *out, const char *field, struct cs_err *e);

/* Write V (minor units, any sign) with exactly DIGITS decimals into BUF: "-23.50". */
void money_format(int64_t v, int digits, char *buf, size_t n);

/* Format V minor units as "1,234.50" with thousands separators (for tables). */
void money_format_grouped(int64_t v, int digits, char *buf, size_t n);

/* *SUM += V, unless the exact result does not fit in int64: then *SUM is left as it was
 * and CS_EFAIL is returned (sums of hostile amounts must not wrap around). */
int money_add(int64_t *sum, int64_t v);

/*
 * An exact sum of int64 amounts, for totals over expenses: the running total is 128 bits
 * wide, so no order of the amounts overflows it (-9e18 - 9e18 + 9e18 + 9e18 + 9e18 is
 * 9e18, as SQLite's sum() and an int64 running total cannot say), and only the final
 * total must fit in int64, which money_sum_get() checks. 2^64 amounts would be needed to
 * leave the 128 bits. Start from MONEY_SUM_INIT (or zeroed memory).
 */
struct money_sum {
    __int128 v;
};
#define MONEY_SUM_INIT                                                                             \
    {                                                                                              \
        0                                                                                          \
    }

/* *S += V. */
static inline void money_sum_add(struct money_sum *s, int64_t v)
{
    s->v += v;
}

/* *S -= V. */
static inline void money_sum_sub(struct money_sum *s, int64_t v)
{
    s->v -= v;
}

/* *S += T (another sum). */
static inline void money_sum_merge(struct money_sum *s, struct money_sum t)
{
    s->v += t.v;
}

/* The total of S into *OUT, or CS_EFAIL (and *OUT untouched) when it does not fit in
 * int64. */
int money_sum_get(struct money_sum s, int64_t *out);

/* NUM / DEN rounded half away from zero. DEN must be non-zero. */
int64_t round_half_away(__int128 num, __int128 den);

/*
 * Parse an exchange rate or a ratio such as "0.0067" or "1.08" into RATE * 10^9. At most
 * nine decimals; must be > 0 unless ALLOW_ZERO. Fills E naming FIELD on error.
 */
int money_parse_e9(const char *s, int allow_zero, int64_t *out, const char *field,
                   struct cs_err *e);

/* Format a value scaled by 10^9 back without trailing zeros ("0.0067"). */
void money_format_e9(int64_t v, char *buf, size_t n);

/*
 * Convert AMOUNT minor units of a currency with FROM_DIGITS into a currency with
 * TO_DIGITS at RATE_E9 (1 from = rate_e9/1e9 to), rounding half away from zero.
 * Returns 0, or CS_EFAIL when the result does not fit in int64.
 */
int money_convert(int64_t amount, int from_digits, int64_t rate_e9, int to_digits, int64_t *out);

/*
 * The other way: AMOUNT minor units of a currency with FROM_DIGITS into a currency with
 * TO_DIGITS when 1 TO = RATE_E9 / 10^9 FROM (RATE_E9 > 0), that is AMOUNT divided by the
 * rate, rounded half away from zero once. Returns 0, or CS_EFAIL when the result does not
 * fit in int64.
 */
int money_convert_inverse(int64_t amount, int from_digits, int64_t rate_e9, int to_digits,
                          int64_t *out);

/*
 * Parse a signed amount S as a bank or card file writes it: an optional leading '-' or
 * '+', digits, optionally grouped by THOUSANDS (0: no grouping; ',' '.' ' ' or '\'': the
 * first group 1..3 digits, every later one exactly 3, as in "1.234,56" or "1,234.56"),
 * then DECIMAL ('.' or ',') and 1..DIGITS digits. An amount with more decimals than the
 * currency has ("12.345" in USD) is an error, never rounded. *OUT gets the signed value in
 * minor units. Errors fill E (CS_EINPUT) naming FIELD and S.
 */
int money_parse_sep(const char *s, int digits, int decimal, int thousands, int64_t *out,
                    const char *field, struct cs_err *e);

#endif
