#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# export csv: the 22 columns (uid last), RFC 4180 quoting, the formula guard on text (never on
# amounts), the period and --reimbursable-only selections, standard output, and a file
# that appears whole or not at all.
. "$(dirname "$0")/lib.sh"
umask 022

HEAD="id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip,payment,receipt,platform_fee,shared,nights,compare_rate,recipient,uid"
crlf() { printf '%s\r\n' "$@"; }

expect_out "an empty database exports the header alone" "$(crlf "$HEAD")" cs export csv -

cs trip add pycon --name PyCon --start 2026-11-01 --end 2026-11-08 >/dev/null
cs trip add tokyo --name Tokyo --start 2026-12-01 --end 2026-12-08 --currency JPY >/dev/null
make_pdf "$TMP/r/1.pdf"
expect_ok "1 ride with every ride field" cs add ride 23.50 --date 2026-11-02 --trip pycon \
  --provider uber --from Home --to Venue --driver Sam --tip 3 --platform-fee 10 --shared \
  --reimbursable --payment visa --receipt "$TMP/r/1.pdf"
expect_ok "2 a refund whose merchant is a formula" cs add meal 6.50 --date 2026-11-03 --refund \
  --merchant '=HYPERLINK("http://x","y")'
expect_ok "3 + - @ and a quoted newline" cs add meal 12 --date 2026-11-03 --merchant '+1' \
  --note $'two\nlines, "quoted"' --payment '@cash'
expect_ok "4 a leading tab" cs add other 3 --date 2026-11-04 --merchant '-x' --note $'\tindented'
expect_ok "5 lodging at 0" cs add lodging 0 --date 2026-11-01 --nights 8 --compare-rate 189 \
  --merchant 'Café Zoë' --trip pycon
expect_ok "6 donation" cs add donation 20 --date 2026-11-05 --recipient '@PSF' --merchant "'=x"
expect_ok "7 JPY" cs add travel 45000 --date 2026-09-15 --trip tokyo --merchant 'JAL 日本航空'
expect_ok "8 BHD" cs add ticket 1.5 --date 2026-11-08 --currency BHD --merchant "it's" --reimbursable

# each expense's uid is random; pin them so the rows below can be exact
expect_out "every expense has a uid of 32 lowercase hex digits" "8" \
  sql "SELECT count(DISTINCT uid) FROM expense WHERE length(uid) = 32 AND NOT uid GLOB '*[^0-9a-f]*'"
sql "UPDATE expense SET uid = printf('%032x', id * 1048577)"
U() { printf '%032x' $(($1 * 1048577)); }

R7='7,2026-09-15,travel,45000,JPY,JAL 日本航空,,tokyo,no,,,,,,,,,,,,'",$(U 7)"
R5='5,2026-11-01,lodging,0.00,USD,Café Zoë,,pycon,no,,,,,,,,,,8,189.00,'",$(U 5)"
R1='1,2026-11-02,ride,23.50,USD,,,pycon,yes,uber,Home,Venue,Sam,3.00,visa,1.pdf,10.00,yes,,,'",$(U 1)"
R2='2,2026-11-03,meal,-6.50,USD,"'"'"'=HYPERLINK(""http://x"",""y"")",,,no,,,,,,,,,,,,'",$(U 2)"
R3="3,2026-11-03,meal,12.00,USD,'+1,\"two
lines, \"\"quoted\"\"\",,no,,,,,,'@cash,,,,,,,$(U 3)"
R4=$'4,2026-11-04,other,3.00,USD,\'-x,\'\tindented,,no,,,,,,,,,,,,'",$(U 4)"
R6="6,2026-11-05,donation,20.00,USD,''=x,,,no,,,,,,,,,,,,'@PSF,$(U 6)"
R8="8,2026-11-08,ticket,1.500,BHD,it's,,,yes,,,,,,,,,,,,,$(U 8)"

before=$(db_state)
expect_out "export csv -: every expense, the 22 columns, by date then id" \
  "$(crlf "$HEAD" "$R7" "$R5" "$R1" "$R2" "$R3" "$R4" "$R6" "$R8")" cs export csv -
check "export does not change the database" "$(db_state)" = "$before"
expect_out "the header is exactly the contract's" "$HEAD" \
  sh -c '"$CONFSPEND" export csv - | head -1 | tr -d "\r"'
expect_out "list --format csv keeps the list columns: no uid" \
  "id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip" \
  sh -c '"$CONFSPEND" list --format csv | head -1 | tr -d "\r"'
expect_out "a refund's amount stays -6.50 (no guard on numbers)" "-6.50" \
  sh -c '"$CONFSPEND" export csv - --since 2026-11-03 --until 2026-11-03 | sed -n 2p | cut -d, -f4'

expect_out "--trip" "$(crlf "$HEAD" "$R5" "$R1")" cs export csv - --trip pycon
expect_out "--trip: a trip's expenses whatever their date" "$(crlf "$HEAD" "$R7")" \
  cs export csv - --trip tokyo
expect_out "--month" "$(crlf "$HEAD" "$R5" "$R1" "$R2" "$R3" "$R4" "$R6" "$R8")" \
  cs export csv - --month 2026-11
expect_out "--since --until (inclusive)" "$(crlf "$HEAD" "$R1" "$R2" "$R3")" \
  cs export csv - --since 2026-11-02 --until 2026-11-03
