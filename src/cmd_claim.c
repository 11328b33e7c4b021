/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_claim.c - `confspend claim ...`: claims from draft to paid, and `report claims`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/claim.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/entry.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/period.h"
#include "confspend/policy.h"

static const char help[] =
    "Claims: the reimbursable expenses handed to a reimbursement desk, tracked until paid.\n\n"
    "  claim new [--trip SLUG | --month M | --since D --until D] [--title TEXT]\n"
    "                         a draft of every reimbursable expense of the selection that is\n"
    "                         in no open or paid claim (refunds count negative)\n"
    "  claim list [--format F]\n"
    "  claim show N [--format F]   its status, then its expenses (the list columns)\n"
    "  claim check N          the policy's findings (confspend policy), one line each\n"
    "  claim submit N [--date D] [--strict]   --strict: refused while a finding stands\n"
    "  claim approve N [--date D]\n"
    "  claim reject N [--date D] [--note T]   its expenses can be claimed again\n"
    "  claim pay N AMOUNT [--date D]          a payment, in the claim's currency\n"
    "  claim rm N             only a draft\n\n"
    "Status: draft -> submitted -> approved -> partly paid / paid (the payments add up to\n"
    "the amount claimed); rejected from submitted or approved. The expenses of a claim past\n"
    "draft are locked: edit and rm refuse them unless --force (the history says so).\n"
    "Amounts are in the base currency of the day the claim was made.\n\n"
    "csv/json columns (list): claim,title,status,expenses,claimed,paid,outstanding,created,\n"
    "submitted,paid_on (outstanding = claimed - paid while submitted, approved or partly\n"
    "paid; paid_on = the newest payment's date)\n\n"
    "examples:\n"
    "  confspend claim new --trip pycon-2026 --title \"PyCon US 2026\"\n"
    "  confspend claim submit 1 --strict\n"
    "  confspend claim pay 1 250.00 --date 2026-12-15\n";

static const char *const claim_cols[] = {"claim", "title",       "status",  "expenses",  "claimed",
                                         "paid",  "outstanding", "created", "submitted", "paid_on"};

/* A money amount in CUR into BUF. */
static const char *fmt_money(int64_t v, const char *cur, char *buf, size_t n)
{
    int d = money_digits(cur);
    money_format(v, d < 0 ? 2 : d, buf, n);
    return buf;
}

/* Print a finding on stderr (claim new, submit) or stdout (check). */
static int print_finding(const char *line, void *arg)
{
    output_linef(arg, STYLE_NONE, "%s", line);
    return 0;
}

static int parse_date_opt(struct cs_ctx *ctx, struct cs_opt *o, char out[11])
{
    const char *d = args_value(o, "date");
    struct cs_date x;
    if (!d) {
        snprintf(out, 11, "%s", ctx->today_s);
        return 0;
    }
    if (date_parse(d, &x, "--date", &ctx->err))
        return CS_EINPUT;
    date_format(x, out);
    return 0;
}

/* The options each subcommand takes: anything else given is refused by name. */
static int only(struct cs_ctx *ctx, struct cs_opt *o, const char *sub, const char *const *allowed)
{
    for (struct cs_opt *x = o; x->name; x++) {
        int ok = !strcmp(x->name, "db");
        if (!x->seen)
            continue;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = !strcmp(*a, x->name);
        if (!ok) {
            char field[32];
            snprintf(field, sizeof field, "--%s", x->name);
            return cs_error(&ctx->err, CS_EINPUT, field, x->value, "not an option of claim %s",
                            sub);
        }
    }
    return 0;
}

static int one_id(struct cs_ctx *ctx, const char **pos, int npos, int want, const char *usage,
                  int64_t *id)
{
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "claim", NULL, "missing (usage: confspend %s)",
                        usage);
    if (npos > want)
        return cs_error(&ctx->err, CS_EINPUT, "claim", pos[want],
                        "too many words (usage: "
                        "confspend %s)",
                        usage);
    return claim_parse_id(pos[0], id, &ctx->err);
}

