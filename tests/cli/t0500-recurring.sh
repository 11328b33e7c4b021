#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Monthly donations: stored once as a schedule, every command posts the occurrences that
# are due (date <= today) as ordinary expenses, each exactly once.
. "$(dirname "$0")/lib.sh"

HEAD="id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip"
crlf() { printf '%s\r\n' "$@"; }
on() { local d=$1; shift; CONFSPEND_TODAY=$d "$CONFSPEND" "$@"; }
count() { sql "SELECT count(*) FROM expense WHERE schedule_id = $1"; }

expect_out "add a monthly donation" \
  "1  2026-11-05  donation  20.00 USD  PSF
monthly donation 20.00 USD from 2026-11 (schedule 1)" \
  cs add donation 20 --monthly --date 2026-11-05 --recipient PSF --note "monthly" --payment card
expect_out "the schedule is stored once" "1|donation|2000|USD|2026-11-05|NULL|2026-11|PSF|monthly|card" \
  sql "SELECT id, category, amount, currency, start_date, quote(until_month), posted_month, recipient, note, payment FROM schedule"
expect_out "this month's occurrence is an ordinary expense" \
  "1|2026-11-05|donation|2000|USD|PSF|monthly|card|1|2026-11" \
  sql "SELECT id, date, category, amount, currency, recipient, note, payment, schedule_id, occurrence FROM expense"

# four months later: one occurrence per month, Nov to Mar
expect_out "four months on, list shows one per month" \
  "$(crlf "$HEAD" \
    "1,2026-11-05,donation,20.00,USD,,monthly,,no,,,,," \
    "2,2026-12-05,donation,20.00,USD,,monthly,,no,,,,," \
    "3,2027-01-05,donation,20.00,USD,,monthly,,no,,,,," \
    "4,2027-02-05,donation,20.00,USD,,monthly,,no,,,,," \
    "5,2027-03-05,donation,20.00,USD,,monthly,,no,,,,,")" \
  on 2027-03-10 list --category donation --format csv
expect_out "each posted once, marked with its month" "2026-11
2026-12
2027-01
2027-02
2027-03" sql "SELECT occurrence FROM expense WHERE schedule_id = 1 ORDER BY date"
expect_out "the schedule remembers the newest posted month" "2027-03" sql "SELECT posted_month FROM schedule WHERE id = 1"
before=$(db_state)
expect_ok "running list again" on 2027-03-10 list
expect_ok "running another command" on 2027-03-10 config get
expect_ok "running trip list" on 2027-03-10 trip list
expect_out "adds none" "5" count 1
check "the database did not change at all" "$(db_state)" = "$before"
expect_out "a day before the next one: still none" "5" sh -c 'CONFSPEND_TODAY=2027-04-04 "$CONFSPEND" list >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM expense WHERE schedule_id = 1"'
expect_out "on its day it is posted" "6" sh -c 'CONFSPEND_TODAY=2027-04-05 "$CONFSPEND" list >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM expense WHERE schedule_id = 1"'
expect_out "going back in time removes nothing and adds nothing" "6" sh -c 'CONFSPEND_TODAY=2026-12-01 "$CONFSPEND" list >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM expense WHERE schedule_id = 1"'
expect_out "the occurrences are in the history as adds" "6" sh -c '"$CONFSPEND" history --format csv >/dev/null && for i in $(sqlite3 "$CONFSPEND_DB" "SELECT id FROM expense WHERE schedule_id = 1"); do "$CONFSPEND" history $i --format csv | tail -n +2; done | grep -c ",add"'
expect_out "--help posts nothing (no database needed)" "6" sh -c 'CONFSPEND_TODAY=2027-09-30 "$CONFSPEND" list --help >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM expense WHERE schedule_id = 1"'

# an occurrence that is removed (or undone) stays removed
n=$(sql "SELECT id FROM expense WHERE schedule_id = 1 AND occurrence = '2027-04'")
expect_ok "rm the April occurrence" on 2027-04-05 rm "$n"
expect_out "it is not posted again" "0" sh -c 'CONFSPEND_TODAY=2027-04-20 "$CONFSPEND" list >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM expense WHERE occurrence = '"'"'2027-04'"'"'"'

# --until stops it: the last month is included
expect_out "monthly until" \
  "monthly donation 10.00 USD from 2026-12 until 2027-02 (schedule 2)" \
  cs add donation 10 --monthly --date 2026-12-15 --until 2027-02 --recipient OSI
