/* SPDX-License-Identifier: GPL-3.0-or-later */
/* entry.c - the options shared by add and edit, and the expense's column cells. */
#include "confspend/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/trip.h"

const char *const entry_columns[FULL_NCOLS] = {
    "id",     "date",         "category",     "amount",   "currency",     "merchant",
    "note",   "trip",         "reimbursable", "provider", "from",         "to",
    "driver", "tip",          "payment",      "receipt",  "platform_fee", "shared",
    "nights", "compare_rate", "recipient",    "uid"};

/* The negations of ENTRY_NEGATED: NEG_TIP, ..., and the options they negate. */
#define NEG_ENUM(id, option) NEG_##id
#define NEG_OPTION(id, option) option
enum { ENTRY_NEGATED(NEG_ENUM, CS_COMMA), NNEG };
static const char *const negated[NNEG] = {ENTRY_NEGATED(NEG_OPTION, CS_COMMA)};

/* 1 when the option that negation I (ENTRY_NEGATED's order) clears was given itself. */
static int negated_given(const struct entry_opts *eo, int i)
{
    switch (i) {
    case NEG_MERCHANT:
        return eo->merchant != NULL;
    case NEG_NOTE:
        return eo->note != NULL;
    case NEG_PAYMENT:
        return eo->payment != NULL;
    case NEG_RECEIPT:
        return eo->receipt != NULL;
    case NEG_REFUND:
        return eo->refund;
    case NEG_FROM:
        return eo->from != NULL;
    case NEG_TO:
        return eo->to != NULL;
    case NEG_DRIVER:
        return eo->driver != NULL;
    case NEG_TIP:
        return eo->tip != NULL;
    case NEG_PLATFORM_FEE:
        return eo->platform_fee != NULL;
    case NEG_SHARED:
        return eo->shared;
    case NEG_NIGHTS:
        return eo->nights != NULL;
    case NEG_COMPARE_RATE:
        return eo->compare_rate != NULL;
    case NEG_RECIPIENT:
        return eo->recipient != NULL;
    case NEG_BASE_AMOUNT:
        return eo->base_amount != NULL;
    case NEG_RATING:
        return eo->rating != NULL;
    }
    return 0;
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

int entry_precheck(const struct entry_opts *eo, const char *category, const char *amount,
                   struct cs_err *e)
{
    const struct {
        const char *name, *value;
    } texts[] = {{"merchant", eo->merchant}, {"note", eo->note},          {"payment", eo->payment},
                 {"receipt", eo->receipt},   {"from", eo->from},          {"to", eo->to},
                 {"driver", eo->driver},     {"recipient", eo->recipient}};
    int64_t v;
    struct cs_date d;
    const char *cur = eo->currency;
    int digits;
    if (category && !category_valid(category))
        return category_refuse("category", category, e);
    if (cur && money_digits(cur) < 0)
        return cs_error(e, CS_EINPUT, "--currency", cur, "unknown ISO 4217 currency code");
    if (amount && money_parse(amount, syntax_digits(cur, amount), &v, "amount", e))
        return CS_EINPUT;
    if (eo->date && date_parse(eo->date, &d, "--date", e))
        return CS_EINPUT;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *s = texts[i].value;
        char field[32];
        snprintf(field, sizeof field, "--%s", texts[i].name);
        if (s && (text_check(s, field, e) || text_length_check(s, field, e)))
            return CS_EINPUT;
    }
    digits = syntax_digits(cur, eo->tip);
    if (eo->tip && money_parse(eo->tip, digits, &v, "--tip", e))
        return CS_EINPUT;
    if (eo->platform_fee && money_parse(eo->platform_fee, syntax_digits(cur, eo->platform_fee), &v,
                                        "--platform-fee", e))
        return CS_EINPUT;
    if (eo->compare_rate && money_parse(eo->compare_rate, syntax_digits(cur, eo->compare_rate), &v,
                                        "--compare-rate", e))
        return CS_EINPUT;
    if (eo->nights && parse_whole(eo->nights, "--nights", 1, NIGHTS_MAX, &v, e))
        return CS_EINPUT;
    if (eo->base_amount &&
        money_parse(eo->base_amount, syntax_digits(NULL, eo->base_amount), &v, "--base-amount", e))
        return CS_EINPUT;
    if (eo->rating && parse_whole(eo->rating, "--rating", 1, 5, &v, e))
        return CS_EINPUT;
    if (eo->provider && !provider_canonical(eo->provider))
        return provider_refuse("--provider", eo->provider, e);
    if (eo->reimbursable && eo->personal)
        return cs_error(e, CS_EINPUT, "--reimbursable", NULL, "cannot go with --personal");
    for (int i = 0; i < NNEG; i++) {
        char field[32];
        snprintf(field, sizeof field, "--no-%s", negated[i]);
        if (eo->no[i] && negated_given(eo, i))
            return cs_error(e, CS_EINPUT, field, NULL, "cannot go with --%s", negated[i]);
    }
    if ((eo->trip != NULL) && eo->no_trip)
        return cs_error(e, CS_EINPUT, "--trip", eo->trip, "cannot go with --no-trip");
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

/*
 * What the card charged in the base currency (--base-amount, edit's --no-base-amount) onto
 * X, once its currency and amount are known: only for an expense in another currency than
 * the base (else CS_EINPUT: it needs none), not for an amount of 0; it takes the amount's
 * sign (a refund's is negative). A kept one follows a new refund sign, and an edit that
 * moves the expense into the currency of its base amount is refused unless it drops it.
 */
static int apply_base_amount(sqlite3 *db, const struct entry_opts *eo, int drop, struct expense *x,
                             struct cs_err *e)
{
    char base[4];
    int64_t v;
    int rc;
    if (drop) {
        x->base_currency[0] = 0;
        x->base_amount = 0;
        return 0;
    }
    if (eo->base_amount) {
        if ((rc = config_base_currency(db, base, e)))
            return rc;
        if (!strcmp(x->currency, base))
            return cs_error(e, CS_EINPUT, "--base-amount", eo->base_amount,
                            "the expense is in the base currency %s; only one in another "
                            "currency has a base amount",
                            base);
        if (money_parse(eo->base_amount, money_digits(base), &v, "--base-amount", e))
            return CS_EINPUT;
        if (v == 0)
            return cs_error(e, CS_EINPUT, "--base-amount", eo->base_amount,
                            "must be greater than zero");
        if (x->amount == 0)
            return cs_error(e, CS_EINPUT, "--base-amount", eo->base_amount,
                            "not for an amount of 0 (it converts nothing)");
        x->base_amount = x->amount < 0 ? -v : v;
        snprintf(x->base_currency, sizeof x->base_currency, "%s", base);
        return 0;
    }
    if (!*x->base_currency)
        return 0;
    if (!strcmp(x->currency, x->base_currency))
        return cs_error(e, CS_EINPUT, "--currency", x->currency,
                        "the expense has a base amount in %s; give --no-base-amount too",
                        x->base_currency);
    if (x->amount == 0)
        return cs_error(e, CS_EINPUT, "amount", "0",
                        "the expense has a base amount; give --no-base-amount too");
    if ((x->amount < 0) != (x->base_amount < 0))
        x->base_amount = -x->base_amount;
    return 0;
}

int entry_apply(sqlite3 *db, const char *today, const struct entry_opts *eo, const char *category,
                const char *amount, struct expense *x, int editing, struct cs_err *e)
{
    struct trip t = TRIP_INIT;
    const char *s;
    int old_digits = editing ? money_digits(x->currency) : -1, digits, rc = 0;
    int neg[NNEG], refund;
    for (int i = 0; i < NNEG; i++)
        neg[i] = editing && eo->no[i];
    /* a new --amount of a refund is a refund too, unless --no-refund */
    refund = x->amount < 0 && !neg[NEG_REFUND];

    if (category)
        snprintf(x->category, sizeof x->category, "%s", category);
    /* trip */
    if ((s = eo->trip)) {
        if ((rc = trip_load(db, s, &t, e)))
            goto cleanup;
        x->trip_id = t.id;
    } else if (eo->no_trip) {
        x->trip_id = 0;
    } else if (!editing) {
        if ((rc = trip_active(db, &x->trip_id, e)))
            goto cleanup;
        if (x->trip_id && (rc = trip_load_id(db, x->trip_id, &t, e)))
            goto cleanup;
    }
    /* currency */
    if ((s = eo->currency))
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
        if (!eo->tip && (rc = rescale(&x->tip, old_digits, digits, "--tip", e)))
            goto cleanup;
        if (!eo->platform_fee &&
            (rc = rescale(&x->platform_fee, old_digits, digits, "--platform-fee", e)))
            goto cleanup;
        if (!eo->compare_rate &&
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
    if (eo->refund && x->amount > 0)
        x->amount = -x->amount;
    if (neg[NEG_REFUND] && x->amount < 0)
        x->amount = -x->amount;
    if ((s = eo->tip) && (rc = money_parse(s, digits, &x->tip, "--tip", e)))
        goto cleanup;
    if ((s = eo->platform_fee) &&
        (rc = money_parse(s, digits, &x->platform_fee, "--platform-fee", e)))
        goto cleanup;
    if ((s = eo->compare_rate) &&
        (rc = money_parse(s, digits, &x->compare_rate, "--compare-rate", e)))
        goto cleanup;
    if ((s = eo->nights) && (rc = parse_whole(s, "--nights", 1, NIGHTS_MAX, &x->nights, e)))
        goto cleanup;
    if ((s = eo->rating)) {
        int64_t r;
        if ((rc = parse_whole(s, "--rating", 1, 5, &r, e)))
            goto cleanup;
        x->rating = (int)r;
    }
    /* date */
    if ((s = eo->date))
        snprintf(x->date, sizeof x->date, "%s", s);
    else if (!editing)
        snprintf(x->date, sizeof x->date, "%s", today);
    /* text */
    if (eo->merchant)
        set_text(&x->merchant, eo->merchant);
    if (eo->note)
        set_text(&x->note, eo->note);
    if (eo->payment)
        set_text(&x->payment, eo->payment);
    /* --receipt FILE: add and edit store the file itself (receipt.h); x->receipt is only
     * a revision-1 path kept as a note, which --no-receipt clears */
    if (eo->provider) /* any case: stored as listed */
        set_text(&x->provider, provider_canonical(eo->provider));
    if (eo->from)
        set_text(&x->from, eo->from);
    if (eo->to)
        set_text(&x->to, eo->to);
    if (eo->driver)
        set_text(&x->driver, eo->driver);
    if (eo->recipient)
        set_text(&x->recipient, eo->recipient);
    if (eo->shared)
        x->shared = 1;
    if (eo->reimbursable)
        x->reimbursable = 1;
    if (eo->personal)
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
        if (neg[NEG_RATING])
            x->rating = -1;
    }
    /* an edit that moves an expense to another category drops the fields that belonged
     * to the old one (history keeps them) */
    if (editing && category) {
        int ride = !strcmp(category, "ride");
        if (!ride) {
            if (!eo->provider)
                set_text(&x->provider, NULL);
            if (!eo->from)
                set_text(&x->from, NULL);
            if (!eo->to)
                set_text(&x->to, NULL);
            if (!eo->driver)
                set_text(&x->driver, NULL);
            if (!eo->tip)
                x->tip = -1;
            if (!eo->platform_fee)
                x->platform_fee = -1;
            if (!eo->shared)
                x->shared = -1;
            if (!eo->rating)
                x->rating = -1;
        }
        if (strcmp(category, "lodging")) {
            if (!eo->nights)
                x->nights = -1;
            if (!eo->compare_rate)
                x->compare_rate = -1;
        }
        if (strcmp(category, "donation") && !eo->recipient)
            set_text(&x->recipient, NULL);
    }
    /* a new expense takes its trip's defaults (trip add|edit --reimbursable, --provider) */
    if (!editing && t.id && t.reimbursable && !eo->personal)
        x->reimbursable = 1;
    if (!editing && t.id && t.provider && !eo->provider && !strcmp(x->category, "ride"))
        set_text(&x->provider, t.provider);
    if (!strcmp(x->category, "ride") && !x->provider)
        x->provider = xstrdup("other");
    if (!strcmp(x->category, "ride") && x->shared < 0)
        x->shared = 0;
    if ((rc = apply_base_amount(db, eo, neg[NEG_BASE_AMOUNT], x, e)))
        goto cleanup;
    rc = expense_check(x, digits, e);
    /* the slug shown in the one-line summary, as a load would read it */
    if (t.id || !x->trip_id) {
        free(x->trip_slug);
        x->trip_slug = t.id ? xstrdup(t.slug) : NULL;
    }
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
