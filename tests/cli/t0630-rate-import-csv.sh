#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# rate import of the ECB's CSV files (tests/data/ecb/, the real layouts with invented
# values): eurofxref-hist.csv (header Date,USD,JPY,... with a trailing comma on every line,
# newest first, N/A, trailing zeros stripped, withdrawn currencies) and the daily
# eurofxref.csv (", " separators, "14 July 2026", fixed decimals). Every value is a pair
# 1 EUR = x CUR on its date; one change; a second import adds nothing.
. "$(dirname "$0")/lib.sh"

ECB="$(dirname "$0")/../data/ecb"
crlf() { printf '%s\r\n' "$@"; }

# eurofxref-hist.csv: 4 rows of 2026 and one of 2007-12-28, 41 currency columns.
# 2026: 29 currencies confspend knows are quoted (BGN, CYP, EEK, LTL, LVL, MTL, ROL, SIT,
# SKK, HRK, RUB, TRL are N/A), and on 07-09 MXN is N/A too: 29 + 29 + 29 + 28 = 115.
# 2007-12-28: of the 30 known columns BRL, ILS, INR and MXN are N/A: 26; CYP, EEK, LTL,
# LVL, MTL, SKK, HRK and RUB have values but are currencies confspend does not know
# (ROL, SIT, TRL are N/A): 8 values not imported, said on stderr. 115 + 26 = 141.
expect_out "the history file" "141 rates added, 0 already present" cs rate import "$ECB/eurofxref-hist.csv"
cp "$TMP/err" "$TMP/import.err"
expect_out "what was not imported, on stderr" \
  "confspend: 8 values of CYP, EEK, LTL, LVL, MTL, SKK, HRK, RUB not imported (currencies confspend does not know)" \
  cat "$TMP/import.err"
expect_out "141 pairs, all from EUR" "141|141" sql "SELECT count(*), sum(currency = 'EUR') FROM rate"
expect_out "dates as in the file, the old row too" "2007-12-28|26
2026-07-09|28
2026-07-10|29
2026-07-13|29
2026-07-14|29" sql "SELECT date, count(*) FROM rate GROUP BY date ORDER BY date" 
expect_out "the USD and CZK values as written (trailing zeros stripped by the ECB)" "$(crlf "currency,quote,date,rate" \
  "EUR,CZK,2007-12-28,26.628" "EUR,CZK,2026-07-09,24.7" "EUR,CZK,2026-07-10,24.655" \
  "EUR,CZK,2026-07-13,24.71" "EUR,CZK,2026-07-14,24.67")" \
  sh -c '"$CONFSPEND" rate list --format csv | grep -E "^(currency|EUR,CZK)"'
expect_out "USD" "EUR|USD|2026-07-14|10853|4" sql "SELECT currency, quote, date, mantissa, scale FROM rate WHERE quote = 'USD' ORDER BY date DESC LIMIT 1"
expect_out "N/A is no pair: no MXN on 07-09, none of the withdrawn currencies" "0|0|0" \
  sql "SELECT (SELECT count(*) FROM rate WHERE quote = 'MXN' AND date = '2026-07-09'), (SELECT count(*) FROM rate WHERE quote IN ('CYP', 'HRK', 'RUB', 'BGN') AND date > '2020-01-01'), (SELECT count(*) FROM rate WHERE quote = 'CYP')"
expect_out "BGN was quoted in 2007" "1.9558" sh -c '"$CONFSPEND" rate list --format csv | tr -d "\r" | grep "^EUR,BGN," | cut -d, -f4'

# one change, in the history and undoable
n=$(sql "SELECT count(*) FROM change")
expect_out "one change" "1|rate import $ECB/eurofxref-hist.csv: 141 added, 0 already present; 8 values of CYP, EEK, LTL, LVL, MTL, SKK, HRK, RUB not imported" \
  sql "SELECT count(*), (SELECT summary FROM change ORDER BY id DESC LIMIT 1) FROM change"
# importing the same file again adds nothing (and records no change)
expect_out "the same file twice adds nothing" "0 rates added, 141 already present" cs rate import "$ECB/eurofxref-hist.csv"
expect_out "still 141 pairs, still one change" "141|$n" sql "SELECT count(*), (SELECT count(*) FROM change) FROM rate"
# the daily file of 07-14: the same 29 values, written with fixed decimals (24.670, 171.50,
# 0.85240): the same numbers, so already present, and the stored digits stay as they were
expect_out "the daily CSV of a day already in: nothing added" "0 rates added, 29 already present" \
  cs rate import "$ECB/eurofxref.csv"
