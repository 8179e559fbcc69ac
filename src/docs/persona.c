#include "persona.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "layout.h"
#include "rules.h"
#include "text.h"
#include "date.h"

static const char *const LABELS[] = {
    "titolo_documento", "intestazione_centro", "pie_di_pagina", "numero_pagina", "prospetto_titolo",
    "prospetto_nota", "senza_area", "col_persona", "col_totale", "col_punteggio", "scheda_titolo", "campo_ente",
    "campo_anno", "campo_nome", "campo_matricola", "campo_area", "col_obiettivo", "col_azione", "col_peso",
    "col_partecipazione", "col_percentuale", "col_contributo", "subtotale", "punteggio", "non_rilevato",
    "non_in_punteggio", "escluse", "formula_titolo", "presa_visione", "presa_visione_testo", "firma_dipendente",
    "firma_dirigente", "firma_data", "nessun_punteggio", "nessuna_persona", NULL};
static const char *const STYLES[] = {"testo", "numero", "importo", "nota", "etichetta", "intestazione", "titolo",
                                     "pagina", "totale", NULL};
static const char *const COLUMN_SETS[] = {"intestazione", "partecipazioni", "firme", NULL};
static const size_t COLUMN_COUNTS[] = {4, 6, 3};
static const char *const NUMBERS[] = {"colonna_nome", "colonna_totale", "obiettivi_per_tabella", "altezza_firma",
                                      "lunghezza_titolo", "lunghezza_azione", NULL};
static const char *const SECTIONS[] = {"prospetto", "schede", NULL};

/* The evaluation sheet (--valutazioni) came after the first layout files: a
 * copy made before keeps working with these texts and column widths. */
static const char *const LABEL_DEFAULTS[] = {
    "intero_obiettivo", "l'intero obiettivo, misurato dagli indicatori (peso 100)",
    "valutazione_titolo", "Scheda di valutazione individuale – anno {anno}",
    "intestazione_valutazione", "Valutazione individuale {anno}",
    "campo_categoria", "Categoria",
    "campo_profilo", "Profilo",
    "campo_orario", "Orario (% del tempo pieno)",
    "campo_servizio", "Servizio nell'anno",
    "sezione_obiettivi", "Contributo agli obiettivi gestionali",
    "nessuna_partecipazione", "Nessuna partecipazione ad azioni dell'anno: la componente dagli obiettivi non ha valore.",
    "sezione_diretti", "Obiettivi della struttura diretta",
    "col_pesatura", "Pesatura",
    "col_risultato", "Risultato",
    "non_valutato", "non valutato",
    "diretti_ponderata", "Valore della componente: media dei risultati pesata sulla pesatura di ciascun obiettivo.",
    "diretti_semplice", "Valore della componente: media semplice dei risultati (non tutti gli obiettivi valutati hanno una pesatura).",
    "diretti_nessuno", "Nessun obiettivo dell'anno ha questa persona come dirigente responsabile.",
    "col_peso_obiettivo", "Peso",
    "diretti_peso", "Valore della componente: media dei risultati pesata sul peso di ciascun obiettivo.",
    "fuori_valutazione", "Righe di obiettivi che il piano esclude dalla valutazione individuale, e che quindi non "
                         "contano nel punteggio: {numero}.",
    "sezione_componenti", "Componenti della valutazione",
    "col_componente", "Componente",
    "col_peso_applicato", "Peso applicato",
    "col_valore", "Valore",
    "col_punti", "Punti",
    "peso_ridistribuito", "peso ridistribuito",
    "ridistribuito_nota", "Una componente senza valore non conta: il suo peso è ripartito in proporzione sulle altre (peso applicato).",
    "punti_nota", "Valori e punti sono arrotondati a due decimali; il punteggio finale è calcolato sui valori esatti e può differire di un centesimo dalla somma dei punti.",
    "punteggio_finale", "PUNTEGGIO FINALE",
    "fascia", "Fascia di merito",
    "senza_fascia", "nessuna fascia",
    "sezione_comportamenti", "Comportamenti organizzativi (voti da {min} a {max})",
    "col_comportamento", "Comportamento",
    "col_voto", "Voto",
    "voto_mancante", "non espresso",
    "senza_valore", "nessun valore",
    "incompleta", "Valutazione incompleta: manca {mancanze}. Punteggio finale, fascia e premio si calcolano quando la valutazione è completa.",
    "campo_valutatore", "Valutatore",
    "campo_data", "Data della valutazione",
    "campo_colloquio", "Colloquio",
    "campo_giudizio", "Giudizio sintetico",
    "commento_titolo", "Commento del valutatore",
    "osservazioni_titolo", "Osservazioni del dipendente",
    "formula_valutazione_titolo", "Come si calcola il punteggio finale",
    "firma_valutatore", "Il valutatore",
    "firma_presa_visione", "Il dipendente, per presa visione",
    NULL};
