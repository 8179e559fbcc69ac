#include "scheda.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "indicatori.h"
#include "layout.h"
#include "rules.h"
#include "text.h"
#include "utf8.h"

/* ---- what the layout file provides --------------------------------------------------- */

static const char *const LABELS[] = {
    "titolo", "comune", "individuale", "collegamento_bilancio", "missione", "programma", "linea_mandato",
    "dup_strategica", "dup_operativa", "dirigente", "posizione_organizzativa", "referenti", "descrizione",
    "baseline", "target", "stakeholder", "accessibilita", "unita_responsabile", "altra_unita",
    "piano_operativo", "livello_conseguimento", "col_n", "col_peso", "col_azione", "col_tempi",
    "col_indicatori", "col_atteso", "col_graduazione", "col_raggiunto", "col_percentuale", "risorse_umane",
    "personale_coinvolto", "ru_n", "ru_azione", "ru_responsabile", "ru_segue", "finanziaria", "stanziamento",
    "note", "capitolo", "pesatura", "criterio", "peso", "rilevanza", "innovativita", "complessita",
    "beneficio", "peso_totale", "intestazione_centro", "pie_di_pagina", "copertina_titolo",
    "copertina_sottotitolo", "copertina_data", "copertina_obiettivi", "indice_titolo", "indice_codice",
    "indice_obiettivo", "indice_dirigente", "indice_pagina", "totale_ponderato", "non_rilevato",
    "non_rilevate", "nota_forzata", "nota_ufficio", "numero_pagina", NULL};
static const char *const STYLES[] = {"testo",   "importo", "etichetta",        "intestazione",    "titolo",
                                     "numero",  "nota",             "pagina",          "copertina_titolo",
                                     "copertina_testo", "copertina_nota", "indice_titolo", NULL};
static const char *const COLUMN_SETS[] = {"intestazione", "collegamenti", "unita",     "piano_operativo",
                                          "risorse_umane", "finanziaria", "pesatura", "indice", NULL};
static const size_t COLUMN_COUNTS[] = {3, 4, 5, 9, 13, 6, 9, 4};
static const char *const NUMBERS[] = {"righe_piano_operativo", "righe_finanziaria", "altezza_riga_vuota",
                                      "lunghezza_segnalibro", "lunghezza_indice", NULL};
static const char *const SECTIONS[] = {"intestazione", "collegamenti", "unita", "piano_operativo",
                                       "risorse_umane", "finanziaria", "pesatura", NULL};

/* Labels newer than the first layout files: a copy made before keeps working. */
static const char *const LABEL_DEFAULTS[] = {
    "casella_selezionata", "casella barrata", "casella_vuota", "casella vuota",
    /* the objective's % from its indicators (docs/formato.md §7) */
    "totale_indicatori", "RAGGIUNGIMENTO DELL'OBIETTIVO NEL {anno} – dagli indicatori (nessuna azione nell'anno)",
    "media_indicatori", "MEDIA DEGLI INDICATORI NEL {anno} – riportata accanto: il risultato dell'obiettivo è quello delle azioni",
    "non_rilevati_indicatori", "{numero} indicatori non rilevati",
    "nota_indicatori", "Come si forma: {formula}.",
    "nota_indicatori_accanto", "Indicatori del {anno} (non entrano nel risultato, che è quello delle azioni: {risultato}): {formula}.",
    "media_pesata_indicatori", "media pesata sui pesi degli indicatori rilevati",
    "media_semplice_indicatori", "media semplice degli indicatori rilevati",
    NULL};
/* Sections with their own columns: the indicators table. "target"
 * is one column per year of the objective's triennio. */
static const char *const INDICATOR_KEYS[] = {"nome",     "tipo",    "unita",  "fonte", "formula",    "verso",
                                             "peso",     "baseline", "target", "valore", "percentuale", NULL};
/* Label/value rows of any header field, and of §7's tipologia, peso,
 * collegamenti (a row each) and campi (a row each, with its own label). */
static const char *const ROW_KEYS[] = {"codice", "triennio", "tipo", "tipologia", "peso", "bilancio", "linea_mandato",
                                       "dup_strategica", "dup_operativa", "dirigente", "posizione_organizzativa",
                                       "referenti", "descrizione", "baseline", "target", "stakeholder",
                                       "accessibilita", "unita_responsabile", "altre_unita", "collegamenti", "campi",
                                       NULL};
/* The actions of each annualità against the twelve months ("mesi"). */
static const char *const CRONO_KEYS[] = {"n", "azione", "peso", "scadenza", "mesi", NULL};
static const ColumnSection COLUMN_SECTIONS[] = {{"indicatori", INDICATOR_KEYS, false},
                                                {"righe", ROW_KEYS, true},
                                                {"cronoprogramma", CRONO_KEYS, false},
                                                {NULL, NULL, false}};
const LayoutNeeds SCHEDA_NEEDS = {LABELS,         STYLES, COLUMN_SETS, COLUMN_COUNTS, NUMBERS, SECTIONS, false,
                                  LABEL_DEFAULTS, NULL,   COLUMN_SECTIONS};

/* Persons per row of the risorse umane table: the form's ten columns. */
#define PEOPLE_PER_ROW 10

/* ---- small helpers --------------------------------------------------------------------- */

typedef struct {
    const Plan *plan;
    const LayoutSpec *spec;
    FontSet *fonts;
    Layout *layout;
    const Obiettivo *o;
    const Esiti *esiti; /* NULL: no results printed */
} Ctx;

static const CellStyle *style(const Ctx *c, const char *name) { return spec_style(c->spec, name); }
static const char *label(const Ctx *c, const char *key) { return spec_label(c->spec, key); }
static const char *or_empty(const char *s) { return s ? s : ""; }

static LayoutTable *table_for(const Ctx *c, const char *set) { return doc_table(c->spec, set); }

static char *expand_common(const Ctx *c, const char *tpl)
{
    char *tri = doc_triennio(c->o ? c->o->triennio : c->plan->triennio);
    const char *names[] = {"ente", "triennio", "codice", NULL};
    const char *values[] = {or_empty(c->plan->ente), tri, c->o ? or_empty(c->o->codice) : ""};
    char *s = doc_expand(tpl, names, values);
    free(tri);
    return s;
}

/* ---- the sections of the form ------------------------------------------------------------ */

static void section_intestazione(Ctx *c)
{
    const Obiettivo *o = c->o;
    LayoutTable *t = table_for(c, "intestazione");
    char *tri = doc_triennio(o->triennio);
    char *title = xasprintf("%s %s", label(c, "titolo"), tri);
    ltable_row(t, 0);
    ltable_cell(t, title, 1, style(c, "titolo"));
    CellStyle box = *style(c, "etichetta");
    box.valign = VALIGN_MIDDLE;
    box.role = TEXT_BODY; /* a choice, not the heading of a row */
    bool comune = o->tipo == TIPO_COMUNE, individuale = o->tipo == TIPO_INDIVIDUALE;
    ltable_cell_checkbox(t, comune, label(c, comune ? "casella_selezionata" : "casella_vuota"), label(c, "comune"), 1,
                         &box);
    ltable_cell_checkbox(t, individuale, label(c, individuale ? "casella_selezionata" : "casella_vuota"),
                         label(c, "individuale"), 1, &box);
    if (o->nota_tipo && *o->nota_tipo) {
        ltable_row(t, 0);
        ltable_cell(t, o->nota_tipo, 3, style(c, "nota"));
    }
    layout_table(c->layout, t);
    ltable_free(t);
    free(title);
    free(tri);
}

