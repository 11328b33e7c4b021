-- SPDX-License-Identifier: GPL-3.0-or-later
-- confspend schema, step 6: the CHECK (date(d) IS d) of step 1 lets through days past a
-- month's end ('2019-02-31') on the SQLite this ships with; date(d, '+0 days') normalises
-- them ('2019-03-03'), so these triggers refuse any date that is not a real one, whoever
-- writes the row.
CREATE TRIGGER expense_date_insert BEFORE INSERT ON expense
    WHEN date(NEW.date, '+0 days') IS NOT NEW.date BEGIN
    SELECT RAISE(ABORT, 'expense.date: no such calendar date');
END;
CREATE TRIGGER expense_date_update BEFORE UPDATE OF date ON expense
    WHEN date(NEW.date, '+0 days') IS NOT NEW.date BEGIN
    SELECT RAISE(ABORT, 'expense.date: no such calendar date');
END;
CREATE TRIGGER trip_dates_insert BEFORE INSERT ON trip
    WHEN date(NEW.start_date, '+0 days') IS NOT NEW.start_date
      OR date(NEW.end_date, '+0 days') IS NOT NEW.end_date BEGIN
    SELECT RAISE(ABORT, 'trip: no such calendar date');
END;
CREATE TRIGGER trip_dates_update BEFORE UPDATE OF start_date, end_date ON trip
    WHEN date(NEW.start_date, '+0 days') IS NOT NEW.start_date
      OR date(NEW.end_date, '+0 days') IS NOT NEW.end_date BEGIN
    SELECT RAISE(ABORT, 'trip: no such calendar date');
END;
CREATE TRIGGER schedule_date_insert BEFORE INSERT ON schedule
    WHEN date(NEW.start_date, '+0 days') IS NOT NEW.start_date BEGIN
    SELECT RAISE(ABORT, 'schedule.start_date: no such calendar date');
END;
CREATE TRIGGER rate_date_insert BEFORE INSERT ON rate
    WHEN date(NEW.date, '+0 days') IS NOT NEW.date BEGIN
    SELECT RAISE(ABORT, 'rate.date: no such calendar date');
END;
