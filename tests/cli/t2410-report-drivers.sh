# SPDX-License-Identifier: GPL-3.0-or-later
# --rating on rides, and report drivers (SPEC "Reports", rev 2): one row per driver name
# (trimmed, any case, shown as most recently written), counts, routes, the mean rating,
# the model's paid and driver_received over platform rides, the newest date; candidates
# marked in the table view. Figures worked out by hand below.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }

# --- --rating: add, show, edit, --no-rating, refusals ----------------------------------
expect_out "add with a rating" "1  2026-11-01  ride  20.00 USD  Home -> Venue" \
  cs add ride 20 --provider uber --from Home --to Venue --driver ana --rating 5 --date 2026-11-01
expect_out "stored" "5" sql "SELECT rating FROM expense WHERE id = 1"
expect_out "show" "rating        5" sh -c '"$CONFSPEND" show 1 | grep "^rating"'
expect_fail "rating 0" 2 "--rating: must be a whole number from 1 to 5 (0)" cs add ride 9 --rating 0
expect_fail "rating 6" 2 "--rating: must be a whole number from 1 to 5 (6)" cs edit 1 --rating 6
expect_fail "rating 4.5" 2 "--rating: must be a whole number from 1 to 5 (4.5)" cs edit 1 --rating 4.5
expect_fail "rating on a meal" 2 "--rating: only for ride expenses (meal)" cs add meal 9 --rating 3
expect_fail "rating moves with the category" 2 "--rating: only for ride expenses (meal)" cs edit 1 --category meal --rating 3
expect_fail "no-rating with rating" 2 "--no-rating: cannot go with --rating" cs edit 1 --rating 3 --no-rating
expect_ok "edit rating" cs edit 1 --rating 2
expect_out "edited" "2" sql "SELECT rating FROM expense WHERE id = 1"
expect_ok "undo the edit" cs undo
expect_out "undone" "5" sql "SELECT rating FROM expense WHERE id = 1"
expect_ok "no-rating" cs edit 1 --no-rating
expect_out "cleared" "NULL" sql "SELECT coalesce(rating, 'NULL') FROM expense WHERE id = 1"
expect_out "show without a rating" "" sh -c '"$CONFSPEND" show 1 | grep "^rating" || true'
expect_ok "rating back" cs edit 1 --rating 5
expect_fail "monthly" 2 "--rating: cannot go with --monthly" cs add ride 5 --rating 3 --monthly

# --- the drivers met --------------------------------------------------------------------
cs rate set EUR 1.10 --date 2026-10-01 >/dev/null
# 1 (above): uber Home -> Venue 20.00, "ana", rating 5
cs add ride 23 --tip 3 --provider lyft --from Venue --to Home --driver " ANA " --rating 4 --date 2026-11-02 >/dev/null
cs add ride 15 --provider direct --from Home --to Venue --driver Ana --date 2026-11-03 >/dev/null
cs add ride 31 --platform-fee 10 --provider uber --from Home --to Airport --driver bo --rating 3 --date 2026-11-04 >/dev/null
cs add ride 30 --provider uber --from Airport --to Home --driver Bo --rating 4 --date 2026-11-05 >/dev/null
cs add ride 10 --refund --provider uber --from Home --to Venue --driver "ana p" --date 2026-11-06 >/dev/null
cs add ride 10 --refund --provider uber --from Home --to Venue --driver ana --date 2026-11-06 >/dev/null
cs add ride 12 --provider taxi --from Museum --to Home --driver Cy --rating 5 --date 2026-11-07 >/dev/null
cs add ride 25 --provider uber --from Home --to Venue --date 2026-11-08 >/dev/null   # no driver
cs add ride 10.00 --currency EUR --provider uber --from Home --to Venue --driver Dee --rating 4 --date 2026-10-20 >/dev/null
for d in 01 02 03 04; do
  cs add ride 10 --provider direct --from Hotel --to Venue --driver Eve --date 2026-09-$d >/dev/null
