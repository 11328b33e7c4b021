#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# import csv: export then import into an empty database gives the same list; every CSV
# edge case of RFC 4180; a bad row writes nothing and names its line; re-importing adds
# nothing; identical rows in one file are distinct expenses; unknown trips are created.
. "$(dirname "$0")/lib.sh"

crlf() { printf '%s\r\n' "$@"; }
# the csv on stdin without its first (id) column, one python list per record
drop_id() { python3 -c 'import csv, sys; [print(r[1:]) for r in csv.reader(sys.stdin)]'; }
count() { sql "SELECT count(*) FROM expense"; }
LHEAD="id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip"

# --- the round trip -------------------------------------------------------------------------
A=$TMP/a.db
B=$TMP/b.db
ca() { "$CONFSPEND" --db "$A" "$@"; }
cb() { "$CONFSPEND" --db "$B" "$@"; }
ca trip add pycon --name PyCon --start 2026-11-01 --end 2026-11-08 --city Pittsburgh >/dev/null
ca trip add tokyo --name Tokyo --start 2026-12-01 --end 2026-12-08 --currency JPY >/dev/null
make_pdf "$TMP/r/1.pdf"
ca add ride 23.50 --date 2026-11-02 --trip pycon --provider uber --from "Friends' place" --to Venue \
  --driver Sam --tip 3 --platform-fee 10 --shared --reimbursable --payment visa --receipt "$TMP/r/1.pdf" >/dev/null
ca add ride 18 --date 2026-11-02 --trip pycon --provider lyft --from Venue --to "Friends' place" >/dev/null
ca add meal 6.50 --date 2026-11-03 --refund --merchant '=HYPERLINK("http://x","y")' >/dev/null
ca add meal 12 --date 2026-11-03 --merchant '+1' --note $'two\nlines, "quoted"\r\nand a CRLF' --payment '@cash' >/dev/null
ca add meal 12 --date 2026-11-03 --merchant '+1' --note $'two\nlines, "quoted"\r\nand a CRLF' --payment '@cash' >/dev/null
ca add other 3 --date 2026-11-04 --merchant '-x' --note $'\tindented' >/dev/null
ca add other 4 --date 2026-11-04 --merchant '@a' --note "'=already quoted" >/dev/null
ca add lodging 0 --date 2026-11-01 --nights 8 --compare-rate 189 --merchant 'Café Zoë' --trip pycon >/dev/null
ca add donation 20 --date 2026-11-05 --recipient PSF --note 'a, b; c' >/dev/null
ca add travel 45000 --date 2026-09-15 --trip tokyo --merchant 'JAL 日本航空' >/dev/null
ca add meal 1500 --date 2026-12-02 --trip tokyo --refund --merchant 'ラーメン' >/dev/null
ca add ticket 1.5 --date 2026-11-08 --currency BHD --merchant "it's" --reimbursable >/dev/null
ca export csv "$TMP/all.csv" >/dev/null

expect_out "round trip: import into an empty database" "imported 12, skipped 0 (already present)" \
  cb import csv "$TMP/all.csv"
expect_out "round trip: the trips are created and said on stderr" \
  "created trip tokyo (2026-09-15 to 2026-12-02, USD)
created trip pycon (2026-11-01 to 2026-11-02, USD)" sh -c '"$CONFSPEND" --db "$1" import csv "$2" 2>&1 >/dev/null' _ "$TMP/c.db" "$TMP/all.csv"
check "round trip: list --format csv is the same apart from the ids" \
  "$(ca list --format csv | drop_id)" = "$(cb list --format csv | drop_id)"
check "round trip: so is every export csv column" \
  "$(ca export csv - | drop_id)" = "$(cb export csv - | drop_id)"
check "round trip: the ids are new, in order" "$(cb list --format csv | sed -n '2p' | cut -d, -f1)" = 1
check "round trip: --trip lists the same" \
  "$(ca list --trip tokyo --format csv | drop_id)" = "$(cb list --trip tokyo --format csv | drop_id)"
expect_out "round trip: the formula is stored as text" '=HYPERLINK("http://x","y")' \
  sqlite3 "$B" "SELECT merchant FROM expense WHERE amount = -650"
expect_out "round trip: a leading ' of the user's own survives" "'=already quoted" \
  sqlite3 "$B" "SELECT note FROM expense WHERE merchant = '@a'"
expect_out "round trip: importing the same file again adds nothing" \
  "imported 0, skipped 12 (already present)" cb import csv "$TMP/all.csv"
cb export csv "$TMP/again.csv" >/dev/null
expect_out "round trip: the re-export (new ids) is skipped too" \
  "imported 0, skipped 12 (already present)" cb import csv "$TMP/again.csv"
uids() { sqlite3 "$1" "SELECT uid FROM expense ORDER BY uid"; }
check "round trip: every expense keeps its uid" "$(uids "$B")" = "$(uids "$A")"
check "round trip: and the uids are export's last column" \
  "$(ca export csv - | python3 -c 'import csv, sys; [print(r[-1]) for r in list(csv.reader(sys.stdin))[1:]]' | sort)" = "$(uids "$A")"
changes=$(sqlite3 "$A" "SELECT count(*) FROM change")
expect_out "round trip: into the same database, an export adds nothing" \
  "imported 0, skipped 12 (already present)" ca import csv "$TMP/all.csv"
