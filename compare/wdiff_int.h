/* wdiff_int.h — the word diff in two steps, for callers that diff one
 * sentence against many (divergence.c). Private to compare/. */
#ifndef CD_WDIFF_INT_H
#define CD_WDIFF_INT_H

#include "compare.h"

/* One word or number of a sentence with its comparison key (wdiff.c). */
typedef struct {
    uint64_t key;      /* hash of the comparison key */
    const char *k;     /* the key itself (for the spelling check) */
    size_t start, end; /* bytes in the text */
} cd_wd_word;

/* The words of m (word and number tokens inside m->range), in arena. */
size_t cd_wd_words(cd_arena *arena, const cd_member *m, cd_wd_word **out);

/* cd_wdiff of a and b from their prepared words; the ops go to arena. */
size_t cd_wd_diff(cd_arena *arena, const cd_member *a, const cd_wd_word *wa, size_t na,
                  const cd_member *b, const cd_wd_word *wb, size_t nb, cd_diff_op **ops);

#endif
