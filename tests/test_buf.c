/* test_buf.c — growable buffers and the arena. */
#include <criterion/criterion.h>
#include <string.h>

#include "claimdiff.h"

Test(buf, append_printf_steal)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "abc");
    cd_buf_putc(&b, '-');
    cd_buf_printf(&b, "%d/%s", 42, "x");
    cr_expect_str_eq(b.data, "abc-42/x");
    cr_expect_eq(b.len, 8);
    char *s = cd_buf_steal(&b);
    cr_expect_null(b.data);
    cr_expect_eq(b.len, 0);
    cr_expect_str_eq(s, "abc-42/x");
    free(s);
    char *e = cd_buf_steal(&b);
    cr_expect_str_eq(e, "");
    free(e);
}

Test(buf, put_cp_encodes_and_replaces_invalid)
{
    cd_buf b = {0};
    cd_buf_put_cp(&b, 0x41);
    cd_buf_put_cp(&b, 0xE9);
    cd_buf_put_cp(&b, 0x20AC);
    cd_buf_put_cp(&b, 0x1F600);
    cd_buf_put_cp(&b, 0xD800);   /* surrogate */
    cd_buf_put_cp(&b, 0x110000); /* out of range */
    cr_expect_str_eq(b.data, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd\xef\xbf\xbd");
    cd_buf_free(&b);
}

Test(buf, grows_to_large_sizes)
{
    cd_buf b = {0};
    for (int i = 0; i < 100000; i++)
        cd_buf_append(&b, "0123456789", 10);
    cr_expect_eq(b.len, 1000000);
    cr_expect_eq(b.data[b.len], '\0');
    cr_expect_eq(memcmp(b.data + 999990, "0123456789", 10), 0);
    cd_buf_free(&b);
}

Test(buf, arena_alignment_and_big_blocks)
{
    cd_arena *a = cd_arena_new();
    for (int i = 1; i < 1000; i++) {
        char *p = cd_arena_alloc(a, (size_t)(i % 13) + 1);
        cr_expect_eq((uintptr_t)p % 8, 0);
    }
    char *big = cd_arena_alloc(a, 1 << 20);
    memset(big, 'x', 1 << 20);
    char *s = cd_arena_strndup(a, "hello world", 5);
    cr_expect_str_eq(s, "hello");
    cd_arena_free(a);
    cd_arena_free(NULL);
}
