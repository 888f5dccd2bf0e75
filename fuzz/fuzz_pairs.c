/* fuzz_pairs.c — libFuzzer target: any bytes as the input of `claimdiff
 * pairs` (TSV, MSRP after its header line, JSON Lines; detected per line).
 *
 * The line reader and parsers are static in src/cmd_pairs.c, so this target
 * includes that file and drives its run() over the bytes (fmemopen), with
 * the results written to /dev/null. cd_error is replaced here: it formats
 * the message and aborts when it is not one line. (A public
 * cd_pairs_run(FILE *in, ...) in src/ would let this target link instead.) */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../src/cmd_pairs.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void cd_error(const char *source, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (strchr(source, '\n') || strchr(line, '\n'))
        abort(); /* every message is one line */
}

/* cd_cmd_pairs (not called here) needs these to link. */
int cd_usage_error(const char *fmt, ...)
{
    (void)fmt;
    return 2;
}

bool cd_out_open(cd_out *out, const char *path)
{
    (void)out;
    (void)path;
    return false;
}

bool cd_out_close(cd_out *out, bool ok)
{
    (void)out;
    return ok;
}

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    char *copy = malloc(size); /* fmemopen wants a writable buffer */
    memcpy(copy, data, size);
    FILE *in = fmemopen(copy, size, "r");
    if (in) {
        cd_options o = {0};
        size_t bad = 0;
        run(&o, in, "fuzz", sink, &bad);
        fclose(in);
    }
    free(copy);
    return 0;
}
