/* features.c — what the pair score compares, per sentence: content stems
 * (stop words out, synonyms mapped), numbers, named-entity-like spans and
 * quoted spans. */
#include "compare.h"
#include "parallel.h"

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
    return cd_strcmp(*(const char *const *)a, *(const char *const *)b);
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

/* The distinct strings of a run (stems, or numbers, quotes and names), in
 * a growing open-addressing index: each gets an entry with its weight and,
 * once all are in, its lexical rank. The index holds entry numbers, so it
 * stays small (a few bytes per distinct string) and in cache. */
typedef struct {
    const char *s;
    size_t len;
    uint64_t hash;
    uint32_t rank;
    double weight;
} str_entry;

typedef struct {
    uint32_t *index; /* entry number + 1, 0 empty */
    size_t cap;      /* power of two */
    str_entry *e;
    size_t n, cap_e;
} str_table;

static void table_init(str_table *t)
{
    t->cap = 1024;
    t->index = cd_xcalloc(t->cap, sizeof *t->index);
    t->n = 0;
    t->cap_e = 512;
    t->e = cd_xmalloc(t->cap_e * sizeof *t->e);
}

static void table_free(str_table *t)
{
    free(t->index);
    free(t->e);
}

static void table_grow(str_table *t)
{
    size_t cap = t->cap * 2;
    uint32_t *index = cd_xcalloc(cap, sizeof *index);
    for (size_t i = 0; i < t->n; i++) {
        size_t q = (size_t)t->e[i].hash & (cap - 1);
        while (index[q])
            q = (q + 1) & (cap - 1);
        index[q] = (uint32_t)i + 1;
    }
    free(t->index);
    t->index = index;
    t->cap = cap;
}

/* The entry of s[0..len) (not copied: s must outlive the table), made and
 * weighed (idf may be NULL: weight 1) when new. */
static uint32_t table_entry(str_table *t, const char *s, size_t len, const cd_idf *idf)
{
    uint64_t h = XXH3_64bits(s, len);
    size_t q = (size_t)h & (t->cap - 1);
    for (; t->index[q]; q = (q + 1) & (t->cap - 1)) {
        const str_entry *x = &t->e[t->index[q] - 1];
        if (x->hash == h && x->len == len && memcmp(x->s, s, len) == 0)
            return t->index[q] - 1;
    }
    if (t->n == t->cap_e) {
        t->cap_e *= 2;
        t->e = cd_xrealloc(t->e, t->cap_e * sizeof *t->e);
    }
    t->e[t->n] = (str_entry){s, len, h, 0, idf ? cd_idf_weight(idf, s) : 1.0};
    t->index[q] = (uint32_t)++t->n;
    if (2 * t->n > t->cap)
        table_grow(t);
    return (uint32_t)(t->n - 1);
}

static int cmp_entry_ptr(const void *x, const void *y)
{
    const str_entry *a = *(const str_entry *const *)x, *b = *(const str_entry *const *)y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->s, b->s, n);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Rank the entries lexically (strcmp order: the strings hold no NUL). */
static void table_rank(str_table *t)
{
    const str_entry **order = cd_xmalloc((t->n + 1) * sizeof *order);
    for (size_t i = 0; i < t->n; i++)
        order[i] = &t->e[i];
    if (t->n)
        qsort(order, t->n, sizeof *order, cmp_entry_ptr);
    for (size_t r = 0; r < t->n; r++)
        ((str_entry *)order[r])->rank = (uint32_t)r;
    free(order);
}

typedef struct {
    cd_features **f;
    const str_table *t;
    uint32_t **ent; /* the entries of each sentence's strings; freed here */
    bool weigh;
} assign_job;

static void assign_others(void *ctx, size_t i, size_t worker);

/* Rank the numbers, quotes and entities of f[0..n) (and the first and last
 * words of the entities, ranked among the same strings: a one-word name
 * then has the rank of a longer name's last word when they match). */
static void rank_others(cd_features **f, size_t n)
{
    str_table t;
    table_init(&t);
    uint32_t **ent = cd_xmalloc((n + 1) * sizeof *ent);
    for (size_t i = 0; i < n; i++) {
        cd_features *x = f[i];
        size_t m = x->n_numbers + x->n_quotes + 3 * x->n_entities, k = 0;
        ent[i] = cd_xmalloc((m + 1) * sizeof **ent);
        for (size_t j = 0; j < x->n_numbers; j++)
            ent[i][k++] = table_entry(&t, x->numbers[j], strlen(x->numbers[j]), NULL);
        for (size_t j = 0; j < x->n_quotes; j++)
            ent[i][k++] = table_entry(&t, x->quotes[j], strlen(x->quotes[j]), NULL);
        for (size_t j = 0; j < x->n_entities; j++) {
            const char *e = x->entities[j];
            uint32_t whole = table_entry(&t, e, strlen(e), NULL);
            ent[i][k++] = whole;
            const char *sp = strchr(e, ' ');
            if (!sp) {
                ent[i][k++] = whole;
                ent[i][k++] = whole;
            } else {
                const char *last = strrchr(e, ' ') + 1;
                ent[i][k++] = table_entry(&t, e, (size_t)(sp - e), NULL); /* first word */
                ent[i][k++] = table_entry(&t, last, strlen(last), NULL);
            }
        }
    }
    table_rank(&t);
    assign_job jb = {f, &t, ent, false};
    cd_parallel_for(n, assign_others, &jb);
    free(ent);
    table_free(&t);
}

