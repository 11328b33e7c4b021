/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_again.c - `confspend again [ID] [AMOUNT] [add options]`: the same expense again,
 * today (the morning coffee, the ride to the venue). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/output.h"
#include "confspend/recent.h"
#include "confspend/trip.h"

static const char help[] =
    "Add a copy of expense ID (default: the one entered last), dated today, with a new amount "
    "when\n"
    "given and any option of `confspend add` overriding the copied field. The copy has its\n"
    "own uid; the receipt, a monthly schedule and an import's key are not copied, nor what\n"
    "the card charged (--base-amount), nor the platform fee when the amount is another.\n"
    "A copy dated more than two days after its trip ended is not in the trip.\n"
    "One argument is the ID when it is a whole number or #N, and the AMOUNT when it has a\n"
    "decimal point; --amount AMOUNT gives a whole amount to the newest.\n\n"
    "options:\n"
    "  --amount AMOUNT    the new amount\n"
    "  and any option of `confspend add` (--date, --merchant, --from, --to, --trip, ...)\n\n"
    "examples:\n"
    "  confspend again              the newest expense again, today\n"
    "  confspend again 4.50         the newest again, for 4.50\n"
    "  confspend again 12 16.42 --tip 2\n";

/* 1 when S reads as an amount rather than an id: it has a decimal point. */
static int looks_like_amount(const char *s)
{
    return strchr(s, '.') != NULL;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {ENTRY_OPTIONS, {"amount", OPT_VALUE}, {NULL}};
    const char *pos[2], *id_s = NULL, *amount;
    int npos, rc;
    int64_t id = 0;
    struct expense x = EXPENSE_INIT;
    struct entry_places places = ENTRY_PLACES_INIT;
    struct trip ended = TRIP_INIT;
    char *line;
    int dropped_base = 0;
    int64_t was_amount = 0, fee = -1;

    if ((rc = cmd_parse(ctx, &cmd_again, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((rc = entry_receipt_once(ctx, o)))
        return rc;
    struct entry_opts eo = entry_opts_of(o);
    amount = args_value(o, "amount");
    if (npos == 2) {
        id_s = pos[0];
        if (amount)
            return cs_error(&ctx->err, CS_EINPUT, "--amount", amount,
                            "cannot go with an AMOUNT argument");
        amount = pos[1];
    } else if (npos == 1) {
        if (looks_like_amount(pos[0]) && !amount)
            amount = pos[0];
        else
            id_s = pos[0];
    }
    if (id_s && expense_parse_id(id_s, &id, &ctx->err))
        return CS_EINPUT;
    if (entry_precheck(&eo, NULL, amount, &ctx->err))
        return CS_EINPUT;
    {
        /* no database yet: nothing to copy, and none is made */
        struct stat sb;
        char *path = db_resolve_path(ctx->db_opt);
        int missing = stat(path, &sb) != 0 && errno == ENOENT;
        free(path);
        if (missing)
            return cs_error(&ctx->err, CS_EINPUT, "id", id_s, "no expense yet to add again");
    }
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if (!id_s && (rc = recent_expense(ctx->db, NULL, &id, &ctx->err)))
        return rc;
    if (!id)
        return cs_error(&ctx->err, CS_EINPUT, "id", NULL, "no expense yet to add again");
    if ((rc = expense_load(ctx->db, id, &x, &ctx->err)))
        goto cleanup;
    /* a new expense: today's, its own uid, not the original's receipt, schedule or key */
    x.id = 0;
    x.uid[0] = 0;
    snprintf(x.date, sizeof x.date, "%s", ctx->today_s);
    free(x.receipt);
    free(x.occurrence);
    free(x.import_key);
    x.receipt = x.occurrence = x.import_key = NULL;
    x.schedule_id = 0;
    /* what one charge's own papers say is not copied, as its receipt is not: what the card
     * charged in the base currency (another day's charge is another figure), and the
     * platform's fee unless the amount is the same */
    if (!eo.base_amount && *x.base_currency) {
        dropped_base = 1;
        x.base_currency[0] = 0;
        x.base_amount = 0;
    }
    was_amount = x.amount;
    if (!eo.platform_fee && x.platform_fee >= 0) {
        fee = x.platform_fee;
        x.platform_fee = -1;
    }
    if ((rc = entry_places_resolve(ctx, &eo, &places)) ||
        (rc = entry_apply(ctx->db, ctx->today_s, &eo, NULL, amount, &x, 1, &ctx->err)))
        goto cleanup;
    if (fee >= 0 && x.amount == was_amount)
        x.platform_fee = fee, fee = -1;
    /* the copy's trip, unless --trip: not one that ended more than two days before its
     * date (as for the active trip in add) */
    if (!eo.trip && x.trip_id) {
        if ((rc = trip_load_id(ctx->db, x.trip_id, &ended, &ctx->err)))
            goto cleanup;
        if (trip_active_takes(&ended, x.date)) {
            trip_release(&ended);
        } else {
            x.trip_id = 0;
            free(x.trip_slug);
            x.trip_slug = NULL;
        }
    }
    if ((rc = expense_insert(ctx->db, &x, &ctx->err)))
        goto cleanup;
    expense_release(&x);
    if ((rc = expense_load(ctx->db, sqlite3_last_insert_rowid(ctx->db), &x, &ctx->err)))
        goto cleanup;
    line = entry_summary(&x);
    printf("%s\n", line);
    ctx_summary(ctx, "again %lld: %s", (long long)id, line);
    free(line);
    if (ended.id)
        output_linef(output_notes(), STYLE_NONE,
                     "confspend: not added to trip %s: it ended %s (give --trip %s to add it)",
                     ended.slug, ended.end, ended.slug);
    if (dropped_base)
        output_linef(output_notes(), STYLE_NONE,
                     "confspend: expense %lld's base amount is not copied (give --base-amount)",
                     (long long)id);
    if (fee >= 0)
        output_linef(output_notes(), STYLE_NONE,
                     "confspend: expense %lld's platform fee is not copied: the amount is another "
                     "(give --platform-fee)",
                     (long long)id);
    entry_places_hint(&places);
cleanup:
    entry_places_release(&places);
    trip_release(&ended);
    expense_release(&x);
    return rc;
}

const struct cs_cmd cmd_again = {"again", "again [ID] [AMOUNT] [add options]", help, 0, exec};
