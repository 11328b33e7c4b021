/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_import.c - `confspend import csv|ofx FILE`, `import profiles`: expenses from a CSV
 * file (the generic layout, or a bank, card or ride-hail file through a profile) or an OFX
 * statement, all or nothing, never the same row or uid twice. */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/csv.h"
#include "confspend/db.h"
#include "confspend/history.h"
#include "confspend/import.h"
#include "confspend/import_source.h"
#include "confspend/ofx.h"
#include "confspend/profile.h"

static const char help[] =
    "Import expenses from a CSV file (your own export, or a bank, card or ride-hail file\n"
    "through a profile) or from an OFX/QFX statement. FILE may be - for standard input.\n\n"
    "  import csv FILE [--profile NAME|FILE|auto] [--tz ZONE] [--delimiter C]\n"
    "                  [--decimal-comma] [--dry-run]\n"
    "  import ofx FILE [--dry-run]         OFX 1.x, 2.x or QFX (through libofx)\n"
    "  import profiles                     the built-in profiles, one a line\n\n"
    "All rows go in one transaction, as one change undo takes back: a bad row is reported\n"
    "with its line (an OFX file: its transaction) and field, and nothing is written.\n"
    "Importing a file again adds nothing twice.\n\n"
    "The generic profile (export csv's columns, in any order; date, category and amount\n"
    "required; id ignored; a negative amount is a refund; an empty currency is the\n"
    "trip's, else the base currency) is taken when the header is export csv's. A row with\n"
    "a uid is skipped when an expense has that uid already, else stored with it; a row\n"
    "without one is keyed by a hash of its fields plus how many identical rows came\n"
    "before it. A trip slug the database does not know is created (named after the\n"
    "slug, dated by its rows) and said on stderr.\n\n"
    "Any other file goes through a profile: --profile auto (the default) picks the\n"
    "built-in one whose header it is; --profile NAME names one (import profiles lists\n"
    "them), --profile FILE reads your own. Each row is money spent (an expense), money\n"
    "back (a refund, stored negative), or no expense at all (a card payment, a transfer,\n"
    "a pending row...: skipped and counted with its reason). Then:\n"
    "  - the rules apply, yours first (see confspend rule --help), then the built-in ones;\n"
    "    a row no rule matches is category other;\n"
    "  - a row dated within a trip's start..end gets that trip;\n"
    "  - a statement row (bank, card, OFX) equal to an expense already stored that did not\n"
    "    come from a statement (typed by hand, or a ride export) is matched, not added:\n"
    "    same currency and amount, dates at most 3 days apart, not matched before, and,\n"
    "    when both have a merchant, a shared word of 3+ letters (any case); ties go to the\n"
    "    nearest date, then the lowest id. The expense is marked confirmed by the\n"
    "    statement row (show prints it);\n"
    "  - a row's key is the file's own id (an OFX FITID with its account, an Uber trip id),\n"
    "    else a hash of the row as read plus the count of identical rows before it.\n"
    "It prints: imported N, matched N, present N (imported before), skipped N (by reason).\n\n"
    "options:\n"
    "  --profile P        generic, a built-in profile's name, a profile file, or auto\n"
    "  --tz ZONE          the time zone of a ride export's times (an IANA zone; default\n"
    "                     the system's): a ride is dated by its local day\n"
    "  --delimiter C      the field separator (default: the profile's, ',' for generic;\n"
    "                     'tab' for a tab)\n"
    "  --decimal-comma    amounts are written 12,50\n"
    "  --dry-run          write nothing; generic: check every row and count; a profile or\n"
    "                     OFX: one csv line per row on stdout,\n"
    "                     line,result,date,category,amount,currency,merchant,expense\n"
    "                     with result new, matched (expense: the one it confirms),\n"
    "                     present (expense: the one imported before) or skipped (REASON),\n"
    "                     and the counts on stderr\n\n"
    "generic columns: id,date,category,amount,currency,merchant,note,trip,reimbursable,\n"
    "provider,from,to,driver,tip,payment,receipt,platform_fee,shared,nights,compare_rate,\n"
    "recipient,uid\n\n"
    "examples:\n"
    "  confspend export csv all.csv && confspend --db new.db import csv all.csv\n"
    "  confspend import csv trips_data.csv --profile uber --tz America/New_York\n"
    "  confspend import csv Chase1234_Activity.CSV --dry-run\n";

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

