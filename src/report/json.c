/* json.c — the claimdiff/1 report (DESIGN.md, docs/claimdiff-report.schema.json)
 * and the pieces of it that the JSON Lines report reuses. */
#include "report.h"
#include "parallel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cd_config.h"
#include "../jsondiv.h"
#include "../jsondoc.h"

#define HASH_SEED 0 /* no hashing in the alignment: recorded for the contract */

static json_t *real4(double x)
{
    return json_real(round(x * 10000.0) / 10000.0);
}

static json_t *id(char prefix, size_t i)
{
    char b[32];
    snprintf(b, sizeof b, "%c%zu", prefix, i + 1);
    return json_string(b);
}

void cd_rep_jw_sentence(cd_jw *w, const cd_rep *r, cd_align_ref ref)
{
    cd_jw_obj(w);
    cd_jw_sentence_fields(w, ref.doc, r->set->docs[ref.doc], ref.sent);
    cd_jw_info_fields(w, cd_rep_info(r, ref));
    cd_jw_end(w);
}

json_t *cd_rep_json_sentence(const cd_rep *r, cd_align_ref ref)
{
    cd_jw w;
    cd_jw_tree(&w);
    cd_rep_jw_sentence(&w, r, ref);
    return cd_jw_root(&w);
}

json_t *cd_rep_json_head(const cd_rep *r)
{
    const cd_alignment *al = r->cmp->al;
    json_t *root = json_object();
    json_object_set_new(root, "schema", json_string("claimdiff/1"));
    json_object_set_new(root, "tool", json_pack("{s:s, s:s}", "name", "claimdiff", "version",
                                                CD_VERSION));
    json_t *params = json_object();
    json_object_set_new(params, "threshold", real4(CD_SAME_CLAIM_THRESHOLD));
    json_object_set_new(params, "hash_seed", json_integer(HASH_SEED));
    json_object_set_new(params, "max_candidates", json_integer(CD_ALIGN_MAX_CANDIDATES));
    json_object_set_new(params, "candidates_kept", json_integer((json_int_t)al->candidates_kept));
    json_object_set_new(params, "max_pairs",
                        json_integer((json_int_t)(r->o->max_pairs ? r->o->max_pairs
                                                                  : CD_ALIGN_MAX_PAIRS)));
    json_object_set_new(params, "pairs_capped", json_boolean(al->pairs_capped));
    json_object_set_new(params, "min_idf", real4(CD_ALIGN_MIN_IDF));
    json_object_set_new(params, "min_shared", real4(CD_ALIGN_MIN_SHARED));
    json_object_set_new(params, "max_postings", json_integer(CD_ALIGN_MAX_POSTINGS));
    json_object_set_new(params, "max_groups_per_sentence", json_integer(CD_ALIGN_MAX_GROUPS));
    json_object_set_new(params, "story_min_groups", json_integer(CD_ALIGN_STORY_MIN_GROUPS));
    json_object_set_new(params, "story_fraction", real4(CD_ALIGN_STORY_FRACTION));
    json_object_set_new(root, "params", params);

    json_t *sources = json_array();
    for (size_t i = 0; i < r->set->n; i++)
        json_array_append_new(sources, cd_json_source(i, r->set->origins[i], r->set->docs[i],
                                                      r->set->errors[i]));
    json_object_set_new(root, "sources", sources);

    json_t *stories = json_array();
    for (size_t t = 0; t < al->n_stories; t++) {
        json_t *members = json_array();
        for (size_t d = 0; d < r->set->n; d++)
            if (r->set->docs[d] && al->story_of[d] == t)
                json_array_append_new(members, id('s', d));
        json_array_append_new(stories, json_pack("{s:o, s:o}", "id", id('t', t), "sources",
                                                 members));
    }
    json_object_set_new(root, "stories", stories);
    return root;
}

