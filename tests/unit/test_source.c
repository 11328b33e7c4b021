/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_source.c - import_source_run() on a real database, fed by a synthetic reader:
 * every row's fate (new, refund, skipped with its reason, present, matched), the rules,
 * trips by date, keys, matching and its ties, --dry-run's lines, all or nothing, undo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "confspend/change.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/import_source.h"

/* ---- a reader over an array of rows ---- */

struct fake {
    const struct src_row *rows;
    int n, i;
    long fail_at; /* a row whose line is this fails as bad input */
};

static int fake_next(void *self, struct src_row *row, struct cs_err *e)
{
    struct fake *f = self;
    if (f->i == f->n)
        return 0;
    if (f->rows[f->i].line == f->fail_at)
        return cs_error(e, CS_EINPUT, "line 9, column Amount", "12,3.4", "not an amount");
    *row = f->rows[f->i++];
    return 1;
}

static struct src_reader reader(struct fake *f)
{
    struct src_reader r = {f, fake_next, NULL, 0, NULL};
    f->i = 0;
    return r;
}

/* A row spent (or FATE) on DATE of AMOUNT minor units of USD at MERCHANT. */
static struct src_row row(long line, enum src_fate fate, const char *date, int64_t amount,
                          const char *merchant, int statement)
{
    struct src_row r;
    memset(&r, 0, sizeof r);
    r.line = line;
    r.fate = fate;
    snprintf(r.date, sizeof r.date, "%s", date);
    r.amount = amount;
    snprintf(r.currency, sizeof r.currency, "USD");
    r.merchant = merchant;
    r.tip = -1;
    r.statement = statement;
    return r;
}

/* ---- the database ---- */

static char dir[64], path[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_source.XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    char cmd[160];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void ctx_init(struct cs_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->db_opt = path;
    ctx->command = (char *)"confspend import test";
    assert_int_equal(date_parse("2019-06-01", &ctx->today, "today", NULL), 0);
    snprintf(ctx->today_s, sizeof ctx->today_s, "2019-06-01");
}

static void ctx_done(struct cs_ctx *ctx)
{
    if (ctx->db)
        db_close(ctx->db);
    ctx->db = NULL;
}

/* Run SQL on the database (made and migrated when new). */
static void sql(const char *q)
{
    struct cs_ctx ctx;
    ctx_init(&ctx);
    assert_int_equal(ctx_open_db(&ctx), 0);
    assert_int_equal(db_exec(ctx.db, q, &ctx.err), 0);
    ctx_done(&ctx);
}

/* The first column of the rows of Q, joined by '|', into BUF. */
static const char *query(const char *q, char *buf, size_t n)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    size_t len = 0;
    buf[0] = 0;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? "|" : "", t ? t : "NULL");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return buf;
}

/* Import RD (dry when DRY); stdout into OUT when given. */
static int run(struct src_reader *rd, int dry, char *out, size_t n)
{
    struct cs_ctx ctx;
    struct source_opts o = {dry, "test.csv"};
    int rc, saved = dup(1);
    char tmp[160];
    FILE *fp;
    snprintf(tmp, sizeof tmp, "%s/out", dir);
    fflush(stdout);
    assert_non_null(fp = freopen(tmp, "w", stdout));
    ctx_init(&ctx);
    rc = import_source_run(&ctx, rd, &o);
    if (rc)
        fprintf(stderr, "import: %s\n", ctx.err.msg);
    ctx_done(&ctx);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    if (out) {
        size_t k;
        fp = fopen(tmp, "r");
        k = fread(out, 1, n - 1, fp);
        out[k] = 0;
        fclose(fp);
        /* csv lines end in CRLF (RFC 4180): compared here as LF */
        for (char *r = out, *w = out;; r++)
            if (*r != '\r' && !(*w++ = *r))
                break;
    }
    return rc;
}

static void undo(void)
{
    struct cs_ctx ctx;
    int64_t id;
    char *summary = NULL;
    ctx_init(&ctx);
    assert_int_equal(ctx_open_db(&ctx), 0);
    assert_int_equal(db_begin(ctx.db, &ctx.err), 0);
    assert_int_equal(change_undo(ctx.db, &id, &summary, &ctx.err), 0);
    assert_int_equal(db_commit(ctx.db, &ctx.err), 0);
    free(summary);
    ctx_done(&ctx);
}

