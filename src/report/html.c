/* html.c — one self-contained page for classrooms: a summary and a legend
 * at the top, then per story a table with one column per outlet and one row
 * per claim (framing badge, differing words highlighted, loaded words and
 * hedges underlined with a tooltip, differing quotes boxed, "not reported"
 * where an outlet left the claim out), the divergences explained under each
 * row. Inline CSS, no script, no external request (a Content-Security-Policy
 * forbids both); every piece of article text goes through cd_html_put. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "cd_config.h"

#define KEY_SHOWN 6 /* differences listed in the summary */

static const char CSS[] =
    "*{box-sizing:border-box}\n"
    "body{font:17px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;"
    "color:#1b1b1b;background:#fff;margin:0 auto;padding:1.2em 1.5em;max-width:1500px}\n"
    "h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.3em;margin:1.4em 0 .4em;"
    "border-bottom:2px solid #ddd;padding-bottom:.2em}\n"
    ".sub{color:#555;margin:.2em 0 1em}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border:1px solid #c8c8c8;padding:.45em .6em;vertical-align:top;text-align:left}\n"
    "thead th{background:#f0f0f0;position:sticky;top:0}\n"
    ".glance td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".glance td.date{white-space:nowrap}\n"
    ".claims th.row{width:5.5em;background:#fafafa;font-weight:600}\n"
    ".claims th.row small{display:block;font-weight:400;color:#666}\n"
    ".claims td{min-width:11em}\n"
    "td.omitted{background:repeating-linear-gradient(135deg,#fafafa 0 8px,#f0f0f0 8px 16px);"
    "color:#888;font-style:italic;text-align:center;vertical-align:middle}\n"
    "tr.notes td{background:#fffbea;border-top:none;font-size:.92em}\n"
    "tr.notes ul{margin:0;padding-left:1.2em}\n"
    ".badge{display:inline-block;font-size:.72em;font-weight:700;letter-spacing:.04em;"
    "text-transform:uppercase;padding:.1em .45em;border-radius:.3em;color:#fff;"
    "margin-right:.35em;vertical-align:.1em}\n"
    ".asserted{background:#1f4e9e}.attributed{background:#2e7d32}"
    ".hedged{background:#a35a00}.denied{background:#6a1b9a}\n"
    ".who{display:block;font-size:.85em;color:#2e5f30;margin:.1em 0 .25em}\n"
    "mark.d{background:#ffe066;color:inherit;padding:0 .1em;border-radius:.15em}\n"
    "span.l{text-decoration:underline wavy #c62828;text-decoration-thickness:2px;"
    "text-underline-offset:3px;cursor:help}\n"
    "span.h{text-decoration:underline dotted #a35a00;text-decoration-thickness:2px;"
    "text-underline-offset:3px;cursor:help}\n"
    "span.q{outline:2px solid #c62828;outline-offset:1px;border-radius:.15em}\n"
    ".base{font-size:.75em;color:#666;display:block;margin-top:.3em}\n"
    ".legend{display:grid;grid-template-columns:repeat(auto-fit,minmax(20em,1fr));"
    "gap:.3em 1.5em;padding:.8em 1em;background:#f7f7f7;border:1px solid #ddd;border-radius:.4em}\n"
    ".legend p{margin:.2em 0}\n"
    ".key li{margin:.25em 0}.key a{color:#1f4e9e}\n"
    ".err{color:#b00020}\n"
    ".only li{margin:.3em 0}\n"
    "footer{margin-top:2em;color:#666;font-size:.85em}\n"
    "@media print{body{font-size:10.5pt;max-width:none;padding:0}"
    "thead{display:table-header-group}thead th{position:static}"
    "tr{break-inside:avoid}h2{break-after:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void badge(FILE *f, const cd_sentence_info *info)
{
    if (!info)
        return;
    fprintf(f, "<span class=\"badge %s\">%s</span>", cd_framing_name(info->framing),
            cd_framing_badge(info->framing));
}

