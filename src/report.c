/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c - budget report and ride model over the stored expenses. */
#include "confspend/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/money.h"
#include "confspend/rate.h"
#include "confspend/schedule.h"

/* The error for the total of ROW ("meal", "total") in the block WHERE ("2026-11", "trip
 * pycon") that does not fit in int64 (only hostile amounts get there). */
static int too_large(struct cs_err *e, const char *row, const char *where)
{
    return cs_error(e, CS_EFAIL, "actual", NULL,
                    "the %s total of %s does not fit in 64-bit minor units (amounts too large)",
                    row, where);
}

/* Parse a ratio in [0, 1] (scaled by 10^9) for FIELD. */
static int parse_ratio(const char *s, const char *field, int64_t *out, struct cs_err *e)
{
    if (money_parse_e9(s, 1, out, field, e))
        return CS_EINPUT;
    if (*out > E9)
        return cs_error(e, CS_EINPUT, field, s, "must be between 0 and 1");
    return 0;
}

/* Parse --min-rides or --trial-days S (MIN..1000000) for FIELD into *OUT. */
static int parse_count(const char *s, const char *field, long min, long *out, struct cs_err *e)
{
    int64_t v;
    if (parse_whole(s, field, min, 1000000, &v, e))
        return CS_EINPUT;
    *out = (long)v;
    return 0;
}

/* The options of RO over P: each parsed, CS_EINPUT naming the first bad one. */
static int ride_opts_apply(const struct ride_opts *ro, struct ride_params *p, struct cs_err *e)
{
    if (ro->commission && parse_ratio(ro->commission, "--commission", &p->commission_e9, e))
        return CS_EINPUT;
    if (ro->share && parse_ratio(ro->share, "--share", &p->share_e9, e))
        return CS_EINPUT;
    if (ro->availability && parse_ratio(ro->availability, "--availability", &p->availability_e9, e))
        return CS_EINPUT;
    if (ro->min_rides && parse_count(ro->min_rides, "--min-rides", 1, &p->min_rides, e))
        return CS_EINPUT;
    if (ro->trial_days && parse_count(ro->trial_days, "--trial-days", 0, &p->trial_days, e))
        return CS_EINPUT;
    return 0;
}

int ride_params_precheck(const struct ride_opts *ro, struct cs_err *e)
{
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    return ride_opts_apply(ro, &p, e);
}

int ride_params_load(sqlite3 *db, const struct ride_opts *ro, struct ride_params *p,
                     struct cs_err *e)
{
    struct ride_params d = RIDE_PARAMS_DEFAULT;
    char *v = NULL;
    *p = d;
    if (config_get(db, "ride.commission", &v, e))
        return CS_EFAIL;
    if (v && parse_ratio(v, "ride.commission", &p->commission_e9, e)) {
        free(v);
        return CS_EINPUT;
    }
    free(v);
    return ro ? ride_opts_apply(ro, p, e) : 0;
}

/* Column C of ST as text, NULL when NULL. */
static const char *col_text(sqlite3_stmt *st, int c)
{
    return (const char *)sqlite3_column_text(st, c);
}

/* What a ride loader reads. */
enum ride_set {
    RIDES_PLATFORM, /* provider lyft or uber */
    RIDES_DIRECT,   /* provider direct */
    RIDES_DRIVER    /* rides that name a driver, any provider */
};

/* The stored fields load_rides() reads (its query's columns), for stored_row_read(); the
 * category is the query's own condition. */
static const struct stored_columns ride_columns = {
    .table = "expense",
    .date_name = "date",
    .id = 0,
    .date = 1,
    .category = -1,
    .amount = 2,
    .currency = 5,
    .provider = 10,
    .tip = 3,
    .platform_fee = 4,
    .nights = -1,
    .compare_rate = -1,
    .reimbursable = -1,
    .until_month = -1,
    .posted_month = -1,
};

/* The texts of a load (places, driver names), one copy per distinct text: a million
 * rides over a few places keep a few strings, and the ride model's route keys, cached by
 * pointer, are computed once per pair of places. */
struct intern {
    char **slot;
    size_t cap, n;
};

static size_t text_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return (size_t)h;
}

/* The one copy of column I of ST's text in T (NULL for NULL). */
static const char *intern_col(struct intern *t, sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    size_t len, h;
    if (!s)
        return NULL;
    len = (size_t)sqlite3_column_bytes(st, i);
    if (t->n * 2 >= t->cap) {
        struct intern g = {NULL, t->cap ? t->cap * 2 : 64, t->n};
        g.slot = xmalloc(sizeof *g.slot * g.cap);
        memset(g.slot, 0, sizeof *g.slot * g.cap);
        for (size_t j = 0; j < t->cap; j++) {
            if (!t->slot[j])
                continue;
            for (h = text_hash(t->slot[j], strlen(t->slot[j])) & (g.cap - 1); g.slot[h];
                 h = (h + 1) & (g.cap - 1))
                ;
            g.slot[h] = t->slot[j];
        }
        free(t->slot);
        *t = g;
    }
    for (h = text_hash(s, len) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1))
        if (!strncmp(t->slot[h], s, len) && t->slot[h][len] == 0)
            return t->slot[h];
    t->slot[h] = xmalloc(len + 1);
    memcpy(t->slot[h], s, len);
    t->slot[h][len] = 0;
    t->n++;
    return t->slot[h];
}

static void intern_release(struct intern *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slot[i]);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* The loaded rides: the model's input, and (RIDES_DRIVER) what report drivers needs. */
struct ride_list {
    struct ride_in *r;
    struct driver_info *info; /* NULL unless the rides that name a driver */
    size_t n;
    struct intern texts;
};

