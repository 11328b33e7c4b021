/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_rate.c - `confspend rate set|list|import`: exchange rates as dated pairs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/hash.h"
#include "confspend/import.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/rate.h"

static const char help[] =
    "Exchange rates as dated pairs: 1 CUR = RATE QUOTE from DATE on.\n\n"
    "  rate set CUR RATE [--quote Q] [--date DATE]\n"
    "                    Q defaults to the base currency (config set currency CUR), DATE to\n"
    "                    today; RATE is kept exactly as written (24.67, 0.0405, 1.0850)\n"
    "  rate list [--format F]    columns currency,quote,date,rate\n"
    "  rate import FILE  the European Central Bank's reference rates: eurofxref-hist.csv,\n"
    "                    eurofxref.csv, eurofxref-daily.xml or eurofxref-hist.xml (- for\n"
    "                    standard input; each value a pair 1 EUR = x CUR on its date), in\n"
    "                    one change; a pair already stored with the same value is not\n"
    "                    added again, and a bad line refuses the whole file\n\n"
    "Reports and exports convert an expense of CUR into the base B at the newest pair\n"
    "CUR->B or B->CUR (inverted) dated on or before it, the newer of the two; without one,\n"
    "through one other currency X (EUR first, then alphabetical) that has a pair with each,\n"
    "every leg at its own newest pair. The rate is an exact fraction and the amount is\n"
    "rounded half away from zero once. An expense with --base-amount uses that instead.\n"
    "A missing rate is an error naming the currency and the date.\n\n"
    "example:\n"
    "  confspend rate import eurofxref-hist.csv && confspend rate set CZK 0.0405 --quote EUR\n";

static int list_row(const char *cur, const char *quote, const char *date, struct rate_dec d,
                    void *arg)
{
    char rb[48];
    rate_dec_format(d, rb, sizeof rb);
    const char *cells[] = {cur, quote, date, rb};
    output_row(arg, cells);
    return 0;
}

static int check_currency(const char *c, const char *field, struct cs_err *e)
{
    if (!money_currency_known(c))
        return cs_error(e, CS_EINPUT, field, c, "unknown ISO 4217 currency code");
    return 0;
}

/* rate set CUR RATE [--quote Q] [--date DATE] */
static int rate_set_cmd(struct cs_ctx *ctx, struct cs_opt *o, const char **pos, int npos)
{
    struct cs_date d = ctx->today;
    struct rate_dec r;
    char date[11], quote[4], rb[48];
    const char *q = args_value(o, "quote");
    int rc;
    if (npos != 3)
        return cs_error(&ctx->err, CS_EINPUT, "rate", NULL,
                        "usage: rate set CUR RATE [--quote Q] [--date DATE]");
    if (check_currency(pos[1], "currency", &ctx->err) ||
        (q && check_currency(q, "--quote", &ctx->err)))
        return CS_EINPUT;
    if (rate_dec_parse(pos[2], &r, "rate", &ctx->err))
        return CS_EINPUT;
    if (args_value(o, "date") && date_parse(args_value(o, "date"), &d, "--date", &ctx->err))
        return CS_EINPUT;
    date_format(d, date);
    if ((rc = ctx_open_write(ctx)))
        return rc;
    if (q)
        snprintf(quote, sizeof quote, "%s", q);
    else if ((rc = config_base_currency(ctx->db, quote, &ctx->err)))
        return rc;
    if (!strcmp(quote, pos[1]))
        return cs_error(&ctx->err, CS_EINPUT, "currency", pos[1],
                        q ? "is the quote currency too; a pair needs two"
                          : "is the base currency; it needs no rate");
    if ((rc = rate_put(ctx->db, pos[1], quote, date, r, NULL, &ctx->err)))
        return rc;
    rate_dec_format(r, rb, sizeof rb);
    printf("1 %s = %s %s from %s\n", pos[1], rb, quote, date);
    ctx_summary(ctx, "rate 1 %s = %s %s from %s", pos[1], rb, quote, date);
    return 0;
}

/* The whole of PATH ("-": standard input) into *BUF (allocated) and *LEN. */
static int read_all(const char *path, char **buf, size_t *len, struct cs_err *e)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    size_t cap = 1 << 16, n = 0, got;
    char *b;
    if (!f)
        return cs_error(e, CS_EINPUT, "rate import", path, "cannot open: %s", strerror(errno));
    b = xmalloc(cap);
    while ((got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            b = xrealloc(b, cap *= 2);
    }
    if (ferror(f)) {
        int err = errno;
        if (f != stdin)
            fclose(f);
        free(b);
        return cs_error(e, CS_EFAIL, "rate import", path, "cannot read: %s", strerror(err));
    }
    if (f != stdin)
        fclose(f);
    *buf = b;
    *len = n;
    return 0;
}

