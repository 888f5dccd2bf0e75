/* score.c — the pair score: do two sentences carry the same claim?
 *
 * With A, B the content stems (synonyms mapped) and a, b the stop words:
 *
 *   W       = Dice of A, B weighted by IDF, each stop word weighing 0.25:
 *             2 W(A ∩ B, a ∩ b) / (W(A, a) + W(B, b))
 *   F       = plain Dice of the word sets (stems and stop words, weight 1)
 *   s       = 0.5 W + 0.5 F
 *   s      += (1 - s) (0.075 E + 0.075 N + 0.10 Q)
 *             E, N, Q: shared entities, numbers, quotes (fraction of the
 *             smaller side's items found in the other)
 *
 * Conflicting numbers do not lower the score: "12 dead" against "14 dead"
 * is one claim whose facts diverge (compare/divergence.c says so), not two
 * claims. (A penalty of 0.30 × the unshared share of numbers was tried: it
 * helps MSRP, where a changed figure makes a pair non-equivalent, and it
 * kept exactly those pairs out of one group.)
 *   s      *= 0.90 + 0.10 L   L: shorter / longer, in words
 *
 * The weights were chosen on MSRP train (two-fold cross-validation) and the
 * STS-B dev file, never on a test file; docs/score.md has the figures. */
#include "compare.h"

#include <string.h>

#define W_STOP 0.25     /* weight of a stop word in W (content stems: IDF) */
#define W_MIX 0.5       /* share of the plain word-set Dice F */
#define W_ENTITY 0.075
#define W_NUMBER 0.075
#define W_QUOTE 0.10
#define W_LENGTH 0.10

/* |A ∩ B| of two sorted unique string arrays. */
static size_t common(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        int c = strcmp(a[i], b[j]);
        if (c == 0)
            k++, i++, j++;
        else if (c < 0)
            i++;
        else
            j++;
    }
    return k;
}

/* |A ∩ B| of two sorted unique id arrays. */
static size_t common_ids(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            k++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return k;
}

/* Weight of stem k of f: looked up once by cd_features_weigh, else now. */
static double weight(const cd_idf *idf, const cd_features *f, size_t k)
{
    if (f->weights)
        return f->weights[k];
    return idf ? cd_idf_weight(idf, f->stems[k]) : 1.0;
}

/* Fraction of the smaller side found in the other; 0 when either is empty. */
static double shared(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    size_t m = na < nb ? na : nb;
    return m ? (double)common(a, na, b, nb) / (double)m : 0.0;
}

/* Is x (a one-word name) the first or last word of y ("kim" in "kim jong
 * un", "putin" in "vladimir putin")? */
static bool short_form(const char *x, const char *y)
{
    if (strchr(x, ' ') || !strchr(y, ' '))
        return false;
    size_t n = strlen(x), m = strlen(y);
    if (m > n && strncmp(y, x, n) == 0 && y[n] == ' ')
        return true;
    return m > n && strcmp(y + m - n, x) == 0 && y[m - n - 1] == ' ';
}

/* Entities: the fraction of the smaller side found in the other, a name
 * matching its own short form ("Kim Jong Un" and, in a later sentence,
 * "Kim" are one person). */
static double shared_entities(const cd_features *a, const cd_features *b)
{
    const cd_features *s = a->n_entities <= b->n_entities ? a : b;
    const cd_features *l = s == a ? b : a;
    if (!s->n_entities)
        return 0.0;
    size_t hit = 0;
    if (s->entity_ids && l->entity_ids) {
        /* ranked in one run: the same tests on integers (one word when its
         * first word is itself) */
        for (size_t i = 0; i < s->n_entities; i++) {
            uint32_t x = s->entity_ids[i];
            bool x1 = s->entity_first[i] == x;
            for (size_t j = 0; j < l->n_entities; j++) {
                uint32_t y = l->entity_ids[j];
                bool y1 = l->entity_first[j] == y;
                if (x == y || (x1 && !y1 && (x == l->entity_first[j] || x == l->entity_last[j])) ||
                    (y1 && !x1 && (y == s->entity_first[i] || y == s->entity_last[i]))) {
                    hit++;
                    break;
                }
            }
        }
        return (double)hit / (double)s->n_entities;
    }
    for (size_t i = 0; i < s->n_entities; i++)
        for (size_t j = 0; j < l->n_entities; j++) {
            const char *x = s->entities[i], *y = l->entities[j];
            if (strcmp(x, y) == 0 || short_form(x, y) || short_form(y, x)) {
                hit++;
                break;
            }
        }
    return (double)hit / (double)s->n_entities;
}

