/* esiti_output.h — the results as data: JSON for other programs, CSV in
 * Italian number format for publication as open data, and the CSV template
 * the offices fill in. */
#ifndef SCHEDE_ESITI_OUTPUT_H
#define SCHEDE_ESITI_OUTPUT_H

#include <cjson/cJSON.h>

#include "esiti.h"
#include "model.h"
#include "persone.h"

/* {"anno", "obiettivi": [{"codice", "percentuale", "azioni_non_rilevate",
 * "azioni": [{"n", "peso", "percentuale", "stato", "regola", "dettaglio",
 * "raggiunto", "nota"}]}], "persone": [{"id", "nome", "matricola", "area",
 * "punteggio", "righe": [{"obiettivo", "azione", "partecipazione", "peso",
 * "percentuale"}]}]}. persone may be NULL. New string. */
char *esiti_to_json(const Esiti *e, const PersoneAnno *persone);
/* The same as a cJSON tree, for callers that add to it (the valutazioni),
 * and its printing (deletes the tree). */
cJSON *esiti_json_tree(const Esiti *e, const PersoneAnno *persone);
char *esiti_json_print(cJSON *root);
/* One row per action; percentages with two decimals and a decimal comma. */
char *esiti_to_csv(const Esiti *e);
/* obiettivo;azione;testo_azione;scadenza;regola;data;valore;percentuale;raggiunto;nota;avanzamento;criticita;proposta
 * with a row per action of the year, the first five filled in. */
char *esiti_template_csv(const Plan *plan, int anno);

/* The stato as written in the outputs: rilevato, non_rilevato, forzato. */
const char *esiti_stato_name(StatoAzione s);

#endif
