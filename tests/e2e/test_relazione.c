/* The Relazione sulla Performance: the figures by hand on a small plan, the
 * band edges, missione numbers, the bar chart's geometry, the bands of the
 * layout file and the PDF itself.
 *
 * tests/fixtures/relazione-piano.json, year 2024 (R-05 is only in 2025):
 *   R-01  actions 50 × 100 % + 50 × 80 %          = 90,00 %  pesatura 40  band 1 (edge 90)
 *   R-02  actions 60 × 50 %  + 40 × 75 %          = 60,00 %  pesatura 20  band 2 (edge 60)
 *   R-03  action 100 × 30 %                       = 30,00 %  no pesatura  band 3
 *   R-04  no rilevazioni                          not scored, pesatura 30
 *   simple mean (90 + 60 + 30) / 3                = 60,00 %
 *   weighted (40 × 90 + 20 × 60) / (40 + 20)      = 4800 / 60 = 80,00 %
 *   people: Neri (100 % of w 50 s 100; 50 % of w 60 s 50)
 *             = (100·50·100 + 50·60·50) / (100·50 + 50·60) = 650000 / 8000 = 81,25 → band 2
 *           Gialli (50 % of) = 50,00 → band 3; Blu (R-04.1, not reported) no score. */
#include <math.h>

#include "esiti.h"
#include "fileio.h"
#include "fonts.h"
#include "layout.h"
#include "layout_file.h"
#include "persone.h"
#include "plan_load.h"
#include "raggiunto.h"
#include "relazione.h"
#include "run.h"
#include "sintesi.h"
#include "load.h"

static Plan plan;
static Rilevazioni ril;
static Esiti esiti;
static PersoneAnno people;
static Sintesi s;
static const double LIMITS[] = {90, 60, 0};

static void setup(void)
{
    DiagList d;
    diag_list_init(&d);
    load_plan_ok(SCHEDE_SOURCE_DIR "/tests/fixtures/relazione-piano.json", &plan);
    load_raggiunto_ok(SCHEDE_SOURCE_DIR "/tests/fixtures/relazione-raggiunto.json", CODIFICA_AUTO, &ril);
    esiti_compute(&plan, &ril, 2024, &esiti, &d);
    cr_assert_eq(d.errors, 0);
    persone_compute(&plan, &esiti, 2024, &people);
    sintesi_compute(&plan, &esiti, &people, LIMITS, 3, &s);
    diag_list_free(&d);
}

static void teardown(void)
{
    sintesi_free(&s);
    persone_free(&people);
    esiti_free(&esiti);
    raggiunto_free(&ril);
    plan_free(&plan);
}

TestSuite(sintesi, .init = setup, .fini = teardown);

#define EPS 1e-9

Test(sintesi, totals_and_means_by_hand)
{
    cr_assert_eq(s.anno, 2024);
    cr_assert_eq(s.totale.obiettivi, 4, "R-05 has no actions in 2024");
    cr_assert_eq(s.totale.valutati, 3, "R-04 has no rilevazioni");
    cr_assert(s.totale.has_media);
    cr_assert_float_eq(s.totale.media, 60.0, EPS);
    cr_assert(s.has_media_ponderata);
    cr_assert_eq(s.con_pesatura, 2, "R-03 has no pesatura, R-04 no result");
    cr_assert_float_eq(s.media_ponderata, 80.0, EPS);
    cr_assert_eq(s.totale.per_fascia[0], 1, "90 exactly is raggiunto");
    cr_assert_eq(s.totale.per_fascia[1], 1, "60 exactly is parzialmente raggiunto");
    cr_assert_eq(s.totale.per_fascia[2], 1);
    cr_assert_eq(s.azioni, 7);
    cr_assert_eq(s.azioni_rilevate, 5);
    cr_assert_eq(s.scostamenti, 6, "R-01.2 at 80, R-02.1, R-02.2, R-03.1, and R-04's two not reported");
}

static const Gruppo *group(TipoGruppo t, size_t i)
{
    cr_assert_lt(i, s.gruppi[t].n);
    return &s.gruppi[t].gruppi[i];
}

