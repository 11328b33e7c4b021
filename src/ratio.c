/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratio.c - exact exchange rates: decimals as written, rationals, one rounding. */
#include "confspend/ratio.h"

#include <stdio.h>
#include <string.h>

typedef unsigned __int128 u128;

#define U128_MAX (~(u128)0)

int rate_dec_parse(const char *s, struct rate_dec *out, const char *field, struct cs_err *e)
{
    int64_t m = 0;
    int digits = 0, scale = 0, dot = 0, any = 0, nonzero = 0;
    const char *p = s ? s : "";
    if (*p == '-' || *p == '+')
        return cs_error(e, CS_EINPUT, field, s, "must not be negative");
    for (; *p; p++) {
        if (*p == '.') {
            if (dot || !any)
                goto bad;
            dot = 1;
            any = 0;
            continue;
        }
        if (*p < '0' || *p > '9')
            goto bad;
        any = 1;
        if (*p != '0')
            nonzero = 1;
        if (nonzero && ++digits > RATE_MAX_DIGITS) /* leading zeros do not count */
            goto bad;
        m = m * 10 + (*p - '0');
        if (dot)
            scale++;
    }
    if (!any)
        goto bad;
    if (scale > RATE_MAX_DIGITS)
        goto bad;
    if (m == 0)
        return cs_error(e, CS_EINPUT, field, s, "must be greater than zero");
    out->mantissa = m;
    out->scale = scale;
    return 0;
bad:
    return cs_error(e, CS_EINPUT, field, s ? s : "", "not a decimal number with at most %d digits",
                    RATE_MAX_DIGITS);
}

void rate_dec_format(struct rate_dec d, char *buf, size_t n)
{
    char digits[24], t[48];
    int len = snprintf(digits, sizeof digits, "%lld", (long long)d.mantissa), k = 0;
    if (d.scale == 0) {
        snprintf(buf, n, "%s", digits);
        return;
    }
    if (len > d.scale) {
        snprintf(buf, n, "%.*s.%s", len - d.scale, digits, digits + len - d.scale);
        return;
    }
    t[k++] = '0';
    t[k++] = '.';
    for (int i = len; i < d.scale; i++)
        t[k++] = '0';
    snprintf(t + k, sizeof t - (size_t)k, "%s", digits);
    snprintf(buf, n, "%s", t);
}

static u128 gcd(u128 a, u128 b)
{
    while (b) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static u128 pow10u(int k)
{
    u128 v = 1;
    while (k-- > 0)
        v *= 10;
    return v;
}

static struct ratio reduce(u128 num, u128 den)
{
    u128 g = gcd(num, den);
    struct ratio r = {num / g, den / g};
    return r;
}

struct ratio ratio_of_dec(struct rate_dec d)
{
    return reduce((u128)d.mantissa, pow10u(d.scale));
}

struct ratio ratio_inverse(struct ratio r)
{
    struct ratio i = {r.den, r.num};
    return i;
}

int ratio_mul(struct ratio a, struct ratio b, struct ratio *out)
{
    /* cancel across first, so the product is already in lowest terms */
    u128 g1 = gcd(a.num, b.den), g2 = gcd(b.num, a.den), num, den;
    if (__builtin_mul_overflow(a.num / g1, b.num / g2, &num) ||
        __builtin_mul_overflow(a.den / g2, b.den / g1, &den))
        return CS_EFAIL;
    out->num = num;
    out->den = den;
    return 0;
}

int ratio_scale10(struct ratio r, int exp, struct ratio *out)
{
    struct ratio p = {1, 1};
    if (exp > 38 || exp < -38)
        return CS_EFAIL;
    if (exp >= 0)
        p.num = pow10u(exp);
    else
        p.den = pow10u(-exp);
    return ratio_mul(r, p, out);
}

int ratio_apply(struct ratio r, int64_t amount, int64_t *out)
{
    int neg = amount < 0;
    u128 a = neg ? (u128)0 - (u128)(__int128)amount : (u128)amount, p, q, rem;
    if (__builtin_mul_overflow(a, r.num, &p))
        return CS_EFAIL;
    q = p / r.den;
    rem = p % r.den;
    if (rem >= r.den - rem) /* 2 * rem >= den, without overflowing */
        q++;
    if (q > (u128)INT64_MAX + (neg ? 1 : 0))
        return CS_EFAIL;
    *out = neg ? (int64_t)((u128)0 - q) : (int64_t)q;
    return 0;
}

/* V in decimal into BUF (at least 40 bytes). */
static void u128_text(u128 v, char *buf)
{
    char t[48];
    int i = 0;
    do {
        t[i++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    for (int j = 0; j < i; j++)
        buf[j] = t[i - 1 - j];
    buf[i] = 0;
}

void ratio_format(struct ratio r, char *buf, size_t n)
{
    char a[48], b[48];
    u128_text(r.num, a);
    u128_text(r.den, b);
    if (r.den == 1)
        snprintf(buf, n, "%s", a);
    else
        snprintf(buf, n, "%s/%s", a, b);
}
