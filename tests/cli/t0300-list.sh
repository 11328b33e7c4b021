#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# list: filters and their combinations, the exact csv/json columns, amounts in each
# currency's digits, refunds, ride-only columns, RFC 4180 quoting, and its refusals.
. "$(dirname "$0")/lib.sh"

HEAD="id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip"

expect_out "empty list (csv) is the header alone" "$HEAD"$'\r' cs list --format csv
expect_out "empty list (json)" "[]" cs list --format json
expect_out "empty list (table)" "id  date  category  amount  cur  merchant/route  note  trip  reimb" cs list

expect_ok "trip pycon" cs trip add pycon --name PyCon --start 2026-11-01 --end 2026-11-08
expect_ok "trip tokyo" cs trip add tokyo --name Tokyo --start 2026-12-01 --end 2026-12-08 --currency JPY
expect_ok "1 ride" cs add ride 23.50 --date 2026-11-02 --trip pycon --provider uber --from Home --to Venue --driver "Sam" --tip 3 --reimbursable
expect_ok "2 meal" cs add meal 12 --date 2026-10-31 --trip pycon --merchant 'Café, "Bar"' --note $'two\nlines'
expect_ok "3 travel" cs add travel 45000 --date 2026-09-15 --trip tokyo --merchant JAL
expect_ok "4 refund" cs add meal 4.50 --date 2026-11-03 --refund --merchant Cafe
expect_ok "5 lodging" cs add lodging 0 --date 2026-11-01 --nights 8 --compare-rate 189 --trip pycon
expect_ok "6 meal yen" cs add meal 1500 --date 2026-12-02 --trip tokyo
expect_ok "7 ride" cs add ride 18 --date 2026-11-30 --provider lyft --from Venue --to Home --tip 0
expect_ok "8 donation" cs add donation 20 --date 2026-11-15 --recipient PSF
expect_ok "9 ticket BHD" cs add ticket 1.5 --date 2026-11-08 --currency BHD

R1='1,2026-11-02,ride,23.50,USD,,,pycon,yes,uber,Home,Venue,Sam,3.00'
R2='2,2026-10-31,meal,12.00,USD,"Café, ""Bar""","two
lines",pycon,no,,,,,'
R3='3,2026-09-15,travel,45000,JPY,JAL,,tokyo,no,,,,,'
R4='4,2026-11-03,meal,-4.50,USD,Cafe,,,no,,,,,'
R5='5,2026-11-01,lodging,0.00,USD,,,pycon,no,,,,,'
R6='6,2026-12-02,meal,1500,JPY,,,tokyo,no,,,,,'
R7='7,2026-11-30,ride,18.00,USD,,,,no,lyft,Venue,Home,,0.00'
R8='8,2026-11-15,donation,20.00,USD,,,,no,,,,,'
R9='9,2026-11-08,ticket,1.500,BHD,,,,no,,,,,'

# csv rows end in CRLF; a line break inside a quoted field is kept as it is (LF)
crlf() { printf '%s\r\n' "$@"; }
expect_out "list --format csv: everything, by date then id" \
  "$(crlf "$HEAD" "$R3" "$R2" "$R5" "$R1" "$R4" "$R9" "$R8" "$R7" "$R6")" \
  cs list --format csv
expect_out "the csv header is exactly the contract's" "$HEAD" sh -c '"$CONFSPEND" list --format csv | head -1 | tr -d "\r"'

expect_out "list --trip: the trip's expenses whatever their date" \
  "$(crlf "$HEAD" "$R2" "$R5" "$R1")" cs list --trip pycon --format csv
expect_out "list --trip tokyo includes a flight months before" \
  "$(crlf "$HEAD" "$R3" "$R6")" cs list --trip tokyo --format csv
expect_out "list --month" "$(crlf "$HEAD" "$R5" "$R1" "$R4" "$R9" "$R8" "$R7")" cs list --month 2026-11 --format csv
expect_out "list --month with nothing" "$(crlf "$HEAD")" cs list --month 2025-01 --format csv
expect_out "list --since" "$(crlf "$HEAD" "$R8" "$R7" "$R6")" cs list --since 2026-11-15 --format csv
expect_out "list --until (inclusive)" "$(crlf "$HEAD" "$R3" "$R2")" cs list --until 2026-10-31 --format csv
expect_out "list --since --until (inclusive both ends)" "$(crlf "$HEAD" "$R5" "$R1" "$R4")" \
  cs list --since 2026-11-01 --until 2026-11-03 --format csv
expect_out "list --since = --until" "$(crlf "$HEAD" "$R9")" cs list --since 2026-11-08 --until 2026-11-08 --format csv
expect_out "list --category" "$(crlf "$HEAD" "$R2" "$R4" "$R6")" cs list --category meal --format csv
expect_out "list --category --trip" "$(crlf "$HEAD" "$R2")" cs list --category meal --trip pycon --format csv
expect_out "list --category --month" "$(crlf "$HEAD" "$R1" "$R7")" cs list --category ride --month 2026-11 --format csv
expect_out "list --category --since --until" "$(crlf "$HEAD" "$R4")" \
  cs list --category meal --since 2026-11-01 --until 2026-11-30 --format csv
