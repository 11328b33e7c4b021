#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# config set/get (currency, owner, ride.commission) and rate set/list, with their refusals.
. "$(dirname "$0")/lib.sh"

crlf() { printf '%s\r\n' "$@"; }
f() { expect_fail_silent "$@"; }

# defaults
expect_out "config get: every setting with its default" \
  "currency = USD
department = 
owner = 
paper = letter
ride.commission = 0.5" cs config get
expect_out "config get currency default" "USD" cs config get currency
expect_out "config get ride.commission default" "0.5" cs config get ride.commission
expect_out "nothing stored yet" "0" sql "SELECT count(*) FROM config"

# set and get
expect_out "config set currency" "currency = EUR" cs config set currency EUR
expect_out "config get currency" "EUR" cs config get currency
expect_out "config set owner" "owner = Zoë O'Neil" cs config set owner "Zoë O'Neil"
expect_out "config get owner" "Zoë O'Neil" cs config get owner
# the department and the paper the claim packet prints on (SPEC "Export", rev 2)
expect_out "config set department" "department = Developer Relations" cs config set department "Developer Relations"
expect_out "config get department" "Developer Relations" cs config get department
expect_out "the paper follows the base currency (EUR: a4)" "a4" cs config get paper
expect_out "config set paper letter" "paper = letter" cs config set paper letter
expect_out "config get paper" "letter" cs config get paper
expect_fail "paper is letter or a4" 2 "confspend: paper: use letter or a4 (legal)" cs config set paper legal
expect_out "config set ride.commission" "ride.commission = 0.35" cs config set ride.commission 0.35
expect_out "config get ride.commission" "0.35" cs config get ride.commission
expect_out "config set ride.commission 0" "ride.commission = 0" cs config set ride.commission 0
expect_out "config set ride.commission 1" "ride.commission = 1" cs config set ride.commission 1
expect_out "config set ride.commission with 9 decimals" "ride.commission = 0.123456789" cs config set ride.commission 0.123456789
expect_out "config set again replaces" "currency = JPY" cs config set currency JPY
expect_out "config get after changes" \
  "currency = JPY
department = Developer Relations
owner = Zoë O'Neil
paper = letter
ride.commission = 0.123456789" cs config get
expect_out "stored as text, one row per key" "currency|JPY
department|Developer Relations
owner|Zoë O'Neil
paper|letter
ride.commission|0.123456789" sql "SELECT key, value FROM config ORDER BY key"
expect_out "the base currency is the default for add" "1  2026-11-10  meal  1500 JPY" cs add meal 1500
expect_out "owner with SQL and quotes" "owner = x'); DROP TABLE config;--" cs config set owner "x'); DROP TABLE config;--"
expect_out "kept exactly" "x'); DROP TABLE config;--" cs config get owner

# refusals: exit 2, nothing written
f "unknown currency" 2 "currency: unknown ISO 4217 currency code (XYZ)" cs config set currency XYZ
f "lower-case currency" 2 "currency: unknown ISO 4217 currency code (eur)" cs config set currency eur
f "empty currency" 2 "currency: unknown ISO 4217 currency code ()" cs config set currency ""
f "commission above 1" 2 "ride.commission: must be between 0 and 1 (1.5)" cs config set ride.commission 1.5
f "commission 1.000000001" 2 "ride.commission: must be between 0 and 1 (1.000000001)" cs config set ride.commission 1.000000001
f "negative commission" 2 "ride.commission: must not be negative (-0.1)" cs config set ride.commission -0.1
f "commission not a number" 2 "ride.commission: not a decimal number with at most 9 decimals (abc)" cs config set ride.commission abc
f "commission as a percent" 2 "ride.commission: not a decimal number with at most 9 decimals (50%)" cs config set ride.commission 50%
f "commission with 10 decimals" 2 "ride.commission: not a decimal number with at most 9 decimals (0.1234567891)" cs config set ride.commission 0.1234567891
f "owner not UTF-8" 2 "owner: not valid UTF-8 text" cs config set owner "$(printf 'caf\xe9')"
f "unknown key" 2 "key: unknown setting (currency, department, owner, paper, ride.commission) (colour)" cs config set colour red
f "unknown key on get" 2 "key: unknown setting (currency, department, owner, paper, ride.commission) (colour)" cs config get colour
f "set without a value" 2 "config: usage: config set KEY VALUE" cs config set owner
f "set without a key" 2 "config: usage: config set KEY VALUE" cs config set
f "get with two keys" 2 "argument: unexpected argument (owner)" cs config get currency owner
f "unknown subcommand" 2 "config: use config set KEY VALUE or config get [KEY] (frob)" cs config frob
f "no subcommand" 2 "config: use config set KEY VALUE or config get [KEY]" cs config
f "unknown option" 2 "option: unknown option (--global)" cs config get --global
expect_out "the settings are unchanged" "JPY|0.123456789" sql "SELECT (SELECT value FROM config WHERE key = 'currency'), (SELECT value FROM config WHERE key = 'ride.commission')"

