/* pdfua.h — the conditions of PDF/UA-1 (ISO 14289-1) that concern what
 * schede writes, checked on a file read back through qpdf (pdfread.h). Each
 * failure is a finding named by its Matterhorn Protocol 1.1 failure
 * condition ("28-012: …"), or by the clause it checks where Matterhorn has
 * none ("ParentTree", "Lang", "Link-Alt", "PDF/A-1 6.7.8"):
 *
 *   01-005  text or drawing neither in marked content nor an artifact; marked
 *           sequences balanced
 *   01-007  MarkInfo /Suspects true (and MarkInfo /Marked must be true)
 *   02-001  a structure type that is not a standard one (schede writes no RoleMap)
 *   06-001  no XMP metadata stream; 06-002 no pdfuaid:part 1; 06-003 no dc:title
 *   07-001  no DisplayDocTitle; 07-002 DisplayDocTitle false
 *   09-004  table elements out of ISO 32000-1 Table 337 (Table > TR > TH|TD)
 *   09-005  list elements out of Table 336 (L > LI > Lbl|LBody)
 *   13-004  a Figure without alternate text
 *   14-002  the first numbered heading is not H1; 14-003 a heading level skipped
 *   15-003  a TH without a Scope attribute (schede writes no Headers/IDs)
 *   28-008  a page with annotations without /Tabs; 28-009 /Tabs not /S
 *   28-011  a link annotation not reached from a Link element (StructParent,
 *           ParentTree, OBJR)
 *   28-012  a link annotation without /Contents
 *   31-004/31-005  a CIDFontType2 without a CIDToGIDMap stream or Identity
 *   31-009  a font program not embedded
 *   31-014  a glyph the font program has (CIDToGIDMap sends the CID to a
 *           glyph) missing from the CIDSet; 31-015 a CID in the CIDSet with
 *           no glyph
 *   31-027  no ToUnicode, or a CID shown that ToUnicode does not map
 *   31-030  a CID shown with the .notdef glyph
 * and beyond Matterhorn's list, what the same clauses ask of the structure:
 *   Lang        the catalog's /Lang, non-empty (7.2: the language of all the
 *               text comes from it)
 *   ParentTree  every MCID of a page found through the ParentTree in an
 *               element of the same type that lists it (14.7.4.4)
 *   Link-Alt    the Link element's /Alt equal to its annotation's /Contents
 *   PDF/A-1 6.7.8  in a PDF/A-1 file, pdfuaid described by an extension schema */
#ifndef SCHEDE_TEST_PDFUA_H
#define SCHEDE_TEST_PDFUA_H

#include <stdarg.h>

#include "pdfread.h"

typedef struct {
    char **items;
    size_t n;
} Findings;

static inline void finding(Findings *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    f->items = xrealloc(f->items, (f->n + 1) * sizeof *f->items);
    f->items[f->n++] = s;
}

/* Whether a finding starts with id ("28-012"). */
static inline bool findings_have(const Findings *f, const char *id)
{
    for (size_t i = 0; i < f->n; i++)
        if (strncmp(f->items[i], id, strlen(id)) == 0 && f->items[i][strlen(id)] == ':')
            return true;
    return false;
}

/* All findings, a line each (for a failed assertion's message). */
static inline char *findings_text(const Findings *f)
{
    StrBuf b = {0};
    for (size_t i = 0; i < f->n && i < 40; i++)
        strbuf_printf(&b, "  %s\n", f->items[i]);
    if (f->n > 40)
        strbuf_printf(&b, "  … e altri %zu\n", f->n - 40);
    return b.data ? b.data : xstrdup("");
}

static inline void findings_free(Findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->items[i]);
    free(f->items);
    memset(f, 0, sizeof *f);
}

/* ---- catalog and metadata ---------------------------------------------------------------- */

