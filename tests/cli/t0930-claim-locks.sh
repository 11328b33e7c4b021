#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# claims: locked expenses past draft (and --force, which the history records), the
# transitions that are not allowed, payments that are not money, claim rm.
. "$(dirname "$0")/lib.sh"
export CONFSPEND_TODAY=2026-11-20
cs add meal 40 --reimbursable --merchant Dinner --date 2026-11-03 >/dev/null   # 1
cs add ride 12.50 --reimbursable --provider taxi --date 2026-11-04 >/dev/null  # 2
cs add meal 9 --merchant Snack --date 2026-11-04 >/dev/null                     # 3: personal

expect_fail "nothing to claim in a month without reimbursable expenses" 2 "claim: nothing to claim: no reimbursable expense in no claim (2026-10)" cs claim new --month 2026-10
expect_out "claim new (all expenses)" "claim 1: 2 expenses, 52.50 USD" cs claim new
# a draft's expenses may still change: edit and rm are not refused
expect_ok "edit of an expense in a draft claim" cs edit 1 --note "with the team"
expect_out "the draft follows it: 40.00 + 12.50 = 52.50 still" "1,,draft,2,52.50" \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1 | cut -d, -f1-5'

# the transitions that are not allowed name the status
expect_fail "approve a draft" 2 "claim 1: only a submitted claim can be approved (draft)" cs claim approve 1
expect_fail "pay a draft" 2 "claim 1: only an approved or partly paid claim can be paid (draft)" cs claim pay 1 10
expect_fail "reject a draft" 2 "claim 1: only a submitted or approved claim can be rejected (draft)" cs claim reject 1
expect_ok "submit" cs claim submit 1 --date 2026-11-21
expect_fail "submit twice" 2 "claim 1: only a draft claim can be submitted (submitted)" cs claim submit 1
expect_fail "pay a submitted claim" 2 "claim 1: only an approved or partly paid claim can be paid (submitted)" cs claim pay 1 10
expect_fail "rm a submitted claim" 2 "claim 1: only a draft claim can be removed (submitted)" cs claim rm 1
expect_fail "a claim that does not exist" 2 "claim: no such claim (9)" cs claim show 9
expect_fail "a claim number that is not one" 2 "claim: not a claim number (x)" cs claim submit x
expect_fail "an unknown subcommand" 2 "claim: unknown subcommand (new, list, show, check, submit, approve, reject, pay or rm) (close)" cs claim close 1
expect_fail "an option of another subcommand" 2 "--strict: not an option of claim approve" cs claim approve 1 --strict
expect_fail "a bad date" 2 "--date: " cs claim approve 1 --date 2026-02-30

# locked past draft: edit and rm refuse, naming the claim and its status
expect_fail "edit of a submitted claim's expense" 2 "confspend: expense 1 is in submitted claim 1" cs edit 1 --amount 45
expect_fail "rm of a submitted claim's expense" 2 "confspend: expense 2 is in submitted claim 1" cs rm 2
expect_ok "an expense in no claim is free" cs edit 3 --note "not claimed"
expect_ok "approve" cs claim approve 1 --date 2026-11-22
expect_fail "locked while approved" 2 "expense 1 is in approved claim 1" cs edit 1 --merchant Other

# payments that are not money, or not a payment
expect_fail "a payment that is not a number" 2 "amount: not a decimal number (abc)" cs claim pay 1 abc
expect_fail "a payment with too many decimals" 2 "amount:" cs claim pay 1 1.234
expect_fail "a payment of 0" 2 "amount: a payment must be more than 0 (0)" cs claim pay 1 0
expect_fail "a negative payment" 2 "amount:" cs claim pay 1 -5
expect_fail "a payment without an amount" 2 "amount: missing (usage: confspend claim pay N AMOUNT [--date D])" cs claim pay 1
expect_out "a first payment" "paid 50.00 USD on 2026-11-30
claim 1: partly paid, 2 expenses, claimed 52.50 USD, paid 50.00, due 2.50" cs claim pay 1 50 --date 2026-11-30
expect_fail "locked while partly paid" 2 "expense 2 is in partly paid claim 1" cs rm 2
expect_fail "reject a partly paid claim" 2 "claim 1: only a submitted or approved claim can be rejected (partly paid)" cs claim reject 1

