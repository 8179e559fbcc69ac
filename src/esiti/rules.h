/* rules.h — how a rilevazione becomes the % of an action (docs/formato.md §1,
 * REGOLA), explained in words so that every figure can be traced back. */
#ifndef SCHEDE_RULES_H
#define SCHEDE_RULES_H

#include <stdbool.h>

#include "model.h"
#include "raggiunto.h"

typedef struct {
    double percentuale;
    char *raggiunto; /* text written by the program for RAGGIUNTO */
    char *dettaglio; /* how the % was obtained */
} RuleResult;

/* Applies the rule to the rilevazione. On success returns true and fills
 * *res (strings owned by the caller). When the rilevazione does not give
 * what the rule needs (a date for ritardo, a number for soglie, …) returns
 * false and *error is a new Italian message. A rilevazione with percentuale
 * is handled by the caller (manuale or override). */
bool rule_evaluate(const Rule *rule, const Azione *azione, const Rilevazione *ril, RuleResult *res,
                   char **error);

/* The rule in words: "ritardo sul 31/12/2024 (giorni di calendario): nei
 * tempi 100 %; fino a 30 gg 70 %; fino a 60 gg 40 %; oltre 0 %". */
char *rule_describe(const Rule *rule, const Azione *azione);

/* A percentage as printed: 81 → "81,00 %" (two decimals, comma, no-break space). */
void rule_format_percent(char *buf, size_t size, double value);

#endif
