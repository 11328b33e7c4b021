/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_profile.c - the import profiles: every built-in profile reads its test file in the
 * real layout (tests/data/profiles/, invented rows, real headers, encodings and quirks)
 * through its name and through auto, and each row comes out as a person would write it
 * down; the profile format's parser; the errors a bad file or profile gets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/date.h"
#include "confspend/money.h"
#include "confspend/profile.h"

#define DATA CONFSPEND_SRCDIR "/tests/data/profiles/"

static const char *const fate_names[] = {"spend", "refund", "credit", "skip", "folded"};

/* One row as a line: "LINE FATE DATE AMOUNT CUR" then the fields that are set:
 * m=merchant n=note c=category p=provider from= to= tip= key= skip=reason, and "stmt"
 * for a statement row. A newline in a value is shown as \n. */
static void describe(const struct src_row *r, char *out, size_t n)
{
    char amt[32], tip[32];
    int d = money_digits(r->currency);
    size_t o;
    money_format(r->amount, d, amt, sizeof amt);
    o = (size_t)snprintf(out, n, "%ld %s %s %s %s", r->line, fate_names[r->fate], r->date, amt,
                         r->currency);
#define F(name, v)                                                                                 \
    if (v) {                                                                                       \
        o += (size_t)snprintf(out + o, n - o, " " name "=");                                       \
        for (const char *p = (v); *p && o + 3 < n; p++) {                                          \
            if (*p == '\n') {                                                                      \
                out[o++] = '\\';                                                                   \
                out[o++] = 'n';                                                                    \
            } else {                                                                               \
                out[o++] = *p;                                                                     \
            }                                                                                      \
        }                                                                                          \
        out[o] = 0;                                                                                \
    }
    F("m", r->merchant);
    F("n", r->note);
    F("c", r->category);
    F("p", r->provider);
    F("from", r->from);
    F("to", r->to);
    if (r->tip >= 0) {
        const char *t = tip;
        money_format(r->tip, d, tip, sizeof tip);
        F("tip", t);
    }
    F("key", r->key);
    F("skip", r->skip_reason);
#undef F
    if (r->statement)
        snprintf(out + o, n - o, " stmt");
    /* a skip row has its reason (a folded one says where its money is), no other row has one */
    assert_true((r->fate == SRC_SKIP || r->fate == SRC_FOLDED) == (r->skip_reason != NULL));
}

/* Read FILE through PROFILE (TZ for --tz) and compare its rows with WANT[0..N), then the
 * end. */
static void expect_rows(const char *profile, const char *file, const char *tz,
                        const char *const *want, int n)
{
    char path[512], got[2048];
    struct profile_opts o = {tz, 0, 0};
    struct src_reader rd;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    FILE *fp;
    int rc, i = 0;
    const char *tz_env = getenv("TZ");
    char *tz_before = tz_env ? strdup(tz_env) : NULL;
    snprintf(path, sizeof path, DATA "%s", file);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    rc = profile_open(profile, fp, file, &o, &rd, &e);
    if (rc)
        fail_msg("%s through %s: %s", file, profile, e.msg);
    assert_non_null(rd.self);
    assert_true(rd.size > 0);
    while ((rc = rd.next(rd.self, &row, &e)) == 1) {
        describe(&row, got, sizeof got);
        if (i >= n)
            fail_msg("%s through %s: an extra row: %s", file, profile, got);
        if (strcmp(got, want[i]))
            fail_msg("%s through %s, row %d:\n got: %s\nwant: %s", file, profile, i, got, want[i]);
        i++;
    }
    if (rc)
        fail_msg("%s through %s: %s", file, profile, e.msg);
    assert_int_equal(i, n);
    assert_int_equal(rd.progress(rd.self), rd.size); /* every byte read */
    rd.release(rd.self);
    fclose(fp);
    /* --tz was the process's zone while the reader was open, and is put back */
    if (tz_before)
        assert_string_equal(getenv("TZ"), tz_before);
    else
        assert_null(getenv("TZ"));
    free(tz_before);
}

/* The rows of FILE through PROFILE and through auto. */
#define CHECK(profile, file, tz, want)                                                             \
    do {                                                                                           \
        expect_rows(profile, file, tz, want, (int)(sizeof want / sizeof want[0]));                 \
        expect_rows("auto", file, tz, want, (int)(sizeof want / sizeof want[0]));                  \
    } while (0)

/* The error FILE through PROFILE gets: from profile_open or from a row. */
static void expect_error(const char *profile, const char *file, const char *want)
{
    char path[512];
    struct profile_opts o = {"UTC", 0, 0};
    struct src_reader rd;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    FILE *fp;
    int rc;
    snprintf(path, sizeof path, DATA "%s", file);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    rc = profile_open(profile, fp, file, &o, &rd, &e);
    if (rc == 0) {
        assert_non_null(rd.self);
        while ((rc = rd.next(rd.self, &row, &e)) == 1)
            ;
        rd.release(rd.self);
    }
    fclose(fp);
    assert_int_equal(rc, CS_EINPUT);
    assert_string_equal(e.msg, want);
}

static void test_uber_legacy(void **state)
{
    (void)state;
    /* --tz Europe/Prague, summer time: UTC+2.
     * 2: Begin Trip 2026-06-14 22:05:11 UTC = 00:05 on the 15th in Prague; 512.5 CZK.
     * 3: an Eats order (Product Type UberEATS...): a meal at Uber Eats, 389 CZK.
     * 4: CANCELED, fare 0: skipped, dated by its Request Time (07:00 UTC = 09:00).
     * 5: CANCELED with 80 CZK: a ride dated by Request Time 22:30 UTC = 00:30 on the 17th.
     * 6: a ride in San Francisco, 02:20 UTC = 04:20 in Prague, so still the 1st. */
    static const char *const want[] = {
        "2 spend 2026-06-15 512.50 CZK m=Uber n=UberX c=ride p=uber from=Václavské nám. 1, "
        "Praha to=Letiště Václava Havla, Praha",
        "3 spend 2026-06-15 389.00 CZK m=Uber Eats n=UberEATS Marketplace c=meal",
        "4 skip 2026-06-16 0.00 CZK m=Uber n=UberX c=ride p=uber skip=cancelled, no fee",
        "5 spend 2026-06-17 80.00 CZK m=Uber n=cancellation fee c=ride p=uber",
        "6 spend 2026-05-01 23.00 USD m=Uber n=Comfort c=ride p=uber from=1 Market St, San "
        "Francisco, CA to=SFO Terminal 2, San Francisco, CA",
    };
    CHECK("uber", "uber-trips_data.csv", "Europe/Prague", want);
}

