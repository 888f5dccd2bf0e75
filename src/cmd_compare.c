/* cmd_compare.c — `claimdiff compare SOURCE...`: the full report (stories,
 * claim groups ordered by importance, per-sentence framing, divergences,
 * omissions) in the chosen format (src/report/); with --exit-code, status 1
 * when divergences of the --fail-on kinds were found. */
#include "cli.h"
#include "compare.h"
#include "report/report.h"

#include <stdlib.h>

/* True when some group shows a divergence of a kind in mask (0: any). */
static bool diverges(const cd_comparison *c, unsigned mask)
{
    for (size_t g = 0; c->divs && g < c->al->n_groups; g++)
        for (size_t k = 0; k < c->n_divs[g]; k++)
            if (!mask || (mask & (1u << c->divs[g][k].kind)))
                return true;
    return false;
}

int cd_cmd_compare(const cd_options *o)
{
    cd_source_set set;
    size_t failed = cd_load_sources(o, &set);
    int rc;
    if (set.n < 2 && !failed) {
        rc = cd_usage_error("'compare' needs at least two sources");
    } else if (set.n - failed < 2) {
        cd_error(NULL, "need at least two readable sources");
        rc = CD_EXIT_SOURCE;
    } else {
        const char **names = cd_xcalloc(set.n, sizeof *names);
        for (size_t d = 0; d < set.n; d++) {
            const char *outlet = set.docs[d] ? cd_doc_outlet(set.docs[d]) : NULL;
            names[d] = outlet && *outlet ? outlet : set.origins[d];
        }
        cd_align_opts ao = {.max_pairs = o->max_pairs, .omit_pairs = true};
        cd_comparison *cmp = cd_compare((const cd_doc *const *)set.docs, names, set.n, &ao);
        if (cmp->al->pairs_capped)
            cd_warn(o, NULL,
                    "candidate pairs capped at %zu: %zu candidate%s per sentence kept instead "
                    "of %d, some claims may not align (--max-pairs raises the cap)",
                    o->max_pairs ? o->max_pairs : (size_t)CD_ALIGN_MAX_PAIRS,
                    cmp->al->candidates_kept, cmp->al->candidates_kept == 1 ? "" : "s",
                    CD_ALIGN_MAX_CANDIDATES);
        cd_rep rep;
        cd_rep_init(&rep, o, &set, cmp);
        rc = cd_report_with(o, &set, failed, cd_report_writers, &rep);
        if (rc == CD_EXIT_OK && o->exit_code && diverges(cmp, o->fail_on))
            rc = CD_EXIT_DIFF;
        cd_rep_free(&rep);
        cd_comparison_free(cmp);
        free(names);
    }
    cd_source_set_free(&set);
    return rc;
}
