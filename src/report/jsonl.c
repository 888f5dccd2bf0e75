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
    cd_buf line = {0};
    for (size_t i = 0; i < al->n_groups; i++) {
        cd_jw w;
        line.len = 0;
        cd_jw_text(&w, &line, 0, 0);
        cd_jw_obj(&w);
        cd_jw_key(&w, "type");
        cd_jw_str(&w, "group");
        cd_rep_jw_group_fields(&w, r, r->order[i], i + 1);
        cd_jw_end(&w);
        cd_buf_putc(&line, '\n');
        fwrite(line.data, 1, line.len, f);
    }
    cd_buf_free(&line);
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
