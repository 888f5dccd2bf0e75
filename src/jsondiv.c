/* jsondiv.c — divergences as JSON (see jsondiv.h and docs/divergence.md). */
#include "jsondiv.h"
#include "jsondoc.h"

#include <string.h>

/* A JSON string of text[r). */
static void text_of(cd_jw *w, const cd_member *m, cd_range r)
{
    cd_jw_strn(w, m->text + r.start, r.end > r.start ? r.end - r.start : 0);
}

/* [{"op": "same", "a": …, "b": …}, {"op": "del", "a": …}, {"op": "add", "b": …}] */
static void diff_json(cd_jw *w, const cd_div_side *s, const cd_member *base, const cd_member *m)
{
    cd_jw_arr(w);
    for (size_t i = 0; i < s->n_ops; i++) {
        const cd_diff_op *o = &s->ops[i];
        cd_jw_obj(w);
        cd_jw_key(w, "op");
        cd_jw_str(w, o->kind == CD_DIFF_SAME ? "same" : o->kind == CD_DIFF_DEL ? "del" : "add");
        if (o->kind != CD_DIFF_ADD) {
            cd_jw_key(w, "a");
            text_of(w, base, o->a);
        }
        if (o->kind != CD_DIFF_DEL) {
            cd_jw_key(w, "b");
            text_of(w, m, o->b);
        }
        cd_jw_end(w);
    }
    cd_jw_end(w);
}

void cd_jw_divergences(cd_jw *w, const cd_divergence *d, size_t n, const cd_member *members,
                       const char *const *ids)
{
    cd_jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        const cd_divergence *v = &d[i];
        cd_jw_obj(w);
        cd_jw_key(w, "kind");
        cd_jw_str(w, cd_div_kind_name(v->kind));
        cd_jw_key(w, "sources");
        cd_jw_arr(w);
        for (size_t k = 0; k < v->n_sides; k++)
            cd_jw_str(w, ids[v->sides[k].member]);
        cd_jw_end(w);
        cd_jw_key(w, "summary");
        cd_jw_str(w, v->summary ? v->summary : "");
        cd_jw_key(w, "detail");
        cd_jw_obj(w);
        cd_jw_key(w, "base");
        cd_jw_str(w, ids[v->base]);
        cd_jw_key(w, "sides");
        cd_jw_arr(w);
        for (size_t k = 0; k < v->n_sides; k++) {
            const cd_div_side *s = &v->sides[k];
            cd_jw_obj(w);
            cd_jw_key(w, "source");
            cd_jw_str(w, ids[s->member]);
            cd_jw_key(w, "value");
            cd_jw_str(w, s->value);
            cd_jw_key(w, "span");
            cd_jw_arr(w);
            cd_jw_int(w, (long long)s->span.start);
            cd_jw_int(w, (long long)s->span.end);
            cd_jw_end(w);
            if (s->ops) {
                cd_jw_key(w, "diff");
                diff_json(w, s, &members[v->base], &members[s->member]);
            }
            cd_jw_end(w);
        }
        cd_jw_end(w);
        cd_jw_end(w);
        cd_jw_end(w);
    }
    cd_jw_end(w);
}

json_t *cd_json_divergences(const cd_divergence *d, size_t n, const cd_member *members,
                            const char *const *ids)
{
    cd_jw w;
    cd_jw_tree(&w);
    cd_jw_divergences(&w, d, n, members, ids);
    return cd_jw_root(&w);
}
