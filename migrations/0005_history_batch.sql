-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 5: a bulk import is kept in the history as one entry
-- ('import', with the first and last id it added) instead of one JSON copy per row, so a
-- million-row import does not write a million history rows. While the config key
-- 'history.batch' exists (only inside an import's transaction) the row triggers are quiet.
CREATE TABLE history_new (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL DEFAULT (unixepoch()),
    expense_id INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import')),
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after)),
    undo_of    INTEGER REFERENCES history_new(id),
    undone_by  INTEGER REFERENCES history_new(id)
) STRICT;
INSERT INTO history_new SELECT id, at, expense_id, action, before, after, undo_of, undone_by
FROM history;
DROP TRIGGER expense_history_insert;
DROP TRIGGER expense_history_update;
DROP TRIGGER expense_history_delete;
DROP TABLE history;
ALTER TABLE history_new RENAME TO history;
CREATE INDEX history_expense ON history(expense_id, id);

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
