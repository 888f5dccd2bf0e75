/*
 * claimdiff.h — the ground floor: the document model and the text primitives.
 *
 * Everything above (fetch/, compare/, src/) includes this header and nothing
 * below it. Functions are cd_<module>_<verb>.
 *
 * OWNERSHIP, in one sentence: a cd_doc owns every string, paragraph, sentence
 * and token reachable from it; all of them are freed by cd_doc_free() and stay
 * valid (and unchanged) until then; setters copy their arguments.
 *
 * Memory exhaustion is not reported through return values: the allocation
 * wrappers (cd_xmalloc & co.) print "claimdiff: error: out of memory" and exit
 * with status 4. Every other error is returned.
 */
#ifndef CLAIMDIFF_H
#define CLAIMDIFF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ memory */

/* Report "out of memory" and exit with status 4. */
_Noreturn void cd_die_oom(void);
void *cd_xmalloc(size_t n);
void *cd_xcalloc(size_t n, size_t size);
void *cd_xrealloc(void *p, size_t n);
char *cd_xstrndup(const char *s, size_t n);
char *cd_xstrdup(const char *s);
/* A size for messages: "10 MiB", "512 KiB", "1000 bytes". */
void cd_human_size(size_t n, char *out, size_t cap);

/* strcmp's order, with the first two bytes compared before any call: the
 * lookups in sorted word lists (binary searches over short words) mostly
 * decide there. */
static inline int cd_strcmp(const char *a, const char *b)
{
    unsigned char x = (unsigned char)a[0], y = (unsigned char)b[0];
    if (x != y || x == 0)
        return (int)x - (int)y;
    x = (unsigned char)a[1], y = (unsigned char)b[1];
    if (x != y || x == 0)
        return (int)x - (int)y;
    return strcmp(a + 2, b + 2);
}

/* A growable byte buffer, always NUL-terminated once anything was appended.
 * Zero-initialise ({0}) before use; the caller frees with cd_buf_free(). */
typedef struct {
    char *data;
    size_t len, cap;
} cd_buf;

