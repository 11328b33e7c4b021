/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_source.h - the pipeline that stores the rows of any real source (a bank or card
 * csv through a profile, a ride-hail export, OFX): the rules, the trips by date, the
 * import keys, matching statement rows against expenses already logged, --dry-run's
 * fate per row, and the batch writer, as one undoable change. */
#ifndef CONFSPEND_IMPORT_SOURCE_H
#define CONFSPEND_IMPORT_SOURCE_H

#include <stdint.h>

#include "confspend/source.h"

struct cs_ctx;

struct source_opts {
    int dry_run;
    const char *label;    /* the file's name for the summary ("standard input" for -) */
    const char *row_name; /* what a row's number counts in messages: "line" (NULL), or
                           * "transaction" for OFX (added by the pipeline) */
};

/*
 * Store every row of RD as one undoable change (or, dry_run, print each row's fate as csv
 * `line,result,date,category,amount,currency,merchant,expense` and write nothing), on
 * CTX's database, which is created when it does not exist (a dry run creates nothing).
 * Every row is an expense, a refund, present already, matched, or skipped with its reason.
 * All or nothing: a bad row is CS_EINPUT naming its line and field. Does not release RD.
 */
int import_source_run(struct cs_ctx *ctx, struct src_reader *rd, const struct source_opts *o);

/* ---- the matcher's rule (SPEC "Matching"), exposed for its unit tests ---- */

/* 1 when A and B share a word of at least 3 letters, ignoring ASCII case. A word is a run
 * of letters: ASCII ones and any byte of a UTF-8 multi-byte character; anything else
 * (digits, blanks, punctuation) separates words. */
int source_words_share(const char *a, const char *b);

/* An expense a statement row could match: same amount and currency, dated at most 3
 * days from the row, not from a statement, not matched before (the lookup's part). */
struct source_cand {
    int64_t id;
    long day;             /* date_to_days() of its date */
    const char *merchant; /* NULL: none */
    int taken;            /* matched by an earlier row of this import */
};

/* The candidate of C[0..N) that the row dated DAY with MERCHANT (NULL: none) matches: not
 * taken, at most 3 days away, sharing a word with it when both have a merchant; the
 * nearest date, then the lowest id. -1 when none. */
int source_pick(const struct source_cand *c, int n, long day, const char *merchant);

#endif
