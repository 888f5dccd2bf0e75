/* score.c — the pair score: do two sentences carry the same claim?
 *
 *   overlap = 2 * W(A ∩ B) / (W(A) + W(B))      W: sum of IDF weights of stems
 *   s       = overlap + (1 - overlap) * (0.15 E + 0.15 N + 0.20 Q)
 *             E, N, Q: shared entities, numbers, quotes (fraction of the
 *             smaller side's items found in the other)
 *   s      *= 1 - 0.30 C      C: fraction of the smaller side's numbers
 *                              missing from the other (both sides have numbers)
 *   s      *= 0.80 + 0.20 L   L: shorter / longer, in words
 *
 * docs/score.md explains the choice and the figures. */
#include "compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double P[9] = {1, 0, 0.15, 0.15, 0.20, 0.30, 0.20, 0, 0};
static void tune(void)
{
    static int done;
    if (done++)
        return;
    const char *e = getenv("CD_SCORE_TUNE");
    if (e)
        sscanf(e, "%lf %lf %lf %lf %lf %lf %lf %lf %lf", &P[0], &P[1], &P[2], &P[3], &P[4], &P[5], &P[6], &P[7], &P[8]);
}

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

static double weight(const cd_idf *idf, const char *stem)
{
    return idf ? pow(cd_idf_weight(idf, stem), P[0]) : 1.0;
}

/* Fraction of the smaller side found in the other; 0 when either is empty. */
static double shared(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    size_t m = na < nb ? na : nb;
    return m ? (double)common(a, na, b, nb) / (double)m : 0.0;
}

double cd_pair_score(const cd_features *a, const cd_features *b, const cd_idf *idf)
{
    tune();
    double wa = 0, wb = 0, wc = 0, fc = 0;
    size_t i = 0, j = 0;
    while (i < a->n_stems || j < b->n_stems) {
        int c = i >= a->n_stems ? 1 : j >= b->n_stems ? -1 : strcmp(a->stems[i], b->stems[j]);
        if (c == 0) {
            double w = weight(idf, a->stems[i]);
            fc++;
            wa += w, wb += w, wc += w;
            i++, j++;
        } else if (c < 0) {
            wa += weight(idf, a->stems[i++]);
        } else {
            wb += weight(idf, b->stems[j++]);
        }
    }
    if (P[7] > 0) {
        size_t c = common(a->stops, a->n_stops, b->stops, b->n_stops);
        wa += P[7] * (double)a->n_stops, wb += P[7] * (double)b->n_stops, wc += P[7] * (double)c;
    }
    double s = wa + wb > 0 ? 2.0 * wc / (wa + wb) : 0.0;
    if (P[1] == 1 && wa > 0 && wb > 0)
        s = 0.5 * (wc / wa + wc / wb);
    else if (P[1] == 2 && wa > 0 && wb > 0)
        s = wc / sqrt(wa * wb);
    else if (P[1] == 3 && wa > 0 && wb > 0)
        s = wc / (wa > wb ? wa : wb);
    else if (P[1] == 4 && wa > 0 && wb > 0) {
        double fa = (double)(a->n_stems + a->n_stops), fb = (double)(b->n_stems + b->n_stops);
        fc += (double)common(a->stops, a->n_stops, b->stops, b->n_stops);
        s = (1 - P[8]) * s + P[8] * 2.0 * fc / (fa + fb);
    }

    if (P[1] == 5) {
        size_t nb = a->n_bigrams + b->n_bigrams;
        double bg = nb ? 2.0 * (double)common(a->bigrams, a->n_bigrams, b->bigrams, b->n_bigrams) / (double)nb : 0.0;
        s = (1 - P[8]) * s + P[8] * bg;
    }
    double e = shared(a->entities, a->n_entities, b->entities, b->n_entities);
    double n = shared(a->numbers, a->n_numbers, b->numbers, b->n_numbers);
    double q = shared(a->quotes, a->n_quotes, b->quotes, b->n_quotes);
    s += (1.0 - s) * (P[2] * e + P[3] * n + P[4] * q);

    if (a->n_numbers && b->n_numbers)
        s *= 1.0 - P[5] * (1.0 - n);

    if (a->n_words && b->n_words) {
        double lo = (double)(a->n_words < b->n_words ? a->n_words : b->n_words);
        double hi = (double)(a->n_words < b->n_words ? b->n_words : a->n_words);
        s *= 1 - P[6] + P[6] * lo / hi;
    }
    if (s < 0)
        s = 0;
    if (s > 1)
        s = 1;
    return s;
}
