#include "valutazione_input.h"

#include <stdio.h>
#include <string.h>

#include "archivio_input.h"
#include "commands.h"
#include "workbook.h"
#include "wb_convert.h"

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

int load_valutazione(const Plan *plan, const InputOptions *o, const Esiti *esiti, int anno, ValutazioneInput *ev,
                    DiagList *diags)
{
    memset(ev, 0, sizeof *ev);
    int rc = 0;
    const struct ArchivioInput *ar = o->archivio;
    bool sistema_from_archive = ar && ar->has_sistema && o->sistema == ar->sistema.file;
    bool valutazioni_from_archive = ar && ar->has_valutazioni && o->valutazioni == ar->valutazioni.file;
    if (o->sistema) {
        LoadStatus st = sistema_from_archive
                            ? sistema_load_buffer(ar->sistema.file, ar->sistema.bytes, ar->sistema.len, &ev->sistema, diags)
                            : sistema_load_file(o->sistema, &ev->sistema, diags);
        if (st == LOAD_IO_ERROR)
            return EXIT_USAGE;
        ev->has_sistema = st == LOAD_OK;
        if (st != LOAD_OK)
            rc = EXIT_DATA;
    }
    if (o->valutazioni) {
        const ArchivioFile *f = valutazioni_from_archive ? &ar->valutazioni : NULL;
        LoadStatus st = !f ? input_valutazioni_load(o->valutazioni, o->codifica, &ev->valutazioni, diags)
                           : input_valutazioni_read(f->file, f->bytes, f->len, o->codifica, &ev->valutazioni, diags);
        if (st == LOAD_IO_ERROR)
            return EXIT_USAGE;
        ev->has_valutazioni = st == LOAD_OK;
        if (st != LOAD_OK)
            rc = EXIT_DATA;
    }
    if (ev->has_sistema && ev->has_valutazioni) {
        size_t errors = diags->errors;
        persone_compute(plan, esiti, anno, &ev->persone);
        valutazione_compute(plan, esiti, &ev->persone, &ev->sistema, &ev->valutazioni, anno, &ev->anno, diags);
        if (diags->errors > errors)
            rc = EXIT_DATA;
    } else {
        ev->has_valutazioni = false;
    }
    return rc;
}

LoadStatus load_sistema(const InputOptions *o, Sistema *s, DiagList *diags)
{
    const struct ArchivioInput *ar = o->archivio;
    if (ar && ar->has_sistema && o->sistema == ar->sistema.file)
        return sistema_load_buffer(ar->sistema.file, ar->sistema.bytes, ar->sistema.len, s, diags);
    return sistema_load_file(o->sistema, s, diags);
}

void valutazione_input_free(ValutazioneInput *ev)
{
    valutazione_free(&ev->anno);
    persone_free(&ev->persone);
    valutazioni_free(&ev->valutazioni);
    sistema_free(&ev->sistema);
    memset(ev, 0, sizeof *ev);
}
