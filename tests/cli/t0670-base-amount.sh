#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# add|edit --base-amount: what the card actually charged in the base currency, used by
# report budget, report trip and the workbook instead of a rate (its implied rate for the
# tip); only for an expense in another currency than the base; edit --no-base-amount.
. "$(dirname "$0")/lib.sh"

crlf() { printf '%s\r\n' "$@"; }
f() { expect_fail_silent "$@"; }
actual() { cs report budget --month "$1" --format csv | tr -d '\r' | grep "^$2," | cut -d, -f3; }

expect_ok "1 EUR = 1.0853 USD" cs rate set EUR 1.0853 --date 2026-07-14
expect_ok "1 EUR = 24.67 CZK" cs rate set EUR 24.67 --quote CZK --date 2026-07-14
expect_ok "the trip" cs trip add europython --name EuroPython --start 2026-07-13 --end 2026-07-19 --currency CZK

# through the rates 1234.50 CZK is 54.31 USD (123450 * 10853 / 246700 = 5430.899 -> 5431);
# the card charged 55.02 USD
expect_out "add --base-amount" "1  2026-07-14  meal  1234.50 CZK  Lokál  [europython]" \
  cs add meal 1234.50 --date 2026-07-14 --trip europython --merchant "Lokál" --base-amount 55.02
expect_out "stored in minor units of the base it was given in" "5502|USD" \
  sql "SELECT base_amount, base_currency FROM expense WHERE id = 1"
expect_out "show prints it" "base_amount   55.02 USD" sh -c '"$CONFSPEND" show 1 | grep base_amount'
expect_out "the export csv columns are unchanged" "1,2026-07-14,meal,1234.50,CZK,Lokál,,europython,no" \
  sh -c '"$CONFSPEND" show 1 --format csv | tr -d "\r" | sed -n 2p | cut -d, -f1-9'
expect_out "report budget takes what the card charged" "55.02" actual 2026-07 meal
expect_ok "a second meal without one" cs add meal 89.90 --date 2026-07-14 --trip europython
# 8990 * 10853 / 246700 = 97568470 / 246700 = 395.49... -> 395 = 3.95
expect_out "the other meal at the rate: 55.02 + 3.95" "58.97" actual 2026-07 meal

# a ride: its tip at the implied rate 17.50 / 389.00 = 1750/38900 USD per CZK cent:
# 5000 * 1750 / 38900 = 224.93... -> 225 = 2.25; paid (fare less tip) 17.50 - 2.25 = 15.25
expect_ok "a ride with a tip and a base amount" cs add ride 389 --tip 50 --provider uber --date 2026-07-14 --trip europython --base-amount 17.50
expect_out "report trip: the ride at 17.50" "category,ride,1,17.50,0.00,17.50" \
  sh -c '"$CONFSPEND" report trip europython --format csv | tr -d "\r" | grep "^category,ride"'
expect_out "the ride model: paid 15.25" "rides,fares paid (tips excluded),1,15.25,," \
  sh -c '"$CONFSPEND" report trip europython --format csv | tr -d "\r" | grep "^rides,fares paid (tips excluded)"'
expect_out "report trip total: 55.02 + 3.95 + 17.50" "total,all,3,76.47,0.00,76.47" \
  sh -c '"$CONFSPEND" report trip europython --format csv | tr -d "\r" | grep "^total"'
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  expect_ok "export xlsx" cs export xlsx "$TMP/book.xlsx"
  expect_out "the workbook's base column takes it too" "55.02 3.95 17.5 - 76.47" \
    /usr/bin/python3 "$(dirname "$0")/xlsx_check.py" column "$TMP/book.xlsx" Expenses J
fi

# a refund: the base amount takes the amount's sign
expect_ok "a refund with a base amount" cs add meal 100 --refund --date 2026-07-14 --trip europython --base-amount 4.40
expect_out "stored negative like the amount" "-10000|-440" sql "SELECT amount, base_amount FROM expense WHERE id = 4"
expect_out "the refund counts -4.40: 58.97 - 4.40" "54.57" actual 2026-07 meal
expect_ok "edit --no-refund turns both positive" cs edit 4 --no-refund
expect_out "both positive" "10000|440" sql "SELECT amount, base_amount FROM expense WHERE id = 4"
expect_ok "and --refund back" cs edit 4 --refund
expect_out "both negative again" "-10000|-440" sql "SELECT amount, base_amount FROM expense WHERE id = 4"

# edit: a new base amount, then none (back to the rate)
expect_ok "edit --base-amount" cs edit 1 --base-amount 56
expect_out "the new base amount" "5600|USD" sql "SELECT base_amount, base_currency FROM expense WHERE id = 1"
expect_out "history shows it as money of its base currency" "base_amount: 55.02 -> 56.00" \
  sh -c '"$CONFSPEND" history 1 | grep -o "base_amount: .*" | tail -1'
