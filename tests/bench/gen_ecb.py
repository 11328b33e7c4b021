#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A synthetic ECB reference-rate history in the real eurofxref-hist.csv layout.

gen_ecb.py DATES OUT  ->  OUT: header Date,USD,JPY,...,ZAR, (41 currencies and the trailing
comma of the real file), DATES business days newest first back from 2026-11-30, values per
1 EUR as a random walk written with the ECB's decimals and trailing zeros stripped, N/A
for the currencies the ECB no longer quotes (30 quoted ones, as today).
"""
import datetime, random, sys

n = int(sys.argv[1]); out = sys.argv[2]
cols = ("USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,"
        "HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR").split(",")
gone = {"CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "HRK", "RUB", "TRL"}
start = {"USD": (1.1, 4), "JPY": (160, 2), "BGN": (1.9558, 4), "CZK": (25, 3), "DKK": (7.45, 4),
         "GBP": (0.85, 5), "HUF": (390, 2), "PLN": (4.3, 4), "RON": (4.9, 4), "SEK": (11, 4),
         "CHF": (0.95, 4), "ISK": (150, 1), "NOK": (11.5, 4), "TRY": (40, 4), "AUD": (1.65, 4),
         "BRL": (6, 4), "CAD": (1.5, 4), "CNY": (7.8, 4), "HKD": (8.5, 4), "IDR": (17500, 2),
         "ILS": (4, 4), "INR": (93, 4), "KRW": (1500, 2), "MXN": (20, 4), "MYR": (4.7, 4),
         "NZD": (1.8, 4), "PHP": (62, 3), "SGD": (1.4, 4), "THB": (35, 3), "ZAR": (19.7, 4)}
rng = random.Random(10)
level = {c: v for c, (v, _) in start.items()}
d = datetime.date(2026, 11, 30)
lines = ["Date," + ",".join(cols) + ","]
while len(lines) <= n:
    if d.weekday() < 5:
        cells = []
        for c in cols:
            if c in gone:
                cells.append("N/A")
                continue
            level[c] *= 1 + rng.uniform(-0.004, 0.004)
            s = f"{level[c]:.{start[c][1]}f}".rstrip("0").rstrip(".")
            cells.append(s)
        lines.append(d.isoformat() + "," + ",".join(cells) + ",")
    d -= datetime.timedelta(days=1)
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
