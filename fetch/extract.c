/* extract.c — the article body of a parsed page.
 *
 * One iterative walk over the tree (no recursion: the depth of the tree is
 * whatever the page makes it) numbers the kept elements in document order
 * and cuts their text into blocks: a block is the inline text between two
 * block-level boundaries (<p>, <div>, <li>, <h2>, <br><br>, …). Elements that
 * never hold article text are skipped whole (script, style, nav, aside,
 * footer, forms' controls, figures, hidden elements, and — in the first,
 * strict pass — containers whose class/id names them as boilerplate: share,
 * related, newsletter, comments, ads…).
 *
 * Scoring follows Readability's idea: every paragraph-like block of 25+
 * characters gives 1 + commas + min(chars/100, 3) points to its parent,
 * half to its grandparent and a third of a level's share further up (up to 5
 * levels); a container starts from a class/id weight (+25 article/content/
 * story…, -25 comment/share/sidebar…). The container with the best
 * score × (1 − link density) is the article; its siblings join when they
 * score well or look like plain paragraphs. The blocks inside the chosen
 * containers are then emitted in order, minus link lists, forms, bylines
 * and a few boilerplate phrases (trafilatura-style pruning). When the strict
 * pass finds almost nothing it is repeated without the class/id pruning.
 * docs/extract.md explains the rules and their measured effect.
 */
#include "html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- tags */

enum {
    T_BLOCK = 1 << 0,   /* starts and ends a text block */
    T_DROP = 1 << 1,    /* never holds article text: skipped with its subtree */
    T_SOFT = 1 << 2,    /* kept for scoring, left out of the output */
    T_HEAD = 1 << 3,    /* h1..h6 */
    T_LI = 1 << 4,      /* li, dt, dd */
    T_PARA = 1 << 5,    /* p, pre, td, blockquote: a paragraph of its own */
    T_LINK = 1 << 6,    /* a */
    T_PRE = 1 << 7,     /* pre, textarea: keep line breaks */
    T_KEEP = 1 << 8,    /* html, body, article, main, inline: never pruned by class */
};

typedef struct {
    const char *name;
    unsigned flags;
} tag_info;

static const tag_info tags[] = {
    {"a", T_LINK | T_KEEP},
    {"abbr", T_KEEP},
    {"address", T_BLOCK},
    {"applet", T_DROP},
    {"article", T_BLOCK | T_KEEP},
    {"aside", T_DROP | T_BLOCK},
    {"audio", T_DROP},
    {"b", T_KEEP},
    {"blockquote", T_BLOCK},
    {"body", T_BLOCK | T_KEEP},
    {"button", T_DROP},
    {"canvas", T_DROP},
    {"caption", T_BLOCK},
    {"center", T_BLOCK},
    {"cite", T_KEEP},
    {"code", T_KEEP},
    {"dd", T_BLOCK | T_LI},
    {"details", T_BLOCK},
    {"dialog", T_DROP | T_BLOCK},
    {"dir", T_BLOCK},
    {"div", T_BLOCK},
    {"dl", T_BLOCK},
    {"dt", T_BLOCK | T_LI},
    {"em", T_KEEP},
    {"embed", T_DROP},
    {"fieldset", T_BLOCK},
    {"figcaption", T_DROP | T_BLOCK},
    {"figure", T_DROP | T_BLOCK},
    {"font", T_KEEP},
    {"footer", T_DROP | T_BLOCK},
    {"form", T_BLOCK | T_SOFT},
    {"frame", T_DROP | T_BLOCK},
    {"frameset", T_DROP | T_BLOCK},
    {"h1", T_BLOCK | T_HEAD},
    {"h2", T_BLOCK | T_HEAD},
    {"h3", T_BLOCK | T_HEAD},
    {"h4", T_BLOCK | T_HEAD},
    {"h5", T_BLOCK | T_HEAD},
    {"h6", T_BLOCK | T_HEAD},
    {"head", T_DROP | T_BLOCK},
    {"header", T_DROP | T_BLOCK},
    {"hgroup", T_BLOCK},
    {"hr", T_BLOCK},
    {"html", T_BLOCK | T_KEEP},
    {"i", T_KEEP},
    {"iframe", T_DROP | T_BLOCK},
    {"img", T_DROP},
    {"input", T_DROP},
    {"label", T_DROP},
    {"legend", T_BLOCK},
    {"li", T_BLOCK | T_LI},
    {"link", T_DROP},
    {"main", T_BLOCK | T_KEEP},
    {"map", T_DROP},
    {"mark", T_KEEP},
    {"math", T_DROP},
    {"menu", T_DROP | T_BLOCK},
    {"meta", T_DROP},
    {"nav", T_DROP | T_BLOCK},
    {"noframes", T_DROP | T_BLOCK},
    {"noscript", T_DROP},
    {"object", T_DROP},
    {"ol", T_BLOCK},
    {"optgroup", T_DROP},
    {"option", T_DROP},
    {"p", T_BLOCK | T_PARA},
    {"picture", T_DROP},
    {"pre", T_BLOCK | T_PARA | T_PRE},
    {"q", T_KEEP},
    {"s", T_KEEP},
    {"script", T_DROP},
    {"section", T_BLOCK},
    {"select", T_DROP},
    {"small", T_KEEP},
    {"source", T_DROP},
    {"span", T_KEEP},
    {"strong", T_KEEP},
    {"style", T_DROP},
    {"sub", T_KEEP},
    {"summary", T_BLOCK},
    {"sup", T_KEEP},
    {"svg", T_DROP},
    {"table", T_BLOCK},
    {"tbody", T_BLOCK},
    {"td", T_BLOCK | T_PARA},
    {"template", T_DROP},
    {"textarea", T_DROP},
    {"tfoot", T_BLOCK},
    {"th", T_BLOCK},
    {"thead", T_BLOCK},
    {"time", T_KEEP},
    {"title", T_DROP | T_BLOCK},
    {"tr", T_BLOCK},
    {"u", T_KEEP},
    {"ul", T_BLOCK},
    {"video", T_DROP},
};

