#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# receipts kept in the database: receipt add|list|get|rm, add|edit --receipt, dedup by
# SHA-256, the exact bytes back, bytes freed only when unused, undo/redo, backup, csv.
. "$(dirname "$0")/lib.sh"
R="$TMP/r"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$R"
H_DINNER=$(sha256sum <"$R/dinner.jpg" | cut -c1-64)
H_TAXI=$(sha256sum <"$R/taxi.png" | cut -c1-64)
H_HOTEL=$(sha256sum <"$R/hotel.pdf" | cut -c1-64)
H_PHOTO=$(sha256sum <"$R/photo.jpeg.txt" | cut -c1-64)
SIZE() { stat -c %s "$1"; }

cs add meal 82.40 --merchant Dinner --reimbursable --date 2026-11-03 >/dev/null
cs add ride 18 --provider uber --from Home --to Venue --reimbursable --date 2026-11-04 >/dev/null

# the type is read from the content: a JPEG named .txt is a JPEG, and each file's bytes
# are stored once (receipt_data) with a link per expense (receipt)
expect_out "receipt add of three files" "receipt 1: dinner.jpg, jpeg, $(SIZE "$R/dinner.jpg") bytes
receipt 2: hotel.pdf, pdf, $(SIZE "$R/hotel.pdf") bytes
receipt 3: photo.jpeg.txt, jpeg, 4096 bytes" cs receipt add 1 "$R/dinner.jpg" "$R/hotel.pdf" "$R/photo.jpeg.txt"
expect_out "the same bytes under another name, on another expense: stored once" \
  "receipt 4: copy-of-dinner.JPG, jpeg, 125 bytes (the same bytes were stored already)" \
  cs receipt add 2 "$R/copy-of-dinner.JPG"
check "three files' bytes are stored, not four" "$(sql 'SELECT count(*) FROM receipt_data')" = 3
check "their SHA-256 are the files' (sha256sum)" "$(sql 'SELECT sha256 FROM receipt_data ORDER BY id' | tr '\n' ' ')" = "$H_DINNER $H_HOTEL $H_PHOTO "
expect_out "the same file twice on one expense adds nothing" \
  "receipt 1: dinner.jpg is already attached to expense 1" cs receipt add 1 "$R/dinner.jpg"
check "and records no change (2 adds, 2 receipt adds)" "$(sql 'SELECT count(*) FROM change')" = 4

expect_csv "receipt list --format csv" "expense,receipt,type,bytes,sha256,name
1,1,jpeg,125,$H_DINNER,dinner.jpg
1,2,pdf,230,$H_HOTEL,hotel.pdf
1,3,jpeg,4096,$H_PHOTO,photo.jpeg.txt
2,4,jpeg,125,$H_DINNER,copy-of-dinner.JPG" cs receipt list --format csv
expect_csv "receipt list ID" "expense,receipt,type,bytes,sha256,name
2,4,jpeg,125,$H_DINNER,copy-of-dinner.JPG" cs receipt list 2 --format csv
expect_out "the table view" "expense  receipt  type  bytes  sha256                                                            name
      2        4  jpeg    125  $H_DINNER  copy-of-dinner.JPG" cs receipt list 2

# get: the exact bytes, on stdout or into a file (beside it, then renamed; 0600 like the db)
cs receipt get 3 >"$TMP/out.jpg"
check "receipt get to stdout: the same bytes (cmp)" "$(cmp "$TMP/out.jpg" "$R/photo.jpeg.txt" && echo same)" = same
expect_out "receipt get -o FILE prints nothing" "" cs receipt get 2 -o "$TMP/got.pdf"
check "receipt get -o: the same bytes (cmp)" "$(cmp "$TMP/got.pdf" "$R/hotel.pdf" && echo same)" = same
check "the file is 0600 like the database" "$(stat -c %a "$TMP/got.pdf")" = 600
expect_ok "receipt get --output FILE" cs receipt get 4 --output "$TMP/got4.jpg"
check "the shared bytes come back for either link" "$(cmp "$TMP/got4.jpg" "$R/dinner.jpg" && echo same)" = same

