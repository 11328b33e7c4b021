/* cmd_import.c - `confspend import csv FILE`: expenses from a CSV file, all or nothing,
 * never the same row or uid twice. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confspend/csv.h"
#include "confspend/db.h"
#include "confspend/handoff.h"
#include "confspend/history.h"
#include "confspend/import.h"
#include "confspend/trip.h"

static const char help[] =
    "Import expenses from a CSV file (RFC 4180: quoted fields may hold the separator,\n"
    "newlines and doubled quotes; a UTF-8 BOM, CRLF and a missing final newline are fine).\n"
    "FILE may be - for standard input.\n\n"
    "All rows go in one transaction: a bad row is reported with its line number and\n"
    "nothing is written. A row with a uid (export csv's last column) is skipped when an\n"
    "expense has that uid already, else stored with it: an export imported into the same\n"
    "database adds nothing, into a new one it keeps the uids. A uid is 32 lowercase hex\n"
    "digits, once per file. A row without one is keyed by a hash of its fields plus how\n"
    "many identical rows came before it in the file, so importing a file again adds\n"
    "nothing twice, and two identical rows in one file are two expenses.\n\n"
    "options:\n"
    "  --profile generic    the only profile so far: a header row with the export csv\n"
    "                       columns in any order; date, category and amount required;\n"
    "                       id ignored; a negative amount is a refund; an empty currency\n"
    "                       is the trip's, else the base currency\n"
    "  --delimiter C        the field separator (default ','; 'tab' for a tab)\n"
    "  --decimal-comma      amounts are written 12,50\n"
    "  --dry-run            check every row and count, write nothing\n\n"
    "A trip slug the database does not know is created (named after the slug, dated by\n"
    "its rows, in the base currency) and said on stderr.\n\n"
    "columns: id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,\n"
    "from,to,driver,tip,payment,receipt,platform_fee,shared,nights,compare_rate,recipient,\n"
    "uid\n\n"
    "example:\n"
    "  confspend export csv all.csv && confspend --db new.db import csv all.csv\n";

/* Files at least this large get a progress bar when stderr is a terminal. */
#define PROGRESS_MIN_BYTES (10LL * 1024 * 1024)

/* A trip the rows name: one the database has (loaded before the rows are read) or one
 * they make. */
struct trip_ref {
    char slug[65];
    int64_t id; /* 0 for a new one until the writer makes it */
    char currency[4];
    char start[11], end[11]; /* the range of its rows' dates, for a created trip */
    int created;
};

/* The trips, with an open-addressing index by slug. Only the reader changes it while the
 * rows are read; the writer learns of new trips from the batches. */
struct trips {
    struct trip_ref *v;
    int n, cap;
    int *index; /* index_cap slots of v-index + 1, 0 empty */
    int index_cap;
};