expect_out "--since alone" "$(crlf "$HEAD" "$R6" "$R8")" cs export csv - --since 2026-11-05
expect_out "--reimbursable-only" "$(crlf "$HEAD" "$R1" "$R8")" cs export csv - --reimbursable-only
expect_out "--reimbursable-only with --trip" "$(crlf "$HEAD" "$R1")" \
  cs export csv - --reimbursable-only --trip pycon
expect_out "a month with nothing" "$(crlf "$HEAD")" cs export csv - --month 2025-01

# --- to a file ---------------------------------------------------------------------------------
mkdir "$TMP/exp"
expect_out "export csv FILE says what it wrote" "exported 8 expenses to $TMP/exp/all.csv" \
  cs export csv "$TMP/exp/all.csv"
expect_out "the file holds what standard output gets" "$(cs export csv -)" cat "$TMP/exp/all.csv"
check "the file is no wider than the 0600 database (umask 022: 600)" "$(stat -c %a "$TMP/exp/all.csv")" = 600
expect_out "export csv FILE overwrites" "exported 2 expenses to $TMP/exp/all.csv" \
  cs export csv "$TMP/exp/all.csv" --reimbursable-only
expect_out "the overwritten file" "$(crlf "$HEAD" "$R1" "$R8")" cat "$TMP/exp/all.csv"
expect_out "one expense, singular" "exported 1 expense to $TMP/exp/one.csv" \
  cs export csv "$TMP/exp/one.csv" --trip tokyo
expect_out "no temporary file is left beside it" "all.csv one.csv" sh -c "ls -A '$TMP/exp' | tr '\n' ' ' | sed 's/ \$//'"
( cd "$TMP/exp" && "$CONFSPEND" export csv rel.csv >/dev/null )
check "a relative file name" -s "$TMP/exp/rel.csv"

# --- failures: exit 1, nothing left behind ----------------------------------------------------
expect_fail "a missing folder" 1 "export: cannot write the file: No such file or directory" \
  cs export csv "$TMP/no/such/out.csv"
check "the missing folder is not made" ! -e "$TMP/no"
mkdir "$TMP/adir"
expect_fail "onto a folder" 1 "export: is a folder; not replaced" cs export csv "$TMP/adir"
expect_out "the folder is left empty" "" ls -A "$TMP/adir"
mkfifo "$TMP/exp/fifo"
expect_fail "onto a fifo" 1 "export: not a regular file; not replaced" cs export csv "$TMP/exp/fifo"
check "the fifo stays a fifo" -p "$TMP/exp/fifo"
expect_out "nothing else appeared" "all.csv fifo one.csv rel.csv" sh -c "ls -A '$TMP/exp' | tr '\n' ' ' | sed 's/ \$//'"
# a symlink to a file is written through: the file it points at is replaced, the link stays
mkdir "$TMP/real" && echo old >"$TMP/real/kept.csv" && ln -s ../real/kept.csv "$TMP/exp/link.csv"
expect_out "onto a symlink" "exported 1 expense to $TMP/exp/link.csv" cs export csv "$TMP/exp/link.csv" --since 2026-11-02 --until 2026-11-02
check "the link is still a link" -L "$TMP/exp/link.csv"
expect_out "the file it points at has the export" "$(cs export csv - --since 2026-11-02 --until 2026-11-02)" cat "$TMP/real/kept.csv"
expect_out "nothing else appeared beside either" "kept.csv" ls -A "$TMP/real"
if [ "$(id -u)" != 0 ]; then
  mkdir "$TMP/ro" && chmod 0555 "$TMP/ro"
  expect_fail "an unwritable folder" 1 "Permission denied" cs export csv "$TMP/ro/out.csv"
  expect_out "nothing in the unwritable folder" "" ls -A "$TMP/ro"
fi
if [ -w /dev/full ]; then
  expect_fail "standard output on a full device" 1 "output: cannot write" \
    sh -c '"$CONFSPEND" export csv - >/dev/full'
fi

# --- bad usage: exit 2, nothing written ----------------------------------------------------------
expect_fail "no format" 2 "format: missing" cs export
expect_fail "an unknown format" 2 "format: unknown export format (csv, xlsx, pdf or ledger) (odt)" cs export odt x.odt
expect_fail "no file" 2 "file: missing" cs export csv
expect_fail "an empty file name" 2 "file: empty file name" cs export csv ''
expect_fail "xlsx to standard output" 2 "not standard output" cs export xlsx -
expect_fail "a bad month" 2 "--month" cs export csv - --month 2026-13
expect_fail "a bad date" 2 "--since" cs export csv - --since 2026-02-30
expect_fail "--until before --since" 2 "--until" cs export csv - --since 2026-11-05 --until 2026-11-01
expect_fail "two selections" 2 "period" cs export csv - --trip pycon --month 2026-11
expect_fail "an unknown trip" 2 "trip: no such trip (nope)" cs export csv - --trip nope
expect_fail "an unknown option" 2 "option" cs export csv - --category meal
expect_fail "a third argument" 2 "unexpected argument" cs export csv a.csv b.csv
expect_out "export --help" "usage: confspend [--db FILE] export csv|xlsx|pdf|ledger FILE [--trip SLUG | --month M | --since D --until D] [--reimbursable-only] [--claim N]" \
  sh -c '"$CONFSPEND" export --help | head -1'
expect_out "export --help works without a database" "absent" \
  sh -c 'CONFSPEND_DB="$1/none.db" "$CONFSPEND" export --help >/dev/null; [ -e "$1/none.db" ] && echo present || echo absent' _ "$TMP"

finish
