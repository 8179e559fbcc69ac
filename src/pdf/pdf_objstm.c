/* SPDX-License-Identifier: EUPL-1.2 */
#include "pdf_objstm.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Objects to an object stream: qpdf puts 100; more compress a little
 * better (1,000 objectives, libdeflate level 5: 12.57 MB with 100, 12.25
 * with 200, 12.07 with 400), and a reader still decompresses only some 16
 * KB to reach one object. */
#define OBJSTM_MAX 200

typedef const unsigned char Byte;

/* ---- lexical level (ISO 32000-1 §7.2) ---- */

/* Each byte's class: whitespace, delimiter, or regular (0). A table: a
 * large plan's file is some 40 MB, read a byte at a time. */
enum { WS = 1, DELIM = 2 };
static const unsigned char char_class[256] = {
    [0] = WS,      [9] = WS,      [10] = WS,     [12] = WS,     [13] = WS,     [32] = WS,     ['('] = DELIM,
    [')'] = DELIM, ['<'] = DELIM, ['>'] = DELIM, ['['] = DELIM, [']'] = DELIM, ['{'] = DELIM, ['}'] = DELIM,
    ['/'] = DELIM, ['%'] = DELIM,
};
static bool is_ws(int c) { return char_class[c] == WS; }

/* Past whitespace and comments. */
static size_t skip_ws(Byte *b, size_t i, size_t end)
{
    while (i < end) {
        if (is_ws(b[i]))
            i++;
        else if (b[i] == '%')
            while (i < end && b[i] != '\n' && b[i] != '\r')
                i++;
        else
            break;
    }
    return i;
}

typedef enum { T_BAD, T_OPEN, T_CLOSE, T_STRING, T_NAME, T_WORD } Tok;

/* The token at i (not whitespace): its kind, and where it stops. << and [
 * open, >> and ] close; a word is a number or a keyword. */
static Tok token(Byte *b, size_t i, size_t end, size_t *stop)
{
    if (i >= end)
        return T_BAD;
    int c = b[i];
    if (c == '<' || c == '>') {
        if (i + 1 < end && b[i + 1] == c) {
            *stop = i + 2;
            return c == '<' ? T_OPEN : T_CLOSE;
        }
        if (c == '>')
            return T_BAD;
        const Byte *gt = memchr(b + i, '>', end - i); /* a hexadecimal string */
        if (!gt)
            return T_BAD;
        *stop = (size_t)(gt - b) + 1;
        return T_STRING;
    }
    if (c == '[' || c == '{') {
        *stop = i + 1;
        return T_OPEN;
    }
    if (c == ']' || c == '}') {
        *stop = i + 1;
        return T_CLOSE;
    }
    if (c == '(') { /* balanced parentheses, backslash escapes */
        int depth = 1;
        size_t j = i + 1;
        while (j < end && depth > 0) {
            if (b[j] == '\\')
                j++;
            else if (b[j] == '(')
                depth++;
            else if (b[j] == ')')
                depth--;
            j++;
        }
        if (depth > 0 || j > end)
            return T_BAD;
        *stop = j;
        return T_STRING;
    }
    if (c == ')')
        return T_BAD;
    size_t j = i + 1;
    while (j < end && char_class[b[j]] == 0)
        j++;
    *stop = j;
    return c == '/' ? T_NAME : T_WORD;
}

static bool word_is(Byte *b, size_t i, size_t stop, const char *w)
{
    size_t n = strlen(w);
    return stop - i == n && memcmp(b + i, w, n) == 0;
}

/* The unsigned integer b[i..stop), if it is one. */
static bool uint_of(Byte *b, size_t i, size_t stop, uint64_t *v)
{
    if (i >= stop || stop - i > 15)
        return false;
    uint64_t n = 0;
    for (; i < stop; i++) {
        if (b[i] < '0' || b[i] > '9')
            return false;
        n = n * 10 + (uint64_t)(b[i] - '0');
    }
    *v = n;
    return true;
}

/* The word at i (after whitespace) as an unsigned integer; *i moves past it. */
static bool next_uint(Byte *b, size_t *i, size_t end, uint64_t *v)
{
    size_t at = skip_ws(b, *i, end), stop;
    if (token(b, at, end, &stop) != T_WORD || !uint_of(b, at, stop, v))
        return false;
    *i = stop;
    return true;
}

/* The word at i (after whitespace) is w; *i moves past it. */
static bool next_word(Byte *b, size_t *i, size_t end, const char *w)
{
    size_t at = skip_ws(b, *i, end), stop;
    if (token(b, at, end, &stop) != T_WORD || !word_is(b, at, stop, w))
        return false;
    *i = stop;
    return true;
}

