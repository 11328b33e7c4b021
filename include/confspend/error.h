/* SPDX-License-Identifier: GPL-3.0-or-later */
/* error.h - the small error record every module fills instead of printing. */
#ifndef CONFSPEND_ERROR_H
#define CONFSPEND_ERROR_H

enum cs_code {
    CS_OK = 0,
    CS_EFAIL = -1,  /* I/O, database, export: exit status 1 */
    CS_EINPUT = -2, /* bad usage or bad input, nothing written: exit status 2 */
};

struct cs_err {
    int code;
    char msg[512];   /* the whole line: "FIELD: WHAT (VALUE)", shown safe */
    char field[48];  /* its parts, as cs_error() got them (the value shown safe), for a */
    char what[256];  /* caller that passes an error on under another field or line */
    char value[128]; /* ("" when absent) */
};
#define CS_ERR_INIT                                                                                \
    {                                                                                              \
        0, {0}, {0}, {0},                                                                          \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }

/*
 * Fill E with CODE and the message "FIELD: WHAT (VALUE)" (the value part is left out when
 * VALUE is NULL). WHAT is a printf format. The message is one line that is safe to print:
 * every character of it is shown as text_show() shows it, and the value is cut after 60
 * bytes (on a character boundary) with "..." after. Returns CODE so callers can write
 * `return cs_error(e, CS_EINPUT, "amount", s, "not a number");`.
 */
int cs_error(struct cs_err *e, int code, const char *field, const char *value, const char *what,
             ...) __attribute__((format(printf, 5, 6)));

/*
 * A copy of S, allocated, that is safe to show on a terminal: the one escaper every human
 * readable output goes through (the table view, show, the summaries, the messages). Text
 * the user typed never reaches the terminal raw: newline, carriage return and tab become
 * \n, \r and \t; the other C0 controls, DEL and each byte that is not part of well-formed
 * UTF-8 become \xNN (\x1b, \xff); the C1 controls U+0080..U+009F and the bidirectional
 * controls U+202A..U+202E and U+2066..U+2069 become \uNNNN (\u009b, \u202e). Everything
 * else is copied as it is, so showing shown text again changes nothing. csv and json
 * output never go through it: they keep the exact text.
 */
char *text_show(const char *s);

/* Exit status for an error code: 0 for CS_OK, 2 for CS_EINPUT, 1 for anything else. */
int cs_exit_status(int code);

/* Print "confspend: MSG" to stderr, or "fatal: out of memory" and exit(1) via die(). */
void die(const char *what) __attribute__((noreturn));

/* Allocators that die() on out-of-memory. */
void *xmalloc(unsigned long n);
void *xrealloc(void *p, unsigned long n);
char *xstrdup(const char *s);

/*
 * For a library that reports on stderr by itself (libxlsxwriter's zip errors, poppler's
 * and glib's warnings) where confspend prints its own one-line error: stderr points at
 * /dev/null from stderr_quiet_begin(), which returns the saved descriptor (or -1), until
 * stderr_quiet_end() puts it back.
 */
int stderr_quiet_begin(void);
void stderr_quiet_end(int saved);

#endif
