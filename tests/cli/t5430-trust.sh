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

finish
