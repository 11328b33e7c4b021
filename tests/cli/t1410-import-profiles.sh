#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every built-in import profile, end to end through the CLI, each on a fresh database:
# its test file (tests/data/profiles/, real headers, invented rows) through --profile auto
# and through --profile NAME gives the same fate lines (--dry-run, nothing written); the
# import's counts; every stored expense cell by cell (date, amount with sign in minor
# units, currency, merchant, note, category, provider, from/to, tip, trip, reimbursable,
# source); a re-import adds nothing (every row present); undo takes the import back.
# The European banks and the error files are in t1420. (The same rows are checked field by field in tests/unit/test_profile.c; the
# figures below are re-derived from the files' rows in the comments.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

# --- uber, the legacy trips_data.csv, --tz Europe/Prague (summer: UTC+2) ---------------
# A trip "prague" 2026-06-14..2026-06-20 is made first (change 1): the Prague rows get it,
# the San Francisco ride (May 1st) does not.
#   2: COMPLETED UberX, Begin Trip 2026-06-14 22:05:11 UTC = 00:05 on the 15th in Prague;
#      Fare 512.5 CZK = 51250; from/to the Begin Trip / Dropoff addresses; note UberX
#   3: "UberEATS Marketplace" contains "eats": a meal at Uber Eats, 389 CZK = 38900, no
#      provider (not a ride), and no from/to (a meal)
#   4: CANCELED, fare 0: skipped (cancelled, no fee), dated by Request Time 07:00 UTC = 09:00
#      on the 16th
#   5: CANCELED with 80 CZK: a ride, note "cancellation fee", dated by Request Time 22:30 UTC
#      = 00:30 on the 17th; its addresses are empty in the file
#   6: COMPLETED Comfort in San Francisco, Begin 2026-05-01 02:20 UTC = 04:20 in Prague, so
#      still May 1st; 23 USD = 2300
fresh uber
# shellcheck disable=SC2034 # read by check_profile
WANT_LIST='4,2026-05-01,ride,23.00,USD,Uber,Comfort,,no,uber,"1 Market St, San Francisco, CA","SFO Terminal 2, San Francisco, CA",,
1,2026-06-15,ride,512.50,CZK,Uber,UberX,prague,no,uber,"Václavské nám. 1, Praha","Letiště Václava Havla, Praha",,
2,2026-06-15,meal,389.00,CZK,Uber Eats,UberEATS Marketplace,prague,no,,,,,
3,2026-06-17,ride,80.00,CZK,Uber,cancellation fee,prague,no,uber,,,,'
cs trip add prague --name "Prague" --start 2026-06-14 --end 2026-06-20 >/dev/null
CHANGE=2 check_profile uber uber-trips_data.csv \
  "2,new,2026-06-15,ride,512.50,CZK,Uber,
3,new,2026-06-15,meal,389.00,CZK,Uber Eats,
4,\"skipped (cancelled, no fee)\",2026-06-16,,0.00,CZK,Uber,
5,new,2026-06-17,ride,80.00,CZK,Uber,
6,new,2026-05-01,ride,23.00,USD,Uber," \
  "imported 4, matched 0, present 0, skipped 1 (cancelled, no fee 1)" \
  "1|2026-06-15|51250|CZK|Uber|UberX|ride|uber|Václavské nám. 1, Praha|Letiště Václava Havla, Praha||1|0|export
2|2026-06-15|38900|CZK|Uber Eats|UberEATS Marketplace|meal|||||1|0|export
3|2026-06-17|8000|CZK|Uber|cancellation fee|ride|uber||||1|0|export
4|2026-05-01|2300|USD|Uber|Comfort|ride|uber|1 Market St, San Francisco, CA|SFO Terminal 2, San Francisco, CA|||0|export" \
  "imported 0, matched 0, present 4, skipped 1 (cancelled, no fee 1)" \
  --tz Europe/Prague

