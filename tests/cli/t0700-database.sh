#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The database file: where it is, how it is made (0600, WAL, strict tables, the latest
# schema), newer databases refused untouched; --version, --help and every command's --help.
. "$(dirname "$0")/lib.sh"

mode() { stat -c %a "$1"; }
# the latest schema version, from a database this binary made
cs --db "$TMP/probe.db" list >/dev/null
LATEST=$(sqlite3 "$TMP/probe.db" "PRAGMA user_version")
check "the latest schema version is a number >= 3" "$LATEST" -ge 3

# a new database: mode 0600 whatever the umask, WAL, the latest schema
for u in 022 000 077; do
  rm -f "$TMP/m.db"*
  (umask $u; "$CONFSPEND" --db "$TMP/m.db" list >/dev/null)
  check "new database mode is 0600 under umask $u" "$(mode "$TMP/m.db")" = 600
done
expect_out "journal mode is wal" "wal" sqlite3 "$TMP/m.db" "PRAGMA journal_mode"
expect_out "user_version is the latest" "$LATEST" sqlite3 "$TMP/m.db" "PRAGMA user_version"
expect_out "tables are STRICT" "budget|1
change|1
config|1
expense|1
rate|1
schedule|1
trip|1" sqlite3 "$TMP/m.db" "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('budget','change','config','expense','rate','schedule','trip') ORDER BY name"
refused() { sqlite3 "$TMP/m.db" "$1" 2>&1 | grep -cE "constraint failed|cannot store|no such calendar date"; }
expect_out "the schema refuses a non-date" "1" \
  refused "INSERT INTO expense(date, category, amount, currency, created_at) VALUES ('2026-13-01', 'meal', 1, 'USD', 0)"
expect_out "the schema refuses a day past the month's end" "1" \
  refused "INSERT INTO expense(date, category, amount, currency, created_at) VALUES ('2019-02-31', 'meal', 1, 'USD', 0)"
expect_out "the schema refuses it on update too" "1" \
  refused "BEGIN; INSERT INTO expense(date, category, amount, currency, created_at) VALUES ('2019-02-28', 'meal', 1, 'USD', 0); UPDATE expense SET date = '2019-04-31'"
expect_out "the schema refuses an unknown category" "1" \
  refused "INSERT INTO expense(date, category, amount, currency, created_at) VALUES ('2026-11-01', 'food', 1, 'USD', 0)"
expect_out "the schema refuses text money" "1" \
  refused "INSERT INTO expense(date, category, amount, currency, created_at) VALUES ('2026-11-01', 'meal', '12.50', 'USD', 0)"
# schema 7 wrote the sets as OR chains and made two indexes partial: the same rules hold
ins="INSERT INTO expense(date, category, amount, currency, created_at"
expect_out "the schema refuses a date of another shape" "1" refused "$ins) VALUES ('2026-1-01', 'meal', 1, 'USD', 0)"
expect_out "the schema refuses an unknown provider" "1" refused "$ins, provider) VALUES ('2026-11-01', 'ride', 1, 'USD', 0, 'bike')"
expect_out "the schema takes each known provider" "" \
  sqlite3 "$TMP/m.db" "BEGIN; $ins, provider) VALUES ('2026-11-01', 'ride', 1, 'USD', 0, 'lyft'), ('2026-11-01', 'ride', 1, 'USD', 0, 'uber'), ('2026-11-01', 'ride', 1, 'USD', 0, 'taxi'), ('2026-11-01', 'ride', 1, 'USD', 0, 'direct'), ('2026-11-01', 'ride', 1, 'USD', 0, 'transit'), ('2026-11-01', 'ride', 1, 'USD', 0, 'other'); ROLLBACK"
expect_out "the schema takes each category" "" \
  sqlite3 "$TMP/m.db" "BEGIN; $ins) VALUES ('2026-11-01', 'ride', 1, 'USD', 0), ('2026-11-01', 'meal', 1, 'USD', 0), ('2026-11-01', 'lodging', 1, 'USD', 0), ('2026-11-01', 'donation', 1, 'USD', 0), ('2026-11-01', 'ticket', 1, 'USD', 0), ('2026-11-01', 'travel', 1, 'USD', 0), ('2026-11-01', 'other', 1, 'USD', 0); ROLLBACK"
