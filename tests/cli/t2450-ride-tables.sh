# SPDX-License-Identifier: GPL-3.0-or-later
# The table views of the ride reports (SPEC rev 2) on a pseudo-terminal with colour on, as
# t5410 does: titles bold, drivers' candidates marked (bold), the lawful-alternatives line
# under rides, direct, quote and plan, the figures of the csv, a hostile driver name
# shown escaped, and the same page without colour under NO_COLOR and on a pipe.
. "$(dirname "$0")/lib.sh"
export TERM=${TERM:-xterm}
[ "$TERM" = dumb ] && export TERM=xterm
command -v script >/dev/null || { bad "script(1) is needed to run commands on a pseudo-terminal"; finish; exit; }
tty() {
  local f=$1
  shift
  env -u NO_COLOR SHELL=/bin/sh script -qec "$1" /dev/null </dev/null | sed 's/\r$//' >"$f"
}
check() { local what=$1; shift; if test "$@"; then ok; else bad "$what"; fi; }
LAW="note: a driver paid off the app needs a livery licence and commercial insurance in most cities (personal car insurance excludes paid passengers); a licensed car service or the platform's favourite-driver feature keeps the same driver lawfully."

cs trip add conf --name Conf --start 2026-11-02 --end 2026-11-05 >/dev/null
cs trip use conf >/dev/null
export EVIL=$'Bo\e[2J\xe2\x80\xaex'   # clears the screen, then a right-to-left override
cs add ride 20 --provider uber --from Home --to Venue --driver Ana --rating 5 --date 2026-11-02 >/dev/null
cs add ride 24 --provider uber --from Venue --to Home --driver "$EVIL" --rating 2 --date 2026-11-03 >/dev/null
cs add ride 30 --provider lyft --from Home --to Venue --date 2026-11-04 >/dev/null
cs add ride 13 --provider direct --from Home --to Venue --driver Ana --date 2026-11-05 >/dev/null
cs add meal 10 --date 2026-11-03 >/dev/null

# each table view ends with the lawful line, colour or not
for r in "rides --month 2026-11" "direct" "quote" "plan --like conf --days 6 --trial-days 1"; do
  tty "$TMP/t" "\"\$CONFSPEND\" report $r"
  check "report $r: last line is the law" "$(tail -n 1 "$TMP/t")" = "$LAW"
  NO_COLOR=1 script -qec "\"\$CONFSPEND\" report $r" /dev/null </dev/null | sed 's/\r$//' >"$TMP/n"
  check "report $r: NO_COLOR has no ESC" "$(LC_ALL=C grep -c $'\x1b' "$TMP/n")" -eq 0
  sed $'s/\x1b\\[[0-9;]*m//g' "$TMP/t" >"$TMP/s"
  if cmp -s "$TMP/s" "$TMP/n"; then ok; else bad "report $r: without SGR codes the page differs"; diff "$TMP/n" "$TMP/s" >&2; fi
  check "report $r: a pipe gets the law too" "$(cs report $r | tail -n 1)" = "$LAW"
  check "report $r: csv has no law" "$(cs report $r --format csv | grep -c 'livery')" -eq 0
done
# drivers: no law line (it is not an arrangement), the candidate marked in bold
tty "$TMP/d" '"$CONFSPEND" report drivers'
check "drivers: bold title" "$(LC_ALL=C grep -c $'^\x1b\\[1mdrivers all expenses (USD)\x1b\\[0m$' "$TMP/d")" -eq 1
# Ana: 2 rides (uber, direct), 1 platform, rating 5.0, paid 20.00, D 10.00; Home <-> Venue
# has 3 platform rides: a candidate. The hostile name: rating 2.0, no candidate.
check "drivers: Ana is a bold candidate" "$(LC_ALL=C grep -c $'^Ana  *2  *1  *1  *1  *5.0  *20.00  *10.00  *2026-11-05  \x1b\\[1mcandidate\x1b\\[0m$' "$TMP/d")" -eq 1
check "drivers: the hostile name escaped" "$(grep -cF 'Bo\x1b[2J\u202ex' "$TMP/d")" -eq 1
check "drivers: no raw ESC but SGR" "$(sed $'s/\x1b\\[[0-9;]*m//g' "$TMP/d" | LC_ALL=C grep -c $'\x1b')" -eq 0
check "drivers: no law line" "$(grep -c livery "$TMP/d")" -eq 0
# the csv keeps the exact name
check "drivers csv: exact text" "$(cs report drivers --format csv | tr -d '\r' | grep -cxF "$EVIL,1,1,0,1,2.0,24.00,12.00,2026-11-03")" -eq 1

# quote, table: bold title; the offer column is bold, its figures those of the csv
# Home <-> Venue: F 20, 24, 30: median 24.00, D 12.00, offer 12 + 6 = 18.00
tty "$TMP/q" '"$CONFSPEND" report quote'
check "quote: bold title" "$(LC_ALL=C grep -c $'^\x1b\\[1mquote (USD): routes with at least 2 platform rides, share 0.5\x1b\\[0m$' "$TMP/q")" -eq 1
check "quote: bold offer" "$(LC_ALL=C grep -c $'^Home <-> Venue  *3  *24.00  *12.00  *\x1b\\[1m18.00\x1b\\[0m  *6.00  *6.00$' "$TMP/q")" -eq 1
# direct, table: the route's figures; 13.00 against R 24.00: saved 11.00, take 12.00, gain 1.00
tty "$TMP/r" '"$CONFSPEND" report direct'
check "direct: the route row" "$(grep -c '^Home <-> Venue  *1  *13.00  *24.00  *11.00  *12.00  *1.00$' "$TMP/r")" -eq 1
# plan, table: K 4, N 6, D 1; E over Home <-> Venue: 5 + 6 + 7.50 = 18.50; 18.50 x 5 / 4 = 23.13
tty "$TMP/p" '"$CONFSPEND" report plan --like conf --days 6 --trial-days 1'
check "plan: the saving line" "$(grep -cF 'after 1 trial days at availability 1: 18.50 x 5 / 4 = 23.13 saved on rides' "$TMP/p")" -eq 1
# rides: ride past 87.00 x 6 / 4 = 130.50, minus 23.13 = 107.37
check "plan: the ride row" "$(grep -c '^ride  *87.00  *130.50  *107.37$' "$TMP/p")" -eq 1
finish
