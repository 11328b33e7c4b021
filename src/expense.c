/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expense.c - the expense record: rules, load, save and filters. */
#include "confspend/expense.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "confspend/date.h"
#include "confspend/args.h"
#include "confspend/db.h"
#include "confspend/money.h"

const char *const cs_categories[] = {CS_CATEGORIES(CS_NAME, CS_COMMA), NULL};
static const char *const providers[] = {CS_PROVIDERS(CS_NAME, CS_COMMA), NULL};

/* S's index in LIST (NULL-terminated), or -1. */
static int list_index(const char *const *list, const char *s)
{
    for (int i = 0; s && list[i]; i++)
        if (!strcmp(list[i], s))
            return i;
    return -1;
}

int category_index(const char *c)
{
    return list_index(cs_categories, c);
}

int category_valid(const char *c)
{
    return category_index(c) >= 0;
}

int category_refuse(const char *field, const char *value, struct cs_err *e)
{
    return cs_error(e, CS_EINPUT, field, value,
                    "unknown category (" CS_CATEGORIES(CS_NAME, ", ") ")");
}

int provider_valid(const char *p)
{
    return list_index(providers, p) >= 0;
}

const char *provider_canonical(const char *p)
{
    for (int i = 0; p && providers[i]; i++)
        if (!strcasecmp(providers[i], p))
            return providers[i];
    return NULL;
}

int provider_refuse(const char *field, const char *value, struct cs_err *e)
{
    return cs_error(e, CS_EINPUT, field, value,
                    "unknown provider (" CS_PROVIDERS(CS_NAME, ", ") ")");
}

void expense_release(struct expense *x)
{
    free(x->merchant);
    free(x->note);
    free(x->trip_slug);
    free(x->payment);
    free(x->receipt);
    free(x->provider);
    free(x->from);
    free(x->to);
    free(x->driver);
    free(x->recipient);
    free(x->occurrence);
    free(x->import_key);
    struct expense z = EXPENSE_INIT;
    *x = z;
}

int expense_check(const struct expense *x, int digits, struct cs_err *e)
{
    int ride = !strcmp(x->category, "ride"), lodging = !strcmp(x->category, "lodging");
    int64_t mag = x->amount < 0 ? -x->amount : x->amount;
    char a[32], b[32];
    if (!category_valid(x->category))
        return category_refuse("category", x->category, e);
    if (x->amount == 0 && !lodging)
        return cs_error(e, CS_EINPUT, "amount", "0",
                        "must be greater than zero (0 is for lodging only)");
    if (!ride) {
        static const char *const names[] = {"--provider", "--from", "--to", "--driver"};
        const char *const vals[] = {x->provider, x->from, x->to, x->driver};
        for (int i = 0; i < 4; i++)
            if (vals[i])
                return cs_error(e, CS_EINPUT, names[i], x->category, "only for ride expenses");
        if (x->tip >= 0)
            return cs_error(e, CS_EINPUT, "--tip", x->category, "only for ride expenses");
        if (x->platform_fee >= 0)
            return cs_error(e, CS_EINPUT, "--platform-fee", x->category, "only for ride expenses");
        if (x->shared >= 0)
            return cs_error(e, CS_EINPUT, "--shared", x->category, "only for ride expenses");
        if (x->rating >= 0)
            return cs_error(e, CS_EINPUT, "--rating", x->category, "only for ride expenses");
    }
    if (x->rating >= 0 && (x->rating < 1 || x->rating > 5)) {
        snprintf(a, sizeof a, "%d", x->rating);
        return cs_error(e, CS_EINPUT, "--rating", a, "must be a whole number from 1 to 5");
    }
    if (!lodging) {
        if (x->nights >= 0)
            return cs_error(e, CS_EINPUT, "--nights", x->category, "only for lodging expenses");
        if (x->compare_rate >= 0)
            return cs_error(e, CS_EINPUT, "--compare-rate", x->category,
                            "only for lodging expenses");
    }
    if (x->recipient && strcmp(x->category, "donation"))
        return cs_error(e, CS_EINPUT, "--recipient", x->category, "only for donation expenses");
    if (x->provider && !provider_valid(x->provider))
        return provider_refuse("--provider", x->provider, e);
    if (x->tip > mag) {
        money_format(x->tip, digits, a, sizeof a);
        money_format(mag, digits, b, sizeof b);
        return cs_error(e, CS_EINPUT, "--tip", a, "larger than the amount %s", b);
    }
    if (x->platform_fee >= 0 && x->platform_fee > mag - (x->tip > 0 ? x->tip : 0)) {
        money_format(x->platform_fee, digits, a, sizeof a);
        money_format(mag - (x->tip > 0 ? x->tip : 0), digits, b, sizeof b);
        return cs_error(e, CS_EINPUT, "--platform-fee", a, "larger than the fare %s", b);
    }
    return 0;
}

