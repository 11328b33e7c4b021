#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# a claim's whole life from the CLI: new, check, submit (strict and not), reject, new
# again, approve, pay in two parts, with `report claims` at each step.
. "$(dirname "$0")/lib.sh"
export CONFSPEND_TODAY=2026-11-20
R="$TMP/r"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$R"

# The trip, in USD; one lunch in EUR at 1 EUR = 1.10 USD.
cs rate set EUR 1.10 --date 2026-10-01 >/dev/null
cs trip add pycon --name "PyCon US" --start 2026-11-02 --end 2026-11-08 >/dev/null
cs add meal 82.40 --trip pycon --reimbursable --merchant Dinner --date 2026-11-03 >/dev/null     # 1
cs add meal 20 --currency EUR --trip pycon --reimbursable --merchant Lunch --date 2026-11-03 >/dev/null # 2: 22.00 USD
cs add ride 30 --trip pycon --reimbursable --provider uber --tip 8 --from Home --to Venue --date 2026-11-04 >/dev/null # 3
cs add ride 25 --trip pycon --provider lyft --from Venue --to Home --date 2026-11-04 >/dev/null  # 4: personal
cs add lodging 300 --trip pycon --reimbursable --nights 3 --merchant Inn --date 2026-09-01 >/dev/null # 5: booked early
cs add meal 5 --trip pycon --reimbursable --refund --merchant Dinner --date 2026-11-05 >/dev/null # 6: -5.00
cs add ticket 100 --no-trip --reimbursable --merchant Conf --date 2026-11-10 >/dev/null          # 7: not the trip's
cs receipt add 1 "$R/dinner.jpg" >/dev/null
cs policy set receipt-over 75 >/dev/null
cs policy set meal-per-day 64 >/dev/null
cs policy set tip-max 20% >/dev/null
cs policy set claim-within 60 >/dev/null

# Before any claim, every reimbursable expense is unclaimed: 1, 2, 3, 5, 6, 7 = 6 expenses,
# 82.40 + 22.00 + 30.00 + 300.00 - 5.00 + 100.00 = 529.40.
expect_csv "report claims: nothing claimed yet" "status,claims,expenses,claimed,paid,outstanding
unclaimed,,6,529.40,0.00,0.00
total,0,6,529.40,0.00,0.00" cs report claims --format csv

# claim new --trip: the trip's reimbursable expenses 1, 2, 3, 5, 6 (the ticket is no
# trip's, ride 4 is personal): 82.40 + 22.00 + 30.00 + 300.00 - 5.00 = 429.40.
# Findings (by date, then id; today 2026-11-20):
#   expense 5: 300.00 > 75.00 with no receipt; 2026-09-01 to 2026-11-20 is 29 + 31 + 20 = 80 days
#     (Sep 1 -> Oct 1 is 30 days, Oct 1 -> Nov 1 31, Nov 1 -> Nov 20 19: 80) > 60
#   expense 1: 82.40 > 75.00 but it has a receipt: no finding
#   expense 3: tip 8 of fare 30 - 8 = 22: 8 * 100 / 22 = 36.36 -> 36% > 20%
#   2026-11-03: meals 82.40 + 22.00 = 104.40 > 64.00 (the refund is on 2026-11-05)
FINDINGS="expense 5: no receipt (300.00 > 75.00)
expense 5: 80 days old > 60
expense 3: tip 36% > 20%
2026-11-03: meals 104.40 > 64.00 per day"
expect_out "claim new" "claim 1: 5 expenses, 429.40 USD" cs claim new --trip pycon --title "PyCon 2026"
check "claim new prints the findings on stderr" "$(cat "$TMP/err")" = "$FINDINGS"
expect_out "claim check: the same findings on stdout, exit 0" "$FINDINGS" cs claim check 1
# draft: claimed 429.40, nothing outstanding yet; unclaimed: the ticket, 100.00;
# total: 1 claim, 5 + 1 expenses, 429.40 + 100.00 = 529.40
expect_csv "report claims: a draft" "status,claims,expenses,claimed,paid,outstanding
draft,1,5,429.40,0.00,0.00
unclaimed,,1,100.00,0.00,0.00
total,1,6,529.40,0.00,0.00" cs report claims --format csv

