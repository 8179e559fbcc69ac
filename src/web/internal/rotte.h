/* SPDX-License-Identifier: EUPL-1.2 */
/* rotte.h — who may do what, in one table: each route names the
 * capability it needs and the object its path names (an objective, a
 * person, a document), checked before its handler runs, once per request,
 * Fossil-style: the role gives a set of capabilities, computed when the
 * session is found; each kind of object has one function that says whether
 * the user may reach it. The menu of the home page, the 403s and the
 * `schede web --permessi` matrix (which the tests walk) all come from this
 * table. Private to src/web. */
#ifndef SCHEDE_WEB_ROTTE_H
#define SCHEDE_WEB_ROTTE_H

#include <stdbool.h>
#include <stdio.h>

#include "catalogo.h"
#include "utenti.h"

/* What a role can do. A route that names several needs any one of them. */
enum {
    CAP_ACCESSO = 1u << 0,           /* logged in: the home page, logging out */
    CAP_OBIETTIVI = 1u << 1,         /* every objective: the list, its page, its scheda */
    CAP_OBIETTIVI_PROPRI = 1u << 2,  /* the objectives one is the dirigente of */
    CAP_RILEVAZIONI = 1u << 3,       /* enter and send the rilevazioni of one's objectives */
    CAP_VALIDAZIONE = 1u << 4,       /* validate or send back rilevazioni; validate the Relazione, the valutazioni */
    CAP_DOCUMENTI = 1u << 5,         /* the ente's documents */
    CAP_RISERVATI = 1u << 6,         /* the reserved ones: names and amounts (premi) */
    CAP_PERSONE = 1u << 7,           /* every person's sheet */
    CAP_SCHEDA_PROPRIA = 1u << 8,    /* one's own sheet, and its presa visione */
    CAP_VALUTAZIONI = 1u << 9,       /* the SMVP and the valutazioni: upload, comunicazione */
    CAP_STORIA = 1u << 10,           /* the registro */
    CAP_PIANO = 1u << 11,            /* the plan's versions: upload, proposta, approvazione */
    CAP_UTENTI = 1u << 12,           /* the users */
    CAP_RACCOLTE = 1u << 13,         /* open and close the raccolte */
};

/* The capabilities of a role. */
unsigned capacita_di(Ruolo r);

/* What the path's argument names, and the check that goes with it. */
typedef enum {
    OGGETTO_NESSUNO,
    OGGETTO_OBIETTIVO,          /* an objective of the plan: 404; CAP_OBIETTIVI, or one's own */
    OGGETTO_OBIETTIVO_PROPRIO,  /* an objective one is the dirigente of, whatever else one may do */
    OGGETTO_PERSONA,            /* a person of the plan: 404; CAP_PERSONE, or oneself */
    OGGETTO_SE_STESSI,          /* oneself only */
    OGGETTO_DOCUMENTO,          /* a document of the catalogue: 404; a reserved one needs CAP_RISERVATI */
} Oggetto;

struct Contesto;
struct Risposta;
typedef void (*Gestore)(struct Contesto *c, struct Risposta *out);

typedef struct {
    const char *metodo;
    const char *schema;      /* "/obiettivi/{codice}/rilevazioni": one {…} is the argument */
    unsigned capacita;       /* any of them; 0: no login needed */
    Oggetto oggetto;
    Gestore gestore;
    const char *rifiuto;     /* the sentence of the 403 */
    const char *voce;        /* a GET route in the home page's menu: its label … */
    const char *descrizione; /* … and what it is for; NULL: not in the menu */
} Rotta;

extern const Rotta ROTTE[];
extern const size_t N_ROTTE;

/* The route of method and path: *argomento its argument, percent-decoded (a
 * new string, or NULL). NULL when none: *esiste tells a wrong method (405)
 * from an unknown path (404), *malformato a path with a bad %-escape (400). */
const Rotta *rotta_trova(const char *metodo, const char *percorso, char **argomento, bool *esiste, bool *malformato);

/* Whether capabilities cap reach route r (before its object). */
bool rotta_consentita(const Rotta *r, unsigned cap);
/* Whether they reach document d (its route, and a reserved one). */
bool documento_consentito(const Documento *d, unsigned cap);

/* The matrix of permissions (schede web --permessi): one line per route,
 * tab-separated: method, path, the roles it lets in, the rule of its object. */
void web_permessi(FILE *out); /* web.h */

#endif
