/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interactive_module.c - interactive_add_ask() opens the module that asks the questions
 * (confspend-readline.so, the only code that links GNU readline) on first use: readline and
 * its terminal library cost every command about 0.4 ms of dynamic loading at start, and
 * only an interactive `add` needs them. */
#include "confspend/interactive.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confspend/module.h"

#define MODULE_NAME "confspend-readline.so"

typedef int (*ask_fn)(sqlite3 *, const char *, struct interactive_add *, struct cs_err *);

int interactive_possible(void)
{
    return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

int interactive_add_ask(sqlite3 *db, const char *today, struct interactive_add *a, struct cs_err *e)
{
    static ask_fn fn;
    if (!fn)
        *(void **)&fn = module_entry(MODULE_NAME, "confspend_interactive_add_ask", "add",
                                     "interactive module", e);
    if (!fn)
        return CS_EFAIL;
    return fn(db, today, a, e);
}

void interactive_add_release(struct interactive_add *a)
{
    int added = a->added;
    for (int i = 0; i < a->nowned; i++)
        free(a->owned[i]);
    free(a->owned);
    memset(a, 0, sizeof *a);
    a->added = added;
}
