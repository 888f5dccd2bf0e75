/* textclean.c — drop web-page furniture from plain text copied off a page.
 *
 * The cleaner works on "units": a non-blank line, or several adjacent lines
 * of one hard-wrapped paragraph. Each unit gets features (words, stop-word
 * density, sentence punctuation, bullets, links, a score from a generic
 * vocabulary of web-furniture cues weighed against its length, repetition)
 * and a shape: GOOD (article prose), NEAR (a short sentence), SHORT (a
 * headline-shaped line) — plus a "bad" verdict with a reason. Then position
 * decides, in the spirit of jusText's context-sensitive pass:
 *
 *   - every unit adds to or costs an article block (prose its length,
 *     headlines and furniture a fixed cost); the block with the highest
 *     sum, plus a bonus for a byline, date or matching headline just above
 *     it, holds the article; copyright and comment notices end blocks;
 *   - the body runs from the block's first to its last GOOD unit; inside it
 *     every unit that is not clearly furniture is kept (subheadings, list
 *     items, short sentences), while a "Related / Most popular" heading
 *     drops the headline list that follows it;
 *   - short sentences adjacent to the body (dek before, closing lines after)
 *     are absorbed until a furniture line stops the absorption;
 *   - before the body: the headline that shares most content words with
 *     the first paragraphs (one above the byline first; never a caption)
 *     is the title; "By …" and date lines go to the metadata; everything
 *     else before or after the article is dropped.
 *
 * See docs/textclean.md. Linear time apart from binary searches in small
 * constant tables; memory proportional to the number of lines.
 */
#include "fetch.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

/* ------------------------------------------------------------ constants */

#define FOLD_MAX 24          /* longest folded word kept for matching */
#define MAX_WORDS 4096       /* words of one unit kept for cue matching */
#define TITLE_MAX_BYTES 600  /* a longer line is not a headline */
#define TITLE_BODY_WORDS 200 /* body words compared with title candidates */
#define MAX_LINES 1000000    /* non-blank lines examined; the rest is dropped */
#define TEASER_WEIGHT 0.5    /* a paragraph sandwiched between headlines */

enum { SH_SHORT, SH_NEAR, SH_GOOD };

/* How GOOD is decided: English prose; any sentence (an article of short
 * sentences); text in another language (no English function words). */
enum { MODE_ENGLISH, MODE_SHORT, MODE_FOREIGN };

enum {
    K_NONE,
    K_SHARE,
    K_SUBSCRIBE,
    K_DONATE,
    K_SOCIAL,
    K_AD,
    K_NAV,
    K_LIST,
    K_READMORE,
    K_COMMENT,
    K_TAGS,
    K_COPY,
    K_POLL,
    K_LEGAL,
    K_LINK,
    K_CAPTION,
    K_APP,
    K_CREDIT,
    K_NCAT
};

static const char *const cat_reason[K_NCAT] = {
    [K_NONE] = "furniture",
    [K_SHARE] = "share plea",
    [K_SUBSCRIBE] = "subscription plea",
    [K_DONATE] = "donation plea",
    [K_SOCIAL] = "social media plea",
    [K_AD] = "advertisement",
    [K_NAV] = "navigation",
    [K_LIST] = "list of other stories",
    [K_READMORE] = "link to other story",
    [K_COMMENT] = "comment prompt",
    [K_TAGS] = "tag list",
    [K_COPY] = "copyright notice",
    [K_POLL] = "poll",
    [K_LEGAL] = "legal notice",
    [K_LINK] = "link",
    [K_CAPTION] = "caption",
    [K_APP] = "app promotion",
    [K_CREDIT] = "credit line",
};

/* Strong cues make a bad verdict certain: S_LEAD only at the start of the
 * line, S_ANY anywhere. */
enum { S_NO = 0, S_LEAD = 1, S_ANY = 2 };

typedef struct {
    const char *phrase; /* lowercase words separated by one space */
    unsigned char cat;
    unsigned char lead; /* weight ×10 when the phrase starts the line */
    unsigned char mid;  /* weight ×10 elsewhere */
    unsigned char strong;
} cue;

/* A generic vocabulary of web furniture. MUST stay sorted by strcmp on the
 * phrase (binary search on the first word). */
static const cue cues[] = {
    {"about us", K_LEGAL, 15, 10, S_LEAD},
    {"accept cookies", K_LEGAL, 20, 20, S_ANY},
    {"active hyperlink", K_COPY, 20, 15, S_NO},
    {"ad", K_AD, 10, 0, S_NO},
    {"add a comment", K_COMMENT, 25, 20, S_ANY},
    {"additional reporting", K_CREDIT, 20, 10, S_LEAD},
    {"ads", K_AD, 10, 0, S_NO},
    {"advertise", K_AD, 10, 3, S_NO},
    {"advertise with us", K_AD, 20, 20, S_ANY},
    {"advertisement", K_AD, 20, 6, S_LEAD},
    {"advertising", K_AD, 8, 3, S_NO},
    {"all rights reserved", K_COPY, 30, 30, S_ANY},
    {"already a subscriber", K_SUBSCRIBE, 20, 20, S_ANY},
    {"also read", K_READMORE, 15, 5, S_LEAD},
    {"ap photo", K_CAPTION, 20, 15, S_ANY},
    {"article continues below", K_AD, 20, 20, S_ANY},
    {"back to top", K_NAV, 20, 15, S_ANY},
    {"become a member", K_DONATE, 15, 10, S_LEAD},
    {"become a patron", K_DONATE, 15, 15, S_ANY},
    {"bluesky", K_SOCIAL, 6, 5, S_NO},
    {"bookmark", K_SHARE, 8, 3, S_NO},
    {"breadcrumb", K_NAV, 15, 10, S_ANY},
    {"breaking news", K_NAV, 8, 3, S_NO},
    {"categories", K_NAV, 10, 3, S_NO},
    {"category", K_NAV, 10, 3, S_NO},
    {"chip in", K_DONATE, 15, 10, S_NO},
    {"click here", K_LINK, 15, 10, S_LEAD},
    {"click to share", K_SHARE, 20, 20, S_ANY},
    {"comment", K_COMMENT, 10, 2, S_NO},
    {"comments", K_COMMENT, 15, 4, S_NO},
    {"contact us", K_LEGAL, 15, 10, S_LEAD},
    {"continue reading", K_READMORE, 15, 10, S_LEAD},
    {"continues below", K_AD, 15, 15, S_ANY},
    {"cookie policy", K_LEGAL, 20, 20, S_ANY},
    {"cookies", K_LEGAL, 8, 5, S_NO},
    {"copyright", K_COPY, 25, 10, S_LEAD},
    {"create an account", K_SUBSCRIBE, 15, 15, S_LEAD},
    {"daily briefing", K_SUBSCRIBE, 10, 10, S_NO},
    {"do not sell", K_LEGAL, 15, 15, S_LEAD},
    {"don't miss", K_LIST, 15, 5, S_LEAD},
    {"donate", K_DONATE, 20, 10, S_LEAD},
    {"donation", K_DONATE, 10, 5, S_NO},
    {"donations", K_DONATE, 10, 5, S_NO},
    {"download our app", K_APP, 20, 15, S_ANY},
    {"download the app", K_APP, 20, 15, S_ANY},
    {"editing by", K_CREDIT, 20, 10, S_LEAD},
    {"editor's picks", K_LIST, 15, 10, S_LEAD},
    {"email", K_SUBSCRIBE, 5, 4, S_NO},
    {"email address", K_SUBSCRIBE, 10, 7, S_NO},
    {"email this", K_SHARE, 15, 10, S_LEAD},
    {"facebook", K_SOCIAL, 6, 5, S_NO},
    {"featured", K_LIST, 10, 2, S_NO},
    {"file photo", K_CAPTION, 15, 10, S_LEAD},
    {"filed under", K_TAGS, 20, 10, S_LEAD},
    {"follow", K_SOCIAL, 8, 1, S_NO},
    {"follow us", K_SOCIAL, 20, 15, S_ANY},
    {"free access", K_SUBSCRIBE, 5, 5, S_NO},
    {"further reading", K_LIST, 15, 10, S_LEAD},
    {"get the latest", K_SUBSCRIBE, 10, 8, S_NO},
    {"getty images", K_CAPTION, 20, 15, S_ANY},
    {"hyperlink", K_COPY, 8, 8, S_NO},
    {"image", K_CAPTION, 10, 1, S_NO},
    {"image credit", K_CAPTION, 20, 15, S_ANY},
    {"in case you missed it", K_LIST, 15, 10, S_LEAD},
    {"in your inbox", K_SUBSCRIBE, 15, 15, S_NO},
    {"inbox", K_SUBSCRIBE, 10, 8, S_NO},
    {"independent journalism", K_DONATE, 8, 6, S_NO},
    {"instagram", K_SOCIAL, 6, 5, S_NO},
    {"join the conversation", K_COMMENT, 20, 15, S_ANY},
    {"join us", K_SOCIAL, 15, 8, S_LEAD},
    {"journalism is not free", K_DONATE, 20, 15, S_NO},
    {"journalism isn't free", K_DONATE, 20, 15, S_NO},
    {"just in", K_LIST, 10, 3, S_NO},
    {"latest", K_LIST, 5, 1, S_NO},
    {"latest headlines", K_LIST, 15, 10, S_LEAD},
    {"latest news", K_LIST, 15, 10, S_LEAD},
    {"latest stories", K_LIST, 15, 10, S_LEAD},
    {"latest videos", K_LIST, 15, 10, S_LEAD},
    {"leave a comment", K_COMMENT, 25, 20, S_ANY},
    {"leave a reply", K_COMMENT, 25, 20, S_ANY},
    {"licensing", K_COPY, 7, 7, S_NO},
    {"like us", K_SOCIAL, 10, 8, S_LEAD},
    {"linkedin", K_SOCIAL, 6, 5, S_NO},
    {"listen to this article", K_NAV, 20, 15, S_ANY},
    {"load more", K_LIST, 15, 15, S_ANY},
    {"log in", K_SUBSCRIBE, 10, 6, S_NO},
    {"login", K_SUBSCRIBE, 10, 6, S_NO},
    {"main menu", K_NAV, 20, 15, S_ANY},
    {"make a donation", K_DONATE, 20, 15, S_NO},
    {"mastodon", K_SOCIAL, 6, 5, S_NO},
    {"may not be copied", K_COPY, 20, 15, S_NO},
    {"may not be published", K_COPY, 20, 20, S_ANY},
    {"may not be reproduced", K_COPY, 20, 20, S_ANY},
    {"menu", K_NAV, 10, 2, S_NO},
    {"min read", K_NAV, 15, 15, S_ANY},
    {"minute read", K_NAV, 15, 15, S_ANY},
    {"more from", K_LIST, 10, 5, S_LEAD},
    {"more news", K_LIST, 15, 10, S_LEAD},
    {"more stories", K_LIST, 15, 10, S_LEAD},
    {"most commented", K_LIST, 15, 10, S_LEAD},
    {"most emailed", K_LIST, 15, 10, S_LEAD},
    {"most popular", K_LIST, 15, 10, S_LEAD},
    {"most read", K_LIST, 15, 10, S_LEAD},
    {"most shared", K_LIST, 15, 10, S_LEAD},
    {"most viewed", K_LIST, 15, 10, S_LEAD},
    {"new tab", K_LINK, 10, 10, S_NO},
    {"new window", K_LINK, 10, 10, S_NO},
    {"newsletter", K_SUBSCRIBE, 10, 8, S_NO},
    {"newsletters", K_SUBSCRIBE, 10, 8, S_NO},
    {"next article", K_LIST, 15, 10, S_LEAD},
    {"next post", K_NAV, 15, 15, S_ANY},
    {"next story", K_LIST, 15, 10, S_LEAD},
    {"notifications", K_SUBSCRIBE, 5, 3, S_NO},
    {"paid content", K_AD, 15, 10, S_ANY},
    {"partner content", K_AD, 15, 10, S_ANY},
    {"permalink", K_NAV, 15, 15, S_ANY},
    {"photo", K_CAPTION, 10, 1, S_NO},
    {"photo by", K_CAPTION, 15, 10, S_LEAD},
    {"photo credit", K_CAPTION, 20, 15, S_ANY},
    {"photos", K_CAPTION, 8, 1, S_NO},
    {"pinterest", K_SOCIAL, 6, 5, S_NO},
    {"please contact", K_COPY, 7, 5, S_NO},
    {"poll", K_POLL, 10, 4, S_NO},
    {"popular", K_LIST, 8, 2, S_NO},
    {"post a comment", K_COMMENT, 25, 20, S_ANY},
    {"post category", K_NAV, 15, 15, S_ANY},
    {"posted in", K_NAV, 10, 2, S_NO},
    {"previous article", K_NAV, 15, 10, S_LEAD},
    {"previous post", K_NAV, 15, 15, S_ANY},
    {"previous story", K_NAV, 15, 10, S_LEAD},
    {"print", K_SHARE, 5, 1, S_NO},
    {"privacy policy", K_LEGAL, 20, 15, S_ANY},
    {"promoted", K_AD, 10, 3, S_NO},
    {"read also", K_READMORE, 15, 5, S_LEAD},
    {"read full story", K_READMORE, 15, 10, S_LEAD},
    {"read more", K_READMORE, 15, 10, S_LEAD},
    {"read next", K_READMORE, 15, 10, S_LEAD},
    {"reading time", K_NAV, 15, 10, S_LEAD},
    {"recommended", K_LIST, 10, 2, S_NO},
    {"reddit", K_SOCIAL, 5, 4, S_NO},
    {"redistribute", K_COPY, 15, 10, S_NO},
    {"redistributed", K_COPY, 15, 10, S_NO},
    {"redistribution", K_COPY, 15, 10, S_NO},
    {"related", K_LIST, 10, 2, S_NO},
    {"related articles", K_LIST, 20, 15, S_LEAD},
    {"related content", K_LIST, 20, 15, S_LEAD},
    {"related coverage", K_LIST, 20, 15, S_LEAD},
    {"related news", K_LIST, 20, 15, S_LEAD},
    {"related posts", K_LIST, 20, 15, S_LEAD},
    {"related stories", K_LIST, 20, 15, S_LEAD},
    {"related topics", K_TAGS, 20, 15, S_LEAD},
    {"reply", K_COMMENT, 8, 2, S_NO},
    {"reporting by", K_CREDIT, 20, 5, S_LEAD},
    {"reprinting", K_COPY, 10, 8, S_NO},
    {"reprints", K_COPY, 10, 5, S_NO},
    {"republication", K_COPY, 15, 15, S_NO},
    {"republish", K_COPY, 20, 15, S_NO},
    {"republished", K_COPY, 15, 15, S_NO},
    {"required fields", K_COMMENT, 15, 15, S_ANY},
    {"scroll to continue", K_AD, 20, 15, S_ANY},
    {"search", K_NAV, 8, 1, S_NO},
    {"see all", K_LIST, 15, 15, S_ANY},
    {"see also", K_READMORE, 15, 5, S_LEAD},
    {"see more", K_LIST, 15, 10, S_LEAD},
    {"share", K_SHARE, 15, 2, S_NO},
    {"share on", K_SHARE, 20, 8, S_LEAD},
    {"share this", K_SHARE, 20, 15, S_ANY},
    {"share to", K_SHARE, 20, 3, S_LEAD},
    {"share via", K_SHARE, 20, 15, S_ANY},
    {"show more", K_LIST, 15, 15, S_ANY},
    {"sign in", K_SUBSCRIBE, 10, 6, S_NO},
    {"sign up", K_SUBSCRIBE, 12, 8, S_NO},
    {"signup", K_SUBSCRIBE, 10, 8, S_NO},
    {"skip to", K_NAV, 20, 15, S_LEAD},
    {"skip to content", K_NAV, 20, 20, S_ANY},
    {"snapchat", K_SOCIAL, 6, 5, S_NO},
    {"social media", K_SOCIAL, 5, 5, S_NO},
    {"sponsored", K_AD, 15, 6, S_NO},
    {"sponsored content", K_AD, 20, 15, S_ANY},
    {"story continues below", K_AD, 20, 20, S_ANY},
    {"subscribe", K_SUBSCRIBE, 15, 10, S_NO},
    {"subscriber", K_SUBSCRIBE, 8, 3, S_NO},
    {"subscribers", K_SUBSCRIBE, 8, 3, S_NO},
    {"subscription", K_SUBSCRIBE, 10, 5, S_NO},
    {"support independent journalism", K_DONATE, 20, 15, S_LEAD},
    {"support our", K_DONATE, 8, 5, S_NO},
    {"support our journalism", K_DONATE, 20, 15, S_LEAD},
    {"support us", K_DONATE, 15, 10, S_LEAD},
    {"tagged", K_TAGS, 15, 5, S_LEAD},
    {"tags", K_TAGS, 20, 5, S_LEAD},
    {"telegram", K_SOCIAL, 6, 5, S_NO},
    {"terms and conditions", K_LEGAL, 20, 15, S_ANY},
    {"terms of service", K_LEGAL, 20, 15, S_ANY},
    {"terms of use", K_LEGAL, 20, 15, S_ANY},
    {"tiktok", K_SOCIAL, 6, 5, S_NO},
    {"to your inbox", K_SUBSCRIBE, 15, 15, S_NO},
    {"top stories", K_LIST, 15, 10, S_LEAD},
    {"topics", K_TAGS, 10, 2, S_NO},
    {"trending", K_NAV, 15, 5, S_LEAD},
    {"tweet", K_SHARE, 8, 3, S_NO},
    {"twitter", K_SOCIAL, 6, 5, S_NO},
    {"unsubscribe", K_SUBSCRIBE, 20, 15, S_ANY},
    {"use of materials", K_COPY, 15, 10, S_NO},
    {"using materials", K_COPY, 15, 10, S_NO},
    {"video", K_NAV, 5, 1, S_NO},
    {"view all", K_LIST, 15, 15, S_ANY},
    {"view comments", K_COMMENT, 20, 15, S_ANY},
    {"vote", K_POLL, 5, 2, S_NO},
    {"watch", K_READMORE, 8, 1, S_NO},
    {"whatsapp", K_SOCIAL, 6, 5, S_NO},
    {"will not be published", K_COMMENT, 15, 15, S_NO},
    {"written permission", K_COPY, 15, 12, S_NO},
    {"you may also like", K_LIST, 20, 20, S_ANY},
    {"you might also like", K_LIST, 20, 20, S_ANY},
    {"your email", K_SUBSCRIBE, 10, 8, S_NO},
    {"your support", K_DONATE, 7, 7, S_NO},
    {"youtube", K_SOCIAL, 5, 4, S_NO},
};
#define N_CUES (sizeof cues / sizeof cues[0])

