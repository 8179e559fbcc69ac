#include "model.h"

#include <stdlib.h>
#include <string.h>

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_obiettivo(Obiettivo *o)
{
    free(o->codice);
    free(o->nota_tipo);
    for (size_t i = 0; i < o->n_bilancio; i++) {
        free(o->bilancio[i].missione);
        free(o->bilancio[i].programma);
    }
    free(o->bilancio);
    char *fields[] = {o->linea_mandato, o->dup_strategica, o->dup_operativa,
                      o->dirigente, o->posizione_organizzativa, o->referenti,
                      o->descrizione, o->baseline, o->target, o->stakeholder,
                      o->accessibilita, o->unita_responsabile};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        free(fields[i]);
    free_strings(o->altre_unita, o->n_altre_unita);
    for (size_t i = 0; i < o->n_annualita; i++) {
        Annualita *a = &o->annualita[i];
        for (size_t j = 0; j < a->n_azioni; j++) {
            Azione *z = &a->azioni[j];
            free(z->azione);
            free(z->tempi);
            free(z->indicatore);
            free(z->atteso);
            free(z->graduazione);
            free(z->regola.fasce);
        }
        free(a->azioni);
    }
    free(o->annualita);
    for (size_t i = 0; i < o->n_risorse_umane; i++) {
        Risorsa *r = &o->risorse_umane[i];
        free(r->descrizione);
        free(r->responsabile);
        for (size_t j = 0; j < r->n_personale; j++)
            free(r->personale[j].nome);
        free(r->personale);
    }
    free(o->risorse_umane);
    for (size_t i = 0; i < o->n_finanziaria; i++) {
        Capitolo *c = &o->finanziaria[i];
        free(c->capitolo);
        free(c->descrizione);
        free(c->note);
        free(c->stanziamenti);
    }
    free(o->finanziaria);
    free(o->tipologia);
    for (size_t i = 0; i < o->n_collegamenti; i++) {
        free(o->collegamenti[i].livello);
        free(o->collegamenti[i].codice);
        free(o->collegamenti[i].testo);
    }
    free(o->collegamenti);
    for (size_t i = 0; i < o->n_campi; i++) {
        free(o->campi[i].etichetta);
        free(o->campi[i].valore);
    }
    free(o->campi);
    for (size_t i = 0; i < o->n_indicatori; i++) {
        Indicatore *ind = &o->indicatori[i];
        char *texts[] = {ind->nome, ind->tipo, ind->unita, ind->fonte, ind->formula};
        for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
            free(texts[k]);
        free(ind->valori);
        free(ind->regola.fasce);
    }
    free(o->indicatori);
}

void plan_free(Plan *plan)
{
    if (!plan)
        return;
    free(plan->ente);
    free(plan->versione.atto);
    free(plan->versione.descrizione);
    for (size_t i = 0; i < plan->n_persone; i++) {
        Persona *p = &plan->persone[i];
        free(p->id);
        free(p->nome);
        free(p->matricola);
        free(p->area);
        free_strings(p->alias, p->n_alias);
    }
    free(plan->persone);
    for (size_t i = 0; i < plan->n_obiettivi; i++)
        free_obiettivo(&plan->obiettivi[i]);
    free(plan->obiettivi);
    memset(plan, 0, sizeof *plan);
}

const Annualita *obiettivo_annualita(const Obiettivo *o, int anno)
{
    for (size_t i = 0; i < o->n_annualita; i++)
        if (o->annualita[i].anno == anno)
            return &o->annualita[i];
    return NULL;
}

const Azione *annualita_azione(const Annualita *a, int n)
{
    for (size_t i = 0; i < a->n_azioni; i++)
        if (a->azioni[i].n == n)
            return &a->azioni[i];
    return NULL;
}

bool indicatore_target(const Indicatore *ind, int anno, double *target)
{
    for (size_t i = 0; i < ind->n_valori; i++)
        if (ind->valori[i].anno == anno) {
            *target = ind->valori[i].target;
            return true;
        }
    return false;
}

bool obiettivo_del_anno(const Obiettivo *o, int anno)
{
    const Annualita *a = obiettivo_annualita(o, anno);
    if (a && a->n_azioni > 0)
        return true;
    double target;
    for (size_t i = 0; i < o->n_indicatori; i++)
        if (indicatore_target(&o->indicatori[i], anno, &target))
            return true;
    return false;
}

bool obiettivo_da_indicatori(const Obiettivo *o, int anno)
{
    const Annualita *a = obiettivo_annualita(o, anno);
    return o->n_indicatori > 0 && (!a || a->n_azioni == 0);
}

double pesatura_totale(const Pesatura *p)
{
    return p->rilevanza + p->innovativita + p->complessita + p->beneficio;
}

const char *rule_type_name(RuleType t)
{
    switch (t) {
    case RULE_RITARDO: return "ritardo";
    case RULE_SOGLIE: return "soglie";
    case RULE_PROPORZIONALE: return "proporzionale";
    case RULE_SI_NO: return "si_no";
    case RULE_MANUALE: return "manuale";
    case RULE_NONE: break;
    }
    return "nessuna";
}

const Obiettivo *plan_obiettivo(const Plan *plan, const char *codice)
{
    for (size_t i = 0; codice && i < plan->n_obiettivi; i++)
        if (plan->obiettivi[i].codice && strcmp(plan->obiettivi[i].codice, codice) == 0)
            return &plan->obiettivi[i];
    return NULL;
}
