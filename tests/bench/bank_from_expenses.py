#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark's bank files, made from its expenses.csv (tests/bench/run).

usage: bank_from_expenses.py EXPENSES.CSV OUTDIR [K]

OUTDIR/chase.csv      every row as a Chase card statement row (profile chase:
                      Transaction Date,Post Date,Description,Category,Type,Amount,Memo;
                      MM/DD/YYYY; purchases negative, refunds positive)
OUTDIR/generic.csv    the same rows in the generic (export csv) layout, category other:
                      the generic import of the same rows, for the ratio
OUTDIR/chase-last.csv the last K rows (default 10000) as Chase rows again, dated one day
                      later: statement rows that each match an expense of the history
"""
import csv
import datetime
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    rows = []
    with open(src, newline="") as f:
        for r in csv.DictReader(f):
            rows.append(r)
    head = ["Transaction Date", "Post Date", "Description", "Category", "Type", "Amount", "Memo"]

    def chase(path, rs, shift):
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            for r in rs:
                d = datetime.date.fromisoformat(r["date"]) + datetime.timedelta(days=shift)
                a = r["amount"]
                # the generic file's refunds are negative; Chase writes purchases negative
                amount = a[1:] if a.startswith("-") else "-" + a
                kind = "Return" if a.startswith("-") else "Sale"
                w.writerow([d.strftime("%m/%d/%Y"), d.strftime("%m/%d/%Y"),
                            r["merchant"] or "CARD PURCHASE", "Shopping", kind, amount,
                            r["note"]])

    chase(f"{out}/chase.csv", rows, 0)
    chase(f"{out}/chase-last.csv", rows[-k:], 1)
    with open(f"{out}/generic.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "category", "amount", "currency", "merchant", "note"])
        for r in rows:
            w.writerow([r["date"], "other", r["amount"], "USD", r["merchant"] or "CARD PURCHASE",
                        r["note"]])


if __name__ == "__main__":
    main()
