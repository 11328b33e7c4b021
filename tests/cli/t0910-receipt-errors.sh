#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# receipts: every bad input is refused with one line, exit 2 (1 for I/O), nothing written.
. "$(dirname "$0")/lib.sh"
R="$TMP/r"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$R"

# before any database exists: a bad file creates nothing
expect_fail "a text file named .pdf, before the database exists" 2 \
  "receipt: not a JPEG, PNG or PDF ($R/notes.pdf)" cs add meal 5 --receipt "$R/notes.pdf"
check "no database was made" "$(db_state)" = absent

cs add meal 82.40 --merchant Dinner --reimbursable --date 2026-11-03 >/dev/null
cs receipt add 1 "$R/dinner.jpg" >/dev/null

# content decides, whatever the name; each refusal names the file
expect_fail "not a JPEG, PNG or PDF whatever its name" 2 "receipt: not a JPEG, PNG or PDF ($R/notes.pdf)" cs receipt add 1 "$R/notes.pdf"
expect_fail "an empty file" 2 "receipt: not a JPEG, PNG or PDF ($R/empty.jpg)" cs receipt add 1 "$R/empty.jpg"
expect_fail "a JPEG without its end marker" 2 "receipt: a JPEG that is cut short (no end marker) ($R/cut.jpg)" cs receipt add 1 "$R/cut.jpg"
expect_fail "a JPEG cut inside a segment" 2 "receipt: a JPEG that is cut short (no end marker) ($R/half.jpg)" cs receipt add 1 "$R/half.jpg"
expect_fail "a PNG claiming 100000x100000 pixels" 2 \
  "receipt: a PNG of 100000x100000 pixels is too large (at most 100 megapixels, 30000 a side) ($R/huge.png)" cs receipt add 1 "$R/huge.png"
expect_fail "a PNG cut before IEND" 2 "receipt: a PNG that is cut short (no IEND chunk) ($R/noend.png)" cs receipt add 1 "$R/noend.png"
expect_fail "a PDF that is garbage after its header" 2 "receipt: a PDF header with no objects after it ($R/garbage.pdf)" cs receipt add 1 "$R/garbage.pdf"
expect_fail "a 26 MiB file" 2 "receipt: larger than 25 MiB ($R/big.pdf)" cs receipt add 1 "$R/big.pdf"
expect_fail "a folder" 2 "receipt: not a regular file ($R)" cs receipt add 1 "$R"
expect_fail "a file that is not there (I/O)" 1 "receipt: cannot open the file: No such file or directory ($R/nope.jpg)" cs receipt add 1 "$R/nope.jpg"
expect_fail "one bad file among good ones: none is stored" 2 "($R/cut.jpg)" cs receipt add 1 "$R/taxi.png" "$R/cut.jpg"
expect_fail "a receipt on an expense that does not exist" 2 "id: no such expense (9)" cs receipt add 9 "$R/taxi.png"
mkfifo "$TMP/pipe.jpg"
expect_fail "a named pipe: refused, not waited on" 2 "receipt: not a regular file ($TMP/pipe.jpg)" \
  timeout 10 "$CONFSPEND" receipt add 1 "$TMP/pipe.jpg"
expect_fail "--receipt twice on add: refused, not the last one taken" 2 \
  "confspend: --receipt: given more than once (one file here; more with: confspend receipt add ID FILE...) ($R/taxi.png)" \
  cs add meal 5 --receipt "$R/dinner.jpg" --receipt "$R/taxi.png"
expect_fail "--receipt twice on edit" 2 "confspend: --receipt: given more than once" \
  cs edit 1 --receipt "$R/dinner.jpg" --receipt "$R/taxi.png"
expect_fail "receipt list of an expense that does not exist" 2 "confspend: id: no such expense (99)" cs receipt list 99
# receipt get to a terminal: a file's bytes (a PDF can carry escape sequences) are not sent
# to it; redirected, or with -o, they are
script -qec '"$CONFSPEND" receipt get 1; echo "rc=$?"' /dev/null >"$TMP/tty" 2>&1
check "receipt get on a terminal: refused, exit 2" "$(grep -c '^rc=2' "$TMP/tty")" = 1
check "... saying why, in one line" \
  "$(grep -c 'confspend: receipt get: standard output is a terminal (give -o FILE, or redirect it)' "$TMP/tty")" = 1
