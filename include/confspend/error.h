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
    char msg[512];
};
#define CS_ERR_INIT                                                                                \
    {                                                                                              \
        0,                                                                                         \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }

/*
 * Fill E with CODE and the message "FIELD: WHAT (VALUE)" (the value part is left out when
 * VALUE is NULL). WHAT is a printf format. The value is shown on one line: control bytes
 * are escaped and anything past 60 bytes is elided with "...". Returns CODE so callers can
 * write `return cs_error(e, CS_EINPUT, "amount", s, "not a number");`.
 */
int cs_error(struct cs_err *e, int code, const char *field, const char *value, const char *what,
             ...) __attribute__((format(printf, 5, 6)));

/* Exit status for an error code: 0 for CS_OK, 2 for CS_EINPUT, 1 for anything else. */
int cs_exit_status(int code);

/* Print "confspend: MSG" to stderr, or "fatal: out of memory" and exit(1) via die(). */
void die(const char *what) __attribute__((noreturn));

/* Allocators that die() on out-of-memory. */
void *xmalloc(unsigned long n);
void *xrealloc(void *p, unsigned long n);
char *xstrdup(const char *s);

#endif
