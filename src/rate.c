/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rate.c - dated exchange-rate pairs and the one conversion into a base currency. */
#include "confspend/rate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/db.h"
#include "confspend/money.h"

/* 1 when A and B are the same number, however written (24.67 and 24.670). */
static int rate_dec_equal(struct rate_dec a, struct rate_dec b)
{
    struct ratio x, y;
    if (a.scale < 0 || a.scale > RATE_MAX_DIGITS || a.mantissa <= 0)
        return 0;
    x = ratio_of_dec(a);
    y = ratio_of_dec(b);
    return x.num == y.num && x.den == y.den;
}

struct rate_writer {
    sqlite3 *db;
    sqlite3_stmt *get, *put, *upd;
};

struct rate_writer *rate_writer_new(sqlite3 *db)
{
    struct rate_writer *w = xmalloc(sizeof *w);
    memset(w, 0, sizeof *w);
    w->db = db;
    return w;
}

void rate_writer_free(struct rate_writer *w)
{
    if (!w)
        return;
    sqlite3_finalize(w->get);
    sqlite3_finalize(w->put);
    sqlite3_finalize(w->upd);
    free(w);
}

/* Bind CUR, QUOTE, DATE and D to ?1..?5 of ST (D may be NULL: only the key). */
static void bind_pair(sqlite3_stmt *st, const char *cur, const char *quote, const char *date,
                      const struct rate_dec *d)
{
    sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, quote, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
    if (d) {
        sqlite3_bind_int64(st, 4, d->mantissa);
        sqlite3_bind_int(st, 5, d->scale);
    }
}

int rate_writer_put(struct rate_writer *w, const char *cur, const char *quote, const char *date,
                    struct rate_dec d, enum rate_put_result *what, struct cs_err *e)
{
    sqlite3_stmt *st;
    struct rate_dec old = {0, 0};
    int rc, had;
    if (!w->get && db_prepare(w->db,
                              "SELECT mantissa, scale FROM rate WHERE currency = ?1 AND quote = ?2 "
                              "AND date = ?3",
                              &w->get, e))
        return CS_EFAIL;
    bind_pair(w->get, cur, quote, date, NULL);
    if ((rc = sqlite3_step(w->get)) == SQLITE_ROW) {
        old.mantissa = sqlite3_column_int64(w->get, 0);
        old.scale = sqlite3_column_int(w->get, 1);
    }
    sqlite3_reset(w->get);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(w->db, "cannot read the rates", e);
    had = rc == SQLITE_ROW;
    if (had && rate_dec_equal(old, d)) {
        if (what)
            *what = RATE_PRESENT;
        return 0;
    }
    if (!had && !w->put &&
        db_prepare(w->db,
                   "INSERT INTO rate(currency, quote, date, mantissa, scale) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)",
                   &w->put, e))
        return CS_EFAIL;
    if (had && !w->upd &&
        db_prepare(w->db,
                   "UPDATE rate SET mantissa = ?4, scale = ?5 WHERE currency = ?1 AND quote = ?2 "
                   "AND date = ?3",
                   &w->upd, e))
        return CS_EFAIL;
    st = had ? w->upd : w->put;
    bind_pair(st, cur, quote, date, &d);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(w->db, "cannot save the rate", e);
    if (what)
        *what = had ? RATE_REPLACED : RATE_ADDED;
    return 0;
}

int rate_put(sqlite3 *db, const char *cur, const char *quote, const char *date, struct rate_dec d,
             enum rate_put_result *what, struct cs_err *e)
{
    struct rate_writer *w = rate_writer_new(db);
    int rc = rate_writer_put(w, cur, quote, date, d, what, e);
    rate_writer_free(w);
    return rc;
}

int rate_each(sqlite3 *db,
              int (*fn)(const char *cur, const char *quote, const char *date, struct rate_dec d,
                        void *),
              void *arg, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db, "SELECT currency, quote, date, mantissa, scale FROM rate ORDER BY 1, 2, 3",
                   &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct rate_dec d = {sqlite3_column_int64(st, 3), sqlite3_column_int(st, 4)};
        rc = fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                (const char *)sqlite3_column_text(st, 2), d, arg);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the rates", e);
}

/* ---- the converter ------------------------------------------------------------------ */

/* A looked-up rate of one currency and the dates it holds for: [lo, hi) (hi "~" when no
 * later pair touches the currency or the base). */
struct rate_entry {
    char cur[4];
    char lo[11], hi[11];
    struct ratio r; /* minor units of cur -> minor units of the base */
};

/* The currencies that have a pair with one currency (either way), sorted. */
struct neighbours {
    char cur[4];
    int n;
    char (*x)[4];
};

