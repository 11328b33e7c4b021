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
WANT_KEYS="1|1234567890123456789|tip@2026-05-05:400:USD
2|5550000000000000001
3|5550000000000000002:tip@2026-05-07:200:USD" check_profile lyft-business lyft-business.csv \
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
# Lyft's reports go by transaction date, and a tip is a transaction days after its ride, so
# one ride's rows come in more than one report. A tip is known again by its Transaction
# Date (UTC) and amount. One Ride ID per case; truth is what the files charged, each once:
#   A  ride 20 | then ride + tip 3: the tip a row of its own, new               23.00
#   B  ride 21 + tip 3 | then the tip alone: present in the ride (expense)      24.00
#   C  tip 2.50 alone | then ride 19 + that tip: the ride new, the tip present  21.50
#   D  ride 22 + tip 1 | then ride, tip 1, a second tip 0.50: that one new      23.50
#   E  ride 20 + tip 3 + a tip refunded -1 | then the same: present             22.00
#   F  ride 20 + tip 3 | then another tip 2 alone (less than the first): new    25.00
#   G  tip 3 alone | then ride 20, a Declined tip, the tip 3: the ride new      23.00
#   H  ride 20 + tips 2 and 3 | then both tips alone: present, not refused      25.00
#   J  ride 20 USD + tip 3 EUR | the same: the tip a row of its own (EUR)       20 + 3 EUR
H='Ride ID,Transaction Date (UTC),Transaction Type,Transaction Outcome,Transaction Amount,Transaction Currency,Pickup Date (Local),Pickup Time (Local),Pickup Address,Drop-off Address,Ride Type,Ride Fare,Ride Tip,Requester Name,Expense Code,Expense Note'
# ride ID AMOUNT [CUR] / tip ID AMOUNT DAY [OUTCOME] [CUR]: a row of the report
ride() { echo "$1,2026-05-04,Ride,Approved,$2,${3:-USD},2026-05-03,22:40,Home,Venue,Standard,$2,0.00,Jane Doe,,"; }
tip() { echo "$1,2026-05-$3,Tip,${4:-Approved},$2,${5:-USD},2026-05-03,22:40,Home,Venue,Standard,0.00,$2,Jane Doe,,"; }
A=1000000000000000001 B=1000000000000000002 C=1000000000000000003 D=1000000000000000004
E=1000000000000000005 F=1000000000000000006 G=1000000000000000007 HH=1000000000000000008
J=1000000000000000009
{ echo "$H"; ride $A 20.00
  ride $B 21.00; tip $B 3.00 05
  tip $C 2.50 05
  ride $D 22.00; tip $D 1.00 05
  ride $E 20.00; tip $E 3.00 05; tip $E -1.00 06
  ride $F 20.00; tip $F 3.00 05
  tip $G 3.00 05
  ride $HH 20.00; tip $HH 2.00 05; tip $HH 3.00 06
  ride $J 20.00; tip $J 3.00 05 Approved EUR; } >"$TMP/lyft-w1.csv"
{ echo "$H"; ride $A 20.00; tip $A 3.00 05
  tip $B 3.00 05
  ride $C 19.00; tip $C 2.50 05
  ride $D 22.00; tip $D 1.00 05; tip $D 0.50 06
  ride $E 20.00; tip $E 3.00 05; tip $E -1.00 06
  tip $F 2.00 09
  ride $G 20.00; tip $G 3.00 04 Declined; tip $G 3.00 05
  tip $HH 2.00 05; tip $HH 3.00 06
  ride $J 20.00; tip $J 3.00 05 Approved EUR; } >"$TMP/lyft-w2.csv"
fresh lyft-overlap
expect_out "overlap: week 1: 10 expenses (J's tip apart), 7 tips folded" \
  "imported 10, matched 0, present 0, skipped 0; 7 tip rows folded into their rides" \
  cs import csv "$TMP/lyft-w1.csv"
expect_out "overlap: the tips of a ride are in its key, each by its date and amount" \
  "$B|tip@2026-05-05:300:USD
$E|tip@2026-05-05:300:USD|tip@2026-05-06:-100:USD
$J:tip@2026-05-05:300:EUR" \
  sql "SELECT import_key FROM expense WHERE import_key LIKE '$B%' OR import_key LIKE '$E%' OR import_key LIKE '$J:%' ORDER BY id"
expect_csv "overlap: week 2's dry run, row by row" \
  "line,result,date,category,amount,currency,merchant,expense
