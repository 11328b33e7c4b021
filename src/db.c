/* SPDX-License-Identifier: GPL-3.0-or-later */
/* db.c - opening the SQLite file and small statement helpers. */
#include "confspend/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confspend/migrate.h"
#include "confspend/tmpfiles.h"
#include "confspend/vfs.h"
#include "confspend/money.h"

/* How long a write waits for another process's write to finish before it gives up. */
#define DB_BUSY_MS 10000

/*
 * The busy handler's record of its newest wait on this thread: the connection, how long it
 * slept, and whether it gave up. db_fail() says "kept the database locked for N s" only
 * after a wait that gave up, never when SQLite returned SQLITE_BUSY without waiting (it
 * does for some locks). Per thread, as the handler runs on the thread of the statement.
 */
static _Thread_local struct {
    sqlite3 *db;
    int waited_ms;
    int gave_up;
} busy_last;

/*
 * The busy handler of every connection db_open() makes: the COUNT-th call of one wait
 * (0 starts a new one) sleeps 1, 2, 5, ... 100 ms, like SQLite's own, until DB_BUSY_MS
 * have been slept in all; then it records that it gave up and returns 0.
 */
static int busy_wait(void *arg, int count)
{
    static const int delays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
    const int n = (int)(sizeof delays / sizeof delays[0]);
    int ms = count < n ? delays[count] : delays[n - 1];
    if (count == 0 || busy_last.db != arg) {
        busy_last.db = arg;
        busy_last.waited_ms = 0;
        busy_last.gave_up = 0;
    }
    if (busy_last.waited_ms + ms > DB_BUSY_MS)
        ms = DB_BUSY_MS - busy_last.waited_ms;
    if (ms <= 0) {
        busy_last.gave_up = 1;
        return 0;
    }
    sqlite3_sleep(ms);
    busy_last.waited_ms += ms;
    return 1;
}

/*
 * The settings that go with the journal in use.
 * - WAL: synchronous = NORMAL, under which a commit appends to the WAL without syncing it;
 *   db_commit() then makes the change durable itself (db_settle()), so every command that
 *   says it is done has its change on disk, as under FULL, with one sync of the WAL fewer.
 *   And the WAL stays beside the database between commands, emptied (PERSIST_WAL with
 *   journal_size_limit = 0, set in open_as(): SQLite truncates it to nothing when the last
 *   connection closes, once all of it is in the database file), as does its shared-memory
 *   index: each command opens the two files instead of creating, syncing the folder for,
 *   and removing them. The database file alone stays the whole database after a command.
 * - A rollback journal: FULL (NORMAL with one could leave a damaged database after a power
 *   cut), and no WAL kept.
 */
static void journal_settings(sqlite3 *db, int wal)
{
    sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &(int){wal});
    sqlite3_exec(db, wal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL", NULL, NULL,
                 NULL);
}

/*
 * PRAGMA journal_mode = WAL. On a database still in rollback mode (a new one) the switch
 * takes an exclusive lock, and SQLite returns SQLITE_BUSY for it at once, without the busy
 * handler, while another process holds a lock (as when several processes create the
 * database together). It is retried on the busy handler's schedule, within the same
 * DB_BUSY_MS.
 */
static int set_wal(sqlite3 *db, struct cs_err *e)
{
    int rc;
    busy_last.gave_up = 0;
    for (int n = 0;; n++) {
        rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY || (busy_last.db == db && busy_last.gave_up) ||
            !busy_wait(db, n))
            break;
    }
    if (rc != SQLITE_OK)
        return db_fail(db, "cannot switch to WAL mode", e);
    journal_settings(db, 1);
    return 0;
}

/* Rows from which a bulk change is written through a rollback journal. */
#define BULK_JOURNAL_ROWS 10000

int db_journal_bulk(sqlite3 *db, long long rows)
{
    return rows < BULK_JOURNAL_ROWS ? 0 : db_journal_direct(db);
}

int db_journal_direct(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int switched = 0, wal = 0;
    /* one try, no waiting: a busy database keeps its WAL; leaving it, SQLite removes the
     * WAL and its index rather than keep them */
    sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &(int){0});
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = DELETE", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(st, 0);
        switched = !sqlite3_stricmp(mode, "delete");
        wal = !sqlite3_stricmp(mode, "wal");
    }
    sqlite3_finalize(st);
    /* for the mode in effect now (not known when the pragma failed: FULL, the safe side) */
    journal_settings(db, wal);
    return switched;
}

