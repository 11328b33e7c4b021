# SPDX-License-Identifier: GPL-3.0-or-later
# Terminal output (SPEC "Changes, history and safety", "Terminal output"): colour comes from
# the program itself, only on a TTY and never with NO_COLOR; text the user typed (escape
# sequences, C1 controls, bidirectional overrides, bytes that are not UTF-8) never reaches
# the terminal raw, in every view for people, on a pipe and on a pseudo-terminal (script);
# csv and json keep the exact text.
. "$(dirname "$0")/lib.sh"

export TERM=${TERM:-xterm}
[ "$TERM" = dumb ] && export TERM=xterm
command -v script >/dev/null || { bad "script(1) is needed to run commands on a pseudo-terminal"; finish; exit; }

# tty FILE 'COMMAND': run the shell command on a pseudo-terminal with colour allowed
# (NO_COLOR unset), its output (stdout and stderr, as the terminal got them) into FILE with
# the terminal's CR before each LF taken out. The command reads the variables exported here.
tty() {
  local f=$1
  shift
  env -u NO_COLOR SHELL=/bin/sh script -qec "$1" /dev/null </dev/null | sed 's/\r$//' >"$f"
}

# hits FILE: the kinds of raw bytes in FILE that a terminal would act on, or nothing.
hits() {
  local f=$1
  LC_ALL=C grep -q $'\x1b' "$f" && echo ESC
  LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$f" && echo "C0/DEL"
  LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$f" && echo C1
  LC_ALL=C grep -q $'\xe2\x80[\xaa-\xae]\|\xe2\x81[\xa6-\xa9]' "$f" && echo bidi
  iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || echo "not UTF-8"
}

# shown "what" FILE FRAGMENT...: FILE holds no raw control or bidi bytes, and shows each
# FRAGMENT (the escaped form of a value, so the value was printed at all)
shown() {
  local what=$1 f=$2 h frag
  shift 2
  h=$(hits "$f" | tr '\n' ' ')
  if [ -n "$h" ]; then
    bad "$what: raw ${h}in the output: $(od -c "$f" | head -6)"
    return
  fi
  for frag in "$@"; do
    if ! LC_ALL=C grep -qF -- "$frag" "$f"; then
      bad "$what: lacks '$frag': $(head -c 600 "$f")"
      return
    fi
  done
  ok
}

# json_string FILE INDEX KEY: the decoded string, exact bytes (jq, else python3)
json_string() {
  if command -v jq >/dev/null; then
    jq -j --argjson i "$2" --arg k "$3" '.[$i][$k]' "$1"
  else
    /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.stdout.buffer.write(d[int(sys.argv[2])][sys.argv[3]].encode("utf-8"))' "$1" "$2" "$3"
  fi
}

# --- colour: report budget over a month that is over budget ---------------------------------
cs budget set meal 10 >/dev/null
cs budget set ride 100 >/dev/null
cs add meal 25 --date 2026-11-03 >/dev/null                                 # meal: OVER
cs add ride 50 --provider uber --from A --to B --date 2026-11-04 >/dev/null # ride, total: heading over
tty "$TMP/color" '"$CONFSPEND" report budget'
check "colour: OVER is red, as real SGR codes" "$(LC_ALL=C grep -c $'\x1b\\[31mOVER\x1b\\[0m' "$TMP/color")" -eq 1
check "colour: heading over is yellow" "$(LC_ALL=C grep -c $'\x1b\\[33mheading over\x1b\\[0m' "$TMP/color")" -eq 2
check "colour: the title is bold" "$(LC_ALL=C grep -c $'^\x1b\\[1m2026-11 (USD)\x1b\\[0m$' "$TMP/color")" -eq 1
check "colour: no escaped colour code as text" "$(grep -cF '\x1b[' "$TMP/color")" -eq 0
NO_COLOR=1 script -qec '"$CONFSPEND" report budget' /dev/null </dev/null | sed 's/\r$//' >"$TMP/nocolor"
check "NO_COLOR=1 on a terminal: no ESC at all" "$(LC_ALL=C grep -c $'\x1b' "$TMP/nocolor")" -eq 0
check "NO_COLOR=1: the status reads OVER" "$(grep -c ' OVER  ' "$TMP/nocolor")" -eq 1
# the codes are not counted in the widths: without them the page is the NO_COLOR page
sed $'s/\x1b\\[[0-9;]*m//g' "$TMP/color" >"$TMP/stripped"
if cmp -s "$TMP/stripped" "$TMP/nocolor"; then ok; else
  bad "colour: the page without its SGR codes differs from the NO_COLOR page"
  diff "$TMP/nocolor" "$TMP/stripped" >&2
