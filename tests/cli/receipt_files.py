#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make receipt files for the tests: good and bad JPEG, PNG and PDF, byte for byte.

usage: receipt_files.py DIR            the named files below
       receipt_files.py DIR N SIZE     N distinct JPEGs of SIZE bytes (the benchmark)
"""
import os
import random
import struct
import sys
import zlib

# A complete 1x1 JPEG (JFIF, a quantisation table, an arithmetic-coded frame SOF9 with
# its DAC segment, one scan, EOI): the smallest well-formed JPEG there is.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010101004800480000"
    "ffdb004300030202020202030202020303030304060404040404080606050609080a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010"
    "ffc9000b080001000101011100"
    "ffcc000600101005"
    "ffda0008010100003f00d2cf20"
    "ffd9")


def jpeg_padded(size, rnd):
    """A JPEG of exactly SIZE bytes: the one above with APP15 segments of random bytes."""
    body = JPEG[2:]
    need = size - len(JPEG)
    segs = []
    while need > 0:
        n = min(need - 4, 65533) if need > 4 else 0
        if need - 4 - n in (1, 2, 3):  # keep room for a whole segment header
            n -= 4
        segs.append(b"\xff\xef" + struct.pack(">H", n + 2) + rnd.randbytes(n))
        need -= n + 4
    return b"\xff\xd8" + b"".join(segs) + body


def png(w, h, idat=True, iend=True):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * w for _ in range(min(h, 4)))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    if idat:
        out += chunk(b"IDAT", zlib.compress(raw))
    if iend:
        out += chunk(b"IEND", b"")
    return out


PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
       b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
       b"trailer << /Root 1 0 R >>\nstartxref\n0\n%%EOF\n")


def pdf_text_pages(lines):
    """A well-formed PDF (a real xref table) of one page per text in LINES, each page's text
    drawn in Helvetica: text that pdftotext finds again once the page is drawn as vectors."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in lines:
        content = b"BT /F1 18 Tf 40 300 Td (" + text.encode() + b") Tj ET 0 0 1 RG 30 30 m 330 30 l S"
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 360 360] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R >> >> >>" % (len(objs)))
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + \
        b"] /Count %d >>" % len(kids)
    out, offs = b"%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


# The 1x1 JPEG with a frame of 4 components (CMYK): well formed, but a PDF's DCTDecode
# image of it would need a /DeviceCMYK colour space and Adobe's inverted values.
JPEG_CMYK = (JPEG[:JPEG.index(b"\xff\xc9")] + bytes.fromhex("ffc90014080001000104011100021100031100041100")
             + JPEG[JPEG.index(b"\xff\xcc"):])


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    if len(sys.argv) == 4:
        n, size = int(sys.argv[2]), int(sys.argv[3])
        rnd = random.Random(42)
        for i in range(n):
            with open(os.path.join(d, "r%04d.jpg" % i), "wb") as f:
                f.write(jpeg_padded(size, rnd))
        return
    files = {
        "dinner.jpg": JPEG,
        "taxi.png": png(3, 2),
        "hotel.pdf": PDF,
        "copy-of-dinner.JPG": JPEG,              # the same bytes under another name
        "photo.jpeg.txt": jpeg_padded(4096, random.Random(1)),  # a JPEG whatever its name
        "notes.pdf": b"just some text, not a PDF\n",
        "cut.jpg": JPEG[:-2],                   # no EOI: cut short
        "half.jpg": JPEG[:60],                  # cut inside a segment
        "huge.png": png(100000, 100000),        # a header claiming 10^10 pixels
        "noend.png": png(3, 2, iend=False),     # cut before IEND
        "garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8,  # nothing after the header
        "empty.jpg": b"",
        "taxi-2p.pdf": pdf_text_pages(["Yellow Cab fare 31.20", "Yellow Cab page two"]),
        "damaged.pdf": b"%PDF-1.4\n1 0 obj\n(not a catalog)\nendobj\ntrailer\n<< >>\nstartxref\n0\n%%EOF\n",
        "cmyk.jpg": JPEG_CMYK,
        "big.pdf": PDF[:-6] + b"%" + b"x" * (26 * 1024 * 1024) + b"\n%%EOF\n",  # 26 MiB
    }
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


main()
