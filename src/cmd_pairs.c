/* cmd_pairs.c — `claimdiff pairs [FILE]`: open the input and the output and
 * run the reader of pairs.c over them (the input formats are described
 * there); the exit status is 3 when a line was skipped or the input could
 * not be read to its end. */
#include "cli.h"
#include "pairs.h"

#include <errno.h>
#include <string.h>

int cd_cmd_pairs(const cd_options *o)
{
    if (o->n_args > 1)
        return cd_usage_error("'pairs' reads one FILE (or standard input), got %zu", o->n_args);
    const char *path = o->n_args ? o->args[0] : "-";
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    if (!in) {
        cd_error(path, "cannot open: %s", strerror(errno));
        return CD_EXIT_SOURCE;
    }
    cd_out out;
    if (!cd_out_open(&out, o->output)) {
        if (!is_stdin)
            fclose(in);
        return CD_EXIT_INTERNAL;
    }
    size_t bad = 0;
    bool read_ok = cd_pairs_run(in, is_stdin ? "<stdin>" : path, out.f, &bad);
    if (!is_stdin)
        fclose(in);
    if (!cd_out_close(&out, !ferror(out.f)))
        return CD_EXIT_INTERNAL;
    if (bad && !o->quiet)
        fprintf(stderr, "claimdiff: %zu line%s skipped\n", bad, bad == 1 ? "" : "s");
    return !read_ok || bad ? CD_EXIT_SOURCE : CD_EXIT_OK;
}
