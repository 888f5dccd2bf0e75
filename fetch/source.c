/* source.c — read a SOURCE (file or "-") into a cleaned, analysed cd_doc.
 *
 * Every failure is a one-line message for the caller to prefix with the
 * source name; nothing here prints. Reads are capped at max_bytes. */
#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static char *msg(const char *fmt, const char *a)
{
    cd_buf b = {0};
    cd_buf_printf(&b, fmt, a);
    return cd_buf_steal(&b);
}

static char *msg0(const char *text)
{
    return cd_xstrdup(text);
}

/* Read all of fd, at most max bytes; *too_big when there was more. */
static bool read_all(int fd, size_t max, cd_buf *out, bool *too_big, int *err)
{
    *too_big = false;
    for (;;) {
        cd_buf_reserve(out, 65536);
        size_t room = out->cap - out->len - 1;
        if (out->len + room > max + 1)
            room = max + 1 - out->len;
        ssize_t r = read(fd, out->data + out->len, room);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return false;
        }
        if (r == 0)
            break;
        out->len += (size_t)r;
        out->data[out->len] = '\0';
        if (out->len > max) {
            *too_big = true;
            return true;
        }
    }
    if (out->data)
        out->data[out->len] = '\0';
    return true;
}

/* The outlet name a source gives when nothing better is known: the host of
 * a URL (without "www."), else the file name without its extension. */
static char *outlet_from_path(const char *path)
{
    if (strcmp(path, "-") == 0)
        return cd_xstrdup("stdin");
    const char *host = strstr(path, "://");
    if (host) {
        host += 3;
        const char *at = strpbrk(host, "@/");
        if (at && *at == '@')
            host = at + 1;
        if (strncasecmp(host, "www.", 4) == 0)
            host += 4;
        size_t n = strcspn(host, ":/?#");
        return cd_xstrndup(host, n);
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return cd_xstrndup(base, n);
}

/* Do these bytes look like an HTML document (decided by content, never by
 * the file name)? A UTF-8 BOM and leading white space are skipped. */
size_t cd_content_start(const char *t, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < len && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t'))
        i++;
    return i;
}

static bool looks_like_html(const char *t, size_t len)
{
    size_t i = cd_content_start(t, len);
    if (i >= len || t[i] != '<')
        return false;
    static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body",
                                       "<!--", "<meta", "<div", "<p>", "<article",
                                       "<title", "<script", "<link", "<style"};
    for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
        size_t tl = strlen(tags[k]);
        if (len - i >= tl && strncasecmp(t + i, tags[k], tl) == 0)
            return true; /* bytes need not be NUL-terminated */
    }
    return false;
}

/* Decode raw bytes into text; false with *err set when they are not text. */
static bool decode(const char *bytes, size_t len, cd_buf *text, cd_decode_info *info,
                   char **err)
{
    if (len == 0) {
        *err = msg0("empty input");
        return false;
    }
    if (!cd_text_decode(bytes, len, text, info)) {
        *err = msg0("binary data, not text");
        return false;
    }
    return true;
}

/* Number of lines holding something other than white space. */
static size_t count_lines(const char *t, size_t len)
{
    size_t n = 0;
    bool content = false;
    for (size_t i = 0; i < len; i++) {
        if (t[i] == '\n') {
            n += content;
            content = false;
        } else if (t[i] != ' ' && t[i] != '\t' && t[i] != '\f') {
            content = true;
        }
    }
    return n + content;
}

/* Copy doc's metadata, dropped lines, warnings and text up to byte `end`
 * (paragraphs cut there) into a new document, not yet analysed. */
static cd_doc *doc_prefix(const cd_doc *doc, size_t end)
{
    cd_doc *d = cd_doc_new(cd_doc_origin(doc));
    cd_doc_set_outlet(d, cd_doc_outlet(doc));
    cd_doc_set_title(d, cd_doc_title(doc));
    cd_doc_set_byline(d, cd_doc_byline(doc));
    cd_doc_set_published(d, cd_doc_published(doc));
    cd_doc_set_canonical(d, cd_doc_canonical(doc));
    const char *text = cd_doc_text(doc, NULL);
    for (size_t i = 0; i < cd_doc_paragraph_count(doc); i++) {
        const cd_paragraph *p = cd_doc_paragraph(doc, i);
        if (p->start >= end)
            break;
        size_t e = p->end < end ? p->end : end;
        cd_doc_add_paragraph(d, text + p->start, e - p->start, p->kind, p->line);
    }
    for (size_t i = 0; i < cd_doc_dropped_count(doc); i++) {
        const cd_dropped *x = cd_doc_dropped(doc, i);
        cd_doc_add_dropped(d, x->line, x->text, strlen(x->text), x->reason);
    }
    for (size_t i = 0; i < cd_doc_warning_count(doc); i++)
        cd_doc_add_warning(d, cd_doc_warning(doc, i));
    return d;
}

/* Segment and tokenise doc; when it has more than the sentence cap, keep
 * the first ones (a new document, cut after the last kept sentence) with a
 * warning. Returns the document to use (doc itself, or its replacement). */
