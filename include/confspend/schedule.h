/* SPDX-License-Identifier: GPL-3.0-or-later */
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
    char posted[8]; /* YYYY-MM: the newest month posted (or skipped by an edit), or "" */
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

/* Parse a schedule id ("3", "#3"); CS_EINPUT naming "id" otherwise. */
int schedule_parse_id(const char *s, int64_t *out, struct cs_err *e);

/*
 * Load schedule ID into S (with its trip's slug and how many occurrences exist);
 * CS_EINPUT "schedule: no such schedule (ID)" when there is none. A row that breaks the
 * contract (an unknown category or currency, a posted month that is not YYYY-MM) is
 * CS_EFAIL naming the schedule and the field.
 */
int schedule_load(sqlite3 *db, int64_t id, struct schedule *s, struct cs_err *e);

/* Call FN on every schedule, by id, loaded as schedule_load() loads one; a non-zero return
 * stops and is returned. */
int schedule_each(sqlite3 *db, int (*fn)(const struct schedule *, void *), void *arg,
                  struct cs_err *e);

/* Save S's amount, until, posted month, merchant, note, recipient and trip by id. */
int schedule_update(sqlite3 *db, const struct schedule *s, struct cs_err *e);

/*
 * Remove schedule ID. Its posted occurrences stay as ordinary expenses: their schedule_id
 * and occurrence are cleared (so the foreign key holds and nothing is posted for them
 * again); *KEPT (may be NULL) gets how many. CS_EINPUT when there is no such schedule.
 */
int schedule_delete(sqlite3 *db, int64_t id, int64_t *kept, struct cs_err *e);

/*
 * Stop S (loaded): nothing after today is posted any more. With occurrences posted, its
 * until becomes the month of the last posted one (S is updated, *REMOVED 0); with none, the
 * schedule is removed (*REMOVED 1).
 */
int schedule_stop(sqlite3 *db, struct schedule *s, int *removed, struct cs_err *e);

/*
 * Pure: change S's until to UNTIL (YYYY-MM, or "" for open-ended), as `schedule edit`
 * does, on TODAY. UNTIL before the start month or before the last posted month is
 * CS_EINPUT naming FIELD. Occurrences dated on or before TODAY that the old until left
 * out are not posted when the until moves past them (the edit changes what is posted from
 * now on): S's posted month moves on over them.
 */
int schedule_set_until(struct schedule *s, const char *until, const char *today, const char *field,
                       struct cs_err *e);

/* Pure: the date of S's next occurrence that is not posted yet into OUT[11], or "" when
 * there is none (its until is reached). */
void schedule_next(const struct schedule *s, char *out);

/* "monthly CATEGORY AMOUNT CUR from YYYY-MM[ until YYYY-MM]", allocated. */
char *schedule_summary(const struct schedule *s);

/*
 * Post every occurrence of the monthly schedules that is due on or before TODAY
 * ("YYYY-MM-DD") and not yet posted, each once, as ordinary expenses; *POSTED counts them.
 * An occurrence gets the schedule's trip only when its date lies within the trip's
 * start..end. Runs inside the caller's transaction.
 */
int schedule_post_due(sqlite3 *db, const char *today, int *posted, struct cs_err *e);

/* 1 when some schedule has an occurrence due on or before TODAY that is not posted. */
int schedule_has_due(sqlite3 *db, const char *today, struct cs_err *e);

/* The occurrence date of a schedule starting on START in month M: START's day, clamped. */
void schedule_occurrence_date(const char *start, const char *month, char *out);

#endif
