# SPDX-License-Identifier: GPL-3.0-or-later
# export xlsx: every total is a formula whose cached value is what a spreadsheet computes.
# LibreOffice Calc (headless) opens copies of the workbooks whose cached values were all
# replaced by 999999, recalculates (a private profile sets "always recalculate on load"
# for OOXML) and saves them; each recalculated figure must equal confspend's cached one.
# Skipped only when soffice is not installed (tests/run installs libreoffice-calc-nogui).
. "$(dirname "$0")/lib.sh"

if ! command -v soffice >/dev/null 2>&1; then
  echo "skipped: soffice not installed (apt-get install libreoffice-calc-nogui)"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi

PY=/usr/bin/python3
CHECK="$(dirname "$0")/xlsx_check.py"
W="$TMP/books"
mkdir -p "$W" "$TMP/recalc" "$TMP/lo/user"

# A history with foreign currencies, refunds, rides with tips and fees, and a mix of
# reimbursable and personal expenses.
{
  cs config set owner "Recalc Check"
  cs trip add conf --name Conf --start 2026-11-02 --end 2026-11-06
  cs rate set JPY 0.0067 --date 2026-10-01
  cs rate set EUR 1.0837 --date 2026-10-01
  cs add ride 23.50 --trip conf --date 2026-11-02 --provider lyft --from Home --to Venue \
    --tip 3.50 --reimbursable
  cs add ride 25.00 --trip conf --date 2026-11-03 --provider uber --from Venue --to Home \
    --platform-fee 11 --reimbursable
  cs add ride 19.99 --trip conf --date 2026-11-04 --provider uber --from Home --to Venue
  cs add ride 31.07 --trip conf --date 2026-11-05 --provider lyft --from Hotel --to Airport \
    --tip 4
  cs add meal 0.10 --trip conf --date 2026-11-02 --reimbursable
  cs add meal 0.20 --trip conf --date 2026-11-02 --reimbursable
  cs add meal 1500 --currency JPY --trip conf --date 2026-11-03 --merchant '=1+1'
  cs add meal 12.34 --currency EUR --trip conf --date 2026-11-04 --reimbursable
  cs add meal 5.00 --refund --trip conf --date 2026-11-05 --reimbursable
  cs add lodging 0 --trip conf --date 2026-11-02 --nights 4 --compare-rate 189
  cs add ticket 450.00 --trip conf --date 2026-09-15 --reimbursable
  cs add donation 20.00 --no-trip --date 2026-10-15
  cs add other 7.77 --currency EUR --no-trip --date 2026-10-20
  cs budget set ride 100 && cs budget set total 500
} >/dev/null || bad "setting up the history"

expect_ok "export everything" cs export xlsx "$W/all.xlsx"
expect_ok "export a month" cs export xlsx "$W/month.xlsx" --month 2026-11
expect_ok "export a trip" cs export xlsx "$W/trip.xlsx" --trip conf
expect_ok "export reimbursable only" cs export xlsx "$W/reimb.xlsx" --reimbursable-only
expect_ok "export an empty period" cs export xlsx "$W/empty.xlsx" --month 2025-01
# a claim's workbook (the rev-2 columns: its Summary sums column J where column L says Yes)
expect_ok "claim the trip's reimbursable expenses" sh -c '"$CONFSPEND" claim new --trip conf >/dev/null 2>&1'
expect_ok "export the claim" cs export xlsx "$W/claim.xlsx" --claim 1

# The profile: recalculate OOXML files on load, always (0), instead of trusting the cache.
cat >"$TMP/lo/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
EOF

names="all month trip reimb empty claim"
for n in $names; do
  "$PY" "$CHECK" poison "$W/$n.xlsx" "$TMP/recalc/$n.xlsx" || bad "poisoning $n.xlsx"
done
mkdir -p "$TMP/recalc/out"
# shellcheck disable=SC2046
if HOME="$TMP" timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$TMP/lo" --convert-to xlsx --outdir "$TMP/recalc/out" \
  $(for n in $names; do echo "$TMP/recalc/$n.xlsx"; done) >"$TMP/soffice.log" 2>&1; then
  ok
else
  bad "soffice failed: $(cat "$TMP/soffice.log")"
fi

for n in $names; do
  if [ ! -f "$TMP/recalc/out/$n.xlsx" ]; then
    bad "$n: LibreOffice wrote no file: $(cat "$TMP/soffice.log")"
    continue
  fi
  if "$PY" "$CHECK" compare "$W/$n.xlsx" "$TMP/recalc/out/$n.xlsx" >"$TMP/cmp" 2>&1; then
    ok
  else
    bad "$n: recalculated totals differ from the cached ones:"
    cat "$TMP/cmp" >&2
  fi
done

# The comparison above saw real formulas: the whole export has the Summary's 3 for each
# of its 6 categories and 3 grand totals, the Expenses SUBTOTAL and the Rides TOTAL row's 9.
expect_out "formulas compared in the whole export" "31 formulas, 0 differ" \
  "$PY" "$CHECK" compare "$W/all.xlsx" "$TMP/recalc/out/all.xlsx"

finish
