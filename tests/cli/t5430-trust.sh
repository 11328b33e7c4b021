# SPDX-License-Identifier: GPL-3.0-or-later
# Trust (issue 9): what the user gives is taken as given or refused clearly, stored rows
# that break the contract are named instead of skipped, and no date or sum can make a
# command hang, crash or print a wrong total.
. "$(dirname "$0")/lib.sh"

# --- An empty --db is refused, not taken for the default database --------------------------
# (an empty $CONFSPEND_DB is treated as unset, as before)
export XDG_DATA_HOME="$TMP/xdg"
for form in '--db ""' '--db=' 'list --db ""' 'list --db='; do
  eval "set -- $form"
  if [ "$1" = list ]; then shift; set -- list "$@"; else set -- "$@" list; fi
  expect_fail_silent "empty --db ($form)" 2 "confspend: --db: " cs "$@"
  check "empty --db ($form): the message is the one line" "$(grep -c '^confspend: --db: ' "$TMP/err")" = 1
done
check "empty --db made no default database" "$(ls -A "$TMP/xdg" 2>/dev/null | wc -l)" = 0
check "empty --db did not open \$CONFSPEND_DB either" "$(db_state)" = absent
expect_ok "empty CONFSPEND_DB is unset: the default database" env CONFSPEND_DB= "$CONFSPEND" list
check "... which is the XDG one" -f "$TMP/xdg/confspend/confspend.db"
unset XDG_DATA_HOME

# --- First use of a new database by several processes at once -------------------------------
# Switching a new database to WAL needs an exclusive lock for a moment, and SQLite does not
# call the busy handler for it: with another program holding a write lock on the new file
# it failed at once, saying it had waited 10 s. It waits now, like any other write.
sqlite3 "$TMP/locked.db" "VACUUM" # a new database file with no tables, in rollback mode
chmod 600 "$TMP/locked.db"
(printf 'BEGIN IMMEDIATE;\n.shell sleep 1\nCOMMIT;\n' | sqlite3 "$TMP/locked.db" >/dev/null) &
holder=$!
sleep 0.3
t0=$(date +%s%N)
expect_ok "first use waits for another program's write lock" cs --db "$TMP/locked.db" list
waited=$((($(date +%s%N) - t0) / 1000000))
wait "$holder"
check "it waited for the lock (${waited} ms)" "$waited" -ge 400
check "and created the schema" "$(sqlite3 "$TMP/locked.db" "SELECT count(*) FROM sqlite_master WHERE name = 'expense'")" = 1
# Many first commands at once on new databases: none may fail (about 1 in 200 did).
mkdir "$TMP/race"
fails=0
for round in $(seq 20); do
  db="$TMP/race/r$round.db"
  pids=()
  for i in $(seq 40); do
    if [ $((i % 4)) = 0 ]; then
      "$CONFSPEND" --db "$db" add meal "$i" >/dev/null 2>>"$TMP/race/err" &
    else
      "$CONFSPEND" --db "$db" list >/dev/null 2>>"$TMP/race/err" &
    fi
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
done
check "concurrent first commands: none failed ($(sort "$TMP/race/err" | uniq -c | head -3))" "$fails" = 0
check "concurrent first commands: every add landed" "$(for r in $(seq 20); do sqlite3 "$TMP/race/r$r.db" "SELECT count(*) FROM expense"; done | sort -u)" = 10
rm -rf "$TMP/race"

