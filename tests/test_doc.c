/* test_doc.c — the document model: paragraphs, sentences, spans, tokens. */
#include <criterion/criterion.h>
#include <string.h>

#include "claimdiff.h"

Test(doc, metadata_is_copied)
{
    char title[] = "A title";
    cd_doc *d = cd_doc_new("x.txt");
    cd_doc_set_title(d, title);
    title[0] = 'B';
    cr_expect_str_eq(cd_doc_title(d), "A title");
    cr_expect_str_eq(cd_doc_origin(d), "x.txt");
    cr_expect_null(cd_doc_outlet(d));
    cr_expect_null(cd_doc_published(d));
    cd_doc_set_published(d, "2023-06-12");
    cr_expect_str_eq(cd_doc_published(d), "2023-06-12");
    cd_doc_set_title(d, NULL);
    cr_expect_null(cd_doc_title(d));
    cd_doc_free(d);
}

Test(doc, paragraphs_sentences_and_spans)
{
    cd_doc *d = cd_doc_new("t");
    const char *p1 = "Kim met Putin.";
    const char *p2 = "\xe2\x80\x9cIt was historic,\xe2\x80\x9d he said. Both left.";
    cd_doc_add_paragraph(d, p1, strlen(p1), CD_PARA_TITLE, 1);
    cd_doc_add_paragraph(d, p2, strlen(p2), CD_PARA_BODY, 3);
    cd_doc_add_paragraph(d, "", 0, CD_PARA_BODY, 4); /* empty: ignored */
    cd_doc_analyse(d, 0);
    size_t len;
    const char *text = cd_doc_text(d, &len);
    cr_expect_eq(cd_doc_paragraph_count(d), 2);
    cr_expect_eq(cd_doc_paragraph(d, 1)->start, strlen(p1) + 2);
    cr_assert_eq(cd_doc_sentence_count(d), 3);
    const cd_sentence *s = cd_doc_sentence(d, 1);
    cr_expect_eq(s->paragraph, 1);
    cr_expect_eq(memcmp(text + s->start, "\xe2\x80\x9cIt was", 9), 0);
    /* code points: "Kim met Putin." (14) + "\n\n" (2) */
    cr_expect_eq(s->cp_start, 16);
    /* the curly quotes count one code point each */
    cr_expect_eq(s->cp_end - s->cp_start, cd_utf8_count(text + s->start, s->end - s->start));
    cr_expect_eq(s->cp_end - s->cp_start, s->end - s->start - 4);
    const cd_sentence *last = cd_doc_sentence(d, 2);
    cr_expect_eq(last->end, len);
    /* tokens belong to their sentence and point into the text */
    for (size_t i = 0; i < cd_doc_sentence_count(d); i++) {
        const cd_sentence *x = cd_doc_sentence(d, i);
        cr_expect_gt(x->tok_count, 0);
        for (size_t k = x->tok_first; k < x->tok_first + x->tok_count; k++) {
            const cd_token *t = cd_doc_token(d, k);
            cr_expect_geq(t->start, x->start);
            cr_expect_leq(t->start + t->len, x->end);
        }
    }
    const cd_token *t0 = cd_doc_token(d, 0);
    cr_expect_str_eq(t0->form->norm, "kim");
    cr_expect_null(cd_doc_sentence(d, 3));
    cd_doc_free(d);
}

Test(doc, dropped_and_warnings)
{
    cd_doc *d = cd_doc_new("t");
    cd_doc_add_dropped(d, 7, "Share this!", 11, "share plea");
    cd_doc_add_warning(d, "2 invalid UTF-8 sequences replaced by U+FFFD");
    cr_expect_eq(cd_doc_dropped_count(d), 1);
    cr_expect_str_eq(cd_doc_dropped(d, 0)->text, "Share this!");
    cr_expect_str_eq(cd_doc_dropped(d, 0)->reason, "share plea");
    cr_expect_eq(cd_doc_dropped(d, 0)->line, 7);
    cr_expect_eq(cd_doc_warning_count(d), 1);
    cd_doc_analyse(d, 0); /* no text: fine */
    cr_expect_eq(cd_doc_sentence_count(d), 0);
    cd_doc_free(d);
}
