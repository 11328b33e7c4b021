/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_import.c - the generic csv profile: header, row rules, fingerprints and keys, and
 * the 128-bit hash under them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/hash.h"
#include "confspend/import.h"

/* Split the comma-separated LINE (no quoting) into CELLS inside BUF; returns the count. */
static int split(const char *line, char *buf, size_t n, char **cells)
{
    int k = 0;
    snprintf(buf, n, "%s", line);
    cells[k++] = buf;
    for (char *p = buf; *p; p++)
        if (*p == ',') {
            *p = 0;
            cells[k++] = p + 1;
        }
    return k;
}

static void header(const char *line, struct import_header *h)
{
    char buf[512], *cells[32];
    struct cs_err e = CS_ERR_INIT;
    int n = split(line, buf, sizeof buf, cells);
    if (import_header_parse(cells, n, h, &e))
        fail_msg("header %s: %s", line, e.msg);
}

/* Parse ROW under header HEAD; returns the code, X and E filled. ROWBUF keeps the text. */
static int row(const char *head, const char *rowtext, int decimal_comma, struct expense *x,
               struct cs_err *e, char *rowbuf, size_t n)
{
    struct import_header h;
    char *cells[32];
    int k;
    header(head, &h);
    k = split(rowtext, rowbuf, n, cells);
    return import_row(&h, cells, k, 7, "USD", decimal_comma, x, e);
}

static void expect_row_error(const char *head, const char *rowtext, const char *frag)
{
    struct expense x;
    struct cs_err e = CS_ERR_INIT;
    char buf[512];
    assert_int_equal(row(head, rowtext, 0, &x, &e, buf, sizeof buf), CS_EINPUT);
    if (!strstr(e.msg, frag))
        fail_msg("'%s': message '%s' lacks '%s'", rowtext, e.msg, frag);
}

static void test_header(void **state)
{
    struct import_header h;
    struct cs_err e = CS_ERR_INIT;
    char buf[512], *cells[32];
    int n;
    (void)state;
    header("amount, Category ,DATE,id", &h);
    assert_int_equal(h.ncols, 4);
    assert_int_equal(h.where[IMP_AMOUNT], 0);
    assert_int_equal(h.where[IMP_CATEGORY], 1);
    assert_int_equal(h.where[IMP_DATE], 2);
    assert_int_equal(h.where[IMP_ID], 3);
    assert_int_equal(h.where[IMP_MERCHANT], -1);

    n = split("date,category,amount,colour", buf, sizeof buf, cells);
    assert_int_equal(import_header_parse(cells, n, &h, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "unknown column"));
    assert_non_null(strstr(e.msg, "(colour)"));

    n = split("date,category", buf, sizeof buf, cells);
    assert_int_equal(import_header_parse(cells, n, &h, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "missing required column (amount)"));

    n = split("date,category,amount,date", buf, sizeof buf, cells);
    assert_int_equal(import_header_parse(cells, n, &h, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "twice"));
}

static void test_row_basic(void **state)
{
    struct expense x;
    struct cs_err e = CS_ERR_INIT;
    char buf[512];
    (void)state;
    assert_int_equal(row("date,category,amount,merchant,note", "2026-11-05,meal,12.5,Deli,", 0, &x,
                         &e, buf, sizeof buf),
                     0);
    assert_string_equal(x.date, "2026-11-05");
    assert_string_equal(x.category, "meal");
    assert_int_equal(x.amount, 1250);
    assert_string_equal(x.currency, "USD");
    assert_string_equal(x.merchant, "Deli");
    assert_null(x.note);
    assert_int_equal(x.reimbursable, 0);
    assert_int_equal(x.tip, -1);
}

static void test_row_refund_and_currency(void **state)
{
    struct expense x;
    struct cs_err e = CS_ERR_INIT;
    char buf[512];
    (void)state;
    assert_int_equal(row("date,category,amount,currency", "2026-11-05,meal,-6.50,EUR", 0, &x, &e,
                         buf, sizeof buf),
                     0);
    assert_int_equal(x.amount, -650);
    assert_string_equal(x.currency, "EUR");
    assert_int_equal(row("date,category,amount,currency", "2026-11-05,ride,1500,JPY", 0, &x, &e,
                         buf, sizeof buf),
                     0);
    assert_int_equal(x.amount, 1500);
    assert_string_equal(x.provider, "other");
    assert_int_equal(x.shared, 0);
    expect_row_error("date,category,amount,currency", "2026-11-05,meal,15.5,JPY",
                     "line 7, column amount: this currency has no minor unit (15.5)");
    expect_row_error("date,category,amount,currency", "2026-11-05,meal,1.234,USD",
                     "line 7, column amount: at most 2 decimals");
    expect_row_error("date,category,amount,currency", "2026-11-05,meal,1,XYZ",
                     "line 7, column currency: unknown ISO 4217");
}

