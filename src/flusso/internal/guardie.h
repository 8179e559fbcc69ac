/* SPDX-License-Identifier: EUPL-1.2 */
/* guardie.h — what must hold before a transition (the guards of flusso.c's
 * table): each returns NULL, or the sentence of what is missing. Private to
 * src/flusso. */
#ifndef SCHEDE_FLUSSO_GUARDIE_H
#define SCHEDE_FLUSSO_GUARDIE_H

#include "flusso.h"

/* rilevazioni → inviata: the raccolta is open, and at least one action has its rilevazione in it. */
char *guardia_invio(const ContestoFlusso *ctx);
/* the Relazione → validata: the year-end raccolta is closed. */
char *guardia_fine_anno(const ContestoFlusso *ctx);
/* the year's valutazioni → validata: the year-end raccolta closed, the SMVP and the valutazioni there. */
char *guardia_valutazioni_anno(const ContestoFlusso *ctx);
/* a valutazione → comunicata: the SMVP and the year's valutazioni there. */
char *guardia_comunicazione(const ContestoFlusso *ctx);

#endif
