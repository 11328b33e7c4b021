/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_packet.c - how an expense is named for a reimbursement desk (packet.h): the
 * capitalised category, a ride's provider as its merchant, its route as its description. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "confspend/packet.h"

static void category(void **state)
{
    char b[16];
    (void)state;
    packet_category("ride", b, sizeof b);
    assert_string_equal(b, "Ride");
    packet_category("lodging", b, sizeof b);
    assert_string_equal(b, "Lodging");
    packet_category("", b, sizeof b);
    assert_string_equal(b, "");
    packet_category(NULL, b, sizeof b);
    assert_string_equal(b, "");
}

static void merchant(void **state)
{
    (void)state;
    assert_string_equal(packet_merchant("ride", "Yellow Cab Co", "taxi"), "Yellow Cab Co");
    assert_string_equal(packet_merchant("ride", NULL, "lyft"), "Lyft");
    assert_string_equal(packet_merchant("ride", "", "uber"), "Uber");
    assert_string_equal(packet_merchant("ride", NULL, "direct"), "Direct");
    assert_null(packet_merchant("ride", NULL, NULL));
    assert_null(packet_merchant("meal", NULL, "lyft")); /* only rides have a provider */
    assert_string_equal(packet_merchant("meal", "Venue coffee", NULL), "Venue coffee");
    assert_null(packet_provider_name(NULL));
}

static void description_is(const char *cat, const char *note, const char *from, const char *to,
                           const char *want)
{
    char *d = packet_description(cat, note, from, to);
    if (!want)
        assert_null(d);
    else
        assert_string_equal(d, want);
    free(d);
}

static void description(void **state)
{
    (void)state;
    description_is("ride", NULL, "Friends' place", "Huntington Convention Center",
                   "Friends' place \xe2\x86\x92 Huntington Convention Center"); /* U+2192 */
    description_is("ride", "airport run", "Home", "CLE", "airport run");        /* the note first */
    description_is("ride", "", "Home", NULL, "from Home");
    description_is("ride", NULL, "", "Venue", "to Venue");
    description_is("ride", NULL, NULL, NULL, NULL);
    description_is("meal", NULL, "Home", "Venue", NULL); /* a route only for rides */
    description_is("meal", "team dinner", NULL, NULL, "team dinner");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(category),
        cmocka_unit_test(merchant),
        cmocka_unit_test(description),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
