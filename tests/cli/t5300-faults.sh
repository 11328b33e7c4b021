# SPDX-License-Identifier: GPL-3.0-or-later
# The environment fails: a read-only database, folders that are missing or not writable,
# files that are not databases, a full disk, a lock held too long, output that cannot be
# written. Each gives one clear line on stderr and exit 1, and loses nothing stored.
# Root (as in CI) is not stopped by chmod: the script uses `chattr +i`, a user without
# rights (setpriv), a small tmpfs mount or RLIMIT_FSIZE, whichever this machine allows,
# and says which checks it had to skip.
. "$(dirname "$0")/lib.sh"
B=$CONFSPEND
ROOT=0
[ "$(id -u)" = 0 ] && ROOT=1
IMMUTABLE=()
MOUNTS=()
cleanup() {
  local p
  for p in ${IMMUTABLE[@]+"${IMMUTABLE[@]}"}; do chattr -i "$p" 2>/dev/null; done
  for p in ${MOUNTS[@]+"${MOUNTS[@]}"}; do umount "$p" 2>/dev/null; done
  chmod -R u+rwx "$TMP" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
skip() { echo "# skipped: $*"; }

# files "what" DIR PATTERN: no file matching PATTERN in DIR (no partial or temporary file)
no_files() {
  local what=$1 dir=$2 pat=$3 found
  found=$(cd "$dir" 2>/dev/null && ls -A | grep -E -- "$pat")
  check "$what: nothing left behind ($found)" -z "$found"
}

# A database with some of everything, its dump kept to compare with.
"$B" trip add conf --name Conf --start 2026-11-01 --end 2026-11-09 >/dev/null
"$B" add ride 23.50 --provider uber --from A --to B --trip conf >/dev/null
"$B" add meal 4.75 --note coffee >/dev/null
"$B" budget set ride 100 >/dev/null

# --- A read-only database -------------------------------------------------------------------
# Mechanism: chmod for a normal user; for root `chattr +i` (immutable), else running as
# nobody on a copy owned by root with mode 0644 in a folder nobody cannot write.
RO_AS=()
ro=""
chmod 0711 "$TMP"
mkdir -m 0755 "$TMP/ro"
cp "$CONFSPEND_DB" "$TMP/ro/test.db"
chmod 0644 "$TMP/ro/test.db"
if [ $ROOT = 0 ]; then
  chmod 0444 "$TMP/ro/test.db" && chmod 0555 "$TMP/ro" && ro=chmod
elif chattr +i "$TMP/ro/test.db" 2>/dev/null; then
  IMMUTABLE+=("$TMP/ro/test.db")
  ro="chattr +i"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  RO_AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  ro="running as nobody"
fi
if [ -n "$ro" ]; then
  echo "# read-only database: $ro"
  saved=$CONFSPEND_DB
  CONFSPEND_DB=$TMP/ro/test.db
  R=(${RO_AS[@]+"${RO_AS[@]}"} "$B")
  expect_fail "ro: add" 1 "read-only" "${R[@]}" add meal 5
  expect_fail "ro: edit" 1 "read-only" "${R[@]}" edit 2 --amount 5
  expect_fail "ro: rm" 1 "read-only" "${R[@]}" rm 2
  expect_fail "ro: undo" 1 "read-only" "${R[@]}" undo
  expect_fail "ro: trip add" 1 "read-only" "${R[@]}" trip add x --name X --start 2026-01-01 --end 2026-01-02
  expect_fail "ro: trip use" 1 "read-only" "${R[@]}" trip use conf
  expect_fail "ro: budget set" 1 "read-only" "${R[@]}" budget set meal 50
  expect_fail "ro: config set" 1 "read-only" "${R[@]}" config set owner Ada
  expect_fail "ro: rate set" 1 "read-only" "${R[@]}" rate set EUR 1.1
  printf 'date,category,amount\n2026-11-02,meal,3\n' >"$TMP/one.csv"
  chmod 0644 "$TMP/one.csv"
  expect_fail "ro: import" 1 "read-only" "${R[@]}" import csv "$TMP/one.csv"
  # reading: it works, or it fails saying why (a WAL database must write beside it)
  "${R[@]}" list --format csv >"$TMP/out" 2>"$TMP/err"
  rc=$?
  if [ $rc = 0 ]; then
    check "ro: list reads" "$(grep -c . "$TMP/out")" = 3
  else
    check "ro: list fails clearly ($rc: $(cat "$TMP/err"))" "$rc:$(grep -c 'read-only' "$TMP/err"):$(wc -l <"$TMP/err")" = "1:1:1"
  fi
  CONFSPEND_DB=$saved
else
  skip "read-only database: no chmod (root), chattr +i or setpriv here"
fi

# --- Folders ----------------------------------------------------------------------------------
expect_fail "db in a missing folder" 1 "database: cannot create: No such file or directory" cs --db "$TMP/no/such/dir/x.db" list
check "missing folder not made" ! -e "$TMP/no"
mkdir "$TMP/adir"
expect_fail "db is a folder" 1 "is a folder" cs --db "$TMP/adir" list
# a folder nobody may write to: a new database cannot be made there
mkdir -m 0755 "$TMP/locked"
if [ $ROOT = 0 ]; then
  chmod 0555 "$TMP/locked"
  LK=("$B")
elif chattr +i "$TMP/locked" 2>/dev/null; then
  IMMUTABLE+=("$TMP/locked")
  LK=("$B")
elif [ ${#RO_AS[@]} -gt 0 ]; then
  LK=("${RO_AS[@]}" "$B")
else
  LK=()
fi
# the exports read a copy of the database that the one running them owns
mkdir -m 0755 "$TMP/own"
cp "$CONFSPEND_DB" "$TMP/own/test.db"
[ ${#RO_AS[@]} -gt 0 ] && [ "${LK[0]:-}" = setpriv ] && chown -R 65534:65534 "$TMP/own"
if [ ${#LK[@]} -gt 0 ]; then
  expect_fail "db in an unwritable folder" 1 "database: cannot create" "${LK[@]}" --db "$TMP/locked/new.db" add meal 5
  expect_fail "export csv into an unwritable folder" 1 "export" "${LK[@]}" --db "$TMP/own/test.db" export csv "$TMP/locked/out.csv"
  expect_fail "export xlsx into an unwritable folder" 1 "export" "${LK[@]}" --db "$TMP/own/test.db" export xlsx "$TMP/locked/out.xlsx"
  no_files "unwritable folder" "$TMP/locked" .
else
  skip "unwritable folder: no chmod (root), chattr +i or setpriv here"
fi
# a database the user may not read
if [ $ROOT = 0 ]; then
  cp "$CONFSPEND_DB" "$TMP/secret.db" && chmod 0000 "$TMP/secret.db"
  expect_fail "db not readable" 1 "database: cannot open: Permission denied" cs --db "$TMP/secret.db" list
elif [ ${#RO_AS[@]} -gt 0 ] || setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  cp "$CONFSPEND_DB" "$TMP/ro/secret.db" 2>/dev/null || { chattr -i "$TMP/ro" 2>/dev/null; cp "$CONFSPEND_DB" "$TMP/ro/secret.db"; }
  chmod 0600 "$TMP/ro/secret.db"
  expect_fail "db not readable" 1 "database: cannot open: Permission denied" \
    setpriv --reuid=65534 --regid=65534 --clear-groups "$B" --db "$TMP/ro/secret.db" list
else
  skip "unreadable database: root without setpriv"
fi
expect_fail "export csv into a missing folder" 1 "No such file or directory" cs export csv "$TMP/no/such/out.csv"
expect_fail "export xlsx into a missing folder" 1 "No such file or directory" cs export xlsx "$TMP/no/such/out.xlsx"
expect_fail "export csv onto a folder" 1 "export" cs export csv "$TMP/adir"
expect_fail "export xlsx onto a folder" 1 "export" cs export xlsx "$TMP/adir"
no_files "export onto a folder" "$TMP/adir" .
check "no export made it" ! -e "$TMP/no"
# a named pipe (or any file that is not a regular file) is not replaced by the export
mkfifo "$TMP/fifo"
for fmt in csv xlsx; do
  cat "$TMP/fifo" >/dev/null 2>&1 &
  catpid=$!
  timeout 20 "$B" export $fmt "$TMP/fifo" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  kill $catpid 2>/dev/null
  wait $catpid 2>/dev/null
  check "export $fmt onto a fifo: the fifo stays a fifo" -p "$TMP/fifo"
  check "export $fmt onto a fifo: exit 0 or 1, not hung ($rc: $(cat "$TMP/err"))" "$rc" -le 1
done
no_files "export onto a fifo" "$TMP" 'fifo.+'

# --- Files that are not confspend databases ---------------------------------------------------
printf 'hello, I am a text file\n' >"$TMP/text.db"
sum=$(sha256sum <"$TMP/text.db")
expect_fail "not a database" 1 "not a confspend database" cs --db "$TMP/text.db" list
expect_fail "not a database (write)" 1 "not a confspend database" cs --db "$TMP/text.db" add meal 5
check "text file untouched" "$(sha256sum <"$TMP/text.db")" = "$sum"
head -c 8192 "$CONFSPEND_DB" >"$TMP/cut.db"
sum=$(sha256sum <"$TMP/cut.db")
expect_fail "damaged database" 1 "database: cannot read: database disk image is malformed" cs --db "$TMP/cut.db" list
check "damaged file untouched" "$(sha256sum <"$TMP/cut.db")" = "$sum"
cp "$CONFSPEND_DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 999"
sum=$(sqlite3 "$TMP/newer.db" .dump | sha256sum)
expect_fail "newer schema" 1 "made by a newer confspend" cs --db "$TMP/newer.db" add meal 5
check "newer database untouched" "$(sqlite3 "$TMP/newer.db" .dump | sha256sum)" = "$sum"
: >"$TMP/empty.db"
expect_ok "an empty file becomes a database" cs --db "$TMP/empty.db" add meal 5

# --- A full disk --------------------------------------------------------------------------------
# 20000 rows to import (about 15 MB of database).
gen_expenses 20000 "$TMP/gen"
# (a) RLIMIT_FSIZE: no file may grow past 200 KiB; SIGXFSZ ignored, so writes fail EFBIG.
limited() { (trap '' XFSZ; ulimit -f 200; "$@"); }
expect_fail "fsize: import" 1 "File too large" limited "$B" import csv "$TMP/gen/expenses.csv"
check "fsize: integrity" "$(sql 'PRAGMA integrity_check')" = ok
expect_ok "fsize: still usable" cs add meal 1 --note after-fsize
cs import csv "$TMP/gen/expenses.csv" >/dev/null 2>&1
check "the import itself works" "$(sql "SELECT count(*) FROM expense")" -gt 20000
rm -f "$TMP"/big.*
expect_fail "fsize: export csv" 1 "File too large" limited "$B" export csv "$TMP/big.csv"
expect_fail "fsize: export xlsx" 1 "export" limited "$B" export xlsx "$TMP/big.xlsx"
no_files "fsize: export" "$TMP" '^big\.'
to_file() { "$@" >"$TMP/big.out"; }
expect_fail "fsize: list to a file" 1 "output: cannot write" limited to_file "$B" list --format csv
rm -f "$TMP/big.out"
# (b) a small tmpfs: the database and the exports on a file system with no room left
if [ $ROOT = 1 ] && mkdir "$TMP/full" && mount -t tmpfs -o size=1m tmpfs "$TMP/full" 2>/dev/null; then
  MOUNTS+=("$TMP/full")
  echo "# full disk: a 1 MiB tmpfs"
  "$B" --db "$TMP/full/small.db" add meal 5 --note before-full >/dev/null
  saved=$CONFSPEND_DB
  CONFSPEND_DB=$TMP/full/small.db
  expect_fail "full: import" 1 "full" cs import csv "$TMP/gen/expenses.csv"
  check "full: integrity" "$(sql 'PRAGMA integrity_check')" = ok
  CONFSPEND_DB=$saved
  # a new database is loaded privately: when the disk fills, none of it is left
  expect_fail "full: import into a new database" 1 "full" cs --db "$TMP/full/new.db" import csv "$TMP/gen/expenses.csv"
  no_files "full: import into a new database" "$TMP/full" '^new\.db'
  head -c 900000 /dev/zero >"$TMP/full/filler"
  expect_fail "full: export csv" 1 "No space left on device" cs export csv "$TMP/full/out.csv"
  expect_fail "full: export xlsx" 1 "export" cs export xlsx "$TMP/full/out.xlsx"
  no_files "full: export" "$TMP/full" '^out'
else
  skip "full disk on tmpfs: cannot mount here (not root, or no CAP_SYS_ADMIN); RLIMIT_FSIZE above stands in"
fi
# (c) standard output on a full device
to_full() { "$@" >/dev/full; }
expect_fail "list to /dev/full" 1 "output: cannot write" to_full cs list
expect_fail "export csv - to /dev/full" 1 "output: cannot write" to_full cs export csv -
expect_fail "report to /dev/full" 1 "output: cannot write" to_full cs report budget --format json

# --- A lock held past the busy timeout ----------------------------------------------------------
(echo "BEGIN IMMEDIATE; INSERT INTO config(key, value) VALUES ('held', 'yes');"; sleep 12; echo "ROLLBACK;") |
  sqlite3 "$CONFSPEND_DB" &
lpid=$!
sleep 0.5
expect_fail "lock held too long: add" 1 "another program kept the database locked" cs add meal 5
wait $lpid
check "the other program's write was rolled back, ours never happened" "$(sql "SELECT count(*) FROM config WHERE key = 'held'")" = 0
check "integrity at the end" "$(sql 'PRAGMA integrity_check')" = ok
finish
