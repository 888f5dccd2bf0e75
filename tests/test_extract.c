/* test_extract.c — finding the article body: the five fixture pages of the
 * Brennick Dam story (every article paragraph of <slug>.txt is extracted,
 * none of the furniture lines listed in furniture.tsv), kinds and order,
 * and the boilerplate that must never come out. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    cd_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cd_buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return cd_buf_steal(&b);
}

static cd_doc *extract_bytes(const char *bytes, size_t len, size_t *n)
{
    char *err = NULL;
    cd_html *h = cd_html_parse(bytes, len, NULL, &err);
    cr_assert_not_null(h, "%s", err ? err : "?");
    cd_doc *doc = cd_doc_new("t");
    *n = cd_html_extract(h, doc);
    cd_html_free(h);
    return doc;
}

static cd_doc *extract_str(const char *s, size_t *n)
{
    return extract_bytes(s, strlen(s), n);
}

/* Whitespace-collapsed copy, for comparing lines with paragraphs. */
static char *squash(const char *s, size_t len)
{
    cd_buf b = {0};
    bool sp = false;
    for (size_t i = 0; i < len; i++) {
        if (isspace((unsigned char)s[i])) {
            sp = b.len > 0;
        } else {
            if (sp)
                cd_buf_putc(&b, ' ');
            sp = false;
            cd_buf_putc(&b, s[i]);
        }
    }
    return cd_buf_steal(&b);
}

/* All non-title paragraphs, each squashed, joined by " | ". */
static char *body_text(cd_doc *doc)
{
    size_t len;
    const char *t = cd_doc_text(doc, &len);
    cd_buf b = {0};
    for (size_t i = 0; i < cd_doc_paragraph_count(doc); i++) {
        const cd_paragraph *p = cd_doc_paragraph(doc, i);
        if (p->kind == CD_PARA_TITLE)
            continue;
        char *s = squash(t + p->start, p->end - p->start);
        cd_buf_puts(&b, " | ");
        cd_buf_puts(&b, s);
        free(s);
    }
    cd_buf_puts(&b, " | ");
    return cd_buf_steal(&b);
}

/* Is line n of slug.txt listed in furniture.tsv? Returns its kind or NULL. */
static const char *furniture_kind(const char *tsv, const char *slug, size_t n)
{
    static char kind[32];
    char key[128];
    snprintf(key, sizeof key, "\n%s.txt\t%zu\t", slug, n);
    const char *p = strstr(tsv, key);
    if (!p)
        return NULL;
    p += strlen(key);
    size_t k = strcspn(p, "\n");
    if (k >= sizeof kind)
        k = sizeof kind - 1;
    memcpy(kind, p, k);
    kind[k] = '\0';
    return kind;
}

static void check_story(const char *slug, size_t title_line, size_t want_paras)
{
    char path[512];
    size_t len, n, tlen, flen;
    snprintf(path, sizeof path, "%s/story/%s.html", FIXTURES, slug);
    char *html = slurp(path, &len);
    cd_doc *doc = extract_bytes(html, len, &n);
    free(html);
    cr_assert_gt(n, 0, "%s: nothing extracted", slug);
    const cd_paragraph *first = cd_doc_paragraph(doc, 0);
    cr_expect_eq(first->kind, CD_PARA_TITLE, "%s: the first paragraph is not the title", slug);
    char *body = body_text(doc);

    snprintf(path, sizeof path, "%s/story/%s.txt", FIXTURES, slug);
    char *txt = slurp(path, &tlen);
    snprintf(path, sizeof path, "%s/story/furniture.tsv", FIXTURES);
    char *tsv = slurp(path, &flen);
    size_t line = 0, article_lines = 0;
    for (char *p = txt; *p;) {
        char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        line++;
        char *s = squash(p, l);
        /* The .txt numbers list items ("1. "); the HTML's <ol> does not. */
        if (isdigit((unsigned char)s[0]) && s[1] == '.' && s[2] == ' ')
            memmove(s, s + 3, strlen(s + 3) + 1);
        const char *kind = furniture_kind(tsv, slug, line);
        if (!*s || line == title_line) {
            /* blank or the headline */
        } else if (!kind) {
            article_lines++;
            cr_expect(strstr(body, s) != NULL, "%s.txt:%zu: article line missing: %s", slug,
                      line, s);
        } else if (strcmp(kind, "title-repeat") != 0) {
            /* Furniture: never a paragraph of its own; longer lines not even inside one. */
            cd_buf q = {0};
            cd_buf_printf(&q, " | %s | ", s);
            cr_expect(strstr(body, q.data) == NULL, "%s.txt:%zu: %s furniture extracted: %s",
                      slug, line, kind, s);
            if (strlen(s) >= 30)
                cr_expect(strstr(body, s) == NULL, "%s.txt:%zu: %s furniture extracted: %s",
                          slug, line, kind, s);
            cd_buf_free(&q);
        }
        free(s);
        if (!e)
            break;
        p = e + 1;
    }
    cr_expect_gt(article_lines, 5);
    size_t paras = 0;
    for (size_t i = 0; i < cd_doc_paragraph_count(doc); i++)
        paras += cd_doc_paragraph(doc, i)->kind != CD_PARA_TITLE;
    cr_expect_eq(paras, want_paras, "%s: %zu paragraphs, want %zu", slug, paras, want_paras);
    free(tsv);
    free(txt);
    free(body);
    cd_doc_free(doc);
}

