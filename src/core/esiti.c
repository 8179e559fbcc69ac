#include "esiti.h"

#include <stdlib.h>
#include <string.h>

#include "graduazione.h"
#include "indicatori.h"
#include "rules.h"
#include "text.h"

Rule esiti_rule_for(const Azione *z, OrigineRegola *origine)
{
    if (z->regola.tipo != RULE_NONE) {
        *origine = ORIGINE_PIANO;
        return z->regola;
    }
    Rule r;
    if (rule_from_graduazione(z->graduazione, z->atteso, &r)) {
        *origine = ORIGINE_GRADUAZIONE;
        return r;
    }
    *origine = ORIGINE_MANUALE;
    memset(&r, 0, sizeof r);
    r.tipo = RULE_MANUALE;
    return r;
}

void esiti_rule_free(Rule *r, OrigineRegola origine)
{
    if (origine == ORIGINE_GRADUAZIONE)
        free(r->fasce);
    r->fasce = NULL;
}

static int find_objective(const Plan *plan, const char *codice)
{
    for (size_t i = 0; codice && i < plan->n_obiettivi; i++)
        if (plan->obiettivi[i].codice && strcmp(plan->obiettivi[i].codice, codice) == 0)
            return (int)i;
    return -1;
}

/* A percentuale written in the rilevazione, for an action or an indicator
 * (what: "azione n. 3"): with a manuale rule it is the result (rilevato);
 * otherwise it replaces the computed one (replaced: "quella della regola
 * «soglie»"; instead: "della regola") only with a nota saying why
 * (forzato). Returns false after reporting the error. */
static bool percentuale_given(const Rilevazione *r, const Rilevazioni *set, bool manuale, const char *what,
                              const char *replaced, const char *instead, StatoAzione *stato, double *percentuale,
                              char **dettaglio, DiagList *diags)
{
    if (!manuale && !(r->nota && *r->nota)) {
        raggiunto_diag(diags, DIAG_ERROR, set, r, -1,
                       "%s: la «percentuale» sostituisce %s solo con una «nota» che dica perché", what, replaced);
        return false;
    }
    char pct[32];
    rule_format_percent(pct, sizeof pct, r->percentuale);
    *stato = manuale ? STATO_RILEVATO : STATO_FORZATO;
    *percentuale = r->percentuale;
    *dettaglio = manuale ? xasprintf("percentuale indicata dall'ufficio: %s", pct)
                         : xasprintf("percentuale indicata dall'ufficio al posto %s: %s", instead, pct);
    return true;
}

/* Applies the rilevazione to the action: fills e, or reports an error. */
static void apply(EsitoAzione *e, const Rilevazione *r, const Rilevazioni *set, int objective, DiagList *diags)
{
    if (r->has_percentuale) {
        char *what = xasprintf("azione n. %d", r->azione);
        char *replaced = xasprintf("quella della regola «%s»", rule_type_name(e->regola.tipo));
        bool ok = percentuale_given(r, set, e->regola.tipo == RULE_MANUALE, what, replaced, "della regola", &e->stato,
                                    &e->percentuale, &e->dettaglio, diags);
        free(what);
        free(replaced);
        if (ok) {
            e->raggiunto = r->raggiunto ? xstrdup(r->raggiunto) : NULL;
            e->nota = r->nota ? xstrdup(r->nota) : NULL;
        }
        return;
    }
    RuleResult res;
    char *error = NULL;
    if (!rule_evaluate(&e->regola, e->azione, r, &res, &error)) {
        raggiunto_diag(diags, DIAG_ERROR, set, r, -1, "azione n. %d: %s", r->azione, error);
        free(error);
        return;
    }
    e->stato = STATO_RILEVATO;
    e->percentuale = res.percentuale;
    e->dettaglio = res.dettaglio;
    e->raggiunto = r->raggiunto ? xstrdup(r->raggiunto) : res.raggiunto;
    if (r->raggiunto)
        free(res.raggiunto);
    e->nota = r->nota ? xstrdup(r->nota) : NULL;
}

