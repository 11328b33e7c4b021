#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Migration 0010: a database of schema version 9 (rates as rate_e9 into the base) gets its
# rates as pairs quoted in the base currency configured at migration time (USD when none
# is), kept exactly (the trailing zeros of rate_e9 stripped), converting as before; its
# expenses get base_amount/base_currency, empty.
. "$(dirname "$0")/lib.sh"

MIG="$(dirname "$0")/../../migrations"
crlf() { printf '%s\r\n' "$@"; }
# old_db FILE: a database at schema version 9, made from the migration files themselves
old_db() {
  for m in "$MIG"/000[1-9]_*.sql; do sqlite3 "$1" <"$m" || return 1; done
  sqlite3 "$1" "PRAGMA user_version = 9"
}

export CONFSPEND_DB="$TMP/v9.db"
expect_ok "a version 9 database" old_db "$CONFSPEND_DB"
expect_ok "with a EUR base, rates and an expense in GBP" sqlite3 "$CONFSPEND_DB" "
INSERT INTO config(key, value) VALUES ('currency', 'EUR');
INSERT INTO rate(currency, date, rate_e9) VALUES ('GBP', '2026-07-01', 1170000000),
  ('JPY', '2026-07-01', 6100000), ('USD', '2026-07-01', 923456789), ('CZK', '2026-06-01', 40500000);
INSERT INTO expense(date, category, amount, currency, created_at) VALUES
  ('2026-07-05', 'meal', 1999, 'GBP', 0);"
expect_out "rate list migrates: pairs quoted in EUR, as written" "$(crlf "currency,quote,date,rate" \
  "CZK,EUR,2026-06-01,0.0405" "GBP,EUR,2026-07-01,1.17" "JPY,EUR,2026-07-01,0.0061" \
  "USD,EUR,2026-07-01,0.923456789")" cs rate list --format csv
# the newest schema: as many steps as there are migration files
latest=$(ls "${SRCDIR:-$(dirname "$0")/../..}"/migrations/[0-9]*.sql | wc -l)
expect_out "the schema version" "$latest" sql "PRAGMA user_version"
expect_out "exact: 1.17 is 117 / 10^2" "117|2" sql "SELECT mantissa, scale FROM rate WHERE currency = 'GBP'"
expect_out "the old table is gone, the new indexes are there" "rate_currency_date rate_quote_date" \
  sh -c 'sqlite3 "$CONFSPEND_DB" "SELECT name FROM sqlite_master WHERE type = '"'index'"' AND tbl_name = '"'rate'"' AND sql IS NOT NULL ORDER BY name" | tr "\n" " " | sed "s/ $//"'
# it converts as before: 19.99 GBP = 1999 * 1.17 = 2338.83 -> 23.39 EUR
expect_out "the GBP meal in EUR" "23.39" sh -c '"$CONFSPEND" report budget --month 2026-07 --format csv | sed -n 2p | cut -d, -f3'
expect_out "the expense has no base amount" "1||" sql "SELECT id, base_amount, base_currency FROM expense"

# a revision-1 rate of 19 digits (rate_e9 up to 2^63 - 1) stays exact: 1 DKK =
# 9223372036.854775807 EUR, mantissa 9223372036854775807 and scale 9
export CONFSPEND_DB="$TMP/v9-big.db"
expect_ok "a version 9 database" old_db "$CONFSPEND_DB"
expect_ok "a huge rate" sqlite3 "$CONFSPEND_DB" "INSERT INTO config(key, value) VALUES ('currency', 'EUR'); INSERT INTO rate(currency, date, rate_e9) VALUES ('DKK', '2026-07-01', 9223372036854775807);"
expect_out "kept exactly" "$(crlf "currency,quote,date,rate" "DKK,EUR,2026-07-01,9223372036.854775807")" cs rate list --format csv
# converting with it: 1.00 DKK = 100 * 9223372036854775807 / 10^9 = 922337203685.4775807
# cents -> 922337203685 = 9223372036.85 EUR; 1000000000.00 DKK would be 9.2e20 cents, past
# int64: refused rather than wrapped
expect_ok "a small DKK expense" cs add meal 1 --currency DKK --date 2026-07-02
expect_out "converted exactly" "9223372036.85" sh -c '"$CONFSPEND" report budget --month 2026-07 --format csv | sed -n 2p | cut -d, -f3'
expect_ok "a large DKK expense" cs add meal 1000000000 --currency DKK --date 2026-07-03
expect_fail_silent "past int64: an error, not a wrong figure" 1 "rate: converted amount out of range (DKK)" \
  cs report budget --month 2026-07

# without a configured base: quoted in USD
export CONFSPEND_DB="$TMP/v9-usd.db"
expect_ok "a version 9 database" old_db "$CONFSPEND_DB"
expect_ok "no base currency set, a rate" sqlite3 "$CONFSPEND_DB" "INSERT INTO rate(currency, date, rate_e9) VALUES ('EUR', '2026-07-14', 1085300000);"
expect_out "quoted in USD" "$(crlf "currency,quote,date,rate" "EUR,USD,2026-07-14,1.0853")" cs rate list --format csv
finish
