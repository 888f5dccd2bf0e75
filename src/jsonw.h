/* jsonw.h — one way to describe a JSON value, two ways to get it.
 *
 * The objects of the claimdiff/1 report (sentences, divergences, groups) are
 * described once, as calls on a cd_jw, and come out either as text appended
 * to a cd_buf — byte for byte what jansson's json_dumps would print for the
 * same tree with JSON_INDENT(n) or JSON_COMPACT, JSON_PRESERVE_ORDER and
 * JSON_REAL_PRECISION(6) — or as a jansson tree for the commands that build
 * a document around them. The text way builds no tree: the report of 5,000
 * articles is hundreds of MB of JSON, and building and freeing a tree per
 * group cost more than writing it.
 *
 *   cd_jw w;
 *   cd_jw_text(&w, &buf, 2, 2);   // pretty, 2 spaces, nested 2 levels deep
 *   cd_jw_obj(&w); cd_jw_key(&w, "id"); cd_jw_str(&w, "g1"); cd_jw_end(&w);
 *
 * Strings are written as valid UTF-8 (invalid bytes repaired, as
 * cd_jw_string_value does for a jansson string). Nesting deeper than
 * CD_JW_MAX_DEPTH is a programming error. */
#ifndef CD_JSONW_H
#define CD_JSONW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "claimdiff.h"

#define CD_JW_MAX_DEPTH 32

typedef struct {
    cd_buf *out;     /* text: appended to; NULL for a tree */
    int indent;      /* text: spaces per level; 0 is one line */
    bool compact;    /* text, indent 0: "," and ":" without spaces */
    int base;        /* text: levels the value sits deep in an enclosing document */
    int level;       /* open containers */
    bool any[CD_JW_MAX_DEPTH];    /* the container at this level has an item */
    bool is_obj[CD_JW_MAX_DEPTH];
    json_t *stack[CD_JW_MAX_DEPTH]; /* tree: the open containers */
    const char *key;                /* tree: the key of the next value */
    json_t *root;                   /* tree: the value made */
    bool borrowed;                  /* tree: stack[0] is the caller's (cd_jw_tree_into) */
} cd_jw;

/* Text: append to out; indent > 0 pretty-prints (JSON_INDENT(indent)),
 * indent 0 writes JSON_COMPACT; base levels of indent are added to every
 * line break (the value sits that deep in a document written around it). */
void cd_jw_text(cd_jw *w, cd_buf *out, int indent, int base);
/* Tree: cd_jw_root gives the value (a new reference) when it is closed. */
void cd_jw_tree(cd_jw *w);
/* Tree: add keys to the existing object o (borrowed), as if it were open. */
void cd_jw_tree_into(cd_jw *w, json_t *o);
json_t *cd_jw_root(cd_jw *w);

void cd_jw_obj(cd_jw *w);
void cd_jw_arr(cd_jw *w);
void cd_jw_end(cd_jw *w);
void cd_jw_key(cd_jw *w, const char *key);
void cd_jw_strn(cd_jw *w, const char *s, size_t n);
void cd_jw_str(cd_jw *w, const char *s); /* NULL writes null */
void cd_jw_int(cd_jw *w, long long v);
void cd_jw_real(cd_jw *w, double v);
void cd_jw_bool(cd_jw *w, bool v);
void cd_jw_null(cd_jw *w);

/* A jansson string of s[0..n), invalid UTF-8 repaired. */
json_t *cd_jw_string_value(const char *s, size_t n);

#endif
