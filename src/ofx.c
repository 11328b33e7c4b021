/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ofx.c - `import ofx`'s reader: libofx parses the file; a small scan of the same bytes reads
 * the leaf values libofx changes or drops (see ofx.h). The only file that includes libofx.h.
 * libofx is opened with dlopen() on first use: linked, it and what it pulls in (OpenSP and
 * the C++ runtime) cost every command about 2.5 ms at start, which only `import ofx` needs
 * (the same reason the workbook is a module, src/xlsx_module.c). */
#define _GNU_SOURCE /* memmem */
#include "confspend/ofx.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libofx/libofx.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "confspend/args.h"
#include "confspend/date.h"
#include "confspend/money.h"
#include "confspend/tmpfiles.h"

/* libofx's file name for dlopen() (its SONAME, from the build: CMakeLists.txt) */
#ifndef LIBOFX_SONAME
#define LIBOFX_SONAME "libofx.so.7"
#endif

/* ---- the scan: the written leaf values of each STMTTRN, in file order ---- */

/* The leaves of a STMTTRN the scan keeps, written as they are (blanks around cut). */
enum scan_leaf { LEAF_DTPOSTED, LEAF_TRNAMT, LEAF_FITID, LEAF_CURSYM, NLEAF };
static const char *const leaf_names[NLEAF] = {"DTPOSTED", "TRNAMT", "FITID", "CURSYM"};

struct scan_trn {
    char *leaf[NLEAF]; /* NULL: not in the STMTTRN; "" when written empty */
    int repeated;      /* a leaf given twice: its index + 1, else 0 */
    long start, end;   /* the offsets of its '<' and just after its end (progress()) */
};

struct scan {
    struct scan_trn *trn;
    long n, cap;
    int saw_ofx, saw_ofx_end, invest;
    int xml;     /* an <?xml ...?> came before <OFX> (OFX 2.x) */
    long ofx_at; /* the offset of the first <OFX> */
};

static void scan_release(struct scan *s)
{
    for (long i = 0; i < s->n; i++)
        for (int k = 0; k < NLEAF; k++)
            free(s->trn[i].leaf[k]);
    free(s->trn);
    memset(s, 0, sizeof *s);
}

