/* import.c - the generic csv profile: columns, row checks, import keys, bulk insert. */
#include "confspend/import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "confspend/args.h"
#include "confspend/csv.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/hash.h"
#include "confspend/trip.h"

#define TEXT_MAX 4096
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
 * lose the export's formula guard; numbers are left as written. */
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

/* Nights: a whole number 1..100000, as `add --nights` takes it. */
static int parse_nights(const char *s, int64_t *out, long line, struct cs_err *e)
{
    char field[96];
    int64_t v = 0;
    where(field, sizeof field, line, IMP_NIGHTS);
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > 100000)
            return cs_error(e, CS_EINPUT, field, s, "must be a positive whole number up to 100000");
        v = v * 10 + (*p - '0');
    }
    if (v <= 0 || v > 100000)
        return cs_error(e, CS_EINPUT, field, s, "must be a positive whole number up to 100000");
    *out = v;
    return 0;
}

/* Turn expense_check()'s "--platform-fee: WHAT (VALUE)" into "line L, column
 * platform_fee: WHAT (VALUE)". */
static int recheck(const struct expense *x, int digits, long line, struct cs_err *e)
{
    struct cs_err tmp = CS_ERR_INIT;
    char field[32], rest[512];
    const char *m, *colon;
    size_t n;
    if (!expense_check(x, digits, &tmp))
        return 0;
    m = tmp.msg;
    if (m[0] == '-' && m[1] == '-')
        m += 2;
    colon = strchr(m, ':');
    n = colon ? (size_t)(colon - m) : 0;
    if (n >= sizeof field)
        n = sizeof field - 1;
    for (size_t i = 0; i < n; i++)
        field[i] = m[i] == '-' ? '_' : m[i];
    field[n] = 0;
    snprintf(rest, sizeof rest, "%s", colon ? colon : m);
    snprintf(e->msg, sizeof e->msg, "line %ld, column %s%.440s", line, field, rest);
    e->code = CS_EINPUT;
    return CS_EINPUT;
}

/* money_digits() of CODE, remembering the last code asked: a file's rows are mostly in one
 * currency, and money_digits() walks its whole table. (One entry of static state: the
 * program is single-threaded.) */
