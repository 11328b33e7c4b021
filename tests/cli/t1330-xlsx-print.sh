# SPDX-License-Identifier: GPL-3.0-or-later
# export xlsx, looked at: LibreOffice (headless) prints the workbook of a 40-expense trip to
# PDF, and poppler's tools read the pages back (pdfinfo: the page count and that every page
# is landscape letter; pdftotext -layout: what each page holds). The Summary prints on one
# page with its signature lines; the Expenses sheet prints one page wide: every Expenses
# page carries the whole header row, ID to Policy, and together they hold every expense
# once; a long route prints whole; each image receipt has a page; Budget and Rides one each.
# The first page is also rendered as a PNG (pdftoppm), the picture the README shows: set
# SUMMARY_PNG=FILE to keep it. Skipped only when soffice or poppler-utils is missing
# (scripts/install-deps test installs both).
. "$(dirname "$0")/lib.sh"
export CONFSPEND_TODAY=2026-11-20

for tool in soffice pdfinfo pdftotext pdftoppm; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "skipped: $tool not installed (scripts/install-deps test)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
  fi
done

PY=/usr/bin/python3
D=$(dirname "$0")
R="$TMP/r"
mkdir -p "$R" "$TMP/pdf" "$TMP/lo"
"$PY" "$D/receipt_images.py" "$R/taxi.png" 800 1200
"$PY" "$D/receipt_images.py" "$R/hotel.png" 1400 900

# A trip of 40 expenses: 8 days of two meals, a ride each way between a hotel and the venue
# (long names) and a coffee; a flight and the hotel; two more dinners (one in EUR); the
# registration, a poster, a team dinner and a taxi from the airport.
LONG_FROM="Hilton Garden Inn Pittsburgh University Place"
LONG_TO="David L. Lawrence Convention Center, Hall A"
{
  cs config set owner "Ada Lovelace"
  cs config set department "Research & Development"
  cs trip add pycon --name "PyCon US 2026" --city Pittsburgh --start 2026-11-02 --end 2026-11-09 \
    --purpose "Talk on exact money arithmetic; booth duty"
  cs rate set EUR 1.0837 --date 2026-10-01
  cs add travel 412.80 --trip pycon --reimbursable --merchant "United Airlines" --date 2026-10-20
  cs add lodging 1392.00 --trip pycon --reimbursable --merchant "Hilton Garden Inn" --date 2026-11-09
  for d in 02 03 04 05 06 07 08 09; do
    cs add meal 14.50 --trip pycon --reimbursable --merchant "Pamela's Diner" --date 2026-11-$d
    cs add ride 21.40 --trip pycon --reimbursable --provider lyft --from "$LONG_FROM" \
      --to "$LONG_TO" --tip 3.00 --date 2026-11-$d
    cs add ride 19.75 --trip pycon --reimbursable --provider uber --from "$LONG_TO" \
      --to "$LONG_FROM" --date 2026-11-$d
    cs add meal 4.25 --trip pycon --merchant "La Prima Espresso" --date 2026-11-$d
  done
  cs add meal 38.90 --trip pycon --reimbursable --merchant "Eleven Contemporary Kitchen" --date 2026-11-05
  cs add meal 29.00 --currency EUR --trip pycon --reimbursable --merchant "Café Berlin" --date 2026-11-06
  cs add ticket 450.00 --trip pycon --reimbursable --merchant "PyCon US registration" --date 2026-09-01
  cs add other 35.20 --trip pycon --reimbursable --merchant "FedEx Office" --note "poster" --date 2026-11-01
  cs add meal 52.10 --trip pycon --reimbursable --merchant "Meat & Potatoes" --date 2026-11-07
  cs add ride 45.00 --trip pycon --reimbursable --provider taxi --from "Pittsburgh International Airport" \
    --to "$LONG_FROM" --date 2026-11-01
  cs receipt add 3 "$R/taxi.png"
  cs receipt add 2 "$R/hotel.png"
  cs policy set receipt-over 25
} >/dev/null 2>&1 || bad "setting up the trip"
expect_out "40 expenses" "40" sh -c '"$CONFSPEND" list --trip pycon --format csv | tail -n +2 | wc -l'
expect_ok "export the trip's workbook" cs export xlsx "$TMP/trip.xlsx" --trip pycon

if HOME="$TMP" timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$TMP/lo" \
  --convert-to pdf --outdir "$TMP/pdf" "$TMP/trip.xlsx" >"$TMP/soffice.log" 2>&1 &&
  [ -s "$TMP/pdf/trip.pdf" ]; then
  ok
else
  bad "soffice made no PDF: $(cat "$TMP/soffice.log")"
fi
P="$TMP/pdf/trip.pdf"
pages=$(pdfinfo "$P" | awk '/^Pages:/ {print $2}')
page() { pdftotext -layout -f "$1" -l "$1" "$P" -; }

