#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "claimdiff.h"

static char *nfc(const char *s)
{
    cd_buf b = {0};
    cd_nfc(s, strlen(s), &b);
    return cd_buf_steal(&b);
}

static char *fold(const char *s)
{
    cd_buf b = {0};
    cd_fold(s, strlen(s), &b);
    return cd_buf_steal(&b);
}

static void expect_nfc(const char *in, const char *want)
{
    char *got = nfc(in);
    cr_expect_str_eq(got, want, "NFC of \"%s\"", in);
    free(got);
}

static void expect_fold(const char *in, const char *want)
{
    char *got = fold(in);
    cr_expect_str_eq(got, want, "fold of \"%s\"", in);
    free(got);
}

/* ----------------------------------------------------------------- NFC */

Test(normalise, nfc_composes)
{
    expect_nfc("e\xCC\x81", "\xC3\xA9");                  /* e + U+0301 -> é */
    expect_nfc("Cafe\xCC\x81 au lait", "Caf\xC3\xA9 au lait");
    expect_nfc("A\xCC\x8A", "\xC3\x85");                  /* A + ring -> Å */
    expect_nfc("\xE2\x84\xAB", "\xC3\x85");               /* U+212B ANGSTROM SIGN -> Å */
    expect_nfc("\xD0\xB8\xCC\x86", "\xD0\xB9");           /* и + breve -> й */
    expect_nfc("\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80"); /* jamo -> 가 */
}

Test(normalise, nfc_reorders_marks)
{
    /* q + dot above (230) + dot below (220) -> dot below first */
    expect_nfc("q\xCC\x87\xCC\xA3", "q\xCC\xA3\xCC\x87");
    /* d + dot above + dot below -> ḍ + dot above */
    expect_nfc("d\xCC\x87\xCC\xA3", "\xE1\xB8\x8D\xCC\x87");
}

Test(normalise, nfc_keeps_already_composed_and_compat)
{
    expect_nfc("plain ASCII", "plain ASCII");
    expect_nfc("\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\xA9");
    expect_nfc("\xEF\xAC\x81", "\xEF\xAC\x81");           /* ﬁ is not changed by NFC */
    expect_nfc("Kim\xE2\x80\x99s \xE2\x80\x9Cquote\xE2\x80\x9D", "Kim\xE2\x80\x99s \xE2\x80\x9Cquote\xE2\x80\x9D");
    expect_nfc("\xE6\x97\xA5\xE6\x9C\xAC", "\xE6\x97\xA5\xE6\x9C\xAC");
}

Test(normalise, nfc_appends_and_empty)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "x:");
    cd_nfc("e\xCC\x81", 3, &b);
    cd_nfc("", 0, &b);
    cr_expect_str_eq(b.data, "x:\xC3\xA9");
    cd_buf_free(&b);
    cd_nfc("", 0, &b);
    cr_expect_not_null(b.data);
    cr_expect_eq(b.len, 0);
    cd_buf_free(&b);
}

Test(normalise, nfc_long_text_with_marks_far_apart)
{
    /* many pieces: composed correctly everywhere, the rest copied */
    cd_buf in = {0}, want = {0}, got = {0};
    for (int i = 0; i < 20000; i++) {
        cd_buf_puts(&in, "some words e\xCC\x81 more words \xD0\xB8\xCC\x86. ");
        cd_buf_puts(&want, "some words \xC3\xA9 more words \xD0\xB9. ");
    }
    cd_nfc(in.data, in.len, &got);
    cr_expect_eq(got.len, want.len);
    cr_expect(got.len == want.len && memcmp(got.data, want.data, got.len) == 0);
    cd_buf_free(&in);
    cd_buf_free(&want);
    cd_buf_free(&got);
}

