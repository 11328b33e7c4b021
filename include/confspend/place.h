/* SPDX-License-Identifier: GPL-3.0-or-later */
/* place.h - places: aliases for the --from/--to of rides, and how a typed place is
 * compared with, and resolved against, the places already known. */
#ifndef CONFSPEND_PLACE_H
#define CONFSPEND_PLACE_H

#include <sqlite3.h>
#include <stdint.h>
#include "confspend/error.h"

/*
 * Pure: the form of place text S that comparisons use (allocated): the typographic quotes
 * U+2018 and U+2019 become ', U+201C and U+201D become ", ASCII letters lowercase, every
 * run of blanks (space, tab, CR, LF, U+00A0) one space, and none at either end. Two places
 * are the same place when their folds are equal; the ride model's route keys are made of
 * it too (ridemodel_route_key()). NULL gives "".
 */
char *place_fold(const char *s);

/*
 * Pure: the edit distance (insertions, deletions, substitutions of bytes) between A and B
 * when it is at most MAX, else MAX + 1. Used on folds for the "did you mean" hint.
 */
int place_distance(const char *a, const char *b, int max);

/* 1 when S has the shape of an alias: 1 to 64 of a-z 0-9 '-' '_' '.', starting with a
 * letter or digit (the shape of a trip slug). */
int place_alias_valid(const char *s);

/* Add alias ALIAS for NAME (both checked: an alias's shape, NAME non-empty UTF-8 text of at
 * most TEXT_MAX bytes). CS_EINPUT naming the alias when it exists (in any case). */
int place_add(sqlite3 *db, const char *alias, const char *name, struct cs_err *e);

/* Remove ALIAS (any case) and put the name it stood for into *NAME (allocated); CS_EINPUT
 * "alias: no such place alias (ALIAS)" when there is none. */
int place_rm(sqlite3 *db, const char *alias, char **name, struct cs_err *e);

/* Call FN on every alias and its name, by alias. A non-zero return of FN stops and is
 * returned. */
int place_each(sqlite3 *db, int (*fn)(const char *alias, const char *name, void *), void *arg,
               struct cs_err *e);

/* How many of the newest expenses (by id) place_each_known() reads places from: a read of
 * a rowid range, a few milliseconds however large the history (a place not used among
 * them is a new place again, unless an alias names it). */
#define PLACE_WINDOW 5000

/*
 * Call FN once for each place known: the names of the aliases, then the distinct origins
 * and destinations of the PLACE_WINDOW newest expenses (NULL and empty ones left out),
 * each spelling once, the most recently used first. For completion and resolution.
 */
int place_each_known(sqlite3 *db, int (*fn)(const char *name, void *), void *arg, struct cs_err *e);

/*
 * Resolve GIVEN, the value of option FIELD (--from, --to), into the place to store
 * (*OUT, allocated), in this order:
 *  1. an alias (any case): its name;
 *  2. a known place (place_each_known()) whose fold equals GIVEN's: that place's spelling
 *     (the alias's name first, else the newest expense's);
 *  3. a unique prefix of the folds of known places: that place; two or more different
 *     places (by fold) are CS_EINPUT "FIELD: ambiguous place, 2 begin so: "A" or "B" (GIVEN)";
 *  4. a word of an alias's shape within two edits of an alias (a mistyped alias):
 *     CS_EINPUT "FIELD: unknown place alias, did you mean "ALIAS"? (GIVEN)";
 *  5. else GIVEN as it is, a new place; when a known place is within two edits of it (and
 *     not too short for that to mean anything), *NEAR gets that place (allocated) for the
 *     hint `new place "X" (did you mean "Y"?)`; else *NEAR is NULL.
 * An empty GIVEN is returned as it is (it clears the field in edit).
 */
int place_resolve(sqlite3 *db, const char *field, const char *given, char **out, char **near,
                  struct cs_err *e);

#endif
