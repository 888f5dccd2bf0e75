/* test_net.c — the network layer against a small HTTP server of our own.
 *
 * Each test starts the server (a forked child that accept()s on 127.0.0.1 at
 * an ephemeral port and forks once per connection) and answers from the
 * route table in handle(). Hit counters live in shared memory so a test can
 * see how often the server was asked. No external network, no other tools.
 * gzip bodies are built here by a tiny deflate encoder (fixed Huffman codes),
 * so the test needs no zlib. */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "net.h"

/* ------------------------------------------------------------ the server */

enum { H_HELLO, H_BUSY, H_BUSY2, H_BUSY_DATE, H_ETAG, H_ETAG_304, H_COUNTER, H_DRIP, H_TOTAL, H_N };
static long *hits; /* shared with the server */
static pid_t server_pid;
static int port;
static char dir[] = "/tmp/cd-net-XXXXXX";
static char cache[300];

static const char HELLO[] = "<!doctype html><html><head><title>Hello</title></head>"
                            "<body><p>Hello, world.</p></body></html>\n";

static void send_all(int c, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t w = write(c, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(0);
        s += w;
        n -= (size_t)w;
    }
}

static void respond(int c, const char *status, const char *headers, const void *body,
                    size_t len, bool with_length)
{
    char head[1024];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %s\r\nConnection: close\r\n%s", status,
                     headers);
    if (with_length)
        n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %zu\r\n", len);
    n += snprintf(head + n, sizeof head - (size_t)n, "\r\n");
    send_all(c, head, (size_t)n);
    if (len)
        send_all(c, body, len);
}

static void html(int c, const char *body)
{
    respond(c, "200 OK", "Content-Type: text/html; charset=utf-8\r\n", body, strlen(body),
            true);
}

static void redirect(int c, const char *status, const char *to)
{
    char h[512];
    snprintf(h, sizeof h, "Location: %s\r\nContent-Type: text/html\r\n", to);
    respond(c, status, h, "moved\n", 6, true);
}

/* --- a minimal gzip writer: fixed-Huffman deflate, literals and runs */

typedef struct {
    unsigned char *p;
    size_t len, cap;
    uint32_t acc;
    int nbits;
} bits;

static void put_byte(bits *b, unsigned char c)
{
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4096;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    b->p[b->len++] = c;
}

static void put_bits(bits *b, uint32_t v, int n) /* LSB first */
{
    b->acc |= v << b->nbits;
    b->nbits += n;
    while (b->nbits >= 8) {
        put_byte(b, (unsigned char)(b->acc & 0xff));
        b->acc >>= 8;
        b->nbits -= 8;
    }
}

static void put_code(bits *b, uint32_t code, int n) /* Huffman codes: MSB first */
{
    uint32_t r = 0;
    for (int i = 0; i < n; i++)
        r |= ((code >> i) & 1u) << (n - 1 - i);
    put_bits(b, r, n);
}

static void put_literal(bits *b, unsigned char c)
{
    if (c < 144)
        put_code(b, 0x30u + c, 8);
    else
        put_code(b, 0x190u + (c - 144u), 9);
}

static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
    }
    return ~crc;
}

static void put_le32(bits *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        put_byte(b, (unsigned char)(v >> (8 * i)));
}

/* gzip of text, then `runs` repetitions of 258 more copies of its last byte
 * (length 258, distance 1: 13 bits for 258 bytes — a compression bomb). */
static bits gzip(const char *text, size_t runs)
{
    bits b = {0};
    static const unsigned char hdr[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    for (int i = 0; i < 10; i++)
        put_byte(&b, hdr[i]);
    put_bits(&b, 1, 1); /* BFINAL */
    put_bits(&b, 1, 2); /* BTYPE 01: fixed Huffman */
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++)
        put_literal(&b, (unsigned char)text[i]);
    for (size_t i = 0; i < runs; i++) {
        put_code(&b, 0xc5, 8); /* length symbol 285 = 258 */
        put_code(&b, 0, 5);    /* distance code 0 = 1 */
    }
    put_code(&b, 0, 7); /* end of block */
    if (b.nbits)
        put_bits(&b, 0, 8 - b.nbits);
    /* a bomb's trailer is never reached: the client stops at its cap */
    put_le32(&b, runs ? 0 : crc32_update(0, (const unsigned char *)text, n));
    put_le32(&b, (uint32_t)(n + runs * 258));
    return b;
}