static void label_value_row(Ctx *c, LayoutTable *t, const char *label_key, const char *value,
                            const char *right_key, const char *right_value)
{
    ltable_row(t, 0);
    ltable_cell(t, label(c, label_key), 1, style(c, "etichetta"));
    ltable_cell_repeat(t);
    if (right_key) {
        ltable_cell(t, or_empty(value), 1, style(c, "testo"));
        ltable_cell(t, label(c, right_key), 1, style(c, "etichetta"));
        ltable_cell_repeat(t);
        ltable_cell(t, or_empty(right_value), 1, style(c, "testo"));
    } else {
        ltable_cell(t, or_empty(value), 3, style(c, "testo"));
    }
}

static void section_collegamenti(Ctx *c)
{
    const Obiettivo *o = c->o;
    LayoutTable *t = table_for(c, "collegamenti");
    /* Collegamento al bilancio: one line per missione / programma. */
    StrBuf mis = {0}, prog = {0};
    for (size_t i = 0; i < o->n_bilancio; i++) {
        const char *sep = i ? "\n" : "";
        char *m = o->bilancio[i].missione ? xasprintf("%s%s %s", sep, label(c, "missione"), o->bilancio[i].missione)
                                          : xasprintf("%s", sep);
        char *p = o->bilancio[i].programma
                      ? xasprintf("%s%s %s", sep, label(c, "programma"), o->bilancio[i].programma)
                      : xasprintf("%s", sep);
        strbuf_puts(&mis, m);
        strbuf_puts(&prog, p);
        free(m);
        free(p);
    }
    ltable_row(t, 0);
    ltable_cell(t, label(c, "collegamento_bilancio"), 1, style(c, "etichetta"));
    ltable_cell(t, mis.data ? mis.data : "", 1, style(c, "testo"));
    ltable_cell(t, prog.data ? prog.data : "", 2, style(c, "testo"));
    strbuf_free(&mis);
    strbuf_free(&prog);

    label_value_row(c, t, "linea_mandato", o->linea_mandato, NULL, NULL);
    label_value_row(c, t, "dup_strategica", o->dup_strategica, "dirigente", o->dirigente);
    label_value_row(c, t, "dup_operativa", o->dup_operativa, "posizione_organizzativa", o->posizione_organizzativa);
    label_value_row(c, t, "descrizione", o->descrizione, "referenti", o->referenti);
    label_value_row(c, t, "baseline", o->baseline, NULL, NULL);
    label_value_row(c, t, "target", o->target, NULL, NULL);
    label_value_row(c, t, "stakeholder", o->stakeholder, NULL, NULL);
    label_value_row(c, t, "accessibilita", o->accessibilita, NULL, NULL);
    layout_table(c->layout, t);
    ltable_free(t);
}