static int tag_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const tag_info *)e)->name);
}

static unsigned tag_flags(const xmlChar *name)
{
    char low[16];
    size_t i = 0;
    for (; name[i] && i < sizeof low - 1; i++)
        low[i] = (char)tolower(name[i]);
    if (name[i])
        return 0;
    low[i] = '\0';
    const tag_info *t = bsearch(low, tags, sizeof tags / sizeof *tags, sizeof *tags, tag_cmp);
    return t ? t->flags : 0;
}

static bool tag_is(const xmlNode *n, const char *name)
{
    return n->name && !strcasecmp((const char *)n->name, name);
}

/* ------------------------------------------------------- class and id */

/* Substrings that mark a container as boilerplate however it is spelled. */
static const char *const junk_sub[] = {
    "share",      "social",     "newsletter", "related",   "promo",     "advert",
    "sponsor",    "outbrain",   "taboola",    "disqus",    "recommend",
    "signup",     "sign-up",    "popup",      "cookie",    "consent",   "byline",
    "dateline",   "caption",    "author-bio", "authorbio", "most-popular", "mostpopular",
    "trending",   "recirc",     "read-more",  "readmore",  "more-stories", "comment",
    "jump-link",  "gdpr",       "further-reading", "screen-reader", "sr-only",
    "visually-hidden", "visuallyhidden", "print-only", "timestamp", "donat",
    "tipoff",     "tip-off",    "login",      "copyright",  "signoff",   "sign-off",
};
/* Weaker ones: they do not prune a container that also names itself the
 * content (Readability's "maybe a candidate" exception). */
static const char *const weak_sub[] = {
    "sidebar", "breadcrumb", "footer", "masthead", "skyscraper", "shoutbox", "toolbar",
    "pagination", "pager", "widget", "hidden", "modal", "contact", "banner", "subscri",
    "header",
};
static const char *const maybe_sub[] = {
    "article", "body", "content", "main", "column", "story", "entry", "post", "text",
};
/* Whole words (split at - _ space and case changes) that mark boilerplate. */
static const char *const junk_word[] = {
    "ad", "ads", "adv", "tags", "tag", "credit", "credits", "author", "authors", "date",
    "skip", "overlay", "rss", "keywords", "topics", "bio",
};
/* Weaker words, overruled by a content-like name (has-section-nav). */
static const char *const weak_word[] = {
    "nav", "navbar", "navigation", "menu", "tools", "meta", "banner",
};
/* Readability's positive hints (substrings). */
static const char *const good_sub[] = {
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text",
    "blog", "story",
};
/* Readability's negative hints (substrings), plus ours above. */
static const char *const bad_sub[] = {
    "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer",
    "footnote", "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related",
    "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping",
    "tags", "tool", "widget", "social", "newsletter", "subscri",
};

