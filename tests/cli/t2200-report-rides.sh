# SPDX-License-Identifier: GPL-3.0-or-later
# report rides: every cell on hand-computed rides, defaults and every option.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }
row() { local n=$1; shift; cs "$@" | tr -d '\r' | sed -n "${n}p"; }
grep_row() { local re=$1; shift; cs "$@" | tr -d '\r' | grep -- "$re"; }
json_row() { local n=$1; shift; cs "$@" | sed -n "${n}p" | sed 's/^  //'; }
cs add ride 25.00 --provider uber --from Home --to Venue --tip 3 --date 2026-11-02 >/dev/null
cs add ride 26.15 --provider uber --from " venue " --to HOME --date 2026-11-03 >/dev/null
cs add ride 30.00 --provider lyft --from Home --to Venue --platform-fee 12 --date 2026-11-04 >/dev/null
cs add ride 40 --provider uber --from Home --to Airport --date 2026-11-05 >/dev/null
cs add ride 15 --provider taxi --from Home --to Venue --date 2026-11-05 >/dev/null       # not a platform ride
cs add ride 22 --provider direct --from Home --to Venue --date 2026-11-06 >/dev/null     # not a platform ride
cs add ride 5 --provider uber --from Home --to Venue --refund --date 2026-11-06 >/dev/null # a refund: negative, not a ride
cs add ride 50 --provider uber --from Home --to Venue --date 2026-10-30 >/dev/null      # another month

# defaults (c 0.5, S 0.5, A 1, min 2, trial 0):
#  22.00: D 11.00 P 16.50 | 26.15: D round(13.075)=13.08, P 13.08+round(6.535)=19.62 | 30.00 fee 12: D 18 P 24
#  the 5.00 refund (rev 2): on its size D 2.50, P 2.50 + 1.25 = 3.75, saving 1.25, gain 1.25,
#  expected 1.25, all negated; not counted in rides or eligible
#  Home <-> Venue: paid 22 + 26.15 + 30 - 5 = 73.15; D 11 + 13.08 + 18 - 2.50 = 39.58;
#  kept 33.57; savings 5.50 + 6.53 + 6 - 1.25 = 16.78; gain 5.50 + 6.54 + 6 - 1.25 = 16.79;
#  direct_cost = paid - expected = 73.15 - 16.78 = 56.37
#  Airport: one ride, not eligible: direct cost = fare
expect_out "defaults" "route,rides,eligible,paid,driver_received,platform_kept,direct_cost,rider_savings,driver_gain,expected_savings
Home <-> Venue,3,3,73.15,39.58,33.57,56.37,16.78,16.79,16.78
Airport <-> Home,1,0,40.00,20.00,20.00,40.00,0.00,0.00,0.00
TOTAL,4,3,113.15,59.58,53.57,96.37,16.78,16.79,16.78" csv report rides --format csv

# c 0.35, S 0.75, A 0.5, min 1, trial 2 (Nov 1 and 2 are trial days):
#  22.00 (trial): D 14.30, not eligible | 26.15: D round(16.9975)=17.00, P 17.00+round(6.8625)=23.86, E round(1.145)=1.15
#  30.00 fee 12: D 18, P 27, E 1.50 | 40.00: D 26, P 36.50, E 1.75
#  refund 5.00 (day 5, eligible): D round(3.25) = 3.25, P 3.25 + round(1.3125) = 4.56,
#  saving 0.44, gain 1.31, E round(0.22) = 0.22, all negated
#  Home <-> Venue: paid 73.15, D 14.30 + 17.00 + 18 - 3.25 = 46.05, kept 27.10,
#  savings 2.29 + 3.00 - 0.44 = 4.85, gain 6.86 + 9.00 - 1.31 = 14.55, E 1.15 + 1.50 - 0.22 = 2.43,
#  direct_cost = 73.15 - 2.43 = 70.72 (rev 2: paid - expected, so availability counts)
#  Airport: direct_cost = 40.00 - 1.75 = 38.25
expect_out "options" "route,rides,eligible,paid,driver_received,platform_kept,direct_cost,rider_savings,driver_gain,expected_savings
Home <-> Venue,3,2,73.15,46.05,27.10,70.72,4.85,14.55,2.43
Airport <-> Home,1,1,40.00,26.00,14.00,38.25,3.50,10.50,1.75
TOTAL,4,3,113.15,72.05,41.10,108.97,8.35,25.05,4.18" \
  csv report rides --format csv --commission 0.35 --share 0.75 --availability 0.5 --min-rides 1 --trial-days 2

# config ride.commission is the default; --commission overrides it
cs config set ride.commission 0.25 >/dev/null
expect_out "config commission" "Airport <-> Home,1,1,40.00,30.00,10.00,35.00,5.00,5.00,5.00" row 3 report rides --format csv --min-rides 1
expect_out "flag wins over config" "Airport <-> Home,1,1,40.00,20.00,20.00,30.00,10.00,10.00,10.00" row 3 report rides --format csv --min-rides 1 --commission 0.5
cs config set ride.commission 0.5 >/dev/null

# --since/--until and --month select; October has the single 50.00 ride (D 25, P 37.50)
expect_out "month" "Home <-> Venue,1,0,50.00,25.00,25.00,50.00,0.00,0.00,0.00" row 2 report rides --month 2026-10 --format csv
# range: the 50.00 ride adds paid 50, D 25, savings 12.50 (eligible now: 4 rides on the
# route), E 12.50: paid 163.15, D 84.58, E 16.78 + 12.50 = 29.28, direct 163.15 - 29.28
expect_out "range" "TOTAL,5,4,163.15,84.58,78.57,133.87,29.28,29.29,29.28" row '$' report rides --since 2026-10-01 --until 2026-11-30 --format csv

# a trip: its rides; trial days count from its start
cs trip add conf --name Conf --start 2026-11-03 --end 2026-11-05 >/dev/null
for id in 2 3 4; do cs edit $id --trip conf >/dev/null; done
expect_out "trip, trial day 1" "TOTAL,3,1,96.15,51.08,45.07,90.15,6.00,6.00,6.00" row '$' report rides --trip conf --trial-days 1 --format csv

# an empty selection still has the TOTAL row
expect_out "empty" "route,rides,eligible,paid,driver_received,platform_kept,direct_cost,rider_savings,driver_gain,expected_savings
TOTAL,0,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00" csv report rides --month 2026-01 --format csv

# the table adds the sensitivity grid: 25/35/50% by 0.25/0.5/0.75
out=$(cs report rides)
echo "$out" | grep -q '^commission \\ share *0.25 *0.5 *0.75$' && ok || bad "grid header: $out"
# every ride at 50%, S 0.5 (recorded fee ignored): 5.50 + 6.53 + 7.50 - 1.25 (the refund) = 18.28
echo "$out" | grep -q '^50% .* 18\.28 ' && ok || bad "grid 50%/0.5 = 18.28: $out"

expect_fail "bad availability" 2 "--availability: must be between 0 and 1 (2)" cs report rides --availability 2
expect_fail "bad min rides" 2 "--min-rides: must be a whole number from 1 to 1000000 (0)" cs report rides --min-rides 0
expect_fail "bad trial days" 2 "--trial-days" cs report rides --trial-days -1
expect_fail "until without since" 2 "--since: required with --until" cs report rides --until 2026-11-30
expect_fail "bad date" 2 "--since: no such calendar date (2026-02-30)" cs report rides --since 2026-02-30
finish
