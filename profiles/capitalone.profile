# Capital One (mtlynch/beancount-capitalone, hledger's capital-one.csv.rules): ISO dates,
# split positive Debit and Credit columns. A payment to the card ("CAPITAL ONE AUTOPAY
# PYMT", "... ONLINE PYMT") is no expense; its Category, Payment/Credit, is also a refund's.
name = capitalone
description = Capital One (Debit and Credit columns)
header = Transaction Date, Posted Date, Card No., Description, Category, Debit, Credit
date = Transaction Date
date_format = YYYY-MM-DD
debit = Debit
credit = Credit
currency = "USD"
merchant = Description
skip = in Description is *PYMT*|*PAYMENT*: card payment