static inline void pdfua_catalog(const Pdf *p, Findings *f)
{
    cJSON *root = pdf_root(p);
    cJSON *mark = pdf_get(p, root, "/MarkInfo");
    if (!cJSON_IsTrue(pdf_get(p, mark, "/Marked")))
        finding(f, "01-007: MarkInfo /Marked non è true (il file non si dichiara etichettato)");
    if (cJSON_IsTrue(pdf_get(p, mark, "/Suspects")))
        finding(f, "01-007: MarkInfo /Suspects è true");
    const char *lang = text_of(pdf_get(p, root, "/Lang"));
    if (!lang || !*lang)
        finding(f, "Lang: il catalogo non indica la lingua (/Lang)");
    cJSON *prefs = pdf_get(p, root, "/ViewerPreferences");
    cJSON *ddt = pdf_get(p, prefs, "/DisplayDocTitle");
    if (!ddt)
        finding(f, "07-001: ViewerPreferences senza DisplayDocTitle");
    else if (!cJSON_IsTrue(ddt))
        finding(f, "07-002: DisplayDocTitle è false");
    cJSON *ref = cJSON_GetObjectItemCaseSensitive(root, "/Metadata");
    if (!pdf_is_ref(ref)) {
        finding(f, "06-001: nessun flusso di metadati XMP nel catalogo");
        return;
    }
    size_t len;
    char *x = (char *)pdf_stream(p, ref->valuestring, &len);
    if (!x) {
        finding(f, "06-001: il flusso dei metadati XMP non si legge");
        return;
    }
    x = xrealloc(x, len + 1);
    x[len] = '\0';
    char *part = xml_text(x, "pdfuaid:part");
    if (!part || strcmp(part, "1") != 0 || !strstr(x, "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""))
        finding(f, "06-002: l'XMP non dichiara PDF/UA-1 (pdfuaid:part %s)", part ? part : "assente");
    char *title = xml_text(x, "dc:title");
    if (!title || !*title)
        finding(f, "06-003: l'XMP non ha dc:title");
    /* PDF/A-1 admits pdfuaid only with its extension schema */
    if (strstr(x, "pdfaid:part>1<") && strstr(x, "<pdfuaid:part>")) {
        const char *schemas = strstr(x, "<pdfaExtension:schemas>");
        const char *ns = schemas ? strstr(schemas, "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<") : NULL;
        const char *prefix = ns ? strstr(ns, "<pdfaSchema:prefix>pdfuaid<") : NULL;
        const char *name = prefix ? strstr(prefix, "<pdfaProperty:name>part<") : NULL;
        const char *type = name ? strstr(name, "<pdfaProperty:valueType>Integer<") : NULL;
        const char *cat = type ? strstr(type, "<pdfaProperty:category>internal<") : NULL;
        const char *desc = cat ? strstr(x, "<pdfaProperty:description>") : NULL;
        if (!schemas || !ns || !prefix || !name || !type || !cat || !desc ||
            !strstr(x, "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"") ||
            !strstr(x, "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"") ||
            !strstr(schemas, "<rdf:Bag>"))
            finding(f, "PDF/A-1 6.7.8: pdfuaid in un file PDF/A-1 senza lo schema di estensione che lo descrive");
    }
    free(part);
    free(title);
    free(x);
}

/* ---- the structure tree ------------------------------------------------------------------- */

static const char *const PDFUA_STANDARD_TYPES[] = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form", NULL};

static inline bool pdfua_in(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

typedef struct {
    const Pdf *p;
    Findings *f;
    int last_heading; /* 0 before the first */
    size_t elements;
} StructWalk;

/* Whether the element's parent is of one of the types (the parent of the
 * outermost element is the tree root: "" here). */
static inline void pdfua_parent_must_be(StructWalk *w, const char *id, const char *s, const char *parent,
                                        const char *const *allowed)
{
    if (!pdfua_in(parent, allowed))
        finding(w->f, "%s: %s dentro %s", id, s, *parent ? parent : "la radice");
}

static inline void pdfua_element(StructWalk *w, cJSON *elem, const char *parent, int depth)
{
    const Pdf *p = w->p;
    if (depth > 200) {
        finding(w->f, "02-001: struttura annidata oltre 200 livelli (un ciclo?)");
        return;
    }
    w->elements++;
    const char *name = pdf_name(p, elem, "/S");
    const char *s = name[0] == '/' ? name + 1 : name;
    if (!pdfua_in(s, PDFUA_STANDARD_TYPES))
        finding(w->f, "02-001: tipo di struttura non standard «%s», senza RoleMap", s);
    static const char *const in_table[] = {"Table", "THead", "TBody", "TFoot", NULL};
    static const char *const in_tr[] = {"TR", NULL};
    static const char *const in_l[] = {"L", NULL};
    static const char *const in_li[] = {"LI", NULL};
    if (strcmp(s, "TR") == 0)
        pdfua_parent_must_be(w, "09-004", s, parent, in_table);
    if (strcmp(s, "TH") == 0 || strcmp(s, "TD") == 0)
        pdfua_parent_must_be(w, "09-004", s, parent, in_tr);
    if (strcmp(s, "THead") == 0 || strcmp(s, "TBody") == 0 || strcmp(s, "TFoot") == 0) {
        static const char *const table[] = {"Table", NULL};
        pdfua_parent_must_be(w, "09-004", s, parent, table);
    }
    if (strcmp(s, "LI") == 0)
        pdfua_parent_must_be(w, "09-005", s, parent, in_l);
    if (strcmp(s, "Lbl") == 0 || strcmp(s, "LBody") == 0)
        pdfua_parent_must_be(w, "09-005", s, parent, in_li);
    if (strcmp(s, "TH") == 0) {
        const char *scope = pdf_name(p, pdf_get(p, elem, "/A"), "/Scope");
        if (strcmp(scope, "/Column") != 0 && strcmp(scope, "/Row") != 0 && strcmp(scope, "/Both") != 0)
            finding(w->f, "15-003: TH senza l'attributo Scope");
    }
    if (strcmp(s, "Figure") == 0) {
        const char *alt = text_of(pdf_get(p, elem, "/Alt"));
        const char *actual = text_of(pdf_get(p, elem, "/ActualText"));
        if ((!alt || !*alt) && (!actual || !*actual))
            finding(w->f, "13-004: Figure senza testo alternativo");
    }
    if (s[0] == 'H' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0') {
        int level = s[1] - '0';
        if (w->last_heading == 0 && level != 1)
            finding(w->f, "14-002: il primo titolo numerato è %s, non H1", s);
        else if (w->last_heading > 0 && level > w->last_heading + 1)
            finding(w->f, "14-003: %s dopo H%d: un livello saltato", s, w->last_heading);
        w->last_heading = level;
    }
    cJSON *single, *k;
    cJSON *kids = pdf_kids(elem, &single); /* ArrayForEach reads its array twice */
    cJSON_ArrayForEach(k, kids)
    {
        cJSON *d = pdf_deref(p, k);
        if (!cJSON_IsObject(d) || !cJSON_GetObjectItemCaseSensitive(d, "/S"))
            continue; /* an MCID, an MCR or an OBJR */
        pdfua_element(w, d, s, depth + 1);
    }
    cJSON_Delete(single);
}

static inline void pdfua_structure(const Pdf *p, Findings *f)
{
    cJSON *tree = pdf_get(p, pdf_root(p), "/StructTreeRoot");
    if (!tree) {
        finding(f, "01-005: nessun albero di struttura (StructTreeRoot)");
        return;
    }
    StructWalk w = {p, f, 0, 0};
    cJSON *kids = cJSON_GetObjectItemCaseSensitive(tree, "/K");
    if (pdf_is_ref(kids) || cJSON_IsObject(kids)) {
        pdfua_element(&w, pdf_deref(p, kids), "", 0);
    } else {
        cJSON *k;
        cJSON_ArrayForEach(k, kids) pdfua_element(&w, pdf_deref(p, k), "", 0);
    }
}

/* ---- pages: content, ParentTree, annotations ---------------------------------------------------- */

static inline void pdfua_annotation(const Pdf *p, Findings *f, const char *ref, cJSON *annot, cJSON *nums,
                                    size_t page)
{
    if (strcmp(pdf_name(p, annot, "/Subtype"), "/Link") != 0)
        return;
    const char *contents = text_of(pdf_get(p, annot, "/Contents"));
    if (!contents || !*contents)
        finding(f, "28-012: pagina %zu: un collegamento senza descrizione (/Contents)", page);
    cJSON *key = pdf_get(p, annot, "/StructParent");
    cJSON *elem = cJSON_IsNumber(key) && nums ? pdf_deref(p, parent_tree_entry(p, nums, (int)key->valuedouble)) : NULL;
    bool objr = false;
    if (elem && strcmp(pdf_name(p, elem, "/S"), "/Link") == 0) {
        cJSON *single, *k;
        cJSON *kids = pdf_kids(elem, &single); /* ArrayForEach reads its array twice */
        cJSON_ArrayForEach(k, kids)
        {
            cJSON *d = pdf_deref(p, k);
            cJSON *obj = cJSON_GetObjectItemCaseSensitive(d, "/Obj");
            objr |= strcmp(pdf_name(p, d, "/Type"), "/OBJR") == 0 && pdf_is_ref(obj) &&
                    strcmp(obj->valuestring, ref) == 0;
        }
        cJSON_Delete(single);
    }
    if (!objr) {
        finding(f, "28-011: pagina %zu: un collegamento fuori da un elemento Link che lo indichi", page);
        return;
    }
    const char *alt = text_of(pdf_get(p, elem, "/Alt"));
    if (contents && (!alt || strcmp(alt, contents) != 0))
        finding(f, "Link-Alt: pagina %zu: l'elemento Link dice «%s», il collegamento «%s»", page, alt ? alt : "",
                contents);
}

static inline void pdfua_pages(const Pdf *p, Findings *f, FontUses *uses)
{
    cJSON *root = pdf_root(p);
    cJSON *nums = pdf_get(p, pdf_get(p, root, "/StructTreeRoot"), "/ParentTree");
    const char *pages[4096];
    size_t n_pages = collect_pages(p, pdf_get(p, root, "/Pages"), pages, 0);
    for (size_t i = 0; i < n_pages; i++) {
        cJSON *page = pdf_object(p, pages[i]);
        ContentScan cs = scan_content(p, page, uses);
        if (cs.unbalanced)
            finding(f, "01-005: pagina %zu: sequenze marcate non bilanciate", i + 1);
        if (cs.text_outside || cs.paint_outside)
            finding(f, "01-005: pagina %zu: %d testi e %d disegni né etichettati né artefatti", i + 1, cs.text_outside,
                    cs.paint_outside);
        cJSON *sp = cJSON_GetObjectItemCaseSensitive(page, "/StructParents");
        cJSON *owners = cJSON_IsNumber(sp) && nums ? pdf_deref(p, parent_tree_entry(p, nums, (int)sp->valuedouble))
                                                   : NULL;
        if (cs.n_marks > 0 && (!cJSON_IsArray(owners) || (size_t)cJSON_GetArraySize(owners) < cs.n_marks)) {
            finding(f, "ParentTree: pagina %zu: il contenuto etichettato non è tutto nel ParentTree", i + 1);
        } else {
            for (size_t k = 0; k < cs.n_marks; k++) {
                cJSON *elem = pdf_deref(p, cJSON_GetArrayItem(owners, (int)cs.marks[k].mcid));
                const char *s = pdf_name(p, elem, "/S");
                if (cs.marks[k].mcid < 0 || s[0] != '/' || strcmp(s + 1, cs.marks[k].tag) != 0 ||
                    !kids_list(p, elem, pages[i], cs.marks[k].mcid)) {
                    finding(f, "ParentTree: pagina %zu: MCID %d (%s) non torna a un elemento %s che lo elenchi", i + 1,
                            cs.marks[k].mcid, cs.marks[k].tag, cs.marks[k].tag);
                    break;
                }
            }
        }
        free(cs.marks);
        cJSON *annots = pdf_get(p, page, "/Annots");
        if (cJSON_GetArraySize(annots) > 0) {
            const char *tabs = pdf_name(p, page, "/Tabs");
            if (!*tabs)
                finding(f, "28-008: pagina %zu: ha collegamenti ma non /Tabs", i + 1);
            else if (strcmp(tabs, "/S") != 0)
                finding(f, "28-009: pagina %zu: /Tabs %s invece di /S", i + 1, tabs);
        }
        cJSON *a;
        cJSON_ArrayForEach(a, annots)
        {
            if (pdf_is_ref(a))
                pdfua_annotation(p, f, a->valuestring, pdf_deref(p, a), nums, i + 1);
        }
    }
}

/* ---- fonts ------------------------------------------------------------------------------------- */

/* The codes a ToUnicode CMap maps to a real character (bfchar and bfrange;
 * a target 0000, FFFE or FEFF maps to nothing). */
static inline bool pdfua_real_target(unsigned to) { return to != 0 && to != 0xFFFE && to != 0xFEFF; }

static inline void pdfua_mark(unsigned char *mapped, unsigned code)
{
    if (code < 65536)
        mapped[code / 8] |= (unsigned char)(0x80 >> (code % 8));
}

/* The next "<hex>" at or after *at, before stop: its value; false at the end. */
static inline bool pdfua_hex(char **at, const char *stop, unsigned *value)
{
    char *open = strchr(*at, '<');
    if (!open || open >= stop)
        return false;
    char *close = strchr(open, '>');
    if (!close || close >= stop)
        return false;
    *value = (unsigned)strtoul(open + 1, NULL, 16);
    *at = close + 1;
    return true;
}

static inline void pdfua_to_unicode(char *cmap, unsigned char *mapped)
{
    for (char *l = strstr(cmap, "beginbfchar"); l; l = strstr(l + 1, "beginbfchar")) {
        char *stop = strstr(l, "endbfchar"), *at = l;
        unsigned from, to;
        while (stop && pdfua_hex(&at, stop, &from) && pdfua_hex(&at, stop, &to))
            if (pdfua_real_target(to))
                pdfua_mark(mapped, from);
    }
    for (char *l = strstr(cmap, "beginbfrange"); l; l = strstr(l + 1, "beginbfrange")) {
        char *stop = strstr(l, "endbfrange"), *at = l;
        unsigned lo, hi, to;
        while (stop && pdfua_hex(&at, stop, &lo) && pdfua_hex(&at, stop, &hi)) {
            while (*at == ' ' || *at == '\t')
                at++;
            if (*at == '[') { /* an array of targets, one per code */
                char *end = strchr(at, ']');
                for (unsigned c = lo; end && c <= hi && c < 65536 && pdfua_hex(&at, end, &to); c++)
                    if (pdfua_real_target(to))
                        pdfua_mark(mapped, c);
                at = end ? end + 1 : at;
            } else if (pdfua_hex(&at, stop, &to) && pdfua_real_target(to)) {
                for (unsigned c = lo; c <= hi && c < 65536; c++)
                    pdfua_mark(mapped, c);
            }
        }
    }
}

static inline void pdfua_font(const Pdf *p, Findings *f, const char *ref, const FontUse *use)
{
    cJSON *type0 = pdf_object(p, ref);
    const char *base = pdf_name(p, type0, "/BaseFont");
    cJSON *cidfont = pdf_deref(p, cJSON_GetArrayItem(pdf_get(p, type0, "/DescendantFonts"), 0));
    cJSON *desc = pdf_get(p, cidfont, "/FontDescriptor");
    cJSON *file = cJSON_GetObjectItemCaseSensitive(desc, "/FontFile2");
    if (!pdf_is_ref(file)) {
        finding(f, "31-009: %s: il programma del carattere non è incorporato", base);
        return;
    }
    cJSON *gidmap = cJSON_GetObjectItemCaseSensitive(cidfont, "/CIDToGIDMap");
    if (!gidmap) {
        finding(f, "31-005: %s: CIDFontType2 senza CIDToGIDMap", base);
        return;
    }
    if (!pdf_is_ref(gidmap)) {
        if (!cJSON_IsString(gidmap) || strcmp(gidmap->valuestring, "/Identity") != 0)
            finding(f, "31-004: %s: CIDToGIDMap né flusso né /Identity", base);
        return; /* schede writes a stream: the checks below read it */
    }
    size_t flen, mlen, slen = 0, ulen = 0;
    unsigned char *prog = pdf_stream(p, file->valuestring, &flen);
    unsigned char *map = pdf_stream(p, gidmap->valuestring, &mlen);
    cJSON *cidset = cJSON_GetObjectItemCaseSensitive(desc, "/CIDSet");
    unsigned char *set = pdf_is_ref(cidset) ? pdf_stream(p, cidset->valuestring, &slen) : NULL;
    cJSON *tu = cJSON_GetObjectItemCaseSensitive(type0, "/ToUnicode");
    char *cmap = pdf_is_ref(tu) ? (char *)pdf_stream(p, tu->valuestring, &ulen) : NULL;
    if (!cmap)
        finding(f, "31-027: %s: senza ToUnicode (o illeggibile)", base);
    unsigned char mapped[65536 / 8] = {0};
    if (cmap) {
        cmap = xrealloc(cmap, ulen + 1);
        cmap[ulen] = '\0';
        pdfua_to_unicode(cmap, mapped);
    }
    Ttf ttf = {prog, prog ? flen : 0};
    uint32_t glyphs = prog ? ttf_glyphs(&ttf) : 0;
    size_t missing_set = 0, extra_set = 0, notdef = 0, unmapped = 0;
    unsigned first_missing = 0, first_extra = 0, first_notdef = 0, first_unmapped = 0;
    /* every CID: those the map or the CIDSet name, and those shown even beyond the map's end */
    for (unsigned cid = 0; cid < 65536; cid++) {
        uint32_t gid = 2 * (size_t)cid + 1 < mlen ? (uint32_t)map[2 * cid] << 8 | map[2 * cid + 1] : 0;
        bool present = gid != 0 && gid < glyphs; /* the program has a glyph for it */
        if (set && cid > 0 && present && !bit(set, slen, cid) && missing_set++ == 0)
            first_missing = cid;
        if (set && cid > 0 && !present && bit(set, slen, cid) && extra_set++ == 0)
            first_extra = cid;
        if (!bit(use->used, sizeof use->used, cid))
            continue;
        if (gid == 0 && notdef++ == 0)
            first_notdef = cid;
        if (cmap && !bit(mapped, sizeof mapped, cid) && unmapped++ == 0)
            first_unmapped = cid;
    }
    if (missing_set)
        finding(f, "31-014: %s: %zu glifi del programma non sono nel CIDSet (il primo: CID %04X)", base, missing_set,
                first_missing);
    if (extra_set)
        finding(f, "31-015: %s: il CIDSet elenca %zu CID senza glifo (il primo: %04X)", base, extra_set, first_extra);
    if (notdef)
        finding(f, "31-030: %s: %zu caratteri mostrati con il glifo .notdef (il primo: U+%04X)", base, notdef,
                first_notdef);
    if (unmapped)
        finding(f, "31-027: %s: %zu caratteri mostrati senza corrispondenza in ToUnicode (il primo: %04X)", base,
                unmapped, first_unmapped);
    free(prog);
    free(map);
    free(set);
    free(cmap);
}

/* Every condition above, on one file. */
static inline Findings pdfua_check(const Pdf *p)
{
    Findings f = {0};
    pdfua_catalog(p, &f);
    pdfua_structure(p, &f);
    FontUses uses = {0};
    pdfua_pages(p, &f, &uses);
    for (size_t i = 0; i < uses.n; i++)
        pdfua_font(p, &f, uses.fonts[i].ref, &uses.fonts[i]);
    free(uses.fonts);
    return f;
}

static inline Findings pdfua_check_file(const char *path)
{
    Pdf p = pdf_open(path);
    Findings f = pdfua_check(&p);
    pdf_close(&p);
    return f;
}

#endif