# The same file in --tz America/Los_Angeles (UTC-7): the Prague ride began at 15:05 on the
# 14th, the paid cancellation was requested at 15:30 on the 16th, the San Francisco ride
# at 19:20 on April 30th; the Eats order (10:30 UTC = 03:30) stays on the 15th.
unset WANT_LIST
fresh uber-la
expect_out "uber, another zone: the import" \
  "imported 4, matched 0, present 0, skipped 1 (cancelled, no fee 1)" \
  cs import csv "$DATA/uber-trips_data.csv" --tz America/Los_Angeles
expect_out "uber, another zone: each ride on its local day there" \
  "1|2026-06-14|51250
2|2026-06-15|38900
3|2026-06-16|8000
4|2026-04-30|2300" sql "SELECT id, date, amount FROM expense ORDER BY id"
# a completed trip whose Begin Trip Time is the 1970 placeholder: dated by its Request Time
# (2026-06-18 03:00 UTC = 20:00 on the 17th in Los Angeles), not 1969-12-31 (the
# placeholder's own date west of UTC)
{ head -1 "$DATA/uber-trips_data.csv"
  echo 'Prague,UberX,COMPLETED,2026-06-18 03:00:00 +0000 UTC,1970-01-01 00:00:00 +0000 UTC,0,0,,1970-01-01 00:00:00 +0000 UTC,0,0,,0,99,CZK'; } >"$TMP/uber-epoch.csv"
expect_csv "uber, the 1970 placeholder west of UTC: the request's day" \
  "line,result,date,category,amount,currency,merchant,expense
2,new,2026-06-17,ride,99.00,CZK,Uber," cs import csv "$TMP/uber-epoch.csv" --dry-run --tz America/Los_Angeles

# --- uber, the 2023+ layout (its variant uber-2023), --tz Europe/Prague ----------------
#   2: completed UberX, begintrip 2026-06-18T23:15Z = 01:15 on the 19th; 14.2 EUR = 1420
#   3: rider_canceled, fare 0: skipped, Request 07:00Z = 09:00 on the 19th
#   4: completed Comfort, 2026-06-20T06:41:12.250Z = 08:41 on the 20th; 31.05 EUR = 3105
UBER23_FATES="2,new,2026-06-19,ride,14.20,EUR,Uber,
3,\"skipped (cancelled, no fee)\",2026-06-19,,0.00,EUR,Uber,
4,new,2026-06-20,ride,31.05,EUR,Uber,"
UBER23_ROWS="1|2026-06-19|1420|EUR|Uber|UberX|ride|uber|Wenceslas Square 1, Prague|Prague Congress Centre, Prague|||0|export
2|2026-06-20|3105|EUR|Uber|Comfort|ride|uber|Prague Congress Centre, Prague|Letiště Václava Havla, Praha|||0|export"
fresh uber-2023
check_profile uber uber-trips_data-0.csv "$UBER23_FATES" \
  "imported 2, matched 0, present 0, skipped 1 (cancelled, no fee 1)" "$UBER23_ROWS" \
  "imported 0, matched 0, present 2, skipped 1 (cancelled, no fee 1)" --tz Europe/Prague
fresh uber-2023-name
check_profile uber-2023 uber-trips_data-0.csv "$UBER23_FATES" \
  "imported 2, matched 0, present 0, skipped 1 (cancelled, no fee 1)" "$UBER23_ROWS" \
  "imported 0, matched 0, present 2, skipped 1 (cancelled, no fee 1)" --tz Europe/Prague

