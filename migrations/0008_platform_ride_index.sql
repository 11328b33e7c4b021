-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 8: the ride model reads a period's platform rides (Lyft, Uber)
-- for `report rides` and for direct_actual in every `report budget`. Without this index a
-- month's rides were found through expense_period and then each looked up in the table to
-- read its provider and route: on a million-row history (about 2,800 rides a month) that
-- made a one-month budget report half again as slow. The index holds platform rides only,
-- so other expenses cost nothing to add, and it covers the query.
CREATE INDEX expense_platform_ride
    ON expense(date, amount, tip, platform_fee, currency, origin, dest, category, provider)
    WHERE category = 'ride' AND provider IN ('lyft', 'uber');
