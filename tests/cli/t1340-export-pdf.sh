#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# export pdf, the claim packet, read back by poppler's own tools (poppler-utils): the page
# count is the report's pages plus the receipts' (a 2-page PDF receipt adds 2), pdftotext
# finds the header block, every expense's amount and merchant and the totals, pdfimages
# shows each JPEG receipt embedded as the very JPEG (the same bytes once), a PDF receipt's
# pages are drawn as text and lines (no image), the paper follows config and the base
# currency, --claim shows the claim's figures, a long month's table repeats its header and
# never cuts a row.
. "$(dirname "$0")/lib.sh"
R="$TMP/r"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$R"
# the text of page N (pdftotext -layout, runs of blanks squeezed to one)
page_text() { pdftotext -layout -f "$2" -l "$2" "$1" - | tr -s ' ' | sed 's/^ //'; }
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

cs config set owner "Ada Lovelace" >/dev/null
cs config set department "Research" >/dev/null
cs trip add pycon-2026 --name "PyCon US 2026" --city "Long Beach" --start 2026-11-02 \
  --end 2026-11-06 --purpose "Talk on expense tracking" >/dev/null
cs rate set EUR 1.10 --date 2026-11-01 >/dev/null
cs add meal 82.40 -m Dinner -r -d 2026-11-03 -t pycon-2026 >/dev/null                 # 1
cs add ride 18 -p uber --from Home --to Venue -r -d 2026-11-04 -t pycon-2026 >/dev/null  # 2
cs add lodging 120 -m "Hotel Ørsted" --nights 1 -r -d 2026-11-05 -t pycon-2026 >/dev/null # 3
cs add meal 25 -c EUR -m "Café Zürich" -r -d 2026-11-04 -t pycon-2026 >/dev/null       # 4
cs add other 9.99 -m Souvenirs -d 2026-11-05 -t pycon-2026 >/dev/null                  # 5
cs receipt add 1 "$R/dinner.jpg" "$R/photo.jpeg.txt" >/dev/null                       # r1 r2
cs receipt add 2 "$R/taxi.png" "$R/copy-of-dinner.JPG" >/dev/null                     # r3 r4
cs receipt add 3 "$R/taxi-2p.pdf" >/dev/null                                          # r5

# The report takes one page; the receipts, in expense order (by date, then id: 1, 2, 4,
# 3, 5): r1 dinner.jpg p. 2, r2 photo.jpeg.txt p. 3, r3 taxi.png p. 4, r4
# copy-of-dinner.JPG p. 5, r5 taxi-2p.pdf pp. 6-7. 1 + 1 + 1 + 1 + 1 + 2 = 7 pages.
P="$TMP/pycon.pdf"
expect_out "export pdf --trip" \
  "exported the packet of trip pycon-2026 (2026-11-02 to 2026-11-06) to $P: 7 pages, 5 receipts" \
  cs export pdf "$P" --trip pycon-2026
check "pdfinfo: 7 pages = 1 report page + 4 image receipts + a 2-page PDF receipt" "$(pages "$P")" = 7
check "pdfinfo: letter for a USD base" "$(pdfinfo "$P" | sed -n 's/^Page size: *//p')" = "612 x 792 pts (letter)"
check "pdfinfo: the title" "$(pdfinfo "$P" | sed -n 's/^Title: *//p')" = "Expense report"
check "pdfinfo: the owner as author" "$(pdfinfo "$P" | sed -n 's/^Author: *//p')" = "Ada Lovelace"
check "the file is 0600 like the database" "$(stat -c %a "$P")" = 600
check "no temporary file is left beside it" "$(ls "$TMP" | grep -c 'tmp-')" = 0

page_text "$P" 1 >"$TMP/p1"
for line in "Expense report" "Owner Ada Lovelace" "Department Research" \
  "Period trip pycon-2026 (2026-11-02 to 2026-11-06)" "Trip PyCon US 2026 (pycon-2026)" \
  "City Long Beach" "Dates 2026-11-02 to 2026-11-06" "Purpose Talk on expense tracking" \
  "Base currency USD" "Expenses reimbursable and personal" "Totals per category (USD)" \
  "Category Count Total Reimbursable" \
  "Ride 1 18.00 18.00" "Meal 2 109.90 109.90" "Lodging 1 120.00 120.00" "Other 1 9.99 0.00" \
  "Total 5 257.89 247.90" "Page 1 of 7"; do
  # by hand: meal = 82.40 + 25 EUR x 1.10 = 82.40 + 27.50 = 109.90; all = 18 + 109.90 +
  # 120 + 9.99 = 257.89; reimbursable = all less the personal 9.99 = 247.90
  check "page 1 has: $line" "$(grep -cxF -- "$line" "$TMP/p1")" = 1