/* 1 when the tag name NAME[0..LEN) is WANT, ignoring case (SGML's names are). */
static int tag_is(const char *name, size_t len, const char *want)
{
    return strlen(want) == len && !strncasecmp(name, want, len);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Scan BUF[0..N) for the STMTTRN elements and the leaves of each that ofx.h names. Why a scan
 * beside libofx: libofx shifts DTPOSTED into UTC, hands TRNAMT over as a double and drops
 * CURSYM inside a STMTTRN's CURRENCY; what a person wrote is in the file, and those values are
 * plain ASCII leaves. Structure, entities and encodings stay libofx's job: this only walks
 * tags. A tag is `<NAME...>` (an end tag `</NAME>`; `<?...>`, `<!...>` and `<!--...-->` are
 * skipped); a leaf's value is the text after its start tag up to the next `<`, with the
 * blanks around it cut (SGML leaves have no end tag, XML ones do: both read the same).
 * Also notes whether an <OFX> and its </OFX> were seen and an investment statement was.
 */
static void scan_file(const char *buf, size_t n, struct scan *s)
{
    size_t p = 0;
    int in_trn = 0, in_cur = 0, pending = -1;
    memset(s, 0, sizeof *s);
    while (p < n) {
        if (buf[p] != '<') {
            size_t q = p, a, b;
            while (q < n && buf[q] != '<')
                q++;
            if (pending >= 0) {
                struct scan_trn *t = &s->trn[s->n - 1];
                for (a = p; a < q && is_blank(buf[a]); a++)
                    ;
                for (b = q; b > a && is_blank(buf[b - 1]); b--)
                    ;
                free(t->leaf[pending]);
                t->leaf[pending] = xmalloc(b - a + 1);
                memcpy(t->leaf[pending], buf + a, b - a);
                t->leaf[pending][b - a] = 0; /* BUF has no NUL (ofx_open) */
                pending = -1;
            }
            p = q;
            continue;
        }
        /* a tag */
        pending = -1;
        if (p + 1 < n && (buf[p + 1] == '!' || buf[p + 1] == '?')) {
            const char *end;
            if (!s->saw_ofx && n - p >= 5 && !strncasecmp(buf + p, "<?xml", 5))
                s->xml = 1;
            if (n - p >= 4 && !memcmp(buf + p, "<!--", 4)) {
                end = memmem(buf + p + 4, n - p - 4, "-->", 3);
                p = end ? (size_t)(end - buf) + 3 : n;
            } else {
                end = memchr(buf + p, '>', n - p);
                p = end ? (size_t)(end - buf) + 1 : n;
            }
            continue;
        }
        int closing = p + 1 < n && buf[p + 1] == '/';
        size_t a = p + 1 + (size_t)closing, b = a;
        while (b < n && buf[b] != '>' && buf[b] != '<' && buf[b] != '/' && !is_blank(buf[b]))
            b++;
        const char *name = buf + a;
        size_t len = b - a;
        int empty = 0; /* <NAME/> in XML: a leaf with no value */
        while (b < n && buf[b] != '>' && buf[b] != '<')
            b++;
        if (b < n && buf[b] == '>') {
            empty = b > a && buf[b - 1] == '/';
            p = b + 1;
        } else {
            p = b;
        }
        if (closing) {
            if (tag_is(name, len, "STMTTRN") && in_trn) {
                s->trn[s->n - 1].end = (long)p;
                in_trn = in_cur = 0;
            } else if (tag_is(name, len, "CURRENCY")) {
                in_cur = 0;
            } else if (tag_is(name, len, "OFX")) {
                s->saw_ofx_end = 1;
            }
            continue;
        }
        if (tag_is(name, len, "OFX")) {
            if (!s->saw_ofx)
                s->ofx_at = (long)(name - 1 - buf);
            s->saw_ofx = 1;
        } else if (tag_is(name, len, "INVSTMTMSGSRSV1") || tag_is(name, len, "INVSTMTRS")) {
            s->invest = 1;
        } else if (tag_is(name, len, "STMTTRN")) {
            if (s->n == s->cap) {
                s->cap = s->cap ? 2 * s->cap : 16;
                s->trn = xrealloc(s->trn, (unsigned long)s->cap * sizeof *s->trn);
            }
            memset(&s->trn[s->n], 0, sizeof s->trn[s->n]);
            s->trn[s->n].start = (long)(name - 1 - buf);
            s->trn[s->n++].end = (long)n;
            in_trn = 1;
            in_cur = 0;
        } else if (in_trn && tag_is(name, len, "CURRENCY")) {
            in_cur = 1;
        } else if (in_trn) {
            for (int k = 0; k < NLEAF; k++) {
                if (!tag_is(name, len, leaf_names[k]) || (k == LEAF_CURSYM && !in_cur))
                    continue;
                struct scan_trn *t = &s->trn[s->n - 1];
                if (t->leaf[k] && !t->repeated)
                    t->repeated = k + 1;
                if (!t->leaf[k])
                    t->leaf[k] = xstrdup("");
                if (!empty)
                    pending = k;
            }
        }
    }
}

/* ---- libofx's side: one record per transaction it reports ---- */

struct lib_trn {
    char account[OFX_ACCOUNT_ID_LENGTH]; /* "" when libofx has none */
    char fitid[OFX_FITID_LENGTH];        /* "" when none */
    char currency[OFX_CURRENCY_LENGTH];  /* the statement's CURDEF, "" when none */
    char name[OFX_TRANSACTION_NAME_LENGTH], memo[OFX_MEMO2_LENGTH];
    int amount_valid, date_valid, invest, in_currency;
    double amount;
    time_t date;
    int type; /* TransactionType, -1 when none */
};

struct lib_run {
    struct lib_trn *trn;
    long n, cap;
};

/* Copy the NUL-terminated SRC (in a buffer of N bytes) into DST of N bytes. libofx cuts
 * longer text at N - 1 bytes (NAME past 96 bytes, MEMO past 390: past OFX's own limits),
 * which can fall inside a UTF-8 character: a text that fills the buffer loses an unfinished
 * last character too. */
static void copy_field(char *dst, const char *src, size_t n)
{
    size_t len = strnlen(src, n - 1);
    memcpy(dst, src, len);
    if (len == n - 1) {
        size_t k = len, cont = 0;
        while (k > 0 && ((unsigned char)dst[k - 1] & 0xC0) == 0x80 && cont < 3) {
            k--;
            cont++;
        }
        if (k > 0 && (unsigned char)dst[k - 1] >= 0xC0) {
            unsigned char lead = (unsigned char)dst[k - 1];
            size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
            if (cont < need)
                len = k - 1;
        }
    }
    dst[len] = 0;
}

/* libofx's transaction callback: keep what ofx.h uses of D (libofx gives it by value). */
static int on_transaction(const struct OfxTransactionData d, void *arg)
{
    struct lib_run *r = arg;
    struct lib_trn *t;
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->trn = xrealloc(r->trn, (unsigned long)r->cap * sizeof *r->trn);
    }
    t = &r->trn[r->n++];
    memset(t, 0, sizeof *t);
    if (d.account_id_valid)
        copy_field(t->account, d.account_id, sizeof t->account);
    if (d.fi_id_valid)
        copy_field(t->fitid, d.fi_id, sizeof t->fitid);
    if (d.account_ptr && d.account_ptr->currency_valid)
        copy_field(t->currency, d.account_ptr->currency, sizeof t->currency);
    if (d.name_valid)
        copy_field(t->name, d.name, sizeof t->name);
    if (d.memo_valid)
        copy_field(t->memo, d.memo, sizeof t->memo);
    t->amount_valid = d.amount_valid;
    t->amount = d.amount;
    t->date_valid = d.date_posted_valid;
    t->date = d.date_posted;
    t->invest = d.invtransactiontype_valid;
    t->in_currency = d.amounts_are_foreign_currency_valid && !d.amounts_are_foreign_currency;
    t->type = d.transactiontype_valid ? (int)d.transactiontype : -1;
    return 0;
}

