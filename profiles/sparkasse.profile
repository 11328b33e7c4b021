# Sparkasse CSV-CAMT (omarkohl/ofxstatement-sparkasse-freiburg): Windows-1252 (the euro
# sign is 0x80), every cell quoted, ';', dd.mm.yy, -1234,56 (no thousands separator).
# Info "Umsatz vorgemerkt" is a pending booking. Cash withdrawals and transfers are no
# expense; a card payment back is a refund; other money in no expense.
name = sparkasse
description = Sparkasse CSV-CAMT (Windows-1252, dd.mm.yy, decimal comma)
header = Auftragskonto, Buchungstag, Valutadatum, Buchungstext, Verwendungszweck, Betrag, Waehrung, Info
encoding = windows-1252
delimiter = ;
date = Buchungstag
date_format = DD.MM.YY
amount = Betrag
spent = negative
decimal = ,
currency = Waehrung
merchant = Beguenstigter/Zahlungspflichtiger
note = Verwendungszweck
skip = Info is Umsatz vorgemerkt: pending
skip = out Buchungstext is BARGELDAUSZAHLUNG*|GA *: cash withdrawal
skip = Buchungstext is UMBUCHUNG*|DAUERAUFTRAG*: transfer
refund = in Buchungstext is KARTENZAHLUNG*|GUTSCHRIFT KARTE*
money_in = skip: income or transfer
