/* SPDX-License-Identifier: GPL-3.0-or-later */
/* packet.c - the header block and the desk's names of an expense, shared by the workbook
 * and the claim packet (packet.h). */
#include "confspend/packet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/config.h"
#include "confspend/db.h"
#include "confspend/money.h"

void packet_head_release(struct packet_head *h)
{
    free(h->owner);
    free(h->department);
    trip_release(&h->trip);
    claim_release(&h->claim);
    memset(h, 0, sizeof *h);
}

/* The one trip every expense of claim ID belongs to, or 0 (none, or several). */
static int claim_trip(sqlite3 *db, int64_t id, int64_t *trip_id, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    *trip_id = 0;
    if (db_prepare(db,
                   "SELECT min(x.trip_id), count(DISTINCT coalesce(x.trip_id, 0)) "
                   "FROM claim_expense ce JOIN expense x ON x.id = ce.expense_id "
                   "WHERE ce.claim_id = ?1",
                   &st, e))
        return CS_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int64(st, 1) == 1)
        *trip_id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(db, "cannot read the claim's trip", e);
}

int packet_head_load(sqlite3 *db, const struct period *p, struct packet_head *h, struct cs_err *e)
{
    int64_t trip_id = p->trip_id;
    memset(h, 0, sizeof *h);
    snprintf(h->label, sizeof h->label, "%s", p->label);
    if (config_get(db, "owner", &h->owner, e) || config_get(db, "department", &h->department, e) ||
        config_base_currency(db, h->base, e))
        goto fail;
    if (h->owner && !*h->owner) {
        free(h->owner);
        h->owner = NULL;
    }
    if (h->department && !*h->department) {
        free(h->department);
        h->department = NULL;
    }
    h->base_digits = money_digits(h->base);
    if (p->claim_id &&
        (claim_load(db, p->claim_id, &h->claim, e) || claim_trip(db, p->claim_id, &trip_id, e)))
        goto fail;
    if (trip_id && trip_load_id(db, trip_id, &h->trip, e))
        goto fail;
    return 0;
fail:
    packet_head_release(h);
    return CS_EFAIL;
}

void packet_category(const char *category, char *out, size_t n)
{
    snprintf(out, n, "%s", category ? category : "");
    if (n && out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

const char *packet_provider_name(const char *provider)
{
    static const char *const names[][2] = {{"lyft", "Lyft"},       {"uber", "Uber"},
                                           {"taxi", "Taxi"},       {"direct", "Direct"},
                                           {"transit", "Transit"}, {"other", "Other"}};
    if (!provider)
        return NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(provider, names[i][0]))
            return names[i][1];
    return provider;
}

const char *packet_merchant(const char *category, const char *merchant, const char *provider)
{
    if (merchant && *merchant)
        return merchant;
    if (category && !strcmp(category, "ride"))
        return packet_provider_name(provider);
    return NULL;
}

char *packet_description(const char *category, const char *note, const char *from, const char *to)
{
    char *s;
    size_t n;
    if (note && *note)
        return xstrdup(note);
    if (!category || strcmp(category, "ride"))
        return NULL;
    from = from && *from ? from : NULL;
    to = to && *to ? to : NULL;
    if (!from && !to)
        return NULL;
    n = (from ? strlen(from) : 0) + (to ? strlen(to) : 0) + 16;
    s = xmalloc(n);
    if (from && to)
        snprintf(s, n, "%s \u2192 %s", from, to);
    else if (from)
        snprintf(s, n, "from %s", from);
    else
        snprintf(s, n, "to %s", to);
    return s;
}

int packet_paper(sqlite3 *db, char out[8], struct cs_err *e)
{
    char *v = NULL, base[4];
    if (config_get(db, "paper", &v, e))
        return CS_EFAIL;
    if (v && (!strcmp(v, "letter") || !strcmp(v, "a4"))) {
        snprintf(out, 8, "%s", v);
        free(v);
        return 0;
    }
    free(v);
    if (config_base_currency(db, base, e))
        return CS_EFAIL;
    snprintf(out, 8, "%s", !strcmp(base, "USD") || !strcmp(base, "CAD") ? "letter" : "a4");
    return 0;
}
