#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# config set currency CUR --convert converts the budgets through the pair lookup, cross
# rates included, at the newest pairs on or before today, in the same change; a missing
# rate refuses the whole change.
. "$(dirname "$0")/lib.sh"

crlf() { printf '%s\r\n' "$@"; }
f() { expect_fail_silent "$@"; }
budgets() { sql "SELECT group_concat(amount) FROM (SELECT amount FROM budget ORDER BY id)"; }

# only EUR pairs (as the ECB gives them); today is 2026-11-10
expect_ok "1 EUR = 1.0853 USD (07-14)" cs rate set EUR 1.0853 --date 2026-07-14
expect_ok "1 EUR = 24.67 CZK (07-14)" cs rate set EUR 24.67 --quote CZK --date 2026-07-14
expect_ok "1 EUR = 171.5 JPY (07-14)" cs rate set EUR 171.5 --quote JPY --date 2026-07-14
expect_ok "a pair after today is not used" cs rate set EUR 1.5 --date 2026-11-20
expect_ok "an older pair is not used either" cs rate set EUR 1.2 --date 2026-01-02
expect_ok "a default meal budget" cs budget set meal 100
expect_ok "a month's total" cs budget set total 1000 --month 2026-07

f "CZK with budgets, without --convert" 2 "currency: 2 budgets are in USD; give --convert to convert them (CZK)" \
  cs config set currency CZK
f "HUF has no pair and no cross: nothing changes" 1 \
  "rate: no rate to USD on or before this date; add one with 'confspend rate set HUF RATE --date DATE' (HUF on 2026-11-10)" \
  cs config set currency HUF --convert
expect_out "still USD, budgets as they were" "USD|10000,100000" \
  sh -c 'echo "$("$CONFSPEND" config get currency)|$(sqlite3 "$CONFSPEND_DB" "SELECT group_concat(amount) FROM (SELECT amount FROM budget ORDER BY id)")"'
# USD to CZK through EUR: 1 CZK = (1/24.67) * 1.0853 USD = 10853/246700 USD, so
# 1 USD = 246700/10853 CZK:  10000 * 246700 / 10853 = 227310.42... -> 227310 = 2273.10 CZK
#                           100000 * 246700 / 10853 = 2273104.2... -> 2273104 = 22731.04 CZK
n=$(sql "SELECT count(*) FROM change")
expect_out "--convert through the cross rate" "currency = CZK
converted 2 budgets from USD to CZK at the newest rate on or before 2026-11-10" \
  cs config set currency CZK --convert
expect_out "the budgets in CZK" "$(crlf "category,month,trip,amount" "meal,,,2273.10" "total,2026-07,,22731.04")" \
  cs budget list --format csv
expect_out "one change for the currency and the budgets" "$((n + 1))|config currency = CZK, 2 budgets converted from USD" \
  sql "SELECT count(*), (SELECT summary FROM change ORDER BY id DESC LIMIT 1) FROM change"
expect_out "one undo takes both back" "undid change $((n + 1)): config currency = CZK, 2 budgets converted from USD" cs undo
expect_out "USD budgets again" "10000,100000" budgets
# into a zero-digit currency through EUR: 1 USD in JPY = 171.5 / 1.0853; the budgets are
# cents: 10000 cents = 100 USD = 100 * 171.5 / 1.0853 = 15802.08... -> 15802 JPY;
# 1000 USD = 158020.8... -> 158021 JPY
expect_ok "--convert to JPY" cs config set currency JPY --convert
expect_out "the budgets in yen" "15802,158021" budgets
# and from JPY to CZK, both quoted from EUR: 1 JPY = (1/171.5) * 24.67 CZK;
#  15802 JPY =  15802 * 24.67 / 171.5 =  2273.09236... CZK ->  227309 hundredths (2273.09)
# 158021 JPY = 158021 * 24.67 / 171.5 = 22731.06746... CZK -> 2273107 (22731.07)
# (each conversion rounds once, from the figure it is given: not 2273.10 as from USD)
expect_ok "--convert to CZK" cs config set currency CZK --convert
expect_out "the budgets in CZK, from yen" "227309,2273107" budgets
finish