check "round trip: still 12 there" "$(sqlite3 "$A" "SELECT count(*) FROM expense")" = 12
check "round trip: nor is a change recorded" "$(sqlite3 "$A" "SELECT count(*) FROM change")" = "$changes"
# an expense edited since it was exported is the same expense: still skipped, not changed
ca edit 1 --amount 30 >/dev/null
expect_out "an edited expense is known by its uid" "imported 0, skipped 12 (already present)" \
  ca import csv "$TMP/all.csv"
expect_out "and keeps its edit" "3000" sqlite3 "$A" "SELECT amount FROM expense WHERE id = 1"
# a removed one comes back, with its uid
ca rm 3 >/dev/null
expect_out "a removed expense is imported again" "imported 1, skipped 11 (already present)" \
  ca import csv "$TMP/all.csv"
check "with the uid it had" "$(uids "$A")" = "$(uids "$B")"

# --- the generic profile on the main database ---------------------------------------------
# a file like the benchmark's: date,category,amount,currency,merchant,note,from,to
cat >"$TMP/gen.csv" <<'EOF'
date,category,amount,currency,merchant,note,from,to
2015-01-01,donation,9.91,USD,PyLadies auction,item 700152,,
2015-01-02,ride,12.34,USD,Lyft,item 3,Airport,Hotel
2015-01-03,meal,4.50,USD,Deli,item 4,,
EOF
expect_out "the benchmark's header imports" "imported 3, skipped 0 (already present)" cs import csv "$TMP/gen.csv"
expect_out "a ride gets provider other and shared no, as with add" \
  "2,2015-01-02,ride,12.34,USD,Lyft,item 3,,no,other,Airport,Hotel,," \
  sh -c '"$CONFSPEND" list --format csv --category ride | tr -d "\r" | tail -1'
expect_out "importing it again adds nothing" "imported 0, skipped 3 (already present)" cs import csv "$TMP/gen.csv"
# the same rows, columns reordered and amounts written differently: the same keys
cat >"$TMP/reordered.csv" <<'EOF'
note,amount,merchant,category,date,to,from,currency
item 4,4.5,Deli,meal,2015-01-03,,,USD
EOF
expect_out "the key is over normalised fields: reordered columns, 4.5 = 4.50" \
  "imported 0, skipped 1 (already present)" cs import csv "$TMP/reordered.csv"

# identical rows in one file are distinct expenses, and stay so on re-import
crlf "date,category,amount,merchant" "2026-11-06,meal,4.75,Venue coffee" "2026-11-06,meal,4.75,Venue coffee" \
  "2026-11-06,meal,4.75,Venue coffee" >"$TMP/coffee.csv"
expect_out "three identical coffees are three expenses" "imported 3, skipped 0 (already present)" \
  cs import csv "$TMP/coffee.csv"
expect_out "again: nothing" "imported 0, skipped 3 (already present)" cs import csv "$TMP/coffee.csv"
crlf "date,category,amount,merchant" "2026-11-06,meal,4.75,Venue coffee" "2026-11-06,meal,4.75,Venue coffee" \
  "2026-11-06,meal,4.75,Venue coffee" "2026-11-06,meal,4.75,Venue coffee" >"$TMP/coffee4.csv"
expect_out "the same file with a fourth coffee adds only that one" "imported 1, skipped 3 (already present)" \
  cs import csv "$TMP/coffee4.csv"
check "four coffees stored" "$(sql "SELECT count(*) FROM expense WHERE merchant = 'Venue coffee'")" = 4
check "every imported row has its key" "$(sql "SELECT count(*) FROM expense WHERE import_key IS NULL")" = 0

# --- CSV edge cases ---------------------------------------------------------------------------
printf '\xEF\xBB\xBFdate,category,amount,merchant\n2026-10-01,meal,1.00,BOM\n' >"$TMP/bom.csv"
expect_out "a UTF-8 BOM" "imported 1, skipped 0 (already present)" cs import csv "$TMP/bom.csv"
printf 'date,category,amount,merchant\r\n2026-10-02,meal,2.00,CRLF\r\n' >"$TMP/crlf.csv"
expect_out "CRLF line ends" "imported 1, skipped 0 (already present)" cs import csv "$TMP/crlf.csv"
printf 'date,category,amount,merchant\n2026-10-03,meal,3.00,no final newline' >"$TMP/nofinal.csv"
expect_out "no final newline" "imported 1, skipped 0 (already present)" cs import csv "$TMP/nofinal.csv"
printf 'date,category,amount,merchant,note\n2026-10-04,meal,4.00,"quoted, with comma","line one\nline two"\n' >"$TMP/qnl.csv"
expect_out "a quoted newline and a quoted comma" "imported 1, skipped 0 (already present)" cs import csv "$TMP/qnl.csv"
printf 'date,category,amount,merchant\n2026-10-05,meal,5.00,"say ""hi"""\n' >"$TMP/dq.csv"
expect_out "doubled quotes" "imported 1, skipped 0 (already present)" cs import csv "$TMP/dq.csv"
printf 'date;category;amount;merchant\n2026-10-06;meal;6.00;"semi; colon"\n' >"$TMP/semi.csv"
expect_out "--delimiter ';'" "imported 1, skipped 0 (already present)" cs import csv "$TMP/semi.csv" --delimiter ';'
printf 'date\tcategory\tamount\tmerchant\n2026-10-07\tmeal\t7.00\ttabbed\n' >"$TMP/tab.tsv"
expect_out "--delimiter tab" "imported 1, skipped 0 (already present)" cs import csv "$TMP/tab.tsv" --delimiter tab
printf 'date;category;amount;merchant\n2026-10-08;meal;12,50;comma\n2026-10-08;meal;-1,5;comma refund\n' >"$TMP/dc.csv"
expect_out "--decimal-comma" "imported 2, skipped 0 (already present)" \
  cs import csv "$TMP/dc.csv" --delimiter ';' --decimal-comma
