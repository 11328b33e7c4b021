/* cmd_config.c - `confspend config set|get`: base currency, owner, ride commission. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/money.h"

static const char help[] =
    "Read and change settings.\n\n"
    "  config set KEY VALUE\n"
    "  config get [KEY]      (no KEY: every setting)\n\n"
    "keys:\n"
    "  currency         the base currency reports convert to (default USD)\n"
    "  owner            the name on exported expense reports\n"
    "  ride.commission  the platform's share of a fare, 0..1, when a ride does not record\n"
    "                   its fee (default 0.50)\n";

static const struct {
    const char *key, *def;
} keys[] = {{"currency", "USD"}, {"owner", ""}, {"ride.commission", "0.5"}};
#define NKEYS (int)(sizeof keys / sizeof keys[0])

static int check_value(const char *key, const char *v, struct cs_err *e)
{
    if (!strcmp(key, "currency") && !money_currency_known(v))
        return cs_error(e, CS_EINPUT, "currency", v, "unknown ISO 4217 currency code");
    if (!strcmp(key, "ride.commission")) {
        int64_t c;
        if (money_parse_e9(v, 1, &c, "ride.commission", e))
            return CS_EINPUT;
        if (c > 1000000000)
            return cs_error(e, CS_EINPUT, "ride.commission", v, "must be between 0 and 1");
    }
    if (!strcmp(key, "owner") && text_check(v, "owner", e))
        return CS_EINPUT;
    if (!strcmp(key, "owner") && text_length_check(v, "owner", e))
        return CS_EINPUT;
    return 0;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"db", OPT_VALUE}, {NULL}};
    const char *pos[3];
    int npos, rc, k = -1;

    if ((rc = cmd_parse(ctx, &cmd_config, argc, argv, o, pos, 3, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos == 0 || (strcmp(pos[0], "set") && strcmp(pos[0], "get")))
        return cs_error(&ctx->err, CS_EINPUT, "config", npos ? pos[0] : NULL,
                        "use config set KEY VALUE or config get [KEY]");
    if (npos > 1) {
        for (int i = 0; i < NKEYS; i++)
            if (!strcmp(keys[i].key, pos[1]))
                k = i;
        if (k < 0)
            return cs_error(&ctx->err, CS_EINPUT, "key", pos[1],
                            "unknown setting (currency, owner, ride.commission)");
    }
    if (!strcmp(pos[0], "set")) {
        if (npos != 3)
            return cs_error(&ctx->err, CS_EINPUT, "config", NULL, "usage: config set KEY VALUE");
        if (check_value(pos[1], pos[2], &ctx->err))
            return CS_EINPUT;
        if ((rc = ctx_open_db(ctx)) || (rc = db_begin(ctx->db, &ctx->err)))
            return rc;
        if ((rc = config_set(ctx->db, pos[1], pos[2], &ctx->err)) ||
            (rc = db_commit(ctx->db, &ctx->err))) {
            db_rollback(ctx->db);
            return rc;
        }
        printf("%s = %s\n", pos[1], pos[2]);
        return 0;
    }
    if (npos > 2)
        return cs_error(&ctx->err, CS_EINPUT, "argument", pos[2], "unexpected argument");
    if ((rc = ctx_open_db(ctx)))
        return rc;
    for (int i = 0; i < NKEYS; i++) {
        char *v = NULL;
        if (k >= 0 && i != k)
            continue;
        if ((rc = config_get(ctx->db, keys[i].key, &v, &ctx->err)))
            return rc;
        if (k >= 0)
            printf("%s\n", v ? v : keys[i].def);
        else
            printf("%s = %s\n", keys[i].key, v ? v : keys[i].def);
        free(v);
    }
    return 0;
}

const struct cs_cmd cmd_config = {"config", "config set KEY VALUE | config get [KEY]", help, 0,
                                  exec};
