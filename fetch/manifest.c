/* manifest.c — JSON sources: a manifest naming other sources, and a saved
 * document (the output of `claimdiff extract -f json`). Read with jansson;
 * every malformed shape is a one-line error, never a crash. */
#include "net.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>


bool cd_json_source_sniff(const char *bytes, size_t len)
{
    size_t i = cd_content_start(bytes, len);
    return i < len && bytes[i] == '{';
}

/* Is bytes[0..len) JSON nested at most max arrays and objects deep? A
 * linear scan that skips strings; jansson would refuse only beyond its own
 * 2048 levels, after building them. */
static bool depth_ok(const char *bytes, size_t len, size_t max)
{
    size_t depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        char c = bytes[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max)
                return false;
        } else if ((c == ']' || c == '}') && depth) {
            depth--;
        }
    }
    return true;
}

static unsigned max_depth(const cd_load_opts *opts)
{
    unsigned d = opts && opts->max_depth ? opts->max_depth : CD_DEFAULT_MAX_DEPTH;
    return d > CD_MAX_DEPTH_LIMIT ? CD_MAX_DEPTH_LIMIT : d;
}

static json_t *load(const char *bytes, size_t len, const cd_load_opts *opts, char **err)
{
    json_error_t je;
    size_t skip = len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    if (!depth_ok(bytes + skip, len - skip, max_depth(opts))) {
        cd_buf b = {0};
        cd_buf_printf(&b, "JSON nested deeper than %u levels (see --max-depth)", max_depth(opts));
        *err = cd_buf_steal(&b);
        return NULL;
    }
    json_t *root = json_loadb(bytes + skip, len - skip, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        /* jansson quotes the input in its message: keep it on one line */
        for (char *p = je.text; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = ' ';
        cd_buf b = {0};
        cd_buf_printf(&b, "not valid JSON (line %d: %s)", je.line, je.text);
        *err = cd_buf_steal(&b);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        *err = cd_xstrdup("JSON source must be an object");
        return NULL;
    }
    return root;
}

/* Join dir (of the manifest path) and a relative path. */
static char *resolve_path(const char *manifest, const char *path)
{
    if (path[0] == '/' || strcmp(manifest, "-") == 0)
        return cd_xstrdup(path);
    const char *slash = strrchr(manifest, '/');
    if (!slash)
        return cd_xstrdup(path);
    cd_buf b = {0};
    cd_buf_append(&b, manifest, (size_t)(slash - manifest) + 1);
    cd_buf_puts(&b, path);
    return cd_buf_steal(&b);
}

static const char *str_field(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

bool cd_manifest_read(const char *origin, const char *bytes, size_t len,
                      const cd_load_opts *opts, cd_source_spec **specs, size_t *n, char **err)
{
    *specs = NULL;
    *n = 0;
    *err = NULL;
    size_t max_sources = opts && opts->max_sources ? opts->max_sources : CD_MAX_SOURCES;
    json_t *root = load(bytes, len, opts, err);
    if (!root)
        return false;
    json_t *arr = json_object_get(root, "sources");
    bool is_doc = json_is_array(arr) && json_array_size(arr) > 0 &&
                  json_object_get(json_array_get(arr, 0), "paragraphs") != NULL;
    if (!json_is_array(arr) || is_doc) {
        json_decref(root);
        return true; /* not a manifest: a saved document, or an error later */
    }
    size_t count = json_array_size(arr);
    if (count == 0) {
        json_decref(root);
        *err = cd_xstrdup("the manifest lists no sources");
        return false;
    }
    if (count > max_sources) {
        json_decref(root);
        cd_buf b = {0};
        cd_buf_printf(&b, "the manifest lists %zu sources; at most %zu can be read in one run "
                      "(see --max-sources)", count, max_sources);
        *err = cd_buf_steal(&b);
        return false;
    }
    cd_source_spec *v = cd_xcalloc(count, sizeof *v);
    for (size_t i = 0; i < count; i++) {
        json_t *e = json_array_get(arr, i);
        const char *url = json_is_object(e) ? str_field(e, "url") : NULL;
        const char *path = json_is_object(e) ? str_field(e, "path") : NULL;
        const char *outlet = json_is_object(e) ? str_field(e, "outlet") : NULL;
        if (!outlet && json_is_object(e))
            outlet = str_field(e, "label");
        if (url && cd_is_url(url)) {
            v[i].origin = cd_xstrdup(url);
        } else if (path) {
            v[i].origin = resolve_path(origin, path);
        } else {
            cd_buf b = {0};
            cd_buf_printf(&b, "%s#%zu", origin, i + 1);
            v[i].origin = cd_buf_steal(&b);
            cd_buf_printf(&b, "manifest entry %zu: %s", i + 1,
                          url ? "\"url\" must be an http or https URL"
                              : "needs a \"url\" or a \"path\"");
            v[i].error = cd_buf_steal(&b);
        }
        if (outlet)
            v[i].outlet = cd_xstrdup(outlet);
    }
    json_decref(root);
    *specs = v;
    *n = count;
    return true;
}

void cd_source_specs_free(cd_source_spec *specs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(specs[i].origin);
        free(specs[i].outlet);
        free(specs[i].error);
    }
    free(specs);
}

static cd_para_kind kind_from_name(const char *s)
{
    if (!s)
        return CD_PARA_BODY;
    if (strcmp(s, "title") == 0)
        return CD_PARA_TITLE;
    if (strcmp(s, "heading") == 0)
        return CD_PARA_HEADING;
    if (strcmp(s, "list") == 0)
        return CD_PARA_LIST;
    return CD_PARA_BODY;
}

/* Add the text of a saved paragraph, decoded and cleaned like any text
 * (NFC, no control characters); a blank line inside starts a new paragraph,
 * since the document model keeps blank lines between paragraphs only. */
static void add_paragraphs(cd_doc *doc, const char *s, size_t len, cd_para_kind kind,
                           size_t line)
{
    cd_buf t = {0};
    cd_decode_info info;
    if (!cd_text_decode(s, len, &t, &info)) {
        cd_buf_free(&t);
        return;
    }
    size_t i = 0;
    while (i < t.len) {
        /* one block: up to the next blank line */
        size_t end = i;
        for (;;) {
            const char *nl = memchr(t.data + end, '\n', t.len - end);
            if (!nl) {
                end = t.len;
                break;
            }
            size_t k = (size_t)(nl - t.data) + 1;
            while (k < t.len && (t.data[k] == ' ' || t.data[k] == '\t'))
                k++;
            if (k >= t.len || t.data[k] == '\n') {
                end = (size_t)(nl - t.data);
                break;
            }
            end = k;
        }
        size_t a = i, b = end;
        while (a < b && (t.data[a] == ' ' || t.data[a] == '\n' || t.data[a] == '\t'))
            a++;
        while (b > a && (t.data[b - 1] == ' ' || t.data[b - 1] == '\n' || t.data[b - 1] == '\t'))
            b--;
        if (b > a)
            cd_doc_add_paragraph(doc, t.data + a, b - a, kind, line);
        i = end + 1;
    }
    cd_buf_free(&t);
}

cd_doc *cd_doc_from_json(const char *origin, const char *bytes, size_t len,
                         const char *outlet, const cd_load_opts *opts, char **err)
{
    *err = NULL;
    json_t *root = load(bytes, len, opts, err);
    if (!root)
        return NULL;
    json_t *arr = json_object_get(root, "sources");
    json_t *src = json_is_array(arr) ? json_array_get(arr, 0) : NULL;
    json_t *paras = src ? json_object_get(src, "paragraphs") : NULL;
    if (!json_is_array(paras)) {
        json_decref(root);
        *err = cd_xstrdup("JSON source is neither a manifest ({\"sources\": [{\"url\"|\"path\": "
                           "...}]}) nor a saved document (claimdiff extract -f json)");
        return NULL;
    }
    if (json_array_size(arr) > 1) {
        json_decref(root);
        cd_buf b = {0};
        cd_buf_printf(&b, "the saved file holds %zu documents; save one per file",
                      json_array_size(arr));
        *err = cd_buf_steal(&b);
        return NULL;
    }
    cd_doc *doc = cd_doc_new(origin);
    const char *o = outlet ? outlet : str_field(src, "outlet");
    cd_doc_set_outlet(doc, o ? o : origin);
    cd_doc_set_title(doc, str_field(src, "title"));
    cd_doc_set_byline(doc, str_field(src, "byline"));
    cd_doc_set_canonical(doc, str_field(src, "canonical"));
    const char *pub = str_field(src, "published");
    char date[11];
    if (pub && cd_date_find(pub, strlen(pub), date))
        cd_doc_set_published(doc, date);
    size_t i;
    json_t *p;
    json_array_foreach(paras, i, p) {
        json_t *text = json_object_get(p, "text");
        if (!json_is_string(text))
            continue;
        json_t *line = json_object_get(p, "line");
        add_paragraphs(doc, json_string_value(text), json_string_length(text),
                      kind_from_name(str_field(p, "kind")),
                      json_is_integer(line) && json_integer_value(line) > 0
                          ? (size_t)json_integer_value(line)
                          : 0);
    }
    json_decref(root);
    if (cd_doc_paragraph_count(doc) == 0) {
        cd_doc_free(doc);
        *err = cd_xstrdup("the saved document has no text");
        return NULL;
    }
    return doc;
}
