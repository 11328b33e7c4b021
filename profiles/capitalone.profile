# Capital One (mtlynch/beancount-capitalone, hledger's capital-one.csv.rules): ISO dates,
# split positive Debit and Credit columns.
name = capitalone
description = Capital One (Debit and Credit columns)
header = Transaction Date, Posted Date, Card No., Description, Category, Debit, Credit
date = Transaction Date
date_format = YYYY-MM-DD
debit = Debit
credit = Credit
currency = "USD"
merchant = Description
