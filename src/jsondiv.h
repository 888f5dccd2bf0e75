/* jsondiv.h — the one JSON shape of a divergence list (docs/divergence.md),
 * used by `pairs` and by the comparison report. */
#ifndef CD_JSONDIV_H
#define CD_JSONDIV_H

#include <jansson.h>

#include "compare.h"
#include "jsonw.h"

/* The divergences d[0..n) among members[] as a JSON array (a new
 * reference): each {"kind", "sources": [ids of the sides], "summary",
 * "detail": {"base": id, "sides": [{"source", "value", "span", "diff"?}]}},
 * where ids[i] names member i ("a"/"b" for pairs, "s1"… in a report) and
 * spans are byte ranges in each member's text. */
json_t *cd_json_divergences(const cd_divergence *d, size_t n, const cd_member *members,
                            const char *const *ids);
/* The same array, written by w. */
void cd_jw_divergences(cd_jw *w, const cd_divergence *d, size_t n, const cd_member *members,
                       const char *const *ids);

#endif
