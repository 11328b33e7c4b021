-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 4: reports sum a period's amounts per category and currency; this
-- index covers that query (no table lookups), so a report reads only its period's slice
-- of the index. It replaces expense_date, of which it is a superset.
DROP INDEX expense_date;
CREATE INDEX expense_period ON expense(date, category, currency, amount);