static void attribution(FILE *f, const cd_sentence_info *info)
{
    if (!info || info->framing != CD_FRAMING_ATTRIBUTED || !info->attr_source)
        return;
    fputs("<span class=\"who\">to ", f);
    cd_html_puts(f, info->attr_source);
    if (info->attr_cue) {
        fputs(" (", f);
        cd_html_puts(f, info->attr_cue);
        fputs(")", f);
    }
    fputs("</span>", f);
}

/* The sentence of member m with its marks as nested-free runs. */
static void marked_sentence(FILE *f, const cd_rep *r, size_t g, size_t m)
{
    cd_align_ref ref = r->cmp->al->groups[g].members[m];
    size_t len;
    const char *s = cd_rep_sentence(r, ref, &len);
    unsigned char *marks = cd_rep_marks(r, g, m);
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && marks[j] == marks[i])
            j++;
        /* a run must not end inside a UTF-8 character */
        while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        unsigned k = marks[i];
        if (k & MARK_QUOTE)
            fputs("<span class=\"q\" title=\"This quotation differs from the other outlets'\">",
                  f);
        if (k & MARK_LOADED)
            fputs("<span class=\"l\" title=\"Loaded word: it judges rather than describes\">",
                  f);
        if (k & MARK_HEDGE)
            fputs("<span class=\"h\" title=\"Hedge: it softens the claim\">", f);
        if (k & MARK_DIFF)
            fputs("<mark class=\"d\">", f);
        cd_html_put(f, s + i, j - i);
        if (k & MARK_DIFF)
            fputs("</mark>", f);
        if (k & MARK_HEDGE)
            fputs("</span>", f);
        if (k & MARK_LOADED)
            fputs("</span>", f);
        if (k & MARK_QUOTE)
            fputs("</span>", f);
        i = j;
    }
    free(marks);
}

static void legend(FILE *f)
{
    fputs("<section class=\"legend\" aria-label=\"How to read this page\">\n", f);
    for (int k = CD_FRAMING_ASSERTED; k <= CD_FRAMING_DENIED; k++) {
        fprintf(f, "<p><span class=\"badge %s\">%s</span> ", cd_framing_name((cd_framing)k),
                cd_framing_badge((cd_framing)k));
        /* capitalised first letter of the explanation */
        const char *e = cd_framing_explain((cd_framing)k);
        fprintf(f, "%c", e[0] >= 'a' && e[0] <= 'z' ? e[0] - 32 : e[0]);
        cd_html_puts(f, e + 1);
        fputs("</p>\n", f);
    }
    fputs("<p><mark class=\"d\">highlighted</mark> words differ from the outlet whose cell "
          "says &ldquo;compared with this&rdquo;.</p>\n"
          "<p><span class=\"l\">wavy underline</span>: a loaded word, which judges rather than "
          "describes (point at it).</p>\n"
          "<p><span class=\"h\">dotted underline</span>: a hedge, which softens the claim.</p>\n"
          "<p><span class=\"q\">boxed</span>: a quotation worded differently from the other "
          "outlets&rsquo;.</p>\n"
          "<p>A striped cell saying <i>not reported</i>: the outlet leaves this claim "
          "out.</p>\n</section>\n",
          f);
}

