#include "ttf_subset.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ttf.h"

typedef struct {
    const unsigned char *data;
    size_t len;
} Span;

static uint16_t get16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void set16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}
static void set32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static Span find_table(const unsigned char *file, size_t len, const char *tag)
{
    Span t;
    t.data = ttf_table(file, len, tag, &t.len);
    return t;
}

static uint32_t checksum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    size_t i = 0;
    for (; i + 4 <= len; i += 4)
        sum += get32(p + i);
    if (i < len) {
        unsigned char last[4] = {0};
        memcpy(last, p + i, len - i);
        sum += get32(last);
    }
    return sum;
}

/* The tables a PDF viewer may read from an embedded TrueType program,
 * in tag order (the order of the table directory). The layout tables
 * (GSUB, GPOS, kern…) serve no purpose once the glyphs are placed. */
static const char *const TABLES[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head",
                                     "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"};
#define N_TABLES (sizeof TABLES / sizeof TABLES[0])

unsigned char *ttf_subset(const unsigned char *file, size_t len, const uint8_t *keep, size_t num_glyphs,
                          size_t *out_len)
{
    Span head = find_table(file, len, "head"), loca = find_table(file, len, "loca"),
         glyf = find_table(file, len, "glyf"), maxp = find_table(file, len, "maxp");
    if (!head.data || head.len < 54 || !loca.data || !glyf.data || !maxp.data || maxp.len < 6 ||
        get16(maxp.data + 4) != num_glyphs)
        return NULL;
    bool long_loca = get16(head.data + 50) == 1;
    if (loca.len < (num_glyphs + 1) * (long_loca ? 4u : 2u))
        return NULL;

    /* the new glyf and loca: kept glyphs copied, the others empty */
    StrBuf new_glyf = {0};
    size_t loca_len = (num_glyphs + 1) * (long_loca ? 4u : 2u);
    unsigned char *new_loca = xcalloc(loca_len, 1);
    for (size_t g = 0; g <= num_glyphs; g++) {
        if (long_loca)
            set32(new_loca + 4 * g, (uint32_t)new_glyf.len);
        else
            set16(new_loca + 2 * g, (uint32_t)(new_glyf.len / 2));
        if (g == num_glyphs || !keep[g])
            continue;
        size_t from = long_loca ? get32(loca.data + 4 * g) : 2u * get16(loca.data + 2 * g);
        size_t to = long_loca ? get32(loca.data + 4 * (g + 1)) : 2u * get16(loca.data + 2 * (g + 1));
        if (to <= from || to > glyf.len)
            continue; /* an empty glyph (a space), or a broken offset: nothing to copy */
        strbuf_append(&new_glyf, (const char *)glyf.data + from, to - from);
        if (new_glyf.len % (long_loca ? 4 : 2)) /* each glyph starts aligned */
            strbuf_append(&new_glyf, "\0\0\0", (long_loca ? 4 : 2) - new_glyf.len % (long_loca ? 4 : 2));
    }
    if (!long_loca && new_glyf.len / 2 > 0xFFFF) { /* cannot happen: the subset is never larger */
        free(new_loca);
        strbuf_free(&new_glyf);
        return NULL;
    }

    Span tables[N_TABLES];
    size_t present = 0, total = 0;
    for (size_t i = 0; i < N_TABLES; i++) {
        if (strcmp(TABLES[i], "glyf") == 0)
            tables[i] = (Span){(const unsigned char *)(new_glyf.data ? new_glyf.data : ""), new_glyf.len};
        else if (strcmp(TABLES[i], "loca") == 0)
            tables[i] = (Span){new_loca, loca_len};
        else
            tables[i] = find_table(file, len, TABLES[i]);
        if (tables[i].data) {
            present++;
            total += (tables[i].len + 3) & ~(size_t)3;
        }
    }
    size_t dir = 12 + 16 * present;
    unsigned char *out = xcalloc(dir + total, 1);
    set32(out, 0x00010000);
    set16(out + 4, (uint32_t)present);
    uint32_t pow2 = 1, log2 = 0;
    while (pow2 * 2 <= present) {
        pow2 *= 2;
        log2++;
    }
    set16(out + 6, pow2 * 16);
    set16(out + 8, log2);
    set16(out + 10, (uint32_t)(present * 16 - pow2 * 16));
    size_t at = dir, rec = 12, head_at = 0;
    for (size_t i = 0; i < N_TABLES; i++) {
        if (!tables[i].data)
            continue;
        memcpy(out + at, tables[i].data, tables[i].len);
        if (strcmp(TABLES[i], "head") == 0) {
            head_at = at;
            set32(out + at + 8, 0); /* checkSumAdjustment, set below */
        }
        memcpy(out + rec, TABLES[i], 4);
        set32(out + rec + 4, checksum(out + at, tables[i].len));
        set32(out + rec + 8, (uint32_t)at);
        set32(out + rec + 12, (uint32_t)tables[i].len);
        rec += 16;
        at += (tables[i].len + 3) & ~(size_t)3;
    }
    set32(out + head_at + 8, 0xB1B0AFBAu - checksum(out, at));
    free(new_loca);
    strbuf_free(&new_glyf);
    *out_len = at;
    return out;
}

