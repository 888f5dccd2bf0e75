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

typedef struct {
    cd_omission *v;
    size_t n, cap;
} omissions;

static void add_omission(cd_comparison *c, omissions *o, size_t story, size_t group,
                         cd_align_ref ref, const bool *present, const size_t *docs, size_t n_docs)
{
    size_t np = 0;
    for (size_t k = 0; k < n_docs; k++)
        np += present[docs[k]];
    if (np == 0 || np == n_docs)
        return;
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 64;
        o->v = cd_xrealloc(o->v, o->cap * sizeof *o->v);
    }
    cd_omission *m = &o->v[o->n++];
    m->story = story;
    m->group = group;
    m->ref = ref;
    m->present = cd_arena_alloc(c->arena, np * sizeof *m->present);
    m->missing = cd_arena_alloc(c->arena, (n_docs - np) * sizeof *m->missing);
    m->n_present = m->n_missing = 0;
    for (size_t k = 0; k < n_docs; k++) {
        if (present[docs[k]])
            m->present[m->n_present++] = docs[k];
        else
            m->missing[m->n_missing++] = docs[k];
    }
    m->weight = omission_weight(info_at(c, ref), np, n_docs);
}

static void find_omissions(cd_comparison *c, size_t n)
{
    const cd_alignment *al = c->al;
    omissions o = {0};
    bool *present = cd_xcalloc(n + 1, 1);
    size_t *docs = cd_xmalloc((n + 1) * sizeof *docs);
    for (size_t t = 0; t < al->n_stories; t++) {
        size_t nd = 0;
        for (size_t d = 0; d < n; d++)
            if (al->story_of[d] == t)
                docs[nd++] = d;
        if (nd < 2)
            continue;
        for (size_t g = 0; g < al->n_groups; g++) {
            const cd_align_group *gr = &al->groups[g];
            if (gr->cross_story || gr->story != t || !gr->n_members)
                continue;
            memset(present, 0, n + 1);
            for (size_t k = 0; k < gr->n_members; k++)
                present[gr->members[k].doc] = true;
            add_omission(c, &o, t, g, gr->members[0], present, docs, nd);
        }
        for (size_t u = 0; u < al->n_unmatched; u++) {
            cd_align_ref r = al->unmatched[u];
            if (r.doc >= n || al->story_of[r.doc] != t)
                continue;
            memset(present, 0, n + 1);
            present[r.doc] = true;
            add_omission(c, &o, t, SIZE_MAX, r, present, docs, nd);
        }
    }
    free(present);
    free(docs);
    if (o.n) {
        qsort(o.v, o.n, sizeof *o.v, cmp_omission);
        c->omissions = cd_arena_alloc(c->arena, o.n * sizeof *c->omissions);
        memcpy(c->omissions, o.v, o.n * sizeof *o.v);
    }
    c->n_omissions = o.n;
    free(o.v);
}

cd_comparison *cd_compare(const cd_doc *const *docs, const char *const *names, size_t n,
                          const cd_align_opts *opts)
{
    cd_comparison *c = cd_xcalloc(1, sizeof *c);
    c->arena = cd_arena_new();
    c->al = cd_align(docs, n, opts);
    c->analyses = cd_xcalloc(n ? n : 1, sizeof *c->analyses);
    const char **name = cd_arena_alloc(c->arena, (n ? n : 1) * sizeof *name);
    for (size_t i = 0; i < n; i++) {
        if (!docs[i])
            continue;
        c->analyses[i] = cd_analyse(docs[i]);
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
    cd_member *m = NULL;
    size_t cap = 0;
    for (size_t g = 0; g < ng; g++) {
        const cd_align_group *gr = &c->al->groups[g];
        c->divs[g] = NULL;
        c->n_divs[g] = 0;
        if (gr->cross_story || gr->n_members < 2)
            continue; /* one claim told in two stories: no divergence to explain */
        if (gr->n_members > cap) {
            cap = gr->n_members;
            m = cd_xrealloc(m, cap * sizeof *m);
        }
        bool ok = true;
        for (size_t k = 0; k < gr->n_members; k++) {
            cd_align_ref r = gr->members[k];
            if (r.doc >= n || !docs[r.doc] || r.sent >= cd_doc_sentence_count(docs[r.doc])) {
                ok = false;
                break;
            }
            m[k] = member_of(docs[r.doc], r.sent, info_at(c, r), name[r.doc]);
        }
        if (ok)
            c->n_divs[g] = cd_diverge(c->arena, m, gr->n_members, &c->divs[g]);
    }
    free(m);
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
    cd_arena_free(c->arena);
    free(c);
}
