/* html.c — parse an HTML page into a libxml2 tree, always UTF-8.
 *
 * The bytes are decoded by us, not by libxml2, so that the charset rules are
 * ours and the parser never switches encoding half-way through the page:
 *   1. a byte-order mark (UTF-8, UTF-16LE/BE) — it wins, as in the WHATWG
 *      encoding sniffing algorithm;
 *   2. the charset of the HTTP Content-Type header (http_charset);
 *   3. <meta charset=…> or <meta http-equiv="Content-Type" content="…charset=…">
 *      found by a pre-scan of the first 16 KiB;
 *   4. otherwise UTF-8 when the bytes are valid UTF-8, else windows-1252.
 * ISO-8859-1 and US-ASCII labels are read as windows-1252 (WHATWG does the
 * same). Other charsets go through iconv; a label iconv does not know falls
 * back to rule 4. Invalid sequences become U+FFFD; NUL bytes are dropped.
 * libxml2 then parses UTF-8 with recovery on, no network, no entity loading,
 * and its own limits kept (no HTML_PARSE_HUGE). Its nesting limit
 * (xmlParserMaxDepth, a global) is set to our --max-depth for the parse: an
 * element deeper than that stops the parser, the page up to there is kept
 * and the caller is told (too_deep).
 */
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

static void decode_cp1252(const unsigned char *s, size_t len, cd_buf *out)
{
    cd_buf_reserve(out, len + len / 2 + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == 0)
            continue;
        if (c < 0x80)
            cd_buf_putc(out, (char)c);
        else
            cd_buf_put_cp(out, cd_cp1252_decode(c));
    }
}

/* Valid UTF-8 with invalid sequences replaced and NULs dropped. */
static void decode_utf8(const char *s, size_t len, cd_buf *out)
{
    cd_buf tmp = {0};
    if (cd_utf8_valid(s, len)) {
        cd_buf_append(&tmp, s, len);
    } else {
        cd_utf8_repair(s, len, &tmp);
    }
    if (tmp.len && memchr(tmp.data, 0, tmp.len)) {
        size_t j = 0;
        for (size_t i = 0; i < tmp.len; i++)
            if (tmp.data[i])
                tmp.data[j++] = tmp.data[i];
        tmp.len = j;
        tmp.data[j] = '\0';
    }
    cd_buf_append(out, tmp.data ? tmp.data : "", tmp.len);
    cd_buf_free(&tmp);
}

/* Any other charset through iconv; false when iconv does not know it. */
static bool decode_iconv(const char *charset, const char *s, size_t len, cd_buf *out)
{
    iconv_t cv = iconv_open("UTF-8", charset);
    if (cv == (iconv_t)-1)
        return false;
    cd_buf tmp = {0};
    char *in = (char *)s;
    size_t inleft = len;
    char chunk[4096];
    while (inleft > 0) {
        char *o = chunk;
        size_t oleft = sizeof chunk;
        size_t r = iconv(cv, &in, &inleft, &o, &oleft);
        cd_buf_append(&tmp, chunk, (size_t)(o - chunk));
        if (r == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ or EINVAL (truncated at the end): skip one byte. */
            cd_buf_put_cp(&tmp, CD_REPLACEMENT_CHAR);
            in++;
            inleft--;
        }
    }
    iconv_close(cv);
    decode_utf8(tmp.data ? tmp.data : "", tmp.len, out);
    cd_buf_free(&tmp);
    return true;
}

typedef enum { CS_UNKNOWN, CS_UTF8, CS_CP1252, CS_UTF16LE, CS_UTF16BE, CS_OTHER } cs_kind;

/* Classify a charset label (already trimmed); copies it lower-cased to name. */
static cs_kind classify(const char *label, size_t n, char *name, size_t cap)
{
    while (n && (isspace((unsigned char)*label) || *label == '"' || *label == '\'')) {
        label++;
        n--;
    }
    while (n && (isspace((unsigned char)label[n - 1]) || label[n - 1] == '"' ||
                 label[n - 1] == '\''))
        n--;
    if (n == 0 || n >= cap)
        return CS_UNKNOWN;
    for (size_t i = 0; i < n; i++)
        name[i] = (char)tolower((unsigned char)label[i]);
    name[n] = '\0';
    static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"};
    static const char *const w1252[] = {"windows-1252", "cp1252", "x-cp1252", "iso-8859-1",
                                        "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii",
                                        "ascii", "ansi_x3.4-1968", "cp819", "ibm819",
                                        "iso-ir-100", "csisolatin1"};
    for (size_t i = 0; i < sizeof utf8 / sizeof *utf8; i++)
        if (!strcmp(name, utf8[i]))
            return CS_UTF8;
    for (size_t i = 0; i < sizeof w1252 / sizeof *w1252; i++)
        if (!strcmp(name, w1252[i]))
            return CS_CP1252;
    /* A page that calls itself UTF-16 in an ASCII-compatible meta is UTF-8. */
    if (!strncmp(name, "utf-16", 6) || !strncmp(name, "utf16", 5))
        return CS_UTF8;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)name[i]) && !strchr("-_.:", name[i]))
            return CS_UNKNOWN;
    return CS_OTHER;
}

static bool ieq_prefix(const char *s, const char *end, const char *lit)
{
    for (; *lit; s++, lit++)
        if (s >= end || tolower((unsigned char)*s) != *lit)
            return false;
    return true;
}