void cd_rep_jw_group_fields(cd_jw *w, const cd_rep *r, size_t g, size_t rank)
{
    const cd_align_group *gr = &r->cmp->al->groups[g];
    char b[32];
    cd_jw_key(w, "id");
    snprintf(b, sizeof b, "g%zu", g + 1);
    cd_jw_str(w, b);
    cd_jw_key(w, "story");
    snprintf(b, sizeof b, "t%zu", gr->story + 1);
    cd_jw_str(w, b);
    if (gr->cross_story) {
        cd_jw_key(w, "cross_story");
        cd_jw_bool(w, true);
    }
    cd_jw_key(w, "rank");
    cd_jw_int(w, (long long)rank);
    cd_jw_key(w, "score");
    cd_jw_real(w, round(gr->score * 10000.0) / 10000.0);
    size_t n = gr->n_members ? gr->n_members : 1;
    cd_member *mem = cd_xcalloc(n, sizeof *mem);
    char (*ids)[24] = cd_xcalloc(n, sizeof *ids);
    const char **idp = cd_xcalloc(n, sizeof *idp);
    cd_jw_key(w, "members");
    cd_jw_arr(w);
    for (size_t m = 0; m < gr->n_members; m++) {
        cd_rep_jw_sentence(w, r, gr->members[m]);
        cd_rep_member(r, gr->members[m], &mem[m]);
        snprintf(ids[m], sizeof ids[m], "s%zu", gr->members[m].doc + 1);
        idp[m] = ids[m];
    }
    cd_jw_end(w);
    cd_jw_key(w, "divergences");
    if (r->cmp->divs) {
        cd_jw_divergences(w, r->cmp->divs[g], r->cmp->n_divs[g], mem, idp);
    } else {
        cd_jw_arr(w);
        cd_jw_end(w);
    }
    free(mem);
    free(ids);
    free(idp);
}

json_t *cd_rep_json_omissions(const cd_rep *r)
{
    json_t *a = json_array();
    for (size_t k = 0; k < r->cmp->n_omissions; k++) {
        const cd_omission *om = &r->cmp->omissions[k];
        json_t *o = json_object();
        json_object_set_new(o, "story", id('t', om->story));
        json_object_set_new(o, "group", om->group == SIZE_MAX ? json_null() : id('g', om->group));
        json_object_set_new(o, "source", id('s', om->ref.doc));
        json_object_set_new(o, "sentence", json_integer((json_int_t)om->ref.sent + 1));
        size_t len;
        const char *text = cd_rep_sentence(r, om->ref, &len);
        json_object_set_new(o, "text", json_stringn(text, len));
        json_t *present = json_array(), *missing = json_array();
        for (size_t i = 0; i < om->n_present; i++)
            json_array_append_new(present, id('s', om->present[i]));
        for (size_t i = 0; i < om->n_missing; i++)
            json_array_append_new(missing, id('s', om->missing[i]));
        json_object_set_new(o, "present", present);
        json_object_set_new(o, "missing", missing);
        json_object_set_new(o, "weight", real4(om->weight));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *cd_rep_json_counts(const cd_rep *r)
{
    json_t *kinds = json_object();
    size_t count[CD_DIV_KINDS] = {0};
    for (size_t g = 0; r->cmp->divs && g < r->cmp->al->n_groups; g++)
        for (size_t k = 0; k < r->cmp->n_divs[g]; k++)
            count[r->cmp->divs[g][k].kind]++;
    for (int k = 0; k < CD_DIV_KINDS; k++)
        json_object_set_new(kinds, cd_div_kind_name((cd_div_kind)k),
                            json_integer((json_int_t)count[k]));
    return json_pack("{s:I, s:I, s:I, s:o}", "groups", (json_int_t)r->cmp->al->n_groups,
                     "unmatched", (json_int_t)r->cmp->al->n_unmatched, "omissions",
                     (json_int_t)r->cmp->n_omissions, "divergences", kinds);
}

#define JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6))

/* The groups (rank given) or the unmatched sentences (rank NULL) as the
 * items of a JSON array: dumped a batch at a time on a few threads, then
 * written in order, so that the bytes are those of one sequential dump. */
#define DUMP_BATCH 512

typedef struct {
    const cd_rep *r;
    const size_t *rank;
    size_t first;    /* this batch: items first, first + 1 ... */
    cd_buf *out;     /* its texts */
    FILE *f;
    const cd_buf *prev; /* the batch before, written meanwhile */
    size_t prev_first, prev_m;
} dump_job;

static void write_batch(FILE *f, const cd_buf *out, size_t first, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        fputs(first + i ? ",\n    " : "\n    ", f);
        fwrite(out[i].data, 1, out[i].len, f);
    }
}

static void dump_one(void *ctx, size_t i, size_t worker)
{
    (void)worker;
    dump_job *j = ctx;
    if (j->prev_m) { /* item 0 writes the batch before (taken first) */
        if (i == 0) {
            write_batch(j->f, j->prev, j->prev_first, j->prev_m);
            return;
        }
        i--;
    }
    size_t k = j->first + i;
    cd_jw w;
    j->out[i].len = 0;
    cd_jw_text(&w, &j->out[i], 2, 2); /* an item of a top-level array */
    if (j->rank) {
        cd_jw_obj(&w);
        cd_rep_jw_group_fields(&w, j->r, k, j->rank[k]);
        cd_jw_end(&w);
    } else {
        cd_rep_jw_sentence(&w, j->r, j->r->cmp->al->unmatched[k]);
    }
}

/* The items of a list, a batch at a time on the threads; while one batch
 * is made, the one before is written (two sets of buffers), in order. */
static bool put_list(FILE *f, const cd_rep *r, size_t n, const size_t *rank)
{
    cd_buf out[2][DUMP_BATCH];
    memset(out, 0, sizeof out);
    size_t prev_first = 0, prev_m = 0, b = 0;
    for (size_t first = 0; first < n; first += DUMP_BATCH, b ^= 1) {
        size_t m = n - first < DUMP_BATCH ? n - first : DUMP_BATCH;
        dump_job j = {r, rank, first, out[b], f, out[b ^ 1], prev_first, prev_m};
        cd_parallel_for(prev_m ? m + 1 : m, dump_one, &j);
        prev_first = first;
        prev_m = m;
    }
    write_batch(f, out[b ^ 1], prev_first, prev_m);
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < DUMP_BATCH; i++)
            cd_buf_free(&out[k][i]);
    return !ferror(f);
}

