/* test_divergence.c — divergences among the members of a claim group
 * (cd_diverge), on hand-built analyses so that each rule is tested alone. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"

static cd_arena *arena;
static cd_tokenizer *tk;
static cd_tokens toks[4];

static void setup(void)
{
    arena = cd_arena_new();
    tk = cd_tokenizer_new(arena);
    memset(toks, 0, sizeof toks);
}

static void teardown(void)
{
    for (size_t i = 0; i < 4; i++)
        cd_tokens_free(&toks[i]);
    cd_tokenizer_free(tk);
    cd_arena_free(arena);
}

TestSuite(divergence, .init = setup, .fini = teardown);

static cd_member member(size_t i, const char *s, cd_sentence_info *info, const char *name)
{
    toks[i].n = 0;
    cd_tokenize(tk, s, 0, strlen(s), &toks[i]);
    memset(info, 0, sizeof *info);
    return (cd_member){s, {0, strlen(s)}, toks[i].v, toks[i].n, info, name};
}

/* The span of the first occurrence of w in s. */
static cd_range at(const char *s, const char *w)
{
    const char *p = strstr(s, w);
    cr_assert(p, "'%s' not in '%s'", w, s);
    return (cd_range){(size_t)(p - s), (size_t)(p - s) + strlen(w)};
}

static cd_fact fact(const char *s, const char *w, const char *value, const char *unit)
{
    return (cd_fact){w, value, unit, at(s, w)};
}

static cd_mark mark(const char *s, const char *w, bool in_quote)
{
    return (cd_mark){w, w, at(s, w), in_quote};
}

static const cd_divergence *find(const cd_divergence *d, size_t n, cd_div_kind k)
{
    for (size_t i = 0; i < n; i++)
        if (d[i].kind == k)
            return &d[i];
    return NULL;
}

Test(divergence, kind_names_round_trip)
{
    for (int k = 0; k < CD_DIV_KINDS; k++) {
        const char *s = cd_div_kind_name((cd_div_kind)k);
        cd_div_kind back;
        cr_assert(cd_div_kind_parse(s, strlen(s), &back));
        cr_expect_eq(back, (cd_div_kind)k);
    }
    cd_div_kind k;
    cr_expect_not(cd_div_kind_parse("numbers", 7, &k));
    cr_expect_not(cd_div_kind_parse("numb", 4, &k));
    cr_expect(cd_div_kind_parse("quote,date", 5, &k));
    cr_expect_eq(k, CD_DIV_QUOTE);
}

Test(divergence, one_member_or_identical_members_give_none)
{
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, "The talks ended.", &ia, "A"), member(1, "The talks ended.", &ib, "B")};
    cd_divergence *d;
    cr_expect_eq(cd_diverge(arena, m, 1, &d), 0);
    cr_expect_eq(cd_diverge(arena, m, 2, &d), 0);
    m[1].info = NULL; /* a member without analysis counts as asserted, no facts */
    cr_expect_eq(cd_diverge(arena, m, 2, &d), 0);
}

Test(divergence, wording)
{
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, "Officials said the talks collapsed.", &ia, "Reuters"),
                      member(1, "Officials said the talks broke down.", &ib, "AP")};
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_assert_eq(n, 1);
    cr_expect_eq(d[0].kind, CD_DIV_WORDING);
    cr_expect_eq(d[0].base, 0);
    cr_assert_eq(d[0].n_sides, 2);
    cr_expect_null(d[0].sides[0].ops);
    cr_expect_gt(d[0].sides[1].n_ops, 1);
    cr_expect_str_eq(d[0].summary,
                     "AP words it differently from Reuters: it has \"broke down\" where Reuters has \"collapsed\".");
}

Test(divergence, framing_fact_versus_attributed)
{
    const char *a = "Russia bought millions of artillery shells from North Korea.";
    const char *b = "Russia bought millions of artillery shells from North Korea, U.S. intelligence found.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "Outlet A"), member(1, b, &ib, "Outlet B")};
    ib.framing = CD_FRAMING_ATTRIBUTED;
    ib.attr_source = "U.S. intelligence";
    ib.attr_cue = "found";
    ib.verb = "find";
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_FRAMING);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "Outlet A states this as fact; Outlet B attributes it to U.S. intelligence.");
    cr_assert_eq(f->n_sides, 2);
    cr_expect_str_eq(f->sides[0].value, "asserted");
    cr_expect_str_eq(f->sides[1].value, "attributed to U.S. intelligence (found)");
    /* a framing difference is not also an attribution difference */
    cr_expect_null(find(d, n, CD_DIV_ATTRIBUTION));
}

Test(divergence, framing_hedge_added)
{
    const char *a = "The two leaders agreed on a weapons deal.";
    const char *b = "The two leaders may have agreed on a weapons deal.";
    const char *c = "The two leaders agreed on a weapons deal.";
    cd_sentence_info ia, ib, ic;
    cd_member m[3] = {member(0, a, &ia, "A"), member(1, b, &ib, "B"), member(2, c, &ic, "C")};
    cd_mark h = mark(b, "may", false);
    ib.framing = CD_FRAMING_HEDGED;
    ib.hedges = &h;
    ib.n_hedges = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 3, &d);
    const cd_divergence *f = find(d, n, CD_DIV_FRAMING);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "A and C state this as fact; B hedges it (\"may\").");
    cr_expect_str_eq(f->sides[1].value, "hedged (may)");
}

