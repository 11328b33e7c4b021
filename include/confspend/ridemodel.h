/* ridemodel.h - the direct-driver arrangement model of SPEC.md, "report rides": pure
 * arithmetic on plain structs (no SQLite, no printing). All amounts are integer minor
 * units of one currency; every rounding is half away from zero, per ride. */
#ifndef CONFSPEND_RIDEMODEL_H
#define CONFSPEND_RIDEMODEL_H

#include <stddef.h>
#include <stdint.h>

#define E9 1000000000LL

/* One platform ride (provider lyft or uber). */
struct ride_in {
    int64_t amount;       /* what was paid, tip included (> 0) */
    int64_t tip;          /* -1 or 0 when none */
    int64_t platform_fee; /* -1 when not recorded */
    const char *from, *to;
    long day; /* days since the selection's first day (may be negative) */
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

/* The model's figures for one ride. */
struct ride_out {
    int64_t fare;     /* F = amount - tip */
    int64_t driver;   /* D = round(F * (1 - c)) */
    int64_t direct;   /* P = D + round(S * (F - D)) */
    int64_t saving;   /* F - P */
    int64_t gain;     /* P - D */
    int64_t expected; /* round(A * (F - P)) */
};

/* Compute one ride's figures under P. */
void ridemodel_ride(const struct ride_in *r, const struct ride_params *p, struct ride_out *o);

/* One route's sums (the csv columns of report rides). */
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
 * route has at least min_rides rides and they fall on or after day trial_days, and sum.
 * Allocates OUT's routes; free with ridemodel_release().
 */
void ridemodel_run(const struct ride_in *rides, size_t n, const struct ride_params *p,
                   struct ride_result *out);
void ridemodel_release(struct ride_result *r);

/* The route key of two places: both as place_fold() has them (curly quotes plain, ASCII
 * lower case, blanks collapsed and trimmed), ordered, joined by a NUL-free separator.
 * Allocated. */
char *ridemodel_route_key(const char *from, const char *to);

#endif
