/* args.h - the option parser every command uses: --name VALUE, --name=VALUE, flags. */
#ifndef CONFSPEND_ARGS_H
#define CONFSPEND_ARGS_H

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
 * POS, at most MAXPOS of them. "--help" sets *HELP. Unknown options, a missing value, a
 * value given to a flag and too many positionals fill E (CS_EINPUT).
 */
int args_parse(int argc, char **argv, struct cs_opt *opts, const char **pos, int maxpos, int *npos,
               int *help, struct cs_err *e);

/* The option named NAME in OPTS (which must exist). */
struct cs_opt *args_get(struct cs_opt *opts, const char *name);

/* Its value, or NULL. */
const char *args_value(struct cs_opt *opts, const char *name);

/* 1 if given. */
int args_has(struct cs_opt *opts, const char *name);

/* 1 if S is valid UTF-8 with no NUL; else fills E naming FIELD. */
int text_check(const char *s, const char *field, struct cs_err *e);

#endif