static void test_uber_legacy_other_zone(void **state)
{
    (void)state;
    /* The same file in --tz America/Los_Angeles (UTC-7 in summer): the Prague ride began at
     * 15:05 on the 14th, the Eats order at 03:30 on the 15th, the free cancellation was
     * requested at 00:00 on the 16th, the paid one at 15:30 on the 16th, and the San
     * Francisco ride at 19:20 on April 30th. */
    static const char *const want[] = {
        "2 spend 2026-06-14 512.50 CZK m=Uber n=UberX c=ride p=uber from=Václavské nám. 1, "
        "Praha to=Letiště Václava Havla, Praha",
        "3 spend 2026-06-15 389.00 CZK m=Uber Eats n=UberEATS Marketplace c=meal",
        "4 skip 2026-06-16 0.00 CZK m=Uber n=UberX c=ride p=uber skip=cancelled, no fee",
        "5 spend 2026-06-16 80.00 CZK m=Uber n=cancellation fee c=ride p=uber",
        "6 spend 2026-04-30 23.00 USD m=Uber n=Comfort c=ride p=uber from=1 Market St, San "
        "Francisco, CA to=SFO Terminal 2, San Francisco, CA",
    };
    expect_rows("uber", "uber-trips_data.csv", "America/Los_Angeles", want, 5);
}

static void test_uber_2023(void **state)
{
    (void)state;
    /* The snake_case layout, found by `--profile uber` too (its variant uber-2023).
     * 2: begintrip 2026-06-18T23:15Z = 01:15 on the 19th in Prague; 14.2 EUR.
     * 3: rider_canceled with fare 0: skipped, Request 07:00Z = 09:00 on the 19th.
     * 4: 06:41:12.250Z = 08:41 on the 20th; 31.05 EUR. */
    static const char *const want[] = {
        "2 spend 2026-06-19 14.20 EUR m=Uber n=UberX c=ride p=uber from=Wenceslas Square 1, "
        "Prague to=Prague Congress Centre, Prague",
        "3 skip 2026-06-19 0.00 EUR m=Uber n=UberX c=ride p=uber skip=cancelled, no fee",
        "4 spend 2026-06-20 31.05 EUR m=Uber n=Comfort c=ride p=uber from=Prague Congress "
        "Centre, Prague to=Letiště Václava Havla, Praha",
    };
    CHECK("uber", "uber-trips_data-0.csv", "Europe/Prague", want);
    expect_rows("uber-2023", "uber-trips_data-0.csv", "Europe/Prague", want, 3);
}

static void test_uber_business(void **state)
{
    (void)state;
    /* Five preamble lines (one blank), the header on line 6. Dated by Request Date
     * (Local). 7: the trip, 38.40 USD incl. taxes and its tip (33.10 + 2.90 + 2.40), tip
     * 2.40; 8: its refund, -5.00, a refund of 5.00, Tip 0.00 (no tip) (same trip id,
     * another transaction timestamp: another key); 9: an Eats order, a meal of 50.69
     * (41.00 + 3.69 + a 6.00 tip). Not statement rows. */
    static const char *const want[] = {
        "7 spend 2026-07-01 38.40 USD m=Uber n=UberX c=ride p=uber from=1 Market St, San "
        "Francisco, CA to=SFO Terminal 2, San Francisco, CA tip=2.40 "
        "key=8a1f0c52-1111-4c1e-9d0a-2b3c4d5e6f70:2026-07-02T01:20:11Z",
        "8 refund 2026-07-01 5.00 USD m=Uber n=UberX c=ride p=uber from=1 Market St, San "
        "Francisco, CA to=SFO Terminal 2, San Francisco, CA "
        "key=8a1f0c52-1111-4c1e-9d0a-2b3c4d5e6f70:2026-07-03T16:00:00Z",
        "9 spend 2026-07-02 50.69 USD m=Uber Eats n=Uber Eats c=meal tip=6.00 "
        "key=e7b2d9a0-2222-4f3b-8c1d-9e8f7a6b5c40:2026-07-02T19:45:30Z",
    };
    CHECK("uber-business", "uber-business.csv", NULL, want);
}

static void test_lyft_business(void **state)
{
    (void)state;
    /* 2 and 4 are one ride (Ride ID 1234567890123456789): 24.10 + the 4.00 tip = 28.10,
     * tip 4.00, key RIDE|the tip's identity (its Transaction Date and amount); the tip row
     * 4 is folded into it ("tip of line 2"). 3: declined, skipped. 5: a ride of its own.
     * 6: a tip whose ride is not in this report: a row of its own, key RIDE:its identity. */
    static const char *const want[] = {
        "2 spend 2026-05-03 28.10 USD m=Lyft n=Standard c=ride p=lyft from=1 Market St, San "
        "Francisco, CA to=SFO Terminal 2, San Francisco, CA tip=4.00 "
        "key=1234567890123456789|tip@2026-05-05:400:USD",
        "3 skip 2026-05-04 12.00 USD m=Lyft n=Standard c=ride p=lyft from=Moscone Center, San "
        "Francisco, CA to=1 Market St, San Francisco, CA key=9876543210987654321 skip=declined",
        "4 folded 2026-05-03 4.00 USD m=Lyft n=Standard c=ride p=lyft from=1 Market St, San "
        "Francisco, CA to=SFO Terminal 2, San Francisco, CA key=1234567890123456789 skip=tip of "
        "line 2",
        "5 spend 2026-05-05 15.75 USD m=Lyft n=Lyft XL c=ride p=lyft from=Moscone Center, San "
        "Francisco, CA to=Ferry Building, San Francisco, CA key=5550000000000000001",
        "6 spend 2026-04-29 2.00 USD m=Lyft n=tip c=ride p=lyft from=Ferry Building, San "
        "Francisco, CA to=Moscone Center, San Francisco, CA tip=2.00 "
        "key=5550000000000000002:tip@2026-05-07:200:USD",
    };
    CHECK("lyft-business", "lyft-business.csv", NULL, want);
}

