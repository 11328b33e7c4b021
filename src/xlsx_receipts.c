/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx_receipts.c - the workbook's Receipts sheet (every JPEG and PNG receipt of the
 * selected expenses embedded, one printed page each; a PDF listed by name and SHA-256), and
 * the policy findings the Expenses sheet shows (SPEC "Export", rev 2).
 *
 * The receipts are loaded and placed before the Expenses sheet is written, so each expense
 * row can link to its receipt's row. An image's bytes go from the database (sqlite3_blob_read
 * in chunks, through the receipt sniffer again) to a file in the export's scratch folder,
 * which libxlsxwriter reads by name when it packs the zip: its buffer insertion keeps a copy
 * of every image in memory until the workbook closes (200 MB for 200 photos). */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confspend/arena.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/money.h"
#include "confspend/policy.h"
#include "confspend/receipt.h"

#include "xlsx_book.h"

/* The printed box an embedded receipt fits in, in pixels at 96 dpi (the width of column A,
 * and RCPT_ROWS - 1 rows of 20 pixels less a margin): it fits landscape letter and A4 with
 * the margins print_setup() sets. */
#define BOX_W 900.0
#define BOX_H 600.0
#define COL_A_WIDTH 130 /* characters: 915 pixels */

static int type_of(const char *s)
{
    if (!s)
        return RECEIPT_UNKNOWN;
    if (!strcmp(s, "jpeg"))
        return RECEIPT_JPEG;
    if (!strcmp(s, "png"))
        return RECEIPT_PNG;
    if (!strcmp(s, "pdf"))
        return RECEIPT_PDF;
    return RECEIPT_UNKNOWN;
}

static int is_image(int type)
{
    return type == RECEIPT_JPEG || type == RECEIPT_PNG;
}

/* The order of rcpt_by: expense id, then the sheet's order. */
static const struct xreceipt *sort_base;
static int by_expense(const void *pa, const void *pb)
{
    long ia = *(const long *)pa, ib = *(const long *)pb;
    const struct xreceipt *a = &sort_base[ia], *b = &sort_base[ib];
    if (a->expense_id != b->expense_id)
        return a->expense_id < b->expense_id ? -1 : 1;
    return ia < ib ? -1 : ia > ib;
}

/*
 * Load the stored receipts of the expenses the book selects, in the order of the Expenses
 * sheet (date, id) and then by receipt id, and give each its row in the Receipts sheet:
 * row 0 is the sheet's title; an image takes RCPT_ROWS rows and a page of its own
 * (write_receipts() breaks the page before it, unless it is the first, and before whatever
 * follows it); a PDF takes 4 rows (its caption, its name, its SHA-256, a blank row).
 */
