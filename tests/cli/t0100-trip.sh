#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# trip add / list / show / edit / rm / use: outputs in every format, and every refusal.
. "$(dirname "$0")/lib.sh"

expect_out "trip add with a city" \
  "pycon  PyCon US  2026-11-01 to 2026-11-08  Pittsburgh  USD" \
  cs trip add pycon --name "PyCon US" --start 2026-11-01 --end 2026-11-08 --city Pittsburgh
expect_out "trip add with a currency" \
  "tokyo  東京 \"dev\" days  2026-12-01 to 2026-12-08  JPY" \
  cs trip add tokyo --name '東京 "dev" days' --start 2026-12-01 --end 2026-12-08 --currency JPY
expect_out "trip add of one day, --name=VALUE form" \
  "day.1_x  One day  2026-10-20 to 2026-10-20  USD" \
  cs trip add day.1_x --name="One day" --start=2026-10-20 --end=2026-10-20
expect_out "stored as given" \
  "1|pycon|PyCon US|2026-11-01|2026-11-08|Pittsburgh|USD
2|tokyo|東京 \"dev\" days|2026-12-01|2026-12-08||JPY
3|day.1_x|One day|2026-10-20|2026-10-20||USD" \
  sql "SELECT id, slug, name, start_date, end_date, city, currency FROM trip ORDER BY id"

# the base currency is the default for new trips
expect_ok "config set currency" cs config set currency EUR
expect_out "trip add takes the base currency" \
  "berlin  Berlin  2027-01-10 to 2027-01-12  EUR" \
  cs trip add berlin --name Berlin --start 2027-01-10 --end 2027-01-12
expect_ok "config set currency back" cs config set currency USD

expect_out "trip list (table), ordered by start" \
  "slug     name             start       end         city        currency  expenses  active
day.1_x  One day          2026-10-20  2026-10-20              USD              0  no
pycon    PyCon US         2026-11-01  2026-11-08  Pittsburgh  USD              0  no
tokyo    東京 \"dev\" days  2026-12-01  2026-12-08              JPY              0  no
berlin   Berlin           2027-01-10  2027-01-12              EUR              0  no" \
  cs trip list
expect_csv "trip list --format csv" \
  'slug,name,start,end,city,currency,expenses,active
day.1_x,One day,2026-10-20,2026-10-20,,USD,0,no
pycon,PyCon US,2026-11-01,2026-11-08,Pittsburgh,USD,0,no
tokyo,"東京 ""dev"" days",2026-12-01,2026-12-08,,JPY,0,no
berlin,Berlin,2027-01-10,2027-01-12,,EUR,0,no' \
  cs trip list --format csv
expect_out "trip list --format json" \
  '[
  {"slug": "day.1_x", "name": "One day", "start": "2026-10-20", "end": "2026-10-20", "city": "", "currency": "USD", "expenses": "0", "active": "no"},
  {"slug": "pycon", "name": "PyCon US", "start": "2026-11-01", "end": "2026-11-08", "city": "Pittsburgh", "currency": "USD", "expenses": "0", "active": "no"},
  {"slug": "tokyo", "name": "東京 \"dev\" days", "start": "2026-12-01", "end": "2026-12-08", "city": "", "currency": "JPY", "expenses": "0", "active": "no"},
  {"slug": "berlin", "name": "Berlin", "start": "2027-01-10", "end": "2027-01-12", "city": "", "currency": "EUR", "expenses": "0", "active": "no"}
]' \
  cs trip list --format json

# use / active
expect_out "trip use" "active trip: pycon" cs trip use pycon
expect_out "active is stored by id" "2026-11-10|1" sql "SELECT '2026-11-10', value FROM config WHERE key = 'trip.active'"
expect_out "trip show marks it active" \
  "slug   name      start       end         city        currency  expenses  active
pycon  PyCon US  2026-11-01  2026-11-08  Pittsburgh  USD              0  yes" \
  cs trip show pycon
expect_csv "trip show --format csv" \
  "slug,name,start,end,city,currency,expenses,active
