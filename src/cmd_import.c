/* cmd_import.c - `confspend import csv FILE`: expenses from a CSV file, all or nothing,
 * never the same row twice. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confspend/csv.h"
#include "confspend/db.h"
#include "confspend/history.h"
#include "confspend/import.h"
#include "confspend/trip.h"

static const char help[] =
    "Import expenses from a CSV file (RFC 4180: quoted fields may hold the separator,\n"
    "newlines and doubled quotes; a UTF-8 BOM, CRLF and a missing final newline are fine).\n"
    "FILE may be - for standard input.\n\n"
    "All rows go in one transaction: a bad row is reported with its line number and\n"
    "nothing is written. Each row's key is a hash of its fields plus how many identical\n"
    "rows came before it in the file, so importing a file again adds nothing twice, and\n"
    "two identical rows in one file are two expenses.\n\n"
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
    "from,to,driver,tip,payment,receipt,platform_fee,shared,nights,compare_rate,recipient\n\n"
    "example:\n"
    "  confspend export csv all.csv && confspend --db new.db import csv all.csv\n";

/* Files at least this large get a progress bar when stderr is a terminal. */
#define PROGRESS_MIN_BYTES (10LL * 1024 * 1024)

/* A trip the rows name, loaded or created once per import. */
struct trip_ref {
    char slug[65];
    int64_t id;
    char currency[4];
    char start[11], end[11]; /* the range of its rows' dates, for a created trip */
    int created;
};

/* The trips seen so far, with an open-addressing index by slug. */
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

/* The trip SLUG: from the cache, else the database, else a new trip dated DATE in BASE
 * currency (only counted, not stored, when ctx->db is NULL). *OUT points into T until the
 * next call. */
static int trips_get(struct cs_ctx *ctx, struct trips *t, const char *slug, const char *date,
                     const char *base, struct trip_ref **out)
{
    unsigned k;
    struct trip tr = TRIP_INIT;
    struct trip_ref *r;
    int rc;
    if (t->index_cap) {
        k = slug_hash(slug) & (unsigned)(t->index_cap - 1);
        for (; t->index[k]; k = (k + 1) & (unsigned)(t->index_cap - 1))
            if (!strcmp(t->v[t->index[k] - 1].slug, slug)) {
                *out = &t->v[t->index[k] - 1];
                return 0;
            }
    }
    /* without a database (checking against a new one) every trip is new */
    rc = ctx->db ? trip_load(ctx->db, slug, &tr, &ctx->err) : CS_EINPUT;
    if (rc && rc != CS_EINPUT)
        return rc;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->v = xrealloc(t->v, sizeof *t->v * (size_t)t->cap);
    }
    r = &t->v[t->n];
    memset(r, 0, sizeof *r);
    snprintf(r->slug, sizeof r->slug, "%s", slug);
    if (rc == CS_EINPUT) {
        /* unknown: create it, dated by this row until the others are seen */
        tr.slug = xstrdup(slug);
        tr.name = xstrdup(slug);
        snprintf(tr.start, sizeof tr.start, "%s", date);
        snprintf(tr.end, sizeof tr.end, "%s", date);
        snprintf(tr.currency, sizeof tr.currency, "%s", base);
        ctx->err.code = 0;
        ctx->err.msg[0] = 0;
        if (ctx->db && (rc = trip_insert(ctx->db, &tr, &ctx->err))) {
            trip_release(&tr);
            return rc;
        }
        r->created = 1;
        snprintf(r->start, sizeof r->start, "%s", date);
        snprintf(r->end, sizeof r->end, "%s", date);
    }
    r->id = tr.id;
    snprintf(r->currency, sizeof r->currency, "%s", tr.currency);
    trip_release(&tr);
    t->n++;
    if (t->n * 2 > t->index_cap)
        trips_reindex(t);
    else {
        k = slug_hash(slug) & (unsigned)(t->index_cap - 1);
        while (t->index[k])
            k = (k + 1) & (unsigned)(t->index_cap - 1);
        t->index[k] = t->n;
    }
    *out = &t->v[t->n - 1];
    return 0;
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

/* What one pass over the rows needs. */
struct pass {
    struct csv_reader *r;
    const struct import_header *h;
    const char *base;
    int decimal_comma;
    struct trips *trips;
    struct import_writer *w; /* NULL: check and count only */
    struct import_seen *seen;
    long long size; /* for the progress bar, 0 for none */
    long rows;      /* rows read */
};

/*
 * Read every row after the header: check it, find or create its trip, key it and stage
 * it. Without a writer (and with ctx->db NULL) it only checks and counts, as against a new
 * database: no trips, the base currency USD.
 */