void cd_buf_reserve(cd_buf *b, size_t extra);
void cd_buf_append(cd_buf *b, const char *s, size_t n);
void cd_buf_puts(cd_buf *b, const char *s);
void cd_buf_putc(cd_buf *b, char c);
/* Append the UTF-8 encoding of code point cp (invalid cp -> U+FFFD). */
void cd_buf_put_cp(cd_buf *b, uint32_t cp);
void cd_buf_printf(cd_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cd_buf_vprintf(cd_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Give up ownership of the bytes (NUL-terminated, never NULL); b is reset. */
char *cd_buf_steal(cd_buf *b);
void cd_buf_free(cd_buf *b);

/* A bump allocator: many small allocations, freed all at once. */
typedef struct cd_arena cd_arena;
cd_arena *cd_arena_new(void);
void *cd_arena_alloc(cd_arena *a, size_t n); /* 8-byte aligned, never NULL */
char *cd_arena_strndup(cd_arena *a, const char *s, size_t n);
void cd_arena_free(cd_arena *a);

/* ------------------------------------------------------------------- UTF-8 */

#define CD_REPLACEMENT_CHAR 0xFFFDu

/* Decode one code point from s[0..len). Returns the number of bytes consumed
 * (>= 1 when len > 0). An invalid byte, or the valid start of a truncated
 * sequence ("E2 80" then no continuation), is consumed whole and yields one
 * U+FFFD with *valid = false (Unicode's "maximal subpart" practice). Overlongs, surrogates and values above
 * U+10FFFF are invalid. */
size_t cd_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp, bool *valid);
/* Number of code points in s[0..len), counting each invalid sequence (as
 * cd_utf8_decode delimits it) as one. */
size_t cd_utf8_count(const char *s, size_t len);
/* Length of the run of ASCII bytes at the start of s[0..len) (eight bytes
 * at a time). */
size_t cd_utf8_ascii_run(const char *s, size_t len);
/* True when s[0..len) is valid UTF-8. */
bool cd_utf8_valid(const char *s, size_t len);
/* Append s to out with every invalid sequence (as cd_utf8_decode delimits
 * it) replaced by U+FFFD. Returns the number of replacements made. */
size_t cd_utf8_repair(const char *s, size_t len, cd_buf *out);

/* ------------------------------------------------------- decoding of input */

typedef enum {
    CD_ENC_UTF8,
    CD_ENC_UTF8_BOM,
    CD_ENC_UTF16LE,
    CD_ENC_UTF16BE,
    CD_ENC_CP1252 /* fallback for input that is not UTF-8 at all */
} cd_encoding;

typedef struct {
    cd_encoding encoding;
    size_t invalid;  /* invalid sequences replaced by U+FFFD */
    size_t nul;      /* NUL bytes removed */
    size_t controls; /* other C0/C1 control characters removed */
    bool binary;     /* looked like binary data: nothing was decoded */
} cd_decode_info;

/* Turn raw bytes of a text file into clean UTF-8 text: BOM sniffing (UTF-8,
 * UTF-16LE/BE), Windows-1252 fallback for input with no valid multi-byte UTF-8
 * and some invalid bytes, invalid sequences -> U+FFFD, CRLF and CR -> LF, NUL
 * and control characters (except TAB, LF and FF) removed, NFC. Appends to out.
 * Returns false (and sets info->binary) when the bytes look like binary data
 * (a known binary signature, or many NUL/control bytes); out is then untouched. */
bool cd_text_decode(const char *bytes, size_t len, cd_buf *out, cd_decode_info *info);

const char *cd_encoding_name(cd_encoding e);

/* The code point of a Windows-1252 byte (U+FFFD for its five undefined
 * bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D). */
uint32_t cd_cp1252_decode(unsigned char c);

/* -------------------------------------------------------------- normalising */

/* Append the NFC form of valid UTF-8 s[0..len) to out. */
void cd_nfc(const char *s, size_t len, cd_buf *out);

/* Append the matching form of s[0..len) to out: NFKC, case-folded, with
 * typography folded — curly and angle quotes to ' or ", every dash and minus
 * to '-', NBSP and other spaces to ' ', soft hyphen and zero-width
 * characters removed. Used for comparing, never for display. */
void cd_fold(const char *s, size_t len, cd_buf *out);

/* -------------------------------------------------------------- segmenting */

typedef struct {
    size_t start, end; /* byte offsets, end exclusive */
    bool cut;          /* ended by the length cap, not by a boundary */
} cd_span;

typedef struct {
    cd_span *v;
    size_t n, cap;
} cd_spans;

void cd_spans_push(cd_spans *s, size_t start, size_t end, bool cut);
void cd_spans_free(cd_spans *s);

/* Default cap on one sentence, in bytes: a longer run without a boundary is
 * cut at the last space (or character) before the cap. */
#define CD_MAX_SENTENCE_BYTES 8192

/* Split text[0..len) (valid UTF-8, LF line ends) into sentences for news
 * English and append their spans to out, trimmed of surrounding white space;
 * empty sentences are never produced. Blank lines always end a sentence; a
 * single line break ends one unless the line was merely wrapped. max_bytes 0
 * means CD_MAX_SENTENCE_BYTES. Returns the number of sentences that had to be
 * cut at the cap. */
size_t cd_segment(const char *text, size_t len, size_t max_bytes, cd_spans *out);

/* ---------------------------------------------------------------- tokens */

typedef enum {
    CD_TOK_WORD,   /* letters, inner apostrophes, dotted abbreviations (U.S.); hyphens split */
    CD_TOK_NUMBER, /* kept whole: $35,000,000  79th  24-year  1.5bn  06/12/23 */
    CD_TOK_PUNCT   /* any other non-space character, one per token */
} cd_token_kind;

/* What every occurrence of one surface form shares; interned, so equal
 * surfaces give the same pointer within one tokenizer's strings. */
typedef struct {
    const char *norm;   /* matching form (cd_fold), NUL-terminated */
    const char *stem;   /* English Snowball stem of norm; norm for non-words */
    cd_token_kind kind;
} cd_form;

/* 16 bytes: documents are capped well below 4 GiB (CD_MAX_DOC_BYTES). */
typedef struct {
    uint32_t start, len; /* bytes in the document text */
    const cd_form *form;
} cd_token;

#define CD_MAX_DOC_BYTES (1u << 30) /* the largest text a document may hold */

/* --------------------------------------------------------- the document */

typedef enum {
    CD_PARA_BODY,    /* running text */
    CD_PARA_TITLE,   /* the article's headline */
    CD_PARA_HEADING, /* a subheading inside the article */
    CD_PARA_LIST     /* a list item */
} cd_para_kind;

typedef struct {
    size_t start, end; /* bytes in the document text */
    cd_para_kind kind;
    size_t line;       /* 1-based line of the input it came from, 0 unknown */
} cd_paragraph;

typedef struct {
    size_t start, end;          /* byte span in cd_doc_text(), end exclusive */
    size_t cp_start, cp_end;    /* the same span in code points */
    size_t tok_first, tok_count;/* tokens [tok_first, tok_first + tok_count) */
    size_t paragraph;           /* index into the paragraphs */
    bool cut;                   /* ended by the sentence-length cap */
} cd_sentence;

typedef struct {
    size_t line;        /* 1-based input line */
    const char *text;   /* the line as read */
    const char *reason; /* why it was left out ("share plea", "repeat", …) */
} cd_dropped;

typedef struct cd_doc cd_doc;

/* A new, empty document; origin is the source as the user gave it. */
cd_doc *cd_doc_new(const char *origin);
void cd_doc_free(cd_doc *doc);

/* Metadata (copied; NULL clears). published is "YYYY-MM-DD". */
void cd_doc_set_outlet(cd_doc *doc, const char *s);
void cd_doc_set_title(cd_doc *doc, const char *s);
void cd_doc_set_byline(cd_doc *doc, const char *s);
void cd_doc_set_published(cd_doc *doc, const char *s);
void cd_doc_set_canonical(cd_doc *doc, const char *s); /* the page's canonical URL */

const char *cd_doc_origin(const cd_doc *doc);
const char *cd_doc_outlet(const cd_doc *doc);    /* NULL when unknown */
const char *cd_doc_title(const cd_doc *doc);     /* NULL when unknown */
const char *cd_doc_byline(const cd_doc *doc);    /* NULL when unknown */
const char *cd_doc_published(const cd_doc *doc); /* NULL when unknown */
const char *cd_doc_canonical(const cd_doc *doc); /* NULL when unknown */

/* Append one paragraph of valid UTF-8 text (no blank lines inside; single
 * line breaks allowed). Paragraphs are joined by one blank line in the text.
 * Only before cd_doc_analyse(). */
void cd_doc_add_paragraph(cd_doc *doc, const char *s, size_t len,
                          cd_para_kind kind, size_t line);
/* Record a line of input left out of the text (counted in "dropped"). */
void cd_doc_add_dropped(cd_doc *doc, size_t line, const char *s, size_t len,
                        const char *reason);
/* Record a warning about this source (e.g. "3 invalid UTF-8 sequences replaced"). */
void cd_doc_add_warning(cd_doc *doc, const char *msg);

/* Segment every paragraph into sentences and tokenise them. max_sentence_bytes
 * 0 means the default. Call once, after the last paragraph. */
void cd_doc_analyse(cd_doc *doc, size_t max_sentence_bytes);

const char *cd_doc_text(const cd_doc *doc, size_t *len);
size_t cd_doc_paragraph_count(const cd_doc *doc);
const cd_paragraph *cd_doc_paragraph(const cd_doc *doc, size_t i);
size_t cd_doc_sentence_count(const cd_doc *doc);
const cd_sentence *cd_doc_sentence(const cd_doc *doc, size_t i);
size_t cd_doc_token_count(const cd_doc *doc);
const cd_token *cd_doc_token(const cd_doc *doc, size_t i);
size_t cd_doc_dropped_count(const cd_doc *doc);
const cd_dropped *cd_doc_dropped(const cd_doc *doc, size_t i);
size_t cd_doc_warning_count(const cd_doc *doc);
const char *cd_doc_warning(const cd_doc *doc, size_t i);

/* ------------------------------------------------------------ tokenising */

/* A tokenizer holds the Snowball stemmer and a cache of surface forms. The
 * cd_form of each token (and its strings) live in the arena given to
 * cd_tokenizer_new, so they stay valid as long as that arena, not the
 * tokenizer. */
typedef struct cd_tokenizer cd_tokenizer;
cd_tokenizer *cd_tokenizer_new(cd_arena *strings);
void cd_tokenizer_free(cd_tokenizer *tk);

typedef struct {
    cd_token *v;
    size_t n, cap;
} cd_tokens;

/* Append the tokens of text[start..end) to out (offsets relative to text). */
void cd_tokenize(cd_tokenizer *tk, const char *text, size_t start, size_t end,
                 cd_tokens *out);
void cd_tokens_free(cd_tokens *t);

#ifdef __cplusplus
}
#endif
#endif
