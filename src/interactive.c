/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interactive.c - the questions of an interactive `add` (GNU readline): the module
 * confspend-readline.so, opened by interactive_add_ask() (interactive_module.c) on first
 * use, so that no other command pays for loading readline and its terminal library. */
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
    if (a->nowned == (int)(sizeof a->owned / sizeof a->owned[0])) {
        free(s);
        return NULL;
    }
    a->owned[a->nowned++] = s;
    return s;
}

/* What an answer must be, checked as it is typed so that a wrong one is asked again
 * rather than found after the last question: 0, or CS_EINPUT naming it. An answer may be
 * replaced by what it means (a date word by its date) in FIXED (N bytes). */
typedef int (*answer_check)(const char *answer, char *fixed, size_t n, struct cs_err *e);

static struct cs_date ask_today;

static int check_date(const char *s, char *fixed, size_t n, struct cs_err *e)
{
    struct cs_date d;
    if (date_word(s, ask_today, &d, "date", e))
        return CS_EINPUT;
    if (n > 10)
        date_format(d, fixed);
    return 0;
}

static int check_amount(const char *s, char *fixed, size_t n, struct cs_err *e)
{
    int64_t v;
    (void)fixed;
    (void)n;
    /* a number; its decimals are checked against the currency when it is added */
    return money_parse(s, 3, &v, "amount", e) ? CS_EINPUT : 0;
}

static int check_category(const char *s, char *fixed, size_t n, struct cs_err *e)
{
    (void)fixed;
    (void)n;
    return category_valid(s) ? 0 : category_refuse("category", s, e);
}

static int check_provider(const char *s, char *fixed, size_t n, struct cs_err *e)
{
    (void)fixed;
    (void)n;
    return provider_canonical(s) ? 0 : provider_refuse("provider", s, e);
}

static int check_yes_no(const char *s, char *fixed, size_t n, struct cs_err *e)
{
    (void)fixed;
    (void)n;
    if (!strcasecmp(s, "y") || !strcasecmp(s, "yes") || !strcasecmp(s, "n") || !strcasecmp(s, "no"))
        return 0;
    return cs_error(e, CS_EINPUT, "reimbursable", s, "answer yes or no");
}

static int ask_checked(struct interactive_add *a, const char *question, const char *def,
                       const char **out, answer_check check, struct cs_err *e);

/*
 * Ask QUESTION with default DEF (NULL or "": none) and the words offered now; the answer
 * into *OUT (kept in A): the default for an empty line, NULL for "-" or an empty line with
 * no default. 0, or CS_EINPUT for Ctrl-D.
 */
static int ask(struct interactive_add *a, const char *question, const char *def, const char **out,
               struct cs_err *e)
{
    return ask_checked(a, question, def, out, NULL, e);
}

/* ask(), with the answer (not a default, nor "-") through CHECK until it passes. */
static int ask_checked(struct interactive_add *a, const char *question, const char *def,
                       const char **out, answer_check check, struct cs_err *e)
{
    char *prompt, *line, *shown = def && *def ? text_show(def) : NULL;
    size_t n = strlen(question) + (shown ? strlen(shown) : 0) + 8;
    const char *s, *end;
    prompt = xmalloc(n);
    snprintf(prompt, n, shown ? "%s [%s]: " : "%s: ", question, shown);
    free(shown);
again:
    line = readline(prompt);
    if (!line) {
        free(prompt);
        offer_clear();
        fputc('\n', rl_outstream ? rl_outstream : stdout);
        return cs_error(e, CS_EINPUT, "add", NULL, "ended at the %s; nothing was added", question);
    }
    for (s = line; *s == ' ' || *s == '\t'; s++)
        ;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end > s)
        add_history(line);
    if (end == s)
        *out = def && *def ? keep(a, xstrdup(def)) : NULL;
    else if (end - s == 1 && *s == '-')
        *out = NULL;
    else {
        char *v = xmalloc((size_t)(end - s) + 1), fixed[16] = "";
        struct cs_err ce = CS_ERR_INIT;
        memcpy(v, s, (size_t)(end - s));
        v[end - s] = 0;
        if (check && check(v, fixed, sizeof fixed, &ce)) {
            /* said on the terminal, and asked again: nothing typed so far is lost */
            char *msg = text_show(ce.msg);
            fprintf(rl_outstream ? rl_outstream : stdout, "confspend: %s\n", msg);
            free(msg);
            free(v);
            free(line);
            goto again;
        }
        if (*fixed) {
            free(v);
            v = xstrdup(fixed);
        }
        *out = keep(a, v);
    }
    free(prompt);
    free(line);
    offer_clear();
    return 0;
}

