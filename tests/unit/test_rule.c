/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_rule.c - the rules' glob, the built-in rules in their order, and the matcher's
 * word and tie rules (SPEC "Import from real sources"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/import_source.h"
#include "confspend/rule.h"

static void glob_whole_field_any_case(void **state)
{
    (void)state;
    assert_true(rule_glob("UBER*TRIP*", "UBER *TRIP HELP.UBER.COM"));
    assert_true(rule_glob("uber*trip*", "Uber   Trip"));
    assert_true(rule_glob("UBER *TRIP", "uber *trip"));
    /* the whole field: a pattern without '*' at its end must reach the end */
    assert_false(rule_glob("UBER *TRIP", "UBER *TRIP HELP.UBER.COM"));
    assert_false(rule_glob("STARBUCKS", "STARBUCKS #123"));
    assert_true(rule_glob("*STARBUCKS*", "SQ *STARBUCKS #123"));
    /* '*' matches nothing too; '?' exactly one character */
    assert_true(rule_glob("A*B", "AB"));
    assert_true(rule_glob("A?C", "ABC"));
    assert_false(rule_glob("A?C", "AC"));
    assert_false(rule_glob("A?C", "ABBC"));
    /* '?' is one code point: "é" is two bytes */
    assert_true(rule_glob("CAF?", "CAFÉ"));
    assert_true(rule_glob("caf?", "café"));
    assert_false(rule_glob("CAF??", "CAFÉ"));
    /* backtracking past a partial match of the part after '*' */
    assert_true(rule_glob("*ab*abc", "xabababc"));
    assert_false(rule_glob("*ab*abd", "xabababc"));
    assert_true(rule_glob("*", ""));
    assert_false(rule_glob("?", ""));
    assert_true(rule_glob("", ""));
    assert_false(rule_glob("", "x"));
    /* the pattern is all of it: no escapes, a literal '*' in the text is just text */
    assert_true(rule_glob("a*", "a*"));
}

static void builtins_in_order(void **state)
{
    const struct rule *r;
    (void)state;
    r = rule_find(NULL, "UBER *TRIP HELP.UBER.COM", NULL, 0);
    assert_non_null(r);
    assert_string_equal(r->category, "ride");
    assert_string_equal(r->provider, "uber");
    r = rule_find(NULL, "LYFT *RIDE SUN 8PM", NULL, 0);
    assert_string_equal(r->provider, "lyft");
    assert_int_equal(r->tip, 0);
    r = rule_find(NULL, "LYFT *TIP WED 9AM", NULL, 0);
    assert_string_equal(r->provider, "lyft");
    assert_int_equal(r->tip, 1);
    /* card payments only as money in: a charge named AUTOPAY is still a charge */
    r = rule_find(NULL, "AUTOPAY PAYMENT", NULL, 1);
    assert_non_null(r);
    assert_int_equal(r->skip, 1);
    assert_string_equal(r->skip_reason, "card payment");
    assert_null(rule_find(NULL, "AUTOPAY PAYMENT", NULL, 0));
    r = rule_find(NULL, "Payment Thank You - Web", NULL, 1);
    assert_non_null(r);
    assert_int_equal(r->skip, 1);
    assert_null(rule_find(NULL, "COFFEE", "UBER *TRIP", 0)); /* the built-ins read merchants */
}

static void user_rules_first_and_fields(void **state)
{
    struct rule v[2];
    struct rule_set s = {v, 2, NULL, 0};
    const struct rule *r;
    (void)state;
    memset(v, 0, sizeof v);
    v[0].id = 1;
    v[0].pattern = "*conference*";
    v[0].field = RULE_NOTE;
    v[0].category = "ticket";
    v[0].reimbursable = 1;
    v[1].id = 2;
    v[1].pattern = "uber*";
    v[1].field = RULE_ANY;
    v[1].category = "travel";
    v[1].reimbursable = -1;
    /* rule 1 reads the note only */
    r = rule_find(&s, "PyCon conference", NULL, 0);
    assert_null(r);
    r = rule_find(&s, "PyCon", "the conference pass", 0);
    assert_int_equal(r->id, 1);
    /* the user's rule 2 wins over the built-in UBER*TRIP* */
    r = rule_find(&s, "UBER *TRIP", NULL, 0);
    assert_int_equal(r->id, 2);
    /* --field any: the note too */
    r = rule_find(&s, "SQ *COFFEE", "uber eats", 0);
    assert_int_equal(r->id, 2);
}

static void words_of_three_letters(void **state)
{
    (void)state;
    assert_true(source_words_share("UBER *TRIP HELP.UBER.COM", "Uber"));
    assert_true(source_words_share("Blue Bottle Coffee", "BLUE BOTTLE #12 OAKLAND"));
    /* two letters are no word; digits separate words and are none */
    assert_false(source_words_share("SQ *AB 123", "sq ab 123"));
    assert_false(source_words_share("Cafe 1234", "Bar 1234"));
    assert_true(source_words_share("CAFE1234", "cafe"));
    /* a word is whole: "bar" is not in "barista" */
    assert_false(source_words_share("barista", "bar"));
    /* a multi-byte character is one letter: "Café" has 4, "Ñu" 2 */
    assert_true(source_words_share("Café Zürich", "CAFé"));
    assert_false(source_words_share("Ñu", "Ñu"));
    assert_false(source_words_share("", "anything"));
}

static void pick_nearest_then_lowest_id(void **state)
{
    /* a row dated day 100 with merchant "UBER *TRIP" */
    struct source_cand c[] = {
        {7, 103, "Uber", 0}, /* 3 days: within */
        {5, 101, "Uber", 0}, /* 1 day */
        {6, 99, "Uber", 0},  /* 1 day too, but id 6 > 5 */
        {4, 104, "Uber", 0}, /* 4 days: too far */
        {3, 100, "Lyft", 0}, /* same day, no shared word */
        {2, 100, NULL, 0},   /* same day, no merchant: words are not asked */
    };
    (void)state;
    assert_int_equal(c[source_pick(c, 6, 100, "UBER *TRIP")].id, 2);
    c[5].taken = 1; /* matched by an earlier row */
    assert_int_equal(c[source_pick(c, 6, 100, "UBER *TRIP")].id, 5);
    c[1].taken = 1;
    assert_int_equal(c[source_pick(c, 6, 100, "UBER *TRIP")].id, 6);
    c[2].taken = 1;
    assert_int_equal(c[source_pick(c, 6, 100, "UBER *TRIP")].id, 7);
    c[0].taken = 1;
    assert_int_equal(source_pick(c, 6, 100, "UBER *TRIP"), -1);
    /* a row without a merchant takes the Lyft one (same day) */
    assert_int_equal(c[source_pick(c, 6, 100, NULL)].id, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(glob_whole_field_any_case),   cmocka_unit_test(builtins_in_order),
        cmocka_unit_test(user_rules_first_and_fields), cmocka_unit_test(words_of_three_letters),
        cmocka_unit_test(pick_nearest_then_lowest_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
