#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# import ofx end to end on the reader's test files (tests/data/ofx/, each worked out in
# tests/unit/test_ofx.c): the expenses a person would write down from a QFX card statement,
# an OFX 2.x bank statement read from standard input and a JPY statement; the written date
# wins over libofx's UTC one; a card payment written as a CREDIT is skipped by the built-in
# rule; a hand-typed dinner is matched, not added twice; re-importing adds nothing; undo
# takes the import back; --dry-run's fates; libofx's own messages never reach stderr; and
# the errors: exit 2, one line naming the transaction and the field, nothing written.
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/data/ofx
QFX=$D/card.qfx

cs trip add pyohio --name PyOhio --start 2025-06-01 --end 2025-06-04 >/dev/null # change 1
# typed by hand on the night: the team dinner (no trip: no active trip, no --trip)
cs add meal 64.30 --date 2025-06-02 --merchant "Lou Malnati's" >/dev/null # id 1, change 2

# card.qfx's three transactions, by hand:
#   1 DEBIT -64.30 DTPOSTED 20250602233000.000[-5:CDT]: 23:30 in Chicago on 06-02 (libofx: 04:30
#     UTC on 06-03); the written 06-02 is the date. Expense 1: USD, 64.30, 0 days apart, both
#     merchants have "LOU" and "MALNATI" -> matched 1 (no rule: category other)
#   2 DEBIT -9.99 "LYFT   *RIDE TUE 7PM" on 06-03: built-in rule LYFT*RIDE* -> a lyft ride, new,
#     in pyohio (06-01..06-04)
#   3 CREDIT +74.29 "PAYMENT - THANK YOU" on 06-04: money in; built-in *PAYMENT*THANK YOU* ->
#     skipped (card payment); the dry run shows money in negative
FATES="line,result,date,category,amount,currency,merchant,expense
1,matched,2025-06-02,other,64.30,USD,LOU MALNATI S PIZZERIA,1
2,new,2025-06-03,ride,9.99,USD,LYFT   *RIDE TUE 7PM,
3,skipped (card payment),2025-06-04,,-74.29,USD,PAYMENT - THANK YOU,"
before=$(db_state)
expect_csv "dry run: each transaction's fate" "$FATES" cs import ofx "$QFX" --dry-run
expect_out "dry run: the summary on stderr" \
  "dry run: would import 1, match 1, present 0, skip 1 (card payment 1); nothing written" \
  sh -c '"$CONFSPEND" import ofx "$1" --dry-run 2>&1 >/dev/null' _ "$QFX"
check "dry run: nothing written" "$before" = "$(db_state)"

expect_out "import the QFX" "imported 1, matched 1, present 0, skipped 1 (card payment 1)" \
  cs import ofx "$QFX"
expect_csv "the expenses: the typed dinner as typed, the Lyft ride from the statement" \
  "id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip
1,2025-06-02,meal,64.30,USD,Lou Malnati's,,,no,,,,,
2,2025-06-03,ride,9.99,USD,LYFT   *RIDE TUE 7PM,,pyohio,no,lyft,,,," cs list --format csv
expect_out "the dinner is confirmed by the card's row, keyed by account:FITID" \
  "2025-06-02 LOU MALNATI S PIZZERIA|379912345671002:320251530239441001" \
  sql "SELECT statement, key FROM statement_match WHERE expense_id = 1"
expect_out "the ride's key is its account:FITID" "379912345671002:320251540239441002" \
  sql "SELECT import_key FROM expense WHERE id = 2"
expect_out "again: nothing added" "imported 0, matched 0, present 2, skipped 1 (card payment 1)" \
  cs import ofx "$QFX"
expect_out "the re-import is no change" "3" sql "SELECT max(id) FROM change"
expect_out "undo takes the import back" \
  "undid change 3: import 1 expense from $QFX, 1 matched" cs undo
expect_out "after undo: the dinner as typed, unconfirmed, and no ride" "1|||meal" \
  sql "SELECT e.id, m.statement, m.key, category FROM expense e LEFT JOIN statement_match m ON m.expense_id = e.id"

# bank-xml.ofx on standard input (OFX 2.x XML, checking account "121000358  000123456789",
# libofx's BANKID + BRANCHID + ACCTID):
#   1 POS -12.50 on 05-19 (08:30 PDT), MEMO with &lt; &gt; &amp; decoded -> new, other
#   2 XFER +200.00 from savings -> skipped (transfer)
#   3 DEBIT -35.00 in its own <CURRENCY> EUR -> 35.00 EUR, not USD
#   4 CHECK -80 -> 80.00 USD
# libofx says "ERROR: WRITEME: CURRATE ... is not supported" for 3 and still reads it: none
# of that reaches stderr.
expect_out "bank statement from standard input" \
  "imported 3, matched 0, present 0, skipped 1 (transfer 1)" \
  sh -c '"$CONFSPEND" import ofx - <"$1"' _ "$D/bank-xml.ofx"
check "libofx's messages do not reach stderr" "$(cat "$TMP/err")" = ""
expect_out "the bank's expenses, EUR for the transaction in its own currency" \
  "3|2025-05-19|other|1250|USD|BLUE BOTTLE COFFEE|José <double espresso> & croissant|121000358  000123456789:BOA-20250519-0001
