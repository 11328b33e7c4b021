# SPDX-License-Identifier: GPL-3.0-or-later
# report plan --like TRIP --days N (SPEC "Reports", rev 2): the next trip from a past one.
# Over the past trip's expenses dated within its start..end (K days): per category past,
# forecast = round(past * N / K) (ticket and travel once: past), and for rides the
# arrangement's saving round(E * max(N - D, 0) / K). Figures worked out by hand below.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }
cs rate set EUR 1.10 --date 2026-01-01 >/dev/null
cs trip add pycon --name PyCon --start 2026-05-10 --end 2026-05-13 >/dev/null   # K = 4 days
cs trip use pycon >/dev/null
cs add ticket 300 --date 2026-03-01 >/dev/null      # the trip's, but before its start: left out
cs add ticket 100 --date 2026-05-10 >/dev/null
cs add travel 250 --date 2026-05-10 >/dev/null
cs add lodging 400 --nights 4 --date 2026-05-10 >/dev/null
cs add meal 12.33 --date 2026-05-11 >/dev/null
cs add meal 10.01 --date 2026-05-12 >/dev/null
cs add meal 2 --refund --date 2026-05-12 >/dev/null
cs add meal 10 --currency EUR --date 2026-05-13 >/dev/null   # 11.00
cs add meal 50 --no-trip --date 2026-05-11 >/dev/null        # not the trip's
cs add ride 20 --provider uber --from Home --to Venue --date 2026-05-10 >/dev/null
cs add ride 22 --tip 2 --provider lyft --from Venue --to Home --date 2026-05-11 >/dev/null
cs add ride 25 --provider uber --from Home --to Venue --date 2026-05-12 >/dev/null
cs add ride 21 --platform-fee 7 --provider uber --from Home --to Venue --date 2026-05-13 >/dev/null
cs add ride 40 --provider uber --from Home --to Airport --date 2026-05-13 >/dev/null
cs add ride 15 --provider direct --from Home --to Venue --date 2026-05-13 >/dev/null
cs add ride 30 --provider uber --from Home --to Venue --trip pycon --date 2026-05-20 >/dev/null   # the trip's, after its end: left out

# past: ride 20 + 22 + 25 + 21 + 40 + 15 = 143.00; meal 12.33 + 10.01 - 2 + 11 = 31.34;
#  lodging 400.00; ticket 100.00; travel 250.00; total 924.34
# E (c 0.5, S 0.5, A 1, min 2, trial days ignored): Home <-> Venue has 4 platform rides:
#  20: E 5.00 | 22 tip 2 (F 20): 5.00 | 25: D 12.50, P 18.75, 6.25 | 21 fee 7: D 14, P 17.50, 3.50
#  E = 19.75; Airport <-> Home has one ride: not eligible
# --days 8 --trial-days 2: ride forecast 14300 x 8 / 4 = 286.00; saving round(1975 x 6 / 4 =
#  2962.5) = 29.63 (half away); with 256.37; meal 3134 x 2 = 62.68; lodging 800.00;
#  ticket, travel once; total 286 + 62.68 + 800 + 100 + 250 = 1498.68, with 1469.05
expect_out "8 days, 2 trial days" "category,past,forecast,with_arrangement
ride,143.00,286.00,256.37
meal,31.34,62.68,62.68
lodging,400.00,800.00,800.00
ticket,100.00,100.00,100.00
travel,250.00,250.00,250.00
total,924.34,1498.68,1469.05" csv report plan --like pycon --days 8 --trial-days 2 --format csv
# --days 3 --trial-days 4: max(3 - 4, 0) = 0, no saving; ride 14300 x 3 / 4 = 107.25;
#  meal 3134 x 3 / 4 = 2350.5 -> 23.51; lodging 300.00; total 107.25 + 23.51 + 300 + 350 = 780.76
expect_out "shorter than the trial" "category,past,forecast,with_arrangement
ride,143.00,107.25,107.25
meal,31.34,23.51,23.51
lodging,400.00,300.00,300.00
ticket,100.00,100.00,100.00
travel,250.00,250.00,250.00
total,924.34,780.76,780.76" csv report plan --like pycon --days 3 --trial-days 4 --format csv
# --days 7 --availability 0.5: E 2.50 + 2.50 + round(3.125) + 1.75 = 9.88;
#  saving round(988 x 7 / 4 = 1729) = 17.29; ride 25025 -> 250.25, with 232.96;
#  meal 3134 x 7 / 4 = 5484.5 -> 54.85
expect_out "availability" "ride,143.00,250.25,232.96" \
  sh -c '"$CONFSPEND" report plan --like pycon --days 7 --availability 0.5 --format csv | tr -d "\r" | grep ^ride'
