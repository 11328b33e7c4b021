# SPDX-License-Identifier: GPL-3.0-or-later
# export xlsx, desk-ready (SPEC "Export", rev 2): a claim's workbook read back with openpyxl
# (the header block with trip, department and claim figures, signature lines, the Expenses
# columns Rate, Tip, Receipt links and `missing`, Policy; the Receipts sheet's captions and
# embedded images; page setup of every sheet: landscape, one page wide, header row
# repeated, print area, `Page N of M` footer), no Budget or Rides sheet in a claim or
# --reimbursable-only workbook, a damaged receipt blob refused (exit 2, no file), and a
# workbook of 40 receipts of 1 MB: its images stored undeflated, and interrupts (SIGINT,
# SIGTERM) at any time leaving nothing beside it.
. "$(dirname "$0")/lib.sh"
export CONFSPEND_TODAY=2026-11-20

PY=/usr/bin/python3
D=$(dirname "$0")
CHECK="$D/xlsx_check.py"
xcheck() { "$PY" "$CHECK" "$@"; }
R="$TMP/r"
"$PY" "$D/receipt_files.py" "$R"
"$PY" "$D/receipt_images.py" "$R/tall.png" 600 1800  # 1/3 as wide as tall
"$PY" "$D/receipt_images.py" "$R/wide.png" 1800 300  # 6 times as wide as tall
"$PY" "$D/receipt_images.py" "$R/small.png" 300 200  # fits the page as it is

{
  cs config set owner "Ada Lovelace"
  cs config set department "Research & Development"
  cs trip add pycon --name "PyCon US" --city Pittsburgh --start 2026-11-02 --end 2026-11-08 \
    --purpose "Talk: money as integers"
  cs rate set EUR 1.0837 --date 2026-10-01
  cs add meal 40 --trip pycon --reimbursable --merchant Dinner --date 2026-11-03           # 1
  cs add ride 18 --trip pycon --reimbursable --provider lyft --from Airport --to Hotel \
    --tip 5 --date 2026-11-04                                                             # 2
  cs add meal 90 --trip pycon --reimbursable --merchant Steakhouse --date 2026-11-04      # 3
  cs add meal 12.34 --currency EUR --trip pycon --reimbursable --merchant Cafe \
    --date 2026-11-05                                                                     # 4
  cs add lodging 600 --trip pycon --reimbursable --merchant "Hotel Monaco" --date 2026-11-08 # 5
  cs add ride 12 --trip pycon --provider uber --from Hotel --to Airport --date 2026-11-08 # 6
  cs receipt add 1 "$R/dinner.jpg" "$R/hotel.pdf"
  cs receipt add 3 "$R/tall.png"
  cs receipt add 4 "$R/wide.png"
  cs receipt add 5 "$R/small.png"
  cs policy set receipt-over 15
  cs policy set tip-max 20
  cs policy set meal-per-day 80
  cs policy set claim-within 14
} >/dev/null 2>&1 || bad "setting up the claim"
# claim 1: the five reimbursable expenses (the uber ride is personal)
expect_out "claim new" "claim 1: 5 expenses, 761.37 USD" sh -c '"$CONFSPEND" claim new --trip pycon 2>/dev/null'
expect_ok "claim submit" cs claim submit 1 --date 2026-11-19
expect_ok "export xlsx --claim" cs export xlsx "$TMP/c.xlsx" --claim 1

expect_out "a claim's workbook: Summary, Expenses, Receipts (no Budget, no Rides)" \
  "sheets Summary Expenses Receipts" eval 'xcheck meta "$TMP/c.xlsx" | head -1'

