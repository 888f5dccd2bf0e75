/* parallel.c — a fork-join loop over pthreads (see parallel.h). Work is
 * handed out in small chunks from one atomic counter, so that uneven pieces
 * (a long article next to a short one) keep every thread busy. */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

static size_t chosen; /* 0: the default */

void cd_set_threads(size_t n)
{
    chosen = n > CD_MAX_THREADS ? CD_MAX_THREADS : n;
}

size_t cd_threads(void)
{
    if (chosen)
        return chosen;
    long p = sysconf(_SC_NPROCESSORS_ONLN);
    if (p < 1)
        return 1;
    return p > 8 ? 8 : (size_t)p;
}

typedef struct {
    size_t n, chunk;
    atomic_size_t next;
    void (*fn)(void *, size_t, size_t);
    void *ctx;
} job;

typedef struct {
    job *j;
    size_t worker;
} slot;

static void drain(job *j, size_t worker)
{
    for (;;) {
        size_t a = atomic_fetch_add(&j->next, j->chunk);
        if (a >= j->n)
            return;
        size_t b = a + j->chunk < j->n ? a + j->chunk : j->n;
        for (size_t i = a; i < b; i++)
            j->fn(j->ctx, i, worker);
    }
}

static void *run(void *arg)
{
    slot *s = arg;
    drain(s->j, s->worker);
    return NULL;
}

void cd_parallel_for(size_t n, void (*fn)(void *ctx, size_t i, size_t worker), void *ctx)
{
    size_t t = cd_threads();
    if (t > n)
        t = n;
    job j = {n, 1, 0, fn, ctx};
    /* chunks of about 1/64 of each thread's share: few atomics, fair ends */
    j.chunk = t > 1 ? n / (t * 64) : n;
    if (j.chunk < 1)
        j.chunk = 1;
    atomic_init(&j.next, 0);
    if (t <= 1) {
        for (size_t i = 0; i < n; i++)
            fn(ctx, i, 0);
        return;
    }
    pthread_t th[CD_MAX_THREADS];
    slot sl[CD_MAX_THREADS];
    size_t started = 0;
    for (size_t w = 1; w < t; w++) {
        sl[w] = (slot){&j, w};
        if (pthread_create(&th[w], NULL, run, &sl[w]) != 0)
            break; /* fewer threads: the rest is done here */
        started = w;
    }
    drain(&j, 0);
    for (size_t w = 1; w <= started; w++)
        pthread_join(th[w], NULL);
}
