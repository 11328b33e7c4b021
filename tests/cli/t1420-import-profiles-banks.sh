#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The European bank profiles end to end through the CLI (as t1410 does for the ride and
# US card profiles): revolut, n26 (and its two older layouts), monzo, wise, ing-nl (and
# ing-nl-comma), ing-de, sparkasse, each on a fresh database: the fate lines through auto
# and by name, the import's counts, every stored cell, re-import adds nothing, undo takes
# it back. Then the error files: exit 2, the one-line message with its line and field,
# nothing written.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

# --- revolut: Started Date (one-digit hours), Fee added, State PENDING/REVERTED skipped --
#   2: TOPUP 200.00: skipped (top-up)          3: EXCHANGE -50.00: skipped (exchange)
#   4: CARD_PAYMENT -18.40 + fee 0.00 at Café Louvre, 2026-06-15 9:05:12: 1840 spent
#   5: -420.00 CZK, State PENDING: skipped     6: -12.00, State REVERTED: skipped
#   7: ATM -1000.00 CZK + fee 45.00 = 1045.00: skipped (cash withdrawal: logged when spent)
#   8: CARD_REFUND 4.40: a refund, -440
#   9: CARD_PAYMENT -25.00 + fee 0.50 = 25.50 spent: 2550
#  10: TRANSFER -30.00 to a person: skipped (transfer)
# No note column: the notes are empty; no rule matches: other.
fresh revolut
check_profile revolut revolut.csv \
  "2,skipped (top-up),2026-06-14,,200.00,EUR,Top-Up by *1234,
3,skipped (exchange),2026-06-14,,50.00,EUR,Exchanged to CZK,
4,new,2026-06-15,other,18.40,EUR,Café Louvre,
5,skipped (pending),2026-06-15,,420.00,CZK,Lokál Dlouhá,
6,skipped (reverted),2026-06-15,,12.00,EUR,Hotel Minibar,
7,skipped (cash withdrawal),2026-06-16,,1045.00,CZK,Cash at Euronet,
8,new,2026-06-17,other,-4.40,EUR,Café Louvre,
9,new,2026-06-17,other,25.50,EUR,Prague Airport Shop,
10,skipped (transfer),2026-06-18,,30.00,EUR,To JOHN SMITH," \
  "imported 3, matched 0, present 0, skipped 6 (top-up 1, exchange 1, pending 1, reverted 1, cash withdrawal 1, transfer 1)" \
  "1|2026-06-15|1840|EUR|Café Louvre||other||||||0|statement
2|2026-06-17|-440|EUR|Café Louvre||other||||||0|statement
3|2026-06-17|2550|EUR|Prague Airport Shop||other||||||0|statement" \
  "imported 0, matched 0, present 3, skipped 6 (top-up 1, exchange 1, pending 1, reverted 1, cash withdrawal 1, transfer 1)"

# --- n26: the account's Amount (EUR), Partner Name, Payment Reference as the note -------
#   2: -32.50 EUR at Restaurace U Fleků: 3250 (the card's -812.5 CZK original is not what
#      the account paid)
#   3: Income 3200.00: skipped (income or transfer)
#   4: 5.00 back from the restaurant: a refund, -500
#   5: Debit Transfer -40.00 to Jana Nováková, "Concert tickets": money spent, 4000
fresh n26
check_profile n26 n26.csv \
  "2,new,2026-06-15,other,32.50,EUR,Restaurace U Fleků,
3,skipped (income or transfer),2026-06-16,,3200.00,EUR,ACME GmbH,
4,new,2026-06-17,other,-5.00,EUR,Restaurace U Fleků,
5,new,2026-06-18,other,40.00,EUR,Jana Nováková," \
  "imported 3, matched 0, present 0, skipped 1 (income or transfer 1)" \
  "1|2026-06-15|3250|EUR|Restaurace U Fleků||other||||||0|statement
2|2026-06-17|-500|EUR|Restaurace U Fleků||other||||||0|statement
3|2026-06-18|4000|EUR|Jana Nováková|Concert tickets|other||||||0|statement" \
  "imported 0, matched 0, present 3, skipped 1 (income or transfer 1)"