__attribute__((visibility("default"))) int confspend_interactive_add_ask(sqlite3 *db,
                                                                         const char *today,
                                                                         struct interactive_add *a,
                                                                         struct cs_err *e);
int confspend_interactive_add_ask(sqlite3 *db, const char *today, struct interactive_add *a,
                                  struct cs_err *e)
{
    struct expense r = EXPENSE_INIT;
    struct entry_opts *eo = &a->eo;
    const char *yes = NULL, *def;
    char amt[48] = "", tip[48] = "", nights[24] = "";
    int64_t id = 0;
    int rc;
    memset(eo, 0, sizeof *eo);
    rl_readline_name = "confspend";
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = (char *)"\n"; /* a place is the whole line */
    rl_completion_append_character = '\0';

    if (db && (rc = recent_expense(db, NULL, &id, e)))
        return rc;
    if (id && (rc = expense_load(db, id, &r, e)))
        return rc;
    for (const char *const *c = cs_categories; *c; c++)
        offer_add(*c, NULL);
    if (today && date_parse(today, &ask_today, "date", NULL))
        memset(&ask_today, 0, sizeof ask_today);
    if ((rc = ask_checked(a, "category", id ? r.category : NULL, &a->category, check_category, e)))
        goto out;
    if (!a->category) {
        rc = cs_error(e, CS_EINPUT, "category", NULL, "missing; nothing was added");
        goto out;
    }
    /* the defaults: the most recent expense of this category */
    expense_release(&r);
    id = 0;
    if (db && category_valid(a->category) &&
        ((rc = recent_expense(db, a->category, &id, e)) ||
         (id && (rc = expense_load(db, id, &r, e)))))
        goto out;
    if (id) {
        int d = money_digits(r.currency);
        money_format(r.amount < 0 ? -r.amount : r.amount, d < 0 ? 2 : d, amt, sizeof amt);
        if (r.tip >= 0)
            money_format(r.tip, d < 0 ? 2 : d, tip, sizeof tip);
        if (r.nights > 0)
            snprintf(nights, sizeof nights, "%lld", (long long)r.nights);
    }
    if ((rc = ask_checked(a, "amount", amt, &a->amount, check_amount, e)) ||
        (rc = ask_checked(a, "date", today, &eo->date, check_date, e)))
        goto out;
    if (!strcmp(a->category, "ride")) {
        for (const char *const *p = (const char *const[]){CS_PROVIDERS(CS_NAME, CS_COMMA), NULL};
             *p; p++)
            offer_add(*p, NULL);
        if ((rc = ask_checked(a, "provider", r.provider, &eo->provider, check_provider, e)))
            goto out;
        for (int k = 0; k < 2; k++) {
            if (db && ((rc = place_each(db, offer_alias, NULL, e)) ||
                       (rc = place_each_known(db, offer_add, NULL, e))))
                goto out;
            if ((rc = ask(a, k ? "to" : "from", k ? r.to : r.from, k ? &eo->to : &eo->from, e)))
                goto out;
        }
        if ((rc = ask(a, "tip", tip, &eo->tip, e)))
            goto out;
    } else if (!strcmp(a->category, "donation")) {
        if (db && (rc = recent_each_merchant(db, 500, offer_add, NULL, e)))
            goto out;
        if ((rc = ask(a, "recipient", r.recipient, &eo->recipient, e)))
            goto out;
    } else {
        if (db && (rc = recent_each_merchant(db, 500, offer_add, NULL, e)))
            goto out;
        if ((rc = ask(a, "merchant", r.merchant, &eo->merchant, e)))
            goto out;
        if (!strcmp(a->category, "lodging") && (rc = ask(a, "nights", nights, &eo->nights, e)))
            goto out;
    }
    if ((rc = ask(a, "note", NULL, &eo->note, e)))
        goto out;
    offer_add("yes", NULL);
    offer_add("no", NULL);
    def = id ? (r.reimbursable ? "yes" : "no") : NULL;
    if ((rc = ask_checked(a, "reimbursable (yes/no)", def, &yes, check_yes_no, e)))
        goto out;
    if (yes && (!strcasecmp(yes, "y") || !strcasecmp(yes, "yes")))
        eo->reimbursable = 1;
    else if (yes && (!strcasecmp(yes, "n") || !strcasecmp(yes, "no")))
        eo->personal = 1;
    else if (yes) {
        rc = cs_error(e, CS_EINPUT, "reimbursable", yes, "answer yes or no");
        goto out;
    }
    if (!a->amount)
        rc = cs_error(e, CS_EINPUT, "amount", NULL, "missing; nothing was added");
out:
    offer_clear();
    free(offer.word);
    offer.word = NULL;
    offer.cap = 0;
    expense_release(&r);
    return rc;
}
