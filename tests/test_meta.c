/* test_meta.c — cd_html_meta: JSON-LD, meta tags and page fallbacks.
 *
 * The pages are parsed with libxml2 directly (the way fetch/html.c does), so
 * these tests depend on meta.c alone.
 *
 * Dates: the published date is the calendar date written in the
 * machine-readable value, never shifted between time zones. For
 * free-veldria-voice the JSON-LD says 2026-03-04T10:02:11+00:00 and the page
 * shows 11:02 AM local time: both are 2026-03-04, and "2026-03-04T23:30:00-05:00"
 * stays 2026-03-04 (not the 5th in UTC).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING)

static cd_doc *meta_bytes(const char *bytes, size_t len, const char *enc, bool outlet)
{
    htmlDocPtr d = htmlReadMemory(bytes, (int)len, NULL, enc, OPTS);
    cr_assert(d != NULL, "libxml2 could not parse the page");
    struct cd_html h = {d, NULL};
    cd_doc *doc = cd_doc_new("test");
    cd_html_meta(&h, doc, outlet);
    xmlFreeDoc(d);
    return doc;
}

static cd_doc *meta_str(const char *html)
{
    return meta_bytes(html, strlen(html), "UTF-8", true);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    cr_assert(fread(b, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

/* Replace every occurrence of from by to (same length) in b. */
static void blank_out(char *b, const char *from, const char *to)
{
    size_t n = strlen(from);
    cr_assert(strlen(to) == n);
    for (char *p = strstr(b, from); p; p = strstr(p + n, from))
        memcpy(p, to, n);
}

static void expect_field(const char *what, const char *got, const char *want)
{
    if (!want) {
        cr_expect(got == NULL, "%s: expected none, got \"%s\"", what, got);
        return;
    }
    cr_expect(got != NULL, "%s: expected \"%s\", got none", what, want);
    if (got)
        cr_expect_str_eq(got, want, "%s", what);
}

static void expect_meta(const cd_doc *d, const char *title, const char *byline,
                        const char *published, const char *outlet, const char *canonical)
{
    expect_field("title", cd_doc_title(d), title);
    expect_field("byline", cd_doc_byline(d), byline);
    expect_field("published", cd_doc_published(d), published);
    expect_field("outlet", cd_doc_outlet(d), outlet);
    expect_field("canonical", cd_doc_canonical(d), canonical);
}

/* ------------------------------------------------------- fixture pages */

typedef struct {
    const char *file, *enc;
    const char *title, *byline, *published, *outlet, *canonical;
    const char *h1;     /* what the page-only fallback gives */
    const char *meta_byline; /* byline from meta tags alone */
} fixture;

static const fixture FIX[] = {
    {"meridian-wire.html", "UTF-8",
     "Dam collapse floods Veldrian port city, killing at least 12", "Saskia Brenner",
     "2026-03-04", "Meridian Wire",
     "https://www.meridianwire.example/world/europe/dam-collapse-floods-veldrian-port-city-killing-least-12-2026-03-04/",
     "Dam collapse floods Veldrian port city, killing at least 12", "Saskia Brenner"},
    {"daily-klaxon.html", "UTF-8",
     "Dam horror: 14 dead as wall of water smashes through port city", "Gemma Rook",
     "2026-03-04", "Daily Klaxon",
     "https://www.dailyklaxon.example/news/world/article-77120435/dam-horror-14-dead-wall-water-port-city.html",
     "DAM HORROR: 14 dead as wall of water smashes through port city", "Gemma Rook"},
    {"free-veldria-voice.html", "UTF-8",
     "Velan regime ignored warnings before disastrous Brennick Dam collapse", "Corbin Hale",
     "2026-03-04", "Free Veldria Voice",
     "https://freeveldriavoice.example/2026/03/04/velan-regime-ignored-warnings-brennick-dam/",
     "Velan regime ignored warnings before disastrous Brennick Dam collapse", "Corbin Hale"},
    {"portsmere-courier.html", NULL,
     "Brennick Dam fails: 12 dead, dozens missing as floodwater sweeps Quayside", "Marta Osei",
     "2026-03-04", "Portsmere Courier",
     "https://www.portsmerecourier.example/news/local/brennick-dam-fails-12-dead-dozens-missing/article_5b0e7c2a-17f3-11f1-9a4e-3f2c1d0b9e11.html",
     "Brennick Dam fails: 12 dead, dozens missing as floodwater sweeps Quayside", "Marta Osei"},
    {"karsland-today.html", "UTF-8",
     "Veldria dam failure: Karsland offers help as Anselm rushes to blame foreign investors",
     "KT Newsroom", "2026-03-04", "Karsland Today",
     "https://karslandtoday.example/world/20260304/veldria-dam-failure-karsland-offers-help.html",
     "Veldria dam failure: Karsland offers help as Anselm rushes to blame foreign investors", NULL},
};
#define N_FIX (sizeof FIX / sizeof *FIX)

