# SPDX-License-Identifier: GPL-3.0-or-later
# The ride model's revision-2 fixes (SPEC "Reports", report rides): direct_cost = paid -
# expected savings, the fare converted as one amount with a recorded fee as its own
# commission, a fee never above its fare, refunds negative and not counted, trial days
# from a ride's trip start in every view (so the month blocks add up to the trip view),
# and report trip's honest labels. Every figure worked out by hand below.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }
last() { cs "$@" | tr -d '\r' | tail -n 1; }
grep_row() { local re=$1; shift; cs "$@" | tr -d '\r' | grep -- "$re"; }

# --- the issue's foreign-currency example: 1 EUR = 1.01 USD, base USD -----------------
cs rate set EUR 1.01 --date 2026-10-01 >/dev/null
for d in 2026-10-05 2026-10-06; do
  cs add ride 1.00 --currency EUR --tip 0.50 --platform-fee 0.50 --provider uber --from A --to B --date $d >/dev/null
done
# fare in EUR 1.00 - 0.50 = 0.50, converted as one amount: 50 * 1.01 = 50.5 -> F 0.51
# the fee 0.50 of that 0.50 fare: c = 1, D = round(51 * 0 / 50) = 0.00 (never negative)
# P = 0 + round(0.5 * 51) = round(25.5) = 0.26; saving 0.25, gain 0.26, expected 0.25
# two rides: paid 1.02, D 0.00, kept 1.02 (all of what was paid, not more),
# direct_cost = 1.02 - 0.50 = 0.52, savings 0.50, gain 0.52, expected 0.50
expect_out "EUR with a fee" "route,rides,eligible,paid,driver_received,platform_kept,direct_cost,rider_savings,driver_gain,expected_savings
A <-> B,2,2,1.02,0.00,1.02,0.52,0.50,0.52,0.50
TOTAL,2,2,1.02,0.00,1.02,0.52,0.50,0.52,0.50" csv report rides --month 2026-10 --format csv

# a fee that is part of the fare: 10.00 EUR, tip 1.00, fee 3.00 (c = 3/9), twice
cs add ride 10.00 --currency EUR --tip 1.00 --platform-fee 3.00 --provider lyft --from C --to D --date 2026-10-07 >/dev/null
cs add ride 10.00 --currency EUR --tip 1.00 --platform-fee 3.00 --provider lyft --from D --to C --date 2026-10-08 >/dev/null
# F = 9.00 EUR * 1.01 = 9.09; D = round(909 * 6 / 9) = 606 -> 6.06; P = 606 + round(151.5) = 7.58
# saving 1.51, gain 1.52; two: paid 18.18, D 12.12, kept 6.06, E 3.02, direct 18.18 - 3.02 = 15.16
expect_out "EUR fee as commission" "C <-> D,2,2,18.18,12.12,6.06,15.16,3.02,3.04,3.02" \
  grep_row '^C <-> D' report rides --month 2026-10 --format csv

# --- a fee above its fare is refused everywhere (exit 2, nothing written) -------------
expect_fail "add: fee above the fare" 2 "--platform-fee: larger than the fare 7.00 (7.01)" \
  cs add ride 10 --tip 3 --platform-fee 7.01 --provider uber
expect_fail "edit: a tip that leaves the fee above the fare" 2 "--platform-fee: larger than the fare 0.00 (0.50)" \
  cs edit 1 --tip 1.00
printf 'date,category,amount,currency,provider,tip,platform_fee\n2026-10-09,ride,10.00,USD,uber,3.00,7.01\n' >"$TMP/fee.csv"
expect_fail "import: fee above the fare" 2 "line 2, column platform_fee: larger than the fare 7.00 (7.01)" \
  cs import csv "$TMP/fee.csv"
# a fee equal to its fare is allowed (the driver got nothing but the tip)
expect_ok "fee equal to the fare" cs add ride 10 --tip 3 --platform-fee 7 --provider uber --date 2026-09-01

# --- availability reaches direct_cost ----------------------------------------------------
# one USD ride 40.00 on E <-> F twice in September: D 20, P 30, saving 10 each
cs add ride 40 --provider uber --from E --to F --date 2026-09-02 >/dev/null
cs add ride 40 --provider uber --from E --to F --date 2026-09-03 >/dev/null
# A = 0: expected 0, so direct_cost = paid (80.00), though rider_savings stays 20.00
expect_out "availability 0" "E <-> F,2,2,80.00,40.00,40.00,80.00,20.00,20.00,0.00" \
  grep_row '^E <-> F' report rides --month 2026-09 --availability 0 --format csv
# A = 0.25: expected round(2.5) = 2.50 a ride, 5.00; direct 75.00
expect_out "availability 0.25" "E <-> F,2,2,80.00,40.00,40.00,75.00,20.00,20.00,5.00" \
  grep_row '^E <-> F' report rides --month 2026-09 --availability 0.25 --format csv

