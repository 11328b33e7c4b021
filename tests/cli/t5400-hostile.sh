# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile input: bad command lines for every command, and bad files for import csv. Each
# row of the table below is `STATUS | MESSAGE FRAGMENT | COMMAND...` (the command is shell
# words, expanded). Every row must exit with STATUS, print that fragment on exactly one
# line of stderr that starts with "confspend: " and is valid UTF-8 (whatever bytes went in),
# print nothing on stdout, and leave the database dump as it was.
. "$(dirname "$0")/lib.sh"

# A database with a trip, a ride on it, a meal, a budget, a rate and an owner.
cs trip add conf --name Conf --start 2026-11-01 --end 2026-11-09 >/dev/null
cs add ride 23.50 --provider uber --from A --to B --trip conf >/dev/null
cs add meal 4.75 --note coffee >/dev/null
cs budget set ride 100 >/dev/null
cs rate set EUR 1.08 --date 2026-01-01 >/dev/null
cs config set owner Ada >/dev/null

# Values that hurt.
LONG=$(head -c 102400 /dev/zero | tr '\0' x) # 100 KB
BAD=$'caf\xe9'                              # Latin-1, not UTF-8
OVERLONG=$'\xc0\xaf'                        # an overlong '/'
SURR=$'\xed\xa0\x80'                        # a UTF-16 surrogate
NL=$'two\nlines'
ESC=$'\e[31mred\e[0m'
C1=$'\xc2\x9b31m' # the C1 CSI, a terminal escape on some terminals
EMOJI=$(printf '\x01%.0s' {1..28})aaaaa🚕🚕🚕🚕🚕🚕🚕🚕🚕🚕

