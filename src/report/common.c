/* common.c — what every report format shares: the view of a comparison
 * (names, the order of claims), access to members and their diffs, cleaning
 * and escaping of article text, display width and word wrapping. */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

const cd_writer cd_report_writers[FMT_COUNT] = {
    [FMT_TEXT] = cd_report_text,
    [FMT_JSON] = cd_report_json,
    [FMT_JSONL] = cd_report_jsonl,
    [FMT_HTML] = cd_report_html,
    [FMT_MARKDOWN] = cd_report_markdown,
};

/* How much a divergence kind says about a claim being reported differently:
 * framing, quotes and facts before word choice. */
static size_t kind_weight(cd_div_kind k)
{
    switch (k) {
    case CD_DIV_FRAMING:
    case CD_DIV_QUOTE:
    case CD_DIV_NUMBER:
    case CD_DIV_NEGATION:
        return 4;
    case CD_DIV_ATTRIBUTION:
    case CD_DIV_DATE:
        return 3;
    case CD_DIV_ENTITY:
    case CD_DIV_LOADED:
        return 2;
    default:
        return 1;
    }
}

static const cd_rep *sort_rep; /* qsort has no context argument */

static int by_importance(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    const cd_align_group *ga = &sort_rep->cmp->al->groups[a], *gb = &sort_rep->cmp->al->groups[b];
    if (ga->n_members != gb->n_members)
        return ga->n_members > gb->n_members ? -1 : 1;
    if (sort_rep->strength[a] != sort_rep->strength[b])
        return sort_rep->strength[a] > sort_rep->strength[b] ? -1 : 1;
    return a < b ? -1 : a > b;
}

static size_t env_width(void)
{
    const char *c = getenv("COLUMNS");
    long w = 0;
    if (c && *c) {
        char *end;
        w = strtol(c, &end, 10);
        if (*end)
            w = 0;
    }
    if (w <= 0 && isatty(STDOUT_FILENO)) {
        struct winsize ws;
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
            w = ws.ws_col;
    }
    if (w <= 0)
        w = 80;
    if (w < 40)
        w = 40; /* narrower than this, the columns of the report overlap */
    if (w > 400)
        w = 400;
    return (size_t)w;
}

void cd_rep_init(cd_rep *r, const cd_options *o, const cd_source_set *set,
                 const cd_comparison *cmp)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->set = set;
    r->cmp = cmp;
    r->names = cd_xcalloc(set->n ? set->n : 1, sizeof *r->names);
    for (size_t d = 0; d < set->n; d++) {
        const char *outlet = set->docs[d] ? cd_doc_outlet(set->docs[d]) : NULL;
        r->names[d] = outlet && *outlet ? outlet : set->origins[d];
    }
    const cd_alignment *al = cmp ? cmp->al : NULL;
    size_t ng = al ? al->n_groups : 0;
    r->order = cd_xcalloc(ng ? ng : 1, sizeof *r->order);
    r->strength = cd_xcalloc(ng ? ng : 1, sizeof *r->strength);
    for (size_t g = 0; g < ng; g++) {
        r->order[g] = g;
        unsigned kinds = cd_rep_kinds(r, g);
        for (int k = 0; k < CD_DIV_KINDS; k++)
            if (kinds & (1u << k))
                r->strength[g] += kind_weight((cd_div_kind)k);
    }
    sort_rep = r;
    qsort(r->order, ng, sizeof *r->order, by_importance);
    sort_rep = NULL;
    r->n_stories = al ? al->n_stories : 0;

    bool tty = o->output == NULL && isatty(STDOUT_FILENO);
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    if (o->color == CD_COLOR_ALWAYS)
        r->color = true;
    else if (o->color == CD_COLOR_NEVER)
        r->color = false;
    else
        r->color = tty && !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
    r->width = env_width();
}

void cd_rep_free(cd_rep *r)
{
    free(r->names);
    free(r->order);
    free(r->strength);
    memset(r, 0, sizeof *r);
}

const char *cd_rep_sentence(const cd_rep *r, cd_align_ref ref, size_t *len)
{
    const cd_doc *d = r->set->docs[ref.doc];
    const cd_sentence *s = cd_doc_sentence(d, ref.sent);
    *len = s->end - s->start;
    return cd_doc_text(d, NULL) + s->start;
}

