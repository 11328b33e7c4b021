#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# export pdf over receipts that cannot be shown: a database altered by hand (through
# sqlite3) to hold garbage where a receipt's bytes were, and files the sniffer lets in but
# a PDF cannot hold as they are. Each refuses the export: exit 2, one line naming the
# receipt, its expense and what is wrong, nothing written (no file, no temporary file, an
# existing file untouched), the database unchanged, no crash. A PDF whose drawing is broken
# but that poppler opens is drawn as far as it goes. (.ci runs this under ASan + UBSan too,
# as it runs every CLI test.)
. "$(dirname "$0")/lib.sh"
R="$TMP/r"
/usr/bin/python3 "$(dirname "$0")/receipt_files.py" "$R"
# a PNG whose structure is right (chunks, CRCs) but whose pixels do not inflate
/usr/bin/python3 - "$R/badzlib.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", b"\x78\x9c" + bytes(range(200, 255))) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(data)
EOF
# a PDF poppler opens whose page draws with an unknown font and unbalanced q
printf '%s\n' '%PDF-1.4' '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj' \
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj' \
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 -5 1e30] /Contents 4 0 R >> endobj' \
  '4 0 obj << /Length 40 >> stream' 'q q q BT /F9 12 Tf (x) Tj ET 1 0 0 RG 0 0 m' 'endstream endobj' \
  'trailer << /Root 1 0 R >>' 'startxref' '0' '%%EOF' >"$R/broken-drawing.pdf"

cs add meal 82.40 -m Dinner -r -d 2026-11-03 >/dev/null
cs receipt add 1 "$R/hotel.pdf" >/dev/null # receipt 1, bytes 1: its bytes are altered below
OUT="$TMP/packet.pdf"
printf 'an older file\n' >"$TMP/old.pdf"

# put FILE's bytes where receipt 1's were, stored as TYPE (the way a damaged or edited
# database would hold them; receipt add refuses each of these files)
# (the bytes are kept in receipt_blob, under the receipt_data row's id: migration 0017)
alter() {
  sqlite3 "$CONFSPEND_DB" "UPDATE receipt_data SET type = '$2',
    bytes = max(1, length(readfile('$1'))) WHERE id = 1;
    UPDATE receipt_blob SET data = readfile('$1') WHERE rowid = 1" || echo "cannot alter" >&2
}
# refused: exit 2, the message, nothing written anywhere
refused() {
  local what=$1 msg=$2
  expect_fail "$what" 2 "receipt: receipt 1 of expense 1 cannot go in the packet: $msg" \
    cs export pdf "$OUT"
  check "$what: no file" "$(ls "$OUT" 2>/dev/null | wc -l)" = 0
  check "$what: no temporary file" "$(ls "$TMP" | grep -c 'tmp-')" = 0
  expect_fail "$what: over an existing file" 2 "cannot go in the packet" cs export pdf "$TMP/old.pdf"
  check "$what: the existing file is untouched" "$(cat "$TMP/old.pdf")" = "an older file"
}

alter "$R/garbage.pdf" pdf
refused "a PDF that is garbage after its header" "a PDF header with no objects after it (hotel.pdf)"
alter "$R/notes.pdf" pdf
refused "text stored as a PDF" "not a JPEG, PNG or PDF (hotel.pdf)"
alter "$R/cut.jpg" jpeg
refused "a JPEG cut short (no end marker)" "a JPEG that is cut short (no end marker) (hotel.pdf)"
alter "$R/half.jpg" jpeg
refused "a JPEG cut inside a segment" "a JPEG that is cut short (no end marker) (hotel.pdf)"
alter "$R/huge.png" png
refused "a PNG claiming 100000x100000 pixels" "a PNG of 100000x100000 pixels is too large (at most 100 megapixels, 30000 a side) (hotel.pdf)"
alter "$R/noend.png" png
refused "a PNG cut before IEND" "a PNG that is cut short (no IEND chunk) (hotel.pdf)"
alter "$R/badzlib.png" png
refused "a PNG whose pixels do not inflate" "a PNG whose pixels cannot be decoded (hotel.pdf)"
alter "$R/taxi.png" jpeg
refused "a PNG stored as a JPEG" "its bytes are a png, not the jpeg it is stored as (hotel.pdf)"
alter "$R/empty.jpg" jpeg
refused "no bytes at all" "its stored bytes are empty (hotel.pdf)"
alter "$R/damaged.pdf" pdf
refused "a PDF poppler cannot open" "not a PDF poppler can open (PDF document is damaged) (hotel.pdf)"

# the same two through receipt add: a PDF poppler cannot open is damaged for every use and
# refused at once (the packet would refuse it later), the same as a PNG whose pixels cannot
# be decoded; a CMYK JPEG is a sound JPEG (the workbook and receipt get take it as it is),
# which only the packet refuses, saying what to do
sqlite3 "$CONFSPEND_DB" "DELETE FROM receipt; DELETE FROM receipt_data"
expect_fail "receipt add refuses a PDF that poppler cannot open" 2 \
  "receipt: not a PDF poppler can open (PDF document is damaged) ($R/damaged.pdf)" \
  cs receipt add 1 "$R/damaged.pdf"
expect_ok "receipt add takes a CMYK JPEG" cs receipt add 1 "$R/cmyk.jpg"
expect_fail "export pdf refuses it, saying what to do" 2 \
  "receipt: receipt 2 of expense 1 cannot go in the packet: a JPEG of 4 components at 8 bits, which a PDF cannot hold as it is (save it as an 8-bit RGB or grey JPEG and attach that) (cmyk.jpg)" \
  cs export pdf "$OUT"
cs receipt rm 2 >/dev/null
check "nothing was written" "$(ls "$OUT" 2>/dev/null | wc -l)" = 0

# a PDF whose drawing is broken, with a MediaBox of no size: drawn as far as it goes, on a
# page of its own
expect_ok "receipt add of a PDF with a broken page" cs receipt add 1 "$R/broken-drawing.pdf"
expect_out "export pdf draws what poppler can" \
  "exported the packet of all expenses to $OUT: 2 pages, 1 receipt" cs export pdf "$OUT"
check "pdfinfo reads it: 2 pages" "$(pdfinfo "$OUT" | sed -n 's/^Pages: *//p')" = 2
check "the receipt's page has its caption" \
  "$(pdftotext -f 2 -l 2 "$OUT" - | head -1)" = "expense 1, 2026-11-03, Dinner, 82.40 USD"

finish
