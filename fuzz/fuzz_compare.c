/* fuzz_compare.c — libFuzzer target: the whole compare path on two small
 * inputs. The bytes are split at the first form feed (else in the middle)
 * into two sources, each loaded as text, HTML or JSON by its content, then
 * aligned, analysed and compared (cd_compare). Checks the contract of the
 * result: every sentence of every document is in a group or unmatched, a
 * group holds at most one sentence per document, in (doc, sent) order, every
 * range and member index is in bounds, and every summary is one line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const cd_comparison *c, cd_doc *const *docs)
{
    const cd_alignment *al = c->al;
    size_t n_sents[2], seen_total = 0;
    unsigned char *seen[2];
    for (int d = 0; d < 2; d++) {
        n_sents[d] = docs[d] ? cd_doc_sentence_count(docs[d]) : 0;
        seen[d] = calloc(n_sents[d] + 1, 1);
    }
    for (size_t g = 0; g < al->n_groups; g++) {
        const cd_align_group *gr = &al->groups[g];
        if (gr->n_members == 0 || gr->n_members > 2)
            abort(); /* two documents: at most one sentence from each */
        for (size_t k = 0; k < gr->n_members; k++) {
            cd_align_ref r = gr->members[k];
            if (r.doc > 1 || !docs[r.doc] || r.sent >= n_sents[r.doc])
                abort();
            if (k && gr->members[k - 1].doc >= r.doc)
                abort(); /* sorted, one per document */
            seen[r.doc][r.sent] = 1;
        }
        for (size_t i = 0; i < c->n_divs[g]; i++) {
            const cd_divergence *dv = &c->divs[g][i];
            if (!dv->summary || strchr(dv->summary, '\n') || dv->base >= gr->n_members)
                abort();
            for (size_t s = 0; s < dv->n_sides; s++)
                if (dv->sides[s].member >= gr->n_members)
                    abort();
        }
    }
    for (size_t u = 0; u < al->n_unmatched; u++) {
        cd_align_ref r = al->unmatched[u];
        if (r.doc > 1 || !docs[r.doc] || r.sent >= n_sents[r.doc])
            abort();
        seen[r.doc][r.sent] = 1;
    }
    for (int d = 0; d < 2; d++) {
        for (size_t s = 0; s < n_sents[d]; s++)
            seen_total += seen[d][s];
        free(seen[d]);
    }
    if (seen_total != n_sents[0] + n_sents[1])
        abort(); /* a kept sentence went missing from the report */
    for (size_t o = 0; o < c->n_omissions; o++) {
        const cd_omission *om = &c->omissions[o];
        if (om->ref.doc > 1 || !docs[om->ref.doc] || om->ref.sent >= n_sents[om->ref.doc])
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *ff = memchr(s, '\f', size);
    size_t cut = ff ? (size_t)(ff - s) : size / 2;
    size_t starts[2] = {0, ff ? cut + 1 : cut}, ends[2] = {cut, size};
    cd_doc *docs[2] = {NULL, NULL};
    cd_load_opts o = {.max_sentence_bytes = 256, .max_sentences = 64};
    for (int d = 0; d < 2; d++) {
        cd_buf b = {0};
        cd_buf_append(&b, s + starts[d], ends[d] - starts[d]);
        char *err = NULL;
        docs[d] = cd_source_load_owned(d ? "b.txt" : "a.txt", &b, NULL, NULL, &o, &err);
        if (!docs[d] && (!err || strchr(err, '\n')))
            abort();
        free(err);
    }
    static const char *const names[2] = {"Outlet A", "Outlet B"};
    cd_comparison *c = cd_compare((const cd_doc *const *)docs, names, 2, NULL);
    if (!c)
        abort();
    check(c, docs);
    cd_comparison_free(c);
    cd_doc_free(docs[0]);
    cd_doc_free(docs[1]);
    return 0;
}
