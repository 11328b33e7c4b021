/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outfile.c - a file written beside its target and renamed into place, relative to one
 * opened folder: see outfile.h for the rules and the lifetime. */
#define _GNU_SOURCE /* O_PATH */
#include "confspend/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/syscall.h>
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#include <unistd.h>

#include "confspend/tmpfiles.h"

/* How many symlinks a target may go through, as the kernel's own limit (ELOOP). */
#define MAX_LINKS 40
/* How many random names are tried before giving up (each one already there). */
#define MAX_TRIES 100

mode_t outfile_mode(mode_t dbmode, mode_t mask, int exists, mode_t existing)
{
    mode_t m = 0666 & ~mask & 0644 & (dbmode | 0600);
    if (exists)
        m &= existing;
    return m & 0777;
}

/* The first N bytes of S as a new string. Allocates. */
static char *dup_n(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* DIR "/" NAME as a new string, without a doubled slash and without a leading "./".
 * Allocates. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *p;
    if (!strcmp(dir, "."))
        return xstrdup(name);
    p = xmalloc(n + strlen(name) + 2);
    sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return p;
}

/*
 * Split PATH into its folder *DIR and its last name *BASE (both allocated): "a/b" gives "a"
 * and "b", "b" gives "." and "b", "/b" gives "/" and "b", "/" gives "/" and ".". Trailing
 * slashes are dropped and said in *SLASH (the name must then be a folder).
 */
static void split(const char *path, char **dir, char **base, int *slash)
{
    size_t n = strlen(path), k;
    *slash = 0;
    while (n > 1 && path[n - 1] == '/') {
        n--;
        *slash = 1;
    }
    for (k = n; k > 0 && path[k - 1] != '/'; k--)
        ;
    if (k == 0) { /* no slash */
        *dir = xstrdup(".");
        *base = dup_n(path, n);
    } else if (n == 1) { /* "/" */
        *dir = xstrdup("/");
        *base = xstrdup(".");
    } else {
        *dir = k == 1 ? xstrdup("/") : dup_n(path, k - 1);
        *base = dup_n(path + k, n - k);
    }
}

/* Open the folder DIR (relative to AT) for reading, so it can be synced; where it can be
 * searched but not read, as a path only (*SYNCABLE 0). The descriptor, or -1 (errno). */