Test(sintesi, groups_by_dirigente_merge_spellings)
{
    cr_assert_eq(s.gruppi[GRUPPO_DIRIGENTE].n, 2, "«Rossi Mario» and «ROSSI  Mario» are one dirigente");
    const Gruppo *b = group(GRUPPO_DIRIGENTE, 0), *r = group(GRUPPO_DIRIGENTE, 1);
    cr_assert_str_eq(b->nome, "Bianchi Anna");
    cr_assert_eq(b->agg.obiettivi, 2);
    cr_assert_eq(b->agg.valutati, 1);
    cr_assert_float_eq(b->agg.media, 30.0, EPS);
    cr_assert_eq(b->agg.per_fascia[2], 1);
    cr_assert_str_eq(r->nome, "Rossi Mario", "a tie between spellings keeps the first met");
    cr_assert_eq(r->agg.obiettivi, 2);
    cr_assert_float_eq(r->agg.media, 75.0, EPS);
    cr_assert_eq(r->agg.per_fascia[0], 1);
    cr_assert_eq(r->agg.per_fascia[1], 1);
    cr_assert_eq(r->agg.per_fascia[2], 0);
}

Test(sintesi, groups_by_linea_ignore_accents_quotes_and_case)
{
    cr_assert_eq(s.gruppi[GRUPPO_LINEA_MANDATO].n, 2);
    const Gruppo *g = group(GRUPPO_LINEA_MANDATO, 0);
    cr_assert_str_eq(g->key, "ancora piu trasparenza");
    cr_assert_eq(g->agg.valutati, 2);
    cr_assert_float_eq(g->agg.media, 75.0, EPS);
    const Gruppo *none = group(GRUPPO_LINEA_MANDATO, 1);
    cr_assert_null(none->nome, "objectives without a linea come last, as «not given»");
    cr_assert_eq(none->agg.obiettivi, 2);
    cr_assert_eq(none->agg.valutati, 1);
}

Test(sintesi, groups_by_missione_count_each_missione_once)
{
    cr_assert_eq(s.gruppi[GRUPPO_MISSIONE].n, 3);
    const Gruppo *m1 = group(GRUPPO_MISSIONE, 0), *m12 = group(GRUPPO_MISSIONE, 1), *none = group(GRUPPO_MISSIONE, 2);
    cr_assert_str_eq(m1->nome, "01 \u2013 Servizi istituzionali, generali e di gestione");
    cr_assert_eq(m1->agg.obiettivi, 2, "R-02 names missione 1 twice: counted once");
    cr_assert_float_eq(m1->agg.media, 75.0, EPS);
    cr_assert_str_eq(m12->key, "#12");
    cr_assert_eq(m12->agg.obiettivi, 1);
    cr_assert_float_eq(m12->agg.media, 60.0, EPS);
    cr_assert_null(none->nome);
    cr_assert_eq(none->agg.obiettivi, 2);
}

Test(sintesi, people_in_the_same_bands)
{
    cr_assert_eq(s.persone, 3);
    cr_assert_eq(s.persone_valutate, 2, "Blu's only action is not reported");
    cr_assert_eq(s.persone_per_fascia[0], 0);
    cr_assert_eq(s.persone_per_fascia[1], 1, "Neri 81,25");
    cr_assert_eq(s.persone_per_fascia[2], 1, "Gialli 50,00");
}

Test(sintesi_unit, band_edges_compare_as_printed)
{
    cr_assert_eq(sintesi_fascia(LIMITS, 3, 100), 0);
    cr_assert_eq(sintesi_fascia(LIMITS, 3, 90), 0);
    cr_assert_eq(sintesi_fascia(LIMITS, 3, 89.996), 0, "printed 90,00 %%");
    cr_assert_eq(sintesi_fascia(LIMITS, 3, 89.994), 1, "printed 89,99 %%");
    cr_assert_eq(sintesi_fascia(LIMITS, 3, 60), 1);
    cr_assert_eq(sintesi_fascia(LIMITS, 3, 59.99), 2);
    cr_assert_eq(sintesi_fascia(LIMITS, 3, 0), 2);
    cr_assert_eq(sintesi_fascia(LIMITS, 3, -5), 2, "below the last limit: the last band");
}

Test(sintesi_unit, without_results_nothing_is_scored)
{
    Plan p;
    load_plan_ok(SCHEDE_SOURCE_DIR "/tests/fixtures/relazione-piano.json", &p);
    Sintesi x;
    sintesi_compute(&p, NULL, NULL, LIMITS, 3, &x);
    cr_assert_eq(x.totale.obiettivi, 4);
    cr_assert_eq(x.totale.valutati, 0);
    cr_assert_not(x.totale.has_media);
    cr_assert_not(x.has_media_ponderata);
    cr_assert_eq(x.scostamenti, 7, "every action is not reported");
    sintesi_free(&x);
    plan_free(&p);
}

