/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile.c - bank, card and ride-hail CSV files read through declarative profiles.
 *
 * The profile format (the built-in profiles are profiles/NAME.profile; `--profile FILE`
 * reads the same format). One `key = value` per line; a line whose first non-blank
 * character is '#' is a comment, blank lines are ignored; blanks around key and value are
 * not part of them. A COLUMN is a header name, matched ignoring ASCII case and surrounding
 * blanks (a BOM taken off); `NAME #2` is the second column of that name (ING's two
 * `Währung`; a '#' not followed by a digit is part of the name: Monzo's `Notes and #tags`). A value
 * in double quotes ("Uber") is a fixed text instead of a column.
 *
 *   name = NAME               the profile's name (a file: its own name without .profile)
 *   description = TEXT        one line for `import profiles`
 *   variant_of = NAME         another layout of profile NAME: `--profile NAME` tries both
 *   header = COL, COL, ...    the signature: the header row holds all of these, in any
 *                             order, among others (required; a name here has no comma)
 *   preamble = N              up to N lines (0..20) may come before the header (default 0)
 *   delimiter = C             `,` (default), `;`, `tab`, `|`
 *   encoding = E              utf-8 (default; a BOM is taken off), windows-1252, iso-8859-1
 *                             (converted to UTF-8 through iconv)
 *   date = COLUMN             the row's date (required), in
 *   date_format = F           YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY,
 *                             DD.MM.YY, YYYYMMDD, `YYYY-MM-DD H:MM:SS`, and two instants in
 *                             UTC whose local date in --tz is the date:
 *                             `YYYY-MM-DD HH:MM:SS +0000 UTC`, `YYYY-MM-DDTHH:MM:SSZ`
 *   amount = COLUMN           one signed amount, with
 *   spent = negative|positive   which sign is money spent (default negative)
 *   debit = COL, credit = COL a pair of columns instead (one of them filled; the sign of a
 *                             cell is ignored: a debit is spent, a credit is money in)
 *   direction = COLUMN        with amount: an unsigned amount whose direction is this cell,
 *   direction_spent = TEXT      equal to this for money spent
 *   direction_credit = TEXT     and to this for money in (any other value is an error)
 *   decimal = . | ,           the decimal separator (default .)
 *   thousands = none|,|.|space|'  the grouping separator (default none)
 *   currency = COLUMN|"EUR"   the currency (required): a column of ISO codes or a fixed one
 *   fee = COLUMN              a fee, added to the money spent (Revolut's Fee)
 *   tip = COLUMN              the tip, part of the amount (a cell of 0 is no tip)
 *   merchant = COLUMN|"TEXT"  repeatable: the first non-empty one is the merchant
 *   note = COLUMN|"TEXT"      repeatable, as merchant
 *   from = ..., to = ...      a ride's addresses
 *   category = ..., provider = ...   fixed (or a column): NULL lets the rules decide
 *   key = COLUMN              repeatable: the source's own id, the cells joined by ':'
 *                             (Excel's text mark taken off each: Amex's '320...')
 *   statement = yes|no        a bank or card file, matched against expenses (default yes)
 *   money_in = credit|refund|skip: REASON   what money in is when no rule says (default
 *                             credit: a refund unless the pipeline's rules find a payment)
 *   skip = [in|out] COLUMN is PATTERN[|PATTERN...]: REASON
 *   refund = [in|out] COLUMN is PATTERN...    rows to skip (shown by --dry-run with the
 *   credit = ..., spend = ...                 reason), or that are refunds, credits,
 *                             spending. PATTERN is a case-insensitive glob (* and ?) of the
 *                             whole cell; `in`/`out` limits a rule to money in or out. The
 *                             first rule that matches decides; a row of amount 0 no rule
 *                             decides is skipped ("zero amount").
 *   hook = uber|lyft-tips     what a line cannot say, in C below, with its inputs:
 *   hook.status, hook.product, hook.requested, hook.kind = COLUMN
 *     uber: hook.status (absent: every row completed) "completed" is the row as declared,
 *       but a hook.product with "eats" in it (any case) is a meal at "Uber Eats" (no
 *       provider, from or to); a status with "cancel" in it is skipped ("cancelled, no
 *       fee") when its amount is 0, else kept with the note "cancellation fee"; any other
 *       status is skipped ("not completed (STATUS)"). A row that is not completed, or whose
 *       date is in 1970 (Uber's placeholder for a trip that never began; in UTC, for a
 *       time in UTC), is dated by hook.requested.
 *     lyft-tips: the file is read whole; a row whose hook.kind is "tip" (any case) is
 *       folded into the first row of the same key that is not a tip and not skipped: its
 *       amount added to that row's amount and tip, and the tip row itself shown as "tip of
 *       line N". A tip is known across reports by hook.when (the transaction's own time)
 *       and its amount: one already stored (in its ride, or as a row of its own) is
 *       present; a new one whose ride is stored, or has no ride in the file, is a row of
 *       its own (note "tip"). The ride is the row of hook.kind Ride (or, without a kind,
 *       the first row spent); every other row (a refund, an adjustment) has the key
 *       KEY:TYPE@WHEN:AMOUNT:CUR, so that every key is once in the file and the same in
 *       every report (lyft_group() says how the database decides).
 *
 * The reader streams the file through csv.c, holding one record at a time (the lyft-tips
 * hook reads its file whole to fold each tip row into its ride).
 */
#include "confspend/profile.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "confspend/args.h"
#include "confspend/csv.h"
#include "confspend/date.h"
#include "confspend/expense.h"
#include "confspend/import.h"
#include "confspend/money.h"

#define PREAMBLE_MAX 20 /* lines --profile auto looks at before the header */
#define LINE_MAX_PEEK 65536
#define MAX_REFS 4
#define MAX_SIG 64

enum { ENC_UTF8, ENC_CP1252, ENC_LATIN1 };
enum { LAY_NONE, LAY_SIGNED, LAY_PAIR, LAY_DIRECTION };
enum { ACT_SKIP, ACT_REFUND, ACT_CREDIT, ACT_SPEND };
enum { HOOK_NONE, HOOK_UBER, HOOK_LYFT_TIPS };

static const char *const enc_names[] = {"utf-8", "windows-1252", "iso-8859-1"};
static const char *const enc_iconv[] = {"UTF-8", "WINDOWS-1252", "ISO-8859-1"};

/* A column (COL, the NTH of that name) or a fixed text; IDX is the column's field once a
 * header is mapped. */
struct ref {
    char *col, *fixed;
    int nth, idx;
};

enum role {
    R_DATE,
    R_AMOUNT,
    R_DEBIT,
    R_CREDIT,
    R_DIRECTION,
    R_FEE,
    R_TIP,
    R_CURRENCY,
    R_MERCHANT,
    R_NOTE,
    R_FROM,
    R_TO,
    R_CATEGORY,
    R_PROVIDER,
    R_KEY,
    R_STATUS,
    R_PRODUCT,
    R_REQUESTED,
    R_KIND,
    R_WHEN,
    R_N
};

static const struct {
    const char *key;
    int multi, fixed_ok;
} roles[R_N] = {
    {"date", 0, 0},        {"amount", 0, 0},       {"debit", 0, 0},
    {"credit", 0, 0},      {"direction", 0, 0},    {"fee", 0, 0},
    {"tip", 0, 0},         {"currency", 0, 1},     {"merchant", 1, 1},
    {"note", 1, 1},        {"from", 0, 1},         {"to", 0, 1},
    {"category", 0, 1},    {"provider", 0, 1},     {"key", 1, 0},
    {"hook.status", 0, 0}, {"hook.product", 0, 0}, {"hook.requested", 0, 0},
    {"hook.kind", 0, 0},   {"hook.when", 0, 0},
};

struct rule {
    int act, dir; /* dir: 1 money out only, -1 money in only, 0 both */
    struct ref col;
    char *pats; /* PATTERN|PATTERN... */
    char *reason;
};

struct profile {
    char *name, *desc, *variant_of, *origin;
    char *sig[MAX_SIG];
    int nsig;
    int preamble, delim, enc, date_fmt, spent_positive, decimal, thousands, statement, hook;
    int layout;
    char *dir_spent, *dir_credit;
    int money_in;
    char *money_in_reason;
    struct ref refs[R_N][MAX_REFS];
    int nrefs[R_N];
    struct rule *rules;
    int nrules;
    unsigned seen; /* keys given once, for "given twice" */
};

/* ---- small text helpers ---- */

static char *trim(char *s)
{
    char *end;
    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        *--end = 0;
    return s;
}

/* A header name as compared: blanks and a BOM off. */
static const char *hname(const char *s)
{
    if (!strncmp(s, "\xEF\xBB\xBF", 3))
        s += 3;
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Compare header name A (may carry blanks) with the profile's B, ignoring ASCII case. */
static int name_eq(const char *a, const char *b)
{
    size_t n;
    a = hname(a);
    n = strlen(a);
    while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
        n--;
    return strlen(b) == n && !strncasecmp(a, b, n);
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Glob P (* and ?, ASCII case ignored) against all of S, for N bytes of P. */
static int glob_n(const char *p, size_t n, const char *s)
{
    const char *star = NULL, *ss = NULL, *pend = p + n;
    while (*s) {
        if (p < pend && (*p == '?' || lower((unsigned char)*p) == lower((unsigned char)*s))) {
            p++;
            s++;
        } else if (p < pend && *p == '*') {
            star = ++p;
            ss = s;
        } else if (star) {
            p = star;
            s = ++ss;
        } else {
            return 0;
        }
    }
    while (p < pend && *p == '*')
        p++;
    return p == pend;
}

/* Does S match one of the '|'-separated patterns PATS? */
static int pats_match(const char *pats, const char *s)
{
    for (;;) {
        const char *bar = strchr(pats, '|');
        size_t n = bar ? (size_t)(bar - pats) : strlen(pats);
        if (glob_n(pats, n, s))
            return 1;
        if (!bar)
            return 0;
        pats = bar + 1;
    }
}

static int contains_ci(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; s && *s; s++)
        if (!strncasecmp(s, w, n))
            return 1;
    return 0;
}

/* ---- the profile parser ---- */

void profile_free(struct profile *p)
{
    if (!p)
        return;
    free(p->name);
    free(p->desc);
    free(p->variant_of);
    free(p->origin);
    for (int i = 0; i < p->nsig; i++)
        free(p->sig[i]);
    free(p->dir_spent);
    free(p->dir_credit);
    free(p->money_in_reason);
    for (int r = 0; r < R_N; r++)
        for (int k = 0; k < p->nrefs[r]; k++) {
            free(p->refs[r][k].col);
            free(p->refs[r][k].fixed);
        }
    for (int i = 0; i < p->nrules; i++) {
        free(p->rules[i].col.col);
        free(p->rules[i].pats);
        free(p->rules[i].reason);
    }
    free(p->rules);
    free(p);
}

/* Fill E for line LINE, key KEY of profile P. */
static int perr(struct profile *p, struct cs_err *e, int line, const char *key, const char *value,
                const char *what)
{
    char where[160];
    snprintf(where, sizeof where, "profile %s, line %d, %s", p->origin, line, key);
    return cs_error(e, CS_EINPUT, where, value, "%s", what);
}

/* Parse V into REF: "text" fixed (when FIXED_OK), else a column "NAME" or "NAME #N". */
static int parse_ref(char *v, int fixed_ok, struct ref *ref, const char **why)
{
    size_t n = strlen(v);
    memset(ref, 0, sizeof *ref);
    ref->nth = 1;
    ref->idx = -1;
    if (n >= 1 && v[0] == '"') {
        if (n < 2 || v[n - 1] != '"') {
            *why = "a quoted text must end with a quote";
            return -1;
        }
        if (!fixed_ok) {
            *why = "must be a column, not a fixed text";
            return -1;
        }
        v[n - 1] = 0;
        ref->fixed = xstrdup(v + 1);
        return 0;
    }
    if (!n) {
        *why = "a column name is required";
        return -1;
    }
    char *hash = strrchr(v, '#');
    if (hash && hash > v && hash[-1] == ' ' && hash[1] >= '0' && hash[1] <= '9') {
        char *end;
        long k = strtol(hash + 1, &end, 10);
        if (*end || k < 1 || k > 9) {
            *why = "#N must be 1..9 (the Nth column of that name)";
            return -1;
        }
        ref->nth = (int)k;
        *hash = 0;
        v = trim(v);
    }
    ref->col = xstrdup(v);
    return 0;
}

/* One rule "[in|out] COLUMN is PATTERNS[: REASON]". */
static int parse_rule(char *v, int act, struct rule *r, const char **why)
{
    char *is, *colon;
    memset(r, 0, sizeof *r);
    r->act = act;
    if (!strncmp(v, "in ", 3)) {
        r->dir = -1;
        v = trim(v + 3);
    } else if (!strncmp(v, "out ", 4)) {
        r->dir = 1;
        v = trim(v + 4);
    }
    is = strstr(v, " is ");
    if (!is) {
        *why = "expected [in|out] COLUMN is PATTERN[|PATTERN...][: REASON]";
        return -1;
    }
    *is = 0;
    colon = strchr(is + 4, ':');
    if (colon)
        *colon = 0;
    char *pats = trim(is + 4), *reason = colon ? trim(colon + 1) : NULL;
    if (!*pats) {
        *why = "a pattern is required";
        return -1;
    }
    if (act == ACT_SKIP && (!reason || !*reason)) {
        *why = "a skip rule needs its reason after ':'";
        return -1;
    }
    if (parse_ref(trim(v), 0, &r->col, why))
        return -1;
    r->pats = xstrdup(pats);
    r->reason = reason && *reason ? xstrdup(reason) : NULL;
    return 0;
}

static int yes_no(const char *v, int *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "no")) {
        *out = v[0] == 'y';
        return 0;
    }
    return -1;
}

/* The keys that may be given once, by bit. */
static const char *const once_keys[] = {
    "name",      "description",     "variant_of",       "header",
    "preamble",  "delimiter",       "encoding",         "date_format",
    "spent",     "direction_spent", "direction_credit", "decimal",
    "thousands", "statement",       "money_in",         "hook",
    NULL};

static int set_key(struct profile *p, int line, const char *key, char *v, struct cs_err *e)
{
    const char *why = NULL;
    for (int i = 0; once_keys[i]; i++)
        if (!strcmp(key, once_keys[i])) {
            if (p->seen & (1u << i))
                return perr(p, e, line, key, NULL, "given twice");
            p->seen |= 1u << i;
        }
    for (int r = 0; r < R_N; r++) {
        if (strcmp(key, roles[r].key))
            continue;
        if (p->nrefs[r] == (roles[r].multi ? MAX_REFS : 1))
            return perr(p, e, line, key, NULL,
                        roles[r].multi ? "given more than 4 times" : "given twice");
        char *copy = xstrdup(v);
        int bad = parse_ref(copy, roles[r].fixed_ok, &p->refs[r][p->nrefs[r]], &why);
        free(copy);
        if (bad)
            return perr(p, e, line, key, v, why);
        struct ref *ref = &p->refs[r][p->nrefs[r]++];
        if (ref->fixed && r == R_CURRENCY && !money_currency_known(ref->fixed))
            return perr(p, e, line, key, ref->fixed, "not a known ISO 4217 currency");
        if (ref->fixed && r == R_CATEGORY && !category_valid(ref->fixed))
            return perr(p, e, line, key, ref->fixed, "not a category");
        if (ref->fixed && r == R_PROVIDER && !provider_valid(ref->fixed))
            return perr(p, e, line, key, ref->fixed, "not a ride provider");
        if (ref->fixed && text_check(ref->fixed, key, e))
            return perr(p, e, line, key, NULL, "not valid UTF-8 text");
        return 0;
    }
    if (!strcmp(key, "name") || !strcmp(key, "description") || !strcmp(key, "variant_of")) {
        char **dst = key[0] == 'n' ? &p->name : key[0] == 'd' ? &p->desc : &p->variant_of;
        if (!*v || text_check(v, key, e))
            return perr(p, e, line, key, v, "must be non-empty UTF-8 text");
        if (key[0] != 'd')
            for (const char *c = v; *c; c++)
                if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
                    return perr(p, e, line, key, v, "a name is lowercase letters, digits and -");
        free(*dst);
        *dst = xstrdup(v);
    } else if (!strcmp(key, "header")) {
        char *s = v;
        for (;;) {
            char *comma = strchr(s, ',');
            if (comma)
                *comma = 0;
            char *name = trim(s);
            if (!*name)
                return perr(p, e, line, key, NULL, "an empty column name");
            if (p->nsig == MAX_SIG)
                return perr(p, e, line, key, NULL, "more than 64 columns");
            if (text_check(name, key, e))
                return perr(p, e, line, key, NULL, "not valid UTF-8 text");
            p->sig[p->nsig++] = xstrdup(name);
            if (!comma)
                break;
            s = comma + 1;
        }
    } else if (!strcmp(key, "preamble")) {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 0 || n > PREAMBLE_MAX)
            return perr(p, e, line, key, v, "must be a number of lines, 0..20");
        p->preamble = (int)n;
    } else if (!strcmp(key, "delimiter")) {
        if (!strcmp(v, "tab"))
            p->delim = '\t';
        else if (strlen(v) == 1 && *v != '"' && (unsigned char)*v >= 0x20 && *v != 0x7f)
            p->delim = (unsigned char)*v;
        else
            return perr(p, e, line, key, v, "must be one character (or tab), not a quote");
    } else if (!strcmp(key, "encoding")) {
        int k;
        for (k = 0; k < 3 && strcasecmp(v, enc_names[k]); k++)
            ;
        if (k == 3 && !strcasecmp(v, "cp1252"))
            k = ENC_CP1252;
        if (k == 3 && (!strcasecmp(v, "latin-1") || !strcasecmp(v, "latin1")))
            k = ENC_LATIN1;
        if (k == 3)
            return perr(p, e, line, key, v, "must be utf-8, windows-1252 or iso-8859-1");
        p->enc = k;
    } else if (!strcmp(key, "date_format")) {
        if ((p->date_fmt = date_fmt_named(v)) < 0)
            return perr(p, e, line, key, v, "not a known date format (see import --help)");
    } else if (!strcmp(key, "spent")) {
        if (strcmp(v, "negative") && strcmp(v, "positive"))
            return perr(p, e, line, key, v, "must be negative or positive");
        p->spent_positive = v[0] == 'p';
    } else if (!strcmp(key, "direction_spent") || !strcmp(key, "direction_credit")) {
        char **dst = key[10] == 's' ? &p->dir_spent : &p->dir_credit;
        if (!*v || text_check(v, key, e))
            return perr(p, e, line, key, v, "must be non-empty UTF-8 text");
        *dst = xstrdup(v);
    } else if (!strcmp(key, "decimal")) {
        if (strcmp(v, ".") && strcmp(v, ","))
            return perr(p, e, line, key, v, "must be . or ,");
        p->decimal = *v;
    } else if (!strcmp(key, "thousands")) {
        if (!strcmp(v, "none"))
            p->thousands = 0;
        else if (!strcmp(v, "space"))
            p->thousands = ' ';
        else if (!strcmp(v, ",") || !strcmp(v, ".") || !strcmp(v, "'"))
            p->thousands = *v;
        else
            return perr(p, e, line, key, v, "must be none, ',', '.', space or '");
    } else if (!strcmp(key, "statement")) {
        if (yes_no(v, &p->statement))
            return perr(p, e, line, key, v, "must be yes or no");
    } else if (!strcmp(key, "money_in")) {
        if (!strcmp(v, "credit")) {
            p->money_in = ACT_CREDIT;
        } else if (!strcmp(v, "refund")) {
            p->money_in = ACT_REFUND;
        } else if (!strncmp(v, "skip:", 5) && *trim(v + 5)) {
            p->money_in = ACT_SKIP;
            p->money_in_reason = xstrdup(trim(v + 5));
        } else {
            return perr(p, e, line, key, v, "must be credit, refund or skip: REASON");
        }
    } else if (!strcmp(key, "skip") || !strcmp(key, "refund") || !strcmp(key, "credit") ||
               !strcmp(key, "spend")) {
        int act = key[1] == 'k'   ? ACT_SKIP
                  : key[0] == 'r' ? ACT_REFUND
                  : key[1] == 'r' ? ACT_CREDIT
                                  : ACT_SPEND;
        struct rule r;
        if (p->nrules == 256)
            return perr(p, e, line, key, NULL, "more than 256 rules");
        char *copy = xstrdup(v);
        int bad = parse_rule(copy, act, &r, &why);
        free(copy);
        if (bad)
            return perr(p, e, line, key, v, why);
        if (text_check(r.pats, key, e) || (r.reason && text_check(r.reason, key, e))) {
            free(r.col.col);
            free(r.pats);
            free(r.reason);
            return perr(p, e, line, key, NULL, "not valid UTF-8 text");
        }
        p->rules = xrealloc(p->rules, sizeof *p->rules * (size_t)(p->nrules + 1));
        p->rules[p->nrules++] = r;
    } else if (!strcmp(key, "hook")) {
        if (!strcmp(v, "uber"))
            p->hook = HOOK_UBER;
        else if (!strcmp(v, "lyft-tips"))
            p->hook = HOOK_LYFT_TIPS;
        else
            return perr(p, e, line, key, v, "must be uber or lyft-tips");
    } else {
        return perr(p, e, line, key, NULL, "unknown key");
    }
    return 0;
}

int profile_parse(const char *text, const char *origin, struct profile **out, struct cs_err *e)
{
    struct profile *p = xmalloc(sizeof *p);
    char *copy = xstrdup(text), *s = copy;
    int line = 0, rc = 0;
    memset(p, 0, sizeof *p);
    p->origin = xstrdup(origin);
    p->delim = ',';
    p->decimal = '.';
    p->statement = 1;
    p->money_in = ACT_CREDIT;
    p->date_fmt = -1;
    while (s && *s) {
        char *nl = strchr(s, '\n'), *l, *eq;
        if (nl)
            *nl = 0;
        line++;
        l = trim(s);
        s = nl ? nl + 1 : NULL;
        if (text_check(l, "line", NULL)) {
            rc = perr(p, e, line, "line", l, "not valid UTF-8 text");
            goto done;
        }
        if (!*l || *l == '#')
            continue;
        eq = strchr(l, '=');
        if (!eq) {
            rc = perr(p, e, line, "line", l, "expected key = value");
            goto done;
        }
        *eq = 0;
        char *key = trim(l), *v = trim(eq + 1);
        if (!*key) {
            rc = perr(p, e, line, "line", NULL, "a key is required before '='");
            goto done;
        }
        if ((rc = set_key(p, line, key, v, e)))
            goto done;
    }
    /* what every profile needs */
    if (!p->nsig)
        rc = perr(p, e, line, "header", NULL, "required (the columns that identify the layout)");
    else if (!p->nrefs[R_DATE])
        rc = perr(p, e, line, "date", NULL, "required");
    else if (p->date_fmt < 0)
        rc = perr(p, e, line, "date_format", NULL, "required");
    else if (!p->nrefs[R_CURRENCY])
        rc = perr(p, e, line, "currency", NULL, "required (a column or a fixed \"USD\")");
    else if (p->decimal == p->thousands)
        rc = perr(p, e, line, "thousands", NULL, "must differ from the decimal separator");
    else if (p->delim == p->decimal && p->delim != ',')
        rc = perr(p, e, line, "delimiter", NULL, "must differ from the decimal separator");
    if (rc)
        goto done;
    {
        int a = p->nrefs[R_AMOUNT], d = p->nrefs[R_DEBIT], c = p->nrefs[R_CREDIT],
            dir = p->nrefs[R_DIRECTION];
        if (a && !d && !c && !dir)
            p->layout = LAY_SIGNED;
        else if (!a && d && c && !dir)
            p->layout = LAY_PAIR;
        else if (a && dir && !d && !c)
            p->layout = LAY_DIRECTION;
        else
            rc = perr(p, e, line, "amount", NULL,
                      "give amount, or debit and credit, or amount and direction");
        if (!rc && p->layout == LAY_DIRECTION && (!p->dir_spent || !p->dir_credit))
            rc = perr(p, e, line, "direction", NULL, "needs direction_spent and direction_credit");
    }
    if (!rc && !p->name) {
        /* a file's name without its folders and .profile */
        const char *b = strrchr(origin, '/');
        char *n = xstrdup(b ? b + 1 : origin), *dot = strstr(n, ".profile");
        if (dot && !dot[8])
            *dot = 0;
        p->name = n;
    }
done:
    free(copy);
    if (rc) {
        profile_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

/* ---- decoding ---- */

/* The reader. */
struct held; /* a row of a file read whole */

struct preader {
    struct profile *p;
    char *path, *tz;
    char *tz_was; /* $TZ before --tz was set (NULL: unset) */
    int tz_set;
    FILE *fp;
    struct csv_reader csv;
    int csv_on;
    long long base; /* the header's byte offset */
    int decimal, thousands;
    iconv_t cd;
    char *cbuf;
    size_t ccap;
    char **cells;
    int ncells, ncols;
    char **hnames;     /* the header's names, decoded (for messages) */
    char *header_line; /* the header as read, for messages */
    int ridx[R_N][MAX_REFS];
    int *rule_idx;
    char key[1024];
    char reason[160];
    char date_err[8];
    /* the lyft-tips hook: the rows, read whole */
    struct held *held;
    size_t nheld, pos;
    int folded; /* lyft_fold() has run */
};

struct held {
    struct src_row r;
    char *merchant, *note, *category, *provider, *from, *to, *key, *reason;
    char *when;            /* hook.when: the transaction's own time, part of a row's identity */
    char *kind;            /* hook.kind, as read */
    int tip_row, ride_row; /* hook.kind is Tip, Ride (any case) */
    int64_t signed_amount; /* lyft_group(): its money as read, money back negative */
    size_t order;
};

/* Decode the N fields F[0..N) (lengths L) into r->cells: UTF-8 checked in place, the
 * other encodings converted through iconv into r->cbuf. Cells are trimmed. LINE and the
 * header names (when known) name a bad cell. */
static int decode(struct preader *r, char **f, const size_t *l, int n, long line, struct cs_err *e)
{
    char where[160];
    if (n > r->ncells) {
        r->cells = xrealloc(r->cells, sizeof *r->cells * (size_t)n);
        r->ncells = n;
    }
    if (r->p->enc == ENC_UTF8) {
        for (int i = 0; i < n; i++) {
            char *s = f[i];
            if (text_check(s, "", NULL)) {
                snprintf(where, sizeof where, "line %ld, column %s", line,
                         r->hnames && i < r->ncols ? r->hnames[i] : "?");
                return text_check(s, where, e);
            }
            r->cells[i] = trim(s);
        }
        return 0;
    }
    size_t need = 1;
    for (int i = 0; i < n; i++)
        need += l[i] * 3 + 1;
    if (need > r->ccap) {
        r->ccap = need;
        r->cbuf = xrealloc(r->cbuf, r->ccap);
    }
    char *o = r->cbuf;
    size_t left = r->ccap;
    for (int i = 0; i < n; i++) {
        char *in = f[i], *start = o;
        size_t inleft = l[i];
        iconv(r->cd, NULL, NULL, NULL, NULL);
        if (iconv(r->cd, &in, &inleft, &o, &left) == (size_t)-1) {
            char byte[8];
            snprintf(where, sizeof where, "line %ld, column %s", line,
                     r->hnames && i < r->ncols ? r->hnames[i] : "?");
            snprintf(byte, sizeof byte, "\\x%02x", inleft ? (unsigned char)*in : 0);
            return cs_error(e, CS_EINPUT, where, byte, "a byte that is not %s text",
                            enc_names[r->p->enc]);
        }
        *o++ = 0;
        left--;
        r->cells[i] = trim(start);
    }
    return 0;
}

/* ---- header detection ---- */

/* A line of the file's start, as bytes (no line end). */
struct peek {
    long long off;
    long line;
    char *text;
    size_t len;
    int too_long;
};

/* Read up to MAX lines of FP from its start into V; *N gets how many. Line ends are LF,
 * CRLF and CR, counted as csv.c counts them; empty lines are not kept (csv skips them). */
static int peek_lines(FILE *fp, struct peek *v, int max, int *n, struct cs_err *e)
{
    long long off = 0;
    long line = 1;
    int c, k = 0;
    *n = 0;
    if (fseek(fp, 0, SEEK_SET))
        return cs_error(e, CS_EFAIL, "import", NULL, "cannot seek the file: %s", strerror(errno));
    while (k < max) {
        size_t len = 0, cap = 256;
        char *t = xmalloc(cap);
        long long start = off;
        int too_long = 0, end = 0;
        while ((c = getc(fp)) != EOF) {
            off++;
            if (c == '\n')
                break;
            if (c == '\r') {
                int d = getc(fp);
                if (d == '\n')
                    off++;
                else if (d != EOF)
                    ungetc(d, fp);
                break;
            }
            if (len + 1 >= LINE_MAX_PEEK) {
                too_long = 1;
                continue;
            }
            if (len + 2 > cap)
                t = xrealloc(t, cap *= 2);
            t[len++] = (char)c;
        }
        if (c == EOF)
            end = 1;
        t[len] = 0;
        if (len || too_long) {
            v[k].off = start;
            v[k].line = line;
            v[k].text = t;
            v[k].len = len;
            v[k].too_long = too_long;
            k++;
        } else {
            free(t);
        }
        line++;
        if (end)
            break;
    }
    if (ferror(fp))
        return cs_error(e, CS_EFAIL, "import", NULL, "cannot read the file: %s", strerror(errno));
    *n = k;
    return 0;
}

/* The text of line L as UTF-8 in encoding ENC (allocated), or NULL when it does not
 * decode. A BOM at the start is dropped. */
static char *peek_decode(const struct peek *l, int enc)
{
    const char *s = l->text;
    size_t n = l->len;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
        s += 3;
        n -= 3;
    }
    if (enc == ENC_UTF8) {
        char *t = xmalloc(n + 1);
        memcpy(t, s, n);
        t[n] = 0;
        if (memchr(t, 0, n) || text_check(t, "header", NULL)) {
            free(t);
            return NULL;
        }
        return t;
    }
    iconv_t cd = iconv_open("UTF-8", enc_iconv[enc]);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n * 3 + 1, left = cap, inleft = n;
    char *t = xmalloc(cap), *o = t, *in = (char *)s;
    if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
        free(t);
        t = NULL;
    } else {
        *o = 0;
    }
    iconv_close(cd);
    return t;
}

/* Split TEXT (UTF-8) as one CSV record with DELIM; calls FN with the fields. Returns
 * FN's result, or -1 when TEXT is not one record. */
static int with_fields(const char *text, int delim, int (*fn)(char **f, int n, void *arg),
                       void *arg)
{
    size_t n = strlen(text);
    FILE *m;
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    int rc = -1;
    if (!n)
        return -1;
    m = fmemopen((void *)text, n, "r");
    if (!m)
        return -1;
    csv_init(&r, m, delim);
    if (csv_read(&r, &e) == 1)
        rc = fn(r.fields, r.nfields, arg);
    csv_release(&r);
    fclose(m);
    return rc;
}

/* How many of P's signature names fields F[0..N) hold: P->nsig when all, else 0. */
static int sig_fn(char **f, int n, void *arg)
{
    const struct profile *p = arg;
    for (int s = 0; s < p->nsig; s++) {
        int found = 0;
        for (int i = 0; i < n && !found; i++)
            found = name_eq(f[i], p->sig[s]);
        if (!found)
            return 0;
    }
    return p->nsig;
}

static int generic_fn(char **f, int n, void *arg)
{
    struct import_header h;
    struct cs_err e = CS_ERR_INIT;
    (void)arg;
    return import_header_parse(f, n, &h, &e) == 0;
}

/* How well line L is P's header (0: not at all). */
static int sig_score(const struct profile *p, const struct peek *l, int delim_opt)
{
    char *t;
    int score;
    if (l->too_long)
        return 0;
    t = peek_decode(l, p->enc);
    if (!t)
        return 0;
    score = with_fields(t, delim_opt ? delim_opt : p->delim, sig_fn, (void *)p);
    free(t);
    return score > 0 ? score : 0;
}

/* ---- the built-in profiles ---- */

static int builtin_parse(int i, struct profile **out, struct cs_err *e)
{
    char origin[96];
    snprintf(origin, sizeof origin, "built-in %s", cs_profile_texts[i].name);
    return profile_parse(cs_profile_texts[i].text, origin, out, e);
}

void profile_list(FILE *out)
{
    for (int i = 0; i < cs_profile_text_count; i++) {
        struct profile *p;
        struct cs_err e = CS_ERR_INIT;
        if (builtin_parse(i, &p, &e))
            continue; /* the unit test parses every one */
        if (!p->variant_of)
            fprintf(out, "%-15s %s\n", p->name, p->desc ? p->desc : "");
        profile_free(p);
    }
}

/* ---- rows ---- */

static const char *cell_at(struct preader *r, int idx)
{
    const char *s = idx >= 0 && idx < r->ncols ? r->cells[idx] : NULL;
    return s && *s ? s : NULL;
}

/* The K-th reference of ROLE: its fixed text, or its cell (NULL when empty). */
static const char *role_k(struct preader *r, int role, int k)
{
    const struct ref *ref = &r->p->refs[role][k];
    if (k >= r->p->nrefs[role])
        return NULL;
    if (ref->fixed)
        return *ref->fixed ? ref->fixed : NULL;
    return cell_at(r, r->ridx[role][k]);
}

/* The first non-empty reference of ROLE, or NULL. */
static const char *role(struct preader *r, int role)
{
    for (int k = 0; k < r->p->nrefs[role]; k++) {
        const char *s = role_k(r, role, k);
        if (s)
            return s;
    }
    return NULL;
}

static const char *role_name(struct preader *r, int role)
{
    const struct ref *ref = &r->p->refs[role][0];
    return ref->col ? ref->col : roles[role].key;
}

/* "line N, column NAME" into BUF. */
static const char *at(long line, const char *col, char *buf, size_t n)
{
    snprintf(buf, n, "line %ld, column %s", line, col);
    return buf;
}

/* Parse the amount of ROLE (required when REQUIRED) with DIGITS into *V; *GIVEN says
 * whether the cell had one. */
static int amount_of(struct preader *r, int rl, int digits, int required, long line, int64_t *v,
                     int *given, struct cs_err *e)
{
    char w[160];
    const char *s = role(r, rl);
    *v = 0;
    *given = s != NULL;
    if (!s) {
        if (required)
            return cs_error(e, CS_EINPUT, at(line, role_name(r, rl), w, sizeof w), NULL,
                            "an amount is required");
        return 0;
    }
    if (money_parse_sep(s, digits, r->decimal, r->thousands, v, "", NULL) == 0)
        return 0;
    return money_parse_sep(s, digits, r->decimal, r->thousands, v,
                           at(line, role_name(r, rl), w, sizeof w), e);
}

/* Parse the date in ROLE into OUT (YYYY-MM-DD): an instant in UTC becomes its date in the
 * reader's zone. */
static int date_of(struct preader *r, int rl, long line, char out[11], int *year, struct cs_err *e)
{
    char w[160];
    const char *s = role(r, rl);
    struct cs_date d;
    long long secs;
    if (!s || date_parse_fmt(s, r->p->date_fmt, &d, &secs, "", NULL)) {
        at(line, role_name(r, rl), w, sizeof w);
        if (!s)
            return cs_error(e, CS_EINPUT, w, NULL, "a date is required");
        return date_parse_fmt(s, r->p->date_fmt, &d, &secs, w, e);
    }
    if ((date_fmt_is_instant(r->p->date_fmt) && date_local_of(secs, NULL, &d)) ||
        d.y < DATE_YEAR_MIN || d.y > DATE_YEAR_MAX)
        return cs_error(e, CS_EINPUT, at(line, role_name(r, rl), w, sizeof w), s,
                        "a time out of range");
    date_format(d, out);
    /* an instant's year is its year in UTC: Uber's placeholder 1970-01-01 00:00 UTC is
     * 1969-12-31 west of Greenwich */
    if (date_fmt_is_instant(r->p->date_fmt)) {
        long long day = secs / 86400 - (secs % 86400 < 0); /* floor */
        *year = date_from_days((long)day).y;
    } else {
        *year = d.y;
    }
    return 0;
}

static int64_t absv(int64_t v)
{
    return v < 0 ? -v : v;
}

/* Fill ROW from the decoded record of LINE. */
static int make_row(struct preader *r, long line, struct src_row *row, struct cs_err *e)
{
    const struct profile *p = r->p;
    char w[160];
    const char *cur, *s;
    int digits, given, year, date_role = R_DATE, dir, decided = 0;
    int64_t a = 0, b = 0, fee = 0, tip = 0;
    __int128 spent;
    const char *status = NULL;
    int cancelled = 0, other_status = 0;

    memset(row, 0, sizeof *row);
    row->line = line;
    row->tip = -1;
    row->statement = p->statement;

    /* the currency, then the money in its digits */
    cur = role(r, R_CURRENCY);
    if (!cur)
        return cs_error(e, CS_EINPUT, at(line, role_name(r, R_CURRENCY), w, sizeof w), NULL,
                        "a currency is required");
    if (strlen(cur) != 3 || (digits = money_digits(cur)) < 0) {
        char up[4] = {0};
        if (strlen(cur) == 3)
            for (int i = 0; i < 3; i++)
                up[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 32 : cur[i]);
        if (!up[0] || (digits = money_digits(up)) < 0)
            return cs_error(e, CS_EINPUT, at(line, role_name(r, R_CURRENCY), w, sizeof w), cur,
                            "not a known ISO 4217 currency");
        memcpy(row->currency, up, 4);
    } else {
        memcpy(row->currency, cur, 4);
    }

    switch (p->layout) {
    case LAY_SIGNED:
        if (amount_of(r, R_AMOUNT, digits, 1, line, &a, &given, e))
            return CS_EINPUT;
        spent = p->spent_positive ? (__int128)a : -(__int128)a;
        break;
    case LAY_PAIR: {
        int g2;
        if (amount_of(r, R_DEBIT, digits, 0, line, &a, &given, e) ||
            amount_of(r, R_CREDIT, digits, 0, line, &b, &g2, e))
            return CS_EINPUT;
        if (!given && !g2)
            return cs_error(e, CS_EINPUT, at(line, role_name(r, R_DEBIT), w, sizeof w), NULL,
                            "an amount is required (in %s or %s)", role_name(r, R_DEBIT),
                            role_name(r, R_CREDIT));
        spent = (__int128)absv(a) - absv(b);
        break;
    }
    default: /* LAY_DIRECTION */
        if (amount_of(r, R_AMOUNT, digits, 1, line, &a, &given, e))
            return CS_EINPUT;
        s = role(r, R_DIRECTION);
        if (s && !strcasecmp(s, p->dir_spent)) {
            spent = absv(a);
        } else if (s && !strcasecmp(s, p->dir_credit)) {
            spent = -(__int128)absv(a);
        } else {
            return cs_error(e, CS_EINPUT, at(line, role_name(r, R_DIRECTION), w, sizeof w),
                            s ? s : "", "must be %s (money spent) or %s (money in)", p->dir_spent,
                            p->dir_credit);
        }
        break;
    }
    if (p->nrefs[R_FEE]) {
        if (amount_of(r, R_FEE, digits, 0, line, &fee, &given, e))
            return CS_EINPUT;
        spent += absv(fee);
    }
    if (spent > INT64_MAX || spent < -(__int128)INT64_MAX)
        return cs_error(e, CS_EINPUT, at(line, role_name(r, R_AMOUNT), w, sizeof w), NULL,
                        "the amount is too large");
    if (p->nrefs[R_TIP]) {
        if (amount_of(r, R_TIP, digits, 0, line, &tip, &given, e))
            return CS_EINPUT;
        if (given && tip != 0) /* "0.00": the rider gave no tip, as none is written down */
            row->tip = absv(tip);
    }
    row->amount = spent < 0 ? (int64_t)-spent : (int64_t)spent;
    dir = spent > 0 ? 1 : spent < 0 ? -1 : 0;

    /* the uber hook: which date a cancellation has */
    if (p->hook == HOOK_UBER) {
        status = role(r, R_STATUS);
        if (status && strcasecmp(status, "completed")) {
            if (contains_ci(status, "cancel"))
                cancelled = 1;
            else
                other_status = 1;
        }
        if ((cancelled || other_status) && p->nrefs[R_REQUESTED] && role(r, R_REQUESTED))
            date_role = R_REQUESTED;
    }
    if (date_of(r, date_role, line, row->date, &year, e))
        return CS_EINPUT;
    if (p->hook == HOOK_UBER && year == 1970 && date_role == R_DATE && p->nrefs[R_REQUESTED] &&
        role(r, R_REQUESTED) && date_of(r, R_REQUESTED, line, row->date, &year, e))
        return CS_EINPUT; /* the epoch placeholder of a trip that never began */

    row->merchant = role(r, R_MERCHANT);
    row->note = role(r, R_NOTE);
    row->category = role(r, R_CATEGORY);
    row->provider = role(r, R_PROVIDER);
    row->from = role(r, R_FROM);
    row->to = role(r, R_TO);
    {
        static const int text_roles[] = {R_MERCHANT, R_NOTE, R_CATEGORY, R_PROVIDER, R_FROM, R_TO};
        const char *v[] = {row->merchant, row->note, row->category,
                           row->provider, row->from, row->to};
        for (int i = 0; i < 6; i++)
            if (v[i] && strlen(v[i]) > TEXT_MAX)
                return cs_error(e, CS_EINPUT, at(line, role_name(r, text_roles[i]), w, sizeof w),
                                v[i], "longer than %d bytes", TEXT_MAX);
    }

    /* the key: the cells joined by ':' */
    {
        size_t o = 0;
        int any = 0;
        for (int k = 0; k < p->nrefs[R_KEY]; k++) {
            const char *c = role_k(r, R_KEY, k);
            size_t n;
            c = c ? c : "";
            n = strlen(c);
            if (c[0] == '\'') { /* Amex's '320...' (Excel's mark for text) */
                c++;
                n--;
                if (n && c[n - 1] == '\'')
                    n--;
            }
            if (n)
                any = 1;
            if (o + n + 2 >= sizeof r->key)
                return cs_error(e, CS_EINPUT, at(line, p->refs[R_KEY][k].col, w, sizeof w), c,
                                "an id longer than 1000 bytes");
            if (k)
                r->key[o++] = ':';
            memcpy(r->key + o, c, n);
            o += n;
        }
        r->key[o] = 0;
        row->key = any ? r->key : NULL;
    }

    /* the fate: the first rule that matches, else the direction */
    for (int i = 0; i < p->nrules && !decided; i++) {
        const struct rule *ru = &p->rules[i];
        const char *c;
        if (ru->dir && ru->dir != dir)
            continue;
        c = cell_at(r, r->rule_idx[i]);
        if (!pats_match(ru->pats, c ? c : ""))
            continue;
        decided = 1;
        row->fate = ru->act == ACT_SKIP     ? SRC_SKIP
                    : ru->act == ACT_REFUND ? SRC_REFUND
                    : ru->act == ACT_CREDIT ? SRC_CREDIT
                                            : SRC_SPEND;
        if (ru->act == ACT_SKIP)
            row->skip_reason = ru->reason;
    }
    if (!decided && p->hook == HOOK_UBER) {
        const char *product = role(r, R_PRODUCT);
        if (cancelled) {
            if (row->amount == 0) {
                row->fate = SRC_SKIP;
                row->skip_reason = "cancelled, no fee";
            } else {
                row->fate = dir < 0 ? SRC_REFUND : SRC_SPEND;
                row->note = "cancellation fee";
            }
            decided = 1;
        } else if (other_status) {
            size_t n = strlen(status);
            if (n > 100) /* cut on a character boundary */
                for (n = 100; n > 0 && ((unsigned char)status[n] & 0xC0) == 0x80; n--)
                    ;
            snprintf(r->reason, sizeof r->reason, "not completed (%.*s)", (int)n, status);
            row->fate = SRC_SKIP;
            row->skip_reason = r->reason;
            decided = 1;
        }
        if (contains_ci(product, "eats")) {
            row->category = "meal";
            row->merchant = "Uber Eats";
            row->provider = NULL;
            row->from = row->to = NULL;
        }
    }
    if (!decided && dir == 0) {
        row->fate = SRC_SKIP;
        row->skip_reason = "zero amount";
        decided = 1;
    }
    if (!decided) {
        if (dir > 0) {
            row->fate = SRC_SPEND;
        } else {
            row->fate = p->money_in == ACT_SKIP     ? SRC_SKIP
                        : p->money_in == ACT_REFUND ? SRC_REFUND
                                                    : SRC_CREDIT;
            if (p->money_in == ACT_SKIP)
                row->skip_reason = p->money_in_reason;
        }
    }
    return 0;
}

/* Read the next record of the file and make it a row: 1, 0 at the end, or an error. */
static int stream_next(struct preader *r, struct src_row *row, struct cs_err *e)
{
    int rc = csv_read(&r->csv, e), nf;
    if (rc == CS_EINPUT && r->csv.nfields < r->ncols) {
        /* name the column the bad cell is in: the fields before it were read */
        char w[160], what[256];
        snprintf(what, sizeof what, "%s", e->what);
        snprintf(w, sizeof w, "line %ld, column %s", r->csv.err_line, r->hnames[r->csv.nfields]);
        return cs_error(e, CS_EINPUT, w, NULL, "%s", what);
    }
    if (rc <= 0)
        return rc;
    nf = r->csv.nfields;
    /* Chase checking: one more field than the header, empty */
    if (nf == r->ncols + 1 && r->csv.lens[nf - 1] == 0)
        nf--;
    if (nf != r->ncols) {
        char w[48];
        snprintf(w, sizeof w, "line %ld", r->csv.line);
        return cs_error(e, CS_EINPUT, w, NULL, "%d fields, the header has %d", r->csv.nfields,
                        r->ncols);
    }
    if (decode(r, r->csv.fields, r->csv.lens, nf, r->csv.line, e))
        return CS_EINPUT;
    if (make_row(r, r->csv.line, row, e))
        return CS_EINPUT;
    return 1;
}

/* ---- the lyft-tips hook: the whole file, each tip row folded into its ride ---- */

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int held_cmp(const void *a, const void *b)
{
    const struct held *x = *(struct held *const *)a, *y = *(struct held *const *)b;
    int c = strcmp(x->key ? x->key : "", y->key ? y->key : "");
    if (c)
        return c;
    return (x->order > y->order) - (x->order < y->order);
}

static int lyft_load(struct preader *r, struct cs_err *e)
{
    struct src_row row;
    int rc;
    size_t cap = 0;
    while ((rc = stream_next(r, &row, e)) == 1) {
        struct held *h;
        const char *kind = role(r, R_KIND);
        if (r->nheld == cap)
            r->held = xrealloc(r->held, sizeof *r->held * (cap = cap ? cap * 2 : 64));
        h = &r->held[r->nheld];
        memset(h, 0, sizeof *h);
        h->r = row;
        h->merchant = dup_or_null(row.merchant);
        h->note = dup_or_null(row.note);
        h->category = dup_or_null(row.category);
        h->provider = dup_or_null(row.provider);
        h->from = dup_or_null(row.from);
        h->to = dup_or_null(row.to);
        h->key = dup_or_null(row.key);
        h->reason = dup_or_null(row.skip_reason);
        h->when = dup_or_null(role(r, R_WHEN));
        h->kind = dup_or_null(kind);
        h->tip_row = kind && !strcasecmp(kind, "tip");
        h->ride_row = kind && !strcasecmp(kind, "ride");
        h->order = r->nheld++;
    }
    return rc < 0 ? rc : 0;
}

/* What the database holds under KEY (LOOKUP NULL: there is none): 1 with *OUT, or 0. */
static int stored(src_lookup_fn lookup, void *arg, const char *key, int prefix,
                  struct src_stored *out, struct cs_err *e)
{
    memset(out, 0, sizeof *out);
    out->tip = -1;
    return lookup ? lookup(arg, key, prefix, out, e) : 0;
}

/* H, a row of its own under key NK (allocated, taken over); a tip row says so. */
static void own_row(struct held *h, char *nk)
{
    if (h->tip_row) {
        free(h->note);
        h->note = xstrdup("tip");
        h->r.tip = h->r.amount;
    }
    free(h->key);
    h->key = nk;
}

/* H's money held by another row: shown by --dry-run as "tip of line N" or "tip of expense
 * N", counted, never stored. */
static void folded(struct held *h, const char *what, long long n)
{
    h->r.folded_in = h->r.fate == SRC_REFUND || h->r.fate == SRC_CREDIT;
    h->r.fate = SRC_FOLDED;
    free(h->reason);
    h->reason = xmalloc(48);
    snprintf(h->reason, 48, "tip of %s %lld", what, n);
}

/* Add tip row H's money T to RIDE's amount and tip: 0, or 1 when it does not fit. */
static int fold_money(struct held *ride, int64_t t)
{
    int64_t sum = ride->r.fate == SRC_SPEND ? ride->r.amount : -ride->r.amount;
    int64_t tips = ride->r.tip < 0 ? 0 : ride->r.tip;
    if (money_add(&sum, t) || money_add(&tips, t) || sum < 0 || tips < 0)
        return 1;
    ride->r.amount = sum;
    ride->r.tip = tips;
    return 0;
}

/* Whether the '|'-separated list LIST holds ID. */
static int in_list(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !memcmp(p, id, n))
            return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

/* S's characters that would end a key's part ('|', the ride key's separator) as '/',
 * in place. */
static void key_part(char *s)
{
    for (; *s; s++)
        if (*s == '|')
            *s = '/';
}

/*
 * Row G[K] of ride R, neither the ride nor a tip (a refund, an adjustment): a key of its
 * own, its identity R:TYPE@WHEN:AMOUNT:CUR (Transaction Type in lower case, hook.when, its
 * signed minor units, "#N" for the Nth identical row), the same in every report, so that
 * such a row alone in a later report is neither taken for the stored ride nor counted
 * again. Keys from before identities (R:2, R:3, ... by position; R when its file had no
 * ride, NORIDE) are found again by their amount. 0, or an error code.
 */
static int other_row(struct held **g, size_t k, const char *R, int noride, src_lookup_fn lookup,
                     void *arg, struct cs_err *e)
{
    struct held *h = g[k];
    struct src_stored own;
    char id[200], kind[41] = "", old[1100];
    int same = 0, rc;
    size_t i = 0;
    if (h->r.fate == SRC_SKIP)
        return 0; /* never stored: its key as read */
    for (const char *c = h->kind ? h->kind : ""; *c && i < sizeof kind - 1; c++)
        kind[i++] = (char)tolower((unsigned char)*c);
    kind[i] = 0;
    for (size_t j = 0; j < k; j++)
        same += !g[j]->tip_row && g[j]->r.fate != SRC_SKIP &&
                g[j]->signed_amount == h->signed_amount &&
                !strcmp(g[j]->r.currency, h->r.currency) &&
                !strcasecmp(g[j]->kind ? g[j]->kind : "", h->kind ? h->kind : "") &&
                !strcmp(g[j]->when ? g[j]->when : "", h->when ? h->when : "");
    snprintf(id, sizeof id, same ? "%s@%.100s:%lld:%s#%d" : "%s@%.100s:%lld:%s", kind,
             h->when ? h->when : "", (long long)h->signed_amount, h->r.currency, same + 1);
    key_part(id);
    snprintf(old, sizeof old, "%s:%s", R, id);
    if ((rc = stored(lookup, arg, old, 0, &own, e)) < 0)
        return rc;
    if (rc) {
        own_row(h, xstrdup(old));
        return 0;
    }
    /* from before identities, by position: the first stored one of this amount that no
     * earlier row of the file has taken */
    for (int pos = noride ? 0 : 2; pos <= 16; pos += pos ? 1 : 2) {
        int taken = 0;
        if (pos)
            snprintf(old, sizeof old, "%s:%d", R, pos);
        else
            snprintf(old, sizeof old, "%s", R);
        if ((rc = stored(lookup, arg, old, 0, &own, e)) < 0)
            return rc;
        for (size_t j = 0; j < k && rc; j++)
            taken |= !g[j]->tip_row && g[j]->key && !strcmp(g[j]->key, old);
        if (rc && !taken && own.amount == h->signed_amount) {
            own_row(h, xstrdup(old));
            return 0;
        }
    }
    snprintf(old, sizeof old, "%s:%s", R, id);
    own_row(h, xstrdup(old));
    return 0;
}

/*
 * The rows of one Ride ID R: each tip row folded into the ride, or a row of its own, and
 * every other row a key of its own (other_row()). What the database already holds
 * decides, so that reports that overlap (Lyft's go by transaction date, and a tip comes
 * days after its ride) neither lose a tip nor count one twice.
 *
 * A tip's identity within its ride is "tip@" hook.when ":" its signed amount in minor
 * units ":" its currency (and "#N" for the Nth identical one): it is the same in every
 * report. A ride stored with tips folded into it has the key R|ID|ID... (the ride alone:
 * R); a tip of its own has the key R:ID. A tip is then:
 *   - present as a row of its own when R:ID is stored (or, from before identities, R:tip
 *     or R:tipN of the same amount);
 *   - present in the stored ride when its ID is in the ride's key (or, for a ride stored
 *     as R with a tip from before identities: when the ride is in this file too, or its
 *     amount fits what is left of that tip);
 *   - new: folded into the ride when the ride is new and in this file, in the same
 *     currency; else a row of its own, R:ID (a tip that came after its ride was stored).
 * The ride row takes the stored ride's key (so it is present), else R and the IDs of the
 * tips folded into it.
 */
static int lyft_group(struct held **g, size_t n, src_lookup_fn lookup, void *arg, struct cs_err *e)
{
    struct held *ride = NULL;
    struct src_stored st, own;
    const char *ids = NULL;
    char R[1024]; /* a copy: the row that had it may get a key of its own */
    char newkey[1024];
    int ntips = 0, rc, in_db = 0, legacy = 0;
    int64_t left = 0;
    /* the ride a tip folds into is money spent (a refund row takes no tip): the row of
     * Transaction Type Ride (any case), else, in a file without the type, the first row
     * spent that is not a tip; a row of another type (Adjustment) is never the ride */
    for (size_t k = 0; k < n && !ride; k++)
        if (!g[k]->tip_row && g[k]->r.fate == SRC_SPEND &&
            (g[k]->ride_row || !g[k]->kind || !*g[k]->kind))
            ride = g[k];
    for (size_t k = 0; k < n; k++)
        g[k]->signed_amount = g[k]->r.fate == SRC_SPEND ? g[k]->r.amount : -g[k]->r.amount;
    if (!g[0]->key) /* no Ride ID: a row of its own, as read */
        return 0;
    snprintf(R, sizeof R, "%s", g[0]->key);
    if ((rc = stored(lookup, arg, R, 1, &st, e)) < 0)
        return rc;
    in_db = rc;
    if (in_db && st.key[strlen(R)] == '|')
        ids = st.key + strlen(R) + 1;
    legacy = in_db && !ids && st.tip > 0;
    left = legacy ? st.tip : 0;
    snprintf(newkey, sizeof newkey, "%s", R);
    for (size_t k = 0; k < n; k++) {
        struct held *h = g[k];
        char id[160], *nk;
        int64_t t;
        int same = 0;
        if (h == ride)
            continue;
        if (!h->tip_row) {
            if ((rc = other_row(g, k, R, !ride, lookup, arg, e)) < 0)
                return rc;
            continue;
        }
        ntips++; /* every tip row counts, as before identities */
        if (h->r.fate == SRC_SKIP)
            continue;
        t = h->signed_amount;
        for (size_t j = 0; j < k; j++) /* identical tips before it in this file (as read:
                                        * an earlier one may be folded by now) */
            same += g[j]->tip_row && g[j]->r.fate != SRC_SKIP && g[j]->signed_amount == t &&
                    !strcmp(g[j]->r.currency, h->r.currency) &&
                    !strcmp(g[j]->when ? g[j]->when : "", h->when ? h->when : "");
        snprintf(id, sizeof id, same ? "tip@%.100s:%lld:%s#%d" : "tip@%.100s:%lld:%s",
                 h->when ? h->when : "", (long long)t, h->r.currency, same + 1);
        key_part(id);
        nk = xmalloc(strlen(R) + strlen(id) + 24);
        sprintf(nk, "%s:%s", R, id);
        /* a row of its own already */
        if ((rc = stored(lookup, arg, nk, 0, &own, e)) < 0) {
            free(nk);
            return rc;
        }
        if (!rc) { /* from before identities: R:tip, R:tip2, ... of the same amount */
            char old[1100];
            snprintf(old, sizeof old, ntips == 1 ? "%s:tip" : "%s:tip%d", R, ntips);
            if ((rc = stored(lookup, arg, old, 0, &own, e)) < 0) {
                free(nk);
                return rc;
            }
            if (rc && own.amount == t) {
                free(nk);
                nk = xstrdup(old);
            } else {
                rc = 0;
            }
        }
        if (rc) {
            own_row(h, nk);
            continue;
        }
        /* in the stored ride */
        if (in_db && ((ids && in_list(ids, id)) || (legacy && (ride || (t > 0 && t <= left))))) {
            free(nk);
            if (legacy && !ride)
                left -= t;
            if (ride && !strcmp(h->r.currency, ride->r.currency) && !fold_money(ride, t))
                folded(h, "line", ride->r.line);
            else
                folded(h, "expense", (long long)st.id);
            continue;
        }
        /* new: into a new ride of this file, or a row of its own */
        if (ride && !in_db && !strcmp(h->r.currency, ride->r.currency) &&
            strlen(newkey) + strlen(id) + 2 < 1000 && !fold_money(ride, t)) {
            free(nk);
            strcat(newkey, "|");
            strcat(newkey, id);
            folded(h, "line", ride->r.line);
            continue;
        }
        own_row(h, nk);
    }
    if (ride) {
        free(ride->key);
        ride->key = xstrdup(in_db ? st.key : newkey);
    }
    return 0;
}

/* The file's rows by Ride ID, each group through lyft_group(); once, before the first row. */
static int lyft_fold(struct preader *r, src_lookup_fn lookup, void *arg, struct cs_err *e)
{
    struct held **by = xmalloc(sizeof *by * (r->nheld + 1));
    int rc = 0;
    r->folded = 1;
    for (size_t i = 0; i < r->nheld; i++)
        by[i] = &r->held[i];
    qsort(by, r->nheld, sizeof *by, held_cmp);
    for (size_t i = 0; i < r->nheld && !rc;) {
        size_t j = i;
        while (j < r->nheld && by[i]->key && by[j]->key && !strcmp(by[i]->key, by[j]->key))
            j++;
        if (j == i)
            j = i + 1; /* no Ride ID: a row of its own */
        rc = lyft_group(by + i, j - i, lookup, arg, e);
        i = j;
    }
    free(by);
    return rc;
}

static int reader_attach(void *self, src_lookup_fn lookup, void *arg, struct cs_err *e)
{
    struct preader *r = self;
    return r->p->hook == HOOK_LYFT_TIPS && !r->folded ? lyft_fold(r, lookup, arg, e) : 0;
}

static int lyft_next(struct preader *r, struct src_row *row, struct cs_err *e)
{
    int rc;
    if (!r->folded && (rc = lyft_fold(r, NULL, NULL, e)) < 0)
        return rc;
    if (r->pos == r->nheld)
        return 0;
    struct held *h = &r->held[r->pos++];
    *row = h->r;
    row->merchant = h->merchant;
    row->note = h->note;
    row->category = h->category;
    row->provider = h->provider;
    row->from = h->from;
    row->to = h->to;
    row->key = h->key;
    row->skip_reason = h->reason;
    return 1;
}

/* ---- the reader's interface ---- */

static int reader_next(void *self, struct src_row *row, struct cs_err *e)
{
    struct preader *r = self;
    if (r->p->hook == HOOK_LYFT_TIPS)
        return lyft_next(r, row, e);
    return stream_next(r, row, e);
}

static long long reader_progress(void *self)
{
    struct preader *r = self;
    return r->base + (long long)r->csv.bytes;
}

static void reader_release(void *self)
{
    struct preader *r = self;
    if (!r)
        return;
    if (r->csv_on)
        csv_release(&r->csv);
    if (r->cd != (iconv_t)-1 && r->cd)
        iconv_close(r->cd);
    for (size_t i = 0; i < r->nheld; i++) {
        struct held *h = &r->held[i];
        free(h->merchant);
        free(h->note);
        free(h->category);
        free(h->provider);
        free(h->from);
        free(h->to);
        free(h->key);
        free(h->reason);
        free(h->when);
        free(h->kind);
    }
    free(r->held);
    if (r->hnames)
        for (int i = 0; i < r->ncols; i++)
            free(r->hnames[i]);
    free(r->hnames);
    free(r->header_line);
    free(r->cbuf);
    free(r->cells);
    free(r->rule_idx);
    free(r->path);
    if (r->tz_set) { /* the process's zone back as it was */
        if (r->tz_was)
            setenv("TZ", r->tz_was, 1);
        else
            unsetenv("TZ");
        tzset();
    }
    free(r->tz_was);
    free(r->tz);
    profile_free(r->p);
    free(r);
}

/* The field of column REF in the header, or -1. */
static int find_col(struct preader *r, const struct ref *ref)
{
    int seen = 0;
    for (int i = 0; i < r->ncols; i++)
        if (name_eq(r->hnames[i], ref->col) && ++seen == ref->nth)
            return i;
    return -1;
}

static int missing_col(struct preader *r, const struct ref *ref, struct cs_err *e)
{
    char col[160];
    if (ref->nth > 1)
        snprintf(col, sizeof col, "%s #%d", ref->col, ref->nth);
    else
        snprintf(col, sizeof col, "%s", ref->col);
    return cs_error(e, CS_EINPUT, "import", col,
                    "profile '%s' names a column the header of %s lacks (header: %.150s)",
                    r->p->name, r->path, r->header_line);
}

/* Read the header at line L (offset OFF) and map P's columns onto it. */
static int reader_start(struct preader *r, const struct peek *l, const struct profile_opts *o,
                        struct cs_err *e)
{
    int rc;
    r->base = l->off;
    r->header_line = peek_decode(l, r->p->enc);
    if (!r->header_line)
        r->header_line = xstrdup("?");
    if (fseek(r->fp, l->off, SEEK_SET))
        return cs_error(e, CS_EFAIL, "import", r->path, "cannot seek the file: %s",
                        strerror(errno));
    csv_init(&r->csv, r->fp, o && o->delimiter ? o->delimiter : r->p->delim);
    r->csv_on = 1;
    r->csv.pos_line = l->line;
    if (r->p->enc != ENC_UTF8) {
        r->cd = iconv_open("UTF-8", enc_iconv[r->p->enc]);
        if (r->cd == (iconv_t)-1)
            return cs_error(e, CS_EFAIL, "import", enc_names[r->p->enc],
                            "iconv cannot convert this encoding");
    }
    rc = csv_read(&r->csv, e);
    if (rc == 0)
        return cs_error(e, CS_EINPUT, "import", r->path, "no header row");
    if (rc < 0)
        return rc;
    if (r->csv.nfields > 0 && !strncmp(r->csv.fields[0], "\xEF\xBB\xBF", 3))
        r->csv.fields[0] += 3;
    if (decode(r, r->csv.fields, r->csv.lens, r->csv.nfields, r->csv.line, e))
        return CS_EINPUT;
    r->ncols = r->csv.nfields;
    r->hnames = xmalloc(sizeof *r->hnames * (size_t)r->ncols);
    for (int i = 0; i < r->ncols; i++)
        r->hnames[i] = xstrdup(hname(r->cells[i]));
    for (int ro = 0; ro < R_N; ro++)
        for (int k = 0; k < r->p->nrefs[ro]; k++) {
            const struct ref *ref = &r->p->refs[ro][k];
            r->ridx[ro][k] = -1;
            if (ref->fixed)
                continue;
            if ((r->ridx[ro][k] = find_col(r, ref)) < 0)
                return missing_col(r, ref, e);
        }
    r->rule_idx = xmalloc(sizeof *r->rule_idx * (size_t)(r->p->nrules + 1));
    for (int i = 0; i < r->p->nrules; i++)
        if ((r->rule_idx[i] = find_col(r, &r->p->rules[i].col)) < 0)
            return missing_col(r, &r->p->rules[i].col, e);
    if (r->p->hook == HOOK_LYFT_TIPS)
        return lyft_load(r, e);
    return 0;
}

/* Read a profile file at PATH. */
static int file_profile(const char *path, struct profile **out, struct cs_err *e)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;
    int rc;
    if (!f)
        return cs_error(e, CS_EINPUT, "--profile", path, "cannot open the profile: %s",
                        strerror(errno));
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return cs_error(e, CS_EINPUT, "--profile", path, "cannot read the profile");
    }
    if (n > 1024 * 1024) {
        fclose(f);
        return cs_error(e, CS_EINPUT, "--profile", path, "a profile is at most 1 MiB");
    }
    text = xmalloc((size_t)n + 1);
    if (fread(text, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(text);
        return cs_error(e, CS_EINPUT, "--profile", path, "cannot read the profile");
    }
    fclose(f);
    text[n] = 0;
    if (memchr(text, 0, (size_t)n)) {
        free(text);
        return cs_error(e, CS_EINPUT, "--profile", path, "a NUL byte in the profile");
    }
    rc = profile_parse(text, path, out, e);
    free(text);
    return rc;
}

/* Open FP through the first of CAND[0..NCAND) (freed here) whose header is within its
 * preamble; AUTO_ says the generic header is taken too. NAME is what the user asked for. */
static int open_among(struct profile **cand, int ncand, int auto_, const char *profile, FILE *fp,
                      const char *path, const struct profile_opts *o, struct src_reader *out,
                      struct cs_err *e)
{
    int npeek = 0, rc = 0, best = -1, best_line = -1;
    struct peek lines[PREAMBLE_MAX + 1];
    struct preader *r = NULL;
    struct stat sb;

    if ((rc = peek_lines(fp, lines, PREAMBLE_MAX + 1, &npeek, e)))
        goto done;
    if (npeek == 0) {
        rc = cs_error(e, CS_EINPUT, "import", path, "no header row (the file is empty)");
        goto done;
    }
    if (auto_) {
        char *t = peek_decode(&lines[0], ENC_UTF8);
        int generic =
            t && with_fields(t, o && o->delimiter ? o->delimiter : ',', generic_fn, NULL) == 1;
        free(t);
        if (generic) {
            if (fseek(fp, 0, SEEK_SET))
                rc = cs_error(e, CS_EFAIL, "import", path, "cannot seek the file");
            goto done;
        }
    }
    /* the first line that is a candidate's header; of several candidates, the one whose
     * signature names the most columns */
    for (int l = 0; l < npeek && best < 0; l++) {
        int score = 0;
        for (int c = 0; c < ncand; c++) {
            int s;
            if (l > cand[c]->preamble)
                continue;
            s = sig_score(cand[c], &lines[l], o ? o->delimiter : 0);
            if (s > score) {
                score = s;
                best = c;
                best_line = l;
            }
        }
    }
    if (best < 0) {
        char *t = peek_decode(&lines[0], ENC_UTF8);
        if (!t)
            t = peek_decode(&lines[0], ENC_CP1252);
        if (auto_)
            rc = cs_error(e, CS_EINPUT, "import", t ? t : "?",
                          "%s is in no known layout (import profiles lists them); its first "
                          "line",
                          path);
        else
            rc = cs_error(e, CS_EINPUT, "import", t ? t : "?",
                          "%s is not a '%s' file: no header within its first %d lines matches "
                          "the profile's; its first line",
                          path, profile, cand[0]->preamble + 1);
        free(t);
        goto done;
    }
    r = xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->cd = (iconv_t)-1;
    r->p = cand[best];
    cand[best] = NULL;
    /* a UTF-8 BOM says what the file is, whatever the bank's usual encoding */
    if (r->p->enc != ENC_UTF8 && lines[0].off == 0 && lines[0].len >= 3 &&
        !memcmp(lines[0].text, "\xEF\xBB\xBF", 3))
        r->p->enc = ENC_UTF8;
    r->fp = fp;
    r->path = xstrdup(path ? path : "-");
    r->tz = o && o->tz ? xstrdup(o->tz) : NULL;
    if (r->tz && date_fmt_is_instant(r->p->date_fmt)) {
        /* --tz is the process's zone until release, set here, on the caller's thread, so
         * that next() (which the pipeline runs on a thread of its own) only calls
         * localtime_r and never changes the environment */
        const char *was = getenv("TZ");
        r->tz_was = was ? xstrdup(was) : NULL;
        r->tz_set = 1;
        setenv("TZ", r->tz, 1);
        tzset();
    }
    r->decimal = r->p->decimal;
    r->thousands = r->p->thousands;
    if (o && o->decimal_comma) {
        r->decimal = ',';
        if (r->thousands == ',')
            r->thousands = '.';
    }
    if ((rc = reader_start(r, &lines[best_line], o, e))) {
        reader_release(r);
        goto done;
    }
    out->self = r;
    out->next = reader_next;
    out->attach = reader_attach;
    out->progress = reader_progress;
    out->release = reader_release;
    out->size = fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) ? (long long)sb.st_size : 0;
done:
    for (int i = 0; i < ncand; i++)
        profile_free(cand[i]);
    for (int i = 0; i < npeek; i++)
        free(lines[i].text);
    return rc;
}

