#!/usr/bin/env bash
# make-encoded.sh - write the test files that are not UTF-8, so their bytes really are
# ISO-8859-1 (ING Germany) and Windows-1252 (Sparkasse, whose euro sign is 0x80): the text
# below is UTF-8 and iconv encodes it. Run from this folder; the files are committed.
set -euo pipefail
cd "$(dirname "$0")"

# ING Germany: a preamble of 14 lines (two empty) before the header on line 15; CRLF
iconv -f UTF-8 -t ISO-8859-1 <<'CSV' | sed 's/$/\r/' >ing-de.csv
Umsatzanzeige;Datei erstellt am: 20.06.2026 10:00
;Letztes Update: aktuell

IBAN;DE12 5001 0517 0123 4567 89
Kontoname;Girokonto
Bank;ING
Kunde;Max Müller
Zeitraum;01.06.2026 - 20.06.2026
Saldo;1.234,56;EUR

Sortierung;Datum absteigend

In der CSV-Datei finden Sie alle bereits gebuchten Umsätze. Die vorgemerkten Umsätze werden nicht aufgenommen, auch wenn sie in Ihrem Internetbanking angezeigt werden.

Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung
18.06.2026;18.06.2026;Café Savoy;Lastschrift;VISA Café Savoy Praha;1.234,56;EUR;-45,90;EUR
17.06.2026;17.06.2026;Hotel Mánes;Lastschrift;Buchung 4711 Übernachtung;1.280,46;EUR;-1.234,50;EUR
16.06.2026;16.06.2026;ACME GmbH;Gehalt/Rente;Gehalt Juni;2.514,96;EUR;3.000,00;EUR
15.06.2026;15.06.2026;ING;Bargeldauszahlung;Geldautomat Prag;-485,04;EUR;-100,00;EUR
14.06.2026;14.06.2026;Café Savoy;Gutschrift;Erstattung;-385,04;EUR;12,00;EUR
CSV

# Sparkasse CSV-CAMT: every cell quoted, ';', dd.mm.yy
iconv -f UTF-8 -t WINDOWS-1252 <<'CSV' >sparkasse.csv
"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"
"DE12680501010012345678";"15.06.26";"15.06.26";"KARTENZAHLUNG";"2026-06-14T19:22 Debitk.1 Restaurant Kampa 51,20 € Kurs 24,41";"";"";"";"";"";"";"Restaurant Kampa";"CZ6508000000192000145399";"GIBACZPX";"-51,20";"EUR";"Umsatz gebucht"
"DE12680501010012345678";"16.06.26";"16.06.26";"KARTENZAHLUNG";"Tankstelle Übersee";"";"";"";"";"";"";"Shell Übersee";"DE02120300000000202051";"BYLADEM1001";"-62,35";"EUR";"Umsatz vorgemerkt"
"DE12680501010012345678";"17.06.26";"17.06.26";"LOHN GEHALT";"Gehalt 06/2026";"";"";"";"";"";"";"ACME GmbH";"DE89370400440532013000";"COBADEFFXXX";"2850,00";"EUR";"Umsatz gebucht"
"DE12680501010012345678";"18.06.26";"18.06.26";"BARGELDAUSZAHLUNG";"GA 1234 Sparkasse Freiburg";"";"";"";"";"";"";"";"";"";"-200,00";"EUR";"Umsatz gebucht"
"DE12680501010012345678";"19.06.26";"19.06.26";"KARTENZAHLUNG";"Erstattung Restaurant Kampa";"";"";"";"";"";"";"Restaurant Kampa";"CZ6508000000192000145399";"GIBACZPX";"8,80";"EUR";"Umsatz gebucht"
CSV

# a Sparkasse file with 0x81, a byte Windows-1252 leaves undefined, in line 2's Verwendungszweck
head -1 sparkasse.csv >bad-cp1252.csv
printf '"DE12680501010012345678";"15.06.26";"15.06.26";"KARTENZAHLUNG";"Kampa \x81";"";"";"";"";"";"";"Restaurant Kampa";"";"";"-51,20";"EUR";"Umsatz gebucht"\n' >>bad-cp1252.csv

# a Chase file with a byte that is not UTF-8 (0xFF) in line 3's Description
printf 'Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n05/02/2026,05/03/2026,UBER   *TRIP,Travel,Sale,-23.50,\n05/03/2026,05/04/2026,CAF\xff,Food & Drink,Sale,-4.75,\n' >bad-utf8.csv
