/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_receipt.c - `confspend receipt add|list|get|rm`: receipts kept in the database. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/outfile.h"
#include "confspend/output.h"
#include "confspend/receipt.h"

static const char help[] =
    "Keep receipts in the database, attached to expenses.\n\n"
    "  receipt add ID FILE...         store each FILE's bytes as a receipt of expense ID\n"
    "  receipt list [ID] [--format F] the receipts (of expense ID)\n"
    "  receipt get RECEIPT [-o FILE]  write its exact bytes to FILE (default: stdout, when\n"
    "                                 that is not a terminal)\n"
    "  receipt rm RECEIPT             detach it from its expense\n\n"
    "A file is taken by its content, whatever its name: a JPEG, PNG or PDF (a JPEG or PNG\n"
    "that is cut short or claims more than 100 megapixels, a PNG whose pixels cannot be\n"
    "decoded, or a PDF that poppler cannot open, is refused), at most 25 MiB. The same\n"
    "bytes (by SHA-256) are stored once however many expenses use them; `receipt rm`\n"
    "removes them when no expense uses them any more.\n"
    "Each command is one change (`undo` takes it back); `backup` carries the bytes.\n"
    "`add` and `edit` take --receipt FILE too (once: more with `receipt add`).\n\n"
    "options:\n"
    "  -o, --output FILE  (get) the file to write, beside it and renamed into place\n"
    "  --format F         (list) table (default), csv or json\n\n"
    "csv/json columns: expense,receipt,type,bytes,sha256,name\n\n"
    "examples:\n"
    "  confspend receipt add 12 ~/scans/dinner.jpg\n"
    "  confspend receipt get 3 -o dinner.jpg\n";

int receipt_option_store(struct cs_ctx *ctx, int64_t id, const char *path)
{
    struct receipt_info r = RECEIPT_INFO_INIT;
    int rc, fresh, already;
    rc = receipt_store(ctx->db, &ctx->change, id, path, &r, &fresh, &already, &ctx->err);
    if (!rc && already)
        output_linef(stdout, STYLE_NONE, "receipt %lld: %s is already attached to expense %lld",
                     (long long)r.id, r.name, (long long)id);
    else if (!rc)
        output_linef(stdout, STYLE_NONE, "receipt %lld: %s, %s, %lld bytes", (long long)r.id,
                     r.name, r.type, (long long)r.bytes);
    receipt_info_release(&r);
    return rc;
}

/* 1 when the newest change of the user's own is a `receipt add` (a series is under way). */
static int after_receipt_add(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int yes = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT command LIKE 'receipt add %' FROM change WHERE kind = 'user' "
                           "AND state = 'done' ORDER BY id DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        yes = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return yes;
}

static const char *const list_cols[] = {"expense", "receipt", "type", "bytes", "sha256", "name"};