# rm: the link goes; the bytes go only when no other receipt uses them
expect_out "receipt rm of a shared file" "removed receipt 1 (dinner.jpg) from expense 1; its bytes stay: another expense uses them" cs receipt rm 1
check "the shared bytes stay" "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_DINNER'")" = 1
expect_out "receipt rm of the last use" "removed receipt 4 (copy-of-dinner.JPG) from expense 2" cs receipt rm 4
check "now the bytes are gone" "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_DINNER'")" = 0
expect_out "undo brings the link and the bytes back" "undid change 6: receipt rm 4: copy-of-dinner.JPG of expense 2" cs undo
cs receipt get 4 >"$TMP/back.jpg"
check "the bytes after undo are exact" "$(cmp "$TMP/back.jpg" "$R/dinner.jpg" && echo same)" = same
expect_out "redo removes them again" "redid change 6: receipt rm 4: copy-of-dinner.JPG of expense 2" cs redo
check "gone again" "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_DINNER'")" = 0
expect_out "undo of the rm once more" "undid change 6: receipt rm 4: copy-of-dinner.JPG of expense 2" cs undo
expect_out "undo of the first rm" "undid change 5: receipt rm 1: dinner.jpg of expense 1" cs undo
check "both links are back" "$(sql 'SELECT count(*) FROM receipt')" = 4

# undo/redo of an add: the bytes leave with it and come back exact
expect_out "receipt add of a PNG" "receipt 5: taxi.png, png, $(SIZE "$R/taxi.png") bytes" cs receipt add 2 "$R/taxi.png"
expect_out "undo of the add" "undid change 7: receipt add 2: 1 receipt (1 new file)" cs undo
check "its bytes went too" "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_TAXI'")" = 0
expect_fail "receipt get of the undone receipt" 2 "receipt: no such receipt (5)" cs receipt get 5
expect_out "redo of the add" "redid change 7: receipt add 2: 1 receipt (1 new file)" cs redo
cs receipt get 5 >"$TMP/taxi.png"
check "after redo the bytes are exact" "$(cmp "$TMP/taxi.png" "$R/taxi.png" && echo same)" = same

# add --receipt FILE and edit --receipt FILE store the file the same way; edit
# --no-receipt detaches them all (and clears a revision-1 path note)
expect_out "add --receipt FILE" "3  2026-11-05  lodging  120.00 USD  Hotel
receipt 6: hotel.pdf, pdf, 230 bytes" cs add lodging 120 --merchant Hotel --nights 1 --date 2026-11-05 --receipt "$R/hotel.pdf"
check "the pdf's bytes were stored once (used twice now)" "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_HOTEL'")" = 1
check "add --receipt keeps no path text" "$(sql 'SELECT quote(receipt) FROM expense WHERE id = 3')" = NULL
expect_out "edit --receipt FILE" "2  2026-11-04  ride  18.00 USD  Home -> Venue
receipt 7: photo.jpeg.txt, jpeg, 4096 bytes" cs edit 2 --receipt "$R/photo.jpeg.txt"
expect_out "edit --receipt of bytes the expense has already" "2  2026-11-04  ride  18.00 USD  Home -> Venue
receipt 4: copy-of-dinner.JPG is already attached to expense 2" cs edit 2 --receipt "$R/dinner.jpg"
# a revision-1 path (what import csv or an old database holds) stays as a note
sql "UPDATE expense SET receipt = 'receipts/old-scan.pdf' WHERE id = 2"
expect_out "show lists the note, then the stored receipts' names" "receipt       receipts/old-scan.pdf; copy-of-dinner.JPG; taxi.png; photo.jpeg.txt" \
  sh -c '"$CONFSPEND" show 2 | grep "^receipt"'
# export csv's receipt column (16th): names joined by "; ", after a revision-1 note
expect_out "export csv: the receipt column" "dinner.jpg; hotel.pdf; photo.jpeg.txt
receipts/old-scan.pdf; copy-of-dinner.JPG; taxi.png; photo.jpeg.txt
hotel.pdf" sh -c '"$CONFSPEND" export csv - | /usr/bin/python3 -c "import csv,sys; [print(r[15]) for r in list(csv.reader(sys.stdin))[1:]]"'
expect_out "edit --no-receipt detaches every receipt and clears the note" "2  2026-11-04  ride  18.00 USD  Home -> Venue
detached 3 receipts" cs edit 2 --no-receipt
check "expense 2 has no receipt and no note" "$(sql 'SELECT count(*) FROM receipt WHERE expense_id = 2'),$(sql 'SELECT quote(receipt) FROM expense WHERE id = 2')" = "0,NULL"
check "the PNG's bytes went (no other use); the JPEGs' stayed (expense 1 uses them)" \
  "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_TAXI'"),$(sql "SELECT count(*) FROM receipt_data WHERE sha256 IN ('$H_DINNER', '$H_PHOTO')")" = "0,2"
