/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outfile.h - write a file beside its target and rename it into place, safely: the one way
 * confspend writes a file the user names (export csv, export xlsx, and next, backup).
 *
 * - Everything happens relative to ONE opened folder: the target's folder is opened once,
 *   the temporary file TARGET.tmp-XXXXXX (six random letters and digits, mode 0600) is made
 *   there with openat(O_CREAT | O_EXCL), synced, renamed over the target with renameat()
 *   and the folder synced; a failure or an interrupt removes it relative to the same
 *   descriptor (tmpfiles_add_at). A folder renamed, or replaced by a symlink, mid-way
 *   changes nothing: the file lands in the folder that was opened, nothing goes elsewhere.
 * - A target that is a symlink is written through (the file it points at is replaced, the
 *   link stays) only when every link on the way and the file at the end belong to the user
 *   running the command (geteuid()); a link of someone else's (one planted in /tmp), a link
 *   to someone else's file and a link to nothing are refused, naming the link. The kernel's
 *   protected_symlinks cannot guard this: the program reads the link itself.
 * - Permissions never widen (outfile_mode()): the file gets 0600 when the database is 0600,
 *   never more than 0644, and an existing target keeps its mode when that is narrower.
 * - Only a regular file is replaced: a folder, a fifo or a device is refused.
 *
 * The lifetime: OUTFILE_INIT, outfile_open(), write (outfile_stream(), the descriptor FD,
 * or a library that writes by name through PATH), outfile_commit(); outfile_abort() on every
 * way out (a no-op after commit, and on an OUTFILE_INIT that was never opened):
 *
 *     struct outfile of = OUTFILE_INIT;
 *     if ((rc = outfile_open(&of, path, db_file_mode(db), "export", e)))
 *         goto cleanup;
 *     ...write...
 *     rc = outfile_commit(&of, e);
 * cleanup:
 *     outfile_abort(&of);
 *
 * A library that writes by file name (libxlsxwriter's workbook_new(), SQLite's backup API)
 * is given PATH: on Linux it is /proc/self/fd/DIRFD/NAME, which reaches the temporary file
 * through the opened folder whatever has happened to the folder's name since (where /proc
 * is missing it is the folder's name and NAME, which is not pinned). The library must open
 * the existing file by that name (fopen "w" truncates it, keeping the inode and its mode
 * 0600) and close it before outfile_commit(); commit checks that NAME is still the very
 * file outfile_open() made and refuses otherwise, so a library that went elsewhere cannot
 * publish anything. Scratch files a library makes go in outfile_scratch()'s folder (SCRATCH,
 * a path of the same kind), removed with the file. For SQLite: sqlite3_open_v2(of.path, ...,
 * SQLITE_OPEN_READWRITE, NULL) (the file exists, empty: SQLite takes it as a new database);
 * SQLite's unix VFS resolves the /proc link to the folder's current name when it opens, so
 * set `PRAGMA journal_mode = OFF` (or MEMORY) on it before the backup: then it makes no
 * journal or WAL beside it by name, and the database itself stays the opened inode. Close
 * the connection, then outfile_commit().
 */
#ifndef CONFSPEND_OUTFILE_H
#define CONFSPEND_OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

#include "confspend/error.h"

struct outfile {
    int fd;        /* the temporary file, open for reading and writing; -1 when none */
    FILE *fp;      /* outfile_stream()'s stream over FD, or NULL */
    char *path;    /* the temporary file by a name through the opened folder (see above) */
    char *scratch; /* outfile_scratch()'s folder by such a name, or NULL */
    /* the rest is the module's own */
    int dirfd;          /* the folder of the target (a symlink's final file), opened once */
    int dir_syncable;   /* DIRFD was opened for reading, so fsync() works on it */
    char *dirname;      /* that folder's name, for PATH where /proc is missing */
    char *base;         /* the target's name in DIRFD */
    char *name;         /* the temporary file's name in DIRFD */
    char *scratch_name; /* the scratch folder's name in DIRFD, or NULL */
    char *target;       /* the name the caller gave, for messages */
    const char *field;  /* the field of messages ("export") */
    mode_t mode;        /* the mode the file gets at commit */
    int no_replace;     /* set by the caller: commit fails (EEXIST) rather than replace */
};
#define OUTFILE_INIT                                                                               \
    {                                                                                              \
        .fd = -1, .dirfd = -1                                                                      \
    }

