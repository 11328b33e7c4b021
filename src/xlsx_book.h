/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx_book.h - what the parts of the workbook module share (src/xlsx.c: the formats,
 * cells, Summary, Budget and Rides sheets and the export; src/xlsx_expenses.c: the
 * Expenses sheet and the thread that reads its rows; src/xlsx_verify.c: the zip read back
 * before the file is put in place). Private to the module (confspend-xlsx.so), whose
 * symbols are hidden but for its entry point. */
#ifndef CONFSPEND_XLSX_BOOK_H
#define CONFSPEND_XLSX_BOOK_H

#include <stdint.h>
#include <time.h>

#include <xlsxwriter.h>

#include "confspend/arena.h"
#include "confspend/expense.h"
#include "confspend/money.h"
#include "confspend/packet.h"
#include "confspend/period.h"

#define NCAT CS_NCATEGORIES
#define MAX_ROWS 1048576    /* rows in one worksheet */
#define EXCEL_1970 25569    /* the serial number of 1970-01-01 */
#define WIDTH_MAX 60        /* widest column the Expenses sheet sizes to its text */
#define URL_MAX 2079        /* Excel's longest hyperlink */
#define CELL_TEXT_MAX 32767 /* characters in one cell */
#define NSHEETS_MAX 5       /* Summary, Expenses, Receipts, Budget, Rides */
#define RCPT_ROWS 32        /* rows of one embedded receipt: its caption and the image */

/* The Expenses columns, in order (SPEC "Export", rev 2). */
enum {
    X_ID,
    X_DATE,
    X_CATEGORY,
    X_MERCHANT,
    X_NOTE,
    X_TRIP,
    X_AMOUNT,
    X_CURRENCY,
    X_RATE,
    X_BASE,
    X_TIP,
    X_REIMB,
    X_PAYMENT,
    X_RECEIPT,
    X_PROVIDER,
    X_FROM,
    X_TO,
    X_POLICY,
    X_NCOLS
};

static const char *const x_headers[X_NCOLS] = {
    "ID",   "Date",         "Category", "Merchant", "Description",
    "Trip", "Amount",       "Currency", "Rate",     "Amount in base currency",
    "Tip",  "Reimbursable", "Payment",  "Receipt",  "Provider",
    "From", "To",           "Policy"};

/* Column letters of the Expenses sheet, for formulas. */
static const char x_letters[X_NCOLS + 1] = "ABCDEFGHIJKLMNOPQR";

/* One stored receipt of the selected expenses, in the order of the Receipts sheet
 * (expense date and id, then receipt id), and the row it starts at there. */
struct xreceipt {
    int64_t id, expense_id, data_id, bytes;
    int type;   /* enum receipt_type, as stored */
    char *name; /* allocated */
    char sha256[65];
    lxw_row_t row; /* its caption's row in the Receipts sheet */
    int fd;        /* its image's file, open while the workbook is written, or -1 */
    int named;     /* its image is a named file in the scratch folder */
};

/* A policy finding of one expense (policy_scan()), its text without the "expense N: ". */
struct xfinding {
    int64_t expense_id;
    long order;
    int kind;
    uint32_t text; /* its name in book.find_text */
};

/* A day whose reimbursable meals are above meal-per-day: its meals show the finding. */
struct xday {
    long days;
    uint32_t text; /* its name in book.find_text */
};

/* A number format for amounts of one currency. */
struct cur_fmt {
    char code[4];
    lxw_format *fmt;
};

