-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 13: places and trip defaults (SPEC "Quick entry and queries").
--
-- A place is a short ALIAS (home, venue) for the NAME a ride's --from/--to stores. The
-- alias is compared ignoring ASCII case (NOCASE); the name is the text as the user wrote
-- it. Like every table, it is undoable through the change log with no code of its own.
CREATE TABLE place (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    alias TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(alias) BETWEEN 1 AND 64),
    name  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 4096)
) STRICT;

-- A trip's defaults for its new expenses: reimbursable (1: they default to reimbursable)
-- and the provider its rides default to (NULL: none, so "other").
ALTER TABLE trip ADD COLUMN reimbursable INTEGER NOT NULL DEFAULT 0
    CHECK (reimbursable IN (0, 1));
ALTER TABLE trip ADD COLUMN provider TEXT CHECK (provider IS NULL OR provider = 'lyft' OR
    provider = 'uber' OR provider = 'taxi' OR provider = 'direct' OR provider = 'transit' OR
    provider = 'other');
