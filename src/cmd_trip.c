/* cmd_trip.c - `confspend trip add|list|show|edit|rm|use`: the trips expenses belong to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/trip.h"

static const char help[] =
    "Manage trips.\n\n"
    "  trip add SLUG --name NAME --start DATE --end DATE [--city CITY] [--currency CUR]\n"
    "  trip list [--format F]\n"
    "  trip show SLUG [--format F]\n"
    "  trip edit SLUG [--name NAME] [--start DATE] [--end DATE] [--city CITY]\n"
    "                 [--currency CUR] [--slug NEW]\n"
    "  trip rm SLUG        (refused while expenses use it)\n"
    "  trip use SLUG       new expenses get this trip unless --trip/--no-trip says otherwise\n"
    "  trip use --none     no active trip\n\n"
    "SLUG is 1 to 64 of a-z, 0-9, '-', '_', '.'. --currency defaults to the base currency.\n";

/* Check the values of --name --start --end --city --currency --slug without the db. */
static int precheck(struct cs_opt *o, struct cs_err *e)
{
    struct cs_date a, b;
    const char *s;
    if ((s = args_value(o, "name")) && (text_check(s, "--name", e)))
        return CS_EINPUT;
    if ((s = args_value(o, "name")) && !*s)
        return cs_error(e, CS_EINPUT, "--name", s, "must not be empty");
    if ((s = args_value(o, "city")) && text_check(s, "--city", e))
        return CS_EINPUT;
    if ((s = args_value(o, "name")) && text_length_check(s, "--name", e))
        return CS_EINPUT;
    if ((s = args_value(o, "city")) && text_length_check(s, "--city", e))
        return CS_EINPUT;
    if ((s = args_value(o, "start")) && date_parse(s, &a, "--start", e))
        return CS_EINPUT;
    if ((s = args_value(o, "end")) && date_parse(s, &b, "--end", e))
        return CS_EINPUT;
    if (args_value(o, "start") && args_value(o, "end") &&
        strcmp(args_value(o, "end"), args_value(o, "start")) < 0)
        return cs_error(e, CS_EINPUT, "--end", args_value(o, "end"), "before --start %s",
                        args_value(o, "start"));
    if ((s = args_value(o, "currency")) && !money_currency_known(s))
        return cs_error(e, CS_EINPUT, "--currency", s, "unknown ISO 4217 currency code");
    if ((s = args_value(o, "slug")) && !trip_slug_valid(s))
        return cs_error(e, CS_EINPUT, "--slug", s, "use 1-64 of a-z 0-9 - _ .");
    return 0;
}

static void print_trip(const struct trip *t)
{
    printf("%s  %s  %s to %s%s%s  %s\n", t->slug, t->name, t->start, t->end, t->city ? "  " : "",
           t->city ? t->city : "", t->currency);
}

static int trip_add(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    struct trip t = TRIP_INIT;
    int rc;
    if (!trip_slug_valid(slug))
        return cs_error(&ctx->err, CS_EINPUT, "slug", slug, "use 1-64 of a-z 0-9 - _ .");
    if (!args_value(o, "name"))
        return cs_error(&ctx->err, CS_EINPUT, "--name", NULL, "required");
    if (!args_value(o, "start"))
        return cs_error(&ctx->err, CS_EINPUT, "--start", NULL, "required");
    if (!args_value(o, "end"))
        return cs_error(&ctx->err, CS_EINPUT, "--end", NULL, "required");
    if (args_value(o, "slug"))
        return cs_error(&ctx->err, CS_EINPUT, "--slug", args_value(o, "slug"),
                        "only for trip edit");
    if ((rc = ctx_open_db(ctx)) || (rc = db_begin(ctx->db, &ctx->err)))
        return rc;
    t.slug = xstrdup(slug);
    t.name = xstrdup(args_value(o, "name"));
    t.city =
        args_value(o, "city") && *args_value(o, "city") ? xstrdup(args_value(o, "city")) : NULL;
    snprintf(t.start, sizeof t.start, "%s", args_value(o, "start"));
    snprintf(t.end, sizeof t.end, "%s", args_value(o, "end"));
    if (args_value(o, "currency"))
        snprintf(t.currency, sizeof t.currency, "%s", args_value(o, "currency"));
    else if ((rc = config_base_currency(ctx->db, t.currency, &ctx->err)))
        goto out;
    if ((rc = trip_insert(ctx->db, &t, &ctx->err)) || (rc = db_commit(ctx->db, &ctx->err)))
        goto out;
    print_trip(&t);
out:
    if (rc)
        db_rollback(ctx->db);
    trip_release(&t);
    return rc;
}

