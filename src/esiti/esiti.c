#include "esiti.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graduazione.h"
#include "indicatori.h"
#include "rules.h"
#include "text.h"

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
        diag_set_campo(diags, "nota");
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

/* What a rule that does not read dates needs besides a completion date. */
static const char *what_the_rule_needs(RuleType tipo)
{
    switch (tipo) {
    case RULE_SOGLIE:
    case RULE_PROPORZIONALE: return "il «valore» misurato (o la «percentuale» con una «nota»)";
    case RULE_SI_NO: return "il «valore» sì o no";
    default: return "la «percentuale»";
    }
}

/* A completion date alone, on a rule that does not turn dates into a %:
 * the action is concluded but has no % yet. At year end that is worth a
 * warning (the result is missing); during the year (al) it is expected. */
static void date_only(EsitoAzione *e, const Rilevazione *r, const Rilevazioni *set, const Date *al, DiagList *diags)
{
    char done[11];
    date_format_it(r->data, done);
    const char *needs = what_the_rule_needs(e->regola.tipo);
    e->dettaglio = xasprintf("conclusa il %s; con la regola «%s» la data non dà la percentuale: serve %s", done,
                             rule_type_name(e->regola.tipo), needs);
    e->nota = r->nota ? xstrdup(r->nota) : NULL;
    if (!al)
        raggiunto_diag(diags, DIAG_WARNING, set, r, -1,
                       "azione n. %d: conclusa il %s, ma la regola è «%s» e la data non dà la percentuale: "
                       "serve %s; l'azione resta non rilevata", r->azione, done, rule_type_name(e->regola.tipo),
                       needs);
}

/* e takes what the rule made of r (res's strings move into e); the raggiunto written in r wins over the rule's. */
static void take_rule_result(EsitoAzione *e, const Rilevazione *r, RuleResult *res)
{
    e->stato = STATO_RILEVATO;
    e->percentuale = res->percentuale;
    e->dettaglio = res->dettaglio;
    e->raggiunto = r->raggiunto ? xstrdup(r->raggiunto) : res->raggiunto;
    if (r->raggiunto)
        free(res->raggiunto);
    e->nota = r->nota ? xstrdup(r->nota) : NULL;
}

/* Applies the rilevazione to the action: fills e, or reports an error. */
static void apply(EsitoAzione *e, const Rilevazione *r, const Rilevazioni *set, const Date *al, DiagList *diags)
{
    if (r->has_data && r->valore_kind == VALORE_NESSUNO && !r->has_percentuale && e->regola.tipo != RULE_RITARDO) {
        date_only(e, r, set, al, diags);
        return;
    }
    if (r->has_percentuale && e->regola.tipo != RULE_MANUALE) {
        /* the % the rule itself gives from the rest of the rilevazione (a date, a value): written again, it replaces
           nothing and needs no nota (docs/formato.md §4) */
        Rilevazione without = *r;
        without.has_percentuale = false;
        RuleResult same;
        char *ignored = NULL;
        if (raggiunto_has_result(&without) && rule_evaluate(&e->regola, e->azione, &without, &same, &ignored)) {
            bool equal = fabs(same.percentuale - r->percentuale) < 0.005;
            if (equal) {
                take_rule_result(e, r, &same);
                return;
            }
            free(same.dettaglio);
            free(same.raggiunto);
        }
        free(ignored);
    }
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
        diag_set_campo(diags, r->has_data ? "data" : "valore");
        free(error);
        return;
    }
    take_rule_result(e, r, &res);
}

/* Whether the rilevazione r is dated after the monitoring date al (so not known at al). */
static bool after(const Rilevazione *r, const Date *al)
{
    return al && r->has_data && date_compare(r->data, *al) > 0;
}

/* A rilevazione of an indicator (docs/formato.md §7): its % for the year.
 * Of several dated values the latest counts; two undated ones, or two of
 * one date, are an error. */