enum {
    Q_DIRECT, /* newest pair ?1 -> ?2 on or before ?3 */
    Q_HI_CUR, /* oldest date > ?2 of a pair from ?1 */
    Q_HI_QUO, /* ... to ?1 */
    Q_NEIGHB, /* the currencies with a pair with ?1 */
    Q_N
};

static const char *const q_sql[Q_N] = {
    [Q_DIRECT] = "SELECT date, mantissa, scale FROM rate WHERE currency = ?1 AND quote = ?2 "
                 "AND date <= ?3 ORDER BY date DESC LIMIT 1",
    [Q_HI_CUR] = "SELECT min(date) FROM rate WHERE currency = ?1 AND date > ?2",
    [Q_HI_QUO] = "SELECT min(date) FROM rate WHERE quote = ?1 AND date > ?2",
    /* the quotes of ?1 by a seek each along the key (EUR has 30 among 200k pairs), then
     * the currencies quoted in ?1 */
    [Q_NEIGHB] = "WITH RECURSIVE q(x) AS (SELECT (SELECT min(quote) FROM rate WHERE currency = ?1) "
                 "UNION ALL SELECT (SELECT min(quote) FROM rate WHERE currency = ?1 AND quote > x) "
                 "FROM q WHERE x IS NOT NULL) SELECT x FROM q WHERE x IS NOT NULL UNION "
                 "SELECT DISTINCT currency FROM rate WHERE quote = ?1 ORDER BY 1",
};

struct rate_conv {
    sqlite3 *db;
    char base[4];
    int base_digits;
    sqlite3_stmt *q[Q_N];
    struct rate_entry *entries;
    int nentries;
    struct neighbours **nb; /* each allocated: a pointer to one stays good */
    int nnb;
};

struct rate_conv *rate_conv_new(sqlite3 *db, const char *base)
{
    struct rate_conv *c = xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    c->db = db;
    snprintf(c->base, sizeof c->base, "%s", base);
    c->base_digits = money_digits(base);
    return c;
}

void rate_conv_free(struct rate_conv *c)
{
    if (!c)
        return;
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(c->q[i]);
    for (int i = 0; i < c->nnb; i++) {
        free(c->nb[i]->x);
        free(c->nb[i]);
    }
    free(c->nb);
    free(c->entries);
    free(c);
}

const char *rate_conv_base(const struct rate_conv *c)
{
    return c->base;
}

/* Statement K of C, prepared once, reset and with its bindings cleared. */
static sqlite3_stmt *q_get(struct rate_conv *c, int k, struct cs_err *e)
{
    if (!c->q[k]) {
        if (db_prepare(c->db, q_sql[k], &c->q[k], e))
            return NULL;
    } else {
        sqlite3_reset(c->q[k]);
        sqlite3_clear_bindings(c->q[k]);
    }
    return c->q[k];
}

/*
 * The newest pair A->B on or before DATE: its date into DAY (when found) and its value
 * into *D. Returns 1 found, 0 none, or a negative error.
 */
static int pair_find(struct rate_conv *c, const char *a, const char *b, const char *date,
                     char day[11], struct rate_dec *d, struct cs_err *e)
{
    sqlite3_stmt *st = q_get(c, Q_DIRECT, e);
    int rc;
    if (!st)
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(day, 11, "%s", (const char *)sqlite3_column_text(st, 0));
        d->mantissa = sqlite3_column_int64(st, 1);
        d->scale = sqlite3_column_int(st, 2);
        sqlite3_reset(st);
        if (d->mantissa <= 0 || d->scale < 0 || d->scale > RATE_MAX_DIGITS)
            return cs_error(e, CS_EFAIL, "rate", a, "a stored rate is not a positive decimal");
        return 1;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_fail(c->db, "cannot read the rates", e);
}

/*
 * The rate of A in B (1 A = *R B) on DATE from the newer of the pairs A->B and B->A
 * (inverted) dated on or before it, the direct one on a tie. Returns 1 found, 0 none, or a
 * negative error.
 */
static int leg_find(struct rate_conv *c, const char *a, const char *b, const char *date,
                    struct ratio *r, struct cs_err *e)
{
    char d1[11] = "", d2[11] = "";
    struct rate_dec x, y;
    int f1 = pair_find(c, a, b, date, d1, &x, e), f2;
    if (f1 < 0)
        return f1;
    if ((f2 = pair_find(c, b, a, date, d2, &y, e)) < 0)
        return f2;
    if (!f1 && !f2)
        return 0;
    if (f1 && (!f2 || strcmp(d1, d2) >= 0))
        *r = ratio_of_dec(x);
    else
        *r = ratio_inverse(ratio_of_dec(y));
    return 1;
}

