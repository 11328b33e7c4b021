/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_place.c - the fold places are compared by, the edit distance of the hint, and the
 * route keys made of the fold; text_cut() of the fitted list table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "confspend/output.h"
#include "confspend/place.h"
#include "confspend/ridemodel.h"

static void fold_is(const char *s, const char *want)
{
    char *f = place_fold(s);
    assert_string_equal(f, want);
    free(f);
}

static void fold(void **state)
{
    (void)state;
    fold_is("Friends' place", "friends' place");
    fold_is("Friends\xe2\x80\x99 place", "friends' place");    /* U+2019 */
    fold_is("\xe2\x80\x98quoted\xe2\x80\x99", "'quoted'");     /* U+2018 U+2019 */
    fold_is("\xe2\x80\x9cThe Hub\xe2\x80\x9d", "\"the hub\""); /* U+201C U+201D */
    fold_is("  Huntington \t Convention\n\nCenter  ", "huntington convention center");
    fold_is("A\xc2\xa0"
            "B",
            "a b");                                    /* U+00A0 is a blank */
    fold_is("Z\xc3\xbcrich Hbf", "z\xc3\xbcrich hbf"); /* non-ASCII kept */
    fold_is("", "");
    fold_is(NULL, "");
    fold_is("   ", "");
}

static void distance(void **state)
{
    (void)state;
    assert_int_equal(place_distance("hilton bayfront", "hilton bayfront", 2), 0);
    assert_int_equal(place_distance("hilton bayfrnt", "hilton bayfront", 2), 1);  /* insert */
    assert_int_equal(place_distance("hilton bayfornt", "hilton bayfront", 2), 2); /* swap */
    assert_int_equal(place_distance("venue", "venu", 2), 1);
    assert_int_equal(place_distance("venue", "vne", 2), 2);
    assert_int_equal(place_distance("venue", "home", 2), 3); /* more than 2: 3 */
    assert_int_equal(place_distance("a", "abcd", 2), 3);     /* lengths differ by 3 */
    assert_int_equal(place_distance("", "ab", 2), 2);
}

static void route_keys_fold(void **state)
{
    (void)state;
    char *a = ridemodel_route_key("Friends\xe2\x80\x99 place", " huntington convention  CENTER");
    char *b = ridemodel_route_key("Huntington Convention Center", "friends' place");
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void cut(void **state)
{
    (void)state;
    char *c;
    c = text_cut("Venue coffee", 20);
    assert_string_equal(c, "Venue coffee");
    free(c);
    c = text_cut("Venue coffee", 12);
    assert_string_equal(c, "Venue coffee");
    free(c);
    c = text_cut("Venue coffee", 8);
    assert_string_equal(c, "Venue c\xe2\x80\xa6"); /* 7 characters and the ellipsis */
    free(c);
    assert_int_equal(text_width("Venue c\xe2\x80\xa6"), 8);
    /* a wide character is two columns: 3 of them are 6, the fourth would make 8 > 7 */
    c = text_cut("\xe5\x96\xab\xe8\x8c\xb6\xe5\xba\x97\xe3\x81\xa8\xe3\x81\xa6", 8);
    assert_string_equal(c, "\xe5\x96\xab\xe8\x8c\xb6\xe5\xba\x97\xe2\x80\xa6");
    assert_int_equal(text_width(c), 7);
    free(c);
    /* never inside a character: é is two bytes */
    c = text_cut("caf\xc3\xa9s and more", 5);
    assert_string_equal(c, "caf\xc3\xa9\xe2\x80\xa6");
    free(c);
    c = text_cut("abc", 0);
    assert_string_equal(c, "");
    free(c);
}

static void alias_shape(void **state)
{
    (void)state;
    assert_true(place_alias_valid("home"));
    assert_true(place_alias_valid("hotel-2"));
    assert_false(place_alias_valid("Home"));
    assert_false(place_alias_valid("my home"));
    assert_false(place_alias_valid(""));
    assert_false(place_alias_valid("-x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold), cmocka_unit_test(distance),    cmocka_unit_test(route_keys_fold),
        cmocka_unit_test(cut),  cmocka_unit_test(alias_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
