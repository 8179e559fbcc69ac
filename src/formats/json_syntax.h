/* json_syntax.h — finds the first syntax error of a JSON text (RFC 8259),
 * with its exact offset and an Italian explanation a non-programmer can act
 * on. Iterative, so any nesting depth is safe; nesting beyond max_depth is
 * itself reported. cJSON parses the text only once this says it is valid:
 * its own error positions are not precise enough for people editing by hand. */
#ifndef SCHEDE_JSON_SYNTAX_H
#define SCHEDE_JSON_SYNTAX_H

#include <stddef.h>

typedef struct {
    size_t offset;       /* byte offset of the offending character (len at end of file) */
    const char *message; /* static Italian text */
} JsonSyntaxError;

/* Returns 1 when text[0..len) is one valid JSON value (surrounded by
 * whitespace only); otherwise 0 and *err says where and why. */
int json_syntax_check(const char *text, size_t len, int max_depth, JsonSyntaxError *err);

#endif