static void section_unita(Ctx *c)
{
    const Obiettivo *o = c->o;
    LayoutTable *t = table_for(c, "unita");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "unita_responsabile"), 1, style(c, "intestazione"));
    for (int i = 0; i < 4; i++)
        ltable_cell(t, label(c, "altra_unita"), 1, style(c, "intestazione"));
    ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
    ltable_cell(t, or_empty(o->unita_responsabile), 1, style(c, "testo"));
    for (size_t i = 0; i < 4; i++) {
        if (i == 3 && o->n_altre_unita > 4) {
            /* The fourth box takes the rest, one per line: none is dropped. */
            StrBuf b = {0};
            for (size_t k = 3; k < o->n_altre_unita; k++) {
                if (k > 3)
                    strbuf_puts(&b, "\n");
                strbuf_puts(&b, o->altre_unita[k]);
            }
            ltable_cell(t, b.data, 1, style(c, "testo"));
            strbuf_free(&b);
        } else {
            ltable_cell(t, i < o->n_altre_unita ? o->altre_unita[i] : "", 1, style(c, "testo"));
        }
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

/* How the indicators' figure of the year is formed, in words: "media pesata sui pesi degli indicatori
 * rilevati: Tempo medio 75,00 % (peso 60); Pratiche 90,00 % (peso 40)". New string. */
static char *indicators_formula(const Ctx *c, const EsitoObiettivo *eo)
{
    bool weighted = false;
    for (size_t k = 0; k < eo->n_indicatori; k++)
        weighted |= eo->indicatori[k].indicatore->has_peso;
    StrBuf b = {0};
    strbuf_puts(&b, label(c, weighted ? "media_pesata_indicatori" : "media_semplice_indicatori"));
    const char *sep = ": ";
    for (size_t k = 0; k < eo->n_indicatori; k++) {
        const EsitoIndicatore *e = &eo->indicatori[k];
        if (!e->has_target)
            continue;
        char pct[32] = "", peso[32] = "";
        if (e->stato == STATO_NON_RILEVATO)
            snprintf(pct, sizeof pct, "%s", label(c, "non_rilevato"));
        else
            rule_format_percent(pct, sizeof pct, e->percentuale);
        if (weighted)
            text_format_number(peso, sizeof peso, indicatore_peso(eo->obiettivo, e->indicatore));
        char *item = weighted ? xasprintf("%s%s %s (peso %s)", sep, or_empty(e->indicatore->nome), pct, peso)
                              : xasprintf("%s%s %s", sep, or_empty(e->indicatore->nome), pct);
        strbuf_puts(&b, item);
        free(item);
        sep = "; ";
    }
    return b.data;
}

/* The row of the indicators' figure under a table of label_span + 2 columns: label, missing, %;
 * "non rilevato" when no indicator has a value. */
static void indicators_total_row(Ctx *c, LayoutTable *t, const EsitoObiettivo *eo, const char *anno, const char *key,
                                 int label_span)
{
    char total[48], count[16];
    if (eo->has_percentuale_indicatori)
        rule_format_percent(total, sizeof total, eo->percentuale_indicatori);
    else
        snprintf(total, sizeof total, "%s", label(c, "non_rilevato"));
    snprintf(count, sizeof count, "%zu", eo->indicatori_non_rilevati);
    const char *names[] = {"anno", "numero", NULL};
    const char *values[] = {anno, count};
    char *lab = doc_expand(label(c, key), names, values);
    char *missing = eo->indicatori_non_rilevati ? doc_expand(label(c, "non_rilevati_indicatori"), names, values)
                                                : xstrdup("");
    CellStyle right = *style(c, "etichetta");
    right.align = ALIGN_RIGHT;
    CellStyle bold = *style(c, eo->has_percentuale_indicatori ? "importo" : "nota");
    bold.font = STYLE_BOLD;
    ltable_row(t, 0);
    ltable_cell(t, lab, label_span, &right);
    ltable_cell(t, missing, 1, style(c, "nota"));
    ltable_cell(t, total, 1, &bold);
    free(lab);
    free(missing);
}

/* The small print under a table: how the indicators' figure is formed; beside actions, that the
 * objective's result is the actions'. */
static void indicators_note(Ctx *c, const EsitoObiettivo *eo, const char *anno)
{
    char *formula = indicators_formula(c, eo), result[48] = "";
    if (eo->has_percentuale)
        rule_format_percent(result, sizeof result, eo->percentuale);
    else
        snprintf(result, sizeof result, "%s", label(c, "non_rilevato"));
    const char *names[] = {"anno", "formula", "risultato", NULL};
    const char *values[] = {anno, formula, result};
    char *line = doc_expand(label(c, eo->da_indicatori ? "nota_indicatori" : "nota_indicatori_accanto"), names, values);
    TextRun run = {style(c, "nota")->font, line};
    layout_paragraph(c->layout, &run, 1, style(c, "nota"));
    layout_space(c->layout, c->spec->page.table_gap);
    free(line);
    free(formula);
}

/* The two header rows: "PIANO OPERATIVO n° ANNUALITÀ – year" and the columns. */
static void piano_header(Ctx *c, LayoutTable *t, size_t ordinal, const char *anno)
{
    ltable_set_header_rows(t, 2);
    char num[8];
    snprintf(num, sizeof num, "%zu", ordinal);
    const char *names[] = {"n", "anno", NULL};
    const char *values[] = {num, anno};
    char *title = doc_expand(label(c, "piano_operativo"), names, values);
    ltable_row(t, 0);
    ltable_cell(t, title, 7, style(c, "intestazione"));
    ltable_cell(t, label(c, "livello_conseguimento"), 2, style(c, "intestazione"));
    free(title);
    static const char *const heads[] = {"col_n", "col_peso", "col_azione", "col_tempi", "col_indicatori",
                                        "col_atteso", "col_graduazione", "col_raggiunto", "col_percentuale"};
    ltable_row(t, 0);
    for (size_t i = 0; i < 9; i++)
        ltable_cell(t, label(c, heads[i]), 1, style(c, "intestazione"));
}

/* The % of a reported action with its note: a numbered footnote, the
 * office's reason and whether it replaced the rule, added to notes. */
static void action_percent(Ctx *c, const Azione *z, const EsitoAzione *e, char *pct, size_t size, StrBuf *notes,
                           size_t *n_notes)
{
    rule_format_percent(pct, size, e->percentuale);
    if (!e->nota || !*e->nota)
        return;
    char mark[16], azione[16];
    snprintf(mark, sizeof mark, "%zu", ++*n_notes);
    snprintf(azione, sizeof azione, "%d", z->n);
    const char *note_names[] = {"numero", "azione", "nota", NULL};
    const char *note_values[] = {mark, azione, e->nota};
    char *line = doc_expand(label(c, e->stato == STATO_FORZATO ? "nota_forzata" : "nota_ufficio"), note_names,
                            note_values);
    if (notes->len)
        strbuf_puts(notes, "\n");
    strbuf_puts(notes, line);
    free(line);
    size_t l = strlen(pct);
    snprintf(pct + l, size - l, " (%s)", mark);
}

/* One action's row: the plan's columns, then RAGGIUNTO and % when the year has results. */
static void action_row(Ctx *c, LayoutTable *t, const Azione *z, const EsitoAzione *e, StrBuf *notes,
                       size_t *n_notes)
{
    char n[16] = "", peso[32] = "", pct[48] = "";
    snprintf(n, sizeof n, "%d", z->n);
    if (z->has_peso)
        text_format_number(peso, sizeof peso, z->peso);
    ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
    ltable_cell(t, n, 1, style(c, "numero"));
    ltable_cell(t, peso, 1, style(c, "numero"));
    ltable_cell(t, or_empty(z->azione), 1, style(c, "testo"));
    ltable_cell(t, or_empty(z->tempi), 1, style(c, "testo"));
    ltable_cell(t, or_empty(z->indicatore), 1, style(c, "testo"));
    ltable_cell(t, or_empty(z->atteso), 1, style(c, "testo"));
    ltable_cell(t, or_empty(z->graduazione), 1, style(c, "testo"));
    if (e && e->stato == STATO_NON_RILEVATO) {
        ltable_cell(t, label(c, "non_rilevato"), 1, style(c, "nota"));
        ltable_cell(t, "", 1, style(c, "importo"));
    } else if (e) {
        action_percent(c, z, e, pct, sizeof pct, notes, n_notes);
        ltable_cell(t, e->raggiunto ? e->raggiunto : "", 1, style(c, "testo"));
        ltable_cell(t, pct, 1, style(c, "importo"));
    } else {
        ltable_cell(t, "", 1, style(c, "testo"));
        ltable_cell(t, "", 1, style(c, "testo"));
    }
}

/* The weighted total: Σ(peso × %) / Σ(peso) over the reported actions. */
static void piano_total_row(Ctx *c, LayoutTable *t, const EsitoObiettivo *eo, const char *anno)
{
    char total[48] = "", count[16];
    if (eo->has_percentuale)
        rule_format_percent(total, sizeof total, eo->percentuale);
    snprintf(count, sizeof count, "%zu", eo->non_rilevate);
    const char *total_names[] = {"anno", "numero", NULL};
    const char *total_values[] = {anno, count};
    char *lab = doc_expand(label(c, "totale_ponderato"), total_names, total_values);
    char *missing = eo->non_rilevate ? doc_expand(label(c, "non_rilevate"), total_names, total_values) : xstrdup("");
    CellStyle right = *style(c, "etichetta");
    right.align = ALIGN_RIGHT;
    CellStyle bold = *style(c, "importo");
    bold.font = STYLE_BOLD;
    ltable_row(t, 0);
    ltable_cell(t, lab, 7, &right);
    ltable_cell(t, missing, 1, style(c, "nota"));
    ltable_cell(t, total, 1, &bold);
    free(lab);
    free(missing);
}

/* The notes under the table, as a list: one item per note. */
static void piano_notes(Ctx *c, StrBuf *notes)
{
    layout_begin(c->layout, ROLE_L, NULL);
    for (char *line = notes->data, *end; line; line = end ? end + 1 : NULL) {
        end = strchr(line, '\n');
        if (end)
            *end = '\0';
        TextRun run = {style(c, "nota")->font, line};
        layout_begin(c->layout, ROLE_LI, NULL);
        layout_begin(c->layout, ROLE_LBODY, NULL);
        layout_paragraph(c->layout, &run, 1, style(c, "nota"));
        layout_end(c->layout);
        layout_end(c->layout);
    }
    layout_end(c->layout);
    layout_space(c->layout, c->spec->page.table_gap);
}

static void piano_table(Ctx *c, size_t ordinal, int year, const Annualita *a)
{
    LayoutTable *t = table_for(c, "piano_operativo");
    char anno[8];
    snprintf(anno, sizeof anno, "%d", year);
    piano_header(c, t, ordinal, anno);
    int last_n = 0;
    size_t n_actions = a ? a->n_azioni : 0;
    /* Results of this year, when given: RAGGIUNTO, % and notes. */
    const EsitoObiettivo *eo = c->esiti && c->esiti->anno == year ? esiti_for(c->esiti, c->o) : NULL;
    StrBuf notes = {0};
    size_t n_notes = 0;
    for (size_t i = 0; i < n_actions; i++) {
        const Azione *z = &a->azioni[i];
        action_row(c, t, z, eo && i < eo->n_azioni ? &eo->azioni[i] : NULL, &notes, &n_notes);
        if (z->n > last_n)
            last_n = z->n;
    }
    /* The form's empty numbered rows, up to the minimum. */
    size_t min_rows = (size_t)spec_number(c->spec, "righe_piano_operativo");
    for (size_t i = n_actions; i < min_rows; i++) {
        char n[16];
        snprintf(n, sizeof n, "%d", ++last_n);
        ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
        ltable_cell(t, n, 1, style(c, "numero"));
        for (int k = 0; k < 8; k++)
            ltable_cell(t, "", 1, style(c, "testo"));
    }
    if (eo && n_actions > 0)
        piano_total_row(c, t, eo, anno);
    /* docs/formato.md §7: without actions the objective's % is its indicators'; with actions
     * the indicators' figure is reported beside it */
    bool indicators = eo && eo->indicatori_con_target > 0;
    if (indicators)
        indicators_total_row(c, t, eo, anno, n_actions > 0 ? "media_indicatori" : "totale_indicatori", 7);
    layout_table(c->layout, t);
    ltable_free(t);
    if (indicators)
        indicators_note(c, eo, anno);
    if (notes.len)
        piano_notes(c, &notes);
    strbuf_free(&notes);
}

static void section_piano(Ctx *c)
{
    const Obiettivo *o = c->o;
    size_t ordinal = 0;
    for (int year = o->triennio[0]; year <= o->triennio[1]; year++)
        piano_table(c, ++ordinal, year, obiettivo_annualita(o, year));
    /* An annualità outside the triennio (verifica warns) still prints. */
    for (size_t i = 0; i < o->n_annualita; i++)
        if (o->annualita[i].anno < o->triennio[0] || o->annualita[i].anno > o->triennio[1])
            piano_table(c, ++ordinal, o->annualita[i].anno, &o->annualita[i]);
}

static char *person_text(const Partecipante *p)
{
    if (!p->has_percentuale)
        return xstrdup(or_empty(p->nome));
    char pct[32];
    text_format_number(pct, sizeof pct, p->percentuale);
    return xasprintf("%s\n%s%%", or_empty(p->nome), pct);
}

static void section_risorse(Ctx *c)
{
    const Obiettivo *o = c->o;
    LayoutTable *t = table_for(c, "risorse_umane");
    ltable_set_header_rows(t, 3);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "risorse_umane"), 13, style(c, "intestazione"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "personale_coinvolto"), 13, style(c, "intestazione"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "ru_n"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "ru_azione"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "ru_responsabile"), 1, style(c, "intestazione"));
    for (int i = 1; i <= PEOPLE_PER_ROW; i++) {
        char n[8];
        snprintf(n, sizeof n, "%d", i);
        ltable_cell(t, n, 1, style(c, "intestazione"));
    }
    int first_year = o->n_annualita ? o->annualita[0].anno : o->triennio[0];
    for (size_t i = 0; i < o->n_risorse_umane; i++) {
        const Risorsa *r = &o->risorse_umane[i];
        char n[32];
        /* without an action number the row is for the whole objective (measured by its indicators) */
        char az[16] = "\u2013";
        if (r->azione > 0)
            snprintf(az, sizeof az, "%d", r->azione);
        if (r->anno == first_year)
            snprintf(n, sizeof n, "%s", az);
        else
            snprintf(n, sizeof n, "%s\n(%d)", az, r->anno);
        size_t rows = r->n_personale ? (r->n_personale + PEOPLE_PER_ROW - 1) / PEOPLE_PER_ROW : 1;
        for (size_t k = 0; k < rows; k++) {
            ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
            if (k == 0) {
                ltable_cell(t, n, 1, style(c, "numero"));
                ltable_cell(t, or_empty(r->descrizione), 1, style(c, "testo"));
                ltable_cell(t, or_empty(r->responsabile), 1, style(c, "testo"));
            } else {
                /* The eleventh person and beyond continue here: never dropped. */
                ltable_cell(t, n, 1, style(c, "numero"));
                ltable_cell(t, label(c, "ru_segue"), 1, style(c, "nota"));
                ltable_cell(t, "", 1, style(c, "testo"));
            }
            for (size_t p = 0; p < PEOPLE_PER_ROW; p++) {
                size_t idx = k * PEOPLE_PER_ROW + p;
                if (idx < r->n_personale) {
                    char *txt = person_text(&r->personale[idx]);
                    ltable_cell(t, txt, 1, style(c, r->personale[idx].gruppo ? "nota" : "testo"));
                    free(txt);
                } else {
                    ltable_cell(t, "", 1, style(c, "testo"));
                }
            }
        }
    }
    if (o->n_risorse_umane == 0) {
        ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
        ltable_cell(t, "1", 1, style(c, "numero"));
        for (int k = 0; k < 12; k++)
            ltable_cell(t, "", 1, style(c, "testo"));
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

static void section_finanziaria(Ctx *c)
{
    const Obiettivo *o = c->o;
    LayoutTable *t = table_for(c, "finanziaria");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "finanziaria"), 2, style(c, "intestazione"));
    for (int k = 0; k < 3; k++) {
        char anno[8];
        snprintf(anno, sizeof anno, "%d", o->triennio[0] + k);
        const char *names[] = {"anno", NULL};
        const char *values[] = {anno};
        char *h = doc_expand(label(c, "stanziamento"), names, values);
        ltable_cell(t, h, 1, style(c, "intestazione"));
        free(h);
    }
    ltable_cell(t, label(c, "note"), 1, style(c, "intestazione"));
    size_t rows = 0;
    for (size_t i = 0; i < o->n_finanziaria; i++, rows++) {
        const Capitolo *k = &o->finanziaria[i];
        ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
        ltable_cell(t, label(c, "capitolo"), 1, style(c, "etichetta"));
        char *cap = k->descrizione && *k->descrizione
                        ? xasprintf("%s%s%s", or_empty(k->capitolo), k->capitolo ? "\n" : "", k->descrizione)
                        : xstrdup(or_empty(k->capitolo));
        ltable_cell(t, cap, 1, style(c, "testo"));
        free(cap);
        for (int y = 0; y < 3; y++) {
            char amount[64] = "";
            for (size_t s = 0; s < k->n_stanziamenti; s++)
                if (k->stanziamenti[s].anno == o->triennio[0] + y)
                    text_format_amount(amount, sizeof amount, k->stanziamenti[s].importo);
            ltable_cell(t, amount, 1, style(c, "importo"));
        }
        /* Amounts for years outside the three columns go into the notes. */
        StrBuf note = {0};
        if (k->note)
            strbuf_puts(&note, k->note);
        for (size_t s = 0; s < k->n_stanziamenti; s++) {
            int yr = k->stanziamenti[s].anno;
            if (yr < o->triennio[0] || yr > o->triennio[0] + 2) {
                char amount[64];
                text_format_amount(amount, sizeof amount, k->stanziamenti[s].importo);
                char *line = xasprintf("%s%d: %s", note.len ? "\n" : "", yr, amount);
                strbuf_puts(&note, line);
                free(line);
            }
        }
        ltable_cell(t, note.data ? note.data : "", 1, style(c, "testo"));
        strbuf_free(&note);
    }
    size_t min_rows = (size_t)spec_number(c->spec, "righe_finanziaria");
    for (; rows < min_rows; rows++) {
        ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
        ltable_cell(t, label(c, "capitolo"), 1, style(c, "etichetta"));
        for (int k = 0; k < 5; k++)
            ltable_cell(t, "", 1, style(c, "testo"));
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

static void section_pesatura(Ctx *c)
{
    const Pesatura *w = &c->o->pesatura;
    LayoutTable *t = table_for(c, "pesatura");
    ltable_set_header_rows(t, 2);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "pesatura"), 9, style(c, "intestazione"));
    ltable_row(t, 0);
    for (int i = 0; i < 4; i++) {
        ltable_cell(t, label(c, "criterio"), 1, style(c, "intestazione"));
        ltable_cell(t, label(c, "peso"), 1, style(c, "intestazione"));
    }
    ltable_cell(t, label(c, "peso_totale"), 1, style(c, "intestazione"));
    const char *keys[] = {"rilevanza", "innovativita", "complessita", "beneficio"};
    double values[] = {w->rilevanza, w->innovativita, w->complessita, w->beneficio};
    ltable_row(t, spec_number(c->spec, "altezza_riga_vuota"));
    for (int i = 0; i < 4; i++) {
        char v[32] = "";
        if (w->present)
            text_format_number(v, sizeof v, values[i]);
        ltable_cell(t, label(c, keys[i]), 1, style(c, "etichetta"));
        ltable_cell(t, v, 1, style(c, "numero"));
    }
    char total[32] = "";
    if (w->present)
        text_format_number(total, sizeof total, pesatura_totale(w));
    ltable_cell(t, total, 1, style(c, "numero"));
    layout_table(c->layout, t);
    ltable_free(t);
}