/* English function words (jusText-style stop-word density). Sorted. */
static const char *const stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am",
    "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
    "being", "below", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "down", "during", "each", "even", "every", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
    "into", "is", "it", "it's", "its", "itself", "just", "many", "may", "me",
    "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now",
    "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
    "out", "over", "own", "said", "same", "says", "she", "should", "since",
    "so", "some", "such", "than", "that", "that's", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "though", "through",
    "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we",
    "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
    "your",
};
#define N_STOP (sizeof stopwords / sizeof stopwords[0])

/* Words that may surround a date in a date line, including a relative
 * time after it ("Updated 2 hours ago"). Sorted. */
static const char *const datewords[] = {
    "a.m", "ago", "am", "and", "apr", "april", "at", "aug", "august", "bst",
    "cdt", "cest", "cet", "cst", "date", "day", "days", "dec", "december",
    "edt", "est", "et", "feb", "february", "fri", "friday", "gmt", "hkt",
    "hour", "hours", "hr", "hrs", "ist", "jan", "january", "jst", "jul",
    "july", "jun", "june", "kst", "last", "mar", "march", "may", "mdt", "min",
    "mins", "minute", "minutes", "modified", "mon", "monday", "mst", "nov",
    "november", "oct", "october", "of", "on", "originally", "p.m", "pdt", "pm",
    "posted", "pst", "pt", "published", "sat", "saturday", "sep", "sept",
    "september", "sun", "sunday", "the", "thu", "thurs", "thursday", "time",
    "today", "tue", "tues", "tuesday", "updated", "utc", "wed", "wednesday",
    "week", "weeks", "yesterday",
};
#define N_DATEW (sizeof datewords / sizeof datewords[0])

/* Social networks, for "Follow <outlet> on <network>" pleas. Sorted. */
static const char *const networks[] = {
    "bluesky", "facebook", "instagram", "linkedin", "mastodon", "pinterest",
    "reddit", "snapchat", "telegram", "tiktok", "twitter", "whatsapp",
    "youtube",
};
#define N_NET (sizeof networks / sizeof networks[0])

/* Name particles allowed inside a byline name. */
static const char *const particles[] = {"&", "al", "and", "bin", "da", "de",
                                        "del", "der", "di", "du", "la", "le",
                                        "van", "von"};
#define N_PART (sizeof particles / sizeof particles[0])

/* Job titles that end a byline name ("By Jane Doe Staff Writer"). Sorted. */
static const char *const roles[] = {
    "bureau", "chief", "columnist", "contributing", "contributor",
    "correspondent", "editor", "photographer", "producer", "reporter",
    "senior", "special", "staff", "writer",
};
#define N_ROLE (sizeof roles / sizeof roles[0])

/* Words of newspaper names, cut from a byline name before a job title
 * ("By Jane Doe Herald staff writer"). Sorted. */
static const char *const mastheads[] = {
    "bulletin", "chronicle", "courier", "daily", "dispatch", "examiner",
    "gazette", "globe", "herald", "inquirer", "journal", "mail", "mirror",
    "monitor", "news", "observer", "post", "press", "record", "register",
    "review", "sentinel", "star", "telegraph", "times", "tribune", "wire",
};
#define N_MAST (sizeof mastheads / sizeof mastheads[0])

/* ------------------------------------------------------------- records */

typedef struct {
    size_t off, len; /* trimmed content of the line in the input */
    size_t no;       /* 1-based line number */
} tc_line;

typedef struct {
    size_t off, len;      /* in the analysed text */
    char fold[FOLD_MAX];  /* lowercase ASCII form ("" when too long) */
    bool cap, digit;
} tc_word;

typedef struct {
    size_t first;    /* lines[first .. first + nlines) */
    uint32_t nlines;

    /* features (counts saturate) */
    uint32_t words, stops, cps, caps;
    signed char shape;
    bool term : 1, trunc : 1, qmark : 1, list : 1, credit : 1, photo_credit : 1;
    bool url : 1, email : 1, colon_end : 1;

    /* verdict */
    bool bad : 1, hard : 1, soft : 1, terminal : 1, listhead : 1, capcand : 1;
    bool crumb : 1;      /* bad only for its "Label: a, b / c" shape */
    bool colon_list : 1; /* a row of the list or table a "…:" lead-in opens */
    signed char cat;
    const char *reason;

    /* roles; the byline name is text[name_off .. name_off + name_len);
     * bare: a byline that is only a name next to a date line */
    bool byline : 1, bare : 1, date : 1, title : 1;
    uint32_t name_len;
    size_t name_off;
    char when[11];

    /* repetition */
    uint64_t hash;
    size_t dup_of;      /* index + 1 of the first occurrence, 0 when first */
    uint32_t dup_count;

    /* decision */
    bool keep : 1, listdrop : 1;
} tc_unit;

static uint32_t sat32(size_t v) { return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v; }

/* s[0..len) cut to at most max bytes on a code point boundary. */
static uint32_t cut_len(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return sat32(len);
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return sat32(max);
}

