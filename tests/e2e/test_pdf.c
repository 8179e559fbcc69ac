/* schede stampa end to end: the PDF is read back with poppler and qpdf.
 * Every printed field of every objective is in the text; no word leaves the
 * page's side margins or overlaps another; fonts embedded; qpdf --check. */
#include <ctype.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "esiti.h"
#include "fileio.h"
#include "model.h"
#include "persone.h"
#include "plan_load.h"
#include "raggiunto.h"
#include "rules.h"
#include "run.h"
#include "load.h"

/* A fresh output folder for one test. */
static char *out_dir(const char *name) { return test_dir("pdf", name); }

static char *render(const char *plan, const char *dir, const char *extra)
{
    char *args = xasprintf("stampa %s --out '%s' %s", plan, dir, extra ? extra : "");
    Run r = run(args);
    cr_assert_eq(r.status, 0, "schede %s:\n%s", args, r.out);
    free(args);
    free(r.out);
    return xasprintf("%s/schede.pdf", dir);
}

static char *strip_spaces(const char *s)
{
    char *o = xmalloc(strlen(s) + 1), *p = o;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            *p++ = *s;
    *p = '\0';
    return o;
}

/* The PDF's text in content-stream order (cell by cell), without spaces. */
static char *pdf_text(const char *pdf)
{
    char *cmd = xasprintf("pdftotext -raw '%s' - 2>/dev/null", pdf);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0);
    char *flat = strip_spaces(r.out);
    free(r.out);
    free(cmd);
    return flat;
}

static size_t missing;

/* Whether the paragraph p is in the text, whole or split once at a page
 * break (between the two parts stand the page's footer and the next page's
 * header and repeated labels: at most 600 characters). */
static bool printed(const char *flat, const char *p)
{
    if (strstr(flat, p))
        return true;
    size_t len = strlen(p);
    for (size_t k = len - 1; k > 0; k--) {
        char *head = xstrndup(p, k);
        for (const char *at = strstr(flat, head); at; at = strstr(at + 1, head)) {
            const char *tail = strstr(at + k, p + k);
            if (tail && tail - (at + k) <= 600) {
                free(head);
                return true;
            }
        }
        free(head);
    }
    return false;
}

static void expect_printed(const char *flat, const char *field, const char *where)
{
    if (!field || !*field)
        return;
    char *copy = xstrdup(field);
    for (char *para = strtok(copy, "\n"); para; para = strtok(NULL, "\n")) {
        char *f = strip_spaces(para);
        if (*f && !printed(flat, f)) {
            missing++;
            cr_log_error("not in the PDF: %s: «%.80s»", where, para);
        }
        free(f);
    }
    free(copy);
}

static size_t expect_every_field(const Plan *plan, const char *flat)
{
    missing = 0;
    size_t checked = 0;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        const char *fields[] = {o->codice, o->nota_tipo, o->linea_mandato, o->dup_strategica, o->dup_operativa,
                                o->dirigente, o->posizione_organizzativa, o->referenti, o->descrizione,
                                o->baseline, o->target, o->stakeholder, o->accessibilita, o->unita_responsabile};
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++, checked++)
            expect_printed(flat, fields[k], o->codice);
        for (size_t k = 0; k < o->n_altre_unita; k++, checked++)
            expect_printed(flat, o->altre_unita[k], o->codice);
        for (size_t k = 0; k < o->n_bilancio; k++, checked += 2) {
            expect_printed(flat, o->bilancio[k].missione, o->codice);
            expect_printed(flat, o->bilancio[k].programma, o->codice);
        }
        for (size_t a = 0; a < o->n_annualita; a++)
            for (size_t k = 0; k < o->annualita[a].n_azioni; k++) {
                const Azione *z = &o->annualita[a].azioni[k];
                const char *az[] = {z->azione, z->tempi, z->indicatore, z->atteso, z->graduazione};
                for (size_t f = 0; f < 5; f++, checked++)
                    expect_printed(flat, az[f], o->codice);
            }
        for (size_t k = 0; k < o->n_risorse_umane; k++) {
            const Risorsa *r = &o->risorse_umane[k];
            expect_printed(flat, r->descrizione, o->codice);
            expect_printed(flat, r->responsabile, o->codice);
            for (size_t p = 0; p < r->n_personale; p++, checked++)
                expect_printed(flat, r->personale[p].nome, o->codice);
        }
        for (size_t k = 0; k < o->n_finanziaria; k++, checked++)
            expect_printed(flat, o->finanziaria[k].capitolo, o->codice);
    }
    cr_assert_eq(missing, 0, "%zu fields missing from the PDF", missing);
    return checked;
}