Test(normalise, nfc_invalid_input_is_repaired)
{
    char *got = nfc("e\xCC\x81\xFF");
    cr_expect_str_eq(got, "\xC3\xA9\xEF\xBF\xBD");
    free(got);
    /* bytes below 0xCC that are not valid UTF-8 are repaired too */
    got = nfc("a\x93" "b\xC3");
    cr_expect_str_eq(got, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    free(got);
}

/* ---------------------------------------------------------------- fold */

Test(normalise, fold_ascii_lowercase)
{
    expect_fold("Kim Jong Un PLEDGED", "kim jong un pledged");
    expect_fold("U.S. $35,000", "u.s. $35,000");
    expect_fold("`tick`", "'tick'");
}

Test(normalise, fold_curly_quotes)
{
    expect_fold("Kim\xE2\x80\x99s", "kim's");                         /* ’ */
    expect_fold("\xE2\x80\x98single\xE2\x80\x99", "'single'");        /* ‘ ’ */
    expect_fold("\xE2\x80\x9A\xE2\x80\x9B\xE2\x80\xB2\xC2\xB4", "''''"); /* ‚ ‛ ′ ´ */
    expect_fold("\xE2\x80\x9C" "Full Support\xE2\x80\x9D", "\"full support\""); /* “ ” */
    expect_fold("\xE2\x80\x9E\xE2\x80\x9F\xE2\x80\xB3", "\"\"\"");    /* „ ‟ ″ */
    expect_fold("\xC2\xAB" "non\xC2\xBB", "\"non\"");                 /* « » */
}

Test(normalise, fold_dashes)
{
    /* U+2010..U+2015 */
    expect_fold("a\xE2\x80\x90" "b\xE2\x80\x91" "c\xE2\x80\x92" "d\xE2\x80\x93"
                "e\xE2\x80\x94" "f\xE2\x80\x95" "g", "a-b-c-d-e-f-g");
    expect_fold("\xE2\x88\x92" "5", "-5");                /* U+2212 minus */
    expect_fold("\xEF\xB9\x98\xEF\xB9\xA3\xEF\xBC\x8D", "---"); /* FE58 FE63 FF0D */
    expect_fold("x\xE2\x81\xBB\xC2\xB9", "x-1");          /* superscript minus, one */
}

Test(normalise, fold_spaces)
{
    expect_fold("a\xC2\xA0" "b", "a b");                  /* NBSP */
    expect_fold("a\xE2\x80\xAF" "b", "a b");              /* narrow NBSP */
    expect_fold("a\xE2\x80\x83" "b\xE2\x80\x89" "c\xE3\x80\x80" "d", "a b c d"); /* em, thin, ideographic */
    expect_fold("a\tb\nc", "a\tb\nc");
}

Test(normalise, fold_removes_soft_hyphen_and_zero_width)
{
    expect_fold("co\xC2\xAD" "operate", "cooperate");     /* U+00AD */
    expect_fold("a\xE2\x80\x8B" "b\xE2\x80\x8C" "c\xE2\x80\x8D" "d", "abcd"); /* 200B-200D */
    expect_fold("e\xE2\x81\xA0" "f\xEF\xBB\xBF" "g", "efg"); /* 2060, FEFF */
    expect_fold("\xC2\xAD", "");
}

Test(normalise, fold_nfkc_and_casefold)
{
    expect_fold("e\xCC\x81", "\xC3\xA9");                 /* composed */
    expect_fold("\xC3\x89T\xC3\x89", "\xC3\xA9t\xC3\xA9");/* ÉTÉ -> été */
    expect_fold("\xEF\xAC\x81nance", "finance");          /* ﬁ ligature */
    expect_fold("Stra\xC3\x9F" "e", "strasse");           /* ß */
    expect_fold("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc"); /* fullwidth ＡＢＣ */
    expect_fold("\xD0\x9A\xD0\x98\xD0\x9C", "\xD0\xBA\xD0\xB8\xD0\xBC"); /* КИМ -> ким */
    expect_fold("\xE2\x80\xA6", "...");                   /* … */
    expect_fold("x\xC2\xB2", "x2");
}

Test(normalise, fold_same_for_typographic_variants)
{
    char *a = fold("Kim Jong Un\xE2\x80\x99s \xE2\x80\x9C" "FULL\xC2\xA0support\xE2\x80\x9D \xE2\x80\x94 ok");
    char *b = fold("kim jong un's \"full support\" - ok");
    cr_expect_str_eq(a, b);
    free(a);
    free(b);
}

Test(normalise, fold_appends_and_is_idempotent)
{
    const char *samples[] = {
        "Caf\xC3\xA9 \xE2\x80\x9CSTRASSE\xE2\x80\x9D \xEF\xAC\x81 \xC2\xAD x\xE2\x81\xBB",
        "Kim\xE2\x80\x99s e\xCC\x81\xCC\xA3 \xE1\x84\x80\xE1\x85\xA1 \xC3\x9F",
        "plain",
    };
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        char *once = fold(samples[i]);
        char *twice = fold(once);
        cr_expect_str_eq(once, twice);
        free(once);
        free(twice);
    }
    cd_buf b = {0};
    cd_buf_puts(&b, "pre ");
    cd_fold("ABC", 3, &b);
    cr_expect_str_eq(b.data, "pre abc");
    cd_buf_free(&b);
}

Test(normalise, fold_invalid_input_is_repaired)
{
    char *got = fold("A\xFF\xE2\x80\x99");
    cr_expect_str_eq(got, "a\xEF\xBF\xBD'");
    free(got);
}

Test(normalise, combining_mark_flood_is_linear, .timeout = 60)
{
    size_t marks = 300000;
    char *s = malloc(1 + 2 * marks);
    s[0] = 'A';
    for (size_t i = 0; i < marks; i++) {
        s[1 + 2 * i] = '\xCC';
        s[2 + 2 * i] = i % 2 ? '\x81' : '\x96';
    }
    cd_buf a = {0}, b = {0};
    cd_nfc(s, 1 + 2 * marks, &a);
    cd_fold(s, 1 + 2 * marks, &b);
    cr_expect(cd_utf8_valid(a.data, a.len));
    cr_expect(cd_utf8_valid(b.data, b.len));
    cr_expect_eq(cd_utf8_count(a.data, a.len), marks);
    cd_buf_free(&a);
    cd_buf_free(&b);
    free(s);
}
