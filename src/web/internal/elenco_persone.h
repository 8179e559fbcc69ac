/* SPDX-License-Identifier: EUPL-1.2 */
/* elenco_persone.h — the persons of the plan's registro with where their
 * valutazione of the year stands: none, bozza, comunicata, presa visione.
 * For the list GET /persone and the ufficio personale's «Da fare». Private
 * to src/web. */
#ifndef SCHEDE_WEB_ELENCO_PERSONE_H
#define SCHEDE_WEB_ELENCO_PERSONE_H

#include <stdbool.h>
#include <stddef.h>

#include "flusso.h"
#include "server.h"

typedef struct {
    const Persona *persona;
    bool valutata;      /* has a valutazione of the year in the archive */
    StatoFlusso stato;  /* of her valutazione */
} VocePersona;

/* The registro's persons, in the plan's order. Free the array. */
size_t elenco_persone(Contesto *c, VocePersona **out);
/* How many valutazioni of the year are in each state, and how many persons have none. */
void persone_per_stato(Contesto *c, size_t per_stato[N_STATI], size_t *senza);

#endif