static int scaled(int v, unsigned upem) { return (int)((long)v * 1000 / (long)upem); }
static int16_t get16s(const unsigned char *p) { return (int16_t)get16(p); }

static void read_postscript_name(Span name, char *out, size_t size)
{
    out[0] = '\0';
    if (!name.data || name.len < 6)
        return;
    size_t count = get16(name.data + 2), strings = get16(name.data + 4);
    for (size_t i = 0; i < count && 6 + 12 * (i + 1) <= name.len; i++) {
        const unsigned char *r = name.data + 6 + 12 * i;
        unsigned platform = get16(r), encoding = get16(r + 2), id = get16(r + 6);
        size_t n = get16(r + 8), off = strings + get16(r + 10);
        bool utf16 = platform == 3 || platform == 0, mac = platform == 1 && encoding == 0;
        if (id != 6 || (!utf16 && !mac) || off > name.len || n > name.len - off)
            continue;
        size_t k = 0, step = utf16 ? 2 : 1;
        for (size_t j = 0; j + step <= n && k + 1 < size; j += step) {
            unsigned c = utf16 ? get16(name.data + off + j) : name.data[off + j];
            /* a PDF name without escapes: printable ASCII, no delimiters */
            if (c > 0x20 && c < 0x7F && !strchr("()<>[]{}/%#", (int)c))
                out[k++] = (char)c;
        }
        out[k] = '\0';
        if (k > 0)
            return;
    }
}

bool ttf_info(const unsigned char *file, size_t len, TtfInfo *info)
{
    memset(info, 0, sizeof *info);
    Span head = find_table(file, len, "head"), hhea = find_table(file, len, "hhea"),
         os2 = find_table(file, len, "OS/2"), post = find_table(file, len, "post");
    if (!head.data || head.len < 54 || !hhea.data || hhea.len < 36)
        return false;
    unsigned upem = get16(head.data + 18);
    if (upem == 0)
        return false;
    info->units_per_em = upem;
    info->x_min = scaled(get16s(head.data + 36), upem);
    info->y_min = scaled(get16s(head.data + 38), upem);
    info->x_max = scaled(get16s(head.data + 40), upem);
    info->y_max = scaled(get16s(head.data + 42), upem);
    unsigned mac_style = get16(head.data + 44);
    info->bold = mac_style & 1;
    info->italic = mac_style & 2;
    info->ascent = scaled(get16s(hhea.data + 4), upem);
    info->descent = scaled(get16s(hhea.data + 6), upem);
    info->weight = info->bold ? 700 : 400;
    info->cap_height = info->ascent;
    info->x_height = info->ascent / 2;
    if (os2.data && os2.len >= 6)
        info->weight = get16(os2.data + 4);
    if (os2.data && os2.len >= 90 && get16(os2.data) >= 2) { /* sxHeight and sCapHeight from version 2 */
        info->x_height = scaled(get16s(os2.data + 86), upem);
        info->cap_height = scaled(get16s(os2.data + 88), upem);
    }
    if (post.data && post.len >= 8)
        info->italic_angle = (int)(int16_t)get16(post.data + 4); /* the integer part of a 16.16 number */
    read_postscript_name(find_table(file, len, "name"), info->postscript_name, sizeof info->postscript_name);
    return true;
}