2,present,2026-05-03,ride,20.00,USD,Lyft,1
3,new,2026-05-03,ride,3.00,USD,Lyft,
4,tip of expense 2,2026-05-03,,3.00,USD,Lyft,
5,new,2026-05-03,ride,19.00,USD,Lyft,
6,present,2026-05-03,ride,2.50,USD,Lyft,3
7,present,2026-05-03,ride,23.00,USD,Lyft,4
8,tip of line 7,2026-05-03,,1.00,USD,Lyft,
9,new,2026-05-03,ride,0.50,USD,Lyft,
10,present,2026-05-03,ride,22.00,USD,Lyft,5
11,tip of line 10,2026-05-03,,3.00,USD,Lyft,
12,tip of line 10,2026-05-03,,-1.00,USD,Lyft,
13,new,2026-05-03,ride,2.00,USD,Lyft,
14,new,2026-05-03,ride,20.00,USD,Lyft,
15,skipped (declined),2026-05-03,,3.00,USD,Lyft,
16,present,2026-05-03,ride,3.00,USD,Lyft,7
17,tip of expense 8,2026-05-03,,2.00,USD,Lyft,
18,tip of expense 8,2026-05-03,,3.00,USD,Lyft,
19,present,2026-05-03,ride,20.00,USD,Lyft,9
20,present,2026-05-03,ride,3.00,EUR,Lyft,10" \
  cs import csv "$TMP/lyft-w2.csv" --dry-run
expect_out "overlap: week 2" \
  "imported 5, matched 0, present 7, skipped 1 (declined 1); 6 tip rows folded into their rides" \
  cs import csv "$TMP/lyft-w2.csv"
# each ride's money, all its expenses together: the truth above
SUMS="SELECT substr(import_key, 1, 19), sum(amount), currency FROM expense GROUP BY 1, 3 ORDER BY 1, 3"
WANT_SUMS="$A|2300|USD
$B|2400|USD
$C|2150|USD
$D|2350|USD
$E|2200|USD
$F|2500|USD
$G|2300|USD
$HH|2500|USD
$J|300|EUR
$J|2000|USD"
expect_out "overlap: every ride's money once" "$WANT_SUMS" sql "$SUMS"
for w in w1 w2 w1 w2; do
  expect_out "overlap: $w again: nothing added" 0 \
    sh -c '"$CONFSPEND" import csv "$1" | sed "s/^imported \([0-9]*\),.*/\1/"' - "$TMP/lyft-$w.csv"
done
# a tip edited by hand: the report's tip is still known (by its date and amount), not added
expect_ok "edit F's tip by hand" cs edit "$(sql "SELECT id FROM expense WHERE import_key LIKE '$F|%'")" --tip 2.50
for w in w1 w2; do
  expect_out "overlap: $w after the edit: nothing added" 0 \
    sh -c '"$CONFSPEND" import csv "$1" | sed "s/^imported \([0-9]*\),.*/\1/"' - "$TMP/lyft-$w.csv"
done
expect_out "overlap: the money after all that" "$WANT_SUMS" sql "$SUMS"

# two identical tips (one day, one amount) are two, even once the first is folded: the
# second report's second 2.00 is new (22.00 + 2.00); and a refund row takes no tip (the
# tip of a ride never imported, beside the ride's refund, is a row of its own)
K=1000000000000000010 L=1000000000000000011
{ echo "$H"; ride $K 20.00; tip $K 2.00 05; } >"$TMP/lyft-k1.csv"
{ echo "$H"; ride $K 20.00; tip $K 2.00 05; tip $K 2.00 05
  echo "$L,2026-05-04,Ride,Approved,-1.00,USD,2026-05-03,22:40,Home,Venue,Standard,-1.00,0.00,Jane Doe,,"
  tip $L 3.00 05; } >"$TMP/lyft-k2.csv"
fresh lyft-twins
cs import csv "$TMP/lyft-k1.csv" >/dev/null
expect_out "twins: the second report" "imported 3, matched 0, present 1, skipped 0; 1 tip row folded into its ride" \
  cs import csv "$TMP/lyft-k2.csv"
expect_out "twins: again, nothing" "imported 0, matched 0, present 4, skipped 0; 1 tip row folded into its ride" \
  cs import csv "$TMP/lyft-k2.csv"
expect_out "twins: each ride's money once: 24.00; the refund -1.00 and its tip 3.00" "$K|2400
$L|200" sql "SELECT substr(import_key, 1, 19), sum(amount) FROM expense GROUP BY 1 ORDER BY 1"

