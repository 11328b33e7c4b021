/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_edit.c - `confspend edit ID [options]`: change fields of one expense. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/claim.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/output.h"
#include "confspend/receipt.h"

static const char help[] =
    "Change fields of one expense; what is not given stays as it is. The old values stay\n"
    "in the history (confspend history ID) and `confspend undo` brings them back.\n\n"
    "options:\n"
    "  --amount AMOUNT   --category C\n"
    "  and any option of `confspend add` (an empty value clears a text field)\n"
    "  --no-refund       a refund becomes an expense again\n"
    "  --no-merchant --no-note --no-payment --no-receipt --no-from --no-to --no-driver\n"
    "  --no-tip --no-platform-fee --no-shared --no-nights --no-compare-rate --no-recipient\n"
    "  --no-base-amount --no-rating\n"
    "                    clear that field (--no-trip: no trip; --no-receipt detaches every\n"
    "                    stored receipt and clears a revision-1 receipt path)\n"
    "  --receipt FILE    store FILE as a receipt of the expense (confspend receipt)\n"
    "  --force           change an expense that is in a claim past draft (submitted,\n"
    "                    approved, paid): refused without it; the history records it,\n"
    "                    and the claim claims the expense as it is now\n"
    "An expense made --personal leaves the claims that hold it.\n"
    "A base amount (--base-amount) keeps the base currency it was given in; an edit into\n"
    "that currency is refused unless --no-base-amount drops it.\n";

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {ENTRY_OPTIONS,           ENTRY_NEGATIONS,     {"amount", OPT_VALUE},
                         {"category", OPT_VALUE}, {"force", OPT_FLAG}, {NULL}};
    const char *pos[1];
    int npos, rc;
    int64_t id;
    struct expense x = EXPENSE_INIT;
    struct entry_places places = ENTRY_PLACES_INIT;
    char *line, why[64];
    int detached = 0, left = 0;
    int64_t was_amount, was_base;
    char was_cur[4], was_date[11], was_base_cur[4];

    if ((rc = cmd_parse(ctx, &cmd_edit, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((rc = entry_receipt_once(ctx, o)))
        return rc;
    struct entry_opts eo = entry_opts_of(o);
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "id", NULL,
                        "missing (usage: confspend edit ID [options])");
    if (expense_parse_id(pos[0], &id, &ctx->err) ||
        entry_precheck(&eo, args_value(o, "category"), args_value(o, "amount"), &ctx->err))
        return CS_EINPUT;
    if (eo.receipt && (rc = receipt_check_file(eo.receipt, NULL, NULL, NULL, &ctx->err)))
        return rc;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if ((rc = expense_load(ctx->db, id, &x, &ctx->err)) ||
        (rc = claim_lock_check(ctx, id, args_has(o, "force"), why)))
        goto cleanup;
    if (x.schedule_id > 0 && args_has(o, "category") &&
        strcmp(args_value(o, "category"), x.category)) {
        rc = cs_error(&ctx->err, CS_EINPUT, "--category", args_value(o, "category"),
                      "a monthly occurrence stays in its category");
        goto cleanup;
    }
    was_amount = x.amount;
    was_base = x.base_amount;
    snprintf(was_cur, sizeof was_cur, "%s", x.currency);
    snprintf(was_date, sizeof was_date, "%s", x.date);
    snprintf(was_base_cur, sizeof was_base_cur, "%s", x.base_currency);
    if ((rc = entry_places_resolve(ctx, &eo, &places)) ||
        (rc = entry_apply(ctx->db, ctx->today_s, &eo, args_value(o, "category"),
                          args_value(o, "amount"), &x, 1, &ctx->err)) ||
        (rc = expense_update(ctx->db, &x, &ctx->err)) ||
        (rc = claim_expense_changed(ctx->db, id,
                                    x.amount != was_amount || x.base_amount != was_base ||
                                        strcmp(x.currency, was_cur) || strcmp(x.date, was_date) ||
                                        strcmp(x.base_currency, was_base_cur),
                                    &left, &ctx->err)))
        goto cleanup;
    if (args_has(o, "no-receipt") && (rc = receipt_detach_all(ctx->db, id, &detached, &ctx->err)))
        goto cleanup;
    expense_release(&x);
    if ((rc = expense_load(ctx->db, id, &x, &ctx->err)))
        goto cleanup;
    line = entry_summary(&x);
    printf("%s\n", line);
    if (*why)
        ctx_summary(ctx, "edit --force (%s) %s", why, line);
    else
        ctx_summary(ctx, "edit %s", line);
    free(line);
    entry_places_hint(&places);
    if (detached)
        output_linef(stdout, STYLE_NONE, "detached %d receipt%s", detached,
                     detached == 1 ? "" : "s");
    if (left) /* personal now: not claimed */
        output_linef(stdout, STYLE_NONE, "taken out of %d claim%s", left, left == 1 ? "" : "s");
    if (eo.receipt && (rc = receipt_option_store(ctx, id, eo.receipt)))
        goto cleanup;
cleanup:
    entry_places_release(&places);
    expense_release(&x);
    return rc;
}

const struct cs_cmd cmd_edit = {"edit", "edit ID [--amount AMOUNT] [--category C] [add options]",
                                help, 0, exec};
