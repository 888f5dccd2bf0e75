/* test_score.c — features, synonyms, IDF and the pair score. */
#include <criterion/criterion.h>
#include <string.h>

#include "compare.h"

static cd_arena *arena;
static cd_tokenizer *tk;
static cd_synonyms *syn;
static cd_idf *idf;

static void setup(void)
{
    arena = cd_arena_new();
    tk = cd_tokenizer_new(arena);
    syn = cd_synonyms_new();
    idf = cd_idf_new();
}

static void teardown(void)
{
    cd_idf_free(idf);
    cd_synonyms_free(syn);
    cd_tokenizer_free(tk);
    cd_arena_free(arena);
}

static cd_features *feat(const char *s)
{
    cd_tokens t = {0};
    cd_tokenize(tk, s, 0, strlen(s), &t);
    cd_features *f = cd_features_new(s, t.v, t.n, syn);
    cd_tokens_free(&t);
    return f;
}

static double score(const char *a, const char *b)
{
    cd_features *fa = feat(a), *fb = feat(b);
    double s = cd_pair_score(fa, fb, idf);
    cd_features_free(fa);
    cd_features_free(fb);
    return s;
}

static bool has(const char *const *v, size_t n, const char *x)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], x) == 0)
            return true;
    return false;
}

TestSuite(score, .init = setup, .fini = teardown);

Test(score, features_stems_without_stop_words)
{
    cd_features *f = feat("The leaders of the two countries met on Tuesday.");
    cr_expect_not(has(f->stems, f->n_stems, "the"));
    cr_expect_not(has(f->stems, f->n_stems, "of"));
    cr_expect(has(f->stems, f->n_stems, "leader"));
    cr_expect_eq(f->n_words, 9);
    cd_features_free(f);
}

Test(score, features_numbers_normalised)
{
    cd_features *f = feat("It paid $35,000,000 for 12 jets in 2023.");
    cr_expect(has(f->numbers, f->n_numbers, "35000000"));
    cr_expect(has(f->numbers, f->n_numbers, "12"));
    cr_expect(has(f->numbers, f->n_numbers, "2023"));
    cr_expect_eq(f->n_numbers, 3);
    cd_features_free(f);
}

Test(score, features_entities_hyphen_and_space_agree)
{
    cd_features *a = feat("Later, Kim Jong Un visited the Vostochny Cosmodrome.");
    cd_features *b = feat("North Korean leader Kim Jong-un visited a spaceport.");
    cr_expect(has(a->entities, a->n_entities, "kim jong un"));
    cr_expect(has(b->entities, b->n_entities, "kim jong un"));
    cr_expect(has(a->entities, a->n_entities, "vostochny cosmodrome"));
    /* a capitalised multi-word run opening the sentence is a name */
    cr_expect(has(b->entities, b->n_entities, "north korean"));
    cd_features_free(a);
    cd_features_free(b);
}

Test(score, features_single_capital_at_start_is_not_an_entity)
{
    cd_features *f = feat("Officials said the talks would resume.");
    cr_expect_eq(f->n_entities, 0);
    cd_features_free(f);
}

Test(score, features_quotes)
{
    cd_features *f = feat("He called it \"a new chapter\" and left.");
    cr_expect_eq(f->n_quotes, 1);
    cr_expect_str_eq(f->quotes[0], "a new chapter");
    cd_features_free(f);
    f = feat("He said \u201cwe will win\u201d.");
    cr_expect_eq(f->n_quotes, 1);
    cr_expect_str_eq(f->quotes[0], "we will win");
    cd_features_free(f);
}

Test(score, synonyms_map_inflections)
{
    cr_expect_geq(cd_synonyms_count(), 60);
    cr_expect_leq(cd_synonyms_count(), 150);
    cd_features *a = feat("They pledged support.");
    cd_features *b = feat("They promised backing.");
    cr_expect_eq(a->n_stems, b->n_stems);
    for (size_t i = 0; i < a->n_stems && i < b->n_stems; i++)
        cr_expect_str_eq(a->stems[i], b->stems[i]);
    cd_features_free(a);
    cd_features_free(b);
    cr_expect_str_eq(cd_synonyms_map(syn, "unrelatedword"), "unrelatedword");
}

Test(score, idf_rare_weighs_more_and_input_counts)
{
    cr_expect_gt(cd_idf_weight(idf, "cosmodrom"), cd_idf_weight(idf, "said"));
    cr_expect_gt(cd_idf_weight(idf, "zzzunseen"), 0);
    double before = cd_idf_weight(idf, "zzzunseen");
    const char *d[] = {"zzzunseen", "zzzunseen"};
    for (int i = 0; i < 50; i++)
        cd_idf_add_doc(idf, d, 2);
    cr_expect_lt(cd_idf_weight(idf, "zzzunseen"), before);
    cr_expect_gt(cd_idf_weight(idf, "zzzunseen"), 0);
}