const cd_sentence_info *cd_rep_info(const cd_rep *r, cd_align_ref ref)
{
    if (!r->cmp || !r->cmp->analyses || !r->cmp->analyses[ref.doc])
        return NULL;
    return cd_analysis_sentence(r->cmp->analyses[ref.doc], ref.sent);
}

void cd_rep_member(const cd_rep *r, cd_align_ref ref, cd_member *out)
{
    const cd_doc *d = r->set->docs[ref.doc];
    const cd_sentence *s = cd_doc_sentence(d, ref.sent);
    out->text = cd_doc_text(d, NULL);
    out->range = (cd_range){s->start, s->end};
    out->toks = s->tok_count ? cd_doc_token(d, s->tok_first) : NULL;
    out->n_toks = s->tok_count;
    out->info = cd_rep_info(r, ref);
    out->name = r->names[ref.doc];
}

const cd_div_side *cd_rep_wording_side(const cd_rep *r, size_t g, size_t m, size_t *base)
{
    if (!r->cmp || !r->cmp->divs)
        return NULL;
    for (size_t k = 0; k < r->cmp->n_divs[g]; k++) {
        const cd_divergence *dv = &r->cmp->divs[g][k];
        if (dv->kind != CD_DIV_WORDING)
            continue;
        if (base)
            *base = dv->base;
        for (size_t s = 0; s < dv->n_sides; s++)
            if (dv->sides[s].member == m)
                return &dv->sides[s];
        return NULL;
    }
    return NULL;
}

size_t cd_rep_group_base(const cd_rep *r, size_t g)
{
    const cd_align_group *gr = &r->cmp->al->groups[g];
    for (size_t m = 0; m < gr->n_members; m++) {
        size_t b;
        if (cd_rep_wording_side(r, g, m, &b) && b < gr->n_members)
            return b;
    }
    return SIZE_MAX;
}

unsigned cd_rep_kinds(const cd_rep *r, size_t g)
{
    unsigned kinds = 0;
    if (!r->cmp || !r->cmp->divs)
        return 0;
    for (size_t k = 0; k < r->cmp->n_divs[g]; k++)
        kinds |= 1u << r->cmp->divs[g][k].kind;
    return kinds;
}

size_t cd_rep_story_size(const cd_rep *r, size_t t)
{
    size_t n = 0;
    for (size_t d = 0; d < r->set->n; d++)
        n += r->set->docs[d] && r->cmp->al->story_of[d] == t;
    return n;
}

const char *cd_framing_badge(cd_framing f)
{
    /* the badge says "fact" where the JSON says "asserted" */
    return f == CD_FRAMING_ASSERTED ? "fact" : cd_framing_name(f);
}

const char *cd_framing_explain(cd_framing f)
{
    switch (f) {
    case CD_FRAMING_ASSERTED:
        return "the outlet states the claim as fact, in its own voice.";
    case CD_FRAMING_ATTRIBUTED:
        return "the outlet puts the claim on a source (\"according to X\", \"X said\").";
    case CD_FRAMING_HEDGED:
        return "the outlet softens the claim (may, reportedly, is believed to).";
    case CD_FRAMING_DENIED:
        return "the sentence reports a denial, or negates the claim.";
    }
    return "";
}

/* ------------------------------------------------------------ cleaning */

void cd_rep_clean(cd_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = cd_utf8_ascii_run(s + i, n - i);
        size_t k = 0;
        while (k < run && p[i + k] >= 0x20 && p[i + k] != 0x7f)
            k++;
        if (k) {
            cd_buf_append(b, s + i, k);
            i += k;
            continue;
        }
        unsigned char c = p[i];
        if (c == 0x1b) { /* ESC: skip the whole sequence */
            i++;
            if (i < n && p[i] == '[') { /* CSI: parameters, then a final byte */
                i++;
                while (i < n && !(p[i] >= 0x40 && p[i] <= 0x7e))
                    i++;
                i += i < n;
            } else if (i < n && (p[i] == ']' || p[i] == 'P' || p[i] == '_' || p[i] == '^')) {
                /* OSC, DCS, APC, PM: up to BEL or ESC \ */
                i++;
                while (i < n && p[i] != 0x07 && !(p[i] == 0x1b && i + 1 < n && p[i + 1] == '\\'))
                    i++;
                i += i < n ? (p[i] == 0x07 ? 1 : 2) : 0;
            } else if (i < n) {
                i++; /* a two-byte escape */
            }
            continue;
        }
        if (c < 0x80) {
            if (c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
                cd_buf_putc(b, ' ');
            i++; /* other C0 controls and DEL: dropped */
            continue;
        }
        uint32_t cp;
        bool valid;
        size_t len = cd_utf8_decode(p + i, n - i, &cp, &valid);
        if (!valid) {
            cd_buf_put_cp(b, CD_REPLACEMENT_CHAR);
        } else if (cp >= 0x80 && cp <= 0x9f) {
            /* C1 controls, CSI and OSC among them: dropped */
        } else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
            cd_buf_putc(b, ' ');
        } else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
            /* bidirectional overrides could reorder the report's own text */
        } else {
            cd_buf_append(b, s + i, len);
        }
        i += len;
    }
    if (!b->data)
        cd_buf_puts(b, "");
}