Test(divergence, hedge_inside_a_quote_is_not_the_outlets_voice)
{
    const char *a = "\"It may rain,\" he said.";
    const char *b = "\"It may rain,\" he said.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_mark h = mark(b, "may", true);
    ia.framing = ib.framing = CD_FRAMING_ATTRIBUTED;
    ib.hedges = &h;
    ib.n_hedges = 1;
    cd_divergence *d;
    cr_expect_eq(cd_diverge(arena, m, 2, &d), 0);
}

/* in attributed to source with "said". */
static void said_by(cd_sentence_info *in, const char *source)
{
    in->framing = CD_FRAMING_ATTRIBUTED;
    in->attr_source = source;
    in->attr_cue = "said";
    in->verb = "say";
}

Test(divergence, attribution_sources_and_verbs)
{
    const char *a = "The plant was shelled, Ukrainian officials said.";
    const char *b = "The plant was shelled, Russian officials said.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    said_by(&ia, "Ukrainian officials");
    said_by(&ib, "Russian officials");
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_ATTRIBUTION);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "A attributes it to Ukrainian officials with \"said\"; "
                                 "B attributes it to Russian officials with \"said\".");
    cr_expect_null(find(d, n, CD_DIV_FRAMING));

    /* the same source, "the" and case aside, with neutral verbs: none */
    ib.attr_source = "the Ukrainian Officials";
    ib.attr_cue = "told reporters";
    ib.verb = "tell";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_ATTRIBUTION));

    /* said versus claimed */
    ib.attr_source = "Ukrainian officials";
    ib.attr_cue = "claimed";
    ib.verb = "claim";
    ib.verb_loaded = true;
    n = cd_diverge(arena, m, 2, &d);
    f = find(d, n, CD_DIV_ATTRIBUTION);
    cr_assert(f);
    cr_expect(strstr(f->summary, "\"claimed\" (not a neutral verb)"), "%s", f->summary);
}

/* "He said" where he is the speaker named before: the same source as the
 * other outlet's "Tomas Brandt said"; another referent is another source. */
Test(divergence, pronoun_source_stands_for_the_last_speaker)
{
    const char *a = "He said an inquiry would report within 90 days.";
    const char *b = "Tomas Brandt said an inquiry would report within 90 days.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    said_by(&ia, "He");
    ia.attr_refers = "Interior Minister Tomas Brandt";
    said_by(&ib, "Tomas Brandt");
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_ATTRIBUTION));
    ia.attr_refers = "Prime Minister Oskar Velan";
    n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_ATTRIBUTION);
    cr_assert(f);
    cr_expect(strstr(f->summary, "A attributes it to he (Prime Minister Oskar Velan)"), "%s",
              f->summary);
}

Test(divergence, loaded_words_outside_quotes)
{
    const char *a = "The government announced new measures.";
    const char *b = "The regime announced draconian new measures.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_mark l[2] = {mark(b, "regime", false), mark(b, "draconian", false)};
    ib.loaded = l;
    ib.n_loaded = 2;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_LOADED);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "B uses loaded words (\"regime\", \"draconian\"); A uses none.");
    cr_expect_str_eq(f->sides[1].value, "regime, draconian");
    /* both use the same word: nothing to report */
    cd_mark la = mark(a, "government", false);
    la.norm = "regime";
    ia.loaded = &la;
    ia.n_loaded = 1;
    ib.n_loaded = 1;
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_LOADED));
}

Test(divergence, numbers_disagree_but_omission_is_none)
{
    const char *a = "Russia bought 3 million shells and 200 rockets.";
    const char *b = "Russia bought 2 million shells.";
    const char *c = "Russia bought 3 million shells.";
    cd_sentence_info ia, ib, ic;
    cd_member m[3] = {member(0, a, &ia, "A"), member(1, b, &ib, "B"), member(2, c, &ic, "C")};
    cd_fact fa[2] = {fact(a, "3 million", "3000000", "shells"), fact(a, "200", "200", "rockets")};
    cd_fact fb = fact(b, "2 million", "2000000", "shells");
    cd_fact fc = fact(c, "3 million", "3000000", "shells");
    ia.numbers = fa;
    ia.n_numbers = 2;
    ib.numbers = &fb;
    ib.n_numbers = 1;
    ic.numbers = &fc;
    ic.n_numbers = 1;
    cd_divergence *d;
    /* A against C: C omits the rockets, no disagreement */
    cd_member ac[2] = {m[0], m[2]};
    size_t n = cd_diverge(arena, ac, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_NUMBER));
    /* all three: B disagrees with both on the shells; the rockets (no
     * compatible unit on the other side) are no part of it */
    n = cd_diverge(arena, m, 3, &d);
    const cd_divergence *f = find(d, n, CD_DIV_NUMBER);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "A and C give \"3 million\"; B gives \"2 million\".");
    cr_assert_eq(f->n_sides, 3);
    cr_expect_eq(f->sides[1].span.start, at(b, "2 million").start);
}

Test(divergence, dates)
{
    const char *a = "The summit opened on Sept. 13.";
    const char *b = "The summit opened on Sept. 14.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_fact fa = fact(a, "Sept. 13", "2023-09-13", NULL), fb = fact(b, "Sept. 14", "2023-09-14", NULL);
    ia.dates = &fa;
    ia.n_dates = 1;
    ib.dates = &fb;
    ib.n_dates = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_DATE);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "A dates it \"Sept. 13\"; B dates it \"Sept. 14\".");
    /* a month against a day of it, or a weekday against a date: no conflict */
    fb.value = "2023-09";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_DATE));
    fb.value = "wednesday";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_DATE));
    fa.value = "tuesday";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect(find(d, n, CD_DIV_DATE));
}

