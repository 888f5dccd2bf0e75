/* test_align.c — claim alignment: candidates, groups, stories. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"
#include "fetch.h"

static const char *const story_files[] = {"meridian-wire", "daily-klaxon", "free-veldria-voice",
                                          "portsmere-courier", "karsland-today"};
#define N_STORY 5

static cd_doc *load(const char *path)
{
    cd_load_opts lo = {0};
    char *err = NULL;
    cd_doc *d = cd_source_load(path, NULL, &lo, &err);
    cr_assert(d, "%s: %s", path, err ? err : "?");
    return d;
}

static void load_story(cd_doc **docs)
{
    for (size_t i = 0; i < N_STORY; i++) {
        char path[512];
        snprintf(path, sizeof path, FIXTURES "/story/%s.txt", story_files[i]);
        docs[i] = load(path);
    }
}

static void free_docs(cd_doc **docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cd_doc_free(docs[i]);
}

static const cd_align_pair *find_pair(const cd_alignment *al, cd_align_ref a, cd_align_ref b)
{
    for (size_t k = 0; k < al->n_pairs; k++) {
        const cd_align_pair *p = &al->pairs[k];
        if ((p->a.doc == a.doc && p->a.sent == a.sent && p->b.doc == b.doc && p->b.sent == b.sent) ||
            (p->a.doc == b.doc && p->a.sent == b.sent && p->b.doc == a.doc && p->b.sent == a.sent))
            return p;
    }
    return NULL;
}

/* The sentence of doc whose text contains needle. */
static size_t sentence_with(const cd_doc *d, const char *needle)
{
    const char *text = cd_doc_text(d, NULL);
    for (size_t i = 0; i < cd_doc_sentence_count(d); i++) {
        const cd_sentence *s = cd_doc_sentence(d, i);
        char *t = strndup(text + s->start, s->end - s->start);
        bool hit = strstr(t, needle) != NULL;
        free(t);
        if (hit)
            return i;
    }
    cr_assert_fail("no sentence holds '%s'", needle);
    return 0;
}

Test(align, group_invariants)
{
    cd_doc *docs[N_STORY];
    load_story(docs);
    cd_alignment *al = cd_align((const cd_doc *const *)docs, N_STORY, NULL);
    cr_assert_gt(al->n_groups, 5);
    for (size_t g = 0; g < al->n_groups; g++) {
        const cd_align_group *gr = &al->groups[g];
        cr_assert_geq(gr->n_members, 2);
        /* average linkage: the mean pair at or above the threshold, none
         * below the floor */
        cr_assert_geq(gr->mean + 1e-12, CD_SAME_CLAIM_THRESHOLD);
        cr_assert_geq(gr->score, CD_ALIGN_MIN_LINK);
        cr_assert_geq(gr->best, gr->mean);
        cr_assert_geq(gr->mean, gr->score);
        for (size_t i = 0; i < gr->n_members; i++)
            for (size_t j = i + 1; j < gr->n_members; j++) {
                /* at most one sentence per source; members sorted */
                cr_assert_lt(gr->members[i].doc, gr->members[j].doc, "group %zu", g);
                /* a candidate pair inside a group is at or above the floor */
                const cd_align_pair *p = find_pair(al, gr->members[i], gr->members[j]);
                if (p)
                    cr_assert_geq(p->score, CD_ALIGN_MIN_LINK);
            }
        if (g > 0) /* order: sources desc, then best desc */
            cr_assert(al->groups[g - 1].n_members > gr->n_members ||
                      (al->groups[g - 1].n_members == gr->n_members &&
                       al->groups[g - 1].best >= gr->best));
    }
    /* every sentence: in 1..2 groups, or unmatched (and then in none) */
    for (size_t d = 0; d < N_STORY; d++)
        for (size_t s = 0; s < cd_doc_sentence_count(docs[d]); s++) {
            size_t in = 0, un = 0;
            for (size_t g = 0; g < al->n_groups; g++)
                for (size_t m = 0; m < al->groups[g].n_members; m++)
                    in += al->groups[g].members[m].doc == d && al->groups[g].members[m].sent == s;
            for (size_t k = 0; k < al->n_unmatched; k++)
                un += al->unmatched[k].doc == d && al->unmatched[k].sent == s;
            cr_assert(in + un >= 1, "doc %zu sentence %zu lost", d, s);
            cr_assert(in == 0 || un == 0);
            cr_assert_leq(un, 1);
            cr_assert_leq(in, CD_ALIGN_MAX_GROUPS);
        }
    /* one story: every document reports the dam collapse */
    cr_assert_eq(al->n_stories, 1);
    for (size_t g = 0; g < al->n_groups; g++)
        cr_assert(!al->groups[g].cross_story);
    cd_alignment_free(al);
    free_docs(docs, N_STORY);
}

