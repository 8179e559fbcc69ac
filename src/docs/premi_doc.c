#include "premi_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "layout.h"
#include "premi.h"
#include "rules.h"
#include "text.h"

static const char *const LABELS[] = {
    "titolo_documento", "intestazione_centro", "pie_di_pagina", "numero_pagina", "riservato", "riepilogo_titolo",
    "fondo", "riferimento", "persone_categorie", "aventi_diritto", "premio_medio", "maggiorazione",
    "maggiorazione_posti", "maggiorazione_condivisa", "nessuna_maggiorazione", "base", "somma_quote", "distribuito",
    "area_titolo", "senza_area", "col_nome", "col_matricola", "col_profilo", "col_orario", "col_servizio",
    "col_punteggio", "col_fascia", "col_parametro", "col_quota", "col_base", "col_maggiorazione", "col_premio",
    "col_motivo", "totale_area", "esclusi_titolo", "totali_titolo", "col_area", "totale", "formula_titolo",
    "nessun_avente_diritto", "nessuna_persona", NULL};
static const char *const STYLES[] = {"testo", "numero", "importo", "totale", "nota", "etichetta", "intestazione",
                                     "titolo", "sottotitolo", "riservato", "pagina", NULL};
static const char *const COLUMN_SETS[] = {"cifre", "premi", "esclusi", "totali", NULL};
static const size_t COLUMN_COUNTS[] = {2, 12, 4, 4};
static const char *const NUMBERS[] = {NULL};
static const char *const SECTIONS[] = {"riepilogo", "aree", "totali", "formula", NULL};

const LayoutNeeds PREMI_NEEDS = {LABELS, STYLES, COLUMN_SETS, COLUMN_COUNTS, NUMBERS, SECTIONS, false, NULL, NULL};

typedef struct {
    const Plan *plan;
    const ValutazioniAnno *va;
    const LayoutSpec *spec;
    Layout *layout;
} Ctx;

static const CellStyle *style(const Ctx *c, const char *n) { return spec_style(c->spec, n); }
static const char *label(const Ctx *c, const char *k) { return spec_label(c->spec, k); }

static char *expand(const Ctx *c, const char *tpl, const char *const names[], const char *const values[])
{
    char anno[16];
    snprintf(anno, sizeof anno, "%d", c->va->anno);
    const char *all_names[8] = {"ente", "anno"}, *all_values[8] = {c->plan->ente ? c->plan->ente : "", anno};
    size_t n = 2;
    for (size_t i = 0; names && names[i] && n < 7; i++, n++) {
        all_names[n] = names[i];
        all_values[n] = values[i];
    }
    all_names[n] = NULL;
    return doc_expand(tpl, all_names, all_values);
}

static char *expand1(const Ctx *c, const char *tpl, const char *name, const char *value)
{
    const char *names[] = {name, NULL}, *values[] = {value};
    return expand(c, tpl, names, values);
}

static void paragraph(const Ctx *c, const char *text, const char *style_name)
{
    TextRun run = {style(c, style_name)->font, text};
    layout_paragraph(c->layout, &run, 1, style(c, style_name));
}

static void euro(char *buf, size_t size, int64_t cents) { text_format_amount(buf, size, (double)cents / 100.0); }

/* 96,48 (two decimals, no % sign) */
static void two_decimals(char *buf, size_t size, double v)
{
    char tmp[48];
    rule_format_percent(tmp, sizeof tmp, v);
    char *nb = strstr(tmp, "\u00A0%");
    if (nb)
        *nb = '\0';
    snprintf(buf, size, "%s", tmp);
}

/* The three amount cells of a row: quota base, maggiorazione, premio. */
static void amount_cells(LayoutTable *t, const Ctx *c, int64_t base, int64_t mag, int64_t premio, const char *st,
                         const char *premio_style)
{
    char b[48], m[48], pr[48];
    euro(b, sizeof b, base);
    euro(m, sizeof m, mag);
    euro(pr, sizeof pr, premio);
    ltable_cell(t, b, 1, style(c, st));
    ltable_cell(t, m, 1, style(c, st));
    ltable_cell(t, pr, 1, style(c, premio_style));
}

static const char *area_of(const Ctx *c, const ValutazionePersona *p)
{
    return p->persona->area ? p->persona->area : label(c, "senza_area");
}