static void redo(void)
{
    struct cs_ctx ctx;
    int64_t id;
    char *summary = NULL;
    ctx_init(&ctx);
    assert_int_equal(ctx_open_db(&ctx), 0);
    assert_int_equal(db_begin(ctx.db, &ctx.err), 0);
    assert_int_equal(change_redo(ctx.db, &id, &summary, &ctx.err), 0);
    assert_int_equal(db_commit(ctx.db, &ctx.err), 0);
    free(summary);
    ctx_done(&ctx);
}

/* ---- the tests ---- */

/* A card statement into a new database: charges, a refund, money in that is a card
 * payment or a refund, a pending row, the built-in ride rules and a user's rule, trips by
 * date. */
static void fates_rules_trips(void **state)
{
    char buf[4096], out[1024];
    struct src_row rows[8];
    struct fake f = {rows, 8, 0, -1};
    struct src_reader rd;
    (void)state;
    sql("INSERT INTO trip(slug, name, start_date, end_date, currency) VALUES "
        "('pycon', 'PyCon', '2019-05-01', '2019-05-09', 'USD');"
        "INSERT INTO rule(pattern, field, category, reimbursable) VALUES "
        "('*starbucks*', 'merchant', 'meal', 1);"
        "INSERT INTO rule(pattern, field, skip) VALUES ('SHELL*', 'any', 1);");
    rows[0] = row(2, SRC_SPEND, "2019-05-02", 1250, "UBER *TRIP HELP.UBER.COM", 1);
    rows[1] = row(3, SRC_SPEND, "2019-05-03", 475, "SQ *STARBUCKS #123", 1);
    rows[2] = row(4, SRC_REFUND, "2019-05-04", 2000, "BEST BUY", 1);
    rows[3] = row(5, SRC_CREDIT, "2019-05-05", 50000, "AUTOPAY PAYMENT - THANK YOU", 1);
    rows[4] = row(6, SRC_CREDIT, "2019-05-20", 999, "AMAZON MKTP", 1);
    rows[5] = row(7, SRC_SKIP, "2019-05-06", 300, "PENDING COFFEE", 1);
    rows[5].skip_reason = "pending";
    rows[6] = row(8, SRC_SPEND, "2019-05-07", 4000, "SHELL OIL 123", 1);
    rows[7] = row(9, SRC_SPEND, "2019-05-08", 300, "LYFT *TIP WED 9AM", 1);
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    /* 5 stored (rows 2, 3, 4, 6, 9); 3 skipped: 5 (card payment), 7 (pending), 8 (rule 2) */
    assert_string_equal(out, "imported 5, matched 0, present 0, skipped 3 (card payment 1, "
                             "pending 1, rule 2 1)\n");
    assert_string_equal(
        query("SELECT date || ' ' || category || ' ' || amount || ' ' || coalesce(provider, '-') "
              "|| ' ' || coalesce(tip, '-') || ' ' || reimbursable || ' ' || "
              "coalesce((SELECT slug FROM trip WHERE id = trip_id), '-') || ' ' || source "
              "FROM expense ORDER BY id",
              buf, sizeof buf),
        "2019-05-02 ride 1250 uber - 0 pycon statement|"
        "2019-05-03 meal 475 - - 1 pycon statement|"
        "2019-05-04 other -2000 - - 0 pycon statement|"
        "2019-05-20 other -999 - - 0 - statement|"
        "2019-05-08 ride 300 lyft 300 0 pycon statement");
    /* importing it again adds nothing: every stored row is present */
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 0, matched 0, present 5, skipped 3 (card payment 1, "
                             "pending 1, rule 2 1)\n");
    assert_string_equal(query("SELECT count(*) FROM expense", buf, sizeof buf), "5");
    /* and a dry run says so row by row */
    rd = reader(&f);
    assert_int_equal(run(&rd, 1, out, sizeof out), 0);
    assert_string_equal(out, "line,result,date,category,amount,currency,merchant,expense\n"
                             "2,present,2019-05-02,ride,12.50,USD,UBER *TRIP HELP.UBER.COM,1\n"
                             "3,present,2019-05-03,meal,4.75,USD,SQ *STARBUCKS #123,2\n"
                             "4,present,2019-05-04,other,-20.00,USD,BEST BUY,3\n"
                             "5,skipped (card payment),2019-05-05,,-500.00,USD,"
                             "AUTOPAY PAYMENT - THANK YOU,\n"
                             "6,present,2019-05-20,other,-9.99,USD,AMAZON MKTP,4\n"
                             "7,skipped (pending),2019-05-06,,3.00,USD,PENDING COFFEE,\n"
                             "8,skipped (rule 2),2019-05-07,,40.00,USD,SHELL OIL 123,\n"
                             "9,present,2019-05-08,ride,3.00,USD,LYFT *TIP WED 9AM,5\n");
}

