/* meta.c — the page's metadata: title, byline, published date, outlet and
 * canonical URL.
 *
 * Sources, best first (docs/meta.md has the whole story):
 *   1. JSON-LD: the first article-typed node (NewsArticle, Article, BlogPosting,
 *      …) found at the top level, in arrays, in "@graph" or in "mainEntity" of
 *      any <script type="application/ld+json">; a WebPage node only when there
 *      is no article. "@id" references are resolved within the same script.
 *   2. <meta> tags: OpenGraph, article:*, Dublin Core, parsely/sailthru, the
 *      itemprop attributes; <link rel=canonical>.
 *   3. The page itself: <title> (without its " | Site" suffix), the first
 *      <h1>, <time datetime> (inside <article> first).
 * Every value is cleaned (white space collapsed, valid UTF-8, NFC); dates go
 * through cd_date_find and keep the calendar date as written (no time-zone
 * shift). Every loop is bounded by the caps below; nothing here fails.
 */
#include "html.h"

#include <jansson.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    MAX_SCRIPTS = 200,            /* ld+json scripts parsed per page */
    MAX_SCRIPT_BYTES = 1 << 20,   /* a larger script is skipped */
    MAX_JSON_TOTAL = 4 << 20,     /* JSON-LD bytes parsed per page */
    MAX_TAGS = 200,               /* <meta>, <link>, itemprop elements read */
    MAX_TIMES = 200,              /* <time> elements looked at */
    MAX_TITLES = 50,              /* <title> elements looked at (SVG has them too) */
    MAX_WALK = 4096,              /* JSON values visited per walk */
    MAX_DEPTH = 32,               /* JSON nesting followed by the walks */
    MAX_IDS = 512,                /* "@id" nodes indexed per script */
    MAX_AUTHORS = 32,             /* names kept in the byline */
    MAX_NAME = 256,               /* a longer "name" is not a person's name */
    MAX_FIELD = 2048              /* bytes kept of one title, URL, … */
};

/* ------------------------------------------------------------ cleaning */

static bool utf8_space(const unsigned char *p, size_t n, size_t i, size_t *w)
{
    unsigned c = p[i];
    if (c <= 0x20 || c == 0x7f) {
        *w = 1;
        return true;
    }
    if (c == 0xC2 && i + 1 < n && (p[i + 1] == 0xA0 || p[i + 1] == 0x85)) {
        *w = 2; /* NBSP, NEL */
        return true;
    }
    if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 &&
        (p[i + 2] <= 0x8A || p[i + 2] == 0xA8 || p[i + 2] == 0xA9 || p[i + 2] == 0xAF)) {
        *w = 3; /* U+2000–U+200A, U+2028, U+2029, U+202F */
        return true;
    }
    if (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
        *w = 3; /* U+3000 */
        return true;
    }
    return false;
}

/* s[0..len) as valid UTF-8 with runs of white space (and control characters)
 * collapsed to one space, trimmed, at most cap bytes (cut at a character
 * boundary), NFC. NULL when nothing is left. Caller frees. */
static char *clean_n(const char *s, size_t len, size_t cap)
{
    if (!s || len == 0)
        return NULL;
    cd_buf r = {0}, w = {0}, out = {0};
    cd_utf8_repair(s, len, &r);
    const unsigned char *p = (const unsigned char *)r.data;
    bool pending = false;
    for (size_t i = 0; i < r.len;) {
        size_t sw;
        if (utf8_space(p, r.len, i, &sw)) {
            pending = true;
            i += sw;
            continue;
        }
        if (p[i] == 0xC2 && i + 1 < r.len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
            i += 2; /* C1 control */
            continue;
        }
        if ((p[i] & 0xC0) != 0x80 && w.len + 5 > cap)
            break;
        if (pending && w.len)
            cd_buf_putc(&w, ' ');
        pending = false;
        cd_buf_putc(&w, (char)p[i]);
        i++;
    }
    cd_buf_free(&r);
    if (w.len == 0) {
        cd_buf_free(&w);
        return NULL;
    }
    cd_nfc(w.data, w.len, &out);
    cd_buf_free(&w);
    return cd_buf_steal(&out);
}

static char *clean(const char *s)
{
    return s ? clean_n(s, strlen(s), MAX_FIELD) : NULL;
}