Test(divergence, entities_swapped_in_place)
{
    const char *a = "Obama met Putin in Geneva on Tuesday.";
    const char *b = "Clinton met Putin in Geneva on Tuesday.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_fact ea[2] = {fact(a, "Obama", "obama", NULL), fact(a, "Putin", "putin", NULL)};
    cd_fact eb[2] = {fact(b, "Clinton", "clinton", NULL), fact(b, "Putin", "putin", NULL)};
    ia.entities = ea;
    ia.n_entities = 2;
    ib.entities = eb;
    ib.n_entities = 2;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_ENTITY);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "A names \"Obama\"; B names \"Clinton\".");
}

Test(divergence, entities_merely_different_are_not_a_conflict)
{
    /* a paraphrase naming other people elsewhere in the sentence */
    const char *a = "Obama met Putin in Geneva, the Kremlin said.";
    const char *b = "Putin met Obama in Geneva, according to Peskov.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_fact ea[3] = {fact(a, "Obama", "obama", NULL), fact(a, "Putin", "putin", NULL),
                     fact(a, "Kremlin", "kremlin", NULL)};
    cd_fact eb[3] = {fact(b, "Putin", "putin", NULL), fact(b, "Obama", "obama", NULL),
                     fact(b, "Peskov", "peskov", NULL)};
    ia.entities = ea;
    ia.n_entities = 3;
    ib.entities = eb;
    ib.n_entities = 3;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    /* "Kremlin" and "Peskov" sit in the same changed stretch here, so this
     * one is reported; what must not be is a mention in another form */
    (void)n;
    cd_fact eb2[2] = {fact(b, "Putin", "putin", NULL), fact(b, "Obama", "barack obama", NULL)};
    ib.entities = eb2;
    ib.n_entities = 2;
    ia.n_entities = 2;
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_ENTITY));
    /* one side names an entity the other leaves out: an omission */
    ib.n_entities = 1;
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_ENTITY));
}

Test(divergence, negation_added)
{
    const char *a = "The deal was signed in Moscow.";
    const char *b = "The deal was not signed in Moscow.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_mark neg = mark(b, "not", false);
    ib.negations = &neg;
    ib.n_negations = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_NEGATION);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "B negates it (\"not\"); A does not.");
    cr_expect_eq(f->sides[1].span.start, at(b, "not").start);
}

Test(divergence, negation_in_both_is_none)
{
    const char *a = "The deal was not signed, officials said.";
    const char *b = "Officials said the deal was not signed.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_mark na = mark(a, "not", false), nb = mark(b, "not", false);
    ia.negations = &na;
    ia.n_negations = 1;
    ib.negations = &nb;
    ib.n_negations = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_NEGATION));
}

/* A summary is one line even when the words it quotes were wrapped over
 * two lines (fuzz_compare found one with a line break). */
Test(divergence, summary_is_one_line)
{
    const char *a = "Kim said: \"We will crush\nthe enemy.\"";
    const char *b = "Kim said: \"We shall defeat\tthe enemy.\"";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A\nX"), member(1, b, &ib, "B")};
    cd_quote qa = {"We will crush\nthe enemy.", "Kim", at(a, "We will crush\nthe enemy."), false, false};
    cd_quote qb = {"We shall defeat\tthe enemy.", "Kim", at(b, "We shall defeat\tthe enemy."), false, false};
    ia.quotes = &qa;
    ia.n_quotes = 1;
    ib.quotes = &qb;
    ib.n_quotes = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_assert_gt(n, 0);
    for (size_t i = 0; i < n; i++)
        cr_expect(!strpbrk(d[i].summary, "\n\t\r"), "%s", d[i].summary);
}

Test(divergence, quote_with_different_words)
{
    const char *a = "Kim said: \"We will crush the enemy.\"";
    const char *b = "Kim said: \"We shall defeat the enemy.\"";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_quote qa = {"We will crush the enemy.", "Kim", at(a, "We will crush the enemy."), false, false};
    cd_quote qb = {"We shall defeat the enemy.", "Kim", at(b, "We shall defeat the enemy."), false, false};
    ia.quotes = &qa;
    ia.n_quotes = 1;
    ib.quotes = &qb;
    ib.n_quotes = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_QUOTE);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "A quotes Kim as saying \"We will crush the enemy.\"; B's version has "
                                 "\"shall defeat\" where A's has \"will crush\".");
    cr_assert_eq(f->n_sides, 2);
    cr_expect_str_eq(f->sides[1].value, "We shall defeat the enemy.");
    cr_expect_gt(f->sides[1].n_ops, 1);
}

Test(divergence, quotation_marks_dropped)
{
    const char *a = "Kim said: \"We will crush the enemy.\"";
    const char *b = "Kim said they would crush the enemy.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_quote qa = {"We will crush the enemy.", "Kim", at(a, "We will crush the enemy."), false, false};
    ia.quotes = &qa;
    ia.n_quotes = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_QUOTE);
    cr_assert(f);
    cr_expect(strstr(f->summary, "as a direct quotation; B gives it as a paraphrase"), "%s", f->summary);
    /* a scare quote is not a quotation to compare */
    qa.scare = true;
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_QUOTE));
}

