/* confronto_internal.h — what the parts of the comparison share: adding a
 * change to an objective's list (nothing when the two sides are equal). */
#ifndef SCHEDE_CONFRONTO_INTERNAL_H
#define SCHEDE_CONFRONTO_INTERNAL_H

#include "confronto.h"

/* prima/dopo NULL or empty: absent on that side; testo: a long text, shown
 * with a word-level difference. */
void confronto_change(ObiettivoModificato *m, const char *campo, const char *prima, const char *dopo, bool testo);
void confronto_change_number(ObiettivoModificato *m, const char *campo, bool has_a, double a, bool has_b, double b);
/* A rule in words for the comparison; NULL when the plan gives none. z: the
 * action it belongs to (its scadenza), NULL for an indicator's. New string. */
char *confronto_rule_text(const Rule *r, const Azione *z);

/* docs/formato.md §7: tipologia, peso, valutazione individuale, collegamenti, the
 * campi matched by etichetta (a repeated one by its occurrence), the
 * indicators matched by position (as the rilevazioni name them) and their
 * targets by year. */
void confronto_other_forms(ObiettivoModificato *m, const Obiettivo *x, const Obiettivo *y);

#endif