static cd_doc *analyse(cd_doc *doc, const cd_load_opts *opts)
{
    cd_doc_analyse(doc, opts->max_sentence_bytes);
    size_t max = opts->max_sentences ? opts->max_sentences : CD_DEFAULT_MAX_SENTENCES;
    size_t n = cd_doc_sentence_count(doc);
    /* a prefix of the text can segment a little differently at its end: cut
     * again until the cap holds (the text shrinks every time) */
    while (cd_doc_sentence_count(doc) > max) {
        cd_doc *d = doc_prefix(doc, cd_doc_sentence(doc, max - 1)->end);
        cd_doc_free(doc);
        doc = d;
        cd_doc_analyse(doc, opts->max_sentence_bytes);
    }
    if (n > max) {
        cd_buf b = {0};
        cd_buf_printf(&b, "%zu sentences: only the first %zu were kept (see --max-sentences)",
                      n, max);
        cd_doc_add_warning(doc, b.data);
        cd_buf_free(&b);
    }
    return doc;
}

/* Build the document from decoded text; frees text. */
static cd_doc *load_text(const char *origin, cd_buf *text, const cd_decode_info *info,
                         const char *outlet, const cd_load_opts *opts, char **err)
{
    size_t nonspace = 0;
    for (size_t i = 0; i < text->len && !nonspace; i++)
        nonspace = !(text->data[i] == ' ' || text->data[i] == '\n' || text->data[i] == '\t' ||
                     text->data[i] == '\f');
    if (!nonspace) {
        cd_buf_free(text);
        *err = msg0("no text (only white space or control characters)");
        return NULL;
    }
    cd_doc *doc = cd_doc_new(origin);
    char *fallback = outlet ? NULL : outlet_from_path(origin);
    cd_doc_set_outlet(doc, outlet ? outlet : fallback);
    free(fallback);

    cd_buf w = {0};
    if (info->encoding == CD_ENC_CP1252) { /* a guess: say so */
        cd_buf_printf(&w, "not UTF-8; decoded as %s", cd_encoding_name(info->encoding));
        cd_doc_add_warning(doc, w.data);
        w.len = 0;
    }
    if (info->invalid) {
        cd_buf_printf(&w, "%zu invalid UTF-8 sequence%s replaced by U+FFFD", info->invalid,
                      info->invalid == 1 ? "" : "s");
        cd_doc_add_warning(doc, w.data);
        w.len = 0;
    }
    if (info->nul || info->controls) {
        if (info->nul)
            cd_buf_printf(&w, "%zu NUL byte%s", info->nul, info->nul == 1 ? "" : "s");
        if (info->controls)
            cd_buf_printf(&w, "%s%zu control character%s", info->nul ? " and " : "",
                          info->controls, info->controls == 1 ? "" : "s");
        cd_buf_puts(&w, " removed");
        cd_doc_add_warning(doc, w.data);
        w.len = 0;
    }
    cd_buf_free(&w);

    size_t paras = opts->no_clean ? cd_text_keep_all(text->data, text->len, doc)
                                  : cd_textclean(text->data, text->len, doc);
    if (paras == 0) {
        size_t n = count_lines(text->data, text->len);
        cd_buf_free(text);
        cd_buf b = {0};
        cd_buf_printf(&b, "no article text found (all %zu line%s look like site furniture; "
                      "--no-clean keeps them)", n, n == 1 ? "" : "s");
        *err = cd_buf_steal(&b);
        cd_doc_free(doc);
        return NULL;
    }
    cd_buf_free(text);
    return analyse(doc, opts);
}

/* An HTML page: parse, metadata, article body, analysis. */
static cd_doc *load_html(const char *origin, const char *bytes, size_t len,
                         const char *http_charset, const char *outlet,
                         const cd_load_opts *opts, char **err)
{
    bool deep = false;
    cd_html *h = cd_html_parse_capped(bytes, len, http_charset, opts->max_depth, &deep, err);
    if (!h)
        return NULL;
    unsigned depth = opts->max_depth ? opts->max_depth : CD_DEFAULT_MAX_DEPTH;
    if (depth > CD_MAX_DEPTH_LIMIT)
        depth = CD_MAX_DEPTH_LIMIT;
    cd_doc *doc = cd_doc_new(origin);
    cd_html_meta(h, doc, outlet == NULL);
    if (outlet)
        cd_doc_set_outlet(doc, outlet);
    size_t paras = cd_html_extract(h, doc);
    cd_html_free(h);
    if (paras == 0) {
        cd_buf b = {0};
        if (deep)
            cd_buf_printf(&b, "no article text found in the page before its elements nest "
                          "deeper than %u (see --max-depth)", depth);
        else
            cd_buf_puts(&b, "no article text found in the page");
        *err = cd_buf_steal(&b);
        cd_doc_free(doc);
        return NULL;
    }
    if (deep) {
        cd_buf b = {0};
        cd_buf_printf(&b, "the page nests elements deeper than %u: only the part before that "
                      "was read (see --max-depth)", depth);
        cd_doc_add_warning(doc, b.data);
        cd_buf_free(&b);
    }
    if (!cd_doc_outlet(doc)) {
        char *fallback = outlet_from_path(origin);
        cd_doc_set_outlet(doc, fallback);
        free(fallback);
    }
    return analyse(doc, opts);
}

