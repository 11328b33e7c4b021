#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# export ledger: a journal that Debian's hledger and ledger both read, whose balances per
# account and commodity equal the stored totals per category and currency (in minor units,
# exactly), whatever text the merchants and notes hold; on a small trip written out by
# hand, and on a generated 100k history.
. "$(dirname "$0")/lib.sh"

expect_ok "setup trip" cs trip add pycon --name PyCon --start 2026-11-01 --end 2026-11-09
expect_ok "ride" cs add ride 16.42 -p lyft --from "Friends' place" --to Venue --tip 2 -r -d 2026-11-02 -t pycon
expect_ok "meal" cs add meal 4.75 -m "Venue Coffee" -d 2026-11-02 --no-trip
expect_ok "refund" cs add meal 6.50 --refund -m "Venue Coffee" -d 2026-11-03 --no-trip
expect_ok "yen" cs add meal 1200 -c JPY -d 2026-11-03 --no-trip
expect_ok "lodging 0" cs add lodging 0 --nights 3 --compare-rate 189 -d 2026-11-01 --no-trip
uid() { sql "SELECT uid FROM expense WHERE id = $1"; }

expect_out "the journal, as written" "2026-11-01 lodging  ; uid:$(uid 5)
    expenses:lodging  0.00 USD
    assets:paid

2026-11-02 Friends' place → Venue  ; uid:$(uid 1), trip:pycon
    expenses:ride  16.42 USD
    liabilities:reimbursable

2026-11-02 Venue Coffee  ; uid:$(uid 2)
    expenses:meal  4.75 USD
    assets:paid

2026-11-03 Venue Coffee  ; uid:$(uid 3)
    expenses:meal  -6.50 USD
    assets:paid

2026-11-03 meal  ; uid:$(uid 4)
    expenses:meal  1200 JPY
    assets:paid" cs export ledger -

# hostile text: line ends, a comment sign, two blanks, tabs, a status mark and a code at
# the start, escape sequences, a C1 control, a pipe
NL=$'\n'
expect_ok "text 1" cs add meal 3 -m "Bar${NL}2026-01-01 injected${NL}    expenses:other  1000 USD" -d 2026-11-04
expect_ok "text 2" cs add meal 3 -m "* (42) Bar ; not a comment" -d 2026-11-04
expect_ok "text 3" cs add meal 3 -m $'two  blanks\tand a tab \x1b[31mred\u0085' -d 2026-11-04
expect_ok "text 4" cs add other 3 -m "!(" -d 2026-11-04
expect_ok "text 5" cs add ride 7 --from "A;  B" --to $'\n' -d 2026-11-04
cs export ledger - | sed -n '/^2026-11-04/p' >"$TMP/desc"
# (a leading "*" is a status mark, a "(" then starts a code: both are left out)
expect_out "descriptions made safe" "2026-11-04 Bar 2026-01-01 injected expenses:other 1000 USD  ; uid:$(uid 6)
2026-11-04 42) Bar , not a comment  ; uid:$(uid 7)
2026-11-04 two blanks and a tab [31mred  ; uid:$(uid 8)
2026-11-04 other  ; uid:$(uid 9)
2026-11-04 A, B → ?  ; uid:$(uid 10)" cat "$TMP/desc"

# balances: hledger's and ledger's against the database's sums, exactly
balances() {
  cs export ledger "$TMP/j.journal" >/dev/null || bad "export ledger failed"
  python3 - "$CONFSPEND_DB" "$TMP/j.journal" <<'PY'
import csv, io, sqlite3, subprocess, sys
from decimal import Decimal
db, journal = sys.argv[1], sys.argv[2]
def minor(s, cur):
    d = Decimal(s.replace(",", ""))
    return int(d * (1 if cur in ("JPY", "KRW") else 100))
want = {}
for cat, cur, s, reimb in sqlite3.connect(db).execute(
        "SELECT category, currency, sum(amount), reimbursable FROM expense GROUP BY 1, 2, 4"):
    for acct, v in (("expenses:" + cat, s), ("liabilities:reimbursable" if reimb else "assets:paid", -s)):
        want[(acct, cur)] = want.get((acct, cur), 0) + v
want = {k: v for k, v in want.items() if v}
h = subprocess.run(["hledger", "-f", journal, "balance", "--flat", "-N", "--layout=bare", "-O", "csv"],
                   capture_output=True, text=True, check=True).stdout
got_h = {(r["account"], r["commodity"]): minor(r["balance"], r["commodity"])
         for r in csv.DictReader(io.StringIO(h)) if r["balance"] not in ("0", "")}
l = subprocess.run(["ledger", "-f", journal, "csv"], capture_output=True, text=True, check=True).stdout
got_l = {}
for r in csv.reader(io.StringIO(l)):
    acct, cur, amt = r[3], r[4], r[5]
    got_l[(acct, cur)] = got_l.get((acct, cur), 0) + minor(amt, cur)
got_l = {k: v for k, v in got_l.items() if v}
print("hledger", "ok" if got_h == want else f"differs: {sorted(got_h.items())} != {sorted(want.items())}")
print("ledger", "ok" if got_l == want else f"differs: {sorted(got_l.items())} != {sorted(want.items())}")
print("accounts", len(want))
PY
}
expect_out "hledger and ledger agree with the database" "hledger ok
ledger ok
accounts 7" balances
expect_out "hledger reads it without a complaint" "" sh -c "hledger -f '$TMP/j.journal' check 2>&1"
expect_out "ledger reads it without a complaint" "" sh -c "ledger -f '$TMP/j.journal' bal 2>&1 >/dev/null"

# a selection, and errors
expect_out "--trip selects" "1" sh -c '"$CONFSPEND" export ledger - --trip pycon | grep -c "^2026"'
expect_out "to a file" "exported 10 expenses to $TMP/all.journal" cs export ledger "$TMP/all.journal"
expect_fail "no file" 2 "file: missing (usage: confspend export ledger FILE [options])" cs export ledger
expect_fail "an unknown format" 2 "format: unknown export format (csv, xlsx, pdf or ledger) (beancount)" \
  cs export beancount x

# a generated 100k history: the balances still agree
gen_expenses 100000 "$TMP/gen"
export CONFSPEND_DB=$TMP/big.db
expect_ok "import 100k" cs import csv "$TMP/gen/expenses.csv"
expect_out "100k: hledger and ledger agree with the database" "hledger ok
ledger ok" sh -c "$(declare -f balances bad cs); balances | head -2"

finish
