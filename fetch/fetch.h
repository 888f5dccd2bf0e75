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
#define CD_DEFAULT_MAX_TOTAL_BYTES (64u * 1024u * 1024u) /* all sources of a run */
#define CD_MAX_TOTAL_BYTES_LIMIT (4096ull * 1024u * 1024u) /* the largest --max-total-bytes */
#define CD_DEFAULT_MAX_SENTENCES 20000u /* per source: the first ones are kept */
#define CD_DEFAULT_MAX_DEPTH 256u       /* HTML elements, JSON arrays/objects */
#define CD_MAX_DEPTH_LIMIT 1024u        /* the largest --max-depth */

typedef struct {
    size_t max_bytes;          /* bytes read per source; 0 = CD_DEFAULT_MAX_BYTES */
    size_t max_total_bytes;    /* bytes read (and downloaded) for all sources of a
                                * run together; 0 = CD_DEFAULT_MAX_TOTAL_BYTES.
                                * Sources past it are errors */
    size_t max_sentence_bytes; /* 0 = CD_MAX_SENTENCE_BYTES */
    size_t max_sentences;      /* per source, 0 = CD_DEFAULT_MAX_SENTENCES; more
                                * are cut off with a warning on the document */
    size_t max_sources;        /* per run, 0 = CD_MAX_SOURCES */
    unsigned max_depth;        /* nesting of HTML elements and of JSON in
                                * manifests and saved documents, 0 =
                                * CD_DEFAULT_MAX_DEPTH (at most CD_MAX_DEPTH_LIMIT) */
    bool no_clean;             /* keep every line of text input */
    /* URLs (see fetch/net.h for the defaults) */
    long timeout_s;            /* per request; 0 = default */
    int jobs;                  /* concurrent downloads; 0 = default */
    const char *cache_dir;     /* NULL = $XDG_CACHE_HOME/claimdiff */
    bool offline, refresh, progress;
    bool allow_private;        /* fetch from non-global addresses too (--allow-private) */
} cd_load_opts;

/* Load SOURCE ("-" for stdin, else a file path), decode it to clean UTF-8,
 * drop site furniture (unless opts->no_clean), segment and tokenise it.
 * outlet, when not NULL, names the outlet (from --label); otherwise the
 * file name without its extension is used. Returns NULL on failure with *err
 * set to a one-line message such as "No such file or directory" (without the
 * "claimdiff: error: SOURCE: " prefix the caller adds). */
cd_doc *cd_source_load(const char *source, const char *outlet,
                       const cd_load_opts *opts, char **err);

/* Read SOURCE ("-" or a path) into out, at most max bytes (0: the default).
 * False with *err ("No such file or directory", "is a directory", "larger
 * than the 10 MiB limit (see --max-bytes)") on failure. */
bool cd_source_read(const char *source, size_t max, cd_buf *out, char **err);

/* The same for a file a manifest names: only a regular file (a FIFO or a
 * device would block or never end) whose real path, symbolic links
 * resolved, lies under folder (the real path of the manifest's folder).
 * Otherwise false with *err "outside the manifest's folder: …" or "not a
 * regular file: …". */
bool cd_source_read_within(const char *path, const char *folder, size_t max, cd_buf *out,
                           char **err);

/* The same as cd_source_load, from bytes already read (which it frees);
 * origin names them in messages; http_charset (may be NULL) is the charset
 * an HTTP server declared. The kind is decided from the bytes: HTML, a
 * saved document (JSON), else text. */
cd_doc *cd_source_load_owned(const char *origin, cd_buf *data, const char *http_charset,
                             const char *outlet, const cd_load_opts *opts, char **err);

/* Where the content of raw bytes starts: after a UTF-8 BOM and leading
 * white space (used to sniff HTML and JSON sources). */
size_t cd_content_start(const char *bytes, size_t len);

/* ---------------------------------------------------------- sourceset.c */

/* A --label NAME=SOURCE pair. */
typedef struct {
    const char *name, *source;
} cd_label;

/* The documents of one run, in the order of the arguments (a manifest
 * stands for its entries). All arrays have n entries and are owned by the
 * set; exactly one of docs[i] and errors[i] is set. */
typedef struct {
    size_t n;
    char **origins;
    cd_doc **docs;
    char **errors;
} cd_source_set;

