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
    double weight_sum;     /* their sum, added in stem order (with weights) */
    const uint32_t *stem_ids; /* rank of each stem among all stems of a run
                               * (cd_features_rank_weigh; same order as stems), or NULL */
    const uint32_t *stop_ids; /* index of each stop word in the stop list */
    /* numbers, quotes and entities ranked among all such strings of a run
     * (cd_features_rank_weigh; same order as the strings), or NULL; for
     * each entity also the ranks of its first and last words, the same as
     * its own for a one-word name */
    const uint32_t *number_ids, *quote_ids, *entity_ids, *entity_first, *entity_last;
    uint64_t key;          /* with the ids: a hash of all of them, equal for equal features */
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
/* Number the stems of f[0..n) by their strcmp rank over the whole set, so
 * that scoring and indexing compare integers instead of strings (the ids
 * sort as the stems do), and, when idf is not NULL, weigh them as
 * cd_features_weigh would: each distinct stem is looked up once. */
void cd_features_rank_weigh(cd_features **f, size_t n, const cd_idf *idf);
/* a and b, ranked in one run, compare as equal in everything the pair
 * score reads (two copies of one sentence). */
bool cd_features_same(const cd_features *a, const cd_features *b);
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
/* Count an analysed document paragraph by paragraph (the unit of the
 * background table), from the features f[i] of its sentences i: a name in
 * every article of the input then weighs as little as it should. */
void cd_idf_add_paragraphs(cd_idf *idf, const cd_doc *doc, cd_features *const *f);
/* log((N + 1) / (df + 0.5)), N and df pooled from background and input; a
 * stem never seen gets the highest weight. Always > 0. */
double cd_idf_weight(const cd_idf *idf, const char *stem);

/* ---------------------------------------------------------------- score */

/* Two sentences at or above this score carry the same claim (chosen by
 * two-fold cross-validation on the MSRP training file, bench/paraphrase.sh). */
#define CD_SAME_CLAIM_THRESHOLD 0.51

/* Similarity of two sentences in [0, 1], symmetric: IDF-weighted overlap of
 * stems plus evidence from shared numbers, entities and quotes, times a
 * length-ratio term. Conflicting numbers do not lower it: they are a
 * divergence within one claim, not another claim. idf may be NULL (every
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
#define CD_ALIGN_MIN_SHARED 0.2     /* a candidate shares at least this share of the
                                     * sentence's rare-stem IDF */
#define CD_ALIGN_MAX_PAIRS 10000000 /* candidate pairs scored in one run (~240 MB) */
#define CD_ALIGN_MAX_GROUPS 2       /* groups one sentence may join (two claims) */
#define CD_ALIGN_MIN_LINK 0.40      /* no pair in a group scores below this */
#define CD_ALIGN_STORY_MIN_GROUPS 2 /* groups two documents must share to be one story */
#define CD_ALIGN_STORY_FRACTION 0.1 /* ... or this share of the smaller one's sentences */

