/* pairs.c — the reader and scorer behind `claimdiff pairs` (pairs.h).
 *
 * Input, one pair a line (detected per line; FILE or standard input):
 *   TSV    id<TAB>sentence1<TAB>sentence2
 *   MSRP   Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String, after its
 *          header line "Quality<TAB>…" (id: "#1 ID-#2 ID")
 *   JSONL  {"id": …, "a": "…", "b": "…"}
 * Output, JSON Lines: {"id": …, "score": 0.8123, "same_claim": true}; a
 * pair that carries the same claim also gets "divergences": [...] (the shape
 * of src/jsondiv.h, sources "a" and "b"); below the threshold the key is
 * left out, as two different claims have no divergences to explain.
 *
 * Streams in constant memory: one line at a time, at most PAIRS_MAX_LINE
 * bytes (a longer line is skipped with an error naming its line number), and
 * the tokenizer's interned forms are dropped every PAIRS_RESET lines. A bad
 * line is reported on stderr and skipped; the others are still scored, and
 * the exit status is then 3. */
#include "pairs.h"
#include "cli.h"
#include "compare.h"
#include "jsondiv.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define PAIRS_MAX_LINE (64 * 1024)
#define PAIRS_RESET 4096

typedef struct {
    cd_arena *arena;
    cd_tokenizer *tk;
    cd_synonyms *syn;
    cd_idf *idf;
    cd_tokens toks[2];
    cd_buf clean[2];
    size_t since_reset;
} pairs_ctx;

/* Side k of the pair: s[0..n) repaired and NFC-normalised into clean[k],
 * then tokenised into toks[k]. */
static void prepare(pairs_ctx *c, int k, const char *s, size_t n)
{
    c->clean[k].len = 0;
    cd_buf repaired = {0};
    cd_utf8_repair(s, n, &repaired);
    cd_nfc(repaired.data ? repaired.data : "", repaired.len, &c->clean[k]);
    cd_buf_free(&repaired);
    if (!c->clean[k].data)
        cd_buf_puts(&c->clean[k], "");
    c->toks[k].n = 0;
    cd_tokenize(c->tk, c->clean[k].data, 0, c->clean[k].len, &c->toks[k]);
}

/* Score the pair; when it carries the same claim, also its divergences as
 * a JSON array in *divs (else NULL). */
static double score_pair(pairs_ctx *c, const char *a, size_t na, const char *b, size_t nb,
                         json_t **divs)
{
    if (++c->since_reset > PAIRS_RESET) {
        cd_tokenizer_free(c->tk);
        cd_arena_free(c->arena);
        c->arena = cd_arena_new();
        c->tk = cd_tokenizer_new(c->arena);
        c->since_reset = 0;
    }
    prepare(c, 0, a, na);
    prepare(c, 1, b, nb);
    cd_features *fa = cd_features_new(c->clean[0].data, c->toks[0].v, c->toks[0].n, c->syn);
    cd_features *fb = cd_features_new(c->clean[1].data, c->toks[1].v, c->toks[1].n, c->syn);
    double s = cd_pair_score(fa, fb, c->idf);
    cd_features_free(fa);
    cd_features_free(fb);
    *divs = NULL;
    if (s < CD_SAME_CLAIM_THRESHOLD)
        return s;
    /* the pair's analyses and divergences live in an arena of their own */
    cd_arena *pa = cd_arena_new();
    cd_sentence_info info[2];
    cd_member m[2];
    static const char *const names[2] = {"Sentence A", "Sentence B"};
    for (int k = 0; k < 2; k++) {
        cd_range r = {0, c->clean[k].len};
        cd_sentence_analyse(pa, c->clean[k].data, r, c->toks[k].v, c->toks[k].n, NULL, &info[k]);
        m[k] = (cd_member){c->clean[k].data, r, c->toks[k].v, c->toks[k].n, &info[k], names[k]};
    }
    cd_divergence *d;
    size_t nd = cd_diverge(pa, m, 2, &d);
    static const char *const ids[2] = {"a", "b"};
    *divs = cd_json_divergences(d, nd, m, ids);
    cd_arena_free(pa);
    return s;
}

static void put_result(FILE *f, const char *id_json, double score, json_t *divs)
{
    fprintf(f, "{\"id\": %s, \"score\": %.4f, \"same_claim\": %s", id_json, score,
            score >= CD_SAME_CLAIM_THRESHOLD ? "true" : "false");
    if (divs) {
        char *d = json_dumps(divs, JSON_PRESERVE_ORDER);
        fprintf(f, ", \"divergences\": %s", d ? d : "[]");
        free(d);
        json_decref(divs);
    }
    fputs("}\n", f);
}

/* Split line on tabs into at most max fields; returns the count (max + 1
 * when there are more). */
static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    for (char *p = line;;) {
        if (n == max)
            return max + 1;
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            return n;
        *t = '\0';
        p = t + 1;
    }
}

typedef enum { LINE_OK, LINE_BAD } line_rc;