/* Pre-scan for a charset declared in a <meta> tag; returns its label span. */
static bool meta_charset(const char *s, size_t len, const char **lab, size_t *lablen)
{
    const char *end = s + (len < 16384 ? len : 16384);
    for (const char *p = s; p + 5 < end; p++) {
        if (*p == '<' && p[1] == '!' && p + 3 < end && p[2] == '-' && p[3] == '-') {
            const char *c = p + 4;
            while (c + 2 < end && !(c[0] == '-' && c[1] == '-' && c[2] == '>'))
                c++;
            p = c;
            continue;
        }
        if (*p != '<' || !ieq_prefix(p + 1, end, "meta"))
            continue;
        const char *q = p + 5;
        if (q < end && !isspace((unsigned char)*q) && *q != '/')
            continue;
        const char *tag_end = memchr(q, '>', (size_t)(end - q));
        if (!tag_end)
            return false;
        for (const char *c = q; c + 7 <= tag_end; c++) {
            if (!ieq_prefix(c, tag_end, "charset"))
                continue;
            const char *v = c + 7;
            while (v < tag_end && isspace((unsigned char)*v))
                v++;
            if (v >= tag_end || *v != '=')
                continue;
            v++;
            while (v < tag_end && (isspace((unsigned char)*v) || *v == '"' || *v == '\''))
                v++;
            const char *e = v;
            while (e < tag_end && (isalnum((unsigned char)*e) || strchr("-_.:", *e)))
                e++;
            if (e > v) {
                *lab = v;
                *lablen = (size_t)(e - v);
                return true;
            }
        }
        p = tag_end;
    }
    return false;
}

/* Decode the page to UTF-8 in out; returns the name of the charset used. */
static const char *to_utf8(const char *bytes, size_t len, const char *http_charset,
                           cd_buf *out, char *name, size_t cap)
{
    const unsigned char *u = (const unsigned char *)bytes;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        decode_utf8(bytes + 3, len - 3, out);
        return "UTF-8";
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        const char *cs = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        if (decode_iconv(cs, bytes + 2, len - 2, out))
            return cs;
    }
    const char *lab = NULL;
    size_t lablen = 0;
    cs_kind k = CS_UNKNOWN;
    if (http_charset)
        k = classify(http_charset, strlen(http_charset), name, cap);
    if (k == CS_UNKNOWN && meta_charset(bytes, len, &lab, &lablen))
        k = classify(lab, lablen, name, cap);
    switch (k) {
    case CS_UTF8:
        decode_utf8(bytes, len, out);
        return "UTF-8";
    case CS_CP1252:
        decode_cp1252(u, len, out);
        return "windows-1252";
    case CS_OTHER:
        if (decode_iconv(name, bytes, len, out))
            return name;
        break;
    default:
        break;
    }
    if (cd_utf8_valid(bytes, len)) {
        decode_utf8(bytes, len, out);
        return "UTF-8";
    }
    decode_cp1252(u, len, out);
    return "windows-1252";
}

cd_html *cd_html_parse(const char *bytes, size_t len, const char *http_charset, char **err)
{
    return cd_html_parse_capped(bytes, len, http_charset, 0, NULL, err);
}

/* Parse UTF-8 text with libxml2, elements nested at most max_depth deep. */
static htmlDocPtr parse_utf8(const char *text, int len, int opts, unsigned max_depth,
                             bool *too_deep)
{
    *too_deep = false;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    /* libxml2 2.9 keeps the limit in a process-wide variable: set, never
     * put back, and set before any thread parses (cd_html_set_max_depth),
     * so that parallel parses only read it */
    if (xmlParserMaxDepth != max_depth)
        xmlParserMaxDepth = max_depth;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, text, len, NULL, "UTF-8", opts);
    /* libxml2 reports the limit as "Excessive depth in document" */
    const xmlError *e = &ctxt->lastError;
    *too_deep = e->code == XML_ERR_INTERNAL_ERROR && e->message &&
                strstr(e->message, "depth") != NULL;
    htmlFreeParserCtxt(ctxt);
    return doc;
}

static unsigned effective_depth(unsigned max_depth)
{
    if (!max_depth)
        max_depth = CD_DEFAULT_MAX_DEPTH;
    return max_depth > CD_MAX_DEPTH_LIMIT ? CD_MAX_DEPTH_LIMIT : max_depth;
}

void cd_html_set_max_depth(unsigned max_depth)
{
    xmlInitParser();
    xmlParserMaxDepth = effective_depth(max_depth);
}

cd_html *cd_html_parse_capped(const char *bytes, size_t len, const char *http_charset,
                              unsigned max_depth, bool *too_deep, char **err)
{
    *err = NULL;
    bool deep = false;
    if (too_deep)
        *too_deep = false;
    max_depth = effective_depth(max_depth);
    if (len > INT32_MAX) {
        *err = cd_xstrdup("page too large to parse");
        return NULL;
    }
    cd_buf text = {0};
    char name[64];
    const char *cs = to_utf8(bytes ? bytes : "", bytes ? len : 0, http_charset, &text,
                             name, sizeof name);
    cd_html *h = cd_xcalloc(1, sizeof *h);
    h->charset = cd_xstrdup(cs);
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
               HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC;
    if (text.len > INT32_MAX) {
        free(h->charset);
        free(h);
        cd_buf_free(&text);
        *err = cd_xstrdup("page too large to parse");
        return NULL;
    }
    if (text.len)
        h->doc = parse_utf8(text.data, (int)text.len, opts, max_depth, &deep);
    cd_buf_free(&text);
    if (too_deep)
        *too_deep = deep;
    if (!h->doc)
        h->doc = htmlNewDocNoDtD(NULL, NULL); /* an empty page is still a page */
    if (!h->doc) {
        free(h->charset);
        free(h);
        *err = cd_xstrdup("could not parse the HTML");
        return NULL;
    }
    return h;
}

void cd_html_free(cd_html *h)
{
    if (!h)
        return;
    if (h->doc)
        xmlFreeDoc(h->doc);
    free(h->charset);
    free(h);
}
