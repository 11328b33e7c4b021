#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# add with no arguments on a terminal (SPEC "Quick entry and queries"): it asks for each
# field in turn, offering the most recent expense of the category as defaults, with GNU
# readline's line editing and Tab completion of categories, places and merchants; Ctrl-D
# half way writes nothing (exit 2, one line). Without a terminal it is the usual usage
# error. The sessions run under tmux: keys are typed with send-keys once each question
# is on the screen, and the screen is read back with capture-pane.
. "$(dirname "$0")/lib.sh"

f() { expect_fail_silent "$@"; }
command -v tmux >/dev/null || { bad "tmux is needed to type into a terminal (scripts/install-deps test)"; finish; exit; }
SOCK="cs-t0270-$$"
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'TM kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# session NAME: start `confspend add` on a fresh 100x30 terminal (a tmux session NAME, the
# current one from now on); its exit status goes to $TMP/NAME.rc when it ends
session() {
  CUR=$1
  rm -f "$TMP/$1.rc"
  TM new-session -d -s "$1" -x 100 -y 30 "\"$CONFSPEND\" add; echo \$? >\"$TMP/$1.rc\"; sleep 60"
}
# screen: what the current session's terminal shows, blank lines left out
screen() { TM capture-pane -p -t "$CUR" | sed '/^$/d'; }
# errline: the message confspend printed on the terminal
errline() { screen | grep '^confspend:'; }
# answer "PROMPT" KEYS...: wait (up to 5 s) until the last line on the screen is PROMPT
# (capture-pane drops its trailing blank), then type KEYS (tmux key names: Enter, Tab,
# BSpace, C-d; other words are typed as they are)
answer() {
  local prompt=${1% } i
  shift
  for ((i = 0; i < 100; i++)); do
    [ "$(screen | tail -1)" = "$prompt" ] && break
    sleep 0.05
  done
  [ "$(screen | tail -1)" = "$prompt" ] || { bad "no prompt '$prompt': $(screen | tail -3)"; return; }
  TM send-keys -t "$CUR" "$@"
}
# ended NAME: wait (up to 5 s) for the session to end; its exit status
ended() {
  local i
  for ((i = 0; i < 100; i++)); do [ -s "$TMP/$1.rc" ] && break; sleep 0.05; done
  cat "$TMP/$1.rc" 2>/dev/null || echo "still running"
}

# --- without a terminal: the usual usage error ------------------------------------------------
f "add with no arguments, no terminal" 2 "category: missing (usage: confspend add CATEGORY AMOUNT [options])" \
  sh -c '"$CONFSPEND" add </dev/null'

# --- on a new database: no defaults; Ctrl-D writes nothing (not even the file) ---------------
session new
answer "category: " me Tab Enter
answer "amount: " C-d
check "Ctrl-D at the amount: exit 2" "$(ended new)" = 2
expect_out "one line saying so" "confspend: add: ended at the amount; nothing was added" errline
check "no database was made" "$(db_state)" = absent

# --- defaults from the most recent expense of the category, completion of places ------------
cs place add venue "Huntington Convention Center" >/dev/null
cs add ride 16.42 --provider lyft --from "Friends' place" --to venue --tip 2 --reimbursable >/dev/null
cs add meal 4.50 --merchant "Venue coffee" >/dev/null
BEFORE=$(db_state)
session ride
answer "category [meal]: " ri Tab Enter                              # Tab: "ride"
answer "amount [16.42]: " Enter                                      # the last ride's amount
answer "date [2026-11-10]: " Enter                                   # today
answer "provider [lyft]: " Enter
answer "from [Friends' place]: " Hunt Tab Enter                      # Tab: the place in full
answer "to [Huntington Convention Center]: " fr Tab Enter           # Tab: "Friends' place"
answer "tip [2.00]: " - Enter                                        # "-": no tip
answer "note: " "after the keynote" Enter
answer "reimbursable (yes/no) [yes]: " Enter
check "the ride session: exit 0" "$(ended ride)" = 0
expect_out "the screen: each question with its default, then the summary" \
  "category [meal]: ride