static void figure_row(LayoutTable *t, const Ctx *c, const char *name, const char *value)
{
    ltable_row(t, 0);
    ltable_cell(t, name, 1, style(c, "etichetta"));
    ltable_cell(t, value, 1, style(c, "testo"));
}

static void build_summary(Ctx *c)
{
    const TotaliPremi *tp = &c->va->premi;
    const RegolePremi *r = &c->va->sistema->premi;
    paragraph(c, label(c, "riepilogo_titolo"), "sottotitolo");
    LayoutTable *t = doc_table(c->spec, "cifre");
    char v[160], a[64];
    euro(v, sizeof v, tp->fondo_centesimi);
    figure_row(t, c, label(c, "fondo"), v);
    if (r->riferimento)
        figure_row(t, c, label(c, "riferimento"), r->riferimento);
    snprintf(v, sizeof v, "%zu", tp->nelle_categorie);
    figure_row(t, c, label(c, "persone_categorie"), v);
    snprintf(v, sizeof v, "%zu", tp->aventi_diritto);
    figure_row(t, c, label(c, "aventi_diritto"), v);
    if (tp->aventi_diritto > 0) {
        euro(v, sizeof v, tp->media_centesimi);
        figure_row(t, c, label(c, "premio_medio"), v);
        char *text;
        if (r->has_maggiorazione) {
            char posti[32], benef[32];
            euro(a, sizeof a, tp->maggiorazione_centesimi);
            snprintf(posti, sizeof posti, "%zu", tp->posti_maggiorazione);
            snprintf(benef, sizeof benef, "%zu", tp->beneficiari_maggiorazione);
            const char *names[] = {"importo", "posti", "beneficiari", NULL}, *values[] = {a, posti, benef};
            text = expand(c, label(c, tp->maggiorazione_condivisa ? "maggiorazione_condivisa" : "maggiorazione_posti"),
                          names, values);
        } else {
            text = xstrdup(label(c, "nessuna_maggiorazione"));
        }
        figure_row(t, c, label(c, "maggiorazione"), text);
        free(text);
        euro(v, sizeof v, tp->base_centesimi);
        figure_row(t, c, label(c, "base"), v);
        char sum[64];
        snprintf(sum, sizeof sum, "%.4f", tp->somma_quote);
        for (char *q = sum; *q; q++)
            if (*q == '.')
                *q = ',';
        figure_row(t, c, label(c, "somma_quote"), sum);
    }
    euro(v, sizeof v, tp->distribuito_centesimi);
    figure_row(t, c, label(c, "distribuito"), v);
    layout_table(c->layout, t);
    ltable_free(t);
    if (tp->nelle_categorie == 0)
        paragraph(c, label(c, "nessuna_persona"), "nota");
    else if (tp->aventi_diritto == 0)
        paragraph(c, label(c, "nessun_avente_diritto"), "nota");
}

static void quota_text(char *buf, size_t size, double u)
{
    snprintf(buf, size, "%.4f", u);
    for (char *q = buf; *q; q++)
        if (*q == '.')
            *q = ',';
}

