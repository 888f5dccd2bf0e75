/* decode.c — raw bytes of a text file to clean NFC UTF-8.
 *
 * One pass per encoding writes code points through the same cleaning rules
 * (CR/CRLF -> LF, NUL and controls dropped and counted) into a scratch
 * buffer sized for the worst case, then cd_nfc() appends to the output. */
#include "claimdiff.h"

#include <stdlib.h>
#include <string.h>

#define SNIFF_BYTES (64u * 1024u)

/* ------------------------------------------------------------- binary */

typedef struct {
    const char *magic;
    size_t len;
} signature;

static const signature signatures[] = {
    {"\x89PNG\r\n\x1A\n", 8},
    {"\xFF\xD8\xFF", 3},              /* JPEG */
    {"GIF87a", 6},
    {"GIF89a", 6},
    {"%PDF-", 5},
    {"\x1F\x8B", 2},                  /* gzip */
    {"PK\x03\x04", 4},                /* zip (also docx, epub, jar) */
    {"PK\x05\x06", 4},                /* empty zip */
    {"PK\x07\x08", 4},                /* spanned zip */
    {"\x7F" "ELF", 4},
    {"\xFD" "7zXZ\x00", 6},           /* xz */
    {"\x28\xB5\x2F\xFD", 4},          /* zstd */
    {"7z\xBC\xAF\x27\x1C", 6},        /* 7-Zip */
    {"BZh", 3},                       /* bzip2: checked further below */
    {"SQLite format 3\x00", 16},
    {"\x00" "asm", 4},                /* WebAssembly */
    {"OggS\x00", 5},
    {"\xCA\xFE\xBA\xBE", 4},          /* Mach-O fat / Java class */
    {"\xCF\xFA\xED\xFE", 4},          /* Mach-O 64 */
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8}, /* OLE2 (doc, xls) */
};

static bool has_signature(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < sizeof signatures / sizeof signatures[0]; i++) {
        const signature *s = &signatures[i];
        if (len < s->len || memcmp(p, s->magic, s->len) != 0)
            continue;
        if (s->magic[0] == 'B') {
            /* "BZh" + block size digit + block magic 0x314159265359 */
            if (len >= 10 && p[3] >= '1' && p[3] <= '9'
                && memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0)
                return true;
            continue;
        }
        return true;
    }
    /* RIFF containers (WebP, WAV, AVI) and ISO media (MP4, HEIC) */
    if (len >= 12 && memcmp(p, "RIFF", 4) == 0
        && (memcmp(p + 8, "WEBP", 4) == 0 || memcmp(p + 8, "WAVE", 4) == 0
            || memcmp(p + 8, "AVI ", 4) == 0))
        return true;
    if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0 && p[0] == 0)
        return true;
    return false;
}

/* Too many NULs or non-white-space C0 controls to be text. A handful of
 * stray ones (fewer than 8) never make a file binary. */
static bool too_many_controls(size_t bad, size_t n)
{
    return bad >= 8 && bad * 10 > n;
}

static bool is_bad_c0(unsigned c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r';
}

static bool looks_binary_bytes(const unsigned char *p, size_t len)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES, bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += is_bad_c0(p[i]);
    return too_many_controls(bad, n);
}

static bool looks_binary_utf16(const unsigned char *p, size_t len, bool be)
{
    size_t n = (len < SNIFF_BYTES ? len : SNIFF_BYTES) / 2, bad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned u = be ? (unsigned)(p[2 * i] << 8 | p[2 * i + 1])
                        : (unsigned)(p[2 * i + 1] << 8 | p[2 * i]);
        bad += is_bad_c0(u);
    }
    return too_many_controls(bad, n);
}

/* ----------------------------------------------------------- cleaning */

typedef enum { ESC_NONE, ESC_START, ESC_CSI, ESC_STRING, ESC_STRING_END } esc_state;

typedef struct {
    unsigned char *w;   /* write position in the scratch buffer */
    bool after_cr;      /* the previous code point was a CR (now an LF) */
    esc_state esc;      /* inside a terminal escape sequence */
    size_t esc_len;     /* code points swallowed by the current sequence */
    cd_decode_info *info;
} sink;

/* Longest escape sequences swallowed whole; an unterminated one longer than
 * this is abandoned so that it cannot hide the rest of the text. */