static void test_row_decimal_comma(void **state)
{
    struct expense x;
    struct cs_err e = CS_ERR_INIT;
    char buf[512];
    struct import_header h;
    char *cells[4] = {"2026-11-05", "meal", "12,50", NULL};
    (void)state;
    (void)buf;
    header("date,category,amount", &h);
    assert_int_equal(import_row(&h, cells, 3, 2, "EUR", 1, &x, &e), 0);
    assert_int_equal(x.amount, 1250);
    cells[2] = "-3,5";
    assert_int_equal(import_row(&h, cells, 3, 2, "EUR", 1, &x, &e), 0);
    assert_int_equal(x.amount, -350);
    cells[2] = "12.50";
    assert_int_equal(import_row(&h, cells, 3, 2, "EUR", 1, &x, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "--decimal-comma"));
    cells[2] = "12,50";
    assert_int_equal(import_row(&h, cells, 3, 2, "EUR", 0, &x, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "line 2, column amount"));
    assert_non_null(strstr(e.msg, "(12,50)"));
}

static void test_row_rules(void **state)
{
    (void)state;
    expect_row_error("date,category,amount", "2026-02-30,meal,1", "line 7, column date");
    expect_row_error("date,category,amount", ",meal,1", "line 7, column date: required");
    expect_row_error("date,category,amount", "2026-11-05,food,1", "column category");
    expect_row_error("date,category,amount", "2026-11-05,meal,", "column amount: required");
    expect_row_error("date,category,amount", "2026-11-05,meal,0", "column amount");
    expect_row_error("date,category,amount", "2026-11-05,meal,+1", "column amount");
    expect_row_error("date,category,amount,tip", "2026-11-05,meal,5,1",
                     "line 7, column tip: only for ride expenses");
    expect_row_error("date,category,amount,tip", "2026-11-05,ride,5,6",
                     "line 7, column tip: larger than the amount");
    expect_row_error("date,category,amount,platform_fee", "2026-11-05,ride,5,6",
                     "line 7, column platform_fee");
    expect_row_error("date,category,amount,nights", "2026-11-05,lodging,5,0",
                     "line 7, column nights");
    expect_row_error("date,category,amount,reimbursable", "2026-11-05,meal,5,maybe",
                     "column reimbursable: must be yes or no (maybe)");
    expect_row_error("date,category,amount,provider", "2026-11-05,ride,5,bus", "column provider");
    expect_row_error("date,category,amount", "2026-11-05,meal", "line 7: 2 fields");
    expect_row_error("date,category,amount,merchant", "2026-11-05,meal,5,\xC3(",
                     "column merchant: not valid UTF-8");
    /* lodging may cost 0 */
    {
        struct expense x;
        struct cs_err e = CS_ERR_INIT;
        char buf[512];
        assert_int_equal(row("date,category,amount,nights,compare_rate",
                             "2026-11-01,lodging,0,8,189", 0, &x, &e, buf, sizeof buf),
                         0);
        assert_int_equal(x.nights, 8);
        assert_int_equal(x.compare_rate, 18900);
    }
}

static void test_row_unguard(void **state)
{
    struct expense x;
    struct cs_err e = CS_ERR_INIT;
    char buf[512];
    (void)state;
    assert_int_equal(row("date,category,amount,merchant,note,payment",
                         "2026-11-05,meal,-1.00,'=SUM(A1),''@x,'plain'", 0, &x, &e, buf,
                         sizeof buf),
                     0);
    assert_string_equal(x.merchant, "=SUM(A1)");
    assert_string_equal(x.note, "'@x");
    assert_string_equal(x.payment, "'plain'");
    assert_int_equal(x.amount, -100);
}