done
# every expense in the table: its id, date, category, merchant, description, amount,
# currency, base amount and where its receipts are
for row in "1 2026-11-03 Meal Dinner 82.40 USD 82.40 dinner.jpg (p. 2);" \
  "2 2026-11-04 Ride Uber Home → Venue 18.00 USD 18.00 taxi.png (p. 4);" \
  "4 2026-11-04 Meal Café Zürich 25.00 EUR 27.50" \
  "3 2026-11-05 Lodging Hotel Ørsted 120.00 USD 120.00 taxi-2p.pdf (pp. 6–7)" \
  "5 2026-11-05 Other Souvenirs 9.99 USD 9.99"; do
  check "the table's row: $row" "$(grep -cxF -- "$row" "$TMP/p1")" = 1
done
check "the receipts' second names (wrapped in their cell)" \
  "$(grep -cE '^(photo\.jpeg\.txt \(p\. 3\)|copy-of-dinner\.JPG \(p\. 5\))$' "$TMP/p1")" = 2
check "the table's header" "$(grep -c 'ID Date Category Merchant Description Amount Currency Amount in Receipt' "$TMP/p1")" = 1
check "the signature lines" "$(grep -cxE 'Employee signature Date|Approved by Date' "$TMP/p1")" = 2

# each receipt page: its caption, and the footer
for pg in "2|expense 1, 2026-11-03, Dinner, 82.40 USD|receipt 1: dinner.jpg (jpeg, 125 bytes)" \
  "3|expense 1, 2026-11-03, Dinner, 82.40 USD|receipt 2: photo.jpeg.txt (jpeg, 4096 bytes)" \
  "4|expense 2, 2026-11-04, Uber, 18.00 USD|receipt 3: taxi.png (png, 73 bytes)" \
  "5|expense 2, 2026-11-04, Uber, 18.00 USD|receipt 4: copy-of-dinner.JPG (jpeg, 125 bytes)" \
  "6|expense 3, 2026-11-05, Hotel Ørsted, 120.00 USD|receipt 5: taxi-2p.pdf (pdf, 924 bytes), page 1 of 2" \
  "7|expense 3, 2026-11-05, Hotel Ørsted, 120.00 USD|receipt 5: taxi-2p.pdf (pdf, 924 bytes), page 2 of 2"; do
  IFS='|' read -r n cap sub <<<"$pg"
  page_text "$P" "$n" >"$TMP/pn"
  check "page $n: the caption '$cap'" "$(head -1 "$TMP/pn")" = "$cap"
  check "page $n: '$sub'" "$(sed -n 2p "$TMP/pn")" = "$sub"
  check "page $n: the footer" "$(grep -cxF "Page $n of 7" "$TMP/pn")" = 1
done
# the PDF receipt's own text, drawn by poppler as text (pdftotext reads it back; its
# spacing is poppler's, so blanks are left out of the comparison)
check "page 6 holds the PDF receipt's first page" "$(page_text "$P" 6 | tr -d ' ' | grep -c 'YellowCabfare31.20')" = 1
check "page 7 its second" "$(page_text "$P" 7 | tr -d ' ' | grep -c 'YellowCabpagetwo')" = 1

