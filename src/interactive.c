/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interactive.c - the questions of an interactive `add` (GNU readline), asked as hledger
 * add asks them: the module confspend-readline.so, opened by interactive_add_ask()
 * (interactive_module.c) on first use, so that no other command pays for loading readline
 * and its terminal library. */
#include "confspend/interactive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "confspend/date.h"
#include "confspend/expense.h"
#include "confspend/money.h"
#include "confspend/place.h"
#include "confspend/recent.h"

/* What Tab offers for the question being asked. */
static struct {
    char **word;
    size_t n, cap;
} offer;

static void offer_clear(void)
{
    for (size_t i = 0; i < offer.n; i++)
        free(offer.word[i]);
    offer.n = 0;
}

static int offer_add(const char *w, void *unused)
{
    (void)unused;
    for (size_t i = 0; i < offer.n; i++)
        if (!strcmp(offer.word[i], w))
            return 0;
    if (offer.n == offer.cap) {
        offer.cap = offer.cap ? 2 * offer.cap : 32;
        offer.word = xrealloc(offer.word, sizeof(char *) * offer.cap);
    }
    offer.word[offer.n++] = xstrdup(w);
    return 0;
}

static int offer_alias(const char *alias, const char *name, void *unused)
{
    (void)name;
    return offer_add(alias, unused);
}

/* readline's generator: the offered words that begin with TEXT, ignoring case. */
static char *offer_next(const char *text, int state)
{
    static size_t i, len;
    if (!state) {
        i = 0;
        len = strlen(text);
    }
    while (i < offer.n) {
        const char *w = offer.word[i++];
        if (!strncasecmp(w, text, len))
            return strdup(w); /* readline frees it with free() */
    }
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1; /* never file names */
    return rl_completion_matches(text, offer_next);
}

/* Keep S (allocated) in A; returns it. */
static const char *keep(struct interactive_add *a, char *s)
{
    if (a->nowned == a->capowned) {
        a->capowned = a->capowned ? 2 * a->capowned : 16;
        a->owned = xrealloc(a->owned, sizeof(char *) * (size_t)a->capowned);
    }
    a->owned[a->nowned++] = s;
    return s;
}

/* The questions, in the order they are asked (next_question() skips those that are not
 * the category's). */
enum question {
    Q_CATEGORY,
    Q_AMOUNT,
    Q_DATE,
    Q_FROM,
    Q_TO,
    Q_PROVIDER,
    Q_TIP,
    Q_RECIPIENT,
    Q_MERCHANT,
    Q_NIGHTS,
    Q_NOTE,
    Q_REIMBURSABLE,
    Q_DONE
};

static const char *const question_name[Q_DONE] = {
    "category", "amount",    "date",     "from",   "to",   "provider",
    "tip",      "recipient", "merchant", "nights", "note", "reimbursable (yes/no)"};

static enum question next_question(enum question q, const char *category)
{
    int ride = !strcmp(category, "ride"), donation = !strcmp(category, "donation");
    for (q++; q < Q_DONE; q++) {
        if ((q >= Q_FROM && q <= Q_TIP) && !ride)
            continue;
        if (q == Q_RECIPIENT && !donation)
            continue;
        if (q == Q_MERCHANT && (ride || donation))
            continue;
        if (q == Q_NIGHTS && strcmp(category, "lodging"))
            continue;
        break;
    }
    return q;
}

/* What an answer must be, checked as it is typed so that a wrong one is asked again
 * rather than found after the last question: 0, or CS_EINPUT naming it. An answer may be
 * replaced by what it means (a date word by its date, a prefix by its category, a place
 * alias by its place) in *FIXED (allocated). */
typedef int (*answer_check)(const char *answer, char **fixed, struct cs_err *e);

static struct cs_date ask_today;
static sqlite3 *ask_db;

static int check_date(const char *s, char **fixed, struct cs_err *e)
{
    struct cs_date d;
    char buf[16];
    if (date_word(s, ask_today, &d, "date", e))
        return CS_EINPUT;
    date_format(d, buf);
    *fixed = xstrdup(buf);
    return 0;
}

