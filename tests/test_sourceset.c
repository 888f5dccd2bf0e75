/* test_sourceset.c — the sources of a run: manifests, saved documents,
 * labels, standard input, one bad entry among good ones. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch.h"

static char dir[] = "/tmp/cd-sourceset-XXXXXX";

static void setup(void)
{
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(sourceset, .init = setup, .fini = teardown);

static char *path_of(const char *name)
{
    static char path[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

static char *write_file(const char *name, const char *text)
{
    char *p = path_of(name);
    FILE *f = fopen(p, "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static const char A[] = "The dam at Portsmere gave way on Tuesday, officials said.\n\n"
                        "At least 12 people were killed, the governor said.\n";
static const char B[] = "Rescuers searched the Quayside district overnight.\n\n"
                        "The mayor said the city would rebuild.\n";
static const cd_load_opts RAW = {.no_clean = true};

Test(sourceset, manifest_expands_with_relative_paths_and_outlets)
{
    write_file("a.txt", A);
    write_file("b.txt", B);
    char *m = write_file("run.json", "{\"sources\": [{\"path\": \"a.txt\", \"outlet\": \"Wire\"},"
                                     " {\"path\": \"b.txt\", \"label\": \"Courier\"},"
                                     " {\"outlet\": \"Nobody\"},"
                                     " {\"url\": \"ftp://example.com/x\"}]}");
    char *args[] = {m};
    cd_source_set set;
    cd_sources_load(args, 1, NULL, 0, &RAW, &set);
    cr_assert_eq(set.n, 4);
    cr_assert_not_null(set.docs[0], "%s", set.errors[0]);
    cr_expect_str_eq(cd_doc_outlet(set.docs[0]), "Wire");
    cr_expect_str_eq(set.origins[0], path_of("a.txt"));
    cr_assert_not_null(set.docs[1], "%s", set.errors[1]);
    cr_expect_str_eq(cd_doc_outlet(set.docs[1]), "Courier");
    cr_expect_null(set.docs[2]);
    cr_expect_not_null(strstr(set.errors[2], "manifest entry 3: needs a \"url\" or a \"path\""),
                       "%s", set.errors[2]);
    cr_expect_null(set.docs[3]);
    cr_expect_not_null(strstr(set.errors[3], "http or https"), "%s", set.errors[3]);
    cd_source_set_free(&set);
}

Test(sourceset, bad_manifests_are_one_line_errors)
{
    const char *cases[][2] = {
        {"{\"sources\": [", "not valid JSON"},
        {"{\"sources\": []}", "lists no sources"},
        {"{\"nothing\": 1}", "neither a manifest"},
        {"{\"sources\": [{\"paragraphs\": 3}]}", "neither a manifest"},
        /* jansson quotes the bad input, here a line break: still one line
         * (found by fuzz/fuzz_manifest) */
        {"{\"sources\": \"\\\n\"}", "invalid escape"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char name[32];
        snprintf(name, sizeof name, "m%zu.json", i);
        char *args[] = {write_file(name, cases[i][0])};
        cd_source_set set;
        cd_sources_load(args, 1, NULL, 0, &RAW, &set);
        cr_assert_eq(set.n, 1);
        cr_expect_null(set.docs[0]);
        cr_assert_not_null(set.errors[0]);
        cr_expect_not_null(strstr(set.errors[0], cases[i][1]), "«%s»: got «%s»", cases[i][0],
                           set.errors[0]);
        cr_expect_null(strchr(set.errors[0], '\n'));
        cd_source_set_free(&set);
    }
}

Test(sourceset, manifest_inside_a_manifest_is_refused)
{
    write_file("inner.json", "{\"sources\": [{\"path\": \"a.txt\"}]}");
    write_file("a.txt", A);
    char *args[] = {write_file("outer.json", "{\"sources\": [{\"path\": \"inner.json\"}]}")};
    cd_source_set set;
    cd_sources_load(args, 1, NULL, 0, &RAW, &set);
    cr_assert_eq(set.n, 1);
    cr_expect_null(set.docs[0]);
    cr_expect_not_null(strstr(set.errors[0], "not inside another manifest"), "%s", set.errors[0]);
    cd_source_set_free(&set);
}

Test(sourceset, too_many_sources)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "{\"sources\": [");
    for (unsigned i = 0; i <= CD_MAX_SOURCES; i++)
        cd_buf_printf(&b, "%s{\"path\": \"x%u.txt\"}", i ? "," : "", i);
    cd_buf_puts(&b, "]}");
    char *args[] = {write_file("big.json", b.data)};
    cd_buf_free(&b);
    cd_source_set set;
    cd_sources_load(args, 1, NULL, 0, &RAW, &set);
    cr_assert_eq(set.n, 1);
    cr_expect_not_null(strstr(set.errors[0], "at most 5000"), "%s", set.errors[0]);
    cd_source_set_free(&set);
}

