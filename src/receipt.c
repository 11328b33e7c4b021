/* SPDX-License-Identifier: GPL-3.0-or-later */
/* receipt.c - receipts in the database: the bytes stored once per SHA-256 (sha256.h),
 * streamed with SQLite's incremental blob I/O. The sniffer is receipt_sniff.c. */
#include "confspend/receipt.h"
#include "confspend/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confspend/change.h"
#include "confspend/args.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/pdf.h"

void receipt_info_release(struct receipt_info *r)
{
    free(r->name);
    memset(r, 0, sizeof *r);
}

/* The chunk the file is read in: small enough to stay in the cache, large enough that a
 * 25 MiB file takes a hundred reads. */
#define CHUNK (256 * 1024)

static void hex_of(const uint8_t *d, char out[65])
{
    static const char hx[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hx[d[i] >> 4];
        out[2 * i + 1] = hx[d[i] & 15];
    }
    out[64] = 0;
}

/* Read all of FD in chunks into BUF, feeding the SHA-256 H and the sniffer S; *N gets the
 * byte count. Past LIMIT bytes it stops (the sniffer has seen them: too large). */
static int read_all(int fd, unsigned char *buf, const struct sha256_fns *sha, struct sha256_ctx *h,
                    struct receipt_sniff *s, int64_t limit, int64_t *n, const char *path,
                    struct cs_err *e)
{
    int64_t total = 0;
    for (;;) {
        ssize_t r = read(fd, buf, CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return cs_error(e, CS_EFAIL, "receipt", path, "cannot read the file: %s",
                            strerror(errno));
        if (r == 0)
            break;
        receipt_sniff_feed(s, buf, (size_t)r);
        total += r;
        if (total > limit)
            break;
        sha->update(h, (size_t)r, buf);
    }
    *n = total;
    return 0;
}

/* Open PATH for reading as a regular file; *FD and *SIZE. */
static int open_file(const char *path, int *fd, int64_t *size, struct cs_err *e)
{
    struct stat sb;
    /* O_NONBLOCK: a named pipe is refused below instead of waiting for a writer */
    if ((*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
        return cs_error(e, CS_EFAIL, "receipt", path, "cannot open the file: %s", strerror(errno));
    if (fstat(*fd, &sb) || !S_ISREG(sb.st_mode) ||
        fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK) < 0) {
        close(*fd);
        *fd = -1;
        return cs_error(e, CS_EINPUT, "receipt", path, "not a regular file");
    }
    if (sb.st_size > RECEIPT_MAX_BYTES) {
        close(*fd);
        *fd = -1;
        return cs_error(e, CS_EINPUT, "receipt", path, "larger than 25 MiB");
    }
    *size = (int64_t)sb.st_size;
    return 0;
}

/* Check the open file FD (PATH) and hash it. */
static int check_fd(int fd, const char *path, unsigned char *buf, int *type, char sha256[65],
                    int64_t *bytes, struct cs_err *e)
{
    struct receipt_sniff s;
    struct sha256_ctx h;
    uint8_t d[SHA256_DIGEST_SIZE];
    int64_t n = 0;
    int rc;
    const struct sha256_fns *sha = sha256_fns_get(e);
    if (!sha)
        return CS_EFAIL;
    receipt_sniff_init(&s);
    sha->init(&h);
    if ((rc = read_all(fd, buf, sha, &h, &s, RECEIPT_MAX_BYTES, &n, path, e)))
        return rc;
    if ((rc = receipt_sniff_end(&s, path, NULL, NULL, e)) < 0)
        return rc;
    if (type)
        *type = rc;
    sha->digest(&h, sizeof d, d);
    if (sha256)
        hex_of(d, sha256);
    if (bytes)
        *bytes = n;
    return 0;
}

int receipt_check_file(const char *path, int *type, char sha256[65], int64_t *bytes,
                       struct cs_err *e)
{
    int fd, rc;
    int64_t size;
    unsigned char *buf;
    if ((rc = open_file(path, &fd, &size, e)))
        return rc;
    buf = xmalloc(CHUNK);
    rc = check_fd(fd, path, buf, type, sha256, bytes, e);
    free(buf);
    close(fd);
    return rc;
}

int receipt_stat_file(const char *path, int64_t *bytes, struct cs_err *e)
{
    int fd, rc;
    if ((rc = open_file(path, &fd, bytes, e)))
        return rc;
    close(fd);
    return 0;
}

/* The last path component of PATH ("" stays ""). */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

/* The id of the stored bytes other than NOT_ID whose SHA-256 is HEX, or 0. */
static int data_id_of(sqlite3 *db, const char *hex, int64_t not_id, int64_t *id, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    *id = 0;
    if (db_prepare(db, "SELECT id FROM receipt_data WHERE sha256 = ?1 AND id <> ?2", &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, not_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, "cannot read receipts", e);
}

/* A SHA-256 no file has in practice: the receipt_data row's, while its bytes are written. */
static const char unknown_sha[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * Store the SIZE bytes of FD (PATH) in one pass: a receipt_data row with the id *ID (its
 * SHA-256 and type not known yet) and a zeroblob of receipt_blob under the same rowid, into
 * which the file is read in chunks, each fed to the SHA-256 and the sniffer as it goes by.
 * Content that is not a receipt is CS_EINPUT (the caller's transaction is rolled back, so
 * nothing is written). When the same bytes were stored already, the new rows go again and
 * *ID is the old row (*NEW_BYTES 0). The change being recorded (REC) is paused while the
 * bytes are written: receipt_blob is no table of the change log anyway (0017).
 */
static int store_bytes(sqlite3 *db, struct change_rec *rec, int fd, const char *path,
                       unsigned char *buf, int64_t size, int *type, int64_t *id, int *new_bytes,
                       struct cs_err *e)
{
    sqlite3_stmt *st;
    sqlite3_blob *b = NULL;
    struct receipt_sniff s;
    struct sha256_ctx h;
    uint8_t d[SHA256_DIGEST_SIZE];
    char hex[65];
    int64_t total = 0, old;
    int rc = 0;
    const struct sha256_fns *sha = sha256_fns_get(e);
    *new_bytes = 0;
    if (!sha)
        return CS_EFAIL;
    if (size == 0) { /* nothing to store: the sniffer names what is wrong */
        receipt_sniff_init(&s);
        return receipt_sniff_end(&s, path, NULL, NULL, e);
    }
    if (db_prepare(db,
                   "INSERT INTO receipt_data(sha256, type, bytes, data) VALUES (?1, 'jpeg', ?2, "
                   "X'')",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, unknown_sha, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, size);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot store the receipt", e);
    *id = sqlite3_last_insert_rowid(db);
    if ((rc = db_exec2(db, "INSERT INTO receipt_blob(rowid, data) VALUES (?1, zeroblob(?2))", *id,
                       size, "cannot store the receipt", e)))
        return rc;
    if (sqlite3_blob_open(db, "main", "receipt_blob", "data", *id, 1, &b) != SQLITE_OK) {
        rc = db_fail(db, "cannot store the receipt", e);
        sqlite3_blob_close(b);
        return rc;
    }
    receipt_sniff_init(&s);
    sha->init(&h);
    change_pause(rec, 1);
    for (;;) {
        ssize_t r = read(fd, buf, CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc =
                cs_error(e, CS_EFAIL, "receipt", path, "cannot read the file: %s", strerror(errno));
            break;
        }
        if (r == 0)
            break;
        if (total + r > size) { /* it grew since it was opened */
            rc = cs_error(e, CS_EFAIL, "receipt", path, "the file changed while it was read");
            break;
        }
        sha->update(&h, (size_t)r, buf);
        receipt_sniff_feed(&s, buf, (size_t)r);
        if (sqlite3_blob_write(b, buf, (int)r, (int)total) != SQLITE_OK) {
            rc = db_fail(db, "cannot store the receipt", e);
            break;
        }
        total += r;
    }
    change_pause(rec, 0);
    if (sqlite3_blob_close(b) != SQLITE_OK && !rc)
        rc = db_fail(db, "cannot store the receipt", e);
    if (!rc && total != size)
        rc = cs_error(e, CS_EFAIL, "receipt", path, "the file changed while it was read");
    if (rc)
        return rc;
    if ((rc = receipt_sniff_end(&s, path, NULL, NULL, e)) < 0)
        return rc;
    *type = rc;
    sha->digest(&h, sizeof d, d);
    hex_of(d, hex);
    if ((rc = data_id_of(db, hex, *id, &old, e)))
        return rc;
    if (old) { /* stored already: the new rows go (the change records neither) */
        if ((rc = db_exec2(db, "DELETE FROM receipt_blob WHERE rowid = ?1", *id, 0,
                           "cannot store the receipt", e)) ||
            (rc = db_exec2(db, "DELETE FROM receipt_data WHERE id = ?1", *id, 0,
                           "cannot store the receipt", e)))
            return rc;
        *id = old;
        return 0;
    }
    if (db_prepare(db, "UPDATE receipt_data SET sha256 = ?1, type = ?2 WHERE id = ?3", &st, e))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, receipt_type_name(*type), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, *id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot store the receipt", e);
    *new_bytes = 1;
    return 0;
}

int receipt_store(sqlite3 *db, struct change_rec *rec, int64_t expense_id, const char *path,
                  struct receipt_info *out, int *new_bytes, int *already, struct cs_err *e)
{
    int fd = -1, rc, type;
    int64_t size = 0, data_id = 0;
    unsigned char *buf = NULL;
    sqlite3_stmt *st = NULL;
    const char *name = base_name(path);

    *new_bytes = *already = 0;
    if ((rc = expense_exists(db, expense_id, e)) || (rc = open_file(path, &fd, &size, e)))
        return rc;
    buf = xmalloc(CHUNK);
    if (strlen(name) > 255 || !*name) {
        rc = cs_error(e, CS_EINPUT, "receipt", path, "a file name of 1 to 255 bytes is needed");
        goto cleanup;
    }
    if ((rc = store_bytes(db, rec, fd, path, buf, size, &type, &data_id, new_bytes, e)))
        goto cleanup;
    /* what the packet cannot draw is refused now, not at its export (a JPEG goes in as
     * it is: the sniffer's walk is its check) */
    if (*new_bytes && type != RECEIPT_JPEG && (rc = pdf_receipt_check(db, data_id, type, path, e)))
        goto cleanup;
    if (db_prepare(db, "SELECT id FROM receipt WHERE expense_id = ?1 AND data_id = ?2", &st, e)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    sqlite3_bind_int64(st, 1, expense_id);
    sqlite3_bind_int64(st, 2, data_id);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *already = 1;
        rc = receipt_load(db, sqlite3_column_int64(st, 0), out, e);
        goto cleanup;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (db_prepare(db, "INSERT INTO receipt(expense_id, data_id, name) VALUES (?1, ?2, ?3)", &st,
                   e)) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    sqlite3_bind_int64(st, 1, expense_id);
    sqlite3_bind_int64(st, 2, data_id);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = db_fail(db, "cannot store the receipt", e);
        goto cleanup;
    }
    rc = receipt_load(db, sqlite3_last_insert_rowid(db), out, e);
cleanup:
    sqlite3_finalize(st);
    free(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

#define INFO_SQL                                                                                   \
    "SELECT r.id, r.expense_id, r.data_id, d.bytes, d.type, d.sha256, r.name FROM receipt r "      \
    "JOIN receipt_data d ON d.id = r.data_id "

static void info_from_row(sqlite3_stmt *st, struct receipt_info *r)
{
    const char *t = (const char *)sqlite3_column_text(st, 4);
    const char *h = (const char *)sqlite3_column_text(st, 5);
    r->id = sqlite3_column_int64(st, 0);
    r->expense_id = sqlite3_column_int64(st, 1);
    r->data_id = sqlite3_column_int64(st, 2);
    r->bytes = sqlite3_column_int64(st, 3);
    snprintf(r->type, sizeof r->type, "%s", t ? t : "");
    snprintf(r->sha256, sizeof r->sha256, "%s", h ? h : "");
    r->name = db_col_dup(st, 6);
}

int receipt_each(sqlite3 *db, int64_t expense_id, int (*fn)(const struct receipt_info *, void *),
                 void *arg, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc = 0, step;
    if (db_prepare(db, INFO_SQL "WHERE ?1 = 0 OR r.expense_id = ?1 ORDER BY r.expense_id, r.id",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, expense_id);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        struct receipt_info r = RECEIPT_INFO_INIT;
        info_from_row(st, &r);
        rc = fn(&r, arg);
        receipt_info_release(&r);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read receipts", e);
}

int receipt_load(sqlite3 *db, int64_t id, struct receipt_info *r, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    char ids[24];
    if (db_prepare(db, INFO_SQL "WHERE r.id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        info_from_row(st, r);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot read receipts", e);
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    return cs_error(e, CS_EINPUT, "receipt", ids, "no such receipt");
}

int receipt_parse_id(const char *s, int64_t *id, struct cs_err *e)
{
    return row_id_parse(s, "receipt", "not a receipt number", id, e);
}

int receipt_bytes_open(sqlite3 *db, int64_t data_id, sqlite3_blob **b, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc, inline_bytes = 0;
    char ids[24];
    *b = NULL;
    /* length() of a blob reads its size from the record, not its overflow pages; the
     * bytes are in receipt_data itself when it holds any (stored before 0017), or when
     * there is no receipt_blob row (then the empty ones are opened, and found empty) */
    if (db_prepare(db,
                   "SELECT length(data) > 0 OR NOT EXISTS (SELECT 1 FROM receipt_blob WHERE "
                   "rowid = ?1) FROM receipt_data WHERE id = ?1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, data_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inline_bytes = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        snprintf(ids, sizeof ids, "%lld", (long long)data_id);
        return cs_error(e, CS_EFAIL, "receipt", ids, "its stored bytes are missing");
    }
    if (rc != SQLITE_ROW)
        return db_fail(db, "cannot read the receipt", e);
    if (sqlite3_blob_open(db, "main", inline_bytes ? "receipt_data" : "receipt_blob", "data",
                          data_id, 0, b) != SQLITE_OK) {
        rc = db_fail(db, "cannot read the receipt", e);
        sqlite3_blob_close(*b);
        *b = NULL;
        return rc;
    }
    return 0;
}

/* 1 when the changeset CS (N bytes) removes the receipt_data row ID: the undo of that
 * change brings the row back, so its bytes must stay. */
static int removed_by(const void *cs, int n, int64_t id)
{
    sqlite3_changeset_iter *it = NULL;
    int found = 0;
    if (n <= 0 || sqlite3changeset_start(&it, n, (void *)cs) != SQLITE_OK)
        return n > 0; /* unreadable: keep the bytes */
    while (!found && sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *table;
        int ncol, op;
        sqlite3_value *v = NULL;
        sqlite3changeset_op(it, &table, &ncol, &op, NULL);
        found = op == SQLITE_DELETE && !strcmp(table, "receipt_data") &&
                sqlite3changeset_old(it, 0, &v) == SQLITE_OK && v && sqlite3_value_int64(v) == id;
    }
    sqlite3changeset_finalize(it);
    return found;
}

int receipt_blob_forget(sqlite3 *db, const void *pending, int npending, struct cs_err *e)
{
    sqlite3_stmt *st = NULL, *del = NULL;
    int rc = 0, step = SQLITE_DONE;
    if (db_prepare(db, "SELECT changeset FROM change WHERE redoable = 1", &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_changeset_iter *it = NULL;
        if (sqlite3changeset_start(&it, sqlite3_column_bytes(st, 0),
                                   (void *)sqlite3_column_blob(st, 0)) != SQLITE_OK) {
            rc = cs_error(e, CS_EFAIL, "database", NULL, "cannot read the change log");
            break;
        }
        while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
            const char *table;
            int ncol, op;
            sqlite3_value *id = NULL;
            sqlite3changeset_op(it, &table, &ncol, &op, NULL);
            if (strcmp(table, "receipt_data") ||
                (op == SQLITE_INSERT ? sqlite3changeset_new(it, 0, &id)
                                     : sqlite3changeset_old(it, 0, &id)) ||
                !id || removed_by(pending, npending, sqlite3_value_int64(id)))
                continue;
            if (!del && db_prepare(db,
                                   "DELETE FROM receipt_blob WHERE rowid = ?1 AND NOT EXISTS "
                                   "(SELECT 1 FROM receipt_data WHERE id = ?1)",
                                   &del, e)) {
                rc = CS_EFAIL;
                break;
            }
            sqlite3_reset(del);
            sqlite3_bind_int64(del, 1, sqlite3_value_int64(id));
            if (sqlite3_step(del) != SQLITE_DONE)
                rc = db_fail(db, "cannot remove receipt bytes", e);
        }
        sqlite3changeset_finalize(it);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(del);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, "cannot read the change log", e);
}

int receipt_write(sqlite3 *db, int64_t id, FILE *fp, const char *where, struct cs_err *e)
{
    struct receipt_info r = RECEIPT_INFO_INIT;
    sqlite3_blob *b = NULL;
    unsigned char *buf;
    int rc, size;
    if ((rc = receipt_load(db, id, &r, e)))
        return rc;
    if ((rc = receipt_bytes_open(db, r.data_id, &b, e))) {
        receipt_info_release(&r);
        return rc;
    }
    size = sqlite3_blob_bytes(b);
    buf = xmalloc(CHUNK);
    for (int off = 0; off < size && !rc;) {
        int k = size - off < CHUNK ? size - off : CHUNK;
        if (sqlite3_blob_read(b, buf, k, off) != SQLITE_OK)
            rc = db_fail(db, "cannot read the receipt", e);
        else if (fwrite(buf, 1, (size_t)k, fp) != (size_t)k)
            rc = cs_error(e, CS_EFAIL, "receipt", where, "cannot write: %s", strerror(errno));
        off += k;
    }
    free(buf);
    sqlite3_blob_close(b);
    receipt_info_release(&r);
    return rc;
}

/* Remove the bytes DATA_ID when no receipt uses them; *FREED 1 then. */
static int free_unused(sqlite3 *db, int64_t data_id, int *freed, struct cs_err *e)
{
    if (db_exec2(db,
                 "DELETE FROM receipt_data WHERE id = ?1 AND NOT EXISTS "
                 "(SELECT 1 FROM receipt WHERE data_id = ?1)",
                 data_id, 0, "cannot remove the receipt", e))
        return CS_EFAIL;
    if (freed)
        *freed = sqlite3_changes(db) > 0;
    return 0;
}

int receipt_remove(sqlite3 *db, int64_t id, struct receipt_info *r, int *freed, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = receipt_load(db, id, r, e)))
        return rc;
    if (db_prepare(db, "DELETE FROM receipt WHERE id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot remove the receipt", e);
    return free_unused(db, r->data_id, freed, e);
}

struct detach {
    int64_t ids[64];
    int n;
};

static int collect(const struct receipt_info *r, void *arg)
{
    struct detach *d = arg;
    if (d->n == 64)
        return 1;
    d->ids[d->n++] = r->id;
    return 0;
}

int receipt_detach_all(sqlite3 *db, int64_t expense_id, int *n, struct cs_err *e)
{
    int rc;
    *n = 0;
    for (;;) { /* 64 at a time */
        struct detach d = {{0}, 0};
        if ((rc = receipt_each(db, expense_id, collect, &d, e)) < 0)
            return rc;
        if (!d.n)
            return 0;
        for (int i = 0; i < d.n; i++) {
            struct receipt_info r = RECEIPT_INFO_INIT;
            rc = receipt_remove(db, d.ids[i], &r, NULL, e);
            receipt_info_release(&r);
            if (rc)
                return rc;
            (*n)++;
        }
    }
}

int receipt_count(sqlite3 *db, int64_t expense_id, int64_t *n, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    if (db_prepare(db, "SELECT count(*) FROM receipt WHERE expense_id = ?1", &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, expense_id);
    rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(db, "cannot read receipts", e);
}

int receipt_names_open(sqlite3 *db, struct receipt_names *rn, struct cs_err *e)
{
    sqlite3_stmt *st;
    int rc;
    rn->st = NULL;
    if (db_prepare(db, "SELECT EXISTS (SELECT 1 FROM receipt)", &st, e))
        return CS_EFAIL;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int(st, 0)) {
        sqlite3_finalize(st);
        return db_prepare(db,
                          "SELECT group_concat(name, '; ') FROM (SELECT name FROM receipt "
                          "WHERE expense_id = ?1 ORDER BY id)",
                          &rn->st, e)
                   ? CS_EFAIL
                   : 0;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(db, "cannot read receipts", e);
}

char *receipt_names(struct receipt_names *rn, int64_t expense_id)
{
    char *s = NULL;
    if (!rn->st)
        return NULL;
    sqlite3_bind_int64(rn->st, 1, expense_id);
    if (sqlite3_step(rn->st) == SQLITE_ROW)
        s = db_col_dup(rn->st, 0);
    sqlite3_reset(rn->st);
    return s;
}

void receipt_names_close(struct receipt_names *rn)
{
    sqlite3_finalize(rn->st);
    rn->st = NULL;
}

char *receipt_cell(struct receipt_names *rn, const char *note, int64_t id)
{
    char *names = receipt_names(rn, id), *s;
    size_t n;
    if (!names)
        return note ? xstrdup(note) : NULL;
    if (!note || !*note)
        return names;
    n = strlen(note) + strlen(names) + 3;
    s = xmalloc(n);
    snprintf(s, n, "%s; %s", note, names);
    free(names);
    return s;
}
