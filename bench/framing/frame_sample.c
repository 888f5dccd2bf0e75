/* frame_sample.c — run the per-sentence analysis over a labelled sample
 * (bench/framing.sh) or over documents (eyeballing).
 *
 *   bench_frame_sample HEDGES.txt < sample.tsv   (lines "id<TAB>sentence")
 *     prints "id<TAB>framing<TAB>source<TAB>cue<TAB>hedges<TAB>baseline" where
 *     baseline is "hedged" when any entry of HEDGES.txt (one phrase a line,
 *     the bare word-list baseline) occurs in the sentence, else "-".
 *   bench_frame_sample --doc FILE...   every sentence of each text file,
 *     analysed in context, with its framing, attribution, quotes and facts.
 *   bench_frame_sample --time FILE...  the time of cd_analyse alone (best of 3).
 */
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char **phrases;
static size_t n_phrases;

static void load_hedges(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "bench_frame_sample: error: %s: cannot open\n", path);
        exit(2);
    }
    char line[512];
    cd_buf b = {0};
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!*line)
            continue;
        b.len = 0;
        cd_fold(line, strlen(line), &b);
        phrases = cd_xrealloc(phrases, (n_phrases + 1) * sizeof *phrases);
        phrases[n_phrases++] = cd_xstrdup(b.data);
    }
    cd_buf_free(&b);
    fclose(f);
}

/* Any phrase of the list as a whole-word token sequence? */
static bool baseline(const cd_token *t, size_t n)
{
    for (size_t p = 0; p < n_phrases; p++) {
        for (size_t i = 0; i < n; i++) {
            const char *s = phrases[p];
            size_t k = i;
            bool ok = true;
            while (*s) {
                const char *sp = strchr(s, ' ');
                size_t wl = sp ? (size_t)(sp - s) : strlen(s);
                if (k >= n || strlen(t[k].form->norm) != wl ||
                    memcmp(t[k].form->norm, s, wl) != 0) {
                    ok = false;
                    break;
                }
                k++;
                s += wl;
                while (*s == ' ')
                    s++;
            }
            if (ok)
                return true;
        }
    }
    return false;
}

static void put_marks(const cd_mark *m, size_t n)
{
    if (!n)
        fputs("-", stdout);
    for (size_t i = 0; i < n; i++)
        printf("%s%s%s", i ? "," : "", m[i].norm, m[i].in_quote ? "(q)" : "");
}

static void put_facts(const char *label, const cd_fact *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("  %s: %s = %s\n", label, f[i].text, f[i].value);
}

/* A text file as a document: paragraphs split at blank lines, analysed
 * (segmented and tokenised). NULL when the file cannot be read. */
static cd_doc *load_doc(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_frame_sample: error: %s: cannot open\n", path);
        return NULL;
    }
    cd_buf raw = {0}, text = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        cd_buf_append(&raw, chunk, k);
    fclose(f);
    cd_decode_info info;
    cd_text_decode(raw.data ? raw.data : "", raw.len, &text, &info);
    cd_doc *doc = cd_doc_new(path);
    /* paragraphs: blank-line separated */
    const char *s = text.data ? text.data : "";
    size_t len = text.len, start = 0;
    for (size_t i = 0; i <= len; i++) {
        bool blank = i == len || (s[i] == '\n' && i + 1 < len && s[i + 1] == '\n');
        if (!blank)
            continue;
        size_t e = i;
        while (start < e && (s[start] == '\n' || s[start] == ' '))
            start++;
        if (e > start)
            cd_doc_add_paragraph(doc, s + start, e - start, CD_PARA_BODY, 0);
        start = i + 1;
    }
    if (getenv("PUBLISHED"))
        cd_doc_set_published(doc, getenv("PUBLISHED"));
    cd_doc_analyse(doc, 0);
    cd_buf_free(&raw);
    cd_buf_free(&text);
    return doc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Time cd_analyse alone (best of three) on each file. */