#define CSI_MAX 64
#define STRING_MAX 1024

/* Terminal escape sequences (ECMA-48) are removed whole, not just their ESC:
 * CSI "ESC [ … final", OSC/DCS/APC/PM/SOS "ESC ] … BEL or ESC \", the C1
 * forms 0x9B and 0x9D, and two-character escapes. Returns true when cp was
 * consumed as part of a sequence. */
static bool in_escape(sink *k, uint32_t cp)
{
    switch (k->esc) {
    case ESC_NONE:
        if (cp == 0x1B) {
            k->esc = ESC_START;
        } else if (cp == 0x9B) {
            k->esc = ESC_CSI;
        } else if (cp == 0x9D || cp == 0x90 || cp == 0x9E || cp == 0x9F || cp == 0x98) {
            k->esc = ESC_STRING;
        } else {
            return false;
        }
        k->esc_len = 0;
        k->info->controls++;
        return true;
    case ESC_START:
        if (cp == '[')
            k->esc = ESC_CSI;
        else if (cp == ']' || cp == 'P' || cp == 'X' || cp == '^' || cp == '_')
            k->esc = ESC_STRING;
        else
            k->esc = ESC_NONE; /* a two-character escape: drop both */
        return true;
    case ESC_CSI:
        if (cp >= 0x40 && cp <= 0x7E) {
            k->esc = ESC_NONE;
            return true;
        }
        if (cp < 0x20 || cp > 0x7E || ++k->esc_len > CSI_MAX) {
            k->esc = ESC_NONE; /* not a CSI after all: keep this one */
            return false;
        }
        return true;
    case ESC_STRING:
        if (cp == 0x07 || cp == 0x9C) {
            k->esc = ESC_NONE;
            return true;
        }
        if (cp == 0x1B) {
            k->esc = ESC_STRING_END;
            return true;
        }
        if (cp == '\n' || ++k->esc_len > STRING_MAX) {
            k->esc = ESC_NONE;
            return false;
        }
        return true;
    case ESC_STRING_END:
        k->esc = ESC_NONE;
        if (cp == '\\')
            return true;
        return in_escape(k, cp); /* ESC then something else: a new escape */
    }
    return false;
}

static void put_utf8(sink *k, uint32_t cp)
{
    unsigned char *w = k->w;
    if (cp < 0x80) {
        *w++ = (unsigned char)cp;
    } else if (cp < 0x800) {
        *w++ = (unsigned char)(0xC0 | (cp >> 6));
        *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = (unsigned char)(0xE0 | (cp >> 12));
        *w++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (unsigned char)(0xF0 | (cp >> 18));
        *w++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        *w++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    k->w = w;
}

/* Emit one decoded code point through the cleaning rules. */
static void emit(sink *k, uint32_t cp)
{
    if (in_escape(k, cp))
        return;
    bool cr = k->after_cr;
    k->after_cr = false;
    if (cp >= 0x20 && cp != 0x7F && (cp < 0x80 || cp > 0x9F) && cp != 0x2028 && cp != 0x2029) {
        put_utf8(k, cp);
    } else if (cp == '\n') {
        if (!cr)
            *k->w++ = '\n';
    } else if (cp == '\r') {
        *k->w++ = '\n';
        k->after_cr = true;
    } else if (cp == '\t' || cp == '\f') {
        *k->w++ = (unsigned char)cp;
    } else if (cp == '\v' || cp == 0x85 || cp == 0x2028) {
        *k->w++ = '\n'; /* vertical tab (Word's line break), NEL, LINE SEPARATOR */
    } else if (cp == 0x2029) {
        *k->w++ = '\n'; /* PARAGRAPH SEPARATOR: a blank line */
        *k->w++ = '\n';
    } else if (cp == 0) {
        k->info->nul++;
    } else {
        k->info->controls++;
    }
}

static void emit_invalid(sink *k)
{
    k->info->invalid++;
    emit(k, CD_REPLACEMENT_CHAR);
}

/* Bytes that pass the cleaning rules unchanged: printable ASCII, TAB, LF
 * (unless right after a CR, handled by emit), FF. */
static bool plain_ascii(unsigned char c)
{
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\f';
}

static void decode_utf8(const unsigned char *p, size_t len, sink *k)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (k->esc == ESC_NONE && j < len && plain_ascii(p[j]))
            j++;
        if (j > i) {
            memcpy(k->w, p + i, j - i);
            k->w += j - i;
            k->after_cr = false;
            i = j;
            if (i >= len)
                break;
        }
        uint32_t cp;
        bool ok;
        i += cd_utf8_decode(p + i, len - i, &cp, &ok);
        if (ok)
            emit(k, cp);
        else
            emit_invalid(k);
    }
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined slots. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

