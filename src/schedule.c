/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schedule.c - monthly schedules: stored once, posted as ordinary expenses when due. */
#include "confspend/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/money.h"

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
        if ((rc = expense_from_row(st, &x, e)))
            break;
        rc = fn(&x, arg);
        expense_release(&x);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(db, "cannot read the schedule's expenses", e);
    sqlite3_finalize(st);
    return rc;
}

int schedule_parse_id(const char *s, int64_t *out, struct cs_err *e)
{
    const char *p = s;
    int64_t v = 0;
    if (p && *p == '#')
        p++;
    if (!p || !*p)
        return cs_error(e, CS_EINPUT, "id", s ? s : "", "not a schedule id");
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
            return cs_error(e, CS_EINPUT, "id", s, "not a schedule id");
        v = v * 10 + (*p - '0');
    }
    if (v <= 0)
        return cs_error(e, CS_EINPUT, "id", s, "not a schedule id");
    *out = v;
    return 0;
}

/* The columns schedule_from_row() reads, for one schedule (?1) or every one (?1 = 0). */
static const char *const load_sql =
    "SELECT s.id, s.category, s.amount, s.currency, s.start_date, s.until_month, s.posted_month, "
    "s.merchant, s.note, s.payment, s.recipient, s.trip_id, t.slug, s.reimbursable, "
    "(SELECT count(*) FROM expense e WHERE e.schedule_id = s.id) "
    "FROM schedule s LEFT JOIN trip t ON t.id = s.trip_id "
    "WHERE ?1 = 0 OR s.id = ?1 ORDER BY s.id";

/* Fill S from a row of load_sql, checking what the schema does not. */
static int schedule_from_row(sqlite3_stmt *st, struct schedule *s, struct cs_err *e)
{
    const char *cat = (const char *)sqlite3_column_text(st, 1);
    const char *cur = (const char *)sqlite3_column_text(st, 3);
    const char *until = (const char *)sqlite3_column_text(st, 5);
    const char *posted = (const char *)sqlite3_column_text(st, 6);
    struct cs_date m;
    memset(s, 0, sizeof *s);
    s->id = sqlite3_column_int64(st, 0);
    if (!category_valid(cat))
        return cs_error(e, CS_EFAIL, "category", cat ? cat : "",
                        "unknown category in schedule %lld", (long long)s->id);
    if (!cur || money_digits(cur) < 0)
        return cs_error(e, CS_EFAIL, "currency", cur ? cur : "",
                        "unknown currency code in schedule %lld", (long long)s->id);
    if (posted && month_parse(posted, &m, "posted_month", NULL))
        return cs_error(e, CS_EFAIL, "posted_month", posted, "not a month in schedule %lld",
                        (long long)s->id);
    snprintf(s->category, sizeof s->category, "%s", cat);
    s->amount = sqlite3_column_int64(st, 2);
    snprintf(s->currency, sizeof s->currency, "%s", cur);
    snprintf(s->start, sizeof s->start, "%s", (const char *)sqlite3_column_text(st, 4));
    snprintf(s->until, sizeof s->until, "%s", until ? until : "");
    snprintf(s->posted, sizeof s->posted, "%s", posted ? posted : "");
    s->merchant = db_col_dup(st, 7);
    s->note = db_col_dup(st, 8);
    s->payment = db_col_dup(st, 9);
    s->recipient = db_col_dup(st, 10);
    s->trip_id = sqlite3_column_int64(st, 11);
    s->trip_slug = db_col_dup(st, 12);
    s->reimbursable = sqlite3_column_int(st, 13);
    s->nposted = sqlite3_column_int64(st, 14);
    return 0;
}

