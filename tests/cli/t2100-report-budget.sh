# SPDX-License-Identifier: GPL-3.0-or-later
# report budget: every cell of a hand-computed month, a future month, a month with no
# budget, a trip, a range, the ride-model columns and the errors.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }
row() { local n=$1; shift; cs "$@" | tr -d '\r' | sed -n "${n}p"; }
grep_row() { local re=$1; shift; cs "$@" | tr -d '\r' | grep -- "$re"; }
json_row() { local n=$1; shift; cs "$@" | sed -n "${n}p" | sed 's/^  //'; }
cs budget set ride 100 >/dev/null
cs budget set meal 50 >/dev/null
cs budget set total 300 >/dev/null
cs budget set meal 80 --month 2026-11 >/dev/null
cs rate set JPY 0.0067 --date 2026-11-01 >/dev/null
cs add ride 25.00 --provider uber --from Home --to Venue --tip 3 --date 2026-11-02 >/dev/null
cs add ride 26.15 --provider uber --from " venue " --to home --date 2026-11-03 >/dev/null
cs add ride 30.00 --provider lyft --from Home --to Venue --platform-fee 12 --date 2026-11-04 >/dev/null
cs add ride 40 --provider uber --from Home --to Airport --date 2026-11-05 >/dev/null
cs add ride 15 --provider taxi --from Home --to Venue --date 2026-11-05 >/dev/null
cs add meal 90 --date 2026-11-06 >/dev/null
cs add meal 10 --refund --date 2026-11-07 >/dev/null
cs add meal 1500 --currency JPY --date 2026-11-08 >/dev/null     # 1500 * 0.0067 = 10.05 USD
cs add donation 20 --monthly --date 2026-11-05 --recipient PSF >/dev/null
cs add meal 12 --date 2026-10-31 >/dev/null                      # another month

# ride:  25.00+26.15+30.00+40.00+15.00 = 136.15; used 136.15% -> 136.2 (half away)
# meal:  90 - 10 + 10.05 = 90.05 against the November override 80; used 112.5625 -> 112.6
# total: 246.20 against 300 -> 82.0666 -> 82.1; direct: minus 18.03 expected ride savings
want="category,budget,actual,remaining,used_pct,direct_actual
ride,100.00,136.15,-36.15,136.2,118.12
meal,80.00,90.05,-10.05,112.6,90.05
donation,,20.00,,,20.00
total,300.00,246.20,53.80,82.1,228.17"
expect_out "current month (default)" "$want" csv report budget --format csv
expect_out "--month" "$want" csv report budget --month 2026-11 --format csv

# the model's options reach direct_actual: expected savings 4.40 (see t2200)
expect_out "ride options" "ride,100.00,136.15,-36.15,136.2,131.75" row 2 report budget --format csv --commission 0.35 --share 0.75 --availability 0.5 --min-rides 1 --trial-days 2

# a future month counts the scheduled donation as committed
expect_out "future month" "category,budget,actual,remaining,used_pct,direct_actual
ride,100.00,0.00,100.00,0.0,0.00
meal,50.00,0.00,50.00,0.0,0.00
donation,,20.00,,,20.00
total,300.00,20.00,280.00,6.7,20.00" csv report budget --month 2026-12 --format csv

# range: one block per month, month first
expect_out "range" "month,category,budget,actual,remaining,used_pct,direct_actual
2026-10,ride,100.00,0.00,100.00,0.0,0.00
2026-10,meal,50.00,12.00,38.00,24.0,12.00
2026-10,total,300.00,12.00,288.00,4.0,12.00
2026-11,ride,100.00,136.15,-36.15,136.2,118.12
2026-11,meal,80.00,90.05,-10.05,112.6,90.05
2026-11,donation,,20.00,,,20.00
2026-11,total,300.00,246.20,53.80,82.1,228.17" csv report budget --since 2026-10 --until 2026-11 --format csv

expect_out "json keys" '{"category": "ride", "budget": "100.00", "actual": "136.15", "remaining": "-36.15", "used_pct": "136.2", "direct_actual": "118.12"},' \
  json_row 2 report budget --format json

# the table: projection and the over-budget flags. Nothing here is on a trip, so
# ride = 136.15 * 30 / 10 = 408.45; the donation is a schedule occurrence, counted as it is
# (20.00, not 60.00), so total = 20.00 + 408.45 + 90.05 * 3 (270.15) = 698.60
out=$(cs report budget)
echo "$out" | grep -q '^ride .*408\.45 *OVER' && ok || bad "table: ride projection 408.45 flagged OVER: $out"
echo "$out" | grep -q '^donation .* 20\.00  *$' && ok || bad "table: donation projected as it is: $out"
echo "$out" | grep -q '^total .*698\.60 *heading over' && ok || bad "table: total heading over: $out"
echo "$out" | grep -q '█' && ok || bad "table: bar chart"