# rates into the base currency
expect_ok "base currency EUR" cs config set currency EUR
expect_out "rate list when empty" "currency  quote  date  rate" cs rate list
expect_out "rate set (today by default)" "1 JPY = 0.0067 EUR from 2026-11-10" cs rate set JPY 0.0067
expect_out "rate set --date" "1 GBP = 1.27 EUR from 2026-10-01" cs rate set GBP 1.27 --date 2026-10-01
expect_out "rate set another date" "1 GBP = 1.2 EUR from 2026-11-01" cs rate set GBP 1.2 --date 2026-11-01
expect_out "rate set with 9 decimals" "1 USD = 0.923456789 EUR from 2026-11-10" cs rate set USD 0.923456789
expect_out "rate set a large rate" "1 BHD = 2450 EUR from 2026-11-10" cs rate set BHD 2450
# (rev 2) pairs quoted in the base currency, kept as written: mantissa / 10^scale
expect_out "rates stored as written, quoted in the base" "BHD|EUR|2026-11-10|2450|0
GBP|EUR|2026-10-01|127|2
GBP|EUR|2026-11-01|12|1
JPY|EUR|2026-11-10|67|4
USD|EUR|2026-11-10|923456789|9" sql "SELECT currency, quote, date, mantissa, scale FROM rate ORDER BY 1, 3"
expect_out "rate list (table)" \
  "currency  quote  date               rate
BHD       EUR    2026-11-10         2450
GBP       EUR    2026-10-01         1.27
GBP       EUR    2026-11-01          1.2
JPY       EUR    2026-11-10       0.0067
USD       EUR    2026-11-10  0.923456789" cs rate list
expect_out "rate list --format csv" "$(crlf "currency,quote,date,rate" \
  "BHD,EUR,2026-11-10,2450" "GBP,EUR,2026-10-01,1.27" "GBP,EUR,2026-11-01,1.2" \
  "JPY,EUR,2026-11-10,0.0067" "USD,EUR,2026-11-10,0.923456789")" cs rate list --format csv
expect_out "rate list --format json" '[
  {"currency": "BHD", "quote": "EUR", "date": "2026-11-10", "rate": "2450"},
  {"currency": "GBP", "quote": "EUR", "date": "2026-10-01", "rate": "1.27"},
  {"currency": "GBP", "quote": "EUR", "date": "2026-11-01", "rate": "1.2"},
  {"currency": "JPY", "quote": "EUR", "date": "2026-11-10", "rate": "0.0067"},
  {"currency": "USD", "quote": "EUR", "date": "2026-11-10", "rate": "0.923456789"}
]' cs rate list --format json
expect_out "rate set on the same date replaces it" "1 JPY = 0.0068 EUR from 2026-11-10" cs rate set JPY 0.0068
expect_out "one JPY rate on that date" "JPY|2026-11-10|68|4" sql "SELECT currency, date, mantissa, scale FROM rate WHERE currency = 'JPY'"

