-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 14: receipts kept in the database, claims, payments and policy.
--
-- A receipt's bytes are stored once per content (receipt_data, keyed by SHA-256), however
-- many expenses use them; `receipt` links one expense to one stored file under the file's
-- own name. The bytes are written with SQLite's incremental blob I/O (a zeroblob, then
-- chunks), so a 25 MiB file is never held whole in memory by confspend. Every table here
-- is part of the change log (src/change.c), so `undo`, `redo` and `backup` carry them.
-- The revision-1 `expense.receipt` text (a path) stays as it is: a note about a receipt,
-- not a stored one.

CREATE TABLE receipt_data (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256  TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    type    TEXT NOT NULL CHECK (type IN ('jpeg', 'png', 'pdf')),
    bytes   INTEGER NOT NULL CHECK (bytes BETWEEN 1 AND 26214400),
    data    BLOB NOT NULL
) STRICT;

CREATE TABLE receipt (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    expense_id INTEGER NOT NULL REFERENCES expense(id),
    data_id    INTEGER NOT NULL REFERENCES receipt_data(id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    UNIQUE (expense_id, data_id)
) STRICT;
CREATE INDEX receipt_data_use ON receipt(data_id);

-- A claim: the reimbursable expenses gathered by `claim new`, in the base currency of the
-- day it was made. Status: draft -> submitted -> approved -> partly paid / paid, or
-- rejected from submitted or approved (which frees its expenses for a new claim).
CREATE TABLE claim (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    title     TEXT,
    status    TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                  ('draft', 'submitted', 'approved', 'partly paid', 'paid', 'rejected')),
    currency  TEXT NOT NULL CHECK (length(currency) = 3),
    created   TEXT NOT NULL CHECK (date(created) IS created),
    submitted TEXT CHECK (submitted IS NULL OR date(submitted) IS submitted),
    approved  TEXT CHECK (approved IS NULL OR date(approved) IS approved),
    rejected  TEXT CHECK (rejected IS NULL OR date(rejected) IS rejected),
    note      TEXT
) STRICT;

CREATE TABLE claim_expense (
    claim_id   INTEGER NOT NULL REFERENCES claim(id),
    expense_id INTEGER NOT NULL REFERENCES expense(id),
    PRIMARY KEY (claim_id, expense_id)
) STRICT;
CREATE INDEX claim_expense_expense ON claim_expense(expense_id);

CREATE TABLE claim_payment (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id INTEGER NOT NULL REFERENCES claim(id),
    date     TEXT NOT NULL CHECK (date(date) IS date),
    amount   INTEGER NOT NULL CHECK (amount > 0) -- minor units of the claim's currency
) STRICT;
CREATE INDEX claim_payment_claim ON claim_payment(claim_id, date);

-- The policy a claim is checked against: amounts in minor units of CURRENCY (the base
-- currency when set), a percent for tip-max, days for claim-within.
CREATE TABLE policy (
    key      TEXT PRIMARY KEY CHECK (key IN ('receipt-over', 'meal-per-day', 'tip-max', 'claim-within')),
    value    INTEGER NOT NULL CHECK (value >= 0),
    currency TEXT CHECK (currency IS NULL OR length(currency) = 3)
) STRICT;
