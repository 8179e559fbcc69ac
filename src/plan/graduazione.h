/* graduazione.h — the rule a graduazione text states, read from the words
 * the plans actually use ("Nessun ritardo = 100%. Ritardo fino a 30gg. =
 * 70%", "ritardo da 4 a 10 gg.: 50%", "Da 0 a 1,5 = 100%; da 1,6 a 2 = 90%",
 * "Tre o più ore: 100%; due ore: 75%", "graduazione proporzionale", …).
 *
 * Conventions, the same as the Sarzana sample's transcription:
 *  - a delay rule that does not say what being on time is worth gets
 *    "nei tempi = 100 %";
 *  - "oltre N giorni" has no upper limit (RULE_OPEN_DAYS);
 *  - "ritardo >15<60 gg." ends at 59 days;
 *  - a band worth 0 % ("= zero") adds nothing: past the last band is 0 %. */
#ifndef SCHEDE_GRADUAZIONE_H
#define SCHEDE_GRADUAZIONE_H

#include <stdbool.h>

#include "model.h"

/* Reads the rule stated by graduazione (and, for "proporzionale", the
 * target stated by atteso: "al giorno" = 365, "a settimana" = 52, "al mese"
 * = 12, or the number written). Returns true and fills *out (fasce owned
 * by the caller) when the text can be read; false otherwise. */
bool rule_from_graduazione(const char *graduazione, const char *atteso, Rule *out);

typedef enum {
    ORIGINE_PIANO,      /* the plan's regola */
    ORIGINE_GRADUAZIONE,/* read from the graduazione text */
    ORIGINE_MANUALE     /* none given and the text cannot be read */
} OrigineRegola;

/* The rule for an action: its regola, else the one its graduazione states,
 * else manuale. The returned rule's fasce are owned only for
 * ORIGINE_GRADUAZIONE (free with rule_for_action_free). */
Rule rule_for_action(const Azione *z, OrigineRegola *origine);
void rule_for_action_free(Rule *r, OrigineRegola origine);

#endif
