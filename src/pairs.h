/* pairs.h — score sentence pairs read line by line (`claimdiff pairs`). */
#ifndef CD_PAIRS_H
#define CD_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Read pairs from in (TSV, MSRP after its header line, or JSON Lines,
 * detected per line; name labels error messages) and write one JSON line
 * per pair to out. A bad line is reported through cd_error, counted in
 * *bad and skipped. False when in could not be read to its end. */
bool cd_pairs_run(FILE *in, const char *name, FILE *out, size_t *bad);

#endif
