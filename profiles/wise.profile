# Wise balance statement (archont00/ofxstatement-wise, Evernight/beancount-importers): a
# BOM, every cell quoted, DD-MM-YYYY. Amount already includes the fees ("Total fees" says
# how much of it they were). Conversions between balances, transfers and money added are
# no expense; a card payment back is a refund. TransferWise ID is the key.
name = wise
description = Wise balance statement (TransferWise ID as the id)
header = TransferWise ID, Date, Amount, Currency, Description, Transaction Details Type
date = Date
date_format = DD-MM-YYYY
amount = Amount
spent = negative
currency = Currency
merchant = Merchant
merchant = Payee Name
merchant = Description
note = Note
key = TransferWise ID
skip = Transaction Details Type is CONVERSION: exchange
skip = Transaction Details Type is TRANSFER|MONEY_ADDED|DEPOSIT: transfer
refund = in Transaction Details Type is CARD
money_in = skip: income or transfer
