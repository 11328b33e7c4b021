/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ofx.c - import ofx's reader (src/ofx.c): every field of every row of the files in
 * tests/data/ofx/, and every error, on files written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "confspend/ofx.h"

#define DATA TESTS_DATA_DIR "/ofx/"

/* One row as the test expects it: every src_row field the reader sets (category, provider,
 * from and to are always NULL, tip -1, statement 1). */
struct want {
    long line;
    enum src_fate fate;
    const char *skip_reason;
    const char *date;
    int64_t amount;
    const char *currency, *merchant, *note, *key;
};

static void assert_str_or_null(const char *got, const char *want)
{
    if (!want)
        assert_null(got);
    else {
        assert_non_null(got);
        assert_string_equal(got, want);
    }
}

/* Read PATH and compare its rows with WANT[0..N); the progress grows to at most the size. */
static void check_file(const char *path, const struct want *want, int n)
{
    struct src_reader r;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    struct stat sb;
    long long last = 0;
    int i = 0, rc;
    assert_int_equal(stat(path, &sb), 0);
    rc = ofx_open(path, &r, &e);
    if (rc)
        fail_msg("%s: %s", path, e.msg);
    assert_int_equal(r.size, sb.st_size);
    assert_non_null(r.progress);
    while ((rc = r.next(r.self, &row, &e)) == 1) {
        assert_true(i < n);
        assert_int_equal(row.line, want[i].line);
        assert_int_equal(row.fate, want[i].fate);
        assert_str_or_null(row.skip_reason, want[i].skip_reason);
        assert_string_equal(row.date, want[i].date);
        assert_int_equal(row.amount, want[i].amount);
        assert_string_equal(row.currency, want[i].currency);
        assert_str_or_null(row.merchant, want[i].merchant);
        assert_str_or_null(row.note, want[i].note);
        assert_null(row.category);
        assert_null(row.provider);
        assert_null(row.from);
        assert_null(row.to);
        assert_int_equal(row.tip, -1);
        assert_str_or_null(row.key, want[i].key);
        assert_int_equal(row.statement, 1);
        assert_true(r.progress(r.self) > last && r.progress(r.self) <= r.size);
        last = r.progress(r.self);
        i++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(i, n);
    assert_int_equal(r.next(r.self, &row, &e), 0); /* the end stays the end */
    r.release(r.self);
}

/*
 * card-sgml.ofx: OFX 1.02 SGML, CHARSET:1252, CRLF, leaves not closed; a credit card
 * (CCACCTFROM ACCTID 4111222233334444: libofx's account id is "4111222233334444 ", the
 * blank cut), CURDEF USD.
 *  1: DEBIT 20250516203000[-4:EDT] -42.10: 20:30 in New York on May 16 (libofx: 00:30 UTC on
 *     the 17th; the written date wins), 4210 cents spent; NAME "CAF\xC9 BENEDICT" in cp1252:
 *     0xC9 is É, "CAFÉ BENEDICT" in UTF-8.
 *  2: DEBIT 20250517000000[-7:PDT] -18.75: midnight (libofx: 10:59 UTC the same day), no MEMO.
 *  3: DEBIT 20250518 -23.99: NAME "BARNES &amp; NOBLE #2231" is "BARNES & NOBLE #2231".
 *  4: PAYMENT 20250520120000 +500.00: a card payment, skipped (50000 cents).
 *  5: CREDIT 20250522 +23.99 (written "+23.99"): the books returned, money in: SRC_CREDIT
 *     (a refund of 2399 unless a rule says it is a card payment).
 */
static void test_card_sgml(void **state)
{
    static const struct want w[] = {
        {1, SRC_SPEND, NULL, "2025-05-16", 4210, "USD", "CAF\xC3\x89 BENEDICT",
         "dinner with the speakers", "4111222233334444:2025051624692160001"},
        {2, SRC_SPEND, NULL, "2025-05-17", 1875, "USD", "UBER *TRIP HELP.UBER.COM", NULL,
         "4111222233334444:2025051724692160002"},
        {3, SRC_SPEND, NULL, "2025-05-18", 2399, "USD", "BARNES & NOBLE #2231", "conference books",
         "4111222233334444:2025051824692160003"},
        {4, SRC_SKIP, "card payment", "2025-05-20", 50000, "USD", "PAYMENT THANK YOU", NULL,
         "4111222233334444:2025052024692160004"},
        {5, SRC_CREDIT, NULL, "2025-05-22", 2399, "USD", "BARNES & NOBLE #2231", "return",
         "4111222233334444:2025052224692160005"},
    };
    (void)state;
    check_file(DATA "card-sgml.ofx", w, 5);
}

/*
 * bank-xml.ofx: OFX 2.11 XML, a checking account (BANKID 121000358, no BRANCHID, ACCTID
 * 000123456789: libofx's account id is "121000358  000123456789", BANKID, BRANCHID and
 * ACCTID joined by blanks), CURDEF USD.
 *  1: POS 20250519083000.000[-7:PDT] -12.50: 1250 spent on the 19th; MEMO
 *     "José &lt;double espresso&gt; &amp; croissant" (UTF-8 as it is, entities decoded).
 *  2: XFER +200.00: money in from savings, skipped as a transfer.
 *  3: DEBIT -35.00 with <CURRENCY><CURRATE>1.0850<CURSYM>EUR: the amount is in EUR (libofx
 *     drops CURSYM; the reader reads it), 3500 EUR cents.
 *  4: CHECK -80 (no decimals): 8000 cents; CHECKNUM is not a field of the row.
 */
static void test_bank_xml(void **state)
{
    static const struct want w[] = {
        {1, SRC_SPEND, NULL, "2025-05-19", 1250, "USD", "BLUE BOTTLE COFFEE",
         "Jos\xC3\xA9 <double espresso> & croissant", "121000358  000123456789:BOA-20250519-0001"},
        {2, SRC_SKIP, "transfer", "2025-05-20", 20000, "USD", "ONLINE TRANSFER FROM SAV 4321", NULL,
         "121000358  000123456789:BOA-20250520-0002"},
        {3, SRC_SPEND, NULL, "2025-05-21", 3500, "EUR", "CAFE DE FLORE PARIS", NULL,
         "121000358  000123456789:BOA-20250521-0003"},
        {4, SRC_SPEND, NULL, "2025-05-23", 8000, "USD", "CHECK 1042", NULL,
         "121000358  000123456789:BOA-20250523-0004"},
    };
    (void)state;
    check_file(DATA "bank-xml.ofx", w, 4);
}

/*
 * card.qfx: Quicken's QFX, OFX 1.02 SGML on one line with INTU.BID and INTU.USERID in
 * SONRS; card 379912345671002, USD.
 *  1: 20250602233000.000[-5:CDT] -64.30: 23:30 in Chicago on June 2 (libofx: 04:30 UTC on the
 *     3rd), the written 2025-06-02 wins; 6430.
 *  2: 20250603000000.000[-5:CDT] -9.99: midnight, 999; NAME keeps its inner blanks.
 *  3: CREDIT +74.29 "PAYMENT - THANK YOU": the card paid off, as many cards write it (not
 *     TRNTYPE PAYMENT): money in, SRC_CREDIT, which the pipeline's built-in rule skips.
 */
static void test_qfx(void **state)
{
    static const struct want w[] = {
        {1, SRC_SPEND, NULL, "2025-06-02", 6430, "USD", "LOU MALNATI S PIZZERIA", "team dinner",
         "379912345671002:320251530239441001"},
        {2, SRC_SPEND, NULL, "2025-06-03", 999, "USD", "LYFT   *RIDE TUE 7PM", NULL,
         "379912345671002:320251540239441002"},
        {3, SRC_CREDIT, NULL, "2025-06-04", 7429, "USD", "PAYMENT - THANK YOU", NULL,
         "379912345671002:320251550239441003"},
    };
    (void)state;
    check_file(DATA "card.qfx", w, 3);
}

/*
 * jpy.ofx: CURDEF JPY, 0 minor digits.
 *  1: 20250410083000[+9:JST] -1500: 08:30 in Tokyo (libofx: 23:30 UTC on the 9th), the
 *     written 2025-04-10 wins; 1500 yen.
 *  2: -2980.00: decimals past JPY's none are zeros, 2980 yen.
 */
static void test_jpy(void **state)
{
    static const struct want w[] = {
        {1, SRC_SPEND, NULL, "2025-04-10", 1500, "JPY", "JR EAST SUICA CHARGE", NULL,
         "5500111122223333:JP0410A"},
        {2, SRC_SPEND, NULL, "2025-04-11", 2980, "JPY", "ICHIRAN SHIBUYA", "ramen",
         "5500111122223333:JP0411B"},
    };
    (void)state;
    check_file(DATA "jpy.ofx", w, 2);
}

/*
 * two-statements.ofx: jpy.ofx with a second card statement after the first (card
 * 4000999988887777, CURDEF EUR): each transaction takes its own statement's account and
 * currency. In EUR, -1500 is 150000 cents and -29.80 is 2980.
 */
static void test_two_statements(void **state)
{
    static const struct want w[] = {
        {1, SRC_SPEND, NULL, "2025-04-10", 1500, "JPY", "JR EAST SUICA CHARGE", NULL,
         "5500111122223333:JP0410A"},
        {2, SRC_SPEND, NULL, "2025-04-11", 2980, "JPY", "ICHIRAN SHIBUYA", "ramen",
         "5500111122223333:JP0411B"},
        {3, SRC_SPEND, NULL, "2025-04-10", 150000, "EUR", "JR EAST SUICA CHARGE", NULL,
         "4000999988887777:EU0410A"},
        {4, SRC_SPEND, NULL, "2025-04-11", 2980, "EUR", "ICHIRAN SHIBUYA", "ramen",
         "4000999988887777:EU0411B"},
    };
    (void)state;
    check_file(DATA "two-statements.ofx", w, 4);
}

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_ofx-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write TEXT to the file NAME in the test's folder; its path into PATH. */
static void write_file(const char *name, const char *text, char *path, size_t n)
{
    FILE *fp;
    snprintf(path, n, "%s/%s", tmpdir, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* An OFX 1.x card statement in CURRENCY with the STMTTRN elements TRNS, whole (END: with
 * its closing tags) or not, into BUF. */
static const char *statement(char *buf, size_t n, const char *currency, const char *trns, int end)
{
    snprintf(buf, n,
             "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n"
             "CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
             "<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
             "<DTSERVER>20250601<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\n"
             "<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>"
             "<CCSTMTRS>%s%s<CCACCTFROM><ACCTID>4111</CCACCTFROM>\n"
             "<BANKTRANLIST><DTSTART>20250501<DTEND>20250531\n%s\n%s",
             currency ? "<CURDEF>" : "", currency ? currency : "", trns,
             end ? "</BANKTRANLIST><LEDGERBAL><BALAMT>0<DTASOF>20250531</LEDGERBAL>"
                   "</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>\n"
                 : "");
    return buf;
}

/* ofx_open() on TEXT (written to NAME) fails with CODE and the message WANT, in which "%s"
 * stands for the file's path; nothing of libofx reaches stderr. */
static void check_error_text(const char *name, const char *text, int code, const char *want)
{
    char path[256], msg[1024];
    struct src_reader r;
    struct cs_err e = CS_ERR_INIT;
    write_file(name, text, path, sizeof path);
    assert_int_equal(ofx_open(path, &r, &e), code);
    assert_int_equal(e.code, code);
    snprintf(msg, sizeof msg, want, path);
    assert_string_equal(e.msg, msg);
    assert_null(r.self);
}

#define TRN1 "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250516<TRNAMT>-42.10<FITID>F1<NAME>CAFE</STMTTRN>"

/* A file that is not OFX (a Chase CSV, an empty file, a NUL byte), one that cannot be
 * opened. */
static void test_not_ofx(void **state)
{
    struct src_reader r;
    struct cs_err e = CS_ERR_INIT;
    char buf[512];
    (void)state;
    assert_int_equal(ofx_open(DATA "not-ofx.csv", &r, &e), CS_EINPUT);
    assert_string_equal(e.msg,
                        "ofx: not an OFX or QFX file: no <OFX> element (" DATA "not-ofx.csv)");
    check_error_text("empty.ofx", "", CS_EINPUT,
                     "ofx: not an OFX or QFX file: no <OFX> element (%s)");
    /* a NUL byte (here on line 3): libofx would end NAME there, "CA", and read on */
    {
        char path[256];
        FILE *fp;
        snprintf(path, sizeof path, "%s/nul.ofx", tmpdir);
        fp = fopen(path, "wb");
        assert_non_null(fp);
        static const char nul[] = "OFXHEADER:100\n\n<OFX><NAME>CA\0FE\n</OFX>\n";
        fwrite(nul, 1, sizeof nul - 1, fp);
        fclose(fp);
        assert_int_equal(ofx_open(path, &r, &e), CS_EINPUT);
        snprintf(buf, sizeof buf, "ofx: a NUL byte on line 3: not an OFX text file (%s)", path);
        assert_string_equal(e.msg, buf);
    }
    assert_int_equal(ofx_open(DATA "missing.ofx", &r, &e), CS_EFAIL);
    assert_string_equal(e.msg,
                        "import: cannot open: No such file or directory (" DATA "missing.ofx)");
}

/* truncated.ofx: card-sgml.ofx cut in its third STMTTRN, after DTPOSTED: TRNAMT is the first
 * leaf that transaction lacks (its FITID, after it, is gone too). Cut after a whole
 * STMTTRN: no </OFX>. */
static void test_truncated(void **state)
{
    struct src_reader r;
    struct cs_err e = CS_ERR_INIT;
    char buf[4096];
    (void)state;
    assert_int_equal(ofx_open(DATA "truncated.ofx", &r, &e), CS_EINPUT);
    assert_string_equal(e.msg, "transaction 3, TRNAMT: missing (the file is cut short)");
    check_error_text("cut.ofx", statement(buf, sizeof buf, "USD", TRN1, 0), CS_EINPUT,
                     "ofx: cut short: no </OFX> at its end (%s)");
}

/* A whole file with a STMTTRN that lacks a required leaf, or gives one twice or empty. */
static void test_missing_leaf(void **state)
{
    char buf[4096];
    (void)state;
    check_error_text("nofitid.ofx",
                     statement(buf, sizeof buf, "USD",
                               TRN1 "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1.00"
                                    "<NAME>X</STMTTRN>",
                               1),
                     CS_EINPUT, "transaction 2, FITID: missing");
    check_error_text("noamt.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<FITID>F9</STMTTRN>", 1),
                     CS_EINPUT, "transaction 1 (FITID F9), TRNAMT: missing");
    check_error_text("nodate.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<TRNAMT>-1<FITID>F9</STMTTRN>", 1),
                     CS_EINPUT, "transaction 1 (FITID F9), DTPOSTED: missing");
    check_error_text("twice.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1<TRNAMT>-2"
                               "<FITID>F9</STMTTRN>",
                               1),
                     CS_EINPUT, "transaction 1 (FITID F9), TRNAMT: given twice (-2)");
    check_error_text(
        "emptyamt.xml",
        "<?xml version=\"1.0\"?><?OFX OFXHEADER=\"200\" VERSION=\"211\"?><OFX><BANKMSGSRSV1>"
        "<STMTTRNRS><STMTRS><CURDEF>USD</CURDEF><BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT</TRNTYPE>"
        "<DTPOSTED>20250517</DTPOSTED><TRNAMT></TRNAMT><FITID>F9</FITID></STMTTRN>"
        "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>",
        CS_EINPUT, "transaction 1 (FITID F9), TRNAMT: empty");
}