void cd_html_put(FILE *f, const char *s, size_t n)
{
    cd_buf b = {0};
    cd_rep_clean(&b, s, n);
    for (size_t i = 0; i < b.len; i++) {
        char c = b.data[i];
        switch (c) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(c, f);
        }
    }
    cd_buf_free(&b);
}

void cd_html_puts(FILE *f, const char *s)
{
    cd_html_put(f, s, strlen(s));
}

void cd_md_put(FILE *f, const char *s, size_t n)
{
    cd_buf b = {0};
    cd_rep_clean(&b, s, n);
    for (size_t i = 0; i < b.len; i++) {
        char c = b.data[i];
        if (strchr("\\`*_[]<>#|~", c))
            fputc('\\', f);
        fputc(c, f);
    }
    cd_buf_free(&b);
}

size_t cd_text_width(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        bool valid;
        i += cd_utf8_decode((const unsigned char *)s + i, n - i, &cp, &valid);
        int cw = utf8proc_charwidth((utf8proc_int32_t)cp);
        w += cw > 0 ? (size_t)cw : 0;
    }
    return w;
}

/* ------------------------------------------------------------ wrapping */

static const char *sgr(cd_style st)
{
    switch (st) {
    case ST_DEL:
        return "\x1b[31;9m"; /* red, struck through */
    case ST_ADD:
        return "\x1b[32;1m"; /* green, bold */
    case ST_BADGE:
        return "\x1b[36m";
    case ST_DIM:
        return "\x1b[2m";
    case ST_BOLD:
        return "\x1b[1m";
    case ST_WARN:
        return "\x1b[33m";
    default:
        return NULL;
    }
}

void cd_wrap_start(cd_wrap *w, FILE *f, bool color, size_t width, size_t indent, size_t col)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->color = color;
    w->width = width;
    w->indent = indent < width / 2 ? indent : width / 2;
    w->col = col;
    w->line_empty = col <= w->indent;
}

/* Write the pending word (bytes with any SGR codes, display width word_w). */
static void flush_word(cd_wrap *w)
{
    if (!w->word.len)
        return;
    size_t sep = !w->line_empty && w->space ? 1 : 0;
    if (!w->line_empty && w->col + sep + w->word_w > w->width) {
        fprintf(w->f, "\n%*s", (int)w->indent, "");
        w->col = w->indent;
        w->line_empty = true;
        sep = 0;
    }
    if (sep)
        fputc(' ', w->f);
    fwrite(w->word.data, 1, w->word.len, w->f);
    w->col += sep + w->word_w;
    w->line_empty = false;
    w->word.len = 0;
    w->word_w = 0;
    w->space = false;
}

/* Append one character (cp, bytes s[0..len)) of style st to the word. */
static void add_char(cd_wrap *w, const char *s, size_t len, uint32_t cp, cd_style st)
{
    int cw = utf8proc_charwidth((utf8proc_int32_t)cp);
    size_t chw = cw > 0 ? (size_t)cw : 0;
    size_t room = w->width - w->indent;
    if (w->word_w + chw > room) { /* a word longer than a line: break it here */
        if (w->cur != ST_PLAIN && w->color)
            cd_buf_puts(&w->word, "\x1b[0m");
        flush_word(w);
        fprintf(w->f, "\n%*s", (int)w->indent, "");
        w->col = w->indent;
        w->line_empty = true;
        w->cur = ST_PLAIN;
    }
    if (w->color && st != w->cur) {
        if (w->cur != ST_PLAIN)
            cd_buf_puts(&w->word, "\x1b[0m");
        if (st != ST_PLAIN)
            cd_buf_puts(&w->word, sgr(st));
        w->cur = st;
    }
    cd_buf_append(&w->word, s, len);
    w->word_w += chw;
}

