/* fuzz_manifest.c — libFuzzer target: any bytes as a JSON source, read as a
 * manifest and as a saved document, with nesting and source caps taken from
 * the input's last byte (so the caps are reached often); every URL it names,
 * and the input itself as one string, through the cache-key normaliser and
 * the address guard's host check. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    cd_source_spec *specs = NULL;
    size_t n = 0;
    char *err = NULL;
    unsigned char last = size ? data[size - 1] : 0;
    cd_load_opts o = {.max_depth = 8 + last % 16, .max_sources = 1 + last % 4};
    if (cd_manifest_read("dir/m.json", s, size, &o, &specs, &n, &err)) {
        if (n > o.max_sources)
            abort();
        for (size_t i = 0; i < n; i++) {
            char *norm = cd_url_normalise(specs[i].origin);
            if (norm && !cd_is_url(norm))
                abort();
            free(norm);
            cd_host_refusal(specs[i].origin);
        }
        for (size_t i = 0; i < n; i++)
            if (!specs[i].origin)
                abort();
        cd_source_specs_free(specs, n);
    } else if (!err || strchr(err, '\n')) {
        abort();
    }
    free(err);
    err = NULL;
    char *z = malloc(size + 1); /* the bytes as one string */
    memcpy(z, data, size);
    z[size] = '\0';
    free(cd_url_normalise(z));
    cd_host_refusal(z);
    free(z);
    cd_doc *d = cd_doc_from_json("saved.json", s, size, NULL, &o, &err);
    if (d)
        cd_doc_analyse(d, 0);
    cd_doc_free(d);
    free(err);
    return 0;
}
