/* server.h — the state one server shares between its requests, and the
 * routes (docs/web.md). Everything in Server is read and written under
 * lock. Private to src/web. */
#ifndef SCHEDE_WEB_SERVER_H
#define SCHEDE_WEB_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "archivio.h"
#include "catalogo.h"
#include "coda_stampa.h"
#include "esiti.h"
#include "connessioni.h"
#include "http.h"
#include "model.h"
#include "sessioni.h"
#include "tentativi.h"
#include "utenti.h"
#include "web.h"

/* The server's threads (server.c), and how many of them PDFs may take: as many making one at once as there are
 * cores (at most half the threads), the others waiting their turn, so that two threads are always free for pages. */
#define WEB_THREADS 8
#define STAMPE_INSIEME 0 /* 0: the cores, at most WEB_THREADS / 2 */

/* The results of a period, kept until the archive changes (its registro's last row, archivio_ultima_modifica):
 * a page then costs a lookup, not the whole plan's computation (anno.c). */
typedef struct {
    bool usata;
    bool has_al;          /* the period: the year end, or a monitoring at al */
    Date al;
    long long segno;      /* the registro's last row when computed */
    const void *piano;    /* the plan they were computed on (its objectives) */
    Rilevazioni ril;
    Esiti esiti;
    unsigned long uso;    /* for the least recently used to go */
} RisultatiInCache;

#define RISULTATI_IN_CACHE 4

typedef struct {
    WebConfig cfg;
    Archivio *a;
    pthread_mutex_t lock;
    Sessioni sessioni;
    Tentativi tentativi;       /* failed logins (tentativi.h) */
    int anno;                  /* the year of the rilevazioni and valutazioni */
    /* the plan documents print: by the archive's version rule (archivio_piano_da_usare) */
    Plan plan;
    bool has_plan;
    VersionePiano versione;
    long long visto;           /* the registro's last row at the last request: moved on, the plan may have too */
    RisultatiInCache risultati[RISULTATI_IN_CACHE];
    unsigned long uso_risultati;
    char *dati;                /* the data folder (layouts/, fonts/), found at start */
    char *dummy_hash;          /* a password hash to verify against for an unknown user (the same time) */
    atomic_int in_flight;      /* requests begun and not yet sent whole: what a graceful stop waits for */
    atomic_int uploads;        /* bodies larger than a form being received or parsed */
    Connessioni connessioni;   /* its own lock: connections, their addresses and deadlines (connessioni.h) */
    CodaStampa stampe;         /* its own lock: the PDFs being made, outside the server's lock */
    FILE *log;
    time_t (*adesso)(void);    /* time(NULL); tests may move it */
} Server;

/* Opens the archive and loads the plan; false with *error. */
bool server_apri(Server *s, const WebConfig *c, char **error);
void server_chiudi(Server *s);
/* Forgets the results kept (the plan changed, or the server closes). */
void server_dimentica_risultati(Server *s);
/* Reloads the plan to print after a version changed state or was imported. */
bool server_ricarica_piano(Server *s, char **error);

/* Whether a request's body may be read, from its head alone: 0, or the
 * status of the answer written into out (403 without a session or when the
 * route is not the role's, 404 for no route). Takes the lock. */
int web_ammetti(Server *s, const char *metodo, const char *percorso, const char *cookie, Risposta *out);

/* Answers one request (the whole of it: session, role, CSRF, route). Takes the lock. */
void web_gestisci(Server *s, const Richiesta *r, Risposta *out);

/* ---- what a route handler gets ------------------------------------------------------------ */

/* One request, as its handler sees it: who asks and what they may do,
 * worked out once before the handler runs (dispatch.c, rotte.h). */
/* Who the user is in the plan, worked out once per request: a page may ask it of every objective. */
typedef struct {
    const Obiettivo *obiettivi; /* the plan's objectives it was worked out for (a reloaded plan: again) */
    signed char *dirigente;     /* per objective: 1 the user is its dirigente, -1 not, 0 not asked yet */
    const char **nomi;          /* the dirigenti as written already compared, and whether each is the user */
    bool *nomi_miei;
    size_t n_nomi;
    bool persona_cercata;
    const Persona *persona;     /* the user's own registry person, or NULL */
} CacheUtente;

void cache_free(CacheUtente *io);