# --- "Today" at the calendar's end: posting stops at 9999-12 --------------------------------
# An open-ended schedule with CONFSPEND_TODAY=9999-12-31 ran past the year 9999 (written as
# "0000-01") until the occurrence key repeated: every command spun for seconds and failed.
far() { CONFSPEND_DB="$TMP/far.db" "$CONFSPEND" "$@"; }
far add donation 20 --recipient PSF --monthly --date 2026-11-05 >/dev/null
far add donation 5 --recipient OSM --monthly --date 9990-01-31 --until 9999-12 >/dev/null
far add meal 7 --date 2026-11-06 >/dev/null
months=$(((9999 - 2026) * 12 + 2)) # 2026-11 .. 9999-12
# (no time limit here: speed is the benchmark's; the timeout only stops a runaway)
CONFSPEND_TODAY=9999-12-31 expect_out "today 9999-12-31: the first command posts and lists" \
  "$(printf '%s\n' '9999-12-05,donation,20.00' '9999-12-31,donation,5.00')" \
  sh -c 'timeout 300 "$CONFSPEND" --db "$1" list --month 9999-12 --format csv | tail -n +2 | cut -d, -f2-4 | tr -d "\r"' sh "$TMP/far.db"
check "every month posted once per schedule" "$(sqlite3 "$TMP/far.db" "SELECT schedule_id, count(*), count(DISTINCT occurrence), min(date), max(date) FROM expense WHERE schedule_id IS NOT NULL GROUP BY 1" | tr '\n' ' ')" = "1|$months|$months|2026-11-05|9999-12-05 2|120|120|9990-01-31|9999-12-31 "
check "the last February's day" "$(sqlite3 "$TMP/far.db" "SELECT date FROM expense WHERE schedule_id = 2 AND occurrence = '9999-02'")" = 9999-02-28
check "no date past the calendar" "$(sqlite3 "$TMP/far.db" "SELECT count(*) FROM expense WHERE date < '2026' OR date(date, '+0 days') IS NOT date")" = 0
for cmd in "report budget" "report budget --month 9999-12 --format csv" "show 3" "list --since 9999-12-01" "report rides" "history 3"; do
  # shellcheck disable=SC2086
  CONFSPEND_TODAY=9999-12-31 expect_ok "today 9999-12-31: $cmd" timeout 60 "$CONFSPEND" --db "$TMP/far.db" $cmd
done
CONFSPEND_TODAY=9999-12-31 expect_csv "today 9999-12-31: the month's budget report" \
  "category,budget,actual,remaining,used_pct,direct_actual
donation,,25.00,,,25.00
total,,25.00,,,25.00" far report budget --format csv
check "nothing more was posted" "$(sqlite3 "$TMP/far.db" "SELECT count(*) FROM expense")" = $((months + 121))
CONFSPEND_TODAY=9999-12-31 expect_out "a new schedule in 9999-12 posts its one month" \
  "$(printf '%s\n' '9999-12-31  donation  1.00 USD  EFF' 'monthly donation 1.00 USD from 9999-12 (schedule 3)' | sed "1s/^/$((months + 122))  /")" \
  far add donation 1 --recipient EFF --monthly --date 9999-12-31

# --- Sums whose partial sums leave int64 while the total fits -------------------------------
# SQLite's sum() (and a running int64 total) failed with "integer overflow" on
# -9e18 -9e18 +9e18 +9e18 +9e18; the total, 9e18, fits and is printed exactly. A total that really
# does not fit is an error naming the field. Rows written by hand (by another program).
big() { CONFSPEND_DB="$TMP/big.db" "$CONFSPEND" "$@"; }
big trip add huge --name Huge --start 2026-11-01 --end 2026-11-05 >/dev/null
E18=9000000000000000000
sqlite3 "$TMP/big.db" "INSERT INTO expense(date, category, amount, currency, trip_id, reimbursable, created_at) VALUES
  ('2026-11-01', 'meal', $E18, 'USD', 1, 1, 0), ('2026-11-01', 'meal', $E18, 'USD', 1, 0, 0),
  ('2026-11-01', 'meal', -$E18, 'USD', 1, 1, 0), ('2026-11-01', 'meal', -$E18, 'USD', 1, 0, 0),
  ('2026-11-01', 'meal', $E18, 'USD', 1, 0, 0), ('2026-11-02', 'lodging', $E18, 'USD', 1, 0, 0),
  ('2026-11-03', 'donation', -$E18, 'USD', 1, 0, 0)"
