#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A EUR/CZK trip (EuroPython in Prague) reported in a USD base through the ECB's rates,
# which are only EUR->USD and EUR->CZK pairs, so every CZK figure is a cross rate; then
# the same trip after `config set currency EUR --convert`, where CZK is the inverse of
# EUR->CZK and the budgets were converted at the newest EUR->USD pair on or before today.
. "$(dirname "$0")/lib.sh"

ECB="$(dirname "$0")/../data/ecb"
crlf() { printf '%s\r\n' "$@"; }
# The ECB's pairs in eurofxref-hist.csv used below (1 EUR = x):
#   date        USD     CZK
#   2026-07-10  1.0847  24.655   (Friday; Saturday and Sunday take it)
#   2026-07-13  1.0861  24.71
#   2026-07-14  1.0853  24.67    (the newest on or before today, 2026-11-10)
expect_out "the ECB history" "141 rates added, 0 already present" cs rate import "$ECB/eurofxref-hist.csv"
expect_ok "the trip, in CZK" cs trip add europython --name "EuroPython 2026" --start 2026-07-13 \
  --end 2026-07-19 --city Prague --currency CZK
expect_ok "the ticket, in EUR, bought on Friday 07-10" cs add ticket 450 --currency EUR --date 2026-07-10 --trip europython --merchant EuroPython --reimbursable
expect_ok "dinner in CZK on 07-14" cs add meal 1234.50 --date 2026-07-14 --trip europython --merchant "Lokál"
expect_ok "a ride in CZK on 07-13" cs add ride 389 --provider uber --tip 50 --date 2026-07-13 --trip europython --from Hotel --to "Congress Centre"
expect_ok "a snack in CZK on Sunday 07-12" cs add meal 89.90 --date 2026-07-12 --trip europython
expect_ok "the train home, in EUR, Sunday 07-19" cs add travel 120 --currency EUR --date 2026-07-19 --trip europython --merchant "ČD" --reimbursable
expect_ok "a meal budget" cs budget set meal 100 --trip europython
expect_ok "a total budget" cs budget set total 1000 --trip europython

# In USD, by hand (cents; rounded half away from zero once per expense):
#   ticket  450.00 EUR, 07-10: 45000 * 1.0847 = 48811.5           -> 48812 = 488.12
#   meal   1234.50 CZK, 07-14: 123450 * (1/24.67) * 1.0853
#                            = 123450 * 10853 / 246700 = 26796057/4934 = 5430.899... -> 5431 = 54.31
#   ride    389.00 CZK, 07-13: 38900 * 10861 / 247100 = 4224929/2471 = 1709.805... -> 1710 = 17.10
#     its tip 50.00 CZK:        5000 * 10861 / 247100 = 543050/2471 = 219.77...  -> 220 = 2.20
#   meal     89.90 CZK, 07-12 (Friday's legs): 8990 * 10847 / 2465500
#                            = 9751453/24655 = 395.51...                        -> 396 = 3.96
#   travel  120.00 EUR, 07-19: 12000 * 1.0853 = 13023.6            -> 13024 = 130.24
#   meal 54.31 + 3.96 = 58.27; total 488.12 + 58.27 + 17.10 + 130.24 = 693.73;
#   reimbursable 488.12 + 130.24 = 618.36, personal 75.37
expect_out "report trip in USD" "$(crlf "section,item,count,total,reimbursable,personal" \
  "category,ride,1,17.10,0.00,17.10" "category,meal,2,58.27,0.00,58.27" \
  "category,ticket,1,488.12,488.12,0.00" "category,travel,1,130.24,130.24,0.00" \
  "total,all,5,693.73,618.36,75.37" "day,2026-07-10,1,488.12,488.12,0.00" \
  "day,2026-07-12,1,3.96,0.00,3.96" "day,2026-07-13,1,17.10,0.00,17.10" \
  "day,2026-07-14,1,54.31,0.00,54.31" "day,2026-07-19,1,130.24,130.24,0.00")" \
  sh -c '"$CONFSPEND" report trip europython --format csv | grep -E "^(section,item|category|total|day)"'
# the ride model works on the converted fare: paid = 17.10 - 2.20 (tip) = 14.90
expect_out "the ride paid, less its tip" "rides,fares paid (tips excluded),1,14.90,," \
  sh -c '"$CONFSPEND" report trip europython --format csv | tr -d "\r" | grep "^rides,fares paid (tips excluded)"'
expect_out "report budget --trip in USD" "$(crlf "category,budget,actual,remaining,used_pct,direct_actual" \
  "ride,,17.10,,,17.10" "meal,100.00,58.27,41.73,58.3,58.27" "ticket,,488.12,,,488.12" \
  "travel,,130.24,,,130.24" "total,1000.00,693.73,306.27,69.4,693.73")" \
  cs report budget --trip europython --format csv
