/* align.c — claim alignment across N documents: candidates, groups, stories.
 *
 * 1. Candidates. Every sentence gets its features (compare/features.c); IDF
 *    is the background table blended with the input's paragraphs. Stems whose
 *    IDF is at least min_idf are "rare" and go into an inverted index
 *    (stem -> sentences); a stem found in more than max_postings sentences
 *    is skipped as too common. For each sentence, the sentences of OTHER
 *    documents sharing at least one rare stem are ranked by the summed IDF
 *    of the rare stems they share, and the best max_candidates are kept.
 *    The union of these (both directions) is scored with cd_pair_score.
 *    Work is the sum over rare stems of postings², never all pairs.
 * 2. Groups, greedy and non-chaining. Pairs at or above the threshold are
 *    taken by score (desc), ties by (doc, sentence) of both ends. A pair
 *    either extends a group of one end with the other end — only when the
 *    group holds no sentence of that source yet and every member scores at
 *    or above the threshold with the newcomer (complete linkage) — or else
 *    becomes a new group of two — or, when both ends already sit in
 *    groups, merges those two groups if every pair across them is at or
 *    above the threshold and no source is in both (two seeds of one claim). A sentence joins at most
 *    CD_ALIGN_MAX_GROUPS (2) groups, and a second one only when its first
 *    group holds a different sentence of a source in the second: the other
 *    outlet split what this sentence says into two sentences (two claims).
 *    Sentences in no group are unmatched.
 * 3. Stories. Two documents are joined (union-find) when the claim groups
 *    they share involve at least max(STORY_MIN_GROUPS, STORY_FRACTION × the
 *    smaller one's sentences) different sentences on each side. Headlines
 *    (title and heading paragraphs, and body sentences repeating one) do not
 *    count: they state the topic, which recurs across events ("Kim pledges
 *    support to Putin" in June and again in September). Stories are
 *    numbered by their first document. A group belongs to the story of its
 *    first member and is marked cross_story when its members come from more
 *    than one story.
 * Groups are ordered by (number of sources desc, best pairwise score desc,
 * first member position); members and unmatched by (doc, sentence). */
#include "compare.h"
#include "parallel.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

typedef struct {
    size_t *v;
    size_t n, cap;
} idvec;

static void idvec_push(idvec *a, size_t x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->v = cd_xrealloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->n++] = x;
}

typedef struct {
    uint32_t stem; /* cd_features_rank_weigh id */
    uint32_t k;    /* index of the stem in its sentence's features */
    uint32_t sid;
} posting;

typedef struct {
    size_t u, v; /* sentence ids, u < v */
} idpair;

typedef struct {
    uint32_t sid;
    uint32_t w; /* shared rare IDF, fixed point (IDF_ONE) */
} cand;

/* Shared IDF is summed in fixed point, 2^14 per IDF unit: 4-byte sums keep
 * the per-thread table small, and integer sums do not depend on the order
 * of their terms. A stem weighs at most ~15 units, so a sentence of
 * CD_MAX_SENTENCE_BYTES cannot overflow 32 bits (cand_one cuts longer ones
 * off at UINT32_MAX). */
#define IDF_ONE 16384.0

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return a->sid < b->sid ? -1 : a->sid > b->sid;
}

/* Move the best k of cs[0..n) (cmp_cand order) to cs[0..k), in any order:
 * a min-heap of the k best seen so far, O(n log k) instead of sorting all
 * n (a common stem can touch thousands of sentences). */
static void sift_down(cand *h, size_t k, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        /* the heap's root is its worst member: the greatest in cmp_cand order */
        if (l < k && cmp_cand(&h[l], &h[w]) > 0)
            w = l;
        if (r < k && cmp_cand(&h[r], &h[w]) > 0)
            w = r;
        if (w == i)
            return;
        cand t = h[i];
        h[i] = h[w];
        h[w] = t;
        i = w;
    }
}

static void top_k(cand *cs, size_t n, size_t k)
{
    if (k == 0 || n <= k)
        return;
    for (size_t i = k / 2; i-- > 0;)
        sift_down(cs, k, i);
    for (size_t i = k; i < n; i++)
        if (cmp_cand(&cs[i], &cs[0]) < 0) {
            cs[0] = cs[i];
            sift_down(cs, k, 0);
        }
}

/* The state of one run. Sentences are numbered sid = base[doc] + sent. */
typedef struct {
    size_t n_docs, n_sent;
    size_t *base;     /* n_docs + 1 */
    size_t *doc_of;   /* per sid */
    idpair *cands;    /* sorted unique */
    double *scores;   /* per cands entry */
    size_t n_cands;
    size_t *cand_off;  /* n_sent + 1: candidates with first end u are [cand_off[u], cand_off[u+1]) */
    double threshold;
    double floor;     /* no pair in a group scores below this (CD_ALIGN_MIN_LINK) */
    bool *headline;   /* per sid: a title or heading, or a copy of one */
    cd_features *const *f; /* per sid */
    size_t kept;           /* candidates kept per sentence */
    bool capped;           /* max_pairs lowered that below max_candidates */
    const cd_idf *idf;
} run;

