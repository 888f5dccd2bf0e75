/* divergence.c — where the sentences of one claim group differ (cd_diverge).
 *
 * Every kind compares the members' analyses (cd_sentence_info) and, where
 * position matters, their word diff (cd_wdiff): a fact counts as a
 * disagreement only when both sides state one of the same sort that the
 * other lacks (a member that omits a number is no number divergence), and an
 * entity or a negation only when it sits in a changed stretch of the diff.
 * Summaries group the members that say the same thing into one clause:
 * "Reuters and AP state this as fact; TASS attributes it to state media." */
#include "wdiff_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SUMMARY_QUOTE_MAX 60 /* bytes of quoted text in a summary */
#define SUMMARY_NAMES 8      /* outlets named in one clause; "and 12 others" */

static const char *const kind_names[CD_DIV_KINDS] = {
    "wording", "quote", "framing", "attribution", "loaded", "number", "date", "entity", "negation",
};

const char *cd_div_kind_name(cd_div_kind k)
{
    return (unsigned)k < CD_DIV_KINDS ? kind_names[k] : "unknown";
}

bool cd_div_kind_parse(const char *name, size_t len, cd_div_kind *out)
{
    for (int k = 0; k < CD_DIV_KINDS; k++)
        if (strlen(kind_names[k]) == len && strncmp(kind_names[k], name, len) == 0) {
            *out = (cd_div_kind)k;
            return true;
        }
    return false;
}

/* ------------------------------------------------------------- helpers */

static const cd_sentence_info empty_info;

static const cd_sentence_info *info_of(const cd_member *m)
{
    return m->info ? m->info : &empty_info;
}

/* Caps on what one member contributes (hostile input: a sentence of 8 KiB
 * can hold thousands of numbers or quote marks; the rules compare facts
 * pairwise). Facts and marks past these are not compared. */
#define DIV_MAX_FACTS 64  /* numbers, dates, entities each */
#define DIV_MAX_QUOTES 16
#define DIV_MAX_MARKS 64  /* hedges, loaded words, negations */
#define CAPPED(n, max) ((n) < (max) ? (n) : (max))
/* Members whose sentences are the same bytes are compared once (wire copies
 * in a group of hundreds of outlets); of the distinct sentences, a pair is
 * compared only when one of the two is among the first DIV_MAX_PAIRWISE, so
 * a group of N distinct sentences costs O(N), not O(N^2), diffs. */
#define DIV_MAX_PAIRWISE 64

/* Index of the first token of m starting at or after byte pos. */
static size_t tok_lower(const cd_member *m, size_t pos)
{
    size_t lo = 0, hi = m->n_toks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->toks[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* m with its tokens narrowed to those starting inside r (tokens are in
 * text order), so that scans of a stretch cost its length only. */
static cd_member narrow(const cd_member *m, cd_range r)
{
    cd_member n = *m;
    if (!m->toks)
        return n;
    size_t lo = tok_lower(m, r.start), hi = tok_lower(m, r.end);
    n.toks = m->toks + lo;
    n.n_toks = hi > lo ? hi - lo : 0;
    return n;
}

typedef struct {
    cd_arena *arena;   /* the caller's: everything returned */
    const cd_member *m;
    size_t n;
    cd_divergence *v;  /* malloc'd while collecting */
    size_t nv, cap;
    cd_arena *scratch; /* ours: words and diffs not returned */
    size_t *rep;       /* per member: the first member with the same sentence bytes */
    size_t *pos;       /* per member: its representative's rank among the distinct */
    cd_wd_word **words; /* per member, filled on first use */
    size_t *n_words;
    cd_diff_op **diffs; /* n * n (groups of up to DIFF_CACHE_MAX): the scratch
                         * diff of i against j once made, with its length + 1 */
    size_t *n_diffs;
    bool *has_words;
} ctx;

/* Should the distinct sentences of members i and j (representatives) be
 * compared pairwise? */
static bool pairwise(const ctx *c, size_t i, size_t j)
{
    return c->rep[i] == i && c->rep[j] == j &&
           (c->pos[i] < DIV_MAX_PAIRWISE || c->pos[j] < DIV_MAX_PAIRWISE);
}

static void words_of_member(ctx *c, size_t i)
{
    if (!c->has_words[i]) {
        c->n_words[i] = cd_wd_words(c->scratch, &c->m[i], &c->words[i]);
        c->has_words[i] = true;
    }
}

/* Groups up to this size keep the scratch diffs of their pairs: the rules
 * for numbers, dates, names and negations each diff the same pairs. */
#define DIFF_CACHE_MAX 64

/* The word diff of member i against member j, in arena (the caller's when
 * the ops are returned, else the scratch one, where it is made once);
 * words are prepared once. */
static size_t diff_members(ctx *c, cd_arena *arena, size_t i, size_t j, cd_diff_op **ops)
{
    bool cache = arena == c->scratch && c->n <= DIFF_CACHE_MAX;
    if (cache && !c->diffs) {
        c->diffs = cd_xcalloc(c->n * c->n, sizeof *c->diffs);
        c->n_diffs = cd_xcalloc(c->n * c->n, sizeof *c->n_diffs);
    }
    size_t at = i * c->n + j;
    if (cache && c->n_diffs[at]) {
        *ops = c->diffs[at];
        return c->n_diffs[at] - 1;
    }
    words_of_member(c, i);
    words_of_member(c, j);
    size_t n = cd_wd_diff(arena, &c->m[i], c->words[i], c->n_words[i], &c->m[j], c->words[j],
                          c->n_words[j], ops);
    if (cache) {
        c->diffs[at] = *ops;
        c->n_diffs[at] = n + 1;
    }
    return n;
}

/* rep[] and pos[]: members with byte-identical sentences share the first. */
static void find_repeats(ctx *c)
{
    size_t distinct = 0;
    for (size_t i = 0; i < c->n; i++) {
        const cd_member *a = &c->m[i];
        size_t la = a->range.end > a->range.start ? a->range.end - a->range.start : 0;
        c->rep[i] = i;
        for (size_t j = 0; j < i && distinct <= 4 * DIV_MAX_PAIRWISE; j++) {
            const cd_member *b = &c->m[j];
            size_t lb = b->range.end > b->range.start ? b->range.end - b->range.start : 0;
            if (c->rep[j] == j && la == lb &&
                (la == 0 || memcmp(a->text + a->range.start, b->text + b->range.start, la) == 0)) {
                c->rep[i] = j;
                break;
            }
        }
        if (c->rep[i] == i)
            c->pos[i] = distinct++;
        else
            c->pos[i] = c->pos[c->rep[i]];
    }
}

static char *name_of(ctx *c, size_t i)
{
    if (c->m[i].name && *c->m[i].name)
        return cd_arena_strndup(c->arena, c->m[i].name, strlen(c->m[i].name));
    cd_buf b = {0};
    cd_buf_printf(&b, "Source %zu", i + 1);
    char *s = cd_arena_strndup(c->arena, b.data, b.len);
    cd_buf_free(&b);
    return s;
}

/* Append s[0..n) to b for a summary: white space squeezed, trailing
 * spacing and , ; : removed, cut at SUMMARY_QUOTE_MAX bytes on a character
 * boundary with "…". */
static void put_snippet(cd_buf *b, const char *s, size_t n)
{
    while (n && (isspace((unsigned char)s[n - 1]) || strchr(",;:", s[n - 1])))
        n--;
    while (n && isspace((unsigned char)*s))
        s++, n--;
    bool cut = false;
    if (n > SUMMARY_QUOTE_MAX) {
        n = SUMMARY_QUOTE_MAX;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        cut = true;
    }
    bool sp = false;
    for (size_t i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) {
            sp = true;
            continue;
        }
        if (sp)
            cd_buf_putc(b, ' ');
        sp = false;
        cd_buf_putc(b, s[i]);
    }
    if (cut)
        cd_buf_puts(b, "…");
}

static void put_quoted(cd_buf *b, const char *s, size_t n)
{
    cd_buf_putc(b, '"');
    put_snippet(b, s, n);
    cd_buf_putc(b, '"');
}

/* A summary is one line: the words it quotes may hold line breaks (a
 * hard-wrapped page) or tabs; they become spaces. */
static char *steal(ctx *c, cd_buf *b)
{
    char *s = cd_arena_strndup(c->arena, b->data ? b->data : "", b->len);
    cd_buf_free(b);
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t' || *p == '\f' || *p == '\v')
            *p = ' ';
    return s;
}

/* A clause per member (NULL: the member takes no part); members with the
 * same clause are named together: "A and B state this as fact; C ...".
 * one/many: the clause for one name and for several ("states" / "state"). */
static char *group_summary(ctx *c, char **one, char **many, const bool *later)
{
    cd_buf b = {0};
    bool *done = cd_xcalloc(c->n + 1, 1);
    for (size_t pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < c->n; i++) {
        if (done[i] || !one[i] || (later && later[i] != (pass == 1)))
            continue;
        size_t same[SUMMARY_NAMES], ns = 0, all = 0;
        for (size_t j = i; j < c->n; j++)
            if (!done[j] && one[j] && strcmp(one[j], one[i]) == 0) {
                done[j] = true;
                all++;
                if (ns < SUMMARY_NAMES)
                    same[ns++] = j;
            }
        if (b.len)
            cd_buf_puts(&b, "; ");
        for (size_t k = 0; k < ns; k++) {
            if (k)
                cd_buf_puts(&b, k + 1 == ns && all == ns ? " and " : ", ");
            cd_buf_puts(&b, name_of(c, same[k]));
        }
        if (all > ns)
            cd_buf_printf(&b, " and %zu other%s", all - ns, all - ns == 1 ? "" : "s");
        cd_buf_putc(&b, ' ');
        cd_buf_puts(&b, all == 1 ? one[i] : many[i]);
    }
    free(done);
    if (b.len)
        cd_buf_putc(&b, '.');
    return steal(c, &b);
}

static cd_divergence *add_div(ctx *c, cd_div_kind kind, size_t base)
{
    if (c->nv == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->v = cd_xrealloc(c->v, c->cap * sizeof *c->v);
    }
    cd_divergence *d = &c->v[c->nv++];
    memset(d, 0, sizeof *d);
    d->kind = kind;
    d->base = base;
    d->sides = cd_arena_alloc(c->arena, c->n * sizeof *d->sides);
    return d;
}

static cd_div_side *add_side(ctx *c, cd_divergence *d, size_t member, const char *value,
                             cd_range span)
{
    cd_div_side *s = &d->sides[d->n_sides++];
    memset(s, 0, sizeof *s);
    s->member = member;
    s->value = value;
    s->span = span;
    return s;
}

static char *fmt(ctx *c, const char *f, const char *x)
{
    cd_buf b = {0};
    cd_buf_printf(&b, f, x);
    return steal(c, &b);
}

static bool has_change(const cd_diff_op *ops, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ops[i].kind != CD_DIFF_SAME)
            return true;
    return false;
}

