#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# add refuses every bad input with exit 2 and one line on stderr, writes nothing (the
# database dump is unchanged, stdout is empty), and does not create a missing database.
. "$(dirname "$0")/lib.sh"

# a database that already holds data, an active trip in USD, and a JPY trip
expect_ok "setup trip" cs trip add pycon --name PyCon --start 2026-11-01 --end 2026-11-08
expect_ok "setup jp trip" cs trip add tokyo --name Tokyo --start 2026-12-01 --end 2026-12-08 --currency JPY
expect_ok "setup use" cs trip use pycon
expect_ok "setup ride" cs add ride 23.50 --provider uber --from Home --to Venue --tip 3
expect_ok "setup meal" cs add meal 12 --merchant Cafe
expect_ok "setup lodging" cs add lodging 0 --nights 8 --compare-rate 189
expect_ok "setup donation" cs add donation 20 --monthly --date 2026-11-05 --recipient PSF
expect_out "setup holds data" "4" sql "SELECT count(*) FROM expense"

f() { expect_fail_silent "$@"; }

# malformed amounts
f "amount abc" 2 "amount: not a decimal number (abc)" cs add meal abc
f "amount -5" 2 "amount: must be a positive decimal number (-5)" cs add meal -5
f "amount +5" 2 "amount: must be a positive decimal number (+5)" cs add meal +5
f "amount 1e3" 2 "amount: not a decimal number (1e3)" cs add meal 1e3
f "amount 12,50" 2 "amount: use '.' as the decimal separator (12,50)" cs add meal 12,50
f "amount 12.345 in USD (default)" 2 "amount: at most 2 decimals in this currency (12.345)" cs add meal 12.345
f "amount 12.345 in USD" 2 "amount: at most 2 decimals in this currency (12.345)" cs add meal 12.345 --currency USD
f "amount 12.345 in the no-trip default" 2 "amount: at most 2 decimals in this currency (12.345)" cs add meal 12.345 --no-trip
f "amount 1.5 JPY" 2 "amount: this currency has no minor unit (1.5)" cs add meal 1.5 --currency JPY
f "amount 1.5 in a JPY trip" 2 "amount: this currency has no minor unit (1.5)" cs add meal 1.5 --trip tokyo
f "amount 1.2345 BHD" 2 "amount: at most 3 decimals in this currency (1.2345)" cs add meal 1.2345 --currency BHD
f "amount too large" 2 "amount: too large (99999999999999999999)" cs add meal 99999999999999999999
f "amount past INT64_MAX" 2 "amount: too large (92233720368547758.08)" cs add meal 92233720368547758.08
f "amount empty" 2 "amount: an amount is required ()" cs add meal ""
f "amount .5" 2 "amount: not a decimal number (.5)" cs add meal .5
f "amount 5." 2 "amount: not a decimal number (5.)" cs add meal 5.
f "amount with a blank" 2 "amount: not a decimal number ( 5)" cs add meal " 5"
f "amount with a currency sign" 2 "amount: not a decimal number (\$5)" cs add meal '$5'
f "amount 0x10" 2 "amount: not a decimal number (0x10)" cs add meal 0x10

# zero amounts outside lodging
for c in ride meal donation ticket travel other; do
  f "zero $c" 2 "amount: must be greater than zero (0 is for lodging only) (0)" cs add "$c" 0
done
f "zero as 0.00" 2 "amount: must be greater than zero (0 is for lodging only) (0)" cs add meal 0.00
f "zero refund" 2 "amount: must be greater than zero (0 is for lodging only) (0)" cs add meal 0 --refund

# impossible dates
f "date 2019-02-29" 2 "--date: no such calendar date (2019-02-29)" cs add meal 5 --date 2019-02-29
f "date 2019-13-01" 2 "--date: no such calendar date (2019-13-01)" cs add meal 5 --date 2019-13-01
f "date 2019-04-31" 2 "--date: no such calendar date (2019-04-31)" cs add meal 5 --date 2019-04-31
f "date 2019-1-01" 2 "--date: not a date in YYYY-MM-DD form (2019-1-01)" cs add meal 5 --date 2019-1-01
f "date empty" 2 "--date: not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday) ()" cs add meal 5 --date=
f "date missing its value" 2 "--date: a value is required" cs add meal 5 --date

