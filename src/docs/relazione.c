#include "relazione.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "doc_front.h"
#include "indicatori.h"
#include "layout.h"
#include "persone.h"
#include "rules.h"
#include "text.h"

/* ---- what the layout file provides --------------------------------------------------- */

static const char *const LABELS[] = {
    "titolo_documento", "intestazione_centro", "pie_di_pagina", "numero_pagina", "copertina_titolo",
    "copertina_anno", "copertina_sottotitolo", "copertina_data", "indice_titolo", "indice_sezione", "indice_pagina",
    "sezione_numero", "sezione_sintesi", "sezione_gruppi", "sezione_dettaglio", "sezione_scostamenti",
    "sezione_personale", "sintesi_testo", "sintesi_obiettivi", "sintesi_valutati", "sintesi_non_valutati",
    "sintesi_azioni", "sintesi_media", "sintesi_media_ponderata", "sintesi_ponderata_nota", "non_calcolabile",
    "fasce_titolo", "col_esito", "col_intervallo", "col_obiettivi", "col_quota", "intervallo_primo", "intervallo",
    "intervallo_ultimo", "grafico_titolo", "grafico_nota", "grafico_vuoto", "gruppo_dirigente", "gruppo_unita",
    "gruppo_linea", "gruppo_missione", "col_gruppo_dirigente", "col_gruppo_unita", "col_gruppo_linea",
    "col_gruppo_missione", "col_valutati", "col_media", "gruppi_nota", "missione_nota", "non_indicato",
    "dettaglio_nota", "col_codice", "col_obiettivo", "col_azioni", "col_risultato", "campo_dirigente",
    "campo_unita", "azione_riga", "senza_peso", "non_rilevata", "non_valutato", "scostamenti_testo",
    "scostamenti_nessuno", "col_azione", "col_graduazione", "col_raggiunto", "col_percentuale", "col_nota",
    "nota_mancante", "personale_testo", "personale_persone", "personale_valutate", "personale_non_valutate",
    "personale_fasce", "col_persone", "totale", NULL};
static const char *const STYLES[] = {"testo", "numero", "importo", "nota", "etichetta", "intestazione", "totale",
                                     "titolo_sezione", "titolo_sottosezione", "pagina", "copertina_titolo",
                                     "copertina_testo", "copertina_nota", "grafico", NULL};
static const char *const COLUMN_SETS[] = {"indice", "cifre", "fasce", "dettaglio", "scostamenti", NULL};
static const size_t COLUMN_COUNTS[] = {2, 2, 4, 5, 5};
static const char *const NUMBERS[] = {"colonna_gruppo", "colonna_fascia", "altezza_grafico", "lunghezza_descrizione",
                                      "lunghezza_azione", "lunghezza_segnalibro", "spazio_sotto_titolo", NULL};
static const char *const SECTIONS[] = {"sintesi", "gruppi", "dettaglio", "scostamenti", "personale", NULL};

/* Labels newer than the first layout files: a copy made before keeps working. */
static const char *const LABEL_DEFAULTS[] = {
    "grafico_alternativo",
    "Grafico a barre del risultato dei {n} obiettivi valutati, dal più alto al più basso: {valori}. Linee "
    "orizzontali ai limiti delle fasce: {limiti}.",
    "grafico_alternativo_lungo",
    "Grafico a barre del risultato dei {n} obiettivi valutati, dal più alto ({massimo}) al più basso ({minimo}); "
    "il valore di ogni obiettivo è nella sezione «{sezione}». Linee orizzontali ai limiti delle fasce: {limiti}.",
    /* With --valutazioni: the aggregate figures of D.lgs. 33/2013 art. 20. */
    "valutazioni_titolo", "Valutazione individuale: distribuzione per fascia di merito",
    "valutazioni_testo", "Persone valutate secondo il Sistema di misurazione e valutazione della performance, per fascia di "
    "merito e categoria di personale (dati aggregati, art. 20 del D.lgs. 33/2013). Una valutazione incompleta non ha "
    "punteggio né fascia.",
    "col_fascia_merito", "Fascia di merito",
    "col_totale_categorie", "Totale",
    "valutazioni_sotto", "Sotto ogni fascia",
    "valutazioni_incomplete", "Valutazione incompleta",
    "valutazioni_totale", "Persone valutate",
    "premi_titolo", "Premi collegati alla performance",
    "premi_testo", "Ammontare dei premi stanziati e distribuiti e grado di differenziazione (dati aggregati, art. 20 del "
    "D.lgs. 33/2013).",
    "premi_stanziati", "Fondo stanziato",
    "premi_distribuiti", "Premi distribuiti",
    "premi_beneficiari", "Persone con un premio",
    "premi_media", "Premio medio",
    "premi_minimo", "Premio minimo",
    "premi_massimo", "Premio massimo",
    "premi_maggiorazione", "Persone con la maggiorazione del premio",
    "premi_rapporto", "Differenziazione: premio massimo ÷ premio minimo",
    "premi_fascia_alta", "Persone valutate nella fascia più alta ({fascia})",
    /* docs/formato.md §7: when every objective valued has a peso */
    "sintesi_media_peso", "Media ponderata sul peso degli obiettivi",
    "sintesi_peso_nota", "su {numero} obiettivi valutati, ciascuno con il suo peso",
    "gruppi_peso_nota", "Le medie segnate con * sono ponderate sul peso degli obiettivi: in quei gruppi ogni "
    "obiettivo valutato ha un peso. Le altre sono medie semplici.",
    /* docs/formato.md §7: indicators */
    "sintesi_indicatori", "Indicatori degli obiettivi senza azioni nell'anno: rilevati / totali",
    "dettaglio_indicatori_nota", "Per gli indicatori con un target nell'anno: target, valore rilevato e percentuale. "
    "Un obiettivo senza azioni nell'anno è valutato dai suoi indicatori (media ponderata sul loro peso).",
    "indicatore_riga", "ind. {n} {nome} · target {target} · valore {valore} · {percentuale}",
    "indicatore_riga_non_rilevato", "ind. {n} {nome} · target {target} · non rilevato",
    "scostamento_indicatore", "{codice} – indicatore {n}",
    "indicatore_target", "Target {anno}: {target}",
    "indicatore_non_rilevato", "non rilevato",
    "sintesi_indicatori_nota", "Un obiettivo senza azioni nell'anno è valutato dai suoi indicatori: il risultato è la "
    "media delle percentuali degli indicatori rilevati, pesata sui pesi degli indicatori.",
    "scostamenti_indicatori_nota", "Gli indicatori con un risultato inferiore al 100 % del target dell'anno sono "
    "riportati con il target al posto della graduazione; per gli obiettivi senza azioni nell'anno, anche quelli non "
    "ancora rilevati.",
    NULL};
