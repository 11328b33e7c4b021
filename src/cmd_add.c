/* cmd_add.c - `confspend add CATEGORY AMOUNT [options]`: log one expense as it happens. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/migrate.h"
#include "confspend/money.h"

static const char help[] =
    "Log one expense. CATEGORY is ride, meal, lodging, donation, ticket, travel or other;\n"
    "AMOUNT is a positive decimal with '.' and at most the currency's minor digits.\n"
    "Prints the new expense's id and a summary.\n\n"
    "options:\n"
    "  --date DATE          YYYY-MM-DD (default: today)\n"
    "  --currency CUR       ISO 4217 code (default: the trip's, else the base currency)\n"
    "  --merchant NAME      --note TEXT      --payment METHOD     --receipt PATH\n"
    "  --trip SLUG          --no-trip        (default: the active trip)\n"
    "  --reimbursable       --personal       (default: personal)\n"
    "  --refund             money coming back (stored negative)\n"
    "ride:\n"
    "  --provider P         lyft, uber, taxi, direct, transit or other, in any case\n"
    "                       (default other)\n"
    "  --from PLACE --to PLACE --driver NAME\n"
    "  --tip AMOUNT         part of AMOUNT that was tip\n"
    "  --platform-fee AMOUNT  what the platform kept\n"
    "  --shared             a pooled ride\n"
    "lodging:\n"
    "  --nights N           --compare-rate AMOUNT (a hotel's price per night)\n"
    "donation:\n"
    "  --recipient NAME     --monthly [--until YYYY-MM]  a recurring monthly donation,\n"
    "                       posted once per month on the day of --date\n\n"
    "examples:\n"
    "  confspend add ride 23.50 --provider uber --from \"Friends' place\" --to Venue --tip 3\n"
    "  confspend add lodging 0 --nights 8 --compare-rate 189\n"
    "  confspend add donation 20 --recipient PSF --monthly\n";

/* Insert the monthly schedule described by X (from its date) and post what is due. */
static int add_schedule(struct cs_ctx *ctx, struct expense *x, const char *until)
{
    sqlite3_stmt *st = NULL;
    int rc, n;
    int64_t sid;
    if (db_prepare(ctx->db,
                   "INSERT INTO schedule(category, amount, currency, start_date, until_month, "
                   "merchant, note, trip_id, reimbursable, payment, recipient, created_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, unixepoch())",
                   &st, &ctx->err))
        return CS_EFAIL;
    sqlite3_bind_text(st, 1, x->category, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, x->amount);
    sqlite3_bind_text(st, 3, x->currency, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, x->date, -1, SQLITE_STATIC);
    db_bind_text(st, 5, until);
    db_bind_text(st, 6, x->merchant);
    db_bind_text(st, 7, x->note);
    db_bind_opt(st, 8, x->trip_id > 0 ? x->trip_id : -1);
    sqlite3_bind_int(st, 9, x->reimbursable);
    db_bind_text(st, 10, x->payment);
    db_bind_text(st, 11, x->recipient);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(ctx->db, "cannot save the schedule", &ctx->err);
    sid = sqlite3_last_insert_rowid(ctx->db);
    if (schedule_post_due(ctx->db, ctx->today_s, &n, &ctx->err))
        return CS_EFAIL;
    if (db_prepare(ctx->db,
                   "SELECT " EXPENSE_COLUMNS EXPENSE_FROM "WHERE e.schedule_id = ?1 ORDER BY e.id",
                   &st, &ctx->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, sid);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct expense p;
        char *line;
        if (expense_from_row(st, &p, &ctx->err)) {
            sqlite3_finalize(st);
            return CS_EFAIL;
        }
        line = entry_summary(&p);
        printf("%s\n", line);
        free(line);
        expense_release(&p);
    }
    sqlite3_finalize(st);
    {
        char amt[32];
        money_format(x->amount, money_digits(x->currency), amt, sizeof amt);
        printf("monthly %s %s %s from %.7s%s%s (schedule %lld)\n", x->category, amt, x->currency,
               x->date, until ? " until " : "", until ? until : "", (long long)sid);
    }
    return 0;
}

