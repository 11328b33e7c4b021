# ING Germany (siddhantgoel/beancount-ing ec.py): ISO-8859-1, a preamble (Umsatzanzeige,
# IBAN, Kontoname, Bank, Kunde, Zeitraum, Saldo, an optional Sortierung, a fixed
# sentence), ';', dd.mm.yyyy, -1.234,56, and Währung twice (the balance's and the
# amount's). Cash withdrawals and transfers between own accounts are no expense; money in
# (salary, transfers) too, but a card payment back (Gutschrift) is a refund.
name = ing-de
description = ING Germany (ISO-8859-1, preamble, -1.234,56)
header = Buchung, Valuta, Auftraggeber/Empfänger, Buchungstext, Verwendungszweck, Betrag, Währung
preamble = 20
encoding = iso-8859-1
delimiter = ;
date = Buchung
date_format = DD.MM.YYYY
amount = Betrag
spent = negative
decimal = ,
thousands = .
currency = Währung #2
merchant = Auftraggeber/Empfänger
note = Verwendungszweck
skip = out Buchungstext is Bargeldauszahlung|Bargeldabhebung: cash withdrawal
skip = Buchungstext is Umbuchung|Dauerauftrag: transfer
refund = in Buchungstext is Gutschrift
money_in = skip: income or transfer