static int add(struct cs_ctx *ctx, const char **pos, int npos)
{
    int64_t id;
    int rc = 0, nnew = 0, nadded = 0, no_db;
    int64_t total = 0;
    char *dbpath;
    struct stat sb;
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, npos < 1 ? "id" : "file", NULL,
                        "missing (usage: confspend receipt add ID FILE...)");
    if (expense_parse_id(pos[0], &id, &ctx->err))
        return CS_EINPUT;
    /* every file is opened before the database is: a missing one, a folder or a file
     * over 25 MiB stops here. What a file holds is checked as it is stored, in the one
     * read that hashes it and writes it (receipt_store); a file that is no receipt is
     * refused then and the transaction rolled back, so bad input still writes nothing.
     * Only when there is no database yet is each file read through first, so that a bad
     * one does not create it. */
    dbpath = db_resolve_path(ctx->db_opt);
    no_db = stat(dbpath, &sb) != 0;
    for (int i = 1; i < npos && !rc; i++) {
        int64_t bytes = 0;
        rc = no_db ? receipt_check_file(pos[i], NULL, NULL, &bytes, &ctx->err)
                   : receipt_stat_file(pos[i], &bytes, &ctx->err);
        total += bytes;
    }
    /* Megabytes of new pages are written once through a rollback journal rather than
     * into the WAL and again by its checkpoint (db_open_direct) when they are many; and
     * in a series of receipt adds (the previous command left the database in rollback
     * mode, or was one itself) from its second on, as a switch between the modes is a
     * transaction synced to disk of its own (two, with the next command's switch back):
     * more than a WAL's second copy of a receipt or two costs. */
    ctx->journal_direct =
        !rc && (total >= RECEIPT_DIRECT_BYTES || (!no_db && db_file_rollback(dbpath)));
    free(dbpath);
    if (rc || (rc = ctx_open_db(ctx)))
        return rc;
    if (!ctx->journal_direct && total >= RECEIPT_SERIES_BYTES && after_receipt_add(ctx->db))
        db_journal_direct(ctx->db);
    if ((rc = ctx_open_write(ctx)))
        return rc;
    for (int i = 1; i < npos; i++) {
        struct receipt_info r = RECEIPT_INFO_INIT;
        int fresh, already;
        if ((rc = receipt_store(ctx->db, &ctx->change, id, pos[i], &r, &fresh, &already,
                                &ctx->err))) {
            receipt_info_release(&r);
            return rc;
        }
        if (already)
            output_linef(stdout, STYLE_NONE, "receipt %lld: %s is already attached to expense %lld",
                         (long long)r.id, r.name, (long long)id);
        else
            output_linef(stdout, STYLE_NONE, "receipt %lld: %s, %s, %lld bytes%s", (long long)r.id,
                         r.name, r.type, (long long)r.bytes,
                         fresh ? "" : " (the same bytes were stored already)");
        nnew += fresh;
        nadded += !already;
        receipt_info_release(&r);
    }
    ctx_summary(ctx, "receipt add %lld: %d receipt%s (%d new file%s)", (long long)id, nadded,
                nadded == 1 ? "" : "s", nnew, nnew == 1 ? "" : "s");
    return 0;
}

static int list_one(const struct receipt_info *r, void *arg)
{
    char e[24], id[24], b[24];
    snprintf(e, sizeof e, "%lld", (long long)r->expense_id);
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(b, sizeof b, "%lld", (long long)r->bytes);
    const char *cells[] = {e, id, r->type, b, r->sha256, r->name ? r->name : ""};
    output_row(arg, cells);
    return 0;
}

