/* error.c - the error record and the allocators that die on out-of-memory. */
#include "confspend/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy VALUE into BUF on one line: control bytes become \n, \t, \xNN; long values are cut
 * at 60 bytes (on a UTF-8 boundary) with "..." after. */
static void show_value(const char *value, char *buf, size_t n)
{
    size_t o = 0, i;
    for (i = 0; value[i] && o + 8 < n; i++) {
        unsigned char c = (unsigned char)value[i];
        if (i >= 60 && (c & 0xC0) != 0x80) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        if (c == '\n') {
            buf[o++] = '\\';
            buf[o++] = 'n';
        } else if (c == '\t') {
            buf[o++] = '\\';
            buf[o++] = 't';
        } else if (c < 0x20 || c == 0x7f) {
            o += (size_t)snprintf(buf + o, n - o, "\\x%02x", c);
        } else {
            buf[o++] = (char)c;
        }
    }
    buf[o] = 0;
}

int cs_error(struct cs_err *e, int code, const char *field, const char *value, const char *what,
             ...)
{
    char w[256], v[128];
    va_list ap;
    if (!e)
        return code;
    va_start(ap, what);
    vsnprintf(w, sizeof w, what, ap);
    va_end(ap);
    e->code = code;
    if (value) {
        show_value(value, v, sizeof v);
        snprintf(e->msg, sizeof e->msg, "%s: %s (%s)", field, w, v);
    } else if (field) {
        snprintf(e->msg, sizeof e->msg, "%s: %s", field, w);
    } else {
        snprintf(e->msg, sizeof e->msg, "%s", w);
    }
    return code;
}

int cs_exit_status(int code)
{
    if (code == CS_OK)
        return 0;
    return code == CS_EINPUT ? 2 : 1;
}

void die(const char *what)
{
    fprintf(stderr, "confspend: fatal: %s\n", what);
    exit(1);
}

void *xmalloc(unsigned long n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

void *xrealloc(void *p, unsigned long n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}