static void handle(int c)
{
    char req[8192];
    size_t len = 0;
    while (len < sizeof req - 1) {
        ssize_t r = read(c, req + len, sizeof req - 1 - len);
        if (r <= 0)
            _exit(0);
        len += (size_t)r;
        req[len] = '\0';
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    char path[1024] = "";
    if (sscanf(req, "GET %1023s", path) != 1)
        _exit(0);
    __atomic_fetch_add(&hits[H_TOTAL], 1, __ATOMIC_SEQ_CST);
    char to[256];

    if (strcmp(path, "/hello") == 0) {
        __atomic_fetch_add(&hits[H_HELLO], 1, __ATOMIC_SEQ_CST);
        html(c, HELLO);
    } else if (strcmp(path, "/r1") == 0) {
        redirect(c, "301 Moved Permanently", "/r2");
    } else if (strcmp(path, "/r2") == 0) {
        snprintf(to, sizeof to, "http://127.0.0.1:%d/r3", port);
        redirect(c, "302 Found", to);
    } else if (strcmp(path, "/r3") == 0) {
        redirect(c, "307 Temporary Redirect", "/hello");
    } else if (strcmp(path, "/loop") == 0) {
        redirect(c, "302 Found", "/loop2");
    } else if (strcmp(path, "/loop2") == 0) {
        redirect(c, "302 Found", "/loop");
    } else if (strcmp(path, "/missing") == 0) {
        respond(c, "404 Not Found", "Content-Type: text/html\r\n", "<p>no</p>", 9, true);
    } else if (strcmp(path, "/error") == 0) {
        respond(c, "500 Internal Server Error", "Content-Type: text/html\r\n", "<p>oops</p>",
                11, true);
    } else if (strcmp(path, "/busy") == 0) {
        if (__atomic_fetch_add(&hits[H_BUSY], 1, __ATOMIC_SEQ_CST) == 0)
            respond(c, "429 Too Many Requests", "Retry-After: 1\r\nContent-Type: text/plain\r\n",
                    "slow down\n", 10, true);
        else
            html(c, HELLO);
    } else if (strcmp(path, "/busy2") == 0) {
        if (__atomic_fetch_add(&hits[H_BUSY2], 1, __ATOMIC_SEQ_CST) == 0)
            respond(c, "503 Service Unavailable", "Retry-After: 1\r\n", "", 0, true);
        else
            html(c, HELLO);
    } else if (strcmp(path, "/busy-date") == 0) {
        if (__atomic_fetch_add(&hits[H_BUSY_DATE], 1, __ATOMIC_SEQ_CST) == 0) {
            char h[128];
            time_t t = time(NULL) + 2;
            struct tm tm;
            strftime(h, sizeof h, "Retry-After: %a, %d %b %Y %H:%M:%S GMT\r\n",
                     gmtime_r(&t, &tm));
            respond(c, "503 Service Unavailable", h, "", 0, true);
        } else {
            html(c, HELLO);
        }
    } else if (strcmp(path, "/busy-long") == 0) {
        respond(c, "503 Service Unavailable", "Retry-After: 3600\r\n", "", 0, true);
    } else if (strcmp(path, "/drip") == 0) {
        respond(c, "200 OK", "Content-Type: text/html\r\nContent-Length: 100000\r\n", "", 0,
                false);
        for (int i = 0; i < 100; i++) { /* 1 byte per 200 ms: at most 20 s */
            send_all(c, "<", 1);
            usleep(200000);
        }
    } else if (strcmp(path, "/big") == 0 || strcmp(path, "/big-cl") == 0) {
        size_t n = 2u << 20;
        char *body = malloc(n);
        memset(body, 'a', n);
        respond(c, "200 OK", "Content-Type: text/html\r\n", body, n,
                strcmp(path, "/big-cl") == 0);
        free(body);
    } else if (strcmp(path, "/gzip") == 0) {
        bits g = gzip(HELLO, 0);
        respond(c, "200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", g.p,
                g.len, true);
        free(g.p);
    } else if (strcmp(path, "/bomb") == 0) {
        bits g = gzip("<html><body>", 260000); /* 64 MiB from 400 KiB */
        respond(c, "200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", g.p,
                g.len, true);
        free(g.p);
    } else if (strcmp(path, "/cp1252") == 0) {
        const char body[] = "<html><body><p>\x93quoted\x94 caf\xe9</p></body></html>";
        respond(c, "200 OK", "Content-Type: text/html; charset=\"Windows-1252\"\r\n", body,
                sizeof body - 1, true);
    } else if (strcmp(path, "/pdf") == 0) {
        respond(c, "200 OK", "Content-Type: application/pdf\r\n", "%PDF-1.4\n", 9, true);
    } else if (strcmp(path, "/notype") == 0) {
        respond(c, "200 OK", "", "plain words\n", 12, true);
    } else if (strcmp(path, "/to-file") == 0) {
        redirect(c, "302 Found", "file:///etc/passwd");
    } else if (strcmp(path, "http://news.example/hello") == 0) { /* asked as a proxy */
        html(c, HELLO);
    } else if (strcmp(path, "http://news.example/to-loopback") == 0) {
        snprintf(to, sizeof to, "http://127.0.0.1:%d/hello", port);
        redirect(c, "302 Found", to);
    } else if (strcmp(path, "http://news.example/to-mapped") == 0) {
        snprintf(to, sizeof to, "http://[::ffff:127.0.0.1]:%d/hello", port);
        redirect(c, "301 Moved Permanently", to);
    } else if (strcmp(path, "/to-ftp") == 0) {
        redirect(c, "302 Found", "ftp://127.0.0.1/x");
    } else if (strcmp(path, "/etag") == 0) {
        __atomic_fetch_add(&hits[H_ETAG], 1, __ATOMIC_SEQ_CST);
        if (strstr(req, "If-None-Match: \"v1\"")) {
            __atomic_fetch_add(&hits[H_ETAG_304], 1, __ATOMIC_SEQ_CST);
            respond(c, "304 Not Modified", "ETag: \"v1\"\r\n", "", 0, false);
        } else {
            respond(c, "200 OK",
                    "Content-Type: text/html\r\nETag: \"v1\"\r\n"
                    "Last-Modified: Mon, 12 Jun 2023 10:00:00 GMT\r\n",
                    HELLO, strlen(HELLO), true);
        }
    } else if (strcmp(path, "/counter") == 0) {
        long k = __atomic_fetch_add(&hits[H_COUNTER], 1, __ATOMIC_SEQ_CST);
        char body[4096];
        int n = snprintf(body, sizeof body, "<html><body><p>visit %ld</p>", k);
        while (n < 3000) /* long enough to be written in more than one piece */
            n += snprintf(body + n, sizeof body - (size_t)n, "<p>filler %d</p>", n);
        respond(c, "200 OK", "Content-Type: text/html\r\n", body, (size_t)n, true);
    } else {
        respond(c, "404 Not Found", "Content-Type: text/plain\r\n", "no route\n", 9, true);
    }
    shutdown(c, SHUT_WR);
    char sink[256];
    while (read(c, sink, sizeof sink) > 0) /* let the client close first */
        ;
    _exit(0);
}

static void serve(int lfd)
{
    signal(SIGCHLD, SIG_IGN); /* connection children reap themselves */
    signal(SIGPIPE, SIG_IGN);
    for (;;) {
        int c = accept(lfd, NULL, NULL);
        if (c < 0)
            continue;
        pid_t p = fork();
        if (p == 0) {
            close(lfd);
            alarm(30);
            handle(c);
        }
        close(c);
    }
}

static void setup(void)
{
    setenv("no_proxy", "127.0.0.1", 1); /* a proxy from the environment must not see these */
    setenv("NO_PROXY", "127.0.0.1", 1);
    cr_assert_not_null(mkdtemp(dir));
    snprintf(cache, sizeof cache, "%s/cache", dir);
    hits = mmap(NULL, sizeof(long) * H_N, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                -1, 0);
    cr_assert_neq(hits, MAP_FAILED);
    memset(hits, 0, sizeof(long) * H_N);
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(lfd, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(lfd, 64), 0);
    socklen_t al = sizeof a;
    cr_assert_eq(getsockname(lfd, (struct sockaddr *)&a, &al), 0);
    port = ntohs(a.sin_port);
    server_pid = fork();
    cr_assert_geq(server_pid, 0);
    if (server_pid == 0) {
        setpgid(0, 0);
        serve(lfd);
        _exit(0);
    }
    setpgid(server_pid, server_pid);
    close(lfd);
}

static void teardown(void)
{
    if (server_pid > 0) {
        kill(-server_pid, SIGKILL);
        kill(server_pid, SIGKILL);
        waitpid(server_pid, NULL, 0);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    munmap(hits, sizeof(long) * H_N);
    cd_net_cleanup();
}

TestSuite(net, .init = setup, .fini = teardown);

/* ------------------------------------------------------------- helpers */

static char *url(const char *path)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "http://127.0.0.1:%d%s", port, path);
    return buf[k];
}

