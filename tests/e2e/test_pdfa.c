/* Publication-grade PDFs read back.
 *
 * PDF/A-1b (ISO 19005-1) has no validator among Debian's packages (veraPDF
 * is not packaged), so the clauses below are checked here, object by object,
 * through qpdf's JSON view of the file (pdfread.h):
 *   6.1.2  header: %PDF-1.0…1.4 and a binary comment line
 *   6.1.3  trailer /ID; no /Encrypt
 *   6.1.10 no LZWDecode filter
 *   6.1.11 no embedded files; 6.6.1 no JavaScript, Launch or other actions
 *          outside those allowed; no additional actions (/AA)
 *   6.2.2  OutputIntent GTS_PDFA1 with an ICC v2 RGB output profile (N 3)
 *   6.3.4  every font program embedded (FontFile2)
 *   6.3.5  a CIDSet for every subset CID font, listing exactly the CIDs whose
 *          glyphs the font program has
 *   6.3.6  widths in W (or DW) equal the font program's advances
 *   6.4    no transparency: no SMask, CA/ca 1, blend mode Normal, no
 *          transparency groups
 *   6.5.3  annotations printable (F has Print, not Hidden/Invisible/NoView)
 *   6.7    XMP metadata stream (Type Metadata, Subtype XML, not filtered),
 *          well-formed XML, pdfaid:part 1 and conformance B, and the Info
 *          entries equal to their XMP counterparts (dc:title, dc:creator,
 *          dc:description, xmp:CreatorTool, pdf:Producer, xmp:CreateDate)
 * and beyond the PDF/A-1b minimum: a ToUnicode CMap that maps every CID of
 * the subset to its character, and every glyph printed complete in the
 * embedded program (components of components included).
 *
 * Tagged PDF: pdfinfo's "Tagged: yes" and -struct-text (all the body text in
 * the structure, tables as Table/TR/TH/TD, headings, the chart as a Figure,
 * page furniture left out), and the structure tree itself: every marked
 * sequence balanced, every text and drawing inside one, every MCID found
 * through the ParentTree in an element of the same tag that lists it, every
 * link annotation reached through its StructParent. */
#include <ctype.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdfread.h"

#define PIANO "tests/fixtures/archivio-piano.json"
#define RAGGIUNTO "tests/fixtures/relazione-raggiunto.json"
#define ENTE "Unione dei Comuni Valle & Mare <\"Levante\">"

static char *out_dir(const char *name) { return test_dir("pdfa", name); }

static void render(const char *dir, const char *extra)
{
    char *args = xasprintf("stampa " PIANO " --raggiunto " RAGGIUNTO " --anno 2024 --out '%s' %s", dir, extra);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "schede %s:\n%s", args, r.out);
    free(args);
    free(r.out);
}

static char *file_in(const char *dir, const char *name) { return xasprintf("%s/%s", dir, name); }

/* ---- walking every object ------------------------------------------------------------ */

typedef struct {
    size_t lzw, javascript, actions, aa, smask, alpha, blend, groups, embedded, encrypt;
    size_t over_limits; /* PDF 1.4 implementation limits, which PDF/A-1 makes rules (6.1.12) */
} Forbidden;

static void scan_value(const Pdf *p, const cJSON *v, Forbidden *f)
{
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        size_t bytes = strncmp(s, "b:", 2) == 0 ? (strlen(s) - 2) / 2 : strlen(s); /* u: text at least */
        if (bytes > 65535 || (s[0] == '/' && strlen(s) - 1 > 127))
            f->over_limits++;
        return;
    }
    if ((cJSON_IsArray(v) && cJSON_GetArraySize(v) > 8191) || (cJSON_IsObject(v) && cJSON_GetArraySize(v) > 4095))
        f->over_limits++;
    if (cJSON_IsArray(v)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, v) scan_value(p, it, f);
        return;
    }
    if (!cJSON_IsObject(v))
        return;
    const cJSON *it;
    cJSON_ArrayForEach(it, v)
    {
        const char *k = it->string;
        const char *s = cJSON_IsString(it) ? it->valuestring : "";
        if (strcmp(k, "/Filter") == 0) {
            const cJSON *name;
            if (cJSON_IsString(it) && strcmp(s, "/LZWDecode") == 0)
                f->lzw++;
            if (cJSON_IsArray(it))
                cJSON_ArrayForEach(name, it) f->lzw += cJSON_IsString(name) && strcmp(name->valuestring, "/LZWDecode") == 0;
        }
        if (strcmp(k, "/JS") == 0 || strcmp(s, "/JavaScript") == 0)
            f->javascript++;
        if (strcmp(k, "/S") == 0 && (strcmp(s, "/Launch") == 0 || strcmp(s, "/ImportData") == 0 ||
                                     strcmp(s, "/ResetForm") == 0 || strcmp(s, "/Sound") == 0 ||
                                     strcmp(s, "/Movie") == 0 || strcmp(s, "/Hide") == 0))
            f->actions++;
        if (strcmp(k, "/AA") == 0)
            f->aa++;
        if (strcmp(k, "/SMask") == 0 && strcmp(s, "/None") != 0)
            f->smask++;
        if ((strcmp(k, "/CA") == 0 || strcmp(k, "/ca") == 0) && !(cJSON_IsNumber(it) && it->valuedouble == 1))
            f->alpha++;
        if (strcmp(k, "/BM") == 0 && strcmp(s, "/Normal") != 0 && strcmp(s, "/Compatible") != 0)
            f->blend++;
        if (strcmp(k, "/Group") == 0)
            f->groups++;
        if (strcmp(k, "/EmbeddedFiles") == 0 || strcmp(k, "/EF") == 0)
            f->embedded++;
        if (strcmp(k, "/Encrypt") == 0)
            f->encrypt++;
        scan_value(p, it, f);
    }
}

/* Calls fn on every object's value (a stream: its dictionary). */
static void each_object(const Pdf *p, void (*fn)(const Pdf *, const char *ref, cJSON *obj, void *), void *ctx)
{
    cJSON *it;
    cJSON_ArrayForEach(it, p->objects)
    {
        if (strncmp(it->string, "obj:", 4) != 0)
            continue;
        fn(p, it->string + 4, pdf_object(p, it->string + 4), ctx);
    }
}

static void find_figure(const Pdf *p, const char *ref, cJSON *obj, void *ctx)
{
    (void)ref;
    if (strcmp(pdf_name(p, obj, "/S"), "/Figure") == 0)
        *(const char **)ctx = text_of(pdf_get(p, obj, "/Alt"));
}

/* The alternate text of the (last) Figure element; NULL if none. */
static const char *figure_alt(const Pdf *p)
{
    const char *alt = NULL;
    each_object(p, find_figure, &alt);
    return alt;
}

/* ---- content streams --------------------------------------------------------------------- */

/* ---- PDF/A-1b ---------------------------------------------------------------------------------- */