/* The first error in libofx's captured output LOG into BUF (N bytes), and the line of
 * libofx's copy of the file it is on into *LINE (0 when it says none): OpenSP's own line
 * ("/tmp/libofxtmpXYZ:8:47:E: start tag ...") gives both, else the text of the first
 * "LibOFX ERROR: " line is the message, else "". */
static void first_error(FILE *log, char *buf, size_t n, long *line_no)
{
    char line[512], first[512] = "";
    buf[0] = 0;
    *line_no = 0;
    rewind(log);
    while (fgets(line, sizeof line, log)) {
        char *e = strstr(line, ":E: "), *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        if (e) {
            /* back over ":COLUMN" to ":LINE" */
            char *c = e;
            while (c > line && c[-1] != ':')
                c--;
            if (c > line + 1) {
                char *l = c - 1;
                while (l > line && l[-1] != ':')
                    l--;
                *line_no = strtol(l, NULL, 10);
            }
            snprintf(buf, n, "%s", e + 4);
            return;
        }
        if (!first[0] && !strncmp(line, "LibOFX ERROR: ", 14))
            snprintf(first, sizeof first, "%s", line + 14);
    }
    snprintf(buf, n, "%s", first);
}

/* The libofx functions ofx.c calls, from the library opened on first use. */
static struct {
    LibofxContextPtr (*get_new_context)(void);
    void (*set_transaction_cb)(LibofxContextPtr, LibofxProcTransactionCallback, void *);
    int (*proc_file)(LibofxContextPtr, const char *, enum LibofxFileFormat);
    int (*free_context)(LibofxContextPtr);
} api;

