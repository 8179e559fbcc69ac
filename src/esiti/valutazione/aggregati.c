/* aggregati.c — the evaluation figures the Relazione publishes: counts and
 * amounts only, never a name. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "valutazione.h"

void valutazione_aggregati(const ValutazioniAnno *va, AggregatiValutazione *out)
{
    memset(out, 0, sizeof *out);
    const Sistema *s = va->sistema;
    size_t nc = s->n_categorie, nf = s->n_fasce;
    out->n_categorie = nc;
    out->per_fascia = xcalloc((nf + 1) * nc + 1, sizeof *out->per_fascia);
    out->incomplete = xcalloc(nc + 1, sizeof *out->incomplete);
    out->valutate = xcalloc(nc + 1, sizeof *out->valutate);
    for (size_t i = 0; i < va->n; i++) {
        const ValutazionePersona *p = &va->persone[i];
        size_t c = (size_t)(p->categoria - s->categorie);
        out->valutate[c]++;
        out->valutate_totale++;
        if (!p->completa) {
            out->incomplete[c]++;
            out->incomplete_totale++;
            continue;
        }
        if (!p->has_punteggio)
            continue;
        out->con_punteggio++;
        size_t f = p->fascia ? (size_t)(p->fascia - s->fasce) : nf;
        out->per_fascia[f * nc + c]++;
        out->nella_fascia_alta += f == 0;
    }
    if (!va->premi.present)
        return;
    out->fondo_centesimi = va->premi.fondo_centesimi;
    out->distribuito_centesimi = va->premi.distribuito_centesimi;
    int64_t sum = 0;
    for (size_t i = 0; i < va->n; i++) {
        const ValutazionePersona *p = &va->persone[i];
        if (!p->has_premio || p->premio_centesimi <= 0)
            continue;
        if (out->con_premio == 0 || p->premio_centesimi < out->minimo_centesimi)
            out->minimo_centesimi = p->premio_centesimi;
        if (out->con_premio == 0 || p->premio_centesimi > out->massimo_centesimi)
            out->massimo_centesimi = p->premio_centesimi;
        out->con_premio++;
        out->con_maggiorazione += p->maggiorazione_centesimi > 0;
        sum += p->premio_centesimi;
    }
    out->has_premi = true;
    if (out->con_premio > 0)
        out->media_centesimi = (sum * 2 + (int64_t)out->con_premio) / (2 * (int64_t)out->con_premio);
}

void valutazione_aggregati_free(AggregatiValutazione *a)
{
    free(a->per_fascia);
    free(a->incomplete);
    free(a->valutate);
    memset(a, 0, sizeof *a);
}