struct import_counts {
    struct rate_writer *w;
    long added, present, replaced;
    struct import_seen pairs; /* currency and date of each value read so far */
    const char *path;
    struct cs_err *e;
};

static int rate_row(const struct rate_file_row *r, void *arg)
{
    struct import_counts *c = arg;
    enum rate_put_result what;
    unsigned char fp[16];
    char pair[32];
    int n = snprintf(pair, sizeof pair, "%s %s %s", r->base, r->cur, r->date), twice, rc;
    hash128(pair, (size_t)n, 3, fp);
    twice = import_seen_count(&c->pairs, fp) > 0;
    if ((rc = rate_writer_put(c->w, r->base, r->cur, r->date, r->d, &what, c->e)))
        return rc;
    if (twice && what == RATE_REPLACED) /* not the last value silently */
        return cs_error(c->e, CS_EINPUT, "rate import", c->path,
                        "%s/%s on %s is given twice in the file, with two values", r->base, r->cur,
                        r->date);
    if (twice) /* the same value again: one value */
        return 0;
    if (what == RATE_ADDED)
        c->added++;
    else if (what == RATE_PRESENT)
        c->present++;
    else
        c->replaced++;
    return 0;
}

/* rate import FILE */
static int rate_import_cmd(struct cs_ctx *ctx, const char **pos, int npos)
{
    struct import_counts c = {0};
    struct rate_file_skipped sk = {0};
    char *buf = NULL, line[160] = "";
    size_t len = 0;
    int rc;
    if (npos != 2)
        return cs_error(&ctx->err, CS_EINPUT, "rate", NULL, "usage: rate import FILE");
    if ((rc = read_all(pos[1], &buf, &len, &ctx->err)))
        return rc;
    if ((rc = ctx_open_write(ctx))) {
        free(buf);
        return rc;
    }
    c.w = rate_writer_new(ctx->db);
    c.e = &ctx->err;
    c.path = pos[1];
    rc = rate_read_ecb(pos[1], buf, len, rate_row, &c, &sk, &ctx->err);
    rate_writer_free(c.w);
    import_seen_release(&c.pairs);
    free(buf);
    if (rc)
        return rc;
    printf("%ld rate%s added, %ld already present", c.added, c.added == 1 ? "" : "s", c.present);
    if (c.replaced)
        printf(", %ld replaced (another value on the same date)", c.replaced);
    printf("\n");
    if (sk.values)
        snprintf(line, sizeof line, "; %ld value%s of %s not imported", sk.values,
                 sk.values == 1 ? "" : "s", sk.currencies);
    if (sk.values)
        fprintf(output_notes(),
                "confspend: %ld value%s of %s not imported (currencies confspend does not "
                "know)\n",
                sk.values, sk.values == 1 ? "" : "s", sk.currencies);
    ctx_summary(ctx, "rate import %s: %ld added, %ld already present%s%s", pos[1], c.added,
                c.present, c.replaced ? ", some replaced" : "", line);
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"date", OPT_VALUE},
                         {"quote", OPT_VALUE},
                         {"format", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {NULL}};
    const char *pos[3];
    int npos, rc;

    if ((rc = cmd_parse(ctx, &cmd_rate, argc, argv, o, pos, 3, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos >= 1 && !strcmp(pos[0], "list")) {
        enum out_format fmt;
        struct output out;
        static const char *const head[] = {"currency", "quote", "date", "rate"};
        static const int align[] = {0, 0, 0, ALIGN_RIGHT};
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
            return CS_EINPUT;
        if ((rc = ctx_open_db(ctx)))
            return rc;
        output_begin(&out, fmt, stdout, 4, head, align);
        rc = rate_each(ctx->db, list_row, &out, &ctx->err);
        output_end(&out);
        return rc;
    }
    if (npos >= 1 && (!strcmp(pos[0], "set") || !strcmp(pos[0], "import")) &&
        args_value(o, "format"))
        return cs_error(&ctx->err, CS_EINPUT, "--format", NULL, "only with rate list");
    if (npos >= 1 && !strcmp(pos[0], "import")) {
        if (args_value(o, "date") || args_value(o, "quote"))
            return cs_error(&ctx->err, CS_EINPUT, args_value(o, "date") ? "--date" : "--quote",
                            NULL, "not with rate import (the file gives them)");
        return rate_import_cmd(ctx, pos, npos);
    }
    if (npos < 1 || strcmp(pos[0], "set"))
        return cs_error(&ctx->err, CS_EINPUT, "rate", npos ? pos[0] : NULL,
                        "use rate set CUR RATE [--quote Q] [--date DATE], rate list or "
                        "rate import FILE");
    return rate_set_cmd(ctx, o, pos, npos);
}

const struct cs_cmd cmd_rate = {
    "rate", "rate set CUR RATE [--quote Q] [--date DATE] | rate list | rate import FILE", help, 0,
    exec};
