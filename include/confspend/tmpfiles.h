/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tmpfiles.h - temporary files written beside a target and renamed over it: synced before
 * the rename, and removed if an interrupt (Ctrl-C, SIGTERM, SIGHUP) ends the program first.
 * SIGKILL and a power cut can leave them: the names say what they are (TARGET.tmp-...). */
#ifndef CONFSPEND_TMPFILES_H
#define CONFSPEND_TMPFILES_H

/* Remove NAME, in the folder open as DIRFD (AT_FDCWD: NAME is a path), if the program is
 * interrupted; a folder is removed with the files in it (one level: a scratch folder). DIRFD must stay open until
 * tmpfiles_forget_at(): the cleanup works relative to it, so a folder renamed or replaced
 * by a symlink meanwhile still loses the right file. Up to TMPFILES_MAX at a time (more is
 * a program error). */
#define TMPFILES_MAX 8
void tmpfiles_add_at(int dirfd, const char *name);
/* NAME in DIRFD is in place or removed by its owner: forget it. */
void tmpfiles_forget_at(int dirfd, const char *name);
/* tmpfiles_add_at() and tmpfiles_forget_at() for a PATH relative to the working folder. */
void tmpfiles_add(const char *path);
void tmpfiles_forget(const char *path);

/* fsync PATH (a file, or the folder a new name was made in) before it is trusted: 0, or
 * -1 with errno set. */
int tmpfiles_sync(const char *path);

#endif