static char *load_fixture(const fixture *f, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/story/%s", FIXTURES, f->file);
    return slurp(path, len);
}

Test(meta, fixtures_full)
{
    for (size_t i = 0; i < N_FIX; i++) {
        const fixture *f = &FIX[i];
        size_t len;
        char *b = load_fixture(f, &len);
        cd_doc *d = meta_bytes(b, len, f->enc, true);
        cr_log_info("%s", f->file);
        expect_meta(d, f->title, f->byline, f->published, f->outlet, f->canonical);
        cd_doc_free(d);
        free(b);
    }
}

/* The same pages with their JSON-LD switched off: OpenGraph and meta tags
 * alone give the same answers (karsland has no author meta tag). */
Test(meta, fixtures_meta_tags_only)
{
    for (size_t i = 0; i < N_FIX; i++) {
        const fixture *f = &FIX[i];
        size_t len;
        char *b = load_fixture(f, &len);
        blank_out(b, "application/ld+json", "application/xx+json");
        cd_doc *d = meta_bytes(b, len, f->enc, true);
        cr_log_info("%s", f->file);
        expect_meta(d, f->title, f->meta_byline, f->published, f->outlet, f->canonical);
        cd_doc_free(d);
        free(b);
    }
}

/* Without JSON-LD, <meta> and <link>: <title> cut to the <h1>, and the
 * <time> inside <article>. */
Test(meta, fixtures_page_only)
{
    for (size_t i = 0; i < N_FIX; i++) {
        const fixture *f = &FIX[i];
        size_t len;
        char *b = load_fixture(f, &len);
        blank_out(b, "application/ld+json", "application/xx+json");
        blank_out(b, "<meta ", "<xmta ");
        blank_out(b, "<link ", "<xlnk ");
        cd_doc *d = meta_bytes(b, len, f->enc, true);
        cr_log_info("%s", f->file);
        expect_meta(d, f->h1, NULL, f->published, NULL, NULL);
        cd_doc_free(d);
        free(b);
    }
}

/* The same through fetch/html.c's parser (charset sniffing included). */
Test(meta, fixtures_through_cd_html_parse)
{
    for (size_t i = 0; i < N_FIX; i++) {
        const fixture *f = &FIX[i];
        size_t len;
        char *b = load_fixture(f, &len);
        char *err = NULL;
        cd_html *h = cd_html_parse(b, len, NULL, &err);
        cr_assert(h != NULL, "%s: %s", f->file, err ? err : "?");
        cd_doc *d = cd_doc_new(f->file);
        cd_html_meta(h, d, true);
        cr_log_info("%s", f->file);
        expect_meta(d, f->title, f->byline, f->published, f->outlet, f->canonical);
        cd_doc_free(d);
        cd_html_free(h);
        free(b);
    }
}

Test(meta, fixture_cp1252_declared_encoding)
{
    /* Told the charset explicitly, the result is the same as by sniffing. */
    size_t len;
    char *b = load_fixture(&FIX[3], &len);
    cd_doc *d = meta_bytes(b, len, "windows-1252", true);
    expect_meta(d, FIX[3].title, FIX[3].byline, FIX[3].published, FIX[3].outlet,
                FIX[3].canonical);
    cd_doc_free(d);
    free(b);
}

Test(meta, outlet_only_when_asked)
{
    size_t len;
    char *b = load_fixture(&FIX[0], &len);
    htmlDocPtr x = htmlReadMemory(b, (int)len, NULL, "UTF-8", OPTS);
    struct cd_html h = {x, NULL};
    cd_doc *d = cd_doc_new("meridian");
    cd_doc_set_outlet(d, "from-label");
    cd_html_meta(&h, d, false);
    cr_expect_str_eq(cd_doc_outlet(d), "from-label");
    cr_expect_str_eq(cd_doc_title(d), FIX[0].title);
    cd_doc_free(d);
    xmlFreeDoc(x);
    free(b);
}

/* ------------------------------------------------------- small pages */

