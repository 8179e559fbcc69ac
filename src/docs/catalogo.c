/* SPDX-License-Identifier: EUPL-1.2 */
/* catalogo.c — the table of the documents and their builders (catalogo.h). */
#include "catalogo.h"

#include <stdlib.h>
#include <string.h>

#include "esiti_output.h"
#include "monitoraggio.h"
#include "monitoraggio_doc.h"
#include "persona.h"
#include "persone.h"
#include "premi_doc.h"
#include "relazione.h"
#include "scheda.h"
#include "text.h"
#include "valutazione_output.h"

void doc_costruito_free(DocCostruito *c)
{
    display_free(&c->doc);
    free(c->titolo);
    free(c->soggetto);
    free(c->file);
    free(c->csv);
    for (size_t i = 0; i < c->n_parti; i++) {
        free(c->parti[i].file);
        free(c->parti[i].titolo);
        display_free(&c->parti[i].doc);
    }
    free(c->parti);
    memset(c, 0, sizeof *c);
}

/* ---- schede ------------------------------------------------------------------------------- */

static void build_schede(const DocInputs *in, const LayoutSpec *spec, FontSet *fonts, time_t when, DocCostruito *out)
{
    Plan view = *in->plan; /* one objective: the same objects, fewer of them */
    if (in->obiettivo) {
        view.obiettivi = (Obiettivo *)in->obiettivo;
        view.n_obiettivi = 1;
        out->file = xasprintf("scheda-%s.pdf", in->obiettivo->codice);
    }
    out->doc = scheda_build(&view, in->esiti, spec, fonts, when);
    out->titolo = scheda_title(&view, spec);
}

/* ---- persone ------------------------------------------------------------------------------ */

/* "0417-dagostino-maria-grazia", unique among the names already used. */
static char *person_file_name(const FoglioPersona *p, char ***used, size_t *n_used)
{
    char *slug = persone_slug(p->nome);
    const char *matricola = p->registro ? p->registro->matricola : NULL;
    char *base = matricola && *matricola ? xasprintf("%s-%s", matricola, slug) : xstrdup(slug);
    free(slug);
    char *name = xstrdup(base);
    for (int k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i < *n_used && !taken; i++)
            taken = strcmp((*used)[i], name) == 0;
        if (!taken)
            break;
        free(name);
        name = xasprintf("%s-%d", base, k);
    }
    free(base);
    *used = xrealloc(*used, (*n_used + 1) * sizeof **used);
    (*used)[(*n_used)++] = xstrdup(name);
    return name;
}

static void build_persone(const DocInputs *in, const LayoutSpec *spec, FontSet *fonts, time_t when, DocCostruito *out)
{
    const Plan *plan = in->plan;
    PersoneAnno persone;
    persone_compute(plan, in->esiti, in->anno, &persone);
    size_t n;
    FoglioPersona *fogli = persona_fogli(&persone, in->valutazioni, &n), *mine = NULL;
    for (size_t i = 0; i < n; i++) {
        fogli[i].solo_registrata = in->prese_registrate;
        for (size_t k = 0; fogli[i].registro && k < in->n_prese; k++)
            if (strcmp(fogli[i].registro->nome, in->prese[k].nome) == 0) {
                fogli[i].has_presa_visione = true;
                fogli[i].presa_visione = in->prese[k].data;
            }
        if (in->persona && fogli[i].registro == in->persona)
            mine = &fogli[i];
    }
    char *title = persona_title(plan, in->anno, spec);
    if (in->persona) {
        /* the sheet of one person, titled by their name (the web's /persone/ID/scheda.pdf) */
        if (mine) {
            out->doc = persona_build(plan, in->esiti, &persone, fogli, n, mine, spec, fonts, when);
            out->titolo = xstrdup(mine->nome);
            out->soggetto = xstrdup(title);
            out->file = xasprintf("scheda-%s.pdf", in->persona->id);
        } else {
            out->manca = "questa persona non partecipa agli obiettivi dell'anno e non è valutata: non ha una scheda";
        }
    } else {
        out->doc = persona_build(plan, in->esiti, &persone, fogli, n, NULL, spec, fonts, when);
        out->titolo = xstrdup(title);
        if (in->per_persona) {
            out->parti = xcalloc(n ? n : 1, sizeof *out->parti);
            char **used = NULL;
            size_t n_used = 0;
            for (size_t i = 0; i < n; i++) {
                char *name = person_file_name(&fogli[i], &used, &n_used);
                out->parti[i].file = xasprintf("persone/%s.pdf", name);
                out->parti[i].titolo = xstrdup(fogli[i].nome);
                out->parti[i].doc = persona_build(plan, in->esiti, &persone, fogli, n, &fogli[i], spec, fonts, when);
                free(name);
            }
            out->n_parti = n;
            for (size_t i = 0; i < n_used; i++)
                free(used[i]);
            free(used);
        }
    }
    free(title);
    free(fogli);
    persone_free(&persone);
}

