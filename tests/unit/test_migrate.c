/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_migrate.c - every schema version upgrades to the latest with its data intact, and a
 * database from a newer confspend is refused and left byte-for-byte alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "confspend/db.h"
#include "confspend/migrate.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/confspend-test-migrate-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s: %s", sql, err);
}

static int user_version(sqlite3 *db)
{
    struct cs_err e = CS_ERR_INIT;
    int v = -1;
    if (migrate_version(db, &v, &e))
        fail_msg("migrate_version: %s", e.msg);
    return v;
}

/* One integer from SQL. */
static long long one_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) != SQLITE_ROW)
        fail_msg("%s: no row", sql);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void append(char **buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    *buf = realloc(*buf, *len + n + 1);
    assert_non_null(*buf);
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* "table:col1,col2\n" for every user table of DB and the columns it has now. Allocated. */
static char *table_columns(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    size_t len = 0;
    append(&out, &len, "");
    if (sqlite3_prepare_v2(db,
                           "SELECT m.name || ':' || (SELECT group_concat(name, ',') FROM "
                           "pragma_table_info(m.name)) FROM sqlite_master m WHERE m.type = "
                           "'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name",
                           -1, &st, NULL) != SQLITE_OK)
        fail_msg("table_columns: %s", sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW) {
        append(&out, &len, (const char *)sqlite3_column_text(st, 0));
        append(&out, &len, "\n");
    }
    sqlite3_finalize(st);
    return out;
}

/*
 * The rows of the tables in SPEC (from table_columns()), only the columns listed there,
 * each row as quote(col1)|quote(col2)|..., sorted: so data written at an old version can
 * be compared after an upgrade that adds tables or columns. Allocated.
 */
static char *dump(sqlite3 *db, const char *spec)
{
    char *out = NULL;
    size_t len = 0;
    append(&out, &len, "");
    for (const char *p = spec; *p;) {
        const char *colon = strchr(p, ':'), *eol = strchr(p, '\n');
        char *name = sqlite3_mprintf("%.*s", (int)(colon - p), p);
        char *expr = sqlite3_mprintf("%s", "");
        const char *c = colon + 1;
        sqlite3_stmt *rows = NULL;
        char *sql;
        while (c < eol) {
            const char *end = c + strcspn(c, ",\n");
            char *next = sqlite3_mprintf("%s%squote(\"%.*s\")", expr, *expr ? " || '|' || " : "",
                                         (int)(end - c), c);
            sqlite3_free(expr);
            expr = next;
            c = end + (*end == ',');
        }
        /* migration 0010 keeps a revision-1 rate (1 currency = rate_e9 / 10^9 base) as a
         * pair quoted in the base currency, as written: its rate_e9 is mantissa * 10^(9 -
         * scale), and its quote the base (EUR in seed()) */
        if (!strcmp(name, "rate") && strstr(expr, "rate_e9") &&
            one_int(db, "SELECT count(*) FROM pragma_table_info('rate') WHERE name = 'mantissa'")) {
            sqlite3_free(expr);
            expr = sqlite3_mprintf(
                "%s", "quote(currency) || '|' || quote(date) || '|' || "
                      "quote(mantissa * CAST(substr('1000000000', 1, 10 - scale) AS INTEGER)) || "
                      "CASE WHEN quote = 'EUR' THEN '' ELSE ' quoted in ' || quote END");
        }
        /* migration 0009 keeps the revision-1 history under the name history_v1 */
        sql = sqlite3_mprintf("SELECT %s FROM \"%w\" ORDER BY 1", expr,
                              !strcmp(name, "history") &&
                                      one_int(db, "SELECT count(*) FROM sqlite_master WHERE "
                                                  "name = 'history_v1'")
                                  ? "history_v1"
                                  : name);
        append(&out, &len, name);
        append(&out, &len, "\n");
        if (sqlite3_prepare_v2(db, sql, -1, &rows, NULL) != SQLITE_OK)
            fail_msg("dump %s: %s", name, sqlite3_errmsg(db));
        while (sqlite3_step(rows) == SQLITE_ROW) {
            append(&out, &len, "  ");
            append(&out, &len, (const char *)sqlite3_column_text(rows, 0));
            append(&out, &len, "\n");
        }
        sqlite3_finalize(rows);
        sqlite3_free(sql);
        sqlite3_free(expr);
        sqlite3_free(name);
        p = eol + 1;
    }
    return out;
}

/*
 * Data that is valid at schema version K: settings, two trips, a schedule, expenses of every
 * kind (a ride with every ride field, lodging at 0 with a compare rate, a posted monthly
 * donation, a refund, text with quotes and UTF-8); from version 2 an edit and a removal
 * (kept by the history triggers); from version 3 budgets and rates; from version 11 a
 * statement row's confirmation.
 */
static void seed(sqlite3 *db, int k)
{
    exec_ok(db,
            "BEGIN;"
            "INSERT INTO config(key, value) VALUES ('currency', 'EUR'), ('owner', 'Zoë O''Neil'),"
            "  ('trip.active', '1');"
            "INSERT INTO trip(id, slug, name, start_date, end_date, city, currency) VALUES"
            "  (1, 'pycon-2026', 'PyCon US', '2026-05-13', '2026-05-21', 'Pittsburgh', 'USD'),"
            "  (2, 'tokyo', '東京 \"trip\"', '2026-12-01', '2026-12-08', NULL, 'JPY');"
            "INSERT INTO schedule(id, category, amount, currency, start_date, until_month,"
            "  posted_month, merchant, note, trip_id, reimbursable, payment, recipient, created_at)"
            "  VALUES (1, 'donation', 2000, 'USD', '2026-05-05', '2026-12', '2026-05', NULL,"
            "  'monthly', NULL, 0, 'card', 'PSF', 1780000000);"
            "INSERT INTO expense(id, date, category, amount, currency, merchant, note, trip_id,"
            "  reimbursable, payment, receipt, provider, origin, dest, driver, tip, platform_fee,"
            "  shared, nights, compare_rate, recipient, schedule_id, occurrence, import_key,"
            "  created_at) VALUES"
            "  (1, '2026-05-14', 'ride', 2350, 'USD', 'Uber', 'to the venue', 1, 1, 'card',"
            "   'r/1.pdf', 'uber', 'Friends'' place', 'Venue', 'Sam', 300, 1000, 0, NULL, NULL,"
            "   NULL, NULL, NULL, NULL, 1780000001),"
            "  (2, '2026-05-13', 'lodging', 0, 'USD', NULL, 'friends', 1, 0, NULL, NULL, NULL,"
            "   NULL, NULL, NULL, NULL, NULL, NULL, 8, 18900, NULL, NULL, NULL, NULL, 1780000002),"
            "  (3, '2026-05-05', 'donation', 2000, 'USD', NULL, 'monthly', NULL, 0, 'card', NULL,"
            "   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'PSF', 1, '2026-05', NULL,"
            "   1780000003),"
            "  (4, '2026-12-02', 'meal', -1500, 'JPY', 'Café \"Ä\"', 'a, b; DROP TABLE x;--', 2,"
            "   0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            "   NULL, 'k1', 1780000004),"
            "  (5, '2026-12-03', 'ticket', 1234, 'BHD', NULL, 'line1\nline2', NULL, 1, NULL,"
            "   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            "   NULL, 1780000005);"
            "COMMIT;");
    if (k >= 2)
        exec_ok(db, "UPDATE expense SET amount = 2450, tip = 400 WHERE id = 1;"
                    "DELETE FROM expense WHERE id = 5;");
    if (k >= 3)
        exec_ok(db, "INSERT INTO budget(category, month, trip_id, amount) VALUES"
                    "  ('ride', '', 0, 20000), ('total', '2026-05', 0, 150000),"
                    "  ('meal', '', 1, 5000);");
    /* from version 10 rates are pairs kept as written */
    if (k >= 3 && k < 10)
        exec_ok(db, "INSERT INTO rate(currency, date, rate_e9) VALUES"
                    "  ('JPY', '2026-12-01', 6100000), ('USD', '2026-05-01', 920000000);");
    if (k >= 10)
        exec_ok(db, "INSERT INTO rate(currency, quote, date, mantissa, scale) VALUES"
                    "  ('JPY', 'EUR', '2026-12-01', 61, 4), ('USD', 'EUR', '2026-05-01', 92, 2),"
                    "  ('EUR', 'CZK', '2026-05-01', 2467, 2);"
                    "UPDATE expense SET base_amount = -920, base_currency = 'EUR' WHERE id = 4;");
    /* from version 11 a card statement's row confirms the ride (until step 16 a trigger
     * copied it onto expense.statement and statement_key; both copies are kept) */
    if (k >= 11)
        exec_ok(db, "INSERT INTO statement_match(expense_id, statement, key) VALUES"
                    "  (1, '2026-05-15 UBER *TRIP', 'card:0001');");
}

