/* cache.c — the on-disk HTTP cache: one file per URL, written atomically.
 *
 * An entry is <dir>/<XXH3_64 of the normalised URL, 16 hex digits>.entry:
 * a header of "key: value" lines after the magic line "claimdiff-cache 1",
 * a blank line, then exactly `length` body bytes whose XXH3_64 is `xxh3`.
 * Header and body live in one file written to a temporary name in the same
 * directory and renamed into place, so a reader sees either the old entry
 * or the new one, never a mix, also with several runs writing at once. */
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define MAGIC "claimdiff-cache 1\n"
#define MAX_HEADER 65536 /* bytes of header an entry may have */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

char *cd_url_normalise(const char *url)
{
    size_t slen;
    if (strncasecmp(url, "http://", 7) == 0)
        slen = 4;
    else if (strncasecmp(url, "https://", 8) == 0)
        slen = 5;
    else
        return NULL;
    const char *auth = url + slen + 3;
    size_t alen = strcspn(auth, "/?#");
    const char *rest = auth + alen;
    /* userinfo keeps its case; host and port follow the last '@' */
    const char *host = auth;
    for (const char *p = auth; p < rest; p++)
        if (*p == '@')
            host = p + 1;
    const char *hend = rest;
    const char *port = NULL;
    if (host < rest && *host == '[') {
        const char *close = memchr(host, ']', (size_t)(rest - host));
        if (!close)
            return NULL;
        if (close + 1 < rest) {
            if (close[1] != ':')
                return NULL;
            port = close + 2;
        }
        hend = close + 1;
    } else {
        const char *colon = memchr(host, ':', (size_t)(rest - host));
        if (colon) {
            hend = colon;
            port = colon + 1;
        }
    }
    if (hend == host)
        return NULL;
    for (const char *p = host; p < hend; p++)
        if ((unsigned char)*p <= ' ' || *p == '\x7f')
            return NULL;
    if (port) {
        for (const char *p = port; p < rest; p++)
            if (*p < '0' || *p > '9')
                return NULL;
        if (port == rest) /* "host:" */
            port = NULL;
    }
    bool https = slen == 5;
    cd_buf b = {0};
    cd_buf_puts(&b, https ? "https://" : "http://");
    cd_buf_append(&b, auth, (size_t)(host - auth));
    for (const char *p = host; p < hend; p++)
        cd_buf_putc(&b, lower(*p));
    if (port) {
        while (port < rest - 1 && *port == '0')
            port++;
        size_t plen = (size_t)(rest - port);
        bool dflt = (!https && plen == 2 && memcmp(port, "80", 2) == 0) ||
                    (https && plen == 3 && memcmp(port, "443", 3) == 0);
        if (!dflt) {
            cd_buf_putc(&b, ':');
            cd_buf_append(&b, port, plen);
        }
    }
    size_t tail = strcspn(rest, "#");
    if (tail == 0 || rest[0] != '/')
        cd_buf_putc(&b, '/');
    cd_buf_append(&b, rest, tail);
    return cd_buf_steal(&b);
}

char *cd_cache_dir(const char *dir)
{
    cd_buf b = {0};
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (dir && *dir)
        cd_buf_puts(&b, dir);
    else if (xdg && xdg[0] == '/')
        cd_buf_printf(&b, "%s/claimdiff", xdg);
    else if (home && *home)
        cd_buf_printf(&b, "%s/.cache/claimdiff", home);
    else
        return NULL;
    return cd_buf_steal(&b);
}

static uint64_t key_hash(const char *norm_url)
{
    return XXH3_64bits(norm_url, strlen(norm_url));
}

char *cd_cache_entry_path(const char *dir, const char *norm_url)
{
    cd_buf b = {0};
    cd_buf_printf(&b, "%s/%016" PRIx64 ".entry", dir, key_hash(norm_url));
    return cd_buf_steal(&b);
}

void cd_cache_entry_free(cd_cache_entry *e)
{
    free(e->final_url);
    free(e->content_type);
    free(e->etag);
    free(e->last_modified);
    cd_buf_free(&e->body);
    memset(e, 0, sizeof *e);
}