Test(divergence, kinds_come_in_order)
{
    const char *a = "Police said 3 people died on Monday.";
    const char *b = "Three people may have died on Monday.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    ia.framing = CD_FRAMING_ATTRIBUTED;
    ia.attr_source = "Police";
    cd_mark h = mark(b, "may", false);
    ib.framing = CD_FRAMING_HEDGED;
    ib.hedges = &h;
    ib.n_hedges = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    for (size_t i = 1; i < n; i++)
        cr_expect_lt(d[i - 1].kind, d[i].kind);
    for (size_t i = 0; i < n; i++) {
        cr_expect(d[i].summary && *d[i].summary);
        cr_expect_gt(d[i].n_sides, 0);
    }
}

Test(divergence, rounded_and_approximate_figures_agree)
{
    const char *a = "The storm killed 767 people and cost $114.3 million.";
    const char *b = "The storm killed about 770 people and cost $114 million.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_fact fa[2] = {fact(a, "767 people", "767 people", "people"),
                     fact(a, "$114.3 million", "114300000 usd", "usd")};
    cd_fact fb[2] = {fact(b, "770 people", "770 people", "people"),
                     fact(b, "$114 million", "114000000 usd", "usd")};
    ia.numbers = fa;
    ia.n_numbers = 2;
    ib.numbers = fb;
    ib.n_numbers = 2;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_NUMBER));
    /* 1,333 against 1,000 is no rounding */
    fb[0].value = "1333 people";
    fa[0].value = "1000 people";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect(find(d, n, CD_DIV_NUMBER));
    /* different units are different quantities */
    fb[0].unit = "homes";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_NUMBER));
}

Test(divergence, decades_and_partial_dates)
{
    const char *a = "The plant was built in 1985.";
    const char *b = "The plant was built in the 1980s.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_fact fa = fact(a, "1985", "1985", NULL), fb = fact(b, "1980s", "1980s", NULL);
    ia.dates = &fa;
    ia.n_dates = 1;
    ib.dates = &fb;
    ib.n_dates = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_DATE));
    fb.value = "1970s";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect(find(d, n, CD_DIV_DATE));
    /* a month and day without a year against a full date of another day */
    fa.value = "09-13";
    fb.value = "2023-09-14";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect(find(d, n, CD_DIV_DATE));
    fb.value = "2023-09-13";
    n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_DATE));
    /* hostile values are total */
    fa.value = "99999999999999999999-99999999999-";
    fb.value = "-";
    cd_diverge(arena, m, 2, &d);
}

Test(divergence, names_under_other_spellings_agree)
{
    static const char *const pairs[][2] = {
        {"al qaeda", "al qaida"}, {"jean chrétien", "jean chretien"}, {"iraq", "iraqis"},
        {"british", "uk"},        {"us", "united states"},           {"washington", "american"},
        {"sean sundwell", "sundwall"}, {"turkmen", "turkoman"},  {"wall street", "wall st"},
        {"hal gehman", "harold w gehman"}, {"acme corp", "acme"}, {"pentagon", "defense department"},
    };
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        const char *a = "Officials said Xxxx was behind it.";
        const char *b = "Officials said Yyyy was behind it.";
        cd_sentence_info ia, ib;
        cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
        cd_fact ea = fact(a, "Xxxx", pairs[k][0], NULL), eb = fact(b, "Yyyy", pairs[k][1], NULL);
        ia.entities = &ea;
        ia.n_entities = 1;
        ib.entities = &eb;
        ib.n_entities = 1;
        cd_divergence *d;
        size_t n = cd_diverge(arena, m, 2, &d);
        cr_expect_null(find(d, n, CD_DIV_ENTITY), "%s / %s", pairs[k][0], pairs[k][1]);
        /* the control: two different names in the same place conflict */
        eb.value = "bellweather";
        n = cd_diverge(arena, m, 2, &d);
        cr_expect(find(d, n, CD_DIV_ENTITY), "%s / bellweather", pairs[k][0]);
    }
}

Test(divergence, negation_idioms_compounds_and_negative_verbs)
{
    cd_divergence *d;
    size_t n;
    cd_sentence_info ia, ib;
    {
        const char *a = "Not only is this the oldest known planet.";
        const char *b = "Only this is the oldest known planet.";
        cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
        cd_mark k = mark(a, "Not", false);
        k.norm = "not";
        ia.negations = &k;
        ia.n_negations = 1;
        n = cd_diverge(arena, m, 2, &d);
        cr_expect_null(find(d, n, CD_DIV_NEGATION));
    }
    {
        const char *a = "The company broke the do-not-call rules.";
        const char *b = "The company broke the call rules.";
        cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
        cd_mark k = mark(a, "not", false);
        ia.negations = &k;
        ia.n_negations = 1;
        n = cd_diverge(arena, m, 2, &d);
        cr_expect_null(find(d, n, CD_DIV_NEGATION));
    }
    {
        const char *a = "United paid penalties for not meeting the targets.";
        const char *b = "United paid penalties for failing to meet the targets.";
        cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
        cd_mark k = mark(a, "not", false);
        ia.negations = &k;
        ia.n_negations = 1;
        n = cd_diverge(arena, m, 2, &d);
        cr_expect_null(find(d, n, CD_DIV_NEGATION));
    }
    {
        /* neither ... nor is one negation, as is not */
        const char *a = "Merrill neither admitted nor denied wrongdoing.";
        const char *b = "Merrill did not admit wrongdoing.";
        cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
        cd_mark ka[2] = {mark(a, "neither", false), mark(a, "nor", false)};
        cd_mark kb = mark(b, "not", false);
        ia.negations = ka;
        ia.n_negations = 2;
        ib.negations = &kb;
        ib.n_negations = 1;
        n = cd_diverge(arena, m, 2, &d);
        cr_expect_null(find(d, n, CD_DIV_NEGATION));
    }
    {
        /* a negation in a long rewritten stretch is no disagreement */
        const char *a = "Hong Kong has not seen such a huge and angry protest since 1989.";
        const char *b = "It was the biggest protest since 1989.";
        cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
        cd_mark k = mark(a, "not", false);
        ia.negations = &k;
        ia.n_negations = 1;
        n = cd_diverge(arena, m, 2, &d);
        cr_expect_null(find(d, n, CD_DIV_NEGATION));
    }
}

