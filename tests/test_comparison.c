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
