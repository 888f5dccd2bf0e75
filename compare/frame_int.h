/* frame_int.h — what frame.c, facts.c and analysis.c share. Private to compare/. */
#ifndef CD_FRAME_INT_H
#define CD_FRAME_INT_H

#include "compare.h"
#include "lexicon_data.h"

/* Most marks, quotes or facts of one kind kept per sentence; more are dropped. */
#define CD_FRAME_MAX_ITEMS 64

/* The longest lexicon entry whose words match the matching forms of
 * toks[i..n), or NULL; *len gets its length in tokens. */
const cd_lex_entry *cd_lex_match(const cd_token *toks, size_t n, size_t i, size_t *len);
/* The entry whose key is exactly norm (one word), or NULL. */
const cd_lex_entry *cd_lex_find(const char *norm);

/* Numbers, dates and named entities of toks[0..n) (see cd_sentence_analyse);
 * inq[i] tells whether token i is inside a quotation. Fills out's numbers,
 * dates and entities; remembers entity names in ctx (may be NULL). */
void cd_facts_find(cd_arena *arena, const char *text, const cd_token *toks, size_t n,
                   cd_frame_ctx *ctx, cd_sentence_info *out);

#endif
