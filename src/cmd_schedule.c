/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_schedule.c - `confspend schedule list|edit|stop|rm`: the monthly schedules that
 * `add --monthly` makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/expense.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/schedule.h"
#include "confspend/trip.h"

static const char help[] =
    "Monthly schedules: a recurring expense (`add CATEGORY AMOUNT --monthly`) stored once;\n"
    "every command posts its occurrences that are due as ordinary expenses, each once.\n\n"
    "  schedule list [--format F]\n"
    "      csv columns: id,category,amount,currency,day,from,until,trip,merchant,\n"
    "      recipient,note,next,posted (day: the day of the month of its occurrences;\n"
    "      from/until: YYYY-MM, until empty when open-ended; next: the date of the next\n"
    "      occurrence not posted yet, empty when there is none; posted: how many\n"
    "      occurrences exist as expenses)\n"
    "  schedule edit ID [--amount A] [--until YYYY-MM | --no-until] [--merchant M]\n"
    "                   [--note T] [--recipient R] [--trip SLUG | --no-trip]\n"
    "      change the occurrences posted from now on; posted ones are ordinary expenses\n"
    "      (change them with `edit`). An empty value clears a text. With --trip an\n"
    "      occurrence gets the trip only when its date lies within the trip's dates.\n"
    "      Occurrences already due that an earlier until left out are not posted.\n"
    "  schedule stop ID\n"
    "      nothing after today is posted any more: until becomes the month of the last\n"
    "      posted occurrence (a schedule with none posted is removed)\n"
    "  schedule rm ID\n"
    "      remove the schedule; its posted occurrences stay as ordinary expenses\n\n"
    "Each of edit, stop and rm is one change: `confspend undo` takes it back.\n";

static const char *const columns[] = {"id",   "category", "amount", "currency", "day",
                                      "from", "until",    "trip",   "merchant", "recipient",
                                      "note", "next",     "posted"};
#define NCOLS 13

static int list_row(const struct schedule *s, void *arg)
{
    struct output *out = arg;
    char id[24], amt[32], day[4], from[8], next[11], posted[24];
    snprintf(id, sizeof id, "%lld", (long long)s->id);
    money_format(s->amount, money_digits(s->currency), amt, sizeof amt);
    snprintf(day, sizeof day, "%d", atoi(s->start + 8));
    memcpy(from, s->start, 7);
    from[7] = 0;
    schedule_next(s, next);
    snprintf(posted, sizeof posted, "%lld", (long long)s->nposted);
    const char *cells[NCOLS] = {id,
                                s->category,
                                amt,
                                s->currency,
                                day,
                                from,
                                s->until,
                                s->trip_slug ? s->trip_slug : "",
                                s->merchant ? s->merchant : "",
                                s->recipient ? s->recipient : "",
                                s->note ? s->note : "",
                                next,
                                posted};
    output_row(out, cells);
    return 0;
}

static int do_list(struct cs_ctx *ctx, struct cs_opt *o)
{
    static const int align[NCOLS] = {ALIGN_RIGHT, 0, ALIGN_RIGHT, 0, ALIGN_RIGHT, 0,          0,
                                     0,           0, 0,           0, 0,           ALIGN_RIGHT};
    enum out_format fmt;
    struct output out;
    int rc;
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)))
        return rc;
    output_begin(&out, fmt, stdout, NCOLS, columns, align);
    rc = schedule_each(ctx->db, list_row, &out, &ctx->err);
    output_end(&out);
    return rc;
}

/* Set *DST to a copy of S, or NULL when S is empty. */
static void set_text(char **dst, const char *s)
{
    free(*dst);
    *dst = *s ? xstrdup(s) : NULL;
}

/* What `schedule edit` can check without the database. */
static int edit_precheck(struct cs_opt *o, struct cs_err *e)
{
    static const char *const texts[] = {"merchant", "note", "recipient", NULL};
    struct cs_date m;
    const char *s;
    int64_t v;
    if (args_has(o, "until") && args_has(o, "no-until"))
        return cs_error(e, CS_EINPUT, "--until", args_value(o, "until"),
                        "cannot go with --no-until");
    if (args_has(o, "trip") && args_has(o, "no-trip"))
        return cs_error(e, CS_EINPUT, "--trip", args_value(o, "trip"), "cannot go with --no-trip");
    if ((s = args_value(o, "until")) && month_parse(s, &m, "--until", e))
        return CS_EINPUT;
    /* the syntax with the most minor digits a currency has; the schedule's own follow */
    if ((s = args_value(o, "amount")) && money_parse(s, 3, &v, "--amount", e))
        return CS_EINPUT;
    for (const char *const *t = texts; *t; t++) {
        char field[32];
        snprintf(field, sizeof field, "--%s", *t);
        if ((s = args_value(o, *t)) && text_check(s, field, e))
            return CS_EINPUT;
        if (s && strlen(s) > 4096)
            return cs_error(e, CS_EINPUT, field, s, "longer than 4096 bytes");
    }
    return 0;
}

