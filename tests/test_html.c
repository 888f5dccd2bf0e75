/* test_html.c — parsing HTML pages: charsets (HTTP header, <meta charset>,
 * http-equiv, BOM, undeclared windows-1252), broken and pathological input. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch.h"
#include "html.h"

/* Parse and extract bytes; returns the doc (never NULL) and the charset. */
static cd_doc *extract(const char *bytes, size_t len, const char *http, char *cs, size_t *n)
{
    char *err = NULL;
    cd_html *h = cd_html_parse(bytes, len, http, &err);
    cr_assert_not_null(h, "parse failed: %s", err ? err : "?");
    if (cs)
        strcpy(cs, h->charset);
    cd_doc *doc = cd_doc_new("test");
    size_t k = cd_html_extract(h, doc);
    if (n)
        *n = k;
    cd_html_free(h);
    return doc;
}

static const char *text_of(cd_doc *doc)
{
    size_t len;
    return cd_doc_text(doc, &len);
}

#define BODY_1252 "<p>He said \x93the dam will hold\x94 and it didn\x92t \x97 at 40\xb0, with \
enough words, commas, and length to count as an article paragraph.</p>"
#define WANT_1252 "He said \xe2\x80\x9cthe dam will hold\xe2\x80\x9d and it didn\xe2\x80\x99t \
\xe2\x80\x94 at 40\xc2\xb0"

Test(html, meta_charset_windows_1252)
{
    const char page[] = "<html><head><meta charset=\"windows-1252\"><title>t</title></head>"
                        "<body><article>" BODY_1252 "</article></body></html>";
    char cs[64];
    cd_doc *doc = extract(page, sizeof page - 1, NULL, cs, NULL);
    cr_expect_str_eq(cs, "windows-1252");
    cr_expect(strstr(text_of(doc), WANT_1252) != NULL, "got: %s", text_of(doc));
    cd_doc_free(doc);
}

Test(html, http_equiv_charset)
{
    const char page[] = "<html><head><META HTTP-EQUIV=\"Content-Type\" "
                        "CONTENT=\"text/html; charset=ISO-8859-1\"></head>"
                        "<body><div>" BODY_1252 "</div></body></html>";
    char cs[64];
    cd_doc *doc = extract(page, sizeof page - 1, NULL, cs, NULL);
    cr_expect_str_eq(cs, "windows-1252"); /* latin-1 is read as windows-1252 */
    cr_expect(strstr(text_of(doc), WANT_1252) != NULL, "got: %s", text_of(doc));
    cd_doc_free(doc);
}

Test(html, http_charset_wins_over_meta)
{
    const char page[] = "<html><head><meta charset=\"utf-8\"></head><body>" BODY_1252
                        "</body></html>";
    char cs[64];
    cd_doc *doc = extract(page, sizeof page - 1, "windows-1252", cs, NULL);
    cr_expect_str_eq(cs, "windows-1252");
    cr_expect(strstr(text_of(doc), WANT_1252) != NULL);
    cd_doc_free(doc);
}

Test(html, declared_utf8_is_not_redecoded_by_libxml2)
{
    /* The meta says windows-1252 but the header says UTF-8: é stays é. */
    const char page[] = "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xc3\xa9 "
                        "owners, residents and officials, all said the same thing today.</p>"
                        "</body></html>";
    cd_doc *doc = extract(page, sizeof page - 1, "utf-8", NULL, NULL);
    cr_expect(strstr(text_of(doc), "Caf\xc3\xa9 owners") != NULL, "got: %s", text_of(doc));
    cd_doc_free(doc);
}

Test(html, utf8_bom)
{
    const char page[] = "\xef\xbb\xbf<html><body><p>Z\xc3\xbcrich: officials, engineers and "
                        "residents met on Tuesday evening.</p></body></html>";
    char cs[64];
    cd_doc *doc = extract(page, sizeof page - 1, NULL, cs, NULL);
    cr_expect_str_eq(cs, "UTF-8");
    cr_expect(strncmp(text_of(doc), "Z\xc3\xbcrich:", 8) == 0, "got: %s", text_of(doc));
    cd_doc_free(doc);
}

Test(html, utf16le_bom)
{
    const char *ascii = "<html><body><p>Officials, engineers and residents met on Tuesday "
                        "evening \xe2\x80\x94 twice.</p></body></html>";
    /* Encode as UTF-16LE by hand (ASCII plus one U+2014). */
    char page[512];
    size_t k = 0;
    page[k++] = (char)0xFF;
    page[k++] = (char)0xFE;
    for (const char *p = ascii; *p; p++) {
        if ((unsigned char)*p == 0xe2) {
            page[k++] = 0x14;
            page[k++] = 0x20;
            p += 2;
        } else {
            page[k++] = *p;
            page[k++] = 0;
        }
    }
    char cs[64];
    cd_doc *doc = extract(page, k, NULL, cs, NULL);
    cr_expect_str_eq(cs, "UTF-16LE");
    cr_expect(strstr(text_of(doc), "evening \xe2\x80\x94 twice.") != NULL, "got: %s",
              text_of(doc));
    cd_doc_free(doc);
}