uint32_t cd_cp1252_decode(unsigned char c)
{
    if (c < 0x80 || c > 0x9F)
        return c;
    return cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : CD_REPLACEMENT_CHAR;
}

static void decode_cp1252(const unsigned char *p, size_t len, sink *k)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t cp = cd_cp1252_decode(p[i]);
        if (cp == CD_REPLACEMENT_CHAR)
            emit_invalid(k);
        else
            emit(k, cp);
    }
}

static void decode_utf16(const unsigned char *p, size_t len, bool be, sink *k)
{
    size_t i = 0;
    while (i + 1 < len) {
        uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            uint32_t v = be ? (uint32_t)(p[i] << 8 | p[i + 1])
                            : (uint32_t)(p[i + 1] << 8 | p[i]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                i += 2;
                emit(k, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF)
            emit_invalid(k); /* lone surrogate */
        else
            emit(k, u);
    }
    if (i < len)
        emit_invalid(k); /* odd trailing byte */
}

/* Whether the input is not UTF-8 at all: no valid multi-byte sequence and
 * at least one invalid byte. Stops at the first valid multi-byte sequence. */
static bool want_cp1252(const unsigned char *p, size_t len)
{
    size_t i = 0;
    bool invalid = false;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        bool ok;
        i += cd_utf8_decode(p + i, len - i, NULL, &ok);
        if (ok)
            return false;
        invalid = true;
    }
    return invalid;
}

bool cd_text_decode(const char *bytes, size_t len, cd_buf *out, cd_decode_info *info)
{
    static const unsigned char empty[1] = {0};
    const unsigned char *p = bytes ? (const unsigned char *)bytes : empty;
    cd_decode_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    info->encoding = CD_ENC_UTF8;
    if (!bytes)
        len = 0;

    if (has_signature(p, len)) {
        info->binary = true;
        return false;
    }
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        info->encoding = CD_ENC_UTF8_BOM;
        p += 3;
        len -= 3;
    } else if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        info->encoding = CD_ENC_UTF16LE;
        p += 2;
        len -= 2;
    } else if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        info->encoding = CD_ENC_UTF16BE;
        p += 2;
        len -= 2;
    }

    bool utf16 = info->encoding == CD_ENC_UTF16LE || info->encoding == CD_ENC_UTF16BE;
    bool be = info->encoding == CD_ENC_UTF16BE;
    if (utf16 ? looks_binary_utf16(p, len, be) : looks_binary_bytes(p, len)) {
        info->binary = true;
        return false;
    }
    if (info->encoding == CD_ENC_UTF8 && want_cp1252(p, len))
        info->encoding = CD_ENC_CP1252;

    /* Worst case 3 output bytes per input byte (an invalid byte or a
     * cp1252 byte becoming a 3-byte sequence). */
    if (len > (SIZE_MAX - 16) / 3)
        cd_die_oom();
    unsigned char *tmp = cd_xmalloc(3 * len + 16);
    sink k = {.w = tmp, .after_cr = false, .esc = ESC_NONE, .info = info};
    if (utf16)
        decode_utf16(p, len, be, &k);
    else if (info->encoding == CD_ENC_CP1252)
        decode_cp1252(p, len, &k);
    else
        decode_utf8(p, len, &k);
    cd_nfc((const char *)tmp, (size_t)(k.w - tmp), out);
    free(tmp);
    return true;
}

const char *cd_encoding_name(cd_encoding e)
{
    switch (e) {
    case CD_ENC_UTF8: return "UTF-8";
    case CD_ENC_UTF8_BOM: return "UTF-8 (BOM)";
    case CD_ENC_UTF16LE: return "UTF-16LE";
    case CD_ENC_UTF16BE: return "UTF-16BE";
    case CD_ENC_CP1252: return "windows-1252";
    }
    return "unknown";
}
