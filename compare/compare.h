/*
 * compare.h — the comparison wing: per-sentence features, IDF weights,
 * news synonyms and the pair score. Includes only core/claimdiff.h.
 *
 * OWNERSHIP, in one sentence: every object returned by a cd_*_new function
 * (cd_features, cd_idf, cd_synonyms) is owned by the caller, holds its own
 * copies of every string it returns, and is freed with the matching
 * cd_*_free; features keep no pointer into the tokens, text or synonym table
 * they were built from.
 */
#ifndef CD_COMPARE_H
#define CD_COMPARE_H

#include "claimdiff.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------- synonyms */

/* News synonyms and variants (pledge/promise/vow, talks/summit/meeting, …),
 * compiled in and mapped to one canonical stem. */
typedef struct cd_synonyms cd_synonyms;
cd_synonyms *cd_synonyms_new(void);
void cd_synonyms_free(cd_synonyms *syn);
/* The canonical stem for stem, or stem itself when it has no synonym. */
const char *cd_synonyms_map(const cd_synonyms *syn, const char *stem);
/* Number of variant -> canonical pairs in the table. */
size_t cd_synonyms_count(void);

/* ------------------------------------------------------------- features */

typedef struct cd_idf cd_idf; /* below, under "idf" */

/* What the scorer compares. Every array is sorted (strcmp) and free of
 * duplicates; the strings are matching forms (cd_fold). */
typedef struct {
    const char **stems;    /* content stems, stop words out, synonyms mapped */
    size_t n_stems;
    const char **numbers;  /* NUMBER tokens ("$2.5" -> "2.5", "35,000" -> "35000") */
    size_t n_numbers;
    const char **entities; /* runs of capitalised words: "kim jong un" */
    size_t n_entities;
    const char **quotes;   /* quoted spans, words joined by one space */
    size_t n_quotes;
    const char **stops;    /* the stop words present (matching forms) */
    size_t n_stops;
    size_t n_words;        /* word tokens, stop words included */
    const double *weights; /* IDF weight of each stem (cd_features_weigh), or NULL */
    cd_arena *arena;       /* owns everything above */
} cd_features;

/* Features of the tokens toks[0..n) of text (offsets relative to text), one
 * sentence. syn may be NULL (no synonym mapping). Never NULL. */
cd_features *cd_features_new(const char *text, const cd_token *toks, size_t n,
                             const cd_synonyms *syn);
/* Features of sentence i of an analysed document. */
cd_features *cd_features_of_sentence(const cd_doc *doc, size_t i, const cd_synonyms *syn);
void cd_features_free(cd_features *f);
/* Look up the IDF weight of every stem once (a sentence is scored against
 * many candidates); cd_pair_score then uses them. Call it with the idf the
 * scores will use, after the last cd_idf_add_doc. */
void cd_features_weigh(cd_features *f, const cd_idf *idf);
/* True when norm (a matching form) is an English stop word. */
bool cd_features_is_stop(const char *norm);

/* ------------------------------------------------------------------ IDF */

/* Inverse document frequency of stems: the compiled-in background table
 * (document frequencies over a news corpus, data/idf_background.c) blended
 * with the documents added from the input. */
cd_idf *cd_idf_new(void);
void cd_idf_free(cd_idf *idf);
/* Count one input document: its stems (duplicates allowed). */
void cd_idf_add_doc(cd_idf *idf, const char *const *stems, size_t n);
/* log((N + 1) / (df + 0.5)), N and df pooled from background and input; a
 * stem never seen gets the highest weight. Always > 0. */
double cd_idf_weight(const cd_idf *idf, const char *stem);

/* ---------------------------------------------------------------- score */

/* Two sentences at or above this score carry the same claim (chosen by
 * two-fold cross-validation on the MSRP training file, bench/paraphrase.sh). */
#define CD_SAME_CLAIM_THRESHOLD 0.51

/* Similarity of two sentences in [0, 1], symmetric: IDF-weighted overlap of
 * stems plus evidence from shared numbers, entities and quotes, times a
 * length-ratio term; conflicting numbers lower it. idf may be NULL (every
 * stem weighs 1). Identical features with at least one word score 1; a side
 * with no word scores 0. */
double cd_pair_score(const cd_features *a, const cd_features *b, const cd_idf *idf);

/* ---------------------------------------------------------------- align */

/* Alignment of N analysed documents (compare/align.c): candidate pairs from
 * an inverted index over rare stems, greedy complete-linkage claim groups,
 * and stories (documents linked by aligned groups). */

#define CD_ALIGN_MIN_IDF 1.5        /* a stem is "rare" (indexed) at or above this IDF */
#define CD_ALIGN_MAX_POSTINGS 512   /* a stem in more sentences than this is skipped */
#define CD_ALIGN_MAX_CANDIDATES 50  /* candidates kept per sentence (best shared IDF) */
#define CD_ALIGN_MAX_GROUPS 2       /* groups one sentence may join (two claims) */
#define CD_ALIGN_STORY_MIN_GROUPS 2 /* groups two documents must share to be one story */
#define CD_ALIGN_STORY_FRACTION 0.1 /* ... or this share of the smaller one's sentences */

typedef struct {
    double threshold;      /* same-claim score; 0 = CD_SAME_CLAIM_THRESHOLD */
    double min_idf;        /* 0 = CD_ALIGN_MIN_IDF */
    size_t max_postings;   /* 0 = CD_ALIGN_MAX_POSTINGS */
    size_t max_candidates; /* 0 = CD_ALIGN_MAX_CANDIDATES */
} cd_align_opts;

/* One sentence: document index and sentence index (0-based). */
typedef struct {
    size_t doc, sent;
} cd_align_ref;

/* A scored candidate pair, a before b in (doc, sent) order, a.doc != b.doc. */
typedef struct {
    cd_align_ref a, b;
    double score;
} cd_align_pair;

/* A claim group: members sorted by (doc, sent), at most one per document;
 * every pair of members scores at or above the threshold. */
typedef struct {
    cd_align_ref *members;
    size_t n_members;
    double score;      /* lowest pairwise score */
    double best;       /* highest pairwise score */
    size_t story;      /* story of its first member */
    bool cross_story;  /* members from more than one story */
} cd_align_group;

typedef struct {
    cd_align_pair *pairs;      /* every scored candidate, sorted by (a, b) */
    size_t n_pairs;
    cd_align_group *groups;    /* (sources desc, best desc, first member asc) */
    size_t n_groups;
    cd_align_ref *unmatched;   /* sentences in no group, by (doc, sent) */
    size_t n_unmatched;
    size_t *story_of;          /* story index per document; SIZE_MAX for a NULL doc */
    size_t n_docs, n_stories;  /* stories numbered by their first document */
    cd_arena *arena;           /* owns everything above */
} cd_alignment;

/* Align docs[0..n) (analysed; NULL entries, failed sources, are skipped).
 * opts may be NULL (defaults). The result is deterministic for the same
 * input and is freed with cd_alignment_free. */
cd_alignment *cd_align(const cd_doc *const *docs, size_t n, const cd_align_opts *opts);
void cd_alignment_free(cd_alignment *al);

#ifdef __cplusplus
}
#endif
#endif
