/* SPDX-License-Identifier: GPL-3.0-or-later */
/* error.c - the error record and the allocators that die on out-of-memory. */
#include "confspend/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

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

/* 1 for the bidirectional embedding, override and isolate controls U+202A..U+202E and
 * U+2066..U+2069: shown raw they reorder the text around them on a terminal. */
static int is_bidi_control(unsigned long c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/*
 * The one place that decides how a character of text reaches a terminal. Writes into PIECE
 * (at least 8 bytes, not terminated) how the character that starts at S is shown, sets
 * *PLEN to its length and returns how many bytes of S it stands for (1..4; S must not be at
 * its end). Newline, carriage return and tab are shown as \n, \r, \t; the other C0
 * controls, DEL and every byte that does not start a well-formed UTF-8 sequence as \xNN;
 * the C1 controls U+0080..U+009F and the bidirectional controls as \u0085, \u202e (lower
 * case hex); every other character as itself.
 */
static size_t show_char(const unsigned char *s, char *piece, size_t *plen)
{
    size_t len = utf8_len(s);
    unsigned long c = s[0];
    if (len == 2)
        c = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    else if (len == 3)
        c = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    if (c == '\n' || c == '\r' || c == '\t') {
        *plen = (size_t)snprintf(piece, 8, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
    } else if (len == 0 || c < 0x20 || c == 0x7f) {
        len = 1;
        *plen = (size_t)snprintf(piece, 8, "\\x%02x", s[0]);
    } else if (len > 1 && ((c >= 0x80 && c <= 0x9F) || is_bidi_control(c))) {
        *plen = (size_t)snprintf(piece, 8, "\\u%04lx", c);
    } else {
        memcpy(piece, s, len);
        *plen = len;
    }
    return len;
}

/* Copy TEXT into BUF (N bytes) on one line that is safe to print, each character shown as
 * show_char() shows it. The text is cut on a character boundary, before the first
 * character that starts at byte LIMIT or later or that would leave BUF less than 4 bytes,
 * with "..." after. */
static void show_text(const char *text, size_t limit, char *buf, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t o = 0, i = 0;
    while (s[i]) {
        char piece[8];
        size_t plen, len = show_char(s + i, piece, &plen);
        if (i >= limit || o + plen + 4 > n) {
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

char *text_show(const char *s)
{
    size_t n = 4 * strlen(s) + 1, o = 0; /* no character is shown more than 4 times as long */
    char *t = xmalloc(n);
    while (*s) {
        char piece[8];
        size_t plen;
        s += show_char((const unsigned char *)s, piece, &plen);
        memcpy(t + o, piece, plen);
        o += plen;
    }
    t[o] = 0;
    return o + 1 < n ? xrealloc(t, o + 1) : t;
}

int cs_error(struct cs_err *e, int code, const char *field, const char *value, const char *what,
             ...)
{
    char w[256], v[128], m[sizeof e->msg];
    va_list ap;
    if (!e)
        return code;
    va_start(ap, what);
    vsnprintf(w, sizeof w, what, ap);
    va_end(ap);
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    snprintf(e->what, sizeof e->what, "%s", w);
    e->value[0] = 0;
    if (value) {
        show_text(value, 60, v, sizeof v);
        snprintf(e->value, sizeof e->value, "%s", v);
        snprintf(m, sizeof m, "%s: %s (%s)", field, w, v);
    } else if (field) {
        snprintf(m, sizeof m, "%s: %s", field, w);
    } else {
        snprintf(m, sizeof m, "%s", w);
    }
    /* the field and the text may quote what the user gave too (a message passed on):
     * the whole line is shown safe, which leaves the value shown above as it is */
    show_text(m, sizeof m, e->msg, sizeof e->msg);
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

int stderr_quiet_begin(void)
{
    int saved, null;
    fflush(stderr);
    saved = dup(STDERR_FILENO);
    null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    if (null >= 0)
        close(null);
    return saved;
}

void stderr_quiet_end(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
}