/* The general merge of the stems of a and b: the weight sums of each side
 * (wa, wb), of the common stems (wc) and their count. */
static void merge_stems(const cd_features *a, const cd_features *b, const cd_idf *idf, bool ids,
                        double *wa, double *wb, double *wc, size_t *both)
{
    size_t i = 0, j = 0;
    while (i < a->n_stems || j < b->n_stems) {
        int c = i >= a->n_stems   ? 1
                : j >= b->n_stems ? -1
                : ids ? (a->stem_ids[i] > b->stem_ids[j]) - (a->stem_ids[i] < b->stem_ids[j])
                      : strcmp(a->stems[i], b->stems[j]);
        if (c == 0) {
            double w = weight(idf, a, i);
            *wa += w, *wb += w, *wc += w;
            ++*both, i++, j++;
        } else if (c < 0) {
            *wa += weight(idf, a, i++);
        } else {
            *wb += weight(idf, b, j++);
        }
    }
}

/* shared() over ranked ids. */
static double shared_ids(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t m = na < nb ? na : nb;
    return m ? (double)common_ids(a, na, b, nb) / (double)m : 0.0;
}

double cd_pair_score(const cd_features *a, const cd_features *b, const cd_idf *idf)
{
    /* two copies of one sentence (half the pairs of a wire story): the
     * formula below gives exactly 1 when there is anything to compare */
    if (a->weights && b->weights && cd_features_same(a, b) &&
        a->weight_sum + W_STOP * (double)a->n_stops > 0)
        return 1.0;
    /* IDF-weighted content stems, merged in one pass over the sorted arrays */
    double wa = 0, wb = 0, wc = 0;
    size_t i = 0, j = 0, both = 0;
    bool ids = a->stem_ids && b->stem_ids; /* ranked in one run: compare integers */
    if (ids && a->weights && b->weights) {
        /* weighed and ranked in one run: the sums are known, only the
         * common stems are added up (in the same order: the same bits) */
        wa = a->weight_sum;
        wb = b->weight_sum;
        while (i < a->n_stems && j < b->n_stems) {
            uint32_t x = a->stem_ids[i], y = b->stem_ids[j];
            if (x == y) {
                wc += a->weights[i];
                both++, i++, j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
    } else {
        merge_stems(a, b, idf, ids, &wa, &wb, &wc, &both);
    }
    size_t stops = common_ids(a->stop_ids, a->n_stops, b->stop_ids, b->n_stops);
    wa += W_STOP * (double)a->n_stops;
    wb += W_STOP * (double)b->n_stops;
    wc += W_STOP * (double)stops;
    double na = (double)(a->n_stems + a->n_stops), nb = (double)(b->n_stems + b->n_stops);
    if (wa + wb <= 0 || na + nb <= 0)
        return 0.0; /* nothing to compare: no claim in common */
    double s = (1.0 - W_MIX) * 2.0 * wc / (wa + wb) +
               W_MIX * 2.0 * (double)(both + stops) / (na + nb);

    double e = shared_entities(a, b);
    double n, q;
    if (a->number_ids && b->number_ids) {
        n = shared_ids(a->number_ids, a->n_numbers, b->number_ids, b->n_numbers);
        q = shared_ids(a->quote_ids, a->n_quotes, b->quote_ids, b->n_quotes);
    } else {
        n = shared(a->numbers, a->n_numbers, b->numbers, b->n_numbers);
        q = shared(a->quotes, a->n_quotes, b->quotes, b->n_quotes);
    }
    s += (1.0 - s) * (W_ENTITY * e + W_NUMBER * n + W_QUOTE * q);


    if (a->n_words && b->n_words) {
        double lo = (double)(a->n_words < b->n_words ? a->n_words : b->n_words);
        double hi = (double)(a->n_words < b->n_words ? b->n_words : a->n_words);
        s *= 1.0 - W_LENGTH + W_LENGTH * lo / hi;
    }
    if (s < 0)
        s = 0;
    if (s > 1)
        s = 1;
    return s;
}
