# Revolut account statement (mlaitinen/ofxstatement-revolut): the hour may be one digit
# ("2021-09-06 6:11:59"); the Fee is added to the money spent. PENDING and REVERTED rows
# never happened (yet); top-ups, exchanges between pockets, transfers and ATM withdrawals
# are no expense; CARD_REFUND is a refund.
name = revolut
description = Revolut (State PENDING/REVERTED skipped, Fee added)
header = Type, Product, Started Date, Completed Date, Description, Amount, Fee, Currency, State
date = Started Date
date_format = YYYY-MM-DD H:MM:SS
amount = Amount
spent = negative
fee = Fee
currency = Currency
merchant = Description
skip = State is PENDING: pending
skip = State is REVERTED|DECLINED|FAILED: reverted
skip = Type is TOPUP: top-up
skip = Type is EXCHANGE: exchange
skip = Type is TRANSFER: transfer
skip = Type is ATM: cash withdrawal
refund = Type is CARD_REFUND
money_in = skip: income
