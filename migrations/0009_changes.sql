-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 9: one command, one change, over every table.
--
-- Every write command is recorded as one row of `change`: the SQLite session extension's
-- changeset of everything it did, in any table (src/change.c). `undo` applies the inverse
-- changeset, `redo` the changeset again, so a table added later needs no undo code of
-- its own. An import keeps its expense rows out of the changeset (a million rows would
-- not fit in memory twice) and records their id range instead; an undone import parks
-- those rows in `parked_expense` until it is redone.
--
-- Ids of every table are never reused (AUTOINCREMENT): an undo can never attach an
-- expense to a different trip, and every expense gets a stable random `uid`.
-- The revision-1 history (expense rows only, as JSON) is kept as `history_v1`, read by
-- `history ID`; it is not undoable any more.

DROP TRIGGER expense_history_insert;
DROP TRIGGER expense_history_update;
DROP TRIGGER expense_history_delete;
ALTER TABLE history RENAME TO history_v1;
DROP INDEX history_expense;
CREATE INDEX history_v1_expense ON history_v1(expense_id, id);
DELETE FROM config WHERE key = 'history.batch';

CREATE TABLE change (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,                 -- Unix seconds, UTC
    kind       TEXT NOT NULL CHECK (kind = 'user' OR kind = 'post'),
    command    TEXT NOT NULL,                    -- the command line, as typed
    summary    TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'done' CHECK (state = 'done' OR state = 'undone'),
    undo_seq   INTEGER,                          -- order of the undos, for redo
    redoable   INTEGER NOT NULL DEFAULT 0 CHECK (redoable IN (0, 1)),
    changeset  BLOB NOT NULL,
    bulk_first INTEGER,                          -- an import's expense ids, kept out of
    bulk_last  INTEGER,                          -- the changeset (ids may have gaps),
    bulk_count INTEGER                           -- and how many it added
) STRICT;
CREATE INDEX change_undo ON change(kind, state, id);

CREATE TABLE trip_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    slug       TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
    name       TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date   TEXT NOT NULL CHECK (date(end_date) IS end_date),
    city       TEXT,
    currency   TEXT NOT NULL CHECK (length(currency) = 3),
    CHECK (end_date >= start_date)
) STRICT;
INSERT INTO trip_new SELECT id, slug, name, start_date, end_date, city, currency FROM trip;
DROP TABLE trip;
ALTER TABLE trip_new RENAME TO trip;
CREATE TRIGGER trip_dates_insert BEFORE INSERT ON trip
    WHEN date(NEW.start_date, '+0 days') IS NOT NEW.start_date
      OR date(NEW.end_date, '+0 days') IS NOT NEW.end_date BEGIN
    SELECT RAISE(ABORT, 'trip: no such calendar date');
END;
CREATE TRIGGER trip_dates_update BEFORE UPDATE OF start_date, end_date ON trip
    WHEN date(NEW.start_date, '+0 days') IS NOT NEW.start_date
      OR date(NEW.end_date, '+0 days') IS NOT NEW.end_date BEGIN
    SELECT RAISE(ABORT, 'trip: no such calendar date');
END;

CREATE TABLE schedule_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO schedule_new SELECT id, category, amount, currency, start_date, until_month,
    posted_month, merchant, note, trip_id, reimbursable, payment, recipient, created_at
FROM schedule;
DROP TABLE schedule;
ALTER TABLE schedule_new RENAME TO schedule;
CREATE TRIGGER schedule_date_insert BEFORE INSERT ON schedule
    WHEN date(NEW.start_date, '+0 days') IS NOT NEW.start_date BEGIN
    SELECT RAISE(ABORT, 'schedule.start_date: no such calendar date');
END;

