/* SPDX-License-Identifier: GPL-3.0-or-later */
/* args.h - the option parser every command uses: --name VALUE, --name=VALUE, flags. */
#ifndef CONFSPEND_ARGS_H
#define CONFSPEND_ARGS_H

#include <stdint.h>

#include "confspend/error.h"

enum { OPT_FLAG = 0, OPT_VALUE = 1 };

struct cs_opt {
    const char *name;  /* without the leading "--" */
    int kind;          /* OPT_FLAG or OPT_VALUE */
    const char *value; /* the value given (the last one wins), NULL when absent */
    int seen;          /* how many times it was given */
};

/*
 * Parse ARGV[0..ARGC) against OPTS (terminated by a NULL name). Words that are not options
 * (or that start with '-' and a digit, like "-5", or that follow "--") are collected into
 * POS, at most MAXPOS of them. "--help" (or -h) sets *HELP. A long option may be given by
 * any prefix that names only one of OPTS (--reimb); a short option (-d, see
 * args_short_name) stands for its long one where OPTS has it, its value in the next word
 * or attached (-d2026-11-03). Unknown options, an ambiguous prefix (naming the options it
 * could be), a missing value, a value given to a flag and too many positionals fill E
 * (CS_EINPUT).
 */
int args_parse(int argc, char **argv, struct cs_opt *opts, const char **pos, int maxpos, int *npos,
               int *help, struct cs_err *e);

/* The long option the short option -LETTER stands for (-d --date, -m --merchant, -n
 * --note, -t --trip, -c --currency, -p --provider, -r --reimbursable), or NULL; and the
 * other way, the letter of the long option NAME, or 0. */
const char *args_short_name(char letter);
char args_short_letter(const char *name);

/* The option named NAME in OPTS (which must exist). */
struct cs_opt *args_get(struct cs_opt *opts, const char *name);

/* The option named NAME in OPTS, or NULL when OPTS has no such option. */
struct cs_opt *args_find(struct cs_opt *opts, const char *name);

/* Its value, or NULL. */
const char *args_value(struct cs_opt *opts, const char *name);

/* 1 if given. */
int args_has(struct cs_opt *opts, const char *name);

/* A positive number naming a row ("12", "#12") into *OUT; else CS_EINPUT naming FIELD and
 * S: "FIELD: WHAT (S)" ("claim: not a claim number (x)"). */
int row_id_parse(const char *s, const char *field, const char *what, int64_t *out,
                 struct cs_err *e);

/* 1 if S is valid UTF-8 with no NUL; else fills E naming FIELD. */
int text_check(const char *s, const char *field, struct cs_err *e);

/* The longest text a user may store (a merchant, a note, a trip's name, the owner...), in
 * bytes: every command and import csv hold text to it. */
#define TEXT_MAX 4096

/* 0 when S is at most TEXT_MAX bytes; else fills E (CS_EINPUT) naming FIELD:
 * "FIELD: longer than 4096 bytes (S...)". */
int text_length_check(const char *s, const char *field, struct cs_err *e);

/* The most nights one lodging expense may have (add --nights, import csv). */
#define NIGHTS_MAX 100000

/*
 * Parse S, a whole number from MIN to MAX (MAX below 10^17) in decimal digits alone (no
 * sign, no blanks), into *OUT. Anything else fills E (CS_EINPUT) naming FIELD and S:
 * "must be a whole number from MIN to MAX".
 */
int parse_whole(const char *s, const char *field, int64_t min, int64_t max, int64_t *out,
                struct cs_err *e);

#endif
