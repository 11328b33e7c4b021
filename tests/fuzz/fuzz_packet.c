/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_packet.c - the claim packet (export pdf: src/pdf.c, src/pdf_receipt.c) over whatever
 * bytes a hand-altered database holds for a receipt.
 *
 * Input: one byte T (its value mod 3: the bytes are stored as a jpeg, png or pdf), then
 * the bytes, put straight into receipt_data for the one expense of a database made once.
 * The packet is exported. Invariants: it returns 0 and the file is a PDF (it starts with
 * "%PDF-" and ends with "%%EOF"), or CS_EINPUT naming "receipt" on one line and no file is
 * left; never another error, never a crash (ASan and UBSan under tests/fuzz/run), nothing
 * left beside the file (no temporary file). */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/period.h"
#include "fuzz.h"

int confspend_pdf_export(sqlite3 *db, const char *today, const char *path, const struct period *p,
                         int reimbursable_only, long *pages, long *receipts, struct cs_err *e);

static sqlite3 *db;
static char dir[64], out[96];

/* Remove the folder and what is in it, at exit. */
static void teardown(void)
{
    static const char *const names[] = {"db", "db-wal", "db-shm", "packet.pdf"};
    char path[128];
    sqlite3_close(db);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* The database, made once: one expense to hang the receipt on. */
static void setup(void)
{
    struct cs_err e = CS_ERR_INIT;
    struct expense x = EXPENSE_INIT;
    char path[96];
    snprintf(dir, sizeof dir, "/tmp/fuzz_packet.XXXXXX");
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/db", dir);
    snprintf(out, sizeof out, "%s/packet.pdf", dir);
    FUZZ_CHECK(db_open(path, &db, &e) == 0);
    atexit(teardown);
    snprintf(x.date, sizeof x.date, "2026-11-03");
    snprintf(x.category, sizeof x.category, "meal");
    snprintf(x.currency, sizeof x.currency, "USD");
    x.amount = 8240;
    x.merchant = (char *)"Dinner";
    x.reimbursable = 1;
    FUZZ_CHECK(expense_insert(db, &x, &e) == 0);
}

/* How many entries the folder holds besides . and .. */
static int entries(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    FUZZ_CHECK(d != NULL);
    while ((de = readdir(d)))
        n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(d);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[3] = {"jpeg", "png", "pdf"};
    struct cs_err e = CS_ERR_INIT;
    struct period p;
    sqlite3_stmt *st;
    int rc, before;
    FILE *fp;
    if (size < 1 || size > 4 * 1024 * 1024)
        return 0;
    if (!db)
        setup();
    FUZZ_CHECK(db_exec(db, "DELETE FROM receipt; DELETE FROM receipt_data", &e) == 0);
    FUZZ_CHECK(db_prepare(db,
                          "INSERT INTO receipt_data(id, sha256, type, bytes, data) VALUES (1, "
                          "printf('%064d', 0), ?1, max(1, length(?2)), ?2)",
                          &st, &e) == 0);
    sqlite3_bind_text(st, 1, types[data[0] % 3], -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, data + 1, (int)(size - 1), SQLITE_STATIC);
    if (size == 1)
        sqlite3_bind_zeroblob(st, 2, 0);
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    FUZZ_CHECK(db_exec(db,
                       "INSERT INTO receipt(id, expense_id, data_id, name) VALUES (1, 1, 1, 'f')",
                       &e) == 0);
    memset(&p, 0, sizeof p);
    snprintf(p.label, sizeof p.label, "all expenses");
    unlink(out);
    before = entries();
    rc = confspend_pdf_export(db, "2026-11-10", out, &p, 0, NULL, NULL, &e);
    if (rc) {
        if (rc != CS_EINPUT)
            fprintf(stderr, "unexpected: %s\n", e.msg);
        fuzz_check_err(&e, CS_EINPUT);
        static const char want[] = "receipt: receipt 1 of expense 1 cannot go in the packet: ";
        if (strncmp(e.msg, want, sizeof want - 1))
            fprintf(stderr, "message: %s\n", e.msg);
        FUZZ_CHECK(!strncmp(e.msg, want, sizeof want - 1));
        FUZZ_CHECK(access(out, F_OK) != 0);
        FUZZ_CHECK(entries() == before);
        return 0;
    }
    FUZZ_CHECK(entries() == before + 1);
    fp = fopen(out, "rb");
    FUZZ_CHECK(fp != NULL);
    {
        char head[5], tail[32];
        long n;
        FUZZ_CHECK(fread(head, 1, 5, fp) == 5 && !memcmp(head, "%PDF-", 5));
        FUZZ_CHECK(fseek(fp, -(long)sizeof tail, SEEK_END) == 0);
        n = (long)fread(tail, 1, sizeof tail, fp);
        FUZZ_CHECK(n == (long)sizeof tail && memmem(tail, sizeof tail, "%%EOF", 5) != NULL);
    }
    fclose(fp);
    unlink(out);
    return 0;
}
