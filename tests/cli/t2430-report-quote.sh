# SPDX-License-Identifier: GPL-3.0-or-later
# report quote (SPEC "Reports", rev 2): what to offer a driver per route with at least
# --min-rides platform rides in the whole history: the median fare, the driver's median
# take (each ride's D, recorded fees included), the offer at share S and what each side
# gains. Medians of even counts: the mean of the two middle values, half away from zero.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }
cs rate set EUR 1.10 --date 2026-01-01 >/dev/null

# Home <-> Venue: 20.00 with a 8.00 fee (D 12.00), 21.01 (D round(10.505) = 10.51),
#  25.00 with a 3.00 tip (F 22.00, D 11.00), 30.00 (D 15.00); a 5.00 refund left out
cs add ride 20 --platform-fee 8 --provider uber --from Home --to Venue --date 2026-09-01 >/dev/null
cs add ride 21.01 --provider lyft --from Venue --to Home --date 2026-09-02 >/dev/null
cs add ride 25 --tip 3 --provider uber --from " home" --to VENUE --date 2026-09-03 >/dev/null
cs add ride 30 --provider uber --from Home --to Venue --date 2026-10-04 >/dev/null
cs add ride 5 --refund --provider uber --from Home --to Venue --date 2026-10-05 >/dev/null
# Airport <-> Home: 40, 50, 45: odd count, median 45.00, D 22.50
cs add ride 40 --provider uber --from Home --to Airport --date 2026-09-06 >/dev/null
cs add ride 50 --provider lyft --from Airport --to Home --date 2026-09-07 >/dev/null
cs add ride 45 --provider uber --from Home --to Airport --date 2026-11-08 >/dev/null
# Home <-> Museum: 10.00 EUR twice at 1.10: F 11.00, D 5.50
cs add ride 10 --currency EUR --provider uber --from Museum --to Home --date 2026-09-09 >/dev/null
cs add ride 10 --currency EUR --provider uber --from Home --to Museum --date 2026-09-10 >/dev/null
# Hotel <-> Venue: one ride; taxis and direct rides are no platform rides
cs add ride 15 --provider uber --from Hotel --to Venue --date 2026-09-11 >/dev/null
cs add ride 99 --provider taxi --from Home --to Venue --date 2026-09-12 >/dev/null
cs add ride 99 --provider direct --from Home --to Venue --date 2026-09-13 >/dev/null

# defaults (c 0.5, S 0.5, min 2):
#  Home <-> Venue: F 20.00 21.01 22.00 30.00: median round((2101 + 2200) / 2 = 2150.5) = 21.51
#   D 10.51 11.00 12.00 15.00: median (1100 + 1200) / 2 = 11.50
#   offer 11.50 + round(0.5 x 10.01 = 5.005) = 11.50 + 5.01 = 16.51; rider 5.00; driver 5.01
#  Airport <-> Home: 45.00, 22.50, offer 22.50 + round(11.25) = 33.75; 11.25, 11.25
#  Home <-> Museum: 11.00, 5.50, offer 5.50 + 2.75 = 8.25; 2.75, 2.75
#  Hotel <-> Venue: one ride, under --min-rides 2
expect_out "defaults" "route,rides,median_fare,driver_take,offer,rider_saves,driver_gains
Home <-> Venue,4,21.51,11.50,16.51,5.00,5.01
Airport <-> Home,3,45.00,22.50,33.75,11.25,11.25
Home <-> Museum,2,11.00,5.50,8.25,2.75,2.75" csv report quote --format csv

# --commission 0.25 --share 0.75 (the recorded fee still wins for its ride):
#  Home <-> Venue: D 12.00, round(1575.75) = 15.76, 16.50, 22.50: median (1576 + 1650) / 2 = 16.13
#   offer 1613 + round(0.75 x 538 = 403.5) = 1613 + 404 = 20.17; rider 1.34; driver 4.04
#  Airport: D 33.75, offer 3375 + round(0.75 x 1125 = 843.75) = 42.19; 2.81, 8.44
#  Museum: D 8.25, offer 825 + round(206.25) = 10.31; 0.69, 2.06
expect_out "commission and share" "route,rides,median_fare,driver_take,offer,rider_saves,driver_gains
Home <-> Venue,4,21.51,16.13,20.17,1.34,4.04
Airport <-> Home,3,45.00,33.75,42.19,2.81,8.44
Home <-> Museum,2,11.00,8.25,10.31,0.69,2.06" csv report quote --commission 0.25 --share 0.75 --format csv

# --min-rides 1 adds the single ride: 15.00, D 7.50, offer 11.25; --min-rides 4 keeps one
expect_out "min rides 1" "Hotel <-> Venue,1,15.00,7.50,11.25,3.75,3.75" \
  sh -c '"$CONFSPEND" report quote --min-rides 1 --format csv | tr -d "\r" | tail -n 1'
expect_out "min rides 4" "route,rides,median_fare,driver_take,offer,rider_saves,driver_gains
Home <-> Venue,4,21.51,11.50,16.51,5.00,5.01" csv report quote --min-rides 4 --format csv
# config ride.commission is the default commission
cs config set ride.commission 0.25 >/dev/null
expect_out "config commission" "Airport <-> Home,3,45.00,33.75,39.38,5.62,5.63" \
  sh -c '"$CONFSPEND" report quote --format csv | tr -d "\r" | grep ^Airport'
cs config set ride.commission 0.5 >/dev/null
expect_out "json" '  {"route": "Home <-> Museum", "rides": "2", "median_fare": "11.00", "driver_take": "5.50", "offer": "8.25", "rider_saves": "2.75", "driver_gains": "2.75"}' \
  sh -c '"$CONFSPEND" report quote --format json | grep Museum'
# no platform rides: the header alone, no TOTAL row
expect_out "empty" "route,rides,median_fare,driver_take,offer,rider_saves,driver_gains" \
  csv --db "$TMP/empty.db" report quote --format csv
expect_fail "quote: whole history only" 2 "--trip: report quote does not take it (x)" cs report quote --trip x
expect_fail "quote: no availability" 2 "--availability: report quote does not take it (1)" cs report quote --availability 1
expect_fail "quote: bad share" 2 "--share: must be between 0 and 1 (2)" cs report quote --share 2
finish
