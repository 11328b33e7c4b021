#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read a confspend workbook back with openpyxl and print it as plain text, so the CLI
tests can compare it with what they expect.

xlsx_check.py dump FILE [SHEET...]
    One line per non-empty cell: COORD TYPE VALUE [-> CACHED] [FORMAT]. The workbook is
    loaded twice: once for formulas (TYPE f, VALUE the formula text) and once for the
    values a viewer that does not recalculate shows (CACHED). Dates print as YYYY-MM-DD;
    a date with a time of day prints as TIMESTAMP after checking it is within ten minutes
    of now (UTC). A hyperlink adds "link TARGET" ("link #SHEET!CELL" for a link inside
    the workbook).
xlsx_check.py meta FILE
    Sheet names in order, then per sheet its frozen pane, autofilter range and charts,
    and the document title and author.
xlsx_check.py column FILE SHEET COL
    The values of column COL below its header, on one line (the empty ones as "-").
xlsx_check.py poison FILE OUT
    Copy FILE to OUT with every formula's cached value replaced by 999999, so that a
    spreadsheet that shows the right figures for OUT must have recalculated them.
xlsx_check.py compare FILE RECALCULATED
    Compare every formula's cached value in FILE with the value at the same cell in
    RECALCULATED (a copy some spreadsheet recalculated and saved): prints each mismatch,
    then "N formulas, M differ"; exits 1 when one differs or there is no formula.

Run it with /usr/bin/python3 (Debian's python3-openpyxl).
"""
import datetime
import re
import sys
import zipfile

import openpyxl


def show(v):
    if isinstance(v, datetime.datetime):
        if (v.hour, v.minute, v.second) == (0, 0, 0):
            return v.strftime("%Y-%m-%d")
        now = datetime.datetime.utcnow()
        if abs((now - v).total_seconds()) > 600:
            return "STALE " + v.isoformat()
        return "TIMESTAMP"
    if isinstance(v, float) and v.is_integer():
        return repr(int(v))
    return repr(v) if not isinstance(v, str) else v.replace("\n", "\\n")


def dump(path, sheets):
    wf = openpyxl.load_workbook(path, data_only=False)
    wv = openpyxl.load_workbook(path, data_only=True)
    for name in sheets or wf.sheetnames:
        print("== " + name)
        ws, vs = wf[name], wv[name]
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                line = "%s %s %s" % (c.coordinate, c.data_type, show(c.value))
                if c.data_type == "f":
                    line += " -> " + show(vs[c.coordinate].value)
                if c.number_format != "General":
                    line += " [%s]" % c.number_format
                if c.hyperlink is not None:
                    line += " link " + (c.hyperlink.target or "#" + str(c.hyperlink.location))
                print(line)


def meta(path):
    wb = openpyxl.load_workbook(path)
    print("sheets " + " ".join(wb.sheetnames))
    for ws in wb:
        print("%s freeze=%s filter=%s charts=%d" % (ws.title, ws.freeze_panes,
                                                    ws.auto_filter.ref, len(ws._charts)))
    print("title=%s author=%s" % (wb.properties.title, wb.properties.creator))


def column(path, sheet, col):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    cells = [c.value for c in ws[col][1:]]
    while cells and cells[-1] is None:
        cells.pop()
    print(" ".join("-" if v is None else show(v) for v in cells))


def poison(path, out):
    cell = re.compile(rb"(<f>[^<]*</f><v>)[^<]*(</v>)")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = cell.sub(rb"\g<1>999999\g<2>", data)
            zout.writestr(item, data)


def compare(path, recalculated):
    wf = openpyxl.load_workbook(path, data_only=False)
    wv = openpyxl.load_workbook(path, data_only=True)
    wr = openpyxl.load_workbook(recalculated, data_only=True)
    n = bad = 0
    for ws in wf:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                n += 1
                want = wv[ws.title][c.coordinate].value
                got = wr[ws.title][c.coordinate].value
                same = isinstance(want, (int, float)) and isinstance(got, (int, float)) \
                    and abs(want - got) < 1e-9 * max(1.0, abs(want))
                if not same:
                    bad += 1
                    print("%s!%s %s: cached %r, recalculated %r"
                          % (ws.title, c.coordinate, c.value, want, got))
    print("%d formulas, %d differ" % (n, bad))
    sys.exit(1 if bad or not n else 0)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    if argv[1] == "dump":
        dump(argv[2], argv[3:])
    elif argv[1] == "meta":
        meta(argv[2])
    elif argv[1] == "column" and len(argv) == 5:
        column(argv[2], argv[3], argv[4])
    elif argv[1] == "poison" and len(argv) == 4:
        poison(argv[2], argv[3])
    elif argv[1] == "compare" and len(argv) == 4:
        compare(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
