/* cmd_check.c — `claimdiff check -c "CLAIM" SOURCE...`: newsroom
 * verification of one claim. For each source, the sentences that carry the
 * claim (pair score at or above the same-claim threshold against the claim,
 * IDF from the sources), each with its framing and attribution, the words
 * that differ from the claim and the divergences (quotes, numbers, dates,
 * framing…); a source with none says "not reported" and names its closest
 * sentence. */
#include "cli.h"
#include "compare.h"
#include "jsondiv.h"
#include "jsondoc.h"
#include "report/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CLOSEST_MIN 0.25 /* a closest sentence below this score is not worth naming */

typedef struct {
    size_t sent;
    double score;
    cd_divergence *divs;
    size_t n_divs;
} match;

typedef struct {
    match *m;
    size_t n;
    size_t closest; /* SIZE_MAX: none */
    double closest_score;
} result;

typedef struct {
    cd_doc *claim;
    cd_analysis *claim_an;
    cd_analysis **an;   /* per source */
    result *res;        /* per source */
    const char **names; /* per source */
    cd_arena *arena;
    bool color;
    size_t width;
} check_run;

static void claim_member(const check_run *c, cd_member *out)
{
    size_t len;
    const char *text = cd_doc_text(c->claim, &len);
    out->text = text;
    out->range = (cd_range){0, len};
    out->toks = cd_doc_token_count(c->claim) ? cd_doc_token(c->claim, 0) : NULL;
    out->n_toks = cd_doc_token_count(c->claim);
    out->info = cd_doc_sentence_count(c->claim) ? cd_analysis_sentence(c->claim_an, 0) : NULL;
    out->name = "the claim";
}

static void sentence_member(const check_run *c, const cd_doc *d, size_t doc, size_t s,
                            cd_member *out)
{
    const cd_sentence *se = cd_doc_sentence(d, s);
    out->text = cd_doc_text(d, NULL);
    out->range = (cd_range){se->start, se->end};
    out->toks = se->tok_count ? cd_doc_token(d, se->tok_first) : NULL;
    out->n_toks = se->tok_count;
    out->info = c->an[doc] ? cd_analysis_sentence(c->an[doc], s) : NULL;
    out->name = c->names[doc];
}

static void find(check_run *c, const cd_source_set *set)
{
    cd_synonyms *syn = cd_synonyms_new();
    cd_idf *idf = cd_idf_new();
    size_t nt = cd_doc_token_count(c->claim);
    cd_features *cf = cd_features_new(cd_doc_text(c->claim, NULL),
                                      nt ? cd_doc_token(c->claim, 0) : NULL, nt, syn);
    /* IDF from every sentence of every source, one document each */
    cd_features ***f = cd_xcalloc(set->n, sizeof *f);
    for (size_t d = 0; d < set->n; d++) {
        const cd_doc *doc = set->docs[d];
        if (!doc)
            continue;
        size_t ns = cd_doc_sentence_count(doc), n_all = 0, cap = 0;
        const char **all = NULL;
        f[d] = cd_xcalloc(ns ? ns : 1, sizeof **f);
        for (size_t s = 0; s < ns; s++) {
            f[d][s] = cd_features_of_sentence(doc, s, syn);
            for (size_t k = 0; k < f[d][s]->n_stems; k++) {
                if (n_all == cap) {
                    cap = cap ? cap * 2 : 256;
                    all = cd_xrealloc(all, cap * sizeof *all);
                }
                all[n_all++] = f[d][s]->stems[k];
            }
        }
        cd_idf_add_doc(idf, all, n_all);
        free(all);
    }
    cd_features_weigh(cf, idf);
    cd_member cm;
    claim_member(c, &cm);
    for (size_t d = 0; d < set->n; d++) {
        const cd_doc *doc = set->docs[d];
        result *res = &c->res[d];
        res->closest = SIZE_MAX;
        if (!doc)
            continue;
        size_t ns = cd_doc_sentence_count(doc);
        for (size_t s = 0; s < ns; s++) {
            cd_features_weigh(f[d][s], idf);
            double sc = cd_pair_score(cf, f[d][s], idf);
            if (sc > res->closest_score || res->closest == SIZE_MAX) {
                res->closest = s;
                res->closest_score = sc;
            }
            if (sc < CD_SAME_CLAIM_THRESHOLD)
                continue;
            res->m = cd_xrealloc(res->m, (res->n + 1) * sizeof *res->m);
            match *m = &res->m[res->n++];
            memset(m, 0, sizeof *m);
            m->sent = s;
            m->score = sc;
            cd_member pair[2];
            pair[0] = cm;
            sentence_member(c, doc, d, s, &pair[1]);
            m->n_divs = cd_diverge(c->arena, pair, 2, &m->divs);
        }
        for (size_t s = 0; s < ns; s++)
            cd_features_free(f[d][s]);
        free(f[d]);
    }
    free(f);
    cd_features_free(cf);
    cd_idf_free(idf);
    cd_synonyms_free(syn);
}

