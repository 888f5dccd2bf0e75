/* cmd_sentences.c — `claimdiff sentences`: one sentence per line behind its
 * framing (the teaching view: fact, attributed, hedged, denied), or JSON
 * with every per-sentence field of the analysis. */
#include "cli.h"
#include "compare.h"
#include "jsondoc.h"
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#define FRAMING_W 10 /* "attributed" */

static bool write_text(FILE *f, const cd_options *o, const cd_source_set *set,
                       const void *ctx)
{
    (void)o;
    cd_analysis *const *an = ctx;
    size_t shown = 0;
    for (size_t i = 0; i < set->n; i++) {
        const cd_doc *d = set->docs[i];
        if (!d)
            continue;
        if (set->n > 1) {
            fputs(shown ? "\n==> " : "==> ", f);
            cd_put_text(f, set->origins[i], strlen(set->origins[i]), true);
            fputs(" <==\n", f);
        }
        shown++;
        const char *text = cd_doc_text(d, NULL);
        for (size_t k = 0; k < cd_doc_sentence_count(d); k++) {
            const cd_sentence *s = cd_doc_sentence(d, k);
            const cd_sentence_info *info = an[i] ? cd_analysis_sentence(an[i], k) : NULL;
            fprintf(f, "%-*s  ", FRAMING_W, info ? cd_framing_badge(info->framing) : "");
            cd_put_text(f, text + s->start, s->end - s->start, true);
            fputc('\n', f);
        }
    }
    return !ferror(f);
}

/* {"schema", "sources", "sentences"}, written sentence by sentence (the
 * bytes of one dump of the whole tree, without holding it: a big input
 * would otherwise cost about 100 times its size). */
static bool write_json(FILE *f, const cd_options *o, const cd_source_set *set,
                       const void *ctx)
{
    (void)o;
    cd_analysis *const *an = ctx;
    const size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
    json_t *sources = json_array();
    for (size_t i = 0; i < set->n; i++)
        json_array_append_new(sources,
                              cd_json_source(i, set->origins[i], set->docs[i], set->errors[i]));
    fputs("{\n  \"schema\": \"claimdiff/1\",\n  \"sources\": ", f);
    bool ok = cd_json_put_nested(f, sources, 2, flags);
    fputs(",\n  \"sentences\": [", f);
    size_t written = 0;
    for (size_t i = 0; ok && i < set->n; i++)
        for (size_t k = 0; ok && set->docs[i] && k < cd_doc_sentence_count(set->docs[i]); k++) {
            json_t *s = cd_json_sentence(i, set->docs[i], k);
            cd_json_add_info(s, an[i] ? cd_analysis_sentence(an[i], k) : NULL);
            fputs(written++ ? ",\n    " : "\n    ", f);
            ok = cd_json_put_nested(f, s, 4, flags);
        }
    fputs(written ? "\n  ]\n}\n" : "]\n}\n", f);
    return ok && !ferror(f);
}

int cd_cmd_sentences(const cd_options *o)
{
    cd_source_set set;
    size_t failed = cd_load_sources(o, &set);
    cd_analysis **an = cd_xcalloc(set.n ? set.n : 1, sizeof *an);
    for (size_t i = 0; i < set.n; i++)
        an[i] = set.docs[i] ? cd_analyse(set.docs[i]) : NULL;
    int rc = cd_report(o, &set, failed, write_text, write_json, an);
    for (size_t i = 0; i < set.n; i++)
        if (an[i])
            cd_analysis_free(an[i]);
    free(an);
    cd_source_set_free(&set);
    return rc;
}