expect_out "undo of the edit brings the three back" "3" sh -c '"$CONFSPEND" undo >/dev/null; sqlite3 "$CONFSPEND_DB" "SELECT count(*) FROM receipt WHERE expense_id = 2"'

# rm of an expense takes its receipts with it; undo brings both back
expect_out "rm an expense with receipts" "removed 3  2026-11-05  lodging  120.00 USD  Hotel" cs rm 3
check "its receipt link went, the shared pdf stayed" "$(sql 'SELECT count(*) FROM receipt WHERE expense_id = 3'),$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_HOTEL'")" = "0,1"
expect_ok "undo of the rm" cs undo
check "the receipt is back" "$(sql 'SELECT name FROM receipt WHERE expense_id = 3')" = hotel.pdf

# backup carries the bytes: a receipt read from the copy is the same file
expect_out "backup" "backed up 3 expenses to $TMP/b.db" cs backup "$TMP/b.db"
"$CONFSPEND" --db "$TMP/b.db" receipt get 3 >"$TMP/from-backup"
check "a receipt from the backup is exact" "$(cmp "$TMP/from-backup" "$R/photo.jpeg.txt" && echo same)" = same
check "the backup holds every stored file" "$(sqlite3 "$TMP/b.db" 'SELECT count(*) FROM receipt_data')" = "$(sql 'SELECT count(*) FROM receipt_data')"

# a large file goes through in chunks: 20 MiB in, the same 20 MiB out
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/big" 1 $((20 * 1024 * 1024))
expect_out "a 20 MiB JPEG" "receipt 8: r0000.jpg, jpeg, 20971520 bytes" cs receipt add 1 "$TMP/big/r0000.jpg"
cs receipt get 8 -o "$TMP/big.out"
check "20 MiB back exact" "$(cmp "$TMP/big.out" "$TMP/big/r0000.jpg" && echo same)" = same
check "its SHA-256, taken as it was written, is sha256sum's" \
  "$(sql 'SELECT d.sha256 FROM receipt r JOIN receipt_data d ON d.id = r.data_id WHERE r.id = 8')" = "$(sha256sum <"$TMP/big/r0000.jpg" | cut -c1-64)"

# the bytes are kept apart from the change log (receipt_blob, under the receipt_data row's
# id): a change records that row (SHA-256, type, size), not the bytes, so the file grows
# by one copy of a receipt, not two, and the change stays small
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/big" 2 $((20 * 1024 * 1024))
H_BIG2=$(sha256sum <"$TMP/big/r0001.jpg" | cut -c1-64)
size0=$(stat -c %s "$CONFSPEND_DB")
expect_out "another 20 MiB JPEG" "receipt 9: r0001.jpg, jpeg, 20971520 bytes" cs receipt add 2 "$TMP/big/r0001.jpg"
size1=$(stat -c %s "$CONFSPEND_DB")
check "the database grew by one copy of it (under 21 MiB: $((size1 - size0)))" $((size1 - size0)) -lt $((21 * 1024 * 1024))
check "the change recorded is under 1 KB, not 20 MiB" "$(sql 'SELECT length(changeset) FROM change ORDER BY id DESC LIMIT 1')" -lt 1024
expect_out "history shows the row, and that its bytes are kept apart" "receipt_data   11  insert  data             (kept apart)" \
  sh -c '"$CONFSPEND" history --change 13 | grep " data "'
orphans() { sql 'SELECT count(*) FROM receipt_blob WHERE rowid NOT IN (SELECT id FROM receipt_data)'; }
expect_out "undo of that add" "undid change 13: receipt add 2: 1 receipt (1 new file)" cs undo
check "its row went; its bytes wait apart, for a redo" "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_BIG2'"),$(orphans)" = "0,1"
expect_out "redo of it" "redid change 13: receipt add 2: 1 receipt (1 new file)" cs redo
cs receipt get 9 -o "$TMP/big2.out"
check "after the redo the 20 MiB are exact" "$(cmp "$TMP/big2.out" "$TMP/big/r0001.jpg" && echo same)" = same
expect_out "receipt rm of it" "removed receipt 9 (r0001.jpg) from expense 2" cs receipt rm 9
check "its row went, the bytes wait for an undo of the rm" "$(sql "SELECT count(*) FROM receipt_data WHERE sha256 = '$H_BIG2'"),$(orphans)" = "0,1"
expect_ok "undo of the rm" cs undo
cs receipt get 9 -o "$TMP/big2.out"
check "the undo of the rm brings the exact bytes back" "$(cmp "$TMP/big2.out" "$TMP/big/r0001.jpg" && echo same)" = same
expect_ok "undo of the add again" cs undo
check "parked again" "$(orphans)" = 1
cs add meal 1 --date 2026-11-06 >/dev/null
check "a new change ends that redo: the bytes only it could bring back are gone" "$(orphans)" = 0
expect_fail "nothing to redo" 2 "redo: nothing to redo" cs redo
check "the rest is whole" "$(sqlite3 "$CONFSPEND_DB" 'PRAGMA integrity_check')" = ok