/* Open libofx (once) and find its functions; CS_EFAIL naming it when it cannot be. */
static int load_libofx(struct cs_err *e)
{
    void *h;
    if (api.proc_file)
        return 0;
    if (!(h = dlopen(LIBOFX_SONAME, RTLD_NOW | RTLD_LOCAL)))
        return cs_error(e, CS_EFAIL, "ofx", LIBOFX_SONAME,
                        "cannot load libofx (Debian: apt-get install libofx7): %s", dlerror());
    *(void **)&api.get_new_context = dlsym(h, "libofx_get_new_context");
    *(void **)&api.set_transaction_cb = dlsym(h, "ofx_set_transaction_cb");
    *(void **)&api.free_context = dlsym(h, "libofx_free_context");
    *(void **)&api.proc_file = dlsym(h, "libofx_proc_file");
    if (!api.get_new_context || !api.set_transaction_cb || !api.free_context || !api.proc_file) {
        api.proc_file = NULL;
        return cs_error(e, CS_EFAIL, "ofx", LIBOFX_SONAME, "not the libofx it was built with");
    }
    return 0;
}

/*
 * Run libofx over the file PATH, its stderr captured, into R. Returns libofx_proc_file()'s
 * status, or -2 (E filled, CS_EFAIL) when libofx cannot be loaded or stderr cannot be
 * redirected; MSG and *LINE get libofx's first error and its line (first_error()) when the
 * status is not 0.
 */
static int run_libofx(const char *path, struct lib_run *r, char *msg, size_t n, long *line,
                      struct cs_err *e)
{
    LibofxContextPtr ctx;
    FILE *log;
    int saved, rc;
    if (load_libofx(e))
        return -2;
    if (!(log = tmpfile())) {
        cs_error(e, CS_EFAIL, "ofx", NULL, "cannot make a temporary file: %s", strerror(errno));
        return -2;
    }
    fflush(stderr);
    saved = dup(2);
    if (saved < 0 || dup2(fileno(log), 2) < 0) {
        cs_error(e, CS_EFAIL, "ofx", NULL, "cannot capture libofx's messages: %s", strerror(errno));
        if (saved >= 0)
            close(saved);
        fclose(log);
        return -2;
    }
    ctx = api.get_new_context();
    api.set_transaction_cb(ctx, on_transaction, r);
    rc = api.proc_file(ctx, path, OFX);
    api.free_context(ctx);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    msg[0] = 0;
    *line = 0;
    if (rc != 0)
        first_error(log, msg, n, line);
    fclose(log);
    return rc;
}

/* ---- the rows ---- */

struct ofx_row {
    char date[11];
    int64_t amount;
    enum src_fate fate;
    const char *skip_reason;
    char currency[4];
    char *merchant, *note, *key;
    long end;
};

struct ofx_reader {
    struct ofx_row *rows;
    long n, next;
    long long done; /* progress: the bytes up to the last row handed out */
};

static void reader_release(void *self)
{
    struct ofx_reader *r = self;
    if (!r)
        return;
    for (long i = 0; i < r->n; i++) {
        free(r->rows[i].merchant);
        free(r->rows[i].note);
        free(r->rows[i].key);
    }
    free(r->rows);
    free(r);
}

static int reader_next(void *self, struct src_row *row, struct cs_err *e)
{
    struct ofx_reader *r = self;
    const struct ofx_row *o;
    (void)e;
    if (r->next >= r->n)
        return 0;
    o = &r->rows[r->next++];
    memset(row, 0, sizeof *row);
    row->line = r->next;
    row->fate = o->fate;
    row->skip_reason = o->skip_reason;
    memcpy(row->date, o->date, sizeof row->date);
    row->amount = o->amount;
    memcpy(row->currency, o->currency, sizeof row->currency);
    row->merchant = o->merchant;
    row->note = o->note;
    row->tip = -1;
    row->key = o->key;
    row->statement = 1;
    r->done = o->end;
    return 1;
}

static long long reader_progress(void *self)
{
    return ((struct ofx_reader *)self)->done;
}

/* "transaction N (FITID X), LEAF" into BUF: where a message points. */
static const char *where(char *buf, size_t n, long number, const char *fitid, const char *leaf)
{
    if (fitid && fitid[0])
        snprintf(buf, n, "transaction %ld (FITID %.40s%s), %s", number, fitid,
                 strlen(fitid) > 40 ? "..." : "", leaf);
    else
        snprintf(buf, n, "transaction %ld, %s", number, leaf);
    return buf;
}

