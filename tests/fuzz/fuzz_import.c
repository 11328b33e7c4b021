/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_import.c - import csv's generic profile on any file: the CSV reader, the header,
 * and each row turned into an expense.
 *
 * Input: a selector byte, then the file. Selector bit 0 is --decimal-comma, bits 1-2 the
 * separator (, ; TAB |). The first record is the header; the next 64 records are rows.
 * Each row goes through import_row_trip, then import_row, as cmd_import.c does.
 * Invariants: refusals are CS_EINPUT with a one-line message; an accepted row is an
 * expense `add` could have made (a known category and currency, a real date, UTF-8 text of
 * at most 4096 bytes, expense_check holds); its fingerprint is stable; and written back as
 * `export csv` writes it (entry_cells, the formula guard on text) it imports as the same
 * expense: the same fingerprint, so a re-import of an export adds nothing twice. */
#include <stdint.h>

#include "confspend/args.h"
#include "confspend/csv.h"
#include "confspend/date.h"
#include "confspend/entry.h"
#include "confspend/import.h"
#include "confspend/money.h"
#include "confspend/trip.h"
#include "fuzz.h"

#define MAX_ROWS 64

static void check_text(const char *s)
{
    struct cs_err e = CS_ERR_INIT;
    if (!s)
        return;
    FUZZ_CHECK(text_check(s, "t", &e) == 0);
    FUZZ_CHECK(strlen(s) <= 4096);
}

/* X's cells as export csv writes them (numbers bare, text guarded), imported again. */
static void check_export_roundtrip(const struct expense *x, const unsigned char fp[16])
{
    struct entry_cells c;
    struct import_header h;
    struct expense y;
    struct cs_err e = CS_ERR_INIT;
    char *cells[FULL_NCOLS];
    char *names[FULL_NCOLS];
    unsigned char fp2[16];
    for (int i = 0; i < FULL_NCOLS; i++)
        names[i] = (char *)entry_columns[i];
    FUZZ_CHECK(import_header_parse(names, FULL_NCOLS, &h, &e) == 0);
    entry_cells(x, &c);
    for (int i = 0; i < FULL_NCOLS; i++) {
        const char *s = c.cells[i];
        int numeric = i == IMP_ID || i == IMP_AMOUNT || i == IMP_TIP || i == IMP_PLATFORM_FEE ||
                      i == IMP_NIGHTS || i == IMP_COMPARE_RATE;
        size_t n = strlen(s);
        cells[i] = malloc(n + 2);
        if (!numeric && csv_guard_needed(s)) {
            cells[i][0] = '\'';
            memcpy(cells[i] + 1, s, n + 1);
        } else {
            memcpy(cells[i], s, n + 1);
        }
    }
    if (import_row(&h, cells, FULL_NCOLS, 2, "USD", 0, &y, &e) != 0) {
        fprintf(stderr, "re-import refused: %s\n", e.msg);
        FUZZ_CHECK(!"an exported row imports again");
    }
    import_fingerprint(&y, fp2);
    FUZZ_CHECK(!memcmp(fp, fp2, 16));
    FUZZ_CHECK(y.amount == x->amount && !strcmp(y.currency, x->currency));
    FUZZ_CHECK(!strcmp(y.uid, x->uid));
    for (int i = 0; i < FULL_NCOLS; i++)
        free(cells[i]);
}

static void check_row(const struct import_header *h, struct csv_reader *r, int decimal_comma)
{
    struct cs_err e = CS_ERR_INIT;
    struct expense x;
    const char *slug = (const char *)1;
    char date[11];
    unsigned char fp[16], fp2[16];
    char key[IMPORT_KEY_SIZE];
    struct cs_date d;
    /* cmd_import asks for the trip first and reads the row only when that worked */
    int rc = import_row_trip(h, r->fields, r->nfields, r->line, &slug, date, &e);
    if (rc) {
        FUZZ_CHECK(rc == CS_EINPUT);
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    FUZZ_CHECK(date_parse(date, &d, "d", NULL) == 0);
    FUZZ_CHECK(!slug || trip_slug_valid(slug));
    rc = import_row(h, r->fields, r->nfields, r->line, "USD", decimal_comma, &x, &e);
    if (rc) {
        FUZZ_CHECK(rc == CS_EINPUT);
        fuzz_check_err(&e, CS_EINPUT);
        return;
    }
    FUZZ_CHECK(category_valid(x.category));
    FUZZ_CHECK(money_currency_known(x.currency));
    FUZZ_CHECK(date_parse(x.date, &d, "d", NULL) == 0);
    FUZZ_CHECK(expense_check(&x, money_digits(x.currency), &e) == 0);
    FUZZ_CHECK(x.amount != 0 || !strcmp(x.category, "lodging"));
    check_text(x.merchant);
    check_text(x.note);
    check_text(x.payment);
    check_text(x.receipt);
    check_text(x.from);
    check_text(x.to);
    check_text(x.driver);
    check_text(x.recipient);
    FUZZ_CHECK(!x.trip_slug || trip_slug_valid(x.trip_slug));
    import_fingerprint(&x, fp);
    import_fingerprint(&x, fp2);
    FUZZ_CHECK(!memcmp(fp, fp2, 16));
    import_key(fp, 4000000000u, key);
    FUZZ_CHECK(strlen(key) < IMPORT_KEY_SIZE);
    check_export_roundtrip(&x, fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {',', ';', '\t', '|'};
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    struct import_header h;
    FILE *fp;
    int rc, rows = 0;
    if (size < 1)
        return 0;
    fp = size > 1 ? fmemopen((void *)(data + 1), size - 1, "r") : fopen("/dev/null", "r");
    FUZZ_CHECK(fp != NULL);
    csv_init(&r, fp, delims[(data[0] >> 1) & 3]);
    if ((rc = csv_read(&r, &e)) == 1) {
        rc = import_header_parse(r.fields, r.nfields, &h, &e);
        if (rc) {
            fuzz_check_err(&e, CS_EINPUT);
        } else {
            while (rows++ < MAX_ROWS && (rc = csv_read(&r, &e)) == 1)
                check_row(&h, &r, data[0] & 1);
        }
    }
    csv_release(&r);
    fclose(fp);
    return 0;
}