/* The date in s as "YYYY-MM-DD" (malloc'd), or NULL. */
static char *to_date(const char *s)
{
    char d[11];
    if (!s || !cd_date_find(s, strnlen(s, MAX_FIELD), d))
        return NULL;
    return cd_xstrndup(d, 10);
}

static bool has_prefix_ci(const char *s, const char *pre)
{
    return strncasecmp(s, pre, strlen(pre)) == 0;
}

/* An absolute http(s) URL without white space, cleaned; else NULL. */
static char *to_url(const char *s)
{
    char *u = clean(s);
    if (!u)
        return NULL;
    if ((!has_prefix_ci(u, "http://") && !has_prefix_ci(u, "https://")) ||
        strchr(u, ' ') || strlen(u) < 10) {
        free(u);
        return NULL;
    }
    return u;
}

static bool looks_like_url(const char *s)
{
    return strstr(s, "://") || has_prefix_ci(s, "www.") || has_prefix_ci(s, "mailto:");
}

/* Keep the first value offered: *slot takes v when empty, else v is freed. */
static void offer(char **slot, char *v)
{
    if (!v)
        return;
    if (*slot)
        free(v);
    else
        *slot = v;
}

/* ------------------------------------------------------------- authors */

typedef struct {
    char *name[MAX_AUTHORS];
    char *key[MAX_AUTHORS]; /* cd_fold form, for dropping duplicates */
    size_t n;
} authors;

static void authors_add(authors *a, const char *raw)
{
    if (!raw || a->n >= MAX_AUTHORS)
        return;
    char *c = clean(raw);
    if (!c)
        return;
    const char *s = c;
    /* "By Jane Doe", "by: Jane Doe", "BY JANE DOE" */
    if (has_prefix_ci(s, "by") && (s[2] == ' ' || s[2] == ':')) {
        s += 2;
        while (*s == ' ' || *s == ':')
            s++;
    }
    size_t len = strlen(s);
    if (len == 0 || len > MAX_NAME || looks_like_url(s)) {
        free(c);
        return;
    }
    cd_buf k = {0};
    cd_fold(s, len, &k);
    char *key = cd_buf_steal(&k);
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->key[i], key) == 0) {
            free(key);
            free(c);
            return;
        }
    }
    a->name[a->n] = cd_xstrndup(s, len);
    a->key[a->n] = key;
    a->n++;
    free(c);
}

/* The names joined by ", " (malloc'd), or NULL when there are none. */
static char *authors_join(const authors *a)
{
    if (a->n == 0)
        return NULL;
    cd_buf b = {0};
    for (size_t i = 0; i < a->n; i++) {
        if (i)
            cd_buf_puts(&b, ", ");
        cd_buf_puts(&b, a->name[i]);
    }
    return cd_buf_steal(&b);
}

static void authors_free(authors *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->name[i]);
        free(a->key[i]);
    }
    a->n = 0;
}

/* ------------------------------------------------------------- JSON-LD */

/* What the JSON-LD says, each field NULL when it does not say. */
typedef struct {
    char *title, *published, *modified, *publisher, *site, *canonical;
    authors by;
} ld_fields;

typedef struct {
    json_t *root;       /* the parsed script the best node belongs to */
    json_t *best;       /* the article (or WebPage) node */
    int rank;           /* 2 article, 1 web page, 0 none */
    json_t *website;    /* a WebSite node, for the outlet */
    size_t visited;
    json_t *ids[MAX_IDS]; /* nodes with an "@id" and something more */
    size_t nids;
} ld_scan;

static const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int type_rank1(const char *t)
{
    static const char *const article[] = {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "BlogPosting", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "AskPublicNewsArticle", "LiveBlogPosting",
        "SatiricalArticle", "Report", "TechArticle", "ScholarlyArticle",
        "SocialMediaPosting"};
    static const char *const page[] = {"WebPage", "ItemPage"};
    /* "https://schema.org/NewsArticle", "schema:NewsArticle" */
    const char *b = strrchr(t, '/');
    if (b)
        t = b + 1;
    b = strrchr(t, ':');
    if (b)
        t = b + 1;
    for (size_t i = 0; i < sizeof article / sizeof *article; i++)
        if (strcasecmp(t, article[i]) == 0)
            return 2;
    for (size_t i = 0; i < sizeof page / sizeof *page; i++)
        if (strcasecmp(t, page[i]) == 0)
            return 1;
    return 0;
}