/* Past one whole object starting at i (a token): a dictionary or array
 * with what it holds, a reference "N G R", or a single token. 0 if
 * malformed. */
static size_t skip_object(Byte *b, size_t i, size_t end)
{
    size_t stop;
    Tok t = token(b, i, end, &stop);
    if (t == T_BAD || t == T_CLOSE)
        return 0;
    if (t == T_OPEN) { /* what it holds, scanned for what nests: names, numbers and keywords need no tokens */
        int depth = 1;
        while (stop < end) {
            int c = b[stop];
            if (char_class[c] != DELIM || c == '/') {
                stop++;
            } else if (c == '%') {
                stop = skip_ws(b, stop, end);
            } else {
                Tok inner = token(b, stop, end, &stop);
                if (inner == T_BAD)
                    return 0;
                depth += inner == T_OPEN ? 1 : inner == T_CLOSE ? -1 : 0;
                if (depth == 0)
                    return stop;
            }
        }
        return 0; /* never closed */
    }
    uint64_t v;
    if (t == T_WORD && uint_of(b, i, stop, &v)) { /* perhaps a reference */
        size_t j = stop;
        if (next_uint(b, &j, end, &v) && next_word(b, &j, end, "R"))
            return j;
    }
    return stop;
}

/* In the dictionary b[i..end) (starting at <<), the value of key
 * ("/Length"): [*from, *to). */
static bool dict_get(Byte *b, size_t i, size_t end, const char *key, size_t *from, size_t *to)
{
    size_t stop;
    if (token(b, i, end, &stop) != T_OPEN || b[i] != '<')
        return false;
    for (;;) {
        size_t at = skip_ws(b, stop, end);
        Tok t = token(b, at, end, &stop);
        if (t != T_NAME)
            return false; /* the end of the dictionary (or garbage) */
        size_t v = skip_ws(b, stop, end);
        size_t v_end = skip_object(b, v, end);
        if (!v_end)
            return false;
        if (word_is(b, at, stop, key)) {
            *from = v;
            *to = v_end;
            return true;
        }
        stop = v_end;
    }
}

/* ---- the input file ---- */

typedef struct {
    uint64_t offset; /* in the input: where "N G obj" starts */
    unsigned gen;
    bool used;
    /* found by read_object */
    bool parsed, stream;
    size_t body, body_end; /* the object's value (a stream: its dictionary) */
    size_t end;            /* past "endobj" */
    /* in the output */
    uint64_t new_offset; /* an indirect object: its offset; else its object stream */
    unsigned index;      /* in its object stream */
    bool packed;
} Entry;

typedef struct {
    Byte *b;
    size_t len;
    Entry *e;
    size_t size; /* entries: object numbers 0..size-1 */
} Input;

static bool read_object(Input *in, size_t num, int depth);

/* The value of a stream's /Length: a number, or a reference to one. */
static bool stream_length(Input *in, size_t from, size_t to, int depth, uint64_t *len)
{
    size_t i = from;
    uint64_t n, g;
    if (!next_uint(in->b, &i, to, &n))
        return false;
    if (i == to) {
        *len = n;
        return true;
    }
    if (!next_uint(in->b, &i, to, &g) || !next_word(in->b, &i, to, "R") || n >= in->size || depth > 0 ||
        !read_object(in, n, depth + 1))
        return false;
    Entry *l = &in->e[n];
    size_t j = l->body;
    return !l->stream && l->gen == g && next_uint(in->b, &j, l->body_end, len) && j == l->body_end;
}

/* Finds object num where the table says it is: its value, whether it is a
 * stream, where it ends. */
static bool read_object(Input *in, size_t num, int depth)
{
    Entry *e = &in->e[num];
    if (e->parsed)
        return true;
    if (!e->used || e->offset >= in->len)
        return false;
    Byte *b = in->b;
    size_t end = in->len, i = (size_t)e->offset, stop;
    uint64_t n, g;
    if (!next_uint(b, &i, end, &n) || n != num || !next_uint(b, &i, end, &g) || g != e->gen ||
        !next_word(b, &i, end, "obj"))
        return false;
    e->body = skip_ws(b, i, end);
    e->body_end = skip_object(b, e->body, end);
    if (!e->body_end)
        return false;
    size_t at = skip_ws(b, e->body_end, end);
    if (token(b, at, end, &stop) != T_WORD)
        return false;
    if (word_is(b, at, stop, "stream")) {
        size_t from, to;
        uint64_t len;
        if (!dict_get(b, e->body, e->body_end, "/Length", &from, &to) || !stream_length(in, from, to, depth, &len))
            return false;
        /* stream, then CR LF or LF (§7.3.8.1), then the data */
        size_t data = stop;
        if (data < end && b[data] == '\r')
            data++;
        if (data >= end || b[data] != '\n')
            return false;
        data++;
        if (len > end - data)
            return false;
        i = data + (size_t)len;
        if (!next_word(b, &i, end, "endstream"))
            return false;
        e->stream = true;
    } else if (word_is(b, at, stop, "endobj")) {
        i = at;
    } else {
        return false;
    }
    if (!next_word(b, &i, end, "endobj"))
        return false;
    e->end = i;
    e->parsed = true;
    return true;
}