static int run_time(int argc, char **argv)
{
    for (int a = 2; a < argc; a++) {
        cd_doc *doc = load_doc(argv[a]);
        if (!doc)
            return 2;
        size_t len;
        cd_doc_text(doc, &len);
        double best = 1e30;
        for (int r = 0; r < 3; r++) {
            double t0 = now();
            cd_analysis *an = cd_analyse(doc);
            double t = now() - t0;
            cd_analysis_free(an);
            if (t < best)
                best = t;
        }
        size_t ns = cd_doc_sentence_count(doc);
        printf("%s: %zu sentences, %.1f MB, cd_analyse %.3f s: %.0f sentences/s, %.1f MB/s\n",
               argv[a], ns, len / 1e6, best, ns / best, len / 1e6 / best);
        cd_doc_free(doc);
    }
    return 0;
}

static int run_docs(int argc, char **argv)
{
    for (int a = 2; a < argc; a++) {
        cd_doc *doc = load_doc(argv[a]);
        if (!doc)
            return 2;
        cd_analysis *an = cd_analyse(doc);
        const char *dt = cd_doc_text(doc, NULL);
        printf("==> %s <==\n", argv[a]);
        for (size_t i = 0; i < cd_doc_sentence_count(doc); i++) {
            const cd_sentence *se = cd_doc_sentence(doc, i);
            const cd_sentence_info *in = cd_analysis_sentence(an, i);
            printf("[%zu] %.*s\n", i, (int)(se->end - se->start), dt + se->start);
            printf("  %s | source=%s | cue=%s | verb=%s%s | hedges=", cd_framing_name(in->framing),
                   in->attr_source ? in->attr_source : "-", in->attr_cue ? in->attr_cue : "-",
                   in->verb ? in->verb : "-", in->verb_loaded ? "(loaded)" : "");
            put_marks(in->hedges, in->n_hedges);
            fputs(" | loaded=", stdout);
            put_marks(in->loaded, in->n_loaded);
            fputs(" | neg=", stdout);
            put_marks(in->negations, in->n_negations);
            putchar('\n');
            for (size_t q = 0; q < in->n_quotes; q++)
                printf("  quote: \"%s\" speaker=%s%s%s\n", in->quotes[q].text,
                       in->quotes[q].speaker ? in->quotes[q].speaker : "-",
                       in->quotes[q].scare ? " scare" : "",
                       in->quotes[q].continued ? " continued" : "");
            put_facts("number", in->numbers, in->n_numbers);
            put_facts("date", in->dates, in->n_dates);
            put_facts("entity", in->entities, in->n_entities);
        }
        cd_analysis_free(an);
        cd_doc_free(doc);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--doc") == 0)
        return run_docs(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "--time") == 0)
        return run_time(argc, argv);
    if (argc != 2) {
        fputs("usage: bench_frame_sample HEDGES.txt < sample.tsv\n"
              "       bench_frame_sample --doc FILE...\n", stderr);
        return 2;
    }
    load_hedges(argv[1]);
    cd_arena *strings = cd_arena_new();
    cd_tokenizer *tk = cd_tokenizer_new(strings);
    cd_tokens toks = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, stdin)) > 0) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        const char *sent = tab + 1;
        cd_buf norm = {0};
        cd_nfc(sent, strlen(sent), &norm);
        toks.n = 0;
        cd_tokenize(tk, norm.data ? norm.data : "", 0, norm.len, &toks);
        cd_arena *a = cd_arena_new();
        cd_sentence_info in;
        cd_range r = {0, norm.len};
        cd_sentence_analyse(a, norm.data ? norm.data : "", r, toks.v, toks.n, NULL, &in);
        printf("%s\t%s\t%s\t%s\t", line, cd_framing_name(in.framing),
               in.attr_source ? in.attr_source : "-", in.attr_cue ? in.attr_cue : "-");
        put_marks(in.hedges, in.n_hedges);
        printf("\t%s\n", baseline(toks.v, toks.n) ? "hedged" : "-");
        cd_arena_free(a);
        cd_buf_free(&norm);
    }
    free(line);
    cd_tokens_free(&toks);
    cd_tokenizer_free(tk);
    cd_arena_free(strings);
    for (size_t i = 0; i < n_phrases; i++)
        free(phrases[i]);
    free(phrases);
    return 0;
}