static int import_rows(struct cs_ctx *ctx, struct pass *ps)
{
    struct csv_reader *r = ps->r;
    int rc, last_pct = -1;
    while ((rc = csv_read(r, &ctx->err)) == 1) {
        struct expense x;
        struct trip_ref *t = NULL;
        const char *slug, *cur = ps->base;
        unsigned char fpr[16];
        char key[IMPORT_KEY_SIZE], date[11];
        if ((rc = import_row_trip(ps->h, r->fields, r->nfields, r->line, &slug, date, &ctx->err)))
            return rc;
        if (slug) {
            if ((rc = trips_get(ctx, ps->trips, slug, date, ps->base, &t)))
                return rc;
            cur = t->currency;
        }
        if ((rc = import_row(ps->h, r->fields, r->nfields, r->line, cur, ps->decimal_comma, &x,
                             &ctx->err)))
            return rc;
        if ((++ps->rows & 4095) == 0 && ps->size)
            progress(ps->w ? "importing" : "checking ", (long long)r->bytes, ps->size, &last_pct);
        if (t) {
            x.trip_id = t->id;
            if (t->created && strcmp(x.date, t->start) < 0)
                memcpy(t->start, x.date, 11);
            if (t->created && strcmp(x.date, t->end) > 0)
                memcpy(t->end, x.date, 11);
        }
        if (!ps->w)
            continue;
        import_fingerprint(&x, fpr);
        import_key_dated(x.date, fpr, import_seen_count(ps->seen, fpr), key);
        x.import_key = key;
        if ((rc = import_writer_add(ps->w, &x, &ctx->err)))
            return rc;
    }
    if (ps->size)
        fprintf(stderr, "\r%60s\r", "");
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
    struct cs_opt o[] = {{"profile", OPT_VALUE},      {"delimiter", OPT_VALUE},
                         {"decimal-comma", OPT_FLAG}, {"dry-run", OPT_FLAG},
                         {"db", OPT_VALUE},           {NULL}};
    const char *pos[2], *path, *profile;
    int npos, help_wanted, delim = 0, rc = 0, dry, decimal_comma, show_progress = 0;
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

    if (args_parse(argc, argv, o, pos, 2, &npos, &help_wanted, &ctx->err))
        return CS_EINPUT;
    if (help_wanted)
        return cmd_print_help(&cmd_import);
    if (args_value(o, "db"))
        ctx->db_opt = args_value(o, "db");
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
    /* A new database would have no trips and the base currency USD: check every row
     * against that before the file is made, so bad input creates nothing; a dry run
     * needs nothing more. (A pipe cannot be read twice: it is checked as it is imported,
     * unless it is a dry run.) */
    if ((size > 0 || dry) && db_missing(ctx)) {
        struct pass check = {
            &r, &h, "USD", decimal_comma, &trips, NULL, NULL, dry && show_progress ? size : 0, 0};
        if ((rc = import_rows(ctx, &check)))
            goto cleanup;
        if (dry) {
            report(&trips, 1, check.rows, 0);
            goto cleanup;
        }
        trips_release(&trips);
        if (fseek(fp, 0, SEEK_SET) != 0) {
            rc = cs_error(&ctx->err, CS_EFAIL, "import", path, "cannot read it again: %s",
                          strerror(errno));
            goto cleanup;
        }
        csv_release(&r);
        csv_init(&r, fp, delim);
        if ((rc = read_header(ctx, &r, path, &h)))
            goto cleanup;
    }

    if ((rc = ctx_open_db(ctx)) || (rc = config_base_currency(ctx->db, base, &ctx->err)))
        goto cleanup;
    /* the history keeps the whole import as one entry, not a copy of each row */
    if ((rc = import_writer_open(ctx->db, &w, &ctx->err)) || (rc = db_begin(ctx->db, &ctx->err)) ||
        (rc = history_batch_begin(ctx->db, &ctx->err)) || (rc = import_writer_begin(&w, &ctx->err)))
        goto cleanup;
    {
        struct pass run = {&r,     &h, base,  decimal_comma,
                           &trips, &w, &seen, show_progress ? size : 0};
        if ((rc = import_rows(ctx, &run)))
            goto cleanup;
    }
    if ((rc = import_writer_finish(&w, &ctx->err)) || (rc = trips_finish(ctx, &trips)) ||
        (rc = history_batch_end(ctx->db, w.first_id, w.last_id, w.added,
                                strcmp(path, "-") ? path : "standard input", &ctx->err)))
        goto cleanup;
    import_writer_close(&w);
    if (dry)
        db_rollback(ctx->db);
    else if ((rc = db_commit(ctx->db, &ctx->err)))
        goto cleanup;
    report(&trips, dry, w.added, w.rows - w.added);
    rc = 0;
cleanup:
    if (show_progress && rc)
        fprintf(stderr, "\n");
    import_writer_close(&w);
    if (rc && ctx->db)
        db_rollback(ctx->db);
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