printf 'date,category,amount,merchant\n\n2026-10-09,meal,9.00,after a blank line\n\n' >"$TMP/blank.csv"
expect_out "blank lines are skipped" "imported 1, skipped 0 (already present)" cs import csv "$TMP/blank.csv"
R=$(crlf "$LHEAD" \
  "2026-10-01,meal,1.00,USD,BOM,,,no,,,,," \
  "2026-10-02,meal,2.00,USD,CRLF,,,no,,,,," \
  "2026-10-03,meal,3.00,USD,no final newline,,,no,,,,," \
  "2026-10-04,meal,4.00,USD,\"quoted, with comma\",\"line one
line two\",,no,,,,," \
  "2026-10-05,meal,5.00,USD,\"say \"\"hi\"\"\",,,no,,,,," \
  "2026-10-06,meal,6.00,USD,semi; colon,,,no,,,,," \
  "2026-10-07,meal,7.00,USD,tabbed,,,no,,,,," \
  "2026-10-08,meal,12.50,USD,comma,,,no,,,,," \
  "2026-10-08,meal,-1.50,USD,comma refund,,,no,,,,," \
  "2026-10-09,meal,9.00,USD,after a blank line,,,no,,,,,")
expect_out "each edge case stored as written" "$R" \
  sh -c '"$CONFSPEND" list --format csv --since 2026-10-01 --until 2026-10-31 | sed "s/^[0-9]*,//"'
printf 'date,category,amount\n' >"$TMP/header-only.csv"
expect_out "a header and no rows" "imported 0, skipped 0 (already present)" cs import csv "$TMP/header-only.csv"
expect_out "standard output as FILE (-)" "imported 1, skipped 0 (already present)" \
  sh -c 'printf "date,category,amount\n2026-10-10,other,1\n" | "$CONFSPEND" import csv -'

# --- trips and currencies -------------------------------------------------------------------
cs trip add kyoto --name Kyoto --start 2026-12-10 --end 2026-12-14 --currency JPY >/dev/null
crlf "date,category,amount,trip" "2026-12-11,meal,1200,kyoto" "2026-12-12,meal,8.5," >"$TMP/cur.csv"
expect_out "an empty currency: the trip's, else the base currency" "imported 2, skipped 0 (already present)" \
  cs import csv "$TMP/cur.csv"
expect_out "kyoto's meal is in JPY, the other in USD" "1200|JPY
850|USD" sql "SELECT amount, currency FROM expense WHERE date >= '2026-12-11' ORDER BY date"
cs config set currency EUR >/dev/null
crlf "date,category,amount,trip" "2025-03-09,meal,5,berlin" "2025-03-02,meal,3.25,berlin" \
  "2025-03-05,other,1,berlin" >"$TMP/berlin.csv"
expect_out "an unknown trip is created" "imported 3, skipped 0 (already present)" cs import csv "$TMP/berlin.csv"
expect_out "named after its slug, dated by its rows, in the base currency" \
  "berlin|berlin|2025-03-02|2025-03-09|EUR" sql "SELECT slug, name, start_date, end_date, currency FROM trip WHERE slug = 'berlin'"
check "its rows are in the base currency" "$(sql "SELECT DISTINCT e.currency FROM expense e JOIN trip t ON t.id = e.trip_id WHERE t.slug = 'berlin'")" = EUR
crlf "date,category,amount,trip" "2025-04-01,meal,5,munich" >"$TMP/munich.csv"
expect_out "the creation is said on stderr" "created trip munich (2025-04-01 to 2025-04-01, EUR)" \
  sh -c '"$CONFSPEND" import csv "$1" 2>&1 >/dev/null' _ "$TMP/munich.csv"
cs config set currency USD >/dev/null

# --- --dry-run --------------------------------------------------------------------------------
crlf "date,category,amount,trip" "2024-05-01,meal,5,newtrip" "2024-05-03,meal,6,newtrip" >"$TMP/dry.csv"
before=$(db_state)
expect_out "--dry-run counts" "dry run: would import 2, skip 0 (already present); nothing written" \
  cs import csv "$TMP/dry.csv" --dry-run
check "--dry-run writes nothing" "$(db_state)" = "$before"
expect_out "--dry-run says which trip it would create" "would create trip newtrip (2024-05-01 to 2024-05-03, USD)" \
  sh -c '"$CONFSPEND" import csv "$1" --dry-run 2>&1 >/dev/null' _ "$TMP/dry.csv"
