/* segment.c — sentence segmentation for news English.
 *
 * One pass over the text in three layers:
 *  1. blocks: blank lines always end a sentence;
 *  2. lines: inside a block, a line break ends a sentence unless the line was
 *     merely wrapped (it did not end a sentence and either the next line starts
 *     in lower case or the line was filled up to the block's wrap width);
 *  3. sentences: at terminal punctuation (. ! ? … and dotted ellipses, with any
 *     closing quotes and brackets after them) followed by white space, decide
 *     from the word before (abbreviation, initial, number, list marker) and the
 *     word after (case, sentence-starter, attribution after a quote).
 * Inline list markers ("1.) … 2.) …", "a. … b. …", bullets) are found first and
 * start new sentences. Sentences longer than the cap are cut at a space.
 * See docs/segment.md for the rules and the benchmark figures. */
#include "claimdiff.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void cd_spans_push(cd_spans *s, size_t start, size_t end, bool cut)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 32;
        s->v = cd_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n].start = start;
    s->v[s->n].end = end;
    s->v[s->n].cut = cut;
    s->n++;
}

void cd_spans_free(cd_spans *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

typedef struct {
    const unsigned char *t;
    size_t max;
    cd_spans *out;
    size_t ncut;
    cd_spans marks; /* accepted list markers of the current segment */
} seg;

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Byte length of the white space character at t[i] (ASCII, NBSP, the
 * U+2000 spaces, narrow NBSP, ideographic space), 0 when there is none.
 * Web text often puts an NBSP after a sentence. */
static size_t ws_at(const unsigned char *t, size_t i, size_t end)
{
    if (i >= end)
        return 0;
    unsigned char c = t[i];
    if (c < 0x80)
        return is_ws(c) ? 1 : 0;
    if (c == 0xC2 && i + 1 < end && t[i + 1] == 0xA0)
        return 2;
    if (c == 0xE2 && i + 2 < end && t[i + 1] == 0x80 &&
        (t[i + 2] <= 0x8A || t[i + 2] == 0xAF))
        return 3;
    if (c == 0xE3 && i + 2 < end && t[i + 1] == 0x80 && t[i + 2] == 0x80)
        return 3;
    return 0;
}

/* Does a white space character end right before t[i]? */
static bool ws_before(const unsigned char *t, size_t lo, size_t i)
{
    if (i <= lo)
        return false;
    if (is_ws(t[i - 1]))
        return true;
    return (i >= lo + 2 && ws_at(t, i - 2, i) == 2) || (i >= lo + 3 && ws_at(t, i - 3, i) == 3);
}

/* ---------------------------------------------------------------- output */

static size_t utf8_back_to_boundary(const unsigned char *t, size_t lo, size_t i)
{
    while (i > lo && (t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void emit(seg *s, size_t a, size_t b)
{
    size_t w;
    while ((w = ws_at(s->t, a, b)) > 0)
        a += w;
    while (b > a && ws_before(s->t, a, b))
        b -= ws_at(s->t, b - 1, b) ? 1 : ws_at(s->t, b - 2, b) ? 2 : 3;
    while (b - a > s->max) {
        size_t lim = a + s->max, c = lim;
        while (c > a + s->max / 2 && !is_ws(s->t[c]))
            c--;
        if (!is_ws(s->t[c]))
            c = utf8_back_to_boundary(s->t, a + 1, lim);
        size_t e = c;
        while (e > a && is_ws(s->t[e - 1]))
            e--;
        if (e == a)
            e = c;
        cd_spans_push(s->out, a, e, true);
        s->ncut++;
        a = c;
        while (a < b && is_ws(s->t[a]))
            a++;
    }
    if (a < b)
        cd_spans_push(s->out, a, b, false);
}

/* ------------------------------------------------------- character classes */

enum cls { C_NONE, C_LOWER, C_UPPER, C_DIGIT, C_OTHER };

static uint32_t cp_at(const unsigned char *t, size_t i, size_t end, size_t *len)
{
    uint32_t cp;
    bool ok;
    size_t n = cd_utf8_decode(t + i, end - i, &cp, &ok);
    if (len)
        *len = n;
    return cp;
}

static enum cls classify_cp(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z')
            return C_LOWER;
        if (cp >= 'A' && cp <= 'Z')
            return C_UPPER;
        if (cp >= '0' && cp <= '9')
            return C_DIGIT;
        return C_OTHER;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LL:
        return C_LOWER;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    default:
        return C_OTHER;
    }
}

static bool is_open_quote_cp(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == 0xAB ||
           cp == 0x201E || cp == '(' || cp == '[' || cp == 0x2039;
}

/* Closing quotes and brackets that may follow terminal punctuation. */
static size_t closer_len(const unsigned char *t, size_t i, size_t end)
{
    if (i >= end)
        return 0;
    unsigned char c = t[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
        return 1;
    if (c >= 0x80) {
        size_t n;
        uint32_t cp = cp_at(t, i, end, &n);
        if (cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == 0x203A)
            return n;
    }
    return 0;
}

static bool is_ellipsis_char(const unsigned char *t, size_t i, size_t end)
{
    return i + 2 < end && t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == 0xA6;
}

/* ---------------------------------------------------------------- lexicon */

/* The lists below are sorted (byte order) and NULL-terminated;
 * lists_sorted() checks that once per process in debug builds. */
#define in_list(w, list) in_sorted((w), (list), sizeof(list) / sizeof *(list) - 1)
static bool in_sorted(const char *w, const char *const *list, size_t hi)
{
    size_t lo = 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cd_strcmp(w, list[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

/* Abbreviations that precede a name and never end a sentence. */
static const char *const TITLE_ABBR[] = {
    "adm", "ald", "amb", "atty", "brig", "capt", "cdr", "cmdr", "cmdt", "col",
    "comdr", "cpl", "det", "dr", "fr", "ft", "gen", "gens", "gov", "govs",
    "hon", "insp", "lieut", "lt", "maj", "messrs", "mlle", "mme", "mr", "mrs",
    "ms", "msgr", "mt", "pres", "prof", "pvt", "rep", "reps", "rev", "sen",
    "sens", "sgt", "sr", "st", "supt",
    NULL};

/* Abbreviations usually followed by a number. */
static const char *const NUMBER_ABBR[] = {
    "approx", "apr", "art", "aug", "c", "ca", "ch", "chap", "dec", "ed", "est",
    "ex", "feb", "fig", "figs", "jan", "jul", "jun", "mar", "no", "nos", "nov",
    "nr", "n\xc2\xb0", "oct", "op", "p", "para", "pp", "pt", "ref", "rt",
    "sec", "sep", "sept", "tel", "v", "ver", "vol", "vols",
    NULL};

/* Abbreviations that may end a sentence. */
static const char *const OTHER_ABBR[] = {
    "adj", "admin", "al", "alt", "apt", "assn", "attn", "av", "ave", "bldg",
    "blvd", "bros", "cf", "co", "corp", "dept", "dist", "div", "esp", "etc",
    "fri", "ft", "gov't", "govt", "hr", "hrs", "hwy", "inc", "intl", "jr",
    "kg", "km", "lb", "lbs", "llc", "ltd", "max", "mfg", "min", "mins", "mo",
    "mon", "mos", "natl", "oz", "plc", "rd", "sat", "secs", "sq", "sun", "thu",
    "thurs", "tue", "tues", "univ", "vs", "wed", "wk", "yr", "yrs",
    NULL};

/* Capitalised words that may follow a clock time inside one sentence ("at
 * 4 a.m. Tuesday", "9 p.m. ET", "10:30 p.m. Aug. 9"): weekdays and months,
 * also abbreviated, and time zones. After "a.m."/"p.m.", any other capitalised word opens a new
 * sentence ("shortly after 4 a.m. Engineers warned…"). */
static const char *const AFTER_TIME[] = {
    "apr", "april", "aug", "august", "bst", "cdt", "cest", "cet", "cst", "ct",
    "dec", "december", "eastern", "edt", "eet", "est", "et", "feb", "february",
    "fri", "friday", "gmt", "hst", "jan", "january", "jst", "jul", "july",
    "jun", "june", "local", "mar", "march", "may", "mdt", "mon", "monday",
    "mst", "mt", "nov", "november", "oct", "october", "pacific", "pdt", "pst",
    "pt", "sat", "saturday", "sep", "sept", "september", "sun", "sunday",
    "thu", "thurs", "thursday", "tue", "tues", "tuesday", "utc", "wed",
    "wednesday",
    NULL};

/* Capitalised words that typically open a sentence: after an abbreviation
 * that may end one, such a word tips the balance towards a boundary. */
static const char *const STARTERS[] = {
    "a", "about", "according", "after", "all", "also", "although", "an",
    "analysts", "and", "another", "are", "as", "at", "authorities", "because",
    "before", "both", "but", "by", "can", "could", "critics", "despite", "did",
    "do", "does", "during", "each", "earlier", "even", "every", "experts",
    "for", "from", "had", "has", "have", "he", "her", "here", "his", "how",
    "however", "i", "if", "in", "instead", "is", "it", "its", "last", "later",
    "many", "meanwhile", "more", "most", "my", "no", "not", "now", "of",
    "officials", "on", "one", "only", "or", "other", "our", "over", "police",
    "she", "should", "since", "so", "some", "still", "such", "that", "the",
    "their", "then", "there", "these", "they", "this", "those", "though",
    "thus", "to", "today", "tomorrow", "under", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "yesterday", "yet", "you", "your",
    NULL};

static const char *const SPEECH_VERBS[] = {
    "added", "adds", "admitted", "answered", "argued", "asked", "asks",
    "claimed", "conceded", "continued", "countered", "cried", "declared",
    "explained", "insisted", "noted", "posted", "recalled", "remarked",
    "replied", "responded", "said", "says", "shouted", "stated", "tells",
    "told", "tweeted", "warned", "writes", "wrote",
    NULL};

#ifndef NDEBUG
static bool sorted(const char *const *l)
{
    for (size_t i = 1; l[i]; i++)
        if (strcmp(l[i - 1], l[i]) >= 0)
            return false;
    return true;
}

/* Checked on every call (debug builds only): a cached flag would be a data
 * race once documents are segmented on several threads. */
static bool lists_sorted(void)
{
    return sorted(TITLE_ABBR) && sorted(NUMBER_ABBR) && sorted(OTHER_ABBR) &&
           sorted(STARTERS) && sorted(SPEECH_VERBS) && sorted(AFTER_TIME);
}
#endif

/* Lower-case ASCII copy of t[a..b) into w (size cap); false if too long. */
static bool lower_word(const unsigned char *t, size_t a, size_t b, char *w, size_t cap)
{
    if (b - a + 1 > cap)
        return false;
    for (size_t i = a; i < b; i++) {
        unsigned char c = t[i];
        w[i - a] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w[b - a] = '\0';
    return true;
}

/* The next word starting at i: [i, *e) of letters/digits/apostrophes. */
static size_t word_end(const unsigned char *t, size_t i, size_t end)
{
    while (i < end && !ws_at(t, i, end)) {
        unsigned char c = t[i];
        if (c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' ||
            c == '"' || c == ')' || c == '(')
            break;
        i++;
    }
    return i;
}

/* ---------------------------------------------------------- list markers */

typedef struct {
    size_t start, end; /* marker bytes incl. its punctuation */
    int value;         /* 1-based ordinal (numbers, letters), 0 for bullets */
    int style;         /* 'd' digits, 'a' lower, 'A' upper, 'b' bullet; +')' etc. */
    char punct;        /* '.', ')', 'p' for ".)" */
} marker;

static bool is_bullet_cp(uint32_t cp)
{
    return cp == 0x2022 || cp == 0x25E6 || cp == 0x25AA || cp == 0x2023 ||
           cp == 0x2043 || cp == 0x25CF || cp == 0x25A0 || cp == 0x25B8 ||
           cp == 0x27A2 || cp == 0x25BA;
}

/* Bytes that may begin a list marker (1: digit, bullet lead byte) or end a
 * lettered one (2: "a." "b)"). */
static const unsigned char MARK_LEAD[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, [0xE2] = 1, ['.'] = 2, [')'] = 2};

/* Parse a marker at i (i is at a token start). */
static bool parse_marker(const unsigned char *t, size_t i, size_t end, marker *m)
{
    size_t j = i;
    m->start = i;
    size_t n;
    if (j < end && t[j] >= 0x80 && is_bullet_cp(cp_at(t, j, end, &n))) {
        j += n;
        m->value = 0;
        m->style = 'b';
        m->punct = 0;
        /* a bullet may carry a number right after it: "⁃9." */
        m->end = j;
        return j < end && (is_ws(t[j]) || (t[j] >= '0' && t[j] <= '9'));
    }
    int v = 0;
    if (j < end && t[j] >= '0' && t[j] <= '9') {
        while (j < end && t[j] >= '0' && t[j] <= '9' && v < 1000)
            v = v * 10 + (t[j++] - '0');
        m->style = 'd';
    } else if (j < end && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z'))) {
        m->style = t[j] >= 'a' ? 'a' : 'A';
        v = (t[j] | 32) - 'a' + 1;
        j++;
    } else {
        return false;
    }
    if (j < end && t[j] == '.' && j + 1 < end && t[j + 1] == ')') {
        m->punct = 'p';
        j += 2;
    } else if (j < end && (t[j] == '.' || t[j] == ')')) {
        m->punct = (char)t[j];
        j++;
    } else {
        return false;
    }
    if (j >= end || !is_ws(t[j]))
        return false;
    m->value = v;
    m->end = j;
    return true;
}

/* Find accepted list markers in [a, b): bullets always; numbered and lettered
 * ones when they form a run 1, 2, 3… (or a, b, c…) of one style, or when a
 * single one opens the segment. */
static void find_markers(seg *s, size_t a, size_t b)
{
    const unsigned char *t = s->t;
    s->marks.n = 0;
    marker cand[64];
    size_t nc = 0;
    for (size_t i = a; i < b && nc < 64; i++) {
        /* cheap test first: a marker starts with a digit or a bullet (all
         * are U+2xxx, lead byte 0xE2), or is a letter right before . or ) */
        while (i < b && !MARK_LEAD[t[i]])
            i++;
        if (i >= b)
            break;
        unsigned char k = MARK_LEAD[t[i]];
        if (k == 2) {
            if (i == a || ((t[i - 1] | 32) < 'a' || (t[i - 1] | 32) > 'z'))
                continue;
            i--; /* the letter starts the marker; the loop comes back to the dot */
            k = 3;
        } else if (k == 1 && i > a && t[i - 1] >= '0' && t[i - 1] <= '9') {
            continue; /* inside a number */
        }
        if (i > a && !ws_before(t, a, i)) {
            i += k == 3;
            continue;
        }
        marker m;
        bool found = parse_marker(t, i, b, &m);
        i += k == 3;
        if (!found)
            continue;
        if (m.style == 'b') {
            cd_spans_push(&s->marks, m.start, m.end, false);
            /* a number glued to the bullet belongs to it */
            marker m2;
            size_t q = m.end;
            while (q < b && t[q] == ' ')
                q++;
            if (q < b && parse_marker(t, q, b, &m2) && m2.style == 'd')
                s->marks.v[s->marks.n - 1].end = m2.end;
            continue;
        }
        cand[nc++] = m;
    }
    /* runs: a marker is accepted when it continues an accepted one of the
     * same style (1 -> 2, a -> b), when a "1" is followed by a "2", or when
     * a numbered marker opens the segment (a numbered line) */
    bool acc[64] = {false};
    for (size_t k = 0; k < nc; k++) {
        const marker *m = &cand[k];
        bool ok = m->start == a && m->style == 'd' && m->value < 100;
        for (size_t q = 0; q < k && !ok; q++)
            ok = acc[q] && cand[q].value == m->value - 1 && cand[q].style == m->style &&
                 cand[q].punct == m->punct;
        if (m->value == 1)
            for (size_t q = k + 1; q < nc && !ok; q++)
                ok = cand[q].value == 2 && cand[q].style == m->style &&
                     cand[q].punct == m->punct;
        acc[k] = ok;
        if (ok)
            cd_spans_push(&s->marks, m->start, m->end, false);
    }
    /* keep marks sorted by position */
    for (size_t i = 1; i < s->marks.n; i++) {
        cd_span x = s->marks.v[i];
        size_t j = i;
        while (j > 0 && s->marks.v[j - 1].start > x.start) {
            s->marks.v[j] = s->marks.v[j - 1];
            j--;
        }
        s->marks.v[j] = x;
    }
}

/* ------------------------------------------------------------ decisions */

/* Start of the whitespace-delimited word that ends right before i. */
static size_t word_start(const unsigned char *t, size_t lo, size_t i)
{
    size_t j = i;
    while (j > lo && !ws_before(t, lo, j) && i - j < 64)
        j--;
    return j;
}

/* Skip opening quotes/brackets at i; return where the word proper begins. */
static size_t skip_openers(const unsigned char *t, size_t i, size_t end)
{
    while (i < end) {
        size_t n;
        uint32_t cp = cp_at(t, i, end, &n);
        if (!is_open_quote_cp(cp))
            break;
        i += n;
    }
    return i;
}

/* After a closing quote with terminal punctuation inside it, does the text go
 * on with an attribution of that quote ("… !” Kim said.")? Then no boundary.
 * An attribution that introduces the next quote ("Kim continued, “…") is not. */
static bool attribution_follows(const unsigned char *t, size_t n, size_t end)
{
    size_t i = n;
    for (int words = 0; words < 5 && i < end; words++) {
        size_t e = word_end(t, i, end);
        if (e == i)
            return false;
        char w[24];
        if (!lower_word(t, i, e, w, sizeof w))
            return false;
        if (in_list(w, SPEECH_VERBS)) {
            size_t k = e;
            while (k < end && t[k] == ' ')
                k++;
            if (k < end && (t[k] == ',' || t[k] == ':')) {
                k++;
                while (k < end && is_ws(t[k]))
                    k++;
                size_t q = skip_openers(t, k, end);
                if (q > k)
                    return false; /* introduces the next quotation */
            }
            return true;
        }
        if (classify_cp(cp_at(t, i, end, NULL)) != C_UPPER)
            return false;
        i = e;
        if (i < end && t[i] == '\'') /* possessive: "Kim's spokesman said" */
            return false;
        while (i < end && t[i] == ' ')
            i++;
    }
    return false;
}

/* Is t[a..b) letters separated by periods ("U.S", "a.m", "Ph.D")? */
static bool dotted_abbr(const unsigned char *t, size_t a, size_t b)
{
    int letters = 0, dots = 0, run = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = t[i];
        if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            if (++run > 2)
                return false;
            letters++;
        } else if (c == '.') {
            if (run == 0)
                return false;
            run = 0;
            dots++;
        } else {
            return false;
        }
    }
    return dots >= 1 && letters >= 2;
}

typedef enum { W_NORMAL, W_TITLE, W_NUMABBR, W_OTHER, W_INITIAL, W_TIME } wclass;

static wclass classify_word(const unsigned char *t, size_t lo, size_t a, size_t b)
{
    a = skip_openers(t, a, b);
    if (a >= b)
        return W_NORMAL;
    char w[24];
    if (!lower_word(t, a, b, w, sizeof w))
        return W_NORMAL;
    size_t n = b - a;
    if (n == 1 && ((t[a] >= 'A' && t[a] <= 'Z'))) {
        if (t[a] != 'I')
            return W_INITIAL;
        /* "Albert I. Jones" vs "you and I. Did": look at the word before */
        size_t p = a;
        while (p > lo && is_ws(t[p - 1]))
            p--;
        if (p == a || p == lo)
            return W_NORMAL;
        size_t ps = word_start(t, lo, p);
        ps = skip_openers(t, ps, p);
        return (ps < p && classify_cp(cp_at(t, ps, p, NULL)) == C_UPPER) ? W_INITIAL : W_NORMAL;
    }
    if (strcmp(w, "a.m") == 0 || strcmp(w, "p.m") == 0)
        return W_TIME;
    if (in_list(w, TITLE_ABBR) && t[a] >= 'A' && t[a] <= 'Z')
        return W_TITLE;
    if (in_list(w, NUMBER_ABBR))
        return W_NUMABBR;
    if (in_list(w, OTHER_ABBR) || in_list(w, TITLE_ABBR) || dotted_abbr(t, a, b))
        return W_OTHER;
    return W_NORMAL;
}

static bool starter_word(const unsigned char *t, size_t i, size_t end)
{
    i = skip_openers(t, i, end);
    size_t e = word_end(t, i, end);
    char w[24];
    if (e == i || !lower_word(t, i, e, w, sizeof w))
        return false;
    return in_list(w, STARTERS);
}

static bool after_time_word(const unsigned char *t, size_t i, size_t end)
{
    i = skip_openers(t, i, end);
    size_t e = word_end(t, i, end);
    char w[24];
    if (e == i || !lower_word(t, i, e, w, sizeof w))
        return false;
    return in_list(w, AFTER_TIME);
}

/* A parenthesis at i that only holds a short credit or aside without
 * sentence punctuation, e.g. "(Yonhap)", stays with the sentence before. */
static bool paren_aside(const unsigned char *t, size_t i, size_t end)
{
    if (t[i] != '(')
        return false;
    for (size_t j = i + 1; j < end && j < i + 80; j++) {
        if (t[j] == '.' || t[j] == '!' || t[j] == '?')
            return false;
        if (t[j] == ')') {
            size_t k = j + 1;
            while (k < end && is_ws(t[k]))
                k++;
            return k >= end || classify_cp(cp_at(t, k, end, NULL)) != C_UPPER;
        }
    }
    return false;
}

/* Is the word starting at i the pronoun "I"? */
static bool word_is_I(const unsigned char *t, size_t i, size_t end)
{
    return t[i] == 'I' && (i + 1 >= end || is_ws(t[i + 1]) || t[i + 1] == '\'' ||
                           t[i + 1] == 0xE2);
}

/* Bytes that may start terminal punctuation: . ! ? and the lead byte of … */
static const bool TERMINAL_LEAD[256] = {['.'] = true, ['!'] = true, ['?'] = true,
                                        [0xE2] = true};

/* Scan one segment [a, b) without forced line boundaries inside. */
static void scan(seg *s, size_t a, size_t b)
{
    const unsigned char *t = s->t;
    find_markers(s, a, b);
    size_t mk = 0, start = a;
    size_t i = a;
    while (i < b) {
        /* list markers: a new sentence starts at each; their dots are inert */
        if (mk < s->marks.n && i >= s->marks.v[mk].start) {
            if (i == s->marks.v[mk].start) {
                if (i > start)
                    emit(s, start, i);
                start = i;
                i = s->marks.v[mk].end;
                mk++;
                continue;
            }
            mk++;
            continue;
        }
        /* skip to the next terminal mark (or list marker) */
        size_t stop = mk < s->marks.n ? s->marks.v[mk].start : b;
        while (i < stop && !TERMINAL_LEAD[t[i]])
            i++;
        if (i >= stop)
            continue;
        unsigned char c = t[i];
        if (c == 0xE2 && !is_ellipsis_char(t, i, b)) {
            i++;
            continue;
        }
        size_t p0 = i; /* cluster start */
        size_t j = i;
        int dots = 0, qe = 0;
        bool spaced = false, attached_then_spaced = false;
        if (c == '.' && j + 2 < b && t[j + 1] == ' ' && t[j + 2] == '.') {
            /* dotted ellipsis ". . ." possibly after an attached period */
            bool attached = j > a && !is_ws(t[j - 1]);
            size_t k = j;
            int nd = 0;
            while (k < b && t[k] == '.') {
                nd++;
                k++;
                if (k + 1 < b && t[k] == ' ' && t[k + 1] == '.')
                    k++;
                else
                    break;
            }
            if (nd >= 3) {
                spaced = true;
                dots = nd;
                j = k;
                attached_then_spaced = attached;
            } else {
                dots = 1;
                j = i + 1;
            }
        } else {
            while (j < b) {
                if (t[j] == '.')
                    dots++, j++;
                else if (t[j] == '!' || t[j] == '?')
                    qe++, j++;
                else if (is_ellipsis_char(t, j, b))
                    dots += 3, j += 3;
                else
                    break;
            }
        }
        bool closed_quote = false;
        size_t cl;
        while ((cl = closer_len(t, j, b)) > 0) {
            if (t[j] != ')' && t[j] != ']' && t[j] != '}')
                closed_quote = true;
            j += cl;
        }
        size_t e = j; /* sentence would end here */
        i = e > p0 ? e : p0 + 1;
        if (e < b && !ws_at(t, e, b))
            continue; /* "U.S.A", "example.com", "$100.00", "...see" */
        size_t n = e, w;
        while ((w = ws_at(t, n, b)) > 0)
            n += w;
        if (n >= b)
            continue; /* the segment ends here anyway */
        if (mk < s->marks.n && n == s->marks.v[mk].start)
            continue; /* the marker opens the next sentence */
        size_t nb = skip_openers(t, n, b);
        bool opener = nb > n;
        enum cls nc = nb < b ? classify_cp(cp_at(t, nb, b, NULL)) : C_NONE;
        if (opener && t[n] == '(' && paren_aside(t, n, b))
            continue;
        if (nc == C_LOWER)
            continue;
        bool upperish = nc == C_UPPER || nc == C_OTHER || nc == C_DIGIT;
        if (!upperish)
            continue;
        if (closed_quote && !opener && nc == C_UPPER && attribution_follows(t, n, b))
            continue;

        bool boundary;
        if (spaced) {
            if (attached_then_spaced) {
                /* "compounds. . . . The": the period ends the sentence, the
                 * ellipsis opens the next one */
                if (nc == C_UPPER && !word_is_I(t, nb, b)) {
                    emit(s, start, p0 + 1);
                    start = p0 + 1;
                }
                continue;
            }
            boundary = dots >= 4 ? nc == C_UPPER : nc == C_UPPER && !word_is_I(t, nb, b);
            if (dots == 3)
                boundary = false; /* a free-standing ". . ." is mid-sentence */
        } else if (dots >= 3 && qe == 0) {
            boundary = dots >= 4 ? (nc == C_UPPER || nc == C_DIGIT)
                                 : (nc == C_UPPER && !word_is_I(t, nb, b));
        } else if (qe > 0) {
            boundary = true;
        } else {
            /* a single period: look at the word before it */
            size_t ws = word_start(t, a, p0);
            wclass wc = ws < p0 ? classify_word(t, a, ws, p0) : W_NORMAL;
            switch (wc) {
            case W_TITLE:
            case W_INITIAL:
                boundary = false;
                break;
            case W_NUMABBR:
                boundary = nc != C_DIGIT && (opener || starter_word(t, nb, b));
                break;
            case W_OTHER:
                boundary = opener ? nc == C_UPPER : starter_word(t, nb, b);
                break;
            case W_TIME:
                boundary = nc == C_UPPER && !after_time_word(t, nb, b);
                break;
            default:
                boundary = true;
            }
        }
        if (boundary) {
            emit(s, start, e);
            start = e;
        }
    }
    emit(s, start, b);
}

/* ------------------------------------------------------- lines and blocks */

static bool ends_sentence(const unsigned char *t, size_t a, size_t e)
{
    while (e > a && is_ws(t[e - 1]))
        e--;
    while (e > a) {
        size_t cl = 0;
        /* strip closers going backwards */
        unsigned char c = t[e - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']')
            cl = 1;
        else if (e >= a + 3 && t[e - 3] == 0xE2 && t[e - 2] == 0x80 &&
                 (t[e - 1] == 0x9D || t[e - 1] == 0x99))
            cl = 3;
        if (!cl)
            break;
        e -= cl;
    }
    if (e == a)
        return false;
    unsigned char c = t[e - 1];
    return c == '.' || c == '!' || c == '?' || (e >= a + 3 && is_ellipsis_char(t, e - 3, e));
}

static void do_block(seg *s, size_t a, size_t b)
{
    const unsigned char *t = s->t;
    if (!memchr(t + a, '\n', b - a)) {
        scan(s, a, b); /* one line: the common case */
        return;
    }
    /* width of the block: the longest line, in code points */
    size_t width = 0, nlines = 0;
    for (size_t i = a; i < b;) {
        const unsigned char *nl = memchr(t + i, '\n', b - i);
        size_t e = nl ? (size_t)(nl - t) : b;
        size_t w = cd_utf8_count((const char *)t + i, e - i);
        if (w > width)
            width = w;
        nlines++;
        i = e + 1;
    }
    if (nlines <= 1) {
        scan(s, a, b);
        return;
    }
    size_t seg_start = a;
    for (size_t i = a; i < b;) {
        const unsigned char *nl = memchr(t + i, '\n', b - i);
        if (!nl)
            break;
        size_t e = (size_t)(nl - t);
        size_t next = e + 1;
        /* first word of the next line */
        size_t ns = next;
        while (ns < b && (t[ns] == ' ' || t[ns] == '\t'))
            ns++;
        bool join = false;
        if (ns < b && !ends_sentence(t, i, e)) {
            enum cls nc = classify_cp(cp_at(t, ns, b, NULL));
            size_t lw = cd_utf8_count((const char *)t + i, e - i);
            size_t fw = cd_utf8_count((const char *)t + ns, word_end(t, ns, b) - ns);
            if (nc == C_LOWER)
                join = true;
            else if (width >= 40 && lw + 1 + fw > width - width / 8 && lw >= width / 2)
                join = true; /* filled to the wrap width: a wrapped line */
        } else if (ns < b && width >= 40) {
            /* ends a sentence: the newline is white space, the scanner decides */
            size_t lw = cd_utf8_count((const char *)t + i, e - i);
            if (lw >= width / 2)
                join = true;
        }
        if (!join) {
            scan(s, seg_start, e);
            seg_start = next;
        }
        i = next;
    }
    scan(s, seg_start, b);
}

size_t cd_segment(const char *text, size_t len, size_t max_bytes, cd_spans *out)
{
    assert(lists_sorted());
    seg s = {.t = (const unsigned char *)text,
             .max = max_bytes ? max_bytes : CD_MAX_SENTENCE_BYTES,
             .out = out};
    if (s.max < 16)
        s.max = 16;
    const unsigned char *t = s.t;
    size_t i = 0;
    while (i < len) {
        /* skip blank lines */
        while (i < len && is_ws(t[i]))
            i++;
        if (i >= len)
            break;
        /* a block runs to the next blank line */
        size_t b = i;
        for (;;) {
            const unsigned char *nl = memchr(t + b, '\n', len - b);
            if (!nl) {
                b = len;
                break;
            }
            size_t k = (size_t)(nl - t) + 1;
            while (k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
                k++;
            if (k >= len || t[k] == '\n') {
                b = (size_t)(nl - t);
                break;
            }
            b = (size_t)(nl - t) + 1;
        }
        do_block(&s, i, b);
        i = b;
    }
    cd_spans_free(&s.marks);
    return s.ncut;
}
