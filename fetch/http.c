/* http.c — download URLs concurrently with the libcurl multi interface,
 * through the cache (cache.c).
 *
 * One loop drives every transfer: at most `jobs` easy handles are in the
 * multi handle at once and at most CD_MAX_PER_HOST per host; a 429 or 503
 * answer puts its transfer back in the queue with a start time (Retry-After),
 * so waiting never blocks the others. Every failure becomes one line in the
 * result; nothing here prints except the optional progress line.
 *
 * Unless allow_private is set, no byte goes to a non-global address
 * (guard.c): every URL host and every redirect target written as an address
 * is checked before a request, and every socket libcurl opens is checked
 * after DNS resolution (CURLOPT_OPENSOCKETFUNCTION), on every hop. With a
 * proxy from the environment the socket goes to the proxy, which resolves
 * the names: then only hosts written as addresses (and localhost) can be
 * checked, and every request of the URL's scheme goes through that proxy
 * (no_proxy is not used, so nothing bypasses the proxy unchecked). */
#include "net.h"

#include "cd_config.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#define USER_AGENT "claimdiff/" CD_VERSION " (+https://example.invalid/claimdiff)"

typedef enum { ABORT_NONE, ABORT_TOO_BIG, ABORT_TOTAL, ABORT_TYPE, ABORT_STATUS } abort_reason;
typedef enum { X_SKIP, X_WAIT, X_ACTIVE, X_DONE } xstate;

typedef struct {
    cd_fetch_result *res;
    const char *url;
    char *norm;            /* normalised URL: cache key and per-host slot */
    char *host;            /* scheme://host:port part of norm */
    size_t host_id;        /* index of host among the distinct hosts */
    xstate state;
    int attempts;          /* requests made so far */
    double ready_at;       /* monotonic time before which it must not start */
    CURL *h;
    struct curl_slist *hdrs, *resolve;
    cd_buf body;
    size_t max;
    size_t *used, budget;  /* bytes held by all results and transfers of the
                            * call, and its limit (0: none) */
    abort_reason why;
    bool checked;          /* status and type looked at in the write callback */
    char *etag, *last_modified, *reason; /* of the latest response */
    cd_cache_entry cached; /* a stale entry being revalidated */
    bool have_cached;
    bool guard;            /* refuse non-global addresses (no --allow-private) */
    bool via_proxy;        /* the guard's socket check is off: sockets go to the proxy */
    char refused[200];     /* why the guard stopped the transfer, or "" */
    char errbuf[CURL_ERROR_SIZE];
} xfer;

static bool curl_ready;

void cd_net_cleanup(void)
{
    if (curl_ready)
        curl_global_cleanup();
    curl_ready = false;
}

bool cd_is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

void cd_fetch_result_free(cd_fetch_result *r)
{
    free(r->url);
    free(r->final_url);
    free(r->content_type);
    free(r->charset);
    free(r->error);
    cd_buf_free(&r->body);
    memset(r, 0, sizeof *r);
}

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *xstrdup(const char *s)
{
    return s ? cd_xstrdup(s) : NULL;
}

static void set_error(cd_fetch_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_error(cd_fetch_result *r, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++) /* one line */
        if ((unsigned char)*p < ' ')
            *p = ' ';
    size_t n = strlen(line);
    while (n && line[n - 1] == ' ')
        line[--n] = '\0';
    free(r->error);
    r->error = cd_xstrndup(line, n);
    cd_buf_free(&r->body);
}

#define TOTAL_ERROR "over the limit for all sources together (see --max-total-bytes)"

/* Take len more bytes into the call's total; false when that passes the limit. */
static bool take(xfer *x, size_t len)
{
    if (x->budget && len > x->budget - *x->used)
        return false;
    *x->used += len;
    return true;
}

static void error_too_big(cd_fetch_result *r, size_t max)
{
    char hs[32];
    cd_human_size(max, hs, sizeof hs);
    set_error(r, "larger than the %s limit (see --max-bytes)", hs);
}