static int claim_new(struct cs_ctx *ctx, struct cs_opt *o, int npos)
{
    static const char *const allowed[] = {"trip", "month", "since", "until", "title", NULL};
    struct period_sel sel = period_sel_of(o);
    struct period p;
    struct expense_filter f;
    struct claim c = CLAIM_INIT;
    int64_t id;
    int rc, n;
    char amt[32];
    const char *title = args_value(o, "title");
    if ((rc = only(ctx, o, "new", allowed)))
        return rc;
    if (npos)
        return cs_error(&ctx->err, CS_EINPUT, "claim new", NULL,
                        "takes no words, only options (--trip, --month, --since, --until)");
    if (period_precheck(&sel, 0, &ctx->err))
        return CS_EINPUT;
    if (title &&
        (text_check(title, "--title", &ctx->err) || text_length_check(title, "--title", &ctx->err)))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)) ||
        (rc = period_resolve(ctx->db, ctx->today, &sel, 0, 0, &p, &ctx->err)))
        return rc;
    period_filter(&p, &f);
    if ((rc = claim_create(ctx->db, ctx->today_s, &f, title && *title ? title : NULL, p.label, &id,
                           &ctx->err)) ||
        (rc = claim_load(ctx->db, id, &c, &ctx->err)))
        goto cleanup;
    output_linef(stdout, STYLE_NONE, "claim %lld: %lld expense%s, %s %s", (long long)id,
                 (long long)c.expenses, c.expenses == 1 ? "" : "s",
                 fmt_money(c.claimed, c.currency, amt, sizeof amt), c.currency);
    ctx_summary(ctx, "claim new %lld: %lld expenses of %s, %s %s", (long long)id,
                (long long)c.expenses, p.label, amt, c.currency);
    rc = policy_check(ctx->db, id, ctx->today_s, print_finding, output_notes(), &n, &ctx->err);
cleanup:
    claim_release(&c);
    return rc;
}

static int list_row(const struct claim *c, void *arg)
{
    char id[24], n[24], a[32], p[32], o[32];
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    snprintf(n, sizeof n, "%lld", (long long)c->expenses);
    const char *cells[] = {id,
                           c->title ? c->title : "",
                           c->status,
                           n,
                           fmt_money(c->claimed, c->currency, a, sizeof a),
                           fmt_money(c->paid, c->currency, p, sizeof p),
                           fmt_money(c->outstanding, c->currency, o, sizeof o),
                           c->created,
                           c->submitted,
                           c->paid_on};
    output_row(arg, cells);
    return 0;
}

static int claim_list(struct cs_ctx *ctx, struct cs_opt *o, int npos, const char **pos)
{
    static const char *const allowed[] = {"format", NULL};
    static const int align[] = {ALIGN_RIGHT, 0,           0, ALIGN_RIGHT, ALIGN_RIGHT,
                                ALIGN_RIGHT, ALIGN_RIGHT, 0, 0,           0};
    enum out_format fmt;
    struct output out;
    int rc;
    if ((rc = only(ctx, o, "list", allowed)))
        return rc;
    if (npos)
        return cs_error(&ctx->err, CS_EINPUT, "claim list", pos[0], "takes no words");
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)))
        return rc;
    output_begin(&out, fmt, stdout, 10, claim_cols, align);
    rc = claim_each(ctx->db, list_row, &out, &ctx->err);
    output_end(&out);
    return rc;
}

/* The status line of claim C, as `claim show` and the transitions print it. */
static void status_line(FILE *fp, const struct claim *c)
{
    char a[32], p[32], d[32];
    /* paid more than claimed (SPEC: paid >= claimed is paid): said, not shown as "due 0" */
    int over = c->paid > c->claimed;
    output_linef(
        fp, STYLE_NONE, "claim %lld%s%s%s: %s, %lld expense%s, claimed %s %s, paid %s, %s %s",
        (long long)c->id, c->title ? " \"" : "", c->title ? c->title : "", c->title ? "\"" : "",
        c->status, (long long)c->expenses, c->expenses == 1 ? "" : "s",
        fmt_money(c->claimed, c->currency, a, sizeof a), c->currency,
        fmt_money(c->paid, c->currency, p, sizeof p), over ? "overpaid" : "due",
        fmt_money(over ? c->paid - c->claimed : c->outstanding, c->currency, d, sizeof d));
}

struct show_walk {
    struct output *out;
    int table;
};

