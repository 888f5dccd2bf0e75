#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimdiff.h"

static cd_arena *arena;
static cd_tokenizer *tk;
static cd_tokens toks;
static const char *src;

static void setup(void)
{
    arena = cd_arena_new();
    tk = cd_tokenizer_new(arena);
    memset(&toks, 0, sizeof toks);
}

static void teardown(void)
{
    cd_tokens_free(&toks);
    cd_tokenizer_free(tk);
    cd_arena_free(arena);
}

TestSuite(token, .init = setup, .fini = teardown);

static void run(const char *s)
{
    src = s;
    toks.n = 0;
    cd_tokenize(tk, s, 0, strlen(s), &toks);
}

/* The surface forms joined by '|', with a kind letter: w n p. */
static char *render(void)
{
    cd_buf b = {0};
    cd_buf_append(&b, "", 0);
    for (size_t i = 0; i < toks.n; i++) {
        const cd_token *t = &toks.v[i];
        if (i)
            cd_buf_putc(&b, '|');
        cd_buf_putc(&b, t->form->kind == CD_TOK_WORD ? 'w' : t->form->kind == CD_TOK_NUMBER ? 'n' : 'p');
        cd_buf_putc(&b, ':');
        cd_buf_append(&b, src + t->start, t->len);
    }
    return cd_buf_steal(&b);
}

static void expect_tokens(const char *in, const char *want)
{
    run(in);
    char *got = render();
    cr_expect_str_eq(got, want, "tokens of \"%s\"", in);
    free(got);
}

/* The norms (or stems) joined by ' '. */
static char *joined(bool stems)
{
    cd_buf b = {0};
    cd_buf_append(&b, "", 0);
    for (size_t i = 0; i < toks.n; i++) {
        if (i)
            cd_buf_putc(&b, ' ');
        cd_buf_puts(&b, stems ? toks.v[i].form->stem : toks.v[i].form->norm);
    }
    return cd_buf_steal(&b);
}

static void expect_norms(const char *in, const char *want)
{
    run(in);
    char *got = joined(false);
    cr_expect_str_eq(got, want, "norms of \"%s\"", in);
    free(got);
}

static void expect_stems(const char *in, const char *want)
{
    run(in);
    char *got = joined(true);
    cr_expect_str_eq(got, want, "stems of \"%s\"", in);
    free(got);
}

/* -------------------------------------------------------------- words */

Test(token, simple_words_and_punct)
{
    expect_tokens("Kim met Putin.", "w:Kim|w:met|w:Putin|p:.");
    expect_tokens("  a,b ; c  ", "w:a|p:,|w:b|p:;|w:c");
    expect_tokens("", "");
    expect_tokens(" \t\n ", "");
}

Test(token, offsets_are_bytes_in_text)
{
    const char *s = "Say \xE2\x80\x9Chi\xE2\x80\x9D now";
    run(s);
    cr_assert_eq(toks.n, 5);
    cr_expect_eq(toks.v[0].start, 0);
    cr_expect_eq(toks.v[0].len, 3);
    cr_expect_eq(toks.v[1].start, 4);
    cr_expect_eq(toks.v[1].len, 3);
    cr_expect_eq(toks.v[2].start, 7);
    cr_expect_eq(toks.v[3].start, 9);
    cr_expect_eq(toks.v[4].start, 13);
}

Test(token, sub_range_offsets_relative_to_text)
{
    const char *s = "skip this: Kim said";
    src = s;
    cd_tokenize(tk, s, 11, strlen(s), &toks);
    cr_assert_eq(toks.n, 2);
    cr_expect_eq(toks.v[0].start, 11);
    cr_expect_eq(toks.v[1].start, 15);
    /* appends */
    cd_tokenize(tk, s, 0, 4, &toks);
    cr_expect_eq(toks.n, 3);
    cr_expect_str_eq(toks.v[2].form->norm, "skip");
}

Test(token, inner_apostrophes)
{
    expect_tokens("Kim\xE2\x80\x99s don't O'Brien", "w:Kim\xE2\x80\x99s|w:don't|w:O'Brien");
    expect_tokens("dogs' 'quoted'", "w:dogs|p:'|p:'|w:quoted|p:'");
    expect_tokens("rock'n'roll", "w:rock'n'roll");
    expect_tokens("Kim\xE2\x80\x99 s", "w:Kim|p:\xE2\x80\x99|w:s");
}