static int type_rank(const json_t *o)
{
    const json_t *t = json_object_get(o, "@type");
    if (json_is_string(t))
        return type_rank1(json_string_value(t));
    int best = 0;
    if (json_is_array(t)) {
        size_t n = json_array_size(t);
        for (size_t i = 0; i < n && i < 16; i++) {
            const json_t *e = json_array_get(t, i);
            if (json_is_string(e)) {
                int r = type_rank1(json_string_value(e));
                best = r > best ? r : best;
            }
        }
    }
    return best;
}

static bool is_type(const json_t *o, const char *want)
{
    const json_t *t = json_object_get(o, "@type");
    if (json_is_string(t))
        return strcasecmp(json_string_value(t), want) == 0;
    if (json_is_array(t)) {
        size_t n = json_array_size(t);
        for (size_t i = 0; i < n && i < 16; i++) {
            const json_t *e = json_array_get(t, i);
            if (json_is_string(e) && strcasecmp(json_string_value(e), want) == 0)
                return true;
        }
    }
    return false;
}

/* Look for the article node where pages put it: the top level, arrays,
 * "@graph" and "mainEntity". The first node of the best rank wins. */
static void walk_find(json_t *v, int depth, ld_scan *st)
{
    if (!v || depth > MAX_DEPTH || st->visited >= MAX_WALK)
        return;
    st->visited++;
    if (json_is_array(v)) {
        size_t n = json_array_size(v);
        for (size_t i = 0; i < n && st->visited < MAX_WALK; i++)
            walk_find(json_array_get(v, i), depth + 1, st);
        return;
    }
    if (!json_is_object(v))
        return;
    int r = type_rank(v);
    if (r > st->rank) {
        st->rank = r;
        st->best = v;
    }
    if (!st->website && is_type(v, "WebSite"))
        st->website = v;
    walk_find(json_object_get(v, "@graph"), depth + 1, st);
    walk_find(json_object_get(v, "mainEntity"), depth + 1, st);
}

/* Index every node that has an "@id" and says something more than that. */
static void walk_ids(json_t *v, int depth, ld_scan *st)
{
    if (!v || depth > MAX_DEPTH || st->visited >= MAX_WALK)
        return;
    st->visited++;
    if (json_is_array(v)) {
        size_t n = json_array_size(v);
        for (size_t i = 0; i < n && st->visited < MAX_WALK; i++)
            walk_ids(json_array_get(v, i), depth + 1, st);
        return;
    }
    if (!json_is_object(v))
        return;
    if (jstr(v, "@id") && json_object_size(v) > 1 && st->nids < MAX_IDS)
        st->ids[st->nids++] = v;
    const char *k;
    json_t *e;
    json_object_foreach(v, k, e) {
        if (st->visited >= MAX_WALK)
            break;
        if (json_is_object(e) || json_is_array(e))
            walk_ids(e, depth + 1, st);
    }
}

/* A bare {"@id": …} reference replaced by the node it names, when known. */
static const json_t *resolve(const ld_scan *st, const json_t *v)
{
    if (!json_is_object(v) || json_object_get(v, "name"))
        return v;
    const char *id = jstr(v, "@id");
    if (!id)
        return v;
    for (size_t i = 0; i < st->nids; i++) {
        const char *other = jstr(st->ids[i], "@id");
        if (st->ids[i] != v && other && strcmp(other, id) == 0)
            return st->ids[i];
    }
    return v;
}

static void ld_authors(const ld_scan *st, const json_t *v, int depth, authors *by)
{
    if (!v || depth > 2)
        return;
    if (json_is_string(v)) {
        authors_add(by, json_string_value(v));
    } else if (json_is_array(v)) {
        size_t n = json_array_size(v);
        for (size_t i = 0; i < n && i < MAX_AUTHORS; i++)
            ld_authors(st, json_array_get(v, i), depth + 1, by);
    } else if (json_is_object(v)) {
        authors_add(by, jstr(resolve(st, v), "name"));
    }
}

/* The name of an organisation given as a string, a node or a reference. */
static const char *ld_org_name(const ld_scan *st, const json_t *v)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_string(v))
        return looks_like_url(json_string_value(v)) ? NULL : json_string_value(v);
    if (json_is_object(v)) {
        const char *name = jstr(resolve(st, v), "name");
        return name && !looks_like_url(name) ? name : NULL;
    }
    return NULL;
}

