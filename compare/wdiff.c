/* wdiff.c — whole-word diff of two sentences (cd_wdiff).
 *
 * Words and numbers are compared by a key: the token's matching form with
 * punctuation inside it removed ("U.S." = "US", "don't" = "dont"), thousands
 * commas dropped from numbers, small number words as digits ("three" = "3")
 * and a few British/American spellings folded ("colour" = "color").
 * Punctuation tokens take no part, so quote marks, dashes and commas never
 * make a difference. The diff is a longest common subsequence (dynamic
 * programming) over the keys after the common prefix and suffix are
 * stripped; when the middle is larger than WDIFF_MAX_CELLS it becomes one
 * deletion and one addition (coarser, but linear). A change whose deleted
 * and added words spell the same letters ("Jong-un" / "Jongun",
 * "e-mail" / "email") is counted as the same. */
#include "wdiff_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

/* Largest LCS table (cells); 1 Mi cells of 16 bits = 2 MiB. */
#define WDIFF_MAX_CELLS (1u << 20)

typedef cd_wd_word word;

static const char *const small_numbers[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
};

/* British -> American endings; applied to words at least min bytes long. */
static const struct {
    const char *from, *to;
    size_t min;
} spellings[] = {
    {"isation", "ization", 8}, {"isations", "izations", 9}, {"ise", "ize", 7},
    {"ised", "ized", 7},       {"ises", "izes", 7},         {"ising", "izing", 8},
    {"our", "or", 6},          {"ours", "ors", 7},          {"oured", "ored", 8},
    {"tre", "ter", 5},         {"tres", "ters", 6},         {"ence", "ense", 7},
    {"ogue", "og", 7},         {"ogues", "ogs", 8},
};

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* The comparison key of one word or number token. */
static const char *key_of(cd_arena *arena, const cd_form *f)
{
    const char *s = f->norm;
    size_t n = strlen(s);
    char *k = cd_arena_alloc(arena, n + 8);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (f->kind == CD_TOK_NUMBER ? c != ',' : (c >= 0x80 || (c >= 'a' && c <= 'z') ||
                                                      (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
            k[m++] = (char)c;
    }
    if (m == 0) /* a word of marks only: keep it as written */
        for (; m < n; m++)
            k[m] = s[m];
    k[m] = '\0';
    if (f->kind != CD_TOK_WORD)
        return k;
    for (size_t i = 0; i < sizeof small_numbers / sizeof *small_numbers; i++)
        if (cd_strcmp(k, small_numbers[i]) == 0) {
            snprintf(k, n + 8, "%zu", i);
            return k;
        }
    for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++)
        if (m >= spellings[i].min && ends_with(k, m, spellings[i].from)) {
            size_t cut = m - strlen(spellings[i].from), add = strlen(spellings[i].to);
            if (cut + add < n + 8) { /* the replacement is never longer by more than 1 */
                memcpy(k + cut, spellings[i].to, add);
                k[cut + add] = '\0';
            }
            break;
        }
    return k;
}

/* The words of a member: word and number tokens inside its range. */
/* The first of toks[lo..hi) that starts at or after byte pos. */
static size_t first_token_at(const cd_token *toks, size_t lo, size_t hi, size_t pos)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (toks[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t cd_wd_words(cd_arena *arena, const cd_member *m, cd_wd_word **out)
{
    /* tokens are in text order: skip to the range by binary search */
    size_t first = first_token_at(m->toks, 0, m->n_toks, m->range.start);
    size_t last = first_token_at(m->toks, first, m->n_toks, m->range.end);
    word *w = cd_arena_alloc(arena, (last > first ? last - first : 1) * sizeof *w);
    size_t n = 0;
    for (size_t i = first; i < last; i++) {
        const cd_token *t = &m->toks[i];
        if (!t->form || t->form->kind == CD_TOK_PUNCT)
            continue;
        size_t s = t->start, e = (size_t)t->start + t->len;
        if (s < m->range.start || e > m->range.end)
            continue;
        const char *k = key_of(arena, t->form);
        w[n++] = (word){XXH3_64bits(k, strlen(k)), k, s, e};
    }
    *out = w;
    return n;
}

/* Per-word edit script: 0 same, 1 del (a word), 2 add (b word). */
enum { E_SAME, E_DEL, E_ADD };

typedef struct {
    unsigned char *v;
    size_t n;
} script;

static void push(script *s, unsigned char e)
{
    s->v[s->n++] = e;
}

/* LCS of a[0..n) and b[0..m) appended to s; coarse when too large. */
static void lcs(const word *a, size_t n, const word *b, size_t m, script *s)
{
    if (n == 0 || m == 0 || n > 65535 || m > 65535 || (n + 1) * (m + 1) > WDIFF_MAX_CELLS) {
        for (size_t i = 0; i < n; i++)
            push(s, E_DEL);
        for (size_t j = 0; j < m; j++)
            push(s, E_ADD);
        return;
    }
    size_t w = m + 1;
    uint16_t *L = cd_xcalloc((n + 1) * w, sizeof *L); /* L[i][j]: LCS of a[i..], b[j..] */
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;) {
            if (a[i].key == b[j].key)
                L[i * w + j] = (uint16_t)(L[(i + 1) * w + j + 1] + 1);
            else {
                uint16_t d = L[(i + 1) * w + j], r = L[i * w + j + 1];
                L[i * w + j] = d >= r ? d : r;
            }
        }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i].key == b[j].key) {
            push(s, E_SAME);
            i++, j++;
        } else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
            push(s, E_DEL);
            i++;
        } else {
            push(s, E_ADD);
            j++;
        }
    }
    for (; i < n; i++)
        push(s, E_DEL);
    for (; j < m; j++)
        push(s, E_ADD);
    free(L);
}