/* Every key is once in a Lyft file: the ride whose charge was declined keeps its Ride
 * ID, its two tips (with no ride to fold into) have their identities, and a second
 * charge of one ride is RIDE:TYPE@WHEN:AMOUNT:CUR, the same in any report. */
static void test_lyft_keys_once(void **state)
{
    static const char text[] =
        "Ride ID,Transaction Date (UTC),Transaction Type,Transaction Outcome,Transaction Amount,"
        "Transaction Currency,Pickup Date (Local),Pickup Address,Drop-off Address,Ride Type\n"
        "111,2026-05-04,Ride,Declined,10.00,USD,2026-05-03,A,B,Standard\n"
        "111,2026-05-05,Tip,Approved,1.00,USD,2026-05-03,A,B,Standard\n"
        "111,2026-05-06,Tip,Approved,2.00,USD,2026-05-03,A,B,Standard\n"
        "222,2026-05-04,Ride,Approved,8.00,USD,2026-05-03,C,D,Standard\n"
        "222,2026-05-09,Ride,Approved,3.50,USD,2026-05-03,C,D,Standard\n";
    static const char *const want[] = {
        "2 skip 2026-05-03 10.00 USD m=Lyft n=Standard c=ride p=lyft from=A to=B key=111 "
        "skip=declined",
        "3 spend 2026-05-03 1.00 USD m=Lyft n=tip c=ride p=lyft from=A to=B tip=1.00 "
        "key=111:tip@2026-05-05:100:USD",
        "4 spend 2026-05-03 2.00 USD m=Lyft n=tip c=ride p=lyft from=A to=B tip=2.00 "
        "key=111:tip@2026-05-06:200:USD",
        "5 spend 2026-05-03 8.00 USD m=Lyft n=Standard c=ride p=lyft from=C to=D key=222",
        "6 spend 2026-05-03 3.50 USD m=Lyft n=Standard c=ride p=lyft from=C to=D "
        "key=222:ride@2026-05-09:350:USD",
    };
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
    struct src_reader rd;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    char got[1024];
    int i = 0;
    (void)state;
    assert_int_equal(profile_open("lyft-business", fp, "t.csv", NULL, &rd, &e), 0);
    while (rd.next(rd.self, &row, &e) == 1) {
        assert_true(i < 5);
        describe(&row, got, sizeof got);
        assert_string_equal(got, want[i]);
        i++;
    }
    assert_int_equal(i, 5);
    rd.release(rd.self);
    fclose(fp);
}

static void test_chase(void **state)
{
    (void)state;
    /* Purchases negative: 23.50 and 4.75 spent; Type Payment skipped; Type Return a
     * refund of 120.00; another credit (Adjustment) left to the rules. */
    static const char *const want[] = {
        "2 spend 2026-05-02 23.50 USD m=UBER   *TRIP stmt",
        "3 spend 2026-05-03 4.75 USD m=BLUE BOTTLE COFFEE n=conference coffee stmt",
        "4 skip 2026-05-05 500.00 USD m=Payment Thank You-Mobile skip=card payment stmt",
        "5 refund 2026-05-06 120.00 USD m=HOTEL ZETTA stmt",
        "6 credit 2026-05-07 10.00 USD m=STATEMENT CREDIT stmt",
    };
    CHECK("chase", "chase.csv", NULL, want);
    /* the variant with a Card column first: found by name, the same figures */
    {
        static const char text[] = "Card,Transaction Date,Post Date,Description,Category,Type,"
                                   "Amount,Memo\n1234,05/02/2026,05/03/2026,UBER   *TRIP,Travel,"
                                   "Sale,-23.50,\n";
        FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
        struct src_reader rd;
        struct src_row row;
        struct cs_err e = CS_ERR_INIT;
        char got[512];
        assert_int_equal(profile_open("auto", fp, "t.csv", NULL, &rd, &e), 0);
        assert_int_equal(rd.next(rd.self, &row, &e), 1);
        describe(&row, got, sizeof got);
        assert_string_equal(got, want[0]);
        assert_int_equal(rd.next(rd.self, &row, &e), 0);
        rd.release(rd.self);
        fclose(fp);
    }
}

static void test_chase_checking(void **state)
{
    (void)state;
    /* CRLF, a trailing comma on every row. -18.25 spent; payroll skipped as income; an
     * ACCT_XFER and an ATM withdrawal skipped; the debit card's 18.25 back a refund. */
    static const char *const want[] = {
        "2 spend 2026-05-04 18.25 USD m=LYFT   *RIDE SUN 10PM stmt",
        "3 skip 2026-05-05 2500.00 USD m=ACME CORP PAYROLL PPD ID: 123 skip=income stmt",
        "4 skip 2026-05-06 300.00 USD m=ONLINE TRANSFER TO SAV ...1234 skip=transfer stmt",
        "5 skip 2026-05-07 60.00 USD m=ATM WITHDRAWAL 000123 05/07 MARKET ST skip=cash "
        "withdrawal stmt",
        "6 refund 2026-05-08 18.25 USD m=LYFT   *RIDE REFUND stmt",
    };
    CHECK("chase-checking", "chase-checking.csv", NULL, want);
}

static void test_amex(void **state)
{
    (void)state;
    /* Charges positive. Row 1 spans lines 2-5 (two multi-line cells); the ' is taken off
     * Reference; the payment (negative) is a credit for the rules; a doubled quote. */
    static const char *const want[] = {
        "2 spend 2026-05-10 412.30 USD m=DELTA AIR LINES n=DELTA AIR LINES\\nATLANTA "
        "GA\\nTicket 0062345 key=320261300123456789 stmt",
        "6 credit 2026-05-12 412.30 USD m=AMEX PAYMENT - THANK YOU key=320261320000000001 stmt",
        "7 spend 2026-05-13 15.00 USD m=THE MARKET CAFE n=THE MARKET CAFE \"OUTSIDE\" "
        "key=320261330000000002 stmt",
    };
    CHECK("amex", "amex.csv", NULL, want);
}

