# SPDX-License-Identifier: GPL-3.0-or-later
# SIGKILL during import csv: whenever the process dies, the database is intact and holds
# every row of the file or none of it. The file has CRASH_ROWS rows (50000, so the script
# stays well under a minute on a loaded CI machine; CRASH_ROWS=200000 for the long run); a
# first import measures how long a whole one takes (T), then imports into fresh copies of
# the same database are killed at fractions of T, from opening the file to the commit and
# the checkpoint after it.
. "$(dirname "$0")/lib.sh"
N=${CRASH_ROWS:-50000}
PY=/usr/bin/python3
gen_expenses "$N" "$TMP/gen"
CSV=$TMP/gen/expenses.csv

# The database each import starts from: a trip, two expenses, a budget.
mkdir "$TMP/base"
export CONFSPEND_DB=$TMP/base/base.db
cs trip add conf --name Conf --start 2026-11-01 --end 2026-11-09 >/dev/null
cs add meal 4.75 --note coffee >/dev/null
cs add ride 12 --provider uber --from A --to B >/dev/null
cs budget set ride 100 >/dev/null
state() { sql "SELECT count(*), coalesce(sum(amount), 0), (SELECT count(*) FROM change) FROM expense"; }
before=$(state)

# The whole import once: what "every row" looks like, and how long it takes.
mkdir "$TMP/ref"
cp "$TMP/base/base.db" "$TMP/ref/ref.db"
export CONFSPEND_DB=$TMP/ref/ref.db
t0=$(date +%s%N)
expect_ok "the whole import" cs import csv "$CSV"
T=$((($(date +%s%N) - t0) / 1000000))
after=$(state)
check "the whole import added $N rows" "$(sql "SELECT count(*) FROM expense")" = $((N + 2))
echo "# a whole import of $N rows takes ${T} ms"

# Kill at these per-mille of T (plus two fixed early points).
round=0
states=""
for when in 20ms 60ms 50 200 400 550 620 680 740 800 900 1000 1050; do
  round=$((round + 1))
  case $when in *ms) ms=${when%ms} ;; *) ms=$((T * when / 1000)) ;; esac
  dir=$TMP/r$round
  mkdir "$dir"
  cp "$TMP/base/base.db" "$dir/t.db"
  export CONFSPEND_DB=$dir/t.db
  "$CONFSPEND" import csv "$CSV" >"$dir/out" 2>"$dir/err" &
  pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -KILL $pid 2>/dev/null && killed=killed || killed=finished
  wait $pid 2>/dev/null
  got=$(state)
  case $got in
  "$before") what=none ;;
  "$after") what=all ;;
  *) what="PARTIAL ($got)" ;;
  esac
  states="$states $ms:$what"
  check "kill at ${ms} ms ($killed): every row or none ($what)" "$what" != "PARTIAL ($got)"
  check "kill at ${ms} ms: integrity" "$(sql 'PRAGMA integrity_check')" = ok
  check "kill at ${ms} ms: foreign keys" "$(sql 'PRAGMA foreign_key_check' | wc -l)" = 0
  check "kill at ${ms} ms: the date trigger is in place" \
    "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'expense_date_insert'")" = 1
  leftovers=$(cd "$dir" && ls -A | grep -v -x -e t.db -e t.db-wal -e t.db-shm -e out -e err)
  check "kill at ${ms} ms: no stray files ($leftovers)" -z "$leftovers"
  expect_ok "kill at ${ms} ms: the database opens and lists" cs list --month 2026-11
done
echo "# kill points (ms:rows):$states"
check "some kills landed before the commit" "$(echo "$states" | grep -c ':none')" -ge 1

# After a kill, importing again finishes the job, and once more adds nothing.
export CONFSPEND_DB=$TMP/r3/t.db
expect_ok "import again after a kill" cs import csv "$CSV"
check "again: every row" "$(state)" = "$after"
expect_out "a third time adds nothing" "imported 0, skipped $N (already present)" cs import csv "$CSV"
# An interrupt (SIGTERM, SIGHUP; Ctrl-C's SIGINT alike, but a script's background job
# starts with SIGINT ignored) during an import into a new database removes the
# private file it was loading: nothing at all is left. The rows come through a FIFO, so the
# import is surely mid-way (its file made, more rows awaited) when the signal comes.
for sig in TERM HUP; do
  dir=$TMP/sig$sig
  mkdir "$dir" && mkfifo "$dir/fifo"
  CONFSPEND_DB=$dir/new.db "$CONFSPEND" import csv "$dir/fifo" >/dev/null 2>&1 &
  pid=$!
  exec 9>"$dir/fifo"
  head -c 200000 "$CSV" >&9
  for _ in $(seq 100); do ls "$dir" | grep -q 'new.db.tmp-' && break; sleep 0.05; done
  check "SIG$sig: the import made its private file" -n "$(ls "$dir" | grep 'new.db.tmp-')"
  kill -$sig $pid
  exec 9>&- # (should the signal not end it, the import sees the end of its input)
  wait $pid
  rc=$?
  check "SIG$sig: the import ended by the signal (status $rc)" $rc -gt 128
  expect_out "SIG$sig: nothing is left but the FIFO" "fifo" ls -A "$dir"
done

finish
