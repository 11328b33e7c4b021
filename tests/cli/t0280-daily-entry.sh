#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The story's daily entries (issue 12, "Done when"): once the places are set, a day of two
# rides and a coffee is typed as the lines below, and `list --search coffee --trip
# pycon-2019` answers "what did the venue coffee cost me?" with one total in the base
# currency. The keystrokes of each day are counted from the lines as typed: every
# character and the Enter ending the line. Each line is run as typed. At the end the days
# are typed on a terminal: as command lines with Tab, and in one interactive session (at
# most 40 keystrokes a day, the issue's aim).
. "$(dirname "$0")/lib.sh"

# keys LINE...: the keystrokes of typing each LINE and Enter
keys() {
  local n=0 l
  for l in "$@"; do n=$((n + ${#l} + 1)); done
  echo "$n"
}
# type_line LINE: run LINE as the shell would (confspend is $CONFSPEND)
type_line() {
  eval "\"\$CONFSPEND\" ${1#confspend }"
}

# set once: the places and the trip (its expenses default to reimbursable)
cs place add home "Friends' place" >/dev/null
cs place add venue "Huntington Convention Center" >/dev/null
cs trip add pycon-2019 --name "PyCon 2019" --start 2026-11-08 --end 2026-11-15 --reimbursable >/dev/null
cs trip use pycon-2019 >/dev/null

# --- day 1 ------------------------------------------------------------------------------------
DAY1=('confspend add ride 16.42 -p lyft --from home --to venue --tip 2'
      'confspend add meal 4.50 --merchant "Venue coffee"'
      'confspend add ride 17.10 --back')
export CONFSPEND_TODAY=2026-11-09
for l in "${DAY1[@]}"; do type_line "$l" >>"$TMP/day1" || bad "day 1: $l failed"; done
expect_out "day 1: what was printed" \
  "1  2026-11-09  ride  16.42 USD  Friends' place -> Huntington Convention Center  [pycon-2019]
2  2026-11-09  meal  4.50 USD  Venue coffee  [pycon-2019]
3  2026-11-09  ride  17.10 USD  Huntington Convention Center -> Friends' place  [pycon-2019]" cat "$TMP/day1"
expect_out "day 1: stored in full, reimbursable from the trip, the ride back lyft too" \
  "1|2026-11-09|ride|1642|lyft|Friends' place|Huntington Convention Center|200|1
2|2026-11-09|meal|450|||||1
3|2026-11-09|ride|1710|lyft|Huntington Convention Center|Friends' place||1" \
  sql "SELECT id, date, category, amount, provider, origin, dest, tip, reimbursable FROM expense ORDER BY id"
# 64 + 50 + 32 keystrokes (the lines' lengths 63, 49, 31, each with its Enter)
check "day 1: 146 keystrokes" "$(keys "${DAY1[@]}")" -eq 146

# --- day 2: the coffee is yesterday's again, at today's price --------------------------------
DAY2=('confspend add ride 16.42 -p lyft --from home --to venue --tip 2'
      'confspend again 2 4.75'
      'confspend add ride 17.10 --back')
export CONFSPEND_TODAY=2026-11-10
for l in "${DAY2[@]}"; do type_line "$l" >>"$TMP/day2" || bad "day 2: $l failed"; done
expect_out "day 2: what was printed" \
  "4  2026-11-10  ride  16.42 USD  Friends' place -> Huntington Convention Center  [pycon-2019]
5  2026-11-10  meal  4.75 USD  Venue coffee  [pycon-2019]
6  2026-11-10  ride  17.10 USD  Huntington Convention Center -> Friends' place  [pycon-2019]" cat "$TMP/day2"
# 64 + 23 + 32: a day once the places and the coffee are known, as command lines. The
# issue's own lines for the rides are 95 keystrokes; its "at most 40 a day" is reached by
# the interactive session at the end (38). The same day typed in full (the issue's "Why":
# 123 for one ride) was about 320.
check "day 2: 119 keystrokes" "$(keys "${DAY2[@]}")" -eq 119
check "the issue's day in full was 320; this one is under 40%" $((119 * 100 / 320)) -lt 40

# --- day 3: each of yesterday's three again, by the ids day 2 printed -------------------------
DAY3=('confspend again 4 15.80'
      'confspend again 5 4.75'
      'confspend again 6 17.40')
export CONFSPEND_TODAY=2026-11-11
for l in "${DAY3[@]}"; do type_line "$l" >>"$TMP/day3" || bad "day 3: $l failed"; done
expect_out "day 3: what was printed" \
  "7  2026-11-11  ride  15.80 USD  Friends' place -> Huntington Convention Center  [pycon-2019]
8  2026-11-11  meal  4.75 USD  Venue coffee  [pycon-2019]
9  2026-11-11  ride  17.40 USD  Huntington Convention Center -> Friends' place  [pycon-2019]" cat "$TMP/day3"
expect_out "day 3: copies with their provider and tip" "7|lyft|200|1
8|||1
9|lyft||1" sql "SELECT id, provider, tip, reimbursable FROM expense WHERE id >= 7 ORDER BY id"
# 24 + 23 + 24: the fewest this branch needs (the ids are on the screen from the day before)
check "day 3: 71 keystrokes" "$(keys "${DAY3[@]}")" -eq 71

# --- the coffee question -----------------------------------------------------------------------
# a fourth coffee paid in euros at the venue's other stand, and a rate to the base currency:
# 4.00 EUR at 1.10 = 4.40 USD. Total: 4.50 + 4.75 + 4.75 + 4.40 = 18.40 USD over 4.
cs rate set EUR 1.10 --date 2026-11-01 >/dev/null
cs add meal 4 --currency EUR --merchant "Coffee cart" --note "espresso" >/dev/null
cs add meal 12 --merchant "Taco stand" --note "no coffee here? yes: COFFEE in the note" --no-trip >/dev/null
expect_out "list --search coffee --trip pycon-2019" \
  "id  date        category    amount  cur  merchant/route  note      trip        reimb
 2  2026-11-09  meal          4.50  USD  Venue coffee              pycon-2019  yes
 5  2026-11-10  meal          4.75  USD  Venue coffee              pycon-2019  yes
 8  2026-11-11  meal          4.75  USD  Venue coffee              pycon-2019  yes
10  2026-11-11  meal          4.00  EUR  Coffee cart     espresso  pycon-2019  yes
------------------------------------------------------------------------------------
    total       4 expenses   18.40  USD                                        " \
  cs list --search coffee --trip pycon-2019
# without --trip the search also finds "COFFEE" in a note, in any case: + 12.00 = 30.40
expect_out "list --search coffee: merchant or note, any case" "    total       5 expenses   30.40  USD" \
  sh -c '"$CONFSPEND" list --search coffee | tail -1 | sed "s/ *$//"'
# --- the same days typed at a shell, with the completion loaded ------------------------------
# bash on a tmux terminal, `confspend completion bash` sourced: the keys are sent one group at
# a time (text as typed, Tab, Enter) and counted as sent; Tab completes the command, the
# category, the provider, the option and the place alias. What the shell ran is read back
# from the database. The command's own name is typed in full (on another system "conf" may
# not be unique).
command -v tmux >/dev/null || { bad "tmux is needed to type into a terminal (scripts/install-deps test)"; finish; exit; }
SOCK="cs-t0280-$$"
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'TM kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
mkdir "$TMP/bin" && ln -s "$CONFSPEND" "$TMP/bin/confspend"
cs completion bash >"$TMP/completion.bash"
export CONFSPEND_DB="$TMP/typed.db" CONFSPEND_TODAY=2026-11-09
cs place add home "Friends' place" >/dev/null
cs place add venue "Huntington Convention Center" >/dev/null
cs trip add pycon-2019 --name "PyCon 2019" --start 2026-11-08 --end 2026-11-15 --reimbursable >/dev/null
cs trip use pycon-2019 >/dev/null
printf '%s\n' "PS1='$ '" "PATH='$TMP/bin':\$PATH" ". '$TMP/completion.bash'" >"$TMP/bashrc"
TM new-session -d -s day -x 200 -y 50 \
  "env CONFSPEND_DB='$CONFSPEND_DB' CONFSPEND_TODAY=2026-11-09 bash --noprofile --rcfile '$TMP/bashrc' -i"
# prompt_back N: wait (up to 5 s) until the screen shows N prompts, the last with nothing
# typed after it (capture-pane drops the blank after "$")
prompt_back() {
  local i scr
  for ((i = 0; i < 100; i++)); do
    scr=$(TM capture-pane -p -t day | sed '/^$/d')
    [ "$(grep -c '^\$' <<<"$scr")" -ge "$1" ] && [ "$(tail -1 <<<"$scr")" = '$' ] && return 0
    sleep 0.05
  done
  bad "no prompt: $(tail -3 <<<"$scr")"
}
# type_keys GROUP...: send each group (Tab and Enter as the keys, anything else as text) and
# add its keystrokes to KEYS
KEYS=0
type_keys() {
  local g
  for g in "$@"; do
    case $g in
      Tab | Enter) TM send-keys -t day "$g"; KEYS=$((KEYS + 1)) ;;
      *) TM send-keys -t day -l -- "$g"; KEYS=$((KEYS + ${#g})) ;;
    esac
  done
}
N=1
prompt_back $N
# day 1: the issue's two rides and the coffee
type_keys "confspend " ad Tab r Tab "16.42 -p " l Tab --f Tab h Tab "--to " v Tab --ti Tab 2 Enter
prompt_back $((N += 1))
type_keys "confspend " ad Tab m Tab '4.50 -m "Venue coffee"' Enter
prompt_back $((N += 1))
type_keys "confspend " ad Tab r Tab "17.10 --bac" Tab Enter
prompt_back $((N += 1))
# 46 + 38 + 28: Tab saves 34 of the 146
check "typed, day 1: 112 keystrokes with Tab (146 typed in full)" "$KEYS" -eq 112
expect_out "typed, day 1: stored as the lines typed in full store them" \
  "1|2026-11-09|ride|1642|lyft|Friends' place|Huntington Convention Center|200|1
2|2026-11-09|meal|450|||||1
3|2026-11-09|ride|1710|lyft|Huntington Convention Center|Friends' place||1" \
  sql "SELECT id, date, category, amount, provider, origin, dest, tip, reimbursable FROM expense ORDER BY id"
# day 3's kind of day (each of yesterday's again, by the ids on the screen), with Tab
KEYS=0
TM send-keys -t day -l "export CONFSPEND_TODAY=2026-11-10"; TM send-keys -t day Enter
prompt_back $((N += 1))
type_keys "confspend " ag Tab "1 15.80" Enter
prompt_back $((N += 1))
type_keys "confspend " ag Tab "2" Enter
prompt_back $((N += 1))
type_keys "confspend " ag Tab "3 17.40" Enter
prompt_back $((N += 1))
# 21 + 15 + 21 (the coffee at yesterday's price)
check "typed, a day of again: 57 keystrokes with Tab (71 typed in full)" "$KEYS" -eq 57
expect_out "typed, a day of again: the copies" \
  "4|2026-11-10|ride|1580|lyft|Friends' place|Huntington Convention Center|200|1
5|2026-11-10|meal|450|||||1
6|2026-11-10|ride|1740|lyft|Huntington Convention Center|Friends' place||1" \
  sql "SELECT id, date, category, amount, provider, origin, dest, tip, reimbursable FROM expense WHERE id > 3 ORDER BY id"

# --- the same day in one interactive session, as hledger add takes one -------------------------
# `confspend add` asks for each field with the defaults of the most recent expense of the
# category; a ride's route is guessed from where the rides went (from where the last ride
# ended, on to where the newest ride from there went), "." takes every default left, and
# Ctrl-D at the next category ends the session. The answers are sent once each question is
# on the screen, and counted as sent.
# wait_for TEXT: wait (up to 5 s) until the last line on the screen is TEXT
wait_for() {
  local i
  for ((i = 0; i < 100; i++)); do
    [ "$(TM capture-pane -p -t day | sed '/^$/d' | tail -1)" = "$1" ] && return 0
    sleep 0.05
  done
  bad "not on the screen: '$1': $(TM capture-pane -p -t day | sed '/^$/d' | tail -3)"
}
# session_day TODAY COFFEE LAST: the day's session (rides 16.42 and 17.10, the coffee at
# COFFEE, or at the default when it is empty; LAST the last ride's amount, offered first);
# KEYS counts its keystrokes
session_day() {
  KEYS=0
  TM send-keys -t day -l "export CONFSPEND_TODAY=$1"; TM send-keys -t day Enter
  prompt_back $((N += 1))
  type_keys "confspend " ad Tab Enter
  wait_for "category [ride]:"; type_keys Enter                       # the ride there
  wait_for "amount [$3]:"; type_keys 16.42 Enter
  wait_for "date [$1]:"; type_keys . Enter                           # home -> venue, lyft, tip 2
  wait_for "category [ride]:"; type_keys m Enter                     # the coffee
  if [ -n "$2" ]; then
    wait_for "amount [4.50]:"; type_keys "$2" Enter
    wait_for "date [$1]:"; type_keys . Enter
  else
    wait_for "amount [4.50]:"; type_keys . Enter
  fi
  wait_for "category [meal]:"; type_keys r Enter                     # the ride back
  wait_for "amount [16.42]:"; type_keys 17.10 Enter
  wait_for "date [$1]:"; type_keys . Enter                           # venue -> home, no tip
  wait_for "category [ride]:"; TM send-keys -t day C-d; KEYS=$((KEYS + 1))
  prompt_back $((N += 1))
}
# the day before ended with the ride back (17.40), as a day of the story does
session_day 2026-11-11 "" 17.40
# 14 to start ("confspend " ad Tab Enter), 9 + 4 + 10 for the three, 1 to end
check "typed, a day in one session: 38 keystrokes" "$KEYS" -eq 38
expect_out "typed, a day in one session: stored as the lines typed in full store them" \
  "7|2026-11-11|ride|1642||lyft|Friends' place|Huntington Convention Center|200|1
8|2026-11-11|meal|450|Venue coffee|||||1
9|2026-11-11|ride|1710||lyft|Huntington Convention Center|Friends' place||1" \
  sql "SELECT id, date, category, amount, merchant, provider, origin, dest, tip, reimbursable FROM expense WHERE id > 6 ORDER BY id"
expect_out "typed, a day in one session: three changes, undone one by one" "3" \
  sql "SELECT count(*) FROM change WHERE kind = 'user' AND command = 'add'"
# the coffee at a new price: 5 keystrokes more
session_day 2026-11-12 4.75 17.10
check "typed, a day in one session, the coffee's price new: 43 keystrokes" "$KEYS" -eq 43
expect_out "typed, that day: stored" \
  "10|2026-11-12|ride|1642||lyft|Friends' place|Huntington Convention Center|200|1
11|2026-11-12|meal|475|Venue coffee|||||1
12|2026-11-12|ride|1710||lyft|Huntington Convention Center|Friends' place||1" \
  sql "SELECT id, date, category, amount, merchant, provider, origin, dest, tip, reimbursable FROM expense WHERE id > 9 ORDER BY id"
finish
