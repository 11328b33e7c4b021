/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_add.c - `confspend add CATEGORY AMOUNT [options]`: log one expense as it happens. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/interactive.h"
#include "confspend/migrate.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/recent.h"
#include "confspend/receipt.h"
#include "confspend/schedule.h"
#include "confspend/trip.h"

static const char help[] =
    "Log one expense. CATEGORY is ride, meal, lodging, donation, ticket, travel or other;\n"
    "AMOUNT is a positive decimal with '.' and at most the currency's minor digits.\n"
    "Prints the new expense's id and a summary.\n\n"
    "options:\n"
    "  --date DATE          YYYY-MM-DD, today, yesterday, -N (N days ago) or a weekday\n"
    "                       (the latest on or before today; default: today)\n"
    "  --currency CUR       ISO 4217 code (default: the trip's, else the base currency)\n"
    "  --merchant NAME      --note TEXT      --payment METHOD\n"
    "  --receipt FILE       store FILE (a JPEG, PNG or PDF) as the expense's receipt\n"
    "                       (confspend receipt)\n"
    "  --trip SLUG          --no-trip        (default: the active trip, unless the date\n"
    "                       is more than 2 days after its end)\n"
    "  --reimbursable       --personal       (default: personal)\n"
    "  --refund             money coming back (stored negative)\n"
    "  --base-amount AMOUNT what the card actually charged in the base currency, for an\n"
    "                       expense in another currency: reports and exports use it\n"
    "                       instead of a rate (refused for one in the base currency)\n"
    "ride:\n"
    "  --provider P         lyft, uber, taxi, direct, transit or other, in any case\n"
    "                       (default other)\n"
    "  --from PLACE --to PLACE   an alias (confspend place), a place already used, or\n"
    "                       the unique start of one\n"
    "  --back               the route of the ride entered last, reversed, with its\n"
    "                       provider and trip (unless given)\n"
    "  --driver NAME\n"
    "  --tip AMOUNT         part of AMOUNT that was tip\n"
    "  --platform-fee AMOUNT  what the platform kept\n"
    "  --shared             a pooled ride\n"
    "  --rating N           how much you liked the driver, 1..5 (report drivers)\n"
    "lodging:\n"
    "  --nights N           --compare-rate AMOUNT (a hotel's price per night)\n"
    "donation:\n"
    "  --recipient NAME\n"
    "monthly (any category):\n"
    "  --monthly [--until YYYY-MM]  a recurring expense (a donation, a subscription),\n"
    "                       stored once as a schedule (confspend schedule) and posted once\n"
    "                       a month on the day of --date, through --until. It never takes\n"
    "                       the active trip; with --trip SLUG an occurrence gets the trip\n"
    "                       when its date lies within the trip's dates. Ride and lodging\n"
    "                       options, --receipt and --refund do not go with it.\n"
    "With no arguments on a terminal, add asks for each field in turn, offering the most\n"
    "recent expense of the category as defaults, then for the next expense, as hledger add\n"
    "does: Enter takes the [default], '-' leaves it empty, '.' takes the defaults of all the\n"
    "rest, '<' goes back one question, Tab completes categories, places and merchants, and\n"
    "Ctrl-D (or '.') at the category ends; Ctrl-D half way adds nothing of that expense.\n"
    "A category may be a unique prefix (r: ride). A ride's route is guessed from where\n"
    "rides went: from where the last ride ended when a ride has started there before,\n"
    "then to where the newest ride from the place answered went (back where the last\n"
    "ride started, when none has); its provider and tip are those of the newest ride on\n"
    "that route. Each expense is a change of its own (undo takes back the last); one that\n"
    "cannot be added (an amount with more decimals than its currency has) is said and\n"
    "asked again, what was typed the defaults.\n\n"
    "examples:\n"
    "  confspend add ride 23.50 --provider uber --from \"Friends' place\" --to Venue --tip 3\n"
    "  confspend add ride 17.10 --back\n"
    "  confspend add lodging 0 --nights 8 --compare-rate 189\n"
    "  confspend add donation 20 --recipient PSF --monthly\n";

