/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.h - the command table's shape and what every command receives. */
#ifndef CONFSPEND_CLI_H
#define CONFSPEND_CLI_H

#include <sqlite3.h>
#include "confspend/change.h"
#include "confspend/date.h"
#include "confspend/error.h"
#include "confspend/period.h"

struct cs_ctx {
    const char *db_opt; /* --db, or NULL */
    sqlite3 *db;        /* opened by the dispatcher for CMD_DB commands */
    struct cs_date today;
    char today_s[11];
    struct cs_err err;
    /* set by the dispatcher (cli_run) and ctx_open_write() */
    char *command;            /* the command line, for the change log */
    char *summary;            /* the change's one-line summary (ctx_summary), or NULL */
    int writing;              /* a write transaction and its change are open */
    struct change_rec change; /* what the command changes, recorded as one change */
    char dates[6][11];        /* date options given as words (cmd_parse), as YYYY-MM-DD */
    int journal_direct;       /* ctx_open_db() opens with db_open_direct() (receipt add) */
};

enum {
    CMD_DB = 1, /* open the database (creating and migrating it) before exec */
};

/*
 * A command: NAME as typed, a one-line USAGE, the HELP text printed by --help, FLAGS, and
 * EXEC, which gets the words after the command name and returns 0 or a cs_code with
 * ctx->err filled. EXEC may be reached with ctx->db NULL when --help is among its words.
 */
struct cs_cmd {
    const char *name;
    const char *usage;
    const char *help;
    int flags;
    int (*exec)(struct cs_ctx *ctx, int argc, char **argv);
};

extern const struct cs_cmd cmd_trip, cmd_add, cmd_list, cmd_show, cmd_edit, cmd_rm, cmd_history,
    cmd_undo, cmd_redo, cmd_backup, cmd_restore, cmd_config, cmd_rate, cmd_budget, cmd_report,
    cmd_export, cmd_import, cmd_schedule, cmd_completion, cmd_complete, cmd_rule, cmd_place,
    cmd_again;
/* receipts, claims and policy (cmd_receipt.c, cmd_claim.c, cmd_policy.c) */
extern const struct cs_cmd cmd_receipt, cmd_claim, cmd_policy;

/* `report claims [--format F]`, which cmd_report.c hands to cmd_claim.c. */
int report_claims_exec(struct cs_ctx *ctx, const char *format);

/* `add|edit --receipt FILE`: store FILE as a receipt of expense ID (receipt_store()) in
 * the command's change and print its line (cmd_receipt.c). */
int receipt_option_store(struct cs_ctx *ctx, int64_t id, const char *path);

/*
 * The lock on a claimed expense (cmd_claim.c): 0 when expense ID is in no claim past
 * draft; else with FORCE 0, CS_EINPUT "expense ID is in submitted claim N"; with FORCE
 * 1, 0 and WHY (when not NULL) gets "in submitted claim N", for the change's summary.
 */
int claim_lock_check(struct cs_ctx *ctx, int64_t id, int force, char why[64]);

/* Every command, in the order --help lists them (main.c), ended by NULL. */
extern const struct cs_cmd *const cs_commands[];

/* Set (to any non-NULL value) before calling a command's exec: its cmd_parse() then
 * runs nothing and sets this to an allocated copy of the command's options, ended by a
 * NULL name (what the completion offers). */
extern struct cs_opt *cli_options_wanted;

/* Print CMD's usage and help to stdout (for --help). Returns 0. */
int cmd_print_help(const struct cs_cmd *cmd);

struct cs_opt;
/* Take VALUE (of --db) as the database: CS_EINPUT for an empty name. */
int ctx_take_db_opt(struct cs_ctx *ctx, const char *value);

/* cmd_parse() printed the help: the command is done. */
#define CMD_HELPED 1
/*
 * The start every command shares: parse its words ARGC/ARGV against the options O (which
 * include "db") and at most MAXPOS positionals into POS/NPOS; print CMD's help for
 * --help (returning CMD_HELPED); take --db into ctx->db_opt. Returns 0 to go on,
 * CMD_HELPED, or CS_EINPUT with ctx->err filled. A command goes on with
 *     if ((rc = cmd_parse(...))) return rc == CMD_HELPED ? 0 : rc;
 */
