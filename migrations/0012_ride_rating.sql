-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 12 (rev 2, "the arrangement, lived"): how much the rider liked a
-- ride's driver, and the indexes the ride reports read.
--
-- `rating` (1..5, NULL when not given) is set by `add|edit ride --rating N` and averaged
-- by `report drivers`. parked_expense keeps the columns of expense after change_id (0009).
--
-- The ride reports read every ride they use from a covering partial index, so other
-- expenses cost nothing to add and a million-row history is read in index order:
-- platform rides (lyft, uber) now with trip_id, for the trial days that count from a
-- ride's trip start (`report rides`, `quote`, `plan`, `direct`'s reference fares);
-- rides paid to a driver directly (`report direct`); rides that name a driver
-- (`report drivers`).
ALTER TABLE expense ADD COLUMN rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5);
ALTER TABLE parked_expense ADD COLUMN rating INTEGER;
DROP INDEX expense_platform_ride;
CREATE INDEX expense_platform_ride
    ON expense(date, amount, tip, platform_fee, currency, origin, dest, trip_id, category,
               provider, base_currency, base_amount)
    WHERE category = 'ride' AND provider IN ('lyft', 'uber');
CREATE INDEX expense_direct_ride
    ON expense(date, amount, tip, currency, origin, dest, category, provider, base_currency,
               base_amount)
    WHERE category = 'ride' AND provider = 'direct';
CREATE INDEX expense_driver_ride
    ON expense(date, driver, provider, amount, tip, platform_fee, currency, origin, dest,
               rating, trip_id, category, base_currency, base_amount)
    WHERE category = 'ride' AND driver IS NOT NULL;