/* Everything the sheets share while the workbook is being written. */
struct book {
    sqlite3 *db;
    const char *today; /* YYYY-MM-DD */
    struct cs_err *err;
    const char *path; /* the target, for messages */
    lxw_workbook *wb;
    lxw_worksheet *summary, *expenses, *receipts, *budget, *rides; /* budget, rides NULL in a
                                                                    * reimbursable-only book */
    lxw_worksheet *sheets[NSHEETS_MAX];
    int nsheets;
    lxw_format *title, *bold, *head, *total_label, *date, *stamp, *pct, *whole, *rate, *line;
    lxw_format *head_num, *whole_total; /* a number column's header, a total count */
    lxw_format *wrap;
    struct packet_head ph; /* owner, department, trip, claim, base */
    int paper;             /* libxlsxwriter's paper: 1 letter, 9 A4 */
    const char *scratch;   /* the folder of temporary files beside the target */
    /* the stored receipts of the selection, by sheet order, and by expense (rcpt_by) */
    struct xreceipt *rcpt;
    long nrcpt;
    long *rcpt_by;
    /* the policy findings of the selection, by expense id (stable), and the days */
    struct xfinding *find;
    long nfind;
    struct xday *day;
    long nday;
    struct arena find_text; /* the findings' texts, one buffer */
    struct cur_fmt *curs;   /* one per currency seen, created on first use */
    int ncurs, last;
    char base[4];
    int base_digits;
    lxw_format *base_fmt, *base_total;
    const struct period *p;
    int reimbursable_only;
    int in_txn; /* 1 while the read transaction this module began is open */
    time_t now;
    /* the Expenses sheet: rows written and per-category sums in base minor units, summed
     * exactly while the rows are written (acc_*), then checked to fit (sums_finish()) */
    long nrows, nlinks;
    long count[NCAT];
    struct money_sum acc_total[NCAT], acc_reimb[NCAT], acc_sum, acc_sum_reimb;
    int64_t total[NCAT], reimb[NCAT];
    int64_t sum, sum_reimb;
    int width[X_NCOLS];
    char cat_name[NCAT][16]; /* the categories as the sheets name them ("Ride") */
};

static const double pow10_tab[] = {1.0, 10.0, 100.0, 1000.0, 10000.0};

/* the cells (xlsx.c) */
double cell_money(int64_t minor, int digits);
int lxw_fail(struct book *b, lxw_error err, const char *what);
lxw_format *new_format(struct book *b, const char *num_format, int bold);
void money_num_format(const char *code, int digits, char *buf, size_t n);
lxw_format *currency_format(struct book *b, const char *code, int digits);
int text_len(const char *s);
int put_text(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
             lxw_format *f, int64_t id);
int put_num(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f);
int put_formula(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *formula,
                lxw_format *f, double v);
int put_label(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
              lxw_format *f);

/* Write the Expenses sheet: every selected expense, summed per category into B. */
int write_expenses(struct book *b);

/* The Expenses sums as int64 (sums_finish()), or the error that they do not fit. */
int sums_too_large(struct book *b);
int sums_finish(struct book *b);

/* Read the zip at FD back: each sheet's member whole, its rows counted (SIZES). */
int verify_workbook(struct book *b, int fd, const long sizes[NSHEETS_MAX]);

/* Print setup of sheet WS (SPEC rev 2): landscape on the workbook's paper, one page wide
 * (any number tall), row REPEAT repeated at the top of every page (-1: none), the print
 * area A1:(LAST_ROW, LAST_COL), a "Page N of M" footer. */
void print_setup(struct book *b, lxw_worksheet *ws, long repeat, lxw_row_t last_row,
                 lxw_col_t last_col);

/* The Receipts sheet (xlsx_receipts.c): the selection's stored receipts loaded and placed
 * (receipts_load(), before the Expenses sheet links to them), then written. */
int receipts_load(struct book *b);
int write_receipts(struct book *b);
void receipts_release(struct book *b);
/* Remove the image files write_receipts() made in the scratch folder. */
void receipts_unlink(struct book *b);
/* The first receipt of expense ID, or NULL. */
const struct xreceipt *receipt_of(const struct book *b, int64_t id, long *count);

/* The policy findings of the selection (xlsx_receipts.c): policy_scan() once, kept by
 * expense; findings_text() joins an expense's (and its day's meals') into an allocated
 * string, NULL for none; *MISSING 1 when one is a missing receipt. */
int findings_load(struct book *b);
char *findings_text(const struct book *b, int64_t id, long days, int meal_reimb, int *missing);
void findings_release(struct book *b);

#endif
