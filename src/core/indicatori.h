/* indicatori.h — the results of an objective's indicators in a year
 * (FORMAT.md §7): each indicator's % from the value reported, and the
 * objective's % from its indicators when that year has no actions. */
#ifndef SCHEDE_INDICATORI_H
#define SCHEDE_INDICATORI_H

#include <stdbool.h>

#include "model.h"
#include "raggiunto.h"

/* The % of an indicator for a value reported against target: its regola,
 * else by verso — crescente min(100, valore / target × 100), decrescente
 * min(100, target / valore × 100), valore 0 → 100; never below 0. A
 * percentuale in the rilevazione is handled by the caller. Returns true
 * with *pct and *dettaglio (new, how the % was obtained), or false with
 * *error (new, Italian). */
bool indicatore_percentuale(const Indicatore *ind, double target, const Rilevazione *r, double *pct,
                            char **dettaglio, char **error);

/* Weight of an indicator in the objective's %: its peso; when no
 * indicator of the objective has one, 1 each. */
double indicatore_peso(const Obiettivo *o, const Indicatore *ind);

#endif