expect_out "the schema refuses shared 2" "1" refused "$ins, shared) VALUES ('2026-11-01', 'ride', 1, 'USD', 0, 2)"
expect_out "the schema refuses a negative tip" "1" refused "$ins, tip) VALUES ('2026-11-01', 'ride', 1, 'USD', 0, -1)"
expect_out "the schema refuses a schedule's month twice" "1" \
  refused "BEGIN; INSERT INTO schedule(id, category, amount, currency, start_date) VALUES (99, 'donation', 1, 'USD', '2026-01-01'); $ins, schedule_id, occurrence) VALUES ('2026-11-01', 'donation', 1, 'USD', 0, 99, '2026-11'), ('2026-11-01', 'donation', 1, 'USD', 0, 99, '2026-11')"
expect_out "a period's platform rides come from their own covering index (report.c's query)" \
  "SEARCH expense USING COVERING INDEX expense_platform_ride (date>? AND date<?)" \
  sh -c 'sqlite3 "$1" "EXPLAIN QUERY PLAN SELECT date, amount, tip, platform_fee, currency, origin, dest FROM expense WHERE date BETWEEN ?2 AND ?3 AND category = '"'ride'"' AND provider IN ('"'lyft', 'uber'"') AND amount > 0 ORDER BY date" | grep -o "SEARCH.*"' _ "$TMP/m.db"
expect_out "the trip index is partial and still used" "SEARCH expense USING INDEX expense_trip (trip_id=?)" \
  sh -c 'sqlite3 "$1" "EXPLAIN QUERY PLAN SELECT * FROM expense WHERE trip_id = 1" | grep -o "SEARCH.*"' _ "$TMP/m.db"
expect_out "money is stored as INTEGER" "integer" sh -c '"$CONFSPEND" --db "$0" add meal 23.50 >/dev/null; sqlite3 "$0" "SELECT typeof(amount) FROM expense"' "$TMP/m.db"
expect_out "an existing file keeps its mode" "640" sh -c 'chmod 640 "$0"; "$CONFSPEND" --db "$0" list >/dev/null; stat -c %a "$0"' "$TMP/m.db"

# where the database is: --db, else $CONFSPEND_DB, else $XDG_DATA_HOME, else ~/.local/share
mkdir -p "$TMP/home" "$TMP/xdg"
run_env() { env -u CONFSPEND_DB HOME="$TMP/home" XDG_DATA_HOME="$TMP/xdg" "$@"; }
expect_out "--db wins" "1  2026-11-10  meal  1.00 USD" \
  run_env CONFSPEND_DB="$TMP/env.db" "$CONFSPEND" --db "$TMP/opt.db" add meal 1
check "--db made its file" -f "$TMP/opt.db"
check "not the env one" ! -e "$TMP/env.db"
check "not the XDG one" ! -e "$TMP/xdg/confspend"
expect_out "--db=FILE form" "2  2026-11-10  meal  2.00 USD" run_env "$CONFSPEND" --db="$TMP/opt.db" add meal 2
expect_out "--db after the command" "3  2026-11-10  meal  3.00 USD" run_env "$CONFSPEND" add meal 3 --db "$TMP/opt.db"
expect_out "three in --db's file" "3" sqlite3 "$TMP/opt.db" "SELECT count(*) FROM expense"
expect_out "\$CONFSPEND_DB next" "1  2026-11-10  meal  4.00 USD" \
  run_env CONFSPEND_DB="$TMP/env.db" "$CONFSPEND" add meal 4
check "env made its file" -f "$TMP/env.db"
check "env file mode 0600" "$(mode "$TMP/env.db")" = 600
check "still no XDG one" ! -e "$TMP/xdg/confspend"
expect_out "\$XDG_DATA_HOME next" "1  2026-11-10  meal  5.00 USD" run_env "$CONFSPEND" add meal 5
check "XDG file made" -f "$TMP/xdg/confspend/confspend.db"
check "XDG file mode 0600" "$(mode "$TMP/xdg/confspend/confspend.db")" = 600
check "XDG folder made 0700" "$(mode "$TMP/xdg/confspend")" = 700
# an import into a new database at the default place makes the folder too
printf 'date,category,amount\n2026-11-01,meal,1\n' >"$TMP/one.csv"
expect_out "import makes the XDG database" "imported 1, skipped 0 (already present)" \
  env -u CONFSPEND_DB HOME="$TMP/home" XDG_DATA_HOME="$TMP/xdg2" "$CONFSPEND" import csv "$TMP/one.csv"
