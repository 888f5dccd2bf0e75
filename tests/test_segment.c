/* test_segment.c — sentence segmentation for news English. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <string.h>

#include "claimdiff.h"

/* Segment text and compare with the expected sentences (NULL-terminated). */
static void expect_split(const char *text, ...)
{
    cd_spans sp = {0};
    cd_segment(text, strlen(text), 0, &sp);
    va_list ap;
    va_start(ap, text);
    size_t i = 0;
    const char *want;
    while ((want = va_arg(ap, const char *)) != NULL) {
        cr_assert_lt(i, sp.n, "too few sentences for «%s»: missing «%s»", text, want);
        size_t n = sp.v[i].end - sp.v[i].start;
        cr_expect(n == strlen(want) && memcmp(text + sp.v[i].start, want, n) == 0,
                  "sentence %zu of «%s»: got «%.*s», want «%s»", i + 1, text, (int)n,
                  text + sp.v[i].start, want);
        i++;
    }
    va_end(ap);
    cr_expect_eq(sp.n, i, "«%s»: %zu sentences, want %zu", text, sp.n, i);
    cd_spans_free(&sp);
}

Test(segment, plain_sentences)
{
    expect_split("Hello World. My name is Jonas.", "Hello World.", "My name is Jonas.", NULL);
    expect_split("What is it? I found it! Done.", "What is it?", "I found it!", "Done.", NULL);
    expect_split("Hello?! Is that you?", "Hello?!", "Is that you?", NULL);
}

/* After a clock time, a capitalised word opens a sentence unless it is a
 * weekday, a month or a time zone. */
Test(segment, clock_times)
{
    expect_split("The dam burst shortly after 4 a.m. Engineers warned of cracks.",
                 "The dam burst shortly after 4 a.m.", "Engineers warned of cracks.", NULL);
    expect_split("It failed at 4 a.m. Tuesday in the rain. Talks ended at 5 p.m. The talks resume.",
                 "It failed at 4 a.m. Tuesday in the rain.", "Talks ended at 5 p.m.",
                 "The talks resume.", NULL);
    expect_split("The vote is at 9 p.m. ET on Monday.", "The vote is at 9 p.m. ET on Monday.",
                 NULL);
    expect_split("It ran from 10:30 p.m. Aug. 9 to noon.", "It ran from 10:30 p.m. Aug. 9 to noon.",
                 NULL);
    expect_split("Doors open at 8 a.m. March 3 is the day.", "Doors open at 8 a.m. March 3 is the day.",
                 NULL);
}

Test(segment, empty_and_blank)
{
    expect_split("", NULL);
    expect_split("   \n\n \t ", NULL);
    expect_split("no final punctuation", "no final punctuation", NULL);
}

Test(segment, news_abbreviations)
{
    expect_split("Air Force Brig. General Pat Ryder spoke. He left.",
                 "Air Force Brig. General Pat Ryder spoke.", "He left.", NULL);
    expect_split("Gen. Smith met Dr. Jones and Mr. Lee at 9 a.m. on Tuesday.",
                 "Gen. Smith met Dr. Jones and Mr. Lee at 9 a.m. on Tuesday.", NULL);
    expect_split("They met on Sept. 13 in Vostochny.", "They met on Sept. 13 in Vostochny.", NULL);
    expect_split("He works for the U.S. Government in Virginia.",
                 "He works for the U.S. Government in Virginia.", NULL);
    expect_split("I live in the U.S. How about you?", "I live in the U.S.", "How about you?",
                 NULL);
    expect_split("Acme Inc. said profits rose. No. 5 was next.",
                 "Acme Inc. said profits rose.", "No. 5 was next.", NULL);
    expect_split("They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
                 "They closed the deal with Pitt, Briggs & Co.", "It closed yesterday.", NULL);
}

Test(segment, initials_and_pronoun_I)
{
    expect_split("The report by J. R. Alvarez was late.", "The report by J. R. Alvarez was late.",
                 NULL);
    expect_split("We make a good team, you and I. Did you see Albert I. Jones?",
                 "We make a good team, you and I.", "Did you see Albert I. Jones?", NULL);
}

