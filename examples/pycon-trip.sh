#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The story from SPEC.md, logged as it happened: eight days at PyCon US in Pittsburgh,
# sleeping at friends' place, a ride-hail car twice a day between there and the venue,
# overpriced coffee, a ticket, a flight, and a $20/month donation to the PSF.
# usage: CONFSPEND=path/to/confspend CONFSPEND_DB=trip.db examples/pycon-trip.sh
set -euo pipefail
cs() { "${CONFSPEND:-confspend}" "$@"; }

cs config set owner "Alex Rivera" >/dev/null
cs config set department "Developer Relations" >/dev/null
cs trip add pycon-2026 --name "PyCon US 2026" --start 2026-05-13 --end 2026-05-20 \
  --city Pittsburgh --currency USD --purpose "Attend PyCon US 2026 and give a talk"
cs trip use pycon-2026 >/dev/null

cs add travel 386.40 --date 2026-04-02 --merchant "United Airlines" --note "PIT round trip" \
  --reimbursable --payment "Visa *4242" --receipt "$(dirname "$0")/receipts/united.pdf"
cs add ticket 450 --date 2026-03-15 --merchant "PyCon US" --note "Individual registration" \
  --reimbursable --payment "Visa *4242"
cs add lodging 0 --date 2026-05-13 --nights 8 --compare-rate 189 --merchant "Friends' place" \
  --note "Stayed with Sam and Jo"
cs add donation 20 --date 2026-05-15 --recipient "Python Software Foundation" --monthly \
  --no-trip

# Two rides a day, same route, platform fares that wander; some receipts show the fee.
fares=(24.80 26.10 23.95 31.40 25.60 24.20 27.75 22.90 25.05 29.30 24.45 26.65 23.70 25.85 28.10 24.95)
tips=(3 0 2 4 3 0 3 2 0 4 3 0 2 3 4 0)
i=0
for day in 13 14 15 16 17 18 19 20; do
  for leg in out back; do
    if [ $leg = out ]; then from="Friends' place"; to="David L. Lawrence Convention Center";
    else from="David L. Lawrence Convention Center"; to="Friends' place"; fi
    provider=uber; [ $((i % 3)) -eq 2 ] && provider=lyft
    extra=()
    [ "${tips[$i]}" != 0 ] && extra+=(--tip "${tips[$i]}")
    [ $i -eq 3 ] && extra+=(--platform-fee 14.20)
    cs add ride "${fares[$i]}" --date "2026-05-$day" --provider $provider \
      --from "$from" --to "$to" --reimbursable "${extra[@]}" >/dev/null
    i=$((i + 1))
  done
  cs add meal 6.50 --date "2026-05-$day" --merchant "Convention Center Cafe" --note "coffee" >/dev/null
done
cs add meal 18.40 --date 2026-05-14 --merchant "Primanti Bros" --reimbursable
cs add meal 42.00 --date 2026-05-16 --merchant "Speaker dinner" --note "Split with two friends"
cs add meal 12.75 --date 2026-05-18 --merchant "Noodle Bar" --reimbursable
cs add other 35 --date 2026-05-19 --merchant "PyLadies auction" --note "T-shirt"
cs add ride 38.90 --date 2026-05-21 --provider taxi --from "Friends' place" --to "PIT airport" \
  --reimbursable --merchant "Yellow Cab"
cs add meal 6.50 --date 2026-05-16 --merchant "Convention Center Cafe" --refund --note "wrong order, refunded"

# Budgets: a monthly budget at home, and what the trip was allowed.
cs budget set ride 150 >/dev/null
cs budget set meal 250 >/dev/null
cs budget set donation 20 >/dev/null
cs budget set total 1200 >/dev/null
cs budget set ride 250 --trip pycon-2026 >/dev/null
cs budget set meal 150 --trip pycon-2026 >/dev/null
cs budget set total 1500 --trip pycon-2026 >/dev/null
