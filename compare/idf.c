/* idf.c — inverse document frequencies: the compiled-in background table
 * blended with the input's own documents. */
#include "compare.h"
#include "idf_data.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

typedef struct {
    const char *stem;
    unsigned df;
    size_t last_doc; /* the document that counted it last: once per document */
} idf_slot;

struct cd_idf {
    cd_arena *arena;
    idf_slot *slots;
    size_t cap, used; /* cap: power of two */
    size_t docs;      /* input documents */
};

cd_idf *cd_idf_new(void)
{
    cd_idf *idf = cd_xcalloc(1, sizeof *idf);
    idf->arena = cd_arena_new();
    idf->cap = 256;
    idf->slots = cd_xcalloc(idf->cap, sizeof *idf->slots);
    return idf;
}

void cd_idf_free(cd_idf *idf)
{
    if (!idf)
        return;
    free(idf->slots);
    cd_arena_free(idf->arena);
    free(idf);
}

static idf_slot *find(const idf_slot *slots, size_t cap, const char *stem)
{
    size_t i = (size_t)XXH3_64bits(stem, strlen(stem)) & (cap - 1);
    while (slots[i].stem && strcmp(slots[i].stem, stem) != 0)
        i = (i + 1) & (cap - 1);
    return (idf_slot *)&slots[i];
}

static void grow(cd_idf *idf)
{
    size_t cap = idf->cap * 2;
    idf_slot *slots = cd_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < idf->cap; i++)
        if (idf->slots[i].stem)
            *find(slots, cap, idf->slots[i].stem) = idf->slots[i];
    free(idf->slots);
    idf->slots = slots;
    idf->cap = cap;
}

void cd_idf_add_doc(cd_idf *idf, const char *const *stems, size_t n)
{
    idf->docs++;
    for (size_t k = 0; k < n; k++) {
        if ((idf->used + 1) * 2 > idf->cap)
            grow(idf);
        idf_slot *s = find(idf->slots, idf->cap, stems[k]);
        if (!s->stem) {
            s->stem = cd_arena_strndup(idf->arena, stems[k], strlen(stems[k]));
            idf->used++;
        } else if (s->last_doc == idf->docs) {
            continue;
        }
        s->df++;
        s->last_doc = idf->docs;
    }
}

void cd_idf_add_paragraphs(cd_idf *idf, const cd_doc *doc, cd_features *const *f)
{
    size_t n = cd_doc_sentence_count(doc), cap = 0, m = 0, para = SIZE_MAX;
    const char **stems = NULL;
    for (size_t i = 0; i <= n; i++) {
        size_t p = i < n ? cd_doc_sentence(doc, i)->paragraph : SIZE_MAX;
        if (p != para && m) {
            cd_idf_add_doc(idf, stems, m);
            m = 0;
        }
        para = p;
        for (size_t k = 0; i < n && k < f[i]->n_stems; k++) {
            if (m == cap) {
                cap = cap ? cap * 2 : 64;
                stems = cd_xrealloc(stems, cap * sizeof *stems);
            }
            stems[m++] = f[i]->stems[k];
        }
    }
    free(stems);
}

static int cmp_entry(const void *key, const void *e)
{
    return cd_strcmp((const char *)key, ((const cd_idf_entry *)e)->stem);
}

double cd_idf_weight(const cd_idf *idf, const char *stem)
{
    double n = cd_idf_background_docs, df = 0;
    const cd_idf_entry *e = bsearch(stem, cd_idf_background, cd_idf_background_count,
                                    sizeof *cd_idf_background, cmp_entry);
    if (e)
        df = e->df;
    if (idf) {
        n += (double)idf->docs;
        const idf_slot *s = find(idf->slots, idf->cap, stem);
        if (s->stem)
            df += s->df;
    }
    return log((n + 1.0) / (df + 0.5));
}