static void assign_others(void *ctx, size_t i, size_t worker)
{
    (void)worker;
    assign_job *jb = ctx;
    const str_entry *e = jb->t->e;
    const uint32_t *ent = jb->ent[i];
    cd_features *x = jb->f[i];
    size_t k = 0;
    uint32_t *num = cd_arena_alloc(x->arena, (x->n_numbers + 1) * sizeof *num);
    uint32_t *quo = cd_arena_alloc(x->arena, (x->n_quotes + 1) * sizeof *quo);
    uint32_t *en = cd_arena_alloc(x->arena, (3 * x->n_entities + 1) * sizeof *en);
    for (size_t j = 0; j < x->n_numbers; j++)
        num[j] = e[ent[k++]].rank;
    for (size_t j = 0; j < x->n_quotes; j++)
        quo[j] = e[ent[k++]].rank;
    for (size_t j = 0; j < x->n_entities; j++) {
        en[j] = e[ent[k++]].rank;
        en[x->n_entities + j] = e[ent[k++]].rank;
        en[2 * x->n_entities + j] = e[ent[k++]].rank;
    }
    x->number_ids = num;
    x->quote_ids = quo;
    x->entity_ids = en;
    x->entity_first = en + x->n_entities;
    x->entity_last = en + 2 * x->n_entities;
    free(jb->ent[i]);
}

/* The hash of everything the pair score reads of f, once it is ranked:
 * each array hashed with the hash so far as its seed. */
static uint64_t features_key(const cd_features *f)
{
    size_t counts[6] = {f->n_stems, f->n_stops, f->n_numbers, f->n_quotes, f->n_entities,
                        f->n_words};
    uint64_t h = XXH3_64bits(counts, sizeof counts);
    h = XXH3_64bits_withSeed(f->stem_ids, f->n_stems * sizeof *f->stem_ids, h);
    h = XXH3_64bits_withSeed(f->stop_ids, f->n_stops * sizeof *f->stop_ids, h);
    h = XXH3_64bits_withSeed(f->number_ids, f->n_numbers * sizeof *f->number_ids, h);
    h = XXH3_64bits_withSeed(f->quote_ids, f->n_quotes * sizeof *f->quote_ids, h);
    return XXH3_64bits_withSeed(f->entity_ids, 3 * f->n_entities * sizeof *f->entity_ids, h);
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

static void assign_stems(void *ctx, size_t i, size_t worker)
{
    (void)worker;
    assign_job *j = ctx;
    cd_features *x = j->f[i];
    uint32_t *ids = cd_arena_alloc(x->arena, (x->n_stems + 1) * sizeof *ids);
    double *w = cd_arena_alloc(x->arena, (x->n_stems + 1) * sizeof *w);
    double sum = 0;
    for (size_t k = 0; k < x->n_stems; k++) {
        const str_entry *e = &j->t->e[j->ent[i][k]];
        ids[k] = e->rank;
        w[k] = e->weight;
        sum += w[k];
    }
    x->stem_ids = ids;
    if (j->weigh) {
        x->weights = w;
        x->weight_sum = sum;
    }
    x->key = features_key(x);
    free(j->ent[i]);
}

void cd_features_rank_weigh(cd_features **f, size_t n, const cd_idf *idf)
{
    rank_others(f, n);
    /* the distinct stems, each weighed once */
    str_table t;
    table_init(&t);
    uint32_t **ent = cd_xmalloc((n + 1) * sizeof *ent);
    for (size_t i = 0; i < n; i++) {
        ent[i] = cd_xmalloc((f[i]->n_stems + 1) * sizeof **ent);
        for (size_t k = 0; k < f[i]->n_stems; k++)
            ent[i][k] = table_entry(&t, f[i]->stems[k], strlen(f[i]->stems[k]), idf);
    }
    /* ids in lexical order of the stems, so that sorting by id is sorting
     * by stem (the pair score merges the arrays by either) */
    table_rank(&t);
    /* each sentence its ids, weights and key (on the threads: each writes
     * only its own features) */
    assign_job j = {f, &t, ent, idf != NULL};
    cd_parallel_for(n, assign_stems, &j);
    free(ent);
    table_free(&t);
}

void cd_features_free(cd_features *f)
{
    if (!f)
        return;
    cd_arena_free(f->arena);
    free(f);
}