static int check_amount(const char *s, char **fixed, struct cs_err *e)
{
    int64_t v;
    (void)fixed;
    /* a number; its decimals are checked against the currency when it is added */
    return money_parse(s, 3, &v, "amount", e) ? CS_EINPUT : 0;
}

/* A category, or a unique prefix of one (as a long option's): "r" is ride. */
static int check_category(const char *s, char **fixed, struct cs_err *e)
{
    const char *found = NULL;
    size_t n = strlen(s);
    if (category_valid(s))
        return 0;
    for (const char *const *c = cs_categories; *c; c++) {
        if (strncmp(*c, s, n))
            continue;
        if (found)
            return cs_error(e, CS_EINPUT, "category", s, "ambiguous: %s or %s", found, *c);
        found = *c;
    }
    if (!found)
        return category_refuse("category", s, e);
    *fixed = xstrdup(found);
    return 0;
}

static int check_provider(const char *s, char **fixed, struct cs_err *e)
{
    (void)fixed;
    return provider_canonical(s) ? 0 : provider_refuse("provider", s, e);
}

/* A place as --from/--to take it (place_resolve()): an ambiguous prefix is asked again. */
static int check_place(const char *field, const char *s, char **fixed, struct cs_err *e)
{
    char *near = NULL;
    if (!ask_db)
        return 0;
    if (place_resolve(ask_db, field, s, fixed, &near, e))
        return CS_EINPUT;
    free(near); /* the hint is given when the expense is added */
    return 0;
}

static int check_from(const char *s, char **fixed, struct cs_err *e)
{
    return check_place("from", s, fixed, e);
}

static int check_to(const char *s, char **fixed, struct cs_err *e)
{
    return check_place("to", s, fixed, e);
}

static int check_yes_no(const char *s, char **fixed, struct cs_err *e)
{
    (void)fixed;
    if (!strcasecmp(s, "y") || !strcasecmp(s, "yes") || !strcasecmp(s, "n") || !strcasecmp(s, "no"))
        return 0;
    return cs_error(e, CS_EINPUT, "reimbursable", s, "answer yes or no");
}

static const answer_check question_check[Q_DONE] = {
    [Q_CATEGORY] = check_category,  [Q_AMOUNT] = check_amount, [Q_DATE] = check_date,
    [Q_FROM] = check_from,          [Q_TO] = check_to,         [Q_PROVIDER] = check_provider,
    [Q_REIMBURSABLE] = check_yes_no};

enum { ANSWERED, BACK, REST, ENDED };

/*
 * Ask question Q with default DEF (NULL or "": none) and the words offered now; the answer
 * into *OUT (kept in A): the default for an empty line, NULL for "-" or an empty line with
 * no default. ANSWERED, BACK for "<", REST for "." (*OUT the default), ENDED for Ctrl-D.
 */
static int ask(struct interactive_add *a, enum question q, const char *def, const char **out)
{
    const char *question = question_name[q];
    char *prompt, *line, *shown = def && *def ? text_show(def) : NULL;
    size_t n = strlen(question) + (shown ? strlen(shown) : 0) + 8;
    const char *s, *end;
    int rc = ANSWERED;
    FILE *term = rl_outstream ? rl_outstream : stdout;
    prompt = xmalloc(n);
    snprintf(prompt, n, shown ? "%s [%s]: " : "%s: ", question, shown);
    free(shown);
again:
    line = readline(prompt);
    if (!line) {
        free(prompt);
        fputc('\n', term);
        return ENDED;
    }
    for (s = line; *s == ' ' || *s == '\t'; s++)
        ;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end > s)
        add_history(line);
    if (end - s == 1 && (*s == '.' || *s == '<')) {
        rc = *s == '.' ? REST : BACK;
        *out = rc == REST && def && *def ? keep(a, xstrdup(def)) : NULL;
    } else if (end == s) {
        *out = def && *def ? keep(a, xstrdup(def)) : NULL;
    } else if (end - s == 1 && *s == '-') {
        *out = NULL;
    } else {
        char *v = xmalloc((size_t)(end - s) + 1), *fixed = NULL;
        struct cs_err ce = CS_ERR_INIT;
        memcpy(v, s, (size_t)(end - s));
        v[end - s] = 0;
        if (question_check[q] && question_check[q](v, &fixed, &ce)) {
            /* said on the terminal, and asked again: nothing typed so far is lost */
            fprintf(term, "confspend: %s\n", ce.msg);
            free(fixed);
            free(v);
            free(line);
            goto again;
        }
        if (fixed) {
            free(v);
            v = fixed;
        }
        *out = keep(a, v);
    }
    free(prompt);
    free(line);
    return rc;
}