Test(pdf, sarzana_every_field_is_printed, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("sarzana");
    char *pdf = render("samples/sarzana-2024-2026.json", dir, NULL);
    char *flat = pdf_text(pdf);
    Plan plan;
    DiagList d;
    diag_list_init(&d);
    load_plan_ok(SCHEDE_SOURCE_DIR "/samples/sarzana-2024-2026.json", &plan);
    size_t checked = expect_every_field(&plan, flat);
    cr_assert_gt(checked, 1500);
    /* amounts in Italian format, the form's labels, page numbers */
    cr_assert(strstr(flat, "108.000,00\xE2\x82\xAC"), "STAMPA-01 amount");
    cr_assert(strstr(flat, "15.000,00\xE2\x82\xAC"), "SOC-01 amount");
    cr_assert(strstr(flat, "PIANOOPERATIVO1\xC2\xB0" "ANNUALIT\xC3\x80\xE2\x80\x93" "2024"));
    cr_assert(strstr(flat, "Pag.1di"));
    plan_free(&plan);
    diag_list_free(&d);
    free(flat);
    free(pdf);
    free(dir);
}

typedef struct {
    double x0, y0, x1, y1;
} Box;

/* Reads `pdftotext -bbox` output: per page, the glyph core of every word
 * (poppler's boxes span the font's whole ascent–descent, 1.52 em for
 * Titillium, taller than the line spacing; the core is −0.72 … +0.18 em
 * around the baseline). Checks margins and overlaps page by page. */
static void check_boxes(const char *pdf, double side_margin)
{
    char *cmd = xasprintf("pdftotext -bbox '%s' - 2>/dev/null", pdf);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0);
    double W = 0, H = 0;
    Box *boxes = NULL;
    size_t n = 0, cap = 0, pages = 0, words = 0;
    char *save = NULL;
    for (char *line = strtok_r(r.out, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
        bool new_page = line && strstr(line, "<page ");
        if (!line || new_page) {
            for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++) {
                    double ix = fmin(boxes[i].x1, boxes[j].x1) - fmax(boxes[i].x0, boxes[j].x0);
                    double iy = fmin(boxes[i].y1, boxes[j].y1) - fmax(boxes[i].y0, boxes[j].y0);
                    cr_assert(ix <= 0.3 || iy <= 0.3, "page %zu: two words overlap at x %.1f y %.1f", pages,
                              boxes[i].x0, boxes[i].y0);
                }
            n = 0;
            if (!line)
                break;
            cr_assert_eq(sscanf(strstr(line, "<page "), "<page width=\"%lf\" height=\"%lf\"", &W, &H), 2);
            pages++;
            continue;
        }
        Box b;
        const char *w = strstr(line, "<word ");
        if (!w || sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &b.x0, &b.y0, &b.x1, &b.y1) != 4)
            continue;
        words++;
        cr_assert_geq(b.x0, side_margin - 0.5, "page %zu: a word starts in the left margin (x %.1f)", pages, b.x0);
        cr_assert_leq(b.x1, W - side_margin + 0.5, "page %zu: a word ends in the right margin (x %.1f)", pages, b.x1);
        cr_assert(b.y0 >= 0 && b.y1 <= H, "page %zu: a word outside the page (y %.1f)", pages, b.y0);
        double size = (b.y1 - b.y0) / 1.521, baseline = b.y1 - 0.388 * size;
        b.y0 = baseline - 0.72 * size;
        b.y1 = baseline + 0.18 * size;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            boxes = xrealloc(boxes, cap * sizeof *boxes);
        }
        boxes[n++] = b;
    }
    cr_assert_gt(words, 100);
    free(boxes);
    free(r.out);
    free(cmd);
}

Test(pdf, sarzana_no_word_in_the_margins_or_overlapping, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("bbox");
    char *pdf = render("samples/sarzana-2024-2026.json", dir, NULL);
    check_boxes(pdf, 10 * 72 / 25.4); /* layouts/scheda.json: 10 mm at the sides */
    free(pdf);
    free(dir);
}

Test(pdf, qpdf_check_fonts_embedded_bookmarks_info)
{
    char *dir = out_dir("check");
    char *pdf = render("samples/sarzana-2024-2026.json", dir, NULL);
    char *cmd = xasprintf("qpdf --check '%s'", pdf);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "No syntax or stream encoding errors found");
    free(r.out);
    free(cmd);

    cmd = xasprintf("pdffonts '%s' 2>/dev/null | tail -n +3", pdf);
    r = run_shell(cmd);
    size_t fonts = 0, embedded = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), fonts++)
        embedded += strstr(line, "Identity-H       yes yes yes") != NULL;
    cr_assert_geq(fonts, 3, "regular, bold, italic");
    cr_assert_eq(embedded, fonts, "every font embedded, subset, with a Unicode map");
    free(r.out);
    free(cmd);

    cmd = xasprintf("qpdf --json --json-key=outlines '%s' | grep -c '\"title\"'", pdf);
    r = run_shell(cmd);
    cr_assert_eq(atoi(r.out), 39, "the index and the 38 objectives");
    free(r.out);
    free(cmd);

    cmd = xasprintf("pdfinfo '%s' 2>/dev/null", pdf);
    r = run_shell(cmd);
    expect_contains(&r, "Title:           Obiettivi gestionali 2024 \xE2\x80\x93 2026");
    expect_contains(&r, "Author:          Comune di Sarzana");
    expect_contains(&r, "Page size:       841.89 x 595.276 pts (A4)");
    free(r.out);
    free(cmd);
    free(pdf);
    free(dir);
}