# --- n26, the older 10-column layouts, English (n26-old) and German (n26-old-de) --------
#   2: -12.8 at Café Central: 12.80 spent, 1280     3: Income 2500.0: skipped
#   4: 2.3 back on the card: a refund of 2.30, -230
# Found by auto, by `--profile n26`, and by the variant's own name.
N26_OLD_FATES="2,new,2019-05-10,other,12.80,EUR,Café Central,
3,skipped (income or transfer),2019-05-11,,2500.00,EUR,ACME GmbH,
4,new,2019-05-12,other,-2.30,EUR,Café Central,"
N26_OLD_ROWS="1|2019-05-10|1280|EUR|Café Central||other||||||0|statement
2|2019-05-12|-230|EUR|Café Central||other||||||0|statement"
for v in n26-old n26-old-de; do
  for name in n26 $v; do
    fresh "$v-$name"
    check_profile "$name" "$v.csv" "$N26_OLD_FATES" \
      "imported 2, matched 0, present 0, skipped 1 (income or transfer 1)" "$N26_OLD_ROWS" \
      "imported 0, matched 0, present 2, skipped 1 (income or transfer 1)"
  done
done

# --- monzo: DD/MM/YYYY, the Local amount and currency, Transaction ID as the key --------
#   2: -6.45 GBP at Pret A Manger, note "#conf": 645 GBP
#   3: in Prague: Local amount -480.00 CZK (16.92 GBP to the account): 48000 CZK, what the
#      receipt says
#   4: pot_transfer -50.00: skipped (transfer)    5: income 1500.00: skipped
#   6: 2.00 back at Pret: a refund, -200 GBP
MONZO_FATES="2,new,2026-06-14,other,6.45,GBP,Pret A Manger,
3,new,2026-06-15,other,480.00,CZK,Lokál,
4,skipped (transfer),2026-06-16,,50.00,GBP,Savings,
5,skipped (income or transfer),2026-06-17,,1500.00,GBP,ACME LTD,
6,new,2026-06-18,other,-2.00,GBP,Pret A Manger,"
MONZO_IMPORTED="imported 3, matched 0, present 0, skipped 2 (transfer 1, income or transfer 1)"
MONZO_ROWS="1|2026-06-14|645|GBP|Pret A Manger|#conf|other||||||0|statement
2|2026-06-15|48000|CZK|Lokál||other||||||0|statement
3|2026-06-18|-200|GBP|Pret A Manger||other||||||0|statement"
MONZO_AGAIN="imported 0, matched 0, present 3, skipped 2 (transfer 1, income or transfer 1)"
fresh monzo
WANT_KEYS="1|tx_0000AbC1
2|tx_0000AbC2
3|tx_0000AbC5" check_profile monzo monzo.csv \
  "$MONZO_FATES" "$MONZO_IMPORTED" "$MONZO_ROWS" "$MONZO_AGAIN"
# the same rows as the app writes them (hledger's sample row): `Card payment`, `Pot
# transfer`; the same fates, the 2.00 back at Pret still a refund, not money in skipped
fresh monzo-app
check_profile monzo monzo-app.csv \
  "$MONZO_FATES" "$MONZO_IMPORTED" "$MONZO_ROWS" "$MONZO_AGAIN"

# --- wise: a BOM, every cell quoted, DD-MM-YYYY, TransferWise ID as the key -------------
#   2: CONVERSION of 100.00 USD: skipped (exchange)
#   3: CARD -22.00 EUR at Kavarna Slavia (the Merchant column), Note "team coffee": 2200
#   4: TRANSFER -50.00 to John Smith (the payee as merchant): skipped (transfer)
#   5: CARD 5.50 back from Kavarna Slavia: a refund, -550
fresh wise
WANT_KEYS="1|CARD-123456789
2|CARD-444444" check_profile wise wise.csv \
  "2,skipped (exchange),2026-06-14,,100.00,USD,Converted 100.00 USD to 91.42 EUR,
3,new,2026-06-15,other,22.00,EUR,Kavarna Slavia,
4,skipped (transfer),2026-06-16,,50.00,EUR,John Smith,
5,new,2026-06-17,other,-5.50,EUR,Kavarna Slavia," \
  "imported 2, matched 0, present 0, skipped 2 (exchange 1, transfer 1)" \
  "1|2026-06-15|2200|EUR|Kavarna Slavia|team coffee|other||||||0|statement
