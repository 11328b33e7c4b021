/* error.c - the error record and the allocators that die on out-of-memory. */
#include "confspend/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the UTF-8 sequence at S (1..4), or 0 when S does not start one that is
 * well formed (overlong forms, surrogates and code points past U+10FFFF are not). */
static size_t utf8_len(const unsigned char *s)
{
    size_t n;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    else
        return 0;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return n;
}

/* Copy VALUE into BUF (N bytes) on one line that is safe to print: \n and \t for newline
 * and tab, \xNN for the other control bytes (C0, DEL, the C1 controls U+0080..U+009F) and
 * for bytes that are not UTF-8. The value is cut on a character boundary, after 60 bytes
 * or when BUF would overflow, with "..." after. */
static void show_value(const char *value, char *buf, size_t n)
{
    const unsigned char *s = (const unsigned char *)value;
    size_t o = 0, i = 0;
    while (s[i]) {
        char piece[16];
        size_t len = utf8_len(s + i), plen;
        if (s[i] == '\n' || s[i] == '\t') {
            plen = (size_t)snprintf(piece, sizeof piece, "\\%c", s[i] == '\n' ? 'n' : 't');
        } else if (len == 0 || s[i] < 0x20 || s[i] == 0x7f) {
            len = 1;
            plen = (size_t)snprintf(piece, sizeof piece, "\\x%02x", s[i]);
        } else if (len == 2 && s[i] == 0xC2 && s[i + 1] < 0xA0) {
            plen = (size_t)snprintf(piece, sizeof piece, "\\xc2\\x%02x", s[i + 1]);
        } else {
            memcpy(piece, s + i, len);
            plen = len;
        }
        if (i >= 60 || o + plen + 4 > n) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(buf + o, piece, plen);
        o += plen;
        i += len;
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
