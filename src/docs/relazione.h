/* relazione.h — the Relazione sulla Performance of a year: cover, table of
 * contents, then the sections the layout file lists (sintesi with the
 * chart, results by group, detail of every objective, scostamenti,
 * personale), in the order of the Funzione Pubblica guidelines (Linee
 * guida n. 3/2018) as far as the plan's data reaches. A4 portrait;
 * layouts/relazione.json. No person is named: the document is published. */
#ifndef SCHEDE_RELAZIONE_H
#define SCHEDE_RELAZIONE_H

#include <time.h>

#include "display.h"
#include "esiti.h"
#include "fontset.h"
#include "layout_file.h"
#include "model.h"
#include "sintesi.h"
#include "valutazione.h"

extern const LayoutNeeds RELAZIONE_NEEDS;

/* The figures with the layout file's bands. */
void relazione_sintesi(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const LayoutSpec *spec,
                       Sintesi *out);

DisplayDoc relazione_build(const Plan *plan, const Esiti *esiti, const Sintesi *sintesi, const ValutazioniAnno *va,
                           const LayoutSpec *spec,
                           FontSet *fonts, time_t when);

char *relazione_title(const Plan *plan, int anno, const LayoutSpec *spec);

#endif
