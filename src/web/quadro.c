/* SPDX-License-Identifier: EUPL-1.2 */
/* quadro.c — where the objectives of the year stand (quadro.h). */
#include "quadro.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

Date quadro_oggi(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* Whether action n of codice is among the rilevate (sorted by objective, then action). */
static bool reported(const AzioneRilevata *r, size_t n_r, const char *codice, int n)
{
    size_t lo = 0, hi = n_r;
    while (lo < hi) { /* the first of codice */
        size_t mid = (lo + hi) / 2;
        if (strcmp(r[mid].obiettivo, codice) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n_r && strcmp(r[i].obiettivo, codice) == 0; i++)
        if (r[i].azione == n)
            return true;
    return false;
}

typedef struct {
    const char *codice; /* after the key's prefix */
    const Stato *stato;
} StatoDi;

static int cmp_stato_di(const void *a, const void *b)
{
    return strcmp(((const StatoDi *)a)->codice, ((const StatoDi *)b)->codice);
}

void quadro_carica(Server *s, const Periodo *p, Date oggi, Quadro *q)
{
    memset(q, 0, sizeof *q);
    q->periodo = *p;
    const Date *al = p->has_al ? &p->al : NULL;
    q->has_termine = archivio_termine(s->a, s->anno, al, &q->termine);
    /* the states of the raccolta's objectives, in one read: the keys are "2024 SG-01" or "2024 al 2024-06-30 SG-01" */
    char *prefix = periodo_chiave(s, p), *with_space = xasprintf("%s ", prefix);
    char **keys;
    Stato *states;
    size_t n_states = archivio_stati(s->a, "rilevazioni", with_space, &keys, &states);
    StatoDi *by_code = xcalloc(n_states + 1, sizeof *by_code);
    for (size_t k = 0; k < n_states; k++)
        by_code[k] = (StatoDi){keys[k] + strlen(with_space), &states[k]};
    qsort(by_code, n_states, sizeof *by_code, cmp_stato_di);
    AzioneRilevata *rilevate;
    size_t n_rilevate = archivio_tutte_rilevate(s->a, s->anno, al, &rilevate);
    q->voci = xcalloc(s->plan.n_obiettivi + 1, sizeof *q->voci);
    for (size_t i = 0; i < s->plan.n_obiettivi; i++) {
        const Obiettivo *o = &s->plan.obiettivi[i];
        const Annualita *an = obiettivo_annualita(o, s->anno);
        if (!an)
            continue;
        VoceQuadro *v = &q->voci[q->n++];
        v->obiettivo = o;
        v->stato = flusso_iniziale(FLUSSO_RILEVAZIONI);
        v->azioni = an->n_azioni;
        StatoDi probe = {o->codice, NULL};
        const StatoDi *hit = n_states ? bsearch(&probe, by_code, n_states, sizeof *by_code, cmp_stato_di) : NULL;
        if (hit) {
            if (hit->stato->stato)
                stato_da_nome(hit->stato->stato, &v->stato);
            v->nota = hit->stato->nota ? xstrdup(hit->stato->nota) : NULL;
        }
        q->per_stato[v->stato]++;
        /* deadlines: only the actions without a rilevazione count */
        for (size_t k = 0; k < an->n_azioni; k++) {
            const Azione *az = &an->azioni[k];
            if (reported(rilevate, n_rilevate, o->codice, az->n)) {
                v->rilevate++;
                continue;
            }
            if (!az->has_scadenza)
                continue;
            if (date_compare(az->scadenza, oggi) < 0)
                v->in_ritardo++;
            else if (!v->has_scadenza || date_compare(az->scadenza, v->scadenza) < 0) {
                v->has_scadenza = true;
                v->scadenza = az->scadenza;
            }
        }
    }
    for (size_t k = 0; k < n_states; k++) {
        free(keys[k]);
        stato_free(&states[k]);
    }
    free(by_code);
    free(keys);
    free(states);
    azioni_rilevate_free(rilevate, n_rilevate);
    free(with_space);
    free(prefix);
}

void quadro_free(Quadro *q)
{
    for (size_t i = 0; i < q->n; i++)
        free(q->voci[i].nota);
    free(q->voci);
    memset(q, 0, sizeof *q);
}

void quadro_rilevate(const VoceQuadro *v, char *buf, size_t size)
{
    snprintf(buf, size, "%zu su %zu", v->rilevate, v->azioni);
}