/* Statement rows against expenses typed by hand (SPEC "Matching"). */
static void matching(void **state)
{
    char buf[4096], out[2048];
    struct src_row rows[6];
    struct fake f = {rows, 6, 0, -1};
    struct src_reader rd;
    (void)state;
    /* typed by hand: two dinners of 42.00 on 05-03 (ids 1, 2), a ride of 12.50 on 05-02
     * at Uber (3) and one on 05-05 (4), a coffee of 4.75 at "Blue Bottle" (5); and a
     * statement row of another card, 18.00 on 05-06 (6), which no statement row matches */
    sql("INSERT INTO expense(date, category, amount, currency, merchant, created_at) VALUES "
        "('2019-05-03', 'meal', 4200, 'USD', 'Dinner at Nopa', 0),"
        "('2019-05-03', 'meal', 4200, 'USD', NULL, 0),"
        "('2019-05-02', 'ride', 1250, 'USD', 'Uber', 0),"
        "('2019-05-05', 'ride', 1250, 'USD', 'Uber', 0),"
        "('2019-05-05', 'meal', 475, 'USD', 'Blue Bottle', 0);"
        "INSERT INTO expense(date, category, amount, currency, merchant, created_at, source, "
        "import_key) VALUES ('2019-05-06', 'other', 1800, 'USD', 'CVS', 0, 'statement', 'k6');");
    /* line 2: NOPA 42.00 on 05-04 shares "nopa" with 1 (1 day), 2 has no merchant (1 day):
     *   a tie on the date, the lowest id: 1.
     * line 3: the second 42.00 on 05-04: 1 is taken, 2 is left: 2.
     * line 4: UBER *TRIP 12.50 on 05-04: 3 is 2 days away, 4 one day: 4.
     * line 5: UBER *TRIP 12.50 on 05-04 again: 3 (2 days).
     * line 6: SQ *COFFEE 4.75 on 05-05: no word shared with "Blue Bottle": new.
     * line 7: CVS 18.00 on 05-06: expense 6 came from a statement: new. */
    rows[0] = row(2, SRC_SPEND, "2019-05-04", 4200, "NOPA SAN FRANCISCO", 1);
    rows[1] = row(3, SRC_SPEND, "2019-05-04", 4200, "NOPA SAN FRANCISCO", 1);
    rows[2] = row(4, SRC_SPEND, "2019-05-04", 1250, "UBER *TRIP", 1);
    rows[3] = row(5, SRC_SPEND, "2019-05-04", 1250, "UBER *TRIP", 1);
    rows[4] = row(6, SRC_SPEND, "2019-05-05", 475, "SQ *COFFEE", 1);
    rows[5] = row(7, SRC_SPEND, "2019-05-06", 1800, "CVS", 1);
    rd = reader(&f);
    assert_int_equal(run(&rd, 1, out, sizeof out), 0);
    assert_string_equal(out, "line,result,date,category,amount,currency,merchant,expense\n"
                             "2,matched,2019-05-04,other,42.00,USD,NOPA SAN FRANCISCO,1\n"
                             "3,matched,2019-05-04,other,42.00,USD,NOPA SAN FRANCISCO,2\n"
                             "4,matched,2019-05-04,ride,12.50,USD,UBER *TRIP,4\n"
                             "5,matched,2019-05-04,ride,12.50,USD,UBER *TRIP,3\n"
                             "6,new,2019-05-05,other,4.75,USD,SQ *COFFEE,\n"
                             "7,new,2019-05-06,other,18.00,USD,CVS,\n");
    /* the dry run wrote nothing */
    assert_string_equal(query("SELECT count(*) FROM statement_match", buf, sizeof buf), "0");
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 2, matched 4, present 0, skipped 0\n");
    assert_string_equal(
        query("SELECT e.id || ' ' || coalesce(m.statement, '-') FROM "
              "expense e LEFT JOIN statement_match m ON m.expense_id = e.id ORDER BY e.id",
              buf, sizeof buf),
        "1 2019-05-04 NOPA SAN FRANCISCO|2 2019-05-04 NOPA SAN FRANCISCO|"
        "3 2019-05-04 UBER *TRIP|4 2019-05-04 UBER *TRIP|5 -|6 -|7 -|8 -");
    /* the matched expenses keep their own fields: the hand-typed amount, date, merchant */
    assert_string_equal(
        query("SELECT date || ' ' || merchant FROM expense WHERE id = 1", buf, sizeof buf),
        "2019-05-03 Dinner at Nopa");
    /* again: each row is present, by its new expense or the expense it confirmed */
    rd = reader(&f);
    assert_int_equal(run(&rd, 1, out, sizeof out), 0);
    assert_string_equal(out, "line,result,date,category,amount,currency,merchant,expense\n"
                             "2,present,2019-05-04,other,42.00,USD,NOPA SAN FRANCISCO,1\n"
                             "3,present,2019-05-04,other,42.00,USD,NOPA SAN FRANCISCO,2\n"
                             "4,present,2019-05-04,ride,12.50,USD,UBER *TRIP,4\n"
                             "5,present,2019-05-04,ride,12.50,USD,UBER *TRIP,3\n"
                             "6,present,2019-05-05,other,4.75,USD,SQ *COFFEE,7\n"
                             "7,present,2019-05-06,other,18.00,USD,CVS,8\n");
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 0, matched 0, present 6, skipped 0\n");
    /* undo takes the import back, confirmations too; redo brings both again */
    undo();
    assert_string_equal(
        query("SELECT e.id || ' ' || coalesce(m.statement, '-') || ' ' || coalesce(m.key, "
              "'-') FROM expense e LEFT JOIN statement_match m ON m.expense_id = e.id "
              "ORDER BY e.id",
              buf, sizeof buf),
        "1 - -|2 - -|3 - -|4 - -|5 - -|6 - -");
    redo();
    assert_string_equal(
        query("SELECT e.id || ' ' || coalesce(m.statement, '-') FROM "
              "expense e LEFT JOIN statement_match m ON m.expense_id = e.id ORDER BY e.id",
              buf, sizeof buf),
        "1 2019-05-04 NOPA SAN FRANCISCO|2 2019-05-04 NOPA SAN FRANCISCO|"
        "3 2019-05-04 UBER *TRIP|4 2019-05-04 UBER *TRIP|5 -|6 -|7 -|8 -");
}

