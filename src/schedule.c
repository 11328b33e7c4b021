/* schedule.c - monthly schedules: stored once, posted as ordinary expenses when due. */
#include "confspend/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/expense.h"

void schedule_release(struct schedule *s)
{
    free(s->merchant);
    free(s->note);
    free(s->payment);
    free(s->recipient);
    free(s->trip_slug);
    memset(s, 0, sizeof *s);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void schedule_from_expense(const struct expense *x, const char *until, struct schedule *s)
{
    schedule_release(s);
    snprintf(s->category, sizeof s->category, "%s", x->category);
    s->amount = x->amount;
    snprintf(s->currency, sizeof s->currency, "%s", x->currency);
    snprintf(s->start, sizeof s->start, "%s", x->date);
    snprintf(s->until, sizeof s->until, "%s", until ? until : "");
    s->merchant = dup_or_null(x->merchant);
    s->note = dup_or_null(x->note);
    s->payment = dup_or_null(x->payment);
    s->recipient = dup_or_null(x->recipient);
    s->trip_id = x->trip_id > 0 ? x->trip_id : 0;
    s->reimbursable = x->reimbursable;
}

int schedule_insert(sqlite3 *db, struct schedule *s, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "INSERT INTO schedule(category, amount, currency, start_date, until_month, "
                   "merchant, note, trip_id, reimbursable, payment, recipient, created_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, unixepoch())",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, s->category, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, s->amount);
    sqlite3_bind_text(st, 3, s->currency, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, s->start, -1, SQLITE_STATIC);
    db_bind_text(st, 5, *s->until ? s->until : NULL);
    db_bind_text(st, 6, s->merchant);
    db_bind_text(st, 7, s->note);
    db_bind_opt(st, 8, s->trip_id > 0 ? s->trip_id : -1);
    sqlite3_bind_int(st, 9, s->reimbursable);
    db_bind_text(st, 10, s->payment);
    db_bind_text(st, 11, s->recipient);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the schedule", e);
    s->id = sqlite3_last_insert_rowid(db);
    return 0;
}

int schedule_each_occurrence(sqlite3 *db, int64_t id, int (*fn)(const struct expense *, void *),
                             void *arg, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step = SQLITE_DONE;
    if (db_prepare(db,
                   "SELECT " EXPENSE_COLUMNS EXPENSE_FROM "WHERE e.schedule_id = ?1 "
                   "ORDER BY e.date, e.id",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct expense x;
        expense_from_row(st, &x);
        rc = fn(&x, arg);
        expense_release(&x);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(db, "cannot read the schedule's expenses", e);
    sqlite3_finalize(st);
    return rc;
}

void schedule_occurrence_date(const char *start, const char *month, char *out)
{
    struct cs_date s, m;
    date_parse(start, &s, "start", NULL);
    month_parse(month, &m, "month", NULL);
    int dim = date_days_in_month(m.y, m.m);
    m.d = s.d < dim ? s.d : dim;
    date_format(m, out);
}

/* Months of schedules not posted yet whose occurrence date is <= today: the SQL decides
 * candidate schedules, C walks their months. */
static const char *const due_sql =
    "SELECT id, category, amount, currency, start_date, until_month, posted_month, merchant, "
    "note, trip_id, reimbursable, payment, recipient, "
    "(SELECT t.start_date FROM trip t WHERE t.id = schedule.trip_id), "
    "(SELECT t.end_date FROM trip t WHERE t.id = schedule.trip_id) FROM schedule "
    "WHERE start_date <= ?1 AND (posted_month IS NULL OR posted_month < substr(?1, 1, 7)) "
    "AND (until_month IS NULL OR posted_month IS NULL OR posted_month < until_month)";

int schedule_has_due(sqlite3 *db, const char *today, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int due = 0;
    if (db_prepare(db, due_sql, &st, e))
        return 0;
    sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
    while (!due && sqlite3_step(st) == SQLITE_ROW) {
        const char *start = (const char *)sqlite3_column_text(st, 4);
        const char *until = (const char *)sqlite3_column_text(st, 5);
        const char *posted = (const char *)sqlite3_column_text(st, 6);
        struct cs_date m;
        char month[8], occ[11];
        if (posted) {
            month_parse(posted, &m, "month", NULL);
            m = month_add(m, 1);
        } else {
            month_parse(
                (char[8]){start[0], start[1], start[2], start[3], '-', start[5], start[6], 0}, &m,
                "month", NULL);
        }
        month_format(m, month);
        schedule_occurrence_date(start, month, occ);
        if (strcmp(occ, today) <= 0 && (!until || strcmp(month, until) <= 0))
            due = 1;
    }
    sqlite3_finalize(st);
    return due;
}

int schedule_post_due(sqlite3 *db, const char *today, int *posted_n, struct cs_err *e)
{
    sqlite3_stmt *st = NULL, *up = NULL;
    int rc = 0;
    *posted_n = 0;
    if (db_prepare(db, due_sql, &st, e) ||
        db_prepare(db, "UPDATE schedule SET posted_month = ?2 WHERE id = ?1", &up, e)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *start = (const char *)sqlite3_column_text(st, 4);
        const char *until = (const char *)sqlite3_column_text(st, 5);
        const char *posted = (const char *)sqlite3_column_text(st, 6);
        struct cs_date m;
        char month[8], last[8] = "";
        char start_month[8] = {start[0], start[1], start[2], start[3], '-', start[5], start[6], 0};
        month_parse(posted ? posted : start_month, &m, "month", NULL);
        if (posted)
            m = month_add(m, 1);
        for (;; m = month_add(m, 1)) {
            struct expense x = EXPENSE_INIT;
            month_format(m, month);
            if (until && strcmp(month, until) > 0)
                break;
            schedule_occurrence_date(start, month, x.date);
            if (strcmp(x.date, today) > 0)
                break;
            x.schedule_id = sqlite3_column_int64(st, 0);
            snprintf(x.category, sizeof x.category, "%s", (const char *)sqlite3_column_text(st, 1));
            x.amount = sqlite3_column_int64(st, 2);
            snprintf(x.currency, sizeof x.currency, "%s", (const char *)sqlite3_column_text(st, 3));
            x.merchant = db_col_dup(st, 7);
            x.note = db_col_dup(st, 8);
            x.trip_id = sqlite3_column_int64(st, 9);
            /* the schedule's trip only for an occurrence within the trip's dates */
            if (x.trip_id && !(sqlite3_column_type(st, 13) == SQLITE_TEXT &&
                               strcmp(x.date, (const char *)sqlite3_column_text(st, 13)) >= 0 &&
                               strcmp(x.date, (const char *)sqlite3_column_text(st, 14)) <= 0))
                x.trip_id = 0;
            x.reimbursable = sqlite3_column_int(st, 10);
            x.payment = db_col_dup(st, 11);
            x.recipient = db_col_dup(st, 12);
            x.occurrence = xstrdup(month);
            if (!strcmp(x.category, "ride")) { /* as `add ride` has them */
                x.provider = xstrdup("other");
                x.shared = 0;
            }
            rc = expense_insert(db, &x, e);
            expense_release(&x);
            if (rc)
                goto cleanup;
            (*posted_n)++;
            snprintf(last, sizeof last, "%s", month);
        }
        if (*last) {
            sqlite3_reset(up);
            sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
            sqlite3_bind_text(up, 2, last, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(up) != SQLITE_DONE) {
                rc = db_fail(db, "cannot update the schedule", e);
                goto cleanup;
            }
        }
    }
cleanup:
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    return rc;
}
