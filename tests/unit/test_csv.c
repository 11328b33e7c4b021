/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_csv.c - the streaming RFC 4180 reader and the formula guard. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/csv.h"

/*
 * Read the N bytes at IN with DELIM and describe every record as "LINE:f1|f2|...;" into
 * OUT (control bytes as \n and \r). Returns the final csv_read code (0 at a clean end);
 * E and R's error position are left as the reader set them.
 */
static int dump_n(const char *in, size_t n, int delim, char *out, size_t outn, struct csv_reader *r,
                  struct cs_err *e)
{
    FILE *fp = fmemopen((void *)in, n, "r");
    int rc;
    size_t o = 0;
    assert_non_null(fp);
    csv_init(r, fp, delim);
    out[0] = 0;
    while ((rc = csv_read(r, e)) == 1) {
        o += (size_t)snprintf(out + o, outn - o, "%ld:", r->line);
        for (int i = 0; i < r->nfields; i++) {
            assert_int_equal(strlen(r->fields[i]), r->lens[i]);
            if (i)
                out[o++] = '|';
            for (const char *p = r->fields[i]; *p; p++) {
                if (*p == '\n') {
                    out[o++] = '\\';
                    out[o++] = 'n';
                } else if (*p == '\r') {
                    out[o++] = '\\';
                    out[o++] = 'r';
                } else {
                    out[o++] = *p;
                }
            }
        }
        out[o++] = ';';
        out[o] = 0;
    }
    fclose(fp);
    return rc;
}

/* Read IN (a C string) with DELIM and compare the records with WANT. */
static void check(const char *in, int delim, const char *want)
{
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    char out[4096];
    int rc = dump_n(in, strlen(in), delim, out, sizeof out, &r, &e);
    if (rc != 0)
        fail_msg("%s: rc %d: %s", in, rc, e.msg);
    assert_string_equal(out, want);
    csv_release(&r);
}

/* Read IN and expect an input error at LINE, COL whose message holds FRAG. */
static void check_error(const char *in, long line, long col, const char *frag)
{
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    char out[4096];
    int rc = dump_n(in, strlen(in), ',', out, sizeof out, &r, &e);
    assert_int_equal(rc, CS_EINPUT);
    assert_int_equal(e.code, CS_EINPUT);
    assert_int_equal(r.err_line, line);
    assert_int_equal(r.err_col, col);
    if (!strstr(e.msg, frag))
        fail_msg("message '%s' lacks '%s'", e.msg, frag);
    csv_release(&r);
}

static void test_plain(void **state)
{
    (void)state;
    check("a,b,c\n1,2,3\n", ',', "1:a|b|c;2:1|2|3;");
    check("a\n", ',', "1:a;");
    check("", ',', "");
}

static void test_no_final_newline(void **state)
{
    (void)state;
    check("a,b\n1,2", ',', "1:a|b;2:1|2;");
    check("a,b\r\n1,\"2\"", ',', "1:a|b;2:1|2;");
    check("a,", ',', "1:a|;");
}

static void test_crlf_and_cr(void **state)
{
    (void)state;
    check("a,b\r\n1,2\r\n", ',', "1:a|b;2:1|2;");
    check("a,b\r1,2\r", ',', "1:a|b;2:1|2;");
    check("a\r\n\r\nb\r\n", ',', "1:a;3:b;");
}

static void test_empty_fields(void **state)
{
    (void)state;
    check(",,\n", ',', "1:||;");
    check("\"\",x\n", ',', "1:|x;");
    check("a,\"\"\n", ',', "1:a|;");
}

static void test_blank_lines_skipped(void **state)
{
    (void)state;
    check("\n\na\n\n\nb\n\n", ',', "3:a;6:b;");
}

static void test_quoted_delimiter_and_newline(void **state)
{
    (void)state;
    check("\"a,b\",c\n", ',', "1:a,b|c;");
    check("id,note\n1,\"two\nlines\"\n2,x\n", ',', "1:id|note;2:1|two\\nlines;4:2|x;");
    check("1,\"crlf\r\ninside\"\r\n2,y\r\n", ',', "1:1|crlf\\r\\ninside;3:2|y;");
    check("\"\n\n\",z\n", ',', "1:\\n\\n|z;");
}

static void test_doubled_quotes(void **state)
{
    (void)state;
    check("\"say \"\"hi\"\"\",x\n", ',', "1:say \"hi\"|x;");
    check("\"\"\"\"\n", ',', "1:\";");
    check("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n", ',', "1:=HYPERLINK(\"http://x\",\"y\");");
}

static void test_bom(void **state)
{
    (void)state;
    check("\xEF\xBB\xBF"
          "date,amount\n2026-11-05,3\n",
          ',', "1:date|amount;2:2026-11-05|3;");
    /* only at the very start */
    check("a\n\xEF\xBB\xBF"
          "b\n",
          ',',
          "1:a;2:\xEF\xBB\xBF"
          "b;");
}

static void test_other_delimiters(void **state)
{
    (void)state;
    check("a;b;\"c;d\"\n1,5;2\n", ';', "1:a|b|c;d;2:1,5|2;");
    check("a\tb\n", '\t', "1:a|b;");
}

static void test_utf8(void **state)
{
    (void)state;
    check("Caf\xC3\xA9,\xE6\x9D\xB1\xE4\xBA\xAC\n", ',', "1:Caf\xC3\xA9|\xE6\x9D\xB1\xE4\xBA\xAC;");
}

