/* text.c — the terminal report (the default format): sources, then per
 * story the claims most outlets carry first, each outlet's sentence with a
 * framing badge and its differing words marked, the plain-English summary of
 * each divergence, and what each outlet left out. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define NAME_MAX_W 20    /* the outlet column is at most this wide */
#define OMIT_SHOWN 5     /* omissions listed per outlet (the rest counted) */
#define OMIT_TEXT_W 64   /* columns of a sentence quoted in the omissions */
#define REWORDED 0.4     /* below this share of same words a sentence is shown unmarked */

/* Write s cleaned and cut to at most w columns (ending in "…" when cut). */
static size_t put_cut(FILE *f, const char *s, size_t n, size_t w)
{
    cd_buf b = {0};
    cd_rep_clean(&b, s, n);
    size_t cols = 0, i = 0;
    while (i < b.len) {
        uint32_t cp;
        bool valid;
        size_t len = cd_utf8_decode((const unsigned char *)b.data + i, b.len - i, &cp, &valid);
        size_t cw = cd_text_width(b.data + i, len);
        if (cols + cw > w - 1 && cd_text_width(b.data + i, b.len - i) > w - cols) {
            fputs("…", f);
            cols++;
            break;
        }
        fwrite(b.data + i, 1, len, f);
        cols += cw;
        i += len;
    }
    cd_buf_free(&b);
    return cols;
}

static void put_name(FILE *f, const cd_rep *r, size_t d, size_t w)
{
    const char *name = r->names[d];
    size_t cols = put_cut(f, name, strlen(name), w);
    fprintf(f, "%*s", (int)(w - cols), "");
}

static void style_on(FILE *f, const cd_rep *r, const char *sgr)
{
    if (r->color)
        fputs(sgr, f);
}

static void style_off(FILE *f, const cd_rep *r)
{
    if (r->color)
        fputs("\x1b[0m", f);
}

static void header(FILE *f, const cd_rep *r)
{
    const cd_alignment *al = r->cmp->al;
    size_t ok = 0;
    for (size_t d = 0; d < r->set->n; d++)
        ok += r->set->docs[d] != NULL;
    style_on(f, r, "\x1b[1m");
    fprintf(f, "claimdiff: %zu source%s, %zu stor%s, %zu claim%s shared by two or more outlets",
            ok, ok == 1 ? "" : "s", al->n_stories, al->n_stories == 1 ? "y" : "ies", al->n_groups,
            al->n_groups == 1 ? "" : "s");
    style_off(f, r);
    fputs("\n\nSources\n", f);
    size_t w = 0;
    for (size_t d = 0; d < r->set->n; d++) {
        size_t nw = cd_text_width(r->names[d], strlen(r->names[d]));
        w = nw > w ? nw : w;
    }
    w = w > NAME_MAX_W ? NAME_MAX_W : w;
    for (size_t d = 0; d < r->set->n; d++) {
        const cd_doc *doc = r->set->docs[d];
        fprintf(f, "  s%-3zu", d + 1);
        put_name(f, r, d, w);
        if (!doc) {
            style_on(f, r, "\x1b[33m");
            fputs("  error: ", f);
            const char *e = r->set->errors[d] ? r->set->errors[d] : "unreadable";
            put_cut(f, e, strlen(e), r->width > w + 16 ? r->width - w - 16 : 20);
            style_off(f, r);
            fputc('\n', f);
            continue;
        }
        const char *pub = cd_doc_published(doc);
        fprintf(f, "  %-10s  %zu sentences, %zu lines dropped\n", pub ? pub : "no date",
                cd_doc_sentence_count(doc), cd_doc_dropped_count(doc));
        const char *title = cd_doc_title(doc);
        if (title && *title) {
            fprintf(f, "  %*s  ", (int)(w + 4), "");
            put_cut(f, title, strlen(title), r->width > w + 8 ? r->width - w - 8 : 20);
            fputc('\n', f);
        }
    }
    fputs("\nBadges: ", f);
    for (int k = CD_FRAMING_ASSERTED; k <= CD_FRAMING_DENIED; k++)
        fprintf(f, "%s[%s] %s", k ? "; " : "", cd_framing_badge((cd_framing)k),
                k == CD_FRAMING_ASSERTED     ? "stated as fact"
                : k == CD_FRAMING_ATTRIBUTED ? "put on a source"
                : k == CD_FRAMING_HEDGED     ? "softened (may, reportedly)"
                                             : "a denial");
    fputs(".\n", f);
    if (r->color)
        fputs("Words: \x1b[31;9monly in the outlet marked =\x1b[0m \x1b[32;1monly in this "
              "outlet\x1b[0m.\n",
              f);
    else
        fputs("Words: [-only in the outlet marked =-] {+only in this outlet+}.\n", f);
}

