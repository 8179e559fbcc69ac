/* PDF/UA-1: every document schede writes meets the conditions
 * of pdfua.h, with and without PDF/A; and each condition that is not
 * trivial to check is shown to catch a file broken on purpose — a good file
 * read through qpdf's JSON, changed in one place, written back by qpdf
 * (--json-input) and checked again. */
#include "pdfua.h"

#define PIANO "tests/fixtures/archivio-piano.json"
#define RAGGIUNTO "tests/fixtures/relazione-raggiunto.json"
#define VAL "tests/fixtures/valutazione/"

static char *out_dir(const char *name) { return test_dir("pdfua", name); }

static void schede(const char *args)
{
    Run r = run(args);
    cr_assert_eq(r.status, 0, "schede %s:\n%s", args, r.out);
    free(r.out);
}

/* No finding on the file; and it says PDF/UA-1 (06-002 would say otherwise). */
static void expect_pdfua(const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    Findings f = pdfua_check_file(path);
    char *text = findings_text(&f);
    cr_assert_eq(f.n, 0, "%s:\n%s", path, text);
    free(text);
    findings_free(&f);
    free(path);
}

/* ---- every document type ---------------------------------------------------------------------- */

/* Runs `schede COMMAND --out DIR` and expects each file of DIR to pass. */
static void expect_documents(const char *name, const char *command, const char *const *files)
{
    char *dir = out_dir(name);
    char *args = xasprintf("%s --out '%s'", command, dir);
    schede(args);
    for (size_t i = 0; files[i]; i++)
        expect_pdfua(dir, files[i]);
    free(args);
    free(dir);
}

static const char *const THREE[] = {"schede.pdf", "persone.pdf", "relazione.pdf", NULL};

Test(pdfua, schede_persone_and_relazione, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    /* the Relazione PDF/A by default; every document; none */
    expect_documents("base", "stampa " PIANO " --raggiunto " RAGGIUNTO " --anno 2024", THREE);
    expect_documents("pdfa", "stampa " PIANO " --raggiunto " RAGGIUNTO " --anno 2024 --pdfa", THREE);
    expect_documents("senza-pdfa", "stampa " PIANO " --raggiunto " RAGGIUNTO " --anno 2024 --senza-pdfa", THREE);
}

#define VALUTAZIONE                                                                                                    \
    "stampa " VAL "piano.json --raggiunto " VAL "raggiunto.json --sistema " VAL "sistema.json --valutazioni " VAL     \
    "valutazioni.json"

Test(pdfua, evaluation_sheets_and_premi, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    static const char *const files[] = {"premi.pdf", "persone.pdf", "relazione.pdf", NULL};
    expect_documents("valutazione", VALUTAZIONE, files);
    expect_documents("valutazione-pdfa", VALUTAZIONE " --pdfa", files);
}

#define MONITORAGGIO                                                                                                   \
    "stampa tests/fixtures/monitoraggio/piano.json --raggiunto tests/fixtures/monitoraggio/rilevazioni.json --al "     \
    "01/03/2024 --solo monitoraggio"

Test(pdfua, monitoring_and_variazioni, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    static const char *const monitoraggio[] = {"monitoraggio.pdf", NULL}, *const variazioni[] = {"variazioni.pdf", NULL};
    expect_documents("monitoraggio", MONITORAGGIO, monitoraggio);
    expect_documents("monitoraggio-senza-pdfa", MONITORAGGIO " --senza-pdfa", monitoraggio);
    expect_documents("variazioni",
                     "confronta tests/fixtures/confronto/vecchio.json tests/fixtures/confronto/nuovo.json --formato pdf",
                     variazioni);
}

/* Indicators in the monitoring, and the objective's % from indicators on the schede (both profiles). */
#define SOLO_INDICATORI "stampa tests/fixtures/solo-indicatori/piano.json --raggiunto tests/fixtures/solo-indicatori/raggiunto.json"

