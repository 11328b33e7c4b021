/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_money.c - the amount parser against an independent reference.
 *
 * Input: one selector byte, then the text. Selector % 6 gives the mode: 0..3 is
 * money_parse with that many minor digits, 4 is money_parse_e9 (allow_zero from bit 3).
 * Invariants: the parser accepts exactly ^[0-9]+(\.[0-9]{1,D})?$ whose value fits in
 * int64, with that exact value; errors are CS_EINPUT with a one-line message; an accepted
 * amount formats (plain and grouped) and parses back to itself; the canonical text of an
 * amount is a fixed point. With 16 more bytes after a mode-5 selector it also runs
 * money_convert on two raw int64s and checks the sign and the identity rate. */
#include <stdint.h>

#include "confspend/money.h"
#include "fuzz.h"

/* The reference: 1 and *OUT when S is [0-9]+(.[0-9]{1,D})? with a value below 2^63, 0 when
 * the syntax is wrong, -1 when the syntax is right but the value is too large. */
static int reference(const char *s, int digits, int64_t *out)
{
    unsigned __int128 v = 0;
    const unsigned __int128 cap = (unsigned __int128)INT64_MAX;
    int big = 0, frac = -1;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return 0;
    for (; *p; p++) {
        if (*p == '.') {
            if (frac >= 0)
                return 0;
            frac = 0;
            continue;
        }
        if (*p < '0' || *p > '9')
            return 0;
        if (frac >= 0 && ++frac > digits)
            return 0;
        v = v * 10 + (unsigned)(*p - '0');
        if (v > cap)
            big = 1, v = cap + 1; /* saturate: stays too large */
    }
    if (frac == 0)
        return 0;
    for (int f = frac < 0 ? 0 : frac; f < digits; f++) {
        v *= 10;
        if (v > cap)
            big = 1, v = cap + 1;
    }
    if (big)
        return -1;
    *out = (int64_t)v;
    return 1;
}

/* Drop leading zeros of the integer part (keeping one) and pad the fraction to DIGITS:
 * the text money_format must give back for an accepted S. */
static void canonical(const char *s, int digits, char *buf, size_t n)
{
    size_t o = 0;
    const char *dot = strchr(s, '.');
    size_t ilen = dot ? (size_t)(dot - s) : strlen(s);
    size_t i = 0, flen = dot ? strlen(dot + 1) : 0;
    while (i + 1 < ilen && s[i] == '0')
        i++;
    for (; i < ilen && o + 1 < n; i++)
        buf[o++] = s[i];
    if (digits > 0 && o + 1 < n)
        buf[o++] = '.';
    for (int k = 0; k < digits && o + 1 < n; k++)
        buf[o++] = (size_t)k < flen ? dot[1 + k] : '0';
    buf[o] = 0;
}

static void check_parse(const char *s, int digits)
{
    struct cs_err e = CS_ERR_INIT;
    int64_t v = -7, want = 0, again = -7;
    char buf[64], grouped[64], canon[128], plain[64];
    int rc = money_parse(s, digits, &v, "amount", &e);
    int ref = reference(s, digits, &want);
    if (ref != 1) {
        FUZZ_CHECK(rc == CS_EINPUT);
        FUZZ_CHECK(v == -7); /* *out untouched on error */
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(v == want);
    FUZZ_CHECK(v >= 0);
    money_format(v, digits, buf, sizeof buf);
    FUZZ_CHECK(money_parse(buf, digits, &again, "amount", NULL) == 0);
    FUZZ_CHECK(again == v);
    if (strlen(s) < sizeof canon - 8) {
        canonical(s, digits, canon, sizeof canon);
        FUZZ_CHECK(!strcmp(canon, buf));
    }
    money_format_grouped(v, digits, grouped, sizeof grouped);
    {
        size_t o = 0;
        for (const char *p = grouped; *p; p++)
            if (*p != ',')
                plain[o++] = *p;
        plain[o] = 0;
        FUZZ_CHECK(!strcmp(plain, buf));
    }
    /* negative amounts (refunds) format with a sign and the same digits */
    if (v > 0) {
        char neg[64];
        money_format(-v, digits, neg, sizeof neg);
        FUZZ_CHECK(neg[0] == '-' && !strcmp(neg + 1, buf));
    }
}

static void check_e9(const char *s, int allow_zero)
{
    struct cs_err e = CS_ERR_INIT;
    int64_t v = -7, want = 0, again = -7;
    char buf[64];
    int rc = money_parse_e9(s, allow_zero, &v, "rate", &e);
    int ref = reference(s, 9, &want);
    if (ref != 1 || (want == 0 && !allow_zero)) {
        FUZZ_CHECK(rc == CS_EINPUT);
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(v == want);
    money_format_e9(v, buf, sizeof buf);
    FUZZ_CHECK(buf[0] != 0);
    FUZZ_CHECK(money_parse_e9(buf, allow_zero, &again, "rate", NULL) == 0);
    FUZZ_CHECK(again == v);
    /* no trailing zeros after the point, and no bare point */
    if (strchr(buf, '.'))
        FUZZ_CHECK(buf[strlen(buf) - 1] != '0' && buf[strlen(buf) - 1] != '.');
}

static void check_convert(const uint8_t *d)
{
    int64_t amount, rate, out = 0;
    int from = d[16] & 3, to = (d[16] >> 2) & 3;
    memcpy(&amount, d, 8);
    memcpy(&rate, d + 8, 8);
    if (amount == INT64_MIN)
        amount++;
    if (rate <= 0)
        rate = rate == INT64_MIN ? 1 : -rate + (rate == 0);
    if (money_convert(amount, from, rate, to, &out) == 0) {
        if (amount == 0)
            FUZZ_CHECK(out == 0);
        else if (amount > 0)
            FUZZ_CHECK(out >= 0);
        else
            FUZZ_CHECK(out <= 0);
    }
    /* the identity rate between equal digits changes nothing (and fails only at the
     * int64 edge, which money_convert refuses) */
    if (amount < INT64_MAX && amount > -INT64_MAX)
        FUZZ_CHECK(money_convert(amount, from, 1000000000, from, &out) == 0 && out == amount);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;
    int mode;
    if (size < 1)
        return 0;
    mode = data[0] % 6;
    if (mode == 5) {
        if (size >= 18)
            check_convert(data + 1);
        return 0;
    }
    s = fuzz_string(data + 1, size - 1);
    if (mode < 4)
        check_parse(s, mode);
    else
        check_e9(s, (data[0] >> 3) & 1);
    free(s);
    return 0;
}