int db_file_rollback(const char *path)
{
    unsigned char h[20];
    int fd = open(path, O_RDONLY | O_CLOEXEC), in = 0;
    if (fd < 0)
        return 0;
    /* the file format's write and read versions: 1 for a rollback journal, 2 for WAL */
    if (pread(fd, h, sizeof h, 0) == (ssize_t)sizeof h && !memcmp(h, "SQLite format 3", 16) &&
        h[18] == 1 && h[19] == 1)
        in = 1;
    close(fd);
    return in;
}

int db_journal_wal(sqlite3 *db, struct cs_err *e)
{
    return set_wal(db, e);
}

char *db_resolve_path(const char *opt)
{
    const char *env = getenv("CONFSPEND_DB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char *p;
    size_t n;
    if (opt && *opt)
        return xstrdup(opt);
    if (env && *env)
        return xstrdup(env);
    if (xdg && *xdg) {
        n = strlen(xdg) + 32;
        p = xmalloc(n);
        snprintf(p, n, "%s/confspend/confspend.db", xdg);
        return p;
    }
    if (!home || !*home)
        home = ".";
    n = strlen(home) + 48;
    p = xmalloc(n);
    snprintf(p, n, "%s/.local/share/confspend/confspend.db", home);
    return p;
}

/* mkdir -p the folder that holds PATH, with mode 0700 for new folders. */
static int make_parent(const char *path, struct cs_err *e)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (!slash || slash == dir) {
        free(dir);
        return 0;
    }
    *slash = 0;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            rc =
                cs_error(e, CS_EFAIL, "database", dir, "cannot create folder: %s", strerror(errno));
            goto out;
        }
        *p = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        rc = cs_error(e, CS_EFAIL, "database", dir, "cannot create folder: %s", strerror(errno));
out:
    free(dir);
    return rc;
}

/* The system's reason for an I/O error of DB ("File too large", "No space left on device"):
 * SQLite's record of it, else SAVED (errno as the failed call left it), else 0. "disk I/O
 * error" alone does not tell the user that the disk is full. */
static int io_errno(sqlite3 *db, int saved)
{
    int sys = sqlite3_system_errno(db);
    return sys ? sys : saved;
}

/* 1 when PATH is the default XDG location, whose folder confspend makes when it is
 * missing; an explicit --db or $CONFSPEND_DB must name an existing folder, as sqlite3 and
 * git expect. */
static int default_location(const char *path)
{
    static const char tail[] = "/confspend/confspend.db";
    size_t lp = strlen(path), lt = sizeof tail - 1;
    return lp > lt && !strcmp(path + lp - lt, tail);
}

/* db_open(), and with DIRECT the rollback journal of db_journal_direct() instead of WAL. */
static int open_as(const char *path, sqlite3 **out, int direct, struct cs_err *e);

int db_open(const char *path, sqlite3 **out, struct cs_err *e)
{
    return open_as(path, out, 0, e);
}

int db_open_direct(const char *path, sqlite3 **out, struct cs_err *e)
{
    return open_as(path, out, 1, e);
}

