# SPDX-License-Identifier: GPL-3.0-or-later
# SIGKILL during export xlsx and export csv: whenever the process dies, the target path
# holds nothing or a whole file (an earlier export stays whole until the new one replaces
# it), never a partial one, and the database is untouched. What a kill can leave is the
# temporary file beside the target (for xlsx, also the folder of the library's own temporary
# files, named after it: TARGET.tmp-XXXXXX.d); the script accepts only clearly named ones
# (TARGET.tmp-XXXXXX for both) and reports how many it saw.
. "$(dirname "$0")/lib.sh"
N=${CRASH_ROWS:-50000}
PY=/usr/bin/python3
gen_expenses "$N" "$TMP/gen"
cs import csv "$TMP/gen/expenses.csv" >/dev/null
cs budget set ride 300 >/dev/null
dump=$(db_state | sha256sum)

# whole_xlsx FILE: a zip that tests clean, with the four sheets, each XML complete
whole_xlsx() {
  if [ -x $PY ]; then
    $PY - "$1" <<'PYEOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = set(z.namelist())
for i in range(1, 5):
    data = z.read("xl/worksheets/sheet%d.xml" % i)
    assert data.rstrip().endswith(b"</worksheet>"), i
assert "xl/workbook.xml" in names
PYEOF
  else
    unzip -tq "$1" >/dev/null 2>&1
  fi
}
# whole_csv FILE: the header, N + 1 records, CRLF ends
whole_csv() {
  [ "$(head -c 3 "$1")" = "id," ] && [ "$(grep -c $'\r$' "$1")" = $((N + 1)) ]
}

for fmt in xlsx csv; do
  out=$TMP/$fmt
  mkdir "$out"
  t0=$(date +%s%N)
  expect_ok "$fmt: a whole export" cs export $fmt "$out/report.$fmt"
  T=$((($(date +%s%N) - t0) / 1000000))
  check "$fmt: the whole export is whole" "$(whole_$fmt "$out/report.$fmt" && echo yes)" = yes
  echo "# export $fmt of $N rows takes ${T} ms"
  stray=0 seen=""
  for when in 10ms 40ms 100 250 400 550 700 800 900 970 1050 1500; do
    case $when in *ms) ms=${when%ms} ;; *) ms=$((T * when / 1000)) ;; esac
    # a fresh target, and one that already holds an earlier export
    for target in new old; do
      rm -f "$out/$target.$fmt"
      [ $target = old ] && cp "$out/report.$fmt" "$out/old.$fmt"
      "$CONFSPEND" export $fmt "$out/$target.$fmt" >/dev/null 2>"$out/err" &
      pid=$!
      sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
      kill -KILL $pid 2>/dev/null
      wait $pid 2>/dev/null
      if [ ! -e "$out/$target.$fmt" ]; then
        state=absent
      elif whole_$fmt "$out/$target.$fmt"; then
        state=whole
      else
        state=PARTIAL
      fi
      seen="$seen $ms:$target=$state"
      if [ $target = old ]; then
        check "$fmt kill at ${ms} ms: the earlier export is still whole" "$state" = whole
      else
        check "$fmt kill at ${ms} ms: nothing or a whole file ($state)" "$state" != PARTIAL
      fi
      others=$(cd "$out" && ls -A | grep -v -x -e "report.$fmt" -e "new.$fmt" -e "old.$fmt" -e err)
      if [ $fmt = xlsx ]; then pat='^(new|old)\.xlsx\.tmp-[A-Za-z0-9]{6}(\.d)?$'; else pat='^(new|old)\.csv\.tmp-[A-Za-z0-9]{6}$'; fi
      odd=$(printf '%s\n' "$others" | grep -v -E "$pat" | grep .)
      check "$fmt kill at ${ms} ms: only clearly named temporary files beside it ($odd)" -z "$odd"
      stray=$((stray + $(printf '%s\n' "$others" | grep -c -E "$pat")))
      rm -f "$out"/*.tmp*
    done
  done
  echo "# $fmt kill points:$seen"
  echo "# $fmt: $stray temporary file(s) left by the kills, all named TARGET.tmp*"
done
# An interrupt (SIGTERM, SIGHUP; Ctrl-C's SIGINT alike, but a script's background job
# starts with SIGINT ignored) leaves no temporary file at all: the target is the earlier
# export or the whole new one. The export is timed once more so the signals land mid-way.
for fmt in xlsx csv; do
  out=$TMP/int-$fmt
  mkdir -p "$out"
  t0=$(date +%s%N)
  cs export $fmt "$out/t.$fmt" >/dev/null || bad "$fmt: the export to interrupt"
  T=$((($(date +%s%N) - t0) / 1000000))
  for sig in TERM HUP; do
    for frac in 200 500 800; do
      ms=$((T * frac / 1000))
      "$CONFSPEND" export $fmt "$out/t.$fmt" >/dev/null 2>"$TMP/int.err" &
      pid=$!
      sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
      kill -$sig $pid 2>/dev/null
      wait $pid 2>/dev/null
      expect_out "$fmt SIG$sig at ${ms} ms: only the target is there" "t.$fmt" ls -A "$out"
      check "$fmt SIG$sig at ${ms} ms: and it is whole" "$(whole_$fmt "$out/t.$fmt" && echo yes)" = yes
    done
  done
done
check "the database is untouched" "$(db_state | sha256sum)" = "$dump"
check "integrity" "$(sql 'PRAGMA integrity_check')" = ok
finish
