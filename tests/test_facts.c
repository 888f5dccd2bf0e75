/* test_facts.c — numbers with units and magnitudes, dates (absolute and
 * relative, resolved against the publication date), named entities. */
#include <criterion/criterion.h>
#include <string.h>

#include "compare.h"

static cd_arena *arena;
static cd_tokenizer *tk;

static void setup(void)
{
    arena = cd_arena_new();
    tk = cd_tokenizer_new(arena);
}

static void teardown(void)
{
    cd_tokenizer_free(tk);
    cd_arena_free(arena);
}

TestSuite(facts, .init = setup, .fini = teardown);

static cd_sentence_info an_ctx(const char *s, cd_frame_ctx *ctx)
{
    cd_tokens t = {0};
    cd_tokenize(tk, s, 0, strlen(s), &t);
    cd_sentence_info in;
    cd_sentence_analyse(arena, s, (cd_range){0, strlen(s)}, t.v, t.n, ctx, &in);
    cd_tokens_free(&t);
    return in;
}

static cd_sentence_info an(const char *s)
{
    return an_ctx(s, NULL);
}

static cd_sentence_info an_pub(const char *s, const char *published)
{
    cd_frame_ctx ctx = {0};
    ctx.published = published;
    return an_ctx(s, &ctx);
}

static const cd_fact *find(const cd_fact *f, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].value, value) == 0)
            return &f[i];
    return NULL;
}

/* ---------------------------------------------------------------- numbers */

Test(facts, currency_with_magnitude)
{
    cd_sentence_info in = an("The deal is worth $1.5 billion.");
    cr_assert_eq(in.n_numbers, 1);
    cr_assert_str_eq(in.numbers[0].text, "$1.5 billion");
    cr_assert_str_eq(in.numbers[0].value, "1500000000 usd");
    cr_assert_str_eq(in.numbers[0].unit, "usd");
    cd_sentence_info b = an("Seoul paid 1.5bn dollars, not $35,000,000.");
    cr_assert_not_null(find(b.numbers, b.n_numbers, "35000000 usd"));
    cr_assert_not_null(find(b.numbers, b.n_numbers, "1500000000 dollars"));
}

Test(facts, vague_magnitude_with_unit)
{
    cd_sentence_info in = an("Russia purchased millions of artillery shells and rockets.");
    cr_assert_eq(in.n_numbers, 1);
    cr_assert_str_eq(in.numbers[0].text, "millions of artillery shells");
    cr_assert_str_eq(in.numbers[0].value, "millions shells");
    cr_assert_str_eq(in.numbers[0].unit, "shells");
}

Test(facts, spelled_and_counted)
{
    cd_sentence_info in = an("Two million shells and 3 million rockets were sent.");
    cr_assert_not_null(find(in.numbers, in.n_numbers, "2000000 shells"));
    cr_assert_not_null(find(in.numbers, in.n_numbers, "3000000 rockets"));
}

Test(facts, hyphen_unit_and_ordinal)
{
    cd_sentence_info in = an("Putin extended his 24-year rule on the 79th anniversary.");
    const cd_fact *r = find(in.numbers, in.n_numbers, "24 year");
    cr_assert_not_null(r);
    cr_assert_str_eq(r->unit, "year");
    const cd_fact *o = find(in.numbers, in.n_numbers, "79th anniversary");
    cr_assert_not_null(o);
    cr_assert_str_eq(o->text, "79th anniversary");
}

Test(facts, percent)
{
    cd_sentence_info a = an("Prices rose 10% last month."), b = an("Prices rose 10 percent.");
    cr_assert_not_null(find(a.numbers, a.n_numbers, "10 %"));
    cr_assert_not_null(find(b.numbers, b.n_numbers, "10 %"));
}

Test(facts, years_are_dates_not_numbers)
{
    cd_sentence_info in = an("They met in 2019 and again in the 1990s.");
    cr_assert_eq(in.n_numbers, 0);
    cr_assert_not_null(find(in.dates, in.n_dates, "2019"));
    cr_assert_not_null(find(in.dates, in.n_dates, "1990s"));
}

Test(facts, one_alone_is_no_number)
{
    cd_sentence_info in = an("One of the officials left.");
    cr_assert_eq(in.n_numbers, 0);
}

/* ------------------------------------------------------------------ dates */

