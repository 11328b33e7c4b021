#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# rate set --quote, rate list: pairs kept as written; direct and inverse pairs, the newer of
# the two on or before the expense's date (the direct one on a tie), one change per rate.
. "$(dirname "$0")/lib.sh"

crlf() { printf '%s\r\n' "$@"; }
f() { expect_fail_silent "$@"; }
# the budget report's actual of the only category used, in the base currency
actual() { cs report budget --month "$1" --format csv | sed -n 2p | cut -d, -f3; }

expect_out "a pair quoted in the base (USD) by default" "1 EUR = 1.0850 USD from 2026-07-01" \
  cs rate set EUR 1.0850 --date 2026-07-01
expect_out "a pair with --quote" "1 EUR = 24.67 CZK from 2026-07-01" \
  cs rate set EUR 24.67 --quote CZK --date 2026-07-01
expect_out "a pair the other way round (1 JPY in USD), 9 decimals and more" \
  "1 JPY = 0.0066666666667 USD from 2026-07-01" cs rate set JPY 0.0066666666667 --date 2026-07-01
expect_out "kept as written: 1.0850 keeps its zero, 0.0066666666667 all 13 decimals" \
  "CZK|JPY|USD|10850|4|2467|2|66666666667|13" \
  sql "SELECT (SELECT quote FROM rate WHERE currency = 'EUR' AND quote = 'CZK'), 'JPY', (SELECT quote FROM rate WHERE currency = 'EUR' AND quote = 'USD'), (SELECT mantissa FROM rate WHERE quote = 'USD' AND currency = 'EUR'), (SELECT scale FROM rate WHERE quote = 'USD' AND currency = 'EUR'), (SELECT mantissa FROM rate WHERE quote = 'CZK'), (SELECT scale FROM rate WHERE quote = 'CZK'), (SELECT mantissa FROM rate WHERE currency = 'JPY'), (SELECT scale FROM rate WHERE currency = 'JPY')"
expect_out "rate list --format csv: currency,quote,date,rate as written" "$(crlf "currency,quote,date,rate" \
  "EUR,CZK,2026-07-01,24.67" "EUR,USD,2026-07-01,1.0850" "JPY,USD,2026-07-01,0.0066666666667")" \
  cs rate list --format csv
expect_out "rate list (table)" "currency  quote  date                   rate
EUR       CZK    2026-07-01            24.67
EUR       USD    2026-07-01           1.0850
JPY       USD    2026-07-01  0.0066666666667" cs rate list

# --- direct: 1 EUR = 1.0850 USD. 19.99 EUR = 1999 * 10850 / 10000 = 2168.915 -> 2169 cents
expect_ok "an expense in EUR" cs add meal 19.99 --currency EUR --date 2026-07-02
expect_out "direct pair: 19.99 EUR = 21.69 USD" "21.69" actual 2026-07
# --- inverse: only USD->GBP is stored (1 USD = 0.8 GBP), so 1 GBP = 1/0.8 = 1.25 USD.
# 10.01 GBP = 1001 / 0.8 = 1251.25 -> 1251 cents
export CONFSPEND_DB="$TMP/inverse.db"
expect_out "a pair from the base" "1 USD = 0.8 GBP from 2026-07-01" cs rate set USD 0.8 --quote GBP --date 2026-07-01
expect_ok "an expense in GBP" cs add meal 10.01 --currency GBP --date 2026-07-03
expect_out "inverse pair: 10.01 GBP = 1001 / 0.8 = 1251.25 -> 12.51 USD" "12.51" actual 2026-07
# a refund the same way, half away from zero on the negative side: 0.03 GBP = 3 / 0.8 =
# 3.75 -> 4 cents, -0.03 GBP -> -4 cents. 12.51 + 0.04 - 0.04 = 12.51
expect_ok "0.03 GBP" cs add meal 0.03 --currency GBP --date 2026-07-03
expect_ok "a 0.03 GBP refund" cs add meal 0.03 --refund --currency GBP --date 2026-07-03
expect_out "each converted once, half away from zero: +0.04, -0.04" "12.51" actual 2026-07
# 0.01 GBP = 1 / 0.8 = 1.25 -> 1 cent; -0.01 -> -1
expect_ok "0.01 GBP" cs add meal 0.01 --currency GBP --date 2026-07-03
expect_out "0.01 GBP = 1.25 -> 0.01 USD" "12.52" actual 2026-07

# --- the newer of direct and inverse: GBP->USD 1.30 from 07-10 is newer than USD->GBP 0.8
# from 07-01 for an expense on 07-15: 10.01 GBP = 1001 * 1.30 = 1301.3 -> 13.01 USD
export CONFSPEND_DB="$TMP/newer.db"
expect_ok "USD->GBP from 07-01" cs rate set USD 0.8 --quote GBP --date 2026-07-01
expect_ok "GBP->USD from 07-10" cs rate set GBP 1.30 --date 2026-07-10
expect_ok "on 07-05" cs add meal 10.01 --currency GBP --date 2026-07-05
expect_ok "on 07-15" cs add meal 10.01 --currency GBP --date 2026-08-15
expect_out "07-05: only the inverse is on or before it: 12.51" "12.51" actual 2026-07
expect_out "08-15: the direct pair is newer: 13.01" "13.01" actual 2026-08
expect_ok "an inverse pair from 08-01 is newer again: 1 USD = 0.75 GBP" cs rate set USD 0.75 --quote GBP --date 2026-08-01
expect_out "08-15: 1001 / 0.75 = 1334.67 -> 13.35 USD" "13.35" actual 2026-08
expect_ok "a direct pair on the same day as the inverse one: 1 GBP = 1.40 USD" cs rate set GBP 1.40 --date 2026-08-01
expect_out "a tie takes the direct pair: 1001 * 1.40 = 1401.4 -> 14.01 USD" "14.01" actual 2026-08

# --- one change per rate, undoable
changes=$(sql "SELECT count(*) FROM change")
expect_out "rate set is one change" "$changes|rate 1 GBP = 1.40 USD from 2026-08-01" \
  sql "SELECT count(*), (SELECT summary FROM change ORDER BY id DESC LIMIT 1) FROM change"
expect_out "undo takes it back" "undid change $changes: rate 1 GBP = 1.40 USD from 2026-08-01" cs undo
expect_out "back to the inverse pair" "13.35" actual 2026-08
expect_out "rate set again on the same day replaces the value" "1 GBP = 1.5 USD from 2026-08-01" cs rate set GBP 1.5 --date 2026-08-01
expect_out "one GBP->USD pair on 08-01" "1|15|1" sql "SELECT count(*), mantissa, scale FROM rate WHERE currency = 'GBP' AND date = '2026-08-01'"

# --- refusals: exit 2, nothing written
f "--quote the same currency" 2 "currency: is the quote currency too; a pair needs two (EUR)" \
  cs rate set EUR 1 --quote EUR
f "the base without --quote" 2 "currency: is the base currency; it needs no rate (USD)" cs rate set USD 1
f "an unknown quote" 2 "--quote: unknown ISO 4217 currency code (XXX)" cs rate set EUR 1 --quote XXX
f "a lower-case quote" 2 "--quote: unknown ISO 4217 currency code (usd)" cs rate set EUR 1 --quote usd
f "--format with rate set" 2 "--format: only with rate list" cs rate set EUR 1 --format csv
f "a negative rate" 2 "rate: must not be negative (-1.08)" cs rate set EUR -1.08
f "rate import with --quote" 2 "--quote: not with rate import (the file gives them)" cs rate import x.csv --quote USD
f "rate import without a file" 2 "rate: usage: rate import FILE" cs rate import
finish