static sqlite3 *open_memory(void)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        fail_msg("cannot open an in-memory database");
    sqlite3_extended_result_codes(db, 1);
    exec_ok(db, "PRAGMA foreign_keys = ON");
    return db;
}

static void test_latest_from_empty(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    sqlite3 *db = open_memory();
    (void)state;
    assert_true(migrate_latest() >= 3);
    assert_int_equal(migrate_latest(), cs_migration_count);
    assert_int_equal(user_version(db), 0);
    assert_int_equal(migrate_apply(db, migrate_latest(), &e), 0);
    assert_int_equal(user_version(db), migrate_latest());
    seed(db, migrate_latest());
    /* no row triggers keep a history any more: the change log is the session extension's
     * (src/change.c), and every expense has a uid of 32 lowercase hex digits */
    assert_int_equal(one_int(db, "SELECT count(*) FROM history_v1"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM change"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM expense WHERE length(uid) = 32 AND "
                                 "NOT uid GLOB '*[^0-9a-f]*'"),
                     one_int(db, "SELECT count(*) FROM expense"));
    /* applying again, or to an older target, changes nothing */
    char *spec = table_columns(db);
    char *before = dump(db, spec);
    assert_int_equal(migrate_apply(db, migrate_latest(), &e), 0);
    assert_int_equal(migrate_apply(db, 1, &e), 0);
    assert_int_equal(user_version(db), migrate_latest());
    char *after = dump(db, spec);
    assert_string_equal(before, after);
    free(spec);
    free(before);
    free(after);
    sqlite3_close(db);
}

