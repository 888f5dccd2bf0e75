/* fuzz_html.c — libFuzzer target: any bytes as an HTML page, through the
 * parser (with a nesting limit from 8 to 39, so the depth cap is reached
 * often), the article extractor and the metadata reader. */
#include <stdint.h>
#include <stdlib.h>

#include "fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *charset = size && (data[0] & 1) ? "windows-1252" : NULL;
    char *err = NULL;
    bool deep = false;
    unsigned depth = size ? 8 + data[size - 1] % 32 : 0;
    cd_html *h = cd_html_parse_capped((const char *)data, size, charset, depth, &deep, &err);
    if (!h) {
        free(err);
        return 0;
    }
    cd_doc *d = cd_doc_new("fuzz.html");
    cd_html_meta(h, d, true);
    cd_html_extract(h, d);
    cd_html_free(h);
    cd_doc_analyse(d, 0);
    size_t len;
    const char *t = cd_doc_text(d, &len);
    if (!cd_utf8_valid(t, len))
        abort();
    cd_doc_free(d);
    return 0;
}
