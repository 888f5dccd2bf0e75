/* markdown.c — the text report as Markdown, for pasting into newsroom
 * documents and chats: headings, one list item per outlet with its framing
 * in italics, words only it has in bold and the base's words it lacks
 * struck through, the divergences as a quoted list. Article text is
 * escaped so it cannot become markup or a link. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "cd_config.h"

#define REWORDED 0.4 /* as in text.c: below this share of same words, no marks */

static void member(FILE *f, const cd_rep *r, size_t g, size_t m, size_t base)
{
    cd_align_ref ref = r->cmp->al->groups[g].members[m];
    fputs("- **", f);
    cd_md_put(f, r->names[ref.doc], strlen(r->names[ref.doc]));
    fputs("**", f);
    const cd_sentence_info *info = cd_rep_info(r, ref);
    if (info)
        fprintf(f, " _(%s)_", cd_framing_badge(info->framing));
    if (m == base)
        fputs(" (compared with this)", f);
    fputs(": ", f);
    cd_piece *p = NULL;
    double same = 1;
    size_t n = cd_rep_pieces(r, g, m, true, &p, &same);
    bool marked = same >= REWORDED;
    for (size_t k = 0; k < n; k++) {
        if (p[k].kind == CD_DIFF_DEL && !marked)
            continue;
        const char *tag = !marked || p[k].kind == CD_DIFF_SAME ? ""
                          : p[k].kind == CD_DIFF_DEL         ? "~~"
                                                             : "**";
        fputs(tag, f);
        cd_md_put(f, p[k].s, p[k].n);
        fputs(tag, f);
    }
    free(p);
    fputc('\n', f);
}

bool cd_report_markdown(FILE *f, const cd_options *o, const cd_source_set *set,
                        const void *ctx)
{
    (void)o;
    (void)set;
    const cd_rep *r = ctx;
    const cd_comparison *c = r->cmp;
    const cd_alignment *al = c->al;
    fprintf(f, "# claimdiff report\n\n%zu claims shared by two or more outlets; %zu sentences "
               "in one outlet only. Framing: _fact_ = stated as fact, _attributed_ = put on a "
               "source, _hedged_ = softened, _denied_ = a denial. **Bold**: words only that "
               "outlet has; ~~struck~~: words of the outlet marked \"compared with this\" that "
               "it lacks.\n\n## Sources\n\n| id | outlet | date | sentences | title |\n"
               "| --- | --- | --- | --- | --- |\n",
            al->n_groups, al->n_unmatched);
    for (size_t d = 0; d < r->set->n; d++) {
        const cd_doc *doc = r->set->docs[d];
        fprintf(f, "| s%zu | ", d + 1);
        cd_md_put(f, r->names[d], strlen(r->names[d]));
        if (!doc) {
            fputs(" | | | error: ", f);
            const char *e = r->set->errors[d] ? r->set->errors[d] : "unreadable";
            cd_md_put(f, e, strlen(e));
            fputs(" |\n", f);
            continue;
        }
        const char *pub = cd_doc_published(doc), *title = cd_doc_title(doc);
        fprintf(f, " | %s | %zu | ", pub ? pub : "", cd_doc_sentence_count(doc));
        if (title)
            cd_md_put(f, title, strlen(title));
        fputs(" |\n", f);
    }
    for (size_t t = 0; t < al->n_stories; t++) {
        fprintf(f, "\n## Story t%zu\n", t + 1);
        size_t rank = 0;
        for (size_t i = 0; i < al->n_groups; i++) {
            size_t g = r->order[i];
            const cd_align_group *gr = &al->groups[g];
            if (gr->story != t)
                continue;
            if (gr->cross_story)
                fprintf(f, "\n### Claim %zu (g%zu): %zu outlets, across stories\n\n", ++rank,
                        g + 1, gr->n_members);
            else
                fprintf(f, "\n### Claim %zu (g%zu): %zu of %zu outlets\n\n", ++rank, g + 1,
                        gr->n_members, cd_rep_story_size(r, t));
            size_t base = cd_rep_group_base(r, g);
            for (size_t m = 0; m < gr->n_members; m++)
                member(f, r, g, m, base);
            bool any = false;
            for (size_t k = 0; c->divs && k < c->n_divs[g]; k++) {
                const cd_divergence *dv = &c->divs[g][k];
                if (dv->kind == CD_DIV_WORDING || !dv->summary)
                    continue;
                fputs(any ? "" : "\n", f);
                any = true;
                fprintf(f, "> **%s:** ", cd_div_kind_name(dv->kind));
                cd_md_put(f, dv->summary, strlen(dv->summary));
                fputs("  \n", f);
            }
        }
        bool head = false;
        for (size_t d = 0; d < r->set->n; d++) {
            if (!r->set->docs[d] || al->story_of[d] != t)
                continue;
            size_t left = 0;
            for (size_t k = 0; k < c->n_omissions; k++) {
                const cd_omission *om = &c->omissions[k];
                if (om->story != t || om->group == SIZE_MAX)
                    continue;
                for (size_t i = 0; i < om->n_missing; i++)
                    if (om->missing[i] == d) {
                        if (!head)
                            fputs("\n### Left out\n\nClaims other outlets of the story share "
                                  "and this one does not report.\n\n",
                                  f);
                        head = true;
                        if (!left++) {
                            fputs("- **", f);
                            cd_md_put(f, r->names[d], strlen(r->names[d]));
                            fputs("**\n", f);
                        }
                        size_t len;
                        const char *s = cd_rep_sentence(r, om->ref, &len);
                        fprintf(f, "  - claim g%zu: ", om->group + 1);
                        cd_md_put(f, s, len);
                        fputc('\n', f);
                    }
            }
        }
    }
    fprintf(f, "\n_Made by claimdiff %s._\n", CD_VERSION);
    return !ferror(f);
}