typedef struct {
    tc_word *w;
    size_t n, total; /* stored words, all words */
} tc_words;

/* ---------------------------------------------------------- small utils */

static int cmp_str(const void *a, const void *b)
{
    return cd_strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in_list(const char *const *list, size_t n, const char *w)
{
    if (!w[0])
        return false;
    return bsearch(&w, list, n, sizeof *list, cmp_str) != NULL;
}

static bool is_stop(const char *w) { return in_list(stopwords, N_STOP, w); }

static uint32_t decode_at(const char *s, size_t len, size_t i, size_t *adv)
{
    uint32_t cp;
    bool ok;
    *adv = cd_utf8_decode((const unsigned char *)s + i, len - i, &cp, &ok);
    if (*adv == 0)
        *adv = 1;
    return cp;
}

/* The code point ending at s[end) (end > 0), and its start in *start. */
static uint32_t decode_before(const char *s, size_t end, size_t *start)
{
    size_t i = end - 1;
    size_t lim = end >= 4 ? end - 4 : 0;
    while (i > lim && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t adv;
    uint32_t cp = decode_at(s, end, i, &adv);
    if (i + adv != end) { /* not a clean sequence: take the last byte */
        i = end - 1;
        cp = (unsigned char)s[i];
    }
    *start = i;
    return cp;
}

static bool cp_alnum(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

static bool cp_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool cp_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

static bool cp_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == '\r' ||
           cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

static bool cp_term(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF01 ||
           cp == 0xFF1F || cp == 0xFF0E || cp == 0x061F || cp == 0x06D4 ||
           cp == 0x0964 || cp == 0x203C || cp == 0x2049;
}

static bool cp_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
           cp == 0x2019 || cp == 0x00BB || cp == 0x203A || cp == 0x300D ||
           cp == 0x300F || cp == 0xFF09;
}

static bool cp_apos(uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

/* Trim white space (ASCII, NBSP and other spaces) from both ends. */
static void trim(const char *s, size_t *off, size_t *len)
{
    size_t a = *off, b = *off + *len;
    while (a < b) {
        size_t adv;
        uint32_t cp = decode_at(s, b, a, &adv);
        if (!cp_space(cp))
            break;
        a += adv;
    }
    while (b > a) {
        size_t st;
        uint32_t cp = decode_before(s, b, &st);
        if (!cp_space(cp))
            break;
        b = st;
    }
    *off = a;
    *len = b - a;
}

/* Length of a leading bullet or list number ("• ", "- ", "12. ", "3) "),
 * 0 when there is none. */
static size_t bullet_len(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0)
        return 0;
    if (s[0] >= '0' && s[0] <= '9') {
        while (i < len && i < 3 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i < len && (s[i] == '.' || s[i] == ')') && i + 1 < len &&
            (s[i + 1] == ' ' || s[i + 1] == '\t'))
            return i + 2;
        return 0;
    }
    size_t adv;
    uint32_t cp = decode_at(s, len, 0, &adv);
    bool mark = cp == '-' || cp == '*' || cp == '+' || cp == 0x2022 ||
                cp == 0x00B7 || cp == 0x25AA || cp == 0x25CF || cp == 0x25E6 ||
                cp == 0x25BA || cp == 0x2023 || cp == 0x2013 || cp == 0x2014 ||
                cp == 0x25B8 || cp == 0x27A4 || cp == 0x2043;
    if (!mark)
        return 0;
    i = adv;
    size_t j = i;
    while (j < len && (s[j] == ' ' || s[j] == '\t'))
        j++;
    if (j == i && cp != 0x2022 && cp != 0x00B7)
        return 0; /* "-5" or "*bold*" is not a bullet */
    return j;
}

/* ------------------------------------------------------- word analysis */

/* Split s[0..len) into words (letters, digits, marks, with inner
 * apostrophes, hyphens and periods). Stores up to MAX_WORDS. */
static void split_words(const char *s, size_t len, tc_words *out)
{
    out->n = 0;
    out->total = 0;
    size_t i = 0;
    while (i < len) {
        size_t adv;
        uint32_t cp = decode_at(s, len, i, &adv);
        if (!cp_alnum(cp)) {
            i += adv;
            continue;
        }
        size_t start = i;
        bool cap = cp_upper(cp), digit = cp >= '0' && cp <= '9';
        char fold[FOLD_MAX];
        size_t fl = 0;
        bool fold_ok = true;
        uint32_t prev = 0;
        while (i < len) {
            cp = decode_at(s, len, i, &adv);
            bool take = cp_alnum(cp);
            uint32_t fc = cp;
            if (!take && (cp_apos(cp) || cp == '-' || cp == '.' ||
                          (cp == ',' && prev >= '0' && prev <= '9'))) {
                size_t adv2 = 0;
                uint32_t nx = i + adv < len ? decode_at(s, len, i + adv, &adv2) : 0;
                bool prev_al = cp_alnum(prev), next_al = nx && cp_alnum(nx);
                if (cp == '.')
                    take = prev_al && next_al && !(prev >= '0' && prev <= '9' && !(nx >= '0' && nx <= '9'));
                else
                    take = prev_al && next_al;
                if (cp_apos(cp))
                    fc = '\'';
            }
            if (!take)
                break;
            if (fold_ok) {
                if (fc < 0x80) {
                    if (fl + 1 >= FOLD_MAX)
                        fold_ok = false;
                    else
                        fold[fl++] = (char)((fc >= 'A' && fc <= 'Z') ? fc + 32 : fc);
                } else if (fl + adv >= FOLD_MAX) {
                    fold_ok = false;
                } else {
                    memcpy(fold + fl, s + i, adv);
                    fl += adv;
                }
            }
            prev = cp;
            i += adv;
        }
        out->total++;
        if (out->n < MAX_WORDS) {
            tc_word *w = &out->w[out->n++];
            w->off = start;
            w->len = i - start;
            w->cap = cap;
            w->digit = digit;
            if (fold_ok) {
                memcpy(w->fold, fold, fl);
                w->fold[fl] = '\0';
            } else {
                w->fold[0] = '\0';
            }
        }
    }
}

/* Compare a folded word with the first word of a cue phrase. */
static int cmp_first(const char *w, const char *phrase)
{
    size_t i = 0;
    for (;; i++) {
        unsigned char a = (unsigned char)w[i];
        unsigned char b = (unsigned char)phrase[i];
        if (b == ' ')
            b = '\0';
        if (a != b)
            return a < b ? -1 : 1;
        if (a == '\0')
            return 0;
    }
}

/* Does the cue phrase match words w[i..]? Returns the number of words. */
static size_t match_phrase(const tc_words *ws, size_t i, const char *phrase)
{
    size_t k = 0;
    const char *p = phrase;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t pl = e ? (size_t)(e - p) : strlen(p);
        if (i + k >= ws->n)
            return 0;
        const char *f = ws->w[i + k].fold;
        if (strlen(f) != pl || memcmp(f, p, pl) != 0)
            return 0;
        k++;
        p += pl;
        if (*p == ' ')
            p++;
    }
    return k;
}

typedef struct {
    double score;
    double by_cat[K_NCAT];
    size_t covered;
    bool strong, colon_lead;
} cue_result;

static void score_cues(const char *s, size_t len, const tc_words *ws, cue_result *r)
{
    memset(r, 0, sizeof *r);
    size_t cover_until = 0;
    for (size_t i = 0; i < ws->n; i++) {
        const char *f = ws->w[i].fold;
        if (!f[0])
            continue;
        size_t lo = 0, hi = N_CUES;
        while (lo < hi) { /* first cue whose first word >= f */
            size_t mid = (lo + hi) / 2;
            if (cmp_first(f, cues[mid].phrase) > 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        const cue *best = NULL;
        size_t best_k = 0;
        for (size_t c = lo; c < N_CUES && cmp_first(f, cues[c].phrase) == 0; c++) {
            size_t k = match_phrase(ws, i, cues[c].phrase);
            if (k > best_k) {
                best_k = k;
                best = &cues[c];
            }
        }
        if (!best)
            continue;
        bool lead = i == 0;
        double wgt = (lead ? best->lead : best->mid) / 10.0;
        if ((best->strong == S_ANY) || (best->strong == S_LEAD && lead))
            r->strong = true;
        if (lead) {
            const tc_word *last = &ws->w[best_k - 1];
            size_t e = last->off + last->len;
            while (e < len && (s[e] == ' ' || s[e] == '\t'))
                e++;
            if (e < len && s[e] == ':') { /* a label: "Watch: …", "Tags: …" */
                r->colon_lead = true;
                wgt += 0.5;
            }
        }
        r->score += wgt;
        r->by_cat[best->cat] += wgt;
        size_t end = i + best_k;
        size_t from = i > cover_until ? i : cover_until;
        if (end > from)
            r->covered += end - from;
        if (end > cover_until)
            cover_until = end;
    }
    /* "More World News", "More from Business": a bare list heading. */
    if (ws->n >= 2 && ws->n <= 5 && strcmp(ws->w[0].fold, "more") == 0) {
        const char *l = ws->w[ws->n - 1].fold;
        if (!strcmp(l, "news") || !strcmp(l, "stories") || !strcmp(l, "videos") ||
            !strcmp(l, "headlines") || !strcmp(l, "articles") || !strcmp(l, "coverage")) {
            r->score += 1.5;
            r->by_cat[K_LIST] += 1.5;
            r->covered = ws->n;
            r->strong = true;
        }
    }
    /* "Follow The Daily Bugle on Telegram and X": a short line that starts
     * with "follow" and names a social network. */
    if (ws->n >= 3 && ws->n <= 12 && strcmp(ws->w[0].fold, "follow") == 0) {
        for (size_t i = 1; i < ws->n; i++) {
            if (in_list(networks, N_NET, ws->w[i].fold)) {
                r->score += 1.5;
                r->by_cat[K_SOCIAL] += 1.5;
                r->strong = true;
                break;
            }
        }
    }
}

/* Whitespace-separated tokens: links, e-mail addresses, @handles, ©. */
typedef struct {
    size_t url, domain, email, handle, hashtag, copy, seps, maxtok;
} tok_result;

static bool domain_like(const char *t, size_t n)
{
    static const char *const tlds[] = {"com", "org", "net", "gov", "edu", "io",
                                       "co", "uk", "tv", "info", "news", "us"};
    /* strip trailing punctuation */
    while (n > 0 && (t[n - 1] == '.' || t[n - 1] == ',' || t[n - 1] == ')' ||
                     t[n - 1] == '/'))
        n--;
    for (size_t i = n; i > 1; i--) {
        if (t[i - 1] == '.') {
            size_t tl = n - i;
            if (!((t[i - 2] >= 'a' && t[i - 2] <= 'z') || (t[i - 2] >= 'A' && t[i - 2] <= 'Z') ||
                  (t[i - 2] >= '0' && t[i - 2] <= '9')))
                return false;
            for (size_t k = 0; k < sizeof tlds / sizeof tlds[0]; k++) {
                if (strlen(tlds[k]) == tl) {
                    bool eq = true;
                    for (size_t j = 0; j < tl; j++) {
                        char c = t[i + j];
                        if (c >= 'A' && c <= 'Z')
                            c = (char)(c + 32);
                        if (c != tlds[k][j])
                            eq = false;
                    }
                    if (eq)
                        return true;
                }
            }
            return false;
        }
        if (t[i - 1] == '/')
            n = i - 1; /* domain/path: look at the host part */
    }
    return false;
}

static void scan_tokens(const char *s, size_t len, tok_result *r)
{
    memset(r, 0, sizeof *r);
    size_t i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t a = i;
        while (i < len && s[i] != ' ' && s[i] != '\t')
            i++;
        size_t n = i - a;
        if (n == 0)
            continue;
        if (n > r->maxtok)
            r->maxtok = n;
        const char *t = s + a;
        if (n == 1 && (t[0] == '|' || t[0] == '/' || t[0] == '>'))
            r->seps++;
        else if ((n == 2 && (unsigned char)t[0] == 0xC2 &&
                  ((unsigned char)t[1] == 0xBB || (unsigned char)t[1] == 0xB7)) ||
                 (n == 3 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
                  ((unsigned char)t[2] == 0xBA || (unsigned char)t[2] == 0xA2)))
            r->seps++;
        if (n >= 2 && (unsigned char)t[0] == 0xC2 && (unsigned char)t[1] == 0xA9)
            r->copy++;
        else if (n >= 3 && t[0] == '(' && (t[1] == 'c' || t[1] == 'C') && t[2] == ')')
            r->copy++;
        if (n >= 2 && t[0] == '@' && ((t[1] >= 'A' && t[1] <= 'Z') || (t[1] >= 'a' && t[1] <= 'z') ||
                                      (t[1] >= '0' && t[1] <= '9') || t[1] == '_')) {
            r->handle++;
            continue;
        }
        if (n >= 2 && t[0] == '#' && ((t[1] >= 'A' && t[1] <= 'Z') || (t[1] >= 'a' && t[1] <= 'z'))) {
            r->hashtag++;
            continue;
        }
        size_t at = 0;
        bool dot_after = false;
        for (size_t k = 1; k < n; k++) {
            if (t[k] == '@' && !at)
                at = k;
            else if (t[k] == '.' && at && k + 1 < n)
                dot_after = true;
        }
        if (at && dot_after) {
            r->email++;
            continue;
        }
        bool url = false;
        for (size_t k = 0; k + 3 <= n && !url; k++)
            if (t[k] == ':' && t[k + 1] == '/' && t[k + 2] == '/')
                url = true;
        if (url || (n > 4 && (t[0] == 'w' || t[0] == 'W') && (t[1] == 'w' || t[1] == 'W') &&
                    (t[2] == 'w' || t[2] == 'W') && t[3] == '.')) {
            r->url++;
            continue;
        }
        if (n >= 4 && domain_like(t, n))
            r->domain++;
    }
}

/* ------------------------------------------------------------ features */

typedef struct {
    tc_words words;
    cd_buf join; /* text of multi-line units */
    cd_buf norm; /* normalised text for hashing */
} tc_scratch;

/* The analysed text of a unit: the line itself, or its lines joined by
 * one space. */
static const char *unit_text(const char *text, const tc_line *lines, const tc_unit *u,
                             tc_scratch *sc, size_t *len)
{
    const tc_line *l = &lines[u->first];
    if (u->nlines == 1) {
        *len = l->len;
        return text + l->off;
    }
    sc->join.len = 0;
    for (size_t k = 0; k < u->nlines; k++) {
        if (k)
            cd_buf_putc(&sc->join, ' ');
        cd_buf_append(&sc->join, text + l[k].off, l[k].len);
    }
    *len = sc->join.len;
    return sc->join.data;
}

/* Analyse the end of s[0..len): sentence punctuation, "..." teasers, a
 * trailing credit "(AP Photo/…)". */
static void analyse_end(const char *s, size_t len, tc_unit *u)
{
    size_t end = len;
    /* trailing credit in parentheses */
    if (end > 2 && s[end - 1] == ')') {
        size_t k = end - 1, lim = end > 80 ? end - 80 : 0;
        while (k > lim && s[k - 1] != '(' && s[k - 1] != ')')
            k--;
        if (k > lim && s[k - 1] == '(' && k >= 2) {
            size_t open = k - 1;
            const char *in = s + k;
            size_t inlen = end - 1 - k;
            size_t words = 0, capw = 0;
            bool photo = false, slash = false;
            for (size_t j = 0; j < inlen; j++) {
                if (j == 0 || in[j - 1] == ' ' || in[j - 1] == '-' || in[j - 1] == '/') {
                    if (in[j] != ' ') {
                        words++;
                        if (in[j] >= 'A' && in[j] <= 'Z')
                            capw++;
                    }
                }
                if (in[j] == '/')
                    slash = true;
            }
            static const char *const pw[] = {"photo", "Photo", "PHOTO", "image", "Image",
                                             "Getty", "getty", "file", "File", "courtesy",
                                             "Courtesy", "handout", "Handout", "credit",
                                             "Credit", "illustration", "Illustration"};
            for (size_t p = 0; p < sizeof pw / sizeof pw[0]; p++) {
                size_t pl = strlen(pw[p]);
                for (size_t j = 0; j + pl <= inlen && !photo; j++)
                    if (memcmp(in + j, pw[p], pl) == 0)
                        photo = true;
            }
            size_t b = open;
            while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
                b--;
            bool before_term = false;
            if (b > 0) {
                size_t st;
                uint32_t cp = decode_before(s, b, &st);
                while (cp_closer(cp) && st > 0)
                    cp = decode_before(s, st, &st);
                before_term = cp_term(cp);
            }
            bool credit_shape = words >= 1 && words <= 6 && capw == words && inlen <= 60;
            if ((credit_shape && (before_term || photo || slash)) ||
                (photo && words <= 8)) {
                u->credit = true;
                u->photo_credit = photo || slash;
                end = b;
            }
        }
    }
    /* strip closing quotes and brackets */
    size_t e = end;
    uint32_t cp = 0;
    size_t st = e;
    while (e > 0) {
        cp = decode_before(s, e, &st);
        if (!cp_closer(cp) && cp != '*')
            break;
        e = st;
    }
    if (e == 0)
        return;
    if (cp == 0x2026 || (e >= 3 && s[e - 1] == '.' && s[e - 2] == '.' && s[e - 3] == '.')) {
        u->trunc = true;
        return;
    }
    if (cp_term(cp)) {
        u->term = true;
        u->qmark = cp == '?' || cp == '!';
    }
    if (cp == ':')
        u->colon_end = true;
}

/* A photo credit printed without brackets after a caption sentence:
 * "… on Tuesday. Jane Doe/Agency", "… 2026. Agency/Jane Doe", "… in 2019.
 * Getty Images". Up to six capitalised words (and name particles, "via")
 * after the final punctuation of a sentence, joined by a slash or holding a
 * photo word. Returns where the sentence before the credit ends, or len
 * when there is none. */
static size_t tail_credit(const char *s, size_t len, const tc_words *ws)
{
    static const char *const photo[] = {"courtesy", "getty", "handout", "images",
                                        "photo", "photograph", "photos",
                                        "shutterstock"};
    if (ws->n != ws->total || ws->n < 5)
        return len;
    size_t e = len;
    if (s[e - 1] == '.')
        e--; /* "… Jane Doe/Agency." */
    const tc_word *lw = &ws->w[ws->n - 1];
    if (lw->off + lw->len != e)
        return len;
    bool slash = false, mark = false;
    for (size_t i = ws->n; i-- > 3 && ws->n - i <= 6;) {
        const tc_word *w = &ws->w[i];
        if (!w->cap && !in_list(particles, N_PART, w->fold) && strcmp(w->fold, "via"))
            return len;
        for (size_t k = 0; k < sizeof photo / sizeof photo[0]; k++)
            if (!strcmp(w->fold, photo[k]))
                mark = true;
        /* the gap before the word: spaces and at most one slash go on */
        size_t g = ws->w[i - 1].off + ws->w[i - 1].len, slashes = 0;
        bool blank = true;
        for (size_t j = g; j < w->off; j++) {
            if (s[j] == '/')
                slashes++;
            else if (s[j] != ' ' && s[j] != '\t')
                blank = false;
        }
        if (blank && slashes <= 1) {
            slash = slash || slashes == 1;
            continue;
        }
        /* the gap must end a sentence: ". ", ".” " */
        size_t b = w->off;
        while (b > g && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (b == w->off || b == g || len - w->off > 60 || !(slash || mark))
            return len;
        size_t st;
        uint32_t cp = decode_before(s, b, &st);
        while (cp_closer(cp) && st > g)
            cp = decode_before(s, st, &st);
        return cp_term(cp) ? b : len;
    }
    return len;
}

/* "Label: a / b" navigation crumbs. */
static bool colon_crumb(const char *s, size_t len, const tc_words *ws, bool term)
{
    if (term)
        return false;
    const char *c = memchr(s, ':', len);
    if (!c)
        return false;
    size_t cpos = (size_t)(c - s);
    size_t label = 0, after = 0;
    for (size_t i = 0; i < ws->n; i++) {
        if (ws->w[i].off < cpos)
            label++;
        else
            after++;
    }
    if (label == 0 || label > 3 || after == 0 || after > 8)
        return false;
    /* items separated by slashes, bars or arrows; by commas only when
     * every item is short ("Topics: Floods, Europe"), not a headline's
     * clause ("Dam fails: 12 dead, dozens missing as floodwater …") */
    bool sep = false, comma = false;
    for (size_t i = cpos + 1; i < len; i++) {
        if (s[i] == '/' || s[i] == '|' || s[i] == '>')
            sep = true;
        else if (s[i] == ',')
            comma = true;
    }
    size_t item = 0, longest = 0;
    for (size_t i = label; i < ws->n; i++) {
        if (i > label && memchr(s + ws->w[i - 1].off + ws->w[i - 1].len, ',',
                                ws->w[i].off - ws->w[i - 1].off - ws->w[i - 1].len))
            item = 0;
        if (++item > longest)
            longest = item;
    }
    if (sep || (comma && longest <= 4))
        return true;
    static const char *const labels[] = {"categories", "category", "filed", "posted",
                                         "section", "sections", "tagged", "tags",
                                         "topic", "topics", "under"};
    const char *last = ws->w[label - 1].fold;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
        if (!strcmp(last, labels[k]))
            return true;
    return false;
}

/* Image captions: "Image: Nick Moreau.", "Photo: …", "… Image: A / B." */
static bool caption_marker(const char *s, size_t len, const tc_words *ws)
{
    static const char *const marks[] = {"audio", "caption", "credit", "credits",
                                        "illustration", "image", "photo",
                                        "photograph", "picture", "pictured"};
    if (ws->total > 45)
        return false;
    for (size_t i = 0; i < ws->n; i++) {
        const tc_word *w = &ws->w[i];
        size_t e = w->off + w->len;
        if (e >= len || s[e] != ':')
            continue;
        bool mark = false;
        for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
            if (!strcmp(w->fold, marks[k]))
                mark = true;
        if (!mark)
            continue;
        if (i == 0)
            return true;
        /* mid-line marker: only a short credit may follow it */
        if (ws->n - i - 1 <= 6 && ws->n == ws->total)
            return true;
    }
    return false;
}

static bool is_dateword(const char *f)
{
    if (in_list(datewords, N_DATEW, f))
        return true;
    /* ordinals 12th, and numbers */
    for (const char *p = f; *p; p++)
        if (*p >= '0' && *p <= '9')
            return true;
    return false;
}

/* A line made only of a date or time and words that go with them; or a
 * short unpunctuated line with a date and at most three other words
 * ("Sept. 13, 2023 · 4 min read"). */
static bool date_line(const char *s, size_t len, const tc_words *ws, bool term,
                      char when[11])
{
    if (ws->total == 0 || ws->total > 14 || ws->n != ws->total)
        return false;
    size_t other = 0;
    for (size_t i = 0; i < ws->n; i++)
        if (!is_dateword(ws->w[i].fold))
            other++;
    if (other > 0) {
        if (other > 3 || term || ws->total > 10 || !cd_date_find(s, len, when)) {
            when[0] = '\0';
            return false;
        }
        return true;
    }
    if (cd_date_find(s, len, when))
        return true;
    when[0] = '\0';
    /* a bare time "12:16 PM ET" with a date word */
    bool colon_time = false;
    for (size_t i = 1; i + 1 < len; i++)
        if (s[i] == ':' && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
            colon_time = true;
    return colon_time;
}

/* Is word w of s written in capitals ("OSEI", not "Osei" or "I")? */
static bool all_caps(const char *s, const tc_word *w)
{
    size_t letters = 0;
    for (size_t i = w->off; i < w->off + w->len;) {
        size_t adv;
        uint32_t cp = decode_at(s, w->off + w->len, i, &adv);
        if (cp_lower(cp))
            return false;
        if (cp_upper(cp))
            letters++;
        i += adv;
    }
    return letters >= 2;
}

/* "By Jane Doe", "by Julia Mueller - 06/12/23 12:16 PM ET", "Written by X",
 * "Author: X". The name is s[*name_off .. *name_off + *name_len). */
static bool byline_line(const char *s, size_t len, const tc_words *ws, bool term,
                        size_t *name_off, size_t *name_len)
{
    *name_len = 0;
    if (ws->n < 2 || ws->total > 22 || ws->n != ws->total)
        return false;
    size_t k = 0;
    const char *w0 = ws->w[0].fold;
    if (!strcmp(w0, "by")) {
        k = 1;
    } else if ((!strcmp(w0, "written") || !strcmp(w0, "words") || !strcmp(w0, "story") ||
                !strcmp(w0, "text") || !strcmp(w0, "posted")) &&
               !strcmp(ws->w[1].fold, "by")) {
        k = 2;
    } else if ((!strcmp(w0, "author") || !strcmp(w0, "authors") || !strcmp(w0, "byline")) &&
               ws->w[0].off + ws->w[0].len < len && s[ws->w[0].off + ws->w[0].len] == ':') {
        k = 1;
    } else {
        return false;
    }
    if (ws->w[0].off > 2)
        return false;
    size_t first = k, last = k, role = 0;
    size_t names = 0;
    for (size_t i = k; i < ws->n; i++) {
        const tc_word *w = &ws->w[i];
        if (i > k) {
            /* the gap since the previous word: only spaces, periods of
             * initials and apostrophes keep the name going */
            const tc_word *p = &ws->w[i - 1];
            bool cont = true;
            for (size_t j = p->off + p->len; j < w->off; j++) {
                char c = s[j];
                if (c != ' ' && c != '.' && c != '\t')
                    cont = false;
            }
            if (!cont)
                break;
        }
        if (w->digit)
            break;
        bool part = in_list(particles, N_PART, w->fold);
        bool job = names > 0 && in_list(roles, N_ROLE, w->fold);
        if (!w->cap && !part && !job)
            break;
        if (!strcmp(w->fold, "published") || !strcmp(w->fold, "updated") ||
            !strcmp(w->fold, "posted"))
            break;
        if (job && !role)
            role = i;
        if (!part && !role)
            names++;
        last = i;
        if (names > 6)
            return false;
    }
    if (names == 0)
        return false;
    while (last > first && in_list(particles, N_PART, ws->w[last].fold))
        last--;
    /* A sentence ("By Tuesday, the talks had stalled.") is not a byline. */
    if (term && ws->total > last + 1)
        return false;
    /* The name ends before a job title and the newspaper's name in front
     * of it ("Jane Doe Herald staff writer"), and where a name in capitals
     * does ("JANE DOE Herald"). */
    if (role)
        last = role - 1;
    size_t upper = 0, i = first;
    for (; i <= last; i++) {
        if (in_list(particles, N_PART, ws->w[i].fold))
            continue;
        if (!all_caps(s, &ws->w[i]))
            break;
        upper++;
    }
    if (upper >= 2 && i <= last)
        last = i - 1;
    while (last > first && (in_list(particles, N_PART, ws->w[last].fold) ||
                            (role && in_list(mastheads, N_MAST, ws->w[last].fold))))
        last--;
    size_t a = ws->w[first].off;
    size_t b = ws->w[last].off + ws->w[last].len;
    if (b < len && s[b] == '.' && ws->w[last].len == 1)
        b++; /* initial */
    *name_off = a;
    *name_len = b - a;
    return true;
}

/* Compute features and the first verdict of unit u. */
static void analyse_unit(const char *text, const tc_line *lines, tc_unit *u,
                         tc_scratch *sc, int mode)
{
    size_t len;
    const char *s = unit_text(text, lines, u, sc, &len);
    size_t bl = bullet_len(s, len);
    if (bl) {
        u->list = true;
        s += bl;
        len -= bl;
    }
    tc_words *ws = &sc->words;
    split_words(s, len, ws);
    u->words = sat32(ws->total);
    u->cps = sat32(cd_utf8_count(s, len));
    size_t stops = 0, caps = 0;
    for (size_t i = 0; i < ws->n; i++) {
        if (is_stop(ws->w[i].fold))
            stops++;
        if (ws->w[i].cap)
            caps++;
    }
    if (ws->total > ws->n && ws->n) /* extrapolate over unstored words */
        stops = (size_t)((double)stops * (double)ws->total / (double)ws->n);
    u->stops = sat32(stops);
    u->caps = sat32(caps);
    size_t sent_end = tail_credit(s, len, ws);
    if (sent_end < len)
        u->credit = u->photo_credit = true;
    analyse_end(s, sent_end, u);
    tok_result tk;
    scan_tokens(s, len, &tk);
    u->url = tk.url > 0;
    u->email = tk.email > 0;

    /* shape: a lead-in ending with a colon counts as a sentence */
    double dens = u->words ? (double)u->stops / (double)u->words : 0.0;
    bool sent = u->term || (u->colon_end && u->words >= 6);
    if (mode == MODE_SHORT) {
        if (sent && (u->words >= 5 || u->cps >= 30))
            u->shape = SH_GOOD;
        else if (!sent && !u->list && !u->trunc && u->cps >= 100)
            u->shape = SH_GOOD;
        else
            u->shape = sent ? SH_NEAR : SH_SHORT;
    } else if (mode == MODE_FOREIGN) {
        if (sent && u->cps >= 50)
            u->shape = SH_GOOD;
        else if (!sent && !u->list && !u->trunc && u->cps >= 150)
            u->shape = SH_GOOD;
        else
            u->shape = sent ? SH_NEAR : SH_SHORT;
    } else {
        if (sent && u->words >= 8 && u->cps >= 70 && u->stops >= 1 && dens >= 0.08)
            u->shape = SH_GOOD;
        else if (!sent && !u->list && !u->trunc && u->words >= 20 && dens >= 0.30)
            u->shape = SH_GOOD;
        else
            u->shape = sent ? SH_NEAR : SH_SHORT;
    }
    if (u->credit)
        u->capcand = true;

    /* roles that go to the metadata */
    size_t noff, nlen;
    if (u->nlines == 1 && byline_line(s, len, ws, u->term, &noff, &nlen)) {
        u->byline = true;
        u->name_off = (size_t)(s - text) + noff;
        u->name_len = cut_len(text + u->name_off, nlen, 120);
        cd_date_find(s, len, u->when);
        return;
    }
    if (date_line(s, len, ws, u->term, u->when)) {
        u->date = true;
        return;
    }

    /* verdicts */
    if (caption_marker(s, len, ws) || (u->credit && u->photo_credit)) {
        u->bad = u->hard = u->soft = true;
        u->cat = K_CAPTION;
        u->reason = "caption";
        return;
    }
    cue_result cr;
    score_cues(s, len, ws, &cr);
    double link = 0.0;
    link += 1.5 * (double)(tk.url + tk.email);
    link += 0.7 * (double)tk.domain;
    cr.score += link;
    cr.by_cat[K_LINK] += link;
    if (tk.handle) {
        cr.score += 1.0 * (double)tk.handle;
        cr.by_cat[K_SOCIAL] += 1.0 * (double)tk.handle;
    }
    if (tk.hashtag) {
        cr.score += 0.5 * (double)tk.hashtag;
        cr.by_cat[K_SOCIAL] += 0.5 * (double)tk.hashtag;
    }
    if (tk.copy) {
        cr.score += 2.5;
        cr.by_cat[K_COPY] += 2.5;
        cr.strong = true;
    }
    /* A sentence-shaped notice printed twice is boilerplate. */
    if (cr.score > 0 && u->dup_count >= 2 && u->term && u->words >= 5)
        cr.score += 1.5;
    double words = (double)(u->words ? u->words : 1);
    double thr = 1.0 + (words > 6 ? (words - 6) / 15.0 : 0.0);
    bool navline = colon_crumb(s, len, ws, u->term) ||
                   (tk.seps >= 2 && !u->term && u->words <= 4 * (tk.seps + 1));
    /* a comment header: "Jane on June 12, 2023 at 4:47 pm said:", "Bob says:" */
    if (u->colon_end && ws->n >= 2 && ws->n <= 16) {
        const char *l = ws->w[ws->n - 1].fold;
        char tmp[11];
        if ((!strcmp(l, "said") || !strcmp(l, "says") || !strcmp(l, "wrote")) &&
            (ws->n <= 4 || cd_date_find(s, len, tmp))) {
            u->bad = u->hard = u->terminal = true;
            u->cat = K_COMMENT;
            u->reason = "comment";
            return;
        }
    }
    /* a short line of nothing but cue words ("Search", "Next Post") */
    if (cr.score > 0 && cr.covered == u->words && u->words <= 3 && !u->term)
        cr.score = thr > cr.score ? thr : cr.score;
    if (cr.score >= thr) {
        int best = K_NONE;
        for (int c = 1; c < K_NCAT; c++)
            if (cr.by_cat[c] > cr.by_cat[best])
                best = c;
        u->bad = true;
        u->cat = best;
        u->reason = cat_reason[best];
        u->hard = cr.strong || cr.colon_lead || 2 * cr.covered >= (size_t)u->words ||
                  cr.score >= thr + 1.0 || navline;
        if (best == K_READMORE && cr.colon_lead && ws->n > 2)
            u->hard = true;
        u->soft = best == K_AD || best == K_CAPTION || best == K_READMORE;
        u->terminal = u->hard && ((best == K_COPY && (cr.strong || u->words >= 5)) ||
                                  (best == K_COMMENT && cr.strong));
        bool bare = !u->term && (2 * cr.covered >= (size_t)u->words || cr.colon_lead) &&
                    u->words <= 8 && !(cr.colon_lead && ws->n > cr.covered + 1);
        u->listhead = bare && (best == K_LIST || best == K_READMORE);
        if (u->listhead && best == K_READMORE)
            u->soft = false;
        return;
    }
    if (navline) {
        u->bad = u->hard = u->crumb = true;
        u->cat = K_NAV;
        u->reason = "navigation";
        return;
    }
    if (u->trunc && u->words <= 60) {
        u->bad = u->hard = true;
        u->cat = K_LIST;
        u->reason = "teaser";
        return;
    }
    if (mode != MODE_FOREIGN && !u->term && u->words >= 8 && u->stops == 0 &&
        (size_t)u->caps * 5 >= (size_t)u->words * 4) {
        u->bad = u->hard = true;
        u->cat = K_TAGS;
        u->reason = "tag list";
        return;
    }
    if (tk.maxtok > 120 && len / ((size_t)u->words + 1) > 40) {
        u->bad = u->hard = true;
        u->reason = "not text";
        return;
    }
}

/* ------------------------------------------------------------ the lines */

/* The non-blank lines of text, at most MAX_LINES of them; *rest gets the
 * offset where examination stopped (len when everything was read) and
 * *rest_no the number of the line starting there. */
static void split_lines(const char *text, size_t len, tc_line **out, size_t *n,
                        size_t *rest, size_t *rest_no)
{
    size_t cap = 64, cnt = 0;
    tc_line *v = cd_xmalloc(cap * sizeof *v);
    size_t i = 0, no = 0;
    while (i < len && cnt < MAX_LINES) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        no++;
        size_t off = i, l = e - i;
        trim(text, &off, &l);
        i = nl ? e + 1 : len;
        if (l == 0)
            continue; /* blank lines are only gaps in the numbering */
        if (cnt == cap) {
            cap *= 2;
            v = cd_xrealloc(v, cap * sizeof *v);
        }
        v[cnt].off = off;
        v[cnt].len = l;
        v[cnt].no = no;
        cnt++;
    }
    *out = v;
    *n = cnt;
    *rest = i;
    *rest_no = no + 1;
}

/* Does line a (of a block) continue into line b as a hard-wrapped
 * paragraph? */
static bool wraps_into(const char *text, const tc_line *a, const tc_line *b,
                       size_t block_max)
{
    if (a->len < 40 || a->len * 10 < block_max * 6)
        return false;
    if (bullet_len(text + b->off, b->len) || bullet_len(text + a->off, a->len))
        return false;
    /* "by Jane Doe" under a headline is a byline, not a continuation */
    if (b->len > 4 && text[b->off] == 'b' && text[b->off + 1] == 'y' &&
        text[b->off + 2] == ' ' && text[b->off + 3] >= 'A' && text[b->off + 3] <= 'Z')
        return false;
    size_t st;
    uint32_t last = decode_before(text + a->off, a->len, &st);
    if (cp_term(last) || last == ':' || cp_closer(last) || last == 0x2026)
        return false;
    size_t adv;
    uint32_t first = decode_at(text + b->off, b->len, 0, &adv);
    if (cp_lower(first))
        return true;
    if (last == ',' || last == ';' || last == '-' || last == 0x2013 || last == 0x2014)
        return true;
    /* the line ends with a function word */
    size_t w = a->len;
    while (w > 0 && ((text[a->off + w - 1] | 0x20) >= 'a' && (text[a->off + w - 1] | 0x20) <= 'z'))
        w--;
    size_t wl = a->len - w;
    if (wl > 0 && wl < 10 && (w == 0 || text[a->off + w - 1] == ' ')) {
        char f[12];
        for (size_t k = 0; k < wl; k++)
            f[k] = (char)(text[a->off + w + k] | 0x20);
        f[wl] = '\0';
        if (is_stop(f))
            return true;
    }
    return false;
}

/* Group non-blank lines into units. */
static tc_unit *make_units(const char *text, const tc_line *lines, size_t nlines,
                           size_t *nunits)
{
    tc_unit *u = cd_xcalloc(nlines ? nlines : 1, sizeof *u);
    size_t n = 0, i = 0;
    while (i < nlines) {
        size_t b = i;
        size_t block_max = 0;
        do {
            if (lines[i].len > block_max)
                block_max = lines[i].len;
            i++;
        } while (i < nlines && lines[i].no == lines[i - 1].no + 1);
        size_t e = i;
        for (size_t k = b; k < e;) {
            size_t j = k + 1;
            while (j < e && wraps_into(text, &lines[j - 1], &lines[j], block_max))
                j++;
            u[n].first = k;
            u[n].nlines = sat32(j - k);
            n++;
            k = j;
        }
    }
    *nunits = n;
    return u;
}

/* ------------------------------------------------------------ repetition */

static void hash_units(const char *text, const tc_line *lines, tc_unit *u, size_t n,
                       tc_scratch *sc)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    size_t *tab = cd_xcalloc(cap, sizeof *tab);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = unit_text(text, lines, &u[i], sc, &len);
        size_t bl = bullet_len(s, len);
        s += bl;
        len -= bl;
        sc->norm.len = 0;
        bool space = false;
        size_t words = 0;
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space && sc->norm.len) {
                cd_buf_putc(&sc->norm, ' ');
                words++;
            }
            space = false;
            cd_buf_putc(&sc->norm, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
        }
        if (sc->norm.len == 0)
            continue;
        u[i].hash = XXH3_64bits(sc->norm.data, sc->norm.len);
        u[i].dup_count = 1;
        if (words < 1 && sc->norm.len < 12)
            continue; /* single short words repeat innocently */
        size_t h = (size_t)u[i].hash & (cap - 1);
        while (tab[h] && u[tab[h] - 1].hash != u[i].hash)
            h = (h + 1) & (cap - 1);
        if (tab[h]) {
            size_t f = tab[h] - 1;
            u[i].dup_of = f + 1;
            u[f].dup_count++;
        } else {
            tab[h] = i + 1;
        }
    }
    /* copy the count to every occurrence */
    for (size_t i = 0; i < n; i++)
        if (u[i].dup_of)
            u[i].dup_count = u[u[i].dup_of - 1].dup_count;
    free(tab);
}