static const char *reason_phrase(long code)
{
    static const struct { long code; const char *text; } tab[] = {
        {300, "Multiple Choices"}, {301, "Moved Permanently"}, {302, "Found"},
        {303, "See Other"}, {304, "Not Modified"}, {307, "Temporary Redirect"},
        {308, "Permanent Redirect"}, {400, "Bad Request"}, {401, "Unauthorized"},
        {402, "Payment Required"}, {403, "Forbidden"}, {404, "Not Found"},
        {405, "Method Not Allowed"}, {406, "Not Acceptable"},
        {407, "Proxy Authentication Required"}, {408, "Request Timeout"},
        {409, "Conflict"}, {410, "Gone"}, {411, "Length Required"},
        {412, "Precondition Failed"}, {413, "Content Too Large"}, {414, "URI Too Long"},
        {415, "Unsupported Media Type"}, {416, "Range Not Satisfiable"},
        {418, "I'm a teapot"}, {421, "Misdirected Request"},
        {422, "Unprocessable Content"}, {423, "Locked"}, {425, "Too Early"},
        {426, "Upgrade Required"}, {428, "Precondition Required"},
        {429, "Too Many Requests"}, {431, "Request Header Fields Too Large"},
        {451, "Unavailable For Legal Reasons"}, {500, "Internal Server Error"},
        {501, "Not Implemented"}, {502, "Bad Gateway"}, {503, "Service Unavailable"},
        {504, "Gateway Timeout"}, {505, "HTTP Version Not Supported"},
        {507, "Insufficient Storage"}, {508, "Loop Detected"},
        {511, "Network Authentication Required"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
        if (tab[i].code == code)
            return tab[i].text;
    return NULL;
}

/* "HTTP 404 Not Found": the standard phrase, the server's own only for
 * codes without one (cut to 60 bytes); status and final URL are kept. */
static void error_status(xfer *x, long code, const char *final_url)
{
    const char *text = reason_phrase(code);
    if (text)
        set_error(x->res, "HTTP %ld %s", code, text);
    else if (x->reason && *x->reason)
        set_error(x->res, "HTTP %ld %.60s", code, x->reason);
    else
        set_error(x->res, "HTTP %ld", code);
    x->res->status = code;
    free(x->res->final_url);
    x->res->final_url = xstrdup(final_url);
}

/* Split a Content-Type value into a lowercase media type and its charset. */
static void split_content_type(const char *ct, char **type, char **charset)
{
    *type = *charset = NULL;
    if (!ct)
        return;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    size_t n = strcspn(ct, ";");
    size_t m = n;
    while (m && (ct[m - 1] == ' ' || ct[m - 1] == '\t'))
        m--;
    if (m) {
        *type = cd_xstrndup(ct, m);
        for (char *p = *type; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    }
    const char *p = ct + n;
    while (*p == ';') {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        size_t plen = strcspn(p, ";");
        if (plen > 8 && strncasecmp(p, "charset=", 8) == 0) {
            const char *v = p + 8;
            size_t vlen = plen - 8;
            while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
                vlen--;
            if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
                v++;
                vlen -= 2;
            }
            if (vlen && !*charset)
                *charset = cd_xstrndup(v, vlen);
        }
        p += plen;
    }
}

/* A text type (text/...), application/xhtml+xml, or no type at all. */
static bool acceptable_type(const char *type)
{
    return !type || strncmp(type, "text/", 5) == 0 ||
           strcmp(type, "application/xhtml+xml") == 0;
}

static void fill_type(cd_fetch_result *r, const char *ct)
{
    free(r->content_type);
    free(r->charset);
    split_content_type(ct, &r->content_type, &r->charset);
}

/* ------------------------------------------------------------ the guard */

/* Write "refused to fetch from HOST, a loopback address (...)" into x->refused. */
static void refuse(xfer *x, const char *what, const char *host, const char *why)
{
    snprintf(x->refused, sizeof x->refused, "refused %s %.80s, %s (see --allow-private)", what,
             host, why);
    for (char *c = x->refused; *c; c++) /* one line, whatever the server sent */
        if ((unsigned char)*c < ' ' || *c == 0x7f)
            *c = '?';
}

/* The host of url as libcurl reads it (IPv4 numbers in any form normalised
 * to a.b.c.d); NULL when it has none. base, when not NULL, resolves a
 * relative url. malloc'd. */
static char *url_host(const char *base, const char *url)
{
    CURLU *u = curl_url();
    if (!u)
        return NULL;
    char *host = NULL, *out = NULL;
    if ((!base || curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK) &&
        curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host)
        out = cd_xstrdup(host);
    curl_free(host);
    curl_url_cleanup(u);
    return out;
}

/* A Location header value (v[0..n), untrimmed) during a redirect: false,
 * with x->refused set, when it points at a host written as a non-global
 * address. */
static bool redirect_allowed(xfer *x, const char *v, size_t n)
{
    long code = 0;
    curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
    if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308)
        return true; /* only these are followed */
    while (n && (*v == ' ' || *v == '\t')) {
        v++;
        n--;
    }
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    char *loc = cd_xstrndup(v, n);
    char *eff = NULL;
    curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &eff);
    char *host = url_host(eff, loc);
    const char *why = host ? cd_host_refusal(host) : NULL;
    if (why)
        refuse(x, "a redirect to", host, why);
    free(host);
    free(loc);
    return why == NULL;
}

