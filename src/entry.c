/* entry.c - the options shared by add and edit, and the expense's column cells. */
#include "confspend/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/trip.h"

const char *const entry_columns[FULL_NCOLS] = {
    "id",     "date",         "category",     "amount",   "currency",     "merchant",
    "note",   "trip",         "reimbursable", "provider", "from",         "to",
    "driver", "tip",          "payment",      "receipt",  "platform_fee", "shared",
    "nights", "compare_rate", "recipient",    "uid"};

static const char *const text_opts[] = {"merchant", "note",   "payment",   "receipt", "from",
                                        "to",       "driver", "recipient", NULL};

/* The negations of ENTRY_NEGATED: NEG_TIP, ..., and the options they negate. */
#define NEG_ENUM(id, option) NEG_##id
#define NEG_OPTION(id, option) option
enum { ENTRY_NEGATED(NEG_ENUM, CS_COMMA), NNEG };
static const char *const negated[NNEG] = {ENTRY_NEGATED(NEG_OPTION, CS_COMMA)};

/* 1 when O has the negation of option number I (ENTRY_NEGATIONS) and it was given. */
static int negation_given(struct cs_opt *o, int i)
{
    char name[32];
    struct cs_opt *n;
    snprintf(name, sizeof name, "no-%s", negated[i]);
    n = args_find(o, name);
    return n && n->seen > 0;
}

/*
 * Minor digits to check S's syntax with before the currency is known (it may come from the
 * trip): the decimals S has, so that no padding makes a large amount look too
 * large for a currency it may fit; the exact check follows in entry_apply().
 */
static int syntax_digits(const char *cur, const char *s)
{
    const char *dot;
    size_t n;
    if (cur)
        return money_digits(cur);
    dot = s ? strchr(s, '.') : NULL;
    n = dot ? strlen(dot + 1) : 0;
    return n > 18 ? 3 : (int)n;
}

int entry_precheck(struct cs_opt *o, const char *category, const char *amount, struct cs_err *e)
{
    int64_t v;
    struct cs_date d;
    const char *cur = args_value(o, "currency");
    int digits;
    if (category && !category_valid(category))
        return category_refuse("category", category, e);
    if (cur && money_digits(cur) < 0)
        return cs_error(e, CS_EINPUT, "--currency", cur, "unknown ISO 4217 currency code");
    if (amount && money_parse(amount, syntax_digits(cur, amount), &v, "amount", e))
        return CS_EINPUT;
    if (args_value(o, "date") && date_parse(args_value(o, "date"), &d, "--date", e))
        return CS_EINPUT;
    for (const char *const *t = text_opts; *t; t++) {
        const char *s = args_value(o, *t);
        char field[32];
        snprintf(field, sizeof field, "--%s", *t);
        if (s && (text_check(s, field, e) || text_length_check(s, field, e)))
            return CS_EINPUT;
    }
    digits = syntax_digits(cur, args_value(o, "tip"));
    if (args_value(o, "tip") && money_parse(args_value(o, "tip"), digits, &v, "--tip", e))
        return CS_EINPUT;
    if (args_value(o, "platform-fee") &&
        money_parse(args_value(o, "platform-fee"),
                    syntax_digits(cur, args_value(o, "platform-fee")), &v, "--platform-fee", e))
        return CS_EINPUT;
    if (args_value(o, "compare-rate") &&
        money_parse(args_value(o, "compare-rate"),
                    syntax_digits(cur, args_value(o, "compare-rate")), &v, "--compare-rate", e))
        return CS_EINPUT;
    if (args_value(o, "nights") &&
        parse_whole(args_value(o, "nights"), "--nights", 1, NIGHTS_MAX, &v, e))
        return CS_EINPUT;
    if (args_value(o, "provider") && !provider_canonical(args_value(o, "provider")))
        return provider_refuse("--provider", args_value(o, "provider"), e);
    if (args_has(o, "reimbursable") && args_has(o, "personal"))
        return cs_error(e, CS_EINPUT, "--reimbursable", NULL, "cannot go with --personal");
    for (int i = 0; i < NNEG; i++) {
        char field[32];
        snprintf(field, sizeof field, "--no-%s", negated[i]);
        if (negation_given(o, i) && args_has(o, negated[i]))
            return cs_error(e, CS_EINPUT, field, NULL, "cannot go with --%s", negated[i]);
    }
    if (args_has(o, "trip") && args_has(o, "no-trip"))
        return cs_error(e, CS_EINPUT, "--trip", args_value(o, "trip"), "cannot go with --no-trip");
    return 0;
}

