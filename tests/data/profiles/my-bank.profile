# my-bank.profile: the README's example
name = my-bank
description = My Bank current account
# the columns that identify the layout, found within 3 lines of the start
header = Buchungstag, Empfänger, Betrag, Währung, Status
preamble = 3
delimiter = ;
# utf-8 (the default), windows-1252 or iso-8859-1, converted with iconv
encoding = windows-1252
date = Buchungstag
# MM/DD/YYYY DD/MM/YYYY DD-MM-YYYY DD.MM.YYYY DD.MM.YY YYYYMMDD YYYY-MM-DD ...
date_format = DD.MM.YYYY
# one signed column; or debit = and credit =; or amount with direction =
amount = Betrag
spent = negative
decimal = ,
thousands = .
# a column, or a fixed "EUR"
currency = Währung
merchant = Empfänger
skip = Status is vorgemerkt: pending
skip = out Empfänger is *Geldautomat*: cash withdrawal
refund = in Empfänger is *Erstattung*
money_in = skip: income or transfer
