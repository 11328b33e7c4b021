#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# list's queries (SPEC "Quick entry and queries"): --provider, --reimbursable, --personal,
# --merchant, --search, --min, --max, and the table that fits the terminal ($COLUMNS, else
# 100) with one merchant-or-route column and long text cut with …; --wide shows every
# column; the csv columns stay the contract's.
. "$(dirname "$0")/lib.sh"

f() { expect_fail_silent "$@"; }
export TERM=${TERM:-xterm}
[ "$TERM" = dumb ] && export TERM=xterm
HEAD="id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip"
# ids: the csv column 1 of each row, on one line
ids() { "$CONFSPEND" "$@" --format csv | tail -n +2 | cut -d, -f1 | tr -d '\r' | tr '\n' ' ' | sed 's/ $//'; }

cs add ride 16.42 --provider lyft --from "Friends' place" --to "Huntington Convention Center" --tip 2 --reimbursable --date 2026-11-02 >/dev/null # 1
cs add ride 23.10 --provider uber --from Hotel --to Airport --driver "Dana Coffee" --date 2026-11-03 >/dev/null                          # 2
cs add meal 4.50 --merchant "Venue Coffee" --reimbursable --date 2026-11-03 >/dev/null                                                   # 3
cs add meal 12 --merchant "Taco 100% stand" --note "with a coffee" --date 2026-11-04 >/dev/null                                          # 4
cs add meal 1500 --currency JPY --merchant "Kissa_ten" --date 2026-11-05 >/dev/null                                                      # 5
cs add donation 20 --recipient "Coffee Fund" --date 2026-11-06 >/dev/null                                                                # 6
cs add meal 3 --merchant "Tea" --refund --date 2026-11-07 >/dev/null                                                                     # 7

expect_out "--provider lyft" "1" ids list --provider lyft
expect_out "--provider in any case" "2" ids list --provider UBER
expect_out "--reimbursable" "1 3" ids list --reimbursable
expect_out "--personal" "2 4 5 6 7" ids list --personal
expect_out "--merchant: a substring, any case" "3" ids list --merchant coffee
expect_out "--merchant: % is a character, not a wildcard" "4" ids list --merchant "100%"
expect_out "--merchant: _ is a character" "5" ids list --merchant "a_t"
expect_out "--merchant _ matches no other character" "" ids list --merchant "o_f"
# coffee: 2's driver, 3's merchant, 4's note, 6's recipient
expect_out "--search: merchant, note, from, to, driver, recipient" "2 3 4 6" ids list --search COFFEE
expect_out "--search a place" "1" ids list --search "friends'"
expect_out "--search --category" "3 4" ids list --search coffee --category meal
# amounts in each one's own currency: 1500 JPY is above 20; the refund -3.00 below 0
expect_out "--min 12" "1 2 4 5 6" ids list --min 12
expect_out "--max 12 (inclusive)" "3 4 7" ids list --max 12
expect_out "--min 16.42 --max 23.10" "1 2 6" ids list --min 16.42 --max 23.10
expect_out "--min 0.001: a thousandth" "1 2 3 4 5 6" ids list --min 0.001
expect_out "filters together" "3" ids list --reimbursable --search coffee --max 5
expect_csv "the csv columns are the contract's" "$HEAD
1,2026-11-02,ride,16.42,USD,,,,yes,lyft,Friends' place,Huntington Convention Center,,2.00" cs list --provider lyft --format csv

f "unknown --provider" 2 "--provider: unknown provider (lyft, uber, taxi, direct, transit, other) (bolt)" cs list --provider bolt
f "--reimbursable with --personal" 2 "--reimbursable: cannot go with --personal" cs list --reimbursable --personal
f "a bad --min" 2 "--min: " cs list --min 1,5
f "a negative --max" 2 "--max: " cs list --max -5
f "--max below --min" 2 "--max: below --min 10 (5)" cs list --min 10 --max 5
f "--search not UTF-8" 2 "--search: not valid UTF-8 text" cs list --search $'\xff'

# --- the table fits -------------------------------------------------------------------------
cs add ride 31.50 --provider uber --from "The Marriott Marquis San Diego Marina, 333 West Harbor Drive" --to "San Diego International Airport, Terminal 2" --note "early flight home, shared with the team from the booth" --date 2026-11-08 >/dev/null # 8
cs add meal 2400 --currency JPY --merchant "喫茶店とても長い名前のお店東京駅八重洲口前本店" --date 2026-11-09 >/dev/null # 9
# widest: the display width of each line, the widest
# (GNU wc -L counts a wide character as two columns, in a UTF-8 locale)
widest() { "$CONFSPEND" "$@" | LC_ALL=C.UTF-8 wc -L; }
check "list fits 100 columns by default" "$(widest list)" -le 100
check "and uses them" "$(widest list)" -ge 95
check "COLUMNS=72" "$(COLUMNS=72 widest list)" -le 72
check "a bad COLUMNS is 100" "$(COLUMNS=abc widest list)" -le 100
# a phone's terminal: the merchant or route kept 20 wide while note, trip and reimb are left
# out in turn; below that the route is cut further, down to 6 (the narrowest the table
# goes: 47 columns)
for c in 76 70 60 52; do check "COLUMNS=$c fits" "$(COLUMNS=$c widest list)" -le $c; done
expect_out "COLUMNS=76: the note left out first, the route kept 20 wide" \
  "id  date        category    amount  cur  merchant/route        trip  reimb" sh -c 'COLUMNS=76 "$CONFSPEND" list | head -1'
