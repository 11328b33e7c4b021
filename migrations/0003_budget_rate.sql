-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 3: budgets and exchange rates.
-- A budget's scope is the default month (scope = ''), one month ('2026-11') or one trip
-- (trip_id set). rate_e9 is RATE * 10^9: 1 unit of currency = rate_e9 / 10^9 base units.
CREATE TABLE budget (
    id       INTEGER PRIMARY KEY,
    category TEXT NOT NULL CHECK (category IN
                 ('ride', 'meal', 'lodging', 'donation', 'ticket', 'travel', 'other', 'total')),
    month    TEXT NOT NULL DEFAULT '' CHECK (month = '' OR date(month || '-01') IS month || '-01'),
    trip_id  INTEGER NOT NULL DEFAULT 0,
    amount   INTEGER NOT NULL CHECK (amount >= 0),
    UNIQUE (category, month, trip_id)
) STRICT;

CREATE TABLE rate (
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    date     TEXT NOT NULL CHECK (date(date) IS date),
    rate_e9  INTEGER NOT NULL CHECK (rate_e9 > 0),
    PRIMARY KEY (currency, date)
) STRICT, WITHOUT ROWID;
