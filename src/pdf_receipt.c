/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf_receipt.c - the packet's receipt pages: each stored receipt read from the database
 * with SQLite's incremental blob I/O, checked again by the receipt sniffer (a hand-altered
 * database may hold anything), and drawn under its caption:
 * - a JPEG is embedded as the JPEG it is: its bytes become the CAIRO_MIME_TYPE_JPEG data
 *   of a 1x1 image surface, scaled to the image's place on the page. cairo's PDF backend
 *   writes the mime data as a /DCTDecode image and reads its size from the JPEG itself;
 *   it never looks at the surface's pixels, so no JPEG is decoded (a 12-megapixel photo
 *   would be a 48 MB surface, and the page's recording would copy it once more). The
 *   SHA-256 is its CAIRO_MIME_TYPE_UNIQUE_ID, so the same bytes on two expenses are
 *   embedded once;
 * - a PNG is decoded by cairo's PNG reader straight from the blob (its header checked
 *   first, so a PNG claiming 100000x100000 pixels is never decoded);
 * - every page of a PDF receipt is drawn by poppler onto a page of its own as vectors
 *   (poppler_page_render() onto the PDF surface: nothing is rasterised). */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <poppler.h>

#include "confspend/db.h"
#include "confspend/receipt.h"

#include "pdf_packet.h"

#define CHUNK (256 * 1024)

/* The receipt R cannot go in the packet: CS_EINPUT naming it, its expense and WHY. */
static int bad_receipt(struct packet *k, const struct pk_receipt *r, const char *why)
{
    if (!r->id) /* pdf_receipt_check(): the file being stored */
        return cs_error(k->e, CS_EINPUT, "receipt", r->name, "%s", why);
    return cs_error(k->e, CS_EINPUT, "receipt", r->name,
                    "receipt %lld of expense %lld cannot go in the packet: %s", (long long)r->id,
                    (long long)r->expense_id, why);
}

/* Open R's stored bytes for reading; *SIZE gets their length (1 .. RECEIPT_MAX_BYTES). */
static int blob_open(struct packet *k, const struct pk_receipt *r, sqlite3_blob **b, int *size)
{
    int rc;
    *b = NULL;
    /* (wherever they are kept: receipt_blob, or receipt_data for an old receipt) */
    if ((rc = receipt_bytes_open(k->db, r->data_id, b, k->e)))
        return rc;
    *size = sqlite3_blob_bytes(*b);
    if (*size <= 0 || *size > RECEIPT_MAX_BYTES) {
        sqlite3_blob_close(*b);
        *b = NULL;
        return bad_receipt(k, r,
                           *size <= 0 ? "its stored bytes are empty"
                                      : "its stored bytes are larger than 25 MiB");
    }
    return 0;
}

/* Check the sniffer's verdict on R's bytes: the type it is stored as, sound. WIDTH and
 * HEIGHT get an image's size. */
static int sniff_verdict(struct packet *k, const struct pk_receipt *r,
                         const struct receipt_sniff *s, long *width, long *height)
{
    struct cs_err sub = CS_ERR_INIT;
    char why[300];
    int type = receipt_sniff_end(s, r->name, width, height, &sub);
    if (type < 0)
        return bad_receipt(k, r, sub.what);
    if (type != r->type) {
        snprintf(why, sizeof why, "its bytes are a %s, not the %s it is stored as",
                 receipt_type_name(type), receipt_type_name(r->type));
        return bad_receipt(k, r, why);
    }
    return 0;
}

/* R's bytes whole, read once in chunks and sniffed as they come: *OUT (allocated, *N
 * bytes). For a JPEG (embedded as it is) and a PDF (poppler reads it from memory). */
static int read_whole(struct packet *k, const struct pk_receipt *r, unsigned char **out, size_t *n,
                      long *width, long *height)
{
    struct receipt_sniff s;
    sqlite3_blob *b;
    unsigned char *buf;
    int size, rc;
    *out = NULL;
    *n = 0;
    if ((rc = blob_open(k, r, &b, &size)))
        return rc;
    buf = xmalloc((unsigned long)size);
    receipt_sniff_init(&s);
    for (int off = 0; off < size;) {
        int c = size - off < CHUNK ? size - off : CHUNK;
        if (sqlite3_blob_read(b, buf + off, c, off) != SQLITE_OK) {
            rc = db_fail(k->db, "cannot read the receipt", k->e);
            sqlite3_blob_close(b);
            free(buf);
            return rc;
        }
        receipt_sniff_feed(&s, buf + off, (size_t)c);
        off += c;
    }
    sqlite3_blob_close(b);
    if ((rc = sniff_verdict(k, r, &s, width, height))) {
        free(buf);
        return rc;
    }
    *out = buf;
    *n = (size_t)size;
    return 0;
}

