#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claimdiff.h"

/* Decode the literal s (embedded NULs allowed) into *out. */
#define DECODE(s, out, info) cd_text_decode((s), sizeof(s) - 1, (out), (info))

static cd_buf out;
static cd_decode_info info;

static void setup(void)
{
    memset(&out, 0, sizeof out);
    memset(&info, 0xAB, sizeof info); /* must be reset by the decoder */
}

static void teardown(void)
{
    cd_buf_free(&out);
}

TestSuite(decode, .init = setup, .fini = teardown);

static const char *text(void)
{
    return out.data ? out.data : "";
}

Test(decode, plain_ascii_unchanged)
{
    cr_assert(DECODE("Kim Jong Un pledged support.\n", &out, &info));
    cr_expect_str_eq(text(), "Kim Jong Un pledged support.\n");
    cr_expect_eq(info.encoding, CD_ENC_UTF8);
    cr_expect_eq(info.invalid, 0);
    cr_expect_eq(info.nul, 0);
    cr_expect_eq(info.controls, 0);
    cr_expect_not(info.binary);
}

Test(decode, empty_input)
{
    cr_assert(cd_text_decode("", 0, &out, &info));
    cr_expect_eq(out.len, 0);
    cr_assert(cd_text_decode(NULL, 0, &out, &info));
    cr_expect_eq(out.len, 0);
    cr_expect_not(info.binary);
}

Test(decode, null_info_allowed)
{
    cr_assert(DECODE("ok\r\n", &out, NULL));
    cr_expect_str_eq(text(), "ok\n");
}

Test(decode, appends_to_out)
{
    cd_buf_puts(&out, "before|");
    cr_assert(DECODE("after", &out, &info));
    cr_expect_str_eq(text(), "before|after");
}

Test(decode, utf8_valid_kept)
{
    cr_assert(DECODE("Kim\xE2\x80\x99s \xE2\x80\x9C" "full support\xE2\x80\x9D", &out, &info));
    cr_expect_str_eq(text(), "Kim\xE2\x80\x99s \xE2\x80\x9C" "full support\xE2\x80\x9D");
    cr_expect_eq(info.encoding, CD_ENC_UTF8);
    cr_expect_eq(info.invalid, 0);
}

Test(decode, utf8_bom_stripped)
{
    cr_assert(DECODE("\xEF\xBB\xBFhello", &out, &info));
    cr_expect_str_eq(text(), "hello");
    cr_expect_eq(info.encoding, CD_ENC_UTF8_BOM);
}

Test(decode, utf8_invalid_replaced)
{
    /* one valid multi-byte sequence: stays UTF-8, the bad byte becomes U+FFFD */
    cr_assert(DECODE("caf\xC3\xA9 \xFF ok", &out, &info));
    cr_expect_str_eq(text(), "caf\xC3\xA9 \xEF\xBF\xBD ok");
    cr_expect_eq(info.encoding, CD_ENC_UTF8);
    cr_expect_eq(info.invalid, 1);
}