/* Fold s for comparing names of sources: matching form, a leading "the "
 * dropped, then letters and digits only ("Kim Jong-un" = "Kim Jong Un"). */
static void fold_name(const char *s, cd_buf *out)
{
    cd_buf f = {0};
    cd_fold(s, strlen(s), &f);
    const char *p = f.data ? f.data : "";
    if (strncmp(p, "the ", 4) == 0)
        p += 4;
    out->len = 0;
    for (; *p; p++)
        if ((unsigned char)*p >= 0x80 || isalnum((unsigned char)*p))
            cd_buf_putc(out, *p);
    if (!out->data)
        cd_buf_puts(out, "");
    cd_buf_free(&f);
}

static bool overlaps(cd_range a, cd_range b)
{
    return a.start < b.end && b.start < a.end;
}

/* ------------------------------------------------------------- wording */

/* r narrowed to the words (and numbers) of m inside it: a diff run's range
 * also holds the spacing and punctuation that follow its last word. */
static cd_range words_span(const cd_member *mm, cd_range r)
{
    cd_member nm = narrow(mm, r);
    const cd_member *m = &nm;
    cd_range w = {r.start, r.start};
    bool any = false;
    for (size_t i = 0; i < m->n_toks; i++) {
        const cd_token *t = &m->toks[i];
        if (!t->form || t->form->kind == CD_TOK_PUNCT || t->start < r.start ||
            (size_t)t->start + t->len > r.end)
            continue;
        if (!any)
            w.start = t->start;
        any = true;
        w.end = (size_t)t->start + t->len;
    }
    return any ? w : r;
}

/* Word and number tokens of m inside r and outside skip (only those that
 * are not stop words when content is set). */
static size_t count_words(const cd_member *mm, cd_range r, cd_range skip, bool content)
{
    cd_member nm = narrow(mm, r);
    const cd_member *m = &nm;
    size_t n = 0;
    for (size_t i = 0; i < m->n_toks; i++) {
        const cd_token *t = &m->toks[i];
        size_t s = t->start, e = s + t->len;
        if (!t->form || t->form->kind == CD_TOK_PUNCT || s < r.start || e > r.end)
            continue;
        if (!(s < skip.end && skip.start < e) &&
            !(content && cd_features_is_stop(t->form->norm)))
            n++;
    }
    return n;
}

static size_t words_outside(const cd_member *mm, cd_range r, cd_range skip)
{
    return count_words(mm, r, skip, false);
}

/* Words of m inside r that are not stop words. */
static size_t content_words(const cd_member *mm, cd_range r)
{
    return count_words(mm, r, (cd_range){0, 0}, true);
}

static void put_run(cd_buf *b, const cd_member *m, cd_range r)
{
    r = words_span(m, r);
    put_quoted(b, m->text + r.start, r.end - r.start);
}

/* The first change of ops (a against b) in words: "has X where A has Y". */
static void describe_change(cd_buf *b, const cd_member *ma, const cd_member *mb,
                            const cd_diff_op *ops, size_t n, const char *aname)
{
    /* the change with the most content words ("killed 12" over "The/A") */
    size_t changes = 0, first = n, best = 0;
    for (size_t i = 0; i < n; i++)
        if (ops[i].kind != CD_DIFF_SAME && (i == 0 || ops[i - 1].kind == CD_DIFF_SAME)) {
            size_t w = 1;
            for (size_t k = i; k < n && k < i + 2 && ops[k].kind != CD_DIFF_SAME; k++)
                w += ops[k].kind == CD_DIFF_DEL ? content_words(ma, ops[k].a)
                                                : content_words(mb, ops[k].b);
            if (first == n || w > best)
                first = i, best = w;
            changes++;
        }
    if (first == n)
        return;
    const cd_diff_op *o = &ops[first];
    const cd_diff_op *add = o->kind == CD_DIFF_ADD ? o
                            : first + 1 < n && ops[first + 1].kind == CD_DIFF_ADD ? &ops[first + 1]
                                                                                   : NULL;
    const cd_diff_op *del = o->kind == CD_DIFF_DEL ? o : NULL;
    if (del && add) {
        cd_buf_puts(b, "has ");
        put_run(b, mb, add->b);
        cd_buf_printf(b, " where %s has ", aname);
        put_run(b, ma, del->a);
    } else if (add) {
        cd_buf_puts(b, "adds ");
        put_run(b, mb, add->b);
    } else {
        cd_buf_puts(b, "leaves out ");
        put_run(b, ma, del->a);
    }
    if (changes > 1)
        cd_buf_printf(b, " (%zu changes in all)", changes);
}

static void wording(ctx *c)
{
    if (c->n < 2)
        return;
    cd_divergence *d = NULL;
    for (size_t j = 1; j < c->n; j++) {
        if (c->rep[j] == c->rep[0])
            continue; /* the same sentence */
        cd_diff_op *ops;
        size_t n = diff_members(c, c->scratch, 0, j, &ops);
        if (!has_change(ops, n))
            continue;
        n = diff_members(c, c->arena, 0, j, &ops);
        if (!d) {
            d = add_div(c, CD_DIV_WORDING, 0);
            add_side(c, d, 0, NULL, (cd_range){c->m[0].range.start, c->m[0].range.end});
        }
        cd_div_side *s = add_side(c, d, j, NULL, c->m[j].range);
        s->ops = ops;
        s->n_ops = n;
    }
    if (!d)
        return;
    cd_buf b = {0};
    if (d->n_sides == 2) {
        cd_buf_printf(&b, "%s words it differently from %s: it ", name_of(c, d->sides[1].member),
                      name_of(c, 0));
        describe_change(&b, &c->m[0], &c->m[d->sides[1].member], d->sides[1].ops,
                        d->sides[1].n_ops, name_of(c, 0));
        cd_buf_putc(&b, '.');
    } else {
        size_t others = d->n_sides - 1, shown = CAPPED(others, SUMMARY_NAMES);
        for (size_t k = 1; k <= shown; k++) {
            if (k > 1)
                cd_buf_puts(&b, k == shown && shown == others ? " and " : ", ");
            cd_buf_puts(&b, name_of(c, d->sides[k].member));
        }
        if (others > shown)
            cd_buf_printf(&b, " and %zu other%s", others - shown, others - shown == 1 ? "" : "s");
        cd_buf_printf(&b, " word it differently from %s.", name_of(c, 0));
    }
    d->summary = steal(c, &b);
}

/* --------------------------------------------------------------- quote */

/* The sub-member of m covering range r (same text and tokens). */
static cd_member sub_member(const cd_member *m, cd_range r)
{
    cd_member s = narrow(m, r);
    s.range = r;
    return s;
}

/* Words of a (a sub-member) inside SAME runs of ops (a against
 * something), and in all (*wa); tokens and runs are both in text order. */
static size_t same_words(const cd_member *a, const cd_diff_op *ops, size_t n, size_t *wa)
{
    size_t same = 0, all = 0, k = 0;
    for (size_t i = 0; i < a->n_toks; i++) {
        const cd_token *t = &a->toks[i];
        if (!t->form || t->form->kind == CD_TOK_PUNCT || t->start < a->range.start ||
            (size_t)t->start + t->len > a->range.end)
            continue;
        all++;
        while (k < n && ops[k].a.end <= t->start)
            k++;
        if (k < n && ops[k].kind == CD_DIFF_SAME && t->start >= ops[k].a.start)
            same++;
    }
    *wa = all;
    return same;
}

/* Content words (not stop words; at most 64) of q whose stem some word of
 * m has too ("supported" / "support"): how much of a quotation another
 * sentence reports in its own words. */
static size_t stems_shared(const cd_member *q, const cd_member *m, size_t *content)
{
    size_t shared = 0;
    *content = 0;
    for (size_t i = 0; i < q->n_toks && *content < 64; i++) {
        const cd_token *t = &q->toks[i];
        if (!t->form || t->form->kind != CD_TOK_WORD || t->start < q->range.start ||
            (size_t)t->start + t->len > q->range.end || cd_features_is_stop(t->form->norm))
            continue;
        ++*content;
        for (size_t k = 0; k < m->n_toks; k++) {
            const cd_form *f = m->toks[k].form;
            if (f && f->kind == CD_TOK_WORD && m->toks[k].start >= m->range.start &&
                (f == t->form || strcmp(f->stem, t->form->stem) == 0)) {
                shared++;
                break;
            }
        }
    }
    return shared;
}

