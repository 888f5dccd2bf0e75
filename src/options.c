/* options.c — the option table: one row per option feeds parsing and --help
 * (curl's tool_getparam habit). */
#include "cli.h"
#include "compare.h"
#include "parallel.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
    OPT_ALLOW_PRIVATE, OPT_MAX_TOTAL_BYTES, OPT_MAX_SOURCES, OPT_MAX_SENTENCES, OPT_MAX_DEPTH, OPT_MAX_PAIRS,
    OPT_FORMAT, OPT_OUTPUT, OPT_LABEL, OPT_NO_CLEAN, OPT_MAX_BYTES,
    OPT_MAX_SENTENCE, OPT_QUIET, OPT_SHOW_DROPPED, OPT_HELP, OPT_CACHE_DIR, OPT_OFFLINE,
    OPT_REFRESH, OPT_TIMEOUT, OPT_JOBS, OPT_THREADS, OPT_COLOR, OPT_EXIT_CODE, OPT_FAIL_ON, OPT_CLAIM
} opt_id;

typedef struct {
    opt_id id;
    char short_name;      /* 0: none */
    const char *long_name;
    const char *arg;      /* NULL: a flag */
    unsigned commands;    /* command bits it applies to */
    const char *help;
} opt_row;

static const opt_row OPTIONS[] = {
    {OPT_FORMAT, 'f', "format", "FMT", CMD_ALL | CMD_PAIRS,
     "output format: text (default), json, jsonl, html or markdown, as the command allows"},
    {OPT_OUTPUT, 'o', "output", "FILE", CMD_ALL | CMD_PAIRS,
     "write to FILE (atomically) instead of standard output"},
    {OPT_LABEL, 0, "label", "NAME=SOURCE", CMD_ALL,
     "call SOURCE's outlet NAME (default: the file name without extension)"},
    {OPT_NO_CLEAN, 0, "no-clean", NULL, CMD_ALL,
     "keep every line of text input (no removal of site furniture)"},
    {OPT_MAX_BYTES, 0, "max-bytes", "N", CMD_ALL,
     "refuse a source larger than N bytes (suffix K, M; default 10M, at most 256M)"},
    {OPT_MAX_TOTAL_BYTES, 0, "max-total-bytes", "N", CMD_ALL,
     "read at most N bytes of all sources together (suffix K, M; default 64M, at most 4096M)"},
    {OPT_MAX_SENTENCE, 0, "max-sentence-bytes", "N", CMD_ALL,
     "cut sentences longer than N bytes (default 8192)"},
    {OPT_MAX_SENTENCES, 0, "max-sentences", "N", CMD_ALL,
     "keep the first N sentences of a source (default 20000)"},
    {OPT_MAX_SOURCES, 0, "max-sources", "N", CMD_ALL,
     "read at most N sources in one run (default 5000, at most 100000)"},
    {OPT_MAX_PAIRS, 0, "max-pairs", "N", CMD_COMPARE,
     "score at most N candidate sentence pairs; past it fewer candidates per sentence are kept, "
     "with a warning (default 10000000)"},
    {OPT_MAX_DEPTH, 0, "max-depth", "N", CMD_ALL,
     "nesting allowed in HTML pages and JSON sources (default 256, 8 to 1024)"},
    {OPT_CACHE_DIR, 0, "cache-dir", "DIR", CMD_ALL,
     "keep downloaded pages in DIR (default $XDG_CACHE_HOME/claimdiff)"},
    {OPT_OFFLINE, 0, "offline", NULL, CMD_ALL, "use only the cache; a page not in it is an error"},
    {OPT_REFRESH, 0, "refresh", NULL, CMD_ALL, "download again even when the cache has the page"},
    {OPT_TIMEOUT, 0, "timeout", "SECONDS", CMD_ALL, "give up on a download after SECONDS (default 20)"},
    {OPT_JOBS, 0, "jobs", "N", CMD_ALL, "download N pages at once, at most 2 per host (default 8)"},
    {OPT_THREADS, 0, "threads", "N", CMD_ALL,
     "read and compare on N threads (default: the processors online, at most 8; the output is the same for any N)"},
    {OPT_ALLOW_PRIVATE, 0, "allow-private", NULL, CMD_ALL,
     "also fetch from loopback, private and other non-public addresses"},
    {OPT_CLAIM, 'c', "claim", "CLAIM", CMD_CHECK,
     "the claim to look for, in quotes (required)"},
    {OPT_COLOR, 0, "color", "WHEN", CMD_COMPARE | CMD_CHECK | CMD_SENTENCES,
     "colour the text report: auto (default: on a terminal, unless NO_COLOR is set), always, never"},
    {OPT_EXIT_CODE, 0, "exit-code", NULL, CMD_COMPARE | CMD_CHECK,
     "exit with status 1 when divergences (of the --fail-on kinds) were found"},
    {OPT_FAIL_ON, 0, "fail-on", "KINDS", CMD_COMPARE | CMD_CHECK,
     "with --exit-code: only these kinds count, comma-separated: wording, quote, framing, "
     "attribution, loaded, number, date, entity, negation (implies --exit-code)"},
    {OPT_SHOW_DROPPED, 0, "show-dropped", NULL, CMD_EXTRACT,
     "also list the dropped lines with the reason for each"},
    {OPT_QUIET, 'q', "quiet", NULL, CMD_ALL | CMD_PAIRS, "no warnings on standard error"},
    {OPT_HELP, 'h', "help", NULL, CMD_ALL | CMD_PAIRS, "show this help and exit"},
};
#define N_OPTIONS (sizeof OPTIONS / sizeof *OPTIONS)