Test(decode, utf8_overlong_and_surrogate_replaced)
{
    cr_assert(DECODE("\xE2\x82\xAC \xC0\xAF \xED\xA0\x80", &out, &info));
    cr_expect_str_eq(text(), "\xE2\x82\xAC \xEF\xBF\xBD\xEF\xBF\xBD "
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    cr_expect_eq(info.invalid, 5);
    cr_expect_eq(info.encoding, CD_ENC_UTF8);
}

Test(decode, cp1252_fallback)
{
    cr_assert(DECODE("caf\xE9 \x93quoted\x94 \x80" "5 \x96 Kim\x92s", &out, &info));
    cr_expect_str_eq(text(), "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC"
                             "5 \xE2\x80\x93 Kim\xE2\x80\x99s");
    cr_expect_eq(info.encoding, CD_ENC_CP1252);
    cr_expect_eq(info.invalid, 0);
}

Test(decode, cp1252_full_table_and_undefined_slots)
{
    /* 0x80..0x9F: five undefined slots (81 8D 8F 90 9D) become U+FFFD */
    char in[32];
    for (int i = 0; i < 32; i++)
        in[i] = (char)(0x80 + i);
    cr_assert(cd_text_decode(in, sizeof in, &out, &info));
    cr_expect_eq(info.encoding, CD_ENC_CP1252);
    cr_expect_eq(info.invalid, 5);
    static const uint32_t want[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    };
    size_t pos = 0;
    for (int i = 0; i < 32; i++) {
        uint32_t cp;
        bool ok;
        pos += cd_utf8_decode((const unsigned char *)out.data + pos, out.len - pos, &cp, &ok);
        cr_expect(ok);
        cr_expect_eq(cp, want[i], "byte 0x%02X: got U+%04X, want U+%04X", 0x80 + i,
                     (unsigned)cp, (unsigned)want[i]);
    }
    cr_expect_eq(pos, out.len);
}

Test(decode, cp1252_latin1_range)
{
    cr_assert(DECODE("\xA0\xA9\xC5\xFF", &out, &info));
    cr_expect_str_eq(text(), "\xC2\xA0\xC2\xA9\xC3\x85\xC3\xBF");
    cr_expect_eq(info.encoding, CD_ENC_CP1252);
}

Test(decode, crlf_and_cr)
{
    cr_assert(DECODE("a\r\nb\rc\n\rd\r\r\ne\r", &out, &info));
    cr_expect_str_eq(text(), "a\nb\nc\n\nd\n\ne\n");
}

Test(decode, crlf_across_ascii_runs)
{
    cr_assert(DECODE("line one\r\n\r\nline two\r\n", &out, &info));
    cr_expect_str_eq(text(), "line one\n\nline two\n");
}

Test(decode, stray_nuls_removed_and_counted)
{
    cr_assert(DECODE("Hello\0 wor\0ld, this is ordinary text.", &out, &info));
    cr_expect_str_eq(text(), "Hello world, this is ordinary text.");
    cr_expect_eq(info.nul, 2);
    cr_expect_not(info.binary);
}

Test(decode, controls_removed_and_counted)
{
    /* SOH, ESC (with the character it escapes: "ESC c" resets a terminal)
     * and DEL go; TAB, LF, FF stay; VT and U+0085 (NEL) become line breaks */
    cr_assert(DECODE("a\x01" "b\x1B" "c\x7F" "d\xC2\x85" "e\tf\fg\vh\n", &out, &info));
    cr_expect_str_eq(text(), "abd\ne\tf\fg\nh\n");
    cr_expect_eq(info.controls, 3);
    cr_expect_eq(info.nul, 0);
}

Test(decode, c1_in_cp1252_undefined_not_control)
{
    /* in cp1252 0x85 is an ellipsis, not NEL */
    cr_assert(DECODE("wait\x85", &out, &info));
    cr_expect_str_eq(text(), "wait\xE2\x80\xA6");
}

Test(decode, utf16le_bom)
{
    /* "Hi " U+1F600 "\r\n" "é" */
    cr_assert(DECODE("\xFF\xFEH\0i\0 \0\x3D\xD8\x00\xDE\r\0\n\0\xE9\0", &out, &info));
    cr_expect_str_eq(text(), "Hi \xF0\x9F\x98\x80\n\xC3\xA9");
    cr_expect_eq(info.encoding, CD_ENC_UTF16LE);
    cr_expect_eq(info.invalid, 0);
    cr_expect_eq(info.nul, 0);
}

Test(decode, utf16be_bom)
{
    cr_assert(DECODE("\xFE\xFF\0H\0i\0 \xD8\x3D\xDE\x00\0\r\0\n\x20\xAC", &out, &info));
    cr_expect_str_eq(text(), "Hi \xF0\x9F\x98\x80\n\xE2\x82\xAC");
    cr_expect_eq(info.encoding, CD_ENC_UTF16BE);
    cr_expect_eq(info.invalid, 0);
}

Test(decode, utf16_lone_surrogates)
{
    /* high surrogate then 'A'; lone low surrogate; high surrogate at the end */
    cr_assert(DECODE("\xFF\xFE\x3D\xD8" "A\0\x00\xDE" "B\0\x3D\xD8", &out, &info));
    cr_expect_str_eq(text(), "\xEF\xBF\xBD" "A\xEF\xBF\xBD" "B\xEF\xBF\xBD");
    cr_expect_eq(info.invalid, 3);
}

Test(decode, utf16_odd_trailing_byte)
{
    cr_assert(DECODE("\xFE\xFF\0O\0K!", &out, &info));
    cr_expect_str_eq(text(), "OK\xEF\xBF\xBD");
    cr_expect_eq(info.invalid, 1);
}

Test(decode, utf16_nul_units_removed)
{
    cr_assert(DECODE("\xFF\xFEo\0\0\0k\0", &out, &info));
    cr_expect_str_eq(text(), "ok");
    cr_expect_eq(info.nul, 1);
}

Test(decode, nfc_applied)
{
    cr_assert(DECODE("Cafe\xCC\x81 e\xCC\x81", &out, &info));
    cr_expect_str_eq(text(), "Caf\xC3\xA9 \xC3\xA9");
}

static void expect_binary(const char *s, size_t n)
{
    cd_buf b = {0};
    cd_buf_puts(&b, "untouched");
    cd_decode_info i;
    cr_expect_not(cd_text_decode(s, n, &b, &i), "not detected as binary");
    cr_expect(i.binary);
    cr_expect_str_eq(b.data, "untouched");
    cd_buf_free(&b);
}

#define BINARY(s) expect_binary((s), sizeof(s) - 1)

Test(decode, binary_signatures)
{
    BINARY("\x89PNG\r\n\x1A\n\0\0\0\rIHDR");
    BINARY("\xFF\xD8\xFF\xE0\0\x10JFIF");
    BINARY("GIF89a\x01\0\x01\0");
    BINARY("GIF87a");
    BINARY("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    BINARY("\x1F\x8B\x08\0\0\0\0\0");
    BINARY("PK\x03\x04\x14\0\0\0");
    BINARY("\x7F" "ELF\x02\x01\x01");
}

Test(decode, binary_random_bytes_with_nuls)
{
    unsigned char buf[4096];
    unsigned x = 99;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        unsigned r = (x >> 16) & 0xFF;
        buf[i] = (unsigned char)(r < 80 ? 0 : r); /* about 30% NUL */
    }
    buf[0] = 'x'; /* no signature */
    expect_binary((const char *)buf, sizeof buf);
}

Test(decode, binary_controls_after_bom)
{
    char buf[600];
    memcpy(buf, "\xEF\xBB\xBF", 3);
    for (size_t i = 3; i < sizeof buf; i++)
        buf[i] = (char)(i % 4 == 0 ? 'a' : i % 32); /* mostly C0 controls */
    expect_binary(buf, sizeof buf);
}

Test(decode, text_with_some_controls_not_binary)
{
    char buf[1000];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)(i % 20 == 0 ? '\x01' : 'a' + i % 26); /* 5% controls */
    cr_expect(cd_text_decode(buf, sizeof buf, &out, &info));
    cr_expect_eq(info.controls, 50);
    cr_expect_eq(out.len, 950);
}