/* A rilevazione of an indicator (FORMAT §7): its % for the year. */
static void apply_indicatore(EsitoObiettivo *eo, const Rilevazione *ril, const Rilevazioni *set, int anno,
                             DiagList *diags)
{
    if ((size_t)ril->indicatore > eo->n_indicatori) {
        raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "l'obiettivo ha %zu indicator%s: non c'è l'indicatore n. %d",
                       eo->n_indicatori, eo->n_indicatori == 1 ? "e" : "i", ril->indicatore);
        return;
    }
    EsitoIndicatore *e = &eo->indicatori[ril->indicatore - 1];
    if (e->stato != STATO_NON_RILEVATO || e->dettaglio) {
        raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "seconda rilevazione per l'indicatore n. %d del %d",
                       ril->indicatore, anno);
        return;
    }
    if (!e->has_target) {
        raggiunto_diag(diags, DIAG_WARNING, set, ril, -1,
                       "l'indicatore n. %d non ha un target per il %d: la rilevazione non conta", ril->indicatore,
                       anno);
        e->dettaglio = xasprintf("nessun target per il %d", anno);
        return;
    }
    if (ril->invalid) {
        e->dettaglio = xstrdup("rilevazione non valida"); /* reported by the loader; blocks duplicates */
        return;
    }
    e->has_valore = ril->valore_kind == VALORE_NUMERO;
    e->valore = ril->valore;
    e->nota = ril->nota ? xstrdup(ril->nota) : NULL;
    if (ril->has_percentuale) {
        char *what = xasprintf("indicatore n. %d", ril->indicatore);
        if (!percentuale_given(ril, set, e->indicatore->regola.tipo == RULE_MANUALE, what, "quella calcolata dal valore",
                               "del calcolo", &e->stato, &e->percentuale, &e->dettaglio, diags))
            e->dettaglio = xstrdup("rilevazione non valida");
        free(what);
        return;
    }
    char *error = NULL;
    if (!indicatore_percentuale(e->indicatore, e->target, ril, &e->percentuale, &e->dettaglio, &error)) {
        raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "indicatore n. %d: %s", ril->indicatore, error);
        free(error);
        e->dettaglio = xstrdup("rilevazione non valida");
        return;
    }
    e->stato = STATO_RILEVATO;
}

/* An objective with no actions in the year is scored from its indicators. */
static void score_from_indicators(EsitoObiettivo *eo)
{
    double sum = 0, weights = 0;
    for (size_t k = 0; k < eo->n_indicatori; k++) {
        const EsitoIndicatore *e = &eo->indicatori[k];
        if (!e->has_target || e->stato == STATO_NON_RILEVATO)
            continue;
        double w = indicatore_peso(eo->obiettivo, e->indicatore);
        sum += w * e->percentuale;
        weights += w;
    }
    eo->da_indicatori = true;
    if (weights > 0) {
        eo->has_percentuale = true;
        eo->percentuale = sum / weights;
    }
}

