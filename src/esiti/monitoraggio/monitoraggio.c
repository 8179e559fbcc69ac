#include "monitoraggio.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static const char *const NAMES[MON_COUNT] = {"conclusa", "scaduta", "a_rischio", "in_corso", "senza_informazioni"};

const char *monitoraggio_stato_name(StatoMonitoraggio s) { return NAMES[s]; }

static const char *const INDICATOR_NAMES[IND_COUNT] = {"in_linea", "a_rischio", "senza_valori"};

const char *monitoraggio_stato_indicatore_name(StatoIndicatore s) { return INDICATOR_NAMES[s]; }

/* The elapsed share of year anno at al, 0–100 (1 January → 0, 31 December → 100). */
static double year_share(int anno, Date al)
{
    long start = date_to_days((Date){anno, 1, 1}), end = date_to_days((Date){anno, 12, 31}), d = date_to_days(al);
    return d <= start ? 0 : d >= end ? 100 : (double)(d - start) / (double)(end - start) * 100.0;
}

static void monitor_indicators(const Plan *plan, const Esiti *esiti, int anno, Date al, double margine,
                               Monitoraggio *out)
{
    size_t cap = 0;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        const EsitoObiettivo *eo = esiti ? esiti_for(esiti, o) : NULL;
        for (size_t k = 0; k < o->n_indicatori; k++) {
            double target;
            if (!indicatore_target(&o->indicatori[k], anno, &target))
                continue;
            if (out->n_indicatori == cap) {
                cap = cap ? cap * 2 : 8;
                out->indicatori = xrealloc(out->indicatori, cap * sizeof *out->indicatori);
            }
            IndicatoreMonitorato *im = &out->indicatori[out->n_indicatori++];
            memset(im, 0, sizeof *im);
            im->obiettivo = o;
            im->indicatore = &o->indicatori[k];
            im->n = (int)k + 1;
            im->target = target;
            im->atteso = year_share(anno, al);
            const EsitoIndicatore *e = eo && k < eo->n_indicatori ? &eo->indicatori[k] : NULL;
            im->esito = e;
            if (e && e->stato != STATO_NON_RILEVATO) {
                im->has_valore = e->has_valore;
                im->valore = e->valore;
                im->has_data = e->has_data;
                im->data = e->data;
                im->has_percentuale = true;
                im->percentuale = e->percentuale;
            }
            /* the same tolerance as the actions' boundary */
            im->stato = !im->has_percentuale                                   ? IND_SENZA_VALORI
                        : im->percentuale < im->atteso - margine - 1e-9 ? IND_A_RISCHIO
                                                                         : IND_IN_LINEA;
            out->conteggi_indicatori[im->stato]++;
        }
    }
}

void monitoraggio_azione(const Azione *z, const Rilevazione *r, int anno, Date al, double margine,
                         AzioneMonitorata *out)
{
    memset(out, 0, sizeof *out);
    out->azione = z;
    out->rilevazione = r;
    out->inizio = z->has_inizio ? z->inizio : (Date){anno, 1, 1};
    if (r && r->has_avanzamento) {
        out->has_avanzamento = true;
        out->avanzamento = r->avanzamento;
    }
    long d = date_to_days(al);
    if (z->has_scadenza) {
        long start = date_to_days(out->inizio), end = date_to_days(z->scadenza);
        out->has_atteso = true;
        if (end <= start)
            out->atteso = d >= end ? 100 : 0; /* no time to share: due at once */
        else
            out->atteso = d <= start ? 0 : d >= end ? 100 : (double)(d - start) / (double)(end - start) * 100.0;
    }
    bool done_by_date = r && r->has_data && date_to_days(r->data) <= d;
    bool done_by_progress = out->has_avanzamento && out->avanzamento >= 100;
    if (done_by_date || done_by_progress) {
        out->stato = MON_CONCLUSA;
        out->has_avanzamento = true;
        out->avanzamento = 100;
        if (done_by_date) {
            out->has_conclusione = true;
            out->conclusione = r->data;
            if (z->has_scadenza) {
                long late = date_to_days(r->data) - date_to_days(z->scadenza);
                out->has_ritardo = true;
                out->ritardo_giorni = late > 0 ? late : 0;
            }
        }
        return;
    }
    if (z->has_scadenza && date_to_days(z->scadenza) <= d) {
        out->stato = MON_SCADUTA;
        return;
    }
    /* the tolerance keeps a boundary case (11/20 of the time computed as 55,000…01 %) on the side
     * the exact figures put it */
    if (z->has_scadenza && out->has_avanzamento && out->avanzamento < out->atteso - margine - 1e-9) {
        out->stato = MON_A_RISCHIO;
        return;
    }
    out->stato = r ? MON_IN_CORSO : MON_SENZA_INFORMAZIONI;
}

static const Rilevazione *find(const Rilevazioni *set, const char *codice, int n)
{
    for (size_t i = 0; set && codice && i < set->n; i++) {
        const Rilevazione *r = &set->items[i];
        if (!r->invalid && r->obiettivo && r->azione == n && strcmp(r->obiettivo, codice) == 0)
            return r;
    }
    return NULL;
}

void monitoraggio_compute(const Plan *plan, const Rilevazioni *rilevazioni, const Esiti *esiti, int anno, Date al,
                          double margine, Monitoraggio *out)
{
    memset(out, 0, sizeof *out);
    out->anno = anno;
    out->al = al;
    out->margine = margine;
    out->obiettivi = xcalloc(plan->n_obiettivi + 1, sizeof *out->obiettivi);
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        const Annualita *a = obiettivo_annualita(o, anno);
        if (!a || a->n_azioni == 0)
            continue;
        ObiettivoMonitorato *om = &out->obiettivi[out->n++];
        om->obiettivo = o;
        om->n = a->n_azioni;
        om->azioni = xcalloc(a->n_azioni, sizeof *om->azioni);
        for (size_t k = 0; k < a->n_azioni; k++) {
            const Azione *z = &a->azioni[k];
            monitoraggio_azione(z, find(rilevazioni, o->codice, z->n), anno, al, margine, &om->azioni[k]);
            om->conteggi[om->azioni[k].stato]++;
            out->conteggi[om->azioni[k].stato]++;
            out->azioni++;
        }
    }
    monitor_indicators(plan, esiti, anno, al, margine, out);
}

void monitoraggio_free(Monitoraggio *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->obiettivi[i].azioni);
    free(m->obiettivi);
    free(m->indicatori);
    memset(m, 0, sizeof *m);
}