static void test_capitalone(void **state)
{
    (void)state;
    /* Debit 31.40 and 189.00 spent; Credit 250.00 is the autopay (PYMT), skipped; the
     * hotel's 189.00 reversal is a credit for the rules, and the charge and its reversal
     * stay two rows. */
    static const char *const want[] = {
        "2 spend 2026-05-02 31.40 USD m=UBER TRIP HELP.UBER.COM stmt",
        "3 skip 2026-05-04 250.00 USD m=CAPITAL ONE AUTOPAY PYMT skip=card payment stmt",
        "4 spend 2026-05-05 189.00 USD m=HILTON GARDEN INN stmt",
        "5 credit 2026-05-07 189.00 USD m=HILTON GARDEN INN stmt",
    };
    CHECK("capitalone", "capitalone.csv", NULL, want);
}

static void test_revolut(void **state)
{
    (void)state;
    /* Dated by Started Date (one-digit hours). Top-up, exchange skipped; 18.40 spent;
     * PENDING and REVERTED skipped; the ATM's 1000 + 45 fee = 1045 CZK skipped as cash;
     * CARD_REFUND 4.40 a refund; 25.00 + the 0.50 fee = 25.50 spent; a transfer skipped. */
    static const char *const want[] = {
        "2 skip 2026-06-14 200.00 EUR m=Top-Up by *1234 skip=top-up stmt",
        "3 skip 2026-06-14 50.00 EUR m=Exchanged to CZK skip=exchange stmt",
        "4 spend 2026-06-15 18.40 EUR m=Café Louvre stmt",
        "5 skip 2026-06-15 420.00 CZK m=Lokál Dlouhá skip=pending stmt",
        "6 skip 2026-06-15 12.00 EUR m=Hotel Minibar skip=reverted stmt",
        "7 skip 2026-06-16 1045.00 CZK m=Cash at Euronet skip=cash withdrawal stmt",
        "8 refund 2026-06-17 4.40 EUR m=Café Louvre stmt",
        "9 spend 2026-06-17 25.50 EUR m=Prague Airport Shop stmt",
        "10 skip 2026-06-18 30.00 EUR m=To JOHN SMITH skip=transfer stmt",
    };
    CHECK("revolut", "revolut.csv", NULL, want);
}

static void test_n26(void **state)
{
    (void)state;
    /* EUR amounts: 32.50 spent (the card's 812.5 CZK original is not the account's
     * money); salary skipped; the card's 5.00 back a refund; a transfer to a person is
     * money spent. */
    static const char *const want[] = {
        "2 spend 2026-06-15 32.50 EUR m=Restaurace U Fleků stmt",
        "3 skip 2026-06-16 3200.00 EUR m=ACME GmbH n=Salary June skip=income or transfer stmt",
        "4 refund 2026-06-17 5.00 EUR m=Restaurace U Fleků stmt",
        "5 spend 2026-06-18 40.00 EUR m=Jana Nováková n=Concert tickets stmt",
    };
    CHECK("n26", "n26.csv", NULL, want);
    /* the older 10-column layouts, English and German (variants of n26): -12.8 is 12.80
     * spent, the salary skipped, 2.3 back on the card a refund of 2.30 */
    static const char *const old[] = {
        "2 spend 2019-05-10 12.80 EUR m=Café Central stmt",
        "3 skip 2019-05-11 2500.00 EUR m=ACME GmbH n=Gehalt Mai skip=income or transfer stmt",
        "4 refund 2019-05-12 2.30 EUR m=Café Central stmt",
    };
    CHECK("n26", "n26-old.csv", NULL, old);
    CHECK("n26", "n26-old-de.csv", NULL, old);
}

static void test_monzo(void **state)
{
    (void)state;
    /* DD/MM/YYYY. The local amount: 6.45 GBP in London, 480.00 CZK in Prague (16.92 GBP
     * to the account). A pot transfer and the salary skipped; 2.00 back on a card a
     * refund. Transaction ID is the key. */
    static const char *const want[] = {
        "2 spend 2026-06-14 6.45 GBP m=Pret A Manger n=#conf key=tx_0000AbC1 stmt",
        "3 spend 2026-06-15 480.00 CZK m=Lokál key=tx_0000AbC2 stmt",
        "4 skip 2026-06-16 50.00 GBP m=Savings key=tx_0000AbC3 skip=transfer stmt",
        "5 skip 2026-06-17 1500.00 GBP m=ACME LTD key=tx_0000AbC4 skip=income or transfer stmt",
        "6 refund 2026-06-18 2.00 GBP m=Pret A Manger key=tx_0000AbC5 stmt",
    };
    CHECK("monzo", "monzo.csv", NULL, want);
}

static void test_wise(void **state)
{
    (void)state;
    /* A BOM, every cell quoted, DD-MM-YYYY. A conversion skipped (100.00 USD out); 22.00
     * EUR at the merchant; a transfer skipped (the payee's name as merchant); 5.50 back on
     * the card a refund. */
    static const char *const want[] = {
        "2 skip 2026-06-14 100.00 USD m=Converted 100.00 USD to 91.42 EUR key=BALANCE-2222222 "
        "skip=exchange stmt",
        "3 spend 2026-06-15 22.00 EUR m=Kavarna Slavia n=team coffee key=CARD-123456789 stmt",
        "4 skip 2026-06-16 50.00 EUR m=John Smith key=TRANSFER-333333 skip=transfer stmt",
        "5 refund 2026-06-17 5.50 EUR m=Kavarna Slavia key=CARD-444444 stmt",
    };
    CHECK("wise", "wise.csv", NULL, want);
}

static void test_ing_nl(void **state)
{
    (void)state;
    /* ';', YYYYMMDD, unsigned amounts with a decimal comma: Af 23,45 spent; Af 50,00 at a
     * cash machine (GM) skipped; Bij 2500,00 salary skipped; Bij 3,10 at a card terminal
     * (BA) a refund. */
    static const char *const want[] = {
        "2 spend 2026-06-12 23.45 EUR m=Albert Heijn 1234 AMSTERDAM n=Pasvolgnr: 001 "
        "12-06-2026 18:03 stmt",
        "3 skip 2026-06-13 50.00 EUR m=ING BANK NV GELDAUTOMAAT n=Pasvolgnr: 001 13-06-2026 "
        "09:12 skip=cash withdrawal stmt",
        "4 skip 2026-06-14 2500.00 EUR m=ACME BV n=Salaris juni skip=income or transfer stmt",
        "5 refund 2026-06-15 3.10 EUR m=Albert Heijn 1234 AMSTERDAM n=Retour stmt",
    };
    CHECK("ing-nl", "ing-nl.csv", NULL, want);
    /* the older layout, ',' between quoted cells: the same rows (its variant ing-nl-comma) */
    CHECK("ing-nl", "ing-nl-comma.csv", NULL, want);
}

