/* valutazione_input.h — the options --sistema and --valutazioni of verifica,
 * stampa and esiti: loading both files and computing the evaluations of
 * the year against the plan and its results. */
#ifndef SCHEDE_CLI_VALUTAZIONE_INPUT_H
#define SCHEDE_CLI_VALUTAZIONE_INPUT_H

#include <stdbool.h>

#include "diag.h"
#include "esiti.h"
#include "persone.h"
#include "inputs.h"
#include "sistema.h"
#include "valutazione.h"
#include "valutazioni.h"

typedef struct {
    bool has_sistema, has_valutazioni; /* loaded and usable */
    Sistema sistema;
    Valutazioni valutazioni;
    PersoneAnno persone;
    ValutazioniAnno anno;
} ValutazioneInput;

/* Usage rules shared by the commands: --valutazioni needs --sistema; with
 * need_results (stampa, esiti) it also needs --raggiunto, since the
 * components come from the year's results. Prints the message and returns
 * false on a usage error. */
bool valutazione_options_ok(const InputOptions *o, const Command *cmd, bool need_results);

/* Loads what the options name and computes the evaluations of year anno.
 * esiti may be NULL. Returns 0, 1 (data errors) or 2 (unreadable file). */
int load_valutazione(const Plan *plan, const InputOptions *o, const Esiti *esiti, int anno, ValutazioneInput *ev,
                    DiagList *diags);
void valutazione_input_free(ValutazioneInput *ev);

/* The SMVP the options name: the file, or the archive's (--archivio). */
LoadStatus load_sistema(const InputOptions *o, Sistema *s, DiagList *diags);

#endif
