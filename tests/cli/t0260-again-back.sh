#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# add ride --back, again [ID] [AMOUNT] [options], and the trip defaults --reimbursable and
# --provider (SPEC "Quick entry and queries").
. "$(dirname "$0")/lib.sh"

f() { expect_fail_silent "$@"; }
COLS="id, date, category, amount, currency, quote(merchant), quote(note), quote(trip_id), reimbursable, quote(receipt), quote(provider), quote(origin), quote(dest), quote(tip)"
row() { sql "SELECT $COLS FROM expense WHERE id = $1"; }

# --- trip defaults ------------------------------------------------------------------------
expect_out "trip add --reimbursable --provider" "pycon-2019  PyCon 2019  2026-11-08 to 2026-11-15  USD  reimbursable  rides: lyft" \
  cs trip add pycon-2019 --name "PyCon 2019" --start 2026-11-08 --end 2026-11-15 --reimbursable --provider Lyft
expect_out "stored" "1|lyft" sql "SELECT reimbursable, provider FROM trip WHERE slug = 'pycon-2019'"
expect_ok "a trip without defaults" cs trip add home-week --name Home --start 2026-10-01 --end 2026-10-07
expect_ok "trip use" cs trip use pycon-2019
f "trip: a provider that is none" 2 "--provider: unknown provider (lyft, uber, taxi, direct, transit, other) (bike)" cs trip edit pycon-2019 --provider bike
f "trip: --reimbursable with --personal" 2 "--reimbursable: cannot go with --personal" cs trip edit pycon-2019 --reimbursable --personal
f "trip add: --no-provider is for edit" 2 "--no-provider: only for trip edit" cs trip add x --name X --start 2026-01-01 --end 2026-01-02 --no-provider

# the ride takes the trip's provider and is reimbursable; --provider and --personal win
expect_out "a ride on the trip" "1  2026-11-10  ride  16.42 USD  Friends' place -> Huntington Convention Center  [pycon-2019]" \
  cs add ride 16.42 --from "Friends' place" --to "Huntington Convention Center" --tip 2
expect_out "its fields" "1|2026-11-10|ride|1642|USD|NULL|NULL|1|1|NULL|'lyft'|'Friends'' place'|'Huntington Convention Center'|200" row 1
expect_ok "a coffee, personal" cs add meal 4.50 --merchant "Venue coffee" --personal
expect_out "personal wins over the trip's default" "0" sql "SELECT reimbursable FROM expense WHERE id = 2"
expect_ok "an uber" cs add ride 9 --provider uber --from A --to B
expect_out "--provider wins over the trip's" "uber|1" sql "SELECT provider, reimbursable FROM expense WHERE id = 3"
expect_ok "a ride on another trip" cs add ride 9 --trip home-week --from A --to B
expect_out "that trip has no defaults" "other|0" sql "SELECT provider, reimbursable FROM expense WHERE id = 4"
expect_ok "a meal not on a trip" cs add meal 3 --no-trip
expect_out "no trip, no default" "0" sql "SELECT reimbursable FROM expense WHERE id = 5"
expect_out "trip edit --no-reimbursable --no-provider" "pycon-2019  PyCon 2019  2026-11-08 to 2026-11-15  USD" \
  cs trip edit pycon-2019 --no-reimbursable --no-provider
expect_ok "a ride after" cs add ride 5 --from A --to B
expect_out "the defaults are gone" "other|0" sql "SELECT provider, reimbursable FROM expense WHERE id = 6"
expect_out "trip edit --reimbursable --provider uber" "pycon-2019  PyCon 2019  2026-11-08 to 2026-11-15  USD  reimbursable  rides: uber" \
  cs trip edit pycon-2019 --reimbursable --provider uber
expect_out "trip edit --personal" "pycon-2019  PyCon 2019  2026-11-08 to 2026-11-15  USD  rides: uber" cs trip edit pycon-2019 --personal
expect_ok "undo the --personal" cs undo
expect_out "undone" "1|uber" sql "SELECT reimbursable, provider FROM trip WHERE slug = 'pycon-2019'"
sql "DELETE FROM expense WHERE id > 2" # keep the first ride and the coffee
expect_ok "trip edit --provider lyft" cs trip edit pycon-2019 --provider lyft

# --- add ride --back ------------------------------------------------------------------------
expect_out "--back: the newest ride the other way, its provider and trip" \
  "7  2026-11-10  ride  17.10 USD  Huntington Convention Center -> Friends' place  [pycon-2019]" cs add ride 17.10 --back
expect_out "its fields: no tip (not copied), lyft, reimbursable as the trip says" \
  "7|2026-11-10|ride|1710|USD|NULL|NULL|1|1|NULL|'lyft'|'Huntington Convention Center'|'Friends'' place'|NULL" row 7
# the newest ride is now 7: --back again goes the first way; --provider and --trip are kept when given
expect_out "--back with --provider and --date" "8  2026-11-11  ride  15.00 USD  Friends' place -> Huntington Convention Center  [pycon-2019]" \
  cs add ride 15 --back --provider taxi --date 2026-11-11
expect_out "provider given" "taxi" sql "SELECT provider FROM expense WHERE id = 8"
# a ride of no trip goes back with no trip, even while a trip is active
expect_ok "a ride of no trip" cs add ride 20 --no-trip --provider uber --from Hotel --to Airport --date 2026-11-12
expect_out "--back of it" "10  2026-11-12  ride  21.00 USD  Airport -> Hotel" cs add ride 21 --back --date 2026-11-12
f "--back of a meal" 2 "--back: only for ride expenses (meal)" cs add meal 5 --back
f "--back with --from" 2 "--back: cannot go with --from" cs add ride 5 --back --from home
f "--back with --monthly" 2 "--back: cannot go with --monthly" cs add ride 5 --back --monthly

