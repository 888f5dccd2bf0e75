/* jsondoc.c — the JSON shapes of sources and sentences shared by every
 * command (claimdiff/1, DESIGN.md). */
#include "jsondoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *cd_json_text(const char *s, size_t n)
{
    if (cd_utf8_valid(s, n))
        return json_stringn(s, n);
    cd_buf b = {0};
    cd_utf8_repair(s, n, &b);
    json_t *j = json_stringn(b.data ? b.data : "", b.len);
    cd_buf_free(&b);
    return j;
}

json_t *cd_json_str_or_null(const char *s)
{
    return s ? cd_json_text(s, strlen(s)) : json_null();
}

json_t *cd_json_source(size_t index, const char *origin, const cd_doc *doc, const char *err)
{
    char id[32];
    snprintf(id, sizeof id, "s%zu", index + 1);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "origin", cd_json_str_or_null(origin));
    json_object_set_new(o, "outlet", cd_json_str_or_null(doc ? cd_doc_outlet(doc) : NULL));
    json_object_set_new(o, "title", cd_json_str_or_null(doc ? cd_doc_title(doc) : NULL));
    json_object_set_new(o, "byline", cd_json_str_or_null(doc ? cd_doc_byline(doc) : NULL));
    json_object_set_new(o, "published", cd_json_str_or_null(doc ? cd_doc_published(doc) : NULL));
    json_object_set_new(o, "sentences", json_integer(doc ? (json_int_t)cd_doc_sentence_count(doc) : 0));
    json_object_set_new(o, "dropped", json_integer(doc ? (json_int_t)cd_doc_dropped_count(doc) : 0));
    json_object_set_new(o, "error", cd_json_str_or_null(err));
    json_t *w = json_array();
    for (size_t i = 0; doc && i < cd_doc_warning_count(doc); i++)
        json_array_append_new(w, cd_json_str_or_null(cd_doc_warning(doc, i)));
    json_object_set_new(o, "warnings", w);
    return o;
}

json_t *cd_json_sentence(size_t index, const cd_doc *doc, size_t i)
{
    char id[32];
    snprintf(id, sizeof id, "s%zu", index + 1);
    const cd_sentence *s = cd_doc_sentence(doc, i);
    const char *text = cd_doc_text(doc, NULL);
    json_t *o = json_object();
    json_object_set_new(o, "source", json_string(id));
    json_object_set_new(o, "sentence", json_integer((json_int_t)i + 1));
    json_object_set_new(o, "text", json_stringn(text + s->start, s->end - s->start));
    json_object_set_new(o, "span", json_pack("[II]", (json_int_t)s->start, (json_int_t)s->end));
    json_object_set_new(o, "cp_span",
                        json_pack("[II]", (json_int_t)s->cp_start, (json_int_t)s->cp_end));
    if (s->cut)
        json_object_set_new(o, "cut", json_true());
    return o;
}

static const char *kind_name(cd_para_kind k)
{
    switch (k) {
    case CD_PARA_TITLE:
        return "title";
    case CD_PARA_HEADING:
        return "heading";
    case CD_PARA_LIST:
        return "list";
    default:
        return "body";
    }
}

json_t *cd_json_document(size_t i, const char *origin, const cd_doc *d, const char *err)
{
    json_t *o = cd_json_source(i, origin, d, err);
    json_t *paras = json_array(), *dropped = json_array();
    const char *text = d ? cd_doc_text(d, NULL) : "";
    for (size_t k = 0; d && k < cd_doc_paragraph_count(d); k++) {
        const cd_paragraph *p = cd_doc_paragraph(d, k);
        json_array_append_new(paras, json_pack("{s:s, s:I, s:s%}", "kind", kind_name(p->kind),
                                               "line", (json_int_t)p->line, "text",
                                               text + p->start, p->end - p->start));
    }
    for (size_t k = 0; d && k < cd_doc_dropped_count(d); k++) {
        const cd_dropped *x = cd_doc_dropped(d, k);
        json_array_append_new(dropped, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)x->line,
                                                 "reason", x->reason, "text", x->text));
    }
    json_object_set_new(o, "canonical", cd_json_str_or_null(d ? cd_doc_canonical(d) : NULL));
    json_object_set_new(o, "text", d ? json_string(cd_doc_text(d, NULL)) : json_null());
    json_object_set_new(o, "paragraphs", paras);
    json_object_set_new(o, "dropped_lines", dropped);
    return o;
}

bool cd_json_write(FILE *f, json_t *root)
{
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', f);
    return rc == 0;
}

static json_t *marks(const cd_mark *m, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, cd_json_str_or_null(m[i].text));
    return a;
}

static json_t *facts(const cd_fact *x, size_t n, bool unit)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "text", cd_json_str_or_null(x[i].text));
        json_object_set_new(o, "value", cd_json_str_or_null(x[i].value));
        if (unit)
            json_object_set_new(o, "unit", cd_json_str_or_null(x[i].unit));
        json_array_append_new(a, o);
    }
    return a;
}

void cd_json_add_info(json_t *o, const cd_sentence_info *info)
{
    if (!info)
        return;
    json_object_set_new(o, "framing", json_string(cd_framing_name(info->framing)));
    if (info->attr_source || info->attr_cue) {
        json_t *a = json_object();
        json_object_set_new(a, "source", cd_json_str_or_null(info->attr_source));
        json_object_set_new(a, "cue", cd_json_str_or_null(info->attr_cue));
        json_object_set_new(a, "verb", cd_json_str_or_null(info->verb));
        json_object_set_new(o, "attribution", a);
    } else {
        json_object_set_new(o, "attribution", json_null());
    }
    json_object_set_new(o, "hedges", marks(info->hedges, info->n_hedges));
    json_object_set_new(o, "loaded", marks(info->loaded, info->n_loaded));
    json_t *q = json_array();
    for (size_t i = 0; i < info->n_quotes; i++)
        json_array_append_new(q, json_pack("{s:o, s:o}", "text", cd_json_str_or_null(info->quotes[i].text),
                                           "speaker", cd_json_str_or_null(info->quotes[i].speaker)));
    json_object_set_new(o, "quotes", q);
    json_object_set_new(o, "numbers", facts(info->numbers, info->n_numbers, true));
    json_object_set_new(o, "dates", facts(info->dates, info->n_dates, false));
    json_object_set_new(o, "entities", facts(info->entities, info->n_entities, false));
}

bool cd_json_put_nested(FILE *f, json_t *v, int indent, size_t flags)
{
    char *s = json_dumps(v, flags | JSON_ENCODE_ANY);
    json_decref(v);
    if (!s)
        return false;
    cd_json_write_nested(f, s, indent);
    free(s);
    return true;
}

void cd_json_write_nested(FILE *f, const char *s, int indent)
{
    /* line by line: each line break gets the indent of the enclosing level */
    for (const char *p = s; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        fwrite(p, 1, len, f);
        if (nl && indent > 0)
            fprintf(f, "%*s", indent, "");
        p += len;
    }
}
