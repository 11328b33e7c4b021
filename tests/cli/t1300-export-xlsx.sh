# SPDX-License-Identifier: GPL-3.0-or-later
# export xlsx: the reimbursement workbook read back with openpyxl (tests/cli/xlsx_check.py):
# sheets, header cells, cell types and number formats, every total's formula and cached
# value, text that looks like a formula stays text, receipt links, frozen header,
# autofilter, document properties; the period and --reimbursable-only selections; and
# failed exports that leave no file behind.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
CHECK="$(dirname "$0")/xlsx_check.py"
xcheck() { "$PY" "$CHECK" "$@"; }
# The expected text with @TMP@ standing for the test's folder (receipt paths hold it).
want() { sed "s|@TMP@|$TMP|g"; }
W="$TMP/books"
mkdir -p "$W"

# --- a small history with known values ------------------------------------------------
cs config set owner "Ada Lovelace" >/dev/null
cs trip add pycon --name "PyCon" --start 2026-11-02 --end 2026-11-09 >/dev/null
cs rate set JPY 0.0067 --date 2026-10-01 >/dev/null
cs rate set BHD 2.65 --date 2026-10-01 >/dev/null
mkdir -p "$TMP/receipts"
: >"$TMP/receipts/taxi #1 100%.pdf"
{
  cs add ride 23.50 --trip pycon --date 2026-11-02 --provider lyft --from Home --to Venue \
    --tip 3.50 --reimbursable --payment visa
  # "venue" and " home " are the places of the ride before: stored as it has them (t0250)
  cs add ride 25.00 --trip pycon --date 2026-11-03 --provider uber --from venue --to " home " \
    --platform-fee 11 --reimbursable
  cs add ride 30.00 --trip pycon --date 2026-11-09 --provider uber --from Home --to Airport
  cs add meal 12.40 --no-trip --date 2026-11-03 --merchant '=HYPERLINK("http://x","y")' \
    --note coffee
  cs add lodging 0 --trip pycon --date 2026-11-02 --nights 8 --compare-rate 189 --merchant Friends
  cs add meal 1500 --currency JPY --trip pycon --date 2026-11-04 --merchant Ramen --reimbursable
  cs add meal 5.00 --refund --trip pycon --date 2026-11-05 --reimbursable --note "Coffee refund"
  cs add travel 420.00 --trip pycon --date 2026-10-20 --merchant United --reimbursable
  cs add donation 20.00 --no-trip --date 2026-10-15 --recipient PSF
  cs add meal 1.250 --currency BHD --no-trip --date 2026-11-06 --note $'two\nlines'
  cs budget set ride 100 && cs budget set meal 50 && cs budget set total 600
} >/dev/null || bad "setting up the history"
# receipt paths as revision 1 stored them (kept as notes; --receipt FILE now stores the file
# itself, t0900): the workbook links the one that exists
sql "UPDATE expense SET receipt = '$TMP/receipts/taxi #1 100%.pdf' WHERE id = 1;
     UPDATE expense SET receipt = '$TMP/receipts/missing.pdf' WHERE id = 2"

# --- every expense ----------------------------------------------------------------------
expect_ok "export xlsx of everything" cs export xlsx "$W/all.xlsx"
expect_out "no temporary file is left" "all.xlsx" ls "$W"

# The zip is deflated at zlib's fastest level (src/zlevel.c): each sheet's stored bytes are
# exactly what zlib level 1 makes of its XML, and not what the default level makes.
expect_out "every sheet is deflated at level 1" "$(printf '%s\n' 1 1 1 1)" "$PY" -c 'import sys, zipfile, zlib, struct
z = zipfile.ZipFile(sys.argv[1]); f = open(sys.argv[1], "rb")
for i in range(1, 5):
    info = z.getinfo("xl/worksheets/sheet%d.xml" % i)
    f.seek(info.header_offset)
    head = f.read(30)
    n, m = struct.unpack("<HH", head[26:30])
    f.seek(info.header_offset + 30 + n + m)
    raw = f.read(info.compress_size)
    xml = z.read(info)
    def packed(level):
        c = zlib.compressobj(level, zlib.DEFLATED, -15, 8)
        return c.compress(xml) + c.flush()
    print(sum(raw == packed(l) for l in (1, 6)) if raw == packed(1) else -1)' "$W/all.xlsx"

