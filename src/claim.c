/* SPDX-License-Identifier: GPL-3.0-or-later */
/* claim.c - claims: gathering reimbursable expenses, the status machine, payments, the
 * locks on claimed expenses and the claims report. */
#include "confspend/claim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/rate.h"

void claim_release(struct claim *c)
{
    free(c->title);
    free(c->note);
    memset(c, 0, sizeof *c);
}

int claim_parse_id(const char *s, int64_t *id, struct cs_err *e)
{
    return row_id_parse(s, "claim", "not a claim number", id, e);
}

int claim_amount_in(sqlite3 *db, const struct expense *x, const char *cur, int64_t *out,
                    struct cs_err *e)
{
    struct rate_conv *c = rate_conv_new(db, cur);
    int rc = rate_conv_expense(c, x->currency, x->date, x->amount,
                               *x->base_currency ? x->base_currency : NULL, x->base_amount, out,
                               NULL, e);
    rate_conv_free(c);
    return rc;
}

/* Claim ID's expenses, each with its amount in the claim's currency: the one stored at
 * submission (0018), else as the workbook converts it now (what the card charged, else the
 * rate of its date). Columns: expense id, then the amount NULL when none is stored. */
#define CLAIM_ROWS_SQL                                                                             \
    "SELECT e.id, e.currency, e.date, e.amount, e.base_currency, e.base_amount, ce.amount "        \
    "FROM claim_expense ce JOIN expense e ON e.id = ce.expense_id WHERE ce.claim_id = ?1"

/* The amount in CONV's currency of the claim row ST is on (CLAIM_ROWS_SQL); FRESH: as of
 * now, whatever is stored. */
static int row_amount(struct rate_conv *conv, sqlite3_stmt *st, int fresh, int64_t *v,
                      struct cs_err *e)
{
    const char *c = (const char *)sqlite3_column_text(st, 1);
    const char *d = (const char *)sqlite3_column_text(st, 2);
    if (!fresh && sqlite3_column_type(st, 6) != SQLITE_NULL) {
        *v = sqlite3_column_int64(st, 6);
        return 0;
    }
    return rate_conv_expense(conv, c ? c : "", d ? d : "", sqlite3_column_int64(st, 3),
                             (const char *)sqlite3_column_text(st, 4), sqlite3_column_int64(st, 5),
                             v, NULL, e);
}

int claim_fixed_amount(sqlite3 *db, int64_t id, int64_t expense_id, int64_t *v, char cur[4],
                       struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc, fixed = 0;
    if (db_prepare(db,
                   "SELECT ce.amount, c.currency FROM claim_expense ce JOIN claim c ON c.id = "
                   "ce.claim_id WHERE ce.claim_id = ?1 AND ce.expense_id = ?2 AND ce.amount "
                   "IS NOT NULL AND ce.amount <> 0",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, expense_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *v = sqlite3_column_int64(st, 0);
        snprintf(cur, 4, "%s", (const char *)sqlite3_column_text(st, 1));
        fixed = 1;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, "cannot read the claim's expenses", e);
    return fixed;
}

/* The sum of claim ID's expenses in CUR into *SUM, and how many into *N. */
static int claim_sum(sqlite3 *db, int64_t id, const char *cur, int64_t *sum, int64_t *n,
                     struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc = 0, step;
    struct money_sum acc = MONEY_SUM_INIT;
    struct rate_conv *conv;
    *n = 0;
    if (db_prepare(db, CLAIM_ROWS_SQL, &st, e))
        return CS_EFAIL;
    conv = rate_conv_new(db, cur);
    sqlite3_bind_int64(st, 1, id);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t v;
        if (!(rc = row_amount(conv, st, 0, &v, e))) {
            money_sum_add(&acc, v);
            (*n)++;
        }
    }
    sqlite3_finalize(st);
    rate_conv_free(conv);
    if (rc)
        return rc;
    if (step != SQLITE_DONE)
        return db_fail(db, "cannot read the claim's expenses", e);
    if (money_sum_get(acc, sum))
        return cs_error(e, CS_EFAIL, "claim", NULL,
                        "the amounts add up to more than a total holds");
    return 0;
}