# the images: the JPEGs as JPEG (pdfimages' enc "jpeg"), dinner.jpg's bytes (on expenses 1
# and 2) one object on pages 2 and 5, the PNG as an image of its 3 x 2 pixels, and no
# image at all on the PDF receipt's pages (vectors)
pdfimages -list "$P" | tail -n +3 | awk '{print $1, $4 "x" $5, $9, $11}' >"$TMP/imgs"
check "pdfimages: four images, on pages 2 to 5" "$(awk '{print $1}' "$TMP/imgs" | tr '\n' ' ')" = "2 3 4 5 "
check "pdfimages: the three JPEG receipts are jpeg" "$(awk '$3 == "jpeg" {print $1}' "$TMP/imgs" | tr '\n' ' ')" = "2 3 5 "
check "pdfimages: the PNG is an image of 3x2" "$(awk '$1 == 4 {print $2, $3}' "$TMP/imgs")" = "3x2 image"
check "pdfimages: the same JPEG bytes are one object" "$(awk '$1 == 2 {print $4}' "$TMP/imgs")" = "$(awk '$1 == 5 {print $4}' "$TMP/imgs")"
check "pdfimages: two distinct JPEG objects" "$(awk '$3 == "jpeg" {print $4}' "$TMP/imgs" | sort -u | wc -l)" = 2
mkdir "$TMP/x"
pdfimages -j -f 2 -l 3 "$P" "$TMP/x/img"
check "the JPEG embedded on page 2 is dinner.jpg byte for byte (not re-encoded)" "$(cmp "$TMP/x/img-000.jpg" "$R/dinner.jpg" && echo same)" = same
check "the one on page 3 is photo.jpeg.txt byte for byte" "$(cmp "$TMP/x/img-001.jpg" "$R/photo.jpeg.txt" && echo same)" = same
check "the PDF's fonts are embedded (real text)" "$(pdffonts "$P" | tail -n +3 | awk '{print $(NF-4)}' | sort -u | tr '\n' ' ')" = "yes "

# --reimbursable-only leaves the personal expense out
expect_out "export pdf --reimbursable-only" \
  "exported the packet of trip pycon-2026 (2026-11-02 to 2026-11-06) to $TMP/r.pdf: 7 pages, 5 receipts" \
  cs export pdf "$TMP/r.pdf" --trip pycon-2026 --reimbursable-only
page_text "$TMP/r.pdf" 1 >"$TMP/p1"
check "reimbursable only: said so" "$(grep -cxF 'Expenses reimbursable only' "$TMP/p1")" = 1
check "reimbursable only: no Souvenirs" "$(grep -c Souvenirs "$TMP/p1")" = 0
check "reimbursable only: the total" "$(grep -cxF 'Total 4 247.90 247.90' "$TMP/p1")" = 1

# a claim: its number, status and figures; its expenses only (the reimbursable four)
cs claim new --trip pycon-2026 --title "PyCon talk" >/dev/null 2>&1
expect_out "export pdf --claim 1" \
  "exported the packet of claim 1 to $TMP/c.pdf: 7 pages, 5 receipts" cs export pdf "$TMP/c.pdf" --claim 1
page_text "$TMP/c.pdf" 1 >"$TMP/p1"
for line in "Claim 1: PyCon talk" "Status draft" "Claimed 247.90 USD" "Paid 0.00 USD" \
  "Due 0.00 USD" "Trip PyCon US 2026 (pycon-2026)" "Purpose Talk on expense tracking" \
  "Expenses reimbursable only" "Total 4 247.90 247.90"; do
  check "claim page 1 has: $line" "$(grep -cxF -- "$line" "$TMP/p1")" = 1
done
cs claim submit 1 --date 2026-11-12 >/dev/null 2>&1
cs claim approve 1 --date 2026-11-13 >/dev/null
cs claim pay 1 100 --date 2026-11-20 >/dev/null
expect_ok "export pdf --claim 1 after a payment" cs export pdf "$TMP/c.pdf" --claim 1
page_text "$TMP/c.pdf" 1 >"$TMP/p1"
# due = claimed - paid = 247.90 - 100.00 = 147.90
for line in "Status partly paid" "Claimed 247.90 USD" "Paid 100.00 USD" "Due 147.90 USD"; do
  check "claim page 1 after paying 100: $line" "$(grep -cxF -- "$line" "$TMP/p1")" = 1
done

# the paper: config, else by the base currency
cs config set paper a4 >/dev/null
expect_ok "export pdf on a4" cs export pdf "$TMP/a4.pdf" --trip pycon-2026
check "pdfinfo: a4 from config" "$(pdfinfo "$TMP/a4.pdf" | sed -n 's/^Page size: *//p')" = "595.276 x 841.89 pts (A4)"
check "pdfinfo: every page a4" "$(pdfinfo -f 1 -l 7 "$TMP/a4.pdf" | grep -c 'size: *595.276 x 841.89 pts (A4)')" = 7
(
  export CONFSPEND_DB="$TMP/eur.db"
  cs config set currency EUR >/dev/null
  cs add meal 12.50 -c EUR -m Brasserie -d 2026-11-03 >/dev/null
  cs export pdf "$TMP/eur.pdf" >/dev/null
)
check "pdfinfo: a4 for a EUR base" "$(pdfinfo "$TMP/eur.pdf" | sed -n 's/^Page size: *//p')" = "595.276 x 841.89 pts (A4)"
check "the EUR packet: the row" "$(page_text "$TMP/eur.pdf" 1 | grep -cxF '1 2026-11-03 Meal Brasserie 12.50 EUR 12.50')" = 1