/* Written values the reader refuses: amounts that are not money of the currency, dates that
 * are not dates, a currency that is not one. */
static void test_bad_values(void **state)
{
    char buf[4096];
    (void)state;
    check_error_text("amt.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1.2.3"
                               "<FITID>F9</STMTTRN>",
                               1),
                     CS_EINPUT, "transaction 1 (FITID F9), TRNAMT: not an amount (-1.2.3)");
    /* 1.005 USD is not a whole number of cents */
    check_error_text("dec.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1.005"
                               "<FITID>F9</STMTTRN>",
                               1),
                     CS_EINPUT,
                     "transaction 1 (FITID F9), TRNAMT: more decimals than USD has (2) (-1.005)");
    check_error_text("jpy.ofx",
                     statement(buf, sizeof buf, "JPY",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-15.5"
                               "<FITID>F9</STMTTRN>",
                               1),
                     CS_EINPUT,
                     "transaction 1 (FITID F9), TRNAMT: more decimals than JPY has (0) (-15.5)");
    /* 9223372036854775807 cents is the most an int64 holds: one more is refused */
    check_error_text("big.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517"
                               "<TRNAMT>-92233720368547758.08<FITID>F9</STMTTRN>",
                               1),
                     CS_EINPUT,
                     "transaction 1 (FITID F9), TRNAMT: too large (-92233720368547758.08)");
    check_error_text("feb30.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250230<TRNAMT>-1"
                               "<FITID>F9</STMTTRN>",
                               1),
                     CS_EINPUT, "transaction 1 (FITID F9), DTPOSTED: not a real date (20250230)");
    check_error_text("iso.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>2025-05-17<TRNAMT>-1"
                               "<FITID>F9</STMTTRN>",
                               1),
                     CS_EINPUT,
                     "transaction 1 (FITID F9), DTPOSTED: not a date (YYYYMMDD...) (2025-05-17)");
    check_error_text("xyz.ofx", statement(buf, sizeof buf, "XYZ", TRN1, 1), CS_EINPUT,
                     "transaction 1 (FITID F1), CURDEF: not a known currency (XYZ)");
    check_error_text("cursym.ofx",
                     statement(buf, sizeof buf, "USD",
                               "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1<FITID>F9"
                               "<CURRENCY><CURRATE>1<CURSYM>EU</CURRENCY></STMTTRN>",
                               1),
                     CS_EINPUT, "transaction 1 (FITID F9), CURSYM: not a known currency (EU)");
}

