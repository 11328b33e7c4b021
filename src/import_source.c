/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_source.c - the rows of a real source into expenses: rules, trips by date, keys,
 * matching statement rows against expenses logged by hand, --dry-run's fates, and the
 * batch writer on a thread of its own, as one undoable change. */
#include "confspend/import_source.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/config.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/handoff.h"
#include "confspend/hash.h"
#include "confspend/history.h"
#include "confspend/import.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/rule.h"

/* Files at least this large get a progress bar when stderr is a terminal. */
#define PROGRESS_MIN_BYTES (10LL * 1024 * 1024)

/* The most distinct skip reasons counted apart; more are counted as "other". */
#define NREASONS 32

/* ---- the matcher's rule ------------------------------------------------------------- */

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The next word of at least 3 letters at or after *S: its start and length; 0 at the end. */
static int next_word(const char **s, const char **w, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s;
    for (;;) {
        const unsigned char *start;
        size_t letters = 0;
        while (*p && !is_letter(*p))
            p++;
        if (!*p) {
            *s = (const char *)p;
            return 0;
        }
        start = p;
        while (*p && is_letter(*p)) {
            /* a multi-byte character is one letter */
            if (*p < 0x80 || (*p & 0xc0) == 0xc0)
                letters++;
            p++;
        }
        if (letters >= 3) {
            *w = (const char *)start;
            *n = (size_t)(p - start);
            *s = (const char *)p;
            return 1;
        }
    }
}

int source_words_share(const char *a, const char *b)
{
    const char *pa = a, *wa, *wb;
    size_t na, nb;
    while (next_word(&pa, &wa, &na)) {
        const char *pb = b;
        while (next_word(&pb, &wb, &nb)) {
            size_t i;
            if (na != nb)
                continue;
            for (i = 0; i < na && fold((unsigned char)wa[i]) == fold((unsigned char)wb[i]); i++)
                ;
            if (i == na)
                return 1;
        }
    }
    return 0;
}

int source_pick(const struct source_cand *c, int n, long day, const char *merchant)
{
    int best = -1;
    long best_gap = 0;
    for (int i = 0; i < n; i++) {
        long gap = c[i].day > day ? c[i].day - day : day - c[i].day;
        if (c[i].taken || gap > 3)
            continue;
        if (merchant && *merchant && c[i].merchant && *c[i].merchant &&
            !source_words_share(merchant, c[i].merchant))
            continue;
        if (best < 0 || gap < best_gap || (gap == best_gap && c[i].id < c[best].id)) {
            best = i;
            best_gap = gap;
        }
    }
    return best;
}

/* ---- what the reader's side knows: rules, trips, keys ------------------------------- */

struct src_trip {
    int64_t id;
    char slug[65], start[11], end[11], currency[4];
};

struct reason {
    char text[64];
    long n;
};

/* The reader's side: everything it needs without the database. */
struct prep {
    struct src_reader *rd;
    struct rule_set rules;
    struct src_trip *trips;
    int ntrips;
    char base[4];
    struct import_seen seen;    /* fingerprints of rows without a key of their own */
    struct import_seen keys;    /* the sources' own keys, by hash: a key read twice is one row */
    struct import_seen keyrows; /* the same, with the row's date, money and currency */
    struct reason reasons[NREASONS];
    int nreasons;
    long rows, skipped, dups;
    long folded; /* rows whose money another row holds (SRC_FOLDED) */
    /* the progress bar */
    int show_progress, last_pct;
};

/* One row, prepared: its fate so far and, unless skipped, its expense. */
enum prep_fate { P_NEW, P_SKIP, P_DUP, P_FOLDED };
struct prepped {
    enum prep_fate fate;
    const char *reason; /* P_SKIP, P_FOLDED */
    char reason_buf[32];
    struct expense x; /* text points into the row or the buffers below */
    int trip;         /* index into prep.trips, -1 none */
    const char *raw;  /* the statement's own text: the row's merchant, else its note */
    char key[IMPORT_KEY_SIZE];
    char tip_note[8];
};

/* Copy S into the N bytes at D, cut to fit: snprintf's "%s" without its cost, for the
 * fields every row fills. */
static void copy_text(char *d, size_t n, const char *s)
{
    size_t k = strlen(s);
    if (k >= n)
        k = n - 1;
    memcpy(d, s, k);
    d[k] = 0;
}

static void count_reason(struct prep *p, const char *why)
{
    int i;
    p->skipped++;
    for (i = 0; i < p->nreasons; i++)
        if (!strcmp(p->reasons[i].text, why))
            break;
    if (i == p->nreasons) {
        if (p->nreasons == NREASONS)
            why = "other", i = NREASONS - 1;
        else
            snprintf(p->reasons[p->nreasons++].text, sizeof p->reasons[0].text, "%s", why);
    }
    p->reasons[i].n++;
}

static int load_trips(sqlite3 *db, struct prep *p, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc, cap = 0;
    if (!db)
        return 0;
    if (db_prepare(db, "SELECT id, slug, start_date, end_date, currency FROM trip ORDER BY id", &st,
                   e))
        return CS_EFAIL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct src_trip *t;
        if (p->ntrips == cap) {
            cap = cap ? cap * 2 : 16;
            p->trips = xrealloc(p->trips, sizeof *p->trips * (size_t)cap);
        }
        t = &p->trips[p->ntrips++];
        t->id = sqlite3_column_int64(st, 0);
        snprintf(t->slug, sizeof t->slug, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(t->start, sizeof t->start, "%s", (const char *)sqlite3_column_text(st, 2));
        snprintf(t->end, sizeof t->end, "%s", (const char *)sqlite3_column_text(st, 3));
        snprintf(t->currency, sizeof t->currency, "%s", (const char *)sqlite3_column_text(st, 4));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "cannot read the trips", e);
}

