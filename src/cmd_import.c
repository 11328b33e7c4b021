/* cmd_import.c - `confspend import csv FILE`: expenses from a CSV file, all or nothing,
 * never the same row or uid twice. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/csv.h"
#include "confspend/db.h"
#include "confspend/history.h"
#include "confspend/import.h"

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

/* Say which trips were (or would be) created, on stderr, and the counts on stdout. */
static void report(const struct import_trips *t, int dry, long added, long skipped)
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
    struct import_trips trips = {0};
    int last_pct = -1;
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
            struct import_pass check = {&r,
                                        &h,
                                        "USD",
                                        decimal_comma,
                                        &trips,
                                        NULL,
                                        NULL,
                                        size,
                                        show_progress ? import_progress : NULL,
                                        &last_pct};
            import_check_or_read(&check);
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
    if ((rc = import_writer_open(ctx->db, &w, new_tmp != NULL, &ctx->err)))
        goto cleanup;
    if ((rc = db_begin(ctx->db, &ctx->err)) ||
        (rc = change_begin(ctx->db, 1, &change, &ctx->err)) ||
        (rc = history_batch_begin(ctx->db, &ctx->err)) || (rc = import_writer_begin(&w, &ctx->err)))
        goto cleanup;
    if ((rc = import_trips_load(ctx->db, &trips, &ctx->err)))
        goto cleanup;
    {
        struct import_pass run = {&r,
                                  &h,
                                  base,
                                  decimal_comma,
                                  &trips,
                                  NULL,
                                  &seen,
                                  size,
                                  show_progress ? import_progress : NULL,
                                  &last_pct};
        if ((rc = import_store(ctx->db, &run, &w, &ctx->err)))
            goto cleanup;
    }
    if ((rc = import_writer_finish(&w, &ctx->err)) ||
        (rc = import_trips_finish(ctx->db, &trips, &ctx->err)) ||
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
    import_trips_release(&trips);
    return rc;
}

const struct cs_cmd cmd_import = {
    "import", "import csv FILE [--profile generic] [--delimiter C] [--decimal-comma] [--dry-run]",
    help,     0,
    exec,
};