# submit --strict refuses while a finding stands: exit 2, the findings (as of the
# submission day 2026-11-21: 81 days) and then one error line; nothing changes
before=$(db_state)
cs claim submit 1 --date 2026-11-21 --strict >"$TMP/out" 2>"$TMP/err"; rc=$?
check "submit --strict: exit 2" "$rc" = 2
check "submit --strict: the findings, then why" "$(cat "$TMP/err")" = "expense 5: no receipt (300.00 > 75.00)
expense 5: 81 days old > 60
expense 3: tip 36% > 20%
2026-11-03: meals 104.40 > 64.00 per day
confspend: claim 1: not submitted: 4 policy findings (claim check 1; without --strict it is submitted anyway)"
check "submit --strict: nothing changed" "$(db_state)" = "$before"
check "submit --strict: nothing on stdout" "$(cat "$TMP/out")" = ""

expect_out "submit without --strict" 'claim 1 "PyCon 2026": submitted, 5 expenses, claimed 429.40 USD, paid 0.00, due 429.40' \
  cs claim submit 1 --date 2026-11-21
check "submit shows the findings on stderr" "$(wc -l <"$TMP/err")" = 4
# submitted: all of it is outstanding
expect_csv "report claims: submitted" "status,claims,expenses,claimed,paid,outstanding
submitted,1,5,429.40,0.00,429.40
unclaimed,,1,100.00,0.00,0.00
total,1,6,529.40,0.00,429.40" cs report claims --format csv

expect_out "reject" 'claim 1 "PyCon 2026": rejected, 5 expenses, claimed 429.40 USD, paid 0.00, due 0.00' \
  cs claim reject 1 --date 2026-11-25 --note "the hotel receipt is missing"
check "the note and date are kept" "$(sql "SELECT rejected || '|' || note FROM claim WHERE id = 1")" = "2026-11-25|the hotel receipt is missing"
# rejected frees its expenses: all six are unclaimed again (529.40); the rejected claim
# still counts its 5 (429.40), none outstanding; total = the rows added: 5 + 6 = 11
# expenses, 429.40 + 529.40 = 958.80
expect_csv "report claims: rejected" "status,claims,expenses,claimed,paid,outstanding
rejected,1,5,429.40,0.00,0.00
unclaimed,,6,529.40,0.00,0.00
total,1,11,958.80,0.00,0.00" cs report claims --format csv
expect_out "list --unclaimed shows the freed expenses (by date)" "5,1,2,3,6,7" \
  sh -c '"$CONFSPEND" list --unclaimed --format csv | tail -n +2 | cut -d, -f1 | paste -sd,'

# the hotel's receipt, then a new claim of the same trip
cs receipt add 5 "$R/hotel.pdf" >/dev/null
expect_out "claim new again" "claim 2: 5 expenses, 429.40 USD" cs claim new --trip pycon --title "PyCon 2026, again"
check "the receipt finding is gone" "$(cat "$TMP/err")" = "expense 5: 80 days old > 60
expense 3: tip 36% > 20%
2026-11-03: meals 104.40 > 64.00 per day"
expect_fail "nothing left to claim in the trip" 2 "claim: nothing to claim: no reimbursable expense in no claim (trip pycon (2026-11-02 to 2026-11-08))" cs claim new --trip pycon
expect_out "submit 2" 'claim 2 "PyCon 2026, again": submitted, 5 expenses, claimed 429.40 USD, paid 0.00, due 429.40' \
  cs claim submit 2 --date 2026-11-26
# Sep 1 -> Nov 26: 30 + 31 + 25 = 86 days
check "its findings as of 2026-11-26" "$(head -1 "$TMP/err")" = "expense 5: 86 days old > 60"
expect_out "claim check of a submitted claim: as of its submission" "expense 5: 86 days old > 60
expense 3: tip 36% > 20%
2026-11-03: meals 104.40 > 64.00 per day" cs claim check 2
expect_out "approve" 'claim 2 "PyCon 2026, again": approved, 5 expenses, claimed 429.40 USD, paid 0.00, due 429.40' \
  cs claim approve 2 --date 2026-11-28
expect_csv "report claims: approved" "status,claims,expenses,claimed,paid,outstanding
approved,1,5,429.40,0.00,429.40
rejected,1,5,429.40,0.00,0.00
unclaimed,,1,100.00,0.00,0.00
total,2,11,958.80,0.00,429.40" cs report claims --format csv

# paid in two parts: 200.00, then the remaining 429.40 - 200.00 = 229.40
expect_out "pay the first part" "paid 200.00 USD on 2026-12-01
claim 2 \"PyCon 2026, again\": partly paid, 5 expenses, claimed 429.40 USD, paid 200.00, due 229.40" \
  cs claim pay 2 200 --date 2026-12-01