int receipts_load(struct book *b)
{
    struct expense_filter f;
    sqlite3_stmt *st = NULL;
    char sql[1024];
    long cap = 0;
    lxw_row_t row = 1;
    int step;

    period_filter(b->p, &f);
    f.reimbursable_only = b->reimbursable_only;
    snprintf(sql, sizeof sql,
             "SELECT r.id, r.expense_id, r.data_id, d.bytes, d.type, r.name, d.sha256 "
             "FROM receipt r JOIN receipt_data d ON d.id = r.data_id "
             "JOIN expense e ON e.id = r.expense_id WHERE 1%s%s%s%s%s "
             "ORDER BY e.date, e.id, r.id",
             f.trip_id ? " AND e.trip_id = ?1" : "", *f.since ? " AND e.date >= ?2" : "",
             *f.before ? " AND e.date < ?3" : "",
             f.reimbursable_only ? " AND e.reimbursable = 1" : "",
             f.claim_id ? " AND e.id IN (SELECT expense_id FROM claim_expense WHERE claim_id = ?6)"
                        : "");
    if (db_prepare(b->db, sql, &st, b->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, f.trip_id);
    sqlite3_bind_text(st, 2, f.since, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f.before, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, f.claim_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct xreceipt *x;
        const char *name = (const char *)sqlite3_column_text(st, 5);
        const char *sha = (const char *)sqlite3_column_text(st, 6);
        if (b->nrcpt == cap) {
            cap = cap ? 2 * cap : 16;
            b->rcpt = xrealloc(b->rcpt, sizeof *b->rcpt * (size_t)cap);
        }
        x = &b->rcpt[b->nrcpt++];
        memset(x, 0, sizeof *x);
        x->fd = -1;
        x->id = sqlite3_column_int64(st, 0);
        x->expense_id = sqlite3_column_int64(st, 1);
        x->data_id = sqlite3_column_int64(st, 2);
        x->bytes = sqlite3_column_int64(st, 3);
        x->type = type_of((const char *)sqlite3_column_text(st, 4));
        x->name = xstrdup(name ? name : "");
        snprintf(x->sha256, sizeof x->sha256, "%s", sha ? sha : "");
        x->row = row;
        row += is_image(x->type) ? RCPT_ROWS : 4;
        if (row + RCPT_ROWS >= MAX_ROWS) {
            sqlite3_finalize(st);
            return cs_error(b->err, CS_EFAIL, "export", b->path,
                            "too many receipts for one worksheet; export a smaller period");
        }
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return db_fail(b->db, "cannot read the receipts", b->err);
    b->rcpt_by = xmalloc(sizeof *b->rcpt_by * (size_t)(b->nrcpt + 1));
    for (long i = 0; i < b->nrcpt; i++)
        b->rcpt_by[i] = i;
    sort_base = b->rcpt; /* one export at a time: the module runs once a command */
    if (b->nrcpt)
        qsort(b->rcpt_by, (size_t)b->nrcpt, sizeof *b->rcpt_by, by_expense);
    return 0;
}

const struct xreceipt *receipt_of(const struct book *b, int64_t id, long *count)
{
    long lo = 0, hi = b->nrcpt, first;
    *count = 0;
    while (lo < hi) { /* the first of expense ID's in rcpt_by */
        long mid = lo + (hi - lo) / 2;
        if (b->rcpt[b->rcpt_by[mid]].expense_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= b->nrcpt || b->rcpt[b->rcpt_by[lo]].expense_id != id)
        return NULL;
    first = lo;
    while (lo < b->nrcpt && b->rcpt[b->rcpt_by[lo]].expense_id == id)
        lo++;
    *count = lo - first;
    return &b->rcpt[b->rcpt_by[first]];
}

void receipts_release(struct book *b)
{
    for (long i = 0; i < b->nrcpt; i++) {
        free(b->rcpt[i].name);
        if (b->rcpt[i].fd >= 0)
            close(b->rcpt[i].fd);
    }
    free(b->rcpt);
    free(b->rcpt_by);
    b->rcpt = NULL;
    b->rcpt_by = NULL;
    b->nrcpt = 0;
}

/* The image file of receipt X in the scratch folder. */
static void image_path(const struct book *b, const struct xreceipt *x, char *buf, size_t n)
{
    snprintf(buf, n, "%s/receipt-%lld.%s", b->scratch, (long long)x->id,
             x->type == RECEIPT_PNG ? "png" : "jpg");
}

/*
 * A file for receipt X's image, open for writing in *FD, and the name libxlsxwriter reads
 * it by in PATH. Where /proc is there, a file with no name in the scratch folder
 * (O_TMPFILE, else made and unlinked at once), read as /proc/self/fd/N and kept open until
 * the workbook is written (receipts_release()): an interrupt leaves nothing, the folder
 * stays empty and goes with the export's other temporary files. Without /proc, or out of
 * descriptors, a named file in the scratch folder (receipts_unlink() removes it).
 */
static int image_open(struct book *b, struct xreceipt *x, int *fd, char *path, size_t n)
{
    char named[4096];
    image_path(b, x, named, sizeof named);
    *fd = -1;
    if (access("/proc/self/fd", X_OK) == 0) {
#ifdef O_TMPFILE
        *fd = open(b->scratch, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
        if (*fd < 0 && (*fd = open(named, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0)
            unlink(named);
        if (*fd >= 0) {
            x->fd = *fd;
            snprintf(path, n, "/proc/self/fd/%d", *fd);
            return 0;
        }
    }
    if ((*fd = open(named, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
        return cs_error(b->err, CS_EFAIL, "export", b->path, "cannot write a temporary file: %s",
                        strerror(errno));
    x->named = 1;
    snprintf(path, n, "%s", named);
    return 0;
}

/* Remove the named image files write_receipts() made (after workbook_close() read them). */
void receipts_unlink(struct book *b)
{
    char path[4096];
    if (!b->scratch)
        return;
    for (long i = 0; i < b->nrcpt; i++) {
        if (!b->rcpt[i].named)
            continue;
        image_path(b, &b->rcpt[i], path, sizeof path);
        unlink(path);
        b->rcpt[i].named = 0;
    }
}

/* The refusal of receipt X whose stored bytes are not the image it was stored as: a
 * database changed by hand (or damaged), which `receipt add` would have refused. */
static int damaged(struct book *b, const struct xreceipt *x, const struct cs_err *why)
{
    return cs_error(b->err, CS_EINPUT, "receipt", x->name,
                    "receipt %lld of expense %lld is damaged in the database (%s); remove it "
                    "with 'confspend receipt rm %lld'",
                    (long long)x->id, (long long)x->expense_id, *why->what ? why->what : "bad",
                    (long long)x->id);
}

/*
 * Copy receipt X's stored bytes to a file (image_open(); PATH gets the name libxlsxwriter
 * reads) through the sniffer: a blob that is not a whole JPEG or PNG of the stored type (a
 * hand-altered database) is refused, CS_EINPUT naming it, before libxlsxwriter sees it.
 */
static int blob_to_file(struct book *b, struct xreceipt *x, char *path, size_t pathn)
{
    enum { CHUNK = 1 << 16 };
    struct receipt_sniff sn;
    struct cs_err why = CS_ERR_INIT;
    sqlite3_blob *blob = NULL;
    unsigned char *buf = NULL;
    int fd = -1, size, rc = 0, type;

    /* (wherever they are kept: receipt_blob, or receipt_data for an old receipt) */
    if ((rc = receipt_bytes_open(b->db, x->data_id, &blob, b->err)))
        return rc;
    size = sqlite3_blob_bytes(blob);
    if ((rc = image_open(b, x, &fd, path, pathn)))
        goto out;
    buf = xmalloc(CHUNK);
    receipt_sniff_init(&sn);
    for (int off = 0; off < size && !rc;) {
        int k = size - off < CHUNK ? size - off : CHUNK;
        if (sqlite3_blob_read(blob, buf, k, off) != SQLITE_OK) {
            rc = db_fail(b->db, "cannot read a receipt", b->err);
            break;
        }
        receipt_sniff_feed(&sn, buf, (size_t)k);
        for (int w = 0; w < k && !rc;) {
            ssize_t n = write(fd, buf + w, (size_t)(k - w));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                rc = cs_error(b->err, CS_EFAIL, "export", b->path,
                              "cannot write a temporary file: %s", strerror(n < 0 ? errno : EIO));
            else
                w += (int)n;
        }
        off += k;
    }
    if (!rc) {
        type = receipt_sniff_end(&sn, x->name, NULL, NULL, &why);
        if (type < 0 || type != x->type) {
            if (type >= 0)
                snprintf(why.what, sizeof why.what, "a %s stored as a %s", receipt_type_name(type),
                         receipt_type_name(x->type));
            rc = damaged(b, x, &why);
        }
    }
out:
    /* a file with no name stays open for libxlsxwriter; a named one is closed */
    if (fd >= 0 && x->fd != fd && close(fd) != 0 && !rc)
        rc = cs_error(b->err, CS_EFAIL, "export", b->path, "cannot write a temporary file: %s",
                      strerror(errno));
    sqlite3_blob_close(blob);
    free(buf);
    return rc;
}

/* The caption of receipt X: "expense ID, DATE, MERCHANT, AMOUNT CUR" (the merchant as the
 * Expenses sheet names it; left out when there is none). */
static int caption(struct book *b, const struct xreceipt *x, char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (db_prepare(b->db,
                   "SELECT date, category, merchant, provider, amount, currency FROM expense "
                   "WHERE id = ?1",
                   &st, b->err))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, x->expense_id);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(st, 0);
        const char *cat = (const char *)sqlite3_column_text(st, 1);
        const char *cur = (const char *)sqlite3_column_text(st, 5);
        const char *m = packet_merchant(cat, (const char *)sqlite3_column_text(st, 2),
                                        (const char *)sqlite3_column_text(st, 3));
        int d = money_digits(cur ? cur : "");
        char amount[40];
        money_format(sqlite3_column_int64(st, 4), d < 0 ? 2 : d, amount, sizeof amount);
        snprintf(out, n, "expense %lld, %s, %s%s%s %s", (long long)x->expense_id, date ? date : "",
                 m ? m : "", m ? ", " : "", amount, cur ? cur : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(b->db, "cannot read a receipt's expense", b->err);
}

/*
 * Insert the image file PATH of receipt X at row R + 1, scaled to fit the printed box
 * (never enlarged): libxlsxwriter reads the image's size and resolution when it is
 * inserted and applies the scale when the workbook closes, so the scale is set from what
 * it read (96 dpi pixels = pixels * 96 / dpi).
 */
static int insert_image(struct book *b, const struct xreceipt *x, const char *path, lxw_row_t r)
{
    lxw_image_options opt = {.x_offset = 0,
                             .y_offset = 4,
                             .x_scale = 1,
                             .y_scale = 1,
                             .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    lxw_object_properties *o;
    lxw_error err;
    char desc[300];
    double w, h, s;
    snprintf(desc, sizeof desc, "receipt %lld: %s", (long long)x->id, x->name);
    opt.description = desc;
    err = worksheet_insert_image_opt(b->receipts, r + 1, 0, path, &opt);
    if (err) {
        struct cs_err why = CS_ERR_INIT;
        snprintf(why.what, sizeof why.what, "%s", lxw_strerror(err));
        return damaged(b, x, &why);
    }
    o = NULL; /* the one just inserted: the list's last */
    for (lxw_object_properties *i = STAILQ_FIRST(b->receipts->image_props); i;
         i = STAILQ_NEXT(i, list_pointers))
        o = i;
    if (!o)
        return lxw_fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "cannot add an image");
    w = o->width * 96.0 / (o->x_dpi > 0 ? o->x_dpi : 96.0);
    h = o->height * 96.0 / (o->y_dpi > 0 ? o->y_dpi : 96.0);
    s = 1.0;
    if (w > 0 && BOX_W / w < s)
        s = BOX_W / w;
    if (h > 0 && BOX_H / h < s)
        s = BOX_H / h;
    o->x_scale = o->y_scale = s;
    return 0;
}

/*
 * The Receipts sheet at the rows receipts_load() gave: a title row (repeated on every
 * page), then per receipt its caption in bold and the image below it, or for a PDF its
 * name and SHA-256; a page break before each image and after it.
 */
int write_receipts(struct book *b)
{
    lxw_worksheet *ws = b->receipts;
    lxw_row_t breaks[LXW_BREAKS_MAX + 1];
    int nbreaks = 0, rc, prev_image = 0;
    char title[160], cap[8400], path[4096], *line;
    lxw_row_t last = 1;

    worksheet_set_column(ws, 0, 0, COL_A_WIDTH, NULL);
    snprintf(title, sizeof title, "Receipts (%s)", b->p->label);
    if ((rc = put_label(b, ws, 0, 0, title, b->bold)))
        return rc;
    if (b->nrcpt == 0) {
        rc = put_label(b, ws, 1, 0, "No stored receipts for these expenses.", NULL);
        print_setup(b, ws, 0, 1, 0);
        return rc;
    }
    for (long i = 0; i < b->nrcpt; i++) {
        struct xreceipt *x = &b->rcpt[i];
        if ((rc = caption(b, x, cap, sizeof cap)))
            return rc;
        if ((is_image(x->type) && x->row > 1) || prev_image) {
            if (nbreaks < LXW_BREAKS_MAX)
                breaks[nbreaks++] = x->row; /* the new page starts at the caption */
        }
        if ((rc = put_text(b, ws, x->row, 0, cap, b->bold, 0)))
            return rc;
        if (is_image(x->type)) {
            if ((rc = blob_to_file(b, x, path, sizeof path)) ||
                (rc = insert_image(b, x, path, x->row)))
                return rc;
            last = x->row + RCPT_ROWS - 1;
        } else {
            size_t n = strlen(x->name) + 256;
            line = xmalloc(n);
            snprintf(line, n,
                     "PDF receipt %s (%lld bytes): not embedded, a workbook cannot hold a PDF "
                     "('confspend export pdf' does)",
                     x->name, (long long)x->bytes);
            rc = put_text(b, ws, x->row + 1, 0, line, NULL, 0);
            if (!rc) {
                snprintf(line, n, "SHA-256 %s", x->sha256);
                rc = put_text(b, ws, x->row + 2, 0, line, NULL, 0);
            }
            free(line);
            if (rc)
                return rc;
            last = x->row + 2;
        }
        prev_image = is_image(x->type);
    }
    breaks[nbreaks] = 0;
    if (nbreaks && worksheet_set_h_pagebreaks(ws, breaks))
        return cs_error(b->err, CS_EFAIL, "export", b->path, "cannot set the page breaks");
    print_setup(b, ws, 0, last, 0);
    return 0;
}

/* --- policy findings ------------------------------------------------------------------ */

struct find_acc {
    struct book *b;
    long cap, dcap;
};

static int take_finding(const struct policy_finding *pf, void *arg)
{
    struct find_acc *a = arg;
    struct book *b = a->b;
    const char *text = pf->line, *colon = strstr(pf->line, ": ");
    if (colon)
        text = colon + 2; /* "expense 12: no receipt ..." -> "no receipt ..." */
    if (pf->kind == POLICY_MEALS) {
        struct cs_date d;
        if (date_parse(pf->date, &d, "date", NULL))
            return 0;
        if (b->nday == a->dcap) {
            a->dcap = a->dcap ? 2 * a->dcap : 8;
            b->day = xrealloc(b->day, sizeof *b->day * (size_t)a->dcap);
        }
        b->day[b->nday].days = date_to_days(d);
        b->day[b->nday++].text = arena_put(&b->find_text, text, strlen(text));
        return 0;
    }
    if (b->nfind == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 16;
        b->find = xrealloc(b->find, sizeof *b->find * (size_t)a->cap);
    }
    b->find[b->nfind] = (struct xfinding){pf->expense_id, b->nfind, pf->kind,
                                          arena_put(&b->find_text, text, strlen(text))};
    b->nfind++;
    return 0;
}

static int by_id(const void *pa, const void *pb)
{
    const struct xfinding *a = pa, *b = pb;
    if (a->expense_id != b->expense_id)
        return a->expense_id < b->expense_id ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

int findings_load(struct book *b)
{
    struct expense_filter f;
    struct find_acc a = {b, 0, 0};
    const char *at = b->today;
    int n;
    /* a submitted claim is judged as of the day it was submitted, anything else today */
    if (b->ph.claim.id && *b->ph.claim.submitted)
        at = b->ph.claim.submitted;
    period_filter(b->p, &f);
    f.reimbursable_only = b->reimbursable_only;
    if (policy_scan(b->db, &f, at, take_finding, &a, &n, b->err))
        return CS_EFAIL;
    if (b->nfind)
        qsort(b->find, (size_t)b->nfind, sizeof *b->find, by_id);
    return 0;
}

char *findings_text(const struct book *b, int64_t id, long days, int meal_reimb, int *missing)
{
    long lo = 0, hi = b->nfind;
    size_t len = 0;
    char *out = NULL;
    *missing = 0;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (b->find[mid].expense_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (long i = lo; i < b->nfind + b->nday; i++) {
        const char *t;
        size_t tl;
        if (i < b->nfind) {
            if (b->find[i].expense_id != id) {
                i = b->nfind - 1; /* on to the days */
                continue;
            }
            t = arena_at(&b->find_text, b->find[i].text);
            *missing |= b->find[i].kind == POLICY_RECEIPT;
        } else {
            if (!meal_reimb || b->day[i - b->nfind].days != days)
                continue;
            t = arena_at(&b->find_text, b->day[i - b->nfind].text);
        }
        tl = strlen(t);
        out = xrealloc(out, len + tl + 3);
        if (len) {
            memcpy(out + len, "; ", 2);
            len += 2;
        }
        memcpy(out + len, t, tl + 1);
        len += tl;
    }
    return out;
}

void findings_release(struct book *b)
{
    free(b->find);
    free(b->day);
    arena_release(&b->find_text);
    b->find = NULL;
    b->day = NULL;
    b->nfind = b->nday = 0;
}