static int open_dir(int at, const char *dir, int *syncable)
{
    int fd = openat(at, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    *syncable = fd >= 0;
    if (fd < 0 && errno == EACCES)
        fd = openat(at, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
    return fd;
}

/* The text of the symlink NAME in DIRFD, or NULL (errno). Allocates. */
static char *read_link(int dirfd, const char *name)
{
    size_t size = 256;
    for (;;) {
        char *buf = xmalloc(size);
        ssize_t n = readlinkat(dirfd, name, buf, size);
        if (n < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < size) {
            buf[n] = 0;
            return buf;
        }
        free(buf);
        size *= 2;
    }
}

/* Where a target's file is, once its symlinks are followed. */
struct place {
    int dirfd, syncable;
    char *dir, *base; /* the folder's name (for messages and PATH) and the name in DIRFD */
    int exists;       /* a regular file is there, with mode ST.st_mode */
    struct stat st;
};

/*
 * Find where TARGET's file is: open its folder, and while the name there is a symlink,
 * check that it is the user's, read it and open the folder it points into (relative to the
 * link's folder when it is relative). The file at the end must be the user's too when a
 * link led to it, and a regular file or nothing (nothing only without a link). Fills PL
 * (its DIRFD open, its names allocated) and returns 0, or returns CS_EFAIL with E filled
 * (messages as outfile_open() lists them) and nothing open.
 */
static int resolve(const char *target, const char *field, struct place *pl, struct cs_err *e)
{
    char *dir = NULL, *base = NULL, *link = NULL; /* LINK: the last symlink, as named */
    uid_t me = geteuid();
    int slash, hops = 0, rc = 0;
    struct stat st;

    memset(pl, 0, sizeof *pl);
    split(target, &dir, &base, &slash);
    if ((pl->dirfd = open_dir(AT_FDCWD, dir, &pl->syncable)) < 0) {
        rc = cs_error(e, CS_EFAIL, field, target, "cannot write the file: %s", strerror(errno));
        goto out;
    }
    for (;;) {
        char *text, *ndir, *nbase;
        int nslash, nfd, nsync;
        if (!strcmp(base, ".") || !strcmp(base, "..")) {
            rc = cs_error(e, CS_EFAIL, field, target, "is a folder; not replaced");
            goto out;
        }
        if (fstatat(pl->dirfd, base, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT && link)
                rc = cs_error(e, CS_EFAIL, field, link, "a symlink to nothing; not followed");
            else if (errno != ENOENT || slash)
                rc = cs_error(e, CS_EFAIL, field, target, "cannot write the file: %s",
                              strerror(errno));
            goto out; /* (nothing there: a new file) */
        }
        if (!S_ISLNK(st.st_mode))
            break;
        free(link);
        link = hops ? join(dir, base) : xstrdup(target);
        if (st.st_uid != me) {
            rc =
                cs_error(e, CS_EFAIL, field, link, "a symlink owned by another user; not followed");
            goto out;
        }
        if (++hops > MAX_LINKS) {
            rc = cs_error(e, CS_EFAIL, field, link, "too many symlinks; not followed");
            goto out;
        }
        if (!(text = read_link(pl->dirfd, base))) {
            rc = cs_error(e, CS_EFAIL, field, link, "cannot write the file: %s", strerror(errno));
            goto out;
        }
        split(text, &ndir, &nbase, &nslash);
        nfd = open_dir(text[0] == '/' ? AT_FDCWD : pl->dirfd, ndir, &nsync);
        if (nfd < 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                rc = cs_error(e, CS_EFAIL, field, link, "a symlink to nothing; not followed");
            else
                rc = cs_error(e, CS_EFAIL, field, link, "cannot write the file: %s",
                              strerror(errno));
            free(text);
            free(ndir);
            free(nbase);
            goto out;
        }
        close(pl->dirfd);
        pl->dirfd = nfd;
        pl->syncable = nsync;
        free(base);
        base = nbase;
        if (text[0] != '/' && strcmp(ndir, ".")) {
            char *d = join(dir, ndir);
            free(dir);
            dir = d;
        } else if (text[0] == '/') {
            free(dir);
            dir = xstrdup(ndir);
        }
        slash |= nslash;
        free(ndir);
        free(text);
    }
    if (S_ISDIR(st.st_mode))
        rc = cs_error(e, CS_EFAIL, field, target, "is a folder; not replaced");
    else if (slash)
        rc = cs_error(e, CS_EFAIL, field, target, "cannot write the file: %s", strerror(ENOTDIR));
    else if (!S_ISREG(st.st_mode))
        rc = cs_error(e, CS_EFAIL, field, target, "not a regular file; not replaced");
    else if (link && st.st_uid != me)
        rc = cs_error(e, CS_EFAIL, field, link,
                      "a symlink to a file owned by another user; not followed");
    pl->exists = !rc;
    pl->st = st;
out:
    free(link);
    if (rc) {
        if (pl->dirfd >= 0)
            close(pl->dirfd);
        free(dir);
        free(base);
        memset(pl, 0, sizeof *pl);
        return rc;
    }
    pl->dir = dir;
    pl->base = base;
    return 0;
}

int outfile_check(const char *target, const char *field, struct cs_err *e)
{
    struct place pl;
    int rc = resolve(target, field, &pl, e);
    if (!rc) {
        close(pl.dirfd);
        free(pl.dir);
        free(pl.base);
    }
    return rc;
}

/* Six letters and digits into S (7 bytes), from the system's random source, else from the
 * clock and the process (O_EXCL makes any name safe; randomness only avoids retries). */
static void random_suffix(char *s)
{
    static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static unsigned long counter;
    unsigned char r[6];
    if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
        unsigned long x = (unsigned long)time(NULL) ^ (unsigned long)getpid() << 16 ^
                          (unsigned long)clock() << 8 ^ ++counter * 2654435761UL;
        for (size_t i = 0; i < sizeof r; i++, x = x * 6364136223846793005UL + 1442695040888963407UL)
            r[i] = (unsigned char)(x >> 33);
    }
    for (size_t i = 0; i < sizeof r; i++)
        s[i] = set[r[i] % (sizeof set - 1)];
    s[6] = 0;
}

/* NAME in OF's folder by a path through the opened folder, /proc/self/fd/DIRFD/NAME, when
 * that reaches the same file; else the folder's name and NAME. Allocates. */
static char *through(const struct outfile *of, const char *name)
{
    char *p = xmalloc(strlen(name) + 40);
    struct stat a, b;
    sprintf(p, "/proc/self/fd/%d/%s", of->dirfd, name);
    if (stat(p, &a) == 0 && fstatat(of->dirfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
        a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return p;
    free(p);
    return join(of->dirname, name);
}

/* Hold back the interrupts tmpfiles.c handles (SIGINT, SIGTERM, SIGHUP) while a temporary
 * name is made and registered; signals_release() lets a pending one in. */
static void signals_hold(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void signals_release(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

int outfile_open(struct outfile *of, const char *target, mode_t dbmode, const char *field,
                 struct cs_err *e)
{
    struct place pl;
    mode_t mask;
    sigset_t held;
    int rc;

    if ((rc = resolve(target, field, &pl, e)))
        return rc;
    of->dirfd = pl.dirfd;
    of->dir_syncable = pl.syncable;
    of->dirname = pl.dir;
    of->base = pl.base;
    of->target = xstrdup(target);
    of->field = field;
    mask = umask(0);
    umask(mask);
    of->mode = outfile_mode(dbmode, mask, pl.exists, pl.st.st_mode);
    of->name = xmalloc(strlen(pl.base) + 12);
    /* an interrupt between making the file and registering it would leave it: the signals
     * wait until it is registered (tmpfiles.c installs the handler that removes it) */
    signals_hold(&held);
    for (int tries = 0; tries < MAX_TRIES; tries++) {
        char suffix[7];
        random_suffix(suffix);
        sprintf(of->name, "%s.tmp-%s", pl.base, suffix);
        of->fd =
            openat(of->dirfd, of->name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (of->fd >= 0 || errno != EEXIST)
            break;
    }
    if (of->fd < 0) {
        rc = cs_error(e, CS_EFAIL, field, target, "cannot write the file: %s", strerror(errno));
        signals_release(&held);
        free(of->name);
        of->name = NULL; /* not ours: nothing to remove */
        outfile_abort(of);
        return rc;
    }
    tmpfiles_add_at(of->dirfd, of->name); /* an interrupt removes it */
    signals_release(&held);
    fchmod(of->fd, 0600); /* whatever the umask: the owner reads and writes it until commit */
    of->path = through(of, of->name);
    return 0;
}

FILE *outfile_stream(struct outfile *of, struct cs_err *e)
{
    if (!of->fp && !(of->fp = fdopen(of->fd, "w")))
        cs_error(e, CS_EFAIL, of->field, of->target, "cannot write the file: %s", strerror(errno));
    return of->fp;
}

int outfile_scratch(struct outfile *of, struct cs_err *e)
{
    char *n = xmalloc(strlen(of->name) + 3);
    int rc;
    sigset_t held;
    sprintf(n, "%s.d", of->name);
    signals_hold(&held);
    if (mkdirat(of->dirfd, n, 0700) != 0) {
        rc = cs_error(e, CS_EFAIL, of->field, of->target, "cannot make a temporary folder: %s",
                      strerror(errno));
        signals_release(&held);
        free(n);
        return rc;
    }
    of->scratch_name = n;
    tmpfiles_add_at(of->dirfd, n);
    signals_release(&held);
    of->scratch = through(of, n);
    return 0;
}

/* Close OF's file (its stream, when made): 0, or -1 (errno) when that reports an error. */
static int close_file(struct outfile *of)
{
    int rc = 0;
    if (of->fp)
        rc = fclose(of->fp);
    else if (of->fd >= 0)
        rc = close(of->fd);
    of->fp = NULL;
    of->fd = -1;
    return rc;
}

/* Remove the folder NAME in DIRFD and the files in it (not following a symlink). */
static void remove_folder(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *de;
    if (d) {
        while ((de = readdir(d)))
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                unlinkat(fd, de->d_name, 0);
        closedir(d);
    } else if (fd >= 0) {
        close(fd);
    }
    unlinkat(dirfd, name, AT_REMOVEDIR);
}

int outfile_commit(struct outfile *of, struct cs_err *e)
{
    struct stat a, b;
    int rc = 0;

    if (of->fd < 0)
        die("outfile_commit: no file open");
    errno = 0;
    if (of->fp && (fflush(of->fp) != 0 || ferror(of->fp)))
        rc = cs_error(e, CS_EFAIL, of->field, of->target, "cannot write the file: %s",
                      strerror(errno ? errno : EIO));
    else if (fstat(of->fd, &a) != 0 || fstatat(of->dirfd, of->name, &b, AT_SYMLINK_NOFOLLOW) != 0 ||
             a.st_dev != b.st_dev || a.st_ino != b.st_ino)
        rc = cs_error(e, CS_EFAIL, of->field, of->target,
                      "the temporary file was replaced; not put in place");
    else if (fchmod(of->fd, of->mode) != 0 || fsync(of->fd) != 0)
        rc = cs_error(e, CS_EFAIL, of->field, of->target, "cannot write the file: %s",
                      strerror(errno));
    if (close_file(of) != 0 && !rc)
        rc = cs_error(e, CS_EFAIL, of->field, of->target, "cannot write the file: %s",
                      strerror(errno));
    if (!rc && of->no_replace) {
        /* a new name only: link(2) fails on a name that exists, whoever made it since */
        int renamed = 0, lr = linkat(of->dirfd, of->name, of->dirfd, of->base, 0);
        if (lr != 0 && errno != EEXIST) {
            /* a file system without hard links (vfat, many FUSE mounts): the kernel's
             * no-replace rename, else a rename after a check (not atomic there) */
            struct stat t;
            lr = (int)syscall(SYS_renameat2, of->dirfd, of->name, of->dirfd, of->base,
                              RENAME_NOREPLACE);
            if (lr != 0 && errno != EEXIST) {
                if (fstatat(of->dirfd, of->base, &t, AT_SYMLINK_NOFOLLOW) == 0) {
                    errno = EEXIST;
                    lr = -1;
                } else {
                    lr = renameat(of->dirfd, of->name, of->dirfd, of->base);
                }
            }
            renamed = lr == 0;
        }
        if (lr != 0)
            rc = errno == EEXIST
                     ? cs_error(e, CS_EFAIL, of->field, of->target, "already exists; not replaced")
                     : cs_error(e, CS_EFAIL, of->field, of->target,
                                "cannot put the file in place: %s", strerror(errno));
        else if (!renamed)
            unlinkat(of->dirfd, of->name, 0);
    } else if (!rc && renameat(of->dirfd, of->name, of->dirfd, of->base) != 0) {
        rc = cs_error(e, CS_EFAIL, of->field, of->target, "cannot put the file in place: %s",
                      strerror(errno));
    }
    if (!rc) {
        tmpfiles_forget_at(of->dirfd, of->name);
        free(of->name);
        of->name = NULL; /* it is the target now */
        if (of->dir_syncable)
            fsync(of->dirfd); /* the new name is durable too */
    }
    outfile_abort(of);
    return rc;
}

void outfile_abort(struct outfile *of)
{
    close_file(of);
    if (of->name) {
        unlinkat(of->dirfd, of->name, 0);
        tmpfiles_forget_at(of->dirfd, of->name);
    }
    if (of->scratch_name) {
        remove_folder(of->dirfd, of->scratch_name);
        tmpfiles_forget_at(of->dirfd, of->scratch_name);
    }
    if (of->dirfd >= 0)
        close(of->dirfd); /* after forgetting: an interrupt never sees a reused number */
    free(of->path);
    free(of->scratch);
    free(of->dirname);
    free(of->base);
    free(of->name);
    free(of->scratch_name);
    free(of->target);
    *of = (struct outfile)OUTFILE_INIT;
}