/* R's bytes through the sniffer in chunks, never held whole (a PNG, before cairo decodes
 * it from the blob). */
static int sniff_stream(struct packet *k, const struct pk_receipt *r, long *width, long *height)
{
    struct receipt_sniff s;
    sqlite3_blob *b;
    unsigned char *buf;
    int size, rc = 0;
    if ((rc = blob_open(k, r, &b, &size)))
        return rc;
    buf = xmalloc(CHUNK);
    receipt_sniff_init(&s);
    for (int off = 0; off < size && !rc;) {
        int c = size - off < CHUNK ? size - off : CHUNK;
        if (sqlite3_blob_read(b, buf, c, off) != SQLITE_OK)
            rc = db_fail(k->db, "cannot read the receipt", k->e);
        else
            receipt_sniff_feed(&s, buf, (size_t)c);
        off += c;
    }
    sqlite3_blob_close(b);
    free(buf);
    return rc ? rc : sniff_verdict(k, r, &s, width, height);
}

/* R (a PDF) opened by poppler from its bytes, read once (the document keeps them). */
static int pdf_open(struct packet *k, const struct pk_receipt *r, PopplerDocument **doc)
{
    unsigned char *buf;
    size_t n;
    GBytes *bytes;
    GError *err = NULL;
    char why[300];
    int rc, quiet;
    *doc = NULL;
    if ((rc = read_whole(k, r, &buf, &n, NULL, NULL)))
        return rc;
    bytes = g_bytes_new_with_free_func(buf, n, free, buf);
    quiet = stderr_quiet_begin();
    *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    stderr_quiet_end(quiet);
    g_bytes_unref(bytes);
    if (!*doc) {
        snprintf(why, sizeof why, "not a PDF poppler can open (%s)",
                 err && err->message ? err->message : "no reason given");
        g_clear_error(&err);
        return bad_receipt(k, r, why);
    }
    if (poppler_document_get_n_pages(*doc) < 1) {
        g_object_unref(*doc);
        *doc = NULL;
        return bad_receipt(k, r, "a PDF without pages");
    }
    return 0;
}

int pk_receipts_count(struct packet *k)
{
    for (size_t i = 0; i < k->nrc; i++) {
        struct pk_receipt *r = &k->rc[i];
        PopplerDocument *doc;
        int rc;
        r->pages = 1;
        if (r->type == RECEIPT_UNKNOWN)
            return bad_receipt(k, r, "its stored type is not jpeg, png or pdf");
        if (r->type != RECEIPT_PDF)
            continue; /* an image takes one page; its bytes are checked when it is drawn */
        if ((rc = pdf_open(k, r, &doc)))
            return rc;
        r->pages = poppler_document_get_n_pages(doc);
        g_object_unref(doc);
    }
    return 0;
}

/* The caption of R's page (SUB of NSUB for a PDF receipt's pages): the line `expense ID,
 * DATE, MERCHANT, AMOUNT CUR`, and under it which receipt this is. Returns where the
 * receipt's own area begins. */
static double caption(struct packet *k, const struct pk_receipt *r, long sub, long nsub)
{
    const struct pk_row *row = &k->rows[r->row];
    double w = k->pw - 2 * PK_MARGIN, y = PK_TOP;
    char *name = text_show(r->name), *line;
    size_t n = strlen(name) + 160;
    line = xmalloc(n);
    if (nsub > 1)
        snprintf(line, n, "receipt %lld: %s (%s, %lld bytes), page %ld of %ld", (long long)r->id,
                 name, receipt_type_name(r->type), (long long)r->bytes, sub, nsub);
    else
        snprintf(line, n, "receipt %lld: %s (%s, %lld bytes)", (long long)r->id, name,
                 receipt_type_name(r->type), (long long)r->bytes);
    y += pk_text(k, row->caption, k->f_caption, PK_MARGIN, y, w, 0, 3, 1) + 2;
    cairo_set_source_rgb(k->cr, 0.3, 0.3, 0.3);
    y += pk_text(k, line, k->f_small, PK_MARGIN, y, w, 0, 3, 1) + 10;
    cairo_set_source_rgb(k->cr, 0, 0, 0);
    free(line);
    free(name);
    return y;
}

/* Set up the page's transformation so that a W x H box (a receipt, in its own units)
 * fills the area from Y0 down, as large as fits, centred across. */
