/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf_packet.h - what the parts of the packet module share (src/pdf.c: the expenses, the
 * report's layout and the export; src/pdf_receipt.c: the receipts' bytes and pages).
 * Private to the module (confspend-pdf.so), whose symbols are hidden but its entry point. */
#ifndef CONFSPEND_PDF_PACKET_H
#define CONFSPEND_PDF_PACKET_H

#include <stdint.h>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>

#include "confspend/error.h"
#include "confspend/expense.h"
#include "confspend/packet.h"
#include "confspend/period.h"

/* One stored receipt of a selected expense, in the order the packet shows them. */
struct pk_receipt {
    int64_t id, expense_id, data_id, bytes;
    int type; /* enum receipt_type, as stored */
    char sha256[65];
    char *name;      /* the file's own name (allocated) */
    size_t row;      /* its expense's index in packet.rows */
    long pages;      /* the pages it takes: 1 for an image, a PDF's page count */
    long first_page; /* its first page in the packet (1-based), once laid out */
};

/* One expense as the table shows it; texts allocated and shown safe (text_show()). */
struct pk_row {
    int64_t id, amount, conv; /* conv: the amount in base minor units */
    char date[11], category[16], currency[4];
    int digits, reimb;
    char *merchant, *desc; /* NULL when empty */
    char *receipt;         /* the Receipt cell (names and pages), NULL for none */
    char *caption;         /* `expense ID, DATE, MERCHANT, AMOUNT CUR` */
    size_t first_receipt;  /* its receipts: packet.rc[first_receipt ..] */
    size_t nreceipts;
};

/* The packet being made. */
struct packet {
    sqlite3 *db;
    struct cs_err *e;
    const char *path; /* the target, for messages */
    const struct period *p;
    int reimbursable_only;
    struct packet_head head;
    char paper[8];
    double pw, ph; /* the page, in points */
    char made[24]; /* "YYYY-MM-DD HH:MM UTC" */
    struct pk_row *rows;
    size_t nrows;
    struct pk_receipt *rc;
    size_t nrc;
    /* the totals per category in base minor units, and over all */
    long count[CS_NCATEGORIES];
    int64_t total[CS_NCATEGORIES], reimb[CS_NCATEGORIES], sum, sum_reimb;
    /* pages */
    long report_pages, pages;
    cairo_t *cr;
    PangoFontDescription *f_text, *f_bold, *f_title, *f_small, *f_cell, *f_cell_bold, *f_caption;
};

/* The page's margins, in points. */
#define PK_MARGIN 36.0
#define PK_TOP 46.0
#define PK_BOTTOM 54.0

/* Draw TEXT (UTF-8, shown as it is) with FONT at X, Y, WIDTH wide (wrapped; 0: one
 * line), aligned left (ALIGN 0), right (1) or centred (2). Returns its height; with DRAW 0
 * it only measures. At most MAXLINES lines (0: any), the last ending in an ellipsis. */
double pk_text(struct packet *k, const char *text, PangoFontDescription *font, double x, double y,
               double width, int align, int maxlines, int draw);

/* The footer `Page N of M` of page N (drawn at the bottom of the current page). */
void pk_footer(struct packet *k, long n);

/* The receipts' page counts (1 for an image; a PDF receipt is opened and its pages
 * counted), so the report can say where each one is: fills rc[i].pages. A receipt whose
 * stored bytes are damaged is CS_EINPUT naming it. */
int pk_receipts_count(struct packet *k);

/* Draw every receipt's page(s) from page *PAGE + 1 on (*PAGE is the last page drawn),
 * each with its caption and footer. */
int pk_receipts_draw(struct packet *k, long *page);

#endif
