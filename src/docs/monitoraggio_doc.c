#include "monitoraggio_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "doc_front.h"
#include "layout.h"
#include "rules.h"
#include "text.h"

/* ---- what the layout file provides --------------------------------------------------- */

static const char *const LABELS[] = {
    "titolo_documento", "intestazione_centro", "pie_di_pagina", "numero_pagina", "copertina_titolo",
    "copertina_anno", "copertina_sottotitolo", "copertina_data", "indice_titolo", "indice_sezione", "indice_pagina",
    "sezione_numero", "sezione_sintesi", "sezione_cronoprogramma", "sezione_obiettivi", "sezione_criticita",
    "sintesi_testo", "col_stato", "col_azioni", "col_quota", "totale", "grafico_titolo", "grafico_alternativo",
    "critici_titolo", "critici_nessuno", "col_codice", "col_obiettivo", "col_dirigente", "col_scadute",
    "col_a_rischio", "cronoprogramma_testo", "cronoprogramma_stato", "cronoprogramma_oggi",
    "cronoprogramma_alternativo", "cronoprogramma_alternativo_lungo", "cronoprogramma_segue",
    "cronoprogramma_nessuna", "senza_scadenza_titolo", "mesi", "col_n", "col_azione", "col_scadenza",
    "col_avanzamento", "col_atteso", "col_nota", "conclusa_il", "nei_tempi", "in_ritardo", "criticita_testo",
    "criticita_nessuna", "col_criticita", "col_proposta", "stato_conclusa", "stato_scaduta", "stato_a_rischio",
    "stato_in_corso", "stato_senza_informazioni", NULL};
static const char *const STYLES[] = {
    "testo", "numero", "importo", "totale", "nota", "etichetta", "intestazione", "titolo_sezione",
    "titolo_sottosezione", "pagina", "copertina_titolo", "copertina_testo", "copertina_nota", "grafico",
    "gantt_testo", "gantt_gruppo", "gantt_intestazione", "stato_conclusa", "stato_scaduta", "stato_a_rischio",
    "stato_in_corso", "stato_senza_informazioni", NULL};
static const char *const COLUMN_SETS[] = {"indice", "stati", "critici", "azioni", "senza_scadenza", "criticita", NULL};
static const size_t COLUMN_COUNTS[] = {2, 3, 5, 7, 4, 5};
static const char *const NUMBERS[] = {"margine_a_rischio", "altezza_grafico", "lunghezza_azione",
                                      "lunghezza_descrizione", "lunghezza_etichetta", "colonna_etichetta",
                                      "colonna_stato", "riga_cronoprogramma", "spazio_sotto_titolo", NULL};
static const char *const SECTIONS[] = {"sintesi", "cronoprogramma", "obiettivi", "criticita", NULL};

/* The indicators at the date (docs/formato.md §4) came after the first layout files: a copy made
 * before keeps working with these texts and widths. */
static const char *const LABEL_DEFAULTS[] = {
    "indicatori_titolo", "Indicatori al {al}",
    "indicatori_testo", "Gli indicatori con un target nel {anno}: l'ultimo valore noto al {al}, la percentuale "
                        "raggiunta finora secondo la regola dell'indicatore e la parte dell'anno trascorsa (atteso); "
                        "un indicatore è a rischio quando la percentuale è sotto l'atteso di più di {margine} punti.",
    "col_indicatore", "Indicatore",
    "col_target", "Target {anno}",
    "col_valore", "Ultimo valore",
    "col_data_valore", "Rilevato il",
    "col_percentuale", "% finora",
    "indicatore_in_linea", "in linea",
    "indicatore_a_rischio", "a rischio",
    "indicatore_senza_valori", "senza valori",
    NULL};
static const ColumnsDefault COLUMN_DEFAULTS[] = {{"indicatori", 9, {9, 4, 27, 9, 11, 9, 9, 9, 13}}, {NULL, 0, {0}}};

const LayoutNeeds MONITORAGGIO_NEEDS = {LABELS, STYLES, COLUMN_SETS, COLUMN_COUNTS, NUMBERS, SECTIONS, false,
                                        LABEL_DEFAULTS, COLUMN_DEFAULTS, NULL};

/* A PDF/A-1 string ends at 65,535 bytes: a longer alternate text is summarised. */
#define ALT_MAX 60000

double monitoraggio_margine(const LayoutSpec *spec) { return spec_number(spec, "margine_a_rischio"); }