4|2025-05-21|other|3500|EUR|CAFE DE FLORE PARIS||121000358  000123456789:BOA-20250521-0003
5|2025-05-23|other|8000|USD|CHECK 1042||121000358  000123456789:BOA-20250523-0004" \
  sql "SELECT id, date, category, amount, currency, merchant, coalesce(note, ''), import_key FROM expense WHERE id > 2 ORDER BY id"

# jpy.ofx: JPY has no minor digits: -1500 is 1500 yen, -2980.00 is 2980; 08:30 in Tokyo on
# 04-10 is 04-09 in UTC, the written 04-10 wins
expect_csv "JPY statement: whole yen, the written date" \
  "line,result,date,category,amount,currency,merchant,expense
1,new,2025-04-10,other,1500,JPY,JR EAST SUICA CHARGE,
2,new,2025-04-11,other,2980,JPY,ICHIRAN SHIBUYA," cs import ofx "$D/jpy.ofx" --dry-run

# --- errors: exit 2, one line, nothing written (expect_fail checks all three) -------------
hdr='OFXHEADER:100
DATA:OFXSGML
VERSION:102

<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20250601<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><CCSTMTRS><CURDEF>USD<CCACCTFROM><ACCTID>4111</CCACCTFROM>
<BANKTRANLIST><DTSTART>20250501<DTEND>20250531'
tail='</BANKTRANLIST><LEDGERBAL><BALAMT>0<DTASOF>20250531</LEDGERBAL></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>'
ok1='<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250516<TRNAMT>-42.10<FITID>F1<NAME>CAFE</STMTTRN>'
printf '%s\n%s\n%s\n%s\n' "$hdr" "$ok1" '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1.005<FITID>F2</STMTTRN>' "$tail" >"$TMP/decimals.ofx"
printf '%s\n%s\n%s\n%s\n' "$hdr" "$ok1" '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1<NAME>X</STMTTRN>' "$tail" >"$TMP/nofitid.ofx"
printf '%s\n%s\n%s\n%s\n' "$hdr" "$ok1" '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-1<FITID>F2<FOO>x</STMTTRN>' "$tail" >"$TMP/foo.ofx"
printf '%s\n%s\n' "$hdr" "$ok1" >"$TMP/cut.ofx"
# one FITID for two transactions (another amount): refused, not one of them taken as present
printf '%s\n%s\n%s\n%s\n' "$hdr" "$ok1" '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250517<TRNAMT>-3.00<FITID>F1<NAME>BUS</STMTTRN>' "$tail" >"$TMP/dupfitid.ofx"
before=$(db_state)
expect_fail "a truncated file names the transaction and the field" 2 \
  "confspend: transaction 3, TRNAMT: missing (the file is cut short)" cs import ofx "$D/truncated.ofx"
expect_fail "a file cut after a whole transaction" 2 \
  "confspend: ofx: cut short: no </OFX> at its end ($TMP/cut.ofx)" cs import ofx "$TMP/cut.ofx"
expect_fail "one FITID, two transactions" 2 \
  "confspend: transaction 2, FITID: read before in this file with another date or amount (one id, two transactions) (4111:F1)" \
  cs import ofx "$TMP/dupfitid.ofx"
expect_fail "one FITID, two transactions: the dry run too" 2 \
  "confspend: transaction 2, FITID: read before in this file with another date or amount (one id, two transactions) (4111:F1)" \
  cs import ofx "$TMP/dupfitid.ofx" --dry-run
expect_fail "a transaction without FITID" 2 "confspend: transaction 2, FITID: missing" \
  cs import ofx "$TMP/nofitid.ofx"
expect_fail "an amount that is not whole cents" 2 \
  "confspend: transaction 2 (FITID F2), TRNAMT: more decimals than USD has (2) (-1.005)" \
  cs import ofx "$TMP/decimals.ofx"
expect_fail "what libofx refuses, on its transaction" 2 \
  'confspend: transaction 2 (FITID F2): libofx cannot read it: element "FOO" undefined' \
  cs import ofx "$TMP/foo.ofx"
expect_fail "a file that is not OFX" 2 \
  "confspend: ofx: not an OFX or QFX file: no <OFX> element ($D/not-ofx.csv)" \
  cs import ofx "$D/not-ofx.csv"
expect_fail "not OFX on standard input" 2 "not an OFX or QFX file" \
  sh -c '"$CONFSPEND" import ofx - <"$1"' _ "$D/not-ofx.csv"
expect_fail "a file that is not there: exit 1" 1 \
  "confspend: import: cannot open: No such file or directory ($TMP/none.ofx)" \
  cs import ofx "$TMP/none.ofx"
check "after the errors: the same database" "$before" = "$(db_state)"
# the same transaction twice in one file (a statement exported with a row repeated): one row
printf '%s\n%s\n%s\n%s\n' "$hdr" "$ok1" "$ok1" "$tail" >"$TMP/twice.ofx"
expect_out "one transaction written twice: imported once, the repeat present" \
  "imported 1, matched 0, present 1, skipped 0" cs import ofx "$TMP/twice.ofx"
finish
