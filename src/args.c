/* SPDX-License-Identifier: GPL-3.0-or-later */
/* args.c - the option parser shared by every command. */
#include "confspend/args.h"

#include <stdio.h>
#include <string.h>

struct cs_opt *args_find(struct cs_opt *opts, const char *name)
{
    for (; opts->name; opts++)
        if (!strcmp(opts->name, name))
            return opts;
    return NULL;
}

struct cs_opt *args_get(struct cs_opt *opts, const char *name)
{
    struct cs_opt *o = args_find(opts, name);
    if (!o)
        die("unknown option name in command table");
    return o;
}

const char *args_value(struct cs_opt *opts, const char *name)
{
    return args_get(opts, name)->value;
}

int args_has(struct cs_opt *opts, const char *name)
{
    return args_get(opts, name)->seen > 0;
}

/* The short options: one letter for each frequent long option, the same in every command
 * that has that option (as git's -m or hledger's -p). */
static const struct {
    char letter;
    const char *name;
} shorts[] = {{'d', "date"},         {'m', "merchant"}, {'n', "note"},
              {'t', "trip"},         {'c', "currency"}, {'p', "provider"},
              {'r', "reimbursable"}, {'o', "output"},   {0, NULL}};

const char *args_short_name(char letter)
{
    for (int i = 0; shorts[i].letter; i++)
        if (shorts[i].letter == letter)
            return shorts[i].name;
    return NULL;
}

char args_short_letter(const char *name)
{
    for (int i = 0; shorts[i].letter; i++)
        if (!strcmp(shorts[i].name, name))
            return shorts[i].letter;
    return 0;
}

/*
 * Find the option whose name is the LEN bytes at NAME, or, as getopt_long does, the one
 * option whose name starts with them (--reimb). A prefix of two or more names fills E
 * with them all; *AMBIGUOUS says so. NULL when none.
 */
static struct cs_opt *find(struct cs_opt *opts, const char *name, size_t len, int *ambiguous,
                           struct cs_err *e)
{
    struct cs_opt *hit = NULL;
    char list[512];
    size_t used = 0;
    int n = 0;
    *ambiguous = 0;
    for (struct cs_opt *o = opts; o->name; o++)
        if (strlen(o->name) == len && !strncmp(o->name, name, len))
            return o;
    if (len == 0)
        return NULL;
    list[0] = 0;
    for (struct cs_opt *o = opts; o->name; o++) {
        if (strncmp(o->name, name, len))
            continue;
        hit = o;
        n++;
        if (used < sizeof list)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s--%s", n > 1 ? ", " : "",
                                     o->name);
    }
    if (n > 1) {
        char field[80];
        snprintf(field, sizeof field, "--%.*s", (int)(len < 64 ? len : 64), name);
        cs_error(e, CS_EINPUT, field, NULL, "ambiguous option: %s", list);
        *ambiguous = 1;
        return NULL;
    }
    return hit;
}

int args_parse(int argc, char **argv, struct cs_opt *opts, const char **pos, int maxpos, int *npos,
               int *help, struct cs_err *e)
{
    int i, only_pos = 0;
    *npos = 0;
    *help = 0;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_pos && !strcmp(a, "--")) {
            only_pos = 1;
            continue;
        }
        if (!only_pos && a[0] == '-' && a[1] != 0 && !(a[1] >= '0' && a[1] <= '9') &&
            !(a[1] == '.' && a[2] >= '0' && a[2] <= '9')) {
            const char *name = a + (a[1] == '-' ? 2 : 1);
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            struct cs_opt *o;
            int ambiguous;
            if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
                *help = 1;
                continue;
            }
            if (a[1] != '-') {
                /* -d VALUE, -dVALUE, -r: a short option is the long one it stands for */
                const char *lname = args_short_name(a[1]);
                if (!lname || !(o = args_find(opts, lname)))
                    return cs_error(e, CS_EINPUT, "option", a, "unknown option");
                o->seen++;
                if (o->kind == OPT_FLAG) {
                    if (a[2])
                        return cs_error(e, CS_EINPUT, "option", a,
                                        "unknown option (-%c takes no value)", a[1]);
                    o->value = "";
                } else if (a[2]) {
                    o->value = a + 2 + (a[2] == '=');
                } else {
                    if (i + 1 >= argc)
                        return cs_error(e, CS_EINPUT, a, NULL, "a value is required");
                    o->value = argv[++i];
                }
                continue;
            }
            o = find(opts, name, len, &ambiguous, e);
            if (ambiguous)
                return CS_EINPUT;
            if (!o)
                return cs_error(e, CS_EINPUT, "option", a, "unknown option");
            o->seen++;
            if (o->kind == OPT_FLAG) {
                if (eq) {
                    char field[80];
                    snprintf(field, sizeof field, "--%s", o->name);
                    return cs_error(e, CS_EINPUT, field, eq + 1, "this option takes no value");
                }
                o->value = "";
            } else if (eq) {
                o->value = eq + 1;
            } else {
                if (i + 1 >= argc)
                    return cs_error(e, CS_EINPUT, a, NULL, "a value is required");
                o->value = argv[++i];
            }
            continue;
        }
        if (*npos >= maxpos)
            return cs_error(e, CS_EINPUT, "argument", a, "unexpected argument");
        pos[(*npos)++] = a;
    }
    return 0;
}

int text_length_check(const char *s, const char *field, struct cs_err *e)
{
    if (strlen(s) > TEXT_MAX)
        return cs_error(e, CS_EINPUT, field, s, "longer than %d bytes", TEXT_MAX);
    return 0;
}

int parse_whole(const char *s, const char *field, int64_t min, int64_t max, int64_t *out,
                struct cs_err *e)
{
    int64_t v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9' && v <= max; p++)
        v = v * 10 + (*p - '0');
    if (p == s || *p || v < min || v > max)
        return cs_error(e, CS_EINPUT, field, s, "must be a whole number from %lld to %lld",
                        (long long)min, (long long)max);
    *out = v;
    return 0;
}

int text_check(const char *s, const char *field, struct cs_err *e)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n;
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3;
        else
            return cs_error(e, CS_EINPUT, field, s, "not valid UTF-8 text");
        for (int k = 1; k <= n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return cs_error(e, CS_EINPUT, field, s, "not valid UTF-8 text");
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
            (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return cs_error(e, CS_EINPUT, field, s, "not valid UTF-8 text");
        p += n + 1;
    }
    return 0;
}

int row_id_parse(const char *s, const char *field, const char *what, int64_t *out, struct cs_err *e)
{
    const char *p = s && *s == '#' ? s + 1 : s;
    int64_t v = 0;
    if (!p || !*p)
        return cs_error(e, CS_EINPUT, field, s ? s : "", "%s", what);
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
            return cs_error(e, CS_EINPUT, field, s, "%s", what);
        v = v * 10 + (*p - '0');
    }
    if (v <= 0)
        return cs_error(e, CS_EINPUT, field, s, "%s", what);
    *out = v;
    return 0;
}