N18=90000000000000000.00
expect_csv "partial sums past int64: report budget" "category,budget,actual,remaining,used_pct,direct_actual
meal,,$N18,,,$N18
lodging,,$N18,,,$N18
donation,,-$N18,,,-$N18
total,,$N18,,,$N18" big report budget --format csv
expect_csv "partial sums past int64: report budget over months" "month,category,budget,actual,remaining,used_pct,direct_actual
2026-11,meal,,$N18,,,$N18
2026-11,lodging,,$N18,,,$N18
2026-11,donation,,-$N18,,,-$N18
2026-11,total,,$N18,,,$N18" big report budget --since 2026-11 --until 2026-11 --format csv
expect_out "partial sums past int64: report trip" "category,meal,5,$N18,0.00,$N18
category,lodging,1,$N18,0.00,$N18
category,donation,1,-$N18,0.00,-$N18
total,all,7,$N18,0.00,$N18
day,2026-11-01,5,$N18,0.00,$N18
day,2026-11-02,1,$N18,0.00,$N18
day,2026-11-03,1,-$N18,0.00,-$N18" sh -c '"$CONFSPEND" --db "$1" report trip huge --format csv | tr -d "\r" | grep -E "^(category|total|day),"' sh "$TMP/big.db"
expect_out "partial sums past int64: list's total" "7 expenses  $N18" sh -c '"$CONFSPEND" --db "$1" list | tail -1 | sed "s/  */ /g; s/^ *total //; s/ USD.*//; s/expenses /expenses  /"' sh "$TMP/big.db"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  expect_ok "partial sums past int64: export xlsx" big export xlsx "$TMP/big.xlsx"
  # the grand total is column C of the row labelled Total (below the header block)
  expect_out "... its Summary's grand total" "f =SUM(Expenses!\$J\$2:\$J\$8) -> 90000000000000000" \
    sh -c '/usr/bin/python3 "$1" dump "$2" Summary >"$2.dump" && r=$(sed -n "s/^A\([0-9]*\) s Total\$/\1/p" "$2.dump") && grep "^C$r " "$2.dump" | sed "s/^C$r //; s/ \[.*//"' sh "$(dirname "$0")/xlsx_check.py" "$TMP/big.xlsx"
fi
# one more 9e18 meal: the meal total is 1.8e19, which no int64 holds
sqlite3 "$TMP/big.db" "INSERT INTO expense(date, category, amount, currency, trip_id, created_at) VALUES ('2026-11-04', 'meal', $E18, 'USD', 1, 0)"
expect_fail "a meal total past int64: report budget" 1 "confspend: actual: the meal total of 2026-11 does not fit" big report budget --format csv
expect_fail "a meal total past int64: report trip" 1 "confspend: total: category meal of trip huge does not fit" big report trip huge --format csv
expect_fail "a total past int64: export xlsx" 1 "confspend: export: " big export xlsx "$TMP/big2.xlsx"
expect_out "a total past int64: list says so" "too large" sh -c '"$CONFSPEND" --db "$1" list | tail -1 | grep -o "too large"' sh "$TMP/big.db"

# --- Providers are case-insensitive: Lyft is stored lyft ------------------------------------
prov() { CONFSPEND_DB="$TMP/prov.db" "$CONFSPEND" "$@"; }
expect_out "add --provider Lyft" "1  2026-11-10  ride  12.00 USD  A -> B" prov add ride 12 --provider Lyft --from A --to B
expect_out "add --provider=UBER" "2  2026-11-10  ride  14.00 USD  B -> A" prov add ride 14 --provider=UBER --from B --to A
expect_ok "edit --provider tAxI" prov edit 2 --provider tAxI
expect_ok "edit --provider Uber" prov edit 2 --provider Uber
printf 'date,category,amount,provider,from,to\n2026-11-09,ride,10,LYFT,A,B\n2026-11-09,ride,11,Direct,A,B\n' >"$TMP/prov.csv"
expect_ok "import csv: providers in any case" prov import csv "$TMP/prov.csv"
expect_out "stored lowercase" "lyft uber lyft direct" sh -c 'sqlite3 "$1" "SELECT provider FROM expense ORDER BY id" | tr "\n" " " | sed "s/ $//"' sh "$TMP/prov.db"
expect_out "list shows them lowercase" "id,provider
3,lyft
4,direct
1,lyft
2,uber" sh -c '"$CONFSPEND" --db "$1" list --format csv | cut -d, -f1,10' sh "$TMP/prov.db"
expect_out "the ride model counts Lyft as a platform ride" "3" sh -c '"$CONFSPEND" --db "$1" report rides --month 2026-11 --format csv | tr -d "\r" | sed -n "s/^TOTAL,\([0-9]*\),.*/\1/p"' sh "$TMP/prov.db"
expect_fail_silent "a provider with blanks is still unknown" 2 "--provider: unknown provider (lyft, uber, taxi, direct, transit, other) (lyft )" prov add ride 5 --provider "lyft "
expect_fail_silent "an unknown provider in any case" 2 "--provider: unknown provider" prov add ride 5 --provider BIKE