/* ---- context -------------------------------------------------------------------------- */

typedef struct {
    const Plan *plan;
    const Monitoraggio *m;
    const LayoutSpec *spec;
    Layout *layout;
    Toc toc;
    int section_number;
    char *obiettivi_title; /* section 3's numbered title, for the chart's long alt text */
} Ctx;

static const CellStyle *style(const Ctx *c, const char *n) { return spec_style(c->spec, n); }
static const char *label(const Ctx *c, const char *k) { return spec_label(c->spec, k); }

static const char *const STATE_KEYS[MON_COUNT] = {"stato_conclusa", "stato_scaduta", "stato_a_rischio",
                                                  "stato_in_corso", "stato_senza_informazioni"};

static const char *state_label(const Ctx *c, StatoMonitoraggio s) { return label(c, STATE_KEYS[s]); }
static Color state_color(const Ctx *c, StatoMonitoraggio s) { return style(c, STATE_KEYS[s])->color; }

static char *expand_with(const Ctx *c, const char *tpl, const char *name, const char *value)
{
    char anno[16], al[11], margine[32], azioni[32];
    snprintf(anno, sizeof anno, "%d", c->m->anno);
    date_format_it(c->m->al, al);
    text_format_number(margine, sizeof margine, c->m->margine);
    snprintf(azioni, sizeof azioni, "%zu", c->m->azioni);
    char *triennio = doc_triennio(c->plan->triennio);
    const char *names[] = {"ente", "anno", "al", "triennio", "margine", "azioni", name ? name : "-", NULL};
    const char *values[] = {c->plan->ente ? c->plan->ente : "", anno, al, triennio, margine, azioni,
                            value ? value : ""};
    char *out = doc_expand(tpl, names, values);
    free(triennio);
    return out;
}

static char *expand(const Ctx *c, const char *tpl) { return expand_with(c, tpl, NULL, NULL); }

/* The front matter's labels, through the same placeholders. */
static char *expand_for_front(const void *c, const char *tpl, const char *name, const char *value)
{
    return expand_with(c, tpl, name, value);
}

static void paragraph(const Ctx *c, const char *text, const char *style_name)
{
    TextRun run = {style(c, style_name)->font, text};
    layout_paragraph(c->layout, &run, 1, style(c, style_name));
}

static char *start_section(Ctx *c, const char *title_key)
{
    char *centre = expand(c, label(c, "intestazione_centro"));
    char *title = doc_section(c->layout, c->spec, &c->toc, ++c->section_number, label(c, title_key), c->plan->ente,
                              centre);
    free(centre);
    return title;
}

static void count_cell(LayoutTable *t, const Ctx *c, size_t n, const char *st)
{
    char v[32];
    snprintf(v, sizeof v, "%zu", n);
    ltable_cell(t, v, 1, style(c, st));
}

/* "SG-01 – Prevenzione della corruzione…" */
static char *objective_title(const Ctx *c, const Obiettivo *o, const char *length_key)
{
    char *d = doc_shorten(o->descrizione ? o->descrizione : "", (size_t)spec_number(c->spec, length_key));
    char *t = xasprintf("%s \u2013 %s", o->codice ? o->codice : "?", d);
    free(d);
    return t;
}

/* ---- 1. sintesi ------------------------------------------------------------------------------ */

/* The actions by state: count and share of the whole. */
static void states_table(Ctx *c)
{
    const Monitoraggio *m = c->m;
    static const char *const heads[] = {"col_stato", "col_azioni", "col_quota", NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "stati", heads);
    for (int s = 0; s < MON_COUNT; s++) {
        char share[48];
        rule_format_percent(share, sizeof share, m->azioni ? 100.0 * (double)m->conteggi[s] / (double)m->azioni : 0);
        ltable_row(t, 0);
        ltable_cell_marker(t, state_color(c, (StatoMonitoraggio)s), state_label(c, (StatoMonitoraggio)s), 1,
                           style(c, "testo"));
        count_cell(t, c, m->conteggi[s], "numero");
        ltable_cell(t, share, 1, style(c, "importo"));
    }
    CellStyle right = *style(c, "etichetta");
    right.align = ALIGN_RIGHT;
    ltable_row(t, 0);
    ltable_cell(t, label(c, "totale"), 1, &right);
    count_cell(t, c, m->azioni, "numero");
    ltable_cell(t, m->azioni ? "100,00\u00a0%" : "", 1, style(c, "totale"));
    layout_table(c->layout, t);
    ltable_free(t);
}