static void test_ing_de(void **state)
{
    (void)state;
    /* ISO-8859-1 (Müller, Café, Mánes, Übernachtung as single bytes), CRLF, 14 preamble
     * lines, the header on line 15. The second Währung is the amount's. -45,90 and
     * -1.234,50 (a thousands dot) spent; the salary skipped; the cash machine skipped;
     * 12,00 back (Gutschrift) a refund. */
    static const char *const want[] = {
        "16 spend 2026-06-18 45.90 EUR m=Café Savoy n=VISA Café Savoy Praha stmt",
        "17 spend 2026-06-17 1234.50 EUR m=Hotel Mánes n=Buchung 4711 Übernachtung stmt",
        "18 skip 2026-06-16 3000.00 EUR m=ACME GmbH n=Gehalt Juni skip=income or transfer stmt",
        "19 skip 2026-06-15 100.00 EUR m=ING n=Geldautomat Prag skip=cash withdrawal stmt",
        "20 refund 2026-06-14 12.00 EUR m=Café Savoy n=Erstattung stmt",
    };
    CHECK("ing-de", "ing-de.csv", NULL, want);
}

static void test_sparkasse(void **state)
{
    (void)state;
    /* Windows-1252: the euro sign is the byte 0x80, Ü 0xDC. dd.mm.yy: 15.06.26 is
     * 2026-06-15. -51,20 spent; Umsatz vorgemerkt skipped as pending; the salary
     * skipped; a cash withdrawal (no payee: no merchant) skipped; 8,80 back a refund. */
    static const char *const want[] = {
        "2 spend 2026-06-15 51.20 EUR m=Restaurant Kampa n=2026-06-14T19:22 Debitk.1 "
        "Restaurant Kampa 51,20 € Kurs 24,41 stmt",
        "3 skip 2026-06-16 62.35 EUR m=Shell Übersee n=Tankstelle Übersee skip=pending stmt",
        "4 skip 2026-06-17 2850.00 EUR m=ACME GmbH n=Gehalt 06/2026 skip=income or transfer "
        "stmt",
        "5 skip 2026-06-18 200.00 EUR n=GA 1234 Sparkasse Freiburg skip=cash withdrawal stmt",
        "6 refund 2026-06-19 8.80 EUR m=Restaurant Kampa n=Erstattung Restaurant Kampa stmt",
    };
    CHECK("sparkasse", "sparkasse.csv", NULL, want);
}

/* A UTF-8 BOM wins over the profile's encoding: a Sparkasse file saved as UTF-8. */
static void test_bom_is_utf8(void **state)
{
    static const char text[] =
        "\xEF\xBB\xBF\"Auftragskonto\";\"Buchungstag\";\"Valutadatum\";\"Buchungstext\";"
        "\"Verwendungszweck\";\"Beguenstigter/Zahlungspflichtiger\";\"Betrag\";\"Waehrung\";"
        "\"Info\"\n\"DE1\";\"15.06.26\";\"15.06.26\";\"KARTENZAHLUNG\";\"Kaffee 3,20 "
        "\xE2\x82\xAC\";"
        "\"Café\";\"-3,20\";\"EUR\";\"Umsatz gebucht\"\n";
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
    struct src_reader rd;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(profile_open("sparkasse", fp, "t.csv", NULL, &rd, &e), 0);
    assert_int_equal(rd.next(rd.self, &row, &e), 1);
    assert_string_equal(row.merchant, "Café");
    assert_string_equal(row.note, "Kaffee 3,20 €");
    assert_int_equal(row.amount, 320);
    rd.release(rd.self);
    fclose(fp);
}

static void test_readme_profile(void **state)
{
    (void)state;
    /* The README's example profile, a file path: two preamble lines, Windows-1252. 1.234,50
     * spent at the cafe; the cash machine skipped; 4,50 back a refund; a pending booking
     * skipped; the salary skipped. */
    static const char *const want[] = {
        "4 spend 2026-06-15 1234.50 EUR m=Café Kampa stmt",
        "5 skip 2026-06-16 100.00 EUR m=Sparkasse Geldautomat skip=cash withdrawal stmt",
        "6 refund 2026-06-17 4.50 EUR m=Café Kampa Erstattung stmt",
        "7 skip 2026-06-18 80.00 EUR m=Hotel skip=pending stmt",
        "8 skip 2026-06-19 2000.00 EUR m=ACME GmbH skip=income or transfer stmt",
    };
    expect_rows(DATA "my-bank.profile", "my-bank.csv", NULL, want, 5);
}

/* auto on a file whose header is export csv's: the caller's generic path, FP rewound. */
static void test_auto_generic(void **state)
{
    static const char text[] = "date,category,amount,merchant\n2026-05-01,meal,12.50,Cafe\n";
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
    struct src_reader rd;
    struct cs_err e = CS_ERR_INIT;
    char buf[8];
    (void)state;
    assert_non_null(fp);
    assert_int_equal(fgetc(fp), 'd');
    assert_int_equal(profile_open("auto", fp, "x.csv", NULL, &rd, &e), 0);
    assert_null(rd.self);
    assert_int_equal(ftell(fp), 0);
    assert_non_null(fgets(buf, sizeof buf, fp));
    assert_string_equal(buf, "date,ca");
    fclose(fp);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("auto", "unknown-layout.csv",
                 "import: unknown-layout.csv is in no known layout (import profiles lists "
                 "them); its first line (Foo,Bar,Baz)");
    expect_error(
        "chase", "amex.csv",
        "import: amex.csv is not a 'chase' file: no header within its first 1 lines matches "
        "the profile's; its first line (Date,Description,Card Member,Account #,Amount,Extended "
        "Detai...)");
    expect_error("nosuch", "chase.csv",
                 "--profile: no such profile (import profiles lists them; or a FILE.profile) "
                 "(nosuch)");
    expect_error(DATA "missing-column.profile", "chase.csv",
                 "import: profile 'chase-memo' names a column the header of chase.csv lacks "
                 "(header: Transaction Date,Post Date,Description,Category,Type,Amount,Memo) "
                 "(Memo Text)");
    expect_error("sparkasse", "bad-cp1252.csv",
                 "line 2, column Verwendungszweck: a byte that is not windows-1252 text (\\x81)");
    expect_error("auto", "bad-utf8.csv",
                 "line 3, column Description: not valid UTF-8 text (CAF\\xff)");
    expect_error("chase", "bad-date.csv",
                 "line 3, column Transaction Date: no such calendar date (02/30/2026)");
    expect_error("chase", "bad-amount.csv",
                 "line 2, column Amount: at most 2 decimals in this currency (-12.345)");
    expect_error("amex", "truncated.csv",
                 "line 2, column Extended Details: unterminated quoted field");
}