static const ColumnsDefault COLUMN_DEFAULTS[] = {
    {"componenti", 5, {44, 12, 14, 14, 16}},
    {"comportamenti", 3, {70, 15, 15}},
    {"diretti", 3, {70, 15, 15}},
    {"riquadro", 1, {100}},
    {NULL, 0, {0}}};

const LayoutNeeds PERSONA_NEEDS = {LABELS, STYLES, COLUMN_SETS, COLUMN_COUNTS, NUMBERS, SECTIONS, false, LABEL_DEFAULTS,
                                   COLUMN_DEFAULTS};

typedef struct {
    const Plan *plan;
    const Esiti *esiti;
    const PersoneAnno *persone;
    const LayoutSpec *spec;
    Layout *layout;
    int anno;
} Ctx;

static const CellStyle *style(const Ctx *c, const char *n) { return spec_style(c->spec, n); }
static const char *label(const Ctx *c, const char *k) { return spec_label(c->spec, k); }
static const char *or_dash(const char *s) { return s && *s ? s : "\u2013"; }

static char *expand_doc(const Ctx *c, const char *tpl, const char *extra_name, const char *extra_value)
{
    char anno[16];
    snprintf(anno, sizeof anno, "%d", c->anno);
    const char *names[] = {"ente", "anno", extra_name ? extra_name : "-", NULL};
    const char *values[] = {c->plan->ente ? c->plan->ente : "", anno, extra_value ? extra_value : ""};
    return doc_expand(tpl, names, values);
}

static void paragraph(const Ctx *c, const char *text, const char *style_name)
{
    TextRun run = {style(c, style_name)->font, text};
    layout_paragraph(c->layout, &run, 1, style(c, style_name));
}

static void pct(char *buf, size_t size, bool has, double v)
{
    if (has)
        rule_format_percent(buf, size, v);
    else
        snprintf(buf, size, "%s", "");
}

/* A score as the sheets print it: 83,70 (two decimals, no % sign). */
static void score_text(char *buf, size_t size, double v)
{
    char tmp[48];
    rule_format_percent(tmp, sizeof tmp, v);
    char *nb = strstr(tmp, "\u00A0%");
    if (nb)
        *nb = '\0';
    snprintf(buf, size, "%s", tmp);
}

/* ---- the participation matrix ----------------------------------------------------------- */

/* A person's participation in an objective over the year: Σ(q·w) / Σ(w)
 * over the objective's weighted actions of the year. */
static bool weighted_participation(const Ctx *c, const PersonaAnno *p, const Obiettivo *o, double *out)
{
    const Annualita *a = obiettivo_annualita(o, c->anno);
    double total_w = 0, qw = 0;
    for (size_t k = 0; a && k < a->n_azioni; k++)
        if (a->azioni[k].has_peso)
            total_w += a->azioni[k].peso;
    bool any = false;
    for (size_t r = 0; r < p->n_righe; r++)
        if (p->righe[r].obiettivo == o) {
            any = true;
            if (p->righe[r].has_partecipazione && p->righe[r].has_peso)
                qw += p->righe[r].partecipazione * p->righe[r].peso;
        }
    if (!any)
        return false;
    *out = total_w > 0 ? qw / total_w : 0;
    return true;
}

static const char *area_name(const Ctx *c, const PersonaAnno *p)
{
    return p->registro && p->registro->area ? p->registro->area : label(c, "senza_area");
}