const LayoutNeeds RELAZIONE_NEEDS = {LABELS, STYLES, COLUMN_SETS, COLUMN_COUNTS, NUMBERS, SECTIONS, true, LABEL_DEFAULTS,
                                     NULL};

/* ---- context -------------------------------------------------------------------------- */


typedef struct {
    const Plan *plan;
    const Esiti *esiti;
    const Sintesi *s;
    const LayoutSpec *spec;
    FontSet *fonts;
    Layout *layout;
    Toc toc;
    int section_number;
    const char *dettaglio_title; /* for the chart's note */
    const ValutazioniAnno *va;   /* NULL: no --valutazioni */
} Ctx;

static const CellStyle *style(const Ctx *c, const char *n) { return spec_style(c->spec, n); }
static const char *label(const Ctx *c, const char *k) { return spec_label(c->spec, k); }
static const char *or_dash(const char *s) { return s && *s ? s : "\u2013"; }

static char *expand(const Ctx *c, const char *tpl)
{
    char anno[16];
    snprintf(anno, sizeof anno, "%d", c->s ? c->s->anno : 0);
    char *triennio = doc_triennio(c->plan->triennio);
    const char *names[] = {"ente", "anno", "triennio", NULL};
    const char *values[] = {c->plan->ente ? c->plan->ente : "", anno, triennio};
    char *r = doc_expand(tpl, names, values);
    free(triennio);
    return r;
}

/* tpl with {name} = value, after the common placeholders. */
static char *expand1(const Ctx *c, const char *tpl, const char *name, const char *value)
{
    const char *names[] = {name, NULL};
    const char *values[] = {value};
    char *first = doc_expand(tpl, names, values);
    char *r = expand(c, first);
    free(first);
    return r;
}

/* The front matter's labels, through the same placeholders. */
static char *expand_for_front(const void *c, const char *tpl, const char *name, const char *value)
{
    return name ? expand1(c, tpl, name, value) : expand(c, tpl);
}

static void paragraph(const Ctx *c, const char *text, const char *style_name)
{
    TextRun run = {style(c, style_name)->font, text};
    layout_paragraph(c->layout, &run, 1, style(c, style_name));
}

static void percent(char *buf, size_t size, double v) { rule_format_percent(buf, size, v); }

static LayoutTable *table_for(const Ctx *c, const char *set) { return doc_table(c->spec, set); }

/* A numbered section from a new page: title, bookmark, index entry, header;
 * its content is one Sect of the structure, closed by the caller when the
 * section is built (relazione_build). */
static char *start_section(Ctx *c, const char *title_key)
{
    char *centre = expand(c, label(c, "intestazione_centro"));
    char *title = doc_section(c->layout, c->spec, &c->toc, ++c->section_number, label(c, title_key), c->plan->ente,
                              centre);
    free(centre);
    return title;
}

static void subsection(Ctx *c, const char *title) { doc_subsection(c->layout, c->spec, &c->toc, title); }

/* ---- bands ------------------------------------------------------------------------------ */

/* "≥ 90,00 %", "≥ 60,00 % e < 90,00 %", "< 60,00 %". */
static char *band_range(const Ctx *c, size_t i)
{
    const LayoutSpec *sp = c->spec;
    char da[48], a[48];
    percent(da, sizeof da, sp->bands[i].da);
    if (i > 0)
        percent(a, sizeof a, sp->bands[i - 1].da);
    const char *names[] = {"da", "a", NULL};
    const char *values[] = {da, i > 0 ? a : ""};
    const char *tpl = sp->n_bands == 1        ? "" /* one band: every result */
                      : i == 0                ? label(c, "intervallo_primo")
                      : i + 1 == sp->n_bands ? label(c, "intervallo_ultimo")
                                              : label(c, "intervallo");
    return doc_expand(tpl, names, values);
}