Test(decode, total_on_random_input)
{
    unsigned x = 7;
    for (int round = 0; round < 500; round++) {
        unsigned char s[300];
        size_t n = (size_t)(round * 7 % 300);
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            unsigned r = (x >> 16) & 0xFF;
            /* mostly text-like bytes, some high bytes and CRs */
            s[i] = (unsigned char)(r < 150 ? 'a' + r % 26 : r < 170 ? '\r' : r);
        }
        if (round % 5 == 1 && n >= 2) {
            s[0] = 0xFF;
            s[1] = 0xFE;
        }
        cd_buf b = {0};
        cd_decode_info i;
        if (cd_text_decode((const char *)s, n, &b, &i)) {
            cr_assert(cd_utf8_valid(b.data ? b.data : "", b.len));
            cr_assert_null(memchr(b.data ? b.data : "", '\r', b.len));
            cr_assert_null(memchr(b.data ? b.data : "", '\0', b.len));
        }
        cd_buf_free(&b);
    }
}

/* Linear time: 8 MB of mixed input decodes well within the limit. */
Test(decode, large_input_is_fast, .timeout = 60)
{
    const char *piece = "Kim\xE2\x80\x99s \xE2\x80\x9C" "full support\xE2\x80\x9D "
                        "Cafe\xCC\x81 \r\nline \xFF\0 end.\n";
    size_t plen = strlen(piece) + 8; /* the literal goes on past the NUL */
    size_t n = 8u << 20;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i += plen)
        memcpy(big + i, piece, i + plen <= n ? plen : n - i);
    clock_t t0 = clock();
    cr_assert(cd_text_decode(big, n, &out, &info));
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    cr_expect_lt(secs, 20.0);
    cr_expect_gt(info.nul, 0);
    cr_expect_gt(info.invalid, 0);
    cr_expect(cd_utf8_valid(out.data, out.len));
    free(big);
}

