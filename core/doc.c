/* doc.c — cd_doc: metadata, paragraphs, sentences, tokens, dropped lines.
 *
 * All strings live in the document's arena; the paragraph, sentence, token
 * and dropped arrays are growable vectors owned by the document. */
#include "claimdiff.h"

#include <stdlib.h>
#include <string.h>

struct cd_doc {
    cd_arena *arena;
    const char *origin, *outlet, *title, *byline, *published, *canonical;
    cd_buf text;
    cd_paragraph *paras;
    size_t n_paras, cap_paras;
    cd_sentence *sents;
    size_t n_sents, cap_sents;
    cd_tokens toks;
    cd_dropped *dropped;
    size_t n_dropped, cap_dropped;
    const char **warnings;
    size_t n_warnings, cap_warnings;
    bool analysed;
    bool truncated; /* paragraphs refused at CD_MAX_DOC_BYTES */
};

/* Grow *v (of element size sz) so that it holds at least n + 1 elements. */
static void grow(void **v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return;
    size_t c = *cap ? *cap * 2 : 16;
    *v = cd_xrealloc(*v, c * sz);
    *cap = c;
}

cd_doc *cd_doc_new(const char *origin)
{
    cd_doc *d = cd_xcalloc(1, sizeof *d);
    d->arena = cd_arena_new();
    d->origin = cd_arena_strndup(d->arena, origin ? origin : "", origin ? strlen(origin) : 0);
    return d;
}

void cd_doc_free(cd_doc *d)
{
    if (!d)
        return;
    cd_buf_free(&d->text);
    free(d->paras);
    free(d->sents);
    cd_tokens_free(&d->toks);
    free(d->dropped);
    free(d->warnings);
    cd_arena_free(d->arena);
    free(d);
}

static const char *dup_or_null(cd_doc *d, const char *s)
{
    return s ? cd_arena_strndup(d->arena, s, strlen(s)) : NULL;
}

void cd_doc_set_outlet(cd_doc *d, const char *s) { d->outlet = dup_or_null(d, s); }
void cd_doc_set_title(cd_doc *d, const char *s) { d->title = dup_or_null(d, s); }
void cd_doc_set_byline(cd_doc *d, const char *s) { d->byline = dup_or_null(d, s); }
void cd_doc_set_published(cd_doc *d, const char *s) { d->published = dup_or_null(d, s); }
void cd_doc_set_canonical(cd_doc *d, const char *s) { d->canonical = dup_or_null(d, s); }

const char *cd_doc_origin(const cd_doc *d) { return d->origin; }
const char *cd_doc_outlet(const cd_doc *d) { return d->outlet; }
const char *cd_doc_title(const cd_doc *d) { return d->title; }
const char *cd_doc_byline(const cd_doc *d) { return d->byline; }
const char *cd_doc_published(const cd_doc *d) { return d->published; }
const char *cd_doc_canonical(const cd_doc *d) { return d->canonical; }

void cd_doc_add_paragraph(cd_doc *d, const char *s, size_t len, cd_para_kind kind,
                          size_t line)
{
    if (d->analysed || len == 0)
        return;
    if (d->text.len + len + 2 > CD_MAX_DOC_BYTES) {
        if (!d->truncated)
            cd_doc_add_warning(d, "text cut at 1 GiB: the rest of the document was left out");
        d->truncated = true;
        return;
    }
    if (d->n_paras)
        cd_buf_append(&d->text, "\n\n", 2);
    grow((void **)&d->paras, &d->cap_paras, d->n_paras, sizeof *d->paras);
    cd_paragraph *p = &d->paras[d->n_paras++];
    p->start = d->text.len;
    cd_buf_append(&d->text, s, len);
    p->end = d->text.len;
    p->kind = kind;
    p->line = line;
}

void cd_doc_add_dropped(cd_doc *d, size_t line, const char *s, size_t len,
                        const char *reason)
{
    grow((void **)&d->dropped, &d->cap_dropped, d->n_dropped, sizeof *d->dropped);
    cd_dropped *x = &d->dropped[d->n_dropped++];
    x->line = line;
    x->text = cd_arena_strndup(d->arena, s, len);
    x->reason = dup_or_null(d, reason ? reason : "");
}

