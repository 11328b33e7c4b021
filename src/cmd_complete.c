/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_complete.c - `confspend completion bash|zsh|fish` prints a shell's completion
 * script; the scripts ask the hidden `confspend __complete` what fits the word being
 * typed: commands, subcommands, options, categories, providers, trip slugs, places,
 * merchants. It reads the command table and each command's own option list, so a new
 * option completes with no change here, and it opens the database read-only, without
 * migrating or posting anything, so it answers in a few milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/db.h"
#include "confspend/expense.h"

static const char completion_help[] =
    "Print the completion script of a shell, to be loaded by it:\n"
    "  bash   eval \"$(confspend completion bash)\"   (or save it as\n"
    "         /usr/share/bash-completion/completions/confspend)\n"
    "  zsh    confspend completion zsh > ~/.zfunc/_confspend  (a folder in $fpath)\n"
    "  fish   confspend completion fish > ~/.config/fish/completions/confspend.fish\n\n"
    "It completes commands, subcommands, options, categories, providers, formats, trip\n"
    "slugs, places and merchants (from the database given by --db or $CONFSPEND_DB).\n"
    "`cmake --install` puts the three scripts where each shell finds them.\n";

static const char bash_script[] =
    "# bash completion for confspend (confspend completion bash)\n"
    "_confspend() {\n"
    "    local IFS=$'\\n'\n"
    "    COMPREPLY=($(confspend __complete \"$((COMP_CWORD - 1))\" \"${COMP_WORDS[@]:1}\" "
    "2>/dev/null))\n"
    "    # nothing to offer (a FILE, a free text): the shell's own file names\n"
    "    [ ${#COMPREPLY[@]} -eq 0 ] && compopt -o default 2>/dev/null\n"
    "    return 0\n"
    "}\n"
    "complete -F _confspend confspend\n";

static const char zsh_script[] =
    "#compdef confspend\n"
    "# zsh completion for confspend (confspend completion zsh)\n"
    "_confspend() {\n"
    "    local -a c\n"
    "    c=(${(f)\"$(confspend __complete $((CURRENT - 2)) \"${(@)words[2,-1]}\" "
    "2>/dev/null)\"})\n"
    "    if (( ${#c} )); then compadd -Q -- \"${c[@]}\"; else _files; fi\n"
    "}\n"
    "compdef _confspend confspend\n";

static const char fish_script[] =
    "# fish completion for confspend (confspend completion fish)\n"
    "function __confspend_complete\n"
    "    set -l words (commandline -opc) (commandline -ct)\n"
    "    confspend __complete (math (count $words) - 2) $words[2..-1] 2>/dev/null\n"
    "end\n"
    "complete -c confspend -f -a '(__confspend_complete)'\n";