# (rev 2) the projection per category: S + T + round(O * D / d), here D = 30, d = 10
main_db=$CONFSPEND_DB
export CONFSPEND_DB="$TMP/projection.db"
cs budget set ride 100 >/dev/null; cs budget set meal 200 >/dev/null
cs budget set lodging 500 >/dev/null; cs budget set donation 20 >/dev/null
cs budget set other 50 >/dev/null
cs rate set EUR 1.08 --date 2026-11-01 >/dev/null
cs add donation 20 --monthly --date 2026-11-03 --recipient PSF >/dev/null   # S, posted
cs add other 9.99 --monthly --date 2026-10-25 --merchant "Cloud Co" >/dev/null # S, due 11-25
cs add other 4 --date 2026-11-02 >/dev/null
cs trip add conf --name Conf --start 2026-11-08 --end 2026-11-14 >/dev/null     # on: 7 days, 3 so far
cs trip add past --name Past --start 2026-11-01 --end 2026-11-04 >/dev/null     # ended
cs trip add late --name Late --start 2026-11-09 --end 2026-12-05 >/dev/null     # 22 days in Nov, 2 so far
cs trip add future --name Future --start 2026-11-20 --end 2026-11-22 >/dev/null # no day so far
cs add meal 30 --trip conf --date 2026-11-08 >/dev/null
cs add meal 25.55 --trip conf --date 2026-11-09 >/dev/null
cs add meal 10 --currency EUR --trip conf --date 2026-11-10 >/dev/null         # 10.80 USD
cs add ticket 300 --trip conf --date 2026-09-15 >/dev/null                     # another month
cs add ride 12.10 --trip conf --date 2026-11-07 >/dev/null                     # before its start
cs add ride 20.05 --trip conf --date 2026-11-10 --provider uber >/dev/null
cs add lodging 200 --trip past --date 2026-11-01 --nights 3 >/dev/null
cs add meal 11 --trip past --date 2026-11-03 >/dev/null
cs add meal 7.33 --trip late --date 2026-11-10 >/dev/null
cs add travel 150 --trip future --date 2026-11-20 >/dev/null
cs add travel 80 --trip future --date 2026-11-05 >/dev/null                    # before its start
cs add meal 14.50 --date 2026-11-05 >/dev/null
cs add meal 2.25 --refund --date 2026-11-06 >/dev/null
out=$(cs report budget)
# ride:     T = 12.10 (outside conf's dates, as it is) + round(20.05 * 7 / 3 = 46.7833) 46.78
#           = 58.88 against 100: ok
# meal:     T = round((30 + 25.55 + 10.80) * 7 / 3 = 154.8166) 154.82 (conf)
#               + 11.00 (past ended: as it is) + round(7.33 * 22 / 2 = 80.63) 80.63 (late)
#           O = 14.50 - 2.25 = 12.25, round(12.25 * 30 / 10) = 36.75
#           = 283.20 against 200: heading over (the old actual x 30 / 10 gave 290.79)
# lodging:  T = 200.00 (past ended) = 200.00 against 500: ok (not 600.00)
# donation: S = 20.00 against 20: ok, not heading over for being paid on the 3rd
# travel:   T = 150.00 (future: no day so far, as it is) + 80.00 (outside) = 230.00
# other:    S = 9.99 (due 11-25) + round(4.00 * 30 / 10) 12.00 = 21.99 against 50: ok;
#           its actual is the 4.00 spent (the 9.99 is not spent before the 25th: it was
#           counted in actual, 13.99, a figure no list of the month adds up to)
# total:    58.88 + 283.20 + 200.00 + 20.00 + 230.00 + 21.99 = 814.07 against 870: ok
for want in '^ride +100\.00 +32\.15 +67\.85 +32\.2 +32\.15 +58\.88 +ok ' \
  '^meal +200\.00 +96\.93 +103\.07 +48\.5 +96\.93 +283\.20 +heading over ' \
  '^lodging +500\.00 +200\.00 +300\.00 +40\.0 +200\.00 +200\.00 +ok ' \
  '^donation +20\.00 +20\.00 +0\.00 +100\.0 +20\.00 +20\.00 +ok ' \
  '^travel +230\.00 +230\.00 +230\.00 *$' \
  '^other +50\.00 +4\.00 +46\.00 +8\.0 +4\.00 +21\.99 +ok ' \
  '^total +870\.00 +583\.08 +286\.92 +67\.0 +583\.08 +814\.07 +ok '; do
  echo "$out" | grep -qE -- "$want" && ok || bad "projection row /$want/: $out"
done
check "the projection's line" "$(echo "$out" | tail -1)" = \
  "projection: schedules as due, trips over their own days, the rest x 30 days / day 10; bar: actual / budget"