# The header block: the claim's one trip (name, city, dates, purpose), the department,
# the claim's number, status and figures (12.34 EUR * 1.0837 = 13.372858 -> 13.37; 40 + 18
# + 90 + 13.37 + 600 = 761.37 claimed, nothing paid, all of it due), then the signature
# lines under the totals.
expect_out "Summary: the header block and the signature lines" "$(cat <<'EOF'
A1 s Expense report
A2 s Owner
B2 s Ada Lovelace
A3 s Department
B3 s Research & Development
A4 s Trip
B4 s PyCon US
A5 s City
B5 s Pittsburgh
A6 s Dates
B6 s 2026-11-02 to 2026-11-08
A7 s Purpose
B7 s Talk: money as integers
A8 s Claim
B8 s 1
A9 s Status
B9 s submitted
A10 s Claimed
B10 n 761.37 [#,##0.00 [$USD]]
A11 s Paid
B11 n 0 [#,##0.00 [$USD]]
A12 s Due
B12 n 761.37 [#,##0.00 [$USD]]
A13 s Period
B13 s claim 1
A16 s Expenses
B16 s reimbursable only
A22 s Total
B22 f =COUNT(Expenses!$A$2:$A$6) -> 5 [0]
C22 f =SUM(Expenses!$J$2:$J$6) -> 761.37 [#,##0.00 [$USD]]
A27 s Employee signature
C27 s Date
A29 s Approved by
C29 s Date
EOF
)" eval 'xcheck dump "$TMP/c.xlsx" Summary | grep -E "^(A[0-9]+ s|B([2-9]|1[0-3]) |B16|[BC]22 |C2[79] s)" | grep -v "^A1[89] s\|^A2[01] s\|^A1[45] s\|^A24 s"'

expect_out "the signature and date lines are cells with a bottom border" "B27 thin D27 thin B29 thin D29 thin" \
  "$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
print(" ".join("%s %s" % (c, ws[c].border.bottom.style) for c in ("B27", "D27", "B29", "D29")))' "$TMP/c.xlsx"

# The Expenses sheet, by date and id: the ride's merchant is its provider and its
# description its route; the EUR meal's rate is the one used (1.0837), the others are in
# the base currency (no rate); the tip 5 of an 18 ride is 5 / 13 = 38% > 20%; a receipt
# links to its caption in the Receipts sheet; the ride of 18 > 15 has none: `missing`.
# Policy as of the submit date 2026-11-19: expense 1 of 2026-11-03 is 16 days old > 14, the
# 4th 15, the 5th 14 (not more); the meals of 2026-11-04 are 90 > 80 a day.
# The Receipts sheet (row 1 its title): dinner.jpg from row 2 (an image takes 32 rows),
# hotel.pdf from row 34 (4 rows), tall.png from 38, wide.png from 70, small.png from 102.
expect_out "Expenses: the rev-2 columns" "$(cat <<'EOF'
1|2026-11-03|Meal|Dinner|-|PyCon US|40|USD|-|40|-|Yes|-|dinner.jpg (+1)|#Receipts!A2|16 days old > 14
2|2026-11-04|Ride|Lyft|Airport → Hotel|PyCon US|18|USD|-|18|5|Yes|-|missing|-|no receipt (18.00 > 15.00); tip 38% > 20%; 15 days old > 14
3|2026-11-04|Meal|Steakhouse|-|PyCon US|90|USD|-|90|-|Yes|-|tall.png|#Receipts!A38|15 days old > 14; meals 90.00 > 80.00 per day
4|2026-11-05|Meal|Cafe|-|PyCon US|12.34|EUR|1.0837|13.37|-|Yes|-|wide.png|#Receipts!A70|-
5|2026-11-08|Lodging|Hotel Monaco|-|PyCon US|600|USD|-|600|-|Yes|-|small.png|#Receipts!A102|-
EOF
)" "$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["Expenses"]
head = [c.value for c in ws[1]]
def show(v):
    if v is None: return "-"
    if hasattr(v, "strftime"): return v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer(): return str(int(v))
    return str(v)
for row in ws.iter_rows(min_row=2):
    if not isinstance(row[0].value, int): continue
    cells = [show(c.value) for c in row[:14]]
    link = row[13].hyperlink
    cells.append("#" + link.location if link is not None else "-")
    cells.append(show(row[17].value))
    print("|".join(cells))' "$TMP/c.xlsx"

expect_out "claim check says the same" "$(cat <<'EOF'
expense 1: 16 days old > 14
expense 2: no receipt (18.00 > 15.00)
expense 2: tip 38% > 20%
expense 2: 15 days old > 14
expense 3: 15 days old > 14
2026-11-04: meals 90.00 > 80.00 per day
EOF
)" cs claim check 1

# The Receipts sheet: a caption per receipt, `expense ID, DATE, MERCHANT, AMOUNT CUR`; the
# PDF listed by name and SHA-256; each image anchored under its caption and scaled to fit
# the printed box of 900 x 600 pixels, never enlarged: tall.png 600 x 1800 by 1/3 (200 x
# 600), wide.png 1800 x 300 by 1/2 (900 x 150), small.png 300 x 200 as it is; dinner.jpg is
# 1 x 1. A page break before every image but the first and before what follows an image.
sha=$(sha256sum "$R/hotel.pdf" | cut -d' ' -f1)
expect_out "Receipts: captions, the PDF's name and SHA-256" "$(cat <<EOF
== Receipts
A1 s Receipts (claim 1)
A2 s expense 1, 2026-11-03, Dinner, 40.00 USD
A34 s expense 1, 2026-11-03, Dinner, 40.00 USD
A35 s PDF receipt hotel.pdf (230 bytes): not embedded, a workbook cannot hold a PDF ('confspend export pdf' does)
A36 s SHA-256 $sha
A38 s expense 3, 2026-11-04, Steakhouse, 90.00 USD
A70 s expense 4, 2026-11-05, Cafe, 12.34 EUR
A102 s expense 5, 2026-11-08, Hotel Monaco, 600.00 USD
EOF
)" xcheck dump "$TMP/c.xlsx" Receipts

