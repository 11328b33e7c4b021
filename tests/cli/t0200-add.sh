#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# add: every category, every option stored, defaults (date, currency, trip), and user text
# kept exactly.
. "$(dirname "$0")/lib.sh"

# Every column of one expense, as stored.
COLS="id, date, category, amount, currency, quote(merchant), quote(note), quote(trip_id), reimbursable, quote(payment), quote(receipt), quote(provider), quote(origin), quote(dest), quote(driver), quote(tip), quote(platform_fee), quote(shared), quote(nights), quote(compare_rate), quote(recipient), quote(schedule_id), quote(occurrence)"
row() { sql "SELECT $COLS FROM expense WHERE id = $1"; }
SHOW_HEAD="id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip,payment,receipt,platform_fee,shared,nights,compare_rate,recipient,uid"
# show with each expense's random uid written UID (the stored one is checked on its own)
show_uid() { cs show "$@" | sed -E 's/[0-9a-f]{32}/UID/g'; return "${PIPESTATUS[0]}"; }

# every category, with today's date and USD by default
id=0
for c in ride meal lodging donation ticket travel other; do
  id=$((id + 1))
  expect_out "add $c" "$id  2026-11-10  $c  9.99 USD" cs add "$c" 9.99
done
expect_out "categories stored" "1|ride|999|USD|other|0
2|meal|999|USD||
3|lodging|999|USD||
4|donation|999|USD||
5|ticket|999|USD||
6|travel|999|USD||
7|other|999|USD||" \
  sql "SELECT id, category, amount, currency, coalesce(provider, ''), coalesce(shared, '') FROM expense ORDER BY id"
expect_out "each add is one change" "7" sql "SELECT count(*) FROM change WHERE kind = 'user' AND command LIKE 'add %'"

# every common option; --receipt FILE stores the file itself (t0900), under its name
make_pdf "$TMP/receipts/8.pdf"
expect_out "add with every common option" \
  "8  2026-11-05  meal  23.50 EUR  Café Zoë
receipt 1: 8.pdf, pdf, 230 bytes" \
  cs add meal 23.50 --date 2026-11-05 --currency EUR --merchant "Café Zoë" --note "team dinner" \
    --reimbursable --payment visa --receipt "$TMP/receipts/8.pdf"
expect_out "stored" \
  "8|2026-11-05|meal|2350|EUR|'Café Zoë'|'team dinner'|NULL|1|'visa'|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL" \
  row 8
expect_csv "show --format csv" \
  "$SHOW_HEAD
8,2026-11-05,meal,23.50,EUR,Café Zoë,team dinner,,yes,,,,,,visa,8.pdf,,,,,,UID" \
  show_uid 8 --format csv
expect_out "show (table) lists the fields that are set" \
  "id            8
date          2026-11-05
category      meal
amount        23.50
currency      EUR
merchant      Café Zoë
note          team dinner
reimbursable  yes
payment       visa
receipt       8.pdf
uid           UID" \
  show_uid 8
check "show prints the stored uid" "$(cs show 8 | sed -n 's/^uid  *//p')" = "$(sql "SELECT uid FROM expense WHERE id = 8")"
check "show --format csv too, as its last column" \
  "$(cs show 8 --format csv | tail -1 | tr -d '\r' | sed 's/.*,//')" = "$(sql "SELECT uid FROM expense WHERE id = 8")"
check "every expense has its own uid" "$(sql "SELECT count(DISTINCT uid) FROM expense")" = "$(sql "SELECT count(*) FROM expense")"
expect_out "--personal" "9  2026-11-10  meal  1.00 USD" cs add meal 1 --personal
expect_out "personal is stored as 0" "0" sql "SELECT reimbursable FROM expense WHERE id = 9"

# ride options
expect_out "add ride with every ride option" \
  "10  2026-11-06  ride  23.50 USD  Uber  Friends' place -> Venue" \
  cs add ride 23.50 --date 2026-11-06 --merchant Uber --provider uber --from "Friends' place" \
    --to Venue --driver "Sam K." --tip 3 --platform-fee 10.25 --shared
expect_out "ride stored" \
  "10|2026-11-06|ride|2350|USD|'Uber'|NULL|NULL|0|NULL|NULL|'uber'|'Friends'' place'|'Venue'|'Sam K.'|300|1025|1|NULL|NULL|NULL|NULL|NULL" \
  row 10
expect_csv "ride shown" \
  "$SHOW_HEAD
10,2026-11-06,ride,23.50,USD,Uber,,,no,uber,Friends' place,Venue,Sam K.,3.00,,,10.25,yes,,,,UID" \
  show_uid 10 --format csv
for p in lyft uber taxi direct transit other; do
  expect_ok "provider $p" cs add ride 5 --provider $p
