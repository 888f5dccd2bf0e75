/* jsonw.c — the JSON writer of jsonw.h. The text form follows jansson's
 * dump.c rules, so that a value written here and the same tree dumped by
 * jansson are the same bytes (tests/test_jsonw.c compares them):
 * a container's first item is preceded by a line break and the indent of
 * its level, later items by "," and that break (or ", " when not indented,
 * "," when compact), a non-empty container closes on a break at its own
 * level; an empty one is "[]" or "{}"; keys are followed by ": " (":"
 * compact); strings escape '"', '\\' and control characters (\b \f \n \r
 * \t, else \uXXXX); reals print with "%.6g", get ".0" when they would read
 * as an integer, and lose an exponent's "+" and leading zeros. */
#include "jsonw.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void cd_jw_text(cd_jw *w, cd_buf *out, int indent, int base)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent > 0 ? indent : 0;
    w->compact = indent <= 0;
    w->base = base > 0 ? base : 0;
}

void cd_jw_tree(cd_jw *w)
{
    memset(w, 0, sizeof *w);
}

void cd_jw_tree_into(cd_jw *w, json_t *o)
{
    memset(w, 0, sizeof *w);
    w->stack[0] = o;
    w->is_obj[0] = true;
    w->level = 1;
    w->borrowed = true;
}

json_t *cd_jw_root(cd_jw *w)
{
    json_t *r = w->root;
    w->root = NULL;
    return r;
}

/* jansson's dump_indent: a break and the indent of `depth`, else a space
 * between items when not compact. */
static void brk(cd_jw *w, int depth, bool space)
{
    if (w->indent > 0) {
        size_t n = (size_t)(depth + w->base) * (size_t)w->indent;
        cd_buf_reserve(w->out, n + 1);
        w->out->data[w->out->len++] = '\n';
        memset(w->out->data + w->out->len, ' ', n);
        w->out->len += n;
        w->out->data[w->out->len] = '\0';
    } else if (space && !w->compact) {
        cd_buf_putc(w->out, ' ');
    }
}

/* What comes before an item of the open container: a break, after a
 * comma unless it is the first. */
static void separate(cd_jw *w)
{
    if (w->any[w->level - 1]) {
        cd_buf_putc(w->out, ',');
        brk(w, w->level, true);
    } else {
        brk(w, w->level, false);
    }
    w->any[w->level - 1] = true;
}

/* Before an item of the open array (values of objects follow their key). */
static void before_item(cd_jw *w)
{
    if (w->level > 0 && !w->is_obj[w->level - 1])
        separate(w);
}

static void put_escaped(cd_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    cd_buf_reserve(b, n + 2);
    b->data[b->len++] = '"';
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        cd_buf_append(b, s + run, i - run);
        run = i + 1;
        char e[7] = {'\\', 0, 0, 0, 0, 0, 0};
        size_t el = 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        default:
            e[1] = 'u';
            e[2] = '0';
            e[3] = '0';
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            el = 6;
        }
        cd_buf_append(b, e, el);
    }
    cd_buf_append(b, s + run, n - run);
    cd_buf_putc(b, '"');
}

/* A string as valid UTF-8 (a NUL is written as \u0000, as jansson does). */
static void put_string(cd_buf *b, const char *s, size_t n)
{
    if (cd_utf8_valid(s, n)) {
        put_escaped(b, s, n);
        return;
    }
    cd_buf r = {0};
    cd_utf8_repair(s, n, &r);
    put_escaped(b, r.data ? r.data : "", r.len);
    cd_buf_free(&r);
}

json_t *cd_jw_string_value(const char *s, size_t n)
{
    if (cd_utf8_valid(s, n))
        return json_stringn(s, n);
    cd_buf r = {0};
    cd_utf8_repair(s, n, &r);
    json_t *j = json_stringn(r.data ? r.data : "", r.len);
    cd_buf_free(&r);
    return j;
}

