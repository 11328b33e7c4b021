/* SPDX-License-Identifier: GPL-3.0-or-later */
/* period.c - the selection of expenses by trip, month or date range. */
#include "confspend/period.h"

#include <stdio.h>
#include <string.h>

#include "confspend/date.h"
#include "confspend/expense.h"
#include "confspend/trip.h"

int period_precheck(const struct period_sel *sel, int months, struct cs_err *e)
{
    struct cs_date a, b;
    const char *since = sel->since, *until = sel->until;
    int n = !!sel->trip + !!sel->month + (since || until);
    if (n > 1)
        return cs_error(e, CS_EINPUT, "period", NULL,
                        "give one of --trip, --month or --since/--until");
    if (sel->month && month_parse(sel->month, &a, "--month", e))
        return CS_EINPUT;
    if (months) {
        if (since && month_parse(since, &a, "--since", e))
            return CS_EINPUT;
        if (until && month_parse(until, &b, "--until", e))
            return CS_EINPUT;
    } else {
        if (since && date_parse(since, &a, "--since", e))
            return CS_EINPUT;
        if (until && date_parse(until, &b, "--until", e))
            return CS_EINPUT;
    }
    if (since && until && strcmp(until, since) < 0)
        return cs_error(e, CS_EINPUT, "--until", until, "before --since %s", since);
    return 0;
}

int period_resolve(sqlite3 *db, struct cs_date today, const struct period_sel *sel, int months,
                   int default_month, struct period *p, struct cs_err *e)
{
    const char *since = sel->since, *until = sel->until;
    memset(p, 0, sizeof *p);
    if (sel->trip) {
        struct trip t = TRIP_INIT;
        if (trip_load(db, sel->trip, &t, e))
            return e->code;
        p->trip_id = t.id;
        snprintf(p->trip_slug, sizeof p->trip_slug, "%s", t.slug);
        snprintf(p->since, sizeof p->since, "%s", t.start);
        snprintf(p->until, sizeof p->until, "%s", t.end);
        snprintf(p->label, sizeof p->label, "trip %s (%s to %s)", t.slug, t.start, t.end);
        trip_release(&t);
        return 0;
    }
    if (sel->month || (!since && !until && default_month)) {
        struct cs_date m = today;
        if (sel->month)
            month_parse(sel->month, &m, "--month", NULL);
        m.d = 1;
        date_format(m, p->since);
        m.d = date_days_in_month(m.y, m.m);
        date_format(m, p->until);
        snprintf(p->label, sizeof p->label, "%.7s", p->since);
        return 0;
    }
    if (months) {
        struct cs_date m;
        if (since)
            snprintf(p->since, sizeof p->since, "%s-01", since);
        if (until) {
            month_parse(until, &m, "--until", NULL);
            m.d = date_days_in_month(m.y, m.m);
            date_format(m, p->until);
        }
    } else {
        if (since)
            snprintf(p->since, sizeof p->since, "%s", since);
        if (until)
            snprintf(p->until, sizeof p->until, "%s", until);
    }
    if (since || until)
        snprintf(p->label, sizeof p->label, "%s to %s", *p->since ? p->since : "the start",
                 *p->until ? p->until : "now");
    else
        snprintf(p->label, sizeof p->label, "all expenses");
    return 0;
}

void period_filter(const struct period *p, struct expense_filter *f)
{
    memset(f, 0, sizeof *f);
    f->trip_id = p->trip_id;
    f->claim_id = p->claim_id;
    if (!p->trip_id)
        date_text_bounds(p->since, p->until, f->since, f->before);
}
