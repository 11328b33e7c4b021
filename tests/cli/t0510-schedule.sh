#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
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

# --- schedule list, edit, stop, rm (today 2026-11-10 unless given)
export CONFSPEND_DB="$TMP/cmd.db"
HEAD="id,category,amount,currency,day,from,until,trip,merchant,recipient,note,next,posted"
cs add donation 20 --monthly --date 2026-11-05 --recipient PSF --note "monthly, thanks" >/dev/null
cs add other 9.99 --monthly --date 2026-10-31 --merchant "Cloud Co" --until 2027-02 >/dev/null
cs add meal 15 --monthly --date 2027-01-15 >/dev/null
cs trip add conf --name Conf --start 2026-12-01 --end 2026-12-20 >/dev/null
expect_csv "schedule list --format csv" "$HEAD
1,donation,20.00,USD,5,2026-11,,,,PSF,\"monthly, thanks\",2026-12-05,1
2,other,9.99,USD,31,2026-10,2027-02,,Cloud Co,,,2026-11-30,1
3,meal,15.00,USD,15,2027-01,,,,,,2027-01-15,0" cs schedule list --format csv
expect_out "schedule list (table)" \
"id  category  amount  currency  day  from     until    trip  merchant  recipient  note             next        posted
 1  donation   20.00  USD         5  2026-11                           PSF        monthly, thanks  2026-12-05       1
 2  other       9.99  USD        31  2026-10  2027-02        Cloud Co                              2026-11-30       1
 3  meal       15.00  USD        15  2027-01                                                       2027-01-15       0" \
  cs schedule list
expect_out "schedule list --format json, same keys" \
  '  {"id": "2", "category": "other", "amount": "9.99", "currency": "USD", "day": "31", "from": "2026-10", "until": "2027-02", "trip": "", "merchant": "Cloud Co", "recipient": "", "note": "", "next": "2026-11-30", "posted": "1"},' \
  sh -c '"$CONFSPEND" schedule list --format json | sed -n 3p'

# edit: the occurrences posted from now on; posted ones stay as they are
expect_out "schedule edit" "monthly donation 25.00 USD from 2026-11 (schedule 1)" \
  cs schedule edit 1 --amount 25 --merchant "PSF Inc" --note "" --trip conf
expect_out "stored" "2500|PSF Inc|NULL|conf|PSF" \
  sql "SELECT s.amount, s.merchant, quote(s.note), t.slug, s.recipient FROM schedule s JOIN trip t ON t.id = s.trip_id WHERE s.id = 1"
expect_out "the posted occurrence is unchanged" "1|2026-11-05|2000||monthly, thanks|NULL" \
  sql "SELECT id, date, amount, merchant, note, quote(trip_id) FROM expense WHERE schedule_id = 1"
expect_ok "December" on 2026-12-10 list
expect_out "the next one has the new amount, texts and (within its dates) the trip" \
  "2026-11-05|2000||monthly, thanks|
2026-12-05|2500|PSF Inc||conf" \
  sql "SELECT e.date, e.amount, e.merchant, e.note, coalesce(t.slug, '') FROM expense e LEFT JOIN trip t ON t.id = e.trip_id WHERE e.schedule_id = 1 ORDER BY e.date"
expect_out "edit history line" "undid change 5: schedule edit 1: monthly donation 25.00 USD from 2026-11" \
  sh -c 'CONFSPEND_TODAY=2026-12-10 "$CONFSPEND" undo; CONFSPEND_TODAY=2026-12-10 "$CONFSPEND" redo >/dev/null'
check "edit after undo and redo" "$(sql "SELECT amount FROM schedule WHERE id = 1")" = 2500
expect_out "--no-trip" "monthly donation 25.00 USD from 2026-11 (schedule 1)" on 2026-12-10 schedule edit 1 --no-trip
expect_out "no trip stored" "NULL" sql "SELECT quote(trip_id) FROM schedule WHERE id = 1"
expect_out "--until and --no-until" "monthly donation 25.00 USD from 2026-11 until 2027-06 (schedule 1)" \
  on 2026-12-10 schedule edit 1 --until 2027-06
expect_out "--no-until" "monthly donation 25.00 USD from 2026-11 (schedule 1)" on 2026-12-10 schedule edit 1 --no-until
expect_out "open-ended again" "NULL" sql "SELECT quote(until_month) FROM schedule WHERE id = 1"