/* The norms of the WORD tokens of s, joined by ' '. */
static char *word_norms(const char *s)
{
    run(s);
    cd_buf b = {0};
    cd_buf_append(&b, "", 0);
    for (size_t i = 0; i < toks.n; i++) {
        if (toks.v[i].form->kind != CD_TOK_WORD)
            continue;
        if (b.len)
            cd_buf_putc(&b, ' ');
        cd_buf_puts(&b, toks.v[i].form->norm);
    }
    return cd_buf_steal(&b);
}

Test(token, hyphens_split_words)
{
    expect_tokens("Kim Jong-un", "w:Kim|w:Jong|p:-|w:un");
    expect_tokens("COVID-19", "w:COVID|p:-|n:19");
    expect_tokens("well-known", "w:well|p:-|w:known");
    char *a = word_norms("Kim Jong-un");
    char *b = word_norms("Kim Jong Un");
    cr_expect_str_eq(a, b, "same word tokens for Jong-un and Jong Un");
    cr_expect_str_eq(a, "kim jong un");
    free(a);
    free(b);
}

Test(token, abbreviations)
{
    expect_tokens("the U.S. said", "w:the|w:U.S.|w:said");
    expect_tokens("U.S.A. a.m. D.C.", "w:U.S.A.|w:a.m.|w:D.C.");
    expect_tokens("e.g., i.e.", "w:e.g.|p:,|w:i.e.");
    expect_tokens("Mr. Kim", "w:Mr|p:.|w:Kim");
    expect_tokens("U.S-based", "w:U.S|p:-|w:based");
    expect_tokens("Plan A. Then", "w:Plan|w:A|p:.|w:Then");
    expect_tokens("in Korea.Then", "w:in|w:Korea|p:.|w:Then");
    expect_tokens("x.com", "w:x|p:.|w:com");
}

Test(token, unicode_words)
{
    expect_tokens("caf\xC3\xA9 na\xC3\xAFve", "w:caf\xC3\xA9|w:na\xC3\xAFve");
    expect_tokens("Cafe\xCC\x81!", "w:Cafe\xCC\x81|p:!");  /* combining mark stays */
    expect_tokens("\xD0\x9A\xD0\xB8\xD0\xBC \xE6\x97\xA5\xE6\x9C\xAC", "w:\xD0\x9A\xD0\xB8\xD0\xBC|w:\xE6\x97\xA5\xE6\x9C\xAC");
    expect_tokens("G7 mp3", "w:G7|w:mp3");
    expect_tokens("co\xC2\xAD" "operate", "w:co\xC2\xAD" "operate");
    expect_tokens("a\xC2\xA0" "b\xE2\x80\x8B" "c", "w:a|w:b|w:c");
}

/* ------------------------------------------------------------ numbers */

Test(token, numbers_kept_whole)
{
    expect_tokens("$35,000,000", "n:$35,000,000");
    expect_tokens("1.5 06/12/23 12:16", "n:1.5|n:06/12/23|n:12:16");
    expect_tokens("79th 1.5bn 1990s 5pm 10m", "n:79th|n:1.5bn|n:1990s|n:5pm|n:10m");
    expect_tokens("24-year 24-year-old 9-11", "n:24-year|n:24-year-old|n:9-11");
    expect_tokens("50% 3.5%", "n:50%|n:3.5%");
    expect_tokens("\xE2\x82\xAC" "5 \xC2\xA3" "10 \xC2\xA5" "7", "n:\xE2\x82\xAC" "5|n:\xC2\xA3" "10|n:\xC2\xA5" "7");
}

Test(token, number_trailing_punct)
{
    expect_tokens("1,000.", "n:1,000|p:.");
    expect_tokens("in 2019, then", "w:in|n:2019|p:,|w:then");
    expect_tokens("1.5.", "n:1.5|p:.");
    expect_tokens("5-", "n:5|p:-");
    expect_tokens("$ 5", "p:$|n:5");
    /* a country's capitals between the symbol and the figure */
    expect_tokens("$US13.15 $NZ2 $A5 $USA", "n:$US13.15|n:$NZ2|p:$|w:A5|p:$|w:USA");
    expect_tokens("-5", "p:-|n:5");
    expect_tokens("(2023)", "p:(|n:2023|p:)");
}

/* -------------------------------------------------------------- norms */

