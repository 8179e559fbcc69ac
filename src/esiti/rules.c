#include "rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "calendar.h"
#include "text.h"

void rule_format_percent(char *buf, size_t size, double value)
{
    if (text_format_huge(buf, size, value, "\u00A0%"))
        return;
    double r = round(value * 100.0);
    int neg = r < 0;
    unsigned long long cents = (unsigned long long)(neg ? -r : r);
    snprintf(buf, size, "%s%llu,%02llu\u00A0%%", neg ? "-" : "", cents / 100, cents % 100);
}

static char *num(double v)
{
    char b[64];
    text_format_number(b, sizeof b, v);
    return xstrdup(b);
}

static char *pct(double v)
{
    char b[64];
    rule_format_percent(b, sizeof b, v);
    return xstrdup(b);
}

static bool ritardo(const Rule *rule, const Azione *z, const Rilevazione *ril, RuleResult *res, char **error)
{
    if (!ril->has_data) {
        *error = xstrdup("la regola è «ritardo»: serve la «data» di completamento");
        return false;
    }
    if (!z->has_scadenza) {
        *error = xstrdup("l'azione non ha una «scadenza» nel piano: il ritardo non si può calcolare; "
                         "indicare «percentuale» e «nota»");
        return false;
    }
    long late = rule->giorni_lavorativi ? calendar_working_days_between(z->scadenza, ril->data)
                                        : date_to_days(ril->data) - date_to_days(z->scadenza);
    const char *unit = late == 1 ? (rule->giorni_lavorativi ? "giorno lavorativo" : "giorno")
                                 : (rule->giorni_lavorativi ? "giorni lavorativi" : "giorni");
    char done[11], due[11];
    date_format_it(ril->data, done);
    date_format_it(z->scadenza, due);
    res->percentuale = 0;
    const RuleBand *hit = NULL;
    for (size_t i = 0; i < rule->n_fasce; i++)
        if (rule->fasce[i].limit >= (double)(late > 0 ? late : 0)) {
            hit = &rule->fasce[i];
            break;
        }
    if (hit)
        res->percentuale = hit->percentuale;
    char *p = pct(res->percentuale);
    if (late <= 0) {
        res->raggiunto = xasprintf("%s \u2013 nei tempi", done);
        res->dettaglio = xasprintf("completata il %s, entro la scadenza del %s: %s", done, due, p);
    } else {
        res->raggiunto = xasprintf("%s \u2013 %ld gg di ritardo", done, late);
        if (hit && hit->limit >= RULE_OPEN_DAYS)
            res->dettaglio = xasprintf("completata il %s, %ld %s dopo la scadenza del %s: fascia oltre i "
                                       "giorni precedenti, %s", done, late, unit, due, p);
        else if (hit) {
            char *lim = num(hit->limit);
            res->dettaglio = xasprintf("completata il %s, %ld %s dopo la scadenza del %s: fascia fino a %s "
                                       "%s, %s", done, late, unit, due, lim, hit->limit == 1 ? "giorno" : "giorni", p);
            free(lim);
        } else
            res->dettaglio = xasprintf("completata il %s, %ld %s dopo la scadenza del %s: oltre l'ultima "
                                       "fascia, %s", done, late, unit, due, p);
    }
    free(p);
    return true;
}

static bool need_number(const Rilevazione *ril, const char *rule_name, char **error)
{
    if (ril->valore_kind == VALORE_NUMERO)
        return true;
    if (ril->valore_kind == VALORE_SI_NO)
        *error = xasprintf("la regola è «%s»: il «valore» deve essere un numero, non sì/no", rule_name);
    else if (ril->has_data)
        *error = xasprintf("la regola è «%s»: serve un «valore» numerico, non una data", rule_name);
    else
        *error = xasprintf("la regola è «%s»: manca il «valore» misurato", rule_name);
    return false;
}

static bool soglie(const Rule *rule, const Rilevazione *ril, RuleResult *res, char **error)
{
    if (!need_number(ril, "soglie", error))
        return false;
    double v = ril->valore;
    const RuleBand *hit = NULL;
    for (size_t i = 0; i < rule->n_fasce && !hit; i++)
        if (rule->verso == VERSO_CRESCENTE ? v >= rule->fasce[i].limit : v <= rule->fasce[i].limit)
            hit = &rule->fasce[i];
    res->percentuale = hit ? hit->percentuale : 0;
    char *vs = num(v), *p = pct(res->percentuale);
    res->raggiunto = xstrdup(vs);
    if (hit) {
        char *lim = num(hit->limit);
        res->dettaglio = xasprintf("valore %s: fascia %s %s, %s", vs,
                                   rule->verso == VERSO_CRESCENTE ? "da" : "fino a", lim, p);
        free(lim);
    } else {
        res->dettaglio = xasprintf("valore %s: fuori da tutte le fasce, %s", vs, p);
    }
    free(vs);
    free(p);
    return true;
}