static bool has_sub(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, list[i]))
            return true;
    return false;
}

/* Lower-cased "class id" of an element into buf (empty when neither). */
static void class_id(const xmlNode *n, char *buf, size_t cap)
{
    size_t k = 0;
    static const char *const attrs[] = {"class", "id"};
    for (size_t a = 0; a < 2; a++) {
        xmlChar *v = xmlGetProp((xmlNodePtr)n, (const xmlChar *)attrs[a]);
        if (!v)
            continue;
        for (const xmlChar *p = v; *p && k + 2 < cap; p++)
            buf[k++] = (char)tolower(*p);
        if (k + 1 < cap)
            buf[k++] = ' ';
        xmlFree(v);
    }
    buf[k] = '\0';
}

/* True when one word of the raw class/id (split at separators and at
 * lower-to-upper case changes) is in list. */
static bool has_word(const xmlNode *n, const char *const *list, size_t nlist)
{
    static const char *const attrs[] = {"class", "id"};
    for (size_t a = 0; a < 2; a++) {
        xmlChar *v = xmlGetProp((xmlNodePtr)n, (const xmlChar *)attrs[a]);
        if (!v)
            continue;
        const char *s = (const char *)v;
        bool hit = false;
        size_t i = 0, len = strlen(s);
        while (i < len && !hit) {
            while (i < len && !isalnum((unsigned char)s[i]))
                i++;
            size_t st = i;
            i++;
            while (i < len && isalnum((unsigned char)s[i]) &&
                   !(isupper((unsigned char)s[i]) && islower((unsigned char)s[i - 1])))
                i++;
            if (i > len)
                i = len;
            size_t wl = i - st;
            if (wl == 0 || wl > 15)
                continue;
            char w[16];
            for (size_t j = 0; j < wl; j++)
                w[j] = (char)tolower((unsigned char)s[st + j]);
            w[wl] = '\0';
            for (size_t j = 0; j < nlist; j++)
                if (!strcmp(w, list[j])) {
                    hit = true;
                    break;
                }
        }
        xmlFree(v);
        if (hit)
            return true;
    }
    return false;
}

static bool attr_has(const xmlNode *n, const char *attr, const char *needle)
{
    xmlChar *v = xmlGetProp((xmlNodePtr)n, (const xmlChar *)attr);
    if (!v)
        return false;
    char buf[512];
    size_t k = 0;
    for (const xmlChar *p = v; *p && k + 1 < sizeof buf; p++)
        if (!isspace(*p))
            buf[k++] = (char)tolower(*p);
    buf[k] = '\0';
    xmlFree(v);
    return strstr(buf, needle) != NULL;
}

static bool is_hidden(const xmlNode *n)
{
    if (xmlHasProp((xmlNodePtr)n, (const xmlChar *)"hidden"))
        return true;
    if (attr_has(n, "aria-hidden", "true"))
        return true;
    if (attr_has(n, "style", "display:none") || attr_has(n, "style", "visibility:hidden"))
        return true;
    static const char *const roles[] = {"navigation", "menu", "complementary", "dialog",
                                        "alert", "banner", "contentinfo", "search"};
    xmlChar *r = xmlGetProp((xmlNodePtr)n, (const xmlChar *)"role");
    bool hit = false;
    if (r) {
        for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
            if (!strcasecmp((const char *)r, roles[i]))
                hit = true;
        xmlFree(r);
    }
    return hit;
}

/* ------------------------------------------------------------ the walk */

typedef struct {
    xmlNodePtr n;
    int parent;      /* index, -1 for the root */
    int blk;         /* nearest block-level ancestor-or-self */
    int soft;        /* nearest T_SOFT ancestor-or-self, -1 none */
    uint32_t end;    /* one past the last descendant's index */
    unsigned flags;
    float weight;    /* class/id weight */
    bool scored;
    double score;
    double chars, links; /* text in the subtree */
} enode;

