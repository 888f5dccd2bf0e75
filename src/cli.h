/* cli.h — the claimdiff program: options, commands, output helpers.
 * Only src/ includes this; it is the one floor that sees core/, fetch/ and
 * compare/ together. */
#ifndef CD_CLI_H
#define CD_CLI_H

#include <stdio.h>

#include "claimdiff.h"
#include "fetch.h"

/* Exit statuses (DESIGN.md, "Command line"). */
enum {
    CD_EXIT_OK = 0,
    CD_EXIT_DIFF = 1,
    CD_EXIT_USAGE = 2,
    CD_EXIT_SOURCE = 3,
    CD_EXIT_INTERNAL = 4
};

/* Output formats; each command accepts a subset. */
typedef enum { FMT_TEXT, FMT_JSON, FMT_JSONL, FMT_HTML, FMT_MARKDOWN, FMT_COUNT } cd_format;

/* --color */
typedef enum { CD_COLOR_AUTO, CD_COLOR_ALWAYS, CD_COLOR_NEVER } cd_color;

/* Everything the options set. Filled by cd_options_parse(). */
typedef struct {
    cd_format format;
    const char *output;     /* -o FILE, NULL for stdout */
    cd_label *labels;
    size_t n_labels;
    cd_load_opts load;
    bool quiet;
    bool show_dropped;
    cd_color color;
    bool exit_code;         /* --exit-code (or --fail-on) */
    size_t max_pairs;       /* --max-pairs: candidate pairs scored by compare/check (0: default) */
    unsigned fail_on;       /* bit set of cd_div_kind; 0 = every kind */
    const char *claim;      /* check -c CLAIM */
    char **args;            /* positional arguments (not owned) */
    size_t n_args;
} cd_options;

/* Command bits: which commands an option applies to. */
enum {
    CMD_SENTENCES = 1 << 0,
    CMD_EXTRACT = 1 << 1,
    CMD_FETCH = 1 << 2,
    CMD_COMPARE = 1 << 4,
    CMD_CHECK = 1 << 5,
    CMD_ALL = CMD_SENTENCES | CMD_EXTRACT | CMD_FETCH | CMD_COMPARE | CMD_CHECK,
    /* pairs reads sentence pairs, not sources: only -f, -o, -q, -h apply */
    CMD_PAIRS = 1 << 3
};

typedef struct {
    const char *name;
    unsigned bit;
    const char *args;    /* usage of the positional part */
    const char *brief;   /* a few words for the command list */
    const char *summary; /* a sentence or two for the command's --help */
    const char *formats; /* accepted -f values, "text|json" */
    int (*run)(const cd_options *o);
} cd_command;

extern const cd_command cd_commands[];

/* The subcommands (one file each). */
int cd_cmd_sentences(const cd_options *o);
int cd_cmd_extract(const cd_options *o);
int cd_cmd_fetch(const cd_options *o);
int cd_cmd_pairs(const cd_options *o);
int cd_cmd_compare(const cd_options *o);
int cd_cmd_check(const cd_options *o);

/* Parse argv[0..argc) (after the command name) for command cmd. Returns -1 on
 * success; otherwise an exit status to return at once (help printed: 0, usage
 * error reported: 2). o->labels is malloc'd; free with cd_options_free. */
int cd_options_parse(const cd_command *cmd, int argc, char **argv, cd_options *o);
void cd_options_free(cd_options *o);
/* Print the option rows that apply to the command bit; CMD_ALL prints the
 * rows common to every command that reads sources. */
void cd_options_help(FILE *f, unsigned bit);

/* Messages: "claimdiff: error: <source>: <what>" and warnings. */
void cd_error(const char *source, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cd_warn(const cd_options *o, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A usage error: the message, then "Try 'claimdiff --help'."; returns 2. */
int cd_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load every source of the command (cd_sources_load); each failure and
 * warning is reported on stderr. Returns the number of sources that failed. */
size_t cd_load_sources(const cd_options *o, cd_source_set *set);

/* Output sink: stdout, or -o FILE written to a temporary file in the same
 * directory and renamed into place by cd_out_close (atomic). */
typedef struct {
    FILE *f;
    char *path, *tmp;
} cd_out;
bool cd_out_open(cd_out *out, const char *path);
/* Returns false (after reporting) when writing failed; ok=false discards. */
bool cd_out_close(cd_out *out, bool ok);

/* A report writer: false when writing failed. ctx is what the command
 * passed to cd_report (e.g. the alignment), or NULL. */
typedef bool (*cd_writer)(FILE *f, const cd_options *o, const cd_source_set *set,
                          const void *ctx);

/* Write the report of a command to stdout or -o FILE with the writer for the
 * chosen format; returns the exit status (3 when failed > 0, 4 when the
 * output could not be written). */
int cd_report(const cd_options *o, const cd_source_set *set, size_t failed, cd_writer text,
              cd_writer json, const void *ctx);

/* The same with a writer per format (writers[FMT_…], NULL where the command
 * has none; the option parser only lets through the command's formats). */
int cd_report_with(const cd_options *o, const cd_source_set *set, size_t failed,
                   const cd_writer writers[FMT_COUNT], const void *ctx);

/* The program's --help (main.c). */
void cd_usage(FILE *f);
/* The man page claimdiff(1), made from the command and option tables
 * (`claimdiff --man`, hidden; docs/claimdiff.1 is its output). */
void cd_man_write(FILE *f);
/* For the shell completion: the options of a command, one per line as
 * "-f --format FMT" / "--quiet", then "formats: text|json" (hidden
 * `claimdiff --complete COMMAND`). */
void cd_options_complete(FILE *f, const cd_command *cmd);
/* s for roff: backslashes, hyphens and a leading dot or quote escaped. */
void cd_roff_put(FILE *f, const char *s);
/* Print the option rows of man page form (.TP entries) for the command bit. */
void cd_options_man(FILE *f, unsigned bit);

/* {"schema", "sources": [documents]}: what extract and fetch print as JSON. */
bool cd_write_documents_json(FILE *f, const cd_options *o, const cd_source_set *set,
                             const void *ctx);

/* Write s[0..n) for a terminal or plain text: control characters and escape
 * sequences removed, line breaks turned into spaces when flat is set. */
void cd_put_text(FILE *f, const char *s, size_t n, bool flat);

#endif
