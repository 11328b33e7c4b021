#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make receipt images that look like something when printed: a white slip of W x H
pixels with dark bars for lines of text, as a whole, valid PNG (every row written).

usage: receipt_images.py FILE W H
"""
import struct
import sys
import zlib


def slip(w, h):
    rows = []
    for y in range(h):
        line = (y // 24) % 2 == 1 and 40 < y < h - 40
        row = bytearray(b"\xff" * w)
        if line:
            end = w - 40 - (y // 24 * 37) % (w // 2)
            for x in range(40, max(41, end)):
                row[x] = 0x30
        if y < 6 or y >= h - 6:  # a frame, so the scaled size shows
            row[:] = b"\x00" * w
        row[:6] = b"\x00" * 6
        row[-6:] = b"\x00" * 6
        rows.append(b"\x00" + bytes(row))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(slip(int(sys.argv[2]), int(sys.argv[3])))
