-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 10: exchange rates as pairs, and what the card really charged.
--
-- A rate is a pair: 1 CURRENCY = MANTISSA / 10^SCALE QUOTE from DATE on, kept exactly as
-- written ("24.67" is 2467, 2; "1.0850" is 10850, 4), so inverse and cross rates are exact
-- rationals (src/ratio.c). The revision-1 rates (1 CURRENCY = rate_e9 / 10^9 base) become
-- pairs quoted in the base currency configured now (config key 'currency', default USD),
-- with the trailing zeros of rate_e9 stripped (1.27 is 127, 2, not 1270000000, 9). A
-- revision-1 rate of the base currency itself (set before the base was changed to it) was
-- never used, since the base needs none, and says nothing now: it is not kept.
CREATE TABLE rate_new (
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    quote    TEXT NOT NULL CHECK (length(quote) = 3 AND quote <> currency),
    date     TEXT NOT NULL CHECK (date(date) IS date),
    -- (any positive int64: a revision-1 rate_e9 of 19 digits stays exact; what is typed or
    -- imported has at most 18 digits)
    mantissa INTEGER NOT NULL CHECK (mantissa > 0),
    scale    INTEGER NOT NULL CHECK (scale BETWEEN 0 AND 18),
    PRIMARY KEY (currency, quote, date)
) STRICT, WITHOUT ROWID;
INSERT INTO rate_new(currency, quote, date, mantissa, scale)
SELECT r.currency,
       coalesce((SELECT value FROM config WHERE key = 'currency' AND value GLOB '[A-Z][A-Z][A-Z]'), 'USD'),
       r.date, r.rate_e9, 9
FROM rate r
WHERE r.currency <> coalesce((SELECT value FROM config WHERE key = 'currency'
                              AND value GLOB '[A-Z][A-Z][A-Z]'), 'USD');
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
UPDATE rate_new SET mantissa = mantissa / 10, scale = scale - 1 WHERE scale > 0 AND mantissa % 10 = 0;
DROP TABLE rate;
ALTER TABLE rate_new RENAME TO rate;
-- a lookup of a pair either way is the key's; the newest and the next pair touching a
-- currency (how long a looked-up rate holds, src/rate.c) take one seek of these each
CREATE INDEX rate_currency_date ON rate(currency, date);
CREATE INDEX rate_quote_date ON rate(quote, date);

-- What the card actually charged in the base currency for an expense in another one:
-- base_amount minor units of base_currency (the base at the time it was given), negative
-- for a refund like amount; both NULL when absent. Reports use it instead of a rate.
ALTER TABLE expense ADD COLUMN base_amount INTEGER;
ALTER TABLE expense ADD COLUMN base_currency TEXT
    CHECK ((base_currency IS NULL) = (base_amount IS NULL) AND
           (base_currency IS NULL OR length(base_currency) = 3));
ALTER TABLE parked_expense ADD COLUMN base_amount INTEGER;
ALTER TABLE parked_expense ADD COLUMN base_currency TEXT;
