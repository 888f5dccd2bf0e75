/* parallel.h — run independent pieces of work on a few threads.
 *
 * cd_parallel_for(n, fn, ctx) calls fn(ctx, i, worker) once for every i in
 * [0, n), spread over up to cd_threads() threads (worker in [0, threads)),
 * and returns when all calls have returned. The calls must not depend on
 * each other's order: whoever uses this keeps the results deterministic
 * (each i writes its own slot, or the results are sorted afterwards). */
#ifndef CD_PARALLEL_H
#define CD_PARALLEL_H

#include <stddef.h>

#define CD_MAX_THREADS 64

/* Threads to use: set by cd_set_threads (the --threads option), else the
 * processors online, at most 8; always 1 to CD_MAX_THREADS. */
size_t cd_threads(void);
void cd_set_threads(size_t n); /* 0: back to the default */

void cd_parallel_for(size_t n, void (*fn)(void *ctx, size_t i, size_t worker), void *ctx);

#endif