/* A saved document (claimdiff extract -f json). */
static cd_doc *load_json(const char *origin, const char *bytes, size_t len, const char *outlet,
                         const cd_load_opts *opts, char **err)
{
    cd_source_spec *specs;
    size_t n;
    if (!cd_manifest_read(origin, bytes, len, opts, &specs, &n, err))
        return NULL;
    if (n) {
        cd_source_specs_free(specs, n);
        *err = msg0("a manifest can only be given on the command line, not inside another "
                   "manifest");
        return NULL;
    }
    cd_doc *doc = cd_doc_from_json(origin, bytes, len, outlet, opts, err);
    return doc ? analyse(doc, opts) : NULL;
}

cd_doc *cd_source_load_owned(const char *origin, cd_buf *data, const char *http_charset,
                             const char *outlet, const cd_load_opts *opts, char **err)
{
    *err = NULL;
    const char *bytes = data->data ? data->data : "";
    size_t len = data->len;
    cd_doc *doc = NULL;
    if (len && looks_like_html(bytes, len)) {
        doc = load_html(origin, bytes, len, http_charset, outlet, opts, err);
    } else if (len && cd_json_source_sniff(bytes, len)) {
        doc = load_json(origin, bytes, len, outlet, opts, err);
    } else {
        /* decode, then let the raw bytes go before the (bigger) analysis */
        cd_buf text = {0};
        cd_decode_info info;
        bool ok = decode(bytes, len, &text, &info, err);
        cd_buf_free(data);
        if (!ok) {
            cd_buf_free(&text);
            return NULL;
        }
        return load_text(origin, &text, &info, outlet, opts, err);
    }
    cd_buf_free(data);
    return doc;
}

/* Open source for reading ("-": standard input); with `within` (a folder's
 * real path) only a regular file whose real path lies under it. */
static int open_source(const char *source, const char *within, size_t max, char **err)
{
    if (strcmp(source, "-") == 0 && !within)
        return STDIN_FILENO;
    if (within) {
        char *real = realpath(source, NULL);
        if (!real) {
            *err = msg("%s", strerror(errno));
            return -1;
        }
        size_t n = strlen(within);
        bool inside = strncmp(real, within, n) == 0 &&
                      (real[n] == '/' || (n == 1 && within[0] == '/'));
        free(real);
        if (!inside) {
            *err = msg0("outside the manifest's folder: a manifest may only name files "
                        "under it (give this one on the command line instead)");
            return -1;
        }
    }
    /* O_NONBLOCK: opening a FIFO named by a manifest must not wait for a writer */
    int fd = open(source, O_RDONLY | O_CLOEXEC | O_NOCTTY | (within ? O_NONBLOCK : 0));
    if (fd < 0) {
        *err = msg("%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0) {
        char hs[32];
        cd_human_size(max, hs, sizeof hs);
        if (S_ISDIR(st.st_mode))
            *err = msg0("is a directory");
        else if (within && !S_ISREG(st.st_mode))
            *err = msg0("not a regular file: a manifest may only name files");
        else if (S_ISREG(st.st_mode) && (size_t)st.st_size > max)
            *err = msg("larger than the %s limit (see --max-bytes)", hs);
        if (*err) {
            close(fd);
            return -1;
        }
    }
    if (within) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    return fd;
}

static bool read_source(const char *source, const char *within, size_t max, cd_buf *out,
                        char **err)
{
    *err = NULL;
    if (!max)
        max = CD_DEFAULT_MAX_BYTES;
    if (max > CD_MAX_DOC_BYTES / 4)
        max = CD_MAX_DOC_BYTES / 4; /* decoding may grow text up to 3 times */
    bool is_stdin = strcmp(source, "-") == 0 && !within;
    char hs[32];
    cd_human_size(max, hs, sizeof hs);
    int fd = open_source(source, within, max, err);
    if (fd < 0)
        return false;
    bool too_big;
    int e = 0;
    bool ok = read_all(fd, max, out, &too_big, &e);
    if (!is_stdin)
        close(fd);
    if (!ok) {
        cd_buf_free(out);
        *err = msg("read failed: %s", strerror(e));
        return false;
    }
    if (too_big) {
        cd_buf_free(out);
        *err = msg("larger than the %s limit (see --max-bytes)", hs);
        return false;
    }
    return true;
}

bool cd_source_read(const char *source, size_t max, cd_buf *out, char **err)
{
    return read_source(source, NULL, max, out, err);
}

bool cd_source_read_within(const char *path, const char *folder, size_t max, cd_buf *out,
                           char **err)
{
    return read_source(path, folder, max, out, err);
}

cd_doc *cd_source_load(const char *source, const char *outlet, const cd_load_opts *opts,
                       char **err)
{
    cd_buf data = {0};
    if (!cd_source_read(source, opts->max_bytes, &data, err))
        return NULL;
    cd_doc *doc = cd_source_load_owned(source, &data, NULL, outlet, opts, err);
    return doc;
}