/* W array: width of cid, or dw. */
static long w_width(const Pdf *p, const cJSON *cidfont, unsigned cid)
{
    cJSON *dw = pdf_get(p, cidfont, "/DW");
    long width = cJSON_IsNumber(dw) ? (long)dw->valuedouble : 1000;
    cJSON *w = pdf_get(p, cidfont, "/W");
    int n = cJSON_GetArraySize(w);
    for (int i = 0; i + 1 < n;) {
        unsigned first = (unsigned)cJSON_GetArrayItem(w, i)->valuedouble;
        cJSON *next = cJSON_GetArrayItem(w, i + 1);
        if (cJSON_IsArray(next)) {
            int k = cJSON_GetArraySize(next);
            if (cid >= first && cid < first + (unsigned)k)
                width = (long)cJSON_GetArrayItem(next, (int)(cid - first))->valuedouble;
            i += 2;
        } else {
            unsigned last = (unsigned)next->valuedouble;
            if (cid >= first && cid <= last)
                width = (long)cJSON_GetArrayItem(w, i + 2)->valuedouble;
            i += 3;
        }
    }
    return width;
}

/* Checks one Type0 font; returns how many CIDs it showed. */
static size_t check_font(const Pdf *p, const char *ref, const FontUse *use, bool pdfa)
{
    cJSON *type0 = pdf_object(p, ref);
    cJSON *cidfont = pdf_deref(p, cJSON_GetArrayItem(pdf_get(p, type0, "/DescendantFonts"), 0));
    cr_assert_str_eq(pdf_name(p, cidfont, "/Subtype"), "/CIDFontType2", "%s", ref);
    const char *base = pdf_name(p, type0, "/BaseFont");
    cJSON *desc = pdf_get(p, cidfont, "/FontDescriptor");
    cJSON *file = cJSON_GetObjectItemCaseSensitive(desc, "/FontFile2");
    cr_assert(pdf_is_ref(file), "%s: font program not embedded (6.3.4)", base);
    size_t flen, mlen, slen = 0, ulen;
    unsigned char *prog = pdf_stream(p, file->valuestring, &flen);
    unsigned char *map = pdf_stream(p, cJSON_GetObjectItemCaseSensitive(cidfont, "/CIDToGIDMap")->valuestring, &mlen);
    cr_assert(prog && map);
    Ttf ttf = {prog, flen};
    unsigned char *set = NULL;
    bool subset = strlen(base) > 8 && base[7] == '+';
    cJSON *cidset = cJSON_GetObjectItemCaseSensitive(desc, "/CIDSet");
    if (pdfa) {
        cr_assert(!subset || pdf_is_ref(cidset), "%s: subset font without CIDSet (6.3.5)", base);
        set = pdf_stream(p, cidset->valuestring, &slen);
        cr_assert_not_null(set);
        cr_assert(bit(set, slen, 0), "%s: CIDSet without CID 0", base);
    } else {
        cr_assert_null(cidset, "%s: CIDSet outside PDF/A", base);
    }
    cJSON *tu = cJSON_GetObjectItemCaseSensitive(type0, "/ToUnicode");
    cr_assert(pdf_is_ref(tu), "%s: no ToUnicode", base);
    char *cmap = (char *)pdf_stream(p, tu->valuestring, &ulen);
    cmap = xrealloc(cmap, ulen + 1);
    cmap[ulen] = '\0';
    cr_assert_null(strstr(cmap, "cidrange"), "%s: a CID CMap as ToUnicode", base);
    unsigned char mapped[65536 / 8] = {0};
    for (char *l = strstr(cmap, "beginbfchar"); l; l = strstr(l + 1, "beginbfchar"))
        for (char *e = l; (e = strchr(e, '<')) && e < strstr(l, "endbfchar"); e += 13) {
            unsigned from, to;
            cr_assert_eq(sscanf(e, "<%4x> <%4x>", &from, &to), 2, "%s: ToUnicode line «%.14s»", base, e);
            cr_assert_eq(from, to, "%s: ToUnicode maps %04X to %04X", base, from, to);
            mapped[from / 8] |= (unsigned char)(0x80 >> (from % 8));
        }

    size_t shown = 0;
    uint32_t glyphs = ttf_glyphs(&ttf);
    for (unsigned cid = 1; cid < mlen / 2; cid++) {
        uint32_t gid = (uint32_t)map[2 * cid] << 8 | map[2 * cid + 1];
        size_t off, glen = 0;
        if (gid != 0 && gid < glyphs)
            ttf_glyph(&ttf, gid, &off, &glen);
        bool used = bit(use->used, sizeof use->used, cid);
        if (pdfa) {
            /* exactly the CIDs whose glyphs are in the program (6.3.5) */
            if (glen > 0)
                cr_assert(bit(set, slen, cid), "%s: CID %04X has a glyph but is not in the CIDSet", base, cid);
            if (bit(set, slen, cid))
                cr_assert(gid != 0 && gid < glyphs, "%s: CIDSet lists %04X, which has no glyph", base, cid);
        }
        if (!used)
            continue;
        shown++;
        cr_assert(gid != 0, "%s: U+%04X shown with .notdef", base, cid);
        cr_assert(!pdfa || bit(set, slen, cid), "%s: U+%04X shown but not in the CIDSet", base, cid);
        cr_assert(bit(mapped, sizeof mapped, cid), "%s: U+%04X shown but not in ToUnicode", base, cid);
        long w = w_width(p, cidfont, cid), t = ttf_width(&ttf, gid);
        cr_assert(labs(w - t) <= 1, "%s: U+%04X width %ld in W, %ld in the font program (6.3.6)", base, cid, w, t);
        if (glen == 0)
            cr_assert(cid == 0x20 || cid == 0xA0 || (cid >= 0x2000 && cid <= 0x200B),
                      "%s: U+%04X shown with an empty glyph", base, cid);
        else
            cr_assert(ttf_glyph_whole(&ttf, gid, 0), "%s: U+%04X (glyph %u) lacks a component in the subset", base,
                      cid, gid);
    }
    free(prog);
    free(map);
    free(set);
    free(cmap);
    return shown;
}

static void check_forbidden(const Pdf *p, const char *ref, cJSON *obj, void *ctx)
{
    (void)ref;
    scan_value(p, obj, ctx);
}

typedef struct {
    size_t annots, not_printable;
} Annots;

static void check_annot(const Pdf *p, const char *ref, cJSON *obj, void *ctx)
{
    (void)ref;
    Annots *a = ctx;
    if (strcmp(pdf_name(p, obj, "/Type"), "/Annot") != 0)
        return;
    a->annots++;
    cJSON *f = pdf_get(p, obj, "/F");
    int flags = cJSON_IsNumber(f) ? (int)f->valuedouble : 0;
    if (!(flags & 4) || (flags & (1 | 2 | 32)))
        a->not_printable++;
}

