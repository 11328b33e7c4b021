/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import.c - the generic csv profile: columns, row checks, import keys and uids, bulk
 * insert. */
#include "confspend/args.h"
#include "confspend/import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <strings.h>

#include "confspend/args.h"
#include "confspend/csv.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/hash.h"
#include "confspend/trip.h"

/* Version 1 of the import key; a new serialisation would take another seed. */
#define IMPORT_HASH_SEED 1

int import_header_parse(char *const *names, int n, struct import_header *h, struct cs_err *e)
{
    static const int required[] = {IMP_DATE, IMP_CATEGORY, IMP_AMOUNT};
    h->ncols = n;
    for (int c = 0; c < FULL_NCOLS; c++)
        h->where[c] = -1;
    for (int i = 0; i < n; i++) {
        const char *s = names[i];
        size_t len;
        int c;
        while (*s == ' ' || *s == '\t')
            s++;
        len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        for (c = 0; c < FULL_NCOLS; c++)
            if (strlen(entry_columns[c]) == len && !strncasecmp(entry_columns[c], s, len))
                break;
        if (c == FULL_NCOLS)
            return cs_error(e, CS_EINPUT, "header", names[i],
                            "unknown column (the columns are export csv's; see 'confspend "
                            "import --help')");
        if (h->where[c] >= 0)
            return cs_error(e, CS_EINPUT, "header", names[i], "column given twice");
        h->where[c] = i;
    }
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        if (h->where[required[k]] < 0)
            return cs_error(e, CS_EINPUT, "header", entry_columns[required[k]],
                            "missing required column");
    return 0;
}

/* "line LINE, column NAME" into BUF. */
static const char *where(char *buf, size_t n, long line, int col)
{
    snprintf(buf, n, "line %ld, column %s", line, entry_columns[col]);
    return buf;
}

/* The cell of column COL, or NULL when the file lacks it or it is empty. Text columns
 * lose the export's formula guard; numbers and the uid are left as written. */
static const char *cell(const struct import_header *h, char *const *cells, int col)
{
    const char *s;
    if (h->where[col] < 0)
        return NULL;
    s = cells[h->where[col]];
    if (!*s)
        return NULL;
    switch (col) {
    case IMP_ID:
    case IMP_AMOUNT:
    case IMP_TIP:
    case IMP_PLATFORM_FEE:
    case IMP_NIGHTS:
    case IMP_COMPARE_RATE:
    case IMP_UID:
        return s;
    default:
        return csv_unguard(s);
    }
}

/* The field count and the date of a row, into DATE. */
static int check_count_date(const struct import_header *h, char *const *cells, int ncells,
                            long line, char date[11], struct cs_err *e)
{
    char w[96];
    const char *s;
    struct cs_date d;
    if (ncells != h->ncols) {
        char lw[32];
        snprintf(lw, sizeof lw, "line %ld", line);
        return cs_error(e, CS_EINPUT, lw, NULL, "%d field%s, but the header has %d", ncells,
                        ncells == 1 ? "" : "s", h->ncols);
    }
    if (!(s = cell(h, cells, IMP_DATE)))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_DATE), NULL, "required");
    if (date_parse(s, &d, "date", NULL) && date_parse(s, &d, where(w, sizeof w, line, IMP_DATE), e))
        return CS_EINPUT;
    memcpy(date, s, 11);
    return 0;
}

int import_row_trip(const struct import_header *h, char *const *cells, int ncells, long line,
                    const char **slug, char date[11], struct cs_err *e)
{
    char w[96];
    *slug = NULL;
    if (check_count_date(h, cells, ncells, line, date, e))
        return CS_EINPUT;
    *slug = cell(h, cells, IMP_TRIP);
    if (*slug && !trip_slug_valid(*slug))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_TRIP), *slug,
                        "not a trip slug (1 to 64 of a-z 0-9 . _ -)");
    return 0;
}

/*
 * Parse the amount cell S of column COL (read on LINE) with DIGITS minor digits into
 * *OUT; a leading '-' is allowed when NEG_OK and sets *NEG. With DECIMAL_COMMA ',' is the
 * separator. Errors show the cell as written.
 */