/* Every socket libcurl opens passes here, after DNS resolution: connecting
 * to a non-global address fails (libcurl then tries the next address). */
static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    xfer *x = ud;
    if (purpose == CURLSOCKTYPE_IPCXN && x->guard && !x->via_proxy) {
        const char *why = cd_addr_refusal(&a->addr);
        if (why) {
            char ip[INET6_ADDRSTRLEN] = "?";
            if (a->family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)&a->addr)->sin_addr,
                          ip, sizeof ip);
            else if (a->family == AF_INET6)
                inet_ntop(AF_INET6,
                          &((const struct sockaddr_in6 *)(const void *)&a->addr)->sin6_addr, ip,
                          sizeof ip);
            refuse(x, "to connect to", ip, why);
            return CURL_SOCKET_BAD;
        }
    }
    return socket(a->family, a->socktype, a->protocol);
}

/* The proxy libcurl would take from the environment for url, or NULL. */
static const char *env_proxy(const char *url)
{
    static const char *const for_http[] = {"http_proxy", "all_proxy", "ALL_PROXY"};
    static const char *const for_https[] = {"https_proxy", "HTTPS_PROXY", "all_proxy",
                                            "ALL_PROXY"};
    bool https = strncasecmp(url, "https:", 6) == 0;
    const char *const *names = https ? for_https : for_http;
    size_t n = https ? 4 : 3;
    for (size_t i = 0; i < n; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

/* ------------------------------------------------------------ callbacks */

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    xfer *x = ud;
    size_t len = size * n;
    if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) { /* a new response starts */
        free(x->etag);
        free(x->last_modified);
        free(x->reason);
        x->etag = x->last_modified = x->reason = NULL;
        /* "HTTP/1.1 404 Not Found": the reason follows the second space */
        const char *sp = memchr(p, ' ', len);
        const char *sp2 = sp ? memchr(sp + 1, ' ', len - (size_t)(sp + 1 - p)) : NULL;
        if (sp2) {
            size_t rlen = len - (size_t)(sp2 + 1 - p);
            while (rlen && (sp2[rlen] == '\r' || sp2[rlen] == '\n'))
                rlen--;
            if (rlen)
                x->reason = cd_xstrndup(sp2 + 1, rlen);
        }
        return len;
    }
    const char *colon = memchr(p, ':', len);
    if (!colon)
        return len;
    size_t klen = (size_t)(colon - p);
    if (klen == 8 && x->guard && strncasecmp(p, "location", 8) == 0 &&
        !redirect_allowed(x, colon + 1, (size_t)(p + len - colon - 1)))
        return 0; /* abort: the redirect target is not a global address */
    char **slot = NULL;
    if (klen == 4 && strncasecmp(p, "etag", 4) == 0)
        slot = &x->etag;
    else if (klen == 13 && strncasecmp(p, "last-modified", 13) == 0)
        slot = &x->last_modified;
    if (!slot)
        return len;
    const char *v = colon + 1, *end = p + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    free(*slot);
    *slot = end > v ? cd_xstrndup(v, (size_t)(end - v)) : NULL;
    return len;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    xfer *x = ud;
    size_t len = size * n;
    if (!x->checked) {
        x->checked = true;
        long code = 0;
        curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
        if (code < 200 || code > 299) { /* the body of an error page is not needed */
            x->why = ABORT_STATUS;
            return 0;
        }
        char *ct = NULL, *type, *charset;
        curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);
        split_content_type(ct, &type, &charset);
        bool ok = acceptable_type(type);
        free(type);
        free(charset);
        if (!ok) {
            x->why = ABORT_TYPE;
            return 0;
        }
    }
    /* the cap counts decoded bytes, so a compression bomb stops here too */
    if (len > x->max - x->body.len) {
        x->why = ABORT_TOO_BIG;
        return 0;
    }
    if (!take(x, len)) {
        x->why = ABORT_TOTAL;
        return 0;
    }
    cd_buf_append(&x->body, p, len);
    return len;
}