expect_out "every page is landscape letter (792 x 612 points)" "$pages pages 792 x 612" \
  sh -c 'pdfinfo -f 1 -l '"$pages"' "$1" | sed -n "s/^Page *[0-9]* size: *\([0-9.]* x [0-9.]*\) pts.*/\1/p" | sort | uniq -c | awk "{print \$1 \" pages \" \$2 \" x \" \$4}"' _ "$P"

# Page 1 is the Summary, whole: the header block, the totals and both signature lines.
expect_out "page 1: the Summary, whole, on one page" \
  "Expense report|Research & Development|PyCon US 2026|Pittsburgh|Talk on exact money arithmetic; booth duty|Employee signature|Approved by|Page 1 of $pages" \
  sh -c 'pdftotext -layout -f 1 -l 1 "$1" - | grep -oE "Expense report|Research & Development|PyCon US 2026|Pittsburgh|Talk on exact money arithmetic; booth duty|Employee signature|Approved by|Page 1 of [0-9]+" | awk "!seen[\$0]++" | paste -sd"|" -' _ "$P"
# rides 8 x 21.40 + 8 x 19.75 + 45 = 374.20; meals 8 x 14.50 + 8 x 4.25 + 38.90 + 29 EUR x
# 1.0837 (31.4273 -> 31.43) + 52.10 = 272.43, less the 8 personal coffees 34.00 = 238.43;
# lodging 1392, ticket 450, travel 412.80, other 35.20: 2936.63, reimbursable 2902.63
expect_out "page 1: the totals" "Total 40 2,936.63 USD 2,902.63 USD" \
  sh -c 'pdftotext -layout -f 1 -l 1 "$1" - | grep "^ *Total " | tr -s " " | sed "s/^ //"' _ "$P"
expect_out "page 2 is not the Summary any more" "0" sh -c 'pdftotext -layout -f 2 -l 2 "$1" - | grep -c "Approved by" || true' _ "$P"

# The Expenses pages: those whose header row is there. Each holds the whole row, ID to
# Policy, on one line (so the sheet is one page wide: a second page across would start
# with a column after ID), and their ID cells list 1..40 in date order once each.
E=0
ids=""
for p in $(seq 2 "$pages"); do
  t=$(page "$p")
  if printf '%s\n' "$t" | grep -q "Amount in base currency"; then
    E=$((E + 1))
    if printf '%s\n' "$t" | grep -qE "^ *ID +Date +Category +Merchant +Description +Trip +Amount +Currency +Rate +Amount in base currency +Tip +Reimbursable +Payment +Receipt +Provider +From +To +Policy *$"; then
      ok
    else
      bad "Expenses page $p lacks the whole header row: $(printf '%s\n' "$t" | head -3)"
    fi
    ids="$ids $(printf '%s\n' "$t" | sed -n 's/^ *\([0-9][0-9]*\) \{2,\}2026-.*/\1/p' | tr '\n' ' ')"
  fi
done
# date order (then id): the registration (37, Sep 1), the flight (1, Oct 20), the poster
# and the taxi (38, 40, Nov 1), then per day from Nov 2 meal, ride, ride, coffee (3..34);
# 35 after the 5th's four, 36 after the 6th's, 39 after the 7th's; the hotel (2) first of
# the 9th
want_ids="37 1 38 40 $(for d in 0 1 2 3 4 5 6 7; do
  b=$((3 + 4 * d))
  [ $d = 7 ] && echo -n "2 "
  echo -n "$b $((b + 1)) $((b + 2)) $((b + 3)) "
  [ $d = 3 ] && echo -n "35 "
  [ $d = 4 ] && echo -n "36 "
  [ $d = 5 ] && echo -n "39 "
done)"
expect_out "the Expenses pages hold every expense once, in date order" "$(echo $want_ids)" echo $ids
expect_out "that is 40" "40" sh -c 'echo $1 | wc -w' _ "$ids"
[ "$E" -ge 1 ] && [ "$E" -le 3 ] && ok || bad "$E Expenses pages"
# 8 days of the ride from the hotel to the venue: each route whole in the Description
expect_out "a long route prints whole (wrapped in its cell, not cut)" "8" \
  sh -c 'pdftotext -f 2 -l '"$((1 + E))"' "$1" - | tr "\n" " " | grep -o "Hilton Garden Inn Pittsburgh University *Place → David L. Lawrence *Convention *Center, Hall A" | wc -l' _ "$P"

