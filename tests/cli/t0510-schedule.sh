#!/bin/bash
# Schedules (rev 2): `add --monthly` for every category, `schedule list|edit|stop|rm`, the
# trip of an occurrence, and undo of a schedule with everything it posted.
. "$(dirname "$0")/lib.sh"

on() { local d=$1; shift; CONFSPEND_TODAY=$d "$CONFSPEND" "$@"; }
occ() { sql "SELECT id, date, amount, schedule_id, occurrence FROM expense WHERE schedule_id = $1 ORDER BY date"; }

# --- undo after add --monthly: the schedule and everything it posted, later postings too
export CONFSPEND_DB="$TMP/undo.db"
expect_out "add a monthly donation" "1  2026-11-05  donation  20.00 USD  PSF
monthly donation 20.00 USD from 2026-11 (schedule 1)" \
  on 2026-11-10 add donation 20 --monthly --date 2026-11-05 --recipient PSF
expect_ok "two months later the next two are posted" on 2027-01-10 list
expect_out "three occurrences" "1|2026-11-05|2000|1|2026-11
2|2026-12-05|2000|1|2026-12
3|2027-01-05|2000|1|2027-01" occ 1
expect_out "undo takes the schedule back" \
  "undid change 1: add schedule 1: monthly donation 20.00 USD from 2026-11" on 2027-01-10 undo
expect_out "with every occurrence, the later postings' too" "0|0" \
  sql "SELECT (SELECT count(*) FROM schedule), (SELECT count(*) FROM expense)"
expect_ok "a later command posts nothing" on 2027-03-10 list
expect_out "still nothing" "0" sql "SELECT count(*) FROM expense"
expect_fail "nothing else to undo" 2 "undo: nothing to undo" on 2027-03-10 undo
expect_out "redo puts the schedule back" \
  "redid change 1: add schedule 1: monthly donation 20.00 USD from 2026-11" on 2027-03-10 redo
expect_out "with its first occurrence (same id), posted up to it" "1|2026-11" \
  sql "SELECT (SELECT group_concat(id) FROM expense), posted_month FROM schedule"
expect_ok "the next command posts the months since" on 2027-03-10 list
expect_out "December to March, once each, new ids" "1|2026-11-05|2000|1|2026-11
4|2026-12-05|2000|1|2026-12
5|2027-01-05|2000|1|2027-01
6|2027-02-05|2000|1|2027-02
7|2027-03-05|2000|1|2027-03" occ 1
expect_out "undo again" \
  "undid change 1: add schedule 1: monthly donation 20.00 USD from 2026-11" on 2027-03-10 undo
expect_out "all gone again" "0|0" \
  sql "SELECT (SELECT count(*) FROM schedule), (SELECT count(*) FROM expense)"

finish