static void glance(FILE *f, const cd_rep *r)
{
    const cd_comparison *c = r->cmp;
    const cd_alignment *al = c->al;
    fputs("<h2>At a glance</h2>\n<table class=\"glance\"><thead><tr><th>Outlet</th>"
          "<th>Headline</th><th>Date</th><th>Claims shared</th>"
          "<th><span class=\"badge asserted\">fact</span></th>"
          "<th><span class=\"badge attributed\">attributed</span></th>"
          "<th><span class=\"badge hedged\">hedged</span></th>"
          "<th><span class=\"badge denied\">denied</span></th>"
          "<th>Claims of others left out</th></tr></thead>\n<tbody>\n",
          f);
    for (size_t d = 0; d < r->set->n; d++) {
        const cd_doc *doc = r->set->docs[d];
        fputs("<tr><th scope=\"row\">", f);
        cd_html_puts(f, r->names[d]);
        fputs("</th>", f);
        if (!doc) {
            fputs("<td colspan=\"8\" class=\"err\">could not be read: ", f);
            cd_html_puts(f, r->set->errors[d] ? r->set->errors[d] : "unknown error");
            fputs("</td></tr>\n", f);
            continue;
        }
        size_t shared = 0, fr[4] = {0}, left = 0;
        for (size_t g = 0; g < al->n_groups; g++)
            for (size_t m = 0; m < al->groups[g].n_members; m++)
                if (al->groups[g].members[m].doc == d) {
                    shared++;
                    const cd_sentence_info *info = cd_rep_info(r, al->groups[g].members[m]);
                    if (info && info->framing <= CD_FRAMING_DENIED)
                        fr[info->framing]++;
                }
        for (size_t k = 0; k < c->n_omissions; k++)
            if (c->omissions[k].group != SIZE_MAX)
                for (size_t i = 0; i < c->omissions[k].n_missing; i++)
                    left += c->omissions[k].missing[i] == d;
        const char *title = cd_doc_title(doc), *pub = cd_doc_published(doc);
        fputs("<td>", f);
        cd_html_puts(f, title ? title : "");
        fputs("</td><td class=\"date\">", f);
        cd_html_puts(f, pub ? pub : "");
        fprintf(f,
                "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                "<td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n",
                shared, fr[0], fr[1], fr[2], fr[3], left);
    }
    fputs("</tbody></table>\n", f);

    /* the differences that matter most, in the order of the claims */
    size_t shown = 0;
    for (size_t i = 0; i < al->n_groups && shown < KEY_SHOWN; i++) {
        size_t g = r->order[i];
        for (size_t k = 0; c->divs && k < c->n_divs[g] && shown < KEY_SHOWN; k++) {
            const cd_divergence *dv = &c->divs[g][k];
            if (dv->kind == CD_DIV_WORDING || dv->kind == CD_DIV_LOADED ||
                dv->kind == CD_DIV_ENTITY || !dv->summary)
                continue;
            if (!shown)
                fputs("<h2>Key differences</h2>\n<ul class=\"key\">\n", f);
            fprintf(f, "<li><a href=\"#g%zu\">Claim %zu</a> (%s): ", g + 1, i + 1,
                    cd_div_kind_name(dv->kind));
            cd_html_puts(f, dv->summary);
            fputs("</li>\n", f);
            shown++;
        }
    }
    if (shown)
        fputs("</ul>\n", f);
}