# --- edit --no-X clears what add --X set; --no-refund turns a refund back ----------------------
neg() { CONFSPEND_DB="$TMP/neg.db" "$CONFSPEND" "$@"; }
showcsv() { neg show "$1" --format csv | tail -n 1 | tr -d '\r' | sed 's/,[0-9a-f]\{32\}$//'; }
make_pdf "$TMP/r.pdf"
neg add ride 20 --provider uber --from A --to B --driver Dan --tip 2 --platform-fee 5 --shared \
  --merchant M --note N --payment card --receipt "$TMP/r.pdf" --refund --date 2026-11-02 >/dev/null
neg add lodging 300 --nights 3 --compare-rate 150 --date 2026-11-02 >/dev/null
neg add donation 20 --recipient PSF --date 2026-11-02 >/dev/null
# id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip,
# payment,receipt,platform_fee,shared,nights,compare_rate,recipient
check "the ride as added" "$(showcsv 1)" = "1,2026-11-02,ride,-20.00,USD,M,N,,no,uber,A,B,Dan,2.00,card,r.pdf,5.00,yes,,,"
expect_ok "edit --no-refund" neg edit 1 --no-refund
check "... is an expense again" "$(showcsv 1)" = "1,2026-11-02,ride,20.00,USD,M,N,,no,uber,A,B,Dan,2.00,card,r.pdf,5.00,yes,,,"
expect_ok "edit --no-refund on an expense changes nothing" neg edit 1 --no-refund
check "... still 20.00" "$(showcsv 1)" = "1,2026-11-02,ride,20.00,USD,M,N,,no,uber,A,B,Dan,2.00,card,r.pdf,5.00,yes,,,"
expect_ok "edit --refund --amount 7" neg edit 1 --refund --amount 7
expect_ok "edit --no-refund --amount 8" neg edit 1 --no-refund --amount 8
check "... 8.00 coming in, not back" "$(showcsv 1)" = "1,2026-11-02,ride,8.00,USD,M,N,,no,uber,A,B,Dan,2.00,card,r.pdf,5.00,yes,,,"
expect_ok "edit --no-tip --no-platform-fee --no-shared" neg edit 1 --no-tip --no-platform-fee --no-shared
check "... cleared (a ride is not shared)" "$(showcsv 1)" = "1,2026-11-02,ride,8.00,USD,M,N,,no,uber,A,B,Dan,,card,r.pdf,,no,,,"
expect_ok "edit --no-from --no-to --no-driver" neg edit 1 --no-from --no-to --no-driver
check "... cleared" "$(showcsv 1)" = "1,2026-11-02,ride,8.00,USD,M,N,,no,uber,,,,,card,r.pdf,,no,,,"
expect_ok "edit --no-merchant --no-note --no-payment --no-receipt" neg edit 1 --no-merchant --no-note --no-payment --no-receipt
check "... cleared" "$(showcsv 1)" = "1,2026-11-02,ride,8.00,USD,,,,no,uber,,,,,,,,no,,,"
expect_ok "edit --no-nights --no-compare-rate" neg edit 2 --no-nights --no-compare-rate
check "... cleared" "$(showcsv 2)" = "2,2026-11-02,lodging,300.00,USD,,,,no,,,,,,,,,,,,"
expect_ok "edit --no-recipient" neg edit 3 --no-recipient
check "... cleared" "$(showcsv 3)" = "3,2026-11-02,donation,20.00,USD,,,,no,,,,,,,,,,,,"
expect_csv "list agrees" "id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip
1,2026-11-02,ride,8.00,USD,,,,no,uber,,,,
2,2026-11-02,lodging,300.00,USD,,,,no,,,,,
3,2026-11-02,donation,20.00,USD,,,,no,,,,," neg list --format csv
expect_fail_silent "--no-tip with --tip" 2 "confspend: --no-tip: cannot go with --tip" neg edit 1 --tip 1 --no-tip
expect_fail_silent "--no-refund with --refund" 2 "confspend: --no-refund: cannot go with --refund" neg edit 1 --refund --no-refund
expect_fail_silent "--no-merchant with --merchant" 2 "confspend: --no-merchant: cannot go with --merchant" neg edit 1 --merchant X --no-merchant
expect_fail_silent "add has nothing to clear" 2 "confspend: option: unknown option (--no-tip)" neg add ride 5 --no-tip