pycon,PyCon US,2026-11-01,2026-11-08,Pittsburgh,USD,0,yes" \
  cs trip show pycon --format csv
expect_out "trip show --format json" \
  '[
  {"slug": "pycon", "name": "PyCon US", "start": "2026-11-01", "end": "2026-11-08", "city": "Pittsburgh", "currency": "USD", "expenses": "0", "active": "yes"}
]' \
  cs trip show pycon --format json
expect_out "an expense gets the active trip" \
  "1  2026-11-03  meal  12.00 USD  [pycon]" cs add meal 12 --date 2026-11-03
expect_csv "the expense count follows" \
  "slug,name,start,end,city,currency,expenses,active
pycon,PyCon US,2026-11-01,2026-11-08,Pittsburgh,USD,1,yes" \
  cs trip show pycon --format csv
expect_out "trip use another" "active trip: tokyo" cs trip use tokyo
expect_out "the active trip moved" "tokyo|yes
pycon|no" sql "SELECT slug, CASE WHEN id = (SELECT value FROM config WHERE key = 'trip.active') THEN 'yes' ELSE 'no' END FROM trip WHERE slug IN ('tokyo', 'pycon') ORDER BY slug DESC"
expect_out "trip use --none" "no active trip" cs trip use --none
expect_out "no active trip is stored" "0" sql "SELECT count(*) FROM config WHERE key = 'trip.active'"
expect_out "then an expense has no trip" "2  2026-11-10  meal  3.00 USD" cs add meal 3
expect_out "trip use --none again is fine" "no active trip" cs trip use --none

# edit
expect_out "trip edit name and city" \
  "pycon  PyCon US 2026  2026-11-01 to 2026-11-08  Pittsburgh, PA  USD" \
  cs trip edit pycon --name "PyCon US 2026" --city "Pittsburgh, PA"
expect_out "trip edit dates" \
  "pycon  PyCon US 2026  2026-10-31 to 2026-11-09  Pittsburgh, PA  USD" \
  cs trip edit pycon --start 2026-10-31 --end 2026-11-09
expect_out "trip edit clears the city with an empty value" \
  "pycon  PyCon US 2026  2026-10-31 to 2026-11-09  USD" cs trip edit pycon --city ""
expect_out "city is NULL" "1" sql "SELECT city IS NULL FROM trip WHERE slug = 'pycon'"
expect_ok "trip use pycon" cs trip use pycon
expect_out "trip edit renames the slug" \
  "pycon-2026  PyCon US 2026  2026-10-31 to 2026-11-09  EUR" \
  cs trip edit pycon --slug pycon-2026 --currency EUR
expect_out "expenses and the active trip follow a rename" \
  "1|pycon-2026|1" \
  sql "SELECT e.id, t.slug, (SELECT value FROM config WHERE key = 'trip.active') = t.id FROM expense e JOIN trip t ON t.id = e.trip_id"
expect_csv "csv after edits" \
  "slug,name,start,end,city,currency,expenses,active
pycon-2026,PyCon US 2026,2026-10-31,2026-11-09,,EUR,1,yes" \
  cs trip show pycon-2026 --format csv

# rm
expect_fail "trip rm refused while an expense uses it" 2 \
  "trip: 1 expense uses it; move or remove them first (pycon-2026)" cs trip rm pycon-2026
expect_ok "add a second one" cs add meal 4 --trip pycon-2026
expect_fail "trip rm refused, plural" 2 \
  "trip: 2 expenses use it; move or remove them first (pycon-2026)" cs trip rm pycon-2026
expect_ok "a monthly donation on tokyo" cs add donation 5 --monthly --trip tokyo --date 2027-06-01
expect_fail "trip rm refused while a schedule uses it" 2 "trip: 1 schedule uses it; schedule rm or schedule edit --no-trip first (tokyo)" cs trip rm tokyo
expect_ok "trip use day.1_x" cs trip use day.1_x
expect_out "trip rm of an unused trip" "removed trip day.1_x" cs trip rm day.1_x
expect_out "it is gone, and no longer active" "0|0" \
  sql "SELECT (SELECT count(*) FROM trip WHERE slug = 'day.1_x'), (SELECT count(*) FROM config WHERE key = 'trip.active')"