/* ----------------------------------------------------------------- text */

/* A summary starting with "the claim" starts a line: capitalised. */
static void summary_line(FILE *f, const check_run *c, const char *summary)
{
    fputs("      ", f);
    cd_wrap w;
    cd_wrap_start(&w, f, c->color, c->width, 8, 6);
    cd_wrap_puts(&w, "!", ST_WARN);
    cd_wrap_space(&w);
    if (summary[0] >= 'a' && summary[0] <= 'z') {
        char first[2] = {(char)(summary[0] - 32), 0};
        cd_wrap_puts(&w, first, ST_PLAIN);
        summary++;
    }
    cd_wrap_puts(&w, summary, ST_PLAIN);
    cd_wrap_end(&w);
}

static void text_sentence(FILE *f, const check_run *c, const cd_doc *d, size_t doc,
                          const match *m)
{
    cd_member mb, cm;
    sentence_member(c, d, doc, m->sent, &mb);
    claim_member(c, &cm);
    fputs("  - ", f);
    cd_wrap w;
    cd_wrap_start(&w, f, c->color, c->width, 4, 4);
    if (mb.info) {
        char badge[32];
        snprintf(badge, sizeof badge, "[%s]", cd_framing_badge(mb.info->framing));
        cd_wrap_puts(&w, badge, ST_BADGE);
        cd_wrap_space(&w);
    }
    const cd_div_side *side = NULL;
    for (size_t k = 0; k < m->n_divs && !side; k++)
        if (m->divs[k].kind == CD_DIV_WORDING)
            for (size_t s = 0; s < m->divs[k].n_sides; s++)
                if (m->divs[k].sides[s].member == 1 && m->divs[k].sides[s].ops)
                    side = &m->divs[k].sides[s];
    cd_piece *p = NULL;
    size_t n = cd_diff_pieces(&cm, &mb, side ? side->ops : NULL, side ? side->n_ops : 0, true,
                              &p, NULL);
    for (size_t k = 0; k < n; k++)
        cd_wrap_add(&w, p[k].s, p[k].n,
                    p[k].kind == CD_DIFF_SAME  ? ST_PLAIN
                    : p[k].kind == CD_DIFF_DEL ? ST_DEL
                                               : ST_ADD);
    free(p);
    cd_wrap_end(&w);
    if (mb.info && mb.info->attr_source) {
        fputs("    ", f);
        cd_wrap_start(&w, f, c->color, c->width, 6, 4);
        cd_wrap_puts(&w, "attributed to ", ST_DIM);
        cd_wrap_puts(&w, mb.info->attr_source, ST_PLAIN);
        if (mb.info->attr_cue) {
            cd_wrap_puts(&w, " (", ST_PLAIN);
            cd_wrap_puts(&w, mb.info->attr_cue, ST_PLAIN);
            cd_wrap_puts(&w, ")", ST_PLAIN);
        }
        cd_wrap_end(&w);
    }
    for (size_t k = 0; k < m->n_divs; k++)
        if (m->divs[k].kind != CD_DIV_WORDING && m->divs[k].summary)
            summary_line(f, c, m->divs[k].summary);
}

