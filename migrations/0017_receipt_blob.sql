-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 17: a receipt's bytes kept apart from the change log, and the
-- redoable changes indexed.
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

-- The changes a redo can still bring back: every new change of the user's own ends them
-- (`UPDATE change SET redoable = 0 WHERE redoable = 1`, and receipt_blob_forget() reads
-- them first). Without an index both read the whole log at every command, a cost that
-- grew with the history (3,000 changes: an `add` took 26 ms instead of 9).
CREATE INDEX change_redoable ON change(redoable) WHERE redoable = 1;