/* The band table: esito with its colour key, range, count, share of the total. */
static void band_table(Ctx *c, const size_t *counts, size_t total, const char *count_label)
{
    LayoutTable *t = table_for(c, "fasce");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "col_esito"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_intervallo"), 1, style(c, "intestazione"));
    ltable_cell(t, count_label, 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_quota"), 1, style(c, "intestazione"));
    for (size_t i = 0; i < c->spec->n_bands; i++) {
        char *range = band_range(c, i);
        char n[32], share[48] = "";
        snprintf(n, sizeof n, "%zu", counts[i]);
        if (total > 0)
            percent(share, sizeof share, 100.0 * (double)counts[i] / (double)total);
        ltable_row(t, 0);
        ltable_cell_marker(t, c->spec->bands[i].colore, c->spec->bands[i].etichetta, 1, style(c, "testo"));
        ltable_cell(t, range, 1, style(c, "testo"));
        ltable_cell(t, n, 1, style(c, "numero"));
        ltable_cell(t, share, 1, style(c, "importo"));
        free(range);
    }
    char n[32];
    snprintf(n, sizeof n, "%zu", total);
    ltable_row(t, 0);
    CellStyle right = *style(c, "etichetta");
    right.align = ALIGN_RIGHT;
    ltable_cell(t, label(c, "totale"), 2, &right);
    ltable_cell(t, n, 1, style(c, "totale"));
    ltable_cell(t, total > 0 ? "100,00\u00A0%" : "", 1, style(c, "totale"));
    layout_table(c->layout, t);
    ltable_free(t);
}

/* ---- 1. sintesi ------------------------------------------------------------------------- */

static void figure_row(LayoutTable *t, const Ctx *c, const char *what, const char *value, const char *value_style)
{
    ltable_row(t, 0);
    ltable_cell(t, what, 1, style(c, "etichetta"));
    ltable_cell(t, value, 1, style(c, value_style));
}

typedef struct {
    ChartBar bar;
    const char *codice;
} NamedBar;

static int compare_desc(const void *a, const void *b)
{
    double x = ((const NamedBar *)a)->bar.value, y = ((const NamedBar *)b)->bar.value;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Bars listed one by one in the chart's alternate text, at most: beyond,
 * the text would pass PDF/A-1's limit of 65,535 bytes for a string (UTF-16
 * in the file), so it gives the range and points to the detail section. */
#define ALT_MAX_BARS 400

/* The chart in words, for who cannot see it: every bar's objective and
 * value in the chart's order, and the limits drawn. */
static char *chart_alt(const Ctx *c, const NamedBar *named, size_t n, const ChartLine *lines, size_t n_lines)
{
    StrBuf values = {0}, limits = {0};
    for (size_t i = 0; i < n && n <= ALT_MAX_BARS; i++) {
        char pct[48];
        percent(pct, sizeof pct, named[i].bar.value);
        strbuf_printf(&values, "%s%s %s", i ? "; " : "", named[i].codice ? named[i].codice : "", pct);
    }
    for (size_t i = 0; i < n_lines; i++)
        strbuf_printf(&limits, "%s%s", i ? ", " : "", lines[i].label);
    char count[32], top[48], bottom[48];
    snprintf(count, sizeof count, "%zu", n);
    percent(top, sizeof top, named[0].bar.value);
    percent(bottom, sizeof bottom, named[n - 1].bar.value);
    /* one set of values: each template takes the ones it names */
    const char *names[] = {"n", "valori", "limiti", "massimo", "minimo", "sezione", NULL};
    const char *vals[] = {count,  values.data ? values.data : "", limits.data ? limits.data : "",
                          top,    bottom,                          c->dettaglio_title ? c->dettaglio_title : ""};
    char *alt = doc_expand(label(c, n > ALT_MAX_BARS ? "grafico_alternativo_lungo" : "grafico_alternativo"), names,
                           vals);
    strbuf_free(&values);
    strbuf_free(&limits);
    return alt;
}

static void chart(Ctx *c)
{
    const Sintesi *s = c->s;
    layout_need(c->layout, spec_number(c->spec, "altezza_grafico") + 30);
    paragraph(c, label(c, "grafico_titolo"), "titolo_sottosezione");
    NamedBar *named = xcalloc(s->totale.valutati ? s->totale.valutati : 1, sizeof *named);
    size_t n = 0;
    double max = 100;
    for (size_t i = 0; i < c->esiti->n; i++) {
        const EsitoObiettivo *eo = &c->esiti->obiettivi[i];
        if (!eo->has_percentuale || !obiettivo_del_anno(eo->obiettivo, c->esiti->anno) || n >= s->totale.valutati)
            continue;
        size_t band = sintesi_fascia(s->limiti, s->n_fasce, eo->percentuale);
        named[n++] = (NamedBar){{eo->percentuale, c->spec->bands[band].colore}, eo->obiettivo->codice};
        if (eo->percentuale > max)
            max = eo->percentuale;
    }
    if (n == 0) {
        paragraph(c, label(c, "grafico_vuoto"), "nota");
        free(named);
        return;
    }
    qsort(named, n, sizeof *named, compare_desc);
    ChartBar *bars = xcalloc(n, sizeof *bars);
    for (size_t i = 0; i < n; i++)
        bars[i] = named[i].bar;
    ChartTick ticks[6];
    char tick_text[6][48];
    for (int i = 0; i < 6; i++) {
        percent(tick_text[i], sizeof tick_text[i], i * 20.0);
        ticks[i] = (ChartTick){i * 20.0, tick_text[i]};
    }
    ChartLine lines[LAYOUT_MAX_BANDS];
    char line_text[LAYOUT_MAX_BANDS][48];
    size_t n_lines = 0;
    for (size_t i = 0; i < c->spec->n_bands; i++)
        if (c->spec->bands[i].da > 0) {
            percent(line_text[n_lines], sizeof line_text[n_lines], c->spec->bands[i].da);
            lines[n_lines] = (ChartLine){c->spec->bands[i].da, line_text[n_lines], style(c, "grafico")->color};
            n_lines++;
        }
    const CellStyle *g = style(c, "grafico");
    BarChart ch = {bars, n, lines, n_lines, ticks, 6, max, spec_number(c->spec, "altezza_grafico"), *g, g->color,
                   g->has_fill ? g->fill : (Color){0.85f, 0.85f, 0.85f}, NULL};
    char *alt = chart_alt(c, named, n, lines, n_lines);
    ch.alt = alt;
    layout_bar_chart(c->layout, &ch);
    free(alt);
    free(named);
    char *note = expand1(c, label(c, "grafico_nota"), "sezione", c->dettaglio_title ? c->dettaglio_title : "");
    paragraph(c, note, "nota");
    free(note);
    free(bars);
}

static void build_sintesi(Ctx *c)
{
    const Sintesi *s = c->s;
    char *title = start_section(c, "sezione_sintesi");
    char *intro = expand(c, label(c, "sintesi_testo"));
    paragraph(c, intro, "testo");
    free(intro);
    if (s->indicatori > 0)
        paragraph(c, label(c, "sintesi_indicatori_nota"), "testo");
    layout_space(c->layout, 4);

    LayoutTable *t = table_for(c, "cifre");
    char v[128], w[128];
    snprintf(v, sizeof v, "%zu", s->totale.obiettivi);
    figure_row(t, c, label(c, "sintesi_obiettivi"), v, "numero");
    snprintf(v, sizeof v, "%zu", s->totale.valutati);
    figure_row(t, c, label(c, "sintesi_valutati"), v, "numero");
    snprintf(v, sizeof v, "%zu", s->totale.obiettivi - s->totale.valutati);
    figure_row(t, c, label(c, "sintesi_non_valutati"), v, "numero");
    snprintf(v, sizeof v, "%zu / %zu", s->azioni_rilevate, s->azioni);
    figure_row(t, c, label(c, "sintesi_azioni"), v, "numero");
    if (s->indicatori > 0) {
        snprintf(v, sizeof v, "%zu / %zu", s->indicatori_rilevati, s->indicatori);
        figure_row(t, c, label(c, "sintesi_indicatori"), v, "numero");
    }
    if (s->totale.has_media)
        percent(v, sizeof v, s->totale.media);
    figure_row(t, c, label(c, "sintesi_media"), s->totale.has_media ? v : label(c, "non_calcolabile"), "totale");
    char count[32], without[32];
    snprintf(count, sizeof count, "%zu", s->con_pesatura);
    snprintf(without, sizeof without, "%zu", s->totale.valutati - s->con_pesatura);
    const char *names[] = {"numero", "senza", NULL};
    const char *values[] = {count, without};
    char *note = doc_expand(label(c, s->per_peso ? "sintesi_peso_nota" : "sintesi_ponderata_nota"), names, values);
    char *tail = xasprintf("\n%s", note);
    if (s->has_media_ponderata)
        percent(w, sizeof w, s->media_ponderata);
    TextRun runs[2] = {{style(c, "totale")->font, s->has_media_ponderata ? w : label(c, "non_calcolabile")},
                       {style(c, "nota")->font, tail}};
    ltable_row(t, 0);
    ltable_cell(t, label(c, s->per_peso ? "sintesi_media_peso" : "sintesi_media_ponderata"), 1, style(c, "etichetta"));
    ltable_cell_runs(t, runs, 2, 1, style(c, "totale"));
    free(tail);
    free(note);
    layout_table(c->layout, t);
    ltable_free(t);

    layout_need(c->layout, spec_number(c->spec, "spazio_sotto_titolo"));
    paragraph(c, label(c, "fasce_titolo"), "titolo_sottosezione");
    band_table(c, s->totale.per_fascia, s->totale.valutati, label(c, "col_obiettivi"));
    chart(c);
    free(title);
}

/* ---- 2. results by group ------------------------------------------------------------------ */

static void group_table(Ctx *c, const Raggruppamento *r, const char *title_key, const char *column_key,
                        const char *note_key)
{
    subsection(c, label(c, title_key));
    size_t n_cols = 4 + c->spec->n_bands;
    double *w = xcalloc(n_cols, sizeof *w);
    w[0] = spec_number(c->spec, "colonna_gruppo");
    for (size_t i = 1; i < n_cols; i++)
        w[i] = i >= 4 ? spec_number(c->spec, "colonna_fascia") : i == 3 ? 1.4 : 1;
    LayoutTable *t = ltable_new(w, n_cols);
    free(w);
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, column_key), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_obiettivi"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_valutati"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_media"), 1, style(c, "intestazione"));
    for (size_t b = 0; b < c->spec->n_bands; b++)
        ltable_cell_marker(t, c->spec->bands[b].colore, c->spec->bands[b].etichetta, 1, style(c, "intestazione"));
    for (size_t i = 0; i < r->n; i++) {
        const Gruppo *g = &r->gruppi[i];
        char n[32], v[32], mean[48] = "";
        snprintf(n, sizeof n, "%zu", g->agg.obiettivi);
        snprintf(v, sizeof v, "%zu", g->agg.valutati);
        if (g->agg.has_media)
            percent(mean, sizeof mean, g->agg.media);
        if (g->agg.has_media && g->agg.per_peso) /* weighted by peso: marked, as the note says */
            strncat(mean, "\u00A0*", sizeof mean - strlen(mean) - 1);
        ltable_row(t, 0);
        ltable_cell(t, g->nome ? g->nome : label(c, "non_indicato"), 1, style(c, g->nome ? "testo" : "nota"));
        ltable_cell(t, n, 1, style(c, "numero"));
        ltable_cell(t, v, 1, style(c, "numero"));
        ltable_cell(t, mean, 1, style(c, "importo"));
        for (size_t b = 0; b < c->spec->n_bands; b++) {
            char k[32];
            snprintf(k, sizeof k, "%zu", g->agg.per_fascia[b]);
            ltable_cell(t, k, 1, style(c, "numero"));
        }
    }
    layout_table(c->layout, t);
    ltable_free(t);
    if (note_key)
        paragraph(c, label(c, note_key), "nota");
    layout_space(c->layout, 6);
}

