/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trip.c - trips: load, save, the active trip. */
#include "confspend/trip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/date.h"
#include "confspend/db.h"

void trip_release(struct trip *t)
{
    free(t->slug);
    free(t->name);
    free(t->city);
    free(t->provider);
    free(t->purpose);
    memset(t, 0, sizeof *t);
}

int trip_slug_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 64)
        return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
              *s == '.'))
            return 0;
    return 1;
}

static int load(sqlite3 *db, const char *slug, int64_t id, struct trip *t, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "SELECT id, slug, name, start_date, end_date, city, currency, reimbursable, "
                   "provider, purpose FROM trip WHERE slug = ?1 OR id = ?2",
                   &st, e))
        return CS_EFAIL;
    db_bind_text(st, 1, slug);
    sqlite3_bind_int64(st, 2, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        t->id = sqlite3_column_int64(st, 0);
        t->slug = db_col_dup(st, 1);
        t->name = db_col_dup(st, 2);
        snprintf(t->start, sizeof t->start, "%s", (const char *)sqlite3_column_text(st, 3));
        snprintf(t->end, sizeof t->end, "%s", (const char *)sqlite3_column_text(st, 4));
        t->city = db_col_dup(st, 5);
        snprintf(t->currency, sizeof t->currency, "%s", (const char *)sqlite3_column_text(st, 6));
        t->reimbursable = sqlite3_column_int(st, 7);
        t->provider = db_col_dup(st, 8);
        t->purpose = db_col_dup(st, 9);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot read the trip", e);
    if (slug)
        return cs_error(e, CS_EINPUT, "trip", slug, "no such trip");
    return cs_error(e, CS_EFAIL, "trip", NULL, "trip %lld is missing", (long long)id);
}

int trip_load(sqlite3 *db, const char *slug, struct trip *t, struct cs_err *e)
{
    return load(db, slug, -1, t, e);
}

int trip_load_id(sqlite3 *db, int64_t id, struct trip *t, struct cs_err *e)
{
    return load(db, NULL, id, t, e);
}

/* Bind T's stored fields to ?1..?9 in the column order of the insert and the update. */
static void bind_trip(sqlite3_stmt *st, const struct trip *t)
{
    db_bind_text(st, 1, t->slug);
    db_bind_text(st, 2, t->name);
    db_bind_text(st, 3, t->start);
    db_bind_text(st, 4, t->end);
    db_bind_text(st, 5, t->city);
    db_bind_text(st, 6, t->currency);
    sqlite3_bind_int(st, 7, t->reimbursable ? 1 : 0);
    db_bind_text(st, 8, t->provider);
    db_bind_text(st, 9, t->purpose);
}

int trip_insert(sqlite3 *db, struct trip *t, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "INSERT INTO trip(slug, name, start_date, end_date, city, currency, "
                   "reimbursable, provider, purpose) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                   &st, e))
        return CS_EFAIL;
    bind_trip(st, t);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return cs_error(e, CS_EINPUT, "trip", t->slug, "a trip with this slug exists");
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the trip", e);
    t->id = sqlite3_last_insert_rowid(db);
    return 0;
}

int trip_update(sqlite3 *db, const struct trip *t, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "UPDATE trip SET slug = ?1, name = ?2, start_date = ?3, end_date = ?4, "
                   "city = ?5, currency = ?6, reimbursable = ?7, provider = ?8, purpose = ?9 "
                   "WHERE id = ?10",
                   &st, e))
        return CS_EFAIL;
    bind_trip(st, t);
    sqlite3_bind_int64(st, 10, t->id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return cs_error(e, CS_EINPUT, "--slug", t->slug, "a trip with this slug exists");
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the trip", e);
    return 0;
}

int trip_active(sqlite3 *db, int64_t *id, struct cs_err *e)
{
    char *v = NULL;
    *id = 0;
    if (config_get(db, "trip.active", &v, e))
        return CS_EFAIL;
    if (v)
        *id = strtoll(v, NULL, 10);
    free(v);
    return 0;
}

int trip_active_takes(const struct trip *t, const char *date)
{
    struct cs_date d, end;
    if (date_parse(date, &d, "date", NULL) || date_parse(t->end, &end, "end", NULL))
        return 1;
    return date_to_days(d) - date_to_days(end) <= 2;
}

int trip_delete(sqlite3 *db, const struct trip *t, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0, ns = 0, active;
    int rc;
    if (db_prepare(db,
                   "SELECT (SELECT count(*) FROM expense WHERE trip_id = ?1), "
                   "(SELECT count(*) FROM schedule WHERE trip_id = ?1)",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, t->id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
        ns = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (n > 0 && ns > 0)
        return cs_error(e, CS_EINPUT, "trip", t->slug,
                        "%lld expense%s and %lld schedule%s use it; move or remove them first",
                        (long long)n, n == 1 ? "" : "s", (long long)ns, ns == 1 ? "" : "s");
    if (n > 0 || ns > 0)
        return cs_error(e, CS_EINPUT, "trip", t->slug, "%lld %s%s use%s it; %s first",
                        (long long)(n ? n : ns), n ? "expense" : "schedule",
                        (n ? n : ns) == 1 ? "" : "s", (n ? n : ns) == 1 ? "s" : "",
                        n ? "move or remove them" : "schedule rm or schedule edit --no-trip");
    /* its budgets go with it: a later trip never inherits them */
    if (db_prepare(db, "DELETE FROM budget WHERE trip_id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, t->id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || db_prepare(db, "DELETE FROM trip WHERE id = ?1", &st, e))
        return rc != SQLITE_DONE ? db_fail(db, "cannot remove the trip's budgets", e) : CS_EFAIL;
    sqlite3_bind_int64(st, 1, t->id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot remove the trip", e);
    if (trip_active(db, &active, e))
        return CS_EFAIL;
    return active == t->id ? config_unset(db, "trip.active", e) : 0;
}

int trip_each(sqlite3 *db, const char *slug,
              int (*fn)(const struct trip *, int64_t expenses, void *), void *arg, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db,
                   "SELECT t.id, t.slug, t.name, t.start_date, t.end_date, t.city, t.currency, "
                   "(SELECT count(*) FROM expense e WHERE e.trip_id = t.id) "
                   "FROM trip t WHERE ?1 IS NULL OR t.slug = ?1 ORDER BY t.start_date, t.slug",
                   &st, e))
        return CS_EFAIL;
    db_bind_text(st, 1, slug);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct trip t = TRIP_INIT;
        t.id = sqlite3_column_int64(st, 0);
        t.slug = (char *)sqlite3_column_text(st, 1);
        t.name = (char *)sqlite3_column_text(st, 2);
        snprintf(t.start, sizeof t.start, "%s", (const char *)sqlite3_column_text(st, 3));
        snprintf(t.end, sizeof t.end, "%s", (const char *)sqlite3_column_text(st, 4));
        t.city = (char *)sqlite3_column_text(st, 5);
        snprintf(t.currency, sizeof t.currency, "%s", (const char *)sqlite3_column_text(st, 6));
        rc = fn(&t, sqlite3_column_int64(st, 7), arg);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the trips", e);
}
