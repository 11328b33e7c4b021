/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import.h - import csv's generic profile: the header's columns, one row into an expense,
 * the row's import key or uid, and the bulk insert that skips rows already present. */
#ifndef CONFSPEND_IMPORT_H
#define CONFSPEND_IMPORT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "confspend/arena.h"
#include "confspend/entry.h"
#include "confspend/error.h"
#include "confspend/expense.h"

/* The export csv columns (entry_columns), by index. */
enum import_col {
    IMP_ID,
    IMP_DATE,
    IMP_CATEGORY,
    IMP_AMOUNT,
    IMP_CURRENCY,
    IMP_MERCHANT,
    IMP_NOTE,
    IMP_TRIP,
    IMP_REIMBURSABLE,
    IMP_PROVIDER,
    IMP_FROM,
    IMP_TO,
    IMP_DRIVER,
    IMP_TIP,
    IMP_PAYMENT,
    IMP_RECEIPT,
    IMP_PLATFORM_FEE,
    IMP_SHARED,
    IMP_NIGHTS,
    IMP_COMPARE_RATE,
    IMP_RECIPIENT,
    IMP_UID,
};

/* Where each export column is in the file's records. */
struct import_header {
    int ncols;             /* fields in every record */
    int where[FULL_NCOLS]; /* the field index of each column, -1 when the file lacks it */
};

/*
 * Map the header record NAMES[0..N) onto the export csv columns. Names are matched
 * ignoring case and surrounding blanks, in any order. date, category and amount are
 * required; an unknown or repeated name is an error (CS_EINPUT naming it).
 */
int import_header_parse(char *const *names, int n, struct import_header *h, struct cs_err *e);

/*
 * The trip slug of the record CELLS[0..NCELLS) (read on LINE) into *SLUG, NULL when the
 * file has no trip column or the cell is empty, and the row's date into DATE: what the
 * caller needs to find or create the trip before import_row(). A wrong field count, a
 * missing or bad date and a cell that is not a valid slug are CS_EINPUT.
 */
int import_row_trip(const struct import_header *h, char *const *cells, int ncells, long line,
                    const char **slug, char date[11], struct cs_err *e);

/*
 * Fill X from the record CELLS[0..NCELLS) read on LINE, with the rules of `add`: the
 * amount has at most the currency's minor digits (a leading '-' is a refund), the
 * currency is DEFAULT_CURRENCY when the cell is empty, a ride gets provider "other" and
 * shared "no" when those are empty, text is UTF-8 of at most 4096 bytes with the export's
 * formula guard taken off, and expense_check() holds. DECIMAL_COMMA makes ',' the decimal
 * separator of amounts. A uid cell, when not empty, must be 32 lowercase hex digits; it
 * goes into X's uid ("" without one). Text fields and trip_slug point into CELLS (or static
 * strings): X must not be given to expense_release(). trip_id is left 0 for the caller. Errors are
 * CS_EINPUT "line LINE, column NAME: WHAT (VALUE)".
 */
int import_row(const struct import_header *h, char *const *cells, int ncells, long line,
               const char *default_currency, int decimal_comma, struct expense *x,
               struct cs_err *e);

/* 16 bytes of a 128-bit hash (hash128) over X's normalised fields: every stored field but
 * the id and the uid, the trip by slug, amounts as integers, so equal expenses written differently
 * ("12.5", "12.50", another column order) agree. */
void import_fingerprint(const struct expense *x, unsigned char fp[16]);

/* The key of fingerprint FP with N identical rows before it in its file: 32 hex digits,
 * ':', N. OUT holds at least IMPORT_KEY_SIZE bytes. */
#define IMPORT_KEY_SIZE 64
void import_key(const unsigned char fp[16], unsigned n, char *out);

/*
 * The import key stored with a row dated DATE ("YYYY-MM-DD"): DATE, ':', then
 * import_key(). The date leads so that a file in date order (an export, a bank statement)
 * adds keys at one end of the key index instead of all over it: on a million rows that
 * halves the import's time. OUT holds at least IMPORT_KEY_SIZE bytes.
 */
void import_key_dated(const char *date, const unsigned char fp[16], unsigned n, char *out);

/* A counter of fingerprints seen in one file, by their first 8 bytes (memory grows with
 * distinct rows: 16 to 32 bytes each). Zero-initialise it; import_seen_release frees it. */
/* Counts of identical rows, 8 bytes a row: a slot holds 56 bits of the fingerprint and,
 * in its low byte, how many were seen (255: the count is in BIG, for the rare row that
 * repeats that often). 1M rows take 16 MiB. */
