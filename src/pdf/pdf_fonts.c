#include "pdf_fonts.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "ttf_subset.h"
#include "utf8.h"

#define N_CIDS 0x10000

struct PdfFont {
    HPDF_Doc pdf;
    const char *path;
    const TtfFont *metrics;
    HPDF_Dict type0;
    unsigned char used[N_CIDS / 8]; /* the CIDs shown */
};

static bool is_used(const PdfFont *f, unsigned cid) { return f->used[cid >> 3] & (0x80 >> (cid & 7)); }

PdfFont *pdf_font_new(HPDF_Doc pdf, const char *path, const TtfFont *metrics)
{
    HPDF_Dict type0 = HPDF_Dict_New(pdf->mmgr);
    if (!type0 || HPDF_Xref_Add(pdf->xref, type0) != HPDF_OK)
        return NULL;
    PdfFont *f = xcalloc(1, sizeof *f);
    f->pdf = pdf;
    f->path = path;
    f->metrics = metrics;
    f->type0 = type0;
    return f;
}

HPDF_Dict pdf_font_object(const PdfFont *f) { return f->type0; }

void pdf_font_free(PdfFont *f) { free(f); }

void pdf_font_show(PdfFont *f, StrBuf *content, const char *utf8)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(utf8);
    /* at most four hex digits per byte of UTF-8, and the brackets */
    strbuf_reserve(content, 4 * len + 2);
    char *out = content->data + content->len;
    *out++ = '<';
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        unsigned cp;
        if (*p < 0x80) { /* ASCII: most of the text */
            cp = *p++;
        } else {
            size_t n = utf8_decode((const char *)p, &cp);
            if (n == 0) { /* not UTF-8 (the loaders refuse it): skip the byte */
                p++;
                continue;
            }
            p += n;
        }
        unsigned cid = cp < N_CIDS ? cp : 0; /* beyond the BMP: the layout never asks; .notdef */
        f->used[cid >> 3] |= (unsigned char)(0x80 >> (cid & 7));
        out[0] = hex[cid >> 12];
        out[1] = hex[(cid >> 8) & 15];
        out[2] = hex[(cid >> 4) & 15];
        out[3] = hex[cid & 15];
        out += 4;
    }
    *out++ = '>';
    *out = '\0';
    content->len = (size_t)(out - content->data);
}

/* The next CID shown after cid (N_CIDS when none): whole bytes of the
 * bitmap skipped at a time, as most are empty. */
static unsigned next_used(const PdfFont *f, unsigned cid)
{
    for (cid++; cid < N_CIDS; cid++) {
        if ((cid & 7) == 0)
            while (cid < N_CIDS && f->used[cid >> 3] == 0)
                cid += 8;
        if (cid < N_CIDS && is_used(f, cid))
            return cid;
    }
    return N_CIDS;
}

/* The glyphs of the subset: .notdef, those of the characters shown and,
 * at every level, the components of composite glyphs (DejaVu's "Ǖ" is a
 * composite of "Ü", itself one of "U" and the dieresis). */
static uint8_t *glyphs_to_keep(const PdfFont *f, size_t n_glyphs)
{
    uint8_t *keep = xcalloc(n_glyphs ? n_glyphs : 1, 1);
    uint16_t *stack = xmalloc((n_glyphs ? n_glyphs : 1) * sizeof *stack);
    size_t n = 0;
    keep[0] = 1;
    for (unsigned cid = next_used(f, 0); cid < N_CIDS; cid = next_used(f, cid)) {
        uint16_t g = ttf_glyph_index(f->metrics, cid);
        if (g && g < n_glyphs && !keep[g]) {
            keep[g] = 1;
            stack[n++] = g;
        }
    }
    while (n > 0) {
        const uint16_t *parts;
        size_t k = ttf_glyph_components(f->metrics, stack[--n], &parts);
        for (size_t i = 0; i < k; i++)
            if (parts[i] < n_glyphs && !keep[parts[i]]) {
                keep[parts[i]] = 1;
                stack[n++] = parts[i]; /* each glyph enters once: n stays below n_glyphs */
            }
    }
    free(stack);
    return keep;
}

/* A ToUnicode CMap (a "CMapType 2" file, as in the PDF reference's
 * example): each code shown mapped to itself as UTF-16, 100 a block. */
