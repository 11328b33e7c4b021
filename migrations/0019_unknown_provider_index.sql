-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 19: rides whose provider is none this program knows, indexed.
--
-- The schema's CHECK refuses such a ride, so only another program (or a hand-altered
-- file) stores one. The ride reports pick their rides by provider (lyft and uber, or
-- direct), so such a row was left out of them silently, where every other reading command
-- fails naming it. This index holds exactly those rows, normally none: a report asks it
-- (src/expense.c, expense_providers_check()) in a few microseconds, and an insert of a
-- sound ride does not touch it. Its WHERE must stay the query's.
CREATE INDEX expense_unknown_provider ON expense(id)
    WHERE category = 'ride' AND provider NOT IN ('lyft', 'uber', 'taxi', 'direct', 'transit', 'other');