/* The calendar date written in DTPOSTED S ("YYYYMMDD..."), into DATE; CS_EINPUT otherwise. */
static int written_date(const char *s, char date[11], struct cs_date *d, const char *w,
                        struct cs_err *e)
{
    for (int i = 0; i < 8; i++)
        if (s[i] < '0' || s[i] > '9')
            return cs_error(e, CS_EINPUT, w, s, "not a date (YYYYMMDD...)");
    if (s[8] && !(s[8] >= '0' && s[8] <= '9') && s[8] != '.' && s[8] != '[')
        return cs_error(e, CS_EINPUT, w, s, "not a date (YYYYMMDD...)");
    snprintf(date, 11, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    if (date_parse(date, d, "DTPOSTED", NULL))
        return cs_error(e, CS_EINPUT, w, s, "not a real date");
    return 0;
}

/* The written TRNAMT S read exactly: an optional sign, digits, at most one '.' or ',' and
 * digits, with DIGITS minor digits (extra decimals must be zeros), into *OUT (signed). */
static int written_amount(const char *s, int digits, const char *cur, int64_t *out, const char *w,
                          struct cs_err *e)
{
    const char *p = s;
    int neg = 0, seen = 0, sep = 0, dec = 0;
    uint64_t v = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    for (; *p; p++) {
        if ((*p == '.' || *p == ',') && !sep) {
            sep = 1;
            continue;
        }
        if (*p < '0' || *p > '9')
            return cs_error(e, CS_EINPUT, w, s, "not an amount");
        seen = 1;
        if (sep && ++dec > digits) {
            if (*p != '0')
                return cs_error(e, CS_EINPUT, w, s, "more decimals than %s has (%d)", cur, digits);
            continue;
        }
        if (v > ((uint64_t)INT64_MAX - 9) / 10)
            return cs_error(e, CS_EINPUT, w, s, "too large");
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (!seen)
        return cs_error(e, CS_EINPUT, w, s, "not an amount");
    for (; dec < digits; dec++) {
        if (v > (uint64_t)INT64_MAX / 10)
            return cs_error(e, CS_EINPUT, w, s, "too large");
        v *= 10;
    }
    *out = neg ? -(int64_t)v : (int64_t)v;
    return 0;
}

/* 1 when S is plain ASCII with no entity reference: libofx's FITID must then be S itself. */
static int plain_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80 || *s == '&')
            return 0;
    return 1;
}

/* Cut the blanks libofx leaves at the end of S (a card's account id ends in one). */
static void cut_trailing_blanks(char *s)
{
    size_t n = strlen(s);
    while (n && is_blank(s[n - 1]))
        s[--n] = 0;
}

/* The leaves of the STMTTRN T (transaction NUMBER) are each there once, not empty (a
 * missing one in a file without its end is said to be cut short). */
static int check_leaves(long number, const struct scan_trn *t, int whole, struct cs_err *e)
{
    char w[160];
    const char *fitid = t->leaf[LEAF_FITID];
    for (int k = 0; k < NLEAF; k++)
        if (t->repeated == k + 1)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, leaf_names[k]),
                            t->leaf[k], "given twice");
    for (int k = LEAF_DTPOSTED; k <= LEAF_FITID; k++)
        if (!t->leaf[k] || !t->leaf[k][0])
            return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, leaf_names[k]), NULL,
                            "%s%s", t->leaf[k] ? "empty" : "missing",
                            whole ? "" : " (the file is cut short)");
    return 0;
}

/* Make the row O of transaction NUMBER from the scan's T and libofx's L (see ofx.h). */
static int make_row(long number, const struct scan_trn *t, struct lib_trn *l, struct ofx_row *o,
                    struct cs_err *e)
{
    char w[160];
    const char *fitid = t->leaf[LEAF_FITID];
    const char *cur;
    struct cs_date d;
    int64_t amount = 0;
    int digits;