check "its folder 0700" "$(mode "$TMP/xdg2/confspend")" = 700
check "its file 0600" "$(mode "$TMP/xdg2/confspend/confspend.db")" = 600
expect_out "an import into a missing folder named by --db" "confspend: database: cannot create: No such file or directory ($TMP/nodir/x.db)" \
  sh -c '"$CONFSPEND" --db "$1/nodir/x.db" import csv "$1/one.csv" 2>&1; [ $? = 1 ]' _ "$TMP"
check "not in HOME" ! -e "$TMP/home/.local"
expect_out "XDG file holds it" "500" sqlite3 "$TMP/xdg/confspend/confspend.db" "SELECT amount FROM expense"
expect_out "an empty \$CONFSPEND_DB is ignored" "2  2026-11-10  meal  6.00 USD" \
  run_env CONFSPEND_DB= "$CONFSPEND" add meal 6
expect_out "~/.local/share last" "1  2026-11-10  meal  7.00 USD" \
  env -u CONFSPEND_DB -u XDG_DATA_HOME HOME="$TMP/home" "$CONFSPEND" add meal 7
check "HOME file made" -f "$TMP/home/.local/share/confspend/confspend.db"
check "HOME file mode 0600" "$(mode "$TMP/home/.local/share/confspend/confspend.db")" = 600
check "HOME folder 0700" "$(mode "$TMP/home/.local/share/confspend")" = 700
expect_out "an empty \$XDG_DATA_HOME means ~/.local/share" "2  2026-11-10  meal  8.00 USD" \
  env -u CONFSPEND_DB XDG_DATA_HOME= HOME="$TMP/home" "$CONFSPEND" add meal 8
expect_out "HOME file holds both" "700
800" sqlite3 "$TMP/home/.local/share/confspend/confspend.db" "SELECT amount FROM expense ORDER BY id"
expect_out "the XDG file holds only its own two" "500
600" sqlite3 "$TMP/xdg/confspend/confspend.db" "SELECT amount FROM expense ORDER BY id"

# an explicit path must name an existing folder; a folder is not a database
expect_fail "--db in a missing folder" 1 "database: cannot create: No such file or directory ($TMP/no/such/x.db)" \
  cs --db "$TMP/no/such/x.db" list
check "the folder was not made" ! -e "$TMP/no"
expect_fail "--db is a folder" 1 "database: is a folder, not a database file ($TMP/home)" cs --db "$TMP/home" list
printf 'date,amount\n2026-11-10,12.00\n' >"$TMP/notes.csv"
cp "$TMP/notes.csv" "$TMP/notes.orig"
expect_fail "--db is not a database" 1 "database: not a confspend database ($TMP/notes.csv)" cs --db "$TMP/notes.csv" list
check "the file is untouched" "$(cmp "$TMP/notes.csv" "$TMP/notes.orig" && echo same)" = same