f "rate for the base currency" 2 "currency: is the base currency; it needs no rate (EUR)" cs rate set EUR 1
f "rate for an unknown currency" 2 "currency: unknown ISO 4217 currency code (XYZ)" cs rate set XYZ 1
f "rate for a lower-case currency" 2 "currency: unknown ISO 4217 currency code (jpy)" cs rate set jpy 0.0067
f "rate 0" 2 "rate: must be greater than zero (0)" cs rate set JPY 0
f "rate 0.000" 2 "rate: must be greater than zero (0.000)" cs rate set JPY 0.000
f "negative rate" 2 "rate: must not be negative (-1)" cs rate set JPY -1
f "rate not a number" 2 "rate: not a decimal number with at most 18 digits (abc)" cs rate set JPY abc
f "rate with a comma" 2 "rate: not a decimal number with at most 18 digits (0,0067)" cs rate set JPY 0,0067
f "rate with 19 decimals" 2 "rate: not a decimal number with at most 18 digits (0.0000000000000000001)" cs rate set JPY 0.0000000000000000001
f "rate with 19 digits" 2 "rate: not a decimal number with at most 18 digits (1234567890.123456789)" cs rate set JPY 1234567890.123456789
f "rate with an exponent" 2 "rate: not a decimal number with at most 18 digits (1e3)" cs rate set JPY 1e3
f "rate ending in a dot" 2 "rate: not a decimal number with at most 18 digits (1.)" cs rate set JPY 1.
f "rate with a bad date" 2 "--date: no such calendar date (2026-02-30)" cs rate set JPY 1 --date 2026-02-30
f "rate with a malformed date" 2 "--date: not a date in YYYY-MM-DD form (2026/11/01)" cs rate set JPY 1 --date 2026/11/01
f "rate set without a rate" 2 "rate: usage: rate set CUR RATE [--quote Q] [--date DATE]" cs rate set JPY
f "rate set with too much" 2 "argument: unexpected argument (x)" cs rate set JPY 1 x
f "unknown rate subcommand" 2 "rate: use rate set CUR RATE [--quote Q] [--date DATE], rate list or rate import FILE (frob)" cs rate frob
f "no rate subcommand" 2 "rate: use rate set CUR RATE [--quote Q] [--date DATE], rate list or rate import FILE" cs rate
f "rate list with an argument" 2 "argument: unexpected argument (JPY)" cs rate list JPY
f "rate list bad --format" 2 "--format: must be table, csv or json (yaml)" cs rate list --format yaml

# --- a new base currency and the budgets (rev 2) ------------------------------------------
# Budgets are amounts of the base currency they were set in: while there are any, a new
# base currency is refused unless --convert, which converts each at the new currency's
# newest rate on or before today (1 CUR = RATE of the old base), in the same change.
export CONFSPEND_DB="$TMP/budgets.db"
expect_ok "trip" cs trip add conf --name Conf --start 2026-11-01 --end 2026-11-08
expect_out "a default budget" "budget ride 150.00 USD (every month)" cs budget set ride 150
expect_ok "a month's" cs budget set total 1000 --month 2026-11
expect_ok "a trip's" cs budget set meal 20 --trip conf
f "budgets in the old currency: refused, not reinterpreted as 15000 JPY" 2 \
  "confspend: currency: 3 budgets are in USD; give --convert to convert them (JPY)" \
  cs config set currency JPY
expect_out "the base currency and the budgets are as they were" "USD|15000,100000,2000" \
  sql "SELECT (SELECT coalesce(max(value), 'USD') FROM config WHERE key = 'currency'), (SELECT group_concat(amount) FROM (SELECT amount FROM budget ORDER BY id))"
f "--convert without a rate" 1 \
  "confspend: rate: no rate to USD on or before this date; add one with 'confspend rate set JPY RATE --date DATE' (JPY on 2026-11-10)" \
  cs config set currency JPY --convert
expect_ok "a rate after today" cs rate set JPY 0.005 --date 2026-12-01
f "--convert with only a rate after today" 1 "rate: no rate to USD on or before this date" \
  cs config set currency JPY --convert
