# Chase checking and savings (mtlynch/beancount-chase-bank checking.py): every row has
# one more (empty) field than the header. Signed amounts. Transfers between accounts,
# ATM withdrawals (cash is logged when spent) and income are no expense; a debit card
# credit is a refund.
name = chase-checking
description = Chase checking/savings (Details, Posting Date, ...; trailing comma)
header = Details, Posting Date, Description, Amount, Type, Balance
date = Posting Date
date_format = MM/DD/YYYY
amount = Amount
spent = negative
currency = "USD"
merchant = Description
skip = Type is ACCT_XFER|LOAN_PMT: transfer
skip = out Type is ATM: cash withdrawal
refund = in Type is DEBIT_CARD
money_in = skip: income