/* "D:20260921141320Z" → "2026-09-21T14:13:20Z" */
static char *xmp_date_of(const char *d)
{
    cr_assert(d && strlen(d) >= 16 && strncmp(d, "D:", 2) == 0, "CreationDate «%s»", d ? d : "");
    return xasprintf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d + 2, d + 6, d + 8, d + 10, d + 12, d + 14);
}

/* The XMP packet of the catalog (checked for 6.7.2–6.7.3). */
static char *xmp_of(const Pdf *p)
{
    cJSON *root = pdf_root(p);
    cJSON *ref = cJSON_GetObjectItemCaseSensitive(root, "/Metadata");
    cr_assert(pdf_is_ref(ref), "no /Metadata in the catalog");
    cJSON *dict = pdf_object(p, ref->valuestring);
    cr_assert_str_eq(pdf_name(p, dict, "/Type"), "/Metadata");
    cr_assert_str_eq(pdf_name(p, dict, "/Subtype"), "/XML");
    cr_assert_null(cJSON_GetObjectItemCaseSensitive(dict, "/Filter"), "metadata stream filtered (6.7.2)");
    size_t len;
    char *x = (char *)pdf_stream(p, ref->valuestring, &len);
    x = xrealloc(x, len + 1);
    x[len] = '\0';
    const char *fault = xml_fault(x);
    cr_assert_null(fault, "XMP not well-formed: %s\n%s", fault ? fault : "", x);
    cr_assert(strncmp(x, "<?xpacket begin=", 16) == 0, "XMP without its xpacket header");
    return x;
}

