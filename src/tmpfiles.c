/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tmpfiles.c - remove the registered temporary files when an interrupt ends the program.
 *
 * The handler only makes system calls (unlinkat(), openat(), getdents64, close()) and calls
 * signal() and raise(), all async-signal-safe, on folder descriptors and names copied in
 * advance; then it lets the signal end the program
 * as it would have. A name is marked in use (atomically, after it is written) only once it
 * is whole, and this thread blocks the signals while it changes them. */
#include "confspend/tmpfiles.h"

#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "confspend/error.h"

#define NAME_MAX_BYTES 4096

static char names[TMPFILES_MAX][NAME_MAX_BYTES];
static int dirfds[TMPFILES_MAX];      /* the folder each name is in, or AT_FDCWD */
static atomic_int used[TMPFILES_MAX]; /* set after its name is written (release) */
static int installed;
static const int signals[] = {SIGINT, SIGTERM, SIGHUP};

/* Remove the files in the folder NAME of DIRFD (one level: a scratch folder holds files),
 * with system calls alone: the directory's entries are read by getdents64 into the stack,
 * as readdir() (which may allocate) cannot be called here. */
static void empty_folder(int dirfd, const char *name)
{
    char buf[4096];
    long n;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n;) {
            /* struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name */
            unsigned short reclen;
            const char *dname = buf + off + 19;
            memcpy(&reclen, buf + off + 16, sizeof reclen);
            if (strcmp(dname, ".") && strcmp(dname, ".."))
                unlinkat(fd, dname, 0);
            off += reclen;
        }
    }
    close(fd);
}

static void on_signal(int sig)
{
    for (int i = 0; i < TMPFILES_MAX; i++)
        if (atomic_load_explicit(&used[i], memory_order_acquire) &&
            unlinkat(dirfds[i], names[i], 0) != 0 &&
            unlinkat(dirfds[i], names[i], AT_REMOVEDIR) != 0 && errno == ENOTEMPTY) {
            /* a file the library was making in the folder when the signal came (it unlinks
             * each as soon as it has it open, but the signal may fall in between) */
            empty_folder(dirfds[i], names[i]);
            unlinkat(dirfds[i], names[i], AT_REMOVEDIR);
        }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        sigaddset(&set, signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

void tmpfiles_add_at(int dirfd, const char *path)
{
    sigset_t old;
    int i;
    if (strlen(path) >= NAME_MAX_BYTES)
        return; /* too long to keep: left to the caller's own cleanup */
    block(&old);
    if (!installed) {
        for (size_t k = 0; k < sizeof signals / sizeof signals[0]; k++) {
            struct sigaction sa, was;
            /* a signal the program was started with ignored (nohup, a background job of a
             * script) stays ignored */
            if (sigaction(signals[k], NULL, &was) == 0 && was.sa_handler == SIG_IGN)
                continue;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            for (size_t j = 0; j < sizeof signals / sizeof signals[0]; j++)
                sigaddset(&sa.sa_mask, signals[j]);
            sigaction(signals[k], &sa, NULL);
        }
        installed = 1;
    }
    for (i = 0; i < TMPFILES_MAX && atomic_load(&used[i]); i++)
        ;
    if (i == TMPFILES_MAX)
        die("too many temporary files at once");
    strcpy(names[i], path);
    dirfds[i] = dirfd;
    atomic_store_explicit(&used[i], 1, memory_order_release);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void tmpfiles_forget_at(int dirfd, const char *path)
{
    sigset_t old;
    block(&old);
    for (int i = 0; i < TMPFILES_MAX; i++)
        if (atomic_load(&used[i]) && dirfds[i] == dirfd && !strcmp(names[i], path))
            atomic_store(&used[i], 0);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void tmpfiles_add(const char *path)
{
    tmpfiles_add_at(AT_FDCWD, path);
}

void tmpfiles_forget(const char *path)
{
    tmpfiles_forget_at(AT_FDCWD, path);
}

int tmpfiles_sync(const char *path)
{
    int fd = open(path, O_RDONLY), rc, saved;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    saved = errno;
    close(fd);
    errno = saved;
    return rc;
}