static void matrix_for_area(Ctx *c, size_t from, size_t to)
{
    const PersoneAnno *pa = c->persone;
    /* The objectives the people of this area take part in, in plan order. */
    const Obiettivo **objs = xcalloc(c->plan->n_obiettivi ? c->plan->n_obiettivi : 1, sizeof *objs);
    size_t n_objs = 0;
    for (size_t i = 0; i < c->plan->n_obiettivi; i++) {
        const Obiettivo *o = &c->plan->obiettivi[i];
        bool used = false;
        for (size_t p = from; p < to && !used; p++)
            for (size_t r = 0; r < pa->persone[p].n_righe && !used; r++)
                used = pa->persone[p].righe[r].obiettivo == o;
        if (used)
            objs[n_objs++] = o;
    }
    size_t per_table = (size_t)spec_number(c->spec, "obiettivi_per_tabella");
    if (per_table < 1)
        per_table = 1;
    paragraph(c, area_name(c, &pa->persone[from]), "titolo");
    for (size_t start = 0; start < n_objs; start += per_table) {
        size_t end = start + per_table < n_objs ? start + per_table : n_objs;
        bool last_chunk = end == n_objs;
        size_t n_cols = 1 + (end - start) + (last_chunk ? 2 : 0);
        double *w = xcalloc(n_cols, sizeof *w);
        w[0] = spec_number(c->spec, "colonna_nome");
        for (size_t k = 1; k <= end - start; k++)
            w[k] = 1;
        if (last_chunk)
            w[n_cols - 2] = w[n_cols - 1] = spec_number(c->spec, "colonna_totale");
        LayoutTable *t = ltable_new(w, n_cols);
        free(w);
        ltable_set_header_rows(t, 1);
        ltable_row(t, 0);
        ltable_cell(t, label(c, "col_persona"), 1, style(c, "intestazione"));
        for (size_t k = start; k < end; k++)
            ltable_cell(t, objs[k]->codice, 1, style(c, "intestazione"));
        if (last_chunk) {
            ltable_cell(t, label(c, "col_totale"), 1, style(c, "intestazione"));
            ltable_cell(t, label(c, "col_punteggio"), 1, style(c, "intestazione"));
        }
        for (size_t p = from; p < to; p++) {
            const PersonaAnno *person = &pa->persone[p];
            ltable_row(t, 0);
            ltable_cell(t, person->nome, 1, style(c, "testo"));
            for (size_t k = start; k < end; k++) {
                double v;
                char cell[48] = "";
                if (weighted_participation(c, person, objs[k], &v))
                    pct(cell, sizeof cell, true, v);
                ltable_cell(t, cell, 1, style(c, "importo"));
            }
            if (last_chunk) {
                double sum = 0, v;
                for (size_t k = 0; k < n_objs; k++)
                    if (weighted_participation(c, person, objs[k], &v))
                        sum += v;
                char total[48], score[48] = "";
                pct(total, sizeof total, true, sum);
                if (person->has_punteggio)
                    score_text(score, sizeof score, person->punteggio);
                ltable_cell(t, total, 1, style(c, "importo"));
                ltable_cell(t, score, 1, style(c, "totale"));
            }
        }
        layout_table(c->layout, t);
        ltable_free(t);
    }
    free(objs);
}

static void build_matrix(Ctx *c)
{
    char *centre = expand_doc(c, label(c, "intestazione_centro"), NULL, NULL);
    char *title = expand_doc(c, label(c, "prospetto_titolo"), NULL, NULL);
    layout_set_section(c->layout, 0);
    layout_set_header(c->layout, c->plan->ente, centre, title);
    layout_new_page(c->layout);
    layout_bookmark(c->layout, 0, title);
    paragraph(c, title, "titolo");
    paragraph(c, label(c, "prospetto_nota"), "nota");
    layout_space(c->layout, 6);
    if (c->persone->n == 0)
        paragraph(c, label(c, "nessuna_persona"), "testo");
    for (size_t from = 0; from < c->persone->n;) {
        size_t to = from + 1;
        while (to < c->persone->n &&
               strcmp(area_name(c, &c->persone->persone[to]), area_name(c, &c->persone->persone[from])) == 0)
            to++;
        matrix_for_area(c, from, to);
        from = to;
    }
    free(centre);
    free(title);
}

