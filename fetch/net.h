/*
 * net.h — the network layer of the fetch wing: HTTP downloads with libcurl
 * (http.c) through an on-disk cache (cache.c). docs/net.md has the rules,
 * the cache layout and every limit.
 *
 * OWNERSHIP, in one sentence: cd_fetch_urls() fills caller-provided result
 * structs whose strings and body are malloc'd and freed with
 * cd_fetch_result_free(); every other char * returned here is malloc'd and
 * freed by the caller with free(), and cd_cache_entry contents are freed with
 * cd_cache_entry_free().
 */
#ifndef CD_NET_H
#define CD_NET_H

#include "fetch.h"

#include <stdint.h>

#define CD_DEFAULT_TIMEOUT_S 20L      /* total per request */
#define CD_MAX_CONNECT_TIMEOUT_S 10L  /* connect timeout: min(this, timeout) */
#define CD_DEFAULT_JOBS 8             /* concurrent transfers */
#define CD_MAX_PER_HOST 2             /* concurrent transfers per host */
#define CD_MAX_REDIRECTS 5
#define CD_MAX_RETRIES 2              /* for 429 and 503 */
#define CD_MAX_RETRY_AFTER_S 10L      /* a longer Retry-After fails at once */
#define CD_DEFAULT_MAX_AGE_S 3600L    /* cache freshness window */

typedef struct {
    long timeout_s;        /* total per request; 0 = CD_DEFAULT_TIMEOUT_S */
    size_t max_bytes;      /* decoded body cap, enforced while downloading;
                            * 0 = CD_DEFAULT_MAX_BYTES */
    int jobs;              /* concurrent transfers; 0 = CD_DEFAULT_JOBS */
    const char *cache_dir; /* NULL: $XDG_CACHE_HOME/claimdiff or ~/.cache/claimdiff */
    long max_age_s;        /* cache entries younger than this are used without
                            * asking the server; 0 = CD_DEFAULT_MAX_AGE_S,
                            * negative = always revalidate */
    bool offline;          /* only the cache; a miss is an error */
    bool refresh;          /* ignore the cache, but write the new entry */
    bool no_cache;         /* neither read nor write the cache */
    bool progress;         /* a progress line on stderr (caller decides: isatty) */
    size_t max_total_bytes;/* all bodies of this call together (decoded, cache
                            * hits included); a transfer that would pass it
                            * fails; 0 = no limit */
    bool allow_private;    /* also fetch from loopback, private and other
                            * non-global addresses (off: see cd_addr_refusal) */
    const char *resolve;   /* NULL, or "HOST:PORT:ADDRESS" answered as if by DNS
                            * (libcurl's CURLOPT_RESOLVE; the tests use it) */
} cd_net_opts;

typedef struct {
    char *url;          /* as given */
    char *final_url;    /* after redirects (NULL when no response came) */
    long status;        /* HTTP status of the final response, also when it is
                         * an error such as 404 (0: no response) */
    char *content_type; /* media type, lowercase, without parameters; may be NULL */
    char *charset;      /* charset parameter of Content-Type; may be NULL */
    cd_buf body;        /* the decoded body (empty on error) */
    char *error;        /* NULL on success, else one line such as "HTTP 404 Not
                         * Found", "connection refused", "timed out after 20 s",
                         * "not in the cache (--offline)" */
    bool from_cache;    /* body came from the cache (fresh hit, offline, or 304) */
} cd_fetch_result;

/* Fetch urls[0..n) concurrently (libcurl multi interface) through the cache
 * and fill results[i] for urls[i] (results need not be initialised). Never
 * fails as a whole: each result carries its own error. Prints nothing except
 * the progress line when o->progress. Free each result with
 * cd_fetch_result_free(). */
void cd_fetch_urls(const char *const *urls, size_t n, const cd_net_opts *o,
                   cd_fetch_result *results);
void cd_fetch_result_free(cd_fetch_result *r);

/* Does s start with http:// or https:// (scheme case-insensitive)? */
bool cd_is_url(const char *s);

/* Why an address must not be fetched without --allow-private, as a phrase
 * with its article ("a loopback address", "a private address", "a link-local
 * address", "a shared (CGNAT) address", "an unspecified address", "a
 * multicast address", "a broadcast address", "a documentation address", "a
 * benchmarking address", "a reserved address"); NULL for a global unicast
 * address and for families other than IPv4 and IPv6. IPv6 addresses that
 * carry an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) are judged by the IPv4 address inside. */
struct sockaddr;
const char *cd_addr_refusal(const struct sockaddr *sa);

/* The same for a URL's host as written: an IPv4 or IPv6 literal (brackets
 * allowed) is judged as above, "localhost" and names under ".localhost" are
 * loopback, anything else is NULL (a name is judged once it is resolved). */
const char *cd_host_refusal(const char *host);

/* Release libcurl's global state (call once at exit; optional). */
void cd_net_cleanup(void);

/* ------------------------------------------------------------- cache.c */

/* The normal form of an http(s) URL used as the cache key: lowercase scheme
 * and host, default port removed, empty path made "/", fragment dropped.
 * NULL when url is not an absolute http(s) URL with a host. */
char *cd_url_normalise(const char *url);

/* The cache directory: dir when not NULL, else $XDG_CACHE_HOME/claimdiff,
 * else $HOME/.cache/claimdiff. NULL when none can be determined. */
char *cd_cache_dir(const char *dir);

/* The file holding the entry for (normalised) url under dir. */
char *cd_cache_entry_path(const char *dir, const char *norm_url);

typedef struct {
    char *final_url;
    long status;
    char *content_type;  /* the full Content-Type header value; may be NULL */
    char *etag;          /* may be NULL */
    char *last_modified; /* may be NULL */
    int64_t fetched;     /* Unix time of the download or last revalidation */
    cd_buf body;
} cd_cache_entry;

typedef enum {
    CD_CACHE_MISS,    /* no entry */
    CD_CACHE_OK,      /* *e filled */
    CD_CACHE_CORRUPT, /* an entry exists but is damaged (bad header, wrong
                       * length or checksum, other URL) */
    CD_CACHE_TOO_BIG  /* the entry's body is larger than max_bytes */
} cd_cache_status;

/* Read the entry for norm_url; *e is filled only on CD_CACHE_OK. */
cd_cache_status cd_cache_get(const char *dir, const char *norm_url, size_t max_bytes,
                             cd_cache_entry *e);

/* Write the entry for norm_url atomically (temporary file in dir, then
 * rename), creating dir (mode 0700) when needed. False on an I/O error; the
 * cache is then unchanged. */
bool cd_cache_put(const char *dir, const char *norm_url, const cd_cache_entry *e);

void cd_cache_entry_free(cd_cache_entry *e);

#endif