static void fit(struct packet *k, double y0, double w, double h)
{
    double aw = k->pw - 2 * PK_MARGIN, ah = k->ph - PK_BOTTOM - y0, s;
    s = fmin(aw / w, ah / h);
    cairo_translate(k->cr, PK_MARGIN + (aw - w * s) / 2, y0);
    cairo_scale(k->cr, s, s);
}

/* The page's end: its footer and the next page. */
static void end_page(struct packet *k, long *page)
{
    pk_footer(k, ++*page);
    cairo_show_page(k->cr);
}

/* The components and bits of the JPEG's frame header (SOFn) in P[0..N): 0, or -1 when
 * there is none before the first scan (the sniffer has walked these segments already). */
static int jpeg_frame(const unsigned char *p, size_t n, int *comps, int *bits)
{
    size_t i = 2;
    while (i + 4 <= n) {
        int m;
        size_t len;
        if (p[i] != 0xFF)
            return -1;
        m = p[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2;
            continue;
        }
        len = (size_t)p[i + 2] << 8 | p[i + 3];
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (i + 10 > n)
                return -1;
            *bits = p[i + 4];
            *comps = p[i + 9];
            return 0;
        }
        if (m == 0xDA || len < 2)
            return -1;
        i += 2 + len;
    }
    return -1;
}

static int draw_jpeg(struct packet *k, const struct pk_receipt *r, long *page)
{
    unsigned char *buf;
    size_t n;
    long w = 0, h = 0;
    int comps = 0, bits = 0, rc;
    cairo_surface_t *img;
    char *uid, why[200];
    double y0;
    if ((rc = read_whole(k, r, &buf, &n, &w, &h)))
        return rc;
    if (jpeg_frame(buf, n, &comps, &bits) || (comps != 1 && comps != 3) || bits != 8 || w <= 0 ||
        h <= 0) {
        free(buf);
        snprintf(why, sizeof why,
                 "a JPEG of %d components at %d bits, which a PDF cannot hold as it is (save "
                 "it as an 8-bit RGB or grey JPEG and attach that)",
                 comps, bits);
        return bad_receipt(k, r, why);
    }
    img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    uid = xstrdup(r->sha256);
    if (cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, buf, n, free, buf) !=
        CAIRO_STATUS_SUCCESS) {
        free(buf);
        free(uid);
        cairo_surface_destroy(img);
        return cs_error(k->e, CS_EFAIL, "export", k->path, "cannot embed receipt %lld",
                        (long long)r->id);
    }
    if (cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_UNIQUE_ID, (unsigned char *)uid,
                                    strlen(uid), free, uid) != CAIRO_STATUS_SUCCESS)
        free(uid);
    y0 = caption(k, r, 1, 1);
    cairo_save(k->cr);
    fit(k, y0, (double)w, (double)h);
    cairo_scale(k->cr, (double)w, (double)h); /* the 1x1 surface stands for the w x h image */
    cairo_set_source_surface(k->cr, img, 0, 0);
    cairo_paint(k->cr);
    cairo_restore(k->cr);
    cairo_surface_destroy(img); /* the page holds it until the page is written */
    end_page(k, page);
    return 0;
}

/* cairo's PNG reader over a receipt's blob. */
struct blob_reader {
    sqlite3_blob *b;
    int off, size;
};

static cairo_status_t blob_read(void *closure, unsigned char *data, unsigned int len)
{
    struct blob_reader *br = closure;
    if (len > (unsigned)(br->size - br->off) ||
        sqlite3_blob_read(br->b, data, (int)len, br->off) != SQLITE_OK)
        return CAIRO_STATUS_READ_ERROR;
    br->off += (int)len;
    return CAIRO_STATUS_SUCCESS;
}

static int draw_png(struct packet *k, const struct pk_receipt *r, long *page)
{
    struct blob_reader br = {NULL, 0, 0};
    cairo_surface_t *img;
    cairo_status_t st;
    long w = 0, h = 0;
    char why[200], *uid;
    double y0;
    int rc;
    if ((rc = sniff_stream(k, r, &w, &h)) || (rc = blob_open(k, r, &br.b, &br.size)))
        return rc;
    img = cairo_image_surface_create_from_png_stream(blob_read, &br);
    sqlite3_blob_close(br.b);
    if ((st = cairo_surface_status(img)) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        /* cairo 1.16 names most of libpng's errors "out of memory": not what happened */
        if (st == CAIRO_STATUS_NO_MEMORY || st == CAIRO_STATUS_READ_ERROR)
            return bad_receipt(k, r, "a PNG whose pixels cannot be decoded");
        snprintf(why, sizeof why, "a PNG cairo cannot read (%s)", cairo_status_to_string(st));
        return bad_receipt(k, r, why);
    }
    w = cairo_image_surface_get_width(img);
    h = cairo_image_surface_get_height(img);
    uid = xstrdup(r->sha256);
    if (cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_UNIQUE_ID, (unsigned char *)uid,
                                    strlen(uid), free, uid) != CAIRO_STATUS_SUCCESS)
        free(uid);
    y0 = caption(k, r, 1, 1);
    cairo_save(k->cr);
    fit(k, y0, (double)w, (double)h);
    cairo_set_source_surface(k->cr, img, 0, 0);
    cairo_paint(k->cr);
    cairo_restore(k->cr);
    cairo_surface_destroy(img);
    end_page(k, page);
    return 0;
}