/* ------------------------------------------------------------ transfers */

static void xfer_reset(xfer *x)
{
    if (x->h)
        curl_easy_cleanup(x->h);
    x->h = NULL;
    curl_slist_free_all(x->hdrs);
    x->hdrs = NULL;
    curl_slist_free_all(x->resolve);
    x->resolve = NULL;
    if (x->used)
        *x->used -= x->body.len; /* a body not handed to the result */
    cd_buf_free(&x->body);
    free(x->etag);
    free(x->last_modified);
    free(x->reason);
    x->etag = x->last_modified = x->reason = NULL;
    x->why = ABORT_NONE;
    x->checked = false;
    x->errbuf[0] = '\0';
    x->refused[0] = '\0';
}

static bool start(CURLM *m, xfer *x, const cd_net_opts *o, long timeout)
{
    x->h = curl_easy_init();
    if (!x->h) {
        set_error(x->res, "could not start a transfer (libcurl)");
        return false;
    }
    CURL *h = x->h;
    curl_easy_setopt(h, CURLOPT_URL, x->url);
    curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)x);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)CD_MAX_REDIRECTS);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     timeout < CD_MAX_CONNECT_TIMEOUT_S ? timeout : CD_MAX_CONNECT_TIMEOUT_S);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_USERAGENT, USER_AGENT);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, (void *)x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, (void *)x);
    x->hdrs = curl_slist_append(NULL, "Accept: text/html,application/xhtml+xml,"
                                      "text/plain;q=0.9,*/*;q=0.1");
    if (x->have_cached) { /* revalidate a stale entry */
        cd_buf b = {0};
        if (x->cached.etag) {
            cd_buf_printf(&b, "If-None-Match: %s", x->cached.etag);
            x->hdrs = curl_slist_append(x->hdrs, b.data);
            b.len = 0;
        }
        if (x->cached.last_modified) {
            cd_buf_printf(&b, "If-Modified-Since: %s", x->cached.last_modified);
            x->hdrs = curl_slist_append(x->hdrs, b.data);
        }
        cd_buf_free(&b);
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->hdrs);
    if (o->resolve) {
        x->resolve = curl_slist_append(NULL, o->resolve);
        curl_easy_setopt(h, CURLOPT_RESOLVE, x->resolve);
    }
    x->guard = !o->allow_private;
    x->via_proxy = false;
    if (x->guard) {
        curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
        curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, (void *)x);
        const char *proxy = env_proxy(x->url);
        x->via_proxy = proxy != NULL;
        curl_easy_setopt(h, CURLOPT_PROXY, proxy ? proxy : ""); /* "": none */
        if (proxy)
            curl_easy_setopt(h, CURLOPT_NOPROXY, ""); /* "": every host through it */
    }
    x->attempts++;
    if (curl_multi_add_handle(m, h) != CURLM_OK) {
        set_error(x->res, "could not start a transfer (libcurl)");
        return false;
    }
    x->state = X_ACTIVE;
    return true;
}

