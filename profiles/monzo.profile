# Monzo (hledger's monzo.csv.rules, Evernight/beancount-importers): DD/MM/YYYY. The
# Local amount and Local currency are what was charged where it was spent (EUR in Prague),
# as a person writes it down. Pot transfers are no expense; a card payment back is a
# refund; other money in no expense. Transaction ID is the key. The Type is written
# `card_payment` in some exports and `Card payment` in the app's (hledger's sample row):
# `?` takes either.
name = monzo
description = Monzo (Local amount and currency; Transaction ID as the id)
header = Transaction ID, Date, Time, Type, Name, Amount, Currency, Local amount, Local currency
date = Date
date_format = DD/MM/YYYY
amount = Local amount
spent = negative
currency = Local currency
merchant = Name
merchant = Description
note = Notes and #tags
key = Transaction ID
skip = Type is pot?transfer: transfer
refund = in Type is card?payment
money_in = skip: income or transfer
