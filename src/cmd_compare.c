/* cmd_compare.c — `claimdiff compare SOURCE...`: stories, claim groups and
 * unmatched sentences (compare/align.c) as the claimdiff/1 JSON report, or a
 * plain list of groups as text. Divergences come later (issue 6); the
 * "divergences" arrays are empty for now. */
#include "cli.h"
#include "compare.h"
#include "jsondoc.h"

#include <math.h>
#include <string.h>

#include "cd_config.h"

#define HASH_SEED 0 /* no hashing yet: recorded for the contract */

static const char *outlet_of(const cd_source_set *set, size_t d)
{
    const char *o = cd_doc_outlet(set->docs[d]);
    return o ? o : set->origins[d];
}

static void put_sentence(FILE *f, const cd_source_set *set, cd_align_ref r)
{
    const cd_doc *d = set->docs[r.doc];
    const cd_sentence *s = cd_doc_sentence(d, r.sent);
    const char *outlet = outlet_of(set, r.doc);
    fputs("  [", f);
    cd_put_text(f, outlet, strlen(outlet), true);
    fputs("] ", f);
    cd_put_text(f, cd_doc_text(d, NULL) + s->start, s->end - s->start, true);
    fputc('\n', f);
}

static bool write_text(FILE *f, const cd_options *o, const cd_source_set *set,
                       const void *ctx)
{
    (void)o;
    const cd_alignment *al = ctx;
    for (size_t g = 0; g < al->n_groups; g++) {
        const cd_align_group *gr = &al->groups[g];
        fprintf(f, "%sg%zu (story t%zu, score %.2f%s)\n", g ? "\n" : "", g + 1, gr->story + 1,
                gr->score, gr->cross_story ? ", across stories" : "");
        for (size_t m = 0; m < gr->n_members; m++)
            put_sentence(f, set, gr->members[m]);
    }
    fprintf(f, "%s%zu group%s, %zu unmatched sentence%s\n", al->n_groups ? "\n" : "",
            al->n_groups, al->n_groups == 1 ? "" : "s", al->n_unmatched,
            al->n_unmatched == 1 ? "" : "s");
    return !ferror(f);
}

static json_t *real4(double x)
{
    return json_real(round(x * 10000.0) / 10000.0);
}

static bool write_json(FILE *f, const cd_options *o, const cd_source_set *set,
                       const void *ctx)
{
    (void)o;
    const cd_alignment *al = ctx;
    json_t *root = json_object();
    json_object_set_new(root, "schema", json_string("claimdiff/1"));
    json_object_set_new(root, "tool", json_pack("{s:s, s:s}", "name", "claimdiff", "version",
                                                CD_VERSION));
    json_t *params = json_object();
    json_object_set_new(params, "threshold", real4(CD_SAME_CLAIM_THRESHOLD));
    json_object_set_new(params, "hash_seed", json_integer(HASH_SEED));
    json_object_set_new(params, "max_candidates", json_integer(CD_ALIGN_MAX_CANDIDATES));
    json_object_set_new(params, "min_idf", real4(CD_ALIGN_MIN_IDF));
    json_object_set_new(params, "max_postings", json_integer(CD_ALIGN_MAX_POSTINGS));
    json_object_set_new(params, "max_groups_per_sentence", json_integer(CD_ALIGN_MAX_GROUPS));
    json_object_set_new(params, "story_min_groups", json_integer(CD_ALIGN_STORY_MIN_GROUPS));
    json_object_set_new(params, "story_fraction", real4(CD_ALIGN_STORY_FRACTION));
    json_object_set_new(root, "params", params);

    json_t *sources = json_array();
    for (size_t i = 0; i < set->n; i++)
        json_array_append_new(sources,
                              cd_json_source(i, set->origins[i], set->docs[i], set->errors[i]));
    json_object_set_new(root, "sources", sources);

    json_t *stories = json_array();
    for (size_t t = 0; t < al->n_stories; t++) {
        char id[32];
        snprintf(id, sizeof id, "t%zu", t + 1);
        json_t *members = json_array();
        for (size_t d = 0; d < set->n; d++)
            if (al->story_of[d] == t) {
                char sid[32];
                snprintf(sid, sizeof sid, "s%zu", d + 1);
                json_array_append_new(members, json_string(sid));
            }
        json_array_append_new(stories, json_pack("{s:s, s:o}", "id", id, "sources", members));
    }
    json_object_set_new(root, "stories", stories);

    json_t *groups = json_array();
    for (size_t g = 0; g < al->n_groups; g++) {
        const cd_align_group *gr = &al->groups[g];
        char id[32], story[32];
        snprintf(id, sizeof id, "g%zu", g + 1);
        snprintf(story, sizeof story, "t%zu", gr->story + 1);
        json_t *members = json_array();
        for (size_t m = 0; m < gr->n_members; m++)
            json_array_append_new(members, cd_json_sentence(gr->members[m].doc,
                                                            set->docs[gr->members[m].doc],
                                                            gr->members[m].sent));
        json_t *jg = json_object();
        json_object_set_new(jg, "id", json_string(id));
        json_object_set_new(jg, "story", json_string(story));
        if (gr->cross_story)
            json_object_set_new(jg, "cross_story", json_true());
        json_object_set_new(jg, "score", real4(gr->score));
        json_object_set_new(jg, "members", members);
        json_object_set_new(jg, "divergences", json_array());
        json_array_append_new(groups, jg);
    }
    json_object_set_new(root, "groups", groups);

    json_t *unmatched = json_array();
    for (size_t k = 0; k < al->n_unmatched; k++)
        json_array_append_new(unmatched,
                              cd_json_sentence(al->unmatched[k].doc, set->docs[al->unmatched[k].doc],
                                               al->unmatched[k].sent));
    json_object_set_new(root, "unmatched", unmatched);

    /* scores rounded to 4 places print as such (cd_json_write would show
     * every binary digit of 0.51) */
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    fputc('\n', f);
    json_decref(root);
    return rc == 0 && !ferror(f);
}

int cd_cmd_compare(const cd_options *o)
{
    cd_source_set set;
    size_t failed = cd_load_sources(o, &set);
    int rc;
    if (set.n < 2 && !failed) {
        rc = cd_usage_error("'compare' needs at least two sources");
    } else if (set.n - failed < 2) {
        cd_error(NULL, "need at least two readable sources");
        rc = CD_EXIT_SOURCE;
    } else {
        cd_alignment *al = cd_align((const cd_doc *const *)set.docs, set.n, NULL);
        rc = cd_report(o, &set, failed, write_text, write_json, al);
        cd_alignment_free(al);
    }
    cd_source_set_free(&set);
    return rc;
}