typedef struct {
    int owner;       /* enode index of the block-level element holding it */
    size_t off, len; /* in the text store */
    size_t chars, links, commas;
    int head;        /* 1..6 inside a heading, 0 otherwise */
    bool li;
    bool para;       /* owner is p/pre/td/blockquote-like or a text div */
    bool time;       /* holds a <time> element */
} block;

typedef struct {
    enode *nodes;
    size_t nn, ncap;
    block *blocks;
    size_t nb, bcap;
    cd_buf store;    /* block texts, NFC */
    cd_buf cur;      /* the block being built */
    size_t cur_links, cur_chars;
    bool space;      /* a space is pending in cur */
    bool cur_time;   /* cur holds a <time> */
    int link_depth, li_depth, head_level, pre_depth;
    bool strict;     /* prune containers by class/id */
    bool links_ok;   /* last resort: long paragraphs may be link-heavy */
} walk;

static size_t cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

static void flush(walk *w, int owner)
{
    cd_buf *c = &w->cur;
    size_t s = 0, e = c->len;
    while (s < e && (c->data[s] == ' ' || c->data[s] == '\n'))
        s++;
    while (e > s && (c->data[e - 1] == ' ' || c->data[e - 1] == '\n'))
        e--;
    if (e > s && owner >= 0) {
        if (w->nb == w->bcap) {
            w->bcap = w->bcap ? 2 * w->bcap : 256;
            w->blocks = cd_xrealloc(w->blocks, w->bcap * sizeof *w->blocks);
        }
        block *b = &w->blocks[w->nb++];
        memset(b, 0, sizeof *b);
        b->owner = owner;
        b->off = w->store.len;
        cd_nfc(c->data + s, e - s, &w->store);
        b->len = w->store.len - b->off;
        b->chars = cp_count(c->data + s, e - s);
        b->links = w->cur_links > b->chars ? b->chars : w->cur_links;
        for (size_t i = s; i < e; i++)
            b->commas += c->data[i] == ',';
        b->head = w->head_level;
        b->li = w->li_depth > 0;
        b->time = w->cur_time;
        unsigned of = w->nodes[owner].flags;
        b->para = !(of & (T_HEAD | T_LI)) && !b->li && !b->head;
        w->nodes[owner].chars += (double)b->chars;
        w->nodes[owner].links += (double)b->links;
    }
    c->len = 0;
    if (c->data)
        c->data[0] = '\0';
    w->cur_links = 0;
    w->space = false;
    w->cur_time = false;
}

/* Has the block being built any text since its last line break? */
static bool line_empty(const walk *w)
{
    const cd_buf *c = &w->cur;
    return c->len == 0 || c->data[c->len - 1] == '\n';
}

static void put_text(walk *w, const char *t)
{
    cd_buf *c = &w->cur;
    size_t before = c->len;
    for (const char *p = t; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '\n' && w->pre_depth > 0) {
            if (!line_empty(w))
                cd_buf_putc(c, '\n');
            w->space = false;
        } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') {
            w->space = true;
        } else {
            if (w->space && c->len && c->data[c->len - 1] != '\n')
                cd_buf_putc(c, ' ');
            w->space = false;
            cd_buf_putc(c, (char)ch);
        }
    }
    if (w->link_depth > 0 && c->len > before) /* c->data is NULL while empty */
        w->cur_links += cp_count(c->data + before, c->len - before);
}

static int push_node(walk *w, xmlNodePtr n, int parent, unsigned flags)
{
    if (w->nn == w->ncap) {
        w->ncap = w->ncap ? 2 * w->ncap : 1024;
        w->nodes = cd_xrealloc(w->nodes, w->ncap * sizeof *w->nodes);
    }
    int idx = (int)w->nn++;
    enode *e = &w->nodes[idx];
    memset(e, 0, sizeof *e);
    e->n = n;
    e->parent = parent;
    e->flags = flags;
    e->blk = (flags & T_BLOCK) || parent < 0 ? idx : w->nodes[parent].blk;
    e->soft = (flags & T_SOFT) ? idx : parent >= 0 ? w->nodes[parent].soft : -1;
    return idx;
}

static int head_level(const xmlNode *n)
{
    return n->name[0] && n->name[1] >= '1' && n->name[1] <= '6' ? n->name[1] - '0' : 1;
}

static void enter_counts(walk *w, const xmlNode *n, unsigned f, int d)
{
    if (f & T_LINK)
        w->link_depth += d;
    if (f & T_LI)
        w->li_depth += d;
    if (f & T_PRE)
        w->pre_depth += d;
    if (f & T_HEAD)
        w->head_level = d > 0 ? head_level(n) : 0;
}

