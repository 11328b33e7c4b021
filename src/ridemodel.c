/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ridemodel.c - the direct-driver arrangement model: per-ride figures, grouped by route. */
#include "confspend/ridemodel.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/error.h"
#include "confspend/money.h"
#include "confspend/place.h"

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

void ridemodel_ride(const struct ride_in *r, const struct ride_params *p, struct ride_out *o)
{
    int64_t size = r->amount < 0 ? -r->amount : r->amount;
    int64_t own = size - (r->tip > 0 ? r->tip : 0); /* the fare in the ride's own currency */
    int64_t f = r->has_base ? r->fare_base : own;
    o->fare = f;
    if (r->platform_fee >= 0 && !p->force_commission)
        /* c = fee / own, so D = F * (own - fee) / own; in one currency F - fee exactly */
        o->driver = own > 0 ? round_half_away((__int128)f * (own - r->platform_fee), own) : 0;
    else
        o->driver = round_half_away((__int128)f * (E9 - p->commission_e9), E9);
    o->direct = o->driver + round_half_away((__int128)(f - o->driver) * p->share_e9, E9);
    o->saving = f - o->direct;
    o->gain = o->direct - o->driver;
    o->expected = round_half_away((__int128)o->saving * p->availability_e9, E9);
    if (r->amount < 0) {
        o->fare = -o->fare;
        o->driver = -o->driver;
        o->direct = -o->direct;
        o->saving = -o->saving;
        o->gain = -o->gain;
        o->expected = -o->expected;
    }
}

int64_t ridemodel_median(int64_t *v, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++) { /* insertion sort for the few, qsort for many */
        if (n > 32)
            break;
        int64_t x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    if (n > 32)
        qsort(v, n, sizeof *v, cmp_i64);
    if (n % 2)
        return v[n / 2];
    return round_half_away((__int128)v[n / 2 - 1] + v[n / 2], 2);
}

int64_t ridemodel_scale_days(int64_t v, long n, long k)
{
    return round_half_away((__int128)v * n, k);
}

/* S trimmed of surrounding blanks: its start and length. */
static const char *trim(const char *s, size_t *len)
{
    size_t n;
    if (!s)
        s = "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    *len = n;
    return s;
}

static char *lower_dup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        d[i] = (char)tolower((unsigned char)s[i]);
    d[n] = 0;
    return d;
}

char *ridemodel_route_key(const char *from, const char *to)
{
    /* places compare as place_fold() has them: case, blanks and curly quotes aside */
    char *ka = place_fold(from), *kb = place_fold(to);
    size_t la = strlen(ka), lb = strlen(kb);
    char *key = xmalloc(la + lb + 2);
    if (strcmp(ka, kb) > 0) {
        char *t = ka;
        ka = kb;
        kb = t;
        la = strlen(ka);
    }
    memcpy(key, ka, la);
    key[la] = '\x1f';
    strcpy(key + la + 1, kb);
    free(ka);
    free(kb);
    return key;
}

char *ridemodel_route_label(const char *from, const char *to)
{
    size_t la, lb;
    const char *a = trim(from, &la), *b = trim(to, &lb);
    char *ka = place_fold(from), *kb = place_fold(to), *label;
    int swap = strcmp(ka, kb) > 0;
    free(ka);
    free(kb);
    if (swap) {
        const char *t = a;
        size_t tl = la;
        a = b;
        la = lb;
        b = t;
        lb = tl;
    }
    if (la == 0) {
        a = "?";
        la = 1;
    }
    if (lb == 0) {
        b = "?";
        lb = 1;
    }
    label = xmalloc(la + lb + 6);
    memcpy(label, a, la);
    memcpy(label + la, " <-> ", 5);
    memcpy(label + la + 5, b, lb);
    label[la + lb + 5] = 0;
    return label;
}

struct keyed {
    char *key;
    size_t idx;
};