static void test_trip_cell(void **state)
{
    struct import_header h;
    struct cs_err e = CS_ERR_INIT;
    char buf[256], *cells[8], date[11];
    const char *slug;
    int n;
    (void)state;
    header("date,category,amount,trip", &h);
    n = split("2026-11-05,meal,1,pycon-2026", buf, sizeof buf, cells);
    assert_int_equal(import_row_trip(&h, cells, n, 3, &slug, date, &e), 0);
    assert_string_equal(slug, "pycon-2026");
    assert_string_equal(date, "2026-11-05");
    n = split("2026-11-05,meal,1,", buf, sizeof buf, cells);
    assert_int_equal(import_row_trip(&h, cells, n, 3, &slug, date, &e), 0);
    assert_null(slug);
    n = split("2026-11-05,meal,1,Not A Slug", buf, sizeof buf, cells);
    assert_int_equal(import_row_trip(&h, cells, n, 3, &slug, date, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "line 3, column trip"));
    n = split("2026-13-05,meal,1,x", buf, sizeof buf, cells);
    assert_int_equal(import_row_trip(&h, cells, n, 3, &slug, date, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "line 3, column date"));
}

/* Equal expenses written differently get one fingerprint; any field changes it. */
static void test_fingerprint(void **state)
{
    struct expense a, b;
    struct cs_err e = CS_ERR_INIT;
    char ba[512], bb[512];
    unsigned char fa[16], fb[16];
    char key[IMPORT_KEY_SIZE];
    (void)state;
    assert_int_equal(
        row("date,category,amount,merchant", "2026-11-05,meal,12.5,Deli", 0, &a, &e, ba, sizeof ba),
        0);
    assert_int_equal(row("merchant,amount,date,category,currency", "Deli,12.50,2026-11-05,meal,USD",
                         0, &b, &e, bb, sizeof bb),
                     0);
    import_fingerprint(&a, fa);
    import_fingerprint(&b, fb);
    assert_memory_equal(fa, fb, 16);
    /* merchant "Deli" + note absent differs from merchant absent + note "Deli" */
    assert_int_equal(
        row("date,category,amount,note", "2026-11-05,meal,12.5,Deli", 0, &b, &e, bb, sizeof bb), 0);
    import_fingerprint(&b, fb);
    assert_memory_not_equal(fa, fb, 16);
    assert_int_equal(row("date,category,amount,merchant", "2026-11-05,meal,12.51,Deli", 0, &b, &e,
                         bb, sizeof bb),
                     0);
    import_fingerprint(&b, fb);
    assert_memory_not_equal(fa, fb, 16);
    /* an empty merchant is absent, like a missing column */
    assert_int_equal(
        row("date,category,amount,merchant", "2026-11-05,meal,12.5,", 0, &a, &e, ba, sizeof ba), 0);
    assert_int_equal(row("date,category,amount", "2026-11-05,meal,12.5", 0, &b, &e, bb, sizeof bb),
                     0);
    import_fingerprint(&a, fa);
    import_fingerprint(&b, fb);
    assert_memory_equal(fa, fb, 16);

    import_key(fa, 0, key);
    assert_int_equal(strlen(key), 34);
    assert_string_equal(key + 32, ":0");
    import_key(fa, 12, key);
    assert_string_equal(key + 32, ":12");
    import_key_dated("2026-11-05", fa, 3, key);
    assert_int_equal(strlen(key), 11 + 34);
    assert_memory_equal(key, "2026-11-05:", 11);
    assert_string_equal(key + 43, ":3");
    import_key(fa, 4000000000u, key);
    assert_true(strlen(key) < IMPORT_KEY_SIZE);
    assert_string_equal(key + 32, ":4000000000");
}

static void test_seen(void **state)
{
    struct import_seen s = {0};
    unsigned char fp[16] = {0};
    (void)state;
    assert_int_equal(import_seen_count(&s, fp), 0);
    assert_int_equal(import_seen_count(&s, fp), 1);
    /* many distinct fingerprints, through several growths */
    for (unsigned i = 1; i <= 100000; i++) {
        unsigned char f[16] = {0};
        memcpy(f, &i, sizeof i);
        f[7] = 9;
        assert_int_equal(import_seen_count(&s, f), 0);
    }
    for (unsigned i = 1; i <= 100000; i += 997) {
        unsigned char f[16] = {0};
        memcpy(f, &i, sizeof i);
        f[7] = 9;
        assert_int_equal(import_seen_count(&s, f), 1);
    }
    assert_int_equal(import_seen_count(&s, fp), 2);
    import_seen_release(&s);
}