/* ---- relazione ---------------------------------------------------------------------------- */

static const char *manca_esiti(const DocInputs *in)
{
    return in->esiti ? NULL : "servono le rilevazioni dell'anno, e non ce ne sono";
}

static void build_relazione(const DocInputs *in, const LayoutSpec *spec, FontSet *fonts, time_t when, DocCostruito *out)
{
    const Plan *plan = in->plan;
    PersoneAnno persone;
    persone_compute(plan, in->esiti, in->esiti->anno, &persone);
    Sintesi sintesi;
    relazione_sintesi(plan, in->esiti, &persone, spec, &sintesi);
    out->titolo = relazione_title(plan, in->esiti->anno, spec);
    out->doc = relazione_build(plan, in->esiti, &sintesi, in->valutazioni, spec, fonts, when);
    if (in->dati_aperti)
        out->csv = esiti_to_csv(in->esiti);
    sintesi_free(&sintesi);
    persone_free(&persone);
}

/* ---- premi -------------------------------------------------------------------------------- */

static const char *manca_premi(const DocInputs *in)
{
    if (!in->valutazioni)
        return "i premi seguono le valutazioni: servono il sistema di valutazione e le valutazioni dell'anno, e non ci sono";
    if (!in->valutazioni->premi.present)
        return "il sistema di valutazione non ripartisce un fondo (manca «premi»)";
    return NULL;
}

static void build_premi(const DocInputs *in, const LayoutSpec *spec, FontSet *fonts, time_t when, DocCostruito *out)
{
    out->titolo = premi_title(in->plan, in->valutazioni->anno, spec);
    out->doc = premi_build(in->plan, in->valutazioni, spec, fonts, when);
    out->csv = valutazione_to_csv(in->valutazioni); /* reserved too: names and amounts */
}

/* ---- monitoraggio ------------------------------------------------------------------------- */

static const char *manca_data(const DocInputs *in)
{
    return in->has_al ? NULL : "il monitoraggio è lo stato a una data, e la data non c'è";
}

static void build_monitoraggio(const DocInputs *in, const LayoutSpec *spec, FontSet *fonts, time_t when,
                               DocCostruito *out)
{
    Monitoraggio m;
    monitoraggio_compute(in->plan, in->rilevazioni, in->esiti, in->anno, in->al, monitoraggio_margine(spec), &m);
    out->titolo = monitoraggio_title(in->plan, &m, spec);
    out->doc = monitoraggio_build(in->plan, &m, spec, fonts, when);
    if (in->dati_aperti)
        out->csv = monitoraggio_to_csv(&m);
    monitoraggio_free(&m);
}

/* ---- the table ---------------------------------------------------------------------------- */

const Documento CATALOGO[N_DOCUMENTI] = {
    {DOCUMENTO_SCHEDE, "schede", "Schede degli obiettivi", "Gli allegati della Giunta",
     "Schede degli obiettivi gestionali", DOC_SEMPRE, false, false, false, NULL, false, "scheda", &SCHEDA_NEEDS, NULL,
     build_schede},
    {DOCUMENTO_PERSONE, "persone", "Schede del personale", "La partecipazione di ciascuno",
     "Partecipazione del personale agli obiettivi", DOC_FINE_ANNO, true, false, false, NULL, false, "persona", &PERSONA_NEEDS,
     NULL, build_persone},
    {DOCUMENTO_RELAZIONE, "relazione", "Relazione sulla Performance", "Per l'OIV e Amministrazione trasparente",
     "Relazione sulla Performance", DOC_FINE_ANNO, true, true, false, "relazione.csv", false, "relazione", &RELAZIONE_NEEDS,
     manca_esiti, build_relazione},
    {DOCUMENTO_PREMI, "premi", "Premi", "La ripartizione del fondo: riservato",
     "Ripartizione del fondo per la produttività (riservato)", DOC_FINE_ANNO, true, false, true, "premi.csv", true, "premi",
     &PREMI_NEEDS, manca_premi, build_premi},
    {DOCUMENTO_MONITORAGGIO, "monitoraggio", "Monitoraggio", "Lo stato a una data, con il cronoprogramma",
     "Monitoraggio intermedio degli obiettivi gestionali", DOC_MONITORAGGIO, false, true, false, "monitoraggio.csv", false,
     "monitoraggio", &MONITORAGGIO_NEEDS, manca_data, build_monitoraggio},
};

const Documento *catalogo_trova(const char *nome)
{
    for (size_t i = 0; nome && i < N_DOCUMENTI; i++)
        if (strcmp(CATALOGO[i].nome, nome) == 0)
            return &CATALOGO[i];
    return NULL;
}

char *catalogo_nomi(void)
{
    StrBuf b = {0};
    for (size_t i = 0; i < N_DOCUMENTI; i++) {
        if (i > 0)
            strbuf_puts(&b, i + 1 < N_DOCUMENTI ? ", " : " o ");
        strbuf_puts(&b, CATALOGO[i].nome);
    }
    return b.data;
}
