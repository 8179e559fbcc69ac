/* form.c — what a browser sends: percent-encoding, urlencoded forms and
 * queries, multipart uploads, cookies (http.h). Every length is checked;
 * anything malformed is refused whole. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool web_percent_decode(const char *s, size_t len, bool plus_is_space, char **out, size_t *out_len)
{
    char *d = xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            int h = i + 2 < len ? hex_value(s[i + 1]) : -1, l = i + 2 < len ? hex_value(s[i + 2]) : -1;
            if (h < 0 || l < 0) {
                free(d);
                *out = NULL;
                return false;
            }
            c = (char)(h * 16 + l);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') {
            free(d);
            *out = NULL;
            return false;
        }
        d[n++] = c;
    }
    d[n] = '\0';
    *out = d;
    if (out_len)
        *out_len = n;
    return true;
}

static void add_field(Modulo *m, char *nome, char *valore, size_t len, char *file)
{
    m->campi = xrealloc(m->campi, (m->n + 1) * sizeof *m->campi);
    m->campi[m->n++] = (CampoModulo){nome, valore, len, file};
}

bool modulo_urlencoded(const char *s, size_t len, Modulo *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - s) : len;
        const char *eq = memchr(s + i, '=', end - i);
        size_t name_end = eq ? (size_t)(eq - s) : end;
        if (end > i) {
            char *nome, *valore;
            size_t vlen;
            if (!web_percent_decode(s + i, name_end - i, true, &nome, NULL)) {
                modulo_free(out);
                return false;
            }
            size_t vstart = eq ? name_end + 1 : end;
            if (!web_percent_decode(s + vstart, end - vstart, true, &valore, &vlen)) {
                free(nome);
                modulo_free(out);
                return false;
            }
            add_field(out, nome, valore, vlen, NULL);
        }
        i = end + 1;
    }
    return true;
}

/* The value of parameter name (boundary=, name=, filename=) in a header
 * line, quoted or not; NULL when absent. */
static char *header_param(const char *line, size_t len, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl + 1 <= len; i++) {
        bool starts = i == 0 || line[i - 1] == ';' || line[i - 1] == ' ' || line[i - 1] == '\t';
        if (!starts || strncasecmp(line + i, name, nl) != 0 || line[i + nl] != '=')
            continue;
        size_t v = i + nl + 1, e;
        if (v < len && line[v] == '"') {
            v++;
            for (e = v; e < len && line[e] != '"'; e++)
                ;
            if (e >= len)
                return NULL;
        } else {
            for (e = v; e < len && line[e] != ';' && line[e] != ' ' && line[e] != '\r'; e++)
                ;
        }
        return xstrndup(line + v, e - v);
    }
    return NULL;
}

static const char *find_bytes(const char *hay, size_t hay_len, const char *needle, size_t n)
{
    if (n == 0 || hay_len < n)
        return NULL;
    for (size_t i = 0; i + n <= hay_len; i++) {
        const char *p = memchr(hay + i, needle[0], hay_len - n + 1 - i);
        if (!p)
            return NULL;
        if (memcmp(p, needle, n) == 0)
            return p;
        i = (size_t)(p - hay);
    }
    return NULL;
}

/* One part: its headers up to a blank line, then the content. */
static bool read_part(const char *p, size_t len, Modulo *out)
{
    const char *blank = find_bytes(p, len, "\r\n\r\n", 4);
    if (!blank)
        return false;
    size_t hlen = (size_t)(blank - p);
    char *nome = NULL, *file = NULL;
    for (size_t i = 0; i < hlen;) {
        const char *eol = find_bytes(p + i, hlen - i, "\r\n", 2);
        size_t l = eol ? (size_t)(eol - (p + i)) : hlen - i;
        if (l > 20 && strncasecmp(p + i, "Content-Disposition:", 20) == 0 && !nome) {
            free(file); /* of an earlier Content-Disposition without a readable name (found by fuzz_web) */
            nome = header_param(p + i, l, "name");
            file = header_param(p + i, l, "filename");
        }
        i += l + 2;
    }
    if (!nome) {
        free(file);
        return false;
    }
    const char *content = blank + 4;
    size_t clen = len - (size_t)(content - p);
    char *valore = xmalloc(clen + 1);
    memcpy(valore, content, clen);
    valore[clen] = '\0';
    add_field(out, nome, valore, clen, file);
    return true;
}

bool modulo_multipart(const char *content_type, const char *body, size_t len, Modulo *out)
{
    memset(out, 0, sizeof *out);
    char *b = content_type ? header_param(content_type, strlen(content_type), "boundary") : NULL;
    if (!b || !*b || strlen(b) > 70) {
        free(b);
        return false;
    }
    char *delim = xasprintf("--%s", b);
    size_t dl = strlen(delim);
    free(b);
    const char *p = find_bytes(body, len, delim, dl);
    bool ok = p != NULL;
    while (ok) {
        size_t rest = len - (size_t)(p - body) - dl;
        const char *after = p + dl;
        if (rest >= 2 && after[0] == '-' && after[1] == '-')
            break; /* the closing delimiter */
        if (rest < 2 || after[0] != '\r' || after[1] != '\n') {
            ok = false;
            break;
        }
        after += 2;
        rest -= 2;
        char *next_delim = xasprintf("\r\n%s", delim);
        const char *next = find_bytes(after, rest, next_delim, dl + 2);
        free(next_delim);
        if (!next || !read_part(after, (size_t)(next - after), out)) {
            ok = false;
            break;
        }
        p = next + 2;
    }
    free(delim);
    if (!ok)
        modulo_free(out);
    return ok;
}

bool modulo_leggi(const Richiesta *r, Modulo *out)
{
    const char *ct = r->content_type ? r->content_type : "";
    if (strncasecmp(ct, "multipart/form-data", 19) == 0)
        return modulo_multipart(ct, r->body, r->body_len, out);
    return modulo_urlencoded(r->body ? r->body : "", r->body_len, out);
}

const CampoModulo *modulo_campo(const Modulo *m, const char *nome)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->campi[i].nome, nome) == 0)
            return &m->campi[i];
    return NULL;
}

const char *modulo_valore(const Modulo *m, const char *nome)
{
    const CampoModulo *c = modulo_campo(m, nome);
    return c ? c->valore : NULL;
}

void modulo_free(Modulo *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->campi[i].nome);
        free(m->campi[i].valore);
        free(m->campi[i].file);
    }
    free(m->campi);
    memset(m, 0, sizeof *m);
}

char *web_cookie(const char *header, const char *nome)
{
    if (!header)
        return NULL;
    size_t nl = strlen(nome);
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t l = end ? (size_t)(end - p) : strlen(p);
        if (l > nl && strncmp(p, nome, nl) == 0 && p[nl] == '=')
            return xstrndup(p + nl + 1, l - nl - 1);
        p += l;
    }
    return NULL;
}

void risposta_free(Risposta *r)
{
    strbuf_free(&r->body);
    free(r->owned_bytes);
    free(r->location);
    free(r->set_cookie);
    free(r->disposition);
    memset(r, 0, sizeof *r);
}
