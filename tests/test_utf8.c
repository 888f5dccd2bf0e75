#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "claimdiff.h"

/* Decode the first code point of the literal s. */
#define DECODE(s, cp, ok) cd_utf8_decode((const unsigned char *)(s), sizeof(s) - 1, &(cp), &(ok))

static void expect_invalid_n(const char *s, size_t len, size_t want)
{
    uint32_t cp = 0;
    bool ok = true;
    size_t n = cd_utf8_decode((const unsigned char *)s, len, &cp, &ok);
    cr_expect_eq(n, want, "invalid sequence must consume %zu byte(s), got %zu", want, n);
    cr_expect_not(ok);
    cr_expect_eq(cp, CD_REPLACEMENT_CHAR);
}

/* An invalid byte is consumed alone; the valid start of a truncated sequence
 * is consumed whole (its "maximal subpart"), giving one U+FFFD. */
#define INVALID(s) expect_invalid_n((s), sizeof(s) - 1, 1)
#define TRUNCATED(s, n) expect_invalid_n((s), sizeof(s) - 1, (n))

Test(utf8, decode_valid_lengths)
{
    uint32_t cp;
    bool ok;
    cr_expect_eq(DECODE("A", cp, ok), 1);
    cr_expect(ok);
    cr_expect_eq(cp, 'A');
    cr_expect_eq(DECODE("\xC3\xA9", cp, ok), 2);
    cr_expect(ok);
    cr_expect_eq(cp, 0xE9);
    cr_expect_eq(DECODE("\xE2\x82\xAC", cp, ok), 3);
    cr_expect(ok);
    cr_expect_eq(cp, 0x20AC);
    cr_expect_eq(DECODE("\xF0\x9F\x98\x80", cp, ok), 4);
    cr_expect(ok);
    cr_expect_eq(cp, 0x1F600);
}

Test(utf8, decode_boundaries)
{
    uint32_t cp;
    bool ok;
    cr_expect_eq(DECODE("\xC2\x80", cp, ok), 2);
    cr_expect_eq(cp, 0x80);
    cr_expect_eq(DECODE("\xDF\xBF", cp, ok), 2);
    cr_expect_eq(cp, 0x7FF);
    cr_expect_eq(DECODE("\xE0\xA0\x80", cp, ok), 3);
    cr_expect_eq(cp, 0x800);
    cr_expect_eq(DECODE("\xED\x9F\xBF", cp, ok), 3); /* last before surrogates */
    cr_expect_eq(cp, 0xD7FF);
    cr_expect_eq(DECODE("\xEE\x80\x80", cp, ok), 3);
    cr_expect_eq(cp, 0xE000);
    cr_expect_eq(DECODE("\xEF\xBF\xBF", cp, ok), 3);
    cr_expect_eq(cp, 0xFFFF);
    cr_expect_eq(DECODE("\xF0\x90\x80\x80", cp, ok), 4);
    cr_expect_eq(cp, 0x10000);
    cr_expect_eq(DECODE("\xF4\x8F\xBF\xBF", cp, ok), 4);
    cr_expect_eq(cp, 0x10FFFF);
    cr_expect(ok);
}

Test(utf8, decode_overlongs_are_invalid)
{
    INVALID("\xC0\x80");         /* NUL in two bytes */
    INVALID("\xC1\xBF");
    INVALID("\xE0\x80\x80");
    INVALID("\xE0\x9F\xBF");     /* U+07FF in three bytes */
    INVALID("\xF0\x80\x80\x80");
    INVALID("\xF0\x8F\xBF\xBF"); /* U+FFFF in four bytes */
}

Test(utf8, decode_surrogates_and_out_of_range_are_invalid)
{
    INVALID("\xED\xA0\x80");     /* U+D800 */
    INVALID("\xED\xAF\xBF");     /* U+DBFF */
    INVALID("\xED\xB0\x80");     /* U+DC00 */
    INVALID("\xED\xBF\xBF");     /* U+DFFF */
    INVALID("\xF4\x90\x80\x80"); /* U+110000 */
    INVALID("\xF5\x80\x80\x80");
    INVALID("\xF8\x88\x80\x80\x80");
    INVALID("\xFE");
    INVALID("\xFF");
}