static void quote(ctx *c)
{
    size_t base = c->n;
    for (size_t i = 0; i < c->n && base == c->n; i++)
        if (info_of(&c->m[i])->n_quotes)
            base = i;
    if (base == c->n)
        return;
    const cd_sentence_info *bi = info_of(&c->m[base]);
    for (size_t q = 0; q < CAPPED(bi->n_quotes, DIV_MAX_QUOTES); q++) {
        const cd_quote *bq = &bi->quotes[q];
        cd_member qa = sub_member(&c->m[base], bq->span);
        cd_divergence *d = NULL;
        bool unquoted = false;
        char **one = cd_arena_alloc(c->arena, c->n * sizeof *one);
        memset(one, 0, c->n * sizeof *one);
        for (size_t j = 0; j < c->n; j++) {
            if (j == base || c->rep[j] == c->rep[base] ||
                (c->pos[j] >= DIV_MAX_PAIRWISE && c->pos[base] >= DIV_MAX_PAIRWISE))
                continue;
            const cd_sentence_info *ji = info_of(&c->m[j]);
            /* the best matching quote of member j */
            size_t best = SIZE_MAX, best_same = 0;
            cd_diff_op *best_ops = NULL;
            size_t best_n = 0;
            for (size_t r = 0; r < CAPPED(ji->n_quotes, DIV_MAX_QUOTES); r++) {
                cd_member qb = sub_member(&c->m[j], ji->quotes[r].span);
                cd_diff_op *ops;
                size_t n = cd_wdiff(c->scratch, &qa, &qb, &ops), wa, wb;
                size_t sa = same_words(&qa, ops, n, &wa);
                cd_diff_op *rops;
                size_t rn = cd_wdiff(c->scratch, &qb, &qa, &rops);
                same_words(&qb, rops, rn, &wb);
                size_t shorter = wa < wb ? wa : wb;
                bool same_speaker = bq->speaker && ji->quotes[r].speaker &&
                                    strcasecmp(bq->speaker, ji->quotes[r].speaker) == 0;
                bool match = shorter && (2 * sa >= shorter || (same_speaker && sa > 0));
                if (match && sa > best_same) {
                    best = r, best_same = sa, best_ops = ops, best_n = n;
                }
            }
            if (best != SIZE_MAX) {
                if (!has_change(best_ops, best_n))
                    continue;
                const cd_quote *jq = &ji->quotes[best];
                cd_member qb = sub_member(&c->m[j], jq->span);
                best_n = cd_wdiff(c->arena, &qa, &qb, &best_ops);
                if (!d) {
                    d = add_div(c, CD_DIV_QUOTE, base);
                    add_side(c, d, base, bq->text, bq->span);
                }
                cd_div_side *s = add_side(c, d, j, jq->text, jq->span);
                s->ops = best_ops;
                s->n_ops = best_n;
                cd_buf b = {0}, an = {0};
                cd_buf_printf(&an, "%s's", name_of(c, base));
                cd_buf_printf(&b, "%s's version ", name_of(c, j));
                describe_change(&b, &qa, &c->m[j], best_ops, best_n, an.data);
                cd_buf_free(&an);
                one[j] = steal(c, &b);
                continue;
            }
            /* no matching quote: the same words without quotation marks? (a
             * scare quote is the outlet's own distance from a phrase, no
             * quotation to give or paraphrase) */
            if (bq->scare)
                continue;
            cd_diff_op *ops;
            size_t n = cd_wdiff(c->scratch, &qa, &c->m[j], &ops), wa, content;
            size_t sa = same_words(&qa, ops, n, &wa);
            size_t shared = stems_shared(&qa, &c->m[j], &content);
            if (wa < 3 || (5 * sa < 3 * wa && (content < 3 || 2 * shared < content)))
                continue;
            /* narrow member j to the stretch that matches the quotation */
            size_t lo = SIZE_MAX, hi = 0;
            for (size_t k = 0; k < n; k++)
                if (ops[k].kind == CD_DIFF_SAME && ops[k].b.end > ops[k].b.start) {
                    if (lo == SIZE_MAX)
                        lo = ops[k].b.start;
                    hi = ops[k].b.end;
                }
            if (lo == SIZE_MAX)
                continue;
            cd_member nb = sub_member(&c->m[j], (cd_range){lo, hi});
            n = cd_wdiff(c->arena, &qa, &nb, &ops);
            if (!d) {
                d = add_div(c, CD_DIV_QUOTE, base);
                add_side(c, d, base, bq->text, bq->span);
            }
            cd_div_side *s = add_side(c, d, j, NULL, (cd_range){lo, hi});
            s->ops = ops;
            s->n_ops = n;
            unquoted = true;
            one[j] = fmt(c, has_change(ops, n) ? "%s gives it as a paraphrase, not a quotation"
                                               : "%s gives the same words without quotation marks",
                         name_of(c, j));
        }
        if (!d)
            continue;
        cd_buf b = {0};
        cd_buf_printf(&b, "%s quotes ", name_of(c, base));
        if (bq->speaker)
            cd_buf_printf(&b, "%s as saying ", bq->speaker);
        put_quoted(&b, bq->text, strlen(bq->text));
        cd_buf_puts(&b, unquoted ? " as a direct quotation; " : "; ");
        bool first = true;
        for (size_t k = 1; k < d->n_sides; k++) {
            size_t j = d->sides[k].member;
            if (!first)
                cd_buf_puts(&b, "; ");
            first = false;
            cd_buf_puts(&b, one[j]);
        }
        cd_buf_putc(&b, '.');
        d->summary = steal(c, &b);
    }
}

/* ------------------------------------------------- framing, attribution */

/* The source as a summary names it: as written, or a pronoun with the
 * speaker it most likely stands for ("he (Prime Minister Oskar Velan)"). */
static void put_source(cd_buf *b, const cd_sentence_info *in)
{
    if (!in->attr_refers) {
        cd_buf_puts(b, in->attr_source);
        return;
    }
    for (const char *p = in->attr_source; *p; p++)
        cd_buf_putc(b, (char)tolower((unsigned char)*p));
    cd_buf_printf(b, " (%s)", in->attr_refers);
}

/* "attributes it to …" (for one outlet, o) and "attribute it to …" (for
 * several, m). */
static void put_attributed(cd_buf *o, cd_buf *m, const cd_sentence_info *in)
{
    cd_buf_puts(o, "attributes it to ");
    put_source(o, in);
    cd_buf_puts(m, "attribute it to ");
    put_source(m, in);
}

static bool has_own_hedge(const cd_sentence_info *in)
{
    for (size_t i = 0; i < in->n_hedges; i++)
        if (!in->hedges[i].in_quote)
            return true;
    return false;
}

