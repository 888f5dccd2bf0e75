/* token.c — words, numbers and punctuation, with their matching form (norm)
 * and English Snowball stem.
 *
 * Speed comes from two things: ASCII is classified from a table without
 * decoding, and every surface form seen before is answered from a cache
 * (open addressing, keyed by XXH3 of the bytes) without allocating. */
#include "claimdiff.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#define XXH_INLINE_ALL /* short keys: let the compiler inline XXH3 */
#include <xxhash.h>

enum {
    C_OTHER,    /* punctuation, symbols: one token each */
    C_SPACE,    /* separates tokens; also controls and invisible formatting */
    C_LETTER,
    C_MARK,     /* combining marks: continue a word */
    C_DIGIT,    /* decimal digits: start a number, continue a word */
    C_NUMX,     /* other numerals (², ½, Ⅻ): continue a word */
    C_CURRENCY, /* starts a number when a digit follows */
    C_JOIN      /* soft hyphen, ZWJ, ZWNJ, word joiner: kept inside a word */
};

#define CACHE_MAX_LEN 128 /* longer surfaces are not cached */
#define STEM_MAX_LEN 4096 /* longer words are not stemmed */

typedef struct {
    uint64_t hash;
    const char *surface; /* our copy; NULL marks an empty slot */
    const cd_form *form;
    uint32_t len;
} entry;

struct cd_tokenizer {
    cd_arena *strings; /* the caller's: norm and stem strings */
    cd_arena *keys;    /* ours: cached surface forms */
    struct sb_stemmer *stemmer;
    entry *tab;
    size_t cap, used;
    cd_buf tmp;
    const cd_form *punct[128];   /* form of each ASCII punctuation mark */
    unsigned char acls[128];     /* class of each ASCII byte */
    unsigned char alnum[256];    /* ASCII letter or digit */
};

cd_tokenizer *cd_tokenizer_new(cd_arena *strings)
{
    cd_tokenizer *tk = cd_xcalloc(1, sizeof *tk);
    tk->strings = strings;
    tk->keys = cd_arena_new();
    tk->stemmer = sb_stemmer_new("english", NULL);
    tk->cap = 4096;
    tk->tab = cd_xcalloc(tk->cap, sizeof *tk->tab);
    for (unsigned c = 0; c < 128; c++) {
        unsigned char k = C_OTHER;
        if (c <= 0x20 || c == 0x7F)
            k = C_SPACE;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            k = C_LETTER;
        else if (c >= '0' && c <= '9')
            k = C_DIGIT;
        else if (c == '$')
            k = C_CURRENCY;
        tk->acls[c] = k;
        tk->alnum[c] = k == C_LETTER || k == C_DIGIT;
    }
    return tk;
}

void cd_tokenizer_free(cd_tokenizer *tk)
{
    if (!tk)
        return;
    if (tk->stemmer)
        sb_stemmer_delete(tk->stemmer);
    cd_arena_free(tk->keys);
    cd_buf_free(&tk->tmp);
    free(tk->tab);
    free(tk);
}

void cd_tokens_free(cd_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

/* --------------------------------------------------------- classifying */

static int uclass(uint32_t cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_NUMX;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_CF:
        if (cp == 0xAD || cp == 0x200C || cp == 0x200D || cp == 0x2060)
            return C_JOIN;
        return C_SPACE;
    case UTF8PROC_CATEGORY_SC:
        return C_CURRENCY;
    default:
        return C_OTHER;
    }
}

/* Class of the code point at s[i] (i < end); its length goes to *n and the
 * code point to *cp. Invalid bytes are one-byte punctuation. */
static inline int peek(const cd_tokenizer *tk, const unsigned char *s, size_t i,
                       size_t end, size_t *n, uint32_t *cp)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *n = 1;
        *cp = c;
        return tk->acls[c];
    }
    bool ok;
    *n = cd_utf8_decode(s + i, end - i, cp, &ok);
    return ok ? uclass(*cp) : C_OTHER;
}

static inline int class_at(const cd_tokenizer *tk, const unsigned char *s, size_t i,
                           size_t end)
{
    size_t n;
    uint32_t cp;
    return i < end ? peek(tk, s, i, end, &n, &cp) : C_SPACE;
}

static bool word_char(int k)
{
    return k == C_LETTER || k == C_MARK || k == C_DIGIT || k == C_NUMX;
}

/* ----------------------------------------------------------- scanning */

/* Skip combining marks from i. */
static size_t skip_marks(const cd_tokenizer *tk, const unsigned char *s, size_t i, size_t end)
{
    while (i < end && s[i] >= 0x80) {
        size_t n;
        uint32_t cp;
        if (peek(tk, s, i, end, &n, &cp) != C_MARK)
            break;
        i += n;
    }
    return i;
}

