/* SPDX-License-Identifier: GPL-3.0-or-later */
/* receipt.h - receipts kept in the database: what a file is by its content (JPEG, PNG,
 * PDF, with a sane header), and its bytes stored once per SHA-256, streamed through
 * SQLite's incremental blob I/O. */
#ifndef CONFSPEND_RECEIPT_H
#define CONFSPEND_RECEIPT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "confspend/error.h"

/* The largest receipt stored, in bytes (25 MiB), and the largest image, in pixels and on
 * one side: a header claiming more is refused as damaged or hostile. */
#define RECEIPT_MAX_BYTES (25L * 1024 * 1024)
#define RECEIPT_MAX_PIXELS (100L * 1000 * 1000)
#define RECEIPT_MAX_SIDE 30000L
/* From how many bytes one `receipt add` is written through a rollback journal instead of
 * the WAL (db_open_direct()): the pages are written once, not twice. Below it the switch to
 * the rollback journal and back costs more than the WAL's second copy (cmd_receipt.c). */
#define RECEIPT_DIRECT_BYTES (4L * 1024 * 1024)
/* From how many bytes a `receipt add` that follows another one (a series) is written so
 * too: the switch to a rollback journal is paid once for the series (cmd_receipt.c). */
#define RECEIPT_SERIES_BYTES (256L * 1024)

enum receipt_type { RECEIPT_UNKNOWN = 0, RECEIPT_JPEG, RECEIPT_PNG, RECEIPT_PDF };

/* "jpeg", "png", "pdf" (as stored), or "" for RECEIPT_UNKNOWN. */
const char *receipt_type_name(int type);

/*
 * The content sniffer, fed a file's bytes in chunks of any size (so a 25 MiB file is
 * never held whole). It decides the type from the first bytes (JPEG: FF D8 FF; PNG: the
 * 8-byte signature; PDF: "%PDF-N.N") and then walks the structure as it streams by:
 * a JPEG's marker segments up to its EOI marker, with a frame header (SOFn) giving
 * nonzero dimensions before the first scan; a PNG's chunks from IHDR (first, 13 bytes,
 * a valid bit depth and colour type) through at least one IDAT to IEND; a PDF must hold
 * an "endobj" and end (its last 1024 bytes) with "startxref" and "%%EOF". An image whose
 * header claims more than RECEIPT_MAX_PIXELS or RECEIPT_MAX_SIDE is refused. Starts from
 * RECEIPT_SNIFF_INIT (or receipt_sniff_init()); holds no allocated memory.
 */
struct receipt_sniff {
    int type;  /* enum receipt_type, known after the first 8 bytes */
    int bad;   /* a reason the content is refused (RS_*), 0 while it looks right */
    int64_t n; /* bytes seen */
    unsigned char head[8];
    /* JPEG / PNG walk */
    int state;
    int marker;
    int64_t left; /* bytes left of the current segment or chunk */
    unsigned char seg[16];
    int segn;
    int seen_frame, seen_data, done;
    long width, height;
    /* PDF: the token search across chunk ends, and the file's last bytes */
    unsigned char carry[8];
    int ncarry;
    unsigned char tail[1024];
    int ntail;
};
#define RECEIPT_SNIFF_INIT                                                                         \
    {                                                                                              \
        0                                                                                          \
    }
void receipt_sniff_init(struct receipt_sniff *s);

/* Feed the next N bytes at P. */
void receipt_sniff_feed(struct receipt_sniff *s, const unsigned char *p, size_t n);

/*
 * The verdict once every byte was fed: the type (RECEIPT_JPEG, ...), or CS_EINPUT with E
 * filled naming "receipt" and FILE (the name shown): `not a JPEG, PNG or PDF`, or what is
 * wrong with a file that starts as one (cut short, a damaged header, too many pixels).
 * With WIDTH/HEIGHT not NULL they get an image's size (0 for a PDF).
 */
int receipt_sniff_end(const struct receipt_sniff *s, const char *file, long *width, long *height,
                      struct cs_err *e);

/* One stored receipt, as `receipt list` shows it. NAME is allocated. */
struct receipt_info {
    int64_t id, expense_id, data_id, bytes;
    char type[5];
    char sha256[65];
    char *name;
};
#define RECEIPT_INFO_INIT                                                                          \
    {                                                                                              \
        0                                                                                          \
    }
void receipt_info_release(struct receipt_info *r);

/*
 * Read the file PATH through the sniffer and SHA-256 without the database, so bad input
 * is refused before anything is opened or written: CS_EINPUT for content that is not a
 * receipt or a file over RECEIPT_MAX_BYTES (or not a regular file), CS_EFAIL when it
 * cannot be read. TYPE, SHA256 (64 hex digits) and BYTES may be NULL.
 */
int receipt_check_file(const char *path, int *type, char sha256[65], int64_t *bytes,
                       struct cs_err *e);

/*
 * Open PATH for reading as a receipt-to-be without reading it: a regular file of at most
 * RECEIPT_MAX_BYTES (CS_EINPUT otherwise; CS_EFAIL when it cannot be opened). *BYTES gets
 * its size. What it holds is checked as it is stored (receipt_store).
 */