# the journal: a receipt add of 4 MiB or more, and a series of receipt adds (the newest
# change is one) from its second command on, write through a rollback journal (the pages
# once, not into the WAL and again by its checkpoint); a single one keeps the WAL; any
# other command brings WAL back; no file is left beside the database either way
mode() { echo "$(sqlite3 "$CONFSPEND_DB" 'PRAGMA journal_mode'),$(ls "$CONFSPEND_DB"-* 2>/dev/null | wc -l)"; }
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/mid" 3 $((300 * 1024))
cs receipt add 1 "$TMP/big/r0001.jpg" >/dev/null
check "a 20 MiB receipt add: rollback mode, nothing beside the file" "$(mode)" = "delete,0"
cs list >/dev/null
check "the next command: WAL again" "$(mode)" = "wal,0"
cs trip add late --name Late --start 2026-11-01 --end 2026-11-09 >/dev/null
cs receipt add 1 "$TMP/mid/r0000.jpg" >/dev/null
check "a 300 KiB receipt add after another change keeps the WAL" "$(mode)" = "wal,0"
cs receipt add 1 "$TMP/mid/r0001.jpg" >/dev/null
check "the next receipt add of a series: rollback mode" "$(mode)" = "delete,0"
cs receipt add 1 "$TMP/mid/r0002.jpg" >/dev/null
check "and it stays so for the series" "$(mode)" = "delete,0"
cs receipt get "$(sql 'SELECT max(id) FROM receipt')" | cmp -s - "$TMP/mid/r0002.jpg"
check "the bytes stored so are exact" $? -eq 0
expect_ok "undo" cs undo
check "undo brings WAL back" "$(mode)" = "wal,0"

# a receipt stored before the bytes moved apart (schema 14: the bytes in receipt_data.data)
# still reads, and its rm and undo carry those bytes as they did
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/old" 1 5000
H_OLD=$(sha256sum <"$TMP/old/r0000.jpg" | cut -c1-64)
sql "INSERT INTO receipt_data(sha256, type, bytes, data) VALUES ('$H_OLD', 'jpeg', 5000, readfile('$TMP/old/r0000.jpg'));
     INSERT INTO receipt(expense_id, data_id, name) SELECT 1, id, 'old.jpg' FROM receipt_data WHERE sha256 = '$H_OLD'"
OLD_ID=$(sql "SELECT r.id FROM receipt r JOIN receipt_data d ON d.id = r.data_id WHERE d.sha256 = '$H_OLD'")
cs receipt get "$OLD_ID" >"$TMP/old.out"
check "a receipt with its bytes in receipt_data comes back exact" "$(cmp "$TMP/old.out" "$TMP/old/r0000.jpg" && echo same)" = same
expect_ok "its rm" cs receipt rm "$OLD_ID"
expect_ok "the undo of its rm" cs undo
cs receipt get "$OLD_ID" >"$TMP/old.out"
check "and after the undo of its rm" "$(cmp "$TMP/old.out" "$TMP/old/r0000.jpg" && echo same)" = same
# a removal undone, then the same removal again: that second removal ends the redo of the
# first (a new change), and its own undo must still find the bytes (they were dropped with
# the first's redo: the receipt came back 0 bytes long)
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$TMP/again" 1 3000
cs add meal 80 --merchant Diner --date 2026-11-06 >/dev/null
E=$(sql 'SELECT max(id) FROM expense')
cs receipt add "$E" "$TMP/again/r0000.jpg" >/dev/null
RID=$(sql 'SELECT max(id) FROM receipt')
for how in "rm $E" "receipt rm $RID" "edit $E --no-receipt"; do
  expect_ok "$how" cs $how
  expect_ok "its undo" cs undo
  expect_ok "$how again" cs $how
  expect_ok "its undo again" cs undo
  cs receipt get "$RID" >"$TMP/again.out"
  check "after $how, undo, $how, undo: the bytes are exact" "$(cmp "$TMP/again.out" "$TMP/again/r0000.jpg" && echo same)" = same
done
finish
