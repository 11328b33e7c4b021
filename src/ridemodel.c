/* ridemodel.c - the direct-driver arrangement model: per-ride figures, grouped by route. */
#include "confspend/ridemodel.h"

#include <stdlib.h>
#include <string.h>

#include "confspend/error.h"
#include "confspend/money.h"
#include "confspend/place.h"

void ridemodel_ride(const struct ride_in *r, const struct ride_params *p, struct ride_out *o)
{
    int64_t f = r->amount - (r->tip > 0 ? r->tip : 0);
    o->fare = f;
    if (r->platform_fee >= 0 && f > 0 && !p->force_commission)
        o->driver = f - r->platform_fee; /* c = fee / F, so F * (1 - c) = F - fee exactly */
    else
        o->driver = round_half_away((__int128)f * (E9 - p->commission_e9), E9);
    o->direct = o->driver + round_half_away((__int128)(f - o->driver) * p->share_e9, E9);
    o->saving = f - o->direct;
    o->gain = o->direct - o->driver;
    o->expected = round_half_away((__int128)o->saving * p->availability_e9, E9);
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

/* The label "A <-> B" of a ride's places: trimmed, alphabetical (case-insensitively). */
static char *route_label(const char *from, const char *to)
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

/* Add one ride's figures to R; 1 when a sum would not fit in int64 (hostile amounts). */
static int add_ride(struct ride_route *r, const struct ride_out *o, int eligible)
{
    int over = 0;
    r->rides++;
    over |= money_add(&r->paid, o->fare);
    over |= money_add(&r->driver_received, o->driver);
    over |= money_add(&r->platform_kept, o->fare - o->driver);
    if (eligible) {
        r->eligible++;
        over |= money_add(&r->direct_cost, o->direct);
        over |= money_add(&r->rider_savings, o->saving);
        over |= money_add(&r->driver_gain, o->gain);
        over |= money_add(&r->expected_savings, o->expected);
    } else {
        over |= money_add(&r->direct_cost, o->fare);
    }
    return over != 0;
}

void ridemodel_run(const struct ride_in *rides, size_t n, const struct ride_params *p,
                   struct ride_result *out)
{
    struct keyed *k = xmalloc(sizeof *k * (n ? n : 1));
    size_t i, j, nr = 0;
    memset(out, 0, sizeof *out);
    out->total.label = xstrdup("TOTAL");
    for (i = 0; i < n; i++) {
        k[i].key = ridemodel_route_key(rides[i].from, rides[i].to);
        k[i].idx = i;
    }
    qsort(k, n, sizeof *k, by_key);
    out->routes = xmalloc(sizeof *out->routes * (n ? n : 1));
    for (i = 0; i < n; i = j) {
        struct ride_route *r = &out->routes[nr++];
        for (j = i; j < n && !strcmp(k[j].key, k[i].key); j++)
            ;
        memset(r, 0, sizeof *r);
        r->label = route_label(rides[k[i].idx].from, rides[k[i].idx].to);
        for (size_t m = i; m < j; m++) {
            const struct ride_in *ri = &rides[k[m].idx];
            struct ride_out o;
            int eligible =
                (long)(j - i) >= p->min_rides && (p->trial_days <= 0 || ri->day >= p->trial_days);
            ridemodel_ride(ri, p, &o);
            out->overflow |= add_ride(r, &o, eligible);
            out->overflow |= add_ride(&out->total, &o, eligible);
        }
    }
    for (i = 0; i < n; i++)
        free(k[i].key);
    free(k);
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
