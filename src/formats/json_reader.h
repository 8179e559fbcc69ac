/* json_reader.h — reading the input files' JSON with cJSON, turning every
 * problem into a Diag.
 *
 * Parsing reports syntax errors with line and column; the typed getters
 * report a missing key or a value of the wrong type with its JSON path
 * ($.obiettivi[3].annualita[0].azioni[1].peso) and the objective's codice.
 * Shared by every loader (plan, achievement data, layouts). */
#ifndef SCHEDE_JSON_READER_H
#define SCHEDE_JSON_READER_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"

/* Deeper nesting than this is refused before cJSON sees it. */
#define JSON_MAX_DEPTH 100

typedef struct {
    DiagList *diags;
    const char *file;
    const char *codice; /* the objective being read, or NULL */
    int objective;      /* its index, -1 outside objectives */
} JsonCtx;

typedef enum { JSON_OPTIONAL, JSON_REQUIRED } JsonNeed;

/* Parses a whole file's text; text[len] must be the terminating NUL. Returns NULL after adding an error (empty
 * file, too deep, syntax error with line:column). A UTF-8 byte-order mark is
 * skipped. Every string and key is then checked to be valid UTF-8. */
cJSON *json_parse_text(JsonCtx *ctx, const char *text, size_t len);

/* Paths: "$.a" + "b" → "$.a.b"; "$.a" + 3 → "$.a[3]". New strings. */
char *json_path_key(const char *base, const char *key);
char *json_path_index(const char *base, size_t index);

void json_error(JsonCtx *ctx, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void json_warning(JsonCtx *ctx, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Unknown keys are warnings (the key is named, with the closest known key
 * when one is close); a key written twice is an error, since one of the two
 * values would be lost. allowed is NULL-terminated; NULL allows any key
 * (a map such as {"C1": 9}: only keys written twice are reported). */
void json_check_keys(JsonCtx *ctx, const cJSON *object, const char *path,
                     const char *const allowed[]);

/* The typed getters. A JSON null counts as absent. Each returns true when
 * the key is present with the right type and stores the value; otherwise it
 * reports (missing and required → error; wrong type → error) and returns
 * false, leaving *out untouched. */
bool json_get_string(JsonCtx *ctx, const cJSON *obj, const char *path,
                     const char *key, JsonNeed need, char **out);
bool json_get_number(JsonCtx *ctx, const cJSON *obj, const char *path,
                     const char *key, JsonNeed need, double *out);
bool json_get_int(JsonCtx *ctx, const cJSON *obj, const char *path,
                  const char *key, JsonNeed need, int *out);
bool json_get_bool(JsonCtx *ctx, const cJSON *obj, const char *path,
                   const char *key, JsonNeed need, bool *out);
/* Returns the array or NULL. */
const cJSON *json_get_array(JsonCtx *ctx, const cJSON *obj, const char *path,
                            const char *key, JsonNeed need);
const cJSON *json_get_object(JsonCtx *ctx, const cJSON *obj, const char *path,
                             const char *key, JsonNeed need);

/* Calls fn for each element of the array arr that is an object, with the
 * element's path (base[i]); every other element is reported as an error.
 * user is passed through to fn. */
typedef void (*JsonObjectFn)(JsonCtx *ctx, const cJSON *obj, const char *path, void *user);
void json_each_object(JsonCtx *ctx, const cJSON *arr, const char *base, JsonObjectFn fn, void *user);

/* Checks that an already-fetched item is an object; reports otherwise. */
bool json_expect_object(JsonCtx *ctx, const cJSON *item, const char *path);

/* A number that is a whole int. */
bool json_number_is_int(double v);

#endif