/* What the defaults are read from: the most recent expense of the category (LAST), the
 * newest ride from the place answered (FROM), the newest ride on the route answered
 * (ROUTE); each loaded when its id is set. */
struct defaults {
    struct expense last, from, route;
    int64_t last_id, from_id, route_id;
    char amount[48], tip[48], nights[24];
};

static void defaults_release(struct defaults *d)
{
    expense_release(&d->last);
    expense_release(&d->from);
    expense_release(&d->route);
    memset(d, 0, sizeof *d);
}

static int load_ride(sqlite3 *db, const char *from, const char *to, int64_t *id, struct expense *x,
                     struct cs_err *e)
{
    int rc;
    expense_release(x);
    *id = 0;
    if (!db || !from || !*from)
        return 0;
    if ((rc = recent_ride_route(db, from, to, id, e)) ||
        (*id && (rc = expense_load(db, *id, x, e))))
        return rc;
    return 0;
}

static int same_place(const char *a, const char *b)
{
    char *fa, *fb;
    int same;
    if (!a || !b)
        return 0;
    fa = place_fold(a);
    fb = place_fold(b);
    same = *fa && !strcmp(fa, fb);
    free(fa);
    free(fb);
    return same;
}

/* The defaults of CATEGORY: its most recent expense. */
static int defaults_of(sqlite3 *db, const char *category, struct defaults *d, struct cs_err *e)
{
    int rc, digits;
    defaults_release(d);
    if (!db || !category_valid(category))
        return 0;
    if ((rc = recent_expense(db, category, &d->last_id, e)) ||
        (d->last_id && (rc = expense_load(db, d->last_id, &d->last, e))))
        return rc;
    if (!d->last_id)
        return 0;
    digits = money_digits(d->last.currency);
    money_format(d->last.amount < 0 ? -d->last.amount : d->last.amount, digits < 0 ? 2 : digits,
                 d->amount, sizeof d->amount);
    if (d->last.nights > 0)
        snprintf(d->nights, sizeof d->nights, "%lld", (long long)d->last.nights);
    return 0;
}

/* A ride's tip default: the newest ride on the route's, else the most recent ride's. */
static const char *tip_default(struct defaults *d)
{
    const struct expense *x = d->route_id ? &d->route : d->last_id ? &d->last : NULL;
    int digits;
    if (!x || x->tip < 0)
        return NULL;
    digits = money_digits(x->currency);
    money_format(x->tip, digits < 0 ? 2 : digits, d->tip, sizeof d->tip);
    return d->tip;
}