typedef struct Contesto {
    Server *s;
    const Richiesta *r;
    Sessione *sessione;        /* NULL: nobody logged in; else &propria */
    Sessione propria;          /* the request's own copy of its session */
    unsigned capacita;         /* what the session's role can do (rotte.h); 0 without a login */
    Modulo modulo;             /* a POST's fields */
    char *token;               /* the session cookie's value */
    char *argomento;           /* the path's argument, decoded: a codice, a person's id, a document's name */
    const Obiettivo *obiettivo; /* what the argument names, checked (OGGETTO_OBIETTIVO…) */
    const Persona *persona;
    const Documento *documento;
    CacheUtente *io;            /* see above; NULL without a login */
} Contesto;

/* Writes a page or an error into out. */
void risposta_html(Risposta *out, int status);
void risposta_errore(Contesto *c, Risposta *out, int status, const char *messaggio);
void risposta_redirect(Risposta *out, const char *location);
/* 403, with a row in the registro naming who tried what. */
void risposta_vietato(Contesto *c, Risposta *out, const char *obiettivo, const char *cosa);

/* The request's session found again, after the server's lock was let go (the session may have ended meanwhile). */
void contesto_ritrova_sessione(Contesto *c);

/* The author of a change made through the web: the logged-in user. */
Autore contesto_autore(const Contesto *c, const char *motivo);

/* The checks of each kind of object, one function each (the routes' and the pages' alike). */
/* Whether the user is the dirigente of the objective. */
bool contesto_dirigente_di(const Contesto *c, const Obiettivo *o);
/* Whether the user may see the objective: every one, or their own. */
bool contesto_vede_obiettivo(const Contesto *c, const Obiettivo *o);
/* Whether the user is this person of the plan. */
bool contesto_e(const Contesto *c, const Persona *p);
/* Whether the user may see the person's sheet: every one, or their own. */
bool contesto_vede_persona(const Contesto *c, const Persona *p);
/* The user's own person in the plan, or NULL. */
const Persona *contesto_persona(const Contesto *c);

/* The routes' handlers, by room (pagine_*.c, documenti.c). Each runs after
 * its route's checks (rotte.c): the objective, person or document of its
 * path is in the Contesto. */
void pagina_home(Contesto *c, Risposta *out);
void pagina_accesso(Contesto *c, Risposta *out);
void post_accesso(Contesto *c, Risposta *out);
void post_uscita(Contesto *c, Risposta *out);
void pagina_obiettivi(Contesto *c, Risposta *out);
void pagina_obiettivo(Contesto *c, Risposta *out);
void post_rilevazione(Contesto *c, Risposta *out);
void post_invio(Contesto *c, Risposta *out);
void post_validazione_rilevazioni(Contesto *c, Risposta *out);
void pagina_persona(Contesto *c, Risposta *out);
void pagina_persone(Contesto *c, Risposta *out);
/* «Da fare», on the home page (pagine_da_fare.c). */
void home_da_fare(Contesto *c, StrBuf *b);
void post_presa_visione(Contesto *c, Risposta *out);
void post_comunicazione(Contesto *c, Risposta *out);
void post_riapertura(Contesto *c, Risposta *out);
void post_presa_visione_cartacea(Contesto *c, Risposta *out);
void post_conferma_valutazioni(Contesto *c, Risposta *out);
void pagina_storia(Contesto *c, Risposta *out);
/* The home page with the errors of a step made from it (422; dati unused: a Passo's page). */
struct Errori;
void home_con_errori(Contesto *c, Risposta *out, const struct Errori *errori, const void *dati);
/* The year (pagine_anno.c): its raccolte, its Relazione and valutazioni, on the home page. */
void home_anno(Contesto *c, StrBuf *b, const struct Errori *errori);
void post_raccolta(Contesto *c, Risposta *out);
void post_relazione(Contesto *c, Risposta *out);
void post_validazione_valutazioni(Contesto *c, Risposta *out);
void pagina_piano(Contesto *c, Risposta *out);
void post_piano(Contesto *c, Risposta *out);
void post_stato_piano(Contesto *c, Risposta *out);
void pagina_utenti(Contesto *c, Risposta *out);
void post_utenti(Contesto *c, Risposta *out);
void post_accesso_utente(Contesto *c, Risposta *out);
void pagina_valutazioni(Contesto *c, Risposta *out);
void post_valutazioni(Contesto *c, Risposta *out);
/* The documents of the catalogue, one objective's scheda, one person's sheet (documenti.c). */
void documento_pdf(Contesto *c, Risposta *out);
void pagina_obiettivo_pdf(Contesto *c, Risposta *out);
void pagina_persona_pdf(Contesto *c, Risposta *out);
/* A static file (CSS, fonts): 404 for any name not in the list. */
void file_statico(const Server *s, Risposta *out, const char *nome);

#endif
