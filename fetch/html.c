/* html.c — parse an HTML page (stub until the HTML work lands). */
#include "html.h"

#include <stdlib.h>

cd_html *cd_html_parse(const char *bytes, size_t len, const char *http_charset, char **err)
{
    (void)bytes;
    (void)len;
    (void)http_charset;
    *err = cd_xstrndup("HTML is not supported yet", 25);
    return NULL;
}

void cd_html_free(cd_html *h)
{
    free(h);
}
