/* test_jsonw.c — the JSON writer's text is byte for byte what jansson
 * prints for the same tree (pretty at any depth, and compact), and its tree
 * form is that tree. Random trees, with strings of control characters,
 * quotes, backslashes, multibyte UTF-8, invalid bytes, and reals of every
 * magnitude. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../src/jsonw.h"

#define FLAGS_PRETTY (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) | JSON_ENCODE_ANY)
#define FLAGS_COMPACT (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) | JSON_ENCODE_ANY)

static unsigned long long state = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)(state % n);
}

static void random_string(char *s, size_t *n)
{
    static const char *const pieces[] = {"a", "Kim", " ", "\"", "\\", "\n", "\t", "\r", "\b", "\f",
                                         "\x01", "\x1f", "\x7f", "/", "\xc3\xa9", "\xe2\x80\x9c",
                                         "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xff", "\xc3",
                                         "\xed\xa0\x80", "<script>", "9"};
    size_t len = 0, k = rnd(8);
    for (size_t i = 0; i < k; i++) {
        const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];
        memcpy(s + len, p, strlen(p));
        len += strlen(p);
    }
    s[len] = '\0';
    *n = len;
}

static double random_real(void)
{
    static const double v[] = {0.0, 1.0, -1.0, 0.5859, 0.51, 1e-5, 1e5, 1e6, 1234567.0, 1e21,
                               -2.5e-7, 0.1, 3.14159265, 100.0, 1e100, 1e-100, 12345.678};
    return v[rnd(sizeof v / sizeof *v)] * (rnd(3) ? 1.0 : round(rnd(100000)) / 10000.0);
}

/* Write a random value with w and build the same one as a jansson tree. */
static json_t *random_value(cd_jw *w, int depth)
{
    unsigned k = depth >= 5 ? rnd(5) : rnd(7);
    char s[256];
    size_t n;
    switch (k) {
    case 0:
        random_string(s, &n);
        cd_jw_strn(w, s, n);
        {
            cd_jw t;
            cd_jw_tree(&t);
            cd_jw_strn(&t, s, n); /* the tree form repairs the same way */
            return cd_jw_root(&t);
        }
    case 1: {
        long long v = (long long)rnd(2000000) - 1000000;
        cd_jw_int(w, v);
        return json_integer(v);
    }
    case 2: {
        double v = random_real();
        cd_jw_real(w, v);
        return json_real(v);
    }
    case 3:
        if (rnd(2)) {
            cd_jw_bool(w, true);
            return json_true();
        }
        cd_jw_null(w);
        return json_null();
    case 4: {
        bool b = rnd(2);
        cd_jw_bool(w, b);
        return json_boolean(b);
    }
    case 5: {
        cd_jw_arr(w);
        json_t *a = json_array();
        for (unsigned i = rnd(4); i > 0; i--)
            json_array_append_new(a, random_value(w, depth + 1));
        cd_jw_end(w);
        return a;
    }
    default: {
        cd_jw_obj(w);
        json_t *o = json_object();
        for (unsigned i = rnd(4); i > 0; i--) {
            char key[16];
            snprintf(key, sizeof key, "k%u%s", i, rnd(4) ? "" : "\"\n");
            cd_jw_key(w, key);
            json_object_set_new(o, key, random_value(w, depth + 1));
        }
        cd_jw_end(w);
        return o;
    }
    }
}

/* jansson's dump of v shifted base levels (2 spaces each) to the right. */
static char *dump_nested(json_t *v, size_t flags, int base)
{
    char *d = json_dumps(v, flags);
    cr_assert(d);
    cd_buf b = {0};
    for (const char *p = d; *p; p++) {
        cd_buf_putc(&b, *p);
        if (*p == '\n')
            for (int i = 0; i < 2 * base; i++)
                cd_buf_putc(&b, ' ');
    }
    free(d);
    return cd_buf_steal(&b);
}

Test(jsonw, text_matches_jansson)
{
    for (int round_ = 0; round_ < 3000; round_++) {
        int mode = round_ % 3; /* pretty, pretty nested 2 deep, compact */
        cd_buf out = {0};
        cd_jw w;
        cd_jw_text(&w, &out, mode == 2 ? 0 : 2, mode == 1 ? 2 : 0);
        json_t *v = random_value(&w, 0);
        cr_assert(v, "round %d", round_);
        char *want = dump_nested(v, mode == 2 ? FLAGS_COMPACT : FLAGS_PRETTY, mode == 1 ? 2 : 0);
        cr_assert_str_eq(out.data ? out.data : "", want, "round %d mode %d", round_, mode);
        free(want);
        json_decref(v);
        cd_buf_free(&out);
    }
}

Test(jsonw, tree_is_the_same_tree)
{
    for (int round_ = 0; round_ < 500; round_++) {
        cd_jw w;
        cd_jw_tree(&w);
        json_t *want = random_value(&w, 0);
        json_t *got = cd_jw_root(&w);
        cr_assert(got);
        cr_assert(json_equal(got, want), "round %d", round_);
        json_decref(got);
        json_decref(want);
    }
}

Test(jsonw, tree_into_an_existing_object)
{
    json_t *o = json_pack("{s:i}", "a", 1);
    cd_jw w;
    cd_jw_tree_into(&w, o);
    cd_jw_key(&w, "b");
    cd_jw_arr(&w);
    cd_jw_str(&w, "x");
    cd_jw_str(&w, NULL);
    cd_jw_end(&w);
    cd_jw_end(&w); /* closing the borrowed object leaves it to its owner */
    cr_assert_eq(o->refcount, 1);
    char *d = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    cr_assert_str_eq(d, "{\"a\":1,\"b\":[\"x\",null]}");
    free(d);
    json_decref(o);
}

Test(jsonw, strings_are_repaired_and_keep_nul)
{
    cd_buf out = {0};
    cd_jw w;
    cd_jw_text(&w, &out, 0, 0);
    cd_jw_arr(&w);
    cd_jw_strn(&w, "a\xff" "b", 3);
    cd_jw_strn(&w, "c\0d", 3);
    cd_jw_end(&w);
    cr_assert_str_eq(out.data, "[\"a\xef\xbf\xbd" "b\",\"c\\u0000d\"]");
    /* as jansson prints it */
    json_t *j = json_stringn("c\0d", 3);
    char *d = json_dumps(j, JSON_ENCODE_ANY);
    cr_assert_str_eq(d, "\"c\\u0000d\"");
    free(d);
    json_decref(j);
    cd_buf_free(&out);
}
