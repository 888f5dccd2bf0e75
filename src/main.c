/* main.c — claimdiff: dispatch to a subcommand. */
#include "cli.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cd_config.h"

const cd_command cd_commands[] = {
    {"compare", CMD_COMPARE, "SOURCE...", "how the sources report the same story (the report)",
     "Align the sentences that carry the same claim across the sources and report, "
     "claim by claim (those most outlets carry first), how each outlet frames it "
     "(stated as fact, attributed, hedged, denied), the words, quotes, numbers, dates "
     "and names that differ, and what each outlet left out.",
     "text|html|markdown|json|jsonl", cd_cmd_compare},
    {"check", CMD_CHECK, "-c CLAIM SOURCE...", "how each source reports one claim",
     "Look for one claim in every source: the sentences that carry it (or \"not "
     "reported\", with the closest sentence), their framing and attribution, and "
     "how their wording, quotes, numbers and dates differ from the claim.",
     "text|json", cd_cmd_check},
    {"sentences", CMD_SENTENCES, "SOURCE...", "sentences of each source with their framing",
     "Split each source into sentences, one per line behind its framing (fact, "
     "attributed, hedged, denied); -f json adds the attribution, hedges, loaded "
     "words, quotes, numbers, dates and names of each.",
     "text|json", cd_cmd_sentences},
    {"extract", CMD_EXTRACT, "SOURCE...", "article text, title, byline, date, dropped lines",
     "Show the article text and metadata (title, byline, date) extracted from each "
     "source, and how many lines of site furniture were dropped.",
     "text|json", cd_cmd_extract},
    {"fetch", CMD_FETCH, "URL...", "download pages into the cache",
     "Download each page (concurrently, through the cache) and show what was found: "
     "the sentence count and title of each. With -o DIR (an existing directory) every "
     "document is saved there as JSON, to be given back later as a SOURCE.",
     "text|json", cd_cmd_fetch},
    {"pairs", CMD_PAIRS, "[FILE]", "score sentence pairs (TSV, MSRP or JSONL) as JSON Lines",
     "Score sentence pairs read from FILE or standard input, one pair a line: TSV "
     "'id<TAB>sentence1<TAB>sentence2', the MSRP format (with its 'Quality' header; "
     "id '#1 ID-#2 ID') or JSON Lines {\"id\", \"a\", \"b\"}. Prints one JSON line "
     "{\"id\", \"score\", \"same_claim\"} per pair; score is in [0, 1] and same_claim "
     "is score >= 0.51; a same-claim pair also gets \"divergences\": [{\"kind\", "
     "\"sources\", \"summary\", \"detail\"}] (docs/divergence.md). "
     "A malformed or over-long (64 KiB) line is reported on stderr "
     "with its line number and skipped; the others are still scored, and the exit "
     "status is then 3.",
     "jsonl", cd_cmd_pairs},
    {NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

void cd_usage(FILE *f)
{
    fprintf(f, "Usage: claimdiff COMMAND [OPTIONS] SOURCE...\n"
               "\n"
               "claimdiff compares how news outlets report the same story.\n"
               "\n"
               "Commands:\n");
    for (const cd_command *c = cd_commands; c->name; c++)
        fprintf(f, "  %-11s %s\n", c->name, c->brief);
    fprintf(f, "\n"
               "Common options:\n");
    cd_options_help(f, CMD_ALL);
    fprintf(f, "\n"
               "SOURCE is an http(s) URL, an HTML or text file (the kind is read from the\n"
               "content; text in UTF-8, UTF-16 with BOM or Windows-1252), a manifest\n"
               "{\"sources\": [{\"url\"|\"path\": ..., \"outlet\": ...}]}, a document saved\n"
               "by 'extract -f json', or - for standard input.\n"
               "\n"
               "Exit status:\n"
               "  0  success\n"
               "  1  with --exit-code: divergences of the --fail-on kinds were found\n"
               "  2  usage error\n"
               "  3  a source could not be read (the others are still reported)\n"
               "  4  internal or resource error\n"
               "\n"
               "'claimdiff COMMAND --help' shows the options of one command;\n"
               "'claimdiff --version' prints the version.\n");
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2)
        return cd_usage_error("no command given");
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        cd_usage(stdout);
        return CD_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("claimdiff %s\n", CD_VERSION);
        return CD_EXIT_OK;
    }
    /* hidden: the man page and the completion data come from the tables */
    if (strcmp(name, "--man") == 0) {
        cd_man_write(stdout);
        return CD_EXIT_OK;
    }
    if (strcmp(name, "--complete") == 0) {
        if (argc < 3) {
            for (const cd_command *c = cd_commands; c->name; c++)
                printf("%s\n", c->name);
            return CD_EXIT_OK;
        }
        for (const cd_command *c = cd_commands; c->name; c++)
            if (strcmp(c->name, argv[2]) == 0) {
                cd_options_complete(stdout, c);
                return CD_EXIT_OK;
            }
        return CD_EXIT_USAGE;
    }
    const cd_command *cmd = NULL;
    for (const cd_command *c = cd_commands; c->name && !cmd; c++)
        if (strcmp(c->name, name) == 0)
            cmd = c;
    if (!cmd) {
        if (name[0] == '-')
            return cd_usage_error("'%s' must come after a command", name);
        return cd_usage_error("unknown command '%s'", name);
    }
    cd_options o;
    int rc = cd_options_parse(cmd, argc - 2, argv + 2, &o);
    if (rc < 0) {
        if (o.n_args == 0 && cmd->bit != CMD_PAIRS)
            rc = cd_usage_error("'%s' needs at least one SOURCE", cmd->name);
        else
            rc = cmd->run(&o);
    }
    cd_options_free(&o);
    return rc;
}