static void area_table(Ctx *c, size_t from, size_t to, const char *area)
{
    const ValutazioniAnno *va = c->va;
    const Sistema *s = va->sistema;
    LayoutTable *t = doc_table(c->spec, "premi");
    ltable_set_header_rows(t, 1);
    static const char *const heads[] = {"col_nome", "col_matricola", "col_profilo", "col_orario", "col_servizio",
                                        "col_punteggio", "col_fascia", "col_parametro", "col_quota", "col_base",
                                        "col_maggiorazione", "col_premio"};
    ltable_row(t, 0);
    for (int i = 0; i < 12; i++)
        ltable_cell(t, label(c, heads[i]), 1, style(c, "intestazione"));
    int64_t base = 0, mag = 0, total = 0;
    size_t rows = 0;
    for (size_t i = from; i < to; i++) {
        const ValutazionePersona *p = &va->persone[i];
        if (!p->nei_premi || !p->avente_diritto)
            continue;
        rows++;
        char orario[48], servizio[48], score[48], fascia[96] = "", par[32] = "–", quota[48];
        rule_format_percent(orario, sizeof orario, p->v->orario);
        rule_format_percent(servizio, sizeof servizio, p->v->servizio);
        two_decimals(score, sizeof score, p->punteggio);
        if (p->fascia && sistema_usa_proporzione(s, PROP_FASCIA)) {
            char coeff[32];
            text_format_number(coeff, sizeof coeff, p->fascia->coefficiente);
            snprintf(fascia, sizeof fascia, "%s (%s)", p->fascia->nome, coeff);
        } else if (p->fascia) {
            snprintf(fascia, sizeof fascia, "%s", p->fascia->nome);
        }
        if (sistema_usa_proporzione(s, PROP_PARAMETRO))
            text_format_number(par, sizeof par, p->fattori[PROP_PARAMETRO]);
        quota_text(quota, sizeof quota, p->quota);
        base += p->base_centesimi;
        mag += p->maggiorazione_centesimi;
        total += p->premio_centesimi;
        ltable_row(t, 0);
        ltable_cell(t, p->persona->nome, 1, style(c, "testo"));
        ltable_cell(t, p->persona->matricola ? p->persona->matricola : "–", 1, style(c, "numero"));
        ltable_cell(t, p->v->profilo ? p->v->profilo : "–", 1, style(c, "testo"));
        ltable_cell(t, orario, 1, style(c, "importo"));
        ltable_cell(t, servizio, 1, style(c, "importo"));
        ltable_cell(t, score, 1, style(c, "importo"));
        ltable_cell(t, fascia, 1, style(c, "testo"));
        ltable_cell(t, par, 1, style(c, "numero"));
        ltable_cell(t, quota, 1, style(c, "importo"));
        amount_cells(t, c, p->base_centesimi, p->maggiorazione_centesimi, p->premio_centesimi, "importo", "totale");
    }
    if (rows > 0) {
        char *tot = expand1(c, label(c, "totale_area"), "area", area);
        CellStyle right = *style(c, "etichetta");
        right.align = ALIGN_RIGHT;
        ltable_row(t, 0);
        ltable_cell(t, tot, 9, &right);
        amount_cells(t, c, base, mag, total, "totale", "totale");
        free(tot);
        layout_table(c->layout, t);
    }
    ltable_free(t);
    size_t excluded = 0;
    for (size_t i = from; i < to; i++)
        excluded += va->persone[i].nei_premi && !va->persone[i].avente_diritto;
    if (excluded == 0)
        return;
    layout_need(c->layout, 40);
    paragraph(c, label(c, "esclusi_titolo"), "etichetta");
    t = doc_table(c->spec, "esclusi");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "col_nome"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_matricola"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_punteggio"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_motivo"), 1, style(c, "intestazione"));
    for (size_t i = from; i < to; i++) {
        const ValutazionePersona *p = &va->persone[i];
        if (!p->nei_premi || p->avente_diritto)
            continue;
        char score[48] = "–";
        if (p->has_punteggio)
            two_decimals(score, sizeof score, p->punteggio);
        ltable_row(t, 0);
        ltable_cell(t, p->persona->nome, 1, style(c, "testo"));
        ltable_cell(t, p->persona->matricola ? p->persona->matricola : "–", 1, style(c, "numero"));
        ltable_cell(t, score, 1, style(c, "importo"));
        ltable_cell(t, p->motivo ? p->motivo : "", 1, style(c, "testo"));
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

/* Calls fn for each area of the persons in the premi, in va's order (by area). */
typedef void (*AreaFn)(Ctx *c, size_t from, size_t to, const char *area, void *user);

static void each_area(Ctx *c, AreaFn fn, void *user)
{
    const ValutazioniAnno *va = c->va;
    for (size_t from = 0; from < va->n;) {
        size_t to = from + 1;
        while (to < va->n && strcmp(area_of(c, &va->persone[to]), area_of(c, &va->persone[from])) == 0)
            to++;
        bool any = false;
        for (size_t i = from; i < to; i++)
            any |= va->persone[i].nei_premi;
        if (any)
            fn(c, from, to, area_of(c, &va->persone[from]), user);
        from = to;
    }
}

static void one_area(Ctx *c, size_t from, size_t to, const char *area, void *user)
{
    (void)user;
    char *title = expand1(c, label(c, "area_titolo"), "area", area);
    layout_need(c->layout, 80);
    layout_bookmark(c->layout, 0, title);
    layout_begin(c->layout, ROLE_SECT, title);
    paragraph(c, title, "sottotitolo");
    area_table(c, from, to, area);
    layout_end(c->layout);
    free(title);
}

static void total_row(Ctx *c, size_t from, size_t to, const char *area, void *user)
{
    LayoutTable *t = user;
    int64_t base = 0, mag = 0, total = 0;
    for (size_t i = from; i < to; i++) {
        const ValutazionePersona *p = &c->va->persone[i];
        if (p->nei_premi && p->avente_diritto) {
            base += p->base_centesimi;
            mag += p->maggiorazione_centesimi;
            total += p->premio_centesimi;
        }
    }
    ltable_row(t, 0);
    ltable_cell(t, area, 1, style(c, "testo"));
    amount_cells(t, c, base, mag, total, "importo", "importo");
}

static void build_totals(Ctx *c)
{
    layout_need(c->layout, 80);
    paragraph(c, label(c, "totali_titolo"), "sottotitolo");
    LayoutTable *t = doc_table(c->spec, "totali");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, label(c, "col_area"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_base"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_maggiorazione"), 1, style(c, "intestazione"));
    ltable_cell(t, label(c, "col_premio"), 1, style(c, "intestazione"));
    each_area(c, total_row, t);
    int64_t base = 0, mag = 0;
    for (size_t i = 0; i < c->va->n; i++)
        if (c->va->persone[i].avente_diritto) {
            base += c->va->persone[i].base_centesimi;
            mag += c->va->persone[i].maggiorazione_centesimi;
        }
    CellStyle right = *style(c, "etichetta");
    right.align = ALIGN_RIGHT;
    ltable_row(t, 0);
    ltable_cell(t, label(c, "totale"), 1, &right);
    amount_cells(t, c, base, mag, c->va->premi.distribuito_centesimi, "totale", "totale");
    layout_table(c->layout, t);
    ltable_free(t);
}

static void build_formula(Ctx *c)
{
    layout_need(c->layout, 60);
    paragraph(c, label(c, "formula_titolo"), "sottotitolo");
    char *f = premi_formula(c->va->sistema);
    paragraph(c, f, "testo");
    free(f);
}

char *premi_title(const Plan *plan, int anno, const LayoutSpec *spec)
{
    char y[16];
    snprintf(y, sizeof y, "%d", anno);
    const char *names[] = {"ente", "anno", NULL}, *values[] = {plan->ente ? plan->ente : "", y};
    return doc_expand(spec_label(spec, "titolo_documento"), names, values);
}

DisplayDoc premi_build(const Plan *plan, const ValutazioniAnno *va, const LayoutSpec *spec, FontSet *fonts,
                       time_t when)
{
    Layout *l = layout_new(&spec->page, fonts);
    Ctx c = {plan, va, spec, l};
    char *centre = expand(&c, label(&c, "intestazione_centro"), NULL, NULL);
    char *title = premi_title(plan, va->anno, spec);
    char date[16];
    doc_date(date, sizeof date, when);
    layout_set_header(l, plan->ente, centre, date);
    layout_new_page(l);
    paragraph(&c, title, "titolo");
    paragraph(&c, label(&c, "riservato"), "riservato");
    layout_space(l, 6);
    for (size_t s = 0; s < spec->n_sections; s++) {
        const char *name = spec->sections[s];
        if (strcmp(name, "riepilogo") == 0)
            build_summary(&c);
        else if (strcmp(name, "aree") == 0 && va->premi.nelle_categorie > 0)
            each_area(&c, one_area, NULL);
        else if (strcmp(name, "totali") == 0 && va->premi.aventi_diritto > 0)
            build_totals(&c);
        else if (strcmp(name, "formula") == 0)
            build_formula(&c);
    }
    DisplayDoc doc;
    layout_take_pages(l, &doc);
    layout_free(l);
    char *footer = expand(&c, label(&c, "pie_di_pagina"), NULL, NULL);
    layout_furniture(&doc, fonts, &spec->page, footer, label(&c, "numero_pagina"));
    free(footer);
    free(centre);
    free(title);
    return doc;
}
