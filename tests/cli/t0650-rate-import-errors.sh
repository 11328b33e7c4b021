#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# rate import refuses bad input whole: exit 2, one line naming the line and the field,
# nothing written (not even the good lines before the bad one).
. "$(dirname "$0")/lib.sh"

ECB="$(dirname "$0")/../data/ecb"
f() { expect_fail_silent "$@"; }
expect_ok "some rates first" cs rate import "$ECB/eurofxref.csv"
B="$TMP/bad"
mkdir -p "$B"

# CSV: a value that is not a number, on the third line (the second has good values)
printf 'Date,USD,CZK,\n2026-07-16,1.0853,24.67,\n2026-07-15,1.0861,24,71,\n' >"$B/ragged.csv"
f "a row with a field more than the header" 2 "line 3: 4 fields where the header has 3" cs rate import "$B/ragged.csv"
printf 'Date,USD,CZK,\n2026-07-16,1.0853,24.67,\n2026-07-15,1.0861,2x4.71,\n' >"$B/value.csv"
f "a value that is not a number" 2 "line 3, column CZK: not a decimal number with at most 18 digits (2x4.71)" cs rate import "$B/value.csv"
# a line of more fields than the reader holds (found by fuzz_ecb: it read past them)
{ printf 'Date,USD,CZK,\n2026-07-16'; for _ in $(seq 300); do printf ',1'; done; printf '\n'; } >"$B/wide.csv"
f "a line of 301 fields" 2 "line 2: more than 256 fields" cs rate import "$B/wide.csv"
printf 'Date,USD,CZK,\n2026-07-16,-1.0853,24.67,\n' >"$B/negative.csv"
f "a negative value" 2 "line 2, column USD: must not be negative (-1.0853)" cs rate import "$B/negative.csv"
printf 'Date,USD,CZK,\n2026-07-16,0,24.67,\n' >"$B/zero.csv"
f "a zero value" 2 "line 2, column USD: must be greater than zero (0)" cs rate import "$B/zero.csv"
printf 'Date,USD,CZK,\n2026-02-30,1.0853,24.67,\n' >"$B/date.csv"
f "an impossible date" 2 "line 2, Date: no such calendar date (2026-02-30)" cs rate import "$B/date.csv"
printf 'Date,USD,CZK,\n16/07/2026,1.0853,24.67,\n' >"$B/datefmt.csv"
f "a date in another form" 2 "line 2, Date: not a date in YYYY-MM-DD form (16/07/2026)" cs rate import "$B/datefmt.csv"
printf 'Date, USD, CZK, \n14 Jully 2026, 1.0853, 24.670, \n' >"$B/month.csv"
f "a daily file's month misspelt" 2 "line 2, Date: no such month (14 Jully 2026)" cs rate import "$B/month.csv"
printf 'Datum,USD,CZK,\n2026-07-16,1.0853,24.67,\n' >"$B/header.csv"
f "not the ECB's header" 2 "line 1, column 1: not an ECB rates file (the header starts Date,USD,...) (Datum)" cs rate import "$B/header.csv"
printf 'Date,USD,Czech koruna,\n2026-07-16,1.0853,24.67,\n' >"$B/code.csv"
f "a column that is not a currency code" 2 "line 1, header: not a currency code (Czech koruna)" cs rate import "$B/code.csv"
printf 'Date,USD,USD,\n2026-07-16,1.0853,1.0854,\n' >"$B/twice.csv"
f "a currency named twice" 2 "line 1, header: a currency named twice (USD)" cs rate import "$B/twice.csv"
printf 'Date,\n' >"$B/nocols.csv"
f "no currency columns" 2 "line 1: no currency columns" cs rate import "$B/nocols.csv"
: >"$B/empty.csv"
f "an empty file" 2 "rate import: the file is empty" cs rate import "$B/empty.csv"
printf 'Date,USD\n2026-07-16,1.08\0\n' >"$B/nul.csv"
f "a NUL byte" 2 "not a text file" cs rate import "$B/nul.csv"
f "a file that does not exist" 2 "rate import: cannot open: No such file or directory ($B/none.csv)" cs rate import "$B/none.csv"

# XML
printf "<gesmes:Envelope><Cube><Cube time='2026-07-16'><Cube currency='USD' rate='1.0853'/>\n<Cube currency='CZK' rate='24,67'/></Cube></Cube></gesmes:Envelope>\n" >"$B/value.xml"
f "an XML rate that is not a number" 2 "line 2, rate of CZK: not a decimal number with at most 18 digits (24,67)" cs rate import "$B/value.xml"
printf "<gesmes:Envelope><Cube><Cube time='2026-13-01'><Cube currency='USD' rate='1.08'/></Cube></Cube></gesmes:Envelope>" >"$B/date.xml"
f "an XML date" 2 "line 1, time: no such calendar date (2026-13-01)" cs rate import "$B/date.xml"
printf "<gesmes:Envelope><Cube><Cube time='2026-07-16'>\n<Cube currency='USD'/></Cube></Cube></gesmes:Envelope>" >"$B/norate.xml"
f "an XML currency without its rate" 2 "line 2, rate: required" cs rate import "$B/norate.xml"
printf "<gesmes:Envelope><Cube><Cube currency='USD' rate='1.08'/></Cube></gesmes:Envelope>" >"$B/notime.xml"
f "a rate outside a dated block" 2 "line 1, time: a rate outside a Cube time='YYYY-MM-DD'" cs rate import "$B/notime.xml"
printf "<gesmes:Envelope><Cube><Cube time='2026-07-16'><Cube currency='usd' rate='1.08'/></Cube></Cube></gesmes:Envelope>" >"$B/code.xml"
f "an XML currency that is not a code" 2 "line 1, currency: not a currency code (usd)" cs rate import "$B/code.xml"
printf "<gesmes:Envelope><Cube><Cube time='2026-07-16'>\n<Cube currency='USD' rate='1.08'/>\n<Cube currency='CZK' rate='24.6'/>\n" >"$B/truncated.xml"
f "a truncated XML file" 2 "line 4: not well-formed XML: no element found" cs rate import "$B/truncated.xml"
printf "<gesmes:Envelope><Cube><Cube time='2026-07-16'>\n<Cube currency='USD' rate='1.08'>\n</Cube></gesmes:Envelope>\n" >"$B/mismatch.xml"
f "mismatched XML tags" 2 "line 3: not well-formed XML: mismatched tag" cs rate import "$B/mismatch.xml"
printf '<html><body>rates</body></html>' >"$B/html.xml"
f "XML that is not the ECB's" 2 "line 1, element: not an ECB rates file (gesmes:Envelope) (html)" cs rate import "$B/html.xml"

expect_out "still only the first import's rates" "29|1" sql "SELECT count(*), (SELECT count(*) FROM change) FROM rate"
finish