static int trip_edit(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    struct trip t = TRIP_INIT;
    int rc;
    if ((rc = ctx_open_db(ctx)) || (rc = db_begin(ctx->db, &ctx->err)))
        return rc;
    if ((rc = trip_load(ctx->db, slug, &t, &ctx->err)))
        goto out;
    if (args_value(o, "name")) {
        free(t.name);
        t.name = xstrdup(args_value(o, "name"));
    }
    if (args_value(o, "city")) {
        free(t.city);
        t.city = *args_value(o, "city") ? xstrdup(args_value(o, "city")) : NULL;
    }
    if (args_value(o, "slug")) {
        free(t.slug);
        t.slug = xstrdup(args_value(o, "slug"));
    }
    if (args_value(o, "start"))
        snprintf(t.start, sizeof t.start, "%s", args_value(o, "start"));
    if (args_value(o, "end"))
        snprintf(t.end, sizeof t.end, "%s", args_value(o, "end"));
    if (args_value(o, "currency"))
        snprintf(t.currency, sizeof t.currency, "%s", args_value(o, "currency"));
    if (strcmp(t.end, t.start) < 0) {
        rc = cs_error(&ctx->err, CS_EINPUT, "--end", t.end, "before the start %s", t.start);
        goto out;
    }
    if ((rc = trip_update(ctx->db, &t, &ctx->err)) || (rc = db_commit(ctx->db, &ctx->err)))
        goto out;
    print_trip(&t);
out:
    if (rc)
        db_rollback(ctx->db);
    trip_release(&t);
    return rc;
}

static int trip_rm(struct cs_ctx *ctx, const char *slug)
{
    struct trip t = TRIP_INIT;
    sqlite3_stmt *st = NULL;
    int rc;
    int64_t n = 0, active;
    if ((rc = ctx_open_db(ctx)) || (rc = db_begin(ctx->db, &ctx->err)))
        return rc;
    if ((rc = trip_load(ctx->db, slug, &t, &ctx->err)))
        goto out;
    if ((rc = db_prepare(ctx->db,
                         "SELECT (SELECT count(*) FROM expense WHERE trip_id = ?1) + "
                         "(SELECT count(*) FROM schedule WHERE trip_id = ?1)",
                         &st, &ctx->err)))
        goto out;
    sqlite3_bind_int64(st, 1, t.id);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (n > 0) {
        rc = cs_error(&ctx->err, CS_EINPUT, "trip", slug,
                      "%lld expense%s use%s it; move or remove them first", (long long)n,
                      n == 1 ? "" : "s", n == 1 ? "s" : "");
        goto out;
    }
    if ((rc = db_prepare(ctx->db, "DELETE FROM trip WHERE id = ?1", &st, &ctx->err)))
        goto out;
    sqlite3_bind_int64(st, 1, t.id);
    rc =
        sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(ctx->db, "cannot remove the trip", &ctx->err);
    sqlite3_finalize(st);
    if (!rc && (rc = trip_active(ctx->db, &active, &ctx->err)) == 0 && active == t.id)
        rc = config_unset(ctx->db, "trip.active", &ctx->err);
    if (!rc && !(rc = db_commit(ctx->db, &ctx->err)))
        printf("removed trip %s\n", slug);
out:
    if (rc)
        db_rollback(ctx->db);
    trip_release(&t);
    return rc;
}

