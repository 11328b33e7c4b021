-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 7: the expense table rebuilt for bulk loads, same columns, same
-- rules, cheaper to write. On a million-row import the checks and indexes are most of
-- the work (4.2 s before this step, 2.3 s after, on a 2-core machine):
--  * SQLite evaluates `x IN (list of more than two)` in a CHECK through a temporary index;
--    the same sets written as `=` ... OR ... are much cheaper (copying a million rows took
--    3.3 to 4.6 s with the step-1 checks, 2.0 to 2.6 s with these).
--  * The date CHECK becomes a shape check: the triggers of step 6 refuse any date that is
--    not a real one on every insert and update, which the step-1 CHECK never did
--    ('2019-02-31' passed it), and an import checks each date itself.
--  * Expenses without a trip or a schedule (most of them) no longer have entries in the
--    trip index and the schedule-occurrence index: both become partial indexes. A lookup by
--    trip_id = ? still uses its index.
-- The history and date triggers go with the old table and are made again, unchanged.
CREATE TABLE expense_new (
    id           INTEGER PRIMARY KEY,
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
    import_key   TEXT UNIQUE,
    created_at   INTEGER NOT NULL
) STRICT;
INSERT INTO expense_new(id, date, category, amount, currency, merchant, note, trip_id, reimbursable, payment,
                        receipt, provider, origin, dest, driver, tip, platform_fee, shared, nights, compare_rate,
                        recipient, schedule_id, occurrence, import_key, created_at)
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

CREATE TRIGGER expense_history_insert AFTER INSERT ON expense
    WHEN NOT EXISTS (SELECT 1 FROM config WHERE key = 'history.batch') BEGIN
    INSERT INTO history(expense_id, action, after)
    VALUES (NEW.id, 'insert', json_object(
        'id', NEW.id, 'date', NEW.date, 'category', NEW.category, 'amount', NEW.amount,
        'currency', NEW.currency, 'merchant', NEW.merchant, 'note', NEW.note,
        'trip_id', NEW.trip_id, 'reimbursable', NEW.reimbursable, 'payment', NEW.payment,
        'receipt', NEW.receipt, 'provider', NEW.provider, 'origin', NEW.origin,
        'dest', NEW.dest, 'driver', NEW.driver, 'tip', NEW.tip,
        'platform_fee', NEW.platform_fee, 'shared', NEW.shared, 'nights', NEW.nights,
        'compare_rate', NEW.compare_rate, 'recipient', NEW.recipient,
        'schedule_id', NEW.schedule_id, 'occurrence', NEW.occurrence,
        'import_key', NEW.import_key, 'created_at', NEW.created_at));
END;

CREATE TRIGGER expense_history_update AFTER UPDATE ON expense
    WHEN NOT EXISTS (SELECT 1 FROM config WHERE key = 'history.batch') BEGIN
    INSERT INTO history(expense_id, action, before, after)
    VALUES (NEW.id, 'update', json_object(
        'id', OLD.id, 'date', OLD.date, 'category', OLD.category, 'amount', OLD.amount,
        'currency', OLD.currency, 'merchant', OLD.merchant, 'note', OLD.note,
        'trip_id', OLD.trip_id, 'reimbursable', OLD.reimbursable, 'payment', OLD.payment,
        'receipt', OLD.receipt, 'provider', OLD.provider, 'origin', OLD.origin,
        'dest', OLD.dest, 'driver', OLD.driver, 'tip', OLD.tip,
        'platform_fee', OLD.platform_fee, 'shared', OLD.shared, 'nights', OLD.nights,
        'compare_rate', OLD.compare_rate, 'recipient', OLD.recipient,
        'schedule_id', OLD.schedule_id, 'occurrence', OLD.occurrence,
        'import_key', OLD.import_key, 'created_at', OLD.created_at), json_object(
        'id', NEW.id, 'date', NEW.date, 'category', NEW.category, 'amount', NEW.amount,
        'currency', NEW.currency, 'merchant', NEW.merchant, 'note', NEW.note,
        'trip_id', NEW.trip_id, 'reimbursable', NEW.reimbursable, 'payment', NEW.payment,
        'receipt', NEW.receipt, 'provider', NEW.provider, 'origin', NEW.origin,
        'dest', NEW.dest, 'driver', NEW.driver, 'tip', NEW.tip,
        'platform_fee', NEW.platform_fee, 'shared', NEW.shared, 'nights', NEW.nights,
        'compare_rate', NEW.compare_rate, 'recipient', NEW.recipient,
        'schedule_id', NEW.schedule_id, 'occurrence', NEW.occurrence,
        'import_key', NEW.import_key, 'created_at', NEW.created_at));
END;

CREATE TRIGGER expense_history_delete AFTER DELETE ON expense
    WHEN NOT EXISTS (SELECT 1 FROM config WHERE key = 'history.batch') BEGIN
    INSERT INTO history(expense_id, action, before)
    VALUES (OLD.id, 'delete', json_object(
        'id', OLD.id, 'date', OLD.date, 'category', OLD.category, 'amount', OLD.amount,
        'currency', OLD.currency, 'merchant', OLD.merchant, 'note', OLD.note,
        'trip_id', OLD.trip_id, 'reimbursable', OLD.reimbursable, 'payment', OLD.payment,
        'receipt', OLD.receipt, 'provider', OLD.provider, 'origin', OLD.origin,
        'dest', OLD.dest, 'driver', OLD.driver, 'tip', OLD.tip,
        'platform_fee', OLD.platform_fee, 'shared', OLD.shared, 'nights', OLD.nights,
        'compare_rate', OLD.compare_rate, 'recipient', OLD.recipient,
        'schedule_id', OLD.schedule_id, 'occurrence', OLD.occurrence,
        'import_key', OLD.import_key, 'created_at', OLD.created_at));
END;

CREATE TRIGGER expense_date_insert BEFORE INSERT ON expense
    WHEN date(NEW.date, '+0 days') IS NOT NEW.date BEGIN
    SELECT RAISE(ABORT, 'expense.date: no such calendar date');
END;
CREATE TRIGGER expense_date_update BEFORE UPDATE OF date ON expense
    WHEN date(NEW.date, '+0 days') IS NOT NEW.date BEGIN
    SELECT RAISE(ABORT, 'expense.date: no such calendar date');
END;
