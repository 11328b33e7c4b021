/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interactive.h - `confspend add` with no arguments on a terminal: ask for each field in
 * turn (GNU readline: line editing, history of the session, completion), offering the most
 * recent expense of the category as defaults. */
#ifndef CONFSPEND_INTERACTIVE_H
#define CONFSPEND_INTERACTIVE_H

#include <sqlite3.h>
#include "confspend/entry.h"
#include "confspend/error.h"

/* The answers: CATEGORY, AMOUNT and the options as if typed (NULL: not given). Every
 * string is owned by the struct (OWNED). ADDED is set by the caller (how many expenses
 * this session added before); QUIT is set when the session is ended at the category. */
struct interactive_add {
    const char *category, *amount;
    struct entry_opts eo;
    char **owned;
    int nowned, capowned;
    int added, quit;
    int retry; /* set by the caller: ask again, the answers in the struct as defaults */
};

/* 1 when standard input and output are both terminals. */
int interactive_possible(void);

/*
 * Ask on the terminal for one expense, as hledger add does: category, amount, date, then
 * a ride's from, to, provider and tip, or the merchant (a donation's recipient, a
 * lodging's nights), then a note and whether it is reimbursable. Each question shows its
 * default in brackets: the field of the most recent expense of the category in DB (NULL:
 * no database yet, so no defaults; the date's is TODAY). A ride's route is guessed from
 * where the rides go: `from` offers where the most recent ride ended when a ride has
 * started there before (the next leg of a known round), else where it started; `to`
 * offers where the newest ride from the answered place went (from where the most recent
 * ride ended: back where it started); provider and tip are those of the newest ride on
 * that route, else of the most recent ride.
 * An empty answer takes the default, "-" leaves the field empty, "." takes the defaults
 * of this question and all the rest, "<" goes back one question. An answer is checked as
 * it is typed (category or its unique prefix, amount, date word, place, provider, yes or
 * no) and a wrong one is asked again with its reason. Tab completes categories,
 * providers, places (place_each_known()) and merchants.
 * "." or Ctrl-D at the category ends the session: 0 with QUIT set. Ctrl-D at any other
 * question is CS_EINPUT "add: ended at QUESTION; nothing was added" (with ADDED: "this
 * expense was not added").
 */
int interactive_add_ask(sqlite3 *db, const char *today, struct interactive_add *a,
                        struct cs_err *e);
/* Free what A owns and clear it for the next expense (ADDED is kept). With RETRY set by
 * the caller, interactive_add_ask() asks again with A's answers as the defaults (after an
 * expense that could not be added). */
void interactive_add_release(struct interactive_add *a);

#endif
