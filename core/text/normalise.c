/* normalise.c — NFC for display text, and the folded "matching form".
 *
 * Text is cut into pieces before "safe" code points: starters that have no
 * decomposition and never compose with what precedes them, so normalising
 * piece by piece gives the same result as normalising the whole. Pieces in
 * which nothing can change are copied; only the few others (a base letter
 * and its combining marks, say) go through utf8proc. A run of more than
 * MAX_RUN code points without a safe one (only seen in garbage such as
 * "Zalgo" text) is cut anyway, which keeps the work linear: utf8proc sorts
 * combining marks by insertion. */
#include "claimdiff.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_RUN 64
#define SMALL_CPS 256

/* Scratch space for code points; short strings stay on the stack. */
typedef struct {
    utf8proc_int32_t *v;
    size_t cap;
    utf8proc_int32_t small[SMALL_CPS];
} cpbuf;

static void cpbuf_init(cpbuf *b)
{
    b->v = b->small;
    b->cap = SMALL_CPS;
}

static void cpbuf_fit(cpbuf *b, size_t n)
{
    if (n <= b->cap)
        return;
    size_t cap = b->cap;
    while (cap < n)
        cap *= 2;
    if (b->v != b->small)
        free(b->v);
    b->v = cd_xmalloc(cap * sizeof *b->v);
    b->cap = cap;
}

static void cpbuf_free(cpbuf *b)
{
    if (b->v != b->small)
        free(b->v);
    b->v = b->small;
    b->cap = SMALL_CPS;
}

/* True when s[0..n) is valid UTF-8 with every code point below U+0300,
 * which makes it NFC already. */
static bool nfc_inert(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
        } else if (s[i] >= 0xC2 && s[i] <= 0xCB && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
        } else {
            return false;
        }
    }
    return true;
}

/* Typography folding, one code point to one code point. */
static utf8proc_int32_t typo_map(utf8proc_int32_t c)
{
    if (c < 0x60)
        return c;
    switch (c) {
    case 0x60: case 0xB4: case 0x2BC:
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x2032: case 0x2035: case 0x2039: case 0x203A:
        return '\'';
    case 0xAB: case 0xBB:
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2033: case 0x2036:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0x2E3A: case 0x2E3B:
    case 0xFE31: case 0xFE32: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        return ' ';
    default:
        if (c >= 0x2000 && c <= 0x200A)
            return ' ';
        return c;
    }
}

static utf8proc_int32_t typo_premap(utf8proc_int32_t c, void *data)
{
    (void)data;
    return typo_map(c);
}

/* Run s[0..n) through utf8proc with opt (decompose, optionally fold the
 * typography, recompose) and append the result to out. Invalid UTF-8 is
 * repaired first. */
static void transform(const char *s, size_t n, cd_buf *out, cpbuf *cb,
                      utf8proc_option_t opt, bool typo)
{
    utf8proc_ssize_t k;
    for (;;) {
        k = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                      cb->v, (utf8proc_ssize_t)cb->cap, opt,
                                      typo ? typo_premap : NULL, NULL);
        /* reencode writes a terminator after the bytes: keep one spare slot */
        if (k < 0 || (size_t)k < cb->cap)
            break;
        cpbuf_fit(cb, (size_t)k + 1);
    }
    if (k < 0) {
        cd_buf fixed = {0};
        cd_utf8_repair(s, n, &fixed);
        if (cd_utf8_valid(fixed.data, fixed.len) && fixed.len != n)
            transform(fixed.data, fixed.len, out, cb, opt, typo);
        else
            cd_buf_append(out, fixed.data, fixed.len);
        cd_buf_free(&fixed);
        return;
    }
    if (typo) {
        /* again after decomposition: NFKC turns e.g. U+207B into U+2212 */
        for (utf8proc_ssize_t i = 0; i < k; i++)
            cb->v[i] = typo_map(cb->v[i]);
    }
    utf8proc_ssize_t m = utf8proc_reencode(cb->v, k, opt);
    if (m < 0) {
        cd_buf_append(out, s, n);
        return;
    }
    cd_buf_append(out, (const char *)cb->v, (size_t)m);
}

