# SPDX-License-Identifier: GPL-3.0-or-later
# report direct (SPEC "Reports", rev 2): rides paid to a driver directly against R, the
# median platform fare of the route over the whole history (even count: the mean of the
# two middle values, half away from zero). Figures worked out by hand below.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }
last() { cs "$@" | tr -d '\r' | tail -n 1; }
cs rate set EUR 1.10 --date 2026-01-01 >/dev/null

# platform rides, the references (all history):
#  Home <-> Venue: F 18.00, 21.01, 25.00, 30.00 (a 32.00 ride with a 2.00 tip), and a
#   5.00 refund left out: even count, R = round((21.01 + 25.00) / 2) = round(2300.5) = 23.01
#  Airport <-> Home: F 40.00, 40.00 (44.00 with a 4.00 tip), 50.00: R = 40.00
#  Home <-> Museum: 10.00 EUR at 1.10: R = 11.00
cs add ride 18 --provider uber --from Home --to Venue --date 2026-09-01 >/dev/null
cs add ride 21.01 --provider lyft --from venue --to home --date 2026-09-02 >/dev/null
cs add ride 25 --provider uber --from Home --to Venue --platform-fee 10 --date 2026-09-03 >/dev/null
cs add ride 32 --tip 2 --provider uber --from Home --to Venue --date 2026-09-04 >/dev/null
cs add ride 5 --refund --provider uber --from Home --to Venue --date 2026-09-05 >/dev/null
cs add ride 40 --provider uber --from Home --to Airport --date 2026-09-06 >/dev/null
cs add ride 44 --tip 4 --provider lyft --from Airport --to Home --date 2026-09-07 >/dev/null
cs add ride 50 --provider uber --from Home --to Airport --date 2026-09-08 >/dev/null
cs add ride 10 --currency EUR --provider uber --from Museum --to Home --date 2026-09-09 >/dev/null
# a taxi is no platform ride: no reference for Hotel <-> Venue
cs add ride 9 --provider taxi --from Hotel --to Venue --date 2026-09-10 >/dev/null

# direct rides
cs add ride 20 --provider direct --from Home --to Venue --date 2026-10-15 >/dev/null
cs add ride 17 --provider direct --from Home --to Venue --driver Ana --date 2026-11-03 >/dev/null
cs add ride 18 --tip 2 --provider DIRECT --from Venue --to Home --driver Ana --date 2026-11-04 >/dev/null
cs add ride 2 --refund --provider direct --from Home --to Venue --date 2026-11-05 >/dev/null
cs add ride 30 --provider direct --from Airport --to Home --date 2026-11-06 >/dev/null
cs add ride 8 --currency EUR --provider direct --from Home --to Museum --date 2026-11-07 >/dev/null
cs add ride 12 --provider direct --from Hotel --to Venue --date 2026-11-08 >/dev/null

# November, c 0.5:
#  Home <-> Venue: rides 2 (17, and 18 with a 2.00 tip: F 16); the 2.00 refund lowers
#   paid: 17 + 16 - 2 = 31.00; platform_fare 2 x 23.01 = 46.02; saved 15.02;
#   driver_platform_take 2 x round(23.01 x 0.5 = 11.505) = 2 x 11.51 = 23.02; gain 7.98
#  Airport <-> Home: paid 30.00, platform 40.00, saved 10.00, take 20.00, gain 10.00
#  Home <-> Museum: 8.00 EUR = 8.80; platform 11.00, saved 2.20, take 5.50, gain 3.30
#  Hotel <-> Venue: no platform ride: paid 12.00, the rest empty
#  TOTAL: rides 5, paid 31 + 30 + 8.80 + 12 = 81.80; over the routes with a reference:
#   platform 46.02 + 40 + 11 = 97.02, paid there 69.80, saved 27.22,
#   take 23.02 + 20 + 5.50 = 48.52, gain 69.80 - 48.52 = 21.28
expect_out "november" "route,rides,paid,platform_fare,saved,driver_platform_take,driver_gain
Home <-> Venue,2,31.00,46.02,15.02,23.02,7.98
Airport <-> Home,1,30.00,40.00,10.00,20.00,10.00
Home <-> Museum,1,8.80,11.00,2.20,5.50,3.30
Hotel <-> Venue,1,12.00,,,,
TOTAL,5,81.80,97.02,27.22,48.52,21.28" csv report direct --month 2026-11 --format csv

# --commission 0.25: take round(2301 x 0.75 = 1725.75) = 17.26 a ride, 34.52; gain -3.52;
#  Airport 30.00, gain 0.00; Museum round(8.25) 8.25, gain 0.55;
#  TOTAL take 34.52 + 30 + 8.25 = 72.77, gain 69.80 - 72.77 = -2.97
expect_out "commission" "route,rides,paid,platform_fare,saved,driver_platform_take,driver_gain
Home <-> Venue,2,31.00,46.02,15.02,34.52,-3.52
Airport <-> Home,1,30.00,40.00,10.00,30.00,0.00
Home <-> Museum,1,8.80,11.00,2.20,8.25,0.55
Hotel <-> Venue,1,12.00,,,,
TOTAL,5,81.80,97.02,27.22,72.77,-2.97" csv report direct --month 2026-11 --commission 0.25 --format csv

# no selection: the whole history; October's 20.00 adds to Home <-> Venue:
#  rides 3, paid 51.00, platform 69.03, saved 18.03, take 34.53, gain 16.47
#  TOTAL: rides 6, paid 101.80, platform 120.03, saved 120.03 - 89.80 = 30.23,
#  take 60.03, gain 89.80 - 60.03 = 29.77
expect_out "all history" "Home <-> Venue,3,51.00,69.03,18.03,34.53,16.47" \
  sh -c '"$CONFSPEND" report direct --format csv | tr -d "\r" | grep "^Home <-> Venue"'
expect_out "all history total" "TOTAL,6,101.80,120.03,30.23,60.03,29.77" last report direct --format csv
# a trip selects its rides; routes without a platform ride only: TOTAL sums rides and paid
cs trip add t --name T --start 2026-11-08 --end 2026-11-08 >/dev/null
cs edit 17 --trip t >/dev/null
expect_out "no reference at all" "route,rides,paid,platform_fare,saved,driver_platform_take,driver_gain
Hotel <-> Venue,1,12.00,,,,
TOTAL,1,12.00,,,," csv report direct --trip t --format csv
expect_out "json" '  {"route": "Airport <-> Home", "rides": "1", "paid": "30.00", "platform_fare": "40.00", "saved": "10.00", "driver_platform_take": "20.00", "driver_gain": "10.00"},' \
  sh -c '"$CONFSPEND" report direct --month 2026-11 --format json | grep Airport'
expect_out "empty" "route,rides,paid,platform_fare,saved,driver_platform_take,driver_gain
TOTAL,0,0.00,,,," csv report direct --month 2026-01 --format csv
expect_fail "direct: no share" 2 "--share: report direct does not take it (0.3)" cs report direct --share 0.3
expect_fail "direct: bad commission" 2 "--commission: must be between 0 and 1 (1.5)" cs report direct --commission 1.5
expect_fail "direct: like" 2 "--like: only for report plan" cs report direct --like t
finish