static void ride_list_release(struct ride_list *l)
{
    free(l->r);
    free(l->info);
    intern_release(&l->texts);
    memset(l, 0, sizeof *l);
}

/* Every trip's id and its start in days, for the trial days of its rides. */
struct trip_starts {
    int64_t *id;
    long *start;
    size_t n;
};

static int trip_starts_load(sqlite3 *db, struct trip_starts *t, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int step;
    memset(t, 0, sizeof *t);
    if (db_prepare(db, "SELECT id, start_date FROM trip ORDER BY id", &st, e))
        return CS_EFAIL;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct cs_date d;
        if (date_parse((const char *)sqlite3_column_text(st, 1), &d, "start_date", NULL))
            continue; /* the schema checks it */
        t->id = xrealloc(t->id, sizeof *t->id * (t->n + 1));
        t->start = xrealloc(t->start, sizeof *t->start * (t->n + 1));
        t->id[t->n] = sqlite3_column_int64(st, 0);
        t->start[t->n] = date_to_days(d);
        t->n++;
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return db_fail(db, "cannot read trips", e);
    return 0;
}

/* The start (days) of trip ID in T, by binary search; 0 in *FOUND when it is not there. */
static long trip_start_of(const struct trip_starts *t, int64_t id, int *found)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->id[mid] == id) {
            *found = 1;
            return t->start[mid];
        }
        if (t->id[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return 0;
}

static void trip_starts_release(struct trip_starts *t)
{
    free(t->id);
    free(t->start);
    memset(t, 0, sizeof *t);
}

/*
 * Load the rides WHICH of the selection P (a trip's rides, or those dated within its
 * since..until; P NULL: the whole history; WITHIN: a trip's rides dated within its
 * since..until only) into L, in date order. Each ride's fare (amount - tip) is converted
 * to the base currency as one amount; its day counts from its trip's start when it
 * belongs to a trip, else from the selection's first day. Refunds are loaded too.
 */
static int load_rides(sqlite3 *db, enum ride_set which, const struct period *p, int within,
                      struct ride_list *l, struct cs_err *e)
{
    /* each set reads its own covering index (migrations 0012) */
    static const char *const cols[] = {
        [RIDES_PLATFORM] = "SELECT id, date, amount, tip, platform_fee, currency, origin, dest, "
                           "trip_id, NULL, provider, NULL, base_currency, base_amount FROM expense "
                           "WHERE category = 'ride' AND provider IN ('lyft', 'uber') AND ",
        [RIDES_DIRECT] = "SELECT id, date, amount, tip, NULL, currency, origin, dest, NULL, NULL, "
                         "provider, NULL, base_currency, base_amount FROM expense WHERE "
                         "category = 'ride' AND provider = 'direct' AND ",
        [RIDES_DRIVER] = "SELECT id, date, amount, tip, platform_fee, currency, origin, dest, "
                         "trip_id, driver, provider, rating, base_currency, base_amount FROM "
                         "expense WHERE category = 'ride' AND driver IS NOT NULL AND ",
    };
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    char base[4], sql[512], lo[11], hi[11];
    struct cs_date start = {0, 0, 0};
    long start_days = 0;
    int rc = 0, step, trip = p && p->trip_id;
    struct stored_texts t = STORED_TEXTS_INIT;
    struct trip_starts ts;
    struct rate_conv *conv;
    memset(l, 0, sizeof *l);
    /* a ride of a provider no set picks is not left out silently */
    if ((which != RIDES_DRIVER && expense_providers_check(db, e)) ||
        config_base_currency(db, base, e) || trip_starts_load(db, &ts, e))
        return CS_EFAIL;
    conv = rate_conv_new(db, base);
    if (p && *p->since && !date_parse(p->since, &start, "since", NULL))
        start_days = date_to_days(start);
    /* two statements rather than one with OR, so each can use its index */
    snprintf(sql, sizeof sql, "%s%s ORDER BY date", cols[which],
             trip ? (within ? "trip_id = ?1 AND date >= ?2 AND date < ?3" : "trip_id = ?1")
                  : "date >= ?2 AND date < ?3");
    if (db_prepare(db, sql, &st, e)) {
        trip_starts_release(&ts);
        rate_conv_free(conv);
        return CS_EFAIL;
    }
    if (trip)
        sqlite3_bind_int64(st, 1, p->trip_id);
    date_text_bounds(p ? p->since : "", p ? p->until : "", lo, hi);
    sqlite3_bind_text(st, 2, *lo ? lo : "0000-00-00", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, *hi ? hi : "9999-99-99", -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct ride_in *r;
        struct cs_date d;
        int64_t amount, tip, size, trip_id;
        int found = 0;
        long trip_start;
        if ((rc = stored_row_read(st, &ride_columns, &t, e)))
            goto cleanup;
        if (l->n == cap) {
            cap = cap ? cap * 2 : 256;
            l->r = xrealloc(l->r, sizeof *l->r * cap);
            if (which == RIDES_DRIVER)
                l->info = xrealloc(l->info, sizeof *l->info * cap);
        }
        r = &l->r[l->n];
        memset(r, 0, sizeof *r);
        amount = sqlite3_column_int64(st, 2);
        tip = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 3);
        size = amount < 0 ? -amount : amount;
        r->amount = amount;
        r->tip = tip;
        r->platform_fee =
            sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 4);
        r->has_base = 1;
        /* the fare converted as one amount (rev 2): tips stay out of the comparison; at
         * the rate a --base-amount implies when the ride has one */
        {
            struct ratio rt;
            int64_t whole;
            if ((rc = rate_conv_expense(conv, t.currency, t.date, amount, col_text(st, 12),
                                        sqlite3_column_int64(st, 13), &whole, &rt, e)))
                goto cleanup;
            if (ratio_apply(rt, size - (tip > 0 ? tip : 0), &r->fare_base)) {
                rc = cs_error(e, CS_EFAIL, "rate", t.currency, "converted amount out of range");
                goto cleanup;
            }
        }
        r->from = intern_col(&l->texts, st, 6);
        r->to = intern_col(&l->texts, st, 7);
        if (which == RIDES_DRIVER) {
            struct driver_info *x = &l->info[l->n];
            const char *prov = (const char *)sqlite3_column_text(st, 10);
            x->driver = intern_col(&l->texts, st, 9);
            x->platform = prov && (!strcmp(prov, "lyft") || !strcmp(prov, "uber"));
            x->direct = prov && !strcmp(prov, "direct");
            x->rating =
                sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 11);
            memcpy(x->date, t.date, 10);
            x->date[10] = 0;
        }
        l->n++;
        date_parse(t.date, &d, "date", NULL);
        trip_id = sqlite3_column_type(st, 8) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 8);
        trip_start = trip_id ? trip_start_of(&ts, trip_id, &found) : 0;
        /* trial days from the ride's trip start, whatever the selection (rev 2) */
        r->day = found ? date_to_days(d) - trip_start : start.y ? date_to_days(d) - start_days : 0;
    }
    if (step != SQLITE_DONE)
        rc = db_fail(db, "cannot read rides", e);