Test(divergence, hedges_differ_within_one_framing)
{
    const char *a = "The deficit is expected to top $500 billion.";
    const char *b = "The deficit is reportedly expected to top $500 billion.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_mark ha = mark(a, "expected", false);
    cd_mark hb[2] = {mark(b, "reportedly", false), mark(b, "expected", false)};
    ia.framing = ib.framing = CD_FRAMING_HEDGED;
    ia.hedges = &ha;
    ia.n_hedges = 1;
    ib.hedges = hb;
    ib.n_hedges = 2;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_FRAMING);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "A hedges it (\"expected\"); B hedges it (\"reportedly\", \"expected\").");
}

Test(divergence, many_facts_and_quotes_stay_fast, .timeout = 30)
{
    /* hostile analyses: thousands of numbers, quotations, negations and
     * loaded words in one 8 KiB-class sentence; the rules compare at most
     * DIV_MAX_* of each, so this stays quick */
    enum { N = 2000 };
    cd_buf a = {0}, b = {0};
    for (size_t i = 0; i < N; i++) {
        cd_buf_printf(&a, "\"q%zu\" %zu not ", i, i);
        cd_buf_printf(&b, "\"r%zu\" %zu not ", i, i + 1);
    }
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a.data, &ia, "A"), member(1, b.data, &ib, "B")};
    cd_fact *fa = cd_arena_alloc(arena, N * sizeof *fa), *fb = cd_arena_alloc(arena, N * sizeof *fb);
    cd_quote *qa = cd_arena_alloc(arena, N * sizeof *qa), *qb = cd_arena_alloc(arena, N * sizeof *qb);
    cd_mark *na = cd_arena_alloc(arena, N * sizeof *na), *nb = cd_arena_alloc(arena, N * sizeof *nb);
    for (size_t i = 0; i < N; i++) {
        /* positions from the tokens: quote word, number, "not" */
        const cd_token *ta = &toks[0].v[i * 5], *tb = &toks[1].v[i * 5];
        qa[i] = (cd_quote){"q", NULL, {ta[1].start, ta[1].start + ta[1].len}, false, false};
        qb[i] = (cd_quote){"r", NULL, {tb[1].start, tb[1].start + tb[1].len}, false, false};
        fa[i] = (cd_fact){"n", "1", NULL, {ta[3].start, ta[3].start + ta[3].len}};
        fb[i] = (cd_fact){"n", "2", NULL, {tb[3].start, tb[3].start + tb[3].len}};
        na[i] = (cd_mark){"not", "not", {ta[4].start, ta[4].start + ta[4].len}, false};
        nb[i] = (cd_mark){"not", "not", {tb[4].start, tb[4].start + tb[4].len}, false};
    }
    ia.quotes = qa, ib.quotes = qb, ia.n_quotes = ib.n_quotes = N;
    ia.numbers = fa, ib.numbers = fb, ia.n_numbers = ib.n_numbers = N;
    ia.entities = fa, ib.entities = fb, ia.n_entities = ib.n_entities = N;
    ia.negations = na, ib.negations = nb, ia.n_negations = N, ib.n_negations = N - 1;
    ia.loaded = na, ib.loaded = nb + 1, ia.n_loaded = N, ib.n_loaded = N - 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_expect(find(d, n, CD_DIV_NUMBER));
    cr_expect_leq(n, CD_DIV_KINDS + 16);
    cd_buf_free(&a);
    cd_buf_free(&b);
}

Test(divergence, many_outlets_in_one_clause)
{
    /* twelve outlets state it as fact, one attributes it: the clause names
     * eight and counts the rest */
    enum { N = 13 };
    static char names[N][16];
    cd_sentence_info info[N];
    cd_member m[N];
    const char *fact_s = "The dam collapsed on Tuesday.";
    const char *attr_s = "The dam collapsed on Tuesday, officials said.";
    cd_member mf = member(0, fact_s, &info[0], NULL), ma = member(1, attr_s, &info[0], NULL);
    for (size_t i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "Outlet %zu", i + 1);
        m[i] = i == N - 1 ? ma : mf;
        memset(&info[i], 0, sizeof info[i]);
        m[i].info = &info[i];
        m[i].name = names[i];
    }
    info[N - 1].framing = CD_FRAMING_ATTRIBUTED;
    info[N - 1].attr_source = "officials";
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, N, &d);
    const cd_divergence *f = find(d, n, CD_DIV_FRAMING);
    cr_assert(f);
    cr_expect_str_eq(f->summary, "Outlet 1, Outlet 2, Outlet 3, Outlet 4, Outlet 5, Outlet 6, "
                                 "Outlet 7, Outlet 8 and 4 others state this as fact; "
                                 "Outlet 13 attributes it to officials.");
    cr_expect_eq(f->n_sides, N);
}