/* The trip dated DATE falls in (the one that starts latest, then the oldest), -1: none. */
static int trip_by_date(const struct prep *p, const char *date)
{
    int best = -1;
    for (int i = 0; i < p->ntrips; i++)
        if (strcmp(date, p->trips[i].start) >= 0 && strcmp(date, p->trips[i].end) <= 0 &&
            (best < 0 || strcmp(p->trips[i].start, p->trips[best].start) > 0))
            best = i;
    return best;
}

static int trip_by_id(const struct prep *p, int64_t id)
{
    for (int i = 0; i < p->ntrips; i++)
        if (p->trips[i].id == id)
            return i;
    return -1;
}

/* What a row's number counts in messages: "line", or "transaction" for OFX (set once). */
static const char *row_name = "line";

/* "line N, FIELD: WHAT (VALUE)" (or "transaction N, ..." for OFX). */
static int row_error(struct cs_err *e, long line, const char *field, const char *value,
                     const char *what)
{
    char w[96];
    snprintf(w, sizeof w, "%s %ld, %.60s", row_name, line, field);
    return cs_error(e, CS_EINPUT, w, value, "%s", what);
}

/*
 * ROW through the rules and the trips into OUT: skipped (with its reason), read before in
 * this file (its key twice), or an expense with its import key. The key is the source's
 * own, or the fingerprint of the row as read (before the rules, so a rule added later
 * does not make a re-import add the row again) plus how many identical rows came before.
 */
static int prep_row(struct prep *p, const struct src_row *row, struct prepped *out,
                    struct cs_err *e)
{
    struct expense z = EXPENSE_INIT, *x = &out->x;
    const struct rule *r;
    struct cs_date d;
    int refund, digits, money_in = row->fate == SRC_CREDIT;
    unsigned char fp[16];

    *x = z;
    out->trip = -1;
    out->raw = row->merchant ? row->merchant : row->note;
    if (date_parse(row->date, &d, "date", NULL))
        return row_error(e, row->line, "date", row->date, "not a calendar date (YYYY-MM-DD)");
    if (row->amount < 0)
        return row_error(e, row->line, "amount", NULL, "negative (the reader's fault)");
    if (row->fate == SRC_SKIP) {
        out->fate = P_SKIP;
        out->reason = row->skip_reason ? row->skip_reason : "not an expense";
        return 0;
    }
    if (row->fate == SRC_FOLDED) {
        out->fate = P_FOLDED;
        out->reason = row->skip_reason ? row->skip_reason : "folded";
        return 0;
    }
    r = rule_find(&p->rules, row->merchant, row->note, money_in);
    if (r && r->skip) {
        out->fate = P_SKIP;
        if (r->skip_reason) {
            out->reason = r->skip_reason;
        } else {
            snprintf(out->reason_buf, sizeof out->reason_buf, "rule %lld", (long long)r->id);
            out->reason = out->reason_buf;
        }
        return 0;
    }
    refund = row->fate == SRC_REFUND || row->fate == SRC_CREDIT;
    memcpy(x->date, row->date, 11);
    x->amount = refund ? -row->amount : row->amount;
    copy_text(x->category, sizeof x->category,
              r && r->category ? r->category
              : row->category  ? row->category
                               : "other");
    if (!category_valid(x->category))
        return category_refuse("category", x->category, e);
    x->merchant = (char *)(r && r->merchant ? r->merchant : row->merchant);
    x->note = (char *)row->note;
    if (!strcmp(x->category, "ride")) {
        const char *prov = r && r->provider ? r->provider : row->provider;
        if (prov && !(prov = provider_canonical(prov)))
            return provider_refuse("provider", r && r->provider ? r->provider : row->provider, e);
        x->provider = (char *)(prov ? prov : "other");
        x->from = (char *)row->from;
        x->to = (char *)row->to;
        x->shared = 0;
        x->tip = r && r->tip ? row->amount : row->tip >= 0 ? row->tip : -1;
    }
    x->reimbursable = r && r->reimbursable >= 0 ? r->reimbursable : 0;
    /* the trip: the rule's, else the one the date falls in */
    if (r && r->trip_id) {
        if ((out->trip = trip_by_id(p, r->trip_id)) < 0) {
            char w[48];
            snprintf(w, sizeof w, "rule %lld", (long long)r->id);
            return cs_error(e, CS_EINPUT, w, r->pattern,
                            "its trip was removed (%s %ld matches it; rule rm %lld, or add "
                            "it again with another --trip)",
                            row_name, row->line, (long long)r->id);
        }
    } else {
        out->trip = trip_by_date(p, x->date);
    }
    copy_text(x->currency, sizeof x->currency,
              row->currency[0] ? row->currency
              : out->trip >= 0 ? p->trips[out->trip].currency
                               : p->base);
    if ((digits = money_digits(x->currency)) < 0)
        return row_error(e, row->line, "currency", x->currency, "unknown ISO 4217 currency code");
    if (x->amount == 0 && strcmp(x->category, "lodging")) {
        /* a zero charge (a voided authorisation) is no expense: shown, never lost */
        out->fate = P_SKIP;
        out->reason = "amount 0";
        return 0;
    }
    {
        struct cs_err tmp = CS_ERR_INIT;
        if (expense_check(x, digits, &tmp)) {
            const char *f = tmp.field[0] == '-' && tmp.field[1] == '-' ? tmp.field + 2 : tmp.field;
            return row_error(e, row->line, f, *tmp.value ? tmp.value : NULL, tmp.what);
        }
    }
    if (out->trip >= 0)
        x->trip_slug = p->trips[out->trip].slug;
    /* the key */
    if (row->key) {
        unsigned seen;
        hash128(row->key, strlen(row->key), 2, fp);
        seen = import_seen_count(&p->keys, fp);
        {
            /* one key twice is one row read twice, never two rows of one id */
            char buf[1100];
            int n = snprintf(buf, sizeof buf, "%s%c%s %d %lld %s", row->key, 0, row->date,
                             (int)row->fate, (long long)row->amount, row->currency);
            hash128(buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1, 2, fp);
            if (import_seen_count(&p->keyrows, fp) == 0 && seen > 0)
                return row_error(e, row->line, strcmp(row_name, "transaction") ? "key" : "FITID",
                                 row->key,
                                 "read before in this file with another date or amount (one "
                                 "id, two transactions)");
        }
        if (seen > 0) {
            out->fate = P_DUP;
            return 0;
        }
        if (strlen(row->key) >= 1024)
            return row_error(e, row->line, "key", NULL, "longer than 1023 bytes");
        x->import_key = (char *)row->key;
    } else {
        /* the row as read: the reader's category and provider, no rule, no trip */
        struct expense y = EXPENSE_INIT;
        memcpy(y.date, row->date, 11);
        copy_text(y.category, sizeof y.category, row->category ? row->category : "");
        y.amount = refund ? -row->amount : row->amount;
        copy_text(y.currency, sizeof y.currency, row->currency);
        y.merchant = (char *)row->merchant;
        y.note = (char *)row->note;
        y.provider = (char *)row->provider;
        y.from = (char *)row->from;
        y.to = (char *)row->to;
        y.tip = row->tip;
        y.reimbursable = row->statement; /* a statement row and an export row never agree */
        import_fingerprint(&y, fp);
        import_key_dated(y.date, fp, import_seen_count(&p->seen, fp), out->key);
        x->import_key = out->key;
    }
    out->fate = P_NEW;
    return 0;
}

