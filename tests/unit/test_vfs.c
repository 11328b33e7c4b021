/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_vfs.c - the VFS that gathers consecutive writes (src/vfs.c): what a connection
 * through it commits is in the file as SQLite wrote it, seen at once by another connection
 * on SQLite's own unix VFS, in rollback and in WAL mode, with blobs written whole and in
 * chunks, transactions rolled back, rows rewritten and removed; and a write that fails in
 * a gathered run fails the commit, leaving the database as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "confspend/vfs.h"

static char top[64];

static int make_top(void **state)
{
    (void)state;
    strcpy(top, "/tmp/test_vfs.XXXXXX");
    assert_non_null(mkdtemp(top));
    return 0;
}

static int remove_top(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    return system(cmd) == 0 ? 0 : -1;
}

/* Byte I of the content of row ID at version VER: every byte known without storing it. */
static unsigned char byte_of(int64_t id, int ver, size_t i)
{
    uint32_t x = (uint32_t)(id * 2654435761u) ^ (uint32_t)(ver * 40503u) ^ (uint32_t)(i * 97u);
    x ^= x >> 13;
    x *= 0x5bd1e995u;
    return (unsigned char)(x >> 24);
}

static unsigned char *content(int64_t id, int ver, size_t n)
{
    unsigned char *p = malloc(n ? n : 1);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++)
        p[i] = byte_of(id, ver, i);
    return p;
}

/* What the table should hold: per id, its size and version (size < 0: no row). */
#define ROWS 40
struct model {
    long size[ROWS + 1];
    int ver[ROWS + 1];
};

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, err ? err : sqlite3_errstr(rc));
}

/* Every row of T through DB equals the model. */
static void check_model(sqlite3 *db, const struct model *m)
{
    sqlite3_stmt *st;
    int seen[ROWS + 1] = {0};
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, b FROM t ORDER BY id", -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        const unsigned char *b = sqlite3_column_blob(st, 1);
        long n = sqlite3_column_bytes(st, 1);
        assert_true(id >= 1 && id <= ROWS);
        assert_int_equal(n, m->size[id]);
        for (long i = 0; i < n; i++)
            if (b[i] != byte_of(id, m->ver[id], (size_t)i))
                fail_msg("row %lld byte %ld differs", (long long)id, i);
        seen[id] = 1;
    }
    sqlite3_finalize(st);
    for (int id = 1; id <= ROWS; id++)
        assert_int_equal(seen[id], m->size[id] >= 0);
}

static void integrity_ok(sqlite3 *db)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
}

/* Put row ID (version VER, N bytes): in chunks through incremental blob I/O when CHUNKED
 * (as receipts are stored), else bound whole. */
static void put_row(sqlite3 *db, int64_t id, int ver, long n, int chunked)
{
    sqlite3_stmt *st;
    unsigned char *p = content(id, ver, (size_t)n);
    assert_int_equal(
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO t(id, b) VALUES (?1, ?2)", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(st, 1, id);
    if (chunked)
        sqlite3_bind_zeroblob(st, 2, (int)n);
    else
        sqlite3_bind_blob(st, 2, p, (int)n, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    if (chunked && n > 0) {
        sqlite3_blob *b;
        assert_int_equal(sqlite3_blob_open(db, "main", "t", "b", id, 1, &b), SQLITE_OK);
        for (long off = 0; off < n; off += 70001) {
            long k = n - off < 70001 ? n - off : 70001;
            assert_int_equal(sqlite3_blob_write(b, p + off, (int)k, (int)off), SQLITE_OK);
        }
        assert_int_equal(sqlite3_blob_close(b), SQLITE_OK);
    }
    free(p);
}

/* A workload of commits and rollbacks through the shim, each commit checked through a
 * connection on the unix VFS (which sees the file, not the shim's runs). */
static void workload(const char *mode)
{
    char path[128], sql[64];
    sqlite3 *db, *other;
    struct model m;
    unsigned seed = 7;
    assert_int_equal(vfs_install(), SQLITE_OK);
    snprintf(path, sizeof path, "%s/w-%s.db", top, mode);
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    assert_string_equal(sqlite3_vfs_find(NULL)->zName, "confspend");
    snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
    exec_ok(db, sql);
    exec_ok(db, "PRAGMA synchronous = FULL; PRAGMA cache_size = 50;"
                "CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB NOT NULL)");
    assert_int_equal(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
    for (int i = 0; i <= ROWS; i++) {
        m.size[i] = -1;
        m.ver[i] = 0;
    }
    for (int round = 0; round < 60; round++) {
        struct model was = m;
        int rollback = round % 7 == 3;
        exec_ok(db, "BEGIN IMMEDIATE");
        for (int k = 0; k < 5; k++) {
            int64_t id = 1 + (int64_t)(rand_r(&seed) % ROWS);
            int what = (int)(rand_r(&seed) % 10);
            if (what < 2 && m.size[id] >= 0) {
                snprintf(sql, sizeof sql, "DELETE FROM t WHERE id = %lld", (long long)id);
                exec_ok(db, sql);
                m.size[id] = -1;
            } else {
                /* from one byte to 300 KB: within a page, a few pages, past the cache */
                long n = what < 5 ? 1 + rand_r(&seed) % 5000 : rand_r(&seed) % 300000;
                m.ver[id]++;
                m.size[id] = n;
                put_row(db, id, m.ver[id], n, what % 2);
            }
        }
        if (rollback) {
            exec_ok(db, "ROLLBACK");
            m = was;
        } else {
            exec_ok(db, "COMMIT");
        }
        check_model(other, &m);
        check_model(db, &m);
    }
    integrity_ok(db);
    integrity_ok(other);
    sqlite3_close(other);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    /* after the last close (a WAL is checkpointed into the file then), the file alone */
    assert_int_equal(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
    check_model(other, &m);
    integrity_ok(other);
    sqlite3_close(other);
}

static void test_rollback_journal(void **state)
{
    (void)state;
    workload("DELETE");
}

static void test_wal(void **state)
{
    (void)state;
    workload("WAL");
}

/*
 * A file size limit makes the pwrite() of a gathered run fail (EFBIG): the commit that
 * wrote it fails with an I/O error, and the database holds what it held before, whole.
 * In a child process, as the limit is the process's.
 */
static void test_write_error(void **state)
{
    char path[128];
    pid_t pid;
    int status;
    (void)state;
    snprintf(path, sizeof path, "%s/full.db", top);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db;
        struct rlimit rl;
        int rc;
        signal(SIGXFSZ, SIG_IGN);
        if (vfs_install() != SQLITE_OK ||
            sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ||
            sqlite3_exec(db,
                         "PRAGMA journal_mode = DELETE; CREATE TABLE t(id INTEGER PRIMARY KEY, "
                         "b BLOB NOT NULL); INSERT INTO t VALUES (1, zeroblob(10000))",
                         NULL, NULL, NULL))
            _exit(10);
        getrlimit(RLIMIT_FSIZE, &rl);
        rl.rlim_cur = 200 * 1024;
        if (setrlimit(RLIMIT_FSIZE, &rl))
            _exit(11);
        rc = sqlite3_exec(db, "BEGIN; INSERT INTO t VALUES (2, zeroblob(1000000)); COMMIT", NULL,
                          NULL, NULL);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(rc == SQLITE_OK                                             ? 12
              : (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR ? 0
                                                                          : 13);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, "unix"), SQLITE_OK);
        integrity_ok(db);
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(id) FROM t", -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "1");
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rollback_journal, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_wal, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_write_error, make_top, remove_top),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
