/* variazioni_doc.h — variazioni.pdf, what the Giunta approves when it
 * changes the plan (docs/formato.md §5): cover with the two versions and the
 * counts, a linked index; 1 the summary (each objective: added, removed or
 * which fields changed, and the weights of every annualità whose weights
 * changed, before and after, so that a total that is no longer 100 shows);
 * 2 per changed objective, field, before, after, long texts with a word-level
 * difference; 3 the added objectives' full schede; 4 the removed ones.
 * A4 landscape; layouts/variazioni.json. */
#ifndef SCHEDE_VARIAZIONI_DOC_H
#define SCHEDE_VARIAZIONI_DOC_H

#include <time.h>

#include "confronto.h"
#include "display.h"
#include "fontset.h"
#include "layout_file.h"

extern const LayoutNeeds VARIAZIONI_NEEDS;

/* prima, dopo: how the two versions are named (variazioni_version_name).
 * scheda_spec: the layout of the added objectives' schede. */
DisplayDoc variazioni_build(const Confronto *cf, const char *prima, const char *dopo, const LayoutSpec *spec,
                            const LayoutSpec *scheda_spec, FontSet *fonts, time_t when);
char *variazioni_title(const Confronto *cf, const LayoutSpec *spec);

/* "Deliberazione della Giunta comunale n. 45 (12/05/2025)" from the plan's
 * versione, else the file name. New string. */
char *variazioni_version_name(const Plan *plan, const char *file);

#endif