static void check_missione(const char *text, const char *key, const char *nome)
{
    char *k, *n;
    sintesi_missione(text, &k, &n);
    cr_assert_str_eq(k, key, "«%s»", text);
    if (nome)
        cr_assert_str_eq(n, nome, "«%s»", text);
    free(k);
    free(n);
}

Test(sintesi_unit, missione_numbers_of_the_budget_schema)
{
    check_missione("n. 1 Servizi istituzionali generali e di gestione", "#01",
                   "01 \u2013 Servizi istituzionali, generali e di gestione");
    check_missione("01 \u2013 Servizi istituzionali", "#01", NULL);
    check_missione("1", "#01", NULL);
    check_missione("N. 12 Diritti sociali", "#12", "12 \u2013 Diritti sociali, politiche sociali e famiglia");
    check_missione("Missione 8", "#08", NULL);
    check_missione("03 Ordine Pubblico e Sicurezza", "#03", NULL);
    check_missione("99", "#99", "99 \u2013 Servizi per conto terzi");
    /* Not missione numbers: kept as written, grouped by their text. */
    check_missione("21", "21", "21");
    check_missione("1.2 Programma", "1 2 programma", "1.2 Programma");
    check_missione("Ambito Territoriale DSS 19", "ambito territoriale dss 19", "Ambito Territoriale DSS 19");
}

/* ---- the chart ------------------------------------------------------------------------- */

static FontSet fonts;

static void load_fonts(void) { test_fonts_load(&fonts); }

static void free_fonts(void) { fontset_free(&fonts); }

TestSuite(chart, .init = load_fonts, .fini = free_fonts);

static bool same_color(Color a, Color b) { return fabsf(a.r - b.r) < 1e-6f && fabsf(a.g - b.g) < 1e-6f && fabsf(a.b - b.b) < 1e-6f; }

/* The filled, unframed rectangles of a colour, left to right as drawn. */
static size_t bars_of(const DisplayPage *p, Color c, const DisplayOp **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_ops && n < max; i++) {
        const DisplayOp *op = &p->ops[i];
        if (op->kind == OP_RECT && op->fill && !op->outline && same_color(op->color, c))
            out[n++] = op;
    }
    return n;
}

static PageSpec a4(void)
{
    PageSpec spec = {595.28, 841.89, 50, 50, 40, 40, 0.5, {0, 0, 0}, 3, 8, 0, {0}};
    spec.furniture = (CellStyle){STYLE_REGULAR, 7, 1.2, ALIGN_LEFT, VALIGN_TOP, {0, 0, 0}, false, {0, 0, 0}, TEXT_BODY};
    return spec;
}

Test(chart, bars_are_proportional_to_the_values_and_sit_on_the_axis)
{
    PageSpec spec = a4();
    Layout *l = layout_new(&spec, &fonts);
    Color green = {0, 0.5f, 0}, red = {0.7f, 0, 0}, ink = {0, 0, 0}, grid = {0.8f, 0.8f, 0.8f};
    ChartBar bars[] = {{100, green}, {50, green}, {25, red}, {0, red}, {130, green}};
    ChartLine lines[] = {{90, "90,00 %", ink}, {60, "60,00 %", ink}};
    ChartTick ticks[] = {{0, "0 %"}, {50, "50 %"}, {100, "100 %"}};
    CellStyle text = {STYLE_REGULAR, 8, 1.25, ALIGN_LEFT, VALIGN_TOP, ink, false, {0, 0, 0}, TEXT_BODY};
    BarChart ch = {bars, 5, lines, 2, ticks, 3, 100, 200, text, ink, grid, "cinque barre"};
    layout_bar_chart(l, &ch);
    const DisplayPage *p = &layout_pages(l)->pages[0];
    const DisplayOp *g[8], *r[8];
    cr_assert_eq(bars_of(p, green, g, 8), 3);
    cr_assert_eq(bars_of(p, red, r, 8), 1, "a bar of 0 draws nothing");
    /* The plot is the chart's height less one line of labels (half above, half below). */
    double plot_h = 200 - 8 * 1.25;
    cr_assert_float_eq(g[0]->h, plot_h, 1e-3, "100 %% fills the plot");
    cr_assert_float_eq(g[1]->h, plot_h / 2, 1e-3, "50 %% is half of it");
    cr_assert_float_eq(r[0]->h, plot_h / 4, 1e-3, "25 %% a quarter");
    cr_assert_float_eq(g[2]->h, plot_h, 1e-3, "above the top: drawn up to the top");
    double bottom = 50 + 200 - 8 * 1.25 / 2;
    for (int i = 0; i < 3; i++)
        cr_assert_float_eq(g[i]->y + g[i]->h, bottom, 1e-3, "every bar stands on the axis");
    cr_assert_gt(g[1]->x, g[0]->x, "in the order given");
    cr_assert_float_eq(g[0]->w, g[1]->w, 1e-6);
    /* The limit lines at 90 % and 60 % of the plot's height, across it. */
    int found = 0;
    for (size_t i = 0; i < p->n_ops; i++) {
        const DisplayOp *op = &p->ops[i];
        if (op->kind == OP_LINE && op->h == 0 && fabsf(op->line_width - 0.9f) < 1e-6f) {
            double v = (bottom - op->y) / plot_h * 100;
            cr_assert(fabs(v - 90) < 1e-3 || fabs(v - 60) < 1e-3, "a limit line at %g %%", v);
            found++;
        }
    }
    cr_assert_eq(found, 2);
    layout_free(l);
}

