/* text.h — allocation that never returns NULL, formatted strings, and the
 * normalisation used to recognise one name under several spellings. */
#ifndef SCHEDE_TEXT_H
#define SCHEDE_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* "schede: memoria esaurita" and exit code 3: what every failed allocation does. */
_Noreturn void out_of_memory(void);
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* A growing array with room for one more item after its n: doubles *cap
 * when full (first: the capacity of an empty one). Returns the array. */
void *xgrow(void *items, size_t n, size_t *cap, size_t item_size, size_t first);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))

#endif
char *xasprintf(const char *fmt, ...);
char *xvasprintf(const char *fmt, va_list ap);

/* A growable string. */
typedef struct {
    char *data;
    size_t len, cap;
} StrBuf;

void strbuf_append(StrBuf *b, const char *s, size_t n);
/* Room for n more bytes (and the terminating NUL) without reallocating. */
void strbuf_reserve(StrBuf *b, size_t n);
void strbuf_puts(StrBuf *b, const char *s);
void strbuf_printf(StrBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void strbuf_free(StrBuf *b);

/* Appends s as a JSON string ("…" with \", \\, \n and \u00XX escapes), or
 * null for NULL. */
void strbuf_json_string(StrBuf *b, const char *s);

/* The key under which two spellings of a name are the same person:
 * lower case, accents removed (à → a), ’ ‘ ` → ', runs of spaces folded,
 * ends trimmed of spaces and of . , ; : ("Lotti." → "lotti").
 * "  D’Agostino  MARÌA " → "d'agostino maria". Input must be
 * valid UTF-8. Returns a new string. */
char *text_name_key(const char *name);

/* A number as an Italian reader writes it in a message: 125, 99,5, 12,25.
 * Up to two decimals, trailing zeros dropped, no thousands separator.
 * Independent of the process locale. */
void text_format_number(char *buf, size_t size, double value);

/* An amount in euro as printed on the form: 108000 → "108.000,00 €",
 * -1234.5 → "-1.234,50 €". Rounded to the cent, independent of the locale. */
void text_format_amount(char *buf, size_t size, double value);

/* Values too large to round to the cent (|value| ≥ 9·10^16) or not finite
 * are written "1,111e+23" + suffix ("∞", "?" for NaN) by the formatters
 * above and rule_format_percent: returns true when it wrote buf. */
bool text_format_huge(char *buf, size_t size, double value, const char *suffix);

/* Whether needle (NULL or empty: anything) is found in hay ignoring case,
 * accents and repeated spaces (text_name_key of both): a search box's test. */
bool text_cerca(const char *hay, const char *needle);

/* Levenshtein distance between two strings, counted in bytes; stops early
 * and returns limit + 1 once the distance exceeds limit. */
size_t text_edit_distance(const char *a, const char *b, size_t limit);
#endif