/* Store the amount of each expense of claim ID in CUR as of now (EXPENSE_ID: only that
 * one's; 0: all). */
static int claim_fix_amounts(sqlite3 *db, int64_t id, const char *cur, int64_t expense_id,
                             struct cs_err *e)
{
    sqlite3_stmt *st, *up = NULL;
    int rc = 0, step;
    struct rate_conv *conv;
    if (db_prepare(db, CLAIM_ROWS_SQL, &st, e))
        return CS_EFAIL;
    if (db_prepare(db,
                   "UPDATE claim_expense SET amount = ?1 WHERE claim_id = ?2 AND expense_id = ?3",
                   &up, e)) {
        sqlite3_finalize(st);
        return CS_EFAIL;
    }
    conv = rate_conv_new(db, cur);
    sqlite3_bind_int64(st, 1, id);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t v, x = sqlite3_column_int64(st, 0);
        if (expense_id && x != expense_id)
            continue;
        if ((rc = row_amount(conv, st, 1, &v, e)))
            break;
        sqlite3_reset(up);
        sqlite3_bind_int64(up, 1, v);
        sqlite3_bind_int64(up, 2, id);
        sqlite3_bind_int64(up, 3, x);
        if (sqlite3_step(up) != SQLITE_DONE)
            rc = db_fail(db, "cannot change the claim", e);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    rate_conv_free(conv);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the claim's expenses", e);
}