Test(chart, moves_to_a_new_page_when_it_does_not_fit)
{
    PageSpec spec = a4();
    Layout *l = layout_new(&spec, &fonts);
    layout_space(l, 600);
    Color c = {0, 0, 1}, ink = {0, 0, 0};
    ChartBar bars[] = {{50, c}};
    CellStyle text = {STYLE_REGULAR, 8, 1.25, ALIGN_LEFT, VALIGN_TOP, ink, false, {0, 0, 0}, TEXT_BODY};
    BarChart ch = {bars, 1, NULL, 0, NULL, 0, 100, 200, text, ink, ink, "una barra"};
    layout_bar_chart(l, &ch);
    cr_assert_eq(layout_pages(l)->n_pages, 2);
    const DisplayOp *b[2];
    cr_assert_eq(bars_of(&layout_pages(l)->pages[1], c, b, 2), 1);
    layout_free(l);
}

/* ---- the document from the display list ---------------------------------------------------- */

Test(sintesi, relazione_chart_bars_are_the_objectives_results)
{
    LayoutSpec spec;
    DiagList d;
    diag_list_init(&d);
    cr_assert(layout_spec_load(SCHEDE_SOURCE_DIR "/layouts", "relazione", SCHEDE_SOURCE_DIR "/fonts", &RELAZIONE_NEEDS,
                               &spec, &d));
    cr_assert_eq(spec.n_bands, 3);
    FontSet f;
    const char *bad, *why;
    cr_assert(fontset_load(&f, (const char *const *)spec.font_paths, &bad, &why));
    Sintesi x;
    relazione_sintesi(&plan, &esiti, &people, &spec, &x);
    DisplayDoc doc = relazione_build(&plan, &esiti, &x, NULL, &spec, &f, 0);
    /* Page 3 is the sintesi (cover, index): one bar per band colour. */
    cr_assert_gt(doc.n_pages, 3);
    const DisplayPage *p = &doc.pages[2];
    const DisplayOp *b0[4], *b1[4], *b2[4];
    cr_assert_eq(bars_of(p, spec.bands[0].colore, b0, 4), 1);
    cr_assert_eq(bars_of(p, spec.bands[1].colore, b1, 4), 1);
    cr_assert_eq(bars_of(p, spec.bands[2].colore, b2, 4), 1);
    cr_assert_float_eq(b0[0]->h / b2[0]->h, 3.0, 1e-4, "90 %% against 30 %%");
    cr_assert_float_eq(b1[0]->h / b2[0]->h, 2.0, 1e-4, "60 %% against 30 %%");
    cr_assert_lt(b0[0]->x, b1[0]->x, "sorted from the highest");
    cr_assert_lt(b1[0]->x, b2[0]->x);
    display_free(&doc);
    sintesi_free(&x);
    fontset_free(&f);
    layout_spec_free(&spec);
    diag_list_free(&d);
}

/* ---- the bands of the layout file ---------------------------------------------------------- */

/* layouts/relazione.json with its "fasce" replaced, in $T/fasce; then
 * the relazione of the fixture with it. */
