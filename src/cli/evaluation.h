/* evaluation.h — the options --sistema and --valutazioni of verifica,
 * stampa and esiti: loading both files and computing the evaluations of
 * the year against the plan and its results. */
#ifndef SCHEDE_CLI_EVALUATION_H
#define SCHEDE_CLI_EVALUATION_H

#include <stdbool.h>

#include "diag.h"
#include "esiti.h"
#include "persone.h"
#include "results.h"
#include "sistema.h"
#include "valutazione.h"
#include "valutazioni.h"

typedef struct {
    bool has_sistema, has_valutazioni; /* loaded and usable */
    Sistema sistema;
    Valutazioni valutazioni;
    PersoneAnno persone;
    ValutazioniAnno anno;
} Evaluation;

/* Usage rules shared by the commands: --valutazioni needs --sistema; with
 * need_results (stampa, esiti) it also needs --raggiunto, since the
 * components come from the year's results. Prints the message and returns
 * false on a usage error. */
bool evaluation_options_ok(const ResultsOptions *o, const Command *cmd, bool need_results);

/* Loads what the options name and computes the evaluations of year anno.
 * esiti may be NULL. Returns 0, 1 (data errors) or 2 (unreadable file). */
int evaluation_load(const Plan *plan, const ResultsOptions *o, const Esiti *esiti, int anno, Evaluation *ev,
                    DiagList *diags);
void evaluation_free(Evaluation *ev);

#endif