expect_csv "trip list after rm" \
  "slug,name,start,end,city,currency,expenses,active
pycon-2026,PyCon US 2026,2026-10-31,2026-11-09,,EUR,2,no
tokyo,\"東京 \"\"dev\"\" days\",2026-12-01,2026-12-08,,JPY,0,no
berlin,Berlin,2027-01-10,2027-01-12,,EUR,0,no" \
  cs trip list --format csv

# refusals
expect_fail "duplicate slug" 2 "trip: a trip with this slug exists (tokyo)" \
  cs trip add tokyo --name Again --start 2026-01-01 --end 2026-01-02
expect_fail "edit to a taken slug" 2 "--slug: a trip with this slug exists (tokyo)" \
  cs trip edit berlin --slug tokyo
for s in Bad_Slug -dash .dot "with space" "" "ümlaut" "$(printf 'a%.0s' {1..65})" "a/b"; do
  expect_fail "bad slug '$s'" 2 "slug: use 1-64 of a-z 0-9 - _ ." \
    cs trip add --name X --start 2026-01-01 --end 2026-01-02 -- "$s"
done
expect_ok "a 64-character slug is fine" \
  cs trip add "$(printf 'a%.0s' {1..64})" --name X --start 2026-01-01 --end 2026-01-02
expect_fail "bad --slug on edit" 2 "--slug: use 1-64 of a-z 0-9 - _ . (Berlin)" \
  cs trip edit berlin --slug Berlin
expect_fail "end before start" 2 "--end: before --start 2026-11-09 (2026-11-08)" \
  cs trip add late --name X --start 2026-11-09 --end 2026-11-08
expect_fail "edit end before the stored start" 2 "--end: before the start 2027-01-10 (2027-01-09)" \
  cs trip edit berlin --end 2027-01-09
expect_fail "edit start after the stored end" 2 "--end: before the start 2027-01-13 (2027-01-12)" \
  cs trip edit berlin --start 2027-01-13
expect_fail "impossible start" 2 "--start: no such calendar date (2026-02-29)" \
  cs trip add x --name X --start 2026-02-29 --end 2026-03-01
expect_fail "malformed end" 2 "--end: not a date in YYYY-MM-DD form (2026-3-1)" \
  cs trip add x --name X --start 2026-02-28 --end 2026-3-1
expect_fail "missing --name" 2 "--name: required" cs trip add x --start 2026-01-01 --end 2026-01-02
expect_fail "empty --name" 2 "--name: must not be empty" cs trip add x --name "" --start 2026-01-01 --end 2026-01-02
expect_fail "missing --start" 2 "--start: required" cs trip add x --name X --end 2026-01-02
expect_fail "missing --end" 2 "--end: required" cs trip add x --name X --start 2026-01-02
expect_fail "unknown currency" 2 "--currency: unknown ISO 4217 currency code (XYZ)" \
  cs trip add x --name X --start 2026-01-01 --end 2026-01-02 --currency XYZ
expect_fail "lower-case currency" 2 "--currency: unknown ISO 4217 currency code (usd)" \
  cs trip add x --name X --start 2026-01-01 --end 2026-01-02 --currency usd
expect_fail "invalid UTF-8 name" 2 "--name: not valid UTF-8 text" \
  cs trip add x --name "$(printf 'caf\xe9')" --start 2026-01-01 --end 2026-01-02
expect_fail "--slug on add" 2 "--slug: only for trip edit (y)" \
  cs trip add x --name X --start 2026-01-01 --end 2026-01-02 --slug y