static int print_occurrence(const struct expense *x, void *arg)
{
    char *line = entry_summary(x);
    (void)arg;
    printf("%s\n", line);
    free(line);
    return 0;
}

/* Save the monthly schedule described by X (from its date), post what is due, and print
 * the occurrences posted and the schedule. */
static int add_schedule(struct cs_ctx *ctx, struct expense *x, const char *until)
{
    struct schedule s = SCHEDULE_INIT;
    char *line = NULL;
    int rc, n;
    schedule_from_expense(x, until, &s);
    if ((rc = schedule_insert(ctx->db, &s, &ctx->err)) ||
        (rc = schedule_post_due(ctx->db, ctx->today_s, &n, &ctx->err)) ||
        (rc = schedule_each_occurrence(ctx->db, s.id, print_occurrence, NULL, &ctx->err)))
        goto cleanup;
    line = schedule_summary(&s);
    printf("%s (schedule %lld)\n", line, (long long)s.id);
    ctx_summary(ctx, "add schedule %lld: %s", (long long)s.id, line);
cleanup:
    free(line);
    schedule_release(&s);
    return rc;
}

/*
 * When the database does not exist yet, check the expense against an empty one in memory
 * (no trips, no settings: what the new file would hold), so that input which entry_apply
 * refuses (an amount with too many decimals for the default currency, an unknown --trip,
 * a tip larger than the amount) does not create the file.
 */
static int check_before_create(struct cs_ctx *ctx, const struct entry_opts *eo,
                               const char *category, const char *amount)
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
        rc = entry_apply(ctx->db, ctx->today_s, eo, category, amount, &x, 0, &ctx->err);
    expense_release(&x);
    sqlite3_close(ctx->db);
    ctx->db = NULL;
    return rc;
}

/*
 * The active trip into *ENDED when an expense dated DATE would have taken it but the trip
 * ended more than two days before DATE; *ENDED stays TRIP_INIT otherwise (no active trip,
 * or one that takes the date).
 */
static int active_trip_ended(struct cs_ctx *ctx, const char *date, struct trip *ended)
{
    int64_t id;
    int rc;
    if ((rc = trip_active(ctx->db, &id, &ctx->err)) || !id ||
        (rc = trip_load_id(ctx->db, id, ended, &ctx->err)))
        return rc;
    if (trip_active_takes(ended, date))
        trip_release(ended);
    return 0;
}

/*
 * --back: the newest ride into R, and EO's --from and --to its places the other way, its
 * provider and trip unless EO gives them (R must outlive EO's use); not a trip that ended
 * more than two days before DATE, as for the active trip: ENDED gets that one.
 */
static int take_back(struct cs_ctx *ctx, struct entry_opts *eo, struct expense *r, const char *date,
                     struct trip *ended)
{
    int64_t id;
    int rc;
    if ((rc = recent_expense(ctx->db, "ride", &id, &ctx->err)))
        return rc;
    if (!id)
        return cs_error(&ctx->err, CS_EINPUT, "--back", NULL, "no ride yet to take back");
    if ((rc = expense_load(ctx->db, id, r, &ctx->err)))
        return rc;
    eo->from = r->to;
    eo->to = r->from;
    if (!eo->provider)
        eo->provider = r->provider;
    if (!eo->trip && !eo->no_trip) {
        if (r->trip_slug && (rc = trip_load_id(ctx->db, r->trip_id, ended, &ctx->err)))
            return rc;
        if (r->trip_slug && trip_active_takes(ended, date)) {
            eo->trip = r->trip_slug;
            trip_release(ended);
        } else {
            eo->no_trip = 1; /* no trip, or one that ended before DATE (ENDED says so) */
        }
    }
    return 0;
}

static int add_one(struct cs_ctx *ctx, struct cs_opt *o, const char **pos, struct entry_opts *eop);