/* Every hedge of a outside quotes is among b's (by matching form). */
static bool same_hedges(const cd_sentence_info *a, const cd_sentence_info *b)
{
    for (size_t i = 0; i < CAPPED(a->n_hedges, DIV_MAX_MARKS); i++) {
        if (a->hedges[i].in_quote)
            continue;
        bool found = false;
        for (size_t k = 0; k < CAPPED(b->n_hedges, DIV_MAX_MARKS) && !found; k++)
            found = !b->hedges[k].in_quote && a->hedges[i].norm && b->hedges[k].norm &&
                    strcmp(a->hedges[i].norm, b->hedges[k].norm) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* "may", "reportedly": the hedges outside quotes, quoted and joined. */
static void put_hedges(cd_buf *b, const cd_sentence_info *in)
{
    bool first = true;
    for (size_t i = 0; i < in->n_hedges && i < 4; i++) {
        if (in->hedges[i].in_quote)
            continue;
        cd_buf_puts(b, first ? "" : ", ");
        first = false;
        put_quoted(b, in->hedges[i].text, strlen(in->hedges[i].text));
    }
}

static void framing(ctx *c)
{
    if (c->n < 2)
        return;
    bool differ = false;
    for (size_t j = 1; j < c->n; j++) {
        const cd_sentence_info *a = info_of(&c->m[0]), *b = info_of(&c->m[j]);
        if (a->framing != b->framing || !same_hedges(a, b) || !same_hedges(b, a))
            differ = true;
    }
    if (!differ)
        return;
    cd_divergence *d = add_div(c, CD_DIV_FRAMING, 0);
    char **one = cd_arena_alloc(c->arena, c->n * sizeof *one);
    char **many = cd_arena_alloc(c->arena, c->n * sizeof *many);
    for (size_t i = 0; i < c->n; i++) {
        const cd_sentence_info *in = info_of(&c->m[i]);
        cd_buf v = {0}, o = {0}, m = {0};
        cd_buf_puts(&v, cd_framing_name(in->framing));
        switch (in->framing) {
        case CD_FRAMING_ATTRIBUTED:
            if (in->attr_source) {
                cd_buf_puts(&v, " to ");
                put_source(&v, in);
                put_attributed(&o, &m, in);
            } else {
                cd_buf_puts(&o, "attributes it to a source");
                cd_buf_puts(&m, "attribute it to a source");
            }
            if (in->attr_cue) {
                cd_buf_puts(&v, " (");
                cd_buf_puts(&v, in->attr_cue);
                cd_buf_puts(&v, ")");
            }
            break;
        case CD_FRAMING_HEDGED:
            cd_buf_puts(&o, "hedges it");
            cd_buf_puts(&m, "hedge it");
            break;
        case CD_FRAMING_DENIED:
            cd_buf_puts(&o, "reports it as denied");
            cd_buf_puts(&m, "report it as denied");
            break;
        default:
            cd_buf_puts(&o, "states this as fact");
            cd_buf_puts(&m, "state this as fact");
            break;
        }
        if (has_own_hedge(in)) {
            cd_buf tmp = {0};
            put_hedges(&tmp, in);
            const char *h = tmp.data ? tmp.data : "";
            cd_buf raw = {0};
            for (size_t k = 0; k < in->n_hedges && k < 4; k++)
                if (!in->hedges[k].in_quote)
                    cd_buf_printf(&raw, "%s%s", raw.len ? ", " : "", in->hedges[k].text);
            cd_buf_printf(&v, in->framing == CD_FRAMING_HEDGED ? " (%s)" : "; hedged (%s)",
                          raw.data ? raw.data : "");
            cd_buf_free(&raw);
            if (in->framing == CD_FRAMING_HEDGED) {
                cd_buf_printf(&o, " (%s)", h);
                cd_buf_printf(&m, " (%s)", h);
            } else {
                cd_buf_printf(&o, " and hedges it (%s)", h);
                cd_buf_printf(&m, " and hedge it (%s)", h);
            }
            cd_buf_free(&tmp);
        }
        add_side(c, d, i, steal(c, &v), c->m[i].range);
        one[i] = steal(c, &o);
        many[i] = steal(c, &m);
    }
    d->summary = group_summary(c, one, many, NULL);
}

static void attribution(ctx *c)
{
    if (c->n < 2)
        return;
    /* the sources folded once per distinct sentence */
    char **folded = cd_xcalloc(c->n, sizeof *folded);
    for (size_t i = 0; i < c->n; i++)
        if (c->rep[i] == i && info_of(&c->m[i])->attr_source) {
            const cd_sentence_info *in = info_of(&c->m[i]);
            cd_buf f = {0};
            fold_name(in->attr_refers ? in->attr_refers : in->attr_source, &f);
            folded[i] = cd_arena_strndup(c->scratch, f.data, f.len);
            cd_buf_free(&f);
        }
    bool differ = false;
    for (size_t i = 0; i < c->n && !differ; i++)
        for (size_t j = i + 1; j < c->n && !differ; j++) {
            if (!pairwise(c, i, j))
                continue;
            const cd_sentence_info *a = info_of(&c->m[i]), *b = info_of(&c->m[j]);
            if (a->attr_source && b->attr_source) {
                if (!strstr(folded[i], folded[j]) && !strstr(folded[j], folded[i]))
                    differ = true;
            } else if ((a->attr_source != NULL) != (b->attr_source != NULL) &&
                       a->framing == b->framing)
                differ = true; /* same framing, only one names the source */
            if (a->verb && b->verb && strcmp(a->verb, b->verb) != 0 &&
                (a->verb_loaded || b->verb_loaded))
                differ = true;
        }
    free(folded);
    if (!differ)
        return;
    cd_divergence *d = add_div(c, CD_DIV_ATTRIBUTION, 0);
    char **one = cd_arena_alloc(c->arena, c->n * sizeof *one);
    char **many = cd_arena_alloc(c->arena, c->n * sizeof *many);
    for (size_t i = 0; i < c->n; i++) {
        const cd_sentence_info *in = info_of(&c->m[i]);
        cd_buf v = {0}, o = {0}, m = {0};
        if (in->attr_source) {
            put_source(&v, in);
            put_attributed(&o, &m, in);
        } else {
            cd_buf_puts(&v, "no source named");
            cd_buf_puts(&o, "names no source");
            cd_buf_puts(&m, "name no source");
        }
        if (in->verb) {
            cd_buf_printf(&v, " (%s)", in->attr_cue ? in->attr_cue : in->verb);
            const char *verb = in->attr_cue ? in->attr_cue : in->verb;
            cd_buf_puts(&o, " with ");
            put_quoted(&o, verb, strlen(verb));
            cd_buf_puts(&m, " with ");
            put_quoted(&m, verb, strlen(verb));
            if (in->verb_loaded) {
                cd_buf_puts(&o, " (not a neutral verb)");
                cd_buf_puts(&m, " (not a neutral verb)");
            }
        }
        add_side(c, d, i, steal(c, &v), c->m[i].range);
        one[i] = steal(c, &o);
        many[i] = steal(c, &m);
    }
    d->summary = group_summary(c, one, many, NULL);
}

/* -------------------------------------------------------------- loaded */

static bool has_loaded(const cd_sentence_info *in, const char *norm)
{
    for (size_t i = 0; i < CAPPED(in->n_loaded, DIV_MAX_MARKS); i++)
        if (!in->loaded[i].in_quote && strcmp(in->loaded[i].norm, norm) == 0)
            return true;
    return false;
}

static void loaded(ctx *c)
{
    if (c->n < 2)
        return;
    /* a member's own loaded words that some other member does not use */
    bool any = false;
    bool *uses = cd_xcalloc(c->n, 1);
    for (size_t i = 0; i < c->n; i++) {
        const cd_sentence_info *in = info_of(&c->m[i]);
        if (c->rep[i] != i) {
            uses[i] = uses[c->rep[i]]; /* the same sentence: the same words */
            continue;
        }
        for (size_t k = 0; k < CAPPED(in->n_loaded, DIV_MAX_MARKS); k++) {
            if (in->loaded[k].in_quote)
                continue;
            for (size_t j = 0; j < c->n; j++)
                if (j != i && pairwise(c, i, j) &&
                    !has_loaded(info_of(&c->m[j]), in->loaded[k].norm))
                    uses[i] = any = true;
        }
    }
    if (!any) {
        free(uses);
        return;
    }
    cd_divergence *d = add_div(c, CD_DIV_LOADED, 0);
    char **one = cd_arena_alloc(c->arena, c->n * sizeof *one);
    char **many = cd_arena_alloc(c->arena, c->n * sizeof *many);
    for (size_t i = 0; i < c->n; i++) {
        const cd_sentence_info *in = info_of(&c->m[i]);
        cd_buf v = {0}, w = {0};
        cd_range span = {c->m[i].range.start, c->m[i].range.start};
        size_t shown = 0;
        for (size_t k = 0; k < CAPPED(in->n_loaded, DIV_MAX_MARKS); k++) {
            if (in->loaded[k].in_quote)
                continue;
            bool dup = false;
            for (size_t p = 0; p < k; p++)
                if (!in->loaded[p].in_quote && strcmp(in->loaded[p].norm, in->loaded[k].norm) == 0)
                    dup = true;
            if (dup)
                continue;
            if (!shown++)
                span = in->loaded[k].span;
            if (v.len)
                cd_buf_puts(&v, ", ");
            cd_buf_puts(&v, in->loaded[k].text);
            if (shown <= 4) {
                if (w.len)
                    cd_buf_puts(&w, ", ");
                put_quoted(&w, in->loaded[k].text, strlen(in->loaded[k].text));
            }
        }
        if (uses[i]) {
            one[i] = fmt(c, "uses loaded words (%s)", w.data);
            many[i] = fmt(c, "use loaded words (%s)", w.data);
        } else if (!shown) {
            one[i] = "uses none";
            many[i] = "use none";
        } else {
            one[i] = many[i] = NULL; /* shares all its words with every other member */
        }
        cd_buf_free(&w);
        add_side(c, d, i, v.len ? steal(c, &v) : "none", span);
        cd_buf_free(&v);
    }
    bool *later = cd_xcalloc(c->n, 1);
    for (size_t i = 0; i < c->n; i++)
        later[i] = !uses[i];
    free(uses);
    d->summary = group_summary(c, one, many, later);
    free(later);
}

/* ------------------------------------------------- number, date, entity */

/* Leading number of a normalised value ("1500000000 usd" -> 1.5e9). */
static bool num_of(const char *v, double *x)
{
    if (!v)
        return false;
    char *end;
    *x = strtod(v, &end);
    return end != v && *end != '-' && isfinite(*x); /* not "256-170", "3-to-1" */
}

/* The place of the last significant digit of x (1000 for 65000, 0.01 for
 * 2.11): how far a rounded figure may stand from the exact one. */
static double precision_of(double x)
{
    x = fabs(x);
    if (x == 0 || x > 1e15)
        return 1;
    double p = 1;
    if (x != floor(x)) {
        while (p > 1e-6 && fabs(x / p - floor(x / p + 0.5)) > 1e-6)
            p /= 10;
        return p;
    }
    while (fmod(x, p * 10) == 0)
        p *= 10;
    return p;
}

/* A word before the number that makes it approximate: "about 770",
 * "more than 8,300", "some $65 billion". */
static bool approximate(const cd_member *m, const cd_fact *f)
{
    static const char *const cues[] = {"about", "around", "roughly", "approximately", "nearly",
                                       "almost", "some", "approached", "approaching", "over",
                                       "than", "least", "estimated", "close", "up", "under",
                                       "just", "circa", "an"};
    size_t seen = 0;
    for (size_t i = tok_lower(m, f->span.start); i-- > 0 && seen < 2;) {
        const cd_token *t = &m->toks[i];
        if (t->start < m->range.start)
            break;
        if ((size_t)t->start + t->len > f->span.start)
            continue;
        if (!t->form || t->form->kind == CD_TOK_PUNCT) {
            if (t->form && strcmp(t->form->norm, "$") != 0 && strcmp(t->form->norm, "~") != 0)
                break;
            if (t->form && strcmp(t->form->norm, "~") == 0)
                return true;
            continue;
        }
        seen++;
        for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
            if (cd_strcmp(t->form->norm, cues[k]) == 0)
                return true;
    }
    return false;
}

/* Units of measure written in the news, with their size in a base unit of
 * their dimension (kilogram, metre, litre, square metre): "220 pounds" and
 * "100 kilograms" are one weight. */
static const struct {
    const char *unit;
    int dim;
    double size;
} measures[] = {
    {"pound", 0, 0.45359237},   {"pounds", 0, 0.45359237},  {"lb", 0, 0.45359237},
    {"lbs", 0, 0.45359237},     {"ounce", 0, 0.028349523},  {"ounces", 0, 0.028349523},
    {"oz", 0, 0.028349523},     {"kilogram", 0, 1},         {"kilograms", 0, 1},
    {"kilo", 0, 1},             {"kilos", 0, 1},            {"kg", 0, 1},
    {"gram", 0, 0.001},         {"grams", 0, 0.001},        {"mile", 1, 1609.344},
    {"miles", 1, 1609.344},     {"yard", 1, 0.9144},        {"yards", 1, 0.9144},
    {"foot", 1, 0.3048},        {"feet", 1, 0.3048},        {"ft", 1, 0.3048},
    {"inch", 1, 0.0254},        {"inches", 1, 0.0254},      {"kilometre", 1, 1000},
    {"kilometres", 1, 1000},    {"kilometer", 1, 1000},     {"kilometers", 1, 1000},
    {"km", 1, 1000},            {"metre", 1, 1},            {"metres", 1, 1},
    {"meter", 1, 1},            {"meters", 1, 1},           {"centimetre", 1, 0.01},
    {"centimetres", 1, 0.01},   {"centimeter", 1, 0.01},    {"centimeters", 1, 0.01},
    {"cm", 1, 0.01},            {"gallon", 2, 3.785411784}, {"gallons", 2, 3.785411784},
    {"litre", 2, 1},            {"litres", 2, 1},           {"liter", 2, 1},
    {"liters", 2, 1},           {"acre", 3, 4046.8564224},  {"acres", 3, 4046.8564224},
    {"hectare", 3, 10000},      {"hectares", 3, 10000},
};

static int measure_of(const char *unit)
{
    if (!unit)
        return -1;
    for (size_t k = 0; k < sizeof measures / sizeof *measures; k++)
        if (strcasecmp(unit, measures[k].unit) == 0)
            return (int)k;
    return -1;
}

/* How many of a's unit one of b's unit makes, when both are measures of one
 * dimension ("kilograms" per "pound": 0.4536); 0 otherwise. */
static double conversion(const cd_fact *a, const cd_fact *b)
{
    int ma = measure_of(a->unit), mb = measure_of(b->unit);
    if (ma < 0 || mb < 0 || measures[ma].dim != measures[mb].dim)
        return 0;
    return measures[mb].size / measures[ma].size;
}

static bool is_decade(const cd_fact *f)
{
    return f->unit && strcmp(f->unit, "decade") == 0;
}

/* "his 90s" holds 94 (a count or an age, not another kind of quantity). */
static bool in_decade(const cd_fact *d, const cd_fact *x)
{
    double lo, v;
    if (!is_decade(d) || is_decade(x) || !num_of(d->value, &lo) || !num_of(x->value, &v))
        return false;
    return (!x->unit || !*x->unit || strcmp(x->unit, "age") == 0) && v >= lo && v < lo + 10;
}

static bool same_number(const cd_fact *a, const cd_fact *b)
{
    if (in_decade(a, b) || in_decade(b, a))
        return true;
    if (a->unit && b->unit && strcasecmp(a->unit, b->unit) != 0 && conversion(a, b) > 0)
        return false; /* "30 pounds" is not "30 kilograms": rounding_agrees converts */
    double x, y;
    if (num_of(a->value, &x) && num_of(b->value, &y))
        return fabs(x - y) <= 1e-9 * fmax(1.0, fmax(fabs(x), fabs(y)));
    return a->value && b->value && strcmp(a->value, b->value) == 0;
}

/* A figure's text states its scale: "million", "bn", "11M", "$70-million". */
static bool states_scale(const char *text)
{
    static const char *const words[] = {"thousand", "million", "billion", "trillion"};
    for (const char *p = text; *p; p++)
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (strncasecmp(p, words[k], strlen(words[k])) == 0)
                return true;
    for (const char *p = text; *p; p++) {
        if (!isdigit((unsigned char)*p) || isdigit((unsigned char)p[1]))
            continue;
        const char *q = p + 1;
        size_t n = 0;
        while (isalpha((unsigned char)q[n]))
            n++;
        static const char *const suffix[] = {"k", "m", "mn", "mln", "bn", "b", "tn", "trn"};
        for (size_t k = 0; k < sizeof suffix / sizeof *suffix; k++)
            if (strlen(suffix[k]) == n && strncasecmp(q, suffix[k], n) == 0)
                return true;
    }
    return false;
}

/* The same digits, one written with its scale and the other without
 * ("$54.9-million" / "$54.9", "11M, 22M" / "11, 22"): the scale left out,
 * not another figure. */
static bool scale_left_out(const cd_fact *fx, double x, const cd_fact *fy, double y)
{
    const cd_fact *big = fabs(x) >= fabs(y) ? fx : fy, *small = big == fx ? fy : fx;
    double hi = fmax(fabs(x), fabs(y)), lo = fmin(fabs(x), fabs(y));
    if (lo == 0 || !big->text || !small->text || !states_scale(big->text) ||
        states_scale(small->text))
        return false;
    for (double r = 1e3; r <= 1e12; r *= 1e3)
        if (fabs(hi - lo * r) <= 1e-9 * hi)
            return true;
    return false;
}

/* x and y may be the same figure written with different precision: the
 * coarser is the finer rounded or cut (they differ by at most one unit of
 * the coarser's last digit) and by at most 2 % ("$114 million" / "$114.3
 * million", "770" / "767", "$4.7 billion" / "$4.62 billion"); or one is
 * marked approximate and they differ by at most 10 % ("about $220,000" /
 * "$213,000"). */
static bool rounding_agrees(const cd_member *mx, const cd_fact *fx, const cd_member *my,
                            const cd_fact *fy)
{
    double x, y;
    if (!num_of(fx->value, &x) || !num_of(fy->value, &y))
        return false;
    double f = fx->unit && fy->unit && strcasecmp(fx->unit, fy->unit) != 0 ? conversion(fx, fy)
                                                                            : 0;
    if (f > 0) {
        /* one measure in two systems ("30 pounds" / "14 kilograms", "90
         * miles" / "145 km"): a conversion is rounded, so within 5 %, or
         * within the rounding of the coarser figure up to 10 % ("20 mile
         * (30 km)"), or 10 % when marked approximate */
        double yx = y * f, d = fabs(x - yx), big = fmax(fabs(x), fabs(yx));
        double p = fmax(precision_of(x), precision_of(y) * f);
        return d <= 0.05 * big + 1e-9 || (d <= p && d <= 0.1 * big) ||
               (d <= 0.1 * big && (approximate(mx, fx) || approximate(my, fy)));
    }
    double d = fabs(x - y), big = fmax(fabs(x), fabs(y));
    double px = precision_of(x), py = precision_of(y), p = fmax(px, py);
    if (scale_left_out(fx, x, fy, y))
        return true;
    if (d <= p + 1e-9 * big && d <= 0.02 * big)
        return true;
    /* written decimals state their precision: "9%" is "8.76 per cent"
     * rounded, "1.2" is "1.23" (not so for "30" and "32": trailing zeros
     * may be rounding or an exact count) */
    if (p <= 1 && px != py && d <= p / 2 + 1e-9 * big)
        return true;
    return d <= 0.1 * big && (approximate(mx, fx) || approximate(my, fy));
}

/* Units agree when equal or measures of one dimension; a number without a
 * unit only agrees with another without one, or with one standing in its
 * place (colocated). */
static bool unit_compatible(const cd_fact *a, const cd_fact *b, bool colocated)
{
    bool ua = a->unit && *a->unit, ub = b->unit && *b->unit;
    if (ua && ub)
        return strcasecmp(a->unit, b->unit) == 0 || conversion(a, b) > 0;
    /* a share or an age is never a bare count standing in its place ("only
     * six" / "only 1.5 per cent", "three" / "a 6-year-old") */
    const char *u = ua ? a->unit : ub ? b->unit : "";
    if (strcmp(u, "%") == 0 || strcmp(u, "age") == 0)
        return false;
    return ua == ub || colocated;
}

/* A date value as year, month, day (0 = not given): "2023-09-13",
 * "2023-09", "2023", "09-13" (no year); false for words. */
static bool date_parts(const char *v, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    int f[3] = {0, 0, 0}, n = 0;
    if (!v || !isdigit((unsigned char)*v))
        return false;
    for (const char *p = v; n < 3;) {
        int k = 0, x = 0;
        for (; isdigit((unsigned char)*p) && k < 5; p++, k++)
            x = x * 10 + (*p - '0');
        if (!k || isdigit((unsigned char)*p))
            break;
        f[n++] = x;
        if (*p != '-')
            break;
        p++;
    }
    if (!n)
        return false;
    if (f[0] >= 1000) {
        *y = f[0];
        *m = f[1];
        *d = f[2];
    } else {
        *m = f[0];
        *d = f[1];
    }
    return true;
}

/* Date classes: 1 a calendar date (digits), 2 a weekday, 3 a month name,
 * 4 other words ("last year", "tonight": relative, unresolved). */
static int date_class(const char *v)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    static const char *const months[] = {"january", "february", "march", "april", "may",
                                         "june", "july", "august", "september", "october",
                                         "november", "december"};
    if (!v || !*v)
        return 0;
    if (isdigit((unsigned char)*v))
        return 1;
    for (size_t i = 0; i < 7; i++)
        if (strcmp(v, days[i]) == 0)
            return 2;
    for (size_t i = 0; i < 12; i++)
        if (strcmp(v, months[i]) == 0)
            return 3;
    return 4;
}

/* A decade value ("1980s") as its first year, else 0. */
static int decade_of(const char *v)
{
    if (!v || strlen(v) != 5 || v[4] != 's' || v[3] != '0')
        return 0;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)v[i]))
            return 0;
    return (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10;
}