/* The currencies with a pair with CUR (cached). */
static const struct neighbours *neighbours_of(struct rate_conv *c, const char *cur,
                                              struct cs_err *e)
{
    struct neighbours *n;
    sqlite3_stmt *st;
    int rc;
    for (int i = 0; i < c->nnb; i++)
        if (!strcmp(c->nb[i]->cur, cur))
            return c->nb[i];
    if (!(st = q_get(c, Q_NEIGHB, e)))
        return NULL;
    c->nb = xrealloc(c->nb, sizeof *c->nb * (unsigned long)(c->nnb + 1));
    n = c->nb[c->nnb++] = xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    snprintf(n->cur, sizeof n->cur, "%s", cur);
    sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        n->x = xrealloc(n->x, sizeof *n->x * (unsigned long)(n->n + 1));
        snprintf(n->x[n->n++], 4, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        db_fail(c->db, "cannot read the rates", e);
        return NULL;
    }
    return n;
}

/* The next date after DATE of a pair touching CUR (query K, Q_HI_CUR or Q_HI_QUO) combined
 * into OUT: the later (LATER) or earlier of OUT and what it finds. */
static int bound(struct rate_conv *c, int k, const char *cur, const char *date, int later,
                 char out[11], struct cs_err *e)
{
    sqlite3_stmt *st = q_get(c, k, e);
    int rc;
    if (!st)
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        const char *d = (const char *)sqlite3_column_text(st, 0);
        if (later ? strcmp(d, out) > 0 : strcmp(d, out) < 0)
            snprintf(out, 11, "%s", d);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(c->db, "cannot read the rates", e);
}

/*
 * Look CUR's rate into the base up on DATE (the rule in rate.h), as a new entry of C with
 * the dates it holds for: what the lookup saw are the pairs touching CUR or the base, so
 * its answer holds from DATE to the day before the next such pair.
 */
static int entry_resolve(struct rate_conv *c, const char *cur, const char *date,
                         struct rate_entry *out, struct cs_err *e)
{
    struct ratio r = {1, 1};
    int rc, found;
    memset(out, 0, sizeof *out);
    snprintf(out->cur, sizeof out->cur, "%s", cur);
    snprintf(out->hi, sizeof out->hi, "~");
    /* from DATE itself rather than from the newest pair before it: the callers read rows
     * in date order, and four seeks a lookup fewer is a fifth of a report's lookups */
    snprintf(out->lo, sizeof out->lo, "%s", date);
    if ((rc = bound(c, Q_HI_CUR, cur, date, 0, out->hi, e)) ||
        (rc = bound(c, Q_HI_QUO, cur, date, 0, out->hi, e)) ||
        (rc = bound(c, Q_HI_CUR, c->base, date, 0, out->hi, e)) ||
        (rc = bound(c, Q_HI_QUO, c->base, date, 0, out->hi, e)))
        return rc;
    if ((found = leg_find(c, cur, c->base, date, &r, e)) < 0)
        return found;
    if (!found) {
        /* a cross through X: EUR first, then alphabetical */
        const struct neighbours *a = neighbours_of(c, cur, e), *b;
        if (!a || !(b = neighbours_of(c, c->base, e)))
            return CS_EFAIL;
        for (int pass = 0; pass < 2 && !found; pass++)
            for (int i = 0; i < a->n && !found; i++) {
                const char *x = a->x[i];
                struct ratio r1, r2;
                int j = 0, f;
                if ((pass == 0) != !strcmp(x, "EUR") || !strcmp(x, c->base))
                    continue;
                while (j < b->n && strcmp(b->x[j], x))
                    j++;
                if (j == b->n)
                    continue;
                if ((f = leg_find(c, cur, x, date, &r1, e)) < 0)
                    return f;
                if (!f)
                    continue;
                if ((f = leg_find(c, x, c->base, date, &r2, e)) < 0)
                    return f;
                if (!f)
                    continue;
                if (ratio_mul(r1, r2, &r))
                    return cs_error(e, CS_EFAIL, "rate", cur,
                                    "the cross rate through %s does not fit in 128 bits", x);
                found = 1;
            }
    }
    if (!found) {
        char what[64];
        snprintf(what, sizeof what, "%s on %s", cur, date);
        return cs_error(e, CS_EFAIL, "rate", what,
                        "no rate to %s on or before this date; add one with "
                        "'confspend rate set %s RATE --date DATE'",
                        c->base, cur);
    }
    /* from rate (major units) to minor units: times 10^(base digits - cur digits) */
    if (ratio_scale10(r, c->base_digits - money_digits(cur), &out->r))
        return cs_error(e, CS_EFAIL, "rate", cur, "the rate does not fit in 128 bits");
    return 0;
}

