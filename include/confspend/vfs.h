/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vfs.h - the SQLite VFS every connection uses: the system's, with the writes to a
 * database file, its rollback journal and its WAL gathered into large ones. */
#ifndef CONFSPEND_VFS_H
#define CONFSPEND_VFS_H

/*
 * SQLite writes a database one page (4 KiB) per pwrite(). The kernel's page cache takes a
 * run of small writes at several times the cost of the same bytes in large ones (a folio,
 * a delayed allocation and a syscall each): a 1 MB receipt is 256 pages. This shim over
 * the default VFS ("unix") keeps the writes to a main database file, a rollback journal
 * or a WAL that follow each other in the file (each starts where the one before ended)
 * in a buffer of VFS_RUN_BYTES (16 pages), and writes that run with one pwrite() when the
 * next write goes elsewhere or the buffer is full, and always before anything that must
 * see the file as written: a read that reaches the run, a sync, a truncate, a size, an
 * unlock, a memory map, a file control, a close; and every WAL's run before a
 * shared-memory lock or barrier of a database (where a WAL's frames are published to
 * other connections). So a sync still makes every byte written before it durable, and no
 * other connection can see a file without its run: nothing SQLite relies on changes, only
 * the number of syscalls. An error of a gathered write is returned by the call that wrote
 * the run.
 *
 * Installed as the default VFS (sqlite3_vfs_register(..., 1)) once, before the first
 * open; any thread may call it. 0 or an SQLite error code.
 */
/* (SQLite's unix VFS writes at most 128 KiB - 1 per pwrite(): it masks the size) */
#define VFS_RUN_BYTES (64 * 1024)
int vfs_install(void);

#endif
