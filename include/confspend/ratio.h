/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratio.h - exact exchange rates: decimals as written, and positive rationals built from
 * them (inverse and cross rates), applied to minor units with one rounding. Pure: no
 * SQLite, no printing. */
#ifndef CONFSPEND_RATIO_H
#define CONFSPEND_RATIO_H

#include <stddef.h>
#include <stdint.h>
#include "confspend/error.h"

/* The most significant digits a rate may have as written (its mantissa stays below
 * 10^18, so a product of two legs with the digit scaling fits in 128 bits). */
#define RATE_MAX_DIGITS 18

/* A rate as written: MANTISSA / 10^SCALE ("24.67" is 2467, 2; "1.0850" is 10850, 4). */
struct rate_dec {
    int64_t mantissa; /* > 0 */
    int scale;        /* 0..RATE_MAX_DIGITS */
};

/*
 * Parse the positive decimal S ("24.67", "0.0405", "7", "1.0850") exactly into *OUT,
 * keeping its digits as written (trailing zeros too). Accepts [0-9]+ with an optional
 * '.' and 1 or more digits; at most RATE_MAX_DIGITS digits in all (leading zeros of the
 * integer part not counted). Zero, signs, exponents, commas and blanks are refused with
 * CS_EINPUT naming FIELD and S ("must be greater than zero", "must not be negative", "not
 * a decimal number with at most 18 digits").
 */
int rate_dec_parse(const char *s, struct rate_dec *out, const char *field, struct cs_err *e);

/* Write D as written into BUF ("0.0405", "1.0850", "7"). */
void rate_dec_format(struct rate_dec d, char *buf, size_t n);

/* A positive rational NUM / DEN, kept reduced. */
struct ratio {
    unsigned __int128 num, den;
};

/* The rational value of D. */
struct ratio ratio_of_dec(struct rate_dec d);

/* 1 / R. */
struct ratio ratio_inverse(struct ratio r);

/* *OUT = A * B, reduced; CS_EFAIL when the reduced product does not fit in 128 bits. */
int ratio_mul(struct ratio a, struct ratio b, struct ratio *out);

/* *OUT = R * 10^EXP (EXP may be negative); CS_EFAIL when it does not fit. */
int ratio_scale10(struct ratio r, int exp, struct ratio *out);

/*
 * *OUT = AMOUNT * R rounded half away from zero, once (so -0.5 is -1, 0.5 is 1). The
 * product is taken in 128-bit integers; CS_EFAIL (and *OUT untouched) when it or the
 * result does not fit (in 128 and 64 bits) rather than a wrong figure.
 */
int ratio_apply(struct ratio r, int64_t amount, int64_t *out);

/* Write R in lowest terms as "NUM/DEN" (or "NUM" when DEN is 1) into BUF. */
void ratio_format(struct ratio r, char *buf, size_t n);

#endif