static int completion_exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {{"db", OPT_VALUE}, {NULL}};
    const char *pos[1];
    int npos, rc;
    if ((rc = cmd_parse(ctx, &cmd_completion, argc, argv, o, pos, 1, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "shell", NULL,
                        "missing (usage: confspend completion bash|zsh|fish)");
    if (!strcmp(pos[0], "bash"))
        fputs(bash_script, stdout);
    else if (!strcmp(pos[0], "zsh"))
        fputs(zsh_script, stdout);
    else if (!strcmp(pos[0], "fish"))
        fputs(fish_script, stdout);
    else
        return cs_error(&ctx->err, CS_EINPUT, "shell", pos[0], "unknown shell (bash, zsh, fish)");
    return 0;
}

const struct cs_cmd cmd_completion = {"completion", "completion bash|zsh|fish", completion_help, 0,
                                      completion_exec};

/* ---- the hidden helper ---- */

/* What is being completed: the word typed so far, and the database to ask. */
struct want {
    const char *cur;
    size_t len;
    const char *db; /* --db given, or NULL */
    sqlite3 *conn;  /* opened on the first question, read-only */
    int opened;
};

static void offer(struct want *w, const char *s)
{
    if (s && !strncmp(s, w->cur, w->len)) {
        /* one candidate a line: a stored name with a line end in it is not offered */
        if (!strpbrk(s, "\n\r"))
            printf("%s\n", s);
    }
}

static sqlite3 *conn(struct want *w)
{
    if (!w->opened) {
        char *path = db_resolve_path(w->db);
        w->opened = 1;
        if (sqlite3_open_v2(path, &w->conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
            sqlite3_close(w->conn);
            w->conn = NULL;
        } else {
            sqlite3_busy_timeout(w->conn, 100);
        }
        free(path);
    }
    return w->conn;
}

/* Offer the first column of SQL's rows (given the typed word as ?1, as a LIKE prefix). */
static void offer_sql(struct want *w, const char *sql)
{
    sqlite3_stmt *st = NULL;
    sqlite3 *db = conn(w);
    if (!db || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return;
    }
    while (sqlite3_step(st) == SQLITE_ROW)
        offer(w, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void offer_categories(struct want *w, int total)
{
    for (int i = 0; cs_categories[i]; i++)
        offer(w, cs_categories[i]);
    if (total)
        offer(w, "total");
}

/* The values of option NAME. 1 when NAME's values are known (even none fit). */
static int offer_value(struct want *w, const char *name)
{
    static const char *const providers[] = {CS_PROVIDERS(CS_NAME, CS_COMMA), NULL};
    static const char *const formats[] = {"table", "csv", "json", NULL};
    static const char *const days[] = {"today",    "yesterday", "monday",   "tuesday", "wednesday",
                                       "thursday", "friday",    "saturday", "sunday",  NULL};
    const char *const *list = NULL;
    if (!strcmp(name, "category"))
        offer_categories(w, 0);
    else if (!strcmp(name, "provider"))
        list = providers;
    else if (!strcmp(name, "format"))
        list = formats;
    else if (!strcmp(name, "date"))
        list = days;
    else if (!strcmp(name, "trip") || !strcmp(name, "like"))
        offer_sql(w, "SELECT slug FROM trip ORDER BY slug");
    else if (!strcmp(name, "from") || !strcmp(name, "to"))
        /* the aliases, then the places of the newest 500 rides, newest first (a full scan
         * of a million rows would not answer in milliseconds; the ones a person types again
         * are recent), then the named places no such ride used yet */
        offer_sql(w, "WITH r AS (SELECT origin, dest, id FROM expense WHERE category = 'ride' "
                     "ORDER BY id DESC LIMIT 500), u AS (SELECT p, max(id) AS m FROM (SELECT "
                     "origin AS p, id FROM r UNION ALL SELECT dest, id FROM r) WHERE p IS NOT "
                     "NULL GROUP BY p) SELECT v FROM (SELECT alias AS v, 0 AS k, 0 AS m FROM "
                     "place UNION ALL SELECT p, 1, m FROM u UNION ALL SELECT DISTINCT name, 2, 0 "
                     "FROM place WHERE name NOT IN (SELECT p FROM u)) ORDER BY k, m DESC, v");
    else if (!strcmp(name, "merchant"))
        offer_sql(w, "SELECT merchant FROM (SELECT merchant, id FROM expense ORDER BY id DESC "
                     "LIMIT 500) WHERE merchant IS NOT NULL GROUP BY merchant ORDER BY "
                     "max(id) DESC, 1");
    else if (!strcmp(name, "currency"))
        offer_sql(w, "SELECT value FROM config WHERE key = 'currency' UNION SELECT currency "
                     "FROM trip UNION SELECT currency FROM rate");
    else
        return 0;
    for (; list && *list; list++)
        offer(w, *list);
    return 1;
}

/* The options of CMD (an allocated copy, or NULL). */
static struct cs_opt *options_of(const struct cs_cmd *cmd)
{
    struct cs_ctx ctx = {0};
    char help[] = "--help", *words[] = {help, NULL};
    struct cs_opt *o;
    cli_options_wanted = (struct cs_opt *)&ctx; /* any non-NULL: asks for the list */
    cmd->exec(&ctx, 1, words);
    o = cli_options_wanted == (struct cs_opt *)&ctx ? NULL : cli_options_wanted;
    cli_options_wanted = NULL;
    return o;
}

/* The option WORD names among O (exactly, by a unique prefix, or as a short option). */
static struct cs_opt *option_named(struct cs_opt *o, const char *word)
{
    struct cs_opt *hit = NULL;
    size_t len;
    int n = 0;
    if (word[0] != '-' || !word[1])
        return NULL;
    if (word[1] != '-') {
        const char *name = args_short_name(word[1]);
        return name && !word[2] ? args_find(o, name) : NULL;
    }
    word += 2;
    len = strcspn(word, "=");
    for (; o->name; o++) {
        if (strlen(o->name) == len && !strncmp(o->name, word, len))
            return o;
        if (!strncmp(o->name, word, len)) {
            hit = o;
            n++;
        }
    }
    return n == 1 ? hit : NULL;
}

/* The end of the usage alternative at U: the next " | " or "; " (NULL: none). */
static const char *alt_end(const char *u)
{
    const char *a = strstr(u, " | "), *b = strstr(u, "; ");
    return a && (!b || a < b) ? a : b;
}

/* The start of the alternative after END (alt_end()'s). */
static const char *alt_next(const char *end)
{
    return end ? end + (end[1] == '|' ? 3 : 2) : NULL;
}

/*
 * The word at position P (0: the first after the command) of CMD's usage line, for the
 * subcommand SUB (NULL before one is typed): "add|list|show" lists subcommands,
 * "CATEGORY" or "SLUG" a kind of value. Into OUT (empty when the usage has none).
 */
static void usage_word(const struct cs_cmd *cmd, const char *sub, int p, char *out, size_t size)
{
    const char *u = cmd->usage;
    *out = 0;
    while (u) {
        /* each alternative: "NAME WORD WORD ... [ | NAME ...]" */
        const char *end = alt_end(u), *w = u;
        size_t n = end ? (size_t)(end - u) : strlen(u);
        char part[512];
        snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part ? n : sizeof part - 1), w);
        {
            char *save = NULL, *tok = strtok_r(part, " ", &save);
            int k = -1, match = sub == NULL;
            /* "place add ALIAS NAME | list | rm ALIAS": an alternative may leave the
             * command's name out */
            if (tok && strcmp(tok, cmd->name))
                k = 0;
            else if (tok)
                tok = strtok_r(NULL, " ", &save), k = 0;
            for (; tok; tok = strtok_r(NULL, " ", &save), k++) {
                if (k == 0 && sub) {
                    /* the subcommand word: "add|list|rm" or "set" */
                    char alts[256], *s2 = NULL;
                    snprintf(alts, sizeof alts, "%s", tok);
                    for (char *a = strtok_r(alts, "|", &s2); a; a = strtok_r(NULL, "|", &s2))
                        if (!strcmp(a, sub))
                            match = 1;
                    if (!match)
                        break;
                }
                if (k == p && match) {
                    snprintf(out, size, "%s", tok);
                    return;
                }
            }
        }
        u = alt_next(end);
    }
}

/* Offer what the usage word KIND stands for. */
static void offer_kind(struct want *w, const char *kind, int subcommands)
{
    if (!strcmp(kind, "CATEGORY") || !strcmp(kind, "CATEGORY|total")) {
        offer_categories(w, strstr(kind, "total") != NULL);
    } else if (!strcmp(kind, "SLUG")) {
        offer_value(w, "trip");
    } else if (!strcmp(kind, "ALIAS")) {
        offer_sql(w, "SELECT alias FROM place ORDER BY alias");
    } else if (subcommands && kind[0] >= 'a' && kind[0] <= 'z') {
        char alts[256], *save = NULL;
        snprintf(alts, sizeof alts, "%s", kind);
        for (char *a = strtok_r(alts, "|", &save); a; a = strtok_r(NULL, "|", &save))
            if (a[0] >= 'a' && a[0] <= 'z' && !strchr(a, '.'))
                offer(w, a);
    }
}

/* Subcommands of CMD as its usage writes them: every alternative's first word. */
static void offer_subcommands(struct want *w, const struct cs_cmd *cmd)
{
    const char *u = cmd->usage;
    while (u) {
        const char *end = alt_end(u);
        char part[512], *save = NULL, *tok;
        size_t n = end ? (size_t)(end - u) : strlen(u);
        snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part ? n : sizeof part - 1), u);
        tok = strtok_r(part, " ", &save); /* the command's name, or left out: "| list" */
        if (tok && !strcmp(tok, cmd->name))
            tok = strtok_r(NULL, " ", &save);
        if (tok)
            offer_kind(w, tok, 1);
        u = alt_next(end);
    }
}

