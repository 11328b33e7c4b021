-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 15: a trip's business purpose (SPEC "Trips", rev 2), the line a
-- reimbursement desk asks for ("Attend PyCon US 2019"), shown in the workbook's and the
-- PDF packet's header block. NULL: none given.
ALTER TABLE trip ADD COLUMN purpose TEXT
    CHECK (purpose IS NULL OR length(purpose) BETWEEN 1 AND 4096);