fi
env -u NO_COLOR "$CONFSPEND" report budget | cat >"$TMP/pipe"
check "a pipe: no ESC" "$(LC_ALL=C grep -c $'\x1b' "$TMP/pipe")" -eq 0
check "a pipe: the same page as NO_COLOR" "$(cat "$TMP/pipe")" = "$(cat "$TMP/nocolor")"
env -u NO_COLOR "$CONFSPEND" report budget --format csv | cat >"$TMP/csv"
check "csv never colours" "$(LC_ALL=C grep -c $'\x1b' "$TMP/csv")" -eq 0

# --- hostile text: every view for people shows it escaped ------------------------------------
export CONFSPEND_DB=$TMP/hostile.db
OSC=$'\e]0;owned\a'            # set the window title
OSC8=$'\e]8;;http://x\e\\'     # a hyperlink
CSI=$'\e[31m'                  # colour
CLEAR=$'\e[2J'                 # clear the screen
C1=$'\xc2\x9b'                 # U+009B, the one-byte CSI of some terminals
RLO=$'\xe2\x80\xae'            # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$'\xe2\x81\xa6'            # U+2066 LEFT-TO-RIGHT ISOLATE
export M="shop${OSC}${CSI}red${C1}31m${RLO}evil${LRI}x"
export N="note${CLEAR}${OSC8}link${RLO}gnp.exe"
export N2="edited${C1}2J${LRI}y"
export NAME="Conf${OSC}${RLO}name"
export CITY="City${CSI}${LRI}c"
export OWNER="Ada${OSC8}${C1}${RLO}"
# how each is shown
SM='shop\x1b]0;owned\x07\x1b[31mred\u009b31m\u202eevil\u2066x'
SN='note\x1b[2J\x1b]8;;http://x\x1b\link\u202egnp.exe'
SN2='edited\u009b2J\u2066y'
SNAME='Conf\x1b]0;owned\x07\u202ename'
SCITY='City\x1b[31m\u2066c'
SOWNER='Ada\x1b]8;;http://x\x1b\\u009b\u202e'

cs config set owner "$OWNER" >"$TMP/o"
shown "config set (pipe)" "$TMP/o" "owner = $SOWNER"
tty "$TMP/o" '"$CONFSPEND" config set owner "$OWNER"'
shown "config set (tty)" "$TMP/o" "owner = $SOWNER"

cs trip add conf --name "$NAME" --city "$CITY" --start 2026-11-01 --end 2026-11-09 >"$TMP/o"
shown "trip add (pipe)" "$TMP/o" "conf  $SNAME  2026-11-01 to 2026-11-09  $SCITY  USD"
tty "$TMP/o" '"$CONFSPEND" trip add conf2 --name "$NAME" --city "$CITY" --start 2026-11-01 --end 2026-11-09'
shown "trip add (tty)" "$TMP/o" "conf2  $SNAME  2026-11-01 to 2026-11-09  $SCITY  USD"

cs add meal 5 --date 2026-11-05 --merchant "$M" --note "$N" --trip conf >"$TMP/o"
shown "add's summary (pipe)" "$TMP/o" "1  2026-11-05  meal  5.00 USD  $SM  [conf]"
tty "$TMP/o" '"$CONFSPEND" add meal 6 --date 2026-11-06 --merchant "$M" --note "$N" --trip conf'
shown "add's summary (tty)" "$TMP/o" "2  2026-11-06  meal  6.00 USD  $SM  [conf]"
cs add ride 7 --date 2026-11-07 --provider uber --from "$M" --to "$N2" --trip conf >"$TMP/o"
shown "add's summary of a ride (pipe)" "$TMP/o" "3  2026-11-07  ride  7.00 USD  $SM -> $SN2  [conf]"