/*
 * Ask for expenses on the terminal (interactive.h) until the session is ended, adding
 * each as if it was typed, as a change of its own (undo takes back the last one). An
 * expense that cannot be added (its amount's decimals, say) is said on the terminal and
 * asked again, the answers as defaults. 0 when the session is ended at a category with at
 * least one expense added and none left unadded; else CS_EINPUT: ended half way (that
 * expense is not added), nothing added, or how many were not.
 */
static int add_interactive(struct cs_ctx *ctx, struct interactive_add *ia)
{
    struct cs_opt o[] = {
        ENTRY_OPTIONS, {"monthly", OPT_FLAG}, {"until", OPT_VALUE}, {"back", OPT_FLAG}, {NULL}};
    const char *pos[2];
    int rc, refused = 0, asked_again = 0;
    char *path = db_resolve_path(ctx->db_opt);
    struct stat sb;
    /* defaults from the database when there is one; none is made until the answers are in */
    if (stat(path, &sb) == 0 && (rc = ctx_open_db(ctx))) {
        free(path);
        return rc;
    }
    free(path);
    for (;;) {
        rc = interactive_add_ask(ctx->db, ctx->today_s, ia, &ctx->err);
        if (rc || ia->quit) { /* ended half way (said by main), or at a category */
            refused += !rc && asked_again;
            break;
        }
        pos[0] = ia->category;
        pos[1] = ia->amount;
        rc = ctx_finish(ctx, add_one(ctx, o, pos, &ia->eo));
        if (rc && rc != CS_EINPUT) {
            interactive_add_release(ia);
            return rc;
        }
        if (rc) {
            /* said now, and asked again with the answers as defaults */
            fprintf(stderr, "confspend: %s; not added, asked again\n", ctx->err.msg);
            ctx->err = (struct cs_err)CS_ERR_INIT;
            ia->retry = asked_again = 1;
            continue;
        }
        interactive_add_release(ia);
        ia->added++;
        asked_again = 0;
    }
    interactive_add_release(ia);
    if (rc)
        return rc;
    if (refused)
        return cs_error(&ctx->err, CS_EINPUT, "add", NULL,
                        "%d expense%s added, %d not (said above)", ia->added,
                        ia->added == 1 ? "" : "s", refused);
    if (!ia->added)
        return cs_error(&ctx->err, CS_EINPUT, "add", NULL,
                        "ended at the category; nothing was added");
    return 0;
}

/* Add the expense of category POS[0] and amount POS[1] with the options EO (and O: the
 * add-only options --monthly, --until, --back). */
