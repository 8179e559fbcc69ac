/* dispatch.c — one request from start to end: the session from its
 * cookie and its capabilities, the CSRF token of a POST, the route from
 * the table (rotte.c) with the capability it needs and the object its path
 * names, checked here before its handler runs. Whatever links a page
 * shows, this is where a request is allowed or refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "persone.h"
#include "rotte.h"
#include "server.h"

#define COOKIE "schede_sessione"

void risposta_html(Risposta *out, int status)
{
    out->status = status;
    out->content_type = "text/html; charset=utf-8";
}

void risposta_redirect(Risposta *out, const char *location)
{
    out->status = 303;
    out->content_type = "text/plain; charset=utf-8";
    free(out->location);
    out->location = xstrdup(location);
}

static const char *titolo_di(int status)
{
    switch (status) {
    case 400: return "Richiesta non valida";
    case 403: return "Accesso non consentito";
    case 404: return "Pagina non trovata";
    case 405: return "Operazione non consentita";
    case 409: return "Operazione non possibile ora";
    case 413: return "Richiesta troppo grande";
    case 422: return "Dati da correggere";
    case 429: return "Troppi tentativi";
    case 503: return "Servizio occupato";
    default: return "Errore";
    }
}

void risposta_errore(Contesto *c, Risposta *out, int status, const char *messaggio)
{
    strbuf_free(&out->body);
    risposta_html(out, status);
    const Sessione *s = c ? c->sessione : NULL;
    bool logged = s && !s->anonima;
    Briciola home = {"Inizio", "/"};
    html_inizio(&out->body, titolo_di(status), logged ? s->utente : NULL, logged ? ruolo_nome(s->ruolo) : NULL,
                s ? s->csrf : NULL, &home, 1);
    html_printf(&out->body, "<p class=\"errore\" role=\"alert\">%s</p>\n<p><a href=\"/\">Torna all'inizio</a></p>\n",
                messaggio);
    html_fine(&out->body);
}

Autore contesto_autore(const Contesto *c, const char *motivo)
{
    return (Autore){c->sessione && c->sessione->utente ? c->sessione->utente : "anonimo", motivo};
}

void risposta_vietato(Contesto *c, Risposta *out, const char *obiettivo, const char *cosa)
{
    Autore chi = contesto_autore(c, NULL);
    char *error = NULL;
    char *detail = xasprintf("%s %s: %s", c->r->metodo, c->r->percorso, cosa);
    if (archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
        archivio_evento(c->s->a, &chi, "accesso negato", c->r->percorso, obiettivo, detail, &error) == ARCHIVIO_OK)
        archivio_conferma(c->s->a, &error);
    else
        archivio_annulla(c->s->a);
    free(error);
    free(detail);
    risposta_errore(c, out, 403, cosa);
}

/* ---- the objects' checks ------------------------------------------------------------------- */

void cache_free(CacheUtente *io)
{
    free(io->dirigente);
    free(io->nomi);
    free(io->nomi_miei);
}

/* The request's cache, for the plan the server has now. */
static CacheUtente *cache(const Contesto *c)
{
    CacheUtente *io = c->io;
    if (io && io->obiettivi != c->s->plan.obiettivi) {
        cache_free(io);
        memset(io, 0, sizeof *io);
    }
    if (io && !io->obiettivi) {
        io->obiettivi = c->s->plan.obiettivi;
        io->dirigente = xcalloc(c->s->plan.n_obiettivi + 1, 1);
    }
    return io;
}

static bool dirigente_di(const Contesto *c, const Obiettivo *o);

bool contesto_dirigente_di(const Contesto *c, const Obiettivo *o)
{
    CacheUtente *io = cache(c);
    size_t i = o >= c->s->plan.obiettivi && o < c->s->plan.obiettivi + c->s->plan.n_obiettivi
                   ? (size_t)(o - c->s->plan.obiettivi)
                   : SIZE_MAX;
    if (!io || i == SIZE_MAX)
        return dirigente_di(c, o);
    if (!io->dirigente[i]) {
        /* many objectives share a dirigente: each spelling is compared once */
        size_t k = 0;
        while (k < io->n_nomi && !(o->dirigente && strcmp(io->nomi[k], o->dirigente) == 0))
            k++;
        bool mine;
        if (k < io->n_nomi) {
            mine = io->nomi_miei[k];
        } else {
            mine = dirigente_di(c, o);
            if (o->dirigente) {
                io->nomi = xrealloc(io->nomi, (io->n_nomi + 1) * sizeof *io->nomi);
                io->nomi_miei = xrealloc(io->nomi_miei, (io->n_nomi + 1) * sizeof *io->nomi_miei);
                io->nomi[io->n_nomi] = o->dirigente;
                io->nomi_miei[io->n_nomi++] = mine;
            }
        }
        io->dirigente[i] = mine ? 1 : -1;
    }
    return io->dirigente[i] > 0;
}

