/* html.h — the parsed HTML page shared by html.c (parsing), extract.c (the
 * article body) and meta.c (metadata). Private to fetch/. */
#ifndef CD_HTML_H
#define CD_HTML_H

#include <libxml/HTMLparser.h>

#include "fetch.h"

struct cd_html {
    htmlDocPtr doc;   /* libxml2 tree, UTF-8 */
    char *charset;    /* the charset the page was decoded from */
};

#endif