static int list(struct cs_ctx *ctx, const char **pos, int npos, const char *format)
{
    int64_t id = 0;
    int rc;
    enum out_format fmt;
    struct output out;
    static const int align[] = {ALIGN_RIGHT, ALIGN_RIGHT, 0, ALIGN_RIGHT, 0, 0};
    if (output_parse_format(format, &fmt, &ctx->err))
        return CS_EINPUT;
    if (npos > 1)
        return cs_error(&ctx->err, CS_EINPUT, "receipt list", pos[1], "one expense id at most");
    if (npos == 1 && expense_parse_id(pos[0], &id, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (id && (rc = expense_exists(ctx->db, id, &ctx->err))))
        return rc;
    output_begin(&out, fmt, stdout, 6, list_cols, align);
    rc = receipt_each(ctx->db, id, list_one, &out, &ctx->err);
    output_end(&out);
    return rc;
}

static int get(struct cs_ctx *ctx, const char **pos, int npos, const char *path)
{
    int64_t id;
    int rc;
    struct outfile of = OUTFILE_INIT;
    FILE *fp;
    if (npos != 1)
        return cs_error(&ctx->err, CS_EINPUT, "receipt", npos ? pos[1] : NULL,
                        npos ? "one receipt at a time"
                             : "missing (usage: confspend receipt get "
                               "RECEIPT [-o FILE])");
    if (receipt_parse_id(pos[0], &id, &ctx->err))
        return CS_EINPUT;
    if (path && !*path)
        return cs_error(&ctx->err, CS_EINPUT, "--output", path, "empty file name");
    if (path && !strcmp(path, "-"))
        path = NULL;
    if (path && (rc = outfile_check(path, "--output", &ctx->err)))
        return rc;
    if (!path && isatty(STDOUT_FILENO)) /* a file's bytes could drive the terminal */
        return cs_error(&ctx->err, CS_EINPUT, "receipt get", NULL,
                        "standard output is a terminal (give -o FILE, or redirect it)");
    if ((rc = ctx_open_db(ctx)))
        return rc;
    if (!path) {
        struct receipt_info r = RECEIPT_INFO_INIT;
        /* the receipt must exist before a byte goes out */
        if ((rc = receipt_load(ctx->db, id, &r, &ctx->err)))
            return rc;
        receipt_info_release(&r);
        return receipt_write(ctx->db, id, stdout, "standard output", &ctx->err);
    }
    {
        struct receipt_info r = RECEIPT_INFO_INIT;
        if ((rc = receipt_load(ctx->db, id, &r, &ctx->err)))
            return rc;
        receipt_info_release(&r);
    }
    if ((rc = outfile_open(&of, path, db_file_mode(ctx->db), "--output", &ctx->err)))
        goto cleanup;
    if (!(fp = outfile_stream(&of, &ctx->err))) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    if ((rc = receipt_write(ctx->db, id, fp, path, &ctx->err)) ||
        (rc = outfile_commit(&of, &ctx->err)))
        goto cleanup;
cleanup:
    outfile_abort(&of);
    return rc;
}

static int rm(struct cs_ctx *ctx, const char **pos, int npos)
{
    int64_t id;
    int rc, freed = 0;
    struct receipt_info r = RECEIPT_INFO_INIT;
    if (npos != 1)
        return cs_error(&ctx->err, CS_EINPUT, "receipt", npos ? pos[1] : NULL,
                        npos ? "one receipt at a time"
                             : "missing (usage: confspend receipt rm "
                               "RECEIPT)");
    if (receipt_parse_id(pos[0], &id, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if (!(rc = receipt_remove(ctx->db, id, &r, &freed, &ctx->err))) {
        output_linef(stdout, STYLE_NONE, "removed receipt %lld (%s) from expense %lld%s",
                     (long long)id, r.name, (long long)r.expense_id,
                     freed ? "" : "; its bytes stay: another expense uses them");
        ctx_summary(ctx, "receipt rm %lld: %s of expense %lld", (long long)id, r.name,
                    (long long)r.expense_id);
    }
    receipt_info_release(&r);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"format", OPT_VALUE}, {"output", OPT_VALUE}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[130];
    int npos, rc;
    if ((rc = cmd_parse(ctx, &cmd_receipt, argc, argv, o, pos, 130, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "receipt", NULL,
                        "missing subcommand (add, list, get or rm)");
    if (strcmp(pos[0], "list") && args_has(o, "format"))
        return cs_error(&ctx->err, CS_EINPUT, "--format", args_value(o, "format"),
                        "only with receipt list");
    if (strcmp(pos[0], "get") && args_has(o, "output"))
        return cs_error(&ctx->err, CS_EINPUT, "--output", args_value(o, "output"),
                        "only with receipt get");
    if (!strcmp(pos[0], "add"))
        return add(ctx, pos + 1, npos - 1);
    if (!strcmp(pos[0], "list"))
        return list(ctx, pos + 1, npos - 1, args_value(o, "format"));
    if (!strcmp(pos[0], "get"))
        return get(ctx, pos + 1, npos - 1, args_value(o, "output"));
    if (!strcmp(pos[0], "rm"))
        return rm(ctx, pos + 1, npos - 1);
    return cs_error(&ctx->err, CS_EINPUT, "receipt", pos[0],
                    "unknown subcommand (add, list, get or rm)");
}

const struct cs_cmd cmd_receipt = {"receipt", "receipt add|list|get|rm ...", help, 0, exec};
