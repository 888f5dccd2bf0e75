/* cmd_extract.c — `claimdiff extract`: the article text and metadata of each
 * source, and what the cleanup dropped. */
#include "cli.h"
#include "jsondoc.h"

#include <string.h>

static void field(FILE *f, const char *name, const char *v)
{
    fprintf(f, "%-10s ", name);
    if (v)
        cd_put_text(f, v, strlen(v), true);
    else
        fputs("-", f);
    fputc('\n', f);
}

static bool write_text(FILE *f, const cd_options *o, const cd_source_set *set,
                       const void *ctx)
{
    (void)ctx;
    size_t shown = 0;
    for (size_t i = 0; i < set->n; i++) {
        const cd_doc *d = set->docs[i];
        if (!d)
            continue;
        if (shown++)
            fputc('\n', f);
        field(f, "source:", set->origins[i]);
        field(f, "outlet:", cd_doc_outlet(d));
        field(f, "title:", cd_doc_title(d));
        field(f, "byline:", cd_doc_byline(d));
        field(f, "published:", cd_doc_published(d));
        size_t np = cd_doc_paragraph_count(d), ns = cd_doc_sentence_count(d),
               nd = cd_doc_dropped_count(d);
        fprintf(f, "%-10s %zu paragraph%s, %zu sentence%s, %zu line%s dropped\n\n", "kept:", np,
                np == 1 ? "" : "s", ns, ns == 1 ? "" : "s", nd, nd == 1 ? "" : "s");
        const char *text = cd_doc_text(d, NULL);
        for (size_t k = 0; k < cd_doc_paragraph_count(d); k++) {
            const cd_paragraph *p = cd_doc_paragraph(d, k);
            if (k)
                fputc('\n', f);
            cd_put_text(f, text + p->start, p->end - p->start, false);
            fputc('\n', f);
        }
        if (o->show_dropped && cd_doc_dropped_count(d)) {
            fputs("\ndropped:\n", f);
            for (size_t k = 0; k < cd_doc_dropped_count(d); k++) {
                const cd_dropped *x = cd_doc_dropped(d, k);
                fprintf(f, "  %5zu  %-24s ", x->line, x->reason);
                cd_put_text(f, x->text, strlen(x->text), true);
                fputc('\n', f);
            }
        }
    }
    return !ferror(f);
}

int cd_cmd_extract(const cd_options *o)
{
    cd_source_set set;
    size_t failed = cd_load_sources(o, &set);
    int rc = cd_report(o, &set, failed, write_text, cd_write_documents_json, NULL);
    cd_source_set_free(&set);
    return rc;
}