/* The claimdiff/1 report, written piece by piece: the same bytes as one
 * json_dumpf of the whole tree, but the groups and unmatched sentences are
 * written as text by the JSON writer, a batch at a time, and no tree of
 * them is ever built (5,000 articles: hundreds of MB and seconds less). */
bool cd_report_json(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx)
{
    (void)o;
    (void)set;
    const cd_rep *r = ctx;
    const cd_alignment *al = r->cmp->al;
    bool ok = true;
    json_t *jhead = cd_rep_json_head(r);
    char *head = json_dumps(jhead, JSON_FLAGS);
    json_decref(jhead);
    /* the head object without its closing "\n}" */
    size_t hl = head ? strlen(head) : 0;
    if (!head || hl < 2) {
        free(head);
        return false;
    }
    fwrite(head, 1, hl - 2, f);
    free(head);

    size_t *rank = cd_xcalloc(al->n_groups ? al->n_groups : 1, sizeof *rank);
    for (size_t i = 0; i < al->n_groups; i++)
        rank[r->order[i]] = i + 1;
    fputs(",\n  \"groups\": [", f);
    ok = put_list(f, r, al->n_groups, rank);
    fputs(al->n_groups ? "\n  ]" : "]", f);
    free(rank);

    fputs(",\n  \"unmatched\": [", f);
    ok = ok && put_list(f, r, al->n_unmatched, NULL);
    fputs(al->n_unmatched ? "\n  ]" : "]", f);
    fputs(",\n  \"omissions\": ", f);
    ok = ok && cd_json_put_nested(f, cd_rep_json_omissions(r), 2, JSON_FLAGS);
    fputs(",\n  \"counts\": ", f);
    ok = ok && cd_json_put_nested(f, cd_rep_json_counts(r), 2, JSON_FLAGS);
    fputs("\n}\n", f);
    return ok && !ferror(f);
}
