/* SPDX-License-Identifier: EUPL-1.2 */
/* passi.h — a step of a workflow made from a page (flusso.h): checked,
 * then confirmed, then applied. The contract, for people and scripts alike:
 * the step's POST without conferma=1 is checked (what is wrong → 422 on the
 * form it came from, next to its field) and answers 200 with a page that
 * says what will happen, whose form posts the same fields again with
 * conferma=1; a POST with conferma=1 applies it in one transaction with its
 * registro row (303 back to the page). Private to src/web. */
#ifndef SCHEDE_WEB_PASSI_H
#define SCHEDE_WEB_PASSI_H

#include "flusso.h"
#include "html_moduli.h"
#include "server.h"

typedef struct {
    ContestoFlusso ctx;   /* what the step is on (ctx.a and ctx.motivo are filled in here) */
    const char *azione;   /* the step: the form's «azione», or fixed by the route */
    const char *ritorno;  /* where the page of the form is (url_path) */
    const char *id_motivo; /* the id of the reason's field on that page, when it is not «motivo» */
    /* The page of the form with its errors (422); dati: what it needs besides (a period). NULL: an error page. */
    void (*pagina)(Contesto *c, Risposta *out, const Errori *errori, const void *dati);
    const void *dati;
} Passo;

/* The steps of flusso f from state da that the session may make (the table's rows, in order), each written as
 * its form by html_passo with action and nascosti; id_motivo: as there (NULL: «motivo»). Returns how many. */
size_t html_passi(StrBuf *b, const Contesto *c, Flusso f, StatoFlusso da, const char *action,
                  const char *const *nascosti, const char *id_motivo, const Errori *errori);

/* Who the session is, for the table: role, dirigente of c->obiettivo, the person c->persona. */
Attore passo_attore(const Contesto *c);

void web_passo(Contesto *c, Risposta *out, Passo *p);

/* path with name=value added to its query, before its #fragment (a new string): where a step or a save goes
 * back to, saying what was done («fatto», «salvato»). */
char *url_con_esito(const char *path, const char *name, const char *value);
/* What the page's address says was just done (?fatto=AZIONE of the table, ?salvato=N: a rilevazione of action
 * N), as a status message at the top of the page; nothing otherwise. */
void html_esito(StrBuf *b, const Contesto *c);

/* A step's form on a page: hidden fields (name, value pairs, NULL-terminated), the reason's field when the
 * step has one (id: NULL, «motivo»), and its button. errori: the page's, for the reason's field. */
void html_passo(StrBuf *b, const Contesto *c, const char *action, const Transizione *t, const char *const *nascosti,
                const char *id_motivo, const Errori *errori);

#endif
