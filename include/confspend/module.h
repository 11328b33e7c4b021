/* SPDX-License-Identifier: GPL-3.0-or-later */
/* module.h - the export modules (confspend-pdf.so, ...): code that links a heavy library
 * only one command needs, opened with dlopen() by that command alone, so that no other
 * command pays for loading it at start (SPEC "Data and build"). */
#ifndef CONFSPEND_MODULE_H
#define CONFSPEND_MODULE_H

#include <stddef.h>

#include "confspend/error.h"

/*
 * Open the module NAME ("confspend-pdf.so") with dlopen(RTLD_NOW | RTLD_LOCAL) from, in
 * order: the program's own folder (a build tree), PREFIX/LIBDIR/confspend beside it
 * (../LIBDIR/confspend from the program's folder: an install wherever --prefix put it),
 * then the libdir it was configured for (CONFSPEND_MODULE_DIR). Returns the handle, or NULL
 * with dlerror()'s reason for the last try in WHY (N bytes).
 */
void *module_open(const char *name, char *why, size_t n);

/*
 * The entry point SYMBOL of the module NAME, opened by module_open(); NULL when it cannot be
 * had, with E set to CS_EFAIL, field FIELD, value NAME: "cannot load the WHAT: REASON".
 */
void *module_entry(const char *name, const char *symbol, const char *field, const char *what,
                   struct cs_err *e);

#endif