expect_out "Receipts: one image per image receipt, under its caption, scaled to fit" "$(cat <<'EOF'
image at A3 1x1 px
image at A39 200x600 px
image at A71 900x150 px
image at A103 300x200 px
breaks 33 37 69 101
EOF
)" "$PY" -c 'import openpyxl, sys, zipfile, re
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Receipts"]
# the size shown is in the drawing, in EMU (9525 a pixel)
z = zipfile.ZipFile(sys.argv[1])
xml = z.read("xl/drawings/drawing1.xml").decode()
ext = re.findall(r"<a:ext cx=\"(\d+)\" cy=\"(\d+)\"/>", xml)
assert len(ext) == len(ws._images), (ext, len(ws._images))
for im, (cx, cy) in zip(ws._images, ext):
    m = im.anchor._from
    print("image at %s%d %dx%d px" % (chr(65 + m.col), m.row + 1, round(int(cx) / 9525),
                                     round(int(cy) / 9525)))
print("breaks " + " ".join(str(b.id) for b in ws.row_breaks.brk))' "$TMP/c.xlsx"

# Every sheet prints landscape on letter paper (the base currency is USD), one page wide and
# as many tall as it takes, its header row on every page, a print area over what it holds,
# "Page N of M" at the foot. (fitToWidth is absent from the file: 1 is its default, which
# openpyxl reads as None.)
expect_out "page setup of every sheet" "$(cat <<'EOF'
Summary landscape paper=1 fit=True 1x0 titles=$1:$1 area=$A$1:$D$29 footer=Page &P of &N
Expenses landscape paper=1 fit=True 1x0 titles=$1:$1 area=$A$1:$R$8 footer=Page &P of &N
Receipts landscape paper=1 fit=True 1x0 titles=$1:$1 area=$A$1:$A$133 footer=Page &P of &N
EOF
)" "$PY" -c 'import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb:
    ps = ws.page_setup
    print("%s %s paper=%s fit=%s %sx%s titles=%s area=%s footer=%s" % (ws.title, ps.orientation,
          ps.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage,
          1 if ps.fitToWidth is None else ps.fitToWidth, ps.fitToHeight,
          ws.print_title_rows, ",".join(ws.print_area), ws.oddFooter.center.text))' "$TMP/c.xlsx"

# --reimbursable-only: no Budget or Rides sheet either; an export of everything has both,
# each set up for print too, and the Rides chart is a bar chart (routes down its side)
expect_ok "export --reimbursable-only" cs export xlsx "$TMP/r.xlsx" --reimbursable-only
expect_out "--reimbursable-only: Summary, Expenses, Receipts" "sheets Summary Expenses Receipts" \
  eval 'xcheck meta "$TMP/r.xlsx" | head -1'
cs config set paper a4 >/dev/null
expect_ok "export of everything" cs export xlsx "$TMP/a.xlsx"
expect_out "Budget and Rides: page setup (A4 now), the Rides chart a bar chart" "$(cat <<'EOF'
Budget landscape paper=9 1x0 titles=$6:$6 area=$A$1:$O$21
Rides landscape paper=9 1x0 titles=$6:$6 area=$A$1:$J$21
Rides chart bar
EOF
)" "$PY" -c 'import openpyxl, sys, zipfile
wb = openpyxl.load_workbook(sys.argv[1])
for name in ("Budget", "Rides"):
    ws = wb[name]
    ps = ws.page_setup
    print("%s %s paper=%s %sx%s titles=%s area=%s" % (name, ps.orientation, ps.paperSize,
          1 if ps.fitToWidth is None else ps.fitToWidth, ps.fitToHeight, ws.print_title_rows,
          ",".join(ws.print_area)))