static int by_key(const void *x, const void *y)
{
    const struct keyed *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

static int by_rides(const void *x, const void *y)
{
    const struct ride_route *a = x, *b = y;
    if (a->rides != b->rides)
        return a->rides > b->rides ? -1 : 1;
    return strcmp(a->label, b->label);
}

/* Add one ride's figures to R (a refund's are negative already, and it is not counted);
 * 1 when a sum would not fit in int64 (hostile amounts). */
static int add_ride(struct ride_route *r, const struct ride_out *o, int eligible, int refund)
{
    int over = 0;
    if (!refund)
        r->rides++;
    over |= money_add(&r->paid, o->fare);
    over |= money_add(&r->driver_received, o->driver);
    over |= money_add(&r->platform_kept, o->fare - o->driver);
    if (eligible) {
        if (!refund)
            r->eligible++;
        over |= money_add(&r->rider_savings, o->saving);
        over |= money_add(&r->driver_gain, o->gain);
        over |= money_add(&r->expected_savings, o->expected);
    }
    return over != 0;
}

/* direct_cost = paid - expected_savings (rev 2); 1 when it does not fit. */
static int finish_route(struct ride_route *r)
{
    return __builtin_sub_overflow(r->paid, r->expected_savings, &r->direct_cost);
}

/*
 * Route keys by the pair of place pointers: a loader hands out one pointer per distinct
 * place text, so a history of a million rides over a few places computes (and keeps) a
 * few keys, not a million. Pointers that differ for the same text only cost a key each.
 */
struct key_cache {
    const char **from, **to;
    char **key;
    size_t cap, n;
};

static size_t pair_hash(const char *a, const char *b)
{
    uintptr_t h = (uintptr_t)a * 0x9E3779B97F4A7C15ull ^ ((uintptr_t)b + 0x632BE59BD9B4E019ull);
    h ^= h >> 29;
    return (size_t)(h * 0xBF58476D1CE4E5B9ull);
}

/* The key of FROM/TO, kept in C (owned by it). */
static char *cached_key(struct key_cache *c, const char *from, const char *to)
{
    size_t i;
    if (c->n * 2 >= c->cap) { /* grow: rehash into twice the slots */
        struct key_cache g = {0};
        g.cap = c->cap ? c->cap * 2 : 64;
        g.from = xmalloc(sizeof *g.from * g.cap);
        g.to = xmalloc(sizeof *g.to * g.cap);
        g.key = xmalloc(sizeof *g.key * g.cap);
        memset(g.key, 0, sizeof *g.key * g.cap);
        for (size_t j = 0; j < c->cap; j++) {
            if (!c->key[j])
                continue;
            for (i = pair_hash(c->from[j], c->to[j]) & (g.cap - 1); g.key[i];
                 i = (i + 1) & (g.cap - 1))
                ;
            g.from[i] = c->from[j];
            g.to[i] = c->to[j];
            g.key[i] = c->key[j];
        }
        g.n = c->n;
        free(c->from);
        free(c->to);
        free(c->key);
        *c = g;
    }
    for (i = pair_hash(from, to) & (c->cap - 1); c->key[i]; i = (i + 1) & (c->cap - 1))
        if (c->from[i] == from && c->to[i] == to)
            return c->key[i];
    c->from[i] = from;
    c->to[i] = to;
    c->key[i] = ridemodel_route_key(from, to);
    c->n++;
    return c->key[i];
}

static void key_cache_release(struct key_cache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        free(c->key[i]);
    free(c->from);
    free(c->to);
    free(c->key);
    memset(c, 0, sizeof *c);
}

/* The N route keys of the rides R, sorted by key then index, the keys kept in C. */
static struct keyed *route_keys(const struct ride_in *r, size_t n, struct key_cache *c)
{
    struct keyed *k = xmalloc(sizeof *k * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        k[i].key = cached_key(c, r[i].from, r[i].to);
        k[i].idx = i;
    }
    qsort(k, n, sizeof *k, by_key);
    return k;
}

/* Free K and the keys of C. */
static void keys_free(struct keyed *k, struct key_cache *c)
{
    free(k);
    key_cache_release(c);
}

void ridemodel_run(const struct ride_in *rides, size_t n, const struct ride_params *p,
                   struct ride_result *out)
{
    struct key_cache kc = {0};
    struct keyed *k = route_keys(rides, n, &kc);
    size_t i, j, nr = 0;
    memset(out, 0, sizeof *out);
    out->total.label = xstrdup("TOTAL");
    out->routes = xmalloc(sizeof *out->routes * (n ? n : 1));
    for (i = 0; i < n; i = j) {
        struct ride_route *r = &out->routes[nr++];
        long count = 0; /* the route's rides that are not refunds */
        for (j = i; j < n && !strcmp(k[j].key, k[i].key); j++)
            count += rides[k[j].idx].amount >= 0;
        memset(r, 0, sizeof *r);
        r->label = ridemodel_route_label(rides[k[i].idx].from, rides[k[i].idx].to);
        for (size_t m = i; m < j; m++) {
            const struct ride_in *ri = &rides[k[m].idx];
            struct ride_out o;
            int eligible =
                count >= p->min_rides && (p->trial_days <= 0 || ri->day >= p->trial_days);
            ridemodel_ride(ri, p, &o);
            out->overflow |= add_ride(r, &o, eligible, ri->amount < 0);
            out->overflow |= add_ride(&out->total, &o, eligible, ri->amount < 0);
        }
        out->overflow |= finish_route(r);
    }
    out->overflow |= finish_route(&out->total);
    keys_free(k, &kc);
    out->nroutes = nr;
    qsort(out->routes, nr, sizeof *out->routes, by_rides);
}

void ridemodel_release(struct ride_result *r)
{
    for (size_t i = 0; i < r->nroutes; i++)
        free(r->routes[i].label);
    free(r->routes);
    free(r->total.label);
    memset(r, 0, sizeof *r);
}

/* ---- report quote ---- */

static int quote_by_rides(const void *x, const void *y)
{
    const struct quote_route *a = x, *b = y;
    if (a->rides != b->rides)
        return a->rides > b->rides ? -1 : 1;
    return strcmp(a->label, b->label);
}

void ridemodel_quote(const struct ride_in *rides, size_t n, const struct ride_params *p,
                     struct quote_result *out)
{
    struct key_cache kc = {0};
    struct keyed *k = route_keys(rides, n, &kc);
    int64_t *fares = xmalloc(sizeof *fares * (n ? n : 1)),
            *takes = xmalloc(sizeof *takes * (n ? n : 1));
    size_t i, j;
    struct ride_params q = *p;
    q.availability_e9 = E9; /* what a ride would be, not what is expected */
    memset(out, 0, sizeof *out);
    out->routes = xmalloc(sizeof *out->routes * (n ? n : 1));
    for (i = 0; i < n; i = j) {
        size_t m = 0;
        for (j = i; j < n && !strcmp(k[j].key, k[i].key); j++) {
            const struct ride_in *ri = &rides[k[j].idx];
            struct ride_out o;
            if (ri->amount < 0)
                continue; /* a refund is no fare anyone would quote */
            ridemodel_ride(ri, &q, &o);
            fares[m] = o.fare;
            takes[m] = o.driver;
            m++;
        }
        if (m == 0 || (long)m < p->min_rides)
            continue;
        struct quote_route *r = &out->routes[out->nroutes++];
        r->label = ridemodel_route_label(rides[k[i].idx].from, rides[k[i].idx].to);
        r->rides = (long)m;
        r->median_fare = ridemodel_median(fares, m);
        r->driver_take = ridemodel_median(takes, m);
        r->offer = r->driver_take +
                   round_half_away((__int128)(r->median_fare - r->driver_take) * p->share_e9, E9);
        r->rider_saves = r->median_fare - r->offer;
        r->driver_gains = r->offer - r->driver_take;
    }
    keys_free(k, &kc);
    free(fares);
    free(takes);
    qsort(out->routes, out->nroutes, sizeof *out->routes, quote_by_rides);
}

void ridemodel_quote_release(struct quote_result *q)
{
    for (size_t i = 0; i < q->nroutes; i++)
        free(q->routes[i].label);
    free(q->routes);
    memset(q, 0, sizeof *q);
}

/* ---- report direct ---- */

/* A route's reference fare: its key and the median F of its platform rides. */
struct reference {
    char *key;
    int64_t fare;
};

static int ref_by_key(const void *x, const void *y)
{
    return strcmp(((const struct reference *)x)->key, ((const struct reference *)y)->key);
}

/* The reference fares of the NP platform rides (refunds left out), sorted by key, into
 * *OUT (allocated, with the keys); their number. */
static size_t references(const struct ride_in *platform, size_t np, struct reference **out)
{
    struct key_cache kc = {0};
    struct keyed *k = route_keys(platform, np, &kc);
    int64_t *fares = xmalloc(sizeof *fares * (np ? np : 1));
    struct reference *refs = xmalloc(sizeof *refs * (np ? np : 1));
    size_t i, j, nref = 0;
    struct ride_params p = RIDE_PARAMS_DEFAULT;
    for (i = 0; i < np; i = j) {
        size_t m = 0;
        for (j = i; j < np && !strcmp(k[j].key, k[i].key); j++) {
            struct ride_out o;
            if (platform[k[j].idx].amount < 0)
                continue;
            ridemodel_ride(&platform[k[j].idx], &p, &o);
            fares[m++] = o.fare;
        }
        if (!m)
            continue;
        refs[nref].key = xstrdup(k[i].key);
        refs[nref].fare = ridemodel_median(fares, m);
        nref++;
    }
    keys_free(k, &kc);
    free(fares);
    *out = refs; /* already in key order: the keys were sorted */
    return nref;
}

static int direct_by_rides(const void *x, const void *y)
{
    const struct direct_route *a = x, *b = y;
    if (a->rides != b->rides)
        return a->rides > b->rides ? -1 : 1;
    return strcmp(a->label, b->label);
}

void ridemodel_direct(const struct ride_in *platform, size_t np, const struct ride_in *direct,
                      size_t nd, const struct ride_params *p, struct direct_result *out)
{
    struct reference *refs;
    size_t nref = references(platform, np, &refs);
    struct key_cache kc = {0};
    struct keyed *k = route_keys(direct, nd, &kc);
    struct ride_params none = RIDE_PARAMS_DEFAULT;
    size_t i, j;
    int64_t total_ref_paid = 0;
    memset(out, 0, sizeof *out);
    out->total.label = xstrdup("TOTAL");
    out->routes = xmalloc(sizeof *out->routes * (nd ? nd : 1));
    for (i = 0; i < nd; i = j) {
        struct direct_route *r = &out->routes[out->nroutes++];
        struct reference want = {k[i].key, 0}, *ref;
        int64_t take = 0;
        memset(r, 0, sizeof *r);
        r->label = ridemodel_route_label(direct[k[i].idx].from, direct[k[i].idx].to);
        ref = nref ? bsearch(&want, refs, nref, sizeof *refs, ref_by_key) : NULL;
        if (ref) {
            r->has_ref = 1;
            r->reference = ref->fare;
            take = round_half_away((__int128)ref->fare * (E9 - p->commission_e9), E9);
        }
        for (j = i; j < nd && !strcmp(k[j].key, k[i].key); j++) {
            const struct ride_in *ri = &direct[k[j].idx];
            struct ride_out o;
            ridemodel_ride(ri, &none, &o); /* only F: negative for a refund */
            out->overflow |= money_add(&r->paid, o.fare);
            /* a refund is money back from the driver: less paid, no platform ride */
            if (ri->amount < 0)
                continue;
            r->rides++;
            if (ref) {
                out->overflow |= money_add(&r->platform_fare, ref->fare);
                out->overflow |= money_add(&r->driver_platform_take, take);
            }
        }
        if (ref) {
            out->overflow |= __builtin_sub_overflow(r->platform_fare, r->paid, &r->saved);
            out->overflow |=
                __builtin_sub_overflow(r->paid, r->driver_platform_take, &r->driver_gain);
            out->total.has_ref = 1;
            out->overflow |= money_add(&total_ref_paid, r->paid);
            out->overflow |= money_add(&out->total.platform_fare, r->platform_fare);
            out->overflow |= money_add(&out->total.driver_platform_take, r->driver_platform_take);
        }
        out->total.rides += r->rides;
        out->overflow |= money_add(&out->total.paid, r->paid);
    }
    /* TOTAL: rides and paid over all routes, the rest over the routes with a reference */
    out->overflow |=
        __builtin_sub_overflow(out->total.platform_fare, total_ref_paid, &out->total.saved);
    out->overflow |= __builtin_sub_overflow(total_ref_paid, out->total.driver_platform_take,
                                            &out->total.driver_gain);
    keys_free(k, &kc);
    for (i = 0; i < nref; i++)
        free(refs[i].key);
    free(refs);
    qsort(out->routes, out->nroutes, sizeof *out->routes, direct_by_rides);
}

void ridemodel_direct_release(struct direct_result *d)
{
    for (size_t i = 0; i < d->nroutes; i++)
        free(d->routes[i].label);
    free(d->routes);
    free(d->total.label);
    memset(d, 0, sizeof *d);
}

/* ---- report drivers ---- */

/* A driver's key: the name trimmed and lower-cased (ASCII). Allocated. */
static char *driver_key(const char *name)
{
    size_t n;
    const char *s = trim(name, &n);
    return lower_dup(s, n);
}

struct driver_keyed {
    char *key;
    char *route;
    size_t idx;
};

static int dk_by_key(const void *x, const void *y)
{
    const struct driver_keyed *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

static int str_by(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The keys of the NP platform rides' routes that have at least MIN rides (not refunds),
 * sorted, into *OUT (allocated, with the keys); their number. */
static size_t busy_routes(const struct ride_in *platform, size_t np, long min, char ***out)
{
    struct key_cache kc = {0};
    struct keyed *k = route_keys(platform, np, &kc);
    char **busy = xmalloc(sizeof *busy * (np ? np : 1));
    size_t i, j, nb = 0;
    for (i = 0; i < np; i = j) {
        long count = 0;
        for (j = i; j < np && !strcmp(k[j].key, k[i].key); j++)
            count += platform[k[j].idx].amount >= 0;
        if (count >= min && count > 0)
            busy[nb++] = xstrdup(k[i].key);
    }
    keys_free(k, &kc);
    *out = busy;
    return nb;
}

static int driver_by_rides(const void *x, const void *y)
{
    const struct driver_row *a = x, *b = y;
    int c;
    char *ka, *kb;
    if (a->rides != b->rides)
        return a->rides > b->rides ? -1 : 1;
    ka = driver_key(a->name);
    kb = driver_key(b->name);
    c = strcmp(ka, kb);
    free(ka);
    free(kb);
    return c ? c : strcmp(a->name, b->name);
}

void ridemodel_drivers(const struct ride_in *r, const struct driver_info *info, size_t n,
                       const struct ride_in *platform, size_t np, const struct ride_params *p,
                       struct driver_result *out)
{
    struct key_cache kc = {0};
    struct driver_keyed *k = xmalloc(sizeof *k * (n ? n : 1));
    char **busy, **routes = xmalloc(sizeof *routes * (n ? n : 1));
    size_t nbusy = busy_routes(platform, np, p->min_rides, &busy), i, j;
    memset(out, 0, sizeof *out);
    for (i = 0; i < n; i++) {
        k[i].key = driver_key(info[i].driver);
        k[i].route = cached_key(&kc, r[i].from, r[i].to);
        k[i].idx = i;
    }
    qsort(k, n, sizeof *k, dk_by_key);
    out->rows = xmalloc(sizeof *out->rows * (n ? n : 1));
    for (i = 0; i < n; i = j) {
        struct driver_row *d = &out->rows[out->nrows++];
        int64_t rating_sum = 0, rated = 0;
        size_t nroutes = 0;
        int on_busy = 0;
        const struct driver_info *newest = NULL;
        memset(d, 0, sizeof *d);
        for (j = i; j < n && !strcmp(k[j].key, k[i].key); j++) {
            const struct driver_info *x = &info[k[j].idx];
            const struct ride_in *ride = &r[k[j].idx];
            int refund = ride->amount < 0;
            /* rides in date order, k in index order within a key: the last ride that is
             * not a refund is the newest */
            if (!refund) {
                newest = x;
                d->rides++;
                d->platform_rides += x->platform;
                d->direct_rides += x->direct;
                routes[nroutes++] = k[j].route;
            }
            if (x->rating > 0) {
                rating_sum += x->rating;
                rated++;
            }
            if (x->platform) {
                struct ride_out o;
                ridemodel_ride(ride, p, &o);
                out->overflow |= money_add(&d->paid, o.fare);
                out->overflow |= money_add(&d->driver_received, o.driver);
                if (!refund && nbusy && bsearch(&k[j].route, busy, nbusy, sizeof *busy, str_by))
                    on_busy = 1;
            }
            if (!refund && strcmp(x->date, d->last) > 0)
                memcpy(d->last, x->date, sizeof d->last);
        }
        {
            size_t len;
            const char *s = trim((newest ? newest : &info[k[j - 1].idx])->driver, &len);
            d->name = xmalloc(len + 1);
            memcpy(d->name, s, len);
            d->name[len] = 0;
        }
        qsort(routes, nroutes, sizeof *routes, str_by);
        for (size_t m = 0; m < nroutes; m++)
            d->routes += m == 0 || strcmp(routes[m], routes[m - 1]) != 0;
        if (rated) {
            d->has_rating = 1;
            d->rating_tenths = round_half_away((__int128)rating_sum * 10, rated);
        }
        d->candidate = d->has_rating && d->rating_tenths >= 40 && on_busy;
    }
    for (i = 0; i < n; i++)
        free(k[i].key);
    free(k);
    key_cache_release(&kc);
    free(routes);
    for (i = 0; i < nbusy; i++)
        free(busy[i]);
    free(busy);
    qsort(out->rows, out->nrows, sizeof *out->rows, driver_by_rides);
}

void ridemodel_drivers_release(struct driver_result *d)
{
    for (size_t i = 0; i < d->nrows; i++)
        free(d->rows[i].name);
    free(d->rows);
    memset(d, 0, sizeof *d);
}