Test(facts, month_day_resolved_with_publication_year)
{
    cd_sentence_info in = an_pub("They shook hands on Sept. 13 at the cosmodrome.", "2023-09-14");
    cr_assert_eq(in.n_dates, 1);
    cr_assert_str_eq(in.dates[0].text, "Sept. 13");
    cr_assert_str_eq(in.dates[0].value, "2023-09-13");
    cd_sentence_info u = an("They shook hands on Sept. 13 at the cosmodrome.");
    cr_assert_str_eq(u.dates[0].value, "09-13");
}

Test(facts, full_dates)
{
    cd_sentence_info a = an("It happened on September 13, 2023.");
    cr_assert_str_eq(a.dates[0].value, "2023-09-13");
    cd_sentence_info b = an("It happened on 13 September 2023.");
    cr_assert_str_eq(b.dates[0].value, "2023-09-13");
    cd_sentence_info c = an("In September 2022, Russia bought shells.");
    cr_assert_str_eq(c.dates[0].value, "2022-09");
}

Test(facts, weekday_resolved)
{
    /* 2023-09-14 was a Thursday */
    cd_sentence_info in = an_pub("State media reported on Monday that Kim left.", "2023-09-14");
    cr_assert_str_eq(in.dates[0].value, "2023-09-11");
    cd_sentence_info t = an_pub("The summit opened Thursday.", "2023-09-14");
    cr_assert_str_eq(t.dates[0].value, "2023-09-14");
    cd_sentence_info u = an("State media reported on Monday that Kim left.");
    cr_assert_str_eq(u.dates[0].value, "monday");
}

Test(facts, relative_dates)
{
    cd_sentence_info a = an_pub("They met in September last year.", "2024-05-09");
    cr_assert_not_null(find(a.dates, a.n_dates, "2023"));
    cd_sentence_info b = an_pub("He arrived yesterday.", "2024-03-01");
    cr_assert_str_eq(b.dates[0].value, "2024-02-29");
    cd_sentence_info c = an_pub("Earlier this week, he sent a message.", "2024-05-09");
    cr_assert_str_eq(c.dates[0].value, "week of 2024-05-06");
    cr_assert_str_eq(c.dates[0].text, "Earlier this week");
    cd_sentence_info d = an_pub("It was reported in March of this year.", "2023-06-12");
    cr_assert_not_null(find(d.dates, d.n_dates, "2023-03"));
}

Test(facts, may_is_a_month_only_in_context)
{
    cd_sentence_info a = an("The talks may resume.");
    cr_assert_eq(a.n_dates, 0);
    cd_sentence_info b = an("Victory Day falls on May 9.");
    cr_assert_eq(b.n_dates, 1);
    cr_assert_str_eq(b.dates[0].value, "05-09");
}

/* --------------------------------------------------------------- entities */

Test(facts, spelling_variants_normalise)
{
    cd_sentence_info a = an("Leader Kim Jong Un arrived."), b = an("Leader Kim Jong-un arrived.");
    cr_assert_not_null(find(a.entities, a.n_entities, "kim jong un"));
    cr_assert_not_null(find(b.entities, b.n_entities, "kim jong un"));
    cd_sentence_info c = an("The letter reached Kim Jong-un's office.");
    const cd_fact *k = find(c.entities, c.n_entities, "kim jong un");
    cr_assert_not_null(k);
    cr_assert_str_eq(k->text, "Kim Jong-un");
}

Test(facts, titles_are_not_the_name)
{
    cd_sentence_info in = an("He met Russian President Vladimir Putin in the east.");
    cr_assert_not_null(find(in.entities, in.n_entities, "vladimir putin"));
}

Test(facts, short_name_in_context)
{
    cd_frame_ctx ctx = {0};
    an_ctx("North Korean leader Kim Jong Un met Vladimir Putin.", &ctx);
    cd_sentence_info in = an_ctx("Later, Kim thanked Putin for the visit.", &ctx);
    cr_assert_not_null(find(in.entities, in.n_entities, "kim jong un"));
    cr_assert_not_null(find(in.entities, in.n_entities, "vladimir putin"));
    /* an acronym is not a short name */
    an_ctx("The US News desk reported it.", &ctx);
    cd_sentence_info u = an_ctx("Officials in the U.S. were alarmed.", &ctx);
    cr_assert_not_null(find(u.entities, u.n_entities, "us"));
}

Test(facts, sentence_initial_capital_is_no_name)
{
    cd_sentence_info in = an("Officials met in Seoul.");
    cr_assert_null(find(in.entities, in.n_entities, "officials"));
    cr_assert_not_null(find(in.entities, in.n_entities, "seoul"));
}