expect_ok "an older rate" cs rate set JPY 0.008 --date 2026-10-01
expect_ok "the newest on or before today: 1 JPY = 0.0064 USD, 1 USD = 156.25 JPY" cs rate set JPY 0.0064 --date 2026-11-01
changes=$(sql "SELECT count(*) FROM change")
expect_out "--convert converts every budget" "currency = JPY
converted 3 budgets from USD to JPY at the newest rate on or before 2026-11-10" \
  cs config set currency JPY --convert
expect_out "in yen, half away from zero: 150.00 USD = 23437.5 -> 23438 JPY" "$(crlf "category,month,trip,amount" \
  "ride,,,23438" "total,2026-11,,156250" "meal,,conf,3125")" cs budget list --format csv
expect_out "stored as whole yen" "23438,156250,3125" sql "SELECT group_concat(amount) FROM (SELECT amount FROM budget ORDER BY id)"
expect_out "the currency and the budgets are one change" "$((changes + 1))|config set currency JPY --convert|config currency = JPY, 3 budgets converted from USD" \
  sql "SELECT count(*), (SELECT command FROM change ORDER BY id DESC LIMIT 1), (SELECT summary FROM change ORDER BY id DESC LIMIT 1) FROM change"
expect_out "the same currency again changes no budget" "currency = JPY" cs config set currency JPY
expect_out "still in yen, and no change recorded" "23438,156250,3125|$((changes + 1))" \
  sql "SELECT group_concat(amount), (SELECT count(*) FROM change) FROM (SELECT amount FROM budget ORDER BY id)"
expect_out "one undo takes the currency and the budgets back" \
  "undid change $((changes + 1)): config currency = JPY, 3 budgets converted from USD" cs undo
expect_out "USD again, and the budgets as they were" "USD|15000,100000,2000" \
  sql "SELECT (SELECT coalesce(max(value), 'USD') FROM config WHERE key = 'currency'), (SELECT group_concat(amount) FROM (SELECT amount FROM budget ORDER BY id))"
expect_out "budget list in dollars" "$(crlf "category,month,trip,amount" \
  "ride,,,150.00" "total,2026-11,,1000.00" "meal,,conf,20.00")" cs budget list --format csv
expect_out "redo puts both back" \
  "redid change $((changes + 1)): config currency = JPY, 3 budgets converted from USD" cs redo
expect_out "yen again" "JPY|23438,156250,3125" \
  sql "SELECT (SELECT value FROM config WHERE key = 'currency'), (SELECT group_concat(amount) FROM (SELECT amount FROM budget ORDER BY id))"
# into a currency with three digits: 1 BHD = 400 JPY
expect_ok "a BHD rate in yen" cs rate set BHD 400 --date 2026-11-05
expect_out "JPY to BHD" "currency = BHD
converted 3 budgets from JPY to BHD at the newest rate on or before 2026-11-10" \
  cs config set currency BHD --convert
expect_out "three digits; 3125 / 400 = 7.8125 -> 7.813" "$(crlf "category,month,trip,amount" \
  "ride,,,58.595" "total,2026-11,,390.625" "meal,,conf,7.813")" cs budget list --format csv
# no budgets: --convert has nothing to do; one budget is said in the singular
expect_ok "remove two" sh -c '"$CONFSPEND" budget rm total --month 2026-11 && "$CONFSPEND" budget rm meal --trip conf'
f "one budget" 2 "confspend: currency: 1 budget is in BHD; give --convert to convert it (USD)" \
  cs config set currency USD
expect_ok "and none" cs budget rm ride
expect_out "no budgets: --convert converts none" "currency = USD" cs config set currency USD --convert
f "--convert with another key" 2 "confspend: --convert: only with config set currency CUR" \
  cs config set owner Ann --convert
f "--convert with get" 2 "confspend: --convert: only with config set currency CUR" \
  cs config get currency --convert

for c in config rate; do
  out=$(cs "$c" --help); rc=$?
  check "$c --help exits 0" "$rc" -eq 0
  case $out in "usage: confspend [--db FILE] $c"*) ok ;; *) bad "$c --help: $out" ;; esac
done

finish
