/* scheda.h — the "OBIETTIVO GESTIONALE" document: a cover, an index of the
 * objectives, and the official scheda of every objective, laid out as the
 * form the comune attaches to a Giunta deliberation. */
#ifndef SCHEDE_SCHEDA_H
#define SCHEDE_SCHEDA_H

#include <time.h>

#include "diag.h"
#include "display.h"
#include "esiti.h"
#include "fontset.h"
#include "layout_file.h"
#include "model.h"

/* What layouts/scheda.json must provide. */
extern const LayoutNeeds SCHEDA_NEEDS;

/* Lays out the whole document; `when` is the date printed on the cover.
 * With esiti (may be NULL), the annualità of esiti->anno shows RAGGIUNTO
 * and % of each action, the weighted total and the offices' notes.
 * The caller owns the returned pages (display_free). */
DisplayDoc scheda_build(const Plan *plan, const Esiti *esiti, const LayoutSpec *spec, FontSet *fonts, time_t when);

/* Warns, with file, path and codice, about every printed field holding a
 * character that no font of the set can print (it would show as a box). */
void scheda_check_glyphs(const Plan *plan, FontSet *fonts, const char *file, DiagList *diags);

/* The document's title ("Obiettivi gestionali 2024 – 2026"), new string. */
char *scheda_title(const Plan *plan, const LayoutSpec *spec);

/* The schede of some objectives alone, without cover, index or page
 * furniture (for another document that includes them, e.g. the objectives a
 * variazione adds). fonts must be the including document's. */
DisplayDoc scheda_pages(const Plan *plan, const Obiettivo *const *objs, size_t n, const LayoutSpec *spec,
                        FontSet *fonts);

#endif