static void leave(walk *w, int idx)
{
    enode *e = &w->nodes[idx];
    if (e->flags & T_BLOCK)
        flush(w, e->blk);
    enter_counts(w, e->n, e->flags, -1);
    e->end = (uint32_t)w->nn;
    if (e->parent >= 0) {
        w->nodes[e->parent].chars += e->chars;
        w->nodes[e->parent].links += e->links;
    }
}

/* Should element n (tag flags f) be skipped with its subtree? */
static bool skip_element(const walk *w, const xmlNode *n, unsigned f)
{
    if (f & T_DROP)
        return true;
    if (is_hidden(n))
        return true;
    if (!w->strict || tag_is(n, "body") || tag_is(n, "html") || tag_is(n, "article") ||
        tag_is(n, "main"))
        return false;
    char ci[512];
    class_id(n, ci, sizeof ci);
    if (!ci[0])
        return false;
    if (f & T_KEEP) /* inline: only the unmistakable names (caption, share…) */
        return has_sub(ci, junk_sub, sizeof junk_sub / sizeof *junk_sub);
    if (has_sub(ci, junk_sub, sizeof junk_sub / sizeof *junk_sub) ||
        has_word(n, junk_word, sizeof junk_word / sizeof *junk_word))
        return true;
    if (has_sub(ci, maybe_sub, sizeof maybe_sub / sizeof *maybe_sub))
        return false;
    return has_sub(ci, weak_sub, sizeof weak_sub / sizeof *weak_sub) ||
           has_word(n, weak_word, sizeof weak_word / sizeof *weak_word);
}

static void run_walk(walk *w, xmlNodePtr root)
{
    int cur = -1; /* innermost open element */
    xmlNodePtr n = root;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            unsigned f = tag_flags(n->name);
            if (tag_is(n, "br")) {
                if (cur >= 0) {
                    if (line_empty(w) && w->cur.len)
                        flush(w, w->nodes[cur].blk); /* <br><br>: a new paragraph */
                    else if (w->cur.len)
                        cd_buf_putc(&w->cur, '\n');
                    w->space = false;
                }
            } else if (skip_element(w, n, f)) {
                if (f & T_BLOCK) {
                    if (cur >= 0)
                        flush(w, w->nodes[cur].blk);
                }
            } else {
                if ((f & T_BLOCK) && cur >= 0)
                    flush(w, w->nodes[cur].blk);
                if (tag_is(n, "time"))
                    w->cur_time = true;
                int idx = push_node(w, n, cur, f);
                enter_counts(w, n, f, +1);
                cur = idx;
                if (n->children)
                    descend = true;
                else {
                    leave(w, idx);
                    cur = w->nodes[idx].parent;
                }
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content && cur >= 0) {
            put_text(w, (const char *)n->content);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n != root && n->next == NULL) {
            n = n->parent;
            if (cur >= 0 && w->nodes[cur].n == n) {
                leave(w, cur);
                cur = w->nodes[cur].parent;
            }
        }
        if (n == root)
            break;
        n = n->next;
    }
    while (cur >= 0) { /* only when the root itself was left open */
        leave(w, cur);
        cur = w->nodes[cur].parent;
    }
}

/* ------------------------------------------------------------- scoring */

static float class_weight(const xmlNode *n)
{
    char ci[512];
    class_id(n, ci, sizeof ci);
    if (!ci[0])
        return 0;
    float wgt = 0;
    if (has_sub(ci, bad_sub, sizeof bad_sub / sizeof *bad_sub))
        wgt -= 25;
    if (has_sub(ci, good_sub, sizeof good_sub / sizeof *good_sub))
        wgt += 25;
    return wgt;
}

static void init_candidate(enode *e)
{
    if (e->scored)
        return;
    e->scored = true;
    const xmlNode *n = e->n;
    double s = 0;
    if (tag_is(n, "div") || tag_is(n, "article") || tag_is(n, "main") || tag_is(n, "section"))
        s = 5;
    else if (tag_is(n, "pre") || tag_is(n, "td") || tag_is(n, "blockquote"))
        s = 3;
    else if (tag_is(n, "address") || tag_is(n, "ol") || tag_is(n, "ul") || tag_is(n, "dl") ||
             tag_is(n, "dd") || tag_is(n, "dt") || tag_is(n, "li") || tag_is(n, "form"))
        s = -3;
    else if ((e->flags & T_HEAD) || tag_is(n, "th"))
        s = -5;
    if (tag_is(n, "article"))
        s += 10; /* the element HTML5 made for this */
    e->score = s + class_weight(n);
}