expect_out "24.67 stays as first written" "2467|2" sql "SELECT mantissa, scale FROM rate WHERE quote = 'CZK' AND date = '2026-07-14'"
expect_out "undo takes the whole import back" "undid change 1: rate import $ECB/eurofxref-hist.csv: 141 added, 0 already present; 8 values of CYP, EEK, LTL, LVL, MTL, SKK, HRK, RUB not imported" cs undo
expect_out "no rate left" "0" sql "SELECT count(*) FROM rate"
expect_out "redo brings it back" "141" sh -c '"$CONFSPEND" redo >/dev/null && sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM rate"'

# the daily file alone, into a new database: ", " separators, "14 July 2026", fixed decimals
export CONFSPEND_DB="$TMP/daily.db"
expect_out "the daily CSV" "29 rates added, 0 already present" cs rate import "$ECB/eurofxref.csv"
expect_out "its date and its decimals as written" "$(crlf "currency,quote,date,rate" \
  "EUR,CZK,2026-07-14,24.670" "EUR,GBP,2026-07-14,0.85240" "EUR,JPY,2026-07-14,171.50" \
  "EUR,USD,2026-07-14,1.0853")" \
  sh -c '"$CONFSPEND" rate list --format csv | grep -E "^(currency|EUR,(CZK|GBP|JPY|USD))"'
expect_out "nothing on stderr: every currency is known" "" sh -c '"$CONFSPEND" --db "$TMP/daily2.db" rate import "$1" 2>&1 >/dev/null' sh "$ECB/eurofxref.csv"
# and then the history: 07-14 is already there (the same numbers), the rest is new
expect_out "the history after the daily file" "112 rates added, 29 already present" \
  cs rate import "$ECB/eurofxref-hist.csv"
# a value that changed (the ECB corrects one): the pair is replaced, and said
printf 'Date,USD,CZK,\n2026-07-14,1.0855,24.67,\n' >"$TMP/corrected.csv"
expect_out "a corrected value replaces the pair" "0 rates added, 1 already present, 1 replaced (another value on the same date)" \
  cs rate import "$TMP/corrected.csv"
expect_out "the corrected value" "1.0855" sh -c '"$CONFSPEND" rate list --format csv | tr -d "\r" | grep "^EUR,USD,2026-07-14," | cut -d, -f4'
# one date twice in a file: the same values are one value; another value is refused (the
# last value silently winning would depend on the line order), nothing written
printf 'Date,USD,CZK,\n2026-08-03,1.0850,24.66,\n2026-08-03,1.0850,24.66,\n' >"$TMP/twice-same.csv"
expect_out "a date twice with the same values" "2 rates added, 0 already present" \
  cs rate import "$TMP/twice-same.csv"
printf 'Date,USD,CZK,\n2026-08-04,1.0850,24.66,\n2026-08-04,1.0851,24.66,\n' >"$TMP/twice.csv"
before=$(db_state)
expect_fail "a date twice with another value" 2 \
  "confspend: rate import: EUR/USD on 2026-08-04 is given twice in the file, with two values ($TMP/twice.csv)" \
  cs rate import "$TMP/twice.csv"
check "refused: nothing written" "$before" = "$(db_state)"
# the file's last line without its newline, and CRLF line ends
printf 'Date,USD,CZK,\r\n2026-07-15,1.09,24.6,\r\n2026-07-16,1.091,24.61,' >"$TMP/crlf.csv"
expect_out "CRLF and no final newline" "4 rates added, 0 already present" cs rate import "$TMP/crlf.csv"
# without the trailing comma too
printf 'Date,USD\n2026-07-17,1.092\n' >"$TMP/plain.csv"
expect_out "no trailing comma" "1 rate added, 0 already present" cs rate import "$TMP/plain.csv"

# from standard input
printf 'Date,USD,CZK,\n2026-07-18,1.093,24.62,\n' | expect_out "FILE - reads standard input" "2 rates added, 0 already present" cs rate import -

# the rates converting: a USD base, a CZK meal on Saturday 07-11 takes Friday 07-10's legs:
# 1 CZK = (1/24.655) * 1.0847 USD; 250.00 CZK = 25000 * 1.0847 / 24.655 = 1099.86... -> 1100
expect_ok "a meal in CZK" cs add meal 250 --currency CZK --date 2026-07-11
expect_out "250.00 CZK = 11.00 USD" "11.00" sh -c '"$CONFSPEND" report budget --month 2026-07 --format csv | sed -n 2p | cut -d, -f3'
finish
