#include "ttf.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"

/* Code points above the BMP: libharu 2.3.0 cannot print them, and the
 * layout never asks for them (the font chooser treats them as missing). */
#define BMP_SIZE 0x10000

struct TtfFont {
    uint16_t units_per_em;
    int16_t ascender, descender;
    uint16_t num_glyphs, num_hmetrics;
    uint16_t *advances;    /* per glyph, font units */
    uint16_t *glyph_of;    /* per BMP code point */
    uint32_t *first_component; /* per glyph + 1: its components are components[first[g] … first[g+1]) */
    uint16_t *components;
};

typedef struct {
    const uint8_t *data;
    size_t len;
} Bytes;

static int in_range(Bytes b, size_t off, size_t n) { return off <= b.len && n <= b.len - off; }
static uint16_t u16(Bytes b, size_t off) { return in_range(b, off, 2) ? (uint16_t)(b.data[off] << 8 | b.data[off + 1]) : 0; }
static int16_t s16(Bytes b, size_t off) { return (int16_t)u16(b, off); }
static uint32_t u32(Bytes b, size_t off)
{
    return in_range(b, off, 4) ? (uint32_t)b.data[off] << 24 | (uint32_t)b.data[off + 1] << 16 |
                                     (uint32_t)b.data[off + 2] << 8 | b.data[off + 3]
                               : 0;
}

const uint8_t *ttf_table(const uint8_t *data, size_t size, const char tag[4], size_t *table_len)
{
    Bytes file = {data, size};
    uint16_t n = u16(file, 4);
    for (uint16_t i = 0; i < n; i++) {
        size_t rec = 12 + 16 * (size_t)i;
        if (!in_range(file, rec, 16))
            break;
        if (memcmp(file.data + rec, tag, 4) == 0) {
            uint32_t off = u32(file, rec + 8), len = u32(file, rec + 12);
            if (in_range(file, off, len)) {
                *table_len = len;
                return file.data + off;
            }
        }
    }
    *table_len = 0;
    return NULL;
}

/* The table with this tag, as a byte range inside the file. */
static Bytes table(Bytes file, const char tag[4])
{
    Bytes t;
    t.data = ttf_table(file.data, file.len, tag, &t.len);
    return t;
}

static void map_format4(TtfFont *f, Bytes sub)
{
    uint16_t segx2 = u16(sub, 6);
    size_t ends = 14, starts = ends + segx2 + 2, deltas = starts + segx2, offsets = deltas + segx2;
    for (size_t s = 0; s < segx2 / 2u; s++) {
        uint16_t end = u16(sub, ends + 2 * s), start = u16(sub, starts + 2 * s);
        uint16_t delta = u16(sub, deltas + 2 * s), range = u16(sub, offsets + 2 * s);
        for (uint32_t c = start; c <= end && c < BMP_SIZE; c++) {
            uint16_t g;
            if (range == 0) {
                g = (uint16_t)(c + delta);
            } else {
                size_t at = offsets + 2 * s + range + 2 * (c - start);
                g = u16(sub, at);
                if (g)
                    g = (uint16_t)(g + delta);
            }
            if (g < f->num_glyphs)
                f->glyph_of[c] = g;
        }
    }
}

static void map_format12(TtfFont *f, Bytes sub)
{
    uint32_t groups = u32(sub, 12);
    for (uint32_t i = 0; i < groups; i++) {
        size_t at = 16 + 12 * (size_t)i;
        if (!in_range(sub, at, 12))
            break;
        uint32_t start = u32(sub, at), end = u32(sub, at + 4), g = u32(sub, at + 8);
        for (uint32_t c = start; c <= end && c < BMP_SIZE; c++, g++)
            if (g < f->num_glyphs)
                f->glyph_of[c] = (uint16_t)g;
    }
}

/* Picks the Unicode subtable: (3,10) or (0,4) format 12, else (3,1)/(0,x) format 4. */
static int read_cmap(TtfFont *f, Bytes cmap)
{
    uint16_t n = u16(cmap, 2);
    Bytes best = {NULL, 0};
    int best_format = 0;
    for (uint16_t i = 0; i < n; i++) {
        uint16_t platform = u16(cmap, 4 + 8 * (size_t)i), encoding = u16(cmap, 6 + 8 * (size_t)i);
        uint32_t off = u32(cmap, 8 + 8 * (size_t)i);
        if (!in_range(cmap, off, 4))
            continue;
        Bytes sub = {cmap.data + off, cmap.len - off};
        uint16_t format = u16(sub, 0);
        int unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if (!unicode)
            continue;
        if (format == 12 && best_format != 12) {
            best = sub;
            best_format = 12;
        } else if (format == 4 && best_format == 0) {
            best = sub;
            best_format = 4;
        }
    }
    if (best_format == 12)
        map_format12(f, best);
    else if (best_format == 4)
        map_format4(f, best);
    return best_format != 0;
}

