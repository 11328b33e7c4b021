/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rule.c - the glob, the user's rules as stored, and the built-in ones. */
#include "confspend/rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/db.h"

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The bytes of the UTF-8 character at S (1 for a stray byte). */
static size_t char_len(const unsigned char *s)
{
    size_t n = 1;
    if (*s >= 0xc0)
        while ((s[n] & 0xc0) == 0x80 && n < 4)
            n++;
    return n;
}

int rule_glob(const char *pattern, const char *text)
{
    const unsigned char *p = (const unsigned char *)pattern, *t = (const unsigned char *)text;
    const unsigned char *star = NULL, *back = NULL;
    /* the classic one-star backtracking: on a mismatch after a '*', let the star take one
     * more character of the text and try again; linear in practice, never exponential */
    while (*t) {
        if (*p == '*') {
            star = ++p;
            back = t;
        } else if (*p == '?') {
            p++;
            t += char_len(t);
        } else if (*p && fold(*p) == fold(*t)) {
            p++;
            t++;
        } else if (star) {
            p = star;
            back += char_len(back);
            t = back;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == 0;
}

/* clang-format off */
const struct rule rule_builtins[] = {
    {0, "UBER*TRIP*", RULE_MERCHANT, "ride", "uber", 0, NULL, -1, NULL, 0, 0, 0, NULL},
    {0, "UBER *TRIP", RULE_MERCHANT, "ride", "uber", 0, NULL, -1, NULL, 0, 0, 0, NULL},
    {0, "LYFT*RIDE*", RULE_MERCHANT, "ride", "lyft", 0, NULL, -1, NULL, 0, 0, 0, NULL},
    {0, "LYFT*TIP*", RULE_MERCHANT, "ride", "lyft", 0, NULL, -1, NULL, 0, 1, 0, NULL},
    {0, "*PAYMENT*THANK YOU*", RULE_MERCHANT, NULL, NULL, 0, NULL, -1, NULL, 1, 0, 1,
     "card payment"},
    {0, "AUTOPAY*", RULE_MERCHANT, NULL, NULL, 0, NULL, -1, NULL, 1, 0, 1, "card payment"},
};
/* clang-format on */
const int rule_nbuiltins = (int)(sizeof rule_builtins / sizeof rule_builtins[0]);

static const char *keep(struct rule_set *s, sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    if (!t)
        return NULL;
    s->texts = xrealloc(s->texts, sizeof *s->texts * (size_t)(s->ntexts + 1));
    return s->texts[s->ntexts++] = xstrdup(t);
}

int rule_set_load(sqlite3 *db, struct rule_set *s, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc, cap = 0;
    memset(s, 0, sizeof *s);
    if (!db)
        return 0;
    if (db_prepare(db,
                   "SELECT r.id, r.pattern, r.field, r.category, r.provider, r.trip_id, t.slug, "
                   "r.reimbursable, r.merchant, r.skip FROM rule r LEFT JOIN trip t ON "
                   "t.id = r.trip_id ORDER BY r.id",
                   &st, e))
        return CS_EFAIL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct rule *r;
        const char *f = (const char *)sqlite3_column_text(st, 2);
        if (s->n == cap) {
            cap = cap ? cap * 2 : 16;
            s->v = xrealloc(s->v, sizeof *s->v * (size_t)cap);
        }
        r = &s->v[s->n++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(st, 0);
        r->pattern = keep(s, st, 1);
        r->field = !strcmp(f, "note") ? RULE_NOTE : !strcmp(f, "any") ? RULE_ANY : RULE_MERCHANT;
        r->category = keep(s, st, 3);
        r->provider = keep(s, st, 4);
        r->trip_id = sqlite3_column_int64(st, 5);
        r->trip_slug = keep(s, st, 6);
        r->reimbursable =
            sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 7);
        r->merchant = keep(s, st, 8);
        r->skip = sqlite3_column_int(st, 9);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        rule_set_release(s);
        return db_fail(db, "cannot read the rules", e);
    }
    return 0;
}

void rule_set_release(struct rule_set *s)
{
    for (int i = 0; i < s->ntexts; i++)
        free(s->texts[i]);
    free(s->texts);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int matches(const struct rule *r, const char *merchant, const char *note, int money_in)
{
    if (r->money_in && !money_in)
        return 0;
    if (r->field != RULE_NOTE && rule_glob(r->pattern, merchant ? merchant : ""))
        return 1;
    return r->field != RULE_MERCHANT && rule_glob(r->pattern, note ? note : "");
}

const struct rule *rule_find(const struct rule_set *s, const char *merchant, const char *note,
                             int money_in)
{
    for (int i = 0; s && i < s->n; i++)
        if (matches(&s->v[i], merchant, note, money_in))
            return &s->v[i];
    for (int i = 0; i < rule_nbuiltins; i++)
        if (matches(&rule_builtins[i], merchant, note, money_in))
            return &rule_builtins[i];
    return NULL;
}

void rule_describe(const struct rule *r, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (len < n)                                                                               \
            len += (size_t)snprintf(buf + len, n - len, __VA_ARGS__);                              \
    } while (0)
    if (r->skip) {
        if (r->skip_reason)
            ADD("skip (%s)", r->skip_reason);
        else
            ADD("skip (rule %lld)", (long long)r->id);
        return;
    }
    if (r->category)
        ADD("category %s", r->category);
    if (r->provider)
        ADD("%sprovider %s", len ? ", " : "", r->provider);
    if (r->tip)
        ADD("%sthe amount is a tip", len ? ", " : "");
    if (r->trip_id)
        ADD("%strip %s", len ? ", " : "", r->trip_slug ? r->trip_slug : "(removed)");
    if (r->reimbursable >= 0)
        ADD("%s%s", len ? ", " : "", r->reimbursable ? "reimbursable" : "personal");
    if (r->merchant)
        ADD("%smerchant %s", len ? ", " : "", r->merchant);
    if (!len)
        ADD("nothing (the row as it is)");
#undef ADD
}
