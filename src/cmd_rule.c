/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_rule.c - `confspend rule add|list|rm|test`: the rules an import from a real source
 * applies to its rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/output.h"
#include "confspend/rule.h"
#include "confspend/trip.h"

static const char help[] =
    "Rules for the rows of a real source (import csv through a profile, import ofx).\n\n"
    "  rule add PATTERN [--field merchant|note|any] [--category C] [--provider P]\n"
    "           [--trip SLUG] [--reimbursable | --personal] [--merchant NAME] [--skip]\n"
    "  rule list [--format F]\n"
    "  rule rm N\n"
    "  rule test TEXT [--money-in]   which rule matches TEXT (as merchant and note) and\n"
    "                                what it does; --money-in: as a row of money in\n\n"
    "PATTERN is a glob matched against the whole field, ignoring case: '*' is any run of\n"
    "characters, '?' one character. Rules apply in the order they were added (N, as\n"
    "rule list shows); the first that matches a row wins. --field any matches the\n"
    "merchant or the note (default merchant). --provider makes the row a ride. --skip\n"
    "drops the row (counted, and shown by import --dry-run as skipped (rule N)).\n\n"
    "After the user's rules come the built-in ones:\n"
    "  UBER*TRIP*, UBER *TRIP   a ride, provider uber\n"
    "  LYFT*RIDE*               a ride, provider lyft\n"
    "  LYFT*TIP*                a ride, provider lyft, the whole amount a tip\n"
    "  *PAYMENT*THANK YOU*, AUTOPAY*   money in: a card payment, skipped\n"
    "Any other money in is a refund; a row no rule matches is category other. Rows dated\n"
    "within a trip's start..end get that trip, unless the rule gives one.\n\n"
    "csv columns of rule list: id,pattern,field,category,provider,trip,reimbursable,\n"
    "merchant,skip\n\n"
    "example:\n"
    "  confspend rule add '*STARBUCKS*' --category meal --reimbursable\n";