static int parse_amount(const char *s, int digits, int neg_ok, int decimal_comma, int64_t *out,
                        int *neg, long line, int col, struct cs_err *e)
{
    char buf[64], w[96];
    const char *p = s;
    struct cs_err tmp;
    *neg = 0;
    if (neg_ok && *p == '-') {
        p++;
        *neg = 1;
    }
    if (decimal_comma) {
        size_t i, n = strlen(p);
        if (strchr(p, '.'))
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, col), s,
                            "use ',' as the decimal separator (--decimal-comma)");
        if (n >= sizeof buf)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, col), s, "not a decimal number");
        for (i = 0; i <= n; i++)
            buf[i] = p[i] == ',' ? '.' : p[i];
        p = buf;
    }
    if (money_parse(p, digits, out, "", &tmp)) {
        /* money_parse said ": WHAT (VALUE)"; keep WHAT, show the cell */
        char what[256];
        const char *m = tmp.msg + 2, *end = strstr(m, " (");
        snprintf(what, sizeof what, "%.*s", end ? (int)(end - m) : (int)strlen(m), m);
        if (!decimal_comma && strchr(p, ','))
            snprintf(what, sizeof what, "use '.' as the decimal separator, or --decimal-comma");
        return cs_error(e, CS_EINPUT, where(w, sizeof w, line, col), s, "%s", what);
    }
    return 0;
}

/* yes/no cells: yes, y, true, 1 and no, n, false, 0 in any case. -1 when unknown. */
static int parse_bool(const char *s)
{
    static const char *const yes[] = {"yes", "y", "true", "1", NULL};
    static const char *const no[] = {"no", "n", "false", "0", NULL};
    for (int i = 0; yes[i]; i++) {
        if (!strcasecmp(s, yes[i]))
            return 1;
        if (!strcasecmp(s, no[i]))
            return 0;
    }
    return -1;
}

/* Turn expense_check()'s "--platform-fee: WHAT (VALUE)" into "line L, column
 * platform_fee: WHAT (VALUE)". */
static int recheck(const struct expense *x, int digits, long line, struct cs_err *e)
{
    struct cs_err tmp = CS_ERR_INIT;
    char field[sizeof tmp.field];
    const char *f;
    size_t n;
    if (!expense_check(x, digits, &tmp))
        return 0;
    /* the check names an option (--tip); the file's column is tip, platform_fee */
    f = tmp.field[0] == '-' && tmp.field[1] == '-' ? tmp.field + 2 : tmp.field;
    for (n = 0; f[n]; n++)
        field[n] = f[n] == '-' ? '_' : f[n];
    field[n] = 0;
    if (*tmp.value)
        snprintf(e->msg, sizeof e->msg, "line %ld, column %s: %.300s (%s)", line, field, tmp.what,
                 tmp.value);
    else
        snprintf(e->msg, sizeof e->msg, "line %ld, column %s: %.300s", line, field, tmp.what);
    e->code = CS_EINPUT;
    return CS_EINPUT;
}

