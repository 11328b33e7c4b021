# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers for the CLI tests: a fresh temporary database per script, assertions
# that print what differs, and a closing "N passed, N failed" line.
# Each script: . "$(dirname "$0")/lib.sh"; ...checks...; finish
set -u
: "${CONFSPEND:?set CONFSPEND to the confspend binary}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export CONFSPEND_DB="$TMP/test.db"
export CONFSPEND_TODAY="${CONFSPEND_TODAY:-2026-11-10}"
export NO_COLOR=1
unset XDG_DATA_HOME
PASS=0
FAIL=0

cs() { "$CONFSPEND" "$@"; }

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

# expect_out "description" "expected stdout" cmd args...   (exit status must be 0)
expect_out() {
  local what=$1 want=$2; shift 2
  local got rc
  got=$("$@" 2>"$TMP/err"); rc=$?
  if [ $rc -ne 0 ]; then bad "$what: exit $rc: $(cat "$TMP/err")"; return; fi
  if [ "$got" != "$want" ]; then
    bad "$what"; diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") >&2; return
  fi
  ok
}

# expect_ok "description" cmd args...
expect_ok() {
  local what=$1; shift
  if "$@" >"$TMP/out" 2>"$TMP/err"; then ok; else bad "$what: exit $?: $(cat "$TMP/err")"; fi
}

# expect_fail "description" STATUS "message fragment" cmd args...
# Also checks: stderr is one line, and the database dump did not change.
expect_fail() {
  local what=$1 want=$2 frag=$3; shift 3
  local before after rc
  before=$(db_state)
  "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
  after=$(db_state)
  if [ $rc -ne "$want" ]; then bad "$what: exit $rc, want $want: $(cat "$TMP/err")"; return; fi
  if ! grep -qF -- "$frag" "$TMP/err"; then bad "$what: message lacks '$frag': $(cat "$TMP/err")"; return; fi
  if [ "$(wc -l <"$TMP/err")" -ne 1 ]; then bad "$what: stderr is not one line: $(cat "$TMP/err")"; return; fi
  if [ "$before" != "$after" ]; then bad "$what: the database changed"; return; fi
  ok
}

# The database's content (a dump), or "absent" when there is no file.
db_state() {
  if [ -f "$CONFSPEND_DB" ]; then sqlite3 "$CONFSPEND_DB" .dump 2>&1 | grep -v '^PRAGMA'; else echo absent; fi
}

# sql "SELECT ..." prints the result rows.
sql() { sqlite3 "$CONFSPEND_DB" "$1"; }

finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}

# expect_csv "description" "expected rows, one per line" cmd args...
# Like expect_out, for csv output: every line of stdout must end in CRLF (RFC 4180).
expect_csv() {
  local what=$1 want=$2; shift 2
  expect_out "$what" "$(printf '%s\n' "$want" | sed 's/$/\r/')" "$@"
}

# expect_status "description" STATUS cmd args...   (only the exit status is checked)
expect_status() {
  local what=$1 want=$2 rc; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
  if [ $rc -ne "$want" ]; then bad "$what: exit $rc, want $want: $(cat "$TMP/err")"; return; fi
  ok
}

# check "description" CONDITION...   (a test(1) expression, e.g. check "mode" "$m" = 600)
check() {
  local what=$1; shift
  if [ "$@" ]; then ok; else bad "$what: [ $* ] is false"; fi
}

# expect_fail_silent: expect_fail, and nothing at all may have been written to stdout.
expect_fail_silent() {
  local before=$FAIL
  expect_fail "$@"
  if [ "$FAIL" -eq "$before" ] && [ -s "$TMP/out" ]; then
    PASS=$((PASS - 1)); bad "$1: wrote to stdout: $(head -c 200 "$TMP/out")"
  fi
}

# gen_expenses N DIR: DIR/expenses.csv with N rows for import (gen_expenses.py, or a
# plainer shell-made file where there is no python3)
gen_expenses() {
  local gen=${GEN:-$(dirname "${BASH_SOURCE[0]}")/gen_expenses.py}
  if [ -x /usr/bin/python3 ] && [ -f "$gen" ]; then
    /usr/bin/python3 "$gen" "$1" "$2" >/dev/null
  else
    mkdir -p "$2"
    { echo "date,category,amount,currency,merchant,note,from,to"
      for ((k = 0; k < $1; k++)); do echo "2026-10-$((k % 28 + 10)),meal,$((k % 5000 + 1)).25,USD,Cafe,item $k,,"; done
    } >"$2/expenses.csv"
  fi
}

# make_pdf FILE: a small well-formed PDF (230 bytes) at FILE, the folder made, for
# --receipt FILE (receipts are stored by content: a path alone is not a receipt)
make_pdf() {
  mkdir -p "$(dirname "$1")"
  printf '%s\n' '%PDF-1.4' '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj' \
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj' \
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj' \
    'trailer << /Root 1 0 R >>' 'startxref' '0' '%%EOF' >"$1"
}
