#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# backup and restore: whole-database copies through SQLite's online backup API.
. "$(dirname "$0")/lib.sh"
# every table's rows (not the id counters), to compare two databases
content() { sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name" |
  while read -r t; do echo "== $t"; sqlite3 "$1" ".mode quote" "SELECT * FROM \"$t\" ORDER BY 1"; done; }
mode() { stat -c %a "$1"; }

cs trip add pycon --name "PyCon US" --start 2026-11-01 --end 2026-11-08 >/dev/null
cs add ride 23.50 --provider uber --from Home --to Venue --trip pycon >/dev/null
cs add meal 6.50 --merchant "Café" >/dev/null
cs budget set ride 150 >/dev/null
cs config set owner "Ann" >/dev/null
cs add donation 20 --recipient PSF --monthly --date 2026-09-15 >/dev/null

expect_out "backup" "backed up 4 expenses to $TMP/b1.db" cs backup "$TMP/b1.db"
check "the copy is 0600" "$(mode "$TMP/b1.db")" = 600
check "the copy passes integrity_check" "$(sqlite3 "$TMP/b1.db" 'PRAGMA integrity_check')" = ok
check "the copy holds every table as it is" "$(content "$TMP/b1.db")" = "$(content "$CONFSPEND_DB")"
check "nothing is left beside it" "$(ls "$TMP" | grep -c 'tmp-')" = 0
umask 000
expect_out "a wide umask does not widen a backup" "backed up 4 expenses to $TMP/b2.db" cs backup "$TMP/b2.db"
umask 022
check "still 0600" "$(mode "$TMP/b2.db")" = 600
expect_out "a backup replaces an older one" "backed up 4 expenses to $TMP/b2.db" cs backup "$TMP/b2.db"
expect_ok "the backup is a database confspend reads" cs --db "$TMP/b1.db" list
expect_out "and undo works in it" "1" sh -c '"$CONFSPEND" --db "$1" undo >/dev/null && sqlite3 "$1" "SELECT count(*) FROM change WHERE state = '"'undone'"'"' _ "$TMP/b2.db"
expect_fail "backup onto the database itself" 2 "backup: is the database itself" cs backup "$CONFSPEND_DB"
mkdir "$TMP/dir"
expect_fail "backup onto a folder" 1 "is a folder; not replaced" cs backup "$TMP/dir"
expect_fail "backup into a missing folder" 1 "backup" cs backup "$TMP/nope/b.db"
ln -s "$TMP/nothing" "$TMP/dangling"
expect_fail "backup through a dangling symlink" 1 "a symlink to nothing; not followed" cs backup "$TMP/dangling"
expect_fail "backup without FILE" 2 "FILE: missing (usage: confspend backup FILE)" cs backup
expect_fail "backup of an empty name" 2 "FILE: missing" cs backup ""

# a backup while other commands write: a consistent copy of some moment
for i in $(seq 1 3); do cs import csv /dev/stdin >/dev/null <<CSV
date,category,amount,currency,merchant,note
$(for k in $(seq 1 2000); do echo "2026-10-0$((k % 9 + 1)),meal,$((k % 40 + 1)).00,USD,M$k,r$i-$k"; done)
CSV
done
( for k in $(seq 1 40); do "$CONFSPEND" add meal 1.$((k % 90 + 10)) --note "w$k" >/dev/null; done ) &
writer=$!
expect_ok "backup while another process writes" cs backup "$TMP/live.db"
wait $writer
check "that copy is whole" "$(sqlite3 "$TMP/live.db" 'PRAGMA integrity_check')" = ok
n=$(sqlite3 "$TMP/live.db" "SELECT count(*) FROM expense WHERE note LIKE 'w%'")
check "it holds a prefix of the writer's adds ($n of 40)" "$(sqlite3 "$TMP/live.db" "SELECT count(*) FROM expense WHERE note LIKE 'w%' AND CAST(substr(note, 2) AS INTEGER) <= $n")" = "$n"
check "and each change it holds whole" "$(sqlite3 "$TMP/live.db" "SELECT count(*) FROM change WHERE command LIKE 'add meal%'")" = "$((n + 1))"