static void build_gruppi(Ctx *c)
{
    char *title = start_section(c, "sezione_gruppi");
    paragraph(c, label(c, "gruppi_nota"), "nota");
    bool per_peso = false;
    for (int g = 0; g < GRUPPO_COUNT; g++)
        for (size_t i = 0; i < c->s->gruppi[g].n; i++)
            per_peso |= c->s->gruppi[g].gruppi[i].agg.per_peso;
    if (per_peso)
        paragraph(c, label(c, "gruppi_peso_nota"), "nota");
    layout_space(c->layout, 4);
    group_table(c, &c->s->gruppi[GRUPPO_DIRIGENTE], "gruppo_dirigente", "col_gruppo_dirigente", NULL);
    group_table(c, &c->s->gruppi[GRUPPO_UNITA], "gruppo_unita", "col_gruppo_unita", NULL);
    group_table(c, &c->s->gruppi[GRUPPO_LINEA_MANDATO], "gruppo_linea", "col_gruppo_linea", NULL);
    group_table(c, &c->s->gruppi[GRUPPO_MISSIONE], "gruppo_missione", "col_gruppo_missione", "missione_nota");
    free(title);
}

/* ---- 3. detail ------------------------------------------------------------------------------ */

static char *action_line(const Ctx *c, const EsitoAzione *e)
{
    char n[16], peso[32], pct[48];
    snprintf(n, sizeof n, "%d", e->azione->n);
    if (e->azione->has_peso)
        text_format_number(peso, sizeof peso, e->azione->peso);
    else
        snprintf(peso, sizeof peso, "%s", label(c, "senza_peso"));
    if (e->stato == STATO_NON_RILEVATO)
        snprintf(pct, sizeof pct, "%s", label(c, "non_rilevata"));
    else
        percent(pct, sizeof pct, e->percentuale);
    const char *names[] = {"n", "peso", "percentuale", NULL};
    const char *values[] = {n, peso, pct};
    return doc_expand(label(c, "azione_riga"), names, values);
}