void cd_options_help(FILE *f, unsigned bit)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const opt_row *r = &OPTIONS[i];
        if (bit == CMD_ALL ? (r->commands & CMD_ALL) != CMD_ALL : !(r->commands & bit))
            continue;
        char left[64];
        if (r->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", r->short_name, r->long_name,
                     r->arg ? " " : "", r->arg ? r->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", r->long_name, r->arg ? " " : "",
                     r->arg ? r->arg : "");
        fprintf(f, "  %-28s %s\n", left, r->help);
    }
}

void cd_options_man(FILE *f, unsigned bit)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const opt_row *r = &OPTIONS[i];
        if (bit == CMD_ALL ? (r->commands & CMD_ALL) != CMD_ALL
                           : !(r->commands & bit) || (r->commands & CMD_ALL) == CMD_ALL)
            continue;
        fputs(".TP\n", f);
        if (r->short_name)
            fprintf(f, "\\fB\\-%c\\fR, ", r->short_name);
        fputs("\\fB\\-\\-", f);
        cd_roff_put(f, r->long_name);
        fputs("\\fR", f);
        if (r->arg) {
            fputs(" \\fI", f);
            cd_roff_put(f, r->arg);
            fputs("\\fR", f);
        }
        fputc('\n', f);
        cd_roff_put(f, r->help);
        fputs(".\n", f);
    }
}

void cd_options_complete(FILE *f, const cd_command *cmd)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const opt_row *r = &OPTIONS[i];
        if (!(r->commands & cmd->bit))
            continue;
        if (r->short_name)
            fprintf(f, "-%c ", r->short_name);
        fprintf(f, "--%s%s%s\n", r->long_name, r->arg ? " " : "", r->arg ? r->arg : "");
    }
    fprintf(f, "formats: %s\n", cmd->formats);
}

/* "10M", "512K", "4096" -> bytes; false when malformed or zero. */
static bool parse_size(const char *s, size_t *out)
{
    if (*s < '0' || *s > '9')
        return false; /* strtoull would take " -5" */
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno)
        return false;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1024, end++;
    else if (*end == 'm' || *end == 'M')
        mul = 1024 * 1024, end++;
    if (*end || v == 0 || v > SIZE_MAX / mul)
        return false;
    *out = (size_t)(v * mul);
    return true;
}

static bool format_allowed(const cd_command *cmd, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = cmd->formats; *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && strncmp(p, name, n) == 0)
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}