Test(align, deterministic)
{
    cd_doc *docs[N_STORY];
    load_story(docs);
    cd_alignment *a = cd_align((const cd_doc *const *)docs, N_STORY, NULL);
    cd_alignment *b = cd_align((const cd_doc *const *)docs, N_STORY, NULL);
    cr_assert_eq(a->n_groups, b->n_groups);
    cr_assert_eq(a->n_unmatched, b->n_unmatched);
    cr_assert_eq(a->n_pairs, b->n_pairs);
    for (size_t g = 0; g < a->n_groups; g++) {
        cr_assert_eq(a->groups[g].n_members, b->groups[g].n_members);
        cr_assert_eq(a->groups[g].score, b->groups[g].score);
        cr_assert_eq(a->groups[g].story, b->groups[g].story);
        cr_assert_eq(memcmp(a->groups[g].members, b->groups[g].members,
                            a->groups[g].n_members * sizeof *a->groups[g].members),
                     0);
    }
    cr_assert_eq(memcmp(a->unmatched, b->unmatched, a->n_unmatched * sizeof *a->unmatched), 0);
    cd_alignment_free(a);
    cd_alignment_free(b);
    free_docs(docs, N_STORY);
}

/* Exhaustive scoring of every cross-document pair, with the IDF the
 * aligner uses (background + the input documents): every pair at or above
 * the threshold must be a candidate, with the same score. */
Test(align, candidates_lose_no_true_pair)
{
    cd_doc *docs[N_STORY];
    load_story(docs);
    cd_alignment *al = cd_align((const cd_doc *const *)docs, N_STORY, NULL);
    cd_synonyms *syn = cd_synonyms_new();
    cd_idf *idf = cd_idf_new();
    cd_features **f[N_STORY];
    for (size_t d = 0; d < N_STORY; d++) {
        size_t n = cd_doc_sentence_count(docs[d]);
        f[d] = calloc(n + 1, sizeof *f[d]);
        for (size_t s = 0; s < n; s++)
            f[d][s] = cd_features_of_sentence(docs[d], s, syn);
        cd_idf_add_paragraphs(idf, docs[d], f[d]);
    }
    size_t truths = 0, scored = 0;
    for (size_t d = 0; d < N_STORY; d++)
        for (size_t e = d + 1; e < N_STORY; e++)
            for (size_t s = 0; s < cd_doc_sentence_count(docs[d]); s++)
                for (size_t t = 0; t < cd_doc_sentence_count(docs[e]); t++) {
                    double sc = cd_pair_score(f[d][s], f[e][t], idf);
                    scored++;
                    if (sc < CD_SAME_CLAIM_THRESHOLD)
                        continue;
                    truths++;
                    const cd_align_pair *p =
                        find_pair(al, (cd_align_ref){d, s}, (cd_align_ref){e, t});
                    cr_assert(p, "pair (%zu,%zu)-(%zu,%zu) score %.3f is no candidate", d, s, e,
                              t, sc);
                    cr_assert_float_eq(p->score, sc, 1e-12);
                }
    cr_assert_gt(truths, 10);
    /* and candidates are far fewer than all pairs */
    cr_assert_lt(al->n_pairs, scored);
    cr_log_info("%zu true pairs, %zu candidates, %zu pairs in all", truths, al->n_pairs, scored);
    for (size_t d = 0; d < N_STORY; d++) {
        for (size_t s = 0; s < cd_doc_sentence_count(docs[d]); s++)
            cd_features_free(f[d][s]);
        free(f[d]);
    }
    cd_idf_free(idf);
    cd_synonyms_free(syn);
    cd_alignment_free(al);
    free_docs(docs, N_STORY);
}

