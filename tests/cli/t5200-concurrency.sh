# SPDX-License-Identifier: GPL-3.0-or-later
# Several processes at once on one database: writers logging expenses, a reader running
# reports and lists, an import holding a long write transaction. Every write must land
# (the busy timeout and BEGIN IMMEDIATE queue the writers), nothing may fail, and nobody
# may see "database is locked". The first phase starts from no database at all, so the
# creation and the migrations race too.
. "$(dirname "$0")/lib.sh"
W=4 N=50
mkdir "$TMP/log"

# writer I: N adds with unique notes; failures are logged with their stderr
writer() {
  local i=$1 j
  for ((j = 1; j <= N; j++)); do
    if ! "$CONFSPEND" add meal "$i.$((j % 100))" --note "w$i-$j" --date 2026-11-05 \
      >/dev/null 2>"$TMP/log/w$i.err.tmp"; then
      echo "writer $i add $j: exit $?: $(cat "$TMP/log/w$i.err.tmp")" >>"$TMP/log/failures"
    fi
    cat "$TMP/log/w$i.err.tmp" >>"$TMP/log/stderr"
  done
}

# the reader: reports and lists until the writers are done
reader() {
  local k=0
  while [ ! -e "$TMP/log/done" ]; do
    for cmd in "report budget" "list --format csv" "report rides" "budget list"; do
      # shellcheck disable=SC2086
      if ! "$CONFSPEND" $cmd >/dev/null 2>"$TMP/log/r.err.tmp"; then
        echo "reader $cmd: exit $?: $(cat "$TMP/log/r.err.tmp")" >>"$TMP/log/failures"
      fi
      cat "$TMP/log/r.err.tmp" >>"$TMP/log/stderr"
      k=$((k + 1))
    done
  done
  echo "$k" >"$TMP/log/reads"
}

# Phase 1: four processes create the database at once.
check "no database yet" "$(db_state)" = absent
pids=()
for i in 1 2 3 4; do
  ( "$CONFSPEND" add ride 1$i --note "first-$i" --date 2026-11-01 >/dev/null 2>>"$TMP/log/first.err" ||
      echo "first add $i: exit $?" >>"$TMP/log/failures" ) &
  pids+=($!)
done
wait "${pids[@]}"
check "every first add succeeded" "$(cat "$TMP/log/failures" 2>/dev/null)" = ""
check "first adds stored" "$(sql "SELECT count(*) FROM expense WHERE note LIKE 'first-%'")" = 4
check "schema complete" "$(sql "PRAGMA user_version")" = "$(ls "${SRCDIR:-$(dirname "$0")/../..}"/migrations/*.sql | wc -l)"
check "no stderr from first adds" "$(cat "$TMP/log/first.err")" = ""

# Phase 2: W writers x N adds, a reader, and an import of 2000 rows in one transaction.
{
  echo "date,category,amount,note"
  for ((k = 1; k <= 2000; k++)); do printf '2026-10-%02d,meal,%d.25,imp-%d\n' $((k % 28 + 1)) $k $k; done
} >"$TMP/import.csv"
start=$(date +%s)
reader &
rpid=$!
pids=()
for ((i = 1; i <= W; i++)); do
  writer "$i" &
  pids+=($!)
done
( "$CONFSPEND" import csv "$TMP/import.csv" >/dev/null 2>"$TMP/log/import.err" ||
    echo "import: exit $?: $(cat "$TMP/log/import.err")" >>"$TMP/log/failures" ) &
pids+=($!)
wait "${pids[@]}"
touch "$TMP/log/done"
wait "$rpid"
elapsed=$(($(date +%s) - start))

check "no command failed" "$(cat "$TMP/log/failures" 2>/dev/null | head -5)" = ""
check "nobody saw 'database is locked'" "$(grep -ci 'locked\|busy' "$TMP/log/stderr" "$TMP/log/import.err" | awk -F: '{s += $2} END {print s + 0}')" = 0
check "every add is stored" "$(sql "SELECT count(*) FROM expense WHERE note LIKE 'w%-%'")" = $((W * N))
missing=""
for ((i = 1; i <= W; i++)); do
  for ((j = 1; j <= N; j++)); do
    echo "w$i-$j"
  done
done >"$TMP/want"
sql "SELECT note FROM expense WHERE note LIKE 'w%-%' ORDER BY note" | sort >"$TMP/got"
missing=$(sort "$TMP/want" | comm -23 - "$TMP/got" | head -3)
dups=$(sort "$TMP/got" | uniq -d | head -3)
check "each note present" "$missing" = ""
check "no note twice" "$dups" = ""
check "every imported row is stored" "$(sql "SELECT count(*) FROM expense WHERE note LIKE 'imp-%'")" = 2000
check "each writer's adds are in its order" "$(sql "SELECT count(*) FROM expense a JOIN expense b ON a.note LIKE 'w%-%' AND b.note LIKE 'w%-%' AND substr(a.note, 1, instr(a.note, '-')) = substr(b.note, 1, instr(b.note, '-')) AND CAST(substr(a.note, instr(a.note, '-') + 1) AS INTEGER) < CAST(substr(b.note, instr(b.note, '-') + 1) AS INTEGER) AND a.id > b.id")" = 0
check "every add is one change" "$(sql "SELECT count(*) FROM change WHERE command LIKE 'add %'")" = $((4 + W * N))
check "the import is one change" "$(sql "SELECT count(*) FROM change WHERE command LIKE 'import %'")" = 1
check "the reader ran meanwhile" "$(cat "$TMP/log/reads")" -gt 0
check "integrity" "$(sql "PRAGMA integrity_check")" = ok
# Phase 3: another program holds the write lock for 2 s; an add waits for it, then lands.
(echo "BEGIN IMMEDIATE; INSERT INTO config(key, value) VALUES ('held', 'yes');"; sleep 2; echo "COMMIT;") |
  sqlite3 "$CONFSPEND_DB" &
lpid=$!
sleep 0.5
t0=$(date +%s%N)
expect_ok "add while another process writes" cs add meal 3 --note waited
waited=$((($(date +%s%N) - t0) / 1000000))
wait "$lpid"
check "the add waited for the lock (${waited} ms)" "$waited" -ge 1000
check "both writes landed" "$(sql "SELECT count(*) FROM expense WHERE note = 'waited'")$(sql "SELECT value FROM config WHERE key = 'held'")" = 1yes

echo "# $((W * N)) adds by $W writers, 2000 imported rows, $(cat "$TMP/log/reads") reads, in ${elapsed}s"
finish