/* ---- sections with their own columns ------------------------------------------ */

/* The table of a section with its own columns, its title row (when title
 * is not NULL) and its header: the column repeat_key stands for n_values
 * columns of the same width, the i-th labelled by its etichetta with
 * {placeholder} = values[i], or without the placeholder the etichetta and
 * the value (append) or the value alone. */
static LayoutTable *section_table(const Ctx *c, const SectionOptions *opt, const char *title, const char *repeat_key,
                                  const char *placeholder, const char *const *values, int n_values, bool append)
{
    size_t n = 0;
    double *widths = xcalloc(opt->n_colonne * (size_t)n_values + 1, sizeof *widths);
    for (size_t k = 0; k < opt->n_colonne; k++)
        for (int v = 0; v < (strcmp(opt->colonne[k].chiave, repeat_key) == 0 ? n_values : 1); v++)
            widths[n++] = opt->colonne[k].larghezza;
    LayoutTable *t = ltable_new(widths, n);
    free(widths);
    if (title) {
        ltable_row(t, 0);
        ltable_cell(t, title, (int)n, style(c, "titolo"));
    }
    ltable_set_header_rows(t, title ? 2 : 1);
    ltable_row(t, 0);
    char *tag = xasprintf("{%s}", placeholder);
    for (size_t k = 0; k < opt->n_colonne; k++) {
        const SectionColumn *col = &opt->colonne[k];
        if (strcmp(col->chiave, repeat_key) != 0) {
            ltable_cell(t, col->etichetta, 1, style(c, "intestazione"));
            continue;
        }
        for (int v = 0; v < n_values; v++) {
            const char *names[] = {placeholder, NULL}, *one[] = {values[v]};
            char *text = strstr(col->etichetta, tag) ? doc_expand(col->etichetta, names, one)
                         : append                    ? xasprintf("%s %s", col->etichetta, values[v])
                                                     : xstrdup(values[v]);
            ltable_cell(t, text, 1, style(c, "intestazione"));
            free(text);
        }
    }
    free(tag);
    return t;
}