static char *ld_page_url(const json_t *v)
{
    if (json_is_string(v))
        return to_url(json_string_value(v));
    if (json_is_object(v)) {
        char *u = to_url(jstr(v, "url"));
        return u ? u : to_url(jstr(v, "@id"));
    }
    return NULL;
}

static void ld_extract(ld_scan *st, ld_fields *f)
{
    st->visited = 0;
    walk_ids(st->root, 0, st);
    const json_t *a = st->best;
    if (a) {
        char *t = clean(jstr(a, "headline"));
        offer(&f->title, t ? t : clean(jstr(a, "name")));
        offer(&f->published, to_date(jstr(a, "datePublished")));
        offer(&f->published, to_date(jstr(a, "dateCreated")));
        offer(&f->modified, to_date(jstr(a, "dateModified")));
        ld_authors(st, json_object_get(a, "author"), 0, &f->by);
        if (f->by.n == 0)
            ld_authors(st, json_object_get(a, "creator"), 0, &f->by);
        offer(&f->publisher, clean(ld_org_name(st, json_object_get(a, "publisher"))));
        offer(&f->canonical, to_url(jstr(a, "url")));
        offer(&f->canonical, ld_page_url(resolve(st, json_object_get(a, "mainEntityOfPage"))));
        if (st->rank == 1)
            offer(&f->canonical, to_url(jstr(a, "@id")));
    }
    if (st->website) {
        offer(&f->site, clean(jstr(st->website, "name")));
        offer(&f->publisher, clean(ld_org_name(st, json_object_get(st->website, "publisher"))));
    }
}

/* Strip what may wrap JSON inside a <script>: white space, HTML comment and
 * CDATA markers, and the // or slash-star comments that hide those from
 * JavaScript. None of these can begin or end a JSON text. */
static void unwrap_script(const char **ps, size_t *plen)
{
    static const char *const pre[] = {"<!--", "<![CDATA[", "//", "/*", "*/"};
    static const char *const post[] = {"-->", "]]>", "//", "*/", "/*"};
    const char *s = *ps;
    size_t len = *plen;
    for (bool changed = true; changed;) {
        changed = false;
        while (len && (unsigned char)*s <= ' ') {
            s++;
            len--;
        }
        while (len && (unsigned char)s[len - 1] <= ' ')
            len--;
        for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
            size_t n = strlen(pre[i]);
            if (len >= n && memcmp(s, pre[i], n) == 0) {
                s += n;
                len -= n;
                changed = true;
            }
            n = strlen(post[i]);
            if (len >= n && memcmp(s + len - n, post[i], n) == 0) {
                len -= n;
                changed = true;
            }
        }
    }
    *ps = s;
    *plen = len;
}

/* Parse one script; keep it in *cur when it holds a better node. */
static void ld_script(const char *text, size_t len, ld_scan *cur, size_t *budget)
{
    unwrap_script(&text, &len);
    if (len < 2 || len > MAX_SCRIPT_BYTES || len > *budget)
        return;
    *budget -= len;
    /* Raw control characters are white space outside strings and invalid
     * inside them; as spaces they cost nothing and save sloppy pages. */
    char *buf = cd_xmalloc(len);
    for (size_t i = 0; i < len; i++)
        buf[i] = (unsigned char)text[i] < 0x20 ? ' ' : text[i];
    json_error_t err;
    json_t *root = json_loadb(buf, len, JSON_DISABLE_EOF_CHECK, &err);
    free(buf);
    if (!root)
        return;
    ld_scan st = {0};
    st.root = root;
    walk_find(root, 0, &st);
    if (st.rank > cur->rank || (!cur->root && st.website)) {
        json_decref(cur->root);
        *cur = st;
        cur->nids = 0;
    } else {
        json_decref(root);
    }
}

/* ----------------------------------------------------------- meta tags */

typedef enum { K_TITLE, K_SITE, K_URL, K_PUB, K_MOD, K_AUTHOR, K_NKINDS } meta_kind;