Test(divergence, quotation_against_reported_speech)
{
    /* the words of the quotation in another form ("supported" / "support"):
     * a paraphrase on one side, a direct quotation on the other */
    const char *a = "Kim said that they will always support the decisions of President Putin.";
    const char *b = "\"We have always supported all decisions of President Putin,\" Kim said.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_quote qb = {"We have always supported all decisions of President Putin,", "Kim",
                   at(b, "We have always supported all decisions of President Putin,"), false, false};
    ib.quotes = &qb;
    ib.n_quotes = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    const cd_divergence *f = find(d, n, CD_DIV_QUOTE);
    cr_assert(f);
    cr_expect_eq(f->base, 1);
    cr_expect(strstr(f->summary, "B quotes Kim as saying"), "%s", f->summary);
    cr_expect(strstr(f->summary, "A gives it as a paraphrase, not a quotation."), "%s", f->summary);
    /* an unrelated sentence shares too little of it */
    const char *c = "Putin thanked his guest for the visit.";
    cd_member m2[2] = {member(2, c, &ia, "A"), m[1]};
    n = cd_diverge(arena, m2, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_QUOTE));
}

Test(divergence, a_large_group_of_wire_copies, .timeout = 30)
{
    /* 600 outlets carrying one of three versions of a sentence: each
     * distinct sentence is diffed once against the others, not each pair
     * of outlets */
    enum { N = 600 };
    static const char *const text[3] = {"The flood killed 12 people in the port city on Tuesday.",
                                        "The flood killed 14 people in the port city on Tuesday.",
                                        "The flood killed 12 people in the city on Tuesday."};
    static cd_sentence_info info[3];
    static cd_fact num[3];
    cd_member v[3];
    for (size_t k = 0; k < 3; k++) {
        v[k] = member(k, text[k], &info[k], NULL);
        num[k] = fact(text[k], k == 1 ? "14 people" : "12 people", k == 1 ? "14 people" : "12 people",
                      "people");
        info[k].numbers = &num[k];
        info[k].n_numbers = 1;
    }
    static cd_member m[N];
    static char names[N][16];
    for (size_t i = 0; i < N; i++) {
        m[i] = v[i % 3];
        snprintf(names[i], sizeof names[i], "O%zu", i);
        m[i].name = names[i];
    }
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, N, &d);
    const cd_divergence *f = find(d, n, CD_DIV_NUMBER);
    cr_assert(f);
    cr_expect_eq(f->n_sides, N, "every outlet takes part: %zu", f->n_sides);
    cr_expect(strstr(f->summary, "O1, O4, O7, O10, O13, O16, O19, O22 and 192 others give \"14 people\""),
              "%s", f->summary);
    f = find(d, n, CD_DIV_WORDING);
    cr_assert(f);
    cr_expect_eq(f->n_sides, 1 + 2 * N / 3, "the base and the 400 other wordings");
}

/* Decimals state their precision: "9%" is "8.76%" rounded; integers with
 * the same precision ("$9.99" / "$9.95") and round tens ("30" / "32") are
 * not taken for rounding. */
Test(divergence, written_decimals_round)
{
    static const char *const agree[][2] = {{"9 %", "8.76 %"}, {"1.2 %", "1.23 %"}, {"4 %", "4.4 %"}};
    static const char *const differ[][2] = {{"9.99 usd", "9.95 usd"}, {"30 miles", "32 miles"},
                                            {"8 %", "9 %"}, {"2.7 %", "3.3 %"}};
    for (int pass = 0; pass < 2; pass++) {
        const char *const(*set)[2] = pass ? differ : agree;
        size_t n_set = pass ? sizeof differ / sizeof *differ : sizeof agree / sizeof *agree;
        for (size_t k = 0; k < n_set; k++) {
            const char *a = "Shares rose XX on the day.", *b = "Shares rose YY on the day.";
            cd_sentence_info ia, ib;
            cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
            const char *ua = strchr(set[k][0], ' ') + 1, *ub = strchr(set[k][1], ' ') + 1;
            cd_fact fa = fact(a, "XX", set[k][0], ua), fb = fact(b, "YY", set[k][1], ub);
            ia.numbers = &fa;
            ia.n_numbers = 1;
            ib.numbers = &fb;
            ib.n_numbers = 1;
            cd_divergence *d;
            size_t n = cd_diverge(arena, m, 2, &d);
            if (pass)
                cr_expect(find(d, n, CD_DIV_NUMBER), "%s / %s", set[k][0], set[k][1]);
            else
                cr_expect_null(find(d, n, CD_DIV_NUMBER), "%s / %s", set[k][0], set[k][1]);
        }
    }
}