static int open_as(const char *path, sqlite3 **out, int direct, struct cs_err *e)
{
    sqlite3 *db = NULL;
    struct stat sb;
    int rc;
    *out = NULL;
    vfs_install(); /* (when it cannot be, SQLite's own VFS is used as it is) */
    if (stat(path, &sb) != 0) {
        int fd;
        if (errno != ENOENT)
            return cs_error(e, CS_EFAIL, "database", path, "cannot open: %s", strerror(errno));
        fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0 && errno == ENOENT && default_location(path)) {
            if (make_parent(path, e))
                return CS_EFAIL;
            fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
        }
        if (fd < 0 && errno != EEXIST)
            return cs_error(e, CS_EFAIL, "database", path, "cannot create: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
    } else if (S_ISDIR(sb.st_mode)) {
        return cs_error(e, CS_EFAIL, "database", path, "is a folder, not a database file");
    }
    rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        int sys = db ? io_errno(db, errno) : errno;
        if (sys) /* "unable to open database file" does not say why */
            cs_error(e, CS_EFAIL, "database", path, "cannot open: %s", strerror(sys));
        else
            cs_error(e, CS_EFAIL, "database", path, "cannot open: %s",
                     db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return CS_EFAIL;
    }
    sqlite3_busy_handler(db, busy_wait, db);
    sqlite3_extended_result_codes(db, 1);
    {
        int v;
        if (migrate_version(db, &v, e)) {
            int saved = errno;
            /* Say why: a read-only WAL database (its folder or file not writable) and a
             * damaged one are not "not a database". */
            int x = sqlite3_extended_errcode(db) & 0xff;
            if (x == SQLITE_READONLY || x == SQLITE_CANTOPEN || x == SQLITE_PERM)
                cs_error(e, CS_EFAIL, "database", path,
                         "cannot open: the file or its folder is read-only");
            else if (x == SQLITE_NOTADB)
                cs_error(e, CS_EFAIL, "database", path, "not a confspend database");
            else if (x == SQLITE_IOERR && io_errno(db, saved))
                cs_error(e, CS_EFAIL, "database", path, "cannot read: %s: %s", sqlite3_errmsg(db),
                         strerror(io_errno(db, saved)));
            else
                cs_error(e, CS_EFAIL, "database", path, "cannot read: %s", sqlite3_errmsg(db));
            sqlite3_close(db);
            return CS_EFAIL;
        }
        if (v > migrate_latest()) {
            cs_error(e, CS_EFAIL, "database", path,
                     "made by a newer confspend (schema %d, this one knows %d); not touched", v,
                     migrate_latest());
            sqlite3_close(db);
            return CS_EFAIL;
        }
    }
    /* (direct: a database left in rollback mode by the previous such command stays in
     * it, with no switch to WAL and back, each a transaction synced to disk of its own) */
    if ((direct ? (db_journal_direct(db), 0) : set_wal(db, e)) ||
        db_exec(db, "PRAGMA journal_size_limit = 0", e) ||
        db_exec(db, "PRAGMA foreign_keys = ON", e) ||
        db_exec(db, "PRAGMA cache_size = -16384", e) || migrate_apply(db, migrate_latest(), e)) {
        /* name the file, escaped like any value the user gave */
        char what[sizeof e->msg];
        if (!strcmp(e->field, "database"))
            snprintf(what, sizeof what, "%s%s%s%s", e->what, *e->value ? " (" : "", e->value,
                     *e->value ? ")" : "");
        else
            snprintf(what, sizeof what, "%s", e->msg);
        cs_error(e, CS_EFAIL, "database", path, "%s", what);
        sqlite3_close(db);
        return CS_EFAIL;
    }
    *out = db;
    return 0;
}

mode_t db_file_mode(sqlite3 *db)
{
    const char *f = sqlite3_db_filename(db, "main");
    struct stat sb;
    if (!f || !*f || stat(f, &sb) != 0)
        return 0600;
    return sb.st_mode & 07777;
}

void db_close(sqlite3 *db)
{
    sqlite3_close(db);
}

/* The files of a database at TMP: itself and its journal, WAL and shared memory. */
static const char *const db_side[] = {"", "-journal", "-wal", "-shm"};

static void remove_file(const char *f)
{
    unlink(f);
}

/* Call FN on TMP with side file I's suffix. */
static void side_files(const char *tmp, size_t i, void (*fn)(const char *))
{
    char *f = xmalloc(strlen(tmp) + 10);
    sprintf(f, "%s%s", tmp, db_side[i]);
    fn(f);
    free(f);
}

int db_create_private(const char *path, char **tmp, sqlite3 **out, struct cs_err *e)
{
    char *t = xmalloc(strlen(path) + 16);
    int fd;
    *out = NULL;
    *tmp = NULL;
    sprintf(t, "%s.tmp-XXXXXX", path);
    fd = mkstemp(t); /* mode 0600, like a database db_open() makes */
    if (fd < 0 && errno == ENOENT && default_location(path)) {
        if (make_parent(path, e)) {
            free(t);
            return CS_EFAIL;
        }
        sprintf(t, "%s.tmp-XXXXXX", path);
        fd = mkstemp(t);
    }
    if (fd < 0) {
        cs_error(e, CS_EFAIL, "database", path, "cannot create: %s", strerror(errno));
        free(t);
        return CS_EFAIL;
    }
    close(fd);
    for (size_t i = 0; i < sizeof db_side / sizeof db_side[0]; i++)
        side_files(t, i, tmpfiles_add);
    /* no journal and no syncing while it loads: until db_publish() nobody can see it, and
     * a crash leaves only the temporary file */
    if (db_open(t, out, e) || db_exec(*out, "PRAGMA journal_mode = OFF", e) ||
        db_exec(*out, "PRAGMA synchronous = OFF", e)) {
        db_discard(*out, t);
        *out = NULL;
        return CS_EFAIL;
    }
    *tmp = t;
    return 0;
}