static void show_progress(struct prep *p, int storing, int end)
{
    struct src_reader *rd = p->rd;
    if (!p->show_progress)
        return;
    if (end)
        import_progress(&p->last_pct, storing, -1, rd->size);
    else if (rd->progress)
        import_progress(&p->last_pct, storing, rd->progress(rd->self), rd->size);
}

/* ---- the writer's side: present, matched ------------------------------------------- */

struct match {
    int64_t id;
    char *statement, *key;
};

/* An expense that a statement row of a batch could match, read with the others of the
 * batch's dates (matcher_preload). */
struct pre_cand {
    int64_t id, amount;
    long day;
    char currency[4];
    uint32_t merchant; /* offset + 1 in the matcher's ptext, 0 for NULL */
    uint32_t next;     /* index + 1 of the next one in its hash chain, 0 for none */
};

struct matcher {
    sqlite3 *db;
    int active; /* the database had expenses when the import began */
    sqlite3_stmt *present, *cands, *count, *load;
    /* the candidates of the current batch's dates, hashed by amount and currency, when
     * pon: rows dated plo + 3 .. phi - 3 take their candidates from here */
    struct pre_cand *pv;
    size_t pn, pcap;
    uint32_t *phead; /* index + 1 of each chain's first, 0 for none */
    size_t phcap;
    char *ptext;
    size_t ptlen, ptcap;
    long plo, phi;
    int pon;
    int64_t *taken; /* open addressing, 0 empty */
    size_t taken_cap, ntaken;
    struct match *v;
    size_t n, cap;
    struct source_cand *c;
    char **cmerch;
    int ccap;
};

static size_t taken_slot(const struct matcher *m, int64_t id)
{
    uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;
    size_t i = (size_t)(h >> 20) & (m->taken_cap - 1);
    while (m->taken[i] && m->taken[i] != id)
        i = (i + 1) & (m->taken_cap - 1);
    return i;
}

static int is_taken(const struct matcher *m, int64_t id)
{
    return m->taken_cap && m->taken[taken_slot(m, id)] == id;
}

static void take(struct matcher *m, int64_t id)
{
    if ((m->ntaken + 1) * 2 > m->taken_cap) {
        struct matcher g = *m;
        g.taken_cap = m->taken_cap ? m->taken_cap * 2 : 256;
        g.taken = xmalloc(sizeof *g.taken * g.taken_cap);
        memset(g.taken, 0, sizeof *g.taken * g.taken_cap);
        for (size_t i = 0; i < m->taken_cap; i++)
            if (m->taken[i])
                g.taken[taken_slot(&g, m->taken[i])] = m->taken[i];
        free(m->taken);
        m->taken = g.taken;
        m->taken_cap = g.taken_cap;
    }
    m->taken[taken_slot(m, id)] = id;
    m->ntaken++;
}

/* The expense that a statement row of key ?1 confirmed (statement_match, migration 0016),
 * if that expense is still there. */
#define CONFIRMED_BY                                                                               \
    "SELECT m.expense_id FROM statement_match m JOIN expense x ON x.id = m.expense_id "            \
    "WHERE m.key = ?1"

static int matcher_open(sqlite3 *db, struct matcher *m, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    memset(m, 0, sizeof *m);
    m->db = db;
    if (!db)
        return 0;
    if (db_prepare(db, "SELECT EXISTS (SELECT 1 FROM expense)", &st, e))
        return CS_EFAIL;
    m->active = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (!m->active)
        return 0;
    if (db_prepare(
            db, "SELECT id FROM expense WHERE import_key = ?1 UNION ALL " CONFIRMED_BY " LIMIT 1",
            &m->present, e) ||
        /* a statement row's two questions in one statement: is its key present (kind 0,
         * first), else which expenses could it match (kind 1) */
        db_prepare(db,
                   "SELECT 0, id, NULL, NULL FROM expense WHERE import_key = ?1 UNION ALL "
                   "SELECT 0, expense_id, NULL, NULL FROM (" CONFIRMED_BY ") UNION ALL "
                   "SELECT 1, id, date, merchant FROM expense e WHERE amount = ?2 AND "
                   "currency = ?3 AND date BETWEEN ?4 AND ?5 AND source IS NOT 'statement' "
                   "AND NOT EXISTS (SELECT 1 FROM statement_match WHERE expense_id = e.id)",
                   &m->cands, e) ||
        /* a batch's dates: how many expenses (up to ?3), and those it could match */
        db_prepare(db,
                   "SELECT count(*) FROM (SELECT 1 FROM expense WHERE date BETWEEN ?1 AND ?2 "
                   "LIMIT ?3)",
                   &m->count, e) ||
        db_prepare(db,
                   "SELECT id, date, amount, currency, merchant FROM expense e WHERE date "
                   "BETWEEN ?1 AND ?2 AND source IS NOT 'statement' AND NOT EXISTS "
                   "(SELECT 1 FROM statement_match WHERE expense_id = e.id)",
                   &m->load, e))
        return CS_EFAIL;
    return 0;
}

