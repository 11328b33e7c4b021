#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# policy set|list|rm and the four findings, amounts in the base currency through the
# stored rates.
. "$(dirname "$0")/lib.sh"
export CONFSPEND_TODAY=2026-11-20
R="$TMP/r"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$R"

expect_out "policy list with nothing set" "" sh -c '"$CONFSPEND" policy list --format csv | tail -n +2'
expect_out "policy set receipt-over" "policy receipt-over: 75.00 USD" cs policy set receipt-over 75
expect_out "policy set meal-per-day" "policy meal-per-day: 64.00 USD" cs policy set meal-per-day 64.00
expect_out "policy set tip-max (a % is allowed)" "policy tip-max: 20%" cs policy set tip-max 20%
expect_out "policy set claim-within" "policy claim-within: 60 days" cs policy set claim-within 60
expect_out "policy set again replaces" "policy claim-within: 30 days" cs policy set claim-within 30
expect_csv "policy list --format csv" "key,value,currency
receipt-over,75.00,USD
meal-per-day,64.00,USD
tip-max,20,
claim-within,30," cs policy list --format csv
expect_fail "an unknown key" 2 "policy: unknown key (receipt-over, meal-per-day, tip-max, claim-within) (per-diem)" cs policy set per-diem 50
expect_fail "an amount that is not money" 2 "receipt-over: not a decimal number (lots)" cs policy set receipt-over lots
expect_fail "too many decimals for USD" 2 "receipt-over:" cs policy set receipt-over 1.005
expect_fail "a percent that is not whole" 2 "tip-max: must be a whole number from 0 to 1000 (12.5)" cs policy set tip-max 12.5
expect_fail "0 days" 2 "claim-within: must be a whole number from 1 to 36500 (0)" cs policy set claim-within 0
expect_fail "policy set without a value" 2 "policy: missing (usage: confspend policy set KEY VALUE)" cs policy set tip-max
expect_out "policy rm" "policy claim-within: removed" cs policy rm claim-within
expect_fail "policy rm of a key not set" 2 "policy: not set (claim-within)" cs policy rm claim-within
expect_ok "undo of the rm" cs undo
expect_out "the key is back" "claim-within,30," sh -c '"$CONFSPEND" policy list --format csv | tr -d "\r" | tail -1'

# Findings in the base currency: 1 EUR = 1.20 USD from 2026-10-01.
cs rate set EUR 1.20 --date 2026-10-01 >/dev/null
cs add meal 60 --currency EUR --reimbursable --merchant Brasserie --date 2026-11-02 >/dev/null # 1: 72.00 USD
cs add meal 70 --currency EUR --reimbursable --merchant Bistro --date 2026-11-03 >/dev/null    # 2: 84.00 USD
cs add ride 24 --reimbursable --provider uber --tip 4 --date 2026-11-03 >/dev/null             # 3: fare 20, tip 20%
cs add ride 26 --reimbursable --provider lyft --tip 5 --date 2026-11-04 >/dev/null             # 4: fare 21, tip 24%
cs add ticket 500 --reimbursable --merchant Conf --date 2026-10-05 >/dev/null                  # 5: 46 days old
cs add meal 90 --merchant Own --date 2026-11-03 >/dev/null                                      # 6: personal
cs claim new >/dev/null 2>&1
# expense 5 (2026-10-05): 500.00 > 75.00, no receipt; Oct 5 -> Nov 20 = 26 + 20 = 46 days > 30
# expense 1 (2026-11-02): 60 EUR = 72.00 USD <= 75.00; a day of 72.00 > 64.00
# expense 2 (2026-11-03): 70 EUR = 84.00 USD > 75.00, no receipt
# expense 3: tip 4 of fare 20 = 20%: not above 20%
# expense 4: tip 5 of fare 21 = 23.8 -> 24% > 20%
# 2026-11-03: meals 84.00 (the personal 90 does not count) > 64.00
expect_out "claim check" "expense 5: no receipt (500.00 > 75.00)
expense 5: 46 days old > 30
expense 2: no receipt (84.00 > 75.00)
expense 4: tip 24% > 20%
2026-11-02: meals 72.00 > 64.00 per day
2026-11-03: meals 84.00 > 64.00 per day" cs claim check 1
# a receipt clears its finding; a higher limit clears the meals
cs receipt add 2 "$R/dinner.jpg" >/dev/null
cs receipt add 5 "$R/hotel.pdf" >/dev/null
cs policy set meal-per-day 90 >/dev/null
cs policy rm claim-within >/dev/null
expect_out "claim check after receipts and a new limit" "expense 4: tip 24% > 20%" cs claim check 1
cs policy set tip-max 25 >/dev/null
expect_out "no finding: nothing printed, exit 0" "" cs claim check 1
# claimed: 72.00 + 84.00 + 24.00 + 26.00 + 500.00 = 706.00 USD
expect_out "submit --strict with no finding submits" "claim 1: submitted, 5 expenses, claimed 706.00 USD, paid 0.00, due 706.00" cs claim submit 1 --strict
check "with nothing on stderr" "$(cat "$TMP/err")" = ""
# a tip just over the limit is shown over it (20.01% > 20%, not "20% > 20%"), and a ride
# that is all tip says so (not "100%")
export CONFSPEND_DB="$TMP/tips.db"
cs policy set tip-max 20 >/dev/null
cs add ride 120.01 --tip 20.01 --reimbursable >/dev/null    # 20.01 / 100.00
cs add ride 100.07 --tip 16.68 --reimbursable >/dev/null    # 16.68 / 83.39 = 20.0024%
cs add ride 5 --tip 5 --reimbursable >/dev/null
cs add ride 12 --tip 2 --reimbursable >/dev/null            # 20%: not over
expect_out "tips at the edge of the limit" "expense 1: tip 20.01% > 20%
expense 2: tip 20.002% > 20%
expense 3: tip with no fare (the whole amount)" sh -c '"$CONFSPEND" claim new 2>&1 >/dev/null'
# over by less than 7 decimals show: the next step up, never the limit itself
export CONFSPEND_DB="$TMP/tips7.db"
cs policy set tip-max 17 >/dev/null
cs add ride 117000.55 --tip 17000.08 --reimbursable >/dev/null   # 17.0000000999..%
expect_out "a tip over by less than 7 decimals" "expense 1: tip 17.0000001% > 17%" \
  sh -c '"$CONFSPEND" claim new 2>&1 >/dev/null'
finish