/*
 * An import resolves a batch's statement rows from the expenses of the batch's dates read
 * at once, or, when those are many more than its rows (more than 4 a row and 4096), row by
 * row from the database: the same fates either way. CROWD adds 5,000 expenses on 05-04
 * that match nothing (amounts of 100.00 and up), so the second way is taken.
 */
static void confirm_once(int crowd)
{
    char buf[4096], out[1024];
    struct src_row rows[4], again[2];
    struct fake f = {rows, 4, 0, -1}, g = {again, 2, 0, -1};
    struct src_reader rd;
    /* typed: a dinner of 42.00 at Nopa on 05-03 (1), a ride of 12.50 at Uber on 05-02 (2),
     * a dinner of 42.00 in EUR on 05-04 (3), a lunch of 9.00 on 05-01 (4); from another
     * card's statement, 12.50 at Uber on 05-04 (5) */
    sql("INSERT INTO expense(date, category, amount, currency, merchant, created_at) VALUES "
        "('2019-05-03', 'meal', 4200, 'USD', 'Nopa', 0),"
        "('2019-05-02', 'ride', 1250, 'USD', 'Uber', 0),"
        "('2019-05-04', 'meal', 4200, 'EUR', 'Nopa', 0),"
        "('2019-05-01', 'meal', 900, 'USD', NULL, 0);"
        "INSERT INTO expense(date, category, amount, currency, merchant, created_at, source, "
        "import_key) VALUES ('2019-05-04', 'ride', 1250, 'USD', 'Uber', 0, 'statement', 'k5');");
    if (crowd)
        sql("WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 5000) "
            "INSERT INTO expense(date, category, amount, currency, merchant, created_at) "
            "SELECT '2019-05-04', 'other', 10000 + n, 'USD', 'Nopa', 0 FROM i;");
    /* line 2: NOPA 42.00 USD on 05-05: 1 (2 days; 3 is in EUR).
     * line 3: UBER 12.50 on 05-05: 2 is 3 days away, 5 came from a statement: 2.
     * line 4: 9.00 on 05-05: 4 is 4 days away: new.
     * line 5: NOPA 42.00 on 05-06: 1 is 3 days away but matched by line 2: new. */
    rows[0] = row(2, SRC_SPEND, "2019-05-05", 4200, "NOPA", 1);
    rows[1] = row(3, SRC_SPEND, "2019-05-05", 1250, "UBER *TRIP", 1);
    rows[2] = row(4, SRC_SPEND, "2019-05-05", 900, "DELI", 1);
    rows[3] = row(5, SRC_SPEND, "2019-05-06", 4200, "NOPA", 1);
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 2, matched 2, present 0, skipped 0\n");
    assert_string_equal(query("SELECT expense_id || ' ' || statement FROM statement_match "
                              "ORDER BY expense_id",
                              buf, sizeof buf),
                        "1 2019-05-05 NOPA|2 2019-05-05 UBER *TRIP");
    /* another statement, rows with keys of their own: 42.00 at Nopa on 05-04 finds 1
     * confirmed already and 3 in EUR: new; 12.50 at Uber on 05-03 finds 2 confirmed
     * and 5 from a statement: new */
    again[0] = row(2, SRC_SPEND, "2019-05-04", 4200, "NOPA SF", 1);
    again[0].key = "other-card-1";
    again[1] = row(3, SRC_SPEND, "2019-05-03", 1250, "UBER *TRIP", 1);
    again[1].key = "other-card-2";
    rd = reader(&g);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 2, matched 0, present 0, skipped 0\n");
    /* the first statement again: every row present, by the expense it confirmed or added */
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 0, matched 0, present 4, skipped 0\n");
    assert_string_equal(query("SELECT count(*) FROM statement_match", buf, sizeof buf), "2");
}

