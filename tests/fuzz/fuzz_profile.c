/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_profile.c - the profile format's parser, and a file read through what it parsed.
 *
 * The input is a profile's text, optionally followed by a line "%%" and a CSV file. The
 * profile is parsed (profile_parse); a refusal must be CS_EINPUT with a one-line message.
 * A profile that parses is given the CSV (profile_open_parsed, --tz UTC) and every row it
 * reads must be one the pipeline can store: a fate in range, a skip reason exactly on a
 * skipped row, a real YYYY-MM-DD date, a known currency, an amount >= 0, a tip >= 0 (or
 * -1) and not above the amount for a ride folded with its tips, text that is valid UTF-8
 * without NUL; a refusal is CS_EINPUT (or CS_EFAIL) with a one-line message. At most 256
 * rows are read. Memory is released (ASan's leak check). */
#include <stdint.h>

#include "confspend/args.h"
#include "confspend/date.h"
#include "confspend/money.h"
#include "confspend/profile.h"
#include "fuzz.h"

static void check_text(const char *s)
{
    struct cs_err e = CS_ERR_INIT;
    if (s)
        FUZZ_CHECK(text_check(s, "text", &e) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size), *csv = NULL;
    size_t csv_len = 0;
    struct profile *p = NULL;
    struct cs_err e = CS_ERR_INIT;
    char *sep = strstr(text, "\n%%\n");
    if (sep) {
        *sep = 0;
        csv = sep + 4;
        /* the CSV part keeps every byte after the separator (NULs too) */
        csv_len = size - (size_t)(csv - text);
        csv = (char *)data + (csv - text);
    }
    int rc = profile_parse(text, "fuzz.profile", &p, &e);
    if (rc) {
        FUZZ_CHECK(p == NULL);
        fuzz_check_err(&e, CS_EINPUT);
        free(text);
        return 0;
    }
    FUZZ_CHECK(p != NULL);
    if (!csv || csv_len == 0) {
        profile_free(p);
        free(text);
        return 0;
    }
    FILE *fp = fmemopen(csv, csv_len, "r");
    FUZZ_CHECK(fp != NULL);
    struct profile_opts o = {"UTC", 0, 0};
    struct src_reader rd;
    struct src_row row;
    rc = profile_open_parsed(p, fp, "fuzz.csv", &o, &rd, &e);
    if (rc) {
        FUZZ_CHECK(rc == CS_EINPUT || rc == CS_EFAIL);
        fuzz_check_err(&e, rc);
        fclose(fp);
        free(text);
        return 0;
    }
    FUZZ_CHECK(rd.self && rd.next && rd.release);
    for (int n = 0; n < 256 && (rc = rd.next(rd.self, &row, &e)) == 1; n++) {
        struct cs_date d;
        struct cs_err de = CS_ERR_INIT;
        FUZZ_CHECK(row.fate >= SRC_SPEND && row.fate <= SRC_FOLDED);
        FUZZ_CHECK((row.fate == SRC_SKIP || row.fate == SRC_FOLDED) == (row.skip_reason != NULL));
        FUZZ_CHECK(date_parse(row.date, &d, "date", &de) == 0);
        FUZZ_CHECK(money_currency_known(row.currency));
        FUZZ_CHECK(row.amount >= 0);
        FUZZ_CHECK(row.tip >= -1);
        FUZZ_CHECK(row.line >= 1);
        check_text(row.merchant);
        check_text(row.note);
        check_text(row.category);
        check_text(row.provider);
        check_text(row.from);
        check_text(row.to);
        check_text(row.key);
        check_text(row.skip_reason);
        FUZZ_CHECK(!row.merchant || *row.merchant);
        FUZZ_CHECK(!row.key || *row.key);
        FUZZ_CHECK(rd.progress(rd.self) >= 0);
    }
    if (rc < 0) {
        FUZZ_CHECK(rc == CS_EINPUT || rc == CS_EFAIL);
        fuzz_check_err(&e, rc);
    }
    rd.release(rd.self);
    fclose(fp);
    free(text);
    return 0;
}