/* The most merchant text a batch's candidates hold (matcher_preload). */
#define PRELOAD_TEXT_MAX ((size_t)16 << 20)

static size_t pre_slot(const struct matcher *m, int64_t amount, const char *currency)
{
    uint64_t h = (uint64_t)amount * 0x9e3779b97f4a7c15ULL;
    h ^= (uint64_t)(unsigned char)currency[0] << 16 | (uint64_t)(unsigned char)currency[1] << 8 |
         (uint64_t)(unsigned char)currency[2];
    h *= 0xff51afd7ed558ccdULL;
    return (size_t)(h >> 32) & (m->phcap - 1);
}

/*
 * Before the statement rows of batch B are resolved: when the expenses dated within 3 days
 * of its rows' dates are few next to its rows (at most 4 a row, and 4096 more), read those
 * that could be matched (the candidate query's own conditions, but amount and currency)
 * in one pass, so each row's candidates are looked up here rather than by a query of its
 * own: a statement's rows are days apart, the expense_match index they would read row by
 * row is ordered by amount. Else (or when their merchants' text passes PRELOAD_TEXT_MAX),
 * or when B has no statement row, pon is 0 and each row asks the database (resolve).
 */
static int matcher_preload(struct matcher *m, const struct import_batch *b, struct cs_err *e)
{
    long lo = 0, hi = 0, n = 0, cap;
    char dlo[11], dhi[11];
    int rc;
    m->pon = 0;
    if (!m->active)
        return 0;
    for (int k = 0; k < b->n; k++) {
        const struct import_batch_row *r = &b->rows[k];
        struct cs_date d;
        long day;
        if (r->source != 1)
            continue;
        if (!r->text[IB_DATE] || date_parse(arena_at(&b->text, r->text[IB_DATE]), &d, "date", NULL))
            return 0;
        day = date_to_days(d);
        if (!n || day < lo)
            lo = day;
        if (!n || day > hi)
            hi = day;
        n++;
    }
    if (!n)
        return 0;
    lo -= 3;
    hi += 3;
    date_format(date_from_days(lo), dlo);
    date_format(date_from_days(hi), dhi);
    cap = 4 * n + 4096;
    sqlite3_reset(m->count);
    db_bind_text(m->count, 1, dlo);
    db_bind_text(m->count, 2, dhi);
    sqlite3_bind_int64(m->count, 3, cap + 1);
    rc = sqlite3_step(m->count);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(m->count);
        return db_fail(m->db, "cannot read the expenses", e);
    }
    n = (long)sqlite3_column_int64(m->count, 0);
    sqlite3_reset(m->count);
    if (n > cap)
        return 0;
    m->pn = 0;
    m->ptlen = 0;
    sqlite3_reset(m->load);
    db_bind_text(m->load, 1, dlo);
    db_bind_text(m->load, 2, dhi);
    while ((rc = sqlite3_step(m->load)) == SQLITE_ROW) {
        const char *cd = (const char *)sqlite3_column_text(m->load, 1);
        const char *cur = (const char *)sqlite3_column_text(m->load, 3);
        const char *mer = (const char *)sqlite3_column_text(m->load, 4);
        struct pre_cand *c;
        struct cs_date d;
        /* a date that is none, or a currency of other than 3 bytes, matches no row */
        if (!cd || date_parse(cd, &d, "date", NULL) || !cur || strlen(cur) != 3)
            continue;
        if (m->pn == m->pcap) {
            m->pcap = m->pcap ? m->pcap * 2 : 1024;
            m->pv = xrealloc(m->pv, sizeof *m->pv * m->pcap);
        }
        c = &m->pv[m->pn++];
        c->id = sqlite3_column_int64(m->load, 0);
        c->amount = sqlite3_column_int64(m->load, 2);
        c->day = date_to_days(d);
        memcpy(c->currency, cur, 4);
        c->merchant = 0;
        if (mer) {
            size_t len = strlen(mer) + 1;
            if (m->ptlen + len > PRELOAD_TEXT_MAX) { /* merchants this long: row by row */
                sqlite3_reset(m->load);
                return 0;
            }
            if (m->ptlen + len > m->ptcap) {
                m->ptcap = (m->ptlen + len) * 2;
                m->ptext = xrealloc(m->ptext, m->ptcap);
            }
            memcpy(m->ptext + m->ptlen, mer, len);
            m->ptlen += len;
            c->merchant = (uint32_t)(m->ptlen - len + 1);
        }
    }
    sqlite3_reset(m->load);
    if (rc != SQLITE_DONE)
        return db_fail(m->db, "cannot read the expenses", e);
    if (m->phcap < 2 * m->pn || !m->phead) {
        size_t hc = 1024;
        while (hc < 2 * m->pn)
            hc *= 2;
        free(m->phead);
        m->phead = xmalloc(sizeof *m->phead * hc);
        m->phcap = hc;
    }
    memset(m->phead, 0, sizeof *m->phead * m->phcap);
    for (size_t i = 0; i < m->pn; i++) {
        size_t h = pre_slot(m, m->pv[i].amount, m->pv[i].currency);
        m->pv[i].next = m->phead[h];
        m->phead[h] = (uint32_t)(i + 1);
    }
    m->plo = lo;
    m->phi = hi;
    m->pon = 1;
    return 0;
}

