# a profile for Chase card files that names a column Chase does not have
name = chase-memo
header = Transaction Date, Post Date, Description, Amount
date = Transaction Date
date_format = MM/DD/YYYY
amount = Amount
currency = "USD"
merchant = Description
note = Memo Text
