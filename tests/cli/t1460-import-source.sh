#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Real sources through the pipeline: an Uber export, then the card statement with the same
# rides, gives ONE expense per ride; two dinners of the same amount stay two; the rules
# apply; rows get their trip by date; --dry-run shows each row's fate; re-importing adds
# nothing; undo takes the import back, confirmations included; a bad row writes nothing.
. "$(dirname "$0")/lib.sh"

cs trip add pycon --name "PyCon 2019" --start 2019-05-01 --end 2019-05-09 >/dev/null
# typed by hand during the trip
cs add meal 42 --date 2019-05-03 --merchant Nopa >/dev/null          # id 1
cs add meal 42 --date 2019-05-03 >/dev/null                          # id 2 (no merchant)
cs add ride 12.50 --date 2019-05-02 --provider lyft --merchant Lyft >/dev/null # id 3
cs rule add '*STARBUCKS*' --category meal --reimbursable >/dev/null

# Uber's trips_data.csv: two rides. In America/New_York (EDT, UTC-4) the first begins at
# 09:05 on 05-02, the second at 22:30 on 05-02 (02:30 UTC on 05-03): both dated 05-02.
cat >"$TMP/trips_data.csv" <<'CSV'
City,Product Type,Trip or Order Status,Request Time,Begin Trip Time,Begin Trip Lat,Begin Trip Lng,Begin Trip Address,Dropoff Time,Dropoff Lat,Dropoff Lng,Dropoff Address,Distance (miles),Fare Amount,Fare Currency
Cleveland,UberX,COMPLETED,2019-05-02 13:01:00 +0000 UTC,2019-05-02 13:05:00 +0000 UTC,41.49,-81.69,Friends' place,2019-05-02 13:30:00 +0000 UTC,41.50,-81.70,Convention Center,4.1,18.40,USD
Cleveland,UberX,COMPLETED,2019-05-03 02:25:00 +0000 UTC,2019-05-03 02:30:00 +0000 UTC,41.50,-81.70,Convention Center,2019-05-03 02:55:00 +0000 UTC,41.49,-81.69,Friends' place,4.0,21.10,USD
CSV
expect_out "the Uber export: two rides" "imported 2, matched 0, present 0, skipped 0" \
  cs import csv "$TMP/trips_data.csv" --profile uber --tz America/New_York
expect_out "the rides: dated by their local day, trip by date, from the export" \
  "4|2019-05-02|ride|1840|uber|Friends' place|Convention Center|pycon|export
5|2019-05-02|ride|2110|uber|Convention Center|Friends' place|pycon|export" \
  sql "SELECT e.id, date, category, amount, e.provider, origin, dest, t.slug, source FROM expense e JOIN trip t ON t.id = trip_id WHERE e.id >= 4 ORDER BY e.id"

