/* test_textclean.c — plain-text furniture removal (cd_textclean) and the
 * no-cleaning path (cd_text_keep_all).
 *
 * Three kinds of cases: the five real copied pages in SEEDS (skipped when
 * the directory is absent), checked line by line against the article lines
 * a reader would keep; small invented pages of other shapes; and the
 * invented story pages in FIXTURES/story, checked line by line against
 * their furniture.tsv. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch.h"

/* ------------------------------------------------------------ helpers */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    size_t r;
    while ((r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            b = realloc(b, cap *= 2);
    }
    fclose(f);
    *len = n;
    return b;
}

static cd_doc *clean(const char *text)
{
    cd_doc *d = cd_doc_new("test");
    cd_textclean(text, strlen(text), d);
    return d;
}

/* The paragraph whose text contains needle, or -1. */
static long para_with(const cd_doc *d, const char *needle)
{
    size_t len;
    const char *t = cd_doc_text(d, &len);
    for (size_t i = 0; i < cd_doc_paragraph_count(d); i++) {
        const cd_paragraph *p = cd_doc_paragraph(d, i);
        char *s = strndup(t + p->start, p->end - p->start);
        bool hit = strstr(s, needle) != NULL;
        free(s);
        if (hit)
            return (long)i;
    }
    return -1;
}

static bool kept(const cd_doc *d, const char *needle) { return para_with(d, needle) >= 0; }

/* The reason a line containing needle was dropped, or NULL. */
static const char *dropped(const cd_doc *d, const char *needle)
{
    for (size_t i = 0; i < cd_doc_dropped_count(d); i++) {
        const cd_dropped *x = cd_doc_dropped(d, i);
        if (strstr(x->text, needle))
            return x->reason;
    }
    return NULL;
}

static cd_para_kind kind_of(const cd_doc *d, const char *needle)
{
    long i = para_with(d, needle);
    cr_assert(i >= 0, "no paragraph with \"%s\"", needle);
    return cd_doc_paragraph(d, (size_t)i)->kind;
}

static void expect_kept(const cd_doc *d, const char *needle)
{
    cr_expect(kept(d, needle), "\"%s\" should be kept (dropped as %s)", needle,
              dropped(d, needle) ? dropped(d, needle) : "-");
    cr_expect(dropped(d, needle) == NULL, "\"%s\" is also dropped", needle);
}

static void expect_dropped(const cd_doc *d, const char *needle, const char *reason)
{
    const char *r = dropped(d, needle);
    cr_expect(r != NULL, "\"%s\" should be dropped", needle);
    cr_expect(!kept(d, needle), "\"%s\" should not be kept", needle);
    if (r && reason)
        cr_expect_str_eq(r, reason, "reason for \"%s\"", needle);
}

static void expect_meta(const char *got, const char *want, const char *what)
{
    if (!want) {
        cr_expect(got == NULL, "%s should be unset, is \"%s\"", what, got ? got : "");
        return;
    }
    cr_expect(got != NULL, "%s unset", what);
    if (got)
        cr_expect_str_eq(got, want, "%s", what);
}

/* Run a seed and check it line by line: the 1-based line numbers in keep
 * (0-terminated) must be kept, every other non-blank line dropped. */
static cd_doc *seed(const char *name, const size_t *keep)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", SEEDS, name);
    size_t len;
    char *text = slurp(path, &len);
    if (!text)
        cr_skip("seed %s not found", path);
    cd_doc *d = cd_doc_new(name);
    size_t n = cd_textclean(text, len, d);
    cr_assert(n > 0, "no paragraphs from %s", name);

    size_t dlen;
    const char *dtext = cd_doc_text(d, &dlen);
    char *dcopy = strndup(dtext, dlen);
    size_t no = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        no++;
        const char *a = p, *b = e;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        for (;;) { /* trailing spaces, including NBSP */
            if (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
                b--;
            else if (b - a >= 2 && (unsigned char)b[-2] == 0xC2 && (unsigned char)b[-1] == 0xA0)
                b -= 2;
            else
                break;
        }
        if (a < b) {
            bool want = false;
            for (const size_t *k = keep; *k; k++)
                if (*k == no)
                    want = true;
            bool was_dropped = false;
            for (size_t i = 0; i < cd_doc_dropped_count(d); i++)
                if (cd_doc_dropped(d, i)->line == no)
                    was_dropped = true;
            char *line = strndup(a, (size_t)(b - a));
            if (want) {
                cr_expect(!was_dropped, "%s:%zu dropped: %s", name, no, line);
                cr_expect(strstr(dcopy, line) != NULL, "%s:%zu not in text: %s", name, no, line);
            } else {
                cr_expect(was_dropped, "%s:%zu kept: %s", name, no, line);
            }
            free(line);
        }
        p = nl ? nl + 1 : end;
    }
    free(dcopy);
    free(text);
    return d;
}

/* ------------------------------------------------------------- seeds */

Test(textclean, seed_000_syndicated_with_poll_and_pleas)
{
    static const size_t keep[] = {1, 10, 12, 14, 16, 18, 20, 22, 0};
    cd_doc *d = seed("000_5d68d4618496290a.txt", keep);
    expect_meta(cd_doc_title(d), "Kim Jong Un Promises ‘Full Support And Solidarity’ To Putin",
                "title");
    cr_expect_eq(cd_doc_paragraph(d, 0)->kind, CD_PARA_TITLE);
    expect_dropped(d, "Post category", "navigation");
    expect_dropped(d, "Get Your Patriot911 Newsletter", "subscription plea");
    expect_dropped(d, "All content created by the Daily Caller", NULL);
    expect_dropped(d, "Is Biden the ultimate embarrassment", NULL);
    expect_dropped(d, "Share to break through", "share plea");
    expect_dropped(d, "JOIN US @NewRightNetwork", NULL);
    expect_dropped(d, "Donate now", NULL);
    /* the repeated headline */
    size_t reps = 0;
    for (size_t i = 0; i < cd_doc_dropped_count(d); i++)
        if (!strcmp(cd_doc_dropped(d, i)->reason, "repeat of title"))
            reps++;
    cr_expect_eq(reps, 1);
    expect_kept(d, "reliably defend global peace and security, Kim said.");
    cd_doc_free(d);
}