expect_out "--dry-run on a file already imported" "dry run: would import 0, skip 3 (already present); nothing written" \
  cs import csv "$TMP/coffee.csv" --dry-run
expect_fail "--dry-run still checks every row" 2 "line 3, column amount" \
  sh -c 'printf "date,category,amount\n2024-01-01,meal,1\n2024-01-02,meal,x\n" | "$CONFSPEND" import csv - --dry-run'

# --- bad input: exit 2, one line naming line/column/value, nothing written -----------------------
n=$(count)
bad_row() { # description, file content, message fragment
  printf '%s' "$2" >"$TMP/bad.csv"
  expect_fail "$1" 2 "$3" cs import csv "$TMP/bad.csv"
}
bad_row "a bad amount after good rows" $'date,category,amount\n2024-02-01,meal,1\n2024-02-02,meal,2\n2024-02-03,meal,12.345\n' \
  "line 4, column amount: at most 2 decimals in this currency (12.345)"
bad_row "a bad amount in JPY" $'date,category,amount,currency\n2024-02-01,meal,15.5,JPY\n' \
  "line 2, column amount: this currency has no minor unit (15.5)"
bad_row "line numbers count the lines of quoted fields" $'date,category,amount,note\n2024-02-01,meal,1,"a\nb\nc"\n2024-02-02,meal,zero,x\n' \
  "line 5, column amount: not a decimal number (zero)"
bad_row "a bad date" $'date,category,amount\n2024-02-30,meal,1\n' "line 2, column date"
bad_row "an unknown category" $'date,category,amount\n2024-02-01,food,1\n' "line 2, column category: unknown category"
bad_row "a missing amount" $'date,category,amount\n2024-02-01,meal,\n' "line 2, column amount: required"
bad_row "zero is for lodging only" $'date,category,amount\n2024-02-01,meal,0\n' "line 2, column amount"
bad_row "a ride field on a meal" $'date,category,amount,from\n2024-02-01,meal,1,Home\n' "line 2, column from: only for ride expenses"
bad_row "a tip larger than the amount" $'date,category,amount,tip\n2024-02-01,ride,1,2\n' "line 2, column tip: larger than the amount"
bad_row "an unknown provider" $'date,category,amount,provider\n2024-02-01,ride,1,bus\n' "line 2, column provider: unknown provider (lyft, uber, taxi, direct, transit, other) (bus)"
bad_row "reimbursable must be yes or no" $'date,category,amount,reimbursable\n2024-02-01,meal,1,maybe\n' "line 2, column reimbursable: must be yes or no (maybe)"
bad_row "an unknown currency" $'date,category,amount,currency\n2024-02-01,meal,1,XXX\n' "line 2, column currency: unknown ISO 4217 currency code (XXX)"
bad_row "a bad trip slug" $'date,category,amount,trip\n2024-02-01,meal,1,Big Trip\n' "line 2, column trip: not a trip slug (1 to 64 of a-z 0-9 . _ -) (Big Trip)"
bad_row "a bad row after a new trip: not even the trip is made" $'date,category,amount,trip\n2024-02-01,meal,1,fresh\n2024-02-02,meal,-,fresh\n' "line 3, column amount"
bad_row "too few fields" $'date,category,amount\n2024-02-01,meal\n' "line 2: 2 fields, but the header has 3"
bad_row "too many fields" $'date,category,amount\n2024-02-01,meal,1,2\n' "line 2: 4 fields, but the header has 3"
bad_row "invalid UTF-8" $'date,category,amount,merchant\n2024-02-01,meal,1,\xff\n' "line 2, column merchant: not valid UTF-8 text"
bad_row "a comma without --decimal-comma" $'date,category,amount\n2024-02-01,meal,"1,5"\n' "line 2, column amount: use '.' as the decimal separator, or --decimal-comma (1,5)"
bad_row "an unterminated quote" $'date,category,amount,note\n2024-02-01,meal,1,"open\n2024-02-02,meal,2,x\n' "line 2, column 19: unterminated quoted field"
bad_row "a stray quote" $'date,category,amount,note\n2024-02-01,meal,1,ab"c\n' "line 2, column 21: a quote inside an unquoted field"
bad_row "text after a closing quote" $'date,category,amount,note\n2024-02-01,meal,1,"ab"c\n' "line 2, column 23: text after a closing quote"
bad_row "an unknown column" $'date,category,amount,colour\n2024-02-01,meal,1,red\n' "header: unknown column"
bad_row "the unknown column is named" $'date,category,amount,colour\n' "(colour)"
bad_row "a missing required column" $'date,amount\n2024-02-01,1\n' "header: missing required column (category)"
bad_row "a column twice" $'date,category,amount,date\n' "header: column given twice (date)"
bad_row "an empty file" '' "no header row"
check "none of the bad files wrote a row" "$(count)" = "$n"
check "nor a trip" "$(sql "SELECT count(*) FROM trip WHERE slug = 'fresh'")" = 0