# --- again ----------------------------------------------------------------------------------
# the newest expense (the one entered last) is 10; again copies it dated today, new uid
expect_out "again: the newest, today" "11  2026-11-10  ride  21.00 USD  Airport -> Hotel" cs again
expect_out "again 2 5.25: the coffee for 5.25" "12  2026-11-10  meal  5.25 USD  Venue coffee  [pycon-2019]" cs again 2 5.25
expect_out "the copy's fields" "12|2026-11-10|meal|525|USD|'Venue coffee'|NULL|1|0|NULL|NULL|NULL|NULL|NULL" row 12
check "its own uid" "$(sql "SELECT count(DISTINCT uid) FROM expense WHERE id IN (2, 12)")" = 2
expect_out "again 4.75: the newest (12) for 4.75" "13  2026-11-10  meal  4.75 USD  Venue coffee  [pycon-2019]" cs again 4.75
expect_out "again #1 with options overriding" "14  2026-11-09  ride  16.42 USD  Friends' place -> Hilton  [pycon-2019]" \
  cs again '#1' --to Hilton --date 2026-11-09 --note "via the hotel"
expect_out "overridden, the rest copied (tip, provider)" "14|2026-11-09|ride|1642|USD|NULL|'via the hotel'|1|1|NULL|'lyft'|'Friends'' place'|'Hilton'|200" row 14
sql "UPDATE expense SET receipt = 'r/2.pdf' WHERE id = 2"
expect_out "again --amount" "15  2026-11-10  meal  6.00 USD  Venue coffee  [pycon-2019]" cs again 2 --amount 6
expect_out "the receipt is not copied" "NULL" sql "SELECT quote(receipt) FROM expense WHERE id = 15"
expect_out "again is one change" "again 2: 15  2026-11-10  meal  6.00 USD  Venue coffee  [pycon-2019]" \
  sql "SELECT summary FROM change WHERE kind = 'user' ORDER BY id DESC LIMIT 1"
f "again of an expense that does not exist" 2 "id: no such expense (99)" cs again 99
f "again with a bad amount" 2 "amount: " cs again 2 4.555
f "again: a tip larger than the new amount" 2 "--tip: larger than the amount 1.00 (2.00)" cs again 1 1.00
f "again with AMOUNT and --amount" 2 "--amount: cannot go with an AMOUNT argument (3)" cs again 2 4 --amount 3
f "again with a bad id" 2 "id: not an expense id (x)" cs again x
# a copy dated more than two days after its trip ended (pycon-2019 ends 2026-11-15) leaves
# the trip, and says so, as `add` does with the active trip; within two days, or with
# --trip, it keeps it
expect_out "again dated after the trip: no trip" "16  2026-11-20  meal  5.25 USD  Venue coffee" \
  cs again 12 --date 2026-11-20
expect_out "and says so on stderr" \
  "confspend: not added to trip pycon-2019: it ended 2026-11-15 (give --trip pycon-2019 to add it)" \
  sh -c '"$CONFSPEND" again 12 --date 2026-11-20 2>&1 >/dev/null'
expect_out "again two days after the end: still the trip" "18  2026-11-17  meal  5.25 USD  Venue coffee  [pycon-2019]" \
  cs again 12 --date 2026-11-17
expect_out "again with --trip: the trip" "19  2026-11-20  meal  5.25 USD  Venue coffee  [pycon-2019]" \
  cs again 12 --date 2026-11-20 --trip pycon-2019
expect_ok "a ride in the trip" cs add ride 16.42 --from home --to venue --date 2026-11-14
expect_out "--back dated after the trip: no trip" "21  2026-11-30  ride  17.10 USD  venue -> home" \
  cs add ride 17.10 --back --date 2026-11-30
expect_out "no trip in the stored rows either" "16||18|1|19|1|21|" \
  sql "SELECT group_concat(id || '|' || coalesce(trip_id, ''), '|') FROM expense WHERE id IN (16, 18, 19, 21)"
# what one charge's papers say is not copied: the card's base amount (another day is another
# charge), and the platform fee when the amount is another (8.00 of a 9.50 fare is no fee)
cs rate set EUR 1.10 --date 2026-11-01 >/dev/null
expect_ok "a coffee in euros, the card's charge given" cs add meal 4 -c EUR --base-amount 4.40 -m Cafe --no-trip
expect_ok "a ride with its platform fee" cs add ride 10 -p uber --from a --to b --platform-fee 8 --no-trip
expect_out "again of the coffee: the base amount not copied" \
  "confspend: expense 22's base amount is not copied (give --base-amount)" \
  sh -c '"$CONFSPEND" again 22 5 2>&1 >/dev/null'
expect_out "again of the ride for 9.50: the fee not copied" \
  "confspend: expense 23's platform fee is not copied: the amount is another (give --platform-fee)" \
  sh -c '"$CONFSPEND" again 23 9.50 2>&1 >/dev/null'
expect_ok "again of the ride for the same amount" cs again 23
expect_ok "again of the ride with its own fee" cs again 23 12 --platform-fee 3
expect_out "stored: no base amount; the fee only for the same amount or as given" \
  "24|500|EUR|NULL|NULL
25|950|USD|NULL|NULL
26|1000|USD|NULL|800
27|1200|USD|NULL|300" sql "SELECT id, amount, currency, quote(base_amount), quote(platform_fee) FROM expense WHERE id > 23 ORDER BY id"
rm -f "$CONFSPEND_DB"
f "again with nothing yet" 2 "id: no expense yet to add again" cs again
finish