static double link_density(const enode *e)
{
    return e->chars > 0 ? e->links / e->chars : 0;
}

static double final_score(const walk *w, const enode *e)
{
    return w->links_ok ? e->score : e->score * (1.0 - link_density(e));
}

static bool inside(const walk *w, int node, int anc)
{
    return node >= anc && (uint32_t)node < w->nodes[anc].end;
}

/* ------------------------------------------------------------ output */

static bool starts_ci(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && !strncasecmp(s, lit, l);
}

/* Short blocks that are site furniture wherever they stand. */
static bool furniture(const char *s, size_t n, size_t chars)
{
    if (chars > 120)
        return false;
    static const char *const starts[] = {
        "advertisement", "advertisment", "sponsored", "read more", "read also",
        "read next", "related:", "related coverage", "related articles", "related stories",
        "see also", "sign up", "subscribe", "follow us", "share this", "share on",
        "click here", "getty images", "photo:", "photograph:", "image:", "credit:",
        "copyright", "\xc2\xa9", "all rights reserved", "continue reading",
        "story continues", "skip advertisement", "recommended", "more from", "watch:",
        "listen to this", "this article", "already a subscriber", "log in", "loading",
    };
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
        if (starts_ci(s, n, starts[i]))
            return true;
    return false;
}

/* "By Jane Doe, Staff Writer": a short line naming the author. */
static bool byline(const char *s, size_t n, size_t chars)
{
    if (chars > 80 || !starts_ci(s, n, "by ") || n < 4 || !isupper((unsigned char)s[3]))
        return false;
    return s[n - 1] != '.' && s[n - 1] != '?' && s[n - 1] != '!';
}

static bool has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

typedef struct {
    size_t paras, chars;
} result;