Test(meta, graph_with_id_references)
{
    cd_doc *d = meta_str(
        "<html><head><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":["
        " {\"@type\":\"WebPage\",\"@id\":\"https://n.example/a/\",\"url\":\"https://n.example/a/\","
        "  \"name\":\"Page name - The Bugle\"},"
        " {\"@type\":[\"Article\",\"NewsArticle\"],\"@id\":\"https://n.example/a/#article\","
        "  \"headline\":\"Bridge reopens\",\"datePublished\":\"2024-05-06T08:00:00+02:00\","
        "  \"author\":[{\"@id\":\"https://n.example/#p1\"},{\"@id\":\"https://n.example/#p2\"}],"
        "  \"publisher\":{\"@id\":\"https://n.example/#org\"},"
        "  \"mainEntityOfPage\":{\"@id\":\"https://n.example/a/\"}},"
        " {\"@type\":\"Person\",\"@id\":\"https://n.example/#p1\",\"name\":\"Ann Lee\"},"
        " {\"@type\":\"Person\",\"@id\":\"https://n.example/#p2\",\"name\":\"Bo Chan\"},"
        " {\"@type\":\"Organization\",\"@id\":\"https://n.example/#org\",\"name\":\"The Bugle\"}"
        "]}</script></head><body><h1>Other</h1></body></html>");
    expect_meta(d, "Bridge reopens", "Ann Lee, Bo Chan", "2024-05-06", "The Bugle",
                "https://n.example/a/");
    cd_doc_free(d);
}

Test(meta, author_shapes)
{
    cd_doc *d = meta_str(
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\","
        "\"author\":[\"By Jane Doe\",{\"@type\":\"Person\",\"name\":\"  John\\n Roe \"},"
        "\"https://n.example/staff/jane\",{\"name\":\"JANE DOE\"},{\"name\":42},"
        "[\"Max  Mustermann\"],{\"url\":\"https://x.example/\"},\"\",\"by: Kim Park\"]}</script>");
    expect_field("byline", cd_doc_byline(d), "Jane Doe, John Roe, Max Mustermann, Kim Park");
    cd_doc_free(d);

    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\","
                 "\"creator\":\"Ola Nordmann\",\"author\":[]}</script>");
    expect_field("byline", cd_doc_byline(d), "Ola Nordmann");
    cd_doc_free(d);

    d = meta_str("<meta property=\"article:author\" content=\"https://facebook.example/jd\">"
                 "<meta name=\"author\" content=\"By Jane Doe\">"
                 "<meta name=\"byl\" content=\"BY JANE DOE\">"
                 "<meta name=\"parsely-author\" content=\"Rui Costa\">");
    expect_field("byline", cd_doc_byline(d), "Jane Doe, Rui Costa");
    cd_doc_free(d);
}

Test(meta, malformed_json_ld_then_opengraph)
{
    cd_doc *d = meta_str(
        "<html><head>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
        "\"Broken\",</script>"
        "<script type=\"application/ld+json\">\"just a string\"</script>"
        "<script type=\"application/ld+json\">{\"@type\":42,\"headline\":[1,2],"
        "\"author\":{\"name\":{\"x\":1}},\"publisher\":7,\"datePublished\":true}</script>"
        "<meta property=\"og:title\" content=\"Good &amp; proper\">"
        "<meta property=\"og:site_name\" content=\"The Bugle\">"
        "<meta property=\"og:url\" content=\"https://n.example/good\">"
        "<meta property=\"article:published_time\" content=\"2024-02-29T10:00:00Z\">"
        "<meta name=\"author\" content=\"Ann Lee\">"
        "</head><body></body></html>");
    expect_meta(d, "Good & proper", "Ann Lee", "2024-02-29", "The Bugle",
                "https://n.example/good");
    cd_doc_free(d);
}

Test(meta, no_metadata_at_all)
{
    cd_doc *d = meta_str("<html><head></head><body><p>Just text.</p>"
                         "<time>soon</time></body></html>");
    expect_meta(d, NULL, NULL, NULL, NULL, NULL);
    cd_doc_free(d);

    d = meta_str("<!DOCTYPE html><html></html>");
    expect_meta(d, NULL, NULL, NULL, NULL, NULL);
    cd_doc_free(d);

    d = meta_str("<title>   </title><h1> </h1><meta property=\"og:title\" content=\" \">"
                 "<link rel=canonical href=\"/relative/path\">"
                 "<meta property=\"article:published_time\" content=\"not a date\">");
    expect_meta(d, NULL, NULL, NULL, NULL, NULL);
    cd_doc_free(d);
}