# refusals: one line, exit 2, nothing written
t() { local what=$1 frag=$2; shift 2; expect_fail "$what" 2 "$frag" on 2026-12-10 "$@"; }
t "until before the first month" "--until: before the first month 2026-11 (2026-10)" schedule edit 1 --until 2026-10
t "until before the last posted" "--until: before the last posted occurrence 2026-11 (2026-10)" schedule edit 2 --until 2026-10
t "until not a month" "--until: no such month (2027-13)" schedule edit 1 --until 2027-13
t "until a date" "--until: not a month in YYYY-MM form (2027-01-01)" schedule edit 1 --until 2027-01-01
t "until and no-until" "--until: cannot go with --no-until (2027-05)" schedule edit 1 --until 2027-05 --no-until
t "trip and no-trip" "--trip: cannot go with --no-trip (conf)" schedule edit 1 --trip conf --no-trip
t "unknown trip" "trip: no such trip (nope)" schedule edit 1 --trip nope
t "amount 0" "--amount: must be greater than zero (0)" schedule edit 1 --amount 0
t "amount decimals" "--amount: at most 2 decimals in this currency (1.234)" schedule edit 1 --amount 1.234
t "amount negative" "--amount: must be a positive decimal number (-5)" schedule edit 1 --amount -5
t "amount not a number" "--amount: not a decimal number (1e3)" schedule edit 1 --amount 1e3
t "recipient of another category" "--recipient: only for donation expenses (other)" schedule edit 2 --recipient X
t "invalid UTF-8" "--note: not valid UTF-8 text" schedule edit 1 --note "$(printf 'caf\xe9')"
t "too long" "--merchant: longer than 4096 bytes" schedule edit 1 --merchant "$(printf 'm%.0s' {1..4097})"
t "no such schedule: edit" "schedule: no such schedule (99)" schedule edit 99 --amount 1
t "no such schedule: stop" "schedule: no such schedule (99)" schedule stop 99
t "no such schedule: rm" "schedule: no such schedule (99)" schedule rm 99
t "not an id" "id: not a schedule id (x)" schedule rm x
t "id 0" "id: not a schedule id (0)" schedule stop 0
t "missing id" "id: missing (schedule stop ID)" schedule stop
t "missing subcommand" "schedule: missing subcommand (list, edit, stop, rm)" schedule
t "unknown subcommand" "schedule: unknown subcommand (list, edit, stop, rm) (frob)" schedule frob
t "edit options elsewhere" "--amount: only for schedule edit (5)" schedule stop 1 --amount 5
t "--no-trip elsewhere" "--no-trip: only for schedule edit" schedule rm 1 --no-trip
t "--format elsewhere" "--format: only for schedule list (csv)" schedule rm 1 --format csv
t "bad format" "--format: must be table, csv or json (xml)" schedule list --format xml
t "list takes no id" "argument: unexpected argument (1)" schedule list 1
t "one id" "argument: unexpected argument (2)" schedule edit 1 2
t "unknown option" "option: unknown option (--bogus)" schedule edit 1 --bogus

# stop: until = the month of the last posted occurrence; none posted: removed
expect_ok "January" on 2027-01-10 list
expect_out "stop" "stopped monthly other 9.99 USD from 2026-10 until 2026-12 (schedule 2)" \
  on 2027-01-10 schedule stop 2
expect_out "stored" "2026-12|2026-12|3" \
  sql "SELECT until_month, posted_month, (SELECT count(*) FROM expense WHERE schedule_id = 2) FROM schedule WHERE id = 2"
expect_out "stop with none posted removes it" \
  "removed monthly meal 15.00 USD from 2027-01 (schedule 3): nothing was posted" on 2027-01-10 schedule stop 3
expect_out "gone" "0" sql "SELECT count(*) FROM schedule WHERE id = 3"
expect_out "undo brings it back" "undid change 12: schedule stop 3: removed, nothing was posted: monthly meal 15.00 USD from 2027-01" on 2027-01-10 undo
expect_out "as it was" "3|meal|1500|2027-01-15" sql "SELECT id, category, amount, start_date FROM schedule WHERE id = 3"
expect_ok "and stop it again" on 2027-01-10 schedule stop 3
expect_ok "months later" on 2027-03-10 list
expect_out "a stopped schedule posts nothing more" "3" sql "SELECT count(*) FROM expense WHERE schedule_id = 2"
expect_csv "list: a stopped one has no next" "$HEAD
1,donation,25.00,USD,5,2026-11,,,PSF Inc,PSF,,2027-04-05,5
2,other,9.99,USD,31,2026-10,2026-12,,Cloud Co,,,,3" on 2027-03-10 schedule list --format csv
# moving the until on again posts from now on: January 31 and February 28 stay out
expect_out "edit --no-until of a stopped one" "monthly other 9.99 USD from 2026-10 (schedule 2)" \
  on 2027-03-10 schedule edit 2 --no-until
