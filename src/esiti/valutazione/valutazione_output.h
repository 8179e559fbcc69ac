/* valutazione_output.h — the evaluations as data: added to the esiti JSON
 * (each person's "valutazione", the top-level "premi"), and flattened as a
 * CSV with one row per evaluated person (esiti --formato csv, premi.csv). */
#ifndef SCHEDE_VALUTAZIONE_OUTPUT_H
#define SCHEDE_VALUTAZIONE_OUTPUT_H

#include <cjson/cJSON.h>

#include "valutazione.h"

/* root is the esiti JSON tree (esiti_json_tree): every person of
 * root.persone with a valutazione gets "valutazione"; evaluated persons not
 * there (a dirigente in no action) are appended; "premi" is added when the
 * sistema has premi. */
void valutazione_json_add(cJSON *root, const ValutazioniAnno *va);

/* anno;id;nome;matricola;area;categoria;profilo;orario;servizio;completa;mancanze;
 * punteggio;fascia;<componente>…;ridistribuite;<voto>…;premio fields. New string. */
char *valutazione_to_csv(const ValutazioniAnno *va);

/* Cents as euro with two decimals and a decimal comma: 142663 → "1426,63". */
void valutazione_format_euro_csv(char *buf, size_t size, int64_t cents);

#endif