static bool write_text(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx)
{
    const check_run *c = ctx;
    size_t len;
    const char *claim = cd_doc_text(c->claim, &len);
    fputs("Claim: ", f);
    cd_put_text(f, claim, len, true);
    const cd_sentence_info *ci =
        cd_doc_sentence_count(c->claim) ? cd_analysis_sentence(c->claim_an, 0) : NULL;
    if (ci)
        fprintf(f, "  [%s]", cd_framing_badge(ci->framing));
    fputs("\nWords: [-in the claim, not in the sentence-] {+in the sentence, not in the "
          "claim+}\n",
          f);
    (void)o;
    for (size_t d = 0; d < set->n; d++) {
        fputc('\n', f);
        cd_put_text(f, c->names[d], strlen(c->names[d]), true);
        fputc('\n', f);
        if (!set->docs[d]) {
            fputs("  could not be read: ", f);
            const char *e = set->errors[d] ? set->errors[d] : "unknown error";
            cd_put_text(f, e, strlen(e), true);
            fputc('\n', f);
            continue;
        }
        const result *res = &c->res[d];
        if (!res->n) {
            fputs("  ", f);
            cd_wrap w;
            cd_wrap_start(&w, f, c->color, c->width, 4, 2);
            cd_wrap_puts(&w, "not reported", ST_WARN);
            if (res->closest != SIZE_MAX && res->closest_score >= CLOSEST_MIN) {
                const cd_sentence *s = cd_doc_sentence(set->docs[d], res->closest);
                char sc[64];
                snprintf(sc, sizeof sc, " (closest sentence, score %.2f: ", res->closest_score);
                cd_wrap_puts(&w, sc, ST_DIM);
                cd_wrap_add(&w, cd_doc_text(set->docs[d], NULL) + s->start, s->end - s->start,
                            ST_DIM);
                cd_wrap_puts(&w, ")", ST_DIM);
            }
            cd_wrap_end(&w);
            continue;
        }
        for (size_t k = 0; k < res->n; k++)
            text_sentence(f, c, set->docs[d], d, &res->m[k]);
    }
    return !ferror(f);
}

/* ----------------------------------------------------------------- json */

static json_t *real4(double x)
{
    return json_real(round(x * 10000.0) / 10000.0);
}

static bool write_json(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx)
{
    (void)o;
    const check_run *c = ctx;
    json_t *root = json_object();
    json_object_set_new(root, "schema", json_string("claimdiff/1"));
    json_t *claim = json_object();
    size_t len;
    const char *text = cd_doc_text(c->claim, &len);
    json_object_set_new(claim, "text", json_stringn(text, len));
    cd_json_add_info(claim, cd_doc_sentence_count(c->claim)
                                ? cd_analysis_sentence(c->claim_an, 0)
                                : NULL);
    json_object_set_new(root, "claim", claim);
    json_object_set_new(root, "threshold", real4(CD_SAME_CLAIM_THRESHOLD));
    json_t *sources = json_array(), *results = json_array();
    for (size_t d = 0; d < set->n; d++) {
        json_array_append_new(sources,
                              cd_json_source(d, set->origins[d], set->docs[d], set->errors[d]));
        if (!set->docs[d])
            continue;
        const result *res = &c->res[d];
        json_t *jr = json_object(), *matches = json_array();
        char sid[32];
        snprintf(sid, sizeof sid, "s%zu", d + 1);
        json_object_set_new(jr, "source", json_string(sid));
        json_object_set_new(jr, "reported", json_boolean(res->n > 0));
        for (size_t k = 0; k < res->n; k++) {
            const match *m = &res->m[k];
            json_t *s = cd_json_sentence(d, set->docs[d], m->sent);
            cd_json_add_info(s, c->an[d] ? cd_analysis_sentence(c->an[d], m->sent) : NULL);
            json_object_set_new(s, "score", real4(m->score));
            cd_member pair[2];
            claim_member(c, &pair[0]);
            sentence_member(c, set->docs[d], d, m->sent, &pair[1]);
            const char *ids[2] = {"claim", sid};
            json_object_set_new(s, "divergences",
                                cd_json_divergences(m->divs, m->n_divs, pair, ids));
            json_array_append_new(matches, s);
        }
        json_object_set_new(jr, "matches", matches);
        if (!res->n && res->closest != SIZE_MAX && res->closest_score >= CLOSEST_MIN) {
            json_t *s = cd_json_sentence(d, set->docs[d], res->closest);
            json_object_set_new(s, "score", real4(res->closest_score));
            json_object_set_new(jr, "closest", s);
        }
        json_array_append_new(results, jr);
    }
    json_object_set_new(root, "sources", sources);
    json_object_set_new(root, "results", results);
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    fputc('\n', f);
    json_decref(root);
    return rc == 0 && !ferror(f);
}