CREATE TABLE budget_new (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    category TEXT NOT NULL CHECK (category IN
                 ('ride', 'meal', 'lodging', 'donation', 'ticket', 'travel', 'other', 'total')),
    month    TEXT NOT NULL DEFAULT '' CHECK (month = '' OR date(month || '-01') IS month || '-01'),
    trip_id  INTEGER NOT NULL DEFAULT 0,
    amount   INTEGER NOT NULL CHECK (amount >= 0),
    UNIQUE (category, month, trip_id)
) STRICT;
INSERT INTO budget_new SELECT id, category, month, trip_id, amount FROM budget;
-- a trip's budgets went with it from now on; those a removed trip left behind go now
DELETE FROM budget_new WHERE trip_id <> 0 AND trip_id NOT IN (SELECT id FROM trip);
DROP TABLE budget;
ALTER TABLE budget_new RENAME TO budget;

CREATE TABLE expense_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    category     TEXT NOT NULL CHECK (category = 'ride' OR category = 'meal' OR
                     category = 'lodging' OR category = 'donation' OR category = 'ticket' OR
                     category = 'travel' OR category = 'other'),
    amount       INTEGER NOT NULL,    -- minor units; negative for a refund
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    merchant     TEXT,
    note         TEXT,
    trip_id      INTEGER REFERENCES trip(id),
    reimbursable INTEGER NOT NULL DEFAULT 0 CHECK (reimbursable IN (0, 1)),
    payment      TEXT,
    receipt      TEXT,
    provider     TEXT CHECK (provider IS NULL OR provider = 'lyft' OR provider = 'uber' OR
                     provider = 'taxi' OR provider = 'direct' OR provider = 'transit' OR
                     provider = 'other'),
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
    import_key   TEXT,
    created_at   INTEGER NOT NULL,
    -- 32 lowercase hex digits from SQLite's randomness (seeded by the system's random
    -- source), or given by an import of an export (which checks every digit); never
    -- changed. The schema checks the length only: a check of each digit (GLOB or ltrim)
    -- costs 1 to 1.7 us a row, a third of a bulk import's time.
    uid          TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))) CHECK (length(uid) = 32)
) STRICT;
INSERT INTO expense_new(id, date, category, amount, currency, merchant, note, trip_id,
                        reimbursable, payment, receipt, provider, origin, dest, driver, tip,
                        platform_fee, shared, nights, compare_rate, recipient, schedule_id,
                        occurrence, import_key, created_at)
SELECT id, date, category, amount, currency, merchant, note, trip_id, reimbursable, payment,
    receipt, provider, origin, dest, driver, tip, platform_fee, shared, nights, compare_rate,
    recipient, schedule_id, occurrence, import_key, created_at
FROM expense;
DROP TABLE expense;
ALTER TABLE expense_new RENAME TO expense;
CREATE UNIQUE INDEX expense_occurrence ON expense(schedule_id, occurrence)
    WHERE schedule_id IS NOT NULL;
CREATE INDEX expense_trip ON expense(trip_id, date) WHERE trip_id IS NOT NULL;
CREATE INDEX expense_period ON expense(date, category, currency, amount);
-- indexes of their own, not column constraints: an import into a new database drops them
-- and builds them once at the end (a million random keys sorted, not inserted one by
-- one), and so does the undo or redo of a large import
CREATE UNIQUE INDEX expense_uid ON expense(uid);
CREATE UNIQUE INDEX expense_import_key ON expense(import_key);
CREATE INDEX expense_platform_ride
    ON expense(date, amount, tip, platform_fee, currency, origin, dest, category, provider)
    WHERE category = 'ride' AND provider IN ('lyft', 'uber');
CREATE TRIGGER expense_date_insert BEFORE INSERT ON expense
    WHEN date(NEW.date, '+0 days') IS NOT NEW.date BEGIN
    SELECT RAISE(ABORT, 'expense.date: no such calendar date');
END;
CREATE TRIGGER expense_date_update BEFORE UPDATE OF date ON expense
    WHEN date(NEW.date, '+0 days') IS NOT NEW.date BEGIN
    SELECT RAISE(ABORT, 'expense.date: no such calendar date');
END;

-- an undone import's expense rows, until it is redone (the columns of expense after
-- change_id; kept in step with expense by every later migration that changes it)
CREATE TABLE parked_expense AS SELECT 0 AS change_id, * FROM expense WHERE 0;
CREATE INDEX parked_expense_change ON parked_expense(change_id);