static int apply(const cd_command *cmd, const opt_row *r, const char *val, cd_options *o)
{
    switch (r->id) {
    case OPT_FORMAT:
        if (!format_allowed(cmd, val))
            return cd_usage_error("'%s %s' does not know the format '%s' (choose %s)",
                                  cmd->name, "-f", val, cmd->formats);
        o->format = strcmp(val, "json") == 0       ? FMT_JSON
                    : strcmp(val, "jsonl") == 0    ? FMT_JSONL
                    : strcmp(val, "html") == 0     ? FMT_HTML
                    : strcmp(val, "markdown") == 0 ? FMT_MARKDOWN
                                                   : FMT_TEXT;
        break;
    case OPT_OUTPUT:
        if (!*val)
            return cd_usage_error("-o needs a file name");
        o->output = val;
        break;
    case OPT_LABEL: {
        const char *eq = strchr(val, '=');
        if (!eq || eq == val || !eq[1])
            return cd_usage_error("--label wants NAME=SOURCE, got '%s'", val);
        o->labels = cd_xrealloc(o->labels, (o->n_labels + 1) * sizeof *o->labels);
        /* NAME is copied; SOURCE points into argv */
        o->labels[o->n_labels].name = cd_xstrndup(val, (size_t)(eq - val));
        o->labels[o->n_labels].source = eq + 1;
        o->n_labels++;
        break;
    }
    case OPT_NO_CLEAN:
        o->load.no_clean = true;
        break;
    case OPT_MAX_BYTES:
        if (!parse_size(val, &o->load.max_bytes))
            return cd_usage_error("--max-bytes wants a positive size such as 10M, got '%s'", val);
        if (o->load.max_bytes > CD_MAX_DOC_BYTES / 4)
            return cd_usage_error("--max-bytes can be at most %uM", CD_MAX_DOC_BYTES / 4 / 1024 / 1024);
        break;
    case OPT_MAX_TOTAL_BYTES:
        if (!parse_size(val, &o->load.max_total_bytes) ||
            o->load.max_total_bytes > (size_t)CD_MAX_TOTAL_BYTES_LIMIT)
            return cd_usage_error("--max-total-bytes wants a size from 1 to 4096M, got '%s'", val);
        break;
    case OPT_MAX_SENTENCE:
        if (!parse_size(val, &o->load.max_sentence_bytes) || o->load.max_sentence_bytes < 16)
            return cd_usage_error("--max-sentence-bytes wants a size of at least 16, got '%s'",
                                  val);
        break;
    case OPT_MAX_SENTENCES:
    case OPT_MAX_SOURCES:
    case OPT_MAX_PAIRS:
    case OPT_MAX_DEPTH: {
        unsigned long lo = r->id == OPT_MAX_DEPTH ? 8 : 1;
        unsigned long hi = r->id == OPT_MAX_DEPTH     ? CD_MAX_DEPTH_LIMIT
                           : r->id == OPT_MAX_SOURCES ? CD_MAX_SOURCES_LIMIT
                                                      : 100000000ul;
        char *end;
        errno = 0;
        unsigned long v = *val >= '0' && *val <= '9' ? strtoul(val, &end, 10) : 0;
        if (!v || errno || *end || v < lo || v > hi)
            return cd_usage_error("--%s wants a number from %lu to %lu, got '%s'", r->long_name,
                                  lo, hi, val);
        if (r->id == OPT_MAX_PAIRS)
            o->max_pairs = v;
        else if (r->id == OPT_MAX_SENTENCES)
            o->load.max_sentences = v;
        else if (r->id == OPT_MAX_SOURCES)
            o->load.max_sources = v;
        else
            o->load.max_depth = (unsigned)v;
        break;
    }
    case OPT_ALLOW_PRIVATE:
        o->load.allow_private = true;
        break;
    case OPT_QUIET:
        o->quiet = true;
        break;
    case OPT_CACHE_DIR:
        if (!*val)
            return cd_usage_error("--cache-dir needs a directory");
        o->load.cache_dir = val;
        break;
    case OPT_OFFLINE:
        o->load.offline = true;
        break;
    case OPT_REFRESH:
        o->load.refresh = true;
        break;
    case OPT_TIMEOUT: {
        char *end;
        long v = strtol(val, &end, 10);
        if (end == val || *end || v < 1 || v > 3600)
            return cd_usage_error("--timeout wants seconds from 1 to 3600, got '%s'", val);
        o->load.timeout_s = v;
        break;
    }
    case OPT_JOBS: {
        char *end;
        long v = strtol(val, &end, 10);
        if (end == val || *end || v < 1 || v > 64)
            return cd_usage_error("--jobs wants a number from 1 to 64, got '%s'", val);
        o->load.jobs = (int)v;
        break;
    }
    case OPT_THREADS: {
        char *end;
        long v = strtol(val, &end, 10);
        if (end == val || *end || v < 1 || v > CD_MAX_THREADS)
            return cd_usage_error("--threads wants a number from 1 to %d, got '%s'", CD_MAX_THREADS,
                                  val);
        cd_set_threads((size_t)v);
        break;
    }
    case OPT_SHOW_DROPPED:
        o->show_dropped = true;
        break;
    case OPT_CLAIM:
        if (!*val)
            return cd_usage_error("-c needs the text of a claim");
        o->claim = val;
        break;
    case OPT_COLOR:
        if (strcmp(val, "auto") == 0)
            o->color = CD_COLOR_AUTO;
        else if (strcmp(val, "always") == 0)
            o->color = CD_COLOR_ALWAYS;
        else if (strcmp(val, "never") == 0)
            o->color = CD_COLOR_NEVER;
        else
            return cd_usage_error("--color wants auto, always or never, got '%s'", val);
        break;
    case OPT_EXIT_CODE:
        o->exit_code = true;
        break;
    case OPT_FAIL_ON: {
        const char *p = val;
        for (;;) {
            size_t n = strcspn(p, ",");
            cd_div_kind k;
            if (!cd_div_kind_parse(p, n, &k))
                return cd_usage_error("--fail-on: unknown kind '%.*s' (choose from wording, "
                                      "quote, framing, attribution, loaded, number, date, "
                                      "entity, negation)",
                                      (int)(n > 40 ? 40 : n), p);
            o->fail_on |= 1u << k;
            if (!p[n])
                break;
            p += n + 1;
        }
        o->exit_code = true;
        break;
    }
    case OPT_HELP:
        return 0; /* handled by the caller */
    }
    return -1;
}