/* The same counts as bars, with their names under the chart. */
static void states_chart(Ctx *c)
{
    const Monitoraggio *m = c->m;
    doc_subsection(c->layout, c->spec, &c->toc, label(c, "grafico_titolo"));
    ChartBar bars[MON_COUNT];
    size_t max = 1;
    StrBuf values = {0};
    for (int s = 0; s < MON_COUNT; s++) {
        bars[s] = (ChartBar){(double)m->conteggi[s], state_color(c, (StatoMonitoraggio)s)};
        max = m->conteggi[s] > max ? m->conteggi[s] : max;
        strbuf_printf(&values, "%s%s %zu", s ? "; " : "", state_label(c, (StatoMonitoraggio)s), m->conteggi[s]);
    }
    char *alt = expand_with(c, label(c, "grafico_alternativo"), "valori", values.data);
    char tick_text[3][32];
    ChartTick ticks[3];
    for (int i = 0; i < 3; i++) {
        size_t v = max * (size_t)i / 2;
        snprintf(tick_text[i], sizeof tick_text[i], "%zu", v);
        ticks[i] = (ChartTick){(double)v, tick_text[i]};
    }
    BarChart chart = {.bars = bars,
                      .n_bars = MON_COUNT,
                      .ticks = ticks,
                      .n_ticks = 3,
                      .max = (double)max,
                      .height = spec_number(c->spec, "altezza_grafico"),
                      .text = *style(c, "grafico"),
                      .axis = style(c, "testo")->color,
                      .grid = style(c, "grafico")->fill,
                      .alt = alt};
    layout_bar_chart(c->layout, &chart);
    /* the bars' names under the chart, in their order (colour is never the only sign) */
    double w[MON_COUNT];
    for (int s = 0; s < MON_COUNT; s++)
        w[s] = 1;
    LayoutTable *t = ltable_new(w, MON_COUNT);
    ltable_row(t, 0);
    for (int s = 0; s < MON_COUNT; s++) {
        char *cell = xasprintf("%s: %zu", state_label(c, (StatoMonitoraggio)s), m->conteggi[s]);
        ltable_cell_marker(t, state_color(c, (StatoMonitoraggio)s), cell, 1, style(c, "testo"));
        free(cell);
    }
    layout_table(c->layout, t);
    ltable_free(t);
    free(alt);
    strbuf_free(&values);
}

/* The objectives with actions scaduta or a rischio. */
static void critical_objectives(Ctx *c)
{
    const Monitoraggio *m = c->m;
    doc_subsection(c->layout, c->spec, &c->toc, label(c, "critici_titolo"));
    static const char *const cheads[] = {"col_codice", "col_obiettivo", "col_dirigente", "col_scadute",
                                         "col_a_rischio", NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "critici", cheads);
    size_t rows = 0;
    for (size_t i = 0; i < m->n; i++) {
        const ObiettivoMonitorato *om = &m->obiettivi[i];
        if (om->conteggi[MON_SCADUTA] + om->conteggi[MON_A_RISCHIO] == 0)
            continue;
        char *d = doc_shorten(om->obiettivo->descrizione ? om->obiettivo->descrizione : "",
                              (size_t)spec_number(c->spec, "lunghezza_descrizione"));
        ltable_row(t, 0);
        ltable_cell(t, om->obiettivo->codice, 1, style(c, "testo"));
        ltable_cell(t, d, 1, style(c, "testo"));
        ltable_cell(t, om->obiettivo->dirigente ? om->obiettivo->dirigente : "", 1, style(c, "testo"));
        count_cell(t, c, om->conteggi[MON_SCADUTA], "numero");
        count_cell(t, c, om->conteggi[MON_A_RISCHIO], "numero");
        free(d);
        rows++;
    }
    if (rows > 0)
        layout_table(c->layout, t);
    else
        paragraph(c, label(c, "critici_nessuno"), "testo");
    ltable_free(t);
}

static void build_sintesi(Ctx *c)
{
    char *title = start_section(c, "sezione_sintesi");
    char *text = expand(c, label(c, "sintesi_testo"));
    paragraph(c, text, "testo");
    free(text);
    layout_space(c->layout, 4);
    states_table(c);
    states_chart(c);
    critical_objectives(c);
    free(title);
}