static void confirm_from_batch(void **state)
{
    (void)state;
    confirm_once(0);
}

static void confirm_row_by_row(void **state)
{
    (void)state;
    confirm_once(1);
}

/* A confirmation whose expense was removed confirms nothing: the statement row is matched
 * again (to the other dinner) or, re-imported, found present by that one. */
static void confirmation_removed(void **state)
{
    char buf[256], out[256];
    struct src_row rows[1];
    struct fake f = {rows, 1, 0, -1};
    struct src_reader rd;
    (void)state;
    sql("INSERT INTO expense(date, category, amount, currency, merchant, created_at) VALUES "
        "('2019-05-03', 'meal', 4200, 'USD', 'Nopa', 0),"
        "('2019-05-04', 'meal', 4200, 'USD', 'Nopa', 0);");
    rows[0] = row(2, SRC_SPEND, "2019-05-03", 4200, "NOPA", 1);
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 0, matched 1, present 0, skipped 0\n");
    sql("DELETE FROM expense WHERE id = 1");
    rd = reader(&f);
    assert_int_equal(run(&rd, 1, out, sizeof out), 0);
    assert_string_equal(out, "line,result,date,category,amount,currency,merchant,expense\n"
                             "2,matched,2019-05-03,other,42.00,USD,NOPA,2\n");
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 0, matched 1, present 0, skipped 0\n");
    rd = reader(&f);
    assert_int_equal(run(&rd, 1, out, sizeof out), 0);
    assert_string_equal(out, "line,result,date,category,amount,currency,merchant,expense\n"
                             "2,present,2019-05-03,other,42.00,USD,NOPA,2\n");
    assert_string_equal(
        query("SELECT group_concat(expense_id, ' ') FROM statement_match", buf, sizeof buf), "1 2");
}

