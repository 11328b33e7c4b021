/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vfs.c - the default VFS with consecutive writes gathered into one (see vfs.h). */
#include "confspend/vfs.h"

#include <pthread.h>
#include <sqlite3.h>
#include <string.h>

/* A file of the shim: the real VFS's file follows it in the same allocation. */
struct gfile {
    sqlite3_file base;
    sqlite3_file *real;
    unsigned char *run; /* VFS_RUN_BYTES, allocated at the first gathered write */
    sqlite3_int64 at;   /* where the run goes in the file */
    int n;              /* bytes in the run; 0: none */
    int failed;         /* the error of a run written by xShmBarrier, which returns none */
    int gather;         /* a main database, rollback journal or WAL */
    int wal;            /* a WAL: in the list below, its run under wal_lock */
    struct gfile *next; /* the next WAL */
};

/* Where the real file starts in a file of the shim (16-byte aligned). */
#define GFILE_SIZE ((int)((sizeof(struct gfile) + 15) / 16 * 16))

static sqlite3_vfs *root; /* the VFS the shim is over */
static sqlite3_vfs shim;

/*
 * The open WALs. A WAL's frames become visible to other connections when the index in
 * the database's shared memory says so; the connection publishes it after a barrier or
 * under a shared-memory lock of the database file, not of the WAL. So the runs of every
 * WAL are written then (all of them: which WAL is this database's is not known here),
 * and a WAL's run is only touched under wal_lock, as another thread may write it.
 */
static pthread_mutex_t wal_lock = PTHREAD_MUTEX_INITIALIZER;
static struct gfile *wals;

static void lock(struct gfile *f)
{
    if (f->wal)
        pthread_mutex_lock(&wal_lock);
}

static void unlock(struct gfile *f)
{
    if (f->wal)
        pthread_mutex_unlock(&wal_lock);
}

/* Write the run, if any (or return the error a barrier could not); F locked. */
static int flush_locked(struct gfile *f)
{
    int rc;
    if (f->failed) {
        rc = f->failed;
        f->failed = 0;
        return rc;
    }
    if (!f->n)
        return SQLITE_OK;
    rc = f->real->pMethods->xWrite(f->real, f->run, f->n, f->at);
    f->n = 0;
    return rc;
}

static int flush(struct gfile *f)
{
    int rc;
    lock(f);
    rc = flush_locked(f);
    unlock(f);
    return rc;
}

/* Write the run of every WAL: the first error. */
static int flush_wals(void)
{
    int rc = SQLITE_OK;
    pthread_mutex_lock(&wal_lock);
    for (struct gfile *w = wals; w; w = w->next) {
        int r = flush_locked(w);
        if (rc == SQLITE_OK)
            rc = r;
    }
    pthread_mutex_unlock(&wal_lock);
    return rc;
}

static int g_close(sqlite3_file *pf)
{
    struct gfile *f = (struct gfile *)pf;
    int rc = flush(f), rc2;
    if (f->wal) {
        pthread_mutex_lock(&wal_lock);
        for (struct gfile **p = &wals; *p; p = &(*p)->next)
            if (*p == f) {
                *p = f->next;
                break;
            }
        pthread_mutex_unlock(&wal_lock);
    }
    rc2 = f->real->pMethods->xClose(f->real);
    sqlite3_free(f->run);
    f->run = NULL;
    return rc != SQLITE_OK ? rc : rc2;
}