cleanup:
    sqlite3_finalize(st);
    trip_starts_release(&ts);
    rate_conv_free(conv);
    if (rc)
        ride_list_release(l);
    return rc;
}

static int too_large_rides(struct cs_err *e)
{
    return cs_error(e, CS_EFAIL, "rides", NULL,
                    "the totals do not fit in 64-bit minor units (amounts too large)");
}

int report_rides(sqlite3 *db, const struct period *p, const struct ride_params *rp,
                 struct ride_result *out, struct cs_err *e)
{
    struct ride_list l;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = load_rides(db, RIDES_PLATFORM, p, 0, &l, e)))
        return rc;
    ridemodel_run(l.r, l.n, rp, out);
    ride_list_release(&l);
    if (out->overflow) { /* freed here: callers release only what succeeded */
        ridemodel_release(out);
        return too_large_rides(e);
    }
    return 0;
}

int report_quote(sqlite3 *db, const struct ride_params *rp, struct quote_result *out,
                 struct cs_err *e)
{
    struct ride_list l;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = load_rides(db, RIDES_PLATFORM, NULL, 0, &l, e)))
        return rc;
    ridemodel_quote(l.r, l.n, rp, out);
    ride_list_release(&l);
    return 0;
}

int report_direct(sqlite3 *db, const struct period *p, const struct ride_params *rp,
                  struct direct_result *out, struct cs_err *e)
{
    struct ride_list pl, dl;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = load_rides(db, RIDES_PLATFORM, NULL, 0, &pl, e)))
        return rc;
    if ((rc = load_rides(db, RIDES_DIRECT, p, 0, &dl, e))) {
        ride_list_release(&pl);
        return rc;
    }
    ridemodel_direct(pl.r, pl.n, dl.r, dl.n, rp, out);
    ride_list_release(&pl);
    ride_list_release(&dl);
    if (out->overflow) {
        ridemodel_direct_release(out);
        return too_large_rides(e);
    }
    return 0;
}

int report_drivers(sqlite3 *db, const struct period *p, const struct ride_params *rp,
                   struct driver_result *out, struct cs_err *e)
{
    struct ride_list pl, dl;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = load_rides(db, RIDES_PLATFORM, p, 0, &pl, e)))
        return rc;
    if ((rc = load_rides(db, RIDES_DRIVER, p, 0, &dl, e))) {
        ride_list_release(&pl);
        return rc;
    }
    ridemodel_drivers(dl.r, dl.info, dl.n, pl.r, pl.n, rp, out);
    ride_list_release(&pl);
    ride_list_release(&dl);
    if (out->overflow) {
        ridemodel_drivers_release(out);
        return too_large_rides(e);
    }
    return 0;
}

