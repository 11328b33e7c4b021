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

finish
