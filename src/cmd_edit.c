/* cmd_edit.c - `confspend edit ID [options]`: change fields of one expense. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"

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
    "                    clear that field (--no-trip: no trip)\n"
    "A base amount (--base-amount) keeps the base currency it was given in; an edit into\n"
    "that currency is refused unless --no-base-amount drops it.\n";

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {
        ENTRY_OPTIONS, ENTRY_NEGATIONS, {"amount", OPT_VALUE}, {"category", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    int64_t id;
    struct expense x = EXPENSE_INIT;
    struct entry_places places = ENTRY_PLACES_INIT;
    char *line;

    if ((rc = cmd_parse(ctx, &cmd_edit, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    struct entry_opts eo = entry_opts_of(o);
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "id", NULL,
                        "missing (usage: confspend edit ID [options])");
    if (expense_parse_id(pos[0], &id, &ctx->err) ||
        entry_precheck(&eo, args_value(o, "category"), args_value(o, "amount"), &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if ((rc = expense_load(ctx->db, id, &x, &ctx->err)))
        goto cleanup;
    if (x.schedule_id > 0 && args_has(o, "category") &&
        strcmp(args_value(o, "category"), x.category)) {
        rc = cs_error(&ctx->err, CS_EINPUT, "--category", args_value(o, "category"),
                      "a monthly occurrence stays in its category");
        goto cleanup;
    }
    if ((rc = entry_places_resolve(ctx, &eo, &places)) ||
        (rc = entry_apply(ctx->db, ctx->today_s, &eo, args_value(o, "category"),
                          args_value(o, "amount"), &x, 1, &ctx->err)) ||
        (rc = expense_update(ctx->db, &x, &ctx->err)))
        goto cleanup;
    expense_release(&x);
    if ((rc = expense_load(ctx->db, id, &x, &ctx->err)))
        goto cleanup;
    line = entry_summary(&x);
    printf("%s\n", line);
    ctx_summary(ctx, "edit %s", line);
    free(line);
    entry_places_hint(&places);
cleanup:
    entry_places_release(&places);
    expense_release(&x);
    return rc;
}

const struct cs_cmd cmd_edit = {"edit", "edit ID [--amount AMOUNT] [--category C] [add options]",
                                help, 0, exec};