/* --------------------------------------------------------- title choice */

typedef struct {
    uint64_t *v;
    size_t cap, n;
} word_set;

static uint64_t content_key(const tc_word *w)
{
    const char *f = w->fold;
    if (!f[0] || w->digit)
        return 0;
    size_t l = strlen(f);
    if (l >= 2 && f[l - 2] == '\'' && f[l - 1] == 's')
        l -= 2;
    else if (l >= 1 && f[l - 1] == '\'')
        l -= 1;
    if (l < 3)
        return 0;
    char tmp[FOLD_MAX];
    memcpy(tmp, f, l);
    tmp[l] = '\0';
    if (is_stop(tmp))
        return 0;
    uint64_t h = XXH3_64bits(tmp, l);
    return h ? h : 1;
}

/* Add k (0 is ignored); returns its slot + 1 when it was new, else 0. */
static size_t set_add(word_set *s, uint64_t k)
{
    if (!k)
        return 0;
    size_t h = (size_t)k & (s->cap - 1);
    while (s->v[h]) {
        if (s->v[h] == k)
            return 0;
        h = (h + 1) & (s->cap - 1);
    }
    s->v[h] = k;
    s->n++;
    return h + 1;
}

static bool set_has(const word_set *s, uint64_t k)
{
    if (!k)
        return false;
    size_t h = (size_t)k & (s->cap - 1);
    while (s->v[h]) {
        if (s->v[h] == k)
            return true;
        h = (h + 1) & (s->cap - 1);
    }
    return false;
}

