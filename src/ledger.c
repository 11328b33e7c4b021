/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ledger.c - the journal of export ledger: one transaction per expense, its text made safe
 * for the journal's syntax, so no merchant or note can end a line, start a comment or
 * move an amount. */
#include "confspend/ledger.h"

#include <string.h>

#include "confspend/money.h"

void ledger_text(const char *s, char *out, size_t size)
{
    size_t n = 0;
    int blank = 1; /* at the start, or after a blank: no blank is written */
    if (!size)
        return;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        unsigned c = *p;
        size_t len = 1;
        if (c < 0x20 || c == 0x7f || c == ' ') {
            blank = blank || n == 0;
            if (!blank) {
                blank = 1;
                if (n + 1 < size)
                    out[n++] = ' ';
            }
            continue;
        }
        /* a C1 control (U+0080..U+009F, as UTF-8 C2 80..9F) is a blank too */
        if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            p++;
            if (!blank && n + 1 < size)
                out[n++] = ' ';
            blank = 1;
            continue;
        }
        if (n == 0 && (c == '*' || c == '!' || c == '('))
            continue;
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (n + len >= size)
            break; /* whole characters only */
        for (size_t k = 0; k < len && p[k]; k++)
            out[n++] = (char)(c == ';' ? ',' : p[k]);
        p += len - 1;
        blank = 0;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = 0;
}

int ledger_transaction(FILE *fp, const struct expense *x)
{
    char desc[512], amount[48];
    if (x->merchant && *x->merchant)
        ledger_text(x->merchant, desc, sizeof desc);
    else
        desc[0] = 0;
    if (!desc[0] && (x->from || x->to)) {
        char a[240], b[240], route[500];
        ledger_text(x->from ? x->from : "?", a, sizeof a);
        ledger_text(x->to ? x->to : "?", b, sizeof b);
        snprintf(route, sizeof route, "%s \u2192 %s", a[0] ? a : "?", b[0] ? b : "?");
        ledger_text(route, desc, sizeof desc);
    }
    if (!desc[0])
        snprintf(desc, sizeof desc, "%s", x->category);
    money_format(x->amount, money_digits(x->currency), amount, sizeof amount);
    return fprintf(fp, "%s %s  ; uid:%s%s%s\n    expenses:%s  %s %s\n    %s\n\n", x->date, desc,
                   x->uid, x->trip_slug ? ", trip:" : "", x->trip_slug ? x->trip_slug : "",
                   x->category, amount, x->currency,
                   x->reimbursable ? "liabilities:reimbursable" : "assets:paid");
}