/* ---- one person's sheet ------------------------------------------------------------------ */

static void info_table(Ctx *c, const FoglioPersona *f)
{
    LayoutTable *t = doc_table(c->spec, "intestazione");
    char anno[16];
    snprintf(anno, sizeof anno, "%d", c->anno);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "campo_ente"), 1, style(c, "etichetta"));
    ltable_cell(t, c->plan->ente ? c->plan->ente : "", 1, style(c, "testo"));
    ltable_cell(t, label(c, "campo_anno"), 1, style(c, "etichetta"));
    ltable_cell(t, anno, 1, style(c, "testo"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "campo_nome"), 1, style(c, "etichetta"));
    ltable_cell(t, f->nome, 1, style(c, "testo"));
    ltable_cell(t, label(c, "campo_matricola"), 1, style(c, "etichetta"));
    ltable_cell(t, or_dash(f->registro ? f->registro->matricola : NULL), 1, style(c, "testo"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "campo_area"), 1, style(c, "etichetta"));
    ltable_cell(t, or_dash(f->registro ? f->registro->area : NULL), 3, style(c, "testo"));
    const ValutazionePersona *v = f->valutazione;
    if (v) {
        char orario[48], servizio[48];
        rule_format_percent(orario, sizeof orario, v->v->orario);
        rule_format_percent(servizio, sizeof servizio, v->v->servizio);
        ltable_row(t, 0);
        ltable_cell(t, label(c, "campo_categoria"), 1, style(c, "etichetta"));
        ltable_cell(t, v->categoria->nome ? v->categoria->nome : v->categoria->id, 1, style(c, "testo"));
        ltable_cell(t, label(c, "campo_profilo"), 1, style(c, "etichetta"));
        ltable_cell(t, or_dash(v->v->profilo), 1, style(c, "testo"));
        ltable_row(t, 0);
        ltable_cell(t, label(c, "campo_orario"), 1, style(c, "etichetta"));
        ltable_cell(t, orario, 1, style(c, "testo"));
        ltable_cell(t, label(c, "campo_servizio"), 1, style(c, "etichetta"));
        ltable_cell(t, servizio, 1, style(c, "testo"));
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

static void participations_table(Ctx *c, const PersonaAnno *p)
{
    LayoutTable *t = doc_table(c->spec, "partecipazioni");
    ltable_set_header_rows(t, 1);
    static const char *const heads[] = {"col_obiettivo", "col_azione", "col_peso", "col_partecipazione",
                                        "col_percentuale", "col_contributo"};
    ltable_row(t, 0);
    for (int i = 0; i < 6; i++)
        ltable_cell(t, label(c, heads[i]), 1, style(c, "intestazione"));
    CellStyle right = *style(c, "etichetta");
    right.align = ALIGN_RIGHT;
    for (size_t s = 0; s < p->n_subtotali; s++) {
        const Obiettivo *o = p->subtotali[s].obiettivo;
        char *short_title = doc_shorten(o->descrizione ? o->descrizione : "", (size_t)spec_number(c->spec, "lunghezza_titolo"));
        char *obj = xasprintf("%s\n%s", o->codice, short_title);
        free(short_title);
        bool first = true;
        for (size_t r = 0; r < p->n_righe; r++) {
            const RigaPersona *x = &p->righe[r];
            if (x->obiettivo != o)
                continue;
            char *az;
            if (x->intero_obiettivo) {
                az = xstrdup(label(c, "intero_obiettivo"));
            } else {
                char *az_text = doc_shorten(x->azione && x->azione->azione ? x->azione->azione : "",
                                            (size_t)spec_number(c->spec, "lunghezza_azione"));
                az = xasprintf("%d. %s", x->numero_azione, az_text);
                free(az_text);
            }
            char peso[32] = "", q[48] = "", s_pct[48] = "", contrib[48] = "";
            if (x->has_peso)
                text_format_number(peso, sizeof peso, x->peso);
            pct(q, sizeof q, x->has_partecipazione, x->partecipazione);
            if (x->rilevata)
                pct(s_pct, sizeof s_pct, true, x->percentuale);
            else
                snprintf(s_pct, sizeof s_pct, "%s", label(c, "non_rilevato"));
            if (x->nel_punteggio)
                score_text(contrib, sizeof contrib, x->contributo);
            else
                snprintf(contrib, sizeof contrib, "%s", label(c, "non_in_punteggio"));
            ltable_row(t, 0);
            ltable_cell(t, first ? obj : "", 1, style(c, "testo"));
            ltable_cell(t, az, 1, style(c, "testo"));
            ltable_cell(t, peso, 1, style(c, "numero"));
            ltable_cell(t, q, 1, style(c, "importo"));
            ltable_cell(t, s_pct, 1, style(c, x->rilevata ? "importo" : "nota"));
            ltable_cell(t, contrib, 1, style(c, x->nel_punteggio ? "importo" : "nota"));
            free(az);
            first = false;
        }
        char *sub = expand_doc(c, label(c, "subtotale"), "codice", o->codice);
        char value[48] = "";
        if (p->subtotali[s].has_punteggio)
            score_text(value, sizeof value, p->subtotali[s].punteggio);
        ltable_row(t, 0);
        ltable_cell(t, sub, 5, &right);
        ltable_cell(t, value, 1, style(c, "importo"));
        free(sub);
        free(obj);
    }
    char *total_label = expand_doc(c, label(c, "punteggio"), NULL, NULL);
    char total[48];
    if (p->has_punteggio)
        score_text(total, sizeof total, p->punteggio);
    else
        snprintf(total, sizeof total, "%s", label(c, "nessun_punteggio"));
    CellStyle total_label_style = right;
    total_label_style.font = STYLE_BOLD;
    ltable_row(t, 0);
    ltable_cell(t, total_label, 5, &total_label_style);
    ltable_cell(t, total, 1, style(c, "totale"));
    free(total_label);
    layout_table(c->layout, t);
    ltable_free(t);
}

static void signatures(Ctx *c, const FoglioPersona *f)
{
    const ValutazionePersona *v = f->valutazione;
    paragraph(c, label(c, "presa_visione"), "titolo");
    paragraph(c, label(c, "presa_visione_testo"), "testo");
    layout_space(c->layout, 4);
    LayoutTable *t = doc_table(c->spec, "firme");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, v ? "firma_valutatore" : "firma_dipendente"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, v ? "firma_presa_visione" : "firma_dirigente"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "firma_data"), 1, style(c, "intestazione"));
    ltable_row(t, spec_number(c->spec, "altezza_firma"));
    char date[16] = "";
    if (v && v->v->has_presa_visione && !f->solo_registrata)
        date_format_it(v->v->presa_visione, date);
    else if (f->has_presa_visione)
        date_format_it(f->presa_visione, date);
    ltable_cell(t, "", 1, style(c, "testo"));
    ltable_cell(t, "", 1, style(c, "testo"));
    ltable_cell(t, date, 1, style(c, "testo"));
    layout_table(c->layout, t);
    ltable_free(t);
}