/* The figures of C (its row loaded): claimed, paid, outstanding, paid_on. */
static int claim_figures(sqlite3 *db, struct claim *c, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = claim_sum(db, c->id, c->currency, &c->claimed, &c->expenses, e)))
        return rc;
    if (db_prepare(db,
                   "SELECT coalesce(sum(amount), 0), max(date) FROM claim_payment "
                   "WHERE claim_id = ?1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, c->id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_fail(db, "cannot read the claim's payments", e);
    }
    c->paid = sqlite3_column_int64(st, 0); /* integers: SQLite's sum() refuses an overflow */
    snprintf(c->paid_on, sizeof c->paid_on, "%s",
             sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
    sqlite3_finalize(st);
    c->outstanding = 0;
    if (!strcmp(c->status, "submitted") || !strcmp(c->status, "approved") ||
        !strcmp(c->status, "partly paid"))
        c->outstanding = c->claimed > c->paid ? c->claimed - c->paid : 0;
    return 0;
}

#define CLAIM_SQL                                                                                  \
    "SELECT id, title, status, currency, created, submitted, approved, rejected, note FROM claim "

static void text_into(char *buf, size_t n, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(buf, n, "%s", t ? (const char *)t : "");
}

static void claim_from_row(sqlite3_stmt *st, struct claim *c)
{
    c->id = sqlite3_column_int64(st, 0);
    c->title = db_col_dup(st, 1);
    text_into(c->status, sizeof c->status, st, 2);
    text_into(c->currency, sizeof c->currency, st, 3);
    text_into(c->created, sizeof c->created, st, 4);
    text_into(c->submitted, sizeof c->submitted, st, 5);
    text_into(c->approved, sizeof c->approved, st, 6);
    text_into(c->rejected, sizeof c->rejected, st, 7);
    c->note = db_col_dup(st, 8);
}

int claim_load(sqlite3 *db, int64_t id, struct claim *c, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    char ids[24];
    if (db_prepare(db, CLAIM_SQL "WHERE id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        claim_from_row(st, c);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        snprintf(ids, sizeof ids, "%lld", (long long)id);
        return cs_error(e, CS_EINPUT, "claim", ids, "no such claim");
    }
    if (rc != SQLITE_ROW)
        return db_fail(db, "cannot read the claim", e);
    return claim_figures(db, c, e);
}

int claim_each(sqlite3 *db, int (*fn)(const struct claim *, void *), void *arg, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc = 0, step;
    if (db_prepare(db, CLAIM_SQL "ORDER BY id", &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct claim c = CLAIM_INIT;
        claim_from_row(st, &c);
        if (!(rc = claim_figures(db, &c, e)))
            rc = fn(&c, arg);
        claim_release(&c);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the claims", e);
}

/* The ids claim_create() gathers. */
struct gather {
    int64_t *ids;
    size_t n, cap;
};

static int gather_one(const struct expense *x, void *arg)
{
    struct gather *g = arg;
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 64;
        g->ids = xrealloc(g->ids, g->cap * sizeof *g->ids);
    }
    g->ids[g->n++] = x->id;
    return 0;
}

int claim_create(sqlite3 *db, const char *today, const struct expense_filter *f, const char *title,
                 const char *label, int64_t *id, struct cs_err *e)
{
    struct expense_filter g = *f;
    struct gather ids = {NULL, 0, 0};
    sqlite3_stmt *st = NULL;
    char base[4];
    int rc;
    g.unclaimed = 1;
    g.reimbursable_only = 1;
    if ((rc = config_base_currency(db, base, e)) ||
        (rc = expense_each(db, &g, gather_one, &ids, e)))
        goto cleanup;
    if (!ids.n) {
        rc = cs_error(e, CS_EINPUT, "claim", label,
                      "nothing to claim: no reimbursable expense in no claim");
        goto cleanup;
    }
    if (db_prepare(db, "INSERT INTO claim(title, currency, created) VALUES (?1, ?2, ?3)", &st, e)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    db_bind_text(st, 1, title);
    sqlite3_bind_text(st, 2, base, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = db_fail(db, "cannot store the claim", e);
        goto cleanup;
    }
    *id = sqlite3_last_insert_rowid(db);
    sqlite3_finalize(st);
    if (db_prepare(db, "INSERT INTO claim_expense(claim_id, expense_id) VALUES (?1, ?2)", &st, e)) {
        st = NULL;
        rc = CS_EFAIL;
        goto cleanup;
    }
    for (size_t i = 0; i < ids.n; i++) {
        sqlite3_bind_int64(st, 1, *id);
        sqlite3_bind_int64(st, 2, ids.ids[i]);
        if (sqlite3_step(st) != SQLITE_DONE) {
            rc = db_fail(db, "cannot store the claim", e);
            goto cleanup;
        }
        sqlite3_reset(st);
    }
    { /* refunds count negative: a claim that adds up to nothing or less claims nothing */
        int64_t sum, n;
        char a[32];
        if ((rc = claim_sum(db, *id, base, &sum, &n, e)))
            goto cleanup;
        if (sum <= 0) {
            int d = money_digits(base);
            money_format(sum, d < 0 ? 2 : d, a, sizeof a);
            rc = cs_error(e, CS_EINPUT, "claim", label,
                          "nothing to claim: the %lld expense%s add%s up to %s %s", (long long)n,
                          n == 1 ? "" : "s", n == 1 ? "s" : "", a, base);
        }
    }
cleanup:
    sqlite3_finalize(st);
    free(ids.ids);
    return rc;
}

/* "claim N" into BUF, the field of a claim's errors. */
static const char *claim_field(int64_t id, char buf[32])
{
    snprintf(buf, 32, "claim %lld", (long long)id);
    return buf;
}

static int set_status(sqlite3 *db, int64_t id, const char *status, const char *date_col,
                      const char *date, const char *note, struct cs_err *e)
{
    sqlite3_stmt *st;
    char sql[160];
    int rc;
    snprintf(sql, sizeof sql, "UPDATE claim SET status = ?1%s%s%s%s WHERE id = ?4",
             date_col ? ", " : "", date_col ? date_col : "", date_col ? " = ?2" : "",
             note ? ", note = ?3" : "");
    if (db_prepare(db, sql, &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    if (date_col)
        sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    if (note)
        sqlite3_bind_text(st, 3, note, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "cannot change the claim", e);
}

int claim_move(sqlite3 *db, int64_t id, const char *to, const char *date, const char *note,
               struct cs_err *e)
{
    struct claim c = CLAIM_INIT;
    char field[32];
    int rc, ok;
    const char *col, *need, *after;
    if ((rc = claim_load(db, id, &c, e)))
        return rc;
    if (!strcmp(to, "submitted")) {
        ok = !strcmp(c.status, "draft");
        col = "submitted";
        need = "only a draft claim can be submitted";
    } else if (!strcmp(to, "approved")) {
        ok = !strcmp(c.status, "submitted");
        col = "approved";
        need = "only a submitted claim can be approved";
    } else {
        ok = !strcmp(c.status, "submitted") || !strcmp(c.status, "approved");
        col = "rejected";
        need = "only a submitted or approved claim can be rejected";
    }
    /* each step of the desk's on or after the one before it (submitted, approved); a claim
     * may be submitted before it was made here (entered after the fact) */
    after = col[0] == 's' ? "" : *c.approved ? c.approved : c.submitted;
    if (!ok)
        rc = cs_error(e, CS_EINPUT, claim_field(id, field), c.status, "%s", need);
    else if (strcmp(date, after) < 0)
        rc = cs_error(e, CS_EINPUT, "--date", date, "before claim %lld was %s on %s", (long long)id,
                      *c.approved ? "approved" : "submitted", after);
    else if (!(rc = set_status(db, id, to, col, date, note, e)) && col[0] == 's')
        rc = claim_fix_amounts(db, id, c.currency, 0, e); /* what is claimed from now on */
    claim_release(&c);
    return rc;
}

int claim_pay(sqlite3 *db, int64_t id, int64_t amount, const char *date, struct cs_err *e)
{
    struct claim c = CLAIM_INIT;
    sqlite3_stmt *st;
    char field[32];
    int rc;
    int64_t paid;
    if ((rc = claim_load(db, id, &c, e)))
        return rc;
    if (strcmp(c.status, "approved") && strcmp(c.status, "partly paid")) {
        rc = cs_error(e, CS_EINPUT, claim_field(id, field), c.status,
                      "only an approved or partly paid claim can be paid");
        goto cleanup;
    }
    if (strcmp(date, c.approved) < 0) {
        rc = cs_error(e, CS_EINPUT, "--date", date, "before claim %lld was approved on %s",
                      (long long)id, c.approved);
        goto cleanup;
    }
    paid = c.paid;
    if (money_add(&paid, amount)) {
        rc = cs_error(e, CS_EINPUT, "amount", NULL,
                      "the payments add up to more than a total holds");
        goto cleanup;
    }
    if (db_prepare(db, "INSERT INTO claim_payment(claim_id, date, amount) VALUES (?1, ?2, ?3)", &st,
                   e)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, amount);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        rc = db_fail(db, "cannot store the payment", e);
        goto cleanup;
    }
    rc = set_status(db, id, paid >= c.claimed ? "paid" : "partly paid", NULL, NULL, NULL, e);
cleanup:
    claim_release(&c);
    return rc;
}

int claim_remove(sqlite3 *db, int64_t id, struct cs_err *e)
{
    struct claim c = CLAIM_INIT;
    char field[32];
    int rc;
    if ((rc = claim_load(db, id, &c, e)))
        return rc;
    if (strcmp(c.status, "draft"))
        rc = cs_error(e, CS_EINPUT, claim_field(id, field), c.status,
                      "only a draft claim can be removed");
    else {
        sqlite3_stmt *st;
        static const char *const sql[] = {"DELETE FROM claim_expense WHERE claim_id = ?1",
                                          "DELETE FROM claim WHERE id = ?1"};
        for (int i = 0; i < 2 && !rc; i++) {
            if (db_prepare(db, sql[i], &st, e)) {
                rc = CS_EFAIL;
                break;
            }
            sqlite3_bind_int64(st, 1, id);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = db_fail(db, "cannot remove the claim", e);
            sqlite3_finalize(st);
        }
    }
    claim_release(&c);
    return rc;
}

int claim_lock_of(sqlite3 *db, int64_t expense_id, int64_t *claim_id, char status[12],
                  struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    *claim_id = 0;
    status[0] = 0;
    if (db_prepare(db,
                   "SELECT c.id, c.status FROM claim_expense ce JOIN claim c ON c.id = ce.claim_id "
                   "WHERE ce.expense_id = ?1 AND c.status NOT IN ('draft', 'rejected') "
                   "ORDER BY c.id DESC LIMIT 1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, expense_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *claim_id = sqlite3_column_int64(st, 0);
        snprintf(status, 12, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, "cannot read the claims", e);
}

/* A paid or partly paid claim ID's status as its payments and its total now say. */
static int restatus(sqlite3 *db, int64_t id, struct cs_err *e)
{
    struct claim c = CLAIM_INIT;
    int rc;
    const char *now;
    if ((rc = claim_load(db, id, &c, e)))
        return rc;
    now = c.paid >= c.claimed ? "paid" : "partly paid";
    if ((!strcmp(c.status, "paid") || !strcmp(c.status, "partly paid")) && strcmp(c.status, now))
        rc = set_status(db, id, now, NULL, NULL, NULL, e);
    claim_release(&c);
    return rc;
}

/* The claims past draft, not rejected, that hold expense EXPENSE_ID (an expense is in one
 * such claim at most, as claim new gathers only unclaimed ones; a few are allowed for). */
struct holding {
    int64_t id[8];
    char cur[8][4];
    int n;
};

static int holding_claims(sqlite3 *db, int64_t expense_id, struct holding *h, struct cs_err *e)
{
    sqlite3_stmt *st;
    int step;
    h->n = 0;
    if (db_prepare(db,
                   "SELECT c.id, c.currency FROM claim_expense ce JOIN claim c ON c.id = "
                   "ce.claim_id WHERE ce.expense_id = ?1 AND c.status NOT IN ('draft', "
                   "'rejected') ORDER BY c.id LIMIT 8",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, expense_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        h->id[h->n] = sqlite3_column_int64(st, 0);
        snprintf(h->cur[h->n], sizeof h->cur[0], "%s", (const char *)sqlite3_column_text(st, 1));
        h->n++;
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the claims", e);
}

int claim_expense_changed(sqlite3 *db, int64_t expense_id, int money, int *left, struct cs_err *e)
{
    struct holding h;
    int rc;
    *left = 0;
    if ((rc = holding_claims(db, expense_id, &h, e)))
        return rc;
    /* made personal: out of every claim (a rejected one too, so that its export and its
     * total agree) */
    if ((rc = db_exec2(db,
                       "DELETE FROM claim_expense WHERE expense_id = ?1 AND EXISTS (SELECT 1 "
                       "FROM expense WHERE id = ?1 AND reimbursable = 0)",
                       expense_id, 0, "cannot change the claims", e)))
        return rc;
    *left = sqlite3_changes(db);
    /* only a change of its money is claimed anew (a rate entered since changes nothing) */
    for (int i = 0; i < h.n; i++)
        if ((!*left && money && (rc = claim_fix_amounts(db, h.id[i], h.cur[i], expense_id, e))) ||
            (rc = restatus(db, h.id[i], e)))
            return rc;
    return 0;
}

int claim_forget_expense(sqlite3 *db, int64_t expense_id, struct cs_err *e)
{
    struct holding h;
    int rc;
    if ((rc = holding_claims(db, expense_id, &h, e)) ||
        (rc = db_exec2(db, "DELETE FROM claim_expense WHERE expense_id = ?1", expense_id, 0,
                       "cannot change the claims", e)))
        return rc;
    for (int i = 0; i < h.n; i++) /* they claim less now: their paid status follows */
        if ((rc = restatus(db, h.id[i], e)))
            return rc;
    return 0;
}

/* The report's accumulation: one row per status, in the order they are listed. */
static const char *const report_order[] = {"draft", "submitted", "approved", "partly paid",
                                           "paid",  "rejected",  NULL};
struct report_acc {
    struct claim_report_row rows[6];
    int any[6];
    int overflow;
    sqlite3 *db;
    const char *base;
    struct cs_err *e;
};

static int report_one(const struct claim *c, void *arg)
{
    struct report_acc *a = arg;
    int64_t claimed = c->claimed, paid = c->paid, outstanding = c->outstanding;
    int rc;
    if (strcmp(c->currency, a->base)) {
        /* a claim in another currency than today's base (the base was changed after it):
         * its figures at the rate of the day it was submitted (made, for a draft), so the
         * rows add one currency */
        const char *d = *c->submitted ? c->submitted : c->created;
        if ((rc = rate_convert(a->db, c->currency, d, a->base, c->claimed, &claimed, a->e)) ||
            (rc = rate_convert(a->db, c->currency, d, a->base, c->paid, &paid, a->e)) ||
            (rc = rate_convert(a->db, c->currency, d, a->base, c->outstanding, &outstanding, a->e)))
            return rc;
    }
    for (int i = 0; report_order[i]; i++)
        if (!strcmp(report_order[i], c->status)) {
            struct claim_report_row *r = &a->rows[i];
            a->any[i] = 1;
            r->claims++;
            r->expenses += c->expenses;
            if (money_add(&r->claimed, claimed) || money_add(&r->paid, paid) ||
                money_add(&r->outstanding, outstanding))
                a->overflow = 1;
        }
    return 0;
}

struct unclaimed_acc {
    sqlite3 *db;
    const char *base;
    int64_t n;
    struct money_sum sum;
    struct cs_err *e;
};

static int unclaimed_one(const struct expense *x, void *arg)
{
    struct unclaimed_acc *u = arg;
    int64_t v;
    int rc;
    if ((rc = claim_amount_in(u->db, x, u->base, &v, u->e)))
        return rc;
    money_sum_add(&u->sum, v);
    u->n++;
    return 0;
}

int claim_report(sqlite3 *db, const char *base, int (*fn)(const struct claim_report_row *, void *),
                 void *arg, struct cs_err *e)
{
    struct report_acc a;
    struct expense_filter f;
    struct unclaimed_acc u = {db, base, 0, MONEY_SUM_INIT, e};
    struct claim_report_row un = {"unclaimed", -1, 0, 0, 0, 0}, tot = {"total", 0, 0, 0, 0, 0};
    int rc;
    memset(&a, 0, sizeof a);
    memset(&f, 0, sizeof f);
    a.db = db;
    a.base = base;
    a.e = e;
    for (int i = 0; report_order[i]; i++)
        a.rows[i].status = report_order[i];
    if ((rc = claim_each(db, report_one, &a, e)))
        return rc;
    f.unclaimed = 1;
    if ((rc = expense_each(db, &f, unclaimed_one, &u, e)))
        return rc;
    un.expenses = u.n;
    if (money_sum_get(u.sum, &un.claimed))
        return cs_error(e, CS_EFAIL, "report", NULL,
                        "the amounts add up to more than a total holds");
    for (int i = 0; i < 6; i++) {
        if (!a.any[i])
            continue;
        tot.claims += a.rows[i].claims;
        tot.expenses += a.rows[i].expenses;
        if (money_add(&tot.claimed, a.rows[i].claimed) || money_add(&tot.paid, a.rows[i].paid) ||
            money_add(&tot.outstanding, a.rows[i].outstanding))
            a.overflow = 1;
    }
    tot.expenses += un.expenses;
    if (a.overflow || money_add(&tot.claimed, un.claimed))
        return cs_error(e, CS_EFAIL, "report", NULL,
                        "the amounts add up to more than a total holds");
    for (int i = 0; i < 6; i++)
        if (a.any[i] && (rc = fn(&a.rows[i], arg)))
            return rc;
    if ((rc = fn(&un, arg)))
        return rc;
    return fn(&tot, arg);
}
