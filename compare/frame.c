/* frame.c — how one sentence is framed: asserted, attributed (source + cue
 * + reporting verb), hedged or denied; its quotations with their speakers;
 * hedges, negations and loaded words. Rules over tokens and the compiled-in
 * lexicon (data/lexicons); see docs/frame.md. */
#include "frame_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------- lexicon */

/* Index of the first entry whose key is >= w. */
static size_t lower_bound(const char *w)
{
    unsigned char c = (unsigned char)w[0];
    size_t lo = cd_lexicon_first[c], hi = cd_lexicon_first[c + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cd_strcmp(cd_lexicon[mid].key, w) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const cd_lex_entry *cd_lex_find(const char *norm)
{
    size_t i = lower_bound(norm);
    return i < cd_lexicon_count && strcmp(cd_lexicon[i].key, norm) == 0 ? &cd_lexicon[i] : NULL;
}

/* Does key (space-separated words) match the norms of toks[i..n)? Returns
 * the number of tokens matched, or 0. */
static size_t match_key(const char *key, const cd_token *toks, size_t n, size_t i)
{
    size_t k = i;
    const char *p = key;
    while (*p) {
        if (k >= n)
            return 0;
        const char *sp = strchr(p, ' ');
        size_t wl = sp ? (size_t)(sp - p) : strlen(p);
        const char *nm = toks[k].form->norm;
        if (strncmp(nm, p, wl) != 0 || nm[wl] != '\0')
            return 0;
        k++;
        p += wl;
        if (*p == ' ')
            p++;
    }
    return k - i;
}

/* The longest entry whose words match the matching forms of toks[i..n)
 * (*len gets its length in tokens) and, in *word, the entry of the word alone. */
static const cd_lex_entry *lex_match(const cd_token *toks, size_t n, size_t i, size_t *len,
                                      const cd_lex_entry **word)
{
    *len = 0;
    *word = NULL;
    if (i >= n || toks[i].form->kind == CD_TOK_NUMBER)
        return NULL;
    const char *w = toks[i].form->norm;
    size_t wl = strlen(w);
    const cd_lex_entry *best = NULL;
    for (size_t k = lower_bound(w); k < cd_lexicon_count; k++) {
        const char *key = cd_lexicon[k].key;
        if (strncmp(key, w, wl) != 0 || (key[wl] != '\0' && key[wl] != ' '))
            break;
        if (key[wl] == '\0') {
            *word = &cd_lexicon[k];
            if (!best) {
                best = *word;
                *len = 1;
            }
            continue;
        }
        size_t m = match_key(key, toks, n, i);
        if (m > *len) {
            *len = m;
            best = &cd_lexicon[k];
        }
    }
    return best;
}


/* ---------------------------------------------------------- word sets */

static bool in_set(const char *w, const char *const *set)
{
    for (; *set; set++)
        if (cd_strcmp(w, *set) == 0)
            return true;
    return false;
}

static const char *const DETERMINERS[] = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their",
    "our", "my", "your", "such", "any", "each", "every", "some", "no", "new", "latest",
    "recent", "own", NULL};
/* Reporting verbs that are rarely nouns: their base and -s forms report
 * wherever a subject precedes them ("officials say"). */
static const char *const STRONG_VERBS[] = {
    "say", "tell", "add", "write", "explain", "insist", "argue", "warn", "allege",
    "admit", "confirm", "deny", "believe", "think", "fear", "suggest", "acknowledge",
    "concede", "contend", "maintain", "speculate", "testify", "declare", "stress",
    "announce", "assert", "emphasize", "emphasise", "reveal", NULL};
/* Prepositions a subject may carry ("Kim in his message said"). */
static const char *const SUBJECT_PREPS[] = {"in", "on", "at", "during", "from", "with",
                                            NULL};
/* Between a subject and its verb: auxiliaries and common adverbs. */
static const char *const SKIP_BEFORE_VERB[] = {
    "has", "have", "had", "also", "later", "previously", "repeatedly", "recently",
    "earlier", "then", "again", "already", "further", "reportedly", "publicly",
    "privately", "separately", "once", "often", "first", "last", "formally",
    "officially", "initially", "subsequently", "similarly", "simply", "flatly",
    "strongly", "vehemently", "quickly", "immediately", "openly", "explicitly",
    "allegedly", "apparently", "personally", "directly", "long", NULL};
/* Words that end a subject noun phrase when walking back from a verb. */
static const char *const BOUNDARY[] = {
    "that", "which", "who", "whom", "whose", "and", "but", "or", "because", "as",
    "when", "while", "after", "before", "if", "since", "although", "though",
    "than", "where", "so", "whether", "unless", "until", "what", "how", "why",
    "to", "is", "are", "was", "were", "be", "been", "being", "will", "would",
    "can", "could", "may", "might", "should", "must", "do", "does", "did", "not",
    "on", "in", "at", "with", "for", "about", "against", "into", "over", "under",
    "during", "without", "through", "despite", "like", "said", "says", "told",
    "nor", "yet", "also", NULL};
static const char *const RELATIVE[] = {"who", "which", "that", "whom", "whose", "what",
                                       "where", "when", NULL};
static const char *const PRONOUNS[] = {"he", "she", "they", "it", "we", "i", "you",
                                       "him", "them", "us", NULL};
static const char *const BE[] = {"is", "are", "was", "were", "be", "been", "being",
                                 "am", "'s", NULL};
static const char *const SUBORDINATORS[] = {
    "because", "although", "though", "while", "when", "whenever", "after", "before",
    "if", "unless", "since", "until", "whether", "where", "which", "who", "whom",
    "whose", "why", "how", "once", "than", "what", NULL};
static const char *const AUXILIARIES[] = {
    "is", "are", "was", "were", "am", "be", "been", "has", "have", "had", "do",
    "does", "did", "will", "would", "can", "could", "should", "must", "may", "might",
    "shall", NULL};
/* Objects after "deny"/"reject" that make it no denial of a claim. */
static const char *const DENY_NOT_CLAIM[] = {
    "entry", "access", "visa", "visas", "bail", "permission", "admission", "parole",
    "him", "her", "them", "us", "me", "a", "the", "an", "any", "funding", "service",
    "request", "application", "appeal", "bid", "offer", "proposal", "motion", "bill",
    "plan", "plans", NULL};
static const char *const CLAIM_NOUNS[] = {
    "claim", "claims", "report", "reports", "allegation", "allegations", "accusation",
    "accusations", "suggestion", "suggestions", "rumor", "rumors", "rumour", "rumours",
    "charge", "charges", "speculation", "that", "any", "involvement", "wrongdoing",
    "responsibility", "it", "this", "the", "idea", "notion", "assertion", NULL};
/* Objects after "claim" that make it no reporting verb. */
static const char *const CLAIM_NOT_SAY[] = {
    "responsibility", "credit", "victory", "lives", "life", "seats", "seat", "ownership",
    "asylum", "benefits", "territory", "title", "prize", "crown", "throne", "record",
    "win", "gold", "medal", "land", NULL};

/* ------------------------------------------------------------ helpers */

typedef struct {
    const cd_lex_entry *lex; /* the longest lexicon entry starting here */
    const cd_lex_entry *word; /* the entry of this word alone */
    uint8_t lex_len;
    bool inq;                /* inside a quotation */
} tokinfo;

typedef struct {
    cd_arena *arena;
    const char *text;
    cd_range range;
    const cd_token *t;
    size_t n;
    tokinfo *ti;
    cd_frame_ctx *ctx;
    cd_sentence_info *out;
    bool title_case; /* most words capitalised: a headline */
} work;

static const char *nm(const work *w, size_t i)
{
    return w->t[i].form->norm;
}

static bool is_word(const work *w, size_t i)
{
    return i < w->n && w->t[i].form->kind == CD_TOK_WORD;
}

static bool is_punct(const work *w, size_t i, const char *p)
{
    return i < w->n && w->t[i].form->kind == CD_TOK_PUNCT && strcmp(nm(w, i), p) == 0;
}

static bool word_in(const work *w, size_t i, const char *const *set)
{
    return i < w->n && w->t[i].form->kind == CD_TOK_WORD && in_set(nm(w, i), set);
}

static uint16_t flags_at(const work *w, size_t i)
{
    return i < w->n && w->ti[i].word ? w->ti[i].word->flags : 0;
}

/* flags of the single-word entry for token i (even where a longer entry starts) */
static const cd_lex_entry *word_entry(const work *w, size_t i)
{
    return is_word(w, i) ? w->ti[i].word : NULL;
}

bool cd_frame_capitalised(const char *text, const cd_token *t)
{
    unsigned char c = (unsigned char)text[t->start];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    uint32_t cp;
    bool valid;
    cd_utf8_decode((const unsigned char *)text + t->start, t->len, &cp, &valid);
    return valid && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

static bool capitalised(const work *w, size_t i)
{
    return cd_frame_capitalised(w->text, &w->t[i]);
}

static const char *copy_span(const work *w, size_t a, size_t b)
{
    /* tokens [a, b) as written */
    if (a >= b)
        return NULL;
    size_t s = w->t[a].start, e = w->t[b - 1].start + w->t[b - 1].len;
    return cd_arena_strndup(w->arena, w->text + s, e - s);
}

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && memcmp(s + a - b, suf, b) == 0;
}

/* ----------------------------------------------------------- marks */

typedef struct {
    cd_mark v[CD_FRAME_MAX_ITEMS];
    size_t n;
} markvec;

static void add_mark(const work *w, markvec *m, size_t a, size_t len, const char *norm)
{
    if (m->n >= CD_FRAME_MAX_ITEMS || len == 0)
        return;
    cd_mark *k = &m->v[m->n++];
    k->text = copy_span(w, a, a + len);
    k->norm = norm;
    k->span.start = w->t[a].start;
    k->span.end = w->t[a + len - 1].start + w->t[a + len - 1].len;
    k->in_quote = w->ti[a].inq;
}

static cd_mark *finish_marks(cd_arena *a, const markvec *m, size_t *n)
{
    *n = m->n;
    if (!m->n)
        return NULL;
    cd_mark *v = cd_arena_alloc(a, m->n * sizeof *v);
    memcpy(v, m->v, m->n * sizeof *v);
    return v;
}

/* ------------------------------------------------------------ quotes */

typedef struct {
    size_t open_tok, close_tok; /* mark tokens; SIZE_MAX when outside the sentence */
    size_t first, last;         /* the tokens inside [first, last) */
    bool continued;
} qspan;

typedef struct {
    qspan v[CD_FRAME_MAX_ITEMS];
    size_t n;
} qvec;

static bool space_byte(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* Can the quote mark at token i open a quotation / close one, judging by
 * its shape (curly marks) and by what touches it? */
static bool can_open(const work *w, size_t i)
{
    const unsigned char *s = (const unsigned char *)w->text;
    size_t st = w->t[i].start, en = st + w->t[i].len;
    if (w->t[i].len == 3 && s[st] == 0xE2 && s[st + 1] == 0x80)
        return s[st + 2] == 0x9C || s[st + 2] == 0x98; /* “ ‘ */
    if (w->t[i].len == 2 && s[st] == 0xC2)
        return s[st + 1] == 0xAB; /* « */
    bool before_ok = st <= w->range.start || space_byte(s[st - 1]) || s[st - 1] == '(' ||
                     s[st - 1] == '[' || s[st - 1] == '"' || s[st - 1] == '\'' ||
                     s[st - 1] == '-' || s[st - 1] >= 0x80;
    bool after_ok = en < w->range.end && !space_byte(s[en]);
    return before_ok && after_ok;
}

static bool can_close(const work *w, size_t i)
{
    const unsigned char *s = (const unsigned char *)w->text;
    size_t st = w->t[i].start, en = st + w->t[i].len;
    if (w->t[i].len == 3 && s[st] == 0xE2 && s[st + 1] == 0x80)
        return s[st + 2] == 0x9D || s[st + 2] == 0x99; /* ” ’ */
    if (w->t[i].len == 2 && s[st] == 0xC2)
        return s[st + 1] == 0xBB; /* » */
    bool before_ok = st > w->range.start && !space_byte(s[st - 1]);
    bool after_ok = en >= w->range.end || space_byte(s[en]) ||
                    (s[en] < 0x80 && !((s[en] | 0x20) >= 'a' && (s[en] | 0x20) <= 'z') &&
                     !(s[en] >= '0' && s[en] <= '9'));
    return before_ok && after_ok;
}

static void push_q(qvec *q, size_t open_tok, size_t close_tok, size_t first, size_t last,
                   bool continued)
{
    if (q->n >= CD_FRAME_MAX_ITEMS)
        return;
    q->v[q->n++] = (qspan){open_tok, close_tok, first, last, continued};
}

/* Single quotes inside [a, b): paired opener/closer only (apostrophes, "’90s"
 * and possessives "players’" stay apart). Marks the tokens inside as quoted
 * and, when top is set, records each pair. */
static void single_quotes(work *w, size_t a, size_t b, qvec *q, bool top)
{
    size_t open = SIZE_MAX;
    for (size_t i = a; i < b; i++) {
        if (!is_punct(w, i, "'"))
            continue;
        if (open == SIZE_MAX) {
            /* an opener is followed by a word (not a number: ’90s) */
            if (can_open(w, i) && is_word(w, i + 1) && i + 1 < b)
                open = i;
        } else if (can_close(w, i) && i > open + 1) {
            for (size_t k = open + 1; k < i; k++)
                w->ti[k].inq = true;
            if (top)
                push_q(q, open, i, open + 1, i, false);
            open = SIZE_MAX;
        }
    }
}

/* Find the quotations of the sentence; set ti[].inq. */
static void find_quotes(work *w, qvec *q)
{
    size_t marks = 0;
    for (size_t i = 0; i < w->n; i++)
        marks += is_punct(w, i, "\"");
    bool inq = w->ctx && w->ctx->in_quote;
    size_t qstart = 0, qopen = SIZE_MAX;
    bool continued = inq;
    size_t seg = 0; /* start of the current stretch outside double quotes */
    for (size_t i = 0; i < w->n; i++) {
        if (!is_punct(w, i, "\"")) {
            w->ti[i].inq = inq;
            continue;
        }
        w->ti[i].inq = false;
        if (!inq && i > 0 && seg == 0 && marks % 2 == 1 && can_close(w, i) && !can_open(w, i)) {
            /* a closing mark with no opening one: the quotation began
             * before this sentence */
            for (size_t k = 0; k < i; k++)
                w->ti[k].inq = true;
            push_q(q, SIZE_MAX, i, 0, i, true);
            seg = i + 1;
            continue;
        }
        if (!inq) {
            single_quotes(w, seg, i, q, true);
            inq = true;
            qopen = i;
            qstart = i + 1;
            continued = false;
        } else if (i == 0 && continued && can_open(w, i)) {
            /* a quotation running on into a new paragraph reopens its mark */
            qopen = i;
            qstart = i + 1;
        } else {
            single_quotes(w, qstart, i, q, false);
            push_q(q, qopen, i, qstart, i, continued);
            inq = false;
            seg = i + 1;
        }
    }
    if (inq) {
        single_quotes(w, qstart, w->n, q, false);
        push_q(q, qopen, SIZE_MAX, qstart, w->n, true);
    } else {
        single_quotes(w, seg, w->n, q, true);
    }
    if (w->ctx)
        w->ctx->in_quote = inq;
}

/* -------------------------------------------------------- attribution */

typedef struct {
    bool found;
    size_t src_a, src_b;   /* source tokens [a, b); a == b when none */
    const char *source;    /* overrides the token span when set */
    const char *cue;
    const char *verb;      /* lemma */
    bool loaded;
    bool speculative;      /* believe, speculate, suggest: the claim is hedged */
    bool denial;
    size_t cue_tok;        /* where the cue sits */
} attribution;

/* Is the reporting-verb form at v used as a noun ("the claims", "his report")? */
static bool noun_use(const work *w, size_t v)
{
    if (v == 0)
        return false;
    const cd_lex_entry *e = w->ti[v].lex_len == 1 ? w->ti[v].lex : NULL;
    if (e && (e->flags & CD_LEX_PAST) && !word_in(w, v - 1, (const char *const[]){"the", "a", "an", NULL}))
        return false; /* "some said", "his critics claimed" */
    if (word_in(w, v - 1, DETERMINERS))
        return true;
    if (is_word(w, v - 1) && ends_with(nm(w, v - 1), "'s"))
        return true;
    if (w->t[v - 1].form->kind == CD_TOK_NUMBER)
        return true;
    if (is_word(w, v + 1) && strcmp(nm(w, v + 1), "of") == 0)
        return true;
    return false;
}

/* Walk back from the verb at v over auxiliaries and adverbs, then over the
 * subject noun phrase. Sets [*a, *b). */
/* A manner adverb between subject and verb ("has firmly denied"): a
 * lower-case word in -ly that is no noun of that shape. */
static bool manner_adverb(const work *w, size_t i)
{
    static const char *const NOT_ADVERBS[] = {"ally", "assembly", "belly", "bully", "family",
                                              "fly", "italy", "july", "monopoly", "rally",
                                              "reply", "supply", NULL};
    const char *s = nm(w, i);
    size_t n = strlen(s);
    return is_word(w, i) && n > 4 && strcmp(s + n - 2, "ly") == 0 && !capitalised(w, i) &&
           !word_in(w, i, NOT_ADVERBS);
}

/* Time words that open a sentence before its subject: "Last night Calder
 * Hydro denied …", "Yesterday the ministry said …". */
static size_t skip_time_opener(const work *w, size_t a, size_t b)
{
    static const char *const ALONE[] = {"today", "tonight", "yesterday", NULL};
    static const char *const FIRST[] = {"earlier", "early", "last", "late", "later", "next",
                                        "on", "this", NULL};
    static const char *const NOUNS[] = {
        "afternoon", "evening", "friday", "monday", "month", "morning", "night",
        "saturday", "sunday", "thursday", "tuesday", "wednesday", "week", "weekend",
        "year", NULL};
    if (a < b && word_in(w, a, ALONE) && a + 1 < b)
        return a + 1;
    if (a + 2 < b && word_in(w, a, FIRST) && word_in(w, a + 1, NOUNS))
        return a + 2;
    return a;
}

static void subject_before(const work *w, size_t v, size_t *a, size_t *b)
{
    size_t j = v;
    while (j > 0 && !w->ti[j - 1].inq &&
           (word_in(w, j - 1, SKIP_BEFORE_VERB) || manner_adverb(w, j - 1)))
        j--;
    size_t end = j, words = 0, pp = SIZE_MAX;
    while (j > 0) {
        size_t k = j - 1;
        if (w->ti[k].inq || is_punct(w, k, "\""))
            break;
        cd_token_kind kind = w->t[k].form->kind;
        if (kind == CD_TOK_PUNCT) {
            const char *p = nm(w, k);
            if (strcmp(p, "-") != 0 && strcmp(p, "&") != 0 && strcmp(p, ".") != 0)
                break;
        } else if (kind == CD_TOK_WORD) {
            if (pp == SIZE_MAX && words > 0 && words <= 4 && k > 0 &&
                word_in(w, k, SUBJECT_PREPS) && is_word(w, k - 1) && !w->ti[k - 1].inq &&
                !in_set(nm(w, k - 1), BOUNDARY)) {
                pp = k; /* "Kim in his message said" */
                j--;
                continue;
            }
            if (in_set(nm(w, k), BOUNDARY))
                break;
            const cd_lex_entry *fe = w->ti[k].lex_len == 1 ? w->ti[k].lex : NULL;
            if (fe && (fe->flags & CD_LEX_REPORT) && !noun_use(w, k) &&
                ((fe->flags & (CD_LEX_PAST | CD_LEX_ING)) || in_set(fe->lemma, STRONG_VERBS)))
                break; /* another verb; "state media" goes on */
            if (++words > 10)
                break;
        }
        j--;
    }
    /* a subject starting with a hyphen or period is no subject */
    while (j < end && w->t[j].form->kind == CD_TOK_PUNCT)
        j++;
    if (pp != SIZE_MAX && pp < j)
        pp = SIZE_MAX; /* the phrase was dropped with its preposition */
    if (pp != SIZE_MAX) {
        /* keep "officials in Seoul"; cut "Kim in his message" to "Kim" */
        bool frame = false;
        for (size_t k = pp + 1; k < end; k++) {
            const cd_lex_entry *e = word_entry(w, k);
            if (e && (e->flags & CD_LEX_NOUN))
                frame = true;
        }
        if (frame)
            end = pp;
    }
    *a = skip_time_opener(w, j, end);
    *b = end;
}

/* The noun phrase after position i (inverted "…," said the official). */
static void subject_after(const work *w, size_t i, size_t *a, size_t *b)
{
    size_t j = i, words = 0;
    while (j < w->n && !w->ti[j].inq) {
        cd_token_kind kind = w->t[j].form->kind;
        if (kind == CD_TOK_PUNCT) {
            const char *p = nm(w, j);
            /* "Lt. Col. Douglas Lefforge": an abbreviation's period */
            bool abbr = strcmp(p, ".") == 0 && j > i && is_word(w, j - 1) &&
                        capitalised(w, j - 1) && strlen(nm(w, j - 1)) <= 4 &&
                        j + 1 < w->n && is_word(w, j + 1) && capitalised(w, j + 1);
            if (strcmp(p, "-") != 0 && strcmp(p, "&") != 0 && !abbr)
                break;
        } else if (kind == CD_TOK_WORD) {
            const char *s = nm(w, j);
            if (j > i && in_set(s, SUBORDINATORS))
                break;
            if (j > i && (strcmp(s, "that") == 0 || strcmp(s, "in") == 0 ||
                          strcmp(s, "on") == 0 || strcmp(s, "at") == 0 ||
                          strcmp(s, "to") == 0 || strcmp(s, "and") == 0 ||
                          strcmp(s, "adding") == 0 || strcmp(s, "saying") == 0))
                break;
            if (++words > 8)
                break;
        }
        j++;
    }
    *a = i;
    *b = j;
}

/* "Valeska Paris, an Australian woman, has claimed": the subject stands
 * before an apposition between commas that ends at prev (the token before
 * the verb). False when there is no such subject. */
static bool appositive_subject(const work *w, size_t prev, size_t *a, size_t *b)
{
    if (prev < 2 || !is_punct(w, prev - 1, ","))
        return false;
    size_t c = prev - 1;
    while (c > 0 && c + 14 > prev && !w->ti[c - 1].inq &&
           (!is_punct(w, c - 1, ",") ||
            /* "dated Sept. 14, 2025,": the comma of a date is inside */
            (c > 1 && c < prev && w->t[c - 2].form->kind == CD_TOK_NUMBER &&
             w->t[c].form->kind == CD_TOK_NUMBER)))
        c--;
    if (c == 0 || !is_punct(w, c - 1, ","))
        return false;
    subject_before(w, c - 1, a, b);
    if (*a >= *b || (*b == *a + 1 && in_set(nm(w, *a), RELATIVE)))
        return false;
    if (*a > 0 && !is_punct(w, *a - 1, ",") &&
        !word_in(w, *a - 1, (const char *const[]){"and", "but", NULL}) &&
        w->t[*a - 1].form->kind != CD_TOK_PUNCT)
        return false; /* the phrase before the apposition is no subject */
    return true;
}

/* "a report from U.S. intelligence", "Kim's message": the source inside a
 * noun-frame subject, and the cue words before it. Returns true and narrows
 * [*a, *b) to the source, setting *frame_end to the first source token. */
static bool narrow_noun_frame(const work *w, size_t *a, size_t *b)
{
    for (size_t k = *a; k < *b; k++) {
        const cd_lex_entry *e = word_entry(w, k);
        if (!e || !(e->flags & CD_LEX_NOUN))
            continue;
        /* "X's report" */
        if (k > *a && ends_with(nm(w, k - 1), "'s")) {
            *b = k; /* the possessor, "'s" trimmed later */
            return true;
        }
        /* "a report from/by/of X" */
        size_t p = k + 1;
        while (p < *b && !word_in(w, p, (const char *const[]){"from", "by", "of", NULL}) &&
               p < k + 4)
            p++;
        /* "a report seen by Meridian": who saw it is no source; the report is */
        if (p > k + 1 && p < *b &&
            word_in(w, p - 1, (const char *const[]){"seen", "obtained", "reviewed", "viewed",
                                                    "read", NULL}))
            return false;
        if (p < *b && word_in(w, p, (const char *const[]){"from", "by", "of", NULL}) &&
            p + 1 < *b) {
            *a = p + 1;
            return true;
        }
        return false;
    }
    return false;
}

/* A source phrase as written, without a trailing possessive "'s". */
static const char *source_text(const work *w, size_t a, size_t b)
{
    if (a >= b)
        return NULL;
    size_t s = w->t[a].start, e = w->t[b - 1].start + w->t[b - 1].len;
    const char *last = nm(w, b - 1);
    if (ends_with(last, "'s") && w->t[b - 1].len >= 2) {
        /* strip the apostrophe (one or three bytes) and the s */
        e -= 1;
        unsigned char c = (unsigned char)w->text[e - 1];
        e -= (c == '\'') ? 1 : 3;
    }
    if (e <= s)
        return NULL;
    return cd_arena_strndup(w->arena, w->text + s, e - s);
}

static bool is_pronoun(const char *s)
{
    return in_set(s, PRONOUNS);
}

/* Does the verb at v (NP-object verbs: announce, find, show) introduce
 * reported content here? */
static bool clause_follows(const work *w, size_t v)
{
    size_t k = v + 1;
    if (k >= w->n)
        return true;
    if (w->t[k].form->kind == CD_TOK_PUNCT)
        return true; /* ": …", ", …", "." , a quote */
    if (word_in(w, k, (const char *const[]){"that", "how", "what", "whether", "why", NULL}))
        return true;
    /* "told LA Weekly that", "announced this week that", "described the video as" */
    for (size_t j = k; j < w->n && j < k + 6 && !w->ti[j].inq; j++) {
        if (w->t[j].form->kind == CD_TOK_PUNCT)
            return is_punct(w, j, ":") || is_punct(w, j, "\"");
        if (word_in(w, j, (const char *const[]){"that", "as", NULL}))
            return true;
        if (j > k && (flags_at(w, j) & CD_LEX_REPORT))
            return false;
    }
    return false;
}

/* Consider the reporting-verb form at v; fill *at on success. */
static bool try_verb(const work *w, size_t v, attribution *at)
{
    const cd_lex_entry *e = word_entry(w, v);
    if (!e || !(e->flags & CD_LEX_REPORT) || w->ti[v].inq)
        return false;
    if (noun_use(w, v))
        return false;
    if (v > 0 && capitalised(w, v) && !is_punct(w, v - 1, "\"") && !w->title_case)
        return false; /* "United States", "Indiana State Police" */
    const char *lemma = e->lemma;
    if (strcmp(lemma, "add") == 0 && word_in(w, v + 1, (const char *const[]){"to", NULL}))
        return false; /* "gains add to" */
    size_t prev = v;
    while (prev > 0 && word_in(w, prev - 1, SKIP_BEFORE_VERB))
        prev--;
    const char *pw = prev > 0 && is_word(w, prev - 1) ? nm(w, prev - 1) : NULL;

    /* passives: "it was reported", "X was quoted as saying", "is believed" */
    bool passive = pw && in_set(pw, BE) && (e->flags & CD_LEX_PAST);
    if (pw && (in_set(pw, (const char *const[]){"to", "will", "would", "can", "could",
                                                   "may", "might", "should", "must",
                                                   "did", "do", "does", "not", "cannot",
                                                   NULL}) ||
               ends_with(pw, "n't")))
        return false; /* "declined to say", "did not say" */
    bool ing = (e->flags & CD_LEX_ING) != 0;
    if (!(e->flags & (CD_LEX_ING | CD_LEX_PAST)) && !in_set(lemma, STRONG_VERBS)) {
        /* "state media", "reports of": a base or -s form that may be a noun
         * reports only before a clause, a quote or a name */
        size_t k = v + 1;
        bool ok = k >= w->n || is_punct(w, k, ":") || is_punct(w, k, "\"") ||
                  (is_punct(w, k, ",") && is_punct(w, k + 1, "\"")) ||
                  (is_word(w, k) && (capitalised(w, k) || is_pronoun(nm(w, k)) ||
                                     word_in(w, k, DETERMINERS) ||
                                     strcmp(nm(w, k), "to") == 0 ||
                                     strcmp(nm(w, k), "that") == 0));
        if (!ok)
            return false;
    }

    memset(at, 0, sizeof *at);
    at->verb = lemma;
    at->loaded = (e->flags & CD_LEX_LOADED_VERB) != 0;
    at->speculative = (e->flags & CD_LEX_SPECULATE) != 0;
    at->denial = (e->flags & CD_LEX_DENIAL) != 0;
    at->cue_tok = v;

    if (strcmp(lemma, "claim") == 0 &&
        (word_in(w, v + 1, CLAIM_NOT_SAY) ||
         (word_in(w, v + 1, DETERMINERS) && word_in(w, v + 2, CLAIM_NOT_SAY))))
        return false;
    if (at->denial) {
        if (passive)
            return false; /* "had been denied visas" */
        if ((e->flags & CD_LEX_NP_OBJECT) ? !word_in(w, v + 1, CLAIM_NOUNS) &&
                                               !(is_word(w, v + 1) && is_word(w, v + 2) &&
                                                 word_in(w, v + 2, CLAIM_NOUNS))
                                          : word_in(w, v + 1, DENY_NOT_CLAIM) &&
                                                !(word_in(w, v + 2, CLAIM_NOUNS)))
            return false;
    }

    if (passive) {
        size_t it = prev - 1;
        /* "X was quoted as saying" */
        if (strcmp(lemma, "quote") == 0 && is_word(w, v + 1) && strcmp(nm(w, v + 1), "as") == 0) {
            size_t a, b;
            subject_before(w, it, &a, &b);
            at->src_a = a;
            at->src_b = b;
            at->cue = cd_arena_strndup(w->arena, "quoted as saying", 16);
            at->verb = "say";
            at->found = true;
            return true;
        }
        /* "it was reported/announced/said (that)" and "… was reported by X" */
        size_t a = it;
        while (a > 0 && word_in(w, a - 1, (const char *const[]){"has", "have", "had", NULL}))
            a--;
        bool it_subject = a > 0 && word_in(w, a - 1, (const char *const[]){"it", NULL});
        if (word_in(w, v + 1, (const char *const[]){"by", NULL}) && !at->speculative) {
            size_t sa, sb;
            subject_after(w, v + 2, &sa, &sb);
            at->src_a = sa;
            at->src_b = sb;
            at->cue = copy_span(w, it, v + 2);
            at->found = sa < sb;
            return at->found;
        }
        if (it_subject) {
            at->cue = copy_span(w, a - 1, v + 1);
            at->src_a = at->src_b = 0;
            at->found = true;
            return true;
        }
        return false;
    }

    /* "…, saying (that)" "as saying": the subject of the sentence speaks */
    if (ing) {
        bool after_comma = v > 0 && is_punct(w, v - 1, ",");
        bool as_saying = pw && strcmp(pw, "as") == 0;
        if (!after_comma && !as_saying)
            return false;
        /* the speaker: the first capitalised run (or pronoun) of the sentence */
        size_t a = 0;
        while (a < v && (w->ti[a].inq || !is_word(w, a) ||
                         (!capitalised(w, a) && !is_pronoun(nm(w, a))) ||
                         in_set(nm(w, a), DETERMINERS)))
            a++;
        size_t b = a;
        while (b < v && is_word(w, b) && !w->ti[b].inq &&
               (capitalised(w, b) || is_pronoun(nm(w, b))) && b < a + 6)
            b++;
        at->src_a = a;
        at->src_b = b;
        at->cue = copy_span(w, v, v + 1);
        at->found = true;
        return true;
    }

    /* "X quoted Y as saying" */
    if (strcmp(lemma, "quote") == 0) {
        for (size_t k = v + 1; k + 1 < w->n && k < v + 10; k++) {
            if (is_word(w, k) && strcmp(nm(w, k), "as") == 0 && is_word(w, k + 1) &&
                (flags_at(w, k + 1) & CD_LEX_REPORT)) {
                at->src_a = v + 1;
                at->src_b = k;
                cd_buf cb = {0};
                cd_buf_append(&cb, w->text + w->t[v].start, w->t[v].len);
                cd_buf_puts(&cb, " \xe2\x80\xa6 as ");
                cd_buf_append(&cb, w->text + w->t[k + 1].start, w->t[k + 1].len);
                at->cue = cd_arena_strndup(w->arena, cb.data, cb.len);
                cd_buf_free(&cb);
                at->verb = "say";
                at->found = true;
                return true;
            }
        }
        return false;
    }

    size_t a, b;
    subject_before(w, v, &a, &b);
    if (a < b) {
        /* "…, who said": a relative clause, not the sentence's frame */
        if (a == b - 1 && in_set(nm(w, a), RELATIVE))
            return false;
        if (a > 0 && word_in(w, a - 1, RELATIVE)) {
            /* "said that officials say" reports; "vehicles that analysts say" does not */
            size_t r = a - 1;
            bool complement = strcmp(nm(w, r), "that") == 0 && r > 0 &&
                              (flags_at(w, r - 1) & CD_LEX_REPORT);
            if (!complement)
                return false;
        }
    } else if (!appositive_subject(w, prev, &a, &b)) {
        /* inverted: "…," said Kim / "…," said the official / "…, said
         * military spokesman Douglas Lefforge" */
        bool after_break = v > 0 && (w->t[v - 1].form->kind == CD_TOK_PUNCT || w->ti[v - 1].inq);
        if (!after_break)
            return false;
        subject_after(w, v + 1, &a, &b);
        if (a >= b || word_in(w, a, (const char *const[]){"by", NULL}))
            return false; /* "…, written by Marc Headley": a participle, no frame */
    }
    bool np_subject_is_doc = false;
    {
        size_t na = a, nb = b;
        for (size_t k = na; k < nb; k++) {
            const cd_lex_entry *ne = word_entry(w, k);
            if (ne && (ne->flags & CD_LEX_NOUN))
                np_subject_is_doc = true;
        }
    }
    if ((e->flags & CD_LEX_NP_OBJECT) && !at->denial && !np_subject_is_doc &&
        !clause_follows(w, v) && b <= v)
        return false; /* "police found a body", "X announced a plan" */

    /* "a report from X found": the source is X, the cue the frame */
    size_t fa = a, fb = b;
    if (b <= v && narrow_noun_frame(w, &fa, &fb) && fa < fb) {
        cd_buf cb = {0};
        if (fa > a) {
            size_t s = w->t[a].start, en = w->t[fa - 1].start + w->t[fa - 1].len;
            cd_buf_append(&cb, w->text + s, en - s);
        } else {
            size_t s = w->t[fb].start, en = w->t[b - 1].start + w->t[b - 1].len;
            cd_buf_puts(&cb, "'s ");
            cd_buf_append(&cb, w->text + s, en - s);
        }
        cd_buf_puts(&cb, " \xe2\x80\xa6 ");
        cd_buf_append(&cb, w->text + w->t[v].start, w->t[v].len);
        at->cue = cd_arena_strndup(w->arena, cb.data, cb.len);
        cd_buf_free(&cb);
        a = fa;
        b = fb;
    } else {
        at->cue = copy_span(w, v, v + 1);
        /* "told reporters" */
        if (is_word(w, v + 1) && strcmp(lemma, "tell") == 0 &&
            word_in(w, v + 1, (const char *const[]){"reporters", "journalists", "media",
                                                      "lawmakers", NULL}))
            at->cue = copy_span(w, v, v + 2);
    }
    at->src_a = a;
    at->src_b = b;
    at->found = true;
    return true;
}

/* A verb outside the lexicon that still introduces a quotation:
 * 'Kim continued, "…"', '"…," one user quipped.' — a past form (-ed) with a
 * subject, right before ", \"" or ": \"", or closing a sentence that opens
 * with a quotation. The verb is recorded as written. */
static bool try_quote_verb(const work *w, size_t v, attribution *at)
{
    if (!is_word(w, v) || w->ti[v].inq || !ends_with(nm(w, v), "ed") ||
        (w->ti[v].word && (w->ti[v].word->flags & CD_LEX_REPORT)) || capitalised(w, v))
        return false;
    bool before = (is_punct(w, v + 1, ",") || is_punct(w, v + 1, ":")) &&
                  is_punct(w, v + 2, "\"") && !w->ti[v + 2].inq && v + 3 < w->n &&
                  w->ti[v + 3].inq;
    size_t k = v + 1;
    while (k < w->n && w->t[k].form->kind == CD_TOK_PUNCT && !is_punct(w, k, "\""))
        k++;
    bool after = k >= w->n && v > 0; /* the sentence ends here */
    if (!before && !after)
        return false;
    size_t a, b;
    subject_before(w, v, &a, &b);
    if (a >= b || b - a > 6)
        return false;
    if (after) {
        /* '"…," one user quipped.': the subject follows the closing mark */
        if (a < 2 || !is_punct(w, a - 1, ",") || !w->ti[a - 2].inq)
            if (!(a >= 1 && is_punct(w, a - 1, "\"") && a >= 2 && w->ti[a - 2].inq))
                return false;
    }
    memset(at, 0, sizeof *at);
    at->src_a = a;
    at->src_b = b;
    at->cue = copy_span(w, v, v + 1);
    at->verb = nm(w, v);
    at->cue_tok = v;
    at->found = true;
    return true;
}

/* "according to X" at i (the word "according"). */
static bool try_according(const work *w, size_t i, attribution *at)
{
    if (!is_word(w, i) || strcmp(nm(w, i), "according") != 0 || w->ti[i].inq ||
        !is_word(w, i + 1) || strcmp(nm(w, i + 1), "to") != 0)
        return false;
    size_t a, b;
    subject_after(w, i + 2, &a, &b);
    if (a >= b)
        return false;
    memset(at, 0, sizeof *at);
    size_t fa = a, fb = b;
    if (narrow_noun_frame(w, &fa, &fb) && fa > a) {
        at->cue = copy_span(w, i, fa);
        a = fa;
        b = fb;
    } else {
        at->cue = copy_span(w, i, i + 2);
    }
    at->src_a = a;
    at->src_b = b;
    at->cue_tok = i;
    at->found = true;
    return true;
}

/* ---------------------------------------------------------- negation */

/* Is the negation at i on the main claim: not inside a subordinate or
 * relative clause (a reported clause after a reporting verb counts as main)? */
static bool main_negation(const work *w, size_t i, bool determiner)
{
    const char *s = nm(w, i);
    if (strcmp(s, "not") == 0 && is_word(w, i + 1) &&
        word_in(w, i + 1, (const char *const[]){"only", "just", "least", NULL}))
        return false;
    if (strcmp(s, "not") == 0 && word_in(w, i + 1, (const char *const[]){"the", NULL}) &&
        word_in(w, i + 2, (const char *const[]){"first", NULL}))
        return false; /* "not the first time" asserts */
    bool aux = determiner || strcmp(s, "never") == 0 || ends_with(s, "n't") ||
               strcmp(s, "cannot") == 0 || (i > 0 && (word_in(w, i - 1, AUXILIARIES)));
    if (!aux)
        return false;
    for (size_t k = i; k > 0; k--) {
        size_t j = k - 1;
        if (w->ti[j].inq || is_punct(w, j, "\""))
            return true;
        if (!is_word(w, j))
            continue;
        const char *p = nm(w, j);
        if (strcmp(p, "that") == 0) {
            /* "said that …" is the reported claim; other "that" is relative */
            size_t r = j;
            while (r > 0 && !is_word(w, r - 1))
                r--;
            return r > 0 && (flags_at(w, r - 1) & CD_LEX_REPORT);
        }
        if (in_set(p, SUBORDINATORS)) {
            /* "While X wants Y, Z did not …": the clause opening the
             * sentence ended at a comma before the negation */
            if (j == 0 || !is_word(w, j - 1)) {
                for (size_t c = j + 1; c < i; c++)
                    if (is_punct(w, c, ","))
                        return true;
            }
            return false;
        }
        uint16_t f = flags_at(w, j);
        if ((f & CD_LEX_REPORT) && !noun_use(w, j))
            return true;
    }
    return true;
}

/* ------------------------------------------------------------- modals */

static const char *const MONTH_CONTEXT[] = {"in", "on", "of", "early", "late", "mid",
                                            "last", "since", "until", "by", "from",
                                            "through", "next", "this", "during", NULL};

/* Is the modal at i a hedge here? */
static bool modal_hedges(const work *w, size_t i, bool conditional)
{
    const char *s = nm(w, i);
    if (strcmp(s, "may") == 0) {
        /* "May" the month: "in May", "May 9", "May 2023" */
        if (capitalised(w, i) && i > 0)
            return false;
        if (i + 1 < w->n && w->t[i + 1].form->kind == CD_TOK_NUMBER)
            return false;
        if (i > 0 && word_in(w, i - 1, MONTH_CONTEXT))
            return false;
        return is_word(w, i + 1);
    }
    if (strcmp(s, "might") == 0)
        return is_word(w, i + 1) || i + 1 >= w->n;
    if (strcmp(s, "could") == 0) {
        /* "could not attend", "could hear", "so they could be closer":
         * ability and purpose, not possibility */
        if (word_in(w, i + 1, (const char *const[]){"not", "only", "barely", "hardly",
                                                    "no", "hear", "see", "feel", "smell",
                                                    "watch", "never", NULL}))
            return false;
        for (size_t k = i; k > 0 && k + 3 > i; k--)
            if (word_in(w, k - 1, (const char *const[]){"so", NULL}))
                return false;
        return true;
    }
    if (strcmp(s, "would") == 0 || strcmp(s, "should") == 0)
        return conditional;
    if (strcmp(s, "must") == 0)
        return word_in(w, i + 1, (const char *const[]){"have", NULL});
    return false;
}

/* -------------------------------------------------------------- main */

const char *cd_framing_name(cd_framing f)
{
    switch (f) {
    case CD_FRAMING_ATTRIBUTED:
        return "attributed";
    case CD_FRAMING_HEDGED:
        return "hedged";
    case CD_FRAMING_DENIED:
        return "denied";
    case CD_FRAMING_ASSERTED:
    default:
        return "asserted";
    }
}

/* The name behind a pronoun: the last speaker named, when known. */
static const char *resolve(const work *w, const char *src, size_t a, size_t b)
{
    if (src && b == a + 1 && w->ctx && w->ctx->last_speaker &&
        in_set(nm(w, a), (const char *const[]){"he", "she", "they", NULL}))
        return w->ctx->last_speaker;
    return src;
}

#define STACK_TOKENS 256

void cd_sentence_analyse(cd_arena *arena, const char *text, cd_range range,
                         const cd_token *toks, size_t n, cd_frame_ctx *ctx,
                         cd_sentence_info *out)
{
    memset(out, 0, sizeof *out);
    out->framing = CD_FRAMING_ASSERTED;
    tokinfo stack[STACK_TOKENS];
    tokinfo *ti = n <= STACK_TOKENS ? stack : cd_xmalloc(n * sizeof *ti);
    if (n)
        memset(ti, 0, n * sizeof *ti);
    work w = {arena, text, range, toks, n, ti, ctx, out, false};

    for (size_t i = 0; i < n; i++) {
        size_t len;
        const cd_lex_entry *e = lex_match(toks, n, i, &len, &ti[i].word);
        ti[i].lex = e;
        ti[i].lex_len = (uint8_t)(len > 255 ? 255 : len);
    }

    /* quotations */
    qvec q = {0};
    bool started_in_quote = ctx && ctx->in_quote;
    find_quotes(&w, &q);

    /* title case (a headline): capitalised verbs are still verbs */
    size_t nw = 0, caps = 0;
    for (size_t i = 0; i < n; i++)
        if (is_word(&w, i)) {
            nw++;
            caps += capitalised(&w, i);
        }
    w.title_case = nw >= 3 && caps * 10 >= nw * 6;

    /* attribution: every cue outside quotes; the one framing the whole
     * sentence wins ("according to X", a closing ", X reported."), else
     * the first */
    attribution cands[8];
    size_t n_cands = 0;
    for (size_t i = 0; i < n && n_cands < 8; i++) {
        if (ti[i].inq)
            continue;
        if (try_according(&w, i, &cands[n_cands]) || try_verb(&w, i, &cands[n_cands]) ||
            try_quote_verb(&w, i, &cands[n_cands]))
            n_cands++;
    }
    size_t first_verb = SIZE_MAX;
    for (size_t k = 0; k < n_cands; k++)
        if (cands[k].verb && cands[k].cue_tok < first_verb)
            first_verb = cands[k].cue_tok;

    /* a question claims nothing */
    size_t end_tok = n;
    while (end_tok > 0 && (is_punct(&w, end_tok - 1, "\"") || is_punct(&w, end_tok - 1, ")")))
        end_tok--;
    bool question = end_tok > 0 && is_punct(&w, end_tok - 1, "?") && !ti[end_tok - 1].inq;

    /* a conditional in the outlet's own clause: "if"/"unless"/"depending on"
     * (not "if any", "as if", "asked if", nor inside reported speech) with a
     * modal outside quotes */
    size_t cond_at = SIZE_MAX;
    bool modal_out = false;
    for (size_t i = 0; i < n; i++)
        if (is_word(&w, i) && !ti[i].inq &&
            word_in(&w, i, (const char *const[]){"would", "could", "might", "may", NULL}))
            modal_out = true;
    for (size_t i = 0; i < n && modal_out && cond_at == SIZE_MAX; i++) {
        if (!is_word(&w, i) || ti[i].inq)
            continue;
        bool cond = word_in(&w, i, (const char *const[]){"if", "unless", NULL}) ||
                    (word_in(&w, i, (const char *const[]){"depending", NULL}) &&
                     word_in(&w, i + 1, (const char *const[]){"on", NULL}));
        if (!cond)
            continue;
        if (word_in(&w, i + 1, (const char *const[]){"any", "not", "ever", "anything",
                                                     "so", "possible", "necessary", NULL}))
            continue;
        if (i > 0 && ((flags_at(&w, i - 1) & CD_LEX_REPORT) ||
                      word_in(&w, i - 1, (const char *const[]){"asked", "ask", "asks", "see",
                                                               "know", "as", "even", "wonder",
                                                               "wondered", NULL})))
            continue;
        if (first_verb < i)
            continue; /* inside reported speech */
        cond_at = i;
    }
    bool conditional = cond_at != SIZE_MAX;

    /* words: hedges, loaded, negations */
    markvec mv[3];
    markvec *hedges = &mv[0], *loaded = &mv[1], *negs = &mv[2];
    hedges->n = loaded->n = negs->n = 0;
    bool hedged_voice = false, negated = false, denial = false;
    for (size_t i = 0; i < n; i++) {
        const cd_lex_entry *e = ti[i].lex;
        size_t len = ti[i].lex_len;
        /* "No. 2 spillway", "Nos. 3 and 4": the number abbreviation */
        bool number_abbr = (strcmp(nm(&w, i), "no") == 0 || strcmp(nm(&w, i), "nos") == 0) &&
                           i + 2 < n && is_punct(&w, i + 1, ".") &&
                           toks[i + 2].form->kind == CD_TOK_NUMBER;
        /* "three no votes", "the no camp": "no" as a noun's modifier */
        bool no_noun = strcmp(nm(&w, i), "no") == 0 && i > 0 &&
                       (toks[i - 1].form->kind == CD_TOK_NUMBER ||
                        word_in(&w, i - 1, (const char *const[]){"a", "the", "two", "three",
                                                                 "four", "five", "six", "seven",
                                                                 "eight", "nine", "ten", NULL}));
        if (is_word(&w, i) && !number_abbr && !no_noun &&
            ((ti[i].word && (ti[i].word->flags & CD_LEX_NEGATION)) ||
             ends_with(nm(&w, i), "n't"))) {
            add_mark(&w, negs, i, 1, nm(&w, i));
            const char *ng = nm(&w, i);
            bool det = strcmp(ng, "no") == 0 &&
                       (i == 0 || is_punct(&w, i - 1, "\"") ||
                        word_in(&w, i - 1, (const char *const[]){"is", "are", "was", "were",
                                                                 "been", "have", "has", "had",
                                                                 NULL}));
            bool in_hedge = e && (e->flags & CD_LEX_HEDGE) && len > 1; /* "not clear" */
            if (!ti[i].inq && !in_hedge &&
                (det || (strcmp(ng, "no") != 0 && strcmp(ng, "nor") != 0 &&
                         strcmp(ng, "neither") != 0)) &&
                main_negation(&w, i, det))
                negated = true;
        }
        if (!e)
            continue;
        if (e->flags & CD_LEX_HEDGE) {
            /* "as soon as possible", "if possible" */
            bool idiom = strcmp(e->key, "possible") == 0 && i > 0 &&
                         word_in(&w, i - 1, (const char *const[]){"as", "if", "whenever",
                                                                  "where", "wherever", NULL});
            if (!idiom) {
                add_mark(&w, hedges, i, len, e->key);
                if (!ti[i].inq)
                    hedged_voice = true;
            }
        } else if ((e->flags & CD_LEX_MODAL) && len == 1 && modal_hedges(&w, i, conditional)) {
            add_mark(&w, hedges, i, 1, e->key);
            if (!ti[i].inq)
                hedged_voice = true;
        } else if (len == 1 && (e->flags & CD_LEX_SPECULATE) && (e->flags & CD_LEX_PAST) &&
                   i > 0 && word_in(&w, i - 1, BE) && !ti[i].inq) {
            /* "is suspected", "were feared" */
            add_mark(&w, hedges, i - 1, 2, e->lemma);
            hedged_voice = true;
        }
        if ((e->flags & CD_LEX_DENIAL) && !(e->flags & CD_LEX_REPORT) && !ti[i].inq) {
            add_mark(&w, negs, i, len, e->key);
            denial = true;
        }
        if ((e->flags & CD_LEX_LOADED) && !ti[i].inq &&
            !(i > 0 && capitalised(&w, i) && !is_punct(&w, i - 1, "\"") && !w.title_case)) {
            add_mark(&w, loaded, i, len, e->key);
        }
        if (len > 1)
            i += len - 1;
    }
    if (conditional) {
        add_mark(&w, hedges, cond_at, 1, nm(&w, cond_at));
        hedged_voice = true;
    }

    attribution at = {0};
    int best = 0;
    for (size_t k = 0; k < n_cands; k++) {
        const attribution *c = &cands[k];
        if (c->speculative) {
            add_mark(&w, hedges, c->cue_tok, 1, c->verb);
            hedged_voice = true;
        }
        if (c->denial)
            denial = true;
        int prio = c->verb ? 1 : 3;
        if (prio == 1 && c->cue_tok > 0 && (is_punct(&w, c->src_a > 0 ? c->src_a - 1 : 0, ",") ||
                                            is_punct(&w, c->cue_tok - 1, ","))) {
            /* ", X reported on Monday." closes the sentence */
            size_t rest = 0;
            bool quote_after = false;
            for (size_t i = c->cue_tok + 1; i < n; i++) {
                if (toks[i].form->kind == CD_TOK_WORD)
                    rest++;
                if (is_punct(&w, i, "\""))
                    quote_after = true;
            }
            if (rest <= 6 && !quote_after)
                prio = 2;
        }
        if (prio > best) {
            best = prio;
            at = *c;
        }
    }
    if (question)
        hedged_voice = negated = false;
    const char *source = NULL;
    if (at.found) {
        source = at.source ? at.source : source_text(&w, at.src_a, at.src_b);
        out->attr_source = source;
        out->attr_cue = at.cue;
        out->verb = at.verb;
        out->verb_loaded = at.loaded;
    }

    /* a sentence that is mostly quotation, with no cue, is still someone's words */
    size_t words = 0, quoted = 0;
    for (size_t i = 0; i < n; i++)
        if (toks[i].form->kind != CD_TOK_PUNCT) {
            words++;
            quoted += ti[i].inq;
        }
    bool mostly_quote = words > 0 && quoted * 2 > words && (quoted >= 5 || started_in_quote);

    /* quotations and their speakers: the subject of the reporting verb
     * nearest the quotation */
    if (q.n) {
        out->quotes = cd_arena_alloc(arena, q.n * sizeof *out->quotes);
        for (size_t k = 0; k < q.n; k++) {
            const qspan *s = &q.v[k];
            cd_quote *o = &out->quotes[out->n_quotes++];
            size_t first = s->first, last = s->last;
            size_t st = first < last ? toks[first].start
                        : s->open_tok != SIZE_MAX ? toks[s->open_tok].start + toks[s->open_tok].len
                                                  : range.start;
            size_t en = first < last ? toks[last - 1].start + toks[last - 1].len : st;
            o->span.start = st;
            o->span.end = en;
            o->text = cd_arena_strndup(arena, text + st, en - st);
            o->continued = s->continued || s->close_tok == SIZE_MAX;
            size_t qwords = 0;
            for (size_t i = first; i < last; i++)
                if (toks[i].form->kind != CD_TOK_PUNCT)
                    qwords++;
            bool ends_punct = last > first && toks[last - 1].form->kind == CD_TOK_PUNCT;
            const attribution *near = NULL;
            size_t near_d = SIZE_MAX;
            for (size_t c = 0; c < n_cands; c++) {
                if (!cands[c].verb || cands[c].src_a >= cands[c].src_b)
                    continue;
                size_t cue = cands[c].cue_tok, d;
                if (s->close_tok != SIZE_MAX && cue > s->close_tok)
                    d = cue - s->close_tok;
                else if (s->open_tok != SIZE_MAX && cue < s->open_tok)
                    d = s->open_tok - cue;
                else if (s->open_tok == SIZE_MAX && cue >= last)
                    d = cue - last + 1;
                else
                    continue;
                if (d < near_d) {
                    near_d = d;
                    near = &cands[c];
                }
            }
            const char *spk = NULL;
            if (near) {
                spk = source_text(&w, near->src_a, near->src_b);
                spk = resolve(&w, spk, near->src_a, near->src_b);
            }
            /* "X's message: '…'" — a possessor right before the quote */
            if (!spk && s->open_tok != SIZE_MAX) {
                size_t j = s->open_tok;
                while (j > 0 && toks[j - 1].form->kind == CD_TOK_PUNCT &&
                       (strcmp(nm(&w, j - 1), ":") == 0 || strcmp(nm(&w, j - 1), ",") == 0))
                    j--;
                if (j > 1 && ends_with(nm(&w, j - 2), "'s") && word_entry(&w, j - 1) &&
                    (word_entry(&w, j - 1)->flags & CD_LEX_NOUN)) {
                    size_t a = j - 2;
                    while (a > 0 && is_word(&w, a - 1) && capitalised(&w, a - 1) && !ti[a - 1].inq)
                        a--;
                    spk = source_text(&w, a, j - 1);
                }
            }
            if (!spk && s->continued && ctx)
                spk = ctx->last_speaker;
            o->speaker = spk;
            o->scare = !s->continued && s->close_tok != SIZE_MAX && qwords > 0 && qwords <= 4 &&
                       !ends_punct && !near && !(first == 1 && s->open_tok == 0);
            if (o->scare)
                o->speaker = NULL;
        }
    }
    if (ctx) {
        /* "He said …": he is, most likely, the speaker named last */
        if (source && at.src_b == at.src_a + 1 &&
            word_in(&w, at.src_a, (const char *const[]){"he", "she", NULL}))
            out->attr_refers = ctx->last_speaker;
        if (source && at.verb && !(at.src_b == at.src_a + 1 && is_pronoun(nm(&w, at.src_a))))
            ctx->last_speaker = source;
        for (size_t k = 0; k < out->n_quotes; k++)
            if (out->quotes[k].speaker)
                ctx->last_speaker = out->quotes[k].speaker;
    }

    /* the framing: denied > hedged > attributed > asserted */
    if (denial || negated)
        out->framing = CD_FRAMING_DENIED;
    else if (hedged_voice)
        out->framing = CD_FRAMING_HEDGED;
    else if (at.found || mostly_quote)
        out->framing = CD_FRAMING_ATTRIBUTED;
    if (!at.found && mostly_quote) {
        const char *spk = NULL;
        for (size_t k = 0; k < out->n_quotes && !spk; k++)
            spk = out->quotes[k].speaker;
        out->attr_source = spk;
        out->attr_cue = "quotation";
    }

    out->hedges = finish_marks(arena, hedges, &out->n_hedges);
    out->loaded = finish_marks(arena, loaded, &out->n_loaded);
    out->negations = finish_marks(arena, negs, &out->n_negations);

    cd_facts_find(arena, text, toks, n, ctx, out);
    if (ti != stack)
        free(ti);
}