/* What libofx itself refuses is an error too, with its first message, on the transaction
 * it is in, else on the line of the file: libofx 0.10.9 says which line of its copy of the
 * file, and that copy starts at the <OFX> line of a 1.x file (statement()'s line 11) and is
 * the whole of a 2.x file. An investment statement is refused before libofx sees it. */
static void test_libofx_refuses(void **state)
{
    char buf[4096];
    (void)state;
    /* CURDEF is required before CCACCTFROM, on line 12 of statement()'s file */
    check_error_text("nocurdef.ofx", statement(buf, sizeof buf, NULL, TRN1, 1), CS_EINPUT,
                     "ofx: libofx cannot read line 12: start tag for \"CURDEF\" omitted, but "
                     "its declaration does not permit this (%s)");
    /* an element OFX does not have, in the second STMTTRN (line 15, alone on it) */
    check_error_text("foo.ofx",
                     statement(buf, sizeof buf, "USD",
                               TRN1 "\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1"
                                    "<FITID>F9<FOO>bar</STMTTRN>",
                               1),
                     CS_EINPUT,
                     "transaction 2 (FITID F9): libofx cannot read it: element \"FOO\" undefined");
    /* two transactions on that line (14): libofx's column cannot say which, the line can */
    check_error_text("foo2.ofx",
                     statement(buf, sizeof buf, "USD",
                               TRN1 "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1"
                                    "<FITID>F9<FOO>bar</STMTTRN>",
                               1),
                     CS_EINPUT, "ofx: libofx cannot read line 14: element \"FOO\" undefined (%s)");
    /* the same in OFX 2.x, on line 5 of the file, in the first STMTTRN (lines 4 to 6) */
    check_error_text(
        "foo.xml",
        "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"211\"?>\n<OFX>"
        "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>"
        "<DTSERVER>20250601</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>"
        "<BANKMSGSRSV1>"
        "<STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>"
        "<STMTRS><CURDEF>USD</CURDEF><BANKACCTFROM><BANKID>1</BANKID><ACCTID>2"
        "</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM><BANKTRANLIST>"
        "<DTSTART>20250501</DTSTART><DTEND>20250531</DTEND>\n"
        "<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20250517</DTPOSTED><TRNAMT>-1</TRNAMT>\n"
        "<FITID>X1</FITID><FOO>x</FOO>\n</STMTTRN>\n"
        "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n",
        CS_EINPUT, "transaction 1 (FITID X1): libofx cannot read it: element \"FOO\" undefined");
    check_error_text("invest.ofx",
                     "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><INVSTMTMSGSRSV1>"
                     "<INVSTMTTRNRS><INVSTMTRS><CURDEF>USD<INVTRANLIST><INVBANKTRAN><STMTTRN>"
                     "<TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1<FITID>F9</STMTTRN>"
                     "<SUBACCTFUND>CASH</INVBANKTRAN></INVTRANLIST></INVSTMTRS></INVSTMTTRNRS>"
                     "</INVSTMTMSGSRSV1></OFX>\n",
                     CS_EINPUT,
                     "ofx: an investment statement: import ofx reads bank and card statements "
                     "(%s)");
}