typedef struct {
    double threshold;      /* same-claim score; 0 = CD_SAME_CLAIM_THRESHOLD */
    double min_link;       /* lowest pair score inside a group; 0 = CD_ALIGN_MIN_LINK */
    double min_idf;        /* 0 = CD_ALIGN_MIN_IDF */
    size_t max_postings;   /* 0 = CD_ALIGN_MAX_POSTINGS */
    size_t max_candidates; /* 0 = CD_ALIGN_MAX_CANDIDATES */
    size_t max_pairs;      /* 0 = CD_ALIGN_MAX_PAIRS: past it, fewer candidates
                            * per sentence are kept (cd_alignment.pairs_capped) */
    bool omit_pairs;       /* leave cd_alignment.pairs empty (millions of
                            * entries at 5,000 articles that no report shows) */
    /* Work of the caller's that does not depend on the alignment, run beside
     * its last steps (grouping and stories, which use one thread) when more
     * than one thread is allowed, else before them; NULL: none. */
    void (*beside)(void *ctx);
    void *beside_ctx;
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
 * average linkage: each member's mean score with the others it joined is at
 * or above the threshold, and no pair of members scores below min_link. */
typedef struct {
    cd_align_ref *members;
    size_t n_members;
    double score;      /* lowest pairwise score */
    double mean;       /* mean pairwise score (at or above the threshold) */
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
    size_t candidates_kept;    /* candidates kept per sentence (max_candidates,
                                * or fewer under max_pairs) */
    bool pairs_capped;         /* max_pairs cut some sentence's candidates */
    cd_arena *arena;           /* owns everything above */
} cd_alignment;

/* Align docs[0..n) (analysed; NULL entries, failed sources, are skipped).
 * opts may be NULL (defaults). The result is deterministic for the same
 * input and is freed with cd_alignment_free. */
cd_alignment *cd_align(const cd_doc *const *docs, size_t n, const cd_align_opts *opts);
void cd_alignment_free(cd_alignment *al);

/* ------------------------------------------------------------- analysis */

/* Per-sentence analysis (compare/frame.c, compare/facts.c, compare/analysis.c):
 * how the outlet frames a sentence and which facts it carries. Every range
 * is a byte span in the text the tokens index (the document text for
 * cd_analyse, the sentence text for cd_sentence_analyse). */

typedef struct {
    size_t start, end; /* bytes, end exclusive */
} cd_range;

typedef enum {
    CD_FRAMING_ASSERTED,   /* stated as fact in the outlet's own voice */
    CD_FRAMING_ATTRIBUTED, /* put on a source: "according to X", "X said" */
    CD_FRAMING_HEDGED,     /* softened: may, reportedly, is believed to */
    CD_FRAMING_DENIED      /* a denial or a negated claim: "X denied", "never" */
} cd_framing;

/* "asserted", "attributed", "hedged", "denied". */
const char *cd_framing_name(cd_framing f);

/* A word or phrase found in a sentence: a hedge, a loaded word, a negation. */
typedef struct {
    const char *text;  /* as written in the sentence */
    const char *norm;  /* matching form of the lexicon entry ("reportedly") */
    cd_range span;
    bool in_quote;     /* inside a quotation (not the outlet's own voice) */
} cd_mark;

typedef struct {
    const char *text;    /* the words inside the quote marks, as written */
    const char *speaker; /* "Kim", "Putin", or NULL when unknown */
    cd_range span;       /* inside the marks */
    bool scare;          /* a short phrase used as a scare quote ('holy war') */
    bool continued;      /* part of a quotation running across sentences */
} cd_quote;

/* A number, a date or a named entity. */
typedef struct {
    const char *text;  /* as written: "$1.5 billion", "Sept. 13", "Kim Jong-un" */
    const char *value; /* normalised for comparing: "1500000000 usd",
                        * "2023-09-13" (or "monday" when unresolved),
                        * "kim jong un" */
    const char *unit;  /* numbers: "shells", "year", "usd"...; else NULL */
    cd_range span;
} cd_fact;

typedef struct {
    cd_framing framing;
    const char *attr_source; /* "U.S. intelligence", "state media"; NULL when none */
    const char *attr_refers; /* for a source "he" or "she": the speaker named last before
                              * in the document (a guess), else NULL */
    const char *attr_cue;    /* the cue as written: "according to", "said", "a report from … found" */
    const char *verb;        /* reporting verb, lemma ("say", "claim"); NULL when none */
    bool verb_loaded;        /* the verb is not neutral: claim, admit, insist, concede */
    cd_mark *hedges;         /* every hedge cue, in order */
    size_t n_hedges;
    cd_mark *loaded;         /* evaluative words outside quotes */
    size_t n_loaded;
    cd_mark *negations;      /* not, never, no, denied … */
    size_t n_negations;
    cd_quote *quotes;
    size_t n_quotes;
    cd_fact *numbers;
    size_t n_numbers;
    cd_fact *dates;
    size_t n_dates;
    cd_fact *entities;
    size_t n_entities;
} cd_sentence_info;

/* What carries over from one sentence to the next within a document: an
 * open quotation, the last speaker named, the publication date. Zero it
 * (and set published) before the first sentence. */
#define CD_FRAME_KNOWN 32 /* entity names a cd_frame_ctx remembers */

typedef struct {
    const char *published;    /* "YYYY-MM-DD" or NULL: relative dates resolve against it */
    bool in_quote;            /* a quotation is still open */
    const char *last_speaker; /* arena-owned */
    size_t quote_sentences;   /* sentences the open quotation has run so far */
    const char *known[CD_FRAME_KNOWN]; /* entity names seen (normalised, arena-owned),
                                        * oldest first: "Kim" -> "kim jong un" */
    size_t n_known;
} cd_frame_ctx;

/* Analyse one sentence: the tokens toks[0..n) of text (offsets relative to
 * text), the sentence occupying text[range). Everything in out is allocated
 * in arena. ctx may be NULL (a sentence on its own). Total: any input gives
 * a result. */
void cd_sentence_analyse(cd_arena *arena, const char *text, cd_range range,
                         const cd_token *toks, size_t n, cd_frame_ctx *ctx,
                         cd_sentence_info *out);

/* The analysis of every sentence of an analysed document, in order, with the
 * context carried across sentences (quotes, speakers, the publication date). */
typedef struct cd_analysis cd_analysis;
cd_analysis *cd_analyse(const cd_doc *doc);
const cd_sentence_info *cd_analysis_sentence(const cd_analysis *a, size_t i);
void cd_analysis_free(cd_analysis *a);

/* ----------------------------------------------------------- word diff */

typedef enum { CD_DIFF_SAME, CD_DIFF_DEL, CD_DIFF_ADD } cd_diff_kind;

/* One run of a whole-word diff of sentence a against sentence b: SAME spans
 * both, DEL only a (a words b lacks), ADD only b. Ranges are byte spans in
 * each side's text; a side the run does not touch has an empty range at the
 * position where the run sits. */
typedef struct {
    cd_diff_kind kind;
    cd_range a, b;
} cd_diff_op;

/* One side of a comparison: a sentence, its tokens and its analysis. */
typedef struct {
    const char *text;            /* the text the tokens and ranges index */
    cd_range range;              /* the sentence in text */
    const cd_token *toks;        /* the sentence's tokens */
    size_t n_toks;
    const cd_sentence_info *info;
    const char *name;            /* outlet name for summaries ("Reuters") */
} cd_member;

/* Whole-word diff of a against b (numbers are one token; case, punctuation
 * and spelling variants such as Kim Jong-un / Kim Jong Un count as the
 * same). The ops cover both sentences in order; allocated in arena. */
size_t cd_wdiff(cd_arena *arena, const cd_member *a, const cd_member *b, cd_diff_op **ops);

/* --------------------------------------------------------- divergences */

typedef enum {
    CD_DIV_WORDING,
    CD_DIV_QUOTE,
    CD_DIV_FRAMING,
    CD_DIV_ATTRIBUTION,
    CD_DIV_LOADED,
    CD_DIV_NUMBER,
    CD_DIV_DATE,
    CD_DIV_ENTITY,
    CD_DIV_NEGATION,
    CD_DIV_KINDS /* count */
} cd_div_kind;

/* "wording", "quote", "framing", … ; and back (false for an unknown name). */
const char *cd_div_kind_name(cd_div_kind k);
bool cd_div_kind_parse(const char *name, size_t len, cd_div_kind *out);

/* What one member says on the point of a divergence. */
typedef struct {
    size_t member;      /* index into the members compared */
    const char *value;  /* "asserted", "attributed to U.S. intelligence (found)",
                         * "3 million shells", the quote's words; NULL for wording */
    cd_range span;      /* where in the member's text, or empty */
    cd_diff_op *ops;    /* wording and quote: diff of the base member against
                         * this one (NULL for the base itself) */
    size_t n_ops;
} cd_div_side;

typedef struct {
    cd_div_kind kind;
    const char *summary;  /* one line of plain English naming the outlets:
                           * "Outlet A states this as fact; Outlet B attributes
                           * it to U.S. intelligence." */
    size_t base;          /* the member the others were diffed against */
    cd_div_side *sides;   /* the members involved, in member order */
    size_t n_sides;
} cd_divergence;

/* Divergences among members[0..n) (the sentences of one claim group, or a
 * pair): kinds in cd_div_kind order; a member that merely omits what another
 * says is no number/date/entity divergence. Allocated in arena. */
size_t cd_diverge(cd_arena *arena, const cd_member *members, size_t n, cd_divergence **out);

/* ---------------------------------------------------------- comparison */

/* A claim some outlets of a story report and others do not. */
typedef struct {
    size_t story;
    size_t group;          /* the claim group, or SIZE_MAX for an unmatched sentence */
    cd_align_ref ref;      /* the sentence that carries it (the group's first member) */
    size_t *present;       /* documents that report it */
    size_t n_present;
    size_t *missing;       /* documents of the story that do not */
    size_t n_missing;
    double weight;         /* rank: attribution, numbers and named sources first */
} cd_omission;

/* Everything the reports show: the alignment, each document's analysis,
 * each group's divergences and the omissions. */
typedef struct {
    cd_alignment *al;
    cd_analysis **analyses;    /* per document; NULL for a failed source */
    cd_divergence **divs;      /* per group */
    size_t *n_divs;
    cd_omission *omissions;    /* by story, then weight desc */
    size_t n_omissions;
    cd_arena *arena;           /* owns everything above except al and analyses */
    cd_arena **worker_arenas;  /* own the divergences (one per thread; NULL unused) */
    size_t n_worker_arenas;
} cd_comparison;

/* Compare docs[0..n) (NULL entries are failed sources, skipped); names[i]
 * is the name summaries use for document i. opts may be NULL. Freed with
 * cd_comparison_free. */
cd_comparison *cd_compare(const cd_doc *const *docs, const char *const *names, size_t n,
                          const cd_align_opts *opts);
void cd_comparison_free(cd_comparison *c);

#ifdef __cplusplus
}
#endif
#endif