/* Keys in order of trust within each kind. */
static const struct {
    const char *key;
    meta_kind kind;
} META_KEYS[] = {
    {"og:title", K_TITLE},
    {"twitter:title", K_TITLE},
    {"dc.title", K_TITLE},
    {"og:site_name", K_SITE},
    {"application-name", K_SITE},
    {"og:url", K_URL},
    {"twitter:url", K_URL},
    {"article:published_time", K_PUB},
    {"og:article:published_time", K_PUB},
    {"datepublished", K_PUB},
    {"date", K_PUB},
    {"pubdate", K_PUB},
    {"publish-date", K_PUB},
    {"publish_date", K_PUB},
    {"publishdate", K_PUB},
    {"dc.date", K_PUB},
    {"dc.date.issued", K_PUB},
    {"dcterms.created", K_PUB},
    {"dcterms.issued", K_PUB},
    {"dcterms.date", K_PUB},
    {"sailthru.date", K_PUB},
    {"parsely-pub-date", K_PUB},
    {"article.published", K_PUB},
    {"article:modified_time", K_MOD},
    {"og:updated_time", K_MOD},
    {"datemodified", K_MOD},
    {"dcterms.modified", K_MOD},
    {"article:author", K_AUTHOR},
    {"author", K_AUTHOR},
    {"byl", K_AUTHOR},
    {"parsely-author", K_AUTHOR},
    {"sailthru.author", K_AUTHOR},
    {"dc.creator", K_AUTHOR},
    {"dcterms.creator", K_AUTHOR},
};
#define N_META_KEYS (sizeof META_KEYS / sizeof *META_KEYS)

typedef struct {
    char *val[K_NKINDS];        /* best value per kind (not K_AUTHOR) */
    size_t prio[K_NKINDS];      /* index in META_KEYS of that value */
    authors by;
    char *link_canonical;
    char *title_tag;            /* <title>, cleaned */
    char *h1;
    char *time_article, *time_any;
    size_t tags, times, titles, scripts;
    size_t json_budget;
    ld_scan ld;
} page;

static void meta_value(page *pg, const char *key, const char *content)
{
    if (!key || !content)
        return;
    size_t k = 0;
    while (k < N_META_KEYS && strcasecmp(key, META_KEYS[k].key) != 0)
        k++;
    if (k == N_META_KEYS)
        return;
    meta_kind kind = META_KEYS[k].kind;
    if (kind == K_AUTHOR) {
        authors_add(&pg->by, content);
        return;
    }
    if (pg->val[kind] && pg->prio[kind] <= k)
        return;
    char *v;
    switch (kind) {
    case K_URL: v = to_url(content); break;
    case K_PUB:
    case K_MOD: v = to_date(content); break;
    default: v = clean(content); break;
    }
    if (!v)
        return;
    free(pg->val[kind]);
    pg->val[kind] = v;
    pg->prio[kind] = k;
}

/* ----------------------------------------------------------------- DOM */