static void end_word(cd_wrap *w)
{
    if (w->color && w->cur != ST_PLAIN)
        cd_buf_puts(&w->word, "\x1b[0m");
    w->cur = ST_PLAIN;
    flush_word(w);
}

void cd_wrap_add(cd_wrap *w, const char *s, size_t n, cd_style st)
{
    cd_buf b = {0};
    if (!w->color && (st == ST_DEL || st == ST_ADD))
        cd_buf_puts(&b, st == ST_DEL ? "[-" : "{+");
    cd_rep_clean(&b, s, n);
    if (!w->color && (st == ST_DEL || st == ST_ADD))
        cd_buf_puts(&b, st == ST_DEL ? "-]" : "+}");
    if (!w->color)
        st = ST_PLAIN;
    const unsigned char *p = (const unsigned char *)b.data;
    size_t i = 0;
    while (i < b.len) {
        if (p[i] == ' ') {
            end_word(w);
            w->space = !w->line_empty;
            i++;
            continue;
        }
        uint32_t cp;
        bool valid;
        size_t len = cd_utf8_decode(p + i, b.len - i, &cp, &valid);
        add_char(w, b.data + i, len, cp, st);
        i += len;
    }
    /* the word may continue with the next piece (no space between) */
    if (w->color && w->cur != ST_PLAIN) {
        cd_buf_puts(&w->word, "\x1b[0m");
        w->cur = ST_PLAIN;
    }
    cd_buf_free(&b);
}

void cd_wrap_puts(cd_wrap *w, const char *s, cd_style st)
{
    cd_wrap_add(w, s, strlen(s), st);
}

void cd_wrap_space(cd_wrap *w)
{
    end_word(w);
    w->space = !w->line_empty;
}

void cd_wrap_end(cd_wrap *w)
{
    end_word(w);
    fputc('\n', w->f);
    cd_buf_free(&w->word);
}

/* ------------------------------------------------------------- pieces */

typedef struct {
    cd_piece *v;
    size_t n, cap;
} pieces;

static void push(pieces *p, const char *s, size_t n, cd_diff_kind kind)
{
    if (!n)
        return;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = cd_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n++] = (cd_piece){s, n, kind};
}

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

/* A DEL or ADD run with its outer white space as SAME pieces. */
static void push_trimmed(pieces *p, const char *s, size_t n, cd_diff_kind kind)
{
    size_t a = 0, b = n;
    while (a < b && is_space(s[a]))
        a++;
    while (b > a && is_space(s[b - 1]))
        b--;
    push(p, s, a, CD_DIFF_SAME);
    push(p, s + a, b - a, kind);
    push(p, s + b, n - b, CD_DIFF_SAME);
}

static cd_range clamp(cd_range r, cd_range in)
{
    if (r.start < in.start)
        r.start = in.start;
    if (r.end > in.end)
        r.end = in.end;
    if (r.end < r.start)
        r.end = r.start;
    return r;
}

size_t cd_diff_pieces(const cd_member *ba, const cd_member *mb, const cd_diff_op *ops,
                      size_t n_ops, bool with_del, cd_piece **out, double *same)
{
    pieces p = {0};
    if (same)
        *same = 1.0;
    if (!ops) {
        push(&p, mb->text + mb->range.start, mb->range.end - mb->range.start, CD_DIFF_SAME);
        *out = p.v;
        return p.n;
    }
    size_t pos = mb->range.start, same_bytes = 0, all_bytes = 0;
    for (size_t k = 0; k < n_ops; k++) {
        const cd_diff_op *op = &ops[k];
        if (op->kind == CD_DIFF_DEL) {
            if (with_del) {
                cd_range a = clamp(op->a, ba->range);
                push_trimmed(&p, ba->text + a.start, a.end - a.start, CD_DIFF_DEL);
            }
            continue;
        }
        cd_range b = clamp(op->b, (cd_range){pos, mb->range.end});
        push(&p, mb->text + pos, b.start - pos, CD_DIFF_SAME);
        push_trimmed(&p, mb->text + b.start, b.end - b.start, op->kind);
        for (size_t i = b.start; i < b.end; i++)
            if (!is_space(mb->text[i])) {
                all_bytes++;
                same_bytes += op->kind == CD_DIFF_SAME;
            }
        pos = b.end;
    }
    push(&p, mb->text + pos, mb->range.end - pos, CD_DIFF_SAME);
    if (same && all_bytes)
        *same = (double)same_bytes / (double)all_bytes;
    /* a DEL run stands apart from the SAME words around it */
    pieces q = {0};
    for (size_t k = 0; k < p.n; k++) {
        const cd_piece *c = &p.v[k];
        if (c->kind == CD_DIFF_DEL && k > 0 && p.v[k - 1].kind == CD_DIFF_SAME &&
            !is_space(p.v[k - 1].s[p.v[k - 1].n - 1]))
            push(&q, " ", 1, CD_DIFF_SAME);
        push(&q, c->s, c->n, c->kind);
        if (c->kind == CD_DIFF_DEL && k + 1 < p.n && p.v[k + 1].kind == CD_DIFF_SAME &&
            !is_space(p.v[k + 1].s[0]) && !strchr(".,;:!?)", p.v[k + 1].s[0]))
            push(&q, " ", 1, CD_DIFF_SAME);
    }
    free(p.v);
    *out = q.v;
    return q.n;
}

