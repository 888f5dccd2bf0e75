/* test_parallel.c — cd_parallel_for calls every index once, on any thread
 * count, and cd_threads stays in range. */
#include <criterion/criterion.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "parallel.h"

typedef struct {
    atomic_int *calls;
    size_t max_worker;
    atomic_size_t sum;
} ctx;

static void visit(void *p, size_t i, size_t worker)
{
    ctx *c = p;
    atomic_fetch_add(&c->calls[i], 1);
    atomic_fetch_add(&c->sum, i);
    cr_assert_lt(worker, c->max_worker);
}

Test(parallel, every_index_once_on_any_thread_count)
{
    static const size_t ns[] = {0, 1, 2, 3, 7, 64, 1000, 100003};
    static const size_t ts[] = {1, 2, 3, 8, 64};
    for (size_t a = 0; a < sizeof ts / sizeof *ts; a++) {
        cd_set_threads(ts[a]);
        cr_assert_eq(cd_threads(), ts[a]);
        for (size_t b = 0; b < sizeof ns / sizeof *ns; b++) {
            size_t n = ns[b];
            ctx c = {calloc(n + 1, sizeof(atomic_int)), ts[a], 0};
            cd_parallel_for(n, visit, &c);
            for (size_t i = 0; i < n; i++)
                cr_assert_eq(atomic_load(&c.calls[i]), 1, "n %zu threads %zu: index %zu", n, ts[a], i);
            cr_assert_eq(atomic_load(&c.sum), n ? n * (n - 1) / 2 : 0);
            free(c.calls);
        }
    }
    cd_set_threads(0);
}

Test(parallel, default_and_cap)
{
    cd_set_threads(0);
    size_t t = cd_threads();
    cr_assert(t >= 1 && t <= 8, "default %zu", t);
    cd_set_threads(1000);
    cr_assert_eq(cd_threads(), CD_MAX_THREADS);
    cd_set_threads(0);
}
