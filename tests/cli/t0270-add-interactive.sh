#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# add with no arguments on a terminal (SPEC "Quick entry and queries"): it asks for each
# field in turn, offering the most recent expense of the category as defaults, with GNU
# readline's line editing and Tab completion of categories, places and merchants; Ctrl-D
# half way writes nothing (exit 2, one line). As hledger add, it is a session: after an
# expense it asks for the next, "." takes the rest of the defaults, "<" goes back, Ctrl-D
# (or ".") at the category ends it; each expense is a change of its own. Without a
# terminal it is the usual usage error. The sessions run under tmux: keys are typed with send-keys once each question
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

HINT="Enter takes the [default], - leaves it empty, . takes the rest, < goes back, Ctrl-D ends."
# --- on a new database: no defaults; Ctrl-D writes nothing (not even the file) ---------------
session new
answer "category: " me Tab Enter
answer "amount: " C-d
check "Ctrl-D at the amount: exit 2" "$(ended new)" = 2
check "the session's first line says how to answer" "$(screen | head -1)" = "$HINT"
expect_out "one line saying so" "confspend: add: ended at the amount; nothing was added" errline
check "no database was made" "$(db_state)" = absent
# Ctrl-D (or ".") at the first category: nothing was added, exit 2
session none
answer "category: " .  Enter
check "'.' at the first category: exit 2" "$(ended none)" = 2
expect_out "nothing was added" "confspend: add: ended at the category; nothing was added" errline

# --- defaults from the most recent expense of the category, completion of places ------------
cs place add venue "Huntington Convention Center" >/dev/null
cs add ride 16.42 --provider lyft --from "Friends' place" --to venue --tip 2 --reimbursable >/dev/null
cs add meal 4.50 --merchant "Venue coffee" >/dev/null
session ride
answer "category [meal]: " ri Tab Enter                              # Tab: "ride"
answer "amount [16.42]: " Enter                                      # the last ride's amount
answer "date [2026-11-10]: " Enter                                   # today
answer "from [Friends' place]: " Hunt Tab Enter                      # Tab: the place in full
answer "to [Friends' place]: " Enter                                 # from where it ended: back
answer "provider [lyft]: " Enter
answer "tip [2.00]: " - Enter                                        # "-": no tip
answer "note: " "after the keynote" Enter
answer "reimbursable (yes/no) [yes]: " Enter
answer "category [ride]: " C-d                                       # the next: none
check "the ride session: exit 0" "$(ended ride)" = 0
expect_out "the screen: each question with its default, the summary, the next question" \
  "$HINT