expect_out "list --category with nothing" "$(crlf "$HEAD")" cs list --category other --format csv
expect_ok "trip use pycon" cs trip use pycon
expect_out "the active trip does not filter list" "$(crlf "$HEAD" "$R3")" cs list --category travel --format csv
expect_ok "trip use --none" cs trip use --none

# json: an array of objects with the csv header's keys, in that order
expect_out "list --format json" \
  '[
  {"id": "2", "date": "2026-10-31", "category": "meal", "amount": "12.00", "currency": "USD", "merchant": "Café, \"Bar\"", "note": "two\nlines", "trip": "pycon", "reimbursable": "no", "provider": "", "from": "", "to": "", "driver": "", "tip": ""},
  {"id": "5", "date": "2026-11-01", "category": "lodging", "amount": "0.00", "currency": "USD", "merchant": "", "note": "", "trip": "pycon", "reimbursable": "no", "provider": "", "from": "", "to": "", "driver": "", "tip": ""},
  {"id": "1", "date": "2026-11-02", "category": "ride", "amount": "23.50", "currency": "USD", "merchant": "", "note": "", "trip": "pycon", "reimbursable": "yes", "provider": "uber", "from": "Home", "to": "Venue", "driver": "Sam", "tip": "3.00"}
]' \
  cs list --trip pycon --format json
expect_out "json refund and JPY amounts" \
  '[
  {"id": "4", "date": "2026-11-03", "category": "meal", "amount": "-4.50", "currency": "USD", "merchant": "Cafe", "note": "", "trip": "", "reimbursable": "no", "provider": "", "from": "", "to": "", "driver": "", "tip": ""},
  {"id": "6", "date": "2026-12-02", "category": "meal", "amount": "1500", "currency": "JPY", "merchant": "", "note": "", "trip": "tokyo", "reimbursable": "no", "provider": "", "from": "", "to": "", "driver": "", "tip": ""}
]' \
  cs list --since 2026-11-03 --until 2026-12-31 --category meal --format json
if command -v python3 >/dev/null; then
  expect_out "json keys equal the csv header on every object" "$HEAD" \
    sh -c '"$CONFSPEND" list --format json | python3 -c "
import json, sys
rows = json.load(sys.stdin)
keys = {\",\".join(r.keys()) for r in rows}
assert len(rows) == 9, len(rows)
print(*keys)"'
fi

# the table view (SPEC rev 2): aligned columns, one column for the merchant or the route
# FROM → TO, escaped line breaks, and one total in the base currency (USD): the JPY and BHD
# expenses have no rate to USD, so each currency's are totalled apart, in its own currency
# (USD: 23.50 + 12.00 + 0.00 - 4.50 + 20.00 + 18.00 = 69.00 over 6 expenses)
expect_out "list (table)" \
  "id  date        category    amount  cur  merchant/route  note        trip   reimb
 3  2026-09-15  travel       45000  JPY  JAL                         tokyo  
 2  2026-10-31  meal         12.00  USD  Café, \"Bar\"     two\\nlines  pycon  
 5  2026-11-01  lodging       0.00  USD                              pycon  
 1  2026-11-02  ride         23.50  USD  Home → Venue                pycon  yes
 4  2026-11-03  meal         -4.50  USD  Cafe                               
 9  2026-11-08  ticket       1.500  BHD                                     
 8  2026-11-15  donation     20.00  USD  PSF                                
 7  2026-11-30  ride         18.00  USD  Venue → Home                       
 6  2026-12-02  meal          1500  JPY                              tokyo  
---------------------------------------------------------------------------------
    total       6 expenses   69.00  USD                                     
    no rate     2 expenses   46500  JPY                                     
    no rate     1 expense    1.500  BHD                                     " \
  cs list

# refusals
f() { expect_fail_silent "$@"; }
f "bad --month" 2 "--month: not a month in YYYY-MM form (2026-11-01)" cs list --month 2026-11-01
f "impossible --month" 2 "--month: no such month (2026-13)" cs list --month 2026-13
f "bad --since" 2 "--since: no such calendar date (2026-02-30)" cs list --since 2026-02-30
f "bad --until" 2 "--until: not a date in YYYY-MM-DD form (2026-11)" cs list --until 2026-11
f "--until before --since" 2 "--until: before --since 2026-11-10 (2026-11-09)" cs list --since 2026-11-10 --until 2026-11-09
f "bad --format" 2 "--format: must be table, csv or json (xml)" cs list --format xml
f "--format in capitals" 2 "--format: must be table, csv or json (CSV)" cs list --format CSV
f "unknown --category" 2 "--category: unknown category (food)" cs list --category food
f "unknown --trip" 2 "trip: no such trip (nope)" cs list --trip nope
f "--trip with --month" 2 "period: give one of --trip, --month or --since/--until" cs list --trip pycon --month 2026-11
f "--month with --since" 2 "period: give one of --trip, --month or --since/--until" cs list --month 2026-11 --since 2026-11-01
f "positional argument" 2 "argument: unexpected argument (2026-11)" cs list 2026-11
f "unknown option" 2 "option: unknown option (--sort)" cs list --sort date

out=$(cs list --help); rc=$?
check "list --help exits 0" "$rc" -eq 0
check "list --help usage" "$(printf '%s\n' "$out" | head -1)" = "usage: confspend [--db FILE] list [--trip SLUG | --month YYYY-MM | --since DATE --until DATE] [filters] [--format F]"

finish