int cmd_parse(struct cs_ctx *ctx, const struct cs_cmd *cmd, int argc, char **argv, struct cs_opt *o,
              const char **pos, int maxpos, int *npos);

/*
 * Open ctx->db when it is not open yet and post due recurring expenses. Commands call this
 * after checking what they can without the database, so bad input creates nothing.
 */
int ctx_open_db(struct cs_ctx *ctx);

/*
 * ctx_open_db(), then BEGIN IMMEDIATE and start recording the change: a write command
 * calls this (once; a second call does nothing) before it writes anything, and leaves
 * the commit to the dispatcher: when EXEC returns 0, cli_run() stores the change with
 * the summary of ctx_summary() (else the command line) and commits; on an error it rolls
 * everything back and records nothing.
 */
int ctx_open_write(struct cs_ctx *ctx);

/* Finish what the command wrote so far as cli_run() does (RC 0: store the change and
 * commit; else roll back), so that the next write is a change of its own (the
 * interactive add's session, one change per expense); returns RC, or the commit's error. */
int ctx_finish(struct cs_ctx *ctx, int rc);

/* The one-line summary of the change the command makes (printf-style). */
void ctx_summary(struct cs_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run CMD with its words ARGC/ARGV on CTX and finish its transaction (see above). */
int cli_run(struct cs_ctx *ctx, const struct cs_cmd *cmd, int argc, char **argv);

/* The period options, as an initializer list for a command's struct cs_opt array. */
#define PERIOD_OPTIONS                                                                             \
    {"trip", OPT_VALUE}, {"month", OPT_VALUE}, {"since", OPT_VALUE},                               \
    {                                                                                              \
        "until", OPT_VALUE                                                                         \
    }

/* The selection the period options O hold. */
struct period_sel period_sel_of(struct cs_opt *o);

/* The ride model's options, as an initializer list, and what O holds of them. */
#define RIDE_OPTIONS                                                                               \
    {"commission", OPT_VALUE}, {"share", OPT_VALUE}, {"availability", OPT_VALUE},                  \
        {"min-rides", OPT_VALUE},                                                                  \
    {                                                                                              \
        "trial-days", OPT_VALUE                                                                    \
    }
struct ride_opts;
struct ride_opts ride_opts_of(struct cs_opt *o);

/* What the options O of add or edit (ENTRY_OPTIONS, and ENTRY_NEGATIONS for edit) hold. */
struct entry_opts;
struct entry_opts entry_opts_of(struct cs_opt *o);

/* CS_EINPUT when --receipt is given more than once (the last would silently win: one file
 * here, more with `receipt add ID FILE...`); 0 otherwise. */
int entry_receipt_once(struct cs_ctx *ctx, struct cs_opt *o);

/*
 * The places an add, edit or again stores for --from/--to: each given one resolved by
 * place_resolve() (an alias, a known place, a unique prefix), and the known place a new
 * one is within two edits of (NEAR, for the hint), or NULL. Release with
 * entry_places_release().
 */
struct entry_places {
    char *from, *to, *from_near, *to_near;
};
#define ENTRY_PLACES_INIT                                                                          \
    {                                                                                              \
        NULL, NULL, NULL, NULL                                                                     \
    }
/* Resolve EO's --from and --to on ctx->db (open) and point EO at the results, which P
 * owns. CS_EINPUT for an ambiguous prefix or a mistyped alias. */
int entry_places_resolve(struct cs_ctx *ctx, struct entry_opts *eo, struct entry_places *p);
/* Print the hints `confspend: new place "X" (did you mean "Y"?)` of P on stderr: a
 * command calls it once what it stores is stored. */
void entry_places_hint(const struct entry_places *p);
void entry_places_release(struct entry_places *p);

#endif