# unknown categories, providers, currencies
f "unknown category" 2 "category: unknown category (ride, meal, lodging, donation, ticket, travel, other) (food)" cs add food 5
f "category in capitals" 2 "category: unknown category" cs add Meal 5
f "category total" 2 "category: unknown category" cs add total 5
f "unknown provider" 2 "--provider: unknown provider (lyft, uber, taxi, direct, transit, other) (bolt)" cs add ride 5 --provider bolt
# (a provider in capitals is that provider, SPEC rev 2: t5430-trust; blanks are not)
f "provider with a blank" 2 "--provider: unknown provider" cs add ride 5 --provider ' uber'
f "unknown currency" 2 "--currency: unknown ISO 4217 currency code (XYZ)" cs add meal 5 --currency XYZ
f "lower-case currency" 2 "--currency: unknown ISO 4217 currency code (usd)" cs add meal 5 --currency usd
f "empty currency" 2 "--currency: unknown ISO 4217 currency code ()" cs add meal 5 --currency ""

# ride amounts
f "tip larger than the amount" 2 "--tip: larger than the amount 5.00 (6.00)" cs add ride 5 --tip 6
f "tip larger than a refund" 2 "--tip: larger than the amount 5.00 (5.01)" cs add ride 5 --tip 5.01 --refund
f "platform fee larger than the fare" 2 "--platform-fee: larger than the fare 5.00 (6.00)" cs add ride 5 --platform-fee 6
f "platform fee larger than the fare net of tip" 2 "--platform-fee: larger than the fare 5.00 (5.01)" cs add ride 10 --tip 5 --platform-fee 5.01
f "tip malformed" 2 "--tip: not a decimal number (abc)" cs add ride 5 --tip abc
f "tip negative" 2 "--tip: must be a positive decimal number (-1)" cs add ride 5 --tip -1
f "tip with too many decimals" 2 "--tip: at most 2 decimals in this currency (0.001)" cs add ride 5 --tip 0.001
f "platform fee malformed" 2 "--platform-fee: use '.' as the decimal separator (1,5)" cs add ride 5 --platform-fee 1,5
f "tip in yen with decimals" 2 "--tip: this currency has no minor unit (0.5)" cs add ride 500 --currency JPY --tip 0.5

# lodging counts
f "negative nights" 2 "--nights: must be a whole number from 1 to 100000 (-1)" cs add lodging 0 --nights -1
f "zero nights" 2 "--nights: must be a whole number from 1 to 100000 (0)" cs add lodging 0 --nights 0
f "fractional nights" 2 "--nights: must be a whole number from 1 to 100000 (1.5)" cs add lodging 0 --nights 1.5
f "huge nights" 2 "--nights: must be a whole number from 1 to 100000 (99999999999999999999)" cs add lodging 0 --nights 99999999999999999999
f "compare rate malformed" 2 "--compare-rate: not a decimal number (abc)" cs add lodging 0 --compare-rate abc

# recurring
f "--until before --date" 2 "--until: before the first month 2026-11 (2026-10)" cs add donation 5 --monthly --date 2026-11-05 --until 2026-10
f "--until before today" 2 "--until: before the first month 2026-11 (2025-12)" cs add donation 5 --monthly --until 2025-12
f "--until malformed" 2 "--until: no such month (2026-13)" cs add donation 5 --monthly --until 2026-13
f "--until a date" 2 "--until: not a month in YYYY-MM form (2026-12-01)" cs add donation 5 --monthly --until 2026-12-01
f "--until without --monthly" 2 "--until: only with --monthly (2026-12)" cs add donation 5 --until 2026-12
f "--monthly refund" 2 "--refund: cannot go with --monthly" cs add donation 5 --monthly --refund

# an unknown trip
f "unknown trip" 2 "trip: no such trip (nope)" cs add meal 5 --trip nope