/* Question Q's default, given the answers so far (ANS). */
static int default_of(sqlite3 *db, enum question q, const char *const *ans, struct defaults *d,
                      const char **def, struct cs_err *e)
{
    const struct expense *l = d->last_id ? &d->last : NULL;
    int rc;
    *def = NULL;
    switch (q) {
    case Q_CATEGORY:
    case Q_NOTE:
        break; /* the category's is read before (the newest expense's) */
    case Q_AMOUNT:
        *def = d->amount;
        break;
    case Q_DATE:
        *def = NULL; /* today: given by the caller */
        break;
    case Q_FROM:
        if (!l)
            break;
        /* where the last ride ended, when a ride has started there before (the next leg
         * of a round already ridden); else the last ride's own */
        if ((rc = load_ride(db, l->to, NULL, &d->from_id, &d->from, e)))
            return rc;
        *def = d->from_id ? l->to : l->from;
        break;
    case Q_TO:
        if ((rc = load_ride(db, ans[Q_FROM], NULL, &d->from_id, &d->from, e)))
            return rc;
        if (d->from_id)
            *def = d->from.to; /* where rides from there went last */
        else if (l)
            *def = same_place(ans[Q_FROM], l->to) ? l->from /* the way back */ : l->to;
        break;
    case Q_PROVIDER:
        if ((rc = load_ride(db, ans[Q_FROM], ans[Q_TO] ? ans[Q_TO] : "", &d->route_id, &d->route,
                            e)))
            return rc;
        *def = d->route_id ? d->route.provider : l ? l->provider : NULL;
        break;
    case Q_TIP:
        *def = tip_default(d);
        break;
    case Q_RECIPIENT:
        *def = l ? l->recipient : NULL;
        break;
    case Q_MERCHANT:
        *def = l ? l->merchant : NULL;
        break;
    case Q_NIGHTS:
        *def = d->nights;
        break;
    case Q_REIMBURSABLE:
        *def = l ? (l->reimbursable ? "yes" : "no") : NULL;
        break;
    case Q_DONE:
        break;
    }
    return 0;
}

/* The words Tab offers for question Q. */
static int offer_for(sqlite3 *db, enum question q, struct cs_err *e)
{
    offer_clear();
    switch (q) {
    case Q_CATEGORY:
        for (const char *const *c = cs_categories; *c; c++)
            offer_add(*c, NULL);
        return 0;
    case Q_PROVIDER:
        for (const char *const *p = (const char *const[]){CS_PROVIDERS(CS_NAME, CS_COMMA), NULL};
             *p; p++)
            offer_add(*p, NULL);
        return 0;
    case Q_FROM:
    case Q_TO:
        if (db &&
            (place_each(db, offer_alias, NULL, e) || place_each_known(db, offer_add, NULL, e)))
            return CS_EFAIL;
        return 0;
    case Q_RECIPIENT:
    case Q_MERCHANT:
        return db && recent_each_merchant(db, 500, offer_add, NULL, e) ? CS_EFAIL : 0;
    case Q_REIMBURSABLE:
        offer_add("yes", NULL);
        offer_add("no", NULL);
        return 0;
    default:
        return 0;
    }
}

/* Into A's options: answer V of question Q. */
static void answer_into(struct interactive_add *a, enum question q, const char *v)
{
    struct entry_opts *eo = &a->eo;
    switch (q) {
    case Q_CATEGORY:
        a->category = v;
        break;
    case Q_AMOUNT:
        a->amount = v;
        break;
    case Q_DATE:
        eo->date = v;
        break;
    case Q_FROM:
        eo->from = v;
        break;
    case Q_TO:
        eo->to = v;
        break;
    case Q_PROVIDER:
        eo->provider = v;
        break;
    case Q_TIP:
        eo->tip = v;
        break;
    case Q_RECIPIENT:
        eo->recipient = v;
        break;
    case Q_MERCHANT:
        eo->merchant = v;
        break;
    case Q_NIGHTS:
        eo->nights = v;
        break;
    case Q_NOTE:
        eo->note = v;
        break;
    case Q_REIMBURSABLE:
        eo->reimbursable = v && (!strcasecmp(v, "y") || !strcasecmp(v, "yes"));
        eo->personal = v && (!strcasecmp(v, "n") || !strcasecmp(v, "no"));
        break;
    case Q_DONE:
        break;
    }
}

__attribute__((visibility("default"))) int confspend_interactive_add_ask(sqlite3 *db,
                                                                         const char *today,
                                                                         struct interactive_add *a,
                                                                         struct cs_err *e);
