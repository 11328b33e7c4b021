/* SPDX-License-Identifier: GPL-3.0-or-later */
/* policy.c - the policy table and the findings of a claim's expenses against it. */
#include "confspend/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/rate.h"

const char *const policy_keys[] = {"receipt-over", "meal-per-day", "tip-max", "claim-within", NULL};

enum { K_RECEIPT, K_MEAL, K_TIP, K_WITHIN, NKEYS };

static int key_index(const char *key)
{
    for (int i = 0; policy_keys[i]; i++)
        if (!strcmp(policy_keys[i], key))
            return i;
    return -1;
}

static int key_refuse(const char *key, struct cs_err *e)
{
    return cs_error(e, CS_EINPUT, "policy", key,
                    "unknown key (receipt-over, meal-per-day, tip-max, claim-within)");
}

/* VALUE of key K (with CURRENCY for amounts) as shown. */
static void show_value(int k, int64_t v, const char *cur, char out[48])
{
    if (k == K_RECEIPT || k == K_MEAL) {
        char a[32];
        int d = money_digits(cur);
        money_format(v, d < 0 ? 2 : d, a, sizeof a);
        snprintf(out, 48, "%s %s", a, cur);
    } else if (k == K_TIP) {
        snprintf(out, 48, "%lld%%", (long long)v);
    } else {
        snprintf(out, 48, "%lld days", (long long)v);
    }
}