Test(score, identical_is_one)
{
    const char *s = "Russia bought millions of artillery shells from North Korea.";
    cr_expect_float_eq(score(s, s), 1.0, 1e-9);
}

Test(score, paraphrase_beats_unrelated)
{
    const char *a = "Kim Jong Un pledged full support for Russia at the cosmodrome summit.";
    const char *p = "At the spaceport talks, Kim Jong-un promised Russia his full backing.";
    const char *u = "Heavy rain flooded the harbour town and closed three schools.";
    double sp = score(a, p), su = score(a, u);
    cr_expect_gt(sp, su, "paraphrase %f vs unrelated %f", sp, su);
    cr_expect_geq(sp, CD_SAME_CLAIM_THRESHOLD, "paraphrase %f", sp);
    cr_expect_lt(su, 0.2, "unrelated %f", su);
}

Test(score, synonyms_raise_the_score)
{
    double with = score("The two leaders vowed to hold talks.", "The two leaders pledged to hold a summit.");
    cd_synonyms *keep = syn;
    syn = NULL;
    double without = score("The two leaders vowed to hold talks.", "The two leaders pledged to hold a summit.");
    syn = keep;
    cr_expect_gt(with, without, "with %f without %f", with, without);
}

Test(score, number_conflict_lowers)
{
    double same = score("The fire killed 12 people on Monday.", "A fire on Monday left 12 people dead.");
    double diff = score("The fire killed 12 people on Monday.", "A fire on Monday left 21 people dead.");
    cr_expect_gt(same, diff, "same %f conflicting %f", same, diff);
}

Test(score, symmetric_and_in_range)
{
    const char *s[] = {
        "Kim Jong Un pledged full support for Russia.",
        "The ministry said 3 soldiers died in the \"unprovoked\" attack.",
        "Prices rose 5% in May.",
        "",
        "...",
        "A",
    };
    size_t n = sizeof s / sizeof *s;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double x = score(s[i], s[j]), y = score(s[j], s[i]);
            cr_expect_float_eq(x, y, 1e-12, "%zu %zu", i, j);
            cr_expect(x >= 0.0 && x <= 1.0, "%zu %zu: %f", i, j, x);
        }
}

Test(score, empty_sentences)
{
    cr_expect_float_eq(score("", ""), 0.0, 1e-12);
    cr_expect_float_eq(score("", "Something happened."), 0.0, 1e-12);
    cd_features *f = feat("");
    cr_expect_eq(f->n_stems, 0);
    cr_expect_eq(f->n_words, 0);
    cd_features_free(f);
}

Test(score, features_of_a_document_sentence)
{
    cd_doc *d = cd_doc_new("t");
    const char *p = "First one here. Then Kim Jong Un spoke.";
    cd_doc_add_paragraph(d, p, strlen(p), CD_PARA_BODY, 1);
    cd_doc_analyse(d, 0);
    cr_assert_eq(cd_doc_sentence_count(d), 2);
    cd_features *f = cd_features_of_sentence(d, 1, syn);
    cr_expect(has(f->entities, f->n_entities, "kim jong un"));
    cd_features_free(f);
    cd_doc_free(d);
}

/* Ranking a run's stems, numbers, quotes and entities to integers changes
 * no score: every pair scores the same as from the strings. */
Test(score, ranked_features_score_as_strings)
{
    static const char *const s[] = {
        "Kim Jong Un pledged \"full support\" to Putin on June 12, 2023, state media said.",
        "Kim pledged full support to Vladimir Putin, according to KCNA.",
        "North Korea's Kim Jong-un sent 3 million shells worth $1.5 billion to Russia.",
        "Russia bought 3,000,000 artillery shells from North Korea, U.S. officials said.",
        "Putin met Kim at the Vostochny Cosmodrome on Sept. 13.",
        "The talks at the spaceport lasted four hours, Putin said of Kim.",
        "\"We will fight to the end\", Kim said.",
        "Nothing in common here at all.",
    };
    enum { N = sizeof s / sizeof *s };
    cd_features *plain[N], *ranked[N];
    for (size_t i = 0; i < N; i++) {
        plain[i] = feat(s[i]);
        ranked[i] = feat(s[i]);
        cd_features_weigh(plain[i], idf);
    }
    cd_features_rank_weigh(ranked, N, idf);
    for (size_t i = 0; i < N; i++) {
        cr_assert_not_null(ranked[i]->number_ids);
        cr_assert_not_null(ranked[i]->entity_ids);
        for (size_t j = 0; j < N; j++) {
            double a = cd_pair_score(plain[i], plain[j], idf);
            double b = cd_pair_score(ranked[i], ranked[j], idf);
            cr_expect_eq(a, b, "%zu-%zu: %.17g vs %.17g", i, j, a, b);
        }
    }
    for (size_t i = 0; i < N; i++) {
        cd_features_free(plain[i]);
        cd_features_free(ranked[i]);
    }
}