expect_out "sheets, frozen header, autofilter, charts, properties" "$(cat <<'EOF'
sheets Summary Expenses Receipts Budget Rides
Summary freeze=None filter=None charts=0
Expenses freeze=A2 filter=A1:R11 charts=0
Receipts freeze=None filter=None charts=0
Budget freeze=None filter=None charts=1
Rides freeze=None filter=None charts=1
title=Expense report author=Ada Lovelace
EOF
)" xcheck meta "$W/all.xlsx"

expect_out "Summary: header block, per-category formulas with cached values" "$(cat <<'EOF'
== Summary
A1 s Expense report
A2 s Owner
B2 s Ada Lovelace
A3 s Period
B3 s all expenses
A4 s Made (UTC)
B4 d TIMESTAMP [yyyy-mm-dd hh:mm:ss]
A5 s Base currency
B5 s USD
A6 s Expenses
B6 s reimbursable and personal
A8 s Category
B8 s Count
C8 s Total
D8 s Reimbursable
A9 s Ride
B9 f =COUNTIF(Expenses!$C$2:$C$11,"Ride") -> 3 [0]
C9 f =SUMIF(Expenses!$C$2:$C$11,"Ride",Expenses!$J$2:$J$11) -> 78.5 [#,##0.00 [$USD]]
D9 f =SUMIFS(Expenses!$J$2:$J$11,Expenses!$C$2:$C$11,"Ride",Expenses!$L$2:$L$11,"Yes") -> 48.5 [#,##0.00 [$USD]]
A10 s Meal
B10 f =COUNTIF(Expenses!$C$2:$C$11,"Meal") -> 4 [0]
C10 f =SUMIF(Expenses!$C$2:$C$11,"Meal",Expenses!$J$2:$J$11) -> 20.76 [#,##0.00 [$USD]]
D10 f =SUMIFS(Expenses!$J$2:$J$11,Expenses!$C$2:$C$11,"Meal",Expenses!$L$2:$L$11,"Yes") -> 5.05 [#,##0.00 [$USD]]
A11 s Lodging
B11 f =COUNTIF(Expenses!$C$2:$C$11,"Lodging") -> 1 [0]
C11 f =SUMIF(Expenses!$C$2:$C$11,"Lodging",Expenses!$J$2:$J$11) -> 0 [#,##0.00 [$USD]]
D11 f =SUMIFS(Expenses!$J$2:$J$11,Expenses!$C$2:$C$11,"Lodging",Expenses!$L$2:$L$11,"Yes") -> 0 [#,##0.00 [$USD]]
A12 s Donation
B12 f =COUNTIF(Expenses!$C$2:$C$11,"Donation") -> 1 [0]
C12 f =SUMIF(Expenses!$C$2:$C$11,"Donation",Expenses!$J$2:$J$11) -> 20 [#,##0.00 [$USD]]
D12 f =SUMIFS(Expenses!$J$2:$J$11,Expenses!$C$2:$C$11,"Donation",Expenses!$L$2:$L$11,"Yes") -> 0 [#,##0.00 [$USD]]
A13 s Travel
B13 f =COUNTIF(Expenses!$C$2:$C$11,"Travel") -> 1 [0]
C13 f =SUMIF(Expenses!$C$2:$C$11,"Travel",Expenses!$J$2:$J$11) -> 420 [#,##0.00 [$USD]]
D13 f =SUMIFS(Expenses!$J$2:$J$11,Expenses!$C$2:$C$11,"Travel",Expenses!$L$2:$L$11,"Yes") -> 420 [#,##0.00 [$USD]]
A14 s Total
B14 f =COUNT(Expenses!$A$2:$A$11) -> 10 [0]
C14 f =SUM(Expenses!$J$2:$J$11) -> 539.26 [#,##0.00 [$USD]]
D14 f =SUMIF(Expenses!$L$2:$L$11,"Yes",Expenses!$J$2:$J$11) -> 473.55 [#,##0.00 [$USD]]
A16 s Amounts are in the base currency; each figure is a formula over the Expenses sheet.
A19 s Employee signature
C19 s Date
A21 s Approved by
C21 s Date
EOF
)" xcheck dump "$W/all.xlsx" Summary

# Dates are date cells, money is numbers in its own currency's format (JPY 0 decimals,
# BHD 3), converted per expense and rounded half away from zero (1.250 BHD * 2.65 = 3.3125
# -> 3.31), the injection merchant is a text cell, the existing receipt is a file link.
expect_out "Expenses: one typed row per expense by date and id, totals row" "$(want <<'EOF'
== Expenses
A1 s ID
B1 s Date
C1 s Category
D1 s Merchant
E1 s Description
F1 s Trip
G1 s Amount
H1 s Currency
I1 s Rate
J1 s Amount in base currency
K1 s Tip
L1 s Reimbursable
M1 s Payment
N1 s Receipt
O1 s Provider
P1 s From
Q1 s To
R1 s Policy
A2 n 9
B2 d 2026-10-15 [yyyy-mm-dd]
C2 s Donation
G2 n 20 [#,##0.00 [$USD]]
H2 s USD
J2 n 20 [#,##0.00 [$USD]]
L2 s No
A3 n 8
B3 d 2026-10-20 [yyyy-mm-dd]
C3 s Travel
D3 s United
F3 s PyCon
G3 n 420 [#,##0.00 [$USD]]
H3 s USD
J3 n 420 [#,##0.00 [$USD]]
L3 s Yes
A4 n 1
B4 d 2026-11-02 [yyyy-mm-dd]
C4 s Ride
D4 s Lyft
E4 s Home → Venue
F4 s PyCon
G4 n 23.5 [#,##0.00 [$USD]]
H4 s USD
J4 n 23.5 [#,##0.00 [$USD]]
K4 n 3.5 [#,##0.00 [$USD]]
L4 s Yes
M4 s visa
N4 s @TMP@/receipts/taxi #1 100%.pdf link file://@TMP@/receipts/taxi%20%231%20100%25.pdf
O4 s lyft
P4 s Home
Q4 s Venue
A5 n 5
B5 d 2026-11-02 [yyyy-mm-dd]
C5 s Lodging
D5 s Friends
F5 s PyCon
G5 n 0 [#,##0.00 [$USD]]
H5 s USD
J5 n 0 [#,##0.00 [$USD]]
L5 s No
A6 n 2
B6 d 2026-11-03 [yyyy-mm-dd]
C6 s Ride
D6 s Uber
E6 s Venue → Home
F6 s PyCon
G6 n 25 [#,##0.00 [$USD]]
H6 s USD
J6 n 25 [#,##0.00 [$USD]]
L6 s Yes
N6 s @TMP@/receipts/missing.pdf
O6 s uber
P6 s Venue
Q6 s Home
A7 n 4
B7 d 2026-11-03 [yyyy-mm-dd]
C7 s Meal
D7 s =HYPERLINK("http://x","y")
E7 s coffee
G7 n 12.4 [#,##0.00 [$USD]]
H7 s USD
J7 n 12.4 [#,##0.00 [$USD]]
L7 s No
A8 n 6
B8 d 2026-11-04 [yyyy-mm-dd]
C8 s Meal
D8 s Ramen
F8 s PyCon
G8 n 1500 [#,##0 [$JPY]]
H8 s JPY
I8 n 0.0067 [0.0000######]
J8 n 10.05 [#,##0.00 [$USD]]
L8 s Yes
A9 n 7
B9 d 2026-11-05 [yyyy-mm-dd]
C9 s Meal
E9 s Coffee refund
F9 s PyCon
G9 n -5 [#,##0.00 [$USD]]
H9 s USD
J9 n -5 [#,##0.00 [$USD]]
L9 s Yes
A10 n 10
B10 d 2026-11-06 [yyyy-mm-dd]
C10 s Meal
E10 s two\nlines
G10 n 1.25 [#,##0.000 [$BHD]]
H10 s BHD
I10 n 2.65 [0.0000######]
J10 n 3.31 [#,##0.00 [$USD]]
L10 s No
A11 n 3
B11 d 2026-11-09 [yyyy-mm-dd]
C11 s Ride
D11 s Uber
E11 s Home → Airport
F11 s PyCon
G11 n 30 [#,##0.00 [$USD]]
H11 s USD
J11 n 30 [#,##0.00 [$USD]]
L11 s No
O11 s uber
P11 s Home
Q11 s Airport
A13 s Total
J13 f =SUBTOTAL(109,J2:J11) -> 539.26 [#,##0.00 [$USD]]
EOF
)" xcheck dump "$W/all.xlsx" Expenses

# Two months: the whole period (months added up) feeds the chart, then every month.
# ride used 78.50 / 200 = 39.25% -> 39.3% (half away from zero).
expect_out "Budget: the budget report of the period" "$(cat <<'EOF'
== Budget
A1 s Budget against actual
A2 s Period
B2 s 2026-10 to 2026-11 (2 months)
A3 s Base currency
B3 s USD
A4 s Ride model
B4 s platform commission 50% where a ride records no fee, share 0.5, availability 1, at least 2 rides a route, 0 trial days
A6 s Whole period (the months added up)
A7 s Category
B7 s Budget
C7 s Actual
D7 s Remaining
E7 s Used %
F7 s Direct actual
A8 s ride
B8 n 200 [#,##0.00 [$USD]]
C8 n 78.5 [#,##0.00 [$USD]]
D8 n 121.5 [#,##0.00 [$USD]]
E8 n 0.393 [0.0%]
F8 n 68 [#,##0.00 [$USD]]
A9 s meal
B9 n 100 [#,##0.00 [$USD]]
C9 n 20.76 [#,##0.00 [$USD]]
D9 n 79.24 [#,##0.00 [$USD]]
E9 n 0.208 [0.0%]
F9 n 20.76 [#,##0.00 [$USD]]
A10 s lodging
C10 n 0 [#,##0.00 [$USD]]
F10 n 0 [#,##0.00 [$USD]]
A11 s donation
C11 n 20 [#,##0.00 [$USD]]
F11 n 20 [#,##0.00 [$USD]]
A12 s travel
C12 n 420 [#,##0.00 [$USD]]
F12 n 420 [#,##0.00 [$USD]]
A13 s total
B13 n 1200 [#,##0.00 [$USD]]
C13 n 539.26 [#,##0.00 [$USD]]
D13 n 660.74 [#,##0.00 [$USD]]
E13 n 0.449 [0.0%]
F13 n 528.76 [#,##0.00 [$USD]]
A15 s By month
A16 s Month
B16 s Category
C16 s Budget
D16 s Actual
E16 s Remaining
F16 s Used %
G16 s Direct actual
A17 s 2026-10
B17 s ride
C17 n 100 [#,##0.00 [$USD]]
D17 n 0 [#,##0.00 [$USD]]
E17 n 100 [#,##0.00 [$USD]]
F17 n 0 [0.0%]
G17 n 0 [#,##0.00 [$USD]]
A18 s 2026-10
B18 s meal
C18 n 50 [#,##0.00 [$USD]]
D18 n 0 [#,##0.00 [$USD]]
E18 n 50 [#,##0.00 [$USD]]
F18 n 0 [0.0%]
G18 n 0 [#,##0.00 [$USD]]
A19 s 2026-10
B19 s donation
D19 n 20 [#,##0.00 [$USD]]
G19 n 20 [#,##0.00 [$USD]]
A20 s 2026-10
B20 s travel
D20 n 420 [#,##0.00 [$USD]]
G20 n 420 [#,##0.00 [$USD]]
A21 s 2026-10
B21 s total
C21 n 600 [#,##0.00 [$USD]]
D21 n 440 [#,##0.00 [$USD]]
E21 n 160 [#,##0.00 [$USD]]
F21 n 0.733 [0.0%]
G21 n 440 [#,##0.00 [$USD]]
A22 s 2026-11
B22 s ride
C22 n 100 [#,##0.00 [$USD]]
D22 n 78.5 [#,##0.00 [$USD]]
E22 n 21.5 [#,##0.00 [$USD]]
F22 n 0.785 [0.0%]
G22 n 68 [#,##0.00 [$USD]]
A23 s 2026-11
B23 s meal
C23 n 50 [#,##0.00 [$USD]]
D23 n 20.76 [#,##0.00 [$USD]]
E23 n 29.24 [#,##0.00 [$USD]]
F23 n 0.415 [0.0%]
G23 n 20.76 [#,##0.00 [$USD]]
A24 s 2026-11
B24 s lodging
D24 n 0 [#,##0.00 [$USD]]
G24 n 0 [#,##0.00 [$USD]]
A25 s 2026-11
B25 s total
C25 n 600 [#,##0.00 [$USD]]
D25 n 99.26 [#,##0.00 [$USD]]
E25 n 500.74 [#,##0.00 [$USD]]
F25 n 0.165 [0.0%]
G25 n 88.76 [#,##0.00 [$USD]]
EOF
)" xcheck dump "$W/all.xlsx" Budget

# Home <-> Venue: lyft 23.50 with a 3.50 tip (F 20, D 10, P 15) and uber 25 with an 11 fee
# (D 14, P 19.50); Airport <-> Home has one ride, so it is not eligible (P = F).
expect_out "Rides: the ride model per route, TOTAL as formulas" "$(cat <<'EOF'
== Rides
A1 s Rides: paying the driver directly
A2 s Period
B2 s all expenses
A3 s Base currency
B3 s USD
A4 s Ride model
B4 s platform commission 50% where a ride records no fee, share 0.5, availability 1, at least 2 rides a route, 0 trial days
A6 s Route
B6 s Rides
C6 s Eligible
D6 s Paid
E6 s Driver received
F6 s Platform kept
G6 s Direct cost
H6 s Rider savings
I6 s Driver gain
J6 s Expected savings
A7 s Home <-> Venue
B7 n 2 [0]
C7 n 2 [0]
D7 n 45 [#,##0.00 [$USD]]
E7 n 24 [#,##0.00 [$USD]]
F7 n 21 [#,##0.00 [$USD]]
G7 n 34.5 [#,##0.00 [$USD]]
H7 n 10.5 [#,##0.00 [$USD]]
I7 n 10.5 [#,##0.00 [$USD]]
J7 n 10.5 [#,##0.00 [$USD]]
A8 s Airport <-> Home
B8 n 1 [0]
C8 n 0 [0]
D8 n 30 [#,##0.00 [$USD]]
E8 n 15 [#,##0.00 [$USD]]
F8 n 15 [#,##0.00 [$USD]]
G8 n 30 [#,##0.00 [$USD]]
H8 n 0 [#,##0.00 [$USD]]
I8 n 0 [#,##0.00 [$USD]]
J8 n 0 [#,##0.00 [$USD]]
A9 s TOTAL
B9 f =SUM(B7:B8) -> 3 [0]
C9 f =SUM(C7:C8) -> 2 [0]
D9 f =SUM(D7:D8) -> 75 [#,##0.00 [$USD]]
E9 f =SUM(E7:E8) -> 39 [#,##0.00 [$USD]]
F9 f =SUM(F7:F8) -> 36 [#,##0.00 [$USD]]
G9 f =SUM(G7:G8) -> 64.5 [#,##0.00 [$USD]]
H9 f =SUM(H7:H8) -> 10.5 [#,##0.00 [$USD]]
I9 f =SUM(I7:I8) -> 10.5 [#,##0.00 [$USD]]
J9 f =SUM(J7:J8) -> 10.5 [#,##0.00 [$USD]]
EOF
)" xcheck dump "$W/all.xlsx" Rides

# --- selections ---------------------------------------------------------------------------
expect_ok "export --reimbursable-only" cs export xlsx "$W/reimb.xlsx" --reimbursable-only
expect_out "reimbursable-only: only those rows, in date order" "8 1 2 6 7 - Total" \
  xcheck column "$W/reimb.xlsx" Expenses A
expect_out "reimbursable-only: the filter covers the five rows" "$(cat <<'EOF'
sheets Summary Expenses Receipts
Summary freeze=None filter=None charts=0
Expenses freeze=A2 filter=A1:R6 charts=0
Receipts freeze=None filter=None charts=0
title=Expense report author=Ada Lovelace
EOF
)" xcheck meta "$W/reimb.xlsx"
expect_out "reimbursable-only: Summary sums only reimbursable expenses" "$(cat <<'EOF'
== Summary
A1 s Expense report
A2 s Owner
B2 s Ada Lovelace
A3 s Period
B3 s all expenses
A4 s Made (UTC)
B4 d TIMESTAMP [yyyy-mm-dd hh:mm:ss]
A5 s Base currency
B5 s USD
A6 s Expenses
B6 s reimbursable only
A8 s Category
B8 s Count
C8 s Total
D8 s Reimbursable
A9 s Ride
B9 f =COUNTIF(Expenses!$C$2:$C$6,"Ride") -> 2 [0]
C9 f =SUMIF(Expenses!$C$2:$C$6,"Ride",Expenses!$J$2:$J$6) -> 48.5 [#,##0.00 [$USD]]
D9 f =SUMIFS(Expenses!$J$2:$J$6,Expenses!$C$2:$C$6,"Ride",Expenses!$L$2:$L$6,"Yes") -> 48.5 [#,##0.00 [$USD]]
A10 s Meal
B10 f =COUNTIF(Expenses!$C$2:$C$6,"Meal") -> 2 [0]
C10 f =SUMIF(Expenses!$C$2:$C$6,"Meal",Expenses!$J$2:$J$6) -> 5.05 [#,##0.00 [$USD]]
D10 f =SUMIFS(Expenses!$J$2:$J$6,Expenses!$C$2:$C$6,"Meal",Expenses!$L$2:$L$6,"Yes") -> 5.05 [#,##0.00 [$USD]]
A11 s Travel
B11 f =COUNTIF(Expenses!$C$2:$C$6,"Travel") -> 1 [0]
C11 f =SUMIF(Expenses!$C$2:$C$6,"Travel",Expenses!$J$2:$J$6) -> 420 [#,##0.00 [$USD]]
D11 f =SUMIFS(Expenses!$J$2:$J$6,Expenses!$C$2:$C$6,"Travel",Expenses!$L$2:$L$6,"Yes") -> 420 [#,##0.00 [$USD]]
A12 s Total
B12 f =COUNT(Expenses!$A$2:$A$6) -> 5 [0]
C12 f =SUM(Expenses!$J$2:$J$6) -> 473.55 [#,##0.00 [$USD]]
D12 f =SUMIF(Expenses!$L$2:$L$6,"Yes",Expenses!$J$2:$J$6) -> 473.55 [#,##0.00 [$USD]]
A14 s Amounts are in the base currency; each figure is a formula over the Expenses sheet.
A17 s Employee signature
C17 s Date
A19 s Approved by
C19 s Date
EOF
)" xcheck dump "$W/reimb.xlsx" Summary

expect_ok "export --month" cs export xlsx "$W/nov.xlsx" --month 2026-11
expect_out "--month: the month's expenses" "1 5 2 4 6 7 10 3 - Total" \
  xcheck column "$W/nov.xlsx" Expenses A
expect_out "--month: the period and totals" "$(cat <<'EOF'
B3 s 2026-11
B12 f =COUNT(Expenses!$A$2:$A$9) -> 8 [0]
C12 f =SUM(Expenses!$J$2:$J$9) -> 99.26 [#,##0.00 [$USD]]
D12 f =SUMIF(Expenses!$L$2:$L$9,"Yes",Expenses!$J$2:$J$9) -> 53.55 [#,##0.00 [$USD]]
EOF
)" eval 'xcheck dump "$W/nov.xlsx" Summary | grep -E "^(B3|B12|C12|D12) "'
expect_out "--month: Budget is the month alone, Rides the month's routes" \
  "2026-11|ride|100|78.5|68|Home <-> Venue|Airport <-> Home|TOTAL" \
  "$PY" -c 'import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
b, r = wb["Budget"], wb["Rides"]
print("|".join(str(v) for v in (b["B2"].value, b["A7"].value, b["B7"].value, b["C7"].value,
                                b["F7"].value, r["A7"].value, r["A8"].value, r["A9"].value)))' \
  "$W/nov.xlsx"

# A trip takes its expenses whatever their date: the flight booked in October is in.
expect_ok "export --trip" cs export xlsx "$W/trip.xlsx" --trip pycon
expect_out "--trip: the trip's expenses" "8 1 5 2 6 7 3 - Total" \
  xcheck column "$W/trip.xlsx" Expenses A
# The header block names the trip (PyCon has no city or purpose: those rows are left out),
# and its categories (ride, meal, lodging, travel) take rows 11 to 14, the total row 15.
expect_out "--trip: the trip's name and dates, the period and totals" "$(cat <<'EOF'
A3 s Trip
B3 s PyCon
A4 s Dates
B4 s 2026-11-02 to 2026-11-09
A5 s Period
B5 s trip pycon (2026-11-02 to 2026-11-09)
B15 f =COUNT(Expenses!$A$2:$A$8) -> 7 [0]
C15 f =SUM(Expenses!$J$2:$J$8) -> 503.55 [#,##0.00 [$USD]]
D15 f =SUMIF(Expenses!$L$2:$L$8,"Yes",Expenses!$J$2:$J$8) -> 473.55 [#,##0.00 [$USD]]
EOF
)" eval 'xcheck dump "$W/trip.xlsx" Summary | grep -E "^(A3|B3|A4|B4|A5|B5|B15|C15|D15) "'

# Nothing selected: a header, no rows, totals of zero over the blank row.
expect_ok "export of an empty month" cs export xlsx "$W/empty.xlsx" --month 2025-01
expect_out "empty month: zero totals, still formulas" "$(cat <<'EOF'
== Summary
A9 s Total
B9 f =COUNT(Expenses!$A$2:$A$2) -> 0 [0]
C9 f =SUM(Expenses!$J$2:$J$2) -> 0 [#,##0.00 [$USD]]
D9 f =SUMIF(Expenses!$L$2:$L$2,"Yes",Expenses!$J$2:$J$2) -> 0 [#,##0.00 [$USD]]
== Expenses
A3 s Total
J3 f =SUBTOTAL(109,J2:J2) -> 0 [#,##0.00 [$USD]]
== Rides
A7 s TOTAL
A9 s No platform rides (lyft, uber) in this period.
EOF
)" eval 'xcheck dump "$W/empty.xlsx" Summary Expenses Rides | grep -E "^(==|[A-D]9 |A[379] s (Total|TOTAL|No)|J3 )"'

# Exporting over an existing workbook replaces it.
expect_ok "export over an existing file" cs export xlsx "$W/all.xlsx" --month 2026-10
expect_out "the file was replaced" "9 8 - Total" xcheck column "$W/all.xlsx" Expenses A

expect_out "every workbook in place, no temporary file beside them" \
  "all.xlsx empty.xlsx nov.xlsx reimb.xlsx trip.xlsx" eval 'echo $(ls -A "$W")'

# --- failures leave nothing behind ----------------------------------------------------------
mkdir -p "$TMP/fail"
echo old >"$TMP/fail/keep.xlsx"
mkdir "$TMP/real" && echo old >"$TMP/real/kept.xlsx" && ln -s "$TMP/real/kept.xlsx" "$TMP/link.xlsx"
expect_out "onto a symlink: written through" "exported the workbook of 2026-11 to $TMP/link.xlsx" \
  cs export xlsx "$TMP/link.xlsx" --month 2026-11
check "the link stays a link" -L "$TMP/link.xlsx"
expect_out "the file it points at is the workbook" "Summary Expenses Receipts Budget Rides" \
  "$PY" -c 'import openpyxl, sys; print(" ".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$TMP/real/kept.xlsx"
expect_out "nothing else beside it" "kept.xlsx" ls -A "$TMP/real"
expect_fail "target folder missing" 1 "export:" cs export xlsx "$TMP/nope/x.xlsx"
[ ! -e "$TMP/nope" ] && ok || bad "a missing folder was created"
expect_fail "target is a folder" 1 "export:" cs export xlsx "$TMP/fail"
if [ "$(id -u)" -ne 0 ]; then
  chmod 555 "$TMP/fail"
  expect_fail "target folder not writable" 1 "export:" cs export xlsx "$TMP/fail/new.xlsx"
  chmod 755 "$TMP/fail"
fi
# A disk that fills up while the workbook is being closed: libxlsxwriter copies each sheet's
# rows through a temporary file there without checking its writes, and frees space again
# before it writes the zip, so the zip comes out whole but cut. confspend reads it back and
# refuses it. A tmpfs one and a half times the sheet's size lets the rows be written but not
# copied (root only: it mounts a file system).
if [ "$(id -u)" = 0 ] && mkdir "$TMP/small" && gen_expenses 4000 "$TMP/gen" 2>/dev/null &&
  cs --db "$TMP/big.db" import csv "$TMP/gen/expenses.csv" >/dev/null &&
  cs --db "$TMP/big.db" export xlsx "$TMP/big.xlsx" >/dev/null; then
  kib=$("$PY" -c 'import sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).getinfo("xl/worksheets/sheet2.xml").file_size * 3 // 2048)' "$TMP/big.xlsx")
  if mount -t tmpfs -o size="${kib}k" tmpfs "$TMP/small" 2>/dev/null; then
    trap 'umount "$TMP/small" 2>/dev/null; rm -rf "$TMP"' EXIT
    expect_fail "a disk full while closing the workbook" 1 "came out incomplete" \
      cs --db "$TMP/big.db" export xlsx "$TMP/small/out.xlsx"
    expect_out "nothing is left on that disk" "" ls -A "$TMP/small"
    umount "$TMP/small"
  fi
fi

cs add meal 9.99 --currency EUR --date 2026-11-07 --merchant Bistro >/dev/null
expect_fail "a missing rate fails the export" 1 "rate: " cs export xlsx "$TMP/fail/keep.xlsx"
msg=$(cat "$TMP/err")
expect_out "the missing rate names the currency and date" \
  "confspend: rate: no rate to USD on or before this date; add one with 'confspend rate set EUR RATE --date DATE' (EUR on 2026-11-07)" \
  echo "$msg"
expect_out "the old file is untouched and no temporary file is left" "keep.xlsx old" \
  eval 'echo $(ls "$TMP/fail") $(cat "$TMP/fail/keep.xlsx")'
expect_fail "a missing rate fails a new export too" 1 "rate: " \
  cs export xlsx "$TMP/fail/new.xlsx" --month 2026-11
expect_out "no new file, no temporary file" "keep.xlsx" ls "$TMP/fail"
expect_ok "with the rate set the export works" \
  eval 'cs rate set EUR 1.08 --date 2026-11-01 && cs export xlsx "$TMP/fail/new.xlsx" --month 2026-11'
expect_out "the euro row in euros and in dollars (9.99 * 1.08 = 10.7892)" \
  "Bistro 9.99 #,##0.00 [\$EUR] 10.79" \
  "$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["Expenses"]
row = [r for r in ws.iter_rows(min_row=2) if r[3].value == "Bistro"][0]
print(row[3].value, row[6].value, row[6].number_format, row[9].value)' "$TMP/fail/new.xlsx"

# a currency the schema lets through (three letters) but confspend does not know: the
# reader of the rows refuses it, naming the expense, and no file appears
export CONFSPEND_DB="$TMP/xxx.db"
cs add meal 3 --date 2026-11-02 >/dev/null
sql "INSERT INTO expense(date, category, amount, currency, created_at) VALUES ('2026-11-03', 'meal', 100, 'XXX', 0)"
expect_fail "an unknown currency in the database" 1 \
  "expense 2: currency: not a currency code confspend knows (XXX)" cs export xlsx "$TMP/xxx.xlsx"
check "no workbook and no temporary file" -z "$(ls "$TMP" | grep '^xxx\.xlsx')"
finish