static double pair_score(const run *r, size_t x, size_t y)
{
    if (x == y)
        return 1.0;
    size_t u = x < y ? x : y, v = x < y ? y : x;
    /* binary search in u's run of the sorted candidates */
    size_t lo = r->cand_off[u], hi = r->cand_off[u + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->cands[mid].v == v)
            return r->scores[mid];
        if (r->cands[mid].v < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* not a candidate: a group check needs the real score (a claim told by
     * hundreds of outlets has more counterparts than max_candidates) */
    return cd_pair_score(r->f[x], r->f[y], r->idf);
}

/* Same content stems (synonyms mapped, case and punctuation folded)? */
static bool same_stems(const cd_features *a, const cd_features *b)
{
    if (a->n_stems != b->n_stems || a->n_stems == 0)
        return false;
    return memcmp(a->stem_ids, b->stem_ids, a->n_stems * sizeof *a->stem_ids) == 0;
}

/* Mark the sentences of title and heading paragraphs, and body sentences
 * that repeat one of them (a page's headline often comes twice). */
static void mark_headlines(run *r, const cd_doc *const *docs, cd_features *const *f)
{
    for (size_t d = 0; d < r->n_docs; d++) {
        if (!docs[d])
            continue;
        size_t first = SIZE_MAX, last = 0;
        for (size_t s = r->base[d]; s < r->base[d + 1]; s++) {
            const cd_sentence *se = cd_doc_sentence(docs[d], s - r->base[d]);
            cd_para_kind k = cd_doc_paragraph(docs[d], se->paragraph)->kind;
            if (k == CD_PARA_TITLE || k == CD_PARA_HEADING) {
                r->headline[s] = true;
                if (first == SIZE_MAX)
                    first = s;
                last = s;
            }
        }
        for (size_t s = r->base[d]; first != SIZE_MAX && s < r->base[d + 1]; s++)
            for (size_t t = first; !r->headline[s] && t <= last; t++)
                if (r->headline[t] && same_stems(f[s], f[t]))
                    r->headline[s] = true;
    }
}

/* ----------------------------------------------------------- candidates */

typedef struct {
    const run *r;
    const cd_doc *const *docs;
    const cd_synonyms *syn;
    cd_features **f;
} feat_job;

static void feat_one(void *ctx, size_t s, size_t worker)
{
    (void)worker;
    feat_job *j = ctx;
    size_t d = j->r->doc_of[s];
    j->f[s] = cd_features_of_sentence(j->docs[d], s - j->r->base[d], j->syn);
}

/* Stable LSD radix sort of n records of `size` bytes by the 64-bit key
 * key(record), 16 bits a pass (a pass whose digit all keys share is
 * skipped). The keys are computed once into a side array. */
static void radix_sort_by(void *base, size_t n, size_t size, uint64_t (*key)(const void *))
{
    if (n < 2)
        return;
    typedef struct {
        uint64_t key;
        size_t at; /* the record's index in base */
    } item;
    item *a = cd_xmalloc(n * sizeof *a), *b = cd_xmalloc(n * sizeof *b), *src = a, *dst = b;
    for (size_t i = 0; i < n; i++)
        a[i] = (item){key((const char *)base + i * size), i};
    size_t *count = cd_xmalloc(65536 * sizeof *count);
    for (int shift = 0; shift < 64; shift += 16) {
        memset(count, 0, 65536 * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(src[i].key >> shift) & 0xffff]++;
        if (count[(src[0].key >> shift) & 0xffff] == n)
            continue;
        size_t sum = 0;
        for (size_t d = 0; d < 65536; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i].key >> shift) & 0xffff]++] = src[i];
        item *t = src;
        src = dst;
        dst = t;
    }
    free(count);
    /* put the records in that order */
    char *out = cd_xmalloc(n * size);
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * size, (const char *)base + src[i].at * size, size);
    memcpy(base, out, n * size);
    free(out);
    free(a);
    free(b);
}

/* What each thread of the candidate search keeps for itself. */
typedef struct {
    uint32_t *acc;     /* shared rare IDF per other sentence (fixed point) */
    uint32_t *touched; /* sentences with acc > 0 */
    cand *cs;
    size_t cs_cap;
    bool capped;
} cand_worker;

typedef struct {
    const run *r;
    const uint32_t *sids;   /* the postings' sentences, one run per rare stem */
    const size_t *rstart;   /* per run: first posting */
    const uint32_t *rlen;   /* length */
    const uint32_t *rw;     /* the stem's IDF, fixed point */
    const size_t *off;      /* sentence s's runs are runs_of[off[s] .. off[s + 1]) */
    const uint32_t *runs_of;
    size_t limit, max_candidates;
    uint32_t *best;  /* limit slots per sentence */
    size_t *n_best; /* used slots per sentence */
    cand_worker *w;  /* one per thread */
} cand_job;