static bool same_date(const cd_fact *a, const cd_fact *b)
{
    int y1, m1, d1, y2, m2, d2;
    int da = decade_of(a->value), db = decade_of(b->value);
    if (da || db) { /* "1985" falls in "the 1980s" */
        int other = 0, m, d;
        if (da && db)
            return da == db;
        date_parts(da ? b->value : a->value, &other, &m, &d);
        return !other || other / 10 * 10 == (da ? da : db);
    }
    if (date_parts(a->value, &y1, &m1, &d1) && date_parts(b->value, &y2, &m2, &d2))
        return (!y1 || !y2 || y1 == y2) && (!m1 || !m2 || m1 == m2) && (!d1 || !d2 || d1 == d2);
    const char *x = a->value ? a->value : "", *y = b->value ? b->value : "";
    return strcmp(x, y) == 0;
}

/* Two dates disagree when they are of one class and differ; relative
 * words left unresolved ("tonight" / "yesterday") cannot be compared. */
static bool date_conflict(const cd_fact *a, const cd_fact *b)
{
    int ca = date_class(a->value), cb = date_class(b->value);
    return ca && ca == cb && ca != 4 && !same_date(a, b);
}

static bool word_at(const cd_member *m, size_t k, const char *const *set)
{
    if (k >= m->n_toks || !m->toks[k].form || m->toks[k].form->kind != CD_TOK_WORD)
        return false;
    for (size_t i = 0; set[i]; i++)
        if (cd_strcmp(m->toks[k].form->norm, set[i]) == 0)
            return true;
    return false;
}

/* The date tells when something was said, not when the claim's event
 * happened: "officials said Tuesday", "she said in an interview Tuesday",
 * "a statement said Tuesday", "officials on Tuesday said". */
static bool report_date(const cd_member *m, const cd_fact *f)
{
    static const char *const said[] = {"said", "says", "told", "announced", "reported",
                                       "stated", "added", "confirmed", "declared", "disclosed",
                                       "wrote", "testified", NULL};
    static const char *const filler[] = {"in", "an", "a", "on", "at", "late", "early",
                                         "during", "interview", "statement", "news",
                                         "conference", "briefing", "telephone", NULL};
    size_t k = tok_lower(m, f->span.start);
    for (size_t back = 0; back < 5 && k > 0; back++) {
        k--;
        if (m->toks[k].start < m->range.start)
            break;
        if (word_at(m, k, said))
            return true;
        if (!word_at(m, k, filler))
            break;
    }
    size_t e = tok_lower(m, f->span.end);
    return word_at(m, e, said) && (e == 0 || m->toks[e - 1].start < f->span.end);
}

/* The entity is not mentioned by m at all: its last word (the surname, the
 * head of "Shares of Genentech") occurs in none of m's words. Words are
 * compared on their letters ("Jong-un" = "jongun"). */
static bool entity_absent(const cd_fact *e, const cd_member *m)
{
    const char *v = e->value ? e->value : e->text;
    if (!v)
        return false;
    size_t n = strlen(v);
    while (n && v[n - 1] == ' ')
        n--;
    size_t s = n;
    while (s && v[s - 1] != ' ')
        s--;
    char last[128];
    size_t k = 0;
    for (size_t i = s; i < n && k + 1 < sizeof last; i++)
        if ((unsigned char)v[i] >= 0x80 || isalnum((unsigned char)v[i]))
            last[k++] = v[i];
    last[k] = '\0';
    if (!k)
        return false;
    for (size_t i = 0; i < m->n_toks; i++) {
        const cd_token *t = &m->toks[i];
        if (!t->form || t->form->kind != CD_TOK_WORD || t->start < m->range.start ||
            t->start + t->len > m->range.end)
            continue;
        const char *w = t->form->norm;
        size_t j = 0, q = 0;
        for (; w[j] && q <= k; j++)
            if ((unsigned char)w[j] >= 0x80 || isalnum((unsigned char)w[j])) {
                if (q == k || w[j] != last[q])
                    break;
                q++;
            }
        if (!w[j] && q == k)
            return false;
    }
    return true;
}

/* "us" for "united states": the initials of a name of two or more words. */
static bool is_acronym_of(const char *acr, const char *name)
{
    char ini[32];
    size_t n = 0, words = 0;
    for (const char *p = name; *p && n + 1 < sizeof ini; p++)
        if (isalpha((unsigned char)*p) && (p == name || p[-1] == ' ')) {
            ini[n++] = *p;
            words++;
        }
    ini[n] = '\0';
    char a[32];
    size_t m = 0;
    for (const char *p = acr; *p && m + 1 < sizeof a; p++)
        if (isalpha((unsigned char)*p))
            a[m++] = *p;
        else if (*p != '.')
            return false;
    a[m] = '\0';
    return words >= 2 && m == n && strcmp(a, ini) == 0;
}

/* needle occurs in hay as whole words ("kim" in "kim jong un", not "us"
 * in "hussein"). */
static bool has_words(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return false;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        if ((p == hay || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
    return false;
}

/* Names of a few countries most often in the news, their demonyms, short
 * forms and capitals used as metonyms ("Washington" for the United States):
 * one group per line. Matching forms, letters and spaces only. */
static const char *const country_names[][9] = {
    {"us", "usa", "united states", "america", "american", "americans", "washington", NULL},
    {"uk", "britain", "great britain", "british", "united kingdom", "london", NULL},
    {"china", "chinese", "beijing", "prc", "peoples republic of china", NULL},
    {"russia", "russian", "russians", "moscow", "kremlin", "russian federation", NULL},
    {"north korea", "north korean", "north koreans", "pyongyang", "dprk", NULL},
    {"south korea", "south korean", "south koreans", "seoul", NULL},
    {"japan", "japanese", "tokyo", NULL},
    {"france", "french", "paris", NULL},
    {"germany", "german", "germans", "berlin", NULL},
    {"israel", "israeli", "israelis", NULL},
    {"iran", "iranian", "iranians", "tehran", NULL},
    {"iraq", "iraqi", "iraqis", "baghdad", NULL},
    {"ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", NULL},
    {"eu", "european union", "brussels", NULL},
    {"latino", "latinos", "latina", "latinas", "hispanic", "hispanics", NULL},
    {"un", "united nations", NULL},
    /* institutions under their seat's name */
    {"pentagon", "defense department", "department of defense", "dod", NULL},
};

/* s folded for name comparison: letters, digits and single spaces. */
static size_t name_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    bool sp = false;
    for (; *s && n + 2 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c >= 0x80) {
            if (sp && n)
                out[n++] = ' ';
            sp = false;
            out[n++] = (char)c;
        } else if (c == ' ' || c == '-')
            sp = true;
    }
    out[n] = '\0';
    return n;
}