/* Set *DST to a copy of S, or NULL when S is empty. */
static void set_text(char **dst, const char *s)
{
    free(*dst);
    *dst = (s && *s) ? xstrdup(s) : NULL;
}

/* Re-express V minor units from FROM to TO digits; fails when cents would be lost. */
static int rescale(int64_t *v, int from, int to, const char *field, struct cs_err *e)
{
    char buf[32];
    int64_t r = *v;
    int d = from;
    if (*v < 0)
        return 0;
    money_format(*v, from, buf, sizeof buf); /* the value as given, for the messages */
    while (d < to) {
        if (r > INT64_MAX / 10)
            return cs_error(e, CS_EINPUT, field, buf, "too large in the new currency");
        r *= 10;
        d++;
    }
    while (d > to) {
        if (r % 10)
            return cs_error(e, CS_EINPUT, field, buf,
                            "cannot be written in the new currency; give it again");
        r /= 10;
        d--;
    }
    *v = r;
    return 0;
}

int entry_apply(struct cs_ctx *ctx, struct cs_opt *o, const char *category, const char *amount,
                struct expense *x, int editing, struct cs_err *e)
{
    struct trip t = TRIP_INIT;
    const char *s;
    int old_digits = editing ? money_digits(x->currency) : -1, digits, rc = 0;
    int neg[NNEG], refund;
    for (int i = 0; i < NNEG; i++)
        neg[i] = editing && negation_given(o, i);
    /* a new --amount of a refund is a refund too, unless --no-refund */
    refund = x->amount < 0 && !neg[NEG_REFUND];
    sqlite3 *db = ctx->db;