/* Double the capacity of s (a power of two), keeping its keys. set_add
 * needs a free slot: call before adding when 2 * (n + 1) > cap. Slots
 * returned earlier by set_add are invalid afterwards. */
static void set_grow(word_set *s)
{
    word_set g = {0};
    g.cap = s->cap ? 2 * s->cap : 1024;
    g.v = cd_xcalloc(g.cap, sizeof *g.v);
    for (size_t i = 0; i < s->cap; i++)
        set_add(&g, s->v[i]);
    free(s->v);
    *s = g;
}

/* Content words of the unit shared with the set; *total gets its own
 * number of distinct content words. */
static size_t overlap(const char *text, const tc_line *lines, const tc_unit *u,
                      tc_scratch *sc, const word_set *body, size_t *total)
{
    size_t len;
    const char *s = unit_text(text, lines, u, sc, &len);
    split_words(s, len, &sc->words);
    size_t hit = 0, tot = 0;
    uint64_t seen[32];
    size_t ns = 0;
    for (size_t i = 0; i < sc->words.n && i < 32; i++) {
        uint64_t k = content_key(&sc->words.w[i]);
        if (!k)
            continue;
        bool dup = false;
        for (size_t j = 0; j < ns; j++)
            if (seen[j] == k)
                dup = true;
        if (dup)
            continue;
        seen[ns++] = k;
        tot++;
        if (set_has(body, k))
            hit++;
    }
    *total = tot;
    return hit;
}