/* True when the keys of a[0..n) joined equal those of b[0..m) joined. */
static bool same_letters(const word *a, size_t n, const word *b, size_t m)
{
    size_t i = 0, j = 0;
    const char *p = n ? a[0].k : "", *q = m ? b[0].k : "";
    for (;;) {
        while (!*p && i < n)
            p = ++i < n ? a[i].k : "";
        while (!*q && j < m)
            q = ++j < m ? b[j].k : "";
        if (i == n || j == m)
            return i == n && j == m;
        if (*p++ != *q++)
            return false;
    }
}

/* A run of the diff in word indices. */
typedef struct {
    cd_diff_kind kind;
    size_t a0, a1, b0, b1;
} run;

size_t cd_wdiff(cd_arena *arena, const cd_member *a, const cd_member *b, cd_diff_op **ops)
{
    word *wa, *wb;
    size_t na = cd_wd_words(arena, a, &wa), nb = cd_wd_words(arena, b, &wb);
    return cd_wd_diff(arena, a, wa, na, b, wb, nb, ops);
}

size_t cd_wd_diff(cd_arena *arena, const cd_member *a, const cd_wd_word *wa, size_t na,
                  const cd_member *b, const cd_wd_word *wb, size_t nb, cd_diff_op **ops)
{
    *ops = NULL;
    if (na == 0 && nb == 0)
        return 0;
    script s = {cd_xmalloc(na + nb + 1), 0};
    size_t pre = 0, suf = 0;
    while (pre < na && pre < nb && wa[pre].key == wb[pre].key)
        pre++;
    while (suf < na - pre && suf < nb - pre && wa[na - 1 - suf].key == wb[nb - 1 - suf].key)
        suf++;
    for (size_t i = 0; i < pre; i++)
        push(&s, E_SAME);
    lcs(wa + pre, na - pre - suf, wb + pre, nb - pre - suf, &s);
    for (size_t i = 0; i < suf; i++)
        push(&s, E_SAME);

    /* Runs: SAME stretches and change hunks (one DEL then one ADD). */
    run *r = cd_xmalloc((s.n * 2 + 1) * sizeof *r);
    size_t nr = 0, ia = 0, ib = 0;
    for (size_t k = 0; k < s.n;) {
        if (s.v[k] == E_SAME) {
            size_t a0 = ia, b0 = ib;
            for (; k < s.n && s.v[k] == E_SAME; k++)
                ia++, ib++;
            r[nr++] = (run){CD_DIFF_SAME, a0, ia, b0, ib};
            continue;
        }
        size_t a0 = ia, b0 = ib;
        for (; k < s.n && s.v[k] != E_SAME; k++)
            s.v[k] == E_DEL ? ia++ : ib++;
        if (ia > a0 && ib > b0 && same_letters(wa + a0, ia - a0, wb + b0, ib - b0)) {
            r[nr++] = (run){CD_DIFF_SAME, a0, ia, b0, ib};
            continue;
        }
        if (ia > a0)
            r[nr++] = (run){CD_DIFF_DEL, a0, ia, b0, b0};
        if (ib > b0)
            r[nr++] = (run){CD_DIFF_ADD, ia, ia, b0, ib};
    }
    free(s.v);
    /* Merge neighbouring SAME runs (a spelling variant between two). */
    size_t m = 0;
    for (size_t k = 0; k < nr; k++) {
        if (m && r[m - 1].kind == CD_DIFF_SAME && r[k].kind == CD_DIFF_SAME) {
            r[m - 1].a1 = r[k].a1;
            r[m - 1].b1 = r[k].b1;
        } else
            r[m++] = r[k];
    }
    /* Byte ranges tile each side: word k starts at its token, except that
     * the first begins at the range start and the end is the range end. */
    cd_diff_op *o = cd_arena_alloc(arena, (m ? m : 1) * sizeof *o);
    for (size_t k = 0; k < m; k++) {
#define BND(w, n, i, rg) ((i) == 0 ? (rg).start : (i) >= (n) ? (rg).end : (w)[i].start)
        o[k].kind = r[k].kind;
        o[k].a = (cd_range){BND(wa, na, r[k].a0, a->range), BND(wa, na, r[k].a1, a->range)};
        o[k].b = (cd_range){BND(wb, nb, r[k].b0, b->range), BND(wb, nb, r[k].b1, b->range)};
#undef BND
        if (na == 0)
            o[k].a = (cd_range){a->range.start, a->range.start};
        if (nb == 0)
            o[k].b = (cd_range){b->range.start, b->range.start};
    }
    free(r);
    *ops = o;
    return m;
}