    if (category)
        snprintf(x->category, sizeof x->category, "%s", category);
    /* trip */
    if ((s = args_value(o, "trip"))) {
        if ((rc = trip_load(db, s, &t, e)))
            goto cleanup;
        x->trip_id = t.id;
    } else if (args_has(o, "no-trip")) {
        x->trip_id = 0;
    } else if (!editing) {
        if ((rc = trip_active(db, &x->trip_id, e)))
            goto cleanup;
        if (x->trip_id && (rc = trip_load_id(db, x->trip_id, &t, e)))
            goto cleanup;
    }
    /* currency */
    if ((s = args_value(o, "currency")))
        snprintf(x->currency, sizeof x->currency, "%s", s);
    else if (!editing && t.id)
        snprintf(x->currency, sizeof x->currency, "%s", t.currency);
    else if (!editing && (rc = config_base_currency(db, x->currency, e)))
        goto cleanup;
    digits = money_digits(x->currency);
    if (editing && digits != old_digits) {
        /* a refund is negative, which rescale() takes for "absent": rescale its size */
        int64_t size = x->amount < 0 ? -x->amount : x->amount;
        if (!amount && (rc = rescale(&size, old_digits, digits, "amount", e)))
            goto cleanup;
        x->amount = x->amount < 0 ? -size : size;
        if (!args_value(o, "tip") && (rc = rescale(&x->tip, old_digits, digits, "--tip", e)))
            goto cleanup;
        if (!args_value(o, "platform-fee") &&
            (rc = rescale(&x->platform_fee, old_digits, digits, "--platform-fee", e)))
            goto cleanup;
        if (!args_value(o, "compare-rate") &&
            (rc = rescale(&x->compare_rate, old_digits, digits, "--compare-rate", e)))
            goto cleanup;
    }
    /* amounts */
    if (amount) {
        if ((rc = money_parse(amount, digits, &x->amount, "amount", e)))
            goto cleanup;
        if (refund)
            x->amount = -x->amount;
    }
    if (args_has(o, "refund") && x->amount > 0)
        x->amount = -x->amount;
    if (neg[NEG_REFUND] && x->amount < 0)
        x->amount = -x->amount;
    if ((s = args_value(o, "tip")) && (rc = money_parse(s, digits, &x->tip, "--tip", e)))
        goto cleanup;
    if ((s = args_value(o, "platform-fee")) &&
        (rc = money_parse(s, digits, &x->platform_fee, "--platform-fee", e)))
        goto cleanup;
    if ((s = args_value(o, "compare-rate")) &&
        (rc = money_parse(s, digits, &x->compare_rate, "--compare-rate", e)))
        goto cleanup;
    if ((s = args_value(o, "nights")) &&
        (rc = parse_whole(s, "--nights", 1, NIGHTS_MAX, &x->nights, e)))
        goto cleanup;
    /* date */
    if ((s = args_value(o, "date")))
        snprintf(x->date, sizeof x->date, "%s", s);
    else if (!editing)
        snprintf(x->date, sizeof x->date, "%s", ctx->today_s);
    /* text */
    if (args_value(o, "merchant"))
        set_text(&x->merchant, args_value(o, "merchant"));
    if (args_value(o, "note"))
        set_text(&x->note, args_value(o, "note"));
    if (args_value(o, "payment"))
        set_text(&x->payment, args_value(o, "payment"));
    if (args_value(o, "receipt"))
        set_text(&x->receipt, args_value(o, "receipt"));
    if (args_value(o, "provider")) /* any case: stored as listed */
        set_text(&x->provider, provider_canonical(args_value(o, "provider")));
    if (args_value(o, "from"))
        set_text(&x->from, args_value(o, "from"));
    if (args_value(o, "to"))
        set_text(&x->to, args_value(o, "to"));
    if (args_value(o, "driver"))
        set_text(&x->driver, args_value(o, "driver"));
    if (args_value(o, "recipient"))
        set_text(&x->recipient, args_value(o, "recipient"));
    if (args_has(o, "shared"))
        x->shared = 1;
    if (args_has(o, "reimbursable"))
        x->reimbursable = 1;
    if (args_has(o, "personal"))
        x->reimbursable = 0;
    /* edit's negations */
    {
        char **texts[NNEG] = {[NEG_MERCHANT] = &x->merchant, [NEG_NOTE] = &x->note,
                              [NEG_PAYMENT] = &x->payment,   [NEG_RECEIPT] = &x->receipt,
                              [NEG_FROM] = &x->from,         [NEG_TO] = &x->to,
                              [NEG_DRIVER] = &x->driver,     [NEG_RECIPIENT] = &x->recipient};
        int64_t *counts[NNEG] = {[NEG_TIP] = &x->tip,
                                 [NEG_PLATFORM_FEE] = &x->platform_fee,
                                 [NEG_NIGHTS] = &x->nights,
                                 [NEG_COMPARE_RATE] = &x->compare_rate};
        for (int i = 0; i < NNEG; i++) {
            if (!neg[i])
                continue;
            if (texts[i])
                set_text(texts[i], NULL);
            if (counts[i])
                *counts[i] = -1;
        }
        if (neg[NEG_SHARED])
            x->shared = -1; /* a ride gets "not shared" below */
    }
    /* an edit that moves an expense to another category drops the fields that belonged
     * to the old one (history keeps them) */
    if (editing && category) {
        int ride = !strcmp(category, "ride");
        if (!ride) {
            if (!args_value(o, "provider"))
                set_text(&x->provider, NULL);
            if (!args_value(o, "from"))
                set_text(&x->from, NULL);
            if (!args_value(o, "to"))
                set_text(&x->to, NULL);
            if (!args_value(o, "driver"))
                set_text(&x->driver, NULL);
            if (!args_value(o, "tip"))
                x->tip = -1;
            if (!args_value(o, "platform-fee"))
                x->platform_fee = -1;
            if (!args_has(o, "shared"))
                x->shared = -1;
        }
        if (strcmp(category, "lodging")) {
            if (!args_value(o, "nights"))
                x->nights = -1;
            if (!args_value(o, "compare-rate"))
                x->compare_rate = -1;
        }
        if (strcmp(category, "donation") && !args_value(o, "recipient"))
            set_text(&x->recipient, NULL);
    }
    if (!strcmp(x->category, "ride") && !x->provider)
        x->provider = xstrdup("other");
    if (!strcmp(x->category, "ride") && x->shared < 0)
        x->shared = 0;
    rc = expense_check(x, digits, e);
cleanup:
    trip_release(&t);
    return rc;
}