/* 1 when the word after CMD SUB is a trip's slug (their usage lines say "..."). */
static int is_slug_of(const struct cs_cmd *cmd, const char *sub)
{
    static const char *const subs[] = {"trip show", "trip edit",   "trip rm",
                                       "trip use",  "report trip", NULL};
    char both[128];
    snprintf(both, sizeof both, "%s %s", cmd->name, sub);
    for (int i = 0; subs[i]; i++)
        if (!strcmp(subs[i], both))
            return 1;
    return 0;
}

static int complete_exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct want w = {0};
    const struct cs_cmd *cmd = NULL;
    struct cs_opt *opts = NULL;
    const char *sub = NULL;
    long k;
    int i = 0, p = 0;
    /* __complete K WORD...: WORD[K] is the word being typed (K may be one past the end) */
    if (argc < 1 || (k = strtol(argv[0], NULL, 10)) < 0)
        return 0;
    argv++;
    argc--;
    w.cur = k < argc ? argv[k] : "";
    w.len = strlen(w.cur);
    w.db = ctx->db_opt; /* confspend --db FILE __complete ...; else $CONFSPEND_DB */
    /* the global options before the command */
    for (; i < k && i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            w.db = argv[++i];
        else if (!strncmp(argv[i], "--db=", 5))
            w.db = argv[i] + 5;
    }
    if (i >= k) {
        if (i > 0 && !strcmp(argv[i - 1], "--db"))
            return 0; /* a file name: the shell's own */
        if (w.cur[0] == '-') {
            offer(&w, "--db");
            offer(&w, "--version");
            offer(&w, "--help");
        } else {
            for (const struct cs_cmd *const *c = cs_commands; *c; c++)
                offer(&w, (*c)->name);
            offer(&w, "help");
        }
        return 0;
    }
    for (const struct cs_cmd *const *c = cs_commands; *c; c++)
        if (!strcmp((*c)->name, argv[i]))
            cmd = *c;
    if (!cmd)
        return 0;
    opts = options_of(cmd);
    /* the words between the command and the one typed: positionals and options */
    for (int j = i + 1; j < k && j < argc; j++) {
        struct cs_opt *o = opts ? option_named(opts, argv[j]) : NULL;
        if (o) {
            if (!strcmp(o->name, "db") && j + 1 < k)
                w.db = argv[j + 1];
            if (o->kind == OPT_VALUE && !strchr(argv[j], '=') && !(argv[j][1] != '-' && argv[j][2]))
                j++;
            continue;
        }
        if (argv[j][0] == '-' && argv[j][1])
            continue;
        if (p++ == 0)
            sub = argv[j];
    }
    {
        const char *prev = k - 1 > i ? argv[k - 1] : NULL;
        struct cs_opt *o = prev && opts ? option_named(opts, prev) : NULL;
        if (o && o->kind == OPT_VALUE && !strchr(prev, '=')) {
            offer_value(&w, o->name);
        } else if (w.cur[0] == '-' && opts) {
            for (struct cs_opt *q = opts; q->name; q++) {
                char name[80];
                snprintf(name, sizeof name, "--%s", q->name);
                offer(&w, name);
            }
            offer(&w, "--help");
        } else {
            char kind[128];
            if (p == 0)
                offer_subcommands(&w, cmd);
            else if (p == 1 && sub && is_slug_of(cmd, sub))
                offer_value(&w, "trip");
            else {
                usage_word(cmd, sub, p, kind, sizeof kind);
                offer_kind(&w, kind, 0);
            }
        }
    }
    free(opts);
    if (w.conn)
        sqlite3_close(w.conn);
    return 0;
}

/* Hidden: not in the command table's help, reached by name only. */
const struct cs_cmd cmd_complete = {"__complete", "__complete K WORD...",
                                    "What the completion scripts ask (see completion).\n", 0,
                                    complete_exec};
