#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Matching's exact rule at its edges (SPEC "Matching"): 3 days match, 4 do not; the
# currency and the amount must be equal (a refund matches a refund); a merchant word must
# have 3+ letters; an expense from a statement is never matched, one from a ride export is.
. "$(dirname "$0")/lib.sh"

cs add meal 10 --date 2019-05-10 --merchant "Tea House" >/dev/null         # id 1
cs add meal 11 --date 2019-05-10 --merchant "Tea House" >/dev/null         # id 2
cs add meal 12 --date 2019-05-10 --currency EUR --merchant "Tea House" >/dev/null # id 3
cs add other 30 --date 2019-05-10 --refund --merchant "Best Buy" >/dev/null # id 4
cs add meal 13 --date 2019-05-10 --merchant "AB Cafe" >/dev/null           # id 5
cs add meal 14 --date 2019-05-10 >/dev/null                                # id 6
# By hand, per statement row (Chase: purchases negative, Return a refund):
#   2 TEA HOUSE 10.00 on 05-13: id 1 is 3 days before: within                 -> matched 1
#   3 TEA HOUSE 11.00 on 05-14: id 2 is 4 days before                          -> new
#   4 TEA HOUSE 12.00 (USD, Chase's currency) on 05-10: id 3 is 12.00 EUR      -> new
#   5 BEST BUY return 30.00 on 05-11: id 4 is a refund of 30.00                -> matched 4
#   6 AB CAFE 13.00 on 05-10: shares "cafe" (4 letters) with id 5              -> matched 5
#   7 AB DELI 13.00 on 05-10: id 5 is taken; "ab" is no word                   -> new
#   8 ANYTHING 14.00 on 05-07: id 6 has no merchant, 3 days after              -> matched 6
cat >"$TMP/chase.csv" <<'CSV'
Transaction Date,Post Date,Description,Category,Type,Amount,Memo
05/13/2019,05/14/2019,TEA HOUSE,Food & Drink,Sale,-10.00,
05/14/2019,05/15/2019,TEA HOUSE,Food & Drink,Sale,-11.00,
05/10/2019,05/11/2019,TEA HOUSE,Food & Drink,Sale,-12.00,
05/11/2019,05/12/2019,BEST BUY,Shopping,Return,30.00,
05/10/2019,05/11/2019,AB CAFE,Food & Drink,Sale,-13.00,
05/10/2019,05/11/2019,AB DELI,Food & Drink,Sale,-13.00,
05/07/2019,05/08/2019,ANYTHING,Shopping,Sale,-14.00,
CSV
expect_csv "each row's fate at the edges" \
  "line,result,date,category,amount,currency,merchant,expense
2,matched,2019-05-13,other,10.00,USD,TEA HOUSE,1
3,new,2019-05-14,other,11.00,USD,TEA HOUSE,
4,new,2019-05-10,other,12.00,USD,TEA HOUSE,
5,matched,2019-05-11,other,-30.00,USD,BEST BUY,4
6,matched,2019-05-10,other,13.00,USD,AB CAFE,5
7,new,2019-05-10,other,13.00,USD,AB DELI,
8,matched,2019-05-07,other,14.00,USD,ANYTHING,6" cs import csv "$TMP/chase.csv" --dry-run
expect_out "the import" "imported 3, matched 4, present 0, skipped 0" cs import csv "$TMP/chase.csv"
# the import resolves its rows from the expenses of the file's dates read at once, the dry
# run row by row: the same expenses confirmed, by the same rows
expect_out "the import confirmed what the dry run said" "1 2019-05-13 TEA HOUSE
4 2019-05-11 BEST BUY
5 2019-05-10 AB CAFE
6 2019-05-07 ANYTHING" sql "SELECT expense_id || ' ' || statement FROM statement_match ORDER BY 1"

# A second card's statement with the same 11.00 on 05-14: the new expense 7 came from a
# statement, so it is not matched (two cards' charges are two charges): new again.
printf 'Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n05/14/2019,05/15/2019,TEA HOUSE #2,Food & Drink,Sale,-11.00,\n' >"$TMP/other-card.csv"
expect_out "a statement row never matches a statement's expense" \
  "imported 1, matched 0, present 0, skipped 0" cs import csv "$TMP/other-card.csv"
expect_out "so there are two 11.00 charges on 05-14" "2" \
  sql "SELECT count(*) FROM expense WHERE amount = 1100 AND date = '2019-05-14'"
finish
