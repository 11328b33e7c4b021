/* cmd_rate.c - `confspend rate set|list`: exchange rates into the base currency. */
#include <stdio.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/rate.h"

static const char help[] =
    "Exchange rates into the base currency (config set currency CUR).\n\n"
    "  rate set CUR RATE [--date DATE]   1 CUR = RATE base, from DATE (default today) on\n"
    "  rate list [--format F]\n\n"
    "Reports and exports convert each expense at the newest rate dated on or before it,\n"
    "rounding half away from zero; a missing rate is an error naming currency and date.\n";

static int list_row(const char *cur, const char *date, int64_t rate_e9, void *arg)
{
    char rb[40];
    money_format_e9(rate_e9, rb, sizeof rb);
    const char *cells[] = {cur, date, rb};
    output_row(arg, cells);
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"date", OPT_VALUE}, {"format", OPT_VALUE}, {"db", OPT_VALUE}, {NULL}};
    const char *pos[3];
    int npos, rc;
    struct cs_date d = ctx->today;
    char date[11], base[4];
    int64_t r;

    if ((rc = cmd_parse(ctx, &cmd_rate, argc, argv, o, pos, 3, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos >= 1 && !strcmp(pos[0], "list")) {
        enum out_format fmt;
        struct output out;
        static const char *const head[] = {"currency", "date", "rate"};
        static const int align[] = {0, 0, ALIGN_RIGHT};
        if (npos > 1)
            return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
        if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
            return CS_EINPUT;
        if ((rc = ctx_open_db(ctx)))
            return rc;
        output_begin(&out, fmt, stdout, 3, head, align);
        rc = rate_each(ctx->db, list_row, &out, &ctx->err);
        output_end(&out);
        return rc;
    }
    if (npos < 1 || strcmp(pos[0], "set"))
        return cs_error(&ctx->err, CS_EINPUT, "rate", npos ? pos[0] : NULL,
                        "use rate set CUR RATE [--date DATE] or rate list");
    if (npos != 3)
        return cs_error(&ctx->err, CS_EINPUT, "rate", NULL,
                        "usage: rate set CUR RATE [--date DATE]");
    if (!money_currency_known(pos[1]))
        return cs_error(&ctx->err, CS_EINPUT, "currency", pos[1], "unknown ISO 4217 currency code");
    if (money_parse_e9(pos[2], 0, &r, "rate", &ctx->err))
        return CS_EINPUT;
    if (args_value(o, "date") && date_parse(args_value(o, "date"), &d, "--date", &ctx->err))
        return CS_EINPUT;
    date_format(d, date);
    if ((rc = ctx_open_write(ctx)) || (rc = config_base_currency(ctx->db, base, &ctx->err)))
        return rc;
    if (!strcmp(base, pos[1]))
        return cs_error(&ctx->err, CS_EINPUT, "currency", pos[1],
                        "is the base currency; it needs no rate");
    if ((rc = rate_set(ctx->db, pos[1], date, r, &ctx->err)))
        return rc;
    printf("1 %s = %s %s from %s\n", pos[1], pos[2], base, date);
    ctx_summary(ctx, "rate 1 %s = %s %s from %s", pos[1], pos[2], base, date);
    return 0;
}

const struct cs_cmd cmd_rate = {"rate", "rate set CUR RATE [--date DATE] | rate list", help, 0,
                                exec};