# --force changes it anyway, and the change's summary says so
expect_out "edit --force" "1  2026-11-03  meal  42.50 USD  Dinner" cs edit 1 --amount 42.50 --force
check "the history records the force" "$(sql 'SELECT summary FROM change ORDER BY id DESC LIMIT 1')" = \
  "edit --force (in partly paid claim 1) 1  2026-11-03  meal  42.50 USD  Dinner"
expect_out "the claim now claims 42.50 + 12.50 = 55.00, 5.00 due" "1,,partly paid,2,55.00,50.00,5.00" \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1 | cut -d, -f1-7'
expect_out "rm --force" "removed 2  2026-11-04  ride  12.50 USD" cs rm 2 --force
check "its summary records the force" "$(sql 'SELECT summary FROM change ORDER BY id DESC LIMIT 1')" = \
  "rm --force (in partly paid claim 1) 2  2026-11-04  ride  12.50 USD"
check "it left the claim" "$(sql 'SELECT group_concat(expense_id) FROM claim_expense')" = 1
expect_ok "undo of the forced rm" cs undo
check "it is back in the claim" "$(sql 'SELECT group_concat(expense_id) FROM claim_expense ORDER BY expense_id')" = "1,2"
expect_fail "and locked again" 2 "expense 2 is in partly paid claim 1" cs rm 2

# claim rm: only a draft, whose expenses are free again; undo brings it back
cs add meal 7 --reimbursable --date 2026-11-06 >/dev/null   # 4
expect_out "a second claim" "claim 2: 1 expense, 7.00 USD" cs claim new
expect_out "claim rm of the draft" "removed claim 2: its 1 expense can be claimed again" cs claim rm 2
check "it is gone with its links" "$(sql 'SELECT count(*) FROM claim WHERE id = 2'),$(sql 'SELECT count(*) FROM claim_expense WHERE claim_id = 2')" = "0,0"
expect_out "undo of claim rm" "undid change $(sql 'SELECT max(id) FROM change'): claim rm 2 (1 expense)" cs undo
check "the draft is back" "$(sql 'SELECT status FROM claim WHERE id = 2')" = draft
expect_out "claim ids are never reused" "claim 3: 1 expense, 7.00 USD" sh -c '"$CONFSPEND" claim rm 2 >/dev/null && "$CONFSPEND" claim new'
# --- what a claim claims is fixed when it is submitted (schema 18) ---------------------------
# 50.00 EUR on 2026-11-05 at 1.10 = 55.00 USD; 30.00 EUR the card charged 34.00 USD for (the
# card's amount, as the workbook has it, not the rate's 33.00): claimed 89.00
export CONFSPEND_DB="$TMP/fixed.db"
cs rate set EUR 1.10 --date 2026-11-01 >/dev/null
cs add meal 50 --currency EUR --reimbursable --date 2026-11-05 >/dev/null          # 1
cs add meal 30 --currency EUR --base-amount 34 --reimbursable --date 2026-11-05 >/dev/null  # 2
expect_out "claim new: the card's amount where it was given" "claim 1: 2 expenses, 89.00 USD" cs claim new
cs claim submit 1 --date 2026-11-10 >/dev/null 2>&1
cs claim approve 1 --date 2026-11-12 >/dev/null
cs claim pay 1 89 --date 2026-11-15 >/dev/null
cs rate set EUR 1.20 --date 2026-11-04 >/dev/null   # a rate entered later, for a date before
expect_out "a rate entered after the payment: the paid claim still claims what it was paid" \
  '1,,paid,2,89.00,89.00,0.00,2026-11-20,2026-11-10,2026-11-15' \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1'