/* Bind every stored field of X from parameter 1 on, in the order of the insert below. */
static void bind_fields(sqlite3_stmt *st, const struct expense *x)
{
    sqlite3_bind_text(st, 1, x->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, x->category, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, x->amount);
    sqlite3_bind_text(st, 4, x->currency, -1, SQLITE_STATIC);
    db_bind_text(st, 5, x->merchant);
    db_bind_text(st, 6, x->note);
    if (x->trip_id > 0)
        sqlite3_bind_int64(st, 7, x->trip_id);
    else
        sqlite3_bind_null(st, 7);
    sqlite3_bind_int(st, 8, x->reimbursable ? 1 : 0);
    db_bind_text(st, 9, x->payment);
    db_bind_text(st, 10, x->receipt);
    db_bind_text(st, 11, x->provider);
    db_bind_text(st, 12, x->from);
    db_bind_text(st, 13, x->to);
    db_bind_text(st, 14, x->driver);
    db_bind_opt(st, 15, x->tip);
    db_bind_opt(st, 16, x->platform_fee);
    db_bind_opt(st, 17, x->shared);
    db_bind_opt(st, 18, x->nights);
    db_bind_opt(st, 19, x->compare_rate);
    db_bind_text(st, 20, x->recipient);
    db_bind_opt(st, 21, x->schedule_id > 0 ? x->schedule_id : -1);
    db_bind_text(st, 22, x->occurrence);
    db_bind_text(st, 23, x->import_key);
    db_bind_opt(st, 24, x->rating);
}

/* The insert of bind_fields()'s parameters, prepared once by whoever inserts many. */
static int insert_prepare(sqlite3 *db, sqlite3_stmt **st, struct cs_err *e)
{
    return db_prepare(db,
                      "INSERT INTO expense(date, category, amount, currency, merchant, note, "
                      "trip_id, reimbursable, payment, receipt, provider, origin, dest, driver, "
                      "tip, platform_fee, shared, nights, compare_rate, recipient, schedule_id, "
                      "occurrence, import_key, rating, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                      "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
                      "?21, ?22, ?23, ?24, unixepoch())",
                      st, e);
}

/* Insert X with ST (insert_prepare()), reset after; X's id is set. */
static int insert_step(sqlite3 *db, sqlite3_stmt *st, struct expense *x, struct cs_err *e)
{
    int rc;
    bind_fields(st, x);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "cannot save the expense", e);
    sqlite3_reset(st);
    if (rc)
        return rc;
    x->id = sqlite3_last_insert_rowid(db);
    return 0;
}

/* X's base amount (or none) onto its stored row: apart from the other fields, which the
 * bulk paths bind, since only add and edit give one. */
static int save_base_amount(sqlite3 *db, const struct expense *x, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, "UPDATE expense SET base_amount = ?1, base_currency = ?2 WHERE id = ?3", &st,
                   e))
        return CS_EFAIL;
    if (*x->base_currency) {
        sqlite3_bind_int64(st, 1, x->base_amount);
        sqlite3_bind_text(st, 2, x->base_currency, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 3, x->id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "cannot save the expense", e);
}