static line_rc do_json(pairs_ctx *c, FILE *out, const char *name, size_t lineno, const char *line)
{
    json_error_t err;
    json_t *j = json_loads(line, 0, &err);
    const char *why = NULL;
    if (!j)
        why = err.text;
    else if (!json_is_object(j))
        why = "not a JSON object";
    json_t *a = j ? json_object_get(j, "a") : NULL, *b = j ? json_object_get(j, "b") : NULL;
    if (!why && (!json_is_string(a) || !json_is_string(b)))
        why = "needs string members \"a\" and \"b\"";
    if (why) {
        cd_error(name, "line %zu: %s", lineno, why);
        json_decref(j);
        return LINE_BAD;
    }
    json_t *id = json_object_get(j, "id");
    char *id_json = id ? json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    char num[32];
    if (!id_json)
        snprintf(num, sizeof num, "%zu", lineno);
    json_t *divs;
    double s = score_pair(c, json_string_value(a), json_string_length(a), json_string_value(b),
                          json_string_length(b), &divs);
    put_result(out, id_json ? id_json : num, s, divs);
    free(id_json);
    json_decref(j);
    return LINE_OK;
}

static line_rc do_tsv(pairs_ctx *c, FILE *out, const char *name, size_t lineno, char *line,
                      bool msrp)
{
    char *f[6];
    size_t n = split_tabs(line, f, 5);
    cd_buf id = {0};
    const char *a, *b;
    if (msrp && n == 5) {
        if (*f[1] && *f[2])
            cd_buf_printf(&id, "%s-%s", f[1], f[2]);
        else
            cd_buf_printf(&id, "%zu", lineno);
        a = f[3];
        b = f[4];
    } else if (!msrp && n == 3) {
        cd_buf_puts(&id, *f[0] ? f[0] : "");
        if (!*f[0])
            cd_buf_printf(&id, "%zu", lineno);
        a = f[1];
        b = f[2];
    } else {
        cd_error(name, "line %zu: expected %s tab-separated fields, found %s%zu", lineno,
                 msrp ? "5 (MSRP)" : "3 (id, sentence, sentence)", n > 5 ? "more than " : "",
                 n > 5 ? (size_t)5 : n);
        return LINE_BAD;
    }
    json_t *divs;
    double s = score_pair(c, a, strlen(a), b, strlen(b), &divs);
    cd_buf rid = {0}; /* an id with invalid UTF-8 is repaired, not dropped */
    cd_utf8_repair(id.data ? id.data : "", id.len, &rid);
    json_t *js = json_stringn_nocheck(rid.data ? rid.data : "", rid.len);
    cd_buf_free(&rid);
    char *d = json_dumps(js, JSON_ENCODE_ANY);
    put_result(out, d ? d : "\"\"", s, divs);
    free(d);
    json_decref(js);
    cd_buf_free(&id);
    return LINE_OK;
}

bool cd_pairs_run(FILE *in, const char *name, FILE *out, size_t *bad)
{
    pairs_ctx c = {0};
    c.arena = cd_arena_new();
    c.tk = cd_tokenizer_new(c.arena);
    c.syn = cd_synonyms_new();
    c.idf = cd_idf_new(); /* no input documents: the background table alone */
    char *buf = cd_xmalloc(PAIRS_MAX_LINE + 2);
    size_t lineno = 0;
    bool msrp = false;
    while (fgets(buf, PAIRS_MAX_LINE + 2, in)) {
        lineno++;
        size_t len = strlen(buf);
        if (len > PAIRS_MAX_LINE && buf[len - 1] != '\n') {
            int ch;
            while ((ch = fgetc(in)) != EOF && ch != '\n') {
            }
            cd_error(name, "line %zu: longer than %d KiB, skipped", lineno,
                     PAIRS_MAX_LINE / 1024);
            ++*bad;
            continue;
        }
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = '\0';
        char *line = buf;
        if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
            line += 3, len -= 3;
        if (memchr(line, '\0', len) || strlen(line) != len) {
            cd_error(name, "line %zu: contains a NUL byte, skipped", lineno);
            ++*bad;
            continue;
        }
        if (len == 0)
            continue;
        if (lineno == 1 && strncmp(line, "Quality\t", 8) == 0) {
            msrp = true;
            continue;
        }
        line_rc rc = line[0] == '{' ? do_json(&c, out, name, lineno, line)
                                    : do_tsv(&c, out, name, lineno, line, msrp);
        if (rc == LINE_BAD)
            ++*bad;
    }
    bool read_ok = !ferror(in);
    if (!read_ok)
        cd_error(name, "read error after line %zu", lineno);
    free(buf);
    for (int k = 0; k < 2; k++) {
        cd_tokens_free(&c.toks[k]);
        cd_buf_free(&c.clean[k]);
    }
    cd_synonyms_free(c.syn);
    cd_idf_free(c.idf);
    cd_tokenizer_free(c.tk);
    cd_arena_free(c.arena);
    return read_ok;
}

