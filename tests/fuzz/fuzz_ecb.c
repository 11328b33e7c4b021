/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_ecb.c - rate import's reader of the ECB files (CSV and XML) and the exact decimals.
 *
 * Input: a selector byte, then the file. An even selector reads the file with
 * rate_read_ecb(); an odd one parses the rest as a rate with rate_dec_parse().
 * Invariants: the reader returns 0 or CS_EINPUT with a one-line message; on an error no
 * pair was passed on (nothing is written before the whole file is good); every pair
 * passed on has a real YYYY-MM-DD date, the base EUR, a currency confspend knows other
 * than EUR, a mantissa in 1..10^18-1 and a scale of 0..18, and comes in key order (by
 * currency, then date); a rate accepted formats to text that parses back to the same
 * mantissa and scale, and that text is a fixed point. */
#include <stdint.h>

#include "confspend/date.h"
#include "confspend/money.h"
#include "confspend/rate.h"
#include "confspend/ratio.h"
#include "fuzz.h"

struct seen {
    long n;
    struct rate_file_row last;
};

static int on_row(const struct rate_file_row *r, void *arg)
{
    struct seen *s = arg;
    struct cs_date d;
    char back[11];
    FUZZ_CHECK(!date_parse(r->date, &d, "date", NULL));
    date_format(d, back);
    FUZZ_CHECK(!strcmp(back, r->date));
    FUZZ_CHECK(!strcmp(r->base, "EUR"));
    FUZZ_CHECK(money_currency_known(r->cur) && strcmp(r->cur, "EUR"));
    FUZZ_CHECK(r->d.mantissa > 0 && r->d.mantissa < 1000000000000000000LL);
    FUZZ_CHECK(r->d.scale >= 0 && r->d.scale <= RATE_MAX_DIGITS);
    if (s->n) {
        int c = strcmp(s->last.cur, r->cur);
        FUZZ_CHECK(c < 0 || (c == 0 && strcmp(s->last.date, r->date) <= 0));
    }
    s->last = *r;
    s->n++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cs_err e = CS_ERR_INIT;
    if (size < 1)
        return 0;
    if (data[0] % 2 == 0) {
        struct seen s = {0};
        struct rate_file_skipped sk = {0};
        int rc = rate_read_ecb("fuzz.csv", (const char *)data + 1, size - 1, on_row, &s, &sk, &e);
        FUZZ_CHECK(rc == 0 || rc == CS_EINPUT);
        if (rc) {
            fuzz_check_err(&e, CS_EINPUT);
            FUZZ_CHECK(s.n == 0);
        }
        FUZZ_CHECK(sk.values >= 0 && strlen(sk.currencies) < sizeof sk.currencies);
    } else {
        char *t = fuzz_string(data + 1, size - 1), buf[48], buf2[48];
        struct rate_dec d, d2;
        if (rate_dec_parse(t, &d, "rate", &e) == 0) {
            FUZZ_CHECK(d.mantissa > 0 && d.scale >= 0 && d.scale <= RATE_MAX_DIGITS);
            rate_dec_format(d, buf, sizeof buf);
            FUZZ_CHECK(rate_dec_parse(buf, &d2, "rate", NULL) == 0);
            FUZZ_CHECK(d2.mantissa == d.mantissa && d2.scale == d.scale);
            rate_dec_format(d2, buf2, sizeof buf2);
            FUZZ_CHECK(!strcmp(buf, buf2));
        } else {
            fuzz_check_err(&e, CS_EINPUT);
        }
        free(t);
    }
    return 0;
}
