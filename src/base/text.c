#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

_Noreturn void out_of_memory(void)
{
    fputs("schede: memoria esaurita\n", stderr);
    exit(3);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory();
    return q;
}

void *xgrow(void *items, size_t n, size_t *cap, size_t item_size, size_t first)
{
    if (n < *cap)
        return items;
    *cap = *cap ? *cap * 2 : first;
    return xrealloc(items, *cap * item_size);
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return xstrdup("");
    char *p = xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

void strbuf_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    strbuf_puts(b, p);
    free(p);
}

void strbuf_reserve(StrBuf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
}

void strbuf_append(StrBuf *b, const char *s, size_t n)
{
    strbuf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_puts(StrBuf *b, const char *s) { strbuf_append(b, s, strlen(s)); }

void strbuf_json_string(StrBuf *b, const char *s)
{
    if (!s) {
        strbuf_puts(b, "null");
        return;
    }
    strbuf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            strbuf_printf(b, "\\%c", *p);
        else if (*p == '\n')
            strbuf_puts(b, "\\n");
        else if (*p < 0x20)
            strbuf_printf(b, "\\u%04x", *p);
        else
            strbuf_append(b, (const char *)p, 1);
    }
    strbuf_puts(b, "\"");
}

void strbuf_free(StrBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Base letter of a Latin-1 Supplement / Latin Extended-A letter, or 0. */
static char fold_accent(unsigned cp)
{
    static const char latin1[] = /* U+00C0 .. U+00FF */
        "aaaaaaaceeeeiiii"  /* ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ */
        "dnooooo\0ouuuuyts" /* ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß */
        "aaaaaaaceeeeiiii"  /* àáâãäåæçèéêëìíîï */
        "dnooooo\0ouuuuyty";/* ðñòóôõö÷øùúûüýþÿ */
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) {
        /* Latin Extended-A comes in case pairs; a coarse table of bases. */
        static const char ext[] =
            "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
            "iiiiiiiiii" "ii" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooooo"
            "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";
        _Static_assert(sizeof ext - 1 == 0x80, "one base per code point");
        size_t i = cp - 0x100;
        return i < sizeof ext - 1 ? ext[i] : 0;
    }
    return 0;
}

char *text_name_key(const char *name)
{
    StrBuf b = {0};
    const char *p = name;
    int pending_space = 0;
    while (*p) {
        unsigned cp;
        size_t n = utf8_decode(p, &cp);
        if (n == 0) { /* invalid byte: keep going, input was validated upstream */
            p++;
            continue;
        }
        p += n;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
            pending_space = b.len > 0;
            continue;
        }
        if (pending_space) {
            strbuf_append(&b, " ", 1);
            pending_space = 0;
        }
        char c;
        if (cp < 0x80)
            c = (cp >= 'A' && cp <= 'Z') ? (char)(cp - 'A' + 'a') : (char)cp;
        else if (cp == 0x2019 || cp == 0x2018 || cp == 0x60 || cp == 0xB4)
            c = '\'';
        else if ((c = fold_accent(cp)) == 0) {
            strbuf_append(&b, p - n, n);
            continue;
        }
        if (c == '`')
            c = '\'';
        strbuf_append(&b, &c, 1);
    }
    /* Punctuation around a name is noise of the source ("Lotti.", "Gregorini,"). */
    while (b.len > 0 && strchr(" .,;:", b.data[b.len - 1]))
        b.data[--b.len] = '\0';
    size_t lead = 0;
    while (lead < b.len && strchr(".,;:", b.data[lead]))
        lead++;
    if (!b.data)
        return xstrdup("");
    if (lead > 0)
        memmove(b.data, b.data + lead, b.len - lead + 1);
    return b.data;
}

/* Cents beyond what an unsigned long long holds (or not a number at all):
 * such values are absurd for a plan, but are printed, not undefined. */
#define MAX_CENTS 9.0e18

bool text_format_huge(char *buf, size_t size, double value, const char *suffix)
{
    if (isfinite(value) && fabs(round(value * 100.0)) < MAX_CENTS)
        return false;
    if (!isfinite(value)) {
        snprintf(buf, size, "%s%s", isnan(value) ? "?" : value < 0 ? "-∞" : "∞", suffix);
        return true;
    }
    /* "1,111e+23": %e never depends on the locale here (schede never calls
     * setlocale), but the decimal point is turned into a comma. */
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.3e", value);
    char *dot = strchr(tmp, '.');
    if (dot)
        *dot = ',';
    snprintf(buf, size, "%s%s", tmp, suffix);
    return true;
}

void text_format_number(char *buf, size_t size, double value)
{
    if (text_format_huge(buf, size, value, ""))
        return;
    /* Round to cents in integer arithmetic so that the locale never matters. */
    double r = round(value * 100.0);
    int neg = r < 0;
    if (neg)
        r = -r;
    unsigned long long cents = (unsigned long long)r;
    unsigned long long whole = cents / 100, frac = cents % 100;
    if (frac == 0)
        snprintf(buf, size, "%s%llu", neg ? "-" : "", whole);
    else if (frac % 10 == 0)
        snprintf(buf, size, "%s%llu,%llu", neg ? "-" : "", whole, frac / 10);
    else
        snprintf(buf, size, "%s%llu,%02llu", neg ? "-" : "", whole, frac);
}

size_t text_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t *row = xmalloc((lb + 1) * sizeof *row);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = diag + cost;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit) {
            free(row);
            return limit + 1;
        }
    }
    size_t d = row[lb];
    free(row);
    return d > limit ? limit + 1 : d;
}

void text_format_amount(char *buf, size_t size, double value)
{
    if (text_format_huge(buf, size, value, " \u20AC"))
        return;
    double r = round(value * 100.0);
    int neg = r < 0;
    unsigned long long cents = (unsigned long long)(neg ? -r : r);
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", cents / 100);
    /* Thousands separated by dots, from the right. */
    char grouped[48];
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[o++] = '.';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    snprintf(buf, size, "%s%s,%02llu \u20AC", neg ? "-" : "", grouped, cents % 100);
}

bool text_cerca(const char *hay, const char *needle)
{
    if (!needle || !*needle)
        return true;
    if (!hay)
        return false;
    char *h = text_name_key(hay), *n = text_name_key(needle);
    bool found = strstr(h, n) != NULL;
    free(h);
    free(n);
    return found;
}