/*
 * When the database does not exist yet, check the expense against an empty one in memory
 * (no trips, no settings: what the new file would hold), so that input which entry_apply
 * refuses (an amount with too many decimals for the default currency, an unknown --trip,
 * a tip larger than the amount) does not create the file.
 */
static int check_before_create(struct cs_ctx *ctx, struct cs_opt *o, const char *category,
                               const char *amount)
{
    struct expense x = EXPENSE_INIT;
    struct stat sb;
    char *path = db_resolve_path(ctx->db_opt);
    int missing = stat(path, &sb) != 0 && errno == ENOENT, rc = 0;
    free(path);
    if (!missing)
        return 0;
    if (sqlite3_open(":memory:", &ctx->db) != SQLITE_OK)
        rc = db_fail(ctx->db, "cannot open a scratch database", &ctx->err);
    else if (!(rc = migrate_apply(ctx->db, migrate_latest(), &ctx->err)))
        rc = entry_apply(ctx, o, category, amount, &x, 0, &ctx->err);
    expense_release(&x);
    sqlite3_close(ctx->db);
    ctx->db = NULL;
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {ENTRY_OPTIONS, {"monthly", OPT_FLAG}, {"until", OPT_VALUE}, {NULL}};
    const char *pos[2];
    int npos, rc;
    struct expense x = EXPENSE_INIT;

    if ((rc = cmd_parse(ctx, &cmd_add, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "category", NULL,
                        "missing (usage: confspend add CATEGORY AMOUNT [options])");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "amount", NULL,
                        "missing (usage: confspend add CATEGORY AMOUNT [options])");
    if (entry_precheck(o, pos[0], pos[1], &ctx->err))
        return CS_EINPUT;
    if (args_has(o, "until") && !args_has(o, "monthly"))
        return cs_error(&ctx->err, CS_EINPUT, "--until", args_value(o, "until"),
                        "only with --monthly");
    if (args_has(o, "monthly")) {
        struct cs_date m, d = ctx->today;
        char dm[8];
        if (strcmp(pos[0], "donation"))
            return cs_error(&ctx->err, CS_EINPUT, "--monthly", pos[0],
                            "only for donation expenses");
        if (args_has(o, "refund"))
            return cs_error(&ctx->err, CS_EINPUT, "--refund", NULL, "cannot go with --monthly");
        if (args_value(o, "date"))
            date_parse(args_value(o, "date"), &d, "--date", NULL);
        month_format(d, dm);
        if (args_value(o, "until")) {
            if (month_parse(args_value(o, "until"), &m, "--until", &ctx->err))
                return CS_EINPUT;
            if (strcmp(args_value(o, "until"), dm) < 0)
                return cs_error(&ctx->err, CS_EINPUT, "--until", args_value(o, "until"),
                                "before the first month %s", dm);
        }
    }
    if ((rc = check_before_create(ctx, o, pos[0], pos[1])) || (rc = ctx_open_db(ctx)))
        return rc;
    if ((rc = db_begin(ctx->db, &ctx->err)))
        return rc;
    if ((rc = entry_apply(ctx, o, pos[0], pos[1], &x, 0, &ctx->err)))
        goto cleanup;
    if (args_has(o, "monthly")) {
        rc = add_schedule(ctx, &x, args_value(o, "until"));
    } else {
        char *line;
        if ((rc = expense_insert(ctx->db, &x, &ctx->err)))
            goto cleanup;
        expense_release(&x);
        if ((rc = expense_load(ctx->db, sqlite3_last_insert_rowid(ctx->db), &x, &ctx->err)))
            goto cleanup;
        line = entry_summary(&x);
        printf("%s\n", line);
        free(line);
    }
    if (!rc)
        rc = db_commit(ctx->db, &ctx->err);
cleanup:
    if (rc)
        db_rollback(ctx->db);
    expense_release(&x);
    return rc;
}

const struct cs_cmd cmd_add = {
    "add", "add CATEGORY AMOUNT [options]", help, 0, exec,
};