# --- report trip: lodging saved counts only the stays that have a compare rate -------------
# A hotel without --compare-rate was taken as saving minus its price ("saved -990.79").
lod() { CONFSPEND_DB="$TMP/lod.db" "$CONFSPEND" "$@"; }
lodrows() { lod report trip "$1" --format csv | tr -d '\r' | grep '^lodging,'; }
lod trip add stay --name Stay --start 2026-11-01 --end 2026-11-09 >/dev/null
lod trip add hotel --name Hotel --start 2026-11-01 --end 2026-11-09 >/dev/null
lod trip add none --name None --start 2026-11-01 --end 2026-11-09 >/dev/null
lod add lodging 0 --nights 3 --compare-rate 150 --trip stay --date 2026-11-01 >/dev/null      # friends
lod add lodging 990.79 --nights 4 --trip stay --date 2026-11-04 >/dev/null                   # a hotel
lod add lodging 80 --nights 2 --compare-rate 95.50 --trip stay --date 2026-11-08 >/dev/null  # hostel
lod add lodging 30 --compare-rate 70 --trip stay --date 2026-11-09 >/dev/null                # no nights
# compared: the friends (3 x 150 = 450, paid 0) and the hostel (2 x 95.50 = 191, paid 80):
# paid 80.00 for 5 nights, 641.00 at the compare rate, saved 561.00; not compared: the
# hotel and the stay without nights, 2 stays, 990.79 + 30 = 1020.79
expect_out "lodging saved: only stays with a compare rate" "lodging,paid,5,80.00,,
lodging,at compare rate,5,641.00,,
lodging,saved vs compare rate,5,561.00,,
lodging,not compared (no compare rate or nights),2,1020.79,," lodrows stay
check "the lodging category still has all four" "$(lod report trip stay --format csv | tr -d '\r' | grep '^category,lodging')" = "category,lodging,4,1100.79,0.00,1100.79"
lod add lodging 990.79 --nights 4 --trip hotel --date 2026-11-04 >/dev/null
expect_out "only a hotel without a compare rate: nothing saved is claimed" \
  "lodging,not compared (no compare rate or nights),1,990.79,," lodrows hotel
lod add meal 5 --trip none --date 2026-11-02 >/dev/null
check "no lodging: no lodging rows" "$(lod report trip none --format csv | tr -d '\r' | grep -c '^lodging,')" = 0
out=$(lod report trip hotel)
case $out in *"saved"*) bad "table view claims a saving: $out" ;; *"not compared"*) ok ;; *) bad "table view lacks the lodging line: $out" ;; esac