static void matcher_close(struct matcher *m)
{
    sqlite3_finalize(m->present);
    sqlite3_finalize(m->cands);
    sqlite3_finalize(m->count);
    sqlite3_finalize(m->load);
    free(m->pv);
    free(m->phead);
    free(m->ptext);
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].statement);
        free(m->v[i].key);
    }
    for (int i = 0; i < m->ccap; i++)
        free(m->cmerch[i]);
    free(m->cmerch);
    free(m->c);
    free(m->v);
    free(m->taken);
    memset(m, 0, sizeof *m);
}

enum fate { F_NEW, F_PRESENT, F_MATCHED };

/* Whether KEY is present: an expense's import key, or the key of a statement row that
 * confirmed an expense still there (*OUT F_PRESENT, *ID that expense). */
static int present_of(struct matcher *m, const char *key, int64_t *id, enum fate *out,
                      struct cs_err *e)
{
    int rc;
    sqlite3_reset(m->present);
    db_bind_text(m->present, 1, key);
    rc = sqlite3_step(m->present);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(m->present, 0);
        *out = F_PRESENT;
    }
    sqlite3_reset(m->present);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
                                                 : db_fail(m->db, "cannot read the expenses", e);
}

/* Room for candidate N in m->c. */
static void cand_room(struct matcher *m, int n)
{
    if (n == m->ccap) {
        int cap = m->ccap ? m->ccap * 2 : 16;
        m->c = xrealloc(m->c, sizeof *m->c * (size_t)cap);
        m->cmerch = xrealloc(m->cmerch, sizeof *m->cmerch * (size_t)cap);
        for (int i = m->ccap; i < cap; i++)
            m->cmerch[i] = NULL;
        m->ccap = cap;
    }
}

/*
 * The fate of a row not skipped: present (its KEY is an expense's import key or the key
 * of a statement row that confirmed one), matched (a STATEMENT row equal to an expense
 * logged by hand: SPEC "Matching"), or new. *ID gets the expense present or matched.
 */
static int resolve(struct matcher *m, const char *key, int statement, const char *date,
                   int64_t amount, const char *currency, const char *merchant, const char *raw,
                   int64_t *id, enum fate *out, struct cs_err *e)
{
    struct cs_date d;
    char lo[11], hi[11];
    long day;
    int rc, n = 0, k;
    *out = F_NEW;
    *id = 0;
    if (!m->active)
        return 0;
    if (!statement)
        return present_of(m, key, id, out, e);
    date_parse(date, &d, "date", NULL);
    day = date_to_days(d);
    if (m->pon && day - 3 >= m->plo && day + 3 <= m->phi) {
        /* the batch's candidates, read before (matcher_preload) */
        if ((rc = present_of(m, key, id, out, e)) || *out == F_PRESENT)
            return rc;
        for (uint32_t i = m->phead[pre_slot(m, amount, currency)]; i; i = m->pv[i - 1].next) {
            const struct pre_cand *pc = &m->pv[i - 1];
            if (pc->amount != amount || strcmp(pc->currency, currency) || pc->day < day - 3 ||
                pc->day > day + 3)
                continue;
            cand_room(m, n);
            m->c[n].id = pc->id;
            m->c[n].day = pc->day;
            m->c[n].merchant = pc->merchant ? m->ptext + pc->merchant - 1 : NULL;
            m->c[n].taken = is_taken(m, pc->id);
            n++;
        }
        goto pick;
    }
    date_format(date_from_days(day - 3), lo);
    date_format(date_from_days(day + 3), hi);
    sqlite3_reset(m->cands);
    db_bind_text(m->cands, 1, key);
    sqlite3_bind_int64(m->cands, 2, amount);
    db_bind_text(m->cands, 3, currency);
    db_bind_text(m->cands, 4, lo);
    db_bind_text(m->cands, 5, hi);
    while ((rc = sqlite3_step(m->cands)) == SQLITE_ROW) {
        const char *cd = (const char *)sqlite3_column_text(m->cands, 2);
        const char *cm = (const char *)sqlite3_column_text(m->cands, 3);
        struct cs_date dd;
        if (sqlite3_column_int(m->cands, 0) == 0) { /* the key is there already */
            *id = sqlite3_column_int64(m->cands, 1);
            *out = F_PRESENT;
            sqlite3_reset(m->cands);
            return 0;
        }
        cand_room(m, n);
        free(m->cmerch[n]);
        m->cmerch[n] = cm ? xstrdup(cm) : NULL;
        m->c[n].id = sqlite3_column_int64(m->cands, 1);
        m->c[n].day = date_parse(cd ? cd : "", &dd, "date", NULL) ? day + 99 : date_to_days(dd);
        m->c[n].merchant = m->cmerch[n];
        m->c[n].taken = is_taken(m, m->c[n].id);
        n++;
    }
    sqlite3_reset(m->cands);
    if (rc != SQLITE_DONE)
        return db_fail(m->db, "cannot read the expenses", e);
pick:
    /* the statement's own text, and the merchant a rule gave it, either may share a word */
    k = source_pick(m->c, n, day, raw);
    if (k < 0 && merchant && merchant != raw)
        k = source_pick(m->c, n, day, merchant);
    if (k < 0)
        return 0;
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->v = xrealloc(m->v, sizeof *m->v * m->cap);
    }
    m->v[m->n].id = m->c[k].id;
    {
        size_t len = 12 + (raw ? strlen(raw) : 0);
        char *s = xmalloc(len);
        snprintf(s, len, "%s%s%s", date, raw ? " " : "", raw ? raw : "");
        m->v[m->n].statement = s;
    }
    m->v[m->n].key = xstrdup(key);
    m->n++;
    take(m, m->c[k].id);
    *id = m->c[k].id;
    *out = F_MATCHED;
    return 0;
}

