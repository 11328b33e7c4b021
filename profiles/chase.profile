# Chase credit card activity (mtlynch/beancount-chase-bank credit.py): MM/DD/YYYY,
# purchases negative; Type Payment is a card payment, Return a refund. A variant puts a
# Card column first (the signature does not mind).
name = chase
description = Chase credit card (Transaction Date, Post Date, ..., purchases negative)
header = Transaction Date, Post Date, Description, Category, Type, Amount
date = Transaction Date
date_format = MM/DD/YYYY
amount = Amount
spent = negative
currency = "USD"
merchant = Description
note = Memo
skip = Type is Payment: card payment
refund = in Type is Return