/* Article paragraphs per the fixture README (the Courier's three list items
 * count as paragraphs). */
Test(extract, meridian_wire) { check_story("meridian-wire", 16, 14); }
Test(extract, daily_klaxon) { check_story("daily-klaxon", 6, 11); }
Test(extract, free_veldria_voice) { check_story("free-veldria-voice", 4, 11); }
Test(extract, portsmere_courier) { check_story("portsmere-courier", 11, 16); }
Test(extract, karsland_today) { check_story("karsland-today", 13, 12); }

Test(extract, courier_kinds_and_cp1252)
{
    size_t len, n;
    char *html = slurp(FIXTURES "/story/portsmere-courier.html", &len);
    cd_doc *doc = extract_bytes(html, len, &n);
    free(html);
    size_t lists = 0, tlen;
    const char *t = cd_doc_text(doc, &tlen);
    for (size_t i = 0; i < cd_doc_paragraph_count(doc); i++) {
        const cd_paragraph *p = cd_doc_paragraph(doc, i);
        if (p->kind == CD_PARA_LIST) {
            lists++;
            cr_expect(strncmp(t + p->start, "1.", 2) != 0);
        }
    }
    cr_expect_eq(lists, 3);
    cr_expect(cd_utf8_valid(t, tlen));
    cr_expect(strstr(t, "\xe2\x80\x9c") != NULL, "curly quotes decoded from cp1252");
    cd_doc_free(doc);
}

Test(extract, no_article)
{
    size_t n = 9;
    cd_doc *doc = extract_str(
        "<html><head><title>Home</title></head><body>"
        "<nav><ul><li><a href=/a>World</a></li><li><a href=/b>Business</a></li></ul></nav>"
        "<div class=menu><a href=/c>Sports</a> <a href=/d>Weather</a></div>"
        "<ul><li><a href=/x>A headline that is only a link to another story</a></li>"
        "<li><a href=/y>Another headline that is only a link somewhere else</a></li></ul>"
        "<footer><p>Copyright 2026 Example Media. All rights reserved, everywhere.</p></footer>"
        "</body></html>", &n);
    cr_expect_eq(n, 0);
    cr_expect_eq(cd_doc_paragraph_count(doc), 0);
    cd_doc_free(doc);
}

Test(extract, script_style_never_in_output)
{
    size_t n;
    cd_doc *doc = extract_str(
        "<html><head><style>p { color: red } .SECRETSTYLE{}</style>"
        "<script>var SECRETSCRIPT = 'The dam, engineers said, will hold';</script></head><body>"
        "<article><h1>Headline here</h1><p>First paragraph, with commas, of real text.</p>"
        "<script>document.write('SECRETSCRIPT2, with commas, and more words');</script>"
        "<noscript>SECRETNOSCRIPT, please enable JavaScript to read on</noscript>"
        "<style>.x{SECRETSTYLE2}</style><template><p>SECRETTEMPLATE, inert</p></template>"
        "<p>Second paragraph, also with commas, of real text.</p></article></body></html>", &n);
    size_t len;
    const char *t = cd_doc_text(doc, &len);
    cr_expect_eq(n, 3);
    cr_expect(strstr(t, "SECRET") == NULL, "got: %s", t);
    cr_expect(strstr(t, "color") == NULL);
    cd_doc_free(doc);
}

