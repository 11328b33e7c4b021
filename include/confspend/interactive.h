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
 * string is owned by the struct (OWNED). */
struct interactive_add {
    const char *category, *amount;
    struct entry_opts eo;
    char *owned[24];
    int nowned;
};

/* 1 when standard input and output are both terminals. */
int interactive_possible(void);

/*
 * Ask on the terminal: category, amount, date, then the ride's provider, from, to and tip,
 * or the merchant (a donation's recipient, a lodging's nights), then a note and whether it
 * is reimbursable. Each question shows its default in brackets: the field of the most
 * recent expense of the category in DB (NULL: no database yet, so no defaults; the date's
 * is TODAY). An empty answer takes the default, "-" leaves the field empty. Tab completes
 * categories, providers, places (place_each_known()) and merchants. Ctrl-D at any
 * question ends it: CS_EINPUT "add: ended at QUESTION; nothing was added". Answers are
 * checked later as the options of add are.
 */
int interactive_add_ask(sqlite3 *db, const char *today, struct interactive_add *a,
                        struct cs_err *e);
void interactive_add_release(struct interactive_add *a);

#endif