/* Count of the lines of `qpdf --show-xref FILE` that contain what. */
static int xref_lines(const char *pdf, const char *what)
{
    char *cmd = xasprintf("qpdf --show-xref '%s' | grep -c '%s'", pdf, what);
    Run r = run_shell(cmd);
    int n = atoi(r.out);
    free(r.out);
    free(cmd);
    return n;
}

/* A document that is not PDF/A: PDF 1.5, its dictionaries in object
 * streams, a cross-reference stream (pdf_objstm.h); read by qpdf, poppler,
 * MuPDF and Ghostscript. A PDF/A-1 one keeps the classic table. */
Test(pdf, object_streams_and_a_cross_reference_stream, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("objstm");
    char *pdf = render("samples/sarzana-2024-2026.json", dir, "--solo schede");
    char *cmd = xasprintf("qpdf --check '%s' && qpdf --show-object=trailer '%s' && pdfinfo '%s' 2>&1", pdf, pdf, pdf);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "PDF Version: 1.5");
    expect_contains(&r, "No syntax or stream encoding errors found");
    expect_contains(&r, "/Type /XRef");
    expect_contains(&r, "/Root 1 0 R");
    expect_contains(&r, "/ID [ <");
    expect_contains(&r, "Tagged:          yes");
    expect_contains(&r, "Pages:           86");
    free(r.out);
    free(cmd);
    /* the structure tree's thousands of elements are inside object streams */
    cr_assert_gt(xref_lines(pdf, ": compressed;"), 5000);
    cmd = xasprintf("qpdf --show-xref '%s' | grep \"^$(qpdf --show-object=1 '%s' | sed -n "
                    "'s|.*/StructTreeRoot \\([0-9]*\\) 0 R.*|\\1|p')/0: compressed\"",
                    pdf, pdf);
    r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "the StructTreeRoot in an object stream: %s", r.out);
    free(r.out);
    free(cmd);
    struct stat st;
    cr_assert_eq(stat(pdf, &st), 0);
    cr_assert_lt(st.st_size, 600 * 1024, "schede.pdf of Sarzana: %lld bytes", (long long)st.st_size);
    expect_opens_in_mupdf(pdf);
    cmd = xasprintf("command -v gs >/dev/null || exit 0; gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage '%s' 2>&1",
                    pdf);
    r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "Ghostscript: %s", r.out);
    cr_assert_eq(r.out[0], '\0', "Ghostscript says: %s", r.out);
    free(r.out);
    free(cmd);
    free(pdf);

    /* PDF/A-1 forbids both (ISO 19005-1 6.1.4): the classic table */
    pdf = render("samples/sarzana-2024-2026.json", dir, "--solo schede --pdfa");
    cr_assert_eq(xref_lines(pdf, ": compressed;"), 0, "an object stream in a PDF/A-1 file");
    cmd = xasprintf("tail -c 1500 '%s' | grep -ac '^trailer'", pdf);
    r = run_shell(cmd);
    cr_assert_eq(atoi(r.out), 1, "PDF/A: a classic trailer");
    free(r.out);
    free(cmd);
    free(pdf);
    free(dir);
}

Test(pdf, overflowing_content_is_never_dropped, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("completo");
    char *pdf = render("tests/fixtures/completo.json", dir, NULL);
    char *flat = pdf_text(pdf);
    Plan plan;
    load_plan_ok(SCHEDE_SOURCE_DIR "/tests/fixtures/completo.json", &plan);
    expect_every_field(&plan, flat);
    /* the 60 paragraphs of the description, split over pages, in order */
    const char *p = flat;
    for (int i = 1; i <= 60; i++) {
        char needle[32];
        snprintf(needle, sizeof needle, "Paragrafo%ddelladescrizione", i);
        p = strstr(p, needle);
        cr_assert_not_null(p, "paragraph %d missing or out of order", i);
    }
    cr_assert(strstr(flat, "PersonaUltima") == NULL && strstr(flat, "Persona12Ultima12%"), "the 12th person and her %");
    cr_assert(strstr(flat, "(segue)"), "persons beyond the tenth continue on a new row");
    cr_assert(strstr(flat, "AltraF"), "a sixth altra unità");
    cr_assert(strstr(flat, "1.234,50\xE2\x82\xAC") && strstr(flat, "2027:99,99\xE2\x82\xAC"), "amounts, also outside the triennio");
    cr_assert(strstr(flat, "AzionefuoritriennioPIANO") || strstr(flat, "Azionefuoritriennio"));
    cr_assert(strstr(flat, "\xE2\x98\x90\xE2\x98\x92\xE2\x88\x91"), "characters Titillium lacks, from the fallback font");
    check_boxes(pdf, 10 * 72 / 25.4);
    plan_free(&plan);
    free(flat);
    free(pdf);
    free(dir);
}