/* Info entries and their XMP counterparts agree (6.7.3). */
static void check_metadata(const Pdf *p, const char *x)
{
    cJSON *info = pdf_get(p, p->trailer, "/Info");
    static const char *const pairs[][2] = {{"/Title", "dc:title"},          {"/Author", "dc:creator"},
                                           {"/Subject", "dc:description"}, {"/Creator", "xmp:CreatorTool"},
                                           {"/Producer", "pdf:Producer"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *in_info = text_of(pdf_get(p, info, pairs[i][0]));
        char *in_xmp = xml_text(x, pairs[i][1]);
        cr_assert(in_info && in_xmp, "%s / %s missing", pairs[i][0], pairs[i][1]);
        cr_assert_str_eq(in_xmp, in_info, "%s differs from Info %s", pairs[i][1], pairs[i][0]);
        free(in_xmp);
    }
    char *date = xmp_date_of(text_of(pdf_get(p, info, "/CreationDate")));
    char *created = xml_text(x, "xmp:CreateDate");
    cr_assert(created && strcmp(created, date) == 0, "xmp:CreateDate %s, Info %s", created ? created : "-", date);
    free(date);
    free(created);
}

/* Every clause listed at the top, on one file. */
static void check_pdfa(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    unsigned char head[16];
    cr_assert_eq(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    cr_assert(memcmp(head, "%PDF-1.", 7) == 0 && head[7] >= '0' && head[7] <= '4' && head[8] == '\n',
              "header (6.1.2)");
    cr_assert(head[9] == '%' && head[10] > 127 && head[11] > 127 && head[12] > 127 && head[13] > 127,
              "binary comment line (6.1.2)");

    Pdf p = pdf_open(path);
    cJSON *id = cJSON_GetObjectItemCaseSensitive(p.trailer, "/ID");
    cr_assert(cJSON_GetArraySize(id) == 2, "trailer /ID (6.1.3)");
    for (int i = 0; i < 2; i++)
        cr_assert(strlen(cJSON_GetArrayItem(id, i)->valuestring) == 2 + 32, "/ID of 16 bytes");

    Forbidden fb = {0};
    scan_value(&p, p.trailer, &fb);
    each_object(&p, check_forbidden, &fb);
    cr_assert_eq(fb.encrypt, 0, "encryption (6.1.3)");
    cr_assert_eq(fb.lzw, 0, "LZW (6.1.10)");
    cr_assert_eq(fb.javascript + fb.actions + fb.aa, 0, "JavaScript or forbidden actions (6.6)");
    cr_assert_eq(fb.smask + fb.alpha + fb.blend + fb.groups, 0, "transparency (6.4)");
    cr_assert_eq(fb.embedded, 0, "embedded files");
    cr_assert_eq(fb.over_limits, 0, "arrays, dictionaries, strings or names beyond PDF 1.4's limits (6.1.12)");
    Annots an = {0};
    each_object(&p, check_annot, &an);
    cr_assert_eq(an.not_printable, 0, "%zu of %zu annotations not printable (6.5.3)", an.not_printable, an.annots);

    char *x = xmp_of(&p);
    char *part = xml_text(x, "pdfaid:part"), *conf = xml_text(x, "pdfaid:conformance");
    cr_assert(part && strcmp(part, "1") == 0, "pdfaid:part");
    cr_assert(conf && strcmp(conf, "B") == 0, "pdfaid:conformance");
    check_metadata(&p, x);
    free(part);
    free(conf);
    free(x);

    cJSON *root = pdf_root(&p);
    cJSON *intents = pdf_get(&p, root, "/OutputIntents");
    cr_assert_eq(cJSON_GetArraySize(intents), 1, "one OutputIntent (6.2.2)");
    cJSON *intent = pdf_deref(&p, cJSON_GetArrayItem(intents, 0));
    cr_assert_str_eq(pdf_name(&p, intent, "/S"), "/GTS_PDFA1");
    cr_assert_not_null(text_of(pdf_get(&p, intent, "/OutputConditionIdentifier")));
    cJSON *profile = cJSON_GetObjectItemCaseSensitive(intent, "/DestOutputProfile");
    cr_assert(pdf_is_ref(profile));
    cr_assert_eq((int)pdf_get(&p, pdf_object(&p, profile->valuestring), "/N")->valuedouble, 3);
    size_t ilen;
    unsigned char *icc = pdf_stream(&p, profile->valuestring, &ilen);
    cr_assert(icc && ilen > 128 && memcmp(icc + 36, "acsp", 4) == 0, "ICC profile");
    cr_assert_eq(icc[8], 2, "ICC major version %d, PDF/A-1 wants 2", icc[8]);
    cr_assert(memcmp(icc + 16, "RGB ", 4) == 0, "ICC colour space");
    free(icc);

    FontUses uses = fonts_used(&p);
    cr_assert(uses.n >= 2, "fonts used: %zu", uses.n);
    for (size_t i = 0; i < uses.n; i++)
        cr_assert(check_font(&p, uses.fonts[i].ref, &uses.fonts[i], true) > 0);
    free(uses.fonts);
    pdf_close(&p);
}

Test(pdfa, relazione_is_pdfa_by_default_the_others_on_request)
{
    char *dir = out_dir("default");
    render(dir, "");
    char *rel = file_in(dir, "relazione.pdf"), *sch = file_in(dir, "schede.pdf");
    check_pdfa(rel);
    /* schede.pdf: tagged and with metadata, but not declared PDF/A */
    Pdf p = pdf_open(sch);
    char *x = xmp_of(&p);
    cr_assert_null(strstr(x, "pdfaid"), "schede.pdf declares PDF/A without --pdfa");
    check_metadata(&p, x);
    cr_assert_null(cJSON_GetObjectItemCaseSensitive(pdf_root(&p), "/OutputIntents"));
    /* its fonts: ToUnicode, widths and whole glyphs all the same, no CIDSet */
    FontUses uses = fonts_used(&p);
    for (size_t i = 0; i < uses.n; i++)
        cr_assert(check_font(&p, uses.fonts[i].ref, &uses.fonts[i], false) > 0);
    free(uses.fonts);
    free(x);
    pdf_close(&p);
    free(rel);
    free(sch);

    char *all = out_dir("all");
    render(all, "--pdfa");
    const char *names[] = {"schede.pdf", "persone.pdf", "relazione.pdf"};
    for (int i = 0; i < 3; i++) {
        char *f = file_in(all, names[i]);
        check_pdfa(f);
        free(f);
    }
    free(all);
    free(dir);
}

Test(pdfa, senza_pdfa_and_conflicting_options)
{
    char *dir = out_dir("none");
    render(dir, "--senza-pdfa --solo relazione");
    char *rel = file_in(dir, "relazione.pdf");
    Pdf p = pdf_open(rel);
    char *x = xmp_of(&p);
    cr_assert_null(strstr(x, "pdfaid"));
    cr_assert_null(cJSON_GetObjectItemCaseSensitive(pdf_root(&p), "/OutputIntents"));
    free(x);
    pdf_close(&p);
    Run r = run("stampa " PIANO " --raggiunto " RAGGIUNTO " --pdfa --senza-pdfa --out /nonexistent");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "--pdfa e --senza-pdfa insieme");
    free(r.out);
    free(rel);
    free(dir);
}

Test(pdfa, xmp_escapes_the_ente_and_matches_info)
{
    char *dir = out_dir("xmp");
    render(dir, "--solo relazione");
    char *rel = file_in(dir, "relazione.pdf");
    Pdf p = pdf_open(rel);
    char *x = xmp_of(&p);
    cr_assert(strstr(x, "Unione dei Comuni Valle &amp; Mare &lt;&quot;Levante&quot;&gt;"), "%s", x);
    char *creator = xml_text(x, "dc:creator");
    cr_assert_str_eq(creator, ENTE);
    cr_assert_str_eq(text_of(pdf_get(&p, pdf_get(&p, p.trailer, "/Info"), "/Author")), ENTE);
    /* the reader's own check catches what libharu 2.3.0 would have written */
    cr_assert_not_null(xml_fault("<a><b>Valle & Mare</b></a>"));
    cr_assert_not_null(xml_fault("<a><b>x</a></b>"));
    cr_assert_not_null(xml_fault("<a x=1/>"));
    cr_assert_null(xml_fault("<?xpacket begin=\"\"?><a><b c=\"&amp;\">&lt;&#233;</b><d/></a><?xpacket end=\"w\"?>"));
    free(creator);
    free(x);
    pdf_close(&p);
    free(rel);
    free(dir);
}

/* The fixture's description: Italian letters in Titillium, and letters of
 * DejaVu (the fallback) built from composites of composites (Ǖ = U + a
 * composite of dieresis and macron; Ё = Cyrillic Е, a composite of E, +
 * dieresis), which libharu 2.3.0 alone embeds without their inner parts. */
Test(pdfa, every_glyph_is_whole_in_the_embedded_fonts)
{
    char *dir = out_dir("glyphs");
    render(dir, "--solo schede --pdfa");
    char *sch = file_in(dir, "schede.pdf");
    Pdf p = pdf_open(sch);
    FontUses uses = fonts_used(&p);
    /* every letter of the description was shown by some font, whole */
    const uint32_t wanted[] = {0xC0, 0xC8, 0xC9, 0xCC, 0xD2, 0xD9, 0xE0, 0xE8, 0xE9, 0xEC, 0xF2, 0xF9,
                               0x20AC, 0x2019, 0x201C, 0xAB, 0x401, 0x1D5, 0x1FB, 0x1DE, 0x1FA};
    for (size_t k = 0; k < sizeof wanted / sizeof wanted[0]; k++) {
        bool found = false;
        for (size_t i = 0; i < uses.n && !found; i++)
            found = bit(uses.fonts[i].used, sizeof uses.fonts[i].used, wanted[k]);
        cr_assert(found, "U+%04X not shown by any font", wanted[k]);
    }
    bool dejavu = false;
    for (size_t i = 0; i < uses.n; i++) {
        check_font(&p, uses.fonts[i].ref, &uses.fonts[i], true); /* asserts each shown glyph whole */
        dejavu |= strstr(pdf_name(&p, pdf_object(&p, uses.fonts[i].ref), "/BaseFont"), "DejaVu") != NULL;
    }
    cr_assert(dejavu, "the fallback font was not used");
    free(uses.fonts);
    pdf_close(&p);
    free(sch);
    free(dir);
}

Test(pdfa, pdfa_needs_the_colour_profile)
{
    /* a data folder without layouts/icc: a clear error, nothing written */
    char *dir = out_dir("noicc");
    char *cmd = xasprintf("mkdir -p '%s/dati/layouts' && cp layouts/*.json '%s/dati/layouts/' && "
                          "ln -s '%s/fonts' '%s/dati/fonts' && SCHEDE_DATI='%s/dati' '%s' stampa " PIANO
                          " --raggiunto " RAGGIUNTO " --solo relazione --out '%s/out'",
                          dir, dir, SCHEDE_SOURCE_DIR, dir, dir, SCHEDE_EXE, dir);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "PDF/A: impossibile leggere il profilo colore");
    expect_contains(&r, "layouts/icc/sRGB.icc");
    char *pdf = xasprintf("%s/out/relazione.pdf", dir);
    struct stat st;
    cr_assert_neq(stat(pdf, &st), 0, "relazione.pdf written without its profile");
    free(pdf);
    free(r.out);
    free(cmd);
    free(dir);
}

/* ---- tagged PDF -------------------------------------------------------------------------------- */

typedef struct {
    size_t marks, links;
    size_t roles[16];
} TreeCounts;

static const char *const ROLES[] = {"H1", "H2", "P",      "Table", "TR",   "TH",   "TD",
                                    "L",  "LI", "LBody", "Figure", "Link", "Sect", NULL};