static bool same_group(const cd_alignment *al, cd_align_ref a, cd_align_ref b)
{
    for (size_t g = 0; g < al->n_groups; g++) {
        bool ha = false, hb = false;
        for (size_t m = 0; m < al->groups[g].n_members; m++) {
            cd_align_ref r = al->groups[g].members[m];
            ha |= r.doc == a.doc && r.sent == a.sent;
            hb |= r.doc == b.doc && r.sent == b.sent;
        }
        if (ha && hb)
            return true;
    }
    return false;
}

/* Answer key C5: the mayor's quote in the wire and the local paper. */
Test(align, same_quote_aligns)
{
    cd_doc *docs[N_STORY];
    load_story(docs);
    cd_alignment *al = cd_align((const cd_doc *const *)docs, N_STORY, NULL);
    size_t mw = sentence_with(docs[0], "promised this dam would stand");
    size_t pc = sentence_with(docs[3], "promised this dam would stand");
    cr_assert(same_group(al, (cd_align_ref){0, mw}, (cd_align_ref){3, pc}));
    /* C12 concession: wire and courier */
    size_t c1 = sentence_with(docs[0], "30-year concession");
    size_t c2 = sentence_with(docs[3], "30-year concession");
    cr_assert(same_group(al, (cd_align_ref){0, c1}, (cd_align_ref){3, c2}));
    cd_alignment_free(al);
    free_docs(docs, N_STORY);
}

/* A failed source (NULL) is skipped; with no documents nothing is aligned. */
Test(align, null_and_empty)
{
    cd_doc *docs[3];
    docs[0] = load(FIXTURES "/story/meridian-wire.txt");
    docs[1] = NULL;
    docs[2] = load(FIXTURES "/story/portsmere-courier.txt");
    cd_alignment *al = cd_align((const cd_doc *const *)docs, 3, NULL);
    cr_assert_eq(al->story_of[1], SIZE_MAX);
    cr_assert_eq(al->n_stories, 1);
    cr_assert_gt(al->n_groups, 3);
    for (size_t g = 0; g < al->n_groups; g++)
        cr_assert_eq(al->groups[g].n_members, 2);
    cd_alignment_free(al);
    cd_doc_free(docs[0]);
    cd_doc_free(docs[2]);
    al = cd_align(NULL, 0, NULL);
    cr_assert_eq(al->n_groups + al->n_unmatched + al->n_stories + al->n_pairs, 0);
    cd_alignment_free(al);
}

/* The five seeds: three events (000+001 June 2023, 002+003 the September
 * 2023 summit, 004 May 2024). What the aligner finds today: 004 alone and
 * each pair together, but the two Kim-Putin events joined into one story,
 * because their headlines ("Kim pledges full support to Putin") align as
 * claim groups. Recorded here, not tuned away. */
Test(align, seeds_stories)
{
    static const char *const seeds[] = {"000_5d68d4618496290a", "001_bf6c218cee400842",
                                        "002_15bf15f32fefbb86", "003_19fe8ba06b74387d",
                                        "004_ae06e5a4024a491a"};
    char path[512];
    snprintf(path, sizeof path, SEEDS "/%s.txt", seeds[0]);
    if (access(path, R_OK) != 0)
        cr_skip("no seeds at " SEEDS);
    cd_doc *docs[5];
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, SEEDS "/%s.txt", seeds[i]);
        docs[i] = load(path);
    }
    cd_alignment *al = cd_align((const cd_doc *const *)docs, 5, NULL);
    cr_log_info("seeds: %zu stories: %zu %zu %zu %zu %zu", al->n_stories, al->story_of[0],
                al->story_of[1], al->story_of[2], al->story_of[3], al->story_of[4]);
    cr_expect_eq(al->story_of[0], al->story_of[1]);
    cr_expect_eq(al->story_of[2], al->story_of[3]);
    for (size_t i = 0; i < 4; i++)
        cr_expect_neq(al->story_of[4], al->story_of[i]);
    cr_expect_eq(al->n_stories, 3); /* June 2023, September 2023, May 2024 */
    cr_expect_neq(al->story_of[0], al->story_of[2]);
    /* the same Kim message quoted by 000 and 001 aligns */
    size_t q0 = sentence_with(docs[0], "Thanks to your correct decisions");
    size_t q1 = sentence_with(docs[1], "Thanks to your correct decisions");
    cr_expect(same_group(al, (cd_align_ref){0, q0}, (cd_align_ref){1, q1}));
    cd_alignment_free(al);
    free_docs(docs, 5);
}