Test(pdf, layout_copy_changes_labels_and_columns)
{
    char *dir = out_dir("layout");
    char *cmd = xasprintf("cp -r layouts '%s/mio' && sed -i 's/\"Linea programmatica di mandato\"/\"Linea del programma di mandato\"/; "
                          "s/\"collegamenti\":    \\[17, 48, 13, 22\\]/\"collegamenti\": [30, 35, 13, 22]/' '%s/mio/scheda.json'",
                          dir, dir);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(cmd);
    char *extra = xasprintf("--layout '%s/mio'", dir);
    char *pdf = render("samples/sarzana-2024-2026.json", dir, extra);
    char *flat = pdf_text(pdf);
    cr_assert(strstr(flat, "Lineadelprogrammadimandato"));
    cr_assert_null(strstr(flat, "Lineaprogrammaticadimandato"));
    /* The value column now starts at 30 % of the 785 pt frame, not 17 %:
     * SG-01's "Dup - Sezione strategica" value moves from x ≈ 164 to x ≈ 267. */
    cmd = xasprintf("pdftotext -bbox -f 4 -l 4 '%s' - 2>/dev/null | grep -m1 '>Perfezionamento<'", pdf);
    r = run_shell(cmd);
    double x = 0;
    cr_assert_eq(sscanf(strstr(r.out, "xMin=\""), "xMin=\"%lf\"", &x), 1, "%s", r.out);
    cr_assert_float_eq(x, 28.35 + 0.30 * 785.2 + 2.4, 1.0, "value column at x %.1f", x);
    free(r.out);
    free(cmd);
    free(flat);
    free(pdf);
    free(extra);
    free(dir);
}

Test(pdf, broken_layout_file_is_a_clear_error_and_writes_nothing)
{
    char *dir = out_dir("broken");
    char *cmd = xasprintf("cp -r layouts '%s/rotto' && sed -i '/\"col_peso\"/d; s/\"dimensione\": 12,/\"dimensione\": \"12\",/' "
                          "'%s/rotto/scheda.json'",
                          dir, dir);
    Run r = run_shell(cmd);
    free(r.out);
    free(cmd);
    char *args = xasprintf("stampa samples/sarzana-2024-2026.json --out '%s' --layout '%s/rotto'", dir, dir);
    r = run(args);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "rotto/scheda.json: $.etichette.col_peso: manca «col_peso», che è obbligatorio");
    expect_contains(&r, "rotto/scheda.json: $.stili.titolo.dimensione: «dimensione» deve essere un numero");
    free(r.out);
    free(args);
    cmd = xasprintf("ls -A '%s' | grep -v rotto | wc -l", dir);
    r = run_shell(cmd);
    cr_assert_eq(atoi(r.out), 0, "no PDF and no temporary file left");
    free(r.out);
    free(cmd);
    free(dir);
}

Test(pdf, plan_with_errors_writes_nothing_and_keeps_the_old_pdf)
{
    char *dir = out_dir("errors");
    char *cmd = xasprintf("echo vecchio > '%s/schede.pdf'", dir);
    Run r = run_shell(cmd);
    free(r.out);
    free(cmd);
    char *args = xasprintf("stampa tests/fixtures/errori.json --out '%s'", dir);
    r = run(args);
    cr_assert_eq(r.status, 1);
    expect_contains(&r, "nessun documento scritto");
    free(r.out);
    free(args);
    cmd = xasprintf("cat '%s/schede.pdf'; ls -A '%s' | wc -l", dir, dir);
    r = run_shell(cmd);
    expect_contains(&r, "vecchio\n1\n");
    free(r.out);
    free(cmd);
    free(dir);
}

Test(pdf, reproducible_with_source_date_epoch, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    char *a = out_dir("repro-a"), *b = out_dir("repro-b");
    char *cmd = xasprintf("SOURCE_DATE_EPOCH=1735689600 '%s' stampa samples/sarzana-2024-2026.json --out '%s' >/dev/null && "
                          "SOURCE_DATE_EPOCH=1735689600 '%s' stampa samples/sarzana-2024-2026.json --out '%s' >/dev/null && "
                          "cmp '%s/schede.pdf' '%s/schede.pdf' && pdfinfo '%s/schede.pdf' | grep CreationDate",
                          SCHEDE_EXE, a, SCHEDE_EXE, b, a, b, a);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "Jan  1 00:00:00 2025 UTC");
    free(r.out);
    free(cmd);
    char *pdf = xasprintf("%s/schede.pdf", a);
    char *flat = pdf_text(pdf);
    cr_assert(strstr(flat, "Documentogeneratoil01/01/2025"), "the cover date, in Italian format");
    free(flat);
    free(pdf);
    free(a);
    free(b);
}