/* An abbreviation of single letters with periods ("U.S.", "a.m.", "D.C."):
 * its end, including the final period, or 0 when there is none at i. */
static size_t scan_abbrev(const cd_tokenizer *tk, const unsigned char *s, size_t i, size_t end)
{
    size_t k = i, stop = 0, count = 0;
    while (k < end) {
        size_t n;
        uint32_t cp;
        if (peek(tk, s, k, end, &n, &cp) != C_LETTER)
            break;
        size_t e = skip_marks(tk, s, k + n, end);
        if (e < end && (word_char(class_at(tk, s, e, end)) || s[e] == '\''))
            break; /* not a single letter */
        count++;
        if (e < end && s[e] == '.') {
            stop = k = e + 1;
            continue;
        }
        stop = e;
        break;
    }
    return count >= 2 ? stop : 0;
}

static size_t scan_word(const cd_tokenizer *tk, const unsigned char *s, size_t i, size_t end)
{
    size_t j = scan_abbrev(tk, s, i, end);
    if (j)
        return j;
    j = i;
    for (;;) {
        while (j < end && tk->alnum[s[j]])
            j++;
        if (j >= end)
            return j;
        size_t n, m;
        uint32_t cp, cp2;
        if (s[j] < 0x80) {
            if (s[j] == '\'' && j + 1 < end && class_at(tk, s, j + 1, end) == C_LETTER) {
                j++;
                continue;
            }
            return j;
        }
        int k = peek(tk, s, j, end, &n, &cp);
        if (word_char(k)) {
            j += n;
            continue;
        }
        if ((cp == 0x2019 || k == C_JOIN) && j + n < end) {
            int next = peek(tk, s, j + n, end, &m, &cp2);
            if (next == C_LETTER || (k == C_JOIN && word_char(next))) {
                j += n;
                continue;
            }
        }
        return j;
    }
}

static size_t scan_digits(const cd_tokenizer *tk, const unsigned char *s, size_t j, size_t end)
{
    for (;;) {
        while (j < end && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j >= end || s[j] < 0x80)
            return j;
        size_t n;
        uint32_t cp;
        if (peek(tk, s, j, end, &n, &cp) != C_DIGIT)
            return j;
        j += n;
    }
}

/* Letters, marks and digits from j. */
static size_t scan_alnum(const cd_tokenizer *tk, const unsigned char *s, size_t j, size_t end)
{
    for (;;) {
        while (j < end && tk->alnum[s[j]])
            j++;
        if (j >= end || s[j] < 0x80)
            return j;
        size_t n;
        uint32_t cp;
        if (!word_char(peek(tk, s, j, end, &n, &cp)))
            return j;
        j += n;
    }
}

/* Digits with inner groups (1,000  1.5  06/12/23  12:16) and an attached
 * alphabetic suffix (79th  1.5bn  1990s). */
static size_t number_body(const cd_tokenizer *tk, const unsigned char *s, size_t i, size_t end)
{
    size_t j = scan_digits(tk, s, i, end);
    while (j + 1 < end && (s[j] == ',' || s[j] == '.' || s[j] == '/' || s[j] == ':')
           && class_at(tk, s, j + 1, end) == C_DIGIT)
        j = scan_digits(tk, s, j + 1, end);
    if (j < end && class_at(tk, s, j, end) == C_LETTER)
        j = scan_alnum(tk, s, j, end);
    return j;
}

/* A whole number from the digit at i: body, "-pieces" (24-year-old, 9-11),
 * then an optional percent sign. */
static size_t scan_number(const cd_tokenizer *tk, const unsigned char *s, size_t i, size_t end)
{
    size_t j = number_body(tk, s, i, end);
    while (j + 1 < end && s[j] == '-') {
        int k = class_at(tk, s, j + 1, end);
        if (k == C_DIGIT)
            j = number_body(tk, s, j + 1, end);
        else if (k == C_LETTER)
            j = scan_alnum(tk, s, j + 1, end);
        else
            break;
    }
    if (j < end && s[j] == '%')
        j++;
    return j;
}

/* -------------------------------------------------------------- cache */

static void push(cd_tokens *out, size_t start, size_t len, const cd_form *form)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        out->v = cd_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    cd_token *t = &out->v[out->n++];
    t->start = (uint32_t)start;
    t->len = (uint32_t)len;
    t->form = form;
}