static void write_to_unicode(const PdfFont *f, StrBuf *s)
{
    strbuf_puts(s, "/CIDInit /ProcSet findresource begin\012"
                   "12 dict begin\012"
                   "begincmap\012"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\012"
                   "/CMapName /Adobe-Identity-UCS def\012"
                   "/CMapType 2 def\012"
                   "1 begincodespacerange\012<0000> <FFFF>\012endcodespacerange\012");
    unsigned block[100];
    size_t n = 0;
    for (unsigned cid = next_used(f, 0);; cid = next_used(f, cid)) {
        bool last = cid == N_CIDS;
        if (!last)
            block[n++] = cid;
        if (n == 100 || (last && n > 0)) {
            pdf_put_uint(s, n);
            strbuf_puts(s, " beginbfchar\012");
            for (size_t i = 0; i < n; i++) {
                strbuf_puts(s, "<");
                pdf_put_hex4(s, block[i]);
                strbuf_puts(s, "> <");
                pdf_put_hex4(s, block[i]);
                strbuf_puts(s, ">\012");
            }
            strbuf_puts(s, "endbfchar\012");
            n = 0;
        }
        if (last)
            break;
    }
    strbuf_puts(s, "endcmap\012"
                   "CMapName currentdict /CMap defineresource pop\012"
                   "end\012"
                   "end\012");
}

/* Six capital letters for the subset's name (PDF 9.6.4), the same for the
 * same font and characters: the file is reproducible. */
static void subset_tag(const PdfFont *f, const char *name, char tag[8])
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    for (size_t i = 0; i < sizeof f->used; i++)
        h = (h ^ f->used[i]) * 1099511628211ull;
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = '+';
    tag[7] = '\0';
}

/* W: the widths of the CIDs shown, consecutive CIDs in one array. */
static HPDF_Array widths(const PdfFont *f)
{
    HPDF_Array w = HPDF_Array_New(f->pdf->mmgr);
    HPDF_Array run = NULL;
    unsigned prev = 0;
    for (unsigned cid = next_used(f, 0); cid < N_CIDS && w; cid = next_used(f, cid)) {
        if (!run || cid != prev + 1) {
            HPDF_Array_AddNumber(w, (HPDF_INT32)cid);
            run = HPDF_Array_New(f->pdf->mmgr);
            HPDF_Array_Add(w, run);
        }
        /* thousandths, truncated: what the layout measured, to within 1 */
        HPDF_Array_AddNumber(run, (HPDF_INT32)ttf_glyph_width(f->metrics, ttf_glyph_index(f->metrics, cid)));
        prev = cid;
    }
    return w;
}

static HPDF_Dict descriptor(const PdfFont *f, const TtfInfo *info, const char *name, HPDF_Dict program)
{
    HPDF_Dict d = HPDF_Dict_New(f->pdf->mmgr);
    if (!d || HPDF_Xref_Add(f->pdf->xref, d) != HPDF_OK)
        return NULL;
    HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    HPDF_Dict_AddName(d, "FontName", name);
    /* nonsymbolic (Latin text), italic, and ForceBold for a bold face */
    HPDF_Dict_AddNumber(d, "Flags", 32 | (info->italic ? 64 : 0) | (info->bold ? 262144 : 0));
    HPDF_Box box = {(HPDF_REAL)info->x_min, (HPDF_REAL)info->y_min, (HPDF_REAL)info->x_max, (HPDF_REAL)info->y_max};
    HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(f->pdf->mmgr, box));
    HPDF_Dict_AddNumber(d, "ItalicAngle", info->italic_angle);
    HPDF_Dict_AddNumber(d, "Ascent", info->ascent);
    HPDF_Dict_AddNumber(d, "Descent", info->descent);
    HPDF_Dict_AddNumber(d, "CapHeight", info->cap_height);
    HPDF_Dict_AddNumber(d, "XHeight", info->x_height);
    /* the stem width is not in a TrueType file: the usual estimate from the weight */
    unsigned weight = info->weight < 100 ? 100 : info->weight > 900 ? 900 : info->weight;
    HPDF_Dict_AddNumber(d, "StemV", (HPDF_INT32)(10 + 220 * (weight - 50) / 900));
    HPDF_Dict_Add(d, "FontFile2", program);
    return d;
}