/*
 * The generic profile (the export csv columns) on FP, open and at its start, read from
 * PATH ("-": standard input) of SIZE bytes (0: unknown): checked, keyed and stored in
 * one change, or with DRY checked and counted.
 */
static int generic(struct cs_ctx *ctx, FILE *fp, const char *path, long long size, int delim,
                   int decimal_comma, int dry)
{
    struct change_rec change = CHANGE_REC_INIT;
    int rc = 0, show_progress;
    char base[4];
    struct csv_reader r;
    struct import_header h;
    struct import_writer w = {0};
    struct import_seen seen = {0};
    struct import_trips trips = {0};
    int last_pct = -1;
    int reader_open = 0;
    char *new_path = NULL, *new_tmp = NULL; /* a new database, loaded privately */

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
    import_seen_release(&seen);
    import_trips_release(&trips);
    return rc;
}

/* A copy of FP (standard input, a pipe), after the NHEAD bytes HEAD read from it already,
 * in a private temporary file, at its start, that a profile can rewind: tmpfile()'s, removed
 * already, so nothing is left behind however the program ends. Its size into *SIZE. */
static int spool(FILE *fp, const char *head, size_t nhead, FILE **out, long long *size,
                 struct cs_err *e)
{
    char buf[65536];
    size_t n;
    FILE *t = tmpfile();
    if (!t)
        return cs_error(e, CS_EFAIL, "import", NULL, "cannot make a temporary file: %s",
                        strerror(errno));
    if (nhead && fwrite(head, 1, nhead, t) != nhead) {
        fclose(t);
        return cs_error(e, CS_EFAIL, "import", NULL, "cannot write a temporary file: %s",
                        strerror(errno));
    }
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (fwrite(buf, 1, n, t) != n) {
            fclose(t);
            return cs_error(e, CS_EFAIL, "import", NULL, "cannot write a temporary file: %s",
                            strerror(errno));
        }
    if (ferror(fp) || fflush(t) || fseeko(t, 0, SEEK_END)) {
        fclose(t);
        return cs_error(e, CS_EFAIL, "import", "-", "cannot read: %s", strerror(errno));
    }
    *size = (long long)ftello(t);
    rewind(t);
    *out = t;
    return 0;
}

/* The first line of a file, read to choose between the generic path and a profile. */
#define FIRST_LINE_MAX 65536

/* 1 when more than half of the names of the header line LINE (N bytes), split at DELIM
 * (blanks and quotes around each taken off), are export csv columns. */
static int mostly_columns(const char *line, size_t n, int delim)
{
    int names = 0, known = 0;
    size_t i = 0;
    while (i <= n) {
        size_t j = i, a, b;
        while (j < n && line[j] != delim && line[j] != '\n' && line[j] != '\r')
            j++;
        for (a = i; a < j && (line[a] == ' ' || line[a] == '\t' || line[a] == '"'); a++)
            ;
        for (b = j; b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '"'); b--)
            ;
        names++;
        for (int c = 0; c < FULL_NCOLS; c++)
            if (strlen(entry_columns[c]) == b - a &&
                !strncasecmp(entry_columns[c], line + a, b - a)) {
                known++;
                break;
            }
        if (j >= n || line[j] != delim)
            break;
        i = j + 1;
    }
    return known * 2 > names;
}

/*
 * 1 when the first line LINE (N bytes) of a file is meant for the generic path: most of
 * its names are export csv columns (split at DELIM, or at ',', ';' or a tab, so a file
 * written with another separator gets the generic header's error, not "no known layout"),
 * or it is no header at all (nothing but a BOM and blanks, or a NUL byte): the generic
 * reader's own errors say what is wrong with those.
 */