expect_fail "unknown trip: show" 2 "trip: no such trip (nope)" cs trip show nope
expect_fail "unknown trip: show csv prints nothing" 2 "trip: no such trip (nope)" cs trip show nope --format csv
check "unknown trip: nothing on stdout" "$(cat "$TMP/out")" = ""
expect_fail "unknown trip: edit" 2 "trip: no such trip (nope)" cs trip edit nope --name Y
expect_fail "unknown trip: rm" 2 "trip: no such trip (nope)" cs trip rm nope
expect_fail "unknown trip: use" 2 "trip: no such trip (nope)" cs trip use nope
expect_fail "unknown trip: add --trip" 2 "trip: no such trip (nope)" cs add meal 1 --trip nope
expect_fail "trip use without a slug" 2 "slug: missing (trip use SLUG | --none)" cs trip use
expect_fail "trip use with a slug and --none" 2 "--none: cannot go with a slug (tokyo)" cs trip use tokyo --none
expect_fail "trip show without a slug" 2 "slug: missing (trip show SLUG)" cs trip show
expect_fail "trip without a subcommand" 2 "trip: missing subcommand (add, list, show, edit, rm, use)" cs trip
expect_fail "unknown subcommand" 2 "trip: unknown subcommand (add, list, show, edit, rm, use) (frob)" cs trip frob
expect_fail "unknown option" 2 "option: unknown option (--colour)" cs trip list --colour
expect_fail "bad --format" 2 "--format: must be table, csv or json (xml)" cs trip list --format xml
expect_fail "extra argument" 2 "argument: unexpected argument (extra)" cs trip list extra

# (rev 2) the active trip does not outlive its trip: more than 2 days after its end, an
# add without --trip/--no-trip gets no trip (nor its currency) and says so; exit 0
export CONFSPEND_DB="$TMP/ended.db"
cs trip add berlin --name Berlin --start 2026-11-01 --end 2026-11-05 --currency EUR >/dev/null
cs trip use berlin >/dev/null
ENDED="confspend: not added to trip berlin: it ended 2026-11-05 (give --trip berlin to add it)"
expect_out "two days after the end it still takes the trip" "1  2026-11-07  meal  5.00 EUR  [berlin]" \
  cs add meal 5 --date 2026-11-07
check "and says nothing" "$(cat "$TMP/err")" = ""
expect_out "before the start it takes the trip (bought early)" "2  2026-09-01  ticket  300.00 EUR  [berlin]" \
  cs add ticket 300 --date 2026-09-01
check "and says nothing" "$(cat "$TMP/err")" = ""
expect_out "three days after: no trip, the base currency" "3  2026-11-08  meal  6.00 USD" \
  cs add meal 6 --date 2026-11-08
check "stderr says why, in one line" "$(cat "$TMP/err")" = "$ENDED"
expect_out "today (2026-11-10) by default" "4  2026-11-10  ride  12.00 USD" cs add ride 12
check "the same line" "$(cat "$TMP/err")" = "$ENDED"
expect_out "stored without a trip" "3|NULL|USD
4|NULL|USD" sql "SELECT id, quote(trip_id), currency FROM expense WHERE id IN (3, 4)"
expect_out "--trip still adds it" "5  2026-11-10  meal  7.00 EUR  [berlin]" cs add meal 7 --trip berlin
check "without a word" "$(cat "$TMP/err")" = ""
expect_out "--no-trip" "6  2026-11-10  meal  8.00 USD" cs add meal 8 --no-trip
check "without a word" "$(cat "$TMP/err")" = ""
expect_out "a monthly one never takes the active trip, and says nothing" \
  "7  2026-11-10  other  3.00 USD
monthly other 3.00 USD from 2026-11 (schedule 1)" cs add other 3 --monthly
check "without a word" "$(cat "$TMP/err")" = ""
expect_out "the trip is still the active one" "active trip: berlin" sh -c '"$CONFSPEND" trip show berlin --format csv | tail -1 | grep -q ",yes" && echo "active trip: berlin"'
expect_out "an edit keeps the trip it has" "1  2026-11-20  meal  5.00 EUR  [berlin]" cs edit 1 --date 2026-11-20
check "without a word" "$(cat "$TMP/err")" = ""
expect_fail "a refused add says only its error" 2 "amount: must be greater than zero" cs add meal 0