/* The classic cross-reference table at offset (§7.5.4), then the trailer's
 * dictionary: [*trailer, *trailer_end). */
static const char *read_xref(Input *in, size_t offset, size_t *trailer, size_t *trailer_end)
{
    Byte *b = in->b;
    size_t end = in->len, i = offset;
    if (!next_word(b, &i, end, "xref"))
        return "tabella dei riferimenti non trovata";
    size_t cap = 0;
    in->size = 0;
    for (;;) {
        size_t at = skip_ws(b, i, end), stop;
        if (token(b, at, end, &stop) == T_WORD && word_is(b, at, stop, "trailer")) {
            i = stop;
            break;
        }
        uint64_t first, count;
        /* each entry takes 20 bytes of the table, each object more than 8 of the file */
        if (!next_uint(b, &i, end, &first) || !next_uint(b, &i, end, &count) || count > (end - i) / 20 ||
            first > end / 8 || first + count > end / 8)
            return "tabella dei riferimenti illeggibile";
        if (first + count > cap) {
            size_t old = cap;
            cap = (size_t)(first + count) > 2 * cap ? (size_t)(first + count) : 2 * cap;
            in->e = xrealloc(in->e, cap * sizeof *in->e);
            memset(in->e + old, 0, (cap - old) * sizeof *in->e);
        }
        if (first + count > in->size)
            in->size = (size_t)(first + count);
        for (uint64_t k = 0; k < count; k++) {
            uint64_t off, gen;
            Entry *e = &in->e[first + k];
            if (!next_uint(b, &i, end, &off) || !next_uint(b, &i, end, &gen) || gen > 65535)
                return "voce della tabella dei riferimenti illeggibile";
            at = skip_ws(b, i, end);
            if (token(b, at, end, &stop) != T_WORD || stop - at != 1 || (b[at] != 'n' && b[at] != 'f'))
                return "voce della tabella dei riferimenti illeggibile";
            i = stop;
            *e = (Entry){.offset = off, .gen = (unsigned)gen, .used = b[at] == 'n'};
        }
    }
    *trailer = skip_ws(b, i, end);
    *trailer_end = skip_object(b, *trailer, end);
    if (!*trailer_end || b[*trailer] != '<')
        return "trailer illeggibile";
    return NULL;
}

/* ---- the output ---- */

static void put_uint(StrBuf *o, uint64_t v)
{
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    strbuf_reserve(o, (size_t)n);
    while (n > 0)
        o->data[o->len++] = d[--n];
    o->data[o->len] = '\0';
}

static void put_bytes(StrBuf *o, Byte *b, size_t from, size_t to) { strbuf_append(o, (const char *)b + from, to - from); }

/* Bytes needed for v (at least 1). */
static int width_of(uint64_t v)
{
    int w = 1;
    while (v >>= 8)
        w++;
    return w;
}

static void put_be(unsigned char *at, uint64_t v, int w)
{
    for (int k = w - 1; k >= 0; k--, v >>= 8)
        at[k] = (unsigned char)(v & 0xFF);
}

/* An indirect stream object of data, compressed; the dictionary's other
 * entries in dict (from "/Type"). */
static bool put_stream(StrBuf *o, PdfDeflater *d, size_t num, const char *dict, const StrBuf *extra, const void *data,
                       size_t len)
{
    size_t n = 0;
    const unsigned char *z = pdf_deflate(d, data, len, &n);
    if (!z)
        return false;
    put_uint(o, num);
    strbuf_puts(o, " 0 obj\n<<");
    strbuf_puts(o, dict);
    if (extra)
        strbuf_append(o, extra->data, extra->len);
    strbuf_puts(o, " /Filter /FlateDecode /Length ");
    put_uint(o, n);
    strbuf_puts(o, ">>\nstream\n");
    strbuf_append(o, (const char *)z, n);
    strbuf_puts(o, "\nendstream\nendobj\n");
    return true;
}