# --- Rows that break the contract, written by another program, are named, never skipped ----
# Reports skipped an unknown category, list showed a text amount as 0.00, export xlsx read
# an impossible date's serial number uninitialised. Every command that reads such a row
# fails, exit 1, naming the table, the id and the field.
CONFSPEND_DB="$TMP/base.db" cs trip add conf --name Conf --start 2026-11-01 --end 2026-11-09 >/dev/null
CONFSPEND_DB="$TMP/base.db" cs add meal 3 --date 2026-11-02 --trip conf >/dev/null
CONFSPEND_DB="$TMP/base.db" cs add ride 20 --provider lyft --from A --to B --date 2026-11-03 --trip conf >/dev/null
COLS="date, category, amount, currency, provider, origin, dest, trip_id, created_at"
# written NAME SQL: a copy of the base database in which another program ran SQL
written() { cp "$TMP/base.db" "$TMP/$1.db"; sqlite3 "$TMP/$1.db" "$2" || bad "sqlite3 could not write the $1 row"; }
# reads NAME FRAGMENT COMMAND...: each command (shell words) fails on the NAME database
# (history reads the change log, not the rows: a row another program wrote is in no change)
reads() {
  local name=$1 frag=$2 cmd; shift 2
  for cmd in "$@"; do
    # shellcheck disable=SC2086
    CONFSPEND_DB="$TMP/$name.db" expect_fail "$name: $cmd" 1 "confspend: $frag" cs $cmd
  done
}
written category "PRAGMA ignore_check_constraints = 1; INSERT INTO expense($COLS) VALUES ('2026-11-04', 'lunch', 700, 'USD', NULL, NULL, NULL, 1, 0)"
reads category "expense 3: category: not a known category (lunch)" list "list --format csv" "show 3" \
  "report budget --month 2026-11" "report budget --trip conf" "report trip conf" "export csv -" \
  "export xlsx $TMP/category.xlsx"
# an impossible date (the schema's triggers refuse one; this program dropped them)
written date "DROP TRIGGER expense_date_insert; INSERT INTO expense($COLS) VALUES ('2019-02-30', 'ride', 900, 'USD', 'lyft', 'A', 'B', 1, 0)"
reads date "expense 3: date: not a real calendar date (2019-02-30)" list "list --month 2019-02" \
  "list --since 2019-02-28 --until 2019-02-28" "show 3" "report budget --month 2019-02" \
  "report budget --since 2019-01 --until 2019-03" "report rides --month 2019-02" "report trip conf" \
  "export csv -" "export csv - --month 2019-02" "export xlsx $TMP/date.xlsx" \
  "export xlsx $TMP/date2.xlsx --month 2019-02"
written day31 "DROP TRIGGER expense_date_insert; INSERT INTO expense($COLS) VALUES ('2026-11-31', 'meal', 900, 'USD', NULL, NULL, NULL, NULL, 0)"
reads day31 "expense 3: date: not a real calendar date (2026-11-31)" "list --month 2026-11" \
  "report budget --month 2026-11" "export xlsx $TMP/day31.xlsx --month 2026-11"
check "no workbook was left" "$(ls "$TMP" | grep -cE '^(category|date|date2|day31)\.xlsx')" = 0
# amounts as text and as a real: a STRICT table refuses both, so the other program first
# rewrote the table's schema without STRICT
nonstrict="PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'expense'; PRAGMA writable_schema = OFF;"
written text "$nonstrict"
sqlite3 "$TMP/text.db" "INSERT INTO expense($COLS) VALUES ('2026-11-05', 'ride', 'twelve', 'USD', 'lyft', 'A', 'B', 1, 0)"
reads text "expense 3: amount: not stored as whole minor units (twelve)" list "show 3" \
  "report budget --month 2026-11" "report rides --month 2026-11" "report trip conf" "export csv -" \
  "export xlsx $TMP/text.xlsx"
written real "$nonstrict"
sqlite3 "$TMP/real.db" "INSERT INTO expense($COLS) VALUES ('2026-11-05', 'meal', '12.50', 'USD', NULL, NULL, NULL, NULL, 0)"
reads real "expense 3: amount: not stored as whole minor units (12.5)" "list --format json" "show 3" \
  "report budget" "export csv -"
