/* fuzz_manifest.c — libFuzzer target: any bytes as a JSON source, read as a
 * manifest and as a saved document. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    cd_source_spec *specs = NULL;
    size_t n = 0;
    char *err = NULL;
    if (cd_manifest_read("dir/m.json", s, size, NULL, &specs, &n, &err)) {
        for (size_t i = 0; i < n; i++)
            if (!specs[i].origin)
                abort();
        cd_source_specs_free(specs, n);
    } else if (!err || strchr(err, '\n')) {
        abort();
    }
    free(err);
    err = NULL;
    cd_doc *d = cd_doc_from_json("saved.json", s, size, NULL, NULL, &err);
    if (d)
        cd_doc_analyse(d, 0);
    cd_doc_free(d);
    free(err);
    return 0;
}
