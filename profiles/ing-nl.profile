# ING Netherlands (gpaulissen/ofxstatement-dutch, hledger's ING.rules): ';', YYYYMMDD, an
# unsigned amount with Af (spent) or Bij (money in), decimal comma. Cash from a machine
# (Geldautomaat) is no expense; a card payment back (Betaalautomaat) is a refund; other
# money in is no expense.
name = ing-nl
description = ING Netherlands (';', YYYYMMDD, Af/Bij, decimal comma)
header = Datum, Naam / Omschrijving, Rekening, Tegenrekening, Code, Af Bij, Bedrag (EUR)
delimiter = ;
date = Datum
date_format = YYYYMMDD
amount = Bedrag (EUR)
direction = Af Bij
direction_spent = Af
direction_credit = Bij
decimal = ,
currency = "EUR"
merchant = Naam / Omschrijving
note = Mededelingen
skip = out Code is GM: cash withdrawal
refund = in Code is BA
money_in = skip: income or transfer