Test(html, undeclared_invalid_utf8_is_windows_1252)
{
    const char page[] = "<html><body>" BODY_1252 "</body></html>";
    char cs[64];
    cd_doc *doc = extract(page, sizeof page - 1, NULL, cs, NULL);
    cr_expect_str_eq(cs, "windows-1252");
    cr_expect(strstr(text_of(doc), WANT_1252) != NULL, "got: %s", text_of(doc));
    cd_doc_free(doc);
}

Test(html, undeclared_valid_utf8)
{
    const char page[] = "<p>\xe2\x80\x9cQuoted,\xe2\x80\x9d she said, and the residents "
                        "agreed.</p>";
    char cs[64];
    cd_doc *doc = extract(page, sizeof page - 1, NULL, cs, NULL);
    cr_expect_str_eq(cs, "UTF-8");
    cr_expect(strstr(text_of(doc), "\xe2\x80\x9cQuoted,\xe2\x80\x9d") != NULL);
    cd_doc_free(doc);
}

Test(html, declared_utf8_with_bad_bytes_gets_replacement)
{
    const char page[] = "<meta charset=utf-8><p>Bad \xff byte, but the rest of the "
                        "paragraph, with commas, stays.</p>";
    cd_doc *doc = extract(page, sizeof page - 1, NULL, NULL, NULL);
    cr_expect(strstr(text_of(doc), "Bad \xef\xbf\xbd byte") != NULL, "got: %s", text_of(doc));
    cd_doc_free(doc);
}

Test(html, unknown_charset_falls_back)
{
    const char page[] = "<meta charset=\"x-no-such-charset\"><p>Plain ASCII text, with "
                        "commas, long enough.</p>";
    char cs[64];
    cd_doc *doc = extract(page, sizeof page - 1, NULL, cs, NULL);
    cr_expect_str_eq(cs, "UTF-8");
    cr_expect(strstr(text_of(doc), "Plain ASCII text") != NULL);
    cd_doc_free(doc);
}

Test(html, empty_page)
{
    size_t n = 99;
    cd_doc *doc = extract("", 0, NULL, NULL, &n);
    cr_expect_eq(n, 0);
    cr_expect_eq(cd_doc_paragraph_count(doc), 0);
    cd_doc_free(doc);
    doc = extract("   \n  ", 6, NULL, NULL, &n);
    cr_expect_eq(n, 0);
    cd_doc_free(doc);
}

Test(html, truncated_html)
{
    const char page[] = "<html><head><title>T</title></head><body><div class=\"story\"><p>The "
                        "first paragraph is complete, with commas, and long enough.</p><p>The "
                        "second one was cut off in the mid";
    size_t n = 0;
    cd_doc *doc = extract(page, sizeof page - 1, NULL, NULL, &n);
    cr_expect_eq(n, 2);
    cr_expect(strstr(text_of(doc), "The second one was cut off in the mid") != NULL);
    cd_doc_free(doc);
    /* Cut inside a tag and inside a UTF-8 sequence. */
    const char page2[] = "<p>Officials, residents, engineers: all agreed \xe2\x80";
    doc = extract(page2, sizeof page2 - 1, NULL, NULL, &n);
    cr_expect_eq(n, 1);
    cd_doc_free(doc);
    const char page3[] = "<p>Officials, residents, engineers: all agreed.</p><di";
    doc = extract(page3, sizeof page3 - 1, NULL, NULL, &n);
    cr_expect_eq(n, 1);
    cd_doc_free(doc);
}

Test(html, nul_bytes_and_garbage)
{
    const char page[] = "<p>Officials\0, residents and engineers said so, at length.</p>\x01\x02<<<>>>";
    size_t n = 0;
    cd_doc *doc = extract(page, sizeof page - 1, NULL, NULL, &n);
    cr_expect_eq(n, 1);
    cr_expect(strstr(text_of(doc), "Officials, residents") != NULL, "got: %s", text_of(doc));
    cd_doc_free(doc);
}

static void nested(size_t depth, const char *open, const char *close)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        cd_buf_puts(&b, open);
    cd_buf_puts(&b, "<p>Deep inside, officials, residents and engineers said so.</p>");
    for (size_t i = 0; i < depth; i++)
        cd_buf_puts(&b, close);
    cd_buf_puts(&b, "</body></html>");
    clock_t t0 = clock();
    char *err = NULL;
    cd_html *h = cd_html_parse(b.data, b.len, NULL, &err);
    cr_assert_not_null(h);
    cd_doc *doc = cd_doc_new("deep");
    cd_html_extract(h, doc);
    cd_html_free(h);
    cd_doc_free(doc);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    cr_expect_lt(secs, 5.0, "%zu nested %s took %.2f s", depth, open, secs);
    cd_buf_free(&b);
}

Test(html, hundred_thousand_nested_divs)
{
    nested(100000, "<div>", "</div>");
}

Test(html, hundred_thousand_unclosed_tags)
{
    nested(100000, "<div><span><b>", "");
    nested(100000, "<blockquote>", "");
}