Test(divergence, range_against_its_two_numbers)
{
    const char *a = "The House voted 256-170 to pass it.";
    const char *b = "The House voted 256 to 170 to pass it.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_fact fa = fact(a, "256-170", "256-170", "range");
    cd_fact fb[2] = {fact(b, "256", "256", NULL), fact(b, "170", "170", NULL)};
    ia.numbers = &fa;
    ia.n_numbers = 1;
    ib.numbers = fb;
    ib.n_numbers = 2;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_expect_null(find(d, n, CD_DIV_NUMBER));
    /* another score is a divergence */
    ib.numbers = &(cd_fact){"250-170", "250-170", "range", at(b, "256 to 170")};
    ib.n_numbers = 1;
    n = cd_diverge(arena, m, 2, &d);
    cr_expect(find(d, n, CD_DIV_NUMBER));
}

Test(divergence, transliterations_need_four_consonants)
{
    const char *a = "The flight landed at Dallas late.", *b = "The flight landed at Dulles late.";
    cd_sentence_info ia, ib;
    cd_member m[2] = {member(0, a, &ia, "A"), member(1, b, &ib, "B")};
    cd_fact ea = fact(a, "Dallas", "dallas", NULL), eb = fact(b, "Dulles", "dulles", NULL);
    ia.entities = &ea;
    ia.n_entities = 1;
    ib.entities = &eb;
    ib.n_entities = 1;
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    cr_expect(find(d, n, CD_DIV_ENTITY));
}

/* One negation written as two marks ("no" inside "no evidence"), "nor"
 * after "None", "not until", and a negated clause one side adds: no
 * negation divergence. */
/* Does a negation divergence come out for a and b with these negation
 * marks (words of each sentence, NULL-terminated; matching form lower-case)? */
static bool negation_between(const char *a, const char *const *wa, const char *b,
                             const char *const *wb)
{
    cd_sentence_info info[2];
    cd_member m[2] = {member(0, a, &info[0], "A"), member(1, b, &info[1], "B")};
    static cd_mark marks[2][4];
    const char *const *words[2] = {wa, wb};
    const char *text[2] = {a, b};
    for (int s = 0; s < 2; s++) {
        size_t n = 0;
        for (; words[s] && words[s][n]; n++) {
            marks[s][n] = mark(text[s], words[s][n], false);
            char *lower = cd_arena_strndup(arena, words[s][n], strlen(words[s][n]));
            for (char *c = lower; *c; c++)
                *c = (char)tolower((unsigned char)*c);
            marks[s][n].norm = lower;
        }
        info[s].negations = marks[s];
        info[s].n_negations = n;
    }
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    return find(d, n, CD_DIV_NEGATION) != NULL;
}

Test(divergence, negations_that_do_not_flip_the_claim)
{
    cr_expect(!negation_between(
        "Authorities had no evidence to suggest the incidents were connected.",
        (const char *const[]){"no", "no evidence", NULL},
        "There was no immediate evidence that the incidents were connected.",
        (const char *const[]){"no", NULL}));
    cr_expect(!negation_between(
        "None of his rivals picked him, nor was Dean asked that question.",
        (const char *const[]){"None", "nor", NULL},
        "None of his rivals picked him and Dean was not asked the question.",
        (const char *const[]){"None", "not", NULL}));
    /* the other side says it with a negative word */
    cr_expect(!negation_between(
        "Frist will work to get the loan provision removed from the final bill.", NULL,
        "Frist will work to see that the loan provision was not in the final bill.",
        (const char *const[]){"not", NULL}));
    cr_expect(!negation_between("Florida's primary isn't until March 9.",
                                (const char *const[]){"isn't", NULL},
                                "Florida's primary will be March 9.", NULL));
    cr_expect(!negation_between(
        "Bremer said he would launch a program to clean up neighborhoods.", NULL,
        "Bremer said he would launch a program to clean up neighborhoods, but gave no details.",
        (const char *const[]){"no", NULL}));
    /* the control: the same helper sees a negation that flips the claim */
    cr_expect(negation_between("The deal was signed in Moscow.", NULL,
                               "The deal was not signed in Moscow.",
                               (const char *const[]){"not", NULL}));
}

/* The kinds of fact divergence (number, date, entity, negation) between a
 * and b analysed from their text (cd_sentence_analyse), as a bit set. */
static unsigned fact_kinds(const char *a, const char *b)
{
    const char *s[2] = {a, b};
    cd_sentence_info info[2];
    cd_member m[2];
    for (int k = 0; k < 2; k++) {
        m[k] = member((size_t)k, s[k], &info[k], k ? "B" : "A");
        cd_sentence_analyse(arena, s[k], (cd_range){0, strlen(s[k])}, toks[k].v, toks[k].n, NULL,
                            &info[k]);
    }
    cd_divergence *d;
    size_t n = cd_diverge(arena, m, 2, &d);
    unsigned kinds = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i].kind == CD_DIV_NUMBER || d[i].kind == CD_DIV_DATE ||
            d[i].kind == CD_DIV_ENTITY || d[i].kind == CD_DIV_NEGATION)
            kinds |= 1u << d[i].kind;
    return kinds;
}

/* Fact alarms MSRP's equivalent pairs raised that were misreadings: each
 * pair must give none, and a control with a real change must. */