expect_ok "edit --no-base-amount" cs edit 1 --no-base-amount
expect_out "cleared" "|" sql "SELECT base_amount, base_currency FROM expense WHERE id = 1"
expect_out "show has no base_amount line" "0" sh -c '"$CONFSPEND" show 1 | grep -c base_amount || true'
expect_out "back at the cross rate: 54.31 + 3.95 - 4.40" "53.86" actual 2026-07 meal
n=$(sql "SELECT max(id) FROM change")
expect_out "undo brings the base amount back" "undid change $n: edit 1  2026-07-14  meal  1234.50 CZK  Lokál  [europython]" cs undo
expect_out "5600 again" "5600|USD" sql "SELECT base_amount, base_currency FROM expense WHERE id = 1"

# refusals: exit 2, nothing written
f "an expense in the base currency" 2 \
  "confspend: --base-amount: the expense is in the base currency USD; only one in another currency has a base amount (3)" \
  cs add meal 5 --currency USD --base-amount 3
f "zero" 2 "--base-amount: must be greater than zero (0)" cs add meal 5 --currency CZK --base-amount 0
f "negative" 2 "--base-amount: must be a positive decimal number (-3)" cs add meal 5 --currency CZK --base-amount -3
f "not a number" 2 "--base-amount: not a decimal number (abc)" cs add meal 5 --currency CZK --base-amount abc
f "more decimals than the base has" 2 "--base-amount: at most 2 decimals in this currency (1.234)" cs add meal 5 --currency CZK --base-amount 1.234
f "an amount of 0" 2 "--base-amount: not for an amount of 0 (it converts nothing) (5)" cs add lodging 0 --currency CZK --nights 2 --base-amount 5
f "with --monthly" 2 "--base-amount: cannot go with --monthly (5)" cs add other 100 --currency CZK --monthly --base-amount 5
f "edit with both" 2 "--no-base-amount: cannot go with --base-amount" cs edit 1 --base-amount 5 --no-base-amount
f "edit into the currency of its base amount" 2 \
  "--currency: the expense has a base amount in USD; give --no-base-amount too (USD)" cs edit 1 --currency USD
expect_ok "an expense in USD" cs add meal 7 --currency USD --no-trip --date 2026-07-20
f "edit of an expense in the base currency" 2 \
  "--base-amount: the expense is in the base currency USD; only one in another currency has a base amount (3)" \
  cs edit 5 --base-amount 3
expect_ok "into USD with --no-base-amount" cs edit 1 --currency USD --no-base-amount --amount 54
expect_out "in USD, no base amount" "5400|USD||" sql "SELECT amount, currency, base_amount, base_currency FROM expense WHERE id = 1"

# a row another program wrote with a base amount of the other sign fails the report,
# naming the field and the value, rather than counting it
expect_ok "a CZK meal with a base amount" cs add meal 10 --currency CZK --date 2026-07-14 --no-trip --base-amount 0.45
expect_ok "its sign turned by hand" sqlite3 "$CONFSPEND_DB" "UPDATE expense SET base_amount = -45 WHERE id = (SELECT max(id) FROM expense)"
f "report budget refuses it" 1 \
  "confspend: base_amount: not of the sign of the amount of its expense in CZK on 2026-07-14 (-0.45)" \
  cs report budget --month 2026-07
expect_ok "that row away again" sqlite3 "$CONFSPEND_DB" "DELETE FROM expense WHERE id = (SELECT max(id) FROM expense)"

# the base changes: a base amount stays in the currency it was given in, and is converted
# on from there: the ride's 17.50 USD into EUR at 1 EUR = 1.0853 USD: 1750 / 1.0853 =
# 1612.45... -> 16.12 EUR; its tip 5000 * (1750/38900) / 1.0853 = 207.25... -> 2.07
expect_ok "EUR base" cs config set currency EUR
expect_out "show: still 17.50 USD" "base_amount   17.50 USD" sh -c '"$CONFSPEND" show 3 | grep base_amount'
expect_out "the ride in EUR through its USD base amount" "category,ride,1,16.12,0.00,16.12" \
  sh -c '"$CONFSPEND" report trip europython --format csv | tr -d "\r" | grep "^category,ride"'
expect_out "its tip at the same rate: paid 16.12 - 2.07" "rides,fares paid (tips excluded),1,14.05,," \
  sh -c '"$CONFSPEND" report trip europython --format csv | tr -d "\r" | grep "^rides,fares paid (tips excluded)"'
expect_ok "a base amount given now is in EUR" cs edit 2 --base-amount 3.70
expect_out "stored in EUR" "370|EUR" sql "SELECT base_amount, base_currency FROM expense WHERE id = 2"
expect_ok "a USD expense may have one now" cs add meal 10 --currency USD --no-trip --date 2026-07-20 --base-amount 9.30
finish
