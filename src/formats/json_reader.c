#include "json_reader.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_syntax.h"
#include "text.h"
#include "utf8.h"

static void add_v(JsonCtx *ctx, DiagSeverity sev, const char *path,
                  const char *fmt, va_list ap)
{
    char *msg = xvasprintf(fmt, ap);
    diag_add(ctx->diags, sev, ctx->file, path, ctx->codice, ctx->objective, "%s", msg);
    free(msg);
}

void json_error(JsonCtx *ctx, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(ctx, DIAG_ERROR, path, fmt, ap);
    va_end(ap);
}

void json_warning(JsonCtx *ctx, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(ctx, DIAG_WARNING, path, fmt, ap);
    va_end(ap);
}

/* ---- positions ---------------------------------------------------------- */

static void position_of(const char *text, size_t offset, int *line, int *column)
{
    int l = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++)
        if (text[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    *line = l;
    *column = (int)utf8_count(text + line_start, offset - line_start) + 1;
}

/* A short quote of the text at offset, for the syntax error message. */
static char *snippet_at(const char *text, size_t len, size_t offset)
{
    size_t end = offset;
    size_t chars = 0;
    while (end < len && text[end] != '\n' && text[end] != '\r' && chars < 20) {
        end++;
        if (((unsigned char)text[end] & 0xC0) != 0x80)
            chars++;
    }
    char *s = xstrndup(text + offset, end - offset);
    size_t bad;
    if (!utf8_validate(s, strlen(s), &bad))
        s[bad] = '\0';
    return s;
}

static bool tree_is_utf8(const cJSON *item);
static void check_utf8_tree(JsonCtx *ctx, const cJSON *item, const char *path);

cJSON *json_parse_text(JsonCtx *ctx, const char *text, size_t len)
{
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    size_t i = start;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    if (i == len) {
        diag_add(ctx->diags, DIAG_ERROR, ctx->file, NULL, NULL, -1,
                 "il file è vuoto: ci si aspettava un documento JSON");
        return NULL;
    }
    if (memchr(text, '\0', len)) {
        size_t nul = (size_t)((const char *)memchr(text, '\0', len) - text);
        int line, col;
        position_of(text, nul, &line, &col);
        diag_add_at(ctx->diags, DIAG_ERROR, ctx->file, line, col,
                    "il file contiene un byte nullo: non è un testo JSON");
        return NULL;
    }
    JsonSyntaxError err;
    if (!json_syntax_check(text + start, len - start, JSON_MAX_DEPTH, &err)) {
        size_t off = start + err.offset;
        int line, col;
        position_of(text, off, &line, &col);
        char *snip = off < len ? snippet_at(text, len, off) : NULL;
        if (snip && *snip)
            diag_add_at(ctx->diags, DIAG_ERROR, ctx->file, line, col, "%s, vicino a «%s»", err.message, snip);
        else
            diag_add_at(ctx->diags, DIAG_ERROR, ctx->file, line, col, "%s", err.message);
        free(snip);
        return NULL;
    }
    /* The length includes the terminating NUL: cJSON 1.7.15 checks for it
     * when told that nothing may follow the document. */
    cJSON *root = cJSON_ParseWithLengthOpts(text + start, len - start + 1, NULL, 1);
    if (!root) {
        /* Valid JSON that cJSON still refuses: only memory exhaustion. */
        diag_add(ctx->diags, DIAG_ERROR, ctx->file, NULL, NULL, -1,
                 "impossibile leggere il documento JSON (memoria insufficiente?)");
        return NULL;
    }
    if (!tree_is_utf8(root))
        check_utf8_tree(ctx, root, "$"); /* find and name every bad string */
    return root;
}

/* ---- paths -------------------------------------------------------------- */

static int is_plain_key(const char *key)
{
    if (!*key)
        return 0;
    for (const char *p = key; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return 0;
    return 1;
}

char *json_path_key(const char *base, const char *key)
{
    if (is_plain_key(key))
        return xasprintf("%s.%s", base, key);
    return xasprintf("%s[\"%s\"]", base, key);
}

char *json_path_index(const char *base, size_t index)
{
    return xasprintf("%s[%zu]", base, index);
}

/* ---- UTF-8 of every string ------------------------------------------------ */

static void report_bad_utf8(JsonCtx *ctx, const char *path, const char *what,
                            const char *s)
{
    size_t bad = 0;
    if (utf8_validate(s, strlen(s), &bad))
        return;
    size_t chars = utf8_count(s, bad);
    json_error(ctx, path,
               "%s non è UTF-8 valido: byte 0x%02X al carattere %zu (il file va salvato in UTF-8)",
               what, (unsigned char)s[bad], chars + 1);
}

/* Whether every key and string below item is valid UTF-8: the common case,
 * checked without building any path. */
static bool tree_is_utf8(const cJSON *item)
{
    for (const cJSON *c = item->child; c; c = c->next) {
        if (c->string && !utf8_validate(c->string, strlen(c->string), NULL))
            return false;
        if (cJSON_IsString(c) && c->valuestring && !utf8_validate(c->valuestring, strlen(c->valuestring), NULL))
            return false;
        if ((cJSON_IsArray(c) || cJSON_IsObject(c)) && !tree_is_utf8(c))
            return false;
    }
    return true;
}

static void check_utf8_tree(JsonCtx *ctx, const cJSON *item, const char *path)
{
    size_t index = 0;
    for (const cJSON *c = item->child; c; c = c->next, index++) {
        char *child_path;
        if (cJSON_IsObject(item) && c->string) {
            size_t bad;
            if (!utf8_validate(c->string, strlen(c->string), &bad)) {
                report_bad_utf8(ctx, path, "il nome di una chiave", c->string);
                continue;
            }
            child_path = json_path_key(path, c->string);
        } else {
            child_path = json_path_index(path, index);
        }
        if (cJSON_IsString(c) && c->valuestring)
            report_bad_utf8(ctx, child_path, "il testo", c->valuestring);
        else if (cJSON_IsArray(c) || cJSON_IsObject(c))
            check_utf8_tree(ctx, c, child_path);
        free(child_path);
    }
}

/* ---- keys ---------------------------------------------------------------- */

static const char *closest_key(const char *key, const char *const allowed[])
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; allowed[i]; i++) {
        size_t d = text_edit_distance(key, allowed[i], 2);
        if (d < best_d) {
            best_d = d;
            best = allowed[i];
        }
    }
    return best;
}