static cd_net_opts opts(void)
{
    /* the server is on 127.0.0.1: only the guard tests leave the guard on */
    return (cd_net_opts){.timeout_s = 10, .cache_dir = cache, .allow_private = true};
}

/* Fetch one URL; the caller frees the result. */
static cd_fetch_result fetch1(const char *u, const cd_net_opts *o)
{
    cd_fetch_result r;
    cd_fetch_urls(&u, 1, o, &r);
    return r;
}

static void expect_error(const char *u, const cd_net_opts *o, const char *want)
{
    cd_fetch_result r = fetch1(u, o);
    cr_expect_not_null(r.error, "%s: no error", u);
    if (r.error)
        cr_expect(strstr(r.error, want) != NULL, "%s: error '%s', want '%s'", u, r.error,
                  want);
    cr_expect_eq(r.body.len, 0);
    cd_fetch_result_free(&r);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------- HTTP */

Test(net, ok_html)
{
    cd_net_opts o = opts();
    cd_fetch_result r = fetch1(url("/hello"), &o);
    cr_assert_null(r.error, "%s", r.error);
    cr_expect_eq(r.status, 200);
    cr_expect_str_eq(r.url, url("/hello"));
    cr_expect_str_eq(r.final_url, url("/hello"));
    cr_expect_str_eq(r.content_type, "text/html");
    cr_expect_str_eq(r.charset, "utf-8");
    cr_expect_eq(r.body.len, strlen(HELLO));
    cr_expect_str_eq(r.body.data, HELLO);
    cr_expect(!r.from_cache);
    cd_fetch_result_free(&r);
}

Test(net, many_at_once_keep_order)
{
    cd_net_opts o = opts();
    o.jobs = 3;
    const char *u[10];
    for (int i = 0; i < 10; i++)
        u[i] = strdup(url(i % 2 ? "/missing" : "/hello"));
    cd_fetch_result r[10];
    cd_fetch_urls(u, 10, &o, r);
    for (int i = 0; i < 10; i++) {
        cr_expect_str_eq(r[i].url, u[i]);
        if (i % 2)
            cr_expect_str_eq(r[i].error, "HTTP 404 Not Found");
        else
            cr_expect_str_eq(r[i].body.data, HELLO);
        cd_fetch_result_free(&r[i]);
        free((void *)u[i]);
    }
}

Test(net, redirect_chain)
{
    cd_net_opts o = opts();
    cd_fetch_result r = fetch1(url("/r1"), &o);
    cr_assert_null(r.error, "%s", r.error);
    cr_expect_str_eq(r.url, url("/r1"));
    cr_expect_str_eq(r.final_url, url("/hello"));
    cr_expect_str_eq(r.body.data, HELLO);
    cd_fetch_result_free(&r);
}

Test(net, redirect_loop)
{
    cd_net_opts o = opts();
    expect_error(url("/loop"), &o, "too many redirects");
}

Test(net, http_404)
{
    cd_net_opts o = opts();
    cd_fetch_result r = fetch1(url("/missing"), &o);
    cr_expect_str_eq(r.error, "HTTP 404 Not Found");
    cr_expect_eq(r.status, 404);
    cr_expect_str_eq(r.final_url, url("/missing"));
    cd_fetch_result_free(&r);
    expect_error(url("/nowhere"), &o, "HTTP 404");
}

Test(net, http_500)
{
    cd_net_opts o = opts();
    expect_error(url("/error"), &o, "HTTP 500 Internal Server Error");
}

Test(net, retry_after_429)
{
    cd_net_opts o = opts();
    double t0 = now();
    cd_fetch_result r = fetch1(url("/busy"), &o);
    double t = now() - t0;
    cr_assert_null(r.error, "%s", r.error);
    cr_expect_str_eq(r.body.data, HELLO);
    cr_expect_eq(hits[H_BUSY], 2);
    cr_expect_geq(t, 0.9, "retried after %.2f s, before Retry-After: 1", t);
    cr_expect_lt(t, 5.0);
    cd_fetch_result_free(&r);
}

Test(net, retry_after_http_date)
{
    cd_net_opts o = opts();
    double t0 = now();
    cd_fetch_result r = fetch1(url("/busy-date"), &o);
    double t = now() - t0;
    cr_assert_null(r.error, "%s", r.error);
    cr_expect_eq(hits[H_BUSY_DATE], 2);
    cr_expect(t >= 0.9 && t < 4.0, "retried after %.2f s", t);
    cd_fetch_result_free(&r);
}

Test(net, retry_after_too_long_fails_fast)
{
    cd_net_opts o = opts();
    double t0 = now();
    expect_error(url("/busy-long"), &o, "HTTP 503 Service Unavailable");
    cr_expect_lt(now() - t0, 3.0);
}

Test(net, retry_does_not_block_others)
{
    /* one slot: while /busy waits for its retry, /busy2 runs and waits too;
     * both retry after about 1 s, not one after the other */
    cd_net_opts o = opts();
    o.jobs = 1;
    const char *u[3] = {url("/busy"), url("/busy2"), url("/hello")};
    double t0 = now();
    cd_fetch_result r[3];
    cd_fetch_urls(u, 3, &o, r);
    double t = now() - t0;
    for (int i = 0; i < 3; i++) {
        cr_expect_null(r[i].error, "%s: %s", u[i], r[i].error);
        cr_expect_str_eq(r[i].body.data, HELLO);
        cd_fetch_result_free(&r[i]);
    }
    cr_expect_eq(hits[H_BUSY], 2);
    cr_expect_eq(hits[H_BUSY2], 2);
    cr_expect_lt(t, 1.8, "took %.2f s", t);
}

Test(net, slow_drip_times_out, .timeout = 15)
{
    cd_net_opts o = opts();
    o.timeout_s = 2;
    double t0 = now();
    expect_error(url("/drip"), &o, "timed out after 2 s");
    double t = now() - t0;
    cr_expect(t >= 1.5 && t < 5.0, "took %.2f s", t);
}

Test(net, body_over_cap)
{
    cd_net_opts o = opts();
    o.max_bytes = 1u << 20;
    expect_error(url("/big"), &o, "larger than the 1 MiB limit");
    expect_error(url("/big-cl"), &o, "larger than the 1 MiB limit");
    o.max_bytes = 3u << 20;
    cd_fetch_result r = fetch1(url("/big"), &o);
    cr_expect_null(r.error);
    cr_expect_eq(r.body.len, 2u << 20);
    cd_fetch_result_free(&r);
}

Test(net, gzip_body)
{
    cd_net_opts o = opts();
    cd_fetch_result r = fetch1(url("/gzip"), &o);
    cr_assert_null(r.error, "%s", r.error);
    cr_expect_str_eq(r.body.data, HELLO);
    cd_fetch_result_free(&r);
}

Test(net, gzip_bomb_stops_at_cap)
{
    cd_net_opts o = opts();
    o.max_bytes = 1u << 20;
    expect_error(url("/bomb"), &o, "larger than the 1 MiB limit");
}

Test(net, charset_passed_through)
{
    cd_net_opts o = opts();
    cd_fetch_result r = fetch1(url("/cp1252"), &o);
    cr_assert_null(r.error, "%s", r.error);
    cr_expect_str_eq(r.content_type, "text/html");
    cr_expect_str_eq(r.charset, "Windows-1252");
    cr_expect(strstr(r.body.data, "\x93quoted\x94") != NULL); /* bytes untouched */
    cd_fetch_result_free(&r);
}

Test(net, content_types)
{
    cd_net_opts o = opts();
    expect_error(url("/pdf"), &o, "not HTML or text (application/pdf)");
    cd_fetch_result r = fetch1(url("/notype"), &o);
    cr_expect_null(r.error);
    cr_expect_null(r.content_type);
    cr_expect_str_eq(r.body.data, "plain words\n");
    cd_fetch_result_free(&r);
}

Test(net, connection_refused)
{
    /* a port nobody listens on: bind one, then close it */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t al = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &al);
    close(s);
    char u[64];
    snprintf(u, sizeof u, "http://127.0.0.1:%d/", ntohs(a.sin_port));
    cd_net_opts o = opts();
    expect_error(u, &o, "connection refused");
}