/* "12,5 giorni": an indicator's figure with its unit. */
static void indicator_figure(char *buf, size_t size, const Indicatore *ind, double v)
{
    char n[48];
    text_format_number(n, sizeof n, v);
    snprintf(buf, size, "%s%s%s", n, ind->unita && *ind->unita ? "\u00A0" : "", ind->unita ? ind->unita : "");
}

static char *indicator_line(const Ctx *c, const EsitoIndicatore *e)
{
    char n[16], target[128], valore[128] = "", pct[48] = "";
    snprintf(n, sizeof n, "%d", e->n);
    indicator_figure(target, sizeof target, e->indicatore, e->target);
    bool reported = e->stato != STATO_NON_RILEVATO;
    if (reported && e->has_valore)
        indicator_figure(valore, sizeof valore, e->indicatore, e->valore);
    else if (reported)
        snprintf(valore, sizeof valore, "%s", "\u2013"); /* a percentuale given without a value */
    if (reported)
        percent(pct, sizeof pct, e->percentuale);
    const char *names[] = {"n", "nome", "target", "valore", "percentuale", NULL};
    const char *values[] = {n, e->indicatore->nome ? e->indicatore->nome : "", target, valore, pct};
    return doc_expand(label(c, reported ? "indicatore_riga" : "indicatore_riga_non_rilevato"), names, values);
}