static void cand_one(void *ctx, size_t s, size_t worker)
{
    cand_job *j = ctx;
    const run *r = j->r;
    cand_worker *w = &j->w[worker];
    if (!w->acc) {
        w->acc = cd_xcalloc(r->n_sent + 1, sizeof *w->acc);
        w->touched = cd_xmalloc((r->n_sent + 1) * sizeof *w->touched);
    }
    uint32_t *acc = w->acc;
    /* sentences of s's own document are sids [lo, lo + span) */
    size_t doc = r->doc_of[s];
    uint32_t lo = (uint32_t)r->base[doc], span = (uint32_t)(r->base[doc + 1] - r->base[doc]);
    uint64_t mass = 0; /* the IDF of the sentence's rare stems */
    size_t nt = 0;
    for (size_t k = j->off[s]; k < j->off[s + 1]; k++) {
        uint32_t q = j->runs_of[k], wq = j->rw[q];
        if (mass + wq > UINT32_MAX)
            break; /* far beyond CD_MAX_SENTENCE_BYTES: the rest is left out */
        mass += wq;
        const uint32_t *p = j->sids + j->rstart[q], *e = p + j->rlen[q];
        for (; p < e; p++) {
            if (p + 16 < e)
                __builtin_prefetch(&acc[p[16]], 1);
            uint32_t t = *p;
            if (t - lo < span)
                continue;
            if (acc[t] == 0)
                w->touched[nt++] = t;
            acc[t] += wq;
        }
    }
    if (nt > w->cs_cap) {
        w->cs_cap = nt;
        w->cs = cd_xrealloc(w->cs, w->cs_cap * sizeof *w->cs);
    }
    /* a candidate shares a fair part of the sentence's rare words: below
     * CD_ALIGN_MIN_SHARED of their IDF no pair of the scale benchmark
     * reached the threshold (pairs dropped here are still scored when a
     * group needs them) */
    uint64_t need = (uint64_t)ceil(CD_ALIGN_MIN_SHARED * (double)mass);
    size_t kept = 0;
    for (size_t k = 0; k < nt; k++) {
        uint32_t t = w->touched[k];
        if (acc[t] >= need)
            w->cs[kept++] = (cand){t, acc[t]};
        acc[t] = 0;
    }
    size_t keep = kept;
    if (keep > j->limit) {
        top_k(w->cs, kept, j->limit);
        keep = j->limit;
        if (j->limit < j->max_candidates)
            w->capped = true;
    }
    for (size_t k = 0; k < keep; k++)
        j->best[s * j->limit + k] = w->cs[k].sid;
    j->n_best[s] = keep;
}

/* The candidates v of each first sentence u (bucket u of vs): sorted and
 * freed of repeats in place, then copied out as pairs — each bucket on its
 * own, on the threads. */
typedef struct {
    uint32_t *vs;
    const size_t *off; /* bucket u is vs[off[u] .. off[u + 1]) */
    size_t *uniq;      /* its length once repeats are gone */
    const size_t *cand_off;
    idpair *pairs;
} bucket_job;

static void bucket_sort(void *ctx, size_t sid, size_t worker)
{
    (void)worker;
    bucket_job *j = ctx;
    uint32_t *v = j->vs + j->off[sid];
    size_t m = j->off[sid + 1] - j->off[sid];
    for (size_t i = 1; i < m; i++) { /* insertion sort: m is small */
        uint32_t x = v[i];
        size_t k = i;
        while (k > 0 && v[k - 1] > x) {
            v[k] = v[k - 1];
            k--;
        }
        v[k] = x;
    }
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (i == 0 || v[i] != v[i - 1])
            v[u++] = v[i];
    j->uniq[sid] = u;
}

static void bucket_copy(void *ctx, size_t sid, size_t worker)
{
    (void)worker;
    bucket_job *j = ctx;
    const uint32_t *v = j->vs + j->off[sid];
    for (size_t i = 0; i < j->uniq[sid]; i++)
        j->pairs[j->cand_off[sid] + i] = (idpair){sid, v[i]};
}

static void score_one(void *ctx, size_t k, size_t worker)
{
    (void)worker;
    run *r = ctx;
    /* the second sentences are scattered in memory: fetch a few pairs
     * ahead (the pairs of a thread's chunk come in order) */
    if (k + 8 < r->n_cands) {
        const cd_features *ahead = r->f[r->cands[k + 8].v];
        __builtin_prefetch(ahead->stem_ids);
        __builtin_prefetch(ahead->stop_ids);
    }
    if (k + 16 < r->n_cands)
        __builtin_prefetch(r->f[r->cands[k + 16].v]);
    r->scores[k] = cd_pair_score(r->f[r->cands[k].u], r->f[r->cands[k].v], r->idf);
}

