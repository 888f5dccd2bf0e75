/* comparison.c — the whole comparison of a run (cd_compare): alignment,
 * each document's analysis, the divergences of every claim group and the
 * omissions of every story.
 *
 * Omissions: in a story of two or more documents, a claim group that lacks
 * some of the story's documents, and a sentence no other document matched,
 * are claims the missing documents do not report. They are ranked by
 * omission_weight: a claim put on a source counts most, then numbers, then
 * named people and organisations, quotations and dates; a claim most of the
 * story reports weighs a little more than one only a single outlet has. */
#include "compare.h"
#include "parallel.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const cd_sentence_info *info_at(const cd_comparison *c, cd_align_ref r)
{
    const cd_analysis *a = c->analyses[r.doc];
    return a ? cd_analysis_sentence(a, r.sent) : NULL;
}

static cd_member member_of(const cd_doc *doc, size_t sent, const cd_sentence_info *info,
                           const char *name)
{
    const cd_sentence *s = cd_doc_sentence(doc, sent);
    cd_member m = {cd_doc_text(doc, NULL), {s->start, s->end}, NULL, 0, info, name};
    if (s->tok_count) {
        m.toks = cd_doc_token(doc, s->tok_first);
        m.n_toks = s->tok_count;
    }
    return m;
}

/* The rank of an omitted claim (see the file comment). */
static double omission_weight(const cd_sentence_info *in, size_t present, size_t story_docs)
{
    double w = 1.0;
    if (in) {
        if (in->framing == CD_FRAMING_ATTRIBUTED || in->attr_source)
            w += 4.0;
        if (in->n_numbers)
            w += 2.0 + (in->n_numbers > 1 ? 0.5 : 0.0);
        if (in->n_entities)
            w += 1.0 + (in->n_entities > 1 ? 0.5 : 0.0);
        if (in->n_quotes)
            w += 0.5;
        if (in->n_dates)
            w += 0.5;
    }
    return w + (story_docs ? (double)present / (double)story_docs : 0.0);
}

static int cmp_omission(const void *x, const void *y)
{
    const cd_omission *a = x, *b = y;
    if (a->story != b->story)
        return a->story < b->story ? -1 : 1;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    if (a->ref.doc != b->ref.doc)
        return a->ref.doc < b->ref.doc ? -1 : 1;
    if (a->ref.sent != b->ref.sent)
        return a->ref.sent < b->ref.sent ? -1 : 1;
    return a->group < b->group ? -1 : a->group > b->group;
}

/* Omissions kept per story (the highest weights): a story of thousands of
 * outlets would otherwise hold a list of thousands of missing documents
 * for each of its sentences. */
#define OMISSIONS_PER_STORY 500

static void find_omissions(cd_comparison *c, size_t n)
{
    const cd_alignment *al = c->al;
    /* the documents of each story, in document order */
    size_t ns = al->n_stories;
    size_t *first = cd_xcalloc(ns + 1, sizeof *first), *docs = cd_xmalloc((n + 1) * sizeof *docs);
    for (size_t d = 0; d < n; d++)
        if (al->story_of[d] < ns)
            first[al->story_of[d] + 1]++;
    for (size_t t = 0; t < ns; t++)
        first[t + 1] += first[t];
    size_t *fill = cd_xmalloc((ns + 1) * sizeof *fill);
    memcpy(fill, first, (ns + 1) * sizeof *fill);
    for (size_t d = 0; d < n; d++)
        if (al->story_of[d] < ns)
            docs[fill[al->story_of[d]]++] = d;
    free(fill);

    /* candidates: every claim group of a story of two or more documents
     * that lacks some of them, and every unmatched sentence of such a story */
    cd_omission *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t g = 0; g <= al->n_groups + al->n_unmatched; g++) {
        if (g == al->n_groups)
            continue;
        bool grp = g < al->n_groups;
        const cd_align_group *gr = grp ? &al->groups[g] : NULL;
        cd_align_ref ref = grp ? gr->members[0] : al->unmatched[g - al->n_groups - 1];
        if ((grp && (gr->cross_story || !gr->n_members)) || ref.doc >= n)
            continue;
        size_t t = grp ? gr->story : al->story_of[ref.doc];
        if (t >= ns)
            continue;
        size_t nd = first[t + 1] - first[t], np = grp ? gr->n_members : 1;
        if (nd < 2 || np >= nd)
            continue;
        if (nv == cap) {
            cap = cap ? cap * 2 : 64;
            v = cd_xrealloc(v, cap * sizeof *v);
        }
        v[nv++] = (cd_omission){t, grp ? g : SIZE_MAX, ref, NULL, np, NULL, nd - np,
                                omission_weight(info_at(c, ref), np, nd)};
    }
    if (nv)
        qsort(v, nv, sizeof *v, cmp_omission);

    /* keep the best of each story and list their documents */
    size_t *stamp = cd_xcalloc(n + 1, sizeof *stamp);
    size_t kept = 0, run = 0;
    for (size_t i = 0; i < nv; i++) {
        run = i && v[i].story == v[i - 1].story ? run + 1 : 0;
        if (run >= OMISSIONS_PER_STORY)
            continue;
        cd_omission o = v[i];
        size_t t = o.story;
        o.present = cd_arena_alloc(c->arena, o.n_present * sizeof *o.present);
        o.missing = cd_arena_alloc(c->arena, o.n_missing * sizeof *o.missing);
        size_t mark = i + 1, np = 0, nm = 0;
        if (o.group != SIZE_MAX) {
            const cd_align_group *gr = &al->groups[o.group];
            for (size_t k = 0; k < gr->n_members; k++)
                if (gr->members[k].doc < n)
                    stamp[gr->members[k].doc] = mark;
        } else
            stamp[o.ref.doc] = mark;
        for (size_t k = first[t]; k < first[t + 1]; k++) {
            if (stamp[docs[k]] == mark) {
                if (np < o.n_present)
                    o.present[np++] = docs[k];
            } else if (nm < o.n_missing)
                o.missing[nm++] = docs[k];
        }
        o.n_present = np;
        o.n_missing = nm;
        v[kept++] = o;
    }
    free(stamp);
    free(first);
    free(docs);
    if (kept) {
        c->omissions = cd_arena_alloc(c->arena, kept * sizeof *c->omissions);
        memcpy(c->omissions, v, kept * sizeof *v);
    }
    c->n_omissions = kept;
    free(v);
}

