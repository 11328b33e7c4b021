#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Migration 0016: a confirmation is kept in statement_match alone. A database from before
# it, where a card statement confirmed a ride typed by hand (statement_match's trigger
# copied the row onto expense.statement/statement_key), still shows the confirmation,
# finds the statement row present, and its import is undone and redone through the change
# it recorded then; the triggers and the expense_statement_key index are gone.
. "$(dirname "$0")/lib.sh"

MIG="$(dirname "$0")/../../migrations"
# old_db FILE: a database at the schema before step 16, made from the migration files
old_db() {
  local n=0 m
  for m in "$MIG"/[0-9][0-9][0-9][0-9]_*.sql; do
    [ "$(basename "$m" | cut -c1-4)" -lt 16 ] || continue
    sqlite3 "$1" <"$m" || return 1
    n=$((n + 1))
  done
  sqlite3 "$1" "PRAGMA user_version = $n"
}

# the card statement: the ride of 18.40 typed on 05-02, charged on 05-03
cat >"$TMP/chase.csv" <<'CSV'
Transaction Date,Post Date,Description,Category,Type,Amount,Memo
05/03/2019,05/04/2019,UBER   *TRIP,Travel,Sale,-18.40,
CSV
# the key an import gives that row (a new database: the row is new, keyed)
expect_out "the row into a new database" "imported 1, matched 0, present 0, skipped 0" \
  cs --db "$TMP/keys.db" import csv "$TMP/chase.csv"
KEY=$(sqlite3 "$TMP/keys.db" "SELECT import_key FROM expense")
check "the row's key" -n "$KEY"

# before 0016: the ride typed by hand (1), and what that import did then: one row of
# statement_match (whose trigger copied it onto the expense), recorded as its change
export CONFSPEND_DB="$TMP/old.db"
expect_ok "a database from before step 16" old_db "$CONFSPEND_DB"
expect_ok "the ride typed, and the statement's import as it was done then" sh -c '
sqlite3 "$1" "INSERT INTO expense(date, category, amount, currency, merchant, provider, created_at)
  VALUES (\"2019-05-02\", \"ride\", 1840, \"USD\", \"Uber\", \"uber\", 0)" &&
printf "%s\n" ".session open main s" ".session attach statement_match" \
  "INSERT INTO statement_match VALUES (1, \"2019-05-03 UBER   *TRIP\", \"$2\");" \
  ".session changeset $3/import.cs" | sqlite3 "$1" &&
sqlite3 "$1" "INSERT INTO change(at, kind, command, summary, changeset) VALUES (0, \"user\",
  \"confspend import csv chase.csv\", \"import 0 expenses from chase.csv, 1 matched\",
  readfile(\"$3/import.cs\"))"' _ "$CONFSPEND_DB" "$KEY" "$TMP"
expect_out "then: the trigger had copied the confirmation onto the expense" \
  "2019-05-03 UBER   *TRIP|$KEY" sql "SELECT statement, statement_key FROM expense WHERE id = 1"

# the first command migrates; show reads the confirmation from statement_match
expect_out "show prints the confirmation after the migration" \
  "statement     2019-05-03 UBER   *TRIP
statement_key $KEY" sh -c '"$CONFSPEND" show 1 | grep -E "^statement"'
latest=$(ls "$MIG"/[0-9]*.sql | wc -l)
expect_out "the schema version" "$latest" sql "PRAGMA user_version"
expect_out "no trigger copies confirmations any more" "0" \
  sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'statement_match'"
expect_out "the key's index is statement_match's" "statement_match_key" \
  sql "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%statement%' ORDER BY name"
expect_csv "the statement again: present, in the ride" \
  "line,result,date,category,amount,currency,merchant,expense
2,present,2019-05-03,ride,18.40,USD,UBER   *TRIP,1" cs import csv "$TMP/chase.csv" --dry-run

# the change recorded before the migration is undone and redone as it was
expect_out "undo the import made before the migration" \
  "undid change 1: import 0 expenses from chase.csv, 1 matched" cs undo
expect_out "after undo: no confirmation" "0" sql "SELECT count(*) FROM statement_match"
expect_out "show prints none (the old copy on the expense row is not read)" "" \
  sh -c '"$CONFSPEND" show 1 | grep -E "^statement" || true'
expect_csv "the statement would be matched again" \
  "line,result,date,category,amount,currency,merchant,expense
2,matched,2019-05-03,ride,18.40,USD,UBER   *TRIP,1" cs import csv "$TMP/chase.csv" --dry-run
expect_out "redo" "redid change 1: import 0 expenses from chase.csv, 1 matched" cs redo
expect_out "after redo: confirmed again" "1|2019-05-03 UBER   *TRIP|$KEY" \
  sql "SELECT expense_id, statement, key FROM statement_match"

# a new import after the migration: a second ride confirmed; its undo leaves the first
expect_out "a ride typed after the migration" "2  2019-05-06  ride  9.75 USD  Lyft" \
  cs add ride 9.75 --date 2019-05-06 --provider lyft --merchant Lyft
cat >"$TMP/chase2.csv" <<'CSV'
Transaction Date,Post Date,Description,Category,Type,Amount,Memo
05/07/2019,05/08/2019,LYFT   *RIDE MON 8PM,Travel,Sale,-9.75,
05/03/2019,05/04/2019,UBER   *TRIP,Travel,Sale,-18.40,
CSV
expect_out "the second statement: the Lyft ride matched, the Uber row present" \
  "imported 0, matched 1, present 1, skipped 0" cs import csv "$TMP/chase2.csv"
expect_out "both confirmed" "1 2019-05-03 UBER   *TRIP
2 2019-05-07 LYFT   *RIDE MON 8PM" sql "SELECT expense_id || ' ' || statement FROM statement_match ORDER BY 1"
expect_out "the expense rows are not written by a confirmation" "1" \
  sql "SELECT count(*) FROM expense WHERE id = 2 AND statement IS NULL AND statement_key IS NULL"
expect_ok "undo it" cs undo
expect_out "the first confirmation stays" "1" sql "SELECT group_concat(expense_id) FROM statement_match"
finish