static int looks_generic(const char *line, size_t n, int delim)
{
    static const int seps[] = {',', ';', '\t'};
    size_t i = 0;
    if (n >= 3 && !memcmp(line, "\xef\xbb\xbf", 3))
        i = 3;
    if (memchr(line, 0, n) || strspn(line + i, " \t\r\n") >= n - i)
        return 1;
    if (mostly_columns(line + i, n - i, delim))
        return 1;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++)
        if (seps[k] != delim && mostly_columns(line + i, n - i, seps[k]))
            return 1;
    return 0;
}

/* Read FP's first line (at most FIRST_LINE_MAX bytes, its newline too) into BUF; its
 * length into *N. */
static void first_line(FILE *fp, char *buf, size_t *n)
{
    int c;
    *n = 0;
    while (*n < FIRST_LINE_MAX && (c = getc(fp)) != EOF) {
        buf[(*n)++] = (char)c;
        if (c == '\n')
            break;
    }
}

/* A stream that gives the bytes already read from a pipe, then the rest of it: the
 * generic path streams standard input as it always has once its first line was read. */
struct replay {
    char *buf;
    size_t n, off;
    FILE *rest;
};

static ssize_t replay_read(void *cookie, char *out, size_t size)
{
    struct replay *r = cookie;
    if (r->off < r->n) {
        size_t k = r->n - r->off < size ? r->n - r->off : size;
        memcpy(out, r->buf + r->off, k);
        r->off += k;
        return (ssize_t)k;
    }
    {
        size_t k = fread(out, 1, size, r->rest);
        return k == 0 && ferror(r->rest) ? -1 : (ssize_t)k;
    }
}

static int replay_close(void *cookie)
{
    struct replay *r = cookie;
    free(r->buf);
    free(r);
    return 0;
}