done
expect_out "providers stored, not shared by default" "lyft|0
uber|0
taxi|0
direct|0
transit|0
other|0" sql "SELECT provider, shared FROM expense WHERE id > 10 ORDER BY id"
expect_out "a tip equal to the amount is allowed" "17  2026-11-10  ride  5.00 USD" cs add ride 5 --tip 5
expect_out "a platform fee equal to the fare is allowed" "18  2026-11-10  ride  5.00 USD" cs add ride 5 --tip 1 --platform-fee 4
expect_out "a zero tip is stored as 0" "19  2026-11-10  ride  5.00 USD" cs add ride 5 --tip 0
expect_out "tips stored" "500|NULL
100|400
0|NULL" sql "SELECT tip, quote(platform_fee) FROM expense WHERE id BETWEEN 17 AND 19 ORDER BY id"

# lodging
expect_out "lodging 0 with --nights and --compare-rate" \
  "20  2026-11-01  lodging  0.00 USD" \
  cs add lodging 0 --nights 8 --compare-rate 189 --date 2026-11-01 --note "friends' place"
expect_out "lodging stored" \
  "20|2026-11-01|lodging|0|USD|NULL|'friends'' place'|NULL|0|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|8|18900|NULL|NULL|NULL" \
  row 20
expect_csv "lodging shown" \
  "$SHOW_HEAD
20,2026-11-01,lodging,0.00,USD,,friends' place,,no,,,,,,,,,,8,189.00,,UID" \
  show_uid 20 --format csv
expect_out "lodging in JPY" "21  2026-11-10  lodging  45000 JPY" cs add lodging 45000 --currency JPY --nights 3 --compare-rate 15000
expect_out "stored in yen" "45000|JPY|3|15000" sql "SELECT amount, currency, nights, compare_rate FROM expense WHERE id = 21"

# donation
expect_out "donation with a recipient" "22  2026-11-10  donation  20.00 USD  PSF" cs add donation 20 --recipient PSF
expect_out "recipient stored" "'PSF'|NULL" sql "SELECT quote(recipient), quote(schedule_id) FROM expense WHERE id = 22"

# refund
expect_out "refund is negative" "23  2026-11-10  meal  -4.50 USD  (refund)" cs add meal 4.50 --refund
expect_out "refund stored negative" "-450" sql "SELECT amount FROM expense WHERE id = 23"
expect_csv "refund shown negative" \
  "$SHOW_HEAD
23,2026-11-10,meal,-4.50,USD,,,,no,,,,,,,,,,,,,UID" \
  show_uid 23 --format csv
expect_out "ride refund keeps its tip positive" "24  2026-11-10  ride  -10.00 USD  (refund)" cs add ride 10 --tip 2 --refund
expect_out "ride refund stored" "-1000|200" sql "SELECT amount, tip FROM expense WHERE id = 24"

# currencies and their minor digits
expect_out "JPY has no decimals" "25  2026-11-10  meal  1500 JPY" cs add meal 1500 --currency JPY
expect_out "BHD has three" "26  2026-11-10  meal  1.234 BHD" cs add meal 1.234 --currency BHD
expect_out "BHD with fewer digits" "27  2026-11-10  meal  1.200 BHD" cs add meal 1.2 --currency BHD
expect_out "KRW" "28  2026-11-10  meal  12000 KRW" cs add meal 12000 --currency KRW
expect_out "minor units stored" "1500|JPY
1234|BHD
1200|BHD
12000|KRW" sql "SELECT amount, currency FROM expense WHERE id BETWEEN 25 AND 28 ORDER BY id"

# default currency: the trip's, else the configured one, else USD
expect_ok "trip in JPY" cs trip add tokyo --name Tokyo --start 2026-12-01 --end 2026-12-08 --currency JPY
expect_ok "trip in EUR" cs trip add berlin --name Berlin --start 2027-01-01 --end 2027-01-03 --currency EUR
expect_out "no trip, no config: USD" "29  2026-11-10  meal  2.00 USD" cs add meal 2
expect_out "--trip gives the trip's currency" "30  2026-11-10  meal  800 JPY  [tokyo]" cs add meal 800 --trip tokyo
expect_ok "config set currency GBP" cs config set currency GBP
expect_out "no trip: the configured currency" "31  2026-11-10  meal  2.00 GBP" cs add meal 2
expect_out "--trip still wins over the configured currency" "32  2026-11-10  meal  3.00 EUR  [berlin]" cs add meal 3 --trip berlin
expect_out "--currency wins over the trip's" "33  2026-11-10  meal  3.00 USD  [tokyo]" cs add meal 3 --trip tokyo --currency USD
expect_ok "trip use tokyo" cs trip use tokyo
expect_out "the active trip and its currency" "34  2026-11-10  meal  900 JPY  [tokyo]" cs add meal 900
expect_out "--trip overrides the active trip" "35  2026-11-10  meal  4.00 EUR  [berlin]" cs add meal 4 --trip berlin
expect_out "--no-trip: no trip, the configured currency" "36  2026-11-10  meal  5.00 GBP" cs add meal 5 --no-trip
expect_out "trips stored" "34|1|JPY
35|2|EUR
36|NULL|GBP" sql "SELECT id, quote(trip_id), currency FROM expense WHERE id BETWEEN 34 AND 36 ORDER BY id"
expect_ok "trip use --none" cs trip use --none
expect_out "no active trip again" "37  2026-11-10  meal  6.00 GBP" cs add meal 6
expect_ok "config set currency back to USD" cs config set currency USD