expect_fail "a missing file" 1 "import: cannot open: No such file or directory" cs import csv "$TMP/nope.csv"
expect_fail "a folder" 1 "import" cs import csv "$TMP"
expect_fail "no format" 2 "format: missing" cs import
expect_fail "an unknown format" 2 "format: unknown import format" cs import qif "$TMP/gen.csv"
expect_fail "no file" 2 "file: missing" cs import csv
expect_fail "--profile uber on a generic file" 2 "is not a 'uber' file" cs import csv "$TMP/gen.csv" --profile uber
expect_fail "--profile bank (revision 1's) is no profile" 2 "--profile: no such profile" cs import csv "$TMP/gen.csv" --profile bank
expect_fail "an unknown profile" 2 "--profile: no such profile" cs import csv "$TMP/gen.csv" --profile foo
expect_out "--profile generic is the default" "imported 0, skipped 3 (already present)" cs import csv "$TMP/gen.csv" --profile generic
expect_fail "a two-character delimiter" 2 "--delimiter" cs import csv "$TMP/gen.csv" --delimiter ';;'
expect_fail "a quote as delimiter" 2 "--delimiter" cs import csv "$TMP/gen.csv" --delimiter '"'
# a database that does not exist yet is made only when the whole file is good
printf 'date,category,amount,trip\n2024-02-01,meal,1,x\n2024-02-02,meal,1.234,x\n' >"$TMP/bad2.csv"
expect_out "a bad file, no database yet: the message" "confspend: line 3, column amount: at most 2 decimals in this currency (1.234)" \
  sh -c 'CONFSPEND_DB="$1" "$CONFSPEND" import csv "$2" 2>&1; [ $? = 2 ]' _ "$TMP/never.db" "$TMP/bad2.csv"
check "a bad file does not create the database" ! -e "$TMP/never.db"
expect_out "--dry-run with no database yet" "dry run: would import 3, skip 0 (already present); nothing written" \
  env CONFSPEND_DB="$TMP/never.db" "$CONFSPEND" import csv "$TMP/coffee.csv" --dry-run
expect_out "--dry-run from a pipe with no database yet" "would create trip x (2024-02-01 to 2024-02-03, USD)" \
  sh -c 'printf "date,category,amount,trip\n2024-02-03,meal,1,x\n2024-02-01,meal,1,x\n" | CONFSPEND_DB="$1" "$CONFSPEND" import csv - --dry-run 2>&1 >/dev/null' _ "$TMP/never.db"
check "--dry-run does not create the database" ! -e "$TMP/never.db"
expect_out "a good file creates it" "imported 3, skipped 0 (already present)" \
  env CONFSPEND_DB="$TMP/never.db" "$CONFSPEND" import csv "$TMP/coffee.csv"
# a new database is loaded as a private file beside it (NAME.tmp-XXXXXX) and renamed at
# the end: nothing of it is left when the file is bad, even read from a pipe, and the
# database that appears is a whole, private, WAL-mode one
mkdir "$TMP/nd"
expect_out "a bad file from a pipe, no database yet" "2" \
  sh -c 'cat "$2" | CONFSPEND_DB="$1" "$CONFSPEND" import csv - 2>/dev/null; echo $?' _ "$TMP/nd/n.db" "$TMP/bad2.csv"
expect_out "leaves nothing in its folder" "" ls -A "$TMP/nd"
expect_out "a good file from a pipe makes it" "imported 3, skipped 0 (already present)" \
  sh -c 'cat "$2" | CONFSPEND_DB="$1" "$CONFSPEND" import csv -' _ "$TMP/nd/n.db" "$TMP/coffee.csv"
expect_out "only the database is left" "n.db" ls -A "$TMP/nd"
expect_out "mode 0600, WAL, whole" "600 wal ok 3" sh -c 'echo $(stat -c %a "$1") $(sqlite3 "$1" "PRAGMA journal_mode; PRAGMA integrity_check; SELECT count(*) FROM expense")' _ "$TMP/nd/n.db"
expect_out "and it reads as any other" "imported 0, skipped 3 (already present)" \
  env CONFSPEND_DB="$TMP/nd/n.db" "$CONFSPEND" import csv "$TMP/coffee.csv"
# a database another program makes while the rows are still coming is not replaced: the
# import fails and leaves it as it was
mkfifo "$TMP/nd/fifo"
( CONFSPEND_DB="$TMP/nd/race.db" "$CONFSPEND" import csv "$TMP/nd/fifo" >"$TMP/race.out" 2>"$TMP/race.err"; echo $? >"$TMP/race.rc" ) &
exec 9>"$TMP/nd/fifo"
# (more than the reader's 64 KiB chunk, so it gets past the header and makes its file)
{ echo "date,category,amount,note"; for ((k = 0; k < 4000; k++)); do echo "2024-02-01,meal,1,row $k of the race"; done; } >&9
for _ in $(seq 50); do ls "$TMP/nd" | grep -q 'race.db.tmp-' && break; sleep 0.1; done
CONFSPEND_DB="$TMP/nd/race.db" "$CONFSPEND" add meal 2 --date 2024-03-01 >/dev/null || bad "the other program's add"
exec 9>&-
wait
expect_out "the import fails" "1" cat "$TMP/race.rc"
expect_out "and says why" "confspend: database: another program created it during the import; nothing was imported, run the import again ($TMP/nd/race.db)" cat "$TMP/race.err"
expect_out "the other program's database is untouched" "200" sqlite3 "$TMP/nd/race.db" "SELECT group_concat(amount) FROM expense"
# (a database's emptied WAL and its index stay beside it between commands: db.c)
expect_out "and no temporary file is left" "fifo n.db race.db" \
  sh -c 'echo $(ls -A "$1" | grep -v -e "-wal$" -e "-shm$" | sort)' _ "$TMP/nd"