Test(textclean, seed_001_byline_and_most_popular)
{
    static const size_t keep[] = {10, 15, 17, 19, 21, 23, 25, 27, 0};
    cd_doc *d = seed("001_bf6c218cee400842.txt", keep);
    expect_meta(cd_doc_title(d),
                "North Korea’s Kim pledges ‘full support and solidarity’ to Putin on "
                "Russia’s National Day",
                "title");
    expect_meta(cd_doc_byline(d), "Julia Mueller", "byline");
    expect_meta(cd_doc_published(d), "2023-06-12", "published");
    expect_dropped(d, "by Julia Mueller - 06/12/23", "byline");
    expect_dropped(d, "Tags KCNA", "tag list");
    expect_dropped(d, "Copyright 2023 Nexstar", "copyright notice");
    expect_dropped(d, "Senate GOP leaders break with House", NULL);
    expect_dropped(d, "View all Load more", NULL);
    expect_dropped(d, "International", NULL);
    cd_doc_free(d);
}

Test(textclean, seed_002_short_sentences_kept)
{
    static const size_t keep[] = {1,  3,  5,  7,  9,  11, 13, 15, 17, 19, 21, 23, 25,
                                  28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 0};
    cd_doc *d = seed("002_15bf15f32fefbb86.txt", keep);
    expect_meta(cd_doc_title(d),
                "Kim Jong Un Pledges Full Support To Russia During Summit With Putin", "title");
    expect_kept(d, "Russia recognized Korea.");
    expect_kept(d, "Kim promised to support Russia.");
    expect_kept(d, "Our meeting is taking place at a very special time – Putin.");
    expect_kept(d, "Get insights into their discussions");
    expect_dropped(d, "Leave a Reply", "comment prompt");
    expect_dropped(d, "Required fields are marked", "comment prompt");
    expect_dropped(d, "Copyright © 2023 ANN", "copyright notice");
    cd_doc_free(d);
}

Test(textclean, seed_003_teasers_after_view_all)
{
    static const size_t keep[] = {1, 3, 5, 7, 9, 11, 13, 15, 17, 0};
    cd_doc *d = seed("003_19fe8ba06b74387d.txt", keep);
    expect_meta(cd_doc_title(d),
                "Kim Jong Un declares full support of Putin during his ‘sacred fight’ before "
                "meeting about military alliances",
                "title");
    expect_meta(cd_doc_byline(d), NULL, "byline");
    expect_dropped(d, "Image: Title: Putin Kim", "caption");
    expect_dropped(d, "View All", NULL);
    expect_dropped(d, "KENNY CODY", NULL);
    expect_dropped(d, "New Zealand left-wing MP suddenly collapses", NULL);
    expect_dropped(d, "uncomfortable with the policy decision", "teaser");
    cd_doc_free(d);
}

Test(textclean, seed_004_caption_with_credit)
{
    static const size_t keep[] = {3, 8, 10, 12, 14, 16, 18, 20, 22, 24, 0};
    cd_doc *d = seed("004_ae06e5a4024a491a.txt", keep);
    expect_meta(cd_doc_title(d),
                "N. Korean leader voices 'firm support' in his message to Putin over Victory Day",
                "title");
    expect_meta(cd_doc_published(d), NULL, "published");
    expect_dropped(d, "shake hands during a meeting", "caption");
    expect_dropped(d, "Back To Top", "navigation");
    expect_dropped(d, "MOST POPULAR", NULL);
    expect_dropped(d, "subscribe", NULL);
    /* the in-body credit of the last paragraph is article text */
    expect_kept(d, "Vostochny spaceport. (Yonhap)");
    cd_doc_free(d);
}

/* ----------------------------------------------------- invented pages */

Test(textclean, hard_wrapped_article_with_comments)
{
    cd_doc *d = clean(
        "City council approves new budget after long debate\n"
        "\n"
        "By Maria Lopez and Sam O'Neil, Staff Writers\n"
        "Published March 3, 2024\n"
        "\n"
        "The city council voted 7-2 on Tuesday night to approve a $1.2 billion\n"
        "budget for the coming fiscal year, ending weeks of debate over police\n"
        "funding, road repairs and the future of the downtown library.\n"
        "\n"
        "Council member James Ortiz, who voted against the plan, said the\n"
        "budget \"leaves our neighborhoods behind\" and called for more money\n"
        "for parks. The budget takes effect on July 1.\n"
        "\n"
        "Mayor Ellen Park said she would sign the measure on Friday.\n"
        "\n"
        "Tags: budget, city council, Ellen Park\n"
        "\n"
        "Leave a comment\n"
        "\n"
        "Bob123 says:\n"
        "This is the worst council we have ever had and they should all resign before "
        "the next election, honestly.\n");
    expect_meta(cd_doc_title(d), "City council approves new budget after long debate", "title");
    expect_meta(cd_doc_byline(d), "Maria Lopez and Sam O'Neil", "byline");
    expect_meta(cd_doc_published(d), "2024-03-03", "published");
    /* title + three paragraphs; the wrapped lines stay together */
    cr_expect_eq(cd_doc_paragraph_count(d), 4);
    long p = para_with(d, "budget for the coming fiscal year");
    cr_expect_eq(p, para_with(d, "The city council voted 7-2"));
    expect_kept(d, "Mayor Ellen Park said she would sign the measure on Friday.");
    expect_dropped(d, "Tags: budget", "tag list");
    expect_dropped(d, "Leave a comment", "comment prompt");
    expect_dropped(d, "worst council", NULL);
    expect_dropped(d, "Published March 3, 2024", "date");
    cd_doc_free(d);
}

