/* documenti.c — the PDFs, made on demand in the server with the same
 * builders as `schede stampa` (same layouts, fonts, tags; PDF/A for the
 * Relazione and the monitoraggio, as stampa does by default), from the
 * plan the server prints and the year's rilevazioni in the archive. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anno.h"
#include "fileio.h"
#include "fontset.h"
#include "layout_file.h"
#include "monitoraggio.h"
#include "monitoraggio_doc.h"
#include "pdf_render.h"
#include "persona.h"
#include "persone.h"
#include "premi_doc.h"
#include "relazione.h"
#include "resources.h"
#include "scheda.h"
#include "server.h"

typedef struct {
    LayoutSpec spec;
    FontSet fonts;
    char *icc;
} Strumenti;

static bool tools_load(const char *name, const LayoutNeeds *needs, Strumenti *t, char **error)
{
    memset(t, 0, sizeof *t);
    const char *data = resources_dir();
    if (!data) {
        *error = xstrdup("non si trovano le impaginazioni (layouts/) e i caratteri (fonts/) del programma");
        return false;
    }
    char *layouts = xasprintf("%s/layouts", data), *fonts = xasprintf("%s/fonts", data);
    t->icc = xasprintf("%s/layouts/icc/sRGB.icc", data);
    DiagList d;
    diag_list_init(&d);
    bool ok = layout_spec_load(layouts, name, fonts, needs, &t->spec, &d);
    if (!ok)
        *error = xasprintf("l'impaginazione %s non si legge: %s", name, d.count ? d.items[0].message : "errore");
    diag_list_free(&d);
    const char *bad = NULL, *reason = NULL;
    if (ok && !(ok = fontset_load(&t->fonts, (const char *const *)t->spec.font_paths, &bad, &reason)))
        *error = xasprintf("%s: carattere non utilizzabile: %s", bad, reason);
    free(layouts);
    free(fonts);
    return ok;
}

static void tools_free(Strumenti *t)
{
    fontset_free(&t->fonts);
    layout_spec_free(&t->spec);
    free(t->icc);
}

/* Draws doc into out's body (through a private temporary file: pdf_render writes files). */
static bool render(Risposta *out, Strumenti *t, DisplayDoc *doc, PdfInfo info, bool pdfa, const char *filename,
                   char **error)
{
    static atomic_uint counter;
    char *path = xasprintf("%s/schede-web-%ld-%u.pdf", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(),
                           atomic_fetch_add(&counter, 1));
    info.pdfa = pdfa;
    info.icc_profile = t->icc;
    bool ok = pdf_render(doc, &t->fonts, &info, path, error) == 0;
    if (ok) {
        const char *reason;
        size_t len;
        char *bytes = file_read_all(path, &len, &reason);
        if (!bytes) {
            *error = xasprintf("il documento non si rilegge: %s", reason);
            ok = false;
        } else {
            out->owned_bytes = bytes;
            out->bytes = bytes;
            out->len = len;
            out->status = 200;
            out->content_type = "application/pdf";
            out->disposition = xasprintf("inline; filename=\"%s\"", filename);
        }
    }
    unlink(path);
    free(path);
    return ok;
}

static bool scheda_pdf(Server *s, const Obiettivo *only, Anno *y, Risposta *out, char **error)
{
    Strumenti t;
    bool ok = tools_load("scheda", &SCHEDA_NEEDS, &t, error);
    if (ok) {
        Plan view = s->plan; /* one objective: the same objects, fewer of them */
        if (only) {
            view.obiettivi = (Obiettivo *)only;
            view.n_obiettivi = 1;
        }
        time_t when = time(NULL);
        DisplayDoc doc = scheda_build(&view, &y->esiti, &t.spec, &t.fonts, when);
        char *title = scheda_title(&view, &t.spec);
        PdfInfo info = {.title = title, .author = s->plan.ente, .subject = "Schede degli obiettivi gestionali",
                        .creator = "schede " SCHEDE_VERSION, .created = when};
        char *name = only ? xasprintf("scheda-%s.pdf", only->codice) : xstrdup("schede.pdf");
        ok = render(out, &t, &doc, info, false, name, error);
        free(name);
        free(title);
        display_free(&doc);
    }
    tools_free(&t);
    return ok;
}