static int currency_digits(const char *code)
{
    static char last[4];
    static int last_digits;
    int d;
    if (last[0] && !strcmp(code, last))
        return last_digits;
    d = money_digits(code); /* an unknown code must not overwrite the remembered digits */
    if (d >= 0) {
        memcpy(last, code, 4);
        last_digits = d;
    }
    return d;
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
        return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_CATEGORY), s,
                        "unknown category (ride, meal, lodging, donation, ticket, travel, "
                        "other)");
    snprintf(x->category, sizeof x->category, "%s", s);
    /* currency, then the amounts in its minor digits */
    if ((s = cell(h, cells, IMP_CURRENCY))) {
        if (currency_digits(s) < 0)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_CURRENCY), s,
                            "unknown ISO 4217 currency code");
        snprintf(x->currency, sizeof x->currency, "%s", s);
    } else {
        snprintf(x->currency, sizeof x->currency, "%s", default_currency);
    }
    digits = currency_digits(x->currency);
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
    if ((s = cell(h, cells, IMP_NIGHTS)) && parse_nights(s, &x->nights, line, e))
        return CS_EINPUT;
    /* text */
    for (size_t i = 0; i < sizeof text_cols / sizeof text_cols[0]; i++) {
        int c = text_cols[i];
        s = cell(h, cells, c);
        if (!s)
            continue;
        if (text_check(s, "text", NULL) && text_check(s, where(w, sizeof w, line, c), e))
            return CS_EINPUT;
        if (strlen(s) > TEXT_MAX)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, c), s, "longer than 4096 bytes");
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
    if ((s = cell(h, cells, IMP_PROVIDER))) {
        if (!provider_valid(s))
            return cs_error(e, CS_EINPUT, where(w, sizeof w, line, IMP_PROVIDER), s,
                            "unknown provider (lyft, uber, taxi, direct, transit, other)");
        x->provider = (char *)s;
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

/* The staging table's columns: the expense's, in the order of the binds below. */
#define STAGE_COLUMNS                                                                              \
    "date, category, amount, currency, merchant, note, trip_id, reimbursable, payment, "           \
    "receipt, provider, origin, dest, driver, tip, platform_fee, shared, nights, compare_rate, "   \
    "recipient, import_key"

int import_writer_open(sqlite3 *db, struct import_writer *w, struct cs_err *e)
{
    memset(w, 0, sizeof *w);
    w->db = db;
    /* Statement journals and the staging table stay in memory; a bigger page cache helps a
     * file that is not in date order, whose keys land all over the key index. Both must be
     * set outside a transaction. */
    if (db_exec(db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384", e) ||
        db_exec(db,
                "DROP TABLE IF EXISTS temp.import_stage; "
                "CREATE TEMP TABLE import_stage(" STAGE_COLUMNS ")",
                e))
        return CS_EFAIL;
    return 0;
}

/* The newest expense id into *ID (0 when there is none). */
static int max_id(sqlite3 *db, int64_t *id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(db, "SELECT coalesce(max(id), 0) FROM expense", &st, e))
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
    if (db_prepare(w->db,
                   "INSERT INTO temp.import_stage(" STAGE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, "
                   "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
                   "?21)",
                   &w->stage, e) ||
        db_prepare(w->db,
                   "INSERT INTO expense(" STAGE_COLUMNS ", created_at) SELECT " STAGE_COLUMNS
                   ", unixepoch() FROM temp.import_stage WHERE true ORDER BY rowid "
                   "ON CONFLICT(import_key) DO NOTHING",
                   &w->flush, e) ||
        db_prepare(w->db, "DELETE FROM temp.import_stage", &w->clear, e))
        return CS_EFAIL;
    return 0;
}

/* Move the staged rows into expense, skipping keys already there. */
static int writer_flush(struct import_writer *w, struct cs_err *e)
{
    int rc;
    if (!w->pending)
        return 0;
    rc = sqlite3_step(w->flush);
    if (rc != SQLITE_DONE) {
        db_fail(w->db, "cannot save the expenses", e);
        sqlite3_reset(w->flush);
        return CS_EFAIL;
    }
    w->added += sqlite3_changes(w->db);
    sqlite3_reset(w->flush);
    rc = sqlite3_step(w->clear);
    sqlite3_reset(w->clear);
    if (rc != SQLITE_DONE)
        return db_fail(w->db, "cannot clear the staging table", e);
    w->pending = 0;
    return 0;
}

/* Bind text S (NULL for NULL) without copying: it lives until the step. */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

int import_writer_add(struct import_writer *w, const struct expense *x, struct cs_err *e)
{
    sqlite3_stmt *st = w->stage;
    int rc;
    bind_text(st, 1, x->date);
    bind_text(st, 2, x->category);
    sqlite3_bind_int64(st, 3, x->amount);
    bind_text(st, 4, x->currency);
    bind_text(st, 5, x->merchant);
    bind_text(st, 6, x->note);
    db_bind_opt(st, 7, x->trip_id > 0 ? x->trip_id : -1);
    sqlite3_bind_int(st, 8, x->reimbursable ? 1 : 0);
    bind_text(st, 9, x->payment);
    bind_text(st, 10, x->receipt);
    bind_text(st, 11, x->provider);
    bind_text(st, 12, x->from);
    bind_text(st, 13, x->to);
    bind_text(st, 14, x->driver);
    db_bind_opt(st, 15, x->tip);
    db_bind_opt(st, 16, x->platform_fee);
    db_bind_opt(st, 17, x->shared);
    db_bind_opt(st, 18, x->nights);
    db_bind_opt(st, 19, x->compare_rate);
    bind_text(st, 20, x->recipient);
    bind_text(st, 21, x->import_key);
    rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        db_fail(w->db, "cannot stage the expense", e);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return CS_EFAIL;
    w->rows++;
    if (++w->pending >= IMPORT_BATCH)
        return writer_flush(w, e);
    return 0;
}

int import_writer_finish(struct import_writer *w, struct cs_err *e)
{
    if (writer_flush(w, e) || max_id(w->db, &w->last_id, e))
        return CS_EFAIL;
    return 0;
}

void import_writer_close(struct import_writer *w)
{
    sqlite3_finalize(w->stage);
    sqlite3_finalize(w->flush);
    sqlite3_finalize(w->clear);
    w->stage = w->flush = w->clear = NULL;
}