int rate_conv_ratio(struct rate_conv *c, const char *cur, const char *date, struct ratio *r,
                    struct cs_err *e)
{
    struct rate_entry *x = NULL;
    int rc;
    if (!strcmp(cur, c->base)) {
        r->num = r->den = 1;
        return 0;
    }
    if (money_digits(cur) < 0) /* (a base_currency another program stored) */
        return cs_error(e, CS_EFAIL, "rate", cur, "not a currency code confspend knows");
    for (int i = 0; i < c->nentries; i++)
        if (!strcmp(c->entries[i].cur, cur)) {
            x = &c->entries[i];
            break;
        }
    if (x && strcmp(date, x->lo) >= 0 && strcmp(date, x->hi) < 0) {
        *r = x->r;
        return 0;
    }
    if (!x) {
        c->entries = xrealloc(c->entries, sizeof *c->entries * (unsigned long)(c->nentries + 1));
        x = &c->entries[c->nentries++];
        memset(x, 0, sizeof *x);
    }
    if ((rc = entry_resolve(c, cur, date, x, e))) {
        x->cur[0] = 0; /* nothing cached */
        return rc;
    }
    *r = x->r;
    return 0;
}

int rate_conv_amount(struct rate_conv *c, const char *cur, const char *date, int64_t amount,
                     int64_t *out, struct cs_err *e)
{
    struct ratio r;
    if (!strcmp(cur, c->base)) {
        *out = amount;
        return 0;
    }
    if (rate_conv_ratio(c, cur, date, &r, e))
        return CS_EFAIL;
    if (ratio_apply(r, amount, out))
        return cs_error(e, CS_EFAIL, "rate", cur, "converted amount out of range");
    return 0;
}

int rate_conv_expense(struct rate_conv *c, const char *cur, const char *date, int64_t amount,
                      const char *base_cur, int64_t base_amount, int64_t *out, struct ratio *r,
                      struct cs_err *e)
{
    struct ratio one = {1, 1}, implied, into;
    int64_t v;
    if (!r)
        r = &one;
    if (!strcmp(cur, c->base)) {
        r->num = r->den = 1;
        *out = amount;
        return 0;
    }
    if (!base_cur) {
        if (rate_conv_ratio(c, cur, date, r, e))
            return CS_EFAIL;
        if (ratio_apply(*r, amount, out))
            return cs_error(e, CS_EFAIL, "rate", cur, "converted amount out of range");
        return 0;
    }
    if (amount == 0 || base_amount == 0 || (amount < 0) != (base_amount < 0)) {
        /* add and edit never store one (a row another program wrote) */
        char v[48];
        money_format(base_amount, money_digits(base_cur) < 0 ? 2 : money_digits(base_cur), v,
                     sizeof v);
        return cs_error(e, CS_EFAIL, "base_amount", v,
                        "not of the sign of the amount of its expense in %s on %s", cur, date);
    }
    {
        unsigned __int128 n = (unsigned __int128)(base_amount < 0 ? -(__int128)base_amount
                                                                  : (__int128)base_amount),
                          d = (unsigned __int128)(amount < 0 ? -(__int128)amount
                                                             : (__int128)amount);
        struct ratio t = {n, 1}, u = {1, d};
        ratio_mul(t, u, &implied); /* reduces; cannot overflow */
    }
    if (!strcmp(base_cur, c->base)) {
        *r = implied;
        *out = base_amount;
        return 0;
    }
    /* the base has changed since: what the card charged, converted on */
    if (rate_conv_ratio(c, base_cur, date, &into, e))
        return CS_EFAIL;
    if (ratio_mul(implied, into, r))
        return cs_error(e, CS_EFAIL, "rate", cur, "the rate does not fit in 128 bits");
    if (ratio_apply(into, base_amount, &v))
        return cs_error(e, CS_EFAIL, "rate", cur, "converted amount out of range");
    *out = v;
    return 0;
}

int rate_convert(sqlite3 *db, const char *cur, const char *date, const char *base, int64_t amount,
                 int64_t *out, struct cs_err *e)
{
    struct rate_conv *c;
    int rc;
    if (!strcmp(cur, base)) {
        *out = amount;
        return 0;
    }
    c = rate_conv_new(db, base);
    rc = rate_conv_amount(c, cur, date, amount, out, e);
    rate_conv_free(c);
    return rc;
}

int rate_convert_into(sqlite3 *db, const char *base, const char *date, const char *cur,
                      int64_t amount, int64_t *out, struct cs_err *e)
{
    struct rate_conv *c;
    struct ratio r;
    int rc;
    if (!strcmp(cur, base)) {
        *out = amount;
        return 0;
    }
    c = rate_conv_new(db, base);
    rc = rate_conv_ratio(c, cur, date, &r, e);
    rate_conv_free(c);
    if (rc)
        return rc;
    if (ratio_apply(ratio_inverse(r), amount, out))
        return cs_error(e, CS_EFAIL, "rate", cur, "converted amount out of range");
    return 0;
}
