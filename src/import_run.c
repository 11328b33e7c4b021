/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_run.c - an import's pipeline: the rows read, checked and keyed on one thread and
 * stored on the calling one, in batches handed between them; the trips the rows name. */
#include "confspend/args.h"
#include "confspend/import.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/csv.h"
#include "confspend/db.h"
#include "confspend/handoff.h"
#include "confspend/trip.h"

static unsigned slug_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void trips_reindex(struct import_trips *t)
{
    free(t->index);
    t->index_cap = t->index_cap ? t->index_cap * 2 : 64;
    t->index = calloc((size_t)t->index_cap, sizeof *t->index);
    if (!t->index)
        die("out of memory");
    for (int i = 0; i < t->n; i++) {
        unsigned k = slug_hash(t->v[i].slug) & (unsigned)(t->index_cap - 1);
        while (t->index[k])
            k = (k + 1) & (unsigned)(t->index_cap - 1);
        t->index[k] = i + 1;
    }
}

/* Append a trip; returns its index. */
static int trips_push(struct import_trips *t, const char *slug, int64_t id, const char *currency)
{
    struct import_trip_ref *r;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->v = xrealloc(t->v, sizeof *t->v * (size_t)t->cap);
    }
    r = &t->v[t->n];
    memset(r, 0, sizeof *r);
    snprintf(r->slug, sizeof r->slug, "%s", slug);
    r->id = id;
    snprintf(r->currency, sizeof r->currency, "%s", currency);
    t->n++;
    if (t->n * 2 > t->index_cap) {
        trips_reindex(t);
    } else {
        unsigned k = slug_hash(slug) & (unsigned)(t->index_cap - 1);
        while (t->index[k])
            k = (k + 1) & (unsigned)(t->index_cap - 1);
        t->index[k] = t->n;
    }
    return t->n - 1;
}

/* The index of trip SLUG, -1 when there is none. */
static int trips_find(const struct import_trips *t, const char *slug)
{
    if (!t->index_cap)
        return -1;
    for (unsigned k = slug_hash(slug) & (unsigned)(t->index_cap - 1); t->index[k];
         k = (k + 1) & (unsigned)(t->index_cap - 1))
        if (!strcmp(t->v[t->index[k] - 1].slug, slug))
            return t->index[k] - 1;
    return -1;
}

/* Every trip of the database, so the rows can be read without asking it. */
int import_trips_load(sqlite3 *db, struct import_trips *t, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, "SELECT slug, id, currency FROM trip ORDER BY id", &st, e))
        return CS_EFAIL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        trips_push(t, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                   (const char *)sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "cannot read the trips", e);
}

/* Make trip T, named after its slug, dated DATE, in its currency; its id into *ID. */
static int trip_make(sqlite3 *db, const struct import_new_trip *t, int64_t *id, struct cs_err *e)
{
    struct trip tr = TRIP_INIT;
    int rc;
    tr.slug = xstrdup(t->slug);
    tr.name = xstrdup(t->slug);
    snprintf(tr.start, sizeof tr.start, "%s", t->date);
    snprintf(tr.end, sizeof tr.end, "%s", t->date);
    snprintf(tr.currency, sizeof tr.currency, "%s", t->currency);
    rc = trip_insert(db, &tr, e);
    *id = tr.id;
    trip_release(&tr);
    return rc;
}

/* Give each created trip the date range of its rows. */
int import_trips_finish(sqlite3 *db, struct import_trips *t, struct cs_err *e)
{
    for (int i = 0; i < t->n; i++) {
        struct trip tr = TRIP_INIT;
        int rc;
        if (!t->v[i].created)
            continue;
        if ((rc = trip_load_id(db, t->v[i].id, &tr, e)))
            return rc;
        snprintf(tr.start, sizeof tr.start, "%s", t->v[i].start);
        snprintf(tr.end, sizeof tr.end, "%s", t->v[i].end);
        rc = trip_update(db, &tr, e);
        trip_release(&tr);
        if (rc)
            return rc;
    }
    return 0;
}