/* A successful body (fresh download or 304) goes to the result. */
static void succeed(xfer *x, const char *final_url, long status, const char *ct, cd_buf *body,
                    bool from_cache)
{
    cd_fetch_result *r = x->res;
    free(r->final_url);
    r->final_url = xstrdup(final_url);
    r->status = status;
    fill_type(r, ct);
    cd_buf_free(&r->body);
    r->body = *body;
    memset(body, 0, sizeof *body);
    if (!r->body.data)
        cd_buf_append(&r->body, "", 0);
    r->from_cache = from_cache;
    free(r->error);
    r->error = NULL;
}

static void map_curl_error(xfer *x, CURLcode rc, long timeout)
{
    cd_fetch_result *r = x->res;
    long redirects = 0;
    curl_easy_getinfo(x->h, CURLINFO_REDIRECT_COUNT, &redirects);
    long oserr = 0;
    curl_easy_getinfo(x->h, CURLINFO_OS_ERRNO, &oserr);
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        set_error(r, "could not resolve host");
        return;
    case CURLE_COULDNT_RESOLVE_PROXY:
        set_error(r, "could not resolve proxy");
        return;
    case CURLE_COULDNT_CONNECT:
        if (oserr == ECONNREFUSED)
            set_error(r, "connection refused");
        else if (oserr)
            set_error(r, "could not connect (%s)", strerror((int)oserr));
        else
            set_error(r, "could not connect");
        return;
    case CURLE_OPERATION_TIMEDOUT:
        set_error(r, "timed out after %ld s (see --timeout)", timeout);
        return;
    case CURLE_TOO_MANY_REDIRECTS:
        set_error(r, "too many redirects (more than %d)", CD_MAX_REDIRECTS);
        return;
    case CURLE_UNSUPPORTED_PROTOCOL:
        if (redirects > 0)
            set_error(r, "redirect to a non-HTTP URL refused");
        else
            set_error(r, "not an http or https URL");
        return;
    case CURLE_URL_MALFORMAT:
        set_error(r, "malformed URL");
        return;
    case CURLE_FILESIZE_EXCEEDED:
        error_too_big(r, x->max);
        return;
    case CURLE_BAD_CONTENT_ENCODING:
        set_error(r, "could not decode the compressed body");
        return;
    case CURLE_GOT_NOTHING:
        set_error(r, "the server closed the connection without a reply");
        return;
    case CURLE_PEER_FAILED_VERIFICATION:
        set_error(r, "TLS certificate not trusted%s%s", x->errbuf[0] ? ": " : "", x->errbuf);
        return;
    case CURLE_SSL_CONNECT_ERROR:
        set_error(r, "TLS handshake failed%s%s", x->errbuf[0] ? ": " : "", x->errbuf);
        return;
    case CURLE_RECV_ERROR:
        set_error(r, "connection lost while receiving%s%s", oserr ? ": " : "",
                  oserr ? strerror((int)oserr) : "");
        return;
    case CURLE_SEND_ERROR:
        set_error(r, "connection lost while sending%s%s", oserr ? ": " : "",
                  oserr ? strerror((int)oserr) : "");
        return;
    case CURLE_PARTIAL_FILE:
        set_error(r, "the connection closed before the whole body arrived");
        return;
    default:
        set_error(r, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
        return;
    }
}