/* ---- the evaluation (--valutazioni) ------------------------------------------------------- */

/* The note of label key with {numero} = n, when n > 0. */
static void count_note(const Ctx *c, const char *key, size_t n)
{
    if (n == 0)
        return;
    char count[32];
    snprintf(count, sizeof count, "%zu", n);
    char *note = expand_doc(c, label(c, key), "numero", count);
    paragraph(c, note, "nota");
    free(note);
}

static void direct_objectives(Ctx *c, const ValutazionePersona *v)
{
    paragraph(c, label(c, "sezione_diretti"), "titolo");
    if (v->n_diretti == 0) {
        paragraph(c, label(c, "diretti_nessuno"), "nota");
        return;
    }
    LayoutTable *t = doc_table(c->spec, "diretti");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "col_obiettivo"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, v->diretti_per_peso ? "col_peso_obiettivo" : "col_pesatura"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_risultato"), 1, style(c, "intestazione"));
    bool any = false;
    for (size_t i = 0; i < v->n_diretti; i++) {
        const ObiettivoDiretto *d = &v->diretti[i];
        char *short_title = doc_shorten(d->obiettivo->descrizione ? d->obiettivo->descrizione : "",
                                        (size_t)spec_number(c->spec, "lunghezza_titolo"));
        char *obj = xasprintf("%s\n%s", d->obiettivo->codice, short_title);
        char w[32] = "", r[48];
        if (v->diretti_per_peso && d->obiettivo->has_peso)
            text_format_number(w, sizeof w, d->obiettivo->peso);
        else if (!v->diretti_per_peso && d->has_pesatura)
            text_format_number(w, sizeof w, d->pesatura);
        if (d->has_percentuale)
            rule_format_percent(r, sizeof r, d->percentuale);
        else
            snprintf(r, sizeof r, "%s", label(c, "non_valutato"));
        any |= d->has_percentuale;
        ltable_row(t, 0);
        ltable_cell(t, obj, 1, style(c, "testo"));
        ltable_cell(t, w, 1, style(c, "numero"));
        ltable_cell(t, r, 1, style(c, d->has_percentuale ? "importo" : "nota"));
        free(obj);
        free(short_title);
    }
    layout_table(c->layout, t);
    ltable_free(t);
    if (any)
        paragraph(c, label(c, v->diretti_per_peso    ? "diretti_peso"
                              : v->diretti_ponderati ? "diretti_ponderata"
                                                     : "diretti_semplice"),
                  "nota");
}