2|2026-06-17|-550|EUR|Kavarna Slavia||other||||||0|statement" \
  "imported 0, matched 0, present 2, skipped 2 (exchange 1, transfer 1)"

# --- ing-nl: ';' (and the older ',' layout, ing-nl-comma), YYYYMMDD, Af/Bij, 23,45 -------
#   2: Af 23,45 at Albert Heijn (Code BA): 2345, note the Mededelingen
#   3: Af 50,00, Code GM (a cash machine): skipped (cash withdrawal)
#   4: Bij 2500,00 salary (OV): skipped (income or transfer)
#   5: Bij 3,10 at the card terminal (BA), "Retour": a refund, -310
ING_NL_FATES="2,new,2026-06-12,other,23.45,EUR,Albert Heijn 1234 AMSTERDAM,
3,skipped (cash withdrawal),2026-06-13,,50.00,EUR,ING BANK NV GELDAUTOMAAT,
4,skipped (income or transfer),2026-06-14,,2500.00,EUR,ACME BV,
5,new,2026-06-15,other,-3.10,EUR,Albert Heijn 1234 AMSTERDAM,"
ING_NL_ROWS="1|2026-06-12|2345|EUR|Albert Heijn 1234 AMSTERDAM|Pasvolgnr: 001 12-06-2026 18:03|other||||||0|statement
2|2026-06-15|-310|EUR|Albert Heijn 1234 AMSTERDAM|Retour|other||||||0|statement"
for case in "ing-nl ing-nl" "ing-nl-comma ing-nl" "ing-nl-comma ing-nl-comma"; do
  set -- $case
  fresh "$1-$2"
  check_profile "$2" "$1.csv" "$ING_NL_FATES" \
    "imported 2, matched 0, present 0, skipped 2 (cash withdrawal 1, income or transfer 1)" \
    "$ING_NL_ROWS" \
    "imported 0, matched 0, present 2, skipped 2 (cash withdrawal 1, income or transfer 1)"
done

# --- ing-de: ISO-8859-1, CRLF, 14 preamble lines (header on line 15), -1.234,56 ---------
# Newest first, as the bank writes it; the second Währung is the amount's.
#  16: -45,90 at Café Savoy: 4590          17: -1.234,50 (a thousands dot): 123450
#  18: Gehalt/Rente 3.000,00: skipped      19: Bargeldauszahlung -100,00: skipped (cash)
#  20: Gutschrift 12,00 from Café Savoy: a refund, -1200
# The single bytes 0xE9, 0xE1, 0xDC are é, á, Ü in UTF-8.
fresh ing-de
check_profile ing-de ing-de.csv \
  "16,new,2026-06-18,other,45.90,EUR,Café Savoy,
17,new,2026-06-17,other,1234.50,EUR,Hotel Mánes,
18,skipped (income or transfer),2026-06-16,,3000.00,EUR,ACME GmbH,
19,skipped (cash withdrawal),2026-06-15,,100.00,EUR,ING,
20,new,2026-06-14,other,-12.00,EUR,Café Savoy," \
  "imported 3, matched 0, present 0, skipped 2 (income or transfer 1, cash withdrawal 1)" \
  "1|2026-06-18|4590|EUR|Café Savoy|VISA Café Savoy Praha|other||||||0|statement
2|2026-06-17|123450|EUR|Hotel Mánes|Buchung 4711 Übernachtung|other||||||0|statement
3|2026-06-14|-1200|EUR|Café Savoy|Erstattung|other||||||0|statement" \
  "imported 0, matched 0, present 3, skipped 2 (income or transfer 1, cash withdrawal 1)"

# --- sparkasse: Windows-1252 (the euro sign is 0x80, Ü 0xDC), dd.mm.yy, 51,20 ------------
#   2: 15.06.26 = 2026-06-15, -51,20 at Restaurant Kampa: 5120, the Verwendungszweck as note
#   3: "Umsatz vorgemerkt": skipped (pending)
#   4: LOHN GEHALT 2850,00: skipped (income or transfer)
#   5: BARGELDAUSZAHLUNG -200,00, no payee (no merchant): skipped (cash withdrawal)
#   6: 19.06.26, 8,80 back from Restaurant Kampa: a refund, -880
fresh sparkasse
check_profile sparkasse sparkasse.csv \
  "2,new,2026-06-15,other,51.20,EUR,Restaurant Kampa,
