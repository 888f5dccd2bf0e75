/* fuzz_pairs.c — libFuzzer target: any bytes as the input of `claimdiff
 * pairs` (TSV, MSRP after its header line, JSON Lines; detected per line),
 * through the reader of src/pairs.c over the bytes (fmemopen), with the
 * results written to /dev/null. cd_error is replaced here: it formats the
 * message and aborts when it is not one line. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pairs.h"

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
        size_t bad = 0;
        cd_pairs_run(in, "fuzz", sink, &bad);
        fclose(in);
    }
    free(copy);
    return 0;
}