static void components_table(Ctx *c, const ValutazionePersona *v)
{
    paragraph(c, label(c, "sezione_componenti"), "titolo");
    LayoutTable *t = doc_table(c->spec, "componenti");
    ltable_set_header_rows(t, 1);
    static const char *const heads[] = {"col_componente", "col_peso", "col_peso_applicato", "col_valore", "col_punti"};
    ltable_row(t, 0);
    for (int i = 0; i < 5; i++)
        ltable_cell(t, label(c, heads[i]), 1, style(c, "intestazione"));
    bool redistributed = false;
    for (size_t i = 0; i < v->n_componenti; i++) {
        const ValoreComponente *x = &v->componenti[i];
        char peso[32], applied[32] = "", value[48] = "", points[48] = "";
        text_format_number(peso, sizeof peso, x->componente->peso);
        if (x->has_valore) {
            if (v->completa) {
                text_format_number(applied, sizeof applied, x->peso_effettivo);
                score_text(points, sizeof points, x->punti);
            }
            score_text(value, sizeof value, x->valore);
        } else if (v->completa) {
            snprintf(value, sizeof value, "%s", label(c, "peso_ridistribuito"));
            redistributed = true;
        } else if (x->componente->fonte == FONTE_COMPORTAMENTI || x->componente->fonte == FONTE_MANUALE) {
            snprintf(value, sizeof value, "%s", label(c, "voto_mancante")); /* what makes it incomplete */
        } else {
            snprintf(value, sizeof value, "%s", label(c, "senza_valore"));
        }
        ltable_row(t, 0);
        ltable_cell(t, x->componente->nome, 1, style(c, "testo"));
        ltable_cell(t, peso, 1, style(c, "numero"));
        ltable_cell(t, applied, 1, style(c, "numero"));
        ltable_cell(t, value, 1, style(c, x->has_valore ? "importo" : "nota"));
        ltable_cell(t, points, 1, style(c, "importo"));
    }
    CellStyle right = *style(c, "etichetta");
    right.align = ALIGN_RIGHT;
    right.font = STYLE_BOLD;
    char score[48] = "";
    if (v->has_punteggio)
        score_text(score, sizeof score, v->punteggio);
    else
        snprintf(score, sizeof score, "%s", label(c, "nessun_punteggio"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "punteggio_finale"), 4, &right);
    ltable_cell(t, score, 1, style(c, "totale"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "fascia"), 4, &right);
    ltable_cell(t, v->fascia ? v->fascia->nome : v->has_punteggio ? label(c, "senza_fascia") : "", 1,
                style(c, "totale"));
    layout_table(c->layout, t);
    ltable_free(t);
    if (redistributed)
        paragraph(c, label(c, "ridistribuito_nota"), "nota");
    if (v->has_punteggio)
        paragraph(c, label(c, "punti_nota"), "nota");
}

