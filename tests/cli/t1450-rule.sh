#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# rule add|list|rm|test: the rules an import from a real source applies, in order, the
# user's before the built-in ones; each a change undo takes back; bad input refused.
. "$(dirname "$0")/lib.sh"

cs trip add pycon --name PyCon --start 2019-05-01 --end 2019-05-09 >/dev/null

expect_out "add: a rule prints its number and what it does" \
  "rule 1: *STARBUCKS* (merchant) -> category meal, reimbursable" \
  cs rule add '*STARBUCKS*' --category meal --reimbursable
expect_out "add: --provider makes a ride (any case: stored lowercase), --trip by slug" \
  "rule 2: *CAB* (any) -> category ride, provider taxi, trip pycon" \
  cs rule add '*CAB*' --field any --provider Taxi --trip pycon
expect_out "add: --skip" "rule 3: SHELL OIL* (merchant) -> skip (rule 3)" cs rule add 'SHELL OIL*' --skip
expect_out "add: --merchant renames, --personal" \
  "rule 4: AMZN MKTP* (note) -> personal, merchant Amazon" \
  cs rule add 'AMZN MKTP*' --field note --merchant Amazon --personal

expect_out "list: the table, in order" \
  "id  pattern      field     category  provider  trip   reimbursable  merchant  skip
 1  *STARBUCKS*  merchant  meal                       yes                     no
 2  *CAB*        any       ride      taxi      pycon                          no
 3  SHELL OIL*   merchant                                                     yes
 4  AMZN MKTP*   note                                 no            Amazon    no" cs rule list
expect_csv "list --format csv" \
  "id,pattern,field,category,provider,trip,reimbursable,merchant,skip
1,*STARBUCKS*,merchant,meal,,,yes,,no
2,*CAB*,any,ride,taxi,pycon,,,no
3,SHELL OIL*,merchant,,,,,,yes
4,AMZN MKTP*,note,,,,no,Amazon,no" cs rule list --format csv

# test: the whole field, any case; the first match wins; the user's before the built-ins
expect_out "test: a user's rule, any case" \
  "rule 1: *STARBUCKS* (merchant) -> category meal, reimbursable" cs rule test 'sq *starbucks #123'
expect_out "test: the whole field: a pattern without a final * must reach the end" \
  "no rule matches: category other" cs rule test 'A SHELL OIL 123'
expect_out "test: --field any matches the note too (rule 2 before the built-in UBER*TRIP*)" \
  "rule 2: *CAB* (any) -> category ride, provider taxi, trip pycon" cs rule test 'UBER *TRIP CAB'
expect_out "test: the built-in uber rule" \
  "built-in rule: UBER*TRIP* (merchant) -> category ride, provider uber" \
  cs rule test 'UBER *TRIP HELP.UBER.COM'
expect_out "test: the built-in lyft tip rule" \
  "built-in rule: LYFT*TIP* (merchant) -> category ride, provider lyft, the amount is a tip" \
  cs rule test 'LYFT *TIP WED 9AM'
expect_out "test: a card payment is money in only" \
  "built-in rule: *PAYMENT*THANK YOU* (merchant) -> skip (card payment)" \
  cs rule test 'PAYMENT - THANK YOU' --money-in
expect_out "test: the same text spent is no payment" "no rule matches: category other" \
  cs rule test 'PAYMENT - THANK YOU'
expect_out "test: other money in is a refund" "no rule matches: category other, a refund" \
  cs rule test 'BEST BUY' --money-in
expect_out "test: ? is one character (é is one)" \
  "rule 5: CAF? (merchant) -> category meal" sh -c '"$CONFSPEND" rule add "CAF?" --category meal >/dev/null && "$CONFSPEND" rule test "café"'

# rm, and undo of add and rm
expect_out "rm" "removed rule 3" cs rule rm 3
expect_out "rm: the others keep their numbers" "1 2 4 5" sh -c "sqlite3 \"\$CONFSPEND_DB\" 'SELECT id FROM rule ORDER BY id' | tr '\n' ' ' | sed 's/ \$//'"
expect_out "undo brings it back" "undid change 7: rule rm 3" cs undo
expect_out "the rule is back, same number" "3|SHELL OIL*|1" sql "SELECT id, pattern, skip FROM rule WHERE id = 3"
expect_out "undo of an add" "undid change 6: rule add 5 CAF?" cs undo
expect_out "the added rule is gone" "0" sql "SELECT count(*) FROM rule WHERE id = 5"
expect_out "history names them" "rule add 5 CAF?" sh -c "sqlite3 \"\$CONFSPEND_DB\" \"SELECT summary FROM change WHERE id = 6\""