static int country_of(const char *key)
{
    for (size_t g = 0; g < sizeof country_names / sizeof *country_names; g++)
        for (size_t k = 0; country_names[g][k]; k++)
            if (cd_strcmp(key, country_names[g][k]) == 0)
                return (int)g;
    return -1;
}

/* Levenshtein distance of a[0..n) and b[0..m), both at most 64 bytes. */
static size_t edit_distance(const char *a, size_t n, const char *b, size_t m)
{
    size_t row[65];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

/* Two spellings of one name: "Qaeda" / "Qaida", "Chrétien" / "Chretien"
 * (at most one edit per four letters), or a demonym, plural or prefixed
 * form of it ("Iraq" / "Iraqis", "Stake" / "AtStake": four or more letters
 * at the start or end of the other, at most three more). */
static bool spelled_alike(const char *x, const char *y)
{
    size_t n = strlen(x), m = strlen(y);
    if (n > m) {
        const char *t = x;
        x = y, y = t;
        size_t k = n;
        n = m, m = k;
    }
    if (n < 4 || m > 64)
        return false;
    if ((strncmp(x, y, n) == 0 || strcmp(y + (m - n), x) == 0) && m - n <= 3)
        return true; /* "Iraq" / "Iraqis", "Stake" / "AtStake" */
    return edit_distance(x, n, y, m) <= n / 4;
}

/* One name transliterated two ways: the same consonants in the same order
 * once vowels and doubled letters are gone ("Turkmen" / "Turkoman",
 * "Mohammed" / "Muhammad"), both at least five letters with the same first
 * letter and four consonants or more ("Dallas" / "Dulles" stay apart). */
static bool same_skeleton(const char *x, const char *y)
{
    char sx[64], sy[64];
    const char *w[2] = {x, y};
    char *out[2] = {sx, sy};
    for (int k = 0; k < 2; k++) {
        size_t n = 0, len = 0;
        char last = 0;
        for (const char *p = w[k]; *p && *p != ' '; p++, len++) {
            char c = *p;
            if (c < 'a' || c > 'z')
                return false;
            if (!strchr("aeiouy", c) && c != last && n + 1 < sizeof sx)
                out[k][n++] = c;
            last = c;
        }
        out[k][n] = '\0';
        if (len < 5 || n < 4)
            return false;
    }
    return x[0] == y[0] && strcmp(sx, sy) == 0;
}

/* key with the usual abbreviations of names written out and company
 * suffixes dropped: "wall st" -> "wall street", "acme corp" -> "acme". */
static void expand_abbreviations(const char *key, char *out, size_t cap)
{
    static const char *const abbr[][2] = {
        {"st", "street"}, {"ave", "avenue"}, {"blvd", "boulevard"}, {"rd", "road"},
        {"mt", "mount"}, {"ft", "fort"}, {"dept", "department"}, {"univ", "university"},
        {"intl", "international"}, {"natl", "national"}, {"assn", "association"},
        {"co", ""}, {"corp", ""}, {"inc", ""}, {"ltd", ""}, {"plc", ""}, {"llc", ""},
        {"company", ""}, {"corporation", ""}, {"incorporated", ""}};
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = key; *p;) {
        size_t l = strcspn(p, " ");
        const char *word = p;
        size_t wl = l;
        for (size_t k = 0; k < sizeof abbr / sizeof *abbr; k++)
            if (strlen(abbr[k][0]) == l && strncmp(p, abbr[k][0], l) == 0) {
                word = abbr[k][1];
                wl = strlen(word);
                break;
            }
        if (wl && n + wl + 2 < cap) {
            if (n)
                out[n++] = ' ';
            memcpy(out + n, word, wl);
            n += wl;
            out[n] = '\0';
        }
        p += l;
        while (*p == ' ')
            p++;
    }
}

/* The last word of a name key. */
static const char *last_word(const char *key)
{
    const char *p = strrchr(key, ' ');
    return p ? p + 1 : key;
}

/* The US states: name, AP abbreviation (none when AP spells it out),
 * postal code; matching forms. */
static const char *const us_states[][3] = {
    {"alabama", "ala", "al"}, {"alaska", "", "ak"}, {"arizona", "ariz", "az"},
    {"arkansas", "ark", "ar"}, {"california", "calif", "ca"}, {"colorado", "colo", "co"},
    {"connecticut", "conn", "ct"}, {"delaware", "del", "de"}, {"florida", "fla", "fl"},
    {"georgia", "ga", "ga"}, {"hawaii", "", "hi"}, {"idaho", "", "id"},
    {"illinois", "ill", "il"}, {"indiana", "ind", "in"}, {"iowa", "", "ia"},
    {"kansas", "kan", "ks"}, {"kentucky", "ky", "ky"}, {"louisiana", "la", "la"},
    {"maine", "", "me"}, {"maryland", "md", "md"}, {"massachusetts", "mass", "ma"},
    {"michigan", "mich", "mi"}, {"minnesota", "minn", "mn"}, {"mississippi", "miss", "ms"},
    {"missouri", "mo", "mo"}, {"montana", "mont", "mt"}, {"nebraska", "neb", "ne"},
    {"nevada", "nev", "nv"}, {"new hampshire", "nh", "nh"}, {"new jersey", "nj", "nj"},
    {"new mexico", "nm", "nm"}, {"new york", "ny", "ny"}, {"north carolina", "nc", "nc"},
    {"north dakota", "nd", "nd"}, {"ohio", "", "oh"}, {"oklahoma", "okla", "ok"},
    {"oregon", "ore", "or"}, {"pennsylvania", "pa", "pa"}, {"rhode island", "ri", "ri"},
    {"south carolina", "sc", "sc"}, {"south dakota", "sd", "sd"}, {"tennessee", "tenn", "tn"},
    {"texas", "", "tx"}, {"utah", "", "ut"}, {"vermont", "vt", "vt"},
    {"virginia", "va", "va"}, {"washington", "wash", "wa"}, {"west virginia", "w va", "wv"},
    {"wisconsin", "wis", "wi"}, {"wyoming", "wyo", "wy"},
};

/* The state key names, or -1; *form is the column it matched: 0 the
 * name, 1 the AP abbreviation, 2 the postal code (no key is one state's
 * abbreviation and another's code). */
static int state_of(const char *key, int *form)
{
    for (int st = 0; st < (int)(sizeof us_states / sizeof *us_states); st++)
        for (int k = 0; k < 3; k++)
            if (*us_states[st][k] && cd_strcmp(key, us_states[st][k]) == 0) {
                *form = k;
                return st;
            }
    return -1;
}

/* The state key names on its own: its name, or its AP abbreviation of three
 * letters or more ("wash", "calif"); -1 otherwise. */
static int us_state(const char *key)
{
    int form, st = state_of(key, &form);
    return st >= 0 && (form == 0 || (form == 1 && strlen(key) >= 3)) ? st : -1;
}

/* A party label as US papers write it: "R-Tenn." (key "r tenn") and
 * "Republican of Tennessee" are one; -1 when key is neither, else the
 * state's index times 3 plus the party (0 R, 1 D, 2 I). */
static int party_state(const char *key)
{
    static const char *const party[][2] = {
        {"r", "republican"}, {"d", "democrat"}, {"i", "independent"}};
    for (int p = 0; p < 3; p++)
        for (int form = 0; form < 2; form++) {
            size_t l = strlen(party[p][form]);
            if (strncmp(key, party[p][form], l) != 0 || key[l] != ' ')
                continue;
            const char *rest = key + l + 1;
            if (form == 1) { /* "republican of tennessee", "democrat from texas" */
                if (strncmp(rest, "of ", 3) == 0 || strncmp(rest, "from ", 5) == 0)
                    rest = strchr(rest, ' ') + 1;
                else
                    return -1;
            }
            /* "R-Tenn.", "R-TN", "R-Ohio"; spelled out, the state's name */
            int sf, st = state_of(rest, &sf);
            if (st >= 0 && (form == 0 || sf == 0))
                return st * 3 + p;
        }
    return -1;
}

/* "IAC" / "InterActiveCorp": an acronym made of the capitals of a name
 * written as one word (as written, texts not keys). */
static bool camel_acronym(const char *acr, const char *name)
{
    size_t na = 0, caps = 0, low = 0;
    char a[16], c[16];
    for (const char *p = acr; *p; p++) {
        if (*p >= 'A' && *p <= 'Z' && na + 1 < sizeof a)
            a[na++] = *p;
        else if (*p != '.')
            return false;
    }
    for (const char *p = name; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            if (caps + 1 >= sizeof c)
                return false;
            c[caps++] = *p;
        } else if (*p >= 'a' && *p <= 'z') {
            low++;
        } else {
            return false; /* one word */
        }
    }
    return na >= 2 && caps == na && low > 0 && memcmp(a, c, na) == 0;
}

/* "Solomons" / "Solomon Islands", "Falklands" / "Falkland Islands". */
static bool islands_plural(const char *x, const char *y)
{
    size_t n = strlen(x), m = strlen(y);
    return n > 8 && strcmp(x + n - 8, " islands") == 0 && m == n - 7 &&
           strncmp(x, y, n - 8) == 0 && y[m - 1] == 's';
}

/* One name for the same entity: equal, one inside the other as whole words
 * ("Kim" / "Kim Jong Un"), an acronym of the other ("US" / "United
 * States", "IAC" / "InterActiveCorp", "GE" / "General Electric Co."), one
 * country under two of its names ("British" / "UK") or a part of it ("Wash."
 * / "United States", "U.S. FBI" / "United States"), one party label ("R-Tenn."
 * / "Republican of Tennessee"), an island group and its plural, or two
 * spellings of one name (spelled_alike, on the whole names or their last
 * words: "Sean Sundwell" / "Sundwall"). */