    if (l->invest)
        return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "TRNTYPE"), NULL,
                        "an investment transaction: import ofx reads bank and card statements");
    if (plain_ascii(fitid) && strcmp(l->fitid, fitid))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "FITID"), l->fitid,
                        "libofx read another transaction here");
    if (!l->fitid[0] || text_check(l->fitid, "FITID", NULL))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "FITID"), NULL,
                        "not UTF-8 text");
    cut_trailing_blanks(l->account);
    if (!l->account[0] || text_check(l->account, "ACCTID", NULL))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "ACCTID"), NULL,
                        "no account for this transaction");

    /* the currency: the transaction's own CURRENCY, else the statement's CURDEF */
    if (t->leaf[LEAF_CURSYM]) {
        cur = t->leaf[LEAF_CURSYM];
        if (!l->in_currency)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "CURSYM"), cur,
                            "libofx saw no CURRENCY here");
        if (money_digits(cur) < 0)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "CURSYM"), cur,
                            "not a known currency");
    } else {
        cur = l->currency;
        if (!cur[0])
            return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "CURDEF"), NULL,
                            "the statement has no currency");
        if (money_digits(cur) < 0)
            return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "CURDEF"), cur,
                            "not a known currency");
    }
    digits = money_digits(cur);
    memcpy(o->currency, cur, 4);

    /* the written date; libofx's (in UTC) is at most a day from it */
    where(w, sizeof w, number, fitid, "DTPOSTED");
    if (written_date(t->leaf[LEAF_DTPOSTED], o->date, &d, w, e))
        return CS_EINPUT;
    if (!l->date_valid)
        return cs_error(e, CS_EINPUT, w, t->leaf[LEAF_DTPOSTED], "libofx cannot read it");
    {
        long lib_days = (long)(l->date >= 0 ? l->date / 86400 : -((-l->date + 86399) / 86400));
        long diff = lib_days - date_to_days(d);
        if (diff < -1 || diff > 1)
            return cs_error(e, CS_EINPUT, w, t->leaf[LEAF_DTPOSTED], "libofx read another date");
    }

    /* the written amount, exactly; libofx's double agrees with it */
    where(w, sizeof w, number, fitid, "TRNAMT");
    if (written_amount(t->leaf[LEAF_TRNAMT], digits, cur, &amount, w, e))
        return CS_EINPUT;
    {
        double scale = pow(10, digits), want = (double)amount;
        if (!l->amount_valid || !isfinite(l->amount) ||
            fabs(l->amount * scale - want) > 0.5 + fabs(want) * 1e-12)
            return cs_error(e, CS_EINPUT, w, t->leaf[LEAF_TRNAMT], "libofx read another amount");
    }

    if (amount < 0) {
        o->fate = SRC_SPEND;
        o->amount = -amount;
    } else if (amount == 0) {
        o->fate = SRC_SKIP;
        o->skip_reason = "zero amount";
    } else if (l->type == OFX_PAYMENT) {
        o->fate = SRC_SKIP;
        o->skip_reason = "card payment";
        o->amount = amount;
    } else if (l->type == OFX_XFER) {
        o->fate = SRC_SKIP;
        o->skip_reason = "transfer";
        o->amount = amount;
    } else {
        /* money in: a refund, unless a rule says it is a card payment (SPEC: rules apply as
         * for a bank CSV, and a card's payment is often TRNTYPE CREDIT "PAYMENT - THANK
         * YOU", which the built-in `*PAYMENT*THANK YOU*` skips) */
        o->fate = SRC_CREDIT;
        o->amount = amount;
    }

    if (text_check(l->name, "NAME", NULL))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "NAME"), l->name,
                        "not UTF-8 text");
    if (text_check(l->memo, "MEMO", NULL))
        return cs_error(e, CS_EINPUT, where(w, sizeof w, number, fitid, "MEMO"), l->memo,
                        "not UTF-8 text");
    o->merchant = l->name[0] ? xstrdup(l->name) : NULL;
    o->note = l->memo[0] ? xstrdup(l->memo) : NULL;
    o->key = xmalloc(strlen(l->account) + strlen(l->fitid) + 2);
    sprintf(o->key, "%s:%s", l->account, l->fitid);
    o->end = t->end;
    return 0;
}

/* The line of BUF that the offset AT is on (1, 2, ...). */
static long line_of(const char *buf, long at)
{
    long line = 1;
    for (long i = 0; i < at; i++)
        line += buf[i] == '\n';
    return line;
}

