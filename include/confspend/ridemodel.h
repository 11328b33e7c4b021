/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ridemodel.h - the direct-driver arrangement model of SPEC.md, "report rides": pure
 * arithmetic on plain structs (no SQLite, no printing). All amounts are integer minor
 * units of one currency; every rounding is half away from zero, per ride. */
#ifndef CONFSPEND_RIDEMODEL_H
#define CONFSPEND_RIDEMODEL_H

#include <stddef.h>
#include <stdint.h>

#define E9 1000000000LL

/* One ride (a platform ride, provider lyft or uber, unless a report says otherwise). */
struct ride_in {
    int64_t amount;       /* what was paid, tip included, in the ride's own currency; negative:
                             a refund (its figures are computed on its size, then negated) */
    int64_t tip;          /* -1 or 0 when none */
    int64_t platform_fee; /* -1 when not recorded; in the ride's own currency */
    const char *from, *to;
    long day; /* days since the first of the trial days: the ride's trip start when it
                 belongs to a trip, else the selection's first day (may be negative) */
    /* rev 2: the model works in the base currency */
    int has_base;      /* 1: FARE_BASE is F; 0: F = |amount| - tip as it is */
    int64_t fare_base; /* F: the fare |amount| - tip converted to the base currency as one
                          amount (>= 0) */
};

/* The model's knobs; ratios are scaled by 10^9 (0.5 is 500000000). */
struct ride_params {
    int64_t commission_e9;   /* used when a ride records no platform fee */
    int64_t share_e9;        /* S: the part of the platform's cut that goes to the driver */
    int64_t availability_e9; /* A: the chance the driver can take the ride */
    long min_rides;          /* a route needs this many platform rides to be eligible */
    long trial_days;         /* rides on the first trial_days days are not eligible */
    int force_commission;    /* 1: commission_e9 for every ride, even with a recorded fee */
};
#define RIDE_PARAMS_DEFAULT                                                                        \
    {                                                                                              \
        E9 / 2, E9 / 2, E9, 2, 0, 0                                                                \
    }

/* The model's figures for one ride (all negated for a refund). */
struct ride_out {
    int64_t fare;     /* F = amount - tip (converted as one amount) */
    int64_t driver;   /* D = round(F * (1 - c)); a recorded fee: c = fee / (amount - tip) in
                         the ride's own currency */
    int64_t direct;   /* P = D + round(S * (F - D)) */
    int64_t saving;   /* F - P */
    int64_t gain;     /* P - D */
    int64_t expected; /* round(A * (F - P)) */
};

/* Compute one ride's figures under P. A refund (amount < 0) gets the figures of its size,
 * negated. */
void ridemodel_ride(const struct ride_in *r, const struct ride_params *p, struct ride_out *o);

/* One route's sums (the csv columns of report rides): rides and eligible count the rides
 * that are not refunds; the money figures sum every ride, refunds negative;
 * direct_cost = paid - expected_savings. */
struct ride_route {
    char *label; /* "A <-> B", the two places trimmed, in alphabetical order */
    long rides, eligible;
    int64_t paid, driver_received, platform_kept, direct_cost, rider_savings, driver_gain,
        expected_savings;
};

struct ride_result {
    struct ride_route *routes; /* most rides first, then by label */
    size_t nroutes;
    struct ride_route total; /* label "TOTAL" */
    int overflow;            /* 1: a sum did not fit in int64 (then none is meaningful) */
};
#define RIDE_RESULT_INIT                                                                           \
    {                                                                                              \
        0                                                                                          \
    }

/*
 * Run the model over N rides: group them by route (the unordered pair of places, compared
 * case-insensitively with surrounding blanks trimmed), mark rides eligible when their
 * route has at least min_rides rides that are not refunds and they fall on or after day
 * trial_days, and sum.
 * Allocates OUT's routes; free with ridemodel_release().
 */
void ridemodel_run(const struct ride_in *rides, size_t n, const struct ride_params *p,
                   struct ride_result *out);
void ridemodel_release(struct ride_result *r);

/* The route key of two places: both as place_fold() has them (curly quotes plain, ASCII
 * lower case, blanks collapsed and trimmed), ordered, joined by a NUL-free separator.
 * Allocated. */
char *ridemodel_route_key(const char *from, const char *to);

/* The label "A <-> B" of two places: trimmed, in alphabetical order (case-insensitively),
 * "?" for an empty one. Allocated. */
