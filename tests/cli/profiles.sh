# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Shared by t1410 and t1420 (the import profiles end to end): sourced after lib.sh.
DATA=$(cd "$(dirname "$0")/../data/profiles" && pwd)

# The stored cells; tip and trip_id are NULL (empty) unless set, reimbursable 0 or 1.
COLS="SELECT id, date, amount, currency, merchant, note, category, provider, origin, dest,
  tip, trip_id, reimbursable, source FROM expense ORDER BY id"
KEYS="SELECT id, import_key FROM expense ORDER BY id"

# fresh NAME: a database of its own for this profile
fresh() { export CONFSPEND_DB="$TMP/$1.db"; }

# check_profile NAME FILE "FATES" "IMPORTED" "ROWS" "AGAIN" [IMPORT ARGS...]
# FATES: the dry run's csv after its header line. IMPORTED: the import's stdout line.
# ROWS: $COLS afterwards. AGAIN: the re-import's stdout line. CHANGE (default 1) is the
# number of the import's change, for the undo line; WANT_KEYS, when set, the import keys
# ($KEYS) of a profile whose rows carry their own id; WANT_LIST, when set, the rows of
# `list --format csv` (oldest first) after its header.
check_profile() {
  local name=$1 file=$DATA/$2 fates=$3 imported=$4 rows=$5 again=$6 before n
  shift 6
  fates="line,result,date,category,amount,currency,merchant,expense
$fates"
  before=$(db_state)
  expect_csv "$name: dry run, --profile auto" "$fates" \
    cs import csv "$file" --dry-run --profile auto "$@"
  expect_csv "$name: dry run, the layout found without --profile" "$fates" \
    cs import csv "$file" --dry-run "$@"
  expect_csv "$name: dry run, --profile $name" "$fates" \
    cs import csv "$file" --dry-run --profile "$name" "$@"
  check "$name: the dry runs wrote nothing" "$before" = "$(db_state)"
  expect_out "$name: the import" "$imported" cs import csv "$file" "$@"
  expect_out "$name: the expenses, cell by cell" "$rows" sql "$COLS"
  if [ -n "${WANT_KEYS:-}" ]; then
    expect_out "$name: each expense's key is the file's own id" "$WANT_KEYS" sql "$KEYS"
  fi
  if [ -n "${WANT_LIST:-}" ]; then
    expect_csv "$name: list --format csv, as a person sees them" \
      "id,date,category,amount,currency,merchant,note,trip,reimbursable,provider,from,to,driver,tip
$WANT_LIST" cs list --format csv
  fi
  expect_out "$name: again: nothing added, every row present" "$again" cs import csv "$file" "$@"
  expect_out "$name: again: still the same expenses" "$rows" sql "$COLS"
  n=${imported#imported }; n=${n%%,*}
  expect_out "$name: undo takes the import back" \
    "undid change ${CHANGE:-1}: import $n expenses from $file" cs undo
  expect_out "$name: after undo, no expense is left" "0" sql "SELECT count(*) FROM expense"
}
