/* SPDX-License-Identifier: EUPL-1.2 */
/* guardie.c — the guards of the transitions (guardie.h). */
#include "guardie.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Whether the raccolta of year anno (al NULL: the year end) is in state s. */
static bool raccolta_is(Archivio *a, int anno, const Date *al, StatoFlusso s)
{
    char *key = flusso_chiave_raccolta(anno, al);
    ContestoFlusso ctx = {.a = a, .flusso = FLUSSO_RACCOLTA, .chiave = key, .anno = anno};
    StatoFlusso now;
    char *error = NULL;
    bool is = flusso_stato(&ctx, &now, &error) == ARCHIVIO_OK && now == s;
    free(error);
    free(key);
    return is;
}

char *guardia_invio(const ContestoFlusso *ctx)
{
    const Date *al = ctx->has_al ? &ctx->al : NULL;
    if (!raccolta_is(ctx->a, ctx->anno, al, STATO_APERTA))
        return xstrdup("la raccolta di queste rilevazioni è chiusa: la riapre la Segreteria");
    int *azioni;
    size_t n = ctx->obiettivo ? archivio_azioni_rilevate(ctx->a, ctx->anno, al, ctx->obiettivo->codice, &azioni) : 0;
    if (n)
        free(azioni);
    return n ? NULL
             : xstrdup("nessuna azione ha ancora una rilevazione in questa raccolta: si inviano dopo averne inserita "
                       "almeno una");
}

char *guardia_fine_anno(const ContestoFlusso *ctx)
{
    return raccolta_is(ctx->a, ctx->anno, NULL, STATO_CHIUSA)
               ? NULL
               : xasprintf("prima la Segreteria chiude la raccolta delle rilevazioni di fine anno del %d", ctx->anno);
}

/* Whether the archive has the SMVP and the valutazioni of the year (of the person named, when persona is given). */
static char *missing_valutazioni(const ContestoFlusso *ctx, const char *persona)
{
    ArchivioFile f;
    char *error = NULL;
    bool sistema = archivio_sistema(ctx->a, &f, &error) == ARCHIVIO_OK;
    if (sistema)
        archivio_file_free(&f);
    free(error);
    if (!sistema)
        return xstrdup("l'archivio non ha ancora il sistema di valutazione (lo carica l'ufficio personale)");
    if (archivio_conta_valutazioni(ctx->a, ctx->anno) <= 0)
        return xasprintf("l'archivio non ha ancora le valutazioni del %d (le carica l'ufficio personale)", ctx->anno);
    if (persona && !archivio_valutazione_esiste(ctx->a, ctx->anno, persona))
        return xasprintf("%s non ha una valutazione del %d nell'archivio (la carica l'ufficio personale)", persona,
                         ctx->anno);
    return NULL;
}

char *guardia_valutazioni_anno(const ContestoFlusso *ctx)
{
    char *why = guardia_fine_anno(ctx);
    return why ? why : missing_valutazioni(ctx, NULL);
}

char *guardia_comunicazione(const ContestoFlusso *ctx)
{
    /* the key is "2025 Mario Rossi": the person after the year */
    const char *persona = ctx->chiave ? strchr(ctx->chiave, ' ') : NULL;
    return missing_valutazioni(ctx, persona ? persona + 1 : NULL);
}