int profile_open(const char *profile, FILE *fp, const char *path, const struct profile_opts *o,
                 struct src_reader *out, struct cs_err *e)
{
    struct profile *cand[64];
    int ncand = 0, rc = 0, auto_ = 0;

    memset(out, 0, sizeof *out);
    if (!profile || !*profile)
        profile = "auto";
    if (o && o->tz && date_zone_check(o->tz, "--tz", e))
        return CS_EINPUT;
    auto_ = !strcmp(profile, "auto");
    if (strchr(profile, '/') ||
        (strlen(profile) > 8 && !strcmp(profile + strlen(profile) - 8, ".profile"))) {
        if ((rc = file_profile(profile, &cand[0], e)))
            return rc;
        ncand = 1;
    } else {
        int known = auto_;
        for (int i = 0; i < cs_profile_text_count && ncand < 64; i++) {
            struct profile *p;
            if ((rc = builtin_parse(i, &p, e)))
                goto done;
            if (auto_ || !strcmp(p->name, profile) ||
                (p->variant_of && !strcmp(p->variant_of, profile))) {
                known |= !strcmp(p->name, profile);
                cand[ncand++] = p;
            } else {
                profile_free(p);
            }
        }
        if (!known) {
            rc = cs_error(e, CS_EINPUT, "--profile", profile,
                          "no such profile (import profiles lists them; or a FILE.profile)");
            goto done;
        }
    }
    return open_among(cand, ncand, auto_, profile, fp, path, o, out, e);
done:
    for (int i = 0; i < ncand; i++)
        profile_free(cand[i]);
    return rc;
}

int profile_open_parsed(struct profile *p, FILE *fp, const char *path, const struct profile_opts *o,
                        struct src_reader *out, struct cs_err *e)
{
    memset(out, 0, sizeof *out);
    if (o && o->tz && date_zone_check(o->tz, "--tz", e)) {
        profile_free(p);
        return CS_EINPUT;
    }
    return open_among(&p, 1, 0, p->name, fp, path, o, out, e);
}