expect_fail "an expense id that is not one" 2 "id: not an expense id (x)" cs receipt add x "$R/taxi.png"
expect_fail "receipt add without a file" 2 "file: missing (usage: confspend receipt add ID FILE...)" cs receipt add 1
expect_fail "add --receipt of a damaged file" 2 "receipt: a JPEG that is cut short (no end marker) ($R/cut.jpg)" cs add meal 5 --receipt "$R/cut.jpg"
expect_fail "edit --receipt of a damaged file" 2 "receipt: a PNG of 100000x100000 pixels is too large" cs edit 1 --receipt "$R/huge.png"
expect_fail "edit --receipt on an expense that does not exist" 2 "id: no such expense (9)" cs edit 9 --receipt "$R/taxi.png"
expect_fail "edit --receipt with --no-receipt" 2 "--no-receipt" cs edit 1 --receipt "$R/taxi.png" --no-receipt
expect_fail "receipt get of a receipt that does not exist" 2 "receipt: no such receipt (7)" cs receipt get 7
expect_fail "receipt get -o of one that does not exist writes no file" 2 "receipt: no such receipt (7)" cs receipt get 7 -o "$TMP/x.jpg"
check "no file was written" "$(ls "$TMP" | grep -c x.jpg)" = 0
expect_fail "receipt rm of a receipt that does not exist" 2 "receipt: no such receipt (7)" cs receipt rm 7
expect_fail "receipt rm of a word" 2 "receipt: not a receipt number (one)" cs receipt rm one
expect_fail "receipt get into a missing folder" 1 "$TMP/nope/x.jpg" cs receipt get 1 -o "$TMP/nope/x.jpg"
expect_fail "an unknown subcommand" 2 "receipt: unknown subcommand (add, list, get or rm) (show)" cs receipt show 1
expect_fail "--format on add" 2 "--format: only with receipt list (csv)" cs receipt add 1 "$R/taxi.png" --format csv
check "only the first receipt is stored" "$(sql 'SELECT count(*) FROM receipt'),$(sql 'SELECT count(*) FROM receipt_data')" = "1,1"

# a bad file found while the files are stored (each is read once, hashed and checked as
# it is written): the transaction is rolled back, the good one before it is not kept
expect_fail "a good file, then a damaged one in the same command" 2 "($R/noend.png)" \
  cs receipt add 1 "$R/photo.jpeg.txt" "$R/noend.png"
check "neither is stored (still one receipt, one file's bytes)" \
  "$(sql 'SELECT count(*) FROM receipt'),$(sql 'SELECT count(*) FROM receipt_data'),$(sql 'SELECT count(*) FROM receipt_blob')" = "1,1,1"
check "and no change was recorded for it" "$(sql "SELECT count(*) FROM change WHERE command LIKE 'receipt add 1 %noend.png'")" = 0

# no cap per command: the bytes are streamed and the change log does not hold them, so
# 6 files of 20 MiB (120 MiB) in one command take a bounded amount of memory (the
# database's 16 MiB page cache and a chunk), not their size
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/many" 6 $((20 * 1024 * 1024))
/usr/bin/time -f %M -o "$TMP/peak" "$CONFSPEND" receipt add 1 "$TMP"/many/*.jpg >"$TMP/many.out"
check "120 MiB in one command: all six stored" "$(grep -c ', jpeg, 20971520 bytes$' "$TMP/many.out")" = 6
check "its peak memory is under 48 MiB ($(cat "$TMP/peak") KiB)" "$(cat "$TMP/peak")" -lt $((48 * 1024))
"$CONFSPEND" receipt get "$(sql 'SELECT max(id) FROM receipt')" | cmp -s - "$TMP/many/r0005.jpg"
check "the last of them comes back exact" $? -eq 0
rm -rf "$TMP/many"
# PNGs whose chunks are sound but whose pixels are not: refused at once (export pdf would
# refuse them later), as the packet's decoder (cairo) finds them
/usr/bin/python3 - "$TMP" <<'PY'
import struct, sys, zlib
def png(path, w, h, idat):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
png(sys.argv[1] + "/garbage.png", 10, 10, b"this is not zlib data at all" * 4)
png(sys.argv[1] + "/lie.png", 9000, 9000, zlib.compress(b"\0" * 100))
png(sys.argv[1] + "/fine.png", 2, 2, zlib.compress(b"\0" + b"\xff" * 6 + b"\0" + b"\x80" * 6))
PY
expect_fail "a PNG whose pixel data is not zlib" 2 "receipt: a PNG whose pixels cannot be decoded ($TMP/garbage.png)" \
  cs receipt add 1 "$TMP/garbage.png"
expect_fail "a 9000x9000 PNG with 100 bytes of pixels" 2 "receipt: a PNG whose pixels cannot be decoded ($TMP/lie.png)" \
  cs receipt add 1 "$TMP/lie.png"
expect_ok "a sound 2x2 PNG is taken" cs receipt add 1 "$TMP/fine.png"
finish