Test(pdfua, indicators_in_the_monitoring_and_on_the_schede, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    static const char *const both[] = {"monitoraggio.pdf", "schede.pdf", NULL}, *const schede_pdf[] = {"schede.pdf", NULL};
    expect_documents("indicatori-al", SOLO_INDICATORI " --al 30/09/2025", both);
    expect_documents("indicatori-generico", SOLO_INDICATORI " --solo schede --profilo generico", schede_pdf);
}

/* Other comuni's forms: the generico profile and its sections. */
Test(pdfua, the_generico_profile, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    static const char *const schede_pdf[] = {"schede.pdf", NULL};
    expect_documents("generico", "stampa tests/fixtures/altri-moduli.json --profilo generico --solo schede",
                     schede_pdf);
}

/* From an archive whose plan is not approved: every page carries the notice, read first, then page furniture. */
Test(pdfua, documents_of_an_unapproved_plan_with_their_notice, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("bozza");
    char *cmd = xasprintf("archivio crea '%s/a.db' --ente 'Comune di Prova'", dir);
    schede(cmd);
    free(cmd);
    cmd = xasprintf("archivio importa '%s/a.db' " VAL "piano.json " VAL "raggiunto.json " VAL "sistema.json " VAL
                    "valutazioni.json --anno 2025", dir);
    schede(cmd);
    free(cmd);
    static const char *const files[] = {"schede.pdf", "persone.pdf", "relazione.pdf", "premi.pdf", NULL};
    char *command = xasprintf("stampa --archivio '%s/a.db' --anno 2025", dir);
    expect_documents("bozza-documenti", command, files);
    free(command);
    free(dir);
}

/* ---- files broken on purpose -------------------------------------------------------------------- */

/* The good files, written once for all the breakages. */
static char *good_dir;

static const char *good(const char *name)
{
    static char path[4096];
    if (!good_dir) {
        good_dir = out_dir("buoni");
        char *args = xasprintf("stampa " PIANO " --raggiunto " RAGGIUNTO " --anno 2024 --pdfa --out '%s'", good_dir);
        schede(args);
        free(args);
    }
    snprintf(path, sizeof path, "%s/%s", good_dir, name);
    return path;
}