# --purpose (SPEC "Trips", rev 2): the business purpose a desk asks for, stored as typed,
# shown on add/edit, cleared by an empty one, refused with a control character
expect_out "trip add --purpose" "pycon-2019  PyCon US 2019  2019-05-01 to 2019-05-09  USD  purpose: Attend PyCon US 2019" \
  cs trip add pycon-2019 --name "PyCon US 2019" --start 2019-05-01 --end 2019-05-09 --purpose "Attend PyCon US 2019"
expect_out "stored as typed" "Attend PyCon US 2019" sql "SELECT purpose FROM trip WHERE slug = 'pycon-2019'"
expect_out "trip edit --purpose" "pycon-2019  PyCon US 2019  2019-05-01 to 2019-05-09  USD  purpose: Talk: \"Rides, Fares & You\"" \
  cs trip edit pycon-2019 --purpose 'Talk: "Rides, Fares & You"'
expect_out "an edit of something else keeps it" 'Talk: "Rides, Fares & You"' \
  sh -c '"$CONFSPEND" trip edit pycon-2019 --city Cleveland >/dev/null && sqlite3 "$CONFSPEND_DB" "SELECT purpose FROM trip WHERE slug = '"'"'pycon-2019'"'"'"'
expect_out "--purpose \"\" clears it" "NULL" sh -c '"$CONFSPEND" trip edit pycon-2019 --purpose "" >/dev/null && sqlite3 "$CONFSPEND_DB" "SELECT quote(purpose) FROM trip WHERE slug = '"'"'pycon-2019'"'"'"'
expect_out "a purpose with an escape sequence is stored, and shown escaped" \
  'pycon-2019  PyCon US 2019  2019-05-01 to 2019-05-09  Cleveland  USD  purpose: x\x1b]0;owned\x07' \
  cs trip edit pycon-2019 --purpose "$(printf 'x\033]0;owned\007')"
expect_ok "undo" cs undo
expect_ok "undo brings the purpose back" cs undo
expect_out "the purpose edit is undone (the clear was undone)" 'Talk: "Rides, Fares & You"' sql "SELECT purpose FROM trip WHERE slug = 'pycon-2019'"

# --budget AMOUNT (SPEC "Trips", rev 2): budget set total AMOUNT --trip SLUG in the same change
expect_out "trip add --budget" "rustconf  RustConf  2026-09-09 to 2026-09-12  USD
budget total 1500.00 USD (rustconf)" cs trip add rustconf --name RustConf --start 2026-09-09 --end 2026-09-12 --budget 1500
expect_out "it is the trip's total budget" "total,,rustconf,1500.00" sh -c '"$CONFSPEND" budget list --format csv | grep rustconf | tr -d "\\r"'
expect_out "trip edit --budget replaces it" "rustconf  RustConf  2026-09-09 to 2026-09-12  USD
budget total 1750.50 USD (rustconf)" cs trip edit rustconf --budget 1750.50
expect_out "one change: undo takes the trip's budget back to 1500" "1500" sh -c '"$CONFSPEND" undo >/dev/null && sqlite3 "$CONFSPEND_DB" "SELECT b.amount / 100 FROM budget b JOIN trip t ON t.id = b.trip_id WHERE t.slug = '"'"'rustconf'"'"'"'
expect_fail "a budget that is not money" 2 "confspend: --budget: " cs trip add gophercon --name GopherCon --start 2026-10-01 --end 2026-10-03 --budget 12,50
check "and no trip was added" "$(sql "SELECT count(*) FROM trip WHERE slug = 'gophercon'")" = 0
expect_fail "more digits than the base currency has" 2 "--budget" cs trip edit rustconf --budget 10.505

# --help
out=$(cs trip --help); rc=$?
check "trip --help exits 0" "$rc" -eq 0
check "trip --help prints usage" "$(printf '%s\n' "$out" | head -1)" = "usage: confspend [--db FILE] trip add|list|show|edit|rm|use ..."
case $out in *"trip use --none"*) ok ;; *) bad "trip --help lacks 'trip use --none'" ;; esac
expect_out "trip add --help is the same help" "$out" cs trip add --help

finish
