-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 11: what the import of real sources needs (SPEC "Import from
-- real sources"): the user's rules, where an expense came from, and the statement row
-- that confirmed an expense logged by hand.
--
-- rule: applied in id order to every row of a real source (bank/card csv, ride-hail
-- export, OFX); the first whose glob PATTERN matches the whole FIELD wins; the built-in
-- rules (src/rule.c) come after these. A rule's trip is by id, without a foreign key: a
-- trip the rule names may be removed, and the import then says so.
CREATE TABLE rule (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern      TEXT NOT NULL CHECK (length(pattern) > 0),
    field        TEXT NOT NULL DEFAULT 'merchant'
                     CHECK (field = 'merchant' OR field = 'note' OR field = 'any'),
    category     TEXT CHECK (category IS NULL OR category = 'ride' OR category = 'meal' OR
                     category = 'lodging' OR category = 'donation' OR category = 'ticket' OR
                     category = 'travel' OR category = 'other'),
    provider     TEXT CHECK (provider IS NULL OR provider = 'lyft' OR provider = 'uber' OR
                     provider = 'taxi' OR provider = 'direct' OR provider = 'transit' OR
                     provider = 'other'),
    trip_id      INTEGER,
    reimbursable INTEGER CHECK (reimbursable IS NULL OR reimbursable IN (0, 1)),
    merchant     TEXT,
    skip         INTEGER NOT NULL DEFAULT 0 CHECK (skip IN (0, 1))
) STRICT;

-- expense.source: 'statement' for a row of a bank, card or OFX statement, 'export' for a
-- row of a ride-hail export, NULL for anything else (typed, posted, generic csv). Only an
-- expense that is not 'statement' can be matched by a statement row.
-- expense.statement, statement_key: the statement row that confirmed this expense (its
-- date and text, and its import key, so importing the statement again adds nothing).
ALTER TABLE expense ADD COLUMN source TEXT
    CHECK (source IS NULL OR source = 'statement' OR source = 'export');
ALTER TABLE expense ADD COLUMN statement TEXT;
ALTER TABLE expense ADD COLUMN statement_key TEXT;
ALTER TABLE parked_expense ADD COLUMN source TEXT;
ALTER TABLE parked_expense ADD COLUMN statement TEXT;
ALTER TABLE parked_expense ADD COLUMN statement_key TEXT;
CREATE UNIQUE INDEX expense_statement_key ON expense(statement_key)
    WHERE statement_key IS NOT NULL;

-- statement_match: the confirmations an import made, one row per expense it confirmed;
-- its triggers keep expense.statement and statement_key equal to it. An import records
-- its own new expenses by their id range, not in its changeset (change.c): so what it does
-- to expenses it did not add goes here, a small table the changeset holds cheaply (10,000
-- updates of expense rows would cost the session a copy of each whole row), and undo and
-- redo, which apply that changeset, clear and set the columns again through the triggers.
CREATE TABLE statement_match (
    expense_id INTEGER PRIMARY KEY,
    statement  TEXT NOT NULL,
    key        TEXT NOT NULL
) STRICT;
CREATE TRIGGER statement_match_insert AFTER INSERT ON statement_match BEGIN
    UPDATE expense SET statement = NEW.statement, statement_key = NEW.key
        WHERE id = NEW.expense_id;
END;
CREATE TRIGGER statement_match_delete AFTER DELETE ON statement_match BEGIN
    UPDATE expense SET statement = NULL, statement_key = NULL
        WHERE id = OLD.expense_id AND statement_key IS OLD.key;
END;
-- the matcher's lookup: same amount and currency, a date within 3 days
CREATE INDEX expense_match ON expense(amount, currency, date);