static void behaviours_table(Ctx *c, const ValutazionePersona *v)
{
    if (v->n_comportamenti == 0)
        return;
    char lo[32], hi[32];
    text_format_number(lo, sizeof lo, v->categoria->scala[0]);
    text_format_number(hi, sizeof hi, v->categoria->scala[1]);
    const char *names[] = {"min", "max", NULL};
    const char *values[] = {lo, hi};
    char *title = doc_expand(label(c, "sezione_comportamenti"), names, values);
    paragraph(c, title, "titolo");
    free(title);
    LayoutTable *t = doc_table(c->spec, "comportamenti");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "col_comportamento"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_peso"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_voto"), 1, style(c, "intestazione"));
    for (size_t i = 0; i < v->n_comportamenti; i++) {
        const VotoComportamento *b = &v->comportamenti[i];
        char *name = xasprintf("%s – %s", b->comportamento->id, b->comportamento->nome);
        char peso[32], voto[48];
        text_format_number(peso, sizeof peso, b->comportamento->peso);
        if (b->has_voto)
            text_format_number(voto, sizeof voto, b->voto);
        else
            snprintf(voto, sizeof voto, "%s", label(c, "voto_mancante"));
        ltable_row(t, 0);
        ltable_cell(t, name, 1, style(c, "testo"));
        ltable_cell(t, peso, 1, style(c, "numero"));
        ltable_cell(t, voto, 1, style(c, b->has_voto ? "numero" : "nota"));
        free(name);
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

/* A titled box: the text, or room to write by hand. */
static void text_box(Ctx *c, const char *title_key, const char *text)
{
    LayoutTable *t = doc_table(c->spec, "riquadro");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, title_key), 1, style(c, "etichetta"));
    ltable_row(t, text && *text ? 0 : spec_number(c->spec, "altezza_firma"));
    ltable_cell(t, text ? text : "", 1, style(c, "testo"));
    layout_table(c->layout, t);
    ltable_free(t);
}

static void evaluator_table(Ctx *c, const ValutazionePersona *v)
{
    char data[16] = "", colloquio[16] = "";
    if (v->v->has_data)
        date_format_it(v->v->data, data);
    if (v->v->has_colloquio)
        date_format_it(v->v->colloquio, colloquio);
    LayoutTable *t = doc_table(c->spec, "intestazione");
    ltable_row(t, 0);
    ltable_cell(t, label(c, "campo_valutatore"), 1, style(c, "etichetta"));
    ltable_cell(t, v->v->valutatore ? v->v->valutatore : "", 1, style(c, "testo"));
    ltable_cell(t, label(c, "campo_data"), 1, style(c, "etichetta"));
    ltable_cell(t, data, 1, style(c, "testo"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "campo_colloquio"), 1, style(c, "etichetta"));
    ltable_cell(t, colloquio, 1, style(c, "testo"));
    ltable_cell(t, label(c, "campo_giudizio"), 1, style(c, "etichetta"));
    ltable_cell(t, v->v->giudizio ? v->v->giudizio : "", 1, style(c, "testo"));
    layout_table(c->layout, t);
    ltable_free(t);
}

static bool uses_source(const ValutazionePersona *v, FonteComponente f)
{
    for (size_t i = 0; i < v->n_componenti; i++)
        if (v->componenti[i].componente->fonte == f)
            return true;
    return false;
}

