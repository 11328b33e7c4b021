/* schedule.h - monthly schedules: a recurring expense stored once, and the posting of its
 * occurrences as ordinary expenses when they are due. */
#ifndef CONFSPEND_SCHEDULE_H
#define CONFSPEND_SCHEDULE_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

struct expense;

/*
 * A schedule as stored: one occurrence a month from START's month on, dated START's day
 * (clamped to the month's last day), through UNTIL when set. Text fields are allocated
 * (NULL when absent).
 */
struct schedule {
    int64_t id;
    char category[12];
    int64_t amount; /* minor units of currency, > 0 */
    char currency[4];
    char start[11]; /* YYYY-MM-DD: the first occurrence; its day is every month's */
    char until[8];  /* YYYY-MM: the last month, or "" when open-ended */
    char posted[8]; /* YYYY-MM: the newest month whose occurrence was posted, or "" */
    char *merchant, *note, *payment, *recipient;
    int64_t trip_id; /* 0: none; occurrences dated within the trip get it */
    char *trip_slug; /* filled on load */
    int reimbursable;
    int64_t nposted; /* filled on load: how many occurrence expenses exist */
};
#define SCHEDULE_INIT                                                                              \
    {                                                                                              \
        0                                                                                          \
    }

/* Free S's text fields and reset it to SCHEDULE_INIT. */
void schedule_release(struct schedule *s);

/*
 * Fill S (released first) from the expense X as `add --monthly` gives it: category,
 * amount, currency, X's date as the start, merchant, note, trip, reimbursable, payment and
 * recipient, and UNTIL (YYYY-MM, or NULL when open-ended). Nothing is posted yet.
 */
void schedule_from_expense(const struct expense *x, const char *until, struct schedule *s);

/* Insert S (its id is set; posted and nposted are ignored). */
int schedule_insert(sqlite3 *db, struct schedule *s, struct cs_err *e);

/*
 * Call FN on every expense that schedule ID posted (as expense_load() fills it, trip slug
 * included), oldest first; a non-zero return stops and is returned.
 */
int schedule_each_occurrence(sqlite3 *db, int64_t id, int (*fn)(const struct expense *, void *),
                             void *arg, struct cs_err *e);

/*
 * Post every occurrence of the monthly schedules that is due on or before TODAY
 * ("YYYY-MM-DD") and not yet posted, each once, as ordinary expenses; *POSTED counts them.
 * Runs inside the caller's transaction.
 */
int schedule_post_due(sqlite3 *db, const char *today, int *posted, struct cs_err *e);

/* 1 when some schedule has an occurrence due on or before TODAY that is not posted. */
int schedule_has_due(sqlite3 *db, const char *today, struct cs_err *e);

/* The occurrence date of a schedule starting on START in month M: START's day, clamped. */
void schedule_occurrence_date(const char *start, const char *month, char *out);

#endif