void import_trips_release(struct import_trips *t)
{
    free(t->v);
    free(t->index);
    memset(t, 0, sizeof *t);
}

/*
 * The reader and the writer, and the two batches between them. The reader parses, checks
 * and keys rows into one batch while the writer stores the other, so the two kinds of work
 * overlap on two cores; the database is only ever used by the writer. A batch goes to the
 * writer when it is full or the file ends; on an error either side stops the other and
 * nothing is committed.
 */
struct exchange {
    struct handoff h;
    struct import_batch b[2];
};

/*
 * Read every row after the header: check it (a uid at most once in the file), find its
 * trip (or note a new one), key it (a row with a uid is known by its uid instead) and add
 * it to a batch. Without a handoff it only checks and counts, as against a new database:
 * no trips, the base currency USD. Sets ps->rc and ps->err.
 */
void import_check_or_read(struct import_pass *ps)
{
    struct csv_reader *r = ps->r;
    struct exchange *ho = ps->ho;
    struct import_batch *b = ho ? &ho->b[0] : NULL;
    struct import_uids uids = {0};
    struct import_uid_pool pool = IMPORT_UID_POOL_INIT;
    int rc, cur = 0;
    while ((rc = csv_read(r, &ps->err)) == 1) {
        struct expense x;
        struct import_trip_ref *t = NULL;
        const char *slug, *currency = ps->base;
        unsigned char fpr[16];
        char key[IMPORT_KEY_SIZE], date[11];
        int ti = -1;
        if ((rc = import_row_trip(ps->h, r->fields, r->nfields, r->line, &slug, date, &ps->err)))
            break;
        if (slug) {
            if ((ti = trips_find(ps->trips, slug)) < 0) {
                /* unknown: it will be made, dated by this row until the others are seen */
                ti = trips_push(ps->trips, slug, 0, ps->base);
                ps->trips->v[ti].created = 1;
                memcpy(ps->trips->v[ti].start, date, 11);
                memcpy(ps->trips->v[ti].end, date, 11);
                if (b)
                    import_batch_new_trip(b, ti, slug, date, ps->base);
            }
            t = &ps->trips->v[ti];
            currency = t->currency;
        }
        if ((rc = import_row(ps->h, r->fields, r->nfields, r->line, currency, ps->decimal_comma, &x,
                             &ps->err)))
            break;
        if (x.uid[0]) {
            long first = import_uids_add(&uids, x.uid, r->line);
            if (first) {
                char w[64];
                snprintf(w, sizeof w, "line %ld, column uid", r->line);
                rc = cs_error(&ps->err, CS_EINPUT, w, x.uid, "also the uid of line %ld", first);
                break;
            }
        }
        if ((++ps->rows & 4095) == 0 && ps->progress)
            ps->progress(ps->progress_arg, !!ho, (long long)r->bytes, ps->size);
        if (t && t->created) {
            if (strcmp(x.date, t->start) < 0)
                memcpy(t->start, x.date, 11);
            if (strcmp(x.date, t->end) > 0)
                memcpy(t->end, x.date, 11);
        }
        if (!b)
            continue;
        if ((ps->rows & 1023) == 0 && handoff_stopped(&ho->h)) {
            rc = 0; /* the writer failed and has the error */
            cur = -1;
            break;
        }
        if (!x.uid[0]) {
            import_fingerprint(&x, fpr);
            import_key_dated(x.date, fpr, import_seen_count(ps->seen, fpr), key);
            x.import_key = key;
            import_uid_new(&pool, x.uid); /* here, not by the writer: its core is the busy one */
        }
        import_batch_add(b, &x, ti);
        if (b->n == IMPORT_BATCH) {
            if ((cur = handoff_put(&ho->h, cur, 0)) < 0) {
                rc = 0; /* the writer has the error */
                break;
            }
            b = &ho->b[cur];
            import_batch_clear(b);
        }
    }
    import_uids_release(&uids);
    if (ps->progress)
        ps->progress(ps->progress_arg, !!ho, -1, ps->size);
    ps->rc = rc;
    if (ho) {
        if (rc == 0 && cur >= 0)
            handoff_put(&ho->h, cur, 1); /* the last batch, full or not */
        else
            handoff_end(&ho->h);
    }
}

