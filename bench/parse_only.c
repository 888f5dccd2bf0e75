/* parse_only.c — the baseline for bench/extraction.sh: parse each HTML file
 * with libxml2's HTML parser (the same options claimdiff uses) and nothing
 * else. With --extract, time claimdiff's own path instead: cd_html_parse
 * (charset sniffing, decoding, the same libxml2 parse) + cd_html_extract.
 * Prints one line per file: "<seconds> <path>". */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int first = 1;
    bool extract = argc > 1 && !strcmp(argv[1], "--extract");
    if (extract)
        first = 2;
    for (int i = first; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc(n > 0 ? (size_t)n : 1);
        if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
            fclose(f);
            return 1;
        }
        fclose(f);
        double t0 = now();
        if (extract) {
            char *err = NULL;
            cd_html *h = cd_html_parse(buf, (size_t)n, NULL, &err);
            cd_doc *doc = cd_doc_new(argv[i]);
            if (h)
                cd_html_extract(h, doc);
            cd_html_free(h);
            cd_doc_free(doc);
            free(err);
            printf("%.6f %s\n", now() - t0, argv[i]);
            free(buf);
            continue;
        }
        htmlDocPtr d = htmlReadMemory(buf, (int)n, NULL, "UTF-8",
                                      HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                          HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
        if (d)
            xmlFreeDoc(d);
        printf("%.6f %s\n", now() - t0, argv[i]);
        free(buf);
    }
    return 0;
}