void esiti_compute(const Plan *plan, const Rilevazioni *set, int anno, Esiti *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->anno = anno;
    out->n = plan->n_obiettivi;
    out->obiettivi = xcalloc(plan->n_obiettivi ? plan->n_obiettivi : 1, sizeof *out->obiettivi);
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        EsitoObiettivo *eo = &out->obiettivi[i];
        eo->obiettivo = &plan->obiettivi[i];
        eo->annualita = obiettivo_annualita(eo->obiettivo, anno);
        eo->n_azioni = eo->annualita ? eo->annualita->n_azioni : 0;
        eo->azioni = xcalloc(eo->n_azioni ? eo->n_azioni : 1, sizeof *eo->azioni);
        for (size_t k = 0; k < eo->n_azioni; k++) {
            EsitoAzione *e = &eo->azioni[k];
            e->azione = &eo->annualita->azioni[k];
            e->regola = esiti_rule_for(e->azione, &e->origine);
            e->stato = STATO_NON_RILEVATO;
        }
        const Obiettivo *o = eo->obiettivo;
        eo->n_indicatori = o->n_indicatori;
        eo->indicatori = xcalloc(o->n_indicatori ? o->n_indicatori : 1, sizeof *eo->indicatori);
        for (size_t k = 0; k < o->n_indicatori; k++) {
            EsitoIndicatore *e = &eo->indicatori[k];
            e->indicatore = &o->indicatori[k];
            e->n = (int)k + 1;
            e->has_target = indicatore_target(e->indicatore, anno, &e->target);
        }
    }
    /* Each rilevazione to its action; unknown targets and duplicates are errors. */
    size_t n_ril = set ? set->n : 0;
    for (size_t r = 0; r < n_ril; r++) {
        const Rilevazione *ril = &set->items[r];
        if (!ril->obiettivo || (ril->azione < 1 && ril->indicatore < 1))
            continue; /* already reported by the loader */
        int oi = find_objective(plan, ril->obiettivo);
        if (oi < 0) {
            raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "nessun obiettivo del piano ha il codice «%s»",
                           ril->obiettivo);
            continue;
        }
        EsitoObiettivo *eo = &out->obiettivi[oi];
        if (ril->indicatore > 0) {
            apply_indicatore(eo, ril, set, anno, diags);
            continue;
        }
        EsitoAzione *e = NULL;
        for (size_t k = 0; k < eo->n_azioni && !e; k++)
            if (eo->azioni[k].azione->n == ril->azione)
                e = &eo->azioni[k];
        if (!e) {
            raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "l'obiettivo non ha un'azione n. %d nel %d",
                           ril->azione, anno);
            continue;
        }
        if (e->stato != STATO_NON_RILEVATO || e->dettaglio) {
            raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "seconda rilevazione per l'azione n. %d del %d",
                           ril->azione, anno);
            continue;
        }
        bool progress_only = !raggiunto_has_result(ril) && (ril->has_avanzamento || ril->criticita || ril->proposta);
        if (!ril->invalid && progress_only) {
            /* progress only (monitoring during the year): not a result yet */
            char pct[32];
            if (ril->has_avanzamento)
                rule_format_percent(pct, sizeof pct, ril->avanzamento);
            e->dettaglio = !ril->has_avanzamento ? xstrdup("non ancora conclusa")
                           : ril->avanzamento >= 100
                               ? xstrdup("conclusa secondo l'avanzamento (100 %), ma senza un risultato: servono "
                                         "la data, il valore o la percentuale")
                               : xasprintf("non ancora conclusa: avanzamento %s", pct);
            e->nota = ril->nota ? xstrdup(ril->nota) : NULL;
            continue;
        }
        if (!ril->invalid)
            apply(e, ril, set, oi, diags);
        if (e->stato == STATO_NON_RILEVATO && !e->dettaglio)
            e->dettaglio = xstrdup("rilevazione non valida"); /* the error is reported; block duplicates */
    }
    /* Weighted % per objective, over the reported actions with a weight. */
    for (size_t i = 0; i < out->n; i++) {
        EsitoObiettivo *eo = &out->obiettivi[i];
        double sum = 0, weights = 0;
        for (size_t k = 0; k < eo->n_azioni; k++) {
            const EsitoAzione *e = &eo->azioni[k];
            if (e->stato == STATO_NON_RILEVATO) {
                eo->non_rilevate++;
                continue;
            }
            if (!e->azione->has_peso) {
                eo->senza_peso++;
                continue;
            }
            sum += e->azione->peso * e->percentuale;
            weights += e->azione->peso;
        }
        if (weights > 0) {
            eo->has_percentuale = true;
            eo->percentuale = sum / weights;
        }
        if (eo->n_azioni == 0 && eo->n_indicatori > 0)
            score_from_indicators(eo);
    }
}

void esiti_free(Esiti *e)
{
    for (size_t i = 0; i < e->n; i++) {
        EsitoObiettivo *eo = &e->obiettivi[i];
        for (size_t k = 0; k < eo->n_azioni; k++) {
            esiti_rule_free(&eo->azioni[k].regola, eo->azioni[k].origine);
            free(eo->azioni[k].raggiunto);
            free(eo->azioni[k].dettaglio);
            free(eo->azioni[k].nota);
        }
        free(eo->azioni);
        for (size_t k = 0; k < eo->n_indicatori; k++) {
            free(eo->indicatori[k].dettaglio);
            free(eo->indicatori[k].nota);
        }
        free(eo->indicatori);
    }
    free(e->obiettivi);
    memset(e, 0, sizeof *e);
}

const EsitoObiettivo *esiti_for(const Esiti *e, const Obiettivo *o)
{
    for (size_t i = 0; e && i < e->n; i++)
        if (e->obiettivi[i].obiettivo == o)
            return &e->obiettivi[i];
    return NULL;
}