static char *base64(const unsigned char *d, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = xmalloc(4 * ((n + 2) / 3) + 1), *o = out;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0) | (i + 2 < n ? d[i + 2] : 0);
        *o++ = tab[v >> 18 & 63];
        *o++ = tab[v >> 12 & 63];
        *o++ = i + 1 < n ? tab[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? tab[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

/* Replaces the data of the stream ref names. */
static void set_stream(Pdf *p, const char *ref, const void *data, size_t len)
{
    char key[64];
    snprintf(key, sizeof key, "obj:%s", ref);
    cJSON *s = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(p->objects, key), "stream");
    cr_assert_not_null(s, "%s is not a stream", ref);
    char *b = base64(data, len);
    cJSON_ReplaceItemInObjectCaseSensitive(s, "data", cJSON_CreateString(b));
    free(b);
}

/* A stream's data as text, with from replaced by to (which must be there). */
static void edit_stream(Pdf *p, const char *ref, const char *from, const char *to)
{
    size_t len;
    char *d = (char *)pdf_stream(p, ref, &len);
    d = xrealloc(d, len + 1);
    d[len] = '\0';
    char *at = strstr(d, from);
    cr_assert_not_null(at, "«%s» not in %s", from, ref);
    char *edited = xasprintf("%.*s%s%s", (int)(at - d), d, to, at + strlen(from));
    set_stream(p, ref, edited, strlen(edited));
    free(edited);
    free(d);
}

static const char *ref_of(const cJSON *dict, const char *key)
{
    cJSON *v = cJSON_GetObjectItemCaseSensitive(dict, key);
    cr_assert(pdf_is_ref(v), "%s is not a reference", key);
    return v->valuestring;
}

/* The first structure element of type s ("/TH"), or NULL. */
static cJSON *first_element(const Pdf *p, const char *s)
{
    cJSON *it;
    cJSON_ArrayForEach(it, p->objects)
    {
        if (strncmp(it->string, "obj:", 4) != 0)
            continue;
        cJSON *o = pdf_object(p, it->string + 4);
        if (cJSON_IsObject(o) && cJSON_GetObjectItemCaseSensitive(o, "/P") && strcmp(pdf_name(p, o, "/S"), s) == 0)
            return o;
    }
    return NULL;
}

/* The first page with link annotations, and its first link. */
static cJSON *page_with_links(const Pdf *p, cJSON **link)
{
    const char *pages[4096];
    size_t n = collect_pages(p, pdf_get(p, pdf_root(p), "/Pages"), pages, 0);
    for (size_t i = 0; i < n; i++) {
        cJSON *page = pdf_object(p, pages[i]);
        cJSON *annots = pdf_get(p, page, "/Annots");
        if (cJSON_GetArraySize(annots) > 0) {
            *link = pdf_deref(p, cJSON_GetArrayItem(annots, 0));
            return page;
        }
    }
    cr_assert_fail("no page with links");
    return NULL;
}

/* The Type0 font the text uses first, and its CIDFontType2. */
static cJSON *first_font(const Pdf *p, cJSON **cidfont)
{
    FontUses uses = fonts_used(p);
    cr_assert(uses.n > 0);
    cJSON *type0 = pdf_object(p, uses.fonts[0].ref);
    free(uses.fonts);
    *cidfont = pdf_deref(p, cJSON_GetArrayItem(pdf_get(p, type0, "/DescendantFonts"), 0));
    return type0;
}

typedef void (*Breakage)(Pdf *p);

/* good file → JSON → breakage → qpdf → findings. */
static Findings broken(const char *name, Breakage breakage)
{
    Pdf p = pdf_open(good(name));
    breakage(&p);
    char *dir = xasprintf("%s/rotti", good_dir);
    char *json = xasprintf("%s/rotto.json", dir), *pdf = xasprintf("%s/rotto.pdf", dir);
    run_shell_ok(xasprintf("mkdir -p '%s'", dir));
    char *text = cJSON_PrintUnformatted(p.root);
    FILE *f = fopen(json, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    free(text);
    pdf_close(&p);
    /* written back as schede writes it (pdf_objstm.h): the dictionaries in object streams */
    char *cmd = xasprintf("qpdf --json-input --object-streams=generate '%s' '%s' 2>&1", json, pdf);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "qpdf --json-input: %s", r.out);
    free(r.out);
    Findings found = pdfua_check_file(pdf);
    free(cmd);
    free(json);
    free(pdf);
    free(dir);
    return found;
}

/* The breakage gives a finding id (and the good file none). */
static void expect_caught(const char *name, Breakage breakage, const char *id)
{
    Findings f = broken(name, breakage);
    char *text = findings_text(&f);
    cr_assert(findings_have(&f, id), "%s broken: no %s finding; found:\n%s", name, id, text);
    free(text);
    findings_free(&f);
}

static cJSON *catalog(Pdf *p) { return pdf_root(p); }

static void no_pdfuaid(Pdf *p)
{
    edit_stream(p, ref_of(catalog(p), "/Metadata"), "<pdfuaid:part>1</pdfuaid:part>", "");
}
static void no_extension_schema(Pdf *p)
{
    edit_stream(p, ref_of(catalog(p), "/Metadata"), "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", "");
}
static void no_dc_title(Pdf *p)
{
    edit_stream(p, ref_of(catalog(p), "/Metadata"), "<dc:title>", "<dc:subject>");
    edit_stream(p, ref_of(catalog(p), "/Metadata"), "</dc:title>", "</dc:subject>");
}
static void display_doc_title_false(Pdf *p)
{
    cJSON *prefs = pdf_get(p, catalog(p), "/ViewerPreferences");
    cJSON_ReplaceItemInObjectCaseSensitive(prefs, "/DisplayDocTitle", cJSON_CreateFalse());
}
static void no_display_doc_title(Pdf *p)
{
    cJSON_DeleteItemFromObjectCaseSensitive(pdf_get(p, catalog(p), "/ViewerPreferences"), "/DisplayDocTitle");
}
static void no_lang(Pdf *p) { cJSON_DeleteItemFromObjectCaseSensitive(catalog(p), "/Lang"); }
static void suspects(Pdf *p) { cJSON_AddTrueToObject(pdf_get(p, catalog(p), "/MarkInfo"), "/Suspects"); }
static void th_without_scope(Pdf *p) { cJSON_DeleteItemFromObjectCaseSensitive(first_element(p, "/TH"), "/A"); }
static void figure_without_alt(Pdf *p) { cJSON_DeleteItemFromObjectCaseSensitive(first_element(p, "/Figure"), "/Alt"); }
static void first_heading_h2(Pdf *p)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_element(p, "/H1"), "/S", cJSON_CreateString("/H2"));
}
static void heading_skipped(Pdf *p)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_element(p, "/H2"), "/S", cJSON_CreateString("/H4"));
}
static void row_not_tr(Pdf *p)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_element(p, "/TR"), "/S", cJSON_CreateString("/Div"));
}
static void list_item_not_li(Pdf *p)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_element(p, "/LI"), "/S", cJSON_CreateString("/Div"));
}
static void non_standard_type(Pdf *p)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_element(p, "/Sect"), "/S", cJSON_CreateString("/Capitolo"));
}
static void link_without_contents(Pdf *p)
{
    cJSON *link;
    page_with_links(p, &link);
    cJSON_DeleteItemFromObjectCaseSensitive(link, "/Contents");
}
static void link_outside_the_tree(Pdf *p)
{
    cJSON *link;
    page_with_links(p, &link);
    cJSON_DeleteItemFromObjectCaseSensitive(link, "/StructParent");
}
static void link_alt_differs(Pdf *p)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_element(p, "/Link"), "/Alt", cJSON_CreateString("u:altrove"));
}
static void no_tabs(Pdf *p)
{
    cJSON *link;
    cJSON_DeleteItemFromObjectCaseSensitive(page_with_links(p, &link), "/Tabs");
}
static void tabs_by_rows(Pdf *p)
{
    cJSON *link;
    cJSON_ReplaceItemInObjectCaseSensitive(page_with_links(p, &link), "/Tabs", cJSON_CreateString("/R"));
}
static void font_not_embedded(Pdf *p)
{
    cJSON *cidfont;
    first_font(p, &cidfont);
    cJSON_DeleteItemFromObjectCaseSensitive(pdf_get(p, cidfont, "/FontDescriptor"), "/FontFile2");
}
/* The first font's CIDToGIDMap: cid sent to glyph gid, or, with cut, the map
 * ending after its first cut CIDs. */