/* ---- indicators (docs/formato.md §7), a section with its own columns ---------------------------- */

/* The years a "target" column stands for: the objective's triennio. */
static int target_years(const Obiettivo *o)
{
    int n = o->triennio[1] - o->triennio[0] + 1;
    return n < 1 ? 1 : n > 10 ? 10 : n;
}

static char *number_text(double v)
{
    char b[64];
    text_format_number(b, sizeof b, v);
    return xstrdup(b);
}

/* The text of column key for indicator k (year: for "target"). */
static char *indicator_cell(const Ctx *c, const Indicatore *ind, const EsitoIndicatore *e, const char *key, int year)
{
    double t;
    if (strcmp(key, "nome") == 0)
        return xstrdup(or_empty(ind->nome));
    if (strcmp(key, "tipo") == 0)
        return xstrdup(or_empty(ind->tipo));
    if (strcmp(key, "unita") == 0)
        return xstrdup(or_empty(ind->unita));
    if (strcmp(key, "fonte") == 0)
        return xstrdup(or_empty(ind->fonte));
    if (strcmp(key, "formula") == 0)
        return xstrdup(or_empty(ind->formula));
    if (strcmp(key, "verso") == 0)
        return xstrdup(ind->verso == VERSO_DECRESCENTE ? "decrescente" : "crescente");
    if (strcmp(key, "peso") == 0)
        return ind->has_peso ? number_text(ind->peso) : xstrdup("");
    if (strcmp(key, "baseline") == 0) {
        if (!ind->has_baseline)
            return xstrdup("");
        char *v = number_text(ind->baseline_valore), *r = xasprintf("%s (%d)", v, ind->baseline_anno);
        free(v);
        return r;
    }
    if (strcmp(key, "target") == 0)
        return indicatore_target(ind, year, &t) ? number_text(t) : xstrdup("");
    if (!e) /* valore and percentuale: only with results */
        return xstrdup("");
    if (e->stato == STATO_NON_RILEVATO)
        return xstrdup(e->has_target ? label(c, "non_rilevato") : "");
    if (strcmp(key, "valore") == 0)
        return e->has_valore ? number_text(e->valore) : xstrdup("");
    char pct[32];
    rule_format_percent(pct, sizeof pct, e->percentuale);
    return xstrdup(pct);
}

static void section_indicatori(Ctx *c, const SectionOptions *opt)
{
    const Obiettivo *o = c->o;
    if (!opt || o->n_indicatori == 0)
        return; /* nothing to show: the form has no empty indicators table */
    int years = target_years(o);
    char year_text[10][16];
    const char *year_of[10];
    for (int y = 0; y < years; y++) {
        snprintf(year_text[y], sizeof year_text[y], "%d", o->triennio[0] + y);
        year_of[y] = year_text[y];
    }
    LayoutTable *t = section_table(c, opt, opt->titolo, "target", "anno", year_of, years, true);
    const EsitoObiettivo *eo = c->esiti ? esiti_for(c->esiti, o) : NULL;
    for (size_t i = 0; i < o->n_indicatori; i++) {
        const Indicatore *ind = &o->indicatori[i];
        const EsitoIndicatore *e = eo && i < eo->n_indicatori ? &eo->indicatori[i] : NULL;
        ltable_row(t, 0);
        for (size_t k = 0; k < opt->n_colonne; k++) {
            const char *key = opt->colonne[k].chiave;
            bool target = strcmp(key, "target") == 0;
            bool number = target || strcmp(key, "peso") == 0 || strcmp(key, "valore") == 0 ||
                          strcmp(key, "percentuale") == 0 || strcmp(key, "baseline") == 0;
            for (int y = 0; y < (target ? years : 1); y++) {
                char *text = indicator_cell(c, ind, e, key, o->triennio[0] + y);
                ltable_cell(t, text, 1, style(c, number ? "numero" : "testo"));
                free(text);
            }
        }
    }
    /* the objective's figure from the indicators of the results' year, as under the piano operativo */
    int cells = 0;
    for (size_t k = 0; k < opt->n_colonne; k++)
        cells += strcmp(opt->colonne[k].chiave, "target") == 0 ? years : 1;
    bool total = eo && eo->indicatori_con_target > 0 && cells >= 3;
    char anno[8] = "";
    if (total) {
        snprintf(anno, sizeof anno, "%d", c->esiti->anno);
        indicators_total_row(c, t, eo, anno, eo->n_azioni > 0 ? "media_indicatori" : "totale_indicatori", cells - 2);
    }
    layout_table(c->layout, t);
    ltable_free(t);
    if (total)
        indicators_note(c, eo, anno);
}

/* ---- label/value rows, a section with its own rows ------------------------------------ */