static void build_dettaglio(Ctx *c)
{
    char *title = start_section(c, "sezione_dettaglio");
    paragraph(c, label(c, "dettaglio_nota"), "nota");
    if (plan_has_indicator_targets(c->plan, c->esiti->anno)) /* only then: how indicators are reported */
        paragraph(c, label(c, "dettaglio_indicatori_nota"), "nota");
    layout_space(c->layout, 4);
    static const char *const heads[] = {"col_codice", "col_obiettivo", "col_azioni", "col_risultato", "col_esito", NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "dettaglio", heads);
    size_t bookmark_len = (size_t)spec_number(c->spec, "lunghezza_segnalibro");
    for (size_t i = 0; i < c->esiti->n; i++) {
        const EsitoObiettivo *eo = &c->esiti->obiettivi[i];
        const Obiettivo *o = eo->obiettivo;
        if (!obiettivo_del_anno(o, c->esiti->anno))
            continue;
        char *desc = doc_shorten(o->descrizione ? o->descrizione : "", (size_t)spec_number(c->spec, "lunghezza_descrizione"));
        char *people = xasprintf("\n%s%s\n%s%s", label(c, "campo_dirigente"),
                                 o->dirigente ? o->dirigente : label(c, "non_indicato"), label(c, "campo_unita"),
                                 o->unita_responsabile ? o->unita_responsabile : label(c, "non_indicato"));
        TextRun obj[2] = {{style(c, "testo")->font, desc}, {style(c, "nota")->font, people}};
        StrBuf actions = {0};
        for (size_t k = 0; k < eo->n_azioni; k++) {
            char *line = action_line(c, &eo->azioni[k]);
            if (k)
                strbuf_puts(&actions, "\n");
            strbuf_puts(&actions, line);
            free(line);
        }
        for (size_t k = 0; k < eo->n_indicatori; k++) {
            if (!eo->indicatori[k].has_target)
                continue;
            char *line = indicator_line(c, &eo->indicatori[k]);
            if (actions.len)
                strbuf_puts(&actions, "\n");
            strbuf_puts(&actions, line);
            free(line);
        }
        char result[48];
        if (eo->has_percentuale)
            percent(result, sizeof result, eo->percentuale);
        char *short_desc = doc_shorten(o->descrizione ? o->descrizione : "", bookmark_len);
        char *mark = xasprintf("%s \u2013 %s", o->codice, short_desc);
        ltable_row(t, 0);
        ltable_row_bookmark(t, 1, mark);
        ltable_cell(t, o->codice, 1, style(c, "etichetta"));
        ltable_cell_runs(t, obj, 2, 1, style(c, "testo"));
        ltable_cell(t, actions.data ? actions.data : "", 1, style(c, "testo"));
        ltable_cell(t, eo->has_percentuale ? result : label(c, "non_valutato"), 1,
                    style(c, eo->has_percentuale ? "totale" : "nota"));
        if (eo->has_percentuale) {
            const Band *b = &c->spec->bands[sintesi_fascia(c->s->limiti, c->s->n_fasce, eo->percentuale)];
            ltable_cell_marker(t, b->colore, b->etichetta, 1, style(c, "testo"));
        } else {
            ltable_cell(t, label(c, "non_valutato"), 1, style(c, "nota"));
        }
        free(mark);
        free(short_desc);
        free(actions.data);
        free(people);
        free(desc);
    }
    layout_table(c->layout, t);
    ltable_free(t);
    free(title);
}

/* ---- 4. scostamenti --------------------------------------------------------------------------- */

/* An indicator below its target (or missing where it scores the objective):
 * what, the target in the graduazione column, the value, %, the nota. */
static void scostamento_indicatore(Ctx *c, LayoutTable *t, const EsitoObiettivo *eo, const EsitoIndicatore *e)
{
    char n[16], anno[16], target[128], valore[128] = "", pct[48] = "";
    snprintf(n, sizeof n, "%d", e->n);
    snprintf(anno, sizeof anno, "%d", c->esiti->anno);
    indicator_figure(target, sizeof target, e->indicatore, e->target);
    const char *head_names[] = {"codice", "n", NULL};
    const char *head_values[] = {eo->obiettivo->codice, n};
    char *head = doc_expand(label(c, "scostamento_indicatore"), head_names, head_values);
    char *body = xasprintf("\n%s", e->indicatore->nome ? e->indicatore->nome : "");
    const char *t_names[] = {"anno", "target", NULL};
    const char *t_values[] = {anno, target};
    char *goal = doc_expand(label(c, "indicatore_target"), t_names, t_values);
    bool reported = e->stato != STATO_NON_RILEVATO;
    if (reported && e->has_valore)
        indicator_figure(valore, sizeof valore, e->indicatore, e->valore);
    if (reported)
        percent(pct, sizeof pct, e->percentuale);
    bool has_nota = e->nota && *e->nota;
    TextRun what[2] = {{STYLE_BOLD, head}, {style(c, "testo")->font, body}};
    ltable_row(t, 0);
    ltable_cell_runs(t, what, 2, 1, style(c, "testo"));
    ltable_cell(t, goal, 1, style(c, "testo"));
    ltable_cell(t, reported ? or_dash(valore) : label(c, "indicatore_non_rilevato"), 1,
                style(c, reported ? "testo" : "nota"));
    ltable_cell(t, pct, 1, style(c, "importo"));
    ltable_cell(t, has_nota ? e->nota : label(c, "nota_mancante"), 1, style(c, has_nota ? "testo" : "nota"));
    free(goal);
    free(body);
    free(head);
}