int import_row(const struct import_header *h, char *const *cells, int ncells, long line,
               const char *default_currency, int decimal_comma, struct expense *x, struct cs_err *e)
{
    static const int text_cols[] = {IMP_MERCHANT, IMP_NOTE, IMP_PAYMENT, IMP_RECEIPT,
                                    IMP_FROM,     IMP_TO,   IMP_DRIVER,  IMP_RECIPIENT};
    char w[96];
    const char *s;
    int digits, neg, b;
    struct expense z = EXPENSE_INIT;

    *x = z;
    if (check_count_date(h, cells, ncells, line, x->date, e))
        return CS_EINPUT;
    /* category */
    if (!(s = cell(h, cells, IMP_CATEGORY)))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_CATEGORY), NULL, "required");
    if (!category_valid(s))
        return category_refuse(where(w, sizeof w, line, IMP_CATEGORY), s, e);
    snprintf(x->category, sizeof x->category, "%s", s);
    /* currency, then the amounts in its minor digits */
    if ((s = cell(h, cells, IMP_CURRENCY))) {
        if (money_digits(s) < 0)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_CURRENCY), s,
                            "unknown ISO 4217 currency code");
        snprintf(x->currency, sizeof x->currency, "%s", s);
    } else {
        snprintf(x->currency, sizeof x->currency, "%s", default_currency);
    }
    digits = money_digits(x->currency);
    if (!(s = cell(h, cells, IMP_AMOUNT)))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_AMOUNT), NULL, "required");
    if (parse_amount(s, digits, 1, decimal_comma, &x->amount, &neg, line, IMP_AMOUNT, e))
        return CS_EINPUT;
    if (neg)
        x->amount = -x->amount;
    if ((s = cell(h, cells, IMP_TIP)) &&
        parse_amount(s, digits, 0, decimal_comma, &x->tip, &neg, line, IMP_TIP, e))
        return CS_EINPUT;
    if ((s = cell(h, cells, IMP_PLATFORM_FEE)) &&
        parse_amount(s, digits, 0, decimal_comma, &x->platform_fee, &neg, line, IMP_PLATFORM_FEE,
                     e))
        return CS_EINPUT;
    if ((s = cell(h, cells, IMP_COMPARE_RATE)) &&
        parse_amount(s, digits, 0, decimal_comma, &x->compare_rate, &neg, line, IMP_COMPARE_RATE,
                     e))
        return CS_EINPUT;
    /* (here and below the cell's place is written out only for a message) */
    if ((s = cell(h, cells, IMP_NIGHTS)) &&
        parse_whole(s, "nights", 1, NIGHTS_MAX, &x->nights, NULL) &&
        parse_whole(s, where(w, sizeof w, line, IMP_NIGHTS), 1, NIGHTS_MAX, &x->nights, e))
        return CS_EINPUT;
    /* text */
    for (size_t i = 0; i < sizeof text_cols / sizeof text_cols[0]; i++) {
        int c = text_cols[i];
        s = cell(h, cells, c);
        if (!s)
            continue;
        if (text_check(s, "text", NULL) && text_check(s, where(w, sizeof w, line, c), e))
            return CS_EINPUT;
        if (strlen(s) > TEXT_MAX && text_length_check(s, where(w, sizeof w, line, c), e))
            return CS_EINPUT;
    }
    x->merchant = (char *)cell(h, cells, IMP_MERCHANT);
    x->note = (char *)cell(h, cells, IMP_NOTE);
    x->payment = (char *)cell(h, cells, IMP_PAYMENT);
    x->receipt = (char *)cell(h, cells, IMP_RECEIPT);
    x->from = (char *)cell(h, cells, IMP_FROM);
    x->to = (char *)cell(h, cells, IMP_TO);
    x->driver = (char *)cell(h, cells, IMP_DRIVER);
    x->recipient = (char *)cell(h, cells, IMP_RECIPIENT);
    x->trip_slug = (char *)cell(h, cells, IMP_TRIP);
    /* the closed sets */
    if ((s = cell(h, cells, IMP_REIMBURSABLE))) {
        if ((b = parse_bool(s)) < 0)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_REIMBURSABLE), s,
                            "must be yes or no");
        x->reimbursable = b;
    }
    if ((s = cell(h, cells, IMP_SHARED))) {
        if ((b = parse_bool(s)) < 0)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_SHARED), s,
                            "must be yes or no");
        x->shared = b;
    }
    if ((s = cell(h, cells, IMP_PROVIDER))) { /* any case: stored as listed */
        if (!(x->provider = (char *)provider_canonical(s)))
            return provider_refuse(where(w, sizeof w, line, IMP_PROVIDER), s, e);
    }
    /* the uid of an exported expense: kept as it is, or the row refused */
    if ((s = cell(h, cells, IMP_UID))) {
        size_t n = strspn(s, "0123456789abcdef");
        if (n != 32 || s[n])
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_UID), s,
                            "must be 32 lowercase hex digits");
        memcpy(x->uid, s, 33);
    }
    /* what `add` gives a ride by default */
    if (!strcmp(x->category, "ride")) {
        if (!x->provider)
            x->provider = (char *)"other";
        if (x->shared < 0)
            x->shared = 0;
    }
    return recheck(x, digits, line, e);
}

/* The serialised fields of a row, for its fingerprint: each text field is a presence
 * byte, a 4-byte length and its bytes, each number 8 bytes, so no two different rows
 * serialise alike. */
struct fp_buf {
    unsigned char *b;
    size_t n;
};

static void put_text(struct fp_buf *f, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    unsigned char *p = f->b + f->n;
    p[0] = s ? 1 : 0;
    p[1] = (unsigned char)(n >> 24);
    p[2] = (unsigned char)(n >> 16);
    p[3] = (unsigned char)(n >> 8);
    p[4] = (unsigned char)n;
    memcpy(p + 5, s ? s : "", n);
    f->n += 5 + n;
}