static void claim_rows(FILE *f, const cd_rep *r, size_t g, size_t rank, const size_t *cols,
                       size_t n_cols)
{
    const cd_comparison *c = r->cmp;
    const cd_align_group *gr = &c->al->groups[g];
    size_t base = cd_rep_group_base(r, g);
    fprintf(f, "<tr id=\"g%zu\"><th class=\"row\" scope=\"row\">Claim %zu<small>%zu of %zu "
               "outlets%s</small></th>",
            g + 1, rank, gr->n_members, n_cols, gr->cross_story ? ", across stories" : "");
    for (size_t k = 0; k < n_cols; k++) {
        size_t m = SIZE_MAX;
        for (size_t i = 0; i < gr->n_members && m == SIZE_MAX; i++)
            if (gr->members[i].doc == cols[k])
                m = i;
        if (m == SIZE_MAX) {
            fputs("<td class=\"omitted\">not reported</td>", f);
            continue;
        }
        const cd_sentence_info *info = cd_rep_info(r, gr->members[m]);
        fputs("<td>", f);
        badge(f, info);
        attribution(f, info);
        marked_sentence(f, r, g, m);
        if (m == base)
            fputs("<span class=\"base\">compared with this</span>", f);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
    bool any = false;
    for (size_t k = 0; c->divs && k < c->n_divs[g]; k++) {
        const cd_divergence *dv = &c->divs[g][k];
        if (dv->kind == CD_DIV_WORDING || !dv->summary)
            continue;
        if (!any)
            fprintf(f, "<tr class=\"notes\"><td></td><td colspan=\"%zu\"><ul>", n_cols);
        any = true;
        fprintf(f, "<li><b>%s:</b> ", cd_div_kind_name(dv->kind));
        cd_html_puts(f, dv->summary);
        fputs("</li>", f);
    }
    if (any)
        fputs("</ul></td></tr>\n", f);
}

static void story(FILE *f, const cd_rep *r, size_t t)
{
    const cd_alignment *al = r->cmp->al;
    size_t *cols = cd_xcalloc(r->set->n ? r->set->n : 1, sizeof *cols), n_cols = 0;
    for (size_t d = 0; d < r->set->n; d++) {
        bool in = r->set->docs[d] && al->story_of[d] == t;
        /* a group across stories brings its other outlets into the table */
        for (size_t g = 0; g < al->n_groups && !in; g++)
            if (al->groups[g].story == t && al->groups[g].cross_story)
                for (size_t m = 0; m < al->groups[g].n_members && !in; m++)
                    in = al->groups[g].members[m].doc == d;
        if (in)
            cols[n_cols++] = d;
    }
    fprintf(f, "<h2>Story %zu: the claims, side by side</h2>\n", t + 1);
    size_t rank = 0;
    for (size_t i = 0; i < al->n_groups; i++) {
        size_t g = r->order[i];
        if (al->groups[g].story != t)
            continue;
        if (!rank) {
            fputs("<table class=\"claims\"><thead><tr><th>Claim</th>", f);
            for (size_t k = 0; k < n_cols; k++) {
                fputs("<th scope=\"col\">", f);
                cd_html_puts(f, r->names[cols[k]]);
                fputs("</th>", f);
            }
            fputs("</tr></thead>\n<tbody>\n", f);
        }
        claim_rows(f, r, g, ++rank, cols, n_cols);
    }
    if (rank)
        fputs("</tbody></table>\n", f);
    else
        fputs("<p>No claim is shared by two of these outlets.</p>\n", f);

    /* what only one outlet says */
    bool head = false;
    for (size_t k = 0; k < n_cols; k++) {
        bool first = true;
        for (size_t u = 0; u < al->n_unmatched; u++) {
            if (al->unmatched[u].doc != cols[k])
                continue;
            if (!head)
                fputs("<h2>Only in one outlet</h2>\n<div class=\"only\">\n", f);
            head = true;
            if (first) {
                fputs("<h3>", f);
                cd_html_puts(f, r->names[cols[k]]);
                fputs("</h3>\n<ul>\n", f);
            }
            first = false;
            const cd_sentence_info *info = cd_rep_info(r, al->unmatched[u]);
            size_t len;
            const char *s = cd_rep_sentence(r, al->unmatched[u], &len);
            fputs("<li>", f);
            badge(f, info);
            cd_html_put(f, s, len);
            fputs("</li>\n", f);
        }
        if (!first)
            fputs("</ul>\n", f);
    }
    if (head)
        fputs("</div>\n", f);
    free(cols);
}

bool cd_report_html(FILE *f, const cd_options *o, const cd_source_set *set, const void *ctx)
{
    (void)o;
    (void)set;
    const cd_rep *r = ctx;
    size_t ok = 0;
    for (size_t d = 0; d < r->set->n; d++)
        ok += r->set->docs[d] != NULL;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"claimdiff " CD_VERSION "\">\n<title>",
          f);
    fprintf(f, "How %zu outlets report the story", ok);
    fputs("</title>\n<style>\n", f);
    fputs(CSS, f);
    fputs("</style>\n</head>\n<body>\n<header>\n", f);
    fprintf(f, "<h1>How %zu outlets report the same story</h1>\n", ok);
    fprintf(f, "<p class=\"sub\">%zu claims are reported by two or more outlets; %zu sentences "
               "appear in one outlet only. Made by claimdiff " CD_VERSION
               ", which compares the sentences automatically: check what it marks against "
               "the articles themselves.</p>\n</header>\n",
            r->cmp->al->n_groups, r->cmp->al->n_unmatched);
    legend(f);
    glance(f, r);
    for (size_t t = 0; t < r->cmp->al->n_stories; t++)
        story(f, r, t);
    fputs("<footer>Generated by claimdiff " CD_VERSION ". Article text is shown as the "
          "outlets published it.</footer>\n</body>\n</html>\n",
          f);
    return !ferror(f);
}
