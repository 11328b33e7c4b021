/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.h - the settings: currency, owner, ride.commission, trip.active, ... */
#ifndef CONFSPEND_CONFIG_H
#define CONFSPEND_CONFIG_H

#include <sqlite3.h>
#include "confspend/error.h"

/* config: the value of KEY as an allocated string, or NULL. */
int config_get(sqlite3 *db, const char *key, char **out, struct cs_err *e);
int config_set(sqlite3 *db, const char *key, const char *value, struct cs_err *e);
int config_unset(sqlite3 *db, const char *key, struct cs_err *e);

/* The base currency (config "currency", default USD) into BUF[4]. */
int config_base_currency(sqlite3 *db, char *buf, struct cs_err *e);

#endif