Test(segment, numbers_and_decimals)
{
    expect_split("She has $100.00 in her bag.", "She has $100.00 in her bag.", NULL);
    expect_split("Shares fell 1.5 percent. The index rose.", "Shares fell 1.5 percent.",
                 "The index rose.", NULL);
    expect_split("It cost $35,000,000. 12 people objected.", "It cost $35,000,000.",
                 "12 people objected.", NULL);
}

Test(segment, quotes)
{
    expect_split("She turned to him, \"This is great.\" she said.",
                 "She turned to him, \"This is great.\" she said.", NULL);
    expect_split("She turned to him, \"This is great.\" She held the book out.",
                 "She turned to him, \"This is great.\"", "She held the book out.", NULL);
    /* curly quotes, the quote running over two sentences */
    expect_split("\xe2\x80\x9cJustice is sure to win. Russia will prevail,\xe2\x80\x9d Kim said. "
                 "He left.",
                 "\xe2\x80\x9cJustice is sure to win.",
                 "Russia will prevail,\xe2\x80\x9d Kim said.", "He left.", NULL);
    /* attribution after a quote that ends with ! stays with it */
    expect_split("\xe2\x80\x9cWe will win!\xe2\x80\x9d Kim said. Then he left.",
                 "\xe2\x80\x9cWe will win!\xe2\x80\x9d Kim said.", "Then he left.", NULL);
    /* an attribution that introduces the next quotation belongs to it */
    expect_split("\xe2\x80\x9cWe stand by Russia.\xe2\x80\x9d Kim continued, \xe2\x80\x9cRussia "
                 "is rising.\xe2\x80\x9d",
                 "\xe2\x80\x9cWe stand by Russia.\xe2\x80\x9d",
                 "Kim continued, \xe2\x80\x9cRussia is rising.\xe2\x80\x9d", NULL);
    expect_split("She works at Yahoo! in the accounting department.",
                 "She works at Yahoo! in the accounting department.", NULL);
}

Test(segment, parentheses)
{
    expect_split("He teaches science (He previously worked for 5 years as an engineer.) at the "
                 "local University.",
                 "He teaches science (He previously worked for 5 years as an engineer.) at the "
                 "local University.",
                 NULL);
    expect_split("The Kremlin said Putin accepted. (Yonhap)",
                 "The Kremlin said Putin accepted. (Yonhap)", NULL);
    expect_split("He left. (He was tired.) Then he slept.", "He left.", "(He was tired.)",
                 "Then he slept.", NULL);
}

Test(segment, ellipses)
{
    expect_split("I never meant that.... She left the store.", "I never meant that....",
                 "She left the store.", NULL);
    expect_split("I wasn't really ... well, what I mean...see . . . what I'm saying, the thing is "
                 ". . . I didn't mean it.",
                 "I wasn't really ... well, what I mean...see . . . what I'm saying, the thing is "
                 ". . . I didn't mean it.",
                 NULL);
    expect_split("security\xe2\x80\xa6 in a holy fight.", "security\xe2\x80\xa6 in a holy fight.",
                 NULL);
}

Test(segment, inline_lists)
{
    expect_split("1.) The first item 2.) The second item", "1.) The first item",
                 "2.) The second item", NULL);
    expect_split("a. The first item b. The second item c. The third list item",
                 "a. The first item", "b. The second item", "c. The third list item", NULL);
    expect_split("\xe2\x80\xa2 9. The first item \xe2\x80\xa2 10. The second item",
                 "\xe2\x80\xa2 9. The first item", "\xe2\x80\xa2 10. The second item", NULL);
    /* years are not a list */
    expect_split("The dam opened in 2018. The leak began in 2019. It failed.",
                 "The dam opened in 2018.", "The leak began in 2019.", "It failed.", NULL);
}