static void put_int(struct fp_buf *f, int64_t v)
{
    unsigned char *p = f->b + f->n;
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)((uint64_t)v >> (56 - 8 * i));
    f->n += 8;
}

void import_fingerprint(const struct expense *x, unsigned char fp[16])
{
    const char *const texts[] = {x->merchant, x->note,   x->trip_slug, x->provider, x->from,
                                 x->to,       x->driver, x->payment,   x->receipt,  x->recipient};
    unsigned char local[4096];
    struct fp_buf f = {local, 0};
    size_t need = 3 * 5 + 11 + 12 + 4 + 7 * 8;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        need += 5 + (texts[i] ? strlen(texts[i]) : 0);
    if (need > sizeof local)
        f.b = xmalloc(need);
    put_text(&f, x->date);
    put_text(&f, x->category);
    put_int(&f, x->amount);
    put_text(&f, x->currency);
    put_text(&f, x->merchant);
    put_text(&f, x->note);
    put_text(&f, x->trip_slug);
    put_int(&f, x->reimbursable);
    put_text(&f, x->provider);
    put_text(&f, x->from);
    put_text(&f, x->to);
    put_text(&f, x->driver);
    put_int(&f, x->tip);
    put_text(&f, x->payment);
    put_text(&f, x->receipt);
    put_int(&f, x->platform_fee);
    put_int(&f, x->shared);
    put_int(&f, x->nights);
    put_int(&f, x->compare_rate);
    put_text(&f, x->recipient);
    hash128(f.b, f.n, IMPORT_HASH_SEED, fp);
    if (f.b != local)
        free(f.b);
}

void import_key(const unsigned char fp[16], unsigned n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[2 * i] = hex[fp[i] >> 4];
        out[2 * i + 1] = hex[fp[i] & 15];
    }
    {
        char digits[12];
        int k = 0;
        do
            digits[k++] = (char)('0' + n % 10);
        while ((n /= 10) > 0);
        out[32] = ':';
        for (int i = 0; i < k; i++)
            out[33 + i] = digits[k - 1 - i];
        out[33 + k] = 0;
    }
}

void import_key_dated(const char *date, const unsigned char fp[16], unsigned n, char *out)
{
    memcpy(out, date, 10);
    out[10] = ':';
    import_key(fp, n, out + 11);
}

/* The table's key for FP: 56 of its bits, never 0 (0 marks an empty slot). */
static uint64_t seen_key(const unsigned char fp[16])
{
    uint64_t k = 0;
    for (int i = 0; i < 7; i++)
        k = k << 8 | fp[i];
    return k ? k : 1;
}

/* The slot of K in the CAP slots at V (where it is, or the empty slot where it goes). */
static uint64_t *seen_slot(uint64_t *v, size_t cap, uint64_t k)
{
    /* fingerprints are uniform already; mix anyway so any key spreads */
    uint64_t m = (k ^ (k >> 33)) * 0xff51afd7ed558ccdULL;
    size_t i = (size_t)(m ^ (m >> 33)) & (cap - 1);
    while (v[i] && v[i] >> 8 != k)
        i = (i + 1) & (cap - 1);
    return &v[i];
}

unsigned import_seen_count(struct import_seen *s, const unsigned char fp[16])
{
    uint64_t k = seen_key(fp), *slot, c;
    if ((s->n + 1) * 4 >= s->cap * 3) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint64_t *v = xmalloc(sizeof *v * cap);
        memset(v, 0, sizeof *v * cap);
        for (size_t j = 0; j < s->cap; j++)
            if (s->v[j])
                *seen_slot(v, cap, s->v[j] >> 8) = s->v[j];
        free(s->v);
        s->v = v;
        s->cap = cap;
    }
    slot = seen_slot(s->v, s->cap, k);
    if (!*slot) {
        *slot = k << 8;
        s->n++;
    }
    c = *slot & 0xff;
    if (c < 254) {
        *slot += 1;
        return (unsigned)c;
    }
    if (c == 254) { /* the 255th: its count moves to the overflow list */
        *slot |= 0xff;
        s->big = xrealloc(s->big, sizeof *s->big * (s->nbig + 1));
        s->big[s->nbig].key = k;
        s->big[s->nbig++].count = 255;
        return 254;
    }
    for (size_t j = 0; j < s->nbig; j++)
        if (s->big[j].key == k)
            return s->big[j].count++;
    die("import: a row count went missing");
}

