# N26, the older 10-column layout in German (siddhantgoel/beancount-n26 HEADER_FIELDS
# 'de'): Datum, Empfänger, Transaktionstyp, Betrag (EUR); as n26-old.
name = n26-old-de
variant_of = n26
description = N26, the older 10-column layout in German (Datum, Empfänger, Betrag (EUR))
header = Datum, Empfänger, Kontonummer, Transaktionstyp, Verwendungszweck, Betrag (EUR)
date = Datum
date_format = YYYY-MM-DD
amount = Betrag (EUR)
spent = negative
currency = "EUR"
merchant = Empfänger
note = Verwendungszweck
refund = in Transaktionstyp is MasterCard Zahlung|MasterCard Payment|Presentment
money_in = skip: income or transfer