static Run layout_with_bands(const char *bands_json)
{
    size_t len;
    const char *why;
    char *text = file_read_all(SCHEDE_SOURCE_DIR "/layouts/relazione.json", &len, &why);
    cr_assert_not_null(text);
    char *start = strstr(text, "\"fasce\": [");
    cr_assert_not_null(start);
    char *end = strstr(start, "\n  ],");
    cr_assert_not_null(end);
    Run r = run_shell("rm -rf $T/fasce && mkdir -p $T/fasce && "
                      "cp layouts/scheda.json layouts/persona.json $T/fasce/");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    FILE *f = fopen(tpath("$T/fasce/relazione.json"), "w");
    cr_assert_not_null(f);
    fprintf(f, "%.*s\"fasce\": %s,%s", (int)(start - text), text, bands_json, end + strlen("\n  ],"));
    fclose(f);
    free(text);
    return run("stampa tests/fixtures/relazione-piano.json --raggiunto tests/fixtures/relazione-raggiunto.json "
               "--solo relazione --layout $T/fasce --out $T/fasce/out");
}

Test(relazione_cli, bands_out_of_order_or_not_from_zero_are_errors, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = layout_with_bands("[{\"da\":60,\"etichetta\":\"a\",\"colore\":\"#000000\"},"
                              "{\"da\":90,\"etichetta\":\"b\",\"colore\":\"#000000\"},"
                              "{\"da\":0,\"etichetta\":\"c\",\"colore\":\"#000000\"}]");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "$.fasce[1]: le fasce vanno dalla più alta alla più bassa");
    free(r.out);
    r = layout_with_bands("[{\"da\":90,\"etichetta\":\"a\",\"colore\":\"verde\"},{\"da\":10,\"etichetta\":\"b\",\"colore\":\"#000000\"}]");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "$.fasce[0].colore: colore «verde» non valido");
    free(r.out);
    r = layout_with_bands("[{\"da\":90,\"etichetta\":\"a\",\"colore\":\"#000000\"},{\"da\":10,\"etichetta\":\"b\",\"colore\":\"#000000\"}]");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "$.fasce[1]: l'ultima fascia deve partire da 0");
    cr_assert_null(strstr(r.out, "scritto /"), "no document written");
    expect_contains(&r, "nessun documento scritto");
    free(r.out);
    r = layout_with_bands("[{\"da\":75,\"etichetta\":\"Alto\",\"colore\":\"#00AA00\"},{\"da\":0,\"etichetta\":\"Basso\",\"colore\":\"#AA0000\"}]");
    cr_assert_eq(r.status, 0, "two bands are allowed: %s", r.out);
    free(r.out);
    r = run_shell("pdftotext -raw $T/fasce/out/relazione.pdf - 2>/dev/null");
    expect_contains(&r, "Alto ≥ 75,00 % 1 33,33 %");
    expect_contains(&r, "Basso < 75,00 % 2 66,67 %");
    free(r.out);
}

/* ---- the PDF ----------------------------------------------------------------------------- */