# its workbook and its packet convert as its submission did (the rate it implies shown)
cs export xlsx "$TMP/fixed.xlsx" --claim 1 >/dev/null
expect_out "the claim's workbook: the amounts fixed at its submission" "1.1 55
1.1333333333 34" /usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Expenses"]
for r in ws.iter_rows(min_row=2, max_row=3, values_only=True): print(round(r[8], 10), r[9])' "$TMP/fixed.xlsx"
cs export pdf "$TMP/fixed.pdf" --claim 1 >/dev/null
expect_out "the claim's packet: its rows add up to what it claims" "Claimed 89.00 USD
Total 2 89.00 89.00" sh -c "pdftotext -layout '$TMP/fixed.pdf' - | grep -E '^(Claimed|Total) ' | tr -s ' '"
# a forced edit of anything but its money (a note) claims nothing anew, whatever the rates
expect_ok "edit --force of a note" cs edit 1 --note "typo fixed" --force
expect_out "the paid claim still claims 89.00" "paid|89.00" \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1 | awk -F, "{print \$3 \"|\" \$5}"'
cs undo >/dev/null
# a forced edit is a correction the history records: the claim follows it, and its status
# the payments (89.00 paid of 99.00: partly paid, 10.00 outstanding)
expect_ok "edit --force of a paid claim's expense" cs edit 2 --amount 40 --base-amount 44 --force
expect_out "the claim claims the correction, partly paid" \
  '1,,partly paid,2,99.00,89.00,10.00,2026-11-20,2026-11-10,2026-11-15' \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1'
expect_ok "the rest paid" cs claim pay 1 10 --date 2026-11-18
expect_out "paid again" "paid" sql "SELECT status FROM claim WHERE id = 1"
expect_ok "rm --force of one of its expenses" cs rm 1 --force
expect_out "it claims less, still paid" '1,,paid,1,44.00,99.00,0.00,2026-11-20,2026-11-10,2026-11-18' \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1'
expect_ok "undo of the rm" cs undo
expect_ok "undo of the payment" cs undo
expect_ok "undo of the edit" cs undo
expect_out "undo walks the claim back: claimed 89.00 and paid again" "paid|89.00" \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1 | awk -F, "{print \$3 \"|\" \$5}"'
# an expense made personal leaves its claim (with --force past draft): the claim, its
# header and its export agree (the packet left it out while its header counted it)
expect_out "edit --personal --force of a claimed expense" "2  2026-11-05  meal  30.00 EUR
taken out of 1 claim" sh -c '"$CONFSPEND" edit 2 --personal --force 2>&1 | sed "s/ (base .*//"'
expect_out "the claim claims the one left: 55.00, still paid" '1,,paid,1,55.00,89.00,0.00,2026-11-20,2026-11-10,2026-11-15' \
  sh -c '"$CONFSPEND" claim list --format csv | tr -d "\r" | tail -1'
cs export csv "$TMP/claim.csv" --claim 1 >/dev/null 2>&1
expect_out "its export: the same expense" "1" sh -c "tail -n +2 '$TMP/claim.csv' | cut -d, -f1 | paste -sd' '"
expect_ok "undo" cs undo
expect_out "undo puts it back in the claim" "2" sql "SELECT count(*) FROM claim_expense WHERE claim_id = 1"
# a rejected claim too: its total and its export keep agreeing
export CONFSPEND_DB="$TMP/rejected.db"
cs add meal 10 --reimbursable >/dev/null
cs add meal 20 --reimbursable >/dev/null
cs claim new >/dev/null 2>&1
cs claim submit 1 >/dev/null 2>&1
cs claim reject 1 >/dev/null
expect_out "edit --personal of an expense of a rejected claim" "taken out of 1 claim" \
  sh -c '"$CONFSPEND" edit 2 --personal | tail -1'
cs export csv "$TMP/rejected.csv" --claim 1 >/dev/null 2>&1
expect_out "the rejected claim and its export: the one left" "10.00|1" \
  sh -c "echo \"\$(\"\$CONFSPEND\" claim list --format csv | tail -1 | cut -d, -f5)|\$(tail -n +2 '$TMP/rejected.csv' | cut -d, -f1)\""
finish