/* The outlet column width of a story: its widest name, capped. */
static size_t story_name_w(const cd_rep *r, size_t t)
{
    size_t w = 4;
    for (size_t d = 0; d < r->set->n; d++)
        if (r->set->docs[d] && r->cmp->al->story_of[d] == t) {
            size_t nw = cd_text_width(r->names[d], strlen(r->names[d]));
            w = nw > w ? nw : w;
        }
    return w > NAME_MAX_W ? NAME_MAX_W : w;
}

static void member_line(FILE *f, const cd_rep *r, size_t g, size_t m, size_t base, size_t nw)
{
    const cd_align_group *gr = &r->cmp->al->groups[g];
    cd_align_ref ref = gr->members[m];
    fputs(m == base ? "  = " : "    ", f);
    put_name(f, r, ref.doc, nw);
    fputc(' ', f);
    cd_wrap w;
    cd_wrap_start(&w, f, r->color, r->width, 4 + nw + 1, 4 + nw + 1);
    const cd_sentence_info *info = cd_rep_info(r, ref);
    if (info) {
        char badge[32];
        snprintf(badge, sizeof badge, "[%s]", cd_framing_badge(info->framing));
        cd_wrap_puts(&w, badge, ST_BADGE);
        cd_wrap_space(&w);
    }
    cd_piece *p = NULL;
    double same = 1;
    size_t n = cd_rep_pieces(r, g, m, true, &p, &same);
    bool marked = same >= REWORDED;
    for (size_t k = 0; k < n; k++) {
        if (!marked && p[k].kind == CD_DIFF_DEL)
            continue;
        cd_style st = !marked || p[k].kind == CD_DIFF_SAME ? ST_PLAIN
                      : p[k].kind == CD_DIFF_DEL           ? ST_DEL
                                                           : ST_ADD;
        cd_wrap_add(&w, p[k].s, p[k].n, st);
    }
    free(p);
    if (!marked)
        cd_wrap_puts(&w, " (reworded)", ST_DIM);
    cd_wrap_end(&w);
}

static void group_block(FILE *f, const cd_rep *r, size_t g, size_t rank, size_t nw)
{
    const cd_align_group *gr = &r->cmp->al->groups[g];
    size_t in_story = cd_rep_story_size(r, gr->story);
    unsigned kinds = cd_rep_kinds(r, g);
    style_on(f, r, "\x1b[1m");
    fprintf(f, "\nClaim %zu", rank);
    style_off(f, r);
    if (gr->cross_story || gr->n_members > in_story)
        fprintf(f, " — %zu outlets, across stories", gr->n_members);
    else
        fprintf(f, " — %zu of %zu outlets", gr->n_members, in_story);
    if (kinds) {
        fputs(" — differ in", f);
        bool first = true;
        for (int k = 0; k < CD_DIV_KINDS; k++)
            if (kinds & (1u << k)) {
                fprintf(f, "%s %s", first ? ":" : ",", cd_div_kind_name((cd_div_kind)k));
                first = false;
            }
    } else {
        fputs(" — no difference found", f);
    }
    fputc('\n', f);
    size_t base = cd_rep_group_base(r, g);
    for (size_t m = 0; m < gr->n_members; m++)
        member_line(f, r, g, m, base, nw);
    for (size_t k = 0; r->cmp->divs && k < r->cmp->n_divs[g]; k++) {
        const cd_divergence *dv = &r->cmp->divs[g][k];
        if (dv->kind == CD_DIV_WORDING || !dv->summary)
            continue;
        fputs("    ", f);
        cd_wrap w;
        cd_wrap_start(&w, f, r->color, r->width, 6, 4);
        cd_wrap_puts(&w, "!", ST_WARN);
        cd_wrap_space(&w);
        cd_wrap_puts(&w, dv->summary, ST_PLAIN);
        cd_wrap_end(&w);
    }
}