void import_seen_release(struct import_seen *s)
{
    free(s->v);
    free(s->big);
    memset(s, 0, sizeof *s);
}

/* The 128 bits of UID (32 lowercase hex digits) into K[0], K[1]. */
static void uid_bits(const char *uid, uint64_t k[2])
{
    k[0] = k[1] = 0;
    for (int i = 0; i < 32; i++) {
        unsigned c = (unsigned char)uid[i];
        k[i / 16] = k[i / 16] << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
}

/* The slot of K in S (where it is, or the empty slot where it goes). */
static size_t uids_slot(const struct import_uids *s, const uint64_t k[2])
{
    /* a file's uids are random when export made them, but mix both halves anyway: pinned
     * or hand-written ones may differ in a few bits */
    uint64_t m = k[0] ^ (k[1] * 0x9e3779b97f4a7c15ULL);
    size_t i;
    m = (m ^ (m >> 33)) * 0xff51afd7ed558ccdULL;
    m = (m ^ (m >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    for (i = (size_t)(m ^ (m >> 33)) & (s->cap - 1); s->lines[i]; i = (i + 1) & (s->cap - 1))
        if (s->v[2 * i] == k[0] && s->v[2 * i + 1] == k[1])
            break;
    return i;
}

long import_uids_add(struct import_uids *s, const char *uid, long line)
{
    uint64_t k[2];
    size_t i;
    if ((s->n + 1) * 4 >= s->cap * 3) {
        struct import_uids g = {NULL, NULL, s->cap ? s->cap * 2 : 1024, s->n};
        g.v = xmalloc(sizeof *g.v * 2 * g.cap);
        g.lines = xmalloc(sizeof *g.lines * g.cap);
        memset(g.lines, 0, sizeof *g.lines * g.cap);
        for (size_t j = 0; j < s->cap; j++) {
            if (!s->lines[j])
                continue;
            i = uids_slot(&g, &s->v[2 * j]);
            g.v[2 * i] = s->v[2 * j];
            g.v[2 * i + 1] = s->v[2 * j + 1];
            g.lines[i] = s->lines[j];
        }
        import_uids_release(s);
        *s = g;
    }
    uid_bits(uid, k);
    i = uids_slot(s, k);
    if (s->lines[i])
        return s->lines[i];
    s->v[2 * i] = k[0];
    s->v[2 * i + 1] = k[1];
    /* the line it was read on, for the message (a file of more than 4G lines is named as
     * its last line that fits) */
    s->lines[i] = line > 0 && line < (long)UINT32_MAX ? (uint32_t)line : UINT32_MAX;
    s->n++;
    return 0;
}

void import_uids_release(struct import_uids *s)
{
    free(s->v);
    free(s->lines);
    memset(s, 0, sizeof *s);
}

/* --- the batch and the virtual table that hands it to SQLite ----------------------- */

void import_batch_init(struct import_batch *b)
{
    memset(b, 0, sizeof *b);
    b->rows = xmalloc(sizeof *b->rows * IMPORT_BATCH);
}

void import_batch_clear(struct import_batch *b)
{
    b->n = 0;
    arena_clear(&b->text);
    b->ntrips = 0;
}

void import_batch_release(struct import_batch *b)
{
    free(b->rows);
    arena_release(&b->text);
    free(b->trips);
    memset(b, 0, sizeof *b);
}

/* S copied into B's text: its name, or 0 for NULL. */
static uint32_t put(struct import_batch *b, const char *s)
{
    return s ? arena_put(&b->text, s, strlen(s)) : 0;
}

void import_batch_add(struct import_batch *b, const struct expense *x, int trip)
{
    struct import_batch_row *r = &b->rows[b->n++];
    const char *const texts[IB_NTEXT] = {x->date,       x->category,
                                         x->currency,   x->merchant,
                                         x->note,       x->payment,
                                         x->receipt,    x->provider,
                                         x->from,       x->to,
                                         x->driver,     x->recipient,
                                         x->import_key, x->uid[0] ? x->uid : NULL};
    for (int i = 0; i < IB_NTEXT; i++)
        r->text[i] = put(b, texts[i]);
    r->amount = x->amount;
    r->tip = x->tip;
    r->platform_fee = x->platform_fee;
    r->nights = x->nights;
    r->compare_rate = x->compare_rate;
    r->trip = trip;
    r->reimbursable = (signed char)(x->reimbursable ? 1 : 0);
    r->shared = (signed char)x->shared;
    r->source = 0;
    r->drop = 0;
}

void import_batch_new_trip(struct import_batch *b, int trip, const char *slug, const char *date,
                           const char *currency)
{
    struct import_new_trip *t;
    if (b->ntrips == b->trips_cap) {
        b->trips_cap = b->trips_cap ? b->trips_cap * 2 : 8;
        b->trips = xrealloc(b->trips, sizeof *b->trips * (size_t)b->trips_cap);
    }
    t = &b->trips[b->ntrips++];
    t->trip = trip;
    snprintf(t->slug, sizeof t->slug, "%s", slug);
    snprintf(t->date, sizeof t->date, "%s", date);
    snprintf(t->currency, sizeof t->currency, "%s", currency);
}

/*
 * import_batch: an eponymous virtual table whose rows are the batch the writer holds, in
 * order, with the columns of expense an import fills. INSERT ... SELECT from it moves a
 * whole batch in one statement without copying it into a table first.
 */
enum {
    VC_DATE,
    VC_CATEGORY,
    VC_AMOUNT,
    VC_CURRENCY,
    VC_MERCHANT,
    VC_NOTE,
    VC_TRIP_ID,
    VC_REIMBURSABLE,
    VC_PAYMENT,
    VC_RECEIPT,
    VC_PROVIDER,
    VC_ORIGIN,
    VC_DEST,
    VC_DRIVER,
    VC_TIP,
    VC_PLATFORM_FEE,
    VC_SHARED,
    VC_NIGHTS,
    VC_COMPARE_RATE,
    VC_RECIPIENT,
    VC_IMPORT_KEY,
    VC_SOURCE,
    VC_UID,
};

/* The expense columns, in the order of the virtual table's, but the uid. */
#define BATCH_COLUMNS                                                                              \
    "date, category, amount, currency, merchant, note, trip_id, reimbursable, payment, "           \
    "receipt, provider, origin, dest, driver, tip, platform_fee, shared, nights, compare_rate, "   \
    "recipient, import_key, source"

struct batch_cursor {
    sqlite3_vtab_cursor base;
    const struct import_writer *w;
    int i;
};

/* The virtual table: it serves the batch of the writer it was registered with. */
struct batch_vtab {
    sqlite3_vtab base;
    const struct import_writer *w;
};

static int vt_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
                      char **err)
{
    struct batch_vtab *v;
    int rc;
    (void)argc;
    (void)argv;
    (void)err;
    rc = sqlite3_declare_vtab(db, "CREATE TABLE x(" BATCH_COLUMNS ", uid)");
    if (rc != SQLITE_OK)
        return rc;
    v = sqlite3_malloc(sizeof *v);
    if (!v)
        return SQLITE_NOMEM;
    memset(v, 0, sizeof *v);
    v->w = aux;
    *out = &v->base;
    return SQLITE_OK;
}

static int vt_disconnect(sqlite3_vtab *v)
{
    sqlite3_free(v);
    return SQLITE_OK;
}

static int vt_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
    (void)v;
    info->estimatedCost = IMPORT_BATCH;
    info->estimatedRows = IMPORT_BATCH;
    return SQLITE_OK;
}

static int vt_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
    struct batch_cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    c->w = ((struct batch_vtab *)v)->w;
    *out = &c->base;
    return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *c)
{
    sqlite3_free(c);
    return SQLITE_OK;
}

