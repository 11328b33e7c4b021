#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gen_expenses.py N DIR: a deterministic expense history for the crash and fault tests.

Writes DIR/expenses.csv with the header date,category,amount,currency,merchant,note,from,to
(valid `import csv` columns): N rows over 2015-2026, sorted by date, rides with a route.
"""
import datetime
import os
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(2026)
kinds = [("ride", 800, 6000, ["Uber", "Lyft", "Yellow Cab"]),
         ("meal", 300, 4500, ["Cafe", "Noodle Bar", "Deli"]),
         ("lodging", 6000, 30000, ["Hotel", "Friends"]),
         ("donation", 500, 5000, ["PSF"]),
         ("ticket", 10000, 70000, ["PyCon"]),
         ("travel", 5000, 60000, ["Airline", "Rail"])]
places = ["Venue", "Friends' place", "Airport", "Downtown"]
first = datetime.date(2015, 1, 1)
rows = []
for i in range(n):
    cat, lo, hi, merchants = kinds[rng.randrange(len(kinds))]
    day = first + datetime.timedelta(days=rng.randrange(4380))
    cents = rng.randrange(lo, hi)
    a, b = rng.sample(places, 2) if cat == "ride" else ("", "")
    rows.append((day.isoformat(), cat, cents, rng.choice(merchants), f"row {i}", a, b))
rows.sort()
with open(os.path.join(out, "expenses.csv"), "w") as f:
    f.write("date,category,amount,currency,merchant,note,from,to\n")
    for d, cat, cents, m, note, a, b in rows:
        f.write(f"{d},{cat},{cents // 100}.{cents % 100:02d},USD,{m},{note},{a},{b}\n")
