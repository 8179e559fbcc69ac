/* SPDX-License-Identifier: EUPL-1.2 */
/* quadro.h — where the objectives of the year stand in a raccolta, read
 * from the archive in a few queries whatever the size of the plan: each
 * one's state in the workflow (with the OIV's reason when sent back), how
 * many of its actions have a rilevazione out of how many it has, its
 * nearest deadline still open and whether one has passed without a
 * rilevazione. What the home pages say is pending and what the list of
 * objectives filters on. Private to src/web. */
#ifndef SCHEDE_WEB_QUADRO_H
#define SCHEDE_WEB_QUADRO_H

#include <stdbool.h>
#include <stddef.h>

#include "anno.h"
#include "flusso.h"

typedef struct {
    const Obiettivo *obiettivo;
    StatoFlusso stato;
    char *nota;            /* the reason of the last step (the OIV's, when rimandata), or NULL */
    size_t rilevate, azioni; /* actions of the year with a rilevazione in the raccolta, of how many */
    bool has_scadenza;     /* the nearest deadline of an action without a rilevazione, from today on */
    Date scadenza;
    size_t in_ritardo;     /* actions whose deadline has passed without a rilevazione */
} VoceQuadro;

typedef struct {
    Periodo periodo;
    bool has_termine;      /* the day by which the rilevazioni are sent, set by the Segreteria */
    Date termine;
    VoceQuadro *voci;      /* the plan's objectives of the year, in its order */
    size_t n;
    size_t per_stato[N_STATI];
} Quadro;

/* The objectives of the year in the raccolta p; today is the day the deadlines are compared with. */
void quadro_carica(Server *s, const Periodo *p, Date oggi, Quadro *q);
void quadro_free(Quadro *q);

/* "3 su 5": n/m as the pages write it. */
void quadro_rilevate(const VoceQuadro *v, char *buf, size_t size);

/* Today, where the ente is. */
Date quadro_oggi(void);

#endif