/* Fold and stem s[0..len) into a new form in the caller's arena. */
static const cd_form *analyse(cd_tokenizer *tk, const char *s, size_t len, cd_token_kind kind)
{
    cd_form *f = cd_arena_alloc(tk->strings, sizeof *f);
    f->kind = kind;
    tk->tmp.len = 0;
    cd_fold(s, len, &tk->tmp);
    size_t n = tk->tmp.len;
    const char *nm = cd_arena_strndup(tk->strings, tk->tmp.data, n);
    f->norm = f->stem = nm;
    if (kind != CD_TOK_WORD || !tk->stemmer || n > STEM_MAX_LEN)
        return f;
    const sb_symbol *r = sb_stemmer_stem(tk->stemmer, (const sb_symbol *)nm, (int)n);
    if (!r)
        return f;
    size_t rn = (size_t)sb_stemmer_length(tk->stemmer);
    if (rn != n || memcmp(r, nm, n) != 0)
        f->stem = cd_arena_strndup(tk->strings, (const char *)r, rn);
    return f;
}

static void grow(cd_tokenizer *tk)
{
    size_t cap = tk->cap * 2, mask = cap - 1;
    entry *tab = cd_xcalloc(cap, sizeof *tab);
    for (size_t i = 0; i < tk->cap; i++) {
        const entry *e = &tk->tab[i];
        if (!e->surface)
            continue;
        size_t k = (size_t)e->hash & mask;
        while (tab[k].surface)
            k = (k + 1) & mask;
        tab[k] = *e;
    }
    free(tk->tab);
    tk->tab = tab;
    tk->cap = cap;
}

static void add_token(cd_tokenizer *tk, const char *text, size_t start, size_t len,
                      cd_token_kind kind, cd_tokens *out)
{
    const char *s = text + start;
    if (len == 1 && (unsigned char)s[0] < 0x80 && kind == CD_TOK_PUNCT) {
        unsigned c = (unsigned char)s[0];
        if (!tk->punct[c])
            tk->punct[c] = analyse(tk, s, 1, kind);
        push(out, start, len, tk->punct[c]);
        return;
    }
    if (len > CACHE_MAX_LEN) {
        push(out, start, len, analyse(tk, s, len, kind));
        return;
    }
    uint64_t h = XXH3_64bits(s, len);
    size_t mask = tk->cap - 1, k = (size_t)h & mask;
    for (;;) {
        const entry *e = &tk->tab[k];
        if (!e->surface)
            break;
        if (e->hash == h && e->len == len && memcmp(e->surface, s, len) == 0) {
            push(out, start, len, e->form);
            return;
        }
        k = (k + 1) & mask;
    }
    const cd_form *form = analyse(tk, s, len, kind);
    push(out, start, len, form);
    if ((tk->used + 1) * 2 > tk->cap) {
        grow(tk);
        mask = tk->cap - 1;
        k = (size_t)h & mask;
        while (tk->tab[k].surface)
            k = (k + 1) & mask;
    }
    entry *e = &tk->tab[k];
    e->hash = h;
    e->surface = cd_arena_strndup(tk->keys, s, len);
    e->len = (uint32_t)len;
    e->form = form;
    tk->used++;
}

/* ----------------------------------------------------------- tokenise */

void cd_tokenize(cd_tokenizer *tk, const char *text, size_t start, size_t end,
                 cd_tokens *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = start;
    while (i < end) {
        unsigned c = s[i];
        if (c == ' ') {
            i++;
            continue;
        }
        size_t n, j;
        uint32_t cp;
        cd_token_kind kind;
        switch (peek(tk, s, i, end, &n, &cp)) {
        case C_SPACE:
        case C_JOIN:
            i += n;
            continue;
        case C_LETTER:
            j = scan_word(tk, s, i, end);
            kind = CD_TOK_WORD;
            break;
        case C_DIGIT:
            j = scan_number(tk, s, i, end);
            kind = CD_TOK_NUMBER;
            break;
        case C_CURRENCY: {
            /* "$5", and "$US13.15", "$NZ2": the symbol, a country's
             * capitals, the figure */
            size_t k = i + n;
            while (k < end && k - (i + n) < 3 && s[k] >= 'A' && s[k] <= 'Z')
                k++;
            if (k - (i + n) == 1)
                k = i + n; /* "$A" alone is too short to be a country */
            if (class_at(tk, s, k, end) == C_DIGIT) {
                j = scan_number(tk, s, k, end);
                kind = CD_TOK_NUMBER;
                break;
            }
        }
            /* fall through */
        default:
            j = skip_marks(tk, s, i + n, end);
            kind = CD_TOK_PUNCT;
            break;
        }
        add_token(tk, text, i, j - i, kind, out);
        i = j;
    }
}
