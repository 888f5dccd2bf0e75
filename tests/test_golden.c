/* test_golden.c — golden CLI cases: tests/golden/NAME.case files.
 *
 * A case file is a small spec that doubles as documentation:
 *
 *   # what the case shows (comment lines start with #)
 *   args: sentences --no-clean fixtures/story/wire.txt
 *   stdin: fixtures/bad/crlf.txt        (optional: file fed to standard input)
 *   exit: 0
 *   stderr: text that must appear on stderr   (optional, repeatable)
 *   --- stdout
 *   the exact expected standard output…
 *
 * Arguments are split on spaces; "double quotes" group. The program runs in
 * the source root with NO_COLOR=1 and COLUMNS=80. Set CD_GOLDEN_UPDATE=1 to
 * rewrite the expected stdout of every case from the actual output. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    char name[256];
} golden_case;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const golden_case *)a)->name, ((const golden_case *)b)->name);
}

ParameterizedTestParameters(golden, cases)
{
    DIR *d = opendir(GOLDEN_DIR);
    size_t n = 0, cap = 0;
    golden_case *v = NULL;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".case") != 0 || len >= 256)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            v = realloc(v, cap * sizeof *v);
        }
        snprintf(v[n++].name, sizeof v->name, "%s", e->d_name);
    }
    if (d)
        closedir(d);
    qsort(v, n, sizeof *v, by_name);
    golden_case *params = cr_malloc(sizeof *params * (n ? n : 1));
    memcpy(params, v, sizeof *params * n);
    free(v);
    return cr_make_param_array(golden_case, params, n);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Split a line into argv (spaces separate, double quotes group). */
static int split_args(char *s, char **argv, int max)
{
    int n = 0;
    while (*s && n < max - 1) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        char *out = s;
        argv[n++] = s;
        bool q = false;
        while (*s && (q || *s != ' ')) {
            if (*s == '"') {
                q = !q;
                s++;
                continue;
            }
            *out++ = *s++;
        }
        if (*s)
            s++;
        *out = '\0';
    }
    argv[n] = NULL;
    return n;
}

ParameterizedTest(golden_case *c, golden, cases)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", GOLDEN_DIR, c->name);
    size_t len;
    char *spec = slurp(path, &len);
    cr_assert_not_null(spec, "cannot read %s", path);

    char *body = strstr(spec, "--- stdout\n");
    cr_assert_not_null(body, "%s: no '--- stdout' line", c->name);
    *body = '\0';
    const char *expected = body + strlen("--- stdout\n");
    char *header = strdup(spec); /* strtok below cuts spec into lines */

    char *args = NULL, *stdin_file = NULL, *stderr_want[16];
    int n_stderr = 0, want_exit = 0;
    for (char *line = strtok(spec, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        if (strncmp(line, "args:", 5) == 0)
            args = line + 5;
        else if (strncmp(line, "stdin:", 6) == 0)
            stdin_file = line + 6 + strspn(line + 6, " ");
        else if (strncmp(line, "exit:", 5) == 0)
            want_exit = atoi(line + 5);
        else if (strncmp(line, "stderr:", 7) == 0 && n_stderr < 16)
            stderr_want[n_stderr++] = line + 7 + strspn(line + 7, " ");
    }
    cr_assert_not_null(args, "%s: no 'args:' line", c->name);

    char out_path[] = "/tmp/cd-golden-out-XXXXXX", err_path[] = "/tmp/cd-golden-err-XXXXXX";
    int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
    cr_assert(out_fd >= 0 && err_fd >= 0);

    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        char *argv[64];
        argv[0] = CLAIMDIFF_BIN;
        split_args(args, argv + 1, 63);
        int in = open(stdin_file ? stdin_file : "/dev/null", O_RDONLY);
        if (in < 0)
            _exit(99);
        dup2(in, 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        setenv("NO_COLOR", "1", 1);
        setenv("COLUMNS", "80", 1);
        unsetenv("CLICOLOR_FORCE");
        if (chdir(SOURCE_ROOT) != 0)
            _exit(98);
        execv(CLAIMDIFF_BIN, argv);
        _exit(97);
    }
    int status;
    waitpid(pid, &status, 0);
    close(out_fd);
    close(err_fd);
    size_t got_len = 0;
    char *got = slurp(out_path, &got_len);
    char *err = slurp(err_path, NULL);
    unlink(out_path);
    unlink(err_path);

    if (getenv("CD_GOLDEN_UPDATE")) {
        FILE *f = fopen(path, "w");
        fputs(header, f);
        fputs("--- stdout\n", f);
        fwrite(got, 1, got_len, f);
        fclose(f);
    }

    cr_assert(WIFEXITED(status), "%s: claimdiff did not exit normally (signal %d)", c->name,
              WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    cr_expect_eq(WEXITSTATUS(status), want_exit, "%s: exit %d, want %d; stderr: %s", c->name,
                 WEXITSTATUS(status), want_exit, err);
    for (int i = 0; i < n_stderr; i++)
        cr_expect_not_null(strstr(err, stderr_want[i]), "%s: stderr lacks «%s»; got: %s",
                           c->name, stderr_want[i], err);
    if (strcmp(got, expected) != 0) {
        /* report the first differing line */
        size_t k = 0, line = 1;
        while (got[k] && got[k] == expected[k]) {
            if (got[k] == '\n')
                line++;
            k++;
        }
        cr_expect_fail("%s: stdout differs from line %zu:\n got: %.120s\nwant: %.120s", c->name,
                       line, got + k, expected + k);
    }
    free(got);
    free(err);
    free(header);
    free(spec);
}

/* -o FILE writes atomically: the file appears whole, no temporary is left,
 * and an unwritable place is an error (exit 4) that leaves nothing behind. */
Test(output, atomic_file)
{
    char dir[] = "/tmp/cd-out-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && '%s' sentences --no-clean -o '%s/out.txt' fixtures/bad/crlf.txt",
             SOURCE_ROOT, CLAIMDIFF_BIN, dir);
    int st = system(cmd);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exit %d", WEXITSTATUS(st));
    char path[300];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    size_t n;
    char *got = slurp(path, &n);
    cr_assert_not_null(got);
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += got[i] == '\n';
    cr_expect_eq(lines, 5, "want the 5 sentences of crlf.txt, got:\n%s", got);
    free(got);
    struct stat sb;
    cr_assert_eq(stat(path, &sb), 0);
    mode_t mask = umask(0);
    umask(mask);
    cr_expect_eq(sb.st_mode & 0777, 0666 & ~mask, "mode %o: not what the umask gives",
                 (unsigned)(sb.st_mode & 0777));
    DIR *d = opendir(dir);
    size_t entries = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        entries += e->d_name[0] != '.';
    closedir(d);
    cr_expect_eq(entries, 1, "a temporary file was left behind");

    snprintf(cmd, sizeof cmd,
             "cd '%s' && '%s' sentences -o '%s/missing/out.txt' fixtures/bad/crlf.txt 2>/dev/null",
             SOURCE_ROOT, CLAIMDIFF_BIN, dir);
    st = system(cmd);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 4, "exit %d, want 4", WEXITSTATUS(st));
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

