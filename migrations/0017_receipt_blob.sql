-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 17: a receipt's bytes kept apart from the change log.
--
-- Until now the bytes were the `data` column of receipt_data, a table the change log
-- records, so every `receipt add` stored them twice (the row, and the change's changeset
-- that holds the new row) and held them in memory while the change was recorded. From
-- now on a receipt's bytes are a row of receipt_blob whose rowid is the receipt_data id,
-- and receipt_data.data is an empty blob. receipt_blob has no declared primary key, so
-- the session extension (src/change.c) leaves it out: a change records the small
-- receipt_data row (sha256, type, size), not the bytes.
--
-- The bytes stay when undo or `receipt rm` removes their receipt_data row: that is what
-- lets a redo, or the undo of the rm, bring the row back with its bytes. They are removed
-- when nothing can bring their row back any more: when a new change ends the redo of the
-- undone change that stored them (receipt_blob_forget() in src/receipt.c, called by
-- change_end()).
--
-- Rows stored before this step keep their bytes in receipt_data.data (an old change's
-- redo or undo may bring such a row back too); receipt.c reads a non-empty data column
-- first, else the receipt_blob row.

CREATE TABLE receipt_blob (
    data BLOB NOT NULL
) STRICT;