/* ---- 2. cronoprogramma ------------------------------------------------------------------------------ */

/* Where a date falls on the year's axis: 0 = 1 January, 1 = the end of 31 December. */
static double year_pos(Date d, int anno, double offset_days)
{
    long start = date_to_days((Date){anno, 1, 1}), end = date_to_days((Date){anno + 1, 1, 1});
    return ((double)(date_to_days(d) - start) + offset_days) / (double)(end - start);
}

/* The chart's rows: per objective with dated actions, its title and one bar
 * per action from its start to its scadenza, coloured by its state, with a
 * mark at its completion. The text alternative lists the same rows. */
typedef struct {
    GanttRow *rows;
    char **owned; /* the labels, freed with the rows */
    size_t n_rows, drawn, undrawn;
    StrBuf alt_rows;
} GanttRows;

static void gantt_rows(Ctx *c, GanttRows *g)
{
    const Monitoraggio *m = c->m;
    memset(g, 0, sizeof *g);
    g->rows = xcalloc(m->azioni + m->n + 1, sizeof *g->rows);
    g->owned = xcalloc(m->azioni + m->n + 1, sizeof *g->owned);
    for (size_t i = 0; i < m->n; i++) {
        const ObiettivoMonitorato *om = &m->obiettivi[i];
        size_t with_date = 0;
        for (size_t k = 0; k < om->n; k++)
            with_date += om->azioni[k].azione->has_scadenza;
        g->undrawn += om->n - with_date;
        if (with_date == 0)
            continue;
        g->owned[g->n_rows] = objective_title(c, om->obiettivo, "lunghezza_etichetta");
        g->rows[g->n_rows] = (GanttRow){.label = g->owned[g->n_rows], .group = true};
        g->n_rows++;
        for (size_t k = 0; k < om->n; k++) {
            const AzioneMonitorata *a = &om->azioni[k];
            if (!a->azione->has_scadenza)
                continue;
            char *az = doc_shorten(a->azione->azione ? a->azione->azione : "",
                                   (size_t)spec_number(c->spec, "lunghezza_etichetta"));
            g->owned[g->n_rows] = xasprintf("%d. %s", a->azione->n, az);
            free(az);
            GanttRow *r = &g->rows[g->n_rows];
            r->label = g->owned[g->n_rows++];
            r->has_bar = true;
            r->from = year_pos(a->inizio, m->anno, 0);
            r->to = year_pos(a->azione->scadenza, m->anno, 1);
            r->color = state_color(c, a->stato);
            r->right = state_label(c, a->stato);
            r->has_mark = a->has_conclusione;
            if (a->has_conclusione)
                r->mark = year_pos(a->conclusione, m->anno, 0.5);
            char sc[11];
            date_format_it(a->azione->scadenza, sc);
            strbuf_printf(&g->alt_rows, "%s%s azione %d, scadenza %s, %s", g->drawn ? "; " : "",
                          om->obiettivo->codice, a->azione->n, sc, state_label(c, a->stato));
            g->drawn++;
        }
    }
}

static void gantt_rows_free(GanttRows *g)
{
    for (size_t i = 0; i < g->n_rows; i++)
        free(g->owned[i]);
    free(g->owned);
    free(g->rows);
    strbuf_free(&g->alt_rows);
}

/* The chart's text alternative: every row, or where to read them when
 * that would be too long for one (ALT_MAX). */
static char *gantt_alt(Ctx *c, const GanttRows *g)
{
    char count[32];
    snprintf(count, sizeof count, "%zu", g->drawn);
    char *alt = expand_with(c, label(c, "cronoprogramma_alternativo"), "righe", g->alt_rows.data);
    char *n_alt = doc_expand(alt, (const char *const[]){"n", NULL}, (const char *const[]){count});
    free(alt);
    if (strlen(n_alt) > ALT_MAX) {
        free(n_alt);
        alt = expand_with(c, label(c, "cronoprogramma_alternativo_lungo"), "sezione",
                          c->obiettivi_title ? c->obiettivi_title : "");
        n_alt = doc_expand(alt, (const char *const[]){"n", NULL}, (const char *const[]){count});
        free(alt);
    }
    return n_alt;
}

