/* datetime.c — find a calendar date in a line of text (bylines, datelines).
 *
 * Accepted shapes (first plausible one wins, scanning left to right):
 *   2023-06-12, 2023/06/12, 2023.06.12, 2023-06-12T12:16:00Z
 *   06/12/23, 6-12-2023, 12.06.2023      month first unless the first field > 12
 *   June 12, 2023   Jun 12 2023   Sept. 13, 2023   June 12th, 2023
 *   Monday, June 12, 2023 (the weekday is simply skipped)
 *   12 June 2023    12th of June, 2023   12 Sept. 2023
 * Years 1900–2100; two-digit years are 20YY; the day must exist in that month.
 * Everything is bounded by len: no NUL terminator is needed.
 */
#include "fetch.h"

#include <string.h>

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static bool valid_ymd(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
    return d <= max;
}

static bool emit(int y, int m, int d, char out[11])
{
    if (!valid_ymd(y, m, d))
        return false;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return true;
}

/* Read a run of digits at s[*i]; at most maxd digits are accepted, a longer
 * run fails. *ndig gets the number of digits. */
static bool read_num(const unsigned char *s, size_t len, size_t *i, int maxd,
                     int *val, int *ndig)
{
    size_t j = *i;
    int v = 0, n = 0;
    while (j < len && is_digit(s[j])) {
        if (++n > maxd)
            return false;
        v = v * 10 + (s[j] - '0');
        j++;
    }
    if (n == 0)
        return false;
    *val = v;
    *ndig = n;
    *i = j;
    return true;
}

static size_t skip_spaces(const unsigned char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Month name (full, or abbreviated with optional '.') at s[i], as a whole
 * word. Returns 1..12 and advances *i past it, or 0. */
static int read_month(const unsigned char *s, size_t len, size_t *i)
{
    static const char *const full[12] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    size_t j = *i, n = 0;
    char w[12];
    while (j < len && is_alpha(s[j])) {
        if (n >= sizeof w - 1)
            return 0;
        w[n++] = (char)lower(s[j]);
        j++;
    }
    w[n] = '\0';
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        if (strcmp(w, full[m]) == 0) {
            *i = j;
            return m + 1;
        }
    }
    /* Abbreviations: the first three letters, and "sept". "May" has none. */
    for (int m = 0; m < 12; m++) {
        if (m == 4)
            continue;
        bool abbr = (n == 3 && strncmp(w, full[m], 3) == 0) ||
                    (m == 8 && strcmp(w, "sept") == 0);
        if (abbr) {
            if (j < len && s[j] == '.')
                j++;
            *i = j;
            return m + 1;
        }
    }
    return 0;
}

/* Optional ordinal suffix after a day number: 1st 2nd 3rd 4th. */
static size_t skip_ordinal(const unsigned char *s, size_t len, size_t i)
{
    if (i + 1 < len) {
        unsigned char a = lower(s[i]), b = lower(s[i + 1]);
        bool ord = (a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                   (a == 'r' && b == 'd') || (a == 't' && b == 'h');
        if (ord && (i + 2 >= len || !is_alnum(s[i + 2])))
            return i + 2;
    }
    return i;
}

/* A four-digit year at s[i] that is not part of a longer number — except
 * a time glued to it by a careless copy ("20235:14 PM" = 2023 5:14 PM). */
static bool read_year4(const unsigned char *s, size_t len, size_t i, int *y)
{
    int v = 0;
    for (int k = 0; k < 4; k++, i++) {
        if (i >= len || !is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *y = v;
    if (i >= len || !is_digit(s[i]))
        return true;
    size_t j = i;
    while (j < len && j - i < 3 && is_digit(s[j]))
        j++;
    return j - i <= 2 && j + 2 < len && s[j] == ':' && is_digit(s[j + 1]) &&
           is_digit(s[j + 2]);
}

/* "June 12, 2023", "Jun 12 2023", "Sept. 13, 2023", "June 12th, 2023". */
static bool try_month_first(const unsigned char *s, size_t len, size_t i, char out[11])
{
    int m = read_month(s, len, &i);
    if (!m)
        return false;
    if (i < len && is_alpha(s[i]))
        return false;
    i = skip_spaces(s, len, i);
    int d, nd, y;
    if (!read_num(s, len, &i, 2, &d, &nd))
        return false;
    i = skip_ordinal(s, len, i);
    if (i < len && s[i] == ',')
        i++;
    size_t j = skip_spaces(s, len, i);
    if (j == i && !(i > 0 && s[i - 1] == ','))
        return false;
    if (!read_year4(s, len, j, &y))
        return false;
    return emit(y, m, d, out);
}

/* "12 June 2023", "12th of June, 2023", "12 Sept. 2023". */
static bool try_day_first(const unsigned char *s, size_t len, size_t i, char out[11])
{
    int d, nd, y;
    if (!read_num(s, len, &i, 2, &d, &nd))
        return false;
    i = skip_ordinal(s, len, i);
    size_t j = skip_spaces(s, len, i);
    if (j == i)
        return false;
    if (j + 3 <= len && lower(s[j]) == 'o' && lower(s[j + 1]) == 'f' && s[j + 2] == ' ')
        j = skip_spaces(s, len, j + 2);
    int m = read_month(s, len, &j);
    if (!m)
        return false;
    if (j < len && s[j] == ',')
        j++;
    size_t k = skip_spaces(s, len, j);
    if (k == j && !(j > 0 && s[j - 1] == ','))
        return false;
    if (!read_year4(s, len, k, &y))
        return false;
    return emit(y, m, d, out);
}

/* Numeric forms: Y-M-D (year first, 4 digits) or A/B/Y with A month unless
 * A > 12. The two separators must be the same. */
static bool try_numeric(const unsigned char *s, size_t len, size_t i, char out[11])
{
    int a, b, c, na, nb, nc;
    if (!read_num(s, len, &i, 4, &a, &na))
        return false;
    if (i >= len || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
        return false;
    unsigned char sep = s[i++];
    if (!read_num(s, len, &i, 2, &b, &nb))
        return false;
    if (i >= len || s[i] != sep)
        return false;
    i++;
    if (!read_num(s, len, &i, 4, &c, &nc))
        return false;
    /* Not part of a longer dotted or slashed sequence (versions, IPs). */
    if (i < len && is_alnum(s[i]) && !(na == 4 && s[i] == 'T'))
        return false;
    if (i + 1 < len && s[i] == sep && is_digit(s[i + 1]))
        return false;
    if (na == 4) {
        if (nc > 2)
            return false;
        return emit(a, b, c, out);
    }
    if (na > 2 || (nc != 2 && nc != 4))
        return false;
    int y = nc == 2 ? 2000 + c : c;
    if (a > 12)
        return emit(y, b, a, out);
    return emit(y, a, b, out);
}

bool cd_date_find(const char *str, size_t len, char out[11])
{
    const unsigned char *s = (const unsigned char *)str;
    if (!s || !out)
        return false;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        bool boundary = i == 0 || !is_alnum(s[i - 1]);
        if (boundary && is_digit(c)) {
            if (try_numeric(s, len, i, out) || try_day_first(s, len, i, out))
                return true;
            while (i < len && is_digit(s[i]))
                i++;
            continue;
        }
        if (boundary && is_alpha(c)) {
            if (try_month_first(s, len, i, out))
                return true;
            while (i < len && is_alpha(s[i]))
                i++;
            continue;
        }
        i++;
    }
    return false;
}