static void test_errors(void **state)
{
    (void)state;
    check_error("a,b\n1,\"open\n", 2, 3, "unterminated quoted field");
    check_error("a,b\n1,\"open\nmore,stuff\n", 2, 3, "unterminated");
    check_error("a,b\nx,ab\"c\n", 2, 5, "quote inside an unquoted field");
    check_error("a,\"b\"c\n", 1, 6, "after a closing quote");
    check_error("a,\"b\" \n", 1, 6, "after a closing quote");
    /* columns count characters, not bytes */
    check_error("\xC3\xA9\xC3\xA9,x\"\n", 1, 5, "quote inside");
    /* lines count inside quoted fields */
    check_error("\"a\nb\nc\",x\n1,y\"\n", 4, 4, "quote inside");
}

static void test_nul_byte(void **state)
{
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    char out[256];
    (void)state;
    assert_int_equal(dump_n("ab\0c\n", 5, ',', out, sizeof out, &r, &e), CS_EINPUT);
    assert_int_equal(r.err_line, 1);
    assert_int_equal(r.err_col, 3);
    csv_release(&r);
}

static void test_record_cap(void **state)
{
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    char *big = malloc(200001);
    FILE *fp;
    (void)state;
    big[0] = '"';
    memset(big + 1, 'x', 199999);
    big[200000] = 0;
    fp = fmemopen(big, 200000, "r");
    csv_init(&r, fp, ',');
    r.max_record = 1000;
    assert_int_equal(csv_read(&r, &e), CS_EINPUT);
    assert_non_null(strstr(e.msg, "record longer than 1000 bytes"));
    assert_int_equal(r.err_line, 1);
    csv_release(&r);
    fclose(fp);
    free(big);
}

/* Records much larger than the input chunk, and many records across chunk borders. */
static void test_streaming(void **state)
{
    struct csv_reader r;
    struct cs_err e = CS_ERR_INIT;
    size_t n = 0, cap = 4 << 20;
    char *in = malloc(cap);
    FILE *fp;
    long count = 0;
    (void)state;
    /* one 300000-byte quoted field holding newlines, then 50000 short records */
    in[n++] = '"';
    for (int i = 0; i < 300000; i++)
        in[n++] = (i % 1000 == 999) ? '\n' : 'y';
    n += (size_t)sprintf(in + n, "\",end\n");
    for (int i = 0; i < 50000; i++)
        n += (size_t)sprintf(in + n, "%d,\"q,%d\"\r\n", i, i);
    fp = fmemopen(in, n, "r");
    csv_init(&r, fp, ',');
    assert_int_equal(csv_read(&r, &e), 1);
    assert_int_equal(r.nfields, 2);
    assert_int_equal(r.lens[0], 300000);
    assert_string_equal(r.fields[1], "end");
    while (csv_read(&r, &e) == 1) {
        char want[32];
        sprintf(want, "q,%ld", count);
        assert_int_equal(r.line, 302 + count);
        assert_string_equal(r.fields[1], want);
        count++;
    }
    assert_int_equal(count, 50000);
    assert_int_equal(r.bytes, n);
    csv_release(&r);
    fclose(fp);
    free(in);
}

static void test_guard(void **state)
{
    (void)state;
    assert_true(csv_guard_needed("=1+1"));
    assert_true(csv_guard_needed("+1"));
    assert_true(csv_guard_needed("-x"));
    assert_true(csv_guard_needed("@a"));
    assert_true(csv_guard_needed("\tx"));
    assert_true(csv_guard_needed("\rx"));
    assert_true(csv_guard_needed("\nx"));
    assert_true(csv_guard_needed("'=x"));
    assert_true(csv_guard_needed("''-x"));
    assert_false(csv_guard_needed(""));
    assert_false(csv_guard_needed("'"));
    assert_false(csv_guard_needed("'quoted'"));
    assert_false(csv_guard_needed("a=b"));
    assert_false(csv_guard_needed(NULL));

    assert_string_equal(csv_unguard("'=x"), "=x");
    assert_string_equal(csv_unguard("'-6.50"), "-6.50");
    assert_string_equal(csv_unguard("''=x"), "'=x");
    assert_string_equal(csv_unguard("'quoted'"), "'quoted'");
    assert_string_equal(csv_unguard("'"), "'");
    assert_string_equal(csv_unguard("=x"), "=x");
    assert_string_equal(csv_unguard("plain"), "plain");
}

/* What export writes, import reads back: guard then unguard is the identity. */
static void test_guard_round_trip(void **state)
{
    static const char *const texts[] = {"=x", "'=x", "''=x", "'", "''", "'a",  "a",
                                        "",   "-",   "'-",   "@", "\n", "'\t", NULL};
    (void)state;
    for (const char *const *t = texts; *t; t++) {
        char g[32];
        snprintf(g, sizeof g, "%s%s", csv_guard_needed(*t) ? "'" : "", *t);
        assert_string_equal(csv_unguard(g), *t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_crlf_and_cr),
        cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_blank_lines_skipped),
        cmocka_unit_test(test_quoted_delimiter_and_newline),
        cmocka_unit_test(test_doubled_quotes),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_other_delimiters),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_record_cap),
        cmocka_unit_test(test_streaming),
        cmocka_unit_test(test_guard),
        cmocka_unit_test(test_guard_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