int report_plan(sqlite3 *db, const struct period *trip, long days, const struct ride_params *rp,
                struct plan_report *out, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    struct money_sum past[CS_NCATEGORIES] = {{0}};
    long count[CS_NCATEGORIES] = {0};
    struct cs_date a, b;
    char base[4], lo[11], hi[11];
    struct ride_list l;
    struct ride_result rr;
    struct ride_params q = *rp;
    int rc = 0, step;
    struct money_sum tp = MONEY_SUM_INIT, tf = MONEY_SUM_INIT, tw = MONEY_SUM_INIT;
    memset(out, 0, sizeof *out);
    if (config_base_currency(db, base, e) || date_parse(trip->since, &a, "start", e) ||
        date_parse(trip->until, &b, "end", e))
        return CS_EFAIL;
    out->k = date_to_days(b) - date_to_days(a) + 1;
    out->n = days;
    out->trial_days = rp->trial_days;
    /* the past trip's expenses dated within its start..end, per category */
    if (db_prepare(db,
                   "SELECT id, date, category, amount, currency, base_currency, base_amount "
                   "FROM expense WHERE trip_id = ?1 AND date >= ?2 AND date < ?3",
                   &st, e))
        return CS_EFAIL;
    {
        static const struct stored_columns cols = {
            .table = "expense",
            .date_name = "date",
            .id = 0,
            .date = 1,
            .category = 2,
            .amount = 3,
            .currency = 4,
            .provider = -1,
            .tip = -1,
            .platform_fee = -1,
            .nights = -1,
            .compare_rate = -1,
            .reimbursable = -1,
            .until_month = -1,
            .posted_month = -1,
        };
        struct stored_texts t = STORED_TEXTS_INIT;
        struct rate_conv *conv = rate_conv_new(db, base);
        sqlite3_bind_int64(st, 1, trip->trip_id);
        date_text_bounds(trip->since, trip->until, lo, hi);
        sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t v;
            int ci;
            if ((rc = stored_row_read(st, &cols, &t, e)) ||
                (rc = rate_conv_expense(conv, t.currency, t.date, sqlite3_column_int64(st, 3),
                                        col_text(st, 5), sqlite3_column_int64(st, 6), &v, NULL, e)))
                break;
            ci = category_index(t.category);
            money_sum_add(&past[ci], v);
            count[ci]++;
        }
        if (!rc && step != SQLITE_DONE)
            rc = db_fail(db, "cannot read the trip's expenses", e);
        rate_conv_free(conv);
        sqlite3_finalize(st);
        if (rc)
            return rc;
    }
    /* the arrangement: the model over the trip's platform rides (within its dates), each
     * eligible when its route has min_rides of them; trial days ignored */
    q.trial_days = 0;
    if ((rc = load_rides(db, RIDES_PLATFORM, trip, 1, &l, e)))
        return rc;
    ridemodel_run(l.r, l.n, &q, &rr);
    ride_list_release(&l);
    if (rr.overflow) {
        ridemodel_release(&rr);
        return too_large_rides(e);
    }
    out->expected = rr.total.expected_savings;
    ridemodel_release(&rr);
    out->saving = ridemodel_scale_days(out->expected,
                                       days > rp->trial_days ? days - rp->trial_days : 0, out->k);
    for (int ci = 0; ci < CS_NCATEGORIES; ci++) {
        struct plan_row *r;
        if (!count[ci])
            continue;
        r = &out->rows[out->nrows++];
        snprintf(r->category, sizeof r->category, "%s", cs_categories[ci]);
        if (money_sum_get(past[ci], &r->past))
            return too_large(e, cs_categories[ci], "the past trip");
        /* tickets and travel are one-off: the next trip buys them once too */
        r->forecast = !strcmp(r->category, "ticket") || !strcmp(r->category, "travel")
                          ? r->past
                          : ridemodel_scale_days(r->past, days, out->k);
        r->with_arrangement = r->forecast;
        if (ci == 0 && __builtin_sub_overflow(r->forecast, out->saving, &r->with_arrangement))
            return too_large(e, "ride", "the plan");
        money_sum_add(&tp, r->past);
        money_sum_add(&tf, r->forecast);
        money_sum_add(&tw, r->with_arrangement);
    }
    {
        struct plan_row *r = &out->rows[out->nrows++];
        snprintf(r->category, sizeof r->category, "total");
        if (money_sum_get(tp, &r->past) || money_sum_get(tf, &r->forecast) ||
            money_sum_get(tw, &r->with_arrangement))
            return too_large(e, "total", "the plan");
    }
    return 0;
}

int budget_block_finish(struct budget_block *b, int has_total_budget, int64_t total_budget)
{
    struct budget_row *t = &b->rows[b->nrows++];
    int any_budget = 0;
    struct money_sum sum_budget = MONEY_SUM_INIT, actual = MONEY_SUM_INIT, direct;
    memset(t, 0, sizeof *t);
    snprintf(t->category, sizeof t->category, "total");
    for (int i = 0; i < b->nrows - 1; i++) {
        money_sum_add(&actual, b->rows[i].actual);
        if (b->rows[i].has_budget) {
            any_budget = 1;
            money_sum_add(&sum_budget, b->rows[i].budget);
        }
    }
    direct = actual;
    money_sum_sub(&direct, b->expected_savings);
    if (money_sum_get(actual, &t->actual) || money_sum_get(direct, &t->direct_actual))
        return CS_EFAIL;
    if (has_total_budget) {
        t->has_budget = 1;
        t->budget = total_budget;
    } else if (any_budget) {
        t->has_budget = 1;
        if (money_sum_get(sum_budget, &t->budget))
            return CS_EFAIL;
    }
    for (int i = 0; i < b->nrows; i++) {
        struct budget_row *r = &b->rows[i];
        if (r->has_budget) {
            if (__builtin_sub_overflow(r->budget, r->actual, &r->remaining))
                return CS_EFAIL;
            if (r->budget > 0) {
                r->has_pct = 1;
                r->used_tenths = round_half_away((__int128)r->actual * 1000, r->budget);
            }
        }
    }
    return 0;
}

#define NCAT CS_NCATEGORIES

struct acc {
    struct money_sum actual[NCAT];
    long count[NCAT];
    int has_budget[NCAT + 1];
    int64_t budget[NCAT + 1]; /* [NCAT] is total */
    int64_t committed[NCAT];  /* schedule occurrences after today (in actual after today's
                               * month, in the projection of today's) */
};

/* Index of the block holding DATE: months since FIRST, or 0 for a trip. */
static int block_of(const struct budget_report *r, const char *date, int trip)
{
    struct cs_date d, f;
    int i;
    if (trip)
        return 0;
    date_parse(date, &d, "date", NULL);
    date_parse(r->blocks[0].since, &f, "since", NULL);
    i = (d.y - f.y) * 12 + (d.m - f.m);
    return i >= 0 && i < r->nblocks ? i : -1;
}