Test(decode, zalgo_is_linear, .timeout = 60)
{
    /* one base letter with 200,000 alternating combining marks */
    size_t marks = 200000;
    char *s = malloc(1 + 2 * marks);
    s[0] = 'a';
    for (size_t i = 0; i < marks; i++) {
        s[1 + 2 * i] = '\xCC';
        s[2 + 2 * i] = i % 2 ? '\x81' : '\x96'; /* U+0301 ccc 230, U+0316 ccc 220 */
    }
    cr_assert(cd_text_decode(s, 1 + 2 * marks, &out, &info));
    /* the first U+0301 composes with the base: á + the other marks */
    cr_expect_eq(cd_utf8_count(out.data, out.len), marks);
    cr_expect_eq(memcmp(out.data, "\xC3\xA1", 2), 0);
    free(s);
}

Test(decode, encoding_names)
{
    cr_expect_str_eq(cd_encoding_name(CD_ENC_UTF8), "UTF-8");
    cr_expect_str_eq(cd_encoding_name(CD_ENC_UTF16LE), "UTF-16LE");
    cr_expect_str_eq(cd_encoding_name(CD_ENC_UTF16BE), "UTF-16BE");
    cr_expect_str_eq(cd_encoding_name(CD_ENC_CP1252), "windows-1252");
    cr_expect_str_eq(cd_encoding_name(CD_ENC_UTF8_BOM), "UTF-8 (BOM)");
}

Test(decode, terminal_escape_sequences_removed_whole)
{
    /* CSI colour, OSC 8 hyperlink (ESC \\ and BEL ended), OSC 0 title */
    cr_assert(DECODE("A \x1b[31mred\x1b[0m word. \x1b]8;;http://x.test/\x1b\\link\x1b]8;;\x1b\\ "
                     "here.\x1b]0;owned\x07 End.\xc2\x9b" "2J done", &out, &info));
    cr_expect_str_eq(text(), "A red word. link here. End. done");
    cr_expect_gt(info.controls, 0);
}

Test(decode, unterminated_escape_cannot_hide_the_text)
{
    cd_buf in = {0};
    cd_buf_puts(&in, "Start \x1b]0;");
    for (int i = 0; i < 3000; i++)
        cd_buf_putc(&in, 'x');
    cd_buf_puts(&in, "\nThe article goes on.\n");
    cr_assert(cd_text_decode(in.data, in.len, &out, &info));
    cr_expect_not_null(strstr(out.data, "The article goes on."));
    cd_buf_free(&in);
}

Test(decode, vertical_tab_and_line_separators_are_line_breaks)
{
    /* Word exports line breaks as VT; NEL and U+2028 are line ends too:
     * words on both sides must never be glued together */
    cr_assert(DECODE("port\vflooded, dam\xc2\x85" "broke, city\xe2\x80\xa8" "wept", &out, &info));
    cr_expect_str_eq(text(), "port\nflooded, dam\nbroke, city\nwept");
}
