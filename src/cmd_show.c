/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_show.c - `confspend show ID`: every field of one expense. */
#include <stdio.h>
#include <stdlib.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/receipt.h"

static const char help[] = "Show every field of one expense.\n\n"
                           "options:\n"
                           "  --format F   table (default: field and value lines), csv or json\n"
                           "               (the export csv columns)\n\n"
                           "The table view also shows where an imported expense came from\n"
                           "(source: statement or export) and, for an expense a statement row\n"
                           "confirmed (import csv --profile, import ofx), that row's date and\n"
                           "text (statement) and its import key (statement_key), a ride's\n"
                           "--rating, and a --base-amount.\n";

/* The table view's lines for what an import from a real source kept: source, statement,
 * statement_key. */
static int show_source(struct cs_ctx *ctx, int64_t id)
{
    static const char *const names[] = {"source", "statement", "statement_key"};
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(ctx->db,
                   "SELECT e.source, m.statement, m.key FROM expense e LEFT JOIN statement_match m "
                   "ON m.expense_id = e.id WHERE e.id = ?1",
                   &st, &ctx->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        for (int i = 0; i < 3; i++)
            if (sqlite3_column_type(st, i) != SQLITE_NULL)
                output_linef(stdout, STYLE_NONE, "%-13s %s", names[i],
                             (const char *)sqlite3_column_text(st, i));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0
               : db_fail(ctx->db, "cannot read the expense", &ctx->err);
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"format", OPT_VALUE}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    int64_t id;
    enum out_format fmt;
    struct expense x = EXPENSE_INIT;
    struct entry_cells c;
    struct output out;
    static const int align[FULL_NCOLS] = {0};

    if ((rc = cmd_parse(ctx, &cmd_show, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "id", NULL, "missing (usage: confspend show ID)");
    if (expense_parse_id(pos[0], &id, &ctx->err) ||
        output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    struct receipt_names rn;
    char *receipts;
    if ((rc = ctx_open_db(ctx)) || (rc = expense_load(ctx->db, id, &x, &ctx->err)))
        return rc;
    if ((rc = receipt_names_open(ctx->db, &rn, &ctx->err))) {
        expense_release(&x);
        return rc;
    }
    receipts = receipt_cell(&rn, x.receipt, x.id); /* as export csv shows it */
    receipt_names_close(&rn);
    entry_cells(&x, &c);
    if (receipts)
        c.cells[15] = receipts;
    if (fmt == FMT_TABLE) {
        for (int i = 0; i < FULL_NCOLS; i++)
            if (*c.cells[i])
                output_linef(stdout, STYLE_NONE, "%-13s %s", entry_columns[i], c.cells[i]);
        if (*x.base_currency) { /* what the card charged (not an export column) */
            char b[48];
            money_format(x.base_amount, money_digits(x.base_currency), b, sizeof b);
            output_linef(stdout, STYLE_NONE, "%-13s %s %s", "base_amount", b, x.base_currency);
        }
        rc = show_source(ctx, id);
        if (x.rating > 0) /* rev 2; not an export column, so not in csv/json */
            output_linef(stdout, STYLE_NONE, "%-13s %d", "rating", x.rating);
    } else {
        output_begin(&out, fmt, stdout, FULL_NCOLS, entry_columns, align);
        output_row(&out, c.cells);
        output_end(&out);
    }
    free(receipts);
    expense_release(&x);
    return rc;
}

const struct cs_cmd cmd_show = {"show", "show ID [--format F]", help, 0, exec};
