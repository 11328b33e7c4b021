# SPDX-License-Identifier: GPL-3.0-or-later
# budget set / list / rm, and their errors.
. "$(dirname "$0")/lib.sh"
csv() { cs "$@" | tr -d '\r'; }
row() { local n=$1; shift; cs "$@" | tr -d '\r' | sed -n "${n}p"; }
grep_row() { local re=$1; shift; cs "$@" | tr -d '\r' | grep -- "$re"; }
json_row() { local n=$1; shift; cs "$@" | sed -n "${n}p" | sed 's/^  //'; }

expect_out "set default" "budget ride 100.00 USD (every month)" cs budget set ride 100
expect_out "set total" "budget total 300.00 USD (every month)" cs budget set total 300
expect_out "set month override" "budget meal 80.00 USD (2026-11)" cs budget set meal 80 --month 2026-11
cs trip add conf --name Conf --start 2026-11-01 --end 2026-11-05 >/dev/null
expect_out "set trip budget" "budget ride 40.50 USD (conf)" cs budget set ride 40.5 --trip conf
expect_out "set replaces" "budget ride 120.00 USD (every month)" cs budget set ride 120
expect_out "list csv" "category,month,trip,amount
ride,,,120.00
total,,,300.00
meal,2026-11,,80.00
ride,,conf,40.50" csv budget list --format csv
expect_out "list json" '[
  {"category": "ride", "month": "", "trip": "", "amount": "120.00"},
  {"category": "total", "month": "", "trip": "", "amount": "300.00"},
  {"category": "meal", "month": "2026-11", "trip": "", "amount": "80.00"},
  {"category": "ride", "month": "", "trip": "conf", "amount": "40.50"}
]' cs budget list --format json
expect_out "rm" "removed budget meal (2026-11)" cs budget rm meal --month 2026-11
expect_out "after rm" "ride,,,120.00" row 2 budget list --format csv

expect_fail "unknown category" 2 "category: unknown category" cs budget set food 10
expect_fail "bad amount" 2 "amount: not a decimal number (ten)" cs budget set ride ten
expect_fail "negative amount" 2 "amount: must be a positive decimal number (-5)" cs budget set ride -5
expect_fail "too many decimals" 2 "amount: at most 2 decimals" cs budget set ride 1.234
expect_fail "bad month" 2 "--month: no such month (2026-13)" cs budget set ride 10 --month 2026-13
expect_fail "unknown trip" 2 "trip: no such trip (nope)" cs budget set ride 10 --trip nope
expect_fail "month and trip" 2 "--month" cs budget set ride 10 --month 2026-11 --trip conf
expect_fail "rm missing" 2 "budget: no such budget" cs budget rm meal
expect_fail "missing amount" 2 "amount: missing" cs budget set ride
expect_fail "unknown sub" 2 "budget: use budget set" cs budget show
expect_ok "help" cs budget --help
finish