static void edit_gid_map(Pdf *p, unsigned cid, unsigned gid, size_t cut)
{
    cJSON *cidfont;
    first_font(p, &cidfont);
    const char *ref = ref_of(cidfont, "/CIDToGIDMap");
    size_t len;
    unsigned char *map = pdf_stream(p, ref, &len);
    cr_assert(len > 2 * (size_t)cid + 1 && len > 2 * cut);
    map[2 * cid] = (unsigned char)(gid >> 8);
    map[2 * cid + 1] = (unsigned char)gid;
    set_stream(p, ref, map, cut ? 2 * cut : len);
    free(map);
}
/* A gap PDF/UA checkers miss: CIDToGIDMap sends a CID that the CIDSet does not
 * list (U+0001, never shown) to a real glyph. */
static void map_beyond_the_cidset(Pdf *p) { edit_gid_map(p, 1, 3, 0); }
/* The CIDSet lists U+0001, which the map sends to .notdef. */
static void cidset_beyond_the_glyphs(Pdf *p)
{
    cJSON *cidfont;
    first_font(p, &cidfont);
    const char *ref = ref_of(pdf_get(p, cidfont, "/FontDescriptor"), "/CIDSet");
    size_t len;
    unsigned char *set = pdf_stream(p, ref, &len);
    set[0] |= 0x40;
    set_stream(p, ref, set, len);
    free(set);
}
/* "e" (U+0065, shown in every document) sent to glyph 0. */
static void shown_with_notdef(Pdf *p) { edit_gid_map(p, 0x65, 0, 0); }
/* The map ends before "A": every letter after it is shown with .notdef. */
static void map_cut_short(Pdf *p) { edit_gid_map(p, 0, 0, 0x41); }
/* "e" mapped to code 0000: to no character. */
static void to_unicode_to_nothing(Pdf *p)
{
    cJSON *cidfont;
    cJSON *type0 = first_font(p, &cidfont);
    edit_stream(p, ref_of(type0, "/ToUnicode"), "<0065> <0065>", "<0065> <0000>");
}
/* A Link whose /K is its OBJR alone, not an array (as other programs write it). */
static void link_kid_not_in_an_array(Pdf *p)
{
    cJSON *link = first_element(p, "/Link");
    cJSON *kids = cJSON_GetObjectItemCaseSensitive(link, "/K");
    cJSON *objr = NULL, *k;
    cJSON_ArrayForEach(k, kids)
    {
        cJSON *d = pdf_deref(p, k);
        if (cJSON_IsObject(d) && strcmp(pdf_name(p, d, "/Type"), "/OBJR") == 0)
            objr = k;
    }
    cr_assert_not_null(objr, "the Link element has no OBJR");
    cJSON_ReplaceItemInObjectCaseSensitive(link, "/K", cJSON_Duplicate(objr, true));
}
static void to_unicode_gap(Pdf *p)
{
    cJSON *cidfont;
    cJSON *type0 = first_font(p, &cidfont);
    edit_stream(p, ref_of(type0, "/ToUnicode"), "<0065> <0065>", "");
}
/* Text drawn after the last marked sequence of the first page. */
static void text_outside_marked_content(Pdf *p)
{
    const char *pages[4096];
    collect_pages(p, pdf_get(p, catalog(p), "/Pages"), pages, 0);
    const char *ref = ref_of(pdf_object(p, pages[0]), "/Contents");
    size_t len;
    char *d = (char *)pdf_stream(p, ref, &len);
    char *more = xasprintf("%.*s\nBT\n<0041> Tj\nET\n", (int)len, d);
    set_stream(p, ref, more, strlen(more));
    free(more);
    free(d);
}
/* A marked sequence whose MCID no element lists. */
static void mcid_lost(Pdf *p)
{
    const char *pages[4096];
    collect_pages(p, pdf_get(p, catalog(p), "/Pages"), pages, 0);
    edit_stream(p, ref_of(pdf_object(p, pages[0]), "/Contents"), "<</MCID 0>>", "<</MCID 999>>");
}

