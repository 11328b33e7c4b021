# Uber for Business transactions report: a preamble (Company:, Administrator:, Report
# Date:, a blank line, Transactions), then a header with Trip/Eats ID (KirbyLV's README).
# Cell formats are inferred: Request Date (Local) as YYYY-MM-DD, amounts with '.', a
# refund negative. One trip can have a charge and a refund, so the key is the id plus the
# transaction's timestamp. The tip is part of the Transaction Amount (38.40 = fare 33.10 +
# taxes 2.90 + tip 2.40): the ride's tip, as lyft-business has its tip. The uber hook makes an Eats order (Service with "eats") a meal.
name = uber-business
description = Uber for Business transactions report (Trip/Eats ID; refunds negative)
header = Trip/Eats ID, Transaction Timestamp (UTC), Request Date (Local), Local Currency Code
preamble = 8
date = Request Date (Local)
date_format = YYYY-MM-DD
amount = Transaction Amount in Local Currency (incl. Taxes)
spent = positive
currency = Local Currency Code
tip = Tip in Local Currency
merchant = "Uber"
note = Service
note = Expense Memo
category = "ride"
provider = "uber"
from = Pickup Address
to = Drop-off Address
key = Trip/Eats ID
key = Transaction Timestamp (UTC)
statement = no
money_in = refund
hook = uber
hook.product = Service