/* Move C to row I or the first after it that is not dropped. */
static void cursor_seek(struct batch_cursor *c, int i)
{
    const struct import_batch *b = c->w ? c->w->batch : NULL;
    while (b && i < b->n && b->rows[i].drop)
        i++;
    c->i = i;
}

static int vt_filter(sqlite3_vtab_cursor *cur, int idx, const char *idx_str, int argc,
                     sqlite3_value **argv)
{
    struct batch_cursor *c = (struct batch_cursor *)cur;
    (void)idx;
    (void)idx_str;
    (void)argc;
    (void)argv;
    cursor_seek(c, 0);
    return SQLITE_OK;
}

static int vt_next(sqlite3_vtab_cursor *cur)
{
    struct batch_cursor *c = (struct batch_cursor *)cur;
    cursor_seek(c, c->i + 1);
    return SQLITE_OK;
}

static int vt_eof(sqlite3_vtab_cursor *cur)
{
    const struct batch_cursor *c = (const struct batch_cursor *)cur;
    return !c->w || !c->w->batch || c->i >= c->w->batch->n;
}

static void result_text(sqlite3_context *cx, const struct import_batch *b, uint32_t at)
{
    if (at)
        sqlite3_result_text(cx, arena_at(&b->text, at), -1, SQLITE_STATIC);
    else
        sqlite3_result_null(cx);
}

