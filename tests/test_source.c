/* test_source.c — reading sources: every bad input gives a clear one-line
 * error or a correct result, never a crash. Inputs are written at run time
 * into a temporary directory. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch.h"

static char dir[] = "/tmp/cd-source-XXXXXX";
static const cd_load_opts CLEAN = {0};
static const cd_load_opts RAW = {.no_clean = true};

static void setup(void)
{
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(source, .init = setup, .fini = teardown);

static const char *write_file(const char *name, const void *bytes, size_t n)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
    return path;
}

/* Load, expecting failure with a message containing want. */
static void expect_error(const char *path, const cd_load_opts *o, const char *want)
{
    char *err = NULL;
    cd_doc *d = cd_source_load(path, NULL, o, &err);
    cr_expect_null(d, "%s: loaded, want error «%s»", path, want);
    cd_doc_free(d);
    cr_assert_not_null(err);
    cr_expect_not_null(strstr(err, want), "error «%s», want «%s»", err, want);
    cr_expect_null(strchr(err, '\n'), "error must be one line: «%s»", err);
    free(err);
}

/* Load, expecting success; returns the doc. */
static cd_doc *expect_doc(const char *path, const cd_load_opts *o)
{
    char *err = NULL;
    cd_doc *d = cd_source_load(path, NULL, o, &err);
    cr_assert_not_null(d, "%s: %s", path, err ? err : "?");
    cr_expect_null(err);
    return d;
}

static bool doc_has_sentence(const cd_doc *d, const char *want)
{
    const char *text = cd_doc_text(d, NULL);
    for (size_t i = 0; i < cd_doc_sentence_count(d); i++) {
        const cd_sentence *s = cd_doc_sentence(d, i);
        if (s->end - s->start == strlen(want) && memcmp(text + s->start, want, strlen(want)) == 0)
            return true;
    }
    return false;
}

static const char ARTICLE[] =
    "The dam at Portsmere gave way on Tuesday, officials said.\n\n"
    "At least 12 people were killed, according to the regional governor.\n\n"
    "\"We are still searching,\" said Dr. Ana Ortiz of the rescue service.\n";

Test(source, missing_file)
{
    char path[300];
    snprintf(path, sizeof path, "%s/nope.txt", dir);
    expect_error(path, &CLEAN, "No such file or directory");
}

Test(source, directory)
{
    expect_error(dir, &CLEAN, "is a directory");
}

Test(source, empty_file)
{
    expect_error(write_file("empty.txt", "", 0), &CLEAN, "empty input");
}

Test(source, only_white_space)
{
    expect_error(write_file("ws.txt", " \n\n\t \n", 6), &CLEAN, "no text");
}

Test(source, binary_png)
{
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0,
                                        13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
                                        0, 0, 0, 0x1f, 0x15, 0xc4, 0x89};
    expect_error(write_file("x.png", png, sizeof png), &CLEAN, "binary data");
}

Test(source, binary_random_with_nuls)
{
    unsigned char buf[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (i % 3 == 0) ? 0 : (unsigned char)(x >> 16);
    }
    expect_error(write_file("r.bin", buf, sizeof buf), &CLEAN, "binary data");
}

Test(source, invalid_utf8_is_repaired_with_a_warning)
{
    const char t[] = "The caf\xc3\xa9 owner said the \x80 dam \xe2\x82 was \xc0\xaf safe \xff today.\n";
    cd_doc *d = expect_doc(write_file("bad.txt", t, sizeof t - 1), &RAW);
    size_t len;
    const char *text = cd_doc_text(d, &len);
    cr_expect(cd_utf8_valid(text, len));
    cr_expect_not_null(strstr(text, "\xef\xbf\xbd"));
    cr_assert_geq(cd_doc_warning_count(d), 1);
    cr_expect_not_null(strstr(cd_doc_warning(d, 0), "invalid"), "%s", cd_doc_warning(d, 0));
    cd_doc_free(d);
}

Test(source, nul_bytes_are_removed_with_a_warning)
{
    const char t[] = "The dam held\0 for years. Then\0 it broke.\0\n";
    cd_doc *d = expect_doc(write_file("nul.txt", t, sizeof t - 1), &RAW);
    cr_expect(doc_has_sentence(d, "The dam held for years."));
    cr_expect(doc_has_sentence(d, "Then it broke."));
    bool warned = false;
    for (size_t i = 0; i < cd_doc_warning_count(d); i++)
        warned |= strstr(cd_doc_warning(d, i), "3 NUL bytes") != NULL;
    cr_expect(warned);
    cd_doc_free(d);
}

static void expect_article(cd_doc *d)
{
    cr_expect(doc_has_sentence(d, "The dam at Portsmere gave way on Tuesday, officials said."));
    cr_expect(doc_has_sentence(d, "At least 12 people were killed, according to the regional "
                                  "governor."));
    cr_expect(doc_has_sentence(d, "\"We are still searching,\" said Dr. Ana Ortiz of the rescue "
                                  "service."));
    cr_expect_eq(cd_doc_sentence_count(d), 3);
    size_t len;
    const char *text = cd_doc_text(d, &len);
    cr_expect_null(memchr(text, '\r', len), "a CR survived");
    cr_expect_neq((unsigned char)text[0], 0xEF, "a BOM survived");
}