struct import_seen_big {
    uint64_t key;
    uint32_t count;
};
struct import_seen {
    uint64_t *v; /* 0: empty */
    size_t cap, n;
    struct import_seen_big *big;
    size_t nbig;
};

/* How many rows with fingerprint FP were counted before; then count this one. */
unsigned import_seen_count(struct import_seen *s, const unsigned char fp[16]);
void import_seen_release(struct import_seen *s);

/* Random bytes from the system's random source (getrandom), taken 4 KiB at a time: a
 * million new uids cost 4,000 calls instead of a million, made by a reader's thread
 * instead of the writer's SQL (the writer's core is the busy one). */
struct import_uid_pool {
    unsigned char bytes[4096];
    size_t used;
};
#define IMPORT_UID_POOL_INIT                                                                       \
    {                                                                                              \
        .used = 4096                                                                               \
    }
/* A new uid into UID: 32 lowercase hex digits of 16 random bytes from P. */
void import_uid_new(struct import_uid_pool *p, char uid[33]);

/* The uids of one file, each with the line it was read on, so a uid given twice is found:
 * 20 bytes a slot, allocated only once a row has a uid. Zero-initialise it;
 * import_uids_release frees it. */
struct import_uids {
    uint64_t *v;     /* cap pairs: the uid's 128 bits */
    uint32_t *lines; /* cap lines, 0: an empty slot */
    size_t cap, n;
};

/* Note UID (32 lowercase hex digits) as read on LINE: 0 when the file had it on no earlier
 * line, else that line. */
long import_uids_add(struct import_uids *s, const char *uid, long line);
void import_uids_release(struct import_uids *s);

/*
 * A batch of checked rows on their way to the database: the reader fills one while the
 * writer stores another. Text is copied into the batch's own memory, so the reader's
 * buffers can be reused at once.
 */
#define IMPORT_BATCH 16384
enum import_batch_text {
    IB_DATE,
    IB_CATEGORY,
    IB_CURRENCY,
    IB_MERCHANT,
    IB_NOTE,
    IB_PAYMENT,
    IB_RECEIPT,
    IB_PROVIDER,
    IB_FROM,
    IB_TO,
    IB_DRIVER,
    IB_RECIPIENT,
    IB_KEY,
    IB_UID,
    IB_NTEXT
};
struct import_batch_row {
    uint32_t text[IB_NTEXT]; /* offset + 1 in the arena, 0 for NULL */
    int64_t amount, tip, platform_fee, nights, compare_rate; /* -1: NULL, but amount */
    int trip;                                                /* index of its trip, -1 none */
    signed char reimbursable, shared;                        /* shared -1: NULL */
    signed char source; /* expense.source: 0 NULL, 1 'statement', 2 'export' (real sources) */
    signed char drop;   /* 1: not stored after all (a real source's row found present or
                         * matched by the writer); the batch serves the rows without it */
};
/* A trip the reader met first in this batch, unknown to the database: the writer makes it
 * before it stores the batch. */
struct import_new_trip {
    int trip; /* its index */
    char slug[65], date[11], currency[4];
};
struct import_batch {
    struct import_batch_row *rows; /* IMPORT_BATCH of them */
    int n;
    struct arena text;
    struct import_new_trip *trips;
    int ntrips, trips_cap;
};

void import_batch_init(struct import_batch *b);
void import_batch_clear(struct import_batch *b);
void import_batch_release(struct import_batch *b);
/* Add X (with its import_key, or its uid and no key) as a row of trip index TRIP (-1: none),
 * with source 0 and drop 0 (the caller may set them on rows[n - 1]). The caller keeps
 * n < IMPORT_BATCH. */
void import_batch_add(struct import_batch *b, const struct expense *x, int trip);
/* Note that trip index TRIP is new: made with SLUG, first dated DATE, in CURRENCY. */
void import_batch_new_trip(struct import_batch *b, int trip, const char *slug, const char *date,
                           const char *currency);

/*
 * The bulk insert: each batch goes into expense by one INSERT ... SELECT from the
 * batch (served by a virtual table, import_batch) that skips import keys and uids already
 * stored (ON CONFLICT DO NOTHING, on the two unique indexes the insert checks anyway):
 * set-wise, the indexes and the statement journal cost much less than row by row. A row
 * without a uid gets a new one, as the column's default would give it. The caller quiets the
 * history's row triggers (history_batch_begin). ROWS counts the rows given, ADDED the ones stored.
 */