# The card statement (Chase), posted a day or two later. By hand, per row:
#   2  UBER *TRIP 18.40 on 05-03: expense 4 (05-02, 1 day; "uber" shared)   -> matched 4
#   3  UBER *TRIP 21.10 on 05-04: expense 5 (05-02, 2 days)                  -> matched 5
#   4  NOPA 42.00 on 05-04: 1 ("Nopa", 1 day) and 2 (no merchant, 1 day): a tie on the
#      date, the lowest id                                                   -> matched 1
#   5  NOPA 42.00 again: 1 is taken                                          -> matched 2
#   6  BLUE BOTTLE COFFEE 4.75: nothing typed                                -> new, other
#   7  Payment Thank You: Type Payment                                       -> skipped
#   8  STARBUCKS 5.25 on 05-09: rule 1                        -> new, meal, reimbursable
#   9  LYFT *RIDE 12.50 on 05-06: expense 3 is 4 days away    -> new, ride lyft (built-in)
cat >"$TMP/chase.csv" <<'CSV'
Transaction Date,Post Date,Description,Category,Type,Amount,Memo
05/03/2019,05/04/2019,UBER   *TRIP,Travel,Sale,-18.40,
05/04/2019,05/05/2019,UBER   *TRIP,Travel,Sale,-21.10,
05/04/2019,05/05/2019,NOPA,Food & Drink,Sale,-42.00,
05/04/2019,05/05/2019,NOPA,Food & Drink,Sale,-42.00,
05/06/2019,05/07/2019,BLUE BOTTLE COFFEE,Food & Drink,Sale,-4.75,
05/08/2019,05/08/2019,Payment Thank You-Mobile,,Payment,500.00,
05/09/2019,05/10/2019,STARBUCKS STORE 123,Food & Drink,Sale,-5.25,
05/06/2019,05/07/2019,LYFT   *RIDE SUN 8PM,Travel,Sale,-12.50,
CSV
FATES="line,result,date,category,amount,currency,merchant,expense
2,matched,2019-05-03,ride,18.40,USD,UBER   *TRIP,4
3,matched,2019-05-04,ride,21.10,USD,UBER   *TRIP,5
4,matched,2019-05-04,other,42.00,USD,NOPA,1
5,matched,2019-05-04,other,42.00,USD,NOPA,2
6,new,2019-05-06,other,4.75,USD,BLUE BOTTLE COFFEE,
7,skipped (card payment),2019-05-08,,500.00,USD,Payment Thank You-Mobile,
8,new,2019-05-09,meal,5.25,USD,STARBUCKS STORE 123,
9,new,2019-05-06,ride,12.50,USD,LYFT   *RIDE SUN 8PM,"
before=$(db_state)
expect_csv "dry run: one line per row, its fate (the profile found by its header)" "$FATES" \
  cs import csv "$TMP/chase.csv" --dry-run
expect_out "dry run: the counts on stderr" \
  "dry run: would import 3, match 4, present 0, skip 1 (card payment 1); nothing written" \
  sh -c '"$CONFSPEND" import csv "$1" --dry-run 2>&1 >/dev/null' _ "$TMP/chase.csv"
check "dry run: nothing written" "$before" = "$(db_state)"

expect_out "the statement: 4 matched, 3 new, 1 skipped" \
  "imported 3, matched 4, present 0, skipped 1 (card payment 1)" cs import csv "$TMP/chase.csv"
expect_out "ONE expense per ride: the two Uber rides and the Lyft one typed, the Lyft one charged" \
  "3|2019-05-02|1250|lyft|
4|2019-05-02|1840|uber|2019-05-03 UBER   *TRIP
5|2019-05-02|2110|uber|2019-05-04 UBER   *TRIP
8|2019-05-06|1250|lyft|" \
  sql "SELECT e.id, date, amount, provider, m.statement FROM expense e LEFT JOIN statement_match m ON m.expense_id = e.id WHERE category = 'ride' ORDER BY e.id"
expect_out "two dinners of the same amount stay two, each confirmed by its row" \
  "1|Nopa|2019-05-04 NOPA
2||2019-05-04 NOPA" sql "SELECT e.id, merchant, m.statement FROM expense e LEFT JOIN statement_match m ON m.expense_id = e.id WHERE amount = 4200 ORDER BY e.id"
expect_out "the new rows: the rule, the trip by date, from a statement" \
  "6|other|475|0|pycon|statement
7|meal|525|1|pycon|statement
8|ride|1250|0|pycon|statement" \
  sql "SELECT e.id, category, amount, e.reimbursable, t.slug, source FROM expense e JOIN trip t ON t.id = trip_id WHERE e.id >= 6 ORDER BY e.id"
expect_out "show prints the statement row that confirmed an expense" \
  "source        export
statement     2019-05-03 UBER   *TRIP" sh -c '"$CONFSPEND" show 4 | grep -E "^(source|statement) "'
check "show: the statement row's key is kept" -n "$(cs show 4 | grep '^statement_key ')"
expect_out "the change's summary" "import 3 expenses from $TMP/chase.csv, 4 matched" \
  sql "SELECT summary FROM change ORDER BY id DESC LIMIT 1"

expect_out "again: every row is present, nothing added" \
  "imported 0, matched 0, present 7, skipped 1 (card payment 1)" cs import csv "$TMP/chase.csv"
