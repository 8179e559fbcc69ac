/* plan_stats.h — the counts of the one-line summary of `schede verifica`. */
#ifndef SCHEDE_PLAN_STATS_H
#define SCHEDE_PLAN_STATS_H

#include <stddef.h>

#include "model.h"

typedef struct {
    size_t obiettivi;
    size_t azioni;          /* over every annualità */
    size_t persone;         /* registry people + distinct names not in it */
    size_t persone_registro;
    size_t nomi_fuori_registro;
} PlanStats;

PlanStats plan_stats(const Plan *plan);

#endif