/* The value of a plain field for the rows section (new string). */
static char *row_value(const Ctx *c, const char *key)
{
    const Obiettivo *o = c->o;
    const struct {
        const char *key, *value;
    } texts[] = {{"codice", o->codice},
                 {"tipologia", o->tipologia},
                 {"linea_mandato", o->linea_mandato},
                 {"dup_strategica", o->dup_strategica},
                 {"dup_operativa", o->dup_operativa},
                 {"dirigente", o->dirigente},
                 {"posizione_organizzativa", o->posizione_organizzativa},
                 {"referenti", o->referenti},
                 {"descrizione", o->descrizione},
                 {"baseline", o->baseline},
                 {"target", o->target},
                 {"stakeholder", o->stakeholder},
                 {"accessibilita", o->accessibilita},
                 {"unita_responsabile", o->unita_responsabile}};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if (strcmp(key, texts[i].key) == 0)
            return xstrdup(or_empty(texts[i].value));
    if (strcmp(key, "triennio") == 0)
        return doc_triennio(o->triennio);
    if (strcmp(key, "tipo") == 0)
        return xstrdup(label(c, o->tipo == TIPO_COMUNE ? "comune" : "individuale"));
    if (strcmp(key, "peso") == 0)
        return o->has_peso ? number_text(o->peso) : xstrdup("");
    StrBuf b = {0};
    if (strcmp(key, "altre_unita") == 0)
        for (size_t i = 0; i < o->n_altre_unita; i++)
            strbuf_printf(&b, "%s%s", i ? "\n" : "", o->altre_unita[i]);
    if (strcmp(key, "bilancio") == 0)
        for (size_t i = 0; i < o->n_bilancio; i++)
            strbuf_printf(&b, "%s%s %s \u2013 %s %s", i ? "\n" : "", label(c, "missione"),
                          or_empty(o->bilancio[i].missione), label(c, "programma"), or_empty(o->bilancio[i].programma));
    return b.data ? b.data : xstrdup("");
}

static void value_row(const Ctx *c, LayoutTable *t, const char *name, const char *value, size_t *rows)
{
    (*rows)++;
    ltable_row(t, 0);
    ltable_cell(t, name, 1, style(c, "etichetta"));
    ltable_cell(t, value, 1, style(c, "testo"));
}

static void section_righe(Ctx *c, const SectionOptions *opt)
{
    const Obiettivo *o = c->o;
    if (!opt)
        return;
    LayoutTable *t = ltable_new(opt->larghezze, 2);
    size_t rows = 0;
    if (opt->titolo) {
        ltable_row(t, 0);
        ltable_cell(t, opt->titolo, 2, style(c, "titolo"));
        ltable_set_header_rows(t, 1);
    }
    for (size_t k = 0; k < opt->n_colonne; k++) {
        const SectionColumn *row = &opt->colonne[k];
        if (strcmp(row->chiave, "campi") == 0) {
            for (size_t i = 0; i < o->n_campi; i++)
                value_row(c, t, or_empty(o->campi[i].etichetta), or_empty(o->campi[i].valore), &rows);
        } else if (strcmp(row->chiave, "collegamenti") == 0) {
            if (o->n_collegamenti == 0)
                value_row(c, t, row->etichetta, "", &rows);
            for (size_t i = 0; i < o->n_collegamenti; i++) {
                const Collegamento *k2 = &o->collegamenti[i];
                char *v = k2->codice && k2->testo ? xasprintf("%s \u2013 %s", k2->codice, k2->testo)
                                                  : xstrdup(k2->codice ? k2->codice : or_empty(k2->testo));
                value_row(c, t, k2->livello ? k2->livello : row->etichetta, v, &rows);
                free(v);
            }
        } else {
            char *v = row_value(c, row->chiave);
            value_row(c, t, row->etichetta, v, &rows);
            free(v);
        }
    }
    if (rows > 0) /* only campi, and the objective has none: nothing to print */
        layout_table(c->layout, t);
    ltable_free(t);
}

/* ---- cronoprogramma: actions × months --------------------------------------------------- */

static const char *const MONTHS[12] = {"gen", "feb", "mar", "apr", "mag", "giu",
                                       "lug", "ago", "set", "ott", "nov", "dic"};

/* The months of year anno an action takes: from inizio (January when it
 * started before) to scadenza (December when it ends later); without
 * inizio the month of the scadenza only; without scadenza none. */
static void action_months(const Azione *z, int anno, bool marked[12])
{
    memset(marked, 0, 12 * sizeof *marked);
    if (!z->has_scadenza || z->scadenza.year < anno)
        return;
    int last = z->scadenza.year > anno ? 12 : z->scadenza.month;
    int first = last;
    if (z->has_inizio)
        first = z->inizio.year < anno ? 1 : z->inizio.year > anno ? 13 : z->inizio.month;
    else if (z->scadenza.year > anno)
        return; /* only the month of the scadenza, in a later year */
    for (int m = first; m <= last && m <= 12; m++)
        if (m >= 1)
            marked[m - 1] = true;
}

static void section_cronoprogramma(Ctx *c, const SectionOptions *opt)
{
    const Obiettivo *o = c->o;
    if (!opt)
        return;
    CellStyle mark = *style(c, "intestazione");
    mark.role = TEXT_BODY; /* a marked month, not a heading */
    for (size_t a = 0; a < o->n_annualita; a++) {
        const Annualita *an = &o->annualita[a];
        if (an->n_azioni == 0)
            continue;
        char year[16];
        snprintf(year, sizeof year, "%d", an->anno);
        const char *names[] = {"anno", NULL}, *values[] = {year};
        char *title = opt->titolo ? doc_expand(opt->titolo, names, values) : NULL;
        LayoutTable *t = section_table(c, opt, title, "mesi", "mese", MONTHS, 12, false);
        free(title);
        for (size_t i = 0; i < an->n_azioni; i++) {
            const Azione *z = &an->azioni[i];
            bool marked[12];
            action_months(z, an->anno, marked);
            ltable_row(t, 0);
            for (size_t k = 0; k < opt->n_colonne; k++) {
                const char *key = opt->colonne[k].chiave;
                if (strcmp(key, "mesi") == 0) {
                    for (int m = 0; m < 12; m++)
                        ltable_cell(t, marked[m] ? "X" : "", 1, marked[m] ? &mark : style(c, "numero"));
                    continue;
                }
                char *text = NULL;
                if (strcmp(key, "n") == 0)
                    text = xasprintf("%d", z->n);
                else if (strcmp(key, "azione") == 0)
                    text = xstrdup(or_empty(z->azione));
                else if (strcmp(key, "peso") == 0)
                    text = z->has_peso ? number_text(z->peso) : xstrdup("");
                else { /* scadenza */
                    char d[11] = "";
                    if (z->has_scadenza)
                        date_format_it(z->scadenza, d);
                    text = xstrdup(d);
                }
                ltable_cell(t, text, 1, style(c, strcmp(key, "azione") == 0 ? "testo" : "numero"));
                free(text);
            }
        }
        layout_table(c->layout, t);
        ltable_free(t);
    }
}

typedef void (*SectionFn)(Ctx *c);
static const struct {
    const char *name;
    SectionFn fn;
} SECTION_FNS[] = {{"intestazione", section_intestazione}, {"collegamenti", section_collegamenti},
                   {"unita", section_unita},               {"piano_operativo", section_piano},
                   {"risorse_umane", section_risorse},     {"finanziaria", section_finanziaria},
                   {"pesatura", section_pesatura}};