static int draw_pdf(struct packet *k, const struct pk_receipt *r, long *page)
{
    PopplerDocument *doc;
    int rc, n;
    if ((rc = pdf_open(k, r, &doc)))
        return rc;
    n = poppler_document_get_n_pages(doc);
    if (n != r->pages) { /* the same bytes in the same read transaction: cannot happen */
        g_object_unref(doc);
        return bad_receipt(k, r, "its pages changed while the packet was made");
    }
    for (int i = 0; i < n; i++) {
        PopplerPage *pg = poppler_document_get_page(doc, i);
        double w = 0, h = 0, y0;
        int quiet;
        char why[80];
        if (!pg) {
            g_object_unref(doc);
            snprintf(why, sizeof why, "poppler cannot read its page %d", i + 1);
            return bad_receipt(k, r, why);
        }
        poppler_page_get_size(pg, &w, &h);
        if (!(w >= 1 && h >= 1 && w <= 1e6 && h <= 1e6)) { /* a damaged MediaBox */
            w = k->pw;
            h = k->ph;
        }
        y0 = caption(k, r, i + 1, n);
        cairo_save(k->cr);
        fit(k, y0, w, h);
        cairo_rectangle(k->cr, 0, 0, w, h);
        cairo_clip(k->cr);
        quiet = stderr_quiet_begin();
        poppler_page_render(pg, k->cr);
        stderr_quiet_end(quiet);
        cairo_restore(k->cr);
        g_object_unref(pg);
        if (cairo_status(k->cr) != CAIRO_STATUS_SUCCESS) {
            g_object_unref(doc);
            snprintf(why, sizeof why, "its page %d cannot be drawn (%s)", i + 1,
                     cairo_status_to_string(cairo_status(k->cr)));
            return bad_receipt(k, r, why);
        }
        end_page(k, page);
    }
    g_object_unref(doc);
    return 0;
}

int pk_receipts_draw(struct packet *k, long *page)
{
    for (size_t i = 0; i < k->nrc; i++) {
        const struct pk_receipt *r = &k->rc[i];
        int rc = r->type == RECEIPT_JPEG  ? draw_jpeg(k, r, page)
                 : r->type == RECEIPT_PNG ? draw_png(k, r, page)
                                          : draw_pdf(k, r, page);
        if (rc)
            return rc;
    }
    return 0;
}

__attribute__((visibility("default"))) int confspend_pdf_receipt_check(sqlite3 *db, int64_t data_id,
                                                                       int type, const char *file,
                                                                       struct cs_err *e);
int confspend_pdf_receipt_check(sqlite3 *db, int64_t data_id, int type, const char *file,
                                struct cs_err *e)
{
    struct packet k;
    struct pk_receipt r;
    int rc = 0;
    memset(&k, 0, sizeof k);
    memset(&r, 0, sizeof r);
    k.db = db;
    k.e = e;
    r.data_id = data_id;
    r.type = type;
    r.name = (char *)file;
    if (type == RECEIPT_PNG) {
        struct blob_reader br = {NULL, 0, 0};
        cairo_surface_t *img;
        cairo_status_t st;
        char why[200];
        if ((rc = blob_open(&k, &r, &br.b, &br.size)))
            return rc;
        img = cairo_image_surface_create_from_png_stream(blob_read, &br);
        sqlite3_blob_close(br.b);
        st = cairo_surface_status(img);
        cairo_surface_destroy(img);
        if (st == CAIRO_STATUS_NO_MEMORY || st == CAIRO_STATUS_READ_ERROR)
            return bad_receipt(&k, &r, "a PNG whose pixels cannot be decoded");
        if (st != CAIRO_STATUS_SUCCESS) {
            snprintf(why, sizeof why, "a PNG cairo cannot read (%s)", cairo_status_to_string(st));
            return bad_receipt(&k, &r, why);
        }
    } else if (type == RECEIPT_PDF) {
        PopplerDocument *doc;
        if ((rc = pdf_open(&k, &r, &doc)))
            return rc;
        g_object_unref(doc);
    }
    return 0;
}