static bool named(const xmlNode *n, const char *name)
{
    return n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool has_ancestor(const xmlNode *n, const char *name)
{
    for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (named(p, name))
            return true;
    return false;
}

static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* The text of an element, cleaned (NULL when empty). */
static char *node_text(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *c = t ? clean_n((const char *)t, strlen((const char *)t), MAX_FIELD) : NULL;
    xmlFree(t);
    return c;
}

static bool is_ld_json(const char *type)
{
    if (!type)
        return false;
    while (*type == ' ' || *type == '\t' || *type == '\n' || *type == '\r')
        type++;
    static const char want[] = "application/ld+json";
    if (strncasecmp(type, want, sizeof want - 1) != 0)
        return false;
    char c = type[sizeof want - 1];
    return c == '\0' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool rel_has(const char *rel, const char *want)
{
    size_t wl = strlen(want);
    for (const char *p = rel; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r' && *e != '\f')
            e++;
        if ((size_t)(e - p) == wl && strncasecmp(p, want, wl) == 0)
            return true;
        p = e;
    }
    return false;
}

static void visit(page *pg, const xmlNode *n)
{
    if (named(n, "meta")) {
        if (pg->tags >= MAX_TAGS)
            return;
        pg->tags++;
        char *content = attr(n, "content");
        if (content) {
            char *prop = attr(n, "property"), *name = attr(n, "name");
            char *ip = attr(n, "itemprop");
            meta_value(pg, prop, content);
            if (!prop || !name || strcasecmp(prop, name) != 0)
                meta_value(pg, name, content);
            meta_value(pg, ip, content);
            xmlFree(prop);
            xmlFree(name);
            xmlFree(ip);
        }
        xmlFree(content);
        return;
    }
    if (named(n, "link")) {
        if (pg->tags >= MAX_TAGS || pg->link_canonical)
            return;
        pg->tags++;
        char *rel = attr(n, "rel");
        if (rel && rel_has(rel, "canonical")) {
            char *href = attr(n, "href");
            pg->link_canonical = to_url(href);
            xmlFree(href);
        }
        xmlFree(rel);
        return;
    }
    if (named(n, "script")) {
        if (pg->scripts >= MAX_SCRIPTS)
            return;
        char *type = attr(n, "type");
        if (is_ld_json(type)) {
            pg->scripts++;
            xmlChar *t = xmlNodeGetContent(n);
            if (t)
                ld_script((const char *)t, strlen((const char *)t), &pg->ld, &pg->json_budget);
            xmlFree(t);
        }
        xmlFree(type);
        return;
    }
    if (named(n, "title")) {
        if (!pg->title_tag && pg->titles < MAX_TITLES) {
            pg->titles++;
            if (!has_ancestor(n, "svg") && !has_ancestor(n, "math"))
                pg->title_tag = node_text(n);
        }
        return;
    }
    if (named(n, "h1")) {
        if (!pg->h1)
            pg->h1 = node_text(n);
        return;
    }
    if (named(n, "time")) {
        if (pg->times >= MAX_TIMES || pg->time_article)
            return;
        pg->times++;
        char *dt = attr(n, "datetime");
        char *d = to_date(dt);
        xmlFree(dt);
        if (!d) {
            char *txt = node_text(n);
            d = to_date(txt);
            free(txt);
        }
        if (!d)
            return;
        if (has_ancestor(n, "article"))
            pg->time_article = cd_xstrndup(d, 10);
        offer(&pg->time_any, d);
        return;
    }
    /* <span itemprop="datePublished" content="…">, <time itemprop=… datetime> */
    if (n->properties && pg->tags < MAX_TAGS) {
        char *ip = attr(n, "itemprop");
        if (ip) {
            pg->tags++;
            if (strcasecmp(ip, "datePublished") == 0 || strcasecmp(ip, "dateModified") == 0) {
                char *v = attr(n, "content");
                if (!v)
                    v = attr(n, "datetime");
                meta_value(pg, ip, v);
                xmlFree(v);
            }
            xmlFree(ip);
        }
    }
}

static void scan(page *pg, const htmlDocPtr doc)
{
    const xmlNode *top = (const xmlNode *)doc;
    const xmlNode *n = top->children;
    while (n) {
        bool descend = n->type == XML_ELEMENT_NODE;
        if (descend) {
            visit(pg, n);
            /* nothing we read lives inside these */
            if (named(n, "script") || named(n, "style") || named(n, "template") ||
                named(n, "noscript") || named(n, "meta") || named(n, "title"))
                descend = false;
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n != top && !n->next)
            n = n->parent;
        n = n == top ? NULL : n->next;
    }
}

/* --------------------------------------------------------------- titles */

static const char *const SEPS[] = {
    " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ",
    " \xE2\x80\xA2 ", " :: ", " \xC2\xBB ", " \xC2\xAB "};
#define N_SEPS (sizeof SEPS / sizeof *SEPS)

/* Length of the separator starting at s[i], or 0. */
static size_t sep_at(const char *s, size_t len, size_t i)
{
    for (size_t k = 0; k < N_SEPS; k++) {
        size_t n = strlen(SEPS[k]);
        if (i + n <= len && memcmp(s + i, SEPS[k], n) == 0)
            return n;
    }
    return 0;
}

/* The comparable key of a site name: ASCII letters and digits lowercased
 * (other bytes kept); a domain ("www.site.example") loses www. and its TLD. */
static void site_key(const char *s, size_t len, cd_buf *out)
{
    if (len && !memchr(s, ' ', len) && memchr(s, '.', len)) {
        if (len > 4 && strncasecmp(s, "www.", 4) == 0) {
            s += 4;
            len -= 4;
        }
        const char *dot = memchr(s, '.', len);
        for (const char *p = s + len; p > s; p--)
            if (p[-1] == '.') {
                dot = p - 1;
                break;
            }
        if (dot && dot > s)
            len = (size_t)(dot - s);
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            cd_buf_putc(out, (char)(c - 'A' + 'a'));
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            cd_buf_putc(out, (char)c);
    }
    cd_buf_append(out, "", 0);
}

static bool is_domain(const char *s, size_t len)
{
    if (len < 4 || memchr(s, ' ', len))
        return false;
    const char *dot = memchr(s, '.', len);
    return dot && dot > s && dot < s + len - 1;
}

/* Does s[0..len) name the site? */
static bool names_site(const char *s, size_t len, const char *site_k)
{
    if (!site_k)
        return is_domain(s, len);
    cd_buf k = {0};
    site_key(s, len, &k);
    bool same = k.len && strcmp(k.data, site_k) == 0;
    cd_buf_free(&k);
    return same;
}

/* title without a " | Site" suffix or a "Site | " prefix naming the site (a
 * bare domain counts when the site is unknown); for the <title> element,
 * also cut to the <h1> when the title starts with it followed by a separator.
 * Takes title, returns a malloc'd string. */
static char *strip_title(char *title, const char *site, const char *h1)
{
    if (!title)
        return NULL;
    size_t len = strlen(title);
    if (h1) {
        size_t hl = strlen(h1);
        if (hl < len && strncasecmp(title, h1, hl) == 0 && sep_at(title, len, hl)) {
            title[hl] = '\0';
            return title;
        }
    }
    cd_buf sk = {0};
    if (site)
        site_key(site, strlen(site), &sk);
    const char *site_k = site && sk.len ? sk.data : NULL;
    for (int round = 0; round < 2; round++) {
        bool cut = false;
        for (size_t i = len; i-- > 1;) { /* the last separator */
            size_t n = sep_at(title, len, i);
            if (n) {
                if (names_site(title + i + n, len - i - n, site_k)) {
                    len = i;
                    cut = true;
                }
                break;
            }
        }
        for (size_t i = 1; i < len; i++) { /* the first separator */
            size_t n = sep_at(title, len, i);
            if (n) {
                if (site_k && names_site(title, i, site_k)) {
                    memmove(title, title + i + n, len - i - n);
                    len -= i + n;
                    cut = true;
                }
                break;
            }
        }
        if (!cut)
            break;
    }
    cd_buf_free(&sk);
    title[len] = '\0';
    return title;
}

/* ---------------------------------------------------------------- main */

void cd_html_meta(const cd_html *h, cd_doc *doc, bool set_outlet)
{
    if (!h || !h->doc || !doc)
        return;
    page pg = {0};
    pg.json_budget = MAX_JSON_TOTAL;
    scan(&pg, h->doc);

    ld_fields ld = {0};
    if (pg.ld.root)
        ld_extract(&pg.ld, &ld);

    /* outlet: the publisher, og:site_name, application-name, a WebSite node */
    const char *site = ld.publisher ? ld.publisher : pg.val[K_SITE] ? pg.val[K_SITE] : ld.site;

    /* title: JSON-LD, og:title / twitter:title, <title>, <h1> */
    char *title = NULL;
    char **from[] = {&ld.title, &pg.val[K_TITLE], &pg.title_tag, &pg.h1};
    for (size_t i = 0; i < sizeof from / sizeof *from && !title; i++) {
        title = strip_title(*from[i], site, from[i] == &pg.title_tag ? pg.h1 : NULL);
        *from[i] = NULL;
        if (title && !*title) {
            free(title);
            title = NULL;
        }
    }
    if (title)
        cd_doc_set_title(doc, title);

    char *byline = authors_join(ld.by.n ? &ld.by : &pg.by);
    if (byline)
        cd_doc_set_byline(doc, byline);

    /* published: JSON-LD, meta tags, <time> in <article>; modified dates and
     * the first <time> anywhere only when nothing says "published" */
    const char *dates[] = {ld.published, pg.val[K_PUB], pg.time_article,
                           ld.modified, pg.val[K_MOD], pg.time_any};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        if (dates[i]) {
            cd_doc_set_published(doc, dates[i]);
            break;
        }

    const char *canon = ld.canonical ? ld.canonical
                        : pg.link_canonical ? pg.link_canonical : pg.val[K_URL];
    if (canon)
        cd_doc_set_canonical(doc, canon);

    if (set_outlet && site)
        cd_doc_set_outlet(doc, site);

    free(title);
    free(byline);
    free(ld.title);
    free(ld.published);
    free(ld.modified);
    free(ld.publisher);
    free(ld.site);
    free(ld.canonical);
    authors_free(&ld.by);
    for (size_t k = 0; k < K_NKINDS; k++)
        free(pg.val[k]);
    authors_free(&pg.by);
    free(pg.link_canonical);
    free(pg.title_tag);
    free(pg.h1);
    free(pg.time_article);
    free(pg.time_any);
    json_decref(pg.ld.root);
}
