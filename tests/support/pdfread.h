/* pdfread.h — a PDF read back for the tests: every object through qpdf's
 * JSON view (qpdf --json=2, streams decoded and inlined), plus small
 * readers for what the tests look inside: content streams, embedded
 * TrueType programs, XML. Nothing here is used by the program. */
#ifndef SCHEDE_TEST_PDFREAD_H
#define SCHEDE_TEST_PDFREAD_H

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

typedef struct {
    cJSON *root;
    cJSON *objects; /* "obj:N G R" → {"value": …} or {"stream": {"dict": …, "data": base64}} */
    cJSON *trailer;
    char *version;  /* "1.3" */
} Pdf;

static inline Pdf pdf_open(const char *path)
{
    char *cmd = xasprintf("qpdf --json=2 --json-key=qpdf --json-stream-data=inline '%s' 2>/dev/null", path);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "qpdf --json %s: %.300s", path, r.out);
    Pdf p = {cJSON_Parse(r.out), NULL, NULL, NULL};
    cr_assert_not_null(p.root, "qpdf JSON of %s unreadable", path);
    cJSON *q = cJSON_GetObjectItemCaseSensitive(p.root, "qpdf");
    cr_assert(cJSON_IsArray(q) && cJSON_GetArraySize(q) == 2);
    p.version = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(q, 0), "pdfversion")->valuestring;
    p.objects = cJSON_GetArrayItem(q, 1);
    p.trailer = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(p.objects, "trailer"), "value");
    free(r.out);
    free(cmd);
    return p;
}

static inline void pdf_close(Pdf *p) { cJSON_Delete(p->root); }

static inline bool pdf_is_ref(const cJSON *v)
{
    if (!cJSON_IsString(v))
        return false;
    size_t n = strlen(v->valuestring);
    return n > 4 && strcmp(v->valuestring + n - 2, " R") == 0 && v->valuestring[0] >= '0' && v->valuestring[0] <= '9';
}

/* The object a reference names: its value, or a stream's dictionary. */
static inline cJSON *pdf_object(const Pdf *p, const char *ref)
{
    char key[64];
    snprintf(key, sizeof key, "obj:%s", ref);
    cJSON *o = cJSON_GetObjectItemCaseSensitive(p->objects, key);
    if (!o)
        return NULL;
    cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");
    if (v)
        return v;
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "stream"), "dict");
}

static inline cJSON *pdf_deref(const Pdf *p, cJSON *v) { return pdf_is_ref(v) ? pdf_object(p, v->valuestring) : v; }

/* dict[key], references followed ("/Type"). */
static inline cJSON *pdf_get(const Pdf *p, const cJSON *dict, const char *key)
{
    return dict ? pdf_deref(p, cJSON_GetObjectItemCaseSensitive(dict, key)) : NULL;
}