Test(pdf, persone_every_person_and_score_printed_inside_the_margins, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("persone");
    char *pdf = render("samples/sarzana-2024-2026.json", dir,
                       "--solo persone --raggiunto samples/raggiunto-2024.json");
    free(pdf);
    pdf = xasprintf("%s/persone.pdf", dir);
    char *flat = pdf_text(pdf);
    Plan plan;
    load_plan_ok(SCHEDE_SOURCE_DIR "/samples/sarzana-2024-2026.json", &plan);
    size_t names = 0;
    for (size_t i = 0; i < plan.n_obiettivi; i++)
        for (size_t r = 0; r < plan.obiettivi[i].n_risorse_umane; r++) {
            const Risorsa *ru = &plan.obiettivi[i].risorse_umane[r];
            if (ru->anno != 2024)
                continue;
            for (size_t k = 0; k < ru->n_personale; k++) {
                const Partecipante *x = &ru->personale[k];
                if (x->gruppo)
                    continue;
                const Persona *p = persone_match(&plan, x->nome);
                expect_printed(flat, p ? p->nome : x->nome, plan.obiettivi[i].codice);
                names++;
            }
        }
    cr_assert_eq(missing, 0);
    cr_assert_gt(names, 100);
    /* Anna Maria Vesnaver by hand: (70·100·100 + 50·100·80 + 50·10800) / 17500 = 93,71 */
    cr_assert(strstr(flat, "PUNTEGGIO202493,71"), "Vesnaver's score");
    check_boxes(pdf, 14 * 72 / 25.4); /* layouts/persona.json: 14 mm at the sides */
    plan_free(&plan);
    free(flat);
    free(pdf);
    free(dir);
}

Test(pdf, relazione_every_result_printed_inside_the_margins, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("relazione");
    char *pdf = render("samples/sarzana-2024-2026.json", dir,
                       "--solo relazione --raggiunto samples/raggiunto-2024.json");
    free(pdf);
    pdf = xasprintf("%s/relazione.pdf", dir);
    char *cmd = xasprintf("qpdf --check '%s'", pdf);
    Run r = run_shell(cmd);
    expect_contains(&r, "No syntax or stream encoding errors found");
    free(r.out);
    free(cmd);
    /* Each objective's result, as esiti computes it, in its row of the detail. */
    Plan plan;
    DiagList d;
    diag_list_init(&d);
    load_plan_ok(SCHEDE_SOURCE_DIR "/samples/sarzana-2024-2026.json", &plan);
    Rilevazioni ril;
    load_raggiunto_ok(SCHEDE_SOURCE_DIR "/samples/raggiunto-2024.json", CODIFICA_AUTO, &ril);
    Esiti esiti;
    esiti_compute(&plan, &ril, 2024, &esiti, &d);
    char *flat = pdf_text(pdf);
    const char *detail = strstr(flat, "3.Risultatidegliobiettivi");
    cr_assert_not_null(detail);
    detail = strstr(detail + 1, "3.Risultatidegliobiettivi"); /* the section, after the index */
    cr_assert_not_null(detail);
    size_t checked = 0;
    for (size_t i = 0; i < esiti.n; i++) {
        const EsitoObiettivo *eo = &esiti.obiettivi[i];
        if (!eo->annualita || !eo->has_percentuale)
            continue;
        char *row = strstr(detail, eo->obiettivo->codice);
        cr_assert_not_null(row, "%s not in the detail", eo->obiettivo->codice);
        char pct[48];
        rule_format_percent(pct, sizeof pct, eo->percentuale);
        char *nbsp = strstr(pct, "\u00A0"); /* pdftotext gives a space, stripped */
        if (nbsp)
            memmove(nbsp, nbsp + 2, strlen(nbsp + 2) + 1);
        char *want = strip_spaces(pct);
        char *next = i + 1 < esiti.n ? strstr(row + 1, esiti.obiettivi[i + 1].obiettivo->codice) : NULL;
        char *found = strstr(row, want);
        cr_assert(found && (!next || found < next), "%s: %s not in its row", eo->obiettivo->codice, pct);
        free(want);
        checked++;
    }
    cr_assert_eq(checked, 37, "every objective of 2024 is reported in the sample");
    check_boxes(pdf, 18 * 72 / 25.4); /* layouts/relazione.json: 18 mm at the sides */
    free(flat);
    esiti_free(&esiti);
    raggiunto_free(&ril);
    plan_free(&plan);
    diag_list_free(&d);
    free(pdf);
    free(dir);
}

/* The evaluation documents of the Sarzana sample (invented sistema and
 * valutazioni): no word in the margins or overlapping, and every premio
 * esiti computes is printed in premi.pdf. */