static const char *storm =
    "Home | World | Business | Climate\n"
    "\n"
    "Storm knocks out power to thousands across the coast\n"
    "\n"
    "Updated: 10:42 AM EST, Sat January 13, 2024\n"
    "\n"
    "Share on Facebook\n"
    "Share on Twitter\n"
    "\n"
    "A powerful winter storm swept across the coast on Friday, knocking out power to "
    "more than 200,000 homes and businesses, utility officials said.\n"
    "\n"
    "Read more: How to prepare your home for a winter storm\n"
    "\n"
    "The utility said crews were working through the night and listed three "
    "priorities for the weekend:\n"
    "\n"
    "1. Restore power to hospitals and emergency shelters.\n"
    "2. Clear fallen trees from major roads.\n"
    "3. Reconnect residential neighborhoods.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "Officials urged residents to stay off the roads until the snow stops. The "
    "governor declined to comment on whether the state would request federal aid.\n"
    "\n"
    "Shares of the utility fell 3% in morning trading.\n"
    "\n"
    "Power lines down\n"
    "\n"
    "Crews from three neighboring states arrived on Saturday morning to help restore "
    "service, according to a statement from the company.\n"
    "\n"
    "The storm is expected to move out to sea by Sunday, forecasters said.\n"
    "He did not elaborate.\n"
    "\n"
    "Related stories\n"
    "Winter storm watch issued for the region\n"
    "Schools closed as snow piles up\n"
    "What to know about power outages\n"
    "\n"
    "Sign up for our newsletter\n"
    "© 2024 Coastal Media Group. All rights reserved.\n";

Test(textclean, read_more_list_and_related_stories)
{
    cd_doc *d = clean(storm);
    expect_meta(cd_doc_title(d), "Storm knocks out power to thousands across the coast", "title");
    expect_meta(cd_doc_published(d), "2024-01-13", "published");
    expect_dropped(d, "Home | World", "navigation");
    expect_dropped(d, "Share on Facebook", "share plea");
    expect_dropped(d, "Read more: How to prepare", NULL);
    expect_dropped(d, "Advertisement", "advertisement");
    /* the numbered list inside the body is one list paragraph */
    expect_kept(d, "1. Restore power to hospitals");
    expect_kept(d, "3. Reconnect residential neighborhoods.");
    cr_expect_eq(kind_of(d, "2. Clear fallen trees"), CD_PARA_LIST);
    cr_expect_eq(para_with(d, "1. Restore"), para_with(d, "3. Reconnect"));
    expect_kept(d, "listed three priorities for the weekend:");
    cr_expect_eq(kind_of(d, "listed three priorities"), CD_PARA_BODY);
    /* one cue word in an article sentence does not drop it */
    expect_kept(d, "The governor declined to comment");
    expect_kept(d, "Shares of the utility fell 3% in morning trading.");
    expect_kept(d, "Power lines down");
    cr_expect_eq(kind_of(d, "Power lines down"), CD_PARA_HEADING);
    /* the closing short sentence, adjacent to the last paragraph */
    expect_kept(d, "He did not elaborate.");
    cr_expect_eq(para_with(d, "He did not elaborate."), para_with(d, "move out to sea"));
    expect_dropped(d, "Related stories", "list of other stories");
    expect_dropped(d, "Schools closed as snow piles up", "list of other stories");
    expect_dropped(d, "What to know about power outages", "list of other stories");
    expect_dropped(d, "Sign up for our newsletter", "subscription plea");
    expect_dropped(d, "Coastal Media Group", "copyright notice");
    cd_doc_free(d);
}

Test(textclean, paragraphs_and_line_numbers)
{
    cd_doc *d = clean(storm);
    /* title first, then the body in input order */
    const cd_paragraph *p0 = cd_doc_paragraph(d, 0);
    cr_expect_eq(p0->kind, CD_PARA_TITLE);
    cr_expect_eq(p0->line, 3);
    long first = para_with(d, "A powerful winter storm");
    cr_expect_eq(first, 1);
    cr_expect_eq(cd_doc_paragraph(d, (size_t)first)->line, 10);
    /* every non-blank line is either kept or dropped, never both */
    size_t lines = 0;
    for (const char *p = storm; *p;) {
        const char *nl = strchr(p, '\n');
        if (nl != p)
            lines++;
        p = nl + 1;
    }
    size_t kept_lines = 0;
    for (size_t i = 0; i < cd_doc_paragraph_count(d); i++) {
        size_t len;
        const char *t = cd_doc_text(d, &len);
        const cd_paragraph *p = cd_doc_paragraph(d, i);
        kept_lines++;
        for (size_t k = p->start; k < p->end; k++)
            if (t[k] == '\n')
                kept_lines++;
    }
    cr_expect_eq(kept_lines + cd_doc_dropped_count(d), lines);
    cd_doc_free(d);
}

Test(textclean, related_list_caption_and_final_short_sentence)
{
    cd_doc *d = clean(
        "WORLD NEWS\n"
        "\n"
        "Drought forces farmers to cull herds in northern region\n"
        "Sept. 13, 2023 · 4 min read\n"
        "\n"
        "Farmers across the northern region have begun selling off cattle as a two-year "
        "drought dries up pastures and drives feed prices to record highs, agriculture "
        "officials said on Wednesday.\n"
        "\n"
        "\"We have never seen anything like this,\" said rancher Tom Fuller, who has sold "
        "half of his 300 head since June. \"The grass is simply gone.\"\n"
        "\n"
        "A farmer looks at dry fields on Tuesday. (AP Photo/Jane Roe)\n"
        "\n"
        "The agriculture ministry said it would release emergency funds next week but "
        "gave no figure.\n"
        "\n"
        "He did not elaborate.\n"
        "\n"
        "Related Stories\n"
        "\n"
        "Wildfires spread as heat wave continues\n"
        "Officials warn of water restrictions this summer\n"
        "\n"
        "Most Read\n"
        "Celebrity chef opens new restaurant downtown\n");
    expect_meta(cd_doc_title(d), "Drought forces farmers to cull herds in northern region",
                "title");
    expect_meta(cd_doc_published(d), "2023-09-13", "published");
    expect_dropped(d, "WORLD NEWS", NULL);
    expect_dropped(d, "(AP Photo/Jane Roe)", "caption");
    expect_kept(d, "The grass is simply gone.");
    expect_kept(d, "He did not elaborate.");
    cr_expect_eq(kind_of(d, "He did not elaborate."), CD_PARA_BODY);
    expect_dropped(d, "Related Stories", "list of other stories");
    expect_dropped(d, "Wildfires spread as heat wave continues", "list of other stories");
    expect_dropped(d, "Celebrity chef", NULL);
    cd_doc_free(d);
}

