/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rate.h - exchange rates as dated pairs, and the one conversion into a base currency. */
#ifndef CONFSPEND_RATE_H
#define CONFSPEND_RATE_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"
#include "confspend/ratio.h"

/* What rate_put() did with a pair. */
enum rate_put_result { RATE_ADDED, RATE_PRESENT, RATE_REPLACED };

/*
 * Store 1 CUR = D QUOTE from DATE on, exactly as written. A pair already stored for CUR,
 * QUOTE and DATE is replaced, unless it is the same number (24.67 and 24.670 are: then
 * nothing is written and the stored one keeps its digits). *WHAT (may be NULL) says
 * which.
 */
int rate_put(sqlite3 *db, const char *cur, const char *quote, const char *date, struct rate_dec d,
             enum rate_put_result *what, struct cs_err *e);

/* The same for many pairs (an import): the statements are prepared once. */
struct rate_writer;
struct rate_writer *rate_writer_new(sqlite3 *db); /* allocates */
int rate_writer_put(struct rate_writer *w, const char *cur, const char *quote, const char *date,
                    struct rate_dec d, enum rate_put_result *what, struct cs_err *e);
void rate_writer_free(struct rate_writer *w);

/* Call FN on every stored pair (CUR, QUOTE, DATE, the rate as written), by currency,
 * quote and date. A non-zero return of FN stops and is returned. */
int rate_each(sqlite3 *db,
              int (*fn)(const char *cur, const char *quote, const char *date, struct rate_dec d,
                        void *),
              void *arg, struct cs_err *e);

/*
 * A converter into BASE: the one implementation of the conversion, for every report,
 * budget, export and the workbook. CUR to BASE on a date uses the newest pair CUR->BASE or
 * BASE->CUR (inverted) dated on or before it (the newer of the two; the direct one on a
 * tie); else a cross through one other currency X (EUR first, then alphabetical) that has
 * a pair with each, every leg its own newest pair on or before the date. The rate is an
 * exact rational (struct ratio); the amount is multiplied by it and rounded half away
 * from zero once. Each looked-up rate is kept with the dates it holds for (until the
 * next pair that touches CUR or BASE), so a report of a million rows asks SQLite once per
 * currency and rate change, not per row. Used by one thread at a time; the rates must
 * not change while it is open.
 */
struct rate_conv;

/* A converter into BASE over DB (allocates; rate_conv_free() releases). */
struct rate_conv *rate_conv_new(sqlite3 *db, const char *base);
void rate_conv_free(struct rate_conv *c);
/* Its base currency. */
const char *rate_conv_base(const struct rate_conv *c);

/*
 * The rate from minor units of CUR to minor units of the base on DATE into *R (1 when
 * CUR is the base). A missing rate is CS_EFAIL "rate: no rate to BASE on or before this
 * date; add one with 'confspend rate set CUR RATE --date DATE' (CUR on DATE)"; a cross
 * rate past 128 bits is CS_EFAIL too.
 */
int rate_conv_ratio(struct rate_conv *c, const char *cur, const char *date, struct ratio *r,
                    struct cs_err *e);

/* AMOUNT minor units of CUR on DATE in minor units of the base into *OUT (rate_conv_ratio,
 * one rounding); a result past int64 is CS_EFAIL naming CUR. */
int rate_conv_amount(struct rate_conv *c, const char *cur, const char *date, int64_t amount,
                     int64_t *out, struct cs_err *e);

/*
 * An expense's rate into the base: AMOUNT minor units of CUR on DATE, with what the card
 * charged (BASE_CUR non-NULL: BASE_AMOUNT minor units of BASE_CUR, the base currency
 * when it was given). CUR the base: 1. Else with a base amount: the implied rate
 * BASE_AMOUNT / AMOUNT, times BASE_CUR's rate into the base when the base has changed
 * since; else rate_conv_ratio(). *OUT gets AMOUNT converted (BASE_AMOUNT itself when
 * BASE_CUR is the base), *R (may be NULL) the rate for the expense's other amounts (tip,
 * fee). A base amount of 0, with an AMOUNT of 0 or of the other sign is CS_EFAIL (a row
 * another program wrote: add and edit never store one).
 */
int rate_conv_expense(struct rate_conv *c, const char *cur, const char *date, int64_t amount,
                      const char *base_cur, int64_t base_amount, int64_t *out, struct ratio *r,
                      struct cs_err *e);

/* One conversion with a converter of its own: AMOUNT of CUR on DATE into BASE. */
int rate_convert(sqlite3 *db, const char *cur, const char *date, const char *base, int64_t amount,
                 int64_t *out, struct cs_err *e);

/*
 * The other way: AMOUNT minor units of BASE on DATE in minor units of CUR, at the inverse
 * of the rate rate_convert() takes from CUR to BASE, rounded half away from zero once.
 * CUR == BASE needs no rate; a missing one is the same error as rate_convert()'s (it names
 * CUR, whose rate into BASE is missing).
 */
int rate_convert_into(sqlite3 *db, const char *base, const char *date, const char *cur,
                      int64_t amount, int64_t *out, struct cs_err *e);

/* Rates read from a file (rate import): a pair 1 BASE = D CUR on DATE for each. */
struct rate_file_row {
    char date[11];
    char base[4], cur[4];
    struct rate_dec d;
};

/*
 * Read the European Central Bank's reference rates from the bytes BUF[0..LEN) (the file
 * PATH, for messages): eurofxref-hist.csv and eurofxref.csv (a header `Date,USD,JPY,...`
 * with a trailing comma, `N/A` for a missing value; the daily file's ", " separators and
 * "13 April 2026" dates), eurofxref-daily.xml and eurofxref-hist.xml (gesmes:Envelope,
 * Cube time=, Cube currency= rate=). Every value is a pair 1 EUR = x CUR on its date; FN
 * gets each (a non-zero return stops and is returned). Bad input is CS_EINPUT naming the
 * line and the field ("line 3, column CZK: not a decimal number ... (24,67)"); nothing
 * is passed to FN before the whole file has been read and checked. A value of a currency
 * confspend does not know (the ECB's withdrawn CYP, EEK, ...; EUR itself) is not passed
 * on but counted in *SKIPPED, so the caller can say so.
 */
struct rate_file_skipped {
    long values;         /* values of currencies confspend does not know (CYP, EEK, ...) */
    char currencies[96]; /* their codes, "CYP, EEK, ..." (as many as fit) */
};
int rate_read_ecb(const char *path, const char *buf, size_t len,
                  int (*fn)(const struct rate_file_row *, void *), void *arg,
                  struct rate_file_skipped *skipped, struct cs_err *e);

#endif
