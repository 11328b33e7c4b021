/* cmd_show.c - `confspend show ID`: every field of one expense. */
#include <stdio.h>
#include <stdlib.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/entry.h"
#include "confspend/output.h"
#include "confspend/receipt.h"

static const char help[] = "Show every field of one expense.\n\n"
                           "options:\n"
                           "  --format F   table (default: field and value lines), csv or json\n"
                           "               (the export csv columns)\n";

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
    } else {
        output_begin(&out, fmt, stdout, FULL_NCOLS, entry_columns, align);
        output_row(&out, c.cells);
        output_end(&out);
    }
    free(receipts);
    expense_release(&x);
    return 0;
}

const struct cs_cmd cmd_show = {"show", "show ID [--format F]", help, 0, exec};