static bool title_candidate(const tc_unit *u, const tc_line *lines)
{
    if ((u->bad && u->hard) || u->dup_of || u->byline || u->date || u->capcand || u->list || u->trunc)
        return false;
    if (u->words < 4 || u->words > 30 || u->url || u->email)
        return false;
    if (u->term && !u->qmark)
        return false;
    size_t bytes = 0;
    for (size_t k = 0; k < u->nlines; k++)
        bytes += lines[u->first + k].len + 1;
    return bytes <= TITLE_MAX_BYTES;
}

/* The binary searches need sorted tables (checked in debug builds). */
static bool tables_sorted(void)
{
    for (size_t i = 1; i < N_CUES; i++)
        if (strcmp(cues[i - 1].phrase, cues[i].phrase) >= 0)
            return false;
    for (size_t i = 1; i < N_STOP; i++)
        if (strcmp(stopwords[i - 1], stopwords[i]) >= 0)
            return false;
    for (size_t i = 1; i < N_DATEW; i++)
        if (strcmp(datewords[i - 1], datewords[i]) >= 0)
            return false;
    for (size_t i = 1; i < N_PART; i++)
        if (strcmp(particles[i - 1], particles[i]) >= 0)
            return false;
    for (size_t i = 1; i < N_NET; i++)
        if (strcmp(networks[i - 1], networks[i]) >= 0)
            return false;
    for (size_t i = 1; i < N_ROLE; i++)
        if (strcmp(roles[i - 1], roles[i]) >= 0)
            return false;
    for (size_t i = 1; i < N_MAST; i++)
        if (strcmp(mastheads[i - 1], mastheads[i]) >= 0)
            return false;
    return true;
}

/* -------------------------------------------------------------- output */

static void drop_unit(cd_doc *doc, const char *text, const tc_line *lines,
                      const tc_unit *u, const char *reason)
{
    for (size_t k = 0; k < u->nlines; k++) {
        const tc_line *l = &lines[u->first + k];
        cd_doc_add_dropped(doc, l->no, text + l->off, l->len, reason);
    }
}

static bool sentence_like(const tc_unit *u)
{
    return !u->bad && !u->trunc && (u->shape == SH_GOOD || u->shape == SH_NEAR);
}

static bool transparent(const tc_unit *u)
{
    return u->byline || u->date || u->dup_of || (u->bad && u->soft);
}

static const char *unit_reason(const tc_unit *u, const tc_unit *units, size_t i,
                               size_t bs)
{
    if (u->dup_of) {
        const tc_unit *f = &units[u->dup_of - 1];
        if (f->title)
            return "repeat of title";
        if (f->byline)
            return "byline";
        if (f->date)
            return "date";
        if (f->bad && f->cat == K_CAPTION)
            return "caption";
        return "repeat";
    }
    if (u->byline)
        return "byline";
    if (u->date)
        return "date";
    if (u->bad && u->reason)
        return u->reason;
    if (u->listdrop)
        return "list of other stories";
    if (i < bs)
        return (!u->term && u->words <= 6) ? "navigation" : "before article";
    return "after article end";
}

/* Emit the kept units as paragraphs: adjacent kept lines form one. */
static size_t emit(cd_doc *doc, const char *text, const tc_line *lines, tc_unit *u,
                   size_t n, size_t title)
{
    size_t count = 0;
    cd_buf para = {0};
    if (title < n) {
        const tc_unit *t = &u[title];
        for (size_t k = 0; k < t->nlines; k++) {
            if (k)
                cd_buf_putc(&para, ' ');
            cd_buf_append(&para, text + lines[t->first + k].off, lines[t->first + k].len);
        }
        cd_doc_set_title(doc, para.data);
        cd_doc_add_paragraph(doc, para.data, para.len, CD_PARA_TITLE,
                             lines[t->first].no);
        count++;
        para.len = 0;
    }
    size_t i = 0;
    while (i < n) {
        if (!u[i].keep || i == title) {
            i++;
            continue;
        }
        size_t j = i;
        size_t units = 0, lists = 0;
        para.len = 0;
        for (;;) {
            const tc_unit *x = &u[j];
            for (size_t k = 0; k < x->nlines; k++) {
                if (para.len)
                    cd_buf_putc(&para, '\n');
                cd_buf_append(&para, text + lines[x->first + k].off, lines[x->first + k].len);
            }
            units++;
            if (x->list)
                lists++;
            size_t next = j + 1;
            if (next >= n || !u[next].keep || next == title)
                break;
            size_t last_line = x->first + x->nlines - 1;
            if (lines[u[next].first].no != lines[last_line].no + 1)
                break;
            j = next;
        }
        cd_para_kind kind = CD_PARA_BODY;
        if (lists == units)
            kind = CD_PARA_LIST;
        else if (units == 1 && u[i].nlines == 1 && !u[i].term && !u[i].colon_end &&
                 u[i].words <= 15 && 2 * u[i].stops <= u[i].words && u[i].shape == SH_SHORT)
            kind = CD_PARA_HEADING;
        cd_doc_add_paragraph(doc, para.data, para.len, kind, lines[u[i].first].no);
        count++;
        i = j + 1;
    }
    cd_buf_free(&para);
    return count;
}