Test(meta, null_arguments_are_harmless)
{
    cd_doc *d = cd_doc_new("x");
    cd_html_meta(NULL, d, true);
    struct cd_html h = {NULL, NULL};
    cd_html_meta(&h, d, true);
    expect_meta(d, NULL, NULL, NULL, NULL, NULL);
    cd_doc_free(d);
}

static void append_n(cd_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cd_buf_puts(b, s);
}

Test(meta, huge_and_deep_json_ld_is_bounded, .timeout = 20)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "<html><head>");
    /* nested far beyond jansson's depth limit */
    cd_buf_puts(&b, "<script type=\"application/ld+json\">");
    append_n(&b, "[", 200000);
    append_n(&b, "]", 200000);
    cd_buf_puts(&b, "</script>");
    /* deep but parseable: the article sits below the walk's depth cap */
    cd_buf_puts(&b, "<script type=\"application/ld+json\">");
    append_n(&b, "{\"mainEntity\":", 1500);
    cd_buf_puts(&b, "{\"@type\":\"NewsArticle\",\"headline\":\"Too deep\"}");
    append_n(&b, "}", 1500);
    cd_buf_puts(&b, "</script>");
    /* a script over the size cap */
    cd_buf_puts(&b, "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                    "\"headline\":\"Too big\",\"pad\":\"");
    append_n(&b, "xxxxxxxxxxxxxxxx", 70000);
    cd_buf_puts(&b, "\"}</script>");
    /* very many nodes in one graph: the article is past the walk's cap */
    cd_buf_puts(&b, "<script type=\"application/ld+json\">{\"@graph\":[");
    append_n(&b, "{},", 100000);
    cd_buf_puts(&b, "{\"@type\":\"NewsArticle\",\"headline\":\"Too late\"}]}</script>");
    /* many scripts */
    append_n(&b, "<script type=\"application/ld+json\">{\"@type\":\"Thing\"}</script>", 300);
    cd_buf_puts(&b, "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                    "\"headline\":\"Past the script cap\"}</script>");
    cd_buf_puts(&b, "<meta property=\"og:title\" content=\"Bounded\">");
    cd_buf_puts(&b, "</head><body></body></html>");
    cd_doc *d = meta_bytes(b.data, b.len, "UTF-8", true);
    expect_field("title", cd_doc_title(d), "Bounded");
    cd_doc_free(d);
    cd_buf_free(&b);
}

/* The positive control: below the caps, the same shapes are found. */
Test(meta, large_json_ld_below_the_caps)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "<script type=\"application/ld+json\">");
    append_n(&b, "{\"mainEntity\":", 10);
    cd_buf_puts(&b, "{\"@graph\":[");
    append_n(&b, "{},", 1000);
    cd_buf_puts(&b, "{\"@type\":\"NewsArticle\",\"headline\":\"Found\",\"pad\":\"");
    append_n(&b, "xxxxxxxxxxxxxxxx", 50000);
    cd_buf_puts(&b, "\"}]}");
    append_n(&b, "}", 10);
    cd_buf_puts(&b, "</script>");
    cd_doc *d = meta_bytes(b.data, b.len, "UTF-8", true);
    expect_field("title", cd_doc_title(d), "Found");
    cd_doc_free(d);
    cd_buf_free(&b);
}

Test(meta, many_meta_tags_are_capped, .timeout = 20)
{
    cd_buf b = {0};
    append_n(&b, "<meta name=\"x\" content=\"y\">", 5000);
    cd_buf_puts(&b, "<meta property=\"og:title\" content=\"Ignored\"><title>Kept</title>");
    cd_doc *d = meta_bytes(b.data, b.len, "UTF-8", true);
    expect_field("title", cd_doc_title(d), "Kept");
    cd_doc_free(d);
    cd_buf_free(&b);
}

