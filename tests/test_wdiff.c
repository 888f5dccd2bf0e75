/* test_wdiff.c — whole-word diff (cd_wdiff). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "compare.h"

static cd_arena *arena;
static cd_tokenizer *tk;
static cd_tokens ta, tb;

static void setup(void)
{
    arena = cd_arena_new();
    tk = cd_tokenizer_new(arena);
    memset(&ta, 0, sizeof ta);
    memset(&tb, 0, sizeof tb);
}

static void teardown(void)
{
    cd_tokens_free(&ta);
    cd_tokens_free(&tb);
    cd_tokenizer_free(tk);
    cd_arena_free(arena);
}

TestSuite(wdiff, .init = setup, .fini = teardown);

static cd_member member(const char *s, cd_tokens *t)
{
    t->n = 0;
    cd_tokenize(tk, s, 0, strlen(s), t);
    return (cd_member){s, {0, strlen(s)}, t->v, t->n, NULL, NULL};
}

static size_t diff(const char *a, const char *b, cd_diff_op **ops, cd_member *ma, cd_member *mb)
{
    *ma = member(a, &ta);
    *mb = member(b, &tb);
    return cd_wdiff(arena, ma, mb, ops);
}

/* The text of one side of an op, trimmed of trailing spaces. */
static char *side(const char *text, cd_range r)
{
    static char buf[4][256];
    static int k;
    char *out = buf[k++ & 3];
    size_t n = r.end - r.start;
    while (n && text[r.start + n - 1] == ' ')
        n--;
    snprintf(out, 256, "%.*s", (int)n, text + r.start);
    return out;
}

/* Ops tile both sentences in order; SAME touches both, DEL only a, ADD only b. */
static void check_tiling(const cd_member *a, const cd_member *b, const cd_diff_op *ops, size_t n)
{
    size_t pa = a->range.start, pb = b->range.start;
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(ops[i].a.start, pa, "op %zu starts at %zu, expected %zu", i, ops[i].a.start, pa);
        cr_assert_eq(ops[i].b.start, pb);
        cr_assert_leq(ops[i].a.start, ops[i].a.end);
        cr_assert_leq(ops[i].b.start, ops[i].b.end);
        if (ops[i].kind == CD_DIFF_DEL)
            cr_assert_eq(ops[i].b.start, ops[i].b.end);
        if (ops[i].kind == CD_DIFF_ADD)
            cr_assert_eq(ops[i].a.start, ops[i].a.end);
        if (ops[i].kind == CD_DIFF_SAME)
            cr_assert(ops[i].a.end > ops[i].a.start && ops[i].b.end > ops[i].b.start);
        if (i)
            cr_assert(ops[i].kind != ops[i - 1].kind, "neighbouring runs of one kind");
        pa = ops[i].a.end;
        pb = ops[i].b.end;
    }
    if (n) {
        cr_assert_eq(pa, a->range.end);
        cr_assert_eq(pb, b->range.end);
    }
}

Test(wdiff, identical_sentences_are_one_same_run)
{
    cd_diff_op *ops;
    cd_member a, b;
    size_t n = diff("The talks ended on Monday.", "The talks ended on Monday.", &ops, &a, &b);
    cr_assert_eq(n, 1);
    cr_expect_eq(ops[0].kind, CD_DIFF_SAME);
    check_tiling(&a, &b, ops, n);
}

Test(wdiff, case_punctuation_and_quotes_are_trivial)
{
    cd_diff_op *ops;
    cd_member a, b;
    size_t n = diff("Kim Jong-un called it a \u201Choly war\u201D, officials said.",
                    "kim jong un called it a \"holy war\" - officials said!", &ops, &a, &b);
    cr_assert_eq(n, 1);
    cr_expect_eq(ops[0].kind, CD_DIFF_SAME);
}

Test(wdiff, spelling_variants_are_trivial)
{
    cd_diff_op *ops;
    cd_member a, b;
    cr_expect_eq(diff("Kim Jongun spoke by e-mail.", "Kim Jong-un spoke by email.", &ops, &a, &b), 1);
    cr_expect_eq(ops[0].kind, CD_DIFF_SAME);
    cr_expect_eq(diff("The U.S. defence centre.", "The US defense center.", &ops, &a, &b), 1);
    cr_expect_eq(ops[0].kind, CD_DIFF_SAME);
    cr_expect_eq(diff("It cost 35,000 dollars for three.", "It cost 35000 dollars for 3.", &ops, &a, &b), 1);
    cr_expect_eq(ops[0].kind, CD_DIFF_SAME);
}