static void candidates(run *r, cd_features **f, const cd_align_opts *o)
{
    /* the cap on pairs: fewer candidates per sentence, never a silent stop */
    size_t limit = o->max_candidates;
    if (r->n_sent && o->max_pairs / r->n_sent < limit)
        limit = o->max_pairs / r->n_sent ? o->max_pairs / r->n_sent : 1;
    r->kept = limit;
    /* the inverted index: (rare stem, sid) sorted, one run per stem */
    size_t np = 0, cap = 0;
    posting *ps = NULL;
    for (size_t s = 0; s < r->n_sent; s++)
        for (size_t k = 0; k < f[s]->n_stems; k++) {
            if (f[s]->weights[k] < o->min_idf)
                continue;
            if (np == cap) {
                cap = cap ? cap * 2 : 256;
                ps = cd_xrealloc(ps, cap * sizeof *ps);
            }
            ps[np++] = (posting){f[s]->stem_ids[k], (uint32_t)k, (uint32_t)s};
        }
    /* by (stem, sid): the postings were made in sid order, so one stable
     * counting pass over the stem ids sorts them */
    if (np) {
        uint32_t top = 0;
        for (size_t i = 0; i < np; i++)
            if (ps[i].stem > top)
                top = ps[i].stem;
        size_t *at = cd_xcalloc((size_t)top + 2, sizeof *at);
        for (size_t i = 0; i < np; i++)
            at[ps[i].stem + 1]++;
        for (size_t v = 0; v <= top; v++)
            at[v + 1] += at[v];
        posting *sorted = cd_xmalloc(np * sizeof *sorted);
        for (size_t i = 0; i < np; i++)
            sorted[at[ps[i].stem]++] = ps[i];
        free(at);
        free(ps);
        ps = sorted;
    }
    /* runs kept (not too common): start, length and weight; each
     * sentence lists the runs of its rare stems (CSR) */
    size_t nruns = 0;
    size_t *rstart = cd_xmalloc((np + 1) * sizeof *rstart);
    uint32_t *rlen = cd_xmalloc((np + 1) * sizeof *rlen);
    uint32_t *rw = cd_xmalloc((np + 1) * sizeof *rw);
    uint32_t *sids = cd_xmalloc((np + 1) * sizeof *sids);
    size_t *deg = cd_xcalloc(r->n_sent + 1, sizeof *deg);
    for (size_t i = 0; i < np; i++)
        sids[i] = ps[i].sid;
    for (size_t i = 0; i < np;) {
        size_t j = i + 1;
        while (j < np && ps[j].stem == ps[i].stem)
            j++;
        if (j - i >= 2 && j - i <= o->max_postings) {
            rstart[nruns] = i;
            rlen[nruns] = (uint32_t)(j - i);
            rw[nruns] = (uint32_t)llround(f[ps[i].sid]->weights[ps[i].k] * IDF_ONE);
            for (size_t k = i; k < j; k++)
                deg[ps[k].sid]++;
            nruns++;
        }
        i = j;
    }
    free(ps);
    size_t *off = cd_xcalloc(r->n_sent + 1, sizeof *off);
    for (size_t s = 0; s < r->n_sent; s++)
        off[s + 1] = off[s] + deg[s];
    uint32_t *runs_of = cd_xmalloc((off[r->n_sent] + 1) * sizeof *runs_of);
    memset(deg, 0, (r->n_sent + 1) * sizeof *deg);
    for (size_t q = 0; q < nruns; q++)
        for (size_t k = rstart[q]; k < rstart[q] + rlen[q]; k++) {
            size_t s = sids[k];
            runs_of[off[s] + deg[s]++] = (uint32_t)q;
        }

    /* per sentence: accumulate shared rare IDF, keep the best (on a few
     * threads, each sentence writing its own slots) */
    size_t nt = cd_threads();
    cand_job cj = {r, sids, rstart, rlen, rw, off, runs_of, limit, o->max_candidates,
                   cd_xmalloc((r->n_sent * limit + 1) * sizeof *cj.best),
                   cd_xcalloc(r->n_sent + 1, sizeof *cj.n_best),
                   cd_xcalloc(nt, sizeof *cj.w)};
    cd_parallel_for(r->n_sent, cand_one, &cj);
    for (size_t t = 0; t < nt; t++) {
        free(cj.w[t].acc);
        free(cj.w[t].touched);
        free(cj.w[t].cs);
        if (cj.w[t].capped)
            r->capped = true;
    }
    free(cj.w);
    free(runs_of);
    free(off);
    free(deg);
    free(rw);
    free(rlen);
    free(rstart);
    free(sids);
    /* the pairs, each once, by (u, v): bucketed by their first sentence u
     * (a counting pass), then each bucket — the few dozen candidates of one
     * sentence — sorted and freed of repeats */
    size_t *off_u = cd_xcalloc(r->n_sent + 2, sizeof *off_u);
    for (size_t sid = 0; sid < r->n_sent; sid++)
        for (size_t k = 0; k < cj.n_best[sid]; k++) {
            size_t t = cj.best[sid * limit + k];
            off_u[(sid < t ? sid : t) + 1]++;
        }
    for (size_t sid = 0; sid < r->n_sent; sid++)
        off_u[sid + 1] += off_u[sid];
    size_t nk = off_u[r->n_sent];
    uint32_t *vs = cd_xmalloc((nk + 1) * sizeof *vs);
    size_t *fill = cd_xmalloc((r->n_sent + 1) * sizeof *fill);
    memcpy(fill, off_u, r->n_sent * sizeof *fill);
    for (size_t sid = 0; sid < r->n_sent; sid++)
        for (size_t k = 0; k < cj.n_best[sid]; k++) {
            size_t t = cj.best[sid * limit + k];
            if (sid < t)
                vs[fill[sid]++] = (uint32_t)t;
            else
                vs[fill[t]++] = (uint32_t)sid;
        }
    free(fill);
    free(cj.best);
    free(cj.n_best);
    bucket_job bj = {vs, off_u, cd_xmalloc((r->n_sent + 1) * sizeof *bj.uniq), NULL, NULL};
    cd_parallel_for(r->n_sent, bucket_sort, &bj);
    r->cand_off = cd_xcalloc(r->n_sent + 2, sizeof *r->cand_off);
    for (size_t sid = 0; sid < r->n_sent; sid++)
        r->cand_off[sid + 1] = r->cand_off[sid] + bj.uniq[sid];
    size_t u = r->cand_off[r->n_sent];
    idpair *pairs = cd_xmalloc((u + 1) * sizeof *pairs);
    bj.cand_off = r->cand_off;
    bj.pairs = pairs;
    cd_parallel_for(r->n_sent, bucket_copy, &bj);
    free(bj.uniq);
    free(vs);
    free(off_u);
    r->cands = pairs;
    r->n_cands = u;
    r->scores = cd_xmalloc((u + 1) * sizeof *r->scores);
    cd_parallel_for(u, score_one, r);
}

