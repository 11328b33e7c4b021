# ING Netherlands, the older layout (gpaulissen/ofxstatement-dutch ing_ok*.csv): "," between
# the cells, every cell quoted (so the decimal comma stays in its cell); the rest as ing-nl.
name = ing-nl-comma
variant_of = ing-nl
description = ING Netherlands, the older layout with "," between cells
header = Datum, Naam / Omschrijving, Rekening, Tegenrekening, Code, Af Bij, Bedrag (EUR)
delimiter = ,
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
