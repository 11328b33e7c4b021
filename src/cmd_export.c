/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_export.c - `confspend export csv|xlsx|pdf|ledger FILE`: the expenses of a period for
 * a spreadsheet, a reimbursement desk or an accounting journal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/claim.h"
#include "confspend/cli.h"
#include "confspend/csv.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/ledger.h"
#include "confspend/output.h"
#include "confspend/outfile.h"
#include "confspend/pdf.h"
#include "confspend/period.h"
#include "confspend/receipt.h"
#include "confspend/xlsx.h"

static const char help[] =
    "Export expenses, oldest first: every expense, or the selected period's.\n\n"
    "  export csv FILE|-    RFC 4180 with a header row; - writes to standard output\n"
    "  export xlsx FILE     the reimbursement workbook: Summary (with signature lines),\n"
    "                       Expenses, Receipts (the image receipts embedded), Budget\n"
    "                       and Rides (not with --claim or --reimbursable-only); every\n"
    "                       sheet prints landscape, one page wide, on config's paper\n"
    "  export pdf FILE      the claim packet, one PDF to print and file: the report (header\n"
    "                       block, totals per category, every expense, signature lines),\n"
    "                       then every stored receipt on its own page(s), captioned\n"
    "                       `expense ID, DATE, MERCHANT, AMOUNT CUR`: images scaled to\n"
    "                       fit (a JPEG embedded as it is), each page of a PDF receipt\n"
    "                       drawn as vectors; paper from `config set paper letter|a4`\n"
    "                       (else letter for a USD or CAD base, a4 otherwise)\n"
    "  export ledger FILE|- a journal hledger and ledger read: one transaction per\n"
    "                       expense, `DATE DESCRIPTION  ; uid:UID, trip:SLUG`, a posting\n"
    "                       to expenses:CATEGORY (a refund negative) and one to\n"
    "                       liabilities:reimbursable or assets:paid; text is made safe\n"
    "                       (no line end, no `;`, no two blanks in a description)\n\n"
    "options:\n"
    "  --trip SLUG          the trip's expenses\n"
    "  --month YYYY-MM      one month\n"
    "  --since DATE         --until DATE   a date range (inclusive)\n"
    "  --reimbursable-only  only expenses marked --reimbursable\n"
    "  --claim N            claim N's expenses (always reimbursable only)\n\n"
    "csv columns: id,date,category,amount,currency,merchant,note,trip,reimbursable,\n"
    "provider,from,to,driver,tip,payment,receipt,platform_fee,shared,nights,compare_rate,\n"
    "recipient,uid: everything `add` takes and the expense's uid, so `import csv` reads it\n"
    "back (into the same database it adds nothing); receipt lists the names of the\n"
    "expense's stored receipts joined by \"; \" (after a revision-1 receipt path, kept as\n"
    "a note): the bytes travel with `backup`, not in the csv. A text cell that\n"
    "starts with = + - @ or a tab, CR or LF gets a leading ' so a spreadsheet shows it\n"
    "instead of running it as a formula (a refund's amount stays -6.50).\n\n"
    "A FILE appears whole or not at all: it is written beside its name, then renamed.\n"
    "Its mode is never wider than the database's (0600 for 0600) nor than 0644, and an\n"
    "existing FILE keeps a narrower one. A symlink is written through only when it and\n"
    "the file it points at are yours; a folder, fifo or device is never replaced.\n\n"
    "examples:\n"
    "  confspend export csv pycon.csv --trip pycon-2026 --reimbursable-only\n"
    "  confspend export xlsx november.xlsx --month 2026-11\n"
    "  confspend export pdf claim-3.pdf --claim 3\n"
    "  confspend export xlsx claim-3.xlsx --claim 3\n"
    "  confspend export ledger - --trip pycon-2026 | hledger -f - balance\n";

/* Columns that hold numbers and never get the formula guard: a refund is -6.50. */
static int numeric_column(int c)
{
    const char *n = entry_columns[c];
    return !strcmp(n, "id") || !strcmp(n, "amount") || !strcmp(n, "tip") ||
           !strcmp(n, "platform_fee") || !strcmp(n, "nights") || !strcmp(n, "compare_rate");
}

/* What csv_row() writes to: the csv, the file's stream and its name (NULL for standard
 * output), how many rows, and the write error that stopped it. */