3,skipped (pending),2026-06-16,,62.35,EUR,Shell Übersee,
4,skipped (income or transfer),2026-06-17,,2850.00,EUR,ACME GmbH,
5,skipped (cash withdrawal),2026-06-18,,200.00,EUR,,
6,new,2026-06-19,other,-8.80,EUR,Restaurant Kampa," \
  "imported 2, matched 0, present 0, skipped 3 (pending 1, income or transfer 1, cash withdrawal 1)" \
  "1|2026-06-15|5120|EUR|Restaurant Kampa|2026-06-14T19:22 Debitk.1 Restaurant Kampa 51,20 € Kurs 24,41|other||||||0|statement
2|2026-06-19|-880|EUR|Restaurant Kampa|Erstattung Restaurant Kampa|other||||||0|statement" \
  "imported 0, matched 0, present 2, skipped 3 (pending 1, income or transfer 1, cash withdrawal 1)"

# --- the error files: exit 2, one line naming the line and field, nothing written ------
# A database with something in it (the chase card file: 4 expenses), so that "nothing
# written" is checked against a dump that is not empty.
fresh errors
expect_out "errors: a database with content" \
  "imported 4, matched 0, present 0, skipped 1 (card payment 1)" cs import csv "$DATA/chase.csv"
# err "what" "message" FILE [ARGS...]: the import and its dry run both refuse. The import
# prints nothing on stdout; the dry run streams the fate lines of the rows before a bad
# one (stdout only; the database is untouched either way).
err() {
  local what=$1 msg=$2 file=$DATA/$3
  shift 3
  expect_fail_silent "$what" 2 "confspend: $msg" cs import csv "$file" "$@"
  expect_fail "$what (dry run)" 2 "confspend: $msg" cs import csv "$file" --dry-run "$@"
}
err "a header in no known layout" \
  "import: $DATA/unknown-layout.csv is in no known layout (import profiles lists them); its first line (Foo,Bar,Baz)" \
  unknown-layout.csv
# line 2 (02/28/2026) is good; line 3's 02/30/2026 is not a date: line 2 is not written either
err "February 30th" "line 3, column Transaction Date: no such calendar date (02/30/2026)" \
  bad-date.csv
err "three decimals in USD" \
  "line 2, column Amount: at most 2 decimals in this currency (-12.345)" bad-amount.csv
# the byte 0xFF after CAF is not UTF-8 (it is shown escaped)
err "a byte that is not UTF-8" "line 3, column Description: not valid UTF-8 text (CAF\\xff)" \
  bad-utf8.csv
# 0x81 is one of the five bytes Windows-1252 leaves undefined
err "a byte that is not Windows-1252" \
  "line 2, column Verwendungszweck: a byte that is not windows-1252 text (\\x81)" \
  bad-cp1252.csv --profile sparkasse
# the quoted Extended Details opened on line 2 never closes
err "a file cut inside a quoted cell" \
  "line 2, column Extended Details: unterminated quoted field" truncated.csv
err "a profile file naming a column the file lacks" \
  "import: profile 'chase-memo' names a column the header of $DATA/chase.csv lacks (header: Transaction Date,Post Date,Description,Category,Type,Amount,Memo) (Memo Text)" \
  chase.csv --profile "$DATA/missing-column.profile"
err "an amex file through --profile chase" \
  "import: $DATA/amex.csv is not a 'chase' file: no header within its first 1 lines matches the profile's; its first line (Date,Description,Card Member,Account #,Amount,Extended Detai...)" \
  amex.csv --profile chase
err "no such profile" \
  "--profile: no such profile (import profiles lists them; or a FILE.profile) (nosuch)" \
  chase.csv --profile nosuch
expect_out "errors: still the 4 expenses of the first import, one change" "4|1" \
  sql "SELECT (SELECT count(*) FROM expense), (SELECT count(*) FROM change)"
# on a database that does not exist yet, a refused import does not make one
fresh none
expect_fail_silent "a bad file on no database" 2 \
  "confspend: line 3, column Transaction Date: no such calendar date (02/30/2026)" \
  cs import csv "$DATA/bad-date.csv"
check "a bad file on no database: no database made" "$(db_state)" = absent
finish
