/* utf8.h — decoding and validating UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). */
#ifndef SCHEDE_UTF8_H
#define SCHEDE_UTF8_H

#include <stddef.h>

/* Decodes one code point at s; returns its length in bytes, 0 if the bytes
 * at s are not valid UTF-8 (or s points at the terminating NUL). */
size_t utf8_decode(const char *s, unsigned *cp);

/* Checks len bytes. Returns 1 if valid; otherwise 0 and *bad_offset is the
 * offset of the first byte that is not. */
int utf8_validate(const char *s, size_t len, size_t *bad_offset);

/* Number of code points in the first len bytes (invalid bytes count as one). */
size_t utf8_count(const char *s, size_t len);

#endif
