#include "variazioni_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "doc_front.h"
#include "layout.h"
#include "scheda.h"
#include "text.h"
#include "worddiff.h"

static const char *const LABELS[] = {
    "titolo_documento", "intestazione_centro", "pie_di_pagina", "numero_pagina", "copertina_titolo",
    "copertina_anno", "copertina_sottotitolo", "copertina_data", "indice_titolo", "indice_sezione", "indice_pagina",
    "sezione_numero", "sezione_sintesi", "sezione_modificati", "sezione_aggiunti", "sezione_eliminati",
    "sintesi_testo", "nessuna_variazione", "col_codice", "col_obiettivo", "col_variazione", "col_pesi",
    "variazione_aggiunto", "variazione_eliminato", "variazione_campi", "pesi_anno", "pesi_non_100", "col_campo",
    "col_prima", "col_dopo", "marcatore_eliminato", "marcatore_inserito", "marcatore_fine", "assente", "legenda",
    "col_dirigente", "aggiunti_testo", "nessuno", NULL};
static const char *const STYLES[] = {"testo", "numero", "importo", "totale", "nota", "etichetta", "intestazione",
                                     "titolo_sezione", "titolo_sottosezione", "pagina", "copertina_titolo",
                                     "copertina_testo", "copertina_nota", "eliminato", "inserito", NULL};
static const char *const COLUMN_SETS[] = {"indice", "sintesi", "campi", "eliminati", NULL};
static const size_t COLUMN_COUNTS[] = {2, 4, 3, 3};
static const char *const NUMBERS[] = {"lunghezza_descrizione", "spazio_sotto_titolo", "testo_lungo", NULL};
static const char *const SECTIONS[] = {"sintesi", "modificati", "aggiunti", "eliminati", NULL};

const LayoutNeeds VARIAZIONI_NEEDS = {LABELS, STYLES, COLUMN_SETS, COLUMN_COUNTS, NUMBERS, SECTIONS, false, NULL,
                                      NULL};

typedef struct {
    const Confronto *cf;
    const char *prima, *dopo; /* the two versions' names */
    const LayoutSpec *spec, *scheda_spec;
    FontSet *fonts;
    Layout *layout;
    Toc toc;
    int section_number;
} Ctx;

static const CellStyle *style(const Ctx *c, const char *n) { return spec_style(c->spec, n); }
static const char *label(const Ctx *c, const char *k) { return spec_label(c->spec, k); }

char *variazioni_version_name(const Plan *plan, const char *file)
{
    if (plan->versione.atto && plan->versione.has_data) {
        char d[11];
        date_format_it(plan->versione.data, d);
        return xasprintf("%s (%s)", plan->versione.atto, d);
    }
    if (plan->versione.atto)
        return xstrdup(plan->versione.atto);
    return xstrdup(file);
}

static char *expand_with(const Ctx *c, const char *tpl, const char *name, const char *value)
{
    char a[32], e[32], m[32];
    snprintf(a, sizeof a, "%zu", c->cf->n_aggiunti);
    snprintf(e, sizeof e, "%zu", c->cf->n_eliminati);
    snprintf(m, sizeof m, "%zu", c->cf->n_modificati);
    char *triennio = doc_triennio(c->cf->nuovo->triennio);
    const Plan *p = c->cf->nuovo;
    const char *names[] = {"ente", "triennio", "prima", "dopo", "aggiunti", "eliminati", "modificati",
                           name ? name : "-", NULL};
    const char *values[] = {p->ente ? p->ente : "", triennio, c->prima, c->dopo, a, e, m, value ? value : ""};
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
    TextRun run = {style(c, style_name)->font, text, DECO_NONE, false, {0, 0, 0}};
    layout_paragraph(c->layout, &run, 1, style(c, style_name));
}

static char *start_section(Ctx *c, const char *key)
{
    char *centre = expand(c, label(c, "intestazione_centro"));
    char *title = doc_section(c->layout, c->spec, &c->toc, ++c->section_number, label(c, key), c->cf->nuovo->ente,
                              centre);
    free(centre);
    return title;
}

/* ---- 1. sintesi ---------------------------------------------------------------------------- */

static char *weights_text(const Ctx *c, const ObiettivoModificato *m)
{
    StrBuf b = {0};
    for (size_t i = 0; i < m->n_pesi; i++) {
        char anno[16], x[48], y[48];
        snprintf(anno, sizeof anno, "%d", m->pesi[i].anno);
        text_format_number(x, sizeof x, m->pesi[i].prima);
        text_format_number(y, sizeof y, m->pesi[i].dopo);
        const char *names[] = {"anno", "prima", "dopo", NULL}, *values[] = {anno, x, y};
        char *line = doc_expand(label(c, "pesi_anno"), names, values);
        strbuf_printf(&b, "%s%s%s", i ? "\n" : "", line, m->pesi[i].dopo < 99.995 || m->pesi[i].dopo > 100.005
                                                            ? label(c, "pesi_non_100")
                                                            : "");
        free(line);
    }
    return b.data ? b.data : xstrdup("");
}