/* The structure tree of a tagged file, checked against its content. */
static TreeCounts check_structure(const char *path)
{
    TreeCounts tc = {0};
    Pdf p = pdf_open(path);
    cJSON *root = pdf_root(&p);
    cr_assert(cJSON_IsTrue(pdf_get(&p, pdf_get(&p, root, "/MarkInfo"), "/Marked")), "MarkInfo Marked");
    cr_assert_str_eq(text_of(pdf_get(&p, root, "/Lang")), "it-IT");
    cr_assert(cJSON_IsTrue(pdf_get(&p, pdf_get(&p, root, "/ViewerPreferences"), "/DisplayDocTitle")));
    cJSON *tree = pdf_get(&p, root, "/StructTreeRoot");
    cr_assert_str_eq(pdf_name(&p, tree, "/Type"), "/StructTreeRoot");
    cJSON *doc = pdf_get(&p, tree, "/K");
    cr_assert_str_eq(pdf_name(&p, doc, "/S"), "/Document");
    cJSON *nums = pdf_get(&p, tree, "/ParentTree");
    cr_assert(cJSON_IsObject(nums));

    const char *pages[4096];
    size_t n_pages = collect_pages(&p, pdf_get(&p, root, "/Pages"), pages, 0);
    for (size_t i = 0; i < n_pages; i++) {
        cJSON *page = pdf_object(&p, pages[i]);
        ContentScan cs = scan_content(&p, page, NULL);
        cr_assert_eq(cs.unbalanced, 0, "page %zu: unbalanced marked content", i + 1);
        cr_assert_eq(cs.text_outside, 0, "page %zu: text outside marked content", i + 1);
        cr_assert_eq(cs.paint_outside, 0, "page %zu: drawing outside marked content", i + 1);
        cJSON *sp = cJSON_GetObjectItemCaseSensitive(page, "/StructParents");
        cr_assert(cJSON_IsNumber(sp), "page %zu without StructParents", i + 1);
        cJSON *owners = pdf_deref(&p, parent_tree_entry(&p, nums, (int)sp->valuedouble));
        cr_assert(cJSON_IsArray(owners), "page %zu not in the ParentTree", i + 1);
        cr_assert_eq((size_t)cJSON_GetArraySize(owners), cs.n_marks, "page %zu", i + 1);
        for (size_t k = 0; k < cs.n_marks; k++) {
            cr_assert_eq(cs.marks[k].mcid, (int)k, "page %zu: MCIDs out of order", i + 1);
            cJSON *elem = pdf_deref(&p, cJSON_GetArrayItem(owners, (int)k));
            const char *s = pdf_name(&p, elem, "/S");
            cr_assert(s[0] == '/' && strcmp(s + 1, cs.marks[k].tag) == 0, "page %zu MCID %zu: %s in the tree, %s in "
                      "the content", i + 1, k, s, cs.marks[k].tag);
            cr_assert(kids_list(&p, elem, pages[i], (int)k), "page %zu: element %s does not list MCID %zu", i + 1, s,
                      k);
            tc.marks++;
        }
        cJSON *a;
        cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(page, "/Annots"))
        {
            cJSON *annot = pdf_deref(&p, a);
            cJSON *key = pdf_get(&p, annot, "/StructParent");
            cr_assert(cJSON_IsNumber(key), "annotation without StructParent");
            cJSON *elem = pdf_deref(&p, parent_tree_entry(&p, nums, (int)key->valuedouble));
            cr_assert_str_eq(pdf_name(&p, elem, "/S"), "/Link");
            bool objr = false;
            cJSON *k;
            cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(elem, "/K"))
            {
                cJSON *d = pdf_deref(&p, k);
                cJSON *obj = cJSON_GetObjectItemCaseSensitive(d, "/Obj");
                objr |= strcmp(pdf_name(&p, d, "/Type"), "/OBJR") == 0 && pdf_is_ref(obj) &&
                        strcmp(obj->valuestring, a->valuestring) == 0;
            }
            cr_assert(objr, "the Link element does not point back to its annotation");
            cr_assert_not_null(text_of(pdf_get(&p, annot, "/Contents")), "link without a description");
            tc.links++;
        }
        free(cs.marks);
    }
    /* every element's parent chain reaches the root; count the roles */
    cJSON *it;
    cJSON_ArrayForEach(it, p.objects)
    {
        if (strncmp(it->string, "obj:", 4) != 0)
            continue;
        cJSON *o = pdf_object(&p, it->string + 4);
        /* a structure element: /S and /P (its /Type is optional, and left out) */
        const char *type = pdf_name(&p, o, "/Type");
        if (!cJSON_GetObjectItemCaseSensitive(o, "/S") || !cJSON_GetObjectItemCaseSensitive(o, "/P") ||
            (*type && strcmp(type, "/StructElem") != 0))
            continue;
        const char *s = pdf_name(&p, o, "/S");
        for (int r = 0; ROLES[r]; r++)
            if (strcmp(s + 1, ROLES[r]) == 0)
                tc.roles[r]++;
        cJSON *up = o;
        for (int guard = 0; guard < 64 && strcmp(pdf_name(&p, up, "/Type"), "/StructTreeRoot") != 0; guard++)
            up = pdf_get(&p, up, "/P");
        cr_assert_str_eq(pdf_name(&p, up, "/Type"), "/StructTreeRoot", "%s element detached", s);
        if (strcmp(s, "/TH") == 0) {
            const char *scope = pdf_name(&p, pdf_get(&p, o, "/A"), "/Scope");
            cr_assert(strcmp(scope, "/Column") == 0 || strcmp(scope, "/Row") == 0, "TH without Scope");
        }
    }
    pdf_close(&p);
    return tc;
}

static size_t role(const TreeCounts *tc, const char *name)
{
    for (int r = 0; ROLES[r]; r++)
        if (strcmp(ROLES[r], name) == 0)
            return tc->roles[r];
    return 0;
}

Test(pdfa, structure_tree_matches_the_content)
{
    char *dir = out_dir("tree");
    render(dir, "");
    const char *names[] = {"schede.pdf", "persone.pdf", "relazione.pdf"};
    for (int i = 0; i < 3; i++) {
        char *f = file_in(dir, names[i]);
        TreeCounts tc = check_structure(f);
        cr_assert(tc.marks > 50, "%s: %zu marked sequences", names[i], tc.marks);
        cr_assert(role(&tc, "Table") > 0 && role(&tc, "TR") > role(&tc, "Table") && role(&tc, "TH") > 0 &&
                  role(&tc, "TD") > 0, "%s: tables", names[i]);
        cr_assert(role(&tc, "H1") > 0, "%s: no H1", names[i]);
        free(f);
    }
    char *rel = file_in(dir, "relazione.pdf");
    TreeCounts tc = check_structure(rel);
    cr_assert_eq(role(&tc, "Figure"), 1, "the chart");
    cr_assert_eq(role(&tc, "Sect"), 5, "one per numbered section");
    cr_assert(role(&tc, "H2") > 0);
    cr_assert_eq(tc.links, role(&tc, "Link"), "one link annotation per Link element");
    cr_assert(tc.links >= 5, "index links: %zu", tc.links);
    char *sch = file_in(dir, "schede.pdf");
    tc = check_structure(sch);
    cr_assert_eq(role(&tc, "Figure"), 2 * 5, "two check boxes per objective");
    cr_assert_eq(role(&tc, "Sect"), 5, "one per objective");
    /* R-01's action 2 has the office's note: a footnote, in a list */
    cr_assert_geq(role(&tc, "L"), 1, "the notes under the piano operativo");
    cr_assert_eq(role(&tc, "LI"), role(&tc, "LBody"));
    free(sch);
    free(rel);
    free(dir);
}

