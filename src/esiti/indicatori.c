#include "indicatori.h"

#include <math.h>
#include <stdlib.h>

#include "rules.h"
#include "text.h"

bool indicatore_percentuale(const Indicatore *ind, double target, const Rilevazione *r, double *pct,
                            char **dettaglio, char **error)
{
    if (ind->regola.tipo != RULE_NONE) {
        /* an explicit rule works on the rilevazione as for an action (no
         * scadenza: ritardo is refused by the loader) */
        Azione none = {0};
        RuleResult res;
        if (!rule_evaluate(&ind->regola, &none, r, &res, error))
            return false;
        *pct = res.percentuale;
        *dettaglio = res.dettaglio;
        free(res.raggiunto);
        return true;
    }
    if (r->valore_kind != VALORE_NUMERO) {
        *error = xstrdup("serve un «valore» numerico da confrontare con il target");
        return false;
    }
    double v = r->valore, p;
    char vs[64], ts[64], ps[32];
    text_format_number(vs, sizeof vs, v);
    text_format_number(ts, sizeof ts, target);
    if (ind->verso == VERSO_CRESCENTE) {
        p = target > 0 ? v / target * 100.0 : 0;
    } else if (v == 0) {
        p = 100;
    } else if (v < 0) {
        *error = xasprintf("valore %s negativo: con verso decrescente la percentuale è target / valore", vs);
        return false;
    } else {
        p = target / v * 100.0;
    }
    if (p > 100)
        p = 100;
    if (p < 0 || !isfinite(p))
        p = 0;
    rule_format_percent(ps, sizeof ps, p);
    if (ind->verso == VERSO_CRESCENTE)
        *dettaglio = xasprintf("crescente: valore %s / target %s = %s%s", vs, ts, ps,
                               v / target * 100.0 > 100 ? " (al massimo 100\u00A0%)" : "");
    else if (v == 0)
        *dettaglio = xasprintf("decrescente: valore 0, target %s = 100,00\u00A0%%", ts);
    else
        *dettaglio = xasprintf("decrescente: target %s / valore %s = %s%s", ts, vs, ps,
                               target / v * 100.0 > 100 ? " (al massimo 100\u00A0%)" : "");
    *pct = p;
    return true;
}

double indicatore_peso(const Obiettivo *o, const Indicatore *ind)
{
    for (size_t i = 0; i < o->n_indicatori; i++)
        if (o->indicatori[i].has_peso)
            return ind->has_peso ? ind->peso : 0;
    return 1;
}

char *indicatore_describe(const Indicatore *ind)
{
    if (ind->regola.tipo != RULE_NONE)
        return rule_describe(&ind->regola, NULL);
    return xstrdup(ind->verso == VERSO_DECRESCENTE
                       ? "decrescente: target / valore × 100, al massimo 100\u00A0% (valore 0: 100\u00A0%)"
                       : "crescente: valore / target × 100, al massimo 100\u00A0%");
}

char *indicatore_row_text(const Indicatore *ind, double target, int anno)
{
    char t[48];
    text_format_number(t, sizeof t, target);
    bool unit = ind->unita && *ind->unita;
    return xasprintf("%s (target %d: %s%s%s)", ind->nome ? ind->nome : "", anno, t, unit ? "\u00A0" : "",
                     unit ? ind->unita : "");
}

bool plan_has_indicator_targets(const Plan *plan, int anno)
{
    for (size_t i = 0; i < plan->n_obiettivi; i++)
        for (size_t k = 0; k < plan->obiettivi[i].n_indicatori; k++) {
            double t;
            if (indicatore_target(&plan->obiettivi[i].indicatori[k], anno, &t))
                return true;
        }
    return false;
}
