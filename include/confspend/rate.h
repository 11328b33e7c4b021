/* rate.h - exchange rates into the base currency, dated. */
#ifndef CONFSPEND_RATE_H
#define CONFSPEND_RATE_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/* Store 1 CUR = RATE_E9 / 10^9 base from DATE on (replacing one on the same date). */
int rate_set(sqlite3 *db, const char *cur, const char *date, int64_t rate_e9, struct cs_err *e);

/*
 * AMOUNT minor units of CUR on DATE in minor units of BASE, at the newest rate dated on or
 * before DATE, rounded half away from zero. CUR == BASE needs no rate. A missing rate is
 * CS_EFAIL "rate: no CUR rate on or before DATE (...)".
 */
int rate_convert(sqlite3 *db, const char *cur, const char *date, const char *base, int64_t amount,
                 int64_t *out, struct cs_err *e);

/*
 * The other way: AMOUNT minor units of BASE on DATE in minor units of CUR, at the same
 * rate rate_convert() would take (the newest of CUR dated on or before DATE, 1 CUR = RATE
 * BASE): AMOUNT / RATE, rounded half away from zero once. CUR == BASE needs no rate; a
 * missing one is the same error as rate_convert()'s.
 */
int rate_convert_into(sqlite3 *db, const char *base, const char *date, const char *cur,
                      int64_t amount, int64_t *out, struct cs_err *e);

/* Call FN on every stored rate (CUR, DATE, RATE_E9), by currency and date. A non-zero
 * return of FN stops and is returned. */
int rate_each(sqlite3 *db, int (*fn)(const char *cur, const char *date, int64_t rate_e9, void *),
              void *arg, struct cs_err *e);

#endif
