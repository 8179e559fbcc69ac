#include "valutazione_input.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"

bool valutazione_options_ok(const InputOptions *o, const Command *cmd, bool need_results)
{
    if (o->valutazioni && !o->sistema) {
        usage_error(cmd, "le valutazioni si leggono con il sistema di valutazione dell'ente: indicare anche --sistema "
                         "FILE");
        return false;
    }
    if (need_results && o->sistema && !o->valutazioni) {
        usage_error(cmd, "--sistema accompagna le valutazioni: indicare anche --valutazioni FILE");
        return false;
    }
    if (need_results && o->valutazioni && !o->raggiunto) {
        usage_error(cmd, "la valutazione individuale usa i risultati degli obiettivi dell'anno: indicare le "
                         "rilevazioni con --raggiunto FILE");
        return false;
    }
    return true;
}