struct csv_walk {
    struct output *out;
    FILE *fp;
    const char *path;
    long count;
    int werr;
    struct receipt_names *rn;
};

/* One expense as a csv row, its text cells guarded against formula injection. */
static int csv_row(const struct expense *x, void *arg)
{
    struct csv_walk *w = arg;
    struct entry_cells c;
    char *guarded[FULL_NCOLS] = {0};
    char *receipts = receipt_cell(w->rn, x->receipt, x->id);
    entry_cells(x, &c);
    if (receipts)
        c.cells[15] = receipts;
    for (int i = 0; i < FULL_NCOLS; i++) {
        if (numeric_column(i) || !csv_guard_needed(c.cells[i]))
            continue;
        guarded[i] = xmalloc(strlen(c.cells[i]) + 2);
        guarded[i][0] = '\'';
        strcpy(guarded[i] + 1, c.cells[i]);
        c.cells[i] = guarded[i];
    }
    output_row(w->out, c.cells);
    for (int i = 0; i < FULL_NCOLS; i++)
        free(guarded[i]);
    free(receipts);
    w->count++;
    if (w->path && ferror(w->fp)) {
        w->werr = errno ? errno : EIO;
        return 1; /* stop: the caller names the file */
    }
    return 0;
}

/*
 * Write the csv of the expenses F selects to FP; *COUNT gets how many. With PATH (a file,
 * not standard output) a failed write stops it early with CS_EFAIL naming PATH and the
 * system's reason; standard output is checked once, by main.
 */
static int write_csv(struct cs_ctx *ctx, const struct expense_filter *f, FILE *fp, const char *path,
                     long *count)
{
    struct output out;
    struct receipt_names rn;
    struct csv_walk w = {&out, fp, path, 0, 0, &rn};
    int rc;
    if ((rc = receipt_names_open(ctx->db, &rn, &ctx->err)))
        return rc;
    output_begin(&out, FMT_CSV, fp, FULL_NCOLS, entry_columns, NULL);
    rc = expense_each(ctx->db, f, csv_row, &w, &ctx->err);
    output_end(&out);
    receipt_names_close(&rn);
    *count = w.count;
    if (w.werr)
        return cs_error(&ctx->err, CS_EFAIL, "export", path, "cannot write the file: %s",
                        strerror(w.werr));
    return rc;
}

/* The journal: one transaction per expense (ledger.c). */
struct ledger_walk {
    FILE *fp;
    long count;
    int werr;
};

static int ledger_row(const struct expense *x, void *arg)
{
    struct ledger_walk *w = arg;
    w->count++;
    if (ledger_transaction(w->fp, x) < 0 || ferror(w->fp)) {
        w->werr = errno ? errno : EIO;
        return 1;
    }
    return 0;
}

static int write_ledger(struct cs_ctx *ctx, const struct expense_filter *f, FILE *fp,
                        const char *path, long *count)
{
    struct ledger_walk w = {fp, 0, 0};
    int rc = expense_each(ctx->db, f, ledger_row, &w, &ctx->err);
    *count = w.count;
    if (w.werr && path)
        return cs_error(&ctx->err, CS_EFAIL, "export", path, "cannot write the file: %s",
                        strerror(w.werr));
    return rc;
}

/*
 * Write the csv to PATH through outfile: beside it (PATH.tmp-XXXXXX, or beside the file a
 * symlink of the user's points at), synced, then renamed over it, with a mode no wider than
 * the database's. On any failure the temporary file is removed and PATH is untouched.
 */