int confspend_interactive_add_ask(sqlite3 *db, const char *today, struct interactive_add *a,
                                  struct cs_err *e)
{
    struct defaults d;
    const char *ans[Q_DONE] = {NULL}, *category_def = NULL;
    enum question asked[Q_DONE], q = Q_CATEGORY;
    struct expense newest = EXPENSE_INIT;
    int nasked = 0, rest = 0, rc = 0, retry = a->retry;
    int64_t id = 0;
    FILE *term;
    /* asked again: the answers given before are the defaults (still owned by A) */
    const char *prev[Q_DONE] = {
        a->category,  a->amount,       a->eo.date,
        a->eo.from,   a->eo.to,        a->eo.provider,
        a->eo.tip,    a->eo.recipient, a->eo.merchant,
        a->eo.nights, a->eo.note,      a->eo.reimbursable ? "yes" : a->eo.personal ? "no" : NULL};
    memset(&d, 0, sizeof d);
    memset(&a->eo, 0, sizeof a->eo);
    a->category = a->amount = NULL;
    a->quit = a->retry = 0;
    rl_readline_name = "confspend";
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = (char *)"\n"; /* a place is the whole line */
    rl_completion_append_character = '\0';
    term = rl_outstream ? rl_outstream : stdout;
    ask_db = db;
    if (today && date_parse(today, &ask_today, "date", NULL))
        memset(&ask_today, 0, sizeof ask_today);

    if (db && ((rc = recent_expense(db, NULL, &id, e)) ||
               (id && (rc = expense_load(db, id, &newest, e)))))
        goto out;
    if (id)
        category_def = newest.category;
    if (!a->added && !retry)
        fprintf(term, "Enter takes the [default], - leaves it empty, . takes the rest, "
                      "< goes back, Ctrl-D ends.\n");
    while (q != Q_DONE) {
        const char *def = NULL, *v = NULL;
        int r;
        if (retry)
            def = prev[q];
        else if (q == Q_CATEGORY)
            def = category_def;
        else if (q == Q_DATE)
            def = today;
        else if ((rc = default_of(db, q, ans, &d, &def, e)))
            goto out;
        if (rest) { /* after ".": the defaults, unasked */
            v = def && *def ? keep(a, xstrdup(def)) : NULL;
            r = ANSWERED;
        } else {
            if ((rc = offer_for(db, q, e)))
                goto out;
            r = ask(a, q, def, &v);
            offer_clear();
        }
        if (r == ENDED || (r == REST && q == Q_CATEGORY)) {
            if (q == Q_CATEGORY) {
                a->quit = 1;
                goto out;
            }
            rc = cs_error(e, CS_EINPUT, "add", NULL, "ended at the %s; %s", question_name[q],
                          a->added ? "this expense was not added" : "nothing was added");
            goto out;
        }
        if (r == BACK) {
            if (nasked) {
                q = asked[--nasked];
                for (enum question k = q; k < Q_DONE; k++)
                    ans[k] = NULL;
            }
            continue;
        }
        if (r == REST) {
            if (q == Q_AMOUNT && !v) {
                fprintf(term, "confspend: amount: no default to take\n");
                continue;
            }
            rest = 1;
        }
        if (q == Q_CATEGORY) {
            if (!v) {
                fprintf(term, "confspend: category: missing\n");
                continue;
            }
            if ((rc = defaults_of(db, v, &d, e)))
                goto out;
        }
        if (q == Q_AMOUNT && !v) {
            fprintf(term, "confspend: amount: missing\n");
            continue;
        }
        ans[q] = v;
        asked[nasked++] = q;
        q = next_question(q, ans[Q_CATEGORY]);
    }
    for (int k = 0; k < Q_DONE; k++)
        answer_into(a, (enum question)k, ans[k]);
out:
    offer_clear();
    free(offer.word);
    offer.word = NULL;
    offer.cap = 0;
    ask_db = NULL;
    expense_release(&newest);
    defaults_release(&d);
    return rc;
}
