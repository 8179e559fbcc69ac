/* dispatch.c — one request from start to end: the session from its
 * cookie, the CSRF token of a POST, then the route. Which role may do what
 * is checked by each route on the server, whatever links a page shows. */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "persone.h"
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
    case 429: return "Troppi tentativi";
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

bool contesto_dirigente_di(const Contesto *c, const Obiettivo *o)
{
    const Sessione *s = c->sessione;
    if (!s || s->anonima || s->ruolo != RUOLO_DIRIGENTE || !s->persona || !o->dirigente)
        return false;
    char *a = text_name_key(o->dirigente), *b = text_name_key(s->persona);
    bool same = strcmp(a, b) == 0;
    free(a);
    free(b);
    if (!same) {
        const Persona *pa = persone_match_untitled(&c->s->plan, o->dirigente);
        same = pa && pa == persone_match_untitled(&c->s->plan, s->persona);
    }
    return same;
}

/* path is prefix + one segment + suffix: the segment, else NULL. */
static char *segment(const char *path, const char *prefix, const char *suffix)
{
    size_t pl = strlen(prefix), sl = strlen(suffix), n = strlen(path);
    if (n <= pl + sl || strncmp(path, prefix, pl) != 0 || strcmp(path + n - sl, suffix) != 0)
        return NULL;
    char *seg = xstrndup(path + pl, n - pl - sl);
    if (!*seg || strchr(seg, '/')) {
        free(seg);
        return NULL;
    }
    return seg;
}

typedef void (*Handler)(Contesto *c, Risposta *out, const char *arg);

/* The routes after login: method, path prefix and suffix around one
 * segment (or, without a segment, the exact path). */
typedef struct {
    const char *metodo, *prefisso, *suffisso;
    Handler run;
} Rotta;

static void h_home(Contesto *c, Risposta *o, const char *x) { (void)x; pagina_home(c, o); }
static void h_obiettivi(Contesto *c, Risposta *o, const char *x) { (void)x; pagina_obiettivi(c, o); }
static void h_storia(Contesto *c, Risposta *o, const char *x) { (void)x; pagina_storia(c, o); }
static void h_piano(Contesto *c, Risposta *o, const char *x) { (void)x; pagina_piano(c, o, NULL); }
static void h_post_piano(Contesto *c, Risposta *o, const char *x) { (void)x; post_piano(c, o); }
static void h_stato_piano(Contesto *c, Risposta *o, const char *x) { (void)x; post_stato_piano(c, o); }
static void h_utenti(Contesto *c, Risposta *o, const char *x) { (void)x; pagina_utenti(c, o, NULL); }
static void h_post_utenti(Contesto *c, Risposta *o, const char *x) { (void)x; post_utenti(c, o); }
static void h_uscita(Contesto *c, Risposta *o, const char *x) { (void)x; post_uscita(c, o); }
static void h_valutazioni(Contesto *c, Risposta *o, const char *x) { (void)x; pagina_valutazioni(c, o, NULL); }
static void h_post_valutazioni(Contesto *c, Risposta *o, const char *x) { (void)x; post_valutazioni(c, o); }
static void h_validazione(Contesto *c, Risposta *o, const char *x) { (void)x; post_validazione_valutazioni(c, o); }
static void h_raccolta(Contesto *c, Risposta *o, const char *x) { (void)x; post_raccolta(c, o); }
static void h_relazione(Contesto *c, Risposta *o, const char *x) { (void)x; post_relazione(c, o); }
static void h_scheda(Contesto *c, Risposta *o, const char *x) { documento_pdf(c, o, "scheda", x); }
static void h_documento(Contesto *c, Risposta *o, const char *x) { documento_pdf(c, o, x, NULL); }