/* --------------------------------------------------------------- groups */

typedef struct {
    idvec members; /* sids */
} wgroup;

typedef struct {
    wgroup *v;
    size_t n, cap;
    size_t (*of)[CD_ALIGN_MAX_GROUPS]; /* groups of each sid */
    unsigned char *count;              /* how many */
} groups;

static bool group_has_doc(const run *r, const wgroup *g, size_t doc)
{
    for (size_t i = 0; i < g->members.n; i++)
        if (r->doc_of[g->members.v[i]] == doc)
            return true;
    return false;
}

/* May sid take one more group, whose members are target[0..n)? */
static bool may_join(const run *r, const groups *gs, size_t sid, const size_t *target, size_t n)
{
    if (gs->count[sid] == 0)
        return true;
    if (gs->count[sid] >= CD_ALIGN_MAX_GROUPS)
        return false;
    /* a second group: only when the first holds another sentence of a
     * source present in the target (that source split the claims) */
    const wgroup *g1 = &gs->v[gs->of[sid][0]];
    /* the split: that source's two sentences m and target[k] each carry a
     * part of this one, so this one is longer than either */
    for (size_t i = 0; i < g1->members.n; i++) {
        size_t m = g1->members.v[i];
        for (size_t k = 0; k < n; k++)
            if (m != sid && m != target[k] && r->doc_of[m] == r->doc_of[target[k]] &&
                r->f[sid]->n_words > r->f[m]->n_words &&
                r->f[sid]->n_words > r->f[target[k]]->n_words)
                return true;
    }
    return false;
}

static void add_member(groups *gs, size_t g, size_t sid)
{
    idvec_push(&gs->v[g].members, sid);
    gs->of[sid][gs->count[sid]++] = g;
}

static bool try_extend(const run *r, groups *gs, size_t x, size_t y)
{
    for (size_t k = 0; k < gs->count[x]; k++) {
        size_t g = gs->of[x][k];
        const wgroup *w = &gs->v[g];
        if (group_has_doc(r, w, r->doc_of[y]))
            continue;
        bool ok = true;
        double sum = 0;
        for (size_t i = 0; i < w->members.n && ok; i++) {
            double sc = pair_score(r, w->members.v[i], y);
            ok = sc >= r->floor;
            sum += sc;
        }
        ok = ok && sum >= r->threshold * (double)w->members.n;
        if (!ok || !may_join(r, gs, y, w->members.v, w->members.n))
            continue;
        add_member(gs, g, y);
        return true;
    }
    return false;
}

/* May groups g and h become one: no source in both, every pair across them
 * at or above the floor and their mean at or above the threshold (average
 * linkage, as for one newcomer)? */
static bool groups_link(const run *r, const wgroup *g, const wgroup *h)
{
    double sum = 0;
    for (size_t i = 0; i < g->members.n; i++)
        for (size_t j = 0; j < h->members.n; j++) {
            size_t x = g->members.v[i], y = h->members.v[j];
            if (r->doc_of[x] == r->doc_of[y])
                return false;
            double sc = pair_score(r, x, y);
            if (sc < r->floor)
                return false;
            sum += sc;
        }
    return sum >= r->threshold * (double)(g->members.n * h->members.n);
}

/* A pair whose ends already sit in two different groups: merge the groups
 * when they link (the same claim, grown from two seeds). */
static bool try_merge(const run *r, groups *gs, size_t a, size_t b)
{
    for (size_t i = 0; i < gs->count[a]; i++)
        for (size_t j = 0; j < gs->count[b]; j++) {
            size_t ga = gs->of[a][i], gb = gs->of[b][j];
            if (ga == gb || !groups_link(r, &gs->v[ga], &gs->v[gb]))
                continue;
            idvec *from = &gs->v[gb].members;
            for (size_t k = 0; k < from->n; k++) {
                size_t m = from->v[k];
                for (size_t q = 0; q < gs->count[m]; q++)
                    if (gs->of[m][q] == gb)
                        gs->of[m][q] = ga;
                idvec_push(&gs->v[ga].members, m);
            }
            from->n = 0; /* left empty; dropped at the end */
            return true;
        }
    return false;
}

