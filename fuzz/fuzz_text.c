/* fuzz_text.c — libFuzzer target: any bytes as a source (text, HTML or JSON,
 * decided from the content), with and without cleanup, then the document
 * invariants: spans ordered and in range, valid UTF-8, code-point spans
 * consistent, tokens inside their sentence. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_doc(const cd_doc *d)
{
    size_t len;
    const char *t = cd_doc_text(d, &len);
    if (!cd_utf8_valid(t, len))
        abort();
    size_t prev_end = 0;
    for (size_t i = 0; i < cd_doc_sentence_count(d); i++) {
        const cd_sentence *s = cd_doc_sentence(d, i);
        if (!(s->start < s->end && s->end <= len && s->start >= prev_end))
            abort();
        if (s->cp_end - s->cp_start != cd_utf8_count(t + s->start, s->end - s->start))
            abort();
        for (size_t k = s->tok_first; k < s->tok_first + s->tok_count; k++) {
            const cd_token *tk = cd_doc_token(d, k);
            if (tk->start < s->start || tk->start + tk->len > s->end || tk->len == 0)
                abort();
        }
        prev_end = s->end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int no_clean = 0; no_clean < 2; no_clean++) {
        /* small caps, so that cutting sentences and keeping the first N
         * (a rebuilt document) happen often */
        cd_load_opts o = {.no_clean = no_clean, .max_sentence_bytes = 16 + size % 64,
                          .max_sentences = no_clean ? 1 + size % 7 : 0};
        cd_buf b = {0};
        cd_buf_append(&b, (const char *)data, size);
        char *err = NULL;
        cd_doc *d = cd_source_load_owned("fuzz", &b, NULL, NULL, &o, &err);
        if (d) {
            check_doc(d);
            if (o.max_sentences && cd_doc_sentence_count(d) > o.max_sentences)
                abort();
        }
        else if (!err || strchr(err, '\n'))
            abort(); /* every failure is one line */
        cd_doc_free(d);
        free(err);
    }
    char date[11];
    cd_date_find((const char *)data, size, date);
    return 0;
}