static int show_row(const struct expense *x, void *arg)
{
    struct show_walk *w = arg;
    struct entry_cells c;
    entry_cells(x, &c);
    if (!w->table) {
        output_row(w->out, c.cells);
        return 0;
    }
    char route[512] = "";
    if (x->from || x->to)
        snprintf(route, sizeof route, "%s -> %s", x->from ? x->from : "?", x->to ? x->to : "?");
    const char *cells[] = {
        c.cells[0], c.cells[1], c.cells[2],
        c.cells[3], c.cells[4], x->merchant ? x->merchant : (x->recipient ? x->recipient : ""),
        route,      c.cells[6], c.cells[7]};
    output_row(w->out, cells);
    return 0;
}

static int claim_show(struct cs_ctx *ctx, struct cs_opt *o, int npos, const char **pos)
{
    static const char *const allowed[] = {"format", NULL};
    static const char *const head[] = {"id",       "date",  "category", "amount", "cur",
                                       "merchant", "route", "note",     "trip"};
    static const int align[] = {ALIGN_RIGHT, 0, 0, ALIGN_RIGHT, 0, 0, 0, 0, 0};
    static const int list_align[LIST_NCOLS] = {0};
    enum out_format fmt;
    struct output out;
    struct claim c = CLAIM_INIT;
    struct expense_filter f;
    int64_t id;
    int rc;
    if ((rc = only(ctx, o, "show", allowed)) ||
        (rc = one_id(ctx, pos, npos, 1, "claim show N", &id)))
        return rc;
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (rc = claim_load(ctx->db, id, &c, &ctx->err)))
        goto cleanup;
    if (fmt == FMT_TABLE) {
        status_line(stdout, &c);
        output_begin(&out, fmt, stdout, 9, head, align);
    } else {
        output_begin(&out, fmt, stdout, LIST_NCOLS, entry_columns, list_align);
    }
    memset(&f, 0, sizeof f);
    f.claim_id = id;
    {
        struct show_walk w = {&out, fmt == FMT_TABLE};
        rc = expense_each(ctx->db, &f, show_row, &w, &ctx->err);
    }
    output_end(&out);
cleanup:
    claim_release(&c);
    return rc;
}

static int claim_check(struct cs_ctx *ctx, struct cs_opt *o, int npos, const char **pos)
{
    static const char *const allowed[] = {NULL};
    struct claim c = CLAIM_INIT;
    int64_t id;
    int rc, n;
    if ((rc = only(ctx, o, "check", allowed)) ||
        (rc = one_id(ctx, pos, npos, 1, "claim check N", &id)))
        return rc;
    if ((rc = ctx_open_db(ctx)) || (rc = claim_load(ctx->db, id, &c, &ctx->err)))
        goto cleanup;
    /* the day it was submitted, else today (when it would be) */
    rc = policy_check(ctx->db, id, *c.submitted ? c.submitted : ctx->today_s, print_finding, stdout,
                      &n, &ctx->err);
cleanup:
    claim_release(&c);
    return rc;
}

/* submit, approve, reject: the move, then the status line. */
static int claim_transition(struct cs_ctx *ctx, struct cs_opt *o, int npos, const char **pos,
                            const char *sub)
{
    static const char *const submit_opts[] = {"date", "strict", NULL};
    static const char *const approve_opts[] = {"date", NULL};
    static const char *const reject_opts[] = {"date", "note", NULL};
    const char *to = !strcmp(sub, "submit")    ? "submitted"
                     : !strcmp(sub, "approve") ? "approved"
                                               : "rejected";
    const char *note = args_value(o, "note");
    char usage[48], date[11];
    struct claim c = CLAIM_INIT;
    int64_t id;
    int rc, n = 0;
    snprintf(usage, sizeof usage, "claim %s N", sub);
    if ((rc = only(ctx, o, sub,
                   !strcmp(sub, "submit")    ? submit_opts
                   : !strcmp(sub, "approve") ? approve_opts
                                             : reject_opts)) ||
        (rc = one_id(ctx, pos, npos, 1, usage, &id)) || (rc = parse_date_opt(ctx, o, date)))
        return rc;
    if (note &&
        (text_check(note, "--note", &ctx->err) || text_length_check(note, "--note", &ctx->err)))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)) || (rc = claim_move(ctx->db, id, to, date, note, &ctx->err)))
        return rc;
    if (!strcmp(sub, "submit")) {
        /* the findings as of the day it is submitted; --strict refuses while any stands */
        if ((rc = policy_check(ctx->db, id, date, print_finding, output_notes(), &n, &ctx->err)))
            return rc;
        if (n && args_has(o, "strict")) {
            char field[32];
            snprintf(field, sizeof field, "claim %lld", (long long)id);
            return cs_error(&ctx->err, CS_EINPUT, field, NULL,
                            "not submitted: %d policy finding%s (claim check %lld; without "
                            "--strict it is submitted anyway)",
                            n, n == 1 ? "" : "s", (long long)id);
        }
    }
    if ((rc = claim_load(ctx->db, id, &c, &ctx->err)))
        return rc;
    status_line(stdout, &c);
    ctx_summary(ctx, "claim %s %lld on %s%s", sub, (long long)id, date,
                n ? " (with policy findings)" : "");
    claim_release(&c);
    return 0;
}