# --- refunds: negative in every money figure, not counted, not a ride of the route -----
# G <-> H: one 30.00 ride and a 10.00 refund; with --min-rides 2 the route has 1 ride,
# so nothing is eligible: paid 30 - 10 = 20.00, D 15 - 5 = 10.00, direct = paid
cs add ride 30 --provider lyft --from G --to H --date 2026-08-03 >/dev/null
cs add ride 10 --provider lyft --from H --to G --refund --date 2026-08-04 >/dev/null
expect_out "refund: not a ride" "route,rides,eligible,paid,driver_received,platform_kept,direct_cost,rider_savings,driver_gain,expected_savings
G <-> H,1,0,20.00,10.00,10.00,20.00,0.00,0.00,0.00
TOTAL,1,0,20.00,10.00,10.00,20.00,0.00,0.00,0.00" csv report rides --month 2026-08 --format csv
# --min-rides 1: both eligible; 30: P 22.50, saving 7.50; refund: -(5 + 2.50) = -7.50, saving -2.50
# savings 5.00, gain 5.00, expected 5.00, direct 20.00 - 5.00 = 15.00
expect_out "refund: eligible, negated" "TOTAL,1,1,20.00,10.00,10.00,15.00,5.00,5.00,5.00" \
  last report rides --month 2026-08 --min-rides 1 --format csv

# --- a trip across two months: trial days from the trip's start in every view ----------
cs trip add autumn --name Autumn --start 2026-10-30 --end 2026-11-02 >/dev/null
cs add ride 20 --provider uber --from Home --to Venue --trip autumn --date 2026-10-30 >/dev/null
cs add ride 22 --provider uber --from Home --to Venue --trip autumn --date 2026-10-31 >/dev/null
cs add ride 24 --provider uber --from Home --to Venue --trip autumn --date 2026-11-01 >/dev/null
cs add ride 28 --tip 2 --provider uber --from Home --to Venue --trip autumn --date 2026-11-02 >/dev/null
# --trial-days 1: Oct 30 (the trip's day 0) is the trial day, in every view.
#  20: not eligible | 22: D 11, P 16.50, E 5.50 | 24: D 12, P 18, E 6 | 28 tip 2: F 26, D 13, P 19.50, E 6.50
#  trip: ride actual 20 + 22 + 24 + 28 = 94.00, E 18.00, direct_actual 76.00
#  October block: actual 42.00, E 5.50 -> 36.50; November: 52.00, E 12.50 -> 39.50;
#  36.50 + 39.50 = 76.00 (revision 1 counted from each month's first day: Oct 30 eligible,
#  Nov 1 a trial day, 31.50 + 45.50 = 77.00)
expect_out "trip view" "category,budget,actual,remaining,used_pct,direct_actual
ride,,94.00,,,76.00
total,,94.00,,,76.00" csv report budget --trip autumn --trial-days 1 --format csv
# the month blocks hold the other test rides too: only the autumn rides are in Oct 30..Nov 2,
# so select the two months of a database of the trip's rides alone
cp "$CONFSPEND_DB" "$TMP/autumn.db"
sqlite3 "$TMP/autumn.db" "DELETE FROM expense WHERE trip_id IS NULL"
expect_out "month blocks add up" "month,category,budget,actual,remaining,used_pct,direct_actual
2026-10,ride,,42.00,,,36.50
2026-10,total,,42.00,,,36.50
2026-11,ride,,52.00,,,39.50
2026-11,total,,52.00,,,39.50" csv --db "$TMP/autumn.db" report budget --since 2026-10 --until 2026-11 --trial-days 1 --format csv
# report rides over a month agrees: October's two rides, the first a trial day
expect_out "rides by month" "Home <-> Venue,2,1,42.00,21.00,21.00,36.50,5.50,5.50,5.50" \
  grep_row '^Home' --db "$TMP/autumn.db" report rides --month 2026-10 --trial-days 1 --format csv

# --- report trip: fares without tips, counts of the rides each figure covers -----------
# fares 20 + 22 + 24 + 26 = 92.00 (4 rides; the category line says 94.00 with the tip)
# kept 92 - (10 + 11 + 12 + 13) = 46.00; direct 92 - 18 = 74.00 (4 rides);
# savings 5.50 + 6 + 6.50 = 18.00, gain 18.00, expected 18.00 (3 eligible rides)
expect_out "report trip ride lines" "category,ride,4,94.00,0.00,94.00
rides,fares paid (tips excluded),4,92.00,,
rides,platform_kept,4,46.00,,
rides,direct_cost,4,74.00,,
rides,rider_savings,3,18.00,,
rides,driver_gain,3,18.00,,
rides,expected_savings,3,18.00,," sh -c '"$CONFSPEND" report trip autumn --trial-days 1 --format csv | tr -d "\r" | grep "^rides,\|^category,ride"'
out=$(cs report trip autumn --trial-days 1)
echo "$out" | grep -q '^rides  *fares paid (tips excluded)  *4  *92.00' && ok || bad "trip table label: $out"
finish