Test(textclean, related_box_inside_the_body)
{
    cd_doc *d = clean(
        "Central bank raises interest rates for the third time this year\n"
        "\n"
        "The central bank raised its benchmark interest rate by a quarter point on "
        "Thursday, citing stubborn inflation in housing and services.\n"
        "\n"
        "Related\n"
        "Inflation eases slightly in May\n"
        "What higher rates mean for your mortgage\n"
        "\n"
        "The governor said further increases were possible if prices kept rising, "
        "but that the bank would watch the labour market closely.\n"
        "\n"
        "Economy | Markets | Housing\n"
        "\n"
        "Markets barely moved after the announcement, which analysts had widely "
        "expected since the last meeting in March.\n");
    expect_dropped(d, "Inflation eases slightly in May", "list of other stories");
    expect_dropped(d, "Economy | Markets | Housing", "navigation");
    expect_dropped(d, "What higher rates mean", "list of other stories");
    expect_kept(d, "The governor said further increases were possible");
    expect_kept(d, "Markets barely moved after the announcement");
    cd_doc_free(d);
}

Test(textclean, headline_and_teaser_pairs_after_the_body)
{
    cd_doc *d = clean(
        "Village school reopens after flood repairs\n"
        "\n"
        "The village primary school reopened on Monday, five months after floodwater "
        "damaged its classrooms, library and kitchen, the county council said.\n"
        "\n"
        "Parents lined the street to welcome back about 120 pupils. The head teacher "
        "thanked volunteers who helped clean the building over the summer.\n"
        "\n"
        "More Stories\n"
        "\n"
        "Fire destroys historic church in nearby town\n"
        "Firefighters battled the blaze for six hours before bringing it under control "
        "early on Sunday morning.\n"
        "\n"
        "Council votes to close library branch\n"
        "The decision was made after a heated debate that lasted well into the night on "
        "Thursday.\n");
    expect_kept(d, "The head teacher thanked volunteers");
    expect_dropped(d, "More Stories", "list of other stories");
    expect_dropped(d, "Fire destroys historic church", "list of other stories");
    expect_dropped(d, "Firefighters battled the blaze", "list of other stories");
    expect_dropped(d, "The decision was made after a heated debate", "list of other stories");
    cd_doc_free(d);
}

Test(textclean, standfirst_author_line_and_footer)
{
    cd_doc *d = clean(
        "We use cookies to improve your experience on our site. By continuing to browse, "
        "you agree to our use of cookies and our Privacy Policy.\n"
        "Accept\n"
        "\n"
        "Politics\n"
        "\n"
        "Senate passes bipartisan infrastructure bill in late-night vote\n"
        "The measure now heads to the House, where its fate is uncertain\n"
        "Jane Doe\n"
        "Wed 14 Jun 2023 21.05 BST\n"
        "\n"
        "The Senate on Wednesday passed a $550 billion infrastructure package with "
        "support from both parties, a rare moment of agreement in a deeply divided "
        "Congress.\n"
        "\n"
        "Photo: Getty Images\n"
        "\n"
        "ADVERTISEMENT\n"
        "\n"
        "\"This is what it looks like when we work together,\" the majority leader told "
        "reporters after the vote, which passed 69 to 30.\n"
        "Story continues below advertisement\n"
        "\n"
        "The bill includes money for roads, bridges, rail and broadband, and it would be "
        "paid for in part by unspent pandemic relief funds.\n"
        "\n"
        "Critics said the package did too little to address climate change.\n"
        "\n"
        "Jane Doe is a political reporter based in Washington. Follow her on Twitter "
        "@janedoe.\n"
        "\n"
        "Share this article\n"
        "Facebook Twitter LinkedIn Email\n"
        "\n"
        "Comments (12)\n");
    expect_meta(cd_doc_title(d), "Senate passes bipartisan infrastructure bill in late-night vote",
                "title");
    expect_meta(cd_doc_byline(d), "Jane Doe", "byline");
    expect_meta(cd_doc_published(d), "2023-06-14", "published");
    expect_dropped(d, "We use cookies", "legal notice");
    expect_kept(d, "The measure now heads to the House");
    expect_dropped(d, "Photo: Getty Images", "caption");
    expect_dropped(d, "ADVERTISEMENT", "advertisement");
    expect_dropped(d, "Story continues below", "advertisement");
    expect_kept(d, "the majority leader told reporters");
    expect_kept(d, "Critics said the package did too little");
    expect_dropped(d, "is a political reporter based in Washington", NULL);
    expect_dropped(d, "Share this article", "share plea");
    expect_dropped(d, "Facebook Twitter LinkedIn Email", NULL);
    expect_dropped(d, "Comments (12)", "comment prompt");
    cd_doc_free(d);
}