expect_out "nothing posted before the start" "0" count 2
expect_out "until: one a month through February, then none" \
  "2026-12-15|2026-12
2027-01-15|2027-01
2027-02-15|2027-02" \
  sh -c 'CONFSPEND_TODAY=2027-06-30 "$CONFSPEND" list >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT date, occurrence FROM expense WHERE schedule_id = 2 ORDER BY date"'
expect_ok "and later still" on 2028-01-01 list
expect_out "still three" "3" count 2
expect_out "--until the start month gives one" \
  "monthly donation 1.00 USD from 2027-01 until 2027-01 (schedule 3)" \
  cs add donation 1 --monthly --date 2027-01-20 --until 2027-01
expect_ok "a year on" on 2028-01-01 list
expect_out "exactly one" "2027-01-20" sql "SELECT date FROM expense WHERE schedule_id = 3"

# the 31st clamps to the month's end (Feb 28, or 29 in a leap year)
expect_out "monthly on the 31st" "monthly donation 5.00 USD from 2027-01 (schedule 4)" \
  cs add donation 5 --monthly --date 2027-01-31
expect_ok "on 2027-05-31" on 2027-05-31 list
expect_out "clamped to each month's last day" "2027-01-31
2027-02-28
2027-03-31
2027-04-30
2027-05-31" sql "SELECT date FROM expense WHERE schedule_id = 4 ORDER BY date"
expect_out "monthly on the 31st in a leap year" "monthly donation 7.00 USD from 2028-01 until 2028-04 (schedule 5)" \
  cs add donation 7 --monthly --date 2028-01-31 --until 2028-04
expect_ok "on 2028-02-28 the February one is not due yet" on 2028-02-28 list
expect_out "only January" "2028-01-31" sql "SELECT date FROM expense WHERE schedule_id = 5"
expect_ok "on 2028-02-29 it is" on 2028-02-29 list
expect_out "February 29" "2028-01-31
2028-02-29" sql "SELECT date FROM expense WHERE schedule_id = 5 ORDER BY date"
expect_ok "to the end" on 2028-12-31 list
expect_out "March 31 and April 30, then it stops" "2028-01-31
2028-02-29
2028-03-31
2028-04-30" sql "SELECT date FROM expense WHERE schedule_id = 5 ORDER BY date"
expect_out "the 30th clamps in February only" "monthly donation 3.00 USD from 2029-01 until 2029-03 (schedule 6)" \
  cs add donation 3 --monthly --date 2029-01-30 --until 2029-03
expect_ok "through March 2029" on 2029-03-30 list
expect_out "Jan 30, Feb 28, Mar 30" "2029-01-30
2029-02-28
2029-03-30" sql "SELECT date FROM expense WHERE schedule_id = 6 ORDER BY date"

# a start date in the future posts nothing until it is due, then posts on add's day
expect_out "today is the start day: posted at once" \
  "$(( $(sql "SELECT max(id) FROM expense") + 1 ))  2027-06-12  donation  2.00 USD
monthly donation 2.00 USD from 2027-06 (schedule 7)" \
  on 2027-06-12 add donation 2 --monthly --date 2027-06-12
expect_out "a future start posts nothing" "monthly donation 4.00 EUR from 2030-03 (schedule 8)" \
  on 2030-01-15 add donation 4 --monthly --date 2030-03-01 --currency EUR
expect_out "not in February" "0" sh -c 'CONFSPEND_TODAY=2030-02-28 "$CONFSPEND" list >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM expense WHERE schedule_id = 8"'
expect_out "posted on March 1st" "2030-03-01|400|EUR" sh -c 'CONFSPEND_TODAY=2030-03-01 "$CONFSPEND" list >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT date, amount, currency FROM expense WHERE schedule_id = 8"'

# a schedule takes the trip and its currency like any add
expect_ok "trip in JPY" cs trip add tokyo --name Tokyo --start 2026-11-01 --end 2026-11-30 --currency JPY
expect_out "monthly on a trip" "$(( $(sql "SELECT max(id) FROM expense") + 1 ))  2026-11-01  donation  500 JPY  [tokyo]
monthly donation 500 JPY from 2026-11 until 2026-11 (schedule 9)" \
  cs add donation 500 --monthly --date 2026-11-01 --until 2026-11 --trip tokyo --reimbursable
expect_out "the occurrence has the trip" "500|JPY|1|1" \
  sql "SELECT amount, currency, trip_id, reimbursable FROM expense WHERE schedule_id = 9"

finish
