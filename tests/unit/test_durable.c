/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_durable.c - a change is on disk when db_commit() returns: every byte written to the
 * WAL or the database file before it is synced, alone and while another connection's
 * snapshot keeps the change in the WAL, in WAL mode (synchronous = NORMAL, db_settle())
 * and with a rollback journal; and between commands the WAL stays beside the database
 * emptied, the database file alone holding every change. A recording VFS under the
 * program's own (src/vfs.c) sees each write and sync as the kernel would. */
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

/* --- the recording VFS: which open WAL and database files have unsynced writes --- */

struct rfile {
    sqlite3_file base;
    sqlite3_file *real;
    int kind;  /* SQLITE_OPEN_MAIN_DB, SQLITE_OPEN_WAL, SQLITE_OPEN_MAIN_JOURNAL or 0 */
    int dirty; /* written since its last sync */
    int syncs;
    struct rfile *next;
};

static sqlite3_vfs *under;
static sqlite3_vfs rec;
static struct rfile *files;

#define REAL(f) (((struct rfile *)(f))->real)

static int r_close(sqlite3_file *pf)
{
    struct rfile *f = (struct rfile *)pf, **p;
    int rc = f->real->pMethods->xClose(f->real);
    for (p = &files; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    return rc;
}
static int r_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    return REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int r_write(sqlite3_file *pf, const void *b, int n, sqlite3_int64 o)
{
    struct rfile *f = (struct rfile *)pf;
    f->dirty = 1;
    return f->real->pMethods->xWrite(f->real, b, n, o);
}
static int r_truncate(sqlite3_file *pf, sqlite3_int64 n)
{
    struct rfile *f = (struct rfile *)pf;
    f->dirty = 1;
    return f->real->pMethods->xTruncate(f->real, n);
}
static int r_sync(sqlite3_file *pf, int flags)
{
    struct rfile *f = (struct rfile *)pf;
    int rc = f->real->pMethods->xSync(f->real, flags);
    if (rc == SQLITE_OK) {
        f->dirty = 0;
        f->syncs++;
    }
    return rc;
}
static int r_size(sqlite3_file *f, sqlite3_int64 *n)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), n);
}
static int r_lock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int r_unlock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int r_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int r_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int r_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int r_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int r_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p);
}
static int r_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void r_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int r_shm_unmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int r_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p)
{
    return REAL(f)->pMethods->xFetch(REAL(f), o, n, p);
}
static int r_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{
    return REAL(f)->pMethods->xUnfetch(REAL(f), o, p);
}

static sqlite3_io_methods r_methods = {
    3,          r_close,       r_read,      r_write,   r_truncate, r_sync,   r_size,
    r_lock,     r_unlock,      r_reserved,  r_control, r_sector,   r_device, r_shm_map,
    r_shm_lock, r_shm_barrier, r_shm_unmap, r_fetch,   r_unfetch,
};

static int r_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *pf, int flags, int *out)
{
    struct rfile *f = (struct rfile *)pf;
    int rc;
    (void)vfs;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);
    rc = under->xOpen(under, name, f->real, flags, out);
    if (!f->real->pMethods) {
        f->base.pMethods = NULL;
        return rc;
    }
    f->kind = flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL);
    f->next = files;
    files = f;
    f->base.pMethods = &r_methods;
    return rc;
}

/* Registered as the default before the first db_open(), so the program's VFS goes over it. */
static int install(void **state)
{
    (void)state;
    under = sqlite3_vfs_find("unix");
    assert_non_null(under);
    rec = *under;
    rec.zName = "recorder";
    rec.pNext = NULL;
    rec.szOsFile = (int)sizeof(struct rfile) + under->szOsFile;
    rec.xOpen = r_open;
    return sqlite3_vfs_register(&rec, 1) == SQLITE_OK ? 0 : -1;
}

/* Open WAL and database files with writes not yet synced. */
static int unsynced(int kind)
{
    int n = 0;
    for (struct rfile *f = files; f; f = f->next)
        n += f->kind == kind && f->dirty;
    return n;
}

