/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_error.c - the error record: how a value the user gave is quoted in the one-line
 * message (the fuzz findings of tests/fuzz/fuzz_text.c among the cases). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/args.h"
#include "confspend/error.h"

/* The message for VALUE as cs_error builds it for field "f" and text "bad". */
static const char *msg(const char *value)
{
    static struct cs_err e;
    e = (struct cs_err)CS_ERR_INIT;
    assert_int_equal(cs_error(&e, CS_EINPUT, "f", value, "bad"), CS_EINPUT);
    return e.msg;
}

static void test_plain_value_whole(void **state)
{
    (void)state;
    assert_string_equal(msg("ten"), "f: bad (ten)");
    assert_string_equal(msg("café 東京 🚕"), "f: bad (café 東京 🚕)");
    assert_string_equal(msg(""), "f: bad ()");
}

static void test_controls_escaped(void **state)
{
    (void)state;
    assert_string_equal(msg("a\nb\tc\x01\x7f"), "f: bad (a\\nb\\tc\\x01\\x7f)");
    /* ESC starts terminal sequences; the C1 CSI (U+009B) does too on some terminals */
    assert_string_equal(msg("\x1b[31mred"), "f: bad (\\x1b[31mred)");
    assert_string_equal(msg("x\xc2\x9b"
                            "31m"),
                        "f: bad (x\\u009b31m)");
    assert_string_equal(msg("a\rb\xc2\x80\xc2\x9f\xc2\xa0"),
                        "f: bad (a\\rb\\u0080\\u009f\xc2\xa0)");
    /* the bidirectional overrides and isolates reorder the text around them */
    assert_string_equal(msg("a\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\xaf"
                            "b"),
                        "f: bad (a\\u202a\\u202e\\u2066\\u2069\xe2\x80\xaf"
                        "b)");
    /* the field and the text are shown safe too, not only the value */
    {
        struct cs_err e = CS_ERR_INIT;
        cs_error(&e, CS_EINPUT, "f\x1b", NULL, "bad %s", "\xe2\x80\xae\n");
        assert_string_equal(e.msg, "f\\x1b: bad \\u202e\\n");
    }
}

static void test_invalid_utf8_escaped(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_string_equal(msg("caf\xe9"), "f: bad (caf\\xe9)");
    assert_string_equal(msg("\xc0\xaf"), "f: bad (\\xc0\\xaf)");          /* overlong '/' */
    assert_string_equal(msg("\xed\xa0\x80"), "f: bad (\\xed\\xa0\\x80)"); /* a surrogate */
    assert_string_equal(msg("ab\xe6\x9d"), "f: bad (ab\\xe6\\x9d)");      /* cut short */
    /* whatever the value, the message is valid UTF-8 */
    assert_int_equal(text_check(msg("\xff\xfe\x80\xf4\x90\x80\x80"), "m", &e), 0);
}

static void test_long_value_cut(void **state)
{
    char v[200], want[128];
    (void)state;
    memset(v, 'x', 100);
    v[100] = 0;
    snprintf(want, sizeof want, "f: bad (%.60s...)", v);
    assert_string_equal(msg(v), want);
    memset(v, 'x', 61);
    v[61] = 0;
    snprintf(want, sizeof want, "f: bad (%.60s...)", v);
    assert_string_equal(msg(v), want);
    /* a character that starts before byte 60 is shown whole */
    memset(v, 'x', 59);
    strcpy(v + 59, "🚕🚕");
    assert_string_equal(msg(v) + strlen(msg(v)) - 9, "x🚕...)");
}

/* Fuzz finding: 28 escaped control bytes filled the buffer while an emoji was being copied,
 * so the message ended inside the character, without "...". */
static void test_cut_never_splits_a_character(void **state)
{
    char v[128] = "", *m;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    memset(v, 1, 28);
    strcpy(v + 28, "aaaaa🚕🚕🚕🚕🚕🚕🚕🚕🚕🚕");
    m = (char *)msg(v);
    assert_int_equal(text_check(m, "m", &e), 0);
    assert_string_equal(m + strlen(m) - 4, "...)");
    /* all escapes: the shown value stays within the buffer and ends with "..." */
    memset(v, 1, 100);
    v[100] = 0;
    m = (char *)msg(v);
    assert_true(strlen(m) < 160);
    assert_string_equal(m + strlen(m) - 4, "...)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_value_whole),
        cmocka_unit_test(test_controls_escaped),
        cmocka_unit_test(test_invalid_utf8_escaped),
        cmocka_unit_test(test_long_value_cut),
        cmocka_unit_test(test_cut_never_splits_a_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