/* "3 campi: descrizione, annualità 2025, azione 2: peso, …" */
static char *fields_text(const Ctx *c, const ObiettivoModificato *m)
{
    StrBuf b = {0};
    for (size_t i = 0; i < m->n; i++)
        strbuf_printf(&b, "%s%s", i ? "; " : "", m->campi[i].campo);
    char n[32];
    snprintf(n, sizeof n, "%zu", m->n);
    const char *names[] = {"numero", "campi", NULL}, *values[] = {n, b.data ? b.data : ""};
    char *out = doc_expand(label(c, "variazione_campi"), names, values);
    strbuf_free(&b);
    return out;
}

static void summary_row(const Ctx *c, LayoutTable *t, const Obiettivo *o, const char *what, const char *pesi)
{
    char *d = doc_shorten(o->descrizione ? o->descrizione : "", (size_t)spec_number(c->spec, "lunghezza_descrizione"));
    ltable_row(t, 0);
    ltable_cell(t, o->codice ? o->codice : "", 1, style(c, "testo"));
    ltable_cell(t, d, 1, style(c, "testo"));
    ltable_cell(t, what, 1, style(c, "testo"));
    ltable_cell(t, pesi, 1, style(c, "testo"));
    free(d);
}

static void build_sintesi(Ctx *c)
{
    char *title = start_section(c, "sezione_sintesi");
    char *text = expand(c, label(c, "sintesi_testo"));
    paragraph(c, text, "testo");
    free(text);
    layout_space(c->layout, 4);
    if (confronto_vuoto(c->cf)) {
        paragraph(c, label(c, "nessuna_variazione"), "testo");
        free(title);
        return;
    }
    static const char *const heads[] = {"col_codice", "col_obiettivo", "col_variazione", "col_pesi", NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "sintesi", heads);
    for (size_t i = 0; i < c->cf->n_modificati; i++) {
        const ObiettivoModificato *m = &c->cf->modificati[i];
        char *f = fields_text(c, m), *w = weights_text(c, m);
        summary_row(c, t, m->nuovo, f, w);
        free(f);
        free(w);
    }
    for (size_t i = 0; i < c->cf->n_aggiunti; i++)
        summary_row(c, t, c->cf->aggiunti[i], label(c, "variazione_aggiunto"), "");
    for (size_t i = 0; i < c->cf->n_eliminati; i++)
        summary_row(c, t, c->cf->eliminati[i], label(c, "variazione_eliminato"), "");
    layout_table(c->layout, t);
    ltable_free(t);
    free(title);
}

/* ---- 2. what changed in each objective -------------------------------------------------------- */

/* A cell with the runs of a word difference: in the old text the deleted words
 * struck through, in the new one the inserted words underlined and coloured,
 * each inside its [eliminato: …] / [inserito: …] marker for who cannot see
 * the decoration (a screen reader, a text search, a black-and-white copy). */
static void diff_cell(const Ctx *c, LayoutTable *t, const WordDiff *d, bool old_side)
{
    DiffKind shown = old_side ? DIFF_DELETED : DIFF_INSERTED;
    const CellStyle *mark = style(c, old_side ? "eliminato" : "inserito");
    TextRun *runs = xcalloc(3 * d->n + 1, sizeof *runs);
    char **owned = xcalloc(d->n + 1, sizeof *owned);
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) {
        const DiffRun *r = &d->runs[i];
        if (r->kind == DIFF_SAME) {
            runs[n++] = (TextRun){style(c, "testo")->font, r->text, DECO_NONE, false, {0, 0, 0}};
        } else if (r->kind == shown) {
            /* the run's trailing space goes after the closing marker */
            size_t len = strlen(r->text);
            while (len > 0 && (r->text[len - 1] == ' ' || r->text[len - 1] == '\n'))
                len--;
            owned[i] = xstrndup(r->text, len);
            runs[n++] = (TextRun){mark->font, label(c, old_side ? "marcatore_eliminato" : "marcatore_inserito"),
                                  DECO_NONE, true, mark->color};
            runs[n++] = (TextRun){mark->font, owned[i], old_side ? DECO_STRIKE : DECO_UNDERLINE, true, mark->color};
            runs[n++] = (TextRun){mark->font, len < strlen(r->text) ? "] " : label(c, "marcatore_fine"), DECO_NONE, true,
                                  mark->color};
        }
    }
    if (n == 0)
        ltable_cell(t, label(c, "assente"), 1, style(c, "nota"));
    else
        ltable_cell_runs(t, runs, n, 1, style(c, "testo"));
    for (size_t i = 0; i < d->n; i++)
        free(owned[i]);
    free(owned);
    free(runs);
}