void entry_cells(const struct expense *x, struct entry_cells *c)
{
    int d = money_digits(x->currency);
    if (d < 0)
        d = 2;
    snprintf(c->buf[0], sizeof c->buf[0], "%lld", (long long)x->id);
    money_format(x->amount, d, c->buf[1], sizeof c->buf[1]);
    c->buf[2][0] = c->buf[3][0] = c->buf[4][0] = c->buf[5][0] = 0;
    if (x->tip >= 0)
        money_format(x->tip, d, c->buf[2], sizeof c->buf[2]);
    if (x->platform_fee >= 0)
        money_format(x->platform_fee, d, c->buf[3], sizeof c->buf[3]);
    if (x->nights >= 0)
        snprintf(c->buf[4], sizeof c->buf[4], "%lld", (long long)x->nights);
    if (x->compare_rate >= 0)
        money_format(x->compare_rate, d, c->buf[5], sizeof c->buf[5]);
    c->cells[0] = c->buf[0];
    c->cells[1] = x->date;
    c->cells[2] = x->category;
    c->cells[3] = c->buf[1];
    c->cells[4] = x->currency;
    c->cells[5] = x->merchant ? x->merchant : "";
    c->cells[6] = x->note ? x->note : "";
    c->cells[7] = x->trip_slug ? x->trip_slug : "";
    c->cells[8] = x->reimbursable ? "yes" : "no";
    c->cells[9] = x->provider ? x->provider : "";
    c->cells[10] = x->from ? x->from : "";
    c->cells[11] = x->to ? x->to : "";
    c->cells[12] = x->driver ? x->driver : "";
    c->cells[13] = c->buf[2];
    c->cells[14] = x->payment ? x->payment : "";
    c->cells[15] = x->receipt ? x->receipt : "";
    c->cells[16] = c->buf[3];
    c->cells[17] = x->shared < 0 ? "" : x->shared ? "yes" : "no";
    c->cells[18] = c->buf[4];
    c->cells[19] = c->buf[5];
    c->cells[20] = x->recipient ? x->recipient : "";
    c->cells[21] = x->uid;
}

char *entry_summary(const struct expense *x)
{
    char amt[32];
    int d = money_digits(x->currency);
    const char *who = x->merchant ? x->merchant : x->recipient;
    size_t n;
    char *buf, *shown;
    money_format(x->amount, d < 0 ? 2 : d, amt, sizeof amt);
    n = 128 + (who ? strlen(who) : 0) + (x->from ? strlen(x->from) : 0) +
        (x->to ? strlen(x->to) : 0) + (x->trip_slug ? strlen(x->trip_slug) : 0);
    buf = xmalloc(n);
    snprintf(buf, n,
             "%lld  %s  %s  %s %s"
             "%s%s%s%s%s%s%s%s%s",
             (long long)x->id, x->date, x->category, amt, x->currency, who ? "  " : "",
             who ? who : "", (x->from || x->to) ? "  " : "",
             (x->from || x->to) ? (x->from ? x->from : "?") : "", (x->from || x->to) ? " -> " : "",
             (x->from || x->to) ? (x->to ? x->to : "?") : "", x->trip_slug ? "  [" : "",
             x->trip_slug ? x->trip_slug : "", x->trip_slug ? "]" : "");
    if (x->amount < 0) {
        size_t l = strlen(buf);
        snprintf(buf + l, n - l, "  (refund)");
    }
    shown = text_show(buf);
    free(buf);
    return shown;
}