/* Run a shell command in the source root; returns its exit status. */
static int sh(const char *cmd)
{
    char full[4096];
    snprintf(full, sizeof full, "cd '%s' && %s", SOURCE_ROOT, cmd);
    int st = system(full);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* Names that are not UTF-8 (a Latin-1 file name, a --label typed in a
 * Latin-1 terminal) still give every contract key, repaired. */
Test(output, json_keys_survive_non_utf8_names)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "'%s' sentences -f json --label \"$(printf 'Caf\\351')=fixtures/bad/crlf.txt\" "
             "fixtures/bad/crlf.txt > /tmp/cd-latin1.json",
             CLAIMDIFF_BIN);
    cr_assert_eq(sh(cmd), 0);
    size_t n;
    char *got = slurp("/tmp/cd-latin1.json", &n);
    cr_assert_not_null(got);
    cr_expect_not_null(strstr(got, "\"outlet\": \"Caf\xef\xbf\xbd\""), "%s", got);
    cr_expect_not_null(strstr(got, "\"origin\": \"fixtures/bad/crlf.txt\""));
    free(got);
    unlink("/tmp/cd-latin1.json");
}

/* A reader that stops early (`| head -1`) is not an error: exit 0, no message. */
Test(output, closed_pipe_is_not_an_error)
{
    char dir[] = "/tmp/cd-pipe-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "seq 1 300000 | sed 's/$/. Word./' > %s/in.txt && "
             "{ '%s' sentences --no-clean --max-sentences 1000000 %s/in.txt 2>%s/err; "
             "echo $? > %s/status; } "
             "| head -1 > /dev/null",
             dir, CLAIMDIFF_BIN, dir, dir, dir);
    sh(cmd);
    char path[300];
    snprintf(path, sizeof path, "%s/status", dir);
    char *status = slurp(path, NULL);
    snprintf(path, sizeof path, "%s/err", dir);
    char *err = slurp(path, NULL);
    cr_assert_not_null(status, "no exit status recorded");
    cr_assert_not_null(err, "no stderr recorded");
    cr_expect_eq(atoi(status), 0, "exit %s, stderr: %s", status, err);
    cr_expect_str_empty(err);
    free(status);
    free(err);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    sh(cmd);
}