/* Add the occurrences of monthly schedules that fall in a block after TODAY. */
static int add_committed(sqlite3 *db, const struct period *p, const char *today,
                         struct budget_report *r, struct acc *acc, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    struct rate_conv *conv = NULL;
    int rc = 0;
    static const struct stored_columns schedule_columns = {
        .table = "schedule",
        .date_name = "start_date",
        .id = 7,
        .date = 3,
        .category = 0,
        .amount = 1,
        .currency = 2,
        .provider = -1,
        .tip = -1,
        .platform_fee = -1,
        .nights = -1,
        .compare_rate = -1,
        .reimbursable = -1,
        .until_month = 4,
        .posted_month = 5,
    };
    if (db_prepare(db,
                   "SELECT category, amount, currency, start_date, until_month, posted_month, "
                   "trip_id, id FROM schedule",
                   &st, e))
        return CS_EFAIL;
    conv = rate_conv_new(db, r->base);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *cat = (const char *)sqlite3_column_text(st, 0);
        const char *cur = (const char *)sqlite3_column_text(st, 2);
        const char *start = (const char *)sqlite3_column_text(st, 3);
        const char *until = (const char *)sqlite3_column_text(st, 4);
        const char *posted = (const char *)sqlite3_column_text(st, 5);
        int ci = category_index(cat);
        if ((rc = stored_row_check(st, &schedule_columns, e)))
            goto cleanup;
        if (p->trip_id && sqlite3_column_int64(st, 6) != p->trip_id)
            continue;
        char smonth[8];
        memcpy(smonth, start, 7);
        smonth[7] = 0;
        for (int b = 0; b < r->nblocks; b++) {
            struct cs_date m;
            char month[8], occ[11];
            date_parse(r->blocks[b].since, &m, "since", NULL);
            m.d = 1;
            /* every month the block touches (a trip may span two) */
            for (;;) {
                int64_t v;
                month_format(m, month);
                schedule_occurrence_date(start, month, occ);
                if (strcmp(month, smonth) >= 0 && (!until || strcmp(month, until) <= 0) &&
                    (!posted || strcmp(month, posted) > 0) && strcmp(occ, today) > 0 &&
                    strcmp(occ, r->blocks[b].since) >= 0 && strcmp(occ, r->blocks[b].until) <= 0) {
                    if ((rc = rate_conv_amount(conv, cur, occ, sqlite3_column_int64(st, 1), &v, e)))
                        goto cleanup;
                    /* committed: part of actual in a block after today; in today's month
                     * only of its projection (actual is what was spent) */
                    if (strcmp(r->blocks[b].since, today) > 0)
                        money_sum_add(&acc[b].actual[ci], v);
                    if (money_add(&acc[b].committed[ci], v)) {
                        rc = too_large(e, cs_categories[ci], "the committed occurrences");
                        goto cleanup;
                    }
                    acc[b].count[ci]++;
                }
                if (strncmp(month, r->blocks[b].until, 7) >= 0)
                    break;
                m = month_add(m, 1);
            }
        }
    }
cleanup:
    sqlite3_finalize(st);
    rate_conv_free(conv);
    return rc;
}

/* The selection's rows, for the two ways of summing them below: a trip's expenses
 * (whatever their date) are ?1, else the date bounds of the blocks are ?2..?3 (with a
 * month's impossible days, date_text_bounds()); ?4 is the base currency. */