static int add_one(struct cs_ctx *ctx, struct cs_opt *o, const char **pos, struct entry_opts *eop)
{
    struct entry_opts eo = *eop;
    int rc;
    struct expense x = EXPENSE_INIT, back = EXPENSE_INIT;
    struct trip ended = TRIP_INIT;
    struct entry_places places = ENTRY_PLACES_INIT;
    if (entry_precheck(&eo, pos[0], pos[1], &ctx->err))
        return CS_EINPUT;
    if (args_has(o, "back")) {
        if (strcmp(pos[0], "ride"))
            return cs_error(&ctx->err, CS_EINPUT, "--back", pos[0], "only for ride expenses");
        if (eo.from || eo.to)
            return cs_error(&ctx->err, CS_EINPUT, "--back", NULL, "cannot go with --%s",
                            eo.from ? "from" : "to");
        if (args_has(o, "monthly"))
            return cs_error(&ctx->err, CS_EINPUT, "--back", NULL, "cannot go with --monthly");
    }
    if (args_has(o, "until") && !args_has(o, "monthly"))
        return cs_error(&ctx->err, CS_EINPUT, "--until", args_value(o, "until"),
                        "only with --monthly");
    if (args_has(o, "monthly")) {
        struct cs_date m, d = ctx->today;
        char dm[8];
        /* what a schedule does not keep */
        static const char *const not_kept[] = {
            "refund",       "receipt", "provider", "from",         "to",          "driver", "tip",
            "platform-fee", "shared",  "nights",   "compare-rate", "base-amount", "rating", NULL};
        for (const char *const *n = not_kept; *n; n++) {
            char field[32];
            snprintf(field, sizeof field, "--%s", *n);
            if (args_has(o, *n))
                return cs_error(&ctx->err, CS_EINPUT, field, args_value(o, *n),
                                "cannot go with --monthly");
        }
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
    /* a schedule never takes the active trip: only an explicit --trip */
    if (args_has(o, "monthly") && !args_has(o, "trip"))
        eo.no_trip = 1;
    /* --receipt FILE is checked before anything is opened (receipt.c) */
    if (eo.receipt && (rc = receipt_check_file(eo.receipt, NULL, NULL, NULL, &ctx->err)))
        return rc;
    if ((rc = check_before_create(ctx, &eo, pos[0], pos[1])) || (rc = ctx_open_write(ctx)))
        return rc;
    if ((rc = entry_places_resolve(ctx, &eo, &places)) ||
        (args_has(o, "back") &&
         (rc = take_back(ctx, &eo, &back,
                         args_value(o, "date") ? args_value(o, "date") : ctx->today_s, &ended))))
        goto cleanup;
    if (!eo.trip && !eo.no_trip && !ended.id &&
        (rc = active_trip_ended(ctx, args_value(o, "date") ? args_value(o, "date") : ctx->today_s,
                                &ended)))
        goto cleanup;
    if (ended.id) /* as if --no-trip was given: no trip, and not its currency */
        eo.no_trip = 1;
    if ((rc = entry_apply(ctx->db, ctx->today_s, &eo, pos[0], pos[1], &x, 0, &ctx->err)))
        goto cleanup;
    if (args_has(o, "monthly")) {
        rc = add_schedule(ctx, &x, args_value(o, "until"));
    } else {
        char *line;
        /* the summary is of the fields just stored (entry_apply() gave the trip's slug):
         * reading the row back costs more than the insert's own statement */
        if ((rc = expense_insert(ctx->db, &x, &ctx->err)))
            goto cleanup;
        x.id = sqlite3_last_insert_rowid(ctx->db);
        line = entry_summary(&x);
        printf("%s\n", line);
        ctx_summary(ctx, "add %s", line);
        free(line);
        if (eo.receipt && (rc = receipt_option_store(ctx, x.id, eo.receipt)))
            goto cleanup;
        if (ended.id)
            output_linef(output_notes(), STYLE_NONE,
                         "confspend: not added to trip %s: it ended %s (give --trip %s to add it)",
                         ended.slug, ended.end, ended.slug);
        entry_places_hint(&places);
    }
cleanup:
    entry_places_release(&places);
    expense_release(&back);
    trip_release(&ended);
    expense_release(&x);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {
        ENTRY_OPTIONS, {"monthly", OPT_FLAG}, {"until", OPT_VALUE}, {"back", OPT_FLAG}, {NULL}};
    const char *pos[2];
    int npos, rc;
    struct interactive_add ia = {0};

    if ((rc = cmd_parse(ctx, &cmd_add, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if ((rc = entry_receipt_once(ctx, o)))
        return rc;
    if (npos == 0 && argc == (args_has(o, "db") ? 1 + !strchr(argv[0], '=') : 0) &&
        interactive_possible())
        return add_interactive(ctx, &ia);
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "category", NULL,
                        "missing (usage: confspend add CATEGORY AMOUNT [options])");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "amount", NULL,
                        "missing (usage: confspend add CATEGORY AMOUNT [options])");
    struct entry_opts eo = entry_opts_of(o);
    return add_one(ctx, o, pos, &eo);
}

const struct cs_cmd cmd_add = {
    "add", "add CATEGORY AMOUNT [options]", help, 0, exec,
};
