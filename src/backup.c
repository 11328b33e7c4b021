/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backup.c - backup and restore through SQLite's online backup API. */
#include "confspend/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "confspend/db.h"
#include "confspend/migrate.h"
#include "confspend/outfile.h"
#include "confspend/tmpfiles.h"

/* Copy all of SRC's main database into DST's in one step: SQLITE_DONE is success. */
static int copy_all(sqlite3 *dst, sqlite3 *src)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    int rc;
    if (!b)
        return sqlite3_errcode(dst);
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The number of expenses in DB, or -1. */
static int64_t count_expenses(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM expense", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Write a copy of SRC to a new private file TMP (made by mkstemp, mode 0600), synced. */
static int write_copy(sqlite3 *src, const char *tmp, const char *shown, struct cs_err *e)
{
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = copy_all(dst, src);
    if (rc != SQLITE_OK) {
        cs_error(e, CS_EFAIL, "backup", shown, "cannot write: %s",
                 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        sqlite3_close(dst);
        return CS_EFAIL;
    }
    /* a WAL source gives a WAL copy: fold it into one file before it is moved */
    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    if (sqlite3_close(dst) != SQLITE_OK || tmpfiles_sync(tmp) != 0)
        return cs_error(e, CS_EFAIL, "backup", shown, "cannot write: %s", strerror(errno));
    return 0;
}

/* A new empty file beside PATH named PATH.tmp-XXXXXX, mode 0600, its name allocated. */
static char *temp_beside(const char *path, struct cs_err *e)
{
    char *t = xmalloc(strlen(path) + 16);
    int fd;
    sprintf(t, "%s.tmp-XXXXXX", path);
    fd = mkstemp(t);
    if (fd < 0) {
        cs_error(e, CS_EFAIL, "backup", path, "cannot create: %s", strerror(errno));
        free(t);
        return NULL;
    }
    close(fd);
    tmpfiles_add(t);
    return t;
}

static void temp_drop(char *t)
{
    static const char *const side[] = {"-journal", "-wal", "-shm"};
    char f[4096];
    if (!t)
        return;
    for (size_t i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s%s", t, side[i]);
        unlink(f);
    }
    unlink(t);
    tmpfiles_forget(t);
    free(t);
}

int backup_write(sqlite3 *db, const char *db_path, const char *path, int no_replace,
                 int64_t *expenses, struct cs_err *e)
{
    struct outfile of = OUTFILE_INIT;
    struct stat a, b;
    sqlite3 *dst = NULL;
    int rc;
    if (!*path)
        return cs_error(e, CS_EINPUT, "backup", NULL, "FILE is empty");
    if (stat(path, &b) == 0 && stat(db_path, &a) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return cs_error(e, CS_EINPUT, "backup", path, "is the database itself");
    /* beside PATH, through its opened folder; a backup is 0600 whatever the umask */
    if ((rc = outfile_open(&of, path, 0600, "backup", e)))
        return rc;
    of.no_replace = no_replace;
    rc = sqlite3_open_v2(of.path, &dst, SQLITE_OPEN_READWRITE, NULL);
    /* no journal beside it by name (outfile.h): the copy is the opened file alone */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = copy_all(dst, db);
    if (rc == SQLITE_OK)
        *expenses = count_expenses(dst);
    if (rc != SQLITE_OK) {
        rc = cs_error(e, CS_EFAIL, "backup", path, "cannot write: %s",
                      dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        sqlite3_close(dst);
        outfile_abort(&of);
        return rc;
    }
    if (sqlite3_close(dst) != SQLITE_OK) {
        outfile_abort(&of);
        return cs_error(e, CS_EFAIL, "backup", path, "cannot write the file");
    }
    return outfile_commit(&of, e);
}

/* Check that FILE is a confspend database this program can read: CS_EINPUT otherwise. */
static int check_file(const char *file, struct cs_err *e)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    struct stat sb;
    int rc = 0, v = -1;
    if (stat(file, &sb) != 0)
        return cs_error(e, CS_EINPUT, "restore", file, "cannot read: %s", strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return cs_error(e, CS_EINPUT, "restore", file, "not a regular file");
    if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return cs_error(e, CS_EINPUT, "restore", file, "not a confspend database");
    }
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
        rc = cs_error(e, CS_EINPUT, "restore", file, "not a confspend database, or damaged");
        goto out;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (v > migrate_latest()) {
        rc = cs_error(e, CS_EINPUT, "restore", file,
                      "made by a newer confspend (schema %d, this one knows %d)", v,
                      migrate_latest());
        goto out;
    }
    if (v < 1 ||
        sqlite3_prepare_v2(db, "SELECT 1 FROM expense, trip LIMIT 0", -1, &st, NULL) != SQLITE_OK) {
        rc = cs_error(e, CS_EINPUT, "restore", file, "not a confspend database");
        goto out;
    }
out:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

int backup_restore(sqlite3 *db, const char *db_path, const char *file, char **saved,
                   int64_t *expenses, struct cs_err *e)
{
    char *tmp = NULL;
    sqlite3 *src = NULL, *copy = NULL;
    int rc;
    *saved = NULL;
    {
        struct stat a, b;
        if (stat(file, &b) == 0 && stat(db_path, &a) == 0 && a.st_dev == b.st_dev &&
            a.st_ino == b.st_ino)
            return cs_error(e, CS_EINPUT, "restore", file, "is the database itself");
    }
    if ((rc = check_file(file, e)))
        return rc;
    /* the copy is migrated, never FILE itself */
    if (!(tmp = temp_beside(db_path, e)))
        return CS_EFAIL;
    if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        (rc = write_copy(src, tmp, file, e))) {
        rc = rc ? rc : cs_error(e, CS_EINPUT, "restore", file, "cannot read");
        goto out;
    }
    sqlite3_close(src);
    src = NULL;
    if (db_open(tmp, &copy, e)) {
        rc = CS_EINPUT;
        goto out;
    }
    if (count_expenses(db) > 0) {
        char stamp[32], *name;
        time_t now = time(NULL);
        int64_t n;
        struct stat sb;
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", localtime(&now));
        name = xmalloc(strlen(db_path) + 48);
        /* never over an earlier copy (two restores in one second): -2, -3, ...; the name
         * found free is taken only if still free when the copy is put in place (another
         * restore of the same second may take it first: then this one stops, undone) */
        sprintf(name, "%s.before-restore-%s", db_path, stamp);
        for (int k = 2; lstat(name, &sb) == 0 || errno != ENOENT; k++) {
            if (k > 999) {
                rc = cs_error(e, CS_EFAIL, "restore", name,
                              "cannot find a free name to save "
                              "the database as");
                free(name);
                goto out;
            }
            sprintf(name, "%s.before-restore-%s-%d", db_path, stamp, k);
        }
        if ((rc = backup_write(db, db_path, name, 1, &n, e))) {
            free(name);
            goto out;
        }
        *saved = name;
    }
    /* one write transaction into the live database: whole or not at all */
    sqlite3_exec(copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    if ((rc = copy_all(db, copy)) != SQLITE_OK) {
        rc = cs_error(e, CS_EFAIL, "restore", file, "cannot replace the database: %s",
                      sqlite3_errstr(rc));
        goto out;
    }
    *expenses = count_expenses(db);
out:
    sqlite3_close(src);
    sqlite3_close(copy);
    temp_drop(tmp);
    return rc;
}