# bad input: exit 2, one line, nothing written
expect_fail "add: no pattern" 2 "pattern: missing (rule add PATTERN)" cs rule add
expect_fail "add: empty pattern" 2 "pattern: must not be empty" cs rule add '' --skip
expect_fail "add: a rule that does nothing" 2 "does nothing" cs rule add 'X*'
expect_fail "add: bad field" 2 "--field: must be merchant, note or any (memo)" cs rule add 'X*' --field memo --skip
expect_fail "add: bad category" 2 "--category: unknown category" cs rule add 'X*' --category food
expect_fail "add: bad provider" 2 "--provider: unknown provider" cs rule add 'X*' --provider bolt
expect_fail "add: provider on a meal" 2 "--provider: only for a ride" cs rule add 'X*' --category meal --provider uber
expect_fail "add: unknown trip" 2 "no such trip (nope)" cs rule add 'X*' --trip nope
expect_fail "add: --skip with an action" 2 "--skip: cannot go with" cs rule add 'X*' --skip --category meal
expect_fail "add: --reimbursable and --personal" 2 "--personal: cannot go with --reimbursable" cs rule add 'X*' --reimbursable --personal
expect_fail "rm: no such rule" 2 "rule: no such rule (see rule list) (42)" cs rule rm 42
expect_fail "rm: not a number" 2 "rule: must be a whole number" cs rule rm x
expect_fail "list: an option of add" 2 "only for rule add" cs rule list --skip
expect_fail "unknown subcommand" 2 "unknown subcommand (add, list, rm, test) (show)" cs rule show
# the rules on an import: rules 1 (STARBUCKS: meal, reimbursable), 2 (*CAB*, any field:
# ride taxi, trip pycon), 3 (SHELL OIL*: skip), 4 (note AMZN MKTP*: merchant Amazon,
# personal) are in force; rule 5 was undone. By hand, per row:
#   2 SQ *STARBUCKS 4.75 on 06-01: rule 1 -> meal, reimbursable; no trip (after pycon's end)
#   3 YELLOW CAB CO 20.00 on 07-01: rule 2 -> ride taxi, trip pycon (the rule's, not the date's)
#   4 SHELL OIL 57442 40.00: rule 3 -> skipped (rule 3)
#   5 AMAZON.COM, memo AMZN MKTP US: rule 4 (the note) -> merchant Amazon, other, personal
#   6 UBER *TRIP 12.00 on 05-05: the built-in rule -> ride uber, trip pycon by its date
cat >"$TMP/chase.csv" <<'CSV'
Transaction Date,Post Date,Description,Category,Type,Amount,Memo
06/01/2019,06/02/2019,SQ *STARBUCKS,Food & Drink,Sale,-4.75,
07/01/2019,07/02/2019,YELLOW CAB CO,Travel,Sale,-20.00,
06/03/2019,06/04/2019,SHELL OIL 57442,Gas,Sale,-40.00,
06/04/2019,06/05/2019,AMAZON.COM,Shopping,Sale,-19.99,AMZN MKTP US
05/05/2019,05/06/2019,UBER *TRIP,Travel,Sale,-12.00,
CSV
expect_csv "import --dry-run: each rule's effect" \
  "line,result,date,category,amount,currency,merchant,expense
2,new,2019-06-01,meal,4.75,USD,SQ *STARBUCKS,
3,new,2019-07-01,ride,20.00,USD,YELLOW CAB CO,
4,skipped (rule 3),2019-06-03,,40.00,USD,SHELL OIL 57442,
5,new,2019-06-04,other,19.99,USD,Amazon,
6,new,2019-05-05,ride,12.00,USD,UBER *TRIP," cs import csv "$TMP/chase.csv" --dry-run
expect_out "import: the rules' fields stored" "imported 4, matched 0, present 0, skipped 1 (rule 3 1)" \
  cs import csv "$TMP/chase.csv"
expect_out "the rows" "meal|475|1||
ride|2000|0|taxi|pycon
other|1999|0||
ride|1200|0|uber|pycon" sql "SELECT category, amount, e.reimbursable, coalesce(e.provider, ''), coalesce(t.slug, '') FROM expense e LEFT JOIN trip t ON t.id = trip_id ORDER BY e.id"
expect_out "a rule added later does not make a re-import add rows (keys are of the rows as read)" \
  "imported 0, matched 0, present 4, skipped 1 (rule 3 1)" \
  sh -c '"$CONFSPEND" rule add "AMAZON*" --category ticket >/dev/null && "$CONFSPEND" import csv "$1"' _ "$TMP/chase.csv"

expect_out "--help names the built-in rules" "  LYFT*TIP*                a ride, provider lyft, the whole amount a tip" \
  sh -c '"$CONFSPEND" rule --help | grep -F "LYFT*TIP*"'

finish