static void draw_gantt(Ctx *c, const GanttRows *rows)
{
    const Monitoraggio *m = c->m;
    char *n_alt = gantt_alt(c, rows);
    /* the month headings: "gen feb …" from the layout file */
    char *months = xstrdup(label(c, "mesi"));
    const char *cols[12];
    size_t n_cols = 0;
    for (char *save = NULL, *tok = strtok_r(months, " ", &save); tok && n_cols < 12; tok = strtok_r(NULL, " ", &save))
        cols[n_cols++] = tok;
    char *line_label = expand(c, label(c, "cronoprogramma_oggi"));
    GanttChart g = {.rows = rows->rows,
                    .n_rows = rows->n_rows,
                    .columns = cols,
                    .n_columns = n_cols,
                    .right_heading = label(c, "cronoprogramma_stato"),
                    .label_share = spec_number(c->spec, "colonna_etichetta"),
                    .right_share = spec_number(c->spec, "colonna_stato"),
                    .row_height = spec_number(c->spec, "riga_cronoprogramma"),
                    .has_line = m->al.year == m->anno,
                    .line = year_pos(m->al, m->anno, 0.5),
                    .line_label = line_label,
                    .text = *style(c, "gantt_testo"),
                    .group = *style(c, "gantt_gruppo"),
                    .heading = *style(c, "gantt_intestazione"),
                    .grid = style(c, "grafico")->fill,
                    .line_color = style(c, "stato_scaduta")->color,
                    .mark_color = style(c, "testo")->color,
                    .alt = n_alt,
                    .alt_continued = label(c, "cronoprogramma_segue")};
    layout_gantt(c->layout, &g);
    free(line_label);
    free(months);
    free(n_alt);
}

/* The actions without a scadenza, which the chart cannot draw: a table. */
static void undated_actions(Ctx *c)
{
    const Monitoraggio *m = c->m;
    doc_subsection(c->layout, c->spec, &c->toc, label(c, "senza_scadenza_titolo"));
    static const char *const heads[] = {"col_codice", "col_n", "col_azione", "col_stato", NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "senza_scadenza", heads);
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < m->obiettivi[i].n; k++) {
            const AzioneMonitorata *a = &m->obiettivi[i].azioni[k];
            if (a->azione->has_scadenza)
                continue;
            char n[16];
            snprintf(n, sizeof n, "%d", a->azione->n);
            char *az = doc_shorten(a->azione->azione ? a->azione->azione : "",
                                   (size_t)spec_number(c->spec, "lunghezza_azione"));
            ltable_row(t, 0);
            ltable_cell(t, m->obiettivi[i].obiettivo->codice, 1, style(c, "testo"));
            ltable_cell(t, n, 1, style(c, "numero"));
            ltable_cell(t, az, 1, style(c, "testo"));
            ltable_cell_marker(t, state_color(c, a->stato), state_label(c, a->stato), 1, style(c, "testo"));
            free(az);
        }
    layout_table(c->layout, t);
    ltable_free(t);
}

static void build_cronoprogramma(Ctx *c)
{
    char *title = start_section(c, "sezione_cronoprogramma");
    char *text = expand(c, label(c, "cronoprogramma_testo"));
    paragraph(c, text, "testo");
    free(text);
    layout_space(c->layout, 4);
    GanttRows rows;
    gantt_rows(c, &rows);
    if (rows.drawn == 0)
        paragraph(c, label(c, "cronoprogramma_nessuna"), "testo");
    else
        draw_gantt(c, &rows);
    if (rows.undrawn > 0)
        undated_actions(c);
    gantt_rows_free(&rows);
    free(title);
}

/* ---- 3. per objective ------------------------------------------------------------------------------ */

/* The state in words, with the completion: "conclusa il 20/01/2025 – 20 gg di ritardo". */
static char *state_text(const Ctx *c, const AzioneMonitorata *a)
{
    if (a->stato != MON_CONCLUSA || !a->has_conclusione)
        return xstrdup(state_label(c, a->stato));
    char d[11], g[32];
    date_format_it(a->conclusione, d);
    char *when = expand_with(c, label(c, "conclusa_il"), "data", d);
    char *out;
    if (!a->has_ritardo) {
        out = when;
    } else {
        snprintf(g, sizeof g, "%ld", a->ritardo_giorni);
        char *late = a->ritardo_giorni > 0 ? expand_with(c, label(c, "in_ritardo"), "giorni", g)
                                           : xstrdup(label(c, "nei_tempi"));
        out = xasprintf("%s \u2013 %s", when, late);
        free(late);
        free(when);
    }
    return out;
}