int db_publish(sqlite3 *db, char *tmp, const char *path, struct cs_err *e)
{
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    struct stat sb;
    int rc = 0;
    if (slash)
        slash[slash == dir] = 0; /* "/x.db" -> "/" */
    else
        strcpy(dir, ".");
    if (db_exec(db, "PRAGMA journal_mode = WAL", e)) {
        db_discard(db, tmp);
        free(dir);
        return CS_EFAIL;
    }
    sqlite3_close(db); /* checkpoints and removes the WAL */
    if (tmpfiles_sync(tmp) != 0) {
        rc = cs_error(e, CS_EFAIL, "database", path, "cannot write: %s", strerror(errno));
    } else if (link(tmp, path) == 0) {
        unlink(tmp);
    } else if (errno == EEXIST || stat(path, &sb) == 0) {
        /* (stat: where the file system has no hard links, the database may still have
         * appeared; then rename would replace it) */
        rc = cs_error(e, CS_EFAIL, "database", path,
                      "another program created it during the import; nothing was imported, "
                      "run the import again");
    } else if (rename(tmp, path) != 0) {
        rc = cs_error(e, CS_EFAIL, "database", path, "cannot put it in place: %s", strerror(errno));
    }
    if (!rc)
        tmpfiles_sync(dir); /* the new name is durable too */
    db_discard(NULL, tmp);
    free(dir);
    return rc;
}

void db_discard(sqlite3 *db, char *tmp)
{
    sqlite3_close(db);
    if (!tmp)
        return;
    for (size_t i = 0; i < sizeof db_side / sizeof db_side[0]; i++) {
        side_files(tmp, i, remove_file);
        side_files(tmp, i, tmpfiles_forget);
    }
    free(tmp);
}

int db_fail(sqlite3 *db, const char *what, struct cs_err *e)
{
    int saved = errno;
    int x = sqlite3_extended_errcode(db);
    if (x == SQLITE_READONLY || (x & 0xff) == SQLITE_READONLY)
        return cs_error(e, CS_EFAIL, "database", NULL, "%s: the database file is read-only", what);
    if ((x & 0xff) == SQLITE_BUSY) {
        /* a wait is claimed only when this connection's busy handler waited and gave up */
        int waited = busy_last.db == db && busy_last.gave_up ? busy_last.waited_ms : 0;
        busy_last.gave_up = 0;
        if (waited)
            return cs_error(e, CS_EFAIL, "database", NULL,
                            "%s: another program kept the database locked for %d s; try again",
                            what, (waited + 500) / 1000);
        return cs_error(e, CS_EFAIL, "database", NULL,
                        "%s: another program has the database locked; try again", what);
    }
    if ((x & 0xff) == SQLITE_IOERR && io_errno(db, saved))
        return cs_error(e, CS_EFAIL, "database", NULL, "%s: %s: %s", what, sqlite3_errmsg(db),
                        strerror(io_errno(db, saved)));
    return cs_error(e, CS_EFAIL, "database", NULL, "%s: %s", what, sqlite3_errmsg(db));
}

int db_exec(sqlite3 *db, const char *sql, struct cs_err *e)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, "cannot run statement", e);
    return 0;
}

int db_exec2(sqlite3 *db, const char *sql, int64_t a, int64_t b, const char *what, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, sql, &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, b);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, what, e);
}

int db_begin(sqlite3 *db, struct cs_err *e)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, "cannot start a write", e);
    return 0;
}

int db_commit(sqlite3 *db, struct cs_err *e)
{
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = db_fail(db, "cannot commit", e);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return db_settle(db, e);
}

int db_settle(sqlite3 *db, struct cs_err *e)
{
    int log = -1, done = -1, rc;
    sqlite3_file *wal = NULL;
    /* Copy the WAL into the database file now, the checkpoint SQLite's close would make:
     * it syncs the WAL before it copies and the database file after. (Not in WAL mode:
     * log -1, and the commit was synced under FULL.) */
    rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc == SQLITE_OK && done >= log)
        return 0;
    /* Another connection's snapshot still needs frames of the WAL (or it is checkpointing
     * itself): the commit stays in the WAL a while, so sync the WAL. */
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) == SQLITE_OK && wal &&
        wal->pMethods && wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) == SQLITE_OK)
        return 0;
    return cs_error(e, CS_EFAIL, "database", sqlite3_db_filename(db, "main"),
                    "cannot write to disk: %s", strerror(io_errno(db, EIO)));
}

void db_rollback(sqlite3 *db)
{
    if (db && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct cs_err *e)
{
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
        return db_fail(db, "cannot prepare statement", e);
    return 0;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void db_bind_opt(sqlite3_stmt *st, int i, int64_t v)
{
    if (v >= 0)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

char *db_col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}