/* The same three paragraphs under different page headers. */
static cd_doc *with_body(const char *head)
{
    static const char body[] =
        "\n"
        "The ferry service between Lindholm and the mainland resumed on Sunday after a "
        "storm closed the harbour for three days, the operator said.\n"
        "\n"
        "About 400 passengers crossed on the first sailing, and extra departures were "
        "added for Monday morning, a spokeswoman for the operator said.\n"
        "\n"
        "Harbour officials said repairs to the damaged pontoon would take at least two "
        "weeks, but that the timetable would not change in the meantime.\n";
    size_t n = strlen(head) + sizeof body;
    char *text = malloc(n);
    snprintf(text, n, "%s%s", head, body);
    cd_doc *d = clean(text);
    free(text);
    return d;
}

Test(textclean, caption_with_slash_credit)
{
    cd_doc *d = clean(
        "Harbour Gazette\n"
        "News | Local | Sport\n"
        "\n"
        "Ferry service resumes after three-day storm closure\n"
        "\n"
        "By Tomas Vik\n"
        "June 9, 2025 7:40 AM\n"
        "\n"
        "Passengers board the first ferry to leave Lindholm harbour after the storm, "
        "June 8, 2025. Ida Berg/Harbour Gazette\n"
        "\n"
        "The ferry service between Lindholm and the mainland resumed on Sunday after a "
        "storm closed the harbour for three days, the operator said.\n"
        "\n"
        "About 400 passengers crossed on the first ferry, and extra sailings were added "
        "for Monday morning, a spokeswoman for the operator said.\n"
        "\n"
        "A crane lifts a damaged pontoon out of the water on Saturday. Northwind "
        "Images/Per Sand\n"
        "\n"
        "Harbour officials said repairs to the damaged pontoon would take at least two "
        "weeks, but that the service would run as normal in the meantime.\n"
        "\n"
        "Workers clear debris from the pier in Lindholm on Saturday. Getty Images\n"
        "\n"
        "The operator said sailings on the Lindholm/Vassby route would follow the summer "
        "timetable from next week.\n"
        "\n"
        "The storm brought gusts of up to 120 km/h to the coast and cut power to 6,000 "
        "homes, the weather service said.\n");
    expect_meta(cd_doc_title(d), "Ferry service resumes after three-day storm closure", "title");
    expect_dropped(d, "Ida Berg/Harbour Gazette", "caption");
    expect_dropped(d, "A crane lifts a damaged pontoon", "caption");
    expect_dropped(d, "Workers clear debris", "caption");
    expect_kept(d, "About 400 passengers crossed");
    expect_kept(d, "Lindholm/Vassby route");
    expect_kept(d, "120 km/h");
    cd_doc_free(d);
}

Test(textclean, headline_above_byline_beats_line_below)
{
    /* The line under the byline shares more words with the body, but the
     * headline stands above the byline. */
    cd_doc *d = clean(
        "Lindholm council approves new harbour wall\n"
        "\n"
        "By Sara Holm\n"
        "Published 3 May 2025\n"
        "\n"
        "Council members vote on the new harbour wall plan for Lindholm at the town hall "
        "on Tuesday evening\n"
        "\n"
        "Lindholm council members voted on Tuesday evening to build a new harbour wall, "
        "ending a plan debate that had lasted two years.\n"
        "\n"
        "The vote at the town hall was 9 to 2. The wall will cost about 14 million "
        "crowns and should be finished in 2027, the council said.\n");
    expect_meta(cd_doc_title(d), "Lindholm council approves new harbour wall", "title");
    expect_meta(cd_doc_byline(d), "Sara Holm", "byline");
    expect_kept(d, "The vote at the town hall was 9 to 2.");
    cd_doc_free(d);
}

Test(textclean, one_headline_shaped_standfirst)
{
    /* A list of other stories (label, headline, date) between the title and
     * the body: at most one headline-shaped line there is a standfirst. */
    cd_doc *d = clean(
        "Lindholm ferry timetable changes from June\n"
        "\n"
        "MORE STORIES LIKE THIS\n"
        "\n"
        "LOCAL NEWS\n"
        "\n"
        "Ferry operator hires twenty new crew members\n"
        "\n"
        "May 2, 2025\n"
        "\n"
        "LOCAL NEWS\n"
        "\n"
        "New ferry terminal opens in Lindholm harbour\n"
        "\n"
        "April 28, 2025\n"
        "\n"
        "LOCAL NEWS\n"
        "\n"
        "Bigger boats planned for the Lindholm crossing\n"
        "\n"
        "March 3, 2025\n"
        "\n"
        "The ferry timetable between Lindholm and the mainland changes from the first "
        "week of June, with the first departure moved to 5:40 in the morning.\n"
        "\n"
        "The operator said the changes follow a survey of commuters, most of whom asked "
        "for an earlier first ferry and a later last one.\n");
    expect_meta(cd_doc_title(d), "Lindholm ferry timetable changes from June", "title");
    expect_dropped(d, "New ferry terminal opens in Lindholm harbour", NULL);
    expect_dropped(d, "Ferry operator hires twenty", NULL);
    expect_kept(d, "The operator said the changes follow a survey");
    cd_doc_free(d);
}

Test(textclean, date_line_with_relative_update)
{
    cd_doc *d = with_body("Ferry service resumes after storm closure\n"
                          "By Tomas Vik\n"
                          "June 12, 2025 8:30 AM ET Updated 3 hours ago\n");
    expect_meta(cd_doc_published(d), "2025-06-12", "published");
    expect_dropped(d, "Updated 3 hours ago", "date");
    cd_doc_free(d);
}

