/* test_comparison.c — cd_compare: divergences per claim group and omissions
 * on small hand-written stories. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"

static cd_doc *doc_of(const char *origin, const char *const *paras, size_t n)
{
    cd_doc *d = cd_doc_new(origin);
    for (size_t i = 0; i < n; i++)
        cd_doc_add_paragraph(d, paras[i], strlen(paras[i]), CD_PARA_BODY, i + 1);
    cd_doc_analyse(d, 0);
    return d;
}

static const char *const story_a[] = {
    "Russia bought millions of artillery shells from North Korea for its war in Ukraine.",
    "Kim Jong Un met Vladimir Putin at the Vostochny cosmodrome in Russia's Far East.",
    "The two leaders held talks for four hours behind closed doors at the launch site.",
    "Kim toured the launch pads before the meeting and inspected a Soyuz rocket.",
};
static const char *const story_b[] = {
    "Russia bought millions of artillery shells from North Korea for its war in Ukraine, a report from U.S. intelligence found.",
    "Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome in Russia's Far East.",
    "The two leaders held talks for five hours behind closed doors at the launch site.",
    "Pyongyang denied that any weapons had been sold to Moscow, state media said.",
};
static const char *const story_c[] = {
    "Kim Jong Un met Vladimir Putin at the Vostochny cosmodrome in Russia's Far East.",
    "The notorious regime in Pyongyang has long been under United Nations sanctions.",
};

/* The group holding sentence sent of document doc, or SIZE_MAX. */
static size_t group_of(const cd_comparison *c, size_t doc, size_t sent)
{
    for (size_t g = 0; g < c->al->n_groups; g++)
        for (size_t k = 0; k < c->al->groups[g].n_members; k++)
            if (c->al->groups[g].members[k].doc == doc && c->al->groups[g].members[k].sent == sent)
                return g;
    return SIZE_MAX;
}

static const cd_divergence *find(const cd_comparison *c, size_t g, cd_div_kind k)
{
    for (size_t i = 0; i < c->n_divs[g]; i++)
        if (c->divs[g][i].kind == k)
            return &c->divs[g][i];
    return NULL;
}

Test(comparison, story_with_planted_divergences)
{
    const cd_doc *docs[3] = {doc_of("a.txt", story_a, 4), doc_of("b.txt", story_b, 4),
                             doc_of("c.txt", story_c, 2)};
    const char *names[3] = {"Outlet A", "Outlet B", "Outlet C"};
    cd_comparison *c = cd_compare(docs, names, 3, NULL);
    cr_assert(c && c->al);
    for (size_t i = 0; i < 3; i++)
        cr_expect(c->analyses[i]);

    /* the shells: A states it as fact, B attributes it to U.S. intelligence */
    size_t g = group_of(c, 0, 0);
    cr_assert_neq(g, SIZE_MAX, "the shells sentences are not aligned");
    const cd_divergence *f = find(c, g, CD_DIV_FRAMING);
    cr_assert(f);
    cr_expect(strstr(f->summary, "Outlet A states this as fact"), "%s", f->summary);
    cr_expect(strstr(f->summary, "Outlet B attributes it to"), "%s", f->summary);

    /* the meeting: three outlets, spelling variants only: no divergence */
    g = group_of(c, 0, 1);
    cr_assert_neq(g, SIZE_MAX);
    cr_expect_eq(c->al->groups[g].n_members, 3);
    cr_expect_eq(c->n_divs[g], 0, "first: %s", c->n_divs[g] ? c->divs[g][0].summary : "");

    /* the talks: four hours against five */
    g = group_of(c, 0, 2);
    cr_assert_neq(g, SIZE_MAX);
    f = find(c, g, CD_DIV_NUMBER);
    cr_assert(f);
    cr_expect(strstr(f->summary, "\"four hours\""), "%s", f->summary);

    /* omissions: only B reports the denial (attributed: ranked above A's
     * tour of the launch pads); sorted by story, then weight */
    bool denial = false;
    for (size_t i = 0; i < c->n_omissions; i++) {
        const cd_omission *o = &c->omissions[i];
        cr_expect_gt(o->n_missing, 0);
        cr_expect_gt(o->n_present, 0);
        if (i)
            cr_expect(o->story > c->omissions[i - 1].story ||
                      (o->story == c->omissions[i - 1].story &&
                       o->weight <= c->omissions[i - 1].weight));
        if (o->ref.doc == 1 && o->ref.sent == 3) {
            denial = true;
            cr_expect_eq(o->group, SIZE_MAX);
            for (size_t k = 0; k < c->n_omissions; k++)
                if (c->omissions[k].ref.doc == 0 && c->omissions[k].ref.sent == 3)
                    cr_expect_gt(o->weight, c->omissions[k].weight);
        }
    }
    cr_expect(denial, "the denial only B reports is not an omission");
    cd_comparison_free(c);
    for (size_t i = 0; i < 3; i++)
        cd_doc_free((cd_doc *)docs[i]);
}