int expense_insert(sqlite3 *db, struct expense *x, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (insert_prepare(db, &st, e))
        return CS_EFAIL;
    rc = insert_step(db, st, x, e);
    sqlite3_finalize(st);
    if (!rc && *x->base_currency)
        rc = save_base_amount(db, x, e);
    return rc;
}

int expense_update(sqlite3 *db, const struct expense *x, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db,
                   "UPDATE expense SET date = ?1, category = ?2, amount = ?3, currency = ?4, "
                   "merchant = ?5, note = ?6, trip_id = ?7, reimbursable = ?8, payment = ?9, "
                   "receipt = ?10, provider = ?11, origin = ?12, dest = ?13, driver = ?14, "
                   "tip = ?15, platform_fee = ?16, shared = ?17, nights = ?18, "
                   "compare_rate = ?19, recipient = ?20, schedule_id = ?21, occurrence = ?22, "
                   "import_key = ?23, rating = ?24 WHERE id = ?25",
                   &st, e))
        return CS_EFAIL;
    bind_fields(st, x);
    sqlite3_bind_int64(st, 25, x->id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the expense", e);
    return save_base_amount(db, x, e);
}

int expense_delete(sqlite3 *db, int64_t id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    char ids[32];
    if (db_prepare(db, "DELETE FROM expense WHERE id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot remove the expense", e);
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    if (sqlite3_changes(db) == 0)
        return cs_error(e, CS_EINPUT, "id", ids, "no such expense");
    return 0;
}

/* The stored value of column I of ST, as a message shows it: its text, or "NULL". */
static const char *stored_value(sqlite3_stmt *st, int i)
{
    const char *s =
        sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, i);
    return s ? s : "NULL";
}

/* Column I of ST as text into *OUT, and whether OK accepts it. The storage class is not
 * asked (one call less per row and column on the loaders' hot paths): bytes that spell
 * an accepted value are that value, anything else fails OK. MEMO (N bytes, or NULL) holds
 * the last text accepted: the same text again (rows in date order repeat their date,
 * category and currency) is not checked again. */
static int text_ok(sqlite3_stmt *st, int i, int (*ok)(const char *), const char **out, char *memo,
                   size_t n)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    size_t len;
    *out = s;
    if (!s)
        return 0;
    if (memo && *memo && !strcmp(s, memo))
        return 1;
    if (!ok(s))
        return 0;
    if (memo && (len = strlen(s)) < n)
        memcpy(memo, s, len + 1);
    return 1;
}

static int is_real_date(const char *s)
{
    struct cs_date d;
    return !date_parse(s, &d, "date", NULL);
}

static int is_month(const char *s)
{
    struct cs_date d;
    return !month_parse(s, &d, "month", NULL);
}

/* Column I of ST is an integer of at least MIN, or NULL when NULL_OK. */
static int int_ok(sqlite3_stmt *st, int i, int64_t min, int null_ok)
{
    int type = sqlite3_column_type(st, i);
    if (type == SQLITE_NULL)
        return null_ok;
    return type == SQLITE_INTEGER && sqlite3_column_int64(st, i) >= min;
}

/* Fill E for column COL of ST's row (C): "TABLE ID: FIELD: WHAT (stored value)". */
static int refuse(sqlite3_stmt *st, const struct stored_columns *c, int col, const char *field,
                  const char *what, struct cs_err *e)
{
    char f[96];
    if (!e) /* the caller only asks whether the row is sound */
        return CS_EFAIL;
    snprintf(f, sizeof f, "%s %lld: %s", c->table, (long long)sqlite3_column_int64(st, c->id),
             field);
    return cs_error(e, CS_EFAIL, f, stored_value(st, col), "%s", what);
}