int cd_cmd_check(const cd_options *o)
{
    if (!o->claim)
        return cd_usage_error("'check' needs the claim: -c \"CLAIM\"");
    check_run c;
    memset(&c, 0, sizeof c);
    c.claim = cd_doc_new("claim");
    cd_buf clean = {0};
    cd_rep_clean(&clean, o->claim, strlen(o->claim));
    if (!cd_utf8_valid(clean.data, clean.len) || clean.len > 4096) {
        cd_buf_free(&clean);
        cd_doc_free(c.claim);
        return cd_usage_error("-c wants a claim of at most 4096 bytes of UTF-8 text");
    }
    cd_doc_add_paragraph(c.claim, clean.data, clean.len, CD_PARA_BODY, 1);
    cd_buf_free(&clean);
    cd_doc_analyse(c.claim, 0);
    if (cd_doc_token_count(c.claim) == 0) {
        cd_doc_free(c.claim);
        return cd_usage_error("-c holds no words");
    }
    cd_source_set set;
    size_t failed = cd_load_sources(o, &set);
    int rc;
    if (set.n - failed < 1) {
        cd_error(NULL, "no readable source");
        rc = CD_EXIT_SOURCE;
    } else {
        c.claim_an = cd_analyse(c.claim);
        c.an = cd_xcalloc(set.n, sizeof *c.an);
        c.res = cd_xcalloc(set.n, sizeof *c.res);
        c.names = cd_xcalloc(set.n, sizeof *c.names);
        c.arena = cd_arena_new();
        for (size_t d = 0; d < set.n; d++) {
            const char *outlet = set.docs[d] ? cd_doc_outlet(set.docs[d]) : NULL;
            c.names[d] = outlet && *outlet ? outlet : set.origins[d];
            c.an[d] = set.docs[d] ? cd_analyse(set.docs[d]) : NULL;
        }
        find(&c, &set);
        /* colour and width as the compare report decides them */
        cd_rep view;
        cd_comparison none = {0};
        cd_alignment al = {0};
        none.al = &al;
        cd_rep_init(&view, o, &set, &none);
        c.color = view.color;
        c.width = view.width;
        cd_rep_free(&view);
        cd_writer writers[FMT_COUNT] = {[FMT_TEXT] = write_text, [FMT_JSON] = write_json};
        rc = cd_report_with(o, &set, failed, writers, &c);
        if (rc == CD_EXIT_OK && o->exit_code) {
            bool hit = false;
            for (size_t d = 0; d < set.n && !hit; d++)
                for (size_t k = 0; k < c.res[d].n && !hit; k++)
                    for (size_t v = 0; v < c.res[d].m[k].n_divs && !hit; v++)
                        hit = !o->fail_on || (o->fail_on & (1u << c.res[d].m[k].divs[v].kind));
            if (hit)
                rc = CD_EXIT_DIFF;
        }
        for (size_t d = 0; d < set.n; d++) {
            if (c.an[d])
                cd_analysis_free(c.an[d]);
            free(c.res[d].m);
        }
        if (c.claim_an)
            cd_analysis_free(c.claim_an);
        cd_arena_free(c.arena);
        free(c.an);
        free(c.res);
        free(c.names);
    }
    cd_source_set_free(&set);
    cd_doc_free(c.claim);
    return rc;
}
