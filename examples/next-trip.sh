#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The story's next trip (SPEC.md, "report quote", "report direct"): back in Pittsburgh for
# a five-day sprint, the same route twice a day. Two trial days on the platforms to find a
# driver (each ride records the driver and a --rating), then the liked driver is paid
# directly what `report quote` says to offer; one morning they were busy and it was Uber.
# usage: CONFSPEND=path/to/confspend CONFSPEND_DB=trip.db examples/next-trip.sh
# (after examples/pycon-trip.sh, whose rides the quote comes from)
set -euo pipefail
cs() { "${CONFSPEND:-confspend}" "$@"; }
home="Friends' place" venue="David L. Lawrence Convention Center"

cs trip add pgh-sprint --name "Pittsburgh sprint" --start 2026-07-20 --end 2026-07-24 \
  --city Pittsburgh --currency USD >/dev/null
cs trip use pgh-sprint >/dev/null
# the offer for the usual route: the quote's offer column
offer=$(cs report quote --format csv | tr -d '\r' | sed -n 2p | awk -F, '{print $5}')

# trial days: four platform rides, four drivers, each rated
cs add ride 25.40 --date 2026-07-20 --provider uber --from "$home" --to "$venue" --tip 2 --driver "Mike" --rating 3 >/dev/null
cs add ride 23.10 --date 2026-07-20 --provider lyft --from "$venue" --to "$home" --driver "Dana" --rating 5 >/dev/null
cs add ride 26.80 --date 2026-07-21 --provider uber --from "$home" --to "$venue" --tip 3 --driver "Priya" --rating 4 >/dev/null
cs add ride 24.60 --date 2026-07-21 --provider lyft --from "$venue" --to "$home" --driver "dana " --rating 5 >/dev/null
# from day three: Dana, paid directly the quote's offer (tips on top, as before)
for day in 22 23 24; do
  if [ "$day" = 23 ]; then   # Dana was busy that morning
    cs add ride 27.30 --date "2026-07-$day" --provider uber --from "$home" --to "$venue" --tip 2 --driver "Sam" --rating 4 >/dev/null
  else
    cs add ride "$offer" --date "2026-07-$day" --provider direct --from "$home" --to "$venue" --driver Dana --rating 5 >/dev/null
  fi
  cs add ride "$offer" --date "2026-07-$day" --provider direct --from "$venue" --to "$home" --driver Dana --rating 5 >/dev/null
  cs add meal 6.50 --date "2026-07-$day" --merchant "Convention Center Cafe" --note "coffee" >/dev/null
done
cs add lodging 0 --date 2026-07-20 --nights 5 --compare-rate 189 --merchant "Friends' place" >/dev/null
cs trip use --none >/dev/null
echo "logged trip pgh-sprint: 5 platform rides, 5 direct rides at the quote's offer of $offer"