Test(meta, title_suffix)
{
    cd_doc *d = meta_str("<title>Storm hits coast | The Bugle</title>"
                         "<meta property=\"og:site_name\" content=\"The Bugle\">");
    expect_field("title", cd_doc_title(d), "Storm hits coast");
    cd_doc_free(d);

    d = meta_str("<title>Storm hits coast \xE2\x80\x94 the bugle</title>"
                 "<meta property=\"og:site_name\" content=\"The Bugle\">");
    expect_field("title", cd_doc_title(d), "Storm hits coast");
    cd_doc_free(d);

    d = meta_str("<title>The Bugle - Storm hits coast</title>"
                 "<meta property=\"og:site_name\" content=\"The Bugle\">");
    expect_field("title", cd_doc_title(d), "Storm hits coast");
    cd_doc_free(d);

    /* a section between headline and site stays unless the <h1> says otherwise */
    d = meta_str("<title>Storm hits coast | Weather | www.thebugle.example</title>"
                 "<meta property=\"og:site_name\" content=\"The Bugle\">");
    expect_field("title", cd_doc_title(d), "Storm hits coast | Weather");
    cd_doc_free(d);

    /* unknown site: only a bare domain is stripped */
    d = meta_str("<title>Storm hits coast - thebugle.example</title>");
    expect_field("title", cd_doc_title(d), "Storm hits coast");
    cd_doc_free(d);
    d = meta_str("<title>Storm - what we know | Live</title>");
    expect_field("title", cd_doc_title(d), "Storm - what we know | Live");
    cd_doc_free(d);

    /* the <h1> decides where the headline ends */
    d = meta_str("<title>Storm - what we know | Live | Bugle</title>"
                 "<body><h1>Storm - what we know</h1></body>");
    expect_field("title", cd_doc_title(d), "Storm - what we know");
    cd_doc_free(d);

    /* JSON-LD headlines lose a suffix only when it names the site */
    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"WebPage\","
                 "\"name\":\"Storm hits coast - The Bugle\",\"publisher\":\"The Bugle\"}</script>");
    expect_field("title", cd_doc_title(d), "Storm hits coast");
    cd_doc_free(d);
}

Test(meta, svg_title_is_not_the_page_title)
{
    cd_doc *d = meta_str("<html><head></head><body><svg><title>Logo</title></svg>"
                         "<h1>Real headline</h1></body></html>");
    expect_field("title", cd_doc_title(d), "Real headline");
    cd_doc_free(d);
}

Test(meta, script_wrappers_and_type_spelling)
{
    cd_doc *d = meta_str("<script type=\" Application/LD+JSON; charset=utf-8\">\n"
                         "//<![CDATA[\n<!--\n{\"@type\":\"NewsArticle\",\"headline\":"
                         "\"Wrapped\"}\n-->\n//]]>\n</script>");
    expect_field("title", cd_doc_title(d), "Wrapped");
    cd_doc_free(d);

    /* raw line breaks inside a JSON string */
    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                 "\"headline\":\"Line\none\"}</script>");
    expect_field("title", cd_doc_title(d), "Line one");
    cd_doc_free(d);

    d = meta_str("<script type=\"text/javascript\">{\"@type\":\"NewsArticle\","
                 "\"headline\":\"Not JSON-LD\"}</script>");
    expect_field("title", cd_doc_title(d), NULL);
    cd_doc_free(d);
}

Test(meta, article_beats_web_page_and_main_entity_is_followed)
{
    cd_doc *d = meta_str(
        "<script type=\"application/ld+json\">{\"@type\":\"WebPage\",\"name\":\"The page\","
        "\"url\":\"https://n.example/p\",\"mainEntity\":{\"@type\":\"ReportageNewsArticle\","
        "\"headline\":\"The story\",\"dateCreated\":\"2023-01-02\"}}</script>");
    expect_field("title", cd_doc_title(d), "The story");
    expect_field("published", cd_doc_published(d), "2023-01-02");
    cd_doc_free(d);

    /* a WebPage in one script, the article in a later one */
    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"WebPage\",\"name\":\"Page\","
                 "\"url\":\"https://n.example/p\"}</script>"
                 "<script type=\"application/ld+json\">[{\"@type\":\"schema:OpinionNewsArticle\","
                 "\"headline\":\"Opinion\"}]</script>");
    expect_field("title", cd_doc_title(d), "Opinion");
    cd_doc_free(d);

    /* only a WebPage: it is used, @id included */
    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"WebPage\",\"name\":\"Page\","
                 "\"@id\":\"https://n.example/p\",\"datePublished\":\"2023-03-04\"}</script>");
    expect_meta(d, "Page", NULL, "2023-03-04", NULL, "https://n.example/p");
    cd_doc_free(d);
}

