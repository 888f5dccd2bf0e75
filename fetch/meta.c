/* meta.c — page metadata (stub). */
#include "html.h"

void cd_html_meta(const cd_html *h, cd_doc *doc, bool set_outlet)
{
    (void)h;
    (void)doc;
    (void)set_outlet;
}
