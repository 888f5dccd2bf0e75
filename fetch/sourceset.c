/* sourceset.c — the sources of one run: arguments resolved (manifests
 * expanded, labels applied, standard input read once, the count capped),
 * then every entry read and loaded. One bad entry never stops the others. */
#include "net.h"
#include "parallel.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    char *origin, *outlet, *error;
    char *within;  /* named by a manifest: the real path of its folder */
    char *charset; /* declared by the HTTP server */
    cd_buf bytes;
    bool have_bytes;
} entry;

typedef struct {
    entry *v;
    size_t n, cap;
} entries;

static entry *push(entries *e, const char *origin, const char *outlet)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 16;
        e->v = cd_xrealloc(e->v, e->cap * sizeof *e->v);
    }
    entry *x = &e->v[e->n++];
    memset(x, 0, sizeof *x);
    x->origin = cd_xstrdup(origin);
    if (outlet)
        x->outlet = cd_xstrdup(outlet);
    return x;
}

static void set_error(entry *x, const char *msg)
{
    free(x->error);
    x->error = cd_xstrdup(msg);
}

/* The real path of the folder a manifest lies in ("-": the current one). */
static char *manifest_folder(const char *manifest)
{
    char *dir;
    const char *slash = strcmp(manifest, "-") == 0 ? NULL : strrchr(manifest, '/');
    if (!slash)
        dir = cd_xstrdup(".");
    else if (slash == manifest)
        dir = cd_xstrdup("/");
    else
        dir = cd_xstrndup(manifest, (size_t)(slash - manifest));
    char *real = realpath(dir, NULL);
    free(dir);
    return real;
}

static const char *label_for(const cd_label *labels, size_t n, const char *source)
{
    const char *name = NULL;
    for (size_t k = 0; k < n; k++)
        if (strcmp(labels[k].source, source) == 0)
            name = labels[k].name; /* the last one wins */
    return name;
}

#define TOTAL_ERROR "over the limit for all sources together (see --max-total-bytes)"

/* Count x's bytes into the run's total; past the limit they are dropped and
 * x becomes an error. */
static void count_bytes(entry *x, size_t *total, size_t max_total)
{
    if (!x->have_bytes)
        return;
    if (x->bytes.len > max_total - *total) {
        cd_buf_free(&x->bytes);
        x->have_bytes = false;
        set_error(x, TOTAL_ERROR);
        return;
    }
    *total += x->bytes.len;
}

/* Download every URL entry at once (concurrently, through the cache), at
 * most `budget` bytes in all. */
static void download(entries *e, const cd_load_opts *opts, size_t budget)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        n += !e->v[i].error && !e->v[i].have_bytes && cd_is_url(e->v[i].origin);
    if (!n)
        return;
    if (budget == 0) { /* nothing left: no request at all */
        for (size_t i = 0; i < e->n; i++)
            if (!e->v[i].error && !e->v[i].have_bytes && cd_is_url(e->v[i].origin))
                set_error(&e->v[i], TOTAL_ERROR);
        return;
    }
    const char **urls = cd_xcalloc(n, sizeof *urls);
    size_t *idx = cd_xcalloc(n, sizeof *idx);
    size_t k = 0;
    for (size_t i = 0; i < e->n; i++)
        if (!e->v[i].error && !e->v[i].have_bytes && cd_is_url(e->v[i].origin)) {
            urls[k] = e->v[i].origin;
            idx[k++] = i;
        }
    cd_net_opts no = {.timeout_s = opts->timeout_s,
                      .max_bytes = opts->max_bytes,
                      .jobs = opts->jobs,
                      .cache_dir = opts->cache_dir,
                      .offline = opts->offline,
                      .refresh = opts->refresh,
                      .progress = opts->progress,
                      .max_total_bytes = budget,
                      .allow_private = opts->allow_private};
    cd_fetch_result *res = cd_xcalloc(n, sizeof *res);
    cd_fetch_urls(urls, n, &no, res);
    for (k = 0; k < n; k++) {
        entry *x = &e->v[idx[k]];
        if (res[k].error) {
            x->error = res[k].error;
            res[k].error = NULL;
        } else {
            x->bytes = res[k].body;
            memset(&res[k].body, 0, sizeof res[k].body);
            x->have_bytes = true;
            x->charset = res[k].charset;
            res[k].charset = NULL;
        }
        cd_fetch_result_free(&res[k]);
    }
    free(res);
    free(urls);
    free(idx);
}

typedef struct {
    entries *e;
    const cd_load_opts *opts;
    size_t first;
} read_job;

/* Read entry first + i when it is a file a manifest names. */
static void read_one(void *ctx, size_t i, size_t worker)
{
    (void)worker;
    read_job *j = ctx;
    entry *x = &j->e->v[j->first + i];
    if (x->error || x->have_bytes || !x->within)
        return;
    char *err = NULL;
    if (cd_source_read_within(x->origin, x->within, j->opts->max_bytes, &x->bytes, &err))
        x->have_bytes = true;
    else
        x->error = err;
}

typedef struct {
    entries *e;
    cd_source_set *set;
    const cd_load_opts *opts;
} load_job;

