# SPDX-License-Identifier: GPL-3.0-or-later
# report trip: per category, per day, reimbursable against personal, lodging saved against
# the compare rate, the ride model's headline numbers.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d "\r"; }
row() { local n=$1; shift; cs "$@" | tr -d "\r" | sed -n "${n}p"; }

cs trip add conf --name "Conf 2026" --start 2026-11-03 --end 2026-11-05 --city Lisbon --currency EUR >/dev/null
cs config set currency EUR >/dev/null
cs trip use conf >/dev/null
cs add lodging 0 --nights 3 --compare-rate 150 --date 2026-11-03 >/dev/null
cs add lodging 40 --nights 1 --compare-rate 120.50 --date 2026-11-05 >/dev/null
cs add ride 20 --provider uber --from A --to B --date 2026-11-03 --reimbursable >/dev/null
cs add ride 21 --provider bolt 2>/dev/null   # refused: unknown provider
cs add ride 21 --provider lyft --from b --to a --date 2026-11-04 --reimbursable >/dev/null
cs add ride 9 --provider taxi --from a --to b --date 2026-11-04 >/dev/null
cs add meal 12.30 --date 2026-11-04 >/dev/null
cs add meal 2.30 --refund --date 2026-11-04 >/dev/null
cs rate set USD 0.9 --date 2026-10-01 >/dev/null
cs add ticket 500 --currency USD --date 2026-10-02 --reimbursable >/dev/null   # 450.00 EUR

# lodging: paid 40, compare 3*150 + 1*120.50 = 570.50, saved 530.50
# rides (uber/lyft): 20 -> D 10 P 15; 21 -> D 10.50 P 10.50 + 5.25 = 15.75
expect_out "csv" "section,item,count,total,reimbursable,personal
category,ride,3,50.00,41.00,9.00
category,meal,2,10.00,0.00,10.00
category,lodging,2,40.00,0.00,40.00
category,ticket,1,450.00,450.00,0.00
total,all,8,550.00,491.00,59.00
day,2026-10-02,1,450.00,450.00,0.00
day,2026-11-03,2,20.00,20.00,0.00
day,2026-11-04,4,40.00,21.00,19.00
day,2026-11-05,1,40.00,0.00,40.00
lodging,paid,4,40.00,,
lodging,at compare rate,4,570.50,,
lodging,saved vs compare rate,4,530.50,,
rides,fares paid (tips excluded),2,41.00,,
rides,platform_kept,2,20.50,,
rides,direct_cost,2,30.75,,
rides,rider_savings,2,10.25,,
rides,driver_gain,2,10.25,,
rides,expected_savings,2,10.25,," csv report trip conf --format csv
# the ride options reach it: availability 0.5: 2.50 + round(2.625) = 2.50 + 2.63
expect_out "availability" "rides,expected_savings,2,5.13,," row '$' report trip conf --availability 0.5 --format csv
out=$(cs report trip conf)
echo "$out" | head -1 | grep -qF "Conf 2026 (conf), Lisbon, 2026-11-03 to 2026-11-05, amounts in EUR" && ok || bad "table title: $out"
echo "$out" | grep -q '^total  *8  *550.00  *491.00  *59.00$' && ok || bad "table total: $out"
expect_fail "unknown trip" 2 "trip: no such trip (nope)" cs report trip nope
expect_fail "missing slug" 2 "slug: missing" cs report trip
expect_fail "period options" 2 "report trip" cs report trip conf --month 2026-11
finish