expect_csv "again, dry run: present, with the expense each row is in" \
  "line,result,date,category,amount,currency,merchant,expense
2,present,2019-05-03,ride,18.40,USD,UBER   *TRIP,4
3,present,2019-05-04,ride,21.10,USD,UBER   *TRIP,5
4,present,2019-05-04,other,42.00,USD,NOPA,1
5,present,2019-05-04,other,42.00,USD,NOPA,2
6,present,2019-05-06,other,4.75,USD,BLUE BOTTLE COFFEE,6
7,skipped (card payment),2019-05-08,,500.00,USD,Payment Thank You-Mobile,
8,present,2019-05-09,meal,5.25,USD,STARBUCKS STORE 123,7
9,present,2019-05-06,ride,12.50,USD,LYFT   *RIDE SUN 8PM,8" cs import csv "$TMP/chase.csv" --dry-run
expect_out "the Uber export again adds nothing either" \
  "imported 0, matched 0, present 2, skipped 0" cs import csv "$TMP/trips_data.csv" --profile uber --tz America/New_York

# undo: the new rows go, and the matched expenses lose their confirmation
expect_out "undo takes the statement back" \
  "undid change 7: import 3 expenses from $TMP/chase.csv, 4 matched" cs undo
expect_out "after undo: the expenses as typed and exported, none confirmed" "1|||
2|||
3|||
4|||export
5|||export" sql "SELECT e.id, m.statement, m.key, source FROM expense e LEFT JOIN statement_match m ON m.expense_id = e.id ORDER BY e.id"
expect_csv "after undo: the same fates again" "$FATES" cs import csv "$TMP/chase.csv" --dry-run
expect_out "redo brings it back, confirmations too" \
  "redid change 7: import 3 expenses from $TMP/chase.csv, 4 matched" cs redo
expect_out "after redo" "4" sql "SELECT count(*) FROM statement_match"
expect_out "undo again, then the export's undo: the rides go" \
  "undid change 6: import 2 expenses from $TMP/trips_data.csv" sh -c '"$CONFSPEND" undo >/dev/null && "$CONFSPEND" undo'
expect_out "only what was typed is left" "1 2 3" sh -c "sqlite3 \"\$CONFSPEND_DB\" 'SELECT id FROM expense ORDER BY id' | tr '\n' ' ' | sed 's/ \$//'"

# a statement from standard input (spooled: auto reads the header, then the rows). With
# the rides undone, only the dinners match (1, 2); the two Uber rows, the coffee, the
# Starbucks and the Lyft rows are new: 5
expect_out "standard input" "imported 5, matched 2, present 0, skipped 1 (card payment 1)" \
  sh -c '"$CONFSPEND" import csv - <"$1"' _ "$TMP/chase.csv"
expect_out "standard input: the summary names it" "import 5 expenses from standard input, 2 matched" \
  sql "SELECT summary FROM change ORDER BY id DESC LIMIT 1"

# bad input: exit 2, the line and field named, nothing written
cat >"$TMP/bad.csv" <<'CSV'
Transaction Date,Post Date,Description,Category,Type,Amount,Memo
05/20/2019,05/21/2019,CAFE,Food & Drink,Sale,-3.00,
05/21/2019,05/22/2019,CAFE,Food & Drink,Sale,-3.0x0,
CSV
expect_fail "a bad amount: nothing written" 2 "line 3" cs import csv "$TMP/bad.csv"
expect_fail "the same in a dry run" 2 "line 3" cs import csv "$TMP/bad.csv" --dry-run
cs trip add gone --name Gone --start 2019-01-01 --end 2019-01-02 >/dev/null
cs rule add 'CAFE' --trip gone >/dev/null   # rule 2
cs trip rm gone >/dev/null
head -2 "$TMP/bad.csv" >"$TMP/cafe.csv"
expect_fail "a rule whose trip was removed: said, nothing written" 2 \
  "rule 2: its trip was removed (line 2 matches it" cs import csv "$TMP/cafe.csv"
finish
