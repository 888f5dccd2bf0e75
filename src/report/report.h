/* report.h — the comparison reports (text, html, markdown, json, jsonl):
 * one file per format, one entry point each, chosen from cd_report_writers;
 * escaping, wrapping, colour and the order of claims shared in common.c.
 *
 * OWNERSHIP, in one sentence: a cd_rep borrows the options, the sources and
 * the comparison it is built on (they must outlive it) and owns only its own
 * arrays (names, order), freed by cd_rep_free. */
#ifndef CD_REPORT_H
#define CD_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "../cli.h"
#include "compare.h"
#include "../jsonw.h"

/* Everything a writer needs, computed once per run. */
typedef struct {
    const cd_options *o;
    const cd_source_set *set;
    const cd_comparison *cmp;
    const char **names;   /* display name per document: outlet, else origin */
    size_t *order;        /* group indices, most important first */
    size_t *strength;     /* per group: summed weight of its divergence kinds */
    size_t n_stories;
    bool color;           /* write SGR colour sequences (text only) */
    size_t width;         /* columns for the text report */
} cd_rep;

/* Build the view of cmp for the options o (colour decided from --color,
 * NO_COLOR, TERM and whether standard output is a terminal; width from
 * COLUMNS or the terminal, default 80). */
void cd_rep_init(cd_rep *r, const cd_options *o, const cd_source_set *set,
                 const cd_comparison *cmp);
void cd_rep_free(cd_rep *r);

/* The writers, indexed by cd_format; each returns false when writing failed.
 * ctx is the cd_rep. */
extern const cd_writer cd_report_writers[FMT_COUNT];
bool cd_report_text(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx);
bool cd_report_html(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx);
bool cd_report_markdown(FILE *f, const cd_options *o, const cd_source_set *set,
                        const void *ctx);
bool cd_report_json(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx);
bool cd_report_jsonl(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx);

/* Pieces of the claimdiff/1 JSON shared by json.c and jsonl.c (new
 * references): the head (schema, tool, params, sources, stories), a
 * SENTENCE with its analysis, the omissions and the counts by kind; groups
 * (rank: a group's place by importance) are only written, never built. */
json_t *cd_rep_json_head(const cd_rep *r);
json_t *cd_rep_json_sentence(const cd_rep *r, cd_align_ref ref);
/* The same sentence object written by w; a group's keys (id, story,
 * cross_story, rank, score, members, divergences) written into the object
 * open in w. */
void cd_rep_jw_sentence(cd_jw *w, const cd_rep *r, cd_align_ref ref);
void cd_rep_jw_group_fields(cd_jw *w, const cd_rep *r, size_t g, size_t rank);
json_t *cd_rep_json_omissions(const cd_rep *r);
json_t *cd_rep_json_counts(const cd_rep *r);

/* ------------------------------------------------------------ helpers */

/* The sentence ref as the comparison functions see it. */
void cd_rep_member(const cd_rep *r, cd_align_ref ref, cd_member *out);
/* The analysis of sentence ref, or NULL when there is none. */
const cd_sentence_info *cd_rep_info(const cd_rep *r, cd_align_ref ref);
/* The sentence text of ref (not NUL-terminated) and its length. */
const char *cd_rep_sentence(const cd_rep *r, cd_align_ref ref, size_t *len);
/* The wording divergence of group g that has a side for member m (its diff
 * ops against the base), or NULL. */
const cd_div_side *cd_rep_wording_side(const cd_rep *r, size_t g, size_t m, size_t *base);
/* The member group g's word diffs are taken against ("compared with
 * this"), or SIZE_MAX when the group has no wording divergence. */
size_t cd_rep_group_base(const cd_rep *r, size_t g);
/* Bit set of the divergence kinds group g shows. */
unsigned cd_rep_kinds(const cd_rep *r, size_t g);
/* Number of documents of story t (failed ones not counted). */
size_t cd_rep_story_size(const cd_rep *r, size_t t);

/* A piece of a member's sentence as the text formats show it: SAME text of
 * the member, ADD words only it has, DEL words of the base it lacks. */
