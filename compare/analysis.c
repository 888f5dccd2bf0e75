/* analysis.c — cd_analyse: the per-sentence analysis of a whole document,
 * carrying the context (an open quotation, the last speaker, the names
 * seen, the publication date) from one sentence to the next. */
#include "frame_int.h"

#include <stdlib.h>
#include <string.h>

/* A quotation left open runs on for at most this many sentences. */
#define MAX_QUOTE_SENTENCES 12

/* Is the first double quote mark in sentences [from, from + MAX) a closing
 * one (a quotation left open runs on without reopening its mark)? */
static bool closes_ahead(const cd_doc *doc, const char *text, size_t from)
{
    size_t n = cd_doc_sentence_count(doc);
    for (size_t i = from; i < n && i < from + MAX_QUOTE_SENTENCES; i++) {
        const cd_sentence *s = cd_doc_sentence(doc, i);
        for (size_t k = 0; k < s->tok_count; k++) {
            const cd_token *t = cd_doc_token(doc, s->tok_first + k);
            if (t->form->kind != CD_TOK_PUNCT || strcmp(t->form->norm, "\"") != 0)
                continue;
            const unsigned char *b = (const unsigned char *)text + t->start;
            if (t->len == 3 && b[0] == 0xE2 && b[1] == 0x80)
                return b[2] == 0x9D; /* ” */
            bool space_before = t->start == s->start || b[-1] == ' ' || b[-1] == '\n';
            bool space_after = t->start + t->len >= s->end || b[1] == ' ' || b[1] == '\n';
            return !space_before && space_after;
        }
    }
    return false;
}

struct cd_analysis {
    cd_arena *arena;
    cd_sentence_info *v;
    size_t n;
};

cd_analysis *cd_analyse(const cd_doc *doc)
{
    cd_analysis *a = cd_xcalloc(1, sizeof *a);
    a->arena = cd_arena_new();
    if (!doc)
        return a;
    a->n = cd_doc_sentence_count(doc);
    a->v = a->n ? cd_arena_alloc(a->arena, a->n * sizeof *a->v) : NULL;
    const char *text = cd_doc_text(doc, NULL);
    cd_frame_ctx ctx = {0};
    const char *pub = cd_doc_published(doc);
    ctx.published = pub ? cd_arena_strndup(a->arena, pub, strlen(pub)) : NULL;
    size_t para = SIZE_MAX;
    for (size_t i = 0; i < a->n; i++) {
        const cd_sentence *s = cd_doc_sentence(doc, i);
        const cd_token *toks = s->tok_count ? cd_doc_token(doc, s->tok_first) : NULL;
        if (s->paragraph != para) {
            /* a new paragraph continues an open quotation only when it
             * opens with a quote mark (the news convention) */
            bool reopens = s->tok_count && toks[0].form->kind == CD_TOK_PUNCT &&
                           strcmp(toks[0].form->norm, "\"") == 0;
            if (ctx.in_quote && !reopens && !closes_ahead(doc, text, i))
                ctx.in_quote = false;
            if (para != SIZE_MAX && cd_doc_paragraph(doc, s->paragraph)->kind != CD_PARA_BODY)
                ctx.in_quote = false;
            para = s->paragraph;
        }
        if (ctx.in_quote && ++ctx.quote_sentences > MAX_QUOTE_SENTENCES)
            ctx.in_quote = false;
        bool was_open = ctx.in_quote;
        cd_range r = {s->start, s->end};
        cd_sentence_analyse(a->arena, text, r, toks, s->tok_count, &ctx, &a->v[i]);
        if (!ctx.in_quote || !was_open)
            ctx.quote_sentences = 0;
    }
    return a;
}

const cd_sentence_info *cd_analysis_sentence(const cd_analysis *a, size_t i)
{
    return a && i < a->n ? &a->v[i] : NULL;
}

void cd_analysis_free(cd_analysis *a)
{
    if (!a)
        return;
    cd_arena_free(a->arena);
    free(a);
}