/* Decide which blocks to emit: marks keep[b]. */
static result choose(walk *w, bool *keep, int *title_block)
{
    result r = {0, 0};
    *title_block = -1;
    /* Score paragraphs into their ancestors. */
    for (size_t b = 0; b < w->nb; b++) {
        block *bl = &w->blocks[b];
        if (!bl->para || bl->chars < 25)
            continue;
        if (bl->links * 2 > bl->chars && !w->links_ok)
            continue;
        double pts = 1.0 + (double)bl->commas + (double)(bl->chars / 100 > 3 ? 3 : bl->chars / 100);
        int a = w->nodes[bl->owner].parent;
        if (!(w->nodes[bl->owner].flags & T_PARA) && !(w->nodes[bl->owner].flags & T_KEEP))
            a = bl->owner; /* text straight in a div: the div is its container */
        for (int level = 0; a >= 0 && level < 5; level++, a = w->nodes[a].parent) {
            enode *e = &w->nodes[a];
            init_candidate(e);
            double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            e->score += pts / div;
        }
    }
    int top = -1;
    double best = 0;
    for (size_t i = 0; i < w->nn; i++) {
        if (!w->nodes[i].scored)
            continue;
        double f = final_score(w, &w->nodes[i]);
        if (top < 0 || f > best) {
            top = (int)i;
            best = f;
        }
    }
    if (top < 0) {
        if (w->nn == 0)
            return r;
        top = 0;
        for (size_t i = 0; i < w->nn; i++)
            if (tag_is(w->nodes[i].n, "body")) {
                top = (int)i;
                break;
            }
        best = 0;
    } else {
        /* Several strong candidates under one ancestor: take the ancestor. */
        int alts[5];
        size_t na = 0;
        for (size_t i = 0; i < w->nn && na < 5; i++)
            if ((int)i != top && w->nodes[i].scored && !inside(w, top, (int)i) &&
                final_score(w, &w->nodes[i]) >= 0.75 * best)
                alts[na++] = (int)i;
        if (na >= 3) {
            int a = w->nodes[top].parent;
            for (int steps = 0; a >= 0 && steps < 64; steps++, a = w->nodes[a].parent) {
                size_t c = 0;
                for (size_t j = 0; j < na; j++)
                    c += inside(w, alts[j], a);
                if (c >= 3) {
                    top = a;
                    break;
                }
                if (tag_is(w->nodes[a].n, "body"))
                    break;
            }
        }
        /* A parent that scores higher than the top holds more of it. */
        {
            double last = w->nodes[top].score, thr = last / 3;
            int a = w->nodes[top].parent;
            for (int steps = 0; a >= 0 && steps < 64; steps++, a = w->nodes[a].parent) {
                if (tag_is(w->nodes[a].n, "body") || tag_is(w->nodes[a].n, "html"))
                    break;
                if (!w->nodes[a].scored)
                    continue;
                if (w->nodes[a].score < thr)
                    break;
                if (w->nodes[a].score > last) {
                    top = a;
                    break;
                }
                last = w->nodes[a].score;
            }
        }
        /* An only child stands for its parent. */
        for (int steps = 0; steps < 64; steps++) {
            int p = w->nodes[top].parent;
            if (p < 0 || tag_is(w->nodes[p].n, "body") || tag_is(w->nodes[p].n, "html"))
                break;
            size_t kids = 0;
            for (xmlNodePtr c = w->nodes[p].n->children; c && kids < 2; c = c->next)
                if (c->type == XML_ELEMENT_NODE)
                    kids++;
            if (kids != 1)
                break;
            top = p;
        }
        if (w->nodes[top].scored)
            best = final_score(w, &w->nodes[top]);
    }
    /* The article: top plus siblings that look like more of it. */
    int ranges[256];
    size_t nr = 0;
    ranges[nr++] = top;
    int parent = w->nodes[top].parent;
    if (parent >= 0) {
        double thr = best * 0.2 > 10 ? best * 0.2 : 10;
        xmlChar *tcls = xmlGetProp(w->nodes[top].n, (const xmlChar *)"class");
        for (uint32_t i = (uint32_t)parent + 1; i < w->nodes[parent].end && nr < 256;
             i = w->nodes[i].end) {
            if ((int)i == top)
                continue;
            enode *s = &w->nodes[i];
            bool add = false;
            double bonus = 0;
            if (tcls) {
                xmlChar *c = xmlGetProp(s->n, (const xmlChar *)"class");
                if (c && !xmlStrcmp(c, tcls))
                    bonus = best * 0.2;
                xmlFree(c);
            }
            if (s->scored && final_score(w, s) + bonus >= thr)
                add = true;
            else if (s->flags & T_PARA) {
                double ld = link_density(s);
                if (s->chars > 80 && ld < 0.25)
                    add = true;
            }
            if (add)
                ranges[nr++] = (int)i;
        }
        xmlFree(tcls);
    }
    /* Emit the blocks inside the chosen ranges. */
    for (size_t b = 0; b < w->nb; b++) {
        block *bl = &w->blocks[b];
        bool in = false;
        for (size_t k = 0; k < nr && !in; k++)
            in = inside(w, bl->owner, ranges[k]);
        if (!in)
            continue;
        int soft = w->nodes[bl->owner].soft;
        bool soft_in = false;
        for (size_t k = 0; k < nr && !soft_in; k++)
            soft_in = soft >= 0 && inside(w, soft, ranges[k]);
        if (soft_in)
            continue;
        const char *t = w->store.data + bl->off;
        if (bl->links * 2 > bl->chars && !(w->links_ok && bl->para && bl->chars >= 150))
            continue;
        if (bl->head == 1 && *title_block < 0) {
            *title_block = (int)b;
            continue;
        }
        if (furniture(t, bl->len, bl->chars) || (bl->time && bl->chars < 100) ||
            byline(t, bl->len, bl->chars) || !has_alnum(t, bl->len))
            continue;
        keep[b] = true;
        r.paras++;
        r.chars += bl->chars;
    }
    /* A heading with nothing after it introduces something we left out. */
    for (size_t b = w->nb; b-- > 0;) {
        if (!keep[b])
            continue;
        if (!w->blocks[b].head)
            break;
        keep[b] = false;
        r.paras--;
        r.chars -= w->blocks[b].chars;
    }
    return r;
}

static void walk_free(walk *w)
{
    free(w->nodes);
    free(w->blocks);
    cd_buf_free(&w->store);
    cd_buf_free(&w->cur);
}