/*
 * The mode a file written for the user gets: 0666 less the umask MASK, at most 0644, and no
 * group or other read the database (mode DBMODE) does not allow either; when an existing
 * target is replaced (EXISTS), also no bit its mode EXISTING lacks. Only permission bits
 * (0777) come out: no set-id or sticky bit. Pure.
 */
mode_t outfile_mode(mode_t dbmode, mode_t mask, int exists, mode_t existing);

/*
 * Start writing TARGET: open its folder (once, kept in OF), follow TARGET while it is a
 * symlink (each link and the file at the end must belong to geteuid(); at most 40 links),
 * check that what is there is a regular file or nothing, and create the temporary file
 * NAME = BASE.tmp-XXXXXX beside the final file, mode 0600, registered with tmpfiles for an
 * interrupt. The mode the file gets at commit is outfile_mode(DBMODE, the umask, ...) of the
 * database's mode DBMODE and the existing file's. Messages are "FIELD: WHAT (TARGET)", or
 * name the link that is refused; all are CS_EFAIL: "cannot write the file: REASON", "is a
 * folder; not replaced", "not a regular file; not replaced", "a symlink owned by another
 * user; not followed", "a symlink to a file owned by another user; not followed", "a
 * symlink to nothing; not followed", "too many symlinks; not followed". OF must be
 * OUTFILE_INIT; on failure it stays so (nothing is left behind). Allocates (the names):
 * outfile_commit() or outfile_abort() frees.
 */
int outfile_open(struct outfile *of, const char *target, mode_t dbmode, const char *field,
                 struct cs_err *e);

/*
 * The checks outfile_open() makes, with the same messages, without creating anything: for
 * a command that refuses a bad target before it opens (and maybe creates) the database.
 */
int outfile_check(const char *target, const char *field, struct cs_err *e);

/* A stdio stream over OF's file for writing ("w"), made on the first call and kept in
 * OF->fp; outfile_commit() flushes it and checks for write errors. NULL with E filled when
 * fdopen() fails. */
FILE *outfile_stream(struct outfile *of, struct cs_err *e);

/*
 * Make a private folder (mode 0700) beside the temporary file, NAME.d, for a library's own
 * temporary files (libxlsxwriter's tmpdir); OF->scratch names it through the opened folder
 * like OF->path. It is removed with whatever is in it by outfile_commit() and
 * outfile_abort(), and by an interrupt when it is empty (a library that unlinks its files
 * as soon as it opens them leaves it so). 0, or CS_EFAIL with E filled.
 */
int outfile_scratch(struct outfile *of, struct cs_err *e);

/*
 * Finish: flush and check OF->fp (when made), check that NAME is still the file that was
 * created, give it its mode, fsync it, close it, renameat() it over the target in the
 * opened folder and fsync the folder; the scratch folder is removed. 0 when the file is in
 * place; otherwise CS_EFAIL with E filled ("cannot write the file: REASON", "cannot put the
 * file in place: REASON", "the temporary file was replaced; not put in place") and the
 * temporary file removed. Either way OF is released (outfile_abort() after it does
 * nothing).
 */
int outfile_commit(struct outfile *of, struct cs_err *e);

/* Give up: close the file, remove it and the scratch folder relative to the opened folder,
 * forget them, close the folder and free the names. The target is untouched. OF is
 * OUTFILE_INIT after. */
void outfile_abort(struct outfile *of);

#endif