expect_out "the month's report: the same figures" "total,1000.00,693.73,306.27,69.4,693.73" \
  sh -c '"$CONFSPEND" report budget --trip europython --format csv | tr -d "\r" | tail -1'
# the workbook's "Amount in base currency" column, in date order (its own conversion is
# rate.c's, the same as the reports')
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  expect_ok "export xlsx" cs export xlsx "$TMP/usd.xlsx"
  expect_out "the workbook's base amounts in USD, a blank row, the total" "488.12 3.96 17.1 54.31 130.24 - 693.73" \
    /usr/bin/python3 "$(dirname "$0")/xlsx_check.py" column "$TMP/usd.xlsx" Expenses J
fi

# --- the base becomes EUR: refused while budgets exist, unless --convert
expect_fail_silent "refused without --convert" 2 \
  "confspend: currency: 2 budgets are in USD; give --convert to convert them (EUR)" cs config set currency EUR
# the budgets at the newest pair on or before today, 07-14's 1 EUR = 1.0853 USD, inverted:
#   100.00 USD = 10000 / 1.0853 = 9214.04... -> 9214 = 92.14 EUR
#  1000.00 USD = 100000 / 1.0853 = 92140.4... -> 92140 = 921.40 EUR
expect_out "--convert" "currency = EUR
converted 2 budgets from USD to EUR at the newest rate on or before 2026-11-10" \
  cs config set currency EUR --convert
expect_out "the budgets in EUR" "$(crlf "category,month,trip,amount" "meal,,europython,92.14" \
  "total,,europython,921.40")" cs budget list --format csv
# In EUR, by hand: EUR needs no rate; CZK through the inverse of EUR->CZK:
#   meal  123450 / 24.67  = 12345000/2467 = 5004.05... -> 5004 = 50.04
#   ride   38900 / 24.71  = 3890000/2471  = 1574.26... -> 1574 = 15.74 (tip 5000 / 24.71 -> 202)
#   meal    8990 / 24.655 = 1798000/4931  = 364.63...  -> 365  = 3.65
#   meal 50.04 + 3.65 = 53.69; total 450.00 + 53.69 + 15.74 + 120.00 = 639.43;
#   reimbursable 570.00, personal 69.43
# and back, consistently: 50.04 EUR * 1.0853 = 5430.84... -> 54.31 USD, the cross figure
expect_out "report trip in EUR" "$(crlf "section,item,count,total,reimbursable,personal" \
  "category,ride,1,15.74,0.00,15.74" "category,meal,2,53.69,0.00,53.69" \
  "category,ticket,1,450.00,450.00,0.00" "category,travel,1,120.00,120.00,0.00" \
  "total,all,5,639.43,570.00,69.43" "day,2026-07-10,1,450.00,450.00,0.00" \
  "day,2026-07-12,1,3.65,0.00,3.65" "day,2026-07-13,1,15.74,0.00,15.74" \
  "day,2026-07-14,1,50.04,0.00,50.04" "day,2026-07-19,1,120.00,120.00,0.00")" \
  sh -c '"$CONFSPEND" report trip europython --format csv | grep -E "^(section,item|category|total|day)"'
expect_out "the ride paid in EUR: 15.74 - 2.02" "rides,fares paid (tips excluded),1,13.72,," \
  sh -c '"$CONFSPEND" report trip europython --format csv | tr -d "\r" | grep "^rides,fares paid (tips excluded)"'
# used_pct the same as in USD (58.3, 69.4): 53.69 / 92.14 = 58.27%, 639.43 / 921.40 = 69.40%
expect_out "report budget --trip in EUR" "$(crlf "category,budget,actual,remaining,used_pct,direct_actual" \
  "ride,,15.74,,,15.74" "meal,92.14,53.69,38.45,58.3,53.69" "ticket,,450.00,,,450.00" \
  "travel,,120.00,,,120.00" "total,921.40,639.43,281.97,69.4,639.43")" \
  cs report budget --trip europython --format csv
# and back to USD: the budgets at 1 EUR = 1.0853 USD: 92.14 * 1.0853 = 9999.95... -> 100.00,
# 921.40 * 1.0853 = 99999.542 -> 1000.00; every expense figure as it was in USD
expect_out "--convert back to USD" "currency = USD
converted 2 budgets from EUR to USD at the newest rate on or before 2026-11-10" \
  cs config set currency USD --convert
expect_out "the USD figures again" "$(crlf "category,budget,actual,remaining,used_pct,direct_actual" \
  "ride,,17.10,,,17.10" "meal,100.00,58.27,41.73,58.3,58.27" "ticket,,488.12,,,488.12" \
  "travel,,130.24,,,130.24" "total,1000.00,693.73,306.27,69.4,693.73")" \
  cs report budget --trip europython --format csv
finish