static void build_scostamenti(Ctx *c)
{
    char *title = start_section(c, "sezione_scostamenti");
    paragraph(c, label(c, "scostamenti_testo"), "testo");
    if (plan_has_indicator_targets(c->plan, c->esiti->anno)) /* only then: how indicators are reported */
        paragraph(c, label(c, "scostamenti_indicatori_nota"), "testo");
    layout_space(c->layout, 4);
    if (c->s->scostamenti == 0) {
        paragraph(c, label(c, "scostamenti_nessuno"), "testo");
        free(title);
        return;
    }
    static const char *const heads[] = {"col_azione", "col_graduazione", "col_raggiunto", "col_percentuale", "col_nota",
                                        NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "scostamenti", heads);
    size_t len = (size_t)spec_number(c->spec, "lunghezza_azione");
    for (size_t i = 0; i < c->esiti->n; i++) {
        const EsitoObiettivo *eo = &c->esiti->obiettivi[i];
        if (!obiettivo_del_anno(eo->obiettivo, c->esiti->anno))
            continue;
        for (size_t k = 0; k < eo->n_azioni; k++) {
            const EsitoAzione *e = &eo->azioni[k];
            if (!sintesi_is_scostamento(e))
                continue;
            char *az = doc_shorten(e->azione->azione ? e->azione->azione : "", len);
            char *head = xasprintf("%s \u2013 azione %d", eo->obiettivo->codice, e->azione->n);
            char *body = xasprintf("\n%s", az);
            TextRun what[2] = {{STYLE_BOLD, head}, {style(c, "testo")->font, body}};
            char pct[48];
            bool reported = e->stato != STATO_NON_RILEVATO;
            if (reported)
                percent(pct, sizeof pct, e->percentuale);
            bool has_nota = e->nota && *e->nota;
            ltable_row(t, 0);
            ltable_cell_runs(t, what, 2, 1, style(c, "testo"));
            ltable_cell(t, or_dash(e->azione->graduazione), 1, style(c, "testo"));
            ltable_cell(t, reported ? or_dash(e->raggiunto) : label(c, "non_rilevata"), 1,
                        style(c, reported ? "testo" : "nota"));
            ltable_cell(t, reported ? pct : "", 1, style(c, "importo"));
            ltable_cell(t, has_nota ? e->nota : label(c, "nota_mancante"), 1, style(c, has_nota ? "testo" : "nota"));
            free(head);
            free(body);
            free(az);
        }
        for (size_t k = 0; k < eo->n_indicatori; k++)
            if (sintesi_indicatore_scostamento(eo, &eo->indicatori[k]))
                scostamento_indicatore(c, t, eo, &eo->indicatori[k]);
    }
    layout_table(c->layout, t);
    ltable_free(t);
    free(title);
}

/* ---- 5. personale ------------------------------------------------------------------------------ */

static void count_cell(LayoutTable *t, const Ctx *c, size_t n, const char *st)
{
    char v[32];
    snprintf(v, sizeof v, "%zu", n);
    ltable_cell(t, v, 1, style(c, st));
}

static void euro_row(LayoutTable *t, const Ctx *c, const char *what, int64_t cents)
{
    char v[64];
    text_format_amount(v, sizeof v, (double)cents / 100.0);
    figure_row(t, c, what, v, "importo");
}

/* Bands × categories of the SMVP, then the premi: counts and amounts only. */
static void build_valutazioni(Ctx *c)
{
    const Sistema *sis = c->va->sistema;
    AggregatiValutazione a;
    valutazione_aggregati(c->va, &a);
    size_t nc = a.n_categorie, nf = sis->n_fasce;
    subsection(c, label(c, "valutazioni_titolo"));
    paragraph(c, label(c, "valutazioni_testo"), "testo");
    layout_space(c->layout, 4);
    double *w = xcalloc(nc + 2, sizeof *w);
    w[0] = 3;
    for (size_t k = 1; k < nc + 2; k++)
        w[k] = 1.4;
    LayoutTable *t = ltable_new(w, nc + 2);
    free(w);
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "col_fascia_merito"), 1, style(c, "intestazione"));
    for (size_t k = 0; k < nc; k++)
        ltable_cell(t, sis->categorie[k].nome ? sis->categorie[k].nome : sis->categorie[k].id, 1,
                    style(c, "intestazione"));
    ltable_cell(t, label(c, "col_totale_categorie"), 1, style(c, "intestazione"));
    for (size_t f = 0; f <= nf; f++) {
        size_t row = 0;
        for (size_t k = 0; k < nc; k++)
            row += a.per_fascia[f * nc + k];
        if (f == nf && row == 0)
            continue; /* the last band starts at 0 in most SMVPs: nobody is below it */
        ltable_row(t, 0);
        ltable_cell(t, f < nf ? sis->fasce[f].nome : label(c, "valutazioni_sotto"), 1, style(c, "etichetta"));
        for (size_t k = 0; k < nc; k++)
            count_cell(t, c, a.per_fascia[f * nc + k], "numero");
        count_cell(t, c, row, "numero");
    }
    ltable_row(t, 0);
    ltable_cell(t, label(c, "valutazioni_incomplete"), 1, style(c, "etichetta"));
    for (size_t k = 0; k < nc; k++)
        count_cell(t, c, a.incomplete[k], "numero");
    count_cell(t, c, a.incomplete_totale, "numero");
    ltable_row(t, 0);
    ltable_cell(t, label(c, "valutazioni_totale"), 1, style(c, "etichetta"));
    for (size_t k = 0; k < nc; k++)
        count_cell(t, c, a.valutate[k], "totale");
    count_cell(t, c, a.valutate_totale, "totale");
    layout_table(c->layout, t);
    ltable_free(t);
    if (a.has_premi) {
        subsection(c, label(c, "premi_titolo"));
        paragraph(c, label(c, "premi_testo"), "testo");
        layout_space(c->layout, 4);
        t = table_for(c, "cifre");
        euro_row(t, c, label(c, "premi_stanziati"), a.fondo_centesimi);
        euro_row(t, c, label(c, "premi_distribuiti"), a.distribuito_centesimi);
        char v[64];
        snprintf(v, sizeof v, "%zu", a.con_premio);
        figure_row(t, c, label(c, "premi_beneficiari"), v, "numero");
        if (a.con_premio > 0) {
            euro_row(t, c, label(c, "premi_media"), a.media_centesimi);
            euro_row(t, c, label(c, "premi_minimo"), a.minimo_centesimi);
            euro_row(t, c, label(c, "premi_massimo"), a.massimo_centesimi);
            snprintf(v, sizeof v, "%zu", a.con_maggiorazione);
            figure_row(t, c, label(c, "premi_maggiorazione"), v, "numero");
            double ratio = (double)a.massimo_centesimi / (double)a.minimo_centesimi;
            char r[48];
            text_format_number(r, sizeof r, ratio);
            figure_row(t, c, label(c, "premi_rapporto"), r, "numero");
        }
        if (nf > 0) {
            char *what = expand1(c, label(c, "premi_fascia_alta"), "fascia", sis->fasce[0].nome);
            char pct[48];
            rule_format_percent(pct, sizeof pct, a.con_punteggio ? 100.0 * (double)a.nella_fascia_alta / (double)a.con_punteggio : 0);
            snprintf(v, sizeof v, "%zu (%s)", a.nella_fascia_alta, pct);
            figure_row(t, c, what, v, "numero");
            free(what);
        }
        layout_table(c->layout, t);
        ltable_free(t);
    }
    valutazione_aggregati_free(&a);
}

