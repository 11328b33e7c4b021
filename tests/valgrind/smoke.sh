# SPDX-License-Identifier: GPL-3.0-or-later
# smoke.sh - every command once, its main paths and a few refusals, so one valgrind pass
# (run-cli-under-valgrind) sees the code of the whole program in about a minute.
. "$(dirname "$0")/../cli/lib.sh"

expect_ok "trip add" cs trip add pycon --name "PyCon US" --start 2026-11-01 --end 2026-11-10 --city Pittsburgh
expect_ok "trip use" cs trip use pycon
expect_ok "add ride" cs add ride 23.50 --provider uber --from "Friends' place" --to Venue --tip 3 --platform-fee 9.5 --date 2026-11-02
expect_ok "add ride 2" cs add ride 21 --provider lyft --from venue --to "friends' place " --date 2026-11-03 --reimbursable
expect_ok "add lodging" cs add lodging 0 --nights 8 --compare-rate 189 --date 2026-11-01
expect_ok "add meal eur" cs add meal 12.5 --currency EUR --merchant "Café ☕" --note "=1+1" --no-trip --date 2026-11-04
expect_ok "add monthly" cs add donation 20 --recipient PSF --monthly --date 2026-09-15
expect_ok "rate" cs rate set EUR 1.08 --date 2026-01-01
expect_ok "rate list" cs rate list --format json
expect_ok "config set" cs config set owner "Ada"
expect_ok "config get" cs config get
expect_ok "edit" cs edit 2 --amount 22 --driver Sam --category ride
expect_ok "show" cs show 2 --format json
expect_ok "list" cs list
expect_ok "list csv" cs list --format csv --trip pycon
expect_ok "place add" cs place add home "Friends' place"
expect_ok "place list" cs place list --format json
expect_ok "add ride by alias and prefix" cs add ride 18 --from home --to ven --date 2026-11-04
expect_ok "add ride --back" cs add ride 19 --back --date 2026-11-04
expect_ok "a new place near a known one" cs add ride 19 --from "Friends' palce" --to Venue
expect_ok "again" cs again 2 7.25 --note again
expect_ok "trip defaults" cs trip edit pycon --reimbursable --provider lyft
expect_ok "list queries" cs list --search venue --provider lyft --min 1 --max 100 --reimbursable
expect_ok "list narrow" env COLUMNS=40 "$CONFSPEND" list
expect_ok "list --wide" cs list --wide
expect_ok "place rm" cs place rm home
expect_ok "rm" cs rm 3
expect_ok "undo" cs undo
expect_ok "history" cs history
expect_ok "budget set" cs budget set ride 100
expect_ok "budget trip" cs budget set total 900 --trip pycon
expect_ok "budget list" cs budget list
expect_ok "report budget" cs report budget
expect_ok "report range" cs report budget --since 2026-09 --until 2026-11 --format csv
expect_ok "report rides" cs report rides --trip pycon --min-rides 1
expect_ok "report trip" cs report trip pycon --format json
expect_ok "export csv" cs export csv "$TMP/all.csv"
expect_ok "export xlsx" cs export xlsx "$TMP/all.xlsx" --month 2026-11
expect_ok "import csv" cs --db "$TMP/copy.db" import csv "$TMP/all.csv"
expect_ok "import again" cs --db "$TMP/copy.db" import csv "$TMP/all.csv" --dry-run
# real sources: rules, a profile (two threads, matching), a dry run, OFX, undo of them
expect_ok "rule add" cs rule add '*BOTTLE*' --category meal --reimbursable
expect_ok "rule list" cs rule list --format csv
expect_ok "rule test" cs rule test 'UBER *TRIP'
expect_ok "import profiles" cs import profiles
expect_ok "import chase, dry" cs import csv "$SRCDIR/tests/data/profiles/chase.csv" --dry-run
expect_ok "import chase" cs import csv "$SRCDIR/tests/data/profiles/chase.csv"
expect_ok "import chase from a pipe" sh -c '"$CONFSPEND" --db "$1" import csv - <"$2"' _ "$TMP/pipe.db" "$SRCDIR/tests/data/profiles/chase.csv"
expect_ok "import ofx" cs import ofx "$SRCDIR/tests/data/ofx/card-sgml.ofx"
expect_ok "undo ofx" cs undo
# libofx (C++, over OpenSP) under memcheck too: its CURRENCY leak is in libofx.supp
expect_ok "import ofx" cs --db "$TMP/copy.db" import ofx "$SRCDIR/tests/data/ofx/bank-xml.ofx"
expect_ok "import ofx dry run" cs --db "$TMP/copy.db" import ofx "$SRCDIR/tests/data/ofx/card-sgml.ofx" --dry-run
expect_ok "trip rm" cs trip add spare --name Spare --start 2026-12-01 --end 2026-12-02
expect_ok "trip rm" cs trip rm spare
expect_ok "help" cs add --help
# receipts, claims, policy
/usr/bin/python3 "$(dirname "$0")/../cli/receipt_files.py" "$TMP/r"
expect_ok "receipt add" cs receipt add 2 "$TMP/r/dinner.jpg" "$TMP/r/taxi.png" "$TMP/r/hotel.pdf"
expect_ok "receipt list" cs receipt list --format json
expect_ok "receipt get" cs receipt get 1 -o "$TMP/got.jpg"
expect_ok "receipt rm" cs receipt rm 2
expect_fail "receipt cut short" 2 "cut short" cs receipt add 2 "$TMP/r/cut.jpg"
expect_fail "receipt huge png" 2 "too large" cs receipt add 2 "$TMP/r/huge.png"
expect_ok "policy set" cs policy set receipt-over 10
expect_ok "policy tip" cs policy set tip-max 10
expect_ok "claim new" cs claim new --trip pycon --title Trip
expect_ok "claim check" cs claim check 1
expect_ok "claim submit" cs claim submit 1
expect_fail "locked" 2 "is in submitted claim 1" cs edit 2 --amount 1
expect_ok "claim approve" cs claim approve 1
expect_ok "claim pay" cs claim pay 1 5
expect_ok "claim show" cs claim show 1
expect_ok "report claims" cs report claims --format json
expect_ok "export claim" cs export csv "$TMP/claim.csv" --claim 1

expect_fail "bad amount" 2 "amount" cs add meal 1.234
expect_fail "bad date" 2 "--date" cs add meal 1 --date 2026-02-30
expect_fail "bad utf-8" 2 "not valid UTF-8" cs add meal 1 --note $'caf\xe9'
expect_fail "unknown id" 2 "id" cs show 999
expect_fail "unknown command" 2 "unknown command" cs frobnicate
printf 'date,category,amount\n2026-11-05,meal,x\n' >"$TMP/bad.csv"
expect_fail "bad import" 2 "line 2" cs import csv "$TMP/bad.csv"
expect_fail "bad ofx" 2 "transaction 3, TRNAMT: missing" cs import ofx "$SRCDIR/tests/data/ofx/truncated.ofx"
"$CONFSPEND" --db "$TMP/norate.db" add meal 5 --currency GBP >/dev/null
expect_fail "no rate" 1 "rate: no rate to USD" cs --db "$TMP/norate.db" report budget
expect_fail "export to missing folder" 1 "export" cs export xlsx "$TMP/no/such/dir/x.xlsx"
finish
