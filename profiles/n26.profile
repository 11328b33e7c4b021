# N26 (siddhantgoel/beancount-n26, hledger's n26-main.rules): amounts in EUR, signed;
# a card payment back is a refund, other money in (salary, transfers) no expense.
name = n26
description = N26 (Booking Date, Partner Name, Amount (EUR))
header = Booking Date, Value Date, Partner Name, Type, Payment Reference, Amount (EUR)
date = Booking Date
date_format = YYYY-MM-DD
amount = Amount (EUR)
spent = negative
currency = "EUR"
merchant = Partner Name
note = Payment Reference
refund = in Type is Presentment|MasterCard Payment|Card Payment
money_in = skip: income or transfer
