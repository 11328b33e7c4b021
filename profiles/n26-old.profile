# N26, the older 10-column layout (siddhantgoel/beancount-n26 HEADER_FIELDS 'en'): Date,
# Payee, Transaction type, Amount (EUR); a card payment back is a refund, other money in
# no expense.
name = n26-old
variant_of = n26
description = N26, the older 10-column layout (Date, Payee, Amount (EUR))
header = Date, Payee, Account number, Transaction type, Payment reference, Amount (EUR)
date = Date
date_format = YYYY-MM-DD
amount = Amount (EUR)
spent = negative
currency = "EUR"
merchant = Payee
note = Payment reference
refund = in Transaction type is MasterCard Payment|Presentment
money_in = skip: income or transfer