Test(extract, hidden_chrome_captions_and_shares)
{
    size_t n;
    cd_doc *doc = extract_str(
        "<body><header><p>Site header text, with commas, that is long enough.</p></header>"
        "<article class=story><h1>The headline</h1>"
        "<p class=byline>By Jane Doe, Staff Writer, with commas</p>"
        "<p>Real paragraph one, with commas, and enough words to count.</p>"
        "<figure><img src=x.jpg><figcaption>HIDDENCAPTION, a photo of the dam</figcaption></figure>"
        "<div hidden><p>HIDDEN1, hidden attribute, with commas</p></div>"
        "<div style=\"display: none\"><p>HIDDEN2, display none, with commas</p></div>"
        "<div aria-hidden=\"true\"><p>HIDDEN3, aria hidden, with commas</p></div>"
        "<div class=share-tools><p>HIDDEN4 Share this story on Facebook, Twitter, e-mail</p></div>"
        "<h2>A subheading</h2>"
        "<p>Real paragraph two,<br>after a line break, and   more\n\n  words.</p>"
        "<blockquote><p>A quoted passage, with commas, kept as body text.</p></blockquote>"
        "<div class=newsletter-signup><p>HIDDEN5 Sign up for our newsletter, daily, free</p></div>"
        "<aside><p>HIDDEN6 Related: another story, elsewhere, with commas</p></aside>"
        "<div id=comments><p>HIDDEN7 Great article, thanks, I agree</p></div>"
        "</article><footer><p>HIDDEN8 Copyright, all rights reserved</p></footer></body>", &n);
    size_t len;
    const char *t = cd_doc_text(doc, &len);
    cr_expect(strstr(t, "HIDDEN") == NULL, "got: %s", t);
    cr_expect(strstr(t, "Jane Doe") == NULL, "byline kept: %s", t);
    cr_expect(strstr(t, "Site header") == NULL);
    cr_assert_eq(n, 5, "got %zu: %s", n, t);
    cr_expect_eq(cd_doc_paragraph(doc, 0)->kind, CD_PARA_TITLE);
    cr_expect_eq(cd_doc_paragraph(doc, 2)->kind, CD_PARA_HEADING);
    cr_expect_eq(cd_doc_paragraph(doc, 3)->kind, CD_PARA_BODY);
    const cd_paragraph *p = cd_doc_paragraph(doc, 3);
    cr_expect(strncmp(t + p->start, "Real paragraph two,\nafter a line break, and more words.",
                      p->end - p->start) == 0,
              "got: %.*s", (int)(p->end - p->start), t + p->start);
    cd_doc_free(doc);
}

Test(extract, double_br_splits_paragraphs)
{
    size_t n;
    cd_doc *doc = extract_str(
        "<body><div class=content>First paragraph, with commas, long enough to count."
        "<br><br>Second paragraph, with commas, long enough to count.<br> <br>"
        "Third paragraph, with commas, long enough to count.</div></body>", &n);
    cr_expect_eq(n, 3);
    cd_doc_free(doc);
}

Test(extract, nfc)
{
    size_t n;
    /* e + combining acute becomes U+00E9. */
    cd_doc *doc = extract_str("<p>Caf\x65\xcc\x81 owners, residents and officials agreed.</p>", &n);
    size_t len;
    const char *t = cd_doc_text(doc, &len);
    cr_expect(strstr(t, "Caf\xc3\xa9 owners") != NULL, "got: %s", t);
    cd_doc_free(doc);
}

/* fuzz_html's CI smoke run: a page cut at nesting depth 20 where a link's
 * first text adds nothing to the block buffer, which was then still NULL
 * (pointer arithmetic on NULL: clang's UBSan flags it, GCC's does not check
 * it, so this test guards it only in a clang sanitizer build). The bytes are
 * kept in fixtures/bad and seed fuzz_html's corpus (fuzz/make-corpus.sh), so
 * .ci/run's clang fuzz smoke run replays them every time. */
Test(extract, link_text_at_depth_cap)
{
    size_t len;
    char *html = slurp(FIXTURES "/bad/fuzz-html-link-at-depth-cap.html", &len);
    bool deep = false;
    char *err = NULL;
    cd_html *h = cd_html_parse_capped(html, len, NULL, 20, &deep, &err);
    cr_assert(h, "%s", err ? err : "");
    cd_doc *d = cd_doc_new("fuzz.html");
    cd_html_meta(h, d, true);
    cd_html_extract(h, d);
    cd_html_free(h);
    cd_doc_analyse(d, 0);
    size_t n;
    const char *t = cd_doc_text(d, &n);
    cr_expect(cd_utf8_valid(t, n));
    cd_doc_free(d);
    free(html);
}