/*
 * libofx refused the file PATH (its N bytes BUF, scanned into S): the error, with libofx's
 * first message MSG, on the transaction it is in when libofx said where (LIB_LINE, a line
 * of libofx's copy of the file) and only one is on that line, else with the line of the
 * file. libofx 0.10.9 parses an
 * OFX 2.x (XML) file as it is, and an OFX 1.x one from the line of its <OFX> on (its header
 * lines are not in the copy): that maps its line back onto the user's file.
 */
static int libofx_refused(const char *path, const char *buf, size_t n, const struct scan *s,
                          long lib_line, const char *msg, struct cs_err *e)
{
    char w[160];
    long line, from = 0, to, k = 1;
    if (lib_line <= 0)
        return cs_error(e, CS_EINPUT, "ofx", path, "libofx cannot read it%s%s", msg[0] ? ": " : "",
                        msg);
    line = s->xml ? lib_line : lib_line + line_of(buf, s->ofx_at) - 1;
    /* the line's bytes: [from, to) */
    while (k < line && (size_t)from < n) {
        const char *nl = memchr(buf + from, '\n', n - (size_t)from);
        from = nl ? nl - buf + 1 : (long)n;
        k++;
    }
    {
        const char *nl = (size_t)from < n ? memchr(buf + from, '\n', n - (size_t)from) : NULL;
        to = nl ? nl - buf + 1 : (long)n;
    }
    /* the one transaction on that line; with several (a file on one line), libofx's
     * column cannot tell which: its copy has lost what it calls proprietary tags (INTU.BID)
     * before them */
    for (long i = 0; k == line && i < s->n; i++) {
        const char *fitid = s->trn[i].leaf[LEAF_FITID];
        if (s->trn[i].start >= to || s->trn[i].end <= from)
            continue;
        if (i + 1 < s->n && s->trn[i + 1].start < to && s->trn[i + 1].end > from)
            break;
        /* where() names a leaf last: here the transaction alone */
        if (fitid && fitid[0])
            snprintf(w, sizeof w, "transaction %ld (FITID %.40s%s)", i + 1, fitid,
                     strlen(fitid) > 40 ? "..." : "");
        else
            snprintf(w, sizeof w, "transaction %ld", i + 1);
        return cs_error(e, CS_EINPUT, w, NULL, "libofx cannot read it: %s", msg);
    }
    return cs_error(e, CS_EINPUT, "ofx", path, "libofx cannot read line %ld: %s", line, msg);
}

/* Read all of PATH ("-": standard input) into *BUF (allocated) and *N; at most
 * OFX_MAX_BYTES. */