static int export_text_file(struct cs_ctx *ctx, const char *path, const struct expense_filter *f,
                            int ledger, long *count)
{
    struct outfile of = OUTFILE_INIT;
    FILE *fp;
    int rc;

    if ((rc = outfile_open(&of, path, db_file_mode(ctx->db), "export", &ctx->err)))
        return rc;
    if (!(fp = outfile_stream(&of, &ctx->err))) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    if ((rc = (ledger ? write_ledger : write_csv)(ctx, f, fp, path, count)))
        goto cleanup;
    rc = outfile_commit(&of, &ctx->err);
cleanup:
    outfile_abort(&of);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {PERIOD_OPTIONS,
                         {"reimbursable-only", OPT_FLAG},
                         {"claim", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {NULL}};
    const char *pos[2], *path;
    int npos, rc, xlsx, ledger, pdf;
    struct period p;
    struct expense_filter f;
    long count = 0;
    int64_t claim_id = 0;
    int reimb;

    if ((rc = cmd_parse(ctx, &cmd_export, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    struct period_sel sel = period_sel_of(o);
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "format", NULL,
                        "missing (usage: confspend export csv|xlsx|pdf|ledger FILE [options])");
    if (strcmp(pos[0], "csv") && strcmp(pos[0], "xlsx") && strcmp(pos[0], "pdf") &&
        strcmp(pos[0], "ledger"))
        return cs_error(&ctx->err, CS_EINPUT, "format", pos[0],
                        "unknown export format (csv, xlsx, pdf or ledger)");
    xlsx = !strcmp(pos[0], "xlsx");
    pdf = !strcmp(pos[0], "pdf");
    ledger = !strcmp(pos[0], "ledger");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "file", NULL,
                        "missing (usage: confspend export %s FILE [options])", pos[0]);
    path = pos[1];
    if (!*path)
        return cs_error(&ctx->err, CS_EINPUT, "file", path, "empty file name");
    if ((xlsx || pdf) && !strcmp(path, "-"))
        return cs_error(&ctx->err, CS_EINPUT, "file", path,
                        "export %s writes a file, not standard output", pos[0]);
    if (period_precheck(&sel, 0, &ctx->err))
        return CS_EINPUT;
    if (args_has(o, "claim")) {
        if (claim_parse_id(args_value(o, "claim"), &claim_id, &ctx->err))
            return CS_EINPUT;
        if (sel.trip || sel.month || sel.since || sel.until)
            return cs_error(&ctx->err, CS_EINPUT, "--claim", args_value(o, "claim"),
                            "selects the claim's expenses: not with --trip, --month, --since "
                            "or --until");
    }
    reimb = args_has(o, "reimbursable-only") || claim_id; /* a claim is reimbursable only */
    /* only a regular file is replaced, and a symlink is followed only when it and its
     * file are the user's: a bad target is refused before the database is opened (the
     * export checks again as it opens the file) */
    if (strcmp(path, "-") && (rc = outfile_check(path, "export", &ctx->err)))
        return rc;
    if ((rc = ctx_open_db(ctx)) ||
        (rc = period_resolve(ctx->db, ctx->today, &sel, 0, 0, &p, &ctx->err)))
        return rc;
    if (claim_id) {
        struct claim c = CLAIM_INIT;
        if ((rc = claim_load(ctx->db, claim_id, &c, &ctx->err)))
            return rc;
        claim_release(&c);
        p.claim_id = claim_id;
        snprintf(p.label, sizeof p.label, "claim %lld", (long long)claim_id);
    }
    if (xlsx) {
        if (!(rc = xlsx_export(ctx->db, ctx->today_s, path, &p, reimb, &ctx->err)))
            output_linef(stdout, STYLE_NONE, "exported the workbook of %s to %s", p.label, path);
        return rc;
    }
    if (pdf) {
        long pages = 0, receipts = 0;
        if (!(rc =
                  pdf_export(ctx->db, ctx->today_s, path, &p, reimb, &pages, &receipts, &ctx->err)))
            output_linef(stdout, STYLE_NONE,
                         "exported the packet of %s to %s: %ld page%s, %ld receipt%s", p.label,
                         path, pages, pages == 1 ? "" : "s", receipts, receipts == 1 ? "" : "s");
        return rc;
    }
    period_filter(&p, &f);
    f.reimbursable_only = reimb;
    if (!strcmp(path, "-"))
        return (ledger ? write_ledger : write_csv)(ctx, &f, stdout, NULL, &count);
    if (!(rc = export_text_file(ctx, path, &f, ledger, &count)))
        output_linef(stdout, STYLE_NONE, "exported %ld expense%s to %s", count,
                     count == 1 ? "" : "s", path);
    return rc;
}

const struct cs_cmd cmd_export = {
    "export",
    "export csv|xlsx|pdf|ledger FILE [--trip SLUG | --month M | --since D --until D] "
    "[--reimbursable-only] [--claim N]",
    help,
    0,
    exec,
};
