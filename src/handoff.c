/* SPDX-License-Identifier: GPL-3.0-or-later */
/* handoff.c - the two-buffer exchange between a producer thread and its consumer. */
#include "confspend/handoff.h"

#include <string.h>

void handoff_init(struct handoff *h)
{
    memset(h, 0, sizeof *h);
    pthread_mutex_init(&h->mu, NULL);
    pthread_cond_init(&h->cv, NULL);
}

void handoff_destroy(struct handoff *h)
{
    pthread_mutex_destroy(&h->mu);
    pthread_cond_destroy(&h->cv);
}

int handoff_put(struct handoff *h, int i, int last)
{
    int next = i ^ 1;
    pthread_mutex_lock(&h->mu);
    h->full[i] = 1;
    h->done = last;
    pthread_cond_broadcast(&h->cv);
    while (!last && h->full[next] && !h->stop)
        pthread_cond_wait(&h->cv, &h->mu);
    if (h->stop || last)
        next = -1;
    pthread_mutex_unlock(&h->mu);
    return next;
}

int handoff_stopped(struct handoff *h)
{
    int stop;
    pthread_mutex_lock(&h->mu);
    stop = h->stop;
    pthread_mutex_unlock(&h->mu);
    return stop;
}

void handoff_end(struct handoff *h)
{
    pthread_mutex_lock(&h->mu);
    h->done = 1;
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
}

int handoff_get(struct handoff *h, int i)
{
    int ready;
    pthread_mutex_lock(&h->mu);
    while (!h->full[i] && !h->done)
        pthread_cond_wait(&h->cv, &h->mu);
    ready = h->full[i];
    pthread_mutex_unlock(&h->mu);
    return ready;
}

void handoff_release(struct handoff *h, int i, int failed)
{
    pthread_mutex_lock(&h->mu);
    h->full[i] = 0;
    if (failed)
        h->stop = 1;
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
}