Test(meta, dates)
{
    /* the date as written: no shift to UTC */
    cd_doc *d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                         "\"datePublished\":\"2026-03-04T23:30:00-05:00\"}</script>");
    expect_field("published", cd_doc_published(d), "2026-03-04");
    cd_doc_free(d);

    /* the modified date only as a last resort */
    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                 "\"dateModified\":\"2026-03-05\"}</script>"
                 "<meta name=\"pubdate\" content=\"20260301\">"
                 "<meta name=\"dc.date\" content=\"2026-03-02\">");
    expect_field("published", cd_doc_published(d), "2026-03-02");
    cd_doc_free(d);
    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                 "\"dateModified\":\"2026-03-05\"}</script>");
    expect_field("published", cd_doc_published(d), "2026-03-05");
    cd_doc_free(d);

    const char *const shapes[] = {
        "<meta name=\"date\" content=\"2026-03-04\">",
        "<meta name=\"publish-date\" content=\"March 4, 2026\">",
        "<meta name=\"dcterms.created\" content=\"2026-03-04\">",
        "<meta name=\"sailthru.date\" content=\"2026-03-04 09:00:00\">",
        "<meta name=\"parsely-pub-date\" content=\"2026-03-04T09:00:00Z\">",
        "<meta itemprop=\"datePublished\" content=\"2026-03-04\">",
        "<span itemprop=\"datePublished\" content=\"2026-03-04T01:00\">4 March</span>",
        "<body><time datetime=\"2026-03-04T10:00\">10:00</time></body>",
        "<body><time>4 March 2026</time></body>",
    };
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        d = meta_str(shapes[i]);
        cr_expect(cd_doc_published(d) && strcmp(cd_doc_published(d), "2026-03-04") == 0,
                  "%s -> %s", shapes[i], cd_doc_published(d) ? cd_doc_published(d) : "(none)");
        cd_doc_free(d);
    }

    /* a meta tag of higher rank wins whatever the order */
    d = meta_str("<meta name=\"date\" content=\"2026-01-01\">"
                 "<meta property=\"article:published_time\" content=\"2026-02-02\">");
    expect_field("published", cd_doc_published(d), "2026-02-02");
    cd_doc_free(d);

    /* <time> inside <article> beats an earlier one in the header */
    d = meta_str("<body><header><time datetime=\"2020-01-01\">x</time></header>"
                 "<article><time datetime=\"2026-03-04\">y</time></article></body>");
    expect_field("published", cd_doc_published(d), "2026-03-04");
    cd_doc_free(d);
}

Test(meta, text_is_normalised)
{
    /* e + combining acute -> é (NFC); NBSP and line breaks collapse */
    cd_doc *d = meta_str("<meta property=\"og:title\" content=\"  Cafe\xCC\x81\xC2\xA0 &#10; "
                         "prices  rise \">"
                         "<meta property=\"og:site_name\" content=\" The\n Bugle \">");
    expect_field("title", cd_doc_title(d), "Caf\xC3\xA9 prices rise");
    expect_field("outlet", cd_doc_outlet(d), "The Bugle");
    cd_doc_free(d);
}

Test(meta, canonical_sources)
{
    cd_doc *d = meta_str("<link rel=\"alternate canonical\" href=\" https://n.example/c \">"
                         "<meta property=\"og:url\" content=\"https://n.example/og\">");
    expect_field("canonical", cd_doc_canonical(d), "https://n.example/c");
    cd_doc_free(d);

    d = meta_str("<link rel=\"canonical\" href=\"/c\">"
                 "<meta property=\"og:url\" content=\"https://n.example/og\">");
    expect_field("canonical", cd_doc_canonical(d), "https://n.example/og");
    cd_doc_free(d);

    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                 "\"url\":\"https://n.example/ld\"}</script>"
                 "<link rel=\"canonical\" href=\"https://n.example/c\">");
    expect_field("canonical", cd_doc_canonical(d), "https://n.example/ld");
    cd_doc_free(d);
}

Test(meta, publisher_shapes)
{
    cd_doc *d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                         "\"publisher\":[{\"@type\":\"Organization\",\"name\":\"First\"},"
                         "{\"name\":\"Second\"}]}</script>"
                         "<meta property=\"og:site_name\" content=\"OG\">");
    expect_field("outlet", cd_doc_outlet(d), "First");
    cd_doc_free(d);

    /* a URL is not a name; og:site_name takes over */
    d = meta_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                 "\"publisher\":\"https://n.example/\"}</script>"
                 "<meta property=\"og:site_name\" content=\"OG\">");
    expect_field("outlet", cd_doc_outlet(d), "OG");
    cd_doc_free(d);

    /* a WebSite node in the graph as the last resort */
    d = meta_str("<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\","
                 "\"name\":\"Site Name\"},{\"@type\":\"NewsArticle\",\"headline\":\"H\"}]}</script>");
    expect_field("outlet", cd_doc_outlet(d), "Site Name");
    cd_doc_free(d);
}