void json_check_keys(JsonCtx *ctx, const cJSON *object, const char *path,
                     const char *const allowed[])
{
    for (const cJSON *c = object->child; c; c = c->next) {
        if (!c->string)
            continue;
        for (const cJSON *prev = object->child; prev != c; prev = prev->next)
            if (prev->string && strcmp(prev->string, c->string) == 0) {
                char *p = json_path_key(path, c->string);
                json_error(ctx, p, "la chiave «%s» è scritta due volte nello stesso oggetto: "
                                   "uno dei due valori andrebbe perso", c->string);
                free(p);
                break;
            }
        int known = allowed == NULL; /* a map of free keys: only duplicates matter */
        for (size_t i = 0; allowed && allowed[i]; i++)
            if (strcmp(allowed[i], c->string) == 0) {
                known = 1;
                break;
            }
        if (known)
            continue;
        char *p = json_path_key(path, c->string);
        const char *near = closest_key(c->string, allowed);
        if (near)
            json_warning(ctx, p, "chiave sconosciuta «%s», ignorata (forse «%s»?)",
                         c->string, near);
        else
            json_warning(ctx, p, "chiave sconosciuta «%s», ignorata", c->string);
        free(p);
    }
}

/* ---- typed getters ------------------------------------------------------- */

static const char *kind_of(const cJSON *v)
{
    if (cJSON_IsString(v)) return "un testo";
    if (cJSON_IsNumber(v)) return "un numero";
    if (cJSON_IsBool(v)) return "vero/falso";
    if (cJSON_IsArray(v)) return "un elenco";
    if (cJSON_IsObject(v)) return "un oggetto";
    return "null";
}