/* ---------------------------------------------------------------- main */

/* Everything one run works on. */
typedef struct {
    const char *text;
    size_t len;
    tc_line *lines;
    size_t nlines;
    size_t rest, rest_no; /* where the line cap stopped examination */
    tc_unit *u;
    size_t n;
    size_t rs, re;        /* the article's region [rs, re) */
    size_t bs, be;        /* first and last GOOD unit of the body */
    size_t title;         /* n when none */
    tc_scratch sc;
} tc_run;

/* Features and verdicts of every unit, then the verdicts that need the
 * neighbours. mode: MODE_*, how GOOD is decided.
 * in other languages. */
static void classify(tc_run *r, int mode)
{
    tc_unit *u = r->u;
    size_t n = r->n;
    for (size_t i = 0; i < n; i++) {
        tc_unit keep = u[i];
        memset(&u[i], 0, sizeof u[i]);
        u[i].first = keep.first;
        u[i].nlines = keep.nlines;
        u[i].hash = keep.hash;
        u[i].dup_of = keep.dup_of;
        u[i].dup_count = keep.dup_count;
        analyse_unit(r->text, r->lines, &u[i], &r->sc, mode);
        if (u[i].dup_of) {
            u[i].bad = u[i].hard = u[i].soft = true;
            u[i].terminal = u[i].listhead = false;
        }
        if (u[i].byline || u[i].date)
            u[i].bad = u[i].hard = u[i].soft = true;
    }
    /* A bare name ("Jane Doe") next to a byline or date line is the
     * author. */
    for (size_t i = 0; i < n; i++) {
        tc_unit *x = &u[i];
        if (x->bad || x->nlines != 1 || x->words < 2 || x->words > 3 || x->stops ||
            x->caps != x->words || x->term || x->list)
            continue;
        size_t no = r->lines[x->first].no;
        bool next_to = false;
        if (i > 0 && r->lines[u[i - 1].first + u[i - 1].nlines - 1].no + 1 == no &&
            (u[i - 1].byline || u[i - 1].date))
            next_to = true;
        if (i + 1 < n && r->lines[u[i + 1].first].no == no + 1 &&
            (u[i + 1].byline || u[i + 1].date))
            next_to = true;
        if (!next_to)
            continue;
        const tc_line *l = &r->lines[x->first];
        x->name_off = l->off;
        x->name_len = cut_len(r->text + l->off, l->len, 120);
        x->byline = x->bare = x->bad = x->hard = x->soft = true;
    }
    /* A credit-ending line printed twice is a photo caption. */
    for (size_t i = 0; i < n; i++) {
        if (u[i].capcand && !u[i].dup_of && u[i].dup_count >= 2 && !u[i].bad) {
            u[i].bad = u[i].hard = u[i].soft = true;
            u[i].cat = K_CAPTION;
            u[i].reason = "caption";
        }
    }
    /* A lead-in ending with a colon opens a list or table: its rows are
     * article text even when they look like crumbs ("Path A: X, Y / Z"). */
    for (size_t i = 0; i < n; i++) {
        if (u[i].bad || !u[i].colon_end || u[i].words < 3 || u[i].list)
            continue;
        size_t rows = 0, j = i + 1;
        for (; j < n && rows < 200; j++) {
            tc_unit *x = &u[j];
            if (transparent(x))
                continue;
            if (x->terminal || x->listhead || (x->bad && !x->crumb) || sentence_like(x))
                break;
            x->colon_list = true;
            if (x->crumb)
                x->bad = x->hard = x->crumb = false;
            x->reason = NULL;
            rows++;
        }
        i = j - 1;
    }
}

/* A headline-shaped line: not a sentence, not furniture, not an entry of
 * a list already recognised. */
static bool headline_like(const tc_unit *x)
{
    return !x->bad && !x->listdrop && !x->colon_list && x->shape == SH_SHORT;
}

/* Is u[i] sandwiched between headline-shaped lines, like a teaser in a list
 * of other stories ("Headline / Teaser. / 32M ago")? */
static bool teaser_like(const tc_unit *u, size_t n, size_t i)
{
    size_t j = i;
    while (j > 0 && transparent(&u[j - 1]))
        j--;
    if (j == 0 || !headline_like(&u[j - 1]))
        return false;
    j = i + 1;
    while (j < n && transparent(&u[j]))
        j++;
    return j < n && headline_like(&u[j]);
}

/* After a "Related / Most popular" heading, headlines and teasers are a
 * list of other stories until the article visibly resumes: a sentence after
 * two or more headlines (a box of links) or after other furniture, two
 * sentences in a row, or one long paragraph. A sentence after a single
 * headline is that headline's teaser. */
static void mark_story_lists(tc_run *r)
{
    tc_unit *u = r->u;
    bool listmode = false, after_other = false;
    size_t heads = 0;
    for (size_t i = r->bs; i < r->n; i++) {
        tc_unit *x = &u[i];
        if (x->terminal)
            listmode = false;
        if (x->bad && x->listhead) {
            listmode = true;
            heads = 0;
            after_other = false;
            continue;
        }
        if (!listmode || transparent(x))
            continue;
        if (x->bad) {
            if (!x->hard)
                x->listdrop = true;
            after_other = !x->listdrop && x->cat != K_LIST; /* teasers belong */
            heads = 0;
            continue;
        }
        if (sentence_like(x)) {
            size_t j = i + 1;
            while (j < r->n && transparent(&u[j]))
                j++;
            bool next_sentence = j < r->n && sentence_like(&u[j]);
            if (heads >= 2 || after_other || next_sentence || x->words >= 45) {
                listmode = false;
                continue;
            }
            x->listdrop = true;
            heads = 0;
            after_other = false;
            continue;
        }
        x->listdrop = true;
        heads++;
        after_other = false;
    }
}

/* What a unit adds to (or costs) an article block around it: GOOD prose
 * its length (a third when it stands alone between headlines, like a
 * teaser), short sentences a little, headlines, list items and furniture a
 * fixed cost. */
static double unit_score(const tc_unit *u, size_t n, size_t i)
{
    const tc_unit *x = &u[i];
    if (x->listdrop)
        return -25.0;
    if (x->colon_list)
        return 0.0;
    if (x->bad) {
        if (transparent(x))
            return -5.0;
        return x->hard ? -50.0 : -25.0;
    }
    if (x->shape == SH_GOOD)
        return (double)x->cps * (teaser_like(u, n, i) ? TEASER_WEIGHT : 1.0);
    if (x->shape == SH_NEAR && !x->trunc)
        return 0.3 * (double)x->cps;
    return x->list ? -15.0 : -25.0;
}

/* Content words of the first TITLE_BODY_WORDS words of the sentence units
 * in [a, b] go into set (which must be empty); slots[] records where, so
 * that the set can be emptied again cheaply. Returns their number. */
static size_t block_words(tc_run *r, size_t a, size_t b, word_set *set, size_t *slots)
{
    size_t taken = 0, nk = 0;
    for (size_t i = a; i <= b && taken < TITLE_BODY_WORDS; i++) {
        const tc_unit *x = &r->u[i];
        if (x->bad || x->listdrop || (x->shape != SH_GOOD && x->shape != SH_NEAR))
            continue;
        size_t l;
        const char *s = unit_text(r->text, r->lines, x, &r->sc, &l);
        split_words(s, l, &r->sc.words);
        for (size_t k = 0; k < r->sc.words.n && taken < TITLE_BODY_WORDS; k++, taken++) {
            size_t slot = set_add(set, content_key(&r->sc.words.w[k]));
            if (slot)
                slots[nk++] = slot - 1;
        }
    }
    return nk;
}

static void set_clear(word_set *set, const size_t *slots, size_t nk)
{
    for (size_t k = 0; k < nk; k++)
        set->v[slots[k]] = 0;
    set->n = 0;
}

/* What the lines just above a block say about it: a byline, a date line, a
 * headline sharing content words with it mark the start of an article. */
static double start_bonus(tc_run *r, size_t a, size_t b, word_set *set, size_t *slots)
{
    const tc_unit *u = r->u;
    bool by = false, date = false, title = false;
    size_t cands[8], nc = 0;
    for (size_t i = a, k = 0; i-- > 0 && k < 8; k++) {
        if (u[i].terminal)
            break;
        if (u[i].byline)
            by = true;
        else if (u[i].date)
            date = true;
        else if (title_candidate(&u[i], r->lines) && nc < 8)
            cands[nc++] = i;
    }
    if (nc) {
        size_t nk = block_words(r, a, b, set, slots);
        for (size_t c = 0; c < nc && !title; c++) {
            size_t tot;
            if (overlap(r->text, r->lines, &u[cands[c]], &r->sc, set, &tot) >= 2)
                title = true;
        }
        set_clear(set, slots, nk);
    }
    return (by ? 300.0 : 0.0) + (date ? 150.0 : 0.0) + (title ? 300.0 : 0.0);
}

/* The article is the block of units with the highest total score plus a
 * bonus for a byline, date or matching headline just above it. Blocks are
 * maximum-sum segments (so a box of links inside the article is bridged
 * when the prose on both sides outweighs it); terminal notices (copyright,
 * comment prompts) end blocks, and after a comment prompt everything counts
 * a tenth. The body runs from the block's first to its last GOOD unit.
 * False when there is none. */
static bool find_body(tc_run *r)
{
    const tc_unit *u = r->u;
    size_t n = r->n;
    word_set set = {0};
    set.cap = 1024; /* > 4 × TITLE_BODY_WORDS */
    set.v = cd_xcalloc(set.cap, sizeof *set.v);
    size_t *slots = cd_xmalloc(TITLE_BODY_WORDS * sizeof *slots);

    double best = 0.0, cur = 0.0, seg_best = 0.0, factor = 1.0;
    size_t cur_start = 0, seg_end = n, a = n, b = n;
    for (size_t i = 0; i <= n; i++) {
        bool reset = i == n || u[i].terminal;
        double sc = 0.0;
        if (!reset) {
            sc = unit_score(u, n, i);
            if (sc > 0)
                sc *= factor;
            reset = cur + sc <= 0.0;
        }
        if (reset) { /* the block so far is finished: weigh it */
            if (seg_end < n && seg_best > 0.0) {
                double total = seg_best + factor * start_bonus(r, cur_start, seg_end, &set, slots);
                if (total > best) {
                    best = total;
                    a = cur_start;
                    b = seg_end;
                }
            }
            cur = seg_best = 0.0;
            seg_end = n;
            if (i < n && u[i].terminal && u[i].cat == K_COMMENT)
                factor = 0.1;
            if (i == n || u[i].terminal || sc <= 0.0) {
                cur_start = i + 1;
                continue;
            }
            cur_start = i;
        }
        cur += sc;
        if (cur > seg_best) {
            seg_best = cur;
            seg_end = i;
        }
    }
    free(set.v);
    free(slots);
    if (a == n)
        return false;
    r->bs = n;
    for (size_t i = a; i <= b && r->bs == n; i++)
        if (!u[i].bad && !u[i].listdrop && u[i].shape == SH_GOOD && !u[i].capcand)
            r->bs = i;
    for (size_t i = a; i <= b && r->bs == n; i++)
        if (!u[i].bad && !u[i].listdrop && u[i].shape == SH_GOOD)
            r->bs = i;
    if (r->bs == n)
        return false;
    r->be = r->bs;
    for (size_t i = r->bs; i <= b; i++)
        if (!u[i].bad && !u[i].listdrop && u[i].shape == SH_GOOD)
            r->be = i;
    /* the region between the terminal notices around the body */
    r->rs = 0;
    for (size_t i = r->bs; i-- > 0;)
        if (u[i].terminal) {
            r->rs = i + 1;
            break;
        }
    r->re = n;
    for (size_t i = r->be; i < n; i++)
        if (u[i].terminal) {
            r->re = i;
            break;
        }
    return true;
}