# a long month: 90 expenses, every tenth with a note of many lines. The table's header is
# on every report page, each page says `Page N of M`, and no row is cut: an expense's
# merchant and the last word of its note are on the same page.
(
  export CONFSPEND_DB="$TMP/long.db"
  for i in $(seq 1 90); do
    note=""
    [ $((i % 10)) -eq 0 ] && note="$(printf 'a long note %.0s' $(seq 1 40))END-$i"
    cs add other "$((100 + i)).25" -m "Shop $i" ${note:+-n "$note"} -d "2026-10-$(printf %02d $((i % 28 + 1)))" >/dev/null
  done
  cs export pdf "$TMP/long.pdf" --month 2026-10 >/dev/null
)
M=$(pages "$TMP/long.pdf")
check "the long month takes more than one page" "$M" -ge 3
for n in $(seq 1 "$M"); do page_text "$TMP/long.pdf" "$n" >"$TMP/pg$n"; done
for n in $(seq 1 "$M"); do
  check "page $n of the long month: its footer" "$(grep -cxF "Page $n of $M" "$TMP/pg$n")" = 1
  # (a last page may hold only the signature lines)
  if grep -qE '^[0-9]+ 2026-10-' "$TMP/pg$n"; then
    check "page $n: the table's header" "$(grep -c '^ID Date Category Merchant Description Amount Currency Amount in Receipt$' "$TMP/pg$n")" = 1
  fi
done
found=0
for i in $(seq 1 90); do
  # a row's first line: id, date, category, merchant and amount together
  hit=$(grep -lE "^$i 2026-10-[0-9]{2} Other Shop $i .*$((100 + i)).25 USD $((100 + i)).25\$" "$TMP"/pg[0-9]* | wc -l)
  [ "$hit" = 1 ] && found=$((found + 1))
  if [ $((i % 10)) -eq 0 ]; then
    pm=$(grep -lE "^$i 2026-10-[0-9]{2} Other Shop $i " "$TMP"/pg[0-9]*)
    pe=$(grep -lE "END-$i( |\$)" "$TMP"/pg[0-9]*)
    check "expense $i's tall row is on one page" "$pm" = "$pe"
  fi
done
check "every one of the 90 expenses is in the table, once" "$found" = 90
check "the totals: 90 expenses, 90 x 100.25 + (1 + ... + 90) = 9022.50 + 4095 = 13,117.50" \
  "$(grep -cxF 'Total 90 13,117.50 0.00' "$TMP/pg1")" = 1

# any script is real text: Pango shapes it and picks a font that has its glyphs (CI installs
# fonts-droid-fallback for Chinese, as the .deb recommends; DejaVu has Arabic and Greek);
# without such a font pdftotext would read the missing glyphs as digits
cs add meal 58 -m "北京烤鸭 Quanjude" -n "مطعم — Ελληνικά" -d 2026-09-03 >/dev/null
S="$TMP/scripts.pdf"
expect_ok "export pdf of a month with Chinese, Arabic and Greek text" cs export pdf "$S" --month 2026-09
pdftotext "$S" "$TMP/scripts.txt"
# (the merchant wraps in its cell after the Chinese word; pdftotext reads Arabic back with
# direction marks and a break after its first letter, so its last three letters are looked for)
check "the Chinese merchant is text" "$(grep -c '北京烤鸭' "$TMP/scripts.txt")" -ge 1
check "the Greek word is text" "$(grep -c 'Ελληνικά' "$TMP/scripts.txt")" -ge 1
check "the Arabic word is text" "$(grep -c 'طعم' "$TMP/scripts.txt")" -ge 1

# bad usage: exit 2, nothing written
expect_fail "export pdf to standard output" 2 "file: export pdf writes a file, not standard output (-)" cs export pdf -
expect_fail "export pdf of an unknown claim" 2 "claim: no such claim (9)" cs export pdf "$TMP/n.pdf" --claim 9
check "nothing was written" "$(ls "$TMP"/n.pdf 2>/dev/null | wc -l)" = 0
expect_out "export --help names pdf" "1" sh -c '"$CONFSPEND" export --help | grep -c "^  export pdf FILE"'

finish