# --- uber-business: five preamble lines, the header on line 6; Request Date (Local) -----
#   7: Trip 8a1f0c52, 2026-07-01 local, 38.40 USD = fare 33.10 + taxes 2.90 + tip 2.40:
#      3840, tip 240 (the Tip in Local Currency column; it is part of the amount)
#   8: its Refund, -5.00: a refund of 500, the same ride (another Transaction Timestamp,
#      so another key); Tip 0.00: no tip
#   9: Eats order e7b2d9a0, 2026-07-02 local: a meal of 50.69 (41.00 + 3.69 + a 6.00 tip)
#      = 5069; its pickup address is empty, so no from/to, and no provider; a meal keeps
#      no tip (the tip is a ride's)
# The keys: Trip/Eats ID ":" Transaction Timestamp.
fresh uber-business
# the list: the tip as money (2.40 of the 38.40); the refund negative, no tip
WANT_LIST='1,2026-07-01,ride,38.40,USD,Uber,UberX,,no,uber,"1 Market St, San Francisco, CA","SFO Terminal 2, San Francisco, CA",,2.40
2,2026-07-01,ride,-5.00,USD,Uber,UberX,,no,uber,"1 Market St, San Francisco, CA","SFO Terminal 2, San Francisco, CA",,
3,2026-07-02,meal,50.69,USD,Uber Eats,Uber Eats,,no,,,,,' \
WANT_KEYS="1|8a1f0c52-1111-4c1e-9d0a-2b3c4d5e6f70:2026-07-02T01:20:11Z
2|8a1f0c52-1111-4c1e-9d0a-2b3c4d5e6f70:2026-07-03T16:00:00Z
3|e7b2d9a0-2222-4f3b-8c1d-9e8f7a6b5c40:2026-07-02T19:45:30Z" check_profile uber-business uber-business.csv \
  "7,new,2026-07-01,ride,38.40,USD,Uber,
8,new,2026-07-01,ride,-5.00,USD,Uber,
9,new,2026-07-02,meal,50.69,USD,Uber Eats," \
  "imported 3, matched 0, present 0, skipped 0" \
  "1|2026-07-01|3840|USD|Uber|UberX|ride|uber|1 Market St, San Francisco, CA|SFO Terminal 2, San Francisco, CA|240||0|export
2|2026-07-01|-500|USD|Uber|UberX|ride|uber|1 Market St, San Francisco, CA|SFO Terminal 2, San Francisco, CA|||0|export
3|2026-07-02|5069|USD|Uber Eats|Uber Eats|meal||||||0|export" \
  "imported 0, matched 0, present 3, skipped 0"

# --- lyft-business: one row per transaction, a tip folded into its ride ----------------
#   2 + 4: Ride ID 1234567890123456789, the ride 24.10 and its Tip row 4.00: one expense of
#      24.10 + 4.00 = 28.10 (2810), tip 400, dated by Pickup Date (Local) 2026-05-03, note
#      the Ride Type; row 4 is shown as the tip of line 2 and counted as folded, not stored
#   3: Declined: skipped (declined), Pickup 2026-05-04, 12.00
#   5: Lyft XL 15.75 = 1575, Pickup 2026-05-05
#   6: a Tip of 2.00 whose ride is not in this report: an expense of its own, 200, tip 200,
#      note "tip", key RIDE:tip
fresh lyft-business
# the list shows the tip as money (4.00 of the 28.10), oldest first: the lone tip of 04-29
WANT_LIST='3,2026-04-29,ride,2.00,USD,Lyft,tip,,no,lyft,"Ferry Building, San Francisco, CA","Moscone Center, San Francisco, CA",,2.00
1,2026-05-03,ride,28.10,USD,Lyft,Standard,,no,lyft,"1 Market St, San Francisco, CA","SFO Terminal 2, San Francisco, CA",,4.00
2,2026-05-05,ride,15.75,USD,Lyft,Lyft XL,,no,lyft,"Moscone Center, San Francisco, CA","Ferry Building, San Francisco, CA",,' \
WANT_KEYS="1|1234567890123456789
2|5550000000000000001
3|5550000000000000002:tip" check_profile lyft-business lyft-business.csv \
  "2,new,2026-05-03,ride,28.10,USD,Lyft,
3,skipped (declined),2026-05-04,,12.00,USD,Lyft,
4,tip of line 2,2026-05-03,,4.00,USD,Lyft,
5,new,2026-05-05,ride,15.75,USD,Lyft,
6,new,2026-04-29,ride,2.00,USD,Lyft," \
  "imported 3, matched 0, present 0, skipped 1 (declined 1); 1 tip row folded into its ride" \
  "1|2026-05-03|2810|USD|Lyft|Standard|ride|lyft|1 Market St, San Francisco, CA|SFO Terminal 2, San Francisco, CA|400||0|export
