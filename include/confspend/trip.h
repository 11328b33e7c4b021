/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trip.h - trips: a named, dated span that expenses can belong to. */
#ifndef CONFSPEND_TRIP_H
#define CONFSPEND_TRIP_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

struct trip {
    int64_t id;
    char *slug, *name, *city;
    char start[11], end[11];
    char currency[4];
    int reimbursable; /* its new expenses default to reimbursable */
    char *provider;   /* the provider its new rides default to, or NULL */
    char *purpose;    /* the business purpose a desk asks for, or NULL */
};
#define TRIP_INIT                                                                                  \
    {                                                                                              \
        0                                                                                          \
    }

void trip_release(struct trip *t);

/* 1 if S is a valid slug: 1..64 of [a-z0-9._-], starting with a letter or digit. */
int trip_slug_valid(const char *s);

/* Load the trip SLUG; CS_EINPUT "trip: no such trip (SLUG)" when missing. */
int trip_load(sqlite3 *db, const char *slug, struct trip *t, struct cs_err *e);
/* Load by id. */
int trip_load_id(sqlite3 *db, int64_t id, struct trip *t, struct cs_err *e);
int trip_insert(sqlite3 *db, struct trip *t, struct cs_err *e);
int trip_update(sqlite3 *db, const struct trip *t, struct cs_err *e);

/*
 * Remove trip T (loaded) with its budgets, and clear it as the active trip; refused
 * (CS_EINPUT naming how many) while expenses or schedules use it.
 */
int trip_delete(sqlite3 *db, const struct trip *t, struct cs_err *e);

/*
 * Call FN on every trip (or only SLUG's when not NULL), by start date and slug, with how
 * many expenses it has. The trip handed to FN lives until FN returns (CITY may be NULL).
 * A non-zero return of FN stops and is returned.
 */
int trip_each(sqlite3 *db, const char *slug,
              int (*fn)(const struct trip *, int64_t expenses, void *), void *arg,
              struct cs_err *e);

/* The active trip's id (config "trip.active"), or 0. */
int trip_active(sqlite3 *db, int64_t *id, struct cs_err *e);

/*
 * Pure: 1 when an expense dated DATE ("YYYY-MM-DD") takes T as the active trip: any date
 * up to two days after its end (the ride home, the last meal); dates before its start too
 * (tickets and flights are bought early). 0 when DATE is more than two days after it.
 */
int trip_active_takes(const struct trip *t, const char *date);

#endif