# Files for import csv.
H='date,category,amount,note'
printf '%s\n2026-11-05,meal,1,a\0b\n' "$H" >"$TMP/nul.csv"
printf '%s\n2026-11-05,meal,1,caf\xe9\n' "$H" >"$TMP/latin1.csv"
printf '%s\n2026-11-05,meal,1,\xc0\xaf\n' "$H" >"$TMP/overlong.csv"
printf 'date,caf\xe9gory,amount\n' >"$TMP/badheader.csv"
{ echo "$H"; printf '2026-11-05,meal,1,'; head -c 2000000 /dev/zero | tr '\0' x; echo; } >"$TMP/hugeline.csv"
{ echo "$H"; printf '2026-11-05,meal,1,"'; head -c 200000 /dev/zero | tr '\0' x; } >"$TMP/unterminated.csv"
{ echo "$H"; printf '2026-11-05,meal,1,'; head -c 5000 /dev/zero | tr '\0' y; echo; } >"$TMP/longnote.csv"
: >"$TMP/empty.csv"
printf '\xef\xbb\xbf' >"$TMP/bomonly.csv"
printf '\n\n\r\n' >"$TMP/blank.csv"
# the start of an ELF executable (not "$CONFSPEND": under valgrind that is a script)
{ printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000>\000'; head -c 4000 /dev/urandom; } >"$TMP/elf.csv"
{ echo "$H"; for i in 1 2 3 4 5; do echo "2026-11-05,meal,1,ok $i"; done; echo "2026-11-05,meal,1,x,extra"; } >"$TMP/extrafield.csv"
{ echo "$H"; for i in 1 2 3; do echo "2026-11-05,meal,1,ok $i"; done; echo "2026-11-05,meal,xx,bad"; } >"$TMP/lastbad.csv"
printf '%s\n2026-11-05,meal,1,"a"b"\n' "$H" >"$TMP/quote.csv"
printf '%s\n2026-11-05,meal,1,a"b\n' "$H" >"$TMP/bareq.csv"
printf 'date,category,amount,trip\n2026-11-05,meal,1,Bad Slug\n' >"$TMP/badtrip.csv"
printf 'date,category,amount,colour\n2026-11-05,meal,1,red\n' >"$TMP/unknowncol.csv"
printf 'date,category,amount,date\n' >"$TMP/twicecol.csv"
printf 'date,amount\n2026-11-05,1\n' >"$TMP/nocategory.csv"
printf 'date,category,amount\n2026-02-30,meal,1\n' >"$TMP/baddate.csv"
printf 'date,category,amount\n2026-11-05,meal,-0\n' >"$TMP/minuszero.csv"
printf 'date,category,amount,currency\n2026-11-05,meal,1.5,JPY\n' >"$TMP/jpycents.csv"
printf 'date,category,amount,tip\n2026-11-05,ride,5,6\n' >"$TMP/bigtip.csv"
printf 'date,category,amount,nights\n2026-11-05,meal,5,2\n' >"$TMP/mealnights.csv"
printf 'date,category,amount\n2026-11-05,meal,99999999999999999999\n' >"$TMP/hugeamount.csv"
printf 'date;category;amount\n2026-11-05;meal;1,5\n' >"$TMP/semicolon.csv"
printf 'date,category,amount\n2026-11-05,meal,1\n' >"$TMP/good.csv"
chmod 0644 "$TMP"/*.csv

# stdin FILE ARGS...: confspend with FILE on standard input
stdin() {
  local f=$1
  shift
  "$CONFSPEND" "$@" <"$f"
}

# status | stderr fragment | command
ran=0
while IFS= read -r row; do
  case $row in '' | '#'*) continue ;; esac
  st=${row%%|*}
  rest=${row#*|}
  frag=${rest%%|*}
  cmd=${rest#*|}
  st=${st// /}
  frag=${frag# }
  frag=${frag% }
  eval "set -- $cmd"
  ran=$((ran + 1))
  before=$FAIL
  expect_fail "#$ran$cmd" "$st" "$frag" "$@"
  [ "$FAIL" = "$before" ] || continue
  # one clean line: the prefix, valid UTF-8, no terminal escape, nothing on stdout
  if ! head -c 11 "$TMP/err" | grep -q '^confspend: '; then
    bad "#$ran$cmd: stderr does not start with 'confspend: ': $(cat "$TMP/err")"
  elif ! iconv -f UTF-8 -t UTF-8 "$TMP/err" >/dev/null 2>&1; then
    bad "#$ran$cmd: stderr is not valid UTF-8: $(od -c "$TMP/err" | head -3)"
  elif LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/err" || grep -q $'\xc2[\x80-\x9f]' "$TMP/err"; then
    bad "#$ran$cmd: stderr holds control characters: $(od -c "$TMP/err" | head -3)"
  elif [ -s "$TMP/out" ]; then
    bad "#$ran$cmd: wrote to stdout on failure: $(head -c 200 "$TMP/out")"
  else
    ok
  fi
done <<'TABLE'
# --- global ---------------------------------------------------------------------------------
2 | command: unknown command (frobnicate) | cs frobnicate
2 | command: unknown command (two\nlines) | cs "$NL"
2 | command: unknown command () | cs ''
2 | command: unknown command (\x1b[31mred\x1b[0m) | cs "$ESC"
2 | option: unknown global option (--bogus) | cs --bogus list
2 | option: unknown global option (--x\nlines) | cs --x$'\n'lines list
2 | --db: a value is required | cs --db
2 | CONFSPEND_TODAY: no such calendar date (2026-02-30) | env CONFSPEND_TODAY=2026-02-30 "$CONFSPEND" list
2 | CONFSPEND_TODAY: not a date in YYYY-MM-DD form (today) | env CONFSPEND_TODAY=today "$CONFSPEND" list
# --- add: amounts ---------------------------------------------------------------------------
2 | category: missing | cs add
2 | amount: missing | cs add meal
2 | amount: not a decimal number (ten) | cs add meal ten
2 | amount: at most 2 decimals in this currency (1.234) | cs add meal 1.234
2 | amount: must be a positive decimal number (-5) | cs add meal -5
2 | amount: must be a positive decimal number (+5) | cs add meal +5
2 | amount: must be greater than zero | cs add meal 0
2 | amount: must be greater than zero | cs add meal 0.00
2 | amount: not a decimal number (1e5) | cs add meal 1e5
2 | amount: use '.' as the decimal separator (1,50) | cs add meal 1,50
2 | amount: not a decimal number (.5) | cs add meal .5
2 | amount: not a decimal number (5.) | cs add meal 5.
2 | amount: not a decimal number (1.2.3) | cs add meal 1.2.3
2 | amount: not a decimal number ( 5) | cs add meal ' 5'
2 | amount: not a decimal number (0x10) | cs add meal 0x10
2 | amount: not a decimal number (NaN) | cs add meal NaN
2 | amount: not a decimal number (１２) | cs add meal １２
2 | amount: an amount is required () | cs add meal ''
2 | amount: too large (99999999999999999999) | cs add meal 99999999999999999999
2 | amount: too large (92233720368547758.08) | cs add meal 92233720368547758.08 --currency USD
2 | amount: this currency has no minor unit (1500.5) | cs add meal 1500.5 --currency JPY
2 | amount: at most 3 decimals in this currency (1.2345) | cs add meal 1.2345 --currency BHD
2 | amount: not a decimal number (xxxxxxxx | cs add meal "$LONG"
2 | amount: not a decimal number (caf\xe9) | cs add meal "$BAD"
# --- add: currency, category, date ---------------------------------------------------------
2 | --currency: unknown ISO 4217 currency code (usd) | cs add meal 5 --currency usd
2 | --currency: unknown ISO 4217 currency code (XXX) | cs add meal 5 --currency XXX
2 | --currency: unknown ISO 4217 currency code () | cs add meal 5 --currency ''
2 | --currency: unknown ISO 4217 currency code (USDX) | cs add meal 5 --currency USDX
2 | category: unknown category | cs add food 5
2 | category: unknown category | cs add '' 5
2 | category: unknown category | cs add MEAL 5
2 | (\x1b[31mred\x1b[0m) | cs add "$ESC" 5
2 | (x\u009b31m) | cs add x"$C1" 5
2 | ...) | cs add "$EMOJI" 5
2 | category: unknown category | cs add "$LONG" 5
2 | --date: no such calendar date (2026-02-30) | cs add meal 5 --date 2026-02-30
2 | --date: no such calendar date (2025-02-29) | cs add meal 5 --date 2025-02-29
2 | --date: no such calendar date (2026-13-01) | cs add meal 5 --date 2026-13-01
2 | --date: no such calendar date (2026-04-31) | cs add meal 5 --date 2026-04-31
2 | --date: not a date in YYYY-MM-DD form (26-11-05) | cs add meal 5 --date 26-11-05
2 | --date: not a date in YYYY-MM-DD form (2026/11/05) | cs add meal 5 --date 2026/11/05
2 | --date: not a date in YYYY-MM-DD form (2026-11-05T10:00) | cs add meal 5 --date 2026-11-05T10:00
2 | --date: not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday) () | cs add meal 5 --date ''
2 | --date: no such calendar date (0999-12-31) | cs add meal 5 --date 0999-12-31
2 | --date: not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday) (two\nlines) | cs add meal 5 --date "$NL"
# --- add: text ----------------------------------------------------------------------------------
2 | --note: not valid UTF-8 text (caf\xe9) | cs add meal 5 --note "$BAD"
2 | --merchant: not valid UTF-8 text (caf\xe9) | cs add meal 5 --merchant "$BAD"
2 | --note: not valid UTF-8 text (\xc0\xaf) | cs add meal 5 --note "$OVERLONG"
2 | --note: not valid UTF-8 text (\xed\xa0\x80) | cs add meal 5 --note "$SURR"
2 | --payment: not valid UTF-8 text | cs add meal 5 --payment "$BAD"
2 | --receipt: not valid UTF-8 text | cs add meal 5 --receipt "$BAD"
2 | --from: not valid UTF-8 text | cs add ride 5 --from "$BAD"
2 | --driver: not valid UTF-8 text | cs add ride 5 --driver "$BAD"
2 | --recipient: not valid UTF-8 text | cs add donation 5 --recipient "$BAD"
2 | --note: longer than 4096 bytes | cs add meal 5 --note "$LONG"
2 | --merchant: longer than 4096 bytes | cs add meal 5 --merchant "$LONG"
2 | --to: longer than 4096 bytes | cs add ride 5 --to "$LONG"
# --- add: options -------------------------------------------------------------------------------
2 | --from: only for ride expenses (meal) | cs add meal 5 --from A
2 | --tip: only for ride expenses (meal) | cs add meal 5 --tip 1
2 | --tip: larger than the amount 5.00 (6.00) | cs add ride 5 --tip 6
2 | --tip: must be a positive decimal number (-1) | cs add ride 5 --tip -1
2 | --platform-fee: larger than the fare 5.00 (6.00) | cs add ride 5 --platform-fee 6
2 | --provider: unknown provider | cs add ride 5 --provider bike
2 | --provider: unknown provider | cs add ride 5 --provider ''
2 | --nights: must be a whole number from 1 to 100000 (0) | cs add lodging 5 --nights 0
2 | --nights: must be a whole number from 1 to 100000 (-1) | cs add lodging 5 --nights -1
2 | --nights: must be a whole number from 1 to 100000 (1.5) | cs add lodging 5 --nights 1.5
2 | --nights: must be a whole number from 1 to 100000 (100001) | cs add lodging 5 --nights 100001
2 | --nights: must be a whole number from 1 to 100000 (1000009) | cs add lodging 5 --nights 1000009
2 | --nights: must be a whole number from 1 to 100000 (999999999999999999999) | cs add lodging 5 --nights 999999999999999999999
2 | --compare-rate: not a decimal number (x) | cs add lodging 5 --compare-rate x
2 | --nights: only for lodging expenses (meal) | cs add meal 5 --nights 2
2 | --recipient: only for donation expenses (meal) | cs add meal 5 --recipient PSF
2 | trip: no such trip (nope) | cs add meal 5 --trip nope
2 | trip: no such trip (caf\xe9) | cs add meal 5 --trip "$BAD"
2 | --trip: cannot go with --no-trip (conf) | cs add meal 5 --trip conf --no-trip
2 | --reimbursable: cannot go with --personal | cs add meal 5 --reimbursable --personal
2 | --tip: cannot go with --monthly (1) | cs add ride 5 --monthly --tip 1
2 | --until: no such month (2026-13) | cs add donation 5 --monthly --until 2026-13
2 | --until: before the first month 2026-11 (2020-01) | cs add donation 5 --monthly --until 2020-01
2 | --until: only with --monthly (2026-12) | cs add meal 5 --until 2026-12
2 | --refund: cannot go with --monthly | cs add donation 5 --monthly --refund
2 | option: unknown option (--bogus) | cs add meal 5 --bogus
2 | option: unknown option (-x) | cs add meal 5 -x
2 | option: unknown option (--not\ne) | cs add meal 5 --not$'\n'e x
2 | --note: a value is required | cs add meal 5 --note
2 | --refund: this option takes no value (yes) | cs add meal 5 --refund=yes
2 | argument: unexpected argument (extra) | cs add meal 5 extra
2 | --date: no such calendar date (2026-02-30) | cs add meal 5 --date 2026-11-05 --date 2026-02-30
2 | --currency: unknown ISO 4217 currency code (XXX) | cs add meal 5 --currency EUR --currency XXX
# --- edit, rm, show, list, history, undo ----------------------------------------------------
2 | id: missing | cs edit
2 | id: not an expense id (x) | cs edit x
2 | id: not an expense id (0) | cs edit 0
2 | id: not an expense id (-1) | cs edit -1
2 | id: not an expense id (99999999999999999999999) | cs edit 99999999999999999999999
2 | id: no such expense (999) | cs edit 999 --amount 5
2 | id: not an expense id (9223372036854775807) | cs edit 9223372036854775807 --amount 5
2 | amount: not a decimal number (ten) | cs edit 1 --amount ten
2 | amount: must be greater than zero | cs edit 1 --amount 0
2 | category: unknown category | cs edit 1 --category food
2 | --date: no such calendar date (2026-02-30) | cs edit 1 --date 2026-02-30
2 | --tip: only for ride expenses (meal) | cs edit 2 --tip 1
2 | --tip: larger than the amount 23.50 (99.00) | cs edit 1 --tip 99
2 | --note: not valid UTF-8 text (caf\xe9) | cs edit 1 --note "$BAD"
2 | --note: longer than 4096 bytes | cs edit 1 --note "$LONG"
2 | amount: cannot be written in the new currency; give it again (23.50) | cs edit 1 --currency JPY
2 | trip: no such trip (nope) | cs edit 1 --trip nope
2 | argument: unexpected argument (2) | cs edit 1 2
2 | id: missing | cs rm
2 | id: not an expense id (x) | cs rm x
2 | id: not an expense id () | cs rm ''
2 | id: not an expense id (1.5) | cs rm 1.5
2 | id: no such expense (999) | cs rm 999
2 | argument: unexpected argument (2) | cs rm 1 2
2 | id: missing | cs show
2 | id: not an expense id (abc) | cs show abc
2 | id: no such expense (999) | cs show 999
2 | --format: must be table, csv or json (xml) | cs show 1 --format xml
2 | --format: must be table, csv or json () | cs show 1 --format=
2 | --format: must be table, csv or json (xml) | cs list --format xml
2 | --format: must be table, csv or json (yaml) | cs list --format csv --format yaml
2 | --month: no such month (2026-13) | cs list --month 2026-13
2 | --month: not a month in YYYY-MM form (2026-1) | cs list --month 2026-1
2 | --since: no such calendar date (2026-02-30) | cs list --since 2026-02-30
2 | --until: before --since 2026-11-10 (2026-11-01) | cs list --since 2026-11-10 --until 2026-11-01
2 | trip: no such trip (nope) | cs list --trip nope
2 | period: give one of --trip, --month or --since/--until | cs list --trip conf --month 2026-11
2 | --category: unknown category (food) | cs list --category food
2 | argument: unexpected argument (extra) | cs list extra
2 | id: not an expense id (x) | cs history x
2 | id: no such expense in the history (999) | cs history 999
2 | --format: must be table, csv or json (xml) | cs history --format xml
2 | argument: unexpected argument (extra) | cs undo extra
2 | option: unknown option (--bogus) | cs undo --bogus
# --- trip --------------------------------------------------------------------------------------
2 | trip: missing subcommand | cs trip
2 | trip: unknown subcommand (add, list, show, edit, rm, use) (frob) | cs trip frob
2 | slug: missing (trip add SLUG) | cs trip add
2 | slug: use 1-64 of a-z 0-9 - _ . (Bad_Slug) | cs trip add Bad_Slug --name X --start 2026-01-01 --end 2026-01-02
2 | slug: use 1-64 of a-z 0-9 - _ . (xxxxxxxx | cs trip add "$LONG" --name X --start 2026-01-01 --end 2026-01-02
2 | slug: use 1-64 of a-z 0-9 - _ . (caf\xe9) | cs trip add "$BAD" --name X --start 2026-01-01 --end 2026-01-02
2 | trip: a trip with this slug exists (conf) | cs trip add conf --name X --start 2026-01-01 --end 2026-01-02
2 | --name: required | cs trip add x --start 2026-01-01 --end 2026-01-02
2 | --name: must not be empty () | cs trip add x --name '' --start 2026-01-01 --end 2026-01-02
2 | --name: not valid UTF-8 text (caf\xe9) | cs trip add x --name "$BAD" --start 2026-01-01 --end 2026-01-02
2 | --name: longer than 4096 bytes | cs trip add x --name "$LONG" --start 2026-01-01 --end 2026-01-02
2 | --city: not valid UTF-8 text (caf\xe9) | cs trip add x --name X --start 2026-01-01 --end 2026-01-02 --city "$BAD"
2 | --city: longer than 4096 bytes | cs trip edit conf --city "$LONG"
2 | --end: before --start 2026-01-02 (2026-01-01) | cs trip add x --name X --start 2026-01-02 --end 2026-01-01
2 | --start: no such calendar date (2026-02-30) | cs trip add x --name X --start 2026-02-30 --end 2026-03-01
2 | --currency: unknown ISO 4217 currency code (XXX) | cs trip add x --name X --start 2026-01-01 --end 2026-01-02 --currency XXX
2 | trip: no such trip (nope) | cs trip show nope
2 | slug: missing (trip show SLUG) | cs trip show
2 | trip: no such trip (nope) | cs trip edit nope --name Y
2 | --slug: use 1-64 of a-z 0-9 - _ . (Bad Slug) | cs trip edit conf --slug 'Bad Slug'
2 | --end: before the start 2026-11-01 (2020-01-01) | cs trip edit conf --end 2020-01-01
2 | trip: no such trip (nope) | cs trip rm nope
2 | trip: 1 expense uses it; move or remove them first (conf) | cs trip rm conf
2 | trip: no such trip (nope) | cs trip use nope
2 | slug: missing (trip use SLUG | cs trip use
2 | --none: cannot go with a slug (conf) | cs trip use conf --none
2 | argument: unexpected argument (extra) | cs trip list extra
2 | --format: must be table, csv or json (xml) | cs trip list --format xml
# --- budget ------------------------------------------------------------------------------------
2 | budget: use budget set, budget list or budget rm | cs budget
2 | budget: use budget set, budget list or budget rm (frob) | cs budget frob
2 | category: missing | cs budget set
2 | amount: missing | cs budget set ride
2 | category: unknown category | cs budget set food 5
2 | amount: not a decimal number (ten) | cs budget set ride ten
2 | amount: must be a positive decimal number (-5) | cs budget set ride -5
2 | amount: too large (99999999999999999999) | cs budget set ride 99999999999999999999
2 | --month: no such month (2026-13) | cs budget set ride 5 --month 2026-13
2 | trip: no such trip (nope) | cs budget set ride 5 --trip nope
2 | --month: cannot go with --trip (2026-11) | cs budget set ride 5 --month 2026-11 --trip conf
2 | budget: no such budget (default) (meal) | cs budget rm meal
2 | category: unknown category | cs budget rm food
2 | --format: must be table, csv or json (xml) | cs budget list --format xml
# --- report ------------------------------------------------------------------------------------
2 | report: missing report (budget, rides, drivers, direct, quote, plan, trip) | cs report
2 | report: unknown report (budget, rides, drivers, direct, quote, plan, trip) (frob) | cs report frob
2 | --month: no such month (2026-13) | cs report budget --month 2026-13
2 | --until: required with --since | cs report budget --since 2026-01
2 | --until: before --since 2026-05 (2026-01) | cs report budget --since 2026-05 --until 2026-01
2 | trip: no such trip (nope) | cs report budget --trip nope
2 | period: give one of --trip, --month or --since/--until | cs report budget --trip conf --month 2026-11
2 | --commission: must be between 0 and 1 (1.5) | cs report budget --commission 1.5
2 | --share: must not be negative (-1) | cs report budget --share -1
2 | --availability: not a decimal number with at most 9 decimals (x) | cs report budget --availability x
2 | --format: must be table, csv or json (xml) | cs report budget --format xml
2 | --min-rides: must be a whole number from 1 to 1000000 (0) | cs report rides --min-rides 0
2 | --min-rides: must be a whole number from 1 to 1000000 (10000009) | cs report rides --min-rides 10000009
2 | --min-rides: must be a whole number from 1 to 1000000 (x) | cs report rides --min-rides x
2 | --trial-days: must be a whole number from 0 to 1000000 (-1) | cs report rides --trial-days -1
2 | --commission: not a decimal number with at most 9 decimals () | cs report rides --commission ''
2 | --since: no such calendar date (2026-02-30) | cs report rides --since 2026-02-30
2 | slug: missing (report trip SLUG) | cs report trip
2 | trip: no such trip (nope) | cs report trip nope
2 | argument: unexpected argument (extra) | cs report trip conf extra
# --- config, rate --------------------------------------------------------------------------------
2 | config: use config set KEY VALUE or config get [KEY] | cs config
2 | config: usage: config set KEY VALUE | cs config set currency
2 | currency: unknown ISO 4217 currency code (XXX) | cs config set currency XXX
2 | currency: unknown ISO 4217 currency code (usd) | cs config set currency usd
2 | ride.commission: must be between 0 and 1 (2) | cs config set ride.commission 2
2 | ride.commission: not a decimal number with at most 9 decimals (x) | cs config set ride.commission x
2 | key: unknown setting (currency, department, owner, paper, ride.commission) (colour) | cs config set colour red
2 | key: unknown setting (currency, department, owner, paper, ride.commission) (colour) | cs config get colour
2 | owner: not valid UTF-8 text (caf\xe9) | cs config set owner "$BAD"
2 | owner: longer than 4096 bytes | cs config set owner "$LONG"
2 | rate: use rate set CUR RATE [--quote Q] [--date DATE], rate list or rate import FILE | cs rate
2 | rate: usage: rate set CUR RATE [--quote Q] [--date DATE] | cs rate set EUR
2 | currency: unknown ISO 4217 currency code (XXX) | cs rate set XXX 1.1
2 | rate: must be greater than zero (0) | cs rate set EUR 0
2 | rate: must not be negative (-1) | cs rate set EUR -1
2 | rate: not a decimal number with at most 18 digits (1.000000000000000001) | cs rate set EUR 1.000000000000000001
2 | --quote: unknown ISO 4217 currency code (XXX) | cs rate set EUR 1.1 --quote XXX
2 | rate import: cannot open: No such file or directory (/nonexistent/rates.csv) | cs rate import /nonexistent/rates.csv
2 | currency: is the base currency; it needs no rate (USD) | cs rate set USD 1
2 | --date: no such calendar date (2026-02-30) | cs rate set EUR 1.1 --date 2026-02-30
2 | argument: unexpected argument (extra) | cs rate list extra
# --- export ------------------------------------------------------------------------------------
2 | format: missing | cs export
2 | format: unknown export format (csv, xlsx, pdf or ledger) (odt) | cs export odt x.odt
2 | file: missing | cs export csv
2 | file: export xlsx writes a file, not standard output (-) | cs export xlsx -
2 | file: empty file name () | cs export csv ''
2 | --month: no such month (2026-13) | cs export csv "$TMP/x.csv" --month 2026-13
2 | trip: no such trip (nope) | cs export xlsx "$TMP/x.xlsx" --trip nope
2 | --until: before --since 2026-11-10 (2026-11-01) | cs export csv "$TMP/x.csv" --since 2026-11-10 --until 2026-11-01
2 | period: give one of --trip, --month or --since/--until | cs export csv "$TMP/x.csv" --trip conf --month 2026-11
2 | argument: unexpected argument (extra) | cs export csv "$TMP/x.csv" extra
2 | option: unknown option (--format) | cs export csv "$TMP/x.csv" --format json
# --- import: usage -----------------------------------------------------------------------------
2 | format: missing | cs import
2 | format: unknown import format (csv, ofx, or profiles to list the profiles) (xml) | cs import xml "$TMP/good.csv"
2 | file: missing | cs import csv
1 | import: cannot open: No such file or directory (/nonexistent/x.csv) | cs import csv /nonexistent/x.csv
1 | import: is a folder | cs import csv "$TMP"
2 | is not a 'uber' file | cs import csv "$TMP/good.csv" --profile uber
2 | --delimiter: must be one character other than a quote or a line end () | cs import csv "$TMP/good.csv" --delimiter ''
2 | --delimiter: must be one character other than a quote or a line end (,,) | cs import csv "$TMP/good.csv" --delimiter ',,'
2 | --delimiter: must be one character other than a quote or a line end (") | cs import csv "$TMP/good.csv" --delimiter '"'
2 | argument: unexpected argument | cs import csv "$TMP/good.csv" "$TMP/good.csv"
# --- import: hostile files ---------------------------------------------------------------------
2 | line 2, column 20: a NUL byte in the file | cs import csv "$TMP/nul.csv"
2 | line 2, column note: not valid UTF-8 text (caf\xe9) | cs import csv "$TMP/latin1.csv"
2 | line 2, column note: not valid UTF-8 text (\xc0\xaf) | cs import csv "$TMP/overlong.csv"
2 | header: unknown column | cs import csv "$TMP/badheader.csv"
2 | line 2: record longer than 1048576 bytes | cs import csv "$TMP/hugeline.csv"
2 | line 2, column 19: unterminated quoted field | cs import csv "$TMP/unterminated.csv"
2 | line 2, column note: longer than 4096 bytes | cs import csv "$TMP/longnote.csv"
2 | import: no header row (the file is empty) | cs import csv "$TMP/empty.csv"
2 | import: no header row (the file is empty) | cs import csv "$TMP/bomonly.csv"
2 | import: no header row (the file is empty) | cs import csv "$TMP/blank.csv"
2 | line 1, column 8: a NUL byte in the file | cs import csv "$TMP/elf.csv"
2 | line 7: 5 fields, but the header has 4 | cs import csv "$TMP/extrafield.csv"
2 | line 5, column amount: not a decimal number (xx) | cs import csv "$TMP/lastbad.csv"
2 | line 2, column 22: text after a closing quote | cs import csv "$TMP/quote.csv"
2 | line 2, column 20: a quote inside an unquoted field | cs import csv "$TMP/bareq.csv"
2 | line 2, column trip: not a trip slug | cs import csv "$TMP/badtrip.csv"
2 | header: unknown column | cs import csv "$TMP/unknowncol.csv"
2 | header: column given twice (date) | cs import csv "$TMP/twicecol.csv"
2 | header: missing required column (category) | cs import csv "$TMP/nocategory.csv"
2 | line 2, column date: no such calendar date (2026-02-30) | cs import csv "$TMP/baddate.csv"
2 | line 2, column amount | cs import csv "$TMP/minuszero.csv"
2 | line 2, column amount: this currency has no minor unit (1.5) | cs import csv "$TMP/jpycents.csv"
2 | line 2, column tip: larger than the amount | cs import csv "$TMP/bigtip.csv"
2 | line 2, column nights: only for lodging expenses | cs import csv "$TMP/mealnights.csv"
2 | line 2, column amount: too large | cs import csv "$TMP/hugeamount.csv"
2 | header: unknown column | cs import csv "$TMP/semicolon.csv"
2 | line 2, column amount: use '.' as the decimal separator | cs import csv "$TMP/semicolon.csv" --delimiter ';'
2 | line 2, column 20: a NUL byte in the file | stdin "$TMP/nul.csv" import csv -
2 | line 5, column amount: not a decimal number (xx) | stdin "$TMP/lastbad.csv" import csv - --dry-run
# --- more empty strings, unknown subcommands, values given to flags ----------------------------
2 | config: use config set KEY VALUE or config get [KEY] (frob) | cs config frob
2 | rate: use rate set CUR RATE [--quote Q] [--date DATE], rate list or rate import FILE (frob) | cs rate frob
2 | id: not an expense id () | cs history ''
2 | id: not an expense id () | cs show ''
2 | trip: no such trip () | cs trip show ''
2 | trip: no such trip () | cs report trip ''
2 | category: unknown category | cs budget set '' 5
2 | category: unknown category | cs edit 1 --category ''
2 | --slug: use 1-64 of a-z 0-9 - _ . () | cs trip edit conf --slug ''
2 | --since: not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday) () | cs list --since ''
2 | --since: required with --until | cs report rides --until 2026-11-01
2 | --reimbursable-only: this option takes no value (yes) | cs export csv "$TMP/x.csv" --reimbursable-only=yes
2 | --dry-run: this option takes no value (1) | cs import csv "$TMP/good.csv" --dry-run=1
2 | argument: unexpected argument (extra) | cs config get owner extra
2 | --db: a value is required | cs undo --db
TABLE
check "the table has at least 100 rows ($ran)" "$ran" -ge 100

# Amounts as large as int64 allows, each valid alone: their sums must not wrap around.
export CONFSPEND_DB=$TMP/huge.db
cs trip add t --name T --start 2026-11-01 --end 2026-11-30 >/dev/null
for i in 1 2; do
  cs add meal 92233720368547758.07 --currency USD --trip t >/dev/null
  cs add ride 92233720368547758.07 --currency USD --provider uber --from a --to b --trip t >/dev/null
done
expect_fail "huge: report rides" 1 "rides: the totals do not fit in 64-bit minor units" cs report rides --trip t
expect_fail "huge: report trip" 1 "total: category ride of trip t does not fit in 64-bit minor units (amounts too large)" cs report trip t
expect_fail "huge: report budget" 1 "fit in 64-bit minor units" cs report budget
expect_out "huge: list shows the total as too large" "4 expenses too large USD" \
  sh -c '"$CONFSPEND" list | tail -n 1 | tr -s " " | sed "s/^ *total //; s/ *$//"'
export CONFSPEND_DB=$TMP/huge2.db
cs trip add t --name T --start 2026-11-01 --end 2026-11-30 >/dev/null
cs add lodging 1 --currency USD --nights 100000 --compare-rate 92233720368547758.07 --trip t >/dev/null
expect_fail "huge: nights x compare rate" 1 "compare_rate: 100000 nights at the compare rate do not fit in 64-bit minor units" cs report trip t
finish
