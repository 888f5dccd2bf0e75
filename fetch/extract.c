/* extract.c — the article body of a parsed page (stub). */
#include "html.h"

size_t cd_html_extract(const cd_html *h, cd_doc *doc)
{
    (void)h;
    (void)doc;
    return 0;
}