typedef struct {
    const char *s;
    size_t n;
    cd_diff_kind kind;
} cd_piece;
/* The pieces of member m of group g against the group's base (the wording
 * divergence's); DEL pieces only when with_del. Without a diff (the base
 * itself, or no wording divergence) one SAME piece. *same gets the share of
 * the member's non-space bytes that are SAME (1 without a diff). Returns the
 * count; *out is malloc'd. */
size_t cd_rep_pieces(const cd_rep *r, size_t g, size_t m, bool with_del, cd_piece **out,
                     double *same);

/* The same for any two members: b's sentence with the diff ops of a
 * against b (cd_wdiff's); ops NULL gives b whole. */
size_t cd_diff_pieces(const cd_member *a, const cd_member *b, const cd_diff_op *ops,
                      size_t n_ops, bool with_del, cd_piece **out, double *same);

/* Per-byte marks of member m's sentence for the HTML report. */
enum { MARK_DIFF = 1, MARK_LOADED = 2, MARK_HEDGE = 4, MARK_QUOTE = 8 };
/* A malloc'd array of the sentence's length: MARK_DIFF on words that differ
 * from the base (for the base, words some other member lacks), MARK_LOADED
 * and MARK_HEDGE on the analysis' loaded words and hedges, MARK_QUOTE on
 * quotes a quote divergence names. */
unsigned char *cd_rep_marks(const cd_rep *r, size_t g, size_t m);

/* One word for each framing, and one sentence explaining it (the legends). */
const char *cd_framing_badge(cd_framing f);
const char *cd_framing_explain(cd_framing f);

/* Text of s[0..n) with line breaks as spaces and every control character,
 * escape sequence (CSI, OSC up to BEL or ST) and invalid UTF-8 dropped;
 * appended to b. What every text-like format writes from article text. */
void cd_rep_clean(cd_buf *b, const char *s, size_t n);
/* HTML-escape s[0..n) (after cd_rep_clean) onto f: & < > " ' become
 * entities, so nothing in article text can open a tag or an attribute. */
void cd_html_put(FILE *f, const char *s, size_t n);
void cd_html_puts(FILE *f, const char *s);
/* Markdown: s[0..n) cleaned, with the characters that start markup (\ ` * _
 * [ ] < > # | ~) backslash-escaped. */
void cd_md_put(FILE *f, const char *s, size_t n);
/* Display width of the valid UTF-8 s[0..n) (East Asian wide characters 2,
 * combining marks 0). */
size_t cd_text_width(const char *s, size_t n);

/* Word wrapping for the text report: pieces are added with a style, lines
 * broken at spaces (never inside a UTF-8 character; a word longer than the
 * line is broken at a character boundary), every line after the first
 * indented by indent columns. Styles map to SGR sequences when colour is on. */
typedef enum { ST_PLAIN, ST_DEL, ST_ADD, ST_BADGE, ST_DIM, ST_BOLD, ST_WARN } cd_style;
typedef struct {
    FILE *f;
    bool color;
    size_t width, indent, col;
    bool line_empty; /* nothing but the indent on the current line */
    bool space;      /* a space is due before the next word */
    cd_buf word;     /* the pending word, with its SGR codes */
    size_t word_w;   /* its display width */
    cd_style cur;    /* style open in the word */
} cd_wrap;
void cd_wrap_start(cd_wrap *w, FILE *f, bool color, size_t width, size_t indent,
                   size_t col);
/* Add cleaned text s[0..n) in style st; markers (e.g. "[-") are written
 * around it when colour is off and st is ST_DEL or ST_ADD. */
void cd_wrap_add(cd_wrap *w, const char *s, size_t n, cd_style st);
void cd_wrap_puts(cd_wrap *w, const char *s, cd_style st);
/* A break opportunity (a space) between two pieces. */
void cd_wrap_space(cd_wrap *w);
/* End the paragraph with a newline. */
void cd_wrap_end(cd_wrap *w);

#endif