before=$(db_state)
expect_fail "restore from the database itself" 2 "restore: is the database itself" cs restore "$CONFSPEND_DB"
check "restore from itself: nothing saved, nothing written" "$(ls "$TMP" | grep -c '^test.db.before-restore-')/$(db_state)" = "0/$before"
# restore: the current database saved first, then replaced as one write
cur=$(content "$CONFSPEND_DB")
expect_out "restore an older backup" "restored 4 expenses from $TMP/b1.db" sh -c '"$CONFSPEND" restore "$1" | tail -1' _ "$TMP/b1.db"
saved=$(ls "$TMP" | grep '^test.db.before-restore-')
check "the database was saved as DB.before-restore-YYYYMMDDTHHMMSS" "$(echo "$saved" | grep -cE '^test\.db\.before-restore-[0-9]{8}T[0-9]{6}$')" = 1
check "the saved copy is 0600" "$(mode "$TMP/$saved")" = 600
check "the saved copy is the database as it was" "$(content "$TMP/$saved")" = "$cur"
check "the database is now the backup" "$(content "$CONFSPEND_DB")" = "$(content "$TMP/b1.db")"
check "integrity after restore" "$(sql 'PRAGMA integrity_check')" = ok
expect_out "the restored database works" "5  2026-11-10  meal  2.00 USD" cs add meal 2
check "no temporary file is left" "$(ls "$TMP" | grep -c 'tmp-')" = 0

# a bad FILE: exit 2, the database untouched
echo "not a database" >"$TMP/junk.db"
expect_fail "restore of a file that is not a database" 2 "restore: not a confspend database" cs restore "$TMP/junk.db"
expect_fail "restore of a missing file" 2 "restore: cannot read" cs restore "$TMP/missing.db"
sqlite3 "$TMP/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1); PRAGMA user_version = 3"
expect_fail "restore of another program's database" 2 "restore: not a confspend database" cs restore "$TMP/other.db"
cp "$TMP/b1.db" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 999"
expect_fail "restore of a newer schema" 2 "made by a newer confspend (schema 999" cs restore "$TMP/newer.db"
head -c 40000 "$TMP/b1.db" >"$TMP/cut.db"
expect_fail "restore of a damaged copy" 2 "restore:" cs restore "$TMP/cut.db"
expect_fail "restore of a folder" 2 "not a regular file" cs restore "$TMP/dir"
check "no before-restore copy is made for a refused file" "$(ls "$TMP" | grep -c 'before-restore')" = 1
check "the refused file is untouched" "$(sqlite3 "$TMP/newer.db" 'PRAGMA user_version')" = 999

# an older schema is migrated in the copy (the file itself is not touched)
for f in "$(dirname "$0")"/../../migrations/000[1-8]_*.sql; do cat "$f"; echo; done | sqlite3 "$TMP/v8.db"
sqlite3 "$TMP/v8.db" "PRAGMA user_version = 8; INSERT INTO expense(date, category, amount, currency, created_at) VALUES ('2019-05-03', 'meal', 1234, 'USD', 0)"
v8=$(md5sum <"$TMP/v8.db")
expect_out "restore of a schema-8 database" "restored 1 expense from $TMP/v8.db" sh -c '"$CONFSPEND" restore "$1" | tail -1' _ "$TMP/v8.db"
check "it was migrated" "$(sql 'PRAGMA user_version')" = "$(sqlite3 "$(ls -d "$TMP"/test.db.before-restore-* | tail -1)" 'PRAGMA user_version')"
check "its expense got a uid" "$(sql "SELECT length(uid) FROM expense")" = 32
check "the file given is untouched" "$(md5sum <"$TMP/v8.db")" = "$v8"

# two restores in a row (in one second, as a script does): each saves its own copy, never
# over the one before (the second used to replace the first, and what only the first held
# was gone from every file)
cs add meal 11.11 --merchant PRECIOUS >/dev/null
ls "$TMP" | grep '^test.db.before-restore-' | sort >"$TMP/saved0"
cs restore "$TMP/b1.db" >/dev/null 2>&1
cs restore "$TMP/b1.db" >/dev/null 2>&1
ls "$TMP" | grep '^test.db.before-restore-' | sort | comm -13 "$TMP/saved0" - >"$TMP/saved1"
check "two restores: two new saved copies" "$(wc -l <"$TMP/saved1")" -eq 2
check "one of them holds what only the database before the first held" \
  "$(for f in $(cat "$TMP/saved1"); do sqlite3 "$TMP/$f" "SELECT count(*) FROM expense WHERE merchant = 'PRECIOUS'"; done | sort | paste -sd,)" = "0,1"

# into an empty database nothing is saved first
export CONFSPEND_DB=$TMP/fresh.db
expect_out "restore into a new database" "restored 4 expenses from $TMP/b1.db" cs restore "$TMP/b1.db"
check "no before-restore copy of an empty database" "$(ls "$TMP" | grep -c '^fresh.db.before-restore')" = 0

for c in backup restore; do
  out=$(cs "$c" --help); rc=$?
  check "$c --help exits 0" "$rc" -eq 0
  case $out in "usage: confspend [--db FILE] $c"*) ok ;; *) bad "$c --help: $out" ;; esac
done
finish