static void apply_indicatore(EsitoObiettivo *eo, const Rilevazione *ril, const Rilevazioni *set, int anno,
                             DiagList *diags)
{
    if ((size_t)ril->indicatore > eo->n_indicatori) {
        raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "l'obiettivo ha %zu indicator%s: non c'è l'indicatore n. %d",
                       eo->n_indicatori, eo->n_indicatori == 1 ? "e" : "i", ril->indicatore);
        return;
    }
    EsitoIndicatore *e = &eo->indicatori[ril->indicatore - 1];
    if (e->from) {
        const Rilevazione *prev = e->from;
        if (!prev->has_data || !ril->has_data || date_compare(prev->data, ril->data) == 0) {
            raggiunto_diag(diags, DIAG_ERROR, set, ril, -1,
                           "seconda rilevazione per l'indicatore n. %d del %d%s", ril->indicatore, anno,
                           prev->has_data && ril->has_data ? " alla stessa data"
                                                           : ": più valori si distinguono per la «data»");
            return;
        }
        if (date_compare(ril->data, prev->data) < 0)
            return; /* an earlier value: the later one stands */
        free(e->dettaglio);
        free(e->nota);
        e->dettaglio = e->nota = NULL;
        e->stato = STATO_NON_RILEVATO;
        e->has_valore = false;
    }
    e->from = ril;
    e->has_data = ril->has_data;
    e->data = ril->data;
    if (!e->has_target) {
        raggiunto_diag(diags, DIAG_WARNING, set, ril, -1,
                       "l'indicatore n. %d non ha un target per il %d: la rilevazione non conta", ril->indicatore,
                       anno);
        e->dettaglio = xasprintf("nessun target per il %d", anno);
        return;
    }
    if (ril->invalid) {
        e->dettaglio = xstrdup("rilevazione non valida"); /* reported by the loader */
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

/* The indicators' figure of the year (see EsitoObiettivo); when the year
 * has no actions it is the objective's %. */
static void score_indicators(EsitoObiettivo *eo)
{
    double sum = 0, weights = 0;
    for (size_t k = 0; k < eo->n_indicatori; k++) {
        const EsitoIndicatore *e = &eo->indicatori[k];
        if (!e->has_target)
            continue;
        eo->indicatori_con_target++;
        if (e->stato == STATO_NON_RILEVATO) {
            eo->indicatori_non_rilevati++;
            continue;
        }
        double w = indicatore_peso(eo->obiettivo, e->indicatore);
        sum += w * e->percentuale;
        weights += w;
    }
    if (weights > 0) {
        eo->has_percentuale_indicatori = true;
        eo->percentuale_indicatori = sum / weights;
    }
    if (eo->n_azioni == 0 && eo->n_indicatori > 0) {
        eo->da_indicatori = true;
        eo->has_percentuale = eo->has_percentuale_indicatori;
        eo->percentuale = eo->percentuale_indicatori;
    }
}

void esiti_compute(const Plan *plan, const Rilevazioni *set, int anno, Esiti *out, DiagList *diags)
{
    esiti_compute_at(plan, set, anno, NULL, out, diags);
}

/* Every objective of the plan with its actions of the year (each with its
 * rule, non rilevata until a rilevazione says otherwise) and its indicators. */
static void prepare(const Plan *plan, int anno, Esiti *out)
{
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
            e->regola = rule_for_action(e->azione, &e->origine);
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
}

/* The action of eo a rilevazione names; NULL (with the error) when the
 * objective has no such action in the year, or it was reported already. */
static EsitoAzione *action_of(EsitoObiettivo *eo, const Rilevazione *ril, const Rilevazioni *set, int anno,
                              DiagList *diags)
{
    EsitoAzione *e = NULL;
    for (size_t k = 0; k < eo->n_azioni && !e; k++)
        if (eo->azioni[k].azione->n == ril->azione)
            e = &eo->azioni[k];
    if (!e) {
        raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "l'obiettivo non ha un'azione n. %d nel %d", ril->azione,
                       anno);
        diag_set_campo(diags, "azione");
        return NULL;
    }
    if (e->stato != STATO_NON_RILEVATO || e->dettaglio) {
        raggiunto_diag(diags, DIAG_ERROR, set, ril, -1, "seconda rilevazione per l'azione n. %d del %d", ril->azione,
                       anno);
        return NULL;
    }
    return e;
}

/* One rilevazione of an action, as known at al (a completion dated later
 * is not): progress only, a date still to come, or a result by the rule. */
static void take_rilevazione(EsitoAzione *e, const Rilevazione *ril, const Rilevazioni *set, const Date *al,
                             DiagList *diags)
{
    Rilevazione known = *ril;
    if (after(ril, al))
        known.has_data = false;
    bool progress_only = !raggiunto_has_result(&known) && (known.has_avanzamento || known.criticita || known.proposta);
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
        return;
    }
    if (!ril->invalid && !raggiunto_has_result(&known) && ril->has_data) {
        char done[11], at[11];
        date_format_it(ril->data, done);
        date_format_it(*al, at);
        e->dettaglio = xasprintf("completata il %s, dopo il %s: non ancora nota a quella data", done, at);
        e->nota = ril->nota ? xstrdup(ril->nota) : NULL;
        return;
    }
    if (!ril->invalid)
        apply(e, &known, set, al, diags);
    if (e->stato == STATO_NON_RILEVATO && !e->dettaglio)
        e->dettaglio = xstrdup("rilevazione non valida"); /* the error is reported; block duplicates */
}

/* The objective's % from its actions: weighted by peso over the reported
 * actions with a weight; then its indicators' (score_indicators). */
static void score_objective(EsitoObiettivo *eo)
{
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
    score_indicators(eo);
}

void esiti_compute_at(const Plan *plan, const Rilevazioni *set, int anno, const Date *al, Esiti *out,
                      DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->anno = anno;
    out->has_al = al != NULL;
    if (al)
        out->al = *al;
    prepare(plan, anno, out);
    /* Each rilevazione to its action or indicator; unknown targets and duplicates are errors. */
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
            if (!after(ril, al)) /* a value measured after al is not known at al */
                apply_indicatore(eo, ril, set, anno, diags);
            continue;
        }
        EsitoAzione *e = action_of(eo, ril, set, anno, diags);
        if (e)
            take_rilevazione(e, ril, set, al, diags);
    }
    for (size_t i = 0; i < out->n; i++)
        score_objective(&out->obiettivi[i]);
}

void esiti_free(Esiti *e)
{
    for (size_t i = 0; i < e->n; i++) {
        EsitoObiettivo *eo = &e->obiettivi[i];
        for (size_t k = 0; k < eo->n_azioni; k++) {
            rule_for_action_free(&eo->azioni[k].regola, eo->azioni[k].origine);
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