static void load_one(void *ctx, size_t i, size_t worker)
{
    (void)worker;
    load_job *j = ctx;
    entry *x = &j->e->v[i];
    if (x->error)
        return;
    char *err = NULL;
    j->set->docs[i] = cd_source_load_owned(x->origin, &x->bytes, x->charset, x->outlet, j->opts,
                                           &err);
    j->set->errors[i] = err;
}

void cd_sources_load(char *const *args, size_t n_args, const cd_label *labels,
                     size_t n_labels, const cd_load_opts *opts, cd_source_set *set)
{
    entries e = {0};
    bool stdin_read = false;
    size_t max_total = opts->max_total_bytes ? opts->max_total_bytes : CD_DEFAULT_MAX_TOTAL_BYTES;
    size_t total = 0; /* bytes of the sources read so far */
    for (size_t i = 0; i < n_args; i++) {
        const char *arg = args[i];
        entry *x = push(&e, arg, label_for(labels, n_labels, arg));
        if (cd_is_url(arg))
            continue; /* downloaded below, all at once */
        if (strcmp(arg, "-") == 0) {
            if (stdin_read) {
                set_error(x, "standard input was already read");
                continue;
            }
            stdin_read = true;
        }
        char *err = NULL;
        if (!cd_source_read(arg, opts->max_bytes, &x->bytes, &err)) {
            x->error = err;
            continue;
        }
        x->have_bytes = true;
        if (!x->bytes.len || !cd_json_source_sniff(x->bytes.data, x->bytes.len)) {
            count_bytes(x, &total, max_total);
            continue;
        }
        cd_source_spec *specs;
        size_t n;
        if (!cd_manifest_read(arg, x->bytes.data, x->bytes.len, opts, &specs, &n, &err)) {
            x->error = err;
            cd_buf_free(&x->bytes);
            x->have_bytes = false;
            continue;
        }
        if (n == 0) { /* a saved document: loaded below */
            count_bytes(x, &total, max_total);
            continue;
        }
        /* the manifest stands for its entries */
        char *folder = manifest_folder(arg);
        cd_buf_free(&x->bytes);
        free(x->origin);
        free(x->outlet);
        e.n--;
        for (size_t k = 0; k < n; k++) {
            const char *lab = label_for(labels, n_labels, specs[k].origin);
            entry *y = push(&e, specs[k].origin, lab ? lab : specs[k].outlet);
            if (specs[k].error)
                set_error(y, specs[k].error);
            else if (!cd_is_url(specs[k].origin))
                y->within = cd_xstrdup(folder ? folder : "/nonexistent");
        }
        free(folder);
        cd_source_specs_free(specs, n);
    }

    /* cap the run */
    size_t max_sources = opts->max_sources ? opts->max_sources : CD_MAX_SOURCES;
    for (size_t i = max_sources; i < e.n; i++) {
        cd_buf b = {0};
        cd_buf_printf(&b, "more than %zu sources in one run: this one was not read "
                      "(see --max-sources)", max_sources);
        free(e.v[i].error);
        e.v[i].error = cd_buf_steal(&b);
        cd_buf_free(&e.v[i].bytes);
        e.v[i].have_bytes = false;
    }

    download(&e, opts, max_total - total);
    for (size_t i = 0; i < e.n; i++)
        if (e.v[i].have_bytes && cd_is_url(e.v[i].origin))
            total += e.v[i].bytes.len; /* within the budget, as downloaded */

    /* files named by manifests (the only entries still unread: arguments
     * were read above, URLs downloaded) are read now, a few at a time on the
     * threads, then counted against the budget in order (at most a batch of
     * files is held beyond it) */
    size_t batch = 4 * cd_threads();
    for (size_t i0 = 0; i0 < e.n; i0 += batch) {
        size_t m = e.n - i0 < batch ? e.n - i0 : batch;
        read_job rj = {&e, opts, i0};
        cd_parallel_for(m, read_one, &rj);
        for (size_t i = i0; i < i0 + m; i++)
            if (e.v[i].within && e.v[i].have_bytes)
                count_bytes(&e.v[i], &total, max_total);
    }

    set->n = e.n;
    set->origins = cd_xcalloc(e.n ? e.n : 1, sizeof *set->origins);
    set->docs = cd_xcalloc(e.n ? e.n : 1, sizeof *set->docs);
    set->errors = cd_xcalloc(e.n ? e.n : 1, sizeof *set->errors);
    /* parse, clean and segment the sources on a few threads: each writes
     * only its own slot, so the set is the same for any thread count */
    cd_html_set_max_depth(opts->max_depth);
    load_job lj = {&e, set, opts};
    cd_parallel_for(e.n, load_one, &lj);
    for (size_t i = 0; i < e.n; i++) {
        entry *x = &e.v[i];
        set->origins[i] = x->origin;
        if (x->error)
            set->errors[i] = x->error;
        cd_buf_free(&x->bytes);
        free(x->outlet);
        free(x->charset);
        free(x->within);
    }
    free(e.v);
}

void cd_source_set_free(cd_source_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->origins[i]);
        cd_doc_free(set->docs[i]);
        free(set->errors[i]);
    }
    free(set->origins);
    free(set->docs);
    free(set->errors);
    memset(set, 0, sizeof *set);
}