typedef struct {
    cd_member *m; /* a group's members */
    size_t cap;
} div_worker;

typedef struct {
    cd_comparison *c;
    const cd_doc *const *docs;
    size_t n;
    const char **name;
    div_worker *w; /* one per thread */
} cmp_job;

static void analyse_one(void *ctx, size_t i, size_t worker)
{
    (void)worker;
    cmp_job *j = ctx;
    if (j->docs[i])
        j->c->analyses[i] = cd_analyse(j->docs[i]);
}

static void diverge_one(void *ctx, size_t g, size_t worker)
{
    cmp_job *j = ctx;
    cd_comparison *c = j->c;
    const cd_align_group *gr = &c->al->groups[g];
    c->divs[g] = NULL;
    c->n_divs[g] = 0;
    if (gr->cross_story || gr->n_members < 2)
        return; /* one claim told in two stories: no divergence to explain */
    div_worker *w = &j->w[worker];
    if (gr->n_members > w->cap) {
        w->cap = gr->n_members;
        w->m = cd_xrealloc(w->m, w->cap * sizeof *w->m);
    }
    for (size_t k = 0; k < gr->n_members; k++) {
        cd_align_ref r = gr->members[k];
        if (r.doc >= j->n || !j->docs[r.doc] || r.sent >= cd_doc_sentence_count(j->docs[r.doc]))
            return;
        w->m[k] = member_of(j->docs[r.doc], r.sent, info_at(c, r), j->name[r.doc]);
    }
    if (!c->worker_arenas[worker])
        c->worker_arenas[worker] = cd_arena_new();
    c->n_divs[g] = cd_diverge(c->worker_arenas[worker], w->m, gr->n_members, &c->divs[g]);
}

/* The analyses of all documents (on the threads). */
static void analyse_all(void *ctx)
{
    cmp_job *j = ctx;
    cd_parallel_for(j->n, analyse_one, j);
}

cd_comparison *cd_compare(const cd_doc *const *docs, const char *const *names, size_t n,
                          const cd_align_opts *opts)
{
    cd_comparison *c = cd_xcalloc(1, sizeof *c);
    c->arena = cd_arena_new();
    c->analyses = cd_xcalloc(n ? n : 1, sizeof *c->analyses);
    const char **name = cd_arena_alloc(c->arena, (n ? n : 1) * sizeof *name);
    cmp_job j = {c, docs, n, name, NULL};
    /* the analyses do not depend on the alignment: they run beside its
     * grouping, which keeps one thread busy */
    cd_align_opts ao = opts ? *opts : (cd_align_opts){0};
    ao.beside = analyse_all;
    ao.beside_ctx = &j;
    c->al = cd_align(docs, n, &ao);
    for (size_t i = 0; i < n; i++) {
        if (!docs[i])
            continue;
        name[i] = names && names[i] ? names[i] : cd_doc_outlet(docs[i]);
        if (!name[i]) {
            cd_buf b = {0};
            cd_buf_printf(&b, "Source %zu", i + 1);
            name[i] = cd_arena_strndup(c->arena, b.data, b.len);
            cd_buf_free(&b);
        }
    }
    size_t ng = c->al->n_groups;
    c->divs = cd_arena_alloc(c->arena, (ng ? ng : 1) * sizeof *c->divs);
    c->n_divs = cd_arena_alloc(c->arena, (ng ? ng : 1) * sizeof *c->n_divs);
    /* divergences group by group on a few threads, each with its own arena
     * and member buffer (the comparison keeps the arenas) */
    c->n_worker_arenas = cd_threads();
    c->worker_arenas = cd_xcalloc(c->n_worker_arenas, sizeof *c->worker_arenas);
    j.w = cd_xcalloc(c->n_worker_arenas, sizeof *j.w);
    cd_parallel_for(ng, diverge_one, &j);
    for (size_t w = 0; w < c->n_worker_arenas; w++)
        free(j.w[w].m);
    free(j.w);
    find_omissions(c, n);
    return c;
}

void cd_comparison_free(cd_comparison *c)
{
    if (!c)
        return;
    if (c->analyses && c->al)
        for (size_t i = 0; i < c->al->n_docs; i++)
            cd_analysis_free(c->analyses[i]);
    free(c->analyses);
    cd_alignment_free(c->al);
    for (size_t w = 0; w < c->n_worker_arenas; w++)
        cd_arena_free(c->worker_arenas[w]);
    free(c->worker_arenas);
    cd_arena_free(c->arena);
    free(c);
}