typedef struct {
    size_t k;
    double score;
    bool headline; /* one end is a headline */
} order;

/* Body pairs first, by score (ties by k: cands are sorted by (u, v)); then
 * pairs with a headline: a headline summarises the lead, and taken first it
 * would keep the other outlets' leads apart. No comparisons: ord is made in
 * k order, so a stable radix sort on the score (descending; a non-negative
 * double's bits sort as an integer) and a stable split of the headline
 * pairs to the end give that order. */
static uint64_t key_order(const void *p)
{
    double sc = ((const order *)p)->score;
    uint64_t k;
    if (!(sc > 0))
        sc = 0.0;
    memcpy(&k, &sc, sizeof k);
    return ~k; /* descending */
}

static void sort_order(order *ord, size_t n)
{
    radix_sort_by(ord, n, sizeof *ord, key_order);
    /* the headline pairs to the end, each part in its order */
    order *tmp = cd_xmalloc((n + 1) * sizeof *tmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!ord[i].headline)
            tmp[m++] = ord[i];
    for (size_t i = 0; i < n; i++)
        if (ord[i].headline)
            tmp[m++] = ord[i];
    memcpy(ord, tmp, n * sizeof *ord);
    free(tmp);
}

static void build_groups(const run *r, groups *gs)
{
    gs->of = cd_xcalloc(r->n_sent + 1, sizeof *gs->of);
    gs->count = cd_xcalloc(r->n_sent + 1, 1);
    size_t n = 0;
    order *ord = cd_xmalloc((r->n_cands + 1) * sizeof *ord);
    for (size_t k = 0; k < r->n_cands; k++)
        if (r->scores[k] >= r->threshold)
            ord[n++] = (order){k, r->scores[k],
                               r->headline[r->cands[k].u] || r->headline[r->cands[k].v]};
    sort_order(ord, n);
    for (size_t i = 0; i < n; i++) {
        size_t a = r->cands[ord[i].k].u, b = r->cands[ord[i].k].v;
        bool together = false; /* a group of a is a group of b */
        for (size_t k = 0; k < gs->count[a] && !together; k++)
            for (size_t q = 0; q < gs->count[b] && !together; q++)
                together = gs->of[a][k] == gs->of[b][q];
        if (together)
            continue;
        if (try_extend(r, gs, a, b) || try_extend(r, gs, b, a) || try_merge(r, gs, a, b))
            continue;
        if (!may_join(r, gs, a, &b, 1) || !may_join(r, gs, b, &a, 1))
            continue;
        if (gs->n == gs->cap) {
            gs->cap = gs->cap ? gs->cap * 2 : 64;
            gs->v = cd_xrealloc(gs->v, gs->cap * sizeof *gs->v);
        }
        memset(&gs->v[gs->n], 0, sizeof gs->v[gs->n]);
        size_t g = gs->n++;
        add_member(gs, g, a);
        add_member(gs, g, b);
    }
    free(ord);
}

/* -------------------------------------------------------------- stories */

static size_t find_root(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* What two documents that are not yet one story share: the different
 * sentences of each side met in common groups, kept until there are enough
 * (the lists stay short: at most `need` each). */
typedef struct {
    uint64_t key;   /* a << 32 | b, a < b; 0 for an empty slot (a < b, so b > 0) */
    uint32_t need;  /* sentences needed on each side (0: not set yet) */
    uint32_t na, nb;
    size_t *sa, *sb; /* need slots each */
} evidence;

typedef struct {
    evidence *v;
    size_t cap, n;
} ev_map;

static evidence *ev_find(ev_map *m, uint64_t key)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1024;
        evidence *v = cd_xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < m->cap; i++)
            if (m->v[i].key) {
                size_t q = (size_t)(m->v[i].key * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1);
                while (v[q].key)
                    q = (q + 1) & (cap - 1);
                v[q] = m->v[i];
            }
        free(m->v);
        m->v = v;
        m->cap = cap;
    }
    size_t q = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (m->cap - 1);
    while (m->v[q].key && m->v[q].key != key)
        q = (q + 1) & (m->cap - 1);
    if (!m->v[q].key) {
        m->v[q].key = key;
        m->n++;
    }
    return &m->v[q];
}

/* Add x to the list of n when it is not in it yet (at most cap entries). */
static void ev_add(size_t *list, uint32_t *n, uint32_t cap, size_t x)
{
    for (uint32_t i = 0; i < *n; i++)
        if (list[i] == x)
            return;
    if (*n < cap)
        list[(*n)++] = x;
}

