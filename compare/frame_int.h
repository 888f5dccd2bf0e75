/* frame_int.h — what frame.c, facts.c and analysis.c share. Private to compare/. */
#ifndef CD_FRAME_INT_H
#define CD_FRAME_INT_H

#include "compare.h"
#include "lexicon_data.h"

/* Most marks, quotes or facts of one kind kept per sentence; more are dropped. */
#define CD_FRAME_MAX_ITEMS 64

/* The entry whose key is exactly norm (one word), or NULL. */
const cd_lex_entry *cd_lex_find(const char *norm);
/* Does token t of text start with an upper-case letter (Unicode Lu)? */
bool cd_frame_capitalised(const char *text, const cd_token *t);

/* Numbers, dates and named entities of toks[0..n) (see cd_sentence_analyse);
 * inq[i] tells whether token i is inside a quotation. Fills out's numbers,
 * dates and entities; remembers entity names in ctx (may be NULL). */
void cd_facts_find(cd_arena *arena, const char *text, const cd_token *toks, size_t n,
                   cd_frame_ctx *ctx, cd_sentence_info *out);

#endif
