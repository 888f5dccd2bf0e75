/* jsonl.c — JSON Lines: one object per claim group ("type": "group", most
 * important first), then one summary object ("type": "summary": sources,
 * stories, unmatched sentences, omissions, counts). For pipelines: each line
 * stands alone. */
#include "report.h"

#include "../jsondoc.h"

bool cd_report_jsonl(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx)
{
    (void)o;
    (void)set;
    const cd_rep *r = ctx;
    const cd_alignment *al = r->cmp->al;
    int rc = 0;
    /* one line per claim group, most important first, then the summary */
    for (size_t i = 0; i < al->n_groups && rc == 0; i++) {
        json_t *jg = json_object();
        json_object_set_new(jg, "type", json_string("group"));
        json_object_update_new(jg, cd_rep_json_group(r, r->order[i], i + 1));
        rc = json_dumpf(jg, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        fputc('\n', f);
        json_decref(jg);
    }
    json_t *sum = json_object();
    json_object_set_new(sum, "type", json_string("summary"));
    json_object_update_new(sum, cd_rep_json_head(r));
    json_t *unmatched = json_array();
    for (size_t k = 0; k < al->n_unmatched; k++)
        json_array_append_new(unmatched, cd_rep_json_sentence(r, al->unmatched[k]));
    json_object_set_new(sum, "unmatched", unmatched);
    json_object_set_new(sum, "omissions", cd_rep_json_omissions(r));
    json_object_set_new(sum, "counts", cd_rep_json_counts(r));
    if (rc == 0)
        rc = json_dumpf(sum, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    fputc('\n', f);
    json_decref(sum);
    return rc == 0 && !ferror(f);
}