expect_out "import --help" "usage: confspend [--db FILE] import csv|ofx FILE [--profile NAME|FILE|auto] [--tz ZONE] [--delimiter C] [--decimal-comma] [--dry-run]; import profiles" \
  sh -c '"$CONFSPEND" import --help | head -1'

# --- a larger file: one transaction, keys unique, fast enough --------------------------------
{
  echo "date,category,amount,currency,merchant,note,from,to"
  for ((k = 1; k <= 20000; k++)); do
    printf '2023-%02d-%02d,meal,%d.%02d,USD,Cafe %d,item %d,,\n' $((k % 12 + 1)) $((k % 28 + 1)) $((k % 50 + 1)) $((k % 100)) $((k % 7)) $((k % 5000))
  done
} >"$TMP/big.csv"
expect_out "20000 rows (each note repeats 4 times)" "imported 20000, skipped 0 (already present)" cs import csv "$TMP/big.csv"
expect_out "and again: nothing" "imported 0, skipped 20000 (already present)" cs import csv "$TMP/big.csv"
check "20000 keys, all distinct" "$(sql "SELECT count(DISTINCT import_key) FROM expense WHERE date LIKE '2023-%'")" = 20000
check "the change log keeps the import as one change, by its id range" \
  "$(sql "SELECT bulk_last - bulk_first + 1 FROM change ORDER BY id DESC LIMIT 1")" = 20000
first=$(sql "SELECT min(id) FROM expense WHERE date LIKE '2023-%'")
last=$(sql "SELECT max(id) FROM expense WHERE date LIKE '2023-%'")
check "its ids follow each other" $((last - first + 1)) = 20000
expect_out "history shows the import" "import 20000 expenses from $TMP/big.csv,done" \
  sh -c '"$CONFSPEND" history --format csv | tail -1 | cut -d, -f4- | tr -d "\r"'
expect_out "history ID shows the import" "import,$first,import 20000 expenses from $TMP/big.csv" \
  sh -c '"$CONFSPEND" history "$1" --format csv | tail -1 | cut -d, -f3- | tr -d "\r"' _ "$first"
expect_out "history --change shows its id range" "expense,$first..$last,insert,rows,,20000 expenses" \
  sh -c '"$CONFSPEND" history --change "$1" --format csv | sed -n 2p | tr -d "\r"' _ "$(sql "SELECT max(id) FROM change")"
expect_out "a re-import that adds nothing leaves no change" "import 20000 expenses from $TMP/big.csv,done" \
  sh -c '"$CONFSPEND" import csv "$1" >/dev/null && "$CONFSPEND" history --format csv | tail -1 | cut -d, -f4- | tr -d "\r"' _ "$TMP/big.csv"
n=$(count)
before=$(sql "SELECT group_concat(id || ' ' || uid || ' ' || date || ' ' || amount) FROM (SELECT * FROM expense ORDER BY id)")
expect_out "undo takes the whole import back" "undid change $(sql "SELECT max(id) FROM change"): import 20000 expenses from $TMP/big.csv" cs undo
check "its 20000 rows are gone" "$(count)" = $((n - 20000))
expect_out "redo puts them back" "redid change $(sql "SELECT max(id) FROM change"): import 20000 expenses from $TMP/big.csv" cs redo
check "the same rows: ids, uids and fields" "$(sql "SELECT group_concat(id || ' ' || uid || ' ' || date || ' ' || amount) FROM (SELECT * FROM expense ORDER BY id)")" = "$before"
expect_out "nothing parked after the redo" "0" sql "SELECT count(*) FROM parked_expense"
expect_ok "undo it again" cs undo
expect_out "and the file imports again" "imported 20000, skipped 0 (already present)" cs import csv "$TMP/big.csv"

# an import sets the per-row triggers aside inside its transaction and puts them back:
# afterwards an add is kept in the history and a bad date is refused by the schema again
expect_out "the row trigger is back after imports" "1" \
  sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('expense_date_insert')"