static void build_stories(const run *r, const groups *gs, const cd_doc *const *docs,
                          cd_alignment *al)
{
    /* Two documents are one story when the groups they share hold at least
     * `need` different sentences of each. The stories are the connected
     * components of that relation, so a pair of documents already joined
     * through others needs no counting: links are looked at group by group
     * and a pair is joined as soon as its evidence is enough. */
    size_t *parent = cd_xmalloc((r->n_docs + 1) * sizeof *parent);
    for (size_t d = 0; d < r->n_docs; d++)
        parent[d] = d;
    ev_map map = {0};
    for (size_t g = 0; g < gs->n; g++) {
        const idvec *m = &gs->v[g].members;
        for (size_t i = 0; i < m->n; i++)
            for (size_t j = i + 1; j < m->n; j++) {
                size_t x = m->v[i], y = m->v[j];
                if (r->headline[x] || r->headline[y])
                    continue; /* headlines state the topic, which recurs across events */
                size_t a = r->doc_of[x], b = r->doc_of[y];
                if (a > b) {
                    size_t t = a;
                    a = b;
                    b = t;
                    t = x;
                    x = y;
                    y = t;
                }
                size_t ra = find_root(parent, a), rb = find_root(parent, b);
                if (ra == rb)
                    continue;
                evidence *e = ev_find(&map, (uint64_t)a << 32 | (uint64_t)b);
                if (!e->need) {
                    size_t na = r->base[a + 1] - r->base[a], nb = r->base[b + 1] - r->base[b];
                    double need = ceil(CD_ALIGN_STORY_FRACTION * (double)(na < nb ? na : nb));
                    if (need < CD_ALIGN_STORY_MIN_GROUPS)
                        need = CD_ALIGN_STORY_MIN_GROUPS;
                    e->need = (uint32_t)need;
                    e->sa = cd_xmalloc(e->need * sizeof *e->sa);
                    e->sb = cd_xmalloc(e->need * sizeof *e->sb);
                }
                /* evidence: how many different sentences of each side take
                 * part (one sentence matched twice is one, not two) */
                ev_add(e->sa, &e->na, e->need, x);
                ev_add(e->sb, &e->nb, e->need, y);
                if (e->na >= e->need && e->nb >= e->need)
                    parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
            }
    }
    for (size_t i = 0; i < map.cap; i++) {
        free(map.v[i].sa);
        free(map.v[i].sb);
    }
    free(map.v);
    size_t *num = cd_xmalloc((r->n_docs + 1) * sizeof *num);
    for (size_t d = 0; d < r->n_docs; d++)
        num[d] = SIZE_MAX;
    for (size_t d = 0; d < r->n_docs; d++) {
        if (!docs[d]) {
            al->story_of[d] = SIZE_MAX;
            continue;
        }
        size_t root = find_root(parent, d);
        if (num[root] == SIZE_MAX)
            num[root] = al->n_stories++;
        al->story_of[d] = num[root];
    }
    free(num);
    free(parent);
}

/* ---------------------------------------------------------------- order */

static int cmp_ref(const cd_align_ref *a, const cd_align_ref *b)
{
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    return a->sent < b->sent ? -1 : a->sent > b->sent;
}

static int cmp_ref_q(const void *x, const void *y)
{
    return cmp_ref(x, y);
}

static int cmp_group(const void *x, const void *y)
{
    const cd_align_group *a = x, *b = y;
    if (a->n_members != b->n_members)
        return a->n_members > b->n_members ? -1 : 1;
    if (a->best != b->best)
        return a->best > b->best ? -1 : 1;
    for (size_t i = 0; i < a->n_members; i++) {
        int c = cmp_ref(&a->members[i], &b->members[i]);
        if (c)
            return c;
    }
    return 0;
}

/* ---------------------------------------------------------------- entry */

typedef struct {
    run *r;
    const cd_doc *const *docs;
    size_t n;
    const cd_align_opts *o;
    cd_features **f;
    cd_idf *idf;
    cd_synonyms *syn;
    cd_alignment **out;
} finish_job;