expect_out "COLUMNS=70: then the trip" \
  "id  date        category    amount  cur  merchant/route        reimb" sh -c 'COLUMNS=70 "$CONFSPEND" list | head -1'
expect_out "COLUMNS=60: reimb too" "id  date        category    amount  cur  merchant/route" \
  sh -c 'COLUMNS=60 "$CONFSPEND" list | head -1'
expect_out "COLUMNS=60: the route cut at its 19th character" " 8  2026-11-08  ride         31.50  USD  The Marriott Marqu…" \
  sh -c 'COLUMNS=60 "$CONFSPEND" list | grep "^ 8 "'
expect_out "COLUMNS=40: no narrower than 47, the route 6 wide" " 8  2026-11-08  ride         31.50  USD  The M…" \
  sh -c 'COLUMNS=40 "$CONFSPEND" list | grep "^ 8 "'
expect_out "COLUMNS=40: the total line still whole" "    total       7 expenses  104.52  USD" \
  sh -c 'COLUMNS=40 "$CONFSPEND" list | tail -2 | head -1 | sed "s/ *$//"'
# the route of 8 is cut with … between characters; the Japanese merchant of 9 by width
# (two columns a character): its cell is at most the column's width
expect_out "a long route cut with …" "The Marriott Marquis San Die…" \
  sh -c '"$CONFSPEND" list | grep "^ 8 " | grep -o "The Marriott[^…]*…"'
"$CONFSPEND" list | grep '^ 9 ' >"$TMP/row9"
check "the cut wide text is valid UTF-8" "$(iconv -f UTF-8 -t UTF-8 "$TMP/row9" >/dev/null 2>&1 && echo ok)" = ok
check "it ends in …" "$(grep -c '喫茶店とても長い.*…' "$TMP/row9")" -eq 1
# --wide: every column, nothing cut
"$CONFSPEND" list --wide >"$TMP/wide"
check "--wide: every column in the head" "$(head -1 "$TMP/wide" | tr -s ' ' | sed 's/ $//')" = "id date category amount currency merchant note trip reimbursable provider from to driver tip payment receipt platform_fee shared nights compare_rate recipient"
check "--wide: the route uncut" "$(grep -c 'The Marriott Marquis San Diego Marina, 333 West Harbor Drive  San Diego International Airport, Terminal 2' "$TMP/wide")" -eq 1
check "--wide: the merchant uncut" "$(grep -c '喫茶店とても長い名前のお店東京駅八重洲口前本店' "$TMP/wide")" -eq 1
# the total: the USD ones, and the JPY ones apart with no rate; then with a rate, one total
# USD: 16.42 + 23.10 + 4.50 + 12.00 + 20.00 - 3.00 + 31.50 = 104.52 over 7
expect_out "the total lines, JPY with no rate" "    total       7 expenses  104.52  USD
    no rate     2 expenses    3900  JPY" sh -c '"$CONFSPEND" list | tail -2 | sed "s/ *$//"'
# 1 JPY = 0.0067 USD: 1500 -> 10.05, 2400 -> 16.08; 104.52 + 10.05 + 16.08 = 130.65
cs rate set JPY 0.0067 --date 2026-11-01 >/dev/null
expect_out "one total in the base currency" "    total       9 expenses  130.65  USD" \
  sh -c '"$CONFSPEND" list | tail -1 | sed "s/ *$//"'

# --- on a terminal, colour allowed (as t5410): the same page, fitted ---------------------------
env -u NO_COLOR COLUMNS=100 SHELL=/bin/sh script -qec '"$CONFSPEND" list' /dev/null </dev/null | sed 's/\r$//' >"$TMP/tty"
COLUMNS=100 "$CONFSPEND" list >"$TMP/pipe"
if cmp -s "$TMP/tty" "$TMP/pipe"; then ok; else bad "list on a terminal differs from the pipe"; diff "$TMP/pipe" "$TMP/tty" >&2; fi
check "on a terminal: no escape codes" "$(LC_ALL=C grep -c $'\x1b' "$TMP/tty")" -eq 0
check "on a terminal: within 100 columns" "$(LC_ALL=C.UTF-8 wc -L <"$TMP/tty")" -le 100

# --- a real terminal 64 columns wide, COLUMNS not exported (bash's default): its own width ---
if command -v tmux >/dev/null; then
  SOCK="cs-t0310-$$"
  TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
  trap 'TM kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
  TM new-session -d -s w -x 64 -y 30 "env -u COLUMNS '$CONFSPEND' list >/dev/tty; touch '$TMP/done'; sleep 30"
  for ((i = 0; i < 100; i++)); do [ -e "$TMP/done" ] && break; sleep 0.05; done
  TM capture-pane -p -t w | sed '/^$/d' >"$TMP/pane"
  expect_out "a 64-column terminal: the header fitted to it" \
    "id  date        category    amount  cur  merchant/route" head -1 "$TMP/pane"
  check "a 64-column terminal: no line wrapped (as many lines as COLUMNS=64 gives)" "$(wc -l <"$TMP/pane")" -eq "$(COLUMNS=64 "$CONFSPEND" list | wc -l)"
  check "a 64-column terminal: within 64 columns" "$(LC_ALL=C.UTF-8 wc -L <"$TMP/pane")" -le 64
else
  bad "tmux is needed to run a real terminal (scripts/install-deps test)"
fi
finish
