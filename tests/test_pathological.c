/* test_pathological.c — hostile inputs through the whole program, each with a
 * time and memory bound (cmark's pathological_tests.py habit).
 *
 * Every input is generated here into a temporary folder (no committed
 * blobs). Each case runs the claimdiff binary, then checks the exit status,
 * the output, that every error is one line, and that the run stayed under
 * its bounds: wall time and peak resident memory of the child (getrusage).
 * The bounds are generous — several times what a debug build needs on a
 * 2-vCPU machine (docs/security.md lists the measured figures) — while a
 * quadratic blow-up or a hang does not pass. */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The bounds, doubled and tripled under AddressSanitizer (this test is built
 * with the same flags as the program it runs): ASan's shadow memory and
 * quarantine about double the program's peak, its checks slow it 3-8x. */
#if defined(__SANITIZE_ADDRESS__)
#define MAX_SECONDS 120.0
#define MAX_RSS_MB 3072L
#else
#define MAX_SECONDS 60.0
#define MAX_RSS_MB 1024L
#endif

static char dir[] = "/tmp/cd-patho-XXXXXX";

static void setup(void)
{
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

TestSuite(patho, .init = setup, .fini = teardown, .timeout = 300);

static const char *path(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static FILE *create(const char *name)
{
    FILE *f = fopen(path(name), "w");
    cr_assert_not_null(f, "%s: %s", name, strerror(errno));
    return f;
}

static char *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *b = malloc(cap);
    while ((r = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2)
            b = realloc(b, cap *= 2);
    }
    fclose(f);
    b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

typedef struct {
    int status;
    double seconds;
    long rss_mb;
    char *out, *err;
    size_t out_len, err_lines;
} run_result;

/* Run claimdiff with args (NULL-terminated) in the source root; stdout and
 * stderr go to files in dir. */
static run_result run(const char *const *args)
{
    const char *argv[32];
    size_t n = 0;
    argv[n++] = CLAIMDIFF_BIN;
    for (; *args && n < 31; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        int o = open(path("stdout"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(path("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (o < 0 || e < 0 || chdir(SOURCE_ROOT) != 0)
            _exit(99);
        dup2(o, 1);
        dup2(e, 2);
        setenv("NO_COLOR", "1", 1);
        execv(CLAIMDIFF_BIN, (char *const *)argv);
        _exit(98);
    }
    int st;
    struct rusage ru;
    cr_assert_eq(wait4(pid, &st, 0, &ru), pid);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    run_result r = {0};
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    r.rss_mb = ru.ru_maxrss / 1024; /* KiB on Linux */
    r.out = slurp(path("stdout"), &r.out_len);
    size_t elen;
    r.err = slurp(path("stderr"), &elen);
    cr_assert_not_null(r.out);
    cr_assert_not_null(r.err);
    for (size_t i = 0; i < elen; i++)
        r.err_lines += r.err[i] == '\n';
    cr_log_info("%s %s: exit %d, %.2f s, %ld MB, %zu bytes out, %zu lines on stderr", argv[1],
                argv[n - 1], r.status, r.seconds, r.rss_mb, r.out_len, r.err_lines);
    cr_expect_lt(r.status, 5, "killed or crashed: %d; stderr: %.300s", r.status, r.err);
    cr_expect_leq(r.seconds, MAX_SECONDS, "took %.1f s", r.seconds);
    cr_expect_leq(r.rss_mb, MAX_RSS_MB, "peak memory %ld MB", r.rss_mb);
    /* every message is one line starting with the program's name */
    for (const char *p = r.err; *p; p = strchr(p, '\n') + 1) {
        cr_expect(strncmp(p, "claimdiff: ", 11) == 0, "stray stderr line: %.100s", p);
        if (!strchr(p, '\n'))
            break;
    }
    return r;
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* Occurrences of needle in s, by hand: under ASan every strstr call
 * measures the whole haystack, which made a count over 10 MB quadratic. */
static size_t count(const char *s, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = s; *p; p++) {
        size_t i = 0;
        while (i < k && p[i] == needle[i])
            i++;
        if (i == k) {
            n++;
            p += k - 1;
        }
    }
    return n;
}

static size_t lines(const char *s)
{
    return count(s, "\n");
}

#define STORY SOURCE_ROOT "/fixtures/story/meridian-wire.txt"

/* ------------------------------------------------------------------ cases */

Test(patho, ten_thousand_identical_sentences)
{
    FILE *f = create("same.txt");
    for (int i = 0; i < 10000; i++)
        fputs("The council approved the new budget on Tuesday. ", f);
    fputc('\n', f);
    fclose(f);
    run_result r = run((const char *[]){"sentences", path("same.txt"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(lines(r.out), 10000);
    cr_expect_eq(count(r.out, "The council approved the new budget on Tuesday.\n"), 10000);
    run_free(&r);
    r = run((const char *[]){"compare", "-f", "json", path("same.txt"), STORY, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "\"schema\": \"claimdiff/1\"") != NULL);
    /* every kept sentence appears: at least 10,000 of the repeated one */
    cr_expect_geq(count(r.out, "\"text\": \"The council approved the new budget on Tuesday.\""),
                  10000);
    run_free(&r);
}

Test(patho, sentence_cap_keeps_the_first)
{
    FILE *f = create("cap.txt");
    for (int i = 0; i < 30000; i++)
        fprintf(f, "Sentence number %d is here. ", i);
    fputc('\n', f);
    fclose(f);
    run_result r = run((const char *[]){"sentences", path("cap.txt"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(lines(r.out), 20000);
    cr_expect(strstr(r.out, "fact        Sentence number 0 is here.\n") == r.out);
    cr_expect(strstr(r.out, "Sentence number 19999 is here.\n") != NULL);
    cr_expect(strstr(r.out, "Sentence number 20000 ") == NULL);
    cr_expect(strstr(r.err, "30000 sentences: only the first 20000 were kept "
                            "(see --max-sentences)") != NULL,
              "%s", r.err);
    run_free(&r);
    r = run((const char *[]){"sentences", "--max-sentences", "5", path("cap.txt"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(lines(r.out), 5);
    run_free(&r);
}

Test(patho, thousand_sources_of_three_sentences)
{
    FILE *m = create("many.json");
    fputs("{\"sources\": [", m);
    for (int i = 0; i < 1000; i++) {
        char name[32];
        snprintf(name, sizeof name, "s%04d.txt", i);
        FILE *f = create(name);
        fprintf(f, "Outlet %d reports that the dam at Brennick failed early on Tuesday. "
                   "Officials said %d people were evacuated from the valley. The mayor "
                   "called the response \"swift and careful\".\n",
                i, i * 3 + 7);
        fclose(f);
        fprintf(m, "%s{\"path\": \"%s\"}", i ? ", " : "", name);
    }
    fputs("]}\n", m);
    fclose(m);
    run_result r = run((const char *[]){"sentences", path("many.json"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(count(r.out, "==> "), 1000);
    cr_expect_eq(count(r.out, "were evacuated from the valley."), 1000);
    run_free(&r);
    r = run((const char *[]){"compare", "-f", "json", path("many.json"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(count(r.out, "\"origin\": "), 1000);
    run_free(&r);
    /* the same with a lower cap: the manifest is refused as a whole */
    r = run((const char *[]){"sentences", "--max-sources", "999", path("many.json"), NULL});
    cr_expect_eq(r.status, 3);
    cr_expect(strstr(r.err, "the manifest lists 1000 sources; at most 999 can be read in one "
                            "run (see --max-sources)") != NULL,
              "%s", r.err);
    cr_expect_eq(r.err_lines, 1);
    run_free(&r);
}

Test(patho, five_megabyte_sentence)
{
    static const char *const words[] = {"water", "dam", "river", "council",
                                        "storm", "valley", "report", "people"};
    FILE *f = create("long.txt");
    size_t n = 0, councils = 0;
    for (size_t i = 0; n < 5u << 20; i++) {
        n += (size_t)fprintf(f, "%s ", words[i % 8]);
        councils += i % 8 == 3;
    }
    fputc('\n', f);
    fclose(f);
    run_result r = run((const char *[]){"sentences", path("long.txt"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    /* cut at the 8 KiB sentence cap, at a space: about 640 pieces, none longer */
    size_t pieces = lines(r.out);
    cr_expect(pieces >= 640 && pieces <= 700, "%zu pieces", pieces);
    size_t longest = 0;
    for (const char *p = r.out; *p;) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        if ((size_t)(nl - p) > longest)
            longest = (size_t)(nl - p);
        p = nl + 1;
    }
    cr_expect_leq(longest, 8192 + 12); /* 12: the framing column of `sentences` */
    cr_expect_eq(count(r.out, "council"), councils, "words lost");
    run_free(&r);
    r = run((const char *[]){"compare", "-f", "json", path("long.txt"), STORY, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
}

Test(patho, hundred_thousand_nested_elements)
{
    FILE *f = create("deep.html");
    fputs("<html><body><p>The dam failed on Tuesday. Twelve people died.</p>", f);
    for (int i = 0; i < 100000; i++)
        fputs("<div>", f);
    fputs("<p>Deep text here.</p>", f);
    for (int i = 0; i < 100000; i++)
        fputs("</div>", f);
    fputs("</body></html>\n", f);
    fclose(f);
    /* the part before the limit is read, with a warning */
    run_result r = run((const char *[]){"sentences", path("deep.html"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "fact        The dam failed on Tuesday.\nfact        Twelve people died.\n");
    cr_expect(strstr(r.err, "the page nests elements deeper than 256: only the part before "
                            "that was read (see --max-depth)") != NULL,
              "%s", r.err);
    run_free(&r);
    /* nothing before the limit: a clear error */
    f = create("deep-only.html");
    fputs("<html><body>", f);
    for (int i = 0; i < 100000; i++)
        fputs("<div>", f);
    fputs("<p>Deep text here.</p></body></html>\n", f);
    fclose(f);
    r = run((const char *[]){"sentences", path("deep-only.html"), NULL});
    cr_expect_eq(r.status, 3);
    cr_expect(strstr(r.err, "no article text found in the page before its elements nest deeper "
                            "than 256 (see --max-depth)") != NULL,
              "%s", r.err);
    cr_expect_eq(r.err_lines, 1);
    run_free(&r);
    /* a higher limit reads deeper */
    f = create("deep-300.html");
    fputs("<html><body>", f);
    for (int i = 0; i < 300; i++)
        fputs("<div>", f);
    fputs("<p>The dam failed on Tuesday. Twelve people died.</p></body></html>\n", f);
    fclose(f);
    r = run((const char *[]){"sentences", "--max-depth", "400", path("deep-300.html"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "fact        The dam failed on Tuesday.\nfact        Twelve people died.\n");
    run_free(&r);
}

Test(patho, ten_megabytes_of_one_quote)
{
    FILE *f = create("quotes.txt");
    for (int i = 0; i < 10000000 / 1000; i++) {
        char block[1000];
        memset(block, '"', sizeof block);
        fwrite(block, 1, sizeof block, f);
    }
    fclose(f);
    f = create("curly.txt");
    for (int i = 0; i < 3333333; i++)
        fputs("\xe2\x80\x9c", f); /* U+201C, 10 MB */
    fclose(f);
    /* no words: site furniture, one clear error each */
    run_result r = run((const char *[]){"sentences", path("quotes.txt"), NULL});
    cr_expect_eq(r.status, 3);
    cr_expect(strstr(r.err, "no article text found") != NULL, "%s", r.err);
    cr_expect_eq(r.err_lines, 1);
    run_free(&r);
    /* kept as text: cut into 8 KiB sentences, every byte still there */
    r = run((const char *[]){"sentences", "--no-clean", path("quotes.txt"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(count(r.out, "\""), 10000000);
    run_free(&r);
    r = run((const char *[]){"sentences", "--no-clean", path("curly.txt"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(count(r.out, "\xe2\x80\x9c"), 3333333);
    run_free(&r);
    r = run((const char *[]){"compare", "--no-clean", "-f", "json", path("quotes.txt"),
                             path("curly.txt"), STORY, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
}

Test(patho, manifest_of_ten_thousand_urls)
{
    FILE *f = create("urls.json");
    FILE *g = create("private.json");
    fputs("{\"sources\": [", f);
    fputs("{\"sources\": [", g);
    for (int i = 0; i < 10000; i++) {
        fprintf(f, "%s{\"url\": \"http://news.example/a%05d.html\"}", i ? ", " : "", i);
        fprintf(g, "%s{\"url\": \"http://10.%d.%d.1/a.html\"}", i ? ", " : "", i / 256,
                i % 256);
    }
    fputs("]}\n", f);
    fputs("]}\n", g);
    fclose(f);
    fclose(g);
    /* above the default cap of 5,000: one error for the manifest */
    run_result r = run((const char *[]){"sentences", "--offline", path("urls.json"), NULL});
    cr_expect_eq(r.status, 3);
    cr_expect_eq(r.err_lines, 1, "%s", r.err);
    cr_expect(strstr(r.err, "the manifest lists 10000 sources; at most 5000 can be read in one "
                            "run (see --max-sources)") != NULL,
              "%s", r.err);
    run_free(&r);
    /* allowed: nothing is fetched (--offline), one error per URL */
    r = run((const char *[]){"sentences", "--offline", "--max-sources", "10000", path("urls.json"),
                             NULL});
    cr_expect_eq(r.status, 3);
    cr_expect_eq(count(r.err, ": not in the cache (--offline)\n"), 10000);
    run_free(&r);
    /* private addresses: every one refused before any connection */
    r = run((const char *[]){"sentences", "--max-sources", "10000", path("private.json"), NULL});
    cr_expect_eq(r.status, 3);
    cr_expect_eq(count(r.err, ", a private address (see --allow-private)\n"), 10000);
    run_free(&r);
}

/* A manifest may only name regular files under its own folder: a FIFO (which
 * would block), a symbolic link out of the folder, .. and devices are refused,
 * the good entry is still read, and nothing hangs. */
Test(patho, manifest_stays_in_its_folder)
{
    char sub[600];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    FILE *f = create("sub/a.txt");
    fputs("The ferry resumed service on Friday. Officials said the quay was safe.\n", f);
    fclose(f);
    f = create("outside.txt");
    fputs("A secret that is not in the folder.\n", f);
    fclose(f);
    cr_assert_eq(mkfifo(path("sub/pipe"), 0600), 0);
    cr_assert_eq(symlink("../outside.txt", path("sub/link.txt")), 0);
    f = create("sub/m.json");
    fputs("{\"sources\": [{\"path\": \"a.txt\"}, {\"path\": \"pipe\"}, {\"path\": \"link.txt\"},"
          " {\"path\": \"../outside.txt\"}, {\"path\": \"/dev/zero\"}, {\"path\": \"-\"}]}\n",
          f);
    fclose(f);
    run_result r = run((const char *[]){"sentences", path("sub/m.json"), NULL});
    cr_expect_eq(r.status, 3);
    cr_expect(strstr(r.out, "The ferry resumed service on Friday.") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "secret") == NULL);
    cr_expect_eq(count(r.err, "pipe: not a regular file: a manifest may only name files\n"), 1,
                 "%s", r.err);
    cr_expect_eq(count(r.err, ": outside the manifest's folder: "), 3, "%s", r.err);
    cr_expect_eq(count(r.err, "sub/-: No such file or directory\n"), 1, "%s", r.err);
    cr_expect_eq(r.err_lines, 5);
    run_free(&r);
    /* the same file on the command line is the user's choice: read */
    r = run((const char *[]){"sentences", path("outside.txt"), NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
}

/* All sources together are capped (--max-total-bytes): the sources past the
 * cap are errors, the ones before it are read. */
Test(patho, total_bytes_of_a_run)
{
    FILE *m = create("big.json");
    fputs("{\"sources\": [", m);
    for (int i = 0; i < 10; i++) {
        char name[32];
        snprintf(name, sizeof name, "big%d.txt", i);
        FILE *f = create(name);
        for (int k = 0; k < 20000; k++) /* 52 bytes a sentence: 1,040,000 bytes */
            fprintf(f, "Source %d sentence %05d says the old dam held firm. ", i, k);
        fclose(f);
        fprintf(m, "%s{\"path\": \"%s\"}", i ? ", " : "", name);
    }
    fputs("]}\n", m);
    fclose(m);
    run_result r = run((const char *[]){"sentences", "--max-total-bytes", "8M",
                                        path("big.json"), NULL});
    cr_expect_eq(r.status, 3);
    /* 8 MiB = 8,388,608 bytes: eight files of 1,040,000 fit, two do not */
    cr_expect_eq(count(r.err, ": over the limit for all sources together "
                              "(see --max-total-bytes)\n"),
                 2, "%s", r.err);
    cr_expect_eq(count(r.out, "==> "), 8);
    cr_expect_eq(count(r.out, " says the old dam held firm.\n"), 8 * 20000);
    run_free(&r);
}