/* The indicators with a target in the year, at the date: one table after the objectives' actions. */
static void build_indicatori(Ctx *c)
{
    const Monitoraggio *m = c->m;
    if (m->n_indicatori == 0)
        return;
    static const char *const STATE[IND_COUNT] = {"indicatore_in_linea", "indicatore_a_rischio",
                                                 "indicatore_senza_valori"};
    static const char *const COLOR[IND_COUNT] = {"stato_in_corso", "stato_a_rischio", "stato_senza_informazioni"};
    char *head = expand(c, label(c, "indicatori_titolo"));
    layout_need(c->layout, spec_number(c->spec, "spazio_sotto_titolo"));
    layout_bookmark(c->layout, 1, head);
    paragraph(c, head, "titolo_sottosezione");
    free(head);
    char *intro = expand(c, label(c, "indicatori_testo"));
    paragraph(c, intro, "testo");
    free(intro);
    layout_space(c->layout, 4);
    static const char *const keys[] = {"col_codice", "col_n", "col_indicatore", "col_target", "col_valore",
                                       "col_data_valore", "col_percentuale", "col_atteso", "col_stato", NULL};
    LayoutTable *t = doc_table(c->spec, "indicatori");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    for (size_t k = 0; keys[k]; k++) {
        char *h = expand(c, label(c, keys[k]));
        ltable_cell(t, h, 1, style(c, "intestazione"));
        free(h);
    }
    for (size_t i = 0; i < m->n_indicatori; i++) {
        const IndicatoreMonitorato *im = &m->indicatori[i];
        char n[16], target[64], valore[96] = "", data[11] = "", pct[48] = "", at[48];
        snprintf(n, sizeof n, "%d", im->n);
        bool unit = im->indicatore->unita && *im->indicatore->unita;
        text_format_number(target, sizeof target, im->target);
        if (im->has_valore)
            text_format_number(valore, sizeof valore, im->valore);
        if (unit) {
            size_t l = strlen(target);
            snprintf(target + l, sizeof target - l, "\u00A0%s", im->indicatore->unita);
            l = strlen(valore);
            if (im->has_valore)
                snprintf(valore + l, sizeof valore - l, "\u00A0%s", im->indicatore->unita);
        }
        if (im->has_data)
            date_format_it(im->data, data);
        if (im->has_percentuale)
            rule_format_percent(pct, sizeof pct, im->percentuale);
        rule_format_percent(at, sizeof at, im->atteso);
        ltable_row(t, 0);
        ltable_cell(t, im->obiettivo->codice ? im->obiettivo->codice : "", 1, style(c, "testo"));
        ltable_cell(t, n, 1, style(c, "numero"));
        ltable_cell(t, im->indicatore->nome ? im->indicatore->nome : "", 1, style(c, "testo"));
        ltable_cell(t, target, 1, style(c, "importo"));
        ltable_cell(t, valore, 1, style(c, "importo"));
        ltable_cell(t, data, 1, style(c, "numero"));
        ltable_cell(t, pct, 1, style(c, "importo"));
        ltable_cell(t, at, 1, style(c, "importo"));
        ltable_cell_marker(t, style(c, COLOR[im->stato])->color, label(c, STATE[im->stato]), 1, style(c, "testo"));
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

static void build_obiettivi(Ctx *c)
{
    const Monitoraggio *m = c->m;
    char *title = start_section(c, "sezione_obiettivi");
    static const char *const heads[] = {"col_n", "col_azione", "col_scadenza", "col_stato", "col_avanzamento",
                                        "col_atteso", "col_nota", NULL};
    for (size_t i = 0; i < m->n; i++) {
        const ObiettivoMonitorato *om = &m->obiettivi[i];
        char *head = objective_title(c, om->obiettivo, "lunghezza_descrizione");
        layout_need(c->layout, spec_number(c->spec, "spazio_sotto_titolo"));
        layout_bookmark(c->layout, 1, om->obiettivo->codice);
        paragraph(c, head, "titolo_sottosezione");
        free(head);
        LayoutTable *t = doc_table_with_header(c->spec, "azioni", heads);
        for (size_t k = 0; k < om->n; k++) {
            const AzioneMonitorata *a = &om->azioni[k];
            char n[16], sc[11] = "", av[48] = "", at[48] = "";
            snprintf(n, sizeof n, "%d", a->azione->n);
            if (a->azione->has_scadenza)
                date_format_it(a->azione->scadenza, sc);
            if (a->has_avanzamento)
                rule_format_percent(av, sizeof av, a->avanzamento);
            if (a->has_atteso)
                rule_format_percent(at, sizeof at, a->atteso);
            char *az = doc_shorten(a->azione->azione ? a->azione->azione : "",
                                   (size_t)spec_number(c->spec, "lunghezza_azione"));
            char *st = state_text(c, a);
            ltable_row(t, 0);
            ltable_cell(t, n, 1, style(c, "numero"));
            ltable_cell(t, az, 1, style(c, "testo"));
            ltable_cell(t, sc, 1, style(c, "numero"));
            ltable_cell_marker(t, state_color(c, a->stato), st, 1, style(c, "testo"));
            ltable_cell(t, av, 1, style(c, "importo"));
            ltable_cell(t, at, 1, style(c, "importo"));
            ltable_cell(t, a->rilevazione && a->rilevazione->nota ? a->rilevazione->nota : "", 1, style(c, "nota"));
            free(st);
            free(az);
        }
        layout_table(c->layout, t);
        ltable_free(t);
    }
    build_indicatori(c);
    free(title);
}

/* ---- 4. criticità e proposte ------------------------------------------------------------------------------ */

static void build_criticita(Ctx *c)
{
    const Monitoraggio *m = c->m;
    char *title = start_section(c, "sezione_criticita");
    paragraph(c, label(c, "criticita_testo"), "testo");
    layout_space(c->layout, 4);
    static const char *const heads[] = {"col_codice", "col_n", "col_dirigente", "col_criticita", "col_proposta",
                                        NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "criticita", heads);
    size_t rows = 0;
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < m->obiettivi[i].n; k++) {
            const AzioneMonitorata *a = &m->obiettivi[i].azioni[k];
            const Rilevazione *r = a->rilevazione;
            if (!r || (!r->criticita && !r->proposta))
                continue;
            char n[16];
            snprintf(n, sizeof n, "%d", a->azione->n);
            const Obiettivo *o = m->obiettivi[i].obiettivo;
            ltable_row(t, 0);
            ltable_cell(t, o->codice, 1, style(c, "testo"));
            ltable_cell(t, n, 1, style(c, "numero"));
            ltable_cell(t, o->dirigente ? o->dirigente : "", 1, style(c, "testo"));
            ltable_cell(t, r->criticita ? r->criticita : "", 1, style(c, "testo"));
            ltable_cell(t, r->proposta ? r->proposta : "", 1, style(c, "testo"));
            rows++;
        }
    if (rows > 0)
        layout_table(c->layout, t);
    else
        paragraph(c, label(c, "criticita_nessuna"), "testo");
    ltable_free(t);
    free(title);
}

/* ---- the document ----------------------------------------------------------------------------------- */

char *monitoraggio_title(const Plan *plan, const Monitoraggio *m, const LayoutSpec *spec)
{
    Ctx c = {0};
    c.plan = plan;
    c.m = m;
    c.spec = spec;
    return expand(&c, spec_label(spec, "titolo_documento"));
}

DisplayDoc monitoraggio_build(const Plan *plan, const Monitoraggio *m, const LayoutSpec *spec, FontSet *fonts,
                              time_t when)
{
    Ctx c = {0};
    c.plan = plan;
    c.m = m;
    c.spec = spec;
    /* Section 3's numbered title, for the chart's long alternate text. */
    c.obiettivi_title = doc_section_number_title(spec, "obiettivi", "sezione_obiettivi");
    Layout *body = layout_new(&spec->page, fonts);
    c.layout = body;
    for (size_t i = 0; i < spec->n_sections; i++) {
        const char *s = spec->sections[i];
        if (strcmp(s, "sintesi") == 0)
            build_sintesi(&c);
        else if (strcmp(s, "cronoprogramma") == 0)
            build_cronoprogramma(&c);
        else if (strcmp(s, "obiettivi") == 0)
            build_obiettivi(&c);
        else if (strcmp(s, "criticita") == 0)
            build_criticita(&c);
        else
            continue;
        layout_end(body); /* the Sect start_section opened */
    }
    DisplayDoc doc = doc_with_front_matter(spec, fonts, plan->ente, when, &c.toc, body, expand_for_front, &c);
    toc_free(&c.toc);
    free(c.obiettivi_title);
    return doc;
}