static const Rotta ROTTE[] = {
    {"GET", "/", NULL, h_home},
    {"GET", "/obiettivi", NULL, h_obiettivi},
    {"GET", "/obiettivi/", "/scheda.pdf", h_scheda},
    {"POST", "/obiettivi/", "/rilevazioni", post_rilevazione},
    {"POST", "/obiettivi/", "/stato", post_stato_rilevazioni},
    {"GET", "/obiettivi/", "", pagina_obiettivo},
    {"GET", "/documenti/", ".pdf", h_documento},
    {"GET", "/persone/", "/scheda.pdf", pagina_persona_pdf},
    {"GET", "/persone/", "", pagina_persona},
    {"POST", "/persone/", "/presa-visione", post_presa_visione},
    {"POST", "/persone/", "/comunicazione", post_comunicazione},
    {"GET", "/storia", NULL, h_storia},
    {"GET", "/piano", NULL, h_piano},
    {"POST", "/piano", NULL, h_post_piano},
    {"POST", "/piano/stato", NULL, h_stato_piano},
    {"GET", "/utenti", NULL, h_utenti},
    {"POST", "/utenti", NULL, h_post_utenti},
    {"POST", "/uscita", NULL, h_uscita},
    {"POST", "/raccolta", NULL, h_raccolta},
    {"GET", "/valutazioni", NULL, h_valutazioni},
    {"POST", "/valutazioni", NULL, h_post_valutazioni},
    {"POST", "/valutazioni/validazione", NULL, h_validazione},
    {"POST", "/relazione", NULL, h_relazione},
};

/* Finds the route; *known_path tells a wrong method (405) from an unknown path (404). */
static const Rotta *find_route(const char *metodo, const char *path, char **arg, bool *known_path)
{
    *arg = NULL;
    *known_path = false;
    for (size_t i = 0; i < sizeof ROTTE / sizeof *ROTTE; i++) {
        const Rotta *r = &ROTTE[i];
        char *seg = NULL;
        bool match = r->suffisso ? (seg = segment(path, r->prefisso, r->suffisso)) != NULL : strcmp(path, r->prefisso) == 0;
        if (!match)
            continue;
        *known_path = true;
        if (strcmp(metodo, r->metodo) == 0) {
            *arg = seg;
            return r;
        }
        free(seg);
    }
    return NULL;
}

static void route(Contesto *c, Risposta *out)
{
    const Richiesta *r = c->r;
    bool post = strcmp(r->metodo, "POST") == 0;
    if (post && !modulo_leggi(r, &c->modulo)) {
        risposta_errore(c, out, 400, "Il modulo inviato non è leggibile.");
        return;
    }
    if (post && !sessione_csrf_ok(c->sessione, modulo_valore(&c->modulo, "csrf"))) {
        risposta_errore(c, out, 403, "Il modulo è scaduto o non viene da questa pagina: ricaricare la pagina e riprovare.");
        return;
    }
    if (strcmp(r->percorso, "/accesso") == 0) {
        if (post)
            post_accesso(c, out);
        else if (strcmp(r->metodo, "GET") == 0)
            pagina_accesso(c, out, NULL, NULL);
        else
            risposta_errore(c, out, 405, "Metodo non consentito.");
        return;
    }
    char *arg;
    bool known;
    const Rotta *rt = find_route(r->metodo, r->percorso, &arg, &known);
    if (!rt) {
        risposta_errore(c, out, known ? 405 : 404, known ? "Metodo non consentito." : "La pagina richiesta non esiste.");
        return;
    }
    if (!c->sessione || c->sessione->anonima) {
        if (post)
            risposta_errore(c, out, 403, "Occorre accedere.");
        else
            risposta_redirect(out, "/accesso");
        free(arg);
        return;
    }
    rt->run(c, out, arg);
    free(arg);
}

void web_gestisci(Server *s, const Richiesta *r, Risposta *out)
{
    memset(out, 0, sizeof *out);
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
    Contesto c = {.s = s, .r = r};
    c.token = web_cookie(r->cookie, COOKIE);
    c.sessione = sessioni_trova(&s->sessioni, c.token, s->adesso());
    route(&c, out);
    pthread_mutex_unlock(&s->lock);
    modulo_free(&c.modulo);
    free(c.token);
}
