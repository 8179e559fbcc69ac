/* documenti.c — the PDFs, made on demand by the engine beneath `schede
 * stampa` (motore.h): the documents of the catalogue, from the inputs the
 * archive gives by the same rules as `stampa --archivio --anno ANNO` (the
 * plan by the version rule, the year's rilevazioni, the SMVP and the
 * valutazioni, the prese visione), with the ente's profile of forms and the
 * document time; drawn in memory. Same archive and SOURCE_DATE_EPOCH: the
 * same bytes as stampa. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anno.h"
#include "catalogo.h"
#include "ingressi.h"
#include "motore.h"
#include "persone.h"
#include "server.h"

/* The monitoring a request names (?periodo=2024-06-30), else the latest of
 * the year, else today's state (at 31/12 when the year is over). */
static Date monitoring_date(Server *s, const Periodo *asked)
{
    if (asked && asked->has_al)
        return asked->al;
    Periodo *list;
    size_t n = periodi(s, &list);
    Date al = n > 1 ? list[n - 1].al : (Date){0, 0, 0};
    free(list);
    if (n > 1)
        return al;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    al = (Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    if (al.year > s->anno)
        al = (Date){s->anno, 12, 31};
    else if (al.year < s->anno)
        al = (Date){s->anno, 1, 1};
    return al;
}

/* What a document request asks for beyond its name. */
typedef struct {
    const char *codice;     /* one objective's scheda */
    const char *persona_id; /* one person's sheet */
    const Periodo *periodo; /* the monitoring's period */
} Richiesto;

/* Makes document d into out (200 and its bytes), or says why not (*status and *error). */
static bool make(Server *s, const Documento *d, const Richiesto *rq, Risposta *out, int *status, char **error)
{
    InputOptions o = {.has_anno = true, .anno = s->anno};
    if (d->momento == DOC_MONITORAGGIO) {
        o.has_al = true;
        o.al = monitoring_date(s, rq->periodo);
    }
    DiagList diags;
    diag_list_init(&diags);
    DatiDocumenti dati = {0};
    Moduli forms = {0};
    Fatto fatto = {0};
    bool ok = false;
    LoadStatus st = ingressi_archivio(s->a, false, 0, d->valutazioni ? ARCHIVIO_TUTTO : ARCHIVIO_RILEVAZIONI, &o, error);
    if (st == LOAD_OK && dati_documenti(&o, NULL, false, &dati, &diags, &st) != DATI_OK) {
        *error = xasprintf("i dati dell'archivio non danno il documento: %s",
                           diags.count ? diags.items[0].message : "errore");
        st = LOAD_DATA_ERROR;
    }
    if (st == LOAD_OK && moduli_profilo(s->dati, o.archivio->profilo, &forms, error)) {
        DocInputs in = dati.doc;
        if (rq->codice && !(in.obiettivo = plan_obiettivo(&dati.plan, rq->codice))) {
            *status = 404;
            *error = xstrdup("Nel piano non c'è un obiettivo con questo codice.");
        } else if (rq->persona_id && !(in.persona = persone_by_id(&dati.plan, rq->persona_id))) {
            *status = 404;
            *error = xstrdup("Nel piano non c'è una persona con questo identificativo.");
        } else {
            OpzioniStampa opzioni = {.pdfa = -1, .quando = document_time()};
            Destinazione memory = {0};
            if (!motore_stampa(d, &in, &forms, &opzioni, &memory, &fatto, &diags)) {
                *error = xasprintf("il documento non è stato prodotto: %s", diags.count ? diags.items[0].message : "errore");
            } else if (fatto.manca) {
                *status = 404;
                *error = xasprintf("Il documento «%s» non c'è: %s.", d->etichetta, fatto.manca);
            } else {
                FileFatto *f = &fatto.files[0];
                out->owned_bytes = f->bytes;
                out->bytes = f->bytes;
                out->len = f->len;
                f->bytes = NULL;
                out->status = 200;
                out->content_type = "application/pdf";
                out->disposition = xasprintf("inline; filename=\"%s\"", f->nome);
                ok = true;
            }
        }
    }
    fatto_free(&fatto);
    moduli_free(&forms);
    dati_documenti_free(&dati);
    ingressi_chiudi(&o);
    diag_list_free(&diags);
    return ok;
}

static void answer(Contesto *c, Risposta *out, const Documento *d, const Richiesto *rq)
{
    char *error = NULL;
    int status = 500;
    if (!make(c->s, d, rq, out, &status, &error))
        risposta_errore(c, out, status, error ? error : "Il documento non è stato prodotto.");
    free(error);
}

void documento_pdf(Contesto *c, Risposta *out)
{
    const Documento *d = c->documento;
    Periodo p = {0};
    if (d->momento == DOC_MONITORAGGIO) {
        Modulo q;
        bool good = modulo_urlencoded(c->r->query, strlen(c->r->query), &q) &&
                    periodo_leggi(c->s, modulo_valore(&q, "periodo"), &p);
        modulo_free(&q);
        if (!good) {
            risposta_errore(c, out, 400, "Il periodo non è valido: la data di un monitoraggio dell'anno, come aaaa-mm-gg.");
            return;
        }
    }
    answer(c, out, d, &(Richiesto){.periodo = &p});
}

void pagina_obiettivo_pdf(Contesto *c, Risposta *out)
{
    answer(c, out, &CATALOGO[DOCUMENTO_SCHEDE], &(Richiesto){.codice = c->obiettivo->codice});
}

void pagina_persona_pdf(Contesto *c, Risposta *out)
{
    answer(c, out, &CATALOGO[DOCUMENTO_PERSONE], &(Richiesto){.persona_id = c->persona->id});
}
