/* jsondiv.c — divergences as JSON (see jsondiv.h and docs/divergence.md). */
#include "jsondiv.h"
#include "jsondoc.h"

#include <string.h>

/* A JSON string of text[r). */
static json_t *text_of(const cd_member *m, cd_range r)
{
    return cd_json_text(m->text + r.start, r.end > r.start ? r.end - r.start : 0);
}

/* [{"op": "same", "a": …, "b": …}, {"op": "del", "a": …}, {"op": "add", "b": …}] */
static json_t *diff_json(const cd_div_side *s, const cd_member *base, const cd_member *m)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < s->n_ops; i++) {
        const cd_diff_op *o = &s->ops[i];
        json_t *j = json_object();
        json_object_set_new(j, "op", json_string(o->kind == CD_DIFF_SAME  ? "same"
                                                 : o->kind == CD_DIFF_DEL ? "del"
                                                                          : "add"));
        if (o->kind != CD_DIFF_ADD)
            json_object_set_new(j, "a", text_of(base, o->a));
        if (o->kind != CD_DIFF_DEL)
            json_object_set_new(j, "b", text_of(m, o->b));
        json_array_append_new(arr, j);
    }
    return arr;
}

json_t *cd_json_divergences(const cd_divergence *d, size_t n, const cd_member *members,
                            const char *const *ids)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const cd_divergence *v = &d[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(cd_div_kind_name(v->kind)));
        json_t *src = json_array();
        for (size_t k = 0; k < v->n_sides; k++)
            json_array_append_new(src, cd_json_str_or_null(ids[v->sides[k].member]));
        json_object_set_new(o, "sources", src);
        json_object_set_new(o, "summary", cd_json_str_or_null(v->summary ? v->summary : ""));
        json_t *detail = json_object();
        json_object_set_new(detail, "base", cd_json_str_or_null(ids[v->base]));
        json_t *sides = json_array();
        for (size_t k = 0; k < v->n_sides; k++) {
            const cd_div_side *s = &v->sides[k];
            json_t *js = json_object();
            json_object_set_new(js, "source", cd_json_str_or_null(ids[s->member]));
            json_object_set_new(js, "value", cd_json_str_or_null(s->value));
            json_object_set_new(js, "span", json_pack("[II]", (json_int_t)s->span.start,
                                                      (json_int_t)s->span.end));
            if (s->ops)
                json_object_set_new(js, "diff",
                                    diff_json(s, &members[v->base], &members[s->member]));
            json_array_append_new(sides, js);
        }
        json_object_set_new(detail, "sides", sides);
        json_object_set_new(o, "detail", detail);
        json_array_append_new(arr, o);
    }
    return arr;
}