/* Checks across options, after all of them are read. */
static int check(cd_options *o)
{
    if (o->load.offline && o->load.refresh)
        return cd_usage_error("--offline and --refresh exclude each other");
    return -1;
}

static void command_help(const cd_command *cmd)
{
    printf("Usage: claimdiff %s [OPTIONS] %s\n\n%s\n\n", cmd->name, cmd->args, cmd->summary);
    if (cmd->bit != CMD_PAIRS)
        printf("SOURCE is a URL, an HTML or text file, a manifest, a saved document, or -.\n");
    printf("Formats (-f): %s\n\nOptions:\n", cmd->formats);
    cd_options_help(stdout, cmd->bit);
    if (cmd->bit == CMD_PAIRS)
        printf("\nExit status: 0 success, 2 usage error, 3 the input could not be read or "
               "some lines were malformed (reported on stderr with their line number; "
               "the other lines are still scored), 4 internal or resource error.\n");
    else
        printf("\nExit status: 0 success, %s2 usage error, 3 a source could not be read "
               "(the others are still reported), 4 internal or resource error.\n",
               cmd->bit & (CMD_COMPARE | CMD_CHECK)
                   ? "1 divergences of the --fail-on kinds found (with --exit-code), "
                   : "");
}

int cd_options_parse(const cd_command *cmd, int argc, char **argv, cd_options *o)
{
    memset(o, 0, sizeof *o);
    o->args = cd_xcalloc((size_t)argc + 1, sizeof *o->args);
    bool only_args = false;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (only_args || a[0] != '-' || a[1] == '\0') {
            o->args[o->n_args++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = true;
            continue;
        }
        const opt_row *r = NULL;
        const char *val = NULL;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            for (size_t k = 0; k < N_OPTIONS && !r; k++)
                if (strlen(OPTIONS[k].long_name) == n &&
                    strncmp(OPTIONS[k].long_name, name, n) == 0)
                    r = &OPTIONS[k];
            if (!r || !(r->commands & cmd->bit))
                return cd_usage_error("'%s' has no option '--%.*s'", cmd->name, (int)n, name);
            if (r->arg) {
                if (eq)
                    val = eq + 1;
                else if (i + 1 < argc)
                    val = argv[++i];
                else
                    return cd_usage_error("option '--%s' needs an argument %s", r->long_name,
                                          r->arg);
            } else if (eq) {
                return cd_usage_error("option '--%s' takes no argument", r->long_name);
            }
            int rc = apply(cmd, r, val, o);
            if (rc >= 0) {
                if (r->id == OPT_HELP) {
                    command_help(cmd);
                    return CD_EXIT_OK;
                }
                return rc;
            }
            continue;
        }
        /* short options, possibly bundled: -qf json, -fjson */
        for (const char *p = a + 1; *p; p++) {
            r = NULL;
            for (size_t k = 0; k < N_OPTIONS && !r; k++)
                if (OPTIONS[k].short_name == *p)
                    r = &OPTIONS[k];
            if (!r || !(r->commands & cmd->bit))
                return cd_usage_error("'%s' has no option '-%c'", cmd->name, *p);
            val = NULL;
            if (r->arg) {
                if (p[1])
                    val = p + 1;
                else if (i + 1 < argc)
                    val = argv[++i];
                else
                    return cd_usage_error("option '-%c' needs an argument %s", *p, r->arg);
            }
            int rc = apply(cmd, r, val, o);
            if (rc >= 0) {
                if (r->id == OPT_HELP) {
                    command_help(cmd);
                    return CD_EXIT_OK;
                }
                return rc;
            }
            if (val)
                break;
        }
    }
    return check(o);
}

void cd_options_free(cd_options *o)
{
    for (size_t k = 0; k < o->n_labels; k++)
        free((char *)o->labels[k].name);
    free(o->labels);
    free(o->args);
    memset(o, 0, sizeof *o);
}