Test(comparison, failed_sources_and_cross_story_groups)
{
    const cd_doc *docs[4] = {doc_of("a.txt", story_a, 4), NULL, doc_of("b.txt", story_b, 4), NULL};
    cd_comparison *c = cd_compare(docs, NULL, 4, NULL);
    cr_assert(c);
    cr_expect_null(c->analyses[1]);
    cr_expect_null(c->analyses[3]);
    for (size_t g = 0; g < c->al->n_groups; g++) {
        if (c->al->groups[g].cross_story)
            cr_expect_eq(c->n_divs[g], 0);
        for (size_t i = 0; i < c->n_divs[g]; i++) {
            const cd_divergence *d = &c->divs[g][i];
            cr_expect(d->summary && *d->summary);
            /* without names the outlets are "Source N" */
            cr_expect(strstr(d->summary, "Source "), "%s", d->summary);
            for (size_t s = 0; s < d->n_sides; s++)
                cr_expect_lt(d->sides[s].member, c->al->groups[g].n_members);
        }
    }
    for (size_t i = 0; i < c->n_omissions; i++) {
        for (size_t k = 0; k < c->omissions[i].n_missing; k++) {
            size_t m = c->omissions[i].missing[k];
            cr_expect(m == 0 || m == 2, "a failed source is never missing a claim");
        }
    }
    cd_comparison_free(c);
    cd_doc_free((cd_doc *)docs[0]);
    cd_doc_free((cd_doc *)docs[2]);
}

Test(comparison, no_documents)
{
    cd_comparison *c = cd_compare(NULL, NULL, 0, NULL);
    cr_assert(c);
    cr_expect_eq(c->n_omissions, 0);
    cd_comparison_free(c);
    cd_comparison_free(NULL);
}

/* ------------------------------------------ the fixture story's answer key */

#include "fetch.h"

enum { MERIDIAN, KLAXON, VOICE, COURIER, KARSLAND };

static cd_source_set story;
static cd_comparison *cmp;

static void story_setup(void)
{
    char *args[] = {FIXTURES "/story/manifest.json"};
    cd_load_opts opts = {0};
    cd_sources_load(args, 1, NULL, 0, &opts, &story);
    cr_assert_eq(story.n, 5);
    const char *names[5];
    for (size_t i = 0; i < 5; i++) {
        cr_assert(story.docs[i], "%s", story.errors[i] ? story.errors[i] : "");
        names[i] = cd_doc_outlet(story.docs[i]);
    }
    cmp = cd_compare((const cd_doc *const *)story.docs, names, 5, NULL);
}

static void story_teardown(void)
{
    cd_comparison_free(cmp);
    cd_source_set_free(&story);
}