static bool dirigente_di(const Contesto *c, const Obiettivo *o)
{
    const Sessione *s = c->sessione;
    if (!s || s->anonima || s->ruolo != RUOLO_DIRIGENTE || !s->persona || !o->dirigente)
        return false;
    /* one person under any spelling: "Mario Rossi" is "Dott. Mario Rossi – Dirigente Area Tecnica", or the
       registro's person of both */
    if (persone_stesso_nome(o->dirigente, s->persona))
        return true;
    const Persona *pa = persone_di_nome(&c->s->plan, o->dirigente);
    return pa && pa == contesto_persona(c);
}

bool contesto_vede_obiettivo(const Contesto *c, const Obiettivo *o)
{
    return (c->capacita & CAP_OBIETTIVI) || ((c->capacita & CAP_OBIETTIVI_PROPRI) && contesto_dirigente_di(c, o));
}

const Persona *contesto_persona(const Contesto *c)
{
    const Sessione *s = c->sessione;
    if (!s || s->anonima || !s->persona)
        return NULL;
    CacheUtente *io = cache(c);
    if (!io)
        return persone_di_nome(&c->s->plan, s->persona);
    if (!io->persona_cercata) {
        io->persona = persone_di_nome(&c->s->plan, s->persona);
        io->persona_cercata = true;
    }
    return io->persona;
}

bool contesto_e(const Contesto *c, const Persona *p)
{
    return p && contesto_persona(c) == p;
}

bool contesto_vede_persona(const Contesto *c, const Persona *p)
{
    return (c->capacita & CAP_PERSONE) || ((c->capacita & CAP_SCHEDA_PROPRIA) && contesto_e(c, p));
}

/* Finds what the route's argument names and checks that the user may reach
 * it: false with the answer (404, 403) written. */
static bool check_object(Contesto *c, const Rotta *rt, Risposta *out)
{
    switch (rt->oggetto) {
    case OGGETTO_NESSUNO: return true;
    case OGGETTO_OBIETTIVO:
    case OGGETTO_OBIETTIVO_PROPRIO:
        if (!(c->obiettivo = plan_obiettivo(&c->s->plan, c->argomento))) {
            risposta_errore(c, out, 404, "Nel piano non c'è un obiettivo con questo codice.");
            return false;
        }
        if (rt->oggetto == OGGETTO_OBIETTIVO ? !contesto_vede_obiettivo(c, c->obiettivo)
                                              : !contesto_dirigente_di(c, c->obiettivo)) {
            risposta_vietato(c, out, c->obiettivo->codice,
                             rt->oggetto == OGGETTO_OBIETTIVO ? "Questo obiettivo non è tra quelli di cui si è dirigente."
                                                              : rt->rifiuto);
            return false;
        }
        return true;
    case OGGETTO_PERSONA:
    case OGGETTO_SE_STESSI:
        if (!(c->persona = persone_by_id(&c->s->plan, c->argomento))) {
            risposta_errore(c, out, 404, "Nel piano non c'è una persona con questo identificativo.");
            return false;
        }
        if (rt->oggetto == OGGETTO_PERSONA ? !contesto_vede_persona(c, c->persona) : !contesto_e(c, c->persona)) {
            risposta_vietato(c, out, NULL, rt->rifiuto);
            return false;
        }
        return true;
    case OGGETTO_DOCUMENTO:
        if (!(c->documento = catalogo_trova(c->argomento))) {
            risposta_errore(c, out, 404, "Questo documento non esiste.");
            return false;
        }
        if (!documento_consentito(c->documento, c->capacita)) {
            risposta_vietato(c, out, NULL, "Questo documento è riservato all'ufficio personale e alla Segreteria.");
            return false;
        }
        return true;
    }
    return false;
}

/* The refusals that a request's head alone may already earn (web_ammetti) and its whole (route), worded once. */
static const char *const FORM_EXPIRED =
    "Il modulo è scaduto o non viene da questa pagina: ricaricare la pagina e riprovare.";
static const char *const LOGIN_NEEDED = "Occorre accedere.";

static const char *refusal_of(const Rotta *rt)
{
    return rt->rifiuto ? rt->rifiuto : "Operazione non consentita a questo ruolo.";
}

/* No route for method and path: 400, 405 or 404, written into out; returns the status. */
static int no_route(Contesto *c, Risposta *out, bool known, bool malformed)
{
    int status = malformed ? 400 : known ? 405 : 404;
    risposta_errore(c, out, status, malformed ? "L'indirizzo non è valido." : known ? "Metodo non consentito."
                                                                           : "La pagina richiesta non esiste.");
    return status;
}