/* The transfer x ended with rc; settle its result, or schedule a retry
 * (returns true when it was put back in the queue). */
static bool finish(xfer *x, CURLcode rc, const cd_net_opts *o, const char *cache_dir,
                   long timeout)
{
    cd_fetch_result *r = x->res;
    long code = 0;
    curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
    char *eff = NULL;
    curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &eff);
    char *ct = NULL;
    curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);

    if (x->refused[0] && rc != CURLE_OK) {
        set_error(r, "%s", x->refused);
        return false;
    }
    if (x->why == ABORT_TOO_BIG) {
        error_too_big(r, x->max);
        return false;
    }
    if (x->why == ABORT_TOTAL) {
        set_error(r, TOTAL_ERROR);
        return false;
    }
    if (x->why == ABORT_TYPE) {
        char *type, *charset;
        split_content_type(ct, &type, &charset);
        set_error(r, "not HTML or text (%s)", type ? type : "?");
        free(type);
        free(charset);
        return false;
    }
    if (rc != CURLE_OK && x->why != ABORT_STATUS) {
        map_curl_error(x, rc, timeout);
        return false;
    }
    if (code == 304 && x->have_cached) { /* still valid: reuse the body */
        x->cached.fetched = (int64_t)time(NULL);
        if (x->etag) {
            free(x->cached.etag);
            x->cached.etag = xstrdup(x->etag);
        }
        if (x->last_modified) {
            free(x->cached.last_modified);
            x->cached.last_modified = xstrdup(x->last_modified);
        }
        if (!o->no_cache && cache_dir)
            cd_cache_put(cache_dir, x->norm, &x->cached);
        if (!take(x, x->cached.body.len)) {
            set_error(r, TOTAL_ERROR);
            return false;
        }
        succeed(x, x->cached.final_url, x->cached.status, x->cached.content_type,
                &x->cached.body, true);
        return false;
    }
    if (code >= 200 && code <= 299) {
        char *type, *charset;
        split_content_type(ct, &type, &charset);
        bool ok = acceptable_type(type);
        if (!ok)
            set_error(r, "not HTML or text (%s)", type);
        free(type);
        free(charset);
        if (!ok)
            return false;
        if (!o->no_cache && cache_dir) {
            cd_cache_entry e = {.final_url = eff, .status = code, .content_type = ct,
                                .etag = x->etag, .last_modified = x->last_modified,
                                .fetched = (int64_t)time(NULL), .body = x->body};
            cd_cache_put(cache_dir, x->norm, &e);
        }
        succeed(x, eff, code, ct, &x->body, false);
        return false;
    }
    if ((code == 429 || code == 503) && x->attempts <= CD_MAX_RETRIES) {
        curl_off_t after = -1;
        if (curl_easy_getinfo(x->h, CURLINFO_RETRY_AFTER, &after) != CURLE_OK)
            after = -1;
        if (after <= CD_MAX_RETRY_AFTER_S) {
            /* 0: no Retry-After (or "0"); back off 1 s, then 2 s */
            double wait = after > 0 ? (double)after : (double)x->attempts;
            x->ready_at = now_mono() + wait;
            x->state = X_WAIT;
            return true;
        }
        error_status(x, code, eff);
        size_t n = strlen(r->error);
        r->error = cd_xrealloc(r->error, n + 64);
        snprintf(r->error + n, 64, " (asked to retry after %lld s)", (long long)after);
        return false;
    }
    error_status(x, code, eff);
    return false;
}