/* The date of the presa visione of p's valutazione of the year, when taken in schede web. */
static bool presa_visione(Server *s, const Persona *p, Date *out)
{
    char *key = chiave_valutazione(s, p);
    Stato st = stato_di(s->a, "valutazione", key);
    free(key);
    struct tm local; /* the day where the ente is, not in UTC */
    bool taken = st.stato && strcmp(st.stato, "presa visione") == 0 && quando_locale(st.quando, &local);
    if (taken)
        *out = (Date){local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
    stato_free(&st);
    return taken;
}

bool documento_persone(Server *s, const Persona *only, Risposta *out, char **error)
{
    Anno y;
    anno_carica(s, &y);
    Strumenti t;
    bool ok = tools_load("persona", &PERSONA_NEEDS, &t, error);
    if (ok) {
        time_t when = time(NULL);
        PersoneAnno persone;
        persone_compute(&s->plan, &y.esiti, s->anno, &persone);
        char *missing = NULL;
        bool with_va = anno_valutazioni(s, &y, &missing); /* without them, the sheets of participation alone */
        free(missing);
        size_t n;
        FoglioPersona *fogli = persona_fogli(&persone, with_va ? &y.va : NULL, &n), *mine = NULL;
        for (size_t i = 0; i < n; i++) {
            if (fogli[i].registro)
                fogli[i].has_presa_visione = presa_visione(s, fogli[i].registro, &fogli[i].presa_visione);
            if (only && fogli[i].registro == only)
                mine = &fogli[i];
        }
        char *title = persona_title(&s->plan, s->anno, &t.spec);
        PdfInfo info = {.title = only ? only->nome : title, .author = s->plan.ente,
                        .subject = only ? title : "Partecipazione del personale agli obiettivi",
                        .creator = "schede " SCHEDE_VERSION, .created = when};
        if (only && !mine) {
            *error = xstrdup("Questa persona non partecipa agli obiettivi dell'anno: non ha una scheda.");
            ok = false;
        } else {
            DisplayDoc doc = persona_build(&s->plan, &y.esiti, &persone, fogli, n, mine, &t.spec, &t.fonts, when);
            char *name = only ? xasprintf("scheda-%s.pdf", only->id) : xstrdup("persone.pdf");
            ok = render(out, &t, &doc, info, false, name, error);
            free(name);
            display_free(&doc);
        }
        free(title);
        free(fogli);
        persone_free(&persone);
    }
    tools_free(&t);
    anno_free(&y);
    return ok;
}

static bool relazione_pdf(Server *s, Anno *y, Risposta *out, char **error)
{
    Strumenti t;
    bool ok = tools_load("relazione", &RELAZIONE_NEEDS, &t, error);
    if (ok) {
        time_t when = time(NULL);
        PersoneAnno persone;
        persone_compute(&s->plan, &y->esiti, s->anno, &persone);
        Sintesi sintesi;
        relazione_sintesi(&s->plan, &y->esiti, &persone, &t.spec, &sintesi);
        char *title = relazione_title(&s->plan, s->anno, &t.spec);
        PdfInfo info = {.title = title, .author = s->plan.ente, .subject = "Relazione sulla Performance",
                        .creator = "schede " SCHEDE_VERSION, .created = when};
        char *missing = NULL;
        bool with_va = anno_valutazioni(s, y, &missing);
        free(missing);
        DisplayDoc doc = relazione_build(&s->plan, &y->esiti, &sintesi, with_va ? &y->va : NULL, &t.spec, &t.fonts, when);
        ok = render(out, &t, &doc, info, true, "relazione.pdf", error);
        display_free(&doc);
        free(title);
        sintesi_free(&sintesi);
        persone_free(&persone);
    }
    tools_free(&t);
    return ok;
}

static bool premi_pdf(Server *s, Anno *y, Risposta *out, int *status, char **error)
{
    if (!anno_valutazioni(s, y, error)) {
        *status = 404;
        char *why = *error;
        *error = xasprintf("I premi vengono dal sistema di valutazione e dalle valutazioni dell'anno, che l'archivio non ha "
                           "(%s): si importano con schede archivio importa.", why ? why : "");
        free(why);
        return false;
    }
    if (!y->va.premi.present) {
        *status = 404;
        *error = xstrdup("Il sistema di valutazione non ripartisce un fondo (manca «premi»): non c'è un documento dei premi.");
        return false;
    }
    Strumenti t;
    bool ok = tools_load("premi", &PREMI_NEEDS, &t, error);
    if (ok) {
        time_t when = time(NULL);
        char *title = premi_title(&s->plan, y->va.anno, &t.spec);
        PdfInfo info = {.title = title, .author = s->plan.ente,
                        .subject = "Ripartizione del fondo per la produttività (riservato)", .creator = "schede " SCHEDE_VERSION,
                        .created = when};
        DisplayDoc doc = premi_build(&s->plan, &y->va, &t.spec, &t.fonts, when);
        ok = render(out, &t, &doc, info, false, "premi.pdf", error);
        display_free(&doc);
        free(title);
    }
    tools_free(&t);
    return ok;
}

/* The monitoring at today, or at the year's end when the year is over. */
/* The monitoring of a period (?periodo=2024-06-30), else the latest monitoring of the year, else
 * today's state from the year's rilevazioni (at 31/12 when the year is over). */
static bool monitoraggio_pdf(Server *s, const Periodo *asked, Risposta *out, char **error)
{
    Periodo p = {0};
    if (asked && asked->has_al) {
        p = *asked;
    } else {
        Periodo *list;
        size_t n = periodi(s, &list);
        if (n > 1)
            p = list[n - 1];
        free(list);
    }
    Anno yy, *y = &yy;
    anno_carica_periodo(s, &p, y);
    Strumenti t;
    bool ok = tools_load("monitoraggio", &MONITORAGGIO_NEEDS, &t, error);
    if (ok) {
        time_t when = time(NULL);
        struct tm tm;
        localtime_r(&when, &tm);
        Date al = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
        if (p.has_al)
            al = p.al;
        else if (al.year > s->anno)
            al = (Date){s->anno, 12, 31};
        else if (al.year < s->anno)
            al = (Date){s->anno, 1, 1};
        Esiti at;
        DiagList d;
        diag_list_init(&d);
        esiti_compute_at(&s->plan, &y->ril, s->anno, &al, &at, &d);
        diag_list_free(&d);
        Monitoraggio m;
        monitoraggio_compute(&s->plan, &y->ril, &at, s->anno, al, monitoraggio_margine(&t.spec), &m);
        char *title = monitoraggio_title(&s->plan, &m, &t.spec);
        PdfInfo info = {.title = title, .author = s->plan.ente, .subject = "Monitoraggio intermedio degli obiettivi gestionali",
                        .creator = "schede " SCHEDE_VERSION, .created = when};
        DisplayDoc doc = monitoraggio_build(&s->plan, &m, &t.spec, &t.fonts, when);
        ok = render(out, &t, &doc, info, true, "monitoraggio.pdf", error);
        display_free(&doc);
        free(title);
        monitoraggio_free(&m);
        esiti_free(&at);
    }
    tools_free(&t);
    anno_free(y);
    return ok;
}

void documento_pdf(Contesto *c, Risposta *out, const char *nome, const char *codice)
{
    Ruolo r = c->sessione->ruolo;
    bool office = r == RUOLO_AMMINISTRATORE || r == RUOLO_PERSONALE || r == RUOLO_OIV;
    const Obiettivo *only = NULL;
    if (codice) {
        only = piano_obiettivo(c->s, codice);
        if (!only) {
            risposta_errore(c, out, 404, "Nel piano non c'è un obiettivo con questo codice.");
            return;
        }
        if (!office && !contesto_dirigente_di(c, only)) {
            risposta_vietato(c, out, only->codice, "Questo obiettivo non è tra quelli di cui si è dirigente.");
            return;
        }
    } else {
        static const char *const known[] = {"schede", "persone", "relazione", "monitoraggio", "premi"};
        bool found = false;
        for (size_t i = 0; i < 5; i++)
            found = found || strcmp(nome, known[i]) == 0;
        if (!found) {
            risposta_errore(c, out, 404, "Questo documento non esiste.");
            return;
        }
        bool premi = strcmp(nome, "premi") == 0;
        if (!office || (premi && r == RUOLO_OIV)) {
            risposta_vietato(c, out, NULL, premi ? "Il documento dei premi è riservato all'ufficio personale e alla Segreteria."
                                                 : "I documenti dell'ente li scaricano la Segreteria, l'ufficio personale e l'OIV.");
            return;
        }
    }
    char *error = NULL;
    bool ok;
    int status = 500;
    if (!codice && strcmp(nome, "premi") == 0) {
        Anno y;
        anno_carica(c->s, &y);
        ok = premi_pdf(c->s, &y, out, &status, &error);
        anno_free(&y);
    } else if (!codice && strcmp(nome, "monitoraggio") == 0) {
        Modulo q;
        Periodo p = {0};
        bool good = modulo_urlencoded(c->r->query, strlen(c->r->query), &q) &&
                    periodo_leggi(c->s, modulo_valore(&q, "periodo"), &p);
        modulo_free(&q);
        if (!good) {
            risposta_errore(c, out, 400, "Il periodo non è valido: la data di un monitoraggio dell'anno, come aaaa-mm-gg.");
            return;
        }
        ok = monitoraggio_pdf(c->s, &p, out, &error);
    } else if (!codice && strcmp(nome, "persone") == 0) {
        ok = documento_persone(c->s, NULL, out, &error); /* reads the year itself, with the prese visione */
    } else {
        Anno y;
        anno_carica(c->s, &y);
        ok = codice || strcmp(nome, "schede") == 0 ? scheda_pdf(c->s, only, &y, out, &error)
                                                 : relazione_pdf(c->s, &y, out, &error);
        anno_free(&y);
    }
    if (!ok)
        risposta_errore(c, out, status, error ? error : "Il documento non è stato prodotto.");
    free(error);
}
