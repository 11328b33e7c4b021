-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 16: the statement row that confirmed an expense is kept in
-- statement_match alone, and read from there by a join (import's "present" and candidate
-- queries, `show`).
--
-- Until now statement_match's triggers copied each confirmation onto the expense row
-- (expense.statement, statement_key, and the unique index on statement_key). A matching
-- import of 10,000 statement rows against a large history then rewrote 10,000 scattered
-- expense rows and their index entries, and wrote those pages to the WAL at commit: about
-- half of what that import cost beyond an import of the same rows into a new database.
-- statement_match already holds the same rows (the triggers kept the copy equal to it), so
-- no data moves.
--
-- expense.statement and statement_key stay, no longer read or written: the change log
-- (0009) holds rows of expense recorded with every column, and a dropped column would
-- leave every change made before this step unable to be undone or redone. What they hold
-- now is only what they held before this step; statement_match is the truth.
-- A statement row's key is looked up in statement_match by this index, joined to an
-- expense that still exists (a row whose expense was removed confirms nothing; the index
-- is not unique, as the same statement row may then confirm another expense).
DROP TRIGGER IF EXISTS statement_match_insert;
DROP TRIGGER IF EXISTS statement_match_delete;
DROP INDEX IF EXISTS expense_statement_key;
CREATE INDEX statement_match_key ON statement_match(key);
