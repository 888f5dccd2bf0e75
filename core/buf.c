/* buf.c — allocation wrappers, growable byte buffers, a bump arena. */
#include "claimdiff.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cd_die_oom(void)
{
    fputs("claimdiff: error: out of memory\n", stderr);
    exit(4);
}

void *cd_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        cd_die_oom();
    return p;
}

void *cd_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        cd_die_oom();
    return p;
}

void *cd_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        cd_die_oom();
    return q;
}

void cd_human_size(size_t n, char *out, size_t cap)
{
    if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
        snprintf(out, cap, "%zu MiB", n / (1024 * 1024));
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(out, cap, "%zu KiB", n / 1024);
    else
        snprintf(out, cap, "%zu bytes", n);
}

char *cd_xstrdup(const char *s)
{
    return cd_xstrndup(s, strlen(s));
}

char *cd_xstrndup(const char *s, size_t n)
{
    char *p = cd_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void cd_buf_reserve(cd_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        cd_die_oom();
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = cd_xrealloc(b->data, cap);
    b->cap = cap;
}

void cd_buf_append(cd_buf *b, const char *s, size_t n)
{
    cd_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cd_buf_puts(cd_buf *b, const char *s)
{
    cd_buf_append(b, s, strlen(s));
}

void cd_buf_putc(cd_buf *b, char c)
{
    cd_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void cd_buf_put_cp(cd_buf *b, uint32_t cp)
{
    char t[4];
    size_t n;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = CD_REPLACEMENT_CHAR;
    if (cp < 0x80) {
        t[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    cd_buf_append(b, t, n);
}

void cd_buf_vprintf(cd_buf *b, const char *fmt, va_list ap)
{
    if (!fmt)
        return; /* also keeps GCC's -Wformat-truncation quiet under -fsanitize */
    va_list aq;
    va_copy(aq, ap);
    char probe[1];
    int n = vsnprintf(probe, sizeof probe, fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    cd_buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void cd_buf_printf(cd_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cd_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *cd_buf_steal(cd_buf *b)
{
    char *p = b->data ? b->data : cd_xstrndup("", 0);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void cd_buf_free(cd_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------------ arena */

#define ARENA_CHUNK (64u * 1024u) /* the largest regular chunk */
#define ARENA_FIRST 512u          /* the first chunk; each next one doubles */

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(8) unsigned char mem[];
} chunk;

struct cd_arena {
    chunk *head;
    size_t next_size; /* size of the next regular chunk */
};

cd_arena *cd_arena_new(void)
{
    return cd_xcalloc(1, sizeof(cd_arena));
}

void *cd_arena_alloc(cd_arena *a, size_t n)
{
    if (n > SIZE_MAX / 2)
        cd_die_oom();
    n = (n + 7) & ~(size_t)7;
    if (n == 0)
        n = 8;
    chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        /* small arenas (one per sentence's features) stay small: chunks
         * start at ARENA_FIRST bytes and double up to ARENA_CHUNK */
        size_t regular = a->next_size ? a->next_size : ARENA_FIRST;
        bool oneoff = n > regular / 4 && n > ARENA_CHUNK / 4;
        size_t size = oneoff ? n : regular;
        while (size < n)
            size *= 2;
        c = cd_xmalloc(sizeof(chunk) + size);
        c->used = 0;
        c->size = size;
        if (!oneoff && regular < ARENA_CHUNK)
            a->next_size = regular * 2;
        if (a->head && oneoff) {
            /* a big one-off block: keep the current chunk open for small ones */
            c->next = a->head->next;
            a->head->next = c;
            c->used = n;
            return c->mem;
        }
        c->next = a->head;
        a->head = c;
    }
    void *p = c->mem + c->used;
    c->used += n;
    return p;
}

char *cd_arena_strndup(cd_arena *a, const char *s, size_t n)
{
    char *p = cd_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void cd_arena_free(cd_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}