static int do_edit(struct cs_ctx *ctx, struct cs_opt *o, int64_t id)
{
    struct schedule s = SCHEDULE_INIT;
    struct trip t = TRIP_INIT;
    const char *v;
    char *line = NULL;
    int rc;
    if (edit_precheck(o, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)) || (rc = schedule_load(ctx->db, id, &s, &ctx->err)))
        goto cleanup;
    if ((v = args_value(o, "amount"))) {
        if ((rc = money_parse(v, money_digits(s.currency), &s.amount, "--amount", &ctx->err)))
            goto cleanup;
        if (s.amount == 0) {
            rc = cs_error(&ctx->err, CS_EINPUT, "--amount", v, "must be greater than zero");
            goto cleanup;
        }
    }
    if ((v = args_value(o, "until")) || args_has(o, "no-until")) {
        if ((rc = schedule_set_until(&s, v ? v : "", ctx->today_s, "--until", &ctx->err)))
            goto cleanup;
    }
    if ((v = args_value(o, "recipient")) && strcmp(s.category, "donation")) {
        rc =
            cs_error(&ctx->err, CS_EINPUT, "--recipient", s.category, "only for donation expenses");
        goto cleanup;
    }
    if (v)
        set_text(&s.recipient, v);
    if ((v = args_value(o, "merchant")))
        set_text(&s.merchant, v);
    if ((v = args_value(o, "note")))
        set_text(&s.note, v);
    if ((v = args_value(o, "trip"))) {
        if ((rc = trip_load(ctx->db, v, &t, &ctx->err)))
            goto cleanup;
        s.trip_id = t.id;
    } else if (args_has(o, "no-trip")) {
        s.trip_id = 0;
    }
    if ((rc = schedule_update(ctx->db, &s, &ctx->err)))
        goto cleanup;
    line = schedule_summary(&s);
    printf("%s (schedule %lld)\n", line, (long long)s.id);
    ctx_summary(ctx, "schedule edit %lld: %s", (long long)s.id, line);
cleanup:
    free(line);
    trip_release(&t);
    schedule_release(&s);
    return rc;
}

static int do_stop(struct cs_ctx *ctx, int64_t id)
{
    struct schedule s = SCHEDULE_INIT;
    char *line = NULL;
    int rc, removed;
    if ((rc = ctx_open_write(ctx)) || (rc = schedule_load(ctx->db, id, &s, &ctx->err)) ||
        (rc = schedule_stop(ctx->db, &s, &removed, &ctx->err)))
        goto cleanup;
    line = schedule_summary(&s);
    if (removed) {
        printf("removed %s (schedule %lld): nothing was posted\n", line, (long long)s.id);
        ctx_summary(ctx, "schedule stop %lld: removed, nothing was posted: %s", (long long)s.id,
                    line);
    } else {
        printf("stopped %s (schedule %lld)\n", line, (long long)s.id);
        ctx_summary(ctx, "schedule stop %lld: %s", (long long)s.id, line);
    }
cleanup:
    free(line);
    schedule_release(&s);
    return rc;
}

static int do_rm(struct cs_ctx *ctx, int64_t id)
{
    struct schedule s = SCHEDULE_INIT;
    char *line = NULL;
    int64_t kept = 0;
    int rc;
    if ((rc = ctx_open_write(ctx)) || (rc = schedule_load(ctx->db, id, &s, &ctx->err)) ||
        (rc = schedule_delete(ctx->db, id, &kept, &ctx->err)))
        goto cleanup;
    line = schedule_summary(&s);
    printf("removed %s (schedule %lld)", line, (long long)s.id);
    if (kept)
        printf("; %lld posted occurrence%s stay%s as expense%s", (long long)kept,
               kept == 1 ? "" : "s", kept == 1 ? "s" : "", kept == 1 ? "" : "s");
    printf("\n");
    ctx_summary(ctx, "schedule rm %lld: %s", (long long)s.id, line);
cleanup:
    free(line);
    schedule_release(&s);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"amount", OPT_VALUE},
                         {"until", OPT_VALUE},
                         {"no-until", OPT_FLAG},
                         {"merchant", OPT_VALUE},
                         {"note", OPT_VALUE},
                         {"recipient", OPT_VALUE},
                         {"trip", OPT_VALUE},
                         {"no-trip", OPT_FLAG},
                         {"format", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {NULL}};
    static const char *const edit_opts[] = {"amount",    "until", "no-until", "merchant", "note",
                                            "recipient", "trip",  "no-trip",  NULL};
    const char *pos[2];
    int npos, rc;
    int64_t id;
    const char *sub;

    if ((rc = cmd_parse(ctx, &cmd_schedule, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos == 0)
        return cs_error(&ctx->err, CS_EINPUT, "schedule", NULL,
                        "missing subcommand (list, edit, stop, rm)");
    sub = pos[0];
    if (strcmp(sub, "list") && strcmp(sub, "edit") && strcmp(sub, "stop") && strcmp(sub, "rm"))
        return cs_error(&ctx->err, CS_EINPUT, "schedule", sub,
                        "unknown subcommand (list, edit, stop, rm)");
    for (const char *const *n = edit_opts; strcmp(sub, "edit") && *n; n++) {
        char field[32];
        snprintf(field, sizeof field, "--%s", *n);
        if (args_has(o, *n))
            return cs_error(&ctx->err, CS_EINPUT, field, args_value(o, *n),
                            "only for schedule edit");
    }
    if (!strcmp(sub, "list")) {
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        return do_list(ctx, o);
    }
    if (args_has(o, "format"))
        return cs_error(&ctx->err, CS_EINPUT, "--format", args_value(o, "format"),
                        "only for schedule list");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "id", NULL, "missing (schedule %s ID)", sub);
    if (schedule_parse_id(pos[1], &id, &ctx->err))
        return CS_EINPUT;
    if (!strcmp(sub, "edit"))
        return do_edit(ctx, o, id);
    if (!strcmp(sub, "stop"))
        return do_stop(ctx, id);
    return do_rm(ctx, id);
}

const struct cs_cmd cmd_schedule = {"schedule", "schedule list|edit|stop|rm ...", help, 0, exec};
