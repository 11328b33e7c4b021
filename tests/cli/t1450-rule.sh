#!/bin/bash
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
expect_out "--help names the built-in rules" "  LYFT*TIP*                a ride, provider lyft, the whole amount a tip" \
  sh -c '"$CONFSPEND" rule --help | grep -F "LYFT*TIP*"'

finish
