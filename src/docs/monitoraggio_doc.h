/* monitoraggio_doc.h — monitoraggio.pdf, the mid-year monitoring (docs/formato.md
 * §4): cover and linked index; 1 Sintesi (actions per state, table and
 * bars; objectives with actions scadute or a rischio); 2 Cronoprogramma (a
 * timeline of the actions with a scadenza, grouped by objective, coloured
 * and labelled by state, the completion date marked, a line at the
 * monitoring date; the actions without a scadenza listed); 3 the actions of
 * each objective with scadenza, state, avanzamento against atteso, nota;
 * 4 Criticità e proposte di variazione. A4 landscape;
 * layouts/monitoraggio.json, which also holds the "a rischio" margin and
 * the states' labels and colours. */
#ifndef SCHEDE_MONITORAGGIO_DOC_H
#define SCHEDE_MONITORAGGIO_DOC_H

#include <time.h>

#include "display.h"
#include "fontset.h"
#include "layout_file.h"
#include "model.h"
#include "monitoraggio.h"

extern const LayoutNeeds MONITORAGGIO_NEEDS;

/* The "a rischio" margin of the layout file (misure.margine_a_rischio). */
double monitoraggio_margine(const LayoutSpec *spec);

DisplayDoc monitoraggio_build(const Plan *plan, const Monitoraggio *m, const LayoutSpec *spec, FontSet *fonts,
                              time_t when);
char *monitoraggio_title(const Plan *plan, const Monitoraggio *m, const LayoutSpec *spec);

#endif
