/* persona.h — the personnel document: the participation matrix of each
 * area ("prospetto di partecipazione") and one sheet per person with their
 * participations, the per-objective subtotals, the score and its formula,
 * and the fields to sign. A4 portrait; layouts/persona.json. */
#ifndef SCHEDE_PERSONA_H
#define SCHEDE_PERSONA_H

#include <time.h>

#include "display.h"
#include "esiti.h"
#include "fontset.h"
#include "layout_file.h"
#include "model.h"
#include "persone.h"

extern const LayoutNeeds PERSONA_NEEDS;

/* The whole file: matrix, then a sheet per person (each its own page
 * section, so "Pag. X di Y" counts per person). With only != NULL, the
 * sheet of that person alone. esiti may be NULL (no scores yet). */
DisplayDoc persona_build(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const PersonaAnno *only,
                         const LayoutSpec *spec, FontSet *fonts, time_t when);

char *persona_title(const Plan *plan, int anno, const LayoutSpec *spec);

#endif