# options that do not belong to the category
f "--provider on meal" 2 "--provider: only for ride expenses (meal)" cs add meal 5 --provider uber
f "--from on meal" 2 "--from: only for ride expenses (meal)" cs add meal 5 --from Home
f "--to on ticket" 2 "--to: only for ride expenses (ticket)" cs add ticket 5 --to Venue
f "--driver on travel" 2 "--driver: only for ride expenses (travel)" cs add travel 5 --driver Sam
f "--tip on meal" 2 "--tip: only for ride expenses (meal)" cs add meal 5 --tip 1
f "--platform-fee on other" 2 "--platform-fee: only for ride expenses (other)" cs add other 5 --platform-fee 1
f "--shared on meal" 2 "--shared: only for ride expenses (meal)" cs add meal 5 --shared
f "--nights on ride" 2 "--nights: only for lodging expenses (ride)" cs add ride 5 --nights 2
f "--compare-rate on meal" 2 "--compare-rate: only for lodging expenses (meal)" cs add meal 5 --compare-rate 3
f "--recipient on meal" 2 "--recipient: only for donation expenses (meal)" cs add meal 5 --recipient PSF
# (rev 2) --monthly goes with every category, not with what a schedule does not keep
f "--monthly with --provider" 2 "--provider: cannot go with --monthly (uber)" cs add ride 5 --monthly --provider uber
f "--monthly with --nights" 2 "--nights: cannot go with --monthly (2)" cs add lodging 5 --monthly --nights 2
f "--monthly with --receipt" 2 "--receipt: cannot go with --monthly (r.pdf)" cs add meal 5 --monthly --receipt r.pdf

# invalid UTF-8 in every text option
for o in merchant note payment receipt from to driver recipient; do
  f "invalid UTF-8 in --$o" 2 "--$o: not valid UTF-8 text" cs add ride 5 "--$o" "$(printf 'caf\xe9')"
done
f "overlong UTF-8" 2 "--note: not valid UTF-8 text" cs add meal 5 --note "$(printf '\xc0\xaf')"
f "UTF-16 surrogate" 2 "--note: not valid UTF-8 text" cs add meal 5 --note "$(printf '\xed\xa0\x80')"
f "truncated sequence" 2 "--merchant: not valid UTF-8 text" cs add meal 5 --merchant "$(printf 'Caf\xc3')"
f "text over 4096 bytes" 2 "--note: longer than 4096 bytes" cs add meal 5 --note "$(printf 'a%.0s' {1..4097})"

# usage
f "unknown option" 2 "option: unknown option (--frob)" cs add meal 5 --frob
f "single-dash option" 2 "option: unknown option (-x)" cs add meal 5 -x
f "missing amount" 2 "amount: missing (usage: confspend add CATEGORY AMOUNT [options])" cs add meal
f "missing category" 2 "category: missing (usage: confspend add CATEGORY AMOUNT [options])" cs add
f "extra argument" 2 "argument: unexpected argument (extra)" cs add meal 5 extra
f "--reimbursable and --personal" 2 "--reimbursable: cannot go with --personal" cs add meal 5 --reimbursable --personal
f "--trip and --no-trip" 2 "--trip: cannot go with --no-trip (pycon)" cs add meal 5 --trip pycon --no-trip
f "a value for a flag" 2 "--shared: this option takes no value (yes)" cs add ride 5 --shared=yes
f "unknown global option" 2 "option: unknown global option (--frob)" cs --frob add meal 5
f "unknown command" 2 "command: unknown command (ad); see 'confspend --help'" cs ad meal 5
f "bad CONFSPEND_TODAY" 2 "CONFSPEND_TODAY: no such calendar date (2026-02-30)" env CONFSPEND_TODAY=2026-02-30 "$CONFSPEND" add meal 5

expect_out "after all that, still the same 4 expenses" "4" sql "SELECT count(*) FROM expense"

# on a path where no database exists yet, bad input creates nothing
export CONFSPEND_DB="$TMP/fresh.db"
for args in "meal abc" "meal 12.345" "meal 1.5 --currency JPY" "meal 0" "ride 5 --tip 6" \
  "meal 5 --provider uber" "meal 5 --trip pycon" "food 5" "meal 5 --date 2019-02-29" \
  "donation 5 --monthly --until 2020-01" "meal 5 --frob"; do
  # shellcheck disable=SC2086
  expect_fail_silent "no database yet: add $args" 2 ": " cs add $args
  check "no database yet: add $args creates no file" "$(ls "$TMP" | grep -c fresh)" -eq 0
done
f "no database yet: --db path" 2 "amount: not a decimal number (abc)" cs --db "$TMP/fresh2.db" add meal abc
check "no file for --db either" "$(ls "$TMP" | grep -c fresh2)" -eq 0
expect_out "good input then creates it" "1  2026-11-10  meal  12.34 USD" cs add meal 12.34
check "the file exists now" -f "$TMP/fresh.db"

finish