2|2026-05-05|1575|USD|Lyft|Lyft XL|ride|lyft|Moscone Center, San Francisco, CA|Ferry Building, San Francisco, CA|||0|export
3|2026-04-29|200|USD|Lyft|tip|ride|lyft|Ferry Building, San Francisco, CA|Moscone Center, San Francisco, CA|200||0|export" \
  "imported 0, matched 0, present 3, skipped 1 (declined 1); 1 tip row folded into its ride"

# --- lyft-business, reports that overlap: a tip is neither lost nor counted twice ----------
# Lyft's reports go by transaction date, and a tip is a transaction days after its ride: the
# week's report has the ride alone, the next one (or one over both weeks) the ride again and
# its tip. What is stored decides where the tip goes (one Ride ID, R):
#   A  ride alone, then ride + tip: the ride present; the tip a row of its own (R:tip), new
#   B  ride + tip, then the tip alone: present (the stored ride holds it)
#   C  the tip alone (R:tip), then ride + tip: the ride new without it, the tip present
#   D  ride + tip, then ride + tip + a second tip: the ride and first tip present, the
#      second tip a row of its own (R:tip2)
# Each file is imported twice; the second time everything is present.
H='Ride ID,Transaction Date (UTC),Transaction Type,Transaction Outcome,Transaction Amount,Transaction Currency,Pickup Date (Local),Pickup Time (Local),Pickup Address,Drop-off Address,Ride Type,Ride Fare,Ride Tip,Requester Name,Expense Code,Expense Note'
ride() { echo "$1,2026-05-04,Ride,Approved,$2,USD,2026-05-03,22:40,Home,Venue,Standard,$2,0.00,Jane Doe,,"; }
tip() { echo "$1,2026-05-05,Tip,Approved,$2,USD,2026-05-03,22:40,Home,Venue,Standard,0.00,$2,Jane Doe,,"; }
A=1000000000000000001 B=1000000000000000002 C=1000000000000000003 D=1000000000000000004
{ echo "$H"; ride $A 20.00; ride $B 21.00; tip $B 3.00; tip $C 2.50; ride $D 22.00; tip $D 1.00; } >"$TMP/lyft-w1.csv"
{ echo "$H"; ride $A 20.00; tip $A 3.00; tip $B 3.00; ride $C 19.00; tip $C 2.50; ride $D 22.00; tip $D 1.00; tip $D 0.50; } >"$TMP/lyft-w2.csv"
fresh lyft-overlap
expect_out "overlap: week 1" \
  "imported 4, matched 0, present 0, skipped 0; 2 tip rows folded into their rides" \
  cs import csv "$TMP/lyft-w1.csv"
expect_csv "overlap: week 2's dry run, row by row" \
  "line,result,date,category,amount,currency,merchant,expense
2,present,2026-05-03,ride,20.00,USD,Lyft,1
3,new,2026-05-03,ride,3.00,USD,Lyft,
4,present,2026-05-03,ride,3.00,USD,Lyft,2
5,new,2026-05-03,ride,19.00,USD,Lyft,
6,present,2026-05-03,ride,2.50,USD,Lyft,3
7,present,2026-05-03,ride,23.00,USD,Lyft,4
8,tip of line 7,2026-05-03,,1.00,USD,Lyft,
9,new,2026-05-03,ride,0.50,USD,Lyft," \
  cs import csv "$TMP/lyft-w2.csv" --dry-run
expect_out "overlap: week 2" \
  "imported 3, matched 0, present 4, skipped 0; 1 tip row folded into its ride" \
  cs import csv "$TMP/lyft-w2.csv"
expect_out "overlap: each ride and tip once: keys, amounts and tips" \
  "$A|2000|