/* The sentence of document doc that contains s (white space squeezed). */
static size_t sentence_with(size_t doc, const char *s)
{
    const cd_doc *d = story.docs[doc];
    const char *text = cd_doc_text(d, NULL);
    for (size_t i = 0; i < cd_doc_sentence_count(d); i++) {
        const cd_sentence *se = cd_doc_sentence(d, i);
        cd_buf b = {0};
        for (size_t k = se->start; k < se->end; k++)
            cd_buf_putc(&b, text[k] == '\n' ? ' ' : text[k]);
        bool hit = b.data && strstr(b.data, s);
        cd_buf_free(&b);
        if (hit)
            return i;
    }
    cr_assert_fail("no sentence of document %zu holds '%s'", doc, s);
    return SIZE_MAX;
}

/* The divergence of kind k in the group holding both sentences, or NULL;
 * fails when no group holds both. */
static const cd_divergence *planted(size_t da, const char *sa, size_t db, const char *sb,
                                    cd_div_kind k)
{
    size_t ia = sentence_with(da, sa), ib = sentence_with(db, sb);
    for (size_t g = 0; g < cmp->al->n_groups; g++) {
        const cd_align_group *gr = &cmp->al->groups[g];
        bool a = false, b = false;
        for (size_t m = 0; m < gr->n_members; m++) {
            a |= gr->members[m].doc == da && gr->members[m].sent == ia;
            b |= gr->members[m].doc == db && gr->members[m].sent == ib;
        }
        if (!a || !b)
            continue;
        for (size_t i = 0; i < cmp->n_divs[g]; i++)
            if (cmp->divs[g][i].kind == k)
                return &cmp->divs[g][i];
        return NULL;
    }
    cr_assert_fail("'%s' and '%s' are in no group together", sa, sb);
    return NULL;
}

/* The divergence of kind k between two sentences compared on their own
 * (for claims the alignment does not group: the divergence rules are
 * tested, not the alignment). */
static cd_divergence pair_div;
static const cd_divergence *pair(size_t da, const char *sa, size_t db, const char *sb,
                                 cd_div_kind k)
{
    size_t is[2] = {sentence_with(da, sa), sentence_with(db, sb)}, ds[2] = {da, db};
    cd_member m[2];
    for (size_t i = 0; i < 2; i++) {
        const cd_doc *d = story.docs[ds[i]];
        const cd_sentence *se = cd_doc_sentence(d, is[i]);
        m[i] = (cd_member){cd_doc_text(d, NULL), {se->start, se->end},
                           cd_doc_token(d, se->tok_first), se->tok_count,
                           cd_analysis_sentence(cmp->analyses[ds[i]], is[i]),
                           cd_doc_outlet(d)};
    }
    cd_divergence *d;
    size_t n = cd_diverge(cmp->arena, m, 2, &d);
    for (size_t i = 0; i < n; i++)
        if (d[i].kind == k) {
            pair_div = d[i];
            return &pair_div;
        }
    return NULL;
}

TestSuite(story, .init = story_setup, .fini = story_teardown, .timeout = 60);

Test(story, warning_asserted_attributed_hedged_and_loaded)
{
    const cd_divergence *d = planted(MERIDIAN, "according to an inspection report seen by Meridian",
                                     KARSLAND, "Engineers may have warned", CD_DIV_FRAMING);
    cr_assert(d);
    cr_expect(strstr(d->summary, "Karsland Today hedges it"), "%s", d->summary);
    d = planted(KLAXON, "Engineers warned Calder Hydro about cracks", VOICE,
                "Engineers warned the notorious Calder Hydro", CD_DIV_LOADED);
    cr_assert(d);
    cr_expect(strstr(d->summary, "Free Veldria Voice uses loaded words (\"notorious\")"), "%s",
              d->summary);
}

Test(story, misquote_of_the_mayor)
{
    /* Meridian's quotation runs over two sentences; the Klaxon's one aligns
     * with the second */
    const cd_divergence *d = planted(MERIDIAN, "It did not last fifty", KLAXON,
                                     "We were told this dam would last", CD_DIV_QUOTE);
    cr_assert(d);
    cr_expect(strstr(d->summary, "Daily Klaxon's version"), "%s", d->summary);
}

