/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile.h - bank, card and ride-hail CSV files read through profiles: small declarative
 * text files (the built-in ones are profiles/NAME.profile, compiled into the binary) that
 * say where a layout's header is, how its cells are encoded and written, and which of its
 * rows are spending, refunds or no expense at all. The format is described at the top of
 * src/profile.c and in the README ("Profiles"). A profile's rows come out as struct
 * src_row (source.h) through a struct src_reader; the pipeline stores them. */
#ifndef CONFSPEND_PROFILE_H
#define CONFSPEND_PROFILE_H

#include <stdio.h>

#include "confspend/error.h"
#include "confspend/source.h"

/* A profile as parsed (opaque). */
struct profile;

struct profile_opts {
    const char *tz;    /* --tz ZONE or NULL: the system's */
    int delimiter;     /* 0: the profile's */
    int decimal_comma; /* 1: --decimal-comma given */
};

/*
 * Open FP (read from PATH, for messages) through PROFILE: a built-in name, a profile file's
 * path (anything with a '/' or ending in ".profile"), or "auto". Reads the preamble and the
 * header, and maps every column the profile names onto the header (by name, ignoring case
 * and surrounding blanks, a BOM taken off). Returns 0 with *OUT ready (out->release frees
 * it; FP stays the caller's and must stay open until then). With "auto" and a header that
 * is the generic (export csv) one, returns 0 with out->self == NULL after rewinding FP,
 * and the caller takes its generic path. FP must be seekable.
 * CS_EINPUT for a file in no known layout (naming the header line it read), an unknown
 * profile name, a bad profile file (its line and key), a column the profile names that the
 * header lacks (naming both), an unknown --tz zone.
 * With o->tz and a profile that reads UTC instants (uber), $TZ is o->tz from here until
 * out->release (then put back): next() only calls localtime_r, so it may run on another
 * thread; open and release on the same thread, while no other thread reads $TZ.
 */
int profile_open(const char *profile, FILE *fp, const char *path, const struct profile_opts *o,
                 struct src_reader *out, struct cs_err *e);

/* `import profiles`: one line per built-in profile, "NAME  DESCRIPTION". */
void profile_list(FILE *out);

/*
 * Parse the profile text TEXT (ORIGIN names it in messages: a path or "built-in NAME")
 * into *OUT (allocated; profile_free frees it). CS_EINPUT "profile ORIGIN, line N, KEY:
 * WHAT (VALUE)" for a line that is not `key = value`, an unknown key, a bad value, a key
 * given twice that may be given once, and a profile that lacks what every profile needs
 * (header, date, date_format, an amount layout, a currency).
 */
int profile_parse(const char *text, const char *origin, struct profile **out, struct cs_err *e);
void profile_free(struct profile *p);

/* profile_open() through the parsed profile P (taken over: freed here or by the reader's
 * release), for a caller that has parsed one itself (the fuzz harness). */
int profile_open_parsed(struct profile *p, FILE *fp, const char *path, const struct profile_opts *o,
                        struct src_reader *out, struct cs_err *e);

/* The built-in profiles' text, generated from profiles/NAME.profile by
 * cmake/embed_profiles.cmake, in name order. */
struct profile_text {
    const char *name; /* the file's name without .profile */
    const char *text;
};
extern const struct profile_text cs_profile_texts[];
extern const int cs_profile_text_count;

#endif