static bool proporzionale(const Rule *rule, const Rilevazione *ril, RuleResult *res, char **error)
{
    if (!need_number(ril, "proporzionale", error))
        return false;
    double v = ril->valore;
    res->percentuale = v <= 0 ? 0 : fmin(100.0, v / rule->obiettivo * 100.0);
    char *vs = num(v), *os = num(rule->obiettivo), *p = pct(res->percentuale);
    res->raggiunto = xstrdup(vs);
    res->dettaglio = xasprintf("%s su %s%s: %s", vs, os, v > rule->obiettivo ? " (oltre l'obiettivo)" : "", p);
    free(vs);
    free(os);
    free(p);
    return true;
}

static bool si_no(const Rilevazione *ril, RuleResult *res, char **error)
{
    if (ril->valore_kind != VALORE_SI_NO) {
        *error = xstrdup("la regola è «si_no»: il «valore» deve essere sì o no (true/false)");
        return false;
    }
    res->percentuale = ril->valore_si ? 100 : 0;
    res->raggiunto = xstrdup(ril->valore_si ? "s\u00ec" : "no");
    res->dettaglio = xstrdup(ril->valore_si ? "realizzata: 100,00\u00A0%" : "non realizzata: 0,00\u00A0%");
    return true;
}

bool rule_evaluate(const Rule *rule, const Azione *azione, const Rilevazione *ril, RuleResult *res,
                   char **error)
{
    res->percentuale = 0;
    res->raggiunto = res->dettaglio = NULL;
    *error = NULL;
    switch (rule->tipo) {
    case RULE_RITARDO: return ritardo(rule, azione, ril, res, error);
    case RULE_SOGLIE: return soglie(rule, ril, res, error);
    case RULE_PROPORZIONALE: return proporzionale(rule, ril, res, error);
    case RULE_SI_NO: return si_no(ril, res, error);
    case RULE_MANUALE:
    case RULE_NONE: break;
    }
    *error = xstrdup("la regola è «manuale»: serve la «percentuale»");
    return false;
}

char *rule_describe(const Rule *rule, const Azione *z)
{
    StrBuf b = {0};
    char tmp[128];
    switch (rule->tipo) {
    case RULE_RITARDO:
        if (z && z->has_scadenza) {
            char d[11];
            date_format_it(z->scadenza, d);
            snprintf(tmp, sizeof tmp, "ritardo sul %s (giorni %s): ", d, rule->giorni_lavorativi ? "lavorativi" : "di calendario");
        } else {
            snprintf(tmp, sizeof tmp, "ritardo (scadenza mancante; giorni %s): ",
                     rule->giorni_lavorativi ? "lavorativi" : "di calendario");
        }
        strbuf_puts(&b, tmp);
        for (size_t i = 0; i < rule->n_fasce; i++) {
            char *p = pct(rule->fasce[i].percentuale);
            if (rule->fasce[i].limit <= 0)
                snprintf(tmp, sizeof tmp, "nei tempi %s; ", p);
            else if (rule->fasce[i].limit >= RULE_OPEN_DAYS)
                snprintf(tmp, sizeof tmp, "oltre %s; ", p);
            else {
                char *l = num(rule->fasce[i].limit);
                snprintf(tmp, sizeof tmp, "fino a %s gg %s; ", l, p);
                free(l);
            }
            free(p);
            strbuf_puts(&b, tmp);
        }
        strbuf_puts(&b, rule->n_fasce && rule->fasce[rule->n_fasce - 1].limit >= RULE_OPEN_DAYS ? "" : "oltre 0,00\u00A0%");
        break;
    case RULE_SOGLIE:
        strbuf_puts(&b, rule->verso == VERSO_CRESCENTE ? "soglie (valore almeno): " : "soglie (valore al più): ");
        for (size_t i = 0; i < rule->n_fasce; i++) {
            char *l = num(rule->fasce[i].limit), *p = pct(rule->fasce[i].percentuale);
            snprintf(tmp, sizeof tmp, "%s %s %s; ", rule->verso == VERSO_CRESCENTE ? "da" : "fino a", l, p);
            strbuf_puts(&b, tmp);
            free(l);
            free(p);
        }
        strbuf_puts(&b, "altrimenti 0,00\u00A0%");
        break;
    case RULE_PROPORZIONALE: {
        char *o = num(rule->obiettivo);
        snprintf(tmp, sizeof tmp, "proporzionale: valore / %s \u00D7 100, al massimo 100,00\u00A0%%", o);
        strbuf_puts(&b, tmp);
        free(o);
        break;
    }
    case RULE_SI_NO: strbuf_puts(&b, "s\u00ec/no: realizzata 100,00\u00A0%, non realizzata 0,00\u00A0%"); break;
    case RULE_MANUALE: strbuf_puts(&b, "manuale: la percentuale la indica l'ufficio"); break;
    case RULE_NONE: strbuf_puts(&b, "nessuna regola"); break;
    }
    return b.data ? b.data : xstrdup("");
}
