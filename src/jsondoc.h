/* jsondoc.h — JSON shapes of sources and sentences (claimdiff/1). */
#ifndef CD_JSONDOC_H
#define CD_JSONDOC_H

#include <jansson.h>
#include <stdio.h>

#include "claimdiff.h"
#include "compare.h"
#include "jsonw.h"

/* sources[] entry for the index-th source (id "s<index+1>"); doc may be NULL
 * when loading failed, err then says why. Returns a new reference. */
json_t *cd_json_source(size_t index, const char *origin, const cd_doc *doc, const char *err);
/* SENTENCE object for sentence i of doc (1-based "sentence" number). */
json_t *cd_json_sentence(size_t index, const cd_doc *doc, size_t i);
/* Its keys, written into the object open in w. */
void cd_jw_sentence_fields(cd_jw *w, size_t index, const cd_doc *doc, size_t i);
/* Add the per-sentence analysis to a SENTENCE object: "framing",
 * "attribution" {source, cue, verb} or null, "hedges", "loaded" (the words
 * as written), "quotes" [{text, speaker}], "numbers" [{text, value, unit}],
 * "dates" and "entities" [{text, value}]. info NULL adds nothing. */
void cd_json_add_info(json_t *sentence, const cd_sentence_info *info);
/* The same keys, written into the object open in w. */
void cd_jw_info_fields(cd_jw *w, const cd_sentence_info *info);
/* The whole document of the index-th source: the sources[] entry plus
 * "canonical", "paragraphs" [{kind, line, text}] and "dropped_lines"
 * [{line, reason, text}] — what `extract -f json` prints and what a saved
 * document source reads back. */
json_t *cd_json_document(size_t index, const char *origin, const cd_doc *doc, const char *err);
/* Write v (taken over and freed) as json_dumps with flags would show it
 * inside a document where it sits `indent` spaces deep: every line after
 * its first is shifted right. Lets a big document be written piece by
 * piece with the bytes of one dump of the whole tree. */
bool cd_json_put_nested(FILE *f, json_t *v, int indent, size_t flags);

/* Pretty-print root to f with a final newline; false on a write error. */
bool cd_json_write(FILE *f, json_t *root);

#endif