static void *reader_main(void *arg)
{
    import_check_or_read(arg);
    return NULL;
}

/*
 * The writer's side, on the calling thread: store each batch as the reader hands it over,
 * making the trips it is the first to name. Returns when the reader is done or on the
 * writer's own error (which stops the reader too).
 */
static int write_rows(sqlite3 *db, struct exchange *ho, struct import_writer *w, int64_t **idsp,
                      int *capp, struct cs_err *e)
{
    int i = 0, rc = 0;
    for (;;) {
        struct import_batch *b = &ho->b[i];
        if (!handoff_get(&ho->h, i))
            break; /* the reader is done, and nothing more to store */
        for (int k = 0; k < b->ntrips && !rc; k++) {
            const struct import_new_trip *t = &b->trips[k];
            if (t->trip >= *capp) {
                *capp = t->trip * 2 + 16;
                *idsp = xrealloc(*idsp, sizeof **idsp * (size_t)*capp);
            }
            rc = trip_make(db, t, &(*idsp)[t->trip], e);
        }
        if (!rc)
            rc = import_writer_write(w, b, *idsp, e);
        handoff_release(&ho->h, i, rc != 0);
        if (rc)
            break;
        i ^= 1;
    }
    return rc;
}

/*
 * Import the rows of PS (whose trips are the database's, loaded) through W: the reader
 * on a thread of its own, the writer here. The trips the rows made get their ids.
 */
int import_store(sqlite3 *db, struct import_pass *ps, struct import_writer *w, struct cs_err *e)
{
    struct exchange ho;
    pthread_t reader;
    int cap = ps->trips->n + 16, rc;
    int64_t *ids = xmalloc(sizeof *ids * (size_t)cap);

    for (int k = 0; k < ps->trips->n; k++)
        ids[k] = ps->trips->v[k].id;
    handoff_init(&ho.h);
    import_batch_init(&ho.b[0]);
    import_batch_init(&ho.b[1]);
    ps->ho = &ho;
    if (pthread_create(&reader, NULL, reader_main, ps) != 0) {
        rc = cs_error(e, CS_EFAIL, "import", NULL, "cannot start a thread");
    } else {
        rc = write_rows(db, &ho, w, &ids, &cap, e);
        pthread_join(reader, NULL);
        if (!rc && ps->rc) {
            rc = ps->rc;
            *e = ps->err;
        }
        for (int k = 0; !rc && k < ps->trips->n; k++)
            if (ps->trips->v[k].created)
                ps->trips->v[k].id = ids[k];
    }
    ps->ho = NULL;
    import_batch_release(&ho.b[0]);
    import_batch_release(&ho.b[1]);
    handoff_destroy(&ho.h);
    free(ids);
    return rc;
}

void import_progress(void *arg, int storing, long long done, long long total)
{
    int *last = arg;
    int pct = total > 0 ? (int)(done * 100 / total) : 0, i;
    const char *what = storing ? "importing" : "checking ";
    char bar[41];
    if (done < 0) {
        fprintf(stderr, "\r%60s\r", "");
        return;
    }
    if (pct > 100)
        pct = 100;
    if (pct == *last)
        return;
    *last = pct;
    for (i = 0; i < 40; i++)
        bar[i] = i < pct * 40 / 100 ? '#' : '.';
    bar[40] = 0;
    fprintf(stderr, "\r%s [%s] %3d%%", what, bar, pct);
    fflush(stderr);
}