/* The components of every composite glyph. */
static void read_composites(TtfFont *f, Bytes file)
{
    Bytes head = table(file, "head"), loca = table(file, "loca"), glyf = table(file, "glyf");
    f->first_component = calloc((size_t)f->num_glyphs + 1, sizeof *f->first_component);
    size_t n = 0, cap = 0;
    if (!f->first_component || !loca.data || !glyf.data)
        return;
    int long_offsets = s16(head, 50) == 1;
    for (uint16_t g = 0; g < f->num_glyphs; g++) {
        f->first_component[g] = (uint32_t)n;
        uint32_t off = long_offsets ? u32(loca, 4 * (size_t)g) : 2u * u16(loca, 2 * (size_t)g);
        uint32_t next = long_offsets ? u32(loca, 4 * ((size_t)g + 1)) : 2u * u16(loca, 2 * ((size_t)g + 1));
        if (next <= off || !in_range(glyf, off, 10) || s16(glyf, off) >= 0)
            continue; /* empty or simple glyph */
        size_t at = off + 10;
        for (;;) {
            uint16_t flags = u16(glyf, at), component = u16(glyf, at + 2);
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                uint16_t *grown = realloc(f->components, cap * sizeof *grown);
                if (!grown)
                    break;
                f->components = grown;
            }
            if (component < f->num_glyphs)
                f->components[n++] = component;
            if (!(flags & 0x20)) /* MORE_COMPONENTS */
                break;
            at += 4 + ((flags & 0x01) ? 4 : 2);            /* ARG_1_AND_2_ARE_WORDS */
            if (flags & 0x08) at += 2;                     /* WE_HAVE_A_SCALE */
            else if (flags & 0x40) at += 4;                /* X_AND_Y_SCALE */
            else if (flags & 0x80) at += 8;                /* TWO_BY_TWO */
            if (!in_range(glyf, at, 4))
                break;
        }
    }
    f->first_component[f->num_glyphs] = (uint32_t)n;
}

TtfFont *ttf_load(const char *path, const char **reason)
{
    size_t len;
    char *raw = file_read_all(path, &len, reason);
    if (!raw)
        return NULL;
    Bytes file = {(const uint8_t *)raw, len};
    Bytes head = table(file, "head"), hhea = table(file, "hhea"), hmtx = table(file, "hmtx"),
          maxp = table(file, "maxp"), cmap = table(file, "cmap");
    uint32_t version = u32(file, 0);
    if ((version != 0x00010000 && version != 0x74727565) || !head.data || !hhea.data || !hmtx.data ||
        !maxp.data || !cmap.data) {
        free(raw);
        *reason = "non è un font TrueType (.ttf) leggibile";
        return NULL;
    }
    TtfFont *f = calloc(1, sizeof *f);
    f->units_per_em = u16(head, 18);
    f->ascender = s16(hhea, 4);
    f->descender = s16(hhea, 6);
    f->num_hmetrics = u16(hhea, 34);
    f->num_glyphs = u16(maxp, 4);
    if (f->units_per_em == 0 || f->num_glyphs == 0 || f->num_hmetrics == 0 ||
        f->num_hmetrics > f->num_glyphs) {
        free(f);
        free(raw);
        *reason = "font TrueType con tabelle incoerenti";
        return NULL;
    }
    f->advances = calloc(f->num_glyphs, sizeof *f->advances);
    f->glyph_of = calloc(BMP_SIZE, sizeof *f->glyph_of);
    for (uint16_t g = 0; g < f->num_glyphs; g++)
        f->advances[g] = u16(hmtx, 4 * (size_t)(g < f->num_hmetrics ? g : f->num_hmetrics - 1));
    if (!read_cmap(f, cmap)) {
        ttf_free(f);
        free(raw);
        *reason = "il font non ha una tabella dei caratteri Unicode";
        return NULL;
    }
    read_composites(f, file);
    free(raw);
    return f;
}

void ttf_free(TtfFont *f)
{
    if (!f)
        return;
    free(f->advances);
    free(f->glyph_of);
    free(f->first_component);
    free(f->components);
    free(f);
}

uint16_t ttf_glyph_index(const TtfFont *f, uint32_t cp) { return cp < BMP_SIZE ? f->glyph_of[cp] : 0; }

double ttf_glyph_width(const TtfFont *f, uint16_t glyph)
{
    return f->advances[glyph < f->num_glyphs ? glyph : 0] * 1000.0 / f->units_per_em;
}

double ttf_advance(const TtfFont *f, uint32_t cp) { return ttf_glyph_width(f, ttf_glyph_index(f, cp)); }

double ttf_ascent(const TtfFont *f) { return f->ascender * 1000.0 / f->units_per_em; }
double ttf_descent(const TtfFont *f) { return f->descender * 1000.0 / f->units_per_em; }

uint16_t ttf_glyph_count(const TtfFont *f) { return f->num_glyphs; }

size_t ttf_glyph_components(const TtfFont *f, uint16_t glyph, const uint16_t **components)
{
    if (glyph >= f->num_glyphs || !f->first_component || !f->components) { /* no composite glyph in the font */
        *components = NULL;
        return 0;
    }
    *components = f->components + f->first_component[glyph];
    return f->first_component[glyph + 1] - f->first_component[glyph];
}