static int claim_pay_cmd(struct cs_ctx *ctx, struct cs_opt *o, int npos, const char **pos)
{
    static const char *const allowed[] = {"date", NULL};
    struct claim c = CLAIM_INIT;
    int64_t id, amount;
    char date[11], a[32];
    int rc;
    if ((rc = only(ctx, o, "pay", allowed)))
        return rc;
    if (npos < 2)
        return cs_error(&ctx->err, CS_EINPUT, npos ? "amount" : "claim", NULL,
                        "missing (usage: confspend claim pay N AMOUNT [--date D])");
    if ((rc = one_id(ctx, pos, npos, 2, "claim pay N AMOUNT", &id)) ||
        (rc = parse_date_opt(ctx, o, date)))
        return rc;
    /* the syntax first (at most 3 decimals, as any currency has), the digits below */
    if (money_parse(pos[1], 3, &amount, "amount", &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_write(ctx)) || (rc = claim_load(ctx->db, id, &c, &ctx->err)))
        goto cleanup;
    if ((rc = money_parse(pos[1], money_digits(c.currency), &amount, "amount", &ctx->err)))
        goto cleanup;
    if (amount <= 0) {
        rc = cs_error(&ctx->err, CS_EINPUT, "amount", pos[1], "a payment must be more than 0");
        goto cleanup;
    }
    if ((rc = claim_pay(ctx->db, id, amount, date, &ctx->err)))
        goto cleanup;
    claim_release(&c);
    if ((rc = claim_load(ctx->db, id, &c, &ctx->err)))
        goto cleanup;
    fmt_money(amount, c.currency, a, sizeof a);
    output_linef(stdout, STYLE_NONE, "paid %s %s on %s", a, c.currency, date);
    status_line(stdout, &c);
    if (c.paid > c.claimed) {
        char over[32];
        output_linef(output_notes(), STYLE_NONE,
                     "confspend: claim %lld is paid %s %s more than it claims", (long long)id,
                     fmt_money(c.paid - c.claimed, c.currency, over, sizeof over), c.currency);
    }
    ctx_summary(ctx, "claim pay %lld: %s %s on %s (%s)", (long long)id, a, c.currency, date,
                c.status);
cleanup:
    claim_release(&c);
    return rc;
}