Test(sourceset, saved_document_round_trip)
{
    /* what `claimdiff extract -f json` writes */
    char *p = write_file("saved.json",
                         "{\"schema\": \"claimdiff/1\", \"sources\": [{\"id\": \"s1\", "
                         "\"origin\": \"x.html\", \"outlet\": \"Wire\", \"title\": \"Dam fails\", "
                         "\"byline\": \"Ana Ortiz\", \"published\": \"2026-03-04\", "
                         "\"canonical\": \"https://wire.example/dam\", \"paragraphs\": ["
                         "{\"kind\": \"title\", \"line\": 1, \"text\": \"Dam fails\"},"
                         "{\"kind\": \"body\", \"line\": 3, \"text\": \"The dam broke. Twelve "
                         "died.\\n\\n\\nRescuers came.\"}]}]}");
    char *args[] = {p};
    cd_source_set set;
    cd_sources_load(args, 1, NULL, 0, &RAW, &set);
    cr_assert_not_null(set.docs[0], "%s", set.errors[0]);
    const cd_doc *d = set.docs[0];
    cr_expect_str_eq(cd_doc_outlet(d), "Wire");
    cr_expect_str_eq(cd_doc_title(d), "Dam fails");
    cr_expect_str_eq(cd_doc_published(d), "2026-03-04");
    cr_expect_str_eq(cd_doc_canonical(d), "https://wire.example/dam");
    cr_expect_eq(cd_doc_paragraph_count(d), 3); /* the blank lines split the body */
    cr_expect_eq(cd_doc_paragraph(d, 0)->kind, CD_PARA_TITLE);
    cr_expect_eq(cd_doc_sentence_count(d), 4);
    cd_source_set_free(&set);
}

Test(sourceset, labels_and_a_bad_source_among_good_ones)
{
    char *a = write_file("a.txt", A);
    char *missing = path_of("missing.txt");
    char *b = write_file("b.txt", B);
    char *args[] = {a, missing, b};
    cd_label labels[] = {{"Wire", a}, {"Courier", b}};
    cd_source_set set;
    cd_sources_load(args, 3, labels, 2, &RAW, &set);
    cr_assert_eq(set.n, 3);
    cr_assert_not_null(set.docs[0]);
    cr_expect_str_eq(cd_doc_outlet(set.docs[0]), "Wire");
    cr_expect_null(set.docs[1]);
    cr_expect_not_null(strstr(set.errors[1], "No such file"));
    cr_assert_not_null(set.docs[2]);
    cr_expect_str_eq(cd_doc_outlet(set.docs[2]), "Courier");
    cd_source_set_free(&set);
}

/* ------------------------------------------------- URLs through a local server */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

/* Serve files of fixtures/story/ on 127.0.0.1; returns the port. */
static int serve(pid_t *pid)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(s >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    cr_assert_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(s, 16), 0);
    socklen_t len = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &len);
    *pid = fork();
    cr_assert(*pid >= 0);
    if (*pid == 0) {
        alarm(30);
        for (;;) {
            int c = accept(s, NULL, NULL);
            if (c < 0)
                _exit(0);
            char req[2048] = {0}, path[512];
            ssize_t r = read(c, req, sizeof req - 1);
            char name[256] = "";
            if (r > 0)
                sscanf(req, "GET /%255s", name);
            snprintf(path, sizeof path, "%s/story/%s", FIXTURES, name);
            FILE *f = strchr(name, '/') ? NULL : fopen(path, "rb");
            char body[65536];
            size_t n = f ? fread(body, 1, sizeof body, f) : 0;
            if (f)
                fclose(f);
            char head[256];
            int h = snprintf(head, sizeof head,
                             "HTTP/1.1 %s\r\nContent-Type: text/html\r\nContent-Length: %zu\r\n"
                             "Connection: close\r\n\r\n",
                             f ? "200 OK" : "404 Not Found", n);
            if (write(c, head, (size_t)h) < 0 || write(c, body, n) < 0)
                _exit(1);
            close(c);
        }
    }
    close(s);
    return ntohs(a.sin_port);
}

Test(sourceset, urls_are_downloaded_and_cached)
{
    pid_t pid;
    int port = serve(&pid);
    char good[128], missing[128];
    snprintf(good, sizeof good, "http://127.0.0.1:%d/meridian-wire.html", port);
    snprintf(missing, sizeof missing, "http://127.0.0.1:%d/nope.html", port);
    char *args[] = {good, missing};
    cd_load_opts o = {.cache_dir = path_of("cache"), .timeout_s = 10, .allow_private = true};
    cd_source_set set;
    cd_sources_load(args, 2, NULL, 0, &o, &set);
    cr_assert_eq(set.n, 2);
    cr_assert_not_null(set.docs[0], "%s", set.errors[0]);
    cr_expect_str_eq(cd_doc_outlet(set.docs[0]), "Meridian Wire");
    cr_expect_gt(cd_doc_sentence_count(set.docs[0]), 10);
    size_t n0 = cd_doc_sentence_count(set.docs[0]);
    char *text0 = cd_xstrndup(cd_doc_text(set.docs[0], NULL), strlen(cd_doc_text(set.docs[0], NULL)));
    char *title0 = cd_xstrndup(cd_doc_title(set.docs[0]), strlen(cd_doc_title(set.docs[0])));
    cr_expect_null(set.docs[1]);
    cr_expect_not_null(strstr(set.errors[1], "HTTP 404"), "%s", set.errors[1]);
    cd_source_set_free(&set);

    /* the server is gone: offline, the cache answers the same */
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    o.offline = true;
    cd_sources_load(args, 2, NULL, 0, &o, &set);
    cr_assert_not_null(set.docs[0], "%s", set.errors[0]);
    cr_expect_eq(cd_doc_sentence_count(set.docs[0]), n0);
    cr_expect_str_eq(cd_doc_text(set.docs[0], NULL), text0, "offline text differs");
    cr_expect_str_eq(cd_doc_title(set.docs[0]), title0);
    free(text0);
    free(title0);
    cr_expect_not_null(strstr(set.errors[1], "not in the cache"), "%s", set.errors[1]);
    cd_source_set_free(&set);
}