static void build_personale(Ctx *c)
{
    const Sintesi *s = c->s;
    char *title = start_section(c, "sezione_personale");
    char *text = expand1(c, label(c, "personale_testo"), "formula", PERSONE_FORMULA);
    paragraph(c, text, "testo");
    free(text);
    layout_space(c->layout, 4);
    LayoutTable *t = table_for(c, "cifre");
    char v[32];
    snprintf(v, sizeof v, "%zu", s->persone);
    figure_row(t, c, label(c, "personale_persone"), v, "numero");
    snprintf(v, sizeof v, "%zu", s->persone_valutate);
    figure_row(t, c, label(c, "personale_valutate"), v, "numero");
    snprintf(v, sizeof v, "%zu", s->persone - s->persone_valutate);
    figure_row(t, c, label(c, "personale_non_valutate"), v, "numero");
    layout_table(c->layout, t);
    ltable_free(t);
    layout_need(c->layout, spec_number(c->spec, "spazio_sotto_titolo"));
    paragraph(c, label(c, "personale_fasce"), "titolo_sottosezione");
    band_table(c, s->persone_per_fascia, s->persone_valutate, label(c, "col_persone"));
    if (c->va)
        build_valutazioni(c);
    free(title);
}

/* ---- the document ----------------------------------------------------------------------------------- */

void relazione_sintesi(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const LayoutSpec *spec,
                       Sintesi *out)
{
    double limiti[LAYOUT_MAX_BANDS];
    for (size_t i = 0; i < spec->n_bands; i++)
        limiti[i] = spec->bands[i].da;
    sintesi_compute(plan, esiti, persone, limiti, spec->n_bands, out);
}

char *relazione_title(const Plan *plan, int anno, const LayoutSpec *spec)
{
    Sintesi s = {0};
    s.anno = anno;
    Ctx c = {0};
    c.plan = plan;
    c.s = &s;
    c.spec = spec;
    return expand(&c, spec_label(spec, "titolo_documento"));
}

DisplayDoc relazione_build(const Plan *plan, const Esiti *esiti, const Sintesi *sintesi, const ValutazioniAnno *va,
                           const LayoutSpec *spec, FontSet *fonts, time_t when)
{
    Ctx c = {0};
    c.va = va;
    c.plan = plan;
    c.esiti = esiti;
    c.s = sintesi;
    c.spec = spec;
    c.fonts = fonts;
    /* The detail section's numbered title, for the chart's note. */
    char *dettaglio_title = doc_section_number_title(spec, "dettaglio", "sezione_dettaglio");
    c.dettaglio_title = dettaglio_title;

    Layout *body = layout_new(&spec->page, fonts);
    c.layout = body;
    for (size_t i = 0; i < spec->n_sections; i++) {
        const char *s = spec->sections[i];
        if (strcmp(s, "sintesi") == 0)
            build_sintesi(&c);
        else if (strcmp(s, "gruppi") == 0)
            build_gruppi(&c);
        else if (strcmp(s, "dettaglio") == 0)
            build_dettaglio(&c);
        else if (strcmp(s, "scostamenti") == 0)
            build_scostamenti(&c);
        else if (strcmp(s, "personale") == 0)
            build_personale(&c);
        else
            continue;
        layout_end(body); /* the Sect start_section opened */
    }

    /* Cover and index. */
    DisplayDoc doc = doc_with_front_matter(spec, fonts, plan->ente, when, &c.toc, body, expand_for_front, &c);
    toc_free(&c.toc);
    free(dettaglio_title);
    return doc;
}
