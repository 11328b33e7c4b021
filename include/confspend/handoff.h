/* SPDX-License-Identifier: GPL-3.0-or-later */
/* handoff.h - two buffers passed between a producer thread and a consumer: the producer
 * fills one while the consumer empties the other. Either side can end it early. */
#ifndef CONFSPEND_HANDOFF_H
#define CONFSPEND_HANDOFF_H

#include <pthread.h>

struct handoff {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int full[2]; /* buffer i waits for the consumer */
    int done;    /* the producer is finished (at its end, or on an error) */
    int stop;    /* the consumer failed: the producer should stop */
};

void handoff_init(struct handoff *h);
void handoff_destroy(struct handoff *h);

/* Producer: buffer I is ready (LAST: and it is the final one). Returns the buffer to fill
 * next once it is free, or -1 when the consumer stopped (or after LAST). */
int handoff_put(struct handoff *h, int i, int last);
/* Producer: 1 when the consumer has stopped (worth asking now and then while filling a
 * buffer, so a failure does not wait for the buffer to fill). */
int handoff_stopped(struct handoff *h);
/* Producer: finished without handing over what it holds (an error, or the consumer
 * stopped). */
void handoff_end(struct handoff *h);

/* Consumer: wait for buffer I. 1 when it is ready, 0 when the producer is finished and
 * there is nothing more. */
int handoff_get(struct handoff *h, int i);
/* Consumer: done with buffer I; FAILED stops the producer. */
void handoff_release(struct handoff *h, int i, int failed);

#endif
