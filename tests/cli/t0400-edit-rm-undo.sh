#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# edit, rm, history and undo: changes are kept, shown as old -> new, and undone exactly.
. "$(dirname "$0")/lib.sh"

# the stored row, every column, as an SQL insert
dumprow() { sqlite3 "$CONFSPEND_DB" ".mode insert expense" "SELECT * FROM expense WHERE id = $1"; }
# history with the wall-clock time of each change replaced by AT
hist() { cs history "$@" | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/AT/'; }
# the newest change that undo would take back
top() { sql "SELECT max(id) FROM change WHERE kind = 'user' AND state = 'done'"; }
crlf() { printf '%s\r\n' "$@"; }
SHOW_HEAD="id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip,payment,receipt,platform_fee,shared,nights,compare_rate,recipient,uid"
# show with each expense's random uid written UID (the stored one is checked on its own)
show_uid() { cs show "$@" | sed -E 's/[0-9a-f]{32}/UID/g'; return "${PIPESTATUS[0]}"; }

expect_ok "trip" cs trip add pycon --name PyCon --start 2026-11-01 --end 2026-11-08
expect_out "add a ride" "1  2026-11-02  ride  23.50 USD  Uber  Home -> Venue  [pycon]" \
  cs add ride 23.50 --date 2026-11-02 --trip pycon --merchant Uber --provider uber --from Home \
    --to Venue --driver Sam --tip 3 --platform-fee 10 --shared --note "it's late"
make_pdf "$TMP/r/2.pdf"
expect_out "add a meal" "2  2026-11-03  meal  12.00 USD  Café \"Zoë\"
receipt 1: 2.pdf, pdf, 230 bytes" \
  cs add meal 12 --date 2026-11-03 --merchant 'Café "Zoë"' --note $'a\nb' --reimbursable --payment visa --receipt "$TMP/r/2.pdf"
expect_out "add lodging" "3  2026-11-01  lodging  0.00 USD" cs add lodging 0 --date 2026-11-01 --nights 8 --compare-rate 189
uid1=$(sql "SELECT uid FROM expense WHERE id = 1")

# edit single fields
expect_out "edit --amount" "1  2026-11-02  ride  25.00 USD  Uber  Home -> Venue  [pycon]" cs edit 1 --amount 25
expect_out "edit --date and --note" "1  2026-11-04  ride  25.00 USD  Uber  Home -> Venue  [pycon]" cs edit 1 --date 2026-11-04 --note "on time"
expect_out "edit --tip --driver --reimbursable" "1  2026-11-04  ride  25.00 USD  Uber  Home -> Venue  [pycon]" \
  cs edit 1 --tip 4 --driver "Sam K." --reimbursable
expect_csv "the ride after edits" \
  "$SHOW_HEAD
1,2026-11-04,ride,25.00,USD,Uber,on time,pycon,yes,uber,Home,Venue,Sam K.,4.00,,,10.00,yes,,,,UID" \
  show_uid 1 --format csv
check "an edit keeps the uid" "$(sql "SELECT uid FROM expense WHERE id = 1")" = "$uid1"
expect_out "edit --no-trip --personal" "1  2026-11-04  ride  25.00 USD  Uber  Home -> Venue" cs edit 1 --no-trip --personal
expect_out "edit --trip" "1  2026-11-04  ride  25.00 USD  Uber  Home -> Venue  [pycon]" cs edit 1 --trip pycon
expect_out "an empty value clears a text field" "1  2026-11-04  ride  25.00 USD  Home -> Venue  [pycon]" cs edit 1 --merchant ""
expect_out "merchant is NULL" "NULL" sql "SELECT quote(merchant) FROM expense WHERE id = 1"
expect_out "add a refund" "4  2026-11-05  meal  -3.00 USD  (refund)" cs add meal 3 --refund --date 2026-11-05
expect_out "edit --amount on a refund" "4  2026-11-05  meal  -3.50 USD  (refund)" cs edit 4 --amount 3.50
expect_out "edit --refund" "2  2026-11-03  meal  -12.00 USD  Café \"Zoë\"  (refund)" cs edit 2 --refund
expect_out "refund stored negative" "-1200" sql "SELECT amount FROM expense WHERE id = 2"
expect_ok "undo the refund edit" cs undo

# a category change drops the fields of the old category
ride_before=$(dumprow 1)
expect_out "edit --category meal" "1  2026-11-04  meal  25.00 USD  [pycon]" cs edit 1 --category meal
expect_out "ride fields are gone" "meal|NULL|NULL|NULL|NULL|NULL|NULL|NULL|'on time'" \
  sql "SELECT category, quote(provider), quote(origin), quote(dest), quote(driver), quote(tip), quote(platform_fee), quote(shared), quote(note) FROM expense WHERE id = 1"
expect_csv "shown without ride columns" \
  "$SHOW_HEAD
1,2026-11-04,meal,25.00,USD,,on time,pycon,no,,,,,,,,,,,,,UID" \
  show_uid 1 --format csv
expect_out "history of the category change" \
  "category: ride -> meal; provider: uber -> (none); from: Home -> (none); to: Venue -> (none); driver: Sam K. -> (none); tip: 4.00 -> (none); platform_fee: 10.00 -> (none); shared: 1 -> (none)" \
  sh -c '"$CONFSPEND" history 1 --format json | python3 -c "import json,sys; print(json.load(sys.stdin)[-1][\"detail\"])"'
expect_out "undo of the category change" "undid change $(top): edit 1  2026-11-04  meal  25.00 USD  [pycon]" cs undo
check "the ride is back exactly" "$(dumprow 1)" = "$ride_before"
expect_fail_silent "lodging to other with amount 0 is refused" 2 \
  "amount: must be greater than zero (0 is for lodging only) (0)" cs edit 3 --category other
expect_out "edit lodging to other with an amount" "3  2026-11-01  other  5.00 USD" cs edit 3 --category other --amount 5
expect_out "nights and compare rate dropped" "NULL|NULL" sql "SELECT quote(nights), quote(compare_rate) FROM expense WHERE id = 3"
expect_ok "undo it" cs undo

# currency changes: the decimal number is kept, in the new currency's digits
expect_out "edit --currency EUR" "2  2026-11-03  meal  12.00 EUR  Café \"Zoë\"" cs edit 2 --currency EUR
expect_out "edit --currency JPY keeps 12" "2  2026-11-03  meal  12 JPY  Café \"Zoë\"" cs edit 2 --currency JPY
expect_out "edit --currency BHD" "2  2026-11-03  meal  12.000 BHD  Café \"Zoë\"" cs edit 2 --currency BHD
expect_out "stored in fils" "12000|BHD" sql "SELECT amount, currency FROM expense WHERE id = 2"
expect_out "history formats each side in its own currency" \
  "amount: 12.00 -> 12; currency: EUR -> JPY
amount: 12 -> 12.000; currency: JPY -> BHD" \
  sh -c '"$CONFSPEND" history 2 --format json | python3 -c "import json,sys; [print(r[\"detail\"]) for r in json.load(sys.stdin)[-2:]]"'
expect_out "edit --currency with --amount" "2  2026-11-03  meal  1500 JPY  Café \"Zoë\"" cs edit 2 --currency JPY --amount 1500
expect_out "a refund of 25.50" "4  2026-11-05  meal  -25.50 USD  (refund)" cs edit 4 --amount 25.50
expect_fail_silent "a currency with fewer digits cannot hold the cents" 2 \
  "amount: cannot be written in the new currency; give it again (25.50)" cs edit 4 --currency JPY
main_db=$CONFSPEND_DB
export CONFSPEND_DB="$TMP/huge.db"
expect_ok "a huge amount in yen" cs add meal 92233720368547758 --currency JPY
expect_fail_silent "nor a currency with more digits a huge amount" 2 \
  "amount: too large in the new currency (92233720368547758)" cs edit 1 --currency BHD
export CONFSPEND_DB=$main_db
expect_out "a refund moves to a currency without cents" "4  2026-11-05  meal  -26 JPY  (refund)" \
  sh -c '"$CONFSPEND" edit 4 --amount 26 >/dev/null && "$CONFSPEND" edit 4 --currency JPY'
expect_out "stored as -26 yen" "-26|JPY" sql "SELECT amount, currency FROM expense WHERE id = 4"
expect_ok "undo the currency" cs undo
expect_ok "undo the 26" cs undo
expect_ok "undo the amount" cs undo
expect_out "back to 3.50" "-350|USD" sql "SELECT amount, currency FROM expense WHERE id = 4"

# edit refusals
expect_fail_silent "edit an unknown id" 2 "id: no such expense (99)" cs edit 99 --amount 5
expect_fail_silent "edit a bad id" 2 "id: not an expense id (x1)" cs edit x1 --amount 5
expect_fail_silent "edit with a bad amount" 2 "amount: not a decimal number (abc)" cs edit 1 --amount abc
expect_fail_silent "edit with zero amount" 2 "amount: must be greater than zero (0 is for lodging only) (0)" cs edit 1 --amount 0
expect_fail_silent "edit a tip above the amount" 2 "--tip: larger than the amount 25.00 (30.00)" cs edit 1 --tip 30
expect_fail_silent "edit --provider onto a meal" 2 "--provider: only for ride expenses (meal)" cs edit 4 --provider uber
expect_fail_silent "edit with an unknown category" 2 "category: unknown category" cs edit 1 --category food
expect_fail_silent "edit with an unknown trip" 2 "trip: no such trip (nope)" cs edit 1 --trip nope
expect_fail_silent "edit without an id" 2 "id: missing (usage: confspend edit ID [options])" cs edit
expect_fail_silent "edit a bad date" 2 "--date: no such calendar date (2026-02-29)" cs edit 1 --date 2026-02-29

# rm then undo gives the row back exactly
meal_before=$(dumprow 2)
check "the meal row is there" -n "$meal_before"
expect_out "rm" "removed 2  2026-11-03  meal  1500 JPY  Café \"Zoë\"" cs rm 2
expect_out "the row is gone" "0" sql "SELECT count(*) FROM expense WHERE id = 2"
expect_fail_silent "show after rm" 2 "id: no such expense (2)" cs show 2
expect_fail_silent "rm again" 2 "id: no such expense (2)" cs rm 2
n=$(top)
expect_out "undo the rm" "undid change $n: rm 2  2026-11-03  meal  1500 JPY  Café \"Zoë\"" cs undo
check "the row is back exactly, same id and every field" "$(dumprow 2)" = "$meal_before"
expect_out "and shows as before" \
  "$SHOW_HEAD"$'\r\n2,2026-11-03,meal,1500,JPY,"Café ""Zoë""","a\nb",,yes,,,,,,visa,2.pdf,,,,,,UID\r' \
  show_uid 2 --format csv
expect_out "the note kept its line break" "610A62" sql "SELECT hex(note) FROM expense WHERE id = 2"

# history ID lists the changes with old -> new; undone ones say so, undo adds none
expect_out "history 4 (csv)" "$(crlf "change,at,action,id,detail" \
  "11,AT,add,4,2026-11-05 meal -3.00 USD" \
  "12,AT,edit,4,amount: -3.00 -> -3.50" \
  "20,AT,edit (undone),4,amount: -3.50 -> -25.50" \
  "21,AT,edit (undone),4,amount: -25.50 -> -26.00" \
  "22,AT,edit (undone),4,amount: -26.00 -> -26; currency: USD -> JPY")" hist 4 --format csv
check "history times are UTC, ISO 8601 with Z" \
  "$(cs history 4 --format csv | sed -n 2p | cut -d, -f2 | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$')" -eq 1
expect_out "history 3 (table)" \
  "change  at  action         id  detail
     4  AT  add             3  2026-11-01 lodging 0.00 USD
    15  AT  edit (undone)   3  category: lodging -> other; amount: 0.00 -> 5.00; nights: 8 -> (none); compare_rate: 189.00 -> (none)" \
  sh -c '"$CONFSPEND" history 3 | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/AT/; s/^(change  at)  +/\1  /; s/  AT  +/  AT  /"'
expect_out "history names a trip by its slug" "trip: pycon -> (none)" \
  sh -c '"$CONFSPEND" history 1 --format json | python3 -c "import json,sys; [print(d) for r in json.load(sys.stdin) for d in r[\"detail\"].split(\"; \") if d.startswith(\"trip:\")][:1]" | head -1'
expect_fail_silent "history of an unknown id" 2 "id: no such expense in the history (99)" cs history 99
expect_fail_silent "history of a bad id" 2 "id: not an expense id (-1)" cs history -1
expect_out "history (all) has every change" "$(sql "SELECT count(*) FROM change")" \
  sh -c '"$CONFSPEND" history --format csv | tail -n +2 | grep -c "^[0-9]"'
expect_out "history (all) columns" "change,at,command,summary,state" \
  sh -c '"$CONFSPEND" history --format csv | head -1 | tr -d "\r"'
expect_out "history --change lists the rows" "$(crlf "table,key,action,field,old,new" \
  "expense,4,update,amount,-3.00,-3.50")" cs history --change 12 --format csv
expect_fail_silent "history --change of an unknown change" 2 "--change: no such change (999)" cs history --change 999
expect_fail_silent "history --change of a word" 2 "--change: not a change number (abc)" cs history --change abc

# undo walks back, newest first: an edit, then an add; redo puts them back
expect_out "a fresh add" "5  2026-11-10  ticket  100.00 USD" cs add ticket 100
expect_out "an edit of it" "5  2026-11-10  ticket  120.00 USD" cs edit 5 --amount 120
n=$(top)
expect_out "undo the edit" "undid change $n: edit 5  2026-11-10  ticket  120.00 USD" cs undo
expect_out "the edit is reverted" "10000" sql "SELECT amount FROM expense WHERE id = 5"
expect_out "undo the add" "undid change $((n - 1)): add 5  2026-11-10  ticket  100.00 USD" cs undo
expect_out "the expense is gone" "0" sql "SELECT count(*) FROM expense WHERE id = 5"
expect_out "redo the add" "redid change $((n - 1)): add 5  2026-11-10  ticket  100.00 USD" cs redo
expect_out "same id again" "5|10000" sql "SELECT id, amount FROM expense WHERE id = 5"
expect_out "redo the edit" "redid change $n: edit 5  2026-11-10  ticket  120.00 USD" cs redo
expect_fail_silent "nothing more to redo" 2 "redo: nothing to redo" cs redo
expect_out "undo after redo undoes it again" "undid change $n: edit 5  2026-11-10  ticket  120.00 USD" cs undo
expect_out "a new change" "6  2026-11-10  meal  4.00 USD" cs add meal 4
expect_fail_silent "a new change ends what redo could bring back" 2 "redo: nothing to redo" cs redo
expect_out "undo the new change" "undid change $((n + 1)): add 6  2026-11-10  meal  4.00 USD" cs undo
expect_out "an id is never reused" "7  2026-11-10  meal  5.00 USD" cs add meal 5
expect_out "history of 5" "$(crlf "change,at,action,id,detail" \
  "$((n - 1)),AT,add,5,2026-11-10 ticket 100.00 USD" \
  "$n,AT,edit (undone),5,amount: 100.00 -> 120.00")" hist 5 --format csv

# repeated undo keeps walking back until nothing is left: trips, budgets, settings too
left=$(sql "SELECT count(*) FROM change WHERE kind = 'user' AND state = 'done'")
for i in $(seq 1 "$left"); do
  expect_ok "undo $i of $left" cs undo
done
expect_out "everything undone: no expenses left" "0" sql "SELECT count(*) FROM expense"
expect_fail_silent "undo with nothing to undo" 2 "undo: nothing to undo" cs undo
expect_out "the trip went too" "0" sql "SELECT count(*) FROM trip"

# on a new database, undo has nothing to undo either
expect_fail_silent "undo on an empty database" 2 "undo: nothing to undo" cs --db "$TMP/empty.db" undo
expect_fail_silent "undo takes no argument" 2 "argument: unexpected argument (1)" cs undo 1
expect_fail_silent "rm without an id" 2 "id: missing (usage: confspend rm ID)" cs rm
expect_fail_silent "rm an unknown id" 2 "id: no such expense (12345)" cs rm 12345
expect_fail_silent "rm a bad id" 2 "id: not an expense id (0)" cs rm 0
expect_fail_silent "show an unknown id" 2 "id: no such expense (7)" cs show 7

for c in edit rm history undo redo show; do
  out=$(cs "$c" --help); rc=$?
  check "$c --help exits 0" "$rc" -eq 0
  case $out in "usage: confspend [--db FILE] $c"*) ok ;; *) bad "$c --help: $out" ;; esac
done

finish