static void build_modificati(Ctx *c)
{
    char *title = start_section(c, "sezione_modificati");
    paragraph(c, label(c, "legenda"), "nota");
    layout_space(c->layout, 4);
    if (c->cf->n_modificati == 0)
        paragraph(c, label(c, "nessuno"), "testo");
    static const char *const heads[] = {"col_campo", "col_prima", "col_dopo", NULL};
    for (size_t i = 0; i < c->cf->n_modificati; i++) {
        const ObiettivoModificato *m = &c->cf->modificati[i];
        char *d = doc_shorten(m->nuovo->descrizione ? m->nuovo->descrizione : "",
                              (size_t)spec_number(c->spec, "lunghezza_descrizione"));
        char *head = xasprintf("%s \u2013 %s", m->nuovo->codice ? m->nuovo->codice : "", d);
        free(d);
        doc_subsection(c->layout, c->spec, &c->toc, head);
        free(head);
        LayoutTable *t = doc_table_with_header(c->spec, "campi", heads);
        for (size_t k = 0; k < m->n; k++) {
            const Modifica *f = &m->campi[k];
            ltable_row(t, 0);
            ltable_cell(t, f->campo, 1, style(c, "etichetta"));
            bool long_text = f->testo && f->prima && f->dopo &&
                             (strlen(f->prima) > (size_t)spec_number(c->spec, "testo_lungo") ||
                              strlen(f->dopo) > (size_t)spec_number(c->spec, "testo_lungo"));
            if (long_text) {
                WordDiff wd = word_diff(f->prima, f->dopo);
                diff_cell(c, t, &wd, true);
                diff_cell(c, t, &wd, false);
                word_diff_free(&wd);
            } else {
                ltable_cell(t, f->prima ? f->prima : label(c, "assente"), 1, style(c, f->prima ? "testo" : "nota"));
                ltable_cell(t, f->dopo ? f->dopo : label(c, "assente"), 1, style(c, f->dopo ? "testo" : "nota"));
            }
        }
        layout_table(c->layout, t);
        ltable_free(t);
    }
    free(title);
}

/* codice, description, dirigente of some objectives */
static void objectives_table(const Ctx *c, const Obiettivo *const *objs, size_t n)
{
    static const char *const heads[] = {"col_codice", "col_obiettivo", "col_dirigente", NULL};
    LayoutTable *t = doc_table_with_header(c->spec, "eliminati", heads);
    for (size_t i = 0; i < n; i++) {
        ltable_row(t, 0);
        ltable_cell(t, objs[i]->codice ? objs[i]->codice : "", 1, style(c, "testo"));
        ltable_cell(t, objs[i]->descrizione ? objs[i]->descrizione : "", 1, style(c, "testo"));
        ltable_cell(t, objs[i]->dirigente ? objs[i]->dirigente : "", 1, style(c, "testo"));
    }
    layout_table(c->layout, t);
    ltable_free(t);
}

static void build_aggiunti(Ctx *c)
{
    char *title = start_section(c, "sezione_aggiunti");
    if (c->cf->n_aggiunti == 0) {
        paragraph(c, label(c, "nessuno"), "testo");
    } else {
        objectives_table(c, c->cf->aggiunti, c->cf->n_aggiunti);
        paragraph(c, label(c, "aggiunti_testo"), "testo");
    }
    free(title);
}

static void build_eliminati(Ctx *c)
{
    char *title = start_section(c, "sezione_eliminati");
    if (c->cf->n_eliminati == 0)
        paragraph(c, label(c, "nessuno"), "testo");
    else
        objectives_table(c, c->cf->eliminati, c->cf->n_eliminati);
    free(title);
}

char *variazioni_title(const Confronto *cf, const LayoutSpec *spec)
{
    Ctx c = {0};
    c.cf = cf;
    c.spec = spec;
    c.prima = c.dopo = "";
    return expand(&c, spec_label(spec, "titolo_documento"));
}

DisplayDoc variazioni_build(const Confronto *cf, const char *prima, const char *dopo, const LayoutSpec *spec,
                            const LayoutSpec *scheda_spec, FontSet *fonts, time_t when)
{
    Ctx c = {0};
    c.cf = cf;
    c.prima = prima;
    c.dopo = dopo;
    c.spec = spec;
    c.scheda_spec = scheda_spec;
    c.fonts = fonts;
    Layout *body = layout_new(&spec->page, fonts);
    c.layout = body;
    for (size_t i = 0; i < spec->n_sections; i++) {
        const char *s = spec->sections[i];
        if (strcmp(s, "sintesi") == 0)
            build_sintesi(&c);
        else if (strcmp(s, "modificati") == 0)
            build_modificati(&c);
        else if (strcmp(s, "aggiunti") == 0) {
            build_aggiunti(&c);
            /* the schede of the added objectives, as in the Plan, inside this Sect */
            if (cf->n_aggiunti > 0) {
                DisplayDoc schede = scheda_pages(cf->nuovo, cf->aggiunti, cf->n_aggiunti, scheda_spec, fonts);
                layout_append_pages(body, &schede);
                display_free(&schede);
            }
        } else if (strcmp(s, "eliminati") == 0)
            build_eliminati(&c);
        else
            continue;
        layout_end(body);
    }
    DisplayDoc doc = doc_with_front_matter(spec, fonts, cf->nuovo->ente, when, &c.toc, body, expand_for_front, &c);
    toc_free(&c.toc);
    return doc;
}