# Then a page per image receipt (their captions), then Budget and Rides: nothing else.
expect_out "a Receipts page per image, captioned" \
  "expense 2, 2026-11-09, Hilton Garden Inn, 1392.00 USD|expense 3, 2026-11-02, Pamela's Diner, 14.50 USD" \
  sh -c 'for p in '"$((2 + E)) $((3 + E))"'; do pdftotext -layout -f $p -l $p "$1" - | grep -o "^expense [0-9]*, .*"; done | sort | paste -sd"|" -' _ "$P"
expect_out "the last two pages: Budget, Rides" "Budget against actual|Rides: paying the driver directly" \
  sh -c 'for p in '"$((pages - 1)) $pages"'; do pdftotext -layout -f $p -l $p "$1" - | head -1 | sed "s/^ *//"; done | paste -sd"|" -' _ "$P"
expect_out "the Rides page names the route whole" "1" sh -c 'pdftotext -layout -f '"$pages"' -l '"$pages"' "$1" - | grep -c "^David L. Lawrence Convention Center, Hall A <-> Hilton Garden Inn Pittsburgh University Place  "' _ "$P"
expect_out "page count: Summary 1 + Expenses $E + Receipts 2 + Budget 1 + Rides 1" "$((1 + E + 2 + 1 + 1))" echo "$pages"

[ -n "${KEEP_PDF:-}" ] && cp "$P" "$KEEP_PDF"

# --- the README's claim, from claim new to claim pay ---------------------------------------
# The code block after "<!-- t1330: the claim -->" in README.md is run here command by
# command (in a database of its own, in a folder holding its two receipt files), and what
# each prints (stdout and stderr) must be the lines the README shows under it.
README="$D/../../README.md"
W="$TMP/readme"
mkdir -p "$W"
"$PY" "$D/receipt_files.py" "$TMP/rf"
cp "$TMP/rf/dinner.jpg" "$W/dinner.jpg"
cp "$TMP/rf/hotel.pdf" "$W/hotel-folio.pdf"
awk '/^<!-- t1330: the claim -->$/ {on = 1; next} on && /^```$/ {n++; if (n == 2) exit; next} on && n == 1' \
  "$README" >"$TMP/readme.txt"
expect_out "the README's block is there" "18" sh -c 'grep -c "^\$ confspend " "$1"' _ "$TMP/readme.txt"
(
  cd "$W" || exit 1
  export CONFSPEND_DB="$W/claim.db" CONFSPEND_TODAY=2026-11-09
  while IFS= read -r line; do
    case $line in
    "\$ confspend "*)
      printf '%s\n' "$line"
      eval "\"\$CONFSPEND\" ${line#\$ confspend }" 2>&1
      ;;
    esac
  done <"$TMP/readme.txt"
) >"$TMP/readme.got"
expect_out "every command prints what the README shows" "$(cat "$TMP/readme.txt")" cat "$TMP/readme.got"

# The claim's workbook printed: the Summary on page 1 with the claim as submitted, then the
# 3 expenses on one page, the JPEG receipt on a page, the PDF listed on the next.
C="$TMP/pdf/claim.pdf"
if HOME="$TMP" timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$TMP/lo" \
  --convert-to pdf --outdir "$TMP/pdf" "$W/claim.xlsx" >"$TMP/soffice.log" 2>&1 && [ -s "$C" ]; then
  ok
else
  bad "soffice made no PDF of the claim: $(cat "$TMP/soffice.log")"
fi
expect_out "the claim's workbook: Summary, Expenses, two Receipts pages" "4" \
  sh -c 'pdfinfo "$1" | awk "/^Pages:/ {print \$2}"' _ "$C"
# 412.50 + 38.40 + 74.00 = 524.90, all of it due after the submit, nothing paid yet
expect_out "its Summary: the claim's figures, the totals, the signature lines" "$(cat <<'EOF'
Claim 1: PyCon
Status submitted
Claimed 524.90 USD
Paid 0.00 USD
Due 524.90 USD
Total 3 524.90 USD 524.90 USD
Employee signature Date
Approved by Date
EOF
)" sh -c 'pdftotext -layout -f 1 -l 1 "$1" - | grep -E "^ *(Claim|Status|Claimed|Paid|Due|Total|Employee|Approved) " | tr -s " " | sed "s/^ //; s/ $//"' _ "$C"

# The Summary page as a picture: the README's docs/summary.png is this file
# (SUMMARY_PNG=docs/summary.png to make it again).
if pdftoppm -r 110 -f 1 -l 1 -png -singlefile "$C" "$TMP/summary" && [ -s "$TMP/summary.png" ]; then
  ok
else
  bad "pdftoppm made no PNG"
fi
expect_out "a PNG of the landscape letter page at 110 dpi (1210 x 935)" "1210 935" "$PY" -c 'import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n"
print(*struct.unpack(">II", d[16:24]))' "$TMP/summary.png"
[ -n "${SUMMARY_PNG:-}" ] && cp "$TMP/summary.png" "$SUMMARY_PNG"
finish