Test(pdf, valutazione_documents_inside_the_margins, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("valutazione");
    char *pdf = render("samples/sarzana-2024-2026.json", dir,
                       "--raggiunto samples/raggiunto-2024.csv --anno 2024 --sistema samples/sistema-smvp.json "
                       "--valutazioni samples/valutazioni-2024.json");
    free(pdf);
    pdf = xasprintf("%s/premi.pdf", dir);
    check_boxes(pdf, 12 * 72 / 25.4); /* layouts/premi.json: 12 mm at the sides */
    char *flat = pdf_text(pdf);
    Run r = run("esiti samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 "
                "--sistema samples/sistema-smvp.json --valutazioni samples/valutazioni-2024.json --formato csv 2>/dev/null");
    cr_assert_eq(r.status, 0);
    size_t premi = 0;
    char *save = NULL;
    strtok_r(r.out, "\n", &save); /* the header */
    for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *fields[64];
        size_t n = 0;
        for (char *f = line; f && n < 64; n++) {
            fields[n] = f;
            char *semi = strchr(f, ';');
            if (semi)
                *semi = '\0';
            f = semi ? semi + 1 : NULL;
        }
        char *amount = fields[n - 1];
        amount[strcspn(amount, "\r")] = '\0';
        if (!*amount || strcmp(amount, "0,00") == 0)
            continue;
        /* "1426,63" is printed "1.426,63 €" */
        char printed[64];
        size_t len = strlen(amount), k = 0;
        for (size_t i = 0; i < len; i++) {
            printed[k++] = amount[i];
            size_t left = i + 3 < len ? len - 3 - i - 1 : 0; /* integer digits still to come */
            if (left > 0 && left % 3 == 0)
                printed[k++] = '.';
        }
        printed[k] = '\0';
        /* the amount in the person's row: after the name, before the next row's name */
        char *name = strip_spaces(fields[2]);
        const char *at = strstr(flat, name);
        cr_assert_not_null(at, "premi.pdf lacks %s", fields[2]);
        const char *hit = strstr(at, printed);
        cr_assert(hit && hit - at < 160, "premi.pdf: %s without the premio %s", fields[2], printed);
        free(name);
        premi++;
    }
    cr_assert_eq(premi, 41, "the sample's 41 aventi diritto");
    free(r.out);
    free(flat);
    free(pdf);
    pdf = xasprintf("%s/persone.pdf", dir);
    check_boxes(pdf, 14 * 72 / 25.4);
    free(pdf);
    pdf = xasprintf("%s/relazione.pdf", dir);
    check_boxes(pdf, 18 * 72 / 25.4);
    free(pdf);
    free(dir);
}

/* monitoraggio.pdf of the Sarzana sample at 30/06/2024 (invented mid-year
 * rilevazioni): no word in the margins or overlapping, the timeline over
 * several pages included, and every action's state printed. */