int stored_row_read(sqlite3_stmt *st, const struct stored_columns *c, struct stored_texts *t,
                    struct cs_err *e)
{
    static const char minor[] = "not stored as whole minor units of at least 0";
    const char *s;
    t->date = t->category = t->currency = NULL;
    if (c->date >= 0 &&
        !text_ok(st, c->date, is_real_date, &t->date, t->ok_date, sizeof t->ok_date))
        return refuse(st, c, c->date, c->date_name ? c->date_name : "date",
                      "not a real calendar date", e);
    if (c->category >= 0 && !text_ok(st, c->category, category_valid, &t->category, t->ok_category,
                                     sizeof t->ok_category))
        return refuse(st, c, c->category, "category", "not a known category", e);
    if (c->amount >= 0 && !int_ok(st, c->amount, INT64_MIN, 0))
        return refuse(st, c, c->amount, "amount", "not stored as whole minor units", e);
    if (c->currency >= 0 && !text_ok(st, c->currency, money_currency_known, &t->currency,
                                     t->ok_currency, sizeof t->ok_currency))
        return refuse(st, c, c->currency, "currency", "not a currency code confspend knows", e);
    if (c->provider >= 0 && sqlite3_column_type(st, c->provider) != SQLITE_NULL &&
        !text_ok(st, c->provider, provider_valid, &s, NULL, 0))
        return refuse(st, c, c->provider, "provider", "not a known provider", e);
    if (c->tip >= 0 && !int_ok(st, c->tip, 0, 1))
        return refuse(st, c, c->tip, "tip", minor, e);
    if (c->platform_fee >= 0 && !int_ok(st, c->platform_fee, 0, 1))
        return refuse(st, c, c->platform_fee, "platform_fee", minor, e);
    if (c->nights >= 0 && !int_ok(st, c->nights, 1, 1))
        return refuse(st, c, c->nights, "nights", "not a whole number of at least 1", e);
    if (c->compare_rate >= 0 && !int_ok(st, c->compare_rate, 0, 1))
        return refuse(st, c, c->compare_rate, "compare_rate", minor, e);
    if (c->reimbursable >= 0 &&
        !(int_ok(st, c->reimbursable, 0, 0) && sqlite3_column_int64(st, c->reimbursable) <= 1))
        return refuse(st, c, c->reimbursable, "reimbursable", "not 0 or 1", e);
    if (c->until_month >= 0 && sqlite3_column_type(st, c->until_month) != SQLITE_NULL &&
        !text_ok(st, c->until_month, is_month, &s, NULL, 0))
        return refuse(st, c, c->until_month, "until_month", "not a month (YYYY-MM)", e);
    if (c->posted_month >= 0 && sqlite3_column_type(st, c->posted_month) != SQLITE_NULL &&
        !text_ok(st, c->posted_month, is_month, &s, NULL, 0))
        return refuse(st, c, c->posted_month, "posted_month", "not a month (YYYY-MM)", e);
    return 0;
}

int stored_row_check(sqlite3_stmt *st, const struct stored_columns *c, struct cs_err *e)
{
    struct stored_texts t = STORED_TEXTS_INIT;
    return stored_row_read(st, c, &t, e);
}

const struct stored_columns expense_stored_columns = {
    .table = "expense",
    .date_name = "date",
    .id = 0,
    .date = 1,
    .category = 2,
    .amount = 3,
    .currency = 4,
    .reimbursable = 9,
    .provider = 12,
    .tip = 16,
    .platform_fee = 17,
    .nights = 19,
    .compare_rate = 20,
    .until_month = -1,
    .posted_month = -1,
};

