/* facts.c — the facts a sentence carries: numbers with their units and
 * magnitudes, dates (absolute, and relative ones resolved against the
 * publication date), and named entities normalised so that spelling
 * variants and short mentions compare equal. See docs/facts.md. */
#include "frame_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

typedef struct {
    cd_arena *arena;
    const char *text;
    const cd_token *t;
    size_t n;
    cd_frame_ctx *ctx;
    bool *used; /* token already part of a fact */
    const cd_factword **fw; /* the fact word of each word token, or NULL */
    int py, pm, pd; /* publication date, py 0 when unknown */
} fwork;

typedef struct {
    cd_fact v[CD_FRAME_MAX_ITEMS];
    size_t n;
} factvec;

static const char *fn(const fwork *w, size_t i)
{
    return w->t[i].form->norm;
}

static bool fword(const fwork *w, size_t i)
{
    return i < w->n && w->t[i].form->kind == CD_TOK_WORD;
}

static bool fnum(const fwork *w, size_t i)
{
    return i < w->n && w->t[i].form->kind == CD_TOK_NUMBER;
}

static const cd_factword *factword(const char *s)
{
    size_t lo = 0, hi = cd_factword_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cd_strcmp(cd_factwords[mid].word, s);
        if (c == 0)
            return &cd_factwords[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The fact word a word token's matching form names: itself, or a day or a
 * month with a possessive ("Thursday's close", "Tomorrow's testimony",
 * "June’s vote"). */
static const cd_factword *factword_of(const char *s)
{
    const cd_factword *f = factword(s);
    if (f)
        return f;
    size_t l = strlen(s), cut = 0;
    if (l > 2 && strcmp(s + l - 2, "'s") == 0)
        cut = 2;
    else if (l > 4 && strcmp(s + l - 4, "\xe2\x80\x99s") == 0)
        cut = 4;
    char word[16];
    if (!cut || l - cut >= sizeof word)
        return NULL;
    memcpy(word, s, l - cut);
    word[l - cut] = '\0';
    f = factword(word);
    return f && (f->cls & (CD_FW_WEEKDAY | CD_FW_MONTH | CD_FW_RELDAY)) ? f : NULL;
}

/* The word at i as the fact words name it: "thursday" for "Thursday's". */
static const char *base_word(const fwork *w, size_t i)
{
    return w->fw[i] ? w->fw[i]->word : fn(w, i);
}

/* The value of the fact word at i when it has one of the classes cls, else -1000. */
static int fwv(const fwork *w, size_t i, unsigned cls)
{
    const cd_factword *f = i < w->n ? w->fw[i] : NULL;
    return f && (f->cls & cls) ? f->value : -1000;
}

static bool fwc(const fwork *w, size_t i, unsigned cls)
{
    return fwv(w, i, cls) != -1000;
}

static bool fis(const fwork *w, size_t i, const char *s)
{
    return i < w->n && cd_strcmp(fn(w, i), s) == 0;
}

static bool fcap(const fwork *w, size_t i)
{
    return cd_frame_capitalised(w->text, &w->t[i]);
}

static int index_of(const char *s, const char *const *set)
{
    for (int i = 0; set[i]; i++)
        if (cd_strcmp(s, set[i]) == 0)
            return i;
    return -1;
}

static void add_fact(const fwork *w, factvec *v, size_t a, size_t b, const char *value,
                     const char *unit)
{
    if (v->n >= CD_FRAME_MAX_ITEMS || a >= b)
        return;
    cd_fact *f = &v->v[v->n++];
    size_t s = w->t[a].start, e = w->t[b - 1].start + w->t[b - 1].len;
    f->text = cd_arena_strndup(w->arena, w->text + s, e - s);
    f->value = value;
    f->unit = unit;
    f->span.start = s;
    f->span.end = e;
    for (size_t k = a; k < b; k++)
        w->used[k] = true;
}

static cd_fact *finish(cd_arena *a, const factvec *v, size_t *n)
{
    *n = v->n;
    if (!v->n)
        return NULL;
    cd_fact *out = cd_arena_alloc(a, v->n * sizeof *out);
    memcpy(out, v->v, v->n * sizeof *out);
    return out;
}

static const char *fmt(cd_arena *a, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(cd_arena *a, const char *f, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, f);
    int k = vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    if (k < 0)
        k = 0;
    if ((size_t)k >= sizeof buf)
        k = (int)sizeof buf - 1;
    return cd_arena_strndup(a, buf, (size_t)k);
}

/* --------------------------------------------------------------- dates */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (the
 * civil-from-days algorithms of H. Hinnant, "chrono-Compatible Low-Level
 * Date Algorithms", 2013). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* 0 = Monday … 6 = Sunday */
static int weekday(long days)
{
    long r = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(r < 0 ? r + 7 : r);
}

static const char *date_str(const fwork *w, long days)
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    return fmt(w->arena, "%04d-%02d-%02d", y, m, d);
}

static const char *const MONTHS[] = {"january", "february", "march", "april", "may",
                                     "june", "july", "august", "september", "october",
                                     "november", "december", NULL};

/* Month (1-12) of the token at i, or 0; *len gets 1 or 2 (with a period). */
static int month_at(const fwork *w, size_t i, size_t *len)
{
    *len = 1;
    if (!fword(w, i) || !fcap(w, i))
        return 0;
    int m = fwv(w, i, CD_FW_MONTH | CD_FW_ABBR);
    if (m < 1)
        return 0;
    if (strlen(fn(w, i)) <= 4 && fis(w, i + 1, "."))
        *len = 2;
    return m;
}

/* A day of month at i: "13", "13th". */
static int day_at(const fwork *w, size_t i)
{
    if (!fnum(w, i))
        return 0;
    const char *s = fn(w, i);
    int d = 0, k = 0;
    while (s[k] >= '0' && s[k] <= '9' && k < 3)
        d = d * 10 + (s[k++] - '0');
    if (k == 0 || k > 2 || d < 1 || d > 31)
        return 0;
    if (s[k] && index_of(s + k, (const char *const[]){"st", "nd", "rd", "th", NULL}) < 0)
        return 0;
    return d;
}

static int year_at(const fwork *w, size_t i)
{
    if (!fnum(w, i))
        return 0;
    const char *s = fn(w, i);
    if (strlen(s) != 4)
        return 0;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        y = y * 10 + (s[k] - '0');
    }
    return y >= 1800 && y <= 2100 ? y : 0;
}

/* The year for a month (and day) written without one: the publication
 * year, or the year before when the month lies well after publication. */
static int infer_year(const fwork *w, int m)
{
    if (!w->py)
        return 0;
    return m > w->pm + 1 ? w->py - 1 : w->py;
}

static void find_dates(fwork *w, factvec *out)
{
    long pub = w->py ? days_from_civil(w->py, w->pm, w->pd) : 0;
    for (size_t i = 0; i < w->n; i++) {
        if (w->used[i])
            continue;
        size_t ml;
        int m = month_at(w, i, &ml);
        if (m) {
            const char *s = base_word(w, i);
            size_t j = i + ml;
            int d = day_at(w, j);
            /* "May" and "March" need a date beside them */
            bool ambiguous = strcmp(s, "may") == 0 || strcmp(s, "march") == 0;
            if (d) {
                size_t end = j + 1;
                int y = 0;
                if (fis(w, end, ",") && year_at(w, end + 1)) {
                    y = year_at(w, end + 1);
                    end += 2;
                } else if (year_at(w, end)) {
                    y = year_at(w, end);
                    end++;
                }
                if (!y)
                    y = infer_year(w, m);
                const char *v = y ? fmt(w->arena, "%04d-%02d-%02d", y, m, d)
                                  : fmt(w->arena, "%02d-%02d", m, d);
                add_fact(w, out, i, end, v, NULL);
                i = end - 1;
                continue;
            }
            /* "13 September" */
            if (i > 0 && day_at(w, i - 1) && !w->used[i - 1]) {
                int dd = day_at(w, i - 1);
                int yy = year_at(w, j);
                size_t end = j + (yy ? 1 : 0);
                if (!yy)
                    yy = infer_year(w, m);
                const char *v = yy ? fmt(w->arena, "%04d-%02d-%02d", yy, m, dd)
                                   : fmt(w->arena, "%02d-%02d", m, dd);
                add_fact(w, out, i - 1, end, v, NULL);
                i = end - 1;
                continue;
            }
            int y = year_at(w, j);
            if (y) {
                add_fact(w, out, i, j + 1, fmt(w->arena, "%04d-%02d", y, m), NULL);
                i = j;
                continue;
            }
            /* … or another month joined to it: "between May and October",
             * "from March to May" */
            size_t ml2;
            bool joined = (fis(w, i + 1, "and") || fis(w, i + 1, "to") || fis(w, i + 1, "or") ||
                           fis(w, i + 1, "through") || fis(w, i + 1, "-")) &&
                          month_at(w, i + 2, &ml2) && !fis(w, i + 2, "may") &&
                          !fis(w, i + 2, "march");
            joined = joined || (i >= 2 && (fis(w, i - 1, "and") || fis(w, i - 1, "to") ||
                                           fis(w, i - 1, "or") || fis(w, i - 1, "through") ||
                                           fis(w, i - 1, "-")) &&
                                month_at(w, i - 2, &ml2) && !fis(w, i - 2, "may") &&
                                !fis(w, i - 2, "march"));
            if (ambiguous && !joined && !(i > 0 && fwc(w, i - 1, CD_FW_MONTHCTX)))
                continue;
            int iy = infer_year(w, m);
            add_fact(w, out, i, i + 1,
                     iy ? fmt(w->arena, "%04d-%02d", iy, m) : MONTHS[m - 1], NULL);
            continue;
        }
        if (!fword(w, i)) {
            /* a bare year, a decade */
            int y = year_at(w, i);
            if (y) {
                add_fact(w, out, i, i + 1, fmt(w->arena, "%04d", y), NULL);
                continue;
            }
            const char *s = fn(w, i);
            size_t sl = strlen(s);
            if (fnum(w, i) && sl == 5 && s[4] == 's' && atoi(s) >= 1800 && atoi(s) <= 2090) {
                add_fact(w, out, i, i + 1, cd_arena_strndup(w->arena, s, sl), NULL);
                continue;
            }
            if (fnum(w, i) && strchr(s, '/') && sl >= 5) {
                add_fact(w, out, i, i + 1, cd_arena_strndup(w->arena, s, sl), NULL);
                continue;
            }
            continue;
        }
        const char *s = base_word(w, i);
        int wd = fwv(w, i, CD_FW_WEEKDAY);
        if (wd >= 0 && fcap(w, i)) {
            size_t a = i;
            bool next = i > 0 && fis(w, i - 1, "next");
            bool last = i > 0 && fis(w, i - 1, "last");
            if (next || last)
                a = i - 1;
            const char *v = s;
            if (w->py) {
                int back = (weekday(pub) - wd + 7) % 7;
                long day = next ? pub + (7 - back) % 7 + ((7 - back) % 7 ? 0 : 7)
                                : pub - back - (last && back == 0 ? 7 : 0);
                v = date_str(w, day);
            }
            add_fact(w, out, a, i + 1, v, NULL);
            continue;
        }
        /* today, yesterday, tomorrow, tonight */
        int rel = fwv(w, i, CD_FW_RELDAY);
        if (rel != -1000) {
            add_fact(w, out, i, i + 1, w->py ? date_str(w, pub + rel) : s, NULL);
            continue;
        }
        /* last/this/next week/month/year, earlier this year */
        int which = fwv(w, i, CD_FW_WHICH);
        if (which >= 0 && fword(w, i + 1)) {
            int unit = fwv(w, i + 1, CD_FW_UNIT);
            if (unit >= 0) {
                int delta = which == 0 || which == 3 ? -1 : which == 1 ? 0 : 1;
                size_t a = i > 0 && (fis(w, i - 1, "earlier") || fis(w, i - 1, "later")) &&
                                   which == 1
                               ? i - 1
                               : i;
                const char *v;
                if (!w->py) {
                    v = fmt(w->arena, "%s %s", s, fn(w, i + 1));
                } else if (unit == 2) {
                    v = fmt(w->arena, "%04d", w->py + delta);
                } else if (unit == 1) {
                    int mm = w->pm + delta, yy = w->py;
                    if (mm < 1) {
                        mm += 12;
                        yy--;
                    } else if (mm > 12) {
                        mm -= 12;
                        yy++;
                    }
                    v = fmt(w->arena, "%04d-%02d", yy, mm);
                } else {
                    /* the Monday of that week */
                    long mon = pub - weekday(pub) + 7L * delta;
                    v = fmt(w->arena, "week of %s", date_str(w, mon));
                }
                add_fact(w, out, a, i + 2, v, NULL);
                i++;
                continue;
            }
        }
    }
}

/* ------------------------------------------------------------- numbers */


/* 1e2 … 1e12 for the word at i (hundred … trillion, and the plural
 * "millions" with *plural set); 0 else. */
static double magnitude(const fwork *w, size_t i, bool *plural)
{
    *plural = fwc(w, i, CD_FW_MAGNITUDES);
    int e = fwv(w, i, CD_FW_MAGNITUDE | CD_FW_MAGNITUDES);
    return e > 0 ? pow(10.0, e) : 0;
}

/* "1500000000", "1.5", "0.25": a number for comparing. */
static const char *num_str(cd_arena *a, double v)
{
    char buf[64];
    if (fabs(v) < 1e18 && v == floor(v))
        snprintf(buf, sizeof buf, "%.0f", v);
    else
        snprintf(buf, sizeof buf, "%.6g", v);
    return cd_arena_strndup(a, buf, strlen(buf));
}

static const char *currency_of(const char *s, size_t *skip)
{
    static const struct {
        const char *sym, *code;
    } C[] = {{"$", "usd"}, {"\xe2\x82\xac", "eur"}, {"\xc2\xa3", "gbp"}, {"\xc2\xa5", "jpy"},
             {"\xe2\x82\xa9", "krw"}, {"\xe2\x82\xbd", "rub"}, {"\xe2\x82\xb9", "inr"}};
    for (size_t k = 0; k < sizeof C / sizeof *C; k++) {
        size_t l = strlen(C[k].sym);
        if (strncmp(s, C[k].sym, l) == 0) {
            *skip = l;
            return C[k].code;
        }
    }
    *skip = 0;
    return NULL;
}

/* The unit: the noun after a number ("shells" in "3 million artillery
 * shells"), or NULL. Sets *end past it. */
static const char *unit_after(const fwork *w, size_t i, size_t *end)
{
    size_t k = i;
    if (fis(w, k, "of") && fword(w, k + 1))
        k++; /* "millions of shells" */
    if (!fword(w, k) || cd_features_is_stop(fn(w, k)) || w->used[k] || fis(w, k, "per"))
        return NULL;
    const cd_lex_entry *e = cd_lex_find(fn(w, k));
    if (e && (e->flags & (CD_LEX_REPORT | CD_LEX_MODAL | CD_LEX_NEGATION)))
        return NULL;
    size_t u = k;
    if (fword(w, k + 1) && !cd_features_is_stop(fn(w, k + 1)) && !w->used[k + 1]) {
        const char *a = fn(w, k), *b = fn(w, k + 1);
        size_t la = strlen(a), lb = strlen(b);
        if (la && lb && a[la - 1] != 's' && b[lb - 1] == 's')
            u = k + 1; /* "artillery shells" */
    }
    /* a capitalised unit is a name ("17 Democrats", "85 Bombardier jets"):
     * it stays the unit, but outside the number's span, so that the names
     * of the sentence still see it */
    bool named = false;
    for (size_t q = k; q <= u; q++)
        named = named || fcap(w, q);
    *end = named ? i : u + 1;
    const char *un = fn(w, u);
    size_t ul = strlen(un);
    if (ul > 2 && strcmp(un + ul - 2, "'s") == 0)
        return cd_arena_strndup(w->arena, un, ul - 2); /* "two country's" */
    return un;
}

static bool month_or_day(const fwork *w, size_t i);

/* "between 30 and 80 pounds", "from 1 to 6 p.m.", "4-6 percent": the first
 * number of a range takes the unit written once after the second (the
 * number just added at token a, with unit). */
static void inherit_unit(const fwork *w, factvec *out, size_t a, const char *unit)
{
    if (!unit || out->n == 0 || a < 2)
        return;
    cd_fact *p = &out->v[out->n - 1];
    if (p->unit || !p->value || strspn(p->value, "0123456789.") != strlen(p->value))
        return;
    size_t c = a - 1; /* the connector */
    bool to = fis(w, c, "to") || fis(w, c, "-") || fis(w, c, "\xe2\x80\x93");
    bool and = fis(w, c, "and") || fis(w, c, "or");
    if ((!to && !and) || p->span.end != w->t[c - 1].start + w->t[c - 1].len)
        return;
    size_t first = c - 1;
    while (first > 0 && w->t[first].start > p->span.start)
        first--;
    if (and && !(first > 0 && (fis(w, first - 1, "between") || fis(w, first - 1, "from"))))
        return;
    p->unit = unit;
    p->value = fmt(w->arena, "%s %s", p->value, unit);
}

/* The bare whole number v at tokens [a, end) is someone's age: "aged 27",
 * "age 44", or set off by commas or brackets right after a name ("Sandy
 * Mitchell, 44, from Glasgow", "Paul Durousseau (30)"). */
static bool an_age(const fwork *w, size_t a, size_t end, double v)
{
    if (v < 1 || v > 120 || v != floor(v))
        return false;
    if (a > 0 && (fis(w, a - 1, "aged") || fis(w, a - 1, "age") || fis(w, a - 1, "ages")))
        return true;
    if (a >= 3 && (fis(w, a - 1, "and") || fis(w, a - 1, "or")) && fnum(w, a - 2) &&
        (fis(w, a - 3, "aged") || fis(w, a - 3, "ages")))
        return true; /* "two women aged 27 and 35" */
    bool open = a >= 2 && (fis(w, a - 1, ",") || fis(w, a - 1, "(")) && fword(w, a - 2) &&
                fcap(w, a - 2) && !month_or_day(w, a - 2);
    bool close = end >= w->n || fis(w, end, ",") || fis(w, end, ")");
    return open && close;
}

/* The value of a vulgar fraction character at token i ("½" 0.5), or 0. */
static double vulgar_fraction(const fwork *w, size_t i)
{
    static const struct {
        const char *c;
        double v;
    } F[] = {{"\xc2\xbd", 0.5}, {"\xc2\xbc", 0.25}, {"\xc2\xbe", 0.75},
             {"\xe2\x85\x93", 1.0 / 3}, {"\xe2\x85\x94", 2.0 / 3}, {"\xe2\x85\x9b", 0.125}};
    if (i >= w->n)
        return 0;
    const char *t = w->text + w->t[i].start;
    for (size_t k = 0; k < sizeof F / sizeof *F; k++)
        if (w->t[i].len == strlen(F[k].c) && memcmp(t, F[k].c, w->t[i].len) == 0)
            return F[k].v;
    return 0;
}

/* "5/8", "1/2": a common fraction as its value. */
static bool fraction_of(const char *s, double *v)
{
    char *q;
    long num = strtol(s, &q, 10);
    if (q == s || *q != '/' || q[1] < '0' || q[1] > '9')
        return false;
    long den = strtol(q + 1, &q, 10);
    if (*q || num < 1 || num >= den ||
        !(den == 2 || den == 3 || den == 4 || den == 8 || den == 16))
        return false;
    *v = (double)num / (double)den;
    return true;
}

static void find_numbers(fwork *w, factvec *out)
{
    for (size_t i = 0; i < w->n; i++) {
        if (w->used[i])
            continue;
        const char *s = fn(w, i);
        double v = 0;
        bool have = false, ordinal = false, vague = false, percent = false;
        const char *unit = NULL, *cur = NULL, *range = NULL, *named = NULL;
        size_t a = i, end = i + 1;
        if (fnum(w, i)) {
            if (strchr(s, ':'))
                continue; /* a time of day */
            size_t skip;
            cur = currency_of(s, &skip);
            const char *p = s + skip;
            while (*p && !(*p >= '0' && *p <= '9'))
                p++;
            char digits[64];
            size_t dl = 0;
            bool point = false;
            for (; *p && ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.'); p++) {
                if (*p == ',') {
                    /* a thousands separator has three digits after it; one
                     * or two make it a decimal comma ("1,2 million") */
                    size_t nd = 0;
                    while (p[1 + nd] >= '0' && p[1 + nd] <= '9')
                        nd++;
                    if (nd && nd < 3 && !point && dl + 1 < sizeof digits) {
                        digits[dl++] = '.';
                        point = true;
                    }
                    continue;
                }
                if (*p == '.')
                    point = true;
                if (dl + 1 < sizeof digits)
                    digits[dl++] = *p;
            }
            digits[dl] = '\0';
            if (dl && digits[dl - 1] == '.')
                digits[--dl] = '\0';
            if (!dl)
                continue;
            /* ".85 cent": a decimal point written without the zero */
            bool bare_point = i > 0 && skip == 0 && s[0] >= '0' && s[0] <= '9' &&
                              w->t[i - 1].start + w->t[i - 1].len == w->t[i].start &&
                              fis(w, i - 1, ".") && !point &&
                              (i == 1 || w->t[i - 2].start + w->t[i - 2].len < w->t[i - 1].start);
            if (bare_point && dl + 2 < sizeof digits) {
                memmove(digits + 1, digits, dl + 1);
                digits[0] = '.';
                dl++;
                point = true;
                a = i - 1;
            }
            v = strtod(digits, NULL);
            have = true;
            /* "80 937 hectares": a space between thousands */
            if (!*p && !point && !skip && dl <= 3 && fnum(w, i + 1) &&
                strlen(fn(w, i + 1)) == 3 && strspn(fn(w, i + 1), "0123456789") == 3 &&
                w->t[i].start + w->t[i].len + 1 == w->t[i + 1].start &&
                w->text[w->t[i].start + w->t[i].len] == ' ') {
                v = v * 1000 + strtod(fn(w, i + 1), NULL);
                end = i + 2;
            }
            /* "2 ½" */
            double vf = vulgar_fraction(w, end);
            if (!*p && !point && vf > 0) {
                v += vf;
                end++;
            }
            /* "Pentium 4", "Category 3", "Chapter 11": a bare number after a
             * capitalised word inside the sentence (not a possessive:
             * "Farben's 500 properties") names a thing; that word is its unit */
            if (!*p && !skip && !point && i >= 2 && fword(w, i - 1) && fcap(w, i - 1) &&
                !month_or_day(w, i - 1) && !fwc(w, i - 1, CD_FW_TITLE) &&
                !cd_features_is_stop(fn(w, i - 1)) && !fis(w, end, "percent") &&
                !fis(w, end, "per") && !strstr(fn(w, i - 1), "'s") &&
                w->t[i - 1].start + w->t[i - 1].len < w->t[i].start) {
                named = fn(w, i - 1);
                a = i - 1;
            }
            const cd_factword *mw;
            double fv;
            /* suffix: "bn", "m", "th", "%", "-year", "-million", "/8" */
            if (*p == '/') {
                /* "5/8" is a fraction, "1 5/8" one number; "9/11" or
                 * "24/7" is no figure to compare */
                if (!fraction_of(s + skip, &v))
                    continue;
            } else if (!*p && !point && fnum(w, i + 1) && fraction_of(fn(w, i + 1), &fv)) {
                v += fv; /* "1 5/8" */
                end = i + 2;
            } else if (*p == '%') {
                percent = true;
            } else if (*p == '-' && p[1] >= '0' && p[1] <= '9') {
                /* "256-170" (a vote, a score, a range): kept as written */
                range = cd_arena_strndup(w->arena, s + skip, strlen(s + skip));
            } else if (*p == '-' && strncmp(p + 1, "to-", 3) == 0 && p[4] >= '0' &&
                       p[4] <= '9') {
                range = cd_arena_strndup(w->arena, s + skip, strlen(s + skip)); /* "3-to-1" */
            } else if (*p == '-') {
                const char *u = p + 1;
                const char *dash = strchr(u, '-');
                size_t ul = dash ? (size_t)(dash - u) : strlen(u);
                char word[32];
                mw = NULL;
                if (ul < sizeof word) {
                    memcpy(word, u, ul);
                    word[ul] = '\0';
                    mw = factword(word);
                }
                if (mw && (mw->cls & CD_FW_MAGNITUDE) && mw->value > 0)
                    v *= pow(10.0, mw->value); /* "$70-million" */
                else if (dash && (strncmp(u, "year-old", 8) == 0 ||
                                  strncmp(u, "years-old", 9) == 0))
                    unit = "age"; /* "a 6-year-old" */
                else
                    unit = cd_arena_strndup(w->arena, u, ul);
            } else if (*p) {
                int k = index_of(p, (const char *const[]){"k", "m", "mn", "mln", "bn", "b",
                                                         "tn", "trn", NULL});
                static const double M[] = {1e3, 1e6, 1e6, 1e6, 1e9, 1e9, 1e12, 1e12};
                if (k >= 0)
                    v *= M[k];
                else if (index_of(p, (const char *const[]){"st", "nd", "rd", "th", NULL}) >= 0)
                    ordinal = true;
                else if (strcmp(p, "s") == 0 && !point && v >= 10 && fmod(v, 10) == 0)
                    unit = "decade"; /* "his 90s", "the 1960s" */
                else
                    unit = cd_arena_strndup(w->arena, p, strlen(p));
            }
        } else if (fword(w, i)) {
            int k = fwv(w, i, CD_FW_SMALL);
            int t = fwv(w, i, CD_FW_TENS);
            bool pl;
            double mg = magnitude(w, i, &pl);
            if (k >= 0 || t >= 0) {
                v = k >= 0 ? k : t;
                /* "fifty-seven", "twenty two" */
                if (k != 20 && t < 0)
                    goto counted;
                size_t u = fis(w, i + 1, "-") ? i + 2 : i + 1;
                int k2 = fword(w, u) ? fwv(w, u, CD_FW_SMALL) : -1;
                if (k2 >= 1 && k2 <= 9) {
                    v += k2;
                    end = u + 1;
                }
            counted:;
            } else if (mg && pl) {
                vague = true; /* "millions of" */
            } else if (strcmp(s, "dozens") == 0) {
                vague = true;
            } else if (strcmp(s, "dozen") == 0 && i > 0 && fis(w, i - 1, "a")) {
                v = 12;
                a = i - 1;
            } else {
                continue;
            }
            /* "one" alone is rarely a count worth comparing */
            if (k == 1 && !(fword(w, i + 1) && magnitude(w, i + 1, &pl)))
                continue;
            if (k == 0)
                continue;
            have = !vague;
        } else {
            continue;
        }
        /* magnitude words: "1.5 billion", "two million" */
        bool pl;
        double mg;
        while (have && fword(w, end) && (mg = magnitude(w, end, &pl)) && !pl) {
            v *= mg;
            end++;
        }
        if (fis(w, end, "percent") || (fis(w, end, "per") && fis(w, end + 1, "cent"))) {
            percent = true;
            end += fis(w, end, "per") ? 2 : 1;
        }
        if (ordinal && !unit) {
            size_t ue;
            const char *u = unit_after(w, end, &ue);
            if (u) {
                unit = u;
                end = ue;
            }
        } else if (!unit && !percent && !named) {
            size_t ue;
            const char *u = unit_after(w, end, &ue);
            if (u) {
                unit = u;
                end = ue;
            }
        }
        if (unit && (strcmp(unit, "year") == 0 || strcmp(unit, "years") == 0) &&
            fis(w, end, "old")) {
            unit = "age"; /* "a 2-year old", "three years old" */
            end++;
        }
        if (cur)
            unit = cur;
        else if (percent)
            unit = "%";
        else if (!unit && !ordinal && !named && !range && have && an_age(w, a, end, v))
            unit = "age";
        if (named) {
            add_fact(w, out, a, end, fmt(w->arena, "%s %s", num_str(w->arena, v), named), named);
            i = end - 1;
            continue;
        }
        if (range) {
            add_fact(w, out, a, end, range, cur ? cur : "range");
            i = end - 1;
            continue;
        }
        const char *num;
        if (vague)
            num = s; /* "millions", "dozens" */
        else if (ordinal)
            num = fmt(w->arena, "%.0fth", v);
        else
            num = num_str(w->arena, v);
        const char *value = !unit ? num
                            : strcmp(unit, "decade") == 0 ? fmt(w->arena, "%ss", num)
                                                          : fmt(w->arena, "%s %s", num, unit);
        if (unit && strcmp(unit, "decade") != 0 && strcmp(unit, "age") != 0)
            inherit_unit(w, out, a, unit);
        add_fact(w, out, a, end, value, unit);
        i = end - 1;
    }
}

/* ------------------------------------------------------------ entities */


static bool word_in_set(const char *s, const char *const *set)
{
    return index_of(s, set) >= 0;
}

static bool month_or_day(const fwork *w, size_t i)
{
    return fwc(w, i, CD_FW_MONTH | CD_FW_WEEKDAY);
}

/* Matching form of an entity: words joined by one space, hyphens and
 * periods out, possessive "'s" dropped: "Kim Jong-un's" -> "kim jong un". */
static const char *entity_norm(const fwork *w, size_t a, size_t b)
{
    cd_buf buf = {0};
    for (size_t k = a; k < b; k++) {
        if (w->t[k].form->kind != CD_TOK_WORD)
            continue;
        const char *s = fn(w, k);
        size_t l = strlen(s);
        if (l > 2 && strcmp(s + l - 2, "'s") == 0)
            l -= 2;
        if (buf.len)
            cd_buf_putc(&buf, ' ');
        for (size_t c = 0; c < l; c++)
            if (s[c] != '.')
                cd_buf_putc(&buf, s[c]);
    }
    const char *r = buf.len ? cd_arena_strndup(w->arena, buf.data, buf.len) : NULL;
    cd_buf_free(&buf);
    return r;
}

static bool word_of(const char *name, const char *word, bool first)
{
    size_t wl = strlen(word), nl = strlen(name);
    if (first)
        return nl > wl && strncmp(name, word, wl) == 0 && name[wl] == ' ';
    return nl > wl && strcmp(name + nl - wl, word) == 0 && name[nl - wl - 1] == ' ';
}

/* "kim" -> "kim jong un" when a longer name with that first or last word
 * was seen (most recent first). */
static const char *resolve_entity(const fwork *w, const char *v)
{
    if (!w->ctx || strchr(v, ' '))
        return v;
    for (size_t k = w->ctx->n_known; k > 0; k--) {
        const char *name = w->ctx->known[k - 1];
        if (word_of(name, v, true) || word_of(name, v, false))
            return name;
    }
    return v;
}

static void remember(const fwork *w, const char *v)
{
    cd_frame_ctx *c = w->ctx;
    if (!c || !strchr(v, ' '))
        return;
    for (size_t k = 0; k < c->n_known; k++)
        if (strcmp(c->known[k], v) == 0) {
            /* move to the end: most recent */
            memmove(&c->known[k], &c->known[k + 1], (c->n_known - k - 1) * sizeof *c->known);
            c->known[c->n_known - 1] = v;
            return;
        }
    if (c->n_known == CD_FRAME_KNOWN) {
        memmove(&c->known[0], &c->known[1], (CD_FRAME_KNOWN - 1) * sizeof *c->known);
        c->n_known--;
    }
    c->known[c->n_known++] = v;
}

static bool known_word(const fwork *w, const char *v)
{
    if (!w->ctx)
        return false;
    for (size_t k = 0; k < w->ctx->n_known; k++)
        if (word_of(w->ctx->known[k], v, true) || word_of(w->ctx->known[k], v, false) ||
            strcmp(w->ctx->known[k], v) == 0)
            return true;
    return false;
}

/* "Tomorrow", "Yesterday's": a day named relative to the report, no name. */
static bool relday_at(const fwork *w, size_t i)
{
    return fwc(w, i, CD_FW_RELDAY);
}

/* "Theresa May", "Theresa May's", "John March": "May" and "March" after
 * another word of the name (and not taken by a date) are a surname. */
static bool surname_month(const fwork *w, size_t a, size_t k)
{
    const char *s = base_word(w, k);
    return k > a && fword(w, k - 1) && !month_or_day(w, k - 1) &&
           (strcmp(s, "may") == 0 || strcmp(s, "march") == 0);
}

/* Company suffixes: a name ending in one is a firm ("General Electric Co."),
 * so a title word at its start belongs to it. */
static const char *const COMPANY_SUFFIXES[] = {"co", "corp", "inc", "ltd", "plc", "llc",
                                               "company", "corporation", NULL};

/* Time zones ("6 p.m. EDT") are part of a time, not names. */
static const char *const TIME_ZONES[] = {"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt",
                                         "pst", "pdt", "akst", "akdt", "hst", "bst", "cet",
                                         "cest", "aest", "aedt", NULL};

/* "(NYSE: PEP)", "Nasdaq: RMBS": a ticker symbol after an exchange's name. */
static bool after_exchange(const fwork *w, size_t a)
{
    return a >= 2 && fis(w, a - 1, ":") &&
           word_in_set(fn(w, a - 2), (const char *const[]){"nyse", "nasdaq", "amex", "tsx",
                                                            "lse", "asx", "otc", NULL});
}

static void find_entities(fwork *w, factvec *out)
{
    size_t i = 0;
    while (i < w->n) {
        if (!fword(w, i) || !fcap(w, i) || w->used[i]) {
            i++;
            continue;
        }
        size_t a = i, b = i;
        while (b < w->n) {
            if (fword(w, b) && fcap(w, b) && !w->used[b]) {
                b++;
                continue;
            }
            /* "Harold W. Gehman", "Adm. Hal Gehman": an initial or a
             * title's period inside the name */
            if (b > a && fis(w, b, ".") && fword(w, b + 1) && fcap(w, b + 1) &&
                !w->used[b + 1] && (strlen(fn(w, b - 1)) == 1 || fwc(w, b - 1, CD_FW_TITLE))) {
                b += 2;
                continue;
            }
            /* "Jong-un", "Ministry of Defense" */
            if (b > a && (fis(w, b, "-") || fwc(w, b, CD_FW_CONNECT)) &&
                fword(w, b + 1) && (fcap(w, b + 1) || fis(w, b, "-")) && !w->used[b + 1]) {
                b += 2;
                continue;
            }
            break;
        }
        size_t next = b;
        if (after_exchange(w, a)) {
            i = next;
            continue;
        }
        /* leading stop words and titles are not the name (a firm's are) */
        size_t a0 = a;
        bool firm = b > a + 1 && fword(w, b - 1) && word_in_set(fn(w, b - 1), COMPANY_SUFFIXES);
        while (a < b && (!fword(w, a) || cd_features_is_stop(fn(w, a)) ||
                         (fwc(w, a, CD_FW_TITLE) && !firm) || month_or_day(w, a) ||
                         relday_at(w, a)))
            a++;
        while (b > a && ((month_or_day(w, b - 1) && !surname_month(w, a, b - 1)) ||
                         fis(w, b - 1, "-") || relday_at(w, b - 1) ||
                         ((fis(w, b - 1, "jr") || fis(w, b - 1, "sr")) && b - 1 > a)))
            b--;
        /* "Russian President Vladimir Putin": the name follows the last title */
        for (size_t k = b; k > a + 1 && !firm; k--)
            if (fwc(w, k - 2, CD_FW_TITLE)) {
                a = k - 1;
                break;
            }
        /* "Defense Department", "Foreign Ministry": a title word naming the
         * institution is part of its name */
        if (a > a0 && b == a + 1 && fwc(w, a - 1, CD_FW_TITLE) &&
            word_in_set(fn(w, a), (const char *const[]){"department", "ministry", "office",
                                                         "council", "committee", "agency",
                                                         "service", "forces", "command", NULL}))
            a--;
        if (a < b) {
            size_t words = 0;
            for (size_t k = a; k < b; k++)
                words += fword(w, k);
            const char *v = entity_norm(w, a, b);
            bool keep = v != NULL;
            if (keep && words == 1) {
                /* the capital of a sentence's first word is no name, unless the
                 * word was seen as part of one or is a possessive */
                bool first = a == 0 || (a == 1 && !fword(w, 0));
                size_t l = strlen(fn(w, a));
                bool poss = l > 2 && strcmp(fn(w, a) + l - 2, "'s") == 0;
                if (first && !poss && !known_word(w, v))
                    keep = false;
                if (strcmp(v, "i") == 0 || word_in_set(v, TIME_ZONES))
                    keep = false;
            }
            if (keep) {
                /* an acronym ("US", "U.S.") is no short form of a longer name */
                bool acronym = false;
                if (words == 1) {
                    const char *raw = w->text + w->t[a].start;
                    size_t up = 0, low = 0;
                    for (size_t c = 0; c < w->t[a].len; c++) {
                        up += raw[c] >= 'A' && raw[c] <= 'Z';
                        low += raw[c] >= 'a' && raw[c] <= 'z';
                    }
                    acronym = up >= 2 && low == 0;
                }
                if (!acronym)
                    v = resolve_entity(w, v);
                remember(w, v);
                size_t e = b;
                add_fact(w, out, a, e, v, NULL);
                /* the text as written, without a trailing possessive */
                cd_fact *f = &out->v[out->n - 1];
                size_t tl = strlen(f->text);
                if (out->n && tl > 2 && f->text[tl - 1] == 's' &&
                    (f->text[tl - 2] == '\'' ||
                     (tl > 4 && memcmp(f->text + tl - 4, "\xe2\x80\x99", 3) == 0))) {
                    size_t cut = f->text[tl - 2] == '\'' ? 2 : 4;
                    f->text = cd_arena_strndup(w->arena, f->text, tl - cut);
                    f->span.end -= cut;
                }
            }
        }
        i = next > i ? next : i + 1;
    }
}

/* ---------------------------------------------------------------- main */

void cd_facts_find(cd_arena *arena, const char *text, const cd_token *toks, size_t n,
                   cd_frame_ctx *ctx, cd_sentence_info *out)
{
    bool stack[256];
    const cd_factword *fstack[256];
    bool *used = n <= 256 ? stack : cd_xmalloc(n);
    const cd_factword **fws = n <= 256 ? fstack : cd_xmalloc(n * sizeof *fws);
    for (size_t i = 0; i < n; i++) {
        used[i] = false;
        fws[i] = toks[i].form->kind == CD_TOK_WORD ? factword_of(toks[i].form->norm) : NULL;
    }
    fwork w = {arena, text, toks, n, ctx, used, fws, 0, 0, 0};
    if (ctx && ctx->published) {
        int y, m, d;
        if (sscanf(ctx->published, "%4d-%2d-%2d", &y, &m, &d) == 3 && y > 0 && m >= 1 &&
            m <= 12 && d >= 1 && d <= 31) {
            w.py = y;
            w.pm = m;
            w.pd = d;
        }
    }
    factvec buf;
    factvec *fv = &buf;
    fv->n = 0;
    find_dates(&w, fv);
    out->dates = finish(arena, fv, &out->n_dates);
    fv->n = 0;
    find_numbers(&w, fv);
    out->numbers = finish(arena, fv, &out->n_numbers);
    fv->n = 0;
    find_entities(&w, fv);
    out->entities = finish(arena, fv, &out->n_entities);
    if (used != stack)
        free(used);
    if (fws != fstack)
        free(fws);
}
