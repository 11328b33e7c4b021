#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Cross rates: CUR to the base through one other currency X (EUR first, then alphabetical)
# when no pair joins them, each leg at its own newest pair on or before the date, the
# fraction exact and the amount rounded half away from zero once; a missing rate names
# the currency and the date.
. "$(dirname "$0")/lib.sh"

f() { expect_fail_silent "$@"; }
actual() { cs report budget --month "$1" --format csv | sed -n 2p | cut -d, -f3; }
# the budget report's csv row of category $2 in month $1 (without the line's CR)
row() { cs report budget --month "$1" --format csv | tr -d '\r' | grep "^$2,"; }

# --- only EUR->USD and EUR->CZK: CZK needs a cross through EUR
expect_ok "1 EUR = 1.0853 USD" cs rate set EUR 1.0853 --date 2026-07-14
expect_ok "1 EUR = 24.67 CZK" cs rate set EUR 24.67 --quote CZK --date 2026-07-14
expect_ok "1234.50 CZK" cs add meal 1234.50 --currency CZK --date 2026-07-14
# 1 CZK = (1/24.67 EUR) * 1.0853 USD/EUR = (100/2467) * (10853/10000) = 10853/246700 USD
# 1234.50 CZK = 123450 * 10853 / 246700 = 1339802850 / 246700 = 5430.899... -> 5431 cents
expect_out "1234.50 CZK = 54.31 USD through EUR" "54.31" actual 2026-07
expect_ok "and a refund of it" cs add meal 1234.50 --refund --currency CZK --date 2026-07-14
# -5430.899... -> -5431: half away from zero on both sides, so the two cancel exactly
expect_out "the refund is -54.31: 0.00" "0.00" actual 2026-07
# a zero-digit currency: 1 JPY = (1/171.5 EUR) * 1.0853 USD; 1500 JPY in cents =
# 1500 * 100 * 10853 / (171.5 * 10000) = 325590/343 = 949.24... -> 949 cents
export CONFSPEND_DB="$TMP/jpy.db"
expect_ok "1 EUR = 1.0853 USD" cs rate set EUR 1.0853 --date 2026-07-14
expect_ok "1 EUR = 171.5 JPY" cs rate set EUR 171.5 --quote JPY --date 2026-07-14
expect_ok "1500 JPY" cs add meal 1500 --currency JPY --date 2026-07-14
expect_out "1500 JPY = 9.49 USD through EUR" "9.49" actual 2026-07
# an inverse leg: 1 USD = 0.92 EUR (no EUR->USD), so 1 CZK = (1/24.67) * (1/0.92) USD;
# 1234.50 CZK = 123450 / 24.67 / 0.92 = 308625000/56741 = 5439.18... -> 5439 cents
export CONFSPEND_DB="$TMP/inverse-leg.db"
expect_ok "1 USD = 0.92 EUR" cs rate set USD 0.92 --quote EUR --date 2026-07-14
expect_ok "1 EUR = 24.67 CZK" cs rate set EUR 24.67 --quote CZK --date 2026-07-14
expect_ok "1234.50 CZK" cs add meal 1234.50 --currency CZK --date 2026-07-14
expect_out "both legs inverted: 54.39 USD" "54.39" actual 2026-07

# --- each leg its own newest pair on or before the date
export CONFSPEND_DB="$TMP/legs.db"
expect_ok "EUR->USD 07-10" cs rate set EUR 1.0847 --date 2026-07-10
expect_ok "EUR->CZK 07-10" cs rate set EUR 24.655 --quote CZK --date 2026-07-10
expect_ok "EUR->CZK 07-13, no USD that day" cs rate set EUR 24.71 --quote CZK --date 2026-07-13
expect_ok "89.90 CZK on Sunday 07-12" cs add meal 89.90 --currency CZK --date 2026-07-12
expect_ok "389.00 CZK on 07-13" cs add ride 389 --currency CZK --date 2026-07-13
# 07-12 takes both legs of Friday 07-10: 8990 * 1.0847 / 24.655 = 9751453/24655
# = 395.51... -> 396 cents
expect_out "07-12: both legs of 07-10: 3.96 USD" "meal,,3.96,,,3.96" row 2026-07 meal
# 07-13: the CZK leg of 07-13 and the USD leg of 07-10: 38900 * 1.0847 / 24.71
# = 4219483/2471 = 1707.60... -> 1708 cents
expect_out "07-13: CZK leg 07-13, USD leg 07-10: 17.08 USD" "ride,,17.08,,,17.08" row 2026-07 ride

# --- which X: EUR first, then alphabetical; one with both legs on or before the date
export CONFSPEND_DB="$TMP/which.db"
expect_ok "GBP->PLN" cs rate set GBP 5 --quote PLN --date 2026-07-01
expect_ok "GBP->USD" cs rate set GBP 1.25 --date 2026-07-01
expect_ok "CHF->PLN" cs rate set CHF 4.5 --quote PLN --date 2026-07-01
expect_ok "CHF->USD" cs rate set CHF 1.17 --date 2026-07-01
expect_ok "100.00 PLN on 07-05" cs add meal 100 --currency PLN --date 2026-07-05
# through CHF (before GBP): 10000 / 4.5 * 1.17 = 2600 cents; through GBP it would be 2500
expect_out "no EUR: CHF comes before GBP: 26.00 USD" "26.00" actual 2026-07
expect_ok "EUR->PLN from 07-01" cs rate set EUR 4 --quote PLN --date 2026-07-01
expect_ok "EUR->USD only from 07-20" cs rate set EUR 1.08 --date 2026-07-20
expect_out "EUR lacks its USD leg on 07-05: still CHF" "26.00" actual 2026-07
expect_ok "100.00 PLN on 07-25" cs add meal 100 --currency PLN --date 2026-08-05
# through EUR: 10000 / 4 * 1.08 = 2700 cents
expect_out "on 08-05 EUR has both legs and comes first: 27.00 USD" "27.00" actual 2026-08
expect_ok "a direct pair PLN->USD from 08-01" cs rate set PLN 0.2 --date 2026-08-01
expect_out "a direct pair always comes before a cross: 20.00 USD" "20.00" actual 2026-08

# --- a missing rate: the error names the currency and the date (exit 1, nothing written)
expect_ok "1000.00 HUF" cs add meal 1000 --currency HUF --date 2026-07-05
f "no pair and no cross for HUF" 1 \
  "confspend: rate: no rate to USD on or before this date; add one with 'confspend rate set HUF RATE --date DATE' (HUF on 2026-07-05)" \
  cs report budget --month 2026-07
finish