/* Look in the cache before any download. True when the result is settled. */
static bool from_cache(xfer *x, const cd_net_opts *o, const char *cache_dir)
{
    cd_fetch_result *r = x->res;
    if (o->no_cache || !cache_dir || (o->refresh && !o->offline)) {
        if (o->offline) {
            set_error(r, "not in the cache (--offline)");
            return true;
        }
        return false;
    }
    cd_cache_entry e;
    cd_cache_status s = cd_cache_get(cache_dir, x->norm, x->max, &e);
    if (s == CD_CACHE_TOO_BIG) {
        error_too_big(r, x->max);
        return true;
    }
    if (s == CD_CACHE_MISS || s == CD_CACHE_CORRUPT) {
        if (o->offline) {
            set_error(r, s == CD_CACHE_MISS ? "not in the cache (--offline)"
                                            : "cache entry is corrupt (--offline)");
            return true;
        }
        return false; /* a corrupt entry is simply fetched again */
    }
    long max_age = o->max_age_s ? o->max_age_s : CD_DEFAULT_MAX_AGE_S;
    int64_t age = (int64_t)time(NULL) - e.fetched;
    if (o->offline || (max_age > 0 && age >= 0 && age < max_age)) {
        if (!take(x, e.body.len))
            set_error(r, TOTAL_ERROR);
        else
            succeed(x, e.final_url, e.status, e.content_type, &e.body, true);
        cd_cache_entry_free(&e);
        return true;
    }
    if (e.etag || e.last_modified) {
        x->cached = e;
        x->have_cached = true;
    } else {
        cd_cache_entry_free(&e);
    }
    return false;
}

static void progress(const cd_net_opts *o, size_t done, size_t total, int *width)
{
    if (!o->progress)
        return;
    *width = fprintf(stderr, "\rfetching %zu/%zu …", done, total);
    fflush(stderr);
}

static size_t host_len(const char *norm)
{
    const char *p = strstr(norm, "://");
    p = p ? p + 3 : norm;
    return (size_t)(p - norm) + strcspn(p, "/");
}

static int by_host(const void *a, const void *b)
{
    const xfer *const *x = a, *const *y = b;
    return strcmp((*x)->host, (*y)->host);
}

/* Number the distinct hosts of the transfers that will run (host_id), so
 * the per-host limit is a counter, not a scan of every transfer. */
static size_t number_hosts(xfer *xs, size_t n)
{
    xfer **v = cd_xcalloc(n ? n : 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (xs[i].state == X_WAIT)
            v[k++] = &xs[i];
    qsort(v, k, sizeof *v, by_host);
    size_t ids = 0;
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && strcmp(v[i - 1]->host, v[i]->host) != 0)
            ids++;
        v[i]->host_id = ids;
    }
    free(v);
    return k ? ids + 1 : 0;
}