amount [16.42]:
date [2026-11-10]:
provider [lyft]:
from [Friends' place]: Huntington Convention Center
to [Huntington Convention Center]: Friends' place
tip [2.00]: -
note: after the keynote
reimbursable (yes/no) [yes]:
3  2026-11-10  ride  16.42 USD  Huntington Convention Center -> Friends' place" \
  screen
expect_out "stored as typed (defaults taken, no tip)" \
  "ride|1642|USD|lyft|Huntington Convention Center|Friends' place|NULL|after the keynote|1" \
  sql "SELECT category, amount, currency, provider, origin, dest, quote(tip), note, reimbursable FROM expense WHERE id = 3"
expect_out "one change" "add 3  2026-11-10  ride  16.42 USD  Huntington Convention Center -> Friends' place" \
  sql "SELECT summary FROM change WHERE kind = 'user' ORDER BY id DESC LIMIT 1"

# --- a meal: the merchant completed, an answer changed with line editing ----------------------
session meal
answer "category [ride]: " meal Enter
answer "amount [4.50]: " 5.2 BSpace 75 Enter                         # 5.2, rub out the 2, 75
answer "date [2026-11-10]: " 2026-11-09 Enter
answer "merchant [Venue coffee]: " Ven Tab Enter
answer "note: " Enter
answer "reimbursable (yes/no) [no]: " y Enter
check "the meal session: exit 0" "$(ended meal)" = 0
expect_out "stored" "meal|575|2026-11-09|Venue coffee|NULL|1" \
  sql "SELECT category, amount, date, merchant, quote(note), reimbursable FROM expense WHERE id = 4"

# --- Ctrl-D half way, and a bad answer: nothing written ---------------------------------------
BEFORE=$(db_state)
session half
answer "category [meal]: " ride Enter
answer "amount [16.42]: " 20 Enter
answer "date [2026-11-10]: " Enter
answer "provider [lyft]: " C-d
check "Ctrl-D at the provider: exit 2" "$(ended half)" = 2
expect_out "its one line" "confspend: add: ended at the provider; nothing was added" errline
check "Ctrl-D: the database is unchanged" "$(db_state)" = "$BEFORE"
session badamount
answer "category [meal]: " meal Enter
answer "amount [5.75]: " 5.555 Enter
answer "date [2026-11-10]: " Enter
answer "merchant [Venue coffee]: " Enter
answer "note: " Enter
answer "reimbursable (yes/no) [yes]: " Enter
check "a bad amount: exit 2" "$(ended badamount)" = 2
expect_out "the amount's error" "confspend: amount: at most 2 decimals in this currency (5.555)" errline
check "a bad amount: the database is unchanged" "$(db_state)" = "$BEFORE"

# --- a date word, and wrong answers asked again at once (nothing typed is lost) ----------------
session words
answer "category [meal]: " mael Enter                                # a typo
answer "category [meal]: " meal Enter                                # asked again
answer "amount [5.75]: " "4,50" Enter
answer "amount [5.75]: " 4.50 Enter
answer "date [2026-11-10]: " yday Enter
answer "date [2026-11-10]: " yesterday Enter                         # 2026-11-09
answer "merchant [Venue coffee]: " Enter
answer "note: " Enter
answer "reimbursable (yes/no) [yes]: " maybe Enter
answer "reimbursable (yes/no) [yes]: " n Enter
check "the words session: exit 0" "$(ended words)" = 0
expect_out "each wrong answer said in one line, then the question again" \
  "category [meal]: mael
confspend: category: unknown category (ride, meal, lodging, donation, ticket, travel, other) (mael)
category [meal]: meal
amount [5.75]: 4,50
confspend: amount: use '.' as the decimal separator (4,50)
amount [5.75]: 4.50
date [2026-11-10]: yday
confspend: date: not a date (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday) (yday)
date [2026-11-10]: yesterday
merchant [Venue coffee]:
note:
reimbursable (yes/no) [yes]: maybe
confspend: reimbursable: answer yes or no (maybe)
reimbursable (yes/no) [yes]: n
5  2026-11-09  meal  4.50 USD  Venue coffee" screen
expect_out "stored: yesterday's date, personal" "meal|450|2026-11-09|0" \
  sql "SELECT category, amount, date, reimbursable FROM expense WHERE id = 5"
finish