Test(textclean, byline_name_ends_before_job_title_and_paper)
{
    static const char *const cases[][2] = {
        {"By PETRA LIND Gazette staff writer", "PETRA LIND"},
        {"By Omar Haddad Herald Staff Writer", "Omar Haddad"},
        {"By JONAS REEVE Evening Star", "JONAS REEVE"},
        {"By Lena Fors, Senior Correspondent", "Lena Fors"},
        {"By Mary Ann Okafor", "Mary Ann Okafor"},
        {"By Ines de la Cruz and Paul Berg", "Ines de la Cruz and Paul Berg"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char head[256];
        snprintf(head, sizeof head, "Ferry service resumes after storm closure\n%s\n", cases[i][0]);
        cd_doc *d = with_body(head);
        expect_meta(cd_doc_byline(d), cases[i][1], "byline");
        expect_dropped(d, cases[i][0] + 3, "byline");
        cd_doc_free(d);
    }
}

Test(textclean, donation_plea_and_article_mentions)
{
    cd_doc *d = clean(
        "Orchard town raises money for flooded school\n"
        "\n"
        "By Nils Aho\n"
        "\n"
        "Parents in the orchard town of Vassby have raised 80,000 crowns to repair the "
        "primary school that flooded last month, the head teacher said.\n"
        "\n"
        "The library received a donation of 300 books from a retired teacher, and "
        "organisers asked residents to chip in for a new roof on the sports hall.\n"
        "\n"
        "Classes will move back into the building in September, the council said.\n"
        "\n"
        "Local reporting costs money, and independent journalism isn't free. Chip in $10 "
        "today to keep our newsroom going.\n"
        "DONATE\n"
        "\n"
        "Please support our journalism with a monthly gift.\n"
        "\n"
        "Comments (3)\n");
    expect_kept(d, "received a donation of 300 books");
    expect_kept(d, "Classes will move back");
    expect_dropped(d, "Local reporting costs money", "donation plea");
    expect_dropped(d, "DONATE", "donation plea");
    expect_dropped(d, "Please support our journalism", "donation plea");
    cd_doc_free(d);
}

Test(textclean, newsletter_plea_and_article_mentions)
{
    cd_doc *d = clean(
        "Police warn of fake parcel invoices\n"
        "\n"
        "By Ada Quill\n"
        "\n"
        "Get the Morning Memo delivered to your inbox — it's free!\n"
        "\n"
        "Police in Vassby have warned residents about fake invoices that claim to come "
        "from a parcel delivery company.\n"
        "\n"
        "Officers said the fake invoice may land in your inbox disguised as a delivery "
        "notice, and urged people not to open the attachment.\n"
        "\n"
        "The council's weekly newsletter repeated the warning on Monday, a spokesman for "
        "the town said.\n");
    expect_meta(cd_doc_title(d), "Police warn of fake parcel invoices", "title");
    expect_dropped(d, "Get the Morning Memo", "subscription plea");
    expect_kept(d, "may land in your inbox");
    expect_kept(d, "weekly newsletter repeated the warning");
    cd_doc_free(d);
}

Test(textclean, follow_plea_and_reuse_notices)
{
    cd_doc *d = clean(
        "Sea wall holds as autumn storm hits coast\n"
        "\n"
        "By Tomas Vik\n"
        "\n"
        "The new sea wall in Lindholm held back waves of up to four metres during the "
        "first autumn storm on Monday night, engineers said.\n"
        "\n"
        "Follow the Lindholm Ledger on Instagram and Bluesky\n"
        "\n"
        "Follow-up inspections on Tuesday found no damage to the wall, and the coast "
        "road reopened at noon, the road authority said.\n"
        "\n"
        "The museum said its storm photographs may not be copied without its written "
        "permission, a rule that some local historians called outdated.\n"
        "\n"
        "The wall cost 14 million crowns and was finished in August after two years of "
        "work, the council said.\n"
        "\n"
        "Use of materials is permitted only with an active hyperlink to the source.\n"
        "This article may not be copied without written permission.\n"
        "\n"
        "More stories\n");
    expect_dropped(d, "Follow the Lindholm Ledger", "social media plea");
    expect_kept(d, "Follow-up inspections on Tuesday");
    expect_kept(d, "photographs may not be copied");
    expect_kept(d, "The wall cost 14 million crowns");
    expect_dropped(d, "Use of materials is permitted", "copyright notice");
    expect_dropped(d, "This article may not be copied", "copyright notice");
    cd_doc_free(d);
}

/* The invented story pages in FIXTURES/story: every line listed in
 * furniture.tsv is dropped, every other non-blank line kept, and the first
 * of them is the title. */
Test(textclean, story_fixtures_match_furniture_tsv)
{
    size_t tlen;
    char *tsv = slurp(FIXTURES "/story/furniture.tsv", &tlen);
    cr_assert(tsv != NULL, "furniture.tsv not found");
    static const char *const files[] = {"daily-klaxon.txt", "free-veldria-voice.txt",
                                        "karsland-today.txt", "meridian-wire.txt",
                                        "portsmere-courier.txt"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/story/%s", FIXTURES, files[f]);
        size_t len;
        char *text = slurp(path, &len);
        cr_assert(text != NULL, "%s not found", path);
        /* the non-blank lines, and which of them are furniture */
        size_t nlines = 1;
        for (size_t i = 0; i < len; i++)
            nlines += text[i] == '\n';
        char *furn = calloc(nlines + 1, 1), *blank = calloc(nlines + 1, 1);
        size_t no = 1, start = 0;
        for (size_t i = 0; i <= len; i++) {
            if (i == len || text[i] == '\n') {
                bool empty = true;
                for (size_t k = start; k < i; k++)
                    if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r')
                        empty = false;
                blank[no] = empty;
                no++;
                start = i + 1;
            }
        }
        size_t fl = strlen(files[f]);
        for (const char *p = tsv; p && p < tsv + tlen;) {
            const char *nl = memchr(p, '\n', (size_t)(tsv + tlen - p));
            if ((size_t)(tsv + tlen - p) > fl + 1 && !memcmp(p, files[f], fl) && p[fl] == '\t') {
                size_t ln = strtoul(p + fl + 1, NULL, 10);
                if (ln >= 1 && ln <= nlines)
                    furn[ln] = 1;
            }
            p = nl ? nl + 1 : NULL;
        }
        size_t title_line = 0;
        for (size_t ln = 1; ln <= nlines && !title_line; ln++)
            if (!blank[ln] && !furn[ln])
                title_line = ln;

        cd_doc *d = cd_doc_new(files[f]);
        cr_assert(cd_textclean(text, len, d) > 0, "nothing kept from %s", files[f]);
        char *dropped_at = calloc(nlines + 1, 1);
        for (size_t i = 0; i < cd_doc_dropped_count(d); i++) {
            const cd_dropped *x = cd_doc_dropped(d, i);
            cr_assert(x->line >= 1 && x->line <= nlines);
            dropped_at[x->line] = 1;
            cr_expect(furn[x->line], "%s:%zu dropped as %s but is article text: %s", files[f],
                      x->line, x->reason, x->text);
        }
        for (size_t ln = 1; ln <= nlines; ln++)
            cr_expect(!furn[ln] || dropped_at[ln], "%s:%zu is furniture but kept", files[f], ln);
        const cd_paragraph *p0 = cd_doc_paragraph(d, 0);
        cr_expect(p0->kind == CD_PARA_TITLE && p0->line == title_line,
                  "%s: the title should come from line %zu", files[f], title_line);
        cd_doc_free(d);
        free(dropped_at);
        free(furn);
        free(blank);
        free(text);
    }
    free(tsv);
}

Test(textclean, article_without_title_or_blank_lines)
{
    cd_doc *d = clean(
        "A magnitude 6.1 earthquake struck the southern region early on Monday, the "
        "national seismology institute said.\n"
        "Buildings shook in the capital.\n"
        "No deaths have been reported so far, officials said.\n");
    cr_expect_eq(cd_doc_paragraph_count(d), 1);
    expect_kept(d, "Buildings shook in the capital.");
    cr_expect_eq(cd_doc_dropped_count(d), 0);
    expect_meta(cd_doc_title(d), NULL, "title");
    cd_doc_free(d);
}

Test(textclean, article_of_short_sentences)
{
    cd_doc *d = clean("Celebs\n"
                      "\n"
                      "Pop star spotted at airport after split\n"
                      "\n"
                      "The singer was seen at the airport on Sunday.\n"
                      "She wore a black hoodie and sunglasses.\n"
                      "Fans said she looked tired.\n"
                      "Her spokesperson did not reply.\n"
                      "\n"
                      "Most Shared\n"
                      "Royal wedding date revealed\n");
    expect_meta(cd_doc_title(d), "Pop star spotted at airport after split", "title");
    expect_kept(d, "The singer was seen at the airport on Sunday.");
    expect_kept(d, "Her spokesperson did not reply.");
    cr_expect_eq(para_with(d, "The singer"), para_with(d, "did not reply"));
    expect_dropped(d, "Most Shared", "list of other stories");
    expect_dropped(d, "Royal wedding date revealed", NULL);
    cd_doc_free(d);
}

Test(textclean, boilerplate_only_gives_nothing)
{
    cd_doc *d = clean("Skip to content\n"
                      "Menu\n"
                      "Subscribe\n"
                      "Sign in\n"
                      "\n"
                      "Most Popular\n"
                      "1. Senate passes sweeping bill\n"
                      "2. Markets rally on jobs data\n"
                      "\n"
                      "Your email address will not be published. Required fields are marked *\n"
                      "Follow us on Twitter\n"
                      "© 2024 Example News. All rights reserved.\n"
                      "Privacy Policy | Terms of Use\n");
    cr_expect_eq(cd_doc_paragraph_count(d), 0);
    cr_expect_eq(cd_doc_dropped_count(d), 0);
    expect_meta(cd_doc_title(d), NULL, "title");
    cd_doc_free(d);
}

Test(textclean, non_english_article)
{
    cd_doc *d = clean(
        "Menú\n"
        "\n"
        "El gobierno anuncia nuevas medidas contra la inflación\n"
        "\n"
        "El Gobierno aprobó este martes un paquete de medidas para contener la "
        "inflación, que incluye ayudas directas a las familias con menos ingresos.\n"
        "\n"
        "La ministra de Economía explicó en rueda de prensa que las medidas costarán "
        "unos 3.000 millones de euros y estarán vigentes hasta final de año.\n"
        "\n"
        "Los sindicatos valoraron el anuncio.\n");
    expect_kept(d, "El Gobierno aprobó este martes");
    expect_kept(d, "Los sindicatos valoraron el anuncio.");
    expect_meta(cd_doc_title(d), "El gobierno anuncia nuevas medidas contra la inflación", "title");
    expect_dropped(d, "Menú", NULL);
    cd_doc_free(d);
}

/* ------------------------------------------------------ hostile input */

Test(textclean, empty_and_blank)
{
    cd_doc *d = cd_doc_new("t");
    cr_expect_eq(cd_textclean("", 0, d), 0);
    cr_expect_eq(cd_textclean("\n\n  \n\t\n", 6, d), 0);
    cr_expect_eq(cd_doc_dropped_count(d), 0);
    cd_doc_free(d);
}

Test(textclean, one_huge_line_without_newline)
{
    const char *s = "The minister said the reform would be debated again next week. ";
    size_t sl = strlen(s), reps = 200000; /* ~13 MB */
    char *t = malloc(sl * reps + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(t + i * sl, s, sl);
    t[sl * reps] = '\0';
    cd_doc *d = cd_doc_new("t");
    clock_t c0 = clock();
    size_t n = cd_textclean(t, sl * reps, d);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    cr_expect_eq(n, 1);
    size_t len;
    cd_doc_text(d, &len);
    cr_expect_eq(len, sl * reps - 1); /* the trailing space is trimmed */
    cr_expect(secs < 10.0, "took %.1fs", secs);
    cd_doc_free(d);
    free(t);
}

Test(textclean, many_lines_of_furniture_and_article)
{
    cd_buf b = {0};
    for (int i = 0; i < 20000; i++)
        cd_buf_printf(&b, "Share on Facebook\nMost Popular\n%d. Story number %d ...\n\n", i, i);
    for (int i = 0; i < 20000; i++)
        cd_buf_printf(&b, "Officials said on Tuesday that the %dth report on the budget would be "
                          "published before the end of the year.\n\n", i);
    cd_doc *d = cd_doc_new("t");
    clock_t c0 = clock();
    size_t n = cd_textclean(b.data, b.len, d);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    cr_expect_eq(n, 20000);
    cr_expect_eq(cd_doc_dropped_count(d), 60000);
    cr_expect(secs < 10.0, "took %.1fs", secs);
    cd_doc_free(d);
    cd_buf_free(&b);
}

/* A made-up capitalised word for number i: "Bbbc", "Cbbc", ... */
static void made_up_word(unsigned i, char *out)
{
    static const char cons[] = "bcdfghjklmnpqrstvwxz";
    size_t l = 0;
    for (i += 26 * 26 * 26; i; i /= 20)
        out[l++] = cons[i % 20];
    out[l] = '\0';
    out[0] = (char)(out[0] - 'a' + 'A');
}

/* After the body, every "headline, then list item" pair asks whether the
 * headline names something the body talks about: that must not re-read
 * the body each time (it took ~20 s here). */
Test(textclean, many_headline_and_list_pairs_after_a_long_body)
{
    cd_buf b = {0};
    cd_buf_printf(&b, "Dam collapse floods the port city\n\n");
    for (int i = 0; i < 4000; i++)
        cd_buf_printf(&b, "Officials said on Tuesday that the %dth report on the dam would be "
                          "published before the end of the year.\n\n", i);
    for (unsigned i = 0; i < 4000; i++) {
        char w1[16], w2[16];
        made_up_word(2 * i, w1);
        made_up_word(2 * i + 1, w2);
        cd_buf_printf(&b, "%s %s\n- The %c%sa said it was there.\n", w1, w2,
                      w1[0] - 'A' + 'a', w1 + 1);
    }
    cd_doc *d = cd_doc_new("t");
    clock_t c0 = clock();
    size_t n = cd_textclean(b.data, b.len, d);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    cr_expect_eq(n, 4002); /* title, 4000 paragraphs, the pairs as one */
    cr_expect_eq(cd_doc_dropped_count(d), 0);
    cr_expect(secs < 2.0, "took %.2fs", secs);
    cd_doc_free(d);
    cd_buf_free(&b);
}

Test(textclean, line_cap_records_the_rest_once)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "Officials said on Tuesday that the report on the budget would be "
                    "published before the end of the year, ending months of delay.\n");
    for (int i = 0; i < 1000010; i++)
        cd_buf_puts(&b, "x y\n");
    cd_doc *d = cd_doc_new("t");
    size_t n = cd_textclean(b.data, b.len, d);
    cr_expect_eq(n, 1);
    size_t dn = cd_doc_dropped_count(d);
    cr_expect_eq(dn, 1000000); /* 999999 examined lines + one record for the rest */
    cr_expect_str_eq(cd_doc_dropped(d, dn - 1)->reason, "beyond line limit");
    cr_expect_eq(cd_doc_dropped(d, dn - 1)->line, 1000001);
    cr_expect_eq(cd_doc_warning_count(d), 1);
    cd_doc_free(d);
    cd_buf_free(&b);
}