/* A bad row leaves nothing behind: no expense, no confirmation, no change. */
static void all_or_nothing(void **state)
{
    char buf[256];
    struct src_row rows[3];
    struct fake f = {rows, 3, 0, 4};
    struct src_reader rd;
    (void)state;
    sql("INSERT INTO expense(date, category, amount, currency, merchant, created_at) VALUES "
        "('2019-05-03', 'meal', 4200, 'USD', 'Nopa', 0);");
    rows[0] = row(2, SRC_SPEND, "2019-05-03", 4200, "NOPA", 1);
    rows[1] = row(3, SRC_SPEND, "2019-05-03", 100, "GUM", 1);
    rows[2] = row(4, SRC_SPEND, "2019-05-03", 100, "GUM", 1);
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, NULL, 0), CS_EINPUT);
    assert_string_equal(
        query("SELECT count(*) || ' ' || (SELECT count(*) FROM statement_match) FROM expense", buf,
              sizeof buf),
        "1 0");
    assert_string_equal(
        query("SELECT count(*) FROM change WHERE summary LIKE 'import%'", buf, sizeof buf), "0");
    /* a row of the reader's with a date that is not one */
    f.fail_at = -1;
    snprintf(rows[2].date, sizeof rows[2].date, "2019-02-30");
    rd = reader(&f);
    assert_int_equal(run(&rd, 0, NULL, 0), CS_EINPUT);
    assert_string_equal(query("SELECT count(*) FROM expense", buf, sizeof buf), "1");
}

/* Keys: a source's own key twice in one file is one row; two identical rows without a
 * key are two (the count of identical rows before). A ride export's rows are not
 * statement rows: they are never matched, and a statement row can match them. */
static void keys_and_exports(void **state)
{
    char buf[1024], out[1024];
    struct src_row ex[3], st[2];
    struct fake fe = {ex, 3, 0, -1}, fs = {st, 2, 0, -1};
    struct src_reader rd;
    (void)state;
    ex[0] = row(2, SRC_SPEND, "2019-05-02", 1250, "Uber", 0);
    ex[0].category = "ride";
    ex[0].provider = "uber";
    ex[0].from = "Hotel";
    ex[0].to = "Venue";
    ex[0].key = "trip-aaa";
    ex[1] = ex[0]; /* the same trip twice in the export */
    ex[1].line = 3;
    ex[2] = ex[0];
    ex[2].line = 4;
    ex[2].key = "trip-bbb";
    rd = reader(&fe);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 2, matched 0, present 1, skipped 0\n");
    assert_string_equal(query("SELECT import_key || ' ' || source || ' ' || origin || ' ' || dest "
                              "FROM expense ORDER BY id",
                              buf, sizeof buf),
                        "trip-aaa export Hotel Venue|trip-bbb export Hotel Venue");
    /* the card statement has both rides, a day later: one expense per ride */
    st[0] = row(2, SRC_SPEND, "2019-05-03", 1250, "UBER *TRIP HELP.UBER.COM", 1);
    st[1] = row(3, SRC_SPEND, "2019-05-03", 1250, "UBER *TRIP HELP.UBER.COM", 1);
    rd = reader(&fs);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 0, matched 2, present 0, skipped 0\n");
    /* identical statement rows without keys on another day are two expenses */
    snprintf(st[0].date, 11, "2019-05-20");
    snprintf(st[1].date, 11, "2019-05-20");
    rd = reader(&fs);
    assert_int_equal(run(&rd, 0, out, sizeof out), 0);
    assert_string_equal(out, "imported 2, matched 0, present 0, skipped 0\n");
    assert_string_equal(query("SELECT count(*) FROM expense", buf, sizeof buf), "4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(fates_rules_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(matching, setup, teardown),
        cmocka_unit_test_setup_teardown(confirm_from_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(confirm_row_by_row, setup, teardown),
        cmocka_unit_test_setup_teardown(confirmation_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(keys_and_exports, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
