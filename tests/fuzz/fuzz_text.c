/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_text.c - the UTF-8 check every text option goes through, and the error record that
 * quotes what the user gave.
 *
 * The input is a value as it could arrive in argv (it ends at the first NUL). Invariants:
 * text_check accepts exactly well-formed UTF-8 (checked against an independent decoder:
 * no overlongs, no surrogates, nothing past U+10FFFF); cs_error quoting the value gives a
 * one-line message that fits its buffer and is valid UTF-8 whatever the value holds (bytes
 * that are not UTF-8 are escaped, the value is cut on a character boundary), shows a
 * short printable value whole, and marks a cut value with "...". */
#include <stdint.h>

#include "confspend/args.h"
#include "fuzz.h"

/* An independent UTF-8 validator: decode each sequence and check its range. */
static int utf8_valid(const unsigned char *s)
{
    while (*s) {
        unsigned long c = *s;
        int n;
        if (c < 0x80) {
            s++;
            continue;
        }
        if ((c & 0xE0) == 0xC0)
            n = 1, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0)
            n = 2, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0)
            n = 3, c &= 0x07;
        else
            return 0;
        for (int k = 1; k <= n; k++) {
            if ((s[k] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[k] & 0x3F);
        }
        if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
            c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        s += n + 1;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    struct cs_err e = CS_ERR_INIT;
    int valid = utf8_valid((const unsigned char *)s);
    int rc = text_check(s, "--note", &e);
    if (valid) {
        FUZZ_CHECK(rc == 0);
        FUZZ_CHECK(e.code == 0);
    } else {
        FUZZ_CHECK(rc == CS_EINPUT);
        fuzz_check_err(&e, CS_EINPUT);
    }
    /* the message that quotes the value */
    e = (struct cs_err)CS_ERR_INIT;
    FUZZ_CHECK(cs_error(&e, CS_EINPUT, "--merchant", s, "longer than %d bytes", 4096) == CS_EINPUT);
    fuzz_check_err(&e, CS_EINPUT);
    FUZZ_CHECK(!strncmp(e.msg, "--merchant: longer than 4096 bytes (", 36));
    FUZZ_CHECK(e.msg[strlen(e.msg) - 1] == ')');
    FUZZ_CHECK(utf8_valid((const unsigned char *)e.msg));
    /* a value of at most 60 printable bytes is shown whole, a longer one is cut */
    if (strlen(s) <= 60 && valid) {
        int plain = 1;
        for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
            if (*p < 0x20 || *p == 0x7f || (p[0] == 0xC2 && p[1] < 0xA0))
                plain = 0;
            /* the bidirectional controls U+202A..U+202E and U+2066..U+2069 are shown
             * escaped too (\u202e): E2 80 AA..AE, E2 81 A6..A9 */
            if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
                                 (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
                plain = 0;
        }
        if (plain)
            FUZZ_CHECK(strstr(e.msg, s) != NULL);
    }
    if (strlen(s) >= 64) /* some character starts in bytes 60..63: the cut */
        FUZZ_CHECK(!strcmp(e.msg + strlen(e.msg) - 4, "...)"));
    /* the field and the format may be the user's too (a file name, a column name) */
    e = (struct cs_err)CS_ERR_INIT;
    cs_error(&e, CS_EINPUT, "import", NULL, "cannot open: %s", s);
    FUZZ_CHECK(e.code == CS_EINPUT && strlen(e.msg) < sizeof e.msg);
    free(s);
    return 0;
}