Test(textclean, garbage_bytes_do_not_crash)
{
    unsigned char buf[20000];
    unsigned x = 12345;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            x = x * 1103515245u + 12345u;
            unsigned char c = (unsigned char)(x >> 16);
            /* plenty of newlines, spaces, punctuation and UTF-8 lead bytes */
            buf[i] = (c % 7 == 0) ? '\n' : (c % 5 == 0) ? ' ' : c;
        }
        cd_doc *d = cd_doc_new("t");
        cd_textclean((const char *)buf, sizeof buf, d);
        cd_doc_free(d);
    }
}

Test(textclean, non_ascii_everywhere)
{
    cd_doc *d = clean("🔥🔥🔥\n\n지나쌤 지나쌤\n\n"
                      "Ωμέγα «quoted» — dash… ellipsis\n\n"
                      "Der Bundestag hat am Donnerstag mit großer Mehrheit ein neues Gesetz "
                      "über die Förderung erneuerbarer Energien beschlossen, teilte die "
                      "Regierung mit.\n\n"
                      "\xC2\xA0\xC2\xA0\n");
    expect_kept(d, "Der Bundestag hat am Donnerstag");
    cd_doc_free(d);
}

/* -------------------------------------------------------- keep all */

Test(textclean, keep_all_blocks)
{
    const char *t = "Title line\n\nFirst para line one\nline two\n\n\n  \nShare on Facebook\n";
    cd_doc *d = cd_doc_new("t");
    size_t n = cd_text_keep_all(t, strlen(t), d);
    cr_expect_eq(n, 3);
    cr_expect_eq(cd_doc_paragraph_count(d), 3);
    cr_expect_eq(cd_doc_dropped_count(d), 0);
    size_t len;
    const char *text = cd_doc_text(d, &len);
    const cd_paragraph *p = cd_doc_paragraph(d, 1);
    cr_expect_eq(p->kind, CD_PARA_BODY);
    cr_expect_eq(p->line, 3);
    cr_expect_eq(p->end - p->start, strlen("First para line one\nline two"));
    cr_expect(strncmp(text + p->start, "First para line one\nline two", p->end - p->start) == 0);
    cr_expect_eq(cd_doc_paragraph(d, 2)->line, 8);
    cd_doc_free(d);
}

Test(textclean, keep_all_empty)
{
    cd_doc *d = cd_doc_new("t");
    cr_expect_eq(cd_text_keep_all("", 0, d), 0);
    cr_expect_eq(cd_text_keep_all("\n\n", 2, d), 0);
    cd_doc_free(d);
}