/* FP with the N bytes of BUF (taken over) put back in front. */
static FILE *replay_open(FILE *fp, char *buf, size_t n)
{
    cookie_io_functions_t io = {replay_read, NULL, NULL, replay_close};
    struct replay *r = xmalloc(sizeof *r);
    FILE *out;
    r->buf = buf;
    r->n = n;
    r->off = 0;
    r->rest = fp;
    if (!(out = fopencookie(r, "r", io))) {
        free(r);
        free(buf);
    }
    return out;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"profile", OPT_VALUE},
                         {"delimiter", OPT_VALUE},
                         {"decimal-comma", OPT_FLAG},
                         {"dry-run", OPT_FLAG},
                         {"tz", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {NULL}};
    const char *pos[2], *path, *profile;
    int npos, delim = 0, rc = 0, dry, decimal_comma;
    long long size = 0;
    FILE *fp = NULL, *spooled = NULL, *replayed = NULL, *path_fp = NULL;
    struct stat sb;
    struct source_opts so = {0, NULL, NULL};

    if ((rc = cmd_parse(ctx, &cmd_import, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "format", NULL,
                        "missing (usage: confspend import csv|ofx FILE [options])");
    if (!strcmp(pos[0], "profiles")) {
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        profile_list(stdout);
        return 0;
    }
    if (strcmp(pos[0], "csv") && strcmp(pos[0], "ofx"))
        return cs_error(&ctx->err, CS_EINPUT, "format", pos[0],
                        "unknown import format (csv, ofx, or profiles to list the profiles)");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "file", NULL,
                        "missing (usage: confspend import %s FILE [options])", pos[0]);
    path = pos[1];
    profile = args_value(o, "profile");
    dry = args_has(o, "dry-run");
    decimal_comma = args_has(o, "decimal-comma");
    so.dry_run = dry;
    so.label = strcmp(path, "-") ? path : "standard input";
    if (!strcmp(pos[0], "ofx")) {
        static const char *const csv_only[] = {"profile", "delimiter", "decimal-comma", "tz", NULL};
        struct src_reader rd;
        for (int i = 0; csv_only[i]; i++)
            if (args_has(o, csv_only[i]))
                return cs_error(&ctx->err, CS_EINPUT, "option", csv_only[i], "only for import csv");
        if ((rc = ofx_open(path, &rd, &ctx->err)))
            return rc;
        so.row_name = "transaction";
        rc = import_source_run(ctx, &rd, &so);
        rd.release(rd.self);
        return rc;
    }
    if (args_value(o, "delimiter") &&
        parse_delimiter(args_value(o, "delimiter"), &delim, &ctx->err))
        return CS_EINPUT;
    if (!profile)
        profile = "auto";
    if (!strcmp(profile, "generic") && args_has(o, "tz"))
        return cs_error(&ctx->err, CS_EINPUT, "--tz", args_value(o, "tz"),
                        "only for a profile that reads times (uber)");

    /* the file and its header before the database, so bad input creates nothing */
    if (!strcmp(path, "-")) {
        fp = stdin;
    } else if (!(fp = fopen(path, "rb"))) {
        return cs_error(&ctx->err, CS_EFAIL, "import", path, "cannot open: %s", strerror(errno));
    }
    path_fp = fp;
    memset(&sb, 0, sizeof sb);
    if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode))
        size = (long long)sb.st_size;
    else if (fp != stdin && S_ISDIR(sb.st_mode)) {
        fclose(fp);
        return cs_error(&ctx->err, CS_EFAIL, "import", path, "is a folder");
    }
    if (!strcmp(profile, "auto") || strcmp(profile, "generic")) {
        struct profile_opts po = {args_value(o, "tz"), delim, decimal_comma};
        struct src_reader rd;
        char *head = xmalloc(FIRST_LINE_MAX);
        size_t nhead;
        int seekable = S_ISREG(sb.st_mode);
        /* auto: a header that is (or is meant as) the generic one takes the generic
         * path; a pipe's first line is put back in front of the rest for it */
        first_line(fp, head, &nhead);
        if (!strcmp(profile, "auto") && looks_generic(head, nhead, delim ? delim : ',')) {
            if (args_has(o, "tz")) {
                free(head);
                rc = cs_error(&ctx->err, CS_EINPUT, "--tz", args_value(o, "tz"),
                              "only for a profile that reads times (uber)");
                goto out;
            }
            if (seekable) {
                free(head);
                rewind(fp);
            } else if (!(replayed = replay_open(fp, head, nhead))) {
                rc = cs_error(&ctx->err, CS_EFAIL, "import", path, "cannot read: %s",
                              strerror(errno));
                goto out;
            } else {
                fp = replayed;
            }
            goto generic;
        }
        /* a profile reads the header itself, and may rewind: a pipe goes to a file first */
        if (seekable) {
            rewind(fp);
        } else {
            rc = spool(fp, head, nhead, &spooled, &size, &ctx->err);
            if (rc) {
                free(head);
                goto out;
            }
            fp = spooled;
        }
        free(head);
        if ((rc = profile_open(profile, fp, path, &po, &rd, &ctx->err)))
            goto out;
        if (rd.self) {
            if (!rd.size)
                rd.size = size;
            rc = import_source_run(ctx, &rd, &so);
            rd.release(rd.self);
            goto out;
        }
        if (args_has(o, "tz")) {
            rc = cs_error(&ctx->err, CS_EINPUT, "--tz", args_value(o, "tz"),
                          "only for a profile that reads times (uber)");
            goto out;
        }
    }
generic:
    rc = generic(ctx, fp, path, size, delim ? delim : ',', decimal_comma, dry);
out:
    if (spooled)
        fclose(spooled);
    if (replayed)
        fclose(replayed);
    if (path_fp && path_fp != stdin)
        fclose(path_fp);
    return rc;
}

const struct cs_cmd cmd_import = {
    "import",
    "import csv|ofx FILE [--profile NAME|FILE|auto] [--tz ZONE] [--delimiter C] "
    "[--decimal-comma] [--dry-run]; import profiles",
    help,
    0,
    exec,
};
