/* features.c — what the pair score compares, per sentence: content stems
 * (stop words out, synonyms mapped), numbers, named-entity-like spans and
 * quoted spans. */
#include "compare.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

/* A compact English stop-word list (matching forms): function words,
 * auxiliaries and pronouns. Sorted for bsearch. */
static const char *const STOP[] = {
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "been", "before", "being", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "during", "each",
    "either", "few", "for", "from", "further", "had", "has", "have", "having",
    "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i",
    "if", "in", "into", "is", "it", "it's", "its", "itself", "just", "me", "more",
    "most", "my", "myself", "neither", "nor", "of", "off", "on", "once", "only",
    "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same",
    "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "themselves", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "upon", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "whose", "why", "will", "with", "would", "you", "your", "yours",
};
#define N_STOP (sizeof STOP / sizeof *STOP)

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool cd_features_is_stop(const char *norm)
{
    return bsearch(&norm, STOP, N_STOP, sizeof *STOP, cmp_str) != NULL;
}

typedef struct {
    const char **v;
    size_t n, cap;
} strvec;

static void push(strvec *s, const char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = cd_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

/* Sort, drop duplicates, copy the pointer array into the arena. */
static const char **finish(cd_arena *a, strvec *s, size_t *n)
{
    const char **out = NULL;
    size_t k = 0;
    if (s->n) {
        qsort(s->v, s->n, sizeof *s->v, cmp_str);
        out = cd_arena_alloc(a, s->n * sizeof *out);
        for (size_t i = 0; i < s->n; i++)
            if (k == 0 || strcmp(out[k - 1], s->v[i]) != 0)
                out[k++] = s->v[i];
    }
    free(s->v);
    *n = k;
    return out;
}

static bool capitalised(const char *text, const cd_token *t)
{
    uint32_t cp;
    bool valid;
    cd_utf8_decode((const unsigned char *)text + t->start, t->len, &cp, &valid);
    return valid && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

/* "$35,000,000" -> "35000000"; "1.5bn" stays. */
static const char *number_form(cd_arena *a, const char *norm)
{
    cd_buf b = {0};
    const unsigned char *p = (const unsigned char *)norm;
    while (*p && !(*p >= '0' && *p <= '9'))
        p++; /* currency signs and other prefixes */
    for (; *p; p++)
        if (*p != ',')
            cd_buf_putc(&b, (char)*p);
    const char *s = cd_arena_strndup(a, b.data ? b.data : norm, b.data ? b.len : strlen(norm));
    cd_buf_free(&b);
    return s;
}

static bool is_quote(const cd_token *t)
{
    return t->form->kind == CD_TOK_PUNCT && strcmp(t->form->norm, "\"") == 0;
}

static bool is_hyphen(const cd_token *t)
{
    return t->form->kind == CD_TOK_PUNCT && strcmp(t->form->norm, "-") == 0;
}

cd_features *cd_features_new(const char *text, const cd_token *toks, size_t n,
                             const cd_synonyms *syn)
{
    cd_features *f = cd_xcalloc(1, sizeof *f);
    f->arena = cd_arena_new();
    strvec stems = {0}, nums = {0}, ents = {0}, quotes = {0}, stops = {0};
    cd_buf ent = {0}, quote = {0};
    size_t ent_words = 0;
    bool ent_at_start = false, in_quote = false;
    size_t words_seen = 0;

    for (size_t i = 0; i <= n; i++) {
        const cd_token *t = i < n ? &toks[i] : NULL;
        bool word = t && t->form->kind == CD_TOK_WORD;
        /* entity runs: capitalised words, joined across inner hyphens */
        bool cont = false;
        if (word && capitalised(text, t))
            cont = true;
        else if (word && ent_words && i > 0 && is_hyphen(&toks[i - 1]))
            cont = true; /* "Jong-un" */
        else if (t && ent_words && is_hyphen(t) && i + 1 < n &&
                 toks[i + 1].form->kind == CD_TOK_WORD)
            continue; /* keep the run open over the hyphen */
        if (cont) {
            bool stop = cd_features_is_stop(t->form->norm);
            if (ent_words == 0 && stop) {
                /* a leading "The" is not part of the name */
            } else {
                if (ent_words == 0)
                    ent_at_start = words_seen == 0 || (words_seen == 1 && i > 0 &&
                                   toks[i - 1].form->kind == CD_TOK_WORD &&
                                   cd_features_is_stop(toks[i - 1].form->norm));
                if (ent.len)
                    cd_buf_putc(&ent, ' ');
                cd_buf_puts(&ent, t->form->norm);
                ent_words++;
            }
        } else if (ent_words) {
            /* a single capitalised word opening the sentence is just the
             * sentence's capital */
            if (!(ent_at_start && ent_words == 1))
                push(&ents, cd_arena_strndup(f->arena, ent.data, ent.len));
            ent.len = 0;
            ent_words = 0;
        }
        if (!t)
            break;

        if (is_quote(t)) {
            if (in_quote && quote.len)
                push(&quotes, cd_arena_strndup(f->arena, quote.data, quote.len));
            quote.len = 0;
            in_quote = !in_quote;
            continue;
        }
        if (t->form->kind == CD_TOK_NUMBER) {
            push(&nums, number_form(f->arena, t->form->norm));
        } else if (word) {
            words_seen++;
            f->n_words++;
            if (!cd_features_is_stop(t->form->norm))
                push(&stems, cd_synonyms_map(syn, t->form->stem));
            else
                push(&stops, t->form->norm);
        }
        if (in_quote && t->form->kind != CD_TOK_PUNCT) {
            if (quote.len)
                cd_buf_putc(&quote, ' ');
            cd_buf_puts(&quote, t->form->norm);
        }
    }
    if (in_quote && quote.len)
        push(&quotes, cd_arena_strndup(f->arena, quote.data, quote.len));
    cd_buf_free(&ent);
    cd_buf_free(&quote);

    /* the stems point into the tokenizer's or the synonym table's strings:
     * copy them, the features must outlive both */
    for (size_t i = 0; i < stems.n; i++)
        stems.v[i] = cd_arena_strndup(f->arena, stems.v[i], strlen(stems.v[i]));
    for (size_t i = 0; i < stops.n; i++)
        stops.v[i] = cd_arena_strndup(f->arena, stops.v[i], strlen(stops.v[i]));
    f->stems = finish(f->arena, &stems, &f->n_stems);
    f->stops = finish(f->arena, &stops, &f->n_stops);
    uint32_t *sid = cd_arena_alloc(f->arena, (f->n_stops + 1) * sizeof *sid);
    for (size_t i = 0; i < f->n_stops; i++) {
        const char *const *hit = bsearch(&f->stops[i], STOP, N_STOP, sizeof *STOP, cmp_str);
        sid[i] = (uint32_t)(hit - STOP);
    }
    f->stop_ids = sid;
    f->numbers = finish(f->arena, &nums, &f->n_numbers);
    f->entities = finish(f->arena, &ents, &f->n_entities);
    f->quotes = finish(f->arena, &quotes, &f->n_quotes);
    return f;
}

cd_features *cd_features_of_sentence(const cd_doc *doc, size_t i, const cd_synonyms *syn)
{
    const cd_sentence *s = cd_doc_sentence(doc, i);
    const char *text = cd_doc_text(doc, NULL);
    const cd_token *toks = s->tok_count ? cd_doc_token(doc, s->tok_first) : NULL;
    return cd_features_new(text, toks, s->tok_count, syn);
}

void cd_features_weigh(cd_features *f, const cd_idf *idf)
{
    double *w = cd_arena_alloc(f->arena, (f->n_stems + 1) * sizeof *w);
    double sum = 0;
    for (size_t k = 0; k < f->n_stems; k++) {
        w[k] = cd_idf_weight(idf, f->stems[k]);
        sum += w[k];
    }
    f->weights = w;
    f->weight_sum = sum;
}

/* One distinct stem of the run: its id, weight and a slot of the table. */
typedef struct {
    const char *stem;
    uint64_t hash;
    uint32_t id;   /* first-seen order, then lexical rank */
    double weight;
} stem_slot;

static int cmp_slot_ptr(const void *x, const void *y)
{
    return strcmp((*(const stem_slot *const *)x)->stem, (*(const stem_slot *const *)y)->stem);
}

/* An open-addressing table of distinct strings, ranked lexically. */
typedef struct {
    stem_slot *tab;
    size_t cap, n;
    stem_slot **distinct;
    size_t cap_distinct;
} str_table;

static void table_init(str_table *t, size_t expected)
{
    t->cap = 64;
    while (t->cap < 2 * expected + 2)
        t->cap *= 2;
    t->tab = cd_xcalloc(t->cap, sizeof *t->tab);
    t->n = 0;
    t->cap_distinct = expected + 1;
    t->distinct = cd_xmalloc(t->cap_distinct * sizeof *t->distinct);
}

/* The slot of s[0..len) (a copy is not made: s must outlive the table). */
static uint32_t table_slot(str_table *t, const char *s, size_t len, const cd_idf *idf)
{
    uint64_t h = XXH3_64bits(s, len);
    size_t q = (size_t)h & (t->cap - 1);
    while (t->tab[q].stem && (t->tab[q].hash != h || strlen(t->tab[q].stem) != len ||
                              memcmp(t->tab[q].stem, s, len) != 0))
        q = (q + 1) & (t->cap - 1);
    if (!t->tab[q].stem) {
        t->tab[q] = (stem_slot){s, h, 0, idf ? cd_idf_weight(idf, s) : 1.0};
        if (t->n == t->cap_distinct) {
            t->cap_distinct *= 2;
            t->distinct = cd_xrealloc(t->distinct, t->cap_distinct * sizeof *t->distinct);
        }
        t->distinct[t->n++] = &t->tab[q];
    }
    return (uint32_t)q;
}

static void table_rank(str_table *t)
{
    if (t->n)
        qsort(t->distinct, t->n, sizeof *t->distinct, cmp_slot_ptr);
    for (size_t d = 0; d < t->n; d++)
        t->distinct[d]->id = (uint32_t)d;
}

/* Rank the numbers, quotes and entities of f[0..n) (and the first and last
 * words of the entities, which are ranked among the same strings: a one-word
 * name then has the rank of a longer name's last word when they match). */
static void rank_others(cd_features **f, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += f[i]->n_numbers + f[i]->n_quotes + 3 * f[i]->n_entities;
    str_table t;
    table_init(&t, total);
    /* word copies of the entities' first and last words live here */
    cd_arena *words = cd_arena_new();
    uint32_t **slots = cd_xmalloc((n + 1) * sizeof *slots);
    for (size_t i = 0; i < n; i++) {
        cd_features *x = f[i];
        size_t m = x->n_numbers + x->n_quotes + 3 * x->n_entities, k = 0;
        slots[i] = cd_xmalloc((m + 1) * sizeof **slots);
        for (size_t j = 0; j < x->n_numbers; j++)
            slots[i][k++] = table_slot(&t, x->numbers[j], strlen(x->numbers[j]), NULL);
        for (size_t j = 0; j < x->n_quotes; j++)
            slots[i][k++] = table_slot(&t, x->quotes[j], strlen(x->quotes[j]), NULL);
        for (size_t j = 0; j < x->n_entities; j++) {
            const char *e = x->entities[j];
            size_t len = strlen(e);
            slots[i][k++] = table_slot(&t, e, len, NULL);
            const char *sp = strchr(e, ' ');
            const char *last = strrchr(e, ' ');
            if (!sp) {
                slots[i][k] = slots[i][k - 1];
                slots[i][k + 1] = slots[i][k - 1];
            } else {
                const char *fw = cd_arena_strndup(words, e, (size_t)(sp - e));
                slots[i][k] = table_slot(&t, fw, (size_t)(sp - e), NULL);
                slots[i][k + 1] = table_slot(&t, last + 1, strlen(last + 1), NULL);
            }
            k += 2;
        }
    }
    table_rank(&t);
    for (size_t i = 0; i < n; i++) {
        cd_features *x = f[i];
        size_t k = 0;
        uint32_t *num = cd_arena_alloc(x->arena, (x->n_numbers + 1) * sizeof *num);
        uint32_t *quo = cd_arena_alloc(x->arena, (x->n_quotes + 1) * sizeof *quo);
        uint32_t *ent = cd_arena_alloc(x->arena, (3 * x->n_entities + 1) * sizeof *ent);
        for (size_t j = 0; j < x->n_numbers; j++)
            num[j] = t.tab[slots[i][k++]].id;
        for (size_t j = 0; j < x->n_quotes; j++)
            quo[j] = t.tab[slots[i][k++]].id;
        for (size_t j = 0; j < x->n_entities; j++) {
            ent[j] = t.tab[slots[i][k++]].id;
            ent[x->n_entities + j] = t.tab[slots[i][k++]].id;
            ent[2 * x->n_entities + j] = t.tab[slots[i][k++]].id;
        }
        x->number_ids = num;
        x->quote_ids = quo;
        x->entity_ids = ent;
        x->entity_first = ent + x->n_entities;
        x->entity_last = ent + 2 * x->n_entities;
        free(slots[i]);
    }
    free(slots);
    free(t.distinct);
    free(t.tab);
    cd_arena_free(words);
}

/* The hash of everything the pair score reads of f, once it is ranked. */
static uint64_t features_key(const cd_features *f)
{
    XXH3_state_t *st = XXH3_createState();
    XXH3_64bits_reset(st);
    size_t counts[6] = {f->n_stems, f->n_stops, f->n_numbers, f->n_quotes, f->n_entities,
                        f->n_words};
    XXH3_64bits_update(st, counts, sizeof counts);
    XXH3_64bits_update(st, f->stem_ids, f->n_stems * sizeof *f->stem_ids);
    XXH3_64bits_update(st, f->stop_ids, f->n_stops * sizeof *f->stop_ids);
    XXH3_64bits_update(st, f->number_ids, f->n_numbers * sizeof *f->number_ids);
    XXH3_64bits_update(st, f->quote_ids, f->n_quotes * sizeof *f->quote_ids);
    XXH3_64bits_update(st, f->entity_ids, 3 * f->n_entities * sizeof *f->entity_ids);
    uint64_t h = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    return h;
}

bool cd_features_same(const cd_features *a, const cd_features *b)
{
    return a->key == b->key && a->stem_ids && b->stem_ids && a->number_ids && b->number_ids &&
           a->n_stems == b->n_stems && a->n_stops == b->n_stops &&
           a->n_numbers == b->n_numbers && a->n_quotes == b->n_quotes &&
           a->n_entities == b->n_entities && a->n_words == b->n_words &&
           !memcmp(a->stem_ids, b->stem_ids, a->n_stems * sizeof *a->stem_ids) &&
           !memcmp(a->stop_ids, b->stop_ids, a->n_stops * sizeof *a->stop_ids) &&
           !memcmp(a->number_ids, b->number_ids, a->n_numbers * sizeof *a->number_ids) &&
           !memcmp(a->quote_ids, b->quote_ids, a->n_quotes * sizeof *a->quote_ids) &&
           !memcmp(a->entity_ids, b->entity_ids, 3 * a->n_entities * sizeof *a->entity_ids);
}

void cd_features_rank_weigh(cd_features **f, size_t n, const cd_idf *idf)
{
    rank_others(f, n);
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += f[i]->n_stems;
    /* the distinct stems in an open-addressing table, each weighed once */
    size_t cap = 64;
    while (cap < 2 * total + 2)
        cap *= 2;
    stem_slot *tab = cd_xcalloc(cap, sizeof *tab);
    stem_slot **distinct = cd_xmalloc((total + 1) * sizeof *distinct);
    uint32_t **slot_of = cd_xmalloc((n + 1) * sizeof *slot_of); /* table index per stem */
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) {
        slot_of[i] = cd_xmalloc((f[i]->n_stems + 1) * sizeof **slot_of);
        for (size_t k = 0; k < f[i]->n_stems; k++) {
            const char *st = f[i]->stems[k];
            size_t len = strlen(st);
            uint64_t h = XXH3_64bits(st, len);
            size_t q = (size_t)h & (cap - 1);
            while (tab[q].stem && (tab[q].hash != h || strcmp(tab[q].stem, st) != 0))
                q = (q + 1) & (cap - 1);
            if (!tab[q].stem) {
                tab[q] = (stem_slot){st, h, 0, idf ? cd_idf_weight(idf, st) : 1.0};
                distinct[nd++] = &tab[q];
            }
            slot_of[i][k] = (uint32_t)q;
        }
    }
    /* ids in lexical order of the stems, so that sorting by id is sorting
     * by stem (the pair score merges the arrays by either) */
    if (nd)
        qsort(distinct, nd, sizeof *distinct, cmp_slot_ptr);
    for (size_t d = 0; d < nd; d++)
        distinct[d]->id = (uint32_t)d;
    for (size_t i = 0; i < n; i++) {
        uint32_t *ids = cd_arena_alloc(f[i]->arena, (f[i]->n_stems + 1) * sizeof *ids);
        double *w = cd_arena_alloc(f[i]->arena, (f[i]->n_stems + 1) * sizeof *w);
        double sum = 0;
        for (size_t k = 0; k < f[i]->n_stems; k++) {
            const stem_slot *sl = &tab[slot_of[i][k]];
            ids[k] = sl->id;
            w[k] = sl->weight;
            sum += w[k];
        }
        f[i]->stem_ids = ids;
        if (idf) {
            f[i]->weights = w;
            f[i]->weight_sum = sum;
        }
        f[i]->key = features_key(f[i]);
        free(slot_of[i]);
    }
    free(slot_of);
    free(distinct);
    free(tab);
}

void cd_features_free(cd_features *f)
{
    if (!f)
        return;
    cd_arena_free(f->arena);
    free(f);
}
