/* indicatori.h — the results of an objective's indicators in a year
 * (docs/formato.md §7): each indicator's % from the value reported, and the
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

/* How the indicator's % is computed, in words, for the templates the
 * offices fill in: its regola described, or the default of its verso. New
 * string. */
char *indicatore_describe(const Indicatore *ind);

/* "Tempo medio (target 2024: 30 giorni)": an indicator named for a row of
 * a template. New string. */
char *indicatore_row_text(const Indicatore *ind, double target, int anno);

/* Whether an objective of the plan has an indicator with a target for anno:
 * then the templates have the column «indicatore». */
bool plan_has_indicator_targets(const Plan *plan, int anno);

/* Weight of an indicator in the objective's %: its peso; when no
 * indicator of the objective has one, 1 each. */
double indicatore_peso(const Obiettivo *o, const Indicatore *ind);

#endif
