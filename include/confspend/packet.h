/* SPDX-License-Identifier: GPL-3.0-or-later */
/* packet.h - what the workbook (export xlsx) and the claim packet (export pdf) both show a
 * reimbursement desk (SPEC "Export", rev 2): the header block of the report, and how an
 * expense is named in it. One definition, so the two documents cannot disagree. */
#ifndef CONFSPEND_PACKET_H
#define CONFSPEND_PACKET_H

#include <sqlite3.h>
#include <stddef.h>

#include "confspend/claim.h"
#include "confspend/error.h"
#include "confspend/period.h"
#include "confspend/trip.h"

/*
 * The header block of a report over the selection P: who (config owner, department),
 * which trip (the --trip one; for --claim N the trip every one of its expenses belongs to,
 * when they all belong to one), which claim (--claim N, with its figures: claimed, paid
 * and due = outstanding), and the base currency. Strings are allocated or NULL when unset;
 * trip.id 0: no trip; claim.id 0: no claim.
 */
struct packet_head {
    char *owner, *department;
    char label[96]; /* the period's label ("trip pycon-2019", "claim 3", "all") */
    struct trip trip;
    struct claim claim;
    char base[4];
    int base_digits;
};

int packet_head_load(sqlite3 *db, const struct period *p, struct packet_head *h, struct cs_err *e);
void packet_head_release(struct packet_head *h);

/* The category as a desk reads it: "Ride", "Meal", ... (the first letter capitalised). */
void packet_category(const char *category, char *out, size_t n);

/* A ride provider as a merchant's name: "Lyft", "Uber", "Taxi", "Direct", "Transit",
 * "Other"; NULL for NULL. */
const char *packet_provider_name(const char *provider);

/*
 * The Merchant cell: the merchant, else for a ride its provider's name (a static string,
 * or NULL when the ride has neither). Not allocated.
 */
const char *packet_merchant(const char *category, const char *merchant, const char *provider);

/*
 * The Description cell: the note, else for a ride its route "FROM → TO" ("from FROM" or
 * "to TO" when only one is known), else NULL. Allocated when not NULL.
 */
char *packet_description(const char *category, const char *note, const char *from, const char *to);

/* The paper of export pdf: config "paper" (letter or a4), else letter when the base
 * currency is USD or CAD, else a4. OUT gets "letter" or "a4". */
int packet_paper(sqlite3 *db, char out[8], struct cs_err *e);

#endif
