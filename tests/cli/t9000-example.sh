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
expect_out "rides with a trial and 80% availability" "TOTAL,16,12,381.75,190.41,191.34,310.67,71.08,71.14,56.88" \
  bash -c "\"$CONFSPEND\" report rides --trip pycon-2026 --trial-days 2 --availability 0.8 --format csv | tr -d '\r' | tail -1"
finish