/* A zero amount is no expense; a comma decimal is read as libofx reads it; a STMTTRN without
 * NAME or MEMO has no merchant or note. */
static void test_zero_comma_noname(void **state)
{
    char buf[4096], path[256];
    static const struct want w[] = {
        {1, SRC_SKIP, "zero amount", "2025-05-17", 0, "USD", NULL, NULL, "4111:Z1"},
        /* -2,50 is 2.50: 250 cents */
        {2, SRC_SPEND, NULL, "2025-05-18", 250, "USD", "KIOSK", NULL, "4111:Z2"},
    };
    (void)state;
    write_file("zero.ofx",
               statement(buf, sizeof buf, "USD",
                         "<STMTTRN><TRNTYPE>OTHER<DTPOSTED>20250517<TRNAMT>0.00<FITID>Z1"
                         "</STMTTRN><STMTTRN><TRNTYPE>POS<DTPOSTED>20250518<TRNAMT>-2,50"
                         "<FITID>Z2<NAME>KIOSK</STMTTRN>",
                         1),
               path, sizeof path);
    check_file(path, w, 2);
}

/* libofx keeps 96 bytes of NAME and 390 of MEMO (past OFX's own limits, A-32 and A-255 in
 * 1.x). NAME here is "A" and 60 times 0xC9 (É in cp1252, 2 bytes in UTF-8): 121 bytes, cut
 * by libofx at 96, inside the 48th É; the reader drops that half: "A" and 47 É, 95 bytes.
 * MEMO is 500 "x": 390 of them. */