static void bind_selection(sqlite3_stmt *st, const struct period *p, const struct budget_report *r,
                           char lo[11], char hi[11])
{
    if (p->trip_id) {
        sqlite3_bind_int64(st, 1, p->trip_id);
    } else {
        date_text_bounds(r->blocks[0].since, r->blocks[r->nblocks - 1].until, lo, hi);
        sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(st, 4, r->base, -1, SQLITE_STATIC);
}

/*
 * Add the selection's expenses to ACC row by row, in the base currency (only those in
 * other currencies when FOREIGN), each checked with stored_row_read() and summed exactly
 * (money_sum); a row in another currency is converted at its own date's rate, rounded
 * per expense.
 */
static int sum_rows(sqlite3 *db, const struct period *p, const struct budget_report *r, int foreign,
                    struct acc *acc, struct cs_err *e)
{
    static const struct stored_columns cols = {
        .table = "expense",
        .date_name = "date",
        .id = 0,
        .date = 1,
        .category = 2,
        .amount = 4,
        .currency = 3,
        .provider = -1,
        .tip = -1,
        .platform_fee = -1,
        .nights = -1,
        .compare_rate = -1,
        .reimbursable = -1,
        .until_month = -1,
        .posted_month = -1,
    };
    struct stored_texts t = STORED_TEXTS_INIT;
    sqlite3_stmt *st = NULL;
    int trip = p->trip_id != 0, rc = 0, step, b = -1;
    char last_date[11] = "", lo[11], hi[11], sql[256];
    struct rate_conv *conv;
    snprintf(sql, sizeof sql,
             "SELECT id, date, category, currency, amount, base_currency, base_amount "
             "FROM expense WHERE %s%s",
             trip ? "trip_id = ?1" : "date >= ?2 AND date < ?3",
             foreign ? " AND currency <> ?4" : "");
    if (db_prepare(db, sql, &st, e))
        return CS_EFAIL;
    conv = rate_conv_new(db, r->base);
    bind_selection(st, p, r, lo, hi);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t v;
        int ci;
        if ((rc = stored_row_read(st, &cols, &t, e)))
            break;
        ci = category_index(t.category);
        v = sqlite3_column_int64(st, 4);
        if (strcmp(t.date, last_date)) { /* the rows of one day come together */
            b = block_of(r, t.date, trip);
            snprintf(last_date, sizeof last_date, "%s", t.date);
        }
        if (b < 0)
            continue;
        if (strcmp(t.currency, r->base) &&
            (rc = rate_conv_expense(conv, t.currency, t.date, v, col_text(st, 5),
                                    sqlite3_column_int64(st, 6), &v, NULL, e)))
            break;
        money_sum_add(&acc[b].actual[ci], v);
        acc[b].count[ci]++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(db, "cannot sum expenses", e);
    sqlite3_finalize(st);
    rate_conv_free(conv);
    return rc;
}

/* *OUT = round(V * NUM / DEN), half away from zero; CS_EFAIL when it does not fit. */
static int scale(int64_t v, long num, long den, int64_t *out)
{
    __int128 p = (__int128)v * num, q = p / den;
    if (q >= INT64_MAX || q <= INT64_MIN)
        return CS_EFAIL;
    *out = round_half_away(p, den);
    return 0;
}

int budget_projection(int64_t scheduled, int64_t trip_outside, const struct projection_trip *trips,
                      size_t ntrips, int64_t other, int dim, int day, int64_t *out)
{
    int64_t sum = 0, v;
    if (day <= 0 || money_add(&sum, scheduled) || money_add(&sum, trip_outside))
        return CS_EFAIL;
    for (size_t i = 0; i < ntrips; i++) {
        const struct projection_trip *t = &trips[i];
        v = t->within;
        if (t->days_so_far > 0 && t->days > t->days_so_far &&
            scale(t->within, t->days, t->days_so_far, &v))
            return CS_EFAIL;
        if (money_add(&sum, v))
            return CS_EFAIL;
    }
    if (scale(other, dim, day, &v) || money_add(&sum, v))
        return CS_EFAIL;
    *out = sum;
    return 0;
}

/* Days of [A, B] ("YYYY-MM-DD", either may be "") that fall within [LO, HI]. */
static long days_within(const char *a, const char *b, const char *lo, const char *hi)
{
    struct cs_date x, y;
    const char *from = strcmp(a, lo) > 0 ? a : lo, *to = strcmp(b, hi) < 0 ? b : hi;
    if (strcmp(from, to) > 0 || date_parse(from, &x, "date", NULL) ||
        date_parse(to, &y, "date", NULL))
        return 0;
    return date_to_days(y) - date_to_days(x) + 1;
}

/* project_month()'s value for a category whose projection does not fit in int64. */
#define NO_PROJECTION INT64_MIN

/* A trip's expenses of the month being projected, per category. */
struct month_trip {
    int64_t id;
    char start[11], end[11];
    struct money_sum within[NCAT];
};

/*
 * The projection of every category of block B (TODAY's month) into PROJ: the month's
 * posted schedule occurrences and its trip expenses are read here (the committed ones
 * were counted by add_committed), the rest is what remains of actual.
 */
static int project_month(sqlite3 *db, const struct budget_report *r, int b, const char *today,
                         const struct acc *acc, int64_t *proj, struct cs_err *e)
{
    const struct budget_block *blk = &r->blocks[b];
    sqlite3_stmt *st = NULL;
    struct month_trip *trips = NULL;
    struct projection_trip *pt = NULL;
    size_t ntrips = 0;
    struct money_sum sched[NCAT] = {0}, outside[NCAT] = {0};
    struct cs_date t;
    struct rate_conv *conv = NULL;
    int rc = 0, step;
    if (db_prepare(db,
                   "SELECT e.date, e.category, e.currency, e.amount, e.schedule_id IS NOT NULL, "
                   "e.trip_id, t.start_date, t.end_date, e.base_currency, e.base_amount "
                   "FROM expense e "
                   "LEFT JOIN trip t ON t.id = e.trip_id WHERE e.date BETWEEN ?1 AND ?2 "
                   "AND (e.schedule_id IS NOT NULL OR e.trip_id IS NOT NULL)",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, blk->since, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, blk->until, -1, SQLITE_STATIC);
    conv = rate_conv_new(db, r->base);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(st, 0);
        int ci = category_index((const char *)sqlite3_column_text(st, 1));
        const char *start = (const char *)sqlite3_column_text(st, 6);
        const char *end = (const char *)sqlite3_column_text(st, 7);
        int64_t v;
        struct money_sum *to;
        if (ci < 0)
            continue;
        if ((rc = rate_conv_expense(conv, (const char *)sqlite3_column_text(st, 2), date,
                                    sqlite3_column_int64(st, 3), col_text(st, 8),
                                    sqlite3_column_int64(st, 9), &v, NULL, e)))
            goto cleanup;
        if (sqlite3_column_int(st, 4)) {
            to = &sched[ci];
        } else if (!start || !end || strcmp(date, start) < 0 || strcmp(date, end) > 0) {
            to = &outside[ci];
        } else {
            size_t i = 0;
            int64_t id = sqlite3_column_int64(st, 5);
            while (i < ntrips && trips[i].id != id)
                i++;
            if (i == ntrips) {
                trips = xrealloc(trips, sizeof *trips * (ntrips + 1));
                memset(&trips[ntrips], 0, sizeof *trips);
                trips[ntrips].id = id;
                snprintf(trips[ntrips].start, sizeof trips[ntrips].start, "%s", start);
                snprintf(trips[ntrips].end, sizeof trips[ntrips].end, "%s", end);
                ntrips++;
            }
            to = &trips[i].within[ci];
        }
        money_sum_add(to, v);
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(db, "cannot sum expenses", e);
        goto cleanup;
    }
    date_parse(today, &t, "today", NULL);
    pt = xmalloc(sizeof *pt * (ntrips ? ntrips : 1));
    /* each part in int64 or no projection for the category (its actual fits: a report
     * of a month whose projection does not is shown without one) */
    for (int ci = 0; ci < NCAT; ci++) {
        int64_t sc, out, other, committed = acc[b].committed[ci];
        struct money_sum rest = acc[b].actual[ci];
        /* actual holds the posted occurrences, S the ones still due too */
        money_sum_merge(&rest, (struct money_sum){-sched[ci].v});
        money_sum_add(&sched[ci], committed);
        money_sum_merge(&rest, (struct money_sum){-outside[ci].v});
        int ok = !money_sum_get(sched[ci], &sc) && !money_sum_get(outside[ci], &out);
        for (size_t i = 0; ok && i < ntrips; i++) {
            ok = !money_sum_get(trips[i].within[ci], &pt[i].within);
            pt[i].days = days_within(trips[i].start, trips[i].end, blk->since, blk->until);
            pt[i].days_so_far = days_within(trips[i].start, trips[i].end, blk->since, today);
            money_sum_merge(&rest, (struct money_sum){-trips[i].within[ci].v});
        }
        if (!ok || money_sum_get(rest, &other) ||
            budget_projection(sc, out, pt, ntrips, other, date_days_in_month(t.y, t.m), t.d,
                              &proj[ci]))
            proj[ci] = NO_PROJECTION;
    }
cleanup:
    sqlite3_finalize(st);
    rate_conv_free(conv);
    free(trips);
    free(pt);
    return rc;
}

/* sum_grouped() found something the rows must say: a partial sum past int64, or a group
 * whose date, category, currency or amounts break the contract. */
#define SUM_BY_ROWS 1

/*
 * Add the selection's expenses in the base currency to ACC, summed by SQL per day,
 * category and currency in the covering index's order (no sort, one pass; a million-row
 * history reports all its months in a fraction of a second, which reading every row
 * through the API does not match); *FOREIGN is set when some are in other currencies.
 * Each group's date, category and currency are checked as stored_row_read() checks a row,
 * and its amounts are whole minor units when sum() is an integer and counts them all.
 * Returns SUM_BY_ROWS when SQLite's sum() fails (a partial sum past int64, which it
 * reports though the total may fit) or a group breaks the contract: sum_rows() then says
 * which row, or sums them exactly.
 */
static int sum_grouped(sqlite3 *db, const struct period *p, const struct budget_report *r,
                       struct acc *acc, int *foreign, struct cs_err *e)
{
    static const struct stored_columns cols = {
        .table = "expense",
        .date_name = "date",
        .id = -1,
        .date = 0,
        .category = 1,
        .amount = 3,
        .currency = 2,
        .provider = -1,
        .tip = -1,
        .platform_fee = -1,
        .nights = -1,
        .compare_rate = -1,
        .reimbursable = -1,
        .until_month = -1,
        .posted_month = -1,
    };
    struct stored_texts t = STORED_TEXTS_INIT;
    sqlite3_stmt *st = NULL;
    int trip = p->trip_id != 0, rc = 0, step, b = -1;
    char last_date[11] = "", lo[11], hi[11];
    *foreign = 0;
    if (db_prepare(db,
                   trip ? "SELECT date, category, currency, sum(amount), count(*), count(amount) "
                          "FROM expense WHERE trip_id = ?1 GROUP BY date, category, currency"
                        : "SELECT date, category, currency, sum(amount), count(*), count(amount) "
                          "FROM expense WHERE date >= ?2 AND date < ?3 "
                          "GROUP BY date, category, currency",
                   &st, e))
        return CS_EFAIL;
    bind_selection(st, p, r, lo, hi);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int ci;
        if (stored_row_read(st, &cols, &t, NULL) ||
            sqlite3_column_int64(st, 4) != sqlite3_column_int64(st, 5)) {
            rc = SUM_BY_ROWS;
            break;
        }
        if (strcmp(t.currency, r->base)) {
            *foreign = 1;
            continue;
        }
        ci = category_index(t.category);
        if (strcmp(t.date, last_date)) {
            b = block_of(r, t.date, trip);
            snprintf(last_date, sizeof last_date, "%s", t.date);
        }
        if (b < 0)
            continue;
        money_sum_add(&acc[b].actual[ci], sqlite3_column_int64(st, 3));
        acc[b].count[ci] += sqlite3_column_int(st, 4);
    }
    if (!rc && step != SQLITE_DONE)
        rc = SUM_BY_ROWS; /* "integer overflow"; any other failure, the rows meet too */
    sqlite3_finalize(st);
    return rc;
}

