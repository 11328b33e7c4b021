#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# import ofx through the pipeline: each STMTTRN a statement row, keyed by account + FITID
# (re-importing adds nothing), matched against an expense typed by hand, the rules and
# trips applied, --dry-run's fates, one change undo takes back. The reader itself (libofx,
# dates, amounts) is tested by unit/test_ofx; this is what the pipeline does with it.
. "$(dirname "$0")/lib.sh"
OFX=$SRCDIR/tests/data/ofx/card-sgml.ofx

cs trip add oscon --name OSCON --start 2025-05-15 --end 2025-05-19 >/dev/null
# typed by hand: the ride on the evening of 05-16, in Pacific time (the statement dates
# it 05-17: DTPOSTED 20250517000000[-7:PDT], the date as written)
cs add ride 18.75 --date 2025-05-16 --provider uber --merchant Uber --trip oscon >/dev/null  # id 1
cs rule add 'CAF*' --category meal --reimbursable >/dev/null

# The card's five transactions (numbered 1..5 in the file), by hand:
#   1 CAFÉ BENEDICT -42.10 on 05-16: rule 1 ('CAF*', é is one character of '*')  -> new, meal
#   2 UBER *TRIP 18.75 on 05-17: expense 1 (05-16, 1 day, "uber" shared)       -> matched 1
#   3 BARNES & NOBLE -23.99 on 05-18: nothing typed                            -> new, other
#   4 PAYMENT THANK YOU +500.00 TRNTYPE PAYMENT                        -> skipped (card payment)
#   5 BARNES & NOBLE +23.99 on 05-22 (CREDIT): a refund, after the trip's end  -> new, -23.99
FATES="line,result,date,category,amount,currency,merchant,expense
1,new,2025-05-16,meal,42.10,USD,CAFÉ BENEDICT,
2,matched,2025-05-17,ride,18.75,USD,UBER *TRIP HELP.UBER.COM,1
3,new,2025-05-18,other,23.99,USD,BARNES & NOBLE #2231,
4,skipped (card payment),2025-05-20,,500.00,USD,PAYMENT THANK YOU,
5,new,2025-05-22,other,-23.99,USD,BARNES & NOBLE #2231,"
before=$(db_state)
expect_csv "dry run: each transaction's fate" "$FATES" cs import ofx "$OFX" --dry-run
check "dry run: nothing written" "$before" = "$(db_state)"
expect_out "import" "imported 3, matched 1, present 0, skipped 1 (card payment 1)" cs import ofx "$OFX"
expect_out "the rows: rule, trip by date, the refund negative, keyed by account:FITID" \
  "2|2025-05-16|meal|4210|1|oscon|4111222233334444:2025051624692160001
3|2025-05-18|other|2399|0|oscon|4111222233334444:2025051824692160003
4|2025-05-22|other|-2399|0||4111222233334444:2025052224692160005" \
  sql "SELECT e.id, date, category, amount, e.reimbursable, coalesce(t.slug, ''), import_key FROM expense e LEFT JOIN trip t ON t.id = trip_id WHERE e.id > 1 ORDER BY e.id"
expect_out "the typed ride is confirmed, keyed by its FITID" \
  "2025-05-17 UBER *TRIP HELP.UBER.COM|4111222233334444:2025051724692160002" \
  sql "SELECT statement, key FROM statement_match WHERE expense_id = 1"
expect_out "again: nothing added" "imported 0, matched 0, present 4, skipped 1 (card payment 1)" \
  cs import ofx "$OFX"
expect_out "undo" "undid change 4: import 3 expenses from $OFX, 1 matched" cs undo
expect_out "after undo: the ride as typed" "1||" sql "SELECT e.id, m.statement, m.key FROM expense e LEFT JOIN statement_match m ON m.expense_id = e.id"
expect_fail "not OFX: exit 2, nothing written" 2 "not an OFX or QFX file" cs import ofx "$SRCDIR/tests/data/ofx/not-ofx.csv"
expect_fail "a csv option" 2 "option: only for import csv (profile)" cs import ofx "$OFX" --profile chase
finish