static void build_sheet(Ctx *c, const FoglioPersona *f, int section)
{
    const ValutazionePersona *v = f->valutazione;
    const PersonaAnno *p = f->righe;
    char *centre = expand_doc(c, label(c, v ? "intestazione_valutazione" : "intestazione_centro"), NULL, NULL);
    layout_set_section(c->layout, section);
    layout_set_header(c->layout, c->plan->ente, centre, f->nome);
    layout_new_page(c->layout);
    layout_bookmark(c->layout, 0, f->nome);
    layout_begin(c->layout, ROLE_SECT, f->nome); /* the name is otherwise only in the page header */
    char *title = expand_doc(c, label(c, v ? "valutazione_titolo" : "scheda_titolo"), NULL, NULL);
    paragraph(c, title, "titolo");
    layout_space(c->layout, 3);
    info_table(c, f);
    if (v && !v->completa) {
        char *text = expand_doc(c, label(c, "incompleta"), "mancanze", v->mancanze);
        CellStyle warning = *style(c, "totale");
        warning.align = ALIGN_LEFT;
        TextRun run = {warning.font, text};
        layout_space(c->layout, 4);
        layout_paragraph(c->layout, &run, 1, &warning);
        free(text);
    }
    bool objectives = !v || uses_source(v, FONTE_OBIETTIVI) || (p && p->n_righe > 0);
    if (v && objectives)
        paragraph(c, label(c, "sezione_obiettivi"), "titolo");
    if (objectives && p && p->n_righe > 0) {
        participations_table(c, p);
        count_note(c, "escluse", p->escluse);
        count_note(c, "fuori_valutazione", p->fuori_valutazione);
    } else if (objectives) {
        paragraph(c, label(c, "nessuna_partecipazione"), "nota");
    }
    if (v && uses_source(v, FONTE_OBIETTIVI_DIRETTI))
        direct_objectives(c, v);
    if (v) {
        components_table(c, v);
        behaviours_table(c, v);
        evaluator_table(c, v);
        text_box(c, "commento_titolo", v->v->commento);
        text_box(c, "osservazioni_titolo", v->v->osservazioni);
        paragraph(c, label(c, "formula_valutazione_titolo"), "etichetta");
        paragraph(c, VALUTAZIONE_FORMULA, "testo");
    }
    if (objectives) {
        paragraph(c, label(c, "formula_titolo"), "etichetta");
        paragraph(c, PERSONE_FORMULA, "testo");
    }
    layout_space(c->layout, 8);
    signatures(c, f);
    layout_end(c->layout);
    free(title);
    free(centre);
}

FoglioPersona *persona_fogli(const PersoneAnno *persone, const ValutazioniAnno *va, size_t *n)
{
    size_t cap = persone->n + (va ? va->n : 0);
    FoglioPersona *f = xcalloc(cap + 1, sizeof *f);
    size_t k = 0;
    for (size_t i = 0; i < persone->n; i++) {
        const PersonaAnno *p = &persone->persone[i];
        f[k++] = (FoglioPersona){p->nome, p->registro, p, p->registro ? valutazione_di(va, p->registro) : NULL};
    }
    for (size_t i = 0; va && i < va->n; i++) {
        const ValutazionePersona *v = &va->persone[i];
        bool placed = false;
        for (size_t q = 0; q < persone->n && !placed; q++)
            placed = persone->persone[q].registro == v->persona;
        if (!placed)
            f[k++] = (FoglioPersona){v->persona->nome ? v->persona->nome : v->persona->id, v->persona, NULL, v};
    }
    *n = k;
    return f;
}

char *persona_title(const Plan *plan, int anno, const LayoutSpec *spec)
{
    Ctx c = {plan, NULL, NULL, spec, NULL, anno};
    return expand_doc(&c, spec_label(spec, "titolo_documento"), NULL, NULL);
}

DisplayDoc persona_build(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const FoglioPersona *fogli,
                         size_t n_fogli, const FoglioPersona *only, const LayoutSpec *spec, FontSet *fonts, time_t when)
{
    (void)when;
    Layout *l = layout_new(&spec->page, fonts);
    Ctx c = {plan, esiti, persone, spec, l, persone->anno};
    for (size_t s = 0; s < spec->n_sections; s++) {
        if (strcmp(spec->sections[s], "prospetto") == 0 && !only)
            build_matrix(&c);
        else if (strcmp(spec->sections[s], "schede") == 0)
            for (size_t i = 0; i < n_fogli; i++)
                if (!only || &fogli[i] == only)
                    build_sheet(&c, &fogli[i], (int)i + 1);
    }
    DisplayDoc doc;
    layout_take_pages(l, &doc);
    layout_free(l);
    char *footer = expand_doc(&c, spec_label(spec, "pie_di_pagina"), NULL, NULL);
    layout_furniture(&doc, fonts, &spec->page, footer, spec_label(spec, "numero_pagina"));
    free(footer);
    return doc;
}