void cd_doc_add_warning(cd_doc *d, const char *msg)
{
    grow((void **)&d->warnings, &d->cap_warnings, d->n_warnings, sizeof *d->warnings);
    d->warnings[d->n_warnings++] = dup_or_null(d, msg);
}

static void push_sentence(cd_doc *d, cd_tokenizer *tk, size_t para, size_t start,
                          size_t end, bool cut, size_t *cp_pos, size_t *byte_pos)
{
    grow((void **)&d->sents, &d->cap_sents, d->n_sents, sizeof *d->sents);
    cd_sentence *s = &d->sents[d->n_sents++];
    s->start = start;
    s->end = end;
    /* code-point offsets, counted incrementally: spans only move forward */
    *cp_pos += cd_utf8_count(d->text.data + *byte_pos, start - *byte_pos);
    s->cp_start = *cp_pos;
    *cp_pos += cd_utf8_count(d->text.data + start, end - start);
    s->cp_end = *cp_pos;
    *byte_pos = end;
    s->paragraph = para;
    s->cut = cut;
    s->tok_first = d->toks.n;
    cd_tokenize(tk, d->text.data, start, end, &d->toks);
    s->tok_count = d->toks.n - s->tok_first;
}

void cd_doc_analyse(cd_doc *d, size_t max_sentence_bytes)
{
    if (d->analysed)
        return;
    d->analysed = true;
    if (!d->text.data)
        return;
    cd_tokenizer *tk = cd_tokenizer_new(d->arena);
    /* news English averages 5 to 6 bytes a token: reserve once */
    d->toks.cap = d->text.len / 5 + 16;
    d->toks.v = cd_xrealloc(d->toks.v, d->toks.cap * sizeof *d->toks.v);
    cd_spans spans = {0};
    size_t cp_pos = 0, byte_pos = 0;
    size_t max = max_sentence_bytes ? max_sentence_bytes : CD_MAX_SENTENCE_BYTES;
    for (size_t i = 0; i < d->n_paras; i++) {
        const cd_paragraph *p = &d->paras[i];
        spans.n = 0;
        cd_segment(d->text.data + p->start, p->end - p->start, max, &spans);
        for (size_t j = 0; j < spans.n; j++) {
            size_t a = p->start + spans.v[j].start, b = p->start + spans.v[j].end;
            push_sentence(d, tk, i, a, b, spans.v[j].cut, &cp_pos, &byte_pos);
        }
    }
    cd_spans_free(&spans);
    cd_tokenizer_free(tk);
}

const char *cd_doc_text(const cd_doc *d, size_t *len)
{
    if (len)
        *len = d->text.len;
    return d->text.data ? d->text.data : "";
}

size_t cd_doc_paragraph_count(const cd_doc *d) { return d->n_paras; }
const cd_paragraph *cd_doc_paragraph(const cd_doc *d, size_t i)
{
    return i < d->n_paras ? &d->paras[i] : NULL;
}
size_t cd_doc_sentence_count(const cd_doc *d) { return d->n_sents; }
const cd_sentence *cd_doc_sentence(const cd_doc *d, size_t i)
{
    return i < d->n_sents ? &d->sents[i] : NULL;
}
size_t cd_doc_token_count(const cd_doc *d) { return d->toks.n; }
const cd_token *cd_doc_token(const cd_doc *d, size_t i)
{
    return i < d->toks.n ? &d->toks.v[i] : NULL;
}
size_t cd_doc_dropped_count(const cd_doc *d) { return d->n_dropped; }
const cd_dropped *cd_doc_dropped(const cd_doc *d, size_t i)
{
    return i < d->n_dropped ? &d->dropped[i] : NULL;
}
size_t cd_doc_warning_count(const cd_doc *d) { return d->n_warnings; }
const char *cd_doc_warning(const cd_doc *d, size_t i)
{
    return i < d->n_warnings ? d->warnings[i] : NULL;
}