int receipt_stat_file(const char *path, int64_t *bytes, struct cs_err *e);

/*
 * Store the file PATH as a receipt of expense EXPENSE_ID (which must exist: CS_EINPUT
 * "id: no such expense"), inside the caller's transaction. The file is read once, in
 * chunks: each goes to the SHA-256, the sniffer and a zeroblob of receipt_blob (through
 * sqlite3_blob_write) under a new receipt_data row; content that is not a receipt is
 * CS_EINPUT after it was written, and the caller's rollback takes the rows back (nothing
 * is written then). When the SHA-256 is stored already the new rows go again and the old
 * bytes are used. The link is named after the file's last path component. *OUT gets the
 * link; *NEW_BYTES 1 when the bytes were not stored before, and *ALREADY 1 when this
 * expense already had these bytes (nothing is added then). OUT is filled either way
 * (release it). REC is the change being recorded (may be NULL): it is paused while the
 * bytes are written (change_pause()). The change records the receipt_data row (its
 * SHA-256, type and size), never the bytes (migration 0017).
 */
struct change_rec;
int receipt_store(sqlite3 *db, struct change_rec *rec, int64_t expense_id, const char *path,
                  struct receipt_info *out, int *new_bytes, int *already, struct cs_err *e);

/*
 * A read handle (sqlite3_blob_read) on the stored bytes DATA_ID (receipt_info.data_id),
 * wherever they are kept: receipt_blob, or receipt_data.data for a receipt stored before
 * migration 0017 (or written there by hand: when it is not empty, or when receipt_blob has
 * no row for it). Every reader of receipt bytes goes through here (receipt_write, the
 * workbook's and the packet's receipts). Close *B with sqlite3_blob_close().
 */
int receipt_bytes_open(sqlite3 *db, int64_t data_id, sqlite3_blob **b, struct cs_err *e);

/*
 * Remove the bytes that nothing can bring back any more: called by change_end() just
 * before a new user change ends the redo of the undone ones. The bytes of a receipt_data
 * row those changes hold, when no such row is stored now, can come back through no other
 * change (ids are never reused, and every change before them is older than the row), so
 * they go, unless the new change itself (PENDING, its changeset of NPENDING bytes) removed
 * that row: its undo brings the row back. Runs in the caller's transaction; it is part of
 * no change.
 */
int receipt_blob_forget(sqlite3 *db, const void *pending, int npending, struct cs_err *e);

/* Call FN on every receipt (of expense EXPENSE_ID, or of all when 0), by expense then
 * receipt id. A non-zero return of FN stops and is returned. */
int receipt_each(sqlite3 *db, int64_t expense_id, int (*fn)(const struct receipt_info *, void *),
                 void *arg, struct cs_err *e);

/* Load receipt ID into R; CS_EINPUT "receipt: no such receipt (ID)" when missing. */
int receipt_load(sqlite3 *db, int64_t id, struct receipt_info *r, struct cs_err *e);

/* Parse a receipt number ("3", "#3"); CS_EINPUT naming "receipt" otherwise. */
int receipt_parse_id(const char *s, int64_t *id, struct cs_err *e);

/* Write receipt ID's exact bytes to FP, read through sqlite3_blob_read in chunks. A write
 * error is CS_EFAIL naming WHERE (the file, or "standard output"). */
int receipt_write(sqlite3 *db, int64_t id, FILE *fp, const char *where, struct cs_err *e);

/* Detach receipt ID from its expense; its bytes are removed too when no other receipt
 * uses them (*FREED 1). R gets what was removed. */
int receipt_remove(sqlite3 *db, int64_t id, struct receipt_info *r, int *freed, struct cs_err *e);

/* Detach every receipt of expense EXPENSE_ID (edit --no-receipt, rm), freeing bytes no
 * receipt uses any more; *N gets how many. */
int receipt_detach_all(sqlite3 *db, int64_t expense_id, int *n, struct cs_err *e);

/* How many receipts expense EXPENSE_ID has. */
int receipt_count(sqlite3 *db, int64_t expense_id, int64_t *n, struct cs_err *e);

/*
 * The cursor behind `export csv`'s receipt column: the names of an expense's stored
 * receipts joined by "; ". receipt_names_open() prepares it once (none is prepared when the
 * database holds no receipt at all, so a big export pays nothing); receipt_names() returns
 * an allocated string, or NULL when the expense has none.
 */
struct receipt_names {
    sqlite3_stmt *st;
};
int receipt_names_open(sqlite3 *db, struct receipt_names *rn, struct cs_err *e);
char *receipt_names(struct receipt_names *rn, int64_t expense_id);
void receipt_names_close(struct receipt_names *rn);

/* The receipt cell of `export csv` and `show` for expense ID: its revision-1 path NOTE
 * (may be NULL) and its stored receipts' names, joined by "; "; allocated, or NULL when
 * there is neither. */
char *receipt_cell(struct receipt_names *rn, const char *note, int64_t id);

#endif