static int claim_rm(struct cs_ctx *ctx, struct cs_opt *o, int npos, const char **pos)
{
    static const char *const allowed[] = {NULL};
    struct claim c = CLAIM_INIT;
    int64_t id;
    int rc;
    if ((rc = only(ctx, o, "rm", allowed)) || (rc = one_id(ctx, pos, npos, 1, "claim rm N", &id)))
        return rc;
    if ((rc = ctx_open_write(ctx)) || (rc = claim_load(ctx->db, id, &c, &ctx->err)) ||
        (rc = claim_remove(ctx->db, id, &ctx->err)))
        goto cleanup;
    output_linef(stdout, STYLE_NONE, "removed claim %lld: its %lld expense%s can be claimed again",
                 (long long)id, (long long)c.expenses, c.expenses == 1 ? "" : "s");
    ctx_summary(ctx, "claim rm %lld (%lld expense%s)", (long long)id, (long long)c.expenses,
                c.expenses == 1 ? "" : "s");
cleanup:
    claim_release(&c);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {
        PERIOD_OPTIONS,      {"title", OPT_VALUE},  {"date", OPT_VALUE}, {"strict", OPT_FLAG},
        {"note", OPT_VALUE}, {"format", OPT_VALUE}, {"db", OPT_VALUE},   {NULL}};
    const char *pos[4];
    int npos, rc;
    if ((rc = cmd_parse(ctx, &cmd_claim, argc, argv, o, pos, 4, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "claim", NULL,
                        "missing subcommand (new, list, show, check, submit, approve, reject, "
                        "pay or rm)");
    const char *sub = pos[0];
    if (!strcmp(sub, "new"))
        return claim_new(ctx, o, npos - 1);
    if (!strcmp(sub, "list"))
        return claim_list(ctx, o, npos - 1, pos + 1);
    if (!strcmp(sub, "show"))
        return claim_show(ctx, o, npos - 1, pos + 1);
    if (!strcmp(sub, "check"))
        return claim_check(ctx, o, npos - 1, pos + 1);
    if (!strcmp(sub, "submit") || !strcmp(sub, "approve") || !strcmp(sub, "reject"))
        return claim_transition(ctx, o, npos - 1, pos + 1, sub);
    if (!strcmp(sub, "pay"))
        return claim_pay_cmd(ctx, o, npos - 1, pos + 1);
    if (!strcmp(sub, "rm"))
        return claim_rm(ctx, o, npos - 1, pos + 1);
    return cs_error(&ctx->err, CS_EINPUT, "claim", sub,
                    "unknown subcommand (new, list, show, check, submit, approve, reject, pay "
                    "or rm)");
}

const struct cs_cmd cmd_claim = {
    "claim", "claim new|list|show|check|submit|approve|reject|pay|rm [N] [options]", help, 0, exec,
};

int claim_lock_check(struct cs_ctx *ctx, int64_t id, int force, char why[64])
{
    int64_t claim_id;
    char status[12];
    int rc;
    if (why)
        why[0] = 0;
    if ((rc = claim_lock_of(ctx->db, id, &claim_id, status, &ctx->err)) || !claim_id)
        return rc;
    if (!force) {
        snprintf(ctx->err.msg, sizeof ctx->err.msg, "expense %lld is in %s claim %lld",
                 (long long)id, status, (long long)claim_id);
        snprintf(ctx->err.field, sizeof ctx->err.field, "expense %lld", (long long)id);
        ctx->err.code = CS_EINPUT;
        return CS_EINPUT;
    }
    if (why)
        snprintf(why, 64, "in %s claim %lld", status, (long long)claim_id);
    return 0;
}

/* `report claims [--format F]` (cmd_report.c hands it over). */
static const char *const report_cols[] = {"status",  "claims", "expenses",
                                          "claimed", "paid",   "outstanding"};

struct report_walk {
    struct output *out;
    const char *base;
};

static int report_row(const struct claim_report_row *r, void *arg)
{
    struct report_walk *w = arg;
    char n[24] = "", k[24], a[32], p[32], o[32];
    if (r->claims >= 0)
        snprintf(n, sizeof n, "%lld", (long long)r->claims);
    snprintf(k, sizeof k, "%lld", (long long)r->expenses);
    const char *cells[] = {r->status,
                           n,
                           k,
                           fmt_money(r->claimed, w->base, a, sizeof a),
                           fmt_money(r->paid, w->base, p, sizeof p),
                           fmt_money(r->outstanding, w->base, o, sizeof o)};
    if (!strcmp(r->status, "total"))
        output_rule_row(w->out, cells);
    else
        output_row(w->out, cells);
    return 0;
}

int report_claims_exec(struct cs_ctx *ctx, const char *format);
int report_claims_exec(struct cs_ctx *ctx, const char *format)
{
    static const int align[] = {0, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};
    enum out_format fmt;
    struct output out;
    char base[4];
    int rc;
    if (output_parse_format(format, &fmt, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (rc = config_base_currency(ctx->db, base, &ctx->err)))
        return rc;
    output_begin(&out, fmt, stdout, 6, report_cols, align);
    {
        struct report_walk w = {&out, base};
        rc = claim_report(ctx->db, base, report_row, &w, &ctx->err);
    }
    output_end(&out);
    return rc;
}