static void result_opt(sqlite3_context *cx, int64_t v)
{
    if (v >= 0)
        sqlite3_result_int64(cx, v);
    else
        sqlite3_result_null(cx);
}

static int vt_column(sqlite3_vtab_cursor *cur, sqlite3_context *cx, int col)
{
    const struct batch_cursor *c = (const struct batch_cursor *)cur;
    const struct import_batch *b = c->w->batch;
    const struct import_batch_row *r = &b->rows[c->i];
    static const signed char text_of[] = {
        [VC_DATE] = IB_DATE,         [VC_CATEGORY] = IB_CATEGORY,
        [VC_CURRENCY] = IB_CURRENCY, [VC_MERCHANT] = IB_MERCHANT,
        [VC_NOTE] = IB_NOTE,         [VC_PAYMENT] = IB_PAYMENT,
        [VC_RECEIPT] = IB_RECEIPT,   [VC_PROVIDER] = IB_PROVIDER,
        [VC_ORIGIN] = IB_FROM,       [VC_DEST] = IB_TO,
        [VC_DRIVER] = IB_DRIVER,     [VC_RECIPIENT] = IB_RECIPIENT,
        [VC_IMPORT_KEY] = IB_KEY,    [VC_UID] = IB_UID};
    switch (col) {
    case VC_AMOUNT:
        sqlite3_result_int64(cx, r->amount);
        break;
    case VC_TRIP_ID:
        if (r->trip >= 0)
            sqlite3_result_int64(cx, c->w->trip_ids[r->trip]);
        else
            sqlite3_result_null(cx);
        break;
    case VC_REIMBURSABLE:
        sqlite3_result_int(cx, r->reimbursable);
        break;
    case VC_TIP:
        result_opt(cx, r->tip);
        break;
    case VC_PLATFORM_FEE:
        result_opt(cx, r->platform_fee);
        break;
    case VC_SHARED:
        result_opt(cx, r->shared);
        break;
    case VC_NIGHTS:
        result_opt(cx, r->nights);
        break;
    case VC_COMPARE_RATE:
        result_opt(cx, r->compare_rate);
        break;
    case VC_SOURCE:
        if (r->source)
            sqlite3_result_text(cx, r->source == 1 ? "statement" : "export", -1, SQLITE_STATIC);
        else
            sqlite3_result_null(cx);
        break;
    default:
        result_text(cx, b, r->text[(int)text_of[col]]);
    }
    return SQLITE_OK;
}

static int vt_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = ((const struct batch_cursor *)cur)->i + 1;
    return SQLITE_OK;
}

static const sqlite3_module batch_module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: there is no CREATE VIRTUAL TABLE */
    .xConnect = vt_connect,
    .xBestIndex = vt_best_index,
    .xDisconnect = vt_disconnect,
    .xDestroy = vt_disconnect,
    .xOpen = vt_open,
    .xClose = vt_close,
    .xFilter = vt_filter,
    .xNext = vt_next,
    .xEof = vt_eof,
    .xColumn = vt_column,
    .xRowid = vt_rowid,
};

int import_writer_open(sqlite3 *db, struct import_writer *w, int fresh, struct cs_err *e)
{
    memset(w, 0, sizeof *w);
    w->db = db;
    w->fresh = fresh;
    /* Statement journals stay in memory; a bigger page cache helps a file that is not in
     * date order, whose keys land all over the key index. Into a new database the uid
     * index is sorted at the end instead: its runs go to a temporary file, not memory (a
     * million keys would take 60 MiB), and the cache is 12 MiB, which keeps a million-row
     * import under 64 MiB. Both must be set outside a transaction. */
    if (db_exec(db,
                fresh ? "PRAGMA temp_store = FILE; PRAGMA cache_size = -12288"
                      : "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384",
                e))
        return CS_EFAIL;
    if (sqlite3_create_module(db, "import_batch", &batch_module, w) != SQLITE_OK)
        return db_fail(db, "cannot set up the import", e);
    return 0;
}