Test(pdf, monitoraggio_inside_the_margins, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("monitoraggio");
    char *pdf = render("samples/sarzana-2024-2026.json", dir,
                       "--raggiunto samples/raggiunto-2024-06-30.csv --al 30/06/2024 --solo monitoraggio");
    free(pdf);
    pdf = xasprintf("%s/monitoraggio.pdf", dir);
    check_boxes(pdf, 14 * 72 / 25.4); /* layouts/monitoraggio.json: 14 mm at the sides */
    char *flat = pdf_text(pdf);
    /* the counts of esiti --al, in the sintesi */
    Run r = run("esiti samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024-06-30.csv --al 30/06/2024 "
                "--formato csv 2>/dev/null");
    cr_assert_eq(r.status, 0);
    size_t counts[5] = {0};
    static const char *const states[] = {";conclusa;", ";scaduta;", ";a_rischio;", ";in_corso;", ";senza_informazioni;"};
    for (const char *line = r.out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        for (int s = 0; s < 5; s++) {
            const char *end = strchr(line, '\n');
            const char *hit = strstr(line, states[s]);
            counts[s] += hit && (!end || hit < end);
        }
    static const char *const labels[] = {"conclusa", "scaduta", "arischio", "incorso", "senzainformazioni"};
    size_t total = 0;
    for (int s = 0; s < 5; s++) {
        char *row = xasprintf("%s%zu", labels[s], counts[s]);
        cr_assert(strstr(flat, row), "monitoraggio.pdf lacks «%s»", row);
        free(row);
        total += counts[s];
    }
    cr_assert_eq(total, 89, "every 2024 action has a state");
    free(r.out);
    free(flat);
    free(pdf);
    free(dir);
}

/* variazioni.pdf of two plans: no word in the margins or overlapping (the
 * redline's markers, decorations and the included schede). */
static void check_variazioni_margins(const char *vecchio, const char *nuovo, const char *name)
{
    char *dir = out_dir(name);
    char *args = xasprintf("confronta %s %s --formato pdf --out '%s' 2>/dev/null", vecchio, nuovo, dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    char *pdf = xasprintf("%s/variazioni.pdf", dir);
    check_boxes(pdf, 10 * 72 / 25.4); /* layouts/variazioni.json: 10 mm at the sides, like the scheda */
    free(pdf);
    free(dir);
}

Test(pdf, variazioni_inside_the_margins, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    check_variazioni_margins("tests/fixtures/confronto/vecchio.json", "tests/fixtures/confronto/nuovo.json",
                             "variazioni");
}

/* ... and on the sample's real texts (Sarzana's long action names). */
Test(pdf, sample_variazioni_inside_the_margins, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    check_variazioni_margins("samples/sarzana-2024-2026.json", "samples/sarzana-2024-2026-variazione.json",
                             "variazioni-sarzana");
}


/* A section with its own columns. A copy of the layouts whose
 * scheda lists an "indicatori" section after "collegamenti", its columns
 * chosen, reordered and relabelled; "target" becomes one column per year. */
#define INDICATORS_SECTION                                                                                           \
    "{\"tipo\": \"indicatori\", \"titolo\": \"INDICATORI DI RISULTATO\", \"colonne\": ["                            \
    "{\"chiave\": \"nome\", \"etichetta\": \"Indicatore\", \"larghezza\": 6},"                                      \
    "{\"chiave\": \"verso\", \"etichetta\": \"Andamento\", \"larghezza\": 2},"                                      \
    "{\"chiave\": \"target\", \"etichetta\": \"Obiettivo {anno}\", \"larghezza\": 1.6},"                            \
    "{\"chiave\": \"valore\", \"etichetta\": \"Rilevato\", \"larghezza\": 1.5},"                                    \
    "{\"chiave\": \"percentuale\", \"etichetta\": \"Grado\", \"larghezza\": 1.5},"                                  \
    "{\"chiave\": \"unita\", \"etichetta\": \"Misura\", \"larghezza\": 1.5}]}"

/* A schede.pdf: no word outside the 10 mm margins or overlapping, opened by
 * a second reader, tagged. */
static void expect_scheda_well_made(const char *pdf)
{
    check_boxes(pdf, 10 * 72 / 25.4);
    expect_opens_in_mupdf(pdf);
    run_shell_ok(xasprintf("pdfinfo '%s' | grep -q 'Tagged: *yes'", pdf));
}

static char *layout_with(const char *dir, const char *name, const char *section)
{
    char *file = xasprintf("%s/%s/scheda.json", dir, name);
    run_shell_ok(xasprintf("cp -r layouts '%s/%s'", dir, name));
    size_t len;
    const char *why;
    char *text = file_read_all(file, &len, &why);
    cr_assert_not_null(text);
    const char *at = strstr(text, "\"collegamenti\", \"unita\"");
    cr_assert_not_null(at);
    at += strlen("\"collegamenti\",");
    char *changed = xasprintf("%.*s %s,%s", (int)(at - text), text, section, at);
    FILE *f = fopen(file, "w");
    fputs(changed, f);
    fclose(f);
    free(changed);
    free(text);
    free(file);
    return xasprintf("--layout '%s/%s'", dir, name);
}

Test(pdf, indicators_section_prints_every_value_inside_the_margins, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("indicatori");
    char *layout = layout_with(dir, "profilo", INDICATORS_SECTION);
    char *extra = xasprintf("%s --raggiunto tests/fixtures/indicatori-raggiunto.json --solo schede", layout);
    char *pdf = render("tests/fixtures/indicatori-piano.json", dir, extra);
    char *flat = pdf_text(pdf);
    /* header: the relabelled columns in the chosen order, a target column per year */
    cr_assert(strstr(flat, "INDICATORIDIRISULTATO"));
    cr_assert(strstr(flat, "IndicatoreAndamentoObiettivo2024Obiettivo2025Obiettivo2026RilevatoGradoMisura"), "%s", flat);
    /* I-01 by hand: Tempo medio, decrescente, 30 28 25, 32 → 30 / 32 = 93,75 %, giorni;
     * Pratiche digitali: 80 85 90, 100 → 100 %; Soddisfazione: not reported */
    cr_assert(strstr(flat, "Tempomediodipagamentodecrescente3028253293,75%giorni"), "%s", flat);
    cr_assert(strstr(flat, "Pratichedigitalicrescente808590100100,00%%"), "%s", flat);
    cr_assert(strstr(flat, "Soddisfazionecrescente909090nonrilevatononrilevato"), "%s", flat);
    /* I-02's D has no 2024 target: nothing to report, not "non rilevato" */
    cr_assert(strstr(flat, "Ddecrescente33RAGGIUNGIMENTODELL'OBIETTIVONEL2024–dagliindicatori(nessunaazionenell'anno)"
                           "3indicatorinonrilevatinonrilevatoComesiforma:mediasemplicedegliindicatoririlevati:"
                           "Anonrilevato;Bnonrilevato;Cnonrilevato.UNITÀ"),
              "%s", flat);
    /* I-01's total: weighted by its pesi, the unreported one out: see test_forms for the figures */
    cr_assert(strstr(flat, "RAGGIUNGIMENTODELL'OBIETTIVONEL2024–dagliindicatori"), "%s", flat);
    expect_scheda_well_made(pdf);
    free(flat);
    free(pdf);
    free(extra);
    free(layout);
    free(dir);
}

Test(pdf, indicators_section_errors_name_file_and_path)
{
    char *dir = out_dir("indicatori-errori");
    char *layout = layout_with(dir, "rotto",
                               "{\"tipo\": \"indicatori\", \"colonne\": [{\"chiave\": \"nome\", \"etichetta\": \"N\", "
                               "\"larghezza\": 0}, {\"chiave\": \"obiettivo\", \"etichetta\": \"O\", \"larghezza\": 1}]},"
                               "{\"tipo\": \"pesatura\", \"colonne\": []}, \"indicatori\"");
    char *args = xasprintf("stampa tests/fixtures/indicatori-piano.json --out '%s' %s", dir, layout);
    Run r = run(args);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "rotto/scheda.json: $.sezioni[2].colonne[0].larghezza: la larghezza di una colonna deve essere "
                        "maggiore di zero");
    expect_contains(&r, "rotto/scheda.json: $.sezioni[2].colonne[1].chiave: chiave «obiettivo» sconosciuta per la "
                        "sezione «indicatori» (ammesse: nome, tipo, unita, fonte, formula, verso, peso, baseline, "
                        "target, valore, percentuale)");
    expect_contains(&r, "rotto/scheda.json: $.sezioni[3].tipo: la sezione «pesatura» non ha opzioni");
    expect_contains(&r, "rotto/scheda.json: $.sezioni[4]: la sezione «indicatori» si scrive come oggetto");
    free(r.out);
    free(args);
    free(layout);
    free(dir);
}

/* The generico profile (layouts/generico/scheda.json) on a plan with every
 * key of docs/formato.md §7: each one printed, inside the margins, tagged. */
Test(pdf, generico_profile_prints_every_key_of_other_forms, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("generico");
    char *pdf = render("tests/fixtures/altri-moduli.json", dir, "--profilo generico --solo schede");
    char *flat = pdf_text(pdf);
    const char *expected[] = {
        "Tipologiasviluppo", "Pesodell'obiettivo60", "Obiettivostrategico", "OS-1.2–Unaamministrazioneefficiente",
        "Obiettivooperativo", "OO-1.2.3–Pagareneitempidilegge", "CollegamentoPNRR",
        "Riforma1.11–Riduzionedeitempidipagamento", "RischioMedio", "ValorepubblicoImpresepagateprima",
        "Tempomediodipagamentoefficienzagiorni", "PCC38(2024)35302860", "Fatturepagateentrolascadenzaefficacia%PCC71(2024)80909540",
        "Target2025Target2026Target2027", "Attesamediaallosportello", "Tipologiamantenimento", "Pesodell'obiettivo40",
        "AZIONIECRONOPROGRAMMA2026", "1Nuovoflussodiliquidazione10030/06/2026XXXXX", "ALTREINFORMAZIONI"};
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        cr_assert(strstr(flat, expected[i]), "«%s» not printed", expected[i]);
    expect_scheda_well_made(pdf);
    free(flat);
    free(pdf);
    free(dir);
}

/* The months of the cronoprogramma, by hand: action 1 from November 2025
 * to March 2026 → gen feb mar; 2 only a scadenza in September → set; 3
 * from October 2026 to February 2027 → ott nov dic; 4 no dates → none. */
Test(pdf, cronoprogramma_months_by_hand, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("cronoprogramma");
    char *pdf = render("tests/fixtures/cronoprogramma-piano.json", dir, "--profilo generico --solo schede");
    char *cmd = xasprintf("pdftotext -layout '%s' - | grep -E '^ *[1-4] ' | grep -E 'prima|scadenza|dopo|date'", pdf);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    const char *rows[] = {"Iniziata l'anno prima", "Solo la scadenza", "Finisce l'anno dopo", "Senza date"};
    const int marks[] = {3, 1, 3, 0};
    const char *months[] = {"gen-mar", "set", "ott-dic", ""};
    for (int i = 0; i < 4; i++) {
        const char *line = strstr(r.out, rows[i]);
        cr_assert_not_null(line, "%s", r.out);
        const char *end = strchr(line, '\n');
        int x = 0;
        for (const char *q = line + strlen(rows[i]); q < end; q++)
            x += *q == 'X';
        cr_assert_eq(x, marks[i], "%s: %d months marked, %d expected (%s)", rows[i], x, marks[i], months[i]);
    }
    free(r.out);
    free(cmd);
    /* and where: in the page's text laid out, the X of "Solo la scadenza"
     * stands under "set" and those of "Iniziata l'anno prima" start under "gen" */
    cmd = xasprintf("pdftotext -layout '%s' -", pdf);
    r = run_shell(cmd);
    const char *head = strstr(r.out, " gen ");
    cr_assert_not_null(head);
    const char *head_line = head;
    while (head_line > r.out && head_line[-1] != '\n')
        head_line--;
    long set_col = strstr(head, " set ") - head_line + 1, gen_col = head - head_line + 1;
    const char *row = strstr(r.out, "Solo la scadenza"), *row_line = row;
    while (row_line > r.out && row_line[-1] != '\n')
        row_line--;
    long x_col = strchr(row, 'X') - row_line;
    cr_assert(labs(x_col - set_col) <= 3, "X at column %ld, set at %ld", x_col, set_col);
    row = strstr(r.out, "Iniziata l'anno prima");
    row_line = row;
    while (row_line > r.out && row_line[-1] != '\n')
        row_line--;
    x_col = strchr(row, 'X') - row_line;
    cr_assert(labs(x_col - gen_col) <= 3, "first X at column %ld, gen at %ld", x_col, gen_col);
    free(r.out);
    free(cmd);
    free(pdf);
    free(dir);
}