/* Cell errors: a row with too few fields, a missing amount, a bad direction, an unknown
 * currency, an unknown --tz. Built as files in memory. */
static void expect_text_error(const char *profile, const char *text, const char *tz,
                              const char *want)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    struct profile_opts o = {tz, 0, 0};
    struct src_reader rd;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    int rc;
    assert_non_null(fp);
    rc = profile_open(profile, fp, "t.csv", &o, &rd, &e);
    if (rc == 0) {
        while ((rc = rd.next(rd.self, &row, &e)) == 1)
            ;
        rd.release(rd.self);
    }
    fclose(fp);
    assert_int_equal(rc, CS_EINPUT);
    assert_string_equal(e.msg, want);
}

static void test_cell_errors(void **state)
{
    static const char chase_head[] = "Transaction Date,Post Date,Description,Category,Type,"
                                     "Amount,Memo\n";
    char t[512];
    (void)state;
    snprintf(t, sizeof t, "%s05/02/2026,05/03/2026,X,Travel,Sale\n", chase_head);
    expect_text_error("chase", t, NULL, "line 2: 5 fields, the header has 7");
    snprintf(t, sizeof t, "%s05/02/2026,05/03/2026,X,Travel,Sale,,\n", chase_head);
    expect_text_error("chase", t, NULL, "line 2, column Amount: an amount is required");
    snprintf(t, sizeof t, "%s05/02/2026,05/03/2026,X,Travel,Sale,12.50 USD,\n", chase_head);
    expect_text_error("chase", t, NULL, "line 2, column Amount: not an amount (12.50 USD)");
    snprintf(t, sizeof t, "%s2026-05-02,05/03/2026,X,Travel,Sale,-1.00,\n", chase_head);
    expect_text_error("chase", t, NULL,
                      "line 2, column Transaction Date: not a date in MM/DD/YYYY form "
                      "(2026-05-02)");
    expect_text_error("ing-nl",
                      "\"Datum\";\"Naam / Omschrijving\";\"Rekening\";\"Tegenrekening\";"
                      "\"Code\";\"Af Bij\";\"Bedrag (EUR)\";\"Mutatiesoort\";\"Mededelingen\"\n"
                      "20260612;AH;NL1;;BA;Op;1,00;x;y\n",
                      NULL,
                      "line 2, column Af Bij: must be Af (money spent) or Bij (money in) (Op)");
    expect_text_error("ing-nl",
                      "Datum;Naam / Omschrijving;Rekening;Tegenrekening;Code;Af Bij;Bedrag (EUR);"
                      "Mededelingen\n20260612;AH;NL1;;BA;Af;1.000,00;\n",
                      NULL, "line 2, column Bedrag (EUR): not an amount (1.000,00)");
    expect_text_error("revolut",
                      "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,"
                      "State,Balance\nCARD_PAYMENT,Current,2026-06-15 9:05:12,,X,-1.00,0.00,XYZ,"
                      "COMPLETED,1\n",
                      NULL, "line 2, column Currency: not a known ISO 4217 currency (XYZ)");
    expect_text_error("revolut",
                      "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,"
                      "State,Balance\nCARD_PAYMENT,Current,2026-06-15 25:05:12,,X,-1.00,0.00,EUR,"
                      "COMPLETED,1\n",
                      NULL,
                      "line 2, column Started Date: no such time of day (2026-06-15 25:05:12)");
    expect_text_error("uber", "City\n", "Mars/Olympus_Mons",
                      "--tz: no such time zone in the system's database (Europe/Prague, UTC) "
                      "(Mars/Olympus_Mons)");
    /* a merchant longer than any stored text */
    {
        size_t n = strlen(chase_head) + 5000;
        char *big = malloc(n + 64), *o = big;
        assert_non_null(big);
        o += sprintf(o, "%s05/02/2026,05/03/2026,", chase_head);
        memset(o, 'x', 4097);
        o += 4097;
        strcpy(o, ",Travel,Sale,-1.00,\n");
        expect_text_error("chase", big, NULL,
                          "line 2, column Description: longer than 4096 bytes "
                          "(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...)");
        free(big);
    }
    /* JPY has no minor unit */
    expect_text_error("revolut",
                      "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,"
                      "State,Balance\nCARD_PAYMENT,Current,2026-06-15 9:05:12,,X,-1500.5,0,JPY,"
                      "COMPLETED,1\n",
                      NULL, "line 2, column Amount: this currency has no minor unit (-1500.5)");
}

/* --decimal-comma and --delimiter override the profile's. */
static void test_overrides(void **state)
{
    static const char text[] = "Transaction Date;Post Date;Description;Category;Type;Amount;Memo\n"
                               "05/02/2026;05/03/2026;CAFE;Food;Sale;-4,75;\n";
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
    struct profile_opts o = {NULL, ';', 1};
    struct src_reader rd;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(profile_open("chase", fp, "t.csv", &o, &rd, &e), 0);
    assert_int_equal(rd.next(rd.self, &row, &e), 1);
    assert_int_equal(row.amount, 475);
    assert_int_equal(row.fate, SRC_SPEND);
    assert_int_equal(rd.next(rd.self, &row, &e), 0);
    rd.release(rd.self);
    fclose(fp);
}

/* Every built-in profile parses, and `import profiles` lists each name once (variants
 * not). */