static void test_long_text(void **state)
{
    char buf[4096], trns[1024], raw[128], name[128], memo[512], path[256];
    struct want w[] = {
        {1, SRC_SPEND, NULL, "2025-05-17", 100, "USD", name, memo, "4111:L1"},
    };
    (void)state;
    raw[0] = name[0] = 'A';
    memset(raw + 1, 0xC9, 60);
    raw[61] = 0;
    for (int i = 0; i < 47; i++)
        memcpy(name + 1 + 2 * i, "\xC3\x89", 2);
    name[95] = 0;
    memset(memo, 'x', 500);
    memo[500] = 0;
    snprintf(trns, sizeof trns,
             "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1<FITID>L1<NAME>%s<MEMO>%s"
             "</STMTTRN>",
             raw, memo);
    memo[390] = 0;
    write_file("long.ofx", statement(buf, sizeof buf, "USD", trns, 1), path, sizeof path);
    check_file(path, w, 1);
}

/* libofx's messages (here "ERROR: WRITEME: CURRATE ... is not supported", which libofx
 * prints for bank-xml.ofx's CURRENCY and still returns 0) never reach stderr. */
static void test_stderr_quiet(void **state)
{
    char path[256];
    FILE *cap;
    int saved;
    struct src_reader r;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    snprintf(path, sizeof path, "%s/stderr.txt", tmpdir);
    cap = fopen(path, "w+");
    assert_non_null(cap);
    fflush(stderr);
    saved = dup(2);
    dup2(fileno(cap), 2);
    assert_int_equal(ofx_open(DATA "bank-xml.ofx", &r, &e), 0);
    r.release(r.self);
    assert_int_equal(ofx_open(DATA "not-ofx.csv", &r, &e), CS_EINPUT);
    assert_int_equal(ofx_open(DATA "card-sgml.ofx", &r, &e), 0);
    r.release(r.self);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(cap, 0, SEEK_END);
    assert_int_equal(ftell(cap), 0);
    fclose(cap);
    /* and stderr works again */
    assert_true(fprintf(stderr, "%s", "") >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_card_sgml),
        cmocka_unit_test(test_bank_xml),
        cmocka_unit_test(test_qfx),
        cmocka_unit_test(test_jpy),
        cmocka_unit_test(test_two_statements),
        cmocka_unit_test(test_not_ofx),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_missing_leaf),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_libofx_refuses),
        cmocka_unit_test(test_zero_comma_noname),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_stderr_quiet),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