/* The header: %PDF-1.5 at least, the binary comment line kept. */
static const char *put_header(StrBuf *o, Byte *b, size_t len, size_t *after)
{
    if (len < 8 || memcmp(b, "%PDF-", 5) != 0 || b[5] < '1' || b[5] > '9' || b[6] != '.' || b[7] < '0' ||
        b[7] > '9')
        return "intestazione %PDF- mancante";
    size_t i = 8;
    while (i < len && b[i] != '\r' && b[i] != '\n')
        i++;
    size_t eol = i;
    if (i < len && b[i] == '\r')
        i++;
    if (i < len && b[i] == '\n')
        i++;
    if (b[5] == '1' && b[7] < '5' && eol == 8)
        strbuf_puts(o, "%PDF-1.5");
    else
        put_bytes(o, b, 0, eol);
    put_bytes(o, b, eol, i);
    if (i < len && b[i] == '%') { /* the comment of bytes above 127 */
        size_t j = i;
        while (j < len && b[j] != '\r' && b[j] != '\n')
            j++;
        if (j < len && b[j] == '\r')
            j++;
        if (j < len && b[j] == '\n')
            j++;
        put_bytes(o, b, i, j);
        i = j;
    }
    *after = i;
    return NULL;
}

/* Where startxref points. */
static bool find_startxref(Byte *b, size_t len, size_t *offset)
{
    static const char key[] = "startxref";
    size_t from = len > 1024 ? len - 1024 : 0;
    for (size_t i = len >= sizeof key - 1 ? len - (sizeof key - 1) + 1 : 0; i-- > from;)
        if (memcmp(b + i, key, sizeof key - 1) == 0) {
            size_t j = i + sizeof key - 1;
            uint64_t v;
            if (!next_uint(b, &j, len, &v) || v >= len)
                return false;
            *offset = (size_t)v;
            return true;
        }
    return false;
}