/*
 * The matched expenses, marked as confirmed by their statement rows: rows of
 * statement_match, the only place a confirmation is kept (0016: the expense rows are not
 * written; the change's session records these small rows, the expense table is the
 * bulk's own). One prepared INSERT stepped per row: a single INSERT over a JSON array of
 * them cost half as much again (json_each and ->> parse every element's text).
 */
static int matcher_store(struct matcher *m, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_DONE;
    if (!m->n)
        return 0;
    if (db_prepare(m->db,
                   "INSERT INTO statement_match(expense_id, statement, key) VALUES (?1, ?2, ?3)",
                   &st, e))
        return CS_EFAIL;
    for (size_t i = 0; i < m->n && rc == SQLITE_DONE; i++) {
        sqlite3_bind_int64(st, 1, m->v[i].id);
        sqlite3_bind_text(st, 2, m->v[i].statement, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, m->v[i].key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(m->db, "cannot mark the matched expenses", e);
}

/* ---- a dry run: every row's fate, in order ----------------------------------------- */

static int dry_run(struct prep *p, struct matcher *m, long *counts, struct cs_err *e)
{
    static const char *const head[] = {"line",   "result",   "date",     "category",
                                       "amount", "currency", "merchant", "expense"};
    static const int align[] = {ALIGN_RIGHT, 0, 0, 0, ALIGN_RIGHT, 0, 0, ALIGN_RIGHT};
    static const int no_guard[] = {0, 1, 2, 3, 4, 5, 7, -1};
    struct output out;
    struct src_row row;
    int rc;
    output_begin(&out, FMT_CSV, stdout, 8, head, align);
    out.csv_guard = 1;
    out.guard_from = 0;
    out.no_guard = no_guard;
    while ((rc = p->rd->next(p->rd->self, &row, e)) == 1) {
        struct prepped pr;
        char line[24], amount[40], id[24] = "", result[96];
        enum fate f = F_NEW;
        int64_t xid = 0;
        if ((rc = prep_row(p, &row, &pr, e)))
            break;
        p->rows++;
        if ((p->rows & 4095) == 0)
            show_progress(p, 0, 0);
        snprintf(line, sizeof line, "%ld", row.line);
        if (pr.fate == P_SKIP || pr.fate == P_FOLDED) {
            if (pr.fate == P_SKIP)
                count_reason(p, pr.reason);
            else
                p->folded++;
            snprintf(result, sizeof result, pr.fate == P_SKIP ? "skipped (%s)" : "%s", pr.reason);
            money_format(row.fate == SRC_REFUND || row.fate == SRC_CREDIT ||
                                 (row.fate == SRC_FOLDED && row.folded_in)
                             ? -row.amount
                             : row.amount,
                         money_digits(row.currency) < 0 ? 2 : money_digits(row.currency), amount,
                         sizeof amount);
            const char *cells[] = {
                line, result, row.date, "", amount, row.currency, row.merchant ? row.merchant : "",
                ""};
            output_row(&out, cells);
            continue;
        }
        if (pr.fate == P_DUP) {
            p->dups++;
            f = F_PRESENT;
        } else if ((rc = resolve(m, pr.x.import_key, row.statement, pr.x.date, pr.x.amount,
                                 pr.x.currency, pr.x.merchant, pr.raw, &xid, &f, e))) {
            break;
        }
        counts[f]++;
        snprintf(result, sizeof result, "%s",
                 f == F_NEW       ? "new"
                 : f == F_PRESENT ? "present"
                                  : "matched");
        if (xid)
            snprintf(id, sizeof id, "%lld", (long long)xid);
        money_format(pr.x.amount, money_digits(pr.x.currency), amount, sizeof amount);
        {
            const char *cells[] = {line,
                                   result,
                                   pr.x.date,
                                   pr.x.category,
                                   amount,
                                   pr.x.currency,
                                   pr.x.merchant ? pr.x.merchant : "",
                                   id};
            output_row(&out, cells);
        }
    }
    output_end(&out);
    show_progress(p, 0, 1);
    return rc < 0 ? rc : 0;
}

/* ---- a real import: the reader on a thread, the writer here ------------------------ */

struct exchange {
    struct handoff h;
    struct import_batch b[2];
};

struct reader_job {
    struct prep *p;
    struct exchange *ho;
    struct cs_err err;
    int rc;
};

static void *reader_main(void *arg)
{
    struct reader_job *j = arg;
    struct prep *p = j->p;
    struct exchange *ho = j->ho;
    struct import_batch *b = &ho->b[0];
    struct src_row row;
    struct import_uid_pool pool = IMPORT_UID_POOL_INIT;
    int rc, cur = 0;
    while ((rc = p->rd->next(p->rd->self, &row, &j->err)) == 1) {
        struct prepped pr;
        if ((rc = prep_row(p, &row, &pr, &j->err)))
            break;
        if ((++p->rows & 4095) == 0) {
            show_progress(p, 1, 0);
            if (handoff_stopped(&ho->h)) {
                cur = -1; /* the writer failed and has the error */
                break;
            }
        }
        if (pr.fate == P_SKIP) {
            count_reason(p, pr.reason);
            continue;
        }
        if (pr.fate == P_FOLDED) {
            p->folded++;
            continue;
        }
        if (pr.fate == P_DUP) {
            p->dups++;
            continue;
        }
        if (!pr.x.uid[0])
            import_uid_new(&pool, pr.x.uid); /* on this thread, not by the writer's SQL */
        import_batch_add(b, &pr.x, pr.trip);
        b->rows[b->n - 1].source = row.statement ? 1 : 2;
        /* the statement's own text, for the matcher, rides in the recipient's slot: a
         * row of a real source never has a recipient, and the writer clears the slot */
        if (row.statement)
            b->rows[b->n - 1].text[IB_RECIPIENT] =
                pr.raw ? arena_put(&b->text, pr.raw, strlen(pr.raw)) : 0;
        if (b->n == IMPORT_BATCH) {
            if ((cur = handoff_put(&ho->h, cur, 0)) < 0)
                break;
            b = &ho->b[cur];
            import_batch_clear(b);
        }
    }
    show_progress(p, 1, 1);
    j->rc = rc < 0 ? rc : 0;
    if (rc == 0 && cur >= 0)
        handoff_put(&ho->h, cur, 1);
    else
        handoff_end(&ho->h);
    return NULL;
}

/* The text of batch row R's slot T, or NULL. */
static const char *btext(const struct import_batch *b, const struct import_batch_row *r, int t)
{
    return r->text[t] ? arena_at(&b->text, r->text[t]) : NULL;
}

/* Store each batch as the reader hands it over: statement rows present or matched first
 * are dropped from it. */
static int write_rows(struct exchange *ho, struct import_writer *w, struct matcher *m,
                      const int64_t *trip_ids, long *counts, struct cs_err *e)
{
    int i = 0, rc = 0;
    for (;;) {
        struct import_batch *b = &ho->b[i];
        if (!handoff_get(&ho->h, i))
            break;
        rc = matcher_preload(m, b, e);
        for (int k = 0; !rc && k < b->n; k++) {
            struct import_batch_row *r = &b->rows[k];
            enum fate f;
            int64_t id;
            if (r->source != 1)
                continue;
            if (m->active)
                rc = resolve(m, btext(b, r, IB_KEY), 1, btext(b, r, IB_DATE), r->amount,
                             btext(b, r, IB_CURRENCY), btext(b, r, IB_MERCHANT),
                             btext(b, r, IB_RECIPIENT), &id, &f, e);
            else
                f = F_NEW;
            /* the recipient slot carried the statement's text (reader_main) */
            r->text[IB_RECIPIENT] = 0;
            if (!rc && f != F_NEW) {
                r->drop = 1;
                counts[f]++;
            }
        }
        if (!rc)
            rc = import_writer_write(w, b, trip_ids, e);
        handoff_release(&ho->h, i, rc != 0);
        if (rc)
            break;
        i ^= 1;
    }
    return rc;
}

static int store(sqlite3 *db, struct prep *p, struct matcher *m, struct import_writer *w,
                 long *counts, struct cs_err *e)
{
    struct exchange ho;
    struct reader_job job = {p, &ho, CS_ERR_INIT, 0};
    pthread_t reader;
    int64_t *ids = xmalloc(sizeof *ids * (size_t)(p->ntrips + 1));
    int rc;
    (void)db;
    for (int k = 0; k < p->ntrips; k++)
        ids[k] = p->trips[k].id;
    handoff_init(&ho.h);
    import_batch_init(&ho.b[0]);
    import_batch_init(&ho.b[1]);
    if (pthread_create(&reader, NULL, reader_main, &job) != 0) {
        rc = cs_error(e, CS_EFAIL, "import", NULL, "cannot start a thread");
    } else {
        rc = write_rows(&ho, w, m, ids, counts, e);
        pthread_join(reader, NULL);
        if (!rc && job.rc) {
            rc = job.rc;
            *e = job.err;
        }
    }
    import_batch_release(&ho.b[0]);
    import_batch_release(&ho.b[1]);
    handoff_destroy(&ho.h);
    free(ids);
    return rc;
}

/* ---- the command's part ------------------------------------------------------------ */

/* ", skipped N (REASON n, ...)" into BUF. */
static void reasons_text(const struct prep *p, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < p->nreasons && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s %ld", i ? ", " : " (", p->reasons[i].text,
                                p->reasons[i].n);
    if (p->nreasons && len < n)
        len += (size_t)snprintf(buf + len, n - len, ")");
    if (p->folded && len < n)
        snprintf(buf + len, n - len, "; %ld tip row%s folded into %s ride%s", p->folded,
                 p->folded == 1 ? "" : "s", p->folded == 1 ? "its" : "their",
                 p->folded == 1 ? "" : "s");
}

/* What a reader's lookup asks (src_lookup_fn): two statements prepared once. */
struct lookup {
    sqlite3 *db;
    sqlite3_stmt *exact, *prefix;
};

static int lookup_key(void *arg, const char *key, int prefix, struct src_stored *out,
                      struct cs_err *e)
{
    struct lookup *l = arg;
    sqlite3_stmt **st = prefix ? &l->prefix : &l->exact;
    int rc;
    if (!*st &&
        db_prepare(l->db,
                   prefix ? "SELECT id, amount, tip, import_key FROM expense WHERE import_key = ?1 "
                            "UNION ALL SELECT id, amount, tip, import_key FROM expense WHERE "
                            "import_key >= ?1 || '|' AND import_key < ?1 || '}' LIMIT 1"
                          : "SELECT id, amount, tip, import_key FROM expense WHERE import_key = ?1",
                   st, e))
        return CS_EFAIL;
    sqlite3_reset(*st);
    db_bind_text(*st, 1, key);
    rc = sqlite3_step(*st);
    if (rc == SQLITE_ROW) {
        const unsigned char *k = sqlite3_column_text(*st, 3);
        out->id = sqlite3_column_int64(*st, 0);
        out->amount = sqlite3_column_int64(*st, 1);
        out->tip = sqlite3_column_type(*st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(*st, 2);
        snprintf(out->key, sizeof out->key, "%s", k ? (const char *)k : "");
    }
    sqlite3_reset(*st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : db_fail(l->db, "cannot read the expenses", e);
}

/* Attach the reader RD to the database (NULL: none yet) through L, then free L's
 * statements. */
static int attach_reader(struct src_reader *rd, sqlite3 *db, struct cs_err *e)
{
    struct lookup l = {db, NULL, NULL};
    int rc;
    if (!rd->attach)
        return 0;
    rc = rd->attach(rd->self, db ? lookup_key : NULL, db ? &l : NULL, e);
    sqlite3_finalize(l.exact);
    sqlite3_finalize(l.prefix);
    return rc;
}

static int db_missing(struct cs_ctx *ctx)
{
    struct stat sb;
    char *path = db_resolve_path(ctx->db_opt);
    int missing = stat(path, &sb) != 0 && errno == ENOENT;
    free(path);
    return missing;
}

int import_source_run(struct cs_ctx *ctx, struct src_reader *rd, const struct source_opts *o)
{
    struct prep p;
    struct matcher m;
    struct import_writer w = {0};
    struct change_rec change = CHANGE_REC_INIT;
    long counts[3] = {0, 0, 0}; /* by enum fate: present and matched; new is w.added */
    char *new_path = NULL, *new_tmp = NULL, why[1024];
    const char *label = o->label ? o->label : "standard input";
    int rc = 0, missing = db_missing(ctx);

    memset(&p, 0, sizeof p);
    memset(&m, 0, sizeof m);
    row_name = o->row_name ? o->row_name : "line";
    p.rd = rd;
    p.last_pct = -1;
    p.show_progress = rd->size >= PROGRESS_MIN_BYTES && isatty(STDERR_FILENO);
    snprintf(p.base, sizeof p.base, "USD");
    /* a reader whose rows depend on what is stored: against no database, before one is
     * made (so that its bad input makes none), else once it is open */
    if (missing && (rc = attach_reader(rd, NULL, &ctx->err)))
        goto out;
    if (o->dry_run && missing) {
        /* against a database that does not exist: no rules, no trips, nothing to match */
        rc = dry_run(&p, &m, counts, &ctx->err);
        goto report;
    }
    if (missing) {
        new_path = db_resolve_path(ctx->db_opt);
        if ((rc = db_create_private(new_path, &new_tmp, &ctx->db, &ctx->err)))
            goto out;
    } else if ((rc = ctx_open_db(ctx))) {
        goto out;
    }
    if ((rc = config_base_currency(ctx->db, p.base, &ctx->err)) ||
        (rc = rule_set_load(ctx->db, &p.rules, &ctx->err)) ||
        (rc = load_trips(ctx->db, &p, &ctx->err)))
        goto out;
    if (o->dry_run) {
        if ((!new_tmp && (rc = attach_reader(rd, ctx->db, &ctx->err))) ||
            (rc = matcher_open(ctx->db, &m, &ctx->err)))
            goto out;
        rc = dry_run(&p, &m, counts, &ctx->err);
        goto report;
    }
    if ((rc = import_writer_open(ctx->db, &w, new_tmp != NULL, &ctx->err)) ||
        (rc = db_begin(ctx->db, &ctx->err)) ||
        /* what is stored, read inside the import's own transaction */
        (!new_tmp && (rc = attach_reader(rd, ctx->db, &ctx->err))) ||
        (rc = change_begin(ctx->db, 1, &change, &ctx->err)) ||
        (rc = history_batch_begin(ctx->db, &ctx->err)) ||
        (rc = import_writer_begin(&w, &ctx->err)) || (rc = matcher_open(ctx->db, &m, &ctx->err)))
        goto out;
    if ((rc = store(ctx->db, &p, &m, &w, counts, &ctx->err)) ||
        (rc = import_writer_finish(&w, &ctx->err)) || (rc = matcher_store(&m, &ctx->err)) ||
        (rc = history_batch_end(ctx->db, &ctx->err)))
        goto out;
    {
        char summary[512];
        int64_t id;
        if (counts[F_MATCHED])
            snprintf(summary, sizeof summary, "import %ld expense%s from %s, %ld matched", w.added,
                     w.added == 1 ? "" : "s", label, counts[F_MATCHED]);
        else
            snprintf(summary, sizeof summary, "import %ld expense%s from %s", w.added,
                     w.added == 1 ? "" : "s", label);
        if ((rc = change_end(ctx->db, &change, "user", ctx->command, summary, w.first_id, w.last_id,
                             w.added, &id, &ctx->err)))
            goto out;
    }
    import_writer_close(&w);
    matcher_close(&m);
    if ((rc = db_commit(ctx->db, &ctx->err)))
        goto out;
    if (new_tmp) {
        rc = db_publish(ctx->db, new_tmp, new_path, &ctx->err);
        ctx->db = NULL;
        new_tmp = NULL;
        if (rc)
            goto out;
    }
    reasons_text(&p, why, sizeof why);
    printf("imported %ld, matched %ld, present %ld, skipped %ld%s\n", w.added, counts[F_MATCHED],
           w.rows - w.added + counts[F_PRESENT] + p.dups, p.skipped, why);
    goto out;
report:
    if (!rc) {
        reasons_text(&p, why, sizeof why);
        fprintf(stderr,
                "dry run: would import %ld, match %ld, present %ld, skip %ld%s; nothing "
                "written\n",
                counts[F_NEW], counts[F_MATCHED], counts[F_PRESENT], p.skipped, why);
    }
out:
    change_release(&change);
    import_writer_close(&w);
    matcher_close(&m);
    if (rc && ctx->db)
        db_rollback(ctx->db);
    if (new_tmp) {
        db_discard(ctx->db, new_tmp);
        ctx->db = NULL;
    }
    free(new_path);
    rule_set_release(&p.rules);
    free(p.trips);
    import_seen_release(&p.seen);
    import_seen_release(&p.keys);
    import_seen_release(&p.keyrows);
    return rc;
}
