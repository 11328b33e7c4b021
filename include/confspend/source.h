/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source.h - the seam between the readers of real sources (bank and card CSVs through a
 * profile, ride-hail exports, OFX) and the one pipeline that stores what they read: the
 * rules, the trips by date, matching against expenses already logged, the import keys,
 * --dry-run's fate per row, and the writer. A reader knows its file's layout and nothing of
 * the database; the pipeline knows the database and nothing of layouts. */
#ifndef CONFSPEND_SOURCE_H
#define CONFSPEND_SOURCE_H

#include <stdint.h>

#include "confspend/error.h"

/* What a row of a source is, as its reader decides from the layout alone. */
enum src_fate {
    SRC_SPEND,  /* money spent: an expense */
    SRC_REFUND, /* money back for a purchase: a refund (stored with a negative amount) */
    SRC_CREDIT, /* money in the layout cannot tell apart: a refund unless a rule (a built-in
                 * one: `*PAYMENT*THANK YOU*`, `AUTOPAY*`) says it is a card payment */
    SRC_SKIP,   /* no expense at all (a card payment, a transfer, a top-up, pending...):
                 * counted and shown by --dry-run with skip_reason */
    SRC_FOLDED, /* money that another row of the file holds (a Lyft tip folded into its
                 * ride): counted and shown by --dry-run with skip_reason ("tip of line
                 * N"), never stored on its own */
};

/*
 * One row as read. Text points into the reader's memory and stays valid until the next
 * call of the reader's next(). Empty optional text is NULL.
 */
struct src_row {
    long line; /* the file's line (CSV) or the transaction's number (OFX) */
    enum src_fate fate;
    const char *skip_reason; /* SRC_SKIP: "pending", "card payment", "transfer", ... */
    char date[11];           /* YYYY-MM-DD, the date a person would write down */
    int64_t amount;          /* minor units of currency, >= 0: the sign is the fate */
    char currency[4];
    const char *merchant, *note;
    const char *category;  /* NULL: the rules decide (else "other") */
    const char *provider;  /* for a ride; NULL: the rules decide */
    const char *from, *to; /* for a ride */
    int64_t tip;           /* minor units, -1: none */
    int folded_in;         /* SRC_FOLDED: the folded money was money back (a refund) */
    const char *key;       /* the source's own unique id (OFX: account id + FITID; Uber:
                            * Trip/Eats ID), NULL: the key is a hash of the fields plus
                            * the count of identical rows before it, as for csv */
    int statement;         /* 1: a bank, card or OFX row, matched against expenses
                            * logged by hand (SPEC "Matching"); 0: a ride-hail export */
};

/*
 * A reader: next() fills ROW with the next row and returns 1, returns 0 at the end, or
 * CS_EINPUT / CS_EFAIL with E filled ("line N, column NAME: WHAT (VALUE)"). progress()
 * (optional) says how many of the file's bytes have been read. release() frees it.
 */
/* An expense as a reader's lookup finds it by its import key. */
struct src_stored {
    int64_t id;
    int64_t amount; /* minor units, signed as stored */
    int64_t tip;    /* minor units, -1: none */
    char key[1024]; /* its import key */
};

/*
 * What the database holds under import key KEY, for a reader whose rows depend on it (the
 * lyft-tips hook): with PREFIX, the expense whose key is KEY or begins with KEY and '|'.
 * 1 with *OUT filled, 0 when no expense has such a key, or an error code.
 */
typedef int (*src_lookup_fn)(void *arg, const char *key, int prefix, struct src_stored *out,
                             struct cs_err *e);

struct src_reader {
    void *self;
    int (*next)(void *self, struct src_row *row, struct cs_err *e);
    long long (*progress)(void *self);
    long long size; /* the file's size in bytes, 0 when unknown */
    void (*release)(void *self);
    /* NULL, or called once before the first next(), on the thread that opened the reader,
     * with the database's lookup (NULL when there is no database yet) */
    int (*attach)(void *self, src_lookup_fn lookup, void *arg, struct cs_err *e);
};

#endif