/* Lays out one objective from a new page; returns that page's index. */
static size_t build_scheda(Ctx *c)
{
    const Obiettivo *o = c->o;
    char *centre = expand_common(c, label(c, "intestazione_centro"));
    layout_set_header(c->layout, c->plan->ente, centre, o->codice);
    free(centre);
    layout_new_page(c->layout);
    size_t first_page = layout_page_index(c->layout);
    char *short_desc = doc_shorten(or_empty(o->descrizione), (size_t)spec_number(c->spec, "lunghezza_segnalibro"));
    char *mark = xasprintf("%s \u2013 %s", or_empty(o->codice), short_desc);
    layout_bookmark(c->layout, 0, mark);
    /* one section per objective, titled like its bookmark: the codice is
     * otherwise only in the page header, which a screen reader skips */
    layout_begin(c->layout, ROLE_SECT, mark);
    free(mark);
    free(short_desc);
    for (size_t s = 0; s < c->spec->n_sections; s++) {
        if (strcmp(c->spec->sections[s], "indicatori") == 0)
            section_indicatori(c, c->spec->section_options[s]);
        if (strcmp(c->spec->sections[s], "righe") == 0)
            section_righe(c, c->spec->section_options[s]);
        if (strcmp(c->spec->sections[s], "cronoprogramma") == 0)
            section_cronoprogramma(c, c->spec->section_options[s]);
        for (size_t k = 0; k < sizeof SECTION_FNS / sizeof *SECTION_FNS; k++)
            if (strcmp(c->spec->sections[s], SECTION_FNS[k].name) == 0)
                SECTION_FNS[k].fn(c);
    }
    layout_end(c->layout);
    return first_page;
}

/* ---- cover and index ---------------------------------------------------------------------- */

static void build_cover(Ctx *c, time_t when)
{
    layout_set_header(c->layout, NULL, NULL, NULL);
    layout_new_page(c->layout);
    layout_space(c->layout, (c->spec->page.height - c->spec->page.margin_top - c->spec->page.margin_bottom) * 0.28);
    TextRun run = {STYLE_REGULAR, c->plan->ente ? c->plan->ente : ""};
    run.style = style(c, "copertina_testo")->font;
    layout_paragraph(c->layout, &run, 1, style(c, "copertina_testo"));
    layout_space(c->layout, 6);
    char *title = expand_common(c, label(c, "copertina_titolo"));
    run = (TextRun){style(c, "copertina_titolo")->font, title};
    layout_paragraph(c->layout, &run, 1, style(c, "copertina_titolo"));
    char *sub = expand_common(c, label(c, "copertina_sottotitolo"));
    run = (TextRun){style(c, "copertina_testo")->font, sub};
    layout_paragraph(c->layout, &run, 1, style(c, "copertina_testo"));
    if (c->plan->versione.atto) { /* which version of the plan (docs/formato.md §5) */
        layout_space(c->layout, 6);
        run = (TextRun){style(c, "copertina_nota")->font, c->plan->versione.atto};
        layout_paragraph(c->layout, &run, 1, style(c, "copertina_nota"));
    }
    layout_space(c->layout, 24);
    char count[32], date[16];
    snprintf(count, sizeof count, "%zu", c->plan->n_obiettivi);
    doc_date(date, sizeof date, when);
    const char *names[] = {"numero", "data", NULL};
    const char *values[] = {count, date};
    char *n_text = doc_expand(label(c, "copertina_obiettivi"), names, values);
    char *d_text = doc_expand(label(c, "copertina_data"), names, values);
    run = (TextRun){style(c, "copertina_nota")->font, n_text};
    layout_paragraph(c->layout, &run, 1, style(c, "copertina_nota"));
    run = (TextRun){style(c, "copertina_nota")->font, d_text};
    layout_paragraph(c->layout, &run, 1, style(c, "copertina_nota"));
    free(title);
    free(sub);
    free(n_text);
    free(d_text);
}

/* first_pages[i]: 0-based page of objective i in the final document, or
 * NULL for a first pass that only counts the index pages. */
static void build_index(Ctx *c, const size_t *first_pages)
{
    char *centre = expand_common(c, label(c, "intestazione_centro"));
    layout_set_header(c->layout, c->plan->ente, centre, label(c, "indice_titolo"));
    free(centre);
    layout_new_page(c->layout);
    layout_bookmark(c->layout, 0, label(c, "indice_titolo"));
    TextRun run = {style(c, "indice_titolo")->font, label(c, "indice_titolo")};
    layout_paragraph(c->layout, &run, 1, style(c, "indice_titolo"));
    layout_space(c->layout, 4);
    LayoutTable *t = table_for(c, "indice");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "indice_codice"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "indice_obiettivo"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "indice_dirigente"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "indice_pagina"), 1, style(c, "intestazione"));
    for (size_t i = 0; i < c->plan->n_obiettivi; i++) {
        const Obiettivo *o = &c->plan->obiettivi[i];
        ltable_row(t, 0);
        char *desc = doc_shorten(or_empty(o->descrizione), (size_t)spec_number(c->spec, "lunghezza_indice"));
        char page[16];
        snprintf(page, sizeof page, "%zu", first_pages ? first_pages[i] + 1 : 999);
        if (first_pages) {
            /* where the link leads, for screen readers (PDF/UA): "Scheda SG-01 – …, pagina 4",
               the description as short as the bookmark's */
            char *title = doc_shorten(or_empty(o->descrizione), (size_t)spec_number(c->spec, "lunghezza_segnalibro"));
            char *where = xasprintf("Scheda %s \u2013 %s, pagina %s", or_empty(o->codice), title, page);
            ltable_row_link(t, (int)first_pages[i], where);
            free(where);
            free(title);
        }
        ltable_cell(t, or_empty(o->codice), 1, style(c, "testo"));
        ltable_cell(t, desc, 1, style(c, "testo"));
        ltable_cell(t, or_empty(o->dirigente), 1, style(c, "testo"));
        ltable_cell(t, page, 1, style(c, "numero"));
        free(desc);
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

char *scheda_title(const Plan *plan, const LayoutSpec *spec)
{
    Ctx c = {plan, spec, NULL, NULL, NULL, NULL};
    return expand_common(&c, spec_label(spec, "copertina_titolo"));
}

DisplayDoc scheda_build(const Plan *plan, const Esiti *esiti, const LayoutSpec *spec, FontSet *fonts, time_t when)
{
    /* The schede first: the index needs their page numbers. */
    Layout *body = layout_new(&spec->page, fonts);
    Ctx c = {plan, spec, fonts, body, NULL, esiti};
    size_t *first = xcalloc(plan->n_obiettivi ? plan->n_obiettivi : 1, sizeof *first);
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        c.o = &plan->obiettivi[i];
        first[i] = build_scheda(&c);
    }
    c.o = NULL;

    /* Cover and index: laid out once to count the index pages, then again
     * with the real page numbers (the numbers do not change the layout). */
    Layout *front = layout_new(&spec->page, fonts);
    c.layout = front;
    build_cover(&c, when);
    build_index(&c, NULL);
    size_t front_pages = layout_pages(front)->n_pages;
    layout_free(front);
    for (size_t i = 0; i < plan->n_obiettivi; i++)
        first[i] += front_pages;
    front = layout_new(&spec->page, fonts);
    c.layout = front;
    build_cover(&c, when);
    build_index(&c, first);

    DisplayDoc doc;
    layout_take_pages(front, &doc);
    DisplayDoc rest;
    layout_take_pages(body, &rest);
    display_append(&doc, &rest);
    layout_free(front);
    layout_free(body);
    free(first);

    char *footer = expand_common(&c, spec_label(spec, "pie_di_pagina"));
    layout_furniture(&doc, fonts, &spec->page, footer, spec_label(spec, "numero_pagina"));
    free(footer);
    return doc;
}