Test(net, malformed_urls)
{
    cd_net_opts o = opts();
    expect_error("http://", &o, "malformed URL");
    expect_error("http://exa mple.com/", &o, "malformed URL");
    expect_error("http://[::1/", &o, "malformed URL");
    expect_error("http://host:port/", &o, "malformed URL");
    expect_error("example.com/page", &o, "not an http or https URL");
    cr_expect(cd_is_url("HTTPS://example.com/"));
    cr_expect(cd_is_url("http://x"));
    cr_expect(!cd_is_url("file:///etc/passwd"));
    cr_expect(!cd_is_url("news.html"));
}

Test(net, other_schemes_refused)
{
    cd_net_opts o = opts();
    expect_error("file:///etc/passwd", &o, "not an http or https URL");
    expect_error("ftp://127.0.0.1/x", &o, "not an http or https URL");
    expect_error(url("/to-file"), &o, "redirect to a non-HTTP URL refused");
    expect_error(url("/to-ftp"), &o, "redirect to a non-HTTP URL refused");
}

/* ------------------------------------------------------------- cache */

Test(net, url_normalise)
{
    struct { const char *in, *out; } t[] = {
        {"HTTP://Example.COM/A/b?Q=1#frag", "http://example.com/A/b?Q=1"},
        {"https://example.com:443", "https://example.com/"},
        {"http://example.com:80/x", "http://example.com/x"},
        {"http://example.com:8080/x", "http://example.com:8080/x"},
        {"https://example.com:80/x", "https://example.com:80/x"},
        {"http://User@Host.org?q", "http://User@host.org/?q"},
        {"http://[::1]:80/", "http://[::1]/"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        char *n = cd_url_normalise(t[i].in);
        cr_expect_str_eq(n, t[i].out, "%s", t[i].in);
        free(n);
    }
    cr_expect_null(cd_url_normalise("ftp://x/"));
    cr_expect_null(cd_url_normalise("http:///path"));
}

Test(net, offline_after_fetch_is_identical)
{
    cd_net_opts o = opts();
    o.offline = true;
    expect_error(url("/cp1252"), &o, "not in the cache (--offline)");
    o.offline = false;
    cd_fetch_result a = fetch1(url("/cp1252"), &o);
    cr_assert_null(a.error);
    struct stat st;
    cr_expect_eq(stat(cache, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0700);
    o.offline = true;
    cd_fetch_result b = fetch1(url("/cp1252"), &o);
    cr_assert_null(b.error, "%s", b.error);
    cr_expect(b.from_cache);
    cr_expect_eq(a.body.len, b.body.len);
    cr_expect_eq(memcmp(a.body.data, b.body.data, a.body.len), 0);
    cr_expect_str_eq(b.final_url, a.final_url);
    cr_expect_str_eq(b.charset, "Windows-1252");
    cr_expect_eq(b.status, 200);
    /* a fresh entry is used online too, without asking the server */
    o.offline = false;
    long before = hits[H_TOTAL];
    cd_fetch_result c = fetch1(url("/cp1252#frag"), &o);
    cr_expect(c.from_cache);
    cr_expect_eq(hits[H_TOTAL], before);
    /* --refresh asks again */
    o.refresh = true;
    cd_fetch_result d = fetch1(url("/cp1252"), &o);
    cr_expect(!d.from_cache);
    cr_expect_eq(hits[H_TOTAL], before + 1);
    cd_fetch_result_free(&a);
    cd_fetch_result_free(&b);
    cd_fetch_result_free(&c);
    cd_fetch_result_free(&d);
}

static char *entry_path(const char *u)
{
    char *n = cd_url_normalise(u);
    char *p = cd_cache_entry_path(cache, n);
    free(n);
    return p;
}

static void damage(const char *path, int how)
{
    FILE *f = fopen(path, "r+b");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    if (how == 0) { /* flip the last body byte */
        fseek(f, size - 2, SEEK_SET);
        int ch = fgetc(f);
        fseek(f, size - 2, SEEK_SET);
        fputc(ch ^ 0x20, f);
        fclose(f);
    } else if (how == 1) { /* truncate */
        fclose(f);
        cr_assert_eq(truncate(path, size - 10), 0);
    } else { /* lose a header field */
        char *all = malloc((size_t)size + 1);
        fseek(f, 0, SEEK_SET);
        cr_assert_eq(fread(all, 1, (size_t)size, f), (size_t)size);
        fclose(f);
        char *line = strstr(all, "\nxxh3: ");
        cr_assert_not_null(line);
        memcpy(line + 1, "xxh4", 4);
        f = fopen(path, "wb");
        fwrite(all, 1, (size_t)size, f);
        fclose(f);
        free(all);
    }
}

Test(net, corrupt_entry_detected)
{
    for (int how = 0; how < 3; how++) {
        cd_net_opts o = opts();
        cd_fetch_result a = fetch1(url("/hello"), &o);
        cr_assert_null(a.error);
        char *p = entry_path(url("/hello"));
        damage(p, how);
        o.offline = true;
        expect_error(url("/hello"), &o, "cache entry is corrupt (--offline)");
        /* online: fetched again and the entry repaired */
        o.offline = false;
        long before = hits[H_HELLO];
        cd_fetch_result b = fetch1(url("/hello"), &o);
        cr_expect_null(b.error);
        cr_expect(!b.from_cache);
        cr_expect_eq(hits[H_HELLO], before + 1);
        o.offline = true;
        cd_fetch_result c = fetch1(url("/hello"), &o);
        cr_expect_null(c.error, "how %d: %s", how, c.error);
        cr_expect_str_eq(c.body.data, HELLO);
        cd_fetch_result_free(&a);
        cd_fetch_result_free(&b);
        cd_fetch_result_free(&c);
        free(p);
    }
}

Test(net, entry_over_cap)
{
    cd_net_opts o = opts();
    cd_fetch_result a = fetch1(url("/hello"), &o);
    cr_assert_null(a.error);
    cd_fetch_result_free(&a);
    o.offline = true;
    o.max_bytes = 10;
    expect_error(url("/hello"), &o, "larger than the 10 bytes limit");
}

Test(net, concurrent_processes_share_cache, .timeout = 60)
{
    const char *paths[] = {"/hello", "/counter", "/etag", "/cp1252", "/gzip", "/r1"};
    enum { NP = sizeof paths / sizeof *paths };
    const char *u[NP];
    for (int i = 0; i < NP; i++)
        u[i] = strdup(url(paths[i]));
    pid_t kids[3];
    for (int k = 0; k < 3; k++) {
        kids[k] = fork();
        cr_assert_geq(kids[k], 0);
        if (kids[k] == 0) {
            cd_net_opts o = opts();
            int bad = 0;
            for (int round = 0; round < 15; round++) {
                o.refresh = round % 3 != 2; /* write, mostly; sometimes read */
                cd_fetch_result r[NP];
                cd_fetch_urls(u, NP, &o, r);
                for (int i = 0; i < NP; i++) {
                    bad += r[i].error != NULL;
                    cd_fetch_result_free(&r[i]);
                }
            }
            cd_net_cleanup();
            _exit(bad ? 1 : 0);
        }
    }
    for (int k = 0; k < 3; k++) {
        int status;
        cr_assert_eq(waitpid(kids[k], &status, 0), kids[k]);
        cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d failed", k);
    }
    cd_net_opts o = opts();
    o.offline = true;
    cd_fetch_result r[NP];
    cd_fetch_urls(u, NP, &o, r);
    for (int i = 0; i < NP; i++) {
        cr_expect_null(r[i].error, "%s: %s", u[i], r[i].error);
        if (strcmp(paths[i], "/counter") == 0)
            cr_expect(strncmp(r[i].body.data, "<html><body><p>visit ", 21) == 0);
        else if (strcmp(paths[i], "/cp1252") != 0)
            cr_expect_str_eq(r[i].body.data, HELLO, "%s", paths[i]);
        cd_fetch_result_free(&r[i]);
        free((void *)u[i]);
    }
    /* nothing but entries left behind */
    DIR *d = opendir(cache);
    cr_assert_not_null(d);
    struct dirent *de;
    int entries = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        cr_expect(strstr(de->d_name, ".tmp.") == NULL, "left over: %s", de->d_name);
        entries++;
    }
    closedir(d);
    cr_expect_eq(entries, NP);
}

Test(net, conditional_get_revalidates)
{
    cd_net_opts o = opts();
    o.max_age_s = -1; /* always revalidate */
    cd_fetch_result a = fetch1(url("/etag"), &o);
    cr_assert_null(a.error);
    cr_expect(!a.from_cache);
    cd_fetch_result b = fetch1(url("/etag"), &o);
    cr_assert_null(b.error, "%s", b.error);
    cr_expect(b.from_cache);
    cr_expect_eq(hits[H_ETAG], 2);
    cr_expect_eq(hits[H_ETAG_304], 1);
    cr_expect_eq(b.status, 200);
    cr_expect_eq(a.body.len, b.body.len);
    cr_expect_eq(memcmp(a.body.data, b.body.data, a.body.len), 0);
    /* within the freshness window the server is not asked at all */
    o.max_age_s = 0;
    cd_fetch_result c = fetch1(url("/etag"), &o);
    cr_expect(c.from_cache);
    cr_expect_eq(hits[H_ETAG], 2);
    cd_fetch_result_free(&a);
    cd_fetch_result_free(&b);
    cd_fetch_result_free(&c);
}

Test(net, no_cache_writes_nothing)
{
    cd_net_opts o = opts();
    o.no_cache = true;
    cd_fetch_result a = fetch1(url("/hello"), &o);
    cr_expect_null(a.error);
    cd_fetch_result_free(&a);
    struct stat st;
    cr_expect_neq(stat(cache, &st), 0);
}

/* ------------------------------------------------------- the address guard */

Test(guard, address_classes)
{
    static const struct {
        const char *host, *why;
    } cases[] = {
        {"127.0.0.1", "a loopback address"},
        {"127.255.255.254", "a loopback address"},
        {"::1", "a loopback address"},
        {"[::1]", "a loopback address"},
        {"localhost", "a loopback address"},
        {"LocalHost.", "a loopback address"},
        {"news.localhost", "a loopback address"},
        {"::ffff:127.0.0.1", "a loopback address"},
        {"[::ffff:7f00:1]", "a loopback address"},
        {"::127.0.0.1", "a loopback address"},
        {"10.1.2.3", "a private address"},
        {"172.16.0.1", "a private address"},
        {"172.31.255.255", "a private address"},
        {"192.168.1.1", "a private address"},
        {"::ffff:192.168.1.1", "a private address"},
        {"64:ff9b::10.0.0.1", "a private address"},
        {"2002:c0a8:101::1", "a private address"}, /* 6to4 of 192.168.1.1 */
        {"fc00::1", "a private address"},
        {"fd12:3456::1", "a private address"},
        {"fec0::1", "a private address"},
        {"100.64.0.1", "a shared (CGNAT) address"},
        {"100.127.255.255", "a shared (CGNAT) address"},
        {"169.254.169.254", "a link-local address"}, /* cloud metadata */
        {"fe80::1", "a link-local address"},
        {"[fe80::1%25eth0]", "a link-local address"},
        {"0.0.0.0", "an unspecified address"},
        {"0.1.2.3", "an unspecified address"},
        {"::", "an unspecified address"},
        {"224.0.0.1", "a multicast address"},
        {"239.255.255.250", "a multicast address"},
        {"ff02::1", "a multicast address"},
        {"255.255.255.255", "a broadcast address"},
        {"240.0.0.1", "a reserved address"},
        {"192.0.0.8", "a reserved address"},
        {"2001::1", "a reserved address"},
        {"100::1", "a reserved address"},
        {"192.0.2.1", "a documentation address"},
        {"198.51.100.7", "a documentation address"},
        {"203.0.113.9", "a documentation address"},
        {"2001:db8::1", "a documentation address"},
        {"198.18.0.1", "a benchmarking address"},
        /* global: allowed */
        {"93.184.216.34", NULL},
        {"8.8.8.8", NULL},
        {"172.32.0.1", NULL},
        {"100.128.0.1", NULL},
        {"192.169.0.1", NULL},
        {"::ffff:8.8.8.8", NULL},
        {"2606:4700::1111", NULL},
        {"2a00:1450:4001::1", NULL},
        {"example.com", NULL},
        {"localhost.example.com", NULL},
        {"notlocalhost", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = cd_host_refusal(cases[i].host);
        if (cases[i].why)
            cr_expect(got && strcmp(got, cases[i].why) == 0, "%s: got %s, want %s",
                      cases[i].host, got ? got : "(allowed)", cases[i].why);
        else
            cr_expect_null(got, "%s: refused as %s", cases[i].host, got);
    }
}

Test(guard, socket_addresses)
{
    struct sockaddr_in a4 = {.sin_family = AF_INET};
    struct sockaddr_in6 a6 = {.sin6_family = AF_INET6};
    inet_pton(AF_INET, "127.0.0.1", &a4.sin_addr);
    cr_expect_str_eq(cd_addr_refusal((struct sockaddr *)&a4), "a loopback address");
    inet_pton(AF_INET, "192.168.0.10", &a4.sin_addr);
    cr_expect_str_eq(cd_addr_refusal((struct sockaddr *)&a4), "a private address");
    inet_pton(AF_INET, "1.1.1.1", &a4.sin_addr);
    cr_expect_null(cd_addr_refusal((struct sockaddr *)&a4));
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &a6.sin6_addr);
    cr_expect_str_eq(cd_addr_refusal((struct sockaddr *)&a6), "a loopback address");
    inet_pton(AF_INET6, "::ffff:169.254.169.254", &a6.sin6_addr);
    cr_expect_str_eq(cd_addr_refusal((struct sockaddr *)&a6), "a link-local address");
    inet_pton(AF_INET6, "fd00::1", &a6.sin6_addr);
    cr_expect_str_eq(cd_addr_refusal((struct sockaddr *)&a6), "a private address");
    inet_pton(AF_INET6, "2606:4700::1111", &a6.sin6_addr);
    cr_expect_null(cd_addr_refusal((struct sockaddr *)&a6));
    struct sockaddr other = {.sa_family = AF_UNIX};
    cr_expect_null(cd_addr_refusal(&other));
    cr_expect_null(cd_addr_refusal(NULL));
}

Test(net, guard_refuses_loopback_url)
{
    cd_net_opts o = opts();
    o.allow_private = false;
    expect_error(url("/hello"), &o,
                 "refused to fetch from 127.0.0.1, a loopback address (see --allow-private)");
    char u[128]; /* the same address written otherwise */
    snprintf(u, sizeof u, "http://[::ffff:127.0.0.1]:%d/hello", port);
    expect_error(u, &o, "refused to fetch from [::ffff:127.0.0.1], a loopback address");
    snprintf(u, sizeof u, "http://localhost:%d/hello", port);
    expect_error(u, &o, "refused to fetch from localhost, a loopback address");
    snprintf(u, sizeof u, "http://news.example@127.0.0.1:%d/hello", port); /* user info */
    expect_error(u, &o, "refused to fetch from 127.0.0.1, a loopback address");
    snprintf(u, sizeof u, "http://0x7f.1:%d/hello", port); /* hex and short forms */
    expect_error(u, &o, "refused to fetch from 127.0.0.1, a loopback address");
    snprintf(u, sizeof u, "http://2130706433:%d/hello", port); /* 127.0.0.1 as one number */
    cd_fetch_result r = fetch1(u, &o);
    cr_expect(r.error && strstr(r.error, "a loopback address"), "%s", r.error);
    cd_fetch_result_free(&r);
    cr_expect_eq(hits[H_TOTAL], 0, "the server was asked %ld times", hits[H_TOTAL]);
    o.allow_private = true; /* and the flag lifts it */
    r = fetch1(url("/hello"), &o);
    cr_expect_null(r.error, "%s", r.error);
    cd_fetch_result_free(&r);
}

/* A name the guard cannot judge before DNS, answered with 127.0.0.1 (as a
 * DNS rebinding attack would): the socket check refuses it after resolution. */
Test(net, guard_refuses_after_dns)
{
    cd_net_opts o = opts();
    o.allow_private = false;
    char res[64];
    snprintf(res, sizeof res, "cdguardtest:%d:127.0.0.1", port);
    o.resolve = res;
    char u[128];
    snprintf(u, sizeof u, "http://cdguardtest:%d/hello", port);
    cd_fetch_result r = fetch1(u, &o);
    cr_expect(r.error && strstr(r.error, "refused to connect to ") &&
                  strstr(r.error, "a loopback address (see --allow-private)"),
              "%s", r.error ? r.error : "(fetched)");
    cd_fetch_result_free(&r);
    cr_expect_eq(hits[H_TOTAL], 0);
    o.allow_private = true; /* the alias does resolve: the flag lets it through */
    r = fetch1(u, &o);
    cr_expect_null(r.error, "%s", r.error);
    cd_fetch_result_free(&r);
}

/* Through a proxy (our server answers proxy requests for news.example): the
 * page comes, a redirect to a loopback address does not. */
Test(net, guard_redirect_to_loopback_refused)
{
    char proxy[64];
    snprintf(proxy, sizeof proxy, "http://127.0.0.1:%d", port);
    setenv("http_proxy", proxy, 1);
    cd_net_opts o = opts();
    o.allow_private = false;
    o.no_cache = true;
    cd_fetch_result r = fetch1("http://news.example/hello", &o);
    cr_expect_null(r.error, "%s", r.error);
    cd_fetch_result_free(&r);
    expect_error("http://news.example/to-loopback", &o,
                 "refused a redirect to 127.0.0.1, a loopback address (see --allow-private)");
    expect_error("http://news.example/to-mapped", &o,
                 "refused a redirect to [::ffff:127.0.0.1], a loopback address");
    cr_expect_eq(hits[H_HELLO], 0, "the redirect was followed");
}

/* max_total_bytes bounds all bodies of one call together, whatever their
 * order: two pages fit, the third does not; a big one is stopped early. */
Test(net, total_bytes_cap)
{
    cd_net_opts o = opts();
    o.no_cache = true;
    o.max_total_bytes = 2 * (sizeof HELLO - 1) + 10;
    const char *u[3] = {url("/hello"), url("/hello"), url("/hello")};
    cd_fetch_result r[3];
    cd_fetch_urls(u, 3, &o, r);
    int failed = 0;
    for (int i = 0; i < 3; i++) {
        if (r[i].error) {
            failed++;
            cr_expect_str_eq(r[i].error,
                             "over the limit for all sources together (see --max-total-bytes)");
        } else {
            cr_expect_str_eq(r[i].body.data, HELLO);
        }
        cd_fetch_result_free(&r[i]);
    }
    cr_expect_eq(failed, 1);
    o.max_total_bytes = 1u << 20; /* /big sends 2 MiB */
    expect_error(url("/big"), &o, "over the limit for all sources together");
}
