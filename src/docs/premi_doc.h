/* premi_doc.h — premi.pdf: how the productivity fund is shared among the
 * evaluated persons (docs/formato.md §3, premi). Not for publication: "riservato"
 * in every page header. A summary of the fund, one table per area (name,
 * matricola, profilo, orario, servizio, final score, band, parametro, quota,
 * base share, maggiorazione, premio) with its total, the persons without a
 * premio and why, the totals per area adding up to the fund, and the
 * formula in words. A4 landscape; layouts/premi.json. */
#ifndef SCHEDE_PREMI_DOC_H
#define SCHEDE_PREMI_DOC_H

#include <time.h>

#include "display.h"
#include "fontset.h"
#include "layout_file.h"
#include "model.h"
#include "valutazione.h"

extern const LayoutNeeds PREMI_NEEDS;

DisplayDoc premi_build(const Plan *plan, const ValutazioniAnno *va, const LayoutSpec *spec, FontSet *fonts,
                       time_t when);
char *premi_title(const Plan *plan, int anno, const LayoutSpec *spec);

#endif
