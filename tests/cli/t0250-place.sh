#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# place add|list|rm (SPEC "Quick entry and queries"), and how --from/--to of add, edit and
# again resolve what is typed: an alias, a known place (case, blanks and curly quotes
# aside), a unique prefix; an ambiguous prefix, a mistyped alias; the "did you mean" hint.
. "$(dirname "$0")/lib.sh"

f() { expect_fail_silent "$@"; }

# --- place add, list, rm; each one undoable change ---------------------------------------
f "place add before any database: bad alias" 2 "alias: use 1-64 of a-z 0-9 - _ . (Home)" cs place add Home "Friends' place"
check "a refused place add made no database" "$(db_state)" = absent
expect_out "place add" "home  Friends' place" cs place add home "Friends' place"
expect_out "place add venue" "venue  Huntington Convention Center" cs place add venue "Huntington Convention Center"
expect_out "place add hotel" "hotel  Hilton Bayfront" cs place add hotel "Hilton Bayfront"
expect_out "place list, by alias" "alias  name
home   Friends' place
hotel  Hilton Bayfront
venue  Huntington Convention Center" cs place list
expect_csv "place list --format csv" "alias,name
home,Friends' place
hotel,Hilton Bayfront
venue,Huntington Convention Center" cs place list --format csv
expect_out "stored" "1|home|Friends' place
2|venue|Huntington Convention Center
3|hotel|Hilton Bayfront" sql "SELECT id, alias, name FROM place ORDER BY id"
expect_out "each is one change with its summary" "place add home
place add venue
place add hotel" sql "SELECT summary FROM change WHERE kind = 'user' ORDER BY id"
f "an alias that exists, in any case" 2 "alias: exists (confspend place rm home first to change it) (home)" cs place add home Elsewhere
f "an alias with a blank" 2 "alias: use 1-64 of a-z 0-9 - _ . (my home)" cs place add "my home" X
f "an empty name" 2 "name: must not be empty" cs place add x "  "
f "a name that is not UTF-8" 2 "name: not valid UTF-8 text" cs place add x $'A\xffB'
f "no name" 2 "name: missing (place add ALIAS NAME)" cs place add x
f "no subcommand" 2 "place: missing subcommand (add, list, rm)" cs place
f "unknown subcommand" 2 "place: unknown subcommand (add, list, rm) (show)" cs place show home
f "rm of no alias" 2 "alias: no such place alias (nowhere)" cs place rm nowhere
f "--format is for list" 2 "--format: only for place list (csv)" cs place add x Y --format csv
expect_out "place rm" "removed place hotel  Hilton Bayfront" cs place rm hotel
expect_out "gone" "home
venue" sql "SELECT alias FROM place ORDER BY alias"
expect_out "undo brings it back" "undid change 4: place rm hotel" cs undo
expect_out "back" "home
hotel
venue" sql "SELECT alias FROM place ORDER BY alias"
expect_ok "redo" cs redo
expect_out "gone again" "0" sql "SELECT count(*) FROM place WHERE alias = 'hotel'"

# --- resolution ---------------------------------------------------------------------------
# an alias (in any case) stores its name
expect_out "aliases stored in full" "1  2026-11-10  ride  16.42 USD  Friends' place -> Huntington Convention Center" \
  cs add ride 16.42 --provider lyft --from home --to VENUE --tip 2
# a known place typed with a phone's curly apostrophe, other case and blanks is that place
expect_out "the same place however it is typed" "2  2026-11-10  ride  17.10 USD  Huntington Convention Center -> Friends' place" \
  cs add ride 17.10 --provider lyft --from "huntington  convention center" --to "FRIENDS’ PLACE "
# a unique prefix of a place used (case aside) is that place
expect_ok "a ride to the airport" cs add ride 40 --provider uber --from Venue --to "San Diego Airport"
expect_out "a unique prefix" "4  2026-11-10  ride  41.00 USD  San Diego Airport -> Friends' place" \
  cs add ride 41 --provider uber --from "san d" --to Fri
expect_ok "a ride to the San Diego Zoo" cs add ride 30 --provider uber --from home --to "San Diego Zoo"
f "an ambiguous prefix lists the candidates" 2 '--from: ambiguous place, 2 begin so: "San Diego Zoo" or "San Diego Airport" (san diego)' \
  cs add ride 12 --from "san diego" --to home
f "a mistyped alias" 2 '--to: unknown place alias, did you mean "venue"? (venu)' cs add ride 12 --from home --to venu
# a new place: stored as typed, with a hint on stderr when a known place is within two
# edits ("Hilton Bayfrnt" -> "Hilton Bayfront" is one insertion)
expect_ok "the hotel used once" cs add ride 9 --from "Hilton Bayfront" --to home
cs add ride 11 --from "Hilton Bayfrnt" --to venue >"$TMP/out" 2>"$TMP/hint"
check "a new place near a known one: exit 0" $? -eq 0
expect_out "the hint" 'confspend: new place "Hilton Bayfrnt" (did you mean "Hilton Bayfront"?)' cat "$TMP/hint"
expect_out "stored as typed" "Hilton Bayfrnt" sql "SELECT origin FROM expense WHERE id = 7"
cs add ride 8 --from "Gaslamp Quarter" --to home >"$TMP/out" 2>"$TMP/err"
check "a new place near nothing: no hint" "$(cat "$TMP/err")" = ""
# edit resolves too; --from "" still clears
expect_out "edit --to with an alias" "8  2026-11-10  ride  8.00 USD  Gaslamp Quarter -> Huntington Convention Center" cs edit 8 --to venue
expect_out "edit --from ''" "8  2026-11-10  ride  8.00 USD  ? -> Huntington Convention Center" cs edit 8 --from ""
# the aliases shown by place list are the only ones: a plain new word far from them is a new place
expect_out "a plain new word is a new place" "9  2026-11-10  ride  5.00 USD  beach -> Friends' place" cs add ride 5 --from beach --to home

# --- the ride model: one route however its places are typed ---------------------------------
# rides 1 and 2 (home <-> venue, typed differently) are one route in report rides
sql "UPDATE expense SET origin = 'Friends’ place', dest = ' huntington convention  CENTER' WHERE id = 1"
# one route of 2 rides, labelled as the first ride has it: paid 14.42 + 17.10 = 31.52 (the
# fares: ride 1's 2.00 tip aside)
expect_out "report rides: one route for the typed variants" \
  "Friends’ place <-> huntington convention  CENTER,2,2,31.52,15.76,15.76,23.65,7.87,7.89,7.87" \
  sh -c '"$CONFSPEND" report rides --format csv | grep -i "Friends. place <-> huntington" | tr -d "\r"'
finish
