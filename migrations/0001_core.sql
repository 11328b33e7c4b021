-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 1: configuration, trips, expenses and recurring schedules.
-- Money is INTEGER minor units of the row's currency; dates are ISO text checked here.
CREATE TABLE config (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE trip (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
    name       TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date   TEXT NOT NULL CHECK (date(end_date) IS end_date),
    city       TEXT,
    currency   TEXT NOT NULL CHECK (length(currency) = 3),
    CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE schedule (
    id           INTEGER PRIMARY KEY,
    category     TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount > 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    start_date   TEXT NOT NULL CHECK (date(start_date) IS start_date),
    until_month  TEXT CHECK (until_month IS NULL OR date(until_month || '-01') IS until_month || '-01'),
    posted_month TEXT,                -- the newest month whose occurrence has been posted
    merchant     TEXT,
    note         TEXT,
    trip_id      INTEGER REFERENCES trip(id),
    reimbursable INTEGER NOT NULL DEFAULT 0 CHECK (reimbursable IN (0, 1)),
    payment      TEXT,
    recipient    TEXT,
    created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE expense (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL CHECK (date(date) IS date),
    category     TEXT NOT NULL CHECK (category IN
                     ('ride', 'meal', 'lodging', 'donation', 'ticket', 'travel', 'other')),
    amount       INTEGER NOT NULL,    -- minor units; negative for a refund
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    merchant     TEXT,
    note         TEXT,
    trip_id      INTEGER REFERENCES trip(id),
    reimbursable INTEGER NOT NULL DEFAULT 0 CHECK (reimbursable IN (0, 1)),
    payment      TEXT,
    receipt      TEXT,
    provider     TEXT CHECK (provider IS NULL OR provider IN
                     ('lyft', 'uber', 'taxi', 'direct', 'transit', 'other')),
    origin       TEXT,
    dest         TEXT,
    driver       TEXT,
    tip          INTEGER CHECK (tip IS NULL OR tip >= 0),
    platform_fee INTEGER CHECK (platform_fee IS NULL OR platform_fee >= 0),
    shared       INTEGER CHECK (shared IS NULL OR shared IN (0, 1)),
    nights       INTEGER CHECK (nights IS NULL OR nights > 0),
    compare_rate INTEGER CHECK (compare_rate IS NULL OR compare_rate >= 0),
    recipient    TEXT,
    schedule_id  INTEGER REFERENCES schedule(id),
    occurrence   TEXT,                -- YYYY-MM of a posted schedule occurrence
    import_key   TEXT UNIQUE,
    created_at   INTEGER NOT NULL,
    UNIQUE (schedule_id, occurrence)
) STRICT;

CREATE INDEX expense_date ON expense(date, category);
CREATE INDEX expense_trip ON expense(trip_id, date);
