/* cmd_fetch.c — `claimdiff fetch`: download pages into the cache and show
 * what was found in each; -o DIR (an existing directory) saves every
 * document as JSON there, to be given back later as a SOURCE. */
#include "cli.h"
#include "jsondoc.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Save each document to DIR/<xxh3 of its origin>.json, atomically. */
static bool save_all(const char *dir, const cd_source_set *set)
{
    bool ok = true;
    for (size_t i = 0; i < set->n; i++) {
        if (!set->docs[i])
            continue;
        cd_buf path = {0};
        cd_buf_printf(&path, "%s/%016llx.json", dir,
                      (unsigned long long)XXH3_64bits(set->origins[i], strlen(set->origins[i])));
        cd_out out;
        if (!cd_out_open(&out, path.data)) {
            ok = false;
        } else {
            json_t *root = json_object(), *arr = json_array();
            json_object_set_new(root, "schema", json_string("claimdiff/1"));
            json_array_append_new(arr, cd_json_document(0, set->origins[i], set->docs[i], NULL));
            json_object_set_new(root, "sources", arr);
            bool w = cd_json_write(out.f, root);
            json_decref(root);
            ok &= cd_out_close(&out, w);
            printf("%s\t%s\n", path.data, set->origins[i]);
        }
        cd_buf_free(&path);
    }
    return ok;
}

static bool write_text(FILE *f, const cd_options *o, const cd_source_set *set,
                       const void *ctx)
{
    (void)ctx;
    (void)o;
    for (size_t i = 0; i < set->n; i++) {
        const cd_doc *d = set->docs[i];
        if (!d)
            continue;
        cd_put_text(f, set->origins[i], strlen(set->origins[i]), true);
        fprintf(f, "\t%zu sentences\t", cd_doc_sentence_count(d));
        const char *t = cd_doc_title(d);
        if (t)
            cd_put_text(f, t, strlen(t), true);
        fputc('\n', f);
    }
    return !ferror(f);
}

int cd_cmd_fetch(const cd_options *o)
{
    cd_source_set set;
    size_t failed = cd_load_sources(o, &set);
    int rc = failed ? CD_EXIT_SOURCE : CD_EXIT_OK;
    if (is_dir(o->output)) {
        if (!save_all(o->output, &set))
            rc = CD_EXIT_INTERNAL;
        cd_source_set_free(&set);
        return rc;
    }
    rc = cd_report(o, &set, failed, write_text, cd_write_documents_json, NULL);
    cd_source_set_free(&set);
    return rc;
}