/* Resolve and load every argument: URLs, files, "-" (read once), manifests
 * (expanded), saved documents. One bad source never stops the others. */
void cd_sources_load(char *const *args, size_t n_args, const cd_label *labels,
                     size_t n_labels, const cd_load_opts *opts, cd_source_set *set);
void cd_source_set_free(cd_source_set *set);

/* ----------------------------------------------------------- manifest.c */

#define CD_MAX_SOURCES 5000u         /* sources read in one run (default) */
#define CD_MAX_SOURCES_LIMIT 100000u /* the largest --max-sources */

/* One source to read: a URL, a path or "-". */
typedef struct {
    char *origin; /* as given, or as the manifest names it (paths resolved) */
    char *outlet; /* from the manifest, or NULL */
    char *error;  /* set when the entry itself is unusable */
} cd_source_spec;

/* Does a JSON source start here (a manifest or a saved document)? */
bool cd_json_source_sniff(const char *bytes, size_t len);

/* Read a manifest {"sources": [{"url"|"path": "...", "outlet": "...",
 * "label": "..."}]} (paths relative to the manifest's folder). Returns true
 * with *n == 0 when the JSON is not a manifest (e.g. a saved document);
 * false with *err for malformed JSON, JSON nested deeper than
 * opts->max_depth, more entries than opts->max_sources or a bad manifest
 * (opts may be NULL: the defaults). The specs are malloc'd; free with
 * cd_source_specs_free. */
bool cd_manifest_read(const char *origin, const char *bytes, size_t len,
                      const cd_load_opts *opts, cd_source_spec **specs, size_t *n, char **err);
void cd_source_specs_free(cd_source_spec *specs, size_t n);

/* A document saved by `claimdiff extract -f json` (one source), not yet
 * analysed. NULL with *err when it is not one (or nested deeper than
 * opts->max_depth; opts may be NULL). */
cd_doc *cd_doc_from_json(const char *origin, const char *bytes, size_t len,
                         const char *outlet, const cd_load_opts *opts, char **err);

/* ------------------------------------------------ html.c, extract.c, meta.c */

/* A parsed HTML page (opaque; fetch/html.h has the inside for fetch/). */
typedef struct cd_html cd_html;

/* Parse an HTML page with libxml2 (recover, no network, no entities). The
 * charset comes from a BOM, then http_charset (the Content-Type header, may
 * be NULL), then <meta charset> / http-equiv in the first 16 KiB, then UTF-8
 * when the bytes are valid UTF-8, else windows-1252 (as browsers do).
 * Returns NULL with *err set (malloc'd, one line) when nothing could be
 * parsed. Free with cd_html_free. */
cd_html *cd_html_parse(const char *bytes, size_t len, const char *http_charset, char **err);
/* The same with elements nested at most max_depth deep (0: the default,
 * CD_DEFAULT_MAX_DEPTH; at most CD_MAX_DEPTH_LIMIT): a deeper element ends
 * the parse, the page read so far is kept and *too_deep (may be NULL) is set. */
cd_html *cd_html_parse_capped(const char *bytes, size_t len, const char *http_charset,
                              unsigned max_depth, bool *too_deep, char **err);
/* Set libxml2's process-wide nesting limit to max_depth (0: the default)
 * before pages are parsed on several threads, so that they only read it. */
void cd_html_set_max_depth(unsigned max_depth);
void cd_html_free(cd_html *h);

/* Find the article body of the page and add it to doc: the title (kind
 * CD_PARA_TITLE) when the page has one, then headings, paragraphs, block
 * quotes and list items of the body in order, as UTF-8 NFC text. Captions,
 * related-story lists, share and newsletter boxes, comments are left out.
 * Returns the number of paragraphs added (0: no article text found). */
size_t cd_html_extract(const cd_html *h, cd_doc *doc);

/* Read the page's metadata into doc: title, byline (authors joined by ", "),
 * published (YYYY-MM-DD), canonical URL and, when set_outlet is true, the
 * outlet (publisher / og:site_name). JSON-LD (NewsArticle, Article, also in
 * @graph and arrays) first, then OpenGraph and other meta tags, then
 * <title>, <h1>, <time datetime>. Never fails; missing fields stay NULL. */
void cd_html_meta(const cd_html *h, cd_doc *doc, bool set_outlet);

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