static int read_all(const char *path, char **buf, size_t *n, struct cs_err *e)
{
    int is_stdin = !strcmp(path, "-");
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    size_t cap = 65536, len = 0, got;
    char *b;
    if (!fp)
        return cs_error(e, CS_EFAIL, "import", path, "cannot open: %s", strerror(errno));
    b = xmalloc(cap);
    while ((got = fread(b + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len > (size_t)OFX_MAX_BYTES) {
            if (!is_stdin)
                fclose(fp);
            free(b);
            return cs_error(e, CS_EINPUT, "ofx", path, "larger than %ld MiB", OFX_MAX_BYTES >> 20);
        }
        if (len == cap)
            b = xrealloc(b, cap *= 2);
    }
    if (ferror(fp)) {
        cs_error(e, CS_EFAIL, "import", path, "cannot read: %s", strerror(errno));
        if (!is_stdin)
            fclose(fp);
        free(b);
        return CS_EFAIL;
    }
    if (!is_stdin)
        fclose(fp);
    *buf = b;
    *n = len;
    return 0;
}

/* Write BUF[0..N) to a new private temporary file, its name into NAME (PATH_MAX bytes). */
static int write_temp(const char *buf, size_t n, char *name, size_t size, struct cs_err *e)
{
    const char *dir = getenv("TMPDIR");
    int fd;
    size_t off = 0;
    if (!dir || !dir[0])
        dir = "/tmp";
    snprintf(name, size, "%s/confspend-ofx-XXXXXX", dir);
    if ((fd = mkstemp(name)) < 0)
        return cs_error(e, CS_EFAIL, "ofx", name, "cannot make a temporary file: %s",
                        strerror(errno));
    tmpfiles_add(name);
    while (off < n) {
        ssize_t w = write(fd, buf + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            cs_error(e, CS_EFAIL, "ofx", name, "cannot write a temporary file: %s",
                     strerror(w < 0 ? errno : ENOSPC));
            close(fd);
            unlink(name);
            tmpfiles_forget(name);
            return CS_EFAIL;
        }
        off += (size_t)w;
    }
    if (close(fd) != 0) {
        cs_error(e, CS_EFAIL, "ofx", name, "cannot write a temporary file: %s", strerror(errno));
        unlink(name);
        tmpfiles_forget(name);
        return CS_EFAIL;
    }
    return 0;
}

int ofx_open(const char *path, struct src_reader *out, struct cs_err *e)
{
    struct scan s;
    struct lib_run lib = {0};
    struct ofx_reader *r = NULL;
    char *buf = NULL, tmp[4096], msg[256], w[160];
    size_t n = 0;
    long lib_line = 0;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&s, 0, sizeof s);
    if ((rc = read_all(path, &buf, &n, e)))
        return rc;
    /* libofx would end a value at a NUL byte and go on (a NAME cut short, silently): no
     * OFX file has one (UTF-16 is not OFX) */
    {
        const char *nul = memchr(buf, 0, n);
        if (nul) {
            snprintf(w, sizeof w, "line %ld", line_of(buf, nul - buf));
            rc = cs_error(e, CS_EINPUT, "ofx", path, "a NUL byte on %s: not an OFX text file", w);
            goto cleanup;
        }
    }
    scan_file(buf, n, &s);
    if (!s.saw_ofx) {
        rc = cs_error(e, CS_EINPUT, "ofx", path, "not an OFX or QFX file: no <OFX> element");
        goto cleanup;
    }
    if (s.invest) {
        rc = cs_error(e, CS_EINPUT, "ofx", path,
                      "an investment statement: import ofx reads bank and card statements");
        goto cleanup;
    }
    /* a STMTTRN cut short is named before the file's end is: it says more */
    for (long i = 0; i < s.n; i++)
        if ((rc = check_leaves(i + 1, &s.trn[i], s.saw_ofx_end, e)))
            goto cleanup;
    if (!s.saw_ofx_end) {
        rc = cs_error(e, CS_EINPUT, "ofx", path, "cut short: no </OFX> at its end");
        goto cleanup;
    }

    if ((rc = write_temp(buf, n, tmp, sizeof tmp, e)))
        goto cleanup;
    rc = run_libofx(tmp, &lib, msg, sizeof msg, &lib_line, e);
    unlink(tmp);
    tmpfiles_forget(tmp);
    if (rc == -2) {
        rc = CS_EFAIL;
        goto cleanup;
    }
    if (rc != 0) {
        rc = libofx_refused(path, buf, n, &s, lib_line, msg, e);
        goto cleanup;
    }
    if (lib.n != s.n) {
        long i = lib.n < s.n ? lib.n : s.n;
        if (i < s.n)
            rc = cs_error(e, CS_EINPUT,
                          where(w, sizeof w, i + 1, s.trn[i].leaf[LEAF_FITID], "STMTTRN"), NULL,
                          "libofx did not read it");
        else
            rc = cs_error(e, CS_EINPUT, "ofx", path,
                          "libofx read %ld transactions, the file has %ld STMTTRN", lib.n, s.n);
        goto cleanup;
    }

    r = calloc(1, sizeof *r);
    if (!r)
        die("out of memory");
    r->rows = calloc((size_t)(s.n ? s.n : 1), sizeof *r->rows);
    if (!r->rows)
        die("out of memory");
    for (long i = 0; i < s.n; i++, r->n++)
        if ((rc = make_row(i + 1, &s.trn[i], &lib.trn[i], &r->rows[i], e)))
            goto cleanup;
    out->self = r;
    out->next = reader_next;
    out->progress = reader_progress;
    out->size = (long long)n;
    out->release = reader_release;
    r = NULL;
    rc = 0;
cleanup:
    reader_release(r);
    scan_release(&s);
    free(lib.trn);
    free(buf);
    return rc;
}