/* Tree: put v where the next value goes. */
static void attach(cd_jw *w, json_t *v)
{
    if (w->level == 0) {
        json_decref(w->root);
        w->root = v;
        return;
    }
    json_t *p = w->stack[w->level - 1];
    if (w->is_obj[w->level - 1]) {
        json_object_set_new(p, w->key ? w->key : "", v);
        w->key = NULL;
    } else {
        json_array_append_new(p, v);
    }
}

static void open(cd_jw *w, bool obj)
{
    assert(w->level < CD_JW_MAX_DEPTH);
    if (w->level >= CD_JW_MAX_DEPTH)
        return;
    if (w->out) {
        before_item(w);
        cd_buf_putc(w->out, obj ? '{' : '[');
    } else {
        json_t *v = obj ? json_object() : json_array();
        attach(w, json_incref(v));
        w->stack[w->level] = v;
    }
    w->any[w->level] = false;
    w->is_obj[w->level] = obj;
    w->level++;
}

void cd_jw_obj(cd_jw *w)
{
    open(w, true);
}

void cd_jw_arr(cd_jw *w)
{
    open(w, false);
}

void cd_jw_end(cd_jw *w)
{
    if (w->level == 0)
        return;
    w->level--;
    if (w->out) {
        if (w->any[w->level])
            brk(w, w->level, false);
        cd_buf_putc(w->out, w->is_obj[w->level] ? '}' : ']');
    } else {
        if (!(w->level == 0 && w->borrowed))
            json_decref(w->stack[w->level]); /* the reference open() kept */
        w->stack[w->level] = NULL;
    }
}

void cd_jw_key(cd_jw *w, const char *key)
{
    if (!w->out) {
        w->key = key;
        return;
    }
    if (w->level == 0)
        return;
    separate(w);
    put_string(w->out, key, strlen(key));
    cd_buf_puts(w->out, w->compact ? ":" : ": ");
}

void cd_jw_strn(cd_jw *w, const char *s, size_t n)
{
    if (!w->out) {
        attach(w, cd_jw_string_value(s ? s : "", s ? n : 0));
        return;
    }
    before_item(w);
    put_string(w->out, s ? s : "", s ? n : 0);
}

void cd_jw_str(cd_jw *w, const char *s)
{
    if (!s)
        cd_jw_null(w);
    else
        cd_jw_strn(w, s, strlen(s));
}

void cd_jw_int(cd_jw *w, long long v)
{
    if (!w->out) {
        attach(w, json_integer((json_int_t)v));
        return;
    }
    before_item(w);
    cd_buf_printf(w->out, "%lld", v);
}

/* jansson's jsonp_dtostr with precision 6 (the C locale's decimal point). */
static void put_real(cd_buf *b, double v)
{
    char s[64];
    int n = snprintf(s, sizeof s, "%.6g", v);
    if (n < 0 || (size_t)n >= sizeof s)
        n = 0, s[0] = '\0';
    if (!strchr(s, '.') && !strchr(s, 'e') && isfinite(v) && (size_t)n + 2 < sizeof s) {
        s[n++] = '.';
        s[n++] = '0';
        s[n] = '\0';
    }
    char *e = strchr(s, 'e');
    if (e) {
        char *p = e + 1, *q = p;
        if (*q == '+')
            q++;
        else if (*q == '-')
            *p++ = *q++;
        while (*q == '0' && q[1])
            q++;
        memmove(p, q, strlen(q) + 1);
    }
    cd_buf_puts(b, s);
}

void cd_jw_real(cd_jw *w, double v)
{
    if (!w->out) {
        attach(w, json_real(v));
        return;
    }
    before_item(w);
    put_real(w->out, v);
}

void cd_jw_bool(cd_jw *w, bool v)
{
    if (!w->out) {
        attach(w, json_boolean(v));
        return;
    }
    before_item(w);
    cd_buf_puts(w->out, v ? "true" : "false");
}

void cd_jw_null(cd_jw *w)
{
    if (!w->out) {
        attach(w, json_null());
        return;
    }
    before_item(w);
    cd_buf_puts(w->out, "null");
}
