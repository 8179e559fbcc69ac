/* valutazione_input.h — the options --sistema and --valutazioni of verifica,
 * stampa and esiti: the usage rules they share (the loading is
 * motore/ingressi.h's load_valutazione). */
#ifndef SCHEDE_CLI_VALUTAZIONE_INPUT_H
#define SCHEDE_CLI_VALUTAZIONE_INPUT_H

#include <stdbool.h>

#include "ingressi.h"
#include "inputs.h"

/* Usage rules shared by the commands: --valutazioni needs --sistema; with
 * need_results (stampa, esiti) it also needs --raggiunto, since the
 * components come from the year's results. Prints the message and returns
 * false on a usage error. */
bool valutazione_options_ok(const InputOptions *o, const Command *cmd, bool need_results);

#endif