static int rule_add(struct cs_ctx *ctx, struct cs_opt *o, const char *pattern)
{
    const char *field = args_value(o, "field"), *cat = args_value(o, "category");
    const char *prov = args_value(o, "provider"), *slug = args_value(o, "trip");
    const char *merchant = args_value(o, "merchant");
    int skip = args_has(o, "skip"), reimb = -1, rc;
    int64_t trip_id = 0;
    sqlite3_stmt *st = NULL;
    struct rule r;
    char what[512];

    if (!*pattern)
        return cs_error(&ctx->err, CS_EINPUT, "pattern", pattern, "must not be empty");
    if (text_check(pattern, "pattern", &ctx->err) ||
        text_length_check(pattern, "pattern", &ctx->err))
        return CS_EINPUT;
    if (!field)
        field = "merchant";
    if (strcmp(field, "merchant") && strcmp(field, "note") && strcmp(field, "any"))
        return cs_error(&ctx->err, CS_EINPUT, "--field", field, "must be merchant, note or any");
    if (cat && !category_valid(cat))
        return category_refuse("--category", cat, &ctx->err);
    if (prov) {
        if (!(prov = provider_canonical(prov)))
            return provider_refuse("--provider", args_value(o, "provider"), &ctx->err);
        if (cat && strcmp(cat, "ride"))
            return cs_error(&ctx->err, CS_EINPUT, "--provider", prov,
                            "only for a ride (the rule says --category %s)", cat);
        cat = "ride";
    }
    if (args_has(o, "reimbursable") && args_has(o, "personal"))
        return cs_error(&ctx->err, CS_EINPUT, "--personal", NULL, "cannot go with --reimbursable");
    if (args_has(o, "reimbursable"))
        reimb = 1;
    else if (args_has(o, "personal"))
        reimb = 0;
    if (merchant && (text_check(merchant, "--merchant", &ctx->err) ||
                     text_length_check(merchant, "--merchant", &ctx->err)))
        return CS_EINPUT;
    if (merchant && !*merchant)
        return cs_error(&ctx->err, CS_EINPUT, "--merchant", merchant, "must not be empty");
    if (skip && (cat || prov || slug || reimb >= 0 || merchant))
        return cs_error(&ctx->err, CS_EINPUT, "--skip", NULL,
                        "cannot go with what a rule does to a row it keeps");
    if (!skip && !cat && !slug && reimb < 0 && !merchant)
        return cs_error(&ctx->err, CS_EINPUT, "rule", pattern,
                        "does nothing (give --category, --provider, --trip, --reimbursable, "
                        "--personal, --merchant or --skip)");
    if (slug && !trip_slug_valid(slug))
        return cs_error(&ctx->err, CS_EINPUT, "--trip", slug, "use 1-64 of a-z 0-9 - _ .");
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if (slug) {
        struct trip t = TRIP_INIT;
        if ((rc = trip_load(ctx->db, slug, &t, &ctx->err)))
            return rc;
        trip_id = t.id;
        trip_release(&t);
    }
    if (db_prepare(ctx->db,
                   "INSERT INTO rule(pattern, field, category, provider, trip_id, reimbursable, "
                   "merchant, skip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                   &st, &ctx->err))
        return CS_EFAIL;
    db_bind_text(st, 1, pattern);
    db_bind_text(st, 2, field);
    db_bind_text(st, 3, cat);
    db_bind_text(st, 4, prov);
    db_bind_opt(st, 5, trip_id ? trip_id : -1);
    db_bind_opt(st, 6, reimb);
    db_bind_text(st, 7, merchant);
    sqlite3_bind_int(st, 8, skip);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(ctx->db, "cannot save the rule", &ctx->err);
    memset(&r, 0, sizeof r);
    r.id = sqlite3_last_insert_rowid(ctx->db);
    r.category = cat;
    r.provider = prov;
    r.trip_id = trip_id;
    r.trip_slug = slug;
    r.reimbursable = reimb;
    r.merchant = merchant;
    r.skip = skip;
    rule_describe(&r, what, sizeof what);
    output_linef(stdout, STYLE_NONE, "rule %lld: %s (%s) -> %s", (long long)r.id, pattern, field,
                 what);
    ctx_summary(ctx, "rule add %lld %s", (long long)r.id, pattern);
    return 0;
}

static int rule_list(struct cs_ctx *ctx, struct cs_opt *o)
{
    static const char *const head[] = {"id",   "pattern",      "field",    "category", "provider",
                                       "trip", "reimbursable", "merchant", "skip"};
    static const int align[] = {ALIGN_RIGHT, 0, 0, 0, 0, 0, 0, 0, 0};
    enum out_format fmt;
    struct output out;
    struct rule_set s;
    int rc;
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (rc = rule_set_load(ctx->db, &s, &ctx->err)))
        return rc;
    output_begin(&out, fmt, stdout, 9, head, align);
    out.csv_guard = 1;
    out.guard_from = 1;
    for (int i = 0; i < s.n; i++) {
        const struct rule *r = &s.v[i];
        char id[24];
        static const char *const fields[] = {"merchant", "note", "any"};
        snprintf(id, sizeof id, "%lld", (long long)r->id);
        const char *cells[] = {id,
                               r->pattern,
                               fields[r->field],
                               r->category ? r->category : "",
                               r->provider ? r->provider : "",
                               r->trip_id ? (r->trip_slug ? r->trip_slug : "(removed)") : "",
                               r->reimbursable < 0 ? ""
                               : r->reimbursable   ? "yes"
                                                   : "no",
                               r->merchant ? r->merchant : "",
                               r->skip ? "yes" : "no"};
        output_row(&out, cells);
    }
    output_end(&out);
    rule_set_release(&s);
    return 0;
}

static int rule_rm(struct cs_ctx *ctx, const char *n)
{
    int64_t id;
    sqlite3_stmt *st = NULL;
    int rc;
    if (parse_whole(n, "rule", 1, INT64_MAX / 2, &id, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if (db_prepare(ctx->db, "DELETE FROM rule WHERE id = ?1", &st, &ctx->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(ctx->db, "cannot remove the rule", &ctx->err);
    if (sqlite3_changes(ctx->db) == 0)
        return cs_error(&ctx->err, CS_EINPUT, "rule", n, "no such rule (see rule list)");
    printf("removed rule %lld\n", (long long)id);
    ctx_summary(ctx, "rule rm %lld", (long long)id);
    return 0;
}

static int rule_test(struct cs_ctx *ctx, struct cs_opt *o, const char *text)
{
    struct rule_set s;
    const struct rule *r;
    char what[512];
    int rc, money_in = args_has(o, "money-in");
    if (text_check(text, "text", &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (rc = rule_set_load(ctx->db, &s, &ctx->err)))
        return rc;
    r = rule_find(&s, text, text, money_in);
    if (!r) {
        output_linef(stdout, STYLE_NONE, "no rule matches: category other%s",
                     money_in ? ", a refund" : "");
    } else {
        static const char *const fields[] = {"merchant", "note", "any"};
        char who[32];
        rule_describe(r, what, sizeof what);
        if (r->id)
            snprintf(who, sizeof who, "rule %lld", (long long)r->id);
        else
            snprintf(who, sizeof who, "built-in rule");
        output_linef(stdout, STYLE_NONE, "%s: %s (%s) -> %s%s", who, r->pattern, fields[r->field],
                     what, money_in && !r->skip ? ", a refund" : "");
    }
    rule_set_release(&s);
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {
        {"field", OPT_VALUE},    {"category", OPT_VALUE},    {"provider", OPT_VALUE},
        {"trip", OPT_VALUE},     {"reimbursable", OPT_FLAG}, {"personal", OPT_FLAG},
        {"merchant", OPT_VALUE}, {"skip", OPT_FLAG},         {"format", OPT_VALUE},
        {"money-in", OPT_FLAG},  {"db", OPT_VALUE},          {NULL}};
    const char *pos[3], *sub;
    int npos, rc;
    static const char *const adds[] = {"field",    "category", "provider", "trip", "reimbursable",
                                       "personal", "merchant", "skip",     NULL};

    if ((rc = cmd_parse(ctx, &cmd_rule, argc, argv, o, pos, 3, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos == 0)
        return cs_error(&ctx->err, CS_EINPUT, "rule", NULL,
                        "missing subcommand (add, list, rm, test)");
    sub = pos[0];
    if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "rm") && strcmp(sub, "test"))
        return cs_error(&ctx->err, CS_EINPUT, "rule", sub,
                        "unknown subcommand (add, list, rm, test)");
    if (npos > (strcmp(sub, "list") ? 2 : 1))
        return cs_error(&ctx->err, CS_EINPUT, "argument", pos[npos - 1], "unexpected argument");
    for (int i = 0; strcmp(sub, "add") && adds[i]; i++)
        if (args_has(o, adds[i]))
            return cs_error(&ctx->err, CS_EINPUT, "option", adds[i], "only for rule add");
    if (strcmp(sub, "list") && args_has(o, "format"))
        return cs_error(&ctx->err, CS_EINPUT, "option", "format", "only for rule list");
    if (strcmp(sub, "test") && args_has(o, "money-in"))
        return cs_error(&ctx->err, CS_EINPUT, "option", "money-in", "only for rule test");
    if (!strcmp(sub, "list"))
        return rule_list(ctx, o);
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, !strcmp(sub, "rm") ? "rule" : "pattern", NULL,
                        "missing (rule %s %s)", sub,
                        !strcmp(sub, "add")  ? "PATTERN"
                        : !strcmp(sub, "rm") ? "N"
                                             : "TEXT");
    if (!strcmp(sub, "add"))
        return rule_add(ctx, o, pos[1]);
    if (!strcmp(sub, "rm"))
        return rule_rm(ctx, pos[1]);
    return rule_test(ctx, o, pos[1]);
}

const struct cs_cmd cmd_rule = {"rule", "rule add|list|rm|test ...", help, 0, exec};
