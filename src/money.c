/* SPDX-License-Identifier: GPL-3.0-or-later */
/* money.c - parsing, formatting, rounding and converting int64 minor units. */
#include "confspend/money.h"

#include <stdio.h>
#include <string.h>

/* ISO 4217 codes with their minor digits: the common ones and every non-2-digit one, in
 * code order (money_digits searches it by halves). */
static const struct {
    const char code[4];
    int digits;
} currencies[] = {
    {"AED", 2}, {"ARS", 2}, {"AUD", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0}, {"BRL", 2}, {"CAD", 2},
    {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"EGP", 2},
    {"EUR", 2}, {"GBP", 2}, {"GNF", 0}, {"HKD", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2},
    {"IQD", 3}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3},
    {"LYD", 3}, {"MAD", 2}, {"MXN", 2}, {"MYR", 2}, {"NGN", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3},
    {"PEN", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RWF", 0},
    {"SAR", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"TND", 3}, {"TRY", 2}, {"TWD", 2}, {"UAH", 2},
    {"UGX", 0}, {"USD", 2}, {"UYU", 2}, {"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0},
    {"ZAR", 2},
};

int money_digits(const char *code)
{
    /* a binary search of the table (in code order): every imported or exported row asks,
     * from whichever thread reads the rows */
    size_t lo = 0, hi = sizeof currencies / sizeof currencies[0];
    if (!code)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(currencies[mid].code, code);
        if (c == 0)
            return currencies[mid].digits;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int money_currency_known(const char *code)
{
    return money_digits(code) >= 0;
}

int money_parse(const char *s, int digits, int64_t *out, const char *field, struct cs_err *e)
{
    const char *p = s;
    uint64_t v = 0;
    int frac = 0, seen_dot = 0, ndig = 0;
    if (!s || !*s)
        return cs_error(e, CS_EINPUT, field, s ? s : "", "an amount is required");
    if (*p == '-' || *p == '+')
        return cs_error(e, CS_EINPUT, field, s, "must be a positive decimal number");
    for (; *p; p++) {
        if (*p == '.' && !seen_dot) {
            seen_dot = 1;
            continue;
        }
        if (*p < '0' || *p > '9') {
            if (*p == ',')
                return cs_error(e, CS_EINPUT, field, s, "use '.' as the decimal separator");
            return cs_error(e, CS_EINPUT, field, s, "not a decimal number");
        }
        if (seen_dot && ++frac > digits) {
            if (digits == 0)
                return cs_error(e, CS_EINPUT, field, s, "this currency has no minor unit");
            return cs_error(e, CS_EINPUT, field, s, "at most %d decimal%s in this currency", digits,
                            digits == 1 ? "" : "s");
        }
        ndig++;
        if (v > (UINT64_MAX - 9) / 10)
            return cs_error(e, CS_EINPUT, field, s, "too large");
        v = v * 10 + (uint64_t)(*p - '0');
        if (v > (uint64_t)INT64_MAX)
            return cs_error(e, CS_EINPUT, field, s, "too large");
    }
    if (!ndig || (seen_dot && frac == 0) || s[0] == '.')
        return cs_error(e, CS_EINPUT, field, s, "not a decimal number");
    for (; frac < digits; frac++) {
        if (v > (uint64_t)INT64_MAX / 10)
            return cs_error(e, CS_EINPUT, field, s, "too large");
        v *= 10;
    }
    *out = (int64_t)v;
    return 0;
}

void money_format(int64_t v, int digits, char *buf, size_t n)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t scale = 1;
    int i;
    for (i = 0; i < digits; i++)
        scale *= 10;
    if (digits == 0)
        snprintf(buf, n, "%s%llu", v < 0 ? "-" : "", (unsigned long long)a);
    else
        snprintf(buf, n, "%s%llu.%0*llu", v < 0 ? "-" : "", (unsigned long long)(a / scale), digits,
                 (unsigned long long)(a % scale));
}

void money_format_grouped(int64_t v, int digits, char *buf, size_t n)
{
    char plain[32], out[48];
    const char *p = plain;
    size_t o = 0, intlen;
    money_format(v, digits, plain, sizeof plain);
    if (*p == '-')
        out[o++] = *p++;
    intlen = strcspn(p, ".");
    for (size_t i = 0; p[i]; i++) {
        if (i < intlen && i > 0 && (intlen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = p[i];
    }
    out[o] = 0;
    snprintf(buf, n, "%s", out);
}

int money_add(int64_t *sum, int64_t v)
{
    int64_t r;
    if (__builtin_add_overflow(*sum, v, &r))
        return CS_EFAIL;
    *sum = r;
    return 0;
}

int money_sum_get(struct money_sum s, int64_t *out)
{
    if (s.v > INT64_MAX || s.v < INT64_MIN)
        return CS_EFAIL;
    *out = (int64_t)s.v;
    return 0;
}

int64_t round_half_away(__int128 num, __int128 den)
{
    __int128 q, r;
    int neg = 0;
    if (den < 0) {
        den = -den;
        num = -num;
    }
    if (num < 0) {
        neg = 1;
        num = -num;
    }
    q = num / den;
    r = num % den;
    if (2 * r >= den)
        q++;
    return (int64_t)(neg ? -q : q);
}

int money_parse_e9(const char *s, int allow_zero, int64_t *out, const char *field, struct cs_err *e)
{
    int64_t v;
    if (money_parse(s, 9, &v, field, NULL) != 0) {
        if (s && (s[0] == '-' || s[0] == '+'))
            return cs_error(e, CS_EINPUT, field, s, "must not be negative");
        return cs_error(e, CS_EINPUT, field, s ? s : "",
                        "not a decimal number with at most 9 decimals");
    }
    if (v == 0 && !allow_zero)
        return cs_error(e, CS_EINPUT, field, s, "must be greater than zero");
    *out = v;
    return 0;
}

void money_format_e9(int64_t v, char *buf, size_t n)
{
    size_t len;
    money_format(v, 9, buf, n);
    len = strlen(buf);
    while (len > 0 && buf[len - 1] == '0')
        buf[--len] = 0;
    if (len > 0 && buf[len - 1] == '.')
        buf[--len] = 0;
}

int money_convert(int64_t amount, int from_digits, int64_t rate_e9, int to_digits, int64_t *out)
{
    const __int128 max = (__int128)(~(unsigned __int128)0 >> 1);
    __int128 num = (__int128)amount * rate_e9, den = 1000000000;
    __int128 r;
    int i;
    /* The same power of ten on both sides cancels, so only one side is scaled; a NUM too
     * large to scale is a result far past int64 (DEN is 10^9 then), not an overflow. */
    for (; to_digits > 0 && from_digits > 0; to_digits--, from_digits--)
        ;
    for (i = 0; i < to_digits; i++) {
        if (num > max / 10 || num < -(max / 10))
            return CS_EFAIL;
        num *= 10;
    }
    for (i = 0; i < from_digits; i++)
        den *= 10;
    r = num / den;
    if (r >= INT64_MAX || r <= -INT64_MAX)
        return CS_EFAIL;
    *out = round_half_away(num, den);
    return 0;
}

int money_convert_inverse(int64_t amount, int from_digits, int64_t rate_e9, int to_digits,
                          int64_t *out)
{
    /* AMOUNT * 10^9 * 10^TO_DIGITS / (RATE_E9 * 10^FROM_DIGITS): at most 2^63 * 10^9 * 10^4
     * on top and 2^63 * 10^4 below, both far inside 128 bits */
    __int128 num = (__int128)amount * 1000000000, den = rate_e9;
    for (; to_digits > 0 && from_digits > 0; to_digits--, from_digits--)
        ;
    for (int i = 0; i < to_digits; i++)
        num *= 10;
    for (int i = 0; i < from_digits; i++)
        den *= 10;
    if (num / den >= INT64_MAX || num / den <= -INT64_MAX)
        return CS_EFAIL;
    *out = round_half_away(num, den);
    return 0;
}

int money_parse_sep(const char *s, int digits, int decimal, int thousands, int64_t *out,
                    const char *field, struct cs_err *e)
{
    char canon[64];
    size_t o = 0;
    const char *p = s;
    int neg = 0, group = -1; /* digits in the current group, -1 before a separator */
    int64_t v;
    struct cs_err sub = CS_ERR_INIT;
    if (!s || !*s)
        return cs_error(e, CS_EINPUT, field, s ? s : "", "an amount is required");
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    if (*p < '0' || *p > '9')
        return cs_error(e, CS_EINPUT, field, s, "not an amount");
    for (; *p && *p != decimal; p++) {
        if (thousands && *p == thousands) {
            if (group == -1 ? o > 3 : group != 3)
                return cs_error(e, CS_EINPUT, field, s, "thousands separators in the wrong place");
            group = 0;
            continue;
        }
        if (*p < '0' || *p > '9')
            return cs_error(e, CS_EINPUT, field, s, "not an amount");
        if (o + 2 >= sizeof canon)
            return cs_error(e, CS_EINPUT, field, s, "too large");
        canon[o++] = *p;
        if (group >= 0)
            group++;
    }
    if (group >= 0 && group != 3)
        return cs_error(e, CS_EINPUT, field, s, "thousands separators in the wrong place");
    if (*p == decimal) {
        canon[o++] = '.';
        for (p++; *p; p++) {
            if (*p < '0' || *p > '9')
                return cs_error(e, CS_EINPUT, field, s, "not an amount");
            if (o + 1 >= sizeof canon)
                return cs_error(e, CS_EINPUT, field, s, "too many decimals");
            canon[o++] = *p;
        }
    }
    canon[o] = 0;
    if (money_parse(canon, digits, &v, field, &sub))
        return cs_error(e, CS_EINPUT, field, s, "%s", sub.what);
    *out = neg ? -v : v;
    return 0;
}