written currency "INSERT INTO expense($COLS) VALUES ('2026-11-05', 'meal', 100, 'usd', NULL, NULL, NULL, NULL, 0)"
reads currency "expense 3: currency: not a currency code confspend knows (usd)" list "show 3" \
  "report budget" "export xlsx $TMP/currency.xlsx"
written provider "PRAGMA ignore_check_constraints = 1; INSERT INTO expense($COLS) VALUES ('2026-11-05', 'ride', 100, 'USD', 'Lyft', 'A', 'B', NULL, 0)"
reads provider "expense 3: provider: not a known provider (Lyft)" list "show 3" "export csv -" \
  "export xlsx $TMP/provider.xlsx" "edit 3 --note x" "rm 3"
# the ride reports pick rides by provider: one of a provider they do not know was left out
# of them silently (report rides paid less, budget's direct_actual was off)
written bolt "PRAGMA ignore_check_constraints = 1; UPDATE expense SET provider = 'bolt' WHERE id = 2"
reads bolt "expense 2: provider: not a known provider (bolt)" "report rides" "report rides --trip conf" \
  "report quote" "report direct" "report budget" "report budget --month 2026-11" "report trip conf" \
  "report drivers" "report plan --like conf --days 3"
written tip "PRAGMA ignore_check_constraints = 1; UPDATE expense SET tip = -5 WHERE id = 2"
reads tip "expense 2: tip: not stored as whole minor units of at least 0 (-5)" list \
  "report rides --month 2026-11"
# a schedule: every command posts what is due, so every command reads it
written schedule "PRAGMA ignore_check_constraints = 1; INSERT INTO schedule(category, amount, currency, start_date, created_at) VALUES ('lunch', 500, 'USD', '2026-11-01', 0)"
reads schedule "schedule 1: category: not a known category (lunch)" list "report budget" "add meal 1"
check "the good rows still read" "$(CONFSPEND_DB="$TMP/base.db" cs list --format csv | wc -l)" = 3

# --- Nothing is said of a change that was not made ------------------------------------------
# a write command's output is held until its change is committed: a failure prints none of
# it, and a reader gone before the output (SIGPIPE) stops the program after the commit
export CONFSPEND_DB="$TMP/held.db"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/held" 1 2000
printf 'not a receipt\n' >"$TMP/held/fake.jpg"
cs add meal 40 --merchant Diner --reimbursable >/dev/null
expect_fail_silent "receipt add of a good file and a bad one" 2 "confspend: receipt: " \
  cs receipt add 1 "$TMP/held/r0000.jpg" "$TMP/held/fake.jpg"
check "... prints no line for the good one (it was rolled back)" "$(wc -c <"$TMP/out")" = 0
check "... and stores nothing" "$(sql 'SELECT count(*) FROM receipt')" = 0
cs policy set receipt-over 10 >/dev/null
# standard output a pipe whose reader is gone before the program starts
closed_pipe() {
  /usr/bin/python3 -c 'import os, subprocess, sys
r, w = os.pipe(); os.close(r)
sys.exit(-subprocess.run(sys.argv[1:], stdout=w).returncode)' "$@"
}
closed_pipe "$CONFSPEND" claim new 2>"$TMP/notes"
check "claim new into a closed pipe: killed by SIGPIPE" $? = 13
check "... after its claim was committed" "$(sql 'SELECT count(*) FROM claim')" = 1
check "... and after its notes (the policy finding) were written" \
  "$(cat "$TMP/notes")" = "expense 1: no receipt (40.00 > 10.00)"
expect_out "... which undo takes back as any other" "1" sh -c '"$CONFSPEND" undo >/dev/null && sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM change WHERE state = '"'undone'"'"'
# the notes (a policy finding) come after the output
expect_out "claim new: its line, then its finding" "claim 2: 1 expense, 40.00 USD
expense 1: no receipt (40.00 > 10.00)" sh -c '"$CONFSPEND" claim new 2>&1'
finish