Test(token, norms)
{
    expect_norms("Kim\xE2\x80\x99s \xE2\x80\x9C" "Full Support\xE2\x80\x9D \xE2\x80\x94 U.S.",
                 "kim's \" full support \" - u.s.");
    expect_norms("PUTIN \xC3\x89T\xC3\x89 Stra\xC3\x9F" "e", "putin \xC3\xA9t\xC3\xA9 strasse");
    expect_norms("\xC2\xAB" "x\xC2\xBB", "\" x \"");
}

Test(token, stems)
{
    expect_stems("promises pledged", "promis pledg");
    expect_stems("Kim's Kim\xE2\x80\x99s Russia's", "kim kim russia");
    expect_stems("Promises, 24-year-old", "promis , 24-year-old");
    expect_stems("officials reported", "offici report");
}

Test(token, kinds)
{
    run("Kim $5 .");
    cr_assert_eq(toks.n, 3);
    cr_expect_eq(toks.v[0].form->kind, CD_TOK_WORD);
    cr_expect_eq(toks.v[1].form->kind, CD_TOK_NUMBER);
    cr_expect_eq(toks.v[2].form->kind, CD_TOK_PUNCT);
    /* numbers and punctuation: stem is the norm */
    cr_expect_str_eq(toks.v[1].form->stem, toks.v[1].form->norm);
    cr_expect_str_eq(toks.v[2].form->stem, ".");
}

Test(token, cache_gives_same_strings)
{
    run("Promises promises PROMISES promises");
    cr_assert_eq(toks.n, 4);
    cr_expect_eq(toks.v[1].form->norm, toks.v[3].form->norm, "cache hit returns the same string");
    cr_expect_str_eq(toks.v[0].form->norm, "promises");
    cr_expect_str_eq(toks.v[2].form->norm, "promises");
    cr_expect_str_eq(toks.v[2].form->stem, "promis");
}

Test(token, strings_outlive_tokenizer)
{
    run("Pledged support");
    cd_tokenizer_free(tk);
    tk = cd_tokenizer_new(arena);
    cr_expect_str_eq(toks.v[0].form->norm, "pledged");
    cr_expect_str_eq(toks.v[0].form->stem, "pledg");
}

Test(token, cache_grows)
{
    cd_buf b = {0};
    for (int i = 0; i < 20000; i++)
        cd_buf_printf(&b, "w%dx ", i);
    cd_buf_puts(&b, "w123x");
    run(b.data);
    cr_assert_eq(toks.n, 20001);
    cr_expect_str_eq(toks.v[20000].form->norm, "w123x");
    cr_expect_eq(toks.v[20000].form->norm, toks.v[123].form->norm);
    cr_expect_str_eq(toks.v[19999].form->norm, "w19999x");
    cd_buf_free(&b);
}

Test(token, total_on_invalid_and_odd_input)
{
    const char s[] = "a\xFF" "b \xE2\x82 \xCC\x81 \x01 \xEF\xBF\xBD $ % ''.";
    src = s;
    cd_tokenize(tk, s, 0, sizeof s - 1, &toks);
    cr_expect_gt(toks.n, 0);
    for (size_t i = 0; i < toks.n; i++) {
        cr_expect_gt(toks.v[i].len, 0);
        cr_expect_leq(toks.v[i].start + toks.v[i].len, sizeof s - 1);
        cr_expect_not_null(toks.v[i].form->norm);
        cr_expect_not_null(toks.v[i].form->stem);
    }
}

Test(token, long_tokens_not_cached_but_correct)
{
    char s[400];
    memset(s, 'A', 300);
    s[300] = '\0';
    run(s);
    cr_assert_eq(toks.n, 1);
    cr_expect_eq(strlen(toks.v[0].form->norm), 300);
    cr_expect_eq(toks.v[0].form->norm[0], 'a');
}

Test(token, seeds_tokenise)
{
    FILE *f = fopen(SEEDS "/000_5d68d4618496290a.txt", "rb");
    if (!f)
        cr_skip_test("seed text not available");
    cd_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cd_buf_append(&b, chunk, n);
    fclose(f);
    run(b.data);
    cr_expect_gt(toks.n, 300);
    bool saw_us = false, saw_2022 = false;
    for (size_t i = 0; i < toks.n; i++) {
        if (strcmp(toks.v[i].form->norm, "u.s.") == 0)
            saw_us = true;
        if (toks.v[i].form->kind == CD_TOK_NUMBER && strcmp(toks.v[i].form->norm, "2022") == 0)
            saw_2022 = true;
    }
    cr_expect(saw_us);
    cr_expect(saw_2022);
    cd_buf_free(&b);
}