DisplayDoc scheda_pages(const Plan *plan, const Obiettivo *const *objs, size_t n, const LayoutSpec *spec,
                        FontSet *fonts)
{
    Layout *body = layout_new(&spec->page, fonts);
    Ctx c = {plan, spec, fonts, body, NULL, NULL};
    for (size_t i = 0; i < n; i++) {
        c.o = objs[i];
        build_scheda(&c);
    }
    DisplayDoc doc;
    layout_take_pages(body, &doc);
    layout_free(body);
    return doc;
}

/* ---- characters no font can print ---------------------------------------------------------- */

static void check_field(FontSet *fonts, const char *text, const char *file, const char *path,
                        const Obiettivo *o, int index, DiagList *diags)
{
    if (!text)
        return;
    StrBuf missing = {0};
    size_t count = 0;
    for (size_t i = 0; text[i];) {
        unsigned cp;
        size_t n = utf8_decode(text + i, &cp);
        if (n == 0) {
            i++;
            continue;
        }
        bool printable = cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0);
        if (printable && cp != ' ' && cp != 0xA0 && !fontset_covers(fonts, cp) && count < 5) {
            char *one = xasprintf("%s«%.*s» (U+%04X)", count ? ", " : "", (int)n, text + i, cp);
            strbuf_puts(&missing, one);
            free(one);
            count++;
        }
        i += n;
    }
    if (count)
        diag_add(diags, DIAG_WARNING, file, path, o ? o->codice : NULL, index,
                 "nessun carattere tipografico può stampare %s: nel PDF non si vedrà", missing.data);
    strbuf_free(&missing);
}

/* check_field at the path formatted from fmt. */
static void check_at(FontSet *fonts, const char *text, const char *file, const Obiettivo *o, int index,
                     DiagList *diags, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void check_at(FontSet *fonts, const char *text, const char *file, const Obiettivo *o, int index,
                     DiagList *diags, const char *fmt, ...)
{
    if (!text)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *path = xvasprintf(fmt, ap);
    va_end(ap);
    check_field(fonts, text, file, path, o, index, diags);
    free(path);
}

/* The texts of docs/formato.md §7 that a profile may print. */
static void check_other_forms(FontSet *fonts, const Obiettivo *o, size_t i, const char *file, DiagList *diags)
{
    int idx = (int)i;
    check_at(fonts, o->tipologia, file, o, idx, diags, "$.obiettivi[%zu].tipologia", i);
    for (size_t k = 0; k < o->n_collegamenti; k++) {
        const Collegamento *c = &o->collegamenti[k];
        check_at(fonts, c->livello, file, o, idx, diags, "$.obiettivi[%zu].collegamenti[%zu].livello", i, k);
        check_at(fonts, c->codice, file, o, idx, diags, "$.obiettivi[%zu].collegamenti[%zu].codice", i, k);
        check_at(fonts, c->testo, file, o, idx, diags, "$.obiettivi[%zu].collegamenti[%zu].testo", i, k);
    }
    for (size_t k = 0; k < o->n_campi; k++) {
        check_at(fonts, o->campi[k].etichetta, file, o, idx, diags, "$.obiettivi[%zu].campi[%zu].etichetta", i, k);
        check_at(fonts, o->campi[k].valore, file, o, idx, diags, "$.obiettivi[%zu].campi[%zu].valore", i, k);
    }
    for (size_t k = 0; k < o->n_indicatori; k++) {
        const Indicatore *ind = &o->indicatori[k];
        const char *keys[] = {"nome", "tipo", "unita", "fonte", "formula"};
        const char *values[] = {ind->nome, ind->tipo, ind->unita, ind->fonte, ind->formula};
        for (size_t f = 0; f < 5; f++)
            check_at(fonts, values[f], file, o, idx, diags, "$.obiettivi[%zu].indicatori[%zu].%s", i, k, keys[f]);
    }
}

void scheda_check_glyphs(const Plan *plan, FontSet *fonts, const char *file, DiagList *diags)
{
    check_field(fonts, plan->ente, file, "$.ente", NULL, -1, diags);
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        int idx = (int)i;
        const struct {
            const char *key, *value;
        } fields[] = {{"codice", o->codice}, {"nota_tipo", o->nota_tipo}, {"linea_mandato", o->linea_mandato},
                      {"dup_strategica", o->dup_strategica}, {"dup_operativa", o->dup_operativa},
                      {"dirigente", o->dirigente}, {"posizione_organizzativa", o->posizione_organizzativa},
                      {"referenti", o->referenti}, {"descrizione", o->descrizione}, {"baseline", o->baseline},
                      {"target", o->target}, {"stakeholder", o->stakeholder}, {"accessibilita", o->accessibilita},
                      {"unita_responsabile", o->unita_responsabile}};
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
            char *p = xasprintf("$.obiettivi[%zu].%s", i, fields[k].key);
            check_field(fonts, fields[k].value, file, p, o, idx, diags);
            free(p);
        }
        for (size_t k = 0; k < o->n_altre_unita; k++)
            check_at(fonts, o->altre_unita[k], file, o, idx, diags, "$.obiettivi[%zu].altre_unita[%zu]", i, k);
        check_other_forms(fonts, o, i, file, diags);
        for (size_t k = 0; k < o->n_bilancio; k++) {
            char *p = xasprintf("$.obiettivi[%zu].bilancio[%zu].missione", i, k);
            check_field(fonts, o->bilancio[k].missione, file, p, o, idx, diags);
            free(p);
            p = xasprintf("$.obiettivi[%zu].bilancio[%zu].programma", i, k);
            check_field(fonts, o->bilancio[k].programma, file, p, o, idx, diags);
            free(p);
        }
        for (size_t a = 0; a < o->n_annualita; a++)
            for (size_t k = 0; k < o->annualita[a].n_azioni; k++) {
                const Azione *z = &o->annualita[a].azioni[k];
                const char *keys[] = {"azione", "tempi", "indicatore", "atteso", "graduazione"};
                const char *values[] = {z->azione, z->tempi, z->indicatore, z->atteso, z->graduazione};
                for (size_t f = 0; f < 5; f++) {
                    char *p = xasprintf("$.obiettivi[%zu].annualita[%zu].azioni[%zu].%s", i, a, k, keys[f]);
                    check_field(fonts, values[f], file, p, o, idx, diags);
                    free(p);
                }
            }
        for (size_t k = 0; k < o->n_risorse_umane; k++) {
            const Risorsa *r = &o->risorse_umane[k];
            char *p = xasprintf("$.obiettivi[%zu].risorse_umane[%zu].descrizione", i, k);
            check_field(fonts, r->descrizione, file, p, o, idx, diags);
            free(p);
            p = xasprintf("$.obiettivi[%zu].risorse_umane[%zu].responsabile", i, k);
            check_field(fonts, r->responsabile, file, p, o, idx, diags);
            free(p);
            for (size_t q = 0; q < r->n_personale; q++) {
                p = xasprintf("$.obiettivi[%zu].risorse_umane[%zu].personale[%zu].nome", i, k, q);
                check_field(fonts, r->personale[q].nome, file, p, o, idx, diags);
                free(p);
            }
        }
        for (size_t k = 0; k < o->n_finanziaria; k++) {
            const Capitolo *cap = &o->finanziaria[k];
            const char *keys[] = {"capitolo", "descrizione", "note"};
            const char *values[] = {cap->capitolo, cap->descrizione, cap->note};
            for (size_t f = 0; f < 3; f++) {
                char *p = xasprintf("$.obiettivi[%zu].finanziaria[%zu].%s", i, k, keys[f]);
                check_field(fonts, values[f], file, p, o, idx, diags);
                free(p);
            }
        }
    }
}