/* The newest expense id into *ID (0 when there is none). */
static int max_id(sqlite3 *db, int64_t *id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    /* the newest id given out (AUTOINCREMENT: ids of removed rows are not given again) */
    if (db_prepare(db,
                   "SELECT max(coalesce((SELECT max(id) FROM expense), 0), "
                   "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'expense'), 0))",
                   &st, e))
        return CS_EFAIL;
    rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return db_fail(db, "cannot read the expenses", e);
    return 0;
}

int import_writer_begin(struct import_writer *w, struct cs_err *e)
{
    if (max_id(w->db, &w->first_id, e))
        return CS_EFAIL;
    w->first_id++;
    if (w->fresh && db_exec(w->db,
                            "DROP INDEX expense_uid; DROP INDEX expense_import_key; "
                            "DROP INDEX expense_match",
                            e))
        return CS_EFAIL;
    /* a row without a uid gets what the column's default (migration 0009) would give it:
     * naming the column takes the default away from every row */
    if (db_prepare(w->db,
                   w->fresh ? "INSERT INTO expense(" BATCH_COLUMNS
                              ", uid, created_at) SELECT " BATCH_COLUMNS
                              ", coalesce(uid, lower(hex(randomblob(16)))), unixepoch() FROM "
                              "import_batch"
                            : "INSERT INTO expense(" BATCH_COLUMNS
                              ", uid, created_at) SELECT " BATCH_COLUMNS
                              ", coalesce(uid, lower(hex(randomblob(16)))), unixepoch() FROM "
                              "import_batch WHERE true ON CONFLICT(import_key) DO NOTHING "
                              "ON CONFLICT(uid) DO NOTHING",
                   &w->flush, e))
        return CS_EFAIL;
    return 0;
}

int import_writer_write(struct import_writer *w, const struct import_batch *b,
                        const int64_t *trip_ids, struct cs_err *e)
{
    int rc;
    if (!b->n)
        return 0;
    w->batch = b;
    w->trip_ids = trip_ids;
    rc = sqlite3_step(w->flush);
    w->batch = NULL;
    if (rc != SQLITE_DONE) {
        db_fail(w->db, "cannot save the expenses", e);
        sqlite3_reset(w->flush);
        return CS_EFAIL;
    }
    w->rows += b->n;
    for (int i = 0; i < b->n; i++)
        w->rows -= b->rows[i].drop;
    w->added += sqlite3_changes(w->db);
    sqlite3_reset(w->flush);
    return 0;
}

int import_writer_finish(struct import_writer *w, struct cs_err *e)
{
    if (w->fresh && db_exec(w->db,
                            "CREATE UNIQUE INDEX expense_uid ON expense(uid); "
                            "CREATE UNIQUE INDEX expense_import_key ON expense(import_key); "
                            "CREATE INDEX expense_match ON expense(amount, currency, date)",
                            e))
        return CS_EFAIL;
    return max_id(w->db, &w->last_id, e) ? CS_EFAIL : 0;
}

void import_writer_close(struct import_writer *w)
{
    sqlite3_finalize(w->flush);
    w->flush = NULL;
}

void import_uid_new(struct import_uid_pool *p, char uid[33])
{
    static const char hex[] = "0123456789abcdef";
    if (p->used + 16 > sizeof p->bytes) {
        size_t got = 0;
        while (got < sizeof p->bytes) {
            ssize_t n = getrandom(p->bytes + got, sizeof p->bytes - got, 0);
            if (n < 0 && errno != EINTR)
                die("cannot read the system's random source");
            if (n > 0)
                got += (size_t)n;
        }
        p->used = 0;
    }
    for (int i = 0; i < 16; i++) {
        uid[2 * i] = hex[p->bytes[p->used + i] >> 4];
        uid[2 * i + 1] = hex[p->bytes[p->used + i] & 15];
    }
    uid[32] = 0;
    p->used += 16;
}