static void test_row_uid(void **state)
{
    struct expense x;
    struct cs_err e = CS_ERR_INIT;
    char buf[512];
    unsigned char f1[16], f2[16];
    (void)state;
    assert_int_equal(row("date,category,amount,uid",
                         "2026-11-05,meal,1,0123456789abcdef0123456789abcdef", 0, &x, &e, buf,
                         sizeof buf),
                     0);
    assert_string_equal(x.uid, "0123456789abcdef0123456789abcdef");
    import_fingerprint(&x, f1);
    assert_int_equal(
        row("date,category,amount,uid", "2026-11-05,meal,1,", 0, &x, &e, buf, sizeof buf), 0);
    assert_string_equal(x.uid, "");
    import_fingerprint(&x, f2);
    assert_memory_equal(f1, f2, 16); /* the uid is no part of the fingerprint */
    expect_row_error("date,category,amount,uid",
                     "2026-11-05,meal,1,0123456789ABCDEF0123456789abcdef",
                     "line 7, column uid: must be 32 lowercase hex digits "
                     "(0123456789ABCDEF0123456789abcdef)");
    expect_row_error("date,category,amount,uid",
                     "2026-11-05,meal,1,0123456789abcdef0123456789abcde",
                     "column uid: must be 32 lowercase hex digits");
    expect_row_error("date,category,amount,uid",
                     "2026-11-05,meal,1,0123456789abcdef0123456789abcdef0",
                     "column uid: must be 32 lowercase hex digits");
    expect_row_error("date,category,amount,uid",
                     "2026-11-05,meal,1,'0123456789abcdef0123456789abcdef",
                     "column uid: must be 32 lowercase hex digits");
    expect_row_error("date,category,amount,uid",
                     "2026-11-05,meal,1, 0123456789abcdef0123456789abcde",
                     "column uid: must be 32 lowercase hex digits");
}

static void test_uids(void **state)
{
    struct import_uids s = {0};
    char uid[33];
    (void)state;
    /* uids that differ in a few low bits, through several growths */
    for (long i = 0; i < 100000; i++) {
        snprintf(uid, sizeof uid, "%032lx", i);
        assert_int_equal(import_uids_add(&s, uid, i + 2), 0);
    }
    for (long i = 0; i < 100000; i += 997) {
        snprintf(uid, sizeof uid, "%032lx", i);
        assert_int_equal(import_uids_add(&s, uid, 200000), i + 2);
    }
    /* the high half counts too */
    assert_int_equal(import_uids_add(&s, "00000000000000010000000000000000", 5), 0);
    assert_int_equal(import_uids_add(&s, "ffffffffffffffffffffffffffffffff", 6), 0);
    assert_int_equal(import_uids_add(&s, "ffffffffffffffffffffffffffffffff", 9), 6);
    import_uids_release(&s);
    import_uids_release(&s); /* released twice is fine */
}

/* SMHasher's verification: hash keys {}, {0}, {0,1}, ... with seed 256 - i, then the
 * hashes with seed 0; the first 4 bytes little-endian are 0x6384BA69 for x64_128. */
static void test_hash128(void **state)
{
    unsigned char key[256], hashes[16 * 256], out[16];
    uint32_t v;
    (void)state;
    for (int i = 0; i < 256; i++) {
        key[i] = (unsigned char)i;
        hash128(key, (size_t)i, (uint32_t)(256 - i), hashes + 16 * i);
    }
    hash128(hashes, sizeof hashes, 0, out);
    v = (uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 | (uint32_t)out[3] << 24;
    assert_int_equal(v, 0x6384BA69);
    hash128("", 0, 0, out);
    for (int i = 0; i < 16; i++)
        assert_int_equal(out[i], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_row_basic),
        cmocka_unit_test(test_row_refund_and_currency),
        cmocka_unit_test(test_row_decimal_comma),
        cmocka_unit_test(test_row_rules),
        cmocka_unit_test(test_row_unguard),
        cmocka_unit_test(test_trip_cell),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_seen),
        cmocka_unit_test(test_row_uid),
        cmocka_unit_test(test_uids),
        cmocka_unit_test(test_hash128),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
