#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

static int line_of(const char *text, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

/* Windows-1252 → UTF-8 with iconv; NULL and the line of the bad byte if a
 * byte has no meaning in Windows-1252. */
static char *from_windows_1252(const char *text, size_t len, size_t *out_len, int *bad_line)
{
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == (iconv_t)-1) {
        *bad_line = 0;
        return NULL;
    }
    size_t cap = len * 3 + 1;
    char *out = xmalloc(cap);
    char *in = (char *)text, *o = out;
    size_t in_left = len, out_left = cap - 1;
    if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
        *bad_line = line_of(text, (size_t)(in - text));
        iconv_close(cd);
        free(out);
        return NULL;
    }
    iconv_close(cd);
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

static char detect_separator(const char *s, size_t len)
{
    size_t semi = 0, comma = 0;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
            break;
        else if (!quoted && s[i] == ';')
            semi++;
        else if (!quoted && s[i] == ',')
            comma++;
    }
    return comma > semi ? ',' : ';';
}

typedef struct {
    CsvRecord cur;
    size_t cap_fields;
    StrBuf field;
} Builder;

static void end_field(Builder *b)
{
    b->cur.fields = xgrow(b->cur.fields, b->cur.n, &b->cap_fields, sizeof *b->cur.fields, 8);
    b->cur.fields[b->cur.n++] = b->field.data ? b->field.data : xstrdup("");
    b->field = (StrBuf){0};
}

static void end_record(Builder *b, CsvTable *t, size_t *cap)
{
    end_field(b);
    if (t->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        t->records = xrealloc(t->records, *cap * sizeof *t->records);
    }
    t->records[t->n++] = b->cur;
    b->cur = (CsvRecord){0};
    b->cap_fields = 0;
}

/* RFC 4180 as one state machine over the bytes (quoted fields, doubled
 * quotes, CR LF or LF, the separator guessed from the header): kept in one
 * piece so that every state and transition is seen together. */
bool csv_parse(const char *text, size_t len, CsvEncoding encoding, CsvTable *out, char **error, int *error_line)
{
    memset(out, 0, sizeof *out);
    *error = NULL;
    *error_line = 0;
    bool bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    size_t bad;
    if (encoding == CSV_ENC_AUTO)
        encoding = bom || utf8_validate(text, len, &bad) ? CSV_ENC_UTF8 : CSV_ENC_WINDOWS_1252;
    char *converted = NULL;
    const char *s = text;
    size_t n = len;
    if (encoding == CSV_ENC_UTF8) {
        if (bom) {
            s += 3;
            n -= 3;
        }
        if (!utf8_validate(s, n, &bad)) {
            *error_line = line_of(s, bad);
            *error = xasprintf("byte 0x%02X non valido in UTF-8 (il file è forse in Windows-1252? provare "
                               "--codifica windows-1252)", (unsigned char)s[bad]);
            return false;
        }
    } else {
        converted = from_windows_1252(text, len, &n, error_line);
        if (!converted) {
            *error = xstrdup("carattere non valido in Windows-1252");
            return false;
        }
        s = converted;
    }
    /* A NUL byte would silently cut a field short: a spreadsheet never
     * writes one, so the file is not a CSV export. */
    const char *nul = memchr(s, '\0', n);
    if (nul) {
        *error_line = line_of(s, (size_t)(nul - s));
        *error = xstrdup("carattere nullo (byte 0x00): il file non è un CSV esportato da un foglio di calcolo");
        free(converted);
        return false;
    }
    out->encoding = encoding;
    out->separator = detect_separator(s, n);

    Builder b = {0};
    size_t cap = 0;
    bool quoted = false, at_start = true, any = false;
    int line = 1;
    b.cur.line = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < n && s[i + 1] == '"') {
                    strbuf_append(&b.field, "\"", 1);
                    i++;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    line++;
                if (c != '\r')
                    strbuf_append(&b.field, &c, 1);
            }
            continue;
        }
        if (c == '"' && at_start) {
            quoted = true;
            at_start = false;
            any = true;
        } else if (c == out->separator) {
            end_field(&b);
            at_start = true;
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            end_record(&b, out, &cap);
            line++;
            b.cur.line = line;
            at_start = true;
            any = false;
        } else {
            strbuf_append(&b.field, &c, 1);
            at_start = false;
            any = true;
        }
    }
    if (quoted) {
        *error_line = b.cur.line;
        *error = xstrdup("virgolette aperte e mai chiuse: il campo continua fino alla fine del file");
        strbuf_free(&b.field);
        for (size_t k = 0; k < b.cur.n; k++)
            free(b.cur.fields[k]);
        free(b.cur.fields);
        free(converted);
        csv_free(out);
        return false;
    }
    if (any || b.cur.n > 0)
        end_record(&b, out, &cap);
    else {
        strbuf_free(&b.field);
        free(b.cur.fields);
    }
    free(converted);
    return true;
}

void csv_free(CsvTable *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < t->records[i].n; k++)
            free(t->records[i].fields[k]);
        free(t->records[i].fields);
    }
    free(t->records);
    memset(t, 0, sizeof *t);
}