/* Groups, stories and the alignment made of them; frees the run. */
static void finish(finish_job *job)
{
    run r = *job->r; /* the same arrays, freed here */
    const cd_doc *const *docs = job->docs;
    size_t n = job->n;
    cd_align_opts o = *job->o;
    cd_features **f = job->f;
    cd_idf *idf = job->idf;
    cd_synonyms *syn = job->syn;
    groups gs = {0};
    build_groups(&r, &gs);

    cd_alignment *al = cd_xcalloc(1, sizeof *al);
    *job->out = al;
    al->arena = cd_arena_new();
    al->n_docs = n;
    al->story_of = cd_arena_alloc(al->arena, (n + 1) * sizeof *al->story_of);
    build_stories(&r, &gs, docs, al);
    al->candidates_kept = r.kept;
    al->pairs_capped = r.capped;

    al->n_pairs = o.omit_pairs ? 0 : r.n_cands;
    al->pairs = cd_arena_alloc(al->arena, (al->n_pairs + 1) * sizeof *al->pairs);
    for (size_t k = 0; k < al->n_pairs; k++) {
        size_t u = r.cands[k].u, v = r.cands[k].v;
        al->pairs[k] = (cd_align_pair){{r.doc_of[u], u - r.base[r.doc_of[u]]},
                                       {r.doc_of[v], v - r.base[r.doc_of[v]]},
                                       r.scores[k]};
    }

    al->groups = cd_arena_alloc(al->arena, (gs.n + 1) * sizeof *al->groups);
    for (size_t g = 0; g < gs.n; g++) {
        const idvec *m = &gs.v[g].members;
        if (m->n == 0) { /* merged into another */
            free(m->v);
            continue;
        }
        cd_align_group *out = &al->groups[al->n_groups++];
        out->n_members = m->n;
        out->members = cd_arena_alloc(al->arena, m->n * sizeof *out->members);
        out->score = 1.0;
        out->best = 0.0;
        double sum = 0;
        out->cross_story = false;
        for (size_t i = 0; i < m->n; i++) {
            size_t s = m->v[i];
            out->members[i] = (cd_align_ref){r.doc_of[s], s - r.base[r.doc_of[s]]};
            for (size_t j = i + 1; j < m->n; j++) {
                double sc = pair_score(&r, s, m->v[j]);
                sum += sc;
                if (sc < out->score)
                    out->score = sc;
                if (sc > out->best)
                    out->best = sc;
            }
        }
        out->mean = sum / ((double)m->n * (double)(m->n - 1) / 2.0);
        qsort(out->members, m->n, sizeof *out->members, cmp_ref_q);
        out->story = al->story_of[out->members[0].doc];
        for (size_t i = 1; i < m->n; i++)
            if (al->story_of[out->members[i].doc] != out->story)
                out->cross_story = true;
        free(gs.v[g].members.v);
    }
    if (al->n_groups)
        qsort(al->groups, al->n_groups, sizeof *al->groups, cmp_group);

    size_t nu = 0;
    for (size_t s = 0; s < r.n_sent; s++)
        nu += gs.count[s] == 0;
    al->unmatched = cd_arena_alloc(al->arena, (nu + 1) * sizeof *al->unmatched);
    for (size_t s = 0; s < r.n_sent; s++)
        if (gs.count[s] == 0)
            al->unmatched[al->n_unmatched++] =
                (cd_align_ref){r.doc_of[s], s - r.base[r.doc_of[s]]};

    free(gs.v);
    free(gs.of);
    free(gs.count);
    for (size_t s = 0; s < r.n_sent; s++)
        cd_features_free(f[s]);
    free(f);
    cd_idf_free(idf);
    cd_synonyms_free(syn);
    free(r.headline);
    free(r.cands);
    free(r.scores);
    free(r.cand_off);
    free(r.doc_of);
    free(r.base);
}

static void finish_or_beside(void *ctx, size_t task, size_t worker)
{
    (void)worker;
    finish_job *j = ctx;
    if (task == 0)
        finish(j);
    else
        j->o->beside(j->o->beside_ctx);
}

cd_alignment *cd_align(const cd_doc *const *docs, size_t n, const cd_align_opts *opts)
{
    cd_align_opts o = opts ? *opts : (cd_align_opts){0};
    if (o.threshold <= 0)
        o.threshold = CD_SAME_CLAIM_THRESHOLD;
    if (o.min_idf <= 0)
        o.min_idf = CD_ALIGN_MIN_IDF;
    if (!o.max_postings)
        o.max_postings = CD_ALIGN_MAX_POSTINGS;
    if (!o.max_candidates)
        o.max_candidates = CD_ALIGN_MAX_CANDIDATES;
    if (!o.max_pairs)
        o.max_pairs = CD_ALIGN_MAX_PAIRS;
    if (o.min_link <= 0)
        o.min_link = CD_ALIGN_MIN_LINK;

    run r = {0};
    r.threshold = o.threshold;
    r.floor = o.min_link < o.threshold ? o.min_link : o.threshold;
    r.n_docs = n;
    r.base = cd_xcalloc(n + 1, sizeof *r.base);
    for (size_t d = 0; d < n; d++)
        r.base[d + 1] = r.base[d] + (docs[d] ? cd_doc_sentence_count(docs[d]) : 0);
    r.n_sent = r.base[n];
    r.doc_of = cd_xmalloc((r.n_sent + 1) * sizeof *r.doc_of);
    cd_features **f = cd_xmalloc((r.n_sent + 1) * sizeof *f);
    cd_synonyms *syn = cd_synonyms_new();
    cd_idf *idf = cd_idf_new();
    for (size_t d = 0; d < n; d++)
        for (size_t s = r.base[d]; s < r.base[d + 1]; s++)
            r.doc_of[s] = d;
    feat_job fj = {&r, docs, syn, f};
    cd_parallel_for(r.n_sent, feat_one, &fj);
    for (size_t d = 0; d < n; d++)
        if (docs[d])
            cd_idf_add_paragraphs(idf, docs[d], f + r.base[d]);
    cd_features_rank_weigh(f, r.n_sent, idf);
    r.headline = cd_xcalloc(r.n_sent + 1, sizeof *r.headline);
    mark_headlines(&r, docs, f);

    r.f = f;
    r.idf = idf;
    candidates(&r, f, &o);
    /* grouping and stories run on one thread: the caller's own work (the
     * analyses) may run beside them */
    cd_alignment *al = NULL;
    finish_job fin = {&r, docs, n, &o, f, idf, syn, &al};
    if (o.beside && cd_threads() > 1) {
        cd_parallel_for(2, finish_or_beside, &fin);
    } else {
        if (o.beside)
            o.beside(o.beside_ctx);
        finish(&fin);
    }
    return al;
}

void cd_alignment_free(cd_alignment *al)
{
    if (!al)
        return;
    cd_arena_free(al->arena);
    free(al);
}