$B|2400|300
$C:tip|250|250
$D|2300|100
$A:tip|300|300
$C|1900|
$D:tip2|50|50" sql "SELECT import_key, amount, tip FROM expense ORDER BY id"
expect_out "overlap: the money is the files' own, each once: 20+3 + 21+3 + 19+2.50 + 22+1+0.50" \
  "9200" sql "SELECT sum(amount) FROM expense"
for w in w1 w2; do
  expect_out "overlap: $w again: all present" "$(cs import csv "$TMP/lyft-$w.csv" --dry-run 2>&1 >/dev/null)" \
    sh -c 'echo "dry run: would import 0, match 0, present $1, skip 0$2; nothing written"' - \
    "$([ $w = w1 ] && echo 4 || echo 7)" "$([ $w = w1 ] && echo '; 2 tip rows folded into their rides' || echo '; 1 tip row folded into its ride')"
done
expect_out "overlap: nothing more after both again" "9200" \
  sh -c '"$CONFSPEND" import csv "$1" >/dev/null && "$CONFSPEND" import csv "$2" >/dev/null && sqlite3 "$CONFSPEND_DB" "SELECT sum(amount) FROM expense"' - "$TMP/lyft-w1.csv" "$TMP/lyft-w2.csv"

# --- chase (card): purchases negative, MM/DD/YYYY ----------------------------------------
#   2: UBER   *TRIP -23.50: 2350 spent; the built-in rule UBER *TRIP makes it a ride, uber
#   3: BLUE BOTTLE COFFEE -4.75: 475, note the Memo "conference coffee", no rule: other
#   4: Type Payment 500.00: skipped (card payment)
#   5: Type Return 120.00: a refund, -12000
#   6: Type Adjustment 10.00 (money back, no rule matches): a refund too, -1000
fresh chase
check_profile chase chase.csv \
  "2,new,2026-05-02,ride,23.50,USD,UBER   *TRIP,
3,new,2026-05-03,other,4.75,USD,BLUE BOTTLE COFFEE,
4,skipped (card payment),2026-05-05,,500.00,USD,Payment Thank You-Mobile,
5,new,2026-05-06,other,-120.00,USD,HOTEL ZETTA,
6,new,2026-05-07,other,-10.00,USD,STATEMENT CREDIT," \
  "imported 4, matched 0, present 0, skipped 1 (card payment 1)" \
  "1|2026-05-02|2350|USD|UBER   *TRIP||ride|uber|||||0|statement
2|2026-05-03|475|USD|BLUE BOTTLE COFFEE|conference coffee|other||||||0|statement
3|2026-05-06|-12000|USD|HOTEL ZETTA||other||||||0|statement
4|2026-05-07|-1000|USD|STATEMENT CREDIT||other||||||0|statement" \
  "imported 0, matched 0, present 4, skipped 1 (card payment 1)"

# --- chase-checking: CRLF, a trailing comma on every row, Posting Date ------------------
#   2: DEBIT -18.25 LYFT   *RIDE SUN 10PM: 1825 spent; rule LYFT*RIDE* -> ride, lyft
#   3: ACH_CREDIT payroll 2500.00: skipped (income)
#   4: ACCT_XFER -300.00: skipped (transfer)
#   5: ATM -60.00: skipped (cash withdrawal)
#   6: the debit card's 18.25 back: a refund, -1825, the same rule (ride, lyft)
fresh chase-checking
check_profile chase-checking chase-checking.csv \
  "2,new,2026-05-04,ride,18.25,USD,LYFT   *RIDE SUN 10PM,
3,skipped (income),2026-05-05,,2500.00,USD,ACME CORP PAYROLL PPD ID: 123,
4,skipped (transfer),2026-05-06,,300.00,USD,ONLINE TRANSFER TO SAV ...1234,
5,skipped (cash withdrawal),2026-05-07,,60.00,USD,ATM WITHDRAWAL 000123 05/07 MARKET ST,
6,new,2026-05-08,ride,-18.25,USD,LYFT   *RIDE REFUND," \
  "imported 2, matched 0, present 0, skipped 3 (income 1, transfer 1, cash withdrawal 1)" \
  "1|2026-05-04|1825|USD|LYFT   *RIDE SUN 10PM||ride|lyft|||||0|statement