int pdf_font_finish(PdfFont *f, PdfDeflater *d, bool pdfa, char **error)
{
    size_t len;
    const char *reason;
    unsigned char *file = (unsigned char *)file_read_all(f->path, &len, &reason);
    if (!file) {
        *error = xasprintf("impossibile leggere il font %s: %s", f->path, reason);
        return -1;
    }
    TtfInfo info;
    size_t n_glyphs = ttf_glyph_count(f->metrics), program_len = 0;
    uint8_t *keep = glyphs_to_keep(f, n_glyphs);
    unsigned char *program = ttf_info(file, len, &info) ? ttf_subset(file, len, keep, n_glyphs, &program_len) : NULL;
    free(keep);
    if (!program) {
        free(file);
        *error = xasprintf("il font %s non è un TrueType che si possa incorporare", f->path);
        return -1;
    }
    HPDF_Doc pdf = f->pdf;
    HPDF_MMgr mmgr = pdf->mmgr;
    char tag[8], name[80];
    subset_tag(f, info.postscript_name, tag);
    snprintf(name, sizeof name, "%s%s", tag, info.postscript_name[0] ? info.postscript_name : "Font");

    HPDF_Dict font_file = pdf_flate_stream_new(pdf, d, program, program_len);
    free(program);
    if (font_file)
        HPDF_Dict_AddNumber(font_file, "Length1", (HPDF_INT32)program_len);
    HPDF_Dict desc = font_file ? descriptor(f, &info, name, font_file) : NULL;

    /* CIDToGIDMap up to the last CID shown; CIDSet: .notdef and the CIDs
     * shown that have a glyph — exactly those the map sends to one */
    unsigned last = 0;
    for (unsigned cid = next_used(f, 0); cid < N_CIDS; cid = next_used(f, cid))
        last = cid;
    unsigned char *map = xcalloc(2 * ((size_t)last + 1), 1);
    unsigned char *set = xcalloc((size_t)last / 8 + 1, 1);
    set[0] = 0x80;
    for (unsigned cid = 1; cid <= last; cid++) {
        uint16_t g = is_used(f, cid) ? ttf_glyph_index(f->metrics, cid) : 0;
        map[2 * cid] = (unsigned char)(g >> 8);
        map[2 * cid + 1] = (unsigned char)g;
        if (g)
            set[cid / 8] |= (unsigned char)(0x80 >> (cid % 8));
    }
    HPDF_Dict cid_to_gid = pdf_flate_stream_new(pdf, d, map, 2 * ((size_t)last + 1));
    if (pdfa && desc) {
        HPDF_Dict cid_set = pdf_flate_stream_new(pdf, d, set, (size_t)last / 8 + 1);
        if (cid_set)
            HPDF_Dict_Add(desc, "CIDSet", cid_set);
    }
    free(map);
    free(set);

    StrBuf cmap = {0};
    write_to_unicode(f, &cmap);
    HPDF_Dict to_unicode = pdf_flate_stream_new(pdf, d, cmap.data, cmap.len);
    strbuf_free(&cmap);

    HPDF_Dict cid_font = HPDF_Dict_New(mmgr);
    if (!desc || !cid_to_gid || !to_unicode || !cid_font || HPDF_Xref_Add(pdf->xref, cid_font) != HPDF_OK) {
        free(file);
        return 0; /* the error is libharu's, recorded by its handler */
    }
    HPDF_Dict_AddName(cid_font, "Type", "Font");
    HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid_font, "BaseFont", name);
    HPDF_Dict info_dict = HPDF_Dict_New(mmgr);
    HPDF_Dict_Add(cid_font, "CIDSystemInfo", info_dict);
    HPDF_Dict_Add(info_dict, "Registry", HPDF_String_New(mmgr, "Adobe", NULL));
    HPDF_Dict_Add(info_dict, "Ordering", HPDF_String_New(mmgr, "Identity", NULL));
    HPDF_Dict_AddNumber(info_dict, "Supplement", 0);
    HPDF_Dict_Add(cid_font, "FontDescriptor", desc);
    HPDF_Dict_AddNumber(cid_font, "DW", (HPDF_INT32)ttf_glyph_width(f->metrics, 0));
    HPDF_Dict_Add(cid_font, "W", widths(f));
    HPDF_Dict_Add(cid_font, "CIDToGIDMap", cid_to_gid);

    HPDF_Dict t0 = f->type0;
    HPDF_Dict_AddName(t0, "Type", "Font");
    HPDF_Dict_AddName(t0, "Subtype", "Type0");
    HPDF_Dict_AddName(t0, "BaseFont", name);
    HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
    HPDF_Array descendants = HPDF_Array_New(mmgr);
    HPDF_Dict_Add(t0, "DescendantFonts", descendants);
    HPDF_Array_Add(descendants, cid_font);
    HPDF_Dict_Add(t0, "ToUnicode", to_unicode);
    free(file);
    return 0;
}