static inline const char *pdf_name(const Pdf *p, const cJSON *dict, const char *key)
{
    cJSON *v = pdf_get(p, dict, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static inline int b64(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* The decoded data of the stream ref names (NULL if it is not a stream). */
static inline unsigned char *pdf_stream(const Pdf *p, const char *ref, size_t *len)
{
    char key[64];
    snprintf(key, sizeof key, "obj:%s", ref);
    cJSON *s = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(p->objects, key), "stream");
    cJSON *data = cJSON_GetObjectItemCaseSensitive(s, "data");
    if (!cJSON_IsString(data))
        return NULL;
    const char *in = data->valuestring;
    unsigned char *out = xmalloc(strlen(in) / 4 * 3 + 4);
    size_t n = 0;
    unsigned acc = 0;
    int bits = 0;
    for (; *in; in++) {
        int v = b64((unsigned char)*in);
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (unsigned char)(acc >> bits);
        }
    }
    *len = n;
    return out;
}

/* The catalog. */
static inline cJSON *pdf_root(const Pdf *p) { return pdf_get(p, p->trailer, "/Root"); }

/* ---- an embedded TrueType program ---- */

typedef struct {
    const unsigned char *d;
    size_t n;
} Ttf;

static inline uint32_t ttf_be(const Ttf *f, size_t off, int bytes)
{
    uint32_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | (off + (size_t)i < f->n ? f->d[off + (size_t)i] : 0);
    return v;
}

static inline size_t ttf_table(const Ttf *f, const char *tag)
{
    uint32_t n = ttf_be(f, 4, 2);
    for (uint32_t i = 0; i < n; i++)
        if (memcmp(f->d + 12 + 16 * i, tag, 4) == 0)
            return ttf_be(f, 12 + 16 * i + 8, 4);
    return 0;
}

static inline uint32_t ttf_glyphs(const Ttf *f) { return ttf_be(f, ttf_table(f, "maxp") + 4, 2); }

/* Byte range of glyph g inside glyf. */
static inline void ttf_glyph(const Ttf *f, uint32_t g, size_t *off, size_t *len)
{
    size_t loca = ttf_table(f, "loca"), glyf = ttf_table(f, "glyf");
    bool long_loca = ttf_be(f, ttf_table(f, "head") + 50, 2) == 1;
    size_t a = long_loca ? ttf_be(f, loca + 4 * g, 4) : 2 * ttf_be(f, loca + 2 * g, 2);
    size_t b = long_loca ? ttf_be(f, loca + 4 * (g + 1), 4) : 2 * ttf_be(f, loca + 2 * (g + 1), 2);
    *off = glyf + a;
    *len = b > a ? b - a : 0;
}

/* Whether glyph g has an outline here and so do all its components, at
 * every level (depth guards against loops in a broken font). */
static inline bool ttf_glyph_whole(const Ttf *f, uint32_t g, int depth)
{
    size_t off, len;
    ttf_glyph(f, g, &off, &len);
    if (len == 0 || depth > 8)
        return false;
    if ((int16_t)ttf_be(f, off, 2) >= 0)
        return true;
    size_t at = off + 10;
    for (;;) {
        uint32_t flags = ttf_be(f, at, 2), part = ttf_be(f, at + 2, 2);
        if (!ttf_glyph_whole(f, part, depth + 1))
            return false;
        if (!(flags & 0x20))
            return true;
        at += 4 + ((flags & 1) ? 4 : 2) + ((flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
    }
}

/* Advance of glyph g in thousandths of an em, rounded as a PDF W array. */
static inline long ttf_width(const Ttf *f, uint32_t g)
{
    uint32_t upem = ttf_be(f, ttf_table(f, "head") + 18, 2);
    uint32_t nh = ttf_be(f, ttf_table(f, "hhea") + 34, 2);
    uint32_t adv = ttf_be(f, ttf_table(f, "hmtx") + 4 * (g < nh ? g : nh - 1), 2);
    return (long)adv * 1000 / (long)upem;
}

/* ---- XML (the XMP packet) ---- */

/* Checks that text is well-formed XML as far as XMP uses it: processing
 * instructions, comments, elements properly nested, attributes quoted,
 * only the five predefined entities and character references. Returns
 * NULL or a description of the first fault. */
static inline const char *xml_fault(const char *x)
{
    static char why[160];
    const char *stack[64];
    size_t lens[64];
    int depth = 0, roots = 0;
    for (const char *p = x; *p;) {
        if (*p == '&') {
            const char *ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#", NULL};
            bool ok = false;
            for (int i = 0; ents[i] && !ok; i++)
                ok = strncmp(p, ents[i], strlen(ents[i])) == 0;
            if (!ok) {
                snprintf(why, sizeof why, "«&» non seguito da un'entità: «%.20s»", p);
                return why;
            }
            p++;
            continue;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        if (strncmp(p, "<?", 2) == 0) {
            const char *e = strstr(p, "?>");
            if (!e) return "istruzione <? non chiusa";
            p = e + 2;
        } else if (strncmp(p, "<!--", 4) == 0) {
            const char *e = strstr(p, "-->");
            if (!e) return "commento non chiuso";
            p = e + 3;
        } else if (p[1] == '/') {
            const char *name = p + 2;
            size_t n = strcspn(name, " \t\r\n>");
            if (depth == 0 || lens[depth - 1] != n || strncmp(stack[depth - 1], name, n) != 0) {
                snprintf(why, sizeof why, "chiusura </%.*s> senza apertura corrispondente", (int)n, name);
                return why;
            }
            depth--;
            p = strchr(p, '>');
            if (!p) return "tag non chiuso";
            p++;
        } else {
            const char *name = p + 1;
            size_t n = strcspn(name, " \t\r\n/>");
            if (n == 0) return "«<» senza nome di elemento";
            const char *q = name + n;
            for (;;) { /* attributes */
                while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
                    q++;
                if (*q == '>' || (q[0] == '/' && q[1] == '>'))
                    break;
                size_t an = strcspn(q, "= \t\r\n>");
                if (an == 0 || q[an] != '=' || (q[an + 1] != '"' && q[an + 1] != '\'')) {
                    snprintf(why, sizeof why, "attributo malformato in <%.*s>: «%.20s»", (int)n, name, q);
                    return why;
                }
                char quote = q[an + 1];
                const char *end = strchr(q + an + 2, quote);
                if (!end) return "valore di attributo non chiuso";
                for (const char *c = q + an + 2; c < end; c++)
                    if (*c == '<') return "«<» in un valore di attributo";
                q = end + 1;
            }
            if (*q == '/') {
                p = q + 2;
            } else {
                if (depth == 0)
                    roots++;
                if (depth == 64) return "annidamento troppo profondo";
                stack[depth] = name;
                lens[depth++] = n;
                p = q + 1;
            }
        }
    }
    if (depth != 0) {
        snprintf(why, sizeof why, "<%.*s> non chiuso", (int)lens[depth - 1], stack[depth - 1]);
        return why;
    }
    return roots == 1 ? NULL : "non c'è un solo elemento radice";
}

/* The text of the first element named tag (its innermost text when it
 * holds rdf:Alt/Seq/Bag), entities resolved; NULL when absent. */
static inline char *xml_text(const char *x, const char *tag)
{
    char *open = xasprintf("<%s>", tag), *close = xasprintf("</%s>", tag);
    const char *a = strstr(x, open), *b = a ? strstr(a, close) : NULL;
    char *out = NULL;
    if (a && b) {
        a += strlen(open);
        const char *li = strstr(a, "<rdf:li");
        if (li && li < b) {
            a = strchr(li, '>') + 1;
            b = strstr(a, "</rdf:li>");
        }
        StrBuf s = {0};
        for (const char *p = a; p < b; p++) {
            const char *ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
            const char chars[] = "&<>\"'";
            int hit = -1;
            for (int i = 0; i < 5 && hit < 0; i++)
                if (strncmp(p, ents[i], strlen(ents[i])) == 0)
                    hit = i;
            if (hit >= 0) {
                strbuf_append(&s, &chars[hit], 1);
                p += strlen(ents[hit]) - 1;
            } else {
                strbuf_append(&s, p, 1);
            }
        }
        out = s.data ? s.data : xstrdup("");
    }
    free(open);
    free(close);
    return out;
}

/* ---- text strings, pages, content, the structure tree (shared by test_archivio and test_pdfua) ---- */

/* "u:text" (qpdf's decoded text string) → text. */
static inline const char *text_of(const cJSON *v)
{
    if (!cJSON_IsString(v))
        return NULL;
    return strncmp(v->valuestring, "u:", 2) == 0 ? v->valuestring + 2 : v->valuestring;
}

typedef struct {
    char tag[32];
    int mcid; /* -1: artifact */
} Mark;

typedef struct {
    int unbalanced;       /* EMC without BDC/BMC, or left open */
    int text_outside;     /* Tj/TJ outside any marked sequence */
    int paint_outside;    /* f/S/B outside any marked sequence */
    int text_in_artifact; /* Tj inside an artifact */
    Mark *marks;          /* sequences with an MCID, in order */
    size_t n_marks;
} ContentScan;

/* The page's fonts: resource name → font object reference. */
static inline const char *font_ref(const Pdf *p, const cJSON *page, const char *name)
{
    cJSON *res = pdf_get(p, page, "/Resources");
    cJSON *fonts = pdf_get(p, res, "/Font");
    cJSON *f = fonts ? cJSON_GetObjectItemCaseSensitive(fonts, name) : NULL;
    return pdf_is_ref(f) ? f->valuestring : NULL;
}

/* Per font object: the CIDs shown with it. */
typedef struct {
    char ref[32];
    unsigned char used[65536 / 8];
} FontUse;

typedef struct {
    FontUse *fonts;
    size_t n;
} FontUses;

static inline FontUse *use_of(FontUses *u, const char *ref)
{
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->fonts[i].ref, ref) == 0)
            return &u->fonts[i];
    u->fonts = xrealloc(u->fonts, (u->n + 1) * sizeof *u->fonts);
    FontUse *f = &u->fonts[u->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->ref, sizeof f->ref, "%s", ref);
    return f;
}

static inline bool ends_with(const char *line, size_t len, const char *op)
{
    size_t n = strlen(op);
    return len >= n && memcmp(line + len - n, op, n) == 0 && (len == n || line[len - n - 1] == ' ');
}

/* Reads one page's content stream line by line (libharu and pdf_tags write
 * one operator a line; text strings are hex, without line breaks). */
static inline ContentScan scan_content(const Pdf *p, const cJSON *page, FontUses *uses)
{
    ContentScan cs = {0};
    cJSON *contents = cJSON_GetObjectItemCaseSensitive(page, "/Contents");
    cr_assert(pdf_is_ref(contents));
    size_t len;
    unsigned char *data = pdf_stream(p, contents->valuestring, &len);
    cr_assert_not_null(data);
    int depth = 0, artifact_depth = 0;
    const char *font = NULL;
    for (size_t at = 0; at < len;) {
        size_t end = at;
        while (end < len && data[end] != '\n')
            end++;
        const char *line = (const char *)data + at;
        size_t n = end - at;
        at = end + 1;
        if (ends_with(line, n, "BDC") || ends_with(line, n, "BMC")) {
            depth++;
            if (strncmp(line, "/Artifact", 9) == 0) {
                artifact_depth = depth;
            } else {
                Mark m = {{0}, -1};
                sscanf(line, "/%31s <</MCID %d>>", m.tag, &m.mcid);
                cs.marks = xrealloc(cs.marks, (cs.n_marks + 1) * sizeof *cs.marks);
                cs.marks[cs.n_marks++] = m;
            }
        } else if (n == 3 && memcmp(line, "EMC", 3) == 0) {
            if (depth == 0)
                cs.unbalanced++;
            else if (depth-- == artifact_depth)
                artifact_depth = 0;
        } else if (ends_with(line, n, "Tf")) {
            char name[64];
            if (sscanf(line, "%63s", name) == 1)
                font = font_ref(p, page, name);
        } else if (ends_with(line, n, "Tj") || ends_with(line, n, "TJ")) {
            if (depth == 0)
                cs.text_outside++;
            if (uses && font) { /* artifacts too: their text is printed with the same fonts */
                FontUse *u = use_of(uses, font);
                const char *h = memchr(line, '<', n);
                for (h = h ? h + 1 : NULL; h && h + 4 <= line + n && isxdigit((unsigned char)h[0]); h += 4) {
                    unsigned cid;
                    sscanf(h, "%4x", &cid);
                    u->used[cid / 8] |= (unsigned char)(0x80 >> (cid % 8));
                }
            }
        } else if (ends_with(line, n, "f") || ends_with(line, n, "S") || ends_with(line, n, "B")) {
            if (depth == 0)
                cs.paint_outside++;
        }
    }
    if (depth != 0)
        cs.unbalanced++;
    free(data);
    return cs;
}

/* The document's pages in order. */
static inline size_t collect_pages(const Pdf *p, cJSON *node, const char **out, size_t n)
{
    cJSON *kids = pdf_get(p, node, "/Kids");
    cJSON *k;
    cJSON_ArrayForEach(k, kids)
    {
        cJSON *child = pdf_deref(p, k);
        if (strcmp(pdf_name(p, child, "/Type"), "/Pages") == 0)
            n = collect_pages(p, child, out, n);
        else
            out[n++] = k->valuestring;
    }
    return n;
}

/* Every page's content scanned: the CIDs each font showed. */
static inline FontUses fonts_used(const Pdf *p)
{
    const char *pages[4096];
    size_t n = collect_pages(p, pdf_get(p, pdf_root(p), "/Pages"), pages, 0);
    FontUses uses = {0};
    for (size_t i = 0; i < n; i++) {
        ContentScan cs = scan_content(p, pdf_object(p, pages[i]), &uses);
        free(cs.marks);
    }
    return uses;
}

static inline bool bit(const unsigned char *bits, size_t len, unsigned cid)
{
    return cid / 8 < len && (bits[cid / 8] & (0x80 >> (cid % 8)));
}

/* Whether element elem's /K lists MCID mcid of page. */
/* An element's /K as an array to walk: itself, or, when /K is a single kid,
 * a new array (*single, for the caller to cJSON_Delete) that refers to it. */
static inline cJSON *pdf_kids(const cJSON *elem, cJSON **single)
{
    cJSON *kids = cJSON_GetObjectItemCaseSensitive(elem, "/K");
    *single = NULL;
    if (kids && !cJSON_IsArray(kids)) {
        *single = cJSON_CreateArray();
        cJSON_AddItemReferenceToArray(*single, kids);
        return *single;
    }
    return kids;
}

static inline bool kids_list(const Pdf *p, const cJSON *elem, const char *page, int mcid)
{
    cJSON *pg = cJSON_GetObjectItemCaseSensitive(elem, "/Pg");
    bool same_page = pdf_is_ref(pg) && strcmp(pg->valuestring, page) == 0;
    cJSON *single, *k;
    bool found = false;
    cJSON *kids = pdf_kids(elem, &single); /* ArrayForEach reads its array twice */
    cJSON_ArrayForEach(k, kids)
    {
        if (cJSON_IsNumber(k) && same_page && (int)k->valuedouble == mcid)
            found = true;
        cJSON *d = pdf_deref(p, k);
        if (cJSON_IsObject(d) && strcmp(pdf_name(p, d, "/Type"), "/MCR") == 0) {
            cJSON *mpg = cJSON_GetObjectItemCaseSensitive(d, "/Pg");
            if ((int)pdf_get(p, d, "/MCID")->valuedouble == mcid && pdf_is_ref(mpg) &&
                strcmp(mpg->valuestring, page) == 0)
                found = true;
        }
    }
    cJSON_Delete(single);
    return found;
}

/* The entry for key in a number tree (its /Nums, or its /Kids' within
 * their /Limits). */
static inline cJSON *parent_tree_entry(const Pdf *p, const cJSON *node, int key)
{
    cJSON *nums = pdf_get(p, node, "/Nums");
    int n = cJSON_GetArraySize(nums);
    for (int i = 0; i + 1 < n; i += 2)
        if ((int)cJSON_GetArrayItem(nums, i)->valuedouble == key)
            return cJSON_GetArrayItem(nums, i + 1);
    cJSON *kid;
    cJSON_ArrayForEach(kid, pdf_get(p, node, "/Kids"))
    {
        cJSON *k = pdf_deref(p, kid);
        cJSON *limits = pdf_get(p, k, "/Limits");
        cr_assert_eq(cJSON_GetArraySize(limits), 2, "a number tree leaf without /Limits");
        if (key >= (int)cJSON_GetArrayItem(limits, 0)->valuedouble &&
            key <= (int)cJSON_GetArrayItem(limits, 1)->valuedouble)
            return parent_tree_entry(p, k, key);
    }
    return NULL;
}


#endif
