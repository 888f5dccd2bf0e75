/* utf8.c — strict UTF-8 decoding, counting, validation and repair. */
#include "claimdiff.h"

#include <string.h>

size_t cd_utf8_ascii_run(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
        i += 8;
    }
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

size_t cd_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp, bool *valid)
{
    uint32_t c;
    size_t need;
    uint32_t dummy_cp;
    bool dummy_valid;
    if (!cp)
        cp = &dummy_cp;
    if (!valid)
        valid = &dummy_valid;
    if (len == 0) {
        *cp = CD_REPLACEMENT_CHAR;
        *valid = false;
        return 0;
    }
    c = s[0];
    if (c < 0x80) {
        *cp = c;
        *valid = true;
        return 1;
    }
    /* lo/hi bound the second byte: this rejects overlongs (E0, F0),
     * surrogates (ED) and values above U+10FFFF (F4) in one test. */
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0xC2) {
        goto bad; /* continuation byte or overlong 2-byte lead */
    } else if (c < 0xE0) {
        need = 1;
        c &= 0x1F;
    } else if (c < 0xF0) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        c &= 0x0F;
    } else if (c < 0xF5) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        c &= 0x07;
    } else {
        goto bad;
    }
    if (len < 2 || s[1] < lo || s[1] > hi)
        goto bad;
    c = (c << 6) | (s[1] & 0x3Fu);
    for (size_t k = 2; k <= need; k++) {
        if (k >= len || (s[k] & 0xC0) != 0x80) {
            /* a truncated sequence: its maximal valid prefix becomes one
             * U+FFFD (Unicode's recommended practice, as WHATWG does) */
            *cp = CD_REPLACEMENT_CHAR;
            *valid = false;
            return k;
        }
        c = (c << 6) | (s[k] & 0x3Fu);
    }
    *cp = c;
    *valid = true;
    return need + 1;
bad:
    *cp = CD_REPLACEMENT_CHAR;
    *valid = false;
    return 1;
}

size_t cd_utf8_count(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0;
    while (i < len) {
        size_t a = cd_utf8_ascii_run((const char *)p + i, len - i);
        i += a;
        n += a;
        while (i < len && p[i] >= 0x80) {
            i += cd_utf8_decode(p + i, len - i, NULL, NULL);
            n++;
        }
    }
    return n;
}

bool cd_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        i += cd_utf8_ascii_run((const char *)p + i, len - i);
        while (i < len && p[i] >= 0x80) {
            bool ok;
            i += cd_utf8_decode(p + i, len - i, NULL, &ok);
            if (!ok)
                return false;
        }
    }
    return true;
}

size_t cd_utf8_repair(const char *s, size_t len, cd_buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0, bad = 0;
    if (len == 0)
        return 0;
    cd_buf_reserve(out, len);
    while (i < len) {
        size_t a = cd_utf8_ascii_run((const char *)p + i, len - i);
        i += a;
        while (i < len && p[i] >= 0x80) {
            bool ok;
            size_t n = cd_utf8_decode(p + i, len - i, NULL, &ok);
            if (ok) {
                i += n;
                continue;
            }
            cd_buf_append(out, s + run, i - run);
            cd_buf_append(out, "\xEF\xBF\xBD", 3);
            bad++;
            i += n;
            run = i;
        }
    }
    cd_buf_append(out, s + run, len - run);
    return bad;
}