void cd_fetch_urls(const char *const *urls, size_t n, const cd_net_opts *o,
                   cd_fetch_result *results)
{
    if (n == 0)
        return;
    if (!curl_ready) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        curl_ready = true;
    }
    long timeout = o->timeout_s > 0 ? o->timeout_s : CD_DEFAULT_TIMEOUT_S;
    size_t max = o->max_bytes ? o->max_bytes : CD_DEFAULT_MAX_BYTES;
    if (max > CD_MAX_DOC_BYTES / 4)
        max = CD_MAX_DOC_BYTES / 4; /* as for files: decoding may triple it */
    size_t jobs = o->jobs > 0 ? (size_t)o->jobs : CD_DEFAULT_JOBS;
    char *cache_dir = o->no_cache ? NULL : cd_cache_dir(o->cache_dir);

    xfer *xs = cd_xcalloc(n, sizeof *xs);
    size_t todo = 0, done = 0, used = 0;
    for (size_t i = 0; i < n; i++) {
        xfer *x = &xs[i];
        memset(&results[i], 0, sizeof results[i]);
        x->res = &results[i];
        x->res->url = xstrdup(urls[i]);
        x->url = urls[i];
        x->max = max;
        x->used = &used;
        x->budget = o->max_total_bytes;
        x->state = X_DONE;
        if (!cd_is_url(urls[i])) {
            set_error(x->res, "not an http or https URL");
            continue;
        }
        x->norm = cd_url_normalise(urls[i]);
        char *host = x->norm ? url_host(NULL, urls[i]) : NULL;
        if (!host) {
            set_error(x->res, "malformed URL");
            continue;
        }
        const char *why = o->allow_private ? NULL : cd_host_refusal(host);
        if (why) { /* before the cache too: the answer does not depend on it */
            refuse(x, "to fetch from", host, why);
            set_error(x->res, "%s", x->refused);
            free(host);
            continue;
        }
        free(host);
        x->host = cd_xstrndup(x->norm, host_len(x->norm));
        if (from_cache(x, o, cache_dir))
            continue;
        x->state = X_WAIT;
        todo++;
    }

    size_t *busy = cd_xcalloc(number_hosts(xs, n) + 1, sizeof *busy); /* per host */
    CURLM *m = todo ? curl_multi_init() : NULL;
    if (todo && !m) {
        for (size_t i = 0; i < n; i++)
            if (xs[i].state == X_WAIT) {
                set_error(xs[i].res, "could not start a transfer (libcurl)");
                xs[i].state = X_DONE;
            }
        todo = 0;
    }
    if (m) {
        curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)CD_MAX_PER_HOST);
        curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)jobs);
    }
    int width = 0;
    if (todo)
        progress(o, 0, todo, &width);
    size_t active = 0;
    while (done < todo) {
        /* start what may start: free slots, host below its limit, time come */
        double now = now_mono(), next = -1;
        for (size_t i = 0; i < n && active < jobs; i++) {
            xfer *x = &xs[i];
            if (x->state != X_WAIT)
                continue;
            if (x->ready_at > now) {
                if (next < 0 || x->ready_at < next)
                    next = x->ready_at;
                continue;
            }
            if (busy[x->host_id] >= CD_MAX_PER_HOST)
                continue;
            if (start(m, x, o, timeout)) {
                active++;
                busy[x->host_id]++;
            } else {
                xfer_reset(x);
                x->state = X_DONE;
                done++;
            }
        }
        int running = 0;
        curl_multi_perform(m, &running);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(m, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CURL *h = msg->easy_handle;
            CURLcode rc = msg->data.result;
            char *priv = NULL;
            curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv);
            xfer *x = (xfer *)(void *)priv;
            curl_multi_remove_handle(m, h);
            active--;
            busy[x->host_id]--;
            bool again = finish(x, rc, o, cache_dir, timeout);
            xfer_reset(x);
            if (!again) {
                x->state = X_DONE;
                done++;
                progress(o, done, todo, &width);
            }
        }
        if (done >= todo)
            break;
        next = -1;
        for (size_t i = 0; i < n; i++)
            if (xs[i].state == X_WAIT && (next < 0 || xs[i].ready_at < next))
                next = xs[i].ready_at;
        int wait_ms = 1000;
        if (next >= 0) {
            double d = (next - now_mono()) * 1000.0;
            wait_ms = d < 0 ? 0 : d > 1000 ? 1000 : (int)d + 1;
        }
        curl_multi_poll(m, NULL, 0, wait_ms, NULL);
    }
    if (m)
        curl_multi_cleanup(m);
    if (o->progress && width > 0) {
        fprintf(stderr, "\r%*s\r", width, "");
        fflush(stderr);
    }
    for (size_t i = 0; i < n; i++) {
        xfer_reset(&xs[i]);
        free(xs[i].norm);
        free(xs[i].host);
        if (xs[i].have_cached)
            cd_cache_entry_free(&xs[i].cached);
    }
    free(xs);
    free(busy);
    free(cache_dir);
}