# 600 identical rows are 600 expenses (counts past 254 live in the overflow list), and a
# second import of the file adds none of them
export CONFSPEND_DB="$TMP/dup.db"
{ echo "date,category,amount"; for ((k = 0; k < 600; k++)); do echo "2026-01-01,meal,1.00"; done; } >"$TMP/dup.csv"
expect_out "600 identical rows" "imported 600, skipped 0 (already present)" cs import csv "$TMP/dup.csv"
expect_out "imported again: none added" "imported 0, skipped 600 (already present)" cs import csv "$TMP/dup.csv"
expect_out "600 distinct keys" "600" sql "SELECT count(DISTINCT import_key) FROM expense"
# --- many batches ----------------------------------------------------------------------
# Rows are read on one thread and stored on another, 16384 at a time. A trip first named
# in a late batch is made then; a bad row after several batches were stored leaves nothing;
# a trip the database has keeps its currency and dates.
export CONFSPEND_DB="$TMP/batches.db"
cs trip add known --name Known --start 2024-01-01 --end 2024-01-02 --currency EUR >/dev/null || bad "making trip known"
/usr/bin/python3 - "$TMP/batches.csv" "$TMP/batches-bad.csv" <<'PYEOF'
import sys
rows = []
for i in range(50000):
    day = "2024-%02d-%02d" % (1 + i // 4200, 1 + i % 28)
    trip = "late" if i >= 40000 else ("known" if i % 1000 == 0 else "")
    rows.append("%s,meal,%d.%02d,,row %d,%s" % (day, 1 + i % 50, i % 100, i, trip))
open(sys.argv[1], "w").write("date,category,amount,currency,note,trip\n" + "\n".join(rows) + "\n")
rows[45000] = rows[45000].replace(",meal,", ",snack,")
open(sys.argv[2], "w").write("date,category,amount,currency,note,trip\n" + "\n".join(rows) + "\n")
PYEOF
expect_fail "a bad row after three stored batches" 2 "line 45002, column category: unknown category" \
  cs import csv "$TMP/batches-bad.csv"
check "nothing was stored" "$(sql "SELECT count(*) FROM expense")" = 0
check "no trip was made" "$(sql "SELECT group_concat(slug) FROM trip")" = known
expect_out "50000 rows over four batches" "imported 50000, skipped 0 (already present)" \
  cs import csv "$TMP/batches.csv"
expect_out "the late trip, dated by its rows" "late|2024-10-01|2024-12-28|USD|10000" \
  sql "SELECT t.slug, t.start_date, t.end_date, t.currency, count(*) FROM trip t JOIN expense e ON e.trip_id = t.id WHERE t.slug = 'late'"
expect_out "the known trip keeps its dates; its rows are in its currency" "known|2024-01-01|2024-01-02|EUR|40|EUR" \
  sql "SELECT t.slug, t.start_date, t.end_date, t.currency, count(*), min(e.currency) FROM trip t JOIN expense e ON e.trip_id = t.id WHERE t.slug = 'known'"
expect_out "every row in file order, ids without a gap" "50000|1|50000|row 0|row 49999" \
  sql "SELECT count(*), min(id), max(id), (SELECT note FROM expense ORDER BY id LIMIT 1), (SELECT note FROM expense ORDER BY id DESC LIMIT 1) FROM expense"
expect_out "the exact total" "$(/usr/bin/python3 -c 'print(sum((1 + i % 50) * 100 + i % 100 for i in range(50000)))')" \
  sql "SELECT sum(amount) FROM expense"
expect_out "and again: nothing" "imported 0, skipped 50000 (already present)" cs import csv "$TMP/batches.csv"
expect_out "a dry run over many batches writes nothing" \
  "dry run: would import 0, skip 50000 (already present); nothing written" cs import csv "$TMP/batches.csv" --dry-run


# --- uids --------------------------------------------------------------------------------
# A row with a uid is known by it: skipped when an expense has it, else stored with it. A
# row without one (an empty cell, or no uid column) keeps the revision-1 key. A uid that is
# not 32 lowercase hex digits, or one given twice in a file, refuses the whole file.
export CONFSPEND_DB="$TMP/uid.db"
U1=0123456789abcdef0123456789abcdef
U2=fedcba9876543210fedcba9876543210
U3=00000000000000000000000000000003
crlf "date,category,amount,merchant,uid" "2026-03-01,meal,1.00,One,$U1" "2026-03-02,meal,2.00,Two,$U2" \
  "2026-03-03,meal,3.00,Three," "2026-03-03,meal,3.00,Three," >"$TMP/u1.csv"
expect_out "a file with uids, and rows without" "imported 4, skipped 0 (already present)" cs import csv "$TMP/u1.csv"
expect_out "the uids are stored as given; the others get new ones and the revision-1 key" \
  "One|$U1|0
Two|$U2|0
Three|new|1
Three|new|1" sql "SELECT merchant, CASE WHEN uid IN ('$U1', '$U2') THEN uid ELSE 'new' END, import_key IS NOT NULL FROM expense ORDER BY id"
check "the new uids are distinct and well formed" \
  "$(sql "SELECT count(DISTINCT uid) FROM expense WHERE length(uid) = 32 AND NOT uid GLOB '*[^0-9a-f]*'")" = 4
expect_out "show prints a given uid" "uid           $U1" sh -c '"$CONFSPEND" show 1 | tail -1'
expect_out "again: nothing" "imported 0, skipped 4 (already present)" cs import csv "$TMP/u1.csv"
# the uid decides, not the other fields: a present uid with other fields is skipped, a new
# uid with the fields of a present row is added
crlf "uid,date,category,amount,merchant" "$U1,2026-04-01,ride,9.00,Changed" "$U3,2026-03-01,meal,1.00,One" >"$TMP/u2.csv"
expect_out "a present uid is skipped whatever its fields; a new one is added" \
  "imported 1, skipped 1 (already present)" cs import csv "$TMP/u2.csv"
expect_out "the present one is not changed" "One|100|2026-03-01" sql "SELECT merchant, amount, date FROM expense WHERE uid = '$U1'"
expect_out "the new one is there" "One|2026-03-01" sql "SELECT merchant, date FROM expense WHERE uid = '$U3'"
expect_out "--dry-run counts a present uid as present" \
  "dry run: would import 0, skip 2 (already present); nothing written" cs import csv "$TMP/u2.csv" --dry-run
n=$(count)

ubad() { # description, file content, message
  printf '%s' "$2" >"$TMP/ubad.csv"
  expect_fail "$1" 2 "$3" cs import csv "$TMP/ubad.csv"
}
ubad "an upper-case uid" $'date,category,amount,uid\n2026-05-01,meal,1,'"${U1^^}"$'\n' \
  "confspend: line 2, column uid: must be 32 lowercase hex digits (${U1^^})"
ubad "a short uid" $'date,category,amount,uid\n2026-05-01,meal,1,'"$U2"$'\n2026-05-01,meal,1,abc\n' \
  "confspend: line 3, column uid: must be 32 lowercase hex digits (abc)"
ubad "a uid too long" $'date,category,amount,uid\n2026-05-01,meal,1,'"${U3}0"$'\n' \
  "confspend: line 2, column uid: must be 32 lowercase hex digits (${U3}0)"
ubad "a uid with a blank" $'date,category,amount,uid\n2026-05-01,meal,1," '"$U3"$'"\n' \
  "confspend: line 2, column uid: must be 32 lowercase hex digits ( $U3)"
ubad "a uid not hex" $'date,category,amount,uid\n2026-05-01,meal,1,0123456789abcdef0123456789abcdeg\n' \
  "confspend: line 2, column uid: must be 32 lowercase hex digits (0123456789abcdef0123456789abcdeg)"
ubad "one uid twice in a file" \
  $'date,category,amount,uid\n2026-05-01,meal,1,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n2026-05-02,meal,2,\n2026-05-03,meal,3,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n' \
  "confspend: line 4, column uid: also the uid of line 2 (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)"
ubad "one uid twice, the database having it" $'date,category,amount,uid\n2026-05-01,meal,1,'"$U1"$'\n2026-05-02,meal,1,'"$U1"$'\n' \
  "confspend: line 3, column uid: also the uid of line 2 ($U1)"
ubad "lines count the lines of quoted fields" \
  $'date,category,amount,note,uid\n2026-05-01,meal,1,"a\nb",bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n2026-05-01,meal,1,x,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n' \
  "confspend: line 4, column uid: also the uid of line 2 (bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb)"
check "none of them wrote a row" "$(count)" = "$n"
expect_fail "--dry-run refuses one uid twice too" 2 "line 4, column uid: also the uid of line 2" \
  cs import csv "$TMP/ubad.csv" --dry-run
expect_out "--dry-run with no database yet refuses it too, and makes none" "2 absent" \
  sh -c 'CONFSPEND_DB="$1" "$CONFSPEND" import csv "$2" --dry-run 2>/dev/null; echo $? $([ -e "$1" ] && echo present || echo absent)' _ "$TMP/unone.db" "$TMP/ubad.csv"
expect_out "a bad uid with no database yet makes none" "2 absent" \
  sh -c 'CONFSPEND_DB="$1" "$CONFSPEND" import csv "$2" 2>/dev/null; echo $? $([ -e "$1" ] && echo present || echo absent)' _ "$TMP/unone.db" "$TMP/ubad.csv"
# one uid twice, the second many batches after the first: every stored batch goes back
/usr/bin/python3 - "$TMP/ufar.csv" <<'PYEOF'
import sys
rows = ["2025-01-%02d,meal,1.00,row %d,%032x" % (1 + i % 28, i, i * 7919 + 1) for i in range(40000)]
rows.append("2025-02-01,meal,1.00,again,%032x" % (5 * 7919 + 1))
open(sys.argv[1], "w").write("date,category,amount,note,uid\n" + "\n".join(rows) + "\n")
PYEOF
expect_fail "one uid twice, 40000 rows apart" 2 \
  "confspend: line 40002, column uid: also the uid of line 7 ($(printf '%032x' $((5 * 7919 + 1))))" \
  cs import csv "$TMP/ufar.csv"
check "nothing of it was stored" "$(count)" = "$n"
sed -i '$d' "$TMP/ufar.csv"
expect_out "without the last row: 40000 new" "imported 40000, skipped 0 (already present)" cs import csv "$TMP/ufar.csv"
expect_out "stored with their uids, no key" "40000|0" \
  sql "SELECT count(*), count(import_key) FROM expense WHERE uid = printf('%032x', CAST(substr(note, 5) AS INTEGER) * 7919 + 1)"
expect_out "again: nothing" "imported 0, skipped 40000 (already present)" cs import csv "$TMP/ufar.csv"
# undo takes an import with uids back; the file then imports again, and redo is refused
expect_ok "undo the import" cs undo
expect_out "the uids are free again" "imported 40000, skipped 0 (already present)" cs import csv "$TMP/ufar.csv"
expect_fail "redo: the undone import's uids are taken again" 2 "redo: nothing to redo" cs redo
expect_out "the export of an import of uids into a new database is the same" \
  "$(cs export csv - | drop_id)" \
  sh -c '"$CONFSPEND" export csv - >"$1/ue.csv" && "$CONFSPEND" --db "$1/ue.db" import csv "$1/ue.csv" >/dev/null && "$CONFSPEND" --db "$1/ue.db" export csv - | python3 -c "import csv, sys; [print(r[1:]) for r in csv.reader(sys.stdin)]"' _ "$TMP"

finish
