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
#include "valutazione.h"

extern const LayoutNeeds PERSONA_NEEDS;

/* One sheet of the file: a person with their participations of the year
 * (righe, may be NULL: a dirigente in no action) and, with --valutazioni,
 * their evaluation (the sheet is then the scheda di valutazione individuale). */
typedef struct {
    const char *nome;
    const Persona *registro;           /* NULL: a name not in the registry */
    const PersonaAnno *righe;
    const ValutazionePersona *valutazione;
    /* The presa visione taken in schede web or recorded from paper (the
     * archive's workflow), printed in the signatures' date cell; with
     * solo_registrata, it alone: a date written in an uploaded valutazioni file
     * is not a presa visione. Without it, the file's date is printed when
     * there is one (documents made from files). */
    bool has_presa_visione;
    Date presa_visione;
    bool solo_registrata;
} FoglioPersona;

/* The sheets in print order: every person of the year (persone's order),
 * then the evaluated persons who take part in no action (va's order). va may
 * be NULL. Free the array with free(). */
FoglioPersona *persona_fogli(const PersoneAnno *persone, const ValutazioniAnno *va, size_t *n);

/* The whole file: matrix, then a sheet per person (each its own page
 * section, so "Pag. X di Y" counts per person). With only != NULL, the
 * sheet of that person alone. esiti may be NULL (no scores yet). */
DisplayDoc persona_build(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const FoglioPersona *fogli,
                         size_t n_fogli, const FoglioPersona *only, const LayoutSpec *spec, FontSet *fonts, time_t when);

char *persona_title(const Plan *plan, int anno, const LayoutSpec *spec);

#endif