/* The member, or NULL after reporting a missing required key. */
static const cJSON *member(JsonCtx *ctx, const cJSON *obj, const char *path,
                           const char *key, JsonNeed need)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (v && cJSON_IsNull(v))
        v = NULL;
    if (!v && need == JSON_REQUIRED) {
        char *p = json_path_key(path, key);
        json_error(ctx, p, "manca «%s», che è obbligatorio", key);
        free(p);
    }
    return v;
}

static void wrong_type(JsonCtx *ctx, const char *path, const char *key,
                       const char *expected, const cJSON *v)
{
    char *p = json_path_key(path, key);
    json_error(ctx, p, "«%s» deve essere %s, non %s", key, expected, kind_of(v));
    free(p);
}

bool json_get_string(JsonCtx *ctx, const cJSON *obj, const char *path,
                     const char *key, JsonNeed need, char **out)
{
    const cJSON *v = member(ctx, obj, path, key, need);
    if (!v)
        return false;
    if (!cJSON_IsString(v)) {
        wrong_type(ctx, path, key, "un testo", v);
        return false;
    }
    *out = xstrdup(v->valuestring);
    return true;
}

bool json_number_is_int(double v)
{
    return isfinite(v) && v == floor(v) && v >= INT_MIN && v <= INT_MAX;
}

bool json_get_number(JsonCtx *ctx, const cJSON *obj, const char *path,
                     const char *key, JsonNeed need, double *out)
{
    const cJSON *v = member(ctx, obj, path, key, need);
    if (!v)
        return false;
    if (!cJSON_IsNumber(v)) {
        if (cJSON_IsString(v))
            wrong_type(ctx, path, key, "un numero (senza virgolette, con il punto decimale)", v);
        else
            wrong_type(ctx, path, key, "un numero", v);
        return false;
    }
    if (!isfinite(v->valuedouble)) {
        char *p = json_path_key(path, key);
        json_error(ctx, p, "«%s» è un numero fuori scala", key);
        free(p);
        return false;
    }
    *out = v->valuedouble;
    return true;
}

bool json_get_int(JsonCtx *ctx, const cJSON *obj, const char *path,
                  const char *key, JsonNeed need, int *out)
{
    double d;
    if (!json_get_number(ctx, obj, path, key, need, &d))
        return false;
    if (!json_number_is_int(d)) {
        char *p = json_path_key(path, key);
        char num[64];
        text_format_number(num, sizeof num, d);
        json_error(ctx, p, "«%s» deve essere un numero intero, non %s", key, num);
        free(p);
        return false;
    }
    *out = (int)d;
    return true;
}

bool json_get_bool(JsonCtx *ctx, const cJSON *obj, const char *path,
                   const char *key, JsonNeed need, bool *out)
{
    const cJSON *v = member(ctx, obj, path, key, need);
    if (!v)
        return false;
    if (!cJSON_IsBool(v)) {
        wrong_type(ctx, path, key, "true o false", v);
        return false;
    }
    *out = cJSON_IsTrue(v);
    return true;
}

const cJSON *json_get_array(JsonCtx *ctx, const cJSON *obj, const char *path,
                            const char *key, JsonNeed need)
{
    const cJSON *v = member(ctx, obj, path, key, need);
    if (!v)
        return NULL;
    if (!cJSON_IsArray(v)) {
        wrong_type(ctx, path, key, "un elenco [ ... ]", v);
        return NULL;
    }
    return v;
}

const cJSON *json_get_object(JsonCtx *ctx, const cJSON *obj, const char *path,
                             const char *key, JsonNeed need)
{
    const cJSON *v = member(ctx, obj, path, key, need);
    if (!v)
        return NULL;
    if (!cJSON_IsObject(v)) {
        wrong_type(ctx, path, key, "un oggetto { ... }", v);
        return NULL;
    }
    return v;
}

bool json_expect_object(JsonCtx *ctx, const cJSON *item, const char *path)
{
    if (cJSON_IsObject(item))
        return true;
    json_error(ctx, path, "ci si aspettava un oggetto { ... }, non %s", kind_of(item));
    return false;
}

void json_each_object(JsonCtx *ctx, const cJSON *arr, const char *base, JsonObjectFn fn, void *user)
{
    size_t i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        char *path = json_path_index(base, i);
        if (json_expect_object(ctx, c, path))
            fn(ctx, c, path, user);
        free(path);
    }
}