char *ridemodel_route_label(const char *from, const char *to);

/*
 * The median of the N values of V (sorted in place): the middle value, or for an even N
 * the mean of the two middle values rounded half away from zero; 0 when N is 0.
 */
int64_t ridemodel_median(int64_t *v, size_t n);

/* round(V * N / K), half away from zero (K > 0): a past trip's figure over N days. */
int64_t ridemodel_scale_days(int64_t v, long n, long k);

/* ---- report quote: what to offer a driver per route ---- */
struct quote_route {
    char *label;
    long rides;           /* platform rides on the route (not refunds) */
    int64_t median_fare;  /* the median F */
    int64_t driver_take;  /* the median D */
    int64_t offer;        /* driver_take + round(S * (median_fare - driver_take)) */
    int64_t rider_saves;  /* median_fare - offer */
    int64_t driver_gains; /* offer - driver_take */
};
struct quote_result {
    struct quote_route *routes; /* most rides first, then by label */
    size_t nroutes;
};

/* The quote of every route with at least P's min_rides of the N platform rides (refunds
 * left out). Allocates; free with ridemodel_quote_release(). */
void ridemodel_quote(const struct ride_in *rides, size_t n, const struct ride_params *p,
                     struct quote_result *out);
void ridemodel_quote_release(struct quote_result *q);

/* ---- report direct: rides paid to a driver directly against the platform ---- */
struct direct_route {
    char *label;
    long rides;                   /* direct rides, not refunds */
    int64_t paid;                 /* sum F of the direct rides (refunds negative) */
    int has_ref;                  /* the route has a platform ride: R, the median F of them */
    int64_t reference;            /* R */
    int64_t platform_fare;        /* R per ride (refunds are no rides) */
    int64_t saved;                /* platform_fare - paid */
    int64_t driver_platform_take; /* sum round(R * (1 - c)) over the rides */
    int64_t driver_gain;          /* paid - driver_platform_take */
};
struct direct_result {
    struct direct_route *routes; /* most rides first, then by label */
    size_t nroutes;
    struct direct_route total; /* rides and paid of every route, the rest over the routes
                                  with a reference (has_ref 1 when any has one) */
    int overflow;
};

/* The direct rides DIRECT (ND) against the reference fares of the platform rides
 * PLATFORM (NP, refunds left out), c = P's commission_e9 for every reference fare. A
 * refund of a direct ride is money back from the driver: it lowers paid (and so raises
 * saved and lowers driver_gain) and is no ride, with no platform fare.
 * Allocates; free with ridemodel_direct_release(). */
void ridemodel_direct(const struct ride_in *platform, size_t np, const struct ride_in *direct,
                      size_t nd, const struct ride_params *p, struct direct_result *out);
void ridemodel_direct_release(struct direct_result *d);

/* ---- report drivers: the drivers met ---- */
/* What report drivers knows of a ride beside the model's input. */
struct driver_info {
    const char *driver; /* as written */
    int platform;       /* 1: lyft or uber (the model's figures count) */
    int direct;         /* 1: provider direct */
    int rating;         /* -1 none, else 1..5 */
    char date[11];
};
struct driver_row {
    char *name; /* as most recently written (the newest ride's that is not a refund; rides
                   in date order), trimmed */
    long rides, platform_rides, direct_rides, routes;
    int has_rating;
    int64_t rating_tenths;         /* the mean rating * 10, half away from zero */
    int64_t paid, driver_received; /* sum F, sum D over the platform rides */
    char last[11];                 /* the newest ride's date (refunds left out; "" with none) */
    int candidate;                 /* rating >= 4.0 and a platform ride on a route with min_rides */
};
struct driver_result {
    struct driver_row *rows; /* by rides, most first, then by name (case-insensitively) */
    size_t nrows;
    int overflow;
};

/* The drivers of the N rides R (in date order) that name one (INFO[i] of R[i]; names
 * compared trimmed and case-insensitively); candidates over the route counts of the NP
 * platform rides PLATFORM (refunds left out) and P's min_rides. Allocates; free with
 * ridemodel_drivers_release(). */
void ridemodel_drivers(const struct ride_in *r, const struct driver_info *info, size_t n,
                       const struct ride_in *platform, size_t np, const struct ride_params *p,
                       struct driver_result *out);
void ridemodel_drivers_release(struct driver_result *d);

#endif
