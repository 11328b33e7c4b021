-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 2: every insert, edit and removal of an expense is kept.
-- before/after hold the whole row as JSON so that undo can restore it exactly.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL DEFAULT (unixepoch()),
    expense_id INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after)),
    undo_of    INTEGER REFERENCES history(id),   -- set on the changes an undo made
    undone_by  INTEGER REFERENCES history(id)    -- set on a change that was undone
) STRICT;
CREATE INDEX history_expense ON history(expense_id, id);

CREATE TRIGGER expense_history_insert AFTER INSERT ON expense BEGIN
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

CREATE TRIGGER expense_history_update AFTER UPDATE ON expense BEGIN
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

CREATE TRIGGER expense_history_delete AFTER DELETE ON expense BEGIN
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