int policy_set(sqlite3 *db, const char *key, const char *value, char shown[48], struct cs_err *e)
{
    int k = key_index(key), rc;
    int64_t v;
    char base[4] = "", field[32], num[32];
    sqlite3_stmt *st;
    if (k < 0)
        return key_refuse(key, e);
    snprintf(field, sizeof field, "%s", key);
    if (k == K_RECEIPT || k == K_MEAL) {
        if ((rc = config_base_currency(db, base, e)) ||
            (rc = money_parse(value, money_digits(base), &v, field, e)))
            return rc;
        if (v < 0)
            return cs_error(e, CS_EINPUT, field, value, "must not be negative");
    } else {
        size_t l = strlen(value);
        snprintf(num, sizeof num, "%s", value);
        if (k == K_TIP && l && l < sizeof num && num[l - 1] == '%')
            num[l - 1] = 0;
        if ((rc = parse_whole(num, field, k == K_TIP ? 0 : 1, k == K_TIP ? 1000 : 36500, &v, e)))
            return rc;
    }
    if (db_prepare(db, "INSERT OR REPLACE INTO policy(key, value, currency) VALUES (?1, ?2, ?3)",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, policy_keys[k], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, v);
    db_bind_text(st, 3, *base ? base : NULL);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot store the policy", e);
    show_value(k, v, base, shown);
    return 0;
}

int policy_rm(sqlite3 *db, const char *key, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    if (key_index(key) < 0)
        return key_refuse(key, e);
    if (db_prepare(db, "DELETE FROM policy WHERE key = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot remove the policy", e);
    if (!sqlite3_changes(db))
        return cs_error(e, CS_EINPUT, "policy", key, "not set");
    return 0;
}

/* The policy as numbers: SET[k] when key k is set, VALUE[k], and the amounts' currency. */
struct policy_vals {
    int set[NKEYS];
    int64_t value[NKEYS];
    char currency[NKEYS][4];
};

static int policy_load(sqlite3 *db, struct policy_vals *p, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    memset(p, 0, sizeof *p);
    if (db_prepare(db, "SELECT key, value, currency FROM policy", &st, e))
        return CS_EFAIL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = key_index((const char *)sqlite3_column_text(st, 0));
        if (k < 0)
            continue; /* the schema's CHECK keeps other keys out */
        p->set[k] = 1;
        p->value[k] = sqlite3_column_int64(st, 1);
        snprintf(p->currency[k], 4, "%s",
                 sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "cannot read the policy", e);
}

int policy_each(sqlite3 *db,
                int (*fn)(const char *key, const char *shown, const char *value,
                          const char *currency, void *),
                void *arg, struct cs_err *e)
{
    struct policy_vals p;
    int rc;
    if ((rc = policy_load(db, &p, e)))
        return rc;
    for (int k = 0; k < NKEYS; k++) {
        char shown[48], value[32];
        if (!p.set[k])
            continue;
        show_value(k, p.value[k], p.currency[k], shown);
        if (k == K_RECEIPT || k == K_MEAL) {
            int d = money_digits(p.currency[k]);
            money_format(p.value[k], d < 0 ? 2 : d, value, sizeof value);
        } else {
            snprintf(value, sizeof value, "%lld", (long long)p.value[k]);
        }
        if ((rc = fn(policy_keys[k], shown, value, p.currency[k], arg)))
            return rc;
    }
    return 0;
}

/* A limit stored in currency LCUR, in the base currency BASE on DATE. */
static int limit_in(sqlite3 *db, const struct policy_vals *p, int k, const char *base,
                    const char *date, int64_t *out, struct cs_err *e)
{
    if (!*p->currency[k] || !strcmp(p->currency[k], base)) {
        *out = p->value[k];
        return 0;
    }
    return rate_convert(db, p->currency[k], date, base, p->value[k], out, e);
}

struct day_meals {
    char date[11];
    int64_t sum;
};

/* The scan's SQL over the expenses F selects (expense_where()), by date and id. */
static void scan_sql(const struct expense_filter *f, char *sql, size_t n)
{
    char where[EXPENSE_WHERE_MAX];
    expense_where(f, where, sizeof where);
    snprintf(sql, n,
             "SELECT e.id, e.date, e.category, e.amount, e.currency, e.tip, e.reimbursable, "
             "EXISTS (SELECT 1 FROM receipt r WHERE r.expense_id = e.id) "
             "FROM expense e WHERE 1%s ORDER BY e.date, e.id",
             where);
}

/* Hand the finding KIND of expense ID (0 for a day) on DATE, LINE, to FN. */
static int found(int (*fn)(const struct policy_finding *, void *), void *arg, int *count, int kind,
                 int64_t id, const char *date, const char *line)
{
    struct policy_finding pf = {kind, id, date, line};
    (*count)++;
    return fn(&pf, arg);
}

int policy_any(sqlite3 *db, int *any, struct cs_err *e)
{
    struct policy_vals p;
    *any = 0;
    if (policy_load(db, &p, e))
        return CS_EFAIL;
    for (int k = 0; k < NKEYS; k++)
        *any |= p.set[k];
    return 0;
}

int policy_scan(sqlite3 *db, const struct expense_filter *f, const char *at,
                int (*fn)(const struct policy_finding *, void *), void *arg, int *count,
                struct cs_err *e)
{
    struct policy_vals p;
    sqlite3_stmt *st = NULL;
    struct rate_conv *conv = NULL;
    char base[4], line[160], a[32], b[32], sql[768];
    int rc, step = SQLITE_DONE, digits, any = 0;
    struct day_meals *days = NULL;
    size_t ndays = 0, cap = 0;
    struct cs_date atd;
    *count = 0;
    if ((rc = policy_load(db, &p, e)) || (rc = config_base_currency(db, base, e)))
        return rc;
    if (date_parse(at, &atd, "date", e))
        return CS_EINPUT;
    for (int k = 0; k < NKEYS; k++)
        any |= p.set[k];
    if (!any)
        return 0; /* nothing to check: no pass over the expenses */
    digits = money_digits(base);
    if (digits < 0)
        digits = 2;
    scan_sql(f, sql, sizeof sql);
    if (db_prepare(db, sql, &st, e))
        return CS_EFAIL;
    expense_where_bind(st, f);
    conv = rate_conv_new(db, base); /* one converter: its rates are read once */
    rc = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0), amount = sqlite3_column_int64(st, 3), v, lim;
        const char *date = (const char *)sqlite3_column_text(st, 1);
        const char *cat = (const char *)sqlite3_column_text(st, 2);
        const char *cur = (const char *)sqlite3_column_text(st, 4);
        int64_t tip = sqlite3_column_type(st, 5) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 5);
        int reimb = sqlite3_column_int(st, 6), has_receipt = sqlite3_column_int(st, 7);
        if (!date || !cat || !cur)
            continue;
        /* rate_convert()'s figure, with the converter kept across rows */
        if (!strcmp(cur, base))
            v = amount;
        else if ((rc = rate_conv_amount(conv, cur, date, amount, &v, e)))
            break;
        if (p.set[K_RECEIPT] && reimb && amount > 0 && !has_receipt) {
            if ((rc = limit_in(db, &p, K_RECEIPT, base, date, &lim, e)))
                break;
            if (v > lim) {
                money_format(v, digits, a, sizeof a);
                money_format(lim, digits, b, sizeof b);
                snprintf(line, sizeof line, "expense %lld: no receipt (%s > %s)", (long long)id, a,
                         b);
                if ((rc = found(fn, arg, count, POLICY_RECEIPT, id, date, line)))
                    break;
            }
        }
        if (p.set[K_TIP] && !strcmp(cat, "ride") && tip > 0 && amount > 0) {
            int64_t fare = amount - tip;
            /* tip / fare > max / 100 */
            if (fare <= 0) {
                snprintf(line, sizeof line, "expense %lld: tip with no fare (the whole amount)",
                         (long long)id);
                if ((rc = found(fn, arg, count, POLICY_TIP, id, date, line)))
                    break;
            } else if ((__int128)tip * 100 > (__int128)p.value[K_TIP] * fare) {
                int64_t pct = round_half_away((__int128)tip * 100, fare);
                char shown[40];
                if (pct > p.value[K_TIP]) {
                    snprintf(shown, sizeof shown, "%lld", (long long)pct);
                } else { /* 20.01% over 20%: as many decimals as show it is over (cut, not
                          * rounded, so what is shown is never more than the tip is; past 7,
                          * the next step up) */
                    __int128 scale = 1, v, limit;
                    int d = 0;
                    do {
                        d++;
                        scale *= 10;
                        v = (__int128)tip * 100 * scale / fare;
                        limit = (__int128)p.value[K_TIP] * scale;
                    } while (v <= limit && d < 7);
                    if (v <= limit)
                        v = limit + 1;
                    snprintf(shown, sizeof shown, "%lld.%0*lld", (long long)(v / scale), d,
                             (long long)(v % scale));
                }
                snprintf(line, sizeof line, "expense %lld: tip %s%% > %lld%%", (long long)id, shown,
                         (long long)p.value[K_TIP]);
                if ((rc = found(fn, arg, count, POLICY_TIP, id, date, line)))
                    break;
            }
        }
        if (p.set[K_WITHIN]) {
            struct cs_date d;
            if (!date_parse(date, &d, "date", NULL)) {
                long age = date_to_days(atd) - date_to_days(d);
                if (age > p.value[K_WITHIN]) {
                    snprintf(line, sizeof line, "expense %lld: %ld days old > %lld", (long long)id,
                             age, (long long)p.value[K_WITHIN]);
                    if ((rc = found(fn, arg, count, POLICY_AGE, id, date, line)))
                        break;
                }
            }
        }
        if (p.set[K_MEAL] && reimb && !strcmp(cat, "meal")) {
            if (!ndays || strcmp(days[ndays - 1].date, date)) {
                if (ndays == cap) {
                    cap = cap ? 2 * cap : 16;
                    days = xrealloc(days, cap * sizeof *days);
                }
                snprintf(days[ndays].date, sizeof days[ndays].date, "%s", date);
                days[ndays++].sum = 0;
            }
            if (money_add(&days[ndays - 1].sum, v)) {
                rc = cs_error(e, CS_EFAIL, "policy", date, "the meals add up to too much");
                break;
            }
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(db, "cannot read the expenses", e);
    sqlite3_finalize(st);
    rate_conv_free(conv);
    for (size_t i = 0; !rc && i < ndays; i++) {
        int64_t lim;
        if ((rc = limit_in(db, &p, K_MEAL, base, days[i].date, &lim, e)))
            break;
        if (days[i].sum <= lim)
            continue;
        money_format(days[i].sum, digits, a, sizeof a);
        money_format(lim, digits, b, sizeof b);
        snprintf(line, sizeof line, "%s: meals %s > %s per day", days[i].date, a, b);
        rc = found(fn, arg, count, POLICY_MEALS, 0, days[i].date, line);
    }
    free(days);
    return rc;
}

/* policy_check()'s FN and its argument, behind policy_scan()'s callback. */
struct line_fn {
    int (*fn)(const char *line, void *);
    void *arg;
};

static int line_of(const struct policy_finding *pf, void *arg)
{
    const struct line_fn *l = arg;
    return l->fn(pf->line, l->arg);
}

int policy_check(sqlite3 *db, int64_t claim_id, const char *at, int (*fn)(const char *line, void *),
                 void *arg, int *count, struct cs_err *e)
{
    struct expense_filter f;
    struct line_fn l = {fn, arg};
    memset(&f, 0, sizeof f);
    f.claim_id = claim_id;
    return policy_scan(db, &f, at, line_of, &l, count, e);
}