static int trip_use(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    struct trip t = TRIP_INIT;
    int rc;
    char id[24];
    if (!slug && !args_has(o, "none"))
        return cs_error(&ctx->err, CS_EINPUT, "slug", NULL, "missing (trip use SLUG | --none)");
    if (slug && args_has(o, "none"))
        return cs_error(&ctx->err, CS_EINPUT, "--none", slug, "cannot go with a slug");
    if ((rc = ctx_open_db(ctx)) || (rc = db_begin(ctx->db, &ctx->err)))
        return rc;
    if (!slug) {
        if (!(rc = config_unset(ctx->db, "trip.active", &ctx->err)) &&
            !(rc = db_commit(ctx->db, &ctx->err)))
            printf("no active trip\n");
    } else if (!(rc = trip_load(ctx->db, slug, &t, &ctx->err))) {
        snprintf(id, sizeof id, "%lld", (long long)t.id);
        if (!(rc = config_set(ctx->db, "trip.active", id, &ctx->err)) &&
            !(rc = db_commit(ctx->db, &ctx->err)))
            printf("active trip: %s\n", t.slug);
    }
    if (rc)
        db_rollback(ctx->db);
    trip_release(&t);
    return rc;
}

static int trip_list(struct cs_ctx *ctx, struct cs_opt *o, const char *slug)
{
    enum out_format fmt;
    sqlite3_stmt *st = NULL;
    struct output out;
    int rc;
    int64_t active;
    static const char *const head[] = {"slug", "name",     "start",    "end",
                                       "city", "currency", "expenses", "active"};
    static const int align[] = {0, 0, 0, 0, 0, 0, ALIGN_RIGHT, 0};
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (rc = trip_active(ctx->db, &active, &ctx->err)))
        return rc;
    /* an unknown trip is an error before anything is printed, not an empty table */
    if (slug) {
        struct trip t = TRIP_INIT;
        if ((rc = trip_load(ctx->db, slug, &t, &ctx->err)))
            return rc;
        trip_release(&t);
    }
    if ((rc =
             db_prepare(ctx->db,
                        "SELECT t.id, t.slug, t.name, t.start_date, t.end_date, "
                        "coalesce(t.city, ''), t.currency, "
                        "(SELECT count(*) FROM expense e WHERE e.trip_id = t.id) "
                        "FROM trip t WHERE ?1 IS NULL OR t.slug = ?1 ORDER BY t.start_date, t.slug",
                        &st, &ctx->err)))
        return rc;
    db_bind_text(st, 1, slug);
    output_begin(&out, fmt, stdout, 8, head, align);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *cells[8];
        for (int i = 0; i < 7; i++)
            cells[i] = (const char *)sqlite3_column_text(st, i + 1);
        cells[7] = sqlite3_column_int64(st, 0) == active ? "yes" : "no";
        output_row(&out, cells);
    }
    sqlite3_finalize(st);
    output_end(&out);
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"name", OPT_VALUE},     {"start", OPT_VALUE},
                         {"end", OPT_VALUE},      {"city", OPT_VALUE},
                         {"currency", OPT_VALUE}, {"slug", OPT_VALUE},
                         {"none", OPT_FLAG},      {"format", OPT_VALUE},
                         {"db", OPT_VALUE},       {NULL}};
    const char *pos[2];
    int npos, rc;
    const char *sub;

    if ((rc = cmd_parse(ctx, &cmd_trip, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos == 0)
        return cs_error(&ctx->err, CS_EINPUT, "trip", NULL,
                        "missing subcommand (add, list, show, edit, rm, use)");
    sub = pos[0];
    if (precheck(o, &ctx->err))
        return CS_EINPUT;
    if (!strcmp(sub, "list")) {
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        return trip_list(ctx, o, NULL);
    }
    if (!strcmp(sub, "use"))
        return trip_use(ctx, o, npos > 1 ? pos[1] : NULL);
    if (strcmp(sub, "add") && strcmp(sub, "show") && strcmp(sub, "edit") && strcmp(sub, "rm"))
        return cs_error(&ctx->err, CS_EINPUT, "trip", sub,
                        "unknown subcommand (add, list, show, edit, rm, use)");
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, "slug", NULL, "missing (trip %s SLUG)", sub);
    if (!strcmp(sub, "add"))
        return trip_add(ctx, o, pos[1]);
    if (!strcmp(sub, "show"))
        return trip_list(ctx, o, pos[1]);
    if (!strcmp(sub, "edit"))
        return trip_edit(ctx, o, pos[1]);
    return trip_rm(ctx, pos[1]);
}

const struct cs_cmd cmd_trip = {"trip", "trip add|list|show|edit|rm|use ...", help, 0, exec};