static int syncs(int kind)
{
    int n = 0;
    for (struct rfile *f = files; f; f = f->next)
        n += f->kind == kind ? f->syncs : 0;
    return n;
}

/* --- the tests --- */

static char dir[64], path[96];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/confspend-test-durable-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s: %s", sql, err);
}

static void write_one(sqlite3 *db, const char *key)
{
    struct cs_err e = CS_ERR_INIT;
    char sql[160];
    snprintf(sql, sizeof sql, "INSERT INTO config(key, value) VALUES ('%s', 'x')", key);
    if (db_begin(db, &e))
        fail_msg("begin: %s", e.msg);
    exec_ok(db, sql);
    if (db_commit(db, &e))
        fail_msg("commit: %s", e.msg);
}

static long long file_size(const char *suffix)
{
    char f[128];
    struct stat sb;
    snprintf(f, sizeof f, "%s%s", path, suffix);
    return stat(f, &sb) == 0 ? (long long)sb.st_size : -1;
}

static int count_key(const char *file, const char *key)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int n = -1;
    assert_int_equal(sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT count(*) FROM config WHERE key = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Alone: the commit is copied into the database file, both synced, before db_commit()
 * returns; closed, the WAL is kept and empty, and a copy of the database file alone has
 * the change. */
static void test_alone(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    sqlite3 *db = NULL;
    char cmd[256], copy[128];
    (void)state;
    if (db_open(path, &db, &e))
        fail_msg("open: %s", e.msg);
    write_one(db, "alone");
    assert_int_equal(unsynced(SQLITE_OPEN_WAL), 0);
    assert_int_equal(unsynced(SQLITE_OPEN_MAIN_DB), 0);
    assert_true(syncs(SQLITE_OPEN_MAIN_DB) > 0);
    db_close(db);
    assert_int_equal(file_size("-wal"), 0);
    snprintf(copy, sizeof copy, "%s/copy.db", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, copy);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(count_key(copy, "alone"), 1);
}

/* Another connection in a read transaction keeps the change in the WAL: the WAL is synced
 * before db_commit() returns all the same. */
static void test_reader(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    sqlite3 *db = NULL, *reader = NULL;
    (void)state;
    if (db_open(path, &db, &e))
        fail_msg("open: %s", e.msg);
    assert_int_equal(sqlite3_open_v2(path, &reader, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    exec_ok(reader, "BEGIN");
    exec_ok(reader, "SELECT count(*) FROM config");
    write_one(db, "pinned");
    assert_int_equal(unsynced(SQLITE_OPEN_WAL), 0);
    assert_true(file_size("-wal") > 0); /* still in the WAL: the reader's snapshot */
    write_one(db, "pinned2");
    assert_int_equal(unsynced(SQLITE_OPEN_WAL), 0);
    exec_ok(reader, "COMMIT");
    sqlite3_close(reader);
    db_close(db);
    assert_int_equal(count_key(path, "pinned2"), 1);
}

/* With a rollback journal (db_journal_direct()): synced under FULL, and no WAL or index
 * left beside the database. */
static void test_direct(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    sqlite3 *db = NULL;
    (void)state;
    if (db_open(path, &db, &e))
        fail_msg("open: %s", e.msg);
    assert_int_equal(db_journal_direct(db), 1);
    assert_int_equal(file_size("-wal"), -1);
    assert_int_equal(file_size("-shm"), -1);
    write_one(db, "direct");
    assert_int_equal(unsynced(SQLITE_OPEN_MAIN_DB), 0);
    assert_int_equal(unsynced(SQLITE_OPEN_MAIN_JOURNAL), 0);
    assert_int_equal(file_size("-journal"), -1);
    db_close(db);
    assert_int_equal(count_key(path, "direct"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader, setup, teardown),
        cmocka_unit_test_setup_teardown(test_direct, setup, teardown),
    };
    if (install(NULL))
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