static bool same_entity(const cd_fact *a, const cd_fact *b)
{
    const char *x = a->value ? a->value : "", *y = b->value ? b->value : "";
    if (strcmp(x, y) == 0 || has_words(y, x) || has_words(x, y) || is_acronym_of(x, y) ||
        is_acronym_of(y, x))
        return true;
    char kx[128], ky[128];
    name_key(x, kx, sizeof kx);
    name_key(y, ky, sizeof ky);
    int cx = country_of(kx), cy = country_of(ky);
    if (cx >= 0 && cx == cy)
        return true;
    /* a US state ("Blaine, Wash.", "Texas") lies in the United States (the
     * first group); two states stay apart */
    if ((us_state(kx) >= 0 && cy == 0) || (us_state(ky) >= 0 && cx == 0))
        return true;
    /* "U.S. FBI" / "United States": a country's body under the country */
    char wx[64], wy[64];
    snprintf(wx, sizeof wx, "%.*s", (int)strcspn(kx, " "), kx);
    snprintf(wy, sizeof wy, "%.*s", (int)strcspn(ky, " "), ky);
    if ((cy >= 0 && strchr(kx, ' ') && country_of(wx) == cy) ||
        (cx >= 0 && strchr(ky, ' ') && country_of(wy) == cx))
        return true;
    int px = party_state(kx);
    if (px >= 0 && px == party_state(ky))
        return true;
    if (islands_plural(kx, ky) || islands_plural(ky, kx))
        return true;
    const char *tx = a->text ? a->text : "", *ty = b->text ? b->text : "";
    if (camel_acronym(tx, ty) || camel_acronym(ty, tx))
        return true;
    if (spelled_alike(kx, ky) || spelled_alike(last_word(kx), last_word(ky)) ||
        same_skeleton(last_word(kx), last_word(ky)))
        return true;
    char ex[128], ey[128];
    expand_abbreviations(kx, ex, sizeof ex);
    expand_abbreviations(ky, ey, sizeof ey);
    return *ex && *ey && (strcmp(ex, ey) == 0 || has_words(ex, ey) || has_words(ey, ex) ||
                          is_acronym_of(ex, ey) || is_acronym_of(ey, ex));
}

/* The change hunk of ops (a against b) that holds a's span, as the range
 * of b it replaces; false when the span lies in a SAME run. */
static bool hunk_of(const cd_diff_op *ops, size_t n, cd_range span, bool side_b, cd_range *ra,
                    cd_range *rb)
{
    for (size_t i = 0; i < n; i++) {
        if (ops[i].kind == CD_DIFF_SAME)
            continue;
        size_t h0 = i, h1 = i + 1;
        if (h1 < n && ops[h1].kind != CD_DIFF_SAME)
            h1++;
        cd_range a = {SIZE_MAX, 0}, b = {SIZE_MAX, 0};
        for (size_t k = h0; k < h1; k++) {
            if (ops[k].a.start < a.start)
                a.start = ops[k].a.start;
            if (ops[k].a.end > a.end)
                a.end = ops[k].a.end;
            if (ops[k].b.start < b.start)
                b.start = ops[k].b.start;
            if (ops[k].b.end > b.end)
                b.end = ops[k].b.end;
        }
        if (overlaps(side_b ? b : a, span)) {
            *ra = a;
            *rb = b;
            return true;
        }
        i = h1 - 1;
    }
    return false;
}

typedef enum { F_NUMBER, F_DATE, F_ENTITY } fact_sort;

/* Words besides the entity a changed stretch may hold on either side. */
#define ENTITY_HUNK_WORDS 1

static const cd_fact *facts(const cd_sentence_info *in, fact_sort s, size_t *n)
{
    *n = CAPPED(s == F_NUMBER ? in->n_numbers : s == F_DATE ? in->n_dates : in->n_entities,
               DIV_MAX_FACTS);
    return s == F_NUMBER ? in->numbers : s == F_DATE ? in->dates : in->entities;
}

/* The two ends of a range or score ("256-170", "3-to-1"). */
static bool range_ends(const cd_fact *f, double *lo, double *hi)
{
    if (!f->unit || strcmp(f->unit, "range") != 0 || !f->value)
        return false;
    char *e;
    *lo = strtod(f->value, &e);
    if (e == f->value || *e != '-')
        return false;
    e += strncmp(e, "-to-", 4) == 0 ? 4 : 1;
    const char *b = e;
    *hi = strtod(b, &e);
    return e != b;
}

/* A range written as one token in one sentence and as two numbers in the
 * other ("256-170" / "256 to 170"): x a range whose ends both are among
 * ys, or x one end of a range among ys. */
static bool range_matched(const cd_fact *x, const cd_fact *ys, size_t ny)
{
    double lo, hi, v;
    if (range_ends(x, &lo, &hi)) {
        bool l = false, h = false;
        for (size_t k = 0; k < ny; k++)
            if (num_of(ys[k].value, &v) && !(ys[k].unit && *ys[k].unit)) {
                l = l || v == lo;
                h = h || v == hi;
            }
        return l && h;
    }
    if (!num_of(x->value, &v) || (x->unit && *x->unit))
        return false;
    for (size_t k = 0; k < ny; k++)
        if (range_ends(&ys[k], &lo, &hi) && (v == lo || v == hi))
            return true;
    return false;
}

/* x (of member mx) is stated by my too: the same, or for numbers the same
 * figure rounded ("$28" / "$28.20"). */
static bool fact_matched(fact_sort s, const cd_member *mx, const cd_fact *x, const cd_member *my,
                         const cd_fact *ys, size_t ny)
{
    if (s == F_NUMBER && range_matched(x, ys, ny))
        return true;
    for (size_t k = 0; k < ny; k++)
        if (s == F_NUMBER ? same_number(x, &ys[k]) || (unit_compatible(x, &ys[k], false) &&
                                                       rounding_agrees(mx, x, my, &ys[k]))
                          : s == F_DATE ? same_date(x, &ys[k]) : same_entity(x, &ys[k]))
            return true;
    return false;
}

/* Do x (of member i, unmatched in j) and y (of member j) disagree? y is
 * unmatched in i too, or stands where x stands (colocated: in the change
 * hunk of the diff that replaced x: "early Sunday" -> "early Tuesday" when
 * j has another "Tuesday" as well). */
static bool conflict(ctx *c, fact_sort s, size_t i, const cd_fact *x, size_t j, const cd_fact *y,
                     bool y_unmatched, bool colocated, cd_range ra, cd_range rb)
{
    if (s == F_NUMBER) {
        /* a figure both sentences state stands in for another one only with
         * the same unit ("three others" / "four others" beside "Four
         * people"; not "2 ½ 8-ounce servings" / "2.5", "20 mile (30 km)" /
         * "20-mile"); vague amounts in two units are not compared
         * ("hundreds of yards" / "hundreds of metres") */
        double vx, vy;
        if (!y_unmatched && strcasecmp(x->unit ? x->unit : "", y->unit ? y->unit : "") != 0)
            return false;
        if (!unit_compatible(x, y, colocated))
            return false;
        if ((!num_of(x->value, &vx) || !num_of(y->value, &vy)) && x->unit && y->unit &&
            strcasecmp(x->unit, y->unit) != 0)
            return false;
        return !rounding_agrees(&c->m[i], x, &c->m[j], y);
    }
    if (s == F_DATE) /* the day something was said against the day it happened: no conflict */
        return date_conflict(x, y) && report_date(&c->m[i], x) == report_date(&c->m[j], y);
    char kx[8], ky[8];
    if (name_key(x->value ? x->value : "", kx, sizeof kx) < 2 ||
        name_key(y->value ? y->value : "", ky, sizeof ky) < 2)
        return false; /* "S" and "P" of "S&P": too short to be a name */
    /* entity: neither mentioned by the other at all, each standing in the
     * other's place in a small change ("Obama met" / "Clinton met", not
     * "Lieberman said" / "the Connecticut Democrat told a news conference") */
    return y_unmatched && colocated && entity_absent(x, &c->m[j]) && entity_absent(y, &c->m[i]) &&
           words_outside(&c->m[i], ra, x->span) <= ENTITY_HUNK_WORDS &&
           words_outside(&c->m[j], rb, y->span) <= ENTITY_HUNK_WORDS;
}

static void fact_divergence(ctx *c, fact_sort s)
{
    if (c->n < 2)
        return;
    /* which facts of each member conflict with some other member */
    bool **bad = cd_xcalloc(c->n, sizeof *bad);
    bool any = false;
    for (size_t i = 0; i < c->n; i++) {
        size_t nx;
        facts(info_of(&c->m[i]), s, &nx);
        bad[i] = cd_xcalloc(nx + 1, 1);
    }
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = i + 1; j < c->n; j++) {
            if (!pairwise(c, i, j))
                continue;
            size_t nx, ny;
            const cd_fact *xs = facts(info_of(&c->m[i]), s, &nx);
            const cd_fact *ys = facts(info_of(&c->m[j]), s, &ny);
            if (!nx || !ny)
                continue; /* one side states none: an omission at most */
            cd_diff_op *ops = NULL;
            size_t nops = diff_members(c, c->scratch, i, j, &ops);
            for (size_t a = 0; a < nx; a++) {
                if (fact_matched(s, &c->m[i], &xs[a], &c->m[j], ys, ny))
                    continue;
                cd_range ra = {0, 0}, rb = {0, 0};
                bool in_hunk = hunk_of(ops, nops, xs[a].span, false, &ra, &rb);
                for (size_t b = 0; b < ny; b++) {
                    bool y_unmatched = !fact_matched(s, &c->m[j], &ys[b], &c->m[i], xs, nx);
                    bool colocated = in_hunk && overlaps(rb, ys[b].span);
                    if ((y_unmatched || colocated) &&
                        conflict(c, s, i, &xs[a], j, &ys[b], y_unmatched, colocated, ra, rb))
                        bad[i][a] = bad[j][b] = any = true;
                }
            }
        }
    /* a repeated sentence has the facts of its first copy, in the same order */
    for (size_t i = 0; i < c->n; i++) {
        size_t r = c->rep[i], ni, nr;
        if (r == i)
            continue;
        facts(info_of(&c->m[i]), s, &ni);
        facts(info_of(&c->m[r]), s, &nr);
        for (size_t a = 0; a < ni && a < nr; a++)
            bad[i][a] = bad[r][a];
    }
    if (any) {
        static const cd_div_kind kinds[] = {CD_DIV_NUMBER, CD_DIV_DATE, CD_DIV_ENTITY};
        static const char *const verbs[][2] = {
            {"gives", "give"}, {"dates it", "date it"}, {"names", "name"}};
        size_t base = c->n;
        for (size_t i = 0; i < c->n && base == c->n; i++) {
            size_t nx;
            facts(info_of(&c->m[i]), s, &nx);
            for (size_t a = 0; a < nx; a++)
                if (bad[i][a])
                    base = i;
        }
        cd_divergence *d = add_div(c, kinds[s], base);
        char **one = cd_arena_alloc(c->arena, c->n * sizeof *one);
        char **many = cd_arena_alloc(c->arena, c->n * sizeof *many);
        for (size_t i = 0; i < c->n; i++) {
            size_t nx;
            const cd_fact *xs = facts(info_of(&c->m[i]), s, &nx);
            cd_buf v = {0}, w = {0};
            cd_range span = {0, 0};
            for (size_t a = 0; a < nx; a++) {
                if (!bad[i][a])
                    continue;
                if (!v.len)
                    span = xs[a].span;
                if (v.len)
                    cd_buf_puts(&v, ", "), cd_buf_puts(&w, ", ");
                cd_buf_puts(&v, xs[a].text ? xs[a].text : "");
                put_quoted(&w, xs[a].text ? xs[a].text : "", xs[a].text ? strlen(xs[a].text) : 0);
            }
            one[i] = many[i] = NULL;
            if (v.len) {
                add_side(c, d, i, steal(c, &v), span);
                cd_buf o = {0}, m = {0};
                cd_buf_printf(&o, "%s %s", verbs[s][0], w.data);
                cd_buf_printf(&m, "%s %s", verbs[s][1], w.data);
                one[i] = steal(c, &o);
                many[i] = steal(c, &m);
            }
            cd_buf_free(&v);
            cd_buf_free(&w);
        }
        d->summary = group_summary(c, one, many, NULL);
    }
    for (size_t i = 0; i < c->n; i++)
        free(bad[i]);
    free(bad);
}