size_t cd_rep_pieces(const cd_rep *r, size_t g, size_t m, bool with_del, cd_piece **out,
                     double *same)
{
    const cd_align_group *gr = &r->cmp->al->groups[g];
    cd_member mb, ba;
    cd_rep_member(r, gr->members[m], &mb);
    size_t base = 0;
    const cd_div_side *side = cd_rep_wording_side(r, g, m, &base);
    bool diff = side && side->ops && base < gr->n_members && base != m;
    if (diff)
        cd_rep_member(r, gr->members[base], &ba);
    return cd_diff_pieces(diff ? &ba : &mb, &mb, diff ? side->ops : NULL,
                          diff ? side->n_ops : 0, with_del, out, same);
}

static void mark_range(unsigned char *marks, cd_range sent, cd_range x, unsigned char bit)
{
    x = clamp(x, sent);
    for (size_t i = x.start; i < x.end; i++)
        marks[i - sent.start] |= bit;
}

static void diff_marks(const cd_rep *r, size_t g, size_t m, const cd_member *mbp,
                       unsigned char *marks);

unsigned char *cd_rep_marks(const cd_rep *r, size_t g, size_t m)
{
    const cd_align_group *gr = &r->cmp->al->groups[g];
    cd_member mb;
    cd_rep_member(r, gr->members[m], &mb);
    size_t len = mb.range.end - mb.range.start;
    unsigned char *marks = cd_xcalloc(len ? len : 1, 1);
    const cd_sentence_info *info = mb.info;
    for (size_t k = 0; info && k < info->n_loaded; k++)
        mark_range(marks, mb.range, info->loaded[k].span, MARK_LOADED);
    for (size_t k = 0; info && k < info->n_hedges; k++)
        mark_range(marks, mb.range, info->hedges[k].span, MARK_HEDGE);
    if (r->cmp->divs)
        diff_marks(r, g, m, &mb, marks);
    /* a highlight ends at its words, not on the space after them */
    for (size_t i = 0; i < len; i++)
        if (is_space(mb.text[mb.range.start + i]) &&
            (i == 0 || !(marks[i - 1] & MARK_DIFF) || i + 1 == len || !(marks[i + 1] & MARK_DIFF)))
            marks[i] &= (unsigned char)~MARK_DIFF;
    return marks;
}

static void diff_marks(const cd_rep *r, size_t g, size_t m, const cd_member *mbp,
                       unsigned char *marks)
{
    const cd_member mb = *mbp;
    for (size_t k = 0; k < r->cmp->n_divs[g]; k++) {
        const cd_divergence *dv = &r->cmp->divs[g][k];
        for (size_t s = 0; s < dv->n_sides; s++) {
            const cd_div_side *side = &dv->sides[s];
            if (dv->kind == CD_DIV_QUOTE && side->member == m)
                mark_range(marks, mb.range, side->span, MARK_QUOTE);
            if (dv->kind != CD_DIV_WORDING || !side->ops)
                continue;
            for (size_t i = 0; i < side->n_ops; i++) {
                const cd_diff_op *op = &side->ops[i];
                if (side->member == m && op->kind == CD_DIFF_ADD)
                    mark_range(marks, mb.range, op->b, MARK_DIFF);
                else if (dv->base == m && op->kind == CD_DIFF_DEL)
                    mark_range(marks, mb.range, op->a, MARK_DIFF);
            }
        }
    }
}
