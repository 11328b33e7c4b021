/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_ofx.c - import ofx's reader (src/ofx.c, libofx behind it) on any bytes.
 *
 * Input: the file itself. It is written to a temporary file (libofx reads only paths) and
 * opened with ofx_open(); every row is read. libofx is not built with the sanitizers: what
 * this finds inside it shows as a plain crash (its report goes where ofx_open() sends
 * libofx's stderr; the input is still kept as an artifact).
 * Invariants: ofx_open() returns 0 or CS_EINPUT with a one-line message (never CS_EFAIL:
 * the file is there and /tmp is writable); on 0 the reader's size is the input's, and each
 * row is one the pipeline can store: line 1, 2, ... in order; a known fate, a skip reason
 * exactly for SRC_SKIP; a real date whose YYYYMMDD digits are written in the input; an
 * amount >= 0 (> 0 unless skipped); a known currency; merchant and note NULL or non-empty
 * UTF-8; a key "ACCOUNT:FITID" in UTF-8; statement 1, tip -1, no category, provider, from
 * or to; the progress grows and stays within the size. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "confspend/args.h"
#include "confspend/date.h"
#include "confspend/money.h"
#include "confspend/ofx.h"
#include "fuzz.h"

/* 1 when the N bytes at HAY hold the 8 bytes at NEEDLE. */
static int holds(const uint8_t *hay, size_t n, const char *needle)
{
    for (size_t i = 0; i + 8 <= n; i++)
        if (!memcmp(hay + i, needle, 8))
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    struct src_reader r;
    struct src_row row;
    struct cs_err e = CS_ERR_INIT;
    long long last = 0;
    long line = 0;
    int fd, rc;
    if (!dir || !dir[0])
        dir = "/tmp";
    snprintf(path, sizeof path, "%s/fuzz_ofx-XXXXXX", dir);
    fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(write(fd, data, size) == (ssize_t)size);
    close(fd);

    rc = ofx_open(path, &r, &e);
    unlink(path);
    FUZZ_CHECK(rc == 0 || rc == CS_EINPUT);
    if (rc) {
        fuzz_check_err(&e, CS_EINPUT);
        FUZZ_CHECK(r.self == NULL);
        return 0;
    }
    FUZZ_CHECK(r.size == (long long)size);
    while ((rc = r.next(r.self, &row, &e)) == 1) {
        struct cs_date d;
        char ymd[9];
        const char *colon;
        FUZZ_CHECK(row.line == ++line);
        FUZZ_CHECK(row.fate == SRC_SPEND || row.fate == SRC_CREDIT || row.fate == SRC_SKIP);
        FUZZ_CHECK((row.fate == SRC_SKIP) == (row.skip_reason != NULL));
        FUZZ_CHECK(date_parse(row.date, &d, "date", NULL) == 0);
        snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", row.date, row.date + 5, row.date + 8);
        FUZZ_CHECK(holds(data, size, ymd));
        FUZZ_CHECK(row.amount >= 0);
        FUZZ_CHECK(row.amount > 0 || row.fate == SRC_SKIP);
        FUZZ_CHECK(strlen(row.currency) == 3 && money_digits(row.currency) >= 0);
        FUZZ_CHECK(!row.merchant || (row.merchant[0] && !text_check(row.merchant, "m", NULL)));
        FUZZ_CHECK(!row.note || (row.note[0] && !text_check(row.note, "n", NULL)));
        FUZZ_CHECK(row.key && !text_check(row.key, "key", NULL));
        colon = strrchr(row.key, ':');
        FUZZ_CHECK(colon && colon > row.key);
        FUZZ_CHECK(row.statement == 1 && row.tip == -1);
        FUZZ_CHECK(!row.category && !row.provider && !row.from && !row.to);
        FUZZ_CHECK(r.progress(r.self) >= last && r.progress(r.self) <= r.size);
        last = r.progress(r.self);
    }
    FUZZ_CHECK(rc == 0);
    r.release(r.self);
    return 0;
}