/* ------------------------------------------------------------ negation */

/* Words besides the negation a changed stretch may hold on either side. */
#define NEG_HUNK_WORDS 3

/* Words that carry a negation in their meaning: "failed to meet" says what
 * "did not meet" says. Compared as prefixes of matching forms. */
static const char *const negative_words[] = {
    "fail", "refus", "declin", "unabl", "lack", "without", "absen", "avoid", "deni", "deny",
    "reject", "neither", "nor", "instead", "unless", "barely", "hardly", "ignor", "omit",
    "miss", "halt", "stop", "ceas", "abandon", "drop", "scrap", "snub", "boycott", "cancel",
    "postpon", "lost", "lose", "unlike", "exclud", "except", "only", "rarely", "seldom",
    "scarcely", "remov", "withdr", "elimin", "banning", "banned", "prohibit", "forbid",
};

static bool has_negative_word(const cd_member *mm, cd_range r)
{
    cd_member nm = narrow(mm, r);
    const cd_member *m = &nm;
    for (size_t i = 0; i < m->n_toks; i++) {
        const cd_token *t = &m->toks[i];
        if (!t->form || t->form->kind != CD_TOK_WORD || t->start < r.start ||
            (size_t)t->start + t->len > r.end)
            continue;
        const char *w = t->form->norm;
        for (size_t k = 0; k < sizeof negative_words / sizeof *negative_words; k++) {
            size_t n = strlen(negative_words[k]);
            if (strncmp(w, negative_words[k], n) == 0 && (n > 3 || strlen(w) == n))
                return true;
        }
        /* un- adjectives: "unknown", "unable", "unlikely" (not "under", "united") */
        static const char *const not_un[] = {"under", "until", "unit", "union", "univers", "uniq",
                                             "uniform", "unveil", "unanim"};
        if (strncmp(w, "un", 2) == 0 && strlen(w) >= 6) {
            bool plain = true;
            for (size_t k = 0; k < sizeof not_un / sizeof *not_un; k++)
                if (strncmp(w, not_un[k], strlen(not_un[k])) == 0)
                    plain = false;
            if (plain)
                return true;
        }
    }
    return false;
}

/* A negation of member i that sits where the diff against j changed. */
/* Negation marks that negate the claim: not part of a compound
 * ("do-not-call"), not an idiom that adds rather than negates ("not only",
 * "not surprisingly", "nothing but", "no doubt"), and "nor" counted with
 * its "neither". */
static bool real_negation(const cd_member *m, const cd_mark *k)
{
    static const char *const idioms[] = {"only", "just", "surprisingly", "least", "but",
                                         "doubt", "matter", "merely", "until"};
    const char *t = m->text;
    if (!k->norm)
        return false;
    if (strcmp(k->norm, "nor") == 0) {
        /* "neither … nor" is one negation; "None …, nor was he asked" two */
        for (size_t i = 0; i < m->n_toks && m->toks[i].start < k->span.start; i++)
            if (m->toks[i].start >= m->range.start && m->toks[i].form &&
                strcmp(m->toks[i].form->norm, "neither") == 0)
                return false;
        return true;
    }
    if ((k->span.start > m->range.start && t[k->span.start - 1] == '-') ||
        (k->span.end < m->range.end && t[k->span.end] == '-'))
        return false;
    for (size_t i = tok_lower(m, k->span.start); i + 1 < m->n_toks; i++) {
        if (m->toks[i].start != k->span.start)
            break;
        const cd_token *n = &m->toks[i + 1];
        if (n->form && n->form->kind == CD_TOK_WORD)
            for (size_t w = 0; w < sizeof idioms / sizeof *idioms; w++)
                if (strcmp(n->form->norm, idioms[w]) == 0)
                    return false;
        break;
    }
    return true;
}

static size_t negation_count(const cd_member *m)
{
    const cd_sentence_info *in = info_of(m);
    size_t n = 0, end = 0;
    for (size_t k = 0; k < CAPPED(in->n_negations, DIV_MAX_MARKS); k++) {
        const cd_mark *mk = &in->negations[k];
        if (mk->span.start < end)
            continue; /* "no" inside "no evidence": one negation */
        if (real_negation(m, mk)) {
            n++;
            end = mk->span.end;
        }
    }
    return n;
}

static const cd_mark *changed_negation(ctx *c, size_t i, size_t j)
{
    const cd_sentence_info *in = info_of(&c->m[i]);
    if (!in->n_negations)
        return NULL;
    cd_diff_op *ops;
    size_t n = diff_members(c, c->scratch, i, j, &ops);
    for (size_t k = 0; k < CAPPED(in->n_negations, DIV_MAX_MARKS); k++) {
        cd_range ra, rb;
        cd_range sp = in->negations[k].span;
        if (!real_negation(&c->m[i], &in->negations[k]) || !hunk_of(ops, n, sp, false, &ra, &rb))
            continue;
        /* words the other side does not have at all, with the negation
         * among them, add a claim rather than negate the shared one
         * ("…, but gave no details", "wounding seven, none seriously") */
        if (rb.start >= rb.end && count_words(&c->m[i], ra, sp, true) > 0)
            continue;
        /* a small change only ("was signed" / "was not signed"), and not
         * one the other side words as a negative verb ("failed to") */
        if (words_outside(&c->m[i], ra, sp) <= NEG_HUNK_WORDS &&
            words_outside(&c->m[j], rb, (cd_range){0, 0}) <= NEG_HUNK_WORDS &&
            !has_negative_word(&c->m[j], rb))
            return &in->negations[k];
    }
    return NULL;
}

static void negation(ctx *c)
{
    if (c->n < 2)
        return;
    bool any = false;
    const cd_mark **mark = cd_xcalloc(c->n, sizeof *mark);
    bool *odd = cd_xcalloc(c->n, sizeof *odd);
    for (size_t i = 0; i < c->n; i++)
        odd[i] = negation_count(&c->m[i]) & 1;
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < c->n; j++) {
            if (i == j || odd[i] == odd[j] || !pairwise(c, i, j))
                continue;
            const cd_mark *k = changed_negation(c, i, j);
            if (k && !mark[i])
                mark[i] = k;
            if (k)
                any = true;
        }
    /* a repeated sentence: the mark at the same place in its own analysis */
    for (size_t i = 0; i < c->n; i++) {
        size_t r = c->rep[i];
        if (r != i && mark[r]) {
            size_t k = (size_t)(mark[r] - info_of(&c->m[r])->negations);
            if (k < info_of(&c->m[i])->n_negations)
                mark[i] = &info_of(&c->m[i])->negations[k];
        }
    }
    free(odd);
    if (any) {
        size_t base = 0;
        cd_divergence *d = add_div(c, CD_DIV_NEGATION, base);
        char **one = cd_arena_alloc(c->arena, c->n * sizeof *one);
        char **many = cd_arena_alloc(c->arena, c->n * sizeof *many);
        for (size_t i = 0; i < c->n; i++) {
            const cd_sentence_info *in = info_of(&c->m[i]);
            bool neg = negation_count(&c->m[i]) & 1;
            if (neg) {
                const cd_mark *k = mark[i];
                for (size_t q = 0; !k && q < in->n_negations; q++)
                    if (real_negation(&c->m[i], &in->negations[q]))
                        k = &in->negations[q];
                cd_buf o = {0}, m = {0}, v = {0};
                cd_buf_puts(&o, "negates it (");
                put_quoted(&o, k->text, strlen(k->text));
                cd_buf_puts(&o, ")");
                cd_buf_puts(&m, "negate it (");
                put_quoted(&m, k->text, strlen(k->text));
                cd_buf_puts(&m, ")");
                cd_buf_printf(&v, "negated (%s)", k->text);
                one[i] = steal(c, &o);
                many[i] = steal(c, &m);
                add_side(c, d, i, steal(c, &v), k->span);
            } else {
                one[i] = "does not";
                many[i] = "do not";
                add_side(c, d, i, "not negated", (cd_range){c->m[i].range.start, c->m[i].range.start});
            }
        }
        bool *later = cd_xcalloc(c->n, 1);
        for (size_t i = 0; i < c->n; i++)
            later[i] = !(negation_count(&c->m[i]) & 1);
        d->summary = group_summary(c, one, many, later);
        free(later);
    }
    free(mark);
}

/* ---------------------------------------------------------------- entry */

size_t cd_diverge(cd_arena *arena, const cd_member *members, size_t n, cd_divergence **out)
{
    ctx c = {.arena = arena, .m = members, .n = n};
    *out = NULL;
    if (n < 2)
        return 0;
    c.scratch = cd_arena_new();
    c.rep = cd_xcalloc(n, sizeof *c.rep);
    c.pos = cd_xcalloc(n, sizeof *c.pos);
    c.words = cd_xcalloc(n, sizeof *c.words);
    c.n_words = cd_xcalloc(n, sizeof *c.n_words);
    c.has_words = cd_xcalloc(n, sizeof *c.has_words);
    find_repeats(&c);
    wording(&c);
    quote(&c);
    framing(&c);
    attribution(&c);
    loaded(&c);
    fact_divergence(&c, F_NUMBER);
    fact_divergence(&c, F_DATE);
    fact_divergence(&c, F_ENTITY);
    negation(&c);
    if (c.nv) {
        *out = cd_arena_alloc(arena, c.nv * sizeof **out);
        memcpy(*out, c.v, c.nv * sizeof **out);
    }
    free(c.v);
    free(c.rep);
    free(c.pos);
    free(c.words);
    free(c.n_words);
    free(c.has_words);
    free(c.diffs);
    free(c.n_diffs);
    cd_arena_free(c.scratch);
    return c.nv;
}