Test(utf8, decode_truncated_and_broken)
{
    INVALID("\xC3");             /* end of input */
    TRUNCATED("\xE2\x82", 2);
    TRUNCATED("\xF0\x9F\x98", 3);
    INVALID("\x80");             /* lone continuation */
    INVALID("\xBF");
    INVALID("\xE2\x28\xA1");     /* bad second byte */
    TRUNCATED("\xE2\x82\x28", 2); /* bad third byte */
    TRUNCATED("\xF0\x9F\x98\x28", 3); /* bad fourth byte */
    INVALID("\xC3\xC3\xA9");
}

Test(utf8, decode_empty)
{
    uint32_t cp = 0;
    bool ok = true;
    cr_expect_eq(cd_utf8_decode((const unsigned char *)"", 0, &cp, &ok), 0);
    cr_expect_not(ok);
}

Test(utf8, count)
{
    cr_expect_eq(cd_utf8_count("", 0), 0);
    cr_expect_eq(cd_utf8_count("hello", 5), 5);
    cr_expect_eq(cd_utf8_count("h\xC3\xA9llo", 6), 5);
    cr_expect_eq(cd_utf8_count("\xE2\x82\xAC\xF0\x9F\x98\x80", 7), 2);
    cr_expect_eq(cd_utf8_count("a\x80" "b", 3), 3);
    /* a truncated sequence counts as one (it becomes one U+FFFD) */
    cr_expect_eq(cd_utf8_count("\xE2\x82", 2), 1);
    cr_expect_eq(cd_utf8_count("\xED\xA0\x80", 3), 3);
    /* long enough for the 8-byte ASCII path on both sides of a 2-byte char */
    const char *s = "0123456789abcdefghij\xC3\xA9" "0123456789abcdefghij";
    cr_expect_eq(cd_utf8_count(s, strlen(s)), 41);
}

Test(utf8, valid)
{
    cr_expect(cd_utf8_valid("", 0));
    cr_expect(cd_utf8_valid("plain ASCII text, long enough", 29));
    cr_expect(cd_utf8_valid("Kim\xE2\x80\x99s \xF0\x9F\x98\x80", 12));
    cr_expect(cd_utf8_valid("a\0b", 3));
    cr_expect_not(cd_utf8_valid("abc\xC0\x80", 5));
    cr_expect_not(cd_utf8_valid("abcdefghijklmnop\xED\xA0\x80", 19));
    cr_expect_not(cd_utf8_valid("\xE2\x82", 2));
    cr_expect_not(cd_utf8_valid("\xF4\x90\x80\x80", 4));
}

Test(utf8, repair)
{
    cd_buf b = {0};
    cr_expect_eq(cd_utf8_repair("a\xFF" "b", 3, &b), 1);
    cr_expect_str_eq(b.data, "a\xEF\xBF\xBD" "b");
    cd_buf_free(&b);

    cr_expect_eq(cd_utf8_repair("caf\xC3\xA9", 5, &b), 0);
    cr_expect_str_eq(b.data, "caf\xC3\xA9");
    cd_buf_free(&b);

    /* truncated 3-byte sequence at the end: one replacement */
    cr_expect_eq(cd_utf8_repair("x\xE2\x82", 3, &b), 1);
    cr_expect_str_eq(b.data, "x\xEF\xBF\xBD");
    cd_buf_free(&b);

    /* surrogate: three replacements, one per byte */
    cr_expect_eq(cd_utf8_repair("\xED\xA0\x80", 3, &b), 3);
    cr_expect_eq(b.len, 9);
    cr_expect(cd_utf8_valid(b.data, b.len));
    cd_buf_free(&b);
}

Test(utf8, repair_appends)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "keep:");
    cd_utf8_repair("\xC0\xAF", 2, &b);
    cr_expect_str_eq(b.data, "keep:\xEF\xBF\xBD\xEF\xBF\xBD");
    cd_buf_free(&b);
}

Test(utf8, repair_random_bytes_is_valid)
{
    unsigned x = 12345;
    for (int round = 0; round < 200; round++) {
        char s[97];
        size_t n = (size_t)(round % 97);
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            s[i] = (char)(x >> 16);
        }
        cd_buf b = {0};
        size_t bad = cd_utf8_repair(s, n, &b);
        cr_assert(cd_utf8_valid(b.data ? b.data : "", b.len));
        cr_expect_eq(bad == 0, cd_utf8_valid(s, n));
        /* every invalid byte became one U+FFFD */
        cr_expect_eq(cd_utf8_count(s, n), cd_utf8_count(b.data ? b.data : "", b.len));
        cd_buf_free(&b);
    }
}
