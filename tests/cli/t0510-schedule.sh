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

# --- (rev 2) --monthly for every category; a schedule never takes the active trip
export CONFSPEND_DB="$TMP/cat.db"
expect_out "a monthly subscription (other), its first month already due" \
  "1  2026-10-31  other  9.99 USD  Cloud Co
monthly other 9.99 USD from 2026-10 (schedule 1)" \
  cs add other 9.99 --monthly --date 2026-10-31 --merchant "Cloud Co"
expect_out "a monthly ride (a transit pass) is posted as add ride has it" \
  "2  2026-11-01  ride  90.00 USD
monthly ride 90.00 USD from 2026-11 until 2027-01 (schedule 2)" \
  cs add ride 90 --monthly --date 2026-11-01 --until 2027-01 --note "transit pass"
expect_out "provider other, not shared, like add ride" "2|ride|9000|other|0|transit pass|2|2026-11" \
  sql "SELECT id, category, amount, provider, shared, note, schedule_id, occurrence FROM expense WHERE id = 2"
expect_out "the schedules are stored once" "1|other|999|2026-10-31||2026-10|Cloud Co
2|ride|9000|2026-11-01|2027-01|2026-11|" \
  sql "SELECT id, category, amount, start_date, until_month, posted_month, merchant FROM schedule ORDER BY id"
expect_ok "a trip in EUR" cs trip add conf --name Conf --start 2026-11-08 --end 2026-12-02 --currency EUR
expect_ok "is the active trip" cs trip use conf
expect_out "a plain add takes the active trip and its currency" "3  2026-11-09  meal  4.00 EUR  [conf]" \
  cs add meal 4 --date 2026-11-09
expect_out "a monthly one does not: no trip, the base currency" \
  "4  2026-11-09  meal  12.00 USD
monthly meal 12.00 USD from 2026-11 (schedule 3)" \
  cs add meal 12 --monthly --date 2026-11-09
expect_out "neither the schedule nor its occurrence has a trip" "NULL|NULL|USD" \
  sql "SELECT quote(s.trip_id), quote(e.trip_id), s.currency FROM schedule s JOIN expense e ON e.schedule_id = s.id WHERE s.id = 3"
expect_out "an explicit --trip: the trip's currency, posted before the trip starts" \
  "5  2026-10-02  donation  5.00 EUR  PSF
6  2026-11-02  donation  5.00 EUR  PSF
monthly donation 5.00 EUR from 2026-10 (schedule 4)" \
  cs add donation 5 --monthly --date 2026-10-02 --trip conf --recipient PSF
expect_ok "two months on" on 2027-01-10 list
expect_out "the occurrence gets the trip only within the trip's dates (2026-11-08..2026-12-02)" \
  "2026-10-02|
2026-11-02|
2026-12-02|conf
2027-01-02|" \
  sql "SELECT e.date, coalesce(t.slug, '') FROM expense e LEFT JOIN trip t ON t.id = e.trip_id WHERE e.schedule_id = 4 ORDER BY e.date"
expect_out "the schedule keeps its trip" "conf" sql "SELECT t.slug FROM schedule s JOIN trip t ON t.id = s.trip_id WHERE s.id = 4"
expect_out "every category was posted through January" "1|2026-10-31,2026-11-30,2026-12-31
2|2026-11-01,2026-12-01,2027-01-01
3|2026-11-09,2026-12-09,2027-01-09
4|2026-10-02,2026-11-02,2026-12-02,2027-01-02" \
  sql "SELECT schedule_id, group_concat(date) FROM (SELECT schedule_id, date FROM expense WHERE schedule_id IS NOT NULL ORDER BY date) GROUP BY schedule_id"
expect_fail "trip rm is refused while a schedule uses the trip" 2 "trip: " cs trip rm conf

finish