/* The content words of the kept units of the body [bs, be] go into set
 * (which must be empty), all of them, once per run. */
static void body_words(tc_run *r, word_set *set)
{
    for (size_t i = r->bs; i <= r->be; i++) {
        if (!r->u[i].keep)
            continue;
        size_t l;
        const char *s = unit_text(r->text, r->lines, &r->u[i], &r->sc, &l);
        split_words(s, l, &r->sc.words);
        for (size_t k = 0; k < r->sc.words.n; k++) {
            if (2 * (set->n + 1) > set->cap)
                set_grow(set);
            set_add(set, content_key(&r->sc.words.w[k]));
        }
    }
}

/* Does the short line u[h] name something the body talks about (one of
 * its first 16 content words is in body, the set from body_words)? */
static bool about_body(tc_run *r, size_t h, const word_set *body)
{
    size_t nk = 0, l;
    const char *s = unit_text(r->text, r->lines, &r->u[h], &r->sc, &l);
    split_words(s, l, &r->sc.words);
    for (size_t k = 0; k < r->sc.words.n && nk < 16; k++) {
        uint64_t key = content_key(&r->sc.words.w[k]);
        if (!key)
            continue;
        if (set_has(body, key))
            return true;
        nk++;
    }
    return false;
}

/* Keep the body — every unit between its first and last GOOD unit that is
 * not clearly furniture — and the short sentences after it. */
static void keep_body(tc_run *r)
{
    tc_unit *u = r->u;
    size_t n = r->n;
    for (size_t i = r->bs; i <= r->be; i++) {
        tc_unit *x = &u[i];
        if (x->listdrop || x->dup_of || x->byline || x->date)
            continue;
        if (!x->bad || !x->hard)
            x->keep = true;
    }
    /* Absorb short sentences until furniture; one headline-shaped line (a
     * subheading, a pull quote) is kept when a sentence follows it, or a
     * list when the line names something the body talks about. */
    size_t pending = n;
    bool list_run = false;
    word_set body = {0}; /* the body's content words, built when first needed */
    bool body_built = false;
    for (size_t i = r->be + 1; i < r->re; i++) {
        tc_unit *x = &u[i];
        if (transparent(x))
            continue;
        bool item = x->list && !x->bad && !x->listdrop && !x->trunc;
        if (item && pending < n) {
            if (!body_built) {
                body_words(r, &body);
                body_built = true;
            }
            if (about_body(r, pending, &body))
                list_run = true;
        }
        bool list_ok = (x->colon_list && !x->bad && !x->listdrop) || (item && list_run);
        if ((sentence_like(x) && !x->listdrop && !x->capcand) || list_ok) {
            x->keep = true;
            if (pending < n)
                u[pending].keep = true;
            pending = n;
            continue;
        }
        if (pending == n && !x->bad && !x->listdrop && !x->list && !x->trunc &&
            x->shape == SH_SHORT) {
            pending = i;
            continue;
        }
        break;
    }
    free(body.v);
}

/* Among the headline-shaped units before u[lim], the one sharing most
 * content words with the body words; r->n when none shares enough. */
static size_t best_title(tc_run *r, size_t lim, const word_set *body)
{
    size_t title = r->n, best_hit = 0;
    double best_ratio = 0.0;
    for (size_t i = 0; i < lim; i++) {
        if (!title_candidate(&r->u[i], r->lines))
            continue;
        size_t tot;
        size_t hit = overlap(r->text, r->lines, &r->u[i], &r->sc, body, &tot);
        double ratio = tot ? (double)hit / (double)tot : 0.0;
        if (hit < 2 && !(hit == 1 && tot <= 2))
            continue;
        if (hit > best_hit || (hit == best_hit && ratio > best_ratio)) {
            best_hit = hit;
            best_ratio = ratio;
            title = i;
        }
    }
    return title;
}

/* The title: among headline-shaped lines before the body (above its byline
 * first), the one sharing most content words with the first body words;
 * failing that, the one standing directly above the body. Then the dek:
 * sentences (and, under the title, one headline-shaped line about the
 * story) directly before the body. */
static void choose_title_and_dek(tc_run *r)
{
    tc_unit *u = r->u;
    size_t n = r->n;
    word_set body = {0};
    body.cap = 1024; /* > 4 × TITLE_BODY_WORDS */
    body.v = cd_xcalloc(body.cap, sizeof *body.v);
    size_t taken = 0;
    for (size_t i = r->bs; i < n && taken < TITLE_BODY_WORDS; i++) {
        if (!u[i].keep)
            continue;
        size_t l;
        const char *s = unit_text(r->text, r->lines, &u[i], &r->sc, &l);
        split_words(s, l, &r->sc.words);
        for (size_t k = 0; k < r->sc.words.n && taken < TITLE_BODY_WORDS; k++, taken++)
            set_add(&body, content_key(&r->sc.words.w[k]));
    }

    /* The headline stands above the byline: candidates above the "By …"
     * line nearest the body come first, so that a caption or standfirst
     * between byline and body cannot win by sharing more words with the
     * body. (A bare name next to a date is as often an entry of a list of
     * other stories.) */
    size_t above = 0;
    for (size_t i = r->bs; i-- > r->rs;) {
        if (u[i].byline && !u[i].bare) {
            above = i;
            break;
        }
    }
    size_t title = above ? best_title(r, above, &body) : n;
    if (title == n)
        title = best_title(r, r->bs, &body);
    if (title == n) {
        for (size_t i = r->bs; i-- > r->rs;) {
            if (transparent(&u[i]) || (sentence_like(&u[i]) && !u[i].capcand))
                continue;
            if (title_candidate(&u[i], r->lines))
                title = i;
            break;
        }
    }
    if (title < n)
        u[title].title = true;
    r->title = title;

    bool standfirst = false;
    for (size_t i = r->bs; i-- > r->rs;) {
        tc_unit *x = &u[i];
        if (x->title)
            break;
        if (transparent(x))
            continue;
        if (sentence_like(x) && !x->capcand) {
            x->keep = true;
            continue;
        }
        if (title < i && !standfirst && !x->bad && !x->list && x->shape == SH_SHORT &&
            x->words >= 4) {
            standfirst = true;
            size_t tot;
            bool prose = x->words >= 6 && (size_t)x->stops * 5 >= x->words;
            if (prose || overlap(r->text, r->lines, x, &r->sc, &body, &tot) >= 2) {
                x->keep = true;
                continue;
            }
        }
        break;
    }
    free(body.v);
}

/* Byline and date: the ones nearest above the body win over later ones. */
static void set_metadata(tc_run *r, cd_doc *doc)
{
    const tc_unit *u = r->u;
    const tc_unit *byline = NULL;
    const char *when = NULL;
    for (size_t k = 0; k < r->n; k++) {
        size_t i = k < r->bs ? r->bs - 1 - k : k;
        if (u[i].dup_of || u[i].keep)
            continue;
        if (u[i].byline && u[i].name_len && !byline)
            byline = &u[i];
        if ((u[i].byline || u[i].date) && u[i].when[0] && !when)
            when = u[i].when;
    }
    if (byline) {
        char *name = cd_xstrndup(r->text + byline->name_off, byline->name_len);
        cd_doc_set_byline(doc, name);
        free(name);
    }
    if (when)
        cd_doc_set_published(doc, when);
}

/* Past the line cap: one record for the rest, and a warning. */
static void drop_rest(const tc_run *r, cd_doc *doc)
{
    size_t rest = r->rest, no = r->rest_no;
    while (rest < r->len) {
        const char *nl = memchr(r->text + rest, '\n', r->len - rest);
        size_t e = nl ? (size_t)(nl - r->text) : r->len;
        size_t off = rest, l = e - rest;
        trim(r->text, &off, &l);
        if (l) {
            if (l > 200) { /* cut on a code point boundary */
                l = 200;
                while (l > 0 && ((unsigned char)r->text[off + l] & 0xC0) == 0x80)
                    l--;
            }
            cd_doc_add_dropped(doc, no, r->text + off, l, "beyond line limit");
            cd_doc_add_warning(doc, "text cleanup examined only the first 1000000 "
                                    "non-blank lines");
            return;
        }
        rest = nl ? e + 1 : r->len;
        no++;
    }
}

size_t cd_textclean(const char *text, size_t len, cd_doc *doc)
{
    assert(tables_sorted());
    if (!doc || !text || len == 0)
        return 0;
    tc_run r = {0};
    r.text = text;
    r.len = len;
    split_lines(text, len, &r.lines, &r.nlines, &r.rest, &r.rest_no);
    r.u = make_units(text, r.lines, r.nlines, &r.n);
    r.sc.words.w = cd_xmalloc(MAX_WORDS * sizeof *r.sc.words.w);
    hash_units(text, r.lines, r.u, r.n, &r.sc);

    /* English prose first. Text with almost no English function words in
     * its longer lines is another language; an English page without GOOD
     * prose may be an article of short sentences. */
    size_t added = 0;
    classify(&r, MODE_ENGLISH);
    size_t sw = 0, ww = 0;
    for (size_t i = 0; i < r.n; i++) {
        if (r.u[i].words >= 10 && !r.u[i].dup_of) {
            sw += r.u[i].stops;
            ww += r.u[i].words;
        }
    }
    bool foreign = ww >= 50 && sw * 10 < ww;
    if (foreign)
        classify(&r, MODE_FOREIGN);
    bool found = find_body(&r);
    if (!found) {
        classify(&r, MODE_SHORT);
        found = find_body(&r);
    }
    /* Lists of other stories after the start of the article weigh against
     * it: weigh the blocks again. */
    if (found) {
        mark_story_lists(&r);
        found = find_body(&r);
    }
    if (found) {
        /* Credit-ending lines before the article are photo captions. */
        for (size_t i = 0; i < r.bs; i++) {
            if (r.u[i].capcand && !r.u[i].bad) {
                r.u[i].bad = r.u[i].hard = r.u[i].soft = true;
                r.u[i].cat = K_CAPTION;
                r.u[i].reason = "caption";
            }
        }
        keep_body(&r);
        choose_title_and_dek(&r);
        set_metadata(&r, doc);
        added = emit(doc, text, r.lines, r.u, r.n, r.title);
        for (size_t i = 0; i < r.n; i++)
            if (!r.u[i].keep && i != r.title)
                drop_unit(doc, text, r.lines, &r.u[i], unit_reason(&r.u[i], r.u, i, r.bs));
        drop_rest(&r, doc);
    }
    free(r.sc.words.w);
    cd_buf_free(&r.sc.join);
    cd_buf_free(&r.sc.norm);
    free(r.u);
    free(r.lines);
    return added;
}

size_t cd_text_keep_all(const char *text, size_t len, cd_doc *doc)
{
    if (!doc || !text || len == 0)
        return 0;
    size_t count = 0, no = 0, first_no = 0, i = 0;
    cd_buf para = {0};
    while (i <= len) {
        const char *nl = i < len ? memchr(text + i, '\n', len - i) : NULL;
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t off = i, l = e - i;
        no++;
        trim(text, &off, &l);
        if (l == 0 || i == len) {
            if (para.len) {
                cd_doc_add_paragraph(doc, para.data, para.len, CD_PARA_BODY, first_no);
                count++;
                para.len = 0;
            }
        } else {
            if (para.len)
                cd_buf_putc(&para, '\n');
            else
                first_no = no;
            cd_buf_append(&para, text + off, l);
        }
        if (!nl)
            break;
        i = e + 1;
    }
    if (para.len) {
        cd_doc_add_paragraph(doc, para.data, para.len, CD_PARA_BODY, first_no);
        count++;
    }
    cd_buf_free(&para);
    return count;
}
