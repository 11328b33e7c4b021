#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# export csv|xlsx FILE and the file system around FILE (SPEC "Changes, history and safety":
# exports never widen permissions; a symlink is written through only when it and its file
# belong to the user, else exit 1 naming the link): the modes a file gets, symlinks planted
# by another user in a sticky folder, the user's own links and dangling ones, the names of
# the temporary files, and a target folder replaced by a symlink in the middle of an export.
. "$(dirname "$0")/lib.sh"
umask 022
ROOT=0
[ "$(id -u)" = 0 ] && ROOT=1
skip() { echo "# skipped: $*"; }

cs add meal 12 --date 2026-11-03 --merchant Cafe >/dev/null
cs add ride 23.50 --date 2026-11-04 --provider uber --from A --to B >/dev/null
check "the database is 0600" "$(stat -c %a "$CONFSPEND_DB")" = 600
CSV=$(cs export csv -)

# leftovers DIR...: the temporary files (*.tmp*) left in the folders, one line
leftovers() { find "$@" -maxdepth 1 -name '*.tmp*' -printf '%f ' 2>/dev/null; }

# --- modes: never wider than the database, never more than 0644, an existing file's kept -------
mkdir "$TMP/m"
for fmt in csv xlsx; do
  expect_ok "$fmt: a new file" cs export $fmt "$TMP/m/new.$fmt"
  check "$fmt: a new file is 0600 when the database is 0600 (umask 022)" \
    "$(stat -c %a "$TMP/m/new.$fmt")" = 600
  echo old >"$TMP/m/private.$fmt" && chmod 0600 "$TMP/m/private.$fmt"
  expect_ok "$fmt: over a 0600 file" cs export $fmt "$TMP/m/private.$fmt"
  check "$fmt: an existing 0600 file stays 0600" "$(stat -c %a "$TMP/m/private.$fmt")" = 600
  check "$fmt: and holds the export" "$(head -c 2 "$TMP/m/private.$fmt")" != old
done
chmod 0644 "$CONFSPEND_DB"
for fmt in csv xlsx; do
  expect_ok "$fmt: a new file from a 0644 database" cs export $fmt "$TMP/m/open.$fmt"
  check "$fmt: a 0644 database and umask 022 give 0644" "$(stat -c %a "$TMP/m/open.$fmt")" = 644
  echo old >"$TMP/m/group.$fmt" && chmod 0640 "$TMP/m/group.$fmt"
  expect_ok "$fmt: over a 0640 file" cs export $fmt "$TMP/m/group.$fmt"
  check "$fmt: an existing 0640 file keeps its narrower mode" \
    "$(stat -c %a "$TMP/m/group.$fmt")" = 640
done
chmod 0666 "$CONFSPEND_DB"
for fmt in csv xlsx; do
  expect_ok "$fmt: umask 000, a 0666 database" sh -c 'umask 000; "$CONFSPEND" export "$1" "$2"' _ \
    $fmt "$TMP/m/wide.$fmt"
  check "$fmt: never more than 0644" "$(stat -c %a "$TMP/m/wide.$fmt")" = 644
done
chmod 0600 "$CONFSPEND_DB"
expect_out "no temporary file is left beside the exports" "" leftovers "$TMP/m"

# --- another user's symlinks in a sticky folder (root: chown makes "another user") ---------------
# Run from $TMP so the messages name short relative paths.
cd "$TMP" || exit 1
if [ $ROOT = 1 ] && id -u nobody >/dev/null 2>&1; then
  mkdir shared home && chmod 1777 shared
  echo precious >home/precious && chmod 0600 home/precious
  echo theirs >shared/theirs && chown nobody shared/theirs
  # state FILE: its checksum, inode, mode and owner
  state() { echo $(cksum <"$1") $(stat -c '%i %a %U' "$1"); }
  precious=$(state home/precious) theirs=$(state shared/theirs)
  for fmt in csv xlsx; do
    # the attack: nobody plants shared/report.FMT -> the victim's (our) file
    ln -s "$TMP/home/precious" shared/report.$fmt && chown -h nobody shared/report.$fmt
    expect_fail "$fmt: a symlink another user planted in a sticky folder is refused, naming it" 1 \
      "export: a symlink owned by another user; not followed (shared/report.$fmt)" \
      cs export $fmt shared/report.$fmt
    expect_out "$fmt: the file it points at is unchanged" "$precious" state home/precious
    check "$fmt: the link is still theirs" "$(stat -c %U shared/report.$fmt)" = nobody
    check "$fmt: and still a link" -L shared/report.$fmt
    # a link of ours to someone else's file
    ln -s theirs shared/mine.$fmt
    expect_fail "$fmt: a link of ours to another user's file is refused, naming it" 1 \
      "export: a symlink to a file owned by another user; not followed (shared/mine.$fmt)" \
      cs export $fmt shared/mine.$fmt
    expect_out "$fmt: their file is unchanged" "$theirs" state shared/theirs
    # another user's link to nothing: following it would create a file of their choosing
    ln -s "$TMP/home/planted.$fmt" shared/dangling.$fmt && chown -h nobody shared/dangling.$fmt
    expect_fail "$fmt: another user's dangling link is refused, naming it" 1 \
      "export: a symlink owned by another user; not followed (shared/dangling.$fmt)" \
      cs export $fmt shared/dangling.$fmt
    check "$fmt: nothing was made where it points" ! -e home/planted.$fmt
    check "$fmt: the dangling link stays" -L shared/dangling.$fmt
  done
  # a chain: our link -> their link -> our file; the link that is refused is named
  ln -s ../shared/report.csv home/via.csv
  expect_fail "a chain through another user's link is refused, naming that link" 1 \
    "export: a symlink owned by another user; not followed (home/../shared/report.csv)" \
    cs export csv home/via.csv
  expect_out "the file at the end of the chain is unchanged" "$precious" state home/precious
  expect_out "nothing was written in the shared folder" \
    "dangling.csv dangling.xlsx mine.csv mine.xlsx report.csv report.xlsx theirs" \
    sh -c 'echo $(ls -A shared)'
  expect_out "nor beside the file they point at" "precious via.csv" sh -c 'echo $(ls -A home)'