Test(pdfua, each_condition_catches_a_broken_file, .timeout = 600 * SCHEDE_TIMEOUT_SCALE)
{
    /* the good files first: nothing to find */
    static const char *const names[] = {"schede.pdf", "persone.pdf", "relazione.pdf", NULL};
    for (size_t i = 0; names[i]; i++) {
        Findings f = pdfua_check_file(good(names[i]));
        char *text = findings_text(&f);
        cr_assert_eq(f.n, 0, "%s:\n%s", names[i], text);
        free(text);
        findings_free(&f);
    }
    struct {
        const char *file;
        Breakage breakage;
        const char *id;
    } cases[] = {
        {"relazione.pdf", no_pdfuaid, "06-002"},
        {"relazione.pdf", no_extension_schema, "PDF/A-1 6.7.8"},
        {"relazione.pdf", no_dc_title, "06-003"},
        {"relazione.pdf", display_doc_title_false, "07-002"},
        {"relazione.pdf", no_display_doc_title, "07-001"},
        {"relazione.pdf", no_lang, "Lang"},
        {"relazione.pdf", suspects, "01-007"},
        {"relazione.pdf", th_without_scope, "15-003"},
        {"relazione.pdf", figure_without_alt, "13-004"},
        {"relazione.pdf", first_heading_h2, "14-002"},
        {"relazione.pdf", heading_skipped, "14-003"},
        {"relazione.pdf", row_not_tr, "09-004"},
        {"schede.pdf", list_item_not_li, "09-005"},
        {"relazione.pdf", non_standard_type, "02-001"},
        {"schede.pdf", link_without_contents, "28-012"},
        {"schede.pdf", link_outside_the_tree, "28-011"},
        {"schede.pdf", link_alt_differs, "Link-Alt"},
        {"schede.pdf", no_tabs, "28-008"},
        {"schede.pdf", tabs_by_rows, "28-009"},
        {"schede.pdf", font_not_embedded, "31-009"},
        {"schede.pdf", map_beyond_the_cidset, "31-014"},
        {"schede.pdf", cidset_beyond_the_glyphs, "31-015"},
        {"schede.pdf", shown_with_notdef, "31-030"},
        {"schede.pdf", to_unicode_gap, "31-027"},
        {"schede.pdf", map_cut_short, "31-030"},
        {"schede.pdf", to_unicode_to_nothing, "31-027"},
        {"persone.pdf", text_outside_marked_content, "01-005"},
        {"persone.pdf", mcid_lost, "ParentTree"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_caught(cases[i].file, cases[i].breakage, cases[i].id);
    /* and a Link whose /K is one OBJR, not an array, is still found (its text's MCIDs, dropped
       with the array, are what the ParentTree check then misses) */
    Findings f = broken("schede.pdf", link_kid_not_in_an_array);
    char *text = findings_text(&f);
    cr_assert(!findings_have(&f, "28-011") && !findings_have(&f, "Link-Alt") && findings_have(&f, "ParentTree"),
              "a Link with a single OBJR kid:\n%s", text);
    free(text);
    findings_free(&f);
}

/* The real plan: 38 schede, 87 pages, the people of the sample. */
Test(pdfua, the_sarzana_sample, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    expect_documents("sarzana", "stampa samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv", THREE);
}

/* The checks read the structure where the file keeps it: inside object
 * streams (pdf_objstm.h), through qpdf: the structure tree of schede.pdf
 * is inside them, and the checks pass (each_condition_catches_a_broken_file
 * finds every breakage in files with object streams too). */
Test(pdfua, the_checks_read_inside_object_streams, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("objstm");
    char *args = xasprintf("stampa " PIANO " --solo schede --out '%s'", dir);
    schede(args);
    char *path = xasprintf("%s/schede.pdf", dir);
    Pdf p = pdf_open(path);
    cJSON *tree = pdf_get(&p, pdf_root(&p), "/StructTreeRoot");
    cr_assert_not_null(tree);
    char *ref = xstrdup(cJSON_GetObjectItemCaseSensitive(pdf_root(&p), "/StructTreeRoot")->valuestring);
    pdf_close(&p);
    *strchr(ref, ' ') = '\0';
    char *cmd = xasprintf("qpdf --show-xref '%s' | grep -c ': compressed;'; qpdf --show-xref '%s' | grep '^%s/0: '", path,
                          path, ref);
    Run r = run_shell(cmd);
    cr_assert_gt(atoi(r.out), 100, "%s", r.out);
    cr_assert(strstr(r.out, "compressed; stream ="), "the StructTreeRoot in an object stream: %s", r.out);
    free(r.out);
    free(cmd);
    expect_pdfua(dir, "schede.pdf");
    free(ref);
    free(path);
    free(args);
    free(dir);
}
