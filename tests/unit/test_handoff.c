/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_handoff.c - the two-buffer exchange: every buffer arrives once and in order, and
 * either side can end it early without the other waiting for ever. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "confspend/handoff.h"

/* A producer that writes 1, 2, ... N into the buffers, one number each; with FAIL_AT it
 * gives up (handoff_end) instead of handing over that number. */
struct run {
    struct handoff h;
    long buf[2];
    long n, fail_at;
    long produced; /* numbers handed over */
};

static void *produce(void *arg)
{
    struct run *r = arg;
    int cur = 0;
    for (long k = 1; k <= r->n; k++) {
        if (k == r->fail_at) {
            handoff_end(&r->h);
            return NULL;
        }
        if (handoff_stopped(&r->h))
            return NULL; /* (put would say so too) */
        r->buf[cur] = k;
        r->produced = k;
        if ((cur = handoff_put(&r->h, cur, k == r->n)) < 0)
            return NULL;
    }
    if (r->n == 0)
        handoff_put(&r->h, cur, 1); /* an empty last buffer */
    return NULL;
}

/* Consume until the end or until the number STOP_AT (-1: none), which fails. Returns the
 * sum seen. */
static long consume(struct run *r, long stop_at, long *count)
{
    long sum = 0;
    int i = 0;
    *count = 0;
    while (handoff_get(&r->h, i)) {
        long v = r->buf[i];
        int failed = v == stop_at;
        if (!failed) {
            sum += v;
            ++*count;
        }
        handoff_release(&r->h, i, failed);
        if (failed)
            break;
        i ^= 1;
    }
    return sum;
}

static void go(long n, long fail_at, long stop_at, long *sum, long *count, long *produced)
{
    struct run r;
    pthread_t t;
    memset(&r, 0, sizeof r);
    handoff_init(&r.h);
    r.n = n;
    r.fail_at = fail_at;
    assert_int_equal(pthread_create(&t, NULL, produce, &r), 0);
    *sum = consume(&r, stop_at, count);
    pthread_join(t, NULL);
    handoff_destroy(&r.h);
    *produced = r.produced;
}

static void test_all_in_order(void **state)
{
    long sum, count, produced;
    (void)state;
    go(10000, 0, -1, &sum, &count, &produced);
    assert_int_equal(count, 10000);
    assert_int_equal(sum, 10000L * 10001 / 2);
}

static void test_empty(void **state)
{
    long sum, count, produced;
    (void)state;
    go(0, 0, -1, &sum, &count, &produced);
    assert_int_equal(sum, 0); /* one empty buffer, value 0 */
    assert_int_equal(count, 1);
}

static void test_producer_fails(void **state)
{
    long sum, count, produced;
    (void)state;
    go(100, 51, -1, &sum, &count, &produced);
    assert_int_equal(count, 50); /* 1..50 arrived, nothing after */
    assert_int_equal(sum, 50L * 51 / 2);
}

static void test_consumer_fails(void **state)
{
    long sum, count, produced;
    (void)state;
    go(100000, 0, 7, &sum, &count, &produced);
    assert_int_equal(count, 6);
    assert_int_equal(sum, 21);
    /* the producer stopped at once: at most the buffer after 7 was filled */
    assert_true(produced <= 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_in_order),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_producer_fails),
        cmocka_unit_test(test_consumer_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
