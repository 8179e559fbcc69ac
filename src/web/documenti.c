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

#include "anno.h"
#include "catalogo.h"
#include "html.h"
#include "ingressi.h"
#include "motore.h"
#include "persone.h"
#include "server.h"

/* The monitoring a request names (?periodo=2024-06-30), else the latest of
 * the year; false when the year has none (the Segreteria opens one at a date). */
static bool monitoring_date(Server *s, const Periodo *asked, Date *al)
{
    if (asked && asked->has_al) {
        *al = asked->al;
        return true;
    }
    Periodo *list;
    size_t n = periodi(s, &list); /* the year end first, then the monitorings by date */
    if (n > 1)
        *al = list[n - 1].al;
    free(list);
    return n > 1;
}

/* "inline; filename=…" for any name: an ASCII stand-in for old clients, the
 * name itself percent-encoded (RFC 6266, RFC 5987) for the others. */
static char *disposition(const char *name)
{
    char *ascii = xstrdup(name);
    for (char *p = ascii; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
              *p == '.' || *p == '_'))
            *p = '_';
    char *encoded = url_path("%s", name), *value = xasprintf("inline; filename=\"%s\"; filename*=UTF-8''%s", ascii,
                                                                encoded);
    free(ascii);
    free(encoded);
    return value;
}

/* The first errors of the archive's data, for a page: what `schede stampa --archivio` would print. */
static char *data_errors(const DiagList *d)
{
    StrBuf b = {0};
    strbuf_puts(&b, "Il documento non si può fare: i dati dell'archivio hanno errori");
    size_t shown = 0;
    for (size_t i = 0; i < d->count && shown < 3; i++)
        if (d->items[i].severity == DIAG_ERROR)
            strbuf_printf(&b, "%s %s%s%s", shown++ ? ";" : ":", d->items[i].codice ? d->items[i].codice : "",
                          d->items[i].codice ? ": " : "", d->items[i].message);
    if (d->errors > shown)
        strbuf_printf(&b, "; e altri %zu", d->errors - shown);
    strbuf_puts(&b, ".");
    return b.data;
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
    if (d->momento == DOC_MONITORAGGIO && !(o.has_al = monitoring_date(s, rq->periodo, &o.al))) {
        *status = 404;
        *error = xasprintf("Il monitoraggio è lo stato a una data, e nel %d non c'è ancora un monitoraggio: la "
                           "Segreteria lo apre a una data dalla pagina iniziale.", s->anno);
        return false;
    }
    DiagList diags;
    diag_list_init(&diags);
    DatiDocumenti dati = {0};
    Moduli forms = {0};
    Fatto fatto = {0};
    bool ok = false;
    LoadStatus st = ingressi_archivio(s->a, false, 0, d->valutazioni ? ARCHIVIO_TUTTO : ARCHIVIO_RILEVAZIONI, &o, error);
    if (st == LOAD_OK && dati_documenti(&o, NULL, false, &dati, &diags, &st) != DATI_OK) {
        *status = 409;
        *error = data_errors(&diags);
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
            /* made outside the server's lock: the inputs are this request's own copies (the engine reads nothing
               the server shares), so pages go on meanwhile; the queue bounds how many PDFs at once */
            pthread_mutex_unlock(&s->lock);
            bool turn = coda_stampa_entra(&s->stampe), made = false;
            if (turn) {
                made = motore_stampa(d, &in, &forms, &opzioni, &memory, &fatto, &diags);
                coda_stampa_esci(&s->stampe);
            }
            pthread_mutex_lock(&s->lock);
            if (!turn) {
                *status = 503;
                *error = xstrdup("Si stanno preparando già molti documenti: riprovare fra qualche secondo.");
            } else if (!made) {
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
                out->disposition = disposition(f->nome);
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
    bool ok = make(c->s, d, rq, out, &status, &error);
    /* the lock was let go while the PDF was made: the session is found again (it may have ended meanwhile) */
    contesto_ritrova_sessione(c);
    c->obiettivo = NULL;
    c->persona = NULL;
    if (!ok) {
        risposta_errore(c, out, status, error ? error : "Il documento non è stato prodotto.");
        if (status == 503)
            out->retry_after = 5;
    }
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