static void omissions(FILE *f, const cd_rep *r, size_t t, size_t nw)
{
    const cd_comparison *c = r->cmp;
    bool any = false;
    for (size_t d = 0; d < r->set->n; d++) {
        if (!r->set->docs[d] || c->al->story_of[d] != t)
            continue;
        size_t count = 0;
        for (size_t k = 0; k < c->n_omissions; k++) {
            const cd_omission *om = &c->omissions[k];
            if (om->story != t)
                continue;
            bool missing = false;
            for (size_t i = 0; i < om->n_missing && !missing; i++)
                missing = om->missing[i] == d;
            if (!missing)
                continue;
            if (!any) {
                style_on(f, r, "\x1b[1m");
                fputs("\nLeft out", f);
                style_off(f, r);
                fputs(" (what other outlets of the story report and this one does not)\n", f);
                any = true;
            }
            if (count == 0) {
                fputs("    ", f);
                put_name(f, r, d, nw);
                fputc('\n', f);
            }
            if (count < OMIT_SHOWN) {
                size_t len;
                const char *s = cd_rep_sentence(r, om->ref, &len);
                fputs("      - ", f);
                const cd_sentence_info *info = cd_rep_info(r, om->ref);
                if (info)
                    fprintf(f, "[%s] ", cd_framing_badge(info->framing));
                size_t tw = r->width > 50 ? r->width - 44 : 10;
                put_cut(f, s, len, tw < OMIT_TEXT_W ? tw : OMIT_TEXT_W);
                if (om->n_present == 1) {
                    fputs(" (only ", f);
                    put_cut(f, r->names[om->present[0]], strlen(r->names[om->present[0]]), 24);
                    fputs(")", f);
                } else {
                    fprintf(f, " (%zu outlets)", om->n_present);
                }
                fputc('\n', f);
            }
            count++;
        }
        if (count > OMIT_SHOWN)
            fprintf(f, "      and %zu more\n", count - OMIT_SHOWN);
    }
}

bool cd_report_text(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx)
{
    (void)o;
    (void)set;
    const cd_rep *r = ctx;
    const cd_alignment *al = r->cmp->al;
    header(f, r);
    for (size_t t = 0; t < al->n_stories; t++) {
        size_t nw = story_name_w(r, t);
        style_on(f, r, "\x1b[1m");
        fprintf(f, "\nStory t%zu:", t + 1);
        style_off(f, r);
        bool first = true;
        for (size_t d = 0; d < r->set->n; d++)
            if (r->set->docs[d] && al->story_of[d] == t) {
                fputs(first ? " " : ", ", f);
                put_cut(f, r->names[d], strlen(r->names[d]), NAME_MAX_W);
                first = false;
            }
        fputc('\n', f);
        size_t rank = 0;
        for (size_t i = 0; i < al->n_groups; i++) {
            size_t g = r->order[i];
            if (al->groups[g].story != t)
                continue;
            group_block(f, r, g, ++rank, nw);
        }
        if (!rank)
            fputs("\n    No claim is shared by two of these outlets.\n", f);
        omissions(f, r, t, nw);
    }
    fprintf(f, "\n%zu sentence%s no other outlet carries (-f json or -f html lists them).\n",
            al->n_unmatched, al->n_unmatched == 1 ? "" : "s");
    return !ferror(f);
}