expect_csv "report claims: partly paid" "status,claims,expenses,claimed,paid,outstanding
partly paid,1,5,429.40,200.00,229.40
rejected,1,5,429.40,0.00,0.00
unclaimed,,1,100.00,0.00,0.00
total,2,11,958.80,200.00,229.40" cs report claims --format csv
expect_out "pay the rest" "paid 229.40 USD on 2026-12-05
claim 2 \"PyCon 2026, again\": paid, 5 expenses, claimed 429.40 USD, paid 429.40, due 0.00" \
  cs claim pay 2 229.40 --date 2026-12-05
expect_csv "report claims: paid" "status,claims,expenses,claimed,paid,outstanding
paid,1,5,429.40,429.40,0.00
rejected,1,5,429.40,0.00,0.00
unclaimed,,1,100.00,0.00,0.00
total,2,11,958.80,429.40,0.00" cs report claims --format csv
expect_out "report claims as a table" "status     claims  expenses  claimed    paid  outstanding
paid            1         5   429.40  429.40         0.00
rejected        1         5   429.40    0.00         0.00
unclaimed                 1   100.00    0.00         0.00
---------------------------------------------------------
total           2        11   958.80  429.40         0.00" cs report claims
expect_out "report claims --format json" '[
  {"status": "paid", "claims": "1", "expenses": "5", "claimed": "429.40", "paid": "429.40", "outstanding": "0.00"},
  {"status": "rejected", "claims": "1", "expenses": "5", "claimed": "429.40", "paid": "0.00", "outstanding": "0.00"},
  {"status": "unclaimed", "claims": "", "expenses": "1", "claimed": "100.00", "paid": "0.00", "outstanding": "0.00"},
  {"status": "total", "claims": "2", "expenses": "11", "claimed": "958.80", "paid": "429.40", "outstanding": "0.00"}
]' cs report claims --format json

# claim list: paid_on is the newest payment's date
expect_csv "claim list" "claim,title,status,expenses,claimed,paid,outstanding,created,submitted,paid_on
1,PyCon 2026,rejected,5,429.40,0.00,0.00,2026-11-20,2026-11-21,
2,\"PyCon 2026, again\",paid,5,429.40,429.40,0.00,2026-11-20,2026-11-26,2026-12-05" cs claim list --format csv
expect_out "claim show: the status line, then its expenses by date" 'claim 2 "PyCon 2026, again": paid, 5 expenses, claimed 429.40 USD, paid 429.40, due 0.00
id  date        category  amount  cur  merchant  route          note  trip
 5  2026-09-01  lodging   300.00  USD  Inn                            pycon
 1  2026-11-03  meal       82.40  USD  Dinner                         pycon
 2  2026-11-03  meal       20.00  EUR  Lunch                          pycon
 3  2026-11-04  ride       30.00  USD            Home -> Venue        pycon
 6  2026-11-05  meal       -5.00  USD  Dinner                         pycon' cs claim show 2
expect_out "claim show --format csv: the list columns" "id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip
5,2026-09-01,lodging,300.00,USD,Inn,,pycon,yes,,,,,
1,2026-11-03,meal,82.40,USD,Dinner,,pycon,yes,,,,,
2,2026-11-03,meal,20.00,EUR,Lunch,,pycon,yes,,,,,
3,2026-11-04,ride,30.00,USD,,,pycon,yes,uber,Home,Venue,,8.00
6,2026-11-05,meal,-5.00,USD,Dinner,,pycon,yes,,,,," sh -c '"$CONFSPEND" claim show 2 --format csv | tr -d "\r"'
expect_out "list --claim 2" "5,1,2,3,6" sh -c '"$CONFSPEND" list --claim 2 --format csv | tail -n +2 | cut -d, -f1 | paste -sd,'