static const char *rewrite(Input *in, PdfDeflater *d, StrBuf *o)
{
    Byte *b = in->b;
    size_t xref, trailer, trailer_end, from, to;
    if (!find_startxref(b, in->len, &xref))
        return "startxref non trovato";
    const char *why = read_xref(in, xref, &trailer, &trailer_end);
    if (why)
        return why;
    if (dict_get(b, trailer, trailer_end, "/Encrypt", &from, &to))
        return "documento cifrato";
    if (dict_get(b, trailer, trailer_end, "/Prev", &from, &to) ||
        dict_get(b, trailer, trailer_end, "/XRefStm", &from, &to))
        return "documento con aggiornamenti incrementali";
    uint64_t size;
    size_t i = 0;
    if (!dict_get(b, trailer, trailer_end, "/Size", &from, &to) || !next_uint(b, &from, to, &size) ||
        size != in->size || !dict_get(b, trailer, trailer_end, "/Root", &i, &to))
        return "trailer senza /Size coerente o senza /Root";
    if (in->size == 0 || in->e[0].used)
        return "tabella dei riferimenti senza l'oggetto 0";
    for (size_t n = 1; n < in->size; n++)
        if (in->e[n].used && !read_object(in, n, 0))
            return "oggetto illeggibile alla posizione indicata dalla tabella";

    why = put_header(o, b, in->len, &i);
    if (why)
        return why;
    /* streams (and any object of another generation) as they are */
    uint64_t max_offset = 0;
    unsigned max_gen = 0;
    size_t packed = 0;
    for (size_t n = 1; n < in->size; n++) {
        Entry *e = &in->e[n];
        if (!e->used)
            continue;
        if (e->stream || e->gen != 0) {
            e->new_offset = o->len;
            max_offset = o->len;
            max_gen = e->gen > max_gen ? e->gen : max_gen;
            put_bytes(o, b, (size_t)e->offset, e->end);
            strbuf_puts(o, "\n");
        } else {
            e->packed = true;
            packed++;
        }
    }
    /* the rest in object streams, numbered from size on */
    size_t n_stm = (packed + OBJSTM_MAX - 1) / OBJSTM_MAX;
    uint64_t *stm_offset = xcalloc(n_stm + 1, sizeof *stm_offset);
    StrBuf head = {0}, body = {0}, extra = {0};
    size_t n = 1;
    for (size_t s = 0; s < n_stm; s++) {
        head.len = body.len = extra.len = 0;
        unsigned count = 0;
        for (; n < in->size && count < OBJSTM_MAX; n++) {
            Entry *e = &in->e[n];
            if (!e->packed)
                continue;
            e->new_offset = in->size + s;
            e->index = count++;
            if (head.len)
                strbuf_puts(&head, " ");
            put_uint(&head, n);
            strbuf_puts(&head, " ");
            put_uint(&head, body.len);
            put_bytes(&body, b, e->body, e->body_end);
            strbuf_puts(&body, "\n");
        }
        strbuf_puts(&head, "\n");
        extra.len = 0;
        strbuf_puts(&extra, " /N ");
        put_uint(&extra, count);
        strbuf_puts(&extra, " /First ");
        put_uint(&extra, head.len);
        strbuf_append(&head, body.data, body.len);
        stm_offset[s] = o->len;
        max_offset = o->len;
        if (!put_stream(o, d, in->size + s, "/Type /ObjStm", &extra, head.data, head.len)) {
            why = "compressione non riuscita";
            break;
        }
    }
    /* the cross-reference stream: entries 0..xs, itself the last */
    size_t xs = in->size + n_stm, total = xs + 1;
    stm_offset[n_stm] = o->len;
    max_offset = o->len;
    int w2 = width_of(max_offset > xs ? max_offset : xs);
    int w3 = width_of(max_gen > OBJSTM_MAX ? max_gen : OBJSTM_MAX);
    size_t row = (size_t)(1 + w2 + w3);
    /* rows with the PNG Up predictor (§7.4.4.4): each row less the one above */
    unsigned char *rows = xcalloc(total, row), *pred = xmalloc(total * (row + 1));
    for (size_t k = 0; k < total; k++) {
        unsigned char *r = rows + k * row;
        if (k == 0) {
            put_be(r + 1 + w2, 0xFFFF, w3); /* free, the head of the free list */
        } else if (k < in->size && !in->e[k].used) {
            put_be(r + 1 + w2, in->e[k].gen, w3); /* free */
        } else if (k < in->size && in->e[k].packed) {
            r[0] = 2;
            put_be(r + 1, in->e[k].new_offset, w2);
            put_be(r + 1 + w2, in->e[k].index, w3);
        } else {
            r[0] = 1;
            put_be(r + 1, k < in->size ? in->e[k].new_offset : stm_offset[k - in->size], w2);
            put_be(r + 1 + w2, k < in->size ? in->e[k].gen : 0, w3);
        }
        unsigned char *p = pred + k * (row + 1);
        p[0] = 2;
        for (size_t c = 0; c < row; c++)
            p[1 + c] = (unsigned char)(r[c] - (k > 0 ? r[c - row] : 0));
    }
    if (!why) {
        extra.len = 0;
        strbuf_puts(&extra, " /Size ");
        put_uint(&extra, total);
        strbuf_puts(&extra, " /Index [0 ");
        put_uint(&extra, total);
        strbuf_puts(&extra, "] /W [1 ");
        put_uint(&extra, (uint64_t)w2);
        strbuf_puts(&extra, " ");
        put_uint(&extra, (uint64_t)w3);
        strbuf_puts(&extra, "] /DecodeParms <</Columns ");
        put_uint(&extra, row);
        strbuf_puts(&extra, " /Predictor 12>>");
        static const char *const keep[] = {"/Root", "/Info", "/ID"};
        for (size_t k = 0; k < sizeof keep / sizeof *keep; k++)
            if (dict_get(b, trailer, trailer_end, keep[k], &from, &to)) {
                strbuf_puts(&extra, " ");
                strbuf_puts(&extra, keep[k]);
                strbuf_puts(&extra, " ");
                put_bytes(&extra, b, from, to);
            }
        if (!put_stream(o, d, xs, "/Type /XRef", &extra, pred, total * (row + 1)))
            why = "compressione non riuscita";
    }
    if (!why) {
        strbuf_puts(o, "startxref\n");
        put_uint(o, stm_offset[n_stm]);
        strbuf_puts(o, "\n%%EOF\n");
    }
    free(rows);
    free(pred);
    free(stm_offset);
    strbuf_free(&head);
    strbuf_free(&body);
    strbuf_free(&extra);
    return why;
}

int pdf_objstm_rewrite(const char *bytes, size_t len, PdfDeflater *d, StrBuf *out, const char **reason)
{
    Input in = {(Byte *)bytes, len, NULL, 0};
    size_t was = out->len;
    strbuf_reserve(out, len / 2);
    const char *why = rewrite(&in, d, out);
    free(in.e);
    if (why) {
        out->len = was;
        if (out->data)
            out->data[was] = '\0';
        *reason = why;
        return -1;
    }
    return 0;
}