# --- lyft-business: a database from before tip identities (the ride R with its tip folded,
# a lone tip R:tip) takes the same report again as present
fresh lyft-legacy
cs import csv "$DATA/lyft-business.csv" >/dev/null
sql "UPDATE expense SET import_key = substr(import_key, 1, instr(import_key, '|') - 1) WHERE import_key LIKE '%|%';
     UPDATE expense SET import_key = '5550000000000000002:tip' WHERE import_key LIKE '5550000000000000002:%'" >/dev/null
expect_out "legacy keys: as before identities" "1234567890123456789
5550000000000000001
5550000000000000002:tip" sql "SELECT import_key FROM expense ORDER BY id"
expect_out "legacy keys: the same report again is present" \
  "imported 0, matched 0, present 3, skipped 1 (declined 1); 1 tip row folded into its ride" \
  cs import csv "$DATA/lyft-business.csv"

# --- lyft-business: a refund or an adjustment is known by its identity too (type, date,
# amount), never by its place among the ride's rows, so that one alone in a later report is
# neither taken for the stored ride nor counted twice. Truth is what the files charged once:
#   M  ride 20 + refund -5 | then the refund alone: present                      15.00
#   N  ride 20 | then the refund -5 alone: new                                  15.00
#   P  ride 20 | then an Adjustment 2.00 alone (money spent, not a Ride): new   22.00
#   Q  refund -5 alone | then ride 20 + that refund: the ride new               15.00
#   S  ride 20 + refunds -5 and -5 (twins) | then both alone: present           10.00
# other TYPE ID AMOUNT DAY: a row of Transaction Type TYPE
other() { echo "$2,2026-05-$4,$1,Approved,$3,USD,2026-05-03,22:40,Home,Venue,Standard,$3,0.00,Jane Doe,,"; }
M=1000000000000000021 N=1000000000000000022 P=1000000000000000023 Q=1000000000000000024
S=1000000000000000025
{ echo "$H"; ride $M 20.00; other Refund $M -5.00 06
  ride $N 20.00
  ride $P 20.00
  other Refund $Q -5.00 06
  ride $S 20.00; other Refund $S -5.00 06; other Refund $S -5.00 06; } >"$TMP/lyft-r1.csv"
{ echo "$H"; other Refund $M -5.00 06
  other Refund $N -5.00 07
  other Adjustment $P 2.00 08
  ride $Q 20.00; other Refund $Q -5.00 06
  other Refund $S -5.00 06; other Refund $S -5.00 06; } >"$TMP/lyft-r2.csv"
WANT_RSUMS="$M|1500
$N|1500
$P|2200
$Q|1500
$S|1000"
RSUMS="SELECT substr(import_key, 1, 19), sum(amount) FROM expense GROUP BY 1 ORDER BY 1"
for order in "r1 r2" "r2 r1"; do
  fresh "lyft-refunds-${order/ /-}"
  for w in $order $order; do cs import csv "$TMP/lyft-$w.csv" >/dev/null || bad "refunds: $w refused"; done
  expect_out "refunds ($order, each twice): each row's money once" "$WANT_RSUMS" sql "$RSUMS"
done
expect_out "refunds: their keys" "$M:refund@2026-05-06:-500:USD
$N:refund@2026-05-07:-500:USD
$P:adjustment@2026-05-08:200:USD
$Q:refund@2026-05-06:-500:USD
$S:refund@2026-05-06:-500:USD
$S:refund@2026-05-06:-500:USD#2" sql "SELECT import_key FROM expense WHERE import_key LIKE '%:%' ORDER BY 1"
# from before identities: the refunds stored as R:2 and R:3 by their place: the same reports
# again add nothing
fresh lyft-refunds-legacy
cs import csv "$TMP/lyft-r1.csv" >/dev/null
sql "UPDATE expense SET import_key = '$M:2' WHERE import_key LIKE '$M:%';
     UPDATE expense SET import_key = '$S:' || (id - (SELECT min(id) FROM expense WHERE import_key LIKE '$S:%') + 2)
       WHERE import_key LIKE '$S:%'" >/dev/null
expect_out "refunds, legacy keys: the keys" "$M:2
$Q:refund@2026-05-06:-500:USD
$S:2
$S:3" sql "SELECT import_key FROM expense WHERE import_key LIKE '%:%' ORDER BY 1"
expect_out "refunds, legacy keys: the first report again: present" \
  "imported 0, matched 0, present 8, skipped 0" cs import csv "$TMP/lyft-r1.csv"
cs import csv "$TMP/lyft-r2.csv" >/dev/null
expect_out "refunds, legacy keys: then the second: each row's money once" "$WANT_RSUMS" sql "$RSUMS"

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