cs edit 1 --note "$N2" >"$TMP/o"
shown "edit's summary (pipe)" "$TMP/o" "1  2026-11-05  meal  5.00 USD  $SM  [conf]"
tty "$TMP/o" '"$CONFSPEND" edit 2 --note "$N2"'
shown "edit's summary (tty)" "$TMP/o" "2  2026-11-06  meal  6.00 USD  $SM  [conf]"
cs edit 1 --note "$N" >/dev/null

# the views that read, each on a pipe and on a terminal
while IFS='|' read -r what cmd frags; do
  eval "set -- $frags"
  sh -c "$cmd" >"$TMP/o" 2>&1 </dev/null
  shown "$what (pipe)" "$TMP/o" "$@"
  tty "$TMP/o" "$cmd"
  shown "$what (tty)" "$TMP/o" "$@"
done <<'VIEWS'
show|"$CONFSPEND" show 1|"merchant      $SM" "note          $SN"
show of a ride|"$CONFSPEND" show 3|"from          $SM" "to            $SN2"
list --wide|"$CONFSPEND" list --wide|"$SM" "$SN" "$SN2"
list --month --wide|"$CONFSPEND" list --month 2026-11 --wide|"$SM" "$SN"
list (cut to 100 columns)|"$CONFSPEND" list|"${SM:0:28}…"
report rides|"$CONFSPEND" report rides --trip conf|"$SN2 <-> $SM"
trip show|"$CONFSPEND" trip show conf|"$SNAME" "$SCITY"
trip list|"$CONFSPEND" trip list|"$SNAME" "$SCITY"
report trip|"$CONFSPEND" report trip conf|"$SNAME (conf), $SCITY, 2026-11-01 to 2026-11-09, amounts in USD"
config get KEY|"$CONFSPEND" config get owner|"$SOWNER"
config get|"$CONFSPEND" config get|"owner = $SOWNER"
history|"$CONFSPEND" history|"$SM" "$SN2"
history ID|"$CONFSPEND" history 2|"$SM" "$SN2"
an error|"$CONFSPEND" add meal 5 --date "$M"; true|"--date: not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday) ($SM)"
an error naming a trip|"$CONFSPEND" add meal 5 --trip "$N2"; true|"($SN2)"
VIEWS

# the exact text in csv and json (json escapes C0 as it must; C1 and bidi are plain UTF-8)
cs list --format csv | sed -n 2p | tr -d '\r' >"$TMP/row"
printf '1,2026-11-05,meal,5.00,USD,%s,%s,conf,no,,,,,\n' "$M" "$N" >"$TMP/want"
if cmp -s "$TMP/row" "$TMP/want"; then ok; else
  bad "list --format csv: not the exact bytes: $(od -c "$TMP/row" | head -8)"
fi
cs list --format json >"$TMP/json"
check "list --format json: valid JSON, the merchant exact" "$(json_string "$TMP/json" 0 merchant)" = "$M"
check "list --format json: the note exact" "$(json_string "$TMP/json" 0 note)" = "$N"
check "list --format json: the ride's to exact" "$(json_string "$TMP/json" 2 to)" = "$N2"
check "list --format json: C1 and bidi stay UTF-8" "$(LC_ALL=C grep -c $'\xc2\x9b.*\xe2\x80\xae' "$TMP/json")" -ge 1
cs trip list --format csv | tr -d '\r' | sed -n 2p >"$TMP/row"
check "trip list --format csv: the name and city exact" "$(cat "$TMP/row")" = "conf,$NAME,2026-11-01,2026-11-09,$CITY,USD,3,no"

# text another program wrote that is not UTF-8 is shown as \xNN, never sent raw
sql "UPDATE expense SET merchant = CAST(X'41FF42' AS TEXT) WHERE id = 3"
for v in "list --wide" "show 3"; do
  eval "set -- $v"
  cs "$@" >"$TMP/o"
  shown "$v: a byte that is not UTF-8" "$TMP/o" 'A\xffB'
done

# rm's summary last: it takes the expense away
cs rm 1 >"$TMP/o"
shown "rm's summary (pipe)" "$TMP/o" "removed 1  2026-11-05  meal  5.00 USD  $SM  [conf]"
tty "$TMP/o" '"$CONFSPEND" rm 2'
shown "rm's summary (tty)" "$TMP/o" "removed 2  2026-11-06  meal  6.00 USD  $SM  [conf]"
finish
