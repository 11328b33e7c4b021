#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Entry in fewer keystrokes: short options (-d -m -n -t -c -p -r) where a command has the
# long one, any unambiguous prefix of a long option, and dates as words (today, yesterday,
# -N, a weekday or a prefix naming one). CONFSPEND_TODAY is 2026-11-10, a Tuesday.
. "$(dirname "$0")/lib.sh"

expect_ok "setup trip" cs trip add pycon --name PyCon --start 2026-11-01 --end 2026-11-12

# -p -t -d -m -n -c -r, a value in the next word or attached
expect_out "short options" "1  2026-11-07  ride  16.42 USD  Home -> Venue  [pycon]" \
  cs add ride 16.42 -p lyft --from Home --to Venue -t pycon -d 2026-11-07 -r
expect_out "short options stored" "2026-11-07|ride|1642|USD|lyft|1|1" \
  sql "SELECT date, category, amount, currency, provider, trip_id, reimbursable FROM expense WHERE id = 1"
expect_out "attached values" "2  2026-11-08  meal  4.50 EUR  Cafe" \
  cs add meal 4.50 -mCafe -ncoffee -cEUR -d2026-11-08
expect_out "attached values stored" "Cafe|coffee|EUR|2026-11-08" \
  sql "SELECT merchant, note, currency, date FROM expense WHERE id = 2"

# a prefix naming one option is that option; a prefix of several is refused, naming them
expect_out "prefixes" "3  2026-11-09  meal  3.00 USD  Bar" cs add meal 3 --merch Bar --reimb --da 2026-11-09
expect_out "prefixes stored" "Bar|1" sql "SELECT merchant, reimbursable FROM expense WHERE id = 3"
expect_fail "an ambiguous prefix" 2 "--re: ambiguous option: --reimbursable, --receipt, --refund, --recipient" \
  cs add meal 3 --re
expect_fail "an ambiguous prefix with =" 2 "--no: ambiguous option:" cs edit 3 --no=x
expect_fail "a short option the command lacks" 2 "option: unknown option (-m)" cs undo -m x
expect_fail "an unknown short option" 2 "option: unknown option (-x)" cs add meal 5 -x
expect_fail "a value given to a short flag" 2 "option: unknown option (-r takes no value) (-ryes)" \
  cs add meal 5 -ryes
expect_fail "a short option without its value" 2 "-m: a value is required" cs add meal 5 -m
expect_fail "a prefix given a value it does not take" 2 "--reimbursable: this option takes no value (x)" \
  cs add meal 5 --reimb=x
# an exact name wins over the longer names it is a prefix of (--to, not --tip or --trip)
expect_out "an exact name" "4  2026-11-10  ride  9.00 USD  A -> B" cs add ride 9 --from A --to B
# a negative amount after an option is still a positional, not an option
expect_fail "-5 is an amount" 2 "amount: must be a positive decimal number (-5)" cs add meal -d today -5

# each --help lists the short options the command has, and `help CMD` is the same text
cs add --help >"$TMP/help"
expect_out "add --help lists short options" \
  "short options: -d --date, -c --currency, -m --merchant, -n --note, -t --trip, -r --reimbursable, -p --provider" \
  tail -1 "$TMP/help"
expect_out "help add is add --help" "" diff "$TMP/help" <(cs help add)
cs list --help | grep '^short options' >"$TMP/lshort"
expect_out "list's short options are those it has" "1" grep -c -- '-t --trip' "$TMP/lshort"
expect_out "undo has no short options" "0" sh -c '"$CONFSPEND" undo --help | grep -c "^short options" || true'

# dates as words, on Tuesday 2026-11-10
for w in "today 2026-11-10" "yesterday 2026-11-09" "-0 2026-11-10" "-3 2026-11-07" \
  "-10 2026-10-31" "mon 2026-11-09" "monday 2026-11-09" "tu 2026-11-10" "wed 2026-11-04" \
  "th 2026-11-05" "fri 2026-11-06" "sa 2026-11-07" "sun 2026-11-08" "SUN 2026-11-08"; do
  set -- $w
  id=$(cs add meal 1 --date "$1" | cut -d' ' -f1)
  expect_out "--date $1" "$2" sql "SELECT date FROM expense WHERE id = $id"
done
expect_fail "a word that is no date" 2 \
  "--date: not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday) (yesterdy)" \
  cs add meal 1 --date yesterdy
expect_fail "an ambiguous weekday" 2 "--date: ambiguous weekday: tuesday, thursday (t)" cs add meal 1 -d t
expect_fail "an ambiguous weekday (s)" 2 "--date: ambiguous weekday: saturday, sunday (s)" cs add meal 1 -d s
expect_fail "-N too far back" 2 "--date: -N is N days ago, N at most 100000 (-100001)" cs add meal 1 -d -100001
# the other day options read words too
expect_ok "trip dates as words" cs trip add berlin --name Berlin --start -2 --end today
expect_out "trip dates stored" "2026-11-08|2026-11-10" sql "SELECT start_date, end_date FROM trip WHERE slug = 'berlin'"
# dated 11-09 or 11-10: expenses 3 and 4, and today, yesterday, -0, mon, monday, tu above
expect_out "list --since as a word" "8" sh -c '"$CONFSPEND" list --since yesterday --format csv | tail -n +2 | wc -l'
expect_ok "rate --date as a word" cs rate set EUR 1.10 --date -5
expect_out "rate date stored" "EUR|2026-11-05" sql "SELECT currency, date FROM rate"
# a month stays a month (report budget --since YYYY-MM)
expect_ok "report months" cs report budget --since 2026-10 --until 2026-11 --format csv

finish