int schedule_each(sqlite3 *db, int (*fn)(const struct schedule *, void *), void *arg,
                  struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step = SQLITE_DONE;
    if (db_prepare(db, load_sql, &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, 0);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct schedule s;
        if (!(rc = schedule_from_row(st, &s, e)))
            rc = fn(&s, arg);
        schedule_release(&s);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_fail(db, "cannot read the schedules", e);
    sqlite3_finalize(st);
    return rc;
}

int schedule_load(sqlite3 *db, int64_t id, struct schedule *s, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc, step;
    char ids[32];
    if (db_prepare(db, load_sql, &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    if (step == SQLITE_ROW)
        rc = schedule_from_row(st, s, e);
    else if (step == SQLITE_DONE)
        rc = cs_error(e, CS_EINPUT, "schedule", ids, "no such schedule");
    else
        rc = db_fail(db, "cannot read the schedule", e);
    sqlite3_finalize(st);
    return rc;
}

int schedule_update(sqlite3 *db, const struct schedule *s, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "UPDATE schedule SET amount = ?2, until_month = ?3, posted_month = ?4, "
                   "merchant = ?5, note = ?6, recipient = ?7, trip_id = ?8 WHERE id = ?1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int64(st, 2, s->amount);
    db_bind_text(st, 3, *s->until ? s->until : NULL);
    db_bind_text(st, 4, *s->posted ? s->posted : NULL);
    db_bind_text(st, 5, s->merchant);
    db_bind_text(st, 6, s->note);
    db_bind_text(st, 7, s->recipient);
    db_bind_opt(st, 8, s->trip_id > 0 ? s->trip_id : -1);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the schedule", e);
    return 0;
}

int schedule_delete(sqlite3 *db, int64_t id, int64_t *kept, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    char ids[32];
    if (db_prepare(db,
                   "UPDATE expense SET schedule_id = NULL, occurrence = NULL "
                   "WHERE schedule_id = ?1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot keep the schedule's expenses", e);
    if (kept)
        *kept = sqlite3_changes64(db);
    if (db_prepare(db, "DELETE FROM schedule WHERE id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot remove the schedule", e);
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    if (sqlite3_changes(db) == 0)
        return cs_error(e, CS_EINPUT, "schedule", ids, "no such schedule");
    return 0;
}

int schedule_stop(sqlite3 *db, struct schedule *s, int *removed, struct cs_err *e)
{
    *removed = s->nposted == 0 || !*s->posted;
    if (*removed)
        return schedule_delete(db, s->id, NULL, e);
    memcpy(s->until, s->posted, sizeof s->until);
    return schedule_update(db, s, e);
}

/* The month of START ("YYYY-MM-DD") into OUT[8]. */
static void start_month(const char *start, char *out)
{
    memcpy(out, start, 7);
    out[7] = 0;
}

/* The newest month whose occurrence of S is dated on or before TODAY into OUT[8], or ""
 * when even the first one is after TODAY. */
static void last_due_month(const struct schedule *s, const char *today, char *out)
{
    struct cs_date m;
    char month[8], occ[11];
    start_month(s->start, month);
    *out = 0;
    if (strcmp(s->start, today) > 0)
        return;
    memcpy(month, today, 7);
    month_parse(month, &m, "month", NULL);
    schedule_occurrence_date(s->start, month, occ);
    if (strcmp(occ, today) > 0)
        m = month_add(m, -1);
    month_format(m, out);
}

int schedule_set_until(struct schedule *s, const char *until, const char *today, const char *field,
                       struct cs_err *e)
{
    char first[8], due[8];
    start_month(s->start, first);
    if (*until && strcmp(until, first) < 0)
        return cs_error(e, CS_EINPUT, field, until, "before the first month %s", first);
    if (*until && *s->posted && strcmp(until, s->posted) < 0)
        return cs_error(e, CS_EINPUT, field, until, "before the last posted occurrence %s",
                        s->posted);
    /* months the old until left out and that are due already stay out */
    last_due_month(s, today, due);
    if (*s->until && *due && strcmp(s->until, due) < 0) {
        const char *to = *until && strcmp(until, due) < 0 ? until : due;
        if (strcmp(to, s->posted) > 0)
            snprintf(s->posted, sizeof s->posted, "%s", to);
    }
    snprintf(s->until, sizeof s->until, "%s", until);
    return 0;
}

void schedule_next(const struct schedule *s, char *out)
{
    struct cs_date m;
    char month[8];
    if (*s->posted) {
        month_parse(s->posted, &m, "month", NULL);
        m = month_add(m, 1);
        month_format(m, month);
    } else {
        start_month(s->start, month);
    }
    if (*s->until && strcmp(month, s->until) > 0)
        *out = 0;
    else
        schedule_occurrence_date(s->start, month, out);
}

char *schedule_summary(const struct schedule *s)
{
    char amt[32], buf[128];
    int d = money_digits(s->currency);
    money_format(s->amount, d < 0 ? 2 : d, amt, sizeof amt);
    snprintf(buf, sizeof buf, "monthly %s %s %s from %.7s%s%s", s->category, amt, s->currency,
             s->start, *s->until ? " until " : "", s->until);
    return xstrdup(buf);
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

/* The stored fields of due_sql's columns, for stored_row_check(). */
static const struct stored_columns due_columns = {
    .table = "schedule",
    .date_name = "start_date",
    .id = 0,
    .date = 4,
    .category = 1,
    .amount = 2,
    .currency = 3,
    .provider = -1,
    .tip = -1,
    .platform_fee = -1,
    .nights = -1,
    .compare_rate = -1,
    .reimbursable = 10,
    .until_month = 5,
    .posted_month = 6,
};

int schedule_has_due(sqlite3 *db, const char *today, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int due = 0, any;
    /* every write command asks: with no schedule at all, a statement that costs a tenth of
     * preparing due_sql says so */
    if (db_prepare(db, "SELECT 1 FROM schedule LIMIT 1", &st, e))
        return 0;
    any = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    st = NULL;
    if (!any)
        return 0;
    if (db_prepare(db, due_sql, &st, e))
        return 0;
    sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
    while (!due && sqlite3_step(st) == SQLITE_ROW) {
        const char *start = (const char *)sqlite3_column_text(st, 4);
        const char *until = (const char *)sqlite3_column_text(st, 5);
        const char *posted = (const char *)sqlite3_column_text(st, 6);
        struct cs_date m;
        char month[8], occ[11];
        if (stored_row_check(st, &due_columns, NULL)) {
            due = 1; /* schedule_post_due() says what is wrong with it */
            break;
        }
        if (posted) {
            month_parse(posted, &m, "month", NULL);
            m = month_add(m, 1);
            if (m.y > DATE_YEAR_MAX) /* posted up to the calendar's last month */
                continue;
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
        if ((rc = stored_row_check(st, &due_columns, e)))
            goto cleanup;
        char start_month[8] = {start[0], start[1], start[2], start[3], '-', start[5], start[6], 0};
        month_parse(posted ? posted : start_month, &m, "month", NULL);
        if (posted)
            m = month_add(m, 1);
        for (; m.y <= DATE_YEAR_MAX; m = month_add(m, 1)) {
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