/* Each version on its own: migrate_apply stops at the target. */
static void test_each_target(void **state)
{
    (void)state;
    for (int k = 1; k <= migrate_latest(); k++) {
        struct cs_err e = CS_ERR_INIT;
        sqlite3 *db = open_memory();
        assert_int_equal(migrate_apply(db, k, &e), 0);
        assert_int_equal(user_version(db), k);
        sqlite3_close(db);
    }
}

/* For every older version: data written then survives the upgrade to the latest. */
static void test_upgrade_keeps_data(void **state)
{
    (void)state;
    for (int k = 1; k < migrate_latest(); k++) {
        struct cs_err e = CS_ERR_INIT;
        sqlite3 *db = open_memory();
        char *spec, *before, *after;
        if (migrate_apply(db, k, &e))
            fail_msg("migrate to %d: %s", k, e.msg);
        seed(db, k);
        spec = table_columns(db);
        before = dump(db, spec);
        if (migrate_apply(db, migrate_latest(), &e))
            fail_msg("upgrade from %d: %s", k, e.msg);
        assert_int_equal(user_version(db), migrate_latest());
        after = dump(db, spec);
        if (strcmp(before, after))
            fail_msg("data changed upgrading from version %d:\n--- before\n%s--- after\n%s", k,
                     before, after);
        /* the upgraded database works like a new one: every expense got its own uid, the
         * revision-1 history is kept as history_v1, and the newer tables take rows */
        exec_ok(db, "UPDATE expense SET note = 'edited' WHERE id = 2");
        assert_int_equal(one_int(db, "SELECT count(DISTINCT uid) FROM expense WHERE "
                                     "length(uid) = 32"),
                         one_int(db, "SELECT count(*) FROM expense"));
        /* the revision-1 history's triggers (versions 2 to 8) recorded the seed's rows;
         * from version 9 on there are none to record them */
        if (k >= 2 && k <= 8)
            assert_true(one_int(db, "SELECT count(*) FROM history_v1 WHERE expense_id = 2") > 0);
        exec_ok(db, "INSERT INTO budget(category, amount) VALUES ('meal', 4000);"
                    "INSERT INTO rate(currency, quote, date, mantissa, scale) VALUES"
                    "  ('GBP', 'USD', '2026-05-02', 1, 9);");
        /* the revision-1 rates are pairs quoted in the base currency (EUR), exactly:
         * 6100000 / 10^9 is 61 / 10^4, 920000000 / 10^9 is 92 / 10^2 */
        if (k >= 3)
            assert_int_equal(one_int(db, "SELECT count(*) FROM rate WHERE quote = 'EUR' AND "
                                         "((currency = 'JPY' AND mantissa = 61 AND scale = 4) OR "
                                         "(currency = 'USD' AND mantissa = 92 AND scale = 2))"),
                             2);
        assert_int_equal(one_int(db, "SELECT amount FROM budget WHERE category = 'meal' AND "
                                     "month = '' AND trip_id = 0"),
                         4000);
        /* and the schema's checks hold on the old data's tables */
        assert_int_not_equal(sqlite3_exec(db,
                                          "INSERT INTO expense(date, category, amount, currency,"
                                          " created_at) VALUES ('2019-13-01', 'meal', 1, 'USD',"
                                          " 0)",
                                          NULL, NULL, NULL),
                             SQLITE_OK);
        free(spec);
        free(before);
        free(after);
        sqlite3_close(db);
    }
}