Test(divergence, same_facts_written_differently)
{
    static const char *const same[][2] = {
        /* party labels */
        {"The leader, Bill Frist, Republican of Tennessee, said he hoped to finish by September.",
         "The leader, Bill Frist, R-Tenn., said he hoped to finish by September."},
        /* an acronym of a firm's name without its suffix, and of a one-word name */
        {"A weak outlook from General Electric Co. sent its shares down 81 cents.",
         "A weak outlook from GE sent the company's shares down 81 cents."},
        {"IAC's stock closed yesterday down $2.81 at $34.19.",
         "InterActiveCorp's shares closed at $34.19, down $2.81."},
        /* an island group */
        {"The law lets police be deployed to the Solomons.",
         "The law lets police be deployed to Solomon Islands."},
        /* a decade holds the age */
        {"Even after he turned 94, Lacy worked to change baseball.",
         "Even into his 90s, Lacy worked to change the game of baseball."},
        /* a figure both state does not stand in for another one */
        {"Anhalt said the bottle actually contains 2 ½ 8-ounce servings.",
         "Anhalt said the bottle actually contains 2.5."},
        /* a count and an age are two quantities */
        {"Two of the Britons, Sandy Mitchell and William Sampson, face the death penalty.",
         "Sandy Mitchell, 44, and William Sampson face beheading in public."},
        /* "no" modifying a noun */
        {"Three no votes would kill the plan for now.", "Three votes would kill the plan for now."},
        /* a relative day, a time zone and a ticker are no names */
        {"Tomorrow's testimony is to give an inside look at tax shelters.",
         "Tuesday's testimony is to give an inside look at tax shelters."},
        {"The organiser extended the contest until 6 p.m. EDT Sunday.",
         "The organiser extended the contest until 6 p.m. Arizona time Sunday."},
        {"Traders waited for Alcoa Inc. (nyse: AA) to report earnings after the close.",
         "Traders waited for Alcoa Inc. (nyse: PEP) to report earnings after the close."},
        {"The actor's board seat calls into question his commitment to Latinos.",
         "The actor's board seat calls into question his commitment to Hispanics."},
        /* one measure in two systems, a range's unit written once */
        {"They weighed 220 pounds and needed to lose between 30 and 80 pounds.",
         "They weighed 100 kilograms and needed to lose between 14 and 36 kilograms."},
        {"The fjord is 20 mile (30 km) long.", "The fjord is 20-mile long."},
        {"They fired from hundreds of yards away.", "They fired from hundreds of metres away."},
        /* the scale left out */
        {"It beat the previous record of $54.9-million set in 1999.",
         "It beat the previous record of $54.9 set in 1999."},
        /* the day it was said against the day it happened */
        {"The militants ambushed the convoy Saturday near the town, a spokesman said.",
         "The militants ambushed the convoy near the town, a spokesman said Sunday."},
        /* a count is no share, no age */
        {"But Gelinas says only six have been fully re-evaluated.",
         "But Gelinas said only 1.5 per cent have been fully re-evaluated."},
        {"Bavelier, the mother of three, said it.",
         "Bavelier, the mother of twins and a 2-year old, said it."},
        /* a state in the country, a country's body under the country */
        {"The men paid to be smuggled into Blaine, Wash., from Canada.",
         "The men paid to be smuggled into the United States from Canada."},
        {"He is on the U.S. FBI's list of most wanted suspects.",
         "He is on the United States' list of most wanted suspects."},
        /* a negative verb on the other side */
        {"Courts allowed displays in some cases and banning them in others.",
         "Courts allowed displays in some cases and not in others."},
    };
    for (size_t k = 0; k < sizeof same / sizeof *same; k++)
        cr_expect_eq(fact_kinds(same[k][0], same[k][1]), 0u, "%s / %s", same[k][0], same[k][1]);
    /* controls: the same rules still see real differences */
    cr_expect(fact_kinds("The leader, Bill Frist, R-Tenn., said he hoped to finish.",
                         "The leader, Bill Frist, R-Ohio, said he hoped to finish.") &
              (1u << CD_DIV_ENTITY));
    cr_expect(fact_kinds("Paul Durousseau, 30, was charged Tuesday with murder.",
                         "Paul Durousseau, 32, was charged Tuesday with murder.") &
              (1u << CD_DIV_NUMBER));
    cr_expect(fact_kinds("Even after he turned 84, Lacy worked to change baseball.",
                         "Even into his 90s, Lacy worked to change the game of baseball.") &
              (1u << CD_DIV_NUMBER));
    cr_expect(fact_kinds("They needed to lose between 30 and 80 pounds.",
                         "They needed to lose between 30 and 80 kilograms.") &
              (1u << CD_DIV_NUMBER));
    cr_expect(fact_kinds("The policy was expanded, company officials said Tuesday.",
                         "The policy was expanded, company officials said Wednesday.") &
              (1u << CD_DIV_DATE));
    cr_expect(fact_kinds("The militants ambushed the convoy Saturday near the town.",
                         "The militants ambushed the convoy Sunday near the town.") &
              (1u << CD_DIV_DATE));
    cr_expect(fact_kinds("The men paid to be smuggled into Texas from Mexico.",
                         "The men paid to be smuggled into Arizona from Mexico.") &
              (1u << CD_DIV_ENTITY));
    cr_expect(fact_kinds("Only 3 percent have been re-evaluated.",
                         "Only 1.5 percent have been re-evaluated.") &
              (1u << CD_DIV_NUMBER));
    cr_expect(fact_kinds("It raised $5,000 for the school.", "It raised $5 for the school.") &
              (1u << CD_DIV_NUMBER));
    cr_expect(fact_kinds("Four people died and three others were wounded.",
                         "Four people died and four others were wounded.") &
              (1u << CD_DIV_NUMBER));
    cr_expect(fact_kinds("The deal will not kill the plan for now.",
                         "The deal will kill the plan for now.") &
              (1u << CD_DIV_NEGATION));
}
