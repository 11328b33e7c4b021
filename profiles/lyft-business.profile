# Lyft Business transaction report: one row per transaction, several per ride (the ride,
# a tip, adjustments). Column names from common-courtesy/sheet-cleaner and the Lyft
# Business help; the order and cell formats are inferred (dates YYYY-MM-DD). Ride ID is
# kept as text (19 digits). The lyft-tips hook reads the file whole and folds each row
# whose Transaction Type is Tip into its ride (same Ride ID) as its tip, part of the
# amount; a tip whose ride is not in the file, or was stored by an earlier report, is a
# row of its own. A tip is known again in a later report by its Transaction Date (UTC) and
# amount, so that reports that overlap neither lose nor repeat one; a refund or an
# adjustment likewise by its Transaction Type, date and amount.
name = lyft-business
description = Lyft Business transaction report (tip rows folded into their ride)
header = Ride ID, Transaction Date (UTC), Transaction Type, Transaction Amount, Transaction Currency
date = Pickup Date (Local)
date_format = YYYY-MM-DD
amount = Transaction Amount
spent = positive
currency = Transaction Currency
merchant = "Lyft"
note = Ride Type
category = "ride"
provider = "lyft"
from = Pickup Address
to = Drop-off Address
key = Ride ID
statement = no
money_in = refund
skip = Transaction Outcome is Declined|Failed|Voided: declined
hook = lyft-tips
hook.kind = Transaction Type
hook.when = Transaction Date (UTC)