/* Text of the first <h1> of the page (iterative), or og:title. */
static char *page_title(xmlNodePtr root)
{
    char *og = NULL;
    xmlNodePtr n = root;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            if (tag_is(n, "h1")) {
                xmlChar *c = xmlNodeGetContent(n);
                if (c) {
                    cd_buf b = {0};
                    bool sp = false;
                    for (const xmlChar *p = c; *p; p++) {
                        if (isspace(*p)) {
                            sp = b.len > 0;
                        } else {
                            if (sp)
                                cd_buf_putc(&b, ' ');
                            sp = false;
                            cd_buf_putc(&b, (char)*p);
                        }
                    }
                    xmlFree(c);
                    if (b.len) {
                        free(og);
                        return cd_buf_steal(&b);
                    }
                    cd_buf_free(&b);
                }
            } else if (tag_is(n, "meta") && !og) {
                xmlChar *p = xmlGetProp(n, (const xmlChar *)"property");
                if (p && !xmlStrcasecmp(p, (const xmlChar *)"og:title")) {
                    xmlChar *c = xmlGetProp(n, (const xmlChar *)"content");
                    if (c && *c)
                        og = cd_xstrndup((const char *)c, strlen((const char *)c));
                    xmlFree(c);
                }
                xmlFree(p);
            } else if (!tag_is(n, "script") && !tag_is(n, "style") && n->children) {
                descend = true;
            }
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n != root && n->next == NULL)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
    return og;
}

size_t cd_html_extract(const cd_html *h, cd_doc *doc)
{
    if (!h || !h->doc)
        return 0;
    xmlNodePtr root = xmlDocGetRootElement(h->doc);
    if (!root)
        return 0;
    /* Readability-style retries: strict, then without class/id pruning,
     * then strict again with link-heavy long paragraphs allowed. */
    walk w = {0};
    bool *keep = NULL;
    int title_block = -1;
    result r = {0, 0};
    for (int attempt = 0; attempt < 3; attempt++) {
        walk w2 = {0};
        w2.strict = attempt != 1;
        w2.links_ok = attempt == 2;
        run_walk(&w2, root);
        bool *keep2 = cd_xcalloc(w2.nb ? w2.nb : 1, sizeof *keep2);
        int tb2 = -1;
        result r2 = choose(&w2, keep2, &tb2);
        if (attempt == 0 || r2.chars > 3 * r.chars + 100 || (r.paras == 0 && r2.paras > 0)) {
            walk_free(&w);
            free(keep);
            w = w2;
            keep = keep2;
            r = r2;
            title_block = tb2;
        } else {
            walk_free(&w2);
            free(keep2);
        }
        if (r.chars >= 200)
            break;
    }
    size_t added = 0;
    if (r.paras > 0) {
        char *title = NULL;
        if (title_block >= 0) {
            block *bl = &w.blocks[title_block];
            title = cd_xstrndup(w.store.data + bl->off, bl->len);
        } else {
            title = page_title(root);
        }
        if (title) {
            for (char *p = title; *p; p++)
                if (*p == '\n')
                    *p = ' ';
            cd_buf t = {0};
            cd_nfc(title, strlen(title), &t);
            if (t.len) {
                cd_doc_add_paragraph(doc, t.data, t.len, CD_PARA_TITLE,
                                     title_block >= 0
                                         ? (size_t)xmlGetLineNo(w.nodes[w.blocks[title_block].owner].n)
                                         : 0);
                added++;
            }
            cd_buf_free(&t);
            free(title);
        }
    }
    for (size_t b = 0; b < w.nb; b++) {
        block *bl = &w.blocks[b];
        const char *t = w.store.data + bl->off;
        long line = xmlGetLineNo(w.nodes[bl->owner].n);
        size_t ln = line > 0 ? (size_t)line : 0;
        if (!keep[b]) {
            if ((int)b != title_block)
                cd_doc_add_dropped(doc, ln, t, bl->len, "outside the article");
            continue;
        }
        cd_para_kind k = bl->head ? CD_PARA_HEADING : bl->li ? CD_PARA_LIST : CD_PARA_BODY;
        cd_doc_add_paragraph(doc, t, bl->len, k, ln);
        added++;
    }
    free(keep);
    walk_free(&w);
    return added;
}
