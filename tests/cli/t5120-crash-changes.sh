#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SIGKILL during undo, redo, backup, restore, schedule edit and config set: whenever the
# process dies, the database passes integrity_check and holds the change whole or not at
# all (for backup: the target is absent or a whole copy). An import of CRASH_ROWS rows
# (20000) makes undo and redo long enough to be killed mid-way; each command is timed once
# whole (T), then killed at fractions of T on fresh copies.
. "$(dirname "$0")/lib.sh"
N=${CRASH_ROWS:-20000}
gen_expenses "$N" "$TMP/gen"
mkdir "$TMP/base"
export CONFSPEND_DB=$TMP/base/base.db
cs trip add conf --name Conf --start 2026-11-01 --end 2026-11-09 >/dev/null
cs add meal 4.75 --note coffee >/dev/null
cs budget set ride 100 >/dev/null
cs add donation 20 --recipient PSF --monthly --date 2026-09-01 >/dev/null
cs import csv "$TMP/gen/expenses.csv" >/dev/null
cs backup "$TMP/base/other.db" >/dev/null
cs add meal 3 --note after-backup >/dev/null
sqlite3 "$CONFSPEND_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# what a change is: the expenses, budgets, settings, schedules and each change's state
state() { sql "SELECT (SELECT count(*) || '/' || coalesce(sum(amount), 0) FROM expense), (SELECT group_concat(category || amount) FROM budget), (SELECT group_concat(key || '=' || value) FROM config), (SELECT group_concat(amount || '-' || coalesce(until_month, '')) FROM schedule), (SELECT group_concat(state) FROM change)"; }

# crash NAME SETUP CMD...: run CMD on a copy of the base (after SETUP, a command line run
# on it first, or ":"), once whole and then killed at fractions of its time
crash() {
  local name=$1 setup=$2; shift 2
  local dir=$TMP/$name-ref before after t0 T
  mkdir "$dir" && cp "$TMP/base/base.db" "$dir/t.db"
  export CONFSPEND_DB=$dir/t.db
  eval "$setup" >/dev/null 2>&1
  before=$(state)
  t0=$(date +%s%N)
  "$CONFSPEND" "$@" >/dev/null 2>"$dir/err" || bad "$name: the whole command failed: $(cat "$dir/err")"
  T=$((($(date +%s%N) - t0) / 1000000))
  after=$(state)
  check "$name changes something" "$before" != "$after"
  local states="" k=0
  for when in 5ms 15ms 100 300 500 700 850 950 1100 1400 1800; do
    k=$((k + 1))
    case $when in *ms) ms=${when%ms} ;; *) ms=$((T * when / 1000)) ;; esac
    dir=$TMP/$name-$k
    mkdir "$dir" && cp "$TMP/base/base.db" "$dir/t.db"
    export CONFSPEND_DB=$dir/t.db
    eval "$setup" >/dev/null 2>&1
    "$CONFSPEND" "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    got=$(state)
    case $got in "$before") what=none ;; "$after") what=all ;; *) what=PARTIAL ;; esac
    states="$states $ms:$what"
    check "$name, kill at ${ms} ms: the change whole or absent" "$what" != PARTIAL
    check "$name, kill at ${ms} ms: integrity" "$(sql 'PRAGMA integrity_check')" = ok
    check "$name, kill at ${ms} ms: foreign keys" "$(sql 'PRAGMA foreign_key_check' | wc -l)" = 0
    # a bulk undo or redo runs under a rollback journal: the next command plays back
    # whatever a kill left and puts the database back in WAL mode
    "$CONFSPEND" list --month 2026-11 --format csv >/dev/null 2>&1 ||
      bad "$name, kill at ${ms} ms: the next command fails"
    check "$name, kill at ${ms} ms: WAL again" "$(sql 'PRAGMA journal_mode')" = wal
    if [ "$name" = backup ]; then
      if [ -e "$dir/copy.db" ]; then
        check "backup, kill at ${ms} ms: the copy is whole" "$(sqlite3 "$dir/copy.db" 'PRAGMA integrity_check')" = ok
      fi
    fi
  done
  echo "# $name (whole: ${T} ms):$states"
}

crash undo ":" undo
crash redo '"$CONFSPEND" undo && "$CONFSPEND" undo' redo
crash undo-import '"$CONFSPEND" undo' undo
crash redo-import '"$CONFSPEND" undo && "$CONFSPEND" undo' redo
crash restore ":" restore "$TMP/base/other.db"
crash config-set ":" config set owner "Ann Smith"
if "$CONFSPEND" schedule --help >/dev/null 2>&1; then
  crash schedule-edit ":" schedule edit 1 --amount 25
fi
# backup: the database never changes; the copy is absent or whole (checked above)
dir=$TMP/backup-ref
crash_backup() {
  local k=0 ms
  for ms in 1 5 10 20 40 80 160; do
    k=$((k + 1))
    dir=$TMP/backup-$k
    mkdir "$dir"
    export CONFSPEND_DB=$TMP/base/base.db
    before=$(state)
    "$CONFSPEND" backup "$dir/copy.db" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' $ms)"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    check "backup, kill at ${ms} ms: the database is unchanged" "$(state)" = "$before"
    if [ -e "$dir/copy.db" ]; then
      check "backup, kill at ${ms} ms: the copy is whole" "$(sqlite3 "$dir/copy.db" 'PRAGMA integrity_check')" = ok
      check "backup, kill at ${ms} ms: the copy holds every expense" "$(sqlite3 "$dir/copy.db" 'SELECT count(*) FROM expense')" = "$(sql 'SELECT count(*) FROM expense')"
    else
      ok
    fi
  done
}
crash_backup
finish
