/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rule.h - the rules of an import from a real source: a case-insensitive glob against a
 * row's merchant or note, and what the first rule that matches does to the row (SPEC
 * "Import from real sources", rules). The user's rules (table rule) come first, in id
 * order, then the built-in ones. */
#ifndef CONFSPEND_RULE_H
#define CONFSPEND_RULE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "confspend/error.h"

/*
 * 1 when TEXT matches the glob PATTERN as a whole: '*' is any run of characters (none
 * too), '?' one character (one UTF-8 code point), anything else itself, ASCII letters in
 * either case. No escapes: a '*' or '?' in a merchant is matched by the wildcard.
 */
int rule_glob(const char *pattern, const char *text);

enum rule_field { RULE_MERCHANT, RULE_NOTE, RULE_ANY };

/* One rule. Text is owned by the rule set (or static for the built-in ones). */
struct rule {
    int64_t id; /* the user's rule number; 0 for a built-in one */
    const char *pattern;
    enum rule_field field;
    const char *category; /* NULL: keep the row's */
    const char *provider; /* NULL: keep the row's */
    int64_t trip_id;      /* 0: the trip by date */
    const char *trip_slug;
    int reimbursable;        /* -1: keep (personal), 0 personal, 1 reimbursable */
    const char *merchant;    /* NULL: keep the row's */
    int skip;                /* the row is no expense: skipped as "rule N" */
    int tip;                 /* built-in: the whole amount is a tip (LYFT*TIP*) */
    int money_in;            /* built-in: only for a row of money in (SRC_CREDIT) */
    const char *skip_reason; /* built-in skip: its reason ("card payment") */
};

/* The user's rules (loaded) and the built-in ones after them. */
struct rule_set {
    struct rule *v;
    int n; /* the user's */
    char **texts;
    int ntexts;
};

/* Load the user's rules from DB (NULL: none) into S. */
int rule_set_load(sqlite3 *db, struct rule_set *s, struct cs_err *e);
void rule_set_release(struct rule_set *s);

/* The built-in rules, in order, and how many. */
extern const struct rule rule_builtins[];
extern const int rule_nbuiltins;

/*
 * The first rule of S (the user's, then the built-in ones) that matches a row with
 * MERCHANT and NOTE (either NULL), MONEY_IN when it is money in that the source cannot
 * tell apart (SRC_CREDIT); NULL when none does.
 */
const struct rule *rule_find(const struct rule_set *s, const char *merchant, const char *note,
                             int money_in);

/* What rule R does, in words, into BUF: "category ride, provider uber", "skip". */
void rule_describe(const struct rule *r, char *buf, size_t n);

#endif