z = zipfile.ZipFile(sys.argv[1])
charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
for n in charts:
    x = z.read(n).decode()
    if "Paid against direct cost" in x:
        print("Rides chart " + ("bar" if "<c:barDir val=\"bar\"/>" in x else "column"))' "$TMP/a.xlsx"
cs config set paper letter >/dev/null

# A receipt blob altered by hand (not the PNG it was stored as): the export refuses it,
# naming the receipt, exit 2, and no file appears (no workbook with a broken image).
# (the bytes are kept in receipt_blob, under the receipt_data row's id: migration 0017)
sql "UPDATE receipt_blob SET data = randomblob(500) WHERE rowid = (SELECT data_id FROM receipt WHERE id = 4)"
expect_fail "a damaged receipt in the database" 2 \
  "receipt: receipt 4 of expense 4 is damaged in the database (not a JPEG, PNG or PDF); remove it with 'confspend receipt rm 4' (wide.png)" \
  cs export xlsx "$TMP/d.xlsx" --claim 1
check "no workbook and no temporary file" -z "$(ls -A "$TMP" | grep '^d\.xlsx')"
expect_ok "the receipt removed as the message says" cs receipt rm 4
# the bytes of dinner.jpg where small.png's were: a whole JPEG, but stored as a PNG
sql "UPDATE receipt_blob SET data = (SELECT data FROM receipt_blob WHERE rowid = 1) WHERE rowid = (SELECT data_id FROM receipt WHERE id = 5)"
expect_fail "an image of another type than the one stored" 2 \
  "receipt: receipt 5 of expense 5 is damaged in the database (a jpeg stored as a png); remove it with 'confspend receipt rm 5' (small.png)" \
  cs export xlsx "$TMP/d.xlsx" --claim 1
expect_ok "without the damaged receipts the export works" \
  eval 'cs receipt rm 5 && cs export xlsx "$TMP/d.xlsx" --claim 1'
expect_out "their expenses now say missing (4: 13.37 < 15 needs none)" "tall.png missing" \
  "$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["Expenses"]
print(ws["N4"].value, ws["N6"].value or "-")' "$TMP/d.xlsx"

# Ctrl-C (SIGINT) or SIGTERM while the receipts' images are being written or packed leaves
# nothing beside the target: the images are files without names in the export's scratch
# folder (read by libxlsxwriter through /proc/self/fd), so the folder is empty and goes
# with the temporary workbook.
export CONFSPEND_DB="$TMP/many.db"
"$PY" "$D/receipt_files.py" "$TMP/many" 40 1048576
for i in $(seq 0 39); do
  cs add meal 5 --reimbursable --date 2026-11-01 >/dev/null
  cs receipt add $((i + 1)) "$TMP/many/r$(printf %04d "$i").jpg" >/dev/null
done
mkdir "$TMP/int"
expect_ok "a whole export with 40 receipts of 1 MB" cs export xlsx "$TMP/int/whole.xlsx"
expect_out "40 images in it" "40" "$PY" -c 'import openpyxl, sys
print(len(openpyxl.load_workbook(sys.argv[1])["Receipts"]._images))' "$TMP/int/whole.xlsx"
# JPEGs are compressed already: their members are stored (deflate level 0: the 1 MiB plus 5
# bytes a 64 KiB block), the sheets deflated
expect_out "images stored, sheets deflated" "40 images of 1048741 bytes, Expenses packed" "$PY" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
m = [i for i in z.infolist() if i.filename.startswith("xl/media/")]
sizes = set(i.compress_size for i in m if i.file_size == 1048576)
e = z.getinfo("xl/worksheets/sheet2.xml")
print("%d images of %s bytes, Expenses %s" % (len(m), " ".join(map(str, sizes)),
      "packed" if e.compress_size < e.file_size / 3 else "not packed"))' "$TMP/int/whole.xlsx"
stopped=0
for sig in INT TERM; do
  for ms in 20 60 120 250 400; do
    # a background job starts with SIGINT ignored: give it back its default, as a terminal's
    env --default-signal=INT "$CONFSPEND" export xlsx "$TMP/int/x.xlsx" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf %03d $ms)"
    kill -$sig $pid 2>/dev/null
    wait $pid 2>/dev/null
    [ $? -gt 128 ] && stopped=$((stopped + 1))
    rm -f "$TMP/int/x.xlsx" # done before the signal: fine
  done
done
echo "# $stopped of the 10 exports were stopped by the signal"
expect_out "after 10 interrupted exports nothing is left beside the workbook" "whole.xlsx" ls -A "$TMP/int"
finish