/* The alternate text of the relazione's chart states every value: the
 * fixture's three scored objectives, 90, 60 and 30 per cent. */
Test(pdfa, chart_is_a_figure_with_its_values_in_words)
{
    char *dir = out_dir("figure");
    render(dir, "--solo relazione");
    char *rel = file_in(dir, "relazione.pdf");
    Pdf p = pdf_open(rel);
    const char *alt = figure_alt(&p);
    cr_assert_not_null(alt, "Figure without /Alt");
    cr_assert(strstr(alt, "3 obiettivi valutati"), "%s", alt);
    /* percentages with a no-break space before the sign, as printed */
    cr_assert(strstr(alt, "R-01 90,00\u00a0%; R-02 60,00\u00a0%; R-03 30,00\u00a0%"), "%s", alt);
    cr_assert(strstr(alt, "fasce: 90,00\u00a0%, 60,00\u00a0%."), "limits: %s", alt);
    pdf_close(&p);
    free(rel);
    free(dir);
}

/* pdfinfo's own view: tagged, the structure holds all the body text (the
 * frame between the page header and footer), and no page furniture. */
static void check_pdfinfo(const char *path, double top_mm, double bottom_mm)
{
    char *cmd = xasprintf("pdfinfo '%s' 2>/dev/null", path);
    Run info = run_shell(cmd);
    expect_contains(&info, "Tagged:          yes");
    free(cmd);
    cmd = xasprintf("pdfinfo -struct-text '%s' 2>/dev/null", path);
    Run st = run_shell(cmd);
    cr_assert_eq(st.status, 0);
    free(cmd);
    static const char *const expected[] = {"Document", "Table", "TR", "TH", "TD", "/Scope /Column", "H1", NULL};
    for (int i = 0; expected[i]; i++)
        cr_assert(strstr(st.out, expected[i]), "%s: struct-text lacks %s", path, expected[i]);
    cr_assert_null(strstr(st.out, "Pag. 1 di"), "%s: page footer inside the structure", path);
    /* the structure's text, quotes removed, one string; and the same with the
     * pieces joined, for a word printed in two runs (a redline's «tutte» and
     * its closing «]» are two marked sequences, read one after the other) */
    StrBuf all = {0}, joined = {0};
    for (char *q = strchr(st.out, '"'); q; q = strchr(q + 1, '"')) {
        char *end = strchr(q + 1, '\n');
        if (!end)
            break;
        /* without spaces: pdftotext joins "5 / 7" into "5/7" */
        for (const char *c = q + 1; c < end - 1; c++)
            if (*c == ' ')
                continue;
            else if ((unsigned char)c[0] == 0xC2 && (unsigned char)c[1] == 0xA0)
                c++;
            else {
                strbuf_append(&all, c, 1);
                strbuf_append(&joined, c, 1);
            }
        strbuf_puts(&all, "\n");
        q = end;
    }
    double pt = 72 / 25.4;
    double h = 841.89; /* A4 portrait or landscape: the crop is taken from the page box below */
    cmd = xasprintf("pdfinfo '%s' 2>/dev/null | sed -n 's/^Page size: *\\([0-9.]*\\) x \\([0-9.]*\\).*/\\1 \\2/p'",
                    path);
    Run size = run_shell(cmd);
    double w = 0;
    cr_assert_eq(sscanf(size.out, "%lf %lf", &w, &h), 2);
    free(cmd);
    cmd = xasprintf("pdftotext -x 0 -y %d -W %d -H %d '%s' - 2>/dev/null", (int)(top_mm * pt) + 1, (int)w,
                    (int)(h - (top_mm + bottom_mm) * pt) - 2, path);
    Run body = run_shell(cmd);
    size_t words = 0, missing = 0;
    char *save = NULL;
    for (char *wd = strtok_r(body.out, " \n\f\t", &save); wd; wd = strtok_r(NULL, " \n\f\t", &save)) {
        words++;
        if (!strstr(all.data, wd) && !strstr(joined.data, wd)) {
            missing++;
            if (missing < 5)
                fprintf(stderr, "%s: «%s» printed but not in the structure\n", path, wd);
        }
    }
    cr_assert(words > 100, "%zu words", words);
    cr_assert_eq(missing, 0, "%s: %zu of %zu body words not in the structure", path, missing, words);
    free(cmd);
    free(all.data);
    free(joined.data);
    free(body.out);
    free(size.out);
    free(st.out);
    free(info.out);
}

/* Whether the cell text quoted in pdfinfo's output is a TH of that scope
 * (pdfinfo prints "TH:", then "/Scope /…", then the text). */
static bool heading_of_scope(const char *structure, const char *text, const char *scope)
{
    char *quoted = xasprintf("\"%s\"", text);
    bool found = false;
    for (const char *at = strstr(structure, quoted); at && !found; at = strstr(at + 1, quoted)) {
        const char *th = at;
        int lines = 0;
        while (th > structure && lines < 3)
            lines += *--th == '\n';
        found = strncmp(strstr(th, "TH") ? strstr(th, "TH") : "", "TH:", 3) == 0 && strstr(th, scope) &&
                strstr(th, scope) < at;
    }
    free(quoted);
    return found;
}

Test(pdfa, pdfinfo_sees_tagged_pdfs_with_all_the_text)
{
    char *dir = out_dir("pdfinfo");
    render(dir, "");
    char *f = file_in(dir, "schede.pdf");
    check_pdfinfo(f, 14, 13);
    /* the form's column headings and row labels are headings */
    char *cmd = xasprintf("pdfinfo -struct-text '%s' 2>/dev/null", f);
    Run sch = run_shell(cmd);
    static const char *const columns[] = {"PESO", "AZIONE", "TEMPI (M/F)", "N."};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        cr_assert(heading_of_scope(sch.out, columns[i], "/Scope /Column"), "«%s» is not a column heading",
                  columns[i]);
    cr_assert(heading_of_scope(sch.out, "Collegamento al bilancio", "/Scope /Row"));
    cr_assert(heading_of_scope(sch.out, "Dirigente responsabile", "/Scope /Row"));
    cr_assert_not(heading_of_scope(sch.out, "Rossi Mario", "/Scope"), "a value is not a heading");
    free(sch.out);
    free(cmd);
    free(f);
    f = file_in(dir, "persone.pdf");
    check_pdfinfo(f, 16, 15);
    free(f);
    f = file_in(dir, "relazione.pdf");
    check_pdfinfo(f, 18, 16);
    /* reading order: the sections in their order */
    cmd = xasprintf("pdfinfo -struct-text '%s' 2>/dev/null", f);
    Run st = run_shell(cmd);
    const char *order[] = {"Indice", "Sect \"1. Sintesi dei risultati\"", "2. Risultati per struttura",
                           "3. Risultati degli", "4. Scostamenti", "5. "};
    const char *at = st.out;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *next = strstr(at, order[i]);
        cr_assert_not_null(next, "«%s» missing or out of order", order[i]);
        at = next;
    }
    free(st.out);
    free(cmd);
    free(f);
    free(dir);
}

