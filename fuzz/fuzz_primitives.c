/* fuzz_primitives.c — libFuzzer target: raw bytes, outside the valid-UTF-8
 * contract, straight into the text primitives and the cleaner. None may
 * crash, hang or return spans out of range. */
#include <stdint.h>
#include <stdlib.h>

#include "fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    cd_spans sp = {0};
    cd_segment(s, size, 16 + size % 50, &sp);
    for (size_t i = 0; i < sp.n; i++)
        if (!(sp.v[i].start < sp.v[i].end && sp.v[i].end <= size))
            abort();
    cd_spans_free(&sp);

    cd_arena *a = cd_arena_new();
    cd_tokenizer *tk = cd_tokenizer_new(a);
    cd_tokens t = {0};
    cd_tokenize(tk, s, 0, size, &t);
    for (size_t i = 0; i < t.n; i++)
        if (t.v[i].start + t.v[i].len > size)
            abort();
    cd_tokens_free(&t);
    cd_tokenizer_free(tk);
    cd_arena_free(a);

    cd_buf b = {0};
    cd_nfc(s, size, &b);
    cd_fold(s, size, &b);
    cd_buf_free(&b);

    cd_doc *d = cd_doc_new("fuzz");
    cd_textclean(s, size, d);
    cd_doc_free(d);
    d = cd_doc_new("fuzz");
    cd_text_keep_all(s, size, d);
    cd_doc_free(d);
    return 0;
}