static void test_builtins_and_list(void **state)
{
    char buf[4096];
    FILE *m = fmemopen(buf, sizeof buf, "w");
    (void)state;
    for (int i = 0; i < cs_profile_text_count; i++) {
        struct profile *p;
        struct cs_err e = CS_ERR_INIT;
        if (profile_parse(cs_profile_texts[i].text, cs_profile_texts[i].name, &p, &e))
            fail_msg("built-in %s: %s", cs_profile_texts[i].name, e.msg);
        profile_free(p);
    }
    assert_int_equal(cs_profile_text_count, 18); /* 14 names, four variants */
    profile_list(m);
    fclose(m);
    assert_string_equal(
        buf, "amex            American Express (charges positive, Reference as the id)\n"
             "capitalone      Capital One (Debit and Credit columns)\n"
             "chase-checking  Chase checking/savings (Details, Posting Date, ...; trailing "
             "comma)\n"
             "chase           Chase credit card (Transaction Date, Post Date, ..., purchases "
             "negative)\n"
             "ing-de          ING Germany (ISO-8859-1, preamble, -1.234,56)\n"
             "ing-nl          ING Netherlands (';', YYYYMMDD, Af/Bij, decimal comma)\n"
             "lyft-business   Lyft Business transaction report (tip rows folded into their "
             "ride)\n"
             "monzo           Monzo (Local amount and currency; Transaction ID as the id)\n"
             "n26             N26 (Booking Date, Partner Name, Amount (EUR))\n"
             "revolut         Revolut (State PENDING/REVERTED skipped, Fee added)\n"
             "sparkasse       Sparkasse CSV-CAMT (Windows-1252, dd.mm.yy, decimal comma)\n"
             "uber-business   Uber for Business transactions report (Trip/Eats ID; refunds "
             "negative)\n"
             "uber            Uber rider data download, trips_data.csv (legacy and 2023+ "
             "layouts)\n"
             "wise            Wise balance statement (TransferWise ID as the id)\n");
}

/* The parser's refusals name the profile, the line and the key. */
static void expect_parse_error(const char *text, const char *want)
{
    struct profile *p = NULL;
    struct cs_err e = CS_ERR_INIT;
    assert_int_equal(profile_parse(text, "my.profile", &p, &e), CS_EINPUT);
    assert_null(p);
    assert_string_equal(e.msg, want);
}

static void test_parse_errors(void **state)
{
    static const char base[] = "header = A, B\ndate = A\ndate_format = YYYY-MM-DD\n"
                               "amount = B\ncurrency = \"USD\"\n";
    char t[512];
    struct profile *p;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(profile_parse(base, "my.profile", &p, &e), 0);
    profile_free(p);
    expect_parse_error("header = A\nnonsense\n",
                       "profile my.profile, line 2, line: expected key = value (nonsense)");
    expect_parse_error("colour = red\n", "profile my.profile, line 1, colour: unknown key");
    snprintf(t, sizeof t, "%sdate_format = MM/DD/YY\n", base);
    expect_parse_error(t, "profile my.profile, line 6, date_format: given twice");
    snprintf(t, sizeof t, "%scurrency = \"USD\"\n", base);
    expect_parse_error(t, "profile my.profile, line 6, currency: given twice");
    expect_parse_error("header = A\ndate = A\ndate_format = MM/DD/YY\n",
                       "profile my.profile, line 3, date_format: not a known date format (see "
                       "import --help) (MM/DD/YY)");
    expect_parse_error("header = A\ndate = A\ndate_format = YYYYMMDD\namount = A\n",
                       "profile my.profile, line 4, currency: required (a column or a fixed "
                       "\"USD\")");
    expect_parse_error("currency = \"XYZ\"\n",
                       "profile my.profile, line 1, currency: not a known ISO 4217 currency "
                       "(XYZ)");
    expect_parse_error("category = \"food\"\n",
                       "profile my.profile, line 1, category: not a category (food)");
    expect_parse_error("skip = State is PENDING\n",
                       "profile my.profile, line 1, skip: a skip rule needs its reason after "
                       "':' (State is PENDING)");
    expect_parse_error("refund = State PENDING\n",
                       "profile my.profile, line 1, refund: expected [in|out] COLUMN is "
                       "PATTERN[|PATTERN...][: REASON] (State PENDING)");
    expect_parse_error("preamble = 21\n",
                       "profile my.profile, line 1, preamble: must be a number of lines, 0..20 "
                       "(21)");
    expect_parse_error("hook = mine\n", "profile my.profile, line 1, hook: must be uber or "
                                        "lyft-tips (mine)");
    snprintf(t, sizeof t, "%sdebit = C\n", base);
    expect_parse_error(t, "profile my.profile, line 6, amount: give amount, or debit and "
                          "credit, or amount and direction");
    expect_parse_error("encoding = ebcdic\n", "profile my.profile, line 1, encoding: must be "
                                              "utf-8, windows-1252 or iso-8859-1 (ebcdic)");
    expect_parse_error("fee = \"1.00\"\n", "profile my.profile, line 1, fee: must be a column, "
                                           "not a fixed text (\"1.00\")");
}