Test(pdfa, a_bad_role_in_a_layout_copy_is_an_error)
{
    char *dir = out_dir("ruolo");
    /* the three documents of this run, as their layouts were before (later layouts are not "from before") */
    char *cmd = xasprintf("mkdir -p '%s/layouts' && cp layouts/scheda.json layouts/persona.json layouts/relazione.json "
                          "'%s/layouts/' && "
                          "sed -i 's/\"ruolo\": \"sottotitolo\"/\"ruolo\": \"boh\"/' '%s/layouts/relazione.json' && "
                          "'%s' stampa " PIANO " --raggiunto " RAGGIUNTO " --solo relazione --layout '%s/layouts' "
                          "--out '%s/out'",
                          dir, dir, dir, SCHEDE_EXE, dir, dir);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "$.stili.titolo_sottosezione.ruolo: ruolo «boh» non previsto: testo, titolo, sottotitolo, "
                        "intestazione_colonna o intestazione_riga");
    free(r.out);
    free(cmd);
    free(dir);
}

/* The Sarzana plan: 87 pages and 38 index links, more keys than one leaf of
 * the ParentTree holds: the tree has leaves, and stays consistent. */
Test(pdfa, sarzana_schede_tree_with_parent_tree_leaves, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("sarzana");
    char *args = xasprintf("stampa samples/sarzana-2024-2026.json --solo schede --pdfa --out '%s'", dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    char *sch = file_in(dir, "schede.pdf");
    Pdf p = pdf_open(sch);
    cJSON *tree = pdf_get(&p, pdf_get(&p, pdf_root(&p), "/StructTreeRoot"), "/ParentTree");
    cr_assert_gt(cJSON_GetArraySize(pdf_get(&p, tree, "/Kids")), 1, "a ParentTree of leaves");
    /* one titled section per objective, in the plan's order */
    size_t sections = 0;
    cJSON *kid;
    cJSON_ArrayForEach(kid, pdf_get(&p, pdf_get(&p, pdf_get(&p, pdf_root(&p), "/StructTreeRoot"), "/K"), "/K"))
    {
        cJSON *e = pdf_deref(&p, kid);
        if (strcmp(pdf_name(&p, e, "/S"), "/Sect") == 0) {
            const char *title = text_of(pdf_get(&p, e, "/T"));
            cr_assert(title && (sections > 0 || strncmp(title, "SG-01 \u2013 ", 9) == 0), "first section «%s»",
                      title ? title : "");
            sections++;
        }
    }
    cr_assert_eq(sections, 38);
    pdf_close(&p);
    TreeCounts tc = check_structure(sch);
    cr_assert_eq(tc.links, 38, "one index link per objective");
    check_pdfa(sch);
    free(sch);
    free(r.out);
    free(args);
    free(dir);
}

/* A layout copy made before tagged PDFs (no "ruolo", none of the labels
 * added for accessibility) still prints: plain paragraphs and data cells,
 * the built-in alternate texts. */
Test(pdfa, a_layout_copy_from_before_still_works)
{
    char *dir = out_dir("vecchio");
    /* the three documents of this run, as their layouts were before (later layouts are not "from before") */
    char *cmd = xasprintf("mkdir -p '%s/layouts' && cp layouts/scheda.json layouts/persona.json layouts/relazione.json "
                          "'%s/layouts/' && "
                          "sed -i 's/, \"ruolo\": \"[a-z_]*\"//; /\"casella_selezionata\"/d; /\"casella_vuota\"/d; "
                          "/\"grafico_alternativo\"/d' '%s'/layouts/*.json && ! grep -q ruolo '%s'/layouts/*.json && "
                          "'%s' stampa " PIANO " --raggiunto " RAGGIUNTO " --layout '%s/layouts' --out '%s/out'",
                          dir, dir, dir, dir, SCHEDE_EXE, dir, dir);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    char *rel = xasprintf("%s/out/relazione.pdf", dir), *sch = xasprintf("%s/out/schede.pdf", dir);
    TreeCounts tc = check_structure(rel);
    cr_assert_eq(role(&tc, "H1") + role(&tc, "H2"), 0, "no roles, no headings");
    cr_assert_eq(role(&tc, "Figure"), 1);
    Pdf p = pdf_open(rel);
    const char *alt = figure_alt(&p);
    cr_assert(alt && strstr(alt, "Grafico a barre del risultato dei 3 obiettivi valutati"), "%s", alt ? alt : "");
    pdf_close(&p);
    tc = check_structure(sch);
    cr_assert_eq(role(&tc, "Figure"), 10);
    free(rel);
    free(sch);
    free(r.out);
    free(cmd);
    free(dir);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* More than 400 scored objectives: listing every value would pass PDF/A-1's
 * 65,535-byte string limit, so the alternate text gives the range and
 * points to the detail; the file keeps within the limits. */
Test(pdfa, chart_of_many_objectives_keeps_its_alt_text_within_the_limits, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("molti");
    StrBuf plan = {0}, results = {0};
    strbuf_puts(&plan, "{\"formato\": \"schede-piano/1\", \"ente\": \"Comune di Prova\", \"triennio\": [2024, 2026], "
                       "\"obiettivi\": [");
    strbuf_puts(&results, "{\"formato\": \"schede-raggiunto/1\", \"anno\": 2024, \"rilevazioni\": [");
    for (int i = 1; i <= 401; i++) {
        strbuf_printf(&plan, "%s{\"codice\": \"OBIETTIVO-LUNGO-%03d\", \"tipo\": \"comune\", \"descrizione\": \"D\", "
                             "\"annualita\": [{\"anno\": 2024, \"azioni\": [{\"n\": 1, \"peso\": 100, \"azione\": \"A\", "
                             "\"regola\": {\"tipo\": \"manuale\"}}]}]}",
                      i > 1 ? ", " : "", i);
        strbuf_printf(&results, "%s{\"obiettivo\": \"OBIETTIVO-LUNGO-%03d\", \"azione\": 1, \"percentuale\": %d}",
                      i > 1 ? ", " : "", i, 40 + i % 61);
    }
    strbuf_puts(&plan, "]}\n");
    strbuf_puts(&results, "]}\n");
    char *plan_path = xasprintf("%s/piano.json", dir), *results_path = xasprintf("%s/raggiunto.json", dir);
    write_text(plan_path, plan.data);
    write_text(results_path, results.data);
    char *args = xasprintf("stampa '%s' --raggiunto '%s' --solo relazione --out '%s'", plan_path, results_path, dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    char *rel = file_in(dir, "relazione.pdf");
    Pdf p = pdf_open(rel);
    const char *alt = figure_alt(&p);
    cr_assert(alt && strstr(alt, "dei 401 obiettivi valutati, dal più alto (100,00\u00a0%) al più basso (40,00\u00a0%)"),
              "%s", alt ? alt : "");
    cr_assert(strstr(alt, "nella sezione «3. Risultati degli obiettivi»"), "%s", alt);
    pdf_close(&p);
    check_pdfa(rel);
    free(rel);
    free(args);
    free(r.out);
    free(plan_path);
    free(results_path);
    strbuf_free(&plan);
    strbuf_free(&results);
    free(dir);
}

/* The documents of the individual evaluation meet the same bar:
 * PDF/A-1b when asked, a structure tree that matches the content, tagged
 * tables with column headings, every body word in the structure. */
#define VAL "tests/fixtures/valutazione/"
Test(pdfa, evaluation_documents_are_tagged_and_pdfa, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("valutazione");
    char *args = xasprintf("stampa " VAL "piano.json --raggiunto " VAL "raggiunto.json --sistema " VAL
                           "sistema.json --valutazioni " VAL "valutazioni.json --pdfa --out '%s'", dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    const char *names[] = {"premi.pdf", "persone.pdf", "relazione.pdf"};
    for (int i = 0; i < 3; i++) {
        char *f = file_in(dir, names[i]);
        check_pdfa(f);
        TreeCounts tc = check_structure(f);
        cr_assert(role(&tc, "Table") > 0 && role(&tc, "TH") > 0 && role(&tc, "TD") > 0, "%s: tables", names[i]);
        cr_assert(role(&tc, "H1") > 0, "%s: no H1", names[i]);
        free(f);
    }
    char *f = file_in(dir, "premi.pdf");
    TreeCounts tc = check_structure(f);
    cr_assert_eq(role(&tc, "Sect"), 2, "one Sect per area (Area A, Area B)");
    check_pdfinfo(f, 14, 13);
    free(f);
    f = file_in(dir, "persone.pdf");
    tc = check_structure(f);
    cr_assert_eq(role(&tc, "Sect"), 10, "one Sect per sheet: 9 persons of the year and the dirigente");
    check_pdfinfo(f, 16, 15);
    char *cmd = xasprintf("pdfinfo -struct-text '%s' 2>/dev/null", f);
    Run st = run_shell(cmd);
    cr_assert(heading_of_scope(st.out, "Peso applicato", "/Scope /Column"));
    cr_assert(heading_of_scope(st.out, "Valutatore", "/Scope /Row"));
    free(st.out);
    free(cmd);
    free(f);
    /* without --pdfa, premi.pdf (not published) is not declared PDF/A */
    char *plain = out_dir("valutazione-plain");
    args = xasprintf("stampa " VAL "piano.json --raggiunto " VAL "raggiunto.json --sistema " VAL
                     "sistema.json --valutazioni " VAL "valutazioni.json --solo premi --out '%s'", plain);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    f = file_in(plain, "premi.pdf");
    Pdf p = pdf_open(f);
    char *x = xmp_of(&p);
    cr_assert_null(strstr(x, "pdfaid"));
    check_metadata(&p, x);
    free(x);
    pdf_close(&p);
    free(f);
    free(r.out);
    free(args);
    free(plain);
    free(dir);
}

/* monitoraggio.pdf is published like the Relazione: PDF/A by
 * default, tagged, one Sect per numbered section, its charts Figures with
 * an alternate text that names every action drawn. */
Test(pdfa, monitoring_document_is_tagged_and_pdfa, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("monitoraggio");
    char *args = xasprintf("stampa tests/fixtures/monitoraggio/piano.json --raggiunto "
                           "tests/fixtures/monitoraggio/rilevazioni.json --al 01/03/2024 --solo monitoraggio --out '%s'",
                           dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    char *f = file_in(dir, "monitoraggio.pdf");
    check_pdfa(f);
    TreeCounts tc = check_structure(f);
    cr_assert_eq(role(&tc, "Sect"), 4, "one per numbered section");
    cr_assert_eq(role(&tc, "Figure"), 2, "the bars of the states and the timeline");
    cr_assert(role(&tc, "H2") > 0 && role(&tc, "H1") > 0);
    cr_assert_eq(tc.links, role(&tc, "Link"), "one link annotation per Link element");
    check_pdfinfo(f, 16, 14);
    /* the timeline's alternate text: every action drawn, with its state */
    char *cmd = xasprintf("pdfinfo -struct-text '%s' 2>/dev/null", f);
    Run st = run_shell(cmd);
    Pdf p = pdf_open(f);
    size_t figures = 0;
    bool timeline = false;
    for (cJSON *o = p.objects ? p.objects->child : NULL; o; o = o->next) {
        cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");
        const char *s = pdf_name(&p, v, "/S");
        if (!s || strcmp(s, "/Figure") != 0)
            continue;
        figures++;
        const char *alt = text_of(cJSON_GetObjectItemCaseSensitive(v, "/Alt"));
        cr_assert_not_null(alt, "a Figure without /Alt");
        if (strstr(alt, "Cronoprogramma delle 9 azioni")) {
            timeline = true;
            cr_assert(strstr(alt, "M-01 azione 4, scadenza 31/03/2024, a rischio"), "%s", alt);
            cr_assert(strstr(alt, "M-02 azione 1, scadenza 31/01/2024, scaduta"), "%s", alt);
        }
    }
    cr_assert_eq(figures, 2);
    cr_assert(timeline, "the timeline's alternate text");
    pdf_close(&p);
    free(st.out);
    free(cmd);
    free(f);
    free(dir);
}

/* variazioni.pdf is attached to a published deliberation:
 * PDF/A, tagged, one Sect per section and one per added objective's scheda,
 * the redline's markers in the structure. */
Test(pdfa, variazioni_document_is_tagged_and_pdfa, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("variazioni");
    char *args = xasprintf("confronta tests/fixtures/confronto/vecchio.json tests/fixtures/confronto/nuovo.json "
                           "--formato pdf --out '%s'", dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    char *f = file_in(dir, "variazioni.pdf");
    check_pdfa(f);
    TreeCounts tc = check_structure(f);
    cr_assert_eq(role(&tc, "Sect"), 4 + 2, "four sections and the two added objectives' schede");
    cr_assert(role(&tc, "Table") > 0 && role(&tc, "TH") > 0 && role(&tc, "H1") > 0);
    cr_assert_eq(tc.links, role(&tc, "Link"));
    check_pdfinfo(f, 14, 13);
    free(f);
    free(dir);
}