# a day later conf has 4 of its 7 days behind it: meal's conf part is
# round(66.35 * 7 / 4 = 116.1125) 116.11, late's round(7.33 * 22 / 3 = 53.7533) 53.75,
# O round(12.25 * 30 / 11 = 33.4090) 33.41: 116.11 + 11.00 + 53.75 + 33.41 = 214.27
out=$(CONFSPEND_TODAY=2026-11-11 "$CONFSPEND" report budget)
echo "$out" | grep -qE '^meal +200\.00 +96\.93 .* 214\.27 +heading over ' && ok || bad "a day later: $out"
# once conf has ended (11-20) it is counted as it is: 66.35 + 11.00 + round(7.33 * 22 / 12
# = 13.4383) 13.44 + round(12.25 * 30 / 20 = 18.375) 18.38 = 109.17: ok again
out=$(CONFSPEND_TODAY=2026-11-20 "$CONFSPEND" report budget)
echo "$out" | grep -qE '^meal +200\.00 +96\.93 .* 109\.17 +ok ' && ok || bad "conf ended: $out"
# the csv has no projection
expect_out "csv columns stay" "category,budget,actual,remaining,used_pct,direct_actual" \
  sh -c '"$CONFSPEND" report budget --format csv | head -1 | tr -d "\r"'
export CONFSPEND_DB=$main_db

# a month with no budget at all: budget columns empty, total budget empty
cs budget rm ride >/dev/null; cs budget rm meal >/dev/null; cs budget rm total >/dev/null
cs budget rm meal --month 2026-11 >/dev/null
expect_out "no budget" "category,budget,actual,remaining,used_pct,direct_actual
meal,,12.00,,,12.00
total,,12.00,,,12.00" csv report budget --month 2026-10 --format csv

# total without a total budget is the sum of the category budgets
cs budget set ride 100 >/dev/null; cs budget set meal 20 >/dev/null
expect_out "sum of budgets" "total,120.00,12.00,108.00,10.0,12.00" row '$' report budget --month 2026-10 --format csv

# a trip: its own budgets, its expenses whatever their date
cs trip add conf --name Conf --start 2026-11-02 --end 2026-11-04 >/dev/null
cs add ticket 450 --trip conf --date 2026-09-01 --reimbursable >/dev/null
cs add meal 8.50 --trip conf --date 2026-11-03 >/dev/null
cs budget set ticket 400 --trip conf >/dev/null
expect_out "trip" "category,budget,actual,remaining,used_pct,direct_actual
meal,,8.50,,,8.50
ticket,400.00,450.00,-50.00,112.5,450.00
total,400.00,458.50,-58.50,114.6,458.50" csv report budget --trip conf --format csv

# a missing rate is an error naming the currency and the date
cs add meal 5 --currency EUR --date 2026-11-09 >/dev/null
expect_fail "missing rate" 1 "rate: no rate to USD on or before this date" cs report budget
expect_fail "missing rate names it" 1 "EUR on 2026-11-09" cs report budget
cs rate set EUR 1.08 --date 2026-11-01 >/dev/null   # meal: 90.05 + 8.50 (trip) + 5.40 against the default 20
expect_out "EUR converted" "meal,20.00,103.95,-83.95,519.8,103.95" grep_row '^meal' report budget --format csv

expect_fail "bad month" 2 "--month: not a month in YYYY-MM form (2026-11-01)" cs report budget --month 2026-11-01
expect_fail "since without until" 2 "--until: required with --since" cs report budget --since 2026-01
expect_fail "until before since" 2 "--until" cs report budget --since 2026-05 --until 2026-01
expect_fail "two periods" 2 "period: give one of" cs report budget --month 2026-11 --trip conf
expect_fail "bad commission" 2 "--commission: must be between 0 and 1 (1.5)" cs report budget --commission 1.5
expect_fail "bad share" 2 "--share" cs report budget --share abc
expect_fail "bad format" 2 "--format: must be table, csv or json (xml)" cs report budget --format xml
expect_fail "unknown trip" 2 "trip: no such trip (nope)" cs report budget --trip nope
expect_fail "unknown report" 2 "report: unknown report (budget, rides, drivers, direct, quote, plan, trip) (money)" cs report money
expect_ok "help" cs report --help

# amounts past 10^16 are valid in USD (no 3-decimal padding refuses them before the
# currency is known), but a month whose total does not fit in int64 is an error, not a
# wrapped number
export CONFSPEND_DB="$TMP/huge.db"
expect_out "a huge amount is valid" "1  2026-11-01  meal  46116860184273879.03 USD" \
  cs add meal 46116860184273879.03 --date 2026-11-01
cs add meal 46116860184273879.03 --date 2026-11-02 >/dev/null
cs add meal 46116860184273879.03 --date 2026-11-03 >/dev/null
expect_fail "a total past int64" 1 "actual: the meal total of 2026-11 does not fit in 64-bit minor units" \
  cs report budget --month 2026-11
finish