int expense_from_row(sqlite3_stmt *st, struct expense *x, struct cs_err *e)
{
    struct expense z = EXPENSE_INIT;
    *x = z;
    if (stored_row_check(st, &expense_stored_columns, e))
        return CS_EFAIL;
    x->id = sqlite3_column_int64(st, 0);
    snprintf(x->date, sizeof x->date, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(x->category, sizeof x->category, "%s", (const char *)sqlite3_column_text(st, 2));
    x->amount = sqlite3_column_int64(st, 3);
    snprintf(x->currency, sizeof x->currency, "%s", (const char *)sqlite3_column_text(st, 4));
    x->merchant = db_col_dup(st, 5);
    x->note = db_col_dup(st, 6);
    x->trip_id = sqlite3_column_int64(st, 7);
    x->trip_slug = db_col_dup(st, 8);
    x->reimbursable = sqlite3_column_int(st, 9);
    x->payment = db_col_dup(st, 10);
    x->receipt = db_col_dup(st, 11);
    x->provider = db_col_dup(st, 12);
    x->from = db_col_dup(st, 13);
    x->to = db_col_dup(st, 14);
    x->driver = db_col_dup(st, 15);
#define OPT(i) (sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i))
    x->tip = OPT(16);
    x->platform_fee = OPT(17);
    x->shared = (int)OPT(18);
    x->nights = OPT(19);
    x->compare_rate = OPT(20);
    x->recipient = db_col_dup(st, 21);
    x->schedule_id = sqlite3_column_int64(st, 22);
    x->occurrence = db_col_dup(st, 23);
    x->import_key = db_col_dup(st, 24);
    if (sqlite3_column_type(st, 25) == SQLITE_TEXT)
        snprintf(x->uid, sizeof x->uid, "%s", (const char *)sqlite3_column_text(st, 25));
    if (sqlite3_column_type(st, 27) == SQLITE_TEXT && sqlite3_column_bytes(st, 27) == 3) {
        x->base_amount = sqlite3_column_int64(st, 26);
        snprintf(x->base_currency, sizeof x->base_currency, "%s",
                 (const char *)sqlite3_column_text(st, 27));
    }
    x->rating = (int)OPT(28); /* the schema's CHECK keeps it within 1..5 */
#undef OPT
    return 0;
}

int expense_load(sqlite3 *db, int64_t id, struct expense *x, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    char ids[32];
    if (db_prepare(db, "SELECT " EXPENSE_COLUMNS EXPENSE_FROM "WHERE e.id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && expense_from_row(st, x, e)) {
        sqlite3_finalize(st);
        return CS_EFAIL;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot read the expense", e);
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    return cs_error(e, CS_EINPUT, "id", ids, "no such expense");
}

/* The LIKE pattern (ESCAPE '\\') that matches text holding S: %S% with S's % _ \\ escaped.
 * Allocated; NULL for NULL. */
static char *like_pattern(const char *s)
{
    char *p, *d;
    if (!s)
        return NULL;
    p = d = xmalloc(2 * strlen(s) + 3);
    *d++ = '%';
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *d++ = '\\';
        *d++ = *s;
    }
    *d++ = '%';
    *d = 0;
    return p;
}

void expense_where(const struct expense_filter *f, char *out, size_t n)
{
    snprintf(out, n, "%s%s%s%s%s", f->trip_id ? " AND e.trip_id = ?1" : "",
             *f->since ? " AND e.date >= ?2" : "", *f->before ? " AND e.date < ?3" : "",
             f->reimbursable_only ? " AND e.reimbursable = 1" : "",
             f->claim_id ? " AND e.id IN (SELECT expense_id FROM claim_expense WHERE claim_id = ?4)"
                         : "");
}

void expense_where_bind(sqlite3_stmt *st, const struct expense_filter *f)
{
    /* absent conditions are not in the text; binding them is a harmless SQLITE_RANGE */
    sqlite3_bind_int64(st, 1, f->trip_id);
    sqlite3_bind_text(st, 2, f->since, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, f->before, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, f->claim_id);
}

/* "SELECT EXPENSE_COLUMNS ... WHERE <filter> ORDER BY date, id" into *ST, bound. */
static int expense_select(sqlite3 *db, const struct expense_filter *f, sqlite3_stmt **st,
                          struct cs_err *e)
{
    char sql[4096];
    /* a literal: the compiler sizes it; the array only has to hold it */
    _Static_assert(sizeof("SELECT " EXPENSE_COLUMNS EXPENSE_FROM) < 2048, "expense_select");
    snprintf(sql, sizeof sql,
             "SELECT " EXPENSE_COLUMNS EXPENSE_FROM
             "WHERE (?1 = 0 OR e.trip_id = ?1) AND (?2 = '' OR e.date >= ?2) "
             "AND (?3 = '' OR e.date < ?3) AND (?4 = '' OR e.category = ?4) "
             "AND (?5 = 0 OR e.reimbursable = 1) "
             "AND (?6 = '' OR e.provider = ?6) AND (?7 = 0 OR e.reimbursable = 0) "
             "AND (?8 IS NULL OR e.merchant LIKE ?8 ESCAPE '\\') "
             "AND (?9 IS NULL OR e.merchant LIKE ?9 ESCAPE '\\' OR e.note LIKE ?9 ESCAPE '\\' "
             "OR e.origin LIKE ?9 ESCAPE '\\' OR e.dest LIKE ?9 ESCAPE '\\' "
             "OR e.driver LIKE ?9 ESCAPE '\\' OR e.recipient LIKE ?9 ESCAPE '\\') "
             "AND (?10 = 0 OR e.id IN (SELECT expense_id FROM claim_expense WHERE claim_id = "
             "?10)) "
             "AND (?11 = 0 OR (e.reimbursable = 1 AND NOT EXISTS (SELECT 1 FROM claim_expense ce "
             "JOIN claim c ON c.id = ce.claim_id WHERE ce.expense_id = e.id "
             "AND c.status <> 'rejected'))) ORDER BY e.date, e.id");
    if (db_prepare(db, sql, st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(*st, 1, f->trip_id);
    sqlite3_bind_text(*st, 2, f->since, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 3, f->before, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 4, f->category, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(*st, 5, f->reimbursable_only);
    sqlite3_bind_text(*st, 6, f->provider, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(*st, 7, f->personal_only);
    if (f->merchant)
        sqlite3_bind_text(*st, 8, like_pattern(f->merchant), -1, free);
    if (f->search)
        sqlite3_bind_text(*st, 9, like_pattern(f->search), -1, free);
    sqlite3_bind_int64(*st, 10, f->claim_id);
    sqlite3_bind_int(*st, 11, f->unclaimed);
    return 0;
}

int expense_each(sqlite3 *db, const struct expense_filter *f,
                 int (*fn)(const struct expense *, void *), void *arg, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (expense_select(db, f, &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct expense x;
        if ((rc = expense_from_row(st, &x, e)))
            break;
        rc = fn(&x, arg);
        expense_release(&x);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the expenses", e);
}

int expense_parse_id(const char *s, int64_t *out, struct cs_err *e)
{
    return row_id_parse(s, "id", "not an expense id", out, e);
}

int expense_exists(sqlite3 *db, int64_t id, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    char ids[24];
    if (db_prepare(db, "SELECT 1 FROM expense WHERE id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot read the expense", e);
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    return cs_error(e, CS_EINPUT, "id", ids, "no such expense");
}

int expense_providers_check(sqlite3 *db, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    char f[64];
    /* the WHERE of the partial index expense_unknown_provider (0019), which answers it:
     * the list is CS_PROVIDERS, in its order, as the migration writes it out */
#define SQL_QUOTED(n) "'" #n "'"
#define SQL_LIST_SEP ", "
    if (db_prepare(db,
                   "SELECT id, provider FROM expense WHERE category = 'ride' AND provider NOT IN "
                   "(" CS_PROVIDERS(SQL_QUOTED, SQL_LIST_SEP) ") LIMIT 1",
                   &st, e))
        return CS_EFAIL;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(f, sizeof f, "expense %lld: provider", (long long)sqlite3_column_int64(st, 0));
        rc = cs_error(e, CS_EFAIL, f, stored_value(st, 1), "not a known provider");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "cannot read the expenses", e);
#undef SQL_QUOTED
#undef SQL_LIST_SEP
}