# every step is one change: undo walks the payments back
expect_out "undo the last payment" "undid change 23: claim pay 2: 229.40 USD on 2026-12-05 (paid)" cs undo
expect_out "the claim is partly paid again" "2,\"PyCon 2026, again\",partly paid,5,429.40,200.00,229.40,2026-11-20,2026-11-26,2026-12-01" \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1'
expect_ok "redo" cs redo
expect_out "the history names the claim steps" "claim new 1: 5 expenses of trip pycon (2026-11-02 to 2026-11-08), 429.40 USD
claim submit 1 on 2026-11-21 (with policy findings)
claim reject 1 on 2026-11-25
claim new 2: 5 expenses of trip pycon (2026-11-02 to 2026-11-08), 429.40 USD
claim submit 2 on 2026-11-26 (with policy findings)
claim approve 2 on 2026-11-28
claim pay 2: 200.00 USD on 2026-12-01 (partly paid)
claim pay 2: 229.40 USD on 2026-12-05 (paid)" sql "SELECT summary FROM change WHERE command LIKE 'claim%' ORDER BY id"
# the desk's steps in order: no approval or rejection before the submission, no payment
# before the approval (a claim may be submitted before it was made here: entered late)
export CONFSPEND_DB="$TMP/order.db"
cs add meal 50 --reimbursable --date 2026-11-05 >/dev/null
cs claim new >/dev/null 2>&1
expect_ok "submit dated before the claim was made here" cs claim submit 1 --date 2026-11-10
expect_fail "approve before the submission" 2 "confspend: --date: before claim 1 was submitted on 2026-11-10 (2026-11-09)" \
  cs claim approve 1 --date 2026-11-09
expect_fail "reject before the submission" 2 "confspend: --date: before claim 1 was submitted on 2026-11-10 (2026-11-01)" \
  cs claim reject 1 --date 2026-11-01
expect_ok "approve on the day of the submission" cs claim approve 1 --date 2026-11-10
expect_fail "pay before the approval" 2 "confspend: --date: before claim 1 was approved on 2026-11-10 (2026-11-09)" \
  cs claim pay 1 10 --date 2026-11-09
expect_fail "reject before the approval" 2 "confspend: --date: before claim 1 was approved on 2026-11-10 (2026-11-08)" \
  cs claim reject 1 --date 2026-11-08
expect_ok "pay on the day of the approval" cs claim pay 1 10 --date 2026-11-10
# paid more than claimed (50.00): paid, as the SPEC says (paid >= claimed), but the line says
# by how much instead of "due 0.00", and stderr says so
expect_out "an overpayment: paid, overpaid 5.00" "paid 45.00 USD on 2026-11-12
claim 1: paid, 1 expense, claimed 50.00 USD, paid 55.00, overpaid 5.00" cs claim pay 1 45 --date 2026-11-12
expect_out "its note" "confspend: claim 1 is paid 5.00 USD more than it claims" \
  sh -c '"$CONFSPEND" undo >/dev/null && "$CONFSPEND" claim pay 1 45 --date 2026-11-12 2>&1 >/dev/null'
expect_out "claim show says it too" "claim 1: paid, 1 expense, claimed 50.00 USD, paid 55.00, overpaid 5.00" \
  sh -c '"$CONFSPEND" claim show 1 | head -1'

# refunds count negative: a selection that adds up to nothing or less claims nothing
export CONFSPEND_DB="$TMP/neg.db"
cs add meal 5 --reimbursable --refund >/dev/null
expect_fail "a claim of a refund alone" 2 "confspend: claim: nothing to claim: the 1 expense adds up to -5.00 USD (all expenses)" \
  cs claim new
cs add meal 5 --reimbursable >/dev/null
expect_fail "a claim that adds up to 0" 2 "confspend: claim: nothing to claim: the 2 expenses add up to 0.00 USD (all expenses)" \
  cs claim new
cs add meal 0.01 --reimbursable >/dev/null
expect_out "a cent more is a claim" "claim 1: 3 expenses, 0.01 USD" cs claim new

# the base currency changed after a claim was paid: report claims adds one currency, the
# claim's USD figures at the rate of the day it was submitted (1 EUR = 1.25 USD):
# 100.00 USD = 80.00 EUR; the unclaimed 20.00 USD meal = 16.00 EUR; total 96.00
export CONFSPEND_DB="$TMP/base.db"
cs rate set EUR 1.25 --date 2026-11-01 >/dev/null
cs add meal 100 --reimbursable --date 2026-11-05 >/dev/null
cs claim new >/dev/null 2>&1
cs claim submit 1 --date 2026-11-10 >/dev/null 2>&1
cs claim approve 1 --date 2026-11-10 >/dev/null
cs claim pay 1 100 --date 2026-11-10 >/dev/null
cs add meal 20 --reimbursable --date 2026-11-06 >/dev/null
expect_ok "the base becomes EUR" cs config set currency EUR --convert
expect_csv "report claims: one currency, the base" "status,claims,expenses,claimed,paid,outstanding
paid,1,1,80.00,80.00,0.00
unclaimed,,1,16.00,0.00,0.00
total,1,2,96.00,80.00,0.00" cs report claims --format csv
finish