/* A step that fails is rolled back whole and the version stays where it was. */
static void test_failed_step_rolls_back(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    sqlite3 *db = open_memory();
    char *spec, *before, *after, *after2;
    (void)state;
    assert_int_equal(migrate_apply(db, 1, &e), 0);
    seed(db, 1);
    /* an index with the name step 2 wants, so that step fails after creating its table */
    exec_ok(db, "CREATE TABLE clash(x); CREATE INDEX history_expense ON clash(x);");
    spec = table_columns(db);
    before = dump(db, spec);
    assert_int_equal(migrate_apply(db, migrate_latest(), &e), CS_EFAIL);
    assert_int_equal(e.code, CS_EFAIL);
    assert_non_null(strstr(e.msg, "migration 0002_history.sql failed"));
    assert_int_equal(user_version(db), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'history'"), 0);
    assert_int_equal(sqlite3_get_autocommit(db), 1);
    after = dump(db, spec);
    assert_string_equal(before, after);
    /* no table of the failed step is left behind */
    after2 = table_columns(db);
    assert_string_equal(spec, after2);
    free(after2);
    free(spec);
    free(before);
    free(after);
    sqlite3_close(db);
}

/* The whole content of PATH, allocated, its size in *N (NULL when missing). */
static char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, len = 0, got;
    if (!fp)
        return NULL;
    do {
        cap += 65536;
        buf = realloc(buf, cap);
        assert_non_null(buf);
        got = fread(buf + len, 1, cap - len, fp);
        len += got;
    } while (got > 0);
    fclose(fp);
    *n = len;
    return buf;
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Make a database file at PATH with user_version VERSION and some content. */
static void make_db(const char *path, int version, int wal)
{
    sqlite3 *db = NULL;
    char *sql;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (wal)
        exec_ok(db, "PRAGMA journal_mode = WAL");
    sql = sqlite3_mprintf("CREATE TABLE future(x TEXT); INSERT INTO future VALUES ('keep me');"
                          "PRAGMA user_version = %d;",
                          version);
    exec_ok(db, sql);
    sqlite3_free(sql);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void check_newer_refused(int wal)
{
    char path[128], side[160];
    size_t n0, n1, n2;
    char *b0, *b1, *b2;
    sqlite3 *db = NULL;
    struct cs_err e = CS_ERR_INIT;
    char want[128];

    snprintf(path, sizeof path, "%s/newer%d.db", tmpdir, wal);
    make_db(path, migrate_latest() + 1, wal);
    b0 = slurp(path, &n0);
    assert_non_null(b0);

    /* migrate_apply refuses it */
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(migrate_apply(db, migrate_latest(), &e), CS_EFAIL);
    assert_int_equal(e.code, CS_EFAIL);
    snprintf(want, sizeof want, "schema version %d is newer than this confspend understands (%d)",
             migrate_latest() + 1, migrate_latest());
    if (!strstr(e.msg, want))
        fail_msg("message: %s", e.msg);
    assert_int_equal(user_version(db), migrate_latest() + 1);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    b1 = slurp(path, &n1);
    assert_int_equal(n1, n0);
    assert_memory_equal(b1, b0, n0);

    /* db_open refuses it too, and opens nothing */
    db = (sqlite3 *)1;
    e = (struct cs_err)CS_ERR_INIT;
    assert_int_equal(db_open(path, &db, &e), CS_EFAIL);
    assert_null(db);
    assert_int_equal(e.code, CS_EFAIL);
    snprintf(want, sizeof want, "made by a newer confspend (schema %d, this one knows %d)",
             migrate_latest() + 1, migrate_latest());
    if (!strstr(e.msg, want) || !strstr(e.msg, path))
        fail_msg("message: %s", e.msg);
    b2 = slurp(path, &n2);
    assert_int_equal(n2, n0);
    assert_memory_equal(b2, b0, n0);
    /* no journal left beside it either */
    snprintf(side, sizeof side, "%s-wal", path);
    assert_false(exists(side));
    snprintf(side, sizeof side, "%s-journal", path);
    assert_false(exists(side));
    free(b0);
    free(b1);
    free(b2);
}

static void test_newer_refused(void **state)
{
    (void)state;
    check_newer_refused(0);
    check_newer_refused(1);
}

/* A file that is not a database is refused and left alone. */
static void test_not_a_database(void **state)
{
    char path[128];
    static const char junk[] = "id,date,amount\n1,2026-11-10,23.50\n";
    FILE *fp;
    size_t n;
    char *b;
    sqlite3 *db = NULL;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    snprintf(path, sizeof path, "%s/notes.csv", tmpdir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    for (int i = 0; i < 200; i++)
        fputs(junk, fp);
    fclose(fp);
    assert_int_equal(db_open(path, &db, &e), CS_EFAIL);
    assert_null(db);
    assert_non_null(strstr(e.msg, "not a confspend database"));
    b = slurp(path, &n);
    assert_int_equal(n, 200 * (sizeof junk - 1));
    for (int i = 0; i < 200; i++)
        assert_memory_equal(b + i * (sizeof junk - 1), junk, sizeof junk - 1);
    free(b);
}

/* db_open on a new path: a 0600 file in WAL mode at the latest schema, foreign keys on. */
static void test_open_creates(void **state)
{
    char path[128];
    struct stat sb;
    sqlite3 *db = NULL;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    snprintf(path, sizeof path, "%s/new.db", tmpdir);
    umask(022);
    assert_int_equal(db_open(path, &db, &e), 0);
    assert_non_null(db);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(user_version(db), migrate_latest());
    assert_int_equal(one_int(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    assert_int_equal(one_int(db, "PRAGMA foreign_keys"), 1);
    db_close(db);
    /* an existing one opens as it is */
    db = NULL;
    assert_int_equal(db_open(path, &db, &e), 0);
    assert_int_equal(user_version(db), migrate_latest());
    db_close(db);
    /* a missing folder is not made for an explicit path */
    snprintf(path, sizeof path, "%s/no/such/dir.db", tmpdir);
    db = NULL;
    assert_int_equal(db_open(path, &db, &e), CS_EFAIL);
    assert_null(db);
    assert_non_null(strstr(e.msg, "cannot create"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latest_from_empty),  cmocka_unit_test(test_each_target),
        cmocka_unit_test(test_upgrade_keeps_data), cmocka_unit_test(test_failed_step_rolls_back),
        cmocka_unit_test(test_newer_refused),      cmocka_unit_test(test_not_a_database),
        cmocka_unit_test(test_open_creates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
