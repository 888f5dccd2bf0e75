/* jsondoc.c — the JSON shapes of sources and sentences shared by every
 * command (claimdiff/1, DESIGN.md). */
#include "jsondoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string of s (repaired to valid UTF-8: a file name, a --label or
 * a page's metadata may be anything), or null. */
static json_t *str_or_null(const char *s)
{
    return s ? cd_jw_string_value(s, strlen(s)) : json_null();
}

json_t *cd_json_source(size_t index, const char *origin, const cd_doc *doc, const char *err)
{
    char id[32];
    snprintf(id, sizeof id, "s%zu", index + 1);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "origin", str_or_null(origin));
    json_object_set_new(o, "outlet", str_or_null(doc ? cd_doc_outlet(doc) : NULL));
    json_object_set_new(o, "title", str_or_null(doc ? cd_doc_title(doc) : NULL));
    json_object_set_new(o, "byline", str_or_null(doc ? cd_doc_byline(doc) : NULL));
    json_object_set_new(o, "published", str_or_null(doc ? cd_doc_published(doc) : NULL));
    json_object_set_new(o, "sentences", json_integer(doc ? (json_int_t)cd_doc_sentence_count(doc) : 0));
    json_object_set_new(o, "dropped", json_integer(doc ? (json_int_t)cd_doc_dropped_count(doc) : 0));
    json_object_set_new(o, "error", str_or_null(err));
    json_t *w = json_array();
    for (size_t i = 0; doc && i < cd_doc_warning_count(doc); i++)
        json_array_append_new(w, str_or_null(cd_doc_warning(doc, i)));
    json_object_set_new(o, "warnings", w);
    return o;
}

void cd_jw_sentence_fields(cd_jw *w, size_t index, const cd_doc *doc, size_t i)
{
    char id[32];
    snprintf(id, sizeof id, "s%zu", index + 1);
    const cd_sentence *s = cd_doc_sentence(doc, i);
    const char *text = cd_doc_text(doc, NULL);
    cd_jw_key(w, "source");
    cd_jw_str(w, id);
    cd_jw_key(w, "sentence");
    cd_jw_int(w, (long long)i + 1);
    cd_jw_key(w, "text");
    cd_jw_strn(w, text + s->start, s->end - s->start);
    cd_jw_key(w, "span");
    cd_jw_arr(w);
    cd_jw_int(w, (long long)s->start);
    cd_jw_int(w, (long long)s->end);
    cd_jw_end(w);
    cd_jw_key(w, "cp_span");
    cd_jw_arr(w);
    cd_jw_int(w, (long long)s->cp_start);
    cd_jw_int(w, (long long)s->cp_end);
    cd_jw_end(w);
    if (s->cut) {
        cd_jw_key(w, "cut");
        cd_jw_bool(w, true);
    }
}

json_t *cd_json_sentence(size_t index, const cd_doc *doc, size_t i)
{
    cd_jw w;
    cd_jw_tree(&w);
    cd_jw_obj(&w);
    cd_jw_sentence_fields(&w, index, doc, i);
    cd_jw_end(&w);
    return cd_jw_root(&w);
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
    json_object_set_new(o, "canonical", str_or_null(d ? cd_doc_canonical(d) : NULL));
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

static void marks(cd_jw *w, const char *key, const cd_mark *m, size_t n)
{
    cd_jw_key(w, key);
    cd_jw_arr(w);
    for (size_t i = 0; i < n; i++)
        cd_jw_str(w, m[i].text);
    cd_jw_end(w);
}

static void facts(cd_jw *w, const char *key, const cd_fact *x, size_t n, bool unit)
{
    cd_jw_key(w, key);
    cd_jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        cd_jw_obj(w);
        cd_jw_key(w, "text");
        cd_jw_str(w, x[i].text);
        cd_jw_key(w, "value");
        cd_jw_str(w, x[i].value);
        if (unit) {
            cd_jw_key(w, "unit");
            cd_jw_str(w, x[i].unit);
        }
        cd_jw_end(w);
    }
    cd_jw_end(w);
}

void cd_jw_info_fields(cd_jw *w, const cd_sentence_info *info)
{
    if (!info)
        return;
    cd_jw_key(w, "framing");
    cd_jw_str(w, cd_framing_name(info->framing));
    cd_jw_key(w, "attribution");
    if (info->attr_source || info->attr_cue) {
        cd_jw_obj(w);
        cd_jw_key(w, "source");
        cd_jw_str(w, info->attr_source);
        cd_jw_key(w, "cue");
        cd_jw_str(w, info->attr_cue);
        cd_jw_key(w, "verb");
        cd_jw_str(w, info->verb);
        cd_jw_end(w);
    } else {
        cd_jw_null(w);
    }
    marks(w, "hedges", info->hedges, info->n_hedges);
    marks(w, "loaded", info->loaded, info->n_loaded);
    cd_jw_key(w, "quotes");
    cd_jw_arr(w);
    for (size_t i = 0; i < info->n_quotes; i++) {
        cd_jw_obj(w);
        cd_jw_key(w, "text");
        cd_jw_str(w, info->quotes[i].text);
        cd_jw_key(w, "speaker");
        cd_jw_str(w, info->quotes[i].speaker);
        cd_jw_end(w);
    }
    cd_jw_end(w);
    facts(w, "numbers", info->numbers, info->n_numbers, true);
    facts(w, "dates", info->dates, info->n_dates, false);
    facts(w, "entities", info->entities, info->n_entities, false);
}

void cd_json_add_info(json_t *o, const cd_sentence_info *info)
{
    cd_jw w;
    cd_jw_tree_into(&w, o);
    cd_jw_info_fields(&w, info);
}

static void write_nested(FILE *f, const char *s, int indent)
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

bool cd_json_put_nested(FILE *f, json_t *v, int indent, size_t flags)
{
    char *s = json_dumps(v, flags | JSON_ENCODE_ANY);
    json_decref(v);
    if (!s)
        return false;
    write_nested(f, s, indent);
    free(s);
    return true;
}