expect_out "the months it left out are past: skipped" "2027-02|NULL" \
  sql "SELECT posted_month, quote(until_month) FROM schedule WHERE id = 2"
expect_ok "on March 31" on 2027-03-31 list
expect_out "only March is posted" "2026-10-31,2026-11-30,2026-12-31,2027-03-31" \
  sql "SELECT group_concat(date) FROM (SELECT date FROM expense WHERE schedule_id = 2 ORDER BY date)"

# rm of a posted occurrence: it is not posted again, whatever the schedule does next
expect_out "a donation from November" "monthly donation 3.00 USD from 2026-11 (schedule 4)" \
  sh -c 'CONFSPEND_TODAY=2027-01-10 "$CONFSPEND" add donation 3 --monthly --date 2026-11-01 --recipient OSI | tail -1'
jan=$(sql "SELECT id FROM expense WHERE schedule_id = 4 AND occurrence = '2027-01'")
expect_ok "rm the newest occurrence" on 2027-01-10 rm "$jan"
expect_ok "edit the schedule" on 2027-01-20 schedule edit 4 --amount 4
expect_ok "and again later" on 2027-01-31 list
expect_out "January is not posted again" "2026-11-01|300
2026-12-01|300" sql "SELECT date, amount FROM expense WHERE schedule_id = 4 ORDER BY date"
expect_ok "February" on 2027-02-01 list
expect_out "February at the new amount, January still not" "2026-11-01|300
2026-12-01|300
2027-02-01|400" sql "SELECT date, amount FROM expense WHERE schedule_id = 4 ORDER BY date"

# rm: the schedule goes, its occurrences stay as ordinary expenses
before=$(sql "SELECT id, date, amount, merchant, recipient, note, trip_id FROM expense WHERE schedule_id = 1 ORDER BY id")
expect_out "schedule rm" \
  "removed monthly donation 25.00 USD from 2026-11 (schedule 1); 5 posted occurrences stay as expenses" \
  on 2027-03-31 schedule rm 1
expect_out "the schedule is gone" "0" sql "SELECT count(*) FROM schedule WHERE id = 1"
expect_out "its occurrences stay, as they were, no longer occurrences" "$before" \
  sql "SELECT id, date, amount, merchant, recipient, note, trip_id FROM expense WHERE id IN (SELECT id FROM expense WHERE recipient = 'PSF') AND schedule_id IS NULL AND occurrence IS NULL ORDER BY id"
expect_out "the foreign keys hold" "" sql "PRAGMA foreign_key_check"
expect_ok "a year on" on 2028-03-31 list
expect_out "nothing is posted for them again" "5" sql "SELECT count(*) FROM expense WHERE recipient = 'PSF'"
first=$(sql "SELECT min(id) FROM expense WHERE recipient = 'PSF'")
expect_ok "an ordinary expense now: its category can change" on 2028-03-31 edit "$first" --category other --recipient ""
expect_ok "undo that edit" on 2028-03-31 undo
expect_out "undo of schedule rm" "undid change 22: schedule rm 1: monthly donation 25.00 USD from 2026-11" \
  on 2028-03-31 undo
expect_out "the schedule and its occurrences are linked again" "5|2027-03" \
  sql "SELECT (SELECT count(*) FROM expense WHERE schedule_id = 1), posted_month FROM schedule WHERE id = 1"
expect_ok "redo" on 2028-03-31 redo
expect_out "removed again; what it posted while it was back went with it" "0|0|5" \
  sql "SELECT (SELECT count(*) FROM schedule WHERE id = 1), (SELECT count(*) FROM expense WHERE schedule_id = 1), (SELECT count(*) FROM expense WHERE recipient = 'PSF')"

# --help, without a database
out=$(cs --db "$TMP/none.db" schedule --help); rc=$?
check "schedule --help exits 0" "$rc" -eq 0
check "schedule --help's usage" "$(printf '%s\n' "$out" | head -1)" = "usage: confspend [--db FILE] schedule list|edit|stop|rm ..."
case $out in *"schedule stop ID"*"schedule rm ID"*) ok ;; *) bad "schedule --help lacks stop and rm" ;; esac
expect_out "schedule edit --help is the same" "$out" cs --db "$TMP/none.db" schedule edit --help
check "--help made no database" ! -e "$TMP/none.db"
case $(cs --help) in *"schedule list|edit|stop|rm ..."*) ok ;; *) bad "confspend --help lacks schedule" ;; esac

finish