Test(facts, hostile_inputs)
{
    an("$ $$ 1,,,, .5bn 99999999999999999999999999999 billion billion billion");
    an("May May May 31st 32nd Sept. Sept. 0 0000 -1 1e999");
    an_pub("Monday Tuesday yesterday tomorrow last year next week", "0000-00-00");
    an_pub("Monday", "garbage");
    cd_buf b = {0};
    for (int i = 0; i < 3000; i++)
        cd_buf_puts(&b, "Kim 5 May ");
    cd_sentence_info big = an(b.data);
    cr_assert_leq(big.n_numbers, 64);
    cr_assert_leq(big.n_dates, 64);
    cr_assert_leq(big.n_entities, 64);
    cd_buf_free(&b);
}

Test(facts, unit_without_possessive)
{
    cd_sentence_info in = an("It strengthens the two country's growing alliance.");
    cr_assert_not_null(find(in.numbers, in.n_numbers, "2 country"));
}

/* Figures written in the many ways news copy writes them (each found
 * misread among MSRP's equivalent pairs). */
Test(facts, numbers_written_in_many_ways)
{
    static const char *const cases[][2] = {
        {"Fifty-seven senators voted for it.", "57 senators"},
        {"Twenty-eight people were there.", "28 people"},
        {"Bremer will launch a $70-million program.", "70000000 usd"},
        {"The shares fell $US13.15 in Sydney.", "13.15 usd"},
        {"The study covered 1,2 million women.", "1200000 women"},
        {"It holds 2 \xc2\xbd servings.", "2.5 servings"},
        {"Futures settled .85 cent lower.", "0.85 cent"},
        {"The fires burned nearly 80 937 hectares.", "80937 hectares"},
        {"The bonds rose 1 5/8 in price.", "1.625"},
        {"It became a Category 3 storm.", "3 category"},
        {"The House voted 256-170 to pass it.", "256-170"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        cd_sentence_info in = an(cases[k][0]);
        cr_expect_not_null(find(in.numbers, in.n_numbers, cases[k][1]), "%s: no %s", cases[k][0],
                           cases[k][1]);
    }
    /* a thousands separator stays one: "1,500" is fifteen hundred */
    cd_sentence_info t = an("The Dow dropped 1,500 points.");
    cr_expect_not_null(find(t.numbers, t.n_numbers, "1500 points"));
    /* "9/11" and "24/7" are no figures */
    cd_sentence_info e = an("After 9/11 the desk ran 24/7.");
    cr_expect_eq(e.n_numbers, 0);
    cd_sentence_info r = an("The vote was 256-170.");
    cr_assert_eq(r.n_numbers, 1);
    cr_expect_str_eq(r.numbers[0].unit, "range");
}

Test(facts, may_beside_another_month)
{
    cd_sentence_info a = an("The Dow dropped between May and October of that year.");
    cr_expect_not_null(find(a.dates, a.n_dates, "may"));
    cr_expect_not_null(find(a.dates, a.n_dates, "october"));
    cd_sentence_info b = an("Exports may and will rise.");
    cr_expect_eq(b.n_dates, 0);
}

Test(facts, names_with_initials_and_titles)
{
    cd_sentence_info a = an("The board's chairman, retired Adm. Hal Gehman, said so.");
    cr_expect_not_null(find(a.entities, a.n_entities, "hal gehman"));
    cd_sentence_info b = an("It said retired Navy Admiral Harold W. Gehman Jr., the chairman.");
    cr_expect_not_null(find(b.entities, b.n_entities, "harold w gehman"));
    cd_sentence_info c = an("A spokesman, D. L. Faber, said so.");
    cr_expect_not_null(find(c.entities, c.n_entities, "d l faber"));
    /* a title word that names an institution stays in its name */
    cd_sentence_info d = an("There are no plans, Defense Department officials say.");
    cr_expect_not_null(find(d.entities, d.n_entities, "defense department"));
    cd_sentence_info e = an("On Monday the Foreign Ministry said so.");
    cr_expect_not_null(find(e.entities, e.n_entities, "foreign ministry"));
}

/* A capitalised unit is a name: it stays the number's unit and is still
 * found as an entity ("17 Democrats", "85 Bombardier jets"). */
Test(facts, capitalised_unit_is_also_a_name)
{
    cd_sentence_info a = an("The bill passed with 17 Democrats voting for it.");
    cr_expect_not_null(find(a.numbers, a.n_numbers, "17 democrats"));
    cr_expect_not_null(find(a.entities, a.n_entities, "democrats"));
    cd_sentence_info b = an("Air Canada ordered 85 Bombardier jets.");
    cr_expect_not_null(find(b.numbers, b.n_numbers, "85 jets"));
    cr_expect_not_null(find(b.entities, b.n_entities, "bombardier"));
    /* a lower-case unit keeps its words in the number */
    cd_sentence_info c = an("Russia bought 3 million artillery shells.");
    cr_assert_eq(c.n_numbers, 1);
    cr_expect_str_eq(c.numbers[0].text, "3 million artillery shells");
}

Test(facts, ages_and_decades)
{
    cd_sentence_info in = an("Sandy Mitchell, 44, and two women aged 27 were held.");
    const cd_fact *f = find(in.numbers, in.n_numbers, "44 age");
    cr_assert_not_null(f);
    cr_expect_str_eq(f->unit, "age");
    cr_expect_not_null(find(in.numbers, in.n_numbers, "27 age"));
    in = an("Police charged a man and two women aged 27 and 35 with failing to report it.");
    cr_expect_not_null(find(in.numbers, in.n_numbers, "35 age"));
    cr_expect_not_null(find(in.numbers, in.n_numbers, "2 women"));
    in = an("The mother of 6-year-old twins and a 2-year old is three years old.");
    cr_expect_not_null(find(in.numbers, in.n_numbers, "6 age"));
    cr_expect_not_null(find(in.numbers, in.n_numbers, "2 age"));
    cr_expect_not_null(find(in.numbers, in.n_numbers, "3 age"));
    in = an("Even into his 90s, Lacy worked.");
    f = find(in.numbers, in.n_numbers, "90s");
    cr_assert_not_null(f);
    cr_expect_str_eq(f->unit, "decade");
    /* a bare number elsewhere is no age */
    in = an("The vote was 44, the count said.");
    cr_expect_not_null(find(in.numbers, in.n_numbers, "44"));
}

Test(facts, names_that_are_not_names)
{
    cd_sentence_info in = an("Tomorrow's hearing starts at 6 p.m. EDT, with Alcoa Inc. (nyse: AA) due.");
    cr_expect_null(find(in.entities, in.n_entities, "tomorrow"));
    cr_expect_null(find(in.entities, in.n_entities, "edt"));
    cr_expect_null(find(in.entities, in.n_entities, "aa"));
    cr_expect_not_null(find(in.entities, in.n_entities, "alcoa inc"));
    /* a title word heading a firm's name belongs to it */
    in = an("The shares of General Electric Co. fell while Gen. Tommy Franks spoke.");
    cr_expect_not_null(find(in.entities, in.n_entities, "general electric co"));
    cr_expect_not_null(find(in.entities, in.n_entities, "tommy franks"));
}

Test(facts, range_unit_written_once)
{
    cd_sentence_info in = an("They needed to lose between 30 and 80 pounds.");
    cr_expect_not_null(find(in.numbers, in.n_numbers, "30 pounds"));
    cr_expect_not_null(find(in.numbers, in.n_numbers, "80 pounds"));
    /* two counts joined by "and" without "between" keep their own units */
    in = an("Of the suspects, police freed 12 and 3 people stayed in custody.");
    cr_expect_not_null(find(in.numbers, in.n_numbers, "12"));
    cr_expect_not_null(find(in.numbers, in.n_numbers, "3 people"));
}

Test(facts, possessive_days_and_month_surnames)
{
    cd_sentence_info in = an("Shares fell to $27.45 from Thursday's close of $28.91.");
    cr_expect_not_null(find(in.dates, in.n_dates, "thursday"));
    cr_expect_null(find(in.entities, in.n_entities, "thursday"));
    in = an("He described Monday\xe2\x80\x99s talks as sensible.");
    cr_expect_not_null(find(in.dates, in.n_dates, "monday"));
    /* "May" after a first name is a surname, possessive or not */
    in = an("The talks with Theresa May's government failed.");
    cr_expect_eq(in.n_dates, 0);
    cr_expect_not_null(find(in.entities, in.n_entities, "theresa may"));
    in = an("Officials met Theresa May on Monday.");
    cr_expect_not_null(find(in.entities, in.n_entities, "theresa may"));
    cr_expect_not_null(find(in.dates, in.n_dates, "monday"));
    /* the month still, in its context */
    in = an("The vote is in May, officials said.");
    cr_expect_not_null(find(in.dates, in.n_dates, "may"));
}
