#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regression tests of the trust bugs the change log fixes: each failed on revision 1.
. "$(dirname "$0")/lib.sh"

# 1. undo on a day an occurrence falls due undid that posting instead of the user's change,
#    and the occurrence never came back
export CONFSPEND_TODAY=2026-10-20
expect_ok "a monthly donation" cs add donation 20 --recipient PSF --monthly --date 2026-10-15
export CONFSPEND_TODAY=2026-11-15
expect_out "a meal on the day the next occurrence falls due" "3  2026-11-15  meal  7.00 USD" cs add meal 7
expect_out "the occurrence was posted first, as a change of its own" "post|posted 1 due occurrence of schedules" \
  sql "SELECT kind, summary FROM change WHERE id = 2"
expect_out "undo takes the meal back, not the posting" "undid change 3: add 3  2026-11-15  meal  7.00 USD" cs undo
expect_out "both occurrences stay" "2026-10-15|2026-11-15" sql "SELECT group_concat(date, '|') FROM (SELECT date FROM expense WHERE schedule_id = 1 ORDER BY date)"
expect_out "undo again takes the schedule back with everything it posted" \
  "undid change 1: add schedule 1: monthly donation 20.00 USD from 2026-10" cs undo
expect_out "no schedule, no occurrence" "0|0" sql "SELECT (SELECT count(*) FROM schedule), (SELECT count(*) FROM expense)"
expect_ok "a later command posts nothing" cs list
expect_out "still none" "0" sql "SELECT count(*) FROM expense"
expect_out "redo brings the schedule back" "redid change 1: add schedule 1: monthly donation 20.00 USD from 2026-10" cs redo
expect_ok "and the next command posts what is due" cs list
expect_out "both occurrences again, each once" "2026-10-15|2026-11-15" sql "SELECT group_concat(date, '|') FROM (SELECT date FROM expense WHERE schedule_id = 1 ORDER BY date)"

# 2. trip ids were reused: after trip rm and a new trip add, undo of an earlier removal
#    re-linked the expense to the new trip, and the removed trip's budget showed up on it
export CONFSPEND_DB=$TMP/trips.db CONFSPEND_TODAY=2026-11-10
cs trip add old --name Old --start 2026-11-01 --end 2026-11-05 >/dev/null
cs budget set total 500 --trip old >/dev/null
cs add meal 9 --trip old --date 2026-11-02 >/dev/null
expect_ok "rm the expense" cs rm 1
expect_ok "rm the trip" cs trip rm old
expect_out "its budget went with it" "0" sql "SELECT count(*) FROM budget"
cs trip add new --name New --start 2026-12-01 --end 2026-12-05 >/dev/null
expect_out "a new trip gets a new id" "2" sql "SELECT id FROM trip WHERE slug = 'new'"
expect_out "the new trip has no budget" "" sh -c '"$CONFSPEND" budget list --format csv | tail -n +2'
expect_ok "undo the new trip" cs undo
expect_ok "undo the trip rm" cs undo
expect_ok "undo the expense rm" cs undo
expect_out "the expense is back on its own trip" "old" sql "SELECT t.slug FROM expense e JOIN trip t ON t.id = e.trip_id"
expect_out "with its budget" "total|50000|1" sql "SELECT category, amount, trip_id FROM budget"

# 3. undo of an import left the trips it created
export CONFSPEND_DB=$TMP/imp.db
printf 'date,category,amount,currency,trip\n2026-05-02,meal,4.00,USD,pycon\n2026-05-03,ride,12.00,USD,pycon\n' >"$TMP/i.csv"
expect_ok "an import that creates a trip" cs import csv "$TMP/i.csv"
expect_out "the trip is there" "pycon" sql "SELECT slug FROM trip"
expect_ok "undo the import" cs undo
expect_out "the trip went with it" "0|0" sql "SELECT (SELECT count(*) FROM trip), (SELECT count(*) FROM expense)"
expect_ok "redo" cs redo
expect_out "both back" "1|2" sql "SELECT (SELECT count(*) FROM trip), (SELECT count(*) FROM expense)"

# 4. history crashed (SIGSEGV) on a revision-1 history row whose JSON lacks a field
export CONFSPEND_DB=$TMP/legacy.db
cs add meal 3 >/dev/null
sql "INSERT INTO history_v1(expense_id, action, before, after) VALUES (1, 'update', '{}', '{\"amount\": 5}'), (1, 'insert', NULL, '{}'), (1, 'import', NULL, '{}')"
expect_status "history ID over incomplete revision-1 rows does not crash" 0 cs history 1
check "and shows them" "$(cs history 1 --format csv | wc -l)" -ge 4
expect_status "history lists" 0 cs history

# 5. undo and redo record nothing of their own, and a failed command records nothing
export CONFSPEND_DB=$TMP/quiet.db
cs add meal 3 >/dev/null
expect_fail "a refused add" 2 "amount" cs add meal abc
expect_out "one change" "1" sql "SELECT count(*) FROM change"
cs undo >/dev/null; cs redo >/dev/null
expect_out "still one change, done" "1|done" sql "SELECT count(*), state FROM change"
finish