else
  skip "another user's symlinks: chown needs root"
fi

# --- our own symlinks -----------------------------------------------------------------------------
mkdir -p own/real
echo old >own/real/kept.csv && chmod 0600 own/real/kept.csv
ln -s real/kept.csv own/link.csv
expect_out "a link of ours to our file is written through" "exported 2 expenses to own/link.csv" \
  cs export csv own/link.csv
check "the link stays a link" -L own/link.csv
expect_out "the file it points at holds the export" "$CSV" cat own/real/kept.csv
check "and keeps its mode 0600" "$(stat -c %a own/real/kept.csv)" = 600
ln -s link.csv own/chain.csv
expect_out "a chain of our links is written through" "exported 2 expenses to own/chain.csv" \
  cs export csv own/chain.csv
check "both links stay links" -L own/chain.csv -a -L own/link.csv
ln -s real/kept.xlsx own/book.xlsx && echo old >own/real/kept.xlsx && chmod 0600 own/real/kept.xlsx
expect_ok "xlsx: a link of ours to our file is written through" cs export xlsx own/book.xlsx
check "xlsx: the link stays a link" -L own/book.xlsx
check "xlsx: the file it points at is the workbook, 0600" \
  "$(head -c 2 own/real/kept.xlsx) $(stat -c %a own/real/kept.xlsx)" = "PK 600"
for fmt in csv xlsx; do
  ln -s real/none.$fmt own/nothing.$fmt
  expect_fail "$fmt: a dangling link of ours is refused, naming it" 1 \
    "export: a symlink to nothing; not followed (own/nothing.$fmt)" cs export $fmt own/nothing.$fmt
  check "$fmt: nothing was made where it points" ! -e own/real/none.$fmt
  check "$fmt: the link is still a link" -L own/nothing.$fmt
done
ln -s no/such/folder/x.csv own/nofolder.csv
expect_fail "a link into a missing folder is a link to nothing" 1 \
  "export: a symlink to nothing; not followed (own/nofolder.csv)" cs export csv own/nofolder.csv
expect_out "no temporary file is left beside the links or their files" "" leftovers own own/real
expect_out "nothing else appeared" "kept.csv kept.xlsx" sh -c 'echo $(ls -A own/real)'

# (LeakSanitizer cannot run under ptrace: the traced runs of an ASan build go without it)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# --- the temporary files' names: TARGET.tmp-XXXXXX (and TARGET.tmp-XXXXXX.d), for both -----------
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then
  mkdir names
  for fmt in csv xlsx; do
    strace -f -qq -o "$TMP/trace" -e trace='?open,openat,?creat,?mkdir,mkdirat' \
      "$CONFSPEND" export $fmt names/out.$fmt >/dev/null 2>"$TMP/err" || bad "$fmt: traced export"
    made=$(grep -o "out\.$fmt\.tmp[^\"/]*" "$TMP/trace" | sort -u)
    odd=$(printf '%s\n' "$made" | grep -v -E "^out\.$fmt\.tmp-[A-Za-z0-9]{6}(\.d)?\$")
    check "$fmt: temporary files are made ($made)" -n "$made"
    check "$fmt: and named out.$fmt.tmp-XXXXXX ($odd)" -z "$odd"
  done
  expect_out "and none is left" "" leftovers names
else
  skip "temporary file names: no strace"
fi

# --- the target folder replaced by a symlink mid-export ------------------------------------------
# strace holds the export for 2 s at a system call; meanwhile the folder is moved away and a
# symlink to another folder takes its name. The export must finish in the folder it opened.
# csv: held at the rename that puts the file in place. xlsx: held at the making of the
# library's scratch folder, before libxlsxwriter writes anything by name.
# swap FMT SYSCALLS
swap() {
  local fmt=$1 calls=$2 pid rc i
  rm -rf sw && mkdir -p sw/out
  strace -f -qq -o /dev/null -e trace="$calls" -e inject="$calls":delay_enter=2000000 \
    "$CONFSPEND" export $fmt sw/out/r.$fmt >"$TMP/sw.out" 2>"$TMP/sw.err" &
  pid=$!
  for ((i = 0; i < 200; i++)); do
    [ -n "$(ls -A sw/out)" ] && break
    sleep 0.05
  done
  sleep 0.3
  mv sw/out sw/moved && mkdir sw/else && ln -s else sw/out
  wait $pid
  rc=$?
  check "$fmt swap: the export succeeds ($(cat "$TMP/sw.err"))" $rc = 0
  expect_out "$fmt swap: the file is in the folder that was opened, no temporary file" "r.$fmt" \
    ls -A sw/moved
  expect_out "$fmt swap: nothing went to the symlink's folder" "" ls -A sw/else
}
if command -v strace >/dev/null && strace -f -qq -o /dev/null -e inject=getpid:delay_enter=1 true 2>/dev/null; then
  swap csv '?rename,renameat,?renameat2'
  [ "$(head -c 3 sw/moved/r.csv)" = "id," ] && ok || bad "csv swap: the file holds the export"
  swap xlsx '?mkdir,mkdirat'
  [ "$(head -c 2 sw/moved/r.xlsx)" = "PK" ] && ok || bad "xlsx swap: the file is a workbook"
else
  skip "folder swap: no strace with fault injection"
fi

finish
