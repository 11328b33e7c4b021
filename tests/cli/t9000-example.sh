# SPDX-License-Identifier: GPL-3.0-or-later
# The README's main job: the story trip of examples/ logs cleanly and its reports hold.
. "$(dirname "$0")/lib.sh"
export CONFSPEND_TODAY=2026-07-31
expect_ok "example logs" env CONFSPEND="$CONFSPEND" bash "$SRCDIR/examples/pycon-trip.sh"
expect_out "36 expenses, 3 donations posted" "36|3" sql "SELECT count(*), sum(category = 'donation') FROM expense"
# 16 platform rides (fares 414.75 with 33.00 of tips) + a 38.90 taxi = 453.65 against 150
expect_out "the month the rides killed" "category,budget,actual,remaining,used_pct,direct_actual
ride,150.00,453.65,-303.65,302.4,358.02
meal,250.00,118.65,131.35,47.5,118.65
lodging,,0.00,,,0.00
donation,20.00,20.00,0.00,100.0,20.00
other,,35.00,,,35.00
total,1200.00,627.30,572.70,52.3,531.67" bash -c "\"$CONFSPEND\" report budget --month 2026-05 --format csv | tr -d '\r'"
# direct_cost = paid - expected savings (rev 2): 381.75 - 56.88 = 324.87
expect_out "rides with a trial and 80% availability" "TOTAL,16,12,381.75,190.41,191.34,324.87,71.08,71.14,56.88" \
  bash -c "\"$CONFSPEND\" report rides --trip pycon-2026 --trial-days 2 --availability 0.8 --format csv | tr -d '\r' | tail -1"

# --- the next trip (rev 2) --------------------------------------------------------------
# quote: the 16 fares without tips, sorted: 20.90 21.45 21.70 21.80 21.95 22.60 22.85 24.10
#  24.20 24.75 24.95 25.05 25.30 26.10 26.65 27.40: median (24.10 + 24.20) / 2 = 24.15;
#  D (c 0.5, the 31.40 ride's fee 14.20 of 27.40: 13.20), sorted: 10.45 10.73 10.85 10.90
#  10.98 11.30 11.43 12.05 12.10 12.38 12.48 12.53 12.65 13.05 13.20 13.33: median
#  round(12.075) = 12.08; offer 12.08 + round(0.5 x 12.07 = 6.035) = 18.12
ROUTE="David L. Lawrence Convention Center <-> Friends' place"
expect_out "quote for the usual route" "route,rides,median_fare,driver_take,offer,rider_saves,driver_gains
$ROUTE,16,24.15,12.08,18.12,6.03,6.04" bash -c "\"$CONFSPEND\" report quote --format csv | tr -d '\r'"
# plan, 5 days like the 8-day trip, 2 trial days: E = the model's expected savings over its
# 16 rides, all eligible (trial days ignored, A 1): report rides says 95.63;
#  ride round(414.75 x 5 / 8 = 259.21875) = 259.22, saving round(95.63 x 3 / 8 = 35.86125)
#  = 35.86, with 223.36; meal round(118.65 x 5 / 8 = 74.15625) = 74.16; other 21.88;
#  ticket and travel are dated before the trip's start, the taxi after its end: left out
expect_out "E of the plan" "95.63" bash -c "\"$CONFSPEND\" report rides --trip pycon-2026 --format csv | tr -d '\r' | tail -1 | cut -d, -f10"
expect_out "plan like the first trip" "category,past,forecast,with_arrangement
ride,414.75,259.22,223.36
meal,118.65,74.16,74.16
lodging,0.00,0.00,0.00
other,35.00,21.88,21.88
total,568.40,355.26,319.40" bash -c "\"$CONFSPEND\" report plan --like pycon-2026 --days 5 --trial-days 2 --format csv | tr -d '\r'"
expect_ok "next trip logs" env CONFSPEND="$CONFSPEND" bash "$SRCDIR/examples/next-trip.sh"
# direct: R = the median of 21 platform fares now (the 16, and 23.40 23.10 23.80 24.60
#  25.30): the 11th, 24.10; 5 rides at 18.12 = 90.60 against 5 x 24.10 = 120.50, saved
#  29.90; the driver's platform take 5 x round(12.05) = 60.25, their gain 30.35
expect_out "direct rides of the next trip" "route,rides,paid,platform_fare,saved,driver_platform_take,driver_gain
$ROUTE,5,90.60,120.50,29.90,60.25,30.35
TOTAL,5,90.60,120.50,29.90,60.25,30.35" bash -c "\"$CONFSPEND\" report direct --trip pgh-sprint --format csv | tr -d '\r'"
# drivers: Dana (written "Dana" and "dana "): 2 platform rides 23.10 + 24.60 = 47.70,
#  D 23.85, 5 direct, all rated 5
expect_out "the driver kept" "Dana,7,2,5,1,5.0,47.70,23.85,2026-07-24" \
  bash -c "\"$CONFSPEND\" report drivers --trip pgh-sprint --format csv | tr -d '\r' | grep ^Dana"
finish