Test(source, crlf_line_ends)
{
    cd_buf b = {0};
    for (const char *p = ARTICLE; *p; p++)
        cd_buf_append(&b, *p == '\n' ? "\r\n" : p, *p == '\n' ? 2 : 1);
    cd_doc *d = expect_doc(write_file("crlf.txt", b.data, b.len), &CLEAN);
    expect_article(d);
    cd_doc_free(d);
    cd_buf_free(&b);
}

Test(source, cr_line_ends)
{
    cd_buf b = {0};
    for (const char *p = ARTICLE; *p; p++)
        cd_buf_putc(&b, *p == '\n' ? '\r' : *p);
    cd_doc *d = expect_doc(write_file("cr.txt", b.data, b.len), &CLEAN);
    expect_article(d);
    cd_doc_free(d);
    cd_buf_free(&b);
}

Test(source, utf8_bom)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "\xef\xbb\xbf");
    cd_buf_puts(&b, ARTICLE);
    cd_doc *d = expect_doc(write_file("bom.txt", b.data, b.len), &CLEAN);
    expect_article(d);
    cd_doc_free(d);
    cd_buf_free(&b);
}

static void utf16(bool le)
{
    cd_buf b = {0};
    cd_buf_puts(&b, le ? "\xff\xfe" : "\xfe\xff");
    for (const char *p = ARTICLE; *p; p++) {
        char u[2] = {le ? *p : 0, le ? 0 : *p};
        cd_buf_append(&b, u, 2);
    }
    cd_doc *d = expect_doc(write_file(le ? "le.txt" : "be.txt", b.data, b.len), &CLEAN);
    expect_article(d);
    cd_doc_free(d);
    cd_buf_free(&b);
}

Test(source, utf16le_with_bom) { utf16(true); }
Test(source, utf16be_with_bom) { utf16(false); }

Test(source, windows_1252)
{
    const char t[] = "The mayor\x92s office said \x93" "all is well\x94 \x97 for now.\n";
    cd_doc *d = expect_doc(write_file("cp.txt", t, sizeof t - 1), &RAW);
    cr_expect(doc_has_sentence(d, "The mayor\xe2\x80\x99s office said \xe2\x80\x9c"
                                  "all is well\xe2\x80\x9d \xe2\x80\x94 for now."));
    cd_doc_free(d);
}

Test(source, only_boilerplate)
{
    const char t[] = "Home\nNews\nWorld\n\nShare this article\n\nSubscribe to our newsletter\n\n"
                     "Most Popular\n\nSee all\n\nLoad more\n\n"
                     "Copyright 2026 Example Media. All rights reserved.\n";
    expect_error(write_file("boiler.txt", t, sizeof t - 1), &CLEAN, "no article text found");
    /* --no-clean keeps every line */
    cd_doc *d = expect_doc(write_file("boiler2.txt", t, sizeof t - 1), &RAW);
    cr_expect_gt(cd_doc_sentence_count(d), 5);
    cd_doc_free(d);
}

Test(source, html_without_an_article)
{
    const char t[] = "<!DOCTYPE html><html><head><title>Menu</title></head><body>"
                     "<nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>";
    expect_error(write_file("p.html", t, sizeof t - 1), &CLEAN, "no article text found");
}

Test(source, size_cap)
{
    char t[2048];
    memset(t, 'a', sizeof t);
    cd_load_opts o = {.max_bytes = 1024};
    expect_error(write_file("big.txt", t, sizeof t), &o, "larger than the 1 KiB limit");
}

Test(source, outlet_from_label_or_file_name)
{
    const char *p = write_file("wire-service.txt", ARTICLE, sizeof ARTICLE - 1);
    cd_doc *d = expect_doc(p, &CLEAN);
    cr_expect_str_eq(cd_doc_outlet(d), "wire-service");
    cd_doc_free(d);
    char *err = NULL;
    d = cd_source_load(p, "The Wire", &CLEAN, &err);
    cr_assert_not_null(d);
    cr_expect_str_eq(cd_doc_outlet(d), "The Wire");
    cd_doc_free(d);
}

/* A 50 MB single line: over the default cap it is refused clearly; with a
 * higher cap it becomes sentences no longer than the sentence cap. */
Test(source, fifty_megabyte_single_line, .timeout = 120)
{
    size_t n = 50u * 1024 * 1024;
    char *big = cd_xmalloc(n);
    for (size_t i = 0; i < n; i++)
        big[i] = (i % 8 == 7) ? ' ' : (char)('a' + i % 8);
    const char *p = write_file("huge.txt", big, n);
    free(big);
    expect_error(p, &CLEAN, "larger than the 10 MiB limit");
    cd_load_opts o = {.max_bytes = 64u * 1024 * 1024, .no_clean = true};
    cd_doc *d = expect_doc(p, &o);
    size_t count = cd_doc_sentence_count(d);
    cr_expect_geq(count, n / CD_MAX_SENTENCE_BYTES);
    for (size_t i = 0; i < count; i++)
        cr_assert_leq(cd_doc_sentence(d, i)->end - cd_doc_sentence(d, i)->start,
                      CD_MAX_SENTENCE_BYTES);
    cr_expect(cd_doc_sentence(d, 0)->cut);
    cd_doc_free(d);
}
