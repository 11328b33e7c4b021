#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shell completion: `confspend completion bash` loaded into bash completes commands,
# subcommands, options, categories, providers, trip slugs and places through the hidden
# `__complete`, as a person pressing TAB would see (COMPREPLY after the completion
# function runs on the words typed so far).
. "$(dirname "$0")/lib.sh"

expect_ok "setup trip" cs trip add pycon-2019 --name PyCon --start 2019-05-01 --end 2019-05-09
expect_ok "setup trip 2" cs trip add prague --name EuroPython --start 2026-07-13 --end 2026-07-19
expect_ok "setup ride" cs add ride 16.42 --provider lyft --from "Friends' place" --to "Huntington Convention Center" --trip pycon-2019
expect_ok "setup ride 2" cs add ride 17.10 --provider lyft --from "Huntington Convention Center" --to "Friends' place"
expect_ok "setup meal" cs add meal 4.75 --merchant "Venue Coffee"

cs completion bash >"$TMP/confspend.bash"
# tab LINE: what bash offers for the last word of LINE (empty when LINE ends in a blank)
tab() {
  bash --norc -c '
    confspend() { "$CONFSPEND" "$@"; }
    . "$1"; shift
    read -ra COMP_WORDS <<<"$1"
    case $1 in *" ") COMP_WORDS+=("") ;; esac
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _confspend
    printf "%s\n" "${COMPREPLY[@]}"' tab "$TMP/confspend.bash" "$1" | paste -sd' '
}

expect_out "the script registers itself" "complete -F _confspend confspend" \
  bash --norc -c ". '$TMP/confspend.bash'; complete -p confspend"
expect_out "commands" "rm redo report rule rate restore receipt" tab "confspend r"
expect_out "commands after --db" "config completion" tab "confspend --db $CONFSPEND_DB co"
expect_out "categories after add" "ride meal lodging donation ticket travel other" tab "confspend add "
expect_out "options by prefix" "--personal --payment --provider --platform-fee" tab "confspend add ride 5 --p"
expect_out "providers" "lyft uber taxi direct transit other" tab "confspend add ride 5 --provider "
expect_out "providers after -p" "uber" tab "confspend add ride 5 -p u"
expect_out "trip slugs" "prague pycon-2019" tab "confspend add meal 5 --trip p"
expect_out "trip slugs after -t" "pycon-2019" tab "confspend list -t py"
expect_out "trip slugs of trip show" "prague pycon-2019" tab "confspend trip show "
expect_out "places, the newest first" "Friends' place Huntington Convention Center" tab "confspend add ride 5 --from "
expect_out "places by prefix" "Huntington Convention Center" tab "confspend add ride 5 --to H"
expect_out "merchants" "Venue Coffee" tab "confspend add meal 5 --merchant V"
expect_out "subcommands" "set list rm" tab "confspend budget "
expect_out "budget categories" "ride meal lodging donation ticket travel other total" tab "confspend budget set "
expect_out "report kinds" "budget rides drivers direct quote plan trip claims" tab "confspend report "
expect_out "formats" "table csv json" tab "confspend report budget --format "
expect_out "subcommands written without the command's name" "add list rm" tab "confspend place "
expect_out "subcommands after a ;" "csv ofx profiles" tab "confspend import "
expect_ok "setup place" cs place add venue "Huntington Convention Center"
expect_out "place aliases" "venue" tab "confspend place rm "
# --from/--to: the aliases first, then the places of recent rides, then the named places
# no ride used yet
expect_ok "setup place 2" cs place add hotel "Hotel Indigo"
expect_out "--from: aliases, then places" \
  "hotel venue Friends' place Huntington Convention Center Hotel Indigo" tab "confspend add ride 5 --from "
expect_out "--to by an alias's prefix" "venue" tab "confspend add ride 5 --to v"
expect_out "a named place no ride used" "Hotel Indigo" tab "confspend add ride 5 --to Ho"
expect_out "dates" "today" tab "confspend add meal 5 --date to"
expect_out "a file name: nothing of ours" "" tab "confspend export csv "
# the database is read, never written or created
rm -f "$TMP/none.db"
expect_out "a missing database: no slugs" "" tab "confspend --db $TMP/none.db add meal 5 --trip "
expect_out "and it is not created" "absent" sh -c "[ -e '$TMP/none.db' ] && echo present || echo absent"
# a stored name with a line end would be two candidates: it is not offered
sqlite3 "$CONFSPEND_DB" "UPDATE expense SET merchant = 'Venue' || char(10) || 'Bar' WHERE category = 'meal'"
expect_out "no line ends in candidates" "" tab "confspend add meal 5 --merchant V"

expect_out "zsh script" "#compdef confspend" sh -c '"$CONFSPEND" completion zsh | head -1'
expect_out "fish script" "complete -c confspend -f -a '(__confspend_complete)'" sh -c '"$CONFSPEND" completion fish | tail -1'
expect_fail "an unknown shell" 2 "shell: unknown shell (bash, zsh, fish) (tcsh)" cs completion tcsh

finish