Test(segment, line_breaks)
{
    /* a headline, a dateline and a caption each end at their line break */
    expect_split("Kim pledges support to Putin\nSEOUL, June 12\nThe leader spoke.",
                 "Kim pledges support to Putin", "SEOUL, June 12", "The leader spoke.", NULL);
    /* list lines */
    expect_split("Most Popular\n1. Senate GOP leaders break with House\n2. Trump heads to "
                 "Florida",
                 "Most Popular", "1. Senate GOP leaders break with House",
                 "2. Trump heads to Florida", NULL);
    /* a hard-wrapped paragraph is joined, even when a line starts with a name */
    expect_split("North Korean leader Kim Jong Un pledged full support to the\n"
                 "Russian President Vladimir Putin on Monday, state media said on\n"
                 "Tuesday. The two leaders met in 2019 at a summit in the city of\n"
                 "Vladivostok.",
                 "North Korean leader Kim Jong Un pledged full support to the\n"
                 "Russian President Vladimir Putin on Monday, state media said on\n"
                 "Tuesday.",
                 "The two leaders met in 2019 at a summit in the city of\nVladivostok.", NULL);
    expect_split("It was a cold \nnight in the city.", "It was a cold \nnight in the city.",
                 NULL);
    /* blank lines always end a sentence */
    expect_split("One clause without a stop\n\nAnother", "One clause without a stop", "Another",
                 NULL);
}

Test(segment, cap_on_sentence_length)
{
    size_t n = 100000;
    char *big = cd_xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = (i % 7 == 6) ? ' ' : 'a';
    big[n] = '\0';
    cd_spans sp = {0};
    size_t cut = cd_segment(big, n, 1000, &sp);
    cr_assert_gt(sp.n, 99);
    cr_expect_eq(cut, sp.n - 1);
    size_t covered = 0;
    for (size_t i = 0; i < sp.n; i++) {
        cr_expect_leq(sp.v[i].end - sp.v[i].start, 1000);
        cr_expect_neq(big[sp.v[i].start], ' ');
        covered += sp.v[i].end - sp.v[i].start;
        if (i)
            cr_expect_geq(sp.v[i].start, sp.v[i - 1].end);
    }
    cr_expect_gt(covered, n * 9 / 10, "text lost by cutting");
    cr_expect(sp.v[0].cut);
    cd_spans_free(&sp);
    free(big);
}

Test(segment, multibyte_never_split_inside_a_character)
{
    /* 3000 copies of U+AC00 (3 bytes) and no spaces: cuts must land on characters */
    size_t n = 3 * 3000;
    char *s = cd_xmalloc(n + 1);
    for (size_t i = 0; i < n; i += 3)
        memcpy(s + i, "\xea\xb0\x80", 3);
    s[n] = '\0';
    cd_spans sp = {0};
    cd_segment(s, n, 100, &sp);
    for (size_t i = 0; i < sp.n; i++) {
        cr_expect(cd_utf8_valid(s + sp.v[i].start, sp.v[i].end - sp.v[i].start));
        cr_expect_leq(sp.v[i].end - sp.v[i].start, 100);
    }
    cd_spans_free(&sp);
    free(s);
}

Test(segment, hostile_bytes_do_not_crash)
{
    const char *cases[] = {".", "...", ". . .", "!?!?", "\xe2\x80\xa6", "\"", "(", ")", "1.",
                           "a.", "\xe2\x80\xa2", "U.S.", "Mr.", "\n\n\n", "x\ny\nz", "“”‘’"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cd_spans sp = {0};
        cd_segment(cases[i], strlen(cases[i]), 0, &sp);
        for (size_t k = 0; k < sp.n; k++)
            cr_expect_lt(sp.v[k].start, sp.v[k].end);
        cd_spans_free(&sp);
    }
}

Test(segment, unicode_spaces_separate_sentences)
{
    /* web text often has an NBSP (or another Unicode space) after a sentence */
    expect_split("\xe2\x80\x9cWe stand by Russia.\xe2\x80\x9d\xc2\xa0Kim continued, \xe2\x80\x9c"
                 "Russia is rising.\xe2\x80\x9d",
                 "\xe2\x80\x9cWe stand by Russia.\xe2\x80\x9d",
                 "Kim continued, \xe2\x80\x9cRussia is rising.\xe2\x80\x9d", NULL);
    expect_split("The dam broke.\xe2\x80\x83Rescuers came.\xc2\xa0", "The dam broke.",
                 "Rescuers came.", NULL);
    /* but an NBSP inside a sentence is kept, and never trimmed into */
    expect_split("\xc2\xa0Mr.\xc2\xa0Smith left.", "Mr.\xc2\xa0Smith left.", NULL);
}