expect_out "availability meal" "meal,31.34,54.85,54.85" \
  sh -c '"$CONFSPEND" report plan --like pycon --days 7 --availability 0.5 --format csv | tr -d "\r" | grep ^meal'
# --min-rides 1: the airport ride too (E 10.00): E 29.75, round(2975 x 6 / 4 = 4462.5) = 44.63
expect_out "min rides 1" "ride,143.00,286.00,241.37" \
  sh -c '"$CONFSPEND" report plan --like pycon --days 8 --trial-days 2 --min-rides 1 --format csv | tr -d "\r" | grep ^ride'
# --min-rides 5: no route has 5: nothing saved
expect_out "min rides 5" "ride,143.00,286.00,286.00" \
  sh -c '"$CONFSPEND" report plan --like pycon --days 8 --min-rides 5 --format csv | tr -d "\r" | grep ^ride'
expect_out "json" '  {"category": "total", "past": "924.34", "forecast": "1498.68", "with_arrangement": "1469.05"}' \
  sh -c '"$CONFSPEND" report plan --like pycon --days 8 --trial-days 2 --format json | grep total'
out=$(cs report plan --like pycon --days 8 --trial-days 2)
echo "$out" | head -n 1 | grep -qF 'plan: 8 days like pycon (2026-05-10 to 2026-05-13, 4 days), in USD' && ok || bad "plan title: $out"
echo "$out" | grep -qF 'after 2 trial days at availability 1: 19.75 x 6 / 4 = 29.63 saved on rides' && ok || bad "plan saving line: $out"
echo "$out" | grep -q '^total  *924.34  *1,498.68  *1,469.05$' && ok || bad "plan total: $out"

# a refund in the past trip: negative in past and in E, and no ride of its route
cs trip add short --name Short --start 2026-06-01 --end 2026-06-02 >/dev/null   # K = 2
cs add ride 20 --provider uber --from A --to B --trip short --date 2026-06-01 >/dev/null
cs add ride 20 --provider uber --from B --to A --trip short --date 2026-06-02 >/dev/null
cs add ride 10 --refund --provider uber --from A --to B --trip short --date 2026-06-02 >/dev/null
cs add meal 5 --trip short --date 2026-06-01 >/dev/null
# past ride 20 + 20 - 10 = 30.00; A <-> B has 2 rides (the refund is none): E 5.00 + 5.00
#  - 2.50 = 7.50; --days 4: ride 3000 x 4 / 2 = 60.00, saving round(750 x 4 / 2) = 15.00
expect_out "refund in the past trip" "category,past,forecast,with_arrangement
ride,30.00,60.00,45.00
meal,5.00,10.00,10.00
total,35.00,70.00,55.00" csv report plan --like short --days 4 --format csv

expect_fail "plan: no like" 2 "--like: missing" cs report plan --days 8
expect_fail "plan: no days" 2 "--days: missing" cs report plan --like pycon
expect_fail "plan: days 0" 2 "--days: must be a whole number from 1 to 100000 (0)" cs report plan --like pycon --days 0
expect_fail "plan: unknown trip" 2 "trip: no such trip (nope)" cs report plan --like nope --days 3
expect_fail "plan: a selection" 2 "--month: report plan does not take it (2026-05)" cs report plan --like pycon --days 3 --month 2026-05
expect_fail "days elsewhere" 2 "--days: only for report plan" cs report rides --days 3
finish