static unsigned slug_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void trips_reindex(struct trips *t)
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
static int trips_push(struct trips *t, const char *slug, int64_t id, const char *currency)
{
    struct trip_ref *r;
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
static int trips_find(const struct trips *t, const char *slug)
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
static int trips_load(sqlite3 *db, struct trips *t, struct cs_err *e)
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
static int trips_finish(struct cs_ctx *ctx, struct trips *t)
{
    for (int i = 0; i < t->n; i++) {
        struct trip tr = TRIP_INIT;
        int rc;
        if (!t->v[i].created)
            continue;
        if ((rc = trip_load_id(ctx->db, t->v[i].id, &tr, &ctx->err)))
            return rc;
        snprintf(tr.start, sizeof tr.start, "%s", t->v[i].start);
        snprintf(tr.end, sizeof tr.end, "%s", t->v[i].end);
        rc = trip_update(ctx->db, &tr, &ctx->err);
        trip_release(&tr);
        if (rc)
            return rc;
    }
    return 0;
}

static void trips_release(struct trips *t)
{
    free(t->v);
    free(t->index);
    memset(t, 0, sizeof *t);
}

/* Parse --delimiter: one byte other than '"', CR, LF; "tab" or "\t" for a tab. */
static int parse_delimiter(const char *s, int *out, struct cs_err *e)
{
    if (!s) {
        *out = ',';
        return 0;
    }
    if (!strcmp(s, "tab") || !strcmp(s, "\\t"))
        s = "\t";
    if (strlen(s) != 1 || *s == '"' || *s == '\r' || *s == '\n')
        return cs_error(e, CS_EINPUT, "--delimiter", s,
                        "must be one character other than a quote or a line end");
    *out = (unsigned char)*s;
    return 0;
}

/* Draw the progress bar of WHAT for DONE of TOTAL bytes on stderr. */
static void progress(const char *what, long long done, long long total, int *last)
{
    int pct = total > 0 ? (int)(done * 100 / total) : 0, i;
    char bar[41];
    if (pct == *last)
        return;
    *last = pct;
    for (i = 0; i < 40; i++)
        bar[i] = i < pct * 40 / 100 ? '#' : '.';
    bar[40] = 0;
    fprintf(stderr, "\r%s [%s] %3d%%", what, bar, pct);
    fflush(stderr);
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

/* What one pass over the rows needs. */
struct pass {
    struct csv_reader *r;
    const struct import_header *h;
    const char *base;
    int decimal_comma;
    struct trips *trips;
    struct exchange *ho; /* NULL: check and count only */
    struct import_seen *seen;
    long long size; /* for the progress bar, 0 for none */
    long rows;      /* rows read */
    struct cs_err err;
    int rc;
};

/*
 * Read every row after the header: check it (a uid at most once in the file), find its
 * trip (or note a new one), key it (a row with a uid is known by its uid instead) and add
 * it to a batch. Without a handoff it only checks and counts, as against a new database:
 * no trips, the base currency USD. Sets ps->rc and ps->err.
 */
static void read_rows(struct pass *ps)
{
    struct csv_reader *r = ps->r;
    struct exchange *ho = ps->ho;
    struct import_batch *b = ho ? &ho->b[0] : NULL;
    struct import_uids uids = {0};
    int rc, last_pct = -1, cur = 0;
    while ((rc = csv_read(r, &ps->err)) == 1) {
        struct expense x;
        struct trip_ref *t = NULL;
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
        if ((++ps->rows & 4095) == 0 && ps->size)
            progress(ho ? "importing" : "checking ", (long long)r->bytes, ps->size, &last_pct);
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
    if (ps->size)
        fprintf(stderr, "\r%60s\r", "");
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
    read_rows(arg);
    return NULL;
}

/*
 * The writer's side, on the calling thread: store each batch as the reader hands it over,
 * making the trips it is the first to name. Returns when the reader is done or on the
 * writer's own error (which stops the reader too).
 */
static int write_rows(struct cs_ctx *ctx, struct exchange *ho, struct import_writer *w,
                      int64_t **idsp, int *capp)
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
            rc = trip_make(ctx->db, t, &(*idsp)[t->trip], &ctx->err);
        }
        if (!rc)
            rc = import_writer_write(w, b, *idsp, &ctx->err);
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
static int import_pipeline(struct cs_ctx *ctx, struct pass *ps, struct import_writer *w)
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
        rc = cs_error(&ctx->err, CS_EFAIL, "import", NULL, "cannot start a thread");
    } else {
        rc = write_rows(ctx, &ho, w, &ids, &cap);
        pthread_join(reader, NULL);
        if (!rc && ps->rc) {
            rc = ps->rc;
            ctx->err = ps->err;
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

/* Say which trips were (or would be) created, on stderr, and the counts on stdout. */
static void report(const struct trips *t, int dry, long added, long skipped)
{
    for (int i = 0; i < t->n; i++)
        if (t->v[i].created)
            fprintf(stderr, "%s trip %s (%s to %s, %s)\n", dry ? "would create" : "created",
                    t->v[i].slug, t->v[i].start, t->v[i].end, t->v[i].currency);
    if (dry)
        printf("dry run: would import %ld, skip %ld (already present); nothing written\n", added,
               skipped);
    else
        printf("imported %ld, skipped %ld (already present)\n", added, skipped);
}

/* Read the header record of R into H; CS_EINPUT when there is none. */
static int read_header(struct cs_ctx *ctx, struct csv_reader *r, const char *path,
                       struct import_header *h)
{
    int rc = csv_read(r, &ctx->err);
    if (rc == 0)
        return cs_error(&ctx->err, CS_EINPUT, "import", path, "no header row (the file is empty)");
    if (rc < 0)
        return rc;
    return import_header_parse(r->fields, r->nfields, h, &ctx->err);
}

/* 1 when the database file does not exist yet. */
static int db_missing(struct cs_ctx *ctx)
{
    struct stat sb;
    char *path = db_resolve_path(ctx->db_opt);
    int missing = stat(path, &sb) != 0 && errno == ENOENT;
    free(path);
    return missing;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct change_rec change = CHANGE_REC_INIT;
    struct cs_opt o[] = {{"profile", OPT_VALUE},      {"delimiter", OPT_VALUE},
                         {"decimal-comma", OPT_FLAG}, {"dry-run", OPT_FLAG},
                         {"db", OPT_VALUE},           {NULL}};
    const char *pos[2], *path, *profile;
    int npos, delim = 0, rc = 0, dry, decimal_comma, show_progress = 0;
    long long size = 0;
    char base[4];
    FILE *fp = NULL;
    struct csv_reader r;
    struct import_header h;
    struct import_writer w = {0};
    struct import_seen seen = {0};
    struct trips trips = {0};
    struct stat sb;
    int reader_open = 0;
    char *new_path = NULL, *new_tmp = NULL; /* a new database, loaded privately */

    if ((rc = cmd_parse(ctx, &cmd_import, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "format", NULL,
                        "missing (usage: confspend import csv FILE [options])");
    if (strcmp(pos[0], "csv"))
        return cs_error(&ctx->err, CS_EINPUT, "format", pos[0],
                        "unknown import format (csv is the one there is)");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "file", NULL,
                        "missing (usage: confspend import csv FILE [options])");
    path = pos[1];
    profile = args_value(o, "profile");
    if (profile && strcmp(profile, "generic")) {
        if (!strcmp(profile, "uber") || !strcmp(profile, "bank"))
            return cs_error(&ctx->err, CS_EINPUT, "--profile", profile,
                            "not implemented yet; use --profile generic (the export csv "
                            "columns)");
        return cs_error(&ctx->err, CS_EINPUT, "--profile", profile,
                        "unknown profile (generic is the one there is)");
    }
    if (parse_delimiter(args_value(o, "delimiter"), &delim, &ctx->err))
        return CS_EINPUT;
    dry = args_has(o, "dry-run");
    decimal_comma = args_has(o, "decimal-comma");

    /* the file and its header before the database, so bad input creates nothing */
    if (!strcmp(path, "-")) {
        fp = stdin;
    } else if (!(fp = fopen(path, "rb"))) {
        return cs_error(&ctx->err, CS_EFAIL, "import", path, "cannot open: %s", strerror(errno));
    }
    if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode))
        size = (long long)sb.st_size;
    else if (fp != stdin && S_ISDIR(sb.st_mode)) {
        fclose(fp);
        return cs_error(&ctx->err, CS_EFAIL, "import", path, "is a folder");
    }
    show_progress = size >= PROGRESS_MIN_BYTES && isatty(STDERR_FILENO);
    csv_init(&r, fp, delim);
    reader_open = 1;
    if ((rc = read_header(ctx, &r, path, &h)))
        goto cleanup;
    /* A dry run against a database that does not exist checks every row against a new
     * one (no trips, the base currency USD) and makes nothing. A real import into a new
     * database loads a private file beside it and gives it the database's name at the end:
     * bad input creates nothing, and the load needs no journal. */
    if (db_missing(ctx)) {
        if (dry) {
            struct pass check = {&r,     &h,   "USD", decimal_comma,
                                 &trips, NULL, NULL,  show_progress ? size : 0};
            read_rows(&check);
            if ((rc = check.rc)) {
                ctx->err = check.err;
                goto cleanup;
            }
            report(&trips, 1, check.rows, 0);
            goto cleanup;
        }
        new_path = db_resolve_path(ctx->db_opt);
        if ((rc = db_create_private(new_path, &new_tmp, &ctx->db, &ctx->err)))
            goto cleanup;
    } else if ((rc = ctx_open_db(ctx))) {
        goto cleanup;
    }
    if ((rc = config_base_currency(ctx->db, base, &ctx->err)))
        goto cleanup;
    /* one change: its trips in the changeset, its expenses by their id range */
    if ((rc = import_writer_open(ctx->db, &w, &ctx->err)) || (rc = db_begin(ctx->db, &ctx->err)) ||
        (rc = change_begin(ctx->db, 1, &change, &ctx->err)) ||
        (rc = history_batch_begin(ctx->db, &ctx->err)) || (rc = import_writer_begin(&w, &ctx->err)))
        goto cleanup;
    if ((rc = trips_load(ctx->db, &trips, &ctx->err)))
        goto cleanup;
    {
        struct pass run = {&r,     &h,   base,  decimal_comma,
                           &trips, NULL, &seen, show_progress ? size : 0};
        if ((rc = import_pipeline(ctx, &run, &w)))
            goto cleanup;
    }
    if ((rc = import_writer_finish(&w, &ctx->err)) || (rc = trips_finish(ctx, &trips)) ||
        (rc = history_batch_end(ctx->db, &ctx->err)))
        goto cleanup;
    {
        char summary[512];
        int64_t id;
        snprintf(summary, sizeof summary, "import %lld expense%s from %s", (long long)w.added,
                 w.added == 1 ? "" : "s", strcmp(path, "-") ? path : "standard input");
        if ((rc = change_end(ctx->db, &change, "user", ctx->command, summary, w.first_id, w.last_id,
                             w.added, &id, &ctx->err)))
            goto cleanup;
    }
    import_writer_close(&w);
    if (dry)
        db_rollback(ctx->db);
    else if ((rc = db_commit(ctx->db, &ctx->err)))
        goto cleanup;
    if (new_tmp) {
        rc = db_publish(ctx->db, new_tmp, new_path, &ctx->err);
        ctx->db = NULL;
        new_tmp = NULL;
        if (rc)
            goto cleanup;
    }
    report(&trips, dry, w.added, w.rows - w.added);
    rc = 0;
cleanup:
    change_release(&change);
    if (show_progress && rc)
        fprintf(stderr, "\n");
    import_writer_close(&w);
    if (rc && ctx->db)
        db_rollback(ctx->db);
    if (new_tmp) { /* the new database never appears */
        db_discard(ctx->db, new_tmp);
        ctx->db = NULL;
    }
    free(new_path);
    if (reader_open)
        csv_release(&r);
    if (fp && fp != stdin)
        fclose(fp);
    import_seen_release(&seen);
    trips_release(&trips);
    return rc;
}

const struct cs_cmd cmd_import = {
    "import", "import csv FILE [--profile generic] [--delimiter C] [--decimal-comma] [--dry-run]",
    help,     0,
    exec,
};
