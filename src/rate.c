/* rate.c - dated exchange rates and conversion into the base currency. */
#include "confspend/rate.h"

#include <stdio.h>
#include <string.h>

#include "confspend/db.h"
#include "confspend/money.h"

int rate_set(sqlite3 *db, const char *cur, const char *date, int64_t rate_e9, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "INSERT INTO rate(currency, date, rate_e9) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT(currency, date) DO UPDATE SET rate_e9 = excluded.rate_e9",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, rate_e9);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the rate", e);
    return 0;
}

/*
 * The newest rate of CUR dated on or before DATE (1 CUR = *R_E9 / 10^9 BASE) into *R_E9.
 * None is CS_EFAIL naming CUR and DATE, and how to add one.
 */
static int rate_find(sqlite3 *db, const char *cur, const char *date, const char *base,
                     int64_t *r_e9, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "SELECT rate_e9 FROM rate WHERE currency = ?1 AND date <= ?2 "
                   "ORDER BY date DESC LIMIT 1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *r_e9 = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        char what[64];
        snprintf(what, sizeof what, "%s on %s", cur, date);
        return cs_error(e, CS_EFAIL, "rate", what,
                        "no rate to %s on or before this date; add one with "
                        "'confspend rate set %s RATE --date DATE'",
                        base, cur);
    }
    return 0;
}

int rate_convert(sqlite3 *db, const char *cur, const char *date, const char *base, int64_t amount,
                 int64_t *out, struct cs_err *e)
{
    int64_t r;
    if (!strcmp(cur, base)) {
        *out = amount;
        return 0;
    }
    if (rate_find(db, cur, date, base, &r, e))
        return CS_EFAIL;
    if (money_convert(amount, money_digits(cur), r, money_digits(base), out))
        return cs_error(e, CS_EFAIL, "rate", cur, "converted amount out of range");
    return 0;
}

int rate_convert_into(sqlite3 *db, const char *base, const char *date, const char *cur,
                      int64_t amount, int64_t *out, struct cs_err *e)
{
    int64_t r;
    if (!strcmp(cur, base)) {
        *out = amount;
        return 0;
    }
    if (rate_find(db, cur, date, base, &r, e))
        return CS_EFAIL;
    if (money_convert_inverse(amount, money_digits(base), r, money_digits(cur), out))
        return cs_error(e, CS_EFAIL, "rate", cur, "converted amount out of range");
    return 0;
}

int rate_each(sqlite3 *db, int (*fn)(const char *cur, const char *date, int64_t rate_e9, void *),
              void *arg, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db, "SELECT currency, date, rate_e9 FROM rate ORDER BY 1, 2", &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                sqlite3_column_int64(st, 2), arg);
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the rates", e);
}