Test(story, paraphrase_printed_as_a_quote)
{
    const cd_divergence *d = planted(MERIDIAN, "would not rule out criminal charges", VOICE,
                                     "We will not rule out criminal charges", CD_DIV_QUOTE);
    cr_assert(d);
    cr_expect(strstr(d->summary, "as a direct quotation; Meridian Wire gives it as a paraphrase"),
              "%s", d->summary);
}

Test(story, deaths_twelve_against_fourteen_and_the_day)
{
    /* Tuesday against Wednesday in the group of the first paragraphs */
    const cd_divergence *d = planted(MERIDIAN, "collapsed early on Tuesday", KARSLAND,
                                     "collapsed on Wednesday morning", CD_DIV_DATE);
    cr_assert(d);
    cr_expect(strstr(d->summary, "Karsland Today dates it \"Wednesday\""), "%s", d->summary);
    /* the Klaxon's 14 is not grouped with the others' 12 by the alignment
     * (and the Voice's "12 Veldrians" has another unit than "14 people") */
    d = pair(MERIDIAN, "killing at least 12 people", KLAXON, "At least 14 people were killed",
             CD_DIV_NUMBER);
    cr_assert(d);
    cr_expect(strstr(d->summary, "Daily Klaxon gives \"14"), "%s", d->summary);
}

Test(story, fund_two_point_three_against_three_point_two)
{
    /* not grouped by the alignment either */
    const cd_divergence *d = pair(COURIER, "has pledged a $2.3 billion reconstruction fund",
                                  KARSLAND, "has pledged $3.2 billion", CD_DIV_NUMBER);
    cr_assert(d);
    cr_expect(strstr(d->summary, "Karsland Today gives \"$3.2 billion\""), "%s", d->summary);
}

Test(story, omissions)
{
    /* the denial: every outlet but the Voice */
    size_t s = sentence_with(MERIDIAN, "Calder Hydro denied receiving any warning");
    bool found = false;
    for (size_t i = 0; i < cmp->n_omissions; i++) {
        const cd_omission *o = &cmp->omissions[i];
        bool has = false;
        for (size_t g = 0; o->group != SIZE_MAX && g < cmp->al->groups[o->group].n_members; g++)
            has |= cmp->al->groups[o->group].members[g].doc == MERIDIAN &&
                   cmp->al->groups[o->group].members[g].sent == s;
        if (!has)
            continue;
        found = true;
        cr_expect_eq(o->n_missing, 1);
        cr_expect_eq(o->missing[0], VOICE);
    }
    cr_expect(found, "the denial the Voice leaves out is no omission");
}

/* The omission of the group holding sentence s of document doc. */
static const cd_omission *omission_of(size_t doc, const char *text)
{
    size_t s = sentence_with(doc, text);
    for (size_t i = 0; i < cmp->n_omissions; i++) {
        const cd_omission *o = &cmp->omissions[i];
        if (o->group == SIZE_MAX)
            continue;
        const cd_align_group *g = &cmp->al->groups[o->group];
        for (size_t k = 0; k < g->n_members; k++)
            if (g->members[k].doc == doc && g->members[k].sent == s)
                return o;
    }
    return NULL;
}

Test(story, evacuation_left_out_by_klaxon_and_voice)
{
    const cd_omission *o = omission_of(MERIDIAN, "the evacuation of 3,400 residents");
    cr_assert(o);
    cr_assert_eq(o->n_missing, 2);
    cr_expect_eq(o->missing[0], KLAXON);
    cr_expect_eq(o->missing[1], VOICE);
    cr_expect_eq(o->n_present, 3);
}

Test(story, inspection_report_dates)
{
    /* Sept. 14 against Sept. 15: two different sentences about the report,
     * compared on their own */
    const cd_divergence *d = pair(MERIDIAN, "The report, dated Sept. 14, 2025", VOICE,
                                  "Sept. 15 inspection report", CD_DIV_DATE);
    cr_assert(d);
    cr_expect(strstr(d->summary, "\"Sept. 15\""), "%s", d->summary);
}
