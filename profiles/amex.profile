# American Express US (jbmilgrom/budget-interpreter, jmcameron/amex2qif): charges
# positive, credits negative, multi-line quoted cells (Extended Details, Address), a
# leading ' on Reference (taken off the key). A credit the layout cannot tell apart is
# left to the rules (a payment "... PAYMENT - THANK YOU" is one).
name = amex
description = American Express (charges positive, Reference as the id)
header = Date, Description, Amount, Extended Details, Appears On Your Statement As, Reference
date = Date
date_format = MM/DD/YYYY
amount = Amount
spent = positive
currency = "USD"
merchant = Description
note = Extended Details
key = Reference