/* The cap on candidate pairs keeps fewer candidates per sentence and says
 * so; without it the fixture story is not capped. */
Test(align, pairs_cap)
{
    cd_doc *docs[N_STORY];
    load_story(docs);
    cd_alignment *al = cd_align((const cd_doc *const *)docs, N_STORY, NULL);
    cr_expect_not(al->pairs_capped);
    cr_expect_eq(al->candidates_kept, CD_ALIGN_MAX_CANDIDATES);
    size_t n_sent = 0;
    for (size_t d = 0; d < N_STORY; d++)
        n_sent += cd_doc_sentence_count(docs[d]);
    cd_align_opts o = {.max_pairs = 2 * n_sent};
    cd_alignment *capped = cd_align((const cd_doc *const *)docs, N_STORY, &o);
    cr_expect(capped->pairs_capped);
    cr_expect_eq(capped->candidates_kept, 2);
    cr_expect_leq(capped->n_pairs, 2 * n_sent);
    cr_expect_lt(capped->n_pairs, al->n_pairs);
    /* groups stay valid: at most one sentence per source */
    for (size_t g = 0; g < capped->n_groups; g++)
        for (size_t m = 1; m < capped->groups[g].n_members; m++)
            cr_expect_neq(capped->groups[g].members[m].doc, capped->groups[g].members[m - 1].doc);
    cd_alignment_free(capped);
    cd_alignment_free(al);
    free_docs(docs, N_STORY);
}

/* A source that splits a sentence in two: each half joins the claim group
 * of the sentence the other sources print whole, so the whole sentences sit
 * in two groups that differ only by that source's half. */
Test(align, split_sentence_joins_both_groups)
{
    static const char *const texts[] = {
        "The regional water authority approved a new reservoir near the northern border on "
        "Monday, and its engineers will begin clearing the valley floor next spring.\n\n"
        "Farmers downstream have opposed the plan for a decade.\n",
        "Farmers downstream have opposed the plan for a decade.\n\n"
        "The regional water authority approved a new reservoir near the northern border on "
        "Monday, and its engineers will begin clearing the valley floor next spring.\n",
        "The regional water authority approved a new reservoir near the northern border on "
        "Monday, and its engineers will begin clearing the valley floor next spring.\n\n"
        "The mayor of Tessel welcomed the vote.\n",
        "The regional water authority approved a new reservoir near the northern border on "
        "Monday. Its engineers will begin clearing the valley floor next spring.\n\n"
        "Farmers downstream have opposed the plan for a decade.\n",
    };
    cd_doc *docs[4];
    char paths[4][64];
    for (size_t i = 0; i < 4; i++) {
        snprintf(paths[i], sizeof paths[i], "/tmp/cd-split-%d-%zu.txt", (int)getpid(), i);
        FILE *f = fopen(paths[i], "w");
        cr_assert(f);
        fputs(texts[i], f);
        fclose(f);
        docs[i] = load(paths[i]);
        unlink(paths[i]);
    }
    cd_alignment *al = cd_align((const cd_doc *const *)docs, 4, NULL);
    size_t h1 = sentence_with(docs[3], "approved a new reservoir");
    size_t h2 = sentence_with(docs[3], "begin clearing");
    cr_assert_neq(h1, h2);
    for (size_t d = 0; d < 3; d++) {
        size_t s = sentence_with(docs[d], "approved a new reservoir");
        cr_expect(same_group(al, (cd_align_ref){d, s}, (cd_align_ref){3, h1}), "doc %zu, first half", d);
        cr_expect(same_group(al, (cd_align_ref){d, s}, (cd_align_ref){3, h2}), "doc %zu, second half", d);
    }
    /* the halves never share a group (one sentence per source) */
    cr_expect(!same_group(al, (cd_align_ref){3, h1}, (cd_align_ref){3, h2}));
    cd_alignment_free(al);
    free_docs(docs, 4);
}