category [meal]: ride
amount [16.42]:
date [2026-11-10]:
from [Friends' place]: Huntington Convention Center
to [Friends' place]:
provider [lyft]:
tip [2.00]: -
note: after the keynote
reimbursable (yes/no) [yes]:
3  2026-11-10  ride  16.42 USD  Huntington Convention Center -> Friends' place
category [ride]:" \
  screen
expect_out "stored as typed (defaults taken, no tip)" \
  "ride|1642|USD|lyft|Huntington Convention Center|Friends' place|NULL|after the keynote|1" \
  sql "SELECT category, amount, currency, provider, origin, dest, quote(tip), note, reimbursable FROM expense WHERE id = 3"
expect_out "one change" "add 3  2026-11-10  ride  16.42 USD  Huntington Convention Center -> Friends' place" \
  sql "SELECT summary FROM change WHERE kind = 'user' ORDER BY id DESC LIMIT 1"

# --- the next leg: the last ride ended where a ride has started before, so the route offered
# is that ride's, with its tip; "." takes every default left --------------------------------
session leg
answer "category [ride]: " Enter
answer "amount [16.42]: " 15.90 Enter
answer "date [2026-11-10]: " .  Enter
answer "category [ride]: " r Enter                                   # a unique prefix
answer "amount [15.90]: " 17 Enter
answer "date [2026-11-10]: " Enter
answer "from [Huntington Convention Center]: " Enter                 # where ride 4 ended
answer "to [Friends' place]: " .  Enter
answer "category [ride]: " .  Enter                                  # "." ends the session too
check "the leg session: exit 0" "$(ended leg)" = 0
expect_out "ride 4 the next leg of ride 3 (as ride 1, its tip), ride 5 back as ride 3 went" \
  "4|1590|lyft|Friends' place|Huntington Convention Center|200|NULL|1
5|1700|lyft|Huntington Convention Center|Friends' place|NULL|NULL|1" \
  sql "SELECT id, amount, provider, origin, dest, quote(tip), quote(note), reimbursable FROM expense WHERE id >= 4"
expect_out "two changes, one an expense" "add 5  2026-11-10  ride  17.00 USD  Huntington Convention Center -> Friends' place
add 4  2026-11-10  ride  15.90 USD  Friends' place -> Huntington Convention Center" \
  sql "SELECT summary FROM change WHERE kind = 'user' ORDER BY id DESC LIMIT 2"
expect_out "undo takes back the last one only" "undid change 6: add 5  2026-11-10  ride  17.00 USD  Huntington Convention Center -> Friends' place" cs undo
check "ride 4 stays" "$(sql 'SELECT count(*) FROM expense WHERE id = 4')" = 1
cs redo >/dev/null

# --- "<" goes back; a meal: the merchant completed, an answer changed with line editing --------
session meal
answer "category [ride]: " meal Enter
answer "amount [4.50]: " 9 Enter
answer "date [2026-11-10]: " "<" Enter                              # back to the amount
answer "amount [4.50]: " 5.2 BSpace 75 Enter                         # 5.2, rub out the 2, 75
answer "date [2026-11-10]: " 2026-11-09 Enter
answer "merchant [Venue coffee]: " Ven Tab Enter
answer "note: " Enter
answer "reimbursable (yes/no) [no]: " y Enter
answer "category [meal]: " C-d
check "the meal session: exit 0" "$(ended meal)" = 0
expect_out "stored" "meal|575|2026-11-09|Venue coffee|NULL|1" \
  sql "SELECT category, amount, date, merchant, quote(note), reimbursable FROM expense WHERE id = 6"

# --- Ctrl-D half way, and a bad answer: nothing of that expense written -----------------------
BEFORE=$(db_state)
session half
answer "category [meal]: " ride Enter
answer "amount [17.00]: " 20 Enter
answer "date [2026-11-10]: " Enter
answer "from [Friends' place]: " C-d
check "Ctrl-D at the from: exit 2" "$(ended half)" = 2
expect_out "its one line" "confspend: add: ended at the from; nothing was added" errline
check "Ctrl-D: the database is unchanged" "$(db_state)" = "$BEFORE"
session badamount
answer "category [meal]: " meal Enter
answer "amount [5.75]: " 5.555 Enter
answer "date [2026-11-10]: " .  Enter
answer "category [meal]: " C-d                                       # asked again: given up
check "a bad amount: exit 2" "$(ended badamount)" = 2
expect_out "the amount's error, then the session's" \
  "confspend: amount: at most 2 decimals in this currency (5.555); not added, asked again
confspend: add: 0 expenses added, 1 not (said above)" errline
check "a bad amount: the database is unchanged" "$(db_state)" = "$BEFORE"
# asked again, the answers typed are the defaults: only the amount is typed again
session retry
answer "category [meal]: " meal Enter
answer "amount [5.75]: " 6.125 Enter
answer "date [2026-11-10]: " 2026-11-08 Enter
answer "merchant [Venue coffee]: " "Bean bar" Enter
answer "note: " "flat white" Enter
answer "reimbursable (yes/no) [yes]: " n Enter
answer "category [meal]: " Enter
answer "amount [6.125]: " 6.25 Enter
answer "date [2026-11-08]: " .  Enter
answer "category [meal]: " C-d
check "asked again, then added: exit 0" "$(ended retry)" = 0
expect_out "stored with the answers of the first time" "meal|625|2026-11-08|Bean bar|flat white|0" \
  sql "SELECT category, amount, date, merchant, note, reimbursable FROM expense ORDER BY id DESC LIMIT 1"
cs undo >/dev/null
BEFORE=$(db_state)
# an expense added, then Ctrl-D half way through the next: the first stays
session later
answer "category [meal]: " m Enter
answer "amount [5.75]: " .  Enter
answer "category [meal]: " r Enter
answer "amount [17.00]: " C-d
check "Ctrl-D in the second expense: exit 2" "$(ended later)" = 2
expect_out "its line" "confspend: add: ended at the amount; this expense was not added" errline
expect_out "the first was added" "meal|575|Venue coffee|1" \
  sql "SELECT category, amount, merchant, reimbursable FROM expense WHERE id > 6"
cs rm "$(sql 'SELECT max(id) FROM expense')" >/dev/null
BEFORE=$(db_state)

# --- a date word, and wrong answers asked again at once (nothing typed is lost) ----------------
session words
answer "category [meal]: " mael Enter                                # a typo
answer "category [meal]: " t Enter                                   # ticket or travel
answer "category [meal]: " meal Enter                                # asked again
answer "amount [5.75]: " "4,50" Enter
answer "amount [5.75]: " 4.50 Enter
answer "date [2026-11-10]: " yday Enter
answer "date [2026-11-10]: " yesterday Enter                         # 2026-11-09
answer "merchant [Venue coffee]: " Enter
answer "note: " Enter
answer "reimbursable (yes/no) [yes]: " maybe Enter
answer "reimbursable (yes/no) [yes]: " n Enter
answer "category [meal]: " C-d
check "the words session: exit 0" "$(ended words)" = 0
expect_out "each wrong answer said in one line, then the question again" \
  "$HINT
category [meal]: mael
confspend: category: unknown category (ride, meal, lodging, donation, ticket, travel, other) (mael)
category [meal]: t
confspend: category: ambiguous: ticket or travel (t)
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
9  2026-11-09  meal  4.50 USD  Venue coffee
category [meal]:" screen
expect_out "stored: yesterday's date, personal" "meal|450|2026-11-09|0" \
  sql "SELECT category, amount, date, reimbursable FROM expense WHERE id = 9"

# --- an ambiguous place prefix is asked again, with the candidates ------------------------------
cs place add hotel "Hilton Downtown" >/dev/null
cs add ride 12 --from hotel --to venue -p uber >/dev/null
session place
answer "category [ride]: " Enter
answer "amount [12.00]: " Enter
answer "date [2026-11-10]: " Enter
answer "from [Huntington Convention Center]: " h Enter               # Hilton or Huntington
answer "from [Huntington Convention Center]: " hil Enter
answer "to [Huntington Convention Center]: " .  Enter                # rides from the hotel went there
answer "category [ride]: " C-d
check "the place session: exit 0" "$(ended place)" = 0
# (the terminal is 100 columns: the line goes on below)
expect_out "the ambiguous prefix said" \
  'confspend: from: ambiguous place, 2 begin so: "Huntington Convention Center" or "Hilton Downtown" (h' errline
expect_out "stored: the hotel's ride again" "ride|1200|uber|Hilton Downtown|Huntington Convention Center" \
  sql "SELECT category, amount, provider, origin, dest FROM expense ORDER BY id DESC LIMIT 1"
finish
