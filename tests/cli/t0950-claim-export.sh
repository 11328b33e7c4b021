#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# list --claim N | --unclaimed, export csv|xlsx --claim N (always reimbursable only).
. "$(dirname "$0")/lib.sh"
export CONFSPEND_TODAY=2026-11-20
R="$TMP/r"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$R"

cs trip add pycon --name PyCon --start 2026-11-02 --end 2026-11-08 >/dev/null
cs add meal 40 --trip pycon --reimbursable --merchant Dinner --date 2026-11-03 >/dev/null   # 1
cs add ride 12 --trip pycon --provider uber --date 2026-11-04 >/dev/null                     # 2: personal
cs add ride 18 --trip pycon --reimbursable --provider lyft --date 2026-11-04 >/dev/null      # 3
cs add meal 9 --reimbursable --no-trip --merchant Snack --date 2026-11-12 >/dev/null         # 4
cs receipt add 1 "$R/dinner.jpg" "$R/hotel.pdf" >/dev/null
cs claim new --trip pycon >/dev/null

expect_out "list --claim 1: the claim's expenses" "1,3" sh -c '"$CONFSPEND" list --claim 1 --format csv | tr -d "\r" | tail -n +2 | cut -d, -f1 | paste -sd, -'
expect_out "list --unclaimed: reimbursable and in no claim" "4" sh -c '"$CONFSPEND" list --unclaimed --format csv | tr -d "\r" | tail -n +2 | cut -d, -f1'
expect_out "list --claim of a claim that does not exist: no expenses" "" sh -c '"$CONFSPEND" list --claim 7 --format csv | tail -n +2'
expect_fail "list --claim of a word" 2 "claim: not a claim number (x)" cs list --claim x

# export csv --claim: the claim's expenses only, reimbursable only even when a personal
# expense were in it; the receipt column names the stored receipts
expect_out "export csv --claim 1" "1,2026-11-03,meal,40.00,USD,Dinner,,pycon,yes,,,,,,,dinner.jpg; hotel.pdf,,
3,2026-11-04,ride,18.00,USD,,,pycon,yes,lyft,,,,,,,,no" \
  sh -c '"$CONFSPEND" export csv - --claim 1 | tr -d "\r" | tail -n +2 | cut -d, -f1-18'
sql "UPDATE expense SET reimbursable = 0 WHERE id = 3"
expect_out "a personal expense in a claim is left out" "1" sh -c '"$CONFSPEND" export csv - --claim 1 | tr -d "\r" | tail -n +2 | cut -d, -f1'
sql "UPDATE expense SET reimbursable = 1 WHERE id = 3"
expect_out "export csv FILE --claim" "exported 2 expenses to $TMP/c.csv" cs export csv "$TMP/c.csv" --claim 1
expect_fail "--claim with a period" 2 "--claim: selects the claim's expenses: not with --trip, --month, --since or --until (1)" cs export csv - --claim 1 --trip pycon
expect_fail "--claim of a claim that does not exist" 2 "claim: no such claim (5)" cs export csv - --claim 5
expect_fail "--claim of a word" 2 "claim: not a claim number (one)" cs export xlsx "$TMP/x.xlsx" --claim one

# export xlsx --claim: the Expenses sheet holds the claim's expenses, nothing else
expect_out "export xlsx --claim" "exported the workbook of claim 1 to $TMP/c.xlsx" cs export xlsx "$TMP/c.xlsx" --claim 1
expect_out "its Expenses sheet: expenses 1 and 3" "1 3" /usr/bin/python3 -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["Expenses"]
print(" ".join(str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True) if isinstance(r[0], int)))' "$TMP/c.xlsx"
finish