static void route(Contesto *c, Risposta *out)
{
    const Richiesta *r = c->r;
    bool post = strcmp(r->metodo, "POST") == 0;
    bool known, malformed;
    const Rotta *rt = rotta_trova(r->metodo, r->percorso, &c->argomento, &known, &malformed);
    if (!rt) {
        no_route(c, out, known, malformed);
        return;
    }
    if (post && !modulo_leggi(r, &c->modulo)) {
        risposta_errore(c, out, 400, "Il modulo inviato non è leggibile.");
        return;
    }
    if (post && !sessione_csrf_ok(c->sessione, modulo_valore(&c->modulo, "csrf"))) {
        risposta_errore(c, out, 403, FORM_EXPIRED);
        return;
    }
    bool logged = c->sessione && !c->sessione->anonima;
    if (rt->capacita && !logged) {
        if (post)
            risposta_errore(c, out, 403, LOGIN_NEEDED);
        else
            risposta_redirect(out, "/accesso");
        return;
    }
    if (!rotta_consentita(rt, c->capacita)) {
        risposta_vietato(c, out, NULL, refusal_of(rt));
        return;
    }
    if (check_object(c, rt, out))
        rt->gestore(c, out);
}

/* The live session of a token into buf (sessioni_trova: a logged-in one only while its user is enabled and
 * unchanged since the login), or NULL. */
static Sessione *live_session(Server *s, const char *token, Sessione *buf)
{
    return sessioni_trova(&s->sessioni, token, s->adesso(), buf) ? buf : NULL;
}

void contesto_ritrova_sessione(Contesto *c)
{
    sessione_free(&c->propria);
    c->sessione = live_session(c->s, c->token, &c->propria);
}

int web_ammetti(Server *s, const char *metodo, const char *percorso, const char *cookie, Risposta *out)
{
    memset(out, 0, sizeof *out);
    bool known, malformed;
    char *argomento = NULL;
    const Rotta *rt = rotta_trova(metodo, percorso, &argomento, &known, &malformed);
    free(argomento);
    if (!rt)
        return no_route(NULL, out, known, malformed);
    pthread_mutex_lock(&s->lock);
    char *token = web_cookie(cookie, COOKIE);
    Sessione buf;
    Sessione *se = live_session(s, token, &buf);
    free(token);
    int status = 0;
    const char *why = NULL;
    if (!se) /* not even the login form's session: the form cannot be valid */
        status = 403, why = FORM_EXPIRED;
    else if (rt->capacita && se->anonima)
        status = 403, why = LOGIN_NEEDED;
    else if (rt->capacita && !rotta_consentita(rt, capacita_di(se->ruolo))) {
        /* a logged-in user trying another role's step: in the registro, as after reading the body */
        Richiesta req = {.metodo = metodo, .percorso = percorso, .query = ""};
        Contesto c = {.s = s, .r = &req, .sessione = se};
        risposta_vietato(&c, out, NULL, refusal_of(rt));
        status = 403;
    }
    if (se)
        sessione_free(se);
    pthread_mutex_unlock(&s->lock);
    /* without a login, no row in the registro: a request refused before its body is read costs nothing */
    if (status && why)
        risposta_errore(NULL, out, status, why);
    return status;
}

/* Another process (the command line, a second server) may have changed the archive: when its registro moved
 * on, the plan version to use is checked again, and reloaded when it is another. */
static void follow_the_archive(Server *s)
{
    long long mark = archivio_ultima_modifica(s->a);
    if (mark < 0 || mark == s->visto)
        return;
    s->visto = mark;
    VersionePiano now;
    if (!archivio_versione_in_uso(s->a, &now))
        return;
    if (now.numero != s->versione.numero) {
        char *error = NULL;
        server_ricarica_piano(s, &error); /* when it fails, the plan in use stays */
        free(error);
    } else {
        s->versione.approvata = now.approvata;
        s->versione.ultima = now.ultima;
    }
}

void web_gestisci(Server *s, const Richiesta *asked, Risposta *out)
{
    memset(out, 0, sizeof *out);
    /* HEAD is answered as GET is (libmicrohttpd sends the head of the answer only) */
    Richiesta as_get = *asked;
    if (strcmp(asked->metodo, "HEAD") == 0)
        as_get.metodo = "GET";
    const Richiesta *r = &as_get;
    if (strcmp(r->percorso, "/salute") == 0 && strcmp(r->metodo, "GET") == 0) {
        out->status = 200;
        out->content_type = "text/plain; charset=utf-8";
        strbuf_puts(&out->body, "ok\n");
        return;
    }
    if (strncmp(r->percorso, "/static/", 8) == 0 && strcmp(r->metodo, "GET") == 0) {
        file_statico(s, out, r->percorso + 8);
        return;
    }
    pthread_mutex_lock(&s->lock);
    follow_the_archive(s);
    Contesto c = {.s = s, .r = r};
    c.token = web_cookie(r->cookie, COOKIE);
    c.sessione = live_session(s, c.token, &c.propria);
    c.capacita = c.sessione && !c.sessione->anonima ? capacita_di(c.sessione->ruolo) : 0;
    CacheUtente io = {0};
    c.io = c.sessione ? &io : NULL;
    route(&c, out);
    pthread_mutex_unlock(&s->lock);
    sessione_free(&c.propria);
    cache_free(&io);
    modulo_free(&c.modulo);
    free(c.token);
    free(c.argomento);
}