/* Add the selection's expenses to ACC in the base currency: sum_grouped(), then
 * sum_rows() for those in other currencies, or for all of them when a group needs it. */
static int sum_actual(sqlite3 *db, const struct period *p, const struct budget_report *r,
                      struct acc *acc, struct cs_err *e)
{
    int foreign, rc = sum_grouped(db, p, r, acc, &foreign, e);
    if (rc == SUM_BY_ROWS) {
        for (int b = 0; b < r->nblocks; b++) {
            memset(acc[b].actual, 0, sizeof acc[b].actual);
            memset(acc[b].count, 0, sizeof acc[b].count);
        }
        return sum_rows(db, p, r, 0, acc, e);
    }
    if (!rc && foreign)
        rc = sum_rows(db, p, r, 1, acc, e);
    return rc;
}

int report_budget(sqlite3 *db, const struct period *p, const char *today,
                  const struct ride_params *rp, struct budget_report *out, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    struct acc *acc = NULL;
    int rc = 0, trip = p->trip_id != 0, step;
    memset(out, 0, sizeof *out);
    if (config_base_currency(db, out->base, e))
        return CS_EFAIL;
    out->digits = money_digits(out->base);
    /* blocks */
    if (trip) {
        out->nblocks = 1;
        out->blocks = xmalloc(sizeof *out->blocks);
        memset(out->blocks, 0, sizeof *out->blocks);
        snprintf(out->blocks[0].since, 11, "%s", p->since);
        snprintf(out->blocks[0].until, 11, "%s", p->until);
    } else {
        struct cs_date a, b;
        if (date_parse(p->since, &a, "since", e) || date_parse(p->until, &b, "until", e))
            return CS_EFAIL; /* (the caller's period, always real dates) */
        out->nblocks = (b.y - a.y) * 12 + (b.m - a.m) + 1;
        out->blocks = xmalloc(sizeof *out->blocks * (size_t)out->nblocks);
        memset(out->blocks, 0, sizeof *out->blocks * (size_t)out->nblocks);
        a.d = 1;
        for (int i = 0; i < out->nblocks; i++) {
            struct cs_date m = month_add(a, i);
            month_format(m, out->blocks[i].month);
            date_format(m, out->blocks[i].since);
            m.d = date_days_in_month(m.y, m.m);
            date_format(m, out->blocks[i].until);
        }
    }
    acc = xmalloc(sizeof *acc * (size_t)out->nblocks);
    memset(acc, 0, sizeof *acc * (size_t)out->nblocks);

    if ((rc = sum_actual(db, p, out, acc, e)))
        goto cleanup;
    if ((rc = add_committed(db, p, today, out, acc, e)))
        goto cleanup;

    /* budgets: a month's override wins over the default; a trip has its own */
    if ((rc = db_prepare(db,
                         "SELECT category, amount FROM budget WHERE (?1 <> 0 AND trip_id = ?1) "
                         "OR (?1 = 0 AND trip_id = 0 AND month IN ('', ?2)) ORDER BY month",
                         &st, e)))
        goto cleanup;
    for (int b = 0; b < out->nblocks; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, p->trip_id);
        sqlite3_bind_text(st, 2, out->blocks[b].month, -1, SQLITE_STATIC);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *cat = (const char *)sqlite3_column_text(st, 0);
            int ci = !strcmp(cat, "total") ? NCAT : category_index(cat);
            if (ci < 0)
                continue;
            acc[b].has_budget[ci] = 1; /* the override rows come last and win */
            acc[b].budget[ci] = sqlite3_column_int64(st, 1);
        }
        if (step != SQLITE_DONE) {
            rc = db_fail(db, "cannot read budgets", e);
            goto cleanup;
        }
    }
    sqlite3_finalize(st);
    st = NULL;

    /* rows, and the ride model per block */
    for (int b = 0; b < out->nblocks; b++) {
        struct budget_block *blk = &out->blocks[b];
        struct period bp = *p;
        struct ride_result rr;
        int64_t proj[NCAT] = {0}, proj_total = 0;
        int current = !trip && !strncmp(blk->month, today, 7);
        if (current && (rc = project_month(db, out, b, today, acc, proj, e)))
            goto cleanup;
        char where[80];
        snprintf(where, sizeof where, "%s%s", p->trip_id ? "trip " : "",
                 p->trip_id ? p->trip_slug : blk->month);
        snprintf(bp.since, sizeof bp.since, "%s", blk->since);
        snprintf(bp.until, sizeof bp.until, "%s", blk->until);
        if ((rc = report_rides(db, &bp, rp, &rr, e)))
            goto cleanup;
        blk->expected_savings = rr.total.expected_savings;
        ridemodel_release(&rr);
        for (int ci = 0; ci < NCAT; ci++) {
            struct budget_row *row;
            if (!acc[b].has_budget[ci] && acc[b].count[ci] == 0)
                continue;
            row = &blk->rows[blk->nrows++];
            memset(row, 0, sizeof *row);
            snprintf(row->category, sizeof row->category, "%s", cs_categories[ci]);
            row->has_budget = acc[b].has_budget[ci];
            row->budget = acc[b].budget[ci];
            if (money_sum_get(acc[b].actual[ci], &row->actual) ||
                __builtin_sub_overflow(row->actual, ci == 0 ? blk->expected_savings : 0,
                                       &row->direct_actual)) {
                rc = too_large(e, cs_categories[ci], where);
                goto cleanup;
            }
            row->has_projection = current && proj[ci] != NO_PROJECTION;
            row->projected = row->has_projection ? proj[ci] : 0;
            if (proj_total != NO_PROJECTION &&
                (!row->has_projection || money_add(&proj_total, proj[ci])))
                proj_total = NO_PROJECTION;
        }
        if (budget_block_finish(blk, acc[b].has_budget[NCAT], acc[b].budget[NCAT])) {
            rc = too_large(e, "total", where);
            goto cleanup;
        }
        blk->rows[blk->nrows - 1].has_projection = current && proj_total != NO_PROJECTION;
        blk->rows[blk->nrows - 1].projected = proj_total != NO_PROJECTION ? proj_total : 0;
    }
cleanup:
    sqlite3_finalize(st);
    free(acc);
    if (rc)
        budget_report_release(out);
    return rc;
}

void budget_report_release(struct budget_report *r)
{
    free(r->blocks);
    r->blocks = NULL;
    r->nblocks = 0;
}