/* mkdir -p with mode 0700 for the directories it creates. */
static bool mkdirs(const char *dir)
{
    char *p = cd_xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST) {
                ok = false;
                break;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    free(p);
    struct stat st;
    return ok && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* A header value on one line: CR, LF and other controls become spaces. */
static void put_field(cd_buf *b, const char *key, const char *value)
{
    if (!value)
        return;
    cd_buf_printf(b, "%s: ", key);
    for (const char *p = value; *p; p++)
        cd_buf_putc(b, (unsigned char)*p < ' ' || *p == '\x7f' ? ' ' : *p);
    cd_buf_putc(b, '\n');
}

bool cd_cache_put(const char *dir, const char *norm_url, const cd_cache_entry *e)
{
    if (!mkdirs(dir))
        return false;
    cd_buf h = {0};
    cd_buf_puts(&h, MAGIC);
    put_field(&h, "url", norm_url);
    put_field(&h, "final-url", e->final_url ? e->final_url : norm_url);
    cd_buf_printf(&h, "status: %ld\n", e->status);
    put_field(&h, "content-type", e->content_type);
    put_field(&h, "etag", e->etag);
    put_field(&h, "last-modified", e->last_modified);
    cd_buf_printf(&h, "fetched: %" PRId64 "\n", e->fetched);
    cd_buf_printf(&h, "length: %zu\n", e->body.len);
    cd_buf_printf(&h, "xxh3: %016" PRIx64 "\n\n",
                  XXH3_64bits(e->body.data ? e->body.data : "", e->body.len));

    char *path = cd_cache_entry_path(dir, norm_url);
    cd_buf tmp = {0};
    cd_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
    bool ok = false;
    int fd = mkstemp(tmp.data);
    if (fd >= 0) {
        ok = write_all(fd, h.data, h.len) &&
             write_all(fd, e->body.data ? e->body.data : "", e->body.len);
        ok = close(fd) == 0 && ok;
        ok = ok && rename(tmp.data, path) == 0;
        if (!ok)
            unlink(tmp.data);
    }
    cd_buf_free(&tmp);
    cd_buf_free(&h);
    free(path);
    return ok;
}

/* The value of "key: " in the header lines hdr[0..len), or NULL. */
static char *field(const char *hdr, size_t len, const char *key)
{
    size_t klen = strlen(key);
    const char *p = hdr, *end = hdr + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        if ((size_t)(nl - p) >= klen + 2 && memcmp(p, key, klen) == 0 && p[klen] == ':' &&
            p[klen + 1] == ' ')
            return cd_xstrndup(p + klen + 2, (size_t)(nl - p - (ptrdiff_t)klen - 2));
        p = nl + 1;
    }
    return NULL;
}

static bool parse_u64(const char *s, int base, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, base);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

cd_cache_status cd_cache_get(const char *dir, const char *norm_url, size_t max_bytes,
                             cd_cache_entry *e)
{
    memset(e, 0, sizeof *e);
    char *path = cd_cache_entry_path(dir, norm_url);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    free(path);
    if (fd < 0)
        return errno == ENOENT || errno == ENOTDIR ? CD_CACHE_MISS : CD_CACHE_CORRUPT;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return CD_CACHE_CORRUPT;
    }
    if ((uint64_t)st.st_size > (uint64_t)max_bytes + MAX_HEADER) {
        close(fd);
        return CD_CACHE_TOO_BIG;
    }
    /* read the whole file (it is bounded above) */
    cd_buf data = {0};
    cd_buf_reserve(&data, (size_t)st.st_size + 1);
    for (;;) {
        cd_buf_reserve(&data, 4096);
        ssize_t r = read(fd, data.data + data.len, data.cap - data.len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        data.len += (size_t)r;
        if (data.len > max_bytes + MAX_HEADER)
            break;
    }
    close(fd);
    data.data[data.len] = '\0';

    cd_cache_status status = CD_CACHE_CORRUPT;
    char *url = NULL, *final_url = NULL, *st_s = NULL, *fetched_s = NULL, *len_s = NULL,
         *sum_s = NULL;
    const char *sep = NULL;
    if (data.len >= strlen(MAGIC) && memcmp(data.data, MAGIC, strlen(MAGIC)) == 0) {
        size_t lim = data.len < MAX_HEADER ? data.len : MAX_HEADER;
        for (size_t i = 1; i < lim; i++)
            if (data.data[i] == '\n' && data.data[i - 1] == '\n') {
                sep = data.data + i + 1;
                break;
            }
    }
    if (!sep)
        goto done;
    size_t hlen = (size_t)(sep - data.data);
    url = field(data.data, hlen, "url");
    final_url = field(data.data, hlen, "final-url");
    st_s = field(data.data, hlen, "status");
    fetched_s = field(data.data, hlen, "fetched");
    len_s = field(data.data, hlen, "length");
    sum_s = field(data.data, hlen, "xxh3");
    uint64_t code, fetched, length, sum;
    if (url && strcmp(url, norm_url) != 0) {
        status = CD_CACHE_MISS; /* another URL with the same hash */
        goto done;
    }
    if (!url || !final_url || !parse_u64(st_s, 10, &code) ||
        code < 100 || code > 599 || !parse_u64(fetched_s, 10, &fetched) ||
        !parse_u64(len_s, 10, &length) || !sum_s || strlen(sum_s) != 16 ||
        !parse_u64(sum_s, 16, &sum))
        goto done;
    size_t blen = data.len - hlen;
    if (length != blen)
        goto done; /* truncated or extended */
    if (XXH3_64bits(sep, blen) != sum)
        goto done;
    if (blen > max_bytes) {
        status = CD_CACHE_TOO_BIG;
        goto done;
    }
    e->final_url = final_url;
    final_url = NULL;
    e->status = (long)code;
    e->content_type = field(data.data, hlen, "content-type");
    e->etag = field(data.data, hlen, "etag");
    e->last_modified = field(data.data, hlen, "last-modified");
    e->fetched = (int64_t)fetched;
    cd_buf_append(&e->body, sep, blen);
    status = CD_CACHE_OK;
done:
    free(url);
    free(final_url);
    free(st_s);
    free(fetched_s);
    free(len_s);
    free(sum_s);
    cd_buf_free(&data);
    return status;
}