/* Whether a piece may begin at cp (see the top of the file). */
static bool safe_start(uint32_t cp)
{
    if (cp < 0x300)
        return cp != 0xAD; /* the soft hyphen vanishes from the matching form */
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F)
        || (cp >= 0xD7B0 && cp <= 0xD7FF))
        return false; /* Hangul jamo compose with a preceding syllable */
    const utf8proc_property_t *pr = utf8proc_get_property((utf8proc_int32_t)cp);
    return pr->combining_class == 0 && pr->decomp_seqindex == UINT16_MAX && !pr->ignorable
        && pr->category != UTF8PROC_CATEGORY_MN && pr->category != UTF8PROC_CATEGORY_MC
        && pr->category != UTF8PROC_CATEGORY_ME;
}

/* Whether the matching form of a safe code point differs from it. */
static bool fold_changes(uint32_t cp)
{
    const utf8proc_property_t *pr = utf8proc_get_property((utf8proc_int32_t)cp);
    return pr->decomp_seqindex != UINT16_MAX || pr->casefold_seqindex != UINT16_MAX
        || pr->ignorable || typo_map((utf8proc_int32_t)cp) != (utf8proc_int32_t)cp;
}

/* The ASCII part of the matching form: lower case, ` -> '. Bytes >= 0x80
 * are copied. */
static void fold_ascii(const char *s, size_t n, cd_buf *out)
{
    cd_buf_reserve(out, n);
    char *w = out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        else if (c == '`')
            c = '\'';
        w[i] = c;
    }
    out->len += n;
    out->data[out->len] = '\0';
}

typedef struct {
    const char *s;
    cd_buf *out;
    cpbuf cb;
    bool fold;
} job;

/* Append s[a..b) unchanged (NFC) or with its ASCII folded (fold). */
static void put_plain(job *j, size_t a, size_t b)
{
    if (b <= a)
        return;
    if (j->fold)
        fold_ascii(j->s + a, b - a, j->out);
    else
        cd_buf_append(j->out, j->s + a, b - a);
}

static void put_changed(job *j, size_t a, size_t b)
{
    static const utf8proc_option_t nfc = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    static const utf8proc_option_t nfkc_cf = UTF8PROC_STABLE | UTF8PROC_COMPAT
        | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    if (b > a)
        transform(j->s + a, b - a, j->out, &j->cb, j->fold ? nfkc_cf : nfc, j->fold);
}

static void run_job(const char *s, size_t len, cd_buf *out, bool fold)
{
    const unsigned char *p = (const unsigned char *)s;
    job j = {.s = s, .out = out, .fold = fold};
    cpbuf_init(&j.cb);
    cd_buf_reserve(out, len);
    /* [a, last) is settled and unchanged; [last, i) is the open piece,
     * which starts at a safe code point (or at a forced cut). */
    size_t a = 0, last = 0, i = 0, run = 0;
    bool open_changes = false;
    while (i < len) {
        if (p[i] < 0x80) {
            if (open_changes) {
                put_plain(&j, a, last);
                put_changed(&j, last, i);
                a = i;
                open_changes = false;
            }
            run = 0;
            while (i < len && p[i] < 0x80)
                i++;
            last = i - 1;
            continue;
        }
        uint32_t cp;
        bool ok;
        size_t n = cd_utf8_decode(p + i, len - i, &cp, &ok);
        bool safe = ok && safe_start(cp);
        bool changes = !safe || (fold && fold_changes(cp));
        if (safe || ++run > MAX_RUN) {
            if (open_changes) {
                put_plain(&j, a, last);
                put_changed(&j, last, i);
                a = i;
                open_changes = false;
            }
            last = i;
            run = safe ? 0 : 1;
        }
        open_changes |= changes;
        i += n;
    }
    if (open_changes) {
        put_plain(&j, a, last);
        put_changed(&j, last, len);
    } else {
        put_plain(&j, a, len);
    }
    cpbuf_free(&j.cb);
}

void cd_nfc(const char *s, size_t len, cd_buf *out)
{
    if (len == 0) {
        cd_buf_append(out, "", 0);
        return;
    }
    if (nfc_inert((const unsigned char *)s, len)) {
        cd_buf_append(out, s, len);
        return;
    }
    run_job(s, len, out, false);
}

void cd_fold(const char *s, size_t len, cd_buf *out)
{
    if (len == 0) {
        cd_buf_append(out, "", 0);
        return;
    }
    if (cd_utf8_ascii_run(s, len) == len) {
        fold_ascii(s, len, out);
        return;
    }
    run_job(s, len, out, true);
}