# a database from a newer confspend: refused (exit 1), named, and not touched
sqlite3 "$TMP/new.db" "CREATE TABLE expense(id INTEGER PRIMARY KEY, note TEXT); INSERT INTO expense VALUES (1, 'keep'); PRAGMA user_version = $((LATEST + 40));"
cp "$TMP/new.db" "$TMP/new.orig"
export CONFSPEND_DB="$TMP/new.db"
want="database: made by a newer confspend (schema $((LATEST + 40)), this one knows $LATEST); not touched ($TMP/new.db)"
expect_fail_silent "newer database: list" 1 "$want" cs list
expect_fail_silent "newer database: add" 1 "$want" cs add meal 5
expect_fail_silent "newer database: undo" 1 "$want" cs undo
expect_fail_silent "newer database: trip add" 1 "$want" cs trip add x --name X --start 2026-01-01 --end 2026-01-02
expect_fail_silent "newer database: config set" 1 "$want" cs config set currency EUR
check "its bytes are unchanged" "$(cmp "$TMP/new.db" "$TMP/new.orig" && echo same)" = same
check "no WAL or journal was left beside it" "$(ls "$TMP" | grep -c '^new\.db-')" -eq 0
expect_out "still at its version" "$((LATEST + 40))" sqlite3 "$TMP/new.db" "PRAGMA user_version"
# the same in WAL mode, as a newer confspend would leave it
sqlite3 "$TMP/neww.db" "PRAGMA journal_mode = WAL; CREATE TABLE t(x); PRAGMA user_version = $((LATEST + 1));" >/dev/null
cp "$TMP/neww.db" "$TMP/neww.orig"
export CONFSPEND_DB="$TMP/neww.db"
expect_fail_silent "newer WAL database: add" 1 "made by a newer confspend (schema $((LATEST + 1)), this one knows $LATEST); not touched" cs add meal 5
check "its bytes are unchanged" "$(cmp "$TMP/neww.db" "$TMP/neww.orig" && echo same)" = same
export CONFSPEND_DB="$TMP/test.db"

# a writer waits for another one (busy timeout) instead of failing
expect_ok "make the test database" cs list
(printf 'BEGIN IMMEDIATE;\nINSERT INTO config(key, value) VALUES (%s, %s);\n.shell sleep 1\nCOMMIT;\n' "'owner'" "'lock holder'" |
  sqlite3 "$CONFSPEND_DB" >/dev/null) &
holder=$!
sleep 0.3
expect_out "add waits for the lock" "1  2026-11-10  meal  9.00 USD" cs add meal 9
wait $holder
expect_out "both writes landed" "lock holder|900" sql "SELECT (SELECT value FROM config WHERE key = 'owner'), amount FROM expense"

# --version and --help
version=$(sed -n 's/^project(confspend VERSION \([0-9.]*\).*/\1/p' "${SRCDIR:-$(dirname "$0")/../..}/CMakeLists.txt")
check "the project has a version" -n "$version"
expect_out "--version prints the project's version" "confspend $version" sh -c '"$CONFSPEND" --version | head -1'
expect_out "--version names the licence" "License GPL-3.0-or-later: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>." sh -c '"$CONFSPEND" --version | sed -n 2p'
out=$(cs --help); rc=$?
check "--help exits 0" "$rc" -eq 0
check "--help starts with usage" "$(printf '%s\n' "$out" | head -1)" = "usage: confspend [--db FILE] COMMAND [ARGS] [OPTIONS]"
expect_out "help is the same as --help" "$out" cs help
expect_out "-h is the same as --help" "$out" cs -h
expect_fail_silent "no command: usage on stderr, exit 2" 2 "usage: confspend [--db FILE] COMMAND" sh -c '"$CONFSPEND" 2>&1 >/dev/null | head -1 >&2; exit 2'
expect_status "no command exits 2" 2 cs
# every command --help lists, and the foundation's commands, print their usage and exit 0
cmds=$(printf '%s\n' "$out" | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z]*\).*/\1/p')
for c in add list show edit rm history undo trip config rate; do
  case " $(echo $cmds) " in *" $c "*) ok ;; *) bad "--help does not list $c" ;; esac
done
for c in $cmds; do
  before=$(ls "$TMP")
  o=$(env CONFSPEND_DB="$TMP/help-$c.db" "$CONFSPEND" "$c" --help 2>"$TMP/err"); rc=$?
  check "$c --help exits 0" "$rc" -eq 0
  case $(printf '%s\n' "$o" | head -1) in
    "usage: confspend [--db FILE] $c" | "usage: confspend [--db FILE] $c "*) ok ;;
    *) bad "$c --help prints its usage: $(printf '%s\n' "$o" | head -1)" ;;
  esac
  check "$c --help says more than the usage line" "$(printf '%s\n' "$o" | wc -l)" -gt 2
  check "$c --help writes nothing to stderr" ! -s "$TMP/err"
  check "$c --help creates no database" ! -e "$TMP/help-$c.db"
  expect_out "confspend --help $c is the same" "$o" cs --help "$c"
done

finish
