#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# rate import of the ECB's XML files (tests/data/ecb/): eurofxref-daily.xml and
# eurofxref-hist.xml, gesmes:Envelope / Cube / Cube time='...' / Cube currency='...'
# rate='...' with single-quoted attributes and the two namespaces, read with libexpat.
. "$(dirname "$0")/lib.sh"

ECB="$(dirname "$0")/../data/ecb"
crlf() { printf '%s\r\n' "$@"; }

# the daily file: one Cube time block of 29 currencies on 2026-07-14
expect_out "the daily XML" "29 rates added, 0 already present" cs rate import "$ECB/eurofxref-daily.xml"
expect_out "pairs 1 EUR = x CUR on the block's date, as written" "$(crlf "currency,quote,date,rate" \
  "EUR,CZK,2026-07-14,24.670" "EUR,IDR,2026-07-14,17658.31" "EUR,JPY,2026-07-14,171.50" \
  "EUR,USD,2026-07-14,1.0853")" \
  sh -c '"$CONFSPEND" rate list --format csv | grep -E "^(currency|EUR,(CZK|IDR|JPY|USD))"'
expect_out "twice adds nothing" "0 rates added, 29 already present" cs rate import "$ECB/eurofxref-daily.xml"
expect_out "one change" "1" sql "SELECT count(*) FROM change"
# the history file: four days (07-14, 07-13, 07-10, 07-08) of USD, JPY, CZK and GBP, newest
# first; 07-14's four are the daily file's numbers (171.5 = 171.50, 24.67 = 24.670): 12 new
expect_out "the history XML after the daily one" "12 rates added, 4 already present" \
  cs rate import "$ECB/eurofxref-hist.xml"
expect_out "each value on its own block's date" "2026-07-08|24.725
2026-07-10|24.655
2026-07-13|24.71
2026-07-14|24.670" sh -c '"$CONFSPEND" rate list --format csv | tr -d "\r" | grep "^EUR,CZK," | cut -d, -f3,4 | tr , "|"'
# the same numbers as the history CSV: importing that one now adds only what the XML
# lacks (the CSV's 07-09 and 2007 rows and its other currencies)
expect_out "the CSV history after the XML: 07-13 and 07-10's 4 each and 07-14's 29 present" \
  "104 rates added, 37 already present" sh -c '"$CONFSPEND" rate import "$1" 2>/dev/null' sh "$ECB/eurofxref-hist.csv"

# a trip day converted through the imported pairs: USD base, CZK on 07-08 (a Wednesday of
# the XML only): 1 CZK = (1/24.725) * 1.0832 USD; 500.00 CZK = 50000 * 1.0832 / 24.725
# = 2190.49... -> 2190 cents
expect_ok "500 CZK on 07-08" cs add meal 500 --currency CZK --date 2026-07-08
expect_out "500.00 CZK = 21.90 USD" "21.90" sh -c '"$CONFSPEND" report budget --month 2026-07 --format csv | sed -n 2p | cut -d, -f3'

# namespaces other than the ECB's prefix, double quotes, a rate written "1.08": the same
printf '<?xml version="1.0"?>\n<e:Envelope xmlns:e="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube><Cube time="2026-07-20"><Cube currency="USD" rate="1.08"/><Cube currency="CZK" rate="24.5"/></Cube></Cube></e:Envelope>' >"$TMP/other.xml"
expect_out "another prefix, double quotes" "2 rates added, 0 already present" cs rate import "$TMP/other.xml"
# a UTF-8 BOM before the declaration
printf '\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\n<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"><Cube><Cube time="2026-07-21"><Cube currency="USD" rate="1.07"/></Cube></Cube></gesmes:Envelope>\n' >"$TMP/bom.xml"
expect_out "a BOM" "1 rate added, 0 already present" cs rate import "$TMP/bom.xml"
finish