# user text is kept exactly: quotes, SQL, newlines, non-ASCII, leading dashes after --
nl=$'line one\nline two'
expect_out "text with quotes and SQL" \
  "38  2026-11-10  meal  7.00 USD  Joe's \"Diner\"" \
  cs add meal 7 --merchant "Joe's \"Diner\"" --note "x'); DROP TABLE expense;--" --payment '%s %n \'
expect_out "stored exactly" "Joe's \"Diner\"|x'); DROP TABLE expense;--|%s %n \\" \
  sql "SELECT merchant, note, payment FROM expense WHERE id = 38"
expect_out "the expense table is still there" "38" sql "SELECT count(*) FROM expense"
expect_out "text with a newline" "39  2026-11-10  meal  8.00 USD" cs add meal 8 --note "$nl"
expect_out "newline stored" "6C696E65206F6E650A6C696E652074776F" sql "SELECT hex(note) FROM expense WHERE id = 39"
expect_out "newline in csv is quoted, kept as it is inside the field" \
  "$SHOW_HEAD"$'\r\n39,2026-11-10,meal,8.00,USD,,"line one\nline two",,no,,,,,,,,,,,,,UID\r' \
  show_uid 39 --format csv
expect_out "newline in json is escaped" \
  '[
  {"id": "39", "date": "2026-11-10", "category": "meal", "amount": "8.00", "currency": "USD", "merchant": "", "note": "line one\nline two", "trip": "", "reimbursable": "no", "provider": "", "from": "", "to": "", "driver": "", "tip": "", "payment": "", "receipt": "", "platform_fee": "", "shared": "", "nights": "", "compare_rate": "", "recipient": "", "uid": "UID"}
]' \
  show_uid 39 --format json
expect_out "non-ASCII text" \
  "40  2026-11-10  ride  12.00 USD  Café Zoë 東京 🍣  Shinjuku 駅 -> Zürich \"Hbf\"" \
  cs add ride 12 --merchant "Café Zoë 東京 🍣" --from "Shinjuku 駅" --to 'Zürich "Hbf"' --driver "Ørjan"
expect_out "non-ASCII stored" "Café Zoë 東京 🍣|Shinjuku 駅|Zürich \"Hbf\"|Ørjan" \
  sql "SELECT merchant, origin, dest, driver FROM expense WHERE id = 40"
expect_out "non-ASCII in json" \
  '[
  {"id": "40", "date": "2026-11-10", "category": "ride", "amount": "12.00", "currency": "USD", "merchant": "Café Zoë 東京 🍣", "note": "", "trip": "", "reimbursable": "no", "provider": "other", "from": "Shinjuku 駅", "to": "Zürich \"Hbf\"", "driver": "Ørjan", "tip": "", "payment": "", "receipt": "", "platform_fee": "", "shared": "no", "nights": "", "compare_rate": "", "recipient": "", "uid": "UID"}
]' \
  show_uid 40 --format json
expect_out "text that looks like an option, via =" "41  2026-11-10  meal  1.00 USD  --merchant" cs add meal 1 --merchant=--merchant
expect_ok "add with a tab" cs add meal 1 --note "$(printf 'a\tb\\c')"
expect_out "tab stored" "6109625C63" sql "SELECT hex(note) FROM expense WHERE id = 42"
expect_out "an empty text option stores nothing" "43  2026-11-10  meal  1.00 USD" cs add meal 1 --merchant ""
expect_out "empty merchant is NULL" "NULL" sql "SELECT quote(merchant) FROM expense WHERE id = 43"

# the output line starts with the new id, whatever the option order
expect_out "options before the positionals" "44  2026-11-02  travel  310.00 USD  Amtrak" \
  cs add --date 2026-11-02 --merchant Amtrak travel 310
expect_out "the id printed is the stored id" "44|travel|31000" sql "SELECT id, category, amount FROM expense WHERE id = (SELECT max(id) FROM expense)"
expect_out "--db after the command" "1  2026-11-10  meal  1.00 USD" cs add meal 1 --db "$TMP/other.db"
expect_out "went to the other file" "1" sqlite3 "$TMP/other.db" "SELECT count(*) FROM expense"

# --help
out=$(cs add --help); rc=$?
check "add --help exits 0" "$rc" -eq 0
check "add --help usage line" "$(printf '%s\n' "$out" | head -1)" = "usage: confspend [--db FILE] add CATEGORY AMOUNT [options]"
case $out in *"--compare-rate"*"--monthly"*) ok ;; *) bad "add --help lacks its options" ;; esac

finish