done
# Eve's rides are 11..14 (ids of refused adds are not taken)
cs edit 11 --rating 3 >/dev/null; cs edit 12 --rating 4 >/dev/null; cs edit 13 --rating 4 >/dev/null; cs edit 14 --rating 4 >/dev/null
# defaults (c 0.5), the whole history:
#  Eve: 4 direct rides, 1 route, ratings 3,4,4,4: 3.75 -> 3.8 (half away), no platform ride
#  Ana ("ana", " ANA ", "Ana", and the refund of id 7; the newest ride that is not a
#   refund is id 3, written "Ana"): rides 3 (1, 2, 3), platform 2, direct 1, 1 route
#   (Home <-> Venue both ways), rating (5 + 4) / 2 = 4.5; paid F 20 + (23 - 3) - 10 = 30.00;
#   D 10 + 10 - 5 = 15.00; last 2026-11-03 (the refund is not a ride)
#  Bo ("bo", then "Bo", shown as the newest writes it): rides 2 on Airport <-> Home, rating 3.5; paid 31 + 30 = 61.00;
#   D: the fee 10 of 31 -> 21.00, plus 15.00 = 36.00; last 2026-11-05
#  Cy: a taxi: 1 ride, no platform ride: paid 0.00; rating 5.0
#  Dee: 10.00 EUR at 1.10 = 11.00, D 5.50, rating 4.0
#  "ana p": only a refund: 0 rides, paid -10.00, D -5.00, no rating, no last
# sorted by rides, then name
expect_out "drivers csv" "driver,rides,platform_rides,direct_rides,routes,rating,paid,driver_received,last
Eve,4,0,4,1,3.8,0.00,0.00,2026-09-04
Ana,3,2,1,1,4.5,30.00,15.00,2026-11-03
Bo,2,2,0,1,3.5,61.00,36.00,2026-11-05
Cy,1,0,0,1,5.0,0.00,0.00,2026-11-07
Dee,1,1,0,1,4.0,11.00,5.50,2026-10-20
ana p,0,0,0,0,,-10.00,-5.00," csv report drivers --format csv
# a selection: November only (Dee and Eve out); --commission 0.25 changes D where no fee
#  Ana: D 15 + 15 - 7.50 = 22.50; Bo: 21.00 + 22.50 = 43.50; "ana p": -round(7.50) = -7.50
expect_out "drivers month, commission" "driver,rides,platform_rides,direct_rides,routes,rating,paid,driver_received,last
Ana,3,2,1,1,4.5,30.00,22.50,2026-11-03
Bo,2,2,0,1,3.5,61.00,43.50,2026-11-05
Cy,1,0,0,1,5.0,0.00,0.00,2026-11-07
ana p,0,0,0,0,,-10.00,-7.50," csv report drivers --month 2026-11 --commission 0.25 --format csv
expect_out "json keys" '  {"driver": "Bo", "rides": "2", "platform_rides": "2", "direct_rides": "0", "routes": "1", "rating": "3.5", "paid": "61.00", "driver_received": "36.00", "last": "2026-11-05"},' \
  sh -c '"$CONFSPEND" report drivers --format json | grep "\"Bo\""'

# candidates (table view): rating >= 4 and a platform ride on a route with --min-rides
# platform rides. Home <-> Venue has 1, 2, 9 (no driver) and 10 (Dee): 4 platform rides
# that are not refunds; Airport <-> Home 2. Ana (4.5) and Dee (4.0) are candidates; Bo
# (3.5) is not; Cy and Eve (no platform ride) are not.
out=$(cs report drivers)
echo "$out" | grep -q '^Ana .* candidate$' && ok || bad "Ana candidate: $out"
echo "$out" | grep -q '^Dee .* candidate$' && ok || bad "Dee candidate: $out"
echo "$out" | grep -q '^Bo .*candidate' && bad "Bo is no candidate: $out" || ok
echo "$out" | grep -q '^Cy .*candidate' && bad "Cy is no candidate: $out" || ok
echo "$out" | grep -q '^Eve .*candidate' && bad "Eve is no candidate: $out" || ok
echo "$out" | grep -qF 'candidate: rated 4 or more, with a platform ride on a route with at least 2 platform rides (2 of 6)' && ok || bad "candidate line: $out"
# --min-rides 5: no route has 5 platform rides, no candidate
out=$(cs report drivers --min-rides 5)
echo "$out" | grep -q ' candidate$' && bad "no candidate at 5: $out" || ok
# November: Home <-> Venue has 1, 2, 9: Ana is still one at --min-rides 3
out=$(cs report drivers --month 2026-11 --min-rides 3)
echo "$out" | grep -q '^Ana .* candidate$' && ok || bad "Ana candidate in November: $out"

expect_out "no drivers" "driver,rides,platform_rides,direct_rides,routes,rating,paid,driver_received,last" \
  csv report drivers --month 2026-01 --format csv
expect_fail "drivers: no share" 2 "--share: report drivers does not take it (0.5)" cs report drivers --share 0.5
expect_fail "drivers: bad month" 2 "--month" cs report drivers --month 2026-13
cs report drivers --help | grep -q 'report drivers' && ok || bad "drivers help"
finish