2|2026-05-08|-1825|USD|LYFT   *RIDE REFUND||ride|lyft|||||0|statement" \
  "imported 0, matched 0, present 2, skipped 3 (income 1, transfer 1, cash withdrawal 1)"

# --- amex: charges positive, multi-line quoted cells, Reference with a leading ' --------
#   2 (lines 2-5): DELTA AIR LINES 412.30 = 41230; the note is Extended Details, three
#      lines; key the Reference without its '
#   6: -412.30 AMEX PAYMENT - THANK YOU: money in; the built-in rule *PAYMENT*THANK YOU*
#      skips it (card payment). The fate line shows it signed as money in (-412.30): a
#      credit the rules skipped keeps its sign, a row the profile itself skips (chase's
#      Type Payment above) shows the file's magnitude.
#   7: THE MARKET CAFE 15.00 = 1500, the doubled quote in the note undone
fresh amex
WANT_KEYS="1|320261300123456789
2|320261330000000002" check_profile amex amex.csv \
  "2,new,2026-05-10,other,412.30,USD,DELTA AIR LINES,
6,skipped (card payment),2026-05-12,,-412.30,USD,AMEX PAYMENT - THANK YOU,
7,new,2026-05-13,other,15.00,USD,THE MARKET CAFE," \
  "imported 2, matched 0, present 0, skipped 1 (card payment 1)" \
  "1|2026-05-10|41230|USD|DELTA AIR LINES|DELTA AIR LINES
ATLANTA GA
Ticket 0062345|other||||||0|statement
2|2026-05-13|1500|USD|THE MARKET CAFE|THE MARKET CAFE \"OUTSIDE\"|other||||||0|statement" \
  "imported 0, matched 0, present 2, skipped 1 (card payment 1)"

# amex through list --format csv: the three-line note quoted, its line breaks as they
# were stored (LF; only the csv's own lines end in CRLF), its quote doubled again
fresh amex-list
cs import csv "$DATA/amex.csv" >/dev/null
expect_out "amex: list --format csv, as a person sees them" \
  "$(printf '%s\r\n' 'id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip' \
    "1,2026-05-10,other,412.30,USD,DELTA AIR LINES,\"DELTA AIR LINES
ATLANTA GA
Ticket 0062345\",,no,,,,," \
    '2,2026-05-13,other,15.00,USD,THE MARKET CAFE,"THE MARKET CAFE ""OUTSIDE""",,no,,,,,')" \
  cs list --format csv
# --- capitalone: Debit and Credit columns, ISO dates ------------------------------------
#   2: Debit 31.40 UBER TRIP HELP.UBER.COM: 3140; rule UBER*TRIP* -> ride, uber
#   3: Credit 250.00 CAPITAL ONE AUTOPAY PYMT: skipped (card payment)
#   4: Debit 189.00 HILTON GARDEN INN: 18900
#   5: Credit 189.00, the hotel's reversal: a refund, -18900; charge and reversal stay two
fresh capitalone
check_profile capitalone capitalone.csv \
  "2,new,2026-05-02,ride,31.40,USD,UBER TRIP HELP.UBER.COM,
3,skipped (card payment),2026-05-04,,250.00,USD,CAPITAL ONE AUTOPAY PYMT,
4,new,2026-05-05,other,189.00,USD,HILTON GARDEN INN,
5,new,2026-05-07,other,-189.00,USD,HILTON GARDEN INN," \
  "imported 3, matched 0, present 0, skipped 1 (card payment 1)" \
  "1|2026-05-02|3140|USD|UBER TRIP HELP.UBER.COM||ride|uber|||||0|statement
2|2026-05-05|18900|USD|HILTON GARDEN INN||other||||||0|statement
3|2026-05-07|-18900|USD|HILTON GARDEN INN||other||||||0|statement" \
  "imported 0, matched 0, present 3, skipped 1 (card payment 1)"
finish