Test(wdiff, a_changed_number_is_one_token)
{
    cd_diff_op *ops;
    cd_member a, b;
    size_t n = diff("He paid $35,000 on Tuesday.", "He paid $36,500 on Tuesday.", &ops, &a, &b);
    cr_assert_eq(n, 4);
    cr_expect_eq(ops[0].kind, CD_DIFF_SAME);
    cr_expect_str_eq(side(a.text, ops[0].a), "He paid");
    cr_expect_eq(ops[1].kind, CD_DIFF_DEL);
    cr_expect_str_eq(side(a.text, ops[1].a), "$35,000");
    cr_expect_eq(ops[2].kind, CD_DIFF_ADD);
    cr_expect_str_eq(side(b.text, ops[2].b), "$36,500");
    cr_expect_eq(ops[3].kind, CD_DIFF_SAME);
    cr_expect_str_eq(side(b.text, ops[3].b), "on Tuesday.");
    check_tiling(&a, &b, ops, n);
}

Test(wdiff, insertion_and_deletion)
{
    cd_diff_op *ops;
    cd_member a, b;
    size_t n = diff("The plan failed badly.", "The plan has not failed.", &ops, &a, &b);
    check_tiling(&a, &b, ops, n);
    cr_assert_eq(n, 4);
    cr_expect_eq(ops[1].kind, CD_DIFF_ADD);
    cr_expect_str_eq(side(b.text, ops[1].b), "has not");
    cr_expect_eq(ops[1].a.start, ops[1].a.end);
    cr_expect_eq(ops[3].kind, CD_DIFF_DEL);
    cr_expect_str_eq(side(a.text, ops[3].a), "badly.");
    cr_expect_eq(ops[3].b.start, strlen(b.text), "an empty range where the run sits");
}

Test(wdiff, a_real_word_change_is_not_hidden)
{
    cd_diff_op *ops;
    cd_member a, b;
    size_t n = diff("Four people died.", "For people died.", &ops, &a, &b);
    cr_expect_eq(n, 3);
    cr_expect_eq(ops[0].kind, CD_DIFF_DEL);
    n = diff("They said it.", "They claimed it.", &ops, &a, &b);
    cr_expect_eq(n, 4);
}

Test(wdiff, sub_ranges_only)
{
    /* members narrowed to a range (a quotation) diff only their words */
    const char *s = "He said \"we will win\" today.";
    const char *t = "She said \"we shall win\" yesterday.";
    cd_member a = member(s, &ta), b = member(t, &tb);
    a.range = (cd_range){9, 20};
    b.range = (cd_range){10, 22};
    cd_diff_op *ops;
    size_t n = cd_wdiff(arena, &a, &b, &ops);
    check_tiling(&a, &b, ops, n);
    cr_assert_eq(n, 4);
    cr_expect_str_eq(side(s, ops[1].a), "will");
    cr_expect_str_eq(side(t, ops[2].b), "shall");
}

Test(wdiff, empty_and_punctuation_only_sides)
{
    cd_diff_op *ops;
    cd_member a, b;
    cr_expect_eq(diff("", "", &ops, &a, &b), 0);
    cr_expect_eq(diff("...", "!", &ops, &a, &b), 0);
    size_t n = diff("", "New words here.", &ops, &a, &b);
    cr_assert_eq(n, 1);
    cr_expect_eq(ops[0].kind, CD_DIFF_ADD);
    cr_expect_eq(ops[0].b.start, 0);
    cr_expect_eq(ops[0].b.end, strlen(b.text));
}

static char *words(size_t n, unsigned seed, const char *prefix)
{
    cd_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        cd_buf_printf(&b, "%s%s%u", i ? " " : "", prefix, (seed >> 16) % 50);
    }
    return cd_buf_steal(&b);
}

Test(wdiff, random_pairs_tile)
{
    for (unsigned k = 0; k < 200; k++) {
        char *x = words(1 + k % 30, k, "w"), *y = words(1 + (k * 7) % 30, k * 3 + 1, "w");
        cd_diff_op *ops;
        cd_member a, b;
        size_t n = diff(x, y, &ops, &a, &b);
        check_tiling(&a, &b, ops, n);
        free(x);
        free(y);
    }
}

Test(wdiff, long_sentences_stay_fast)
{
    /* two 4,000-word sentences with nothing in common: past the LCS cap the
     * diff is one deletion and one addition */
    char *x = words(4000, 1, "a"), *y = words(4000, 2, "b");
    cd_diff_op *ops;
    cd_member a, b;
    clock_t t0 = clock();
    size_t n = diff(x, y, &ops, &a, &b);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    cr_expect_eq(n, 2);
    check_tiling(&a, &b, ops, n);
    cr_expect_lt(secs, 1.0, "took %.2f s", secs);
    /* 1,000 words each with a shared vocabulary: full LCS, still quick */
    free(x);
    free(y);
    x = words(1000, 3, "w");
    y = words(1000, 4, "w");
    t0 = clock();
    n = diff(x, y, &ops, &a, &b);
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    check_tiling(&a, &b, ops, n);
    cr_expect_gt(n, 2);
    cr_expect_lt(secs, 1.0, "took %.2f s", secs);
    free(x);
    free(y);
}