static int g_read(sqlite3_file *pf, void *p, int amt, sqlite3_int64 off)
{
    struct gfile *f = (struct gfile *)pf;
    int rc = SQLITE_OK;
    /* a read that reaches the run (or past it: the file ends where the run ends) sees
     * the run written */
    lock(f);
    if (f->n && off + amt > f->at)
        rc = flush_locked(f);
    unlock(f);
    if (rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xRead(f->real, p, amt, off);
}

static int g_write(sqlite3_file *pf, const void *p, int amt, sqlite3_int64 off)
{
    struct gfile *f = (struct gfile *)pf;
    int rc;
    if (!f->gather)
        return f->real->pMethods->xWrite(f->real, p, amt, off);
    lock(f);
    if (f->n && off == f->at + f->n && f->n + amt <= VFS_RUN_BYTES) {
        memcpy(f->run + f->n, p, (size_t)amt);
        f->n += amt;
        unlock(f);
        return SQLITE_OK;
    }
    if ((rc = flush_locked(f)) == SQLITE_OK) {
        if (amt >= VFS_RUN_BYTES / 2 ||
            (!f->run && !(f->run = sqlite3_malloc(VFS_RUN_BYTES)))) { /* no memory: as it was */
            rc = f->real->pMethods->xWrite(f->real, p, amt, off);
        } else {
            memcpy(f->run, p, (size_t)amt);
            f->at = off;
            f->n = amt;
        }
    }
    unlock(f);
    return rc;
}

/* The methods that need the file as written: the run first, then the real one. */
#define FLUSHED(call)                                                                              \
    do {                                                                                           \
        struct gfile *f = (struct gfile *)pf;                                                      \
        int rc = flush(f);                                                                         \
        if (rc != SQLITE_OK)                                                                       \
            return rc;                                                                             \
        return f->real->pMethods->call;                                                            \
    } while (0)

static int g_truncate(sqlite3_file *pf, sqlite3_int64 size)
{
    FLUSHED(xTruncate(f->real, size));
}

static int g_sync(sqlite3_file *pf, int flags)
{
    FLUSHED(xSync(f->real, flags));
}

static int g_size(sqlite3_file *pf, sqlite3_int64 *size)
{
    FLUSHED(xFileSize(f->real, size));
}

static int g_lock(sqlite3_file *pf, int lock)
{
    struct gfile *f = (struct gfile *)pf;
    return f->real->pMethods->xLock(f->real, lock);
}

static int g_unlock(sqlite3_file *pf, int lock)
{
    FLUSHED(xUnlock(f->real, lock));
}

static int g_reserved(sqlite3_file *pf, int *out)
{
    struct gfile *f = (struct gfile *)pf;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int g_control(sqlite3_file *pf, int op, void *arg)
{
    FLUSHED(xFileControl(f->real, op, arg));
}

static int g_sector(sqlite3_file *pf)
{
    struct gfile *f = (struct gfile *)pf;
    return f->real->pMethods->xSectorSize(f->real);
}

static int g_device(sqlite3_file *pf)
{
    struct gfile *f = (struct gfile *)pf;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int g_shm_map(sqlite3_file *pf, int page, int size, int extend, void volatile **p)
{
    struct gfile *f = (struct gfile *)pf;
    return f->real->pMethods->xShmMap(f->real, page, size, extend, p);
}

static int g_shm_lock(sqlite3_file *pf, int offset, int n, int flags)
{
    struct gfile *f = (struct gfile *)pf;
    int rc = flush(f), rc2 = flush_wals();
    if (rc != SQLITE_OK || (rc = rc2) != SQLITE_OK)
        return rc;
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void g_shm_barrier(sqlite3_file *pf)
{
    struct gfile *f = (struct gfile *)pf;
    int rc = flush(f), rc2 = flush_wals();
    /* (an error here, where none can be returned, comes back from the next call) */
    if (rc == SQLITE_OK)
        rc = rc2;
    if (rc != SQLITE_OK) {
        lock(f);
        f->failed = rc;
        unlock(f);
    }
    f->real->pMethods->xShmBarrier(f->real);
}

static int g_shm_unmap(sqlite3_file *pf, int del)
{
    FLUSHED(xShmUnmap(f->real, del));
}

static int g_fetch(sqlite3_file *pf, sqlite3_int64 off, int amt, void **pp)
{
    FLUSHED(xFetch(f->real, off, amt, pp));
}

static int g_unfetch(sqlite3_file *pf, sqlite3_int64 off, void *p)
{
    struct gfile *f = (struct gfile *)pf;
    return f->real->pMethods->xUnfetch(f->real, off, p);
}

static sqlite3_io_methods methods = {
    3,          g_close,       g_read,      g_write,   g_truncate, g_sync,   g_size,
    g_lock,     g_unlock,      g_reserved,  g_control, g_sector,   g_device, g_shm_map,
    g_shm_lock, g_shm_barrier, g_shm_unmap, g_fetch,   g_unfetch,
};

static int g_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *pf, int flags, int *out_flags)
{
    struct gfile *f = (struct gfile *)pf;
    int rc;
    (void)vfs;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)((char *)f + GFILE_SIZE);
    rc = root->xOpen(root, name, f->real, flags, out_flags);
    if (!f->real->pMethods) { /* nothing opened: nothing to close */
        f->base.pMethods = NULL;
        return rc;
    }
    f->gather = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL)) != 0 &&
                f->real->pMethods->iVersion >= 3;
    if (f->gather && (flags & SQLITE_OPEN_WAL)) {
        f->wal = 1;
        pthread_mutex_lock(&wal_lock);
        f->next = wals;
        wals = f;
        pthread_mutex_unlock(&wal_lock);
    }
    f->base.pMethods = &methods;
    return rc;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int installed;

static void install(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    root = sqlite3_vfs_find(NULL);
    if (!root || root->iVersion < 1) {
        installed = SQLITE_ERROR;
        return;
    }
    shim = *root; /* the root's own calls: they are given the shim, which they ignore */
    shim.zName = "confspend";
    shim.pNext = NULL;
    shim.szOsFile = GFILE_SIZE + root->szOsFile;
    shim.xOpen = g_open;
    installed = sqlite3_vfs_register(&shim, 1);
}

int vfs_install(void)
{
    pthread_once(&once, install);
    return installed;
}