Test(relazione_cli, relazione_pdf_text_bookmarks_and_open_data, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run_shell("rm -rf $T/rel && '" SCHEDE_EXE "' stampa tests/fixtures/relazione-piano.json --raggiunto "
                      "tests/fixtures/relazione-raggiunto.json --solo relazione --dati-aperti --out $T/rel && "
                      "ls $T/rel");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "relazione.pdf");
    expect_contains(&r, "relazione.csv");
    cr_assert_null(strstr(r.out, "schede.pdf"), "--solo relazione");
    cr_assert_null(strstr(r.out, ".tmp"), "no temporary file left");
    free(r.out);
    r = run_shell("pdftotext -raw $T/rel/relazione.pdf - 2>/dev/null");
    expect_contains(&r, "Relazione sulla Performance\nanno 2024");
    expect_contains(&r, "1. Sintesi dei risultati 3");
    expect_contains(&r, "Obiettivi gestionali dell'anno 4");
    expect_contains(&r, "Obiettivi valutati 3");
    expect_contains(&r, "Obiettivi non ancora valutati (nessuna azione rilevata) 1");
    expect_contains(&r, "Azioni dell'anno: rilevate / totali 5 / 7");
    expect_contains(&r, "Media semplice dei risultati degli obiettivi valutati 60,00 %");
    expect_contains(&r, "obiettivi (somma dei quattro criteri) 80,00 %\nsu 2 obiettivi valutati con pesatura; 1");
    expect_contains(&r, "Raggiunto ≥ 90,00 % 1 33,33 %");
    expect_contains(&r, "Parzialmente raggiunto ≥ 60,00 % e < 90,00 % 1 33,33 %");
    expect_contains(&r, "Non raggiunto < 60,00 % 1 33,33 %");
    /* By group. */
    expect_contains(&r, "Bianchi Anna 2 1 30,00 % 0 0 1");
    expect_contains(&r, "Rossi Mario 2 2 75,00 % 1 1 0");
    expect_contains(&r, "01 – Servizi istituzionali, generali e di\ngestione\n2 2 75,00 % 1 1 0");
    expect_contains(&r, "non indicato nel Piano 2 1 30,00 % 0 0 1");
    /* Detail: weights and % of each action, the objective's %, the esito in words. */
    expect_contains(&r, "1 · peso 50 · 100,00 %\n2 · peso 50 · 80,00 %");
    expect_contains(&r, "90,00 % Raggiunto");
    expect_contains(&r, "60,00 % Parzialmente");
    expect_contains(&r, "30,00 % Non raggiunto");
    expect_contains(&r, "1 · peso 50 · non rilevata");
    /* Scostamenti, with graduazione, raggiunto and nota. */
    expect_contains(&r, "R-01 – azione 2");
    expect_contains(&r, "Fatto in parte 80,00 % Ritardo del fornitore");
    expect_contains(&r, "Personale ridotto");
    expect_contains(&r, "R-04 – azione 1");
    /* Personale: counts and bands, no names. */
    expect_contains(&r, "Persone che partecipano alle azioni dell'anno 3");
    expect_contains(&r, "Persone con punteggio 2");
    cr_assert_null(strstr(r.out, "Neri"), "the published document names nobody");
    cr_assert_null(strstr(r.out, "Gialli"));
    expect_contains(&r, "Pag. 1 di ");
    free(r.out);
    /* Page count and "Pag. X di Y" agree. */
    r = run_shell("n=$(pdfinfo $T/rel/relazione.pdf | awk '/^Pages:/{print $2}'); "
                  "pdftotext -raw -f $n -l $n $T/rel/relazione.pdf - 2>/dev/null | grep -c \"Pag. $n di $n\"");
    cr_assert_eq(atoi(r.out), 1, "%s", r.out);
    free(r.out);
    /* Bookmarks: index, 5 sections, 4 group subsections, 4 objectives. */
    r = run_shell("qpdf --json --json-key=outlines $T/rel/relazione.pdf | grep -c '\"title\"'");
    cr_assert_eq(atoi(r.out), 14, "%s", r.out);
    free(r.out);
    r = run_shell("pdfinfo $T/rel/relazione.pdf | grep -E '^(Title|Author|Subject):'");
    expect_contains(&r, "Relazione sulla Performance – anno 2024");
    expect_contains(&r, "Comune di Prova");
    free(r.out);
    /* The open data are the figures of `schede esiti --formato csv`. */
    r = run_shell("'" SCHEDE_EXE "' esiti tests/fixtures/relazione-piano.json --raggiunto "
                  "tests/fixtures/relazione-raggiunto.json --formato csv | cmp - $T/rel/relazione.csv && echo uguali");
    expect_contains(&r, "uguali");
    free(r.out);
}

Test(relazione_cli, needs_the_results)
{
    Run u = run("stampa tests/fixtures/relazione-piano.json --solo relazioni --out $T/rel-x");
    cr_assert_eq(u.status, 2, "%s", u.out);
    expect_contains(&u, "--solo «relazioni» non va bene: --solo vuole schede, persone, relazione, premi o monitoraggio, "
                            "per esempio --solo schede");
    free(u.out);
    Run r = run("stampa tests/fixtures/relazione-piano.json --solo relazione --out $T/rel-x");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "indicare le rilevazioni con --raggiunto FILE");
    free(r.out);
    r = run("stampa tests/fixtures/relazione-piano.json --solo schede --dati-aperti --raggiunto "
            "tests/fixtures/relazione-raggiunto.json --out $T/rel-x");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "--dati-aperti accompagna la Relazione");
    free(r.out);
    r = run_shell("rm -rf $T/rel-y && '" SCHEDE_EXE "' stampa tests/fixtures/relazione-piano.json --out "
                  "$T/rel-y && ls $T/rel-y");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "relazione.pdf non scritto: servono le rilevazioni dell'anno, e non ce ne sono (--raggiunto FILE)");
    cr_assert_null(strstr(r.out, "relazione.pdf\n"), "no relazione without results");
    free(r.out);
    r = run_shell("rm -rf $T/rel-z && '" SCHEDE_EXE "' stampa tests/fixtures/relazione-piano.json --raggiunto "
                  "tests/fixtures/relazione-raggiunto.json --out $T/rel-z && ls $T/rel-z");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "persone.pdf\nrelazione.pdf\nschede.pdf");
    free(r.out);
}
