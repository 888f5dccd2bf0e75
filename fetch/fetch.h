/*
 * fetch.h — the fetch wing: sources (files, stdin; later URLs, HTML, manifests)
 * to cd_doc. Includes only core/.
 *
 * Ownership: every function that returns a cd_doc * hands it to the caller,
 * who frees it with cd_doc_free(); error strings returned through char **err
 * are malloc'd and freed by the caller.
 */
#ifndef CD_FETCH_H
#define CD_FETCH_H

#include "claimdiff.h"

#define CD_DEFAULT_MAX_BYTES (10u * 1024u * 1024u) /* per source */

typedef struct {
    size_t max_bytes;          /* bytes read per source; 0 = CD_DEFAULT_MAX_BYTES */
    size_t max_sentence_bytes; /* 0 = CD_MAX_SENTENCE_BYTES */
    bool no_clean;             /* keep every line of text input */
} cd_load_opts;

/* Load SOURCE ("-" for stdin, else a file path), decode it to clean UTF-8,
 * drop site furniture (unless opts->no_clean), segment and tokenise it.
 * outlet, when not NULL, names the outlet (from --label); otherwise the
 * file name without its extension is used. Returns NULL on failure with *err
 * set to a one-line message such as "No such file or directory" (without the
 * "claimdiff: error: SOURCE: " prefix the caller adds). */
cd_doc *cd_source_load(const char *source, const char *outlet,
                       const cd_load_opts *opts, char **err);

/* Same, from bytes already in memory; origin names them in messages. */
cd_doc *cd_source_load_bytes(const char *origin, const char *bytes, size_t len,
                             const char *outlet, const cd_load_opts *opts,
                             char **err);

/* ---------------------------------------------------------- textclean.c */

/* Plain-text cleanup. text[0..len) is decoded UTF-8 with LF line ends, as
 * copied from a web page. Adds the article's lines to doc as paragraphs
 * (adjacent kept lines form one paragraph; a blank or dropped line between
 * them starts a new one), records every other non-blank line with
 * cd_doc_add_dropped(), and sets title, byline and published when it can
 * recognise them. Decides from line features, never from site names.
 * Returns the number of paragraphs added. */
size_t cd_textclean(const char *text, size_t len, cd_doc *doc);

/* No cleanup: every blank-line-separated block becomes a paragraph. */
size_t cd_text_keep_all(const char *text, size_t len, cd_doc *doc);

/* ----------------------------------------------------------- datetime.c */

/* Find a calendar date in s[0..len) ("06/12/23", "June 12, 2023",
 * "12 June 2023", "2023-06-12", "Sept. 13, 2023", with or without a time)
 * and write it to out as "YYYY-MM-DD". Numeric dates are read month first
 * unless the first field exceeds 12; two-digit years are 20YY. Returns false
 * when there is no plausible date (year 1900–2100, valid day of month). */
bool cd_date_find(const char *s, size_t len, char out[11]);

#endif
