#include "persona.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "layout.h"
#include "rules.h"
#include "text.h"

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

const LayoutNeeds PERSONA_NEEDS = {LABELS, STYLES, COLUMN_SETS, COLUMN_COUNTS, NUMBERS, SECTIONS, false, NULL};

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

static void info_table(Ctx *c, const PersonaAnno *p)
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
    ltable_cell(t, p->nome, 1, style(c, "testo"));
    ltable_cell(t, label(c, "campo_matricola"), 1, style(c, "etichetta"));
    ltable_cell(t, or_dash(p->registro ? p->registro->matricola : NULL), 1, style(c, "testo"));
    ltable_row(t, 0);
    ltable_cell(t, label(c, "campo_area"), 1, style(c, "etichetta"));
    ltable_cell(t, or_dash(p->registro ? p->registro->area : NULL), 3, style(c, "testo"));
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
            char *az_text = doc_shorten(x->azione && x->azione->azione ? x->azione->azione : "",
                                        (size_t)spec_number(c->spec, "lunghezza_azione"));
            char *az = xasprintf("%d. %s", x->numero_azione, az_text);
            free(az_text);
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

static void signatures(Ctx *c)
{
    paragraph(c, label(c, "presa_visione"), "titolo");
    paragraph(c, label(c, "presa_visione_testo"), "testo");
    layout_space(c->layout, 4);
    LayoutTable *t = doc_table(c->spec, "firme");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "firma_dipendente"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "firma_dirigente"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "firma_data"), 1, style(c, "intestazione"));
    ltable_row(t, spec_number(c->spec, "altezza_firma"));
    for (int i = 0; i < 3; i++)
        ltable_cell(t, "", 1, style(c, "testo"));
    layout_table(c->layout, t);
    ltable_free(t);
}

static void build_sheet(Ctx *c, const PersonaAnno *p, int section)
{
    char *centre = expand_doc(c, label(c, "intestazione_centro"), NULL, NULL);
    layout_set_section(c->layout, section);
    layout_set_header(c->layout, c->plan->ente, centre, p->nome);
    layout_new_page(c->layout);
    layout_bookmark(c->layout, 0, p->nome);
    layout_begin(c->layout, ROLE_SECT, p->nome); /* the name is otherwise only in the page header */
    char *title = expand_doc(c, label(c, "scheda_titolo"), NULL, NULL);
    paragraph(c, title, "titolo");
    layout_space(c->layout, 3);
    info_table(c, p);
    participations_table(c, p);
    if (p->escluse > 0) {
        char count[32];
        snprintf(count, sizeof count, "%zu", p->escluse);
        char *note = expand_doc(c, label(c, "escluse"), "numero", count);
        paragraph(c, note, "nota");
        free(note);
    }
    paragraph(c, label(c, "formula_titolo"), "etichetta");
    paragraph(c, PERSONE_FORMULA, "testo");
    layout_space(c->layout, 8);
    signatures(c);
    layout_end(c->layout);
    free(title);
    free(centre);
}

char *persona_title(const Plan *plan, int anno, const LayoutSpec *spec)
{
    Ctx c = {plan, NULL, NULL, spec, NULL, anno};
    return expand_doc(&c, spec_label(spec, "titolo_documento"), NULL, NULL);
}

DisplayDoc persona_build(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const PersonaAnno *only,
                         const LayoutSpec *spec, FontSet *fonts, time_t when)
{
    (void)when;
    Layout *l = layout_new(&spec->page, fonts);
    Ctx c = {plan, esiti, persone, spec, l, persone->anno};
    for (size_t s = 0; s < spec->n_sections; s++) {
        if (strcmp(spec->sections[s], "prospetto") == 0 && !only)
            build_matrix(&c);
        else if (strcmp(spec->sections[s], "schede") == 0)
            for (size_t i = 0; i < persone->n; i++)
                if (!only || &persone->persone[i] == only)
                    build_sheet(&c, &persone->persone[i], (int)i + 1);
    }
    DisplayDoc doc;
    layout_take_pages(l, &doc);
    layout_free(l);
    char *footer = expand_doc(&c, spec_label(spec, "pie_di_pagina"), NULL, NULL);
    layout_furniture(&doc, fonts, &spec->page, footer, spec_label(spec, "numero_pagina"));
    free(footer);
    return doc;
}