/* The date and amount readers of each convention, with the figures worked out. */
static void test_conventions(void **state)
{
    static const struct {
        int fmt;
        const char *in, *want;
    } dates[] = {
        {DATE_ISO, "2026-06-15", "2026-06-15"},
        {DATE_MDY_SLASH, "06/15/2026", "2026-06-15"},
        {DATE_DMY_SLASH, "15/06/2026", "2026-06-15"},
        {DATE_DMY_DASH, "15-06-2026", "2026-06-15"},
        {DATE_DMY_DOT, "15.06.2026", "2026-06-15"},
        {DATE_DMY_DOT2, "15.06.26", "2026-06-15"},
        {DATE_DMY_DOT2, "31.12.69", "2069-12-31"}, /* the pivot: 00..69 are 20xx */
        {DATE_DMY_DOT2, "01.01.70", "1970-01-01"},
        {DATE_YMD_PACKED, "20240229", "2024-02-29"},
        {DATE_ISO_TIME, "2021-09-06 6:11:59", "2021-09-06"},
        {DATE_ISO_TIME, "2021-09-06 16:11:59", "2021-09-06"},
        /* instants: the UTC date (profile.c makes it local) */
        {DATE_UTC_ZONE, "2018-08-17 03:50:18 +0000 UTC", "2018-08-17"},
        /* 23:50 at -05:00 is 04:50 UTC the next day */
        {DATE_UTC_ZONE, "2018-08-17 23:50:18 -0500 EST", "2018-08-18"},
        {DATE_ISO_UTC, "2026-06-20T06:41:12.250Z", "2026-06-20"},
    };
    static const struct {
        int fmt;
        const char *in, *msg;
    } bad[] = {
        {DATE_MDY_SLASH, "02/30/2026", "date: no such calendar date (02/30/2026)"},
        {DATE_MDY_SLASH, "2/3/2026", "date: not a date in MM/DD/YYYY form (2/3/2026)"},
        {DATE_YMD_PACKED, "20230229", "date: no such calendar date (20230229)"},
        {DATE_ISO_TIME, "2021-09-06 6:61:00", "date: no such time of day (2021-09-06 6:61:00)"},
        {DATE_UTC_ZONE, "2018-08-17 03:50:18",
         "date: not a date in YYYY-MM-DD HH:MM:SS +0000 "
         "UTC form (2018-08-17 03:50:18)"},
    };
    static const struct {
        const char *in;
        int digits, dec, thou;
        int64_t want;
    } amounts[] = {
        {"-1.234,56", 2, ',', '.', -123456},
        {"1,234.56", 2, '.', ',', 123456},
        {"-1234,56", 2, ',', 0, -123456},
        {"5.1", 2, '.', 0, 510},
        {"23", 2, '.', 0, 2300},
        {"+0,5", 2, ',', 0, 50},
        {"1500", 0, '.', ',', 1500},
        {"1.250", 3, '.', 0, 1250},
        {"1 234 567.89", 2, '.', ' ', 123456789},
    };
    static const struct {
        const char *in;
        int digits, dec, thou;
        const char *msg;
    } bad_amounts[] = {
        {"12.345", 2, '.', 0, "amount: at most 2 decimals in this currency (12.345)"},
        {"12,34.56", 2, '.', ',', "amount: thousands separators in the wrong place (12,34.56)"},
        {"1234.56", 2, ',', '.', "amount: thousands separators in the wrong place (1234.56)"},
        {"1,5", 2, '.', 0, "amount: not an amount (1,5)"},
        {"--5", 2, '.', 0, "amount: not an amount (--5)"},
        {"5.", 2, '.', 0, "amount: not a decimal number (5.)"},
        {"", 2, '.', 0, "amount: an amount is required ()"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        struct cs_date d;
        struct cs_err e = CS_ERR_INIT;
        char buf[11];
        long long secs;
        if (date_parse_fmt(dates[i].in, dates[i].fmt, &d, &secs, "date", &e))
            fail_msg("%s: %s", dates[i].in, e.msg);
        date_format(d, buf);
        assert_string_equal(buf, dates[i].want);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct cs_date d;
        struct cs_err e = CS_ERR_INIT;
        assert_int_equal(date_parse_fmt(bad[i].in, bad[i].fmt, &d, NULL, "date", &e), CS_EINPUT);
        assert_string_equal(e.msg, bad[i].msg);
    }
    for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
        int64_t v;
        struct cs_err e = CS_ERR_INIT;
        if (money_parse_sep(amounts[i].in, amounts[i].digits, amounts[i].dec, amounts[i].thou, &v,
                            "amount", &e))
            fail_msg("%s: %s", amounts[i].in, e.msg);
        assert_int_equal(v, amounts[i].want);
    }
    for (size_t i = 0; i < sizeof bad_amounts / sizeof bad_amounts[0]; i++) {
        int64_t v;
        struct cs_err e = CS_ERR_INIT;
        assert_int_equal(money_parse_sep(bad_amounts[i].in, bad_amounts[i].digits,
                                         bad_amounts[i].dec, bad_amounts[i].thou, &v, "amount", &e),
                         CS_EINPUT);
        assert_string_equal(e.msg, bad_amounts[i].msg);
    }
    /* 2026-06-14 22:05:11 UTC is 00:05 on the 15th in Prague, 15:05 on the 14th in Los
     * Angeles; TZ is put back as it was */
    {
        struct cs_date d;
        long long t = 1781474711; /* 2026-06-14 22:05:11 UTC: 20618 days * 86400 + 79511 */
        const char *before = getenv("TZ");
        char *was = before ? strdup(before) : NULL;
        assert_int_equal(t, 20618LL * 86400 + 22 * 3600 + 5 * 60 + 11);
        assert_int_equal(date_local_of(t, "Europe/Prague", &d), 0);
        assert_int_equal(d.d, 15);
        assert_int_equal(date_local_of(t, "America/Los_Angeles", &d), 0);
        assert_int_equal(d.d, 14);
        assert_int_equal(date_local_of(t, "UTC", &d), 0);
        assert_int_equal(d.d, 14);
        if (was)
            assert_string_equal(getenv("TZ"), was);
        else
            assert_null(getenv("TZ"));
        free(was);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uber_legacy),   cmocka_unit_test(test_uber_legacy_other_zone),
        cmocka_unit_test(test_uber_2023),     cmocka_unit_test(test_uber_business),
        cmocka_unit_test(test_lyft_business), cmocka_unit_test(test_lyft_keys_once),
        cmocka_unit_test(test_chase),         cmocka_unit_test(test_chase_checking),
        cmocka_unit_test(test_amex),          cmocka_unit_test(test_capitalone),
        cmocka_unit_test(test_revolut),       cmocka_unit_test(test_n26),
        cmocka_unit_test(test_monzo),         cmocka_unit_test(test_wise),
        cmocka_unit_test(test_ing_nl),        cmocka_unit_test(test_ing_de),
        cmocka_unit_test(test_sparkasse),     cmocka_unit_test(test_readme_profile),
        cmocka_unit_test(test_bom_is_utf8),   cmocka_unit_test(test_auto_generic),
        cmocka_unit_test(test_errors),        cmocka_unit_test(test_cell_errors),
        cmocka_unit_test(test_overrides),     cmocka_unit_test(test_builtins_and_list),
        cmocka_unit_test(test_parse_errors),  cmocka_unit_test(test_conventions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