struct import_writer {
    sqlite3 *db;
    sqlite3_stmt *flush;
    const struct import_batch *batch; /* while a batch is being stored */
    const int64_t *trip_ids;          /* the database id of each trip index */
    long rows, added;
    int64_t first_id, last_id; /* after import_writer_finish: the ids of the rows added */
    int fresh;                 /* the database is new and empty (import_writer_open, _begin) */
};

/* Before the transaction: tune the connection (temp_store, cache_size) and register the
 * import_batch virtual table. */
int import_writer_open(sqlite3 *db, struct import_writer *w, int fresh, struct cs_err *e);
/* Inside the transaction: prepare the statement, note the newest id. Into a FRESH
 * database the uid and import key indexes are dropped here and built by
 * import_writer_finish(): no uid or key can be there already, the reader refuses a uid
 * twice in the file and keys differ by construction, and a million random keys sorted
 * once cost a fraction of their inserts into a B-tree one by one. */
int import_writer_begin(struct import_writer *w, struct cs_err *e);
/* Store the rows of B; TRIP_IDS[i] is the id of trip index i. */
int import_writer_write(struct import_writer *w, const struct import_batch *b,
                        const int64_t *trip_ids, struct cs_err *e);
/* Set first_id..last_id, the ids the added rows got (they follow each other: nothing
 * else writes inside the transaction). */
int import_writer_finish(struct import_writer *w, struct cs_err *e);
/* Finalize the statement (a half-built writer is fine). */
void import_writer_close(struct import_writer *w);

/* ---- the pipeline (import_run.c): rows read on one thread, stored on another ---- */

/* A trip the rows name: one the database has (loaded before the rows are read) or one
 * they make. */
struct import_trip_ref {
    char slug[65];
    int64_t id; /* 0 for a new one until the writer makes it */
    char currency[4];
    char start[11], end[11]; /* the range of its rows' dates, for a created trip */
    int created;
};

/* The trips, with an open-addressing index by slug. Only the reader changes it while the
 * rows are read; the writer learns of new trips from the batches. Zero-initialised. */
struct import_trips {
    struct import_trip_ref *v;
    int n, cap;
    int *index; /* index_cap slots of v-index + 1, 0 empty */
    int index_cap;
};

/* Load the database's trips into T (empty); a created trip gets the date range of its
 * rows after the rows are stored (finish); release frees T. */
int import_trips_load(sqlite3 *db, struct import_trips *t, struct cs_err *e);
int import_trips_finish(sqlite3 *db, struct import_trips *t, struct cs_err *e);
void import_trips_release(struct import_trips *t);

struct csv_reader;
struct exchange;
/*
 * One pass over the rows after the header of R: the caller fills R, H, BASE (the base
 * currency), DECIMAL_COMMA, TRIPS (loaded, or empty for a new database), SEEN (for a
 * store) and optionally PROGRESS (called on the reader's thread every 4096 rows with
 * STORING, the bytes DONE of TOTAL, and once at the end with DONE -1) with SIZE the
 * file's size; the pass fills ROWS, RC and ERR.
 */
struct import_pass {
    struct csv_reader *r;
    const struct import_header *h;
    const char *base;
    int decimal_comma;
    struct import_trips *trips;
    struct exchange *ho; /* the pipeline's own; NULL: check and count only */
    struct import_seen *seen;
    long long size;
    void (*progress)(void *arg, int storing, long long done, long long total);
    void *progress_arg;
    long rows; /* rows read */
    struct cs_err err;
    int rc;
};

/*
 * Check and count every row of PS without storing any (a dry run against a database that
 * does not exist: no trips, the base currency USD): every check a store makes, a uid at
 * most once in the file, new trips noted. Sets ps->rows, ps->rc and ps->err.
 */
void import_check_or_read(struct import_pass *ps);

/*
 * Store the rows of PS through W (begun): the reader on a thread of its own, the writer
 * on this one, making the trips the rows are the first to name; created trips get their
 * ids in ps->trips. Either side's error stops the other; nothing is committed here.
 */
int import_store(sqlite3 *db, struct import_pass *ps, struct import_writer *w, struct cs_err *e);

/* The progress bar on stderr (a callback for import_pass.progress): STORING says importing
 * rather than checking, DONE of TOTAL bytes; DONE -1 clears it. ARG is an int, -1 at
 * first, that keeps the percentage last drawn. */
void import_progress(void *arg, int storing, long long done, long long total);

#endif
